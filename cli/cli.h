/* SPDX-License-Identifier: MIT */
/* cli.h: what the command line program's files share. */
#ifndef ADC_CLI_H
#define ADC_CLI_H

#include <stdio.h>

#include "adc.h"

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Exit statuses, as the man page's EXIT STATUS lists them. */
enum cli_exit {
	CLI_EXIT_OK = 0,	/* no finding at or above --fail-on */
	CLI_EXIT_FINDINGS = 1,	/* findings at or above --fail-on */
	CLI_EXIT_USAGE = 2,	/* usage error, unreadable or invalid input */
	CLI_EXIT_INTERNAL = 3	/* internal error, out of memory */
};

/* One subcommand: name, one-line summary, entry point. The entry point
 * gets argv with argv[0] set to the subcommand's name. */
struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* The only functions that write diagnostics to stderr. */
void cli_errorf(const char *fmt, ...) CLI_PRINTF(1, 2);
void cli_warnf(const char *fmt, ...) CLI_PRINTF(1, 2);
/* A usage mistake: the message, a hint to run --help, exit status 2. */
int cli_usage_error(const char *command, const char *fmt, ...)
    CLI_PRINTF(2, 3);
/* "azdiskcrypt: FILE:LINE:COL: message (at /pointer)". */
void cli_report_diag(const struct adc_diag *diag);
/* Map a library status to an exit status (input errors are 2). */
int cli_exit_for(enum adc_status status);

/* Hand memory freed by the step just done back to the system, so the
 * next step's peak does not sit on top of it (glibc keeps freed blocks
 * of its heap otherwise). Nothing elsewhere. */
void cli_release_memory(void);

/* Close stdout, reporting a failed write; returns status or 2/3. */
int cli_finish(int status);

/* Parse --format; returns -1 when name is not one of allowed (a
 * "|"-separated list such as "text|json"). */
int cli_parse_format(const char *name, const char *allowed);

/* Write a command's whole output to path ("-" or NULL: stdout). Returns
 * an exit status, reporting a failure itself. */
int cli_write_output(const char *path, const char *data, size_t len);

/* Read every input file (argv, "-" for standard input) into estate and
 * link it; errors are reported. Returns an exit status. */
int cli_read_estate(const char *command, struct adc_estate *estate,
    int argc, char **argv);

/* Read the policy file at path into *out; NULL path leaves *out NULL
 * (the baseline). Errors are reported. Returns an exit status. */
int cli_load_policy(const char *path, struct adc_policy **out);

/* Parse the options of a command that takes only --format
 * (text|markdown|json), --output and --help: *format and *output are
 * set, optind points at the first operand. Returns -1 to go on, or the
 * exit status (after --help or a usage error). */
int cli_format_options(int argc, char **argv, void (*usage)(FILE *),
    int *format, const char **output);

/* Subcommands, each in its own cmd_*.c file. */
int cmd_blast_radius(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_recommend(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
int cmd_script(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
