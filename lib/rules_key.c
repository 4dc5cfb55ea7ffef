/* SPDX-License-Identifier: MIT */
/*
 * rules_key.c: rules about the key behind each DES and its vault: URL,
 * type and size, state (disabled, expired, missing), vault region,
 * tenant and protection, and the extra needs of confidential keys.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* [SPEC-DES]: activeKey.keyUrl must carry its version. */
RULE_FN(r_key_url_unversioned)
{
	const struct adc_estate *e = ctx->estate;
	struct key_url ku;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (key_url_split(des->key_url, &ku) && ku.version[0] == '\0')
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s uses key URL %s without a version",
			    res_name(des->name, des->id), des->key_url);
	}
}

static bool
rsa(enum adc_key_type kty)
{
	return kty == ADC_KTY_RSA || kty == ADC_KTY_RSA_HSM;
}

/* [CMKR]: RSA, 2048, 3072 or 4096 bits. This rule also reports a key
 * missing from the input, once per DES, for the other key rules. */
RULE_FN(r_key_type)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_key *key = ctx->des[i].key;
		unsigned bits;

		if (des->key_url == NULL)
			continue;
		if (key == NULL || key->kty == ADC_KTY_UNKNOWN) {
			rule_unknown(ctx, rule, des->id, &des->origin,
			    "DES %s: key %s is not in the input or lacks its "
			    "type; az keyvault key show output decides",
			    res_name(des->name, des->id), des->key_url);
			continue;
		}
		bits = key->size_bits;
		if (rsa(key->kty) && (bits == 0 || bits == 2048 ||
		    bits == 3072 || bits == 4096))
			continue;
		if (!rsa(key->kty))
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s uses key %s, which is not an RSA key",
			    res_name(des->name, des->id), des->key_url);
		else
			rule_fail(ctx, rule, des->id, &des->origin,
			    "DES %s uses a %u-bit RSA key; only 2048, 3072 "
			    "and 4096 bits are supported",
			    res_name(des->name, des->id), bits);
	}
}

/* The three key-state rules share this walk: state() says whether the
 * key is in the bad state. A per-version state (enabled, expiry) is
 * unknown when the input holds only another version of the key. */
static void
key_state(struct rule_ctx *ctx, const struct adc_rule *rule,
    bool (*state)(const struct rule_ctx *, const struct adc_key *),
    bool per_version, const char *what)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_key *key = ctx->des[i].key;
		const char *res[2] = { des->id, des->key_url };

		if (key == NULL)
			continue;
		/* Another version's state is not this version's; a key
		 * missing from its vault is missing at every version. */
		if (!ctx->des[i].key_exact && per_version) {
			rule_emit(ctx, rule, ADC_FINDING_UNKNOWN, false, res, 2,
			    &des->origin, "key %s of DES %s: the input holds "
			    "another version of the key (%s), so whether this "
			    "one %s is unknown; az keyvault key show --id with "
			    "this URL decides", des->key_url,
			    res_name(des->name, des->id), key->url, what);
			continue;
		}
		if (!state(ctx, key))
			continue;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &des->origin, "key %s of DES %s %s: VMs using it shut "
		    "down and do not boot, disk reads and writes fail within "
		    "about an hour", des->key_url,
		    res_name(des->name, des->id), what);
	}
}

static bool
is_disabled(const struct rule_ctx *ctx, const struct adc_key *key)
{
	(void)ctx;
	return key->exists != ADC_NO && key->enabled == ADC_NO;
}

static bool
is_expired(const struct rule_ctx *ctx, const struct adc_key *key)
{
	return key->exists != ADC_NO && key->expires != 0 &&
	    key->expires <= ctx->now;
}

static bool
is_missing(const struct rule_ctx *ctx, const struct adc_key *key)
{
	(void)ctx;
	return key->exists == ADC_NO;
}

/* [DE] 3.6 for all three. */
RULE_FN(r_key_disabled)
{
	key_state(ctx, rule, is_disabled, true, "is disabled");
}

RULE_FN(r_key_expired)
{
	key_state(ctx, rule, is_expired, true, "has expired");
}

RULE_FN(r_key_missing)
{
	key_state(ctx, rule, is_missing, false, "is not in its vault");
}

/* [DE]: near-expiry keys want rotation or alerts. "Near" is the
 * policy's key_expiry_warning_days, counted from the check's time. */
RULE_FN(r_key_near_expiry)
{
	const struct adc_estate *e = ctx->estate;
	int64_t near = (int64_t)ctx->policy->key_expiry_warning_days * 86400;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_key *key = ctx->des[i].key;
		const char *res[2] = { des->id, des->key_url };
		int64_t left;

		/* Another version's expiry is not this version's: key-expired
		 * says so. */
		if (key == NULL || !ctx->des[i].key_exact ||
		    key->expires == 0 || des->auto_rotation == ADC_YES)
			continue;
		left = key->expires - ctx->now;
		if (left <= 0 || left > near)
			continue;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &des->origin, "key %s of DES %s expires in %lld days and "
		    "the DES does not rotate automatically", des->key_url,
		    res_name(des->name, des->id),
		    (long long)(left / (24 * 3600)));
	}
}

/* [CMKR][DE]: the vault must be in the DES's region. */
RULE_FN(r_key_vault_region_mismatch)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_vault *v = ctx->des[i].vault;
		const char *res[2] = { des->id, NULL };

		if (v == NULL || region_eq(v->location, des->location) !=
		    ADC_NO)
			continue;
		res[1] = v->id;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &des->origin, "DES %s is in %s but its key vault %s is "
		    "in %s", res_name(des->name, des->id), des->location,
		    res_name(v->name, v->id), v->location);
	}
}

