/* SPDX-License-Identifier: MIT */
/*
 * script_build.c: the build script. The prerequisites come first, each
 * only when an item needs it and in the order Azure needs them: the
 * EncryptionAtHost feature [EAHCLI], the resource group, key vaults with
 * purge protection and RBAC [KVP][17], the signed-in user's right to
 * create keys, the keys, the Confidential VM Orchestrator's right to
 * release confidential keys [CVMCLI], each DES with its identity's right
 * to use its key; then VMs and disks with their scenario's flags, taken
 * from the catalogue's fields. Every creation is guarded by a show, so a
 * second run skips what exists.
 */
#include "script.h"

#include <string.h>

/* The catalogue's data disks are 32 GB, as in the study. */
#define DATA_DISK_GB	32

static const char helpers[] =
    "say() {\n"
    "\tprintf '==> %s\\n' \"$*\" >&2\n"
    "}\n"
    "\n"
    "# retry CMD...: a role assignment takes minutes to reach Key Vault "
    "and\n"
    "# Compute, so a command that depends on a fresh one is tried again.\n"
    "retry() {\n"
    "\tlocal n=1\n"
    "\tuntil \"$@\"; do\n"
    "\t\tif [ \"$n\" -ge 10 ]; then\n"
    "\t\t\treturn 1\n"
    "\t\tfi\n"
    "\t\tsay \"retrying in 30s ($n/9): ${*:1:3}\"\n"
    "\t\tsleep 30\n"
    "\t\tn=$((n + 1))\n"
    "\tdone\n"
    "}\n\n";

static const char grant_helper[] =
    "# grant ROLE SCOPE PRINCIPAL TYPE: one role assignment; one that "
    "exists\n"
    "# already is fine.\n"
    "grant() {\n"
    "\tlocal out\n"
    "\tif out=$(az role assignment create --role \"$1\" --scope \"$2\" \\\n"
    "\t    --assignee-object-id \"$3\" --assignee-principal-type \"$4\" "
    "2>&1); then\n"
    "\t\treturn 0\n"
    "\tfi\n"
    "\tcase $out in\n"
    "\t*RoleAssignmentExists* | *\"already exists\"*) return 0 ;;\n"
    "\tesac\n"
    "\tprintf '%s\\n' \"$out\" >&2\n"
    "\treturn 1\n"
    "}\n\n";

static const char feature[] =
    "# Encryption at host needs the EncryptionAtHost feature on the\n"
    "# subscription, and registering it takes minutes [EAHCLI].\n"
    "eah_state() {\n"
    "\taz feature show --namespace Microsoft.Compute "
    "--name EncryptionAtHost \\\n"
    "\t    --query properties.state -o tsv\n"
    "}\n"
    "if [ \"$(eah_state)\" != Registered ]; then\n"
    "\tsay \"registering the EncryptionAtHost feature\"\n"
    "\taz feature register --namespace Microsoft.Compute "
    "--name EncryptionAtHost \\\n"
    "\t    >/dev/null\n"
    "\twaited=0\n"
    "\tuntil [ \"$(eah_state)\" = Registered ]; do\n"
    "\t\tif [ \"$waited\" -ge 60 ]; then\n"
    "\t\t\tsay \"EncryptionAtHost is not Registered after 30 minutes\"\n"
    "\t\t\texit 1\n"
    "\t\tfi\n"
    "\t\tsleep 30\n"
    "\t\twaited=$((waited + 1))\n"
    "\tdone\n"
    "\taz provider register -n Microsoft.Compute\n"
    "fi\n\n";

static const char not_done[] =
    "# Not done here, on purpose:\n"
    "# - Azure Disk Encryption (ADE): it retires on 2028-09-15 [ADERET] "
    "and\n"
    "#   cannot be combined with encryption at host or customer keys\n"
    "#   [EAHR][CMKR].\n"
    "# - SSH keys: az's --generate-ssh-keys uses ~/.ssh/id_rsa.pub or "
    "makes\n"
    "#   it; nothing else manages them. Windows passwords come from\n"
    "#   ADMIN_PASSWORD and never sit in the script.\n"
    "# - Azure Backup: for confidential VMs it is a preview (v6 sizes, "
    "two\n"
    "#   regions) [CVMBK].\n"
    "# - Key rotation policies and expiry dates: DES auto-rotation picks "
    "up\n"
    "#   new key versions, nothing here makes them; confidential keys are\n"
    "#   rotated offline [CVMROT].\n"
    "# - Network hardening: az vm create's defaults make a public IP and\n"
    "#   open SSH (22) or RDP (3389).\n"
    "# - Size checks: encryption at host needs a size with\n"
    "#   EncryptionAtHostSupported (az vm list-skus) [EAHCLI], and the\n"
    "#   confidential size must be offered in LOCATION.\n";

