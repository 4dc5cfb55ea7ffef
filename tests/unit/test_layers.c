/* SPDX-License-Identifier: MIT */
/*
 * test_layers.c: the layers of every component, for every catalogue
 * entry and for hand-built VMs. Each expectation below is written from
 * azure-facts (sections 1-7, 17) and PRODUCT.md, in a short notation:
 * layers outermost first, joined by " + ", each KIND/OWNER/STORE with a
 * trailing "!" when disputed. "" is a present component with no layer,
 * "none" an absent one, "?" prefixes an incomplete component.
 */
#include "tap.h"

#include "adc.h"

static const char *
kind_code(enum adc_layer_kind k)
{
	switch (k) {
	case ADC_LAYER_SSE_PMK:		return "SSE_PMK";
	case ADC_LAYER_SSE_CMK:		return "SSE_CMK";
	case ADC_LAYER_DOUBLE_PMK:	return "DOUBLE";
	case ADC_LAYER_EAH:		return "EAH";
	case ADC_LAYER_ADE:		return "ADE";
	case ADC_LAYER_CONFIDENTIAL_DISK: return "CVM_DISK";
	case ADC_LAYER_CONFIDENTIAL_MEMORY: return "CVM_MEM";
	case ADC_LAYER_SIZE_TEMP:	return "SIZE";
	}
	return "BAD";
}

static const char *
store_code(enum adc_key_store s)
{
	switch (s) {
	case ADC_STORE_UNKNOWN:		return "?";
	case ADC_STORE_PLATFORM:	return "plat";
	case ADC_STORE_KEY_VAULT:	return "kv";
	case ADC_STORE_KEY_VAULT_STANDARD: return "kv-std";
	case ADC_STORE_KEY_VAULT_PREMIUM: return "kv-prem";
	case ADC_STORE_MANAGED_HSM:	return "mhsm";
	case ADC_STORE_HARDWARE:	return "hw";
	}
	return "BAD";
}

/* The notation of one component, as described at the top. */
static const char *
describe(const struct adc_component_layers *c)
{
	static char out[256];
	size_t i, n = 0;

	out[0] = '\0';
	if (c->present == ADC_PRESENT_NO)
		return c->complete ? "none" : "?none";
	if (!c->complete)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "?");
	if (c->present == ADC_PRESENT_UNKNOWN)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "present? ");
	for (i = 0; i < c->n_layers; i++) {
		const struct adc_layer *l = &c->layers[i];

		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s/%s/%s%s",
		    i > 0 ? " + " : "", kind_code(l->kind),
		    l->owner == ADC_OWNER_PLATFORM ? "P" :
		    l->owner == ADC_OWNER_CUSTOMER ? "C" : "?",
		    store_code(l->store), l->disputed ? "!" : "");
	}
	return out;
}

static const struct adc_component_layers *
find(const struct adc_analysis *a, const char *label)
{
	size_t i;

	for (i = 0; i < a->n_components; i++) {
		if (strcmp(a->components[i].label, label) == 0)
			return &a->components[i];
	}
	return NULL;
}

/* Check one component of an analysis against its notation. */
static void
expect(const struct adc_analysis *a, const char *who, const char *label,
    const char *want)
{
	const struct adc_component_layers *c = find(a, label);
	char what[160];

	snprintf(what, sizeof(what), "%s: %s", who, label);
	STR_EQ(c != NULL ? describe(c) : "(missing)", want, what);
}

/* ------------------------------------------------------------------ */
/* The catalogue                                                       */
/* ------------------------------------------------------------------ */

struct comp_want {
	const char *label;
	const char *want;
};

struct scenario_want {
	const char *id;
	size_t n_components;
	struct comp_want comps[11];
};

/* VM01-VM04 run on Standard_D2ds_v4: a temp disk, no v5 encryption.
 * The confidential entries run on Standard_DC2as_v5: no temp disk. */
