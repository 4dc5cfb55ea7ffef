/* SPDX-License-Identifier: MIT */
/*
 * rules_ctx.c: the views the rules read, built once per check: every
 * disk once with its VM and DES, every DES with its vault, key and the
 * disks that use it, and hash indexes over them, so that no rule scans
 * the estate per resource (estates hold tens of thousands of disks).
 */
#include "rules.h"

#include "estate_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
key_id_of(const char *url)
{
	struct key_url ku;
	size_t i, len;
	char *s;

	if (url == NULL)
		return NULL;
	len = strlen(url) + 2;
	s = malloc(len);
	if (s == NULL)
		return NULL;
	if (key_url_split(url, &ku))
		snprintf(s, len, "%s/%s", ku.host, ku.name);
	else
		memcpy(s, url, len - 1);
	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	return s;
}

const struct ctx_des *
ctx_des_of(const struct rule_ctx *ctx, const struct adc_des *des)
{
	size_t i;

	if (des == NULL || !idx_ptr_get(&ctx->des_by_ptr, des, &i))
		return NULL;
	return &ctx->des[i];
}

const struct ctx_des *
ctx_des_by_id(const struct rule_ctx *ctx, const char *id)
{
	size_t i;

	if (id == NULL || !idx_str_get(&ctx->des_by_id, id, strlen(id), &i))
		return NULL;
	return &ctx->des[i];
}

const struct ctx_disk *
ctx_find_disk(const struct rule_ctx *ctx, const struct adc_disk *disk)
{
	size_t i;

	if (!idx_ptr_get(&ctx->disk_by_ptr, disk, &i))
		return NULL;
	return &ctx->disks[i];
}

const struct adc_vault *
ctx_vault_by_id(const struct rule_ctx *ctx, const char *id)
{
	size_t i;

	if (id == NULL || !idx_str_get(&ctx->vault_by_id, id, strlen(id), &i))
		return NULL;
	return ctx->estate->vaults[i];
}

/*
 * Vaults by id and keys by URL and by "host/name", each the first the
 * estate read, so that finding a DES's vault and key costs a lookup,
 * not a pass over every vault and key.
 */
static enum adc_status
build_lookups(struct rule_ctx *ctx)
{
	const struct adc_estate *e = ctx->estate;
	const char *s;
	size_t i;

	if (idx_reserve(&ctx->vault_by_id, e->n_vaults) < 0 ||
	    idx_reserve(&ctx->key_by_url, e->n_keys) < 0 ||
	    idx_reserve(&ctx->key_by_id, e->n_keys) < 0)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_vaults; i++) {
		s = e->vaults[i]->id;
		if (s != NULL && idx_str_put(&ctx->vault_by_id, s, strlen(s),
		    i, NULL) < 0)
			return ADC_ENOMEM;
	}
	ctx->key_ids = calloc(e->n_keys > 0 ? e->n_keys : 1,
	    sizeof(*ctx->key_ids));
	if (ctx->key_ids == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_keys; i++) {
		s = e->keys[i]->url;
		if (s == NULL)
			continue;
		ctx->key_ids[i] = key_id_of(s);
		if (ctx->key_ids[i] == NULL ||
		    idx_str_put(&ctx->key_by_url, s, strlen(s), i, NULL) < 0 ||
		    idx_str_put(&ctx->key_by_id, ctx->key_ids[i],
		    strlen(ctx->key_ids[i]), i, NULL) < 0)
			return ADC_ENOMEM;
	}
	return ADC_OK;
}

/* The vault a DES's key sits in: linked, else by sourceVault. Linking
 * has tried the key URL's host already; an estate built by hand, never
 * linked, gets that search here. */
static const struct adc_vault *
ctx_des_vault(const struct rule_ctx *ctx, const struct adc_des *des)
{
	const struct adc_estate *e = ctx->estate;
	const struct adc_vault *v;

	if (des->vault != NULL)
		return des->vault;
	v = ctx_vault_by_id(ctx, des->source_vault_id);
	if (v != NULL || (e->priv != NULL && adc_estate_linked(e, false)))
		return v;
	return des_vault_by_host(e, des);
}

/* The key a DES uses: linked, else the exact URL, else another version
 * of the same key, whose type, size and release policy are the key's
 * but whose attributes are its own; *exact says which. */
