/* SPDX-License-Identifier: MIT */
/*
 * jsonw.c: the JSON writer behind every JSON and SARIF output. Strings
 * are escaped per RFC 8259; bytes that are not UTF-8 become U+FFFD, since
 * names from the input are untrusted and the output must stay valid.
 */
#include "jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json_scan.h"

void
adc_jsonw_init(struct adc_jsonw *w, struct adc_buf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->pretty_depth = ADC_JSONW_MAX_DEPTH;
}

void
adc_jsonw_set_pretty_depth(struct adc_jsonw *w, unsigned depth)
{
	w->pretty_depth = depth;
}

static bool
pretty_here(const struct adc_jsonw *w)
{
	return w->pretty && w->depth <= w->pretty_depth;
}

static void
newline(struct adc_jsonw *w)
{
	/* A newline and two spaces per level, taken in one piece. */
	static const char spaces[2 * ADC_JSONW_MAX_DEPTH + 2] =
	    "\n                                                               "
	    "                                                                 ";

	if (!pretty_here(w))
		return;
	adc_buf_append(w->out, spaces, 1 + 2 * (size_t)w->depth);
}

/* Punctuation before a value or key: a comma after a sibling, and a new
 * line in pretty mode; nothing right after "key": */
static void
before_item(struct adc_jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->has_items[w->depth])
		adc_buf_puts(w->out, ",");
	w->has_items[w->depth] = true;
	newline(w);
}

static void
open_container(struct adc_jsonw *w, const char *bracket)
{
	before_item(w);
	adc_buf_puts(w->out, bracket);
	if (w->depth + 1 >= ADC_JSONW_MAX_DEPTH) {
		w->overflow = true;
		return;
	}
	w->depth++;
	w->has_items[w->depth] = false;
}

static void
close_container(struct adc_jsonw *w, const char *bracket)
{
	bool had_items;

	if (w->depth == 0) {
		w->overflow = true;
		return;
	}
	/* The closing bracket goes on its own line only when the members
	 * did, which depends on the depth inside the container. */
	had_items = w->has_items[w->depth] && pretty_here(w);
	w->depth--;
	if (had_items)
		newline(w);
	adc_buf_puts(w->out, bracket);
}

void
adc_jsonw_object_begin(struct adc_jsonw *w)
{
	open_container(w, "{");
}

void
adc_jsonw_object_end(struct adc_jsonw *w)
{
	close_container(w, "}");
}

void
adc_jsonw_array_begin(struct adc_jsonw *w)
{
	open_container(w, "[");
}

void
adc_jsonw_array_end(struct adc_jsonw *w)
{
	close_container(w, "]");
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* Length of the run at p (end at p + left) that needs no escaping:
 * printable ASCII other than the quote and the backslash, the same bytes
 * the reader's string scan passes over. Identifiers make up most of a
 * report, so runs are scanned 16 bytes at a time (json_scan.h). */
static size_t
plain_run(const unsigned char *p, size_t left)
{
	return json_scan_plain(p, 0, left);
}

/* A string with nothing to escape, the common case, in one append:
 * the quotes and the text are copied where they go. */
static bool
write_plain(struct adc_buf *out, const unsigned char *p, size_t n)
{
	char *d;

	if (out->failed || out->len + n + 2 >= out->cap ||
	    (out->limit != 0 && out->len + n + 2 > out->limit))
		return false;
	d = out->data + out->len;
	d[0] = '"';
	memcpy(d + 1, p, n);
	d[n + 1] = '"';
	d[n + 2] = '\0';
	out->len += n + 2;
	return true;
}

static void
write_escaped(struct adc_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strlen(s);
	char esc[8];
	size_t n;

	n = plain_run(p, (size_t)(end - p));
	if (p + n == end && write_plain(out, p, n))
		return;
	adc_buf_append(out, "\"", 1);
	while (p < end) {
		n = plain_run(p, (size_t)(end - p));
		if (n > 0) {
			adc_buf_append(out, p, n);
			p += n;
			continue;
		}
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			adc_buf_append(out, esc, 2);
			p++;
		} else if (*p < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			adc_buf_puts(out, esc);
			p++;
		} else if ((n = utf8_len(p)) == 0) {
			adc_buf_puts(out, "\xef\xbf\xbd");
			p++;
		} else {
			adc_buf_append(out, p, n);
			p += n;
		}
	}
	adc_buf_puts(out, "\"");
}

void
adc_jsonw_key(struct adc_jsonw *w, const char *key)
{
	before_item(w);
	write_escaped(w->out, key);
	adc_buf_puts(w->out, pretty_here(w) ? ": " : ":");
	w->after_key = true;
}

void
adc_jsonw_string(struct adc_jsonw *w, const char *s)
{
	if (s == NULL) {
		adc_jsonw_null(w);
		return;
	}
	before_item(w);
	write_escaped(w->out, s);
}

void
adc_jsonw_int(struct adc_jsonw *w, long long v)
{
	char digits[24];
	char *p = digits + sizeof(digits);
	unsigned long long u;

	/* By hand: printf's machinery costs more than the digits. */
	u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	before_item(w);
	adc_buf_append(w->out, p, (size_t)(digits + sizeof(digits) - p));
}

void
adc_jsonw_bool(struct adc_jsonw *w, bool v)
{
	before_item(w);
	adc_buf_puts(w->out, v ? "true" : "false");
}

void
adc_jsonw_null(struct adc_jsonw *w)
{
	before_item(w);
	adc_buf_puts(w->out, "null");
}

void
adc_jsonw_tri(struct adc_jsonw *w, enum adc_tri v)
{
	if (v == ADC_UNKNOWN)
		adc_jsonw_null(w);
	else
		adc_jsonw_bool(w, v == ADC_YES);
}

void
adc_jsonw_finish(struct adc_jsonw *w)
{
	if (w->pretty)
		adc_buf_puts(w->out, "\n");
}

int
adc_jsonw_failed(const struct adc_jsonw *w)
{
	return w->out->failed || w->overflow || w->depth != 0;
}
