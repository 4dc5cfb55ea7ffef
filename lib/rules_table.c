/* SPDX-License-Identifier: MIT */
/*
 * rules_table.c: every rule with its stable id, default severity, the
 * azure-facts source keys it stands on, what triggers it and the fix.
 * Errors are [V] facts where Azure rejects the configuration or data
 * becomes unreadable; a rule on a [B] or [C] fact is at most a warning.
 * docs/rules.md describes each rule and names its tests.
 */
#include "rules.h"

#include <string.h>

#define E ADC_SEV_ERROR
#define W ADC_SEV_WARNING
#define N ADC_SEV_NOTE

/*
 * XXX: az's rule that --data-disk-encryption-sets has one entry per data
 * disk [CLI245] is not here: the model holds resources, not command
 * lines, so a mismatched script passes. It needs the script importer.
 */

/* A flat table on purpose: one row per rule, read top to bottom. */
static const struct adc_rule table[] = {
	/* Azure Disk Encryption */
	{ { "ade-with-cmk", E, "ADELS, ADEWS, CMKR",
	    "ADE together with a customer key, or a customer key on a disk "
	    "that ever had ADE",
	    "keep ADE disks on the platform key, or move the data to new "
	    "disks (upload + AzCopy) and use encryption at host with a DES "
	    "instead of ADE" }, r_ade_with_cmk },
	{ { "ade-with-eah", E, "EAHR, ADELS, ADEWS",
	    "encryption at host on a VM that has or ever had ADE",
	    "turn encryption at host off, or rebuild the VM on new disks "
	    "without ADE and then enable encryption at host" },
	    r_ade_with_eah },
	{ { "ade-unsupported-disk", E, "ADELS, ADEWS, EPH",
	    "ADE on an ephemeral OS disk, an Ultra Disk or a Premium SSD v2",
	    "use encryption at host (with a DES for a customer key) for "
	    "these disks" }, r_ade_unsupported_disk },
	{ { "ade-vault-location", E, "ADEL, ADEW, ADEKV, CLI245",
	    "the ADE key vault is in another region or subscription than "
	    "the VM",
	    "use a key vault in the VM's region and subscription" },
	    r_ade_vault_location },
	{ { "ade-vault-not-enabled", E, "ADEKV, CLI245",
	    "the ADE key vault is not enabled for disk encryption",
	    "az keyvault update --enabled-for-disk-encryption true" },
	    r_ade_vault_not_enabled },
	{ { "ade-retiring", W, "ADERET, MIG",
	    "Azure Disk Encryption in use; it retires on 2028-09-15",
	    "migrate to encryption at host (with a DES for a customer key): "
	    "new disks via upload + AzCopy, since ADE cannot be removed in "
	    "place" }, r_ade_retiring },

	/* Confidential VMs */
	{ { "cvm-size", E, "CVMOPT, CVMO",
	    "a ConfidentialVM security type on a size that is not a "
	    "confidential size",
	    "choose a confidential size (DCasv5, DCadsv5, ECasv5, ECadsv5, "
	    "their v6 and Intel counterparts, NCCadsH100v5)" }, r_cvm_size },
	{ { "cvm-missing-vtpm", W, "CVMCLI, CVMARM, TF",
	    "a confidential VM without vTPM ([B]: third-party readings say "
	    "the API requires it)",
	    "create the VM with --enable-vtpm true" }, r_cvm_missing_vtpm },
	{ { "cvm-missing-encryption-type", E, "CLI245, SPEC-VM",
	    "a confidential VM without securityEncryptionType on its OS disk",
	    "set --os-disk-security-encryption-type (DiskWithVMGuestState "
	    "to encrypt the OS disk)" }, r_cvm_missing_encryption_type },
	{ { "encryption-type-on-non-cvm", E, "SPEC-VM",
	    "securityEncryptionType on a VM that is not a ConfidentialVM",
	    "remove --os-disk-security-encryption-type, or create the VM "
	    "as --security-type ConfidentialVM on a confidential size" },
	    r_encryption_type_on_non_cvm },
	{ { "secure-des-needs-disk-with-guest-state", E, "CLI245, SPEC-VM",
	    "a secure-VM DES on an OS disk whose securityEncryptionType is "
	    "not DiskWithVMGuestState",
	    "use --os-disk-security-encryption-type DiskWithVMGuestState "
	    "with --os-disk-secure-vm-disk-encryption-set" },
	    r_secure_des_needs_dwvmgs },
	{ { "nonpersistedtpm-unsupported", E, "CVMARM, CVMOPT",
	    "NonPersistedTPM on an AMD size or a Windows VM",
	    "use NonPersistedTPM only on Intel TDX sizes with Linux, or "
	    "choose DiskWithVMGuestState" }, r_nonpersistedtpm_unsupported },
	{ { "cvm-guest-state-only", W, "CVMO, CVMFAQ",
	    "a confidential VM whose OS disk is not confidentially "
	    "encrypted (VMGuestStateOnly)",
	    "recreate with DiskWithVMGuestState and a confidential DES "
	    "(the setting cannot change after deployment)" },
	    r_cvm_guest_state_only },
	{ { "cvm-secure-boot-off", W, "CVMO, CVMCLI",
	    "DiskWithVMGuestState with secure boot off ([C])",
	    "create the VM with --enable-secure-boot true" },
	    r_cvm_secure_boot_off },
	{ { "cvm-backup-limit", N, "CVMBK",
	    "a confidential VM with a customer key: Azure Backup is preview "
	    "only ([C])",
	    "plan backups another way, or check the preview's limits (v6 "
	    "sizes, two regions)" }, r_cvm_backup_limit },
	{ { "eah-with-confidential-os-disk", N, "DEO, TF",
	    "encryption at host with DiskWithVMGuestState: documented as "
	    "allowed, rejected by some tools and older API versions ([C])",
	    "deploy with a current API version; if it is rejected, drop "
	    "encryption at host on this VM" },
	    r_eah_with_confidential_os_disk },
	{ { "cvm-with-ade", W, "CVMFAQ-AMD, ADEL",
	    "ADE on a confidential VM: no Microsoft page states support "
	    "([C])",
	    "use confidential OS disk encryption and encryption at host "
	    "instead of ADE" }, r_cvm_with_ade },

	/* Disk Encryption Sets */
	{ { "des-type-mismatch", E, "SPEC-DES, CVMCLI",
	    "a DES of the wrong type for its use, or of type "
	    "EncryptionAtRestWithPlatformKey",
	    "create a new DES of the right type (the type cannot change): "
	    "ConfidentialVmEncryptedWithCustomerKey for a secure-VM DES, "
	    "EncryptionAtRestWithCustomerKey or ...PlatformAndCustomerKeys "
	    "otherwise" }, r_des_type_mismatch },
	{ { "des-region-mismatch", E, "CMKR, KVP",
	    "a DES in another region than the disk or VM using it",
	    "use a DES in the disk's region" }, r_des_region_mismatch },
	{ { "des-subscription-mismatch", E, "CMKR, KVP",
	    "a DES in another subscription than the disk or VM using it",
	    "use a DES in the disk's subscription" },
	    r_des_subscription_mismatch },
	{ { "des-identity-none", E, "SPEC-DES, DE",
	    "a DES whose identity type is None: its disks lose key access",
	    "assign the DES a managed identity and grant it the key" },
	    r_des_identity_none },
	{ { "des-source-vault-cross-subscription", E, "SPEC-DES",
	    "activeKey.sourceVault names a vault in another subscription "
	    "than the DES",
	    "remove --source-vault and give only the versioned key URL" },
	    r_des_source_vault_cross_sub },
	{ { "key-vault-region-mismatch", E, "CMKR, DE, CVMARM",
	    "the key vault of a DES is in another region than the DES",
	    "use a key in a vault of the DES's region" },
	    r_key_vault_region_mismatch },
	{ { "cross-tenant-key-without-federation", E, "XT, XTID",
	    "a DES key in another tenant without federatedClientId and a "
	    "user-assigned identity",
	    "set up cross-tenant CMK: user-assigned identity, multi-tenant "
	    "app, --federated-client-id" }, r_cross_tenant_key },
	{ { "key-url-unversioned", E, "SPEC-DES",
	    "the DES key URL has no version",
	    "give the full versioned key URL (auto-rotation still moves to "
	    "newer versions)" }, r_key_url_unversioned },
	{ { "key-type", E, "CMKR",
	    "a DES key that is not RSA 2048, 3072 or 4096",
	    "create an RSA or RSA-HSM key of 2048, 3072 or 4096 bits" },
	    r_key_type },
	{ { "key-disabled", E, "DE",
	    "a DES key is disabled: its VMs shut down and disks fail",
	    "re-enable the key or assign a new one to the DES" },
	    r_key_disabled },
	{ { "key-expired", E, "DE",
	    "a DES key has expired: its VMs shut down and disks fail",
	    "create a new key version and update the DES" }, r_key_expired },
	{ { "key-missing", E, "DE",
	    "a DES key is not in its vault (deleted)",
	    "recover the key from soft delete, or assign a new key" },
	    r_key_missing },
	{ { "key-near-expiry", W, "DE, KVPS",
	    "a DES key expires within 30 days and the DES does not rotate",
	    "rotate the key (rotation policy) and turn on DES auto-rotation" },
	    r_key_near_expiry },
	{ { "vault-purge-protection", E, "KVP, KVCLI, KVPS",
	    "a key vault used for disk encryption without soft delete and "
	    "purge protection",
	    "az keyvault update --enable-purge-protection true" },
	    r_vault_purge_protection },
	{ { "cvm-key-requirements", E, "CVMCLI, CVMARM",
	    "a confidential DES key that is not RSA-HSM, not exportable, "
	    "has no release policy, or sits in a Standard vault",
	    "create the key with --kty RSA-HSM --exportable "
	    "--default-cvm-policy in a Premium vault or Managed HSM" },
	    r_cvm_key_requirements },
	{ { "des-auto-rotation-off", W, "DE",
	    "a DES without automatic key rotation",
	    "az disk-encryption-set update --enable-auto-key-rotation true" },
	    r_des_auto_rotation_off },
	{ { "cvm-des-auto-rotation-on", W, "CVMO, CVMROT",
	    "automatic rotation on a confidential DES, where it is not "
	    "supported",
	    "turn auto-rotation off; rotate offline with every VM of the "
	    "DES stopped" }, r_cvm_des_auto_rotation_on },
	{ { "des-rotation-error", W, "SPEC-DES, DE",
	    "the DES reports autoKeyRotationError; rotation is not retried "
	    "until fixed (an error when the key is gone)",
	    "fix the key or the DES identity's access, then update the DES" },
	    r_des_rotation_error },
	{ { "cvm-des-too-many-disks", N, "CVMBK",
	    "more than 40 disks behind one confidential DES: rotation may be "
	    "slow or fail with restore points",
	    "spread the disks over more DES" }, r_cvm_des_too_many_disks },
	{ { "des-shared-across-vms", W, "CVMROT",
	    "a DES used by more VMs than the policy allows (blast radius)",
	    "give each VM its own DES (baseline: one VM per DES)" },
	    r_des_shared_across_vms },
	{ { "des-shared-os-and-data", W, "CVMROT",
	    "one DES for both OS and data disks",
	    "use one DES for the OS disk and another for the data disks" },
	    r_des_shared_os_and_data },
	{ { "key-shared-across-des", W, "DE",
	    "one key behind several DES (blast radius)",
	    "give every DES its own key" }, r_key_shared_across_des },

	/* Disks and hosts */
	{ { "double-encryption-unsupported-disk", E, "DE",
	    "double encryption on an Ultra Disk or Premium SSD v2",
	    "use a DES of type EncryptionAtRestWithCustomerKey for these "
	    "disks" }, r_double_encryption_unsupported_disk },
	{ { "eah-feature-not-registered", E, "EAHCLI",
	    "encryption at host while the subscription feature "
	    "EncryptionAtHost is not registered",
	    "az feature register --namespace Microsoft.Compute --name "
	    "EncryptionAtHost" }, r_eah_feature_not_registered },
	{ { "temp-disk-unencrypted", W, "DE, DEO",
	    "the temp disk or host caches are not encrypted",
	    "enable encryption at host (VM03/VM04)" },
	    r_temp_disk_unencrypted },

	/* Policy */
	{ { "customer-key-required", W, "POL-CMK",
	    "a platform key where the policy wants customer keys",
	    "encrypt the disk with a DES (customer key)" },
	    r_customer_key_required },
	{ { "encryption-at-host-required", W, "POL-EAH",
	    "encryption at host off where the policy requires it",
	    "enable encryption at host (deallocate first)" },
	    r_encryption_at_host_required },
	{ { "double-encryption-required", W, "POL-DBL",
	    "a data disk that is not double encrypted where the policy "
	    "requires it (disk03)",
	    "use a DES of type EncryptionAtRestWithPlatformAndCustomerKeys" },
	    r_double_encryption_required },
	{ { "des-not-allowed", W, "POL-DES",
	    "a disk uses a DES the policy does not allow",
	    "move the disk to one of the allowed DES" }, r_des_not_allowed },
	{ { "key-vault-not-allowed", W, "POL-DES",
	    "a DES uses a key vault the policy does not allow",
	    "use a key from one of the allowed vaults" },
	    r_key_vault_not_allowed },
	/* The input itself */
	{ { "input-note", N, "input",
	    "something the importer noticed in the input: a VM's copy of a "
	    "disk that disagrees with the disk resource, a value newer than "
	    "this tool, a disk the input lacks, a duplicate",
	    "export the missing or newer resources, or check the named "
	    "place in the input" }, r_input_note },
};

