/* SPDX-License-Identifier: MIT */
/*
 * textwidth.c: how many terminal columns UTF-8 text takes, for wrapping
 * the text report. East Asian wide and fullwidth characters (Unicode
 * Standard Annex #11, classes W and F) take two, combining marks and
 * zero-width characters none, everything else one. Invalid UTF-8 counts
 * one column a byte, which is what a terminal shows for it (a
 * replacement character each).
 *
 * XXX: the tables hold the main blocks of those classes, not every
 * code point EastAsianWidth.txt lists (scattered wide symbols, the
 * narrow symbols inside the emoji blocks, the combining marks of Indic
 * scripts): such a character in a name is counted one column off, and a
 * wrapped line can end a column early or late. Generating the tables
 * from the Unicode data files would make them exact.
 */
#include "render.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>

struct range {
	uint32_t	lo, hi;
};

/* Wide (W) and fullwidth (F) blocks. */
static const struct range wide[] = {
	{ 0x1100, 0x115f },	/* Hangul Jamo initial consonants */
	{ 0x231a, 0x231b },	/* watch, hourglass */
	{ 0x2329, 0x232a },	/* angle brackets */
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 },
	{ 0x2e80, 0x303e },	/* CJK radicals, Kangxi, CJK punctuation */
	{ 0x3041, 0x33ff },	/* kana, Bopomofo, Hangul compatibility */
	{ 0x3400, 0x4dbf },	/* CJK extension A */
	{ 0x4e00, 0x9fff },	/* CJK unified ideographs */
	{ 0xa000, 0xa4cf },	/* Yi */
	{ 0xa960, 0xa97f },	/* Hangul Jamo extended A */
	{ 0xac00, 0xd7a3 },	/* Hangul syllables */
	{ 0xf900, 0xfaff },	/* CJK compatibility ideographs */
	{ 0xfe10, 0xfe19 },	/* vertical forms */
	{ 0xfe30, 0xfe6f },	/* CJK compatibility forms, small forms */
	{ 0xff00, 0xff60 },	/* fullwidth forms */
	{ 0xffe0, 0xffe6 },	/* fullwidth signs */
	{ 0x16fe0, 0x16fe4 }, { 0x17000, 0x18cff }, /* Tangut */
	{ 0x1b000, 0x1b2ff },	/* kana supplement and extensions */
	{ 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e },
	{ 0x1f191, 0x1f19a }, { 0x1f200, 0x1f2ff },
	{ 0x1f300, 0x1f64f },	/* pictographs, emoticons (mostly W) */
	{ 0x1f680, 0x1f6ff },	/* transport and map symbols (mostly W) */
	{ 0x1f7e0, 0x1f7eb },	/* coloured circles and squares */
	{ 0x1f900, 0x1f9ff },	/* supplemental symbols (mostly W) */
	{ 0x1fa70, 0x1faff },	/* symbols and pictographs extended A */
	{ 0x20000, 0x2fffd },	/* CJK extensions B to F */
	{ 0x30000, 0x3fffd },	/* CJK extension G and later */
};

/* Combining marks and zero-width characters. */
static const struct range zero[] = {
	{ 0x0300, 0x036f },	/* combining diacritical marks */
	{ 0x0483, 0x0489 },	/* Cyrillic combining marks */
	{ 0x0591, 0x05bd },	/* Hebrew points */
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, /* Arabic marks */
	{ 0x1ab0, 0x1aff },	/* combining diacritical marks extended */
	{ 0x1dc0, 0x1dff },	/* combining diacritical marks supplement */
	{ 0x200b, 0x200f },	/* zero-width space, joiners, marks */
	{ 0x2060, 0x2064 },	/* word joiner, invisible operators */
	{ 0x20d0, 0x20ff },	/* combining marks for symbols */
	{ 0xfe00, 0xfe0f },	/* variation selectors */
	{ 0xfe20, 0xfe2f },	/* combining half marks */
	{ 0xe0100, 0xe01ef },	/* variation selectors supplement */
};

static bool
in(const struct range *r, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

size_t
adc_text_width(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n, w = 0;
	uint32_t c;

	while (i < len) {
		if (s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		n = adc_utf8_decode(s + i, len - i, &c);
		if (n == 0) {
			w++;
			i++;
		} else {
			if (in(wide, sizeof(wide) / sizeof(wide[0]), c))
				w += 2;
			else if (!in(zero, sizeof(zero) / sizeof(zero[0]), c))
				w++;
			i += n;
		}
	}
	return w;
}
