/* SPDX-License-Identifier: MIT */
/*
 * estate.c: the estate's storage. Model structs and strings live in an
 * arena freed at once; strings are interned, so memory grows with the
 * number of distinct values and resources, not with the input's size.
 */
#include "estate_internal.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN		16

/* Sixteen bytes a slot: an estate interns hundreds of thousands of ids.
 * hash holds the low bits of the 64-bit hash, the ones that index. */
struct intern_slot {
	const char	*s;
	uint32_t	 hash;
	uint32_t	 len;
};

struct estate_priv {
	struct adc_arena arena;
	struct adc_arena temp;		/* the VMs' disk copies until linked */
	struct adc_vm_refs *refs;	/* grown with realloc */
	size_t		 n_refs, cap_refs;
	struct intern_slot *slots;
	size_t		 n_slots;	/* a power of two, or 0 */
	size_t		 n_used;
	size_t		 cap_vms, cap_disks, cap_des, cap_vaults, cap_keys;
	size_t		 cap_notes;
	bool		 linked;
};

struct adc_estate *
adc_estate_new(void)
{
	struct adc_estate *estate;

	estate = calloc(1, sizeof(*estate));
	if (estate == NULL)
		return NULL;
	estate->priv = calloc(1, sizeof(struct estate_priv));
	if (estate->priv == NULL) {
		free(estate);
		return NULL;
	}
	return estate;
}

/* Only estates from adc_estate_new are freed; a hand-built estate (priv
 * NULL) belongs to whoever built it. */
void
adc_estate_free(struct adc_estate *estate)
{
	struct estate_priv *priv;

	if (estate == NULL || estate->priv == NULL)
		return;
	priv = estate->priv;
	adc_arena_free(&priv->arena);
	adc_arena_free(&priv->temp);
	free(priv->refs);
	free(priv->slots);
	free(priv);
	free(estate->vms);
	free(estate->disks);
	free(estate->des);
	free(estate->vaults);
	free(estate->keys);
	free(estate->notes);
	free(estate);
}

/* Structs are aligned for any member; strings (align 1) are packed. */
void *
adc_estate_alloc(struct adc_estate *estate, size_t size)
{
	struct estate_priv *priv = estate->priv;

	return adc_arena_alloc(&priv->arena, size, ALIGN, true);
}

static char *
alloc_str(struct adc_estate *estate, size_t len)
{
	struct estate_priv *priv = estate->priv;

	return adc_arena_alloc(&priv->arena, len + 1, 1, false);
}

void *
adc_estate_alloc_temp(struct adc_estate *estate, size_t size)
{
	struct estate_priv *priv = estate->priv;

	return adc_arena_alloc(&priv->temp, size, ALIGN, true);
}

const char *
adc_estate_strdup_temp(struct adc_estate *estate, const char *s)
{
	size_t len;
	char *copy;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	copy = adc_arena_alloc(&((struct estate_priv *)estate->priv)->temp,
	    len + 1, 1, false);
	if (copy != NULL)
		memcpy(copy, s, len + 1);
	return copy;
}

enum adc_status
adc_estate_add_refs(struct adc_estate *estate, const struct adc_vm_refs *r)
{
	struct estate_priv *priv = estate->priv;
	struct adc_vm_refs *grown;
	size_t ncap;

	if (priv->n_refs == priv->cap_refs) {
		ncap = priv->cap_refs ? priv->cap_refs * 2 : 64;
		grown = realloc(priv->refs, ncap * sizeof(*grown));
		if (grown == NULL)
			return ADC_ENOMEM;
		priv->refs = grown;
		priv->cap_refs = ncap;
	}
	priv->refs[priv->n_refs++] = *r;
	return ADC_OK;
}

struct adc_vm_refs *
adc_estate_refs(struct adc_estate *estate, size_t *n)
{
	struct estate_priv *priv = estate->priv;

	*n = priv->n_refs;
	return priv->refs;
}

void
adc_estate_truncate_refs(struct adc_estate *estate, size_t n)
{
	struct estate_priv *priv = estate->priv;

	if (n < priv->n_refs)
		priv->n_refs = n;
}

