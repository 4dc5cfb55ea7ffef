#!/usr/bin/env bash
# install-sarif-validator.sh: Microsoft's SARIF Multitool from npm, into
# node_modules/ of the checkout. npm does not run the package's install
# script, so its Linux binary needs the execute bit set here.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/@microsoft/sarif-multitool ]; then
	npm install --no-save --no-audit --no-fund @microsoft/sarif-multitool \
		>/dev/null
fi
find node_modules/@microsoft -path '*linux*' -name 'Sarif.Multitool' \
	-type f -exec chmod u+x {} +
