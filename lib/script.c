/* SPDX-License-Identifier: MIT */
/*
 * script.c: the scripts that build catalogue scenarios with az, and the
 * parts the build and teardown scripts share: the plan (which VM each
 * disk joins), the names, the header and the settings block. A script is
 * written into a buffer first and reaches the caller's FILE only whole,
 * so a refused value never leaves half a script behind.
 */
#include "script.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "shell.h"

#define DEFAULT_LOCATION	"westeurope"
#define DEFAULT_PREFIX		"adc"
/* Scripts stay far below this; it only bounds a runaway. */
#define SCRIPT_LIMIT		(4u << 20)

/* ---- Plan ----------------------------------------------------------- */

static enum adc_status
plan_one(const char *id, struct adc_script_item *items, size_t n,
    int last_vm, struct adc_diag *diag)
{
	const struct adc_scenario *s = adc_scenario_find(id);
	char shown[64];
	size_t i;

	adc_shell_show(id, shown, sizeof(shown));
	if (s == NULL)
		return adc_diag_set(diag, ADC_ENOTFOUND,
		    "no catalogue entry '%s' (VM01-VM10, disk01-disk03)",
		    shown);
	items[n].scenario = s;
	items[n].attach_to = s->kind == ADC_SCENARIO_DISK ? last_vm : -1;

	/* The same VM twice, or the same disk twice in one place, would
	 * name two resources alike. */
	for (i = 0; i < n; i++) {
		if (items[i].scenario == s &&
		    items[i].attach_to == items[n].attach_to)
			return adc_diag_set(diag, ADC_EINVAL,
			    "'%s' is given twice%s", s->id,
			    last_vm >= 0 && s->kind == ADC_SCENARIO_DISK ?
			    " for the same VM" : "");
	}
	return ADC_OK;
}

enum adc_status
adc_script_plan(const char *const *ids, size_t n_ids, bool all,
    struct adc_script_item *items, size_t cap, size_t *n_items,
    struct adc_diag *diag)
{
	const struct adc_scenario *cat;
	enum adc_status st;
	size_t i, n_cat;
	int last_vm = -1;

	*n_items = 0;
	if (all && n_ids > 0)
		return adc_diag_set(diag, ADC_EINVAL,
		    "--all builds the whole catalogue: give no ids with it");
	if (!all && n_ids == 0)
		return adc_diag_set(diag, ADC_EINVAL,
		    "no scenario: give ids (VM01-VM10, disk01-disk03) or "
		    "--all");

	cat = adc_scenarios(&n_cat);
	if ((all ? n_cat : n_ids) > cap || cap > ADC_SCRIPT_MAX_ITEMS)
		return adc_diag_set(diag, ADC_ELIMIT,
		    "more than %zu scenarios in one script",
		    cap < ADC_SCRIPT_MAX_ITEMS ? cap : ADC_SCRIPT_MAX_ITEMS);
	for (i = 0; i < (all ? n_cat : n_ids); i++) {
		st = plan_one(all ? cat[i].id : ids[i], items, i,
		    all ? -1 : last_vm, diag);
		if (st != ADC_OK)
			return st;
		if (items[i].scenario->kind == ADC_SCENARIO_VM)
			last_vm = (int)i;
	}
	*n_items = i;
	return ADC_OK;
}

/* ---- Output helpers ------------------------------------------------- */

void
script_put(struct script_gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	adc_buf_vprintf(&g->out, fmt, ap);
	va_end(ap);
}

void
script_put_quoted(struct script_gen *g, const char *what, const char *s)
{
	size_t size = strlen(s) * 4 + 3;
	char *q = malloc(size);
	enum adc_status st;
	char shown[96];

	if (q == NULL) {
		g->status = adc_diag_set(g->diag, ADC_ENOMEM, "out of memory");
		return;
	}
	st = adc_shell_quote(s, q, size);
	if (st == ADC_OK) {
		adc_buf_puts(&g->out, q);
	} else if (g->status == ADC_OK) {
		adc_shell_show(s, shown, sizeof(shown));
		g->status = adc_diag_set(g->diag, st,
		    "%s '%s' cannot go into a script: it holds a control "
		    "character, a Unicode direction or line control, or "
		    "invalid UTF-8", what, shown);
	}
	free(q);
}

/* Upper-case id for variables, lower-case for names. */
static void
copy_case(char *dst, const char *src, size_t size, bool upper)
{
	size_t i;

	for (i = 0; src[i] != '\0' && i + 1 < size; i++)
		dst[i] = (char)(upper ? toupper((unsigned char)src[i]) :
		    tolower((unsigned char)src[i]));
	dst[i] = '\0';
}

