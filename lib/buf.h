/* SPDX-License-Identifier: MIT */
/* buf.h: a growable byte buffer with a size ceiling. */
#ifndef ADC_BUF_H
#define ADC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "diag.h"

struct adc_buf {
	char	*data;	/* NUL-terminated while len < cap */
	size_t	 len;
	size_t	 cap;
	size_t	 limit;	/* 0: no ceiling */
	int	 failed;	/* sticky: out of memory or past the limit */
};

void adc_buf_init(struct adc_buf *buf, size_t limit);
void adc_buf_free(struct adc_buf *buf);
/* Append; on failure the buffer keeps what it had and 'failed' is set. */
int adc_buf_append_slow(struct adc_buf *buf, const void *data, size_t len);
/* Grow for adc_buf_room; NULL (and 'failed' set) when it cannot. */
char *adc_buf_room_slow(struct adc_buf *buf, size_t n);

/* Writers append a few bytes at a time, millions of times for a large
 * report: when the bytes fit, append here without a call. */
static inline int
adc_buf_append(struct adc_buf *buf, const void *data, size_t len)
{
	if (!buf->failed && buf->len + len < buf->cap &&
	    (buf->limit == 0 || buf->len + len <= buf->limit)) {
		memcpy(buf->data + buf->len, data, len);
		buf->len += len;
		buf->data[buf->len] = '\0';
		return 0;
	}
	return adc_buf_append_slow(buf, data, len);
}

/* Where to write up to n more bytes, or NULL once the buffer has failed:
 * a writer assembling several small pieces checks the room once, writes
 * them, and ends with adc_buf_commit. Nothing is appended until then. */
static inline char *
adc_buf_room(struct adc_buf *buf, size_t n)
{
	if (!buf->failed && buf->len + n < buf->cap &&
	    (buf->limit == 0 || buf->len + n <= buf->limit))
		return buf->data + buf->len;
	return adc_buf_room_slow(buf, n);
}

/* Keep the bytes written from adc_buf_room up to end (at most n). */
static inline void
adc_buf_commit(struct adc_buf *buf, char *end)
{
	buf->len = (size_t)(end - buf->data);
	*end = '\0';
}

static inline int
adc_buf_puts(struct adc_buf *buf, const char *s)
{
	return adc_buf_append(buf, s, strlen(s));
}
int adc_buf_printf(struct adc_buf *buf, const char *fmt, ...)
    ADC_PRINTF(2, 3);
int adc_buf_vprintf(struct adc_buf *buf, const char *fmt, va_list ap)
    ADC_PRINTF(2, 0);
/* Hand the data to the caller (free() it); the buffer becomes empty. */
char *adc_buf_take(struct adc_buf *buf);

#endif