static const char *
sectype_name(enum adc_security_type t)
{
	switch (t) {
	case ADC_SECTYPE_TRUSTED_LAUNCH:
		return "TrustedLaunch";
	case ADC_SECTYPE_CONFIDENTIAL:
		return "ConfidentialVM";
	case ADC_SECTYPE_UNKNOWN:
	case ADC_SECTYPE_STANDARD:
	case ADC_SECTYPE_OTHER:
		/* No flag: sending Standard fails on subscriptions without
		 * UseStandardSecurityType [CLI-ISS]. */
		break;
	}
	return NULL;
}

static const char *
secenc_name(enum adc_sec_encryption e)
{
	switch (e) {
	case ADC_SECENC_VMGS_ONLY:
		return "VMGuestStateOnly";
	case ADC_SECENC_DISK_WITH_VMGS:
		return "DiskWithVMGuestState";
	case ADC_SECENC_NON_PERSISTED_TPM:
		return "NonPersistedTPM";
	case ADC_SECENC_UNKNOWN:
	case ADC_SECENC_NONE:
	case ADC_SECENC_OTHER:
		break;
	}
	return NULL;
}

static const char *
des_type_name(enum adc_enc_type t)
{
	switch (t) {
	case ADC_ENC_CUSTOMER:
		return "EncryptionAtRestWithCustomerKey";
	case ADC_ENC_DOUBLE:
		return "EncryptionAtRestWithPlatformAndCustomerKeys";
	case ADC_ENC_CONFIDENTIAL:
		return "ConfidentialVmEncryptedWithCustomerKey";
	case ADC_ENC_UNKNOWN:
	case ADC_ENC_PLATFORM:
	case ADC_ENC_OTHER:
		/* Not a DES type: the platform key is invalid for a DES
		 * [SPEC-DES]. */
		break;
	}
	return NULL;
}

/* The first scenario of a kind gives the size and image of that kind;
 * the catalogue's scenarios of one kind all agree. */
static const struct adc_scenario *
first_vm(const struct script_gen *g, bool confidential)
{
	const struct adc_scenario *s;
	size_t i;

	for (i = 0; i < g->n_items; i++) {
		s = g->items[i].scenario;
		if (s->kind == ADC_SCENARIO_VM && confidential ==
		    (s->security_type == ADC_SECTYPE_CONFIDENTIAL))
			return s;
	}
	return NULL;
}

static void
put_vm_settings(struct script_gen *g)
{
	const struct adc_scenario *s;
	const char *o_img = g->opts->image, *o_size = g->opts->size;

	if (!g->need_std_vm && !g->need_cvm_vm)
		return;
	if (g->windows)
		script_put(g, ": \"${ADMIN_PASSWORD:?set ADMIN_PASSWORD in "
		    "the environment: the script holds no secrets}\"\n");
	script_put_setting(g, "ADMIN_USER", "admin user", "azureuser");
	s = first_vm(g, false);
	if (s != NULL) {
		script_put_setting(g, "VM_SIZE", o_size ? "--size" : "size",
		    o_size ? o_size : s->size);
		script_put_setting(g, "VM_IMAGE", o_img ? "--image" : "image",
		    o_img ? o_img : s->image);
	}
	s = first_vm(g, true);
	if (s != NULL) {
		script_put_setting(g, "CVM_SIZE", o_size ? "--size" : "size",
		    o_size ? o_size : s->size);
		script_put_setting(g, "CVM_IMAGE", o_img ? "--image" : "image",
		    o_img ? o_img : s->image);
	}
}

static void
put_build_settings(struct script_gen *g)
{
	put_vm_settings(g);
	if (g->need_kv || g->need_kv_cvm) {
		script_put_setting(g, "RETENTION_DAYS", "retention", "90");
		script_put(g, "# Who creates the keys: the signed-in user "
		    "unless set (after a service\n# principal login set ME to "
		    "its object id and ME_TYPE=ServicePrincipal).\n"
		    "ME=${ME:-}\n");
		script_put_setting(g, "ME_TYPE", "principal type", "User");
	}
	script_put(g, "\n");
}

