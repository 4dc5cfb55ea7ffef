/* SPDX-License-Identifier: MIT */
/*
 * import_internal.h: what the importer's files share. A resource is read
 * member by member into a staging record (struct raw) whose strings live
 * in a scratch area reset per resource; only when the object ends, and
 * its type is known (az prints "type" after "storageProfile"), is the
 * record turned into model structs in the estate.
 */
#ifndef ADC_IMPORT_INTERNAL_H
#define ADC_IMPORT_INTERNAL_H

#include "estate_internal.h"

/* One disk as a VM describes it (osDisk or a dataDisks entry). */
struct raw_diskref {
	bool		 seen;
	bool		 managed_seen;	/* managedDisk was an object */
	bool		 diff_seen;	/* diffDiskSettings was an object */
	long		 lun;		/* -1 unknown */
	const char	*id;
	const char	*name;
	const char	*des_id;
	const char	*secure_des_id;
	const char	*sec_enc;	/* securityEncryptionType */
	const char	*sku;		/* storageAccountType */
	const char	*caching;
	const char	*os_type;
	const char	*diff_option;
	const char	*diff_placement;
	long		 size_gb;	/* -1 unknown */
	struct adc_ade	 ade;		/* osDisk.encryptionSettings */
};

/* An extension (resources[] or extensionProfile.extensions[]). */
struct raw_ext {
	const char	*type_outer;
	const char	*type_inner;
	const char	*publisher;
	const char	*volume_type;
	const char	*operation;
	const char	*kek_url;
	const char	*vault_id;
	const char	*kek_vault_id;
};

/* The staging record: every field any resource type we read can carry. */
struct raw {
	/* Common. */
	const char	*id, *name, *type, *location;
	struct adc_json_pos pos;
	const char	*pointer;
	bool		 props_seen;
	const char	*sku_name;

	/* Virtual machine and scale set. */
	const char	*vm_size;
	bool		 hw_seen, storage_seen, vmss_profile;
	bool		 secprof_seen;
	const char	*sec_type;		/* VM or disk securityType */
	enum adc_tri	 eah, secure_boot, vtpm;
	struct raw_diskref os;
	bool		 resources_seen;
	struct adc_ade	 vm_ade;
	enum adc_tri	 vm_ever_ade;
	enum adc_tri	 vm_ade_format_all;

	/* Disk. */
	bool		 creation_seen;
	const char	*os_type;
	long		 size_gb;
	bool		 encryption_seen;
	const char	*enc_type;
	const char	*disk_des_id;
	const char	*secure_des_id;
	int		 esc_state;	/* 0 absent, 1 null, 2 object */
	struct adc_ade	 disk_ade;
	const char	*disk_state;
	const char	*managed_by;

	/* Disk encryption set. */
	bool		 active_key_seen;
	const char	*des_type;
	const char	*key_url;
	const char	*source_vault_id;
	enum adc_tri	 rotation;
	const char	*rotation_error;
	const char	*identity_type;
	const char	*identity_tenant;
	const char	*federated_client_id;

	/* Key vault. */
	const char	*vault_uri;
	const char	*tenant;
	enum adc_tri	 soft_delete, purge_protection, disk_encryption, rbac;
	bool		 purge_seen;

	/* Key. */
	const char	*kid;
	const char	*key_uri;
	const char	*kty;
	unsigned	 size_bits;
	bool		 attributes_seen, key_material_seen;
	enum adc_tri	 key_enabled, exportable, release_policy;
	int64_t		 expires;
	enum adc_tri	 has_expiry;

	/* Subscription feature. */
	const char	*state;
};

struct scratch_chunk;

struct imp {
	struct adc_json_reader *r;
	struct adc_estate *est;
	struct adc_diag	*diag;
	const char	*file;		/* interned input name */
	struct scratch_chunk *chunks;
	struct raw	 raw;
	struct raw_diskref *data;	/* the VM's data disks */
	size_t		 n_data, cap_data;
	size_t		 ignored;	/* resources of types we do not read */
	size_t		 not_resources;	/* objects that are no resource */
	const char	*ignored_type;	/* one example */
	/* Per first letter (its low five bits), a bit per length of the
	 * resource-level member names: most keys of an export are not
	 * read, and one look here rejects them (imp_index_names). */
	uint64_t	 res_lens[32];
};

/* Scratch strings, valid until the next resource starts. */
const char *imp_strdup(struct imp *imp, const char *s, size_t len);
void imp_scratch_reset(struct imp *imp);
void imp_scratch_free(struct imp *imp);

/* Copy a failed reader's diag into the caller's; returns its status. */
enum adc_status imp_reader_error(struct imp *imp);
/* An ESCHEMA error at the reader's current position. */
enum adc_status imp_schema(struct imp *imp, const char *fmt, ...)
    ADC_PRINTF(2, 3);
/* A note at the reader's current position. */
enum adc_status imp_note_here(struct imp *imp, const char *code,
    const char *fmt, ...) ADC_PRINTF(3, 4);

/* Read one member of a resource into imp->raw; key (len bytes) is the
 * KEY event just read, its value comes next (import_fields.c). seen
 * tracks the members of this object already read (start it at 0). */
enum adc_status imp_member(struct imp *imp, const char *key, size_t len,
    bool in_properties, uint64_t *seen);
/* Fill imp->res_lens; call once before reading. */
void imp_index_names(struct imp *imp);
/* Read the members of a resource object whose OBJECT_BEGIN was just
 * read, up to its OBJECT_END. */
enum adc_status imp_read_members(struct imp *imp, bool in_properties);

/* Turn imp->raw into model structs (import_commit.c). */
enum adc_status imp_commit(struct imp *imp);

/* Key sizes (import_key.c; times are adc_time_parse in adc.h). */
unsigned adc_rsa_modulus_bits(const char *n, size_t len);

#endif
