/* SPDX-License-Identifier: MIT */
/*
 * adc.h: the public interface of libazdiskcrypt.
 *
 * The library models Azure VM disk encryption: which layers protect each
 * part of a VM and with whose key, which combinations Azure rejects, and
 * how to build each configuration. It never prints and never exits; every
 * fallible call returns an adc_status and, when the caller passes one,
 * fills a struct adc_diag with the first failure.
 *
 * Memory: objects returned by *_new or *_open are released by the matching
 * *_free or *_close; *_free(NULL) does nothing. Strings inside model
 * structs are owned by the estate (or static data) that holds them.
 */
#ifndef ADC_H
#define ADC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Version                                                             */
/* ------------------------------------------------------------------ */

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *adc_version(void);

/* ------------------------------------------------------------------ */
/* Status and diagnostics                                              */
/* ------------------------------------------------------------------ */

enum adc_status {
	ADC_OK = 0,
	ADC_EINVAL,	/* the caller passed bad arguments */
	ADC_ENOMEM,	/* out of memory */
	ADC_EIO,	/* a file could not be read or written */
	ADC_ESYNTAX,	/* input is not valid JSON */
	ADC_ESCHEMA,	/* valid JSON, but not a shape we read */
	ADC_ELIMIT,	/* input exceeds a size or depth ceiling */
	ADC_ENOTFOUND,	/* a named thing (scenario id, key) does not exist */
	ADC_EUNSAFE	/* a value cannot be emitted safely (shell quoting) */
};

/* Where and why something failed. The first failure wins: once status is
 * not ADC_OK, later failures leave the struct alone. Unknown parts are 0
 * or empty. line and col are 1-based; col counts bytes. */
struct adc_diag {
	enum adc_status	 status;
	const char	*source;	/* input name as the caller gave it */
	uint64_t	 offset;	/* byte offset from the start */
	unsigned long	 line;
	unsigned long	 col;
	char		 pointer[256];	/* JSON Pointer, "" for the root */
	char		 msg[256];	/* one line, lower case, no period */
};

/* A short constant name for a status ("syntax error"). */
const char *adc_status_str(enum adc_status status);

/* Clear a diag before use; source may be NULL. */
void adc_diag_init(struct adc_diag *diag, const char *source);

/* ------------------------------------------------------------------ */
/* Streaming JSON reader                                               */
/* ------------------------------------------------------------------ */

/*
 * A pull reader over a file descriptor or a buffer, strict RFC 8259, with
 * memory bounded by the window size and the depth limit, not the input.
 * The caller asks for events one at a time; whole values can be skipped
 * without being materialised.
 */
enum adc_json_event {
	ADC_JSON_ERROR = 0,	/* see the diag; every later call repeats it */
	ADC_JSON_OBJECT_BEGIN,
	ADC_JSON_OBJECT_END,
	ADC_JSON_ARRAY_BEGIN,
	ADC_JSON_ARRAY_END,
	ADC_JSON_KEY,		/* text via adc_json_string */
	ADC_JSON_STRING,	/* text via adc_json_string */
	ADC_JSON_NUMBER,	/* text via adc_json_raw, value via _number_* */
	ADC_JSON_TRUE,
	ADC_JSON_FALSE,
	ADC_JSON_NULL,
	ADC_JSON_EOF		/* the one top-level value ended cleanly */
};

struct adc_json_options {
	size_t		window;		/* read window in bytes; 0: 1 MiB */
	unsigned	max_depth;	/* 0: 512 */
	/* longest string or number; 0: 16 MiB */
	size_t		max_string;
	bool		report_duplicates; /* flag duplicate keys per object */
};

struct adc_json_reader;

/* Open a reader. fd is read, not closed. name is used in diagnostics and
 * must outlive the reader. opts may be NULL for defaults. Returns NULL
 * and fills diag on failure. */
struct adc_json_reader *adc_json_open_fd(int fd, const char *name,
    const struct adc_json_options *opts, struct adc_diag *diag);
/* Same over a buffer, which must outlive the reader; it is not copied. */
struct adc_json_reader *adc_json_open_buffer(const void *buf, size_t len,
    const char *name, const struct adc_json_options *opts,
    struct adc_diag *diag);
void adc_json_close(struct adc_json_reader *reader);

/* The next event. On ADC_JSON_ERROR the reader's diag (adc_json_diag)
 * names offset, line, column, pointer and what was expected. */
enum adc_json_event adc_json_next(struct adc_json_reader *reader);

/* Skip one whole value without materialising it. Called after KEY it
 * skips that member's value; called after OBJECT_BEGIN or ARRAY_BEGIN it
 * skips the rest of that container including its END; inside an array
 * (after BEGIN or a previous element) with nothing pending, it skips the
 * next element. Validation is as strict as for a full read. When that
 * array has no next element nothing is consumed and ADC_ENOTFOUND is
 * returned; after an object member's value or after the top-level value
 * it returns ADC_EINVAL. Skipped strings are not held, so max_string does
 * not apply to them (keys excepted). */
