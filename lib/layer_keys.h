/* SPDX-License-Identifier: MIT */
/*
 * layer_keys.h: the key behind a layer: whose it is, which disk
 * encryption set hands it over, where it is kept, and whether it sits in
 * another subscription or tenant; and why a disk has no host cache.
 * Used by the layer analysis and its rendering.
 */
#ifndef ADC_LAYER_KEYS_H
#define ADC_LAYER_KEYS_H

#include <stddef.h>

#include "adc.h"

/* A key as a layer sees it. */
struct adc_key_ref {
	enum adc_key_owner owner;	/* UNKNOWN: cannot tell */
	const struct adc_des *des;	/* linked DES, or NULL */
	const char	*des_id;	/* DES id even when not linked */
	enum adc_tri	 is_double;	/* the DES adds a platform layer */
};

/* Microsoft's key: no DES, nothing elsewhere. */
extern const struct adc_key_ref adc_platform_key;

/* The key of a disk's own at-rest layer (NULL disk: unknown). */
struct adc_key_ref adc_key_of_disk(const struct adc_disk *disk);

/* The key of confidential disk encryption for this OS disk: the
 * secure-VM DES's, or the platform key. */
struct adc_key_ref adc_key_of_confidential(const struct adc_disk *os);

/* Set a layer's owner, store, cross-subscription and cross-tenant flags,
 * DES id and key URL from key. */
void adc_layer_set_key(struct adc_layer *layer,
    const struct adc_key_ref *key);

/* Why a disk has no host cache, as a phrase for people ("none: the
 * disk's caching is None"); NULL when it may have one (layers.c). */
const char *adc_no_host_cache(const struct adc_disk *disk);

/* The subscription of "/subscriptions/SUB/..." copied into buf; NULL
 * when id is NULL or has no subscription. */
const char *adc_id_subscription(const char *id, char *buf, size_t size);

/* Whether two ids or names differ, without regard to case; unknown when
 * either is NULL. */
enum adc_tri adc_ids_differ(const char *a, const char *b);

#endif
