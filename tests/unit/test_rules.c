/* SPDX-License-Identifier: MIT */
/*
 * test_rules.c: every rule id fires on a configuration that breaks the
 * fact it stands on, and stays silent on the same configuration built
 * correctly. Each case names a correct world (setup), the one change
 * that breaks it (mutate), the severity azure-facts.md and PRODUCT.md
 * give the rule, and, for policy rules, the policy.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "policy.h"
#include "rules.h"
#include "tap.h"
#include "world.h"

#define OTHER_SUB "22222222-2222-2222-2222-222222222222"

struct rule_case {
	const char	*rule;
	void		(*setup)(struct world *);
	void		(*mutate)(struct world *);
	enum adc_severity sev;
	const struct adc_policy *(*policy)(void);
	const char	*in_message;	/* a phrase of the message */
};

/* Settings that are not scenarios on their own. */
static void
setup_ade(struct world *w)
{
	/* VM01 with ADE on all volumes, key in kv-ade: what ADE needs. */
	world_std(w);
	w->vm.encryption_at_host = ADC_NO;
	w->vm.size = "Standard_D2s_v5";
	w->os.enc_type = ADC_ENC_PLATFORM;
	w->os.des_id = NULL;
	w->os.des = NULL;
	w->data.enc_type = ADC_ENC_PLATFORM;
	w->data.des_id = NULL;
	w->data.des = NULL;
	w->e.n_des = 0;
	w->vm.ade.enabled = ADC_YES;
	w->vm.ade.volume_type = "All";
	w->vm.ade.secret_url = "https://kv-ade.vault.azure.net/secrets/s/1";
	w->vm.ade.secret_vault_id = W_KV_ADE;
	w->vm.ever_ade = ADC_YES;
}

static void
setup_cvm_pmk(struct world *w)
{
	/* VM06: DiskWithVMGuestState with the platform key, no EAH. */
	world_cvm(w);
	w->vm.encryption_at_host = ADC_NO;
	w->os.secure_des_id = NULL;
	w->os.secure_des = NULL;
	w->os.sec_type = ADC_DSEC_CVM_DISK_PMK;
	w->des[0] = &w->des_data;
	w->e.n_des = 1;
}

static void
setup_cvm_no_eah(struct world *w)
{
	world_cvm(w);
	w->vm.encryption_at_host = ADC_NO;
}

static void
setup_std_pmk(struct world *w)
{
	world_std(w);
	w->vm.encryption_at_host = ADC_NO;
	w->vm.size = "Standard_D2ds_v4";
}

