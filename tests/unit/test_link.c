/* SPDX-License-Identifier: MIT */
/*
 * test_link.c: one small estate written three ways (az output, REST list
 * responses, a Resource Graph result) links into the same model; drift
 * between a VM and its disks is noted; what is missing stays unknown.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"
#include "tap.h"

static struct adc_diag diag;

static struct adc_estate *
load_files(const char *const *names)
{
	struct adc_estate *est = adc_estate_new();
	const char *src = getenv("ADC_SOURCE_DIR");
	char path[4096];
	int fd;

	for (; *names != NULL; names++) {
		snprintf(path, sizeof(path), "%s/tests/data/%s",
		    src != NULL ? src : ".", *names);
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
	if (adc_estate_link(est, &diag) != ADC_OK) {
		adc_estate_free(est);
		return NULL;
	}
	return est;
}

static struct adc_estate *
load_text(const char *text)
{
	struct adc_estate *est = adc_estate_new();

	adc_diag_init(&diag, "text");
	if (adc_estate_read_buffer(est, text, strlen(text), "text", &diag) !=
	    ADC_OK || adc_estate_link(est, &diag) != ADC_OK) {
		adc_estate_free(est);
		return NULL;
	}
	return est;
}

static size_t
count_notes(const struct adc_estate *est, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < est->n_notes; i++)
		n += strcmp(est->notes[i].code, code) == 0;
	return n;
}

static const struct adc_des *
find_des(const struct adc_estate *est, const char *name)
{
	size_t i;

	for (i = 0; i < est->n_des; i++) {
		if (strcmp(est->des[i]->name, name) == 0)
			return est->des[i];
	}
	return NULL;
}

/* The model the estate-shapes files describe, whatever the shape. */
static void
check_shapes(const struct adc_estate *est, const char *shape)
{
	const struct adc_vm *vm;
	const struct adc_disk *os, *data;
	const struct adc_des *des_os, *des_data;
	char what[128];

#define W(s) (snprintf(what, sizeof(what), "%s: %s", shape, (s)), what)
	OK(est != NULL, W("reads and links"));
	if (est == NULL)
		return;
	INT_EQ(est->n_vms, 1, W("one VM"));
	INT_EQ(est->n_disks, 3, W("three disks"));
	INT_EQ(est->n_des, 2, W("two DES"));
	INT_EQ(est->n_vaults, 1, W("one vault"));
	if (est->n_vms != 1 || est->n_des != 2 || est->n_vaults != 1)
		return;
	vm = est->vms[0];
	STR_EQ(vm->size, "Standard_D2ds_v5", W("size"));
	INT_EQ(vm->security_type, ADC_SECTYPE_TRUSTED_LAUNCH, W("TL"));
	INT_EQ(vm->encryption_at_host, ADC_YES, W("EAH"));
	INT_EQ(vm->vtpm, ADC_YES, W("vTPM"));
	INT_EQ(vm->os_type, ADC_OS_LINUX, W("Linux"));
	os = vm->os_disk;
	OK(os != NULL && !os->from_vm_only, W("OS disk is the resource"));
	if (os == NULL || vm->n_data_disks != 1)
		return;
	data = vm->data_disks[0];
	STR_EQ(os->name, "vm-a-os", W("OS disk name"));
	INT_EQ(os->enc_type, ADC_ENC_CUSTOMER, W("OS disk CMK"));
	INT_EQ(os->sec_type, ADC_DSEC_TRUSTED_LAUNCH, W("OS disk TL"));
	INT_EQ(os->attached, ADC_YES, W("attached"));
	OK(os->vm == vm, W("disk points back at its VM"));
	INT_EQ(data->lun, 0, W("LUN 0"));
	INT_EQ(data->size_gb, 32, W("32 GB (diskSizeGb or diskSizeGB)"));
	INT_EQ(data->enc_type, ADC_ENC_DOUBLE, W("data disk double"));
	INT_EQ(data->ade.enabled, ADC_NO, W("no ADE collection"));
	des_os = find_des(est, "des-os");
	des_data = find_des(est, "des-data");
	OK(os->des == des_os && data->des == des_data, W("disks to DES"));
	if (des_os == NULL || des_data == NULL)
		return;
	OK(des_os->vault == est->vaults[0], W("DES to vault by sourceVault"));
	OK(des_data->vault == est->vaults[0],
	    W("DES to vault by key URL host (upper case, :443)"));
	INT_EQ(des_os->auto_rotation, ADC_YES, W("rotation on"));
	INT_EQ(des_data->auto_rotation, ADC_NO, W("rotation absent: off"));
	STR_EQ(des_data->rotation_error,
	    "KeyVaultKeyNotFound: the key was not found", W("rotation error"));
	INT_EQ(des_os->identity, ADC_IDENTITY_SYSTEM, W("identity"));
	INT_EQ(est->vaults[0]->sku, ADC_VAULT_PREMIUM, W("premium vault"));
	INT_EQ(est->vaults[0]->purge_protection, ADC_YES, W("purge on"));
	INT_EQ(est->vaults[0]->soft_delete, ADC_YES, W("soft delete on"));
	INT_EQ(est->vaults[0]->rbac, ADC_YES, W("RBAC"));
	INT_EQ(est->vaults[0]->enabled_for_disk_encryption, ADC_NO,
	    W("not for ADE"));
	INT_EQ(est->disks[2]->attached, ADC_NO, W("loose disk unattached"));
	OK(est->disks[2]->vm == NULL, W("loose disk has no VM"));
	INT_EQ(count_notes(est, "disk-drift"), 0, W("no drift"));
#undef W
}

