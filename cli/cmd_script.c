/* SPDX-License-Identifier: MIT */
/*
 * cmd_script.c: azdiskcrypt script, the az commands that build catalogue
 * scenarios (or, with --teardown, remove them). The library writes the
 * script; this file parses options and picks the output.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt script [--location L] [--resource-group RG] "
	    "[--prefix P]\n"
	    "           [--suffix S] [--os linux|windows] [--image URN] "
	    "[--size SIZE]\n"
	    "           [--teardown [--purge]] [-o FILE] --all | ID...\n"
	    "\n"
	    "Write a bash script of az commands that builds catalogue "
	    "scenarios\n"
	    "(VM01-VM10, disk01-disk03) with their prerequisites, in order.\n"
	    "A disk id written after a VM id is attached to that VM.\n"
	    "\n"
	    "Options:\n"
	    "  --all                  the whole catalogue: ten VMs, three "
	    "disks\n"
	    "  --image URN            image for every VM (needed with --os "
	    "windows)\n"
	    "  --location L           Azure region (default westeurope)\n"
	    "  -o, --output FILE      write the script to FILE, not stdout\n"
	    "  --os linux|windows     guest OS (default linux); Windows "
	    "takes the\n"
	    "                         password from ADMIN_PASSWORD at run "
	    "time\n"
	    "  --prefix P             starts every name (default adc)\n"
	    "  --purge                with --teardown: also purge the key "
	    "vaults\n"
	    "  --resource-group RG    resource group (default PREFIX-rg)\n"
	    "  --size SIZE            VM size for every VM\n"
	    "  --suffix S             ends key vault names (default: random "
	    "per run)\n"
	    "  --teardown             write the script that removes it all\n"
	    "  -h, --help             this help\n"
	    "\n"
	    "Every setting can be overridden from the environment when the "
	    "script runs.\n"
	    "Exit status: 0 written, 2 usage error or a refused value, "
	    "3 internal error.\n");
}

struct script_args {
	struct adc_script_options opts;
	bool		 all;
	const char	*output;
};

enum { OPT_ALL = 256, OPT_IMAGE, OPT_LOCATION, OPT_OS, OPT_PREFIX,
	OPT_PURGE, OPT_RG, OPT_SIZE, OPT_SUFFIX, OPT_TEARDOWN };

/* Sorted by name. */
static const struct option long_opts[] = {
	{ "all",		no_argument,		NULL, OPT_ALL },
	{ "help",		no_argument,		NULL, 'h' },
	{ "image",		required_argument,	NULL, OPT_IMAGE },
	{ "location",		required_argument,	NULL, OPT_LOCATION },
	{ "os",			required_argument,	NULL, OPT_OS },
	{ "output",		required_argument,	NULL, 'o' },
	{ "prefix",		required_argument,	NULL, OPT_PREFIX },
	{ "purge",		no_argument,		NULL, OPT_PURGE },
	{ "resource-group",	required_argument,	NULL, OPT_RG },
	{ "size",		required_argument,	NULL, OPT_SIZE },
	{ "suffix",		required_argument,	NULL, OPT_SUFFIX },
	{ "teardown",		no_argument,		NULL, OPT_TEARDOWN },
	{ NULL, 0, NULL, 0 }
};

/* Returns -1 to go on, or an exit status. Long and flat: one case per
 * option. */
static int
parse(int argc, char **argv, struct script_args *a)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL:
			a->all = true;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		case OPT_IMAGE:
			a->opts.image = optarg;
			break;
		case OPT_LOCATION:
			a->opts.location = optarg;
			break;
		case OPT_OS:
			if (strcmp(optarg, "linux") == 0)
				a->opts.os = ADC_OS_LINUX;
			else if (strcmp(optarg, "windows") == 0)
				a->opts.os = ADC_OS_WINDOWS;
			else
				return cli_usage_error("script",
				    "--os must be linux or windows");
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_PREFIX:
			a->opts.prefix = optarg;
			break;
		case OPT_PURGE:
			a->opts.purge = true;
			break;
		case OPT_RG:
			a->opts.resource_group = optarg;
			break;
		case OPT_SIZE:
			a->opts.size = optarg;
			break;
		case OPT_SUFFIX:
			a->opts.suffix = optarg;
			break;
		case OPT_TEARDOWN:
			a->opts.teardown = true;
			break;
		default:
			return cli_usage_error("script", "unknown option");
		}
	}
	if (a->opts.purge && !a->opts.teardown)
		return cli_usage_error("script", "--purge needs --teardown");
	return -1;
}

/* The script goes to a temporary file first, so that -o FILE is only
 * created when the whole script could be written. */
static int
emit(const struct adc_script_item *items, size_t n,
    const struct script_args *a)
{
	struct adc_diag diag;
	char chunk[8192];
	FILE *tmp, *out;
	size_t got;
	int status = CLI_EXIT_OK;

	adc_diag_init(&diag, NULL);
	tmp = tmpfile();
	if (tmp == NULL) {
		cli_errorf("cannot make a temporary file: %s", strerror(errno));
		return CLI_EXIT_INTERNAL;
	}
	if (adc_script_write(items, n, &a->opts, tmp, &diag) != ADC_OK) {
		cli_report_diag(&diag);
		fclose(tmp);
		return cli_exit_for(diag.status);
	}
	out = a->output != NULL && strcmp(a->output, "-") != 0 ?
	    fopen(a->output, "w") : stdout;
	if (out == NULL) {
		cli_errorf("%s: %s", a->output, strerror(errno));
		fclose(tmp);
		return CLI_EXIT_USAGE;
	}
	rewind(tmp);
	while ((got = fread(chunk, 1, sizeof(chunk), tmp)) > 0) {
		if (fwrite(chunk, 1, got, out) != got)
			break;
	}
	if (ferror(tmp) || (out != stdout && fclose(out) != 0)) {
		cli_errorf("cannot write %s", a->output ? a->output : "output");
		status = CLI_EXIT_USAGE;
	}
	fclose(tmp);
	return status;
}

int
cmd_script(int argc, char **argv)
{
	struct adc_script_item items[ADC_SCRIPT_MAX_ITEMS];
	struct script_args a;
	struct adc_diag diag;
	size_t n;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse(argc, argv, &a);
	if (rc >= 0)
		return rc;

	adc_diag_init(&diag, NULL);
	if (adc_script_plan((const char *const *)argv + optind,
	    (size_t)(argc - optind), a.all, items, ADC_SCRIPT_MAX_ITEMS, &n,
	    &diag) != ADC_OK) {
		if (diag.status == ADC_EINVAL && argc == optind)
			return cli_usage_error("script", "%s", diag.msg);
		cli_report_diag(&diag);
		return cli_exit_for(diag.status);
	}
	return emit(items, n, &a);
}
