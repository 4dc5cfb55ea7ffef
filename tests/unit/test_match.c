/* SPDX-License-Identifier: MIT */
/*
 * test_match.c: every catalogue VM, built by adc_scenario_build, matches
 * itself; data disks are named disk01-disk03 by their own key; the VMs
 * no scenario describes get none and the reason.
 */
#include <stdio.h>

#include "tap.h"
#include "world.h"

static void
test_catalogue_matches_itself(void)
{
	const struct adc_scenario *all, *got;
	struct adc_scenario_vm b;
	const char *reason;
	char what[128];
	size_t i, n, n_vm = 0;

	all = adc_scenarios(&n);
	for (i = 0; i < n; i++) {
		if (all[i].kind != ADC_SCENARIO_VM)
			continue;
		n_vm++;
		INT_EQ(adc_scenario_build(&all[i], &b), ADC_OK, "build");
		got = adc_scenario_match(&b.vm, &reason);
		snprintf(what, sizeof(what), "%s matches itself", all[i].id);
		STR_EQ(got != NULL ? got->id : reason, all[i].id, what);
	}
	INT_EQ(n_vm, 10, "the catalogue has VM01-VM10");
}

static void
test_disk_names(void)
{
	const struct adc_scenario *all, *got;
	struct adc_scenario_vm b;
	const char *reason;
	char what[128];
	size_t i, n, n_disk = 0;

	all = adc_scenarios(&n);
	for (i = 0; i < n; i++) {
		if (all[i].kind != ADC_SCENARIO_DISK)
			continue;
		n_disk++;
		adc_scenario_build(&all[i], &b);
		got = adc_disk_scenario_match(b.vm.data_disks[0], &reason);
		snprintf(what, sizeof(what), "%s's data disk is %s", all[i].id,
		    all[i].id);
		STR_EQ(got != NULL ? got->id : reason, all[i].id, what);
		got = adc_scenario_match(&b.vm, &reason);
		snprintf(what, sizeof(what), "a VM carrying %s is VM01",
		    all[i].id);
		STR_EQ(got != NULL ? got->id : reason, "VM01", what);
	}
	INT_EQ(n_disk, 3, "the catalogue has disk01-disk03");
}

static const char *
match_id(const struct world *w, const char **reason)
{
	const struct adc_scenario *s = adc_scenario_match(&w->vm, reason);

	return s != NULL ? s->id : NULL;
}

/* Each VM of the hand-built worlds, and small changes to them. */
static void
test_worlds(void)
{
	const char *reason;
	struct world w;

	world_std(&w);
	STR_EQ(match_id(&w, &reason), "VM04",
	    "Trusted Launch + EAH + CMK OS disk is VM04");
	w.vm.encryption_at_host = ADC_NO;
	STR_EQ(match_id(&w, &reason), "VM02", "without EAH it is VM02");
	w.os.enc_type = ADC_ENC_PLATFORM;
	w.os.des_id = NULL;
	w.os.des = NULL;
	STR_EQ(match_id(&w, &reason), "VM01",
	    "platform key, no EAH: VM01 (the data disk's key does not count)");
	w.vm.security_type = ADC_SECTYPE_STANDARD;
	STR_EQ(match_id(&w, &reason), "VM01", "standard security: VM01");
	w.vm.encryption_at_host = ADC_YES;
	STR_EQ(match_id(&w, &reason), "VM03", "platform key + EAH: VM03");

	world_cvm(&w);
	STR_EQ(match_id(&w, &reason), "VM10", "the CVM world is VM10");
	w.data.enc_type = ADC_ENC_PLATFORM;
	w.data.des_id = NULL;
	w.data.des = NULL;
	STR_EQ(match_id(&w, &reason), "VM09",
	    "a platform-key data disk makes it VM09, not VM10");
	w.vm.encryption_at_host = ADC_NO;
	STR_EQ(match_id(&w, &reason), "VM07", "and without EAH VM07");
	w.vm.n_data_disks = 0;
	STR_EQ(match_id(&w, &reason), "VM07", "no data disks: VM07");
}