static void
test_three_shapes(void)
{
	static const char *const az[] = { "estate-shapes/az-vms.json",
	    "estate-shapes/az-disks.json", "estate-shapes/az-des.json",
	    "estate-shapes/az-vault.json", NULL };
	static const char *const rest[] = { "estate-shapes/rest-vms.json",
	    "estate-shapes/rest-disks.json", "estate-shapes/rest-des.json",
	    "estate-shapes/rest-vaults.json", NULL };
	static const char *const graph[] = { "estate-shapes/graph.json",
	    NULL };
	static const char *const table[] = {
	    "estate-shapes/graph-table.json", NULL };
	static const char *const reversed[] = { "estate-shapes/az-vault.json",
	    "estate-shapes/az-des.json", "estate-shapes/az-disks.json",
	    "estate-shapes/az-vms.json", NULL };
	struct adc_estate *est;

	est = load_files(az);
	check_shapes(est, "az");
	adc_estate_free(est);
	est = load_files(rest);
	check_shapes(est, "REST");
	adc_estate_free(est);
	est = load_files(graph);
	check_shapes(est, "Resource Graph");
	adc_estate_free(est);
	est = load_files(table);
	check_shapes(est, "Resource Graph table");
	adc_estate_free(est);
	est = load_files(reversed);
	check_shapes(est, "az, files in reverse order");
	adc_estate_free(est);
}

static void
test_keys(void)
{
	static const char *const files[] = { "estate-shapes/az-des.json",
	    "az-key-show.json", "rest-key-get.json", NULL };
	struct adc_estate *est = load_files(files);
	const struct adc_des *d;

	OK(est != NULL, "DES and keys read");
	if (est == NULL)
		return;
	d = find_des(est, "des-os");
	OK(d != NULL && d->key != NULL && d->key->size_bits == 2048,
	    "DES to key by versioned URL");
	d = find_des(est, "des-data");
	OK(d != NULL && d->key != NULL && d->key->size_bits == 3068,
	    "DES to key: host case and :443 do not matter");
	OK(d != NULL && d->vault == NULL, "no vault in the input: NULL");
	adc_estate_free(est);
}

#define SUB "/subscriptions/s1/resourceGroups/rg/providers/"

