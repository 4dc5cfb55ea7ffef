/* SPDX-License-Identifier: MIT */
/*
 * test_json.c: the streaming JSON reader: events, unescaping, positions
 * and pointers of errors, limits, skipping, numbers, duplicate keys and
 * byte-order marks. Each case runs through the buffer API and through a
 * file descriptor with windows from 1 byte up, so tokens cross the
 * window edge at every offset.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdint.h>

#include "json_internal.h"
#include "json_util.h"
#include "tap.h"

/* Windows every case runs with; 0 is the buffer API. */
static const size_t windows[] = { 0, 1, 2, 3, 4, 5, 7, 8, 13, 16, 64 };
#define N_WINDOWS (sizeof(windows) / sizeof(windows[0]))

/* text's events equal want under every window. */
static void
events_are(const char *text, const char *want, const char *what)
{
	size_t w;
	int bad = 0;

	for (w = 0; w < N_WINDOWS; w++) {
		char *got = ju_events(text, strlen(text), windows[w], NULL);

		if (strcmp(got, want) != 0 && bad++ == 0) {
			printf("# window %zu\n", windows[w]);
			STR_EQ(got, want, what);
		}
		free(got);
	}
	if (bad == 0)
		OK(1, what);
}

static void
test_events(void)
{
	events_are("{\"a\":[1,-2.5e3,\"x\\n\",true,false,null],\"b\":{}}",
	    "{ K:a [ N:1 N:-2.5e3 S:x\\x0a T F Z ] K:b { } } EOF",
	    "a document's events in order");
	events_are(" \t\r\n 42 \n", "N:42 EOF", "a bare number");
	events_are("\"\"", "S: EOF", "an empty string");
	events_are("[[],{},[[]]]", "[ [ ] { } [ [ ] ] ] EOF",
	    "empty containers");
	events_are("[\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\r\\t\\\"\\\\\"]",
	    "[ S:\xc3\xa9\xf0\x9f\x98\x80/\\x08\\x0c\\x0d\\x09\"\\ ] EOF",
	    "escapes, surrogate pairs included, are unescaped");
	events_are("[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]",
	    "[ S:caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 ] EOF",
	    "UTF-8 text passes through");
	events_are("[\"a\\u0000b\"]", "[ S:a\\x00b ] EOF",
	    "an escaped NUL is kept inside the string");
}

struct want_err {
	const char	*text;
	enum adc_status	 status;
	uint64_t	 offset;
	unsigned long	 line, col;
	const char	*pointer;
	const char	*msg_part;
};

static const struct want_err errors[] = {
	{ "{\n  \"a\": [1, 2,]\n}", ADC_ESYNTAX, 15, 2, 14, "/a/1",
	    "no trailing comma before ']'" },
	{ "{\"a~b\": {\"c/d\": \"x\\u12\"}}", ADC_ESYNTAX, 18, 1, 19,
	    "/a~0b/c~1d", "expected 4 hex digits" },
	{ "[\n\"ok\",\n\"bad\x01\"]", ADC_ESYNTAX, 12, 3, 5, "/1",
	    "control character 0x01" },
	{ "{\"a\" 1}", ADC_ESYNTAX, 5, 1, 6, "/a", "expected ':'" },
	{ "{\"a\":1 \"b\":2}", ADC_ESYNTAX, 7, 1, 8, "/a",
	    "expected ',' or '}' after object member" },
	{ "[1,\r\n  01]", ADC_ESYNTAX, 8, 2, 4, "/1", "leading zeros" },
	{ "{\"k\":[true]}  x", ADC_ESYNTAX, 14, 1, 15, "",
	    "after the top-level value" },
	{ "", ADC_ESYNTAX, 0, 1, 1, "", "empty input" },
	{ "  \n ", ADC_ESYNTAX, 4, 2, 2, "", "expected a JSON value" },
	{ "[\"abc", ADC_ESYNTAX, 1, 1, 2, "/0", "unterminated string" },
	{ "[\"\xc3\x28\"]", ADC_ESYNTAX, 2, 1, 3, "/0", "invalid UTF-8" },
	{ "[\"\\ud800x\"]", ADC_ESYNTAX, 2, 1, 3, "/0",
	    "not followed by a low surrogate" },
	{ "[\"\\udc00\"]", ADC_ESYNTAX, 2, 1, 3, "/0", "lone low surrogate" },
	{ "{\"\\u00e9\":{\"x\":nul}}", ADC_ESYNTAX, 15, 1, 16,
	    "/\xc3\xa9/x", "expected null" },
	{ "{\"a\":1,\n \"b\\q\":2}", ADC_ESYNTAX, 11, 2, 4, "",
	    "invalid escape" },
	{ "\xff\xfe[\0]\0", ADC_ESYNTAX, 0, 1, 1, "", "UTF-16" },
	{ "[\0\"\0a\0\"\0]\0", ADC_ESYNTAX, 0, 1, 1, "", "UTF-16" },
};

