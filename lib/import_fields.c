/* SPDX-License-Identifier: MIT */
/*
 * import_fields.c: the members of a resource we read, and nothing else.
 * Every object level has a small table of member names; names compare
 * without regard to case (az prints SDK names such as "diskSizeGb", REST
 * "diskSizeGB") and without allocating. Members not in a table are
 * skipped unread. Values of the wrong type become unknown with a note.
 */
#include "import_internal.h"
#include "json_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRY(x) do {							\
	enum adc_status try_st_ = (x);					\
	if (try_st_ != ADC_OK)						\
		return try_st_;						\
} while (0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef enum adc_status (*member_fn)(struct imp *imp, int idx, void *ctx);

/* A member name and its length, so most keys are rejected by length. */
struct name {
	const char	*s;
	size_t		 len;
};

#define N(s) { (s), sizeof(s) - 1 }

/* The hot path of the importer: most keys of an az export are not in
 * the table, and their length or first letter rejects them. */
static int
lookup(const struct name *names, size_t n, const char *key, size_t len)
{
	int c = key[0] | 0x20;
	size_t i;

	for (i = 0; i < n; i++) {
		if (names[i].len == len && (names[i].s[0] | 0x20) == c &&
		    (memcmp(names[i].s, key, len) == 0 ||
		    adc_ascii_ncasecmp(names[i].s, key, len) == 0))
			return (int)i;
	}
	return -1;
}

/* A member of the table seen twice in one object: noted, the later
 * value wins. Only members we read are tracked (a bit per table entry),
 * so no key is kept.
 * XXX: repeats among skipped members and inside array elements are not
 * reported; the reader's own duplicate check would find them, slower. */
static enum adc_status
check_duplicate(struct imp *imp, uint64_t *seen, int idx,
    const struct name *names)
{
	uint64_t bit = (uint64_t)1 << (idx & 63);

	if ((*seen & bit) == 0) {
		*seen |= bit;
		return ADC_OK;
	}
	return imp_note_here(imp, "duplicate-key", "member \"%s\" appears "
	    "twice; the later value is used", names[idx].s);
}

static const char *
event_name(enum adc_json_event ev)
{
	switch (ev) {
	case ADC_JSON_OBJECT_BEGIN:	return "an object";
	case ADC_JSON_ARRAY_BEGIN:	return "an array";
	case ADC_JSON_STRING:		return "a string";
	case ADC_JSON_NUMBER:		return "a number";
	case ADC_JSON_TRUE:
	case ADC_JSON_FALSE:		return "a boolean";
	case ADC_JSON_NULL:		return "null";
	default:			return "something else";
	}
}

/* A value of the wrong type: note it, skip it, treat it as unknown. */
static enum adc_status
wrong_type(struct imp *imp, enum adc_json_event ev, const char *want)
{
	if (ev == ADC_JSON_ERROR)
		return imp_reader_error(imp);
	TRY(imp_note_here(imp, "wrong-type", "expected %s, found %s; the "
	    "value is treated as unknown", want, event_name(ev)));
	if ((ev == ADC_JSON_OBJECT_BEGIN || ev == ADC_JSON_ARRAY_BEGIN) &&
	    adc_json_skip(imp->r) != ADC_OK)
		return imp_reader_error(imp);
	return ADC_OK;
}

static enum adc_status
skip(struct imp *imp)
{
	return adc_json_skip(imp->r) == ADC_OK ? ADC_OK :
	    imp_reader_error(imp);
}

static enum adc_status
get_str(struct imp *imp, const char **out)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	const char *s;
	size_t len;

	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev != ADC_JSON_STRING)
		return wrong_type(imp, ev, "a string");
	s = adc_json_view(imp->r, &len);
	*out = s != NULL ? imp_strdup(imp, s, len) : NULL;
	return *out != NULL ? ADC_OK : ADC_ENOMEM;
}

/* Booleans; the strings "true" and "false" too, as some exports quote
 * them. */
