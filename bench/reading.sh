#!/usr/bin/env bash
# The reading experience's budgets, measured on this machine:
#  - first load of ホーム (HTML + CSS + JS + WASM) on the wire, brotli;
#  - Lighthouse, mobile preset, on ホーム and きろく (Debian's Chromium);
#  - the きろく page for a recipient with 40,000 records: p99 at a fixed
#    200 requests/s (oha, a second process, with its correction for
#    coordinated omission), on SQLite and on PostgreSQL,
#    and its throughput against the same HTML served as a static file.
# Usage: bench/reading.sh   (results also in bench/results/)
#        PROFILE=1 bench/reading.sh   (also a perf profile of each load)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yorisoi/target}"
export PATH="$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=yorisoi

RECORDS="${RECORDS:-40000}"
RATE="${RATE:-200}"          # requests per second, fixed
SECONDS_EACH="${SECONDS_EACH:-20}"
PORT="${PORT:-3020}"
base="http://localhost:$PORT"
results="bench/results"
mkdir -p "$results"

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }

# What the measurement needs, installed when missing.
make -s setup dictionary build-release >&2
server/scripts/setup.sh test >&2
# oha (Rust, crates.io) keeps a fixed rate on one thread and costs the
# server's two cores far less than hey did (hey at 20 connections spent
# about as much CPU as the server under test).
command -v oha >/dev/null || { say "installing oha (about 5 minutes)"; cargo install --locked oha >&2; }
[[ -x bench/node_modules/.bin/lighthouse ]] || (cd bench && npm install --no-audit --no-fund >&2)
server/scripts/ensure-postgres.sh

bin="$CARGO_TARGET_DIR/release/yorisoi"
workdir="$(mktemp -d)"
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() { stop_server; rm -f target/site/pkg/bench-static.html*; rm -rf "$workdir"; }
trap cleanup EXIT

# Starts the release server on DATABASE_URL with the demo and a long
# history; sets $cookie (the daughter, signed in) and $recipient.
start() {
  export DATABASE_URL="$1"
  export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="target/site" YORISOI_PUBLIC_URL="$base"
  "$bin" serve --demo-if-empty >"$workdir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  # The demo loads in the background: the history copies it.
  for _ in $(seq 1 240); do
    grep -q '^demo: loaded' "$workdir/server.log" && break
    sleep 0.5
  done
  local made
  made="$("$bin" history --records "$RECORDS")"
  say "history: $made"
  recipient="$(sed -n 's/^demo: loaded .*(recipient \(.*\))$/\1/p' "$workdir/server.log")"
  local link
  link="$(sed -n 's/^  佐藤 美咲 (family): //p' "$workdir/server.log")"
  cookie="$(node bench/session.cjs "$base" "$link")"
}

# oha's JSON report → "p50 p99 requests/s non-200" (milliseconds).
figures() {
  node -e '
    const r = require(process.argv[1]);
    const ms = (s) => (s * 1000).toFixed(1);
    const codes = r.statusCodeDistribution ?? {};
    const bad = Object.entries(codes).filter(([c]) => c !== "200").reduce((n, [, k]) => n + k, 0)
      // (a request still in flight when the run ends is not a failure)
      + Object.entries(r.errorDistribution ?? {}).filter(([e]) => !e.includes("deadline"))
          .reduce((n, [, k]) => n + k, 0);
    console.log(`${ms(r.latencyPercentiles.p50)} ${ms(r.latencyPercentiles.p99)} ${r.summary.requestsPerSec.toFixed(0)} ${bad}`);
  ' "$PWD/$1"
}

load() { # name url
  local name="$1" url="$2"
  # Warm: the first pages convert their notes once and keep them.
  for _ in 1 2 3; do curl -fsS -o /dev/null -H "Cookie: $cookie" "$url"; done
  # PROFILE=1: where the server spends its CPU under this load (perf).
  local perf_pid=""
  if [[ -n "${PROFILE:-}" ]]; then
    perf record -F 499 -g -o "$results/$name.perf.data" -p "$server_pid" -- sleep "$SECONDS_EACH" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  # A fixed rate, latency counted from when each request was due (so a
  # stall shows, not hides); one worker thread for the tool.
  oha -z "${SECONDS_EACH}s" -q "$RATE" -c 20 --latency-correction --no-tui --worker-threads 1 \
    --output-format json -H "Cookie: $cookie" "$url" >"$results/$name.json"
  if [[ -n "$perf_pid" ]]; then
    wait "$perf_pid" || true
    perf report -i "$results/$name.perf.data" --no-children -g none --sort dso,symbol --stdio 2>/dev/null \
      | grep -v '^#' | grep '%' | head -60 >"$results/$name.perf.txt" || true
    say "profile: $results/$name.perf.txt"
  fi
  figures "$results/$name.json"
}