enum adc_status adc_json_skip(struct adc_json_reader *reader);

/* Skip the rest of the innermost open container, including its END. */
enum adc_status adc_json_skip_rest(struct adc_json_reader *reader);

/* The unescaped text of the current KEY or STRING event, NUL-terminated,
 * valid until the next call on the reader. len may be NULL. NULL for any
 * other event. Out of memory fails the reader (the next call returns
 * ADC_JSON_ERROR) and gives "" here. */
const char *adc_json_string(struct adc_json_reader *reader, size_t *len);
/* True when the current KEY or STRING, unescaped, equals s; compares in
 * place without copying when the string has no escapes. */
bool adc_json_string_is(struct adc_json_reader *reader, const char *s);
/* The raw text of the current NUMBER (or any scalar) event. */
const char *adc_json_raw(struct adc_json_reader *reader, size_t *len);
/* Convert the current NUMBER. ADC_ELIMIT when out of range or, for the
 * integer form, not an integer. */
enum adc_status adc_json_number_i64(struct adc_json_reader *reader,
    int64_t *out);
enum adc_status adc_json_number_double(struct adc_json_reader *reader,
    double *out);

/* True when the current KEY already appeared in the same object (only
 * when opts.report_duplicates was set). */
bool adc_json_key_is_duplicate(const struct adc_json_reader *reader);

/* Position of the start of the current event. */
struct adc_json_pos {
	uint64_t	offset;
	unsigned long	line;
	unsigned long	col;		/* in bytes from the line's start */
	/* The same column in UTF-16 code units, as SARIF counts them (a
	 * UTF-8 byte-order mark not counted); 0 after an error. */
	unsigned long	col_utf16;
};
void adc_json_position(const struct adc_json_reader *reader,
    struct adc_json_pos *pos);
/* The JSON Pointer of the current value ("/value/3/properties"), written
 * into buf (truncated with "..." if needed). Returns buf. */
char *adc_json_pointer(const struct adc_json_reader *reader, char *buf,
    size_t size);
/* Depth of the current position: 0 at top level. */
unsigned adc_json_depth(const struct adc_json_reader *reader);
/* The reader's diag (status ADC_OK while nothing failed). */
const struct adc_diag *adc_json_diag(const struct adc_json_reader *reader);
/* A short name for an event ("object", "end of array"), for messages. */
const char *adc_json_event_name(enum adc_json_event event);

/* ------------------------------------------------------------------ */
/* The model                                                           */
/* ------------------------------------------------------------------ */

/*
 * Every setting that matters to encryption. Unknown is a value: a setting
 * nobody told us about is ADC_UNKNOWN (0), so a zeroed struct is "all
 * unknown", never "all off". Strings are NULL when unknown.
 */
enum adc_tri { ADC_UNKNOWN = 0, ADC_NO, ADC_YES };

enum adc_os_type { ADC_OS_UNKNOWN = 0, ADC_OS_LINUX, ADC_OS_WINDOWS };

/* VM securityProfile.securityType. OTHER keeps a value newer than us. */
enum adc_security_type {
	ADC_SECTYPE_UNKNOWN = 0,
	ADC_SECTYPE_STANDARD,		/* absent on a read VM, or "Standard" */
	ADC_SECTYPE_TRUSTED_LAUNCH,
	ADC_SECTYPE_CONFIDENTIAL,
	ADC_SECTYPE_OTHER
};

/* osDisk.managedDisk.securityProfile.securityEncryptionType */
enum adc_sec_encryption {
	ADC_SECENC_UNKNOWN = 0,
	ADC_SECENC_NONE,		/* known to be absent */
	ADC_SECENC_VMGS_ONLY,		/* VMGuestStateOnly */
	ADC_SECENC_DISK_WITH_VMGS,	/* DiskWithVMGuestState */
	ADC_SECENC_NON_PERSISTED_TPM,	/* NonPersistedTPM */
	ADC_SECENC_OTHER
};

/* Disk encryption.type, and DES encryptionType. */
enum adc_enc_type {
	ADC_ENC_UNKNOWN = 0,
	ADC_ENC_PLATFORM,		/* EncryptionAtRestWithPlatformKey */
	ADC_ENC_CUSTOMER,		/* EncryptionAtRestWithCustomerKey */
	/* EncryptionAtRestWithPlatformAndCustomerKeys */
	ADC_ENC_DOUBLE,
	/* ConfidentialVmEncryptedWithCustomerKey */
	ADC_ENC_CONFIDENTIAL,
	ADC_ENC_OTHER
};