static void
put_vault(struct script_gen *g, const char *var, const char *sku)
{
	script_put(g,
	    "if ! az keyvault show -g \"$RG\" -n \"$%s\" >/dev/null 2>&1; "
	    "then\n"
	    "\tsay \"key vault $%s\"\n"
	    "\taz keyvault create -g \"$RG\" -n \"$%s\" -l \"$LOCATION\" "
	    "--sku %s \\\n"
	    "\t    --tags azdiskcrypt=\"$PREFIX\" \\\n"
	    "\t    --enable-purge-protection true "
	    "--retention-days \"$RETENTION_DAYS\" \\\n"
	    "\t    --enable-rbac-authorization true >/dev/null\n"
	    "fi\n"
	    "%s_ID=$(az keyvault show -g \"$RG\" -n \"$%s\" --query id "
	    "-o tsv)\n"
	    "grant 'Key Vault Crypto Officer' \"$%s_ID\" \"$ME\" "
	    "\"$ME_TYPE\"\n\n",
	    var, var, var, sku, var, var, var);
}

static void
put_vaults(struct script_gen *g)
{
	if (!g->need_kv && !g->need_kv_cvm)
		return;
	script_put_vault_names(g);
	script_put(g, "# Key vaults: soft delete and purge protection, "
	    "which disk encryption\n# requires [KVP], and RBAC; the "
	    "signed-in user gets \"Key Vault Crypto\n# Officer\" to create "
	    "keys [17]. Confidential keys are HSM keys: Premium\n"
	    "# [CVMCLI].\n"
	    "if [ -z \"$ME\" ]; then\n"
	    "\tME=$(az ad signed-in-user show --query id -o tsv)\n"
	    "fi\n");
	if (g->need_kv)
		put_vault(g, "KV", "standard");
	if (g->need_kv_cvm)
		put_vault(g, "KV_CVM", "premium");
}

static void
put_key(struct script_gen *g, const struct script_des *d)
{
	bool cvm = d->type == ADC_ENC_CONFIDENTIAL;
	const char *kv = cvm ? "KV_CVM" : "KV";

	script_put(g,
	    "if ! az keyvault key show --vault-name \"$%s\" -n \"$%s\" "
	    "\\\n\t    >/dev/null 2>&1; then\n"
	    "\tsay \"key $%s\"\n"
	    "\tretry az keyvault key create --vault-name \"$%s\" "
	    "-n \"$%s\" \\\n",
	    kv, d->key_var, d->key_var, kv, d->key_var);
	if (cvm)
		script_put(g, "\t    --kty RSA-HSM --size 3072 --exportable "
		    "true --default-cvm-policy \\\n");
	else
		script_put(g, "\t    --kty RSA --size 3072 \\\n");
	script_put(g, "\t    >/dev/null\nfi\n");
}

static void
put_keys(struct script_gen *g)
{
	size_t i;

	if (g->n_des == 0)
		return;
	script_put(g, "# One RSA 3072 key per DES. A confidential key is an "
	    "exportable HSM key\n# with the default confidential VM release "
	    "policy [CVMCLI].\n");
	for (i = 0; i < g->n_des; i++)
		put_key(g, &g->des[i]);
	script_put(g, "\n");
}

static void
put_orchestrator(struct script_gen *g)
{
	size_t i;

	if (!g->need_kv_cvm)
		return;
	script_put(g, "# The Confidential VM Orchestrator releases "
	    "confidential keys to the VM.\n# It must exist in the tenant; "
	    "creating it needs Global Administrator\n# or User Access "
	    "Administrator [CVMCLI].\n"
	    "CVM_ORCHESTRATOR=bf7b6499-ff71-4aa2-97a4-f372087be7f0\n"
	    "if ! az ad sp show --id \"$CVM_ORCHESTRATOR\" >/dev/null 2>&1; "
	    "then\n"
	    "\taz ad sp create --id \"$CVM_ORCHESTRATOR\" >/dev/null\n"
	    "fi\n"
	    "CVM_ORCHESTRATOR_ID=$(az ad sp show --id \"$CVM_ORCHESTRATOR\" "
	    "--query id -o tsv)\n");
	for (i = 0; i < g->n_des; i++) {
		if (g->des[i].type != ADC_ENC_CONFIDENTIAL)
			continue;
		script_put(g, "grant 'Key Vault Crypto Service Release User' "
		    "\"$KV_CVM_ID/keys/$%s\" \\\n"
		    "    \"$CVM_ORCHESTRATOR_ID\" ServicePrincipal\n",
		    g->des[i].key_var);
	}
	script_put(g, "\n");
}

