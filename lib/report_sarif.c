/* SPDX-License-Identifier: MIT */
/*
 * report_sarif.c: the report as SARIF 2.1.0 for code scanning (GitHub,
 * Azure DevOps). One run; the rules that fired become tool.driver.rules,
 * each finding a result that points at the file, line and column where
 * its first resource starts. docs/sarif.md describes the mapping.
 */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* The rules that fired, in order of first appearance. */
struct rule_list {
	const struct adc_finding **first;	/* a finding of each rule */
	size_t		 n;
};

static const char *
level_of(const struct adc_finding *f)
{
	/* An undecided finding never weighs more than a note. */
	if (f->status == ADC_FINDING_UNKNOWN)
		return "note";
	return adc_rpt_severity(f, false);
}

static bool
same_rule(const char *a, const char *b)
{
	return a != NULL && b != NULL ? strcmp(a, b) == 0 : a == b;
}

static size_t
rule_index(const struct rule_list *rules, const char *id)
{
	size_t i;

	for (i = 0; i < rules->n; i++) {
		if (same_rule(rules->first[i]->rule, id))
			return i;
	}
	return rules->n;
}

/* The rule table is small (tens of rules), so a linear search per
 * finding stays cheap even for large estates. */
static bool
collect_rules(const struct adc_report *report, struct rule_list *rules)
{
	size_t i;

	rules->n = 0;
	rules->first = calloc(report->n_findings + 1, sizeof(*rules->first));
	if (rules->first == NULL)
		return false;
	for (i = 0; i < report->n_findings; i++) {
		if (rule_index(rules, report->findings[i].rule) == rules->n)
			rules->first[rules->n++] = &report->findings[i];
	}
	return true;
}

/* "ade-with-eah" becomes "AdeWithEah", the identifier-like name SARIF
 * viewers show beside the id. */
static void
put_rule_name(struct adc_jsonw *w, const char *id)
{
	char name[128];
	size_t i = 0;
	bool up = true;

	for (; *id != '\0' && i + 1 < sizeof(name); id++) {
		if (*id == '-' || *id == '_' || *id == '.') {
			up = true;
			continue;
		}
		name[i++] = up && *id >= 'a' && *id <= 'z' ?
		    (char)(*id - 'a' + 'A') : *id;
		up = false;
	}
	name[i] = '\0';
	adc_jsonw_key(w, "name");
	adc_jsonw_string(w, name);
}

static void
put_text(struct adc_jsonw *w, const char *key, const char *text)
{
	adc_jsonw_key(w, key);
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "text");
	adc_jsonw_string(w, text);
	adc_jsonw_object_end(w);
}

/* GitHub ranks security alerts by this property (0.0-10.0). */
static const char *
security_severity(const char *level)
{
	if (strcmp(level, "error") == 0)
		return "8.0";
	if (strcmp(level, "warning") == 0)
		return "5.0";
	return "2.0";
}

/* Texts of a rule: the rule table's when it knows the id, else what the
 * finding itself says. */
static void
rule_texts(const struct adc_finding *f, const char **summary,
    const char **fix)
{
	const struct adc_rule_info *info = NULL;

	if (f->rule != NULL)
		info = adc_rule_find(f->rule);
	*summary = info != NULL && info->summary != NULL ? info->summary :
	    f->rule;
	*fix = f->fix != NULL ? f->fix : info != NULL ? info->fix : NULL;
}

static void
put_rule_help(struct adc_jsonw *w, const struct adc_finding *f,
    const char *summary, const char *fix)
{
	struct adc_buf text;

	adc_buf_init(&text, 0);
	adc_buf_printf(&text, "%s\n\nFix: %s\n\nSource: %s in azure-facts.md.",
	    summary != NULL ? summary : "",
	    fix != NULL ? fix : "see the finding's message",
	    f->source != NULL ? f->source : "unknown");
	put_text(w, "help", text.failed ? summary : text.data);
	adc_buf_free(&text);
}

