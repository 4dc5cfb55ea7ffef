/* SPDX-License-Identifier: MIT */
/*
 * rules.h: the rule table and what rule functions share: the evaluation
 * context, finding emission and small helpers over the model (ids,
 * regions, subscriptions, key URLs, a disk's effective key).
 */
#ifndef ADC_RULES_H
#define ADC_RULES_H

#include <stdarg.h>

#include "diag.h"
#include "policy.h"
#include "rules_index.h"

struct rule_ctx;
struct adc_rule;

typedef void (*rule_eval_fn)(struct rule_ctx *ctx,
    const struct adc_rule *rule);

/* One rule. The table (rules_table.c) is the single source of truth for
 * ids, default severities, source keys and fixes. */
struct adc_rule {
	struct adc_rule_info info;
	rule_eval_fn	 eval;
};

/* A disk as the rules see it: every disk once, with its VM. */
struct ctx_disk {
	const struct adc_disk *disk;
	const struct adc_vm *vm;	/* NULL: unattached */
	size_t		 vm_no;		/* the first estate VM with vm's id
					 * (ids compare without case), or
					 * SIZE_MAX without a VM */
	const struct adc_des *des;	/* encryption DES, if in the input */
	const struct adc_des *secure_des; /* confidential DES, same */
};

/* A DES as the rules see it: its vault and key found once, its key in
 * one spelling for every version, and the disks that use it. */
struct ctx_des {
	const struct adc_des *des;
	const struct adc_vault *vault;	/* NULL: not in the input */
	const struct adc_key *key;	/* NULL: not in the input */
	/* key is the version the DES names; false when it is another
	 * version of the same key (its type and size still hold, its
	 * enabled state and expiry are that version's) */
	bool		 key_exact;
	char		*key_id;	/* "host/name"; NULL: no key URL */
	size_t		*users;		/* indexes into ctx->disks */
	size_t		 n_users;
	size_t		 n_os;		/* of them OS disks */
};

struct rule_ctx {
	const struct adc_estate *estate;
	const struct adc_policy *policy;
	struct adc_vm_result *results;	/* one per estate VM */
	struct ctx_disk	*disks;
	size_t		 n_disks;
	struct ctx_des	*des;		/* one per estate DES, same order */
	struct idx_map	 disk_by_ptr;	/* disk -> index into disks */
	struct idx_map	 des_by_ptr;	/* DES -> index into des */
	struct idx_map	 des_by_id;	/* DES id -> index into des */
	struct idx_map	 vault_by_id;	/* vault id -> estate index */
	struct idx_map	 key_by_url;	/* key URL -> estate index */
	struct idx_map	 key_by_id;	/* "host/name" -> estate index */
	char		**key_ids;	/* the key_by_id strings, to free */
	int64_t		 now;		/* when keys are judged (Unix) */
	struct findings	*out;
	enum adc_status	 status;	/* ADC_ENOMEM once emit failed */
};

/* Build the disk and DES views and their indexes (rules_ctx.c);
 * ctx->estate must be set. ctx_free releases what ctx_build made. */
enum adc_status ctx_build(struct rule_ctx *ctx);
void ctx_free(struct rule_ctx *ctx);
/* The view of a DES of the estate, by pointer or id; NULL if none. */
const struct ctx_des *ctx_des_of(const struct rule_ctx *ctx,
    const struct adc_des *des);
const struct ctx_des *ctx_des_by_id(const struct rule_ctx *ctx,
    const char *id);
/* A vault of the estate by id (the first read); NULL if none. */
const struct adc_vault *ctx_vault_by_id(const struct rule_ctx *ctx,
    const char *id);

const struct adc_rule *adc_rule_table(size_t *n);
/* Put findings in the report's order (check_sort.c): most severe first,
 * then first resource (ASCII case aside), rule, message, emission. */
enum adc_status adc_sort_findings(struct adc_finding *v, size_t n);
/* Index of a rule in the table, or -1. */
int adc_rule_index(const char *id);
/* The severity rule gets under ctx's policy. */
enum adc_severity rule_severity(const struct rule_ctx *ctx,
    const struct adc_rule *rule);

/* Emit a finding of rule. resources is an array of n ids (copied); origin
 * may be NULL. status UNKNOWN turns the severity into a note. escalate
 * raises a decided finding to an error (a rotation error whose key is
 * gone). The message is printf-style, one line. */
void rule_emit(struct rule_ctx *ctx, const struct adc_rule *rule,
    enum adc_finding_status status, bool escalate,
    const char *const *resources, size_t n,
    const struct adc_origin *origin, const char *fmt, ...)
    ADC_PRINTF(8, 9);

/* Shorthands for one resource. */
void rule_fail(struct rule_ctx *ctx, const struct adc_rule *rule,
    const char *resource, const struct adc_origin *origin,
    const char *fmt, ...) ADC_PRINTF(5, 6);
void rule_unknown(struct rule_ctx *ctx, const struct adc_rule *rule,
    const char *resource, const struct adc_origin *origin,
    const char *fmt, ...) ADC_PRINTF(5, 6);

/* Helpers over the model (rules_util.c). */
bool id_eq(const char *a, const char *b);
/* Regions compare without case and spaces ("East US" is "eastus").
 * ADC_UNKNOWN when either is NULL. */
