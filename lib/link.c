/* SPDX-License-Identifier: MIT */
/*
 * link.c: joining the estate's resources. VMs to their disks by disk id,
 * disks to DES by DES id, DES to vaults by sourceVault id or by the key
 * URL's host, DES to keys by key URL. Ids compare case-insensitively
 * through hash tables (an estate may hold fifty thousand VMs). What
 * cannot be joined stays NULL: unknown, never guessed.
 */
#include "estate_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hash's low half indexes; the length rules out most keys that are
 * not the one sought before their bytes are read. */
struct slot {
	uint32_t	 hash;
	uint32_t	 len;
	const char	*key;
	void		*val;
};

struct table {
	struct slot	*slots;
	size_t		 n;	/* a power of two */
	size_t		 used;
	bool		 failed;	/* sticky: an insert had no memory */
};

static int
table_init(struct table *t, size_t count)
{
	t->n = 16;
	while (t->n < count * 2)
		t->n *= 2;
	t->slots = calloc(t->n, sizeof(*t->slots));
	return t->slots != NULL ? 0 : -1;
}

/* Double the table; the load stays under a half so probes end. The disk
 * table grows this way as disks built from the VMs' copies join it, so
 * it is sized for the disk resources alone. */
static int
table_grow(struct table *t)
{
	struct slot *old = t->slots;
	size_t n = t->n, i, j;

	t->slots = calloc(n * 2, sizeof(*t->slots));
	if (t->slots == NULL) {
		t->slots = old;
		return -1;
	}
	t->n = n * 2;
	for (i = 0; i < n; i++) {
		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (t->n - 1);
		    t->slots[j].key != NULL; j = (j + 1) & (t->n - 1))
			continue;
		t->slots[j] = old[i];
	}
	free(old);
	return 0;
}

/* Ids are mostly spelt alike wherever they appear: compare bytes, and
 * fold case only when they differ. */
static bool
same_key(const struct slot *s, uint32_t h, const char *key, size_t len)
{
	return s->hash == h && s->len == len &&
	    (memcmp(s->key, key, len) == 0 ||
	    adc_ascii_ncasecmp(s->key, key, len) == 0);
}

/* The slot holding key, or the empty slot where it would go. */
static struct slot *
probe(const struct table *t, const char *key, size_t len, uint32_t h)
{
	size_t j;

	for (j = h & (t->n - 1); t->slots[j].key != NULL;
	    j = (j + 1) & (t->n - 1)) {
		if (same_key(&t->slots[j], h, key, len))
			break;
	}
	return &t->slots[j];
}

/* Insert key; returns the value already there (the first wins), or
 * NULL when key was new. t->failed is set when the table cannot grow. */
static void *
table_put(struct table *t, const char *key, void *val)
{
	size_t len = strlen(key);
	uint32_t h = (uint32_t)adc_hash_nocase(key, len);
	struct slot *s;

	if (len > UINT32_MAX) {
		t->failed = true;
		return NULL;
	}
	if ((t->used + 1) * 2 > t->n && table_grow(t) != 0) {
		t->failed = true;
		return NULL;
	}
	s = probe(t, key, len, h);
	if (s->key != NULL)
		return s->val;
	s->hash = h;
	s->len = (uint32_t)len;
	s->key = key;
	s->val = val;
	t->used++;
	return NULL;
}

static void *
table_get(const struct table *t, const char *key)
{
	const struct slot *s;
	size_t len;

	if (key == NULL || t->slots == NULL)
		return NULL;
	len = strlen(key);
	s = probe(t, key, len, (uint32_t)adc_hash_nocase(key, len));
	return s->key != NULL ? s->val : NULL;
}

/* Point key's entry, which the table holds, at val. */
static void
table_replace(struct table *t, const char *key, void *val)
{
	size_t len = strlen(key);

	probe(t, key, len, (uint32_t)adc_hash_nocase(key, len))->val = val;
}

/* ---- URLs ------------------------------------------------------------ */

