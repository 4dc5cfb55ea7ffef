/* SPDX-License-Identifier: MIT */
/*
 * import.c: reading JSON exports of Azure resources into an estate. This
 * file recognises the shape of each document and walks to the resource
 * objects; import_fields.c reads a resource's members and
 * import_commit.c turns them into model structs. docs/import.md lists
 * the shapes:
 *
 *   a resource object            az ... show, a REST GET body
 *   [resource, ...]              az ... list, Resource Graph rows
 *   {"value": [resource, ...]}   a REST list response
 *   {"data": [row, ...]}         a Resource Graph response (objectArray)
 *   {"data": {"columns": [...], "rows": [[cell, ...], ...]}}
 *                                the same in Resource Graph's table format
 *   {"responses": {"200": {"body": ...}}}  a REST API spec example
 *
 * ARM templates are recognised and refused with ADC_ESCHEMA.
 */
#include "import_internal.h"
#include "json_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH_CHUNK	(16 * 1024)

struct scratch_chunk {
	struct scratch_chunk *next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

const char *
imp_strdup(struct imp *imp, const char *s, size_t len)
{
	struct scratch_chunk *c = imp->chunks;
	char *p;

	/* Reuse the chunks kept by the last reset before allocating. */
	while (c != NULL && c->size - c->used < len + 1)
		c = c->next;
	if (c == NULL) {
		size_t size = len + 1 > SCRATCH_CHUNK ? len + 1 : SCRATCH_CHUNK;

		c = malloc(sizeof(*c) + size);
		if (c == NULL)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = imp->chunks;
		imp->chunks = c;
	}
	p = c->data + c->used;
	memcpy(p, s, len);
	p[len] = '\0';
	c->used += len + 1;
	return p;
}

void
imp_scratch_reset(struct imp *imp)
{
	struct scratch_chunk *c;

	for (c = imp->chunks; c != NULL; c = c->next)
		c->used = 0;
}

void
imp_scratch_free(struct imp *imp)
{
	struct scratch_chunk *c, *next;

	for (c = imp->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	imp->chunks = NULL;
}

enum adc_status
imp_reader_error(struct imp *imp)
{
	const struct adc_diag *rd = adc_json_diag(imp->r);
	enum adc_status st = rd->status != ADC_OK ? rd->status : ADC_ESYNTAX;

	if (imp->diag != NULL && imp->diag->status == ADC_OK) {
		*imp->diag = *rd;
		imp->diag->status = st;
		if (imp->diag->source == NULL)
			imp->diag->source = imp->file;
	}
	return st;
}

enum adc_status
imp_schema(struct imp *imp, const char *fmt, ...)
{
	struct adc_json_pos pos;
	char ptr[256], msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	adc_json_position(imp->r, &pos);
	adc_json_pointer(imp->r, ptr, sizeof(ptr));
	if (imp->diag != NULL && imp->diag->source == NULL)
		imp->diag->source = imp->file;
	return adc_diag_set_at(imp->diag, ADC_ESCHEMA, pos.offset, pos.line,
	    pos.col, ptr, "%s", msg);
}

enum adc_status
imp_note_here(struct imp *imp, const char *code, const char *fmt, ...)
{
	struct adc_json_pos pos;
	struct adc_origin origin;
	char ptr[256], msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	adc_json_position(imp->r, &pos);
	adc_json_pointer(imp->r, ptr, sizeof(ptr));
	origin.file = imp->file;
	origin.line = pos.line;
	origin.col = pos.col;
	origin.col_utf16 = pos.col_utf16;
	origin.pointer = adc_estate_intern(imp->est, ptr, (size_t)-1);
	if (origin.pointer == NULL)
		return ADC_ENOMEM;
	return adc_estate_note(imp->est, code, &origin, "%s", msg);
}

/* Start staging a resource whose OBJECT_BEGIN was just read. */
static enum adc_status
begin_resource(struct imp *imp)
{
	char ptr[256];

	imp_scratch_reset(imp);
	memset(&imp->raw, 0, sizeof(imp->raw));
	imp->raw.os.lun = -1;
	imp->raw.os.size_gb = -1;
	imp->raw.size_gb = -1;
	imp->n_data = 0;
	adc_json_position(imp->r, &imp->raw.pos);
	adc_json_pointer(imp->r, ptr, sizeof(ptr));
	imp->raw.pointer = imp_strdup(imp, ptr, strlen(ptr));
	return imp->raw.pointer != NULL ? ADC_OK : ADC_ENOMEM;
}

struct columns;
static enum adc_status read_row(struct imp *imp, const struct columns *c);

/* One resource whose first event (an object's or, in a Resource Graph
 * table, a row's) was just read: its members, then the model structs.
 * columns is the table's, or NULL for an object. */
static enum adc_status
read_resource(struct imp *imp, const struct columns *columns)
{
	enum adc_status st = begin_resource(imp);

	if (st == ADC_OK)
		st = columns != NULL ? read_row(imp, columns) :
		    imp_read_members(imp, false);
	if (st == ADC_OK)
		st = imp_commit(imp);
	return st;
}

/* A list of resources (az list output, REST value[], Resource Graph
 * rows); the ARRAY_BEGIN was just read. */
static enum adc_status
read_list(struct imp *imp)
{
	enum adc_json_event ev;
	enum adc_status st;

	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_ARRAY_END)
			return ADC_OK;
		if (ev == ADC_JSON_ERROR)
			return imp_reader_error(imp);
		if (ev == ADC_JSON_NULL)
			continue;
		if (ev != ADC_JSON_OBJECT_BEGIN)
			return imp_schema(imp, "expected an Azure resource "
			    "object in the list, found %s",
			    ev == ADC_JSON_ARRAY_BEGIN ? "an array" :
			    ev == ADC_JSON_STRING ? "a string" : "a scalar");
		st = read_resource(imp, NULL);
		if (st != ADC_OK)
			return st;
	}
}

