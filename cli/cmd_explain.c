/* SPDX-License-Identifier: MIT */
/*
 * cmd_explain.c: "azdiskcrypt explain ID": one catalogue entry in full:
 * what it is, the layers of each component with their keys and sources,
 * and the notes that matter for it. A disk entry is shown as the data
 * disk of the VM it rides on, and only that disk's components.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

#include "buf.h"
#include "jsonw.h"
#include "render.h"

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt explain [--format text|markdown|json] "
	    "[-o FILE] ID\n"
	    "\n"
	    "Explain one catalogue entry (VM01-VM10, disk01-disk03): for "
	    "each part of\n"
	    "the VM, the layers that protect it, outermost first, with whose "
	    "key and\n"
	    "the fact behind it; then what else to know. 'azdiskcrypt "
	    "scenarios'\n"
	    "lists the entries.\n"
	    "\n"
	    "Options:\n"
	    "  -f, --format FORMAT  text (default), markdown or json\n"
	    "  -o, --output FILE    write to FILE instead of stdout\n"
	    "  -h, --help           show this help\n");
}

/* "VM01, VM02, ..., disk03" for the hint after an unknown id. */
static void
valid_ids(char *buf, size_t size)
{
	const struct adc_scenario *all;
	size_t i, n, len = 0;

	all = adc_scenarios(&n);
	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? ", " : "", all[i].id);
}

/* Keep the components of one disk only, in their order. */
static void
keep_disk(struct adc_analysis *a, const struct adc_disk *disk)
{
	size_t i, kept = 0;

	for (i = 0; i < a->n_components; i++) {
		if (a->components[i].disk == disk)
			a->components[kept++] = a->components[i];
	}
	a->n_components = kept;
}

/* The entry's VM, or for a disk entry the VM carrying it. */
static const char *
carrier_id(const struct adc_scenario *s)
{
	return s->kind == ADC_SCENARIO_DISK ? "VM01" : NULL;
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */
/* ------------------------------------------------------------------ */

static void
render_text(struct adc_buf *out, const struct adc_scenario *s,
    const struct adc_scenario_vm *built, const struct adc_analysis *a)
{
	const char *const *note = adc_scenario_notes(s);
	char head[160];

	snprintf(head, sizeof(head), "%s: ", s->id);
	adc_render_wrapped(out, head, "  ", s->title, 80);
	adc_render_wrapped(out, "  ", "  ", s->description, 80);
	adc_buf_puts(out, "\n");
	adc_render_wrapped(out, "  az flags:    ", "               ",
	    s->az_flags, 80);
	adc_buf_printf(out, "  size:        %s\n",
	    built->vm.size != NULL ? built->vm.size : "-");
	if (carrier_id(s) != NULL)
		adc_buf_printf(out, "  carried by:  a %s, as its data disk "
		    "(LUN 0)\n", carrier_id(s));
	adc_buf_printf(out, "  recommended: %s\n",
	    s->recommended ? "yes, by the study" : "no");

	adc_buf_puts(out, "\nLayers, outermost first:\n");
	adc_render_analysis_text(out, a, "  ");

	if (*note != NULL)
		adc_buf_puts(out, "\nNotes:\n");
	for (; *note != NULL; note++)
		adc_render_wrapped(out, "  - ", "    ", *note, 80);
}

static void
render_markdown(struct adc_buf *out, const struct adc_scenario *s,
    const struct adc_scenario_vm *built, const struct adc_analysis *a)
{
	const char *const *note = adc_scenario_notes(s);

	adc_buf_printf(out, "# %s: ", s->id);
	adc_render_md_escaped(out, s->title);
	adc_buf_puts(out, "\n\n");
	adc_render_md_escaped(out, s->description);
	adc_buf_puts(out, "\n\n- az flags: `");
	adc_buf_puts(out, s->az_flags);
	adc_buf_printf(out, "`\n- size: %s\n",
	    built->vm.size != NULL ? built->vm.size : "-");
	if (carrier_id(s) != NULL)
		adc_buf_printf(out, "- carried by: a %s, as its data disk "
		    "(LUN 0)\n", carrier_id(s));
	adc_buf_printf(out, "- recommended: %s\n",
	    s->recommended ? "yes, by the study" : "no");

	adc_buf_puts(out, "\n## Layers, outermost first\n\n");
	adc_render_analysis_markdown(out, a);

	if (*note != NULL)
		adc_buf_puts(out, "\n## Notes\n\n");
	for (; *note != NULL; note++) {
		adc_buf_puts(out, "- ");
		adc_render_md_escaped(out, *note);
		adc_buf_puts(out, "\n");
	}
}

static void
scenario_json(struct adc_jsonw *w, const struct adc_scenario *s,
    const struct adc_scenario_vm *built)
{
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "id");
	adc_jsonw_string(w, s->id);
	adc_jsonw_key(w, "kind");
	adc_jsonw_string(w, s->kind == ADC_SCENARIO_VM ? "vm" : "disk");
	adc_jsonw_key(w, "title");
	adc_jsonw_string(w, s->title);
	adc_jsonw_key(w, "description");
	adc_jsonw_string(w, s->description);
	adc_jsonw_key(w, "az_flags");
	adc_jsonw_string(w, s->az_flags);
	adc_jsonw_key(w, "recommended");
	adc_jsonw_bool(w, s->recommended);
	adc_jsonw_key(w, "size");
	adc_jsonw_string(w, built->vm.size);
	adc_jsonw_key(w, "carried_by");
	adc_jsonw_string(w, carrier_id(s));
	adc_jsonw_object_end(w);
}

