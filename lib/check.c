/* SPDX-License-Identifier: MIT */
/*
 * check.c: adc_check. For every VM it derives the layers and the
 * catalogue scenario, then runs every rule the policy keeps over VMs,
 * disks (attached or not), DES, vaults and keys, and sorts the findings:
 * most severe first, then by resource. The report owns its messages
 * (an arena behind report->priv) and borrows resource ids from the
 * estate, which must outlive it.
 */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "estate_internal.h"

/* Findings being collected. Their messages, and the resource ids the
 * estate does not hold, live in one arena; ids the estate holds are
 * pointed at, since a report never outlives its estate. */
struct findings {
	struct adc_finding *v;
	size_t		 n, cap;
	struct adc_arena arena;
	struct adc_arena_span *spans;	/* the estate's own memory */
	size_t		 n_spans;
};

static struct adc_finding *
new_finding(struct findings *f)
{
	struct adc_finding *v;
	size_t cap;

	if (f->n == f->cap) {
		cap = f->cap ? f->cap * 2 : 32;
		v = realloc(f->v, cap * sizeof(*v));
		if (v == NULL)
			return NULL;
		f->v = v;
		f->cap = cap;
	}
	memset(&f->v[f->n], 0, sizeof(f->v[f->n]));
	return &f->v[f->n++];
}

static const char **
copy_resources(struct findings *f, const char *const *res, size_t n)
{
	const char **out;
	const char *s;
	size_t i;

	out = adc_arena_alloc(&f->arena, (n > 0 ? n : 1) * sizeof(*out),
	    sizeof(*out), false);
	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		s = res[i] != NULL ? res[i] : "";
		if (*s != '\0' && !adc_arena_span_has(f->spans, f->n_spans, s))
			s = adc_arena_strndup(&f->arena, s, strlen(s));
		if (s == NULL)
			return NULL;
		out[i] = s;
	}
	return out;
}

static void vemit(struct rule_ctx *, const struct adc_rule *,
    enum adc_finding_status, bool, const char *const *, size_t,
    const struct adc_origin *, const char *, va_list) ADC_PRINTF(8, 0);

static void
vemit(struct rule_ctx *ctx, const struct adc_rule *rule,
    enum adc_finding_status status, bool escalate,
    const char *const *res, size_t n, const struct adc_origin *origin,
    const char *fmt, va_list ap)
{
	enum adc_severity sev = rule_severity(ctx, rule);
	struct adc_finding *fd;
	char *msg;

	if (sev == ADC_SEV_NONE || ctx->status != ADC_OK)
		return;
	if (status == ADC_FINDING_UNKNOWN)
		sev = ADC_SEV_NOTE;
	else if (escalate)
		sev = ADC_SEV_ERROR;

	msg = adc_arena_vprintf(&ctx->out->arena, fmt, ap);
	fd = new_finding(ctx->out);
	if (fd == NULL || msg == NULL) {
		ctx->status = ADC_ENOMEM;
		return;
	}
	fd->rule = rule->info.id;
	fd->severity = sev;
	fd->status = status;
	fd->fix = rule->info.fix;
	fd->source = rule->info.source;
	fd->message = msg;
	fd->resources = copy_resources(ctx->out, res, n);
	fd->n_resources = n;
	if (origin != NULL)
		fd->origin = *origin;
	if (fd->message == NULL || fd->resources == NULL)
		ctx->status = ADC_ENOMEM;
}

void
rule_emit(struct rule_ctx *ctx, const struct adc_rule *rule,
    enum adc_finding_status status, bool escalate,
    const char *const *resources, size_t n,
    const struct adc_origin *origin, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(ctx, rule, status, escalate, resources, n, origin, fmt, ap);
	va_end(ap);
}

void
rule_fail(struct rule_ctx *ctx, const struct adc_rule *rule,
    const char *resource, const struct adc_origin *origin,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(ctx, rule, ADC_FINDING_FAIL, false, &resource, 1, origin, fmt,
	    ap);
	va_end(ap);
}

void
rule_unknown(struct rule_ctx *ctx, const struct adc_rule *rule,
    const char *resource, const struct adc_origin *origin,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(ctx, rule, ADC_FINDING_UNKNOWN, false, &resource, 1, origin,
	    fmt, ap);
	va_end(ap);
}

static enum adc_status
match_vms(struct rule_ctx *ctx, struct adc_report *out,
    struct adc_diag *diag)
{
	const struct adc_estate *e = ctx->estate;
	size_t i;

	out->vms = calloc(e->n_vms > 0 ? e->n_vms : 1, sizeof(*out->vms));
	if (out->vms == NULL)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	for (i = 0; i < e->n_vms; i++) {
		struct adc_vm_result *r = &out->vms[i];

		r->vm = e->vms[i];
		r->scenario = adc_scenario_match(r->vm, &r->no_scenario_reason);
		out->n_vms = i + 1;
	}
	ctx->results = out->vms;
	return ADC_OK;
}

static enum adc_status
run_rules(struct rule_ctx *ctx)
{
	const struct adc_rule *table;
	size_t i, n;

	table = adc_rule_table(&n);
	for (i = 0; i < n && ctx->status == ADC_OK; i++) {
		if (rule_severity(ctx, &table[i]) != ADC_SEV_NONE)
			table[i].eval(ctx, &table[i]);
	}
	return ctx->status;
}

enum adc_status
adc_check(const struct adc_estate *estate, const struct adc_policy *policy,
    struct adc_report *out, struct adc_diag *diag)
{
	return adc_check_at(estate, policy, (int64_t)time(NULL), out, diag);
}

enum adc_status
adc_check_at(const struct adc_estate *estate, const struct adc_policy *policy,
    int64_t as_of, struct adc_report *out, struct adc_diag *diag)
{
	struct findings *f;
	struct rule_ctx ctx;
	enum adc_status st;

	if (out == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no report to fill");
	memset(out, 0, sizeof(*out));
	if (estate == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no estate to check");
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	out->priv = f;
	if (estate->priv != NULL &&
	    !adc_estate_spans(estate, &f->spans, &f->n_spans)) {
		adc_report_free(out);
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	}
	out->estate = estate;

	memset(&ctx, 0, sizeof(ctx));
	ctx.estate = estate;
	ctx.policy = policy != NULL ? policy : adc_policy_baseline();
	ctx.now = as_of;
	ctx.out = f;
	st = match_vms(&ctx, out, diag);
	if (st == ADC_OK && ctx_build(&ctx) != ADC_OK)
		st = adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	if (st == ADC_OK && run_rules(&ctx) != ADC_OK)
		st = adc_diag_set(diag, ctx.status, "out of memory");
	ctx_free(&ctx);
	if (st != ADC_OK) {
		adc_report_free(out);
		return st;
	}

	if (adc_sort_findings(f->v, f->n) != ADC_OK) {
		adc_report_free(out);
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	}
	out->findings = f->v;
	out->n_findings = f->n;
	return ADC_OK;
}

void
adc_report_free(struct adc_report *report)
{
	struct findings *f;

	if (report == NULL)
		return;
	f = report->priv;
	if (f != NULL) {
		adc_arena_free(&f->arena);
		free(f->spans);
		free(f->v);
		free(f);
	}
	free(report->vms);
	memset(report, 0, sizeof(*report));
}

bool
adc_report_fails(const struct adc_report *report,
    enum adc_severity threshold)
{
	size_t i;

	if (report == NULL || threshold == ADC_SEV_NONE)
		return false;
	for (i = 0; i < report->n_findings; i++) {
		if (report->findings[i].severity >= threshold)
			return true;
	}
	return false;
}