static enum adc_status read_object_doc(struct imp *imp, unsigned level);

/* A document value: a list, or an object that is a resource or an
 * envelope. ev is the value's first event. */
static enum adc_status
read_doc_value(struct imp *imp, enum adc_json_event ev, unsigned level)
{
	switch (ev) {
	case ADC_JSON_ARRAY_BEGIN:
		return read_list(imp);
	case ADC_JSON_OBJECT_BEGIN:
		return read_object_doc(imp, level);
	case ADC_JSON_ERROR:
		return imp_reader_error(imp);
	default:
		return imp_schema(imp, "expected an Azure resource, a list of "
		    "resources or a REST or Resource Graph response");
	}
}

/* A REST API spec example's "responses": read one body, "200" when there
 * is one, otherwise the first that has a body. Bodies seen before "200"
 * are rolled back: the example's 201/202 bodies describe the same
 * resource mid-creation. */
struct mark {
	size_t n_vms, n_disks, n_des, n_vaults, n_keys, n_notes;
	size_t ignored, not_resources, n_refs;
	enum adc_tri eah_feature;
};

static void
take_mark(const struct imp *imp, struct mark *m)
{
	const struct adc_estate *est = imp->est;

	adc_estate_refs(imp->est, &m->n_refs);
	m->ignored = imp->ignored;
	m->not_resources = imp->not_resources;
	m->eah_feature = est->eah_feature;
	m->n_vms = est->n_vms;
	m->n_disks = est->n_disks;
	m->n_des = est->n_des;
	m->n_vaults = est->n_vaults;
	m->n_keys = est->n_keys;
	m->n_notes = est->n_notes;
}

static void
roll_back(struct imp *imp, const struct mark *m)
{
	struct adc_estate *est = imp->est;

	adc_estate_truncate_refs(est, m->n_refs);
	imp->ignored = m->ignored;
	imp->not_resources = m->not_resources;
	est->eah_feature = m->eah_feature;
	est->n_vms = m->n_vms;
	est->n_disks = m->n_disks;
	est->n_des = m->n_des;
	est->n_vaults = m->n_vaults;
	est->n_keys = m->n_keys;
	est->n_notes = m->n_notes;
}

