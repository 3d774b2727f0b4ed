#!/usr/bin/env bash
# Proof under load: mixed traffic at a fixed rate against the
# release server holding RECIPIENTS care recipients with YEARS of records
# each, on SQLite and on PostgreSQL.
#
# Traffic, all at once, each kind from its own oha process (so each
# endpoint gets its own p50/p99), latency counted from when each request
# was due (--latency-correction):
#   family reading ホーム        /r/{each recipient in turn}
#   family reading きろく        /r/{…}/records
#   staff writing visit records  POST /api/visit/save  (care worker, each recipient)
#   family writing comments      POST /api/talk/post   (daughter, a record of each)
# Then: every request answered 2xx, and every acknowledged write is in the
# database (rows counted before and after; each request runs to its end).
#
# Usage: bench/load.sh                 (both databases; about 40 minutes)
#        DATABASES=sqlite bench/load.sh
#        RECIPIENTS=100 YEARS=1 SECONDS_EACH=10 bench/load.sh   (a quick look)
#        DATABASES=postgres KEEP=1 bench/load.sh    (keeps the database and sign-ins)
#        DATABASES=postgres REUSE=1 bench/load.sh   (the load again on what KEEP kept)
#        WARM_SECONDS=0 …     (count the server's first seconds too; 5 s of the mix come first)
#        LOAD_PG_URL=postgres://postgres@127.0.0.1:5432/yorisoi_load …   (PostgreSQL over TCP)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yorisoi/target}"
export PATH="$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=yorisoi

RECIPIENTS="${RECIPIENTS:-1000}"
YEARS="${YEARS:-5}"
RATE="${RATE:-500}"                 # requests per second, all kinds together
SECONDS_EACH="${SECONDS_EACH:-30}"
DATABASES="${DATABASES:-sqlite postgres}"
PORT="${PORT:-3040}"
base="http://localhost:$PORT"
results="bench/results"
mkdir -p "$results"

say() { printf '\033[1mload:\033[0m %s\n' "$*" >&2; }

# What the measurement needs, installed when missing.
make -s setup dictionary build-release >&2
server/scripts/setup.sh test >&2    # Playwright's packages, for the sign-ins
command -v oha >/dev/null || { say "installing oha (about 5 minutes)"; cargo install --locked oha >&2; }
server/scripts/ensure-postgres.sh

bin="$CARGO_TARGET_DIR/release/yorisoi"
workdir="$(mktemp -d)"
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() { stop_server; rm -rf "$workdir"; }
trap cleanup EXIT

# The mix, in parts of RATE (they add up to 100).
declare -A SHARE=([home]=40 [records]=40 [visit]=10 [comment]=10)

# How many rows one kind of table holds (SQLite file or PostgreSQL).
count() { # table
  case "$DATABASE_URL" in
    sqlite:*) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(f"SELECT COUNT(*) FROM {sys.argv[2]}").fetchone()[0])' "${DATABASE_URL#sqlite://}" "$1" ;;
    *) psql "$DATABASE_URL" -At -c "SELECT COUNT(*) FROM $1" ;;
  esac
}

# oha's JSON report → "p50 p99 requests/s answered non-2xx" (ms).
figures() {
  node -e '
    const r = require(process.argv[1]);
    const ms = (s) => (s * 1000).toFixed(1);
    const codes = r.statusCodeDistribution ?? {};
    const ok = Object.entries(codes).filter(([c]) => c.startsWith("2")).reduce((n, [, k]) => n + k, 0);
    const all = Object.values(codes).reduce((n, k) => n + k, 0)
      + Object.values(r.errorDistribution ?? {}).reduce((n, k) => n + k, 0);
    console.log(`${ms(r.latencyPercentiles.p50)} ${ms(r.latencyPercentiles.p99)} ${r.summary.requestsPerSec.toFixed(0)} ${ok} ${all - ok}`);
  ' "$PWD/$1"
}

report=()

