#!/usr/bin/env bash
# Packages the crates we would publish, checks their sizes against crates.io's limit, and
# builds the facade from its packaged form, the way a user's `cargo add` would get it:
#
#   tencentcloud                 the facade: build.rs and one feature per service
#   tencentcloud-spec-<service>  one data crate per folder of spec/: its <version>.json files
#                                and a copy of common.json; `links` announces the folder
#   tc-runtime, tc-codegen, tc-macros
#
# Why data crates: the workspace keeps every spec in spec/, which the published facade cannot
# reach, and the whole catalog (86 MB of JSON) would not fit one crate. Each feature of the
# published facade pulls in its service's data crate; generated/build.rs reads the folder the
# data crate announces (DEP_TENCENTCLOUD_SPEC_<SERVICE>_DIR). Only this script writes that
# published form: a staging workspace where the facade's manifest gets one optional data crate
# per feature, packaged with `cargo package --no-verify`. The build from the packages is a
# scratch crate that depends on `tencentcloud` with $FEATURES, the .crate files unpacked and
# patched in for crates.io.
#
#   generated/package.sh           package everything, check sizes, build from the packages
#   generated/package.sh --sizes   package and check sizes only
#
# Environment: FEATURES (default ssl,cvm), PACKAGE_DIR (default /tmp/tc-package: the staging
# workspace, the .crate files in $PACKAGE_DIR/target/package, sizes.txt), CARGO_TARGET_DIR
# (default target/: the build from the packages shares it, so the workspace's dependencies
# are reused).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

build=true
case "${1:-}" in
    --sizes) build=false ;;
    "") ;;
    *) echo "usage: generated/package.sh [--sizes]" >&2; exit 2 ;;
esac
features="${FEATURES:-ssl,cvm}"
# Outside the repository: cargo package lists a package's files through git when it sits in a
# git work tree, and would see nothing in an ignored folder.
work="${PACKAGE_DIR:-${TMPDIR:-/tmp}/tc-package}"
stage="$work/stage"
limit=$((10 * 1024 * 1024)) # crates.io's default upload limit, in bytes
version=$(awk -F'"' '/^\[workspace.package\]/ { inside = 1 } inside && /^version = / { print $2; exit }' Cargo.toml)
[ -n "$version" ] || { echo "Cargo.toml: no [workspace.package] version" >&2; exit 1; }

start=$(date +%s)
echo "== staging the publishable crates in $stage"
rm -rf "$stage" "$work/target/package" "$work/unpacked" "$work/consumer"
mkdir -p "$stage/spec-crates"

# The crates' tracked sources (and new files not yet committed), without build outputs.
git ls-files -z --cached --others --exclude-standard runtime codegen macros generated |
    grep -zv -e '/target/' -e '^generated/spec-crate/' -e '^generated/package.sh$' -e '^generated/features.sh$' |
    tar --null -T - -cf - | tar -xf - -C "$stage"
cp Cargo.lock "$stage/"

# The workspace manifest, with the staged members and without the crates we do not publish.
awk '
    /^members = / { print "members = [\"runtime\", \"codegen\", \"macros\", \"generated\", \"spec-crates/*\"]"; next }
    /^default-members = / { next }
    /path = "/ && !/path = "(runtime|codegen|macros|generated)"/ { next }
    { print }
' Cargo.toml >"$stage/Cargo.toml"

# One data crate per service folder that holds a spec.
services=()
for dir in spec/*/; do
    service=$(basename "$dir")
    specs=("$dir"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].json)
    [ -e "${specs[0]}" ] || continue
    services+=("$service")
    crate="$stage/spec-crates/tencentcloud-spec-$service"
    mkdir -p "$crate/src" "$crate/spec/$service"
    # Hard links when the file system allows: the catalog is 86 MB.
    cp -l "${specs[@]}" "$crate/spec/$service/" 2>/dev/null || cp "${specs[@]}" "$crate/spec/$service/"
    cp spec/common.json "$crate/spec/"
    cp generated/spec-crate/build.rs "$crate/build.rs"
    cp generated/spec-crate/lib.rs "$crate/src/lib.rs"
    cp generated/spec-crate/README.md "$crate/README.md"
    names=("${specs[@]##*/}")
    names=("${names[@]%.json}")
    versions="${names[*]}"
    cat >"$crate/Cargo.toml" <<EOF
[package]
name = "tencentcloud-spec-$service"
description = "The API specs of Tencent Cloud's $service service ($versions), from which the tencentcloud crate generates its client."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
links = "tencentcloud-spec-$service"
build = "build.rs"
include = ["/build.rs", "/src/lib.rs", "/README.md", "/spec/**/*.json"]
EOF
done

