/* SPDX-License-Identifier: MIT */
/*
 * policy.c: the embedded baseline (the study's recommendations) and
 * policy files. A policy file is one JSON object (docs/policy.md); it
 * starts from the baseline and overrides what it states. It is read with
 * the streaming reader; an unknown key, a bad value or an unknown rule id
 * is an error naming file, line, column and JSON pointer.
 */
#include "policy.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Policy files are small; anything bigger is a mistake. */
#define POLICY_MAX_LIST 4096

static struct adc_policy baseline;
/* 0: not filled, 1: one thread is filling it, 2: ready. */
static atomic_int baseline_state;

static void
baseline_fill(struct adc_policy *p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->is_static = true;
	/* Confidential VMs as VM10: encryption at host; others may stop at
	 * VM02. */
	p->require_eah = POLICY_CONFIDENTIAL;
	p->require_cmk = POLICY_CMK_BASELINE;
	/* disk03 is what recommend proposes, but a disk02 data disk (VM10
	 * as catalogued) is not a departure worth a warning. */
	p->require_double = false;
	p->max_vms_per_des = 1;
	p->key_expiry_warning_days = 30;
	for (i = 0; i < POLICY_MAX_RULES; i++)
		p->severity[i] = -1;
	/* The baseline accepts VM02, whose temp disk and host caches are not
	 * encrypted: a note, not a warning (docs/rules.md). */
	i = (size_t)adc_rule_index("temp-disk-unencrypted");
	p->severity[i] = ADC_SEV_NOTE;
}

/*
 * The baseline is filled on first use. The first caller fills it; a
 * caller that arrives meanwhile waits (filling takes microseconds), so
 * threads may ask for it at once.
 */
const struct adc_policy *
adc_policy_baseline(void)
{
	int expect = 0;

	if (atomic_load_explicit(&baseline_state, memory_order_acquire) == 2)
		return &baseline;
	if (atomic_compare_exchange_strong_explicit(&baseline_state, &expect,
	    1, memory_order_acq_rel, memory_order_acquire)) {
		baseline_fill(&baseline);
		atomic_store_explicit(&baseline_state, 2,
		    memory_order_release);
		return &baseline;
	}
	while (atomic_load_explicit(&baseline_state,
	    memory_order_acquire) != 2)
		;
	return &baseline;
}

static char *
dup_str(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);

	if (d != NULL)
		memcpy(d, s, len);
	return d;
}

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
adc_policy_free(struct adc_policy *policy)
{
	if (policy == NULL || policy->is_static)
		return;
	free_list(policy->allowed_des, policy->n_allowed_des);
	free_list(policy->allowed_vaults, policy->n_allowed_vaults);
	free(policy);
}

/* Reading ------------------------------------------------------------ */

struct preader {
	struct adc_json_reader *r;
	struct adc_diag	*diag;
	const char	*name;
	struct adc_policy *p;
	bool		 have_version;
};

static enum adc_status fail_here(struct preader *pr, const char *fmt, ...)
    ADC_PRINTF(2, 3);

/* An error at the current event. */
static enum adc_status
fail_here(struct preader *pr, const char *fmt, ...)
{
	struct adc_json_pos pos;
	char ptr[256], msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	adc_json_position(pr->r, &pos);
	adc_json_pointer(pr->r, ptr, sizeof(ptr));
	return adc_diag_set_at(pr->diag, ADC_ESCHEMA, pos.offset, pos.line,
	    pos.col, ptr, "%s", msg);
}

/* The reader failed: hand its diag on. */
static enum adc_status
fail_reader(struct preader *pr)
{
	const struct adc_diag *d = adc_json_diag(pr->r);

	if (pr->diag != NULL && pr->diag->status == ADC_OK) {
		*pr->diag = *d;
		pr->diag->source = pr->name;
	}
	return d->status != ADC_OK ? d->status : ADC_ESYNTAX;
}

static enum adc_status
read_bool(struct preader *pr, bool *out)
{
	enum adc_json_event ev = adc_json_next(pr->r);

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_TRUE && ev != ADC_JSON_FALSE)
		return fail_here(pr, "expected true or false");
	*out = ev == ADC_JSON_TRUE;
	return ADC_OK;
}