static enum adc_status
read_response(struct imp *imp, unsigned level)
{
	enum adc_json_event ev;
	bool found = false;
	enum adc_status st;

	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			return found ? ADC_OK : ADC_ENOTFOUND;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		if (found || strcmp(adc_json_string(imp->r, NULL), "body")) {
			if (adc_json_skip(imp->r) != ADC_OK)
				return imp_reader_error(imp);
			continue;
		}
		st = read_doc_value(imp, adc_json_next(imp->r), level + 1);
		if (st != ADC_OK)
			return st;
		found = true;
	}
}

static enum adc_status
read_responses(struct imp *imp, unsigned level)
{
	enum adc_json_event ev;
	enum adc_status st;
	struct mark m;
	bool chosen = false, chose_200 = false, is_200;

	memset(&m, 0, sizeof(m));
	ev = adc_json_next(imp->r);
	if (ev == ADC_JSON_ERROR)
		return imp_reader_error(imp);
	if (ev != ADC_JSON_OBJECT_BEGIN)
		return imp_schema(imp, "expected \"responses\" to be an object "
		    "of status codes");
	for (;;) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			return ADC_OK;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		is_200 = strcmp(adc_json_string(imp->r, NULL), "200") == 0;
		if (chose_200 || (chosen && !is_200)) {
			if (adc_json_skip(imp->r) != ADC_OK)
				return imp_reader_error(imp);
			continue;
		}
		if (chosen)
			roll_back(imp, &m);
		take_mark(imp, &m);
		ev = adc_json_next(imp->r);
		if (ev != ADC_JSON_OBJECT_BEGIN) {
			if (ev == ADC_JSON_ERROR)
				return imp_reader_error(imp);
			if (ev == ADC_JSON_ARRAY_BEGIN &&
			    adc_json_skip(imp->r) != ADC_OK)
				return imp_reader_error(imp);
			continue;
		}
		st = read_response(imp, level);
		if (st == ADC_ENOTFOUND)
			continue;
		if (st != ADC_OK)
			return st;
		chosen = true;
		chose_200 = is_200;
	}
}

/* After a value's first event: skip the rest of it when it is a
 * container. Returns 1, or -status on a reader error. */
static int
skip_rest(struct imp *imp, enum adc_json_event ev)
{
	if (ev != ADC_JSON_OBJECT_BEGIN && ev != ADC_JSON_ARRAY_BEGIN)
		return 1;
	if (adc_json_skip(imp->r) != ADC_OK)
		return -(int)imp_reader_error(imp);
	return 1;
}

/* "$schema": an ARM template or parameter file names its schema here.
 * XXX: ARM templates are refused, since nothing evaluates their
 * expressions; an evaluator for parameters, variables and the common
 * functions would let check read a plan (KNOWN_LIMITATIONS). */
static int
schema_member(struct imp *imp)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	const char *s;

	if (ev == ADC_JSON_ERROR)
		return -(int)imp_reader_error(imp);
	s = ev == ADC_JSON_STRING ? adc_json_string(imp->r, NULL) : "";
	if (strstr(s, "deploymentTemplate") != NULL ||
	    strstr(s, "deploymentParameters") != NULL)
		return -(int)imp_schema(imp, "this is an ARM deployment "
		    "template; templates are not read yet (give az or REST "
		    "exports of deployed resources)");
	return skip_rest(imp, ev);
}

/* ---- Resource Graph results in table format ---------------------- */

/* The column names of a table, in order. */
struct columns {
	char		**name;
	size_t		 n, cap;
	bool		 seen;
};

static void
columns_free(struct columns *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	memset(c, 0, sizeof(*c));
}

static enum adc_status
columns_add(struct columns *c, const char *s, size_t len)
{
	char **grown, *copy;

	if (c->n == c->cap) {
		c->cap = c->cap > 0 ? c->cap * 2 : 16;
		grown = realloc(c->name, c->cap * sizeof(*grown));
		if (grown == NULL)
			return ADC_ENOMEM;
		c->name = grown;
	}
	copy = malloc(len + 1);
	if (copy == NULL)
		return ADC_ENOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	c->name[c->n++] = copy;
	return ADC_OK;
}

/* "columns": [{"name": "id", "type": "string"}, ...]; the ARRAY_BEGIN
 * is still to come. A column without a name keeps its place as "". */
