#!/usr/bin/env bash
# test.sh: the whole test suite. Installs what the tests need, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and warnings as errors,
# and runs every test through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-sarif-validator.sh

build=${ADC_TEST_BUILD:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug \
	-DADC_SANITIZE=address,undefined -DADC_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
