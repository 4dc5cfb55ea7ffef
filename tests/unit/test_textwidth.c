/* SPDX-License-Identifier: MIT */
/*
 * test_textwidth.c: terminal columns of UTF-8 text, and the text
 * report's wrapping by them. The class of each sample character is
 * Python's unicodedata.east_asian_width (W, F: two columns) and
 * unicodedata.category (Mn: none).
 */
#include "render.h"
#include "tap.h"

static void
width_is(const char *s, size_t want, const char *what)
{
	INT_EQ(adc_text_width(s, strlen(s)), want, what);
}

static void
test_widths(void)
{
	width_is("", 0, "nothing");
	width_is("vm-web-01", 9, "ASCII: a column a byte");
	width_is("caf\xc3\xa9", 4, "e acute (A): one column");
	width_is("\xe2\x82\xac", 1, "euro sign (A): one column");
	width_is("\xe4\xb8\xad", 2, "a CJK ideograph (W): two");
	width_is("\xed\x95\x9c", 2, "a Hangul syllable (W): two");
	width_is("\xef\xbc\xa1", 2, "fullwidth A (F): two");
	width_is("\xf0\x9f\x98\x80", 2, "an emoji (W): two");
	width_is("\xf0\x9f\x94\x91", 2, "the key emoji (W): two");
	width_is("e\xcc\x81", 1, "a combining acute (Mn): none");
	width_is("a\xe2\x80\x8b" "b", 2, "a zero-width space: none");
	width_is("vm-\xe4\xb8\xad\xe6\x96\x87", 7, "a mixed name");
	width_is("\xff\xfe", 2, "invalid bytes: a column each");
	width_is("\xe4\xb8", 2, "a cut sequence: a column a byte");
	width_is("\xc0\xaf", 2, "an overlong form: a column a byte");
	INT_EQ(adc_text_width("\xe4\xb8\xad", 2), 2,
	    "only len bytes are read");
}

/* A message of CJK words wraps within 80 display columns: counting
 * characters alone would let such lines run to about 140. */
static void
test_wrapping(void)
{
	struct adc_buf b;
	const char *line, *end;
	size_t widest = 0, lines = 0, w;
	char text[1024] = "";
	int i;

	for (i = 0; i < 20; i++)
		strcat(text, "\xe4\xb8\xad\xe6\x96\x87\xe5\x90\x8d " );
	adc_buf_init(&b, 256);
	adc_render_wrapped(&b, "  ", "  ", text, 80);
	for (line = b.data; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			break;
		w = adc_text_width(line, (size_t)(end - line));
		if (w > widest)
			widest = w;
		lines++;
	}
	OK(widest <= 80, "no wrapped line is wider than 80 columns");
	OK(widest >= 70, "and lines are filled, not cut short");
	INT_EQ(lines, 2, "twenty six-column words and spaces take two lines");
	adc_buf_free(&b);
}

int
main(void)
{
	test_widths();
	test_wrapping();
	return tap_done();
}
