/* SPDX-License-Identifier: MIT */
/*
 * report_md.c: the report as GitHub-flavoured Markdown for a pull-request
 * comment: a summary, the count of findings per rule, a table of findings
 * and a table of VMs with their scenarios. Comments have a size ceiling
 * (65536 characters on GitHub), so the long tables stop after MD_MAX_ROWS
 * rows and say how many are left; the counts per rule cover everything.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

/* XXX: the findings and VM tables stop after this many rows, so a large
 * estate's comment lists only some of them (the counts per rule cover
 * all); the JSON or SARIF report, attached where the host allows, has
 * the rest. */
#define MD_MAX_ROWS 200

/* Table cells hold untrusted text: every ASCII punctuation character
 * that means something to Markdown or HTML is backslash-escaped, and
 * line breaks and control characters become spaces. */
static void
put_cell(struct adc_rpt_out *o, const char *s)
{
	static const char special[] = "\\`*_[]<>|#~!&";
	const char *p;

	if (s == NULL)
		return;
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			adc_buf_puts(&o->buf, " ");
		else if (strchr(special, *p) != NULL)
			adc_buf_printf(&o->buf, "\\%c", *p);
		else
			adc_buf_append(&o->buf, p, 1);
	}
}

static void
put_resources(struct adc_rpt_out *o, const struct adc_finding *f)
{
	size_t i;

	for (i = 0; i < f->n_resources; i++) {
		if (f->resources[i] == NULL)
			continue;
		if (i > 0)
			adc_buf_puts(&o->buf, "<br>");
		put_cell(o, adc_rpt_short_id(f->resources[i]));
	}
}

static void
put_location(struct adc_rpt_out *o, const struct adc_origin *at)
{
	if (at->file == NULL)
		return;
	put_cell(o, at->file);
	if (at->line > 0)
		adc_buf_printf(&o->buf, ":%lu:%lu", at->line, at->col);
}

static void
put_finding_row(struct adc_rpt_out *o, const struct adc_finding *f)
{
	const char *sev = adc_rpt_severity(f, true);

	if (f->severity == ADC_SEV_ERROR && f->status == ADC_FINDING_FAIL)
		adc_buf_printf(&o->buf, "| **%s** | ", sev);
	else
		adc_buf_printf(&o->buf, "| %s | ", sev);
	put_cell(o, f->rule);
	adc_buf_puts(&o->buf, " | ");
	put_resources(o, f);
	adc_buf_puts(&o->buf, " | ");
	put_cell(o, f->message);
	adc_buf_puts(&o->buf, " | ");
	put_cell(o, f->fix);
	adc_buf_puts(&o->buf, " | ");
	put_location(o, &f->origin);
	adc_buf_puts(&o->buf, " |\n");
}

/* One row per rule that found something, in the order of the findings
 * (so the most severe first), with every finding counted. */
struct rule_row {
	const char		*rule;
	struct adc_rpt_counts	 c;
};

static void
put_by_rule(struct adc_rpt_out *o, const struct adc_report *report)
{
	struct rule_row *rows = NULL, *grown;
	size_t n = 0, cap = 0, i, k;

	if (report->n_findings == 0)
		return;
	for (i = 0; i < report->n_findings; i++) {
		const struct adc_finding *f = &report->findings[i];
		const char *rule = f->rule != NULL ? f->rule : "";

		/* Few rules: a pass over the rows found so far is enough. */
		for (k = 0; k < n && rows[k].rule != rule &&
		    strcmp(rows[k].rule, rule) != 0; k++)
			continue;
		if (k == n) {
			if (n == cap) {
				cap = cap > 0 ? cap * 2 : 64;
				grown = realloc(rows, cap * sizeof(*rows));
				if (grown == NULL) {
					free(rows);
					o->failed = true;
					return;
				}
				rows = grown;
			}
			memset(&rows[n], 0, sizeof(rows[n]));
			rows[n++].rule = rule;
		}
		adc_rpt_count_one(f, &rows[k].c);
	}
	adc_buf_puts(&o->buf, "#### By rule\n\n"
	    "| Rule | Errors | Warnings | Notes | Unknown |\n"
	    "| --- | ---: | ---: | ---: | ---: |\n");
	for (k = 0; k < n; k++) {
		adc_buf_puts(&o->buf, "| ");
		put_cell(o, rows[k].rule);
		adc_buf_printf(&o->buf, " | %zu | %zu | %zu | %zu |\n",
		    rows[k].c.errors, rows[k].c.warnings, rows[k].c.notes,
		    rows[k].c.unknown);
	}
	adc_buf_puts(&o->buf, "\n#### Findings\n\n");
	free(rows);
}

