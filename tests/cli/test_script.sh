#!/usr/bin/env bash
# shellcheck disable=SC2016 # hostile names are single-quoted on purpose
# test_script.sh: azdiskcrypt script. Every catalogue entry and some
# combinations give scripts that pass bash -n and shellcheck; run with a
# recording az, each scenario's az vm create / az disk create carries the
# flags of PRODUCT.md's catalogue table, prerequisites come first and in
# order, hostile names are quoted byte for byte or refused, a second run
# creates nothing, and the teardown removes in reverse order.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"
# shellcheck source=tests/cli/script_lib.sh
. "$ADC_SOURCE_DIR/tests/cli/script_lib.sh"

make_recorder "$tmp"

if command -v shellcheck >/dev/null; then
	ok "shellcheck is installed"
else
	not_ok "shellcheck is installed" "the lint checks below fail without it"
fi

# lint NAME ARGS...: the script for ARGS passes bash -n and shellcheck.
lint() {
	local name=$1 out
	shift
	if ! "$ADC" script "$@" >"$tmp/$name.sh" 2>"$tmp/err"; then
		not_ok "$name: written" "$(cat "$tmp/err")"
		return
	fi
	check "$name: bash -n" bash -n "$tmp/$name.sh"
	if out=$(shellcheck "$tmp/$name.sh" 2>&1); then
		ok "$name: shellcheck finds nothing"
	else
		not_ok "$name: shellcheck finds nothing" "$out"
	fi
}

ids="VM01 VM02 VM03 VM04 VM05 VM06 VM07 VM08 VM09 VM10 disk01 disk02 disk03"
for id in $ids; do
	lint "$id" "$id"
	lint "$id-teardown" --teardown "$id"
done
lint vm08-disk03 VM08 disk03
lint vm02-disks VM02 disk01 disk02 disk03
lint all --all
lint all-teardown --teardown --all
lint all-purge --teardown --purge --all
lint suffix --suffix abc123 VM07 disk02
lint suffix-teardown --teardown --suffix abc123 VM07 disk02
lint windows --os windows --image Win2022AzureEditionCore VM04 VM10
lint options --location northeurope --resource-group 'R(x)_y.z' \
	--prefix t1 --size Standard_DC4as_v5 VM09

# build ARGS...: record the build script of ARGS; its calls in $tmp/calls.
build() {
	"$ADC" script "$@" >"$tmp/b.sh" 2>"$tmp/err" &&
	    record "$tmp" "$tmp/b.sh" && calls "$tmp" >"$tmp/calls"
}

# line SELECT: the first recorded call containing SELECT.
line() {
	grep -F -m1 -- "$1" "$tmp/calls"
}

# flags ID SELECT SPEC...: in the call SELECT of ID's build, each
# "+TEXT" is present and each "-TEXT" absent.
flags() {
	local id=$1 select=$2 l spec
	shift 2
	if ! build "$id"; then
		not_ok "$id: build runs with a recording az" "$(cat "$tmp/err" "$tmp/run.err")"
		return
	fi
	l=$(line "$select")
	for spec in "$@"; do
		case $spec in
		+*) case $l in
		    *"${spec#+}"*) ok "$id: $select has${spec#+}" ;;
		    *) not_ok "$id: $select has${spec#+}" "$l" ;;
		    esac ;;
		-*) case $l in
		    *"${spec#-}"*) not_ok "$id: $select lacks${spec#-}" "$l" ;;
		    *) ok "$id: $select lacks${spec#-}" ;;
		    esac ;;
		esac
	done
}

# The catalogue table of PRODUCT.md, flag by flag.
cvm=" --size Standard_DC2as_v5 "
cvm_image=" --image Canonical:0001-com-ubuntu-confidential-vm-jammy:22_04-lts-cvm:latest "
cvm_flags=" --security-type ConfidentialVM --enable-vtpm true --enable-secure-boot true "
flags VM01 " vm create " "- --encryption-at-host" "- --os-disk-encryption-set" \
	"- --security-type" "- --os-disk-security-encryption-type" \
	"- --data-disk" "- --enable-vtpm" "- --os-disk-secure-vm"
flags VM02 " vm create " "+ --os-disk-encryption-set " "- --encryption-at-host" \
	"- --security-type" "- --data-disk"
