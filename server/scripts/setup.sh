#!/usr/bin/env bash
# Installs what Yorisoi needs on a fresh machine, skipping what is there.
# Usage: scripts/setup.sh run|test
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-run}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Rust 1.95.0 with the WASM target (rust-toolchain.toml pins both).
if ! rustup target list --installed --toolchain 1.95.0 2>/dev/null | grep -q wasm32-unknown-unknown; then
  log "installing Rust 1.95.0 with wasm32-unknown-unknown"
  rustup toolchain install 1.95.0 --profile minimal --component rustfmt,clippy
  rustup target add wasm32-unknown-unknown --toolchain 1.95.0
fi
rustup component list --installed --toolchain 1.95.0 | grep -q clippy ||
  rustup component add clippy rustfmt --toolchain 1.95.0

# cargo-leptos 0.3.4 using tools from PATH (it cannot download here).
if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.4'; then
  log "installing cargo-leptos 0.3.4 (about 15 minutes, once per machine)"
  cargo +1.95.0 install cargo-leptos --locked --version 0.3.4 --features no_downloads
fi

# wasm-bindgen CLI at exactly the version in Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wb_version}\$"; then
  log "installing wasm-bindgen-cli ${wb_version}"
  cargo +1.95.0 install wasm-bindgen-cli --version "${wb_version}" --force
fi

# wasm-opt for release builds: binaryen 123 from npm (the Makefile puts
# tools/binaryen/node_modules/.bin first on PATH). Debian's binaryen 108
# breaks wasm-bindgen's externref table: the WASM then fails at start-up.
if [[ ! -x tools/binaryen/node_modules/.bin/wasm-opt ]] || [[ tools/binaryen/package-lock.json -nt tools/binaryen/node_modules/.package-lock.json ]]; then
  log "installing wasm-opt (binaryen 123, npm)"
  (cd tools/binaryen && npm ci --no-audit --no-fund)
fi

apt_missing=()
# webauthn-rs (passkeys) links OpenSSL.
command -v pkg-config >/dev/null || apt_missing+=(pkg-config)
pkg-config --exists openssl 2>/dev/null || apt_missing+=(libssl-dev)
if [[ "$mode" == test ]]; then
  command -v chromium >/dev/null || apt_missing+=(chromium)
  # Japanese glyphs, so screenshots and layout checks see real text.
  [[ -d /usr/share/fonts/opentype/noto ]] || apt_missing+=(fonts-noto-cjk)
fi
if ((${#apt_missing[@]})); then
  log "installing Debian packages: ${apt_missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${apt_missing[@]}"
fi

if [[ "$mode" == test ]]; then
  # Playwright without its browser download: we drive Debian's Chromium.
  if [[ ! -d end2end/node_modules/@playwright/test ]] || [[ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    log "installing end2end npm packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
log "ready"
