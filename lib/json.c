/* SPDX-License-Identifier: MIT */
/*
 * json.c: the streaming JSON reader: input windows, tokens and the
 * structure of RFC 8259 documents, one event per call.
 *
 * Input sits in one buffer: the caller's whole buffer, or a window we
 * refill from a file descriptor. A refill drops the bytes before the
 * token being scanned and moves the rest to the front, so a token is
 * always contiguous; a token longer than the window grows it, up to the
 * string limit. Positions are indices into the buffer; buf[0] is input
 * byte 'base'.
 */
#include "json_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_scan.h"

#define DEFAULT_WINDOW		((size_t)1 << 20)
#define DEFAULT_DEPTH		512u
#define DEFAULT_MAX_STRING	((size_t)16 << 20)

/* Room a token may need beyond max_string: quotes and lookahead. */
#define TOKEN_SLACK		64

static void
set_options(struct adc_json_reader *r, const struct adc_json_options *opts)
{
	if (opts != NULL)
		r->opt = *opts;
	if (r->opt.window == 0)
		r->opt.window = DEFAULT_WINDOW;
	if (r->opt.max_depth == 0)
		r->opt.max_depth = DEFAULT_DEPTH;
	if (r->opt.max_string == 0)
		r->opt.max_string = DEFAULT_MAX_STRING;
	/* Room for the quotes and escape lookahead must not wrap. */
	if (r->opt.max_string > SIZE_MAX / 4)
		r->opt.max_string = SIZE_MAX / 4;
}

static size_t
add_sat(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static struct adc_json_reader *
reader_new(const char *name, const struct adc_json_options *opts,
    struct adc_diag *diag)
{
	struct adc_json_reader *r;

	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		adc_diag_set(diag, ADC_ENOMEM, "out of memory opening %s",
		    name != NULL ? name : "JSON input");
		return NULL;
	}
	set_options(r, opts);
	adc_diag_init(&r->diag, name);
	r->line = 1;
	r->cur = JSON_EV_NONE;
	r->ev_pos.line = 1;
	r->ev_pos.col = 1;
	r->ev_pos.col_utf16 = 1;
	return r;
}

struct adc_json_reader *
adc_json_open_fd(int fd, const char *name,
    const struct adc_json_options *opts, struct adc_diag *diag)
{
	struct adc_json_reader *r;

	if (fd < 0) {
		adc_diag_set(diag, ADC_EINVAL, "no file descriptor to read");
		return NULL;
	}
	r = reader_new(name, opts, diag);
	if (r == NULL)
		return NULL;

	r->fd = fd;
	r->cap = r->opt.window;
	r->cap_max = add_sat(add_sat(r->opt.window, r->opt.max_string),
	    TOKEN_SLACK);
	r->own = malloc(r->cap);
	if (r->own == NULL) {
		adc_diag_set(diag, ADC_ENOMEM, "out of memory for a %zu-byte "
		    "window", r->cap);
		free(r);
		return NULL;
	}
	r->buf = r->own;
	return r;
}

struct adc_json_reader *
adc_json_open_buffer(const void *buf, size_t len, const char *name,
    const struct adc_json_options *opts, struct adc_diag *diag)
{
	struct adc_json_reader *r;

	if (buf == NULL && len > 0) {
		adc_diag_set(diag, ADC_EINVAL, "no buffer to read");
		return NULL;
	}
	r = reader_new(name, opts, diag);
	if (r == NULL)
		return NULL;
	r->fd = -1;
	r->buf = buf != NULL ? buf : (const unsigned char *)"";
	r->lim = len;
	r->eof = true;
	return r;
}

void
adc_json_close(struct adc_json_reader *r)
{
	unsigned i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_levels; i++)
		free(r->levels[i].keys.slot);
	free(r->levels);
	free(r->text);
	free(r->own);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Failures                                                            */
/* ------------------------------------------------------------------ */

static enum adc_status
fail_off(struct adc_json_reader *r, uint64_t off, enum adc_status status,
    const char *msg)
{
	char ptr[sizeof(r->diag.pointer)];
	adc_json_pointer(r, ptr, sizeof(ptr));
	adc_diag_set_at(&r->diag, status, off, r->line,
	    (unsigned long)(off - r->line_start + 1), ptr, "%s", msg);
	r->state = JS_FAILED;
	r->cur = ADC_JSON_ERROR;
	return status;
}

