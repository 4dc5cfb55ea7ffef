/* SPDX-License-Identifier: MIT */
/*
 * rules_policy.c: rules that compare an estate with what the policy
 * wants (customer keys, encryption at host, double encryption, allowed
 * DES and vaults), and the temp disk and host cache rule, which reads the
 * layer analysis of each VM.
 */
#include "rules.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static const struct adc_component_layers *
find_component(const struct adc_analysis *a, enum adc_component c)
{
	size_t i;

	for (i = 0; i < a->n_components; i++) {
		if (a->components[i].component == c)
			return &a->components[i];
	}
	return NULL;
}

/* Only the size's own v5+ layer ([C]) protects it. */
static bool
size_only(const struct adc_component_layers *c)
{
	size_t i;

	for (i = 0; i < c->n_layers; i++) {
		if (c->layers[i].kind != ADC_LAYER_SIZE_TEMP)
			return false;
	}
	return c->n_layers > 0;
}

/* The end of the message: what the size does for its temp disk. */
static void
temp_disk_note(struct adc_buf *b, const struct adc_vm *vm,
    const struct adc_component_layers *temp)
{
	struct adc_size_info info;
	const char *size = vm->size != NULL ? vm->size : "unknown";

	if (temp == NULL || temp->present == ADC_PRESENT_UNKNOWN)
		adc_buf_printf(b, "; whether size %s has a temp disk is "
		    "unknown", size);
	else if (temp->present == ADC_PRESENT_NO)
		adc_buf_printf(b, "; size %s has no temp disk", size);
	else if (size_only(temp))
		adc_buf_printf(b, "; its temp disk is encrypted by the %s "
		    "size itself (v5 and later, disputed)", size);
	else if (vm->size != NULL && adc_size_parse(vm->size, &info) ==
	    ADC_OK && info.version > 0 && info.version < 5)
		adc_buf_printf(b, "; size %s predates the v5 sizes that "
		    "encrypt their temp disk themselves", size);
}

/* Caches a message names before it says "and N more". */
#define MAX_CACHES_NAMED 4

/* Append "OS disk" or "LUN 0" from "host cache (OS disk)" or "host cache
 * (LUN 0)": the part in parentheses, or the whole label. */
static void
put_disk_of_label(struct adc_buf *b, const char *label)
{
	const char *open = strchr(label, '(');

	if (open == NULL)
		adc_buf_puts(b, label);
	else
		adc_buf_append(b, open + 1, strcspn(open + 1, ")"));
}

/* A host cache that is, or may be, there with no layer. */
static bool
cache_bad(const struct adc_component_layers *c)
{
	return c->component == ADC_COMP_HOST_CACHE &&
	    c->present != ADC_PRESENT_NO && c->n_layers == 0 && c->complete;
}

static void
temp_one(struct rule_ctx *ctx, const struct adc_rule *rule,
    const struct adc_vm_result *r)
{
	const struct adc_component_layers *temp;
	struct adc_analysis a;
	bool temp_bad, cache_sure;
	struct adc_buf b;
	size_t i, n_caches, named;

	if (adc_analyse_vm(r->vm, &a, NULL) != ADC_OK) {
		ctx->status = ADC_ENOMEM;
		return;
	}
	temp = find_component(&a, ADC_COMP_TEMP_DISK);
	temp_bad = temp != NULL && temp->present == ADC_PRESENT_YES &&
	    temp->n_layers == 0 && temp->complete;
	/* A cache whose existence is unknown (no caching in the export)
	 * counts, but the message says "if any" unless one is known to
	 * exist. */
	n_caches = 0;
	cache_sure = false;
	for (i = 0; i < a.n_components; i++) {
		if (!cache_bad(&a.components[i]))
			continue;
		n_caches++;
		if (a.components[i].present == ADC_PRESENT_YES)
			cache_sure = true;
	}
	if (!temp_bad && n_caches == 0) {
		adc_analysis_free(&a);
		return;
	}

	adc_buf_init(&b, 4096);
	adc_buf_printf(&b, "VM %s: ", res_name(r->vm->name, r->vm->id));
	if (temp_bad)
		adc_buf_puts(&b, n_caches > 0 ? "temp disk and " : "temp disk ");
	if (n_caches > 0) {
		/* Each cache by its disk, as its label names it. */
		adc_buf_printf(&b, "host cache%s (", n_caches > 1 ? "s" : "");
		for (i = 0, named = 0; i < a.n_components &&
		    named < MAX_CACHES_NAMED; i++) {
			if (!cache_bad(&a.components[i]))
				continue;
			if (named++ > 0)
				adc_buf_puts(&b, ", ");
			put_disk_of_label(&b, a.components[i].label);
		}
		if (n_caches > MAX_CACHES_NAMED)
			adc_buf_printf(&b, " and %zu more",
			    n_caches - MAX_CACHES_NAMED);
		adc_buf_puts(&b, cache_sure ? ") " : "; if any) ");
	}
	adc_buf_printf(&b, "%s not encrypted (no encryption at host)",
	    (temp_bad && n_caches > 0) || n_caches > 1 ? "are" : "is");
	temp_disk_note(&b, r->vm, temp);
	if (b.failed)
		ctx->status = ADC_ENOMEM;
	else
		rule_fail(ctx, rule, r->vm->id, &r->vm->origin, "%s", b.data);
	adc_buf_free(&b);
	adc_analysis_free(&a);
}

