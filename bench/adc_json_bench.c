/* SPDX-License-Identifier: MIT */
/*
 * adc_json_bench.c: time the streaming JSON reader on one file.
 *
 *   adc_json_bench full FILE   every event, every string unescaped
 *   adc_json_bench skip FILE   skip what an encryption audit ignores
 *
 * Reads FILE through a file descriptor with the default 1 MiB window and
 * prints the counts it saw, so the work cannot be optimised away.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"

/* Members of a VM or disk that an encryption audit never reads. */
static const char *const ignored[] = {
	"osProfile", "networkProfile", "tags", "instanceView", "resources",
	"diagnosticsProfile", "userData", "plan", "creationData",
	"purchasePlan", "supportedCapabilities", NULL
};

/* Copy the key once, then compare first bytes before whole names. */
static int
ignored_key(struct adc_json_reader *r)
{
	const char *k = adc_json_string(r, NULL);
	size_t i;

	for (i = 0; k != NULL && ignored[i] != NULL; i++) {
		if (k[0] == ignored[i][0] && strcmp(k, ignored[i]) == 0)
			return 1;
	}
	return 0;
}

struct counts {
	unsigned long long events, bytes, skips;
};

/* Read the whole document; 0 when it ended cleanly. */
static int
run(struct adc_json_reader *r, int skip, struct counts *c)
{
	enum adc_json_event ev;

	while ((ev = adc_json_next(r)) != ADC_JSON_EOF) {
		size_t len = 0;

		if (ev == ADC_JSON_ERROR)
			return -1;
		c->events++;
		if (ev == ADC_JSON_KEY && skip && adc_json_depth(r) == 2 &&
		    ignored_key(r)) {
			if (adc_json_skip(r) != ADC_OK)
				return -1;
			c->skips++;
			continue;
		}
		if (!skip && (ev == ADC_JSON_KEY || ev == ADC_JSON_STRING) &&
		    adc_json_string(r, &len) != NULL)
			c->bytes += len;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct adc_json_reader *r;
	struct adc_diag diag;
	struct counts c = { 0, 0, 0 };
	int skip, fd;

	if (argc != 3 || (strcmp(argv[1], "full") != 0 &&
	    strcmp(argv[1], "skip") != 0)) {
		fprintf(stderr, "usage: adc_json_bench full|skip FILE\n");
		return 2;
	}
	skip = strcmp(argv[1], "skip") == 0;
	fd = open(argv[2], O_RDONLY);
	adc_diag_init(&diag, argv[2]);
	r = fd < 0 ? NULL : adc_json_open_fd(fd, argv[2], NULL, &diag);
	if (r == NULL) {
		fprintf(stderr, "%s: cannot open\n", argv[2]);
		return 2;
	}

	if (run(r, skip, &c) < 0) {
		const struct adc_diag *d = adc_json_diag(r);

		fprintf(stderr, "%s:%lu:%lu: %s\n", argv[2], d->line, d->col,
		    d->msg);
		return 1;
	}
	printf("%s: %llu events, %llu string bytes, %llu skipped values\n",
	    argv[1], c.events, c.bytes, c.skips);
	adc_json_close(r);
	close(fd);
	return 0;
}
