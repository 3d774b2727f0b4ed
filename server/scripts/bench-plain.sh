#!/usr/bin/env bash
# Speed of the plain-Japanese engine on one core, beside lindera's bare
# tokenisation of the same lines (the target: ≥ 5,000 lines/s, within 3×).
# Input: the test corpus and the golden sources (about 330 record lines).
# Usage: server/scripts/bench-plain.sh   (or: make bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yorisoi/target}"
server/scripts/ipadic.sh
cargo build --quiet --release -p server --bin yorisoi
lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
cat app/data/plain_corpus.txt >"$lines"
grep -v '^#' app/data/plain_golden.tsv | cut -f1 >>"$lines"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); pinned to core 0"
taskset -c 0 "$CARGO_TARGET_DIR/release/yorisoi" plain --bench "$lines"