static const struct adc_key *
ctx_des_key(const struct rule_ctx *ctx, const struct adc_des *des,
    const char *key_id, bool *exact)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	*exact = true;
	if (des->key != NULL)
		return des->key;
	if (des->key_url == NULL)
		return NULL;
	if (idx_str_get(&ctx->key_by_url, des->key_url, strlen(des->key_url),
	    &i))
		return e->keys[i];
	*exact = false;
	if (key_id != NULL && idx_str_get(&ctx->key_by_id, key_id,
	    strlen(key_id), &i))
		return e->keys[i];
	return NULL;
}

static enum adc_status
build_des(struct rule_ctx *ctx)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	ctx->des = calloc(e->n_des > 0 ? e->n_des : 1, sizeof(*ctx->des));
	if (ctx->des == NULL)
		return ADC_ENOMEM;
	for (i = 0; i < e->n_des; i++) {
		struct ctx_des *cd = &ctx->des[i];
		const struct adc_des *des = e->des[i];

		cd->des = des;
		cd->vault = ctx_des_vault(ctx, des);
		cd->key_id = key_id_of(des->key_url);
		cd->key = ctx_des_key(ctx, des, cd->key_id, &cd->key_exact);
		if ((des->key_url != NULL && cd->key_id == NULL) ||
		    idx_ptr_put(&ctx->des_by_ptr, des, i, NULL) < 0)
			return ADC_ENOMEM;
		if (des->id != NULL && idx_str_put(&ctx->des_by_id, des->id,
		    strlen(des->id), i, NULL) < 0)
			return ADC_ENOMEM;
	}
	return ADC_OK;
}

/* The number of the first estate VM with vm's id, so that one VM read
 * twice counts once; SIZE_MAX for no VM. */
static size_t
vm_number(const struct rule_ctx *ctx, const struct idx_map *vm_by_id,
    const struct adc_vm *vm)
{
	size_t i;

	if (vm == NULL)
		return SIZE_MAX;
	if (vm->id != NULL &&
	    idx_str_get(vm_by_id, vm->id, strlen(vm->id), &i))
		return i;
	for (i = 0; i < ctx->estate->n_vms; i++) {
		if (ctx->estate->vms[i] == vm)
			return i;
	}
	return SIZE_MAX;
}

static enum adc_status
add_disk(struct rule_ctx *ctx, const struct adc_disk *disk,
    const struct adc_vm *vm, size_t vm_no)
{
	const struct ctx_des *d;
	struct ctx_disk *cd;
	int rc;

	rc = idx_ptr_put(&ctx->disk_by_ptr, disk, ctx->n_disks, NULL);
	if (rc <= 0)
		return rc < 0 ? ADC_ENOMEM : ADC_OK;
	cd = &ctx->disks[ctx->n_disks++];
	cd->disk = disk;
	cd->vm = vm != NULL ? vm : disk->vm;
	cd->vm_no = vm_no;
	d = ctx_des_by_id(ctx, disk->des_id);
	cd->des = disk->des != NULL ? disk->des : d != NULL ? d->des : NULL;
	d = ctx_des_by_id(ctx, disk->secure_des_id);
	cd->secure_des = disk->secure_des != NULL ? disk->secure_des :
	    d != NULL ? d->des : NULL;
	return ADC_OK;
}

/* Every disk once: the VMs' disks first (they know their VM), then the
 * estate's others; a disk only managedBy ties to a VM gets it by id. */