int
adc_url_host(const char *url, char *host, size_t size)
{
	static const char scheme[] = "https://";
	const char *p, *end;
	size_t n, i;

	if (url == NULL || adc_ascii_ncasecmp(url, scheme,
	    sizeof(scheme) - 1) != 0)
		return -1;
	p = url + sizeof(scheme) - 1;
	end = p + strcspn(p, "/?#");
	n = (size_t)(end - p);
	/* ":443" is the https default: the same host. */
	if (n > 4 && memcmp(end - 4, ":443", 4) == 0)
		n -= 4;
	if (n > 1 && p[n - 1] == '.')
		n--;
	if (n == 0 || n >= size || memchr(p, ':', n) != NULL)
		return -1;
	for (i = 0; i < n; i++)
		host[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	host[n] = '\0';
	return 0;
}

int
adc_key_url_parse(const char *url, struct adc_key_url *out)
{
	const char *p, *slash;

	memset(out, 0, sizeof(*out));
	if (adc_url_host(url, out->host, sizeof(out->host)) != 0)
		return -1;
	p = strchr(url + 8, '/');
	if (p == NULL || adc_ascii_ncasecmp(p, "/keys/", 6) != 0)
		return -1;
	p += 6;
	slash = strchr(p, '/');
	out->name = p;
	out->name_len = slash != NULL ? (size_t)(slash - p) : strlen(p);
	if (out->name_len == 0)
		return -1;
	if (slash != NULL) {
		out->version = slash + 1;
		out->version_len = strcspn(out->version, "/?#");
	}
	return 0;
}

/* ---- tables of the estate's resources -------------------------------- */

struct links {
	struct table	 vms, disks, des, vaults, vault_hosts, keys;
	size_t		 copies_kept;	/* disks the input lacks */
	const struct adc_vm *first_vm;	/* the first VM naming one */
};

static void
links_free(struct links *l)
{
	free(l->vms.slots);
	free(l->disks.slots);
	free(l->des.slots);
	free(l->vaults.slots);
	free(l->vault_hosts.slots);
	free(l->keys.slots);
}

/* Drop later duplicates of an id from a pointer array, with a note. */
static enum adc_status
index_ids(struct adc_estate *est, struct table *t, void **arr, size_t *n,
    size_t id_offset, size_t origin_offset, const char *what)
{
	size_t i, kept = 0;
	const char *id;
	void *first;

	for (i = 0; i < *n; i++) {
		id = *(const char **)((char *)arr[i] + id_offset);
		first = id != NULL ? table_put(t, id, arr[i]) : NULL;
		if (first == NULL) {
			arr[kept++] = arr[i];
			continue;
		}
		if (adc_estate_note(est, "duplicate-resource",
		    (const struct adc_origin *)((char *)arr[i] +
		    origin_offset), "%s %s appears more than once; the first "
		    "one read is used", what, id) != ADC_OK)
			return ADC_ENOMEM;
	}
	*n = kept;
	return ADC_OK;
}

/* A key's table key: "host/name/version", lower-case host. */
static const char *
key_ref(struct adc_estate *est, const char *host, const char *name,
    size_t name_len, const char *version, size_t version_len)
{
	char buf[1024];
	int n;

	n = snprintf(buf, sizeof(buf), "%s/%.*s/%.*s", host, (int)name_len,
	    name, (int)version_len, version != NULL ? version : "");
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	return adc_estate_intern(est, buf, (size_t)n);
}

static enum adc_status
index_keys(struct adc_estate *est, struct table *t)
{
	struct adc_key *k;
	const char *ref;
	size_t i;

	for (i = 0; i < est->n_keys; i++) {
		k = est->keys[i];
		if (k->vault_host == NULL || k->name == NULL)
			continue;
		ref = key_ref(est, k->vault_host, k->name, strlen(k->name),
		    k->version, k->version != NULL ? strlen(k->version) : 0);
		if (ref == NULL)
			return ADC_ENOMEM;
		table_put(t, ref, k);
	}
	return ADC_OK;
}

/*
 * Stands in the host table for a name that two vaults without a URI
 * share: such a host links to neither.
 */
static struct adc_vault ambiguous_vault;

/*
 * The DNS suffixes of Key Vault in each Azure cloud, as `az cloud list`
 * gives them (suffixes.keyvaultDns).
 */
static const char *const vault_dns[] = {
	".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net",
	".vault.microsoftazure.de"
};

/*
 * A vault listed without its URI (az keyvault list without a resource
 * group) is still known by name, and vault names are globally unique
 * ("Vault names are globally unique", Microsoft Learn:
 * Test-AzKeyVaultNameAvailability), so its host in each cloud is the
 * name and that cloud's suffix. A vault with its URI keeps its host;
 * two vaults without one that share a name link to neither.
 */
static enum adc_status
index_vault_names(struct adc_estate *est, struct table *t,
    struct adc_vault *v)
{
	char host[256];
	struct adc_vault *had;
	const char *h;
	size_t i, n, m;

	n = strlen(v->name);
	if (n == 0 || n > 64)
		return ADC_OK;
	for (i = 0; i < sizeof(vault_dns) / sizeof(vault_dns[0]); i++) {
		m = strlen(vault_dns[i]);
		memcpy(host, v->name, n);
		memcpy(host + n, vault_dns[i], m + 1);
		h = adc_estate_intern(est, host, n + m);
		if (h == NULL)
			return ADC_ENOMEM;
		had = table_put(t, h, v);
		if (had != NULL && had != v && had->uri == NULL)
			table_replace(t, h, &ambiguous_vault);
	}
	return ADC_OK;
}

static enum adc_status
index_vault_hosts(struct adc_estate *est, struct table *t)
{
	enum adc_status st;
	char host[256];
	const char *h;
	size_t i;

	for (i = 0; i < est->n_vaults; i++) {
		if (adc_url_host(est->vaults[i]->uri, host, sizeof(host)) != 0)
			continue;
		h = adc_estate_intern(est, host, (size_t)-1);
		if (h == NULL)
			return ADC_ENOMEM;
		table_put(t, h, est->vaults[i]);
	}
	for (i = 0; i < est->n_vaults; i++) {
		if (est->vaults[i]->uri != NULL || est->vaults[i]->name == NULL)
			continue;
		st = index_vault_names(est, t, est->vaults[i]);
		if (st != ADC_OK)
			return st;
	}
	return t->failed ? ADC_ENOMEM : ADC_OK;
}

#define INDEX(est, t, arr, n, type, what)				\
	index_ids((est), (t), (void **)(est)->arr, &(est)->n,		\
	    offsetof(type, id), offsetof(type, origin), (what))

static enum adc_status
build_tables(struct adc_estate *est, struct links *l)
{
	enum adc_status st;

	if (table_init(&l->vms, est->n_vms) ||
	    table_init(&l->disks, est->n_disks) ||
	    table_init(&l->des, est->n_des) ||
	    table_init(&l->vaults, est->n_vaults) ||
	    table_init(&l->vault_hosts, est->n_vaults) ||
	    table_init(&l->keys, est->n_keys))
		return ADC_ENOMEM;
	st = INDEX(est, &l->vms, vms, n_vms, struct adc_vm, "VM");
	if (st == ADC_OK)
		st = INDEX(est, &l->disks, disks, n_disks, struct adc_disk,
		    "disk");
	if (st == ADC_OK)
		st = INDEX(est, &l->des, des, n_des, struct adc_des,
		    "disk encryption set");
	if (st == ADC_OK)
		st = INDEX(est, &l->vaults, vaults, n_vaults,
		    struct adc_vault, "key vault");
	if (st == ADC_OK)
		st = index_vault_hosts(est, &l->vault_hosts);
	if (st == ADC_OK)
		st = index_keys(est, &l->keys);
	return st;
}

/* ---- DES to vault and key -------------------------------------------- */

static void
link_des(struct adc_estate *est, struct links *l, struct adc_des *des)
{
	struct adc_key_url u;
	const char *ref;

	des->vault = table_get(&l->vaults, des->source_vault_id);
	if (des->key_url == NULL ||
	    adc_key_url_parse(des->key_url, &u) != 0)
		return;
	/* A vault in another subscription has no sourceVault (facts 17):
	 * the key URL's host names it. */
	if (des->vault == NULL)
		des->vault = table_get(&l->vault_hosts, u.host);
	if (des->vault == &ambiguous_vault)
		des->vault = NULL;
	/* XXX: only the exact key version links; with only another
	 * version in the input, the rules judge the key's type by it but
	 * not its enabled state or expiry, which stay unknown until the
	 * DES's version is read (az keyvault key show --id URL). */
	ref = key_ref(est, u.host, u.name, u.name_len, u.version,
	    u.version_len);
	des->key = table_get(&l->keys, ref);
}

/* ---- VM to disks ----------------------------------------------------- */

static const char *
or_none(const char *s)
{
	return s != NULL ? s : "none";
}

static int
same_id(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return adc_ascii_casecmp(a, b) == 0;
}

#define TRY_NOTE(est, disk, ...) do {					\
	if (adc_estate_note((est), "disk-drift", &(disk)->origin,	\
	    __VA_ARGS__) != ADC_OK)					\
		return ADC_ENOMEM;					\
} while (0)

