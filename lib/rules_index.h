/* SPDX-License-Identifier: MIT */
/*
 * rules_index.h: small hash maps for the rules and the blast radius, so that
 * "which disks use this DES" and "which DES share this key" cost one
 * lookup each, not a scan of the estate: estates hold tens of thousands
 * of resources.
 */
#ifndef ADC_RULES_INDEX_H
#define ADC_RULES_INDEX_H

#include <stdbool.h>
#include <stddef.h>

/* Keys are either pointers or strings compared without ASCII case; one
 * map holds one kind. Keys are borrowed, not copied. */
struct idx_slot {
	const void	*key;
	size_t		 len;		/* string keys: length */
	size_t		 value;
};

struct idx_map {
	struct idx_slot	*slots;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

void idx_free(struct idx_map *m);
/* Room for n keys without growing: a map whose size is known up front
 * is hashed once. Returns -1 out of memory. */
int idx_reserve(struct idx_map *m, size_t n);

/* Look up; false when absent. */
bool idx_ptr_get(const struct idx_map *m, const void *key, size_t *value);
bool idx_str_get(const struct idx_map *m, const char *key, size_t len,
    size_t *value);

/* Insert unless present. Returns 1 when inserted, 0 when the key was
 * there (its value is left and stored in *old when old is not NULL),
 * -1 out of memory. */
int idx_ptr_put(struct idx_map *m, const void *key, size_t value,
    size_t *old);
int idx_str_put(struct idx_map *m, const char *key, size_t len,
    size_t value, size_t *old);

#endif
