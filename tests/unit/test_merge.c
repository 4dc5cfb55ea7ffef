/* SPDX-License-Identifier: MIT */
/*
 * test_merge.c: two estates read from the two halves of a list of files
 * and merged give the estate that reading the files one after the other
 * gives, at every split point: the same resources in the same order,
 * linked alike, the same notes, the same EncryptionAtHost registration.
 * Merging is refused for linked or hand-built estates, and then moves
 * nothing.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "adc.h"
#include "tap.h"

#define N_FILES 7

/* The sample estate, with an input that draws notes read in the
 * middle: a VM read twice, and a VM of a security type this version
 * does not know whose OS disk has no resource (built from its copy). */
static const char *const files[N_FILES] = {
	"examples/estate/disks.json", "examples/estate/vms.json",
	"tests/data/merge-notes.json", "examples/estate/des.json",
	"examples/estate/vaults.json", "examples/estate/keys.json",
	"examples/estate/feature.json"
};

static int
read_into(struct adc_estate *est, const char *name)
{
	const char *src = getenv("ADC_SOURCE_DIR");
	struct adc_diag diag;
	char path[4096];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", src != NULL ? src : ".", name);
	adc_diag_init(&diag, name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("# %s: cannot open\n", path);
		return -1;
	}
	rc = adc_estate_read_fd(est, fd, name, &diag) == ADC_OK ? 0 : -1;
	if (rc != 0)
		printf("# %s:%lu:%lu: %s\n", name, diag.line, diag.col,
		    diag.msg);
	close(fd);
	return rc;
}

static int
read_range(struct adc_estate *est, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (read_into(est, files[i]) != 0)
			return -1;
	}
	return 0;
}

static const char *
id_of_disk(const struct adc_disk *d)
{
	return d != NULL && d->id != NULL ? d->id : "(none)";
}

static const char *
id_of_des(const struct adc_des *d)
{
	return d != NULL && d->id != NULL ? d->id : "(none)";
}

/* Every difference fails a check; returns how many there were. */
static int
compare(const struct adc_estate *a, const struct adc_estate *b)
{
	size_t i, j;
	int bad = 0;

	bad += a->n_vms != b->n_vms || a->n_disks != b->n_disks ||
	    a->n_des != b->n_des || a->n_vaults != b->n_vaults ||
	    a->n_keys != b->n_keys || a->n_notes != b->n_notes ||
	    a->eah_feature != b->eah_feature;
	for (i = 0; bad == 0 && i < a->n_vms; i++) {
		const struct adc_vm *x = a->vms[i], *y = b->vms[i];

		bad += strcmp(x->id, y->id) != 0 ||
		    strcmp(id_of_disk(x->os_disk), id_of_disk(y->os_disk))
		    != 0 || x->n_data_disks != y->n_data_disks;
		for (j = 0; bad == 0 && j < x->n_data_disks; j++)
			bad += strcmp(id_of_disk(x->data_disks[j]),
			    id_of_disk(y->data_disks[j])) != 0;
	}
	for (i = 0; bad == 0 && i < a->n_disks; i++) {
		const struct adc_disk *x = a->disks[i], *y = b->disks[i];

		bad += strcmp(id_of_disk(x), id_of_disk(y)) != 0 ||
		    strcmp(id_of_des(x->des), id_of_des(y->des)) != 0 ||
		    x->attached != y->attached ||
		    x->origin.line != y->origin.line ||
		    strcmp(x->origin.file, y->origin.file) != 0;
	}
	for (i = 0; bad == 0 && i < a->n_des; i++)
		bad += (a->des[i]->vault == NULL) !=
		    (b->des[i]->vault == NULL) ||
		    (a->des[i]->key == NULL) != (b->des[i]->key == NULL);
	for (i = 0; bad == 0 && i < a->n_notes; i++)
		bad += strcmp(a->notes[i].code, b->notes[i].code) != 0 ||
		    strcmp(a->notes[i].message, b->notes[i].message) != 0 ||
		    a->notes[i].origin.line != b->notes[i].origin.line;
	return bad;
}

