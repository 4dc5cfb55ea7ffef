/* SPDX-License-Identifier: MIT */
/*
 * report.h: what the report writers share. Each format lives in its own
 * report_*.c file; they only read struct adc_report, never evaluate.
 */
#ifndef ADC_REPORT_H
#define ADC_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "adc.h"
#include "buf.h"

/* No VM owns the finding: it goes to the "other resources" part. */
#define ADC_RPT_NO_VM ((size_t)-1)

/* Findings by kind. An unknown finding counts as unknown only, not as a
 * note, so the four numbers add up to n_findings. */
struct adc_rpt_groups;

struct adc_rpt_counts {
	size_t	errors;
	size_t	warnings;
	size_t	notes;
	size_t	unknown;
};

/* Output goes through a buffer that is written out in pieces, so a
 * large estate never needs its whole report in memory. */
struct adc_rpt_out {
	struct adc_buf	 buf;
	FILE		*fp;
	bool		 failed;	/* a write failed or memory ran out */
	unsigned	 flags;		/* ADC_REPORT_* */
};

void adc_rpt_count(const struct adc_report *report,
    struct adc_rpt_counts *counts);
/* Add one finding to counts. */
void adc_rpt_count_one(const struct adc_finding *finding,
    struct adc_rpt_counts *counts);
/* Counts of the findings of group k. */
void adc_rpt_count_group(const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t k, struct adc_rpt_counts *c);

/* "error", "warning", "note"; for an unknown finding "unknown" when
 * with_unknown is set. */
const char *adc_rpt_severity(const struct adc_finding *finding,
    bool with_unknown);
/* "error", "warning", "note", "never" for a severity alone. */
const char *adc_rpt_severity_name(enum adc_severity severity);

/*
 * Findings grouped by the VM they belong to: the first of a finding's
 * resources that is a VM of the report or one of that VM's disks. The
 * findings of VM v are order[start[v]] up to order[start[v + 1]], in
 * report order; group n_vms holds those no VM owns.
 */
struct adc_rpt_groups {
	size_t	*owner;		/* per finding: VM index or ADC_RPT_NO_VM */
	size_t	*order;		/* finding indices, grouped */
	size_t	*start;		/* n_vms + 2 entries */
	size_t	 n_vms;
};

/* Fill groups; false when out of memory. */
bool adc_rpt_group(const struct adc_report *report,
    struct adc_rpt_groups *groups);
void adc_rpt_groups_free(struct adc_rpt_groups *groups);
/* The findings of group k (a VM index, or n_vms for the rest). */
size_t adc_rpt_group_size(const struct adc_rpt_groups *g, size_t k);
const struct adc_finding *adc_rpt_group_at(const struct adc_report *report,
    const struct adc_rpt_groups *g, size_t k, size_t i);

/* The last two segments of an Azure id ("diskEncryptionSets/des-os"),
 * pointing into id; the whole id when it has fewer segments. */
const char *adc_rpt_short_id(const char *id);

/* The display name of a VM: its name, else the last segment of its id. */
const char *adc_rpt_vm_name(const struct adc_vm *vm);

void adc_rpt_out_init(struct adc_rpt_out *o, FILE *fp, unsigned flags);
/* Write the buffer out when it holds more than a chunk, or always when
 * force is set. Returns false once anything failed. */
bool adc_rpt_flush(struct adc_rpt_out *o, bool force);
/* Flush, release the buffer, and turn failure into a status. */
enum adc_status adc_rpt_out_close(struct adc_rpt_out *o,
    struct adc_diag *diag);

/* The writers, one per format. */
void adc_report_text(const struct adc_report *report,
    const struct adc_rpt_groups *groups, struct adc_rpt_out *o);
void adc_report_markdown(const struct adc_report *report,
    const struct adc_rpt_groups *groups, struct adc_rpt_out *o);
void adc_report_json(const struct adc_report *report,
    const struct adc_rpt_groups *groups, struct adc_rpt_out *o);
void adc_report_sarif(const struct adc_report *report,
    struct adc_rpt_out *o);

#endif
