#!/usr/bin/env bash
# tccx and tccli side by side, in one run: wall time and peak RSS of `--version`, `ssl help`,
# `--generate-cli-skeleton` and one call against the local emulator; tccx's binary size and the
# build time the crate adds (build script + compile of tc-cli, dependencies already built).
#
# Usage: cli/bench/compare.sh [path/to/tccli]
#   tccli: the first argument, else $TC_TCCLI, else `tccli` on PATH (pip install tccli).
#   RUNS_TCCX (default 50) and RUNS_TCCLI (default 5) set the repetitions; means are shown.
#   Needs GNU time (/usr/bin/time; Debian: apt-get install time).
# Machine-dependent: run on an idle machine and read the ratios, not the absolute figures.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TCCLI="${1:-${TC_TCCLI:-tccli}}"
RUNS_TCCX="${RUNS_TCCX:-50}"
RUNS_TCCLI="${RUNS_TCCLI:-5}"
command -v "$TCCLI" >/dev/null || { echo "compare.sh: no tccli at '$TCCLI'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "compare.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== build (release): the time tc-cli adds once its dependencies are built"
cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p tc-cli -p tc-emulator
touch "$ROOT/cli/build.rs"
start=$(date +%s.%N)
cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p tc-cli
end=$(date +%s.%N)
printf 'tc-cli build script + compile: %.1f s\n' "$(echo "$end - $start" | bc)"
TCCX="$TARGET/release/tccx"
printf 'tccx binary: %s bytes (%.1f MiB)\n' "$(stat -c %s "$TCCX")" "$(echo "$(stat -c %s "$TCCX") / 1048576" | bc -l)"

WORK="$(mktemp -d)"
"$TARGET/release/tc-emulator" --port 0 >"$WORK/emulator.out" 2>&1 &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/emulator.out" 2>/dev/null && break
    sleep 0.1
done
URL="$(sed -n 's/^tc-emulator listening on //p' "$WORK/emulator.out")"
[[ -n "$URL" ]] || { echo "compare.sh: the emulator did not start" >&2; exit 1; }
# Both write nothing into the real HOME (tccli writes ~/.tccli on every run).
export HOME="$WORK/home"
mkdir -p "$HOME"
CALL=(ssl DescribeCertificates --Limit 1 --endpoint "$URL" --region ap-guangzhou
      --secretId AKIDEMULATOR00000000000000000000000 --secretKey emulator-demo-secret-key-000000000)

# mean wall ms over `runs` runs (timed as a whole, for sub-millisecond resolution) and the
# peak RSS KiB of one more run
measure() {
    local runs=$1; shift
    local start end
    start=$(date +%s%N)
    for _ in $(seq 1 "$runs"); do
        "$@" >/dev/null 2>&1 || true
    done
    end=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
    echo "$(echo "scale=2; ($end - $start) / 1000000 / $runs" | bc) $(cat "$WORK/rss")"
}

printf '\n%-26s %10s %10s %9s %10s %10s\n' case "tccx ms" "tccli ms" speedup "tccx MiB" "tccli MiB"
row() {
    local name=$1; shift
    read -r x_ms x_kib < <(measure "$RUNS_TCCX" "$TCCX" "$@")
    read -r p_ms p_kib < <(measure "$RUNS_TCCLI" "$TCCLI" "$@")
    printf '%-26s %10.2f %10.0f %8.0fx %10.1f %10.1f\n' "$name" "$x_ms" "$p_ms" \
        "$(echo "$p_ms / $x_ms" | bc -l)" "$(echo "$x_kib / 1024" | bc -l)" "$(echo "$p_kib / 1024" | bc -l)"
}
row "--version" --version
row "ssl help" ssl help
row "--generate-cli-skeleton" ssl ApplyCertificate --generate-cli-skeleton
row "one call (emulator)" "${CALL[@]}"
