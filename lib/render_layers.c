/* SPDX-License-Identifier: MIT */
/*
 * render_layers.c: an analysis of layers (layers.c) for people and for
 * programs: matrix cell labels, JSON (docs/json-output.md, and the lean
 * shape of docs/check-json.md), text and Markdown. The words here only
 * name what the analysis found; they add no claim of their own, so an
 * unencrypted path says "no layer" and nothing about what else might
 * protect it.
 */
#include "render.h"
#include "layer_keys.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

static const char *
kind_tag(enum adc_layer_kind kind, enum adc_label_style style)
{
	bool s = style == ADC_LABEL_SHORT;

	switch (kind) {
	case ADC_LAYER_SSE_PMK:
	case ADC_LAYER_SSE_CMK:		return s ? "S" : "SSE";
	case ADC_LAYER_DOUBLE_PMK:	return s ? "D" : "DBL";
	case ADC_LAYER_EAH:		return s ? "H" : "EAH";
	case ADC_LAYER_ADE:		return s ? "A" : "ADE";
	case ADC_LAYER_CONFIDENTIAL_DISK: return s ? "C" : "CVM";
	case ADC_LAYER_CONFIDENTIAL_MEMORY: return s ? "M" : "MEM";
	case ADC_LAYER_SIZE_TEMP:	return s ? "Z" : "SIZE";
	}
	return "?";
}

static const char *
key_tag(const struct adc_layer *l, enum adc_label_style style)
{
	bool s = style == ADC_LABEL_SHORT;

	if (l->store == ADC_STORE_HARDWARE)
		return s ? "h" : "HW";
	switch (l->owner) {
	case ADC_OWNER_PLATFORM:	return s ? "p" : "PMK";
	case ADC_OWNER_CUSTOMER:	return s ? "c" : "CMK";
	case ADC_OWNER_UNKNOWN:		break;
	}
	return "?";
}

/* Append s to the len bytes of text in buf, keeping it terminated and
 * within size; returns the new length. Cells are built for every
 * component of every VM a report shows, so without printf. */
static size_t
cat(char *buf, size_t size, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len + 1 >= size)
		return len;
	if (n > size - 1 - len)
		n = size - 1 - len;
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
	return len + n;
}

static size_t
cat_label(char *buf, size_t size, size_t len, const struct adc_layer *l,
    enum adc_label_style style)
{
	len = cat(buf, size, len, kind_tag(l->kind, style));
	if (style == ADC_LABEL_LONG)
		len = cat(buf, size, len, "/");
	len = cat(buf, size, len, key_tag(l, style));
	if (l->disputed)
		len = cat(buf, size, len, "!");
	return len;
}

void
adc_layer_label(const struct adc_layer *layer, enum adc_label_style style,
    char *buf, size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	cat_label(buf, size, 0, layer, style);
}

/* adc_component_cell, returning the cell's length. */
static size_t
component_cell(const struct adc_component_layers *c,
    enum adc_label_style style, char *buf, size_t size)
{
	size_t i, len = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (c->present == ADC_PRESENT_NO)
		return cat(buf, size, 0, "none");
	if (c->n_layers == 0)
		return cat(buf, size, 0, c->complete ? "-" : "?");
	for (i = 0; i < c->n_layers; i++) {
		if (i > 0)
			len = cat(buf, size, len, "+");
		len = cat_label(buf, size, len, &c->layers[i], style);
	}
	if (!c->complete)
		len = cat(buf, size, len, "?");
	return len;
}

void
adc_component_cell(const struct adc_component_layers *c,
    enum adc_label_style style, char *buf, size_t size)
{
	component_cell(c, style, buf, size);
}