static void
item_join(const struct script_gen *g, size_t i, char *buf, size_t size,
    bool upper)
{
	const struct adc_script_item *it = &g->items[i];
	char a[8], b[8];	/* catalogue ids are at most 6 characters */

	copy_case(b, it->scenario->id, sizeof(b), upper);
	if (it->attach_to < 0) {
		snprintf(buf, size, "%s", b);
		return;
	}
	copy_case(a, g->items[it->attach_to].scenario->id, sizeof(a), upper);
	snprintf(buf, size, "%s%c%s", a, upper ? '_' : '-', b);
}

void
script_item_var(const struct script_gen *g, size_t i, char *buf,
    size_t size)
{
	item_join(g, i, buf, size, true);
}

void
script_item_name(const struct script_gen *g, size_t i, char *buf,
    size_t size)
{
	item_join(g, i, buf, size, false);
}

/* ---- What the items need -------------------------------------------- */

static void
add_des(struct script_gen *g, size_t item, const char *part,
    enum adc_enc_type type)
{
	struct script_des *d = &g->des[g->n_des++];
	char var[24], name[24];
	char upart[8];

	script_item_var(g, item, var, sizeof(var));
	script_item_name(g, item, name, sizeof(name));
	copy_case(upart, part, sizeof(upart), true);
	snprintf(d->var, sizeof(d->var), "%s%s%s_DES", var,
	    part[0] ? "_" : "", upart);
	snprintf(d->key_var, sizeof(d->key_var), "%s%s%s_KEY", var,
	    part[0] ? "_" : "", upart);
	snprintf(d->name, sizeof(d->name), "%s%s%s", name,
	    part[0] ? "-" : "", part);
	snprintf(d->part, sizeof(d->part), "%s", part);
	d->type = type;
	d->item = item;
	if (type == ADC_ENC_CONFIDENTIAL)
		g->need_kv_cvm = true;
	else
		g->need_kv = true;
}

static bool
has_des(enum adc_enc_type type)
{
	return type == ADC_ENC_CUSTOMER || type == ADC_ENC_DOUBLE ||
	    type == ADC_ENC_CONFIDENTIAL;
}

/* One DES per OS disk and one for a VM's data disks, each with its own
 * key, as the study advises; a catalogue disk has its own. */
static void
collect(struct script_gen *g)
{
	const struct adc_scenario *s;
	size_t i;

	for (i = 0; i < g->n_items; i++) {
		s = g->items[i].scenario;
		if (s->kind == ADC_SCENARIO_DISK) {
			if (has_des(s->data_des_type))
				add_des(g, i, "", s->data_des_type);
			continue;
		}
		if (s->security_type == ADC_SECTYPE_CONFIDENTIAL)
			g->need_cvm_vm = true;
		else
			g->need_std_vm = true;
		if (s->encryption_at_host == ADC_YES)
			g->need_eah = true;
		if (has_des(s->os_des_type))
			add_des(g, i, "os", s->os_des_type);
		if (s->n_data_disks > 0 && has_des(s->data_des_type))
			add_des(g, i, "data", s->data_des_type);
	}
}

/* ---- Names ---------------------------------------------------------- */

static enum adc_status
check_derived(struct script_gen *g, enum adc_name_kind kind,
    const char *middle, const char *tail)
{
	char name[256];

	snprintf(name, sizeof(name), "%s-%s%s", g->prefix, middle, tail);
	return adc_name_check(kind, name, g->diag);
}

/* A suffix made at run time is six hex digits. */
static enum adc_status
check_vaults(struct script_gen *g)
{
	const char *suffix = g->opts->suffix ? g->opts->suffix : "0a1b2c";
	enum adc_status st = ADC_OK;
	char tail[64];

	snprintf(tail, sizeof(tail), "-%s", suffix);
	if (g->opts->suffix != NULL)
		st = adc_name_check(ADC_NAME_SUFFIX, suffix, g->diag);
	if (st == ADC_OK && g->need_kv)
		st = check_derived(g, ADC_NAME_KEY_VAULT, "kv", tail);
	if (st == ADC_OK && g->need_kv_cvm)
		st = check_derived(g, ADC_NAME_KEY_VAULT, "ckv", tail);
	return st;
}

