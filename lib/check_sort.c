/* SPDX-License-Identifier: MIT */
/*
 * check_sort.c: the findings' order: most severe first, then by first
 * resource without regard to ASCII case, then rule, then message, then
 * the order the rules emitted them. Resource ids share long prefixes
 * ("/subscriptions/<id>/resourceGroups/..."), so a comparison sort would
 * compare those prefixes again at every level; a multikey quicksort
 * (Bentley and Sedgewick) reads each byte of a shared prefix about once.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#define SMALL	12	/* below this, insertion sort */

static const char *
res0(const struct adc_finding *f)
{
	return f->n_resources > 0 && f->resources[0] != NULL ?
	    f->resources[0] : "";
}

/* Byte d of the first resource, folded to lower case; the caller knows
 * that the first d bytes are not the end. */
static int
byte_at(const struct adc_finding *f, size_t d)
{
	int c = (unsigned char)res0(f)[d];

	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Two findings whose first resources are equal: rule, message, then
 * where they stand in the array, which is the order of emission. */
static int
cmp_tail(const struct adc_finding *a, const struct adc_finding *b)
{
	int c = strcmp(a->rule, b->rule);

	if (c == 0)
		c = strcmp(a->message, b->message);
	if (c == 0)
		c = a < b ? -1 : a > b;
	return c;
}

/* The whole order for two findings of one severity whose first d bytes
 * of resource agree. */
static int
cmp_from(const struct adc_finding *a, const struct adc_finding *b, size_t d)
{
	int ca, cb;

	for (;; d++) {
		ca = byte_at(a, d);
		cb = byte_at(b, d);
		if (ca != cb)
			return ca - cb;
		if (ca == 0)
			return cmp_tail(a, b);
	}
}

static void
insertion(struct adc_finding **a, size_t n, size_t d)
{
	struct adc_finding *t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = a[i];
		for (j = i; j > 0 && cmp_from(a[j - 1], t, d) > 0; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

static int
cmp_tail_q(const void *pa, const void *pb)
{
	return cmp_tail(*(struct adc_finding *const *)pa,
	    *(struct adc_finding *const *)pb);
}

static void
swap(struct adc_finding **a, size_t i, size_t j)
{
	struct adc_finding *t = a[i];

	a[i] = a[j];
	a[j] = t;
}

/* Sorts a[0..n) whose resources agree on their first d bytes: three
 * ways around byte d of the middle one; the equal part goes one byte
 * deeper, or, at the end of the ids, by rule and message. */
static void
mkqsort(struct adc_finding **a, size_t n, size_t d)
{
	size_t lt, i, gt;
	int pivot, c;

	while (n >= SMALL) {
		pivot = byte_at(a[n / 2], d);
		lt = i = 0;
		gt = n;
		while (i < gt) {
			c = byte_at(a[i], d);
			if (c < pivot)
				swap(a, lt++, i++);
			else if (c > pivot)
				swap(a, i, --gt);
			else
				i++;
		}
		mkqsort(a, lt, d);
		mkqsort(a + gt, n - gt, d);
		a += lt;
		n = gt - lt;
		if (pivot == 0) {
			qsort(a, n, sizeof(*a), cmp_tail_q);
			return;
		}
		d++;
	}
	insertion(a, n, d);
}

enum adc_status
adc_sort_findings(struct adc_finding *v, size_t n)
{
	struct adc_finding **by_sev, *sorted;
	size_t count[ADC_SEV_ERROR + 1] = { 0 }, start[ADC_SEV_ERROR + 1];
	size_t i, at = 0;
	int s;

	if (n < 2)
		return ADC_OK;
	by_sev = malloc(n * sizeof(*by_sev));
	sorted = malloc(n * sizeof(*sorted));
	if (by_sev == NULL || sorted == NULL) {
		free(by_sev);
		free(sorted);
		return ADC_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned)v[i].severity > ADC_SEV_ERROR)
			v[i].severity = ADC_SEV_ERROR;
		count[v[i].severity]++;
	}
	for (s = ADC_SEV_ERROR; s >= 0; s--) {
		start[s] = at;
		at += count[s];
	}
	for (i = 0; i < n; i++)
		by_sev[start[v[i].severity]++] = &v[i];
	for (s = ADC_SEV_ERROR, at = 0; s >= 0; s--) {
		mkqsort(by_sev + at, count[s], 0);
		at += count[s];
	}
	for (i = 0; i < n; i++)
		sorted[i] = *by_sev[i];
	memcpy(v, sorted, n * sizeof(*v));
	free(sorted);
	free(by_sev);
	return ADC_OK;
}