/* Whether a ","-separated list already holds item. */
static bool
list_has(const char *list, const char *item)
{
	size_t n = strlen(item), len;
	const char *p = list;

	while (*p != '\0') {
		len = strcspn(p, ",");
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

void
adc_analysis_cell(const struct adc_analysis *a, enum adc_component comp,
    enum adc_label_style style, char *buf, size_t size)
{
	char cell[96];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < a->n_components; i++) {
		if (a->components[i].component != comp)
			continue;
		adc_component_cell(&a->components[i], style, cell,
		    sizeof(cell));
		if (list_has(buf, cell))
			continue;
		if (buf[0] != '\0')
			cat(buf, size, strlen(buf), ",");
		cat(buf, size, strlen(buf), cell);
	}
	if (buf[0] == '\0')
		cat(buf, size, 0, "none");
}

const char *
adc_layer_title(enum adc_layer_kind kind)
{
	switch (kind) {
	case ADC_LAYER_SSE_PMK:
	case ADC_LAYER_SSE_CMK:		return "Storage SSE";
	case ADC_LAYER_DOUBLE_PMK:
		return "double encryption's platform layer";
	case ADC_LAYER_EAH:
		return "encryption at host";
	case ADC_LAYER_ADE:
		return "Azure Disk Encryption, in guest";
	case ADC_LAYER_CONFIDENTIAL_DISK:
		return "confidential disk encryption";
	case ADC_LAYER_CONFIDENTIAL_MEMORY:
		return "confidential memory encryption";
	case ADC_LAYER_SIZE_TEMP:
		return "the v5+ size's own encryption";
	}
	return "unknown layer";
}

const char *
adc_key_store_title(enum adc_key_store store)
{
	switch (store) {
	case ADC_STORE_UNKNOWN:		return "an unknown store";
	case ADC_STORE_PLATFORM:	return "Microsoft's keeping";
	case ADC_STORE_KEY_VAULT:	return "Key Vault";
	case ADC_STORE_KEY_VAULT_STANDARD: return "Key Vault Standard";
	case ADC_STORE_KEY_VAULT_PREMIUM: return "Key Vault Premium";
	case ADC_STORE_MANAGED_HSM:	return "Managed HSM";
	case ADC_STORE_HARDWARE:	return "the CPU";
	}
	return "an unknown store";
}

static const char *
presence_name(enum adc_presence p)
{
	switch (p) {
	case ADC_PRESENT_YES:		return "yes";
	case ADC_PRESENT_NO:		return "no";
	case ADC_PRESENT_UNKNOWN:	break;
	}
	return "unknown";
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* The members of a layer that the full shape always writes and the
 * lean shape only when they say something: true, not known (null), or
 * an id. */
static void
layer_extras(struct adc_jsonw *w, const struct adc_layer *l, bool lean)
{
	if (!lean || l->cross_subscription != ADC_NO) {
		ADC_JSONW_KEY(w, "cross_subscription");
		adc_jsonw_tri(w, l->cross_subscription);
	}
	if (!lean || l->cross_tenant != ADC_NO) {
		ADC_JSONW_KEY(w, "cross_tenant");
		adc_jsonw_tri(w, l->cross_tenant);
	}
	if (!lean || l->disputed) {
		ADC_JSONW_KEY(w, "disputed");
		adc_jsonw_bool(w, l->disputed);
	}
	if (!lean || l->des_id != NULL) {
		ADC_JSONW_KEY(w, "des_id");
		adc_jsonw_string(w, l->des_id);
	}
	if (!lean || l->key_url != NULL) {
		ADC_JSONW_KEY(w, "key_url");
		adc_jsonw_string(w, l->key_url);
	}
}

static void
layer_json(struct adc_jsonw *w, const struct adc_layer *l, bool lean)
{
	char label[32];

	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "kind");
	adc_jsonw_string(w, adc_layer_name(l->kind));
	if (!lean) {
		adc_layer_label(l, ADC_LABEL_LONG, label, sizeof(label));
		ADC_JSONW_KEY(w, "label");
		adc_jsonw_string(w, label);
	}
	ADC_JSONW_KEY(w, "owner");
	adc_jsonw_string(w, adc_key_owner_name(l->owner));
	ADC_JSONW_KEY(w, "store");
	adc_jsonw_string(w, adc_key_store_name(l->store));
	layer_extras(w, l, lean);
	ADC_JSONW_KEY(w, "source");
	adc_jsonw_string(w, l->source);
	adc_jsonw_object_end(w);
}

/* The disk's id, name and LUN; null for a disk that is not known. An OS
 * disk has no LUN, whatever the input put there. */
static void
disk_json(struct adc_jsonw *w, const struct adc_disk *disk, bool is_os)
{
	if (disk == NULL) {
		adc_jsonw_null(w);
		return;
	}
	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "id");
	adc_jsonw_string(w, disk->id);
	ADC_JSONW_KEY(w, "name");
	adc_jsonw_string(w, disk->name);
	ADC_JSONW_KEY(w, "lun");
	if (disk->lun >= 0 && !is_os)
		adc_jsonw_int(w, disk->lun);
	else
		adc_jsonw_null(w);
	adc_jsonw_object_end(w);
}

static bool
is_disk_kind(enum adc_component comp)
{
	return comp == ADC_COMP_OS_DISK || comp == ADC_COMP_DATA_DISK ||
	    comp == ADC_COMP_HOST_CACHE || comp == ADC_COMP_TRANSIT;
}

/* Which disk a component is about: the disk itself in the full shape,
 * its index into the VM's "disks" in the lean one, where the member is
 * left out for components that are about no disk. */