static const struct scenario_want catalogue_wants[] = {
	/* SSE leaves temp disk and caches unencrypted and transit is no
	 * layer's (section 1 [DEO], section 2 [DE]). */
	{ "VM01", 7, {
		{ "OS disk", "SSE_PMK/P/plat" },
		{ "temp disk", "" },
		{ "host cache (OS disk)", "" },
		{ "ephemeral OS disk", "none" },
		{ "VM guest state", "none" },
		{ "transit (OS disk)", "" },
		{ "memory in use", "" } } },
	{ "VM02", 7, {
		{ "OS disk", "SSE_CMK/C/kv-std" },
		{ "temp disk", "" },
		{ "host cache (OS disk)", "" },
		{ "transit (OS disk)", "" },
		{ "memory in use", "" } } },
	/* EAH replaces SSE with the disk's key; the temp disk always gets
	 * the platform key, caches the disk's key (section 5 [DE]). */
	{ "VM03", 7, {
		{ "OS disk", "EAH/P/plat" },
		{ "temp disk", "EAH/P/plat" },
		{ "host cache (OS disk)", "EAH/P/plat" },
		{ "transit (OS disk)", "EAH/P/plat" },
		{ "VM guest state", "none" } } },
	{ "VM04", 7, {
		{ "OS disk", "EAH/C/kv-std" },
		{ "temp disk", "EAH/P/plat" },
		{ "host cache (OS disk)", "EAH/C/kv-std" },
		{ "transit (OS disk)", "EAH/C/kv-std" } } },
	/* VMGuestStateOnly: guest state with PMK, OS disk SSE only (7.3). */
	{ "VM05", 7, {
		{ "OS disk", "SSE_PMK/P/plat" },
		{ "temp disk", "none" },
		{ "host cache (OS disk)", "" },
		{ "ephemeral OS disk", "none" },
		{ "VM guest state", "CVM_DISK/P/plat" },
		{ "transit (OS disk)", "" },
		{ "memory in use", "CVM_MEM/P/hw" } } },
	/* DiskWithVMGuestState binds OS disk and guest state to the vTPM;
	 * Storage's SSE stays under it (7.3, 11.2). */
	{ "VM06", 7, {
		{ "OS disk", "SSE_PMK/P/plat + CVM_DISK/P/plat" },
		{ "temp disk", "none" },
		{ "host cache (OS disk)", "CVM_DISK/P/plat" },
		{ "VM guest state", "CVM_DISK/P/plat" },
		{ "transit (OS disk)", "CVM_DISK/P/plat" },
		{ "memory in use", "CVM_MEM/P/hw" } } },
	/* The confidential DES's key sits in a Premium vault (7.4). */
	{ "VM07", 7, {
		{ "OS disk", "SSE_PMK/P/plat + CVM_DISK/C/kv-prem" },
		{ "host cache (OS disk)", "CVM_DISK/C/kv-prem" },
		{ "VM guest state", "CVM_DISK/C/kv-prem" },
		{ "memory in use", "CVM_MEM/P/hw" } } },
	/* Confidential encryption covers the OS disk only (7.3 [DEO]).
	 * az vm create leaves a data disk's caching at None (the recorded
	 * vm show of azure-cli's test_disk_encryption_set): its host
	 * cache is absent in every entry with a data disk. */
	{ "VM08", 10, {
		{ "OS disk", "SSE_PMK/P/plat + CVM_DISK/C/kv-prem" },
		{ "data disk (LUN 0)", "SSE_CMK/C/kv-std" },
		{ "host cache (LUN 0)", "none" },
		{ "transit (LUN 0)", "" },
		{ "VM guest state", "CVM_DISK/C/kv-prem" } } },
	{ "VM09", 7, {
		{ "OS disk", "EAH/P/plat + CVM_DISK/C/kv-prem" },
		{ "temp disk", "none" },
		{ "host cache (OS disk)", "EAH/P/plat + CVM_DISK/C/kv-prem" },
		{ "transit (OS disk)", "EAH/P/plat + CVM_DISK/C/kv-prem" } } },
	{ "VM10", 10, {
		{ "OS disk", "EAH/P/plat + CVM_DISK/C/kv-prem" },
		{ "data disk (LUN 0)", "EAH/C/kv-std" },
		{ "host cache (LUN 0)", "none" },
		{ "host cache (OS disk)", "EAH/P/plat + CVM_DISK/C/kv-prem" },
		{ "transit (LUN 0)", "EAH/C/kv-std" },
		{ "temp disk", "none" },
		{ "VM guest state", "CVM_DISK/C/kv-prem" },
		{ "memory in use", "CVM_MEM/P/hw" } } },
	/* Disk entries ride on a VM01. Double encryption: two layers, the
	 * extra platform one outermost (section 4). */
	{ "disk01", 10, {
		{ "data disk (LUN 0)", "SSE_PMK/P/plat" },
		{ "host cache (OS disk)", "" },
		{ "host cache (LUN 0)", "none" } } },
	{ "disk02", 10, {
		{ "data disk (LUN 0)", "SSE_CMK/C/kv-std" } } },
	{ "disk03", 10, {
		{ "data disk (LUN 0)", "DOUBLE/P/plat + SSE_CMK/C/kv-std" },
		{ "host cache (LUN 0)", "none" } } },
};

