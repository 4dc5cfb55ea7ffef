/* SPDX-License-Identifier: MIT */
/*
 * match.c: which catalogue scenario a VM is. The VM's own settings and
 * its OS disk decide (PRODUCT.md, "The scenario catalogue"); each data
 * disk is then named disk01-disk03 by its own key. VM08 and VM10 also
 * need every data disk to carry a customer key. Trusted Launch adds no
 * disk encryption, so a Trusted Launch VM matches like a standard one.
 * A VM with ADE, or with settings no scenario has, gets none and a
 * reason.
 */
#include "rules.h"

#include <stdint.h>
#include <string.h>

static const struct adc_scenario *
found(const char *id, const char **reason)
{
	const struct adc_scenario *s = adc_scenario_find(id);

	if (s == NULL)
		*reason = "the catalogue has no such entry";
	return s;
}

static const struct adc_scenario *
none(const char *why, const char **reason)
{
	*reason = why;
	return NULL;
}

static struct ctx_disk
as_ctx(const struct adc_disk *disk, const struct adc_vm *vm)
{
	struct ctx_disk cd;

	memset(&cd, 0, sizeof(cd));
	cd.disk = disk;
	cd.vm = vm;
	cd.vm_no = SIZE_MAX;
	cd.des = disk->des;
	cd.secure_des = disk->secure_des;
	return cd;
}

/* VM01-VM04: encryption at host and the OS disk's key. */
static const struct adc_scenario *
match_standard(const struct adc_vm *vm, const char **reason)
{
	struct ctx_disk os = as_ctx(vm->os_disk, vm);
	bool eah = vm->encryption_at_host == ADC_YES;

	if (vm->os_sec_encryption != ADC_SECENC_NONE &&
	    vm->os_sec_encryption != ADC_SECENC_UNKNOWN)
		return none("securityEncryptionType on a VM that is not "
		    "confidential", reason);
	if (vm->os_disk->secure_des_id != NULL)
		return none("secure-VM DES on a VM that is not confidential",
		    reason);
	switch (ctx_disk_enc(&os)) {
	case ADC_ENC_PLATFORM:
		return found(eah ? "VM03" : "VM01", reason);
	case ADC_ENC_CUSTOMER:
		return found(eah ? "VM04" : "VM02", reason);
	case ADC_ENC_DOUBLE:
		return none("OS disk with double encryption: no catalogue "
		    "VM has one", reason);
	case ADC_ENC_CONFIDENTIAL:
	case ADC_ENC_OTHER:
		return none("OS disk key type not in the catalogue", reason);
	case ADC_ENC_UNKNOWN:
		break;
	}
	if (vm->os_disk->des_id != NULL)
		return none("the OS disk's DES is not in the input; its type "
		    "decides", reason);
	return none("OS disk encryption type unknown", reason);
}

/* 1: every data disk has a customer key (and there is one); 0: some
 * has not; -1: some is unknown. */
static int
data_all_cmk(const struct adc_vm *vm)
{
	struct ctx_disk cd;
	enum adc_enc_type t;
	size_t i;

	for (i = 0; i < vm->n_data_disks; i++) {
		cd = as_ctx(vm->data_disks[i], vm);
		t = ctx_disk_enc(&cd);
		if (t == ADC_ENC_UNKNOWN)
			return -1;
		if (t != ADC_ENC_CUSTOMER && t != ADC_ENC_DOUBLE)
			return 0;
	}
	return vm->n_data_disks > 0 ? 1 : 0;
}

/* VM06-VM10: DiskWithVMGuestState, with or without its customer key. */
static const struct adc_scenario *
match_dwvmgs(const struct adc_vm *vm, const char **reason)
{
	const struct adc_disk *os = vm->os_disk;
	bool eah = vm->encryption_at_host == ADC_YES;
	int all;

	if (os->secure_des_id == NULL &&
	    os->sec_type != ADC_DSEC_CVM_DISK_CMK) {
		if (eah)
			return none("confidential VM with encryption at host "
			    "but without a DiskWithVMGuestState customer key: "
			    "no catalogue scenario", reason);
		return found("VM06", reason);
	}
	all = data_all_cmk(vm);
	if (all < 0)
		return none("a data disk's encryption type is unknown",
		    reason);
	if (all == 1)
		return found(eah ? "VM10" : "VM08", reason);
	return found(eah ? "VM09" : "VM07", reason);
}

