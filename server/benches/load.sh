#!/usr/bin/env bash
# The speed figures of the decision log, on this machine: seeds 10,000 ADRs through the API,
# then measures the ADR page (throughput at 64 connections, p99 at 8), full-text search p99,
# the bytes a browser downloads, start-up time on the existing database, and resident memory.
#
# usage (from the repository root): server/benches/load.sh
# Needs wrk (apt-get install wrk); builds the release site with cargo leptos first.
set -euo pipefail
cd "$(dirname "$0")/../.."
.ci/setup >/dev/null
export PATH="$HOME/.cargo/bin:$PATH"
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null; }

ADDR=127.0.0.1:3100
BASE="http://$ADDR"
WORK=target/bench
DURATION=${DURATION:-20s}
rm -rf "$WORK" && mkdir -p "$WORK"

cargo leptos build --release 2>&1 | grep -E "^error|Finished" || true

start_server() {
  DATABASE_URL="sqlite://$WORK/load.db" LEPTOS_SITE_ADDR=$ADDR LEPTOS_SITE_ROOT=target/site \
    LEPTOS_ENV=PROD RUST_LOG=warn target/release/tradeoff >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  until curl -sf "$BASE/healthz" >/dev/null; do sleep 0.002; done
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
trap 'kill $SERVER 2>/dev/null || true' EXIT

echo "== seeding"
start_server
python3 server/benches/seed.py "$BASE" "${COUNT:-10000}" 4
python3 server/benches/seed.py --queries 300 > "$WORK/queries.txt"
stop_server

echo "== start to ready on the existing database (10 starts)"
for i in $(seq 10); do
  t0=$(date +%s%N)
  start_server
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) ms"
  stop_server
done | sort -n | awk '{ print } END { }' | tr '\n' ' '
echo

start_server
PAGE=$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE/adr/5000")
PAGE=${PAGE#$BASE}
echo "== ADR page $PAGE"
echo "-- throughput, 64 connections"
wrk -t2 -c64 -d"$DURATION" "$BASE$PAGE" | grep -E "Requests/sec|Latency|Non-2xx"
echo "-- latency, 8 connections"
wrk -t2 -c8 -d"$DURATION" --latency "$BASE$PAGE" | grep -E "Requests/sec|99%|90%|50%"
for connections in 1 8; do
  echo "== full-text search through the home page, $connections connection(s), 300 queries"
  wrk -t1 -c"$connections" -d"$DURATION" --latency -s server/benches/search.lua "$BASE" | grep -E "Requests/sec|99%|90%|50%|Non-2xx"
done
echo "-- worst case: a word in every ADR (q=the), 1 connection"
wrk -t1 -c1 -d"$DURATION" --latency "$BASE/?q=the" | grep -E "Requests/sec|99%|50%"

echo "== bytes a browser downloads (gzip)"
weigh() {
  local total=0 size
  for path in "$@"; do
    size=$(curl -s --compressed -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$BASE$path")
    printf '   %-40s %7d B\n' "$path" "$size"
    total=$((total + size))
  done
  printf '   %-40s %7d B\n' "total" "$total"
}
assets() {
  curl -s "$BASE$1" | grep -oE '(href|src)="/pkg/[^"]+"' | sed -E 's/.*"(.*)"/\1/' | sort -u
}
echo "-- reading an ADR"
weigh "$PAGE" $(assets "$PAGE")
echo "-- the edit page"
weigh "/adr/5000/edit" $(assets "/adr/5000/edit")

echo "== resident memory after the load"
grep VmRSS "/proc/$SERVER/status"
stop_server
