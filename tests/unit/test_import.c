/* SPDX-License-Identifier: MIT */
/*
 * test_import.c: every Azure fixture is read (or refused with a clear
 * message), with the fields each one carries checked against the file;
 * bad input gives positioned errors or notes, never a crash.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"
#include "tap.h"

#define FIX(rel) tap_fixture("azure/" rel)

static struct adc_diag diag;

/* Read one file into a new, linked estate; NULL (diag filled) when the
 * read fails. */
static struct adc_estate *
load(const char *path)
{
	struct adc_estate *est = adc_estate_new();
	enum adc_status st;
	int fd;

	adc_diag_init(&diag, path);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("# cannot open %s\n", path);
		adc_estate_free(est);
		return NULL;
	}
	st = adc_estate_read_fd(est, fd, path, &diag);
	close(fd);
	if (st == ADC_OK)
		st = adc_estate_link(est, &diag);
	if (st != ADC_OK) {
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
	    ADC_OK) {
		adc_estate_free(est);
		return NULL;
	}
	return est;
}

static bool
has_note(const struct adc_estate *est, const char *code)
{
	size_t i;

	for (i = 0; i < est->n_notes; i++) {
		if (strcmp(est->notes[i].code, code) == 0)
			return true;
	}
	return false;
}

static const char *
tail(const char *id)
{
	const char *p = id != NULL ? strrchr(id, '/') : NULL;

	return p != NULL ? p + 1 : id;
}

static void
test_confidential_vm(void)
{
	struct adc_estate *est = load(FIX("cli-recordings/"
	    "test_os_disk_security_encryption.vm_get_instanceview.json"));
	struct adc_vm *vm;

	OK(est != NULL, "CVM recording reads");
	if (est == NULL)
		return;
	INT_EQ(est->n_vms, 1, "one VM");
	vm = est->vms[0];
	STR_EQ(vm->name, "vm1000005", "VM name");
	STR_EQ(vm->size, "Standard_DC2as_v5", "VM size");
	STR_EQ(vm->location, "northeurope", "location");
	STR_EQ(vm->subscription, "00000000-0000-0000-0000-000000000000",
	    "subscription from the id");
	INT_EQ(vm->security_type, ADC_SECTYPE_CONFIDENTIAL, "ConfidentialVM");
	INT_EQ(vm->vtpm, ADC_YES, "vTPM on");
	INT_EQ(vm->secure_boot, ADC_YES, "secure boot on");
	INT_EQ(vm->os_sec_encryption, ADC_SECENC_DISK_WITH_VMGS,
	    "DiskWithVMGuestState");
	INT_EQ(vm->encryption_at_host, ADC_NO, "EAH absent on a whole VM: off");
	INT_EQ(vm->os_type, ADC_OS_WINDOWS, "Windows");
	OK(vm->os_disk != NULL && vm->os_disk->from_vm_only,
	    "OS disk built from the VM's copy");
	if (vm->os_disk != NULL) {
		STR_EQ(tail(vm->os_disk->secure_des_id), "des1000004",
		    "secure DES id from managedDisk.securityProfile");
		OK(vm->os_disk->des_id == NULL, "no SSE DES");
		INT_EQ(vm->os_disk->role, ADC_ROLE_OS, "role OS");
		INT_EQ(vm->os_disk->size_gb, 30, "size 30");
		INT_EQ(vm->os_disk->sku, ADC_SKU_PREMIUM_LRS, "Premium_LRS");
		OK(vm->os_disk->secure_des == NULL, "DES not in input: NULL");
	}
	INT_EQ(est->n_disks, 1, "the copy is listed among disks");
	INT_EQ(vm->origin.line, 1, "origin line");
	INT_EQ(vm->origin.col, 1, "origin column");
	STR_EQ(vm->origin.pointer, "", "origin pointer: the root");
	adc_estate_free(est);
}

