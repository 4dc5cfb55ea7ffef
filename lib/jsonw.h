/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h: a small JSON writer into an adc_buf. It tracks commas and
 * indentation so callers write values in order and never punctuation.
 */
#ifndef ADC_JSONW_H
#define ADC_JSONW_H

#include <stdbool.h>

#include "adc.h"
#include "buf.h"

#define ADC_JSONW_MAX_DEPTH 64

struct adc_jsonw {
	struct adc_buf	*out;
	bool		 pretty;
	unsigned	 pretty_depth;	/* deeper containers stay on one line */
	unsigned	 depth;
	bool		 after_key;	/* next value follows "key": */
	bool		 has_items[ADC_JSONW_MAX_DEPTH];
	bool		 overflow;	/* nested too deep, or a bad key */
};

void adc_jsonw_init(struct adc_jsonw *w, struct adc_buf *out, bool pretty);
/* Pretty only down to depth levels: the members of containers nested
 * deeper are written on one line (one record per line for big lists). */
void adc_jsonw_set_pretty_depth(struct adc_jsonw *w, unsigned depth);
void adc_jsonw_object_begin(struct adc_jsonw *w);
void adc_jsonw_object_end(struct adc_jsonw *w);
void adc_jsonw_array_begin(struct adc_jsonw *w);
void adc_jsonw_array_end(struct adc_jsonw *w);
void adc_jsonw_key(struct adc_jsonw *w, const char *key);
/* A key of len bytes. */
void adc_jsonw_key_n(struct adc_jsonw *w, const char *key, size_t len);
/* A literal key, written as a token made at compile time: the quoted
 * key, the colon and the space pretty output puts after it. A writer of
 * millions of records neither measures nor scans the same few words for
 * each one. The key must need no escaping; builds without NDEBUG check
 * that and fail the writer (adc_jsonw_failed) when it does. */
void adc_jsonw_key_token(struct adc_jsonw *w, const char *token,
    size_t len);
#define ADC_JSONW_KEY(w, lit) \
	adc_jsonw_key_token((w), "\"" lit "\": ", sizeof(lit) + 3)
/* A string value; NULL writes null. Invalid UTF-8 bytes are written as
 * U+FFFD so the output is always valid JSON. */
void adc_jsonw_string(struct adc_jsonw *w, const char *s);
/* A string value of len bytes (a NUL among them is escaped). */
void adc_jsonw_string_n(struct adc_jsonw *w, const char *s, size_t len);
void adc_jsonw_int(struct adc_jsonw *w, long long v);
void adc_jsonw_bool(struct adc_jsonw *w, bool v);
void adc_jsonw_null(struct adc_jsonw *w);
/* ADC_YES true, ADC_NO false, ADC_UNKNOWN null. */
void adc_jsonw_tri(struct adc_jsonw *w, enum adc_tri v);
/* Close with a newline when pretty. */
void adc_jsonw_finish(struct adc_jsonw *w);
/* Non-zero when the buffer ran out, nesting overflowed, a literal key
 * needed escaping (ADC_JSONW_KEY), or (once the top value should be
 * complete) a container is still open. */
int adc_jsonw_failed(const struct adc_jsonw *w);

#endif