static bool
federated(const struct adc_des *des)
{
	return des->federated_client_id != NULL &&
	    *des->federated_client_id != '\0' &&
	    strcasecmp(des->federated_client_id, "None") != 0 &&
	    (des->identity == ADC_IDENTITY_USER ||
	    des->identity == ADC_IDENTITY_SYSTEM_USER);
}

/* [XT]: another tenant needs federatedClientId and a user-assigned
 * identity. */
RULE_FN(r_cross_tenant_key)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_vault *v = ctx->des[i].vault;
		const char *res[2] = { des->id, NULL };

		if (v == NULL || des->tenant == NULL || v->tenant == NULL ||
		    id_eq(des->tenant, v->tenant) || federated(des))
			continue;
		res[1] = v->id;
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &des->origin, "DES %s (tenant %s) uses key vault %s in "
		    "tenant %s without federatedClientId and a "
		    "user-assigned identity", res_name(des->name, des->id),
		    des->tenant, res_name(v->name, v->id), v->tenant);
	}
}

static void
purge_one(struct rule_ctx *ctx, const struct adc_rule *rule,
    const struct adc_des *des, const struct adc_vault *v)
{
	const char *res[2] = { v->id, des->id };

	if (v->soft_delete == ADC_NO || v->purge_protection == ADC_NO)
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
		    &v->origin, "key vault %s (key of DES %s) has %s off",
		    res_name(v->name, v->id), res_name(des->name, des->id),
		    v->soft_delete == ADC_NO ? "soft delete" :
		    "purge protection");
	else if (v->soft_delete == ADC_UNKNOWN ||
	    v->purge_protection == ADC_UNKNOWN)
		rule_emit(ctx, rule, ADC_FINDING_UNKNOWN, false, res, 2,
		    &v->origin, "key vault %s (key of DES %s): soft delete "
		    "or purge protection unknown; az keyvault show output "
		    "decides", res_name(v->name, v->id),
		    res_name(des->name, des->id));
}

/* First time this vault (or, missing from the input, this key host)
 * comes up? seen holds vault pointers and hosts; hosts are copied into
 * the caller's list, since the map borrows its keys. */
static int
first_time(struct idx_map *seen, const struct adc_vault *v,
    const struct key_url *ku, char **hosts, size_t *n_hosts)
{
	char *h;
	int rc;

	if (v != NULL)
		return idx_ptr_put(seen, v, 0, NULL);
	if (idx_str_get(seen, ku->host, strlen(ku->host), NULL))
		return 0;
	h = key_id_of(ku->host);
	if (h == NULL)
		return -1;
	hosts[(*n_hosts)++] = h;
	rc = idx_str_put(seen, h, strlen(h), 0, NULL);
	return rc;
}

/* [KVP]: soft delete and purge protection are mandatory. One finding
 * per vault; a vault missing from the input is reported here once. */
RULE_FN(r_vault_purge_protection)
{
	const struct adc_estate *e = ctx->estate;
	struct idx_map seen_v = { NULL, 0, 0 }, seen_h = { NULL, 0, 0 };
	char **hosts = calloc(e->n_des + 1, sizeof(*hosts));
	size_t i, n_hosts = 0;
	struct key_url ku;
	int rc;

	for (i = 0; hosts != NULL && i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_vault *v = ctx->des[i].vault;

		if (v == NULL && !key_url_split(des->key_url, &ku))
			continue;
		rc = first_time(v != NULL ? &seen_v : &seen_h, v, &ku, hosts,
		    &n_hosts);
		if (rc < 0)
			ctx->status = ADC_ENOMEM;
		if (rc <= 0)
			continue;
		if (v != NULL)
			purge_one(ctx, rule, des, v);
		else
			rule_unknown(ctx, rule, des->id, &des->origin,
			    "the key vault %s of DES %s is not in the input; "
			    "az keyvault show output decides its protection",
			    ku.host, res_name(des->name, des->id));
	}
	if (hosts == NULL)
		ctx->status = ADC_ENOMEM;
	for (i = 0; i < n_hosts; i++)
		free(hosts[i]);
	free(hosts);
	idx_free(&seen_v);
	idx_free(&seen_h);
}

static void
cvm_key_one(struct rule_ctx *ctx, const struct adc_rule *rule,
    const struct adc_des *des, const struct adc_key *key,
    const struct adc_vault *v)
{
	const char *what[4];
	size_t n = 0;

	if (key != NULL && key->kty != ADC_KTY_UNKNOWN &&
	    key->kty != ADC_KTY_RSA_HSM)
		what[n++] = "not RSA-HSM";
	if (key != NULL && key->exportable == ADC_NO)
		what[n++] = "not exportable";
	if (key != NULL && key->has_release_policy == ADC_NO)
		what[n++] = "without a release policy";
	if (v != NULL && v->sku == ADC_VAULT_STANDARD)
		what[n++] = "in a Standard vault";
	if (n == 0)
		return;
	rule_fail(ctx, rule, des->id, &des->origin,
	    "confidential DES %s uses a key that is %s%s%s%s%s%s%s",
	    res_name(des->name, des->id), what[0],
	    n > 1 ? ", " : "", n > 1 ? what[1] : "",
	    n > 2 ? ", " : "", n > 2 ? what[2] : "",
	    n > 3 ? ", " : "", n > 3 ? what[3] : "");
}

/* [CVMCLI][CVMARM]: RSA-HSM, exportable, release policy, Premium vault
 * or Managed HSM. */
RULE_FN(r_cvm_key_requirements)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];

		if (des->type == ADC_ENC_CONFIDENTIAL)
			cvm_key_one(ctx, rule, des, ctx->des[i].key,
			    ctx->des[i].vault);
	}
}
