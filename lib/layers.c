/* SPDX-License-Identifier: MIT */
/*
 * layers.c: which encryption layers protect each component of a VM, and
 * with whose key.
 *
 * The components are the OS disk at rest, each data disk at rest, the
 * temp disk, each disk's host cache, the ephemeral OS disk, the VM guest
 * state, each disk's path from host to storage, and memory in use. The
 * rules come from azure-facts sections 1-7 and 17 (source keys in the
 * comments). Each component lists its layers outermost first: the layer
 * applied last, nearest the physical medium (double encryption's extra
 * platform layer), before the disk's own key (Storage SSE, or the host
 * with encryption at host), then the confidential disk encryption bound
 * to the vTPM, and innermost ADE inside the guest, nearest the plaintext.
 *
 * A setting nobody told us about is never taken as off: the component is
 * marked incomplete instead. This module reads the model only; it does
 * not judge (that is the rules' job).
 */
#include "adc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "layer_keys.h"

/* How the OS disk of a VM takes part in confidential computing. */
enum cvm_mode {
	CVM_UNKNOWN = 0,	/* not known whether the VM is confidential */
	CVM_NOT,		/* Standard or Trusted Launch */
	CVM_MODE_UNKNOWN,	/* confidential, encryption type unknown */
	CVM_VMGS_ONLY,		/* VMGuestStateOnly */
	CVM_DISK,		/* DiskWithVMGuestState */
	CVM_NON_PERSISTED	/* NonPersistedTPM */
};

/* What every component's rules depend on, worked out once per VM. */
struct vm_facts {
	const struct adc_vm *vm;
	struct adc_size_info size;	/* all unknown without a size */
	enum adc_tri	 eah;
	enum adc_tri	 ephemeral;
	enum cvm_mode	 cvm;
	bool		 ade_ruled_out;	/* Azure refuses ADE on this VM */
};

static enum adc_tri
tri(int b)
{
	return b ? ADC_YES : ADC_NO;
}

/* ------------------------------------------------------------------ */
/* Building a component                                                */
/* ------------------------------------------------------------------ */

static void
init_component(struct adc_component_layers *c, enum adc_component comp,
    const char *label, const struct adc_disk *disk)
{
	size_t n;

	memset(c, 0, sizeof(*c));
	c->component = comp;
	/* Without printf: this runs for every component of every VM a
	 * report shows. The memset above terminates the label. */
	n = strlen(label);
	memcpy(c->label, label, n < sizeof(c->label) ? n :
	    sizeof(c->label) - 1);
	c->present = ADC_PRESENT_YES;
	c->complete = true;
	c->disk = disk;
}

/* A setting the layers depend on is unknown: say so, assume nothing. */
static void
unknown_if(struct adc_component_layers *c, enum adc_tri setting)
{
	if (setting == ADC_UNKNOWN)
		c->complete = false;
}

