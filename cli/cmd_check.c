/* SPDX-License-Identifier: MIT */
/*
 * cmd_check.c: "azdiskcrypt check": read exports of resources (several
 * files make one estate), link them, run the rules of a policy, and write
 * the report. The exit status says whether a finding reached --fail-on.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The name standard input goes by in diagnostics and reports. */

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct check_opts {
	enum adc_format	 format;
	enum adc_severity fail_on;	/* ADC_SEV_NONE: never */
	const char	*policy;
	const char	*output;
	enum color_when	 color;
	bool		 has_as_of;
	int64_t		 as_of;		/* Unix seconds */
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: azdiskcrypt check [OPTIONS] FILE...\n"
	    "\n"
	    "Check Azure VM disk encryption against the rules Azure enforces\n"
	    "and a policy (by default the built-in baseline). FILE is JSON\n"
	    "from az (vm, disk, disk-encryption-set, keyvault list/show), an\n"
	    "ARM REST response or a Resource Graph result; '-' is standard\n"
	    "input. All files are read together as one estate.\n"
	    "\n"
	    "Options:\n"
	    "  -f, --format FORMAT  text (default), json, sarif or markdown\n"
	    "      --fail-on LEVEL  exit 1 when a finding is at or above "
	    "LEVEL:\n"
	    "                       error (default), warning, note or never\n"
	    "  -p, --policy FILE    use this policy file instead of the "
	    "baseline\n"
	    "  -o, --output FILE    write the report to FILE, not standard "
	    "output\n"
	    "      --as-of TIME     judge key expiry as of TIME, not now:\n"
	    "                       2026-12-31 (midnight UTC) or\n"
	    "                       2026-12-31T12:00:00Z\n"
	    "      --color WHEN     colour text output: auto (default, only "
	    "on a\n"
	    "                       terminal, not with NO_COLOR set), always "
	    "or never\n"
	    "  -h, --help           show this help\n"
	    "\n"
	    "Several files are read by two threads; AZDISKCRYPT_JOBS=1 reads\n"
	    "them one after the other. The report is the same.\n"
	    "\n"
	    "Exit status: 0 no finding at or above --fail-on, 1 findings at "
	    "or\n"
	    "above it, 2 usage or input error, 3 internal error.\n");
}

static int
parse_fail_on(const char *s, enum adc_severity *out)
{
	static const struct {
		const char *name;
		enum adc_severity sev;
	} levels[] = {
		{ "error", ADC_SEV_ERROR }, { "warning", ADC_SEV_WARNING },
		{ "note", ADC_SEV_NOTE }, { "never", ADC_SEV_NONE },
	};
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (strcmp(s, levels[i].name) == 0) {
			*out = levels[i].sev;
			return 0;
		}
	}
	return -1;
}

static int
parse_color(const char *s, enum color_when *out)
{
	if (strcmp(s, "auto") == 0)
		*out = COLOR_AUTO;
	else if (strcmp(s, "always") == 0)
		*out = COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*out = COLOR_NEVER;
	else
		return -1;
	return 0;
}

/* Returns -1 to go on, or the exit status (help, usage error). Longer
 * than most functions: one flat switch over the options. */
static int
parse_args(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "policy", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "color", required_argument, NULL, 'C' },
		{ "as-of", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, fmt;

	memset(o, 0, sizeof(*o));
	o->format = ADC_FORMAT_TEXT;
	o->fail_on = ADC_SEV_ERROR;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:p:o:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = cli_parse_format(optarg,
			    "text|json|sarif|markdown");
			if (fmt < 0)
				return cli_usage_error("check",
				    "unknown format '%s': use text, json, "
				    "sarif or markdown", optarg);
			o->format = (enum adc_format)fmt;
			break;
		case 'F':
			if (parse_fail_on(optarg, &o->fail_on) != 0)
				return cli_usage_error("check", "unknown "
				    "--fail-on level '%s': use error, warning, "
				    "note or never", optarg);
			break;
		case 'p':
			o->policy = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'A':
			if (adc_time_parse(optarg, &o->as_of) != ADC_OK)
				return cli_usage_error("check", "--as-of '%s' "
				    "is not a time: use 2026-12-31 or "
				    "2026-12-31T12:00:00Z", optarg);
			o->has_as_of = true;
			break;
		case 'C':
			if (parse_color(optarg, &o->color) != 0)
				return cli_usage_error("check", "unknown "
				    "--color '%s': use auto, always or never",
				    optarg);
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error("check", "option '%s' needs a "
			    "value", argv[optind - 1]);
		default:
			return cli_usage_error("check", "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("check", "no input files (use '-' "
		    "for standard input)");
	return -1;
}

static bool
want_color(const struct check_opts *o, FILE *out)
{
	const char *term = getenv("TERM");
	const char *no_color = getenv("NO_COLOR");

	if (o->format != ADC_FORMAT_TEXT || o->color == COLOR_NEVER)
		return false;
	if (o->color == COLOR_ALWAYS)
		return true;
	if (no_color != NULL && no_color[0] != '\0')
		return false;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(out)) != 0;
}

/* Write the report to stdout or -o FILE; returns an exit status. */
static int
write_report(const struct adc_report *report, const struct check_opts *o)
{
	struct adc_diag diag;
	FILE *out = stdout;
	unsigned flags;
	enum adc_status st;

	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		out = fopen(o->output, "w");
		if (out == NULL) {
			cli_errorf("%s: %s", o->output, strerror(errno));
			return CLI_EXIT_USAGE;
		}
	}
	flags = want_color(o, out) ? ADC_REPORT_COLOR : 0;
	adc_diag_init(&diag, o->output);
	st = adc_report_write_flags(report, o->format, flags, out, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		if (out != stdout)
			fclose(out);
		return cli_exit_for(st);
	}
	if (out != stdout && fclose(out) != 0) {
		cli_errorf("%s: %s", o->output, strerror(errno));
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

static int
run_check(const struct check_opts *o, int argc, char **argv,
    struct adc_estate *estate, struct adc_policy *policy)
{
	const struct adc_policy *pol;
	struct adc_report report;
	struct adc_diag diag;
	enum adc_status st;
	int rc;

	rc = cli_read_estate("check", estate, argc, argv);
	if (rc != CLI_EXIT_OK)
		return rc;

	memset(&report, 0, sizeof(report));
	adc_diag_init(&diag, NULL);
	pol = policy != NULL ? policy : adc_policy_baseline();
	if (o->has_as_of)
		st = adc_check_at(estate, pol, o->as_of, &report, &diag);
	else
		st = adc_check(estate, pol, &report, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		adc_report_free(&report);
		return cli_exit_for(st);
	}

	/* The rules' indexes are gone; the report is written next. */
	cli_release_memory();
	rc = write_report(&report, o);
	if (rc == CLI_EXIT_OK && o->fail_on != ADC_SEV_NONE &&
	    adc_report_fails(&report, o->fail_on))
		rc = CLI_EXIT_FINDINGS;
	adc_report_free(&report);
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	struct check_opts o;
	struct adc_estate *estate;
	struct adc_policy *policy;
	int rc;

	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	rc = cli_load_policy(o.policy, &policy);
	if (rc != CLI_EXIT_OK)
		return rc;
	estate = adc_estate_new();
	if (estate == NULL) {
		cli_errorf("out of memory");
		adc_policy_free(policy);
		return CLI_EXIT_INTERNAL;
	}

	rc = run_check(&o, argc - optind, argv + optind, estate, policy);
	adc_estate_free(estate);
	adc_policy_free(policy);
	return rc;
}
