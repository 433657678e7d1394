#!/usr/bin/env bash
# The load run: 256 connections (by default), each with one request always in flight, against
# the release tc-emulator binary for 60 s. It reports requests/s, every failed request and the
# emulator's resident memory sampled from /proc once a second, and exits 1 when a request
# failed or memory grew after warm-up. Not in CI: it takes a minute of both cores.
#
#   bench/load/run.sh                          # 256 connections, 60 s
#   bench/load/run.sh --conns 64 --seconds 10  # a quick look
#   bench/load/run.sh --threads 2              # the emulator on two worker threads
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --release -p tc-emulator -p tc-bench-load
target="${CARGO_TARGET_DIR:-target}/release"
exec "$target/tc-bench-load" --emulator "$target/tc-emulator" "$@"
