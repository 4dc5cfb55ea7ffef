/* SPDX-License-Identifier: MIT */
/*
 * fuzz_json.c: libFuzzer target for the streaming JSON reader.
 *
 * The first byte chooses options: bits 0-2 a window size, bit 3 duplicate
 * reporting, bit 4 a small depth limit, bit 5 a small string limit, bits
 * 6-7 how much to skip. The rest is the document. It is read three ways:
 * through the buffer API, through a file descriptor with the chosen
 * window, and with skips. All three must agree exactly on the verdict
 * and the error (status, offset, line, column, pointer, message), unless
 * the full read hit the string limit, which skipped strings do not meet;
 * the buffer and the window must also give every event the same
 * position, byte and UTF-16 columns included.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t windows[] = { 1, 2, 3, 5, 8, 16, 64, 4096 };

struct verdict {
	enum adc_json_event	last;
	struct adc_diag		diag;
	unsigned long		events;
	uint64_t		positions;	/* a sum over every event's */
};

/* Touch everything a caller can read about the current event. */
static void
inspect(struct adc_json_reader *r, enum adc_json_event ev, struct verdict *v)
{
	struct adc_json_pos pos;
	char ptr[40];
	size_t len;
	int64_t i;
	double d;

	adc_json_position(r, &pos);
	/* A UTF-16 column is never past the byte column, nor before 1. */
	if (ev != ADC_JSON_ERROR && (pos.col_utf16 < 1 ||
	    pos.col_utf16 > pos.col))
		__builtin_trap();
	v->positions = v->positions * 31 + pos.offset * 7 + pos.line * 5 +
	    pos.col * 3 + pos.col_utf16;
	adc_json_pointer(r, ptr, sizeof(ptr));
	(void)adc_json_depth(r);
	if (ev == ADC_JSON_KEY || ev == ADC_JSON_STRING) {
		const char *s = adc_json_string(r, &len);

		if (s == NULL || s[len] != '\0')
			__builtin_trap();
		(void)adc_json_string_is(r, "id");
		(void)adc_json_key_is_duplicate(r);
	}
	if (ev == ADC_JSON_NUMBER) {
		(void)adc_json_number_i64(r, &i);
		(void)adc_json_number_double(r, &d);
		(void)adc_json_raw(r, &len);
	}
}

/* skip_mode 0: no skips; else skip after some keys and BEGINs. */
static void
read_all(struct adc_json_reader *r, int skip_mode, struct verdict *v)
{
	enum adc_json_event ev;

	v->events = 0;
	v->positions = 0;
	do {
		ev = adc_json_next(r);
		v->events++;
		inspect(r, ev, v);
		if (skip_mode == 0 || ev == ADC_JSON_ERROR)
			continue;
		if ((ev == ADC_JSON_KEY && (v->events % 3 == 0 ||
		    skip_mode == 3)) || (ev == ADC_JSON_ARRAY_BEGIN &&
		    skip_mode >= 2)) {
			if (adc_json_skip(r) != ADC_OK &&
			    adc_json_diag(r)->status == ADC_OK)
				__builtin_trap();
		} else if (ev == ADC_JSON_OBJECT_BEGIN && skip_mode == 2 &&
		    adc_json_depth(r) > 2) {
			(void)adc_json_skip_rest(r);
		}
		ev = adc_json_diag(r)->status != ADC_OK ? ADC_JSON_ERROR : ev;
	} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	v->last = ev;
	v->diag = *adc_json_diag(r);
}

static bool
same(const struct verdict *a, const struct verdict *b)
{
	return a->last == b->last && a->diag.status == b->diag.status &&
	    a->diag.offset == b->diag.offset &&
	    a->diag.line == b->diag.line && a->diag.col == b->diag.col &&
	    strcmp(a->diag.pointer, b->diag.pointer) == 0 &&
	    strcmp(a->diag.msg, b->diag.msg) == 0;
}

static int
fd_holding(const uint8_t *data, size_t size)
{
	static int fd = -1;

	if (fd < 0) {
		FILE *f = tmpfile();

		if (f == NULL)
			abort();
		fd = fileno(f);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct adc_json_options o = { 0 };
	struct adc_json_reader *r;
	struct verdict buf, win, skip;
	struct adc_diag d;
	uint8_t opt;

	if (size == 0)
		return 0;
	opt = data[0];
	data++;
	size--;
	o.report_duplicates = (opt & 0x08) != 0;
	o.max_depth = (opt & 0x10) ? 4 : 0;
	o.max_string = (opt & 0x20) ? 8 : 0;

	adc_diag_init(&d, "fuzz");
	r = adc_json_open_buffer(data, size, "fuzz", &o, &d);
	read_all(r, 0, &buf);
	adc_json_close(r);

	o.window = windows[opt & 7];
	r = adc_json_open_fd(fd_holding(data, size), "fuzz", &o, &d);
	read_all(r, 0, &win);
	adc_json_close(r);
	if (!same(&buf, &win) || buf.events != win.events ||
	    buf.positions != win.positions)
		__builtin_trap();

	r = adc_json_open_fd(fd_holding(data, size), "fuzz", &o, &d);
	read_all(r, (opt >> 6) + 1, &skip);
	adc_json_close(r);
	if (buf.diag.status != ADC_ELIMIT && !same(&buf, &skip))
		__builtin_trap();
	return 0;
}
