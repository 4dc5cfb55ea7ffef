/* SPDX-License-Identifier: MIT */
/*
 * test_json_skip.c: skipping agrees with reading. Every document here,
 * valid or not, is read in full and read with skips of four kinds, in
 * three layouts (compact, indented with spaces, CRLF and tabs), through
 * the buffer API and through a descriptor with every window from 1 to 64
 * bytes. Each way must reach the same verdict and the same error
 * (status, offset, line, column, pointer, message), and every position a
 * skipping read reports must be the one a full read gives the same
 * token. The errors sit at every kind of place inside skipped values: in
 * strings, escapes, numbers, literals, between tokens, in the brackets,
 * at the depth and length limits, and at the end of input.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>

#include "json_util.h"
#include "tap.h"

enum mode { FULL, SKIP_TOP, SKIP_KEYS, SKIP_BEGIN, SKIP_ELEMS, N_MODES };

static const char *const mode_name[] = {
	"full read", "skip the top value", "skip every member's value",
	"skip the rest of inner containers", "skip the elements after each"
};

#define MAX_POS	4096

/* What one read saw: its end, and every position it reported. */
struct trace {
	enum adc_json_event	last;
	struct adc_diag		diag;
	size_t			n;
	struct adc_json_pos	pos[MAX_POS];
	bool			after_skip[MAX_POS];
};

struct doc {
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	unsigned	 max_depth;	/* 0: the default */
	size_t		 max_string;	/* 0: the default */
};

/* The position of the current event, or where a skip ended. */
static void
note_as(struct adc_json_reader *r, struct trace *t, bool after_skip)
{
	if (t->n < MAX_POS) {
		t->after_skip[t->n] = after_skip;
		adc_json_position(r, &t->pos[t->n++]);
	}
}

static void
note(struct adc_json_reader *r, struct trace *t)
{
	note_as(r, t, false);
}

static void
note_skip(struct adc_json_reader *r, struct trace *t)
{
	note_as(r, t, true);
}

/* Skip the following elements of the array the reader is in (after an
 * element), noting where each ended. Outside an array, or at its end,
 * there is nothing to skip. */
static enum adc_status
skip_elements(struct adc_json_reader *r, struct trace *t)
{
	enum adc_status s;

	while ((s = adc_json_skip(r)) == ADC_OK)
		note_skip(r, t);
	return s == ADC_ENOTFOUND || s == ADC_EINVAL ? ADC_OK : s;
}

/* After event ev, skip what mode m says; the skip's status. */
static enum adc_status
skip_after(struct adc_json_reader *r, enum adc_json_event ev, enum mode m,
    struct trace *t)
{
	enum adc_status s = ADC_OK;
	bool begin = ev == ADC_JSON_OBJECT_BEGIN ||
	    ev == ADC_JSON_ARRAY_BEGIN;

	if (m == SKIP_KEYS && ev == ADC_JSON_KEY)
		s = adc_json_skip(r);
	else if (m == SKIP_BEGIN && begin && adc_json_depth(r) >= 2)
		s = adc_json_skip(r);
	else if (m == SKIP_ELEMS && !begin && ev != ADC_JSON_KEY &&
	    ev != ADC_JSON_EOF)
		return skip_elements(r, t);
	else
		return ADC_OK;
	if (s == ADC_OK)
		note_skip(r, t);
	return s;
}

static void
read_doc(struct adc_json_reader *r, enum mode m, struct trace *t)
{
	enum adc_json_event ev = ADC_JSON_ERROR;

	t->n = 0;
	if (m == SKIP_TOP) {
		if (adc_json_skip(r) == ADC_OK) {
			note_skip(r, t);
			ev = adc_json_next(r);
			if (ev != ADC_JSON_ERROR)
				note(r, t);
		}
	} else {
		do {
			ev = adc_json_next(r);
			if (ev == ADC_JSON_ERROR)
				break;
			note(r, t);
			if (skip_after(r, ev, m, t) != ADC_OK)
				ev = ADC_JSON_ERROR;
		} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	}
	t->last = ev;
	t->diag = *adc_json_diag(r);
}

