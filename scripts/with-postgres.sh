#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Creates a cluster in a fresh temporary directory, starts it on 127.0.0.1 at a free port
# (trust authentication, unix socket inside the temp dir), exports
#   KANTEL_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/postgres
# runs CMD, then stops the server and deletes the directory, also on failure or Ctrl-C.
# The exit status is CMD's. Safe to run repeatedly and side by side.
#
# PostgreSQL refuses to run as root, so as root the server runs as the system user
# `kantelpg` (created on first use). Server binaries come from Debian's `postgresql`
# package, installed with apt-get when missing.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

PG_USER=kantelpg

find_pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    fi
}

PG_BIN=$(find_pg_bin)
if [[ -z "$PG_BIN" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "with-postgres: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin;" \
             "install the 'postgresql' package (as root: apt-get install postgresql)" >&2
        exit 1
    fi
    echo "with-postgres: installing PostgreSQL server binaries with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    PG_BIN=$(find_pg_bin)
    if [[ -z "$PG_BIN" ]]; then
        echo "with-postgres: apt-get installed postgresql but no initdb/pg_ctl was found" >&2
        exit 1
    fi
fi

# as_pg CMD...: run a command as the server's owner.
if [[ $(id -u) -eq 0 ]]; then
    if ! id "$PG_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    fi
    as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
    as_pg() { "$@"; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kantel-pg.XXXXXX")
if [[ $(id -u) -eq 0 ]]; then
    chown "$PG_USER" "$WORK"
fi
DATA="$WORK/data"
LOG="$WORK/server.log"
STARTED=0

cleanup() {
    local status=$?
    if [[ $STARTED -eq 1 ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    return $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }

port_in_use() {
    # A successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Pick a random port that nothing listens on; retry if another process wins the race.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    PORT=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
    if port_in_use "$PORT"; then
        continue
    fi
    # fsync off: the cluster is deleted afterwards, durability buys nothing here.
    if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        STARTED=1
        break
    fi
    echo "with-postgres: start on port $PORT failed (attempt $attempt)" >&2
done
if [[ $STARTED -ne 1 ]]; then
    echo "with-postgres: could not start PostgreSQL; server log:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi

export KANTEL_TEST_PG_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $KANTEL_TEST_PG_URL" >&2

set +e
"$@"
status=$?
set -e
exit $status
