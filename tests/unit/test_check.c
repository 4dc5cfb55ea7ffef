/* SPDX-License-Identifier: MIT */
/*
 * test_check.c: adc_check as a whole: the baseline's own recommendations
 * (VM02, VM04, VM10 as the catalogue builds them, and the hand-built
 * worlds) earn no warning; findings are sorted by severity then
 * resource; each VM gets its scenario and analysis; the report owns its
 * strings; adc_report_fails honours the threshold.
 */
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

#include "tap.h"
#include "world.h"

/* An estate holding one built scenario and its resources. */
struct built {
	struct adc_scenario_vm b;
	struct adc_estate e;
	struct adc_vm	*vms[1];
	struct adc_disk	*disks[2];
	struct adc_des	*des[2];
	struct adc_vault *vaults[2];
	struct adc_key	*keys[2];
};

static void
built_estate(struct built *x, const char *id)
{
	memset(x, 0, sizeof(*x));
	adc_scenario_build(adc_scenario_find(id), &x->b);
	x->vms[0] = &x->b.vm;
	x->e.vms = x->vms;
	x->e.n_vms = 1;
	x->disks[x->e.n_disks++] = &x->b.os_disk;
	if (x->b.vm.n_data_disks > 0)
		x->disks[x->e.n_disks++] = &x->b.data[0];
	if (x->b.os_des.id != NULL) {
		x->des[x->e.n_des++] = &x->b.os_des;
		x->vaults[x->e.n_vaults++] = &x->b.os_vault;
		x->keys[x->e.n_keys++] = &x->b.os_key;
	}
	if (x->b.data_des.id != NULL) {
		x->des[x->e.n_des++] = &x->b.data_des;
		x->vaults[x->e.n_vaults++] = &x->b.data_vault;
		x->keys[x->e.n_keys++] = &x->b.data_key;
	}
	x->e.disks = x->disks;
	x->e.des = x->des;
	x->e.vaults = x->vaults;
	x->e.keys = x->keys;
	x->e.eah_feature = ADC_YES;
}

/* Findings at warning or above, listed as TAP comments. */
static int
warnings(const struct adc_estate *e)
{
	struct adc_report r;
	size_t i;
	int n = 0;

	if (adc_check(e, NULL, &r, NULL) != ADC_OK)
		return -1;
	for (i = 0; i < r.n_findings; i++) {
		if (r.findings[i].severity < ADC_SEV_WARNING)
			continue;
		n++;
		printf("#   %s: %s\n", r.findings[i].rule,
		    r.findings[i].message);
	}
	adc_report_free(&r);
	return n;
}

static void
test_baseline_earns_no_warning(void)
{
	static const char *const ids[] = { "VM02", "VM04", "VM10" };
	struct built x;
	struct world w;
	char what[128];
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		built_estate(&x, ids[i]);
		snprintf(what, sizeof(what), "catalogue %s: no warning or "
		    "error under the baseline", ids[i]);
		INT_EQ(warnings(&x.e), 0, what);
	}
	world_std(&w);
	INT_EQ(warnings(&w.e), 0, "hand-built VM04 + disk02: no warning");
	w.vm.encryption_at_host = ADC_NO;
	INT_EQ(warnings(&w.e), 0, "hand-built VM02 + disk02: no warning");
	world_cvm(&w);
	INT_EQ(warnings(&w.e), 0, "hand-built VM10: no warning");
}

/* Below the baseline: VM01 wants a customer key; VM05 is guest-state
 * only and lacks EAH. */
static void
test_departures_warn(void)
{
	struct built x;

	built_estate(&x, "VM01");
	OK(warnings(&x.e) >= 1, "catalogue VM01 departs from the baseline");
	built_estate(&x, "VM05");
	OK(warnings(&x.e) >= 2, "catalogue VM05 departs from the baseline");
}