static void
render_json(struct adc_buf *out, const struct adc_scenario *s,
    const struct adc_scenario_vm *built, const struct adc_analysis *a)
{
	const char *const *note;
	struct adc_jsonw w;

	adc_jsonw_init(&w, out, true);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "schema");
	adc_jsonw_string(&w, "azdiskcrypt/explain/1");
	adc_jsonw_key(&w, "scenario");
	scenario_json(&w, s, built);
	adc_jsonw_key(&w, "components");
	adc_render_analysis_json(&w, a, ADC_JSON_FULL);
	adc_jsonw_key(&w, "notes");
	adc_jsonw_array_begin(&w);
	for (note = adc_scenario_notes(s); *note != NULL; note++)
		adc_jsonw_string(&w, *note);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	if (adc_jsonw_failed(&w))
		out->failed = 1;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

static int
run(const struct adc_scenario *s, int format, const char *output)
{
	struct adc_scenario_vm built;
	struct adc_analysis a;
	struct adc_diag diag;
	struct adc_buf out;
	int status;

	adc_diag_init(&diag, NULL);
	if (adc_scenario_build(s, &built) != ADC_OK ||
	    adc_analyse_vm(&built.vm, &a, &diag) != ADC_OK) {
		cli_errorf("explain %s: %s", s->id, diag.msg[0] != '\0' ?
		    diag.msg : "the entry cannot be built");
		return CLI_EXIT_INTERNAL;
	}
	if (s->kind == ADC_SCENARIO_DISK)
		keep_disk(&a, built.vm.data_disks[0]);

	adc_buf_init(&out, 0);
	if (format == ADC_FORMAT_JSON)
		render_json(&out, s, &built, &a);
	else if (format == ADC_FORMAT_MARKDOWN)
		render_markdown(&out, s, &built, &a);
	else
		render_text(&out, s, &built, &a);

	if (out.failed) {
		cli_errorf("explain %s: out of memory", s->id);
		status = CLI_EXIT_INTERNAL;
	} else {
		status = cli_write_output(output, out.data, out.len);
	}
	adc_buf_free(&out);
	adc_analysis_free(&a);
	return status;
}

int
cmd_explain(int argc, char **argv)
{
	const struct adc_scenario *s;
	const char *output = NULL;
	int format = ADC_FORMAT_TEXT, c;
	char ids[256];

	c = cli_format_options(argc, argv, usage, &format, &output);
	if (c >= 0)
		return c;

	if (optind != argc - 1)
		return cli_usage_error(argv[0], optind == argc ?
		    "a scenario id is required" : "one scenario id only");
	s = adc_scenario_find(argv[optind]);
	if (s == NULL) {
		valid_ids(ids, sizeof(ids));
		return cli_usage_error(argv[0], "unknown scenario '%s'; one of "
		    "%s", argv[optind], ids);
	}
	return run(s, format, output);
}