/* Disk securityProfile.securityType (OS disks). */
enum adc_disk_sectype {
	ADC_DSEC_UNKNOWN = 0,
	ADC_DSEC_NONE,
	ADC_DSEC_TRUSTED_LAUNCH,
	/* ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey */
	ADC_DSEC_CVM_VMGS_PMK,
	/* ConfidentialVM_DiskEncryptedWithPlatformKey */
	ADC_DSEC_CVM_DISK_PMK,
	/* ConfidentialVM_DiskEncryptedWithCustomerKey */
	ADC_DSEC_CVM_DISK_CMK,
	ADC_DSEC_CVM_NONPERSISTED, /* ConfidentialVM_NonPersistedTPM */
	ADC_DSEC_OTHER
};

enum adc_storage_sku {
	ADC_SKU_UNKNOWN = 0,
	ADC_SKU_STANDARD_LRS,
	ADC_SKU_PREMIUM_LRS,
	ADC_SKU_STANDARDSSD_LRS,
	ADC_SKU_ULTRASSD_LRS,
	ADC_SKU_PREMIUM_ZRS,
	ADC_SKU_STANDARDSSD_ZRS,
	ADC_SKU_PREMIUMV2_LRS,
	ADC_SKU_OTHER
};

/* How the VM caches a disk on its host (caching of osDisk or a dataDisks
 * entry). Ultra Disks and Premium SSD v2 have no host cache whatever it
 * says. */
enum adc_host_caching {
	ADC_CACHING_UNKNOWN = 0,
	ADC_CACHING_NONE,
	ADC_CACHING_READ_ONLY,
	ADC_CACHING_READ_WRITE,
	ADC_CACHING_OTHER
};

enum adc_vault_sku {
	ADC_VAULT_UNKNOWN = 0,
	ADC_VAULT_STANDARD,
	ADC_VAULT_PREMIUM,
	ADC_VAULT_MANAGED_HSM
};

enum adc_key_type {
	ADC_KTY_UNKNOWN = 0,
	ADC_KTY_RSA,
	ADC_KTY_RSA_HSM,
	ADC_KTY_EC,
	ADC_KTY_EC_HSM,
	ADC_KTY_OTHER
};

enum adc_identity_type {
	ADC_IDENTITY_UNKNOWN = 0,
	ADC_IDENTITY_NONE,
	ADC_IDENTITY_SYSTEM,
	ADC_IDENTITY_USER,
	ADC_IDENTITY_SYSTEM_USER
};

/* Where a resource was read: file, position and pointer of its start. */
struct adc_origin {
	const char	*file;		/* NULL for resources built in memory */
	unsigned long	 line;
	unsigned long	 col;		/* bytes */
	const char	*pointer;
	unsigned long	 col_utf16;	/* UTF-16 code units; 0: unknown */
};

struct adc_key {
	const char	*url;		/* as given, versioned or not */
	const char	*vault_host;	/* lower case, no port */
	const char	*name;
	const char	*version;	/* NULL when the URL has none */
	enum adc_key_type kty;
	unsigned	 size_bits;	/* 0: unknown */
	enum adc_tri	 exportable;
	enum adc_tri	 has_release_policy;
	enum adc_tri	 enabled;
	int64_t		 expires;	/* Unix time; 0: unknown or none */
	enum adc_tri	 has_expiry;
	enum adc_tri	 exists;	/* NO when the export lacks it */
	struct adc_origin origin;
};

struct adc_vault {
	const char	*id;
	const char	*name;
	const char	*uri;		/* vaultUri, as given */
	const char	*location;
	const char	*subscription;
	const char	*tenant;
	enum adc_vault_sku sku;
	enum adc_tri	 soft_delete;
	enum adc_tri	 purge_protection;
	enum adc_tri	 enabled_for_disk_encryption;
	enum adc_tri	 rbac;
	struct adc_origin origin;
};

struct adc_des {
	const char	*id;
	const char	*name;
	const char	*location;
	const char	*subscription;
	/* identity tenant, when known */
	const char	*tenant;
	enum adc_enc_type type;			/* PLATFORM here is invalid */
	const char	*key_url;		/* activeKey.keyUrl */
	const char	*source_vault_id;	/* activeKey.sourceVault.id */
	enum adc_tri	 auto_rotation;
	const char	*rotation_error;	/* autoKeyRotationError, text */
	enum adc_identity_type identity;
	const char	*federated_client_id;
	/* Linked by the estate; NULL when not in the input. */
	struct adc_vault *vault;
	struct adc_key	*key;
	struct adc_origin origin;
};

/* ADE as recorded on a disk (encryptionSettingsCollection) or VM. */
struct adc_ade {
	enum adc_tri	 enabled;
	/* Linked by the estate: the SKU of the KEK's vault when there is a
	 * KEK, else of the secret's; UNKNOWN when that vault is not in the
	 * input. */
	enum adc_vault_sku vault_sku;
	const char	*secret_url;
	const char	*secret_vault_id;
	const char	*kek_url;
	const char	*kek_vault_id;
	const char	*volume_type;	/* "All", "OS", "Data" when known */
	const char	*settings_version; /* "1.0" AAD, "1.1" */
};

