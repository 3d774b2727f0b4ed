#!/usr/bin/env bash
# The data-layer tests need PostgreSQL at 127.0.0.1:5432 (started on this
# kind of machine). Start the local cluster if it is down; if there is none,
# say so — the tests then fail, they are never skipped.
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
  for v in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$v")" main start || true
  done
  for _ in $(seq 1 20); do
    pg_isready -h 127.0.0.1 -p 5432 -q && exit 0
    sleep 0.5
  done
fi
echo "PostgreSQL is not reachable at 127.0.0.1:5432; the PostgreSQL tests will fail." >&2