flags VM03 " vm create " "+ --encryption-at-host true " \
	"- --os-disk-encryption-set" "- --security-type"
flags VM04 " vm create " "+ --encryption-at-host true " \
	"+ --os-disk-encryption-set " "- --security-type"
flags VM05 " vm create " "+$cvm" "+$cvm_image" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type VMGuestStateOnly " \
	"- --os-disk-secure-vm-disk-encryption-set" \
	"- --os-disk-encryption-set" "- --encryption-at-host" "- --data-disk"
flags VM06 " vm create " "+$cvm" "+$cvm_image" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type DiskWithVMGuestState " \
	"- --os-disk-secure-vm-disk-encryption-set" "- --encryption-at-host"
flags VM07 " vm create " "+$cvm" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type DiskWithVMGuestState " \
	"+ --os-disk-secure-vm-disk-encryption-set " \
	"- --os-disk-encryption-set" "- --data-disk" "- --encryption-at-host"
flags VM08 " vm create " "+$cvm" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type DiskWithVMGuestState " \
	"+ --os-disk-secure-vm-disk-encryption-set " \
	"+ --data-disk-sizes-gb 32 --data-disk-encryption-sets " \
	"- --encryption-at-host"
flags VM09 " vm create " "+$cvm" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type DiskWithVMGuestState " \
	"+ --os-disk-secure-vm-disk-encryption-set " \
	"+ --encryption-at-host true " "- --data-disk"
flags VM10 " vm create " "+$cvm" "+$cvm_flags" \
	"+ --os-disk-security-encryption-type DiskWithVMGuestState " \
	"+ --os-disk-secure-vm-disk-encryption-set " \
	"+ --data-disk-sizes-gb 32 --data-disk-encryption-sets " \
	"+ --encryption-at-host true "
flags disk01 " disk create " "+ --size-gb 32 " "- --disk-encryption-set"
flags disk02 " disk create " "+ --size-gb 32 " "+ --disk-encryption-set "
flags disk03 " disk create " "+ --size-gb 32 " "+ --disk-encryption-set "

# des_types ID TYPE...: the DES ID's build creates, in order, with
# auto-rotation on each SSE DES and off each confidential one [CVMROT].
des_types() {
	local id=$1 got want
	shift
	build "$id"
	got=$(grep -F " disk-encryption-set create " "$tmp/calls" |
	    sed 's/.* --encryption-type \([A-Za-z]*\) .*/\1/' | tr '\n' ' ')
	want="$* "
	[ "$#" -eq 0 ] && want=""
	if [ "$got" = "$want" ]; then
		ok "$id: DES types $*"
	else
		not_ok "$id: DES types $*" "got '$got'"
	fi
	if grep -F " disk-encryption-set create " "$tmp/calls" |
	    grep -F "ConfidentialVmEncryptedWithCustomerKey" |
	    grep -qF -- "--enable-auto-key-rotation"; then
		not_ok "$id: no auto-rotation on a confidential DES"
	else
		ok "$id: no auto-rotation on a confidential DES"
	fi
	if grep -F " disk-encryption-set create " "$tmp/calls" |
	    grep -F "EncryptionAtRest" |
	    grep -vqF -- "--enable-auto-key-rotation true"; then
		not_ok "$id: auto-rotation on every SSE DES"
	else
		ok "$id: auto-rotation on every SSE DES"
	fi
}
des_types VM01
des_types VM02 EncryptionAtRestWithCustomerKey
des_types VM03
des_types VM04 EncryptionAtRestWithCustomerKey
des_types VM05
des_types VM06
des_types VM07 ConfidentialVmEncryptedWithCustomerKey
des_types VM08 ConfidentialVmEncryptedWithCustomerKey EncryptionAtRestWithCustomerKey
des_types VM09 ConfidentialVmEncryptedWithCustomerKey
des_types VM10 ConfidentialVmEncryptedWithCustomerKey EncryptionAtRestWithCustomerKey
des_types disk01
des_types disk02 EncryptionAtRestWithCustomerKey
des_types disk03 EncryptionAtRestWithPlatformAndCustomerKeys

# first_at TEXT: the line number of the first call containing TEXT, or
# 99999 when there is none.
first_at() {
	local n
	n=$(grep -nF -m1 -- "$1" "$tmp/calls" | cut -d: -f1)
	echo "${n:-99999}"
}