static void
test_drift_and_missing(void)
{
	struct adc_estate *est;

	est = load_text("[{\"id\": \"" SUB "Microsoft.Compute/virtualMachines/"
	    "v\", \"type\": \"Microsoft.Compute/virtualMachines\", "
	    "\"hardwareProfile\": {\"vmSize\": \"Standard_D2s_v5\"}, "
	    "\"storageProfile\": {\"osDisk\": {\"managedDisk\": {\"id\": \""
	    SUB "microsoft.compute/DISKS/v-os\", \"diskEncryptionSet\": "
	    "{\"id\": \"" SUB "Microsoft.Compute/diskEncryptionSets/old\"}}},"
	    " \"dataDisks\": [{\"lun\": 3, \"managedDisk\": {\"id\": \"" SUB
	    "Microsoft.Compute/disks/gone\"}}, {\"lun\": 1, \"managedDisk\": "
	    "{\"id\": \"" SUB "Microsoft.Compute/disks/gone1\"}}]}},"
	    "{\"id\": \"" SUB "Microsoft.Compute/disks/v-os\", \"type\": "
	    "\"Microsoft.Compute/disks\", \"properties\": {\"creationData\": "
	    "{}, \"encryption\": {\"type\": \"EncryptionAtRestWithCustomerKey\""
	    ", \"diskEncryptionSetId\": \"" SUB "Microsoft.Compute/"
	    "diskEncryptionSets/new\"}}}]");
	OK(est != NULL && est->n_vms == 1, "drift estate reads");
	if (est == NULL || est->n_vms != 1)
		return;
	OK(est->vms[0]->os_disk != NULL && !est->vms[0]->os_disk->from_vm_only,
	    "disk found by id without regard to case");
	STR_EQ(est->vms[0]->os_disk->des_id + strlen(SUB),
	    "Microsoft.Compute/diskEncryptionSets/new",
	    "the disk resource wins");
	INT_EQ(count_notes(est, "disk-drift"), 1, "drift noted once");
	INT_EQ(est->vms[0]->n_data_disks, 2, "two data disks");
	INT_EQ(est->vms[0]->data_disks[0]->lun, 1, "sorted by LUN");
	OK(est->vms[0]->data_disks[1]->from_vm_only,
	    "missing disk built from the VM's copy");
	INT_EQ(est->vms[0]->data_disks[1]->enc_type, ADC_ENC_PLATFORM,
	    "copy without DES: platform key");
	INT_EQ(est->n_disks, 3, "the copies join the disk list");
	INT_EQ(count_notes(est, "disk-not-in-input"), 1,
	    "one note for the missing disks");
	OK(est->vms[0]->os_disk->des == NULL, "DES not in input: NULL");
	adc_estate_free(est);
}

static void
test_duplicates_and_hsm(void)
{
	struct adc_estate *est;

	est = load_text("[{\"id\": \"" SUB "Microsoft.Compute/disks/d\", "
	    "\"diskSizeGB\": 1}, {\"id\": \"" SUB "Microsoft.Compute/disks/D\","
	    " \"diskSizeGB\": 2}]");
	OK(est != NULL && est->n_disks == 1, "duplicate disk dropped");
	if (est != NULL) {
		INT_EQ(est->disks[0]->size_gb, 1, "the first one is kept");
		INT_EQ(count_notes(est, "duplicate-resource"), 1, "noted");
	}
	adc_estate_free(est);

	est = load_text("[{\"id\": \"" SUB "Microsoft.Compute/virtualMachines/"
	    "v\"}, {\"id\": \"" SUB "Microsoft.Compute/virtualMachines/V\"}]");
	OK(est != NULL && est->n_vms == 1 &&
	    count_notes(est, "duplicate-resource") == 1,
	    "a VM listed twice is kept once");
	adc_estate_free(est);

	est = load_text("[{\"id\": \"" SUB "Microsoft.KeyVault/managedHSMs/h\""
	    ", \"properties\": {\"hsmUri\": \"https://h.managedhsm.azure.net/\""
	    "}}, {\"id\": \"" SUB "Microsoft.Compute/diskEncryptionSets/e\", "
	    "\"properties\": {\"activeKey\": {\"keyUrl\": "
	    "\"https://H.managedhsm.azure.net/keys/k/1\"}}}]");
	OK(est != NULL && est->n_des == 1 && est->des[0]->vault != NULL,
	    "DES to Managed HSM by host");
	if (est != NULL && est->n_vaults == 1)
		INT_EQ(est->vaults[0]->sku, ADC_VAULT_MANAGED_HSM, "HSM sku");
	adc_estate_free(est);
}

/* A DES without sourceVault and a vault listed without vaultUri (az
 * keyvault list without a resource group): the vault's name and the
 * cloud's Key Vault suffix make its host. */