static void
test_cli_vms(void)
{
	struct adc_estate *est;
	struct adc_vm *vm;

	est = load(FIX("cli-recordings/"
	    "test_disk_encryption_set.vm2_show.json"));
	OK(est != NULL && est->n_vms == 1, "vm2 show reads");
	if (est != NULL && est->n_vms == 1) {
		vm = est->vms[0];
		INT_EQ(vm->security_type, ADC_SECTYPE_STANDARD,
		    "no securityProfile: Standard");
		INT_EQ(vm->vtpm, ADC_NO, "no securityProfile: no vTPM");
		INT_EQ(vm->encryption_at_host, ADC_NO, "no EAH");
		INT_EQ(vm->os_sec_encryption, ADC_SECENC_NONE,
		    "no securityEncryptionType");
		INT_EQ(vm->n_data_disks, 2, "two data disks");
		STR_EQ(tail(vm->os_disk->des_id), "des1-000004", "OS DES");
		STR_EQ(tail(vm->data_disks[0]->des_id), "des2-000005",
		    "LUN 0 DES");
		STR_EQ(tail(vm->data_disks[1]->des_id), "des3-000006",
		    "LUN 1 DES");
		INT_EQ(vm->data_disks[1]->lun, 1, "LUN order");
		INT_EQ(vm->ephemeral_os, ADC_NO, "not ephemeral");
		INT_EQ(vm->os_disk->caching, ADC_CACHING_READ_WRITE,
		    "OS disk caching ReadWrite");
		INT_EQ(vm->data_disks[0]->caching, ADC_CACHING_NONE,
		    "LUN 0 caching None");
		INT_EQ(vm->data_disks[1]->caching, ADC_CACHING_NONE,
		    "LUN 1 caching None");
	}
	adc_estate_free(est);

	est = load(FIX("cli-recordings/"
	    "test_vm_encryption_at_host.vm1_get_instanceview.json"));
	OK(est != NULL && est->n_vms == 1, "EAH VM reads");
	if (est != NULL && est->n_vms == 1) {
		INT_EQ(est->vms[0]->encryption_at_host, ADC_YES, "EAH on");
		INT_EQ(est->vms[0]->security_type, ADC_SECTYPE_STANDARD,
		    "securityProfile without securityType: Standard");
		INT_EQ(est->vms[0]->vtpm, ADC_UNKNOWN,
		    "securityProfile present, uefiSettings absent: unknown");
		INT_EQ(est->vms[0]->os_type, ADC_OS_LINUX, "Linux");
	}
	adc_estate_free(est);

	est = load(FIX("cli-recordings/"
	    "test_vm_disk_encryption_e2e."
	    "vm1_encryption_show_instanceview.json"));
	OK(est != NULL && est->n_vms == 1, "ADE VM reads");
	if (est != NULL && est->n_vms == 1) {
		vm = est->vms[0];
		INT_EQ(vm->security_type, ADC_SECTYPE_TRUSTED_LAUNCH,
		    "TrustedLaunch");
		INT_EQ(vm->ade.enabled, ADC_YES, "ADE on (extension)");
		INT_EQ(vm->ever_ade, ADC_YES, "ever ADE");
		STR_EQ(vm->ade.volume_type, "ALL", "VolumeType from settings");
		STR_EQ(tail(vm->ade.secret_vault_id), "vault000002",
		    "ADE vault");
		OK(vm->ade.secret_url != NULL && strstr(vm->ade.secret_url,
		    "/secrets/37E66B46") != NULL,
		    "secret URL from the instance view");
		OK(vm->ade.kek_url == NULL, "no KEK");
		INT_EQ(vm->ade_format_all, ADC_NO,
		    "EncryptionOperation EnableEncryption: no EncryptFormatAll");
	}
	adc_estate_free(est);
}

/* Resource Graph's table format: each row is the object its columns
 * name; malformed tables stop the read at the row. */
#define COLS "\"columns\": [{\"name\": \"id\", \"type\": \"string\"}, " \
	"{\"name\": \"diskSizeGB\", \"type\": \"integer\"}, {\"type\": " \
	"\"string\"}, {\"name\": \"sku\", \"type\": \"object\"}]"
#define DISK "\"/subscriptions/s/resourceGroups/r/providers/" \
	"Microsoft.Compute/disks/d"

/* text is refused with ADC_ESCHEMA and a message holding msg. */
static void
refused(const char *text, const char *msg, const char *what)
{
	struct adc_estate *est = load_text(text);

	OK(est == NULL && diag.status == ADC_ESCHEMA &&
	    strstr(diag.msg, msg) != NULL, what);
	adc_estate_free(est);
}

static void
test_graph_table(void)
{
	struct adc_estate *est;

	est = load_text("{\"data\": {" COLS ", \"rows\": [[" DISK "1\", 32, "
	    "\"ignored\", {\"name\": \"Premium_LRS\"}], null, [" DISK "2\", "
	    "null, [1, {\"x\": 2}], {\"name\": \"UltraSSD_LRS\"}]]}}");
	OK(est != NULL && est->n_disks == 2, "two rows, two disks");
	if (est != NULL && est->n_disks == 2) {
		INT_EQ(est->disks[0]->size_gb, 32, "a cell by its column");
		INT_EQ(est->disks[0]->sku, ADC_SKU_PREMIUM_LRS,
		    "an object cell");
		INT_EQ(est->disks[1]->size_gb, 0, "a null cell: unknown");
		INT_EQ(est->disks[1]->sku, ADC_SKU_ULTRASSD_LRS,
		    "a cell after a skipped container");
		INT_EQ(est->disks[1]->origin.line, 1, "origin line");
		STR_EQ(est->disks[1]->origin.pointer, "/data/rows/2",
		    "origin pointer: the row");
	}
	adc_estate_free(est);

	refused("{\"data\": {\"rows\": [], " COLS "}}",
	    "rows come before its columns", "rows before columns are refused");
	refused("{\"data\": {" COLS ", \"rows\": [[" DISK "1\", 1, 2, {}, 5]]}}",
	    "more cells", "a row too long");
	STR_EQ(diag.pointer, "/data/rows/0/4", "  named at the extra cell");
	refused("{\"data\": {" COLS ", \"rows\": [[" DISK "1\"]]}}",
	    "has 1 cells; the table has 4 columns", "a row too short");
	refused("{\"data\": {" COLS ", \"rows\": [{\"id\": 1}]}}",
	    "expected a row", "an object where a row belongs");
	refused("{\"data\": {\"columns\": [{\"name\": 7}], \"rows\": []}}",
	    "column's name must be a string", "a column name that is no string");
}

