/* SPDX-License-Identifier: MIT */
/*
 * rules_util.c: helpers the rules share over the model: comparing ids,
 * regions and subscriptions the way Azure does (without case), splitting
 * key URLs, finding a disk's DES and key, and a disk's effective key.
 */
#include "rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool
id_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return false;
	return strcasecmp(a, b) == 0;
}

/* Skips spaces so "West Europe" (a display name) equals "westeurope". */
enum adc_tri
region_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return ADC_UNKNOWN;
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			break;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return ADC_NO;
		a++;
		b++;
	}
	return *a == *b ? ADC_YES : ADC_NO;
}

const char *
subscription_of(const char *field, const char *id, size_t *len)
{
	static const char seg[] = "/subscriptions/";
	const char *p, *end;

	if (field != NULL && *field != '\0') {
		*len = strlen(field);
		return field;
	}
	if (id == NULL || strncasecmp(id, seg, sizeof(seg) - 1) != 0)
		return NULL;
	p = id + sizeof(seg) - 1;
	end = strchr(p, '/');
	*len = end != NULL ? (size_t)(end - p) : strlen(p);
	return *len > 0 ? p : NULL;
}

enum adc_tri
subscription_eq(const char *fa, const char *ida, const char *fb,
    const char *idb)
{
	const char *a, *b;
	size_t la, lb;

	a = subscription_of(fa, ida, &la);
	b = subscription_of(fb, idb, &lb);
	if (a == NULL || b == NULL)
		return ADC_UNKNOWN;
	return la == lb && strncasecmp(a, b, la) == 0 ? ADC_YES : ADC_NO;
}

