#!/usr/bin/env bash
# test_hygiene.sh: the rules the code base keeps. The library never
# prints and never exits (the CLI does the talking); shortcomings are
# marked XXX: with an explanation, never TODO or FIXME; every library and
# CLI source carries its licence line.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"
cd "$ADC_SOURCE_DIR" || exit 1

# Calls that write to a stream or end the process, outside the CLI.
bad=$(grep -nE '(^|[^a-z_])(printf|fprintf|puts|fputs|perror|exit|abort|_Exit)[[:space:]]*\(' \
	lib/*.c lib/*.h | grep -vE 'snprintf|vsnprintf|adc_buf_v?printf|adc_buf_puts' || true)
if [ -z "$bad" ]; then ok "lib/ never prints or exits"; else not_ok "lib/ never prints or exits" "$bad"; fi

bad=$(grep -rnE '\b(TODO|FIXME)\b' include lib cli tests/unit fuzz bench docs 2>/dev/null || true)
if [ -z "$bad" ]; then ok "no TODO or FIXME markers"; else not_ok "no TODO or FIXME markers" "$bad"; fi

# An XXX: marker explains itself: at least six words after it.
short=$(grep -rnoE 'XXX:.*' include lib cli fuzz bench 2>/dev/null |
	awk -F'XXX:' '{ if (split($2, w, /[[:space:]]+/) < 7) print }' || true)
if [ -z "$short" ]; then ok "every XXX: marker explains itself"; else not_ok "every XXX: marker explains itself" "$short"; fi

missing=$(grep -L 'SPDX-License-Identifier' include/*.h lib/*.[ch] cli/*.[ch] || true)
if [ -z "$missing" ]; then ok "every source has an SPDX line"; else not_ok "every source has an SPDX line" "$missing"; fi

# Every shell script of the project passes shellcheck.
scripts=$(ls scripts/*.sh tests/cli/*.sh bench/*.sh .ci/run 2>/dev/null)
# shellcheck disable=SC2086
if out=$(shellcheck -x -s bash $scripts 2>&1); then
	ok "shellcheck finds nothing in the project's scripts"
else
	not_ok "shellcheck finds nothing in the project's scripts" "$(echo "$out" | head -20)"
fi

finish
