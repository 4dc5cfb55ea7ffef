/* SPDX-License-Identifier: MIT */
/*
 * blast.c: the blast radius of each key. Every DES is grouped under its
 * key (all versions of a key are one key: rotation changes the version,
 * not what depends on it), and under each DES the disks that use it
 * (as encryption or secure-VM DES) and the VMs behind them. What a lost
 * key does comes from azure-facts.md section 3.6 [DE].
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

static const char *const effects[] = {
	"every VM whose OS or data disk uses the key shuts down and does "
	    "not boot until the key is re-enabled or a new key is assigned "
	    "[DE]",
	"disk reads and writes begin failing about one hour after the key "
	    "is disabled, deleted or expires [DE]",
	"revoking the DES identity's access to the key blocks the disks "
	    "the same way [DE]",
	NULL
};

const char *const *
adc_blast_effects(void)
{
	return effects;
}

/* Every disk once: the estate's, then VMs' copies not in it. */
struct disk_set {
	const struct adc_disk **d;
	size_t		 n;
};

static bool
has_disk(const struct disk_set *s, const struct adc_disk *disk)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->d[i] == disk)
			return true;
	}
	return false;
}

static enum adc_status
all_disks(const struct adc_estate *e, struct disk_set *s)
{
	const struct adc_disk *disk;
	size_t i, j, max = e->n_disks;

	for (i = 0; i < e->n_vms; i++)
		max += vm_n_disks(e->vms[i]);
	s->n = 0;
	s->d = calloc(max > 0 ? max : 1, sizeof(*s->d));
	if (s->d == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_disks; i++) {
		if (!has_disk(s, e->disks[i]))
			s->d[s->n++] = e->disks[i];
	}
	for (i = 0; i < e->n_vms; i++) {
		for (j = 0; (disk = vm_disk(e->vms[i], j)) != NULL; j++) {
			if (!has_disk(s, disk))
				s->d[s->n++] = disk;
		}
	}
	return ADC_OK;
}

static bool
uses_des(const struct adc_disk *disk, const struct adc_des *des)
{
	return disk->des == des || disk->secure_des == des ||
	    id_eq(disk->des_id, des->id) || id_eq(disk->secure_des_id, des->id);
}

/* The VM a disk belongs to: linked, holding it, or named by managedBy. */
static const struct adc_vm *
disk_vm(const struct adc_estate *e, const struct adc_disk *disk)
{
	size_t i, j;

	if (disk->vm != NULL)
		return disk->vm;
	for (i = 0; i < e->n_vms; i++) {
		for (j = 0; j < vm_n_disks(e->vms[i]); j++) {
			if (vm_disk(e->vms[i], j) == disk)
				return e->vms[i];
		}
		if (id_eq(e->vms[i]->id, disk->managed_by))
			return e->vms[i];
	}
	return NULL;
}

static bool
same_key(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return key_url_same_key(a, b);
}

static enum adc_status
fill_des(const struct adc_estate *e, const struct disk_set *s,
    struct adc_blast_key *k, const struct adc_des *des)
{
	struct adc_blast_des *bd = &k->des[k->n_des++];
	const struct adc_vm *vm;
	size_t i, j;

	bd->des = des;
	bd->disks = calloc(s->n > 0 ? s->n : 1, sizeof(*bd->disks));
	if (bd->disks == NULL)
		return ADC_ENOMEM;
	if (des->type == ADC_ENC_CONFIDENTIAL)
		k->confidential = true;
	for (i = 0; i < s->n; i++) {
		if (!uses_des(s->d[i], des))
			continue;
		bd->disks[bd->n_disks++] = s->d[i];
		k->n_disks++;
		vm = disk_vm(e, s->d[i]);
		for (j = 0; vm != NULL && j < k->n_vms && k->vms[j] != vm; j++)
			continue;
		if (vm != NULL && j == k->n_vms)
			k->vms[k->n_vms++] = vm;
	}
	return ADC_OK;
}

/* One key: every DES of the estate whose key is url's. */
static enum adc_status
fill_key(const struct adc_estate *e, const struct disk_set *s,
    struct adc_blast_key *k, const struct adc_des *first)
{
	enum adc_status st;
	size_t i;

	k->key_url = first->key_url;
	k->key = des_key(e, first);
	k->des = calloc(e->n_des, sizeof(*k->des));
	/* A disk's linked VM may be missing from the estate's list. */
	k->vms = calloc(e->n_vms + s->n + 1, sizeof(*k->vms));
	if (k->des == NULL || k->vms == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_des; i++) {
		if (!same_key(e->des[i]->key_url, first->key_url))
			continue;
		st = fill_des(e, s, k, e->des[i]);
		if (st != ADC_OK)
			return st;
	}
	return ADC_OK;
}

/* Is des the first DES of its key, and wanted by the filter? */
static bool
leads_group(const struct adc_estate *e, size_t i, const char *key_url,
    const struct adc_des *only)
{
	size_t j;

	for (j = 0; j < i; j++) {
		if (same_key(e->des[j]->key_url, e->des[i]->key_url))
			return false;
	}
	if (key_url != NULL && !same_key(e->des[i]->key_url, key_url))
		return false;
	if (only != NULL && !same_key(e->des[i]->key_url, only->key_url))
		return false;
	return true;
}

static enum adc_status
group(const struct adc_estate *e, const struct disk_set *s,
    const char *key_url, const struct adc_des *only, struct adc_blast *out)
{
	enum adc_status st;
	size_t i;

	out->keys = calloc(e->n_des > 0 ? e->n_des : 1, sizeof(*out->keys));
	if (out->keys == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_des; i++) {
		if (!leads_group(e, i, key_url, only))
			continue;
		st = fill_key(e, s, &out->keys[out->n_keys++], e->des[i]);
		if (st != ADC_OK)
			return st;
	}
	return ADC_OK;
}

enum adc_status
adc_blast_radius(const struct adc_estate *estate, const char *key_url,
    const char *des_id, struct adc_blast *out, struct adc_diag *diag)
{
	const struct adc_des *only = NULL;
	struct disk_set s = { NULL, 0 };
	enum adc_status st;

	if (out == NULL || estate == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no estate or result");
	memset(out, 0, sizeof(*out));
	if (des_id != NULL) {
		only = estate_find_des(estate, des_id);
		if (only == NULL)
			return adc_diag_set(diag, ADC_ENOTFOUND, "no DES '%s' "
			    "in the input", des_id);
	}
	st = all_disks(estate, &s);
	if (st == ADC_OK)
		st = group(estate, &s, key_url, only, out);
	free(s.d);
	if (st != ADC_OK) {
		adc_blast_free(out);
		return adc_diag_set(diag, st, "out of memory");
	}
	if (key_url != NULL && out->n_keys == 0) {
		adc_blast_free(out);
		return adc_diag_set(diag, ADC_ENOTFOUND, "no DES in the input "
		    "uses key '%s'", key_url);
	}
	return ADC_OK;
}

void
adc_blast_free(struct adc_blast *blast)
{
	size_t i, j;

	if (blast == NULL)
		return;
	for (i = 0; i < blast->n_keys; i++) {
		struct adc_blast_key *k = &blast->keys[i];

		for (j = 0; j < k->n_des; j++)
			free(k->des[j].disks);
		free(k->des);
		free(k->vms);
	}
	free(blast->keys);
	memset(blast, 0, sizeof(*blast));
}
