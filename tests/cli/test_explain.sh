#!/usr/bin/env bash
# test_explain.sh: "scenarios" and "explain": exit statuses, help, text,
# Markdown and JSON. Expected layers come from azure-facts sections 1-7
# and PRODUCT.md, not from earlier output.
# shellcheck source=tests/cli/lib.sh disable=SC2016
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

command -v jq >/dev/null || { not_ok "jq is installed"; finish; exit; }

# jq_is DESC FILTER: the filter, run on $tmp/out, prints "true".
jq_is() {
	got=$(jq -r "$2" "$tmp/out" 2>&1)
	if [ "$got" = "true" ]; then ok "$1"; else not_ok "$1" "jq $2 -> $got"; fi
}

# Every line of $tmp/out fits in 80 columns.
fits_80() {
	if awk 'length > 80 { bad = 1 } END { exit bad }' "$tmp/out"; then
		ok "$1"
	else
		not_ok "$1" "$(awk 'length > 80' "$tmp/out" | head -3)"
	fi
}

# --- help and usage errors ---------------------------------------------
run_status 0 "explain --help exits 0" explain --help
contains "$tmp/out" "usage: azdiskcrypt explain" "explain --help prints usage"
run_status 0 "scenarios --help exits 0" scenarios --help
contains "$tmp/out" "usage: azdiskcrypt scenarios" "scenarios --help prints usage"
run_status 0 "the command list names explain" --help
contains "$tmp/out" "explain" "main help lists explain"
contains "$tmp/out" "scenarios" "main help lists scenarios"

run_status 2 "unknown id exits 2" explain VM11
contains "$tmp/err" "unknown scenario 'VM11'" "unknown id is named"
contains "$tmp/err" "VM01, VM02" "the hint lists valid ids"
contains "$tmp/err" "disk03" "the hint lists disk ids"
contains "$tmp/err" "Try 'azdiskcrypt explain --help'" "the hint points at help"
run_status 2 "missing id exits 2" explain
contains "$tmp/err" "a scenario id is required" "missing id is explained"
run_status 2 "two ids exit 2" explain VM01 VM02
run_status 2 "unknown option exits 2" explain --colour VM01
contains "$tmp/err" "unknown option '--colour'" "unknown option is named"
run_status 2 "unknown format exits 2" explain --format sarif VM01
contains "$tmp/err" "unknown format 'sarif'" "unknown format is named"
run_status 2 "format without a value exits 2" explain VM01 --format
run_status 2 "scenarios: unknown option exits 2" scenarios --bogus
run_status 2 "scenarios: stray argument exits 2" scenarios VM01

# --- explain, text -----------------------------------------------------
run_status 0 "explain VM07" explain VM07
contains "$tmp/out" "VM07: confidential VM" "title comes first"
contains "$tmp/out" "DiskWithVMGuestState" "VM07 says why DiskWithVMGuestState"
contains "$tmp/out" "CVM/CMK" "VM07 shows the confidential customer key"
contains "$tmp/out" "Key Vault Premium" "VM07's key store is a Premium vault"
contains "$tmp/out" "No automatic key rotation" "VM07 notes rotation"

# az vm create leaves caching None on the data disks it makes.
run_status 0 "explain VM10" explain VM10
contains "$tmp/out" "host cache (LUN 0): none: the disk's caching is None" \
    "VM10's data disk has no host cache, and says why"

run_status 0 "explain vm01 (any case)" explain vm01
contains "$tmp/out" "temp disk: no layer: unencrypted" \
    "VM01 temp disk unencrypted on Standard_D2ds_v4"
contains "$tmp/out" "host cache (OS disk): no layer: unencrypted" \
    "VM01 host cache unencrypted"
contains "$tmp/out" "outside this model" "transit says what is not claimed"
fits_80 "explain VM01 fits 80 columns"

run_status 0 "explain VM05" explain VM05
contains "$tmp/out" "not confidentially encrypted" "VM05 note on the OS disk"
contains "$tmp/out" "temp disk: none" "DC2as_v5 has no temp disk"

# --- explain, JSON -----------------------------------------------------
run_status 0 "explain VM05 json" explain --format json VM05
jq_is "schema is explain/1" '.schema == "azdiskcrypt/explain/1"'
jq_is "scenario id" '.scenario.id == "VM05" and .scenario.kind == "vm"'
jq_is "VM05 OS disk carries SSE with a platform key only" \
    '[.components[] | select(.component == "os_disk") | .layers[].kind] == ["sse_pmk"]'
jq_is "VM05 guest state: confidential, platform key" \
    '[.components[] | select(.component == "vm_guest_state") | .layers[] | [.kind, .owner]] == [["confidential_disk", "platform"]]'
jq_is "VM05 memory is encrypted by the CPU" \
    '[.components[] | select(.component == "memory") | .layers[] | .store] == ["hardware"]'
jq_is "VM05 temp disk absent" \
    '[.components[] | select(.component == "temp_disk") | .present] == ["no"]'