static enum adc_status
get_bool(struct imp *imp, enum adc_tri *out)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	const char *s;

	if (ev == ADC_JSON_TRUE || ev == ADC_JSON_FALSE) {
		*out = ev == ADC_JSON_TRUE ? ADC_YES : ADC_NO;
		return ADC_OK;
	}
	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev == ADC_JSON_STRING) {
		s = adc_json_string(imp->r, NULL);
		if (adc_ascii_casecmp(s, "true") == 0 ||
		    adc_ascii_casecmp(s, "false") == 0) {
			*out = s[0] == 't' || s[0] == 'T' ? ADC_YES : ADC_NO;
			return ADC_OK;
		}
	}
	return wrong_type(imp, ev, "true or false");
}

static enum adc_status
get_long(struct imp *imp, long *out)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	int64_t v;

	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev != ADC_JSON_NUMBER)
		return wrong_type(imp, ev, "a number");
	if (adc_json_number_i64(imp->r, &v) != ADC_OK || v < 0 ||
	    v > 0x7fffffffL)
		return imp_note_here(imp, "wrong-type", "expected a small "
		    "whole number; the value is treated as unknown");
	*out = (long)v;
	return ADC_OK;
}

/* Walk the members of an object whose start was just read, through a
 * table; the value of a member not in the table is skipped. With
 * seen_mask, a member met twice is noted. */
static enum adc_status
read_members(struct imp *imp, const struct name *names, size_t n,
    member_fn fn, void *ctx, uint64_t *seen_mask)
{
	enum adc_json_event ev;
	const char *key;
	size_t len;
	int idx;

	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			return ADC_OK;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		key = adc_json_view(imp->r, &len);
		idx = lookup(names, n, key, len);
		if (idx < 0) {
			TRY(skip(imp));
			continue;
		}
		if (seen_mask != NULL)
			TRY(check_duplicate(imp, seen_mask, idx, names));
		TRY(fn(imp, idx, ctx));
	}
}

/* The same for an object still to come (null is an absent object). */
static enum adc_status
each_member(struct imp *imp, const struct name *names, size_t n,
    member_fn fn, void *ctx, bool *seen)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	uint64_t seen_mask = 0;

	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return wrong_type(imp, ev, "an object");
	if (seen != NULL)
		*seen = true;
	return read_members(imp, names, n, fn, ctx, &seen_mask);
}

/* Walk an array: elem reads one element per call (its first event
 * still to come) and returns ADC_ENOTFOUND at the array's end. */
static enum adc_status
each_element(struct imp *imp, enum adc_status (*elem)(struct imp *, void *),
    void *ctx)
{
	enum adc_json_event ev = adc_json_next(imp->r);

	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev != ADC_JSON_ARRAY_BEGIN)
		return wrong_type(imp, ev, "an array");
	for (;;) {
		enum adc_status st = elem(imp, ctx);

		if (st == ADC_ENOTFOUND)
			return ADC_OK;	/* the array ended */
		if (st != ADC_OK)
			return st;
	}
}

/* The next array element must be an object: returns ADC_ENOTFOUND at
 * the array's end, ADC_OK with the OBJECT_BEGIN consumed, or ADC_EINVAL
 * when the element was something else (already skipped, with a note). */
static enum adc_status
next_element_object(struct imp *imp)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	enum adc_status st;

	if (ev == ADC_JSON_ARRAY_END)
		return ADC_ENOTFOUND;
	if (ev == ADC_JSON_OBJECT_BEGIN)
		return ADC_OK;
	if (ev == ADC_JSON_NULL)
		return ADC_EINVAL;
	st = wrong_type(imp, ev, "an object");
	return st == ADC_OK ? ADC_EINVAL : st;
}

/* ---- {"id": ...} references ---------------------------------------- */

static const struct name id_names[] = { N("id") };

static enum adc_status
id_member(struct imp *imp, int idx, void *ctx)
{
	(void)idx;
	return get_str(imp, ctx);
}

static enum adc_status
get_ref(struct imp *imp, const char **out)
{
	return each_member(imp, id_names, NELEM(id_names), id_member, out,
	    NULL);
}

/* ---- ADE settings (VM osDisk, disk collection, instance view) ------- */

static const struct name key_ref_names[] = {
	N("secretUrl"), N("keyUrl"), N("sourceVault")
};

struct key_ref {
	const char	**url;
	const char	**vault;
};

