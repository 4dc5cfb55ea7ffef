#!/usr/bin/env bash
# sarif-validate.sh FILE...: check SARIF files with Microsoft's SARIF
# Multitool, the validator code-scanning services build on. Exits 0 only
# when every file was read and the validator reported no error; prints
# what it found otherwise. A missing validator is a failure, never a skip:
# scripts/install-sarif-validator.sh installs it.
#
# The Multitool exits 0 even when a file breaks the schema; its findings
# are results in the SARIF log it writes with -o, so that log decides.
set -u
root=${ADC_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
tool=$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -x "$tool" ]; then
	echo "sarif-validate: no SARIF Multitool at $tool;" \
		"run scripts/install-sarif-validator.sh" >&2
	exit 1
fi
if ! command -v jq >/dev/null 2>&1; then
	echo "sarif-validate: jq is needed to read the validator's log" >&2
	exit 1
fi
if [ $# -eq 0 ]; then
	echo "usage: sarif-validate.sh FILE..." >&2
	exit 2
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
status=0
for f in "$@"; do
	# The Multitool runs on .NET, which wants a writable home; the log
	# goes to a fresh name so a stale one is never read.
	out=$log/$(basename "$f").log.sarif
	if ! HOME=${HOME:-$log} DOTNET_CLI_TELEMETRY_OPTOUT=1 "$tool" validate \
		--output "$out" "$f" >"$log/stdout" 2>&1; then
		echo "sarif-validate: the validator failed on $f:" >&2
		cat "$log/stdout" >&2
		status=1
		continue
	fi
	if [ ! -s "$out" ]; then
		echo "sarif-validate: the validator wrote no log for $f" >&2
		status=1
		continue
	fi
	errors=$(jq '[.runs[].results[]? | select(.level == "error")] | length' \
		"$out")
	if [ "$errors" != "0" ]; then
		echo "sarif-validate: $f: $errors error(s):" >&2
		grep -F ': error ' "$log/stdout" >&2
		status=1
	fi
	# The project has no public home page for informationUri (SARIF2005);
	# any other warning is worth seeing.
	grep -F ': warning ' "$log/stdout" | grep -vF 'SARIF2005' >&2
done
exit $status
