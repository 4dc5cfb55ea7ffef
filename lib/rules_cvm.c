/* SPDX-License-Identifier: MIT */
/*
 * rules_cvm.c: rules about confidential VMs: size, vTPM, secure boot,
 * securityEncryptionType and what it may be combined with.
 */
#include "rules.h"

static const char *
sec_enc_name(enum adc_sec_encryption e)
{
	switch (e) {
	case ADC_SECENC_VMGS_ONLY:
		return "VMGuestStateOnly";
	case ADC_SECENC_DISK_WITH_VMGS:
		return "DiskWithVMGuestState";
	case ADC_SECENC_NON_PERSISTED_TPM:
		return "NonPersistedTPM";
	case ADC_SECENC_OTHER:
		return "an unrecognised type";
	case ADC_SECENC_NONE:
		return "none";
	case ADC_SECENC_UNKNOWN:
		break;
	}
	return "unknown";
}

/* [CVMOPT][CVMO]: the confidential families, decided by adc_size_parse
 * on the parsed family (SGX DCsv2/DCsv3 carry a C but are not). */
RULE_FN(r_cvm_size)
{
	const struct adc_estate *e = ctx->estate;
	struct adc_size_info info;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];
		const char *name = res_name(vm->name, vm->id);

		if (!is_confidential(vm))
			continue;
		if (vm->size == NULL) {
			rule_unknown(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s: size unknown; its "
			    "hardwareProfile.vmSize decides", name);
			continue;
		}
		if (adc_size_parse(vm->size, &info) != ADC_OK)
			info.confidential = ADC_UNKNOWN;
		if (info.confidential == ADC_NO)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s is a ConfidentialVM on size %s, which is "
			    "not a confidential size", name, vm->size);
		else if (info.confidential == ADC_UNKNOWN)
			rule_unknown(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s: size %s is not in the "
			    "confidential size table; the size's "
			    "ConfidentialComputingType capability decides",
			    name, vm->size);
	}
}

/* [B] from [CVMCLI][TF]: a warning, not an error (see docs/rules.md). */
RULE_FN(r_cvm_missing_vtpm)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (!is_confidential(vm))
			continue;
		if (vm->vtpm == ADC_NO)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s has vTPM off",
			    res_name(vm->name, vm->id));
		else if (vm->vtpm == ADC_UNKNOWN)
			rule_unknown(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s: vTPM setting unknown; "
			    "securityProfile.uefiSettings.vTpmEnabled decides",
			    res_name(vm->name, vm->id));
	}
}

/* [CLI245][SPEC-VM]: required for ConfidentialVM. */
RULE_FN(r_cvm_missing_encryption_type)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (!is_confidential(vm))
			continue;
		if (vm->os_sec_encryption == ADC_SECENC_NONE)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s has no securityEncryptionType "
			    "on its OS disk", res_name(vm->name, vm->id));
		else if (vm->os_sec_encryption == ADC_SECENC_UNKNOWN)
			rule_unknown(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s: securityEncryptionType "
			    "unknown; the VM's osDisk.managedDisk."
			    "securityProfile decides",
			    res_name(vm->name, vm->id));
	}
}

static bool
disk_says_confidential(const struct adc_disk *d)
{
	return d != NULL && (d->sec_type == ADC_DSEC_CVM_VMGS_PMK ||
	    d->sec_type == ADC_DSEC_CVM_DISK_PMK ||
	    d->sec_type == ADC_DSEC_CVM_DISK_CMK ||
	    d->sec_type == ADC_DSEC_CVM_NONPERSISTED);
}

/* [SPEC-VM]: securityEncryptionType is for Confidential VMs only. */
RULE_FN(r_encryption_type_on_non_cvm)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];
		enum adc_sec_encryption se = vm->os_sec_encryption;

		if (vm->security_type != ADC_SECTYPE_STANDARD &&
		    vm->security_type != ADC_SECTYPE_TRUSTED_LAUNCH)
			continue;
		if (se != ADC_SECENC_NONE && se != ADC_SECENC_UNKNOWN)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s is not a ConfidentialVM but its OS disk "
			    "has securityEncryptionType %s",
			    res_name(vm->name, vm->id), sec_enc_name(se));
		else if (disk_says_confidential(vm->os_disk))
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s is not a ConfidentialVM but its OS disk "
			    "%s has a ConfidentialVM security type",
			    res_name(vm->name, vm->id),
			    res_name(vm->os_disk->name, vm->os_disk->id));
	}
}

