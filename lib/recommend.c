/* SPDX-License-Identifier: MIT */
/*
 * recommend.c: the catalogue scenario a policy recommends for a VM's
 * needs, with the reasons. The baseline recommends VM04 for VMs that are
 * not confidential (the study ranks it above VM02), VM10 for
 * confidential ones, and disk03 for data disks that need a customer key.
 */
#include "policy.h"

#include <string.h>

#include "diag.h"

static void
reason(struct adc_recommendation *out, const char *why)
{
	if (out->n_reasons < ADC_MAX_REASONS)
		out->reasons[out->n_reasons++] = why;
}

static const char *
confidential_vm(const struct adc_policy *p, bool cmk,
    struct adc_recommendation *out)
{
	bool eah = p->require_eah != POLICY_NONE;

	reason(out, "confidential: DiskWithVMGuestState binds the OS disk "
	    "and the guest state to the vTPM; VMGuestStateOnly (VM05) "
	    "leaves the OS disk out [CVMO]");
	if (!cmk && !eah) {
		reason(out, "no customer key needed: the confidential OS disk "
		    "keeps the platform key (VM06)");
		return "VM06";
	}
	if (!cmk)
		reason(out, "the catalogue has encryption at host on a "
		    "confidential VM only with a customer key, so the key "
		    "comes with it");
	reason(out, "customer key for the confidential OS disk: a DES of "
	    "type ConfidentialVmEncryptedWithCustomerKey and an RSA-HSM, "
	    "exportable key with a release policy in a Premium vault or "
	    "Managed HSM; rotation is offline [CVMCLI][CVMROT]");
	if (!eah) {
		reason(out, "the policy does not require encryption at host: "
		    "VM08 (VM10 adds it)");
		return "VM08";
	}
	reason(out, "encryption at host also covers the data disks' caches "
	    "and the data flowing to Storage; the baseline wants "
	    "confidential VMs as VM10 [DEO]");
	return "VM10";
}

static const char *
standard_vm(const struct adc_policy *p, const struct adc_needs *n,
    bool cmk, struct adc_recommendation *out)
{
	reason(out, "encryption at host encrypts the temp disk, the host "
	    "caches and the data flowing to Storage; register the "
	    "EncryptionAtHost feature first [DE][EAHCLI]");
	if (n->temp_disk)
		reason(out, "temp disk: on every size only encryption at host "
		    "encrypts it (v5 and later sizes do it themselves, a "
		    "disputed fact) [DE]");
	if (!cmk) {
		reason(out, "no customer key needed: the platform key (VM03); "
		    "add --customer-key for VM04");
		return "VM03";
	}
	reason(out, "customer key: a DES of type "
	    "EncryptionAtRestWithCustomerKey for the OS disk, another for "
	    "the data disks, a different key behind each [DE]");
	if (p->require_eah != POLICY_ALL)
		reason(out, "VM02 (no encryption at host) is the baseline's "
		    "minimum; VM04 is better");
	return "VM04";
}

/*
 * XXX: the answer ignores size, region and disk type: it may propose
 * encryption at host where a size lacks it, and disk03 for data disks
 * that will be Ultra or Premium SSD v2 (the reasons say to use disk02
 * there). Taking those as needs would let it decide.
 */
enum adc_status
adc_recommend(const struct adc_policy *policy, const struct adc_needs *needs,
    struct adc_recommendation *out, struct adc_diag *diag)
{
	static const struct adc_needs none_needed;
	const char *vm, *disk;
	bool cmk;

	if (out == NULL)
		return adc_diag_set(diag, ADC_EINVAL, "no recommendation to "
		    "fill");
	memset(out, 0, sizeof(*out));
	if (policy == NULL)
		policy = adc_policy_baseline();
	if (needs == NULL)
		needs = &none_needed;

	/* Double encryption is a DES type, so it brings a customer key. */
	cmk = needs->customer_key || needs->double_encryption ||
	    policy->require_cmk != POLICY_CMK_NONE;
	vm = needs->confidential ? confidential_vm(policy, cmk, out) :
	    standard_vm(policy, needs, cmk, out);

	/* The baseline: data disks that need customer keys as disk03. */
	disk = cmk ? "disk03" : "disk01";
	if (cmk)
		reason(out, "data disks as disk03: double encryption adds a "
		    "platform layer under the customer key; not on Ultra "
		    "Disks or Premium SSD v2, which take disk02 [DE]");
	reason(out, "no Azure Disk Encryption: it retires on 2028-09-15 and "
	    "excludes customer keys and encryption at host [ADERET][EAHR]");

	out->vm = adc_scenario_find(vm);
	out->data_disk = adc_scenario_find(disk);
	if (out->vm == NULL || out->data_disk == NULL)
		return adc_diag_set(diag, ADC_ENOTFOUND, "the catalogue lacks "
		    "%s", out->vm == NULL ? vm : disk);
	return ADC_OK;
}
