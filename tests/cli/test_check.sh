#!/usr/bin/env bash
# test_check.sh: "azdiskcrypt check" end to end: exit statuses and
# --fail-on, every format, several files as one estate, standard input,
# -o, and bad input (truncated JSON, missing files, bad options).
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"

sub=/subscriptions/00000000-0000-0000-0000-000000000001
rg=$sub/resourceGroups/rg-app/providers/Microsoft.Compute
kv=$sub/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-app

# az vm show output for a VM with Azure Disk Encryption on its OS disk and
# encryption at host: Azure rejects the pair (an error, ade-with-eah).
cat >"$tmp/vm-ade-eah.json" <<EOF
{
  "id": "$rg/virtualMachines/vm-ade",
  "name": "vm-ade",
  "type": "Microsoft.Compute/virtualMachines",
  "location": "westeurope",
  "hardwareProfile": { "vmSize": "Standard_D2ds_v4" },
  "securityProfile": { "encryptionAtHost": true },
  "storageProfile": {
    "osDisk": {
      "osType": "Linux",
      "name": "vm-ade_OsDisk",
      "createOption": "FromImage",
      "managedDisk": {
        "id": "$rg/disks/vm-ade_OsDisk",
        "storageAccountType": "Premium_LRS"
      },
      "encryptionSettings": {
        "enabled": true,
        "diskEncryptionKey": {
          "secretUrl": "https://kv-app.vault.azure.net/secrets/bek/0123456789abcdef0123456789abcdef",
          "sourceVault": { "id": "$kv" }
        }
      }
    },
    "dataDisks": []
  }
}
EOF

# A VM with platform keys only (VM01): no error, but the baseline wants
# customer keys, so there is at least one warning.
cat >"$tmp/vm-pmk.json" <<EOF
[
  {
    "id": "$rg/virtualMachines/vm-pmk",
    "name": "vm-pmk",
    "type": "Microsoft.Compute/virtualMachines",
    "location": "westeurope",
    "hardwareProfile": { "vmSize": "Standard_D2ds_v4" },
    "storageProfile": {
      "osDisk": {
        "osType": "Linux",
        "name": "vm-pmk_OsDisk",
        "createOption": "FromImage",
        "managedDisk": {
          "id": "$rg/disks/vm-pmk_OsDisk",
          "storageAccountType": "Premium_LRS"
        }
      },
      "dataDisks": []
    }
  }
]
EOF

# The OS disk resource of vm-pmk, as az disk show prints it.
cat >"$tmp/disk-pmk.json" <<EOF
{
  "id": "$rg/disks/vm-pmk_OsDisk",
  "name": "vm-pmk_OsDisk",
  "type": "Microsoft.Compute/disks",
  "location": "westeurope",
  "managedBy": "$rg/virtualMachines/vm-pmk",
  "sku": { "name": "Premium_LRS" },
  "osType": "Linux",
  "diskSizeGB": 30,
  "diskState": "Attached",
  "encryption": { "type": "EncryptionAtRestWithPlatformKey" }
}
EOF

# --help and usage errors.
run_status 0 "--help exits 0" check --help
contains "$tmp/out" "usage: azdiskcrypt check" "--help prints the usage"
contains "$tmp/out" "--fail-on" "--help lists --fail-on"
run_status 2 "no input file is a usage error" check
contains "$tmp/err" "no input files" "says that files are missing"
run_status 2 "an unknown format is a usage error" check --format xml \
	"$tmp/vm-pmk.json"
contains "$tmp/err" "unknown format 'xml'" "names the bad format"
run_status 2 "an unknown --fail-on level is a usage error" check \
	--fail-on fatal "$tmp/vm-pmk.json"
contains "$tmp/err" "'fatal'" "names the bad level"
run_status 2 "an unknown option is a usage error" check --frobnicate \
	"$tmp/vm-pmk.json"
run_status 2 "--policy without a value is a usage error" check \
	"$tmp/vm-pmk.json" --policy
"$ADC" --help >"$tmp/out" 2>&1
contains "$tmp/out" "  check " "azdiskcrypt --help lists check"

# Exit statuses and --fail-on.
run_status 1 "an error fails with the default --fail-on error" check \
	"$tmp/vm-ade-eah.json"
contains "$tmp/out" "ade-with-eah" "the error names its rule"
contains "$tmp/out" "VM vm-ade" "the report has a section for the VM"
run_status 0 "--fail-on never never fails" check --fail-on never \
	"$tmp/vm-ade-eah.json"