static bool
same_diag(const struct adc_diag *a, const struct adc_diag *b)
{
	return a->status == b->status && a->offset == b->offset &&
	    a->line == b->line && a->col == b->col &&
	    strcmp(a->pointer, b->pointer) == 0 &&
	    strcmp(a->msg, b->msg) == 0;
}

/* Where in the full read's positions f is the one at offset off. */
static size_t
find_pos(const struct trace *f, uint64_t off)
{
	size_t j;

	for (j = 0; j < f->n && f->pos[j].offset != off; j++)
		;
	return j;
}

/* Every position of t is one the full read f reported too, and a skip
 * ended on the last token of the value: what t read next is what came
 * next in f. */
static bool
positions_known(const struct trace *t, const struct trace *f)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		const struct adc_json_pos *p = &t->pos[i];
		bool ok;

		j = find_pos(f, p->offset);
		ok = j < f->n && f->pos[j].line == p->line &&
		    f->pos[j].col == p->col;
		if (ok && t->after_skip[i] && i + 1 < t->n &&
		    !t->after_skip[i + 1])
			ok = j + 1 < f->n &&
			    f->pos[j + 1].offset == t->pos[i + 1].offset;
		if (!ok) {
			printf("#   position %llu %lu:%lu%s is not the full "
			    "read's\n", (unsigned long long)p->offset,
			    p->line, p->col, t->after_skip[i] ?
			    " after a skip" : "");
			return false;
		}
	}
	return true;
}

/* One read of text with mode m through window w (0: buffer). */
static void
run(const struct doc *d, const char *text, size_t len, int fd, size_t w,
    enum mode m, struct trace *t)
{
	struct adc_json_options o = { 0 };
	struct adc_json_reader *r;
	struct adc_diag diag;

	o.max_depth = d->max_depth;
	o.max_string = d->max_string;
	o.window = w;
	adc_diag_init(&diag, "t.json");
	if (w == 0) {
		r = adc_json_open_buffer(text, len, "t.json", &o, &diag);
	} else {
		if (lseek(fd, 0, SEEK_SET) != 0)
			abort();
		r = adc_json_open_fd(fd, "t.json", &o, &diag);
	}
	if (r == NULL)
		abort();
	read_doc(r, m, t);
	adc_json_close(r);
}

static int
fd_holding(const char *text, size_t len)
{
	FILE *f = tmpfile();
	int fd;

	if (f == NULL || fwrite(text, 1, len, f) != len || fflush(f) != 0)
		abort();
	fd = dup(fileno(f));
	fclose(f);
	if (fd < 0)
		abort();
	return fd;
}

/* Does the read t agree with the full read f? Says how when not. */
static bool
agrees(const struct trace *t, const struct trace *f, enum mode m, size_t w)
{
	bool ok = t->last == f->last && same_diag(&t->diag, &f->diag);

	if (m == FULL) {
		ok = ok && t->n == f->n && memcmp(t->pos, f->pos,
		    t->n * sizeof(t->pos[0])) == 0;
	} else if (ok) {
		ok = positions_known(t, f);
	}
	if (!ok)
		printf("#   %s, window %zu: %lu:%lu: %s (at %s), full read: "
		    "%lu:%lu: %s (at %s)\n", mode_name[m], w, t->diag.line,
		    t->diag.col, t->diag.msg, t->diag.pointer, f->diag.line,
		    f->diag.col, f->diag.msg, f->diag.pointer);
	return ok;
}

/* Every mode and window against the full read through the buffer. */
static bool
check_text(const struct doc *d, const char *text, size_t len,
    bool *accepted)
{
	static struct trace full, t;
	int fd = fd_holding(text, len);
	bool ok = true;
	size_t w;
	int m;

	run(d, text, len, fd, 0, FULL, &full);
	*accepted = full.last == ADC_JSON_EOF;
	for (m = 0; m < N_MODES; m++) {
		for (w = 0; w <= 64 && ok; w++) {
			if (m == FULL && w == 0)
				continue;
			run(d, text, len, fd, w, (enum mode)m, &t);
			ok = agrees(&t, &full, (enum mode)m, w);
		}
	}
	close(fd);
	return ok;
}

