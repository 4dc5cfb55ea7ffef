/* SPDX-License-Identifier: MIT */
/*
 * render.h: how an analysis of layers is shown: the short cell labels of
 * the scenario matrix, and the components as JSON, text and Markdown,
 * shared by explain and check. The JSON shapes are documented in
 * docs/json-output.md ("components") and docs/check-json.md.
 */
#ifndef ADC_RENDER_H
#define ADC_RENDER_H

#include <stddef.h>

#include "adc.h"
#include "buf.h"
#include "jsonw.h"

enum adc_label_style {
	ADC_LABEL_LONG,		/* "SSE/PMK", "EAH/CMK", "CVM/CMK" */
	ADC_LABEL_SHORT		/* a letter for the layer, one for the key */
};

/* A layer as "SSE/PMK" (long) or "Sp" (short), with "!" appended when
 * the layer rests on a disputed fact. Truncated to size. */
void adc_layer_label(const struct adc_layer *layer,
    enum adc_label_style style, char *buf, size_t size);

/* One component as a matrix cell: its layers outermost first joined by
 * "+", "?" appended when the list is incomplete; "-" when present with
 * no layer (unencrypted); "none" when absent; "?" when nothing is
 * known. */
void adc_component_cell(const struct adc_component_layers *c,
    enum adc_label_style style, char *buf, size_t size);

/* The cell of every component of one kind (per-disk kinds have one per
 * disk): their distinct cells joined by ","; "none" when the VM has no
 * component of that kind (no data disks). */
void adc_analysis_cell(const struct adc_analysis *a, enum adc_component comp,
    enum adc_label_style style, char *buf, size_t size);

/* Words for people: "Storage SSE", "Key Vault Premium". Static. */
const char *adc_layer_title(enum adc_layer_kind kind);
const char *adc_key_store_title(enum adc_key_store store);

/* The two shapes of the components array (docs/json-output.md,
 * docs/check-json.md). The full one, for explain, is self-contained and
 * labelled for people. The lean one, for check's record per VM, refers
 * to the VM's "disks" array (adc_render_disks_json) by index instead of
 * repeating each disk in its components, leaves out the labels, and
 * leaves out the layer members that are false or absent. */
enum adc_json_shape { ADC_JSON_FULL, ADC_JSON_LEAN };

/* The components of an analysis as one JSON array value. Returns 0, or
 * -1 when the writer has failed (out of memory, nesting). */
int adc_render_analysis_json(struct adc_jsonw *w,
    const struct adc_analysis *a, enum adc_json_shape shape);

/* The VM's disks as the JSON array lean components index: the OS disk
 * first, then the data disks in the VM's order, each {id, name, lun}
 * (null where not known). Returns 0 or -1 like the above. */
int adc_render_disks_json(struct adc_jsonw *w, const struct adc_vm *vm);

/* The components as text, a block per component, each line starting
 * with indent and kept within 80 columns. Returns 0 or -1 (buffer). */
int adc_render_analysis_text(struct adc_buf *out,
    const struct adc_analysis *a, const char *indent);

/* The components as a Markdown table, a row per layer. */
int adc_render_analysis_markdown(struct adc_buf *out,
    const struct adc_analysis *a);

/* Append text word-wrapped to width columns: the first line starts with
 * first, later lines with cont. Words longer than a line stay whole. */
int adc_render_wrapped(struct adc_buf *out, const char *first,
    const char *cont, const char *text, size_t width);

/* Terminal columns len bytes of UTF-8 take: two for East Asian wide
 * characters, none for combining marks, one otherwise (textwidth.c). */
size_t adc_text_width(const char *text, size_t len);

/* Append s with Markdown metacharacters ("|", "\", "`", "*", "<", "[",
 * "]", and "_" except inside a word) escaped, newlines as spaces. */
int adc_render_md_escaped(struct adc_buf *out, const char *s);

#endif
