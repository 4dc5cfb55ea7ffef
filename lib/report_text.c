/* SPDX-License-Identifier: MIT */
/*
 * report_text.c: the report for people. A summary line, then each VM with
 * its scenario and its findings, then findings about resources that are
 * not VMs. Lines wrap at 80 columns; only resource ids that are longer
 * than a line stick out. Input text is untrusted, so control characters
 * never reach the terminal.
 */
#include "report.h"
#include "render.h"

#include <string.h>

#define WIDTH	80
#define INDENT	11	/* where a finding's text starts: "  warning  " */

/* Colours by severity, used only with ADC_REPORT_COLOR. */
#define SGR_RESET	"\033[0m"
#define SGR_BOLD	"\033[1m"

static const char *
sgr_for(const char *severity)
{
	if (strcmp(severity, "error") == 0)
		return "\033[1;31m";
	if (strcmp(severity, "warning") == 0)
		return "\033[33m";
	if (strcmp(severity, "unknown") == 0)
		return "\033[35m";
	return "\033[36m";
}

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy len bytes with control characters made visible as '?'. */
static void
put_clean(struct adc_rpt_out *o, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x20 && s[i] != 0x7f)
			continue;
		adc_buf_append(&o->buf, s + start, i - start);
		adc_buf_puts(&o->buf, "?");
		start = i + 1;
	}
	adc_buf_append(&o->buf, s + start, len - start);
}

static void
put_spaces(struct adc_rpt_out *o, size_t n)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;

		adc_buf_append(&o->buf, sp, k);
		n -= k;
	}
}

/*
 * Write text word by word from column col, breaking before a word that
 * would pass WIDTH and starting continuation lines at indent; ends the
 * line. Returns nothing: the buffer records failure.
 */
