#!/usr/bin/env bash
# test_blast_radius.sh: "blast-radius" over the three-shape sample
# estate and real az recordings: keys, their DES, disks and VMs, what a
# lost key does (azure-facts 3.6), the filters, and input errors.
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

shapes="$ADC_SOURCE_DIR/tests/data/estate-shapes"
rec="$ADC_FIXTURES/azure/cli-recordings"

run_status 0 "blast-radius --help exits 0" blast-radius --help
contains "$tmp/out" "usage: azdiskcrypt blast-radius" "help prints usage"

run_status 0 "the az shapes" blast-radius "$shapes"/az-vms.json \
    "$shapes"/az-disks.json "$shapes"/az-des.json "$shapes"/az-vault.json
contains "$tmp/out" "key https://kv-shapes.vault.azure.net/keys/key-os/" \
    "names the OS key"
contains "$tmp/out" "DES des-os: 1 disk" "its DES and disk count"
contains "$tmp/out" "VMs (1): vm-a" "and the VM"
contains "$tmp/out" "shuts down and does not boot" "says VMs stop [DE]"
contains "$tmp/out" "about one hour" "says when disks fail [DE]"

run_status 0 "JSON output" blast-radius --format json "$shapes"/az-vms.json \
    "$shapes"/az-disks.json "$shapes"/az-des.json
jq_is "two keys" '(.keys | length) == 2'
jq_is "each key has one DES" '[.keys[].des | length] == [1, 1]'
jq_is "the VM behind key-os" \
    '.keys[0].vms[0] | endswith("/virtualMachines/vm-a")'
jq_is "effects listed" '(.effects | length) == 3'

run_status 0 "--key, any version, other case" blast-radius \
    --key https://KV-SHAPES.vault.azure.net/keys/key-data \
    --format json "$shapes"/az-vms.json "$shapes"/az-disks.json \
    "$shapes"/az-des.json
jq_is "only key-data" \
    '(.keys | length) == 1 and (.keys[0].des[0].id | endswith("/des-data"))'

run_status 0 "a recorded double-encryption DES" blast-radius \
    "$rec"/test_disk_encryption_set_double_encryption.des1_show.json \
    "$rec"/test_disk_encryption_set_double_encryption.vm1_get_instanceview.json
contains "$tmp/out" "DES des1-000004: 1 disk" "the DES and its OS disk"
contains "$tmp/out" "VMs (1): vm1-000006" "the recorded VM"

run_status 0 "--output FILE" blast-radius --output "$tmp/b.txt" \
    "$shapes"/az-des.json
contains "$tmp/b.txt" "DES des-data" "the report went to the file"

run_status 2 "--key nobody uses exits 2" blast-radius \
    --key https://kv-none.vault.azure.net/keys/k "$shapes"/az-des.json
contains "$tmp/err" "no DES in the input uses key" "and says so"
run_status 2 "--key with --des exits 2" blast-radius --key a --des b x.json
run_status 2 "no files exits 2" blast-radius
run_status 2 "a missing file exits 2" blast-radius "$tmp/none.json"
printf '[{"id": 1,\n  "name": }]\n' >"$tmp/bad.json"
run_status 2 "bad JSON exits 2" blast-radius "$tmp/bad.json"
contains "$tmp/err" "bad.json:2:" "the error names file and line"

finish
