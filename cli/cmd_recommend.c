/* SPDX-License-Identifier: MIT */
/*
 * cmd_recommend.c: "azdiskcrypt recommend": the catalogue scenario a
 * policy (by default the baseline) recommends for a VM's needs, the
 * settings that build it, and why.
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

struct rec_opts {
	struct adc_needs needs;
	const char	*policy;
	const char	*output;
	enum adc_format	 format;
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt recommend [--confidential] [--customer-key]\n"
	    "           [--temp-disk] [--double-encryption] [--policy FILE]\n"
	    "           [--format text|json] [--output FILE]\n"
	    "\n"
	    "Print the catalogue scenario the policy (by default the built-in\n"
	    "baseline) recommends for a VM with these needs, the settings\n"
	    "that build it, and why.\n"
	    "\n"
	    "Options:\n"
	    "      --confidential       the VM must be a confidential VM\n"
	    "      --customer-key       the organisation must hold the keys\n"
	    "      --double-encryption  data at rest under two layers\n"
	    "  -f, --format FORMAT      text (default) or json\n"
	    "  -h, --help               show this help\n"
	    "  -o, --output FILE        write to FILE, not standard output\n"
	    "  -p, --policy FILE        use this policy file instead of the "
	    "baseline\n"
	    "      --temp-disk          the temp disk and caches must be "
	    "encrypted\n");
}

/* Returns -1 to go on, or the exit status (help, usage error). A flat
 * switch over the options, hence its length. */
static int
parse_args(int argc, char **argv, struct rec_opts *o)
{
	/* Sorted by name. */
	static const struct option longopts[] = {
		{ "confidential", no_argument, NULL, 'c' },
		{ "customer-key", no_argument, NULL, 'k' },
		{ "double-encryption", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "policy", required_argument, NULL, 'p' },
		{ "temp-disk", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	int c, fmt;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:ho:p:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->needs.confidential = true;
			break;
		case 'd':
			o->needs.double_encryption = true;
			break;
		case 'f':
			fmt = cli_parse_format(optarg, "text|json");
			if (fmt < 0)
				return cli_usage_error("recommend", "unknown "
				    "format '%s': use text or json", optarg);
			o->format = (enum adc_format)fmt;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		case 'k':
			o->needs.customer_key = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'p':
			o->policy = optarg;
			break;
		case 't':
			o->needs.temp_disk = true;
			break;
		case ':':
			return cli_usage_error("recommend", "option '%s' needs "
			    "a value", argv[optind - 1]);
		default:
			return cli_usage_error("recommend", "unknown option "
			    "'%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("recommend", "unexpected argument "
		    "'%s'", argv[optind]);
	return -1;
}

static void
print_text(struct adc_buf *b, const struct adc_recommendation *r)
{
	size_t i;

	adc_buf_printf(b, "VM:         %s  %s\n", r->vm->id, r->vm->title);
	adc_buf_printf(b, "  settings: %s\n", r->vm->az_flags != NULL &&
	    r->vm->az_flags[0] != '\0' ? r->vm->az_flags : "(defaults)");
	adc_buf_printf(b, "Data disks: %s  %s\n", r->data_disk->id,
	    r->data_disk->title);
	adc_buf_printf(b, "  settings: %s\n", r->data_disk->az_flags);
	adc_buf_puts(b, "\nWhy:\n");
	for (i = 0; i < r->n_reasons; i++)
		adc_buf_printf(b, "  - %s\n", r->reasons[i]);
}

static void
json_scenario(struct adc_jsonw *w, const char *key,
    const struct adc_scenario *s)
{
	adc_jsonw_key(w, key);
	adc_jsonw_object_begin(w);
	adc_jsonw_key(w, "id");
	adc_jsonw_string(w, s->id);
	adc_jsonw_key(w, "title");
	adc_jsonw_string(w, s->title);
	adc_jsonw_key(w, "az_flags");
	adc_jsonw_string(w, s->az_flags);
	adc_jsonw_object_end(w);
}

static void
print_json(struct adc_buf *b, const struct adc_recommendation *r,
    const struct adc_needs *n)
{
	struct adc_jsonw w;
	size_t i;

	adc_jsonw_init(&w, b, true);
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "schema_version");
	adc_jsonw_int(&w, 1);
	adc_jsonw_key(&w, "needs");
	adc_jsonw_object_begin(&w);
	adc_jsonw_key(&w, "confidential");
	adc_jsonw_bool(&w, n->confidential);
	adc_jsonw_key(&w, "customer_key");
	adc_jsonw_bool(&w, n->customer_key);
	adc_jsonw_key(&w, "temp_disk");
	adc_jsonw_bool(&w, n->temp_disk);
	adc_jsonw_key(&w, "double_encryption");
	adc_jsonw_bool(&w, n->double_encryption);
	adc_jsonw_object_end(&w);
	json_scenario(&w, "vm", r->vm);
	json_scenario(&w, "data_disk", r->data_disk);
	adc_jsonw_key(&w, "reasons");
	adc_jsonw_array_begin(&w);
	for (i = 0; i < r->n_reasons; i++)
		adc_jsonw_string(&w, r->reasons[i]);
	adc_jsonw_array_end(&w);
	adc_jsonw_object_end(&w);
	adc_jsonw_finish(&w);
	if (adc_jsonw_failed(&w))
		b->failed = 1;
}

static int
write_recommendation(const struct rec_opts *o,
    const struct adc_recommendation *r)
{
	struct adc_buf b;
	int rc;

	adc_buf_init(&b, 0);
	if (o->format == ADC_FORMAT_JSON)
		print_json(&b, r, &o->needs);
	else
		print_text(&b, r);
	if (b.failed) {
		adc_buf_free(&b);
		cli_errorf("out of memory");
		return CLI_EXIT_INTERNAL;
	}
	rc = cli_write_output(o->output, b.data, b.len);
	adc_buf_free(&b);
	return rc;
}

int
cmd_recommend(int argc, char **argv)
{
	struct adc_recommendation r;
	struct adc_policy *policy;
	struct adc_diag diag;
	struct rec_opts o;
	enum adc_status st;
	int rc;

	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	rc = cli_load_policy(o.policy, &policy);
	if (rc != CLI_EXIT_OK)
		return rc;

	adc_diag_init(&diag, NULL);
	st = adc_recommend(policy, &o.needs, &r, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		rc = cli_exit_for(st);
	} else {
		rc = write_recommendation(&o, &r);
	}
	adc_policy_free(policy);
	return rc;
}
