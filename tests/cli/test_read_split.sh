#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# test_read_split.sh: several input files are read by two threads, the
# later ones into an estate of their own merged behind the first. Every
# report, and every error, must be what reading the files one after the
# other (AZDISKCRYPT_JOBS=1) gives.
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

sample=("$ADC_SOURCE_DIR"/examples/estate/*.json)
stdin=/dev/null

# same DESC ARGS...: the program's stdout, stderr and exit status are the
# same with one thread and with two.
same() {
	desc=$1
	shift
	AZDISKCRYPT_JOBS=1 "$ADC" "$@" <"$stdin" >"$tmp/one.out" \
		2>"$tmp/one.err"
	one=$?
	"$ADC" "$@" <"$stdin" >"$tmp/two.out" 2>"$tmp/two.err"
	two=$?
	if [ "$one" -eq "$two" ] && cmp -s "$tmp/one.out" "$tmp/two.out" &&
		cmp -s "$tmp/one.err" "$tmp/two.err"; then
		ok "$desc"
	else
		not_ok "$desc" "exit $one vs $two; $(diff "$tmp/one.err" "$tmp/two.err" | head -5)"
	fi
}

for fmt in text json sarif markdown; do
	same "sample estate, $fmt: the same report" check --format "$fmt" \
		"${sample[@]}"
done
same "sample estate, blast radius" blast-radius "${sample[@]}"

# A larger estate in several files, the generator's (VMs and disks in
# separate files, so each half holds what the other links to).
python3 "$ADC_SOURCE_DIR/bench/check-gen.py" --vms 400 --files 3 \
	-o "$tmp/gen" >/dev/null
gen=("$tmp"/gen/*.json)
check "the generator wrote several files" test "${#gen[@]}" -ge 6
same "generated estate, json" check --format json --fail-on never \
	"${gen[@]}"
jq -e '.summary.vms == 400' "$tmp/two.out" >/dev/null
check "every generated VM is in the report" test $? -eq 0
same "generated estate, text" check --fail-on never "${gen[@]}"
same "files in reverse order" check --format json --fail-on never \
	"$(printf '%s\n' "${gen[@]}" | sort -r | head -1)" "${gen[@]}"

# Errors: the first failure in the order given, whichever thread met it.
head -c 400 "$ADC_SOURCE_DIR/examples/estate/vms.json" >"$tmp/cut.json"
same "a truncated last file" check "${sample[@]}" "$tmp/cut.json"
grep -q "cut.json:" "$tmp/two.err"
check "its message names it" test $? -eq 0
same "a missing last file" check "${sample[@]}" "$tmp/none.json"
contains "$tmp/two.err" "none.json: No such file or directory" \
	"the missing file is named"
same "a truncated first file and a missing last one" check \
	"$tmp/cut.json" "${sample[@]}" "$tmp/none.json"
contains "$tmp/two.err" "cut.json:" "the first failure is reported"
lacks "$tmp/two.err" "none.json" "and only that one"
check "exit status 2" test "$two" -eq 2

# Standard input among the files keeps to one thread.
stdin=$ADC_SOURCE_DIR/examples/estate/vms.json
same "standard input among files" check --format json \
	"${sample[0]}" - "${sample[@]:1}"
jq -e '.summary.vms == 14' "$tmp/two.out" >/dev/null
check "standard input was read" test $? -eq 0
stdin=/dev/null
AZDISKCRYPT_JOBS=many "$ADC" check "${sample[@]}" >/dev/null 2>"$tmp/err"
contains "$tmp/err" "AZDISKCRYPT_JOBS=many: expected 1 or 2" \
	"a wrong AZDISKCRYPT_JOBS is named"
run_status 2 "standard input twice is a usage error" check - - </dev/null
contains "$tmp/err" "more than once" "and says so"

finish