/* true, false or one extra word (the baseline's middle setting). */
static enum adc_status
read_scope(struct preader *pr, const char *word, int *out)
{
	enum adc_json_event ev = adc_json_next(pr->r);

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev == ADC_JSON_TRUE || ev == ADC_JSON_FALSE) {
		*out = ev == ADC_JSON_TRUE ? 2 : 0;
		return ADC_OK;
	}
	if (ev == ADC_JSON_STRING &&
	    strcmp(adc_json_string(pr->r, NULL), word) == 0) {
		*out = 1;
		return ADC_OK;
	}
	return fail_here(pr, "expected true, false or \"%s\"", word);
}

static enum adc_status
read_uint(struct preader *pr, int64_t max, int64_t *out)
{
	enum adc_json_event ev = adc_json_next(pr->r);

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_NUMBER ||
	    adc_json_number_i64(pr->r, out) != ADC_OK || *out < 0 ||
	    *out > max)
		return fail_here(pr, "expected a whole number from 0 "
		    "to %lld", (long long)max);
	return ADC_OK;
}

static enum adc_status
read_list(struct preader *pr, char ***list, size_t *n)
{
	enum adc_json_event ev = adc_json_next(pr->r);
	char **grown;
	char *s;

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_ARRAY_BEGIN)
		return fail_here(pr, "expected an array of strings");
	free_list(*list, *n);
	*list = NULL;
	*n = 0;
	while ((ev = adc_json_next(pr->r)) == ADC_JSON_STRING) {
		if (*n >= POLICY_MAX_LIST)
			return fail_here(pr, "more than 4096 entries");
		grown = realloc(*list, (*n + 1) * sizeof(**list));
		s = dup_str(adc_json_string(pr->r, NULL));
		if (grown != NULL)
			*list = grown;
		if (grown == NULL || s == NULL) {
			free(s);
			return adc_diag_set(pr->diag, ADC_ENOMEM,
			    "out of memory");
		}
		(*list)[(*n)++] = s;
	}
	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_ARRAY_END)
		return fail_here(pr, "expected a string");
	return ADC_OK;
}

static int
severity_value(const char *s)
{
	if (strcmp(s, "error") == 0)
		return ADC_SEV_ERROR;
	if (strcmp(s, "warning") == 0)
		return ADC_SEV_WARNING;
	if (strcmp(s, "note") == 0)
		return ADC_SEV_NOTE;
	if (strcmp(s, "off") == 0 || strcmp(s, "disabled") == 0)
		return ADC_SEV_NONE;
	return -1;
}

/* "severity": { "rule-id": "warning", ... } */
static enum adc_status
read_severities(struct preader *pr)
{
	enum adc_json_event ev = adc_json_next(pr->r);
	int idx, sev;

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return fail_here(pr, "expected an object of rule ids");
	while ((ev = adc_json_next(pr->r)) == ADC_JSON_KEY) {
		idx = adc_rule_index(adc_json_string(pr->r, NULL));
		if (idx < 0)
			return fail_here(pr, "unknown rule id '%s'",
			    adc_json_string(pr->r, NULL));
		ev = adc_json_next(pr->r);
		if (ev == ADC_JSON_ERROR)
			return fail_reader(pr);
		sev = ev == ADC_JSON_STRING ?
		    severity_value(adc_json_string(pr->r, NULL)) : -1;
		if (sev < 0)
			return fail_here(pr, "expected \"error\", "
			    "\"warning\", \"note\", \"off\" or "
			    "\"disabled\"");
		pr->p->severity[idx] = (signed char)sev;
	}
	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	return ADC_OK;
}

static enum adc_status
read_version(struct preader *pr)
{
	int64_t v;
	enum adc_status st = read_uint(pr, 1000000, &v);

	if (st != ADC_OK)
		return st;
	if (v != 1)
		return fail_here(pr, "unsupported schema_version (this "
		    "program reads 1)");
	pr->have_version = true;
	return ADC_OK;
}