static enum adc_status
build_disks(struct rule_ctx *ctx)
{
	const struct adc_estate *e = ctx->estate;
	const struct adc_disk *disk;
	const struct adc_vm *vm;
	struct idx_map vm_by_id = { NULL, 0, 0 };
	enum adc_status st = ADC_OK;
	size_t i, j, no, max = e->n_disks;

	for (i = 0; i < e->n_vms; i++)
		max += vm_n_disks(e->vms[i]);
	ctx->disks = calloc(max > 0 ? max : 1, sizeof(*ctx->disks));
	/* A linked estate lists every disk its VMs use: reserve for those,
	 * the map grows if an estate built otherwise has more. */
	if (ctx->disks == NULL ||
	    idx_reserve(&ctx->disk_by_ptr, e->n_disks) < 0 ||
	    idx_reserve(&vm_by_id, e->n_vms) < 0)
		st = ADC_ENOMEM;
	for (i = 0; i < e->n_vms && st == ADC_OK; i++) {
		no = i;
		if (e->vms[i]->id != NULL && idx_str_put(&vm_by_id,
		    e->vms[i]->id, strlen(e->vms[i]->id), i, &no) < 0)
			st = ADC_ENOMEM;
		for (j = 0; st == ADC_OK &&
		    (disk = vm_disk(e->vms[i], j)) != NULL; j++)
			st = add_disk(ctx, disk, e->vms[i], no);
	}
	for (i = 0; i < e->n_disks && st == ADC_OK; i++) {
		const char *by = e->disks[i]->managed_by;

		if (idx_ptr_get(&ctx->disk_by_ptr, e->disks[i], NULL))
			continue;
		j = e->n_vms;
		if (by != NULL)
			idx_str_get(&vm_by_id, by, strlen(by), &j);
		vm = j < e->n_vms ? e->vms[j] : e->disks[i]->vm;
		st = add_disk(ctx, e->disks[i], vm,
		    vm_number(ctx, &vm_by_id, vm));
	}
	idx_free(&vm_by_id);
	return st;
}

/* The estate DES indexes a disk uses, each once; returns how many. */
static size_t
disk_des(const struct rule_ctx *ctx, const struct ctx_disk *cd,
    size_t idx[2])
{
	size_t n = 0;

	if (cd->des != NULL && idx_ptr_get(&ctx->des_by_ptr, cd->des, &idx[n]))
		n++;
	if (cd->secure_des != NULL && cd->secure_des != cd->des &&
	    idx_ptr_get(&ctx->des_by_ptr, cd->secure_des, &idx[n]))
		n++;
	return n;
}

static bool
is_os(const struct ctx_disk *cd)
{
	return cd->disk->role == ADC_ROLE_OS ||
	    (cd->vm != NULL && cd->vm->os_disk == cd->disk);
}

/* Which disks use each DES: count, allocate each list to size, fill. */
static enum adc_status
build_users(struct rule_ctx *ctx)
{
	size_t i, k, n, idx[2];

	for (i = 0; i < ctx->n_disks; i++) {
		n = disk_des(ctx, &ctx->disks[i], idx);
		for (k = 0; k < n; k++)
			ctx->des[idx[k]].n_users++;
	}
	for (i = 0; i < ctx->estate->n_des; i++) {
		if (ctx->des[i].n_users == 0)
			continue;
		ctx->des[i].users = malloc(ctx->des[i].n_users *
		    sizeof(*ctx->des[i].users));
		if (ctx->des[i].users == NULL)
			return ADC_ENOMEM;
		ctx->des[i].n_users = 0;
	}
	for (i = 0; i < ctx->n_disks; i++) {
		n = disk_des(ctx, &ctx->disks[i], idx);
		for (k = 0; k < n; k++) {
			struct ctx_des *d = &ctx->des[idx[k]];

			d->users[d->n_users++] = i;
			if (is_os(&ctx->disks[i]))
				d->n_os++;
		}
	}
	return ADC_OK;
}

enum adc_status
ctx_build(struct rule_ctx *ctx)
{
	enum adc_status st;

	st = build_lookups(ctx);
	if (st == ADC_OK)
		st = build_des(ctx);
	if (st == ADC_OK)
		st = build_disks(ctx);
	if (st == ADC_OK)
		st = build_users(ctx);
	return st;
}

void
ctx_free(struct rule_ctx *ctx)
{
	size_t i;

	for (i = 0; ctx->des != NULL && i < ctx->estate->n_des; i++) {
		free(ctx->des[i].key_id);
		free(ctx->des[i].users);
	}
	for (i = 0; ctx->key_ids != NULL && i < ctx->estate->n_keys; i++)
		free(ctx->key_ids[i]);
	free(ctx->key_ids);
	ctx->key_ids = NULL;
	idx_free(&ctx->vault_by_id);
	idx_free(&ctx->key_by_url);
	idx_free(&ctx->key_by_id);
	free(ctx->des);
	free(ctx->disks);
	idx_free(&ctx->disk_by_ptr);
	idx_free(&ctx->des_by_ptr);
	idx_free(&ctx->des_by_id);
	ctx->des = NULL;
	ctx->disks = NULL;
}
