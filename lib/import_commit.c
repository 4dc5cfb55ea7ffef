/* SPDX-License-Identifier: MIT */
/*
 * import_commit.c: a staged resource becomes model structs. The type
 * comes from "type", or from the id's provider segment when a body has
 * none (REST create examples), or is a key when it carries a key id.
 * Enum values are matched without regard to case; a value newer than
 * this tool becomes OTHER with an "unknown-value" note, never an error.
 * Documented API defaults (docs/import.md) apply only to resources read
 * whole, never to partial rows.
 */
#include "import_internal.h"

#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Names carry their length: most candidates are ruled out by it before
 * a byte is compared (every resource runs a handful of these maps). */
struct enum_map {
	const char	*name;
	size_t		 len;
	int		 value;
};

#define E(name, value)	{ name, sizeof(name) - 1, value }

enum kind { K_NONE, K_VM, K_VMSS, K_DISK, K_DES, K_VAULT, K_HSM, K_KEY,
	K_FEATURE, K_OTHER };

static const struct enum_map kinds[] = {
	E("Microsoft.Compute/virtualMachines", K_VM),
	E("Microsoft.Compute/virtualMachineScaleSets", K_VMSS),
	/* Scale set instances (az vmss list-instances) are VMs. */
	E("Microsoft.Compute/virtualMachineScaleSets/virtualMachines", K_VM),
	E("Microsoft.Compute/disks", K_DISK),
	E("Microsoft.Compute/diskEncryptionSets", K_DES),
	E("Microsoft.KeyVault/vaults", K_VAULT),
	E("Microsoft.KeyVault/managedHSMs", K_HSM),
	E("Microsoft.KeyVault/vaults/keys", K_KEY),
	E("Microsoft.Features/providers/features", K_FEATURE),
};

/* facts 11.3, 8 [STD] */
static const struct enum_map vm_sectypes[] = {
	E("Standard", ADC_SECTYPE_STANDARD),
	E("TrustedLaunch", ADC_SECTYPE_TRUSTED_LAUNCH),
	E("ConfidentialVM", ADC_SECTYPE_CONFIDENTIAL),
};

/* facts 11.3 */
static const struct enum_map sec_encs[] = {
	E("VMGuestStateOnly", ADC_SECENC_VMGS_ONLY),
	E("DiskWithVMGuestState", ADC_SECENC_DISK_WITH_VMGS),
	E("NonPersistedTPM", ADC_SECENC_NON_PERSISTED_TPM),
};

/* facts 11.1, 11.2 */
static const struct enum_map enc_types[] = {
	E("EncryptionAtRestWithPlatformKey", ADC_ENC_PLATFORM),
	E("EncryptionAtRestWithCustomerKey", ADC_ENC_CUSTOMER),
	E("EncryptionAtRestWithPlatformAndCustomerKeys", ADC_ENC_DOUBLE),
	E("ConfidentialVmEncryptedWithCustomerKey", ADC_ENC_CONFIDENTIAL),
};

/* facts 11.2 */
static const struct enum_map disk_sectypes[] = {
	E("Standard", ADC_DSEC_NONE),
	E("TrustedLaunch", ADC_DSEC_TRUSTED_LAUNCH),
	E("ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey",
	    ADC_DSEC_CVM_VMGS_PMK),
	E("ConfidentialVM_DiskEncryptedWithPlatformKey",
	    ADC_DSEC_CVM_DISK_PMK),
	E("ConfidentialVM_DiskEncryptedWithCustomerKey",
	    ADC_DSEC_CVM_DISK_CMK),
	E("ConfidentialVM_NonPersistedTPM", ADC_DSEC_CVM_NONPERSISTED),
};