static enum adc_status
read_columns(struct imp *imp, struct columns *c)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	const char *s;
	bool named;
	size_t len;

	if (ev == ADC_JSON_ERROR)
		return imp_reader_error(imp);
	if (ev != ADC_JSON_ARRAY_BEGIN)
		return imp_schema(imp, "expected the table's columns as an "
		    "array of {\"name\", \"type\"} objects");
	c->seen = true;
	while ((ev = adc_json_next(imp->r)) != ADC_JSON_ARRAY_END) {
		if (ev == ADC_JSON_ERROR)
			return imp_reader_error(imp);
		if (ev != ADC_JSON_OBJECT_BEGIN)
			return imp_schema(imp, "expected a column object "
			    "({\"name\": ..., \"type\": ...})");
		named = false;
		while ((ev = adc_json_next(imp->r)) == ADC_JSON_KEY) {
			if (named || !adc_json_string_is(imp->r, "name")) {
				if (adc_json_skip(imp->r) != ADC_OK)
					return imp_reader_error(imp);
				continue;
			}
			ev = adc_json_next(imp->r);
			if (ev == ADC_JSON_ERROR)
				return imp_reader_error(imp);
			if (ev != ADC_JSON_STRING)
				return imp_schema(imp, "a column's name must "
				    "be a string");
			s = adc_json_string(imp->r, &len);
			if (s == NULL || columns_add(c, s, len) != ADC_OK)
				return ADC_ENOMEM;
			named = true;
		}
		if (ev != ADC_JSON_OBJECT_END)
			return imp_reader_error(imp);
		if (!named && columns_add(c, "", 0) != ADC_OK)
			return ADC_ENOMEM;
	}
	return ADC_OK;
}

/* One row, its ARRAY_BEGIN just read: cell i is the member named by
 * column i, read as the member of an object would be. */
static enum adc_status
read_row(struct imp *imp, const struct columns *c)
{
	enum adc_json_event ev;
	enum adc_status st;
	uint64_t seen = 0;
	const char *name;
	size_t i;

	for (i = 0;; i++) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_ARRAY_END)
			break;
		if (ev == ADC_JSON_ERROR)
			return imp_reader_error(imp);
		if (i >= c->n)
			return imp_schema(imp, "this row has more cells than "
			    "the table has columns (%zu)", c->n);
		name = c->name[i];
		adc_json_replay(imp->r);
		if (name[0] == '\0') {
			if (adc_json_skip(imp->r) != ADC_OK)
				return imp_reader_error(imp);
			continue;
		}
		st = imp_member(imp, name, strlen(name), false, &seen);
		if (st != ADC_OK)
			return st;
	}
	if (i < c->n)
		return imp_schema(imp, "this row has %zu cells; the table has "
		    "%zu columns", i, c->n);
	return ADC_OK;
}

/* "rows": [[cell, ...], ...]; the ARRAY_BEGIN is still to come. */
static enum adc_status
read_rows(struct imp *imp, const struct columns *c)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	enum adc_status st;

	if (ev == ADC_JSON_ERROR)
		return imp_reader_error(imp);
	if (!c->seen)
		return imp_schema(imp, "the table's rows come before its "
		    "columns; give \"columns\" first, as Resource Graph "
		    "writes it");
	if (ev != ADC_JSON_ARRAY_BEGIN)
		return imp_schema(imp, "expected the table's rows as an array "
		    "of arrays");
	while ((ev = adc_json_next(imp->r)) != ADC_JSON_ARRAY_END) {
		if (ev == ADC_JSON_ERROR)
			return imp_reader_error(imp);
		if (ev == ADC_JSON_NULL)
			continue;	/* as in lists */
		if (ev != ADC_JSON_ARRAY_BEGIN)
			return imp_schema(imp, "expected a row (an array of "
			    "cells, one per column)");
		st = read_resource(imp, c);
		if (st != ADC_OK)
			return st;
	}
	return ADC_OK;
}

/* Resource Graph's table format: "data": {"columns": [...], "rows":
 * [...]}, the default of its older API versions. Each row is read as
 * the object its columns name. The OBJECT_BEGIN was just read. */
