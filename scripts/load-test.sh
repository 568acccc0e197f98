#!/usr/bin/env bash
# Load test of the web questionnaire: many respondents saving answers at the same time.
#
#   scripts/load-test.sh [--postgres] [--concurrency 200] [--duration 20s] [--links 2000]
#                        [--rates "2000 max"] [--htmx] [--no-build] [--keep]
#
# Builds release binaries (kantel, kantel-load), copies testdata/study-12/study.toml to a
# temporary folder, creates --links personal links spread over its municipalities and
# groups with `kantel respondents invite`, starts `kantel serve --listen 127.0.0.1:0`, and
# runs `kantel-load run` once per entry of --rates, each for --duration: every simulated
# respondent has its own keep-alive connection and saves one answer at a time through
# POST /r/TOKEN/answer. A number paces the load at that many saves per second in total
# (open loop; latency also counted from each save's scheduled time); `max` lets every
# respondent save again as soon as the previous save is answered (closed loop: the
# throughput ceiling, where latency is concurrency / throughput by Little's law). After
# each run `kantel-load verify` checks that every acknowledged save is in the database.
# Prints saves per second, latency percentiles, errors and the server's peak memory
# (VmHWM).
#
# --postgres runs against the PostgreSQL at $KANTEL_TEST_PG_URL instead of the study's
# SQLite file:  scripts/with-postgres.sh scripts/load-test.sh --postgres
# --htmx saves as the page does with JavaScript (HX-Request, the item's section; the server
# also records the page and answers with the progress fragment).
# Exit status: 0 when the run acknowledged saves and none was lost, 1 otherwise, 2 for
# setup failures.
#
# scripts/kill-test.sh sources this file for its setup functions.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
KANTEL=$TARGET_DIR/release/kantel
KANTEL_LOAD=$TARGET_DIR/release/kantel-load

CONCURRENCY=200
DURATION=20s
LINKS=2000
RATE=
RATES="2000 max"
POSTGRES=0
HTMX=0
BUILD=1
KEEP=0

die() {
    echo "load-test: $*" >&2
    exit 2
}

# parse_common_args ARGS...: the options both scripts share; sets EXTRA_ARGS to the rest.
parse_common_args() {
    EXTRA_ARGS=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --postgres) POSTGRES=1 ;;
            --concurrency) CONCURRENCY=${2:?--concurrency needs a number}; shift ;;
            --duration) DURATION=${2:?--duration needs a value like 20s}; shift ;;
            --links) LINKS=${2:?--links needs a number}; shift ;;
            --rate) RATE=${2:?--rate needs saves per second}; RATES=$RATE; shift ;;
            --rates) RATES=${2:?--rates needs a list like "2000 max"}; shift ;;
            --htmx) HTMX=1 ;;
            --no-build) BUILD=0 ;;
            --keep) KEEP=1 ;;
            *) EXTRA_ARGS+=("$1") ;;
        esac
        shift
    done
    [[ $LINKS =~ ^[0-9]+$ && $LINKS -gt 0 ]] || die "--links must be a positive number"
    [[ $CONCURRENCY =~ ^[0-9]+$ && $CONCURRENCY -gt 0 ]] || die "--concurrency must be a positive number"
    if [[ $POSTGRES -eq 1 && -z "${KANTEL_TEST_PG_URL:-}" ]]; then
        die "--postgres needs KANTEL_TEST_PG_URL (run under scripts/with-postgres.sh)"
    fi
}

build() {
    if [[ $BUILD -eq 1 ]]; then
        echo "load-test: building release binaries" >&2
        (cd "$ROOT" && cargo build --release -q -p kantel-cli -p kantel-load) >&2
    fi
    [[ -x $KANTEL && -x $KANTEL_LOAD ]] || die "missing $KANTEL or $KANTEL_LOAD (build without --no-build)"
}

SERVER_PID=
WORK=