static enum adc_status
key_ref_member(struct imp *imp, int idx, void *ctx)
{
	struct key_ref *kr = ctx;

	if (idx == 2)
		return get_ref(imp, kr->vault);
	return get_str(imp, kr->url);
}

static const struct name ade_names[] = {
	N("enabled"), N("diskEncryptionKey"), N("keyEncryptionKey")
};

static enum adc_status
ade_member(struct imp *imp, int idx, void *ctx)
{
	struct adc_ade *ade = ctx;
	struct key_ref kr;

	switch (idx) {
	case 0:
		return get_bool(imp, &ade->enabled);
	case 1:
		kr.url = &ade->secret_url;
		kr.vault = &ade->secret_vault_id;
		break;
	default:
		kr.url = &ade->kek_url;
		kr.vault = &ade->kek_vault_id;
		break;
	}
	return each_member(imp, key_ref_names, NELEM(key_ref_names),
	    key_ref_member, &kr, NULL);
}

static enum adc_status
read_ade_settings(struct imp *imp, struct adc_ade *ade)
{
	return each_member(imp, ade_names, NELEM(ade_names), ade_member, ade,
	    NULL);
}

/* One element of an encryptionSettings array; the first one with data
 * fills ade, the others are read for validity only. */
static enum adc_status
ade_element(struct imp *imp, void *ctx)
{
	struct adc_ade *ade = ctx, scratch;
	enum adc_status st = next_element_object(imp);

	if (st != ADC_OK)
		return st == ADC_EINVAL ? ADC_OK : st;
	memset(&scratch, 0, sizeof(scratch));
	TRY(read_members(imp, ade_names, NELEM(ade_names),
	    ade_member, &scratch, NULL));
	if (ade->secret_url == NULL && ade->kek_url == NULL) {
		ade->secret_url = scratch.secret_url;
		ade->secret_vault_id = scratch.secret_vault_id;
		ade->kek_url = scratch.kek_url;
		ade->kek_vault_id = scratch.kek_vault_id;
	}
	if (scratch.enabled == ADC_YES ||
	    (scratch.enabled == ADC_NO && ade->enabled == ADC_UNKNOWN))
		ade->enabled = scratch.enabled;
	return ADC_OK;
}

/* ---- a disk as the VM describes it ---------------------------------- */

static const struct name secprof_disk_names[] = {
	N("securityEncryptionType"), N("diskEncryptionSet")
};

static enum adc_status
md_secprof_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_diskref *d = ctx;

	if (idx == 0)
		return get_str(imp, &d->sec_enc);
	return get_ref(imp, &d->secure_des_id);
}

static const struct name managed_names[] = {
	N("id"), N("storageAccountType"), N("diskEncryptionSet"),
	N("securityProfile")
};

static enum adc_status
managed_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_diskref *d = ctx;

	switch (idx) {
	case 0:
		return get_str(imp, &d->id);
	case 1:
		return get_str(imp, &d->sku);
	case 2:
		return get_ref(imp, &d->des_id);
	default:
		return each_member(imp, secprof_disk_names,
		    NELEM(secprof_disk_names), md_secprof_member, d, NULL);
	}
}

static const struct name diff_names[] = { N("option"), N("placement") };

static enum adc_status
diff_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_diskref *d = ctx;

	return get_str(imp, idx == 0 ? &d->diff_option : &d->diff_placement);
}

static const struct name diskref_names[] = {
	N("lun"), N("name"), N("managedDisk"), N("diskSizeGB"), N("osType"),
	N("diffDiskSettings"), N("encryptionSettings"), N("caching")
};

static enum adc_status
diskref_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_diskref *d = ctx;

	switch (idx) {
	case 0:
		return get_long(imp, &d->lun);
	case 1:
		return get_str(imp, &d->name);
	case 2:
		return each_member(imp, managed_names, NELEM(managed_names),
		    managed_member, d, &d->managed_seen);
	case 3:
		return get_long(imp, &d->size_gb);
	case 4:
		return get_str(imp, &d->os_type);
	case 5:
		return each_member(imp, diff_names, NELEM(diff_names),
		    diff_member, d, &d->diff_seen);
	case 6:
		return read_ade_settings(imp, &d->ade);
	default:
		return get_str(imp, &d->caching);
	}
}