static void
test_no_scenario(void)
{
	const char *reason;
	struct world w;

	world_std(&w);
	w.vm.encryption_at_host = ADC_NO;
	w.vm.ade.enabled = ADC_YES;
	STR_EQ(match_id(&w, &reason), NULL, "ADE: no scenario");
	STR_EQ(reason, "Azure Disk Encryption in use", "ADE: the reason");

	world_std(&w);
	w.os.enc_type = ADC_ENC_DOUBLE;
	STR_EQ(match_id(&w, &reason), NULL, "double-encrypted OS: none");
	OK(reason != NULL && strstr(reason, "double encryption") != NULL,
	    "double-encrypted OS: the reason says so");

	world_cvm(&w);
	w.os.secure_des_id = NULL;
	w.os.secure_des = NULL;
	w.os.sec_type = ADC_DSEC_CVM_DISK_PMK;
	STR_EQ(match_id(&w, &reason), NULL,
	    "confidential PMK OS disk + EAH: none");
	OK(reason != NULL && strstr(reason, "without a DiskWithVMGuestState "
	    "customer key") != NULL, "and the reason names the missing key");

	world_cvm(&w);
	w.vm.os_sec_encryption = ADC_SECENC_NON_PERSISTED_TPM;
	STR_EQ(match_id(&w, &reason), NULL, "NonPersistedTPM: none");
	OK(reason != NULL && strstr(reason, "NonPersistedTPM") != NULL,
	    "NonPersistedTPM: the reason");

	world_std(&w);
	w.vm.security_type = ADC_SECTYPE_UNKNOWN;
	STR_EQ(match_id(&w, &reason), NULL, "unknown security type: none");
	STR_EQ(reason, "security type unknown", "unknown: the reason");

	world_std(&w);
	w.vm.encryption_at_host = ADC_UNKNOWN;
	STR_EQ(match_id(&w, &reason), NULL, "unknown EAH: none");

	world_std(&w);
	w.os.enc_type = ADC_ENC_UNKNOWN;
	w.os.des = NULL;
	STR_EQ(match_id(&w, &reason), NULL, "OS disk DES not in the input");
	OK(reason != NULL && strstr(reason, "DES is not in the input") != NULL,
	    "and the reason says what is missing");

	world_cvm(&w);
	w.data.enc_type = ADC_ENC_UNKNOWN;
	w.data.des = NULL;
	w.data.des_id = NULL;
	STR_EQ(match_id(&w, &reason), NULL, "unknown data disk key: none");
}

static void
test_disk_reasons(void)
{
	const struct adc_scenario *s;
	const char *reason;
	struct world w;

	world_std(&w);
	s = adc_disk_scenario_match(&w.data, &reason);
	STR_EQ(s != NULL ? s->id : NULL, "disk02", "CMK data disk: disk02");
	w.data.ade.enabled = ADC_YES;
	s = adc_disk_scenario_match(&w.data, &reason);
	OK(s == NULL, "ADE data disk: none");
	STR_EQ(reason, "Azure Disk Encryption in use", "ADE disk reason");

	/* A VM's copy without a DES: the platform key. */
	world_std(&w);
	w.data.enc_type = ADC_ENC_UNKNOWN;
	w.data.des = NULL;
	w.data.des_id = NULL;
	w.data.from_vm_only = true;
	s = adc_disk_scenario_match(&w.data, &reason);
	STR_EQ(s != NULL ? s->id : NULL, "disk01",
	    "a VM's copy without a DES is disk01");
	w.data.from_vm_only = false;
	s = adc_disk_scenario_match(&w.data, &reason);
	OK(s == NULL, "a disk resource without encryption.type: none");
	STR_EQ(reason, "encryption type unknown", "and the reason");
}

int
main(void)
{
	test_catalogue_matches_itself();
	test_disk_names();
	test_worlds();
	test_no_scenario();
	test_disk_reasons();
	return tap_done();
}
