/* SPDX-License-Identifier: MIT */
/*
 * report_md.c: the report as GitHub-flavoured Markdown for a pull-request
 * comment: a summary, a table of findings and a table of VMs with their
 * scenarios. Comments have a size ceiling (65536 characters on GitHub),
 * so long tables stop after MD_MAX_ROWS rows and say how many are left.
 */
#include "report.h"

#include <string.h>

/* XXX: large estates see only the first 200 rows of each table; a
 * summary per rule would fit any estate into one comment. */
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
	adc_buf_printf(b, ", %zu unknown\n\n#### Findings\n\n", c.unknown);
}

void
adc_report_markdown(const struct adc_report *report,
    const struct adc_rpt_groups *g, struct adc_rpt_out *o)
{
	put_summary(o, report);
	put_findings(o, report);
	put_vms(o, report, g);
}
