/* SPDX-License-Identifier: MIT */
/*
 * json_scan.h: the string scanner's inner loop. Inside a JSON string only
 * four kinds of byte need a closer look: the closing quote, a backslash, a
 * control byte (an error) and a non-ASCII byte (UTF-8 to validate). This
 * finds the next such byte 16 bytes at a time with SSE2, or 8 at a time
 * with plain word arithmetic where SSE2 is missing. Defining
 * ADC_JSON_PORTABLE forces the word path so that tests can check it on
 * any machine.
 */
#ifndef ADC_JSON_SCAN_H
#define ADC_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(ADC_JSON_PORTABLE)
#include <emmintrin.h>
#define ADC_JSON_SSE2 1
#endif

/* A byte that ends the plain run of a string. */
static inline int
json_special(unsigned char c)
{
	return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

#ifdef ADC_JSON_SSE2
/* The index of the first special byte of b[i..lim), or lim; i <= lim.
 * Signed compare: bytes 0x80-0xff are negative, so "less than 0x20"
 * catches control bytes and non-ASCII bytes in one instruction. */
static inline size_t
json_scan_plain(const unsigned char *b, size_t i, size_t lim)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');
	const __m128i space = _mm_set1_epi8(0x20);

	while (i < lim && lim - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (b + i));
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, quote),
		    _mm_cmpeq_epi8(v, bslash));
		int mask;

		m = _mm_or_si128(m, _mm_cmplt_epi8(v, space));
		mask = _mm_movemask_epi8(m);
		if (mask != 0)
			return i + (size_t)__builtin_ctz((unsigned)mask);
		i += 16;
	}
	while (i < lim && !json_special(b[i]))
		i++;
	return i;
}

/* The index of the first byte of b[i..lim) that is not a space: the
 * indentation of pretty-printed input comes in long runs. */
static inline size_t
json_skip_spaces(const unsigned char *b, size_t i, size_t lim)
{
	const __m128i space = _mm_set1_epi8(' ');

	while (i < lim && lim - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (b + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, space));

		if (mask != 0xffff)
			return i + (size_t)__builtin_ctz(~mask);
		i += 16;
	}
	while (i < lim && b[i] == ' ')
		i++;
	return i;
}
#else
#define JSON_ONES	UINT64_C(0x0101010101010101)
#define JSON_HIGHS	UINT64_C(0x8080808080808080)

/* Non-zero when some byte of w is zero (may point at the wrong byte, so
 * it only says "look closer"). */
static inline uint64_t
json_has_zero(uint64_t w)
{
	return (w - JSON_ONES) & ~w & JSON_HIGHS;
}

static inline size_t
json_scan_plain(const unsigned char *b, size_t i, size_t lim)
{
	while (i < lim && lim - i >= 8) {
		uint64_t w, hit;

		memcpy(&w, b + i, sizeof(w));
		hit = json_has_zero(w ^ (JSON_ONES * '"'));
		hit |= json_has_zero(w ^ (JSON_ONES * '\\'));
		/* bytes below 0x20, and bytes with the high bit set */
		hit |= (w - JSON_ONES * 0x20) & ~w & JSON_HIGHS;
		hit |= w & JSON_HIGHS;
		if (hit != 0)
			break;
		i += 8;
	}
	while (i < lim && !json_special(b[i]))
		i++;
	return i;
}

static inline size_t
json_skip_spaces(const unsigned char *b, size_t i, size_t lim)
{
	while (i < lim && lim - i >= 8) {
		uint64_t w;

		memcpy(&w, b + i, sizeof(w));
		if (w != JSON_ONES * ' ')
			break;
		i += 8;
	}
	while (i < lim && b[i] == ' ')
		i++;
	return i;
}
#endif

#endif