static void
put_des(struct script_gen *g, const struct script_des *d)
{
	bool cvm = d->type == ADC_ENC_CONFIDENTIAL;
	const char *kv = cvm ? "KV_CVM" : "KV";

	script_put(g,
	    "if ! az disk-encryption-set show -g \"$RG\" -n \"$%s\" "
	    ">/dev/null 2>&1; then\n"
	    "\tsay \"disk encryption set $%s (%s)\"\n"
	    "\tkey_url=$(az keyvault key show --vault-name \"$%s\" "
	    "-n \"$%s\" \\\n\t    --query key.kid -o tsv)\n"
	    "\taz disk-encryption-set create -g \"$RG\" -n \"$%s\" "
	    "-l \"$LOCATION\" \\\n"
	    "\t    --key-url \"$key_url\" --source-vault \"$%s_ID\" \\\n"
	    "\t    --encryption-type %s%s >/dev/null\n"
	    "fi\n"
	    "principal=$(az disk-encryption-set show -g \"$RG\" -n \"$%s\" "
	    "\\\n    --query identity.principalId -o tsv)\n"
	    "retry grant 'Key Vault Crypto Service Encryption User' \\\n"
	    "    \"$%s_ID/keys/$%s\" \"$principal\" ServicePrincipal\n",
	    d->var, d->var, des_type_name(d->type), kv, d->key_var, d->var,
	    kv, des_type_name(d->type),
	    cvm ? "" : " \\\n\t    --enable-auto-key-rotation true",
	    d->var, kv, d->key_var);
}

static void
put_des_all(struct script_gen *g)
{
	size_t i;

	if (g->n_des == 0)
		return;
	script_put(g, "# Each DES, and its identity's right to use its key. "
	    "Automatic key\n# rotation is on where Azure supports it: not for "
	    "confidential DES\n# [CVMROT].\n");
	for (i = 0; i < g->n_des; i++)
		put_des(g, &g->des[i]);
	script_put(g, "\n");
}

/* The DES variable of item i for part "os", "data" or "" (a disk). */
static const char *
des_var(const struct script_gen *g, size_t item, const char *part)
{
	size_t i;

	for (i = 0; i < g->n_des; i++) {
		if (g->des[i].item == item && strcmp(g->des[i].part, part) == 0)
			return g->des[i].var;
	}
	return NULL;
}

/* One flag on a continuation line; value is written as given. */
static void
put_flag(struct script_gen *g, const char *flag, const char *value)
{
	script_put(g, " \\\n\t    %s %s", flag, value);
}

/* One flag whose value is a shell variable of the script. */
static void
put_flag_var(struct script_gen *g, const char *flag, const char *var)
{
	script_put(g, " \\\n\t    %s \"$%s\"", flag, var);
}

static void
put_tri_flag(struct script_gen *g, const char *flag, enum adc_tri v)
{
	if (v != ADC_UNKNOWN)
		put_flag(g, flag, v == ADC_YES ? "true" : "false");
}

static void
put_data_disks(struct script_gen *g, size_t item,
    const struct adc_scenario *s)
{
	const char *des = des_var(g, item, "data");
	unsigned i;

	if (s->n_data_disks == 0)
		return;
	script_put(g, " \\\n\t    --data-disk-sizes-gb");
	for (i = 0; i < s->n_data_disks; i++)
		script_put(g, " %d", DATA_DISK_GB);
	if (des == NULL)
		return;
	/* One entry per data disk, or az refuses the count [CLI245]. */
	script_put(g, " \\\n\t    --data-disk-encryption-sets");
	for (i = 0; i < s->n_data_disks; i++)
		script_put(g, " \"$%s\"", des);
}

static void
put_vm_flags(struct script_gen *g, size_t item,
    const struct adc_scenario *s)
{
	const char *des = des_var(g, item, "os");

	if (sectype_name(s->security_type) != NULL)
		put_flag(g, "--security-type", sectype_name(s->security_type));
	put_tri_flag(g, "--enable-vtpm", s->vtpm);
	put_tri_flag(g, "--enable-secure-boot", s->secure_boot);
	if (secenc_name(s->os_sec_encryption) != NULL)
		put_flag(g, "--os-disk-security-encryption-type",
		    secenc_name(s->os_sec_encryption));
	if (des != NULL && s->os_des_type == ADC_ENC_CONFIDENTIAL)
		put_flag_var(g, "--os-disk-secure-vm-disk-encryption-set", des);
	else if (des != NULL)
		put_flag_var(g, "--os-disk-encryption-set", des);
	put_data_disks(g, item, s);
	if (s->encryption_at_host == ADC_YES)
		put_flag(g, "--encryption-at-host", "true");
}