/* facts 11.3 */
static const struct enum_map skus[] = {
	E("Standard_LRS", ADC_SKU_STANDARD_LRS),
	E("Premium_LRS", ADC_SKU_PREMIUM_LRS),
	E("StandardSSD_LRS", ADC_SKU_STANDARDSSD_LRS),
	E("UltraSSD_LRS", ADC_SKU_ULTRASSD_LRS),
	E("Premium_ZRS", ADC_SKU_PREMIUM_ZRS),
	E("StandardSSD_ZRS", ADC_SKU_STANDARDSSD_ZRS),
	E("PremiumV2_LRS", ADC_SKU_PREMIUMV2_LRS),
};

/* HostCaching of the Compute API: None, ReadOnly, ReadWrite. */
static const struct enum_map cachings[] = {
	E("None", ADC_CACHING_NONE),
	E("ReadOnly", ADC_CACHING_READ_ONLY),
	E("ReadWrite", ADC_CACHING_READ_WRITE),
};

static const struct enum_map os_types[] = {
	E("Linux", ADC_OS_LINUX),
	E("Windows", ADC_OS_WINDOWS),
};

/* facts 11.1 */
static const struct enum_map identities[] = {
	E("None", ADC_IDENTITY_NONE),
	E("SystemAssigned", ADC_IDENTITY_SYSTEM),
	E("UserAssigned", ADC_IDENTITY_USER),
	E("SystemAssigned, UserAssigned", ADC_IDENTITY_SYSTEM_USER),
	E("SystemAssigned,UserAssigned", ADC_IDENTITY_SYSTEM_USER),
};

static const struct enum_map vault_skus[] = {
	E("standard", ADC_VAULT_STANDARD),
	E("premium", ADC_VAULT_PREMIUM),
};

static const struct enum_map ktys[] = {
	E("RSA", ADC_KTY_RSA),
	E("RSA-HSM", ADC_KTY_RSA_HSM),
	E("EC", ADC_KTY_EC),
	E("EC-HSM", ADC_KTY_EC_HSM),
};

/* Disk states: Attached and Reserved (attached to a deallocated VM) are
 * attached; the upload and SAS states are not known to be either. */
static const struct enum_map disk_states[] = {
	E("Attached", ADC_YES),
	E("Reserved", ADC_YES),
	E("Unattached", ADC_NO),
	E("ReadyToUpload", ADC_NO),
	E("ActiveUpload", ADC_NO),
	E("ActiveSAS", ADC_UNKNOWN),
	E("ActiveSASFrozen", ADC_UNKNOWN),
	E("Frozen", ADC_UNKNOWN),
};

static const struct enum_map feature_states[] = {
	E("Registered", ADC_YES),
	E("NotRegistered", ADC_NO),
	E("Unregistered", ADC_NO),
	E("Registering", ADC_NO),
	E("Unregistering", ADC_NO),
	E("Pending", ADC_NO),
};

#define MAP(imp, s, map, other, field)					\
	map_enum((imp), (s), (map), NELEM(map), (other), (field))

static struct adc_origin
origin_of(struct imp *imp)
{
	struct adc_origin o;

	o.file = imp->file;
	o.line = imp->raw.pos.line;
	o.col = imp->raw.pos.col;
	o.col_utf16 = imp->raw.pos.col_utf16;
	o.pointer = adc_estate_strdup(imp->est, imp->raw.pointer, (size_t)-1);
	return o;
}

/* s mapped through map; OTHER (with a note) when s is not in it, 0 when
 * s is NULL. A note that cannot be stored is dropped with the value kept
 * as OTHER: the caller's ENOMEM check on the resource catches it. */
static int
map_enum(struct imp *imp, const char *s, const struct enum_map *map,
    size_t n, int other, const char *field)
{
	struct adc_origin o;
	size_t i, len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	for (i = 0; i < n; i++) {
		if (map[i].len == len &&
		    adc_ascii_ncasecmp(s, map[i].name, len) == 0)
			return map[i].value;
	}
	o = origin_of(imp);
	adc_estate_note(imp->est, "unknown-value", &o, "%s \"%.100s\" is not "
	    "a value this tool knows (a newer API version?); it is kept as "
	    "other", field, s);
	return other;
}