static void
test_catalogue(void)
{
	struct adc_scenario_vm built;
	struct adc_analysis a;
	size_t i, j, n;

	adc_scenarios(&n);
	INT_EQ(n, sizeof(catalogue_wants) / sizeof(catalogue_wants[0]),
	    "every catalogue entry has expectations");
	for (i = 0; i < sizeof(catalogue_wants) / sizeof(catalogue_wants[0]);
	    i++) {
		const struct scenario_want *sw = &catalogue_wants[i];
		const struct adc_scenario *s = adc_scenario_find(sw->id);

		OK(s != NULL, sw->id);
		if (s == NULL)
			continue;
		INT_EQ(adc_scenario_build(s, &built), ADC_OK, "build");
		INT_EQ(adc_analyse_vm(&built.vm, &a, NULL), ADC_OK, sw->id);
		INT_EQ(a.n_components, sw->n_components, sw->id);
		for (j = 0; j < 11 && sw->comps[j].label != NULL; j++)
			expect(&a, sw->id, sw->comps[j].label,
			    sw->comps[j].want);
		adc_analysis_free(&a);
	}
}

/* ------------------------------------------------------------------ */
/* Hand-built VMs                                                      */
/* ------------------------------------------------------------------ */

struct rig {
	struct adc_vm	 vm;
	struct adc_disk	 os;
	struct adc_disk	 data;
	struct adc_disk	*data_ptrs[1];
	struct adc_des	 des;
	struct adc_vault vault;
};

/* A plain, fully known VM: every setting off, platform keys. */
static void
rig_init(struct rig *r, const char *size)
{
	memset(r, 0, sizeof(*r));
	r->vm.subscription = "sub-a";
	r->vm.size = size;
	r->vm.os_type = ADC_OS_LINUX;
	r->vm.security_type = ADC_SECTYPE_STANDARD;
	r->vm.encryption_at_host = ADC_NO;
	r->vm.ephemeral_os = ADC_NO;
	r->vm.ade.enabled = ADC_NO;
	r->vm.os_disk = &r->os;
	r->os.role = ADC_ROLE_OS;
	r->os.lun = -1;
	r->os.caching = ADC_CACHING_READ_WRITE;
	r->os.enc_type = ADC_ENC_PLATFORM;
	r->os.ade.enabled = ADC_NO;
	r->os.sec_type = ADC_DSEC_NONE;
}

static void
rig_add_data(struct rig *r, enum adc_enc_type type)
{
	r->data.role = ADC_ROLE_DATA;
	r->data.lun = 0;
	r->data.caching = ADC_CACHING_READ_ONLY;
	r->data.enc_type = type;
	r->data.ade.enabled = ADC_NO;
	r->data_ptrs[0] = &r->data;
	r->vm.data_disks = r->data_ptrs;
	r->vm.n_data_disks = 1;
}

