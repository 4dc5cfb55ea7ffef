/* SPDX-License-Identifier: MIT */
/*
 * test_recommend.c: what the baseline and other policies recommend for
 * each combination of needs (PRODUCT.md: non-confidential VMs as VM02 or
 * better, VM04 better; confidential VMs as VM10; data disks that need
 * customer keys as disk03).
 */
#include <stdio.h>

#include "policy.h"
#include "tap.h"

static const char *
rec(const struct adc_policy *p, bool conf, bool cmk, bool temp, bool dbl,
    const char **disk)
{
	static struct adc_recommendation r;
	struct adc_needs n = { conf, cmk, temp, dbl };

	if (adc_recommend(p, &n, &r, NULL) != ADC_OK)
		return "error";
	*disk = r.data_disk != NULL ? r.data_disk->id : "none";
	return r.vm != NULL ? r.vm->id : "none";
}

static bool
reasons_mention(const struct adc_policy *p, bool conf, const char *what)
{
	struct adc_needs n = { conf, false, true, false };
	struct adc_recommendation r;
	size_t i;

	adc_recommend(p, &n, &r, NULL);
	for (i = 0; i < r.n_reasons; i++) {
		if (strstr(r.reasons[i], what) != NULL)
			return true;
	}
	return false;
}

static void
test_baseline(void)
{
	const char *disk;

	STR_EQ(rec(NULL, false, false, false, false, &disk), "VM04",
	    "baseline, no needs: VM04 (better than VM02)");
	STR_EQ(disk, "disk03", "baseline data disks: disk03");
	STR_EQ(rec(NULL, false, true, true, false, &disk), "VM04",
	    "customer key + temp disk: VM04");
	STR_EQ(rec(NULL, true, false, false, false, &disk), "VM10",
	    "baseline confidential: VM10");
	STR_EQ(disk, "disk03", "confidential data disks: disk03");
	STR_EQ(rec(NULL, true, true, false, true, &disk), "VM10",
	    "confidential + customer key + double: VM10");
	OK(reasons_mention(NULL, false, "2028-09-15"),
	    "the reasons say why not ADE");
	OK(reasons_mention(NULL, false, "temp disk"),
	    "--temp-disk gets its reason");
	OK(reasons_mention(NULL, true, "DiskWithVMGuestState"),
	    "confidential: why DiskWithVMGuestState");
}

static void
test_other_policies(void)
{
	struct adc_policy p = *adc_policy_baseline();
	const char *disk;

	p.require_cmk = POLICY_CMK_NONE;
	p.require_eah = POLICY_NONE;
	STR_EQ(rec(&p, false, false, false, false, &disk), "VM03",
	    "no customer key wanted: VM03");
	STR_EQ(disk, "disk01", "and platform-key data disks");
	STR_EQ(rec(&p, false, true, false, false, &disk), "VM04",
	    "--customer-key: VM04");
	STR_EQ(rec(&p, false, false, false, true, &disk), "VM04",
	    "--double-encryption brings a customer key: VM04");
	STR_EQ(disk, "disk03", "and disk03");
	STR_EQ(rec(&p, true, false, false, false, &disk), "VM06",
	    "confidential, no key, no EAH wanted: VM06");
	STR_EQ(rec(&p, true, true, false, false, &disk), "VM08",
	    "confidential + key, no EAH wanted: VM08");
	p.require_eah = POLICY_CONFIDENTIAL;
	STR_EQ(rec(&p, true, false, false, false, &disk), "VM10",
	    "confidential with EAH required: VM10 (the catalogue pairs EAH "
	    "with the key)");
}

int
main(void)
{
	struct adc_recommendation r;

	test_baseline();
	test_other_policies();
	INT_EQ(adc_recommend(NULL, NULL, NULL, NULL), ADC_EINVAL,
	    "no output: EINVAL");
	INT_EQ(adc_recommend(NULL, NULL, &r, NULL), ADC_OK,
	    "NULL needs: the baseline's default");
	return tap_done();
}