/* The text of errors[] cases may hold NUL bytes: the UTF-16 ones. */
static size_t
case_len(const struct want_err *e)
{
	if (strstr(e->msg_part, "UTF-16") != NULL)
		return e->text[0] == '\xff' ? 6 : 10;
	return strlen(e->text);
}

static void
check_error(const struct want_err *e, size_t window)
{
	struct adc_json_reader *r;
	const struct adc_diag *d;
	enum adc_json_event ev;
	struct adc_json_pos pos;
	char what[128], *p;
	int fd;

	r = ju_open(e->text, case_len(e), window, NULL, &fd);
	do {
		ev = adc_json_next(r);
	} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	d = adc_json_diag(r);
	snprintf(what, sizeof(what), "error in %.40s (window %zu)",
	    e->text, window);
	for (p = what; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	}
	INT_EQ(ev, ADC_JSON_ERROR, what);
	INT_EQ(d->status, e->status, "  status");
	INT_EQ(d->offset, e->offset, "  offset");
	INT_EQ(d->line, e->line, "  line");
	INT_EQ(d->col, e->col, "  column");
	STR_EQ(d->pointer, e->pointer, "  pointer");
	OK(strstr(d->msg, e->msg_part) != NULL, "  message says what");
	if (strstr(d->msg, e->msg_part) == NULL)
		printf("#   message: %s\n", d->msg);
	STR_EQ(d->source, "t.json", "  source is the reader's name");
	adc_json_position(r, &pos);
	INT_EQ(pos.offset, e->offset, "  position() gives the error's");
	INT_EQ(adc_json_next(r), ADC_JSON_ERROR, "  the error is sticky");
	INT_EQ(adc_json_skip(r), e->status, "  skip repeats it");
	ju_close(r, fd);
}

static void
test_errors(void)
{
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		check_error(&errors[i], 0);
		check_error(&errors[i], 1);
		check_error(&errors[i], 3);
	}
}

static void
test_open_diag(void)
{
	struct adc_diag d;

	memset(&d, 0x5a, sizeof(d));	/* junk catches unset fields */
	adc_diag_init(&d, "x.json");
	OK(adc_json_open_fd(-1, "x.json", NULL, &d) == NULL,
	    "open_fd refuses a negative fd");
	INT_EQ(d.status, ADC_EINVAL, "  with EINVAL");
	STR_EQ(d.pointer, "", "  and no pointer");
	OK(d.msg[0] != '\0' && strlen(d.msg) < sizeof(d.msg),
	    "  and a message");
}

