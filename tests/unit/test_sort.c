/* SPDX-License-Identifier: MIT */
/*
 * test_sort.c: the findings' order against a plain comparison sort of
 * the same findings: severity (most severe first), first resource
 * without regard to ASCII case, rule, message, then emission order.
 * Ids share long prefixes and differ in case, some findings have no
 * resource, and many tie on everything but where they were emitted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "tap.h"

#define N 6000

static const char *const rules_[] = { "a-rule", "b-rule", "c-rule" };
static char msgs[3][12] = { "m1", "m2", "m1 longer" };
static char plain_msg[] = "m";
static char ids[N][96];
static const char *res[N];

static int
cmp_ref(const void *pa, const void *pb)
{
	const struct adc_finding *a = pa, *b = pb;
	const char *ra = a->n_resources ? a->resources[0] : "";
	const char *rb = b->n_resources ? b->resources[0] : "";
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	c = strcasecmp(ra, rb);
	if (c == 0)
		c = strcmp(a->rule, b->rule);
	if (c == 0)
		c = strcmp(a->message, b->message);
	if (c == 0)
		c = a->origin.line < b->origin.line ? -1 :
		    a->origin.line > b->origin.line;
	return c;
}

/* An id from a small alphabet, so that many share prefixes and some
 * are equal but for case. */
static void
make_id(char *out, unsigned r)
{
	static const char alpha[] = "aAbB/-0";
	size_t i, n = 40 + r % 9;

	memcpy(out, "/subscriptions/", 15);
	for (i = 15; i < n; i++) {
		r = r * 1103515245u + 12345u;
		out[i] = alpha[(r >> 16) % (sizeof(alpha) - 1)];
		if (i > 20 && (r >> 8) % 5 == 0)
			out[i] = out[i - 1];
	}
	out[n] = '\0';
}

static void
fill(struct adc_finding *v, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1664525u + 1013904223u;
		memset(&v[i], 0, sizeof(v[i]));
		v[i].severity = (enum adc_severity)(1 + (seed >> 8) % 3);
		v[i].rule = rules_[(seed >> 12) % 3];
		v[i].message = msgs[(seed >> 16) % 3];
		v[i].origin.line = i;
		if ((seed >> 20) % 17 == 0)
			continue;	/* no resource */
		/* Few distinct ids: many ties. */
		make_id(ids[i], (seed >> 4) % 700);
		res[i] = ids[i];
		v[i].resources = &res[i];
		v[i].n_resources = 1;
	}
}

static void
test_against_reference(size_t n, unsigned seed)
{
	static struct adc_finding got[N], want[N];
	char what[80];
	size_t i, same = 0;

	fill(got, n, seed);
	memcpy(want, got, n * sizeof(*got));
	qsort(want, n, sizeof(*want), cmp_ref);
	INT_EQ(adc_sort_findings(got, n), ADC_OK, "sorted");
	for (i = 0; i < n; i++)
		same += got[i].origin.line == want[i].origin.line;
	snprintf(what, sizeof(what), "%zu findings in the reference order",
	    n);
	INT_EQ(same, n, what);
}

static void
test_case_and_prefix(void)
{
	static const char *r[] = {
		"/subscriptions/x/resourceGroups/RG/vm-b",
		"/subscriptions/x/resourceGroups/rg/VM-A",
		"/subscriptions/x/resourceGroups/rg/vm-a",
		"/subscriptions/x/resourceGroups/rg",
	};
	struct adc_finding v[4];
	size_t i;

	memset(v, 0, sizeof(v));
	for (i = 0; i < 4; i++) {
		v[i].severity = ADC_SEV_WARNING;
		v[i].rule = "r";
		v[i].message = plain_msg;
		v[i].resources = &r[i];
		v[i].n_resources = 1;
		v[i].origin.line = i;
	}
	v[3].severity = ADC_SEV_NOTE;
	INT_EQ(adc_sort_findings(v, 4), ADC_OK, "sorted");
	INT_EQ(v[0].origin.line, 1, "VM-A first: case does not count");
	INT_EQ(v[1].origin.line, 2, "vm-a next: equal ids keep their order");
	INT_EQ(v[2].origin.line, 0, "vm-b after vm-a");
	INT_EQ(v[3].origin.line, 3, "the note last, though its id is "
	    "a prefix of the others");
}

int
main(void)
{
	test_case_and_prefix();
	test_against_reference(1, 1);
	test_against_reference(11, 2);
	test_against_reference(12, 3);
	test_against_reference(200, 4);
	test_against_reference(N, 5);
	test_against_reference(N, 6);
	return tap_done();
}
