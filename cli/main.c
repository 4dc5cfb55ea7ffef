/* SPDX-License-Identifier: MIT */
/*
 * main.c: azdiskcrypt's entry point. It finds the subcommand and hands
 * over; each subcommand parses its own options in its cmd_*.c file.
 */
#include "cli.h"

#include <string.h>

/* Sorted by name; --help lists them in this order. */
static const struct cli_command commands[] = {
	{ "blast-radius", "what each key's loss would stop: DES, disks, VMs",
	    cmd_blast_radius },
	{ "check", "check disk encryption against Azure's rules and a policy",
	    cmd_check },
	{ "explain", "show the layers that protect each part of a scenario",
	    cmd_explain },
	{ "recommend", "the scenario the policy recommends for some needs",
	    cmd_recommend },
	{ "scenarios", "the scenario catalogue as a matrix of layers",
	    cmd_scenarios },
	{ "script", "write the az commands that build scenarios",
	    cmd_script },
	{ "version", "print the version", cmd_version },
};

static const size_t n_commands = sizeof(commands) / sizeof(commands[0]);

static void
usage(FILE *out)
{
	size_t i;

	fprintf(out,
	    "usage: azdiskcrypt COMMAND [OPTIONS] [ARGS]\n"
	    "       azdiskcrypt --help | --version\n"
	    "\n"
	    "Explain, check and build Azure VM disk encryption.\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < n_commands; i++)
		fprintf(out, "  %-14s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(out,
	    "\n"
	    "Run 'azdiskcrypt COMMAND --help' for a command's options.\n"
	    "Exit status: 0 ok, 1 findings at or above --fail-on, "
	    "2 usage or input error, 3 internal error.\n");
}

int
cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("azdiskcrypt %s\n", adc_version());
	return CLI_EXIT_OK;
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cli_usage_error(NULL, "a command is required");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return cli_finish(CLI_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("azdiskcrypt %s\n", adc_version());
		return cli_finish(CLI_EXIT_OK);
	}

	for (i = 0; i < n_commands; i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return cli_finish(commands[i].run(argc - 1, argv + 1));
	}
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
