/* SPDX-License-Identifier: MIT */
/*
 * test_policy_threads.c: the embedded baseline is filled on first use;
 * threads that ask for it at the same moment all get the one baseline,
 * filled. This file asks nothing else of the library first, so the
 * threads below are the first callers.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>

#include "policy.h"
#include "tap.h"

#define N_THREADS 8

static pthread_barrier_t start;

struct seen {
	const struct adc_policy *p;
	enum adc_severity temp;
	unsigned max_vms;
};

static void *
ask(void *arg)
{
	struct seen *s = arg;

	pthread_barrier_wait(&start);
	s->p = adc_policy_baseline();
	/* Read straight away: a caller that got the pointer before the
	 * fill ended would see zeros here. */
	s->max_vms = s->p->max_vms_per_des;
	s->temp = adc_policy_severity(s->p, "temp-disk-unencrypted");
	return NULL;
}

int
main(void)
{
	pthread_t t[N_THREADS];
	struct seen s[N_THREADS];
	size_t i, same = 0, filled = 0;

	pthread_barrier_init(&start, NULL, N_THREADS);
	for (i = 0; i < N_THREADS; i++)
		pthread_create(&t[i], NULL, ask, &s[i]);
	for (i = 0; i < N_THREADS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (i = 0; i < N_THREADS; i++) {
		if (s[i].p == s[0].p)
			same++;
		if (s[i].max_vms == 1 && s[i].temp == ADC_SEV_NOTE)
			filled++;
	}
	INT_EQ(same, N_THREADS, "every thread gets the same baseline");
	INT_EQ(filled, N_THREADS,
	    "every thread sees it filled (one VM per DES, temp disk a note)");
	OK(s[0].p->is_static, "the baseline is marked static");
	return tap_done();
}