static void
component_disk(struct adc_jsonw *w, const struct adc_component_layers *c,
    bool lean)
{
	if (lean && is_disk_kind(c->component)) {
		ADC_JSONW_KEY(w, "disk");
		adc_jsonw_int(w, (long long)c->disk_index);
	} else if (!lean) {
		ADC_JSONW_KEY(w, "disk");
		disk_json(w, is_disk_kind(c->component) ? c->disk : NULL,
		    false);
	}
}

static void
component_json(struct adc_jsonw *w, const struct adc_component_layers *c,
    bool lean)
{
	char cell[96];
	size_t i, cell_len;

	cell_len = component_cell(c, ADC_LABEL_LONG, cell, sizeof(cell));
	adc_jsonw_object_begin(w);
	ADC_JSONW_KEY(w, "component");
	adc_jsonw_string(w, adc_component_name(c->component));
	if (!lean) {
		ADC_JSONW_KEY(w, "label");
		adc_jsonw_string(w, c->label);
	}
	ADC_JSONW_KEY(w, "present");
	adc_jsonw_string(w, presence_name(c->present));
	ADC_JSONW_KEY(w, "complete");
	adc_jsonw_bool(w, c->complete);
	ADC_JSONW_KEY(w, "cell");
	adc_jsonw_string_n(w, cell, cell_len);
	component_disk(w, c, lean);
	ADC_JSONW_KEY(w, "layers");
	adc_jsonw_array_begin(w);
	for (i = 0; i < c->n_layers; i++)
		layer_json(w, &c->layers[i], lean);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
}

int
adc_render_analysis_json(struct adc_jsonw *w, const struct adc_analysis *a,
    enum adc_json_shape shape)
{
	size_t i;

	adc_jsonw_array_begin(w);
	for (i = 0; i < a->n_components; i++)
		component_json(w, &a->components[i], shape == ADC_JSON_LEAN);
	adc_jsonw_array_end(w);
	return w->overflow || w->out->failed ? -1 : 0;
}

int
adc_render_disks_json(struct adc_jsonw *w, const struct adc_vm *vm)
{
	static const struct adc_disk unknown = { .lun = -1 };
	size_t i;

	adc_jsonw_array_begin(w);
	disk_json(w, vm->os_disk != NULL ? vm->os_disk : &unknown, true);
	for (i = 0; i < vm->n_data_disks; i++)
		disk_json(w, vm->data_disks[i] != NULL ? vm->data_disks[i] :
		    &unknown, false);
	adc_jsonw_array_end(w);
	return w->overflow || w->out->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

int
adc_render_wrapped(struct adc_buf *out, const char *first, const char *cont,
    const char *text, size_t width)
{
	const char *p = text;
	size_t col = strlen(first), n, w;
	bool line_empty = true;

	adc_buf_puts(out, first);
	for (;;) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0)
			break;

		/* A word that would pass the margin starts a new line,
		 * unless it is the first word of its line. */
		w = adc_text_width(p, n);
		if (!line_empty && col + 1 + w > width) {
			adc_buf_printf(out, "\n%s", cont);
			col = strlen(cont);
			line_empty = true;
		}
		if (!line_empty) {
			adc_buf_puts(out, " ");
			col++;
		}
		adc_buf_append(out, p, n);
		col += w;
		p += n;
		line_empty = false;
	}
	return adc_buf_puts(out, "\n");
}

/* "customer key in Key Vault Premium, DES des-os", or the like. */
static void
key_phrase(const struct adc_layer *l, char *buf, size_t size)
{
	const char *des = l->des_id != NULL ? strrchr(l->des_id, '/') : NULL;

	if (l->store == ADC_STORE_HARDWARE)
		snprintf(buf, size, "key held by the CPU");
	else if (l->owner == ADC_OWNER_PLATFORM)
		snprintf(buf, size, "platform key");
	else if (l->owner == ADC_OWNER_CUSTOMER)
		snprintf(buf, size, "customer key in %s%s%s",
		    adc_key_store_title(l->store), des != NULL ? ", DES " : "",
		    des != NULL ? des + 1 : "");
	else
		snprintf(buf, size, "key not known");
}

static void
layer_text(struct adc_buf *out, const struct adc_layer *l,
    const char *indent)
{
	char label[32], key[256], line[512], first[64], cont[64];

	adc_layer_label(l, ADC_LABEL_LONG, label, sizeof(label));
	key_phrase(l, key, sizeof(key));
	snprintf(line, sizeof(line), "%s; %s%s%s%s [%s]",
	    adc_layer_title(l->kind), key,
	    l->cross_subscription == ADC_YES ?
	    "; the vault is in another subscription" : "",
	    l->cross_tenant == ADC_YES ? "; the vault is in another tenant" :
	    "", l->disputed ? "; disputed: the sources disagree" : "",
	    l->source != NULL ? l->source : "?");
	snprintf(first, sizeof(first), "%s  %-9s", indent, label);
	snprintf(cont, sizeof(cont), "%s%11s", indent, "");
	adc_render_wrapped(out, first, cont, line, 80);
}