static void
test_report_shape(void)
{
	struct adc_report r;
	struct world w;
	size_t i;
	bool sorted = true;

	world_std(&w);
	w.vm.ever_ade = ADC_YES;		/* ade-with-eah: error */
	w.des_os.auto_rotation = ADC_NO;	/* warning */
	w.vm.encryption_at_host = ADC_NO;	/* temp disk: note */
	w.vm.ever_ade = ADC_YES;
	w.os.ever_ade = ADC_YES;		/* ade-with-cmk: error */
	INT_EQ(adc_check(&w.e, NULL, &r, NULL), ADC_OK, "check runs");
	OK(r.n_findings >= 3, "several findings");
	for (i = 1; i < r.n_findings; i++) {
		const struct adc_finding *a = &r.findings[i - 1];
		const struct adc_finding *b = &r.findings[i];

		if (a->severity < b->severity ||
		    (a->severity == b->severity &&
		    strcasecmp(a->resources[0], b->resources[0]) > 0))
			sorted = false;
	}
	OK(sorted, "sorted by severity, then resource");
	INT_EQ(r.findings[0].severity, ADC_SEV_ERROR, "errors first");
	STR_EQ(r.findings[0].source, "ADELS, ADEWS, CMKR",
	    "the first finding carries its source keys");
	OK(r.findings[0].fix != NULL && r.findings[0].fix[0] != '\0',
	    "and a fix");
	STR_EQ(r.findings[0].resources[0], W_OS,
	    "ade-with-cmk names the disk first");
	STR_EQ(r.findings[0].resources[1], W_DES_OS, "and then its DES");
	INT_EQ(r.n_vms, 1, "one VM result");
	STR_EQ(r.vms[0].scenario != NULL ? r.vms[0].scenario->id : "none",
	    "VM02", "its scenario");
	OK(adc_report_fails(&r, ADC_SEV_ERROR), "fails at error");
	OK(adc_report_fails(&r, ADC_SEV_NOTE), "fails at note");
	adc_report_free(&r);
	adc_report_free(&r);
	OK(r.findings == NULL && r.n_findings == 0, "free clears the report");

	world_std(&w);
	INT_EQ(adc_check(&w.e, NULL, &r, NULL), ADC_OK, "clean check runs");
	OK(!adc_report_fails(&r, ADC_SEV_WARNING), "clean VM04: no failure "
	    "at warning");
	adc_report_free(&r);
}

static void
test_temp_disk_messages(void)
{
	char msg[512] = "";
	struct world w;

	world_std(&w);
	w.vm.encryption_at_host = ADC_NO;
	w.vm.size = "Standard_D2ds_v5";
	INT_EQ(world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg,
	    sizeof(msg)), 1, "v5 size without EAH: one finding");
	OK(strstr(msg, "VM vm1: host caches (OS disk, LUN 0) are not "
	    "encrypted") != NULL, "it names the host caches by disk");
	OK(strstr(msg, "encrypted by the Standard_D2ds_v5 size itself") !=
	    NULL, "and says the size encrypts its temp disk itself");
	printf("#   %s\n", msg);

	w.vm.size = "Standard_D2s_v5";
	world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg, sizeof(msg));
	OK(strstr(msg, "has no temp disk") != NULL,
	    "a size without a temp disk says so");

	/* Host caches: none with caching None, "if any" when the export
	 * does not say (Ultra Disk and Premium SSD v2 in test_layers). */
	w.vm.size = "Standard_D2ds_v5";
	w.os.caching = ADC_CACHING_UNKNOWN;
	w.data.caching = ADC_CACHING_UNKNOWN;
	INT_EQ(world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg,
	    sizeof(msg)), 1, "caching unknown: one finding");
	OK(strstr(msg, "host caches (OS disk, LUN 0; if any) are not "
	    "encrypted") != NULL, "it says the caches may not exist");
	w.os.caching = ADC_CACHING_READ_WRITE;
	world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg, sizeof(msg));
	OK(strstr(msg, "host caches (OS disk, LUN 0) are not encrypted") !=
	    NULL, "one known cache: the caches are named outright");
	w.data.caching = ADC_CACHING_NONE;
	world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg, sizeof(msg));
	OK(strstr(msg, "host cache (OS disk) is not encrypted") != NULL,
	    "one cache: singular");
	w.os.caching = ADC_CACHING_NONE;
	INT_EQ(world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg,
	    sizeof(msg)), 0, "no cache and a v5 temp disk: silent");
	w.vm.size = "Standard_D2ds_v4";
	world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg, sizeof(msg));
	OK(strstr(msg, "VM vm1: temp disk is not encrypted") != NULL,
	    "no cache, a v4 temp disk: the temp disk alone");
}

