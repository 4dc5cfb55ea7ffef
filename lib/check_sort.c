/* SPDX-License-Identifier: MIT */
/*
 * check_sort.c: the findings' order: most severe first, then by first
 * resource without regard to ASCII case, then rule, then message, then
 * the order the rules emitted them. Resource ids share long prefixes
 * ("/subscriptions/<id>/resourceGroups/..."), so a comparison sort would
 * compare those prefixes again at every level; a multikey quicksort
 * (Bentley and Sedgewick) over eight bytes at a time reads a shared
 * prefix a few times at most.
 */
#include "rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SMALL	12	/* below this, insertion sort */

/* A finding with its first resource, and eight bytes of that resource,
 * folded, from the depth being sorted on: one 64-bit comparison decides
 * most pairs, and a shared prefix costs one pass per eight bytes. */
struct item {
	uint64_t	 key;
	const char	*s;
	struct adc_finding *f;
};

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Bytes d to d + 7 of s, folded, big-endian, zero past the end; the
 * caller knows s does not end before d. */
static uint64_t
key_at(const char *s, size_t d)
{
	uint64_t k = 0;
	size_t i;
	int c = 1;

	for (i = 0; i < 8; i++) {
		if (c != 0)
			c = fold((unsigned char)s[d + i]);
		k = k << 8 | (uint64_t)c;
	}
	return k;
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

/* The whole order for two items whose resources agree on their first d
 * bytes. */
static int
cmp_from(const struct item *a, const struct item *b, size_t d)
{
	int ca, cb;

	for (;; d++) {
		ca = fold((unsigned char)a->s[d]);
		cb = fold((unsigned char)b->s[d]);
		if (ca != cb)
			return ca - cb;
		if (ca == 0)
			return cmp_tail(a->f, b->f);
	}
}

static void
insertion(struct item *a, size_t n, size_t d)
{
	struct item t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = a[i];
		for (j = i; j > 0 && cmp_from(&a[j - 1], &t, d) > 0; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

static int
cmp_tail_q(const void *pa, const void *pb)
{
	return cmp_tail(((const struct item *)pa)->f,
	    ((const struct item *)pb)->f);
}

static void
swap(struct item *a, size_t i, size_t j)
{
	struct item t = a[i];

	a[i] = a[j];
	a[j] = t;
}

static void
set_keys(struct item *a, size_t n, size_t d)
{
	size_t i;

	for (i = 0; i < n; i++)
		a[i].key = key_at(a[i].s, d);
}

/* Sorts a[0..n), whose resources agree on their first d bytes and whose
 * keys hold bytes d to d + 7: three ways around the middle key; the
 * equal part goes eight bytes deeper or, once its ids have ended, by
 * rule and message. */
static void
mkqsort(struct item *a, size_t n, size_t d)
{
	size_t lt, i, gt;
	uint64_t pivot;

	while (n >= SMALL) {
		pivot = a[n / 2].key;
		lt = i = 0;
		gt = n;
		while (i < gt) {
			if (a[i].key < pivot)
				swap(a, lt++, i++);
			else if (a[i].key > pivot)
				swap(a, i, --gt);
			else
				i++;
		}
		mkqsort(a, lt, d);
		mkqsort(a + gt, n - gt, d);
		a += lt;
		n = gt - lt;
		if ((pivot & 0xff) == 0) {
			qsort(a, n, sizeof(*a), cmp_tail_q);
			return;
		}
		d += 8;
		set_keys(a, n, d);
	}
	insertion(a, n, d);
}

enum adc_status
adc_sort_findings(struct adc_finding *v, size_t n)
{
	size_t count[ADC_SEV_ERROR + 1] = { 0 }, start[ADC_SEV_ERROR + 1];
	struct adc_finding *sorted;
	struct item *items;
	size_t i, at = 0;
	int s;

	if (n < 2)
		return ADC_OK;
	items = malloc(n * sizeof(*items));
	sorted = malloc(n * sizeof(*sorted));
	if (items == NULL || sorted == NULL) {
		free(items);
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
	for (i = 0; i < n; i++) {
		struct item *it = &items[start[v[i].severity]++];

		it->f = &v[i];
		it->s = v[i].n_resources > 0 && v[i].resources[0] != NULL ?
		    v[i].resources[0] : "";
		it->key = key_at(it->s, 0);
	}
	for (s = ADC_SEV_ERROR, at = 0; s >= 0; s--) {
		mkqsort(items + at, count[s], 0);
		at += count[s];
	}
	for (i = 0; i < n; i++)
		sorted[i] = *items[i].f;
	memcpy(v, sorted, n * sizeof(*v));
	free(sorted);
	free(items);
	return ADC_OK;
}
