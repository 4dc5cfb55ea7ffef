#!/usr/bin/env bash
# install-deps.sh: install what building and testing azdiskcrypt needs on
# Debian 12, with apt-get (and npm for the SARIF validator). Runs as root,
# or through sudo when it is not root. Only what is missing is installed.
set -euo pipefail

# Packages to build, and the real consumers the tests check our output
# with: azure-cli parses generated az commands, shellcheck reads generated
# scripts, npm brings Microsoft's SARIF validator.
packages=(cmake make gcc g++ clang libclang-rt-14-dev pkg-config
	shellcheck azure-cli jq python3 ca-certificates)
# A machine may carry its own Node.js with npm built in, which conflicts
# with Debian's npm package: take Debian's only when there is no npm.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	as_root apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
