/* SPDX-License-Identifier: MIT */
/*
 * test_json_suite.c: every file of JSONTestSuite's test_parsing
 * directory: y_ files must be accepted, n_ files rejected, i_ files
 * decided as docs/json-reader.md says. Each file is read through the
 * buffer API and through a file descriptor with windows of 1 to 9 and 16
 * bytes, and skipped whole; every way must reach the same verdict and
 * report the same error at the same place.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <sys/stat.h>

#include "json_util.h"
#include "tap.h"

static const size_t windows[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 16 };
#define N_WINDOWS (sizeof(windows) / sizeof(windows[0]))

/* i_ files we accept (docs/json-reader.md); every other i_ is refused. */
static bool
i_accepted(const char *name)
{
	return strncmp(name, "i_number_", 9) == 0 ||
	    strcmp(name, "i_structure_500_nested_arrays.json") == 0 ||
	    strcmp(name, "i_structure_UTF-8_BOM_empty_object.json") == 0;
}

/* Read everything, converting every scalar; the diag on the way out. */
static enum adc_json_event
run(const char *text, size_t len, size_t window, bool skip,
    struct adc_diag *out)
{
	struct adc_json_reader *r;
	enum adc_json_event ev;
	int fd;

	r = ju_open(text, len, window, NULL, &fd);
	if (skip) {
		ev = adc_json_skip(r) == ADC_OK ? adc_json_next(r) :
		    ADC_JSON_ERROR;
	} else {
		do {
			int64_t i;
			double d;

			ev = adc_json_next(r);
			if (ev == ADC_JSON_STRING || ev == ADC_JSON_KEY)
				adc_json_string(r, NULL);
			if (ev == ADC_JSON_NUMBER) {
				adc_json_number_i64(r, &i);
				adc_json_number_double(r, &d);
			}
		} while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR);
	}
	*out = *adc_json_diag(r);
	ju_close(r, fd);
	return ev;
}

static bool
same_diag(const struct adc_diag *a, const struct adc_diag *b)
{
	return a->status == b->status && a->offset == b->offset &&
	    a->line == b->line && a->col == b->col &&
	    strcmp(a->pointer, b->pointer) == 0 &&
	    strcmp(a->msg, b->msg) == 0;
}

static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *text;
	FILE *f = fopen(path, "rb");

	if (f == NULL || fstat(fileno(f), &st) != 0)
		abort();
	text = malloc((size_t)st.st_size + 1);
	*len = fread(text, 1, (size_t)st.st_size, f);
	fclose(f);
	return text;
}

/* Returns whether every way agreed; *accepted is the verdict. */
static bool
check_file(const char *path, bool *accepted)
{
	struct adc_diag first, d;
	size_t len, w;
	char *text = slurp(path, &len);
	bool agree = true;

	*accepted = run(text, len, 0, false, &first) == ADC_JSON_EOF;
	for (w = 0; w < N_WINDOWS; w++) {
		bool ok = run(text, len, windows[w], false, &d) ==
		    ADC_JSON_EOF;

		if (ok != *accepted || !same_diag(&d, &first)) {
			printf("# %s: window %zu: %s (offset %llu)\n", path,
			    windows[w], d.msg, (unsigned long long)d.offset);
			agree = false;
		}
	}
	for (w = 0; w < 3; w++) {
		bool ok = run(text, len, w, true, &d) == ADC_JSON_EOF;

		if (ok != *accepted || !same_diag(&d, &first)) {
			printf("# %s: skip, window %zu: %s\n", path, w, d.msg);
			agree = false;
		}
	}
	if (!*accepted)
		printf("# %s: %lu:%lu: %s\n", strrchr(path, '/') + 1,
		    first.line, first.col, first.msg);
	free(text);
	return agree;
}

int
main(void)
{
	char dir[4096], path[6000], what[1100];
	struct dirent *de;
	int n = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s",
	    tap_fixture("json-test-suite/test_parsing"));
	dp = opendir(dir);
	OK(dp != NULL, "the JSONTestSuite corpus is there");
	if (dp == NULL)
		return tap_done();
	while ((de = readdir(dp)) != NULL) {
		const char *name = de->d_name;
		bool accepted, want;

		if (strlen(name) < 6 || strlen(name) > 1000 || name[1] != '_' ||
		    strstr(name, ".json") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		want = name[0] == 'y' || (name[0] == 'i' && i_accepted(name));
		OK(check_file(path, &accepted), "every way agrees");
		snprintf(what, sizeof(what), "%s %s", name,
		    want ? "accepted" : "rejected");
		INT_EQ(accepted, want, what);
		n++;
	}
	closedir(dp);
	OK(n >= 300, "the whole corpus was read");
	return tap_done();
}