static enum adc_status
read_table(struct imp *imp)
{
	struct columns c = { NULL, 0, 0, false };
	enum adc_json_event ev;
	enum adc_status st = ADC_OK;

	while (st == ADC_OK &&
	    (ev = adc_json_next(imp->r)) != ADC_JSON_OBJECT_END) {
		if (ev != ADC_JSON_KEY) {
			st = imp_reader_error(imp);
		} else if (adc_json_string_is(imp->r, "columns")) {
			columns_free(&c);
			st = read_columns(imp, &c);
		} else if (adc_json_string_is(imp->r, "rows")) {
			st = read_rows(imp, &c);
		} else if (adc_json_skip(imp->r) != ADC_OK) {
			st = imp_reader_error(imp);
		}
	}
	columns_free(&c);
	return st;
}

/* "value" (REST lists) or "data" (Resource Graph). */
static int
list_member(struct imp *imp, bool is_data, bool *envelope)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	enum adc_status st;

	if (ev == ADC_JSON_ERROR)
		return -(int)imp_reader_error(imp);
	if (ev == ADC_JSON_OBJECT_BEGIN && is_data) {
		*envelope = true;
		st = read_table(imp);
		return st == ADC_OK ? 1 : -(int)st;
	}
	if (ev != ADC_JSON_ARRAY_BEGIN)
		return skip_rest(imp, ev);
	*envelope = true;
	st = read_list(imp);
	return st == ADC_OK ? 1 : -(int)st;
}

/* "nextLink", "$skipToken", "resultTruncated": more results exist. */
static int
incomplete_member(struct imp *imp)
{
	enum adc_json_event ev = adc_json_next(imp->r);
	enum adc_status st;
	const char *s;
	bool truncated;

	if (ev == ADC_JSON_ERROR)
		return -(int)imp_reader_error(imp);
	s = ev == ADC_JSON_STRING ? adc_json_string(imp->r, NULL) :
	    ev == ADC_JSON_TRUE ? "true" : "";
	if (*s == '\0' || strcmp(s, "false") == 0)
		return skip_rest(imp, ev);
	truncated = strcmp(s, "true") == 0;
	st = imp_note_here(imp, "incomplete-list", "the response says more "
	    "results exist than it holds (%s); resources on later pages are "
	    "missing", truncated ? "resultTruncated" :
	    "a continuation link or token");
	return st == ADC_OK ? 1 : -(int)st;
}

/* Envelope members at document level. Returns 1 when key was one (its
 * value consumed), 0 when it belongs to a resource, or -status. */
static int
envelope_member(struct imp *imp, const char *key, unsigned level,
    bool *envelope)
{
	enum adc_status st;

	if (strcmp(key, "$schema") == 0)
		return schema_member(imp);
	if (strcmp(key, "contentVersion") == 0)
		return -(int)imp_schema(imp, "this looks like an ARM "
		    "deployment template (it has \"contentVersion\"); "
		    "templates are not read yet");
	if (strcmp(key, "value") == 0 || strcmp(key, "data") == 0)
		return list_member(imp, key[0] == 'd', envelope);
	if (strcmp(key, "nextLink") == 0 || strcmp(key, "$skipToken") == 0 ||
	    strcmp(key, "resultTruncated") == 0)
		return incomplete_member(imp);
	if (strcmp(key, "responses") == 0) {
		*envelope = true;
		st = read_responses(imp, level);
		return st == ADC_OK ? 1 : -(int)st;
	}
	return 0;
}

/* An object at document level: a resource, or an envelope around
 * resources. Members are read as the resource's until an envelope member
 * shows what it is; a resource is committed at its end. */
static enum adc_status
read_object_doc(struct imp *imp, unsigned level)
{
	enum adc_json_event ev;
	enum adc_status st;
	bool envelope = false;
	uint64_t seen = 0;
	const char *key;
	size_t len;
	int rc;

	/* A spec example's body holds the resource: two levels suffice. */
	if (level > 3)
		return imp_schema(imp, "responses nested too deeply");
	st = begin_resource(imp);
	while (st == ADC_OK) {
		ev = adc_json_next(imp->r);
		if (ev == ADC_JSON_OBJECT_END)
			break;
		if (ev != ADC_JSON_KEY)
			return imp_reader_error(imp);
		key = adc_json_string(imp->r, &len);
		rc = envelope_member(imp, key, level, &envelope);
		if (rc < 0)
			return (enum adc_status)-rc;
		if (rc == 0)
			st = imp_member(imp, key, len, false, &seen);
	}
	if (st != ADC_OK || envelope)
		return st;
	return imp_commit(imp);
}