static void
put_wrapped(struct adc_rpt_out *o, size_t col, size_t indent,
    const char *text)
{
	const char *p = text, *w;
	bool first = true;
	size_t len, wd;

	for (;;) {
		while (is_space((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && !is_space((unsigned char)*p); p++)
			;
		len = (size_t)(p - w);
		wd = adc_text_width(w, len);

		if (!first && col + 1 + wd > WIDTH) {
			adc_buf_puts(&o->buf, "\n");
			put_spaces(o, indent);
			col = indent;
		} else if (!first) {
			adc_buf_puts(&o->buf, " ");
			col++;
		}
		put_clean(o, w, len);
		col += wd;
		first = false;
	}
	adc_buf_puts(&o->buf, "\n");
}

static void
put_severity(struct adc_rpt_out *o, const char *severity)
{
	bool color = (o->flags & ADC_REPORT_COLOR) != 0;

	adc_buf_printf(&o->buf, "  %s%s%s", color ? sgr_for(severity) : "",
	    severity, color ? SGR_RESET : "");
	put_spaces(o, INDENT - 2 - strlen(severity));
}

/* "resources: virtualMachines/vm01, diskEncryptionSets/des-os" */
static void
put_resources(struct adc_rpt_out *o, const struct adc_finding *f)
{
	struct adc_buf line;
	size_t i;

	if (f->n_resources == 0)
		return;
	adc_buf_init(&line, 0);
	adc_buf_puts(&line, "resources:");
	for (i = 0; i < f->n_resources; i++) {
		if (f->resources[i] == NULL)
			continue;
		adc_buf_printf(&line, " %s%s",
		    adc_rpt_short_id(f->resources[i]),
		    i + 1 < f->n_resources ? "," : "");
	}
	put_spaces(o, INDENT);
	if (line.failed)
		o->buf.failed = 1;
	else
		put_wrapped(o, INDENT, INDENT + 11, line.data);
	adc_buf_free(&line);
}

/* "at vms.json:12:5 (/value/0)": a file name is one unbroken word. */
static void
put_location(struct adc_rpt_out *o, const struct adc_origin *at)
{
	if (at->file == NULL)
		return;
	put_spaces(o, INDENT);
	adc_buf_puts(&o->buf, "at ");
	put_clean(o, at->file, strlen(at->file));
	if (at->line > 0)
		adc_buf_printf(&o->buf, ":%lu:%lu", at->line, at->col);
	if (at->pointer != NULL && at->pointer[0] != '\0') {
		adc_buf_puts(&o->buf, " (");
		put_clean(o, at->pointer, strlen(at->pointer));
		adc_buf_puts(&o->buf, ")");
	}
	adc_buf_puts(&o->buf, "\n");
}

static void
put_finding(struct adc_rpt_out *o, const struct adc_finding *f)
{
	put_severity(o, adc_rpt_severity(f, true));
	put_wrapped(o, INDENT, INDENT, f->rule != NULL ? f->rule : "?");
	put_spaces(o, INDENT);
	put_wrapped(o, INDENT, INDENT, f->message != NULL ? f->message : "");
	if (f->fix != NULL && f->fix[0] != '\0') {
		put_spaces(o, INDENT);
		adc_buf_puts(&o->buf, "fix: ");
		put_wrapped(o, INDENT + 5, INDENT + 5, f->fix);
	}
	put_resources(o, f);
	put_location(o, &f->origin);
}

static void
put_plural(struct adc_buf *b, size_t n, const char *one, const char *many)
{
	adc_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

/* "3 VMs, 5 disks, 2 DES checked: 1 error, 2 warnings, 0 notes, 1
 * unknown" */
static void
put_summary(struct adc_rpt_out *o, const struct adc_report *report)
{
	const struct adc_estate *e = report->estate;
	struct adc_rpt_counts c;
	struct adc_buf *b = &o->buf;

	adc_rpt_count(report, &c);
	put_plural(b, e != NULL ? e->n_vms : report->n_vms, "VM", "VMs");
	adc_buf_puts(b, ", ");
	put_plural(b, e != NULL ? e->n_disks : 0, "disk", "disks");
	adc_buf_printf(b, ", %zu DES checked: ", e != NULL ? e->n_des : 0);
	put_plural(b, c.errors, "error", "errors");
	adc_buf_puts(b, ", ");
	put_plural(b, c.warnings, "warning", "warnings");
	adc_buf_puts(b, ", ");
	put_plural(b, c.notes, "note", "notes");
	adc_buf_printf(b, ", %zu unknown\n", c.unknown);
}

static void
put_vm_header(struct adc_rpt_out *o, const struct adc_vm_result *r)
{
	bool color = (o->flags & ADC_REPORT_COLOR) != 0;
	const char *name = adc_rpt_vm_name(r->vm);
	struct adc_buf line;

	adc_buf_puts(&o->buf, "\nVM ");
	adc_buf_puts(&o->buf, color ? SGR_BOLD : "");
	put_clean(o, name, strlen(name));
	adc_buf_puts(&o->buf, color ? SGR_RESET : "");

	adc_buf_init(&line, 0);
	if (r->scenario != NULL)
		adc_buf_printf(&line, "scenario %s: %s", r->scenario->id,
		    r->scenario->title != NULL ? r->scenario->title : "");
	else
		adc_buf_printf(&line, "no scenario: %s",
		    r->no_scenario_reason != NULL ? r->no_scenario_reason :
		    "no reason given");
	adc_buf_puts(&o->buf, "\n  ");
	if (line.failed)
		o->buf.failed = 1;
	else
		put_wrapped(o, 2, 4, line.data);
	adc_buf_free(&line);
}

static void
put_vm(struct adc_rpt_out *o, const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t vm)
{
	size_t i, n = adc_rpt_group_size(g, vm);

	put_vm_header(o, &report->vms[vm]);
	for (i = 0; i < n; i++) {
		put_finding(o, adc_rpt_group_at(report, g, vm, i));
		adc_rpt_flush(o, false);
	}
	if (n == 0)
		adc_buf_puts(&o->buf, "  no findings\n");
}

void
adc_report_text(const struct adc_report *report,
    const struct adc_rpt_groups *g, struct adc_rpt_out *o)
{
	size_t i, other = adc_rpt_group_size(g, g->n_vms);

	put_summary(o, report);
	for (i = 0; i < report->n_vms; i++) {
		put_vm(o, report, g, i);
		if (!adc_rpt_flush(o, false))
			return;
	}

	if (other > 0)
		adc_buf_puts(&o->buf, "\nOther resources\n");
	for (i = 0; i < other; i++) {
		put_finding(o, adc_rpt_group_at(report, g, g->n_vms, i));
		if (!adc_rpt_flush(o, false))
			return;
	}
}
