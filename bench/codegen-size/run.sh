#!/usr/bin/env bash
# What the generated code costs its users: lines and bytes per service, and the debug build
# time of each service compiled alone (dependencies already built). Not part of CI: it needs
# the unpacked tccli and SDK wheels (see /work/coord/PROTOCOL.md or `pip download`).
#
#   bench/codegen-size/run.sh [service:version...]      (default: ssl:2019-12-05 cvm:2017-03-12 vpc:2017-03-12)
#
# ssl is generated from spec/; the others are imported from tccli first.
# Environment:
#   WHEELS   unpacked wheels (default /tmp/wheels/x), holding tccli/tccli/services and
#            tencentcloud_sdk_python/tencentcloud
#   BASE     a git revision to measure side by side with the worktree (its own generator and
#            runtime), e.g. BASE=main
#   OUT      scratch folder (default /tmp/codegen-size)
#   CARGO_TARGET_DIR   as usual; the compile crates use sub-folders of it
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
wheels="${WHEELS:-/tmp/wheels/x}"
out="${OUT:-/tmp/codegen-size}"
target="${CARGO_TARGET_DIR:-$root/target}"
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(ssl:2019-12-05 cvm:2017-03-12 vpc:2017-03-12)

rm -rf "$out" && mkdir -p "$out"

# Builds the generator of the tree at $1 and writes every service's code under $2.
generate_all() {
    local tree="$1" dest="$2" tool
    (cd "$tree" && CARGO_TARGET_DIR="$target" cargo build -q -p tc-codegen --bin tc-codegen)
    tool="$target/debug/tc-codegen"
    mkdir -p "$dest/specs" "$dest/code"
    cp "$tree/spec/common.json" "$dest/specs/"
    for item in "${services[@]}"; do
        local service="${item%%:*}" version="${item#*:}"
        local spec="$dest/specs/$service/$version.json"
        mkdir -p "$dest/specs/$service"
        if [ -f "$tree/spec/$service/$version.json" ]; then
            cp "$tree/spec/$service/$version.json" "$spec"
        else
            local ver="v${version//-/}"
            "$tool" import "$wheels/tccli/tccli/services/$service/$ver" \
                --errorcodes "$wheels/tencentcloud_sdk_python/tencentcloud/$service/$ver/errorcodes.py" \
                --out "$spec" 2> "$dest/import-$service.log"
        fi
        "$tool" generate "$spec" --out "$dest/code/$service.rs" 2> /dev/null
    done
}

# A crate that includes each service behind its own feature, against the runtime of $2.
compile_crate() {
    local dest="$1" tree="$2"
    mkdir -p "$dest/compile/src"
    {
        echo '[package]'
        echo 'name = "tc-codegen-size"'
        echo 'version = "0.0.0"'
        echo 'edition = "2024"'
        echo 'publish = false'
        echo '[workspace]'
        echo '[dependencies]'
        echo "tc-runtime = { path = \"$tree/runtime\" }"
        echo 'serde = { version = "1", features = ["derive"] }'
        echo 'serde_json = "1"'
        echo '[features]'
        for item in "${services[@]}"; do echo "${item%%:*} = []"; done
    } > "$dest/compile/Cargo.toml"
    {
        echo '//! Generated services, one feature each.'
        for item in "${services[@]}"; do
            local service="${item%%:*}"
            echo "#[cfg(feature = \"$service\")] pub mod $service { include!(\"$dest/code/$service.rs\"); }"
        done
    } > "$dest/compile/src/lib.rs"
    # Dependencies first, so that each timed build compiles the generated code alone.
    (cd "$dest/compile" && CARGO_TARGET_DIR="$target/codegen-size-$(basename "$dest")" cargo build -q 2>/dev/null)
}

# Prints one line: label, lines, bytes, debug build seconds.
measure() {
    local dest="$1" label="$2" service="$3" start end result=ok
    local file="$dest/code/$service.rs"
    start=$(date +%s.%N)
    (cd "$dest/compile" && CARGO_TARGET_DIR="$target/codegen-size-$(basename "$dest")" \
        cargo build -q --features "$service" 2> "$dest/compile-$service.log") || result="FAILED (see $dest/compile-$service.log)"
    end=$(date +%s.%N)
    printf '%-5s %-4s %7d lines %8d bytes  debug build %6.1f s  %s\n' \
        "$service" "$label" "$(wc -l < "$file")" "$(wc -c < "$file")" "$(echo "$end - $start" | bc)" "$result"
}

echo "== generating (worktree)"
generate_all "$root" "$out/new"
compile_crate "$out/new" "$root"
if [ -n "${BASE:-}" ]; then
    echo "== generating ($BASE)"
    mkdir -p "$out/base-tree"
    git -C "$root" archive "$BASE" | tar -x -C "$out/base-tree"
    generate_all "$out/base-tree" "$out/base"
    compile_crate "$out/base" "$out/base-tree"
fi

echo "== debug builds, one service at a time${BASE:+ (base and worktree alternating)}"
for item in "${services[@]}"; do
    service="${item%%:*}"
    [ -z "${BASE:-}" ] || measure "$out/base" base "$service"
    measure "$out/new" new "$service"
done