static enum adc_status
read_diskref(struct imp *imp, struct raw_diskref *d)
{
	return each_member(imp, diskref_names, NELEM(diskref_names),
	    diskref_member, d, &d->seen);
}

static enum adc_status
data_disk_element(struct imp *imp, void *ctx)
{
	struct raw_diskref *d, *grown;
	enum adc_status st = next_element_object(imp);
	size_t ncap;

	(void)ctx;
	if (st != ADC_OK)
		return st == ADC_EINVAL ? ADC_OK : st;
	if (imp->n_data == imp->cap_data) {
		ncap = imp->cap_data ? imp->cap_data * 2 : 16;
		grown = realloc(imp->data, ncap * sizeof(*grown));
		if (grown == NULL)
			return ADC_ENOMEM;
		imp->data = grown;
		imp->cap_data = ncap;
	}
	d = &imp->data[imp->n_data++];
	memset(d, 0, sizeof(*d));
	d->seen = true;
	d->lun = -1;
	d->size_gb = -1;
	return read_members(imp, diskref_names, NELEM(diskref_names),
	    diskref_member, d, NULL);
}

static const struct name storage_names[] = {
	N("osDisk"), N("dataDisks")
};

static enum adc_status
storage_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	if (idx == 0)
		return read_diskref(imp, &imp->raw.os);
	imp->n_data = 0;
	return each_element(imp, data_disk_element, NULL);
}

/* ---- securityProfile (VM and disk share the name) -------------------- */

static const struct name uefi_names[] = {
	N("secureBootEnabled"), N("vTpmEnabled")
};

static enum adc_status
uefi_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	return get_bool(imp, idx == 0 ? &imp->raw.secure_boot :
	    &imp->raw.vtpm);
}

static const struct name secprof_names[] = {
	N("securityType"), N("encryptionAtHost"), N("uefiSettings"),
	N("secureVMDiskEncryptionSetId")
};

static enum adc_status
secprof_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	switch (idx) {
	case 0:
		return get_str(imp, &imp->raw.sec_type);
	case 1:
		return get_bool(imp, &imp->raw.eah);
	case 2:
		return each_member(imp, uefi_names, NELEM(uefi_names),
		    uefi_member, NULL, NULL);
	default:
		return get_str(imp, &imp->raw.secure_des_id);
	}
}

/* ---- extensions: the ADE extension marks a VM ------------------------ */

static const struct name ext_settings_names[] = {
	N("VolumeType"), N("EncryptionOperation"), N("KeyEncryptionKeyURL"),
	N("KeyVaultResourceId"), N("KekVaultResourceId")
};

static enum adc_status
ext_settings_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_ext *e = ctx;
	const char **out[] = { &e->volume_type, &e->operation, &e->kek_url,
	    &e->vault_id, &e->kek_vault_id };

	return get_str(imp, out[idx]);
}

static const struct name ext_names[] = {
	N("type"), N("publisher"), N("typePropertiesType"), N("settings"),
	N("properties")
};

static enum adc_status
ext_member(struct imp *imp, int idx, void *ctx)
{
	struct raw_ext *e = ctx;

	switch (idx) {
	case 0:
		return get_str(imp, e->type_outer == NULL ? &e->type_outer :
		    &e->type_inner);
	case 1:
		return get_str(imp, &e->publisher);
	case 2:
		return get_str(imp, &e->type_inner);
	case 3:
		return each_member(imp, ext_settings_names,
		    NELEM(ext_settings_names), ext_settings_member, e, NULL);
	default:
		return each_member(imp, ext_names, NELEM(ext_names), ext_member,
		    e, NULL);
	}
}

static const char *
nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Fold an extension into the VM's ADE state when it is the ADE one
 * (facts 6.1: publisher Microsoft.Azure.Security, type
 * AzureDiskEncryption or AzureDiskEncryptionForLinux). */