cleanup() {
    local status=$?
    if [[ -n ${LOAD_PID:-} ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
        kill -TERM "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n $WORK && $KEEP -eq 0 ]]; then
        rm -rf "$WORK"
    elif [[ -n $WORK ]]; then
        echo "load-test: kept $WORK" >&2
    fi
    return $status
}

# db_args: DB_ARGS = the database options of kantel commands (none for the SQLite file
# next to the study), VERIFY_ARGS = where kantel-load verify finds the database.
db_args() {
    if [[ $POSTGRES -eq 1 ]]; then
        DB_ARGS=(--database "$KANTEL_TEST_PG_URL")
        VERIFY_ARGS=(--database "$KANTEL_TEST_PG_URL")
    else
        DB_ARGS=()
        VERIFY_ARGS=(--study "$WORK/study.toml")
    fi
}

# setup: temp folder with the study, LINKS personal links in $WORK/links.csv.
setup() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/kantel-load.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    cp "$ROOT/testdata/study-12/study.toml" "$WORK/study.toml"
    db_args
    local codes groups
    mapfile -t codes < <(sed -n 's/^code = "\(GM[0-9]\{4\}\)".*/\1/p' "$WORK/study.toml")
    mapfile -t groups < <(awk '/^\[\[respondent_group\]\]/{g=1;next} g&&/^id = /{gsub(/"/,"",$3);print $3;g=0}' "$WORK/study.toml")
    [[ ${#codes[@]} -gt 0 && ${#groups[@]} -gt 0 ]] || die "no municipalities or groups in the study file"
    local cells=$(( ${#codes[@]} * ${#groups[@]} ))
    local per=$(( (LINKS + cells - 1) / cells ))
    echo "load-test: inviting $LINKS respondents (${#codes[@]} municipalities x ${#groups[@]} groups, $per each)" >&2
    local left=$LINKS n=0 code group
    echo "municipality,group,respondent,link" >"$WORK/links.csv"
    for code in "${codes[@]}"; do
        for group in "${groups[@]}"; do
            (( left > 0 )) || break 2
            local count=$(( left < per ? left : per ))
            n=$((n + 1))
            # The links' host does not matter: kantel-load sends to --server.
            "$KANTEL" --lang en respondents invite --study "$WORK/study.toml" "${DB_ARGS[@]}" \
                --municipality "$code" --group "$group" --count "$count" \
                --base-url http://127.0.0.1 --out "$WORK/links-$n.csv" >/dev/null \
                || die "kantel respondents invite failed"
            tail -n +2 "$WORK/links-$n.csv" >>"$WORK/links.csv"
            left=$((left - count))
        done
    done
}

# start_server [ADDR]: starts kantel serve (default 127.0.0.1:0), sets SERVER_PID and SERVER_URL.
# Returns 1 when the server did not print its address within 30 s.
start_server() {
    local listen=${1:-127.0.0.1:0}
    local n=${SERVER_STARTS:-0}
    SERVER_STARTS=$((n + 1))
    local out="$WORK/serve-$SERVER_STARTS.out" err="$WORK/serve-$SERVER_STARTS.err"
    "$KANTEL" --lang en serve --study "$WORK/study.toml" "${DB_ARGS[@]}" --listen "$listen" \
        >"$out" 2>"$err" &
    SERVER_PID=$!
    SERVER_URL=
    for _ in $(seq 1 300); do
        if [[ -s $out ]]; then
            SERVER_URL=$(head -n 1 "$out")
            break
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    if [[ ! $SERVER_URL =~ ^http://127\.0\.0\.1:[0-9]+$ ]]; then
        echo "load-test: kantel serve did not start (listen $listen); its errors:" >&2
        cat "$err" >&2 || true
        SERVER_URL=
        return 1
    fi
    SERVER_LOG=$err
    return 0
}

# server_peak_kib: the server's peak resident memory so far (VmHWM), in KiB.
server_peak_kib() {
    awk '/^VmHWM:/{print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?"
}

stop_server() {
    if [[ -n $SERVER_PID ]]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}

# load_args [RATE]: LOAD_ARGS = kantel-load run options from the settings (RATE: saves
# per second, or empty / `max` for the closed loop).
load_args() {
    local rate=${1:-$RATE}
    LOAD_ARGS=(--server "$SERVER_URL" --links "$WORK/links.csv" --study "$WORK/study.toml"
               --concurrency "$CONCURRENCY" --duration "$DURATION")
    if [[ -n $rate && $rate != max ]]; then
        LOAD_ARGS+=(--rate "$rate")
    fi
    if [[ $HTMX -eq 1 ]]; then
        LOAD_ARGS+=(--htmx)
    fi
}

# Sourced by kill-test.sh: only the functions above.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    return 0
fi

parse_common_args "$@"
[[ ${#EXTRA_ARGS[@]} -eq 0 ]] || die "unknown option ${EXTRA_ARGS[0]} (see the top of $0)"
for rate in $RATES; do
    [[ $rate == max || $rate =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--rates: $rate is not a number or max"
done
build
setup
start_server || exit 2
backend=SQLite
[[ $POSTGRES -eq 1 ]] && backend=PostgreSQL
echo "load-test: server $SERVER_URL on $backend (pid $SERVER_PID), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

status=0
results=()
n=0
for rate in $RATES; do
    n=$((n + 1))
    load_args "$rate"
    echo "== run $n: $CONCURRENCY respondents, $([[ $rate == max ]] && echo "closed loop" || echo "paced at $rate saves/s"), $DURATION"
    run_status=0
    "$KANTEL_LOAD" run "${LOAD_ARGS[@]}" --journal "$WORK/journal-$n.csv" \
        --summary "$WORK/summary-$n.json" || run_status=1
    lost=?
    if verify_out=$("$KANTEL_LOAD" verify --journal "$WORK/journal-$n.csv" "${VERIFY_ARGS[@]}"); then
        lost=0
    else
        lost=$(sed -n 's/.*LOST: \([0-9]*\).*/\1/p' <<<"$verify_out")
        run_status=1
    fi
    echo "$verify_out"
    [[ $run_status -eq 0 ]] || status=1
    results+=("$(jq -r --arg rate "$rate" --arg lost "${lost:-?}" \
        '(.scheduled_latency // .latency) as $l
         | [$rate, (.saves_per_second|floor), $l.p50_ms, $l.p90_ms, $l.p99_ms, $l.max_ms, (.errors|to_entries|map("\(.key)=\(.value)")|join(" ")|if . == "" then "none" else . end), $lost]
         | @tsv' "$WORK/summary-$n.json" 2>/dev/null || echo "$rate	(no summary)")")
done
peak=$(server_peak_kib)
stop_server
echo
echo "== $backend, $CONCURRENCY concurrent respondents$([[ $HTMX -eq 1 ]] && echo " (htmx)"), $LINKS links, $DURATION per run; server peak memory (VmHWM) $peak KiB"
echo "   (latency of paced runs counted from each save's scheduled time, so falling behind shows)"
{
    printf 'offered\tsaves/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\terrors\tlost\n'
    printf '%s\n' "${results[@]}"
} | column -t -s $'\t'
if [[ -s $SERVER_LOG ]]; then
    echo "load-test: the server wrote to standard error (last lines):" >&2
    tail -n 5 "$SERVER_LOG" >&2
fi
exit $status