enum adc_disk_role { ADC_ROLE_UNKNOWN = 0, ADC_ROLE_OS, ADC_ROLE_DATA };

struct adc_disk {
	const char	*id;
	const char	*name;
	const char	*location;
	const char	*subscription;
	enum adc_disk_role role;
	int		 lun;		/* data disks; -1 unknown */
	unsigned	 size_gb;	/* 0: unknown */
	enum adc_storage_sku sku;
	enum adc_os_type os_type;
	enum adc_enc_type enc_type;	/* encryption.type */
	const char	*des_id;	/* encryption.diskEncryptionSetId */
	enum adc_disk_sectype sec_type;
	/* From the VM that attaches it; UNKNOWN when unattached. */
	enum adc_host_caching caching;
	/* securityProfile.secureVMDiskEncryptionSetId */
	const char	*secure_des_id;
	struct adc_ade	 ade;
	enum adc_tri	 ever_ade;	/* UDE flag or ADE settings seen */
	enum adc_tri	 attached;
	const char	*managed_by;	/* VM id when attached */
	/* Linked by the estate. */
	struct adc_des	*des;
	struct adc_des	*secure_des;
	struct adc_vm	*vm;
	bool		 from_vm_only;	/* no disk resource: VM's copy only */
	struct adc_origin origin;
};

struct adc_vm {
	const char	*id;
	const char	*name;
	const char	*location;
	const char	*subscription;
	const char	*size;		/* hardwareProfile.vmSize */
	enum adc_os_type os_type;
	enum adc_security_type security_type;
	enum adc_tri	 vtpm;
	enum adc_tri	 secure_boot;
	enum adc_tri	 encryption_at_host;
	enum adc_sec_encryption os_sec_encryption;
	enum adc_tri	 ephemeral_os;	/* diffDiskSettings.option Local */
	/* The ADE extension's EncryptionOperation is
	 * EnableEncryptionFormatAll (Linux: the temp disk is encrypted). */
	enum adc_tri	 ade_format_all;
	/* CacheDisk, ResourceDisk, NvmeDisk */
	const char	*ephemeral_placement;
	/* VM-side ADE (extension or settings) */
	struct adc_ade	 ade;
	enum adc_tri	 ever_ade;
	bool		 is_scale_set;
	/* Disks: the OS disk and data disks, in LUN order. */
	struct adc_disk	*os_disk;
	struct adc_disk	**data_disks;
	size_t		 n_data_disks;
	struct adc_origin origin;
};

/* ------------------------------------------------------------------ */
/* Sizes                                                               */
/* ------------------------------------------------------------------ */

/* What the size name tells about a VM size. */
struct adc_size_info {
	char		 family[32];	/* e.g. "DCasv5", "Dsv5", "Ddsv4" */
	/* 5 for _v5; 1 when no suffix; 0 unknown */
	int		 version;
	enum adc_tri	 temp_disk;	/* local temp disk present */
	enum adc_tri	 confidential;	/* a ConfidentialVM family */
	enum adc_tri	 amd;		/* 'a' feature letter */
	enum adc_tri	 intel_tdx;	/* DCe/ECe families */
	enum adc_tri	 encrypts_temp_itself; /* v5+ host behaviour ([C]) */
};

/* Parse "Standard_DC2as_v5" and friends. Unknown families give UNKNOWN
 * fields, never a guess. Returns ADC_EINVAL when the name has no shape. */
enum adc_status adc_size_parse(const char *size, struct adc_size_info *out);

/* ------------------------------------------------------------------ */
/* Layer analysis                                                      */
/* ------------------------------------------------------------------ */

enum adc_component {
	ADC_COMP_OS_DISK = 0,	/* OS disk at rest */
	ADC_COMP_DATA_DISK,	/* one data disk at rest */
	ADC_COMP_TEMP_DISK,
	ADC_COMP_HOST_CACHE,
	ADC_COMP_EPHEMERAL_OS,
	ADC_COMP_VMGS,		/* VM guest state */
	ADC_COMP_TRANSIT,	/* host to storage */
	ADC_COMP_MEMORY		/* memory in use */
};

enum adc_layer_kind {
	ADC_LAYER_SSE_PMK = 0,	/* Storage, platform key */
	ADC_LAYER_SSE_CMK,	/* Storage, customer key via DES */
	ADC_LAYER_DOUBLE_PMK,	/* the extra platform layer of double enc. */
	ADC_LAYER_EAH,		/* host, the disk's key (or PMK) */
	ADC_LAYER_ADE,		/* in guest, BitLocker / DM-Crypt */
	ADC_LAYER_CONFIDENTIAL_DISK, /* bound to the vTPM */
	ADC_LAYER_CONFIDENTIAL_MEMORY, /* SEV-SNP / TDX memory encryption */
	ADC_LAYER_SIZE_TEMP	/* v5+ sizes encrypt temp disks ([C]) */
};

