/* SPDX-License-Identifier: MIT */
/*
 * check-write.c: time the report writer on its own. Reads and checks
 * export files the way `check` does, then writes the report in one
 * format (json by default) to /dev/null several times and prints the
 * fastest run and the bytes written:
 *
 *   check-write [-f json|text|sarif|markdown] [-r RUNS] FILE...
 *
 * The estate and its findings are built once, so only the writer (and
 * the per-VM layer analysis it does as it writes) is timed.
 */
#define _GNU_SOURCE	/* fopencookie */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "adc.h"

static int
read_estate(struct adc_estate *est, int argc, char **argv)
{
	struct adc_diag diag;
	enum adc_status st = ADC_OK;
	int i, fd;

	for (i = 0; i < argc && st == ADC_OK; i++) {
		adc_diag_init(&diag, argv[i]);
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			return -1;
		}
		st = adc_estate_read_fd(est, fd, argv[i], &diag);
		close(fd);
	}
	if (st == ADC_OK)
		st = adc_estate_link(est, &diag);
	if (st != ADC_OK) {
		fprintf(stderr, "%s:%lu:%lu: %s\n", diag.source, diag.line,
		    diag.col, diag.msg);
		return -1;
	}
	return 0;
}

/* A stream that counts what it is given and keeps none of it. */
static ssize_t
count_write(void *cookie, const char *buf, size_t size)
{
	(void)buf;
	*(long *)cookie += (long)size;
	return (ssize_t)size;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the report runs times; the fastest time, or -1 on failure. */
static double
time_writes(const struct adc_report *report, enum adc_format format,
    int runs, long *bytes)
{
	cookie_io_functions_t counter = { NULL, count_write, NULL, NULL };
	struct adc_diag diag;
	double best = -1, t;
	FILE *out;
	int i;

	for (i = 0; i < runs; i++) {
		*bytes = 0;
		out = fopencookie(bytes, "w", counter);
		if (out == NULL)
			return -1;
		adc_diag_init(&diag, NULL);
		t = now();
		if (adc_report_write(report, format, out, &diag) != ADC_OK) {
			fclose(out);
			return -1;
		}
		fflush(out);
		t = now() - t;
		fclose(out);
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

static int
parse_format(const char *s, enum adc_format *f)
{
	static const struct { const char *name; enum adc_format f; } fs[] = {
		{ "json", ADC_FORMAT_JSON }, { "text", ADC_FORMAT_TEXT },
		{ "sarif", ADC_FORMAT_SARIF },
		{ "markdown", ADC_FORMAT_MARKDOWN } };
	size_t i;

	for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		if (strcmp(s, fs[i].name) == 0) {
			*f = fs[i].f;
			return 0;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	enum adc_format format = ADC_FORMAT_JSON;
	struct adc_estate *est;
	struct adc_report report;
	struct adc_diag diag;
	long bytes = 0;
	double best;
	int c, runs = 3;

	while ((c = getopt(argc, argv, "f:r:")) != -1) {
		if (c == 'f' && parse_format(optarg, &format) == 0)
			continue;
		if (c == 'r' && (runs = atoi(optarg)) > 0)
			continue;
		fprintf(stderr, "usage: check-write [-f json|text|sarif|"
		    "markdown] [-r RUNS] FILE...\n");
		return 2;
	}

	est = adc_estate_new();
	if (est == NULL || read_estate(est, argc - optind,
	    argv + optind) != 0) {
		adc_estate_free(est);
		return 2;
	}
	adc_diag_init(&diag, NULL);
	memset(&report, 0, sizeof(report));
	if (adc_check(est, adc_policy_baseline(), &report,
	    &diag) != ADC_OK) {
		fprintf(stderr, "check: %s\n", diag.msg);
		adc_estate_free(est);
		return 2;
	}

	best = time_writes(&report, format, runs, &bytes);
	if (best >= 0)
		printf("%zu VMs, %zu findings: %ld bytes in %.3f s "
		    "(best of %d)\n", report.n_vms, report.n_findings, bytes,
		    best, runs);
	adc_report_free(&report);
	adc_estate_free(est);
	return best >= 0 ? 0 : 1;
}