static const struct adc_scenario *
match_confidential(const struct adc_vm *vm, const char **reason)
{
	struct ctx_disk os = as_ctx(vm->os_disk, vm);

	switch (vm->os_sec_encryption) {
	case ADC_SECENC_VMGS_ONLY:
		if (vm->encryption_at_host == ADC_YES)
			return none("confidential VM with encryption at host "
			    "but without a DiskWithVMGuestState customer key: "
			    "no catalogue scenario", reason);
		if (vm->os_disk->secure_des_id != NULL ||
		    ctx_disk_cmk(&os) == ADC_YES)
			return none("confidential VM with VMGuestStateOnly "
			    "and a customer key on the OS disk: no catalogue "
			    "scenario", reason);
		return found("VM05", reason);
	case ADC_SECENC_DISK_WITH_VMGS:
		return match_dwvmgs(vm, reason);
	case ADC_SECENC_NON_PERSISTED_TPM:
		return none("confidential VM with NonPersistedTPM: no "
		    "catalogue scenario", reason);
	case ADC_SECENC_NONE:
		return none("confidential VM without securityEncryptionType",
		    reason);
	case ADC_SECENC_OTHER:
		return none("securityEncryptionType not in the catalogue",
		    reason);
	case ADC_SECENC_UNKNOWN:
		break;
	}
	return none("securityEncryptionType unknown", reason);
}

const struct adc_scenario *
adc_scenario_match(const struct adc_vm *vm, const char **reason)
{
	const char *dummy;

	if (reason == NULL)
		reason = &dummy;
	*reason = NULL;
	if (vm == NULL)
		return none("no VM", reason);
	if (vm_ade_on(vm) == ADC_YES)
		return none("Azure Disk Encryption in use", reason);
	if (vm->os_disk == NULL)
		return none("OS disk not in the input", reason);
	if (vm->encryption_at_host == ADC_UNKNOWN)
		return none("encryption at host unknown", reason);
	switch (vm->security_type) {
	case ADC_SECTYPE_STANDARD:
	case ADC_SECTYPE_TRUSTED_LAUNCH:
		return match_standard(vm, reason);
	case ADC_SECTYPE_CONFIDENTIAL:
		return match_confidential(vm, reason);
	case ADC_SECTYPE_OTHER:
		return none("security type not in the catalogue", reason);
	case ADC_SECTYPE_UNKNOWN:
		break;
	}
	return none("security type unknown", reason);
}

const struct adc_scenario *
adc_disk_scenario_match(const struct adc_disk *disk, const char **reason)
{
	const char *dummy;
	struct ctx_disk cd;

	if (reason == NULL)
		reason = &dummy;
	*reason = NULL;
	if (disk == NULL)
		return none("no disk", reason);
	if (disk->ade.enabled == ADC_YES)
		return none("Azure Disk Encryption in use", reason);
	cd = as_ctx(disk, disk->vm);
	switch (ctx_disk_enc(&cd)) {
	case ADC_ENC_PLATFORM:
		return found("disk01", reason);
	case ADC_ENC_CUSTOMER:
		return found("disk02", reason);
	case ADC_ENC_DOUBLE:
		return found("disk03", reason);
	case ADC_ENC_CONFIDENTIAL:
		return none("a confidential DES, which is only for a "
		    "confidential OS disk", reason);
	case ADC_ENC_OTHER:
		return none("encryption type not in the catalogue", reason);
	case ADC_ENC_UNKNOWN:
		break;
	}
	return none("encryption type unknown", reason);
}