/* Positions and pointers of events in a valid document. */
static void
test_positions(void)
{
	const char *text = "{\n  \"vms\": [\n    {\"id\": \"a/b\"},\n"
	    "    {\"id\": 7}\n  ]\n}\n";
	struct adc_json_reader *r;
	struct adc_json_pos pos;
	char ptr[64];
	int fd, n = 0;

	r = ju_open(text, strlen(text), 4, NULL, &fd);
	while (adc_json_next(r) != ADC_JSON_NUMBER && n++ < 50)
		;
	adc_json_position(r, &pos);
	INT_EQ(pos.line, 4, "event line");
	INT_EQ(pos.col, 12, "event column");
	INT_EQ(pos.offset, 43, "event offset");
	STR_EQ(adc_json_pointer(r, ptr, sizeof(ptr)), "/vms/1/id",
	    "event pointer");
	INT_EQ(adc_json_depth(r), 3, "depth inside the second VM");
	STR_EQ(adc_json_pointer(r, ptr, 8), "/vms...",
	    "a pointer cut to fit ends in ...");
	adc_json_next(r);
	STR_EQ(adc_json_pointer(r, ptr, sizeof(ptr)), "/vms/1",
	    "after an object ends, the pointer is the object's");
	ju_close(r, fd);
}

static enum adc_json_event
read_all(const char *text, size_t len, size_t window,
    struct adc_json_options *o, struct adc_diag *out)
{
	struct adc_json_reader *r;
	enum adc_json_event ev;
	int fd;

	r = ju_open(text, len, window, o, &fd);
	do {
		ev = adc_json_next(r);
		if (ev == ADC_JSON_STRING || ev == ADC_JSON_KEY)
			adc_json_string(r, NULL);
	} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	*out = *adc_json_diag(r);
	ju_close(r, fd);
	return ev;
}

static char *
nested(unsigned n)
{
	char *s = malloc(2 * n + 2);
	unsigned i;

	for (i = 0; i < n; i++) {
		s[i] = '[';
		s[n + 1 + i] = ']';
	}
	s[n] = '1';
	s[2 * n + 1] = '\0';
	return s;
}

static void
test_limits(void)
{
	struct adc_json_options o = { 0 };
	struct adc_diag d, first;
	char *deep;
	size_t w;

	deep = nested(512);
	INT_EQ(read_all(deep, strlen(deep), 0, NULL, &d), ADC_JSON_EOF,
	    "512 levels pass the default depth limit");
	free(deep);
	deep = nested(513);
	INT_EQ(read_all(deep, strlen(deep), 0, NULL, &d), ADC_JSON_ERROR,
	    "513 levels do not");
	INT_EQ(d.status, ADC_ELIMIT, "  with ELIMIT");
	INT_EQ(d.offset, 512, "  at the 513th bracket");
	OK(strstr(d.msg, "limit of 512 levels") != NULL, "  saying so");
	free(deep);

	o.max_depth = 2;
	INT_EQ(read_all("[[1]]", 5, 0, &o, &d), ADC_JSON_EOF,
	    "max_depth 2 allows two levels");
	INT_EQ(read_all("[{\"a\":[]}]", 10, 0, &o, &d), ADC_JSON_ERROR,
	    "and refuses three");

	o.max_depth = 0;
	o.max_string = 8;
	read_all("[\"123456789abcdefghij\"]", 23, 0, &o, &first);
	for (w = 0; w < N_WINDOWS; w++) {
		/* Found by fuzz_json: windows reported a different message. */
		read_all("[\"123456789abcdefghij\"]", 23, windows[w], &o, &d);
		STR_EQ(d.msg, first.msg, "the limit reads the same in windows");
		INT_EQ(read_all("[\"12345678\"]", 12, windows[w], &o, &d),
		    ADC_JSON_EOF, "a string at max_string passes");
		INT_EQ(read_all("[\"123456789\"]", 13, windows[w], &o, &d),
		    ADC_JSON_ERROR, "one byte more does not");
		INT_EQ(d.status, ADC_ELIMIT, "  with ELIMIT");
		INT_EQ(d.offset, 1, "  at the string's start");
		INT_EQ(read_all("[123456789]", 11, windows[w], &o, &d),
		    ADC_JSON_ERROR, "a number past max_string fails");
		INT_EQ(d.status, ADC_ELIMIT, "  with ELIMIT");
		INT_EQ(read_all("[12345678]", 10, windows[w], &o, &d),
		    ADC_JSON_EOF, "a number at max_string passes");
		/* Found by fuzz_json: an escape that steps past the end
		 * of the allowed length made the scan run off the buffer. */
		INT_EQ(read_all("[\"\\uD834\\uDd1e\"]", 16, windows[w],
		    &o, &d), ADC_JSON_ERROR, "an escape crossing the limit");
		INT_EQ(d.status, ADC_ELIMIT, "  is ELIMIT");
		INT_EQ(read_all("[\"1234567\\u00e9\"]", 17, windows[w], &o,
		    &d), ADC_JSON_ERROR, "a \\u escape crossing the limit");
		INT_EQ(d.status, ADC_ELIMIT, "  is ELIMIT");
		INT_EQ(read_all("[\"12345\\n\"]", 11, windows[w], &o,
		    &d), ADC_JSON_EOF, "escapes count as written");
	}
}

