/* SPDX-License-Identifier: MIT */
/*
 * rules_index.c: open-addressing hash maps with linear probing, keyed by
 * pointer or by a string without ASCII case (Azure ids and key URLs
 * compare that way). Grown at half load, so probes stay short.
 */
#include "rules_index.h"

#include "estate_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

/* The estate's hash without case, eight bytes at a time. */
static size_t
hash_str(const char *s, size_t len)
{
	return (size_t)adc_hash_nocase(s, len);
}

static size_t
hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	/* A multiplicative mix: allocations share their low bits. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static bool
same(const struct idx_slot *s, const void *key, size_t len, bool str)
{
	if (!str)
		return s->key == key;
	return s->len == len && adc_ascii_ncasecmp(s->key, key, len) == 0;
}

/* The slot holding key, or the empty slot where it would go. */
static struct idx_slot *
find(const struct idx_map *m, const void *key, size_t len, bool str)
{
	size_t i = (str ? hash_str(key, len) : hash_ptr(key)) & (m->cap - 1);

	while (m->slots[i].key != NULL && !same(&m->slots[i], key, len, str))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static int
grow_to(struct idx_map *m, size_t cap, bool str)
{
	struct idx_slot *old = m->slots;
	size_t i, old_cap = m->cap;

	m->cap = cap;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (m->slots == NULL) {
		m->slots = old;
		m->cap = old_cap;
		return -1;
	}
	for (i = 0; i < old_cap; i++) {
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].len, str) = old[i];
	}
	free(old);
	return 0;
}

static int
put(struct idx_map *m, const void *key, size_t len, size_t value,
    size_t *old, bool str)
{
	struct idx_slot *s;

	if (key == NULL)
		return -1;
	if ((m->n + 1) * 2 > m->cap &&
	    grow_to(m, m->cap ? m->cap * 2 : 64, str) != 0)
		return -1;
	s = find(m, key, len, str);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->value;
		return 0;
	}
	s->key = key;
	s->len = len;
	s->value = value;
	m->n++;
	return 1;
}

static bool
get(const struct idx_map *m, const void *key, size_t len, size_t *value,
    bool str)
{
	const struct idx_slot *s;

	if (m->cap == 0 || key == NULL)
		return false;
	s = find(m, key, len, str);
	if (s->key == NULL)
		return false;
	if (value != NULL)
		*value = s->value;
	return true;
}

/* Only an empty map is reserved, so no key is hashed twice; the slots
 * remember nothing of whether keys were strings. */
int
idx_reserve(struct idx_map *m, size_t n)
{
	size_t cap = 64;

	if (m->n != 0)
		return 0;
	while (cap / 2 < n + 1)
		cap *= 2;
	if (cap <= m->cap)
		return 0;
	return grow_to(m, cap, false);
}

void
idx_free(struct idx_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
}

bool
idx_ptr_get(const struct idx_map *m, const void *key, size_t *value)
{
	return get(m, key, 0, value, false);
}

bool
idx_str_get(const struct idx_map *m, const char *key, size_t len,
    size_t *value)
{
	return get(m, key, len, value, true);
}

int
idx_ptr_put(struct idx_map *m, const void *key, size_t value, size_t *old)
{
	return put(m, key, 0, value, old, false);
}

int
idx_str_put(struct idx_map *m, const char *key, size_t len, size_t value,
    size_t *old)
{
	return put(m, key, len, value, old, true);
}