/* What a component without layers means, in words. */
static const char *
bare_phrase(const struct adc_component_layers *c)
{
	const char *why;

	if (c->present == ADC_PRESENT_NO &&
	    c->component == ADC_COMP_HOST_CACHE &&
	    (why = adc_no_host_cache(c->disk)) != NULL)
		return why;
	if (c->present == ADC_PRESENT_NO)
		return "none: the VM has no such component";
	if (!c->complete)
		return "not known: a setting it depends on is unknown";
	if (c->present == ADC_PRESENT_UNKNOWN)
		return "no layer, if it exists: unencrypted (the export does "
		    "not say whether the VM has one)";
	if (c->component == ADC_COMP_TRANSIT)
		return "no layer: no disk-encryption method covers the "
		    "path to Storage (what the transport itself does is "
		    "outside this model)";
	return "no layer: unencrypted";
}

static void
component_text(struct adc_buf *out, const struct adc_component_layers *c,
    const char *indent)
{
	char first[128], cont[64];
	size_t i;

	snprintf(cont, sizeof(cont), "%s  ", indent);
	if (c->n_layers == 0) {
		snprintf(first, sizeof(first), "%s%s: ", indent, c->label);
		adc_render_wrapped(out, first, cont, bare_phrase(c), 80);
		return;
	}

	adc_buf_printf(out, "%s%s%s\n", indent, c->label,
	    c->present == ADC_PRESENT_UNKNOWN ?
	    " (not known whether the VM has one; if it does:)" : "");
	for (i = 0; i < c->n_layers; i++)
		layer_text(out, &c->layers[i], indent);
	if (!c->complete)
		adc_render_wrapped(out, cont, cont, "and maybe more: a "
		    "setting the layers depend on is unknown", 80);
}

int
adc_render_analysis_text(struct adc_buf *out, const struct adc_analysis *a,
    const char *indent)
{
	size_t i;

	for (i = 0; i < a->n_components; i++)
		component_text(out, &a->components[i], indent);
	return out->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */
/* ------------------------------------------------------------------ */

/* An underscore inside a word (Standard_D2s_v5) cannot start or end
 * emphasis in CommonMark, so it stays bare and the source stays
 * readable. */
static bool
bare_underscore(const char *start, const char *p)
{
	return p > start && isalnum((unsigned char)p[-1]) &&
	    isalnum((unsigned char)p[1]);
}

int
adc_render_md_escaped(struct adc_buf *out, const char *s)
{
	const char *start = s;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '_' && bare_underscore(start, s))
			adc_buf_append(out, s, 1);
		else if (strchr("|\\`*_<[]", *s) != NULL)
			adc_buf_printf(out, "\\%c", *s);
		else if (*s == '\n' || *s == '\r')
			adc_buf_puts(out, " ");
		else
			adc_buf_append(out, s, 1);
	}
	return out->failed ? -1 : 0;
}

static void
component_markdown(struct adc_buf *out,
    const struct adc_component_layers *c)
{
	char label[32], key[256];
	size_t i;

	if (c->n_layers == 0) {
		adc_buf_puts(out, "| ");
		adc_render_md_escaped(out, c->label);
		adc_buf_printf(out, " | %s | | | |\n", bare_phrase(c));
		return;
	}
	for (i = 0; i < c->n_layers; i++) {
		const struct adc_layer *l = &c->layers[i];

		adc_layer_label(l, ADC_LABEL_LONG, label, sizeof(label));
		key_phrase(l, key, sizeof(key));
		adc_buf_puts(out, "| ");
		if (i == 0)
			adc_render_md_escaped(out, c->label);
		adc_buf_printf(out, " | %s: %s%s | ", label,
		    adc_layer_title(l->kind),
		    l->disputed ? " (disputed)" : "");
		adc_render_md_escaped(out, key);
		adc_buf_printf(out, " | %s | %s |\n",
		    l->cross_subscription == ADC_YES ||
		    l->cross_tenant == ADC_YES ? "vault elsewhere" : "",
		    l->source != NULL ? l->source : "");
	}
	if (!c->complete)
		adc_buf_puts(out, "| | and maybe more: a setting is unknown "
		    "| | | |\n");
}

int
adc_render_analysis_markdown(struct adc_buf *out,
    const struct adc_analysis *a)
{
	size_t i;

	adc_buf_puts(out, "| Component | Layer (outermost first) | Key | "
	    "Note | Source |\n|---|---|---|---|---|\n");
	for (i = 0; i < a->n_components; i++)
		component_markdown(out, &a->components[i]);
	return out->failed ? -1 : 0;
}
