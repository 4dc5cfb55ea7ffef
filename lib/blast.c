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

/* Shared by the steps: the rule views of the estate, and for each VM
 * (by pointer, numbered as met) the last key it was counted under. */
struct blast_ctx {
	struct rule_ctx	 rc;
	struct idx_map	 vm_num;
	size_t		*vm_last;	/* key index + 1; 0: none yet */
	size_t		 n_vm_num;
};

/* Count vm under key k once. */
static enum adc_status
add_vm(struct blast_ctx *b, struct adc_blast_key *k, size_t key_index,
    const struct adc_vm *vm)
{
	size_t num;
	int rc;

	rc = idx_ptr_put(&b->vm_num, vm, b->n_vm_num, &num);
	if (rc < 0)
		return ADC_ENOMEM;
	if (rc > 0)
		num = b->n_vm_num++;
	if (b->vm_last[num] == key_index + 1)
		return ADC_OK;
	b->vm_last[num] = key_index + 1;
	k->vms[k->n_vms++] = vm;
	return ADC_OK;
}

static enum adc_status
fill_des(struct blast_ctx *b, struct adc_blast_key *k, size_t key_index,
    const struct ctx_des *d)
{
	struct adc_blast_des *bd = &k->des[k->n_des++];
	const struct ctx_disk *cd;
	size_t i;

	bd->des = d->des;
	bd->disks = calloc(d->n_users > 0 ? d->n_users : 1,
	    sizeof(*bd->disks));
	if (bd->disks == NULL)
		return ADC_ENOMEM;
	if (d->des->type == ADC_ENC_CONFIDENTIAL)
		k->confidential = true;
	for (i = 0; i < d->n_users; i++) {
		cd = &b->rc.disks[d->users[i]];
		bd->disks[bd->n_disks++] = cd->disk;
		k->n_disks++;
		if (cd->vm != NULL && add_vm(b, k, key_index, cd->vm) !=
		    ADC_OK)
			return ADC_ENOMEM;
	}
	return ADC_OK;
}

/* Key k gets the DES in members (estate DES indexes), in order. */
static enum adc_status
fill_key(struct blast_ctx *b, struct adc_blast_key *k, size_t key_index,
    const size_t *members, size_t n)
{
	const struct ctx_des *first = &b->rc.des[members[0]];
	size_t i, n_users = 0;
	enum adc_status st;

	k->key_url = first->des->key_url;
	k->key = first->key;
	for (i = 0; i < n; i++)
		n_users += b->rc.des[members[i]].n_users;
	k->des = calloc(n, sizeof(*k->des));
	k->vms = calloc(n_users > 0 ? n_users : 1, sizeof(*k->vms));
	if (k->des == NULL || k->vms == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < n; i++) {
		st = fill_des(b, k, key_index, &b->rc.des[members[i]]);
		if (st != ADC_OK)
			return st;
	}
	return ADC_OK;
}

/* The key a DES is grouped under: its key id, or "" for no key URL. */
static const char *
group_key(const struct ctx_des *d)
{
	return d->key_id != NULL ? d->key_id : "";
}

/* Order the DES by key, first appearance first: grp[i] is the key
 * index of DES i, order lists DES indexes key by key, and key g holds
 * order[start[g]] up to order[start[g + 1]]. */
static enum adc_status
group(struct blast_ctx *b, const char *key_id, const struct ctx_des *only,
    size_t *grp, size_t *order, size_t *start, size_t *n_groups)
{
	size_t i, g, n = b->rc.estate->n_des, *count;
	struct idx_map keys = { NULL, 0, 0 };
	const char *k;
	int rc;

	count = calloc(n + 1, sizeof(*count));
	if (count == NULL)
		return ADC_ENOMEM;
	*n_groups = 0;
	for (i = 0; i < n; i++) {
		k = group_key(&b->rc.des[i]);
		grp[i] = n;
		if ((key_id != NULL && strcmp(k, key_id) != 0) ||
		    (only != NULL && strcmp(k, group_key(only)) != 0))
			continue;
		rc = idx_str_put(&keys, k, strlen(k), *n_groups, &g);
		if (rc < 0)
			break;
		if (rc > 0)
			g = (*n_groups)++;
		grp[i] = g;
		count[g]++;
	}
	idx_free(&keys);
	if (i < n) {
		free(count);
		return ADC_ENOMEM;
	}
	for (g = 0, i = 0; g < *n_groups; g++) {
		start[g] = i;
		i += count[g];
		count[g] = start[g];
	}
	start[*n_groups] = i;
	for (i = 0; i < n; i++) {
		if (grp[i] < n)
			order[count[grp[i]]++] = i;
	}
	free(count);
	return ADC_OK;
}

static enum adc_status
build(struct blast_ctx *b, const char *key_id, const struct ctx_des *only,
    struct adc_blast *out)
{
	size_t n = b->rc.estate->n_des, g, n_groups;
	size_t *grp, *order, *start;
	enum adc_status st;

	grp = calloc(n + 1, sizeof(*grp));
	order = calloc(n + 1, sizeof(*order));
	start = calloc(n + 2, sizeof(*start));
	out->keys = calloc(n + 1, sizeof(*out->keys));
	st = grp == NULL || order == NULL || start == NULL ||
	    out->keys == NULL ? ADC_ENOMEM :
	    group(b, key_id, only, grp, order, start, &n_groups);
	for (g = 0; st == ADC_OK && g < n_groups; g++)
		st = fill_key(b, &out->keys[out->n_keys++], g,
		    order + start[g], start[g + 1] - start[g]);
	free(grp);
	free(order);
	free(start);
	return st;
}

enum adc_status
adc_blast_radius(const struct adc_estate *estate, const char *key_url,
    const char *des_id, struct adc_blast *out, struct adc_diag *diag)
{
	const struct ctx_des *only = NULL;
	struct blast_ctx b;
	enum adc_status st;
	char *key_id = NULL;

	if (out == NULL || estate == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no estate or result");
	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	b.rc.estate = estate;
	st = ctx_build(&b.rc);
	if (st == ADC_OK) {
		b.vm_last = calloc(b.rc.n_disks + 1, sizeof(*b.vm_last));
		key_id = key_id_of(key_url);
		if (b.vm_last == NULL || (key_url != NULL && key_id == NULL))
			st = ADC_ENOMEM;
	}
	if (st == ADC_OK && des_id != NULL) {
		only = ctx_des_by_id(&b.rc, des_id);
		if (only == NULL)
			st = adc_diag_set(diag, ADC_ENOTFOUND, "no DES '%s' in "
			    "the input", des_id);
	}
	if (st == ADC_OK)
		st = build(&b, key_id, only, out);
	if (st == ADC_OK && key_url != NULL && out->n_keys == 0)
		st = adc_diag_set(diag, ADC_ENOTFOUND, "no DES in the input "
		    "uses key '%s'", key_url);
	free(key_id);
	free(b.vm_last);
	idx_free(&b.vm_num);
	ctx_free(&b.rc);
	if (st != ADC_OK) {
		adc_blast_free(out);
		return adc_diag_set(diag, st, "out of memory");
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
