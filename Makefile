# Yorisoi: `make run` serves the demo at http://localhost:3000;
# `make test` runs every test. Both install what is missing first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Build cache outside the clone so a fresh clone (CI) reuses compiled
# dependencies. Only compiled output lives there; every tool is still
# installed by server/scripts/setup.sh when missing.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/yorisoi/target
# Incremental compilation kept 30+ GB of history in the shared cache within
# one session (the disk filled up); builds here are mostly from scratch
# or of a few crates, where it saves little.
export CARGO_INCREMENTAL ?= 0
# cargo-leptos sets this while building; setting it for plain cargo too keeps
# both from rebuilding leptos for each other.
export LEPTOS_OUTPUT_NAME := yorisoi
# wasm-opt from tools/binaryen (see server/scripts/setup.sh) before any other.
export PATH := $(CURDIR)/tools/binaryen/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup setup-test dictionary build build-release unit e2e lint fmt bench bench-plain-corpus clean-data fuzz crash advisories

run: setup dictionary build-release
	mkdir -p data
	$(CARGO_TARGET_DIR)/release/yorisoi serve --demo-if-empty

# The release site's files are compressed once here (brotli 11, gzip 9),
# not on every request.
build-release:
	cargo leptos build --release
	$(CARGO_TARGET_DIR)/release/yorisoi precompress target/site/pkg

build:
	cargo leptos build

setup:
	server/scripts/setup.sh run

setup-test:
	server/scripts/setup.sh test

# The furigana dictionary (IPADIC from Debian's mecab-ipadic), built once.
dictionary:
	server/scripts/ipadic.sh

# e2e before unit so the run closes on the Rust test counts.
test: setup-test dictionary lint e2e unit advisories

lint:
	cargo fmt --all --check
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings
	cargo clippy -p yorisoi-ipadic --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings

# Unit and data-layer tests; the data layer runs on SQLite and PostgreSQL.
unit:
	server/scripts/ensure-postgres.sh
	cargo test --workspace --features app/ssr --lib --bins
	# The server's integration tests render pages one at a time: Leptos
	# rendering on several single-threaded test runtimes at once can stall
	# (a rare hang, never seen on the one multi-threaded runtime `serve`
	# uses). Together they take about 10 s.
	cargo test -p server --features app/ssr --test '*' -- --test-threads=1

e2e: build
	end2end/run.sh

fmt:
	cargo fmt --all

# Fuzz the import parsers with libFuzzer for FUZZ_SECONDS each (by hand;
# make test runs their property tests). cargo-fuzz drives rustc's -Z flags,
# which the stable toolchain accepts with RUSTC_BOOTSTRAP=1; no sanitizer
# (its runtime ships only with nightly). Seeds: the fixtures.
FUZZ_SECONDS ?= 60
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	mkdir -p fuzz/corpus/careplan_csv fuzz/corpus/fhir fuzz/corpus/forms fuzz/corpus/query
	cp tests/fixtures/careplan/*.csv fuzz/corpus/careplan_csv/
	cp tests/fixtures/fhir/*.json fuzz/corpus/fhir/
	cp tests/fixtures/forms/*.txt fuzz/corpus/forms/
	cp tests/fixtures/query/*.txt fuzz/corpus/query/
	# Its own build cache (fuzz/target): the instrumented build shares nothing.
	cd fuzz && for t in careplan_csv fhir forms query; do \
	  env -u CARGO_TARGET_DIR RUSTC_BOOTSTRAP=1 cargo fuzz run "$$t" --sanitizer none -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

# RustSec advisories. cargo-audit reads its advisory database from a git
# repository on GitHub, which this kind of machine cannot reach (only the
# package registries): with cargo-audit and a copy of the database in
# ~/.cargo/advisory-db it runs offline; otherwise it says why it did not.
advisories:
	@if command -v cargo-audit >/dev/null && [ -d "$(HOME)/.cargo/advisory-db" ]; then \
	  cargo audit --no-fetch --db "$(HOME)/.cargo/advisory-db"; \
	else \
	  echo "advisories: skipped — the RustSec advisory database (~/.cargo/advisory-db, cloned from GitHub) and cargo-audit are not on this machine, and GitHub is not reachable from it; copy the database there and install cargo-audit to run this check"; \
	fi

# Crash safety with many SIGKILLs (make test runs the same test with 5).
CRASH_CYCLES ?= 50
crash: setup-test dictionary
	YORISOI_CRASH_CYCLES=$(CRASH_CYCLES) cargo test -p server --features app/ssr --test crash -- --nocapture

# Benchmarks: run by hand, figures in the README.
bench:
	server/scripts/bench-plain.sh

# Plain Japanese against the blind corpus's key (tests/corpus/plain), with
# jReadability; the current figures are in bench/RESULTS.md.
bench-plain-corpus:
	bench/plain-corpus.sh
