/* SPDX-License-Identifier: MIT */
/*
 * json_value.c: what a caller reads from the reader's current event:
 * unescaped strings, raw scalars, numbers, duplicate keys, positions and
 * JSON pointers.
 */
#include "json_internal.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

static unsigned
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

static unsigned
hex_quad(const unsigned char *p)
{
	return hexval(p[0]) << 12 | hexval(p[1]) << 8 | hexval(p[2]) << 4 |
	    hexval(p[3]);
}

static size_t
put_utf8(char *dst, unsigned cp)
{
	if (cp < 0x80) {
		dst[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		dst[0] = (char)(0xc0 | cp >> 6);
		dst[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		dst[0] = (char)(0xe0 | cp >> 12);
		dst[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		dst[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	dst[0] = (char)(0xf0 | cp >> 18);
	dst[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	dst[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	dst[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One escape at src[i] (a backslash); returns the bytes it took, 0 when
 * src ends inside it. The scanner validated it, surrogates included. */
static size_t
unescape_one(const unsigned char *src, size_t i, size_t n, char *dst,
    size_t *outp)
{
	static const char plain[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
	const char *m;
	unsigned cp, lo;

	if (n - i < 2)
		return 0;
	if (src[i + 1] != 'u') {
		m = strchr(plain, src[i + 1]);
		dst[(*outp)++] = m != NULL ? m[1] : '?';
		return 2;
	}
	if (n - i < 6)
		return 0;
	cp = hex_quad(src + i + 2);
	if (cp < 0xd800 || cp > 0xdbff) {
		*outp += put_utf8(dst + *outp, cp);
		return 6;
	}
	if (n - i < 12)
		return 0;
	lo = hex_quad(src + i + 8);
	cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	*outp += put_utf8(dst + *outp, cp);
	return 12;
}

size_t
adc_json_unescape(const unsigned char *src, size_t n, char *dst)
{
	size_t i = 0, out = 0;

	while (i < n) {
		const unsigned char *bs = memchr(src + i, '\\', n - i);
		size_t run = bs != NULL ? (size_t)(bs - src) - i : n - i;
		size_t took;

		memcpy(dst + out, src + i, run);
		out += run;
		i += run;
		if (i == n)
			break;
		took = unescape_one(src, i, n, dst, &out);
		if (took == 0)
			break;
		i += took;
	}
	return out;
}

static int
text_room(struct adc_json_reader *r, size_t n)
{
	char *p;
	size_t cap;

	if (n <= r->text_cap)
		return 0;
	cap = r->text_cap ? r->text_cap : 256;
	while (cap < n)
		cap *= 2;
	p = realloc(r->text, cap);
	if (p == NULL)
		return -1;
	r->text = p;
	r->text_cap = cap;
	return 0;
}

/* Unescape the current string token into r->text. */
static int
materialise(struct adc_json_reader *r)
{
	const unsigned char *src = r->buf + r->tok + 1;
	size_t n = r->tok_len - 2;

	if (r->text_ready)
		return 0;
	if (text_room(r, n + 1) < 0)
		return -1;
	if (r->tok_escaped) {
		r->text_len = adc_json_unescape(src, n, r->text);
	} else {
		memcpy(r->text, src, n);
		r->text_len = n;
	}
	r->text[r->text_len] = '\0';
	r->text_ready = true;
	return 0;
}

const char *
adc_json_string(struct adc_json_reader *r, size_t *len)
{
	if (r->cur != ADC_JSON_KEY && r->cur != ADC_JSON_STRING)
		return NULL;
	/* Out of memory fails the reader, so the caller's next call sees
	 * the error; until then it gets an empty string, never NULL, so a
	 * caller comparing the text cannot dereference NULL. */
	if (materialise(r) < 0) {
		adc_json_fail(r, r->tok, ADC_ENOMEM, "out of memory for a "
		    "%zu-byte string", r->tok_len);
		if (len != NULL)
			*len = 0;
		return "";
	}
	if (len != NULL)
		*len = r->text_len;
	return r->text;
}

/* Without escapes the raw text is the string and holds no NUL, so
 * strncmp stops at the first difference without measuring s first; s[n]
 * is only read once s is known to be at least n bytes long. */
bool
adc_json_string_is(struct adc_json_reader *r, const char *s)
{
	size_t n = r->tok_len - 2;

	if (r->cur != ADC_JSON_KEY && r->cur != ADC_JSON_STRING)
		return false;
	if (!r->tok_escaped)
		return strncmp((const char *)r->buf + r->tok + 1, s, n) == 0 &&
		    s[n] == '\0';
	if (materialise(r) < 0)
		return false;
	n = strlen(s);
	return r->text_len == n && memcmp(r->text, s, n) == 0;
}

const char *
adc_json_raw(struct adc_json_reader *r, size_t *len)
{
	switch (r->cur) {
	case ADC_JSON_KEY:
	case ADC_JSON_STRING:
	case ADC_JSON_NUMBER:
	case ADC_JSON_TRUE:
	case ADC_JSON_FALSE:
	case ADC_JSON_NULL:
		break;
	default:
		return NULL;
	}
	if (text_room(r, r->tok_len + 1) < 0)
		return NULL;
	memcpy(r->text, r->buf + r->tok, r->tok_len);
	r->text[r->tok_len] = '\0';
	r->text_len = r->tok_len;
	r->text_ready = false;	/* text no longer holds the unescaped form */
	if (len != NULL)
		*len = r->tok_len;
	return r->text;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* Integer form only: a fraction or an exponent is "not an integer",
 * even when the value is whole (1.0, 1e2). */
enum adc_status
adc_json_number_i64(struct adc_json_reader *r, int64_t *out)
{
	const unsigned char *s = r->buf + r->tok;
	size_t i = 0, n = r->tok_len;
	bool neg = false;
	uint64_t v = 0, max;

	if (r->cur != ADC_JSON_NUMBER)
		return ADC_EINVAL;
	if (s[0] == '-') {
		neg = true;
		i++;
	}
	max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return ADC_ELIMIT;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return ADC_ELIMIT;
		v = v * 10 + d;
	}
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return ADC_OK;
}

/* strtod follows the locale's decimal point; JSON's is always '.'. */
enum adc_status
adc_json_number_double(struct adc_json_reader *r, double *out)
{
	const char *dp = localeconv()->decimal_point;
	char *num, *end, *p;
	double d;

	if (r->cur != ADC_JSON_NUMBER)
		return ADC_EINVAL;
	num = (char *)(uintptr_t)adc_json_raw(r, NULL);
	if (num == NULL)
		return ADC_ENOMEM;
	p = strchr(num, '.');
	if (p != NULL && dp != NULL && dp[0] != '\0' && dp[1] == '\0')
		*p = dp[0];

	errno = 0;
	d = strtod(num, &end);
	if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL))
		return ADC_ELIMIT;
	*out = d;
	return ADC_OK;
}

/* ------------------------------------------------------------------ */
/* Duplicate keys                                                      */
/* ------------------------------------------------------------------ */

/* FNV-1a with a final mix; 0 is kept for empty slots. */
static uint64_t
key_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

static int
keyset_grow(struct json_keyset *ks)
{
	size_t cap = ks->cap ? ks->cap * 2 : 16, i, j;
	uint64_t *slot = calloc(cap, sizeof(*slot));

	if (slot == NULL)
		return -1;
	for (i = 0; i < ks->cap; i++) {
		if (ks->slot[i] == 0)
			continue;
		for (j = ks->slot[i] & (cap - 1); slot[j] != 0;
		    j = (j + 1) & (cap - 1))
			;
		slot[j] = ks->slot[i];
	}
	free(ks->slot);
	ks->slot = slot;
	ks->cap = cap;
	return 0;
}

/* XXX: keys are compared by a 64-bit hash, so two different keys in one
 * object could be taken for duplicates (odds about 2^-64 per pair), and
 * past JSON_DUP_BUDGET keys in open objects no more are tracked. An exact
 * check would keep every key's text, which a huge object makes large. */
bool
adc_json_note_key(struct adc_json_reader *r)
{
	struct json_keyset *ks = &r->levels[r->depth - 1].keys;
	uint64_t h;
	size_t j;

	if (materialise(r) < 0)
		return false;
	h = key_hash(r->text, r->text_len);
	if (ks->cap != 0) {
		for (j = h & (ks->cap - 1); ks->slot[j] != 0;
		    j = (j + 1) & (ks->cap - 1)) {
			if (ks->slot[j] == h)
				return true;
		}
	}
	if (r->dup_total >= JSON_DUP_BUDGET)
		return false;
	if ((ks->n + 1) * 2 > ks->cap && keyset_grow(ks) < 0)
		return false;
	for (j = h & (ks->cap - 1); ks->slot[j] != 0;
	    j = (j + 1) & (ks->cap - 1))
		;
	ks->slot[j] = h;
	ks->n++;
	r->dup_total++;
	return false;
}

bool
adc_json_key_is_duplicate(const struct adc_json_reader *r)
{
	return r->cur == ADC_JSON_KEY && r->dup;
}

/* ------------------------------------------------------------------ */
/* Where we are                                                        */
/* ------------------------------------------------------------------ */

void
adc_json_position(const struct adc_json_reader *r, struct adc_json_pos *pos)
{
	if (r->cur == ADC_JSON_ERROR) {
		pos->offset = r->diag.offset;
		pos->line = r->diag.line;
		pos->col = r->diag.col;
		pos->col_utf16 = 0;
		return;
	}
	*pos = r->ev_pos;
}

/* Append s[0..n) to buf at *at, escaped per RFC 6901; false when it does
 * not fit. */
static bool
put_segment(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *rep = NULL;
		size_t k;

		if (s[i] == '~')
			rep = "~0";
		else if (s[i] == '/')
			rep = "~1";
		k = rep != NULL ? 2 : 1;

		if (*at + k >= size)
			return false;
		if (rep != NULL)
			memcpy(buf + *at, rep, 2);
		else
			buf[*at] = s[i];
		*at += k;
	}
	return true;
}

static bool
put_level(const struct adc_json_reader *r, const struct json_level *lv,
    char *buf, size_t size, size_t *at)
{
	char seg[JSON_KEY_KEEP + 8];
	size_t n;

	if (lv->is_object) {
		if (!lv->has_key)
			return true;
		n = adc_json_unescape(lv->key_held ?
		    (const unsigned char *)lv->key : r->buf + lv->key_at,
		    lv->key_len, seg);
		if (lv->key_cut) {
			memcpy(seg + n, "...", 3);
			n += 3;
		}
	} else {
		if (lv->index < 0)
			return true;
		n = (size_t)snprintf(seg, sizeof(seg), "%lld",
		    (long long)lv->index);
	}
	if (*at + 1 >= size)
		return false;
	buf[(*at)++] = '/';
	return put_segment(buf, size, at, seg, n);
}

char *
adc_json_pointer(const struct adc_json_reader *r, char *buf, size_t size)
{
	size_t at = 0;
	unsigned i;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < r->depth; i++) {
		if (!put_level(r, &r->levels[i], buf, size, &at)) {
			/* Cut: end with "..." where it still fits. */
			at = size > 4 ? size - 4 : 0;
			if (size > 4)
				memcpy(buf + at, "...", 3);
			at = size > 4 ? size - 1 : 0;
			break;
		}
	}
	buf[at] = '\0';
	return buf;
}

unsigned
adc_json_depth(const struct adc_json_reader *r)
{
	return r->depth;
}

const struct adc_diag *
adc_json_diag(const struct adc_json_reader *r)
{
	return &r->diag;
}

const char *
adc_json_event_name(enum adc_json_event ev)
{
	switch (ev) {
	case ADC_JSON_ERROR:		return "error";
	case ADC_JSON_OBJECT_BEGIN:	return "object";
	case ADC_JSON_OBJECT_END:	return "end of object";
	case ADC_JSON_ARRAY_BEGIN:	return "array";
	case ADC_JSON_ARRAY_END:	return "end of array";
	case ADC_JSON_KEY:		return "key";
	case ADC_JSON_STRING:		return "string";
	case ADC_JSON_NUMBER:		return "number";
	case ADC_JSON_TRUE:		return "true";
	case ADC_JSON_FALSE:		return "false";
	case ADC_JSON_NULL:		return "null";
	case ADC_JSON_EOF:		return "end of input";
	}
	return "unknown event";
}
