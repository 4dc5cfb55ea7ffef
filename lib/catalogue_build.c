/* SPDX-License-Identifier: MIT */
/*
 * catalogue_build.c: turn a catalogue entry into model resources (a VM,
 * its disks, DES, vaults and keys), and the notes that matter for each
 * entry. The built resources are what explain analyses and what the
 * tests use as known-good configurations.
 */
#include <string.h>

#include "adc.h"

#define SUB	"00000000-0000-0000-0000-000000000000"
#define RG	"/subscriptions/" SUB "/resourceGroups/rg-catalogue"
#define REGION	"westeurope"

#define DES_IDS		RG "/providers/Microsoft.Compute/diskEncryptionSets/"
#define VAULT_IDS	RG "/providers/Microsoft.KeyVault/vaults/"
#define OS_DES_ID	DES_IDS "des-os"
#define DATA_DES_ID	DES_IDS "des-data"
#define OS_VAULT_ID	VAULT_IDS "kv-os-catalogue"
#define DATA_VAULT_ID	VAULT_IDS "kv-data-catalogue"
#define OS_KEY_URL	"https://kv-os-catalogue.vault.azure.net/keys/key-os/" \
			"0123456789abcdef0123456789abcdef"
#define DATA_KEY_URL	"https://kv-data-catalogue.vault.azure.net/keys/" \
			"key-data/fedcba9876543210fedcba9876543210"

/* The disk-side security type a VM-side encryption type produces. The
 * mapping is inferred from the enum descriptions [SPEC-DISK] ([B]). */
static enum adc_disk_sectype
disk_sectype(enum adc_sec_encryption enc, enum adc_enc_type os_des)
{
	switch (enc) {
	case ADC_SECENC_VMGS_ONLY:
		return ADC_DSEC_CVM_VMGS_PMK;
	case ADC_SECENC_DISK_WITH_VMGS:
		return os_des == ADC_ENC_CONFIDENTIAL ? ADC_DSEC_CVM_DISK_CMK :
		    ADC_DSEC_CVM_DISK_PMK;
	case ADC_SECENC_NON_PERSISTED_TPM:
		return ADC_DSEC_CVM_NONPERSISTED;
	case ADC_SECENC_NONE:
		return ADC_DSEC_NONE;
	case ADC_SECENC_UNKNOWN:
	case ADC_SECENC_OTHER:
		break;
	}
	return ADC_DSEC_UNKNOWN;
}

/* A vault as the fact base requires for disk keys: soft delete and purge
 * protection [KVP]; Premium when the key is HSM-backed [CMKR][CVMCLI]. */
static void
build_vault(struct adc_vault *vault, const char *id, const char *name,
    const char *uri, enum adc_vault_sku sku)
{
	vault->id = id;
	vault->name = name;
	vault->uri = uri;
	vault->location = REGION;
	vault->subscription = SUB;
	vault->sku = sku;
	vault->soft_delete = ADC_YES;
	vault->purge_protection = ADC_YES;
	vault->enabled_for_disk_encryption = ADC_NO;
	vault->rbac = ADC_YES;
}

/* RSA 3072, as the generated scripts create; a confidential key is
 * RSA-HSM, exportable, with a release policy [CVMCLI]. */
static void
build_key(struct adc_key *key, const char *url, const char *host,
    const char *name, bool confidential)
{
	key->url = url;
	key->vault_host = host;
	key->name = name;
	key->version = strrchr(url, '/') + 1;
	key->kty = confidential ? ADC_KTY_RSA_HSM : ADC_KTY_RSA;
	key->size_bits = 3072;
	key->exportable = confidential ? ADC_YES : ADC_NO;
	key->has_release_policy = confidential ? ADC_YES : ADC_NO;
	key->enabled = ADC_YES;
	key->has_expiry = ADC_NO;
	key->exists = ADC_YES;
}

static void
build_des(struct adc_des *des, const char *id, const char *name,
    enum adc_enc_type type, struct adc_vault *vault, struct adc_key *key)
{
	des->id = id;
	des->name = name;
	des->location = REGION;
	des->subscription = SUB;
	des->type = type;
	des->key_url = key->url;
	des->source_vault_id = vault->id;
	/* Automatic rotation is unsupported for confidential DES [CVMROT]. */
	des->auto_rotation = type == ADC_ENC_CONFIDENTIAL ? ADC_NO : ADC_YES;
	des->identity = ADC_IDENTITY_SYSTEM;
	des->vault = vault;
	des->key = key;
}

