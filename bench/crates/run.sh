#!/usr/bin/env bash
# What the catalog costs its users and us (issue 8): each figure printed with the machine's load
# average, because the machine it runs on may be shared. Not part of CI.
#
#   bench/crates/run.sh [catalog] [builds] [services] [cold] [emulator] [packages]
#
#   catalog   import + check + generate of the whole catalog (release importer, all cores),
#             then check + generate alone; needs scripts/import-catalog.sh to have run once
#             (it leaves the pinned inputs in TC_IMPORT_SCRATCH)
#   builds    the default features (ssl): a no-op build and the build after a spec edit
#   services  debug build of the facade with only cvm, vpc, teo, dnspod, cdn (SERVICES=...),
#             its dependencies built: the crate's incremental state removed and the spec
#             touched first, so that build.rs and a whole compile of the crate run again
#   sample    CI's catalog sample (.ci/run): build, then clippy of the library, after a spec edit
#   cold      the default features from an empty target dir (COLD_TARGET, removed first)
#   emulator  tc-emulator's start with the whole catalog, then a first and a second request to
#             csip (751 actions, read on its first request) through tccx
#   packages  generated/package.sh: every package, its size, the facade built from them
#
# With no step named, all but `cold` run. Environment: CARGO_TARGET_DIR (default target/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
export CARGO_TARGET_DIR="$target"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(catalog builds services sample emulator packages)

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
# Runs the command quietly (its errors go to stderr); prints `label: wall seconds, CPU seconds
# (user + system, of the command and its children), load average before`. CPU time moves less
# than wall time on a shared machine.
timed() {
    local label="$1"
    shift
    local before times wall user sys
    before=$(load)
    times=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null; } 2>&1 >/dev/null | tail -1)
    read -r wall user sys <<<"$times"
    printf '%-44s %7.2f s wall %7.2f s CPU   (load %s)\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$before"
}

catalog() {
    local scratch="${TC_IMPORT_SCRATCH:-${TMPDIR:-/tmp}/tc-import-catalog}/unpacked"
    local tccli="$scratch/tccli-3.1.189.1/tccli/services"
    local english="$scratch/tccli-intl-en-3.1.193.1/tccli/services"
    local sdk="$scratch/tencentcloud-sdk-python-3.1.189/tencentcloud"
    if [ ! -d "$tccli" ] || [ ! -d "$english" ] || [ ! -d "$sdk" ]; then
        echo "catalog: the pinned inputs are not in $scratch; run scripts/import-catalog.sh once" >&2
        return 1
    fi
    echo "== catalog (release importer, $(nproc) cores)"
    cargo build --quiet --release -p tc-codegen --no-default-features --features import --example catalog
    local out
    out=$(mktemp -d)
    cp spec/common.json "$out/"
    local tool="$target/release/examples/catalog"
    timed "import + check + generate (300 versions)" "$tool" "$tccli" --sdk "$sdk" \
        --english "$english" --action-errors spec/action-error-codes.json \
        --common spec/common.json --overlays spec --out "$out" --generate
    timed "check + generate of spec/" "$tool" --specs spec
    rm -rf "$out"
}

builds() {
    echo "== the default features (ssl)"
    cargo build --quiet -p tencentcloud
    timed "no-op build" cargo build --quiet -p tencentcloud
    touch spec/ssl/2019-12-05.json
    timed "after a spec edit (spec/ssl touched)" cargo build --quiet -p tencentcloud
}

services() {
    echo "== debug build of the facade with one service (dependencies built)"
    local service
    for service in ${SERVICES:-cvm vpc teo dnspod cdn}; do
        # A first build of the crate: no incremental state left from earlier builds.
        rm -rf "$target"/debug/incremental/tencentcloud-*
        touch spec/"$service"/*.json
        timed "$service (all its versions)" \
            cargo build --quiet -p tencentcloud --no-default-features --features "$service"
    done
}

sample() {
    echo "== CI's catalog sample: csip, ssl, dnspod, cvm built, then linted (dependencies built)"
    rm -rf "$target"/debug/incremental/tencentcloud-*
    touch spec/csip/*.json
    timed "cargo build (csip, ssl, dnspod, cvm)" cargo build --quiet -p tencentcloud --features csip,dnspod,cvm
    timed "cargo clippy --lib (the same)" cargo clippy --quiet -p tencentcloud --lib --features csip,dnspod,cvm -- -D warnings
}

cold() {
    local cold="${COLD_TARGET:-${TMPDIR:-/tmp}/tc-cold-target}"
    echo "== cold build of the default features in $cold"
    rm -rf "$cold"
    timed "cold build (every dependency)" env CARGO_TARGET_DIR="$cold" cargo build --quiet -p tencentcloud
    rm -rf "$cold"
}

emulator() {
    echo "== tc-emulator with the whole catalog (debug build, as cargo run gives it)"
    cargo build --quiet -p tc-emulator -p tc-cli
    local log
    log=$(mktemp)
    local before start
    before=$(load)
    start=$(now)
    "$target/debug/tc-emulator" --spec-dir spec --port 0 --no-rate-limits >"$log" 2>&1 &
    local pid=$!
    local waited=0
    until grep -q 'listening on' "$log"; do
        sleep 0.01
        waited=$((waited + 1))
        if [ $waited -gt 3000 ] || ! kill -0 $pid 2>/dev/null; then
            echo "tc-emulator did not start:" >&2
            cat "$log" >&2
            kill $pid 2>/dev/null || true
            return 1
        fi
    done
    printf '%-48s %7.2f s   (load %s)\n' "start, until it listens" "$(since "$start")" "$before"
    local url
    url=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
    export TENCENTCLOUD_SECRET_ID=AKIDEMULATOR00000000000000000000000
    export TENCENTCLOUD_SECRET_KEY=emulator-demo-secret-key-000000000
    local call=("$target/debug/tccx" csip DescribeAIAgentAssetList --region ap-guangzhou --endpoint "$url")
    timed "csip first request (reads csip, through tccx)" "${call[@]}"
    timed "csip second request (through tccx)" "${call[@]}"
    timed "tccx --version (the client's own share)" "$target/debug/tccx" --version
    kill $pid
    wait $pid 2>/dev/null || true
    rm -f "$log"
}

packages() {
    echo "== packages"
    bash generated/package.sh
}

for step in "${steps[@]}"; do
    case "$step" in
        catalog | builds | services | sample | cold | emulator | packages) "$step" ;;
        *) echo "unknown step $step (catalog builds services sample cold emulator packages)" >&2; exit 2 ;;
    esac
done