/* The ADE extension's EncryptionOperation says whether EncryptFormatAll
 * was asked for. */
static void
test_ade_format_all(void)
{
	static const char *const ops[] = { "\"EnableEncryptionFormatAll\"",
	    "\"enableencryption\"", NULL };
	static const enum adc_tri want[] = { ADC_YES, ADC_NO, ADC_UNKNOWN };
	struct adc_estate *est;
	char text[1024];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "{\"id\": \"/subscriptions/s/"
		    "resourceGroups/r/providers/Microsoft.Compute/"
		    "virtualMachines/v\", \"resources\": [{\"publisher\": "
		    "\"Microsoft.Azure.Security\", \"typePropertiesType\": "
		    "\"AzureDiskEncryptionForLinux\", \"settings\": "
		    "{\"VolumeType\": \"Data\"%s%s}}]}",
		    ops[i] != NULL ? ", \"EncryptionOperation\": " : "",
		    ops[i] != NULL ? ops[i] : "");
		est = load_text(text);
		OK(est != NULL && est->n_vms == 1, "Linux ADE extension reads");
		if (est != NULL && est->n_vms == 1) {
			INT_EQ(est->vms[0]->ade.enabled, ADC_YES, "  ADE on");
			INT_EQ(est->vms[0]->ade_format_all, want[i],
			    i == 0 ? "  EnableEncryptionFormatAll: yes" :
			    i == 1 ? "  EnableEncryption (any case): no" :
			    "  no EncryptionOperation: unknown");
		}
		adc_estate_free(est);
	}
}

static void
test_cli_disks_des(void)
{
	struct adc_estate *est;
	struct adc_disk *d;
	struct adc_des *des;

	est = load(FIX("cli-recordings/"
	    "test_confidential_disk_encryption_set.disk_d1_get.json"));
	OK(est != NULL && est->n_disks == 1, "CVM disk reads");
	if (est != NULL && est->n_disks == 1) {
		d = est->disks[0];
		INT_EQ(d->sec_type, ADC_DSEC_CVM_DISK_CMK,
		    "ConfidentialVM_DiskEncryptedWithCustomerKey");
		INT_EQ(d->enc_type, ADC_ENC_PLATFORM,
		    "encryption.type stays platform key");
		STR_EQ(tail(d->secure_des_id), "des-000004", "secure DES id");
		INT_EQ(d->attached, ADC_NO, "Unattached");
		INT_EQ(d->os_type, ADC_OS_WINDOWS, "Windows");
		INT_EQ(d->size_gb, 16, "16 GB");
		INT_EQ(d->ade.enabled, ADC_NO, "no ADE collection: ADE off");
		OK(!d->from_vm_only, "a disk resource");
	}
	adc_estate_free(est);

	est = load(FIX("cli-recordings/"
	    "test_disk_encryption_set_double_encryption.disk_get.json"));
	OK(est != NULL && est->n_disks == 1, "double-encryption disk reads");
	if (est != NULL && est->n_disks == 1) {
		INT_EQ(est->disks[0]->enc_type, ADC_ENC_DOUBLE,
		    "EncryptionAtRestWithPlatformAndCustomerKeys");
		OK(strstr(est->disks[0]->des_id, "CLI_TEST_DISK_ENCRYPTION_SET"
		    "_DOUBLE") != NULL, "DES id kept as given");
	}
	adc_estate_free(est);

	est = load(FIX("cli-recordings/"
	    "test_confidential_disk_encryption_set.des_show.json"));
	OK(est != NULL && est->n_des == 1, "CVM DES reads");
	if (est != NULL && est->n_des == 1) {
		des = est->des[0];
		INT_EQ(des->type, ADC_ENC_CONFIDENTIAL,
		    "ConfidentialVmEncryptedWithCustomerKey");
		INT_EQ(des->identity, ADC_IDENTITY_SYSTEM, "SystemAssigned");
		OK(des->source_vault_id == NULL, "no sourceVault");
		STR_EQ(des->key_url, "https://vault-000002.vault.azure.net/"
		    "keys/key-000003/9d91e453ceca45f2b8639639044a84b2",
		    "key URL");
		STR_EQ(des->tenant, "54826b22-38d6-4fb2-bad9-b7b93a3e9c5a",
		    "identity tenant");
		INT_EQ(des->auto_rotation, ADC_NO, "rotation flag absent: off");
	}
	adc_estate_free(est);

	est = load(FIX("cli-recordings/"
	    "test_disk_encryption_set_double_encryption.des1_show.json"));
	OK(est != NULL && est->n_des == 1, "double DES reads");
	if (est != NULL && est->n_des == 1) {
		INT_EQ(est->des[0]->type, ADC_ENC_DOUBLE, "double type");
		STR_EQ(tail(est->des[0]->source_vault_id), "vault-000002",
		    "sourceVault id");
	}
	adc_estate_free(est);
}

