/* SPDX-License-Identifier: MIT */
/*
 * test_report_group.c: which VM each finding belongs to (adc_rpt_group):
 * ids compare without regard to ASCII case, as ARM compares them, and
 * only ASCII letters fold: the bytes just outside 'A'-'Z', and bytes
 * past 0x7f whose low seven bits are letters, stay as they are. Ids of
 * every length around the eight-byte words the index reads are tried.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "tap.h"

#define N_VMS 24

static char vm_ids[N_VMS][64];
static char disk_ids[N_VMS][64];
static struct adc_disk disks[N_VMS];
static struct adc_vm vms[N_VMS];
static struct adc_vm_result results[N_VMS];

/* VM k's id is k + 1 bytes of a pattern ending in a byte that differs
 * from VM to VM, so lengths 1 to 24 and every tail length occur. */
static void
build(void)
{
	size_t k;

	for (k = 0; k < N_VMS; k++) {
		memset(vm_ids[k], 'v', k);
		vm_ids[k][k] = (char)('A' + k);
		snprintf(disk_ids[k], sizeof(disk_ids[k]),
		    "/subscriptions/S/disks/Disk-%zu", k);
		disks[k].id = disk_ids[k];
		vms[k].id = vm_ids[k];
		vms[k].os_disk = &disks[k];
		results[k].vm = &vms[k];
	}
}

/* The VM the one finding with resource id belongs to. */
static size_t
owner_of(const char *id)
{
	struct adc_finding f;
	struct adc_report report;
	struct adc_rpt_groups g;
	const char *res[1] = { id };
	size_t owner;

	memset(&f, 0, sizeof(f));
	f.resources = res;
	f.n_resources = 1;
	memset(&report, 0, sizeof(report));
	report.findings = &f;
	report.n_findings = 1;
	report.vms = results;
	report.n_vms = N_VMS;
	if (!adc_rpt_group(&report, &g))
		return (size_t)-2;
	owner = g.owner[0];
	adc_rpt_groups_free(&g);
	return owner;
}

static void
test_case(void)
{
	char id[64];
	size_t k, bad = 0;

	for (k = 0; k < N_VMS; k++) {
		snprintf(id, sizeof(id), "%s", vm_ids[k]);
		bad += owner_of(id) != k;
		memset(id, 'V', k);
		id[k] = (char)('a' + k);
		bad += owner_of(id) != k;
	}
	INT_EQ(bad, 0, "every id length: found as given and in capitals");

	INT_EQ(owner_of("/SUBSCRIPTIONS/s/DISKS/disk-7"), 7,
	    "a disk id in another case names its VM");
	INT_EQ(owner_of("/subscriptions/S/disks/Disk-1"), 1,
	    "ids that share all but their end are told apart");
	INT_EQ(owner_of("/subscriptions/S/disks/Disk-"), ADC_RPT_NO_VM,
	    "a prefix of an id is not that id");
	INT_EQ(owner_of("/subscriptions/S/disks/Disk-10x"), ADC_RPT_NO_VM,
	    "an id with more after it is not that id");
}

/* Bytes that must not fold: '@' and '[' sit just outside 'A'-'Z', '`'
 * and '{' just outside 'a'-'z', and 0xc1/0xe1 are 'A'/'a' with the high
 * bit set. */
static void
test_no_fold(void)
{
	static char ids[6][16] = { "id-@", "id-[", "id-\xc1", "id-x@yy",
	    "vm-a", "vm-b" };
	struct adc_vm v[6];
	struct adc_vm_result r[6];
	struct adc_finding f;
	struct adc_report report;
	struct adc_rpt_groups g;
	const char *res[1];
	static const char *probes[] = { "id-`", "id-{", "id-\xe1",
	    "ID-X@YY", "ID-@" };
	static const size_t want[] = { ADC_RPT_NO_VM, ADC_RPT_NO_VM,
	    ADC_RPT_NO_VM, 3, 0 };
	size_t i, bad = 0;

	memset(v, 0, sizeof(v));
	memset(r, 0, sizeof(r));
	for (i = 0; i < 6; i++) {
		v[i].id = ids[i];
		r[i].vm = &v[i];
	}
	memset(&report, 0, sizeof(report));
	memset(&f, 0, sizeof(f));
	f.resources = res;
	f.n_resources = 1;
	report.findings = &f;
	report.n_findings = 1;
	report.vms = r;
	report.n_vms = 6;
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		res[0] = probes[i];
		if (!adc_rpt_group(&report, &g)) {
			bad++;
			continue;
		}
		if (g.owner[0] != want[i]) {
			printf("# %s: got %zu\n", probes[i], g.owner[0]);
			bad++;
		}
		adc_rpt_groups_free(&g);
	}
	INT_EQ(bad, 0, "only ASCII letters fold");
}

int
main(void)
{
	build();
	test_case();
	test_no_fold();
	return tap_done();
}