/* The disk security type a confidential VM's OS disk setting implies;
 * the mapping is a belief (facts 11.2 [B]), so a mismatch is a note. */
static enum adc_disk_sectype
implied_sectype(const struct adc_disk_ref *ref, const struct adc_vm *vm)
{
	switch (vm->os_sec_encryption) {
	case ADC_SECENC_VMGS_ONLY:
		return ADC_DSEC_CVM_VMGS_PMK;
	case ADC_SECENC_DISK_WITH_VMGS:
		return ref->secure_des_id != NULL ? ADC_DSEC_CVM_DISK_CMK :
		    ADC_DSEC_CVM_DISK_PMK;
	case ADC_SECENC_NON_PERSISTED_TPM:
		return ADC_DSEC_CVM_NONPERSISTED;
	default:
		return ADC_DSEC_UNKNOWN;
	}
}

/* The disk resource wins over the VM's creation-time copy; say where
 * they disagree. */
static enum adc_status
note_drift(struct adc_estate *est, const struct adc_disk_ref *ref,
    const struct adc_disk *disk, const struct adc_vm *vm)
{
	enum adc_disk_sectype want = implied_sectype(ref, vm);

	if (ref->des_id != NULL && !same_id(ref->des_id, disk->des_id))
		TRY_NOTE(est, disk, "disk %s: the VM names DES %s, the disk "
		    "resource DES %s; the disk resource is used", disk->id,
		    ref->des_id, or_none(disk->des_id));
	if (ref->secure_des_id != NULL &&
	    !same_id(ref->secure_des_id, disk->secure_des_id))
		TRY_NOTE(est, disk, "disk %s: the VM names confidential DES "
		    "%s, the disk resource %s; the disk resource is used",
		    disk->id, ref->secure_des_id,
		    or_none(disk->secure_des_id));
	if (ref->role == ADC_ROLE_OS && want != ADC_DSEC_UNKNOWN &&
	    disk->sec_type != ADC_DSEC_UNKNOWN && disk->sec_type != want)
		TRY_NOTE(est, disk, "disk %s: the VM's OS disk security "
		    "settings and the disk resource's securityProfile."
		    "securityType disagree (mapping per facts 11.2, a "
		    "belief); the disk resource is used", disk->id);
	return ADC_OK;
}