/* The changes. */
static void m_data_ade(struct world *w) { w->data.ade.enabled = ADC_YES; }
static void m_os_ever_ade(struct world *w) { w->os.ever_ade = ADC_YES; }
static void m_vm_ever_ade(struct world *w) { w->vm.ever_ade = ADC_YES; }
static void m_ultra_ade(struct world *w) { w->data.sku = ADC_SKU_ULTRASSD_LRS; }
static void m_ephemeral(struct world *w) { w->vm.ephemeral_os = ADC_YES; }
static void
m_ade_vault_region(struct world *w)
{
	w->kv_ade.location = "eastus";
}
static void m_ade_vault_sub(struct world *w)
{
	w->vm.ade.secret_vault_id = "/subscriptions/" OTHER_SUB
	    "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-x";
}
static void m_ade_vault_off(struct world *w)
{
	w->kv_ade.enabled_for_disk_encryption = ADC_NO;
}
static void m_ade_on(struct world *w) { setup_ade(w); }
static void m_size_std(struct world *w) { w->vm.size = "Standard_D2s_v5"; }
static void m_size_sgx(struct world *w) { w->vm.size = "Standard_DC2s_v3"; }
static void m_vtpm_off(struct world *w) { w->vm.vtpm = ADC_NO; }
static void m_no_enc_type(struct world *w)
{
	w->vm.os_sec_encryption = ADC_SECENC_NONE;
}
static void m_enc_type(struct world *w)
{
	w->vm.os_sec_encryption = ADC_SECENC_DISK_WITH_VMGS;
}
static void m_vmgs_only(struct world *w)
{
	w->vm.os_sec_encryption = ADC_SECENC_VMGS_ONLY;
}
static void m_vmgs_only_pmk(struct world *w)
{
	w->vm.encryption_at_host = ADC_NO;
	w->vm.os_sec_encryption = ADC_SECENC_VMGS_ONLY;
	w->os.secure_des_id = NULL;
	w->os.secure_des = NULL;
	w->os.sec_type = ADC_DSEC_CVM_VMGS_PMK;
}
static void m_nptpm(struct world *w)
{
	w->vm.os_sec_encryption = ADC_SECENC_NON_PERSISTED_TPM;
}
static void m_nptpm_windows(struct world *w)
{
	w->vm.size = "Standard_DC2es_v5";
	w->vm.os_type = ADC_OS_WINDOWS;
	w->vm.os_sec_encryption = ADC_SECENC_NON_PERSISTED_TPM;
}
static void m_secure_boot_off(struct world *w) { w->vm.secure_boot = ADC_NO; }
static void m_secure_des(struct world *w)
{
	w->os.secure_des_id = W_DES_OS;
	w->os.secure_des = &w->des_os;
	w->os.sec_type = ADC_DSEC_CVM_DISK_CMK;
	w->des[0] = &w->des_os;
	w->des[1] = &w->des_data;
	w->e.n_des = 2;
}
static void m_eah_on(struct world *w) { w->vm.encryption_at_host = ADC_YES; }
static void m_eah_off(struct world *w) { w->vm.encryption_at_host = ADC_NO; }
static void m_cvm_ade(struct world *w) { w->vm.ade.enabled = ADC_YES; }
static void m_des_confidential(struct world *w)
{
	w->des_data.type = ADC_ENC_CONFIDENTIAL;
}
static void m_des_platform(struct world *w)
{
	w->des_data.type = ADC_ENC_PLATFORM;
}
static void m_secure_des_customer(struct world *w)
{
	w->des_os.type = ADC_ENC_CUSTOMER;
}
static void m_des_region(struct world *w) { w->des_data.location = "eastus"; }
static void m_des_sub(struct world *w) { w->des_data.subscription = OTHER_SUB; }
static void m_identity_none(struct world *w)
{
	w->des_os.identity = ADC_IDENTITY_NONE;
}
static void m_source_vault_sub(struct world *w)
{
	w->des_os.source_vault_id = "/subscriptions/" OTHER_SUB
	    "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-disks";
}
static void m_vault_region(struct world *w) { w->kv.location = "northeurope"; }
static void m_vault_tenant(struct world *w) { w->kv.tenant = "tenant-b"; }
static void m_unversioned(struct world *w)
{
	w->des_os.key_url = "https://kv-disks.vault.azure.net/keys/key-os";
}
static void m_key_ec(struct world *w) { w->key_os.kty = ADC_KTY_EC_HSM; }
static void m_key_1024(struct world *w) { w->key_os.size_bits = 1024; }
static void m_key_disabled(struct world *w) { w->key_os.enabled = ADC_NO; }
static void m_key_expired(struct world *w)
{
	w->key_os.has_expiry = ADC_YES;
	w->key_os.expires = 1000000000;	/* 2001-09-09 */
}
static void m_key_missing(struct world *w) { w->key_os.exists = ADC_NO; }
static void m_key_near(struct world *w)
{
	w->key_os.has_expiry = ADC_YES;
	w->key_os.expires = (int64_t)time(NULL) + 10 * 24 * 3600;
	w->des_os.auto_rotation = ADC_NO;
}
static void m_purge_off(struct world *w) { w->kv.purge_protection = ADC_NO; }
static void m_soft_delete_off(struct world *w) { w->kv.soft_delete = ADC_NO; }
static void m_cvm_key_soft(struct world *w)
{
	w->key_os.kty = ADC_KTY_RSA;
	w->key_os.exportable = ADC_NO;
}
static void m_cvm_vault_std(struct world *w) { w->kv.sku = ADC_VAULT_STANDARD; }
static void
m_rotation_off(struct world *w)
{
	w->des_os.auto_rotation = ADC_NO;
}
static void
m_rotation_on(struct world *w)
{
	w->des_os.auto_rotation = ADC_YES;
}
static void m_rotation_error(struct world *w)
{
	w->des_os.rotation_error = "KeyVaultAccessForbidden";
}
static void m_many_disks(struct world *w)
{
	size_t i;

	for (i = 0; i < W_EXTRA; i++) {
		w->extra[i] = w->os;
		w->extra[i].vm = NULL;
		w->extra[i].managed_by = NULL;
		w->extra[i].attached = ADC_NO;
		w->disks[w->e.n_disks++] = &w->extra[i];
	}
}
static void m_vm2_shares(struct world *w) { world_add_vm2(w, &w->des_os); }
static void m_os_data_share(struct world *w)
{
	w->data.des_id = W_DES_OS;
	w->data.des = &w->des_os;
}
static void m_key_share(struct world *w)
{
	w->des_data.key_url = W_KEY_OS;
	w->des_data.key = &w->key_os;
}
static void m_double_v2(struct world *w)
{
	w->data.sku = ADC_SKU_PREMIUMV2_LRS;
	w->data.enc_type = ADC_ENC_DOUBLE;
	w->des_data.type = ADC_ENC_DOUBLE;
}
static void m_feature_off(struct world *w) { w->e.eah_feature = ADC_NO; }
static void m_os_pmk(struct world *w)
{
	w->os.enc_type = ADC_ENC_PLATFORM;
	w->os.des_id = NULL;
	w->os.des = NULL;
}
static void m_data_double(struct world *w)
{
	w->data.enc_type = ADC_ENC_DOUBLE;
	w->des_data.type = ADC_ENC_DOUBLE;
}
static void m_nothing(struct world *w) { (void)w; }