static void
test_rest_examples(void)
{
	struct adc_estate *est;

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "DiskEncryptionSet_Get_WithAutoKeyRotationError.json"));
	OK(est != NULL && est->n_des == 1, "rotation error example reads");
	if (est != NULL && est->n_des == 1) {
		INT_EQ(est->des[0]->auto_rotation, ADC_YES, "rotation on");
		OK(est->des[0]->rotation_error != NULL &&
		    strncmp(est->des[0]->rotation_error,
		    "ManagedServiceIdentityNotFound: Auto-key rotation", 49) ==
		    0, "rotation error as code: message");
		STR_EQ(est->des[0]->origin.pointer, "/responses/200/body",
		    "origin pointer inside the example");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "DiskEncryptionSet_Create_WithKeyVaultFromADifferentTenant.json"));
	OK(est != NULL && est->n_des == 1,
	    "one DES: 200 wins over the earlier 202 body");
	if (est != NULL && est->n_des == 1) {
		INT_EQ(est->des[0]->identity, ADC_IDENTITY_USER,
		    "UserAssigned");
		STR_EQ(est->des[0]->federated_client_id,
		    "00000000-0000-0000-0000-000000000000",
		    "federatedClientId");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "DiskEncryptionSet_Update_WithRotationToLatestKeyVersionEnabled"
	    ".json"));
	OK(est != NULL && est->n_des == 1, "update example reads");
	if (est != NULL && est->n_des == 1)
		OK(strstr(est->des[0]->key_url, "KeyVersion2") != NULL,
		    "the 200 body (rotated key version) is the one read");
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "Disk_Create_WithDiskEncryptionSet.json"));
	OK(est != NULL && est->n_disks == 1, "disk with DES, no type");
	if (est != NULL && est->n_disks == 1) {
		INT_EQ(est->disks[0]->enc_type, ADC_ENC_UNKNOWN,
		    "DES id without encryption.type: unknown");
		INT_EQ(est->disks[0]->size_gb, 200, "200 GB");
		STR_EQ(est->disks[0]->name, "myDisk", "type from the id");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/Disk_Get.json"));
	OK(est != NULL && est->n_disks == 1, "Disk_Get reads");
	if (est != NULL && est->n_disks == 1) {
		INT_EQ(est->disks[0]->ade.enabled, ADC_YES, "ADE enabled");
		INT_EQ(est->disks[0]->ever_ade, ADC_YES, "ever ADE");
		OK(est->disks[0]->ade.kek_url != NULL, "KEK URL");
		STR_EQ(tail(est->disks[0]->ade.secret_vault_id), "myVMVault",
		    "ADE vault");
		INT_EQ(est->disks[0]->sec_type, ADC_DSEC_TRUSTED_LAUNCH,
		    "TrustedLaunch disk");
		INT_EQ(est->disks[0]->attached, ADC_YES, "managedBy: attached");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "Disk_ListBySubscription.json"));
	OK(est != NULL && est->n_disks == 3, "disk list: three disks");
	if (est != NULL) {
		OK(has_note(est, "incomplete-list"), "nextLink noted");
		INT_EQ(est->disks[1]->ade.enabled, ADC_NO, "second: no ADE");
		INT_EQ(est->disks[2]->ever_ade, ADC_YES, "third: ADE");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/ComputeRP/2024-11-01/"
	    "VirtualMachineScaleSet_Create_WithSecurityTypeConfidentialVM"
	    ".json"));
	OK(est != NULL && est->n_vms == 1, "CVM scale set reads");
	if (est != NULL && est->n_vms == 1) {
		OK(est->vms[0]->is_scale_set, "is a scale set");
		STR_EQ(est->vms[0]->size, "Standard_DC2as_v5", "size from sku");
		INT_EQ(est->vms[0]->os_sec_encryption, ADC_SECENC_VMGS_ONLY,
		    "VMGuestStateOnly");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/ComputeRP/2024-11-01/"
	    "VirtualMachine_Create_WithSecurityTypeConfidentialVMWithNonPer"
	    "sistedTPM.json"));
	OK(est != NULL && est->n_vms == 1, "NonPersistedTPM VM reads");
	if (est != NULL && est->n_vms == 1) {
		INT_EQ(est->vms[0]->os_sec_encryption,
		    ADC_SECENC_NON_PERSISTED_TPM, "NonPersistedTPM");
		INT_EQ(est->vms[0]->secure_boot, ADC_NO, "secure boot off");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/ComputeRP/2024-11-01/"
	    "VirtualMachine_Create_WithDiskEncryptionSetResource.json"));
	OK(est != NULL && est->n_vms == 1, "VM with DES example reads");
	if (est != NULL && est->n_vms == 1) {
		OK(est->vms[0]->os_disk->des_id != NULL &&
		    strstr(est->vms[0]->os_disk->des_id,
		    "{existing-diskencryptionset-name}") != NULL,
		    "the 200 body's OS disk DES (lower-case name)");
		INT_EQ(est->vms[0]->n_data_disks, 2, "two data disks");
	}
	adc_estate_free(est);

	est = load(FIX("rest-api-examples/ResourceGraph/2021-03-01/"
	    "ResourcesPropertiesQuery.json"));
	OK(est != NULL && est->n_vms == 0, "summarised Graph rows read");
	if (est != NULL)
		OK(has_note(est, "not-a-resource"), "rows are no resources");
	adc_estate_free(est);
}

