/* SPDX-License-Identifier: MIT */
/*
 * report.c: adc_report_write and what its writers share: counting
 * findings, finding the VM each finding belongs to, and chunked output.
 */
#include "report.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Past this many buffered bytes the writers hand output to the FILE. */
#define RPT_CHUNK (64 * 1024)

/* One id of the VM index: a VM's own id or one of its disks'. */
struct id_slot {
	const char	*id;
	size_t		 vm;
};

struct id_index {
	struct id_slot	*slots;
	size_t		 mask;
};

#define ONES	UINT64_C(0x0101010101010101)

/* Azure ids compare without regard to case (ASCII only, as ARM does).
 * Ids run to a hundred bytes and more, and a large report looks up
 * hundreds of thousands of them, so case is folded eight bytes at a
 * time: a byte of w from 'A' to 'Z' gains 0x20. Each sum stays within
 * its byte, so no carry crosses into the next. */
static uint64_t
fold_word(uint64_t w)
{
	uint64_t low = w & (ONES * 0x7f);
	uint64_t from_a = low + ONES * (0x80 - 'A');
	uint64_t past_z = low + ONES * (0x80 - 'Z' - 1);
	uint64_t upper = from_a & ~past_z & ~w & (ONES * 0x80);

	return w | (upper >> 2);
}

/* The folded eight bytes of id from i on; zeros past its end. */
static uint64_t
word_at(const char *id, size_t len, size_t i)
{
	uint64_t w = 0;

	memcpy(&w, id + i, len - i < 8 ? len - i : 8);
	return fold_word(w);
}

/* The slot's id, measured here rather than kept in the slot: the
 * index stays small, and the id is read next anyway. */
static bool
same_id(const struct id_slot *slot, const char *id, size_t len)
{
	size_t i;

	if (strlen(slot->id) != len)
		return false;
	for (i = 0; i < len; i += 8) {
		if (word_at(slot->id, len, i) != word_at(id, len, i))
			return false;
	}
	return true;
}

static uint64_t
hash_id(const char *id, size_t len)
{
	uint64_t h = len;
	size_t i;

	/* A multiply per word, folded back down so that the low bits, which
	 * pick the slot, depend on every bit of the id. */
	for (i = 0; i < len; i += 8) {
		h = (h ^ word_at(id, len, i)) * UINT64_C(0x9e3779b97f4a7c15);
		h ^= h >> 32;
	}
	return h;
}

/* The first VM to claim an id keeps it, so a disk listed by two VMs
 * (a stale export) belongs to the earlier one. */
static void
index_put(struct id_index *ix, const char *id, size_t vm)
{
	size_t i, len;

	if (id == NULL)
		return;
	len = strlen(id);
	for (i = hash_id(id, len) & ix->mask; ix->slots[i].id != NULL;
	    i = (i + 1) & ix->mask) {
		if (same_id(&ix->slots[i], id, len))
			return;
	}
	ix->slots[i].id = id;
	ix->slots[i].vm = vm;
}

static size_t
index_get(const struct id_index *ix, const char *id)
{
	size_t i, len;

	if (id == NULL)
		return ADC_RPT_NO_VM;
	len = strlen(id);
	for (i = hash_id(id, len) & ix->mask; ix->slots[i].id != NULL;
	    i = (i + 1) & ix->mask) {
		if (same_id(&ix->slots[i], id, len))
			return ix->slots[i].vm;
	}
	return ADC_RPT_NO_VM;
}

static size_t
ids_of_vms(const struct adc_report *report)
{
	size_t i, n = 0;
	const struct adc_vm *vm;

	for (i = 0; i < report->n_vms; i++) {
		vm = report->vms[i].vm;
		if (vm != NULL)
			n += 2 + vm->n_data_disks;
	}
	return n;
}

