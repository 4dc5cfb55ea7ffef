#!/usr/bin/env bash
# setup.sh: from a fresh Debian 12 machine to a first result. Installs
# what is needed, builds azdiskcrypt into build/, and runs it on the
# sample estate that ships in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

echo
echo "== azdiskcrypt check examples/estate/*.json"
echo "   (a sample estate: every scenario once, and some mistakes on purpose)"
echo
status=0
build/azdiskcrypt check examples/estate/*.json || status=$?
echo
# Exit status 1 means findings at or above --fail-on (errors by default):
# the sample has some on purpose. Anything else is a real failure.
case $status in
0 | 1) echo "== done: the program is build/azdiskcrypt; try 'build/azdiskcrypt --help'" ;;
*) exit "$status" ;;
esac