/* [CLI245]: a secure-VM DES only with DiskWithVMGuestState (VM), or
 * with ConfidentialVM_DiskEncryptedWithCustomerKey (disk). */
RULE_FN(r_secure_des_needs_dwvmgs)
{
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;
		const char *res[2] = { NULL, d->secure_des_id };

		if (d->secure_des_id == NULL)
			continue;
		if (cd->vm != NULL && cd->vm->os_disk == d) {
			enum adc_sec_encryption se = cd->vm->os_sec_encryption;

			if (se == ADC_SECENC_UNKNOWN ||
			    se == ADC_SECENC_DISK_WITH_VMGS)
				continue;
			res[0] = cd->vm->id;
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
			    &cd->vm->origin, "VM %s has a secure-VM DES on "
			    "its OS disk with securityEncryptionType %s",
			    res_name(cd->vm->name, cd->vm->id),
			    sec_enc_name(se));
		} else if (d->sec_type != ADC_DSEC_UNKNOWN &&
		    d->sec_type != ADC_DSEC_CVM_DISK_CMK) {
			res[0] = d->id;
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
			    &d->origin, "disk %s has a secure-VM DES but not "
			    "the security type ConfidentialVM_DiskEncrypted"
			    "WithCustomerKey", res_name(d->name, d->id));
		}
	}
}

/* [CVMARM][CVMOPT]: Intel TDX sizes with Linux only. */
RULE_FN(r_nonpersistedtpm_unsupported)
{
	const struct adc_estate *e = ctx->estate;
	struct adc_size_info info;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];
		bool amd;

		if (vm->os_sec_encryption != ADC_SECENC_NON_PERSISTED_TPM)
			continue;
		amd = vm->size != NULL &&
		    adc_size_parse(vm->size, &info) == ADC_OK &&
		    info.amd == ADC_YES;
		if (vm->os_type == ADC_OS_WINDOWS || amd)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s uses NonPersistedTPM on %s, which supports "
			    "only Intel TDX sizes with Linux",
			    res_name(vm->name, vm->id),
			    amd ? vm->size : "Windows");
	}
}

RULE_FN(r_cvm_guest_state_only)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (is_confidential(vm) &&
		    vm->os_sec_encryption == ADC_SECENC_VMGS_ONLY)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "confidential VM %s encrypts only its guest state "
			    "(VMGuestStateOnly): the OS disk is not bound to "
			    "the vTPM", res_name(vm->name, vm->id));
	}
}

/* [C]: "optional" per Microsoft's quickstart, required per third-party
 * readings of API errors; so a warning. */
RULE_FN(r_cvm_secure_boot_off)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm->os_sec_encryption == ADC_SECENC_DISK_WITH_VMGS &&
		    vm->secure_boot == ADC_NO)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s uses DiskWithVMGuestState with secure boot "
			    "off; some API versions reject it",
			    res_name(vm->name, vm->id));
	}
}

/* [CVMBK], [C]: CVM backup with CMK is a preview. */
RULE_FN(r_cvm_backup_limit)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];
		const struct adc_disk *os = vm->os_disk;

		if (!is_confidential(vm) || os == NULL ||
		    (os->secure_des_id == NULL &&
		    os->sec_type != ADC_DSEC_CVM_DISK_CMK))
			continue;
		rule_fail(ctx, rule, vm->id, &vm->origin,
		    "confidential VM %s uses a customer key: Azure Backup "
		    "supports it only in preview (v6 sizes, two regions)",
		    res_name(vm->name, vm->id));
	}
}

/* [DEO][TF], [C]: allowed now, rejected historically. */
RULE_FN(r_eah_with_confidential_os_disk)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (vm->encryption_at_host == ADC_YES &&
		    vm->os_sec_encryption == ADC_SECENC_DISK_WITH_VMGS)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "VM %s combines encryption at host with "
			    "DiskWithVMGuestState: allowed today, rejected by "
			    "some tools and older API versions",
			    res_name(vm->name, vm->id));
	}
}
