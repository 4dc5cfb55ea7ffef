/* SPDX-License-Identifier: MIT */
/*
 * test_blast.c: the blast radius of keys in hand-built estates: which
 * DES use each key (any version), which disks and VMs sit behind them,
 * the filters, and the effects of a lost key from azure-facts.md 3.6.
 */
#include <stdio.h>

#include "tap.h"
#include "world.h"

static void
test_two_keys(void)
{
	struct adc_blast b;
	struct world w;

	world_std(&w);
	world_add_vm2(&w, &w.des_os);
	INT_EQ(adc_blast_radius(&w.e, NULL, NULL, &b, NULL), ADC_OK, "runs");
	INT_EQ(b.n_keys, 2, "two keys");
	STR_EQ(b.keys[0].key_url, W_KEY_OS, "key-os first (estate order)");
	INT_EQ(b.keys[0].n_des, 1, "one DES uses key-os");
	INT_EQ(b.keys[0].des[0].n_disks, 2, "des-os: vm1-os and vm2-os");
	INT_EQ(b.keys[0].n_vms, 2, "behind key-os: two VMs");
	STR_EQ(b.keys[0].vms[0]->name, "vm1", "vm1");
	STR_EQ(b.keys[0].vms[1]->name, "vm2", "vm2");
	OK(b.keys[0].key == &w.key_os, "the key is linked");
	INT_EQ(b.keys[1].n_vms, 1, "behind key-data: vm1 only");
	INT_EQ(b.keys[1].n_disks, 1, "one disk");
	OK(!b.keys[0].confidential, "not confidential");
	adc_blast_free(&b);
	adc_blast_free(&b);
}

static void
test_versions_are_one_key(void)
{
	struct adc_blast b;
	struct world w;

	world_std(&w);
	/* des-data on another version of key-os, host in upper case with
	 * the port: the same key. */
	w.des_data.key_url = "https://KV-DISKS.vault.azure.net:443/keys/"
	    "key-os/0000000000000000000000000000aaaa";
	w.des_data.key = NULL;
	INT_EQ(adc_blast_radius(&w.e, NULL, NULL, &b, NULL), ADC_OK, "runs");
	INT_EQ(b.n_keys, 1, "one key, two versions");
	INT_EQ(b.keys[0].n_des, 2, "behind it both DES");
	INT_EQ(b.keys[0].n_disks, 2, "and both disks");
	adc_blast_free(&b);
}

static void
test_filters(void)
{
	struct adc_blast b;
	struct adc_diag d;
	struct world w;

	world_cvm(&w);
	INT_EQ(adc_blast_radius(&w.e, "https://kv-disks.vault.azure.net/keys/"
	    "key-data", NULL, &b, NULL), ADC_OK, "--key without version");
	INT_EQ(b.n_keys, 1, "one key");
	STR_EQ(b.keys[0].key_url, W_KEY_DATA, "key-data");
	adc_blast_free(&b);

	INT_EQ(adc_blast_radius(&w.e, NULL, W_DES_OS, &b, NULL), ADC_OK,
	    "--des");
	INT_EQ(b.n_keys, 1, "the DES's key");
	OK(b.keys[0].confidential, "a confidential DES uses it");
	INT_EQ(b.keys[0].des[0].n_disks, 1, "the secure-VM DES's OS disk");
	adc_blast_free(&b);

	adc_diag_init(&d, NULL);
	INT_EQ(adc_blast_radius(&w.e, "https://kv-x.vault.azure.net/keys/k",
	    NULL, &b, &d), ADC_ENOTFOUND, "an unused key: not found");
	OK(strstr(d.msg, "kv-x") != NULL, "the message names the key");
	adc_blast_free(&b);
	adc_diag_init(&d, NULL);
	INT_EQ(adc_blast_radius(&w.e, NULL, "/subscriptions/x/des-none", &b,
	    &d), ADC_ENOTFOUND, "an unknown DES: not found");
	adc_blast_free(&b);
}

/* Keys in estate order, the filter keeping the right group even when
 * its DES are not the first. */
static void
test_groups_in_order(void)
{
	struct adc_des third, *all[3];
	struct adc_blast b;
	struct world w;

	world_std(&w);
	third = w.des_os;
	third.id = W_RG "/providers/Microsoft.Compute/diskEncryptionSets/d3";
	third.name = "d3";
	all[0] = &w.des_os;
	all[1] = &w.des_data;
	all[2] = &third;
	w.e.des = all;
	w.e.n_des = 3;
	INT_EQ(adc_blast_radius(&w.e, NULL, NULL, &b, NULL), ADC_OK, "runs");
	INT_EQ(b.n_keys, 2, "two keys for three DES");
	INT_EQ(b.keys[0].n_des, 2, "key-os: des-os and d3");
	STR_EQ(b.keys[0].des[1].des->name, "d3", "d3 second");
	INT_EQ(b.keys[0].des[1].n_disks, 0, "d3 has no disks");
	STR_EQ(b.keys[1].des[0].des->name, "des-data", "then key-data");
	adc_blast_free(&b);

	INT_EQ(adc_blast_radius(&w.e, NULL, W_DES_DATA, &b, NULL), ADC_OK,
	    "--des des-data");
	INT_EQ(b.n_keys, 1, "one key");
	INT_EQ(b.keys[0].n_des, 1, "one DES");
	STR_EQ(b.keys[0].des[0].des->name, "des-data", "des-data");
	INT_EQ(b.keys[0].n_vms, 1, "vm1 behind it");
	adc_blast_free(&b);
}

static void
test_effects(void)
{
	const char *const *e = adc_blast_effects();

	OK(e[0] != NULL && strstr(e[0], "shuts down") != NULL &&
	    strstr(e[0], "does not boot") != NULL,
	    "VMs shut down and do not boot [DE]");
	OK(e[1] != NULL && strstr(e[1], "one hour") != NULL,
	    "reads and writes fail about one hour after [DE]");
}

int
main(void)
{
	test_two_keys();
	test_versions_are_one_key();
	test_filters();
	test_groups_in_order();
	test_effects();
	return tap_done();
}