/* A customer key behind a DES whose vault is linked. */
static void
rig_des(struct rig *r, struct adc_disk *disk, enum adc_enc_type type,
    enum adc_vault_sku sku)
{
	r->des.id = "/subscriptions/sub-a/resourceGroups/g/providers/"
	    "Microsoft.Compute/diskEncryptionSets/des";
	r->des.subscription = "sub-a";
	r->des.tenant = "tenant-a";
	r->des.type = type;
	r->des.key_url = "https://kv.vault.azure.net/keys/k/1";
	r->des.vault = &r->vault;
	r->vault.subscription = "sub-a";
	r->vault.tenant = "tenant-a";
	r->vault.sku = sku;
	disk->enc_type = type;
	disk->des_id = r->des.id;
	disk->des = &r->des;
}

static void
analyse(const struct rig *r, struct adc_analysis *a, const char *what)
{
	INT_EQ(adc_analyse_vm(&r->vm, a, NULL), ADC_OK, what);
}

/* A v5 size with a temp disk encrypts it itself ([C], disputed), never
 * the caches (section 17); EAH adds its platform layer under it. */
static void
test_v5_temp_disk(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2ds_v5");
	analyse(&r, &a, "v5 with temp disk");
	expect(&a, "D2ds_v5", "temp disk", "SIZE/P/plat!");
	expect(&a, "D2ds_v5", "host cache (OS disk)", "");
	adc_analysis_free(&a);

	r.vm.encryption_at_host = ADC_YES;
	rig_des(&r, &r.os, ADC_ENC_CUSTOMER, ADC_VAULT_PREMIUM);
	analyse(&r, &a, "v5 with EAH and CMK");
	expect(&a, "D2ds_v5+EAH", "temp disk", "SIZE/P/plat! + EAH/P/plat");
	expect(&a, "D2ds_v5+EAH", "host cache (OS disk)", "EAH/C/kv-prem");
	expect(&a, "D2ds_v5+EAH", "OS disk", "EAH/C/kv-prem");
	adc_analysis_free(&a);
}

/* A disk has a host cache unless its caching is None or it is an Ultra
 * Disk or a Premium SSD v2, which support no caching (Microsoft Learn:
 * disks-enable-ultra-ssd, disks-deploy-premium-v2). With caching not
 * in the export, the cache may exist: its layers are known, its
 * presence is not. Transit does not depend on the cache. */
static void
test_host_cache_presence(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2s_v5");
	rig_add_data(&r, ADC_ENC_PLATFORM);
	r.vm.encryption_at_host = ADC_YES;
	r.os.caching = ADC_CACHING_NONE;
	r.data.caching = ADC_CACHING_READ_WRITE;
	analyse(&r, &a, "caching None on the OS disk");
	expect(&a, "OS None", "host cache (OS disk)", "none");
	expect(&a, "OS None", "transit (OS disk)", "EAH/P/plat");
	expect(&a, "OS None", "host cache (LUN 0)", "EAH/P/plat");
	adc_analysis_free(&a);

	r.os.caching = ADC_CACHING_READ_ONLY;
	r.data.sku = ADC_SKU_ULTRASSD_LRS;
	analyse(&r, &a, "an Ultra Disk");
	expect(&a, "Ultra", "host cache (OS disk)", "EAH/P/plat");
	expect(&a, "Ultra", "host cache (LUN 0)", "none");
	expect(&a, "Ultra", "transit (LUN 0)", "EAH/P/plat");
	adc_analysis_free(&a);

	r.data.sku = ADC_SKU_PREMIUMV2_LRS;
	r.data.caching = ADC_CACHING_UNKNOWN;
	analyse(&r, &a, "a Premium SSD v2");
	expect(&a, "PremiumV2", "host cache (LUN 0)", "none");
	adc_analysis_free(&a);

	r.data.sku = ADC_SKU_PREMIUM_LRS;
	r.os.caching = ADC_CACHING_UNKNOWN;
	r.data.caching = ADC_CACHING_OTHER;
	analyse(&r, &a, "caching unknown");
	expect(&a, "unknown", "host cache (OS disk)", "present? EAH/P/plat");
	expect(&a, "unknown", "host cache (LUN 0)", "present? EAH/P/plat");
	adc_analysis_free(&a);

	r.vm.encryption_at_host = ADC_NO;
	analyse(&r, &a, "caching unknown, no EAH");
	expect(&a, "unknown, no EAH", "host cache (OS disk)", "present? ");
	adc_analysis_free(&a);
}

