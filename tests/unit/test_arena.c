/* SPDX-License-Identifier: MIT */
/*
 * test_arena.c: the chunk allocator behind the estate and the report:
 * alignment, zeroing, formatted strings that fit the chunk being filled
 * or spill into a new one, allocations larger than a chunk, and the
 * spans that tell whether a pointer lives in the arena.
 */
#include <stdarg.h>
#include <stdint.h>

#include "arena.h"
#include "tap.h"

static char *
fmt(struct adc_arena *a, const char *f, ...) ADC_PRINTF(2, 3);

static char *
fmt(struct adc_arena *a, const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = adc_arena_vprintf(a, f, ap);
	va_end(ap);
	return s;
}

static void
test_alloc(void)
{
	struct adc_arena a = { NULL };
	unsigned char *p, *q;
	size_t i, zero = 0;

	p = adc_arena_alloc(&a, 3, 1, false);
	q = adc_arena_alloc(&a, 40, 16, true);
	OK(p != NULL && q != NULL, "two allocations");
	INT_EQ((uintptr_t)q % 16, 0, "aligned to 16");
	for (i = 0; i < 40; i++)
		zero += q[i] == 0;
	INT_EQ(zero, 40, "zeroed when asked");
	OK(q >= p + 3, "the second starts after the first");
	adc_arena_free(&a);
	OK(a.head == NULL, "freed arena is empty");
}

static void
test_printf(void)
{
	struct adc_arena a = { NULL };
	char big[70000], *s, *t, *u;

	s = fmt(&a, "disk %s has %d layers", "os", 2);
	STR_EQ(s, "disk os has 2 layers", "formatted into a new arena");
	t = fmt(&a, "%s", "");
	STR_EQ(t, "", "an empty string");
	OK(t == s + strlen(s) + 1, "packed behind the previous string");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	u = fmt(&a, "<%s>", big);
	OK(u != NULL, "a string larger than a chunk");
	INT_EQ(u != NULL ? strlen(u) : 0, sizeof(big) + 1,
	    "whole, with its brackets");
	OK(u != NULL && u[0] == '<' && u[sizeof(big)] == '>',
	    "formatted on the second try");
	STR_EQ(s, "disk os has 2 layers", "earlier strings unchanged");
	s = fmt(&a, "after %d", 1);
	STR_EQ(s, "after 1", "the chunk being filled keeps filling");
	adc_arena_free(&a);
}

static void
test_spans(void)
{
	struct adc_arena a = { NULL };
	struct adc_arena_span *spans;
	char *in[200], other[8] = "outside";
	size_t n, i, found = 0;

	OK(adc_arena_spans(&a, &spans, &n), "spans of an empty arena");
	INT_EQ(n, 0, "none");
	for (i = 0; i < 200; i++)
		in[i] = adc_arena_alloc(&a, 1000, 1, false);
	OK(adc_arena_spans(&a, &spans, &n), "spans of a full arena");
	OK(n >= 3, "200,000 bytes need several chunks");
	for (i = 0; i < 200; i++)
		found += adc_arena_span_has(spans, n, in[i] + 999);
	INT_EQ(found, 200, "every allocation's last byte is inside");
	OK(!adc_arena_span_has(spans, n, other), "a stack string is not");
	OK(!adc_arena_span_has(spans, n, "literal"), "a literal is not");
	free(spans);
	adc_arena_free(&a);
}

int
main(void)
{
	test_alloc();
	test_printf();
	test_spans();
	return tap_done();
}