/* Every fixture: read, or refused with the message this tool gives. */
static const char *const fixtures_ok[] = {
	"cli-recordings/azure-cli-extensions/resource-graph/"
	    "test_query.graph_query_response.json",
	"cli-recordings/test_confidential_disk_encryption_set.des_show.json",
	"cli-recordings/test_confidential_disk_encryption_set.disk_d1_get.json",
	"cli-recordings/test_disk_encryption_set.disk7_get.json",
	"cli-recordings/test_disk_encryption_set.vm1_attach_os_disk_get_"
	    "instanceview.json",
	"cli-recordings/test_disk_encryption_set.vm2_show.json",
	"cli-recordings/test_disk_encryption_set_double_encryption.des1_show"
	    ".json",
	"cli-recordings/test_disk_encryption_set_double_encryption.disk_get"
	    ".json",
	"cli-recordings/test_disk_encryption_set_double_encryption.vm1_get_"
	    "instanceview.json",
	"cli-recordings/test_os_disk_security_encryption.vm_get_instanceview"
	    ".json",
	"cli-recordings/test_vm_disk_encryption_e2e.vm1_encryption_show_"
	    "instanceview.json",
	"cli-recordings/test_vm_encryption_at_host.vm1_get_instanceview.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachineScaleSet_Create_"
	    "WithDiskEncryptionSetResource.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachineScaleSet_Create_"
	    "WithEncryptionAtHost.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachineScaleSet_Create_"
	    "WithSecurityTypeConfidentialVM.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_WithDisk"
	    "EncryptionSetResource.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "EncryptionAtHost.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "EncryptionIdentity.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "SecurityTypeConfidentialVM.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "SecurityTypeConfidentialVMWithCustomerManagedKeys.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "SecurityTypeConfidentialVMWithNonPersistedTPM.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Create_With"
	    "UefiSettings.json",
	"rest-api-examples/ComputeRP/2024-11-01/VirtualMachine_Get.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_Create.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_Create_WithKey"
	    "VaultFromADifferentSubscription.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_Create_WithKey"
	    "VaultFromADifferentTenant.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_Get_WithAuto"
	    "KeyRotationError.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_ListBy"
	    "Subscription.json",
	"rest-api-examples/DiskRP/2024-03-02/DiskEncryptionSet_Update_With"
	    "RotationToLatestKeyVersionEnabled.json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_Create_ConfidentialVM"
	    "SupportedDiskEncryptedWithCMK.json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_Create_FromImportSecure.json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_Create_WithDiskEncryption"
	    "Set.json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_Create_WithSecurityProfile"
	    ".json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_Get.json",
	"rest-api-examples/DiskRP/2024-03-02/Disk_ListBySubscription.json",
	"rest-api-examples/ResourceGraph/2021-03-01/ResourcesPropertiesQuery"
	    ".json",
};

static const char *const fixtures_templates[] = {
	"quickstart-templates/bicep-registry-modules/avm-res-compute-disk-"
	    "encryption-set/main.json",
	"quickstart-templates/encrypt-running-linux-vm-without-aad/"
	    "azuredeploy.json",
	"quickstart-templates/encrypt-running-vmss-windows/azuredeploy.json",
	"quickstart-templates/encrypt-running-windows-vm-without-aad/"
	    "azuredeploy.json",
	"quickstart-templates/vm-simple-windows/azuredeploy.json",
};

static void
test_every_fixture(void)
{
	struct adc_estate *est;
	char what[200], path[512];
	size_t i;

	for (i = 0; i < sizeof(fixtures_ok) / sizeof(fixtures_ok[0]); i++) {
		snprintf(what, sizeof(what), "reads %.150s", fixtures_ok[i]);
		snprintf(path, sizeof(path), "azure/%s", fixtures_ok[i]);
		est = load(tap_fixture(path));
		OK(est != NULL, what);
		if (est == NULL)
			printf("#   %s\n", diag.msg);
		adc_estate_free(est);
	}
	for (i = 0; i < sizeof(fixtures_templates) /
	    sizeof(fixtures_templates[0]); i++) {
		snprintf(path, sizeof(path), "azure/%s", fixtures_templates[i]);
		est = load(tap_fixture(path));
		snprintf(what, sizeof(what), "template refused: %.140s",
		    fixtures_templates[i]);
		OK(est == NULL && diag.status == ADC_ESCHEMA &&
		    strstr(diag.msg, "ARM deployment template") != NULL &&
		    strcmp(diag.pointer, "/$schema") == 0 && diag.line == 2,
		    what);
		adc_estate_free(est);
	}
	est = load(FIX("rest-api-examples/DiskRP/2024-03-02/"
	    "DiskEncryptionSet_ListAssociatedResources.json"));
	OK(est == NULL && diag.status == ADC_ESCHEMA &&
	    strcmp(diag.pointer, "/responses/200/body/value/0") == 0 &&
	    strstr(diag.msg, "found a string") != NULL,
	    "a list of ids is refused at its first element");
	adc_estate_free(est);
}

