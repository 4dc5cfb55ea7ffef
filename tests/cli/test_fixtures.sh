#!/usr/bin/env bash
# test_fixtures.sh: check on every Azure fixture, with the scenario and
# the decided findings each one should give, reasoned from the fact base
# (the reason stands beside each line); and one estate in three shapes
# (az output, REST lists, Resource Graph rows) gives the same findings.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"
fx="$ADC_FIXTURES/azure"

# expect FILE SCENARIOS RULES [ABSENT]: check FILE under the baseline;
# SCENARIOS is the comma-joined scenario per VM ("" when no VM, "none"
# when a VM has none); every rule in the space-separated RULES is among
# the decided findings, none of ABSENT is.
expect() {
	local file=$1 want_sc=$2 rules=$3 absent=${4:-}
	local name got_sc fired rule
	name=$(basename "$file")
	if ! "$ADC" check --format json --fail-on never "$fx/$file" \
		>"$tmp/f.json" 2>"$tmp/f.err"; then
		not_ok "$name: read" "$(head -c 300 "$tmp/f.err")"
		return
	fi
	got_sc=$(jq -r '[.vms[] | (.scenario // "none")] | join(",")' "$tmp/f.json")
	if [ "$got_sc" = "$want_sc" ]; then ok "$name: scenario '$want_sc'"
	else not_ok "$name: scenario '$want_sc'" "got '$got_sc'"; fi
	fired=$(jq -r '.findings[] | select(.status == "fail") | .rule' "$tmp/f.json")
	for rule in $rules; do
		if grep -qx -- "$rule" <<<"$fired"; then ok "$name: $rule"
		else not_ok "$name: $rule" "fired: $(echo "$fired" | sort -u | tr '\n' ' ')"; fi
	done
	for rule in $absent; do
		if grep -qx -- "$rule" <<<"$fired"; then not_ok "$name: no $rule"
		else ok "$name: no $rule"; fi
	done
}

c=ComputeRP/2024-11-01 d=DiskRP/2024-03-02 r=cli-recordings

# Encryption at host on, no DES: VM03 [EAHCLI]; the baseline wants a
# customer key on the OS disk, and the host covers temp disk and caches.
expect "rest-api-examples/$c/VirtualMachine_Create_WithEncryptionAtHost.json" \
	VM03 "customer-key-required" "temp-disk-unencrypted"
expect "rest-api-examples/$c/VirtualMachineScaleSet_Create_WithEncryptionAtHost.json" \
	VM03 "customer-key-required" "temp-disk-unencrypted"
expect "$r/test_vm_encryption_at_host.vm1_get_instanceview.json" \
	VM03 "customer-key-required" "temp-disk-unencrypted ade-with-eah"
# Nothing but defaults (Trusted Launch adds no disk encryption [TL]):
# VM01; an encryption identity alone is not ADE.
expect "rest-api-examples/$c/VirtualMachine_Get.json" VM01 "customer-key-required"
expect "rest-api-examples/$c/VirtualMachine_Create_WithUefiSettings.json" \
	VM01 "customer-key-required"
expect "rest-api-examples/$c/VirtualMachine_Create_WithEncryptionIdentity.json" \
	VM01 "customer-key-required" "ade-retiring"
# Confidential, DiskWithVMGuestState, platform key: VM06; the baseline's
# confidential target is VM10 (customer key, encryption at host).
expect "rest-api-examples/$c/VirtualMachine_Create_WithSecurityTypeConfidentialVM.json" \
	VM06 "encryption-at-host-required" "cvm-size cvm-missing-vtpm"
# ... with a secure-VM DES: VM07 [SPEC-VM][CVMCLI]; backup is preview only.
expect "rest-api-examples/$c/VirtualMachine_Create_WithSecurityTypeConfidentialVMWithCustomerManagedKeys.json" \
	VM07 "cvm-backup-limit encryption-at-host-required" \
	"secure-des-needs-disk-with-guest-state"
expect "$r/test_os_disk_security_encryption.vm_get_instanceview.json" \
	VM07 "cvm-backup-limit" "secure-des-needs-disk-with-guest-state"
# Guest state only: VM05, and the OS disk is not bound to the vTPM.
expect "rest-api-examples/$c/VirtualMachineScaleSet_Create_WithSecurityTypeConfidentialVM.json" \
	VM05 "cvm-guest-state-only"
# NonPersistedTPM is no catalogue scenario [CVMARM].
expect "rest-api-examples/$c/VirtualMachine_Create_WithSecurityTypeConfidentialVMWithNonPersistedTPM.json" \
	none "" "cvm-missing-encryption-type"
# ADE in the guest: no scenario, and it retires on 2028-09-15 [ADERET].
expect "$r/test_vm_disk_encryption_e2e.vm1_encryption_show_instanceview.json" \
	none "ade-retiring"
# An OS disk DES that is not in the input: its type decides VM02 or
# not, so the VM gets no scenario rather than a guess.
expect "rest-api-examples/$c/VirtualMachine_Create_WithDiskEncryptionSetResource.json" none ""
expect "$r/test_disk_encryption_set.vm2_show.json" none ""
expect "$r/test_disk_encryption_set_double_encryption.vm1_get_instanceview.json" none ""