run_on() { # name DATABASE_URL
  local db="$1"
  export DATABASE_URL="$2"
  export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="target/site" YORISOI_PUBLIC_URL="$base"
  # Sign-in is rate limited per client; every sign-in here comes from one.
  "$bin" serve --demo-if-empty >"$workdir/server-$db.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  local hana daughter worker record
  local state="$results/load-state-$db.env"
  # The recent notes in plain Japanese, which the server stores at start-up
  # (and the copies below take with them): the load starts after.
  for _ in $(seq 1 240); do grep -q 'plain conversions stored' "$workdir/server-$db.log" && break; sleep 0.5; done
  if [[ -n "${REUSE:-}" ]]; then
    # The data and sign-ins of a KEEP=1 run; its sessions made live again.
    # shellcheck disable=SC1090
    source "$state"
    psql "$DATABASE_URL" -q -c "UPDATE sessions SET last_seen_at = $(date +%s%3N) WHERE ended_at IS NULL"
    report+=("$db data: kept from an earlier run (REUSE=1)")
  else
    for _ in $(seq 1 240); do grep -q '^demo: loaded' "$workdir/server-$db.log" && break; sleep 0.5; done
    say "$db: $RECIPIENTS recipients × $YEARS years of records (takes a while)"
    local started=$SECONDS made
    made="$("$bin" history --recipients "$RECIPIENTS" --years "$YEARS")"
    say "$db: history $made in $((SECONDS - started)) s"
    report+=("$db data: $made (made in $((SECONDS - started)) s)")
    hana="$(sed -n 's/^demo: loaded .*(recipient \(.*\))$/\1/p' "$workdir/server-$db.log")"
    daughter="$(node bench/session.cjs "$base" "$(sed -n 's/^  佐藤 美咲 (family): //p' "$workdir/server-$db.log")")"
    worker="$(node bench/session.cjs "$base" "$(sed -n 's/^  高橋 誠 (care_worker): //p' "$workdir/server-$db.log")")"
    # A record of hers the daughter may see: its thread takes the comments.
    record="$(curl -fsS -H "Cookie: $daughter" "$base/r/$hana/records" | grep -o "/r/$hana/talk/record/[0-9a-f-]*" | head -1 | sed 's|.*/||')"
    [[ -n "$record" ]] || { say "no record thread found on きろく"; exit 1; }
    [[ -z "${KEEP:-}" ]] || printf 'hana=%q\nrecord=%q\ndaughter=%q\nworker=%q\n' "$hana" "$record" "$daughter" "$worker" >"$state"
  fi

  # Whom each request is about: every recipient, in a random order. A
  # copy's id is its number, then the demo recipient's last twelve digits
  # (server/src/history_cmd.rs); so is each copy of the record.
  local at
  at="$(TZ=Asia/Tokyo date -d '-5 minutes' +%Y-%m-%dT%H:%M)"
  python3 - "$workdir" "$base" "$hana" "$record" "$RECIPIENTS" "$at" <<'EOF'
import random, sys, urllib.parse
workdir, base, hana, record, n, at = sys.argv[1:]
ids = [(hana, record)] + [
    (f"{c:08x}-0000-7000-8000-{hana[24:]}", f"{c:08x}-0000-7000-8000-{record[24:]}")
    for c in range(1, int(n))
]
random.seed(8)
random.shuffle(ids)
q = urllib.parse.quote
with open(f"{workdir}/home.urls", "w") as f:
    f.writelines(f"{base}/r/{r}\n" for r, _ in ids)
with open(f"{workdir}/records.urls", "w") as f:
    f.writelines(f"{base}/r/{r}/records\n" for r, _ in ids)
with open(f"{workdir}/visit.bodies", "w") as f:
    f.writelines(
        f"recipient={r}&form[at]={q(at)}&form[staple]=8&form[side]=7&form[fluid]=150"
        f"&form[note]={q('特変なし')}&form[note_class]=living\n"
        for r, _ in ids)
with open(f"{workdir}/comment.bodies", "w") as f:
    f.writelines(
        f"recipient={r}&kind=record&target={rec}&body={q('ありがとうございます')}\n"
        for r, rec in ids)
EOF
  # One visit first: how many records a visit of this form makes.
  local before after per_visit
  before="$(count care_records)"
  curl -fsS -o /dev/null -H "Cookie: $worker" -H "Origin: $base" --data "$(head -1 "$workdir/visit.bodies")" "$base/api/visit/save"
  after="$(count care_records)"
  per_visit=$((after - before))

  # Warm: the first pages convert their notes once and keep them.
  for _ in 1 2 3; do curl -fsS -o /dev/null -H "Cookie: $daughter" "$base/r/$hana/records"; done

  # The mix at RATE for SECONDS; oha's reports go to PREFIX-{kind}.json.
  local pids=()
  mix() { # seconds prefix
    local kind n q
    pids=()
    for kind in home records visit comment; do
      q=$((RATE * SHARE[$kind] / 100))
      n=$((q * $1))
      local common=(-n "$n" -q "$q" --latency-correction --no-tui --worker-threads 1 --output-format json)
      case "$kind" in
        home) oha "${common[@]}" -c 20 -H "Cookie: $daughter" --urls-from-file "$workdir/home.urls" >"$2-$kind.json" & ;;
        records) oha "${common[@]}" -c 20 -H "Cookie: $daughter" --urls-from-file "$workdir/records.urls" >"$2-$kind.json" & ;;
        visit) oha "${common[@]}" -c 10 -H "Cookie: $worker" -H "Origin: $base" -m POST \
                 -T application/x-www-form-urlencoded -Z "$workdir/visit.bodies" "$base/api/visit/save" >"$2-$kind.json" & ;;
        comment) oha "${common[@]}" -c 10 -H "Cookie: $daughter" -H "Origin: $base" -m POST \
                 -T application/x-www-form-urlencoded -Z "$workdir/comment.bodies" "$base/api/talk/post" >"$2-$kind.json" & ;;
      esac
      pids+=($!)
    done
  }
  # A freshly started server opens its database connections (and each
  # prepares its statements) under the first seconds of load: WARM_SECONDS
  # of the same mix first, not counted, so the figures are the steady state
  # (WARM_SECONDS=0 counts the start too).
  if (( ${WARM_SECONDS:-5} > 0 )); then
    mix "${WARM_SECONDS:-5}" "$workdir/warm"
    for p in "${pids[@]}"; do wait "$p"; done
  fi
  local records0 comments0 vitals0
  records0="$(count care_records)"; comments0="$(count comments)"; vitals0="$(count vital_signs)"

  mix "$SECONDS_EACH" "$results/load-$db"
  # PROFILE=1: where the cores go, by program and function (perf, 10 s).
  if [[ -n "${PROFILE:-}" ]]; then
    (sleep 3; perf record -F 499 -g -a -o "$results/load-$db.perf.data" -- sleep 10 >/dev/null 2>&1
     perf report -i "$results/load-$db.perf.data" --no-children -g none --sort comm,dso,symbol --stdio 2>/dev/null \
       | grep -v '^#' | grep '%' | head -80 >"$results/load-$db.perf.txt") &
  fi
  # Where the two cores go meanwhile: 10 s of top, CPU % by program.
  sleep 3
  top -b -n 2 -d 10 -w 200 | awk '/^top -/ {frame++} frame == 2 && $1 ~ /^[0-9]+$/ {cpu[$12] += $9}
    END {for (c in cpu) if (cpu[c] >= 1) printf "%s %.0f%%\n", c, cpu[c]}' | sort -k2 -n -r | tr '\n' ' ' >"$workdir/cpu"
  for p in "${pids[@]}"; do wait "$p"; done
  say "$db CPU during the load (of 200 %): $(cat "$workdir/cpu")"
  report+=("$db CPU during the load (of 200 %): $(cat "$workdir/cpu")")

  local total_rps=0 failed=0 line p50 p99 rps ok bad visits_ok=0 comments_ok=0
  for kind in home records visit comment; do
    read -r p50 p99 rps ok bad <<<"$(figures "$results/load-$db-$kind.json")"
    total_rps=$((total_rps + rps))
    failed=$((failed + bad))
    [[ "$kind" == visit ]] && visits_ok=$ok
    [[ "$kind" == comment ]] && comments_ok=$ok
    line="$db $kind: p50 $p50 ms, p99 $p99 ms, $rps req/s, $ok answered 2xx, $bad not"
    say "$line"
    report+=("$line")
  done
  # Every acknowledged write is there, and nothing else.
  local records_made comments_made vitals_made lost=""
  records_made=$(( $(count care_records) - records0 ))
  comments_made=$(( $(count comments) - comments0 ))
  vitals_made=$(( $(count vital_signs) - vitals0 ))
  [[ "$records_made" -eq $((visits_ok * per_visit)) ]] || lost+=" records $records_made of $((visits_ok * per_visit))"
  [[ "$comments_made" -eq "$comments_ok" ]] || lost+=" comments $comments_made of $comments_ok"
  [[ "$vitals_made" -eq 0 ]] || lost+=" measurements $vitals_made, none sent"
  report+=("$db mixed: $total_rps req/s in all; $failed requests failed; writes: $visits_ok visits ($records_made records), $comments_made comments${lost:+; MISMATCH$lost}")
  stop_server
  if [[ -n "$lost" || "$failed" -ne 0 ]]; then printf '%s\n' "${report[@]}" >&2; say "$db: FAILED"; exit 1; fi
}

