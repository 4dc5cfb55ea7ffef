/* SPDX-License-Identifier: MIT */
/*
 * estate_internal.h: building an estate inside the library. The estate
 * owns an arena (strings and model structs) and an intern table, so a
 * resource id or a location repeated by fifty thousand disks is stored
 * once. The public arrays in struct adc_estate grow with realloc.
 */
#ifndef ADC_ESTATE_INTERNAL_H
#define ADC_ESTATE_INTERNAL_H

#include <stdarg.h>

#include "diag.h"

/* Zeroed memory owned by the estate, aligned for any model struct. NULL
 * when out of memory. */
void *adc_estate_alloc(struct adc_estate *estate, size_t size);

/* A copy of s (len bytes, or strlen when len is (size_t)-1) owned by the
 * estate; equal strings share one copy. NULL when out of memory or when s
 * is NULL. */
const char *adc_estate_intern(struct adc_estate *estate, const char *s,
    size_t len);

/* A VM's own description of one of its disks (its creation-time copy),
 * kept compact until linking: linking turns it into a disk only when the
 * input has no disk resource for it. */
struct adc_disk_ref {
	const char	*id;		/* temporary */
	const char	*name;		/* temporary */
	const char	*des_id;	/* interned */
	const char	*secure_des_id;	/* interned */
	struct adc_ade	*ade;		/* temporary; NULL: no ADE settings */
	int		 lun;
	unsigned	 size_gb;
	unsigned char	 role;		/* enum adc_disk_role */
	unsigned char	 sku;		/* enum adc_storage_sku */
	unsigned char	 caching;	/* enum adc_host_caching */
	bool		 managed;	/* managedDisk was read */
};

/* The disks one VM names; vm->os_disk and vm->data_disks[] stay NULL
 * until linking fills them. */
struct adc_vm_refs {
	struct adc_vm		*vm;
	struct adc_disk_ref	*os;	/* NULL: no osDisk */
	struct adc_disk_ref	*data;	/* vm->n_data_disks of them */
};

/* Short-lived storage for the references: linking frees it all, so a
 * VM's copy of a disk read as a resource costs nothing afterwards. */
void *adc_estate_alloc_temp(struct adc_estate *estate, size_t size);
const char *adc_estate_strdup_temp(struct adc_estate *estate,
    const char *s);
enum adc_status adc_estate_add_refs(struct adc_estate *estate,
    const struct adc_vm_refs *refs);
/* The references recorded so far; n receives their number. */
struct adc_vm_refs *adc_estate_refs(struct adc_estate *estate, size_t *n);
/* Forget the references after the first n (a rolled-back read). */
void adc_estate_truncate_refs(struct adc_estate *estate, size_t n);
void adc_estate_free_temp(struct adc_estate *estate);

/* The address ranges of the estate's own strings and structs, sorted
 * (adc_arena_spans): a report keeps pointers into them instead of
 * copies. A hand-built estate has none. */
struct adc_arena_span;
bool adc_estate_spans(const struct adc_estate *estate,
    struct adc_arena_span **out, size_t *n);

/* A copy of s owned by the estate, not interned: for strings that are
 * unique anyway (resource ids, pointers), where interning only costs. */
const char *adc_estate_strdup(struct adc_estate *estate, const char *s,
    size_t len);

/* New zeroed resources appended to the estate's arrays. NULL when out of
 * memory. Disks start with lun -1; keys with every field unknown. */
struct adc_vm *adc_estate_add_vm(struct adc_estate *estate);
struct adc_disk *adc_estate_add_disk(struct adc_estate *estate);
struct adc_des *adc_estate_add_des(struct adc_estate *estate);
struct adc_vault *adc_estate_add_vault(struct adc_estate *estate);
struct adc_key *adc_estate_add_key(struct adc_estate *estate);

/* Append an existing disk (built from a VM's copy) to estate->disks. */
enum adc_status adc_estate_push_disk(struct adc_estate *estate,
    struct adc_disk *disk);

/* Give vm room for n data disk pointers (zeroed). ADC_ENOMEM on failure. */
enum adc_status adc_estate_vm_data_disks(struct adc_estate *estate,
    struct adc_vm *vm, size_t n);

/* Record an import note; code is static, the message is formatted into
 * the estate. origin may be NULL. */
enum adc_status adc_estate_note(struct adc_estate *estate, const char *code,
    const struct adc_origin *origin, const char *fmt, ...)
    ADC_PRINTF(4, 5);

/* Whether adc_estate_link has run; with set, record that it has. Reads
 * and links after a link are refused: a VM linked to the copy of a disk
 * that a later input holds would not be linked again. */
bool adc_estate_linked(const struct adc_estate *estate, bool set);

/* The subscription id inside an Azure resource id ("/subscriptions/X/..."),
 * interned; NULL when the id has none. */
const char *adc_estate_subscription(struct adc_estate *estate,
    const char *id);

/* A Key Vault key URL, "https://HOST[:443]/keys/NAME[/VERSION][/]". host
 * is lower case without the port; name and version point into the URL
 * (version_len 0 when unversioned). */
struct adc_key_url {
	char		 host[256];
	const char	*name;
	size_t		 name_len;
	const char	*version;
	size_t		 version_len;
};
int adc_key_url_parse(const char *url, struct adc_key_url *out);
/* The host of an https URL (vaultUri), lower case, without ":443". */
int adc_url_host(const char *url, char *host, size_t size);

/* ASCII case-insensitive comparisons (ids, keys, enum values). */
int adc_ascii_casecmp(const char *a, const char *b);
int adc_ascii_ncasecmp(const char *a, const char *b, size_t n);

/* Case-insensitive hash of len bytes (ASCII folding), for id tables. */
uint64_t adc_hash_nocase(const char *s, size_t len);

#endif