static bool
index_build(const struct adc_report *report, struct id_index *ix)
{
	size_t i, j, size = 16, n = ids_of_vms(report);
	const struct adc_vm *vm;

	/* Half full at most keeps the probes short. */
	while (size < 2 * n)
		size *= 2;
	ix->slots = calloc(size, sizeof(*ix->slots));
	if (ix->slots == NULL)
		return false;
	ix->mask = size - 1;

	for (i = 0; i < report->n_vms; i++) {
		vm = report->vms[i].vm;
		if (vm == NULL)
			continue;
		index_put(ix, vm->id, i);
		if (vm->os_disk != NULL)
			index_put(ix, vm->os_disk->id, i);
		for (j = 0; j < vm->n_data_disks; j++) {
			if (vm->data_disks[j] != NULL)
				index_put(ix, vm->data_disks[j]->id, i);
		}
	}
	return true;
}

static size_t *
find_owners(const struct adc_report *report)
{
	struct id_index ix;
	const struct adc_finding *f;
	size_t *owner, i, j;

	owner = calloc(report->n_findings + 1, sizeof(*owner));
	if (owner == NULL || !index_build(report, &ix)) {
		free(owner);
		return NULL;
	}

	for (i = 0; i < report->n_findings; i++) {
		f = &report->findings[i];
		owner[i] = ADC_RPT_NO_VM;
		for (j = 0; j < f->n_resources && owner[i] == ADC_RPT_NO_VM;
		    j++)
			owner[i] = index_get(&ix, f->resources[j]);
	}
	free(ix.slots);
	return owner;
}

/* A counting sort by owner keeps report order inside each group and
 * lets every writer walk VM by VM in linear time. */
bool
adc_rpt_group(const struct adc_report *report, struct adc_rpt_groups *g)
{
	size_t i, k, n = report->n_vms;

	memset(g, 0, sizeof(*g));
	g->n_vms = n;
	g->owner = find_owners(report);
	g->order = calloc(report->n_findings + 1, sizeof(*g->order));
	g->start = calloc(n + 2, sizeof(*g->start));
	if (g->owner == NULL || g->order == NULL || g->start == NULL) {
		adc_rpt_groups_free(g);
		return false;
	}

	for (i = 0; i < report->n_findings; i++) {
		k = g->owner[i] == ADC_RPT_NO_VM ? n : g->owner[i];
		g->start[k + 1]++;
	}
	for (k = 0; k <= n; k++)
		g->start[k + 1] += g->start[k];
	for (i = 0; i < report->n_findings; i++) {
		k = g->owner[i] == ADC_RPT_NO_VM ? n : g->owner[i];
		g->order[g->start[k]++] = i;
	}

	/* The placing loop moved each start to the next group's start. */
	for (k = n + 1; k > 0; k--)
		g->start[k] = g->start[k - 1];
	g->start[0] = 0;
	return true;
}

void
adc_rpt_groups_free(struct adc_rpt_groups *g)
{
	free(g->owner);
	free(g->order);
	free(g->start);
	memset(g, 0, sizeof(*g));
}

size_t
adc_rpt_group_size(const struct adc_rpt_groups *g, size_t k)
{
	return g->start[k + 1] - g->start[k];
}

const struct adc_finding *
adc_rpt_group_at(const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t k, size_t i)
{
	return &report->findings[g->order[g->start[k] + i]];
}

void
adc_rpt_count_one(const struct adc_finding *f, struct adc_rpt_counts *c)
{
	if (f->status == ADC_FINDING_UNKNOWN) {
		c->unknown++;
		return;
	}
	switch (f->severity) {
	case ADC_SEV_ERROR:
		c->errors++;
		break;
	case ADC_SEV_WARNING:
		c->warnings++;
		break;
	case ADC_SEV_NOTE:
	case ADC_SEV_NONE:	/* a switched-off rule reports nothing */
		c->notes++;
		break;
	}
}

void
adc_rpt_count(const struct adc_report *report, struct adc_rpt_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < report->n_findings; i++)
		adc_rpt_count_one(&report->findings[i], c);
}

void
adc_rpt_count_group(const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t k, struct adc_rpt_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < adc_rpt_group_size(g, k); i++)
		adc_rpt_count_one(adc_rpt_group_at(report, g, k, i), c);
}

const char *
adc_rpt_severity_name(enum adc_severity severity)
{
	switch (severity) {
	case ADC_SEV_ERROR:
		return "error";
	case ADC_SEV_WARNING:
		return "warning";
	case ADC_SEV_NOTE:
		return "note";
	case ADC_SEV_NONE:
		return "never";
	}
	return "note";
}