/*
 * The same document laid out another way: after '{', '[' and ',' and
 * before '}' and ']' (outside strings) a line break and indentation, a
 * space after ':'. style 1: LF and two spaces a level; style 2: CRLF and
 * a tab a level. Errors stay errors of the same kind, only elsewhere.
 */
static char *
relayout(const char *s, size_t len, int style, size_t *outlen)
{
	struct adc_buf b;
	bool in_str = false, esc = false;
	int depth = 0, k;
	size_t i;

	adc_buf_init(&b, 0);
	for (i = 0; i < len; i++) {
		char c = s[i];
		bool brk_before = false, brk_after = false;

		if (in_str) {
			in_str = esc || c != '"';
			esc = !esc && c == '\\';
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			depth++;
			brk_after = true;
		} else if (c == '}' || c == ']') {
			depth = depth > 0 ? depth - 1 : 0;
			brk_before = true;
		} else if (c == ',') {
			brk_after = true;
		}
		for (k = 0; k < 2; k++) {
			if ((k == 0 && !brk_before) || (k == 1 && !brk_after))
				continue;
			if (k == 1)
				adc_buf_append(&b, &c, 1);
			adc_buf_puts(&b, style == 1 ? "\n" : "\r\n");
			for (int n = 0; n < depth; n++)
				adc_buf_puts(&b, style == 1 ? "  " : "\t");
		}
		if (!brk_after)
			adc_buf_append(&b, &c, 1);
		if (!in_str && c == ':')
			adc_buf_puts(&b, " ");
	}
	*outlen = b.len;
	if (b.data == NULL)
		adc_buf_puts(&b, "");
	return adc_buf_take(&b);
}

static void
check_doc(const struct doc *d, bool want, int layouts)
{
	size_t len = d->len != 0 ? d->len : strlen(d->text), n;
	char what[200], *p;
	bool accepted, ok;
	int style;

	for (style = 0; style < layouts; style++) {
		char *text = style == 0 ? NULL : relayout(d->text, len, style,
		    &n);

		ok = check_text(d, text != NULL ? text : d->text,
		    text != NULL ? n : len, &accepted);
		snprintf(what, sizeof(what), "%s %.60s (layout %d)",
		    want ? "accepts" : "refuses", d->text, style);
		for (p = what; *p != '\0'; p++) {
			if ((unsigned char)*p < 0x20 ||
			    (unsigned char)*p >= 0x7f)
				*p = '?';
		}
		OK(ok && accepted == want, what);
		free(text);
	}
}

/* Accepted documents: every kind of token inside skipped values. */
static const struct doc valid[] = {
	{ "{\"a\":{\"b\":[1,-2.5e+3,true,false,null,\"x\",{},[]],\"c\":"
	    "{\"d\":\"e\"}},\"f\":[[],[{}],\"g\"],\"h\":0,\"i\":-0.0E-1}",
	    0, 0, 0 },
	{ "{\"s\":[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\\u00e9\\ud83d\\ude00\","
	    "\"\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e\xf4\x8f\xbf\xbf\"],"
	    "\"t\":\"\\u0000\",\"u\":{\"\\u0041\":\"a\\\"]}\"}}", 0, 0, 0 },
	{ "[{\"a\":[1,[2,[3,[4,[5,[6,[7,[8,[9,[10,[11,[12,[13,[14,[15,[16,"
	    "[17,[18,[19,[20,{\"deep\":true}]]]]]]]]]]]]]]]]]]]]},\"end\"]",
	    0, 0, 0 },
	{ "{\"a_key_longer_than_the_one_hundred_and_twenty_bytes_kept_for_"
	    "pointers_in_each_level_of_the_reader_so_it_is_cut_when_shown\":"
	    "{\"x\":[1,2,3]},\"b\":1}", 0, 0, 0 },
	{ "{\"s\":\"a string that is longer than sixty-four bytes so that "
	    "it spans several windows\",\"n\":12345678901234567890.5e-10}",
	    0, 0, 0 },
	{ "\xef\xbb\xbf{\"s\":[1]}", 0, 0, 0 },
	{ "[]", 0, 0, 0 },
	{ "{}", 0, 0, 0 },
	{ "[[[[1]]]]", 0, 5, 0 },
	{ "{\"abcdefgh\":[\"12345678\",12345678]}", 0, 0, 8 },
	{ " \t\r\n[1 , 2\t,\r\n3 ] \n", 0, 0, 0 },
};