static void
build_os_side(const struct adc_scenario *s, struct adc_scenario_vm *out)
{
	struct adc_disk *os = &out->os_disk;
	bool confidential = s->os_des_type == ADC_ENC_CONFIDENTIAL;

	os->id = RG "/providers/Microsoft.Compute/disks/osdisk-catalogue";
	os->name = "osdisk-catalogue";
	os->location = REGION;
	os->subscription = SUB;
	os->role = ADC_ROLE_OS;
	os->lun = -1;
	os->size_gb = 30;
	os->sku = ADC_SKU_PREMIUM_LRS;
	/* az vm create's --os-disk-caching default (az vm create -h). */
	os->caching = ADC_CACHING_READ_WRITE;
	os->os_type = ADC_OS_LINUX;
	os->sec_type = disk_sectype(s->os_sec_encryption, s->os_des_type);
	os->attached = ADC_YES;
	os->ever_ade = ADC_NO;
	os->ade.enabled = ADC_NO;
	os->vm = &out->vm;
	os->managed_by = out->vm.id;
	/* A confidential customer key leaves encryption.type at the
	 * platform key; the key sits on the security profile [SPEC-DISK]. */
	os->enc_type = s->os_des_type == ADC_ENC_CUSTOMER ?
	    ADC_ENC_CUSTOMER : ADC_ENC_PLATFORM;
	if (s->os_des_type == ADC_ENC_PLATFORM)
		return;

	build_vault(&out->os_vault, OS_VAULT_ID, "kv-os-catalogue",
	    "https://kv-os-catalogue.vault.azure.net/",
	    confidential ? ADC_VAULT_PREMIUM : ADC_VAULT_STANDARD);
	build_key(&out->os_key, OS_KEY_URL, "kv-os-catalogue.vault.azure.net",
	    "key-os", confidential);
	build_des(&out->os_des, OS_DES_ID, "des-os", s->os_des_type,
	    &out->os_vault, &out->os_key);
	if (confidential) {
		os->secure_des_id = OS_DES_ID;
		os->secure_des = &out->os_des;
	} else {
		os->des_id = OS_DES_ID;
		os->des = &out->os_des;
	}
}

static void
build_data_side(const struct adc_scenario *s, struct adc_scenario_vm *out)
{
	struct adc_disk *d = &out->data[0];

	if (s->n_data_disks == 0)
		return;
	d->id = RG "/providers/Microsoft.Compute/disks/datadisk-catalogue";
	d->name = "datadisk-catalogue";
	d->location = REGION;
	d->subscription = SUB;
	d->role = ADC_ROLE_DATA;
	d->lun = 0;
	d->size_gb = 32;
	d->sku = ADC_SKU_PREMIUM_LRS;
	/* What az vm create --data-disk-sizes-gb leaves: caching None on
	 * a Premium data disk (the recorded vm show of azure-cli's
	 * test_disk_encryption_set, in the shared fixtures). */
	d->caching = ADC_CACHING_NONE;
	d->sec_type = ADC_DSEC_NONE;
	d->attached = ADC_YES;
	d->ever_ade = ADC_NO;
	d->ade.enabled = ADC_NO;
	d->vm = &out->vm;
	d->managed_by = out->vm.id;
	d->enc_type = s->data_des_type;
	out->data_ptrs[0] = d;
	out->vm.data_disks = out->data_ptrs;
	out->vm.n_data_disks = 1;
	if (s->data_des_type == ADC_ENC_PLATFORM)
		return;

	build_vault(&out->data_vault, DATA_VAULT_ID, "kv-data-catalogue",
	    "https://kv-data-catalogue.vault.azure.net/", ADC_VAULT_STANDARD);
	build_key(&out->data_key, DATA_KEY_URL,
	    "kv-data-catalogue.vault.azure.net", "key-data", false);
	build_des(&out->data_des, DATA_DES_ID, "des-data", s->data_des_type,
	    &out->data_vault, &out->data_key);
	d->des_id = DATA_DES_ID;
	d->des = &out->data_des;
}

static void
build_vm(const struct adc_scenario *s, struct adc_scenario_vm *out)
{
	struct adc_vm *vm = &out->vm;

	vm->id = RG "/providers/Microsoft.Compute/virtualMachines/vm-catalogue";
	vm->name = "vm-catalogue";
	vm->location = REGION;
	vm->subscription = SUB;
	vm->size = s->size;
	vm->os_type = ADC_OS_LINUX;
	vm->security_type = s->security_type;
	vm->vtpm = s->vtpm;
	vm->secure_boot = s->secure_boot;
	vm->encryption_at_host = s->encryption_at_host;
	vm->os_sec_encryption = s->os_sec_encryption;
	vm->ephemeral_os = ADC_NO;
	vm->ade.enabled = ADC_NO;
	vm->ever_ade = ADC_NO;
	vm->os_disk = &out->os_disk;
}

enum adc_status
adc_scenario_build(const struct adc_scenario *scenario,
    struct adc_scenario_vm *out)
{
	const struct adc_scenario *vm_part = scenario;

	if (scenario == NULL || out == NULL)
		return ADC_EINVAL;
	memset(out, 0, sizeof(*out));

	/* A disk scenario rides on a VM with the defaults. */
	if (scenario->kind == ADC_SCENARIO_DISK)
		vm_part = adc_scenario_find("VM01");
	build_vm(vm_part, out);
	build_os_side(vm_part, out);
	build_data_side(scenario, out);
	return ADC_OK;
}