static enum adc_status
check_names(struct script_gen *g)
{
	enum adc_status st = adc_name_check(ADC_NAME_PREFIX, g->prefix,
	    g->diag);
	char name[64];
	size_t i;

	if (st == ADC_OK && g->opts->resource_group != NULL)
		st = adc_name_check(ADC_NAME_RESOURCE_GROUP, g->rg, g->diag);
	if (st == ADC_OK)
		st = check_vaults(g);
	for (i = 0; st == ADC_OK && i < g->n_items; i++) {
		script_item_name(g, i, name, sizeof(name));
		if (g->items[i].scenario->kind == ADC_SCENARIO_DISK)
			st = check_derived(g, ADC_NAME_DISK, name, "");
		else
			st = check_derived(g, g->windows ?
			    ADC_NAME_VM_WINDOWS : ADC_NAME_VM_LINUX, name, "");
	}
	for (i = 0; st == ADC_OK && i < g->n_des; i++) {
		st = check_derived(g, ADC_NAME_DES, g->des[i].name, "-des");
		if (st == ADC_OK)
			st = check_derived(g, ADC_NAME_KEY, g->des[i].name,
			    "-key");
	}
	return st;
}

/* ---- Shared blocks -------------------------------------------------- */

void
script_put_setting(struct script_gen *g, const char *var,
    const char *what, const char *value)
{
	/* shellcheck takes $ and ` inside single quotes for a mistake; here
	 * they are meant literally. */
	if (strpbrk(value, "$`") != NULL)
		script_put(g, "# shellcheck disable=SC2016 # literal text\n");
	script_put(g, "%s=${%s:-", var, var);
	script_put_quoted(g, what, value);
	script_put(g, "}\n");
}

/* The items are the whole catalogue in order, disks on their own: what
 * --all gives. */
static bool
is_all(const struct script_gen *g)
{
	const struct adc_scenario *cat;
	size_t i, n;

	cat = adc_scenarios(&n);
	if (g->n_items != n)
		return false;
	for (i = 0; i < n; i++) {
		if (g->items[i].scenario != &cat[i] ||
		    g->items[i].attach_to >= 0)
			return false;
	}
	return true;
}

void
script_put_header(struct script_gen *g, const char *what)
{
	const struct adc_script_item *it;
	size_t i;

	script_put(g, "#!/usr/bin/env bash\n# %s\n#\n", what);
	for (i = 0; i < g->n_items; i++) {
		it = &g->items[i];
		script_put(g, "#   %-7s %s", it->scenario->id,
		    it->scenario->title);
		if (it->attach_to >= 0)
			script_put(g, " (attached to %s)",
			    g->items[it->attach_to].scenario->id);
		script_put(g, "\n");
	}
	script_put(g, "#\n# Generated by azdiskcrypt %s: azdiskcrypt script%s",
	    adc_version(), g->opts->teardown ? " --teardown" : "");
	if (is_all(g))
		script_put(g, " --all");
	for (i = 0; !is_all(g) && i < g->n_items; i++)
		script_put(g, " %s", g->items[i].scenario->id);
	script_put(g, "\n# Every setting below can be overridden from the "
	    "environment. Re-running\n# the script skips what exists.\n"
	    "set -euo pipefail\n\n");
}

static void
put_item_names(struct script_gen *g)
{
	char var[40], name[40];
	size_t i;

	for (i = 0; i < g->n_items; i++) {
		script_item_var(g, i, var, sizeof(var));
		script_item_name(g, i, name, sizeof(name));
		script_put(g, "%s=${%s:-\"$PREFIX-%s\"}\n", var, var, name);
	}
	for (i = 0; i < g->n_des; i++) {
		script_put(g, "%s=${%s:-\"$PREFIX-%s-des\"}\n", g->des[i].var,
		    g->des[i].var, g->des[i].name);
		if (!g->opts->teardown)
			script_put(g, "%s=${%s:-\"$PREFIX-%s-key\"}\n",
			    g->des[i].key_var, g->des[i].key_var,
			    g->des[i].name);
	}
}

static void
put_suffix(struct script_gen *g)
{
	if (!g->need_kv && !g->need_kv_cvm)
		return;
	script_put(g, "# A deleted vault's name stays reserved until its "
	    "retention ends (purge\n# protection) [17], so vault names "
	    "end with a suffix: SUFFIX, or the one\n# of the vaults an "
	    "earlier run tagged, or a new random one.\n");
	if (g->opts->suffix != NULL)
		script_put_setting(g, "SUFFIX", "--suffix", g->opts->suffix);
	else
		script_put(g, "SUFFIX=${SUFFIX:-}\n");
}