static void
apply_ext(struct imp *imp, const struct raw_ext *e)
{
	const char *type = e->type_inner != NULL ? e->type_inner :
	    e->type_outer;
	struct adc_ade *ade = &imp->raw.vm_ade;

	if (type == NULL || e->publisher == NULL ||
	    adc_ascii_casecmp(e->publisher, "Microsoft.Azure.Security") != 0)
		return;
	if (adc_ascii_casecmp(type, "AzureDiskEncryption") != 0 &&
	    adc_ascii_casecmp(type, "AzureDiskEncryptionForLinux") != 0)
		return;
	imp->raw.vm_ever_ade = ADC_YES;
	if (e->operation != NULL &&
	    adc_ascii_ncasecmp(e->operation, "Disable", 7) == 0)
		ade->enabled = ADC_NO;
	else
		ade->enabled = ADC_YES;
	/* EncryptFormatAll is asked for as EncryptionOperation
	 * EnableEncryptionFormatAll (the Linux extension's schema on
	 * Microsoft Learn, azure-disk-enc-linux; Az.Compute's
	 * enableEncryptionFormatAllOperation); plain EnableEncryption
	 * is without it. */
	if (e->operation != NULL && adc_ascii_casecmp(e->operation,
	    "EnableEncryptionFormatAll") == 0)
		imp->raw.vm_ade_format_all = ADC_YES;
	else if (e->operation != NULL && adc_ascii_casecmp(e->operation,
	    "EnableEncryption") == 0)
		imp->raw.vm_ade_format_all = ADC_NO;
	if (e->volume_type != NULL)
		ade->volume_type = e->volume_type;
	if (nonempty(e->kek_url) != NULL)
		ade->kek_url = e->kek_url;
	if (nonempty(e->vault_id) != NULL)
		ade->secret_vault_id = e->vault_id;
	if (nonempty(e->kek_vault_id) != NULL)
		ade->kek_vault_id = e->kek_vault_id;
}

static enum adc_status
ext_element(struct imp *imp, void *ctx)
{
	struct raw_ext e;
	enum adc_status st = next_element_object(imp);

	(void)ctx;
	if (st != ADC_OK)
		return st == ADC_EINVAL ? ADC_OK : st;
	memset(&e, 0, sizeof(e));
	TRY(read_members(imp, ext_names, NELEM(ext_names),
	    ext_member, &e, NULL));
	apply_ext(imp, &e);
	return ADC_OK;
}

static const struct name extprof_names[] = { N("extensions") };

static enum adc_status
extprof_member(struct imp *imp, int idx, void *ctx)
{
	(void)idx;
	(void)ctx;
	imp->raw.resources_seen = true;
	return each_element(imp, ext_element, NULL);
}

/* ---- instanceView: ADE status per disk ------------------------------- */

static const struct name iv_disk_names[] = { N("encryptionSettings") };

static enum adc_status
iv_disk_member(struct imp *imp, int idx, void *ctx)
{
	struct adc_ade ade;

	(void)idx;
	(void)ctx;
	memset(&ade, 0, sizeof(ade));
	TRY(each_element(imp, ade_element, &ade));
	if (ade.enabled == ADC_YES) {
		imp->raw.vm_ever_ade = ADC_YES;
		imp->raw.vm_ade.enabled = ADC_YES;
		if (imp->raw.vm_ade.secret_url == NULL) {
			imp->raw.vm_ade.secret_url = ade.secret_url;
			imp->raw.vm_ade.secret_vault_id = ade.secret_vault_id;
		}
		if (imp->raw.vm_ade.kek_url == NULL)
			imp->raw.vm_ade.kek_url = ade.kek_url;
	}
	return ADC_OK;
}

static enum adc_status
iv_disk_element(struct imp *imp, void *ctx)
{
	enum adc_status st = next_element_object(imp);
	enum adc_json_event ev;
	const char *key;
	size_t len;

	(void)ctx;
	if (st != ADC_OK)
		return st == ADC_EINVAL ? ADC_OK : st;
	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			return ADC_OK;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		key = adc_json_view(imp->r, &len);
		if (lookup(iv_disk_names, 1, key, len) == 0)
			TRY(iv_disk_member(imp, 0, NULL));
		else
			TRY(skip(imp));
	}
}

static const struct name iv_names[] = { N("disks") };

static enum adc_status
iv_member(struct imp *imp, int idx, void *ctx)
{
	(void)idx;
	(void)ctx;
	return each_element(imp, iv_disk_element, NULL);
}

