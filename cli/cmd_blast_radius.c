/* SPDX-License-Identifier: MIT */
/*
 * cmd_blast_radius.c: "azdiskcrypt blast-radius": read exports of
 * resources, and for every key (or the one --key or --des names) list
 * the DES that use it, the disks and VMs behind them, and what happens
 * to them when the key is disabled, deleted or expires.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "jsonw.h"


struct blast_opts {
	const char	*key;
	const char	*des;
	const char	*output;
	enum adc_format	 format;
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt blast-radius [--key URL | --des ID]\n"
	    "           [--format text|json] [--output FILE] FILE...\n"
	    "\n"
	    "For every key behind a disk encryption set (or the one named),\n"
	    "list the DES that use it, the disks and VMs behind them, and\n"
	    "what happens to them when the key is disabled, deleted or\n"
	    "expires. FILE is JSON from az, ARM REST or Resource Graph;\n"
	    "'-' is standard input. All files are read together.\n"
	    "\n"
	    "Options:\n"
	    "  -d, --des ID         only the key of this disk encryption set\n"
	    "  -f, --format FORMAT  text (default) or json\n"
	    "  -h, --help           show this help\n"
	    "  -k, --key URL        only this key (any version of it)\n"
	    "  -o, --output FILE    write to FILE, not standard output\n"
	    "\n"
	    "Several files are read by two threads; AZDISKCRYPT_JOBS=1 reads\n"
	    "them one after the other. The result is the same.\n");
}

/* Returns -1 to go on, or the exit status (help, usage error). A flat
 * switch over the options, hence its length. */
static int
parse_args(int argc, char **argv, struct blast_opts *o)
{
	/* Sorted by name. */
	static const struct option longopts[] = {
		{ "des", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	int c, fmt;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:d:f:hk:o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			o->des = optarg;
			break;
		case 'f':
			fmt = cli_parse_format(optarg, "text|json");
			if (fmt < 0)
				return cli_usage_error("blast-radius",
				    "unknown format '%s': use text or json",
				    optarg);
			o->format = (enum adc_format)fmt;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		case 'k':
			o->key = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case ':':
			return cli_usage_error("blast-radius", "option '%s' "
			    "needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("blast-radius", "unknown option "
			    "'%s'", argv[optind - 1]);
		}
	}
	if (o->key != NULL && o->des != NULL)
		return cli_usage_error("blast-radius", "--key and --des "
		    "exclude each other");
	if (optind >= argc)
		return cli_usage_error("blast-radius", "no input files (use "
		    "'-' for standard input)");
	return -1;
}

static const char *
name_of(const char *name, const char *id)
{
	const char *slash;

	if (name != NULL && *name != '\0')
		return name;
	if (id == NULL)
		return "(unnamed)";
	slash = strrchr(id, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : id;
}

static const char *
key_state(const struct adc_key *key)
{
	if (key == NULL)
		return "not in the input";
	if (key->exists == ADC_NO)
		return "missing from its vault";
	if (key->enabled == ADC_NO)
		return "disabled";
	if (key->enabled == ADC_YES)
		return "enabled";
	return "state unknown";
}

static void
text_key(struct adc_buf *b, const struct adc_blast_key *k)
{
	const char *const *e;
	size_t i, j;

	adc_buf_printf(b, "key %s (%s)\n", k->key_url != NULL ? k->key_url :
	    "(DES without a key URL)", key_state(k->key));
	for (i = 0; i < k->n_des; i++) {
		const struct adc_blast_des *d = &k->des[i];

		adc_buf_printf(b, "  DES %s: %zu disk%s\n",
		    name_of(d->des->name, d->des->id), d->n_disks,
		    d->n_disks == 1 ? "" : "s");
		for (j = 0; j < d->n_disks; j++)
			adc_buf_printf(b, "    disk %s\n", name_of(
			    d->disks[j]->name, d->disks[j]->id));
	}
	adc_buf_printf(b, "  VMs (%zu):", k->n_vms);
	for (i = 0; i < k->n_vms; i++)
		adc_buf_printf(b, " %s", name_of(k->vms[i]->name,
		    k->vms[i]->id));
	adc_buf_printf(b, "%s\n  If this key is disabled, deleted or "
	    "expires:\n", k->n_vms == 0 ? " none" : "");
	for (e = adc_blast_effects(); *e != NULL; e++)
		adc_buf_printf(b, "    - %s\n", *e);
	if (k->confidential)
		adc_buf_puts(b, "    - confidential DES: the key cannot rotate "
		    "automatically; rotating it means stopping every VM "
		    "above [CVMROT]\n");
}

static void
json_des(struct adc_jsonw *w, const struct adc_blast_des *d)
{
	size_t j;

	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "id");
	adc_jsonw_string(w, d->des->id);
	adc_jsonw_key(w, "name");
	adc_jsonw_string(w, d->des->name);
	adc_jsonw_key(w, "disks");
	adc_jsonw_array_begin(w);
	for (j = 0; j < d->n_disks; j++)
		adc_jsonw_string(w, d->disks[j]->id != NULL ?
		    d->disks[j]->id : d->disks[j]->name);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
}