/* Values that repeat across resources are interned: locations, sizes,
 * DES and vault ids, and VM and disk ids, which come back as a disk's
 * managedBy and as the VM's copy of each disk. own() copies strings
 * that are unique anyway. */
static const char *
keep(struct imp *imp, const char *s)
{
	return s != NULL ? adc_estate_intern(imp->est, s, (size_t)-1) : NULL;
}

static const char *
own(struct imp *imp, const char *s)
{
	return s != NULL ? adc_estate_strdup(imp->est, s, (size_t)-1) : NULL;
}

static enum kind
kind_of(const char *type)
{
	size_t i, len = strlen(type);

	for (i = 0; i < NELEM(kinds); i++) {
		if (kinds[i].len == len &&
		    adc_ascii_ncasecmp(type, kinds[i].name, len) == 0)
			return (enum kind)kinds[i].value;
	}
	return K_OTHER;
}

/* The type of "/subscriptions/../providers/NS/T1/N1/T2/N2" is NS/T1/T2:
 * the namespace after the id's last "/providers/", then every type
 * segment. buf receives it. */
static enum kind
kind_from_id(const char *id, char *buf, size_t size)
{
	const char *p = NULL, *q, *start;
	size_t n = 0, seg = 0, len;

	for (q = id; (q = strstr(q, "/providers/")) != NULL; q++)
		p = q + 11;
	if (p == NULL)
		return K_NONE;
	for (start = q = p; ; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		len = (size_t)(q - start);
		if ((seg == 0 || seg % 2 == 1) && n + len + 2 < size) {
			if (n > 0)
				buf[n++] = '/';
			memcpy(buf + n, start, len);
			n += len;
		}
		seg++;
		if (*q == '\0')
			break;
		start = q + 1;
	}
	buf[n] = '\0';
	return n > 0 ? kind_of(buf) : K_NONE;
}

static enum kind
resource_kind(struct imp *imp, char *buf, size_t size,
    const char **type_name)
{
	const struct raw *r = &imp->raw;
	enum kind k;

	*type_name = r->type;
	if (r->type != NULL)
		return kind_of(r->type);
	if (r->id != NULL) {
		k = kind_from_id(r->id, buf, size);
		*type_name = buf;
		if (k != K_NONE)
			return k;
	}
	/* az keyvault key show/list: no type, a key id. */
	if (r->kid != NULL)
		return K_KEY;
	return K_NONE;
}

static void
keep_ade(struct imp *imp, struct adc_ade *dst, const struct adc_ade *src)
{
	dst->enabled = src->enabled;
	dst->secret_url = keep(imp, src->secret_url);
	dst->secret_vault_id = keep(imp, src->secret_vault_id);
	dst->kek_url = keep(imp, src->kek_url);
	dst->kek_vault_id = keep(imp, src->kek_vault_id);
	dst->volume_type = keep(imp, src->volume_type);
	dst->settings_version = keep(imp, src->settings_version);
}

/* The VM's own copy of a disk, kept compact until linking (facts 11.3
 * for the fields). */