/* The importer's note about a VM whose disk copy disagrees. */
static struct adc_import_note drift_note = { "disk-drift",
	"VM vm1 names DES des-old for disk vm1-os; the disk resource names "
	"des-os", { "vms.json", 12, 5, "/0/storageProfile/osDisk", 5 } };

static void
m_input_note(struct world *w)
{
	w->e.notes = &drift_note;
	w->e.n_notes = 1;
}

/* Policies for the policy rules. */
static struct adc_policy pol;
static char *allowed_des[] = { (char *)W_DES_OS, (char *)W_DES_DATA };
static char *allowed_kv[] = { (char *)"kv-disks" };
static char *other_kv[] = { (char *)"https://kv-other.vault.azure.net/" };

static const struct adc_policy *
p_double(void)
{
	pol = *adc_policy_baseline();
	pol.require_double = true;
	return &pol;
}

static const struct adc_policy *
p_des_os_only(void)
{
	pol = *adc_policy_baseline();
	pol.has_allowed_des = true;
	pol.allowed_des = allowed_des;
	pol.n_allowed_des = 1;
	return &pol;
}

static const struct adc_policy *
p_vault_other(void)
{
	pol = *adc_policy_baseline();
	pol.has_allowed_vaults = true;
	pol.allowed_vaults = other_kv;
	pol.n_allowed_vaults = 1;
	return &pol;
}

static const struct adc_policy *
p_eah_all(void)
{
	pol = *adc_policy_baseline();
	pol.require_eah = POLICY_ALL;
	return &pol;
}

/* The rule's own default, which the baseline lowers to a note. */
static const struct adc_policy *
p_temp_default(void)
{
	pol = *adc_policy_baseline();
	pol.severity[adc_rule_index("temp-disk-unencrypted")] = -1;
	return &pol;
}

#define E ADC_SEV_ERROR
#define W ADC_SEV_WARNING
#define N ADC_SEV_NOTE