static void
test_keys(void)
{
	char path[4096];
	struct adc_estate *est;
	const char *src = getenv("ADC_SOURCE_DIR");

	snprintf(path, sizeof(path), "%s/tests/data/az-key-show.json",
	    src != NULL ? src : ".");
	est = load(path);
	OK(est != NULL && est->n_keys == 1, "az keyvault key show reads");
	if (est != NULL && est->n_keys == 1) {
		INT_EQ(est->keys[0]->size_bits, 2048, "2048-bit modulus");
		INT_EQ(est->keys[0]->kty, ADC_KTY_RSA_HSM, "RSA-HSM");
		STR_EQ(est->keys[0]->vault_host, "kv-shapes.vault.azure.net",
		    "vault host");
		STR_EQ(est->keys[0]->name, "key-os", "key name");
		STR_EQ(est->keys[0]->version,
		    "0123456789abcdef0123456789abcdef", "key version");
		INT_EQ(est->keys[0]->exportable, ADC_YES, "exportable");
		INT_EQ(est->keys[0]->has_release_policy, ADC_YES, "policy");
		INT_EQ(est->keys[0]->has_expiry, ADC_YES, "has expiry");
		INT_EQ(est->keys[0]->expires, 1799568000, "2027-01-10T08:00Z");
		INT_EQ(est->keys[0]->enabled, ADC_YES, "enabled");
	}
	adc_estate_free(est);

	snprintf(path, sizeof(path), "%s/tests/data/rest-key-get.json",
	    src != NULL ? src : ".");
	est = load(path);
	OK(est != NULL && est->n_keys == 1, "REST key bundle reads");
	if (est != NULL && est->n_keys == 1) {
		INT_EQ(est->keys[0]->size_bits, 3068,
		    "first byte 0x0f of 384: 3068 bits");
		INT_EQ(est->keys[0]->enabled, ADC_NO, "disabled");
		INT_EQ(est->keys[0]->has_expiry, ADC_NO, "exp null: none");
		INT_EQ(est->keys[0]->has_release_policy, ADC_NO,
		    "no policy member on a key read whole");
	}
	adc_estate_free(est);
}

