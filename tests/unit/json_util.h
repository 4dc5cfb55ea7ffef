/* SPDX-License-Identifier: MIT */
/*
 * json_util.h: helpers shared by the JSON reader tests: open a reader on
 * text through the buffer API or through a file descriptor with a given
 * window, and render a whole event stream as one comparable string.
 */
#ifndef ADC_JSON_UTIL_H
#define ADC_JSON_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"
#include "buf.h"

/* window 0: buffer API; else fd API with that window. The fd is a
 * temporary file holding the text; *fdp receives it (close it after). */
static inline struct adc_json_reader *
ju_open(const char *text, size_t len, size_t window,
    struct adc_json_options *opts, int *fdp)
{
	struct adc_json_options o;
	struct adc_diag d;
	FILE *f;
	int fd;

	o = opts != NULL ? *opts : (struct adc_json_options){ 0 };
	adc_diag_init(&d, "t.json");
	*fdp = -1;
	if (window == 0)
		return adc_json_open_buffer(text, len, "t.json", &o, &d);
	o.window = window;
	f = tmpfile();
	if (f == NULL || fwrite(text, 1, len, f) != len || fflush(f) != 0)
		abort();
	fd = dup(fileno(f));
	fclose(f);
	if (fd < 0 || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	*fdp = fd;
	return adc_json_open_fd(fd, "t.json", &o, &d);
}

static inline void
ju_close(struct adc_json_reader *r, int fd)
{
	adc_json_close(r);
	if (fd >= 0)
		close(fd);
}

/* One event as text: { } [ ] K:key S:str N:raw T F Z, "!" + message for
 * an error. Bytes below 0x20 in strings show as \xNN. */
static inline void
ju_event(struct adc_json_reader *r, enum adc_json_event ev,
    struct adc_buf *out)
{
	const char *s;
	size_t n, i;

	switch (ev) {
	case ADC_JSON_OBJECT_BEGIN:	adc_buf_puts(out, "{"); break;
	case ADC_JSON_OBJECT_END:	adc_buf_puts(out, "}"); break;
	case ADC_JSON_ARRAY_BEGIN:	adc_buf_puts(out, "["); break;
	case ADC_JSON_ARRAY_END:	adc_buf_puts(out, "]"); break;
	case ADC_JSON_TRUE:		adc_buf_puts(out, "T"); break;
	case ADC_JSON_FALSE:		adc_buf_puts(out, "F"); break;
	case ADC_JSON_NULL:		adc_buf_puts(out, "Z"); break;
	case ADC_JSON_EOF:		adc_buf_puts(out, "EOF"); break;
	case ADC_JSON_NUMBER:
		adc_buf_printf(out, "N:%s", adc_json_raw(r, NULL));
		break;
	case ADC_JSON_KEY:
	case ADC_JSON_STRING:
		s = adc_json_string(r, &n);
		adc_buf_puts(out, ev == ADC_JSON_KEY ? "K:" : "S:");
		for (i = 0; i < n; i++) {
			if ((unsigned char)s[i] < 0x20)
				adc_buf_printf(out, "\\x%02x",
				    (unsigned char)s[i]);
			else
				adc_buf_append(out, s + i, 1);
		}
		break;
	case ADC_JSON_ERROR:
		adc_buf_printf(out, "!%s", adc_json_diag(r)->msg);
		break;
	}
}

/* Every event of text, space-separated; the caller frees the result. */
static inline char *
ju_events(const char *text, size_t len, size_t window,
    struct adc_json_options *opts)
{
	struct adc_json_reader *r;
	struct adc_buf out;
	enum adc_json_event ev;
	int fd;

	adc_buf_init(&out, 0);
	r = ju_open(text, len, window, opts, &fd);
	do {
		ev = adc_json_next(r);
		if (out.len > 0)
			adc_buf_puts(&out, " ");
		ju_event(r, ev, &out);
	} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	ju_close(r, fd);
	if (out.data == NULL)
		adc_buf_puts(&out, "");
	return adc_buf_take(&out);
}

#endif
