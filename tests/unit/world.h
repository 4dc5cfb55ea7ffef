/* SPDX-License-Identifier: MIT */
/*
 * world.h: hand-built estates for the rule, check and blast-radius
 * tests. world_std is the baseline's VM04 (encryption at host, customer
 * key on the OS disk) with a disk02 data disk; world_cvm is VM10; each
 * DES has its own key, every vault soft delete and purge protection, as
 * azure-facts.md requires. Tests change one setting and look for the
 * rule that it should trigger.
 */
#ifndef ADC_TEST_WORLD_H
#define ADC_TEST_WORLD_H

#include <string.h>
#include <time.h>

#include "adc.h"

#define W_SUB	"11111111-1111-1111-1111-111111111111"
#define W_RG	"/subscriptions/" W_SUB "/resourceGroups/rg"
#define W_VM	W_RG "/providers/Microsoft.Compute/virtualMachines/vm1"
#define W_VM2	W_RG "/providers/Microsoft.Compute/virtualMachines/vm2"
#define W_OS	W_RG "/providers/Microsoft.Compute/disks/vm1-os"
#define W_OS2	W_RG "/providers/Microsoft.Compute/disks/vm2-os"
#define W_DATA	W_RG "/providers/Microsoft.Compute/disks/vm1-data0"
#define W_DES_OS W_RG "/providers/Microsoft.Compute/diskEncryptionSets/des-os"
#define W_DES_DATA W_RG \
		"/providers/Microsoft.Compute/diskEncryptionSets/des-data"
#define W_KV	W_RG "/providers/Microsoft.KeyVault/vaults/kv-disks"
#define W_KV_ADE W_RG "/providers/Microsoft.KeyVault/vaults/kv-ade"
#define W_KEY_OS "https://kv-disks.vault.azure.net/keys/key-os/" \
		"00112233445566778899aabbccddeeff"
#define W_KEY_DATA "https://kv-disks.vault.azure.net/keys/key-data/" \
		"ffeeddccbbaa99887766554433221100"
#define W_EXTRA	41

struct world {
	struct adc_estate e;
	struct adc_vm	 vm, vm2;
	struct adc_disk	 os, data, os2;
	struct adc_disk	*data_ptrs[1];
	struct adc_des	 des_os, des_data;
	struct adc_vault kv, kv_ade;
	struct adc_key	 key_os, key_data;
	struct adc_disk	 extra[W_EXTRA];
	struct adc_vm	*vms[2];
	struct adc_disk	*disks[3 + W_EXTRA];
	struct adc_des	*des[2];
	struct adc_vault *vaults[2];
	struct adc_key	*keys[2];
};

static inline void
world_key(struct adc_key *k, const char *url, const char *name)
{
	k->url = url;
	k->vault_host = "kv-disks.vault.azure.net";
	k->name = name;
	k->version = strrchr(url, '/') + 1;
	k->kty = ADC_KTY_RSA_HSM;
	k->size_bits = 3072;
	k->exportable = ADC_NO;
	k->has_release_policy = ADC_NO;
	k->enabled = ADC_YES;
	k->has_expiry = ADC_NO;
	k->exists = ADC_YES;
}

static inline void
world_des(struct world *w, struct adc_des *d, const char *id,
    const char *name, struct adc_key *key)
{
	d->id = id;
	d->name = name;
	/* The display form of the VM's region: must compare equal. */
	d->location = "West Europe";
	d->subscription = W_SUB;
	d->tenant = "tenant-a";
	d->type = ADC_ENC_CUSTOMER;
	d->key_url = key->url;
	d->source_vault_id = W_KV;
	d->auto_rotation = ADC_YES;
	d->identity = ADC_IDENTITY_SYSTEM;
	d->vault = &w->kv;
	d->key = key;
}

static inline void
world_disk(struct world *w, struct adc_disk *d, const char *id,
    const char *name, enum adc_disk_role role, struct adc_des *des)
{
	d->id = id;
	d->name = name;
	d->location = "westeurope";
	d->subscription = W_SUB;
	d->role = role;
	d->lun = role == ADC_ROLE_DATA ? 0 : -1;
	d->size_gb = role == ADC_ROLE_DATA ? 32 : 30;
	d->sku = ADC_SKU_PREMIUM_LRS;
	d->caching = role == ADC_ROLE_OS ? ADC_CACHING_READ_WRITE :
	    ADC_CACHING_READ_ONLY;
	d->os_type = ADC_OS_LINUX;
	d->enc_type = ADC_ENC_CUSTOMER;
	d->des_id = des->id;
	d->des = des;
	d->sec_type = role == ADC_ROLE_OS ? ADC_DSEC_TRUSTED_LAUNCH :
	    ADC_DSEC_NONE;
	d->ade.enabled = ADC_NO;
	d->ever_ade = ADC_NO;
	d->attached = ADC_YES;
	d->managed_by = w->vm.id;
	d->vm = &w->vm;
}

static inline void
world_vault(struct adc_vault *v, const char *id, const char *name,
    const char *uri)
{
	v->id = id;
	v->name = name;
	v->uri = uri;
	v->location = "westeurope";
	v->subscription = W_SUB;
	v->tenant = "tenant-a";
	v->sku = ADC_VAULT_PREMIUM;
	v->soft_delete = ADC_YES;
	v->purge_protection = ADC_YES;
	v->enabled_for_disk_encryption = ADC_NO;
	v->rbac = ADC_YES;
}

