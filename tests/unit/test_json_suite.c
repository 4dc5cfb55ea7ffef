/* SPDX-License-Identifier: MIT */
/*
 * test_json_suite.c: every file of JSONTestSuite's test_parsing
 * directory: y_ files must be accepted, n_ files rejected, i_ files
 * decided as docs/json-reader.md says. Each file is read through the
 * buffer API and through a file descriptor with windows of 1 to 9, 16
 * and 64 bytes, in full and with three kinds of skip (the whole value,
 * every member's value, the rest of every container below the top);
 * every way must reach the same verdict and report the same error at the
 * same place.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <sys/stat.h>

#include "json_util.h"
#include "tap.h"

static const size_t windows[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 64 };
#define N_WINDOWS (sizeof(windows) / sizeof(windows[0]))

/* i_ files we accept (docs/json-reader.md); every other i_ is refused. */
static bool
i_accepted(const char *name)
{
	return strncmp(name, "i_number_", 9) == 0 ||
	    strcmp(name, "i_structure_500_nested_arrays.json") == 0 ||
	    strcmp(name, "i_structure_UTF-8_BOM_empty_object.json") == 0;
}

/* How a read goes: every event, or skipping the top-level value, every
 * member's value, or the rest of every container below the top. */
enum how { READ, SKIP_TOP, SKIP_MEMBERS, SKIP_INNER };

/* Read on from event ev as how says; the last event. */
static enum adc_json_event
read_on(struct adc_json_reader *r, enum adc_json_event ev, enum how how)
{
	while (ev != ADC_JSON_EOF && ev != ADC_JSON_ERROR) {
		int64_t i;
		double d;

		if ((how == SKIP_MEMBERS && ev == ADC_JSON_KEY) ||
		    (how == SKIP_INNER && adc_json_depth(r) >= 2 &&
		    (ev == ADC_JSON_OBJECT_BEGIN ||
		    ev == ADC_JSON_ARRAY_BEGIN))) {
			if (adc_json_skip(r) != ADC_OK)
				return ADC_JSON_ERROR;
		}
		if (ev == ADC_JSON_STRING || ev == ADC_JSON_KEY)
			adc_json_string(r, NULL);
		if (ev == ADC_JSON_NUMBER) {
			adc_json_number_i64(r, &i);
			adc_json_number_double(r, &d);
		}
		ev = adc_json_next(r);
	}
	return ev;
}

/* Read everything, converting every scalar; the diag on the way out. */
static enum adc_json_event
run(const char *text, size_t len, size_t window, enum how how,
    struct adc_diag *out)
{
	struct adc_json_reader *r;
	enum adc_json_event ev;
	int fd;

	r = ju_open(text, len, window, NULL, &fd);
	if (how == SKIP_TOP)
		ev = adc_json_skip(r) == ADC_OK ? adc_json_next(r) :
		    ADC_JSON_ERROR;
	else
		ev = read_on(r, adc_json_next(r), how);
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
	static const char *const how_name[] = { "read", "skip the value",
	    "skip members", "skip inner containers" };
	struct adc_diag first, d;
	size_t len, w;
	char *text = slurp(path, &len);
	bool agree = true;
	int how;

	*accepted = run(text, len, 0, READ, &first) == ADC_JSON_EOF;
	for (how = READ; how <= SKIP_INNER; how++) {
		for (w = 0; w < N_WINDOWS; w++) {
			bool ok = run(text, len, windows[w], (enum how)how,
			    &d) == ADC_JSON_EOF;

			if (ok == *accepted && same_diag(&d, &first))
				continue;
			printf("# %s: %s, window %zu: %s (offset %llu)\n",
			    path, how_name[how], windows[w], d.msg,
			    (unsigned long long)d.offset);
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