static void
test_bad_input(void)
{
	struct adc_estate *est;

	est = load_text("[{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/disks/d\", \"properties\": {");
	OK(est == NULL && diag.status == ADC_ESYNTAX && diag.line == 1 &&
	    diag.col > 1, "truncated input: syntax error with position");
	adc_estate_free(est);

	est = load_text("{\"id\": \"x\",\n \"name\": tru}");
	OK(est == NULL && diag.status == ADC_ESYNTAX && diag.line == 2,
	    "invalid JSON: line 2");
	adc_estate_free(est);

	est = load_text("[1, 2]");
	OK(est == NULL && diag.status == ADC_ESCHEMA &&
	    strcmp(diag.pointer, "/0") == 0, "a list of numbers: schema");
	adc_estate_free(est);

	est = load_text("\"just a string\"");
	OK(est == NULL && diag.status == ADC_ESCHEMA, "a string: schema");
	adc_estate_free(est);

	est = load_text("");
	OK(est == NULL && diag.status == ADC_ESYNTAX, "empty input");
	adc_estate_free(est);

	est = load_text("{\"contentVersion\": \"1.0.0.0\", \"resources\": []}");
	OK(est == NULL && diag.status == ADC_ESCHEMA &&
	    strstr(diag.msg, "template") != NULL, "template without $schema");
	adc_estate_free(est);

	est = load_text("{\"data\": {\"columns\": [], \"rows\": []}}");
	OK(est != NULL && est->n_vms == 0 && est->n_disks == 0,
	    "an empty Graph table holds no resources");
	adc_estate_free(est);

	est = load_text("[{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/virtualMachines/v\", \"type\": "
	    "\"Microsoft.Compute/virtualMachines\", \"securityProfile\": "
	    "{\"securityType\": \"QuantumVM\", \"encryptionAtHost\": "
	    "\"yes\"}}]");
	OK(est != NULL && est->n_vms == 1, "unknown enum value is kept");
	if (est != NULL && est->n_vms == 1) {
		INT_EQ(est->vms[0]->security_type, ADC_SECTYPE_OTHER, "OTHER");
		OK(has_note(est, "unknown-value"), "unknown-value note");
		OK(has_note(est, "wrong-type"), "\"yes\" is a wrong type");
		INT_EQ(est->vms[0]->encryption_at_host, ADC_UNKNOWN,
		    "a partial row gets no defaults");
	}
	adc_estate_free(est);

	/* Caching is the VM's: a disk resource has none, so a disk takes
	 * it from the VM that attaches it; a value newer than us is kept
	 * as OTHER with a note. */
	est = load_text("[{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/virtualMachines/v\", \"type\": "
	    "\"Microsoft.Compute/virtualMachines\", \"storageProfile\": "
	    "{\"osDisk\": {\"caching\": \"WriteBack\", \"managedDisk\": "
	    "{\"id\": \"/subscriptions/s/resourceGroups/r/providers/"
	    "Microsoft.Compute/disks/os\"}}, \"dataDisks\": [{\"lun\": 0, "
	    "\"caching\": \"readonly\", \"managedDisk\": {\"id\": "
	    "\"/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/"
	    "disks/d0\"}}]}}, {\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/disks/D0\", \"type\": "
	    "\"Microsoft.Compute/disks\", \"diskSizeGB\": 8}]");
	OK(est != NULL && adc_estate_link(est, &diag) == ADC_OK &&
	    est->n_vms == 1 && est->vms[0]->os_disk != NULL &&
	    est->vms[0]->n_data_disks == 1 &&
	    est->vms[0]->data_disks[0] != NULL, "caching: VM and disk link");
	if (est != NULL && est->n_vms == 1 && est->vms[0]->os_disk != NULL &&
	    est->vms[0]->n_data_disks == 1 &&
	    est->vms[0]->data_disks[0] != NULL) {
		INT_EQ(est->vms[0]->os_disk->caching, ADC_CACHING_OTHER,
		    "WriteBack: OTHER");
		OK(has_note(est, "unknown-value"), "with an unknown-value note");
		INT_EQ(est->vms[0]->data_disks[0]->caching,
		    ADC_CACHING_READ_ONLY,
		    "the disk resource takes the VM's caching, any case");
		OK(!est->vms[0]->data_disks[0]->from_vm_only,
		    "that disk is the resource, not the VM's copy");
	}
	adc_estate_free(est);

	est = load_text("{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/disks/d\", \"diskSizeGB\": 1, "
	    "\"diskSizeGB\": 2}");
	OK(est != NULL && est->n_disks == 1 && has_note(est, "duplicate-key"),
	    "duplicate key noted");
	if (est != NULL && est->n_disks == 1)
		INT_EQ(est->disks[0]->size_gb, 2, "the later value is used");
	adc_estate_free(est);

	est = load_text("[{\"id\": \"/subscriptions/s/providers/"
	    "Microsoft.Network/networkInterfaces/n\"}]");
	OK(est != NULL && est->n_vms == 0 && has_note(est, "ignored-type"),
	    "other resource types are skipped with a note");
	adc_estate_free(est);

	est = load_text("{\"id\": \"/subscriptions/s/providers/"
	    "Microsoft.Features/providers/Microsoft.Compute/features/"
	    "EncryptionAtHost\", \"name\": \"Microsoft.Compute/EncryptionAt"
	    "Host\", \"properties\": {\"state\": \"Registered\"}, \"type\": "
	    "\"Microsoft.Features/providers/features\"}");
	OK(est != NULL && est->eah_feature == ADC_YES,
	    "az feature show: EncryptionAtHost registered");
	adc_estate_free(est);
}

/* Every prefix of a real export: a positioned syntax error, never a
 * crash, and the whole file reads. */
static void
test_truncations(void)
{
	static char buf[8192];
	struct adc_estate *est;
	size_t len, cut, bad = 0;
	enum adc_status st;
	FILE *f;

	f = fopen(FIX("cli-recordings/test_vm_disk_encryption_e2e."
	    "vm1_encryption_show_instanceview.json"), "rb");
	OK(f != NULL, "ADE recording opens");
	if (f == NULL)
		return;
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	for (cut = 0; cut < len; cut++) {
		est = adc_estate_new();
		adc_diag_init(&diag, "cut");
		st = adc_estate_read_buffer(est, buf, cut, "cut", &diag);
		/* Only the trailing CRLF may go without harm. */
		if (cut + 2 < len && (st != ADC_ESYNTAX || diag.line == 0 ||
		    diag.col == 0))
			bad++;
		adc_estate_free(est);
	}
	INT_EQ(bad, 0, "every truncation is a positioned syntax error");
	est = adc_estate_new();
	OK(adc_estate_read_buffer(est, buf, len, "whole", &diag) == ADC_OK &&
	    est->n_vms == 1, "the whole file reads");
	adc_estate_free(est);
}