# The facade's published manifest: each service feature (not `default` or `round-trip`) also
# enables its data crate, and the examples and tests (which need the workspace's emulator and
# spec/) stay out of the package.
awk -v version="$version" -v list="${services[*]}" '
    BEGIN { n = split(list, services, " ") }
    /^\[/ { section = $0; skipping = (section == "[dev-dependencies]" || section == "[[example]]") }
    skipping { next }
    section == "[features]" && /^[a-z0-9_-]+ = \[/ && $1 != "default" && $1 != "round-trip" {
        sub(/\[/, "[\"dep:tencentcloud-spec-" $1 "\", ")
        sub(/, \]$/, "]")
    }
    { print }
    section == "[package]" && /^name = / {
        print "autoexamples = false"
        print "autotests = false"
        print "include = [\"/build.rs\", \"/src/**/*.rs\", \"/README.md\"]"
    }
    $0 == "[dependencies]" {
        for (i = 1; i <= n; i++) {
            printf "tencentcloud-spec-%s = { path = \"../spec-crates/tencentcloud-spec-%s\", version = \"=%s\", optional = true }\n", services[i], services[i], version
        }
    }
' generated/Cargo.toml >"$stage/generated/Cargo.toml"
for service in ssl "${services[0]}"; do
    grep -q "^$service = \[\"dep:tencentcloud-spec-$service\"" "$stage/generated/Cargo.toml" || {
        echo "$stage/generated/Cargo.toml: feature $service does not enable its data crate" >&2
        exit 1
    }
done
cp README.md "$stage/generated/README.md"
echo "${#services[@]} data crates staged in $(($(date +%s) - start)) s"

echo "== cargo package (${#services[@]} data crates, tencentcloud, tc-runtime, tc-codegen, tc-macros)"
(cd "$stage" && CARGO_TARGET_DIR="$work/target" cargo package --workspace --no-verify --allow-dirty --quiet)
echo "packaged in $(($(date +%s) - start)) s"

echo "== sizes (crates.io accepts up to $limit bytes per .crate)"
ls -l "$work/target/package/"*.crate | awk '{ print $5, $9 }' | sort -rn >"$work/sizes.txt"
count=$(wc -l <"$work/sizes.txt")
total=$(awk '{ sum += $1 } END { print sum }' "$work/sizes.txt")
show() { awk -v limit="$limit" '{ n = split($2, p, "/"); printf "%10d bytes  %5.1f%% of the limit  %s\n", $1, 100 * $1 / limit, p[n] }'; }
echo "the five largest:"
head -5 "$work/sizes.txt" | show
echo "the code crates:"
grep -E '/(tencentcloud|tc-runtime|tc-codegen|tc-macros)-[0-9]' "$work/sizes.txt" | show
echo "$count crates, $total bytes in all (every size in $work/sizes.txt)"
over=$(awk -v limit="$limit" '$1 > limit' "$work/sizes.txt")
if [ -n "$over" ]; then
    echo "over crates.io's limit:" >&2
    printf '%s\n' "$over" | show >&2
    exit 1
fi
[ "$build" = true ] || exit 0

echo "== building tencentcloud from its packages with features $features"
unpacked="$work/unpacked"
consumer="$work/consumer"
mkdir -p "$unpacked" "$consumer/src"
needed=(tencentcloud tc-runtime tc-codegen)
IFS=, read -ra enabled <<<"$features"
for service in "${enabled[@]}"; do needed+=("tencentcloud-spec-$service"); done
{
    echo '[package]'
    echo 'name = "tc-package-consumer"'
    echo 'version = "0.0.0"'
    echo 'edition = "2024"'
    echo 'publish = false'
    echo '[workspace]'
    # The workspace's profiles, so that the dependencies built for it are reused here.
    awk '/^\[/ { inside = ($0 ~ /^\[profile/) } inside' Cargo.toml
    echo '[dependencies]'
    echo "tencentcloud = { version = \"$version\", default-features = false, features = [$(printf '"%s", ' "${enabled[@]}" | sed 's/, $//')] }"
    echo '[patch.crates-io]'
    for crate in "${needed[@]}"; do
        file="$work/target/package/$crate-$version.crate"
        [ -f "$file" ] || { echo "no package $file (is $crate a service of spec/?)" >&2; exit 1; }
        # Fresh times (-m): cargo judges path dependencies by mtime, and a .crate keeps its
        # files' old times, so a build left from an earlier run would pass for this one.
        tar -xzmf "$file" -C "$unpacked"
        echo "$crate = { path = \"$unpacked/$crate-$version\" }"
    done
} >"$consumer/Cargo.toml"
{
    echo '//! Uses each service the packaged facade was built with, so that its code is compiled.'
    for service in "${enabled[@]}"; do echo "pub use tencentcloud::$service;"; done
} >"$consumer/src/lib.rs"
# The workspace's lock file: the same dependency versions, so their builds are reused.
cp Cargo.lock "$consumer/"
build_start=$(date +%s)
(cd "$consumer" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" cargo build --quiet)
echo "built tencentcloud ($features) from its packages in $(($(date +%s) - build_start)) s"
echo "total $(($(date +%s) - start)) s"
