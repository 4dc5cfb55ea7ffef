/* SPDX-License-Identifier: MIT */
/* utf8.h: decoding one UTF-8 sequence, for the quoting and the width
 * code. */
#ifndef ADC_UTF8_H
#define ADC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the UTF-8 sequence at s, of which at most avail bytes may be
 * read (a NUL-terminated string may pass SIZE_MAX: a NUL is never a
 * continuation byte). Returns its length and sets *cp, or returns 0 when
 * the bytes are not valid UTF-8 (overlong forms, surrogates and values
 * past U+10FFFF included, as RFC 3629 requires). */
size_t adc_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);

#endif
