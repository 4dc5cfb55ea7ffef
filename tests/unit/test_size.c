/* SPDX-License-Identifier: MIT */
/*
 * test_size.c: size names, expectations from azure-facts sections 2,
 * 7.1 and 17 and PRODUCT.md "Temp disk presence".
 */
#include "tap.h"

#include "adc.h"

struct size_case {
	const char	*name;
	const char	*family;
	int		 version;
	enum adc_tri	 temp_disk;
	enum adc_tri	 confidential;
	enum adc_tri	 amd;
	enum adc_tri	 intel_tdx;
	enum adc_tri	 encrypts_temp_itself;
};

#define Y ADC_YES
#define N ADC_NO
#define U ADC_UNKNOWN

static const struct size_case cases[] = {
	/* The catalogue's sizes: D2ds_v4 has a temp disk and predates v5;
	 * DC2as_v5 has none (PRODUCT.md). */
	{ "Standard_D2ds_v4", "Ddsv4", 4, Y, N, N, N, N },
	{ "Standard_DC2as_v5", "DCasv5", 5, N, Y, Y, N, Y },
	/* 'd' marks the temp disk from v4 on (section 17). */
	{ "Standard_D2ds_v5", "Ddsv5", 5, Y, N, N, N, Y },
	{ "Standard_D2s_v5", "Dsv5", 5, N, N, N, N, Y },
	{ "Standard_D4s_v4", "Dsv4", 4, N, N, N, N, N },
	{ "Standard_E4ads_v5", "Eadsv5", 5, Y, N, Y, N, Y },
	{ "Standard_D2s_v6", "Dsv6", 6, N, N, N, N, Y },
	/* Older generations carry a temp disk without the letter. */
	{ "Standard_D2s_v3", "Dsv3", 3, Y, N, N, N, N },
	{ "Standard_E4s_v3", "Esv3", 3, Y, N, N, N, N },
	{ "Standard_DS2_v2", "DSv2", 2, Y, N, N, N, N },
	{ "Standard_F2s_v2", "Fsv2", 2, Y, N, N, N, N },
	{ "Standard_B2s", "Bs", 1, Y, N, N, N, N },
	/* Confidential families, matched whole (section 7.1). */
	{ "Standard_DC4es_v5", "DCesv5", 5, N, Y, N, Y, Y },
	{ "Standard_DC4eds_v5", "DCedsv5", 5, Y, Y, N, Y, Y },
	{ "Standard_EC8ads_v5", "ECadsv5", 5, Y, Y, Y, N, Y },
	{ "Standard_EC16es_v6", "ECesv6", 6, N, Y, N, Y, Y },
	{ "Standard_DC2ads_v6", "DCadsv6", 6, Y, Y, Y, N, Y },
	{ "Standard_NCC40ads_H100_v5", "NCCadsH100v5", 5, U, Y, Y, N, Y },
	/* Intel SGX: a C, but not ConfidentialVM sizes (section 17). */
	{ "Standard_DC2s_v2", "DCsv2", 2, Y, N, N, N, N },
	{ "Standard_DC2s_v3", "DCsv3", 3, N, N, N, N, N },
	{ "Standard_DC2ds_v3", "DCdsv3", 3, Y, N, N, N, N },
	/* Outside the table: local disks without the letter ([B] 17). */
	{ "Standard_L8s_v3", "Lsv3", 3, U, U, U, U, N },
	{ "Standard_NC24ads_A100_v4", "NCadsA100v4", 4, U, U, Y, U, N },
	{ "Standard_HB120rs_v3", "HBrsv3", 3, U, U, U, U, N },
	{ "Standard_M128-64ms", "Mms", 1, U, U, U, U, N },
	/* A DC family newer than our list is not assumed either way. */
	{ "Standard_DC2as_v7", "DCasv7", 7, N, U, Y, U, Y },
};

static void
test_table(void)
{
	struct adc_size_info info;
	char what[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct size_case *c = &cases[i];

		INT_EQ(adc_size_parse(c->name, &info), ADC_OK, c->name);
		snprintf(what, sizeof(what), "%s: family", c->name);
		STR_EQ(info.family, c->family, what);
		snprintf(what, sizeof(what), "%s: version", c->name);
		INT_EQ(info.version, c->version, what);
		snprintf(what, sizeof(what), "%s: temp disk", c->name);
		INT_EQ(info.temp_disk, c->temp_disk, what);
		snprintf(what, sizeof(what), "%s: confidential", c->name);
		INT_EQ(info.confidential, c->confidential, what);
		snprintf(what, sizeof(what), "%s: amd", c->name);
		INT_EQ(info.amd, c->amd, what);
		snprintf(what, sizeof(what), "%s: intel tdx", c->name);
		INT_EQ(info.intel_tdx, c->intel_tdx, what);
		snprintf(what, sizeof(what), "%s: encrypts temp", c->name);
		INT_EQ(info.encrypts_temp_itself, c->encrypts_temp_itself,
		    what);
	}
}

static void
test_case_insensitive(void)
{
	struct adc_size_info info;

	INT_EQ(adc_size_parse("standard_d2ds_v4", &info), ADC_OK,
	    "lower-case name parses");
	STR_EQ(info.family, "Ddsv4", "case comes from position");
	INT_EQ(info.temp_disk, ADC_YES, "lower-case name keeps the temp disk");
	INT_EQ(adc_size_parse("STANDARD_DC2AS_V5", &info), ADC_OK,
	    "upper-case name parses");
	STR_EQ(info.family, "DCasv5", "upper-case name: family");
	INT_EQ(info.confidential, ADC_YES, "upper-case name: confidential");
}

static void
test_bad_names(void)
{
	static const char *const bad[] = {
		"", "D2ds_v4", "Standard_", "Standard_D", "Standard_2s",
		"Standard_D2s_", "Standard_D2s_v5_x", "Standard_D2s v5",
		"Standard_D2s_v5_Promo_v6", "Standard_DABCDEFGHIJKLMNOPQ2s",
	};
	struct adc_size_info info;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		INT_EQ(adc_size_parse(bad[i], &info), ADC_EINVAL, bad[i]);
	INT_EQ(adc_size_parse(NULL, &info), ADC_EINVAL, "NULL name");
	INT_EQ(adc_size_parse("Standard_D2s_v3", NULL), ADC_EINVAL,
	    "NULL out");
	INT_EQ(adc_size_parse("Standard_DS2_v2_Promo", &info), ADC_OK,
	    "a Promo suffix is accepted");
	STR_EQ(info.family, "DSv2", "Promo is not part of the family");
}

/* Names built from the characters that matter, by a fixed generator:
 * every result is a clean EINVAL or a terminated family that fits. */
static void
test_generated_names(void)
{
	static const char alphabet[] = "Standard_DCEFLNvds-0123456789HaB_";
	struct adc_size_info info;
	unsigned long seed = 12345;
	char name[40];
	int bad = 0, i;
	size_t j, len;

	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245UL + 12345UL;
		len = (seed >> 16) % (sizeof(name) - 1);
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245UL + 12345UL;
			name[j] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		name[len] = '\0';
		if (i % 2 == 0 && len > 9)
			memcpy(name, "Standard_", 9);
		if (adc_size_parse(name, &info) == ADC_OK &&
		    memchr(info.family, '\0', sizeof(info.family)) == NULL)
			bad++;
	}
	INT_EQ(bad, 0, "generated names: families always terminated");
}

int
main(void)
{
	test_table();
	test_case_insensitive();
	test_bad_names();
	test_generated_names();
	return tap_done();
}
