/* SPDX-License-Identifier: MIT */
/*
 * test_json_scan.c: the word-at-a-time string scan and space skip (the
 * path used where SSE2 is missing) find the same byte as a plain loop,
 * for every start, end and kind of special byte. The SSE2 path is the
 * one the other JSON tests run on x86-64.
 */
#define ADC_JSON_PORTABLE 1

#include "json_scan.h"
#include "tap.h"

static size_t
reference(const unsigned char *b, size_t i, size_t lim)
{
	while (i < lim && !json_special(b[i]))
		i++;
	return i;
}

int
main(void)
{
	static const unsigned char specials[] = { '"', '\\', 0x00, 0x1f,
	    0x80, 0xff, 0xc3 };
	static const unsigned char plain[] = { ' ', '!', '#', '[', ']', '~',
	    0x7f, 'a', '0' };
	unsigned char b[80];
	size_t s, p, i, lim, bad = 0, runs = 0;

#ifdef ADC_JSON_SSE2
	OK(0, "ADC_JSON_PORTABLE selects the word path");
#else
	OK(1, "ADC_JSON_PORTABLE selects the word path");
#endif
	for (s = 0; s < sizeof(specials); s++) {
		for (p = 0; p < sizeof(b); p++) {
			for (i = 0; i < sizeof(b); i++)
				b[i] = plain[(i * 7 + p) % sizeof(plain)];
			b[p] = specials[s];
			for (i = 0; i < 20; i++) {
				for (lim = i; lim <= sizeof(b); lim++) {
					runs++;
					if (json_scan_plain(b, i, lim) !=
					    reference(b, i, lim))
						bad++;
				}
			}
		}
	}
	INT_EQ(bad, 0, "word scan agrees with the byte loop");
	OK(runs > 100000, "over every placement");

	bad = 0;
	for (p = 0; p < sizeof(b); p++) {
		for (i = 0; i < sizeof(b); i++)
			b[i] = i == p ? '\n' : ' ';
		for (i = 0; i < 20; i++) {
			for (lim = i; lim <= sizeof(b); lim++) {
				size_t want = p >= i && p < lim ? p : lim;

				if (json_skip_spaces(b, i, lim) != want)
					bad++;
			}
		}
	}
	INT_EQ(bad, 0, "word space skip stops at the first other byte");

	for (i = 0; i < sizeof(b); i++)
		b[i] = 'x';
	INT_EQ(json_scan_plain(b, 3, sizeof(b)), sizeof(b),
	    "a plain run scans to the end");
	INT_EQ(json_scan_plain(b, 5, 5), 5, "an empty range stays put");
	return tap_done();
}