/* No temp disk is "none", not unencrypted; an unknown family is
 * unknown (PRODUCT.md "Temp disk presence"). */
static void
test_temp_presence(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2s_v5");
	analyse(&r, &a, "no temp disk");
	expect(&a, "D2s_v5", "temp disk", "none");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_L8s_v3");
	analyse(&r, &a, "unknown family");
	expect(&a, "L8s_v3", "temp disk", "?present? ");
	adc_analysis_free(&a);

	rig_init(&r, NULL);
	analyse(&r, &a, "no size");
	expect(&a, "no size", "temp disk", "?present? ");
	adc_analysis_free(&a);
}

/* Double encryption with EAH: the platform layer stays, the host layer
 * replaces Storage's CMK layer (PRODUCT.md; section 4). */
static void
test_double_with_eah(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2ds_v4");
	rig_add_data(&r, ADC_ENC_PLATFORM);
	rig_des(&r, &r.data, ADC_ENC_DOUBLE, ADC_VAULT_STANDARD);
	r.vm.encryption_at_host = ADC_YES;
	analyse(&r, &a, "double with EAH");
	expect(&a, "double+EAH", "data disk (LUN 0)",
	    "DOUBLE/P/plat + EAH/C/kv-std");
	expect(&a, "double+EAH", "host cache (LUN 0)", "EAH/C/kv-std");
	expect(&a, "double+EAH", "OS disk", "EAH/P/plat");
	expect(&a, "double+EAH", "temp disk", "EAH/P/plat");
	adc_analysis_free(&a);
}

/* Unknown settings are never taken as off. */
static void
test_unknowns(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2ds_v4");
	r.vm.encryption_at_host = ADC_UNKNOWN;
	analyse(&r, &a, "EAH unknown");
	expect(&a, "EAH?", "OS disk", "?SSE_PMK/P/plat");
	expect(&a, "EAH?", "temp disk", "?");
	expect(&a, "EAH?", "host cache (OS disk)", "?");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_D2ds_v4");
	r.vm.ade.enabled = ADC_UNKNOWN;
	r.os.ade.enabled = ADC_UNKNOWN;
	analyse(&r, &a, "ADE unknown");
	expect(&a, "ADE?", "OS disk", "?SSE_PMK/P/plat");
	adc_analysis_free(&a);

	/* Azure refuses ADE with EAH (section 5 [EAHR]) and on VMs whose
	 * disks use a customer key (6.5): silence about ADE means none. */
	r.vm.encryption_at_host = ADC_YES;
	analyse(&r, &a, "ADE unknown, EAH on");
	expect(&a, "ADE?+EAH", "OS disk", "EAH/P/plat");
	expect(&a, "ADE?+EAH", "temp disk", "EAH/P/plat");
	adc_analysis_free(&a);

	r.vm.encryption_at_host = ADC_NO;
	rig_add_data(&r, ADC_ENC_PLATFORM);
	r.data.ade.enabled = ADC_UNKNOWN;
	rig_des(&r, &r.data, ADC_ENC_CUSTOMER, ADC_VAULT_STANDARD);
	analyse(&r, &a, "ADE unknown, a customer key");
	expect(&a, "ADE?+CMK", "OS disk", "SSE_PMK/P/plat");
	expect(&a, "ADE?+CMK", "data disk (LUN 0)", "SSE_CMK/C/kv-std");
	expect(&a, "ADE?+CMK", "temp disk", "");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_D2ds_v4");
	r.vm.security_type = ADC_SECTYPE_UNKNOWN;
	r.os.sec_type = ADC_DSEC_UNKNOWN;
	analyse(&r, &a, "security type unknown");
	expect(&a, "sectype?", "VM guest state", "?present? ");
	expect(&a, "sectype?", "memory in use", "?");
	expect(&a, "sectype?", "OS disk", "?SSE_PMK/P/plat");
	adc_analysis_free(&a);

	/* A DES id without the DES: a customer key, store and double
	 * encryption unknown. */
	rig_init(&r, "Standard_D2ds_v4");
	r.os.enc_type = ADC_ENC_UNKNOWN;
	r.os.des_id = "/subscriptions/s/resourceGroups/g/providers/"
	    "Microsoft.Compute/diskEncryptionSets/elsewhere";
	analyse(&r, &a, "DES not linked");
	expect(&a, "DES?", "OS disk", "?SSE_CMK/C/?");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_D2ds_v4");
	r.os.enc_type = ADC_ENC_UNKNOWN;
	analyse(&r, &a, "disk key unknown");
	expect(&a, "key?", "OS disk", "?");
	adc_analysis_free(&a);
}

