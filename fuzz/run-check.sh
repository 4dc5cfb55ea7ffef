#!/usr/bin/env bash
# run-check.sh BUILD_DIR [SECONDS]: fuzz the check pipeline (fuzz_check.c).
# The seed corpus is made at run time from the Azure fixtures
# ($ADC_FIXTURES, default ../shared/fixtures beside the checkout), the
# sample estate and the estate shapes of the tests: each input once whole
# (first byte 0x00) and once split in half and merged (0xc0); the sample
# estate's files also as one stream, so that its resources link. Crashes
# land in BUILD_DIR/fuzz-check-crashes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-check.sh BUILD_DIR [SECONDS]}
seconds=${2:-600}
fixtures=${ADC_FIXTURES:-$here/../../shared/fixtures}

[ -x "$build/fuzz/fuzz_check" ] || {
	echo "run-check.sh: build fuzz_check first (see fuzz/CMakeLists.txt)" >&2
	exit 2
}
[ -d "$fixtures/azure" ] || { echo "run-check.sh: no $fixtures/azure" >&2; exit 2; }

corpus=$build/fuzz-check-corpus
crashes=$build/fuzz-check-crashes
mkdir -p "$corpus" "$crashes"
n=0
seed() {
	n=$((n + 1))
	{ printf '\000'; cat "$@"; } >"$corpus/seed-$n.0"
	{ printf '\300'; cat "$@"; } >"$corpus/seed-$n.1"
}
while IFS= read -r -d '' f; do
	seed "$f"
done < <(find "$fixtures/azure" "$here/../tests/data/estate-shapes" \
	"$here/../examples/estate" -name '*.json' -print0 | sort -z)
seed "$here"/../examples/estate/*.json
seed "$here"/../tests/data/estate-shapes/az-*.json
seed "$here"/../tests/data/estate-shapes/rest-*.json

# One job only: the fuzzer shares the machine.
"$build/fuzz/fuzz_check" -dict="$here/check.dict" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$crashes/" -print_final_stats=1 "$corpus"
