/* SPDX-License-Identifier: MIT */
/*
 * cmd_scenarios.c: "azdiskcrypt scenarios": the catalogue as a matrix,
 * a row per entry and a column per component, each cell naming the
 * layers and whose key. Text uses one-letter codes so the matrix fits
 * 80 columns; Markdown and JSON use the longer labels.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonw.h"
#include "render.h"

#define N_COLUMNS 8
#define CELL_SIZE 96

/* The matrix's columns, in the order of enum adc_component. */
static const struct column {
	enum adc_component comp;
	const char	*key;		/* JSON */
	const char	*head;		/* text, short */
	const char	*title;		/* Markdown */
} columns[N_COLUMNS] = {
	{ ADC_COMP_OS_DISK, "os_disk", "OS", "OS disk" },
	{ ADC_COMP_DATA_DISK, "data_disks", "data", "Data disks" },
	{ ADC_COMP_TEMP_DISK, "temp_disk", "temp", "Temp disk" },
	{ ADC_COMP_HOST_CACHE, "host_caches", "cache", "Host caches" },
	{ ADC_COMP_EPHEMERAL_OS, "ephemeral_os_disk", "ephem",
	    "Ephemeral OS disk" },
	{ ADC_COMP_VMGS, "vm_guest_state", "VMGS", "VM guest state" },
	{ ADC_COMP_TRANSIT, "transit", "transit", "Host to Storage" },
	{ ADC_COMP_MEMORY, "memory", "memory", "Memory in use" },
};

/* One row: a catalogue entry and its cells. A disk entry fills only the
 * data disk column; the VM it rides on is not part of the entry. */
struct row {
	const struct adc_scenario *scenario;
	bool		 applies[N_COLUMNS];
	char		 cells[N_COLUMNS][CELL_SIZE];
};

static const char legend[] =
    "Cells list the layers outermost first, joined by '+' (',' between "
    "disks): S Storage SSE, D double encryption's platform layer, H "
    "encryption at host, A Azure Disk Encryption, C confidential disk "
    "encryption, M confidential memory encryption, Z the v5+ size's own "
    "encryption; then the key: p platform, c customer, h held by the "
    "CPU. '!' disputed (the sources disagree), '-' no layer "
    "(unencrypted), 'none' the component is absent, '?' unknown or "
    "incomplete. * the study's recommendation. Disk entries show their "
    "data disk only. 'azdiskcrypt explain ID' shows one entry in full.";

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt scenarios [--format text|markdown|json] "
	    "[-o FILE]\n"
	    "\n"
	    "The scenario catalogue (VM01-VM10, disk01-disk03) as a matrix: "
	    "for each\n"
	    "entry and component, the layers that protect it and whose key.\n"
	    "\n"
	    "Options:\n"
	    "  -f, --format FORMAT  text (default), markdown or json\n"
	    "  -o, --output FILE    write to FILE instead of stdout\n"
	    "  -h, --help           show this help\n");
}

/* Fill a row from the entry's built VM. */
static enum adc_status
fill_row(struct row *r, const struct adc_scenario *s,
    enum adc_label_style style)
{
	struct adc_scenario_vm built;
	struct adc_analysis a;
	enum adc_status st;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->scenario = s;
	st = adc_scenario_build(s, &built);
	if (st == ADC_OK)
		st = adc_analyse_vm(&built.vm, &a, NULL);
	if (st != ADC_OK)
		return st;

	for (i = 0; i < N_COLUMNS; i++) {
		r->applies[i] = s->kind == ADC_SCENARIO_VM ||
		    columns[i].comp == ADC_COMP_DATA_DISK;
		if (r->applies[i])
			adc_analysis_cell(&a, columns[i].comp, style,
			    r->cells[i], CELL_SIZE);
	}
	adc_analysis_free(&a);
	return ADC_OK;
}

static void
row_id(const struct row *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", r->scenario->id,
	    r->scenario->recommended ? "*" : "");
}

/* One line of the text matrix, the header when r is NULL; the last
 * column is not padded, so no line ends in blanks. */
static void
text_line(struct adc_buf *out, const char *id, size_t id_width,
    const struct row *r, const size_t *width)
{
	char line[N_COLUMNS * (CELL_SIZE + 2) + 64];
	size_t j, len;

	len = (size_t)snprintf(line, sizeof(line), "%-*s", (int)id_width, id);
	for (j = 0; j < N_COLUMNS && len < sizeof(line); j++)
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "  %-*s", (int)width[j],
		    r != NULL ? r->cells[j] : columns[j].head);
	while (len > 0 && line[len - 1] == ' ')
		len--;
	adc_buf_append(out, line, len);
	adc_buf_puts(out, "\n");
}

static void
render_text(struct adc_buf *out, const struct row *rows, size_t n)
{
	size_t width[N_COLUMNS], id_width = strlen("entry"), i, j, len;
	char id[32];

	for (j = 0; j < N_COLUMNS; j++)
		width[j] = strlen(columns[j].head);
	for (i = 0; i < n; i++) {
		row_id(&rows[i], id, sizeof(id));
		if (strlen(id) > id_width)
			id_width = strlen(id);
		for (j = 0; j < N_COLUMNS; j++) {
			len = strlen(rows[i].cells[j]);
			if (len > width[j])
				width[j] = len;
		}
	}

	text_line(out, "entry", id_width, NULL, width);
	for (i = 0; i < n; i++) {
		row_id(&rows[i], id, sizeof(id));
		text_line(out, id, id_width, &rows[i], width);
	}

	adc_buf_puts(out, "\n");
	for (i = 0; i < n; i++)
		adc_buf_printf(out, "%-*s  %s\n", (int)id_width,
		    rows[i].scenario->id, rows[i].scenario->title);
	adc_buf_puts(out, "\n");
	adc_render_wrapped(out, "", "", legend, 79);
}