# DES alone. The spec examples write key URLs as ".../keys/{key}", which
# carries no version: the API wants a versioned URL [SPEC-DES].
expect "rest-api-examples/$d/DiskEncryptionSet_Create.json" "" \
	"key-url-unversioned des-auto-rotation-off"
expect "rest-api-examples/$d/DiskEncryptionSet_Get_WithAutoKeyRotationError.json" "" \
	"des-rotation-error" "des-auto-rotation-off"
expect "rest-api-examples/$d/DiskEncryptionSet_Update_WithRotationToLatestKeyVersionEnabled.json" "" \
	"" "key-url-unversioned des-auto-rotation-off"
# Two DES naming one key: one key behind several DES (blast radius).
expect "rest-api-examples/$d/DiskEncryptionSet_ListBySubscription.json" "" \
	"key-shared-across-des"
expect "$r/test_disk_encryption_set_double_encryption.des1_show.json" "" \
	"des-auto-rotation-off" "key-url-unversioned"
# A confidential DES: no auto-rotation expected, none asked for [CVMROT].
expect "$r/test_confidential_disk_encryption_set.des_show.json" "" "" \
	"des-auto-rotation-off key-url-unversioned"
# Disks with ADE settings: ADE retires [ADERET].
expect "rest-api-examples/$d/Disk_Get.json" "" "ade-retiring"
expect "rest-api-examples/$d/Disk_ListBySubscription.json" "" "ade-retiring"
# Confidential and Trusted Launch disks on their own: nothing decided.
expect "rest-api-examples/$d/Disk_Create_ConfidentialVMSupportedDiskEncryptedWithCMK.json" "" ""
expect "rest-api-examples/$d/Disk_Create_WithSecurityProfile.json" "" ""
expect "$r/test_confidential_disk_encryption_set.disk_d1_get.json" "" ""

# A list of bare ids is not a list of resources: exit 2, file:line:col.
run_status 2 "a list of ids is refused" check \
	"$fx/rest-api-examples/$d/DiskEncryptionSet_ListAssociatedResources.json"
contains "$tmp/err" "DiskEncryptionSet_ListAssociatedResources.json:" \
	"the refusal names the file"

# One estate, three shapes: the same findings, apart from where they
# were read.
shapes="$ADC_SOURCE_DIR/tests/data/estate-shapes"
norm='[.findings[] | {rule, severity, status, message, resources}] | sort_by(.rule, .message)'
"$ADC" check --format json --fail-on never "$shapes"/az-*.json >"$tmp/az.json"
"$ADC" check --format json --fail-on never "$shapes"/rest-*.json >"$tmp/rest.json"
"$ADC" check --format json --fail-on never "$shapes"/graph.json >"$tmp/graph.json"
"$ADC" check --format json --fail-on never "$shapes"/graph-table.json \
	>"$tmp/table.json"
jq -S "$norm" "$tmp/az.json" >"$tmp/az.n"
jq -S "$norm" "$tmp/rest.json" >"$tmp/rest.n"
jq -S "$norm" "$tmp/graph.json" >"$tmp/graph.n"
jq -S "$norm" "$tmp/table.json" >"$tmp/table.n"
check "the az shape gives findings" test "$(jq length "$tmp/az.n")" -gt 0
if diff -u "$tmp/az.n" "$tmp/rest.n" >"$tmp/d1"; then ok "REST lists give the az findings"
else not_ok "REST lists give the az findings" "$(head -20 "$tmp/d1")"; fi
if diff -u "$tmp/az.n" "$tmp/graph.n" >"$tmp/d2"; then ok "Resource Graph rows give the az findings"
else not_ok "Resource Graph rows give the az findings" "$(head -20 "$tmp/d2")"; fi
if diff -u "$tmp/az.n" "$tmp/table.n" >"$tmp/d3"; then ok "a Resource Graph table gives the az findings"
else not_ok "a Resource Graph table gives the az findings" "$(head -20 "$tmp/d3")"; fi
check "and the same scenarios" test \
	"$(jq -c '[.vms[] | {name, scenario}] | sort_by(.name)' "$tmp/az.json")" = \
	"$(jq -c '[.vms[] | {name, scenario}] | sort_by(.name)' "$tmp/graph.json")"
lean='[.vms[] | {name, disks: [.disks[] | [.name, .lun]], components}] |
	sort_by(.name)'
check "the az shape gives disks and layers" test "$(jq \
	'[.vms[].disks[], .vms[].components[].layers[]] | length' \
	"$tmp/az.json")" -gt 0
check "and the same disks and components, layer by layer" test \
	"$(jq -S -c "$lean" "$tmp/az.json")" = \
	"$(jq -S -c "$lean" "$tmp/graph.json")"
check "REST lists too" test \
	"$(jq -S -c "$lean" "$tmp/az.json")" = \
	"$(jq -S -c "$lean" "$tmp/rest.json")"
check "and the Resource Graph table" test \
	"$(jq -S -c "$lean" "$tmp/az.json")" = \
	"$(jq -S -c "$lean" "$tmp/table.json")"

finish
