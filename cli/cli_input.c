/* SPDX-License-Identifier: MIT */
/*
 * cli_input.c: read what commands take as input: the export files,
 * into one linked estate ("-" is standard input, named "<stdin>" in
 * messages, and may be given once), and a policy file.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#define STDIN_NAME "<stdin>"

/* Read one input into the estate; returns an exit status. */
static int
read_input(const char *command, struct adc_estate *estate,
    const char *path, bool *used_stdin)
{
	const char *name = strcmp(path, "-") == 0 ? STDIN_NAME : path;
	struct adc_diag diag;
	enum adc_status st;
	int fd = STDIN_FILENO;

	if (name != path && *used_stdin)
		return cli_usage_error(command, "standard input ('-') given "
		    "more than once");
	if (name != path)
		*used_stdin = true;
	else
		fd = open(path, O_RDONLY);
	if (fd < 0) {
		cli_errorf("%s: %s", path, strerror(errno));
		return CLI_EXIT_USAGE;
	}

	adc_diag_init(&diag, name);
	st = adc_estate_read_fd(estate, fd, name, &diag);
	if (fd != STDIN_FILENO)
		close(fd);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		return cli_exit_for(st);
	}
	return CLI_EXIT_OK;
}

int
cli_read_estate(const char *command, struct adc_estate *estate, int argc,
    char **argv)
{
	struct adc_diag diag;
	bool used_stdin = false;
	enum adc_status st;
	int i, rc;

	for (i = 0; i < argc; i++) {
		rc = read_input(command, estate, argv[i], &used_stdin);
		if (rc != CLI_EXIT_OK)
			return rc;
	}
	adc_diag_init(&diag, NULL);
	st = adc_estate_link(estate, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		return cli_exit_for(st);
	}
	return CLI_EXIT_OK;
}

int
cli_load_policy(const char *path, struct adc_policy **out)
{
	struct adc_diag diag;
	int fd;

	*out = NULL;
	if (path == NULL)
		return CLI_EXIT_OK;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		cli_errorf("%s: %s", path, strerror(errno));
		return CLI_EXIT_USAGE;
	}
	adc_diag_init(&diag, path);
	*out = adc_policy_read_fd(fd, path, &diag);
	close(fd);
	if (*out == NULL) {
		cli_report_diag(&diag);
		return cli_exit_for(diag.status != ADC_OK ? diag.status :
		    ADC_ESCHEMA);
	}
	return CLI_EXIT_OK;
}