/* The skip cases read this document. */
static const char skip_doc[] =
    "{\"skip\":{\"a\":[\"x\\\"y\\\\z\\u00e9\\ud83d\\ude00 long enough to "
    "cross\",{\"b\":[1,2]}],\"c\":\"\\\"}]\"},\n"
    "\"keep\":[1,{\"z\":[2,\"]\"]},3],\"last\":\"v\"}";

static void
check_skip(size_t window)
{
	struct adc_json_reader *r;
	struct adc_buf out;
	int fd;

	adc_buf_init(&out, 0);
	r = ju_open(skip_doc, strlen(skip_doc), window, NULL, &fd);
	adc_json_next(r);				/* { */
	adc_json_next(r);				/* K:skip */
	adc_buf_printf(&out, "%d", adc_json_skip(r));	/* the member */
	ju_event(r, adc_json_next(r), &out);		/* K:keep */
	ju_event(r, adc_json_next(r), &out);		/* [ */
	ju_event(r, adc_json_next(r), &out);		/* 1 */
	adc_buf_printf(&out, " %d ", adc_json_skip(r));	/* {"z":...} */
	ju_event(r, adc_json_next(r), &out);		/* 3 */
	adc_buf_printf(&out, " %d ", adc_json_skip(r));	/* none left */
	ju_event(r, adc_json_next(r), &out);		/* ] */
	ju_event(r, adc_json_next(r), &out);		/* K:last */
	adc_buf_printf(&out, " %d ", adc_json_skip(r));	/* "v" */
	ju_event(r, adc_json_next(r), &out);		/* } */
	ju_event(r, adc_json_next(r), &out);		/* EOF */
	STR_EQ(out.data, "0K:keep[N:1 0 N:3 7 ]K:last 0 }EOF",
	    window == 0 ? "skip members and elements (buffer)" :
	    "skip members and elements (fd)");
	INT_EQ(adc_json_diag(r)->line, 0, "  no error");
	ju_close(r, fd);
	adc_buf_free(&out);
}