enum adc_key_owner { ADC_OWNER_UNKNOWN = 0, ADC_OWNER_PLATFORM,
	ADC_OWNER_CUSTOMER };

enum adc_key_store {
	ADC_STORE_UNKNOWN = 0,
	ADC_STORE_PLATFORM,	/* Microsoft-held */
	ADC_STORE_KEY_VAULT,	/* vault SKU not known */
	ADC_STORE_KEY_VAULT_STANDARD,
	ADC_STORE_KEY_VAULT_PREMIUM,
	ADC_STORE_MANAGED_HSM,
	ADC_STORE_HARDWARE	/* CPU-held (memory encryption) */
};

struct adc_layer {
	enum adc_layer_kind kind;
	enum adc_key_owner owner;
	enum adc_key_store store;
	enum adc_tri	 cross_subscription;
	enum adc_tri	 cross_tenant;
	bool		 disputed;	/* built on a [C] fact */
	const char	*des_id;	/* the DES giving the key, if any */
	const char	*key_url;
	const char	*source;	/* fact source key, e.g. "DE" */
};

enum adc_presence { ADC_PRESENT_UNKNOWN = 0, ADC_PRESENT_NO,
	ADC_PRESENT_YES };

#define ADC_MAX_LAYERS 8

struct adc_component_layers {
	enum adc_component component;
	char		 label[48];	/* "OS disk", "data disk (LUN 0)" */
	enum adc_presence present;	/* NO: the VM has none ("none") */
	bool		 complete;	/* false: some layer is unknown */
	size_t		 n_layers;
	struct adc_layer layers[ADC_MAX_LAYERS];	/* outermost first */
	const struct adc_disk *disk;	/* for disk components */
	/* For disk components, which of the VM's disks: 0 the OS disk,
	 * 1 + i data disk i (the same even when disk is NULL). */
	size_t		 disk_index;
};

struct adc_analysis {
	const struct adc_vm *vm;
	size_t		 n_components;
	struct adc_component_layers *components;
};

/* Derive the layers of every component of vm. *out is filled; release it
 * with adc_analysis_free. */
enum adc_status adc_analyse_vm(const struct adc_vm *vm,
    struct adc_analysis *out, struct adc_diag *diag);
void adc_analysis_free(struct adc_analysis *analysis);

const char *adc_component_name(enum adc_component component);
const char *adc_layer_name(enum adc_layer_kind kind);
const char *adc_key_owner_name(enum adc_key_owner owner);
const char *adc_key_store_name(enum adc_key_store store);

/* ------------------------------------------------------------------ */
/* The scenario catalogue                                              */
/* ------------------------------------------------------------------ */

enum adc_scenario_kind { ADC_SCENARIO_VM, ADC_SCENARIO_DISK };

/* One entry of the catalogue (VM01-VM10, disk01-disk03). */
struct adc_scenario {
	const char	*id;		/* "VM07" */
	enum adc_scenario_kind kind;
	const char	*title;		/* one line */
	const char	*description;	/* a paragraph */
	/* the key az flags, as in the catalogue */
	const char	*az_flags;
	bool		 recommended;	/* the study's recommended entries */
	/* Settings the scenario implies. STANDARD and UNKNOWN here mean
	 * the scenario passes no such flag: VM01-VM04 set no security type
	 * (a Gen2 image then becomes Trusted Launch, which adds no disk
	 * encryption and does not change the scenario). */
	enum adc_security_type security_type;
	enum adc_tri	 vtpm;
	enum adc_tri	 secure_boot;
	enum adc_tri	 encryption_at_host;
	enum adc_sec_encryption os_sec_encryption;
	enum adc_enc_type os_des_type;	/* ADC_ENC_PLATFORM: no DES */
	enum adc_enc_type data_des_type; /* ADC_ENC_UNKNOWN: no data disks */
	unsigned	 n_data_disks;
	const char	*size;		/* e.g. "Standard_D2ds_v4" */
	const char	*image;		/* az image URN or alias */
};

/* The catalogue, in order; n may be NULL. */
const struct adc_scenario *adc_scenarios(size_t *n);
/* Find an entry by id, case-insensitively. NULL when there is none. */
const struct adc_scenario *adc_scenario_find(const char *id);
/* Fill out with a VM built to a VM scenario's settings, its disks, DES,
 * vaults and keys all linked; or, for a disk scenario, a VM01 carrying
 * that disk as its data disk (LUN 0). Names and ids are examples in one
 * subscription and region. Static strings; nothing to free. */
