#!/usr/bin/env bash
# run-json.sh BUILD_DIR [SECONDS]: fuzz the JSON reader. The seed corpus
# is made at run time from JSONTestSuite ($ADC_FIXTURES, default
# ../shared/fixtures beside the checkout): each file once with options
# byte 0x00 (defaults, 1-byte window) and once with 0x3d (small limits,
# duplicates, 64-byte window). Crashes land in BUILD_DIR/fuzz-json-crashes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-json.sh BUILD_DIR [SECONDS]}
seconds=${2:-600}
fixtures=${ADC_FIXTURES:-$here/../../shared/fixtures}
suite=$fixtures/json-test-suite/test_parsing

[ -x "$build/fuzz/fuzz_json" ] || {
	echo "run-json.sh: build fuzz_json first (see fuzz/CMakeLists.txt)" >&2
	exit 2
}
[ -d "$suite" ] || { echo "run-json.sh: no $suite" >&2; exit 2; }

corpus=$build/fuzz-json-corpus
crashes=$build/fuzz-json-crashes
mkdir -p "$corpus" "$crashes"
for f in "$suite"/*.json; do
	name=$(basename "$f" .json)
	{ printf '\000'; cat "$f"; } >"$corpus/$name.0"
	{ printf '\075'; cat "$f"; } >"$corpus/$name.1"
done

# One job only: the fuzzer shares the machine.
"$build/fuzz/fuzz_json" -dict="$here/json.dict" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$crashes/" -print_final_stats=1 "$corpus"