static void
put_rule(struct adc_jsonw *w, const struct adc_finding *f)
{
	const char *summary, *fix, *level = adc_rpt_severity(f, false);

	rule_texts(f, &summary, &fix);
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "id");
	adc_jsonw_string(w, f->rule);
	put_rule_name(w, f->rule != NULL ? f->rule : "");
	put_text(w, "shortDescription", summary);
	put_text(w, "fullDescription", summary);
	put_rule_help(w, f, summary, fix);

	adc_jsonw_key(w, "defaultConfiguration");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "level");
	adc_jsonw_string(w, level);
	adc_jsonw_object_end(w);

	adc_jsonw_key(w, "properties");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "source");
	adc_jsonw_string(w, f->source);
	adc_jsonw_key(w, "tags");
	adc_jsonw_array_begin(w);
	adc_jsonw_string(w, "security");
	adc_jsonw_string(w, "azure");
	adc_jsonw_string(w, "encryption");
	adc_jsonw_array_end(w);
	adc_jsonw_key(w, "security-severity");
	adc_jsonw_string(w, security_severity(level));
	adc_jsonw_object_end(w);
	adc_jsonw_object_end(w);
}

static void
put_driver(struct adc_jsonw *w, const struct rule_list *rules)
{
	size_t i;

	adc_jsonw_key(w, "tool");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "driver");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "name");
	adc_jsonw_string(w, "azdiskcrypt");
	/* XXX: no informationUri, since the project has no public home
	 * page yet; the SARIF Multitool warns (SARIF2005) on every log.
	 * Adding the URI once it exists removes the warning. */
	adc_jsonw_key(w, "version");
	adc_jsonw_string(w, adc_version());
	adc_jsonw_key(w, "semanticVersion");
	adc_jsonw_string(w, adc_version());
	adc_jsonw_key(w, "rules");
	adc_jsonw_array_begin(w);
	for (i = 0; i < rules->n; i++)
		put_rule(w, rules->first[i]);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
	adc_jsonw_object_end(w);
}

/* Input names that are not files: standard input, resources built in
 * memory. They get no physical location.
 * XXX: code scanning places every alert in a file, so findings from
 * standard input do not show there; naming the export as a file gives
 * them their location. */
static bool
is_file(const char *name)
{
	return name != NULL && name[0] != '\0' && strcmp(name, "-") != 0 &&
	    name[0] != '<';
}

/*
 * The input name as a URI reference: relative names stay relative (code
 * scanning resolves them against the repository root), absolute ones
 * become file:// URIs. Everything outside RFC 3986's unreserved set and
 * the path characters is percent-encoded, ':' too, so a relative first
 * segment is never read as a scheme.
 */
static void
uri_of(struct adc_buf *b, const char *name)
{
	static const char keep[] = "-._~/!$&'()*+,;=@";
	const unsigned char *p = (const unsigned char *)name;

	while (p[0] == '.' && p[1] == '/')
		p += 2;
	if (*p == '/')
		adc_buf_puts(b, "file://");
	for (; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			adc_buf_append(b, p, 1);
		else
			adc_buf_printf(b, "%%%02X", *p);
	}
}

static void
put_physical(struct adc_jsonw *w, const struct adc_origin *at)
{
	struct adc_buf uri;

	adc_buf_init(&uri, 0);
	uri_of(&uri, at->file);
	adc_jsonw_key(w, "physicalLocation");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "artifactLocation");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "uri");
	adc_jsonw_string(w, uri.failed ? "" : uri.data);
	adc_jsonw_object_end(w);
	/* SARIF counts columns in UTF-16 code units (its default
	 * columnKind); an origin built by hand may know only bytes. */
	if (at->line > 0) {
		adc_jsonw_key(w, "region");
		adc_jsonw_object_begin(w);
		adc_jsonw_key(w, "startLine");
		adc_jsonw_int(w, (long long)at->line);
		if (at->col > 0) {
			adc_jsonw_key(w, "startColumn");
			adc_jsonw_int(w, (long long)(at->col_utf16 > 0 ?
			    at->col_utf16 : at->col));
		}
		adc_jsonw_object_end(w);
	}
	adc_jsonw_object_end(w);
	if (uri.failed)
		w->out->failed = 1;
	adc_buf_free(&uri);
}

