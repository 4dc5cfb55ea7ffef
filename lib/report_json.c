/* SPDX-License-Identifier: MIT */
/*
 * report_json.c: the report as JSON for programs, schema version 2 as
 * docs/check-json.md describes it. Fields are always present and what is
 * not known is null, except in the lean components of each VM, where
 * members that are false or none are left out to keep large estates'
 * reports small.
 */
#include "report.h"

#include "jsonw.h"
#include "render.h"

/* 2: the VM records' disks are listed once and components refer to
 * them by index; labels and false or absent layer members left out. */
#define CHECK_JSON_SCHEMA_VERSION 2

static void
put_location(struct adc_jsonw *w, const struct adc_origin *at)
{
	ADC_JSONW_KEY(w, "location");
	if (at->file == NULL) {
		adc_jsonw_null(w);
		return;
	}
	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "file");
	adc_jsonw_string(w, at->file);
	ADC_JSONW_KEY(w, "line");
	if (at->line > 0)
		adc_jsonw_int(w, (long long)at->line);
	else
		adc_jsonw_null(w);
	ADC_JSONW_KEY(w, "column");
	if (at->line > 0)
		adc_jsonw_int(w, (long long)at->col);
	else
		adc_jsonw_null(w);
	ADC_JSONW_KEY(w, "pointer");
	adc_jsonw_string(w, at->pointer);
	adc_jsonw_object_end(w);
}

static void
put_finding(struct adc_jsonw *w, const struct adc_finding *f)
{
	size_t i;

	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "rule");
	adc_jsonw_string(w, f->rule);
	ADC_JSONW_KEY(w, "severity");
	adc_jsonw_string(w, adc_rpt_severity(f, false));
	ADC_JSONW_KEY(w, "status");
	adc_jsonw_string(w, f->status == ADC_FINDING_UNKNOWN ? "unknown" :
	    "fail");
	ADC_JSONW_KEY(w, "message");
	adc_jsonw_string(w, f->message);
	ADC_JSONW_KEY(w, "resources");
	adc_jsonw_array_begin(w);
	for (i = 0; i < f->n_resources; i++)
		adc_jsonw_string(w, f->resources[i]);
	adc_jsonw_array_end(w);
	ADC_JSONW_KEY(w, "fix");
	adc_jsonw_string(w, f->fix);
	ADC_JSONW_KEY(w, "source");
	adc_jsonw_string(w, f->source);
	put_location(w, &f->origin);
	adc_jsonw_object_end(w);
}

static void
put_count(struct adc_jsonw *w, const char *key, size_t n)
{
	adc_jsonw_key(w, key);
	adc_jsonw_int(w, (long long)n);
}

static void
put_summary(struct adc_jsonw *w, const struct adc_report *report)
{
	const struct adc_estate *e = report->estate;
	struct adc_rpt_counts c;

	adc_rpt_count(report, &c);
	ADC_JSONW_KEY(w, "summary");
	adc_jsonw_object_begin(w);
	put_count(w, "vms", e != NULL ? e->n_vms : report->n_vms);
	put_count(w, "disks", e != NULL ? e->n_disks : 0);
	put_count(w, "disk_encryption_sets", e != NULL ? e->n_des : 0);
	put_count(w, "key_vaults", e != NULL ? e->n_vaults : 0);
	put_count(w, "keys", e != NULL ? e->n_keys : 0);
	put_count(w, "findings", report->n_findings);
	put_count(w, "errors", c.errors);
	put_count(w, "warnings", c.warnings);
	put_count(w, "notes", c.notes);
	put_count(w, "unknown", c.unknown);
	adc_jsonw_object_end(w);
}

/* The VM's disks, and its components in the lean shape that refers to
 * them, derived here rather than kept for every VM. A VM the analysis
 * cannot run on gets null for both rather than empty lists, which would
 * read as "nothing to protect". */
static void
put_components(struct adc_jsonw *w, const struct adc_vm *vm)
{
	struct adc_analysis a;

	if (vm == NULL || adc_analyse_vm(vm, &a, NULL) != ADC_OK) {
		ADC_JSONW_KEY(w, "disks");
		adc_jsonw_null(w);
		ADC_JSONW_KEY(w, "components");
		adc_jsonw_null(w);
		return;
	}
	ADC_JSONW_KEY(w, "disks");
	adc_render_disks_json(w, vm);
	ADC_JSONW_KEY(w, "components");
	adc_render_analysis_json(w, &a, ADC_JSON_LEAN);
	adc_analysis_free(&a);
}

static void
put_vm(struct adc_jsonw *w, const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t vm)
{
	const struct adc_vm_result *r = &report->vms[vm];
	size_t i;

	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "id");
	adc_jsonw_string(w, r->vm != NULL ? r->vm->id : NULL);
	ADC_JSONW_KEY(w, "name");
	adc_jsonw_string(w, r->vm != NULL ? r->vm->name : NULL);
	ADC_JSONW_KEY(w, "scenario");
	adc_jsonw_string(w, r->scenario != NULL ? r->scenario->id : NULL);
	ADC_JSONW_KEY(w, "no_scenario_reason");
	adc_jsonw_string(w, r->scenario == NULL ? r->no_scenario_reason :
	    NULL);

	ADC_JSONW_KEY(w, "findings");
	adc_jsonw_array_begin(w);
	for (i = 0; i < adc_rpt_group_size(g, vm); i++)
		adc_jsonw_int(w, (long long)g->order[g->start[vm] + i]);
	adc_jsonw_array_end(w);

	put_components(w, r->vm);
	adc_jsonw_object_end(w);
}

void
adc_report_json(const struct adc_report *report,
    const struct adc_rpt_groups *g, struct adc_rpt_out *o)
{
	struct adc_jsonw w;
	size_t i;

	/* One finding and one VM per line: readable, diffable, and half
	 * the bytes of indenting every member of a large estate. */
	adc_jsonw_init(&w, &o->buf, true);
	adc_jsonw_set_pretty_depth(&w, 2);
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "schema_version");
	adc_jsonw_int(&w, CHECK_JSON_SCHEMA_VERSION);
	ADC_JSONW_KEY(&w, "tool");
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "name");
	adc_jsonw_string(&w, "azdiskcrypt");
	ADC_JSONW_KEY(&w, "version");
	adc_jsonw_string(&w, adc_version());
	adc_jsonw_object_end(&w);
	put_summary(&w, report);

	ADC_JSONW_KEY(&w, "findings");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < report->n_findings; i++) {
		put_finding(&w, &report->findings[i]);
		adc_rpt_flush(o, false);
	}
	adc_jsonw_array_end(&w);

	ADC_JSONW_KEY(&w, "vms");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < report->n_vms; i++) {
		put_vm(&w, report, g, i);
		adc_rpt_flush(o, false);
	}
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	if (adc_jsonw_failed(&w))
		o->failed = true;
}
