#!/usr/bin/env bash
# Durability test: SIGKILL the server in the middle of the load, restart it, and check that
# no acknowledged answer was lost.
#
#   scripts/kill-test.sh [--runs 3] [--postgres] [--concurrency 200] [--links 2000]
#                        [--rate SAVES_PER_S] [--htmx] [--no-build] [--keep]
#
# Setup as scripts/load-test.sh (release build, a temporary copy of testdata/study-12,
# personal links, `kantel serve --listen 127.0.0.1:0`). Each run:
#   1. start the server and `kantel-load run --stop-when-down` (every respondent saving on
#      its own connection; a respondent stops when the server cannot be reached);
#   2. SIGKILL the server 3-7 s later, while saves are in flight; the load ends there, so
#      its journal ends where the server died;
#   3. start the server again (on the same port when it is free) and run `kantel-load
#      verify`: for every respondent and item with an acknowledged save, the database must
#      hold the last acknowledged value, or a later one whose answer never came because the
#      server died;
#   4. a short load against the restarted server, verified too: it goes on saving.
# Runs share the database; each journal is checked right after its run.
#
# Exit status: 0 when every run lost nothing, 1 when an acknowledged save was lost, a run
# had no save in flight at the kill, or the restarted server failed; 2 for setup failures.
set -euo pipefail

# shellcheck source=scripts/load-test.sh
source "$(dirname "${BASH_SOURCE[0]}")/load-test.sh"

# The load ends at the kill; the duration only bounds a run whose kill went wrong.
DURATION=60s
RUNS=3
parse_common_args "$@"
set -- "${EXTRA_ARGS[@]}"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS=${2:?--runs needs a number}; shift ;;
        *) die "unknown option $1 (see the top of $0)" ;;
    esac
    shift
done
[[ $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]] || die "--runs must be a positive number"

# fail RUN MESSAGE: counts a failed run.
fail() {
    echo "kill-test: run $1: $2" >&2
    failures=$((failures + 1))
}

build
setup
failures=0
for run in $(seq 1 "$RUNS"); do
    start_server || exit 2
    port=${SERVER_URL##*:}
    load_args
    "$KANTEL_LOAD" run "${LOAD_ARGS[@]}" --stop-when-down --journal "$WORK/journal-$run.csv" \
        --summary "$WORK/summary-$run.json" >"$WORK/load-$run.txt" 2>&1 &
    LOAD_PID=$!
    pause="$(( 3 + RANDOM % 4 )).$(( RANDOM % 10 ))"
    sleep "$pause"
    if ! kill -0 "$LOAD_PID" 2>/dev/null; then
        cat "$WORK/load-$run.txt" >&2
        die "run $run: the load ended before the kill"
    fi
    peak=$(server_peak_kib)
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    killed_pid=$SERVER_PID
    SERVER_PID=
    load_status=0
    wait "$LOAD_PID" || load_status=$?
    LOAD_PID=
    echo "== kill-test run $run: SIGKILL of server pid $killed_pid after ${pause}s under load (server peak memory ${peak} KiB)"
    cat "$WORK/load-$run.txt"
    # The same port when the kernel lets it go at once; else a new one.
    restarted="same port"
    if ! start_server "127.0.0.1:$port" 2>/dev/null; then
        stop_server
        restarted="new port"
        start_server || exit 2
    fi
    echo "kill-test: restarted ($restarted): $SERVER_URL"
    in_flight=$(jq -r '.unknown' "$WORK/summary-$run.json" 2>/dev/null || echo 0)
    acked=$(jq -r '.acked' "$WORK/summary-$run.json" 2>/dev/null || echo 0)
    if [[ $load_status -ne 0 || $acked -eq 0 ]]; then
        fail "$run" "the load failed (status $load_status)"
    elif [[ $in_flight -eq 0 ]]; then
        fail "$run" "no save was in flight at the kill; the run proves nothing"
    fi
    "$KANTEL_LOAD" verify --journal "$WORK/journal-$run.csv" "${VERIFY_ARGS[@]}" \
        || fail "$run" "acknowledged saves were lost"
    # The restarted server takes saves again.
    bound=$DURATION
    DURATION=3s
    load_args
    DURATION=$bound
    if "$KANTEL_LOAD" run "${LOAD_ARGS[@]}" --journal "$WORK/after-$run.csv" >"$WORK/after-$run.txt" 2>&1 \
        && "$KANTEL_LOAD" verify --journal "$WORK/after-$run.csv" "${VERIFY_ARGS[@]}" >"$WORK/after-verify-$run.txt"; then
        echo "kill-test: after the restart: $(grep 'acknowledged saves per second' "$WORK/after-$run.txt" | sed 's/^load: //'), $(sed -n 's/.*\(LOST: [0-9]*\).*/\1/p' "$WORK/after-verify-$run.txt")"
    else
        cat "$WORK/after-$run.txt" "$WORK/after-verify-$run.txt" >&2 2>/dev/null || true
        fail "$run" "the restarted server did not take saves as it should"
    fi
    stop_server
done
if [[ $failures -eq 0 ]]; then
    echo "kill-test: $RUNS runs, no acknowledged save lost"
    exit 0
fi
echo "kill-test: $failures failures in $RUNS runs" >&2
exit 1