static void
render_markdown(struct adc_buf *out, const struct row *rows, size_t n)
{
	size_t i, j;

	adc_buf_puts(out, "| Entry | What it is |");
	for (j = 0; j < N_COLUMNS; j++)
		adc_buf_printf(out, " %s |", columns[j].title);
	adc_buf_puts(out, "\n|---|---|");
	for (j = 0; j < N_COLUMNS; j++)
		adc_buf_puts(out, "---|");
	adc_buf_puts(out, "\n");

	for (i = 0; i < n; i++) {
		const struct adc_scenario *s = rows[i].scenario;

		adc_buf_printf(out, "| %s%s | ", s->id,
		    s->recommended ? " \\*" : "");
		adc_render_md_escaped(out, s->title);
		adc_buf_puts(out, " |");
		for (j = 0; j < N_COLUMNS; j++) {
			adc_buf_puts(out, " ");
			adc_render_md_escaped(out, rows[i].cells[j]);
			adc_buf_puts(out, " |");
		}
		adc_buf_puts(out, "\n");
	}
	adc_buf_puts(out, "\nLayers: SSE Storage SSE, DBL double encryption's "
	    "platform layer, EAH encryption at host, ADE Azure Disk "
	    "Encryption, CVM confidential disk encryption, MEM confidential "
	    "memory encryption, SIZE the v5+ size's own encryption. Keys: "
	    "PMK platform, CMK customer, HW held by the CPU. `!` disputed, "
	    "`-` no layer (unencrypted), `none` absent, `?` unknown or "
	    "incomplete, \\* the study's recommendation. Disk entries show "
	    "their data disk only.\n");
}

static void
row_json(struct adc_jsonw *w, const struct row *r)
{
	const struct adc_scenario *s = r->scenario;
	size_t j;

	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "id");
	adc_jsonw_string(w, s->id);
	adc_jsonw_key(w, "kind");
	adc_jsonw_string(w, s->kind == ADC_SCENARIO_VM ? "vm" : "disk");
	adc_jsonw_key(w, "title");
	adc_jsonw_string(w, s->title);
	adc_jsonw_key(w, "recommended");
	adc_jsonw_bool(w, s->recommended);
	adc_jsonw_key(w, "size");
	adc_jsonw_string(w, s->size);
	adc_jsonw_key(w, "cells");
	adc_jsonw_object_begin(w);
	for (j = 0; j < N_COLUMNS; j++) {
		adc_jsonw_key(w, columns[j].key);
		adc_jsonw_string(w, r->applies[j] ? r->cells[j] : NULL);
	}
	adc_jsonw_object_end(w);
	adc_jsonw_object_end(w);
}

static int
render_json(struct adc_buf *out, const struct row *rows, size_t n)
{
	struct adc_jsonw w;
	size_t i;

	adc_jsonw_init(&w, out, true);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "schema");
	adc_jsonw_string(&w, "azdiskcrypt/scenarios/1");
	adc_jsonw_key(&w, "columns");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < N_COLUMNS; i++) {
		adc_jsonw_object_begin(&w);
		adc_jsonw_key(&w, "key");
		adc_jsonw_string(&w, columns[i].key);
		adc_jsonw_key(&w, "component");
		adc_jsonw_string(&w, adc_component_name(columns[i].comp));
		adc_jsonw_key(&w, "title");
		adc_jsonw_string(&w, columns[i].title);
		adc_jsonw_object_end(&w);
	}
	adc_jsonw_array_end(&w);
	adc_jsonw_key(&w, "scenarios");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < n; i++)
		row_json(&w, &rows[i]);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	return adc_jsonw_failed(&w) ? -1 : 0;
}

/* Build every row and render them in the chosen format. */
static int
run(int format, const char *output)
{
	const struct adc_scenario *all;
	struct row *rows;
	struct adc_buf out;
	size_t i, n;
	int status = CLI_EXIT_INTERNAL;

	all = adc_scenarios(&n);
	rows = calloc(n, sizeof(*rows));
	adc_buf_init(&out, 0);
	if (rows == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if (fill_row(&rows[i], &all[i], format == ADC_FORMAT_TEXT ?
		    ADC_LABEL_SHORT : ADC_LABEL_LONG) != ADC_OK)
			goto out;
	}

	if (format == ADC_FORMAT_JSON)
		render_json(&out, rows, n);
	else if (format == ADC_FORMAT_MARKDOWN)
		render_markdown(&out, rows, n);
	else
		render_text(&out, rows, n);
	if (!out.failed)
		status = cli_write_output(output, out.data, out.len);
out:
	if (status == CLI_EXIT_INTERNAL)
		cli_errorf("scenarios: out of memory");
	adc_buf_free(&out);
	free(rows);
	return status;
}

int
cmd_scenarios(int argc, char **argv)
{
	const char *output = NULL;
	int format = ADC_FORMAT_TEXT, c;

	c = cli_format_options(argc, argv, usage, &format, &output);
	if (c >= 0)
		return c;
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'",
		    argv[optind]);
	return run(format, output);
}
