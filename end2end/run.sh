#!/usr/bin/env bash
# Runs the Playwright suite in Debian's headless Chromium against a freshly
# started server with its own SQLite database and the demo household.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
port="${E2E_PORT:-3010}"
workdir="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  # E2E_SERVER_LOG=FILE keeps the server's log for a look afterwards.
  if [[ -n "${E2E_SERVER_LOG:-}" ]]; then cp "$workdir/server.log" "$E2E_SERVER_LOG" || true; fi
  rm -rf "$workdir"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$workdir/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="target/site"
# Passkeys are bound to the address the browser uses.
export YORISOI_PUBLIC_URL="http://localhost:$port"
# Each panic as its message alone (a backtrace would push the message out
# of the tail printed below).
RUST_BACKTRACE=0 "$target/debug/yorisoi" serve --demo-if-empty >"$workdir/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server stopped during start-up:" >&2
    cat "$workdir/server.log" >&2
    exit 1
  fi
  sleep 0.5
done

# One-time invitation links, made the way an administrator makes them:
# one to register a passkey with, one to look at without JavaScript.
# A failed command must stop the run here, not leave an empty link that a
# spec then follows to the wrong page.
invite() {
  local out
  out="$("$target/debug/yorisoi" invite --role 家族 --name "$1")" || { echo "yorisoi invite failed" >&2; return 1; }
  echo "${out%%$'\n'*}"
}
E2E_INVITE_URL="$(invite "テスト 花子")" || exit 1
E2E_INVITE_URL_NOJS="$(invite "テスト 次郎")" || exit 1
# …and the link `make run` prints for the demo's daughter.
E2E_DEMO_DAUGHTER_URL="$(sed -n 's/^  佐藤 美咲 (family): //p' "$workdir/server.log")"
E2E_DEMO_CM_URL="$(sed -n 's/^  田中 里美 (care_manager): //p' "$workdir/server.log")"
E2E_DEMO_SELF_URL="$(sed -n 's/^  山本 ハナ (recipient): //p' "$workdir/server.log")"
E2E_DEMO_ADMIN_URL="$(sed -n 's/^  小林 修 (provider_admin): //p' "$workdir/server.log")"
E2E_DEMO_WORKER_URL="$(sed -n 's/^  高橋 誠 (care_worker): //p' "$workdir/server.log")"
E2E_DEMO_RECIPIENT="$(sed -n 's/^demo: loaded .*(recipient \(.*\))$/\1/p' "$workdir/server.log")"
export E2E_INVITE_URL E2E_INVITE_URL_NOJS E2E_DEMO_DAUGHTER_URL E2E_DEMO_CM_URL E2E_DEMO_SELF_URL
export E2E_DEMO_ADMIN_URL E2E_DEMO_WORKER_URL E2E_DEMO_RECIPIENT

status=0
E2E_BASE_URL="http://localhost:$port" npx --prefix end2end playwright test --config end2end/playwright.config.ts "$@" \
  | tee "$workdir/playwright.log" || status=$?
if ((status != 0)); then
  echo "--- server panics ---" >&2
  grep -A2 "panicked at" "$workdir/server.log" | head -n 40 >&2 || true
  echo "--- server log ---" >&2
  tail -n 50 "$workdir/server.log" >&2
  # Last, so the end of a CI log names them.
  echo "--- failed specs ---" >&2
  grep -E "✘|^ +(Error|TimeoutError):" "$workdir/playwright.log" | head -n 20 >&2 || true
fi
exit "$status"
