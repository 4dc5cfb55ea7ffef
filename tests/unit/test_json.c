/* SPDX-License-Identifier: MIT */
/*
 * test_json.c: the streaming JSON reader: events, unescaping, positions
 * and pointers of errors, limits, skipping, numbers, duplicate keys and
 * byte-order marks. Each case runs through the buffer API and through a
 * file descriptor with windows from 1 byte up, so tokens cross the
 * window edge at every offset.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>

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
	struct adc_diag d;
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
	for (w = 0; w < N_WINDOWS; w++) {
		INT_EQ(read_all("[\"12345678\"]", 12, windows[w], &o, &d),
		    ADC_JSON_EOF, "a string at max_string passes");
		INT_EQ(read_all("[\"123456789\"]", 13, windows[w], &o, &d),
		    ADC_JSON_ERROR, "one byte more does not");
		INT_EQ(d.status, ADC_ELIMIT, "  with ELIMIT");
		INT_EQ(d.offset, 1, "  at the string's start");
		INT_EQ(read_all("[123456789]", 11, windows[w], &o, &d),
		    ADC_JSON_ERROR, "a number past max_string fails");
		INT_EQ(d.status, ADC_ELIMIT, "  with ELIMIT");
	}
}

int
main(void)
{
	test_events();
	test_errors();
	test_open_diag();
	test_positions();
	test_limits();
	return tap_done();
}