# before DESC A B: the first call with A comes before the first with B,
# and both exist.
before() {
	local a b
	a=$(first_at "$2")
	b=$(first_at "$3")
	if [ "$a" -lt "$b" ] && [ "$b" -ne 99999 ]; then
		ok "$1"
	else
		not_ok "$1" "'$2' at $a, '$3' at $b"
	fi
}

# count TEXT: how many calls contain TEXT.
count() {
	grep -cF -- "$1" "$tmp/calls"
}

build VM10 disk03
check "VM10 disk03: the build runs to the end" grep -q "done: resource group" "$tmp/run.err"
before "feature registered before the provider" " feature register " " provider register "
before "provider registered before the group" " provider register " " group create "
before "group before the vaults" " group create " " keyvault create "
before "Crypto Officer before the first key" "Key Vault Crypto Officer" " keyvault key create "
before "keys before the DES" " keyvault key create " " disk-encryption-set create "
before "Release User before the VM" "Key Vault Crypto Service Release User" " vm create "
before "DES role before the VM" "Key Vault Crypto Service Encryption User" " vm create "
before "VM before its disk" " vm create " " disk create "
before "disk before attaching it" " disk create " " vm disk attach "
check "a standard vault for SSE keys" grep -qF " keyvault create -g adc-rg -n adc-kv-" "$tmp/calls"
check "purge protection on every vault" test "$(count " keyvault create ")" -eq "$(count " --enable-purge-protection true ")"
check "RBAC on every vault" test "$(count " keyvault create ")" -eq "$(count " --enable-rbac-authorization true ")"
check "a Premium vault for the confidential key" grep -qF " --sku premium " "$tmp/calls"
check "the confidential key is an exportable HSM key with the CVM policy" \
	grep -qF " --kty RSA-HSM --size 3072 --exportable true --default-cvm-policy " "$tmp/calls"
check "SSE keys are RSA 3072" grep -qF " --kty RSA --size 3072 " "$tmp/calls"
check "the orchestrator is looked up by its app id" \
	grep -qF " ad sp show --id bf7b6499-ff71-4aa2-97a4-f372087be7f0 " "$tmp/calls"
check "three DES: OS, data, disk03" test "$(count " disk-encryption-set create ")" -eq 3
check "three keys, one per DES" test "$(count " keyvault key create ")" -eq 3
check "disk03 is attached to VM10" grep -qF " vm disk attach -g adc-rg --vm-name adc-vm10 --name adc-vm10-disk03 " "$tmp/calls"

build VM01 disk01
check "VM01 disk01: no feature registration" test "$(count " feature ")" -eq 0
check "VM01 disk01: no vault" test "$(count " keyvault ")" -eq 0
check "VM01 disk01: no role assignment" test "$(count " role assignment ")" -eq 0
build VM02
check "VM02: no Premium vault" test "$(count " --sku premium ")" -eq 0
check "VM02: no orchestrator" test "$(count " ad sp ")" -eq 0
build VM03
check "VM03: the feature is registered" test "$(count " feature register --namespace Microsoft.Compute --name EncryptionAtHost ")" -eq 1

build --all
check "--all: ten VMs" test "$(count " vm create ")" -eq 10
check "--all: three disks" test "$(count " disk create ")" -eq 3
check "--all: no disk is attached" test "$(count " vm disk attach ")" -eq 0
check "--all: one DES per customer key (VM02 VM04 VM07-VM10 OS, VM08 VM10 data, disk02 disk03)" \
	test "$(count " disk-encryption-set create ")" -eq 10

# A second run over what exists creates nothing.
"$ADC" script --all >"$tmp/all.sh"
record "$tmp" "$tmp/all.sh" AZ_EXISTS=1
calls "$tmp" >"$tmp/calls"
check "re-run: exits 0" grep -q "done: resource group" "$tmp/run.err"
check "re-run: nothing is created" test "$(grep -F " create " "$tmp/calls" | grep -vcF " role assignment create ")" -eq 0
record "$tmp" "$tmp/all.sh" AZ_EXISTS=1 AZ_ROLE_EXISTS=1
check "re-run: existing role assignments are fine" grep -q "done: resource group" "$tmp/run.err"