static void
put_vm(struct script_gen *g, size_t item)
{
	const struct adc_scenario *s = g->items[item].scenario;
	const char *kind = s->security_type == ADC_SECTYPE_CONFIDENTIAL ?
	    "CVM" : "VM";
	char var[40];

	script_item_var(g, item, var, sizeof(var));
	script_put(g,
	    "if ! az vm show -g \"$RG\" -n \"$%s\" >/dev/null 2>&1; then\n"
	    "\tsay \"%s $%s:\" ", var, s->id, var);
	script_put_quoted(g, "title", s->title);
	script_put(g, "\n"
	    "\tretry az vm create -g \"$RG\" -n \"$%s\" -l \"$LOCATION\" \\\n"
	    "\t    --image \"$%s_IMAGE\" --size \"$%s_SIZE\" \\\n"
	    "\t    --admin-username \"$ADMIN_USER\" %s",
	    var, kind, kind,
	    g->windows ? "--admin-password \"$ADMIN_PASSWORD\"" :
	    "--generate-ssh-keys");
	put_vm_flags(g, item, s);
	script_put(g, " \\\n\t    >/dev/null\nfi\n");
}

static void
put_disk(struct script_gen *g, size_t item)
{
	const struct adc_script_item *it = &g->items[item];
	const char *des = des_var(g, item, "");
	char var[40], vm[40];

	script_item_var(g, item, var, sizeof(var));
	script_put(g,
	    "if ! az disk show -g \"$RG\" -n \"$%s\" >/dev/null 2>&1; then\n"
	    "\tsay \"%s $%s:\" ", var, it->scenario->id, var);
	script_put_quoted(g, "title", it->scenario->title);
	script_put(g, "\n"
	    "\tretry az disk create -g \"$RG\" -n \"$%s\" -l \"$LOCATION\" "
	    "--size-gb %d",
	    var, DATA_DISK_GB);
	if (des != NULL)
		put_flag_var(g, "--disk-encryption-set", des);
	script_put(g, " \\\n\t    >/dev/null\nfi\n");
	if (it->attach_to < 0)
		return;
	script_item_var(g, (size_t)it->attach_to, vm, sizeof(vm));
	script_put(g,
	    "if [ -z \"$(az disk show -g \"$RG\" -n \"$%s\" --query managedBy "
	    "-o tsv)\" ]; then\n"
	    "\taz vm disk attach -g \"$RG\" --vm-name \"$%s\" --name \"$%s\" "
	    ">/dev/null\n"
	    "fi\n", var, vm, var);
}

static void
put_resources(struct script_gen *g)
{
	size_t i;

	script_put(g, "# The VMs, then the disks, with their scenario's "
	    "flags.\n");
	for (i = 0; i < g->n_items; i++) {
		if (g->items[i].scenario->kind == ADC_SCENARIO_VM)
			put_vm(g, i);
	}
	for (i = 0; i < g->n_items; i++) {
		if (g->items[i].scenario->kind == ADC_SCENARIO_DISK)
			put_disk(g, i);
	}
	script_put(g, "\nsay \"done: resource group $RG\"\n");
	if (g->need_kv || g->need_kv_cvm)
		script_put(g, "say \"key vaults: $%s (suffix $SUFFIX)\"\n",
		    g->need_kv ? "KV" : "KV_CVM");
	script_put(g, "\n");
}

void
script_write_build(struct script_gen *g)
{
	script_put_header(g, "Builds Azure VM disk encryption scenarios from "
	    "the azdiskcrypt catalogue,\n# with az, prerequisites first. Run "
	    "it after az login, with rights to\n# create resources and role "
	    "assignments.");
	script_put_settings(g);
	put_build_settings(g);
	script_put(g, "%s", helpers);
	if (g->need_kv || g->need_kv_cvm)
		script_put(g, "%s", grant_helper);
	if (g->need_eah)
		script_put(g, "%s", feature);
	script_put(g, "if ! az group show -n \"$RG\" >/dev/null 2>&1; then\n"
	    "\tsay \"resource group $RG\"\n"
	    "\taz group create -n \"$RG\" -l \"$LOCATION\" "
	    "--tags azdiskcrypt=script \\\n\t    >/dev/null\nfi\n\n");
	put_vaults(g);
	put_keys(g);
	put_orchestrator(g);
	put_des_all(g);
	put_resources(g);
	script_put(g, "%s", not_done);
}