/* A VM with many data disks names the first caches and counts the
 * rest. */
static void
test_many_caches(void)
{
	struct adc_disk *six[6];
	char msg[512] = "";
	struct world w;
	size_t i;

	world_std(&w);
	w.vm.encryption_at_host = ADC_NO;
	w.vm.size = "Standard_D2s_v5";
	for (i = 0; i < 6; i++) {
		w.extra[i] = w.data;
		w.extra[i].lun = (int)i;
		six[i] = &w.extra[i];
	}
	w.vm.data_disks = six;
	w.vm.n_data_disks = 6;
	INT_EQ(world_count(&w, NULL, "temp-disk-unencrypted", NULL, msg,
	    sizeof(msg)), 1, "seven caches: one finding");
	OK(strstr(msg, "host caches (OS disk, LUN 0, LUN 1, LUN 2 and 3 more) "
	    "are not encrypted") != NULL, "four named, three counted");
	printf("#   %s\n", msg);
}

static void
test_policy_off_and_bad_args(void)
{
	struct adc_report r;
	struct adc_diag d;

	OK(adc_policy_severity(NULL, "ade-with-eah") == ADC_SEV_ERROR,
	    "baseline: ade-with-eah is an error");
	OK(adc_policy_severity(NULL, "temp-disk-unencrypted") ==
	    ADC_SEV_NOTE, "baseline: temp disk is a note");
	OK(adc_policy_severity(NULL, "no-such-rule") == ADC_SEV_NONE,
	    "unknown rule: none");
	adc_diag_init(&d, NULL);
	INT_EQ(adc_check(NULL, NULL, &r, &d), ADC_EINVAL, "NULL estate");
	OK(d.msg[0] != '\0', "with a message");
	adc_report_free(&r);
	adc_report_free(NULL);
	OK(!adc_report_fails(NULL, ADC_SEV_NOTE), "NULL report never fails");
}

