/* SPDX-License-Identifier: MIT */
/*
 * test_rules_scale.c: check and blast radius over 20000 VMs (40000
 * disks, 40000 DES, keys shared in groups) give the findings and the
 * groupings the estate implies: sharing is counted once per key or
 * vault, not once per resource. How long this takes is measured in
 * bench/, not here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "adc.h"
#include "tap.h"

#define N_VMS	20000
#define N_KV	100		/* OS keys: one per vault, shared */
#define ID_LEN	160

struct big {
	struct adc_estate e;
	struct adc_vm	*vms, **vmp;
	struct adc_disk	*disks, **diskp;
	struct adc_des	*des, **desp;
	char		(*ids)[ID_LEN];
};

static void
big_vm(struct big *b, size_t i)
{
	struct adc_vm *vm = &b->vms[i];
	struct adc_disk *os = &b->disks[2 * i], *dd = &b->disks[2 * i + 1];
	struct adc_des *dos = &b->des[2 * i], *ddata = &b->des[2 * i + 1];
	char (*id)[ID_LEN] = &b->ids[6 * i];
	const char *rg = "/subscriptions/s/resourceGroups/rg/providers/";

	snprintf(id[0], ID_LEN, "%sMicrosoft.Compute/virtualMachines/v%zu",
	    rg, i);
	snprintf(id[1], ID_LEN, "%sMicrosoft.Compute/disks/os%zu", rg, i);
	snprintf(id[2], ID_LEN, "%sMicrosoft.Compute/disks/d%zu", rg, i);
	snprintf(id[3], ID_LEN, "https://kv%zu.vault.azure.net/keys/os/1",
	    i % N_KV);
	snprintf(id[4], ID_LEN, "https://kv%zu.vault.azure.net/keys/d%zu/1",
	    i % N_KV, i);
	vm->id = id[0];
	vm->location = "westeurope";
	vm->size = "Standard_D2ds_v4";
	vm->security_type = ADC_SECTYPE_STANDARD;
	vm->encryption_at_host = ADC_YES;
	vm->os_sec_encryption = ADC_SECENC_NONE;
	vm->ade.enabled = ADC_NO;
	vm->os_disk = os;
	vm->data_disks = &b->diskp[2 * i + 1];
	vm->n_data_disks = 1;
	os->id = id[1];
	os->role = ADC_ROLE_OS;
	os->enc_type = ADC_ENC_CUSTOMER;
	os->des = dos;
	os->vm = vm;
	dd->id = id[2];
	dd->role = ADC_ROLE_DATA;
	dd->enc_type = ADC_ENC_CUSTOMER;
	dd->des = ddata;
	dd->vm = vm;
	dos->type = ddata->type = ADC_ENC_CUSTOMER;
	dos->auto_rotation = ddata->auto_rotation = ADC_YES;
	dos->key_url = id[3];
	ddata->key_url = id[4];
}

static int
big_build(struct big *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	b->vms = calloc(N_VMS, sizeof(*b->vms));
	b->vmp = calloc(N_VMS, sizeof(*b->vmp));
	b->disks = calloc(2 * N_VMS, sizeof(*b->disks));
	b->diskp = calloc(2 * N_VMS, sizeof(*b->diskp));
	b->des = calloc(2 * N_VMS, sizeof(*b->des));
	b->desp = calloc(2 * N_VMS, sizeof(*b->desp));
	b->ids = calloc(6 * N_VMS, ID_LEN);
	if (b->vms == NULL || b->vmp == NULL || b->disks == NULL ||
	    b->diskp == NULL || b->des == NULL || b->desp == NULL ||
	    b->ids == NULL)
		return -1;
	for (i = 0; i < 2 * N_VMS; i++) {
		b->diskp[i] = &b->disks[i];
		b->desp[i] = &b->des[i];
	}
	for (i = 0; i < N_VMS; i++) {
		b->vmp[i] = &b->vms[i];
		big_vm(b, i);
	}
	b->e.vms = b->vmp;
	b->e.n_vms = N_VMS;
	b->e.disks = b->diskp;
	b->e.n_disks = 2 * N_VMS;
	b->e.des = b->desp;
	b->e.n_des = 2 * N_VMS;
	return 0;
}

static void
big_free(struct big *b)
{
	free(b->vms);
	free(b->vmp);
	free(b->disks);
	free(b->diskp);
	free(b->des);
	free(b->desp);
	free(b->ids);
}

static size_t
count(const struct adc_report *r, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < r->n_findings; i++)
		n += strcmp(r->findings[i].rule, rule) == 0;
	return n;
}

int
main(void)
{
	struct adc_report r;
	struct adc_blast bl;
	struct big b;

	if (big_build(&b) != 0) {
		OK(0, "build the estate");
		return tap_done();
	}
	INT_EQ(adc_check(&b.e, NULL, &r, NULL), ADC_OK, "check 20000 VMs");
	INT_EQ(count(&r, "key-shared-across-des"), N_KV,
	    "one shared-key finding per shared OS key");
	INT_EQ(count(&r, "vault-purge-protection"), N_KV,
	    "one unknown vault note per vault host, not per DES");
	INT_EQ(count(&r, "des-shared-across-vms"), 0, "no DES is shared");
	adc_report_free(&r);

	INT_EQ(adc_blast_radius(&b.e, NULL, NULL, &bl, NULL), ADC_OK,
	    "blast radius of 20000 VMs");
	INT_EQ(bl.n_keys, N_KV + N_VMS, "100 shared OS keys + a key per "
	    "data disk");
	INT_EQ(bl.keys[0].n_vms, N_VMS / N_KV, "200 VMs behind one OS key");
	adc_blast_free(&bl);
	big_free(&b);
	return tap_done();
}
