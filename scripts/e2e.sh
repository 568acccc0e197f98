#!/usr/bin/env bash
# End-to-end tests of `kantel serve` in Debian's Chromium, driven by playwright-core.
#
#   scripts/e2e.sh                 # everything
#   scripts/e2e.sh tests/contact.test.js   # one file (paths relative to e2e/)
#
# Installs what it needs idempotently: Debian's chromium (only when /usr/bin/chromium is
# missing) and the pinned npm packages (npm ci). Never downloads a browser: the tests launch
# /usr/bin/chromium. Builds the kantel binary, then runs `node --test` in e2e/.
# Screenshots of every page visited go to e2e/screenshots/ (emptied first).
# KANTEL_BIN overrides the binary (default target/debug/kantel, which this script builds);
# KANTEL_E2E_KEEP=1 keeps each test's temporary study directory.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "e2e: needs root or sudo to run: $*" >&2
        exit 1
    fi
}

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if [[ ! -x /usr/bin/chromium ]]; then
    echo "e2e: installing Debian's chromium"
    apt_install chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "e2e: installing Node.js and npm from Debian"
    apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
    echo "e2e: Node.js $(node --version) is too old: playwright-core needs Node.js 20 or newer" >&2
    exit 1
fi

# npm ci wipes and reinstalls node_modules; skip it when the lock file has not changed since
# the last install (npm keeps its own copy in node_modules/.package-lock.json).
if ! cmp -s e2e/package-lock.json e2e/node_modules/.e2e-installed-lock 2>/dev/null; then
    (cd e2e && npm ci --no-audit --no-fund --ignore-scripts)
    cp e2e/package-lock.json e2e/node_modules/.e2e-installed-lock
fi

if [[ -z "${KANTEL_BIN:-}" ]]; then
    cargo build --locked -p kantel-cli
    # Where cargo put it (CARGO_TARGET_DIR may point elsewhere, as in CI).
    export KANTEL_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/kantel"
fi

rm -rf e2e/screenshots
mkdir -p e2e/screenshots

cd e2e
if (( $# == 0 )); then
    set -- tests/*.test.js
fi
# One file at a time: each starts its own server and browser, and the machine has 2 cores.
# A hung page or server fails its test after two minutes instead of hanging the run.
node --test --test-concurrency=1 --test-timeout=120000 "$@"
echo "e2e: screenshots in e2e/screenshots/"
