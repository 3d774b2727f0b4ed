#!/usr/bin/env bash
# Builds the IPADIC dictionary that furigana readings come from, offline:
# Debian's mecab-ipadic package has the sources (EUC-JP CSVs), lindera's
# builder (tools/ipadic) compiles them. Skips the work when the dictionary
# at DEST was built from the same package and builder already.
# Usage: server/scripts/ipadic.sh [DEST]   (default: dictionary/ipadic)
set -euo pipefail
cd "$(dirname "$0")/../.."
dest="${1:-${YORISOI_DICTIONARY:-dictionary/ipadic}}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1mipadic:\033[0m %s\n' "$*"; }

# The stamp names what the dictionary was built from; a new package or a
# new lindera (the format carries its version) means a rebuild.
lindera_version="$(awk '/^name = "lindera-dictionary"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if ! pkg_version="$(apt-cache show --no-all-versions mecab-ipadic 2>/dev/null | awk '/^Version:/ && !v {v = $2} END {print v}')" || [[ -z "$pkg_version" ]]; then
  log "refreshing the Debian package lists"
  apt-get update -qq
  pkg_version="$(apt-cache show --no-all-versions mecab-ipadic | awk '/^Version:/ && !v {v = $2} END {print v}')"
fi
stamp="mecab-ipadic ${pkg_version} lindera-dictionary ${lindera_version}"
if [[ -f "$dest/BUILT-FROM" ]] && [[ "$(cat "$dest/BUILT-FROM")" == "$stamp" ]]; then
  exit 0
fi

log "building ${dest} from ${stamp}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download "mecab-ipadic=${pkg_version}" 2>/dev/null)
dpkg -x "$work"/mecab-ipadic_*.deb "$work/pkg"
mkdir -p "$work/src"
for f in "$work"/pkg/usr/share/mecab/dic/ipadic/*.{csv,def}; do
  iconv -f EUC-JP -t UTF-8 "$f" >"$work/src/$(basename "$f")"
done
cargo run --quiet --locked -p yorisoi-ipadic -- "$work/src" "$work/out"
# IPADIC's licence asks that every copy carries its notice.
cp "$work/pkg/usr/share/doc/mecab-ipadic/copyright" "$work/out/NOTICE"
echo "$stamp" >"$work/out/BUILT-FROM"
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$work/out" "$dest"
log "ready: $(du -sh "$dest" | cut -f1) in ${dest}"
