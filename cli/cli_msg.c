/* SPDX-License-Identifier: MIT */
/*
 * cli_msg.c: every diagnostic the program writes goes through here, in
 * one format: "azdiskcrypt: [file:line:col: ]message[ (at /pointer)]".
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

static void vmsg(const char *, const char *, va_list) CLI_PRINTF(2, 0);

static void
vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "azdiskcrypt: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void
cli_warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

int
cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
	if (command != NULL)
		fprintf(stderr, "Try 'azdiskcrypt %s --help'.\n", command);
	else
		fprintf(stderr, "Try 'azdiskcrypt --help'.\n");
	return CLI_EXIT_USAGE;
}

void
cli_report_diag(const struct adc_diag *diag)
{
	fputs("azdiskcrypt: ", stderr);
	if (diag->source != NULL) {
		fputs(diag->source, stderr);
		if (diag->line > 0)
			fprintf(stderr, ":%lu:%lu", diag->line, diag->col);
		fputs(": ", stderr);
	}
	fputs(diag->msg[0] ? diag->msg : adc_status_str(diag->status),
	    stderr);
	if (diag->pointer[0] != '\0' || diag->line > 0)
		fprintf(stderr, " (at %s)",
		    diag->pointer[0] ? diag->pointer : "the top level");
	fputc('\n', stderr);
}

int
cli_exit_for(enum adc_status status)
{
	switch (status) {
	case ADC_OK:
		return CLI_EXIT_OK;
	case ADC_ENOMEM:
		return CLI_EXIT_INTERNAL;
	case ADC_EINVAL:
	case ADC_EIO:
	case ADC_ESYNTAX:
	case ADC_ESCHEMA:
	case ADC_ELIMIT:
	case ADC_ENOTFOUND:
	case ADC_EUNSAFE:
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_INTERNAL;
}

int
cli_finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_errorf("cannot write output: %s", strerror(errno));
		return status == CLI_EXIT_OK ? CLI_EXIT_USAGE : status;
	}
	return status;
}

int
cli_parse_format(const char *name, const char *allowed)
{
	static const char *const names[] = { "text", "json", "sarif",
	    "markdown" };
	size_t i, len;
	const char *p;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) != 0)
			continue;
		len = strlen(name);
		for (p = strstr(allowed, name); p != NULL;
		    p = strstr(p + 1, name)) {
			if ((p == allowed || p[-1] == '|') &&
			    (p[len] == '\0' || p[len] == '|'))
				return (int)i;
		}
	}
	return -1;
}