struct adc_scenario_vm {
	struct adc_vm	 vm;
	struct adc_disk	 os_disk;
	struct adc_disk	 data[4];
	struct adc_disk	*data_ptrs[4];
	struct adc_des	 os_des;
	struct adc_des	 data_des;
	struct adc_vault os_vault;
	struct adc_vault data_vault;
	struct adc_key	 os_key;
	struct adc_key	 data_key;
};
enum adc_status adc_scenario_build(const struct adc_scenario *scenario,
    struct adc_scenario_vm *out);

/* Notes that matter for a scenario (why DiskWithVMGuestState, what is not
 * covered), NULL-terminated static array. */
const char *const *adc_scenario_notes(const struct adc_scenario *scenario);


/* ------------------------------------------------------------------ */
/* The estate: resources read from exports, linked                     */
/* ------------------------------------------------------------------ */

/* Something the importer noticed that is not a resource: the VM's copy of
 * a disk disagrees with the disk resource, an enum value newer than us, a
 * duplicate key, a document that is not a resource (a template). */
struct adc_import_note {
	const char	*code;		/* stable id, e.g. "disk-drift" */
	const char	*message;
	struct adc_origin origin;
};

/* Every resource of every input, linked. The arrays are public so callers
 * and tests can build estates by hand; adc_estate_new allocates one whose
 * storage (arrays and strings) belongs to it. */
struct adc_estate {
	struct adc_vm	**vms;
	size_t		  n_vms;
	struct adc_disk	**disks;	/* every disk, attached or not */
	size_t		  n_disks;
	struct adc_des	**des;
	size_t		  n_des;
	struct adc_vault **vaults;
	size_t		  n_vaults;
	struct adc_key	**keys;
	size_t		  n_keys;
	enum adc_tri	  eah_feature;	/* EncryptionAtHost registered */
	struct adc_import_note *notes;
	size_t		  n_notes;
	void		 *priv;		/* arena; NULL for hand-built */
};

struct adc_estate *adc_estate_new(void);
void adc_estate_free(struct adc_estate *estate);

/* Read every document of one JSON input (az output, REST response,
 * Resource Graph result) into the estate. The format is recognised per
 * document. name is used in diagnostics and origins. Input errors give
 * ADC_ESYNTAX/ADC_ESCHEMA/ADC_ELIMIT with file, line, column, pointer. */
enum adc_status adc_estate_read_fd(struct adc_estate *estate, int fd,
    const char *name, struct adc_diag *diag);
enum adc_status adc_estate_read_buffer(struct adc_estate *estate,
    const void *buf, size_t len, const char *name, struct adc_diag *diag);

/* Move every resource, note and string of from into into, as if from's
 * inputs had been read after into's, and free from. Both come from
 * adc_estate_new and are not linked yet. Estates share nothing, so two
 * threads may each read files into one and merge them afterwards. On
 * failure nothing moves and from is still the caller's. */
enum adc_status adc_estate_merge(struct adc_estate *into,
    struct adc_estate *from, struct adc_diag *diag);

/* Link VMs to disks, disks to DES, DES to vaults and keys, by id and key
 * URL, case-insensitively. Call once after the last read (later reads
 * and links give ADC_EINVAL); until then a VM's os_disk and data_disks
 * entries are NULL. Unlinkable references stay NULL. */
enum adc_status adc_estate_link(struct adc_estate *estate,
    struct adc_diag *diag);

/* ------------------------------------------------------------------ */
/* Policy, rules and findings                                          */
/* ------------------------------------------------------------------ */

/* Ordered so that a larger value is more severe. */
enum adc_severity {
	ADC_SEV_NONE = 0,	/* rule switched off */
	ADC_SEV_NOTE,
	ADC_SEV_WARNING,
	ADC_SEV_ERROR
};

enum adc_finding_status {
	ADC_FINDING_FAIL = 0,	/* decided: the rule fired */
	ADC_FINDING_UNKNOWN	/* the data to decide is missing */
};

struct adc_finding {
	const char	*rule;		/* stable id, "ade-with-eah" */
	enum adc_severity severity;
	enum adc_finding_status status;
	char		*message;	/* one line, owned by the report */
	const char	*fix;		/* static text */
	const char	*source;	/* azure-facts source key(s) */
	const char	**resources;	/* Azure ids as given */
	size_t		  n_resources;
	struct adc_origin origin;	/* where the first resource starts */
};

struct adc_policy;

/* The embedded baseline: the study's recommendations. Static; freeing it
 * is a no-op. */
const struct adc_policy *adc_policy_baseline(void);
/* Read a policy file (JSON, schema in docs/policy.md). */
struct adc_policy *adc_policy_read_fd(int fd, const char *name,
    struct adc_diag *diag);
void adc_policy_free(struct adc_policy *policy);

/* Per VM: its scenario, or none and why. Its layers are not kept here:
 * adc_analyse_vm derives them in microseconds whenever they are needed,
 * and keeping them for every VM of a large estate would cost more memory
 * than the estate itself. */
