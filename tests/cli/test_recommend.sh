#!/usr/bin/env bash
# test_recommend.sh: "recommend": the baseline's recommendations
# (PRODUCT.md: VM04 better than VM02, confidential VMs as VM10, data disks
# that need customer keys as disk03), a policy file that changes them,
# JSON output, and usage and policy errors.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

command -v jq >/dev/null || { not_ok "jq is installed"; finish; exit; }

jq_is() {
	got=$(jq -r "$2" "$tmp/out" 2>&1)
	if [ "$got" = "true" ]; then
		ok "$1"
	else
		not_ok "$1" "jq $2 -> $got"
	fi
}

run_status 0 "recommend --help exits 0" recommend --help
contains "$tmp/out" "usage: azdiskcrypt recommend" "help prints usage"
contains "$tmp/out" "--temp-disk" "help lists --temp-disk"

run_status 0 "recommend with no needs" recommend
contains "$tmp/out" "VM04" "baseline: VM04"
contains "$tmp/out" "disk03" "baseline data disks: disk03"
contains "$tmp/out" "2028-09-15" "says why not ADE"

run_status 0 "recommend --confidential" recommend --confidential
contains "$tmp/out" "VM10" "confidential: VM10"
contains "$tmp/out" "DiskWithVMGuestState" "and why"

run_status 0 "recommend --format json" recommend --confidential \
    --customer-key --format json
jq_is "JSON: vm is VM10" '.vm.id == "VM10"'
jq_is "JSON: data disk is disk03" '.data_disk.id == "disk03"'
jq_is "JSON: needs echoed" '.needs.confidential and .needs.customer_key'
jq_is "JSON: reasons listed" '(.reasons | length) >= 3'

cat >"$tmp/p.json" <<'POLICY'
{"schema_version": 1, "require_customer_keys": false,
 "require_encryption_at_host": false}
POLICY
run_status 0 "recommend with a policy" recommend --policy "$tmp/p.json"
contains "$tmp/out" "VM03" "no customer keys wanted: VM03"
contains "$tmp/out" "disk01" "and platform-key data disks"
run_status 0 "that policy, --confidential" recommend -p "$tmp/p.json" \
    --confidential
contains "$tmp/out" "VM06" "confidential, no key, no EAH: VM06"

printf '{"schema_version": 1,\n  "severity": {"no-such-rule": "off"}}\n' \
    >"$tmp/bad.json"
run_status 0 "recommend -o FILE" recommend --confidential -o "$tmp/rec.txt"
contains "$tmp/rec.txt" "VM10" "the recommendation went to the file"
check "nothing on standard output" test ! -s "$tmp/out"

run_status 2 "a bad policy exits 2" recommend --policy "$tmp/bad.json"
contains "$tmp/err" "bad.json:2:16: unknown rule id 'no-such-rule'" \
    "the error names file, line and column"
contains "$tmp/err" "(at /severity/no-such-rule)" "and the pointer"

run_status 2 "a missing policy file exits 2" recommend -p "$tmp/none.json"
run_status 2 "an unknown option exits 2" recommend --fast
contains "$tmp/err" "Try 'azdiskcrypt recommend --help'" "with a hint"
run_status 2 "an unknown format exits 2" recommend --format sarif
run_status 2 "a stray argument exits 2" recommend VM04

finish