/* Notes that summarise a document: what was skipped and why. */
static enum adc_status
summary_notes(struct imp *imp)
{
	struct adc_origin origin = { imp->file, 1, 1, "", 1 };
	enum adc_status st = ADC_OK;

	if (imp->ignored > 0)
		st = adc_estate_note(imp->est, "ignored-type", &origin,
		    "%zu resource(s) of types that do not bear on disk "
		    "encryption were skipped (for example %s)", imp->ignored,
		    imp->ignored_type != NULL ? imp->ignored_type : "?");
	if (st == ADC_OK && imp->not_resources > 0)
		st = adc_estate_note(imp->est, "not-a-resource", &origin,
		    "%zu object(s) with neither an Azure resource id nor a "
		    "type were skipped", imp->not_resources);
	return st;
}

static enum adc_status
read_all(struct adc_estate *estate, struct adc_json_reader *r,
    const char *name, struct adc_diag *diag)
{
	struct imp imp;
	enum adc_json_event ev;
	enum adc_status st;

	memset(&imp, 0, sizeof(imp));
	imp.r = r;
	imp.est = estate;
	imp.diag = diag;
	imp_index_names(&imp);
	imp.file = adc_estate_intern(estate, name, (size_t)-1);
	if (imp.file == NULL)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	st = read_doc_value(&imp, adc_json_next(r), 0);
	if (st == ADC_OK) {
		ev = adc_json_next(r);
		if (ev == ADC_JSON_ERROR)
			st = imp_reader_error(&imp);
		else if (ev != ADC_JSON_EOF)
			st = imp_schema(&imp, "expected the end of the input");
	}
	if (st == ADC_OK)
		st = summary_notes(&imp);
	if (st == ADC_ENOMEM)
		adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	imp_scratch_free(&imp);
	free(imp.data);
	return st;
}

/* Duplicate keys are found by the importer among the members it reads
 * (import_fields.c), which costs nothing for the members it skips. */
static const struct adc_json_options reader_opts = {
	0, 0, 0, false
};

enum adc_status
adc_estate_read_fd(struct adc_estate *estate, int fd, const char *name,
    struct adc_diag *diag)
{
	struct adc_json_reader *r;
	enum adc_status st;

	if (estate == NULL || estate->priv == NULL || name == NULL)
		return adc_diag_set(diag, ADC_EINVAL,
		    "no estate or input name");
	if (adc_estate_linked(estate, false))
		return adc_diag_set(diag, ADC_EINVAL, "the estate is linked "
		    "already: read every input before linking");
	r = adc_json_open_fd(fd, name, &reader_opts, diag);
	if (r == NULL)
		return diag != NULL && diag->status != ADC_OK ? diag->status :
		    ADC_ENOMEM;
	st = read_all(estate, r, name, diag);
	adc_json_close(r);
	return st;
}

enum adc_status
adc_estate_read_buffer(struct adc_estate *estate, const void *buf,
    size_t len, const char *name, struct adc_diag *diag)
{
	struct adc_json_reader *r;
	enum adc_status st;

	if (estate == NULL || estate->priv == NULL || name == NULL ||
	    (buf == NULL && len > 0))
		return adc_diag_set(diag, ADC_EINVAL,
		    "no estate or input name");
	if (adc_estate_linked(estate, false))
		return adc_diag_set(diag, ADC_EINVAL, "the estate is linked "
		    "already: read every input before linking");
	r = adc_json_open_buffer(buf, len, name, &reader_opts, diag);
	if (r == NULL)
		return diag != NULL && diag->status != ADC_OK ? diag->status :
		    ADC_ENOMEM;
	st = read_all(estate, r, name, diag);
	adc_json_close(r);
	return st;
}