flat_out() { # name url → requests/s with no rate limit
  local name="$1" url="$2"
  oha -n 4000 -c 8 --no-tui --worker-threads 1 --output-format json -H "Cookie: $cookie" "$url" >"$results/$name.json"
  node -e 'console.log(require(process.argv[1]).summary.requestsPerSec.toFixed(0))' "$PWD/$results/$name.json"
}

report=()

# --- SQLite (the embedded default) -----------------------------------------
say "SQLite: demo + $RECORDS records"
start "sqlite://$workdir/bench.db"
records_url="$base/r/$recipient/records"
home_url="$base/r/$recipient"

# First load of ホーム as a phone gets it (brotli).
wire() { curl -fsS -o /dev/null -H "Cookie: $cookie" -H "Accept-Encoding: br" -w '%{size_download}' "$1"; }
# `/` sends her to her mother's day: both answers count.
html=$(( $(wire "$base/") + $(wire "$home_url") ))
css=$(wire "$base/pkg/yorisoi.css")
js=$(wire "$base/pkg/yorisoi.js")
wasm=$(wire "$base/pkg/yorisoi.wasm")
raw_wasm=$(curl -fsS -o /dev/null -w '%{size_download}' "$base/pkg/yorisoi.wasm")
total=$((html + css + js + wasm))
report+=("first load of ホーム (brotli): HTML $html B + CSS $css B + JS $js B + WASM $wasm B (raw $raw_wasm B) = $total B; budget 307200 B")

# Lighthouse, mobile preset (the default form factor, simulated slow 4G).
lighthouse() { # name url
  CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" bench/node_modules/.bin/lighthouse "$2" \
    --quiet --output=json --output-path="$results/lighthouse-$1.json" \
    --only-categories=performance,accessibility \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="{\"Cookie\":\"$cookie\"}" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]);
    const s = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
    const lcp = r.audits["largest-contentful-paint"]?.displayValue ?? "?";
    console.log(`performance ${s("performance")}, accessibility ${s("accessibility")}, LCP ${lcp}`);
  ' "$PWD/$results/lighthouse-$1.json"
}
report+=("Lighthouse ホーム: $(lighthouse home "$home_url")")
report+=("Lighthouse きろく: $(lighthouse records "$records_url")")

read -r p50 p99 rps errors <<<"$(load sqlite-records "$records_url")"
report+=("SQLite きろく at $RATE req/s for ${SECONDS_EACH}s: p50 $p50 ms, p99 $p99 ms ($rps req/s, $errors non-200 kinds); budget p99 25 ms")

# The same HTML as a static file, through the same server, compressed
# beforehand as the site's own files are (oha asks for gzip and br).
curl -fsS -H "Cookie: $cookie" "$records_url" -o target/site/pkg/bench-static.html
gzip -9 -k -f target/site/pkg/bench-static.html
dynamic=$(flat_out sqlite-records-flat "$records_url")
static=$(flat_out static-flat "$base/pkg/bench-static.html")
report+=("きろく flat out: $dynamic req/s dynamic vs $static req/s static file = $(awk -v d="$dynamic" -v s="$static" 'BEGIN {printf "%.2f", d / s}') of static")
stop_server

# --- PostgreSQL -------------------------------------------------------------
say "PostgreSQL: demo + $RECORDS records"
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS yorisoi_bench" -c "CREATE DATABASE yorisoi_bench" >/dev/null
start "postgres://postgres@127.0.0.1:5432/yorisoi_bench"
records_url="$base/r/$recipient/records"
read -r p50 p99 rps errors <<<"$(load postgres-records "$records_url")"
report+=("PostgreSQL きろく at $RATE req/s for ${SECONDS_EACH}s: p50 $p50 ms, p99 $p99 ms ($rps req/s, $errors non-200 kinds); budget p99 25 ms")
stop_server
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS yorisoi_bench" >/dev/null

printf '%s\n' "${report[@]}" | tee "$results/summary.txt"
