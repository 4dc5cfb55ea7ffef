/* SPDX-License-Identifier: MIT */
/*
 * cli_input.c: read what commands take as input: the export files,
 * into one linked estate ("-" is standard input, named "<stdin>" in
 * messages, and may be given once), and a policy file. Several files
 * are read by two threads (AZDISKCRYPT_JOBS=1 keeps it to one).
 */
#include "cli.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STDIN_NAME "<stdin>"

/* What reading a list of inputs came to: the first failure, kept to be
 * reported once the other thread is done. */
struct reading {
	char		**paths;
	int		 n;
	struct adc_estate *estate;
	enum adc_status	 st;
	struct adc_diag	 diag;
	const char	*failed;	/* the path that could not be opened */
	int		 open_errno;
};

/* Read one input into the estate, printing nothing. */
static void
read_one(struct reading *rd, const char *path, bool is_stdin)
{
	const char *name = is_stdin ? STDIN_NAME : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);

	if (fd < 0) {
		rd->failed = path;
		rd->open_errno = errno;
		return;
	}
	adc_diag_init(&rd->diag, name);
	rd->st = adc_estate_read_fd(rd->estate, fd, name, &rd->diag);
	if (fd != STDIN_FILENO)
		close(fd);
}

static void *
read_list(void *arg)
{
	struct reading *rd = arg;
	int i;

	for (i = 0; i < rd->n && rd->st == ADC_OK && rd->failed == NULL; i++)
		read_one(rd, rd->paths[i], strcmp(rd->paths[i], "-") == 0);
	return NULL;
}

/* Report a reading's failure; returns the exit status. */
static int
reading_status(const struct reading *rd)
{
	if (rd->failed != NULL) {
		cli_errorf("%s: %s", rd->failed, strerror(rd->open_errno));
		return CLI_EXIT_USAGE;
	}
	if (rd->st != ADC_OK) {
		cli_report_diag(&rd->diag);
		return cli_exit_for(rd->st);
	}
	return CLI_EXIT_OK;
}

/* Where to split the inputs so that each half holds about half the
 * bytes; 0 when they are better read by one thread: a single input,
 * standard input or a pipe among them, or AZDISKCRYPT_JOBS=1. */
static int
split_point(char **paths, int n)
{
	const char *jobs = getenv("AZDISKCRYPT_JOBS");
	off_t total = 0, half = 0;
	struct stat sb;
	int i;

	if (jobs != NULL && strcmp(jobs, "1") != 0 && strcmp(jobs, "2") != 0)
		cli_warnf("AZDISKCRYPT_JOBS=%s: expected 1 or 2; reading with "
		    "two threads", jobs);
	if (n < 2 || (jobs != NULL && strcmp(jobs, "1") == 0))
		return 0;
	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &sb) != 0 ||
		    !S_ISREG(sb.st_mode))
			return 0;
		total += sb.st_size;
	}
	for (i = 0; i < n - 1; i++) {
		if (stat(paths[i], &sb) != 0)
			return 0;
		half += sb.st_size;
		if (half * 2 >= total)
			return i + 1;
	}
	return n - 1;
}

/* The later inputs are read by a second thread into an estate of their
 * own, merged behind the first: estates share nothing, and on two cores
 * a 500 MB estate reads in a little over half the time. The result and
 * any error are those of reading one after the other. */
static int
read_split(struct adc_estate *estate, char **paths, int n, int k)
{
	struct reading first = { paths, k, estate, ADC_OK, { 0 }, NULL, 0 };
	struct reading later = { paths + k, n - k, NULL, ADC_OK, { 0 }, NULL,
	    0 };
	pthread_t thread;
	int rc;

	later.estate = adc_estate_new();
	if (later.estate == NULL) {
		cli_errorf("out of memory");
		return CLI_EXIT_INTERNAL;
	}
	if (pthread_create(&thread, NULL, read_list, &later) != 0) {
		adc_estate_free(later.estate);
		first.n = n;
		read_list(&first);
		return reading_status(&first);
	}
	read_list(&first);
	pthread_join(thread, NULL);
	rc = reading_status(&first);
	if (rc == CLI_EXIT_OK)
		rc = reading_status(&later);
	if (rc == CLI_EXIT_OK) {
		adc_diag_init(&first.diag, NULL);
		first.st = adc_estate_merge(estate, later.estate, &first.diag);
		if (first.st == ADC_OK)
			return CLI_EXIT_OK;
		rc = reading_status(&first);
	}
	adc_estate_free(later.estate);
	return rc;
}

int
cli_read_estate(const char *command, struct adc_estate *estate, int argc,
    char **argv)
{
	struct reading all = { argv, argc, estate, ADC_OK, { 0 }, NULL, 0 };
	struct adc_diag diag;
	enum adc_status st;
	int i, k, rc, n_stdin = 0;

	for (i = 0; i < argc; i++)
		n_stdin += strcmp(argv[i], "-") == 0;
	if (n_stdin > 1)
		return cli_usage_error(command, "standard input ('-') given "
		    "more than once");
	k = split_point(argv, argc);
	if (k > 0) {
		rc = read_split(estate, argv, argc, k);
	} else {
		read_list(&all);
		rc = reading_status(&all);
	}
	if (rc != CLI_EXIT_OK)
		return rc;
	adc_diag_init(&diag, NULL);
	st = adc_estate_link(estate, &diag);
	if (st != ADC_OK) {
		cli_report_diag(&diag);
		return cli_exit_for(st);
	}
	/* Linking freed the VMs' own copies of their disks. */
	cli_release_memory();
	return CLI_EXIT_OK;
}

void
cli_release_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
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