/* One row per case: a flat table read top to bottom. */
static const struct rule_case cases[] = {
	{ "ade-with-cmk", world_std, m_data_ade, E, NULL, "has Azure Disk" },
	{ "ade-with-cmk", world_std, m_os_ever_ade, E, NULL, "once had" },
	{ "ade-with-eah", world_std, m_vm_ever_ade, E, NULL, "once used" },
	{ "ade-unsupported-disk", setup_ade, m_ultra_ade, E, NULL,
	    "UltraSSD_LRS" },
	{ "ade-unsupported-disk", setup_ade, m_ephemeral, E, NULL,
	    "ephemeral" },
	{ "ade-vault-location", setup_ade, m_ade_vault_region, E, NULL,
	    "eastus" },
	{ "ade-vault-location", setup_ade, m_ade_vault_sub, E, NULL,
	    "another subscription" },
	{ "ade-vault-not-enabled", setup_ade, m_ade_vault_off, E, NULL,
	    "kv-ade" },
	{ "ade-retiring", setup_std_pmk, m_ade_on, W, NULL, "2028-09-15" },
	{ "cvm-size", world_cvm, m_size_std, E, NULL, "Standard_D2s_v5" },
	{ "cvm-size", world_cvm, m_size_sgx, E, NULL, "Standard_DC2s_v3" },
	{ "cvm-missing-vtpm", world_cvm, m_vtpm_off, W, NULL, "vTPM off" },
	{ "cvm-missing-encryption-type", world_cvm, m_no_enc_type, E, NULL,
	    "no securityEncryptionType" },
	{ "encryption-type-on-non-cvm", world_std, m_enc_type, E, NULL,
	    "DiskWithVMGuestState" },
	{ "secure-des-needs-disk-with-guest-state", world_cvm, m_vmgs_only,
	    E, NULL, "VMGuestStateOnly" },
	{ "nonpersistedtpm-unsupported", world_cvm, m_nptpm, E, NULL,
	    "Standard_DC2as_v5" },
	{ "nonpersistedtpm-unsupported", world_cvm, m_nptpm_windows, E, NULL,
	    "Windows" },
	{ "cvm-guest-state-only", world_cvm, m_vmgs_only_pmk, W, NULL,
	    "VMGuestStateOnly" },
	{ "cvm-secure-boot-off", world_cvm, m_secure_boot_off, W, NULL,
	    "secure boot off" },
	{ "cvm-backup-limit", setup_cvm_pmk, m_secure_des, N, NULL,
	    "preview" },
	{ "eah-with-confidential-os-disk", setup_cvm_no_eah, m_eah_on, N,
	    NULL, "DiskWithVMGuestState" },
	{ "cvm-with-ade", world_cvm, m_cvm_ade, W, NULL, "confidential VM" },
	{ "des-type-mismatch", world_std, m_des_confidential, E, NULL,
	    "confidential DES" },
	{ "des-type-mismatch", world_std, m_des_platform, E, NULL,
	    "EncryptionAtRestWithPlatformKey" },
	{ "des-type-mismatch", world_cvm, m_secure_des_customer, E, NULL,
	    "secure-VM DES" },
	{ "des-region-mismatch", world_std, m_des_region, E, NULL, "eastus" },
	{ "des-subscription-mismatch", world_std, m_des_sub, E, NULL,
	    "different subscriptions" },
	{ "des-identity-none", world_std, m_identity_none, E, NULL, "None" },
	{ "des-source-vault-cross-subscription", world_std,
	    m_source_vault_sub, E, NULL, "another subscription" },
	{ "key-vault-region-mismatch", world_std, m_vault_region, E, NULL,
	    "northeurope" },
	{ "cross-tenant-key-without-federation", world_std, m_vault_tenant,
	    E, NULL, "tenant-b" },
	{ "key-url-unversioned", world_std, m_unversioned, E, NULL,
	    "without a version" },
	{ "key-type", world_std, m_key_ec, E, NULL, "not an RSA key" },
	{ "key-type", world_std, m_key_1024, E, NULL, "1024-bit" },
	{ "key-disabled", world_std, m_key_disabled, E, NULL, "shut down" },
	{ "key-expired", world_std, m_key_expired, E, NULL, "has expired" },
	{ "key-missing", world_std, m_key_missing, E, NULL,
	    "not in its vault" },
	{ "key-near-expiry", world_std, m_key_near, W, NULL, "expires in" },
	{ "vault-purge-protection", world_std, m_purge_off, E, NULL,
	    "purge protection" },
	{ "vault-purge-protection", world_std, m_soft_delete_off, E, NULL,
	    "soft delete" },
	{ "cvm-key-requirements", world_cvm, m_cvm_key_soft, E, NULL,
	    "not RSA-HSM, not exportable" },
	{ "cvm-key-requirements", world_cvm, m_cvm_vault_std, E, NULL,
	    "Standard vault" },
	{ "des-auto-rotation-off", world_std, m_rotation_off, W, NULL,
	    "des-os" },
	{ "cvm-des-auto-rotation-on", world_cvm, m_rotation_on, W, NULL,
	    "do not support" },
	{ "des-rotation-error", world_std, m_rotation_error, W, NULL,
	    "KeyVaultAccessForbidden" },
	{ "cvm-des-too-many-disks", world_cvm, m_many_disks, N, NULL,
	    "42 disks" },
	{ "des-shared-across-vms", world_std, m_vm2_shares, W, NULL,
	    "2 VMs (vm1, vm2; policy allows 1): its blast radius" },
	{ "des-shared-os-and-data", world_std, m_os_data_share, W, NULL,
	    "both OS disks (1) and data disks (1)" },
	{ "key-shared-across-des", world_std, m_key_share, W, NULL,
	    "behind 2 DES (des-os, des-data): its blast radius" },
	{ "double-encryption-unsupported-disk", world_std, m_double_v2, E,
	    NULL, "PremiumV2_LRS" },
	{ "eah-feature-not-registered", world_std, m_feature_off, E, NULL,
	    "not registered" },
	{ "temp-disk-unencrypted", world_std, m_eah_off, N, NULL,
	    "temp disk and host caches (OS disk, LUN 0) are not encrypted" },
	{ "temp-disk-unencrypted", world_std, m_eah_off, W, p_temp_default,
	    "predates the v5 sizes" },
	{ "customer-key-required", world_std, m_os_pmk, W, NULL,
	    "OS disk vm1-os uses a platform key" },
	{ "encryption-at-host-required", world_cvm, m_eah_off, W, NULL,
	    "confidential VM vm1" },
	{ "encryption-at-host-required", world_std, m_eah_off, W, p_eah_all,
	    "vm1" },
	{ "double-encryption-required", world_std,
	    m_nothing, W, p_double, "vm1-data0" },
	{ "des-not-allowed", world_std, m_nothing, W, p_des_os_only,
	    "des-data" },
	{ "key-vault-not-allowed", world_std, m_nothing, W, p_vault_other,
	    "kv-disks" },
	{ "input-note", world_std, m_input_note, N, NULL,
	    "disk-drift: VM vm1 names DES des-old" },
};

