/* SPDX-License-Identifier: MIT */
/*
 * size.c: what an Azure VM size name says about encryption.
 *
 * A size name is "Standard_" + family letters + vCPUs + optional
 * constrained vCPUs ("-4") + lower-case feature letters + optional
 * accelerator segments ("_H100") + optional version ("_v5"), per
 * https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions
 * (azure-facts section 17). From it we read the family ("DCasv5"), the
 * generation, whether a local temp disk exists, and whether the family is
 * a confidential VM family. Nothing is guessed: a family outside our
 * tables answers ADC_UNKNOWN.
 */
#include "adc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* The parts of a name, before any table is consulted. */
struct size_parts {
	char	letters[16];	/* family + sub-family, upper case: "DC" */
	char	features[16];	/* additive features, lower case: "ads" */
	char	accel[16];	/* accelerator segments joined: "H100" */
	int	version;	/* 1 when there is no _vN suffix */
	bool	has_version;
};

/*
 * Families whose temp disk we know from the name. From version
 * d_from on, a lower-case 'd' among the features marks the temp disk;
 * before it every size of the family has one. Microsoft gives the
 * convention for the v4 and later sizes ([V] section 17) and D2s_v3 as
 * an older size with a temp disk (PRODUCT.md); DC moved to it with the
 * SGX v3 families (DCsv3 none, DCdsv3 one). Versions between
 * with_temp_upto and d_from are not something the facts describe: B v2
 * and later answer unknown rather than borrow the convention.
 */
struct temp_rule {
	const char	*letters;
	int		 d_from;	/* first version with the 'd' rule */
	int		 with_temp_upto; /* older versions: temp disk */
};

static const struct temp_rule temp_rules[] = {
	{ "B",	99,	1 },	/* B v1 sizes carry a temp disk */
	{ "D",	4,	3 },	/* Dv2, Dsv3: temp disk; Dsv4: the letter */
	{ "DS",	99,	2 },	/* the DSv2 generation: temp disk */
	{ "DC",	3,	2 },	/* DCsv2 (SGX): temp disk; DCsv3 on: letter */
	{ "E",	4,	3 },	/* Ev3, Esv3: temp disk */
	{ "EC",	5,	0 },	/* confidential only, all v5 and later */
	{ "F",	4,	2 },	/* F, Fs, Fsv2: temp disk; Fasv6: letter */
};

/*
 * ConfidentialVM families, matched on the whole parsed family, never a
 * prefix: DCsv2, DCsv3 and DCdsv3 carry a C but are SGX enclave sizes
 * (section 7.1 [CVMOPT][CVMO]; section 17).
 */
static const char *const confidential_families[] = {
	"DCasv5", "DCadsv5", "ECasv5", "ECadsv5",
	"DCesv5", "DCedsv5", "ECesv5", "ECedsv5",
	"DCasv6", "DCadsv6", "ECasv6", "ECadsv6",
	"DCesv6", "DCedsv6", "ECesv6", "ECedsv6",
	"NCCadsH100v5",
};

/* DC/EC families known not to be ConfidentialVM sizes: the SGX ones,
 * including the original DC series without a version. */
static const char *const sgx_families[] = {
	"DCs", "DCsv2", "DCsv3", "DCdsv3",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
in_list(const char *family, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(family, list[i]) == 0)
			return true;
	}
	return false;
}

static const struct temp_rule *
find_temp_rule(const char *letters)
{
	size_t i;

	for (i = 0; i < NELEM(temp_rules); i++) {
		if (strcmp(letters, temp_rules[i].letters) == 0)
			return &temp_rules[i];
	}
	return NULL;
}

/* Copy a run of characters accepted by pred, changing case with conv.
 * Returns the number copied, or -1 when the run does not fit. */
static int
take_run(const char **sp, int (*pred)(int), int (*conv)(int), char *out,
    size_t size)
{
	const char *s = *sp;
	size_t n = 0;

	while (pred((unsigned char)*s)) {
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)conv((unsigned char)*s);
		s++;
	}
	out[n] = '\0';
	*sp = s;
	return (int)n;
}

/* "v5" (any case) as a version; -1 when the segment is not one. */
static int
parse_version(const char *seg, size_t len)
{
	int v = 0;
	size_t i;

	if (len < 2 || len > 4 || (seg[0] != 'v' && seg[0] != 'V'))
		return -1;
	for (i = 1; i < len; i++) {
		if (!isdigit((unsigned char)seg[i]))
			return -1;
		v = v * 10 + (seg[i] - '0');
	}
	return v > 0 ? v : -1;
}

/* An accelerator segment: letters and digits, kept upper case. */
static bool
append_accel(struct size_parts *p, const char *seg, size_t len)
{
	size_t have = strlen(p->accel), i;

	if (len == 0 || have + len + 1 > sizeof(p->accel))
		return false;
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)seg[i]))
			return false;
		p->accel[have + i] = (char)toupper((unsigned char)seg[i]);
	}
	p->accel[have + len] = '\0';
	return true;
}

/* The segments after the first '_' of the body: accelerators, then the
 * version, then optionally "Promo" (old discounted sizes). */