const char *
adc_rpt_severity(const struct adc_finding *finding, bool with_unknown)
{
	if (with_unknown && finding->status == ADC_FINDING_UNKNOWN)
		return "unknown";
	if (finding->severity == ADC_SEV_NONE)
		return "note";
	return adc_rpt_severity_name(finding->severity);
}

const char *
adc_rpt_short_id(const char *id)
{
	const char *p, *last = NULL, *prev = NULL;

	/* A trailing slash is not a segment. */
	for (p = id; *p != '\0'; p++) {
		if (*p == '/' && p[1] != '\0') {
			prev = last;
			last = p;
		}
	}
	return prev != NULL ? prev + 1 : id;
}

const char *
adc_rpt_vm_name(const struct adc_vm *vm)
{
	const char *p;

	if (vm == NULL)
		return "(unnamed)";
	if (vm->name != NULL && vm->name[0] != '\0')
		return vm->name;
	if (vm->id == NULL)
		return "(unnamed)";
	p = strrchr(vm->id, '/');
	return p != NULL && p[1] != '\0' ? p + 1 : vm->id;
}

void
adc_rpt_out_init(struct adc_rpt_out *o, FILE *fp, unsigned flags)
{
	memset(o, 0, sizeof(*o));
	adc_buf_init(&o->buf, 0);
	o->fp = fp;
	o->flags = flags;
}

bool
adc_rpt_flush(struct adc_rpt_out *o, bool force)
{
	if (o->buf.failed)
		o->failed = true;
	if (o->failed)
		return false;
	if (o->buf.len == 0 || (!force && o->buf.len < RPT_CHUNK))
		return true;
	if (fwrite(o->buf.data, 1, o->buf.len, o->fp) != o->buf.len)
		o->failed = true;
	o->buf.len = 0;
	o->buf.data[0] = '\0';
	return !o->failed;
}

enum adc_status
adc_rpt_out_close(struct adc_rpt_out *o, struct adc_diag *diag)
{
	bool nomem = o->buf.failed != 0;
	int err;

	adc_rpt_flush(o, true);
	adc_buf_free(&o->buf);
	if (nomem)
		return adc_diag_set(diag, ADC_ENOMEM,
		    "out of memory while writing the report");
	errno = 0;
	if (o->failed || fflush(o->fp) != 0 || ferror(o->fp)) {
		err = errno;
		return adc_diag_set(diag, ADC_EIO,
		    "cannot write the report%s%s", err != 0 ? ": " : "",
		    err != 0 ? strerror(err) : "");
	}
	return ADC_OK;
}

enum adc_status
adc_report_write_flags(const struct adc_report *report,
    enum adc_format format, unsigned flags, FILE *out,
    struct adc_diag *diag)
{
	struct adc_rpt_groups groups;
	struct adc_rpt_out o;

	if (report == NULL || out == NULL ||
	    (report->n_findings > 0 && report->findings == NULL) ||
	    (report->n_vms > 0 && report->vms == NULL))
		return adc_diag_set(diag, ADC_EINVAL, "no report to write");
	if (!adc_rpt_group(report, &groups))
		return adc_diag_set(diag, ADC_ENOMEM,
		    "out of memory while writing the report");

	adc_rpt_out_init(&o, out, flags);
	switch (format) {
	case ADC_FORMAT_TEXT:
		adc_report_text(report, &groups, &o);
		break;
	case ADC_FORMAT_JSON:
		adc_report_json(report, &groups, &o);
		break;
	case ADC_FORMAT_SARIF:
		adc_report_sarif(report, &o);
		break;
	case ADC_FORMAT_MARKDOWN:
		adc_report_markdown(report, &groups, &o);
		break;
	default:
		adc_rpt_groups_free(&groups);
		adc_buf_free(&o.buf);
		return adc_diag_set(diag, ADC_EINVAL,
		    "unknown report format %d", (int)format);
	}
	adc_rpt_groups_free(&groups);
	return adc_rpt_out_close(&o, diag);
}

enum adc_status
adc_report_write(const struct adc_report *report, enum adc_format format,
    FILE *out, struct adc_diag *diag)
{
	return adc_report_write_flags(report, format, 0, out, diag);
}