/* A disk from the VM's copy alone: the input has no disk resource for
 * it (from_vm_only). */
static struct adc_disk *
disk_from_ref(struct adc_estate *est, const struct adc_disk_ref *ref,
    struct adc_vm *vm)
{
	struct adc_disk *d = adc_estate_alloc(est, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->id = adc_estate_strdup(est, ref->id, (size_t)-1);
	d->name = adc_estate_strdup(est, ref->name, (size_t)-1);
	if ((ref->id != NULL && d->id == NULL) ||
	    (ref->name != NULL && d->name == NULL))
		return NULL;
	d->location = vm->location;
	d->subscription = d->id != NULL ?
	    adc_estate_subscription(est, d->id) : vm->subscription;
	d->role = (enum adc_disk_role)ref->role;
	d->lun = ref->lun;
	d->size_gb = ref->size_gb;
	d->sku = (enum adc_storage_sku)ref->sku;
	d->caching = (enum adc_host_caching)ref->caching;
	d->os_type = d->role == ADC_ROLE_OS ? vm->os_type : ADC_OS_UNKNOWN;
	d->des_id = ref->des_id;
	d->secure_des_id = ref->secure_des_id;
	/* No DES on a managed disk means the platform key (facts 11.2
	 * default); with a DES the type is the DES's, set in link_disk. */
	if (d->des_id == NULL && ref->managed)
		d->enc_type = ADC_ENC_PLATFORM;
	if (ref->ade != NULL) {
		d->ade = *ref->ade;
		if (ref->ade->enabled == ADC_YES)
			d->ever_ade = ADC_YES;
	}
	d->attached = ADC_YES;
	d->managed_by = vm->id;
	d->vm = vm;
	d->from_vm_only = true;
	d->origin = vm->origin;
	return d;
}

/* The disk resource the VM names, or one built from the VM's copy when
 * the input has none. */
static struct adc_disk *
attach(struct adc_estate *est, struct links *l, struct adc_vm *vm,
    const struct adc_disk_ref *ref)
{
	struct adc_disk *disk = table_get(&l->disks, ref->id);

	if (disk == NULL) {
		if (l->copies_kept++ == 0)
			l->first_vm = vm;
		disk = disk_from_ref(est, ref, vm);
		if (disk == NULL || adc_estate_push_disk(est, disk) != ADC_OK)
			return NULL;
		/* A disk shared by two VMs is built once. */
		if (disk->id != NULL)
			table_put(&l->disks, disk->id, disk);
		return disk;
	}
	if (!disk->from_vm_only && note_drift(est, ref, disk, vm) != ADC_OK)
		return NULL;
	disk->role = (enum adc_disk_role)ref->role;
	disk->lun = ref->lun;
	disk->caching = (enum adc_host_caching)ref->caching;
	disk->vm = vm;
	disk->attached = ADC_YES;
	if (disk->managed_by == NULL)
		disk->managed_by = vm->id;
	if (disk->os_type == ADC_OS_UNKNOWN && disk->role == ADC_ROLE_OS)
		disk->os_type = vm->os_type;
	return disk;
}

static enum adc_status
link_vm(struct adc_estate *est, struct links *l,
    const struct adc_vm_refs *refs)
{
	struct adc_vm *vm = refs->vm;
	size_t i;

	if (refs->os != NULL) {
		vm->os_disk = attach(est, l, vm, refs->os);
		if (vm->os_disk == NULL)
			return ADC_ENOMEM;
	}
	for (i = 0; i < vm->n_data_disks; i++) {
		vm->data_disks[i] = attach(est, l, vm, &refs->data[i]);
		if (vm->data_disks[i] == NULL)
			return ADC_ENOMEM;
	}
	return ADC_OK;
}

/* ADE's vault by id: the KEK's when there is one, else the secret's,
 * which is the vault whose key wraps the disk keys. Its SKU is what the
 * layers need. */
static void
link_ade(struct links *l, struct adc_ade *ade)
{
	const struct adc_vault *v = table_get(&l->vaults,
	    ade->kek_vault_id != NULL ? ade->kek_vault_id :
	    ade->secret_vault_id);

	ade->vault_sku = v != NULL ? v->sku : ADC_VAULT_UNKNOWN;
}

static void
link_disk(struct links *l, struct adc_disk *disk)
{
	link_ade(l, &disk->ade);
	disk->des = table_get(&l->des, disk->des_id);
	disk->secure_des = table_get(&l->des, disk->secure_des_id);
	/* A VM's copy carries no encryption.type: a disk takes its DES's
	 * type (facts 4: the disk then reports the DES's type). */
	if (disk->from_vm_only && disk->enc_type == ADC_ENC_UNKNOWN &&
	    disk->des != NULL && (disk->des->type == ADC_ENC_CUSTOMER ||
	    disk->des->type == ADC_ENC_DOUBLE))
		disk->enc_type = disk->des->type;
}

enum adc_status
adc_estate_link(struct adc_estate *estate, struct adc_diag *diag)
{
	struct adc_vm_refs *refs;
	struct links l;
	enum adc_status st;
	size_t i, n_refs;

	if (estate == NULL || estate->priv == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "linking needs an estate "
		    "from adc_estate_new");
	if (adc_estate_linked(estate, true))
		return adc_diag_set(diag, ADC_EINVAL, "the estate is linked "
		    "already: link once, after the last input");
	memset(&l, 0, sizeof(l));
	st = build_tables(estate, &l);
	refs = adc_estate_refs(estate, &n_refs);
	for (i = 0; st == ADC_OK && i < n_refs; i++) {
		/* A VM dropped as a duplicate keeps its first reading. */
		if (table_get(&l.vms, refs[i].vm->id) == refs[i].vm ||
		    refs[i].vm->id == NULL)
			st = link_vm(estate, &l, &refs[i]);
	}
	/* Every VM now points at disk resources or disks built from its
	 * copies: the copies can go. */
	if (st == ADC_OK)
		adc_estate_free_temp(estate);
	if (st == ADC_OK && l.copies_kept > 0)
		st = adc_estate_note(estate, "disk-not-in-input",
		    &l.first_vm->origin, "%zu disk(s) named by VMs are not in "
		    "the input (first: VM %s); their settings come from the "
		    "VMs' creation-time copies", l.copies_kept,
		    l.first_vm->name != NULL ? l.first_vm->name : "?");
	for (i = 0; st == ADC_OK && i < estate->n_vms; i++)
		link_ade(&l, &estate->vms[i]->ade);
	for (i = 0; st == ADC_OK && i < estate->n_disks; i++)
		link_disk(&l, estate->disks[i]);
	for (i = 0; st == ADC_OK && i < estate->n_des; i++)
		link_des(estate, &l, estate->des[i]);
	if (l.vms.failed || l.disks.failed || l.des.failed ||
	    l.vaults.failed || l.vault_hosts.failed || l.keys.failed)
		st = ADC_ENOMEM;
	links_free(&l);
	if (st != ADC_OK)
		return adc_diag_set(diag, st, "out of memory while linking");
	return ADC_OK;
}