#define VAULT(name) "{\"id\": \"" SUB "Microsoft.KeyVault/vaults/" name \
	"\", \"name\": \"" name "\", \"type\": \"Microsoft.KeyVault/vaults\"}"
#define DES_KEY(name, url) "{\"id\": \"" SUB				\
	"Microsoft.Compute/diskEncryptionSets/" name "\", \"name\": \""	\
	name "\", \"properties\": {\"activeKey\": {\"keyUrl\": \"" url	\
	"\"}}}"

static void
test_vault_by_name(void)
{
	struct adc_estate *est;
	const struct adc_des *d;

	est = load_text("[" VAULT("kv-Plain") ", " VAULT("kv-cn") ", "
	    DES_KEY("e1", "https://KV-plain.vault.azure.net/keys/k/1") ", "
	    DES_KEY("e2", "https://kv-cn.vault.azure.cn:443/keys/k/1") ", "
	    DES_KEY("e3", "https://kv-plain.managedhsm.azure.net/keys/k/1")
	    ", " DES_KEY("e4", "https://kv-other.vault.azure.net/keys/k/1")
	    "]");
	OK(est != NULL && est->n_vaults == 2 && est->n_des == 4,
	    "vaults without a URI read");
	if (est != NULL && est->n_vaults == 2 && est->n_des == 4) {
		d = find_des(est, "e1");
		OK(d != NULL && d->vault == est->vaults[0],
		    "public cloud host links by name, any case");
		d = find_des(est, "e2");
		OK(d != NULL && d->vault == est->vaults[1],
		    "China cloud host links by name");
		d = find_des(est, "e3");
		OK(d != NULL && d->vault == NULL,
		    "a Managed HSM host is not a vault's");
		d = find_des(est, "e4");
		OK(d != NULL && d->vault == NULL, "another name: unknown");
	}
	adc_estate_free(est);

	/* Two vaults of one name in two subscriptions: not guessed. */
	est = load_text("[" VAULT("kv-twice") ", {\"id\": \"/subscriptions/"
	    "other/resourceGroups/g/providers/Microsoft.KeyVault/vaults/"
	    "kv-twice\", \"name\": \"kv-twice\", \"type\": "
	    "\"Microsoft.KeyVault/vaults\"}, "
	    DES_KEY("e1", "https://kv-twice.vault.azure.net/keys/k/1") "]");
	OK(est != NULL && est->n_vaults == 2 && est->n_des == 1 &&
	    est->des[0]->vault == NULL, "a shared name links to neither");
	adc_estate_free(est);

	/* A vault with its URI keeps its own host. */
	est = load_text("[{\"id\": \"" SUB "Microsoft.KeyVault/vaults/kv-a\", "
	    "\"name\": \"kv-a\", \"type\": \"Microsoft.KeyVault/vaults\", "
	    "\"properties\": {\"vaultUri\": \"https://kv-a.vault.azure.net/"
	    "\"}}, " VAULT("kv-b") ", "
	    DES_KEY("e1", "https://kv-a.vault.azure.net/keys/k/1") ", "
	    DES_KEY("e2", "https://kv-b.vault.azure.net/keys/k/1") "]");
	OK(est != NULL && est->n_des == 2 &&
	    find_des(est, "e1")->vault == est->vaults[0] &&
	    find_des(est, "e2")->vault == est->vaults[1],
	    "a vault with a URI and one without, side by side");
	adc_estate_free(est);
}

