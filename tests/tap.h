/* SPDX-License-Identifier: MIT */
/*
 * tap.h: a small TAP-style harness. Each check prints "ok N - what" or
 * "not ok N - what" with what was got and expected; tap_done() prints the
 * plan and a closing "N passed, N failed" line and returns the exit
 * status (non-zero when anything failed).
 */
#ifndef ADC_TAP_H
#define ADC_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static inline void
tap_result(int ok, const char *file, int line, const char *what)
{
	tap_count++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_count, what);
	if (!ok)
		printf("#   at %s:%d\n", file, line);
}

#define OK(cond, what) tap_result((cond) ? 1 : 0, __FILE__, __LINE__, (what))

#define INT_EQ(got, want, what) do {					\
	long long tap_g_ = (long long)(got), tap_w_ = (long long)(want); \
	tap_result(tap_g_ == tap_w_, __FILE__, __LINE__, (what));	\
	if (tap_g_ != tap_w_)						\
		printf("#   got %lld, expected %lld\n", tap_g_, tap_w_); \
} while (0)

#define STR_EQ(got, want, what) do {					\
	const char *tap_g_ = (got), *tap_w_ = (want);			\
	int tap_ok_ = (tap_g_ == NULL && tap_w_ == NULL) ||		\
	    (tap_g_ != NULL && tap_w_ != NULL &&			\
	    strcmp(tap_g_, tap_w_) == 0);				\
	tap_result(tap_ok_, __FILE__, __LINE__, (what));		\
	if (!tap_ok_)							\
		printf("#   got \"%s\", expected \"%s\"\n",		\
		    tap_g_ ? tap_g_ : "(null)",				\
		    tap_w_ ? tap_w_ : "(null)");			\
} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	printf("%d passed, %d failed\n", tap_count - tap_failed, tap_failed);
	return tap_failed == 0 && tap_count > 0 ? 0 : 1;
}

/* Path of a shared fixture: $ADC_FIXTURES/rel. */
static inline const char *
tap_fixture(const char *rel)
{
	static char path[4096];
	const char *root = getenv("ADC_FIXTURES");

	snprintf(path, sizeof(path), "%s/%s",
	    root != NULL ? root : "../shared/fixtures", rel);
	return path;
}

#endif
