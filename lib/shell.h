/* SPDX-License-Identifier: MIT */
/* shell.h: what the script writers share with the quoting function. */
#ifndef ADC_SHELL_H
#define ADC_SHELL_H

#include <stdbool.h>
#include <stddef.h>

/* True when adc_shell_quote would accept s: valid UTF-8 without the
 * characters it refuses. */
bool adc_shell_safe(const char *s);

/* Write s into buf for a one-line message: printable ASCII as is, every
 * other byte as \xNN, cut with "..." when it does not fit. */
void adc_shell_show(const char *s, char *buf, size_t size);

#endif