# Settings come from the environment when set.
"$ADC" script VM02 >"$tmp/b.sh"
record "$tmp" "$tmp/b.sh" RG=other-rg SUFFIX=fixed1 LOCATION=eastus
calls "$tmp" >"$tmp/calls"
check "RG from the environment" grep -qF " group create -n other-rg -l eastus " "$tmp/calls"
check "SUFFIX from the environment" grep -qF " -n adc-kv-fixed1 " "$tmp/calls"
check "the script prints the vault names" grep -q "key vaults: adc-kv-fixed1" "$tmp/run.err"
check "vaults are tagged with the prefix" grep -qF " --tags azdiskcrypt=adc " "$tmp/calls"
record "$tmp" "$tmp/b.sh"
calls "$tmp" >"$tmp/calls"
suffix=$(sed -n 's/.* -n adc-kv-\([0-9a-f]*\) .*/\1/p' "$tmp/calls" | head -1)
check "a random six-digit suffix per run" test "${#suffix}" -eq 6
record "$tmp" "$tmp/b.sh"
calls "$tmp" >"$tmp/calls"
check "another suffix on the next run" test "$(grep -c "adc-kv-$suffix " "$tmp/calls")" -eq 0
record "$tmp" "$tmp/b.sh" AZ_EXISTS=1 AZ_VAULT_SUFFIX=e4rl1r
calls "$tmp" >"$tmp/calls"
check "a re-run finds the suffix of the tagged vaults" grep -qF " keyvault show -g adc-rg -n adc-kv-e4rl1r " "$tmp/calls"

# Hostile values: quoted byte for byte, or refused with the rule.
rg=$(printf 'R(\303\251s)_x.y-z')
image=$(printf 'it'"'"'s $(touch %s/pwned) `touch %s/pwned2` ${HOME} "q" \\ \303\251 \360\237\224\221' "$tmp" "$tmp")
location="west europe'\$(id)"
lint hostile --resource-group "$rg" --image "$image" --location "$location" VM04 disk02
"$ADC" script --resource-group "$rg" --image "$image" --location "$location" VM04 >"$tmp/h.sh"
check "hostile values: written" test -s "$tmp/h.sh"
record "$tmp" "$tmp/h.sh"
check "hostile values: the script runs" grep -q "done: resource group" "$tmp/run.err"
check "no command substitution ran" test ! -e "$tmp/pwned" -a ! -e "$tmp/pwned2"
for f in "$tmp"/log/[0-9]*; do
	case $(tr '\0' ' ' <"$f") in
	"vm create "*) vmcall=$f ;;
	"group create "*) rgcall=$f ;;
	esac
done
check "resource group arrives byte for byte" test "$(arg_after "$vmcall" -g)" = "$rg"
check "image arrives byte for byte" test "$(arg_after "$vmcall" --image)" = "$image"
check "location arrives byte for byte" test "$(arg_after "$rgcall" -l)" = "$location"

run_status 2 "prefix with \$() refused" script --prefix 'a$(id)' VM01
contains "$tmp/err" "--prefix 'a\$(id)' breaks the rule" "the message names the prefix rule"
run_status 2 "prefix with a quote refused" script --prefix "a'b" VM01
run_status 2 "prefix with backquotes refused" script --prefix 'a`id`' VM01
run_status 2 "non-ASCII prefix refused" script --prefix "$(printf 'caf\303\251')" VM01
contains "$tmp/err" "letters, digits or hyphens" "the message states the rule"
run_status 2 "resource group with a quote refused" script --resource-group "a'b" VM01
contains "$tmp/err" "resource group name" "the message names the resource group rule"
run_status 2 "resource group with \$() refused" script --resource-group 'rg$(id)' VM01
run_status 2 "resource group with a newline refused" script --resource-group "$(printf 'a\nb')" VM01
contains "$tmp/err" "control character" "the message says control character"
contains "$tmp/err" '\x0a' "the newline is shown escaped"
run_status 2 "image with a newline refused" script --image "$(printf 'x\ny')" VM01
run_status 2 "location with an escape refused" script --location "$(printf 'a\033[2Jb')" VM01
run_status 2 "image with invalid UTF-8 refused" script --image "$(printf 'caf\351')" VM01
run_status 2 "a long prefix with a suffix breaks the vault name" script --prefix abcdefghijklm --suffix 0123456789 VM02
contains "$tmp/err" "key vault name" "the message names the key vault rule"
check "nothing on stdout when refused" test ! -s "$tmp/out"
"$ADC" script --prefix 'bad$' -o "$tmp/never.sh" VM01 2>/dev/null
check "-o FILE is not created when refused" test ! -e "$tmp/never.sh"

