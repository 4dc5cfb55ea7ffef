/* SPDX-License-Identifier: MIT */
/*
 * catalogue.c: the scenario catalogue, VM01-VM10 and disk01-disk03.
 *
 * The catalogue reproduces a study that deployed one VM or disk per
 * combination of encryption methods; its ids are the vocabulary of every
 * report. The settings follow Azure where the study's notes differ: a
 * customer key on a confidential OS disk needs DiskWithVMGuestState, so
 * VM07 is VM06 with a customer key, not VM05 with one. Source keys in
 * brackets refer to the project's fact base.
 */
#include <ctype.h>
#include <string.h>

#include "adc.h"

#define CVM_SIZE	"Standard_DC2as_v5"
#define CVM_IMAGE	"Canonical:0001-com-ubuntu-confidential-vm-jammy:" \
			"22_04-lts-cvm:latest"
/* A v4 size with a temp disk that predates the v5 temp-disk behaviour,
 * so VM01-VM04 show what the study saw. */
#define STD_SIZE	"Standard_D2ds_v4"
#define STD_IMAGE	"Ubuntu2204"

#define CVM_FLAGS	"--size " CVM_SIZE " --image " CVM_IMAGE \
			" --security-type ConfidentialVM --enable-vtpm true" \
			" --enable-secure-boot true"

