/* SPDX-License-Identifier: MIT */
/*
 * jsonw.c: the JSON writer behind every JSON and SARIF output. Strings
 * are escaped per RFC 8259; bytes that are not UTF-8 become U+FFFD, since
 * names from the input are untrusted and the output must stay valid.
 */
#include "jsonw.h"

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

/* A newline and two spaces per level, copied in one piece. */
static const char spaces[2 * ADC_JSONW_MAX_DEPTH + 2] =
    "\n                                                               "
    "                                                                 ";

/* Bytes of punctuation put_punct writes before the next item. */
static size_t
punct_len(const struct adc_jsonw *w)
{
	if (w->after_key || w->depth == 0)
		return 0;
	return (w->has_items[w->depth] ? 1 : 0) +
	    (pretty_here(w) ? 1 + 2 * (size_t)w->depth : 0);
}

/* Punctuation before a value or key, written at p: a comma after a
 * sibling, and a new line in pretty mode; nothing right after "key":
 * Returns the end. Every item goes through here with its own bytes, so
 * the buffer's room is checked once per item. */
static char *
put_punct(struct adc_jsonw *w, char *p)
{
	size_t n;

	if (w->after_key) {
		w->after_key = false;
		return p;
	}
	if (w->depth == 0)
		return p;
	if (w->has_items[w->depth])
		*p++ = ',';
	w->has_items[w->depth] = true;
	if (pretty_here(w)) {
		n = 1 + 2 * (size_t)w->depth;
		memcpy(p, spaces, n);
		p += n;
	}
	return p;
}

/* The punctuation and then len bytes of text that need no escaping. */
static void
put_raw(struct adc_jsonw *w, const char *text, size_t len)
{
	char *p = adc_buf_room(w->out, punct_len(w) + len);

	if (p == NULL)
		return;
	p = put_punct(w, p);
	memcpy(p, text, len);
	adc_buf_commit(w->out, p + len);
}

static void
open_container(struct adc_jsonw *w, const char *bracket)
{
	put_raw(w, bracket, 1);
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
	size_t n = 0;
	char *p;

	if (w->depth == 0) {
		w->overflow = true;
		return;
	}

	/* The closing bracket goes on its own line only when the members
	 * did, which depends on the depth inside the container. */
	if (w->has_items[w->depth] && pretty_here(w))
		n = 1 + 2 * (size_t)(w->depth - 1);
	w->depth--;
	p = adc_buf_room(w->out, n + 1);
	if (p == NULL)
		return;
	memcpy(p, spaces, n);
	p[n] = *bracket;
	adc_buf_commit(w->out, p + n + 1);
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
 * printable ASCII other than the quote and the backslash. The reader's
 * scanner (json_scan.h) stops at exactly those bytes, 16 at a time. */
static size_t
plain_run(const unsigned char *p, size_t left)
{
	return json_scan_plain(p, 0, left);
}

/* The slow path of put_string: s holds a byte that needs escaping or
 * repair. */
static void
write_escaped(struct adc_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	char esc[8];
	size_t n;

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

/* The punctuation, s as a JSON string, then tail (": " after a key).
 * Nearly every string is plain ASCII: ids, names, enum words. Those are
 * written with one room check; the rest take write_escaped. */
static void
put_string(struct adc_jsonw *w, const char *s, size_t len,
    const char *tail, size_t tail_len)
{
	char *p;

	if (plain_run((const unsigned char *)s, len) < len) {
		p = adc_buf_room(w->out, punct_len(w));
		if (p == NULL)
			return;
		adc_buf_commit(w->out, put_punct(w, p));
		write_escaped(w->out, s, len);
		adc_buf_append(w->out, tail, tail_len);
		return;
	}
	p = adc_buf_room(w->out, punct_len(w) + len + 2 + tail_len);
	if (p == NULL)
		return;
	p = put_punct(w, p);
	*p++ = '"';
	memcpy(p, s, len);
	p += len;
	*p++ = '"';
	memcpy(p, tail, tail_len);
	adc_buf_commit(w->out, p + tail_len);
}

void
adc_jsonw_key_n(struct adc_jsonw *w, const char *key, size_t len)
{
	if (pretty_here(w))
		put_string(w, key, len, ": ", 2);
	else
		put_string(w, key, len, ":", 1);
	w->after_key = true;
}

void
adc_jsonw_key_token(struct adc_jsonw *w, const char *token, size_t len)
{
#ifndef NDEBUG
	/* The key sits between the opening quote and '": '. */
	if (len < 4 || plain_run((const unsigned char *)token + 1,
	    len - 4) != len - 4) {
		w->overflow = true;
		return;
	}
#endif
	put_raw(w, token, pretty_here(w) ? len : len - 1);
	w->after_key = true;
}

void
adc_jsonw_key(struct adc_jsonw *w, const char *key)
{
	adc_jsonw_key_n(w, key, strlen(key));
}

void
adc_jsonw_string_n(struct adc_jsonw *w, const char *s, size_t len)
{
	put_string(w, s, len, "", 0);
}

void
adc_jsonw_string(struct adc_jsonw *w, const char *s)
{
	if (s == NULL)
		adc_jsonw_null(w);
	else
		put_string(w, s, strlen(s), "", 0);
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
	put_raw(w, p, (size_t)(digits + sizeof(digits) - p));
}

void
adc_jsonw_bool(struct adc_jsonw *w, bool v)
{
	if (v)
		put_raw(w, "true", 4);
	else
		put_raw(w, "false", 5);
}

void
adc_jsonw_null(struct adc_jsonw *w)
{
	put_raw(w, "null", 4);
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
