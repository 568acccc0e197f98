#!/usr/bin/env bash
# The one command that proves the tree is healthy (README: "run all tests").
#
#   scripts/test.sh
#
# Formatting, clippy, every test of every crate (store and web tests on SQLite and on a
# throw-away PostgreSQL that scripts/with-postgres.sh starts and removes), doctests, the
# browser tests of `kantel serve` (scripts/e2e.sh: Debian's Chromium driven by npm's
# playwright-core), and the demo. Installs what it needs (PostgreSQL server binaries and
# Chromium from Debian, the pinned npm packages) idempotently.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

step "tools"
# The PDF test prints the report with Debian's Chromium (no browser downloads).
if ! command -v chromium >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    else
        echo "the PDF test needs Chromium: run as root once, or: sudo apt-get install chromium" >&2
        exit 1
    fi
fi

step "format"
cargo fmt --all --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests (SQLite and PostgreSQL)"
bash scripts/with-postgres.sh cargo test --workspace --locked

step "browser tests (kantel serve in Chromium)"
bash scripts/e2e.sh

step "demo"
demo_dir=$(mktemp -d)
trap 'rm -rf "$demo_dir"' EXIT
cargo run --quiet --locked -p kantel-cli -- demo --dir "$demo_dir/kantel-demo"
test -s "$demo_dir/kantel-demo/rapport.html"

step "all tests passed"