struct adc_vm_result {
	const struct adc_vm *vm;
	const struct adc_scenario *scenario;	/* NULL: none */
	const char	*no_scenario_reason;	/* when scenario is NULL */
};

struct adc_report {
	struct adc_finding *findings;	/* sorted: severity, then resource */
	size_t		  n_findings;
	struct adc_vm_result *vms;
	size_t		  n_vms;
	const struct adc_estate *estate;
	void		 *priv;
};

/* Match a VM to its catalogue entry. Returns NULL and sets *reason (a
 * static string) when it is none. */
const struct adc_scenario *adc_scenario_match(const struct adc_vm *vm,
    const char **reason);

/* One rule of the table. Ids are stable; docs/rules.md lists them. */
struct adc_rule_info {
	const char	*id;		/* "ade-with-eah" */
	enum adc_severity severity;	/* default, before any policy */
	const char	*source;	/* azure-facts source keys */
	const char	*summary;	/* what triggers it, one line */
	const char	*fix;		/* what to do, one line */
};

/* The rule table, in a fixed order: its size, and rule i (NULL past the
 * end). Static data. */
size_t adc_rule_count(void);
const struct adc_rule_info *adc_rule_get(size_t i);
/* A rule by id (exact, lower case). NULL when there is none. */
const struct adc_rule_info *adc_rule_find(const char *id);
/* The severity a policy gives a rule: its own setting, else the rule's
 * default. ADC_SEV_NONE when the policy switches it off or the id is
 * unknown. policy NULL means the baseline. */
enum adc_severity adc_policy_severity(const struct adc_policy *policy,
    const char *rule);

/* Name a disk disk01-disk03 by its own key: platform key, customer key,
 * double encryption. Returns NULL and sets *reason (static) when it is
 * none of them (ADE, a confidential DES, an unknown type). */
const struct adc_scenario *adc_disk_scenario_match(
    const struct adc_disk *disk, const char **reason);

/* Run every rule of the policy over a linked estate. The report points
 * into the estate (its VMs, and resource ids): free the report first.
 * Keys are judged (expired, near expiry) as of now. */
enum adc_status adc_check(const struct adc_estate *estate,
    const struct adc_policy *policy, struct adc_report *out,
    struct adc_diag *diag);
/* adc_check with keys judged as of a given time (Unix seconds), so that
 * the same export gives the same report on any day. */
enum adc_status adc_check_at(const struct adc_estate *estate,
    const struct adc_policy *policy, int64_t as_of,
    struct adc_report *out, struct adc_diag *diag);

/* A time as az prints it ("2026-12-03T17:00:00Z", with fractional
 * seconds or an offset such as "+01:00") or a date ("2026-12-03",
 * midnight UTC), to Unix seconds. ADC_EINVAL for anything else,
 * including dates that do not exist (2026-02-30). */
enum adc_status adc_time_parse(const char *s, int64_t *out);
void adc_report_free(struct adc_report *report);

/* The most severe finding at or above threshold exists. */
bool adc_report_fails(const struct adc_report *report,
    enum adc_severity threshold);

/* What a VM needs, for adc_recommend. */
struct adc_needs {
	bool	confidential;	/* memory and OS disk bound to the VM */
	bool	customer_key;	/* the organisation holds the keys */
	bool	temp_disk;	/* the temp disk and caches must be encrypted */
	bool	double_encryption; /* two layers at rest */
};

#define ADC_MAX_REASONS 10

/* The scenario a policy recommends for some needs, and why. */
struct adc_recommendation {
	const struct adc_scenario *vm;		/* VM01-VM10 */
	const struct adc_scenario *data_disk;	/* disk01-disk03 */
	const char	*reasons[ADC_MAX_REASONS]; /* static, one line each */
	size_t		 n_reasons;
};

/* Fill out with what policy (NULL: the baseline) recommends for needs
 * (NULL: none). ADC_EINVAL without out. */
enum adc_status adc_recommend(const struct adc_policy *policy,
    const struct adc_needs *needs, struct adc_recommendation *out,
    struct adc_diag *diag);

/* The blast radius of keys: for each key, the DES that use it and the
 * disks and VMs behind them. */
struct adc_blast_des {
	const struct adc_des *des;
	const struct adc_disk **disks;
	size_t		  n_disks;
};

struct adc_blast_key {
	const char	*key_url;	/* as the first DES gives it; NULL:
					 * DES without a key URL */
	const struct adc_key *key;	/* NULL: not in the input */
	struct adc_blast_des *des;
	size_t		  n_des;
	const struct adc_vm **vms;	/* distinct, in estate order */
	size_t		  n_vms;
	size_t		  n_disks;	/* over all its DES */
	bool		  confidential;	/* a confidential DES uses it */
};

struct adc_blast {
	struct adc_blast_key *keys;
	size_t		  n_keys;
};