enum adc_status
adc_json_fail(struct adc_json_reader *r, size_t idx, enum adc_status status,
    const char *fmt, ...)
{
	char msg[sizeof(r->diag.msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail_off(r, r->base + idx, status, msg);
}

/* How a byte reads in a message: 'x' when printable, else its value. */
static const char *
show_byte(int c, char *buf, size_t size)
{
	if (c < 0)
		snprintf(buf, size, "end of input");
	else if (c > 0x20 && c < 0x7f && c != '\'')
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", (unsigned)c);
	return buf;
}

/* "unexpected X, expected WHAT" at the scan position. */
static enum adc_json_event
fail_expect(struct adc_json_reader *r, int c, const char *what)
{
	char got[32];

	adc_json_fail(r, r->pos, ADC_ESYNTAX, "unexpected %s, expected %s",
	    show_byte(c, got, sizeof(got)), what);
	return ADC_JSON_ERROR;
}

static int
fail_too_long(struct adc_json_reader *r, const char *what)
{
	return adc_json_fail(r, r->tok, ADC_ELIMIT, "%s longer than the "
	    "limit of %zu bytes", what, r->opt.max_string), -1;
}

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

static int
grow_window(struct adc_json_reader *r)
{
	size_t cap = r->cap * 2;
	unsigned char *p;

	if (r->cap >= r->cap_max) {
		fail_too_long(r, "token");
		return -1;
	}
	if (cap > r->cap_max)
		cap = r->cap_max;
	p = realloc(r->own, cap);
	if (p == NULL) {
		adc_json_fail(r, r->tok, ADC_ENOMEM, "out of memory for a "
		    "%zu-byte token", cap);
		return -1;
	}
	r->own = p;
	r->buf = p;
	r->cap = cap;
	return 0;
}

/* Copy the keys of open objects out of the window before it moves. */
static void
hold_keys(struct adc_json_reader *r)
{
	unsigned i;

	for (i = 0; i < r->depth; i++) {
		struct json_level *lv = &r->levels[i];

		if (lv->has_key && !lv->key_held) {
			memcpy(lv->key, r->buf + lv->key_at, lv->key_len);
			lv->key_held = true;
		}
	}
}

/* Drop buf[0..keep) and read more after what is left. r->pos and r->tok
 * move with the data. Returns -1 on failure (recorded), else 0; r->eof
 * is set when the input has ended. */
static int
refill(struct adc_json_reader *r, size_t keep)
{
	ssize_t n;

	if (r->eof)
		return 0;
	hold_keys(r);
	if (keep > 0) {
		memmove(r->own, r->own + keep, r->lim - keep);
		r->lim -= keep;
		r->pos -= keep;
		r->tok = r->tok >= keep ? r->tok - keep : 0;
		r->base += keep;
	}
	if (r->lim == r->cap && grow_window(r) < 0)
		return -1;

	do {
		n = read(r->fd, r->own + r->lim, r->cap - r->lim);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		adc_json_fail(r, r->lim, ADC_EIO, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	if (n == 0)
		r->eof = true;
	r->lim += (size_t)n;
	return 0;
}

/* Make n bytes from *ip available if the input has them. keep says
 * whether the current token must stay in the buffer. Returns 1 when they
 * are there, 0 when the input ends first, -1 on failure. */
static int
need(struct adc_json_reader *r, size_t *ip, size_t n, bool keep)
{
	while (r->lim - *ip < n) {
		if (r->eof)
			return 0;
		r->pos = *ip;
		if (refill(r, keep ? r->tok : r->pos) < 0)
			return -1;
		*ip = r->pos;
	}
	return 1;
}

/* Skip whitespace, counting lines. Returns the next byte, -1 at the end
 * of input, -2 on failure; r->pos is at that byte. */
static int
skip_ws_loop(struct adc_json_reader *r)
{
	size_t i = r->pos;

	for (;;) {
		const unsigned char *b = r->buf;
		size_t lim = r->lim;

		while (i < lim) {
			unsigned char c = b[i];

			if (c == ' ') {
				i = json_skip_spaces(b, i + 1, lim);
			} else if (c == '\t' || c == '\r') {
				i++;
			} else if (c == '\n') {
				i++;
				r->line++;
				r->line_start = r->base + i;
				r->line_extra = 0;
			} else {
				r->pos = i;
				return c;
			}
		}
		r->pos = i;
		if (r->eof)
			return -1;
		if (refill(r, i) < 0)
			return -2;
		i = r->pos;
	}
}

/* A line break and indentation first: pretty-printed input has one
 * before nearly every token. */
static int
skip_ws_slow(struct adc_json_reader *r)
{
	const unsigned char *b = r->buf;
	size_t i = r->pos, lim = r->lim, j;

	if (i < lim && b[i] == '\n') {
		j = json_skip_spaces(b, i + 1, lim);
		if (j < lim && b[j] > ' ') {
			r->line++;
			r->line_start = r->base + i + 1;
			r->line_extra = 0;
			r->pos = j;
			return b[j];
		}
	}
	return skip_ws_loop(r);
}

/* The common cases first: no whitespace, or the one space after ':'. */
static inline int
skip_ws(struct adc_json_reader *r)
{
	size_t i = r->pos;

	if (r->lim - i >= 2) {
		if (r->buf[i] > ' ')
			return r->buf[i];
		if (r->buf[i] == ' ' && r->buf[i + 1] > ' ') {
			r->pos = i + 1;
			return r->buf[i + 1];
		}
	}
	return skip_ws_slow(r);
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

static int
hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned char c = p[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int
fail_unterminated(struct adc_json_reader *r)
{
	fail_off(r, r->tok_off, ADC_ESYNTAX, "unterminated string: the "
	    "input ends before its closing '\"'");
	return -1;
}

/* A \u escape at *ip, with its pair when it is a high surrogate. Lone
 * surrogates are rejected: they have no UTF-8 form. */
static int
scan_unicode(struct adc_json_reader *r, size_t *ip, bool keep)
{
	unsigned cp, lo;
	int got;

	got = need(r, ip, 6, keep);
	if (got <= 0)
		return got < 0 ? -1 : fail_unterminated(r);
	if (hex4(r->buf + *ip + 2, &cp) < 0)
		goto badhex;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return adc_json_fail(r, *ip, ADC_ESYNTAX, "lone low surrogate "
		    "\\u%04X in string: it has no UTF-8 form", cp), -1;
	if (cp < 0xd800 || cp > 0xdbff) {
		*ip += 6;
		return 0;
	}

	got = need(r, ip, 12, keep);
	if (got < 0)
		return -1;
	if (got == 0 || r->buf[*ip + 6] != '\\' || r->buf[*ip + 7] != 'u' ||
	    hex4(r->buf + *ip + 8, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
		return adc_json_fail(r, *ip, ADC_ESYNTAX, "high surrogate "
		    "\\u%04X not followed by a low surrogate escape: it has "
		    "no UTF-8 form", cp), -1;
	*ip += 12;
	return 0;

badhex:
	return adc_json_fail(r, *ip, ADC_ESYNTAX, "invalid \\u escape: "
	    "expected 4 hex digits"), -1;
}

static int
scan_escape(struct adc_json_reader *r, size_t *ip, bool keep)
{
	char got[32];
	int c;

	if (need(r, ip, 2, keep) <= 0)
		return r->state == JS_FAILED ? -1 : fail_unterminated(r);
	c = r->buf[*ip + 1];
	switch (c) {
	case '"': case '\\': case '/': case 'b':
	case 'f': case 'n': case 'r': case 't':
		*ip += 2;
		return 0;
	case 'u':
		return scan_unicode(r, ip, keep);
	default:
		return adc_json_fail(r, *ip, ADC_ESYNTAX, "invalid escape: "
		    "backslash followed by %s", show_byte(c, got,
		    sizeof(got))), -1;
	}
}

/* Length of the UTF-8 sequence starting with lead, 0 if none can. */
static size_t
utf8_len(unsigned char lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 0;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
 * past U+10FFFF. */
static int
scan_utf8(struct adc_json_reader *r, size_t *ip, bool keep)
{
	const unsigned char *p;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n = utf8_len(r->buf[*ip]), k;
	int got;

	if (n == 0)
		goto bad;
	got = need(r, ip, n, keep);
	if (got < 0)
		return -1;
	if (got == 0)
		return adc_json_fail(r, *ip, ADC_ESYNTAX, "truncated UTF-8 "
		    "sequence in string"), -1;

	p = r->buf + *ip;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		goto bad;
	for (k = 2; k < n; k++) {
		if (p[k] < 0x80 || p[k] > 0xbf)
			goto bad;
	}
	*ip += n;
	/* One UTF-16 code unit, or two (a surrogate pair) for four bytes. */
	r->line_extra += n == 4 ? 2 : n - 1;
	return 0;

bad:
	return adc_json_fail(r, *ip, ADC_ESYNTAX, "invalid UTF-8 in string "
	    "(byte 0x%02x); the input must be UTF-8", r->buf[*ip]), -1;
}

/* The rest of a string whose opening quote is at r->tok, from i: the
 * reader's hot loop, kept in one piece so the plain runs stay in
 * registers. When keep is false (inside a skip) the window may drop its
 * start as the scan goes on, and the length is not limited. A kept
 * string's scan stops at a wall where its closing quote can no longer
 * be, the same place for buffers and for windows of any size, so both
 * report the same error. */
static int
scan_string_slow(struct adc_json_reader *r, size_t i, bool keep)
{
	bool escaped = false;

	for (;;) {
		size_t wall = keep ? add_sat(r->tok, r->opt.max_string + 2) :
		    SIZE_MAX;
		unsigned char c;

		/* An escape may have stepped past the wall. */
		if (i < wall)
			i = json_scan_plain(r->buf, i,
			    wall < r->lim ? wall : r->lim);
		if (i >= wall)
			return fail_too_long(r, "string");
		if (i >= r->lim) {
			int got = need(r, &i, 1, keep);

			if (got <= 0)
				return got < 0 ? -1 : fail_unterminated(r);
			continue;
		}
		c = r->buf[i];
		if (c == '"')
			break;
		if (c == '\\') {
			if (scan_escape(r, &i, keep) < 0)
				return -1;
			escaped = true;
		} else if (c < 0x20) {
			return adc_json_fail(r, i, ADC_ESYNTAX, "control "
			    "character 0x%02x in string: it must be escaped",
			    c), -1;
		} else if (scan_utf8(r, &i, keep) < 0) {
			return -1;
		}
	}

	r->pos = i + 1;
	r->tok_len = r->pos - r->tok;
	r->tok_escaped = escaped;
	return 0;
}

/* Most strings are short, plain and wholly in the window: one scan to
 * the closing quote, without the full loop's setup. Anything else goes
 * on from the first special byte in the loop above. */
static inline int
scan_string(struct adc_json_reader *r, bool keep)
{
	size_t end = r->lim, i;

	r->tok = r->pos;
	r->tok_off = r->base + r->pos;
	if (keep && end - r->pos > r->opt.max_string + 2)
		end = r->pos + r->opt.max_string + 2;	/* the wall */
	i = json_scan_plain(r->buf, r->pos + 1, end);
	if (i < end && r->buf[i] == '"') {
		r->pos = i + 1;
		r->tok_len = r->pos - r->tok;
		r->tok_escaped = false;
		return 0;
	}
	return scan_string_slow(r, i, keep);
}

/* ------------------------------------------------------------------ */
/* Numbers and literals                                                */
/* ------------------------------------------------------------------ */

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
is_number_byte(unsigned char c)
{
	return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' ||
	    c == 'E';
}

/* Check s[0..n) against the RFC 8259 number grammar. Returns -1 when it
 * fits, else the index of the first wrong byte with *why set. */
static long
check_number(const unsigned char *s, size_t n, const char **why)
{
	size_t p = 0;

	if (s[p] == '-')
		p++;
	*why = "expected a digit";
	if (p == n || !is_digit(s[p]))
		return (long)p;
	if (s[p++] == '0') {
		*why = "leading zeros are not allowed";
		if (p < n && is_digit(s[p]))
			return (long)p;
	} else {
		while (p < n && is_digit(s[p]))
			p++;
	}
	if (p < n && s[p] == '.') {
		*why = "expected a digit after '.'";
		if (++p == n || !is_digit(s[p]))
			return (long)p;
		while (p < n && is_digit(s[p]))
			p++;
	}
	if (p < n && (s[p] == 'e' || s[p] == 'E')) {
		*why = "expected a digit in the exponent";
		if (++p < n && (s[p] == '+' || s[p] == '-'))
			p++;
		if (p == n || !is_digit(s[p]))
			return (long)p;
		while (p < n && is_digit(s[p]))
			p++;
	}
	*why = "unexpected character";
	return p == n ? -1 : (long)p;
}

static int
scan_number(struct adc_json_reader *r)
{
	const char *why;
	size_t i = r->pos;
	long bad;

	r->tok = r->pos;
	for (;;) {
		while (i < r->lim && is_number_byte(r->buf[i])) {
			if (i - r->tok >= r->opt.max_string)
				return fail_too_long(r, "number");
			i++;
		}
		if (i < r->lim || r->eof)
			break;
		if (need(r, &i, 1, true) < 0)
			return -1;
	}
	r->pos = i;
	r->tok_len = i - r->tok;

	bad = check_number(r->buf + r->tok, r->tok_len, &why);
	if (bad >= 0)
		return adc_json_fail(r, r->tok + (size_t)bad, ADC_ESYNTAX,
		    "invalid number: %s", why), -1;
	return 0;
}

static int
scan_literal(struct adc_json_reader *r, const char *word, size_t n)
{
	size_t i = r->pos;
	int got = 1;

	r->tok = i;
	if (r->lim - i < n)
		got = need(r, &i, n, true);
	if (got < 0)
		return -1;
	if (got == 0 || memcmp(r->buf + i, word, n) != 0)
		return adc_json_fail(r, i, ADC_ESYNTAX, "invalid literal: "
		    "expected %s", word), -1;
	r->pos = i + n;
	r->tok_len = n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Structure                                                           */
/* ------------------------------------------------------------------ */

static void
mark_event(struct adc_json_reader *r, size_t idx)
{
	r->ev_pos.offset = r->base + idx;
	r->ev_pos.line = r->line;
	r->ev_pos.col = (unsigned long)(r->ev_pos.offset - r->line_start + 1);
	/* Events are marked before their token is scanned, so every byte
	 * counted in line_extra lies before the mark. */
	r->ev_pos.col_utf16 = r->ev_pos.col - (unsigned long)r->line_extra;
}

static enum json_state
after_value(const struct adc_json_reader *r)
{
	if (r->depth == 0)
		return JS_DONE;
	return r->levels[r->depth - 1].is_object ? JS_OBJ_NEXT : JS_ARR_NEXT;
}

static void
keyset_clear(struct adc_json_reader *r, struct json_keyset *ks)
{
	if (ks->n == 0)
		return;
	r->dup_total -= ks->n;
	ks->n = 0;
	/* A table grown by one large object is not kept for the small
	 * ones that follow at this level. */
	if (ks->cap > 64) {
		free(ks->slot);
		ks->slot = NULL;
		ks->cap = 0;
	} else {
		memset(ks->slot, 0, ks->cap * sizeof(*ks->slot));
	}
}

static enum adc_json_event
push(struct adc_json_reader *r, bool is_object)
{
	struct json_level *lv;

	if (r->depth >= r->opt.max_depth) {
		adc_json_fail(r, r->pos, ADC_ELIMIT, "nesting deeper than the "
		    "limit of %u levels", r->opt.max_depth);
		return ADC_JSON_ERROR;
	}
	if (r->depth == r->n_levels) {
		unsigned n = r->n_levels ? r->n_levels * 2 : 16;

		lv = realloc(r->levels, n * sizeof(*lv));
		if (lv == NULL) {
			adc_json_fail(r, r->pos, ADC_ENOMEM, "out of memory");
			return ADC_JSON_ERROR;
		}
		memset(lv + r->n_levels, 0, (n - r->n_levels) * sizeof(*lv));
		r->levels = lv;
		r->n_levels = n;
	}

	lv = &r->levels[r->depth++];
	lv->is_object = is_object;
	lv->has_key = false;
	lv->index = -1;
	r->pos++;
	r->state = is_object ? JS_OBJ_FIRST : JS_ARR_FIRST;
	return is_object ? ADC_JSON_OBJECT_BEGIN : ADC_JSON_ARRAY_BEGIN;
}

static enum adc_json_event
pop(struct adc_json_reader *r)
{
	struct json_level *lv = &r->levels[--r->depth];

	keyset_clear(r, &lv->keys);
	mark_event(r, r->pos);
	r->pos++;
	r->state = after_value(r);
	return lv->is_object ? ADC_JSON_OBJECT_END : ADC_JSON_ARRAY_END;
}

/* A scalar's scan has finished: its event, unless the scan failed. */
static enum adc_json_event
scalar(struct adc_json_reader *r, int scanned, enum adc_json_event ev)
{
	if (scanned < 0)
		return ADC_JSON_ERROR;
	r->state = after_value(r);
	return ev;
}

/* A value starting with byte c at r->pos. */
static enum adc_json_event
value(struct adc_json_reader *r, int c)
{
	if (r->depth > 0 && !r->levels[r->depth - 1].is_object)
		r->levels[r->depth - 1].index++;
	mark_event(r, r->pos);
	r->tok = r->pos;

	switch (c) {
	case '{':
		return push(r, true);
	case '[':
		return push(r, false);
	case '"':
		return scalar(r, scan_string(r, !r->skipping),
		    ADC_JSON_STRING);
	case 't':
		return scalar(r, scan_literal(r, "true", 4), ADC_JSON_TRUE);
	case 'f':
		return scalar(r, scan_literal(r, "false", 5), ADC_JSON_FALSE);
	case 'n':
		return scalar(r, scan_literal(r, "null", 4), ADC_JSON_NULL);
	case -2:
		return ADC_JSON_ERROR;
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return scalar(r, scan_number(r), ADC_JSON_NUMBER);
		return fail_expect(r, c, "a value");
	}
}

/* A key whose quote is at r->pos. Keys are always kept whole: they name
 * the path in diagnostics and feed the duplicate check. */
static enum adc_json_event
key(struct adc_json_reader *r)
{
	struct json_level *lv = &r->levels[r->depth - 1];
	size_t n;

	/* An error inside the key belongs to the object, not to the member
	 * before it. */
	lv->has_key = false;
	mark_event(r, r->pos);
	if (scan_string(r, true) < 0)
		return ADC_JSON_ERROR;

	n = r->tok_len - 2;
	lv->key_cut = n > JSON_KEY_KEEP;
	if (lv->key_cut)
		n = JSON_KEY_KEEP;
	lv->key_at = r->tok + 1;
	lv->key_len = (unsigned short)n;
	lv->key_held = false;
	lv->has_key = true;
	r->state = JS_OBJ_COLON;
	if (r->opt.report_duplicates && !r->skipping)
		r->dup = adc_json_note_key(r);
	return ADC_JSON_KEY;
}

/* ',' then a key after a member, or the object's end. */
static enum adc_json_event
object_next(struct adc_json_reader *r, int c)
{
	if (c == '}')
		return pop(r);
	if (c != ',')
		return fail_expect(r, c, "',' or '}' after object member");
	r->pos++;
	c = skip_ws(r);
	if (c == '"')
		return key(r);
	if (c == '}')
		return fail_expect(r, c, "a key after ',' (no trailing comma "
		    "before '}')");
	return c == -2 ? ADC_JSON_ERROR : fail_expect(r, c,
	    "a string key after ','");
}

static enum adc_json_event
array_next(struct adc_json_reader *r, int c)
{
	if (c == ']')
		return pop(r);
	if (c != ',')
		return fail_expect(r, c, "',' or ']' after array element");
	r->pos++;
	c = skip_ws(r);
	if (c == ']')
		return fail_expect(r, c, "a value after ',' (no trailing "
		    "comma before ']')");
	return value(r, c);
}

/* The start of the input: a UTF-8 byte-order mark is skipped (PowerShell
 * writes one); UTF-16 gets a message saying what to do. */
static int
check_encoding(struct adc_json_reader *r)
{
	const unsigned char *b;
	size_t i = 0, n;

	if (need(r, &i, 4, false) < 0)
		return -1;
	b = r->buf;
	n = r->lim;
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		r->pos = 3;
		r->line_extra = 3;	/* editors do not show the mark */
		return 0;
	}
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff)))
		return adc_json_fail(r, 0, ADC_ESYNTAX, "the input is UTF-16 "
		    "(it starts with a UTF-16 byte-order mark); convert it "
		    "to UTF-8, e.g. iconv -f UTF-16 -t UTF-8"), -1;
	if (n >= 4 && ((b[0] == 0 && b[1] != 0 && b[2] == 0) ||
	    (b[0] != 0 && b[1] == 0 && b[3] == 0)))
		return adc_json_fail(r, 0, ADC_ESYNTAX, "the input looks like "
		    "UTF-16 (it has NUL bytes between characters); convert "
		    "it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8"), -1;
	return 0;
}

static enum adc_json_event
top(struct adc_json_reader *r)
{
	int c;

	if (check_encoding(r) < 0)
		return ADC_JSON_ERROR;
	c = skip_ws(r);
	if (c == -1) {
		mark_event(r, r->pos);
		adc_json_fail(r, r->pos, ADC_ESYNTAX, "%s: expected a JSON "
		    "value", r->base + r->pos == 0 ? "empty input" :
		    "no value in the input");
		return ADC_JSON_ERROR;
	}
	return value(r, c);
}

static enum adc_json_event
done(struct adc_json_reader *r, int c)
{
	char got[32];

	mark_event(r, r->pos);
	if (c == -1)
		return ADC_JSON_EOF;
	if (c == -2)
		return ADC_JSON_ERROR;
	adc_json_fail(r, r->pos, ADC_ESYNTAX, "unexpected %s after the "
	    "top-level value: expected the end of input",
	    show_byte(c, got, sizeof(got)));
	return ADC_JSON_ERROR;
}

/* One step of the grammar. A flat switch over the states: each case
 * names what may come next. */
static enum adc_json_event
step(struct adc_json_reader *r)
{
	int c;

	if (r->state == JS_TOP)
		return top(r);
	if (r->state == JS_FAILED)
		return ADC_JSON_ERROR;
	c = skip_ws(r);
	if (c == -2)
		return ADC_JSON_ERROR;

	switch (r->state) {
	case JS_DONE:
		return done(r, c);
	case JS_OBJ_FIRST:
		if (c == '}')
			return pop(r);
		if (c == '"')
			return key(r);
		return fail_expect(r, c, "a string key or '}'");
	case JS_OBJ_COLON:
		if (c != ':')
			return fail_expect(r, c, "':' after object key");
		r->pos++;
		return value(r, skip_ws(r));
	case JS_OBJ_NEXT:
		return object_next(r, c);
	case JS_ARR_FIRST:
		if (c == ']')
			return pop(r);
		return value(r, c);
	case JS_ARR_NEXT:
		return array_next(r, c);
	case JS_TOP:
	case JS_FAILED:
		break;
	}
	return ADC_JSON_ERROR;
}

enum adc_json_event
adc_json_next(struct adc_json_reader *r)
{
	enum adc_json_event ev;

	if (r->replay) {
		r->replay = false;
		return (enum adc_json_event)r->cur;
	}
	r->text_ready = false;
	r->dup = false;
	ev = step(r);
	r->cur = (int)ev;
	return ev;
}

/* ------------------------------------------------------------------ */
/* The fast skip                                                       */
/* ------------------------------------------------------------------ */

/*
 * A skip reports none of the tokens it reads, so it has a loop of its
 * own over the bytes already in the window: no events, no refills, no
 * error paths. It takes each step of the grammar whole or not at all.
 * The first step it does not take on its own (the window ends, an
 * escape, a non-ASCII byte, a number at the window's edge, a new level
 * to allocate, anything wrong) leaves the reader exactly as step() would
 * find it before that step, and step() takes it. So the fast loop only
 * ever accepts, and every error comes from the same code as in a read.
 */

/* Whitespace from b[i], counting lines: the index of the first other
 * byte, or lim. Pretty-printed input is mostly a newline and a run of
 * spaces before each token. */
static inline size_t
fast_ws(struct adc_json_reader *r, const unsigned char *b, size_t i,
    size_t lim)
{
	while (i < lim) {
		unsigned char c = b[i];

		if (c > ' ')
			break;
		if (c == '\n') {
			r->line++;
			r->line_start = r->base + i + 1;
			r->line_extra = 0;
			i = json_skip_spaces(b, i + 1, lim);
		} else if (c == ' ') {
			i = json_skip_spaces(b, i + 1, lim);
		} else if (c == '\t' || c == '\r') {
			i++;
		} else {
			break;
		}
	}
	return i;
}

static size_t
fast_word(const unsigned char *b, size_t i, size_t lim, const char *word,
    size_t n)
{
	return lim - i >= n && memcmp(b + i, word, n) == 0 ? i + n : 0;
}

/* The end of the valid scalar at b[i] when it lies wholly in the window
 * and nothing in it needs a closer look; else 0. Skipped strings have no
 * length limit; numbers do. */
static size_t
fast_scalar(const struct adc_json_reader *r, const unsigned char *b,
    size_t i, size_t lim)
{
	const char *why;
	size_t j;

	switch (b[i]) {
	case '"':
		j = json_scan_plain(b, i + 1, lim);
		return j < lim && b[j] == '"' ? j + 1 : 0;
	case 't':
		return fast_word(b, i, lim, "true", 4);
	case 'f':
		return fast_word(b, i, lim, "false", 5);
	case 'n':
		return fast_word(b, i, lim, "null", 4);
	default:
		break;
	}
	/* A number must end inside the window to be known whole. */
	for (j = i; j < lim && is_number_byte(b[j]); j++)
		;
	if (j == i || j == lim || j - i >= r->opt.max_string)
		return 0;
	return check_number(b + i, j - i, &why) < 0 ? j : 0;
}

/* A value at b[i], as value() reads it: the index after the scalar or
 * the opening bracket, or 0. */
static size_t
fast_value(struct adc_json_reader *r, const unsigned char *b, size_t i,
    size_t lim)
{
	struct json_level *lv = &r->levels[r->depth - 1], *nl;
	size_t end;

	r->tok = i;
	if (b[i] == '{' || b[i] == '[') {
		/* The limit's error and a realloc belong to push(). */
		if (r->depth >= r->opt.max_depth || r->depth == r->n_levels)
			return 0;
		if (!lv->is_object)
			lv->index++;
		nl = &r->levels[r->depth++];
		nl->is_object = b[i] == '{';
		nl->has_key = false;
		nl->index = -1;
		r->state = nl->is_object ? JS_OBJ_FIRST : JS_ARR_FIRST;
		return i + 1;
	}
	end = fast_scalar(r, b, i, lim);
	if (end == 0)
		return 0;
	if (!lv->is_object)
		lv->index++;
	r->state = lv->is_object ? JS_OBJ_NEXT : JS_ARR_NEXT;
	return end;
}

/* A key at b[i] (a quote), held as key() holds it: within the string
 * limit and with its bytes left in the window for pointers. */
static size_t
fast_key(struct adc_json_reader *r, const unsigned char *b, size_t i,
    size_t lim)
{
	struct json_level *lv = &r->levels[r->depth - 1];
	size_t wall = add_sat(i, r->opt.max_string + 2), j, n;

	if (wall > lim)
		wall = lim;
	j = json_scan_plain(b, i + 1, wall);
	if (j >= wall || b[j] != '"')
		return 0;
	n = j - i - 1;
	lv->key_cut = n > JSON_KEY_KEEP;
	lv->key_at = i + 1;
	lv->key_len = (unsigned short)(lv->key_cut ? JSON_KEY_KEEP : n);
	lv->key_held = false;
	lv->has_key = true;
	r->tok = i;
	r->state = JS_OBJ_COLON;
	return j + 1;
}

static size_t
fast_pop(struct adc_json_reader *r, size_t i)
{
	r->pos = i;
	r->tok = i;
	pop(r);
	return i + 1;
}

/* One step of the grammar at b[i] (not whitespace), as step() takes it:
 * the index after it, or 0 with nothing changed but the line count. A
 * flat switch over the states, like step(). */
static size_t
fast_step(struct adc_json_reader *r, const unsigned char *b, size_t i,
    size_t lim)
{
	unsigned char c = b[i];

	switch (r->state) {
	case JS_OBJ_FIRST:
		if (c == '}')
			return fast_pop(r, i);
		return c == '"' ? fast_key(r, b, i, lim) : 0;
	case JS_OBJ_COLON:
		if (c != ':')
			return 0;
		i = fast_ws(r, b, i + 1, lim);
		return i < lim ? fast_value(r, b, i, lim) : 0;
	case JS_OBJ_NEXT:
		if (c == '}')
			return fast_pop(r, i);
		if (c != ',')
			return 0;
		i = fast_ws(r, b, i + 1, lim);
		return i < lim && b[i] == '"' ? fast_key(r, b, i, lim) : 0;
	case JS_ARR_FIRST:
		if (c == ']')
			return fast_pop(r, i);
		return fast_value(r, b, i, lim);
	case JS_ARR_NEXT:
		if (c == ']')
			return fast_pop(r, i);
		if (c != ',')
			return 0;
		i = fast_ws(r, b, i + 1, lim);
		return i < lim && b[i] != ']' ? fast_value(r, b, i, lim) : 0;
	default:
		return 0;
	}
}

/* Take steps of a skip until the value ends (true: the reader is after
 * it, its last token marked as the event) or a step needs step() (false:
 * the reader is just before that step). */
static bool
skip_fast(struct adc_json_reader *r, unsigned target)
{
	const unsigned char *b = r->buf;
	size_t lim = r->lim, i = r->pos, next;
	unsigned long line;
	uint64_t line_start, line_extra;

	/* Outside any container step() also checks the encoding. */
	if (r->depth == 0 || r->state == JS_FAILED)
		return false;
	for (;;) {
		i = fast_ws(r, b, i, lim);
		r->pos = i;
		if (i >= lim)
			return false;
		line = r->line;
		line_start = r->line_start;
		line_extra = r->line_extra;
		next = fast_step(r, b, i, lim);
		if (next == 0) {
			r->line = line;
			r->line_start = line_start;
			r->line_extra = line_extra;
			return false;
		}
		if (r->depth <= target) {
			mark_event(r, r->tok);
			r->pos = next;
			return true;
		}
		i = next;
	}
}

/* Read events without keeping them until depth is back to target. */
static enum adc_status
skip_to(struct adc_json_reader *r, unsigned target)
{
	enum adc_json_event ev;

	r->skipping = true;
	r->dup = false;
	r->text_ready = false;
	do {
		if (skip_fast(r, target)) {
			ev = ADC_JSON_NULL;	/* any event but ERROR */
			break;
		}
		ev = step(r);
	} while (ev != ADC_JSON_ERROR && r->depth > target);
	r->skipping = false;
	r->cur = ev == ADC_JSON_ERROR ? ADC_JSON_ERROR : JSON_EV_NONE;
	return r->diag.status;
}

enum adc_status
adc_json_skip(struct adc_json_reader *r)
{
	int c;

	/* A value given back with adc_json_replay is the one to skip: the
	 * rest of a container it begins, or nothing more for a scalar. */
	if (r->replay) {
		r->replay = false;
		if (r->cur == ADC_JSON_OBJECT_BEGIN ||
		    r->cur == ADC_JSON_ARRAY_BEGIN)
			return skip_to(r, r->depth - 1);
		return ADC_OK;
	}
	switch (r->state) {
	case JS_TOP:
	case JS_OBJ_COLON:
		return skip_to(r, r->depth);
	case JS_OBJ_FIRST:
	case JS_ARR_FIRST:
		return skip_to(r, r->depth - 1);
	case JS_ARR_NEXT:
		c = skip_ws(r);
		if (c == -2)
			return r->diag.status;
		if (c == ']')
			return ADC_ENOTFOUND;
		return skip_to(r, r->depth);
	case JS_FAILED:
		return r->diag.status;
	case JS_DONE:
	case JS_OBJ_NEXT:
		break;
	}
	return ADC_EINVAL;
}

void
adc_json_replay(struct adc_json_reader *r)
{
	if (r->cur >= 0 && r->cur != ADC_JSON_ERROR && r->cur != ADC_JSON_EOF)
		r->replay = true;
}

enum adc_status
adc_json_skip_rest(struct adc_json_reader *r)
{
	if (r->state == JS_FAILED)
		return r->diag.status;
	if (r->depth == 0 || r->state == JS_TOP)
		return ADC_EINVAL;
	return skip_to(r, r->depth - 1);
}
