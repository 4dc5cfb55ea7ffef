/* SPDX-License-Identifier: MIT */
/*
 * arena.h: a bump allocator in 64 KiB chunks, freed at once. The estate
 * keeps its model and strings in one, a report its messages in another:
 * hundreds of thousands of small strings cost no malloc header each and
 * no slack from doubling buffers.
 */
#ifndef ADC_ARENA_H
#define ADC_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct adc_chunk;

struct adc_arena {
	struct adc_chunk *head;		/* the chunk being filled first */
};

/* Zeroed when zero is set; aligned to align (a power of two, at most
 * 16). NULL when out of memory. */
void *adc_arena_alloc(struct adc_arena *a, size_t size, size_t align,
    bool zero);
/* A NUL-terminated copy of len bytes of s. */
char *adc_arena_strndup(struct adc_arena *a, const char *s, size_t len);
/* printf into the arena, sized exactly. NULL when out of memory. */
char *adc_arena_vprintf(struct adc_arena *a, const char *fmt, va_list ap)
    ADC_PRINTF(2, 0);
void adc_arena_free(struct adc_arena *a);
/* Give every chunk of from to into, behind the chunk into is filling;
 * from is left empty. Pointers into from's chunks stay valid. */
void adc_arena_adopt(struct adc_arena *into, struct adc_arena *from);

/* The address ranges an arena holds, sorted, so that "does this string
 * live in that arena" costs a binary search (adc_arena_span_has). */
struct adc_arena_span {
	const char	*start;
	const char	*end;
};

/* Fills *out (malloc'd, the caller frees it) and *n. A NULL arena or one
 * without chunks gives no spans. Returns false when out of memory. */
bool adc_arena_spans(const struct adc_arena *a,
    struct adc_arena_span **out, size_t *n);
bool adc_arena_span_has(const struct adc_arena_span *spans, size_t n,
    const void *p);

#endif