/* Group a linked estate's DES by key (any version of the same key is
 * one key). key_url and des_id, when not NULL, keep only that key or the
 * key of that DES; ADC_ENOTFOUND when nothing matches. Release with
 * adc_blast_free. */
enum adc_status adc_blast_radius(const struct adc_estate *estate,
    const char *key_url, const char *des_id, struct adc_blast *out,
    struct adc_diag *diag);
void adc_blast_free(struct adc_blast *blast);

/* What a disabled, deleted or expired key does to the VMs and disks
 * behind it ([DE] 3.6): NULL-terminated static lines. */
const char *const *adc_blast_effects(void);

enum adc_format {
	ADC_FORMAT_TEXT = 0,
	ADC_FORMAT_JSON,
	ADC_FORMAT_SARIF,
	ADC_FORMAT_MARKDOWN
};

/* Render a report. Writes to out; ADC_EIO when writing fails. */
enum adc_status adc_report_write(const struct adc_report *report,
    enum adc_format format, FILE *out, struct adc_diag *diag);

/* Flags for adc_report_write_flags. */
#define ADC_REPORT_COLOR 0x1u	/* ANSI colours in text output */

/* adc_report_write with flags; adc_report_write passes 0. The caller
 * decides on colour (a terminal, NO_COLOR); the library never looks. */
enum adc_status adc_report_write_flags(const struct adc_report *report,
    enum adc_format format, unsigned flags, FILE *out,
    struct adc_diag *diag);

/* ------------------------------------------------------------------ */
/* Shell quoting                                                       */
/* ------------------------------------------------------------------ */

/* Quote s for a POSIX shell word, writing into buf (NUL-terminated).
 * ADC_EUNSAFE when s cannot be quoted safely (control characters, invalid
 * UTF-8); ADC_ELIMIT when buf is too small. The one quoting function for
 * everything this library emits into scripts. */
enum adc_status adc_shell_quote(const char *s, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Scripts                                                             */
/* ------------------------------------------------------------------ */

/*
 * Bash scripts of az commands that build catalogue scenarios, with their
 * prerequisites in dependency order, and the scripts that remove them.
 * Every value from the caller goes through adc_shell_quote; names are
 * checked against Azure's naming rules before anything is written.
 */

/* Names the scripts check. */
enum adc_name_kind {
	ADC_NAME_PREFIX,	/* ours: starts every generated name */
	ADC_NAME_SUFFIX,	/* ours: ends every key vault name */
	ADC_NAME_RESOURCE_GROUP,
	ADC_NAME_KEY_VAULT,
	ADC_NAME_DES,
	ADC_NAME_DISK,
	ADC_NAME_VM_LINUX,
	ADC_NAME_VM_WINDOWS,
	ADC_NAME_KEY
};

/* Check name against the rule for kind. ADC_EINVAL with a message that
 * names the rule when it breaks it; ADC_EUNSAFE when it holds control
 * characters or invalid UTF-8. diag may be NULL. */
enum adc_status adc_name_check(enum adc_name_kind kind, const char *name,
    struct adc_diag *diag);

/* One thing to build: a VM scenario, or a disk scenario that is created
 * on its own (attach_to -1) or attached to the VM of item attach_to. */
struct adc_script_item {
	const struct adc_scenario *scenario;
	int		 attach_to;
};

/* The most items one script builds. */
#define ADC_SCRIPT_MAX_ITEMS	64

/* Turn ids as the user wrote them into items: a disk id written after a
 * VM id is attached to that VM. With all, ids must be empty and the items
 * are the whole catalogue, disks on their own. ADC_ENOTFOUND for an
 * unknown id, ADC_EINVAL for a repeated one, ADC_ELIMIT past cap. */
enum adc_status adc_script_plan(const char *const *ids, size_t n_ids,
    bool all, struct adc_script_item *items, size_t cap, size_t *n_items,
    struct adc_diag *diag);

/* Everything NULL or zero takes the default shown. */
struct adc_script_options {
	const char	*location;	/* "westeurope" */
	const char	*resource_group; /* PREFIX-rg */
	const char	*prefix;	/* "adc" */
	const char	*suffix;	/* NULL: random per run, at run time */
	enum adc_os_type os;		/* UNKNOWN: Linux */
	/* NULL: each scenario's; Windows needs it */
	const char	*image;
	const char	*size;		/* NULL: each scenario's */
	/* write the script that removes it all */
	bool		 teardown;
	/* teardown: also purge the key vaults */
	bool		 purge;
};

/* Write the build script (or, with opts->teardown, the teardown script)
 * for items to out. Nothing is written when a value is refused:
 * ADC_EUNSAFE or ADC_EINVAL with the option and the rule in diag;
 * ADC_EIO when writing fails. */
enum adc_status adc_script_write(const struct adc_script_item *items,
    size_t n_items, const struct adc_script_options *opts, FILE *out,
    struct adc_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ADC_H */