/* Refused documents: each error inside a value the skips pass over. */
static const struct doc invalid[] = {
	/* in a string */
	{ "{\"k\":1,\"s\":{\"a\":[\"x\x01y\"]},\"z\":2}", 0, 0, 0 },
	{ "{\"s\":[\"x\ny\"],\"z\":2}", 0, 0, 0 },
	{ "{\"s\":[\"x\ty\"]}", 0, 0, 0 },
	{ "{\"s\":[\"abc", 0, 0, 0 },
	{ "{\"s\":{\"abc", 0, 0, 0 },
	{ "{\"s\":{\"a\x1f\":1}}", 0, 0, 0 },
	/* in an escape */
	{ "{\"s\":[1,\"\\q\"]}", 0, 0, 0 },
	{ "{\"s\":[1,\"ab\\u12G4\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\\u12", 0, 0, 0 },
	{ "{\"s\":[\"\\", 0, 0, 0 },
	{ "{\"s\":[\"\\uD800x\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\\uD800\\u0041\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\\uD800\\uD800\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\\uDC00\"]}", 0, 0, 0 },
	{ "{\"s\":{\"\\x\":1}}", 0, 0, 0 },
	/* after keys at and past the 120 bytes kept for pointers */
	{ "{\"s\":{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
	    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
	    "kkkkkkkk12\":[1,01]}}", 0, 0, 0 },
	{ "{\"s\":{\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
	    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
	    "kkkkkkkk123\":[1,01]}}", 0, 0, 0 },
	/* in a number */
	{ "{\"s\":[1,01]}", 0, 0, 0 },
	{ "{\"s\":[1.]}", 0, 0, 0 },
	{ "{\"s\":[1.e3]}", 0, 0, 0 },
	{ "{\"s\":[-]}", 0, 0, 0 },
	{ "{\"s\":[-a]}", 0, 0, 0 },
	{ "{\"s\":[1e]}", 0, 0, 0 },
	{ "{\"s\":[1e+]}", 0, 0, 0 },
	{ "{\"s\":[+1]}", 0, 0, 0 },
	{ "{\"s\":[.5]}", 0, 0, 0 },
	{ "{\"s\":[1.5.3]}", 0, 0, 0 },
	{ "{\"s\":[0x1]}", 0, 0, 0 },
	{ "{\"s\":[1ee2]}", 0, 0, 0 },
	{ "{\"s\":[-01]}", 0, 0, 0 },
	{ "{\"s\":[12", 0, 0, 0 },
	{ "{\"s\":{\"a\":1-2}}", 0, 0, 0 },
	/* in a literal */
	{ "{\"s\":[tru]}", 0, 0, 0 },
	{ "{\"s\":[nul", 0, 0, 0 },
	{ "{\"s\":[falsey]}", 0, 0, 0 },
	{ "{\"s\":[truex]}", 0, 0, 0 },
	{ "{\"s\":[nulL]}", 0, 0, 0 },
	{ "{\"s\":{\"a\":t", 0, 0, 0 },
	{ "{\"s\":[True]}", 0, 0, 0 },
	/* in the structure */
	{ "{\"s\":[1,2}}", 0, 0, 0 },
	{ "{\"s\":{\"a\":1]}", 0, 0, 0 },
	{ "{\"s\":[[1]}", 0, 0, 0 },
	{ "{\"s\":{\"a\" 1}}", 0, 0, 0 },
	{ "{\"s\":{\"a\":1 \"b\":2}}", 0, 0, 0 },
	{ "{\"s\":[1 2]}", 0, 0, 0 },
	{ "{\"s\":[1,]}", 0, 0, 0 },
	{ "{\"s\":{\"a\":1,}}", 0, 0, 0 },
	{ "{\"s\":{,}}", 0, 0, 0 },
	{ "{\"s\":[,1]}", 0, 0, 0 },
	{ "{\"s\":{1:2}}", 0, 0, 0 },
	{ "{\"s\":{\"a\":}}", 0, 0, 0 },
	{ "{\"s\":[:]}", 0, 0, 0 },
	{ "{\"s\":{\"a\"::1}}", 0, 0, 0 },
	{ "{\"s\":{\"a\":1,2}}", 0, 0, 0 },
	{ "{\"s\":{\"a\":[1,2]", 0, 0, 0 },
	{ "{\"s\":{\"a\":[1,2],", 0, 0, 0 },
	{ "{\"s\":[1,2", 0, 0, 0 },
	{ "{\"s\":'a'}", 0, 0, 0 },
	{ "{\"s\":[1]} x", 0, 0, 0 },
	{ "{\"s\":[1]}]", 0, 0, 0 },
	{ "[1]\xef\xbb\xbf", 0, 0, 0 },
	{ "{\"s\":[1,/*c*/2]}", 0, 0, 0 },
	/* control bytes and stray bytes between tokens */
	{ "{\"s\":[1,\x01 2]}", 0, 0, 0 },
	{ "{\"s\":[1\x0b]}", 0, 0, 0 },
	{ "{\"s\":[1,\xc3\xa9]}", 0, 0, 0 },
	{ "{\"s\":[1]\x00}", 11, 0, 0 },
	/* in UTF-8 */
	{ "{\"s\":[\"\xc0\x80\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\xed\xa0\x80\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\xf4\x90\x80\x80\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\xe2\x82\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\x80\"]}", 0, 0, 0 },
	{ "{\"s\":[\"ab\xff\"]}", 0, 0, 0 },
	{ "{\"s\":[\"\xe2\x82", 0, 0, 0 },
	{ "{\"s\":{\"\xc3\":1}}", 0, 0, 0 },
	/* at the limits */
	{ "{\"s\":[[[[1]]]]}", 0, 4, 0 },
	{ "{\"s\":{\"a\":[{\"b\":[]}]}}", 0, 4, 0 },
	{ "{\"s\":{\"abcdefghi\":1}}", 0, 0, 8 },
	{ "{\"s\":[123456789]}", 0, 0, 8 },
	{ "{\"s\":[1,2,3,-12345678]}", 0, 0, 8 },
	/* nothing at all */
	{ "", 0, 0, 0 },
	{ " \n\t", 0, 0, 0 },
	{ "\xef\xbb\xbf", 0, 0, 0 },
	{ "\xff\xfe[\x00]\x00", 6, 0, 0 },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Open text through window w (0: buffer) with options o. */
static struct adc_json_reader *
open_text(const char *text, size_t w, struct adc_json_options *o, int *fd)
{
	return ju_open(text, strlen(text), w, o, fd);
}

/* Nesting up to the default limit of 512 inside a skipped member, and
 * one past it: the levels array grows inside the skip. Compact only:
 * indentation would grow as the square of the depth. */
static void
deep_doc(char *text, unsigned levels)
{
	size_t n = 0;
	unsigned i;

	n += (size_t)sprintf(text, "{\"s\":");
	for (i = 0; i < levels; i++)
		text[n++] = '[';
	for (i = 0; i < levels; i++)
		text[n++] = ']';
	text[n++] = '}';
	text[n] = '\0';
}

/* Objects and arrays in turn, levels deep, inside a skipped member;
 * bad puts a leading zero at the bottom. */
static void
mixed_doc(char *text, unsigned levels, bool bad)
{
	size_t n = 0;
	unsigned i;

	n += (size_t)sprintf(text, "{\"s\":");
	for (i = 0; i < levels; i++)
		n += (size_t)sprintf(text + n, i % 2 ? "[1," : "{\"k\":");
	n += (size_t)sprintf(text + n, bad ? "01" : "2");
	for (i = levels; i-- > 0;)
		text[n++] = i % 2 ? ']' : '}';
	text[n++] = '}';
	text[n] = '\0';
}

static void
test_deep(void)
{
	static char text[1200];
	struct doc d = { text, 0, 0, 0 };
	unsigned levels;

	deep_doc(text, 511);
	check_doc(&d, true, 1);
	deep_doc(text, 512);
	check_doc(&d, false, 1);
	mixed_doc(text, 150, false);
	check_doc(&d, true, 1);
	mixed_doc(text, 150, true);
	check_doc(&d, false, 1);

	/* An object closed by ']' after about as many levels as a skip can
	 * keep one bit each for: it must still be refused. */
	for (levels = 60; levels <= 68; levels++) {
		deep_doc(text, levels);
		memmove(text + 10, text + 5, strlen(text + 5) + 1);
		memcpy(text + 5, "{\"k\":", 5);
		strcpy(text + strlen(text) - 1, ",2]}");
		check_doc(&d, false, 1);
	}
}

/* A skip that ends an object forgets its keys, as reading to its end
 * does: a key in the next object at that level is new again. */
static void
test_duplicates(void)
{
	static const char text[] = "[{\"a\":1,\"b\":{\"a\":2}},"
	    "{\"a\":3,\"a\":4}]";
	struct adc_json_options o = { .report_duplicates = true };
	struct adc_json_reader *r;
	size_t w;
	int bad = 0, fd;

	for (w = 0; w <= 64; w++) {
		r = open_text(text, w, &o, &fd);
		adc_json_next(r);			/* [ */
		adc_json_next(r);			/* { */
		bad += adc_json_next(r) != ADC_JSON_KEY;	/* a */
		bad += adc_json_skip_rest(r) != ADC_OK;
		bad += adc_json_next(r) != ADC_JSON_OBJECT_BEGIN;
		bad += adc_json_next(r) != ADC_JSON_KEY;	/* a */
		bad += adc_json_key_is_duplicate(r);
		adc_json_next(r);			/* 3 */
		bad += adc_json_next(r) != ADC_JSON_KEY;	/* a */
		bad += !adc_json_key_is_duplicate(r);
		ju_close(r, fd);
	}
	INT_EQ(bad, 0, "after skip_rest a key in the next object is new");
}

/* An error deep in a skipped member, lines down: worked out by hand. */
static void
test_error_place(void)
{
	static const char text[] = "{\n  \"k\": 1,\n  \"s\": {\n    \"a\": [\n"
	    "      1,\n      01\n    ]\n  }\n}\n";
	const struct adc_diag *d;
	struct adc_json_reader *r;
	size_t w;
	int bad = 0, fd;

	for (w = 0; w <= 64; w++) {
		r = open_text(text, w, NULL, &fd);
		adc_json_next(r);
		adc_json_next(r);
		adc_json_next(r);
		adc_json_next(r);			/* K:s */
		d = adc_json_diag(r);
		if (adc_json_skip(r) != ADC_ESYNTAX || d->offset != 48 ||
		    d->line != 6 || d->col != 8 ||
		    strcmp(d->pointer, "/s/a/1") != 0 ||
		    strcmp(d->msg, "invalid number: leading zeros are not "
		    "allowed") != 0) {
			if (bad++ == 0)
				printf("#   window %zu: %lu:%lu %s (at %s)\n",
				    w, d->line, d->col, d->msg, d->pointer);
		}
		ju_close(r, fd);
	}
	INT_EQ(bad, 0, "a leading zero in a skipped member: 6:8 at /s/a/1");
}

/* Where a skip leaves the reader, lines down, in LF and CRLF text. */
static void
test_after_skip(void)
{
	static const char lf[] = "{\n  \"s\": [\n    1,\n    2\n  ],\n"
	    "  \"n\": true\n}\n";
	static const char crlf[] = "[\r\n\t1,\r\n\t[\r\n\t\t2\r\n\t]\r\n]";
	struct adc_json_reader *r;
	struct adc_json_pos p[4];
	size_t w;
	int bad = 0, fd;

	for (w = 0; w <= 64; w++) {
		r = open_text(lf, w, NULL, &fd);
		adc_json_next(r);
		adc_json_next(r);			/* K:s */
		bad += adc_json_skip(r) != ADC_OK;
		adc_json_position(r, &p[0]);		/* ] */
		bad += adc_json_next(r) != ADC_JSON_KEY;
		adc_json_position(r, &p[1]);
		bad += adc_json_next(r) != ADC_JSON_TRUE;
		adc_json_position(r, &p[2]);
		ju_close(r, fd);
		bad += p[0].offset != 26 || p[0].line != 5 || p[0].col != 3;
		bad += p[1].offset != 31 || p[1].line != 6 || p[1].col != 3;
		bad += p[2].offset != 36 || p[2].line != 6 || p[2].col != 8;

		r = open_text(crlf, w, NULL, &fd);
		adc_json_next(r);
		adc_json_next(r);
		bad += adc_json_next(r) != ADC_JSON_ARRAY_BEGIN;
		bad += adc_json_skip(r) != ADC_OK;
		adc_json_position(r, &p[0]);		/* inner ] */
		bad += adc_json_next(r) != ADC_JSON_ARRAY_END;
		adc_json_position(r, &p[1]);
		bad += adc_json_next(r) != ADC_JSON_EOF;
		ju_close(r, fd);
		bad += p[0].offset != 18 || p[0].line != 5 || p[0].col != 2;
		bad += p[1].offset != 21 || p[1].line != 6 || p[1].col != 1;
	}
	INT_EQ(bad, 0, "lines and columns after skips over indented text");
}

/* The one documented difference: a skipped string is not held, so the
 * string limit does not apply to it (include/adc.h). */
static void
test_skipped_string_limit(void)
{
	static const char text[] = "{\"s\":[\"123456789\"],\"t\":1}";
	struct adc_json_options o = { .max_string = 8 };
	struct adc_json_reader *r;
	enum adc_json_event ev;
	const struct adc_diag *d;
	size_t w;
	int bad = 0, fd;

	for (w = 0; w <= 64; w++) {
		r = open_text(text, w, &o, &fd);
		do {
			ev = adc_json_next(r);
		} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
		d = adc_json_diag(r);
		bad += d->status != ADC_ELIMIT || d->offset != 6 ||
		    d->col != 7 || strcmp(d->pointer, "/s/0") != 0 ||
		    strcmp(d->msg, "string longer than the limit of 8 bytes");
		ju_close(r, fd);

		r = open_text(text, w, &o, &fd);
		adc_json_next(r);
		adc_json_next(r);
		bad += adc_json_skip(r) != ADC_OK;
		bad += adc_json_next(r) != ADC_JSON_KEY;
		bad += !adc_json_string_is(r, "t");
		ju_close(r, fd);
	}
	INT_EQ(bad, 0, "a long string fails a read and passes a skip");
}

int
main(void)
{
	size_t i;

	for (i = 0; i < N_OF(valid); i++)
		check_doc(&valid[i], true, 3);
	for (i = 0; i < N_OF(invalid); i++)
		check_doc(&invalid[i], false, 3);
	test_deep();
	test_duplicates();
	test_error_place();
	test_after_skip();
	test_skipped_string_limit();
	return tap_done();
}
