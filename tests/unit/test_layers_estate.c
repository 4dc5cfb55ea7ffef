/* SPDX-License-Identifier: MIT */
/*
 * test_layers_estate.c: the layers of VMs read from real az recordings
 * (shared fixtures), linked as an estate. Only what the recordings and
 * the facts settle is asserted: the importer's reading of absent fields
 * is its own tests' business.
 */
#include <fcntl.h>
#include <unistd.h>

#include "adc.h"
#include "tap.h"

#define REC "azure/cli-recordings/"

static struct adc_estate *
load(const char *const *names)
{
	struct adc_estate *est = adc_estate_new();
	struct adc_diag diag;
	int fd;

	for (; *names != NULL; names++) {
		const char *path = tap_fixture(*names);

		adc_diag_init(&diag, path);
		fd = open(path, O_RDONLY);
		if (fd < 0 || adc_estate_read_fd(est, fd, path, &diag) !=
		    ADC_OK) {
			printf("# %s: %s\n", path, diag.msg);
			if (fd >= 0)
				close(fd);
			adc_estate_free(est);
			return NULL;
		}
		close(fd);
	}
	if (adc_estate_link(est, &diag) != ADC_OK || est->n_vms != 1) {
		adc_estate_free(est);
		return NULL;
	}
	return est;
}

static const struct adc_component_layers *
find(const struct adc_analysis *a, enum adc_component comp)
{
	size_t i;

	for (i = 0; i < a->n_components; i++) {
		if (a->components[i].component == comp)
			return &a->components[i];
	}
	return NULL;
}

/* The layer at index i (negative: from the end) is kind, with owner. */
static int
layer_is(const struct adc_component_layers *c, int i,
    enum adc_layer_kind kind, enum adc_key_owner owner)
{
	size_t at;

	if (c == NULL || c->n_layers == 0)
		return 0;
	at = i >= 0 ? (size_t)i : c->n_layers - (size_t)-i;
	return at < c->n_layers && c->layers[at].kind == kind &&
	    c->layers[at].owner == owner;
}

/* A confidential VM on Standard_DC2as_v5 with DiskWithVMGuestState and a
 * secure-VM DES that is not in the input (sections 7.3, 7.4, 17). */
static void
test_confidential(void)
{
	static const char *const files[] = {
		REC "test_os_disk_security_encryption.vm_get_instanceview.json",
		NULL
	};
	struct adc_estate *est = load(files);
	struct adc_analysis a;
	const struct adc_component_layers *c;

	OK(est != NULL, "confidential VM recording loads");
	if (est == NULL)
		return;
	INT_EQ(adc_analyse_vm(est->vms[0], &a, NULL), ADC_OK, "analysed");

	c = find(&a, ADC_COMP_TEMP_DISK);
	INT_EQ(c->present, ADC_PRESENT_NO, "DC2as_v5: no temp disk");
	c = find(&a, ADC_COMP_OS_DISK);
	OK(layer_is(c, -1, ADC_LAYER_CONFIDENTIAL_DISK, ADC_OWNER_CUSTOMER),
	    "OS disk: confidential encryption with the DES's customer key");
	INT_EQ(c->layers[c->n_layers - 1].store, ADC_STORE_UNKNOWN,
	    "the DES is not in the input: store unknown");
	OK(c->layers[c->n_layers - 1].des_id != NULL &&
	    strstr(c->layers[c->n_layers - 1].des_id, "des1000004") != NULL,
	    "the layer names the secure-VM DES");
	c = find(&a, ADC_COMP_VMGS);
	OK(layer_is(c, 0, ADC_LAYER_CONFIDENTIAL_DISK, ADC_OWNER_CUSTOMER),
	    "guest state bound with the OS disk's customer key");
	c = find(&a, ADC_COMP_MEMORY);
	OK(layer_is(c, 0, ADC_LAYER_CONFIDENTIAL_MEMORY, ADC_OWNER_PLATFORM) &&
	    c->layers[0].store == ADC_STORE_HARDWARE,
	    "memory encrypted with a key the CPU holds");
	adc_analysis_free(&a);
	adc_estate_free(est);
}

/* Encryption at host on Standard_DS1_v2, a DSv2 size with a temp disk:
 * the host encrypts the temp disk with the platform key (section 5). */
static void
test_encryption_at_host(void)
{
	static const char *const files[] = {
		REC "test_vm_encryption_at_host.vm1_get_instanceview.json",
		NULL
	};
	struct adc_estate *est = load(files);
	struct adc_analysis a;
	const struct adc_component_layers *c;

	OK(est != NULL, "EAH VM recording loads");
	if (est == NULL)
		return;
	INT_EQ(adc_analyse_vm(est->vms[0], &a, NULL), ADC_OK, "analysed");

	c = find(&a, ADC_COMP_TEMP_DISK);
	INT_EQ(c->present, ADC_PRESENT_YES, "DS1_v2 has a temp disk");
	OK(c->n_layers == 1 && layer_is(c, 0, ADC_LAYER_EAH,
	    ADC_OWNER_PLATFORM), "temp disk: the host, platform key");
	OK(c->complete, "EAH rules ADE out, so nothing is left unknown");
	c = find(&a, ADC_COMP_OS_DISK);
	OK(layer_is(c, 0, ADC_LAYER_EAH, ADC_OWNER_PLATFORM),
	    "OS disk: the host instead of Storage");
	c = find(&a, ADC_COMP_HOST_CACHE);
	OK(layer_is(c, 0, ADC_LAYER_EAH, ADC_OWNER_PLATFORM),
	    "OS disk cache: the host, the disk's platform key");
	adc_analysis_free(&a);
	adc_estate_free(est);
}

/* An OS disk behind a double-encryption DES whose key sits in a vault
 * the input names only by URL (sections 4, 17). The VM refers to the
 * DES with its resource group in upper case. */
static void
test_double_encryption(void)
{
	static const char *const files[] = {
		REC "test_disk_encryption_set_double_encryption."
		    "vm1_get_instanceview.json",
		REC "test_disk_encryption_set_double_encryption.des1_show.json",
		NULL
	};
	struct adc_estate *est = load(files);
	struct adc_analysis a;
	const struct adc_component_layers *c;

	OK(est != NULL, "double-encryption recordings load");
	if (est == NULL)
		return;
	INT_EQ(adc_analyse_vm(est->vms[0], &a, NULL), ADC_OK, "analysed");

	c = find(&a, ADC_COMP_OS_DISK);
	OK(layer_is(c, 0, ADC_LAYER_DOUBLE_PMK, ADC_OWNER_PLATFORM),
	    "outermost: double encryption's platform layer");
	OK(c->n_layers >= 2 && c->layers[1].owner == ADC_OWNER_CUSTOMER &&
	    c->layers[1].store == ADC_STORE_KEY_VAULT,
	    "then the customer key, in a Key Vault known by its URL");
	OK(c->n_layers >= 2 && c->layers[1].key_url != NULL &&
	    strstr(c->layers[1].key_url, "vault-000002") != NULL,
	    "the layer carries the DES's key URL");
	adc_analysis_free(&a);
	adc_estate_free(est);
}

int
main(void)
{
	test_confidential();
	test_encryption_at_host();
	test_double_encryption();
	return tap_done();
}