/* Managed HSM by the key URL's host; other subscription and tenant from
 * the linked vault (section 3.3, section 17). */
static void
test_key_store_and_cross(void)
{
	struct rig r;
	struct adc_analysis a;
	const struct adc_component_layers *c;

	rig_init(&r, "Standard_D2ds_v4");
	rig_des(&r, &r.os, ADC_ENC_CUSTOMER, ADC_VAULT_UNKNOWN);
	r.des.vault = NULL;
	r.des.key_url = "https://hsm1.ManagedHSM.azure.net:443/keys/k/1";
	analyse(&r, &a, "managed HSM");
	expect(&a, "mhsm", "OS disk", "SSE_CMK/C/mhsm");
	c = find(&a, "OS disk");
	INT_EQ(c->layers[0].cross_subscription, ADC_UNKNOWN,
	    "no vault linked: cross-subscription unknown");
	INT_EQ(c->layers[0].cross_tenant, ADC_UNKNOWN,
	    "no vault linked: cross-tenant unknown");
	STR_EQ(c->layers[0].des_id, r.des.id, "the layer names its DES");
	STR_EQ(c->layers[0].source, "DE", "source key");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_D2ds_v4");
	rig_des(&r, &r.os, ADC_ENC_CUSTOMER, ADC_VAULT_PREMIUM);
	r.vault.subscription = "SUB-B";
	r.vault.tenant = "tenant-b";
	analyse(&r, &a, "vault elsewhere");
	c = find(&a, "OS disk");
	INT_EQ(c->layers[0].cross_subscription, ADC_YES, "other subscription");
	INT_EQ(c->layers[0].cross_tenant, ADC_YES, "other tenant");
	adc_analysis_free(&a);

	r.vault.subscription = "SUB-A";
	r.vault.tenant = "tenant-a";
	analyse(&r, &a, "vault beside");
	c = find(&a, "OS disk");
	INT_EQ(c->layers[0].cross_subscription, ADC_NO,
	    "same subscription, compared without case");
	INT_EQ(c->layers[0].cross_tenant, ADC_NO, "same tenant");
	adc_analysis_free(&a);
}

/* An ephemeral OS disk is not a managed disk at rest; EAH encrypts it
 * with the platform key, v5+ sizes by themselves (5, 17). */
static void
test_ephemeral(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_D2ds_v5");
	r.vm.ephemeral_os = ADC_YES;
	r.vm.encryption_at_host = ADC_YES;
	analyse(&r, &a, "ephemeral OS");
	expect(&a, "ephemeral", "OS disk", "none");
	expect(&a, "ephemeral", "host cache (OS disk)", "none");
	expect(&a, "ephemeral", "ephemeral OS disk",
	    "SIZE/P/plat! + EAH/P/plat");
	adc_analysis_free(&a);

	rig_init(&r, "Standard_D2ds_v4");
	r.vm.ephemeral_os = ADC_YES;
	analyse(&r, &a, "ephemeral OS, v4, no EAH");
	expect(&a, "ephemeral v4", "ephemeral OS disk", "");
	adc_analysis_free(&a);
}