static void
check_skip_rest(size_t window)
{
	struct adc_json_reader *r;
	struct adc_json_pos pos;
	int fd;

	r = ju_open(skip_doc, strlen(skip_doc), window, NULL, &fd);
	adc_json_next(r);
	adc_json_next(r);
	INT_EQ(adc_json_next(r), ADC_JSON_OBJECT_BEGIN, "into skip's value");
	INT_EQ(adc_json_skip(r), ADC_OK, "skip after BEGIN");
	INT_EQ(adc_json_depth(r), 1, "  ends the container");
	OK(adc_json_string(r, NULL) == NULL, "  no text after a skip");
	INT_EQ(adc_json_next(r), ADC_JSON_KEY, "  and the next key follows");
	adc_json_position(r, &pos);
	INT_EQ(pos.line, 2, "  on line 2");
	INT_EQ(adc_json_skip(r), ADC_OK, "skip the member");
	INT_EQ(adc_json_skip(r), ADC_EINVAL,
	    "skip after a member's value is refused");
	INT_EQ(adc_json_skip_rest(r), ADC_OK, "skip_rest of the top object");
	INT_EQ(adc_json_depth(r), 0, "  back at the top");
	INT_EQ(adc_json_next(r), ADC_JSON_EOF, "  and the input ends");
	ju_close(r, fd);

	r = ju_open(skip_doc, strlen(skip_doc), window, NULL, &fd);
	INT_EQ(adc_json_skip(r), ADC_OK, "skip the whole top-level value");
	INT_EQ(adc_json_next(r), ADC_JSON_EOF, "  then the end");
	ju_close(r, fd);
}

/* A skip validates as strictly as a read and names where it failed. */
static void
check_skip_error(size_t window)
{
	static const char bad[] =
	    "{\"a\":{\"b\":[1,{\"c\":\"\\q\"}]}, \"d\":1}";
	struct adc_json_reader *r;
	const struct adc_diag *d;
	int fd;

	r = ju_open(bad, strlen(bad), window, NULL, &fd);
	adc_json_next(r);
	adc_json_next(r);
	INT_EQ(adc_json_skip(r), ADC_ESYNTAX, "a bad escape fails the skip");
	d = adc_json_diag(r);
	STR_EQ(d->pointer, "/a/b/1/c", "  pointer inside the skipped value");
	INT_EQ(d->offset, 19, "  offset of the backslash");
	INT_EQ(d->col, 20, "  column");
	INT_EQ(adc_json_next(r), ADC_JSON_ERROR, "  and it sticks");
	ju_close(r, fd);
}

static void
test_skip(void)
{
	struct adc_json_options o = { 0 };
	struct adc_json_reader *r;
	size_t w;
	int fd;

	for (w = 0; w < N_WINDOWS; w++) {
		check_skip(windows[w]);
		check_skip_rest(windows[w]);
		check_skip_error(windows[w]);
	}

	/* Skipped strings are not held, so the string limit is not hit. */
	o.max_string = 4;
	r = ju_open("[0,\"abcdefghij\",\"ab\"]", 21, 2, &o, &fd);
	adc_json_next(r);
	adc_json_next(r);
	INT_EQ(adc_json_skip(r), ADC_OK, "skip over a string past the limit");
	INT_EQ(adc_json_next(r), ADC_JSON_STRING, "  then read the next");
	STR_EQ(adc_json_string(r, NULL), "ab", "  whole");
	ju_close(r, fd);
}

/*
 * UTF-16 columns (SARIF's unit): e acute (2 bytes) and the euro sign (3
 * bytes) are one code unit each, the key emoji (4 bytes) two; a line
 * break starts the count again. Each value is read in full or skipped,
 * under every window.
 */
static const char u16_doc[] =
    "[{\"n\":\"\xc3\xa9\xe2\x82\xac\"},{\"k\":\"\xf0\x9f\x94\x91\"},"
    "{\"x\":1},\n {\"\xc3\xa9\":2}, {\"y\":3}]";