#undef E
#undef W
#undef N

/* Cases whose change is the policy itself are silent on the baseline;
 * the others on their correct world under the same policy. */
static void
run_case(const struct rule_case *c)
{
	const struct adc_policy *policy;
	char what[256], msg[512];
	enum adc_severity sev = ADC_SEV_NONE;
	struct world w;
	int n;

	c->setup(&w);
	policy = c->policy != NULL && c->mutate != m_nothing ?
	    c->policy() : NULL;
	snprintf(what, sizeof(what), "%s: silent on the correct setup",
	    c->rule);
	INT_EQ(world_count(&w, policy, c->rule, NULL, NULL, 0), 0, what);

	c->mutate(&w);
	policy = c->policy != NULL ? c->policy() : NULL;
	msg[0] = '\0';
	n = world_count(&w, policy, c->rule, &sev, msg, sizeof(msg));
	snprintf(what, sizeof(what), "%s: fires (%s)", c->rule,
	    c->in_message);
	OK(n >= 1, what);
	snprintf(what, sizeof(what), "%s: severity", c->rule);
	INT_EQ(sev, c->sev, what);
	snprintf(what, sizeof(what), "%s: message names '%s'", c->rule,
	    c->in_message);
	OK(strstr(msg, c->in_message) != NULL, what);
	if (strstr(msg, c->in_message) == NULL)
		printf("#   message: %s\n", msg);
}

static const struct adc_policy *
p_des_both(void)
{
	pol = *adc_policy_baseline();
	pol.has_allowed_des = true;
	pol.allowed_des = allowed_des;
	pol.n_allowed_des = 2;
	return &pol;
}

static const struct adc_policy *
p_vault_ok(void)
{
	pol = *adc_policy_baseline();
	pol.has_allowed_vaults = true;
	pol.allowed_vaults = allowed_kv;
	pol.n_allowed_vaults = 1;
	return &pol;
}

