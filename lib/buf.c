/* SPDX-License-Identifier: MIT */
/* buf.c: growable buffer; every buffer may carry a ceiling. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
adc_buf_init(struct adc_buf *buf, size_t limit)
{
	memset(buf, 0, sizeof(*buf));
	buf->limit = limit;
}

void
adc_buf_free(struct adc_buf *buf)
{
	free(buf->data);
	adc_buf_init(buf, buf->limit);
}

static int
grow(struct adc_buf *buf, size_t need)
{
	size_t cap;
	char *data;

	if (buf->limit != 0 && need > buf->limit)
		return -1;
	cap = buf->cap ? buf->cap : 64;
	/* Doubling keeps appends amortised O(1). */
	while (cap < need + 1)
		cap *= 2;
	data = realloc(buf->data, cap);
	if (data == NULL)
		return -1;
	buf->data = data;
	buf->cap = cap;
	return 0;
}

int
adc_buf_append_slow(struct adc_buf *buf, const void *data, size_t len)
{
	if (buf->failed)
		return -1;
	if (buf->limit != 0 && buf->len + len > buf->limit) {
		buf->failed = 1;
		return -1;
	}
	if (buf->len + len + 1 > buf->cap && grow(buf, buf->len + len) != 0) {
		buf->failed = 1;
		return -1;
	}
	memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return 0;
}

char *
adc_buf_room_slow(struct adc_buf *buf, size_t n)
{
	if (buf->failed)
		return NULL;
	if ((buf->limit != 0 && buf->len + n > buf->limit) ||
	    (buf->len + n + 1 > buf->cap && grow(buf, buf->len + n) != 0)) {
		buf->failed = 1;
		return NULL;
	}
	return buf->data + buf->len;
}

int
adc_buf_vprintf(struct adc_buf *buf, const char *fmt, va_list ap)
{
	char small[256];
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0) {
		buf->failed = 1;
		return -1;
	}
	if ((size_t)n < sizeof(small))
		return adc_buf_append(buf, small, (size_t)n);

	if (buf->failed ||
	    (buf->limit != 0 && buf->len + (size_t)n > buf->limit) ||
	    grow(buf, buf->len + (size_t)n) != 0) {
		buf->failed = 1;
		return -1;
	}
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
	return 0;
}

int
adc_buf_printf(struct adc_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = adc_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return rc;
}

char *
adc_buf_take(struct adc_buf *buf)
{
	char *data;

	if (buf->data == NULL && adc_buf_append(buf, "", 0) != 0)
		return NULL;
	data = buf->data;
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	return data;
}
