#!/usr/bin/env bash
# Plain Japanese on the blind corpus (tests/corpus/plain): for each part,
# the engine's keyed report (`yorisoi plain --report FILE.tsv`) and
# jReadability (PyPI `jreadability`, an independent measure, from this
# script's own virtual environment — never in the server) of the staff's
# source and of the plain text. jReadability reads higher as easier (about
# 0.5 very difficult … 6.5 very easy).
# Usage: bench/plain-corpus.sh   (or: make bench-plain-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yorisoi/target}"
export LEPTOS_OUTPUT_NAME=yorisoi
server/scripts/ipadic.sh
cargo build --quiet -p server --bin yorisoi
yorisoi="$CARGO_TARGET_DIR/debug/yorisoi"
venv="$HOME/.cache/yorisoi/jreadability-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import jreadability' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet jreadability
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for part in dev final; do
  file="tests/corpus/plain/$part.tsv"
  "$yorisoi" plain --report "$file" >"$work/$part.report.json"
  tail -n +2 "$file" | cut -f3 >"$work/$part.source.txt"
  "$yorisoi" plain <"$work/$part.source.txt" >"$work/$part.plain.jsonl"
  "$venv/bin/python" - "$part" "$work" <<'PY'
import json, sys
from jreadability import compute_readability

part, work = sys.argv[1], sys.argv[2]
r = json.load(open(f"{work}/{part}.report.json"))
source = [l.rstrip("\n") for l in open(f"{work}/{part}.source.txt")]
plain = [json.loads(l)["text"] for l in open(f"{work}/{part}.plain.jsonl")]
def jr(lines):
    return compute_readability("".join(l if l.endswith("。") else l + "。" for l in lines if l))
j = r["jargon"] or 1
rows = [
    ("lines / sentences", f'{r["lines"]} / {r["sentences"]}'),
    ("shorthand marks per 100 sentences", f'{r["shorthand_per_100_sentences"]:.1f}'),
    ("sentences in です・ます", f'{100 * r["desu_masu_share"]:.1f} %'),
    ("jargon replaced in the sentence", f'{100 * r["jargon_replaced"] / j:.1f} %'),
    ("jargon replaced or explained", f'{100 * (r["jargon_replaced"] + r["jargon_explained"]) / j:.1f} %'),
    ("jargon neither", f'{r["jargon_neither"]} of {r["jargon"]}'),
    ("hard words left, neither replaced nor explained", str(r["hard_words_left"])),
    ("numbers lost", f'{r["numbers_lost"]} of {r["numbers"]}'),
    ("lines losing a negation", str(r["lines_losing_a_negation"])),
    ("lines saying a plan or need in the past", str(r["lines_changing_modality"])),
    ("mean sentence length (chars)", f'{r["mean_sentence_chars"]:.1f}'),
    ("kanji per sentence", f'{r["mean_kanji_per_sentence"]:.1f}'),
    ("建石 RS, source → plain", f'{r["tateishi_rs_source"]:.1f} → {r["tateishi_rs_plain"]:.1f}'),
    ("jReadability, source → plain", f"{jr(source):.2f} → {jr(plain):.2f}"),
]
print(f"## {part} ({part}.tsv)")
for name, value in rows:
    print(f"| {name} | {value} |")
PY
done