/* Append a layer (the caller adds them outermost first). */
static struct adc_layer *
add_layer(struct adc_component_layers *c, enum adc_layer_kind kind,
    const struct adc_key_ref *key, const char *source)
{
	struct adc_layer *l;

	if (c->n_layers == ADC_MAX_LAYERS) {
		c->complete = false;
		return NULL;
	}
	l = &c->layers[c->n_layers++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->source = source;
	adc_layer_set_key(l, key);
	if (key->owner == ADC_OWNER_UNKNOWN)
		c->complete = false;
	return l;
}

/* ------------------------------------------------------------------ */
/* The layers each method contributes                                  */
/* ------------------------------------------------------------------ */

/* Double encryption's extra platform layer sits on top of the disk's
 * own layer, whether Storage or the host applied that one (section 4
 * [DE]; PRODUCT.md "The encryption methods"). */
static void
add_double_layer(struct adc_component_layers *c, const struct adc_key_ref *k)
{
	unknown_if(c, k->is_double);
	if (k->is_double == ADC_YES)
		add_layer(c, ADC_LAYER_DOUBLE_PMK, &adc_platform_key, "DE");
}

/* The disk's own key at rest: the host encrypts with it when encryption
 * at host is on, instead of Storage, not on top of it (section 2 [DE]).
 * While EAH is unknown the layer is listed as Storage's, the one that
 * applies whenever the host does not, and the component is incomplete. */
static void
add_disk_key_layer(struct adc_component_layers *c,
    const struct vm_facts *f, const struct adc_key_ref *k)
{
	enum adc_layer_kind kind;

	unknown_if(c, f->eah);
	if (k->owner == ADC_OWNER_UNKNOWN) {
		c->complete = false;
		return;
	}
	if (f->eah == ADC_YES)
		kind = ADC_LAYER_EAH;
	else if (k->owner == ADC_OWNER_PLATFORM)
		kind = ADC_LAYER_SSE_PMK;
	else
		kind = ADC_LAYER_SSE_CMK;
	add_layer(c, kind, k, "DE");
}

/* Encryption at host over a host-side copy (cache, data in flight): the
 * disk's key, PMK or CMK alike (section 5 [DE]). */
static void
add_host_layer(struct adc_component_layers *c, const struct vm_facts *f,
    const struct adc_key_ref *k)
{
	unknown_if(c, f->eah);
	if (f->eah == ADC_YES)
		add_layer(c, ADC_LAYER_EAH, k, "DE");
}

/* Local disks (temp disk, ephemeral OS disk): encryption at host always
 * uses the platform key there (section 5 [DE]), and v5 and later sizes
 * encrypt them by themselves, a [C] fact shown as a disputed layer of
 * its own (sections 2 and 17). Outermost: the size's encryption sits at
 * the medium. */
static void
add_local_disk_layers(struct adc_component_layers *c,
    const struct vm_facts *f)
{
	struct adc_layer *l;

	unknown_if(c, f->size.encrypts_temp_itself);
	if (f->size.encrypts_temp_itself == ADC_YES) {
		l = add_layer(c, ADC_LAYER_SIZE_TEMP, &adc_platform_key, "DE");
		if (l != NULL)
			l->disputed = true;
	}

	unknown_if(c, f->eah);
	if (f->eah == ADC_YES)
		add_layer(c, ADC_LAYER_EAH, &adc_platform_key, "DE");
}

/* Confidential OS disk encryption: only DiskWithVMGuestState encrypts
 * the OS disk; VMGuestStateOnly and NonPersistedTPM leave it to SSE
 * (sections 7.2, 7.3 [CVMO][CVMFAQ][CVMARM]). Its keys are released to
 * the VM only, past the host (7.3 [CVMO]), so the host's cache and the
 * data it sends hold ciphertext too: the same layer serves those. */
static void
add_confidential_disk_layer(struct adc_component_layers *c,
    const struct vm_facts *f)
{
	struct adc_key_ref k;

	switch (f->cvm) {
	case CVM_NOT:
	case CVM_VMGS_ONLY:
	case CVM_NON_PERSISTED:
		return;
	case CVM_UNKNOWN:
	case CVM_MODE_UNKNOWN:
		c->complete = false;
		return;
	case CVM_DISK:
		break;
	}
	k = adc_key_of_confidential(f->vm->os_disk);
	add_layer(c, ADC_LAYER_CONFIDENTIAL_DISK, &k, "CVMO");
}

static const char *
ade_source(const struct adc_vm *vm)
{
	switch (vm->os_type) {
	case ADC_OS_WINDOWS:	return "ADEW";
	case ADC_OS_LINUX:	return "ADEL";
	case ADC_OS_UNKNOWN:	break;
	}
	return "DEO";
}

/* Whether the VM's ADE settings reach a disk of this role: volume type
 * All covers both, OS and Data one each (section 12.4). */
static enum adc_tri
vm_ade_covers(const struct adc_vm *vm, bool is_os)
{
	const char *vt = vm->ade.volume_type;

	if (vm->ade.enabled != ADC_YES)
		return vm->ade.enabled;
	if (vt == NULL)
		return ADC_UNKNOWN;
	if (strcasecmp(vt, "All") == 0)
		return ADC_YES;
	if (strcasecmp(vt, "OS") == 0)
		return tri(is_os);
	if (strcasecmp(vt, "Data") == 0)
		return tri(!is_os);
	return ADC_UNKNOWN;
}

/* ADE of a disk: its own encryptionSettingsCollection or the VM's
 * settings. Either saying yes is enough; either saying no for this disk
 * settles it; and where neither says, a VM that Azure would refuse ADE
 * has none. */
static enum adc_tri
ade_covers(const struct vm_facts *f, const struct adc_disk *disk,
    bool is_os)
{
	enum adc_tri on_disk = disk != NULL ? disk->ade.enabled : ADC_UNKNOWN;
	enum adc_tri on_vm = vm_ade_covers(f->vm, is_os);

	if (on_disk == ADC_YES || on_vm == ADC_YES)
		return ADC_YES;
	if (on_disk == ADC_NO || on_vm == ADC_NO || f->ade_ruled_out)
		return ADC_NO;
	return ADC_UNKNOWN;
}

/* The ADE layer: a customer key in Key Vault (secret, KEK optional);
 * the vault must share the VM's subscription (section 6.3). */
static void
add_ade_layer(struct adc_component_layers *c, const struct vm_facts *f,
    enum adc_tri covered, const struct adc_ade *ade, const char *source)
{
	const struct adc_key_ref customer = {
		ADC_OWNER_CUSTOMER, NULL, NULL, ADC_NO
	};
	struct adc_layer *l;
	const char *vault_id, *vault_sub, *vm_sub;
	char a[128], b[128];

	unknown_if(c, covered);
	if (covered != ADC_YES)
		return;
	l = add_layer(c, ADC_LAYER_ADE, &customer, source);
	if (l == NULL)
		return;

	/* ADE takes Key Vault only, never Managed HSM (section 6.3 [DEO]):
	 * Standard or Premium when the estate holds the vault. */
	l->store = ADC_STORE_KEY_VAULT;
	if (ade->vault_sku == ADC_VAULT_STANDARD)
		l->store = ADC_STORE_KEY_VAULT_STANDARD;
	else if (ade->vault_sku == ADC_VAULT_PREMIUM)
		l->store = ADC_STORE_KEY_VAULT_PREMIUM;
	l->key_url = ade->kek_url != NULL ? ade->kek_url : ade->secret_url;
	vault_id = ade->kek_vault_id != NULL ? ade->kek_vault_id :
	    ade->secret_vault_id;
	vault_sub = adc_id_subscription(vault_id, a, sizeof(a));
	vm_sub = f->vm->subscription != NULL ? f->vm->subscription :
	    adc_id_subscription(f->vm->id, b, sizeof(b));
	l->cross_subscription = adc_ids_differ(vault_sub, vm_sub);
}

/* The ADE settings that apply to a disk: its own when it has them. */
static const struct adc_ade *
ade_of(const struct vm_facts *f, const struct adc_disk *disk)
{
	if (disk != NULL && disk->ade.enabled == ADC_YES)
		return &disk->ade;
	return &f->vm->ade;
}

/* ------------------------------------------------------------------ */
/* The components                                                      */
/* ------------------------------------------------------------------ */

static enum adc_presence
presence(enum adc_tri present)
{
	switch (present) {
	case ADC_YES:		return ADC_PRESENT_YES;
	case ADC_NO:		return ADC_PRESENT_NO;
	case ADC_UNKNOWN:	break;
	}
	return ADC_PRESENT_UNKNOWN;
}

/* Set a component's presence. Returns false when it is absent and has
 * no layers to find; an unknown presence still lists the layers that
 * would apply, and is incomplete. */
static bool
set_presence(struct adc_component_layers *c, enum adc_presence p)
{
	c->present = p;
	if (p == ADC_PRESENT_UNKNOWN)
		c->complete = false;
	return p != ADC_PRESENT_NO;
}

/* The OS disk is a managed disk unless it is ephemeral (diffDiskSettings
 * Local, section 11.3 [EPH]); a disk resource read from an export is a
 * managed disk whatever the VM's copy lacks. */
static enum adc_presence
managed_os_presence(const struct vm_facts *f)
{
	const struct adc_disk *os = f->vm->os_disk;

	if (f->ephemeral == ADC_YES)
		return ADC_PRESENT_NO;
	if (os == NULL)
		return ADC_PRESENT_UNKNOWN;
	if (f->ephemeral == ADC_NO || !os->from_vm_only)
		return ADC_PRESENT_YES;
	return ADC_PRESENT_UNKNOWN;
}

static void
disk_at_rest(struct adc_component_layers *c, const struct vm_facts *f,
    const struct adc_disk *disk, bool is_os)
{
	struct adc_key_ref k = adc_key_of_disk(disk);

	add_double_layer(c, &k);
	add_disk_key_layer(c, f, &k);
	if (is_os)
		add_confidential_disk_layer(c, f);
	add_ade_layer(c, f, ade_covers(f, disk, is_os), ade_of(f, disk),
	    ade_source(f->vm));
}

/* A host cache or the data on its way to Storage. Without encryption at
 * host, Storage's SSE covers neither (section 1 [DEO], section 2 [DE]),
 * and the v5+ size encryption never covers caches (section 17). ADE
 * encrypts before the data leaves the guest (section 1 [DEO]). */
static void
disk_on_host(struct adc_component_layers *c, const struct vm_facts *f,
    const struct adc_disk *disk, bool is_os)
{
	struct adc_key_ref k = adc_key_of_disk(disk);

	add_host_layer(c, f, &k);
	if (is_os)
		add_confidential_disk_layer(c, f);
	add_ade_layer(c, f, ade_covers(f, disk, is_os), ade_of(f, disk),
	    "DEO");
}

/* ADE reaches the temp disk with volume type All on Windows, and on
 * Linux only with EncryptFormatAll (section 6.1 [ADEWS][ADELS]). */
static enum adc_tri
temp_ade_covers(const struct vm_facts *f)
{
	const struct adc_vm *vm = f->vm;
	const char *vt = vm->ade.volume_type;

	if (vm->ade.enabled == ADC_UNKNOWN && f->ade_ruled_out)
		return ADC_NO;
	if (vm->ade.enabled != ADC_YES)
		return vm->ade.enabled;
	/* Linux: EncryptFormatAll, which formats and encrypts the data
	 * volumes, with volume type All or Data. Without the extension's
	 * settings in the export, it stays unknown. */
	if (vm->os_type == ADC_OS_LINUX) {
		if (vm->ade_format_all != ADC_YES)
			return vm->ade_format_all;
		if (vt == NULL)
			return ADC_UNKNOWN;
		return tri(strcasecmp(vt, "All") == 0 ||
		    strcasecmp(vt, "Data") == 0);
	}
	if (vm->os_type != ADC_OS_WINDOWS || vt == NULL)
		return ADC_UNKNOWN;
	return tri(strcasecmp(vt, "All") == 0);
}

static void
temp_disk(struct adc_component_layers *c, const struct vm_facts *f)
{
	/*
	 * XXX: confidential temp-disk encryption is an opt-in inside the
	 * guest (section 7.3 [CVMO]) that no export shows, so it is never
	 * listed. A confidential VM that enabled it sees its temp disk
	 * without that layer; only an in-guest probe could tell.
	 */
	if (!set_presence(c, presence(f->size.temp_disk)))
		return;
	add_local_disk_layers(c, f);
	add_ade_layer(c, f, temp_ade_covers(f), &f->vm->ade,
	    f->vm->os_type == ADC_OS_LINUX ? "ADELS" : "ADEWS");
}

/* The ephemeral OS disk lives on the host, not in Storage; ADE cannot
 * be used with it (section 6.5), confidential encryption can (7.4). */
static void
ephemeral_os(struct adc_component_layers *c, const struct vm_facts *f)
{
	if (!set_presence(c, presence(f->ephemeral)))
		return;
	add_local_disk_layers(c, f);
	add_confidential_disk_layer(c, f);
}

/* The VM guest state blob of a confidential VM: with VMGuestStateOnly
 * it alone is encrypted, with the platform key; DiskWithVMGuestState
 * binds it with the OS disk, PMK or the secure-VM DES's key (7.3, 7.4);
 * NonPersistedTPM keeps none (7.2 [CVMARM]). */
static void
guest_state(struct adc_component_layers *c, const struct vm_facts *f)
{
	struct adc_key_ref k;

	switch (f->cvm) {
	case CVM_NOT:
		/* XXX: a Trusted Launch VM keeps vTPM state too, but no
		 * disk-encryption method applies to it and the facts say
		 * nothing of its protection; it is shown as absent. A
		 * sourced fact on Trusted Launch guest state would let us
		 * list it. */
	case CVM_NON_PERSISTED:
		set_presence(c, ADC_PRESENT_NO);
		return;
	case CVM_UNKNOWN:
		set_presence(c, ADC_PRESENT_UNKNOWN);
		return;
	case CVM_MODE_UNKNOWN:
		c->complete = false;
		return;
	case CVM_VMGS_ONLY:
		add_layer(c, ADC_LAYER_CONFIDENTIAL_DISK, &adc_platform_key,
		    "CVMO");
		return;
	case CVM_DISK:
		k = adc_key_of_confidential(f->vm->os_disk);
		add_layer(c, ADC_LAYER_CONFIDENTIAL_DISK, &k, "CVMO");
		return;
	}
}

/* Confidential VMs encrypt memory with a key the CPU holds (SEV-SNP,
 * TDX; section 7 [CVMO]); nothing else here touches memory. */
static void
memory(struct adc_component_layers *c, const struct vm_facts *f)
{
	struct adc_layer *l;

	if (f->cvm == CVM_NOT)
		return;
	if (f->cvm == CVM_UNKNOWN) {
		c->complete = false;
		return;
	}
	l = add_layer(c, ADC_LAYER_CONFIDENTIAL_MEMORY, &adc_platform_key,
	    "CVMO");
	if (l != NULL)
		l->store = ADC_STORE_HARDWARE;
}

/* ------------------------------------------------------------------ */
/* The VM                                                              */
/* ------------------------------------------------------------------ */

/* What the OS disk resource says: its securityProfile.securityType
 * names the confidential mode (section 11.2 [B] mapping). */
static enum cvm_mode
disk_cvm_mode(const struct adc_disk *os)
{
	switch (os != NULL ? os->sec_type : ADC_DSEC_UNKNOWN) {
	case ADC_DSEC_NONE:
	case ADC_DSEC_TRUSTED_LAUNCH:
		return CVM_NOT;
	case ADC_DSEC_CVM_VMGS_PMK:
		return CVM_VMGS_ONLY;
	case ADC_DSEC_CVM_DISK_PMK:
	case ADC_DSEC_CVM_DISK_CMK:
		return CVM_DISK;
	case ADC_DSEC_CVM_NONPERSISTED:
		return CVM_NON_PERSISTED;
	case ADC_DSEC_UNKNOWN:
	case ADC_DSEC_OTHER:
		break;
	}
	return CVM_UNKNOWN;
}

/* The VM's own settings first, the OS disk resource where they are
 * silent. */
static enum cvm_mode
cvm_mode_of(const struct adc_vm *vm)
{
	enum cvm_mode from_disk = disk_cvm_mode(vm->os_disk);

	switch (vm->security_type) {
	case ADC_SECTYPE_STANDARD:
	case ADC_SECTYPE_TRUSTED_LAUNCH:
		return CVM_NOT;
	case ADC_SECTYPE_UNKNOWN:
	case ADC_SECTYPE_OTHER:
		return from_disk;
	case ADC_SECTYPE_CONFIDENTIAL:
		break;
	}

	switch (vm->os_sec_encryption) {
	case ADC_SECENC_VMGS_ONLY:
		return CVM_VMGS_ONLY;
	case ADC_SECENC_DISK_WITH_VMGS:
		return CVM_DISK;
	case ADC_SECENC_NON_PERSISTED_TPM:
		return CVM_NON_PERSISTED;
	case ADC_SECENC_UNKNOWN:
	case ADC_SECENC_NONE:
	case ADC_SECENC_OTHER:
		break;
	}
	return from_disk == CVM_UNKNOWN || from_disk == CVM_NOT ?
	    CVM_MODE_UNKNOWN : from_disk;
}

/* Azure refuses ADE on a VM with encryption at host (section 5 [EAHR])
 * and on a VM whose disks use a customer key through a DES (6.5
 * [ADELS][ADEWS]), so where the exports are silent about ADE such a VM
 * has none. */
static bool
ade_refused(const struct adc_vm *vm)
{
	size_t i;

	if (vm->encryption_at_host == ADC_YES)
		return true;
	if (adc_key_of_disk(vm->os_disk).owner == ADC_OWNER_CUSTOMER)
		return true;
	for (i = 0; i < vm->n_data_disks; i++) {
		if (adc_key_of_disk(vm->data_disks[i]).owner ==
		    ADC_OWNER_CUSTOMER)
			return true;
	}
	return false;
}

static void
facts_of(const struct adc_vm *vm, struct vm_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->vm = vm;
	/* An unparsable size leaves every size fact unknown. */
	if (adc_size_parse(vm->size, &f->size) != ADC_OK)
		memset(&f->size, 0, sizeof(f->size));
	f->eah = vm->encryption_at_host;
	f->ephemeral = vm->ephemeral_os;
	f->cvm = cvm_mode_of(vm);
	f->ade_ruled_out = ade_refused(vm);
}

/* "what (LUN n)", or "what #i" when the LUN is not known, truncated to
 * size. By hand: this runs for three components per data disk of every
 * VM a report shows, and printf was most of the analysis's time. */
static void
disk_label(char *buf, size_t size, const char *what,
    const struct adc_disk *disk, size_t index)
{
	char tail[32], *p = tail + sizeof(tail);
	bool lun = disk != NULL && disk->lun >= 0;
	size_t v = lun ? (size_t)disk->lun : index + 1, n, m;

	*--p = '\0';
	if (lun)
		*--p = ')';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	p -= lun ? 6 : 2;
	memcpy(p, lun ? " (LUN " : " #", lun ? 6 : 2);

	n = strlen(what);
	m = strlen(p);
	if (n > size - 1)
		n = size - 1;
	if (m > size - 1 - n)
		m = size - 1 - n;
	memcpy(buf, what, n);
	memcpy(buf + n, p, m);
	buf[n + m] = '\0';
}

/*
 * A disk has no host cache with caching None, and never as an Ultra Disk
 * ("doesn't support disk caching", learn.microsoft.com/azure/
 * virtual-machines/disks-enable-ultra-ssd) or a Premium SSD v2 ("host
 * caching isn't supported", .../disks-deploy-premium-v2).
 */
const char *
adc_no_host_cache(const struct adc_disk *disk)
{
	if (disk == NULL)
		return NULL;
	if (disk->sku == ADC_SKU_ULTRASSD_LRS)
		return "none: an Ultra Disk has no host cache";
	if (disk->sku == ADC_SKU_PREMIUMV2_LRS)
		return "none: a Premium SSD v2 has no host cache";
	if (disk->caching == ADC_CACHING_NONE)
		return "none: the disk's caching is None";
	return NULL;
}

/*
 * Whether a disk has a host cache (adc_no_host_cache). When the VM's
 * export does not give its caching, the cache may or may not exist: its
 * layers are the ones it would have, and they stay complete, since it
 * is only the cache's existence that is unknown.
 */
static bool
cache_presence(struct adc_component_layers *c, const struct adc_disk *disk)
{
	if (disk == NULL)
		return true;
	if (adc_no_host_cache(disk) != NULL) {
		c->present = ADC_PRESENT_NO;
		return false;
	}
	if (disk->caching == ADC_CACHING_READ_ONLY ||
	    disk->caching == ADC_CACHING_READ_WRITE)
		c->present = ADC_PRESENT_YES;
	else
		c->present = ADC_PRESENT_UNKNOWN;
	return true;
}

/* One component per data disk for a kind: at rest, cache, transit. */
static size_t
add_per_disk(struct adc_component_layers *cs, size_t i,
    const struct vm_facts *f, enum adc_component comp, const char *what)
{
	const struct adc_vm *vm = f->vm;
	char label[48];
	size_t d;

	for (d = 0; d < vm->n_data_disks; d++) {
		const struct adc_disk *disk = vm->data_disks[d];
		struct adc_component_layers *c = &cs[i++];

		disk_label(label, sizeof(label), what, disk, d);
		init_component(c, comp, label, disk);
		c->disk_index = 1 + d;
		if (disk == NULL)
			set_presence(c, ADC_PRESENT_UNKNOWN);
		if (comp == ADC_COMP_DATA_DISK)
			disk_at_rest(c, f, disk, false);
		else if (comp == ADC_COMP_TRANSIT || cache_presence(c, disk))
			disk_on_host(c, f, disk, false);
	}
	return i;
}

/* The OS disk's part of a per-disk kind. */
static void
add_os_part(struct adc_component_layers *c, const struct vm_facts *f,
    enum adc_component comp, const char *label)
{
	const struct adc_disk *os = f->vm->os_disk;

	init_component(c, comp, label, os);
	if (!set_presence(c, managed_os_presence(f)))
		return;
	if (comp == ADC_COMP_OS_DISK)
		disk_at_rest(c, f, os, true);
	else if (comp == ADC_COMP_TRANSIT || c->present != ADC_PRESENT_YES ||
	    cache_presence(c, os))
		disk_on_host(c, f, os, true);
}

/* Components in the order of enum adc_component; per-disk kinds list
 * the OS disk's first, then the data disks in the VM's order. */
static void
fill_components(const struct vm_facts *f, struct adc_analysis *a)
{
	struct adc_component_layers *cs = a->components;
	size_t i = 0;

	add_os_part(&cs[i++], f, ADC_COMP_OS_DISK, "OS disk");
	i = add_per_disk(cs, i, f, ADC_COMP_DATA_DISK, "data disk");

	init_component(&cs[i], ADC_COMP_TEMP_DISK, "temp disk", NULL);
	temp_disk(&cs[i++], f);

	add_os_part(&cs[i++], f, ADC_COMP_HOST_CACHE, "host cache (OS disk)");
	i = add_per_disk(cs, i, f, ADC_COMP_HOST_CACHE, "host cache");

	init_component(&cs[i], ADC_COMP_EPHEMERAL_OS, "ephemeral OS disk",
	    NULL);
	ephemeral_os(&cs[i++], f);

	init_component(&cs[i], ADC_COMP_VMGS, "VM guest state", NULL);
	guest_state(&cs[i++], f);

	add_os_part(&cs[i++], f, ADC_COMP_TRANSIT, "transit (OS disk)");
	i = add_per_disk(cs, i, f, ADC_COMP_TRANSIT, "transit");

	init_component(&cs[i], ADC_COMP_MEMORY, "memory in use", NULL);
	memory(&cs[i++], f);
	a->n_components = i;
}

enum adc_status
adc_analyse_vm(const struct adc_vm *vm, struct adc_analysis *out,
    struct adc_diag *diag)
{
	struct vm_facts f;
	size_t n;

	if (out == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no analysis to fill");
	memset(out, 0, sizeof(*out));
	if (vm == NULL || (vm->n_data_disks > 0 && vm->data_disks == NULL))
		return adc_diag_set(diag, ADC_EINVAL, "no VM to analyse");
	if (vm->n_data_disks > 4096)
		return adc_diag_set(diag, ADC_ELIMIT,
		    "%zu data disks on one VM is more than Azure allows",
		    vm->n_data_disks);

	/* Per VM: OS disk, temp disk, ephemeral OS, guest state, memory,
	 * and the OS disk's cache and transit; three per data disk. */
	n = 7 + 3 * vm->n_data_disks;
	/* Not zeroed here: fill_components sets all n, each with
	 * init_component, which zeroes it. */
	out->components = malloc(n * sizeof(*out->components));
	if (out->components == NULL)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");

	facts_of(vm, &f);
	out->vm = vm;
	fill_components(&f, out);
	return ADC_OK;
}

void
adc_analysis_free(struct adc_analysis *analysis)
{
	if (analysis == NULL)
		return;
	free(analysis->components);
	memset(analysis, 0, sizeof(*analysis));
}