run_status 0 "warnings alone pass with --fail-on error" check \
	"$tmp/vm-pmk.json" "$tmp/disk-pmk.json"
lacks "$tmp/out" "ade-with-eah" "no ADE error on a platform-key VM"
run_status 1 "warnings fail with --fail-on warning" check \
	--fail-on warning "$tmp/vm-pmk.json" "$tmp/disk-pmk.json"
run_status 1 "warnings fail with --fail-on note" check \
	--fail-on note "$tmp/vm-pmk.json" "$tmp/disk-pmk.json"

# --as-of: keys judged at a given time. The sample's keys expire on
# 2028-10-01T08:00:00Z; des-cvm and des-os-legacy do not rotate.
sample=${ADC_SOURCE_DIR:-.}/examples/estate
run_status 0 "--as-of 11 days before the keys expire" check --as-of \
	2028-09-20 --fail-on never --format json "$sample"/*.json
check "--as-of: the two DES that do not rotate are near expiry" \
	test "$(grep -c '"rule":"key-near-expiry"' "$tmp/out")" -eq 2
contains "$tmp/out" "expires in 11 days" "--as-of: days counted from it"
lacks "$tmp/out" '"rule":"key-expired"' "--as-of: nothing expired yet"
run_status 1 "--as-of a minute after: expired keys fail" check --as-of \
	2028-10-01T08:01:00Z "$sample"/*.json
contains "$tmp/out" "key-expired" "--as-of: the expired keys are errors"
run_status 2 "--as-of a date that does not exist" check --as-of \
	2026-02-29 "$sample"/*.json
contains "$tmp/err" "--as-of '2026-02-29' is not a time" \
	"--as-of: the bad value is named"
run_status 2 "--as-of without a value" check "$sample/vms.json" --as-of

# Several files are one estate: the VM and its disk resource link.
run_status 0 "two files are read together" check --format json \
	"$tmp/vm-pmk.json" "$tmp/disk-pmk.json"
check "the summary counts one VM and one disk" \
	test "$(jq -c '[.summary.vms, .summary.disks]' "$tmp/out")" = "[1,1]"
check "the VM is VM01 (platform keys, no EAH)" \
	test "$(jq -r '.vms[0].scenario' "$tmp/out")" = VM01
check "the VM's components are listed, the OS disk among them" \
	test "$(jq -r '[.vms[0].components[].component] | index("os_disk") != null' \
	"$tmp/out")" = true

# The lean components of check (docs/check-json.md): a v5 VM without
# encryption at host, its OS disk with a customer key through a DES (az
# disk-encryption-set show; the vault is not in the input), two data
# disks at LUNs 0 and 2 with platform keys, known from the VM only.
cat >"$tmp/vm-three.json" <<EOF
{
  "id": "$rg/virtualMachines/vm-three",
  "name": "vm-three",
  "type": "Microsoft.Compute/virtualMachines",
  "location": "westeurope",
  "hardwareProfile": { "vmSize": "Standard_D2ds_v5" },
  "securityProfile": { "encryptionAtHost": false },
  "storageProfile": {
    "osDisk": {
      "osType": "Linux",
      "name": "vm-three-os",
      "createOption": "FromImage",
      "managedDisk": {
        "id": "$rg/disks/vm-three-os",
        "storageAccountType": "Premium_LRS",
        "diskEncryptionSet": { "id": "$rg/diskEncryptionSets/des-three" }
      }
    },
    "dataDisks": [
      { "lun": 0, "name": "vm-three-d0", "createOption": "Empty",
        "managedDisk": { "id": "$rg/disks/vm-three-d0",
          "storageAccountType": "Premium_LRS" } },
      { "lun": 2, "name": "vm-three-d2", "createOption": "Empty",
        "managedDisk": { "id": "$rg/disks/vm-three-d2",
          "storageAccountType": "Premium_LRS" } }
    ]
  }
}
EOF
key3=https://kv-app.vault.azure.net/keys/k3/00112233445566778899aabbccddeeff
cat >"$tmp/des-three.json" <<EOF
{
  "id": "$rg/diskEncryptionSets/des-three",
  "name": "des-three",
  "type": "Microsoft.Compute/diskEncryptionSets",
  "location": "westeurope",
  "encryptionType": "EncryptionAtRestWithCustomerKey",
  "activeKey": { "keyUrl": "$key3", "sourceVault": { "id": "$kv" } },
  "rotationToLatestKeyVersionEnabled": true
}
EOF
run_status 0 "a VM with three disks, json" check --format json \
	--fail-on never "$tmp/vm-three.json" "$tmp/des-three.json"
cp "$tmp/out" "$tmp/three.json"

# jq_three NAME FILTER: the filter holds (jq -e) on that report.
jq_three() {
	if jq -e --arg key3 "$key3" "$2" "$tmp/three.json" >/dev/null \
		2>"$tmp/jq.err"; then
		ok "$1"
	else
		not_ok "$1" "jq $2: $(cat "$tmp/jq.err")"
	fi
}
jq_three "lean: the disks once, OS disk first, with their LUNs" \
	'[.vms[0].disks[] | [.name, .lun]] ==
	 [["vm-three-os", null], ["vm-three-d0", 0], ["vm-three-d2", 2]]'
jq_three "lean: disks carry their ids" \
	'.vms[0].disks[2].id | endswith("/disks/vm-three-d2")'
jq_three "lean: the data disks point at disks 1 and 2" \
	'[.vms[0].components[] | select(.component == "data_disk") |
	  .disk] == [1, 2]'
jq_three "lean: host caches point at the OS disk, then the data disks" \
	'[.vms[0].components[] | select(.component == "host_cache") |
	  .disk] == [0, 1, 2]'
jq_three "lean: transit points at the OS disk, then the data disks" \
	'[.vms[0].components[] | select(.component == "transit") |
	  .disk] == [0, 1, 2]'
jq_three "lean: components about no disk have no disk member" \
	'[.vms[0].components[] | select(has("disk") | not) | .component] ==
	 ["temp_disk", "ephemeral_os_disk", "vm_guest_state", "memory"]'
jq_three "lean: no label in components or layers" \
	'[.vms[0].components[] | has("label"), (.layers[] | has("label"))]
	 | any | not'
# $key3 is a jq variable (--arg), not the shell's.
# shellcheck disable=SC2016
jq_three "lean: the OS disk's DES layer carries des_id and key_url" \
	'.vms[0].components[0] | .component == "os_disk" and
	 (.layers[0] | .kind == "sse_cmk" and .key_url == $key3 and
	  (.des_id | endswith("/diskEncryptionSets/des-three")))'
jq_three "lean: vault id in the DES's subscription: no cross_subscription" \
	'.vms[0].components[0].layers[0] | has("cross_subscription") | not'
jq_three "lean: the vault is not in the input: cross_tenant null" \
	'.vms[0].components[0].layers[0] |
	 has("cross_tenant") and .cross_tenant == null'
jq_three "lean: a PMK layer has kind, owner, store, source, no more" \
	'[.vms[0].components[] | select(.component == "data_disk") |
	  .layers[] | keys] ==
	 [["kind", "owner", "source", "store"],
	  ["kind", "owner", "source", "store"]]'
jq_three "lean: the v5 size's temp disk layer is disputed" \
	'[.vms[0].components[] | select(.component == "temp_disk") |
	  .layers[] | select(.kind == "size_family") | .disputed] == [true]'
jq_three "lean: no member of any layer is false" \
	'[.vms[].components[].layers[][] | select(. == false)] == []'
jq_three "lean: the cells stay" \
	'.vms[0].components[0].cell == "SSE/CMK"'

# An az vm list alone, without disk resources: each VM's copy of its OS
# disk stands in for the disk. Many VMs must not hang the linking.
{
	echo '['
	for i in $(seq 1 200); do
		[ "$i" -gt 1 ] && echo ','
		sed -n '2,$p' "$tmp/vm-pmk.json" | sed '$d' |
			sed "s/vm-pmk/vm-$i/g"
	done
	echo ']'
} >"$tmp/vm-list.json"
timeout 60 "$ADC" check --format json --fail-on never "$tmp/vm-list.json" \
	>"$tmp/out" 2>"$tmp/err"
check "200 VMs without disk resources are checked (exit 0, no hang)" \
	test $? -eq 0
check "200 VMs and their 200 OS disks are counted" \
	test "$(jq -c '[.summary.vms, .summary.disks]' "$tmp/out")" = "[200,200]"

# Formats.
run_status 1 "json output" check --format json "$tmp/vm-ade-eah.json"
check "json: schema_version 2" \
	test "$(jq '.schema_version' "$tmp/out")" = 2
check "json: the error with status fail and its file" test "$(jq -r \
	'.findings[] | select(.rule == "ade-with-eah") |
	 "\(.severity) \(.status) \(.location.file)"' "$tmp/out" | head -1)" \
	= "error fail $tmp/vm-ade-eah.json"
check "json: summary errors match the findings" test "$(jq \
	'.summary.errors as $n | [.findings[] |
	 select(.severity == "error" and .status == "fail")] | length == $n' \
	"$tmp/out")" = true
run_status 1 "markdown output" check --format markdown \
	"$tmp/vm-ade-eah.json"
contains "$tmp/out" "### azdiskcrypt check" "markdown: heading"
contains "$tmp/out" "| Severity | Rule |" "markdown: findings table"
run_status 1 "sarif output" check --format sarif "$tmp/vm-ade-eah.json"
check "sarif: version 2.1.0" test "$(jq -r .version "$tmp/out")" = 2.1.0

# Colour only when asked for (the output here is not a terminal).
run_status 1 "text without a terminal" check "$tmp/vm-ade-eah.json"
check "no escape sequences when not a terminal" \
	bash -c "! grep -q $'\033' '$tmp/out'"
run_status 1 "--color always" check --color always "$tmp/vm-ade-eah.json"
check "--color always colours the text" grep -q $'\033\\[' "$tmp/out"

# Standard input and -o.
"$ADC" check --format json - <"$tmp/vm-ade-eah.json" >"$tmp/out" \
	2>"$tmp/err"
check "'-' reads standard input (exit 1 for its error)" test $? -eq 1
check "standard input is named <stdin>" test "$(jq -r \
	'.findings[0].location.file' "$tmp/out")" = "<stdin>"
run_status 2 "'-' twice is a usage error" check - - </dev/null
run_status 1 "-o writes the report to a file" check -o "$tmp/report.txt" \
	"$tmp/vm-ade-eah.json"
check "-o leaves standard output empty" test ! -s "$tmp/out"
contains "$tmp/report.txt" "ade-with-eah" "-o: the file holds the report"
run_status 2 "-o into a missing directory fails" check \
	-o "$tmp/no/such/dir/r.txt" "$tmp/vm-ade-eah.json"
contains "$tmp/err" "$tmp/no/such/dir/r.txt: No such file or directory" \
	"-o: names the file and the reason"

# Bad input: the file, line and column, never a crash.
run_status 2 "a missing file is an input error" check "$tmp/nosuch.json"
contains "$tmp/err" "azdiskcrypt: $tmp/nosuch.json: No such file or directory" \
	"a missing file: its name and the reason"
head -c 300 "$tmp/vm-ade-eah.json" >"$tmp/truncated.json"
run_status 2 "a truncated file is an input error" check \
	"$tmp/vm-pmk.json" "$tmp/truncated.json"
check "truncated: file:line:col: in the message" \
	grep -Eq "^azdiskcrypt: $tmp/truncated\.json:[0-9]+:[0-9]+: " "$tmp/err"
check "truncated: no report on standard output" test ! -s "$tmp/out"
printf '{"id": "x", "name": [1, 2' >"$tmp/short.json"
run_status 2 "truncated inside an array" check - <"$tmp/short.json"
check "truncated stdin: <stdin>:1:col: and a pointer" \
	grep -Eq '^azdiskcrypt: <stdin>:1:[0-9]+: .*\(at ' "$tmp/err"
printf '\xff\xfe[\x00]\x00' >"$tmp/utf16.json"
run_status 2 "UTF-16 (PowerShell) is an input error" check "$tmp/utf16.json"
contains "$tmp/err" "$tmp/utf16.json:1:1: " "UTF-16: file, line 1, column 1"
head -c 100000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
run_status 2 "deep nesting is an input error, not a crash" check \
	"$tmp/deep.json"
contains "$tmp/err" "$tmp/deep.json:1:" "deep: file and line"
run_status 2 "a directory is an input error" check "$tmp"
run_status 2 "a missing policy file is an input error" check \
	--policy "$tmp/nosuch-policy.json" "$tmp/vm-pmk.json"
contains "$tmp/err" "nosuch-policy.json: No such file or directory" \
	"a missing policy: its name and the reason"

# What the importer notices reaches every format: a recorded az vm show
# names three disks the input does not hold.
vm2="$ADC_FIXTURES/azure/cli-recordings/test_disk_encryption_set.vm2_show.json"
run_status 0 "a VM without its disks: notes only, below --fail-on error" \
	check "$vm2"
contains "$tmp/out" "input-note" "text names the input note"
contains "$tmp/out" "disk-not-in-input: 3 disk(s)" "text says which note"
run_status 0 "json of the same" check --format json "$vm2"
check "json carries the input note with its code" \
	test "$(jq -r '[.findings[] | select(.rule == "input-note") | .message][0]' "$tmp/out" | cut -d: -f1)" = "disk-not-in-input"
run_status 1 "notes count at --fail-on note" check --fail-on note "$vm2"

finish
