/* SPDX-License-Identifier: MIT */
/*
 * test_script.c: the script plan (which VM a disk joins), Azure's naming
 * rules, and what adc_script_write refuses: nothing is written when a
 * value is refused. The flags of each scenario are checked on the
 * generated scripts in tests/cli/test_script.sh.
 */
#include <stdio.h>
#include <string.h>

#include "adc.h"
#include "tap.h"

static void
test_plan(void)
{
	struct adc_script_item items[ADC_SCRIPT_MAX_ITEMS];
	const char *ids[] = { "disk01", "VM08", "disk03", "disk02", "vm02",
	    "DISK03" };
	const char *twice[] = { "VM04", "vm04" };
	const char *unknown[] = { "VM11" };
	struct adc_diag d;
	size_t n;

	INT_EQ(adc_script_plan(ids, 6, false, items, ADC_SCRIPT_MAX_ITEMS,
	    &n, NULL), ADC_OK, "plan of six ids");
	INT_EQ(n, 6, "six items");
	INT_EQ(items[0].attach_to, -1, "a disk before any VM stands alone");
	INT_EQ(items[2].attach_to, 1, "disk03 after VM08 joins VM08");
	INT_EQ(items[3].attach_to, 1, "disk02 after it joins VM08 too");
	INT_EQ(items[5].attach_to, 4, "DISK03 after vm02 joins VM02");
	STR_EQ(items[4].scenario->id, "VM02", "ids match without case");

	INT_EQ(adc_script_plan(NULL, 0, true, items, ADC_SCRIPT_MAX_ITEMS,
	    &n, NULL), ADC_OK, "--all");
	INT_EQ(n, 13, "--all is ten VMs and three disks");
	INT_EQ(items[12].attach_to, -1, "--all disks stand alone");

	adc_diag_init(&d, NULL);
	INT_EQ(adc_script_plan(twice, 2, false, items, ADC_SCRIPT_MAX_ITEMS,
	    &n, &d), ADC_EINVAL, "a VM given twice is refused");
	OK(strstr(d.msg, "twice") != NULL, "the message says twice");
	adc_diag_init(&d, NULL);
	INT_EQ(adc_script_plan(unknown, 1, false, items, ADC_SCRIPT_MAX_ITEMS,
	    &n, &d), ADC_ENOTFOUND, "unknown id");
	OK(strstr(d.msg, "VM11") != NULL, "the message names the id");
	INT_EQ(adc_script_plan(ids, 1, true, items, ADC_SCRIPT_MAX_ITEMS, &n,
	    NULL), ADC_EINVAL, "--all with ids");
	INT_EQ(adc_script_plan(ids, 6, false, items, 5, &n, NULL),
	    ADC_ELIMIT, "more ids than room");
}