# Usage.
run_status 2 "no ids" script
run_status 2 "unknown id" script VM11
contains "$tmp/err" "VM11" "the message names the id"
run_status 2 "--all with ids" script --all VM01
run_status 2 "--purge without --teardown" script --purge VM01
run_status 2 "--os other" script --os bsd VM01
run_status 2 "--os windows without --image" script --os windows VM01
run_status 2 "the same VM twice" script VM04 vm04
run_status 0 "--help" script --help
contains "$tmp/out" "--teardown" "help lists --teardown"
run_status 0 "-o FILE" script -o "$tmp/o.sh" VM01
check "-o FILE holds the script" grep -q "^set -euo pipefail" "$tmp/o.sh"
run_status 0 "ids without case" script vm07 DISK02
contains "$tmp/out" "azdiskcrypt script VM07 disk02" "the header names the ids"
contains "$tmp/out" "Generated by azdiskcrypt " "the header names the tool"
lacks "$tmp/out" "$(date -u +%Y-%m-%d)" "no timestamp"

# Windows takes its password from the environment, never the script.
"$ADC" script --os windows --image Win2022AzureEditionCore VM04 >"$tmp/w.sh"
record "$tmp" "$tmp/w.sh"
check "Windows: refuses to run without ADMIN_PASSWORD" grep -q "ADMIN_PASSWORD" "$tmp/run.err"
record "$tmp" "$tmp/w.sh" ADMIN_PASSWORD=sekret-Pa55
calls "$tmp" >"$tmp/calls"
check "Windows: the password comes from ADMIN_PASSWORD" grep -qF " --admin-password sekret-Pa55 " "$tmp/calls"
lacks "$tmp/calls" " --generate-ssh-keys " "Windows: no SSH keys"
lacks "$tmp/w.sh" "sekret" "the password is not in the script"

# Teardown: reverse order, vault kept unless --purge.
"$ADC" script --teardown VM10 disk03 >"$tmp/t.sh"
record "$tmp" "$tmp/t.sh" AZ_EXISTS=1 AZ_VAULT_SUFFIX=
calls "$tmp" >"$tmp/calls"
check "teardown: no tagged vault, none deleted" test "$(count " keyvault delete ")" -eq 0
check "teardown: and it says so" grep -q "no key vault tagged azdiskcrypt=adc" "$tmp/run.err"
record "$tmp" "$tmp/t.sh" AZ_EXISTS=1
calls "$tmp" >"$tmp/calls"
before "teardown: VM before the DES" " vm delete " " disk-encryption-set delete "
before "teardown: the VM's disks before the DES" " disk delete " " disk-encryption-set delete "
before "teardown: DES before the vaults" " disk-encryption-set delete " " keyvault delete "
before "teardown: vaults before the group" " keyvault delete " " group delete "
check "teardown: both vaults deleted" test "$(count " keyvault delete ")" -eq 2
check "teardown: the suffixed vault" grep -qF " keyvault delete -g adc-rg -n adc-ckv-abc123 " "$tmp/calls"
check "teardown: no purge without --purge" test "$(count " keyvault purge ")" -eq 0
check "teardown: three DES deleted" test "$(count " disk-encryption-set delete ")" -eq 3
contains "$tmp/t.sh" "Left behind" "teardown says what it leaves behind"
record "$tmp" "$tmp/t.sh" AZ_EXISTS=1 AZ_TAG=
calls "$tmp" >"$tmp/calls"
check "teardown: a group it did not make is kept" test "$(count " group delete ")" -eq 0
check "teardown: and it says so" grep -q "not made by the build script" "$tmp/run.err"

"$ADC" script --teardown --purge --suffix abc123 VM07 >"$tmp/t.sh"
record "$tmp" "$tmp/t.sh" AZ_EXISTS=1 AZ_PURGE_FAIL=1
calls "$tmp" >"$tmp/calls"
before "purge: after the delete" " keyvault delete " " keyvault purge "
check "purge: the script goes on when purge protection refuses" grep -q "deleting resource group" "$tmp/run.err"
check "purge: and says why" grep -q "purge protection keeps it until its retention ends" "$tmp/run.err"

finish
