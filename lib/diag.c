/* SPDX-License-Identifier: MIT */
/*
 * diag.c: status names and the first-failure-wins diagnostic record that
 * every fallible library call fills.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
adc_version(void)
{
	return ADC_VERSION_STRING;
}

const char *
adc_status_str(enum adc_status status)
{
	switch (status) {
	case ADC_OK:		return "ok";
	case ADC_EINVAL:	return "invalid argument";
	case ADC_ENOMEM:	return "out of memory";
	case ADC_EIO:		return "input/output error";
	case ADC_ESYNTAX:	return "syntax error";
	case ADC_ESCHEMA:	return "unexpected shape";
	case ADC_ELIMIT:	return "limit exceeded";
	case ADC_ENOTFOUND:	return "not found";
	case ADC_EUNSAFE:	return "unsafe value";
	}
	return "unknown status";
}

void
adc_diag_init(struct adc_diag *diag, const char *source)
{
	if (diag == NULL)
		return;
	memset(diag, 0, sizeof(*diag));
	diag->source = source;
}

static void format_msg(struct adc_diag *, const char *, va_list)
    ADC_PRINTF(2, 0);

/* Messages are one line: a newline would break the CLI's
 * "file:line:col: message" format, so it becomes a space. */
static void
format_msg(struct adc_diag *diag, const char *fmt, va_list ap)
{
	char *p;

	vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap);
	for (p = diag->msg; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	}
}

enum adc_status
adc_diag_set(struct adc_diag *diag, enum adc_status status,
    const char *fmt, ...)
{
	va_list ap;

	if (diag == NULL || diag->status != ADC_OK)
		return status;
	diag->status = status;
	va_start(ap, fmt);
	format_msg(diag, fmt, ap);
	va_end(ap);
	return status;
}

enum adc_status
adc_diag_set_at(struct adc_diag *diag, enum adc_status status,
    uint64_t offset, unsigned long line, unsigned long col,
    const char *pointer, const char *fmt, ...)
{
	va_list ap;

	if (diag == NULL || diag->status != ADC_OK)
		return status;
	diag->status = status;
	diag->offset = offset;
	diag->line = line;
	diag->col = col;
	if (pointer != NULL)
		snprintf(diag->pointer, sizeof(diag->pointer), "%s", pointer);
	va_start(ap, fmt);
	format_msg(diag, fmt, ap);
	va_end(ap);
	return status;
}
