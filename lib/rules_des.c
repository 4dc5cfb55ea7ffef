/* SPDX-License-Identifier: MIT */
/*
 * rules_des.c: rules about Disk Encryption Sets: their type for each use,
 * region and subscription against their disks and vault, identity,
 * rotation, and how widely one DES is shared.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* [SPEC-DES]: PlatformKey is not a DES type; a secure-VM DES must be
 * ConfidentialVmEncryptedWithCustomerKey and a disk DES must not. */
RULE_FN(r_des_type_mismatch)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->type == ADC_ENC_PLATFORM)
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s has type EncryptionAtRestWithPlatformKey, "
			    "which is not valid for a DES",
			    res_name(des->name, des->id));
	}
	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;
		const char *res[2] = { d->id, NULL };

		if (cd->secure_des != NULL &&
		    cd->secure_des->type != ADC_ENC_UNKNOWN &&
		    cd->secure_des->type != ADC_ENC_CONFIDENTIAL &&
		    cd->secure_des->type != ADC_ENC_PLATFORM) {
			res[1] = cd->secure_des->id;
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
			    &d->origin, "disk %s uses DES %s of type %s as "
			    "its secure-VM DES; it must be ConfidentialVm"
			    "EncryptedWithCustomerKey",
			    res_name(d->name, d->id),
			    res_name(cd->secure_des->name, cd->secure_des->id),
			    enc_type_name(cd->secure_des->type));
		}
		if (cd->des != NULL && cd->des->type == ADC_ENC_CONFIDENTIAL) {
			res[1] = cd->des->id;
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
			    &d->origin, "disk %s uses confidential DES %s for "
			    "encryption at rest; that type is only for a "
			    "confidential OS disk", res_name(d->name, d->id),
			    res_name(cd->des->name, cd->des->id));
		}
	}
}

/* One "not in the input" note per missing DES, however many disks use
 * it: seen holds the ids already reported. */
static void
region_one(struct rule_ctx *ctx, const struct adc_rule *rule, size_t i,
    const char *des_id, const struct adc_des *des, struct idx_map *seen)
{
	const struct ctx_disk *cd = &ctx->disks[i];
	const struct adc_disk *d = cd->disk;
	const char *loc = d->location;
	const char *res[2] = { d->id, des_id };

	if (loc == NULL && cd->vm != NULL)
		loc = cd->vm->location;
	if (des == NULL) {
		int rc = idx_str_put(seen, des_id, strlen(des_id), 0, NULL);

		if (rc < 0)
			ctx->status = ADC_ENOMEM;
		if (rc > 0)
			rule_emit(ctx, rule, ADC_FINDING_UNKNOWN, false,
			    &des_id, 1, &d->origin, "DES %s (used by disk %s) "
			    "is not in the input; az disk-encryption-set show "
			    "output decides its region",
			    res_name(NULL, des_id), res_name(d->name, d->id));
		return;
	}
	if (region_eq(loc, des->location) == ADC_NO)
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &d->origin, "disk %s is in %s but its DES %s is in %s",
		    res_name(d->name, d->id), loc,
		    res_name(des->name, des->id), des->location);
}

/* [CMKR][KVP]: DES, VMs and disks share subscription and region. */
RULE_FN(r_des_region_mismatch)
{
	struct idx_map seen = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];

		if (cd->disk->des_id != NULL)
			region_one(ctx, rule, i, cd->disk->des_id, cd->des,
			    &seen);
		if (cd->disk->secure_des_id != NULL &&
		    !id_eq(cd->disk->secure_des_id, cd->disk->des_id))
			region_one(ctx, rule, i, cd->disk->secure_des_id,
			    cd->secure_des, &seen);
	}
	idx_free(&seen);
}

static void
subscription_one(struct rule_ctx *ctx, const struct adc_rule *rule,
    const struct ctx_disk *cd, const char *des_id, const struct adc_des *des)
{
	const struct adc_disk *d = cd->disk;
	const char *res[2] = { d->id, des_id };
	const char *sub = d->subscription, *id = d->id;

	/* A VM's copy of a disk may lack an id; its VM's subscription is
	 * the disk's. */
	if (subscription_of(sub, id, &(size_t){ 0 }) == NULL &&
	    cd->vm != NULL) {
		sub = cd->vm->subscription;
		id = cd->vm->id;
	}
	if (subscription_eq(sub, id, des != NULL ? des->subscription : NULL,
	    des_id) == ADC_NO)
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &d->origin, "disk %s and its DES %s are in different "
		    "subscriptions", res_name(d->name, d->id),
		    res_name(NULL, des_id));
}

