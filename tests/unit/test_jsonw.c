/* SPDX-License-Identifier: MIT */
/* test_jsonw.c: the JSON writer's punctuation, escaping and UTF-8
 * repair. */
#include "jsonw.h"
#include "tap.h"

static void
test_compact(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "a");
	adc_jsonw_int(&w, -3);
	adc_jsonw_key(&w, "b");
	adc_jsonw_array_begin(&w);
	adc_jsonw_tri(&w, ADC_YES);
	adc_jsonw_tri(&w, ADC_NO);
	adc_jsonw_tri(&w, ADC_UNKNOWN);
	adc_jsonw_string(&w, NULL);
	adc_jsonw_array_end(&w);
	adc_jsonw_key(&w, "e");
	adc_jsonw_object_begin(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_object_end(&w);
	STR_EQ(b.data, "{\"a\":-3,\"b\":[true,false,null,null],\"e\":{}}",
	    "commas and nesting");
	INT_EQ(adc_jsonw_failed(&w), 0, "a complete value has not failed");
	adc_buf_free(&b);
}

static void
test_escaping(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_string(&w, "q\"b\\n\n\x01 \xc3\xa9 \xff \xed\xa0\x80");
	STR_EQ(b.data, "\"q\\\"b\\\\n\\u000a\\u0001 \xc3\xa9 \xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"",
	    "quotes, controls escaped; bad UTF-8 and surrogates replaced");
	adc_buf_free(&b);
}

/* Long runs go eight bytes at a time; every kind of byte that needs
 * care must still be caught at every position of a word. */
static void
test_runs(void)
{
	static const char special[] = { '"', '\\', '\n', '\x1f', '\x7f' };
	char in[40], want[80];
	struct adc_buf b;
	struct adc_jsonw w;
	size_t i, k;
	int bad = 0;

	for (k = 0; k < sizeof(special); k++) {
		for (i = 0; i < 20; i++) {
			memset(in, 'a', 24);
			in[24] = '\0';
			in[i] = special[k];
			adc_buf_init(&b, 0);
			adc_jsonw_init(&w, &b, false);
			adc_jsonw_string(&w, in);
			if (special[k] == '\n' || special[k] == '\x1f')
				snprintf(want, sizeof(want),
				    "\"%.*s\\u%04x%s\"", (int)i, in,
				    special[k], in + i + 1);
			else if (special[k] == '\x7f')
				snprintf(want, sizeof(want), "\"%s\"", in);
			else
				snprintf(want, sizeof(want), "\"%.*s\\%c%s\"",
				    (int)i, in, special[k], in + i + 1);
			bad += strcmp(b.data, want) != 0;
			adc_buf_free(&b);
		}
	}
	INT_EQ(bad, 0, "specials are escaped at every offset of a long run");

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_array_begin(&w);
	adc_jsonw_int(&w, -9223372036854775807LL - 1);
	adc_jsonw_int(&w, 0);
	adc_jsonw_int(&w, 120014);
	adc_jsonw_array_end(&w);
	STR_EQ(b.data, "[-9223372036854775808,0,120014]",
	    "integers, the smallest and zero included");
	adc_buf_free(&b);
}

static void
test_pretty(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, true);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "k");
	adc_jsonw_array_begin(&w);
	adc_jsonw_int(&w, 1);
	adc_jsonw_int(&w, 2);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	STR_EQ(b.data, "{\n  \"k\": [\n    1,\n    2\n  ]\n}\n",
	    "pretty layout, two spaces per level");
	adc_buf_free(&b);
}

static void
test_pretty_depth(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, true);
	adc_jsonw_set_pretty_depth(&w, 2);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "vms");
	adc_jsonw_array_begin(&w);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "a");
	adc_jsonw_array_begin(&w);
	adc_jsonw_int(&w, 1);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_object_begin(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	STR_EQ(b.data, "{\n  \"vms\": [\n    {\"a\":[1]},\n    {}\n  ]\n}\n",
	    "records below the pretty depth sit on one line each");
	adc_buf_free(&b);
}

/* Keys and strings with their length given: a literal key, a string
 * with a NUL inside, and a key that still needs escaping. */
static void
test_lengths(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "des_id");
	adc_jsonw_string_n(&w, "a\0b", 3);
	adc_jsonw_key_n(&w, "q\"x", 2);
	adc_jsonw_string_n(&w, "abcdef", 2);
	adc_jsonw_object_end(&w);
	STR_EQ(b.data, "{\"des_id\":\"a\\u0000b\",\"q\\\"\":\"ab\"}",
	    "lengths given: only those bytes, escaped as needed");
	adc_buf_free(&b);
}

/* Literal keys: the colon alone in compact output, a space after it in
 * pretty output; one that needs escaping is refused where checked. */
static void
test_literal_keys(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, true);
	adc_jsonw_set_pretty_depth(&w, 1);
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "outer");
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "inner");
	adc_jsonw_int(&w, 1);
	ADC_JSONW_KEY(&w, "");
	adc_jsonw_int(&w, 2);
	adc_jsonw_object_end(&w);
	adc_jsonw_object_end(&w);
	STR_EQ(b.data, "{\n  \"outer\": {\"inner\":1,\"\":2}\n}",
	    "literal keys, pretty and compact, the empty key too");
	INT_EQ(adc_jsonw_failed(&w), 0, "good literal keys do not fail");
	adc_buf_free(&b);

#ifndef NDEBUG
	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_object_begin(&w);
	ADC_JSONW_KEY(&w, "a\"b");
	adc_jsonw_int(&w, 1);
	adc_jsonw_object_end(&w);
	OK(adc_jsonw_failed(&w), "a literal key with a quote fails the writer");
	adc_buf_free(&b);
#else
	OK(1, "a bad literal key is not checked in NDEBUG builds");
#endif
}

/* A buffer with a ceiling: the writer stops at the ceiling, keeps
 * what fitted, and reports the failure. */
static void
test_limit(void)
{
	struct adc_buf b;
	struct adc_jsonw w;
	int i;

	adc_buf_init(&b, 40);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_array_begin(&w);
	for (i = 0; i < 20; i++)
		adc_jsonw_string(&w, "abc");
	adc_jsonw_array_end(&w);
	OK(adc_jsonw_failed(&w), "past the ceiling the writer has failed");
	OK(b.len <= 40, "and wrote no byte past it");
	STR_EQ(b.data, "[\"abc\",\"abc\",\"abc\",\"abc\",\"abc\",\"abc\"",
	    "what fitted is whole items");
	adc_buf_free(&b);
}

static void
test_unbalanced(void)
{
	struct adc_buf b;
	struct adc_jsonw w;

	adc_buf_init(&b, 0);
	adc_jsonw_init(&w, &b, false);
	adc_jsonw_array_begin(&w);
	OK(adc_jsonw_failed(&w), "an open container counts as failed");
	adc_jsonw_array_end(&w);
	adc_jsonw_array_end(&w);
	OK(adc_jsonw_failed(&w), "closing more than was opened fails");
	adc_buf_free(&b);
}

int
main(void)
{
	test_compact();
	test_escaping();
	test_runs();
	test_pretty();
	test_pretty_depth();
	test_lengths();
	test_literal_keys();
	test_limit();
	test_unbalanced();
	return tap_done();
}
