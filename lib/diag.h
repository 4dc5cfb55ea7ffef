/* SPDX-License-Identifier: MIT */
/* diag.h: filling struct adc_diag inside the library. */
#ifndef ADC_DIAG_H
#define ADC_DIAG_H

#include "adc.h"

#if defined(__GNUC__)
#define ADC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ADC_PRINTF(f, a)
#endif

/* Record a failure unless one is already recorded (the first one wins).
 * diag may be NULL. Returns status so callers can write
 * "return adc_diag_set(diag, ADC_EINVAL, ...);". */
enum adc_status adc_diag_set(struct adc_diag *diag, enum adc_status status,
    const char *fmt, ...) ADC_PRINTF(3, 4);

/* Same, with a position and pointer. pointer may be NULL. */
enum adc_status adc_diag_set_at(struct adc_diag *diag,
    enum adc_status status, uint64_t offset, unsigned long line,
    unsigned long col, const char *pointer, const char *fmt, ...)
    ADC_PRINTF(7, 8);

#endif