/* [DE][DEO]: SSE covers neither; EAH (or ADE with All) does. [C]: v5+
 * sizes encrypt their temp disk themselves, which the analysis shows as
 * a disputed layer: such a temp disk is not reported. */
RULE_FN(r_temp_disk_unencrypted)
{
	size_t i;

	for (i = 0; i < ctx->estate->n_vms; i++)
		temp_one(ctx, rule, &ctx->results[i]);
}

static bool
in_scope(enum policy_scope scope, const struct adc_vm *vm)
{
	if (scope == POLICY_ALL)
		return true;
	return scope == POLICY_CONFIDENTIAL && vm != NULL &&
	    is_confidential(vm);
}

/* Does the policy want a customer key on this disk? The baseline wants
 * it on every OS disk (VM02 or better) and on every disk of a
 * confidential VM (VM10). */
static bool
wants_cmk(const struct adc_policy *p, const struct ctx_disk *cd)
{
	bool os = cd->vm != NULL && cd->vm->os_disk == cd->disk;

	switch (p->require_cmk) {
	case POLICY_CMK_NONE:
		return false;
	case POLICY_CMK_BASELINE:
		return cd->vm != NULL && (os || is_confidential(cd->vm));
	case POLICY_CMK_ALL:
		return true;
	}
	return false;
}

RULE_FN(r_customer_key_required)
{
	size_t i;

	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;
		enum adc_tri cmk;

		/* A customer key cannot join ADE ([CMKR]); ade-retiring and
		 * ade-with-cmk speak for those disks. */
		if (!wants_cmk(ctx->policy, cd) ||
		    disk_ade_on(d, cd->vm) == ADC_YES || d->ever_ade == ADC_YES)
			continue;
		cmk = ctx_disk_cmk(cd);
		if (cmk == ADC_NO)
			rule_fail(ctx, rule, d->id, &d->origin,
			    "%s %s uses a platform key; the policy wants a "
			    "customer key", cd->vm != NULL &&
			    cd->vm->os_disk == d ? "OS disk" : "disk",
			    res_name(d->name, d->id));
		else if (cmk == ADC_UNKNOWN)
			rule_unknown(ctx, rule, d->id, &d->origin,
			    "disk %s: encryption type unknown; the disk's "
			    "encryption.type decides",
			    res_name(d->name, d->id));
	}
}

RULE_FN(r_encryption_at_host_required)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	for (i = 0; i < e->n_vms; i++) {
		const struct adc_vm *vm = e->vms[i];

		if (!in_scope(ctx->policy->require_eah, vm))
			continue;
		if (vm->encryption_at_host == ADC_NO)
			rule_fail(ctx, rule, vm->id, &vm->origin,
			    "%sVM %s does not use encryption at host, which "
			    "the policy requires", is_confidential(vm) ?
			    "confidential " : "", res_name(vm->name, vm->id));
		else if (vm->encryption_at_host == ADC_UNKNOWN)
			rule_unknown(ctx, rule, vm->id, &vm->origin,
			    "VM %s: encryption at host unknown; the VM's "
			    "securityProfile.encryptionAtHost decides",
			    res_name(vm->name, vm->id));
	}
}