void
script_put_account(struct script_gen *g)
{
	script_put(g, "# Stops here, with az's own message, when not logged "
	    "in.\n"
	    "subscription=$(az account show --query name -o tsv)\n"
	    "say \"subscription $subscription, resource group $RG\"\n\n");
}

void
script_put_vault_names(struct script_gen *g)
{
	if (!g->need_kv && !g->need_kv_cvm)
		return;
	script_put(g, "if [ -z \"$SUFFIX\" ]; then\n"
	    "\tSUFFIX=$(az keyvault list -g \"$RG\" \\\n"
	    "\t    --query \"[?tags.azdiskcrypt=='$PREFIX'].name | [0]\" "
	    "-o tsv%s)\n"
	    "\tSUFFIX=${SUFFIX##*-}\n"
	    "fi\n", g->opts->teardown ? " 2>/dev/null || true" : "");
	if (!g->opts->teardown)
		script_put(g, "if [ -z \"$SUFFIX\" ]; then\n"
		    "\tSUFFIX=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \\n')\n"
		    "fi\n");
	if (g->need_kv)
		script_put(g, "KV=${KV:-\"$PREFIX-kv-$SUFFIX\"}\n");
	if (g->need_kv_cvm)
		script_put(g, "KV_CVM=${KV_CVM:-\"$PREFIX-ckv-$SUFFIX\"}\n");
	script_put(g, "\n");
}

void
script_put_settings(struct script_gen *g)
{
	script_put(g, "# Settings.\n");
	/* The teardown needs the location only to purge. */
	if (!g->opts->teardown || g->opts->purge)
		script_put_setting(g, "LOCATION", "--location", g->location);
	script_put_setting(g, "RG", "--resource-group", g->rg);
	script_put_setting(g, "PREFIX", "--prefix", g->prefix);
	put_suffix(g);
	put_item_names(g);
	script_put(g, "\n");
}

/* ---- Entry point ---------------------------------------------------- */

static enum adc_status
setup(struct script_gen *g, const struct adc_script_options *opts)
{
	enum adc_status st;
	size_t i;

	g->location = opts->location ? opts->location : DEFAULT_LOCATION;
	g->prefix = opts->prefix ? opts->prefix : DEFAULT_PREFIX;
	g->windows = opts->os == ADC_OS_WINDOWS;
	snprintf(g->rg_default, sizeof(g->rg_default), "%s-rg", g->prefix);
	g->rg = opts->resource_group ? opts->resource_group : g->rg_default;
	collect(g);
	st = check_names(g);
	if (st != ADC_OK)
		return st;

	for (i = 0; i < g->n_items; i++) {
		if (g->items[i].attach_to >= (int)i ||
		    (g->items[i].attach_to >= 0 &&
		    g->items[g->items[i].attach_to].scenario->kind !=
		    ADC_SCENARIO_VM))
			return adc_diag_set(g->diag, ADC_EINVAL,
			    "item %zu is attached to something that is not a "
			    "VM before it", i);
	}
	if (g->windows && opts->image == NULL && (g->need_std_vm ||
	    g->need_cvm_vm))
		return adc_diag_set(g->diag, ADC_EINVAL,
		    "--os windows needs --image: the catalogue's images are "
		    "Linux images");
	return ADC_OK;
}

enum adc_status
adc_script_write(const struct adc_script_item *items, size_t n_items,
    const struct adc_script_options *opts, FILE *out,
    struct adc_diag *diag)
{
	struct script_gen *g;
	enum adc_status st;

	if (items == NULL || opts == NULL || out == NULL || n_items == 0 ||
	    n_items > ADC_SCRIPT_MAX_ITEMS)
		return adc_diag_set(diag, ADC_EINVAL,
		    "a script needs 1-%d items", ADC_SCRIPT_MAX_ITEMS);
	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return adc_diag_set(diag, ADC_ENOMEM, "out of memory");
	adc_buf_init(&g->out, SCRIPT_LIMIT);
	g->items = items;
	g->n_items = n_items;
	g->opts = opts;
	g->diag = diag;

	st = setup(g, opts);
	if (st == ADC_OK) {
		if (opts->teardown)
			script_write_teardown(g);
		else
			script_write_build(g);
		st = g->status;
	}
	if (st == ADC_OK && g->out.failed)
		st = adc_diag_set(diag, ADC_ENOMEM,
		    "the script outgrew memory");
	if (st == ADC_OK && (fwrite(g->out.data, 1, g->out.len, out) !=
	    g->out.len || fflush(out) != 0))
		st = adc_diag_set(diag, ADC_EIO, "cannot write the script");
	adc_buf_free(&g->out);
	free(g);
	return st;
}
