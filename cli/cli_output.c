/* SPDX-License-Identifier: MIT */
/*
 * cli_output.c: where a command's rendered output goes: stdout, or the
 * file given with -o (created or truncated; "-" is stdout); and the
 * options of the commands that take only a format and an output.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

int
cli_write_output(const char *path, const char *data, size_t len)
{
	FILE *out = stdout;
	int failed;

	if (path != NULL && strcmp(path, "-") != 0) {
		out = fopen(path, "w");
		if (out == NULL) {
			cli_errorf("%s: %s", path, strerror(errno));
			return CLI_EXIT_USAGE;
		}
	}

	failed = len > 0 && fwrite(data, 1, len, out) != len;
	if (out != stdout)
		failed = fclose(out) != 0 || failed;
	if (failed) {
		cli_errorf("%s: cannot write: %s",
		    path != NULL ? path : "stdout", strerror(errno));
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

int
cli_format_options(int argc, char **argv, void (*usage)(FILE *),
    int *format, const char **output)
{
	static const struct option longopts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			*format = cli_parse_format(optarg,
			    "text|markdown|json");
			if (*format < 0)
				return cli_usage_error(argv[0],
				    "unknown format '%s' (text, markdown or "
				    "json)", optarg);
			break;
		case 'o':
			*output = optarg;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		case ':':
			return cli_usage_error(argv[0],
			    "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage_error(argv[0], "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	return -1;
}