void
adc_estate_free_temp(struct adc_estate *estate)
{
	struct estate_priv *priv = estate->priv;

	adc_arena_free(&priv->temp);
	free(priv->refs);
	priv->refs = NULL;
	priv->n_refs = 0;
	priv->cap_refs = 0;
}

/* Hashes read eight bytes at a time: ids are long and hashed often. */
static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/* fold is OR-ed into every byte; the tail is loaded the same way as
 * its fold bytes, so the result does not depend on byte order. */
static uint64_t
hash_words(const char *s, size_t len, unsigned char fold)
{
	unsigned char folds[8];
	uint64_t h = 0x243f6a8885a308d3ULL ^ len, w, f;
	size_t i;

	memset(folds, fold, sizeof(folds));
	memcpy(&f, folds, 8);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = mix(h, w | f);
	}
	if (i < len) {
		w = 0;
		f = 0;
		memcpy(&w, s + i, len - i);
		memcpy(&f, folds, len - i);
		h = mix(h, w | f);
	}
	return mix(h, h >> 32);
}

static uint64_t
hash_exact(const char *s, size_t len)
{
	return hash_words(s, len, 0);
}

/* Setting bit 5 of every byte maps A-Z onto a-z (and a few other bytes
 * onto each other, which only costs a rare collision), so strings equal
 * without regard to ASCII case hash alike. */
uint64_t
adc_hash_nocase(const char *s, size_t len)
{
	return hash_words(s, len, 0x20);
}

static int
intern_grow(struct estate_priv *priv)
{
	size_t n = priv->n_slots ? priv->n_slots * 2 : 1024;
	struct intern_slot *slots, *old = priv->slots;
	size_t i, j;

	slots = calloc(n, sizeof(*slots));
	if (slots == NULL)
		return -1;
	for (i = 0; i < priv->n_slots; i++) {
		if (old[i].s == NULL)
			continue;
		j = old[i].hash & (n - 1);
		while (slots[j].s != NULL)
			j = (j + 1) & (n - 1);
		slots[j] = old[i];
	}
	free(old);
	priv->slots = slots;
	priv->n_slots = n;
	return 0;
}

const char *
adc_estate_intern(struct adc_estate *estate, const char *s, size_t len)
{
	struct estate_priv *priv = estate->priv;
	struct intern_slot *slot;
	uint64_t h;
	size_t j;
	char *copy;

	if (s == NULL)
		return NULL;
	if (len == (size_t)-1)
		len = strlen(s);
	if (len >= UINT32_MAX)
		return adc_estate_strdup(estate, s, len);
	/* Keep the load under a half so probes stay short. */
	if ((priv->n_used + 1) * 2 > priv->n_slots && intern_grow(priv) != 0)
		return NULL;
	h = hash_exact(s, len);
	j = (size_t)h & (priv->n_slots - 1);
	for (slot = &priv->slots[j]; slot->s != NULL;
	    slot = &priv->slots[j]) {
		if (slot->hash == (uint32_t)h && slot->len == len &&
		    memcmp(slot->s, s, len) == 0)
			return slot->s;
		j = (j + 1) & (priv->n_slots - 1);
	}
	copy = alloc_str(estate, len);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	slot->hash = (uint32_t)h;
	slot->s = copy;
	slot->len = (uint32_t)len;
	priv->n_used++;
	return copy;
}