/* One member of the top-level object, by key. A flat dispatch. */
static enum adc_status
read_member(struct preader *pr, const char *key)
{
	struct adc_policy *p = pr->p;
	enum adc_status st;
	int64_t n;
	int v = 0;

	if (strcmp(key, "schema_version") == 0)
		return read_version(pr);
	if (strcmp(key, "description") == 0)
		return adc_json_skip(pr->r) == ADC_OK ? ADC_OK :
		    fail_reader(pr);
	if (strcmp(key, "require_encryption_at_host") == 0) {
		st = read_scope(pr, "confidential", &v);
		p->require_eah = v == 2 ? POLICY_ALL : v == 1 ?
		    POLICY_CONFIDENTIAL : POLICY_NONE;
		return st;
	}
	if (strcmp(key, "require_customer_keys") == 0) {
		st = read_scope(pr, "baseline", &v);
		p->require_cmk = v == 2 ? POLICY_CMK_ALL : v == 1 ?
		    POLICY_CMK_BASELINE : POLICY_CMK_NONE;
		return st;
	}
	if (strcmp(key, "require_double_encryption") == 0)
		return read_bool(pr, &p->require_double);
	if (strcmp(key, "allowed_disk_encryption_sets") == 0) {
		p->has_allowed_des = true;
		return read_list(pr, &p->allowed_des, &p->n_allowed_des);
	}
	if (strcmp(key, "allowed_key_vaults") == 0) {
		p->has_allowed_vaults = true;
		return read_list(pr, &p->allowed_vaults, &p->n_allowed_vaults);
	}
	if (strcmp(key, "max_vms_per_des") == 0) {
		st = read_uint(pr, 1000000, &n);
		p->max_vms_per_des = (unsigned)n;
		return st;
	}
	if (strcmp(key, "key_expiry_warning_days") == 0) {
		st = read_uint(pr, 3650, &n);
		p->key_expiry_warning_days = (unsigned)n;
		return st;
	}
	if (strcmp(key, "severity") == 0)
		return read_severities(pr);
	return fail_here(pr, "unknown key '%s'", key);
}

static enum adc_status
read_policy(struct preader *pr)
{
	enum adc_json_event ev = adc_json_next(pr->r);
	enum adc_status st;

	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return fail_here(pr, "expected a policy object");
	while ((ev = adc_json_next(pr->r)) == ADC_JSON_KEY) {
		if (adc_json_key_is_duplicate(pr->r))
			return fail_here(pr, "duplicate key '%s'",
			    adc_json_string(pr->r, NULL));
		st = read_member(pr, adc_json_string(pr->r, NULL));
		if (st != ADC_OK)
			return st;
	}
	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (!pr->have_version)
		return fail_here(pr, "missing \"schema_version\": 1");
	ev = adc_json_next(pr->r);
	if (ev == ADC_JSON_ERROR)
		return fail_reader(pr);
	if (ev != ADC_JSON_EOF)
		return fail_here(pr, "expected the end of the file");
	return ADC_OK;
}

struct adc_policy *
adc_policy_read_fd(int fd, const char *name, struct adc_diag *diag)
{
	struct adc_json_options opts = { 0 };
	struct preader pr;
	enum adc_status st;

	memset(&pr, 0, sizeof(pr));
	pr.diag = diag;
	pr.name = name;
	pr.p = malloc(sizeof(*pr.p));
	if (pr.p == NULL) {
		adc_diag_set(diag, ADC_ENOMEM, "out of memory");
		return NULL;
	}
	*pr.p = *adc_policy_baseline();
	pr.p->is_static = false;

	opts.window = 64 * 1024;
	opts.max_depth = 16;
	opts.max_string = 64 * 1024;
	opts.report_duplicates = true;
	pr.r = adc_json_open_fd(fd, name, &opts, diag);
	if (pr.r == NULL) {
		adc_policy_free(pr.p);
		return NULL;
	}
	st = read_policy(&pr);
	adc_json_close(pr.r);
	if (st != ADC_OK) {
		adc_policy_free(pr.p);
		return NULL;
	}
	return pr.p;
}