RULE_FN(r_des_subscription_mismatch)
{
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];

		if (cd->disk->des_id != NULL)
			subscription_one(ctx, rule, cd, cd->disk->des_id,
			    cd->des);
		if (cd->disk->secure_des_id != NULL &&
		    !id_eq(cd->disk->secure_des_id, cd->disk->des_id))
			subscription_one(ctx, rule, cd,
			    cd->disk->secure_des_id, cd->secure_des);
	}
}

/* [SPEC-DES]: identity None makes encrypted resources lose key access. */
RULE_FN(r_des_identity_none)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->identity == ADC_IDENTITY_NONE)
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s has identity type None: its disks cannot "
			    "reach the key", res_name(des->name, des->id));
	}
}

/* [SPEC-DES]: sourceVault cannot name a vault in another subscription. */
RULE_FN(r_des_source_vault_cross_sub)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const char *res[2] = { des->id, des->source_vault_id };

		if (des->source_vault_id == NULL ||
		    subscription_eq(NULL, des->source_vault_id,
		    des->subscription, des->id) != ADC_NO)
			continue;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &des->origin, "DES %s sets activeKey.sourceVault to %s, "
		    "a vault in another subscription",
		    res_name(des->name, des->id),
		    res_name(NULL, des->source_vault_id));
	}
}

RULE_FN(r_des_auto_rotation_off)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->auto_rotation == ADC_NO &&
		    (des->type == ADC_ENC_CUSTOMER ||
		    des->type == ADC_ENC_DOUBLE))
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s does not rotate to new key versions "
			    "automatically", res_name(des->name, des->id));
	}
}

/* [CVMO][CVMROT]: automatic rotation is not supported for CVM keys. */
RULE_FN(r_cvm_des_auto_rotation_on)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->auto_rotation == ADC_YES &&
		    des->type == ADC_ENC_CONFIDENTIAL)
			rule_fail(ctx, rule, des->id, &des->origin,
			    "confidential DES %s has automatic key rotation "
			    "on, which confidential VMs do not support",
			    res_name(des->name, des->id));
	}
}

/* [SPEC-DES]: while autoKeyRotationError is set, rotation is not
 * retried. When the key is gone the disks fail ([DE]): an error. */
RULE_FN(r_des_rotation_error)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_key *key = ctx->des[i].key;
		bool gone;

		if (des->rotation_error == NULL || *des->rotation_error == '\0')
			continue;
		gone = key != NULL && (key->exists == ADC_NO ||
		    key->enabled == ADC_NO ||
		    (key->expires != 0 && key->expires <= ctx->now));
		rule_emit(ctx, rule, ADC_FINDING_FAIL, gone, &des->id, 1,
		    &des->origin, "DES %s reports a key rotation error%s: %s",
		    res_name(des->name, des->id),
		    gone ? " and its key is missing, disabled or expired" : "",
		    des->rotation_error);
	}
}

/* [CVMBK]: over 40 disks per DES slows or breaks rotation. */
RULE_FN(r_cvm_des_too_many_disks)
{
	const struct adc_estate *e = ctx->estate;
	size_t i, n;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->type != ADC_ENC_CONFIDENTIAL)
			continue;
		n = ctx->des[i].n_users;
		if (n > 40)
			rule_fail(ctx, rule, des->id, &des->origin,
			    "confidential DES %s protects %zu disks (more "
			    "than 40): key rotation may be slow or fail when "
			    "restore points exist",
			    res_name(des->name, des->id), n);
	}
}

/* The distinct VMs behind DES number des_no, into vms (as long as its
 * users). seen[vm number] holds the last DES number + 1 that counted
 * that VM, so each DES costs its users and no more. */
static size_t
des_vms(const struct rule_ctx *ctx, size_t des_no, size_t *seen,
    const char **vms)
{
	const struct ctx_des *d = &ctx->des[des_no];
	const struct ctx_disk *cd;
	size_t i, n = 0;

	for (i = 0; i < d->n_users; i++) {
		cd = &ctx->disks[d->users[i]];
		if (cd->vm == NULL || cd->vm_no >= ctx->estate->n_vms ||
		    seen[cd->vm_no] == des_no + 1)
			continue;
		seen[cd->vm_no] = des_no + 1;
		vms[n++] = cd->vm->id;
	}
	return n;
}

