#!/usr/bin/env bash
# Re-imports the whole catalog into spec/ from pinned versions of Tencent's Python packages.
#
#   scripts/import-catalog.sh            import every service version into spec/
#   scripts/import-catalog.sh --check    the same, then fail if spec/ changed (CI)
#
# The packages are inputs only: their wheels are downloaded into a scratch directory (its own
# virtual environment provides pip) and unpacked side by side, never installed, because tccli
# and tccli-intl-en are the same Python package `tccli`. Nothing outside the scratch directory
# and spec/ is written. Environment:
#   TC_IMPORT_SCRATCH  scratch directory (default ${TMPDIR:-/tmp}/tc-import-catalog); kept
#                      between runs, so a second run downloads nothing
#   CARGO_TARGET_DIR   where cargo builds the importer (default target/)
#   PIP_FIND_LINKS     a folder of the wheels, for an offline run (pip's own variable)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
scratch="${TC_IMPORT_SCRATCH:-${TMPDIR:-/tmp}/tc-import-catalog}"
target="${CARGO_TARGET_DIR:-$root/target}"

# The pinned inputs; spec/README.md says what each one gives.
pins=(
    "tccli==3.1.189.1"
    "tccli-intl-en==3.1.193.1"
    "tencentcloud-sdk-python==3.1.189"
)

echo "== inputs (pinned) in $scratch"
mkdir -p "$scratch/wheels" "$scratch/unpacked"
if [ ! -x "$scratch/venv/bin/pip" ]; then
    python3 -m venv "$scratch/venv"
fi
for pin in "${pins[@]}"; do
    name="${pin%%==*}"
    version="${pin##*==}"
    dir="$scratch/unpacked/$name-$version"
    if [ ! -f "$dir/.unpacked" ]; then
        "$scratch/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
            --only-binary=:all: --dest "$scratch/wheels" "$pin"
        wheel="$(ls "$scratch/wheels/${name//-/_}-$version-"*.whl | head -n 1)"
        rm -rf "$dir"
        "$scratch/venv/bin/python" -m zipfile -e "$wheel" "$dir"
        touch "$dir/.unpacked"
    fi
    echo "$pin: $dir"
done
tccli="$scratch/unpacked/tccli-3.1.189.1/tccli/services"
english="$scratch/unpacked/tccli-intl-en-3.1.193.1/tccli/services"
sdk="$scratch/unpacked/tencentcloud-sdk-python-3.1.189/tencentcloud"

echo "== building the importer (release)"
(cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --release -p tc-codegen \
    --no-default-features --features import --example catalog)

echo "== importing every service version into spec/"
"$target/release/examples/catalog" "$tccli" --sdk "$sdk" --english "$english" \
    --action-errors "$root/spec/action-error-codes.json" --common "$root/spec/common.json" \
    --overlays "$root/spec" --out "$root/spec" --english-report "$root/spec/ENGLISH.md"


if [ "$check" = 1 ]; then
    echo "== spec/ must be unchanged"
    git -C "$root" diff --stat --exit-code -- spec/
    untracked="$(git -C "$root" ls-files --others --exclude-standard -- spec/)"
    if [ -n "$untracked" ]; then
        echo "new, uncommitted spec files:" >&2
        echo "$untracked" >&2
        exit 1
    fi
    echo "spec/ is reproduced byte for byte"
fi