jq_is "notes are strings" '(.notes | length) > 0 and all(.notes[]; type == "string")'
jq_is "every layer has a source" '[.components[].layers[].source | select(. == null or . == "")] == []'

run_status 0 "explain VM03 json" explain VM03 -f json
jq_is "VM03 temp disk: host, platform key" \
    '[.components[] | select(.component == "temp_disk") | .layers[] | [.kind, .owner, .store]] == [["encryption_at_host", "platform", "platform"]]'
jq_is "VM03 OS disk: the host instead of Storage" \
    '[.components[] | select(.component == "os_disk") | .layers[].kind] == ["encryption_at_host"]'

run_status 0 "explain VM04 json" explain VM04 -f json
jq_is "VM04 cache uses the disk's customer key" \
    '[.components[] | select(.component == "host_cache") | .layers[] | .owner] == ["customer"]'
jq_is "VM04 temp disk uses the platform key" \
    '[.components[] | select(.component == "temp_disk") | .layers[] | .owner] == ["platform"]'
jq_is "VM04 layer names its DES" \
    '[.components[] | select(.component == "os_disk") | .layers[0].des_id | endswith("/des-os")] == [true]'
# explain keeps the full shape (docs/check-json.md says how check's
# differs): labels, each disk in its components, every layer member.
jq_is "VM04 full shape: the OS disk's label and disk object" \
    '.components[0] | .label == "OS disk" and (.disk | type) == "object" and .disk.lun == null'
jq_is "VM04 full shape: components about no disk have disk null" \
    '[.components[] | select(.component == "memory") | has("disk") and .disk == null] == [true]'
jq_is "VM04 full shape: every layer has all its members" \
    '[.components[].layers[] | keys] | unique == [["cross_subscription", "cross_tenant", "des_id", "disputed", "key_url", "kind", "label", "owner", "source", "store"]]'

run_status 0 "explain disk03 json" explain disk03 -f json
jq_is "disk03 is carried by a VM01" '.scenario.carried_by == "VM01"'
jq_is "disk03: only the data disk's components" \
    '[.components[].component] == ["data_disk", "host_cache", "transit"]'
jq_is "disk03: each names its disk at LUN 0" \
    '[.components[] | .disk.lun] == [0, 0, 0] and [.components[].label] == ["data disk (LUN 0)", "host cache (LUN 0)", "transit (LUN 0)"]'
jq_is "disk03: two layers, platform outermost" \
    '[.components[0].layers[] | .kind] == ["double_pmk", "sse_cmk"]'

# --- explain, Markdown and -o ------------------------------------------
run_status 0 "explain VM10 markdown" explain VM10 --format markdown
contains "$tmp/out" "# VM10: " "Markdown heading"
contains "$tmp/out" "| Component | Layer (outermost first) |" "Markdown table"
run_status 0 "explain -o FILE" explain VM02 -o "$tmp/vm02.txt"
contains "$tmp/vm02.txt" "SSE/CMK" "-o writes the file"
run_status 2 "unwritable -o exits 2" explain VM02 -o "$tmp/no/such/dir/x"

# --- scenarios ---------------------------------------------------------
run_status 0 "scenarios text" scenarios
fits_80 "the matrix fits 80 columns"
contains "$tmp/out" "VM02*" "VM02 is marked recommended"
contains "$tmp/out" "VM10*" "VM10 is marked recommended"
contains "$tmp/out" "disk03*" "disk03 is marked recommended"
lacks "$tmp/out" "VM01*" "VM01 is not marked"
contains "$tmp/out" "study's recommendation" "the legend explains the mark"

run_status 0 "scenarios json" scenarios --format json
jq_is "schema is scenarios/1" '.schema == "azdiskcrypt/scenarios/1"'
jq_is "thirteen entries" '(.scenarios | length) == 13'
jq_is "recommended: VM02, VM10, disk03" \
    '[.scenarios[] | select(.recommended) | .id] == ["VM02", "VM10", "disk03"]'
jq_is "every column has a cell member" \
    '[.columns[].key] as $k | all(.scenarios[]; (.cells | keys | sort) == ($k | sort))'
jq_is "VM01: SSE/PMK, temp disk and caches unencrypted" \
    '.scenarios[0].cells | .os_disk == "SSE/PMK" and .temp_disk == "-" and .host_caches == "-"'
jq_is "VM04: EAH with the customer key, temp disk platform" \
    '.scenarios[3].cells | .os_disk == "EAH/CMK" and .temp_disk == "EAH/PMK"'
jq_is "VM05: OS disk SSE only, no temp disk" \
    '.scenarios[4].cells | .os_disk == "SSE/PMK" and .temp_disk == "none"'
jq_is "disk03: two layers, other columns null" \
    '.scenarios[12].cells | .data_disks == "DBL/PMK+SSE/CMK" and .os_disk == null'

run_status 0 "scenarios markdown" scenarios -f markdown
contains "$tmp/out" "| Entry | What it is | OS disk |" "Markdown header row"
contains "$tmp/out" "| VM02 \\* |" "Markdown marks VM02"

finish