static void
put_location(struct adc_jsonw *w, const struct adc_finding *f)
{
	size_t i;

	adc_jsonw_key(w, "locations");
	adc_jsonw_array_begin(w);
	adc_jsonw_object_begin(w);
	if (is_file(f->origin.file))
		put_physical(w, &f->origin);
	adc_jsonw_key(w, "logicalLocations");
	adc_jsonw_array_begin(w);
	for (i = 0; i < f->n_resources; i++) {
		if (f->resources[i] == NULL)
			continue;
		adc_jsonw_object_begin(w);
		adc_jsonw_key(w, "fullyQualifiedName");
		adc_jsonw_string(w, f->resources[i]);
		adc_jsonw_key(w, "kind");
		adc_jsonw_string(w, "resource");
		adc_jsonw_object_end(w);
	}
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
	adc_jsonw_array_end(w);
}

/* A fingerprint that survives edits elsewhere in the file: the rule and
 * the resources (ids compare without case), not the line. */
static void
put_fingerprint(struct adc_jsonw *w, const struct adc_finding *f)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */
	const char *p;
	char hex[17];
	size_t i;

	for (p = f->rule != NULL ? f->rule : ""; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (i = 0; i < f->n_resources; i++) {
		h = (h ^ '\n') * 1099511628211ULL;
		for (p = f->resources[i] != NULL ? f->resources[i] : "";
		    *p != '\0'; p++) {
			unsigned char c = (unsigned char)*p;

			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			h = (h ^ c) * 1099511628211ULL;
		}
	}
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	adc_jsonw_key(w, "partialFingerprints");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "azdiskcryptFinding/v1");
	adc_jsonw_string(w, hex);
	adc_jsonw_object_end(w);
}

static void
put_properties(struct adc_jsonw *w, const struct adc_finding *f)
{
	size_t i;

	adc_jsonw_key(w, "properties");
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "status");
	adc_jsonw_string(w, f->status == ADC_FINDING_UNKNOWN ? "unknown" :
	    "fail");
	adc_jsonw_key(w, "severity");
	adc_jsonw_string(w, adc_rpt_severity(f, false));
	adc_jsonw_key(w, "source");
	adc_jsonw_string(w, f->source);
	adc_jsonw_key(w, "pointer");
	adc_jsonw_string(w, f->origin.pointer);
	adc_jsonw_key(w, "resources");
	adc_jsonw_array_begin(w);
	for (i = 0; i < f->n_resources; i++)
		adc_jsonw_string(w, f->resources[i]);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
}

static void
put_result(struct adc_jsonw *w, const struct rule_list *rules,
    const struct adc_finding *f)
{
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "ruleId");
	adc_jsonw_string(w, f->rule);
	adc_jsonw_key(w, "ruleIndex");
	adc_jsonw_int(w, (long long)rule_index(rules, f->rule));
	adc_jsonw_key(w, "level");
	adc_jsonw_string(w, level_of(f));
	put_text(w, "message", f->message != NULL ? f->message : "");
	put_location(w, f);
	put_fingerprint(w, f);
	put_properties(w, f);
	adc_jsonw_object_end(w);
}

void
adc_report_sarif(const struct adc_report *report, struct adc_rpt_out *o)
{
	struct adc_jsonw w;
	struct rule_list rules;
	size_t i;

	if (!collect_rules(report, &rules)) {
		o->buf.failed = 1;
		return;
	}
	/* Each rule and each result on a line of its own (runs[].results[]
	 * sit four levels down), compact inside. */
	adc_jsonw_init(&w, &o->buf, true);
	adc_jsonw_set_pretty_depth(&w, 4);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "$schema");
	adc_jsonw_string(&w, SARIF_SCHEMA);
	adc_jsonw_key(&w, "version");
	adc_jsonw_string(&w, "2.1.0");
	adc_jsonw_key(&w, "runs");
	adc_jsonw_array_begin(&w);
	adc_jsonw_object_begin(&w);
	put_driver(&w, &rules);

	adc_jsonw_key(&w, "results");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < report->n_findings; i++) {
		put_result(&w, &rules, &report->findings[i]);
		adc_rpt_flush(o, false);
	}
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	if (adc_jsonw_failed(&w))
		o->failed = true;
	free(rules.first);
}
