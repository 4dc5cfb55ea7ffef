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
echo "== azdiskcrypt scenarios: which layer and whose key protects what"
build/azdiskcrypt scenarios
