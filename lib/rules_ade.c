/* SPDX-License-Identifier: MIT */
/*
 * rules_ade.c: rules about Azure Disk Encryption and what it cannot be
 * combined with (customer keys, encryption at host, some disk types), its
 * key vault, and its retirement; plus the disk-type and subscription
 * feature rules of encryption at host and double encryption.
 */
#include "rules.h"

#include <string.h>

static bool
unsupported_sku(enum adc_storage_sku sku)
{
	return sku == ADC_SKU_ULTRASSD_LRS || sku == ADC_SKU_PREMIUMV2_LRS;
}

/* [ADELS][ADEWS][CMKR]: ADE and CMK exclude each other in either order,
 * and the UDE flag keeps a once-ADE disk from ever getting CMK. */
RULE_FN(r_ade_with_cmk)
{
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;
		const char *des = d->des_id != NULL ? d->des_id :
		    d->secure_des_id;
		const char *res[2] = { d->id, des };
		bool now;

		if (ctx_disk_cmk(cd) != ADC_YES)
			continue;
		now = disk_ade_on(d, cd->vm) == ADC_YES;
		if (!now && d->ever_ade != ADC_YES)
			continue;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res,
		    des != NULL ? 2 : 1, &d->origin,
		    "disk %s %s Azure Disk Encryption and uses a customer key "
		    "(DES %s): Azure does not support the combination",
		    res_name(d->name, d->id), now ? "has" : "once had",
		    des != NULL ? res_name(NULL, des) : "unknown");
	}
}

/* [EAHR]: EAH cannot be enabled on a VM that has or ever had ADE. */
RULE_FN(r_ade_with_eah)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm->encryption_at_host != ADC_YES ||
		    vm_ever_ade(vm) != ADC_YES)
			continue;
		rule_fail(ctx, rule, vm->id, &vm->origin,
		    "VM %s has encryption at host and %s Azure Disk "
		    "Encryption: Azure rejects the combination",
		    res_name(vm->name, vm->id),
		    vm_ade_on(vm) == ADC_YES ? "uses" : "once used");
	}
}

/* [ADELS][ADEWS][EPH]: no ADE on ephemeral OS, Ultra or Premium SSD v2. */
RULE_FN(r_ade_unsupported_disk)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm->ephemeral_os == ADC_YES && vm_ade_on(vm) == ADC_YES)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s uses Azure Disk Encryption with an "
			    "ephemeral OS disk, which ADE does not support",
			    res_name(vm->name, vm->id));
	}
	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;

		if (!unsupported_sku(d->sku) ||
		    disk_ade_on(d, cd->vm) != ADC_YES)
			continue;
		rule_fail(ctx, rule, d->id, &d->origin,
		    "disk %s is %s with Azure Disk Encryption, which ADE "
		    "does not support", res_name(d->name, d->id),
		    sku_name(d->sku));
	}
}

/* The key vaults a VM's ADE uses, each once: at most the VM's two and two
 * per disk. Returns how many were stored in ids. */
static size_t
ade_vaults(const struct adc_vm *vm, const char **ids, size_t max)
{
	const struct adc_disk *d;
	const char *cand;
	size_t n = 0, i, j, k;

	for (i = 0; n < max; i++) {
		const struct adc_ade *ade;

		if (i == 0) {
			ade = &vm->ade;
		} else {
			d = vm_disk(vm, i - 1);
			if (d == NULL)
				break;
			ade = &d->ade;
		}
		for (k = 0; k < 2 && n < max; k++) {
			cand = k == 0 ? ade->secret_vault_id :
			    ade->kek_vault_id;
			for (j = 0; j < n && !id_eq(ids[j], cand); j++)
				continue;
			if (cand != NULL && j == n)
				ids[n++] = cand;
		}
	}
	return n;
}

static void
check_ade_vault(struct rule_ctx *ctx, const struct adc_rule *rule,
    const struct adc_vm *vm, const char *vault_id)
{
	const struct adc_vault *v = ctx_vault_by_id(ctx, vault_id);
	const char *res[2] = { vm->id, vault_id };

	if (subscription_eq(vm->subscription, vm->id,
	    v != NULL ? v->subscription : NULL, vault_id) == ADC_NO)
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &vm->origin, "VM %s uses ADE key vault %s in another "
		    "subscription", res_name(vm->name, vm->id),
		    res_name(NULL, vault_id));
	if (v == NULL)
		return;
	if (region_eq(v->location, vm->location) == ADC_NO)
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &vm->origin, "VM %s (%s) uses ADE key vault %s in "
		    "region %s", res_name(vm->name, vm->id), vm->location,
		    res_name(v->name, v->id), v->location);
}