const char *
adc_estate_strdup(struct adc_estate *estate, const char *s, size_t len)
{
	char *copy;

	if (s == NULL)
		return NULL;
	if (len == (size_t)-1)
		len = strlen(s);
	copy = alloc_str(estate, len);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Append p to a pointer array, growing it by doubling. */
static int
push(void ***arr, size_t *n, size_t *cap, void *p)
{
	void **grown;
	size_t ncap;

	if (*n == *cap) {
		ncap = *cap ? *cap * 2 : 64;
		grown = realloc(*arr, ncap * sizeof(**arr));
		if (grown == NULL)
			return -1;
		*arr = grown;
		*cap = ncap;
	}
	(*arr)[(*n)++] = p;
	return 0;
}

/* One typed adder per resource kind; the casts are the price of one
 * generic push over five pointer types. */
#define ADDER(fn, type, arr, n, cap)					\
static type *								\
fn(struct adc_estate *estate)						\
{									\
	struct estate_priv *priv = estate->priv;			\
	type *r = adc_estate_alloc(estate, sizeof(type));		\
	void **a = (void **)estate->arr;				\
									\
	if (r == NULL)							\
		return NULL;						\
	if (push(&a, &estate->n, &priv->cap, r) != 0)			\
		return NULL;						\
	estate->arr = (type **)a;					\
	return r;							\
}

ADDER(add_vm_raw, struct adc_vm, vms, n_vms, cap_vms)
ADDER(add_disk_raw, struct adc_disk, disks, n_disks, cap_disks)
ADDER(add_des_raw, struct adc_des, des, n_des, cap_des)
ADDER(add_vault_raw, struct adc_vault, vaults, n_vaults, cap_vaults)
ADDER(add_key_raw, struct adc_key, keys, n_keys, cap_keys)

struct adc_des *
adc_estate_add_des(struct adc_estate *estate)
{
	return add_des_raw(estate);
}

struct adc_vault *
adc_estate_add_vault(struct adc_estate *estate)
{
	return add_vault_raw(estate);
}

struct adc_key *
adc_estate_add_key(struct adc_estate *estate)
{
	return add_key_raw(estate);
}

struct adc_vm *
adc_estate_add_vm(struct adc_estate *estate)
{
	return add_vm_raw(estate);
}

struct adc_disk *
adc_estate_add_disk(struct adc_estate *estate)
{
	struct adc_disk *disk = add_disk_raw(estate);

	if (disk != NULL)
		disk->lun = -1;
	return disk;
}

enum adc_status
adc_estate_push_disk(struct adc_estate *estate, struct adc_disk *disk)
{
	struct estate_priv *priv = estate->priv;
	void **a = (void **)estate->disks;

	if (push(&a, &estate->n_disks, &priv->cap_disks, disk) != 0)
		return ADC_ENOMEM;
	estate->disks = (struct adc_disk **)a;
	return ADC_OK;
}

enum adc_status
adc_estate_vm_data_disks(struct adc_estate *estate, struct adc_vm *vm,
    size_t n)
{
	if (n == 0) {
		vm->data_disks = NULL;
		vm->n_data_disks = 0;
		return ADC_OK;
	}
	vm->data_disks = adc_estate_alloc(estate, n * sizeof(*vm->data_disks));
	if (vm->data_disks == NULL)
		return ADC_ENOMEM;
	vm->n_data_disks = n;
	return ADC_OK;
}

enum adc_status
adc_estate_note(struct adc_estate *estate, const char *code,
    const struct adc_origin *origin, const char *fmt, ...)
{
	struct estate_priv *priv = estate->priv;
	struct adc_import_note *note, *grown;
	char msg[512];
	va_list ap;
	size_t ncap;

	if (estate->n_notes == priv->cap_notes) {
		ncap = priv->cap_notes ? priv->cap_notes * 2 : 16;
		grown = realloc(estate->notes, ncap * sizeof(*grown));
		if (grown == NULL)
			return ADC_ENOMEM;
		estate->notes = grown;
		priv->cap_notes = ncap;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	note = &estate->notes[estate->n_notes];
	memset(note, 0, sizeof(*note));
	note->code = code;
	note->message = adc_estate_intern(estate, msg, (size_t)-1);
	if (note->message == NULL)
		return ADC_ENOMEM;
	if (origin != NULL)
		note->origin = *origin;
	estate->n_notes++;
	return ADC_OK;
}

/* Room for m more elements of size bytes in *arr (holding n, room for
 * *cap), growing by doubling. */
static int
reserve(void **arr, size_t n, size_t *cap, size_t m, size_t size)
{
	size_t ncap = *cap;
	void *grown;

	if (n + m <= ncap)
		return 0;
	while (ncap < n + m)
		ncap = ncap ? ncap * 2 : 64;
	grown = realloc(*arr, ncap * size);
	if (grown == NULL)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

#define RESERVE(ip, into, from, arr, n, cap)			\
	reserve((void **)&(into)->arr, (into)->n, &ip->cap, (from)->n,	\
	    sizeof(*(into)->arr))
#define APPEND(into, from, arr, n) do {					\
	if ((from)->n > 0)						\
		memcpy((into)->arr + (into)->n, (from)->arr,		\
		    (from)->n * sizeof(*(into)->arr));			\
	(into)->n += (from)->n;						\
} while (0)

/* Every array grows first, so a failure moves nothing. */
static int
reserve_all(struct adc_estate *into, const struct adc_estate *from)
{
	struct estate_priv *ip = into->priv;
	const struct estate_priv *fp = from->priv;

	if (RESERVE(ip, into, from, vms, n_vms, cap_vms) ||
	    RESERVE(ip, into, from, disks, n_disks, cap_disks) ||
	    RESERVE(ip, into, from, des, n_des, cap_des) ||
	    RESERVE(ip, into, from, vaults, n_vaults, cap_vaults) ||
	    RESERVE(ip, into, from, keys, n_keys, cap_keys) ||
	    RESERVE(ip, into, from, notes, n_notes, cap_notes))
		return -1;
	return reserve((void **)&ip->refs, ip->n_refs, &ip->cap_refs,
	    fp->n_refs, sizeof(*ip->refs));
}

/* The EncryptionAtHost registration as reading from's inputs after
 * into's would leave it: "not registered" wins, else the last seen. */
static enum adc_tri
merged_feature(enum adc_tri into, enum adc_tri from)
{
	if (into == ADC_NO || from == ADC_UNKNOWN)
		return into;
	return from;
}

enum adc_status
adc_estate_merge(struct adc_estate *into, struct adc_estate *from,
    struct adc_diag *diag)
{
	struct estate_priv *ip, *fp;

	if (into == NULL || from == NULL || into == from ||
	    into->priv == NULL || from->priv == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "merge needs two "
		    "estates made by adc_estate_new");
	ip = into->priv;
	fp = from->priv;
	if (ip->linked || fp->linked)
		return adc_diag_set(diag, ADC_EINVAL, "estates are merged "
		    "before they are linked");
	if (reserve_all(into, from) != 0)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	APPEND(into, from, vms, n_vms);
	APPEND(into, from, disks, n_disks);
	APPEND(into, from, des, n_des);
	APPEND(into, from, vaults, n_vaults);
	APPEND(into, from, keys, n_keys);
	APPEND(into, from, notes, n_notes);
	APPEND(ip, fp, refs, n_refs);
	into->eah_feature = merged_feature(into->eah_feature,
	    from->eah_feature);
	adc_arena_adopt(&ip->arena, &fp->arena);
	adc_arena_adopt(&ip->temp, &fp->temp);
	from->n_vms = from->n_disks = from->n_des = 0;
	from->n_vaults = from->n_keys = from->n_notes = 0;
	fp->n_refs = 0;
	adc_estate_free(from);
	return ADC_OK;
}

bool
adc_estate_linked(const struct adc_estate *estate, bool set)
{
	struct estate_priv *priv = estate->priv;
	bool was = priv->linked;

	if (set)
		priv->linked = true;
	return was;
}

const char *
adc_estate_subscription(struct adc_estate *estate, const char *id)
{
	static const char prefix[] = "/subscriptions/";
	const char *p, *end;

	if (id == NULL ||
	    adc_ascii_ncasecmp(id, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	p = id + sizeof(prefix) - 1;
	end = strchr(p, '/');
	if (end == NULL)
		end = p + strlen(p);
	if (end == p)
		return NULL;
	return adc_estate_intern(estate, p, (size_t)(end - p));
}

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int
adc_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	size_t i;
	int d;

	/* Interned strings are often compared with themselves, and most
	 * pairs are equal byte for byte: fold only where bytes differ. */
	if (a == b)
		return 0;
	for (i = 0; i < n; i++) {
		if (a[i] == b[i]) {
			if (a[i] == '\0')
				return 0;
			continue;
		}
		d = fold((unsigned char)a[i]) - fold((unsigned char)b[i]);
		if (d != 0)
			return d;
	}
	return 0;
}

int
adc_ascii_casecmp(const char *a, const char *b)
{
	return adc_ascii_ncasecmp(a, b, (size_t)-1);
}

bool
adc_estate_spans(const struct adc_estate *estate,
    struct adc_arena_span **out, size_t *n)
{
	const struct estate_priv *priv = estate->priv;

	return adc_arena_spans(priv != NULL ? &priv->arena : NULL, out, n);
}
