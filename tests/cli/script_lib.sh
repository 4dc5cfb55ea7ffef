# shellcheck shell=bash
# script_lib.sh: helpers for the tests of generated scripts. A fake az
# records the argv of every call (NUL-separated, one file per call, in
# call order) and answers the queries the scripts make, so a script runs
# start to end without Azure. Source it after lib.sh.
#
# The fake az reads:
#   AZ_LOG          where the calls go (required)
#   AZ_EXISTS=1     every show finds its resource (a re-run, a teardown)
#   AZ_ROLE_EXISTS=1  role assignments fail as "already exists"
#   AZ_PURGE_FAIL=1 keyvault purge fails, as purge protection makes it
#   AZ_TAG          what the resource group's azdiskcrypt tag holds
#                   (default: script)
#   AZ_VAULT_SUFFIX with AZ_EXISTS, the suffix of the vaults an earlier
#                   run tagged (default: abc123; empty: none found)

make_recorder() {
	mkdir -p "$1/bin"
	cat >"$1/bin/az" <<'RECORDER'
#!/usr/bin/env bash
set -u
n=$(($(cat "$AZ_LOG/count" 2>/dev/null || echo 0) + 1))
echo "$n" >"$AZ_LOG/count"
printf '%s\0' "$@" >"$AZ_LOG/$(printf %04d "$n")"

query=
prev=
for arg in "$@"; do
	if [ "$prev" = --query ]; then
		query=$arg
	fi
	prev=$arg
done
words=" ${1:-} ${2:-} ${3:-} "

case $words in
*" feature show "*)
	# Not registered at first, so the registration path is recorded.
	if [ -e "$AZ_LOG/registered" ]; then
		echo Registered
	else
		: >"$AZ_LOG/registered"
		echo NotRegistered
	fi
	exit 0 ;;
*" role assignment create "*)
	if [ -n "${AZ_ROLE_EXISTS:-}" ]; then
		echo "ERROR: (RoleAssignmentExists) The role assignment already exists." >&2
		exit 1
	fi
	exit 0 ;;
*" keyvault purge "*)
	if [ -n "${AZ_PURGE_FAIL:-}" ]; then
		echo "ERROR: purge protection is enabled" >&2
		exit 1
	fi
	exit 0 ;;
esac

# Answers shaped like Azure's, so that az's own parser takes them when
# the calls are replayed against it.
sub=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/fake-rg
if [ -n "$query" ]; then
	case $words:$query in
	*:tags.azdiskcrypt) echo "${AZ_TAG-script}" ;;
	*:*tags.azdiskcrypt==*)
		if [ -n "${AZ_EXISTS:-}" ] && [ -n "${AZ_VAULT_SUFFIX-abc123}" ]; then
			echo "x-kv-${AZ_VAULT_SUFFIX-abc123}"
		else
			echo ""
		fi ;;
	*:managedBy) echo "" ;;
	*" ad "*:id | *:identity.principalId)
		printf '00000000-0000-0000-0000-%012d\n' "$n" ;;
	*:key.kid)
		echo "https://fake-$n.vault.azure.net/keys/fake/0123456789abcdef0123456789abcdef" ;;
	*" keyvault "*:id)
		echo "$sub/providers/Microsoft.KeyVault/vaults/fake-$n" ;;
	*:*managedDisk.id*)
		echo "$sub/providers/Microsoft.Compute/disks/fake-os-$n"
		echo "$sub/providers/Microsoft.Compute/disks/fake-data-$n" ;;
	*) echo "fake-$n" ;;
	esac
	exit 0
fi
case $words in
*" show "* | *" show-deleted "*)
	[ -n "${AZ_EXISTS:-}" ]
	exit ;;
esac
exit 0
RECORDER
	chmod +x "$1/bin/az"
}

# record DIR SCRIPT [VAR=VALUE...]: run SCRIPT with the fake az from
# make_recorder DIR; the calls land in DIR/log, output in DIR/run.out and
# DIR/run.err. Returns the script's status.
record() {
	local dir=$1 script=$2
	shift 2
	rm -rf "$dir/log"
	mkdir -p "$dir/log"
	env "$@" PATH="$dir/bin:$PATH" AZ_LOG="$dir/log" \
	    bash "$script" >"$dir/run.out" 2>"$dir/run.err"
}

# calls DIR: each recorded call on one line, its arguments each followed
# by one space, so " --flag value " matches whole arguments.
calls() {
	local f
	for f in "$1"/log/[0-9]*; do
		[ -e "$f" ] || continue
		printf ' '
		tr '\0' ' ' <"$f"
		echo
	done
}

# arg_after FILE FLAG: the argument after the first FLAG in one recorded
# call (FILE), byte for byte, on stdout.
arg_after() {
	local -a args
	local i
	mapfile -d '' args <"$1"
	for ((i = 0; i + 1 < ${#args[@]}; i++)); do
		if [ "${args[i]}" = "$2" ]; then
			printf '%s' "${args[i + 1]}"
			return 0
		fi
	done
	return 1
}
