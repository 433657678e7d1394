#!/usr/bin/env bash
# Runs fuzz targets in release for N inputs each and prints inputs/s and panics found.
#
#   fuzz/run.sh                      # every target, 100,000 inputs each, seed 0
#   fuzz/run.sh -n 10000000 answer   # one target, ten million inputs
#   fuzz/run.sh -n 1000 -s 42 spec request
#   fuzz/run.sh -n 1000000 -t 3600 spec   # a million specs, or as many as fit in an hour
#
# Each distinct panicking input is written to fuzz/crashes/<target>/; move it into
# fuzz/corpus/<target>/ once fixed, so that `cargo test -p tc-fuzz` replays it for good.
# Exit status 1 when any input panicked.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=100000
seed=0
progress=0
limit=()
while getopts "n:s:p:t:" option; do
    case "$option" in
        n) inputs="$OPTARG" ;;
        s) seed="$OPTARG" ;;
        p) progress="$OPTARG" ;;
        t) limit=(--max-seconds "$OPTARG") ;;
        *) echo "usage: fuzz/run.sh [-n inputs] [-s seed] [-p progress-every] [-t max-seconds] [target...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(all)
fi

cargo build --quiet --release -p tc-fuzz
status=0
for target in "${targets[@]}"; do
    "${CARGO_TARGET_DIR:-target}/release/tc-fuzz" "$target" \
        --inputs "$inputs" --seed "$seed" --progress "$progress" "${limit[@]}" \
        --crashes fuzz/crashes || status=1
done
exit "$status"
