#!/usr/bin/env bash
# install-sarif-validator.sh: Microsoft's SARIF Multitool from npm, into
# node_modules/ of the checkout. npm does not run the package's install
# script, so its Linux binary needs the execute bit set here.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Linux binary comes in an optional dependency of the wrapper
# package; look for the binary itself, so a half-done install is redone.
tool=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -f "$tool" ]; then
	# --prefix keeps npm from installing into a parent directory that
	# happens to hold a package.json or a node_modules/ of its own.
	npm install --prefix "$PWD" --no-save --no-audit --no-fund \
		@microsoft/sarif-multitool >/dev/null
fi
if [ ! -f "$tool" ]; then
	echo "install-sarif-validator: npm did not install $tool" >&2
	exit 1
fi
chmod u+x "$tool"