#undef E
#undef W
#undef N

_Static_assert(sizeof(table) / sizeof(table[0]) <= POLICY_MAX_RULES,
    "POLICY_MAX_RULES is too small for the rule table");

const struct adc_rule *
adc_rule_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

int
adc_rule_index(const char *id)
{
	size_t i;

	if (id == NULL)
		return -1;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].info.id, id) == 0)
			return (int)i;
	}
	return -1;
}

size_t
adc_rule_count(void)
{
	return sizeof(table) / sizeof(table[0]);
}

const struct adc_rule_info *
adc_rule_get(size_t i)
{
	return i < adc_rule_count() ? &table[i].info : NULL;
}

const struct adc_rule_info *
adc_rule_find(const char *id)
{
	int i = adc_rule_index(id);

	return i < 0 ? NULL : &table[i].info;
}

static enum adc_severity
severity_at(const struct adc_policy *policy, size_t i)
{
	if (policy == NULL)
		policy = adc_policy_baseline();
	if (policy->severity[i] >= 0)
		return (enum adc_severity)policy->severity[i];
	return table[i].info.severity;
}

enum adc_severity
adc_policy_severity(const struct adc_policy *policy, const char *rule)
{
	int i = adc_rule_index(rule);

	return i < 0 ? ADC_SEV_NONE : severity_at(policy, (size_t)i);
}

/* By position in the table: called for every finding. */
enum adc_severity
rule_severity(const struct rule_ctx *ctx, const struct adc_rule *rule)
{
	return severity_at(ctx->policy, (size_t)(rule - table));
}