/* ADE: OS and data volumes in the guest with a customer key in Key
 * Vault; the temp disk only with volume type All on Windows; ADE of
 * the OS volume alone leaves the data disk's cache clear (6.1, 6.4). */
static void
test_ade(void)
{
	struct rig r;
	struct adc_analysis a;
	const struct adc_component_layers *c;

	rig_init(&r, "Standard_D2ds_v4");
	rig_add_data(&r, ADC_ENC_PLATFORM);
	r.vm.os_type = ADC_OS_WINDOWS;
	r.vm.ade.enabled = ADC_YES;
	r.vm.ade.volume_type = "All";
	r.os.ade.enabled = ADC_UNKNOWN;
	r.data.ade.enabled = ADC_UNKNOWN;
	analyse(&r, &a, "ADE All on Windows");
	expect(&a, "ADE All", "OS disk", "SSE_PMK/P/plat + ADE/C/kv");
	expect(&a, "ADE All", "data disk (LUN 0)",
	    "SSE_PMK/P/plat + ADE/C/kv");
	expect(&a, "ADE All", "temp disk", "ADE/C/kv");
	expect(&a, "ADE All", "host cache (OS disk)", "ADE/C/kv");
	expect(&a, "ADE All", "transit (LUN 0)", "ADE/C/kv");
	adc_analysis_free(&a);

	/* ADE's vault must share the VM's subscription (section 6.3). */
	r.vm.ade.kek_vault_id = "/subscriptions/SUB-B/resourceGroups/g/"
	    "providers/Microsoft.KeyVault/vaults/kv";
	r.vm.ade.kek_url = "https://kv.vault.azure.net/keys/kek/1";
	analyse(&r, &a, "ADE vault elsewhere");
	c = find(&a, "OS disk");
	INT_EQ(c->layers[1].cross_subscription, ADC_YES,
	    "ADE vault in another subscription than the VM");
	STR_EQ(c->layers[1].key_url, r.vm.ade.kek_url, "ADE names its KEK");
	adc_analysis_free(&a);

	/* With its vault linked, the store has the vault's SKU. */
	r.vm.ade.vault_sku = ADC_VAULT_PREMIUM;
	analyse(&r, &a, "ADE vault linked, Premium");
	expect(&a, "ADE Premium", "OS disk", "SSE_PMK/P/plat + ADE/C/kv-prem");
	expect(&a, "ADE Premium", "temp disk", "ADE/C/kv-prem");
	adc_analysis_free(&a);
	r.vm.ade.vault_sku = ADC_VAULT_STANDARD;
	analyse(&r, &a, "ADE vault linked, Standard");
	expect(&a, "ADE Standard", "host cache (OS disk)", "ADE/C/kv-std");
	adc_analysis_free(&a);
	r.vm.ade.vault_sku = ADC_VAULT_UNKNOWN;
	analyse(&r, &a, "ADE vault linked, SKU unknown");
	expect(&a, "ADE SKU unknown", "OS disk", "SSE_PMK/P/plat + ADE/C/kv");
	adc_analysis_free(&a);

	r.vm.ade.volume_type = "OS";
	analyse(&r, &a, "ADE OS on Windows");
	expect(&a, "ADE OS", "temp disk", "");
	expect(&a, "ADE OS", "host cache (OS disk)", "ADE/C/kv");
	expect(&a, "ADE OS", "host cache (LUN 0)", "");
	adc_analysis_free(&a);

	/* Data volumes only (Linux can): the OS disk's cache is clear. */
	r.vm.os_type = ADC_OS_LINUX;
	r.vm.ade.volume_type = "Data";
	analyse(&r, &a, "ADE Data on Linux");
	expect(&a, "ADE Data", "host cache (OS disk)", "");
	expect(&a, "ADE Data", "host cache (LUN 0)", "ADE/C/kv");
	expect(&a, "ADE Data", "temp disk", "?");
	adc_analysis_free(&a);

	/* Linux reaches the temp disk only with EncryptFormatAll (6.1
	 * [ADELS]), which the extension asks for as EncryptionOperation
	 * EnableEncryptionFormatAll. */
	r.vm.ade_format_all = ADC_YES;
	analyse(&r, &a, "ADE Data with EncryptFormatAll on Linux");
	expect(&a, "ADE Data+FormatAll", "temp disk", "ADE/C/kv");
	adc_analysis_free(&a);
	r.vm.ade.volume_type = "OS";
	analyse(&r, &a, "ADE OS with EncryptFormatAll on Linux");
	expect(&a, "ADE OS+FormatAll", "temp disk", "");
	adc_analysis_free(&a);
	r.vm.ade.volume_type = "All";
	r.vm.ade_format_all = ADC_NO;
	analyse(&r, &a, "ADE All without EncryptFormatAll on Linux");
	expect(&a, "ADE All, no FormatAll", "temp disk", "");
	adc_analysis_free(&a);
}