RULE_FN(r_double_encryption_required)
{
	size_t i;

	if (!ctx->policy->require_double)
		return;
	for (i = 0; i < ctx->n_disks; i++) {
		const struct ctx_disk *cd = &ctx->disks[i];
		const struct adc_disk *d = cd->disk;
		enum adc_enc_type t;

		if (cd->vm != NULL && cd->vm->os_disk == d)
			continue;
		t = ctx_disk_enc(cd);
		if (t != ADC_ENC_DOUBLE && t != ADC_ENC_UNKNOWN)
			rule_fail(ctx, rule, d->id, &d->origin,
			    "data disk %s uses %s; the policy requires double "
			    "encryption (disk03)", res_name(d->name, d->id),
			    enc_type_name(t));
	}
}

static bool
listed(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (id_eq(list[i], s))
			return true;
	}
	return false;
}

RULE_FN(r_des_not_allowed)
{
	const struct adc_policy *p = ctx->policy;
	const char *ids[2];
	size_t i, k;

	if (!p->has_allowed_des)
		return;
	for (i = 0; i < ctx->n_disks; i++) {
		const struct adc_disk *d = ctx->disks[i].disk;

		ids[0] = d->des_id;
		ids[1] = d->secure_des_id;
		for (k = 0; k < 2; k++) {
			const char *res[2] = { d->id, ids[k] };

			if (ids[k] == NULL ||
			    listed(p->allowed_des, p->n_allowed_des, ids[k]))
				continue;
			rule_emit(ctx, rule, ADC_FINDING_FAIL, false, res, 2,
			    &d->origin, "disk %s uses DES %s, which the "
			    "policy does not allow", res_name(d->name, d->id),
			    res_name(NULL, ids[k]));
		}
	}
}

/* A vault entry of the policy matches by id, name, or URI host. */
static bool
vault_allowed(const struct adc_policy *p, const struct adc_vault *v,
    const struct key_url *ku)
{
	struct key_url entry;
	size_t i;

	for (i = 0; i < p->n_allowed_vaults; i++) {
		const char *a = p->allowed_vaults[i];

		if (v != NULL && (id_eq(a, v->id) || id_eq(a, v->name)))
			return true;
		/* "https://host/" becomes a key URL once "keys/x" is added;
		 * reuse the splitter for its host rules. */
		if (strncasecmp(a, "https://", 8) == 0) {
			char url[512];
			size_t len = strcspn(a + 8, "/");

			snprintf(url, sizeof(url), "https://%.*s/keys/x",
			    (int)len, a + 8);
			if (key_url_split(url, &entry) &&
			    strcmp(entry.host, ku->host) == 0)
				return true;
		} else if (strncasecmp(ku->host, a, strlen(a)) == 0 &&
		    ku->host[strlen(a)] == '.') {
			return true;
		}
	}
	return false;
}

RULE_FN(r_key_vault_not_allowed)
{
	const struct adc_estate *e = ctx->estate;
	const struct adc_policy *p = ctx->policy;
	struct key_url ku;
	size_t i;

	if (!p->has_allowed_vaults)
		return;
	for (i = 0; i < e->n_des; i++) {
		const struct adc_des *des = e->des[i];
		const struct adc_vault *v = ctx->des[i].vault;

		if (!key_url_split(des->key_url, &ku) ||
		    vault_allowed(p, v, &ku))
			continue;
		rule_fail(ctx, rule, des->id, &des->origin,
		    "DES %s uses a key in vault %s, which the policy does not "
		    "allow", res_name(des->name, des->id),
		    v != NULL ? res_name(v->name, v->id) : ku.host);
	}
}

/* What the importer noticed (drift between a VM and its disks, values
 * newer than this tool, disks the input lacks, duplicates) is reported
 * like any finding, at the place in the input it concerns, so no output
 * format loses it. */
RULE_FN(r_input_note)
{
	const struct adc_import_note *note;
	size_t i;

	for (i = 0; i < ctx->estate->n_notes; i++) {
		note = &ctx->estate->notes[i];
		rule_emit(ctx, rule, ADC_FINDING_FAIL, false, NULL, 0,
		    &note->origin, "%s: %s", note->code != NULL ?
		    note->code : "note", note->message != NULL ?
		    note->message : "(no message)");
	}
}