static const struct adc_scenario catalogue[] = {
	{ "VM01", ADC_SCENARIO_VM, "defaults: SSE with platform key",
	  "Azure Storage encrypts the OS disk at rest with a key Microsoft "
	  "holds. Nothing else is set.",
	  "none", false,
	  ADC_SECTYPE_STANDARD, ADC_UNKNOWN, ADC_UNKNOWN, ADC_NO,
	  ADC_SECENC_NONE, ADC_ENC_PLATFORM, ADC_ENC_UNKNOWN, 0,
	  STD_SIZE, STD_IMAGE },
	{ "VM02", ADC_SCENARIO_VM, "SSE with customer key on the OS disk",
	  "Azure Storage encrypts the OS disk at rest with the customer's "
	  "key, through a disk encryption set.",
	  "--os-disk-encryption-set (DES EncryptionAtRestWithCustomerKey)",
	  true,
	  ADC_SECTYPE_STANDARD, ADC_UNKNOWN, ADC_UNKNOWN, ADC_NO,
	  ADC_SECENC_NONE, ADC_ENC_CUSTOMER, ADC_ENC_UNKNOWN, 0,
	  STD_SIZE, STD_IMAGE },
	{ "VM03", ADC_SCENARIO_VM,
	  "encryption at host, platform key: temp disk and caches too",
	  "The VM host encrypts the disks, the temp disk and the caches, "
	  "with platform keys, before data reaches Storage.",
	  "--encryption-at-host true", false,
	  ADC_SECTYPE_STANDARD, ADC_UNKNOWN, ADC_UNKNOWN, ADC_YES,
	  ADC_SECENC_NONE, ADC_ENC_PLATFORM, ADC_ENC_UNKNOWN, 0,
	  STD_SIZE, STD_IMAGE },
	{ "VM04", ADC_SCENARIO_VM, "encryption at host with customer key",
	  "The VM host encrypts the OS disk and its cache with the "
	  "customer's key, and the temp disk with a platform key.",
	  "--encryption-at-host true --os-disk-encryption-set", false,
	  ADC_SECTYPE_STANDARD, ADC_UNKNOWN, ADC_UNKNOWN, ADC_YES,
	  ADC_SECENC_NONE, ADC_ENC_CUSTOMER, ADC_ENC_UNKNOWN, 0,
	  STD_SIZE, STD_IMAGE },
	{ "VM05", ADC_SCENARIO_VM,
	  "confidential VM, guest state only",
	  "A confidential VM whose guest state is encrypted and bound to "
	  "its vTPM; the OS disk is not confidentially encrypted.",
	  CVM_FLAGS " --os-disk-security-encryption-type VMGuestStateOnly",
	  false,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_NO,
	  ADC_SECENC_VMGS_ONLY, ADC_ENC_PLATFORM, ADC_ENC_UNKNOWN, 0,
	  CVM_SIZE, CVM_IMAGE },
	{ "VM06", ADC_SCENARIO_VM,
	  "confidential VM, OS disk and guest state, platform key",
	  "A confidential VM whose OS disk and guest state are encrypted "
	  "and bound to its vTPM, with a platform key.",
	  CVM_FLAGS " --os-disk-security-encryption-type DiskWithVMGuestState",
	  false,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_NO,
	  ADC_SECENC_DISK_WITH_VMGS, ADC_ENC_PLATFORM, ADC_ENC_UNKNOWN, 0,
	  CVM_SIZE, CVM_IMAGE },
	{ "VM07", ADC_SCENARIO_VM,
	  "confidential VM, OS disk and guest state, customer key",
	  "VM06 with the customer's key for the confidential OS disk, "
	  "through a confidential disk encryption set.",
	  CVM_FLAGS " --os-disk-security-encryption-type DiskWithVMGuestState"
	  " --os-disk-secure-vm-disk-encryption-set"
	  " (DES ConfidentialVmEncryptedWithCustomerKey)", false,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_NO,
	  ADC_SECENC_DISK_WITH_VMGS, ADC_ENC_CONFIDENTIAL, ADC_ENC_UNKNOWN, 0,
	  CVM_SIZE, CVM_IMAGE },
	{ "VM08", ADC_SCENARIO_VM,
	  "VM07, and data disks with a customer key",
	  "VM07 with a data disk that Storage encrypts with the customer's "
	  "key, through a separate disk encryption set.",
	  CVM_FLAGS " --os-disk-security-encryption-type DiskWithVMGuestState"
	  " --os-disk-secure-vm-disk-encryption-set"
	  " --data-disk-sizes-gb 32 --data-disk-encryption-sets"
	  " (DES EncryptionAtRestWithCustomerKey)", false,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_NO,
	  ADC_SECENC_DISK_WITH_VMGS, ADC_ENC_CONFIDENTIAL, ADC_ENC_CUSTOMER, 1,
	  CVM_SIZE, CVM_IMAGE },
	{ "VM09", ADC_SCENARIO_VM, "VM07 with encryption at host",
	  "VM07 whose host also encrypts the caches and the data flowing "
	  "to Storage.",
	  CVM_FLAGS " --os-disk-security-encryption-type DiskWithVMGuestState"
	  " --os-disk-secure-vm-disk-encryption-set --encryption-at-host true",
	  false,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_YES,
	  ADC_SECENC_DISK_WITH_VMGS, ADC_ENC_CONFIDENTIAL, ADC_ENC_UNKNOWN, 0,
	  CVM_SIZE, CVM_IMAGE },
	{ "VM10", ADC_SCENARIO_VM, "VM08 with encryption at host",
	  "VM08 whose host also encrypts the caches and the data flowing "
	  "to Storage: every layer, customer keys throughout.",
	  CVM_FLAGS " --os-disk-security-encryption-type DiskWithVMGuestState"
	  " --os-disk-secure-vm-disk-encryption-set"
	  " --data-disk-sizes-gb 32 --data-disk-encryption-sets"
	  " --encryption-at-host true", true,
	  ADC_SECTYPE_CONFIDENTIAL, ADC_YES, ADC_YES, ADC_YES,
	  ADC_SECENC_DISK_WITH_VMGS, ADC_ENC_CONFIDENTIAL, ADC_ENC_CUSTOMER, 1,
	  CVM_SIZE, CVM_IMAGE },
	{ "disk01", ADC_SCENARIO_DISK, "data disk, platform key",
	  "A managed data disk that Storage encrypts with a platform key.",
	  "--size-gb 32", false,
	  ADC_SECTYPE_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN,
	  ADC_SECENC_UNKNOWN, ADC_ENC_UNKNOWN, ADC_ENC_PLATFORM, 1,
	  NULL, NULL },
	{ "disk02", ADC_SCENARIO_DISK, "data disk, customer key",
	  "A managed data disk that Storage encrypts with the customer's "
	  "key, through a disk encryption set.",
	  "--size-gb 32 --disk-encryption-set"
	  " (DES EncryptionAtRestWithCustomerKey)", false,
	  ADC_SECTYPE_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN,
	  ADC_SECENC_UNKNOWN, ADC_ENC_UNKNOWN, ADC_ENC_CUSTOMER, 1,
	  NULL, NULL },
	{ "disk03", ADC_SCENARIO_DISK, "data disk, double encryption",
	  "A managed data disk that Storage encrypts twice: with the "
	  "customer's key and again with a platform key.",
	  "--size-gb 32 --disk-encryption-set"
	  " (DES EncryptionAtRestWithPlatformAndCustomerKeys)", true,
	  ADC_SECTYPE_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN, ADC_UNKNOWN,
	  ADC_SECENC_UNKNOWN, ADC_ENC_UNKNOWN, ADC_ENC_DOUBLE, 1,
	  NULL, NULL },
};

#define N_SCENARIOS (sizeof(catalogue) / sizeof(catalogue[0]))

const struct adc_scenario *
adc_scenarios(size_t *n)
{
	if (n != NULL)
		*n = N_SCENARIOS;
	return catalogue;
}

static int
equal_nocase(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

const struct adc_scenario *
adc_scenario_find(const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < N_SCENARIOS; i++) {
		if (equal_nocase(catalogue[i].id, id))
			return &catalogue[i];
	}
	return NULL;
}
