#!/usr/bin/env bash
# Imports, checks and generates every service version that the installed tccli ships, then
# compiles five large generated services. Not part of CI: it needs the Python packages.
#
#   bench/catalog/run.sh [site-packages] [services to compile...]
#
# site-packages holds `tccli/services` (pip install tccli) and `tencentcloud/*/v*/errorcodes.py`
# (pip install tencentcloud-sdk-python); default /tmp/tcvenv/lib/python3.11/site-packages.
# Environment: CARGO_TARGET_DIR (default target/), OUT (default /tmp/tc-catalog), SKIP_COMPILE=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
site="${1:-/tmp/tcvenv/lib/python3.11/site-packages}"
shift || true
compile=("$@")
[ ${#compile[@]} -gt 0 ] || compile=(cdn:2018-06-06 teo:2022-09-01 vod:2018-07-17 cwp:2018-02-28 tke:2018-05-25)
out="${OUT:-/tmp/tc-catalog}"
target="${CARGO_TARGET_DIR:-$root/target}"

echo "== building the catalog tool (release)"
(cd "$root" && CARGO_TARGET_DIR="$target" cargo build -q --release -p tc-codegen --no-default-features --example catalog)

rm -rf "$out" && mkdir -p "$out/specs"
cp "$root/spec/common.json" "$out/specs/"
echo "== import + check + generate: $site/tccli/services"
set +e
"$target/release/examples/catalog" "$site/tccli/services" --sdk "$site/tencentcloud" \
    --overlays "$root/spec" --out "$out/specs" --generate > "$out/catalog.log"
status=$?
set -e
grep -E '^(imported|checked|total)' "$out/catalog.log"
echo "unsupported members: $(grep -c '^unsupported:' "$out/catalog.log" || true)"
echo "generate errors: $(grep -c '^generate error:' "$out/catalog.log" || true) (details in $out/catalog.log)"
echo "import errors: $(grep -c '^error:' "$out/catalog.log" || true)"
echo "catalog tool exit status: $status"

[ "${SKIP_COMPILE:-0}" = 1 ] && exit 0

echo "== compiling ${compile[*]}"
crate="$out/compile"
mkdir -p "$crate/src"
{
    echo '[package]'
    echo 'name = "tc-catalog-compile"'
    echo 'version = "0.0.0"'
    echo 'edition = "2024"'
    echo 'publish = false'
    echo '[workspace]'
    echo '[dependencies]'
    echo "tc-runtime = { path = \"$root/runtime\" }"
    echo 'serde = { version = "1", features = ["derive"] }'
    echo 'serde_json = "1"'
    echo '[features]'
    for item in "${compile[@]}"; do echo "${item%%:*} = []"; done
} > "$crate/Cargo.toml"
{
    echo '//! Generated services of the catalog bench, one feature each.'
    for item in "${compile[@]}"; do
        service="${item%%:*}"
        version="${item#*:}"
        echo "#[cfg(feature = \"$service\")] pub mod $service { pub mod v${version//-/} { include!(\"$out/specs/$service/$version.rs\"); } }"
    done
} > "$crate/src/lib.rs"
(cd "$crate" && CARGO_TARGET_DIR="$target/catalog-compile" cargo build -q 2>/dev/null || true)
for item in "${compile[@]}"; do
    service="${item%%:*}"
    version="${item#*:}"
    lines=$(wc -l < "$out/specs/$service/$version.rs")
    start=$(date +%s.%N)
    if (cd "$crate" && CARGO_TARGET_DIR="$target/catalog-compile" cargo build -q --features "$service" 2> "$out/compile-$service.log"); then
        result=ok
    else
        result="FAILED (see $out/compile-$service.log)"
    fi
    end=$(date +%s.%N)
    warnings=$(grep -c '^warning' "$out/compile-$service.log" || true)
    printf '%-6s %s: %7d lines, debug build %6.1f s, %s warnings, %s\n' "$service" "$version" "$lines" "$(echo "$end - $start" | bc)" "$warnings" "$result"
done