static void
test_more_shapes(void)
{
	struct adc_estate *est;

	/* An ARM-plane key row (Resource Graph, az resource show). */
	est = load_text("{\"data\": [{\"id\": \"/subscriptions/s/resource"
	    "Groups/r/providers/Microsoft.KeyVault/vaults/kv/keys/k\", "
	    "\"type\": \"microsoft.keyvault/vaults/keys\", \"name\": \"k\", "
	    "\"properties\": {\"kty\": \"RSA-HSM\", \"keySize\": 4096, "
	    "\"keyUriWithVersion\": \"https://KV.vault.azure.net:443/keys/k/"
	    "abc\", \"attributes\": {\"enabled\": true, \"exp\": "
	    "1893456000, \"exportable\": false}}}]}");
	OK(est != NULL && est->n_keys == 1, "Graph key row reads");
	if (est != NULL && est->n_keys == 1) {
		INT_EQ(est->keys[0]->size_bits, 4096, "keySize");
		STR_EQ(est->keys[0]->vault_host, "kv.vault.azure.net",
		    "host lower case, no port");
		STR_EQ(est->keys[0]->version, "abc", "version");
		INT_EQ(est->keys[0]->expires, 1893456000, "exp in Unix time");
		INT_EQ(est->keys[0]->exportable, ADC_NO, "not exportable");
	}
	adc_estate_free(est);

	/* ADE dual pass: the VM's own osDisk.encryptionSettings. */
	est = load_text("{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/virtualMachines/v\", \"properties\": "
	    "{\"hardwareProfile\": {\"vmSize\": \"Standard_D2s_v3\"}, "
	    "\"storageProfile\": {\"osDisk\": {\"osType\": \"Linux\", "
	    "\"encryptionSettings\": {\"enabled\": true, "
	    "\"diskEncryptionKey\": {\"secretUrl\": \"https://a.vault.azure."
	    "net/secrets/s/1\", \"sourceVault\": {\"id\": \"/v/a\"}}, "
	    "\"keyEncryptionKey\": {\"keyUrl\": \"https://a.vault.azure.net/"
	    "keys/k/2\"}}, \"diffDiskSettings\": {\"option\": \"Local\", "
	    "\"placement\": \"ResourceDisk\"}}}}}");
	OK(est != NULL && est->n_vms == 1, "dual-pass ADE VM reads");
	if (est != NULL && est->n_vms == 1) {
		INT_EQ(est->vms[0]->ade.enabled, ADC_YES, "ADE on");
		INT_EQ(est->vms[0]->ever_ade, ADC_YES, "ever ADE");
		STR_EQ(est->vms[0]->ade.kek_url, "https://a.vault.azure.net/"
		    "keys/k/2", "KEK URL");
		STR_EQ(est->vms[0]->ade.secret_vault_id, "/v/a",
		    "secret vault");
		INT_EQ(est->vms[0]->ephemeral_os, ADC_YES, "ephemeral OS");
		STR_EQ(est->vms[0]->ephemeral_placement, "ResourceDisk",
		    "placement");
	}
	adc_estate_free(est);

	/* az keyvault list without a resource group: generic rows. */
	est = load_text("[{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.KeyVault/vaults/kv\", \"location\": "
	    "\"westeurope\", \"name\": \"kv\", \"resourceGroup\": \"r\", "
	    "\"tags\": {}, \"type\": \"Microsoft.KeyVault/vaults\"}]");
	OK(est != NULL && est->n_vaults == 1, "generic vault row reads");
	if (est != NULL && est->n_vaults == 1) {
		INT_EQ(est->vaults[0]->sku, ADC_VAULT_UNKNOWN, "sku unknown");
		INT_EQ(est->vaults[0]->purge_protection, ADC_UNKNOWN,
		    "purge protection unknown, not off");
		INT_EQ(est->vaults[0]->soft_delete, ADC_UNKNOWN,
		    "soft delete unknown");
		STR_EQ(est->vaults[0]->location, "westeurope", "location");
	}
	adc_estate_free(est);

	/* A scale set instance is read as a VM. */
	est = load_text("[{\"id\": \"/subscriptions/s/resourceGroups/r/"
	    "providers/Microsoft.Compute/virtualMachineScaleSets/ss/"
	    "virtualMachines/0\", \"type\": \"Microsoft.Compute/"
	    "virtualMachineScaleSets/virtualMachines\", \"hardwareProfile\": "
	    "{\"vmSize\": \"Standard_D2s_v5\"}, \"storageProfile\": "
	    "{\"osDisk\": {\"managedDisk\": {\"id\": \"/d/0\"}}}}]");
	OK(est != NULL && est->n_vms == 1 && !est->vms[0]->is_scale_set &&
	    est->vms[0]->encryption_at_host == ADC_NO,
	    "scale set instance read as a VM");
	adc_estate_free(est);

	/* Two feature documents in two reads: one "no" wins. */
	est = adc_estate_new();
	adc_diag_init(&diag, "f");
	{
		static const char yes[] = "{\"name\": \"Microsoft.Compute/"
		    "EncryptionAtHost\", \"properties\": {\"state\": "
		    "\"Registered\"}, \"type\": \"Microsoft.Features/providers/"
		    "features\"}";
		static const char no[] = "{\"name\": \"Microsoft.Compute/"
		    "EncryptionAtHost\", \"properties\": {\"state\": "
		    "\"NotRegistered\"}, \"type\": \"Microsoft.Features/"
		    "providers/features\"}";

		OK(adc_estate_read_buffer(est, no, sizeof(no) - 1, "no",
		    &diag) == ADC_OK && adc_estate_read_buffer(est, yes,
		    sizeof(yes) - 1, "yes", &diag) == ADC_OK &&
		    est->eah_feature == ADC_NO,
		    "feature not registered in one subscription: no");
	}
	adc_estate_free(est);
}

int
main(void)
{
	test_ade_format_all();
	test_graph_table();
	test_more_shapes();
	test_truncations();
	test_confidential_vm();
	test_cli_vms();
	test_cli_disks_des();
	test_rest_examples();
	test_every_fixture();
	test_keys();
	test_bad_input();
	return tap_done();
}