/* Findings of rule with the given status, in a fresh check. */
static int
count_status(const struct world *w, const char *rule,
    enum adc_finding_status status, enum adc_severity *sev)
{
	struct adc_report r;
	size_t i;
	int n = 0;

	if (adc_check(&w->e, NULL, &r, NULL) != ADC_OK)
		return -1;
	for (i = 0; i < r.n_findings; i++) {
		if (strcmp(r.findings[i].rule, rule) == 0 &&
		    r.findings[i].status == status) {
			n++;
			*sev = r.findings[i].severity;
		}
	}
	adc_report_free(&r);
	return n;
}

/* Policy rules stay silent when the estate does what the policy says. */
static void
test_policy_silent(void)
{
	struct world w;

	world_std(&w);
	m_data_double(&w);
	INT_EQ(world_count(&w, p_double(), "double-encryption-required",
	    NULL, NULL, 0), 0, "double encryption required: disk03 passes");
	world_std(&w);
	INT_EQ(world_count(&w, p_des_both(), "des-not-allowed", NULL, NULL,
	    0), 0, "allowed DES: both listed, silent");
	INT_EQ(world_count(&w, p_vault_ok(), "key-vault-not-allowed", NULL,
	    NULL, 0), 0, "allowed vaults: kv-disks by name, silent");
}

/* [XT]: federatedClientId with a user-assigned identity is the
 * supported cross-tenant setup. */
static void
test_cross_tenant_federated(void)
{
	struct world w;

	world_std(&w);
	m_vault_tenant(&w);
	w.des_os.identity = ADC_IDENTITY_USER;
	w.des_os.federated_client_id = "00000000-aaaa-bbbb-cccc-000000000000";
	w.des_data.identity = ADC_IDENTITY_USER;
	w.des_data.federated_client_id = "00000000-aaaa-bbbb-cccc-000000000000";
	INT_EQ(world_count(&w, NULL, "cross-tenant-key-without-federation",
	    NULL, NULL, 0), 0, "cross-tenant with federation: silent");
	w.des_data.federated_client_id = "None";
	INT_EQ(world_count(&w, NULL, "cross-tenant-key-without-federation",
	    NULL, NULL, 0), 1, "federatedClientId None clears it: fires");
}

/* Three DES on one key (two versions), between them one on another:
 * one finding naming the key and the three DES. */
static void
test_key_shared_by_three(void)
{
	struct adc_des third;
	struct adc_report r;
	struct world w;
	size_t i, n = 0;

	world_std(&w);
	world_add_vm2(&w, &w.des_os);
	third = w.des_os;
	third.id = W_RG "/providers/Microsoft.Compute/diskEncryptionSets/d3";
	third.name = "d3";
	third.key_url = "https://kv-disks.vault.azure.net/keys/KEY-OS/v2";
	w.des[0] = &w.des_os;
	w.des[1] = &w.des_data;
	{
		struct adc_des *all[4] = { &w.des_os, &w.des_data, &third,
		    &w.des_os };

		w.e.des = all;
		w.e.n_des = 3;
		all[1]->key_url = W_KEY_OS;
		all[1]->key = &w.key_os;
		INT_EQ(adc_check(&w.e, NULL, &r, NULL), ADC_OK, "check runs");
		for (i = 0; i < r.n_findings; i++) {
			if (strcmp(r.findings[i].rule,
			    "key-shared-across-des") != 0)
				continue;
			n++;
			INT_EQ(r.findings[i].n_resources, 4,
			    "the key and three DES");
			STR_EQ(r.findings[i].resources[3], third.id,
			    "the third DES, in estate order");
		}
		INT_EQ(n, 1, "one finding for the key");
		adc_report_free(&r);
	}
}

/* One VM read twice (two files, the id in another case) behind a DES is
 * one VM, not two. */
