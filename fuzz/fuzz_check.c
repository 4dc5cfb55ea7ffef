/* SPDX-License-Identifier: MIT */
/*
 * fuzz_check.c: libFuzzer target for the whole check pipeline: import,
 * merge, link, every rule, the blast radius, and every report format.
 *
 * The first byte chooses: bit 7 whether to split the rest in two, bits
 * 0-6 where (that share of it, in 128ths). Without a split the rest is
 * one input; with one, the two parts are read into two estates and
 * merged, as the command line does with two threads. Whatever reads
 * and links is checked under the baseline, its report written in every
 * format, and the blast radius of every key taken. A crash, a sanitizer
 * report, an error without a message or a linked estate that fails to
 * check or to write is a bug.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static struct adc_estate *
read_part(const uint8_t *buf, size_t len, const char *name)
{
	struct adc_estate *e = adc_estate_new();
	struct adc_diag d;

	if (e == NULL)
		return NULL;
	adc_diag_init(&d, name);
	if (adc_estate_read_buffer(e, buf, len, name, &d) != ADC_OK) {
		/* A failed read must say where. */
		if (d.msg[0] == '\0')
			abort();
		adc_estate_free(e);
		return NULL;
	}
	return e;
}

static void
run_checks(struct adc_estate *e)
{
	static const enum adc_format formats[] = { ADC_FORMAT_TEXT,
	    ADC_FORMAT_JSON, ADC_FORMAT_SARIF, ADC_FORMAT_MARKDOWN };
	struct adc_report rep;
	struct adc_blast blast;
	struct adc_diag d;
	size_t i;

	adc_diag_init(&d, "fuzz");
	if (adc_estate_link(e, &d) != ADC_OK)
		return;
	memset(&rep, 0, sizeof(rep));
	if (adc_check(e, NULL, &rep, &d) != ADC_OK)
		abort();	/* a linked estate always checks */
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (adc_report_write(&rep, formats[i], sink, &d) != ADC_OK)
			abort();
	}
	adc_report_free(&rep);
	memset(&blast, 0, sizeof(blast));
	if (adc_blast_radius(e, NULL, NULL, &blast, &d) == ADC_OK)
		adc_blast_free(&blast);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct adc_estate *a, *b;
	struct adc_diag d;
	size_t cut;

	if (size < 1)
		return 0;
	if (sink == NULL) {
		sink = fopen("/dev/null", "w");
		if (sink == NULL)
			abort();
	}
	if ((data[0] & 0x80) == 0) {
		a = read_part(data + 1, size - 1, "in.json");
		if (a != NULL) {
			run_checks(a);
			adc_estate_free(a);
		}
		return 0;
	}
	cut = (size - 1) * (data[0] & 0x7f) / 128;
	a = read_part(data + 1, cut, "a.json");
	b = read_part(data + 1 + cut, size - 1 - cut, "b.json");
	if (a != NULL && b != NULL) {
		adc_diag_init(&d, "merge");
		if (adc_estate_merge(a, b, &d) != ADC_OK)
			abort();	/* two fresh estates always merge */
		b = NULL;
		run_checks(a);
	}
	adc_estate_free(a);
	adc_estate_free(b);
	return 0;
}
