/* SPDX-License-Identifier: MIT */
/*
 * cli_output.c: where a command's rendered output goes: stdout, or the
 * file given with -o (created or truncated; "-" is stdout).
 */
#include "cli.h"

#include <errno.h>
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
