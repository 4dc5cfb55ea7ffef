/* SPDX-License-Identifier: MIT */
/*
 * script_names.c: Azure's naming rules for what the scripts create,
 * checked before a script is written so that a bad name fails here, with
 * the rule, instead of halfway through a deployment. The DES rule is in
 * the fact base [SPEC-DES]; the others follow Azure's resource naming
 * rules page (learn.microsoft.com/azure/azure-resource-manager/
 * management/resource-name-rules). The prefix and suffix rules are ours:
 * they keep every name derived from them valid.
 */
#include <string.h>

#include "diag.h"
#include "shell.h"

/* Which characters a rule allows, besides ASCII letters and digits. */
struct name_rule {
	const char	*what;		/* "key vault name" */
	size_t		 min, max;	/* in bytes */
	const char	*extra;		/* other ASCII characters allowed */
	bool		 non_ascii;	/* any other Unicode character */
	bool		 letter_first;
	const char	*bad_last;	/* characters it cannot end with */
	bool		 no_double_hyphen;
	const char	*text;		/* the rule, for the message */
};

/* Indexed by enum adc_name_kind. */
static const struct name_rule rules[] = {
	{ "--prefix", 1, 13, "-", false, true, "-", true,
	  "1-13 letters, digits or hyphens, starting with a letter, not "
	  "ending with a hyphen, no '--' (it starts key vault names)" },
	{ "--suffix", 1, 16, "", false, false, "", false,
	  "1-16 letters or digits (it ends key vault names)" },
	/* XXX: Azure allows Unicode letters and digits in resource group
	 * names; any non-ASCII character is let through here, so a name with
	 * a non-ASCII symbol reaches az and is refused by Azure instead. A
	 * table of Unicode categories would close the gap. */
	{ "resource group name", 1, 90, "_-.()", true, false, ".", false,
	  "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending "
	  "with '.'" },
	{ "key vault name", 3, 24, "-", false, true, "-", true,
	  "3-24 letters, digits or hyphens, starting with a letter, ending "
	  "with a letter or digit, no '--'" },
	{ "disk encryption set name", 1, 80, "_-", false, false, "", false,
	  "1-80 letters, digits, '_' or '-'" },
	{ "disk name", 1, 80, "_-.", false, false, "-.", false,
	  "1-80 letters, digits, '_', '-' or '.', ending with a letter, "
	  "digit or '_'" },
	{ "Linux VM name", 1, 64, "-", false, false, "-", false,
	  "1-64 letters, digits or hyphens, not ending with a hyphen" },
	{ "Windows VM name", 1, 15, "-", false, false, "-", false,
	  "1-15 letters, digits or hyphens, not ending with a hyphen (it is "
	  "the computer name)" },
	{ "key name", 1, 127, "-", false, false, "", false,
	  "1-127 letters, digits or hyphens" },
};

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static bool
allowed(const struct name_rule *rule, unsigned char c)
{
	if (c >= 0x80)
		return rule->non_ascii;
	return is_alnum(c) || (c != '\0' && strchr(rule->extra, c) != NULL);
}

static bool
follows(const struct name_rule *rule, const char *name)
{
	size_t len = strlen(name), i;
	unsigned char first = (unsigned char)name[0];

	if (len < rule->min || len > rule->max)
		return false;
	if (rule->letter_first && !((first | 0x20) >= 'a' &&
	    (first | 0x20) <= 'z'))
		return false;
	if (strchr(rule->bad_last, name[len - 1]) != NULL)
		return false;
	if (rule->no_double_hyphen && strstr(name, "--") != NULL)
		return false;
	for (i = 0; i < len; i++) {
		if (!allowed(rule, (unsigned char)name[i]))
			return false;
	}
	return true;
}

enum adc_status
adc_name_check(enum adc_name_kind kind, const char *name,
    struct adc_diag *diag)
{
	const struct name_rule *rule;
	char shown[96];

	if (name == NULL || (size_t)kind >= sizeof(rules) / sizeof(rules[0]))
		return adc_diag_set(diag, ADC_EINVAL, "no name to check");
	rule = &rules[kind];
	adc_shell_show(name, shown, sizeof(shown));
	if (!adc_shell_safe(name))
		return adc_diag_set(diag, ADC_EUNSAFE,
		    "%s '%s' holds a control character or invalid UTF-8",
		    rule->what, shown);
	if (!follows(rule, name))
		return adc_diag_set(diag, ADC_EINVAL,
		    "%s '%s' breaks the rule: %s", rule->what, shown,
		    rule->text);
	return ADC_OK;
}