static void
check_utf16_columns(size_t window, bool skip)
{
	/* Byte and UTF-16 columns of the five objects' '{', as Python
	 * counts them: len(line[:i].encode()) + 1 and
	 * len(line[:i].encode("utf-16-le")) // 2 + 1. */
	static const unsigned long want_col[] = { 2, 16, 29, 2, 12 };
	static const unsigned long want_u16[] = { 2, 13, 24, 2, 11 };
	struct adc_json_reader *r;
	struct adc_json_pos pos;
	enum adc_json_event ev;
	size_t n = 0, good = 0;
	int fd;

	r = ju_open(u16_doc, strlen(u16_doc), window, NULL, &fd);
	adc_json_next(r);				/* [ */
	while ((ev = adc_json_next(r)) == ADC_JSON_OBJECT_BEGIN && n < 5) {
		adc_json_position(r, &pos);
		if (pos.col == want_col[n] && pos.col_utf16 == want_u16[n])
			good++;
		else
			printf("# object %zu: col %lu/%lu, want %lu/%lu\n", n,
			    pos.col, pos.col_utf16, want_col[n], want_u16[n]);
		n++;
		if (skip)
			adc_json_skip(r);
		else
			while (adc_json_next(r) != ADC_JSON_OBJECT_END)
				continue;
	}
	INT_EQ(good, 5, skip ? "UTF-16 columns, values skipped" :
	    "UTF-16 columns, values read");
	ju_close(r, fd);
}

static void
test_utf16_columns(void)
{
	size_t w;

	for (w = 0; w < N_WINDOWS; w++) {
		check_utf16_columns(windows[w], false);
		check_utf16_columns(windows[w], true);
	}
}

/* adc_json_replay gives the current event again; a skip after it skips
 * that value: a container whole, a scalar alone. */
static void
check_replay(size_t window)
{
	static const char doc[] = "[1, {\"a\": [2, 3]}, \"s\", 4]";
	struct adc_json_reader *r;
	int fd, bad = 0;

	r = ju_open(doc, strlen(doc), window, NULL, &fd);
	bad += adc_json_next(r) != ADC_JSON_ARRAY_BEGIN;
	bad += adc_json_next(r) != ADC_JSON_NUMBER;
	adc_json_replay(r);
	bad += adc_json_next(r) != ADC_JSON_NUMBER;	/* 1 again */
	bad += adc_json_next(r) != ADC_JSON_OBJECT_BEGIN;
	adc_json_replay(r);
	bad += adc_json_skip(r) != ADC_OK;		/* the whole object */
	bad += adc_json_depth(r) != 1;
	bad += adc_json_next(r) != ADC_JSON_STRING;
	adc_json_replay(r);
	bad += adc_json_skip(r) != ADC_OK;		/* "s" alone */
	bad += adc_json_next(r) != ADC_JSON_NUMBER;	/* 4 */
	bad += adc_json_next(r) != ADC_JSON_ARRAY_END;
	bad += adc_json_next(r) != ADC_JSON_EOF;
	adc_json_replay(r);				/* no effect at EOF */
	bad += adc_json_next(r) != ADC_JSON_EOF;
	INT_EQ(bad, 0, window == 0 ? "replay (buffer)" : "replay (fd)");
	ju_close(r, fd);
}

static void
test_replay(void)
{
	size_t w;

	for (w = 0; w < N_WINDOWS; w++)
		check_replay(windows[w]);
}

struct num_case {
	const char	*text;
	enum adc_status	 i64_status;
	int64_t		 i64;
	enum adc_status	 dbl_status;
	double		 dbl;
};

static const struct num_case numbers[] = {
	{ "0", ADC_OK, 0, ADC_OK, 0.0 },
	{ "-0", ADC_OK, 0, ADC_OK, -0.0 },
	{ "42", ADC_OK, 42, ADC_OK, 42.0 },
	{ "9223372036854775807", ADC_OK, INT64_MAX, ADC_OK,
	    9223372036854775807.0 },
	{ "-9223372036854775808", ADC_OK, INT64_MIN, ADC_OK,
	    -9223372036854775808.0 },
	{ "9223372036854775808", ADC_ELIMIT, 0, ADC_OK,
	    9223372036854775808.0 },
	{ "-9223372036854775809", ADC_ELIMIT, 0, ADC_OK,
	    -9223372036854775809.0 },
	{ "1.5", ADC_ELIMIT, 0, ADC_OK, 1.5 },
	{ "1e2", ADC_ELIMIT, 0, ADC_OK, 100.0 },
	{ "-2.5E-3", ADC_ELIMIT, 0, ADC_OK, -0.0025 },
	{ "1e400", ADC_ELIMIT, 0, ADC_ELIMIT, 0 },
	{ "-1e400", ADC_ELIMIT, 0, ADC_ELIMIT, 0 },
	{ "1e-400", ADC_ELIMIT, 0, ADC_OK, 0.0 },
};