static void
put_findings(struct adc_rpt_out *o, const struct adc_report *report)
{
	size_t i, n = report->n_findings;

	if (n == 0) {
		adc_buf_puts(&o->buf, "No findings.\n");
		return;
	}
	adc_buf_puts(&o->buf,
	    "| Severity | Rule | Resources | Message | Fix | Location |\n"
	    "| --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < n && i < MD_MAX_ROWS; i++) {
		put_finding_row(o, &report->findings[i]);
		if (!adc_rpt_flush(o, false))
			return;
	}
	if (n > MD_MAX_ROWS)
		adc_buf_printf(&o->buf, "\n%zu more findings are not shown; "
		    "the JSON or SARIF report has them all.\n",
		    n - MD_MAX_ROWS);
}

static void
put_vm_row(struct adc_rpt_out *o, const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t vm)
{
	const struct adc_vm_result *r = &report->vms[vm];
	struct adc_rpt_counts c;

	adc_rpt_count_group(report, g, vm, &c);
	adc_buf_puts(&o->buf, "| ");
	put_cell(o, adc_rpt_vm_name(r->vm));
	adc_buf_puts(&o->buf, " | ");
	if (r->scenario != NULL) {
		put_cell(o, r->scenario->id);
	} else {
		adc_buf_puts(&o->buf, "none: ");
		put_cell(o, r->no_scenario_reason);
	}
	adc_buf_printf(&o->buf, " | %zu | %zu | %zu | %zu |\n", c.errors,
	    c.warnings, c.notes, c.unknown);
}

static void
put_vms(struct adc_rpt_out *o, const struct adc_report *report,
    const struct adc_rpt_groups *g)
{
	size_t i, n = report->n_vms;

	adc_buf_puts(&o->buf, "\n#### VMs\n\n");
	if (n == 0) {
		adc_buf_puts(&o->buf, "No VMs in the input.\n");
		return;
	}
	adc_buf_puts(&o->buf,
	    "| VM | Scenario | Errors | Warnings | Notes | Unknown |\n"
	    "| --- | --- | ---: | ---: | ---: | ---: |\n");
	for (i = 0; i < n && i < MD_MAX_ROWS; i++) {
		put_vm_row(o, report, g, i);
		if (!adc_rpt_flush(o, false))
			return;
	}
	if (n > MD_MAX_ROWS)
		adc_buf_printf(&o->buf, "\n%zu more VMs are not shown.\n",
		    n - MD_MAX_ROWS);
}

static void
put_plural(struct adc_buf *b, size_t n, const char *one, const char *many)
{
	adc_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

static void
put_summary(struct adc_rpt_out *o, const struct adc_report *report)
{
	const struct adc_estate *e = report->estate;
	struct adc_buf *b = &o->buf;
	struct adc_rpt_counts c;

	adc_rpt_count(report, &c);
	adc_buf_puts(b, "### azdiskcrypt check\n\n");
	put_plural(b, e != NULL ? e->n_vms : report->n_vms, "VM", "VMs");
	adc_buf_puts(b, ", ");
	put_plural(b, e != NULL ? e->n_disks : 0, "disk", "disks");
	adc_buf_printf(b, ", %zu DES checked: **", e != NULL ? e->n_des : 0);
	put_plural(b, c.errors, "error", "errors");
	adc_buf_puts(b, "**, ");
	put_plural(b, c.warnings, "warning", "warnings");
	adc_buf_puts(b, ", ");
	put_plural(b, c.notes, "note", "notes");
	adc_buf_printf(b, ", %zu unknown\n\n", c.unknown);
	if (report->n_findings == 0)
		adc_buf_puts(b, "#### Findings\n\n");
}

void
adc_report_markdown(const struct adc_report *report,
    const struct adc_rpt_groups *g, struct adc_rpt_out *o)
{
	put_summary(o, report);
	put_by_rule(o, report);
	put_findings(o, report);
	put_vms(o, report, g);
}