for db in $DATABASES; do
  case "$db" in
    sqlite) run_on sqlite "sqlite://$workdir/load.db" ;;
    postgres)
      [[ -n "${REUSE:-}" ]] ||
        psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS yorisoi_load" -c "CREATE DATABASE yorisoi_load" >/dev/null
      # PostgreSQL on the same machine is reached by its Unix socket when it
      # has one (as a one-machine deployment would: loopback TCP cost both
      # programs a kernel round trip per statement, and the p99 doubled);
      # LOAD_PG_URL=postgres://postgres@127.0.0.1:5432/yorisoi_load measures TCP.
      pg_url="postgres://postgres@127.0.0.1:5432/yorisoi_load"
      [[ -S /var/run/postgresql/.s.PGSQL.5432 ]] &&
        pg_url="postgres://postgres@localhost/yorisoi_load?host=/var/run/postgresql"
      run_on postgres "${LOAD_PG_URL:-$pg_url}"
      # KEEP=1 leaves it, to look into afterwards.
      [[ -n "${KEEP:-}${REUSE:-}" ]] || psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS yorisoi_load" >/dev/null
      ;;
    *) say "unknown database $db (sqlite or postgres)"; exit 2 ;;
  esac
done

printf '%s\n' "${report[@]}" | tee "$results/load-summary.txt"
