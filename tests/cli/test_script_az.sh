#!/usr/bin/env bash
# test_script_az.sh: every az command the generated scripts run is
# accepted by the installed Azure CLI's argument parser. The calls are
# recorded by running each script with a fake az, then replayed against
# the real one without a login: flags that parse stop at the login check
# (exit 1, "az login"); an unknown flag or a bad enum value exits 2.
#
# The Debian azure-cli package cannot load a few commands ("az keyvault
# key ...", "az vm delete"): an SDK module they need is missing
# (ModuleNotFoundError). For those commands alone the replay is replaced
# by a check of each flag against the installed command module's
# parameter table, and of --kty against the SDK's key types.
# shellcheck source=tests/cli/lib.sh
. "$ADC_SOURCE_DIR/tests/cli/lib.sh"
# shellcheck source=tests/cli/script_lib.sh
. "$ADC_SOURCE_DIR/tests/cli/script_lib.sh"

make_recorder "$tmp"
AZ=${ADC_REAL_AZ:-/usr/bin/az}
export AZURE_CONFIG_DIR="$tmp/azconfig"
export AZURE_CORE_COLLECT_TELEMETRY=no AZURE_CORE_NO_COLOR=yes
mkdir -p "$AZURE_CONFIG_DIR"

if [ -x "$AZ" ]; then
	ok "the Azure CLI is installed ($AZ)"
else
	not_ok "the Azure CLI is installed ($AZ)"
	finish
	exit 1
fi

# replay FILE: run the real az with the NUL-separated argv in FILE;
# status in FILE.rc, stderr in FILE.err. timeout: no hang on the network.
replay() {
	local -a args
	local status=0
	mapfile -d '' args <"$1"
	timeout 60 "$AZ" "${args[@]}" >/dev/null 2>"$1.err" </dev/null ||
	    status=$?
	echo "$status" >"$1.rc"
}

# First the oracle itself: a good command stops at the login, a bad flag
# and a bad enum value exit 2.
printf '%s\0' group create -n x -l westeurope >"$tmp/good"
printf '%s\0' group create -n x -l westeurope --no-such-flag >"$tmp/bad"
printf '%s\0' vm create -g x -n y --image z --encryption-at-host maybe \
    >"$tmp/badenum"
for f in good bad badenum; do
	replay "$tmp/$f"
done
check "oracle: a good command exits 1" test "$(cat "$tmp/good.rc")" -eq 1
check "oracle: and asks for az login" grep -q "az login" "$tmp/good.err"
check "oracle: an unknown flag exits 2" test "$(cat "$tmp/bad.rc")" -eq 2
check "oracle: a bad enum value exits 2" \
    test "$(cat "$tmp/badenum.rc")" -eq 2

# Record every script: each entry, the combinations, the teardowns.
mkdir -p "$tmp/calls"
n=0
gather() {
	local env_args=$1 f
	shift
	if ! "$ADC" script --prefix zq "$@" >"$tmp/s.sh" 2>"$tmp/err"; then
		not_ok "written: $*" "$(cat "$tmp/err")"
		return
	fi
	# shellcheck disable=SC2086
	if ! record "$tmp" "$tmp/s.sh" $env_args; then
		not_ok "recorded: $*" "$(cat "$tmp/run.err")"
		return
	fi
	for f in "$tmp"/log/[0-9]*; do
		n=$((n + 1))
		cp "$f" "$tmp/calls/$(printf %05d "$n")"
	done
}
for id in VM01 VM02 VM03 VM04 VM05 VM06 VM07 VM08 VM09 VM10 \
    disk01 disk02 disk03; do
	gather "" "$id"
done
gather "" VM08 disk03
gather "ADMIN_PASSWORD=x" --os windows --image Win2022AzureEditionCore VM04
gather "AZ_EXISTS=1" --teardown --purge --all
gather "AZ_EXISTS=1" --teardown --suffix abc123 VM10 disk02
check "calls recorded" test "$n" -gt 100

# One replay per command shape: names and answers of the fake az are
# masked, flags and fixed values kept.
mkdir -p "$tmp/uniq"
for f in "$tmp"/calls/*; do
	key=$(tr '\0' '\n' <"$f" |
	    sed -E 's/.*(zq|fake|00000000-0000).*/X/' | tr '\n' ' ')
	sum=$(printf '%s' "$key" | cksum | cut -d' ' -f1)
	[ -e "$tmp/uniq/$sum" ] || cp "$f" "$tmp/uniq/$sum"
done
shapes=$(find "$tmp/uniq" -type f ! -name '*.*' | wc -l)
echo "# $n calls, $shapes shapes"

# az starts slowly; two at a time keeps the run short on two cores.
export -f replay
export AZ
# shellcheck disable=SC2016 # $1 is expanded by the inner bash
find "$tmp/uniq" -type f ! -name '*.*' -print0 |
    xargs -0 -P2 -I{} bash -c 'replay "$1"' _ {}

# Where the Debian package cannot load a command, its flags are checked
# against the command module's parameter table instead: each flag is an
# option there, or one that az's core adds to such commands.
module_params() {
	/usr/bin/python3 -c 'import importlib, os, sys
m = importlib.import_module("azure.cli.command_modules." + sys.argv[1])
print(os.path.join(os.path.dirname(m.__file__), "_params.py"))' "$1"
}
ktys=$(/usr/bin/python3 -c 'from azure.keyvault.keys import KeyType
print(" ".join(k.value for k in KeyType))')

is_kty() {
	case " $ktys " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# flags_in_table FILE: each flag of the call in FILE is in its module's
# parameter table, and --kty is a key type of the SDK.
flags_in_table() {
	local -a args
	local a prev='' name params
	mapfile -d '' args <"$1"
	case ${args[0]} in
	keyvault) params=$(module_params keyvault) ;;
	vm | disk | disk-encryption-set) params=$(module_params vm) ;;
	*)
		echo "no parameter table known for az ${args[0]}"
		return 1 ;;
	esac
	for a in "${args[@]}"; do
		if [ "$prev" = --kty ] && ! is_kty "$a"; then
			echo "--kty $a is not a key type ($ktys)"
			return 1
		fi
		prev=$a
		case $a in
		--query | -o | --output | -g | --resource-group | --yes | --ids)
			continue ;;
		-*) ;;
		*) continue ;;
		esac
		name=${a#--}
		name=${name//-/_}
		if ! grep -qF -- "'$a'" "$params" &&
		    ! grep -qF -- "'$name'" "$params"; then
			echo "$a is not in $params"
			return 1
		fi
	done
}

for f in "$tmp"/uniq/*; do
	case ${f##*/} in *.*) continue ;; esac
	cmd=$(tr '\0' ' ' <"$f")
	rc=$(cat "$f.rc")
	if [ "$rc" -eq 1 ] && grep -q "az login" "$f.err"; then
		ok "az parses: $cmd"
	elif grep -q "No module named 'azure\." "$f.err"
	then
		if why=$(flags_in_table "$f"); then
			ok "az cannot load it here; its parameter table has the flags: $cmd"
		else
			not_ok "az cannot load it here; its parameter table has the flags: $cmd" "$why"
		fi
	else
		not_ok "az parses: $cmd" "exit $rc: $(head -c 400 "$f.err")"
	fi
done

finish