static enum adc_status
ref_from_raw(struct imp *imp, const struct raw_diskref *raw,
    enum adc_disk_role role, struct adc_disk_ref *ref)
{
	memset(ref, 0, sizeof(*ref));
	/* Temporary: most copies name a disk resource, whose id the
	 * estate keeps; linking keeps the id of the others. */
	ref->id = adc_estate_strdup_temp(imp->est, raw->id);
	ref->name = adc_estate_strdup_temp(imp->est, raw->name);
	ref->des_id = keep(imp, raw->des_id);
	ref->secure_des_id = keep(imp, raw->secure_des_id);
	if ((raw->id != NULL && ref->id == NULL) ||
	    (raw->name != NULL && ref->name == NULL))
		return ADC_ENOMEM;
	ref->role = (unsigned char)role;
	ref->lun = role == ADC_ROLE_DATA ? (int)raw->lun : -1;
	ref->size_gb = raw->size_gb > 0 ? (unsigned)raw->size_gb : 0;
	ref->sku = (unsigned char)MAP(imp, raw->sku, skus, ADC_SKU_OTHER,
	    "managedDisk.storageAccountType");
	ref->caching = (unsigned char)MAP(imp, raw->caching, cachings,
	    ADC_CACHING_OTHER, "caching");
	ref->managed = raw->managed_seen;
	if (raw->ade.enabled == ADC_UNKNOWN && raw->ade.secret_url == NULL)
		return ADC_OK;
	ref->ade = adc_estate_alloc_temp(imp->est, sizeof(*ref->ade));
	if (ref->ade == NULL)
		return ADC_ENOMEM;
	keep_ade(imp, ref->ade, &raw->ade);
	return ADC_OK;
}

