/* SPDX-License-Identifier: MIT */
/*
 * test_json_skip_portable.c: the skip tests again with the reader built
 * on its portable scans (no SSE2), so the fast skip's path on other
 * machines is tested on this one too. The reader's sources are compiled
 * in here; the library's copy is then not linked.
 */
#define _POSIX_C_SOURCE 200809L
#define ADC_JSON_PORTABLE 1

#include "json.c"
#include "json_value.c"

#include "test_json_skip.c"