static void
test_numbers(void)
{
	struct adc_json_reader *r;
	size_t i;
	int fd;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		const struct num_case *c = &numbers[i];
		int64_t v = 0;
		double d = 0;

		r = ju_open(c->text, strlen(c->text), 0, NULL, &fd);
		INT_EQ(adc_json_next(r), ADC_JSON_NUMBER, c->text);
		INT_EQ(adc_json_number_i64(r, &v), c->i64_status,
		    "  integer status");
		if (c->i64_status == ADC_OK)
			OK(v == c->i64, "  integer value");
		INT_EQ(adc_json_number_double(r, &d), c->dbl_status,
		    "  double status");
		if (c->dbl_status == ADC_OK)
			OK(d == c->dbl, "  double value");
		STR_EQ(adc_json_raw(r, NULL), c->text, "  raw text kept");
		ju_close(r, fd);
	}

	r = ju_open("\"1\"", 3, 0, NULL, &fd);
	adc_json_next(r);
	INT_EQ(adc_json_number_i64(r, &(int64_t){ 0 }), ADC_EINVAL,
	    "a string is not a number");
	STR_EQ(adc_json_raw(r, NULL), "\"1\"", "raw text of a string");
	ju_close(r, fd);
}

static void
test_duplicates(void)
{
	static const char doc[] = "{\"a\":1,\"b\":{\"a\":2},\"a\":3,"
	    "\"\\u0061\":4,\"c\":[{\"x\":1},{\"x\":2}]}";
	struct adc_json_options o = { 0 };
	struct adc_json_reader *r;
	struct adc_buf out;
	enum adc_json_event ev;
	int pass, fd;

	for (pass = 0; pass < 2; pass++) {
		o.report_duplicates = pass == 1;
		adc_buf_init(&out, 0);
		r = ju_open(doc, strlen(doc), 3, &o, &fd);
		while ((ev = adc_json_next(r)) != ADC_JSON_EOF &&
		    ev != ADC_JSON_ERROR) {
			if (ev == ADC_JSON_KEY)
				adc_buf_printf(&out, "%s%d",
				    adc_json_string(r, NULL),
				    adc_json_key_is_duplicate(r));
		}
		STR_EQ(out.data, pass ? "a0b0a0a1a1c0x0x0" :
		    "a0b0a0a0a0c0x0x0", pass ? "duplicates are flagged, "
		    "per object, after unescaping" : "and only when asked");
		ju_close(r, fd);
		adc_buf_free(&out);
	}
}

static void
test_bom(void)
{
	struct adc_json_reader *r;
	struct adc_json_pos pos;
	struct adc_diag d;
	size_t w;
	int fd;

	for (w = 0; w < N_WINDOWS; w++) {
		r = ju_open("\xef\xbb\xbf{}", 5, windows[w], NULL, &fd);
		INT_EQ(adc_json_next(r), ADC_JSON_OBJECT_BEGIN,
		    "a UTF-8 byte-order mark is accepted");
		adc_json_position(r, &pos);
		INT_EQ(pos.offset, 3, "  offsets count it");
		INT_EQ(pos.col, 4, "  columns too");
		INT_EQ(pos.col_utf16, 1, "  but not UTF-16 columns");
		INT_EQ(adc_json_next(r), ADC_JSON_OBJECT_END, "  }");
		INT_EQ(adc_json_next(r), ADC_JSON_EOF, "  end");
		ju_close(r, fd);
	}
	INT_EQ(read_all("\xef\xbb", 2, 0, NULL, &d), ADC_JSON_ERROR,
	    "half a byte-order mark is an error");
	INT_EQ(read_all("\xef\xbb\xbf", 3, 1, NULL, &d), ADC_JSON_ERROR,
	    "a byte-order mark alone is an error");
	OK(strstr(d.msg, "expected a JSON value") != NULL, "  saying so");
	INT_EQ(read_all("[1]\xef\xbb\xbf", 6, 0, NULL, &d), ADC_JSON_ERROR,
	    "a byte-order mark after the start is an error");
}