static void
test_vm_read_twice(void)
{
	char upper[sizeof(W_VM)];
	struct world w;
	size_t i;

	for (i = 0; i < sizeof(upper); i++)
		upper[i] = (char)toupper((unsigned char)W_VM[i]);
	world_std(&w);
	world_add_vm2(&w, &w.des_os);
	w.vm2.id = upper;
	w.vm2.name = "vm1";
	w.os2.managed_by = upper;
	INT_EQ(world_count(&w, NULL, "des-shared-across-vms", NULL, NULL, 0),
	    0, "the same VM twice shares its DES with nobody");
	w.vm2.id = W_VM2;
	w.os2.managed_by = W_VM2;
	INT_EQ(world_count(&w, NULL, "des-shared-across-vms", NULL, NULL, 0),
	    1, "a second VM does");
}

/* NonPersistedTPM where it is supported, and the disk side of
 * encryption-type-on-non-cvm. */
static void
test_more_edges(void)
{
	struct world w;

	world_cvm(&w);
	w.vm.size = "Standard_DC2es_v5";	/* Intel TDX */
	w.vm.os_sec_encryption = ADC_SECENC_NON_PERSISTED_TPM;
	w.os.secure_des_id = NULL;
	w.os.secure_des = NULL;
	w.os.sec_type = ADC_DSEC_CVM_NONPERSISTED;
	INT_EQ(world_count(&w, NULL, "nonpersistedtpm-unsupported", NULL,
	    NULL, 0), 0, "NonPersistedTPM on Intel TDX with Linux: silent");

	world_std(&w);
	w.os.sec_type = ADC_DSEC_CVM_DISK_PMK;
	INT_EQ(world_count(&w, NULL, "encryption-type-on-non-cvm", NULL,
	    NULL, 0), 1, "a confidential OS disk type on a Trusted Launch "
	    "VM fires");
}

/* A customer key cannot be added to an ADE disk: no advice to do so. */
static void
test_no_cmk_advice_on_ade(void)
{
	struct world w;

	setup_ade(&w);
	INT_EQ(world_count(&w, NULL, "customer-key-required", NULL, NULL, 0),
	    0, "ADE VM: customer-key-required stays silent");
	INT_EQ(world_count(&w, NULL, "ade-retiring", NULL, NULL, 0), 1,
	    "ade-retiring speaks instead");
}

/* A rotation error whose key is gone is an error ([DE] 3.6). */
static void
test_rotation_error_escalates(void)
{
	enum adc_severity sev = ADC_SEV_NONE;
	struct world w;

	world_std(&w);
	m_rotation_error(&w);
	m_key_missing(&w);
	INT_EQ(world_count(&w, NULL, "des-rotation-error", &sev, NULL, 0), 1,
	    "rotation error with a missing key fires once");
	INT_EQ(sev, ADC_SEV_ERROR, "and is an error");
}

