/* SPDX-License-Identifier: MIT */
/*
 * import_key.c: a key's size from its RSA modulus, and key expiry times.
 * The modulus "n" is base64url (RFC 7518 section 6.3.1); its bit length
 * is the key size (facts 17). Only the first few characters are decoded:
 * the length gives the byte count, the first non-zero byte its top bits.
 */
#include "import_internal.h"

#include <string.h>

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/* Byte i of the decoded string (i small), or -1. */
static int
decoded_byte(const char *n, size_t len, size_t i)
{
	size_t bit = i * 8, c = bit / 6, shift = bit % 6;
	int hi, lo;

	if (c >= len || (hi = b64_value(n[c])) < 0)
		return -1;
	lo = c + 1 < len ? b64_value(n[c + 1]) : 0;
	if (lo < 0)
		lo = 0;
	/* Twelve bits from two characters; take the eight at shift. */
	return (((hi << 6) | lo) >> (4 - shift)) & 0xff;
}

unsigned
adc_rsa_modulus_bits(const char *n, size_t len)
{
	size_t bytes, i;
	int b;
	unsigned bits;

	while (len > 0 && n[len - 1] == '=')
		len--;
	bytes = len * 6 / 8;
	if (bytes == 0)
		return 0;
	/* A leading zero byte is not part of the modulus' length. */
	for (i = 0; i < bytes && i < 4; i++) {
		b = decoded_byte(n, len, i);
		if (b < 0)
			return 0;
		if (b != 0)
			break;
	}
	if (i == bytes || i == 4)
		return 0;
	bits = (unsigned)(bytes - i) * 8;
	for (; !(b & 0x80); b <<= 1)
		bits--;
	return bits;
}

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "2026-12-03T17:00:00[.fff][Z|+hh:mm|-hh:mm]" (az prints these), or a
 * date alone, to Unix seconds (adc.h). */
enum adc_status
adc_time_parse(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 0;
	const char *p;

	if (s == NULL || out == NULL || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' ||
	    digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d))
		return ADC_EINVAL;
	p = s + 10;
	if ((*p == 'T' || *p == ' ') && strlen(p) >= 9) {
		if (digits(p + 1, 2, &h) || p[3] != ':' ||
		    digits(p + 4, 2, &mi) || p[6] != ':' ||
		    digits(p + 7, 2, &se))
			return ADC_EINVAL;
		p += 9;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				continue;
	}
	if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' ||
		    digits(p + 4, 2, &om) || p[6] != '\0')
			return ADC_EINVAL;
	} else if (!(*p == '\0' || (*p == 'Z' && p[1] == '\0')))
		return ADC_EINVAL;
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 ||
	    mi > 59 || se > 60 || oh > 23 || om > 59)
		return ADC_EINVAL;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60 + se - sign * (oh * 3600 + om * 60);
	return ADC_OK;
}