/* NonPersistedTPM keeps no guest state and no OS disk encryption; the
 * memory is still confidential (7.2). */
static void
test_non_persisted_tpm(void)
{
	struct rig r;
	struct adc_analysis a;

	rig_init(&r, "Standard_DC4es_v5");
	r.vm.security_type = ADC_SECTYPE_CONFIDENTIAL;
	r.vm.os_sec_encryption = ADC_SECENC_NON_PERSISTED_TPM;
	r.os.sec_type = ADC_DSEC_CVM_NONPERSISTED;
	analyse(&r, &a, "NonPersistedTPM");
	expect(&a, "NPTPM", "VM guest state", "none");
	expect(&a, "NPTPM", "OS disk", "SSE_PMK/P/plat");
	expect(&a, "NPTPM", "memory in use", "CVM_MEM/P/hw");
	adc_analysis_free(&a);

	/* Confidential, but the encryption type is not known. */
	r.vm.os_sec_encryption = ADC_SECENC_UNKNOWN;
	r.os.sec_type = ADC_DSEC_UNKNOWN;
	analyse(&r, &a, "confidential, type unknown");
	expect(&a, "CVM?", "VM guest state", "?");
	expect(&a, "CVM?", "OS disk", "?SSE_PMK/P/plat");
	expect(&a, "CVM?", "memory in use", "CVM_MEM/P/hw");
	adc_analysis_free(&a);
}

static void
test_arguments_and_names(void)
{
	struct adc_analysis a;
	struct adc_diag d;

	adc_diag_init(&d, NULL);
	INT_EQ(adc_analyse_vm(NULL, &a, &d), ADC_EINVAL, "NULL VM");
	INT_EQ(d.status, ADC_EINVAL, "NULL VM fills the diag");
	INT_EQ(a.n_components, 0, "nothing to free after a failure");
	adc_analysis_free(&a);
	adc_analysis_free(NULL);

	STR_EQ(adc_component_name(ADC_COMP_TEMP_DISK), "temp_disk", "name");
	STR_EQ(adc_layer_name(ADC_LAYER_DOUBLE_PMK), "double_pmk", "name");
	STR_EQ(adc_layer_name(ADC_LAYER_SIZE_TEMP), "size_family", "name");
	STR_EQ(adc_key_owner_name(ADC_OWNER_CUSTOMER), "customer", "name");
	STR_EQ(adc_key_store_name(ADC_STORE_MANAGED_HSM), "managed_hsm",
	    "name");
}

int
main(void)
{
	test_catalogue();
	test_v5_temp_disk();
	test_temp_presence();
	test_host_cache_presence();
	test_double_with_eah();
	test_unknowns();
	test_key_store_and_cross();
	test_ephemeral();
	test_ade();
	test_non_persisted_tpm();
	test_arguments_and_names();
	return tap_done();
}