/* Missing data gives one note with status unknown, not a verdict. */
static void
test_unknown_notes(void)
{
	enum adc_severity sev = ADC_SEV_NONE;
	struct world w;

	world_std(&w);
	w.e.n_keys = 0;
	w.des_os.key = NULL;
	w.des_data.key = NULL;
	INT_EQ(count_status(&w, "key-type", ADC_FINDING_UNKNOWN, &sev), 2,
	    "keys not in the input: one unknown key-type per DES");
	INT_EQ(sev, ADC_SEV_NOTE, "unknown findings are notes");
	INT_EQ(count_status(&w, "key-type", ADC_FINDING_FAIL, &sev), 0,
	    "and no failure");

	/* Not linked, but the estate holds the key: at the DES's version
	 * (URL in another case), or at another version when the export
	 * has only that one. Either way the key decides. */
	world_std(&w);
	w.des_os.key = NULL;
	w.des_data.key = NULL;
	w.des_os.key_url = "HTTPS://KV-DISKS.vault.azure.net/keys/key-os/"
	    "0123456789abcdef0123456789abcdef";
	w.des_data.key_url = "https://kv-disks.vault.azure.net/keys/key-data/"
	    "ffffffffffffffffffffffffffffffff";
	w.key_os.url = "https://kv-disks.vault.azure.net/keys/key-os/"
	    "0123456789abcdef0123456789abcdef";
	w.key_os.kty = ADC_KTY_EC_HSM;
	w.key_data.kty = ADC_KTY_EC_HSM;
	INT_EQ(count_status(&w, "key-type", ADC_FINDING_FAIL, &sev), 2,
	    "the key found by URL and by another version decides");
	INT_EQ(count_status(&w, "key-type", ADC_FINDING_UNKNOWN, &sev), 0,
	    "and nothing is unknown");

	/* Enabled state and expiry belong to a version: another version's
	 * say nothing of the DES's. des-data names version ffff..., the
	 * input holds another version, disabled and expired. */
	w.key_data.kty = ADC_KTY_RSA;
	w.key_data.enabled = ADC_NO;
	w.key_data.has_expiry = ADC_YES;
	w.key_data.expires = 1;
	INT_EQ(count_status(&w, "key-disabled", ADC_FINDING_FAIL, &sev), 0,
	    "another version disabled: not this one's verdict");
	INT_EQ(count_status(&w, "key-disabled", ADC_FINDING_UNKNOWN, &sev), 1,
	    "  but unknown");
	INT_EQ(count_status(&w, "key-expired", ADC_FINDING_FAIL, &sev), 0,
	    "another version expired: not this one's verdict");
	INT_EQ(count_status(&w, "key-expired", ADC_FINDING_UNKNOWN, &sev), 1,
	    "  but unknown");
	INT_EQ(count_status(&w, "key-near-expiry", ADC_FINDING_FAIL, &sev), 0,
	    "  and not near expiry");
	w.key_os.enabled = ADC_NO;
	INT_EQ(count_status(&w, "key-disabled", ADC_FINDING_FAIL, &sev), 1,
	    "the exact version, found by URL, disabled: fires");

	world_std(&w);
	w.e.n_vaults = 0;
	w.des_os.vault = NULL;
	w.des_data.vault = NULL;
	INT_EQ(count_status(&w, "vault-purge-protection",
	    ADC_FINDING_UNKNOWN, &sev), 1,
	    "one vault missing for two DES: one unknown note");

	world_std(&w);
	w.e.n_des = 0;
	w.os.des = NULL;
	w.data.des = NULL;
	w.data.des_id = W_DES_OS;
	INT_EQ(count_status(&w, "des-region-mismatch", ADC_FINDING_UNKNOWN,
	    &sev), 1, "one DES missing for two disks: one unknown note");
	INT_EQ(count_status(&w, "des-subscription-mismatch",
	    ADC_FINDING_FAIL, &sev), 0,
	    "subscription decided from the DES id: same, silent");

	world_cvm(&w);
	w.vm.size = "Standard_Q9zz_v9";
	INT_EQ(count_status(&w, "cvm-size", ADC_FINDING_UNKNOWN, &sev), 1,
	    "unknown size family: cvm-size unknown");
}

/* Every rule of the table has at least one case here. */
static void
test_every_rule_has_a_case(void)
{
	size_t i, j, n = adc_rule_count();
	char what[128];

	for (i = 0; i < n; i++) {
		const char *id = adc_rule_get(i)->id;

		for (j = 0; j < sizeof(cases) / sizeof(cases[0]); j++) {
			if (strcmp(cases[j].rule, id) == 0)
				break;
		}
		snprintf(what, sizeof(what), "rule %s has a test", id);
		OK(j < sizeof(cases) / sizeof(cases[0]), what);
	}
}

/* docs/rules.md describes every rule of the table. */
static void
test_every_rule_documented(void)
{
	static char text[65536];
	const char *src = getenv("ADC_SOURCE_DIR");
	char path[4096], what[128];
	size_t i, n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/docs/rules.md",
	    src != NULL ? src : ".");
	f = fopen(path, "r");
	OK(f != NULL, "docs/rules.md opens");
	if (f == NULL)
		return;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	OK(n < sizeof(text) - 1, "docs/rules.md read whole");
	for (i = 0; i < adc_rule_count(); i++) {
		snprintf(what, sizeof(what), "docs/rules.md describes %s",
		    adc_rule_get(i)->id);
		OK(strstr(text, adc_rule_get(i)->id) != NULL, what);
	}
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_every_rule_has_a_case();
	test_every_rule_documented();
	test_policy_silent();
	test_cross_tenant_federated();
	test_rotation_error_escalates();
	test_no_cmk_advice_on_ade();
	test_key_shared_by_three();
	test_vm_read_twice();
	test_more_edges();
	test_unknown_notes();
	return tap_done();
}