static struct adc_policy *
policy_text(const char *text)
{
	struct adc_policy *p;
	struct adc_diag d;
	int fds[2];

	adc_diag_init(&d, "policy.json");
	if (pipe(fds) != 0)
		return NULL;
	if (write(fds[1], text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	close(fds[1]);
	p = adc_policy_read_fd(fds[0], "policy.json", &d);
	close(fds[0]);
	return p;
}

/* Keys are judged as of the time the caller gives, and "near" is the
 * policy's key_expiry_warning_days (30 in the baseline). */
/* Decided findings of rule with keys judged as of at. */
static int
at(const struct world *w, const struct adc_policy *p, const char *rule,
    int64_t when)
{
	return world_count_at(w, p, rule, when, NULL, NULL, 0);
}

static void
test_key_expiry_as_of(void)
{
	const char *near = "key-near-expiry", *expired = "key-expired";
	struct adc_policy *p60, *p0;
	int64_t exp, day = 86400;
	char msg[512] = "";
	struct world w;

	INT_EQ(adc_time_parse("2030-01-01T00:00:00Z", &exp), ADC_OK,
	    "expiry parses");
	world_std(&w);
	w.key_os.has_expiry = ADC_YES;
	w.key_os.expires = exp;
	w.des_os.auto_rotation = ADC_NO;
	INT_EQ(world_count_at(&w, NULL, near, exp - 10 * day, NULL, msg,
	    sizeof(msg)), 1, "10 days before: near expiry");
	OK(strstr(msg, "expires in 10 days") != NULL, "and says how near");
	INT_EQ(at(&w, NULL, near, exp - 31 * day), 0,
	    "31 days before: not yet, under the baseline");
	INT_EQ(at(&w, NULL, expired, exp - 31 * day), 0, "and not expired");
	INT_EQ(at(&w, NULL, expired, exp + 1), 1, "a second after: expired");
	INT_EQ(at(&w, NULL, near, exp + 1), 0, "and no longer near");

	p60 = policy_text("{\"schema_version\": 1, "
	    "\"key_expiry_warning_days\": 60}");
	p0 = policy_text("{\"schema_version\": 1, "
	    "\"key_expiry_warning_days\": 0}");
	OK(p60 != NULL && p0 != NULL, "policies with a margin read");
	if (p60 != NULL && p0 != NULL) {
		INT_EQ(at(&w, p60, near, exp - 59 * day), 1,
		    "60-day margin: 59 days before is near");
		INT_EQ(at(&w, p60, near, exp - 61 * day), 0,
		    "60-day margin: 61 days before is not");
		INT_EQ(at(&w, p0, near, exp - day), 0, "margin 0: never near");
	}
	adc_policy_free(p60);
	adc_policy_free(p0);

	w.des_os.auto_rotation = ADC_YES;
	INT_EQ(at(&w, NULL, near, exp - 10 * day), 0,
	    "a DES that rotates is not warned");
}

/* Times as az prints them, and dates. */
static void
test_time_parse(void)
{
	int64_t t = 0;

	INT_EQ(adc_time_parse("1970-01-02", &t), ADC_OK, "a date");
	INT_EQ(t, 86400, "midnight UTC");
	INT_EQ(adc_time_parse("2028-10-01T08:00:00+00:00", &t), ADC_OK,
	    "az's expiry form");
	/* Python: datetime(2028, 10, 1, 8, tzinfo=timezone.utc).timestamp() */
	INT_EQ(t, 1854000000, "2028-10-01T08:00:00Z");
	INT_EQ(adc_time_parse("2028-10-01T10:00:00.5+02:00", &t), ADC_OK,
	    "fraction and offset");
	INT_EQ(t, 1854000000, "the offset is taken off");
	INT_EQ(adc_time_parse("2028-02-29", &t), ADC_OK, "a leap day");
	INT_EQ(adc_time_parse("2026-02-29", &t), ADC_EINVAL,
	    "no leap day in 2026");
	INT_EQ(adc_time_parse("2026-04-31", &t), ADC_EINVAL, "April 31st");
	INT_EQ(adc_time_parse("2026-13-01", &t), ADC_EINVAL, "month 13");
	INT_EQ(adc_time_parse("2026-12-31T24:00:00Z", &t), ADC_EINVAL,
	    "hour 24");
	INT_EQ(adc_time_parse("2026-12-31T12:00:00+25:00", &t), ADC_EINVAL,
	    "offset of 25 hours");
	INT_EQ(adc_time_parse("31/12/2026", &t), ADC_EINVAL, "another form");
	INT_EQ(adc_time_parse("2026-12-31x", &t), ADC_EINVAL,
	    "trailing text");
	INT_EQ(adc_time_parse(NULL, &t), ADC_EINVAL, "NULL");
}

int
main(void)
{
	test_baseline_earns_no_warning();
	test_departures_warn();
	test_report_shape();
	test_temp_disk_messages();
	test_many_caches();
	test_policy_off_and_bad_args();
	test_key_expiry_as_of();
	test_time_parse();
	return tap_done();
}