/* [ADEL][ADEW][ADEKV][CLI245]: same region and subscription. */
RULE_FN(r_ade_vault_location)
{
	const struct adc_estate *e = ctx->estate;
	const char *ids[16];
	size_t i, j, n;

	for (i = 0; i < e->n_vms; i++) {
		if (vm_ade_on(e->vms[i]) != ADC_YES)
			continue;
		n = ade_vaults(e->vms[i], ids, 16);
		for (j = 0; j < n; j++)
			check_ade_vault(ctx, rule, e->vms[i], ids[j]);
	}
}

/* [ADEKV]: enabledForDiskEncryption is required for ADE's vault. */
RULE_FN(r_ade_vault_not_enabled)
{
	const struct adc_estate *e = ctx->estate;
	const struct adc_vault *v;
	const char *ids[16];
	size_t i, j, n;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm_ade_on(vm) != ADC_YES)
			continue;
		n = ade_vaults(vm, ids, 16);
		for (j = 0; j < n; j++) {
			v = ctx_vault_by_id(ctx, ids[j]);
			if (v == NULL || v->enabled_for_disk_encryption ==
			    ADC_YES)
				continue;
			if (v->enabled_for_disk_encryption == ADC_NO)
				rule_fail(ctx, rule, v->id, &v->origin,
				    "key vault %s, used by ADE on VM %s, is "
				    "not enabled for disk encryption",
				    res_name(v->name, v->id),
				    res_name(vm->name, vm->id));
			else
				rule_unknown(ctx, rule, v->id, &v->origin,
				    "key vault %s, used by ADE on VM %s: "
				    "enabledForDiskEncryption unknown; az "
				    "keyvault show output decides",
				    res_name(v->name, v->id),
				    res_name(vm->name, vm->id));
		}
	}
}

/* [ADERET][MIG]: retirement, and that migrating means new disks. */
RULE_FN(r_ade_retiring)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm_ade_on(vm) == ADC_YES)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s uses Azure Disk Encryption, which retires "
			    "on 2028-09-15 (disks fail to unlock after a "
			    "reboot); migrating means new disks",
			    res_name(vm->name, vm->id));
	}
	for (i = 0; i < ctx->n_disks; i++) {
		const struct adc_disk *d = ctx->disks[i].disk;

		if (ctx->disks[i].vm == NULL && d->ade.enabled == ADC_YES)
			rule_fail(ctx, rule, d->id, &d->origin,
			    "unattached disk %s is encrypted with Azure Disk "
			    "Encryption, which retires on 2028-09-15",
			    res_name(d->name, d->id));
	}
}

/* [CVMFAQ-AMD][ADEL], tagged [C][B]: support is not stated. */
RULE_FN(r_cvm_with_ade)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (is_confidential(vm) && vm_ade_on(vm) == ADC_YES)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s uses Azure Disk Encryption, "
			    "which no Microsoft page states as supported",
			    res_name(vm->name, vm->id));
	}
}

/* [DE]: double encryption is not supported on Ultra or Premium SSD v2. */
RULE_FN(r_double_encryption_unsupported_disk)
{
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;

		if (unsupported_sku(d->sku) &&
		    ctx_disk_enc(cd) == ADC_ENC_DOUBLE)
			rule_fail(ctx, rule, d->id, &d->origin,
			    "disk %s is %s with double encryption, which "
			    "Azure does not support on that disk type",
			    res_name(d->name, d->id), sku_name(d->sku));
	}
}

/* [EAHCLI]: the subscription feature must be registered first. Only
 * when the feature's state is in the input. */
RULE_FN(r_eah_feature_not_registered)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	if (e->eah_feature != ADC_NO)
		return;
	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm->encryption_at_host == ADC_YES)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s has encryption at host but the "
			    "subscription feature Microsoft.Compute/"
			    "EncryptionAtHost is not registered",
			    res_name(vm->name, vm->id));
	}
}
