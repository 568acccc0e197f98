#!/usr/bin/env bash
# Durability test: SIGKILL the server in the middle of the load, restart it, and check that
# no acknowledged answer was lost.
#
#   scripts/kill-test.sh [--runs 3] [--postgres] [--concurrency 200] [--duration 12s]
#                        [--links 2000] [--rate SAVES_PER_S] [--no-build] [--keep]
#
# Setup as scripts/load-test.sh (release build, a temporary copy of testdata/study-12, personal
# links, `kantel serve --listen 127.0.0.1:0`). Each run: start the server, start
# `kantel-load run`, SIGKILL the server 3-7 s later (while saves are in flight), start it
# again at once on the same port (the load reconnects and goes on), let the load finish,
# stop the server and run `kantel-load verify`: for every respondent and item with an
# acknowledged save, the database must hold the last acknowledged value (or a later one
# whose answer never came because the server died). Runs share the database; each run's
# journal is checked right after it.
#
# Exit status: 0 when every run lost nothing, 1 when an acknowledged save was lost or a run
# did not hit saves in flight, 2 for setup failures.
set -euo pipefail

# shellcheck source=scripts/load-test.sh
source "$(dirname "${BASH_SOURCE[0]}")/load-test.sh"

DURATION=12s
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

build
setup
failures=0
for run in $(seq 1 "$RUNS"); do
    start_server || exit 2
    port=${SERVER_URL##*:}
    load_args
    "$KANTEL_LOAD" run "${LOAD_ARGS[@]}" --journal "$WORK/journal-$run.csv" \
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
    # The same port, so the load's respondents reconnect; a few tries while the kernel
    # releases it.
    restarted=0
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        if start_server "127.0.0.1:$port" 2>/dev/null; then
            restarted=1
            break
        fi
        stop_server
        sleep 0.2
    done
    if [[ $restarted -eq 0 ]]; then
        echo "kill-test: run $run: could not restart on port $port; restarting on a new port" >&2
        start_server || exit 2
    fi
    load_status=0
    wait "$LOAD_PID" || load_status=$?
    LOAD_PID=
    stop_server
    echo "== kill-test run $run: SIGKILL of server pid $killed_pid after ${pause}s (peak memory ${peak} KiB), restarted: $([[ $restarted -eq 1 ]] && echo "same port" || echo "new port")"
    cat "$WORK/load-$run.txt"
    in_flight=$(jq -r '.unknown' "$WORK/summary-$run.json" 2>/dev/null || echo 0)
    acked=$(jq -r '.acked' "$WORK/summary-$run.json" 2>/dev/null || echo 0)
    if [[ $load_status -ne 0 || $acked -eq 0 ]]; then
        echo "kill-test: run $run: the load failed (status $load_status)" >&2
        failures=$((failures + 1))
        continue
    fi
    if [[ $in_flight -eq 0 ]]; then
        echo "kill-test: run $run: no save was in flight at the kill; the run proves nothing" >&2
        failures=$((failures + 1))
    fi
    if ! "$KANTEL_LOAD" verify --journal "$WORK/journal-$run.csv" "${VERIFY_ARGS[@]}"; then
        failures=$((failures + 1))
    fi
done
if [[ $failures -eq 0 ]]; then
    echo "kill-test: $RUNS runs, no acknowledged save lost"
    exit 0
fi
echo "kill-test: $failures of $RUNS runs failed" >&2
exit 1