static void
json_key(struct adc_jsonw *w, const struct adc_blast_key *k)
{
	size_t i;

	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "key_url");
	adc_jsonw_string(w, k->key_url);
	adc_jsonw_key(w, "in_input");
	adc_jsonw_bool(w, k->key != NULL);
	adc_jsonw_key(w, "enabled");
	adc_jsonw_tri(w, k->key != NULL ? k->key->enabled : ADC_UNKNOWN);
	adc_jsonw_key(w, "confidential");
	adc_jsonw_bool(w, k->confidential);
	adc_jsonw_key(w, "des");
	adc_jsonw_array_begin(w);
	for (i = 0; i < k->n_des; i++)
		json_des(w, &k->des[i]);
	adc_jsonw_array_end(w);
	adc_jsonw_key(w, "n_disks");
	adc_jsonw_int(w, (long long)k->n_disks);
	adc_jsonw_key(w, "vms");
	adc_jsonw_array_begin(w);
	for (i = 0; i < k->n_vms; i++)
		adc_jsonw_string(w, k->vms[i]->id);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
}

static void
json_blast(struct adc_jsonw *w, const struct adc_blast *bl)
{
	const char *const *e;
	size_t i;

	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "schema_version");
	adc_jsonw_int(w, 1);
	adc_jsonw_key(w, "effects");
	adc_jsonw_array_begin(w);
	for (e = adc_blast_effects(); *e != NULL; e++)
		adc_jsonw_string(w, *e);
	adc_jsonw_array_end(w);
	adc_jsonw_key(w, "keys");
	adc_jsonw_array_begin(w);
	for (i = 0; i < bl->n_keys; i++)
		json_key(w, &bl->keys[i]);
	adc_jsonw_array_end(w);
	adc_jsonw_object_end(w);
	adc_jsonw_finish(w);
}

static int
write_blast(const struct adc_blast *bl, enum adc_format format,
    const char *output)
{
	struct adc_jsonw w;
	struct adc_buf b;
	size_t i;
	int rc;

	adc_buf_init(&b, 0);
	if (format == ADC_FORMAT_JSON) {
		adc_jsonw_init(&w, &b, true);
		json_blast(&w, bl);
	} else if (bl->n_keys == 0) {
		adc_buf_puts(&b, "no disk encryption set in the input\n");
	}
	for (i = 0; format != ADC_FORMAT_JSON && i < bl->n_keys; i++) {
		if (i > 0)
			adc_buf_puts(&b, "\n");
		text_key(&b, &bl->keys[i]);
	}
	if (b.failed || (format == ADC_FORMAT_JSON && adc_jsonw_failed(&w))) {
		adc_buf_free(&b);
		cli_errorf("out of memory");
		return CLI_EXIT_INTERNAL;
	}
	rc = cli_write_output(output, b.data != NULL ? b.data : "", b.len);
	adc_buf_free(&b);
	return rc;
}

static int
run(const struct blast_opts *o, int argc, char **argv,
    struct adc_estate *estate)
{
	struct adc_blast bl;
	struct adc_diag diag;
	enum adc_status st;
	int rc;

	rc = cli_read_estate("blast-radius", estate, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc;
	adc_diag_init(&diag, NULL);
	st = adc_blast_radius(estate, o->key, o->des, &bl, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		return cli_exit_for(st);
	}
	rc = write_blast(&bl, o->format, o->output);
	adc_blast_free(&bl);
	return rc;
}

int
cmd_blast_radius(int argc, char **argv)
{
	struct adc_estate *estate;
	struct blast_opts o;
	int rc;

	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	estate = adc_estate_new();
	if (estate == NULL) {
		cli_errorf("out of memory");
		return CLI_EXIT_INTERNAL;
	}
	rc = run(&o, argc - optind, argv + optind, estate);
	adc_estate_free(estate);
	return rc;
}
