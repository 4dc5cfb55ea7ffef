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
	bool		 overflow;	/* nested deeper than the maximum */
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
/* A key of len bytes. ADC_JSONW_KEY passes a literal key with its length
 * known at compile time, so a writer of millions of records does not
 * measure the same few words again for each one. */
void adc_jsonw_key_n(struct adc_jsonw *w, const char *key, size_t len);
#define ADC_JSONW_KEY(w, lit) \
	adc_jsonw_key_n((w), "" lit "", sizeof(lit) - 1)
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
/* Non-zero when the buffer ran out, nesting overflowed, or (once the
 * top value should be complete) a container is still open. */
int adc_jsonw_failed(const struct adc_jsonw *w);

#endif