/* The sample estate in examples/estate (see examples/README.md). */
static void
test_examples(void)
{
	static const char *const files[] = {
	    "../../examples/estate/vms.json",
	    "../../examples/estate/disks.json",
	    "../../examples/estate/des.json",
	    "../../examples/estate/vaults.json",
	    "../../examples/estate/keys.json",
	    "../../examples/estate/feature.json", NULL };
	struct adc_estate *est = load_files(files);
	const struct adc_des *os_shared, *legacy, *central;
	size_t i, loose = 0, shared = 0, ade_vms;

	OK(est != NULL, "sample estate reads");
	if (est == NULL)
		return;
	INT_EQ(est->n_vms, 14, "14 VMs");
	INT_EQ(est->n_disks, 22, "22 disks");
	INT_EQ(est->n_des, 6, "6 DES");
	INT_EQ(est->n_vaults, 4, "4 vaults");
	INT_EQ(est->n_keys, 5, "5 keys");
	INT_EQ(est->n_notes, 0, "no notes");
	INT_EQ(est->eah_feature, ADC_YES, "EncryptionAtHost registered");
	for (i = 0; i < est->n_disks; i++) {
		loose += est->disks[i]->attached == ADC_NO;
		OK(!est->disks[i]->from_vm_only, "every disk is a resource");
	}
	INT_EQ(loose, 3, "disk01-disk03 unattached");
	os_shared = find_des(est, "des-os-shared");
	legacy = find_des(est, "des-os-legacy");
	central = find_des(est, "des-central");
	OK(os_shared != NULL && legacy != NULL && os_shared->key != NULL &&
	    os_shared->key == legacy->key, "one key behind two DES");
	for (i = 0; i < est->n_vms; i++)
		shared += est->vms[i]->os_disk->des == os_shared;
	INT_EQ(shared, 2, "des-os-shared serves two VMs");
	OK(central != NULL && central->vault != NULL &&
	    strcmp(central->vault->subscription,
	    "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d") == 0,
	    "cross-subscription vault linked by host");
	OK(central != NULL && central->rotation_error != NULL,
	    "rotation error kept");
	/* vm11-ade's ADE settings sit on its disks (the disk API shows
	 * them there) and name kv-contoso-ade by id. */
	ade_vms = 0;
	for (i = 0; i < est->n_vms; i++) {
		const struct adc_vm *vm = est->vms[i];

		if (strcmp(vm->name, "vm11-ade") != 0)
			continue;
		ade_vms++;
		INT_EQ(vm->os_disk->ade.vault_sku, ADC_VAULT_STANDARD,
		    "ADE's vault linked by id: kv-contoso-ade, Standard");
	}
	INT_EQ(ade_vms, 1, "the sample has one ADE VM");
	adc_estate_free(est);
}

/* Many VMs, no disk resources: every disk is built from a VM's copy and
 * joins the disk table, which must grow (a full table never ends a
 * probe). */
static void
test_vms_without_disks(void)
{
	static char text[64 * 1024];
	struct adc_estate *est;
	size_t n = 0;
	int i;

	n += (size_t)snprintf(text + n, sizeof(text) - n, "[");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "%s{\"id\": \"" SUB "Microsoft.Compute/virtualMachines/"
		    "v%d\", \"storageProfile\": {\"osDisk\": {\"managedDisk\":"
		    " {\"id\": \"/d/os%d\"}}, \"dataDisks\": [{\"lun\": 0, "
		    "\"managedDisk\": {\"id\": \"/d/a%d\"}}, {\"lun\": 1, "
		    "\"managedDisk\": {\"id\": \"/d/b%d\"}}]}}", i ? ", " : "",
		    i, i, i, i);
	snprintf(text + n, sizeof(text) - n, "]");
	est = load_text(text);
	OK(est != NULL && est->n_vms == 100 && est->n_disks == 300,
	    "100 VMs naming 300 disks the input lacks link");
	if (est != NULL)
		INT_EQ(count_notes(est, "disk-not-in-input"), 1, "one note");
	adc_estate_free(est);
}

static void
test_link_once(void)
{
	struct adc_estate *est = adc_estate_new();
	static const char vm[] = "[]";

	adc_diag_init(&diag, "t");
	OK(adc_estate_read_buffer(est, vm, 2, "t", &diag) == ADC_OK &&
	    adc_estate_link(est, &diag) == ADC_OK, "read, then link");
	adc_diag_init(&diag, "t");
	OK(adc_estate_read_buffer(est, vm, 2, "t", &diag) == ADC_EINVAL &&
	    strstr(diag.msg, "linked already") != NULL,
	    "a read after linking is refused");
	adc_diag_init(&diag, "t");
	OK(adc_estate_link(est, &diag) == ADC_EINVAL, "a second link too");
	adc_estate_free(est);
}

int
main(void)
{
	test_link_once();
	test_vms_without_disks();
	test_examples();
	test_three_shapes();
	test_keys();
	test_drift_and_missing();
	test_duplicates_and_hsm();
	test_vault_by_name();
	return tap_done();
}