const char *
res_name(const char *name, const char *id)
{
	const char *slash;

	if (name != NULL && *name != '\0')
		return name;
	if (id == NULL || *id == '\0')
		return "(unnamed)";
	slash = strrchr(id, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : id;
}

/* Copies the segment [p, end) into dst; false when it does not fit or is
 * empty. */
static bool
copy_seg(char *dst, size_t size, const char *p, const char *end)
{
	size_t len = (size_t)(end - p);

	if (len == 0 || len >= size)
		return false;
	memcpy(dst, p, len);
	dst[len] = '\0';
	return true;
}

bool
key_url_split(const char *url, struct key_url *out)
{
	const char *p, *host_end, *port, *name, *name_end;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (url == NULL || strncasecmp(url, "https://", 8) != 0)
		return false;
	p = url + 8;
	host_end = strchr(p, '/');
	if (host_end == NULL)
		return false;
	port = memchr(p, ':', (size_t)(host_end - p));
	if (!copy_seg(out->host, sizeof(out->host), p,
	    port != NULL ? port : host_end))
		return false;
	for (i = 0; out->host[i] != '\0'; i++)
		out->host[i] = (char)tolower((unsigned char)out->host[i]);

	if (strncasecmp(host_end, "/keys/", 6) != 0)
		return false;
	name = host_end + 6;
	name_end = strchr(name, '/');
	if (name_end == NULL)
		name_end = name + strlen(name);
	if (!copy_seg(out->name, sizeof(out->name), name, name_end))
		return false;
	if (*name_end == '/' && name_end[1] != '\0') {
		p = name_end + 1;
		name_end = strchr(p, '/');
		if (name_end == NULL)
			name_end = p + strlen(p);
		copy_seg(out->version, sizeof(out->version), p, name_end);
	}
	return true;
}

/* The vault's host from its URI, lower case, no port. */
static bool
vault_host(const struct adc_vault *vault, char *buf, size_t size)
{
	const char *p, *end;
	size_t i;

	if (vault->uri == NULL || strncasecmp(vault->uri, "https://", 8) != 0)
		return false;
	p = vault->uri + 8;
	end = p + strcspn(p, ":/");
	if (!copy_seg(buf, size, p, end))
		return false;
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	return true;
}

const struct adc_vault *
des_vault_by_host(const struct adc_estate *estate, const struct adc_des *des)
{
	struct key_url ku;
	char host[256];
	size_t i;

	if (!key_url_split(des->key_url, &ku))
		return NULL;
	for (i = 0; i < estate->n_vaults; i++) {
		if (vault_host(estate->vaults[i], host, sizeof(host)) &&
		    strcmp(host, ku.host) == 0)
			return estate->vaults[i];
	}
	return NULL;
}

enum adc_enc_type
ctx_disk_enc(const struct ctx_disk *cd)
{
	const struct adc_disk *disk = cd->disk;

	if (disk->enc_type != ADC_ENC_UNKNOWN)
		return disk->enc_type;
	if (cd->des != NULL && cd->des->type != ADC_ENC_UNKNOWN)
		return cd->des->type;
	/* A VM's managedDisk block names its DES when there is one. */
	if (disk->from_vm_only && disk->des_id == NULL)
		return ADC_ENC_PLATFORM;
	return ADC_ENC_UNKNOWN;
}

enum adc_tri
ctx_disk_cmk(const struct ctx_disk *cd)
{
	if (cd->disk->secure_des_id != NULL ||
	    cd->disk->sec_type == ADC_DSEC_CVM_DISK_CMK)
		return ADC_YES;
	switch (ctx_disk_enc(cd)) {
	case ADC_ENC_CUSTOMER:
	case ADC_ENC_DOUBLE:
	case ADC_ENC_CONFIDENTIAL:
		return ADC_YES;
	case ADC_ENC_PLATFORM:
		return ADC_NO;
	case ADC_ENC_UNKNOWN:
	case ADC_ENC_OTHER:
		break;
	}
	return cd->disk->des_id != NULL ? ADC_YES : ADC_UNKNOWN;
}

/* Whether the VM's ADE volume type covers a disk of this role. */
static bool
volume_covers(const char *volume_type, enum adc_disk_role role)
{
	/*
	 * XXX: an unknown volume type counts as "All", so ade-with-cmk may
	 * name a data disk ADE does not encrypt. Acceptable because such a
	 * VM is unsupported with CMK either way ([ADELS]); reading the
	 * extension's VolumeType into the model would decide it.
	 */
	if (volume_type == NULL || strcasecmp(volume_type, "All") == 0)
		return true;
	if (role == ADC_ROLE_OS)
		return strcasecmp(volume_type, "OS") == 0;
	return strcasecmp(volume_type, "Data") == 0;
}

enum adc_tri
disk_ade_on(const struct adc_disk *disk, const struct adc_vm *vm)
{
	if (disk->ade.enabled == ADC_YES)
		return ADC_YES;
	if (vm != NULL && vm->ade.enabled == ADC_YES &&
	    volume_covers(vm->ade.volume_type, disk->role))
		return ADC_YES;
	return disk->ade.enabled;
}

enum adc_tri
vm_ade_on(const struct adc_vm *vm)
{
	size_t i, n = vm_n_disks(vm);

	if (vm->ade.enabled == ADC_YES)
		return ADC_YES;
	for (i = 0; i < n; i++) {
		if (vm_disk(vm, i)->ade.enabled == ADC_YES)
			return ADC_YES;
	}
	return vm->ade.enabled;
}

enum adc_tri
vm_ever_ade(const struct adc_vm *vm)
{
	size_t i, n = vm_n_disks(vm);

	if (vm_ade_on(vm) == ADC_YES || vm->ever_ade == ADC_YES)
		return ADC_YES;
	for (i = 0; i < n; i++) {
		if (vm_disk(vm, i)->ever_ade == ADC_YES)
			return ADC_YES;
	}
	return vm->ever_ade;
}

bool
is_confidential(const struct adc_vm *vm)
{
	return vm->security_type == ADC_SECTYPE_CONFIDENTIAL;
}

size_t
vm_n_disks(const struct adc_vm *vm)
{
	return (vm->os_disk != NULL ? 1 : 0) + vm->n_data_disks;
}

const struct adc_disk *
vm_disk(const struct adc_vm *vm, size_t i)
{
	if (vm->os_disk != NULL) {
		if (i == 0)
			return vm->os_disk;
		i--;
	}
	return i < vm->n_data_disks ? vm->data_disks[i] : NULL;
}

const char *
enc_type_name(enum adc_enc_type type)
{
	switch (type) {
	case ADC_ENC_PLATFORM:
		return "EncryptionAtRestWithPlatformKey";
	case ADC_ENC_CUSTOMER:
		return "EncryptionAtRestWithCustomerKey";
	case ADC_ENC_DOUBLE:
		return "EncryptionAtRestWithPlatformAndCustomerKeys";
	case ADC_ENC_CONFIDENTIAL:
		return "ConfidentialVmEncryptedWithCustomerKey";
	case ADC_ENC_OTHER:
		return "an unrecognised type";
	case ADC_ENC_UNKNOWN:
		break;
	}
	return "an unknown type";
}

const char *
sku_name(enum adc_storage_sku sku)
{
	switch (sku) {
	case ADC_SKU_STANDARD_LRS:	return "Standard_LRS";
	case ADC_SKU_PREMIUM_LRS:	return "Premium_LRS";
	case ADC_SKU_STANDARDSSD_LRS:	return "StandardSSD_LRS";
	case ADC_SKU_ULTRASSD_LRS:	return "UltraSSD_LRS";
	case ADC_SKU_PREMIUM_ZRS:	return "Premium_ZRS";
	case ADC_SKU_STANDARDSSD_ZRS:	return "StandardSSD_ZRS";
	case ADC_SKU_PREMIUMV2_LRS:	return "PremiumV2_LRS";
	case ADC_SKU_OTHER:		return "an unrecognised SKU";
	case ADC_SKU_UNKNOWN:		break;
	}
	return "an unknown SKU";
}