enum adc_tri region_eq(const char *a, const char *b);
/* The subscription of a resource: its field, or the id's segment. The
 * result points into one of the two strings; len gets its length. */
const char *subscription_of(const char *field, const char *id,
    size_t *len);
enum adc_tri subscription_eq(const char *fa, const char *ida,
    const char *fb, const char *idb);
/* A printable name: the name, else the id, else "(unnamed)". */
const char *res_name(const char *name, const char *id);

/* Split "https://HOST[:443]/keys/NAME[/VERSION]". Returns false when url
 * is not a key URL. host is lower case without the port. */
struct key_url {
	char	host[256];
	char	name[128];
	char	version[128];	/* "" when unversioned */
};
bool key_url_split(const char *url, struct key_url *out);
/* "host/name" of a key URL, lower case, for comparing keys across
 * versions; a URL that does not split is kept whole, lower case.
 * Allocated (free it); NULL for a NULL url or out of memory. */
char *key_id_of(const char *url);

/* The vault whose URI has the host of a DES's key URL, by a pass over
 * the vaults: for estates built by hand, which linking never saw. */
const struct adc_vault *des_vault_by_host(const struct adc_estate *estate,
    const struct adc_des *des);

/* The effective at-rest encryption type of a disk: its own field, else
 * its DES's type; a VM's copy with no DES means the platform key. */
enum adc_enc_type ctx_disk_enc(const struct ctx_disk *cd);
/* Whether the disk's key is the customer's (CMK, double or a
 * confidential DES). */
enum adc_tri ctx_disk_cmk(const struct ctx_disk *cd);
/* ADE on this disk: its own settings, or the VM's for its volume. */
enum adc_tri disk_ade_on(const struct adc_disk *disk,
    const struct adc_vm *vm);
enum adc_tri vm_ade_on(const struct adc_vm *vm);
/* ADE now or ever (the UDE flag survives decryption). */
enum adc_tri vm_ever_ade(const struct adc_vm *vm);
bool is_confidential(const struct adc_vm *vm);
/* A VM's disks: OS first, then data; NULL past the end. */
const struct adc_disk *vm_disk(const struct adc_vm *vm, size_t i);
size_t vm_n_disks(const struct adc_vm *vm);
/* The ctx_disk entry for a disk pointer, or NULL. */
const struct ctx_disk *ctx_find_disk(const struct rule_ctx *ctx,
    const struct adc_disk *disk);

const char *enc_type_name(enum adc_enc_type type);
const char *sku_name(enum adc_storage_sku sku);

/* The evaluation functions, one per rule, in rules_*.c. */
#define RULE_FN(name) void name(struct rule_ctx *ctx, \
    const struct adc_rule *rule)

RULE_FN(r_ade_with_cmk);
RULE_FN(r_ade_with_eah);
RULE_FN(r_ade_unsupported_disk);
RULE_FN(r_ade_vault_location);
RULE_FN(r_ade_vault_not_enabled);
RULE_FN(r_ade_retiring);
RULE_FN(r_cvm_size);
RULE_FN(r_cvm_missing_vtpm);
RULE_FN(r_cvm_missing_encryption_type);
RULE_FN(r_encryption_type_on_non_cvm);
RULE_FN(r_secure_des_needs_dwvmgs);
RULE_FN(r_nonpersistedtpm_unsupported);
RULE_FN(r_cvm_guest_state_only);
RULE_FN(r_cvm_secure_boot_off);
RULE_FN(r_cvm_backup_limit);
RULE_FN(r_eah_with_confidential_os_disk);
RULE_FN(r_cvm_with_ade);
RULE_FN(r_des_type_mismatch);
RULE_FN(r_des_region_mismatch);
RULE_FN(r_des_subscription_mismatch);
RULE_FN(r_des_identity_none);
RULE_FN(r_des_source_vault_cross_sub);
RULE_FN(r_key_vault_region_mismatch);
RULE_FN(r_cross_tenant_key);
RULE_FN(r_key_url_unversioned);
RULE_FN(r_key_type);
RULE_FN(r_key_disabled);
RULE_FN(r_key_expired);
RULE_FN(r_key_missing);
RULE_FN(r_key_near_expiry);
RULE_FN(r_vault_purge_protection);
RULE_FN(r_cvm_key_requirements);
RULE_FN(r_des_auto_rotation_off);
RULE_FN(r_cvm_des_auto_rotation_on);
RULE_FN(r_des_rotation_error);
RULE_FN(r_cvm_des_too_many_disks);
RULE_FN(r_des_shared_across_vms);
RULE_FN(r_des_shared_os_and_data);
RULE_FN(r_key_shared_across_des);
RULE_FN(r_double_encryption_unsupported_disk);
RULE_FN(r_eah_feature_not_registered);
RULE_FN(r_temp_disk_unencrypted);
RULE_FN(r_customer_key_required);
RULE_FN(r_encryption_at_host_required);
RULE_FN(r_double_encryption_required);
RULE_FN(r_des_not_allowed);
RULE_FN(r_key_vault_not_allowed);
RULE_FN(r_input_note);

#endif
