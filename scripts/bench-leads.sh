#!/usr/bin/env bash
# Lead submission latency under load: wrk POSTs the public lead API
# (`/api/v1/leads`) with 50 connections for a while, every request a new
# prospect from a new address (X-Forwarded-For, with CE_TRUST_PROXY, so the
# per-address rate limits do not refuse them), against a release server on a
# fresh database: SQLite, and PostgreSQL when BENCH_POSTGRES_URL names a
# server where this user may create databases. Prints req/s and latency
# p50 / p90 / p99 per database. Each lead is validated, scored, routed,
# stored with its timeline, consultant email, follow-up jobs and webhook
# announcements in one transaction: the whole capture path.
#
#   cargo leptos build --release --precompress
#   BENCH_POSTGRES_URL=postgres://causal_edge:causal_edge@127.0.0.1:5432/postgres ./scripts/bench-leads.sh
#
# Settings: SERVER_BIN, SITE_ROOT, DURATION (default 15s), CONNECTIONS (50),
# THREADS (2), CE_WORKERS (server threads; default one per core).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

SERVER_BIN="$(realpath -m "${SERVER_BIN:-target/release/server}")"
SITE_ROOT="$(realpath -m "${SITE_ROOT:-target/site}")"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
[ -x "$SERVER_BIN" ] || { echo "no server binary at $SERVER_BIN" >&2; exit 1; }
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl

TMP="$(mktemp -d /tmp/ce-bench-leads.XXXXXX)"
SERVER_PID="" PG_DB=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ -n "$PG_DB" ]; then
    psql "$BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Each request: a new email and a new client address; the answers are counted.
cat >"$TMP/lead.lua" <<'LUA'
local counter = 0
local thread_id = 0
local created, other = 0, 0
function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end
function request()
  counter = counter + 1
  local n = thread_id * 10000000 + counter
  local ip = string.format("10.%d.%d.%d", thread_id % 200, math.floor(counter / 250) % 250, counter % 250 + 1)
  local body = string.format([[{"email":"bench-%d@acme-retail.co.uk","first_name":"Ana","last_name":"Silva","company_name":"Acme Retail","industry":"4791","annual_revenue_range":"10m_50m","company_size_range":"200-1000","primary_challenge":"conversion","timeline":"1-3_months","budget_range":"50k_150k","decision_making_authority":"decision_maker","source":"roi_calculator","consent_marketing":true}]], n)
  return wrk.format("POST", "/api/v1/leads", {["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip}, body)
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

run_against() {
  local name="$1" url="$2" port
  port="$(free_port)"
  (
    cd "$TMP"
    export CE_DEMO=true DATABASE_URL="$url" CE_MEDIA_DIR="$TMP/media-$name"
    export CE_LISTEN_ADDR="127.0.0.1:$port" RUST_LOG=warn CE_LOG_FORMAT=json CE_TRUST_PROXY=true
    export CE_API_RATE_LIMIT=off
    export LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=causal-edge LEPTOS_ENV=PROD
    exec "$SERVER_BIN" serve
  ) >"$TMP/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/ready" 2>/dev/null && break; sleep 0.2; done
  # One lead first: the form must be valid (201), or the figures mean nothing.
  local first
  first="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H 'X-Forwarded-For: 192.0.2.1' --data '{"email":"warm@acme-retail.co.uk","first_name":"Ana","last_name":"Silva","company_name":"Acme Retail","industry":"4791","annual_revenue_range":"10m_50m","company_size_range":"200-1000","primary_challenge":"conversion","timeline":"1-3_months","budget_range":"50k_150k","decision_making_authority":"decision_maker","source":"roi_calculator","consent_marketing":true}' \
    "http://127.0.0.1:$port/api/v1/leads")"
  [ "$first" = 201 ] || { echo "$name: the first lead got $first" >&2; tail -5 "$TMP/server-$name.log" >&2; exit 1; }
  local line
  line="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/lead.lua" "http://127.0.0.1:$port" | grep '^RESULT')"
  read -r _ rps p50 p90 p99 bad_status socket_errors <<<"$line"
  echo "| $name | $rps | $p50 / $p90 / $p99 | $bad_status | $socket_errors |"
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

echo "lead submissions, $CONNECTIONS connections, $DURATION, server workers: ${CE_WORKERS:-one per core}"
echo
echo "| database | leads/s | p50 / p90 / p99 (ms) | non-201 answers | socket errors |"
echo "|---|---|---|---|---|"
run_against sqlite "sqlite://$TMP/bench.db"
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  PG_DB="ce_bench_$$"
  psql "$BENCH_POSTGRES_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
  run_against postgresql "${BENCH_POSTGRES_URL%/*}/$PG_DB"
fi
