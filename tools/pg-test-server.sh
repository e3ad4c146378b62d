#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server for the test suites, on loopback, in a temporary
# directory, installing Debian's postgresql package first if it is missing.
#
#   tools/pg-test-server.sh start DIR [PORT]   → prints the DSN (postgres://huanxin@127.0.0.1:PORT/huanxin_test)
#   tools/pg-test-server.sh replica DIR PORT PRIMARY_PORT → a streaming replica of the server on
#                                                 PRIMARY_PORT (pg_basebackup -R over loopback); prints its DSN
#   tools/pg-test-server.sh stop DIR
#
# As root the server runs as the 'postgres' system user (initdb refuses root).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
port=${3:-55432}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    echo "pg-test-server: installing postgresql (Debian)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; }
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$d"
}

as_owner() {
  # From /: the postgres user may not be able to enter the caller's working directory.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

case "$cmd" in
  start)
    bin=$(pg_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir/data"
    if ! as_owner "$bin/initdb" -D "$dir/data" -U huanxin --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      echo "pg-test-server: initdb failed (the postgres user must be able to enter $dir):" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    # HUANXIN_PG_NO_FSYNC=1 (the test suites, tools/run-tests.sh): the server does not wait for the
    # disk. The suites create a database per test and run every migration in it, one DDL commit
    # after another; waiting for each flush was most of the PostgreSQL suites' time (issue #16 note,
    # CI time). A kill -9 of Huanxin (the crash tests) still finds every acknowledged write, since
    # the PostgreSQL process and the OS page cache survive it; only a power cut would lose data,
    # and a throw-away test server does not care. Benchmarks start it without the variable.
    durability=""
    if [ "${HUANXIN_PG_NO_FSYNC:-0}" = 1 ]; then
      durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB $durability" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U huanxin huanxin_test
    echo "postgres://huanxin@127.0.0.1:$port/huanxin_test"
    ;;
  replica)
    # The primary's defaults already allow it: wal_level=replica, max_wal_senders=10, and initdb's
    # pg_hba.conf lets loopback replication connections in (trust, as for the tests' other users).
    primary_port=${4:?primary port}
    bin=$(pg_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir/data"
    if ! as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U huanxin -D "$dir/data" -R -X stream \
        --checkpoint=fast >"$dir/basebackup.log" 2>&1; then
      echo "pg-test-server: pg_basebackup failed:" >&2
      cat "$dir/basebackup.log" >&2
      exit 1
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB -c hot_standby=on" start >/dev/null
    echo "postgres://huanxin@127.0.0.1:$port/huanxin_test"
    ;;
  stop)
    bin=$(pg_bin)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT] | replica DIR PORT PRIMARY_PORT" >&2
    exit 2
    ;;
esac