static void
sort_by_lun(struct raw_diskref *a, size_t n)
{
	struct raw_diskref t;
	size_t i, j;

	/* Insertion sort: a VM has at most a few dozen data disks. */
	for (i = 1; i < n; i++) {
		t = a[i];
		for (j = i; j > 0 && (unsigned long)a[j - 1].lun >
		    (unsigned long)t.lun; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

/* Record the disks the VM names; linking turns them into disks. */
static enum adc_status
vm_disks(struct imp *imp, struct adc_vm *vm)
{
	struct adc_vm_refs refs;
	size_t i;

	refs.vm = vm;
	refs.os = NULL;
	refs.data = NULL;
	if (imp->raw.os.seen) {
		refs.os = adc_estate_alloc_temp(imp->est, sizeof(*refs.os));
		if (refs.os == NULL || ref_from_raw(imp, &imp->raw.os,
		    ADC_ROLE_OS, refs.os) != ADC_OK)
			return ADC_ENOMEM;
	}
	sort_by_lun(imp->data, imp->n_data);
	if (adc_estate_vm_data_disks(imp->est, vm, imp->n_data) != ADC_OK)
		return ADC_ENOMEM;
	if (imp->n_data > 0) {
		refs.data = adc_estate_alloc_temp(imp->est,
		    imp->n_data * sizeof(*refs.data));
		if (refs.data == NULL)
			return ADC_ENOMEM;
	}
	for (i = 0; i < imp->n_data; i++) {
		if (ref_from_raw(imp, &imp->data[i], ADC_ROLE_DATA,
		    &refs.data[i]) != ADC_OK)
			return ADC_ENOMEM;
	}
	if (refs.os == NULL && refs.data == NULL)
		return ADC_OK;
	return adc_estate_add_refs(imp->est, &refs);
}

/* ADE seen on the VM: the extension, the instance view, or the OS
 * disk's encryptionSettings (dual pass). */
static void
vm_ade(struct imp *imp, struct adc_vm *vm, bool whole)
{
	const struct raw *r = &imp->raw;

	keep_ade(imp, &vm->ade, &r->vm_ade);
	vm->ever_ade = r->vm_ever_ade;
	vm->ade_format_all = r->vm_ade_format_all;
	if (r->os.ade.enabled == ADC_YES) {
		vm->ade.enabled = ADC_YES;
		vm->ever_ade = ADC_YES;
		if (vm->ade.secret_url == NULL) {
			vm->ade.secret_url = keep(imp, r->os.ade.secret_url);
			vm->ade.secret_vault_id = keep(imp,
			    r->os.ade.secret_vault_id);
		}
		if (vm->ade.kek_url == NULL) {
			vm->ade.kek_url = keep(imp, r->os.ade.kek_url);
			vm->ade.kek_vault_id = keep(imp,
			    r->os.ade.kek_vault_id);
		}
	}
	/* The extension list was read and holds no ADE extension. */
	if (vm->ade.enabled == ADC_UNKNOWN && whole && r->resources_seen)
		vm->ade.enabled = ADC_NO;
}

static void
vm_security(struct imp *imp, struct adc_vm *vm, bool whole)
{
	const struct raw *r = &imp->raw;

	vm->security_type = MAP(imp, r->sec_type, vm_sectypes,
	    ADC_SECTYPE_OTHER, "securityProfile.securityType");
	vm->vtpm = r->vtpm;
	vm->secure_boot = r->secure_boot;
	vm->encryption_at_host = r->eah;
	if (!whole)
		return;
	/* Documented defaults for a VM read whole (docs/import.md):
	 * no securityType is a Standard VM (facts 8 [TL][STD]), no
	 * encryptionAtHost is off (facts 5 [SPEC-VM]); a VM without any
	 * securityProfile has no vTPM and no Secure Boot ([TL]). */
	if (vm->security_type == ADC_SECTYPE_UNKNOWN)
		vm->security_type = ADC_SECTYPE_STANDARD;
	if (vm->encryption_at_host == ADC_UNKNOWN)
		vm->encryption_at_host = ADC_NO;
	if (!r->secprof_seen) {
		vm->vtpm = ADC_NO;
		vm->secure_boot = ADC_NO;
	}
}

static void
vm_os_disk_settings(struct imp *imp, struct adc_vm *vm)
{
	const struct raw_diskref *os = &imp->raw.os;

	if (!os->seen)
		return;
	vm->os_type = MAP(imp, os->os_type, os_types, ADC_OS_UNKNOWN,
	    "osDisk.osType");
	vm->os_sec_encryption = MAP(imp, os->sec_enc, sec_encs,
	    ADC_SECENC_OTHER, "managedDisk.securityProfile."
	    "securityEncryptionType");
	if (vm->os_sec_encryption == ADC_SECENC_UNKNOWN && os->managed_seen)
		vm->os_sec_encryption = ADC_SECENC_NONE;
	if (os->diff_option != NULL)
		vm->ephemeral_os = adc_ascii_casecmp(os->diff_option,
		    "Local") == 0 ? ADC_YES : ADC_NO;
	else if (!os->diff_seen)
		vm->ephemeral_os = ADC_NO;
	vm->ephemeral_placement = keep(imp, os->diff_placement);
}

static enum adc_status
commit_vm(struct imp *imp, bool scale_set, const struct adc_origin *o)
{
	const struct raw *r = &imp->raw;
	struct adc_vm *vm = adc_estate_add_vm(imp->est);
	bool whole = r->storage_seen && (r->hw_seen || scale_set);

	if (vm == NULL)
		return ADC_ENOMEM;
	vm->id = keep(imp, r->id);
	vm->name = own(imp, r->name);
	vm->location = keep(imp, r->location);
	vm->subscription = adc_estate_subscription(imp->est, r->id);
	/* A scale set's size is its sku name. */
	vm->size = keep(imp, scale_set && r->vm_size == NULL ? r->sku_name :
	    r->vm_size);
	vm->is_scale_set = scale_set;
	vm->origin = *o;
	vm_security(imp, vm, whole);
	vm_os_disk_settings(imp, vm);
	vm_ade(imp, vm, whole);
	return vm_disks(imp, vm);
}

static enum adc_status
commit_disk(struct imp *imp, const struct adc_origin *o)
{
	const struct raw *r = &imp->raw;
	struct adc_disk *d = adc_estate_add_disk(imp->est);
	bool whole = r->creation_seen;	/* creationData is required */

	if (d == NULL)
		return ADC_ENOMEM;
	d->id = own(imp, r->id);
	d->name = own(imp, r->name);
	d->location = keep(imp, r->location);
	d->subscription = adc_estate_subscription(imp->est, r->id);
	d->origin = *o;
	d->size_gb = r->size_gb > 0 ? (unsigned)r->size_gb : 0;
	d->sku = MAP(imp, r->sku_name, skus, ADC_SKU_OTHER, "sku.name");
	d->os_type = MAP(imp, r->os_type, os_types, ADC_OS_UNKNOWN, "osType");
	d->enc_type = MAP(imp, r->enc_type, enc_types, ADC_ENC_OTHER,
	    "encryption.type");
	d->des_id = keep(imp, r->disk_des_id);
	/* encryption.type defaults to the platform key (facts 11.2); with a
	 * DES id and no type the type stays unknown. */
	if (d->enc_type == ADC_ENC_UNKNOWN && whole && d->des_id == NULL)
		d->enc_type = ADC_ENC_PLATFORM;
	d->sec_type = MAP(imp, r->sec_type, disk_sectypes, ADC_DSEC_OTHER,
	    "securityProfile.securityType");
	if (d->sec_type == ADC_DSEC_UNKNOWN && whole)
		d->sec_type = ADC_DSEC_NONE;
	d->secure_des_id = keep(imp, r->secure_des_id);
	keep_ade(imp, &d->ade, &r->disk_ade);
	if (r->esc_state == 2)
		d->ever_ade = ADC_YES;
	else if (whole)
		d->ade.enabled = ADC_NO;	/* facts 6.1: ADE shows here */
	d->attached = MAP(imp, r->disk_state, disk_states, ADC_UNKNOWN,
	    "diskState");
	d->managed_by = keep(imp, r->managed_by);
	if (d->managed_by != NULL && d->attached == ADC_UNKNOWN)
		d->attached = ADC_YES;
	return ADC_OK;
}

static enum adc_status
commit_des(struct imp *imp, const struct adc_origin *o)
{
	const struct raw *r = &imp->raw;
	struct adc_des *des = adc_estate_add_des(imp->est);

	if (des == NULL)
		return ADC_ENOMEM;
	des->id = keep(imp, r->id);
	des->name = keep(imp, r->name);
	des->location = keep(imp, r->location);
	des->subscription = adc_estate_subscription(imp->est, r->id);
	des->origin = *o;
	des->type = MAP(imp, r->des_type, enc_types, ADC_ENC_OTHER,
	    "encryptionType");
	des->key_url = keep(imp, r->key_url);
	des->source_vault_id = keep(imp, r->source_vault_id);
	des->auto_rotation = r->rotation;
	/* The service leaves the flag out when it is off (docs/import.md). */
	if (des->auto_rotation == ADC_UNKNOWN && r->active_key_seen)
		des->auto_rotation = ADC_NO;
	des->rotation_error = keep(imp, r->rotation_error);
	des->identity = MAP(imp, r->identity_type, identities,
	    ADC_IDENTITY_UNKNOWN, "identity.type");
	des->tenant = keep(imp, r->identity_tenant);
	/* "None" clears federatedClientId (facts 11.1). */
	if (r->federated_client_id != NULL &&
	    adc_ascii_casecmp(r->federated_client_id, "None") != 0)
		des->federated_client_id = keep(imp, r->federated_client_id);
	return ADC_OK;
}

static enum adc_status
commit_vault(struct imp *imp, bool hsm, const struct adc_origin *o)
{
	const struct raw *r = &imp->raw;
	struct adc_vault *v = adc_estate_add_vault(imp->est);
	bool whole = r->vault_uri != NULL;

	if (v == NULL)
		return ADC_ENOMEM;
	v->id = keep(imp, r->id);
	v->name = keep(imp, r->name);
	v->uri = keep(imp, r->vault_uri);
	v->location = keep(imp, r->location);
	v->subscription = adc_estate_subscription(imp->est, r->id);
	v->tenant = keep(imp, r->tenant);
	v->origin = *o;
	v->sku = hsm ? ADC_VAULT_MANAGED_HSM : MAP(imp, r->sku_name,
	    vault_skus, ADC_VAULT_UNKNOWN, "properties.sku.name");
	v->soft_delete = r->soft_delete;
	v->purge_protection = r->purge_protection;
	/* Key Vault accepts only true for enablePurgeProtection: absent or
	 * null on a vault read whole means it is off (docs/import.md). */
	if (v->purge_protection == ADC_UNKNOWN && whole && !hsm)
		v->purge_protection = ADC_NO;
	v->enabled_for_disk_encryption = r->disk_encryption;
	v->rbac = r->rbac;
	return ADC_OK;
}

static enum adc_status
commit_key(struct imp *imp, const struct adc_origin *o)
{
	const struct raw *r = &imp->raw;
	struct adc_key *k = adc_estate_add_key(imp->est);
	struct adc_key_url u;

	if (k == NULL)
		return ADC_ENOMEM;
	k->url = own(imp, r->kid != NULL ? r->kid : r->key_uri);
	if (k->url != NULL && adc_key_url_parse(k->url, &u) == 0) {
		k->vault_host = keep(imp, u.host);
		k->name = adc_estate_intern(imp->est, u.name, u.name_len);
		k->version = u.version_len > 0 ? adc_estate_intern(imp->est,
		    u.version, u.version_len) : NULL;
	} else if (r->name != NULL) {
		k->name = keep(imp, r->name);
	}
	k->kty = MAP(imp, r->kty, ktys, ADC_KTY_OTHER, "key.kty");
	k->size_bits = r->size_bits;
	k->exportable = r->exportable;
	k->has_release_policy = r->release_policy;
	if (k->has_release_policy == ADC_UNKNOWN && r->key_material_seen)
		k->has_release_policy = ADC_NO;
	k->enabled = r->key_enabled;
	k->expires = r->expires;
	k->has_expiry = r->has_expiry;
	if (k->has_expiry == ADC_UNKNOWN && r->attributes_seen)
		k->has_expiry = ADC_NO;
	k->exists = ADC_YES;
	k->origin = *o;
	return ADC_OK;
}

/* az feature show for Microsoft.Compute/EncryptionAtHost (facts 5). When
 * several subscriptions disagree, "not registered" wins. */
static enum adc_status
commit_feature(struct imp *imp)
{
	const struct raw *r = &imp->raw;
	static const char suffix[] = "EncryptionAtHost";
	size_t n = r->name != NULL ? strlen(r->name) : 0;
	int state;

	if (n < sizeof(suffix) - 1 || adc_ascii_casecmp(r->name + n -
	    (sizeof(suffix) - 1), suffix) != 0)
		return ADC_OK;
	state = MAP(imp, r->state, feature_states, ADC_UNKNOWN,
	    "properties.state");
	if (state == ADC_UNKNOWN)
		return ADC_OK;
	if (imp->est->eah_feature != ADC_NO)
		imp->est->eah_feature = (enum adc_tri)state;
	return ADC_OK;
}

enum adc_status
imp_commit(struct imp *imp)
{
	struct adc_origin o;
	const char *type_name;
	char buf[160];
	enum kind k = resource_kind(imp, buf, sizeof(buf), &type_name);

	if (k == K_NONE) {
		imp->not_resources++;
		return ADC_OK;
	}
	if (k == K_OTHER) {
		if (imp->ignored++ == 0)
			imp->ignored_type = keep(imp, type_name);
		return ADC_OK;
	}
	o = origin_of(imp);
	if (o.pointer == NULL)
		return ADC_ENOMEM;
	switch (k) {
	case K_VM:	return commit_vm(imp, false, &o);
	case K_VMSS:	return commit_vm(imp, true, &o);
	case K_DISK:	return commit_disk(imp, &o);
	case K_DES:	return commit_des(imp, &o);
	case K_VAULT:	return commit_vault(imp, false, &o);
	case K_HSM:	return commit_vault(imp, true, &o);
	case K_KEY:	return commit_key(imp, &o);
	case K_FEATURE:	return commit_feature(imp);
	default:	return ADC_OK;	/* K_NONE, K_OTHER: handled above */
	}
}
