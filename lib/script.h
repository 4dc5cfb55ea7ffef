/* SPDX-License-Identifier: MIT */
/* script.h: what the build and teardown writers share. */
#ifndef ADC_SCRIPT_H
#define ADC_SCRIPT_H

#include "adc.h"
#include "buf.h"

/* A disk encryption set the script creates, with its own key. */
struct script_des {
	char		 var[40];	/* "VM08_OS_DES"; key var: _KEY */
	char		 key_var[40];
	char		 name[40];	/* after the prefix: "vm08-os" */
	char		 part[8];	/* "os", "data", "" for a disk */
	enum adc_enc_type type;
	size_t		 item;		/* the item it belongs to */
};

#define SCRIPT_MAX_DES	(2 * ADC_SCRIPT_MAX_ITEMS)

/* The state of one writing: output, the resolved options and what the
 * items need. */
struct script_gen {
	struct adc_buf	 out;
	const struct adc_script_item *items;
	size_t		 n_items;
	const struct adc_script_options *opts;
	struct adc_diag	*diag;
	enum adc_status	 status;	/* first failure while writing */
	const char	*location;
	const char	*rg;
	char		 rg_default[32];
	const char	*prefix;
	bool		 windows;
	struct script_des des[SCRIPT_MAX_DES];
	size_t		 n_des;
	bool		 need_kv;	/* a vault for SSE keys */
	bool		 need_kv_cvm;	/* a Premium vault for confidential */
	bool		 need_eah;
	bool		 need_std_vm;
	bool		 need_cvm_vm;
};

void script_put(struct script_gen *g, const char *fmt, ...) ADC_PRINTF(2, 3);
/* Append s quoted; a refused value records the failure, naming what. */
void script_put_quoted(struct script_gen *g, const char *what,
    const char *s);

/* VAR=${VAR:-'value'}, the value quoted; what names it in messages. */
void script_put_setting(struct script_gen *g, const char *var,
    const char *what, const char *value);

/* The shell variable of item i ("VM08", "VM08_DISK03") and its name
 * after the prefix ("vm08", "vm08-disk03"). */
void script_item_var(const struct script_gen *g, size_t i, char *buf,
    size_t size);
void script_item_name(const struct script_gen *g, size_t i, char *buf,
    size_t size);

/* The header comment and the settings both scripts start with. */
void script_put_header(struct script_gen *g, const char *what);
void script_put_settings(struct script_gen *g);

/* Find or make the vault suffix and name the vaults (after the resource
 * group exists). */
void script_put_vault_names(struct script_gen *g);

void script_write_build(struct script_gen *g);
void script_write_teardown(struct script_gen *g);

#endif