/* Point the estate's arrays at the world's resources. */
static inline void
world_link(struct world *w)
{
	w->vms[0] = &w->vm;
	w->disks[0] = &w->os;
	w->disks[1] = &w->data;
	w->des[0] = &w->des_os;
	w->des[1] = &w->des_data;
	w->vaults[0] = &w->kv;
	w->vaults[1] = &w->kv_ade;
	w->keys[0] = &w->key_os;
	w->keys[1] = &w->key_data;
	w->e.vms = w->vms;
	w->e.n_vms = 1;
	w->e.disks = w->disks;
	w->e.n_disks = 2;
	w->e.des = w->des;
	w->e.n_des = 2;
	w->e.vaults = w->vaults;
	w->e.n_vaults = 2;
	w->e.keys = w->keys;
	w->e.n_keys = 2;
	w->e.eah_feature = ADC_YES;
}

/* VM04 with a disk02 data disk: the baseline's better choice. */
static inline void
world_std(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->vm.id = W_VM;
	w->vm.name = "vm1";
	w->vm.location = "westeurope";
	w->vm.subscription = W_SUB;
	w->vm.size = "Standard_D2ds_v4";
	w->vm.os_type = ADC_OS_LINUX;
	w->vm.security_type = ADC_SECTYPE_TRUSTED_LAUNCH;
	w->vm.vtpm = ADC_YES;
	w->vm.secure_boot = ADC_YES;
	w->vm.encryption_at_host = ADC_YES;
	w->vm.os_sec_encryption = ADC_SECENC_NONE;
	w->vm.ephemeral_os = ADC_NO;
	w->vm.ade.enabled = ADC_NO;
	w->vm.ever_ade = ADC_NO;
	world_vault(&w->kv, W_KV, "kv-disks",
	    "https://kv-disks.vault.azure.net/");
	world_vault(&w->kv_ade, W_KV_ADE, "kv-ade",
	    "https://kv-ade.vault.azure.net:443/");
	w->kv_ade.enabled_for_disk_encryption = ADC_YES;
	world_key(&w->key_os, W_KEY_OS, "key-os");
	world_key(&w->key_data, W_KEY_DATA, "key-data");
	world_des(w, &w->des_os, W_DES_OS, "des-os", &w->key_os);
	world_des(w, &w->des_data, W_DES_DATA, "des-data", &w->key_data);
	world_disk(w, &w->os, W_OS, "vm1-os", ADC_ROLE_OS, &w->des_os);
	world_disk(w, &w->data, W_DATA, "vm1-data0", ADC_ROLE_DATA,
	    &w->des_data);
	w->vm.os_disk = &w->os;
	w->data_ptrs[0] = &w->data;
	w->vm.data_disks = w->data_ptrs;
	w->vm.n_data_disks = 1;
	world_link(w);
}

/* VM10: confidential, DiskWithVMGuestState with a confidential DES,
 * a customer-key data disk, encryption at host. */
static inline void
world_cvm(struct world *w)
{
	world_std(w);
	w->vm.size = "Standard_DC2as_v5";
	w->vm.security_type = ADC_SECTYPE_CONFIDENTIAL;
	w->vm.os_sec_encryption = ADC_SECENC_DISK_WITH_VMGS;
	w->des_os.type = ADC_ENC_CONFIDENTIAL;
	w->des_os.auto_rotation = ADC_NO;
	w->key_os.exportable = ADC_YES;
	w->key_os.has_release_policy = ADC_YES;
	/* The confidential key sits on the security profile; the disk's
	 * encryption.type stays the platform key ([SPEC-DISK]). */
	w->os.enc_type = ADC_ENC_PLATFORM;
	w->os.des_id = NULL;
	w->os.des = NULL;
	w->os.secure_des_id = W_DES_OS;
	w->os.secure_des = &w->des_os;
	w->os.sec_type = ADC_DSEC_CVM_DISK_CMK;
}

/* A second VM, vm2, whose OS disk uses des: for sharing rules. */
static inline void
world_add_vm2(struct world *w, struct adc_des *des)
{
	w->vm2 = w->vm;
	w->vm2.id = W_VM2;
	w->vm2.name = "vm2";
	w->vm2.n_data_disks = 0;
	w->vm2.data_disks = NULL;
	world_disk(w, &w->os2, W_OS2, "vm2-os", ADC_ROLE_OS, des);
	w->os2.managed_by = W_VM2;
	w->os2.vm = &w->vm2;
	w->vm2.os_disk = &w->os2;
	w->vms[1] = &w->vm2;
	w->e.n_vms = 2;
	w->disks[w->e.n_disks++] = &w->os2;
}

/* How many findings of rule, with status FAIL, the baseline (or policy)
 * gives with keys judged as of at; *sev gets the severity of the last
 * one. */
static inline int
world_count_at(const struct world *w, const struct adc_policy *policy,
    const char *rule, int64_t at, enum adc_severity *sev, char *msg,
    size_t msg_size)
{
	struct adc_report r;
	struct adc_diag d;
	size_t i;
	int n = 0;

	adc_diag_init(&d, NULL);
	if (adc_check_at(&w->e, policy, at, &r, &d) != ADC_OK)
		return -1;
	for (i = 0; i < r.n_findings; i++) {
		if (strcmp(r.findings[i].rule, rule) != 0 ||
		    r.findings[i].status != ADC_FINDING_FAIL)
			continue;
		n++;
		if (sev != NULL)
			*sev = r.findings[i].severity;
		if (msg != NULL)
			snprintf(msg, msg_size, "%s", r.findings[i].message);
	}
	adc_report_free(&r);
	return n;
}

/* world_count as of now. */
static inline int
world_count(const struct world *w, const struct adc_policy *policy,
    const char *rule, enum adc_severity *sev, char *msg, size_t msg_size)
{
	return world_count_at(w, policy, rule, (int64_t)time(NULL), sev, msg,
	    msg_size);
}

#endif
