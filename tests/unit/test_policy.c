/* SPDX-License-Identifier: MIT */
/*
 * test_policy.c: policy files (docs/policy.md): a file that states
 * everything is read into the policy it describes; every kind of
 * mistake is an error naming file, line, column and JSON pointer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "policy.h"
#include "rules.h"
#include "tap.h"

/* Read text as a policy file through a pipe. */
static struct adc_policy *
read_text(const char *text, struct adc_diag *d)
{
	struct adc_policy *p;
	int fds[2];

	memset(d, 0x5a, sizeof(*d));	/* junk catches unset fields */
	adc_diag_init(d, "policy.json");
	if (pipe(fds) != 0)
		return NULL;
	if (write(fds[1], text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fds[1]);
	p = adc_policy_read_fd(fds[0], "policy.json", d);
	close(fds[0]);
	return p;
}

static void
test_good(void)
{
	struct adc_policy *p, base;
	struct adc_diag d;

	p = read_text("{\n"
	    "  \"schema_version\": 1,\n"
	    "  \"description\": \"production\",\n"
	    "  \"require_encryption_at_host\": true,\n"
	    "  \"require_customer_keys\": true,\n"
	    "  \"require_double_encryption\": true,\n"
	    "  \"allowed_disk_encryption_sets\": [\"/subscriptions/s/x/des-a\","
	    " \"/subscriptions/s/x/des-b\"],\n"
	    "  \"allowed_key_vaults\": [\"kv-prod\"],\n"
	    "  \"max_vms_per_des\": 5,\n"
	    "  \"key_expiry_warning_days\": 90,\n"
	    "  \"severity\": {\"temp-disk-unencrypted\": \"warning\","
	    " \"ade-retiring\": \"error\", \"des-auto-rotation-off\": \"off\","
	    " \"key-near-expiry\": \"disabled\"}\n"
	    "}\n", &d);
	OK(p != NULL, "a full policy reads");
	if (p == NULL) {
		printf("#   %s:%lu:%lu: %s\n", d.source, d.line, d.col, d.msg);
		return;
	}
	INT_EQ(p->require_eah, POLICY_ALL, "require_encryption_at_host");
	INT_EQ(p->require_cmk, POLICY_CMK_ALL, "require_customer_keys");
	OK(p->require_double, "require_double_encryption");
	INT_EQ(p->n_allowed_des, 2, "two allowed DES");
	STR_EQ(p->allowed_des[1], "/subscriptions/s/x/des-b", "second DES");
	INT_EQ(p->n_allowed_vaults, 1, "one allowed vault");
	INT_EQ(p->max_vms_per_des, 5, "max_vms_per_des");
	INT_EQ(p->key_expiry_warning_days, 90, "key_expiry_warning_days");
	INT_EQ(adc_policy_severity(p, "temp-disk-unencrypted"),
	    ADC_SEV_WARNING, "severity override: warning");
	INT_EQ(adc_policy_severity(p, "ade-retiring"), ADC_SEV_ERROR,
	    "severity override: error");
	INT_EQ(adc_policy_severity(p, "des-auto-rotation-off"), ADC_SEV_NONE,
	    "\"off\" switches a rule off");
	INT_EQ(adc_policy_severity(p, "key-near-expiry"), ADC_SEV_NONE,
	    "\"disabled\" switches a rule off");
	INT_EQ(adc_policy_severity(p, "ade-with-eah"), ADC_SEV_ERROR,
	    "unnamed rules keep their severity");
	adc_policy_free(p);

	p = read_text("{\"schema_version\": 1, "
	    "\"require_encryption_at_host\": \"confidential\", "
	    "\"require_customer_keys\": false, \"max_vms_per_des\": 0}", &d);
	OK(p != NULL, "the middle settings read");
	if (p != NULL) {
		INT_EQ(p->require_eah, POLICY_CONFIDENTIAL, "\"confidential\"");
		INT_EQ(p->require_cmk, POLICY_CMK_NONE, "false");
		INT_EQ(p->max_vms_per_des, 0, "0: no limit");
		OK(!p->has_allowed_des, "no DES list: every DES allowed");
	}
	adc_policy_free(p);

	p = read_text("{\"schema_version\": 1}", &d);
	OK(p != NULL, "the smallest policy is the baseline");
	if (p != NULL) {
		INT_EQ(p->require_eah, POLICY_CONFIDENTIAL, "baseline EAH");
		INT_EQ(p->require_cmk, POLICY_CMK_BASELINE, "baseline CMK");
		INT_EQ(p->max_vms_per_des, 1, "baseline: one VM per DES");
		INT_EQ(p->key_expiry_warning_days, 30,
		    "baseline: warn 30 days before a key expires");
		INT_EQ(adc_policy_severity(p, "temp-disk-unencrypted"),
		    ADC_SEV_NOTE, "baseline severity kept");
	}
	adc_policy_free(p);
	base = *adc_policy_baseline();
	adc_policy_free(&base);
	OK(base.max_vms_per_des == 1, "freeing the static baseline does "
	    "nothing");
}

struct bad_case {
	const char	*text;
	unsigned long	 line, col;
	const char	*pointer;
	const char	*in_msg;
};

static void
test_bad(void)
{
	static const struct bad_case cases[] = {
		{ "{\"schema_version\": 1,\n  \"require_eah\": true}",
		    2, 3, "/require_eah", "unknown key 'require_eah'" },
		{ "{\"schema_version\": 1, \"severity\": {\n"
		    "  \"no-such-rule\": \"warning\"}}",
		    2, 3, "/severity/no-such-rule", "unknown rule id" },
		{ "{\"schema_version\": 1, \"severity\": "
		    "{\"ade-retiring\": \"loud\"}}",
		    1, 52, "/severity/ade-retiring", "expected \"error\"" },
		{ "{\"schema_version\": 1, \"max_vms_per_des\": -1}",
		    1, 42, "/max_vms_per_des", "whole number" },
		{ "{\"schema_version\": 1, \"key_expiry_warning_days\": 3651}",
		    1, 50, "/key_expiry_warning_days", "from 0 to 3650" },
		{ "{\"schema_version\": 1, \"require_double_encryption\": 1}",
		    1, 52, "/require_double_encryption", "true or false" },
		{ "{\"schema_version\": 2}", 1, 20, "/schema_version",
		    "unsupported schema_version" },
		{ "{\"require_customer_keys\": true}", 1, 31, "",
		    "missing \"schema_version\"" },
		{ "[1]", 1, 1, "", "expected a policy object" },
		{ "{\"schema_version\": 1, \"allowed_key_vaults\": [\"a\", 2]}",
		    1, 51, "/allowed_key_vaults/1", "expected a string" },
		{ "{\"schema_version\": 1, \"schema_version\": 1}", 1, 23,
		    "/schema_version", "duplicate key" },
		{ "{\"schema_version\": 1,}", 1, 22, NULL, NULL },
	};
	struct adc_policy *p;
	struct adc_diag d;
	char what[800];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];

		p = read_text(c->text, &d);
		snprintf(what, sizeof(what), "bad policy %zu rejected", i);
		OK(p == NULL, what);
		adc_policy_free(p);
		snprintf(what, sizeof(what), "bad policy %zu: %s:%lu:%lu: %s "
		    "(at %s)", i, d.source, d.line, d.col, d.msg, d.pointer);
		OK(d.status == ADC_ESCHEMA || d.status == ADC_ESYNTAX, what);
		STR_EQ(d.source, "policy.json", "the diag names the file");
		INT_EQ(d.line, c->line, "line");
		INT_EQ(d.col, c->col, "column");
		if (c->pointer != NULL)
			STR_EQ(d.pointer, c->pointer, "pointer");
		if (c->in_msg != NULL)
			OK(strstr(d.msg, c->in_msg) != NULL, c->in_msg);
	}
}

/* The example in docs/policy.md is a policy this program reads. */
static void
test_docs_example(void)
{
	static char text[8192];
	const char *src = getenv("ADC_SOURCE_DIR");
	struct adc_policy *p;
	struct adc_diag d;
	char path[4096], *start, *end;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/docs/policy.md",
	    src != NULL ? src : ".");
	f = fopen(path, "r");
	OK(f != NULL, "docs/policy.md opens");
	if (f == NULL)
		return;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	start = strstr(text, "```json\n");
	end = start != NULL ? strstr(start + 8, "```") : NULL;
	OK(start != NULL && end != NULL, "the page has a JSON example");
	if (start == NULL || end == NULL)
		return;
	*end = '\0';
	p = read_text(start + 8, &d);
	OK(p != NULL, "the example reads");
	if (p != NULL) {
		INT_EQ(p->max_vms_per_des, 10, "example: max_vms_per_des 10");
		INT_EQ(p->n_allowed_des, 2, "example: two DES");
		INT_EQ(adc_policy_severity(p, "des-auto-rotation-off"),
		    ADC_SEV_NONE, "example: a rule switched off");
	}
	adc_policy_free(p);
}

int
main(void)
{
	test_docs_example();
	test_good();
	test_bad();
	return tap_done();
}
