/* SPDX-License-Identifier: MIT */
/*
 * test_shell.c: adc_shell_quote. Tricky strings go through a real shell
 * (sh -c 'printf %s WORD') and must come back byte for byte; control
 * characters, Unicode controls and invalid UTF-8 are refused; a buffer
 * one byte short is ADC_ELIMIT.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>

#include "adc.h"
#include "tap.h"

/* Run sh -c "printf %s QUOTED" and compare its output with s. The
 * command line itself is quoted by the function under test. */
static int
round_trip(const char *s)
{
	char word[1024], cmd[2048], got[1024];
	size_t n;
	FILE *p;

	if (adc_shell_quote(s, word, sizeof(word)) != ADC_OK)
		return 0;
	/* The outer command is built from the quoted word only: a wrong
	 * quote shows as a mismatch or a shell error, never as success. */
	snprintf(cmd, sizeof(cmd), "printf %%s %s", word);
	if (adc_shell_quote(cmd, word, sizeof(word)) != ADC_OK)
		return 0;
	snprintf(cmd, sizeof(cmd), "sh -c %s", word);
	p = popen(cmd, "r");
	if (p == NULL)
		return 0;
	n = fread(got, 1, sizeof(got) - 1, p);
	got[n] = '\0';
	if (pclose(p) != 0)
		return 0;
	return n == strlen(s) && memcmp(got, s, n) == 0;
}

static void
test_round_trips(void)
{
	static const char *const cases[] = {
		"", "plain", "it's", "'", "''", "'\\''", "a b  c",
		"$(touch /tmp/adc-quote-pwned)", "`id`", "${HOME}", "$HOME",
		"\\", "\\\\n", "\"double\"", "*", "?[a]", "~", "-n", "-e",
		"a;b|c&d>e<f", "#comment", "!!", "%s%n", "{a,b}",
		"caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
		"\xf0\x9f\x94\x91 key", "R(\xc3\xa9s)_x.y-z",
	};
	char what[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "round trip through sh: case %zu",
		    i);
		OK(round_trip(cases[i]), what);
	}
	OK(fopen("/tmp/adc-quote-pwned", "r") == NULL,
	    "no command substitution ran");
}

static void
test_form(void)
{
	char buf[64];

	INT_EQ(adc_shell_quote("it's", buf, sizeof(buf)), ADC_OK, "quote ok");
	STR_EQ(buf, "'it'\\''s'", "embedded quote becomes '\\''");
	INT_EQ(adc_shell_quote("", buf, sizeof(buf)), ADC_OK, "empty ok");
	STR_EQ(buf, "''", "empty string is ''");
	INT_EQ(adc_shell_quote("$x", buf, sizeof(buf)), ADC_OK, "dollar ok");
	STR_EQ(buf, "'$x'", "dollar stays inside single quotes");
}

static void
test_refusals(void)
{
	static const char *const bad[] = {
		"a\nb", "a\rb", "tab\there", "\x1b[31mred", "del\x7f",
		"c1\xc2\x85", "bidi\xe2\x80\xae", "iso\xe2\x81\xa6x",
		"ls\xe2\x80\xa8", "\xff", "caf\xe9", "\xc0\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
		"trunc\xf0\x9f\x94",
	};
	char buf[64], what[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(what, sizeof(what), "refused: case %zu", i);
		strcpy(buf, "junk");
		INT_EQ(adc_shell_quote(bad[i], buf, sizeof(buf)), ADC_EUNSAFE,
		    what);
		STR_EQ(buf, "", "nothing is left in the buffer");
	}
}

static void
test_limits(void)
{
	char buf[16];

	/* 'it'\''s' is 9 bytes plus the NUL. */
	INT_EQ(adc_shell_quote("it's", buf, 10), ADC_OK, "exact fit");
	INT_EQ(adc_shell_quote("it's", buf, 9), ADC_ELIMIT,
	    "one byte short is ADC_ELIMIT");
	INT_EQ(adc_shell_quote("", buf, 2), ADC_ELIMIT,
	    "'' needs three bytes");
	INT_EQ(adc_shell_quote("x", buf, 0), ADC_ELIMIT, "size 0");
	INT_EQ(adc_shell_quote(NULL, buf, sizeof(buf)), ADC_EINVAL,
	    "NULL string");
	INT_EQ(adc_shell_quote("x", NULL, 4), ADC_EINVAL, "NULL buffer");
}

int
main(void)
{
	test_form();
	test_round_trips();
	test_refusals();
	test_limits();
	return tap_done();
}