static void
test_every_split(void)
{
	struct adc_estate *whole = adc_estate_new(), *first, *later;
	char what[80];
	size_t k;

	OK(read_range(whole, 0, N_FILES) == 0 &&
	    adc_estate_link(whole, NULL) == ADC_OK, "read one by one");
	OK(whole->n_vms > 10 && whole->n_notes >= 2,
	    "an estate with VMs and notes");
	for (k = 1; k < N_FILES; k++) {
		first = adc_estate_new();
		later = adc_estate_new();
		OK(read_range(first, 0, k) == 0 &&
		    read_range(later, k, N_FILES) == 0, "both halves read");
		snprintf(what, sizeof(what), "merged at file %zu", k);
		INT_EQ(adc_estate_merge(first, later, NULL), ADC_OK, what);
		INT_EQ(adc_estate_link(first, NULL), ADC_OK, "then linked");
		snprintf(what, sizeof(what), "split at file %zu: the same "
		    "estate", k);
		INT_EQ(compare(whole, first), 0, what);
		adc_estate_free(first);
	}
	adc_estate_free(whole);
}

static struct adc_estate *
feature(const char *state)
{
	struct adc_estate *est = adc_estate_new();
	char doc[512];

	if (state == NULL)
		return est;
	snprintf(doc, sizeof(doc), "{\"name\": \"Microsoft.Compute/"
	    "EncryptionAtHost\", \"type\": \"Microsoft.Features/providers/"
	    "features\", \"properties\": {\"state\": \"%s\"}}", state);
	if (adc_estate_read_buffer(est, doc, strlen(doc), "f", NULL) !=
	    ADC_OK)
		printf("# the feature document was refused\n");
	return est;
}

/* "Not registered" anywhere wins; otherwise the last one read. */
static void
test_feature(void)
{
	static const struct {
		const char *first, *later;
		enum adc_tri want;
	} cases[] = {
		{ "Registered", NULL, ADC_YES },
		{ NULL, "Registered", ADC_YES },
		{ "NotRegistered", "Registered", ADC_NO },
		{ "Registered", "NotRegistered", ADC_NO },
		{ NULL, NULL, ADC_UNKNOWN },
	};
	struct adc_estate *a, *b;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = feature(cases[i].first);
		b = feature(cases[i].later);
		OK(adc_estate_merge(a, b, NULL) == ADC_OK, "merged");
		INT_EQ(a->eah_feature, cases[i].want,
		    "EncryptionAtHost as read one after the other");
		adc_estate_free(a);
	}
}

static void
test_refused(void)
{
	struct adc_estate *a = adc_estate_new(), *b = adc_estate_new();
	struct adc_estate hand;
	struct adc_diag diag;
	size_t a_vms, b_disks;

	OK(read_into(a, files[1]) == 0 && read_into(b, files[0]) == 0,
	    "two estates");
	INT_EQ(adc_estate_merge(a, a, NULL), ADC_EINVAL, "not into itself");
	memset(&hand, 0, sizeof(hand));
	INT_EQ(adc_estate_merge(a, &hand, NULL), ADC_EINVAL,
	    "not a hand-built estate");
	INT_EQ(adc_estate_link(b, NULL), ADC_OK, "b linked");
	a_vms = a->n_vms;
	b_disks = b->n_disks;
	adc_diag_init(&diag, NULL);
	INT_EQ(adc_estate_merge(a, b, &diag), ADC_EINVAL,
	    "not a linked estate");
	OK(strstr(diag.msg, "before they are linked") != NULL,
	    "and says why");
	OK(a_vms > 0 && b_disks > 0 && a->n_vms == a_vms &&
	    a->n_disks == 0 && b->n_disks == b_disks,
	    "nothing moved: each keeps what it read");
	adc_estate_free(b);
	adc_estate_free(a);
}

int
main(void)
{
	test_every_split();
	test_feature();
	test_refused();
	return tap_done();
}
