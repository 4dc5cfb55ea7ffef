/* SPDX-License-Identifier: MIT */
/*
 * shell.c: the one quoting function for everything the library writes
 * into shell scripts. A value becomes one single-quoted POSIX shell word;
 * an embedded single quote closes the quotes, adds an escaped quote and
 * reopens them. Inside single quotes the shell interprets nothing, so $,
 * backquotes and backslashes stay literal. What cannot be shown safely is
 * refused, never cleaned up: control characters (a newline would end the
 * command when the script is read, an escape sequence would rewrite the
 * reviewer's terminal), Unicode controls that reorder or break the text a
 * reviewer reads, and byte sequences that are not valid UTF-8.
 */
#include "shell.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "adc.h"
#include "utf8.h"

/* Code points a script must not carry: C0 and C1 controls and DEL, the
 * line and paragraph separators (some editors break lines there), and
 * the bidirectional embedding, override and isolate controls, which make
 * a line read differently from what the shell executes. */
static int
is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	if (cp == 0x2028 || cp == 0x2029)
		return 1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	return 0;
}

/* Bytes the quoted form of s needs, without the NUL; 0 when s is
 * unsafe. */
static size_t
quoted_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 2, len;
	uint32_t cp;

	while (*p != '\0') {
		len = adc_utf8_decode(p, SIZE_MAX, &cp);
		if (len == 0 || is_unsafe(cp))
			return 0;
		/* ' becomes '\'' : three bytes more. */
		n += cp == '\'' ? 4 : len;
		p += len;
	}
	return n;
}

enum adc_status
adc_shell_quote(const char *s, char *buf, size_t size)
{
	size_t need, o = 0;
	const char *p;

	if (buf != NULL && size > 0)
		buf[0] = '\0';
	if (s == NULL || buf == NULL)
		return ADC_EINVAL;
	need = quoted_length(s);
	if (need == 0)
		return ADC_EUNSAFE;
	if (need + 1 > size)
		return ADC_ELIMIT;

	buf[o++] = '\'';
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'') {
			memcpy(buf + o, "'\\''", 4);
			o += 4;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return ADC_OK;
}

bool
adc_shell_safe(const char *s)
{
	return s != NULL && quoted_length(s) != 0;
}

void
adc_shell_show(const char *s, char *buf, size_t size)
{
	const unsigned char *p;
	size_t o = 0;

	if (size < 8) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		/* Room for one escape, "..." and the NUL. */
		if (o + 4 + 4 > size) {
			memcpy(buf + o, "...", 4);
			return;
		}
		if (*p >= 0x20 && *p < 0x7f && *p != '\\')
			buf[o++] = (char)*p;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *p);
	}
	buf[o] = '\0';
}