/* ---- VM scale set model ---------------------------------------------- */

static const struct name vmss_names[] = {
	N("storageProfile"), N("securityProfile"), N("extensionProfile")
};

static enum adc_status
vmss_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	switch (idx) {
	case 0:
		return each_member(imp, storage_names, NELEM(storage_names),
		    storage_member, NULL, &imp->raw.storage_seen);
	case 1:
		return each_member(imp, secprof_names, NELEM(secprof_names),
		    secprof_member, NULL, &imp->raw.secprof_seen);
	default:
		return each_member(imp, extprof_names, NELEM(extprof_names),
		    extprof_member, NULL, NULL);
	}
}

/* ---- disk: encryption and ADE collection ------------------------------ */

static const struct name encryption_names[] = {
	N("type"), N("diskEncryptionSetId")
};

static enum adc_status
encryption_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	return get_str(imp, idx == 0 ? &imp->raw.enc_type :
	    &imp->raw.disk_des_id);
}

static const struct name esc_names[] = {
	N("enabled"), N("encryptionSettings"), N("encryptionSettingsVersion")
};

static enum adc_status
esc_member(struct imp *imp, int idx, void *ctx)
{
	struct adc_ade *ade = &imp->raw.disk_ade;

	(void)ctx;
	switch (idx) {
	case 0:
		return get_bool(imp, &ade->enabled);
	case 1:
		return each_element(imp, ade_element, ade);
	default:
		return get_str(imp, &ade->settings_version);
	}
}

static enum adc_status
read_esc(struct imp *imp)
{
	enum adc_json_event ev = adc_json_next(imp->r);

	if (ev == ADC_JSON_NULL) {
		imp->raw.esc_state = 1;
		return ADC_OK;
	}
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return wrong_type(imp, ev, "an object");
	imp->raw.esc_state = 2;
	return read_members(imp, esc_names, NELEM(esc_names),
	    esc_member, NULL, NULL);
}

/* ---- disk encryption set -------------------------------------------- */

static const struct name active_key_names[] = {
	N("keyUrl"), N("sourceVault")
};

static enum adc_status
active_key_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	if (idx == 0)
		return get_str(imp, &imp->raw.key_url);
	return get_ref(imp, &imp->raw.source_vault_id);
}

static const struct name error_names[] = { N("code"), N("message") };

static enum adc_status
error_member(struct imp *imp, int idx, void *ctx)
{
	const char **parts = ctx;

	return get_str(imp, &parts[idx]);
}

/* autoKeyRotationError: kept as "code: message". */
static enum adc_status
read_rotation_error(struct imp *imp)
{
	const char *parts[2] = { NULL, NULL };
	char buf[1024];

	TRY(each_member(imp, error_names, NELEM(error_names), error_member,
	    parts, NULL));
	if (parts[0] == NULL && parts[1] == NULL)
		return ADC_OK;
	snprintf(buf, sizeof(buf), "%s%s%s", parts[0] ? parts[0] : "",
	    parts[0] && parts[1] ? ": " : "", parts[1] ? parts[1] : "");
	imp->raw.rotation_error = imp_strdup(imp, buf, strlen(buf));
	return imp->raw.rotation_error != NULL ? ADC_OK : ADC_ENOMEM;
}

static const struct name identity_names[] = { N("type"), N("tenantId") };

static enum adc_status
identity_member(struct imp *imp, int idx, void *ctx)
{
	(void)ctx;
	return get_str(imp, idx == 0 ? &imp->raw.identity_type :
	    &imp->raw.identity_tenant);
}

/* ---- keys ------------------------------------------------------------ */

static const struct name key_names[] = {
	N("kid"), N("kty"), N("n")
};

static enum adc_status
key_member(struct imp *imp, int idx, void *ctx)
{
	enum adc_json_event ev;
	const char *s;
	size_t len;

	(void)ctx;
	if (idx == 0)
		return get_str(imp, &imp->raw.kid);
	if (idx == 1)
		return get_str(imp, &imp->raw.kty);
	/* The modulus: only its bit length is kept (facts 17). */
	ev = adc_json_next(imp->r);
	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev != ADC_JSON_STRING)
		return wrong_type(imp, ev, "a base64url string");
	s = adc_json_string(imp->r, &len);
	imp->raw.size_bits = adc_rsa_modulus_bits(s, len);
	return ADC_OK;
}

