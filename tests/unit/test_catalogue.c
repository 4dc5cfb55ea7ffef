/* SPDX-License-Identifier: MIT */
/*
 * test_catalogue.c: the catalogue against the table in the product
 * description (VM01-VM10, disk01-disk03), and the resources each entry
 * builds.
 */
#include "adc.h"
#include "tap.h"

static void
test_lookup(void)
{
	size_t n;
	const struct adc_scenario *all = adc_scenarios(&n);

	INT_EQ(n, 13, "ten VMs and three disks");
	STR_EQ(all[0].id, "VM01", "VM01 first");
	STR_EQ(all[12].id, "disk03", "disk03 last");
	OK(adc_scenario_find("vm07") == &all[6], "ids match without case");
	OK(adc_scenario_find("VM11") == NULL, "unknown id is NULL");
	OK(adc_scenario_find(NULL) == NULL, "NULL id is NULL");
}

/* The study's recommended entries are VM02, VM10 and disk03. */
static void
test_recommended(void)
{
	size_t i, n;
	const struct adc_scenario *all = adc_scenarios(&n);
	int count = 0;

	for (i = 0; i < n; i++)
		count += all[i].recommended;
	INT_EQ(count, 3, "three recommended entries");
	OK(adc_scenario_find("VM02")->recommended, "VM02 recommended");
	OK(adc_scenario_find("VM10")->recommended, "VM10 recommended");
	OK(adc_scenario_find("disk03")->recommended, "disk03 recommended");
}

static void
test_settings(void)
{
	const struct adc_scenario *s;

	s = adc_scenario_find("VM03");
	INT_EQ(s->encryption_at_host, ADC_YES, "VM03 has encryption at host");
	INT_EQ(s->os_des_type, ADC_ENC_PLATFORM, "VM03 has no DES");
	s = adc_scenario_find("VM04");
	INT_EQ(s->os_des_type, ADC_ENC_CUSTOMER, "VM04 OS DES is customer");
	s = adc_scenario_find("VM05");
	INT_EQ(s->os_sec_encryption, ADC_SECENC_VMGS_ONLY,
	    "VM05 is guest state only");
	STR_EQ(s->size, "Standard_DC2as_v5", "VM05 confidential size");
	s = adc_scenario_find("VM07");
	INT_EQ(s->os_sec_encryption, ADC_SECENC_DISK_WITH_VMGS,
	    "VM07 needs DiskWithVMGuestState");
	INT_EQ(s->os_des_type, ADC_ENC_CONFIDENTIAL,
	    "VM07 DES is ConfidentialVmEncryptedWithCustomerKey");
	s = adc_scenario_find("VM08");
	INT_EQ(s->data_des_type, ADC_ENC_CUSTOMER, "VM08 data DES customer");
	INT_EQ(s->n_data_disks, 1, "VM08 one data disk");
	INT_EQ(s->encryption_at_host, ADC_NO, "VM08 no encryption at host");
	s = adc_scenario_find("VM10");
	INT_EQ(s->encryption_at_host, ADC_YES, "VM10 encryption at host");
	INT_EQ(s->data_des_type, ADC_ENC_CUSTOMER, "VM10 data DES customer");
	STR_EQ(adc_scenario_find("VM01")->size, "Standard_D2ds_v4",
	    "VM01 uses Standard_D2ds_v4");
	INT_EQ(adc_scenario_find("disk03")->data_des_type, ADC_ENC_DOUBLE,
	    "disk03 double encryption");
}

static void
test_build(void)
{
	struct adc_scenario_vm b;

	INT_EQ(adc_scenario_build(adc_scenario_find("VM07"), &b), ADC_OK,
	    "VM07 builds");
	OK(b.vm.os_disk == &b.os_disk, "OS disk linked");
	OK(b.os_disk.secure_des == &b.os_des, "confidential DES on the "
	    "security profile");
	OK(b.os_disk.des == NULL, "no SSE DES on a confidential OS disk");
	INT_EQ(b.os_disk.sec_type, ADC_DSEC_CVM_DISK_CMK,
	    "disk security type ConfidentialVM_DiskEncryptedWithCustomerKey");
	INT_EQ(b.os_des.auto_rotation, ADC_NO,
	    "no auto-rotation on a confidential DES");
	INT_EQ(b.os_key.kty, ADC_KTY_RSA_HSM, "confidential key is RSA-HSM");
	INT_EQ(b.os_vault.sku, ADC_VAULT_PREMIUM, "in a Premium vault");
	INT_EQ(b.vm.n_data_disks, 0, "VM07 has no data disk");

	INT_EQ(adc_scenario_build(adc_scenario_find("disk03"), &b), ADC_OK,
	    "disk03 builds");
	INT_EQ(b.vm.n_data_disks, 1, "disk03 rides as one data disk");
	INT_EQ(b.data[0].enc_type, ADC_ENC_DOUBLE, "double encryption type");
	OK(b.data[0].des == &b.data_des, "data DES linked");
	INT_EQ(b.vm.encryption_at_host, ADC_NO, "on a VM01");
	INT_EQ(adc_scenario_build(NULL, &b), ADC_EINVAL, "NULL refused");
}

static void
test_notes(void)
{
	const char *const *notes;
	int found = 0;

	notes = adc_scenario_notes(adc_scenario_find("VM07"));
	for (; *notes != NULL; notes++)
		found += strstr(*notes, "DiskWithVMGuestState") != NULL;
	OK(found > 0, "VM07 explains DiskWithVMGuestState");
	notes = adc_scenario_notes(adc_scenario_find("VM05"));
	OK(notes[0] != NULL && strstr(notes[0], "not confidentially") != NULL,
	    "VM05 says the OS disk is not confidentially encrypted");
	OK(adc_scenario_notes(NULL)[0] == NULL, "no notes for NULL");
}

int
main(void)
{
	test_lookup();
	test_recommended();
	test_settings();
	test_build();
	test_notes();
	return tap_done();
}
