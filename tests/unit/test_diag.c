/* SPDX-License-Identifier: MIT */
/* test_diag.c: first failure wins, messages stay one line, buffers keep
 * their ceiling. */
#include "buf.h"
#include "diag.h"
#include "tap.h"

static void
test_first_wins(void)
{
	struct adc_diag d;

	memset(&d, 0x5a, sizeof(d));	/* junk catches unset fields */
	adc_diag_init(&d, "in.json");
	INT_EQ(d.status, ADC_OK, "init clears the status");
	STR_EQ(d.pointer, "", "init clears the pointer");
	INT_EQ(adc_diag_set_at(&d, ADC_ESYNTAX, 10, 2, 3, "/a/0",
	    "expected %s", "','"), ADC_ESYNTAX, "set returns its status");
	INT_EQ(adc_diag_set(&d, ADC_EIO, "later"), ADC_EIO,
	    "a later set still returns its own status");
	INT_EQ(d.status, ADC_ESYNTAX, "the first failure wins");
	STR_EQ(d.msg, "expected ','", "the first message is kept");
	INT_EQ(d.line, 2, "line kept");
	STR_EQ(d.pointer, "/a/0", "pointer kept");
	OK(adc_diag_set(NULL, ADC_EIO, "x") == ADC_EIO, "NULL diag is allowed");
}

static void
test_one_line(void)
{
	struct adc_diag d;

	adc_diag_init(&d, NULL);
	adc_diag_set(&d, ADC_ESCHEMA, "a\nb\rc");
	STR_EQ(d.msg, "a b c", "newlines become spaces");
}

static void
test_buf_limit(void)
{
	struct adc_buf b;
	char *s;

	adc_buf_init(&b, 8);
	INT_EQ(adc_buf_puts(&b, "abcd"), 0, "append within the ceiling");
	INT_EQ(adc_buf_printf(&b, "%s", "efghij"), -1,
	    "append past the ceiling fails");
	STR_EQ(b.data, "abcd", "a failed append keeps the old contents");
	INT_EQ(adc_buf_puts(&b, "x"), -1, "failure is sticky");
	adc_buf_free(&b);

	adc_buf_init(&b, 0);
	adc_buf_printf(&b, "%0300d", 7);
	INT_EQ(b.len, 300, "long printf grows the buffer");
	s = adc_buf_take(&b);
	INT_EQ(s[299], '7', "take hands over the data");
	INT_EQ(b.len, 0, "take empties the buffer");
	free(s);
}

int
main(void)
{
	test_first_wins();
	test_one_line();
	test_buf_limit();
	return tap_done();
}