static const struct name attr_names[] = {
	N("enabled"), N("expires"), N("exp"), N("exportable")
};

static enum adc_status
attr_member(struct imp *imp, int idx, void *ctx)
{
	enum adc_json_event ev;
	const char *s;
	int64_t t;

	(void)ctx;
	if (idx == 0)
		return get_bool(imp, &imp->raw.key_enabled);
	if (idx == 3)
		return get_bool(imp, &imp->raw.exportable);
	/* "expires" (az: a date-time) or "exp" (REST: Unix seconds). */
	ev = adc_json_next(imp->r);
	if (ev == ADC_JSON_NULL)
		return ADC_OK;
	if (ev == ADC_JSON_NUMBER && adc_json_number_i64(imp->r, &t) ==
	    ADC_OK) {
		imp->raw.expires = t;
		imp->raw.has_expiry = ADC_YES;
		return ADC_OK;
	}
	if (ev == ADC_JSON_STRING) {
		s = adc_json_string(imp->r, NULL);
		if (adc_time_parse(s, &t) == ADC_OK) {
			imp->raw.expires = t;
			imp->raw.has_expiry = ADC_YES;
			return ADC_OK;
		}
		return imp_note_here(imp, "wrong-type", "expiry \"%.80s\" is "
		    "not a date-time this tool reads; treated as unknown", s);
	}
	return wrong_type(imp, ev, "a date-time or Unix time");
}

static enum adc_status
read_release_policy(struct imp *imp)
{
	enum adc_json_event ev = adc_json_next(imp->r);

	if (ev == ADC_JSON_NULL) {
		/* az prints null for a key without a policy. */
		imp->raw.release_policy = ADC_NO;
		return ADC_OK;
	}
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return wrong_type(imp, ev, "an object");
	imp->raw.release_policy = ADC_YES;
	return skip(imp);
}

/* ---- the resource level ---------------------------------------------- */

/* Members of a resource, top level or inside "properties" (az flattens
 * compute resources, REST and Resource Graph nest them). The order of
 * this table is the order of the switch in imp_member. */
static const struct name resource_names[] = {
	N("id"), N("name"), N("type"), N("location"), N("properties"),
	N("sku"), N("identity"), N("hardwareProfile"), N("storageProfile"),
	N("securityProfile"), N("virtualMachineProfile"), N("resources"),
	N("instanceView"), N("osType"), N("diskSizeGB"), N("encryption"),
	N("encryptionSettingsCollection"), N("diskState"), N("creationData"),
	N("managedBy"), N("encryptionType"), N("activeKey"),
	N("rotationToLatestKeyVersionEnabled"), N("autoKeyRotationError"),
	N("federatedClientId"), N("vaultUri"), N("hsmUri"),
	N("enableSoftDelete"), N("enablePurgeProtection"),
	N("enabledForDiskEncryption"), N("enableRbacAuthorization"),
	N("tenantId"), N("key"), N("kid"), N("attributes"), N("releasePolicy"),
	N("release_policy"), N("keyUri"), N("keyUriWithVersion"), N("kty"),
	N("keySize"), N("state")
};

static const struct name sku_names[] = { N("name") };
static const struct name hw_names[] = { N("vmSize") };

static enum adc_status
str_member(struct imp *imp, int idx, void *ctx)
{
	(void)idx;
	return get_str(imp, ctx);
}

static enum adc_status
sized(struct imp *imp, unsigned *out)
{
	long v = -1;

	TRY(get_long(imp, &v));
	if (v > 0)
		*out = (unsigned)v;
	return ADC_OK;
}

void
imp_index_names(struct imp *imp)
{
	size_t i;

	memset(imp->res_lens, 0, sizeof(imp->res_lens));
	for (i = 0; i < NELEM(resource_names); i++)
		imp->res_lens[resource_names[i].s[0] & 31] |=
		    (uint64_t)1 << resource_names[i].len;
}

/* Resources and their nested objects: flat dispatch over the table
 * above, one line per member, hence the length. Every name of the table
 * is shorter than 64 bytes, so longer keys are rejected at once. */