/* Baseline preference ([CVMROT] speaks of sharing; no Microsoft limit,
 * [B]): one VM per DES, so a key problem stops one VM. */
RULE_FN(r_des_shared_across_vms)
{
	const struct adc_estate *e = ctx->estate;
	unsigned max = ctx->policy->max_vms_per_des;
	const char **res;
	size_t i, n, *seen;

	if (max == 0)
		return;
	res = calloc(ctx->n_disks + 1, sizeof(*res));
	seen = calloc(e->n_vms + 1, sizeof(*seen));
	if (res == NULL || seen == NULL) {
		free(res);
		free(seen);
		ctx->status = ADC_ENOMEM;
		return;
	}
	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		res[0] = des->id;
		n = des_vms(ctx, i, seen, res + 1);
		if (n > max)
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res,
			    n + 1, &des->origin, "DES %s is used by %zu VMs "
			    "(%s%s%s%s; policy allows %u): its blast radius, "
			    "since a disabled or lost key stops all of them",
			    res_name(des->name, des->id), n,
			    res_name(NULL, res[1]), n > 1 ? ", " : "",
			    n > 1 ? res_name(NULL, res[2]) : "",
			    n > 2 ? ", ..." : "", max);
	}
	free(seen);
	free(res);
}

RULE_FN(r_des_shared_os_and_data)
{
	const struct adc_estate *e = ctx->estate;
	size_t i, n_os, n_data;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		n_os = ctx->des[i].n_os;
		n_data = ctx->des[i].n_users - n_os;
		if (n_os > 0 && n_data > 0)
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s protects both OS disks (%zu) and data "
			    "disks (%zu)", res_name(des->name, des->id), n_os,
			    n_data);
	}
}

/* The DES of each key: next[i] is the next DES with DES i's key, or
 * n_des; the first DES of a key starts its chain, tail[] ends it. */
static size_t *
key_chains(struct rule_ctx *ctx)
{
	size_t i, first, n = ctx->estate->n_des;
	struct idx_map firsts = { NULL, 0, 0 };
	size_t *next, *tail;
	int rc = 1;

	next = calloc(n > 0 ? n : 1, sizeof(*next));
	tail = calloc(n > 0 ? n : 1, sizeof(*tail));
	for (i = 0; next != NULL && tail != NULL && rc >= 0 && i < n; i++) {
		const char *id = ctx->des[i].key_id;

		next[i] = n;
		tail[i] = i;
		if (id == NULL)
			continue;
		rc = idx_str_put(&firsts, id, strlen(id), i, &first);
		if (rc == 0) {
			next[tail[first]] = i;
			tail[first] = i;
		}
	}
	if (tail == NULL || rc < 0) {
		free(next);
		next = NULL;
	}
	free(tail);
	idx_free(&firsts);
	return next;
}

/* Baseline: a different key behind every DES. One finding per key,
 * naming the key and every DES that uses it. */
RULE_FN(r_key_shared_across_des)
{
	const struct adc_estate *e = ctx->estate;
	size_t i, j, n, *next = key_chains(ctx);
	const char **res = calloc(e->n_des + 1, sizeof(*res));
	bool *done = calloc(e->n_des + 1, sizeof(*done));

	if (next == NULL || res == NULL || done == NULL)
		ctx->status = ADC_ENOMEM;
	for (i = 0; ctx->status == ADC_OK && i < e->n_des; i++) {
		if (done[i] || ctx->des[i].key_id == NULL)
			continue;
		res[0] = e->des[i]->key_url;
		n = 1;
		for (j = i; j < e->n_des; j = next[j]) {
			res[n++] = e->des[j]->id;
			done[j] = true;
		}
		if (n > 2)
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, n,
			    ctx->des[i].key != NULL ? &ctx->des[i].key->origin :
			    &e->des[i]->origin, "key %s is behind %zu DES "
			    "(%s, %s%s): its blast radius, since disabling or "
			    "losing it stops the disks of all of them", res[0],
			    n - 1, res_name(NULL, res[1]),
			    res_name(NULL, res[2]), n > 3 ? ", ..." : "");
	}
	free(next);
	free(res);
	free(done);
}
