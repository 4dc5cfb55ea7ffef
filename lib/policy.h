/* SPDX-License-Identifier: MIT */
/*
 * policy.h: what a policy holds. The baseline is one static instance; a
 * policy file starts as a copy of it and overrides what the file states.
 */
#ifndef ADC_POLICY_H
#define ADC_POLICY_H

#include "adc.h"

/* Room for every rule of the table; rules_table.c checks it. */
#define POLICY_MAX_RULES 64

enum policy_scope {
	POLICY_NONE = 0,		/* no VM */
	POLICY_CONFIDENTIAL,		/* confidential VMs only */
	POLICY_ALL			/* every VM */
};

/* Which disks need a customer key. */
enum policy_cmk {
	POLICY_CMK_NONE = 0,
	POLICY_CMK_BASELINE,		/* OS disks; all disks of CVMs */
	POLICY_CMK_ALL			/* every disk, attached or not */
};

struct adc_policy {
	bool		 is_static;	/* baseline: free does nothing */
	enum policy_scope require_eah;
	enum policy_cmk	 require_cmk;
	bool		 require_double; /* data disks as disk03 */
	/* NULL lists allow everything. */
	char		**allowed_des;
	size_t		 n_allowed_des;
	bool		 has_allowed_des;
	char		**allowed_vaults;
	size_t		 n_allowed_vaults;
	bool		 has_allowed_vaults;
	unsigned	 max_vms_per_des; /* 0: no limit */
	/* key-near-expiry: warn this many days ahead (0: never) */
	unsigned	 key_expiry_warning_days;
	/* Per rule, by table index: -1 the rule's default, else a severity
	 * (ADC_SEV_NONE: off). */
	signed char	 severity[POLICY_MAX_RULES];
};

#endif