enum adc_status
imp_member(struct imp *imp, const char *key, size_t len, bool in_props,
    uint64_t *seen)
{
	struct raw *r = &imp->raw;
	int idx = -1;

	if (len < 64 && (imp->res_lens[key[0] & 31] >> len & 1) != 0)
		idx = lookup(resource_names, NELEM(resource_names), key, len);
	if (idx >= 0)
		TRY(check_duplicate(imp, seen, idx, resource_names));
	switch (idx) {
	case 0:	return get_str(imp, &r->id);
	case 1:	return get_str(imp, &r->name);
	case 2:	return get_str(imp, &r->type);
	case 3:	return get_str(imp, &r->location);
	case 4:
		if (in_props)
			return skip(imp);
		return imp_read_members(imp, true);
	case 5:	return each_member(imp, sku_names, 1, str_member,
		    &r->sku_name, NULL);
	case 6:	return each_member(imp, identity_names,
		    NELEM(identity_names), identity_member, NULL, NULL);
	case 7:	return each_member(imp, hw_names, 1, str_member,
		    &r->vm_size, &r->hw_seen);
	case 8:	return each_member(imp, storage_names, NELEM(storage_names),
		    storage_member, NULL, &r->storage_seen);
	case 9:	return each_member(imp, secprof_names, NELEM(secprof_names),
		    secprof_member, NULL, &r->secprof_seen);
	case 10: return each_member(imp, vmss_names, NELEM(vmss_names),
		    vmss_member, NULL, &r->vmss_profile);
	case 11:
		r->resources_seen = true;
		return each_element(imp, ext_element, NULL);
	case 12: return each_member(imp, iv_names, NELEM(iv_names),
		    iv_member, NULL, NULL);
	case 13: return get_str(imp, &r->os_type);
	case 14: return get_long(imp, &r->size_gb);
	case 15: return each_member(imp, encryption_names,
		    NELEM(encryption_names), encryption_member, NULL,
		    &r->encryption_seen);
	case 16: return read_esc(imp);
	case 17: return get_str(imp, &r->disk_state);
	case 18:
		r->creation_seen = true;
		return skip(imp);
	case 19: return get_str(imp, &r->managed_by);
	case 20: return get_str(imp, &r->des_type);
	case 21: return each_member(imp, active_key_names,
		    NELEM(active_key_names), active_key_member, NULL,
		    &r->active_key_seen);
	case 22: return get_bool(imp, &r->rotation);
	case 23: return read_rotation_error(imp);
	case 24: return get_str(imp, &r->federated_client_id);
	case 25:
	case 26: return get_str(imp, &r->vault_uri);
	case 27: return get_bool(imp, &r->soft_delete);
	case 28:
		r->purge_seen = true;
		return get_bool(imp, &r->purge_protection);
	case 29: return get_bool(imp, &r->disk_encryption);
	case 30: return get_bool(imp, &r->rbac);
	case 31: return get_str(imp, &r->tenant);
	case 32: return each_member(imp, key_names, NELEM(key_names),
		    key_member, NULL, &r->key_material_seen);
	case 33: return get_str(imp, &r->kid);
	case 34: return each_member(imp, attr_names, NELEM(attr_names),
		    attr_member, NULL, &r->attributes_seen);
	case 35:
	case 36: return read_release_policy(imp);
	case 37: return get_str(imp, &r->key_uri);
	case 38: return get_str(imp, &r->kid);
	case 39: return get_str(imp, &r->kty);
	case 40: return sized(imp, &r->size_bits);
	case 41: return get_str(imp, &r->state);
	default: return skip(imp);
	}
}

enum adc_status
imp_read_members(struct imp *imp, bool in_properties)
{
	enum adc_json_event ev;
	uint64_t seen = 0;
	const char *key;
	size_t len;

	if (in_properties) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_NULL)
			return ADC_OK;
		if (ev != ADC_JSON_OBJECT_BEGIN)
			return wrong_type(imp, ev, "an object");
		imp->raw.props_seen = true;
	}
	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			return ADC_OK;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		key = adc_json_view(imp->r, &len);
		TRY(imp_member(imp, key, len, in_properties, &seen));
	}
}