static void
test_names(void)
{
	struct adc_diag d;
	char s81[82];

	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT, "adc-kv-0a1b2c", NULL),
	    ADC_OK, "vault name ok");
	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT, "ab", NULL), ADC_EINVAL,
	    "vault name too short");
	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT,
	    "a23456789012345678901234x", NULL), ADC_EINVAL,
	    "vault name of 25 characters");
	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT, "1abc", NULL), ADC_EINVAL,
	    "vault name starting with a digit");
	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT, "ab--cd", NULL),
	    ADC_EINVAL, "vault name with --");
	INT_EQ(adc_name_check(ADC_NAME_KEY_VAULT, "abc_d", NULL), ADC_EINVAL,
	    "vault name with _");
	adc_diag_init(&d, NULL);
	adc_name_check(ADC_NAME_KEY_VAULT, "abc-", &d);
	OK(strstr(d.msg, "3-24") != NULL, "the message states the rule");

	INT_EQ(adc_name_check(ADC_NAME_DES, "des_1-a", NULL), ADC_OK,
	    "DES name ok");
	memset(s81, 'a', 81);
	s81[81] = '\0';
	INT_EQ(adc_name_check(ADC_NAME_DES, s81, NULL), ADC_EINVAL,
	    "DES name of 81 characters");
	INT_EQ(adc_name_check(ADC_NAME_DES, "des.1", NULL), ADC_EINVAL,
	    "DES name with a period");

	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "R(\xc3\xa9s)_x.y-z",
	    NULL), ADC_OK, "resource group with ( ) . _ and non-ASCII");
	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "rg.", NULL),
	    ADC_EINVAL, "resource group ending with a period");
	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "a'b", NULL),
	    ADC_EINVAL, "resource group with a quote");
	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "a$(x)", NULL),
	    ADC_EINVAL, "resource group with $");
	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "a\nb", NULL),
	    ADC_EUNSAFE, "resource group with a newline");
	INT_EQ(adc_name_check(ADC_NAME_RESOURCE_GROUP, "a\xff", NULL),
	    ADC_EUNSAFE, "resource group with invalid UTF-8");

	INT_EQ(adc_name_check(ADC_NAME_PREFIX, "adc-test1", NULL), ADC_OK,
	    "prefix ok");
	INT_EQ(adc_name_check(ADC_NAME_PREFIX, "adc-", NULL), ADC_EINVAL,
	    "prefix ending with a hyphen");
	INT_EQ(adc_name_check(ADC_NAME_PREFIX, "`id`", NULL), ADC_EINVAL,
	    "prefix with backquotes");
	INT_EQ(adc_name_check(ADC_NAME_VM_WINDOWS, "adc-vm08-disk0", NULL),
	    ADC_OK, "Windows VM name of 14");
	INT_EQ(adc_name_check(ADC_NAME_VM_WINDOWS, "abcdefghij-vm08", NULL),
	    ADC_OK, "Windows VM name of 15");
	INT_EQ(adc_name_check(ADC_NAME_VM_WINDOWS, "abcdefghijk-vm08", NULL),
	    ADC_EINVAL, "Windows VM name of 16");
}

/* Write items with opts into a temporary file; the status, and the size
 * written in *len. */
static enum adc_status
write_script(const char *const *ids, size_t n_ids,
    const struct adc_script_options *opts, long *len, struct adc_diag *d)
{
	struct adc_script_item items[ADC_SCRIPT_MAX_ITEMS];
	enum adc_status st;
	size_t n;
	FILE *f = tmpfile();

	*len = -1;
	if (f == NULL)
		return ADC_EIO;
	adc_diag_init(d, NULL);
	st = adc_script_plan(ids, n_ids, false, items, ADC_SCRIPT_MAX_ITEMS,
	    &n, d);
	if (st == ADC_OK)
		st = adc_script_write(items, n, opts, f, d);
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	fclose(f);
	return st;
}

static void
test_refused(void)
{
	const char *ids[] = { "VM10", "disk03" };
	struct adc_script_options o;
	struct adc_diag d;
	long len;

	memset(&o, 0, sizeof(o));
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_OK, "defaults ok");
	OK(len > 1000, "a script is written");

	o.image = "Canonical:x:y\n:latest";
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_EUNSAFE,
	    "newline in --image refused");
	INT_EQ(len, 0, "nothing written");
	OK(strstr(d.msg, "--image") != NULL, "the message names --image");
	OK(strstr(d.msg, "\\x0a") != NULL, "the newline is shown escaped");

	memset(&o, 0, sizeof(o));
	o.prefix = "a$(id)";
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_EINVAL,
	    "hostile prefix refused");
	OK(strstr(d.msg, "--prefix") != NULL, "the message names --prefix");
	INT_EQ(len, 0, "nothing written");

	memset(&o, 0, sizeof(o));
	o.prefix = "abcdefghijklm";
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_OK,
	    "a 13-character prefix fits the vault names");
	o.suffix = "0123456789";
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_EINVAL,
	    "a long prefix and suffix break the vault name");
	OK(strstr(d.msg, "key vault name") != NULL,
	    "the message names the key vault rule");

	memset(&o, 0, sizeof(o));
	o.os = ADC_OS_WINDOWS;
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_EINVAL,
	    "windows without --image");
	o.image = "MicrosoftWindowsServer:WindowsServer:"
	    "2022-datacenter-g2:latest";
	o.prefix = "abcdefghijk";
	INT_EQ(write_script(ids, 2, &o, &len, &d), ADC_EINVAL,
	    "windows VM name past 15 characters");
	OK(strstr(d.msg, "Windows VM name") != NULL, "the message says why");
}

int
main(void)
{
	test_plan();
	test_names();
	test_refused();
	return tap_done();
}
