/* SPDX-License-Identifier: MIT */
/*
 * arena.c: chunks of 64 KiB filled front to back. An allocation larger
 * than a chunk gets a chunk of its own, linked behind the one being
 * filled so that chunk keeps filling.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE	(64 * 1024)
#define HEADER_ALIGN	16

struct adc_chunk {
	struct adc_chunk *next;
	size_t		 used;
	size_t		 size;
	/* The payload follows the header, 16-aligned: see payload(). */
};

static size_t
header_size(void)
{
	return (sizeof(struct adc_chunk) + HEADER_ALIGN - 1) &
	    ~(size_t)(HEADER_ALIGN - 1);
}

static char *
payload(struct adc_chunk *c)
{
	return (char *)c + header_size();
}

static struct adc_chunk *
new_chunk(struct adc_arena *a, size_t need)
{
	size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
	struct adc_chunk *c;

	if (size > SIZE_MAX - header_size())
		return NULL;
	c = malloc(header_size() + size);
	if (c == NULL)
		return NULL;
	c->size = size;
	c->used = 0;
	if (need > CHUNK_SIZE && a->head != NULL) {
		c->next = a->head->next;
		a->head->next = c;
	} else {
		c->next = a->head;
		a->head = c;
	}
	return c;
}

void *
adc_arena_alloc(struct adc_arena *a, size_t size, size_t align, bool zero)
{
	struct adc_chunk *c = a->head;
	size_t at = 0;
	char *p;

	if (c != NULL)
		at = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || at > c->size || c->size - at < size) {
		c = new_chunk(a, size);
		if (c == NULL)
			return NULL;
		at = 0;
	}
	p = payload(c) + at;
	c->used = at + size;
	if (zero)
		memset(p, 0, size);
	return p;
}

char *
adc_arena_strndup(struct adc_arena *a, const char *s, size_t len)
{
	char *copy;

	if (len == SIZE_MAX)
		return NULL;
	copy = adc_arena_alloc(a, len + 1, 1, false);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Formats into what is left of the chunk being filled; only a string
 * that does not fit is formatted twice. */
char *
adc_arena_vprintf(struct adc_arena *a, const char *fmt, va_list ap)
{
	struct adc_chunk *c = a->head;
	size_t room = c != NULL ? c->size - c->used : 0;
	char *p = c != NULL ? payload(c) + c->used : NULL;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(p, room, fmt, ap);
	if (n < 0) {
		va_end(again);
		return NULL;
	}
	if ((size_t)n < room) {
		c->used += (size_t)n + 1;
		va_end(again);
		return p;
	}
	p = adc_arena_alloc(a, (size_t)n + 1, 1, false);
	if (p != NULL)
		vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

void
adc_arena_free(struct adc_arena *a)
{
	struct adc_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void
adc_arena_adopt(struct adc_arena *into, struct adc_arena *from)
{
	struct adc_chunk *tail;

	if (from->head == NULL)
		return;
	if (into->head == NULL) {
		into->head = from->head;
		from->head = NULL;
		return;
	}
	for (tail = from->head; tail->next != NULL; tail = tail->next)
		continue;
	tail->next = into->head->next;
	into->head->next = from->head;
	from->head = NULL;
}

static int
cmp_span(const void *pa, const void *pb)
{
	const struct adc_arena_span *a = pa, *b = pb;

	if (a->start == b->start)
		return 0;
	return (uintptr_t)a->start < (uintptr_t)b->start ? -1 : 1;
}

bool
adc_arena_spans(const struct adc_arena *a, struct adc_arena_span **out,
    size_t *n)
{
	const struct adc_chunk *c;
	size_t i = 0;

	*out = NULL;
	*n = 0;
	for (c = a != NULL ? a->head : NULL; c != NULL; c = c->next)
		i++;
	if (i == 0)
		return true;
	*out = malloc(i * sizeof(**out));
	if (*out == NULL)
		return false;
	for (c = a->head; c != NULL; c = c->next) {
		(*out)[*n].start = (const char *)c + header_size();
		(*out)[*n].end = (*out)[*n].start + c->used;
		(*n)++;
	}
	qsort(*out, *n, sizeof(**out), cmp_span);
	return true;
}

bool
adc_arena_span_has(const struct adc_arena_span *spans, size_t n,
    const void *p)
{
	uintptr_t q = (uintptr_t)p;
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (q < (uintptr_t)spans[mid].start)
			hi = mid;
		else if (q >= (uintptr_t)spans[mid].end)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}