static void
test_string_is(void)
{
	struct adc_json_reader *r;
	int fd;

	r = ju_open("[\"abc\",\"a\\u0062c\",\"ab\"]", 22, 0, NULL, &fd);
	adc_json_next(r);
	adc_json_next(r);
	OK(adc_json_string_is(r, "abc"), "string_is matches plain text");
	OK(!adc_json_string_is(r, "abcd"), "  not a longer one");
	adc_json_next(r);
	OK(adc_json_string_is(r, "abc"), "  matches after unescaping");
	adc_json_next(r);
	OK(!adc_json_string_is(r, "abc"), "  not a shorter one");
	adc_json_next(r);
	OK(!adc_json_string_is(r, ""), "  false on a non-string event");
	STR_EQ(adc_json_event_name(ADC_JSON_ARRAY_END), "end of array",
	    "event names");
	ju_close(r, fd);
}

/* A long string with escapes and UTF-8 everywhere, and keys long enough
 * to be cut in pointers: every window gives the buffer's events. */
static void
test_long_tokens(void)
{
	static const char *const pieces[] = { "ab", "\\n", "\\u00e9",
	    "\\ud83d\\ude00", "\xc3\xa9", "\xf0\x9f\x98\x80", "\\\"", "x" };
	static const size_t wins[] = { 1, 7, 16, 4096 };
	struct adc_buf doc;
	char *want, *got;
	size_t i;

	adc_buf_init(&doc, 0);
	adc_buf_puts(&doc, "{\"");
	for (i = 0; i < 300; i++)
		adc_buf_puts(&doc, "k");
	adc_buf_puts(&doc, "\":[\"");
	for (i = 0; i < 3000; i++)
		adc_buf_puts(&doc, pieces[i % 8]);
	adc_buf_puts(&doc, "\",12345678901234567890.5e-3,true]}");

	want = ju_events(doc.data, doc.len, 0, NULL);
	OK(strlen(want) > 7000 && strstr(want, " EOF") != NULL,
	    "the long document reads");
	for (i = 0; i < sizeof(wins) / sizeof(wins[0]); i++) {
		got = ju_events(doc.data, doc.len, wins[i], NULL);
		OK(strcmp(got, want) == 0, "long tokens read the same through "
		    "a small window");
		free(got);
	}
	free(want);
	adc_buf_free(&doc);
}

static void
test_read_error(void)
{
	struct adc_json_reader *r;
	struct adc_diag d;
	int fd = open(".", O_RDONLY);

	adc_diag_init(&d, ".");
	r = adc_json_open_fd(fd, ".", NULL, &d);
	INT_EQ(adc_json_next(r), ADC_JSON_ERROR, "reading a directory fails");
	INT_EQ(adc_json_diag(r)->status, ADC_EIO, "  with EIO");
	OK(strstr(adc_json_diag(r)->msg, "cannot read") != NULL,
	    "  saying so");
	adc_json_close(r);
	close(fd);
}

int
main(void)
{
	test_events();
	test_errors();
	test_open_diag();
	test_positions();
	test_limits();
	test_skip();
	test_utf16_columns();
	test_replay();
	test_numbers();
	test_duplicates();
	test_bom();
	test_string_is();
	test_long_tokens();
	test_read_error();
	return tap_done();
}