static bool
parse_tail(struct size_parts *p, const char *s)
{
	while (*s == '_') {
		const char *seg = s + 1;
		size_t len = strcspn(seg, "_");
		int v = parse_version(seg, len);

		if (v > 0 && !p->has_version) {
			p->version = v;
			p->has_version = true;
		} else if (p->has_version) {
			if (len != 5 || strncasecmp(seg, "promo", 5) != 0)
				return false;
		} else if (!append_accel(p, seg, len)) {
			return false;
		}
		s = seg + len;
	}
	return *s == '\0';
}

/* Split a name into its parts. Case is normalised from position, not
 * taken from the input: family letters come before the vCPU count and
 * features after it, so "standard_d2ds_v4" reads like the canonical
 * spelling. */
static bool
split_name(const char *name, struct size_parts *p)
{
	static const char *const prefixes[] = { "Standard_", "Basic_" };
	const char *s = NULL;
	char digits[8];
	size_t i;

	memset(p, 0, sizeof(*p));
	p->version = 1;
	for (i = 0; i < NELEM(prefixes) && s == NULL; i++) {
		if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			s = name + strlen(prefixes[i]);
	}
	if (s == NULL)
		return false;

	if (take_run(&s, isalpha, toupper, p->letters,
	    sizeof(p->letters)) <= 0)
		return false;
	if (take_run(&s, isdigit, tolower, digits, sizeof(digits)) <= 0)
		return false;
	if (*s == '-') {
		s++;
		if (take_run(&s, isdigit, tolower, digits,
		    sizeof(digits)) <= 0)
			return false;
	}
	if (take_run(&s, isalpha, tolower, p->features,
	    sizeof(p->features)) < 0)
		return false;
	return parse_tail(p, s);
}

static enum adc_tri
tri(bool b)
{
	return b ? ADC_YES : ADC_NO;
}

static enum adc_tri
temp_disk_of(const struct size_parts *p)
{
	const struct temp_rule *rule = find_temp_rule(p->letters);

	if (rule == NULL || p->accel[0] != '\0')
		return ADC_UNKNOWN;
	if (p->version >= rule->d_from)
		return tri(strchr(p->features, 'd') != NULL);
	if (p->version <= rule->with_temp_upto)
		return ADC_YES;
	return ADC_UNKNOWN;
}

static enum adc_tri
confidential_of(const char *family, const char *letters)
{
	if (in_list(family, confidential_families,
	    NELEM(confidential_families)))
		return ADC_YES;
	if (in_list(family, sgx_families, NELEM(sgx_families)))
		return ADC_NO;

	/* General-purpose and memory-optimised families are never
	 * confidential; a DC, EC or NCC family we do not list may be a
	 * newer confidential one, so it stays unknown. */
	if (strcmp(letters, "B") == 0 || strcmp(letters, "D") == 0 ||
	    strcmp(letters, "DS") == 0 || strcmp(letters, "E") == 0 ||
	    strcmp(letters, "F") == 0)
		return ADC_NO;
	return ADC_UNKNOWN;
}

/* Intel TDX: the 'e' feature of the confidential DC/EC families
 * (DCesv5, ECedsv6, ...). Other known families are not TDX sizes. */
static enum adc_tri
intel_tdx_of(const struct adc_size_info *info)
{
	if (info->confidential == ADC_UNKNOWN)
		return ADC_UNKNOWN;
	if (info->confidential == ADC_NO)
		return ADC_NO;
	return tri(strncmp(info->family, "DCe", 3) == 0 ||
	    strncmp(info->family, "ECe", 3) == 0);
}

enum adc_status
adc_size_parse(const char *size, struct adc_size_info *out)
{
	struct size_parts p;
	int n;

	if (out == NULL)
		return ADC_EINVAL;
	memset(out, 0, sizeof(*out));
	if (size == NULL || !split_name(size, &p))
		return ADC_EINVAL;

	if (p.has_version)
		n = snprintf(out->family, sizeof(out->family), "%s%s%sv%d",
		    p.letters, p.features, p.accel, p.version);
	else
		n = snprintf(out->family, sizeof(out->family), "%s%s%s",
		    p.letters, p.features, p.accel);
	if (n < 0 || (size_t)n >= sizeof(out->family))
		return ADC_EINVAL;
	out->version = p.version;

	out->temp_disk = temp_disk_of(&p);
	out->confidential = confidential_of(out->family, p.letters);
	out->intel_tdx = intel_tdx_of(out);

	/* 'a' always means AMD; its absence proves nothing outside the
	 * families we know (HBv3 is AMD without the letter). */
	if (strchr(p.features, 'a') != NULL)
		out->amd = ADC_YES;
	else if (find_temp_rule(p.letters) != NULL)
		out->amd = ADC_NO;

	/* [C] section 2: v5 and later sizes encrypt their temp disk and
	 * ephemeral OS disk themselves ([DE] 2026 text; [DEO] disagrees). */
	out->encrypts_temp_itself = tri(p.version >= 5);
	return ADC_OK;
}
