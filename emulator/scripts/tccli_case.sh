#!/usr/bin/env bash
# Tencent's CLI (tccli) against the emulator: ApplyCertificate and DescribeCertificate are
# accepted through --endpoint, and a wrong key is refused with AuthFailure.SignatureFailure.
#
# Usage: emulator/scripts/tccli_case.sh [path/to/tccli]
#   TCCLI (or the first argument) names the tccli to use (default: tccli on PATH).
#   TC_EMULATOR names the emulator binary (default: built with cargo).
set -euo pipefail

TCCLI="${1:-${TCCLI:-tccli}}"
if ! command -v "$TCCLI" >/dev/null 2>&1; then
    echo "tccli_case: no tccli at '$TCCLI' (pip install tccli, or pass its path)" >&2
    exit 2
fi
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ -z "${TC_EMULATOR:-}" ]]; then
    cargo build --quiet --manifest-path "$ROOT/Cargo.toml" -p tc-emulator --bin tc-emulator
    TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
    TC_EMULATOR="$TARGET/debug/tc-emulator"
fi

ID=AKIDEMULATOR00000000000000000000000
KEY=emulator-demo-secret-key-000000000
WORK="$(mktemp -d)"
"$TC_EMULATOR" --port 0 --secret-id "$ID" --secret-key "$KEY" >"$WORK/emulator.out" 2>&1 &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/emulator.out" 2>/dev/null && break
    sleep 0.1
done
URL="$(sed -n 's/^tc-emulator listening on //p' "$WORK/emulator.out")"
[[ -n "$URL" ]] || { echo "tccli_case: the emulator did not start" >&2; cat "$WORK/emulator.out" >&2; exit 1; }

common=(--endpoint "$URL" --region ap-guangzhou --secretId "$ID")
applied="$("$TCCLI" ssl ApplyCertificate "${common[@]}" --secretKey "$KEY" \
    --DvAuthMethod DNS_AUTO --DomainName tccli.example.com)"
cert_id="$(printf '%s' "$applied" | python3 -c 'import json,sys; print(json.load(sys.stdin)["CertificateId"])')"
echo "ApplyCertificate: CertificateId $cert_id"

described="$("$TCCLI" ssl DescribeCertificate "${common[@]}" --secretKey "$KEY" --CertificateId "$cert_id")"
status="$(printf '%s' "$described" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["Domain"]=="tccli.example.com", d; print(d["Status"])')"
echo "DescribeCertificate: Status $status"
[[ "$status" == 4 || "$status" == 1 ]] || { echo "tccli_case: unexpected status $status" >&2; exit 1; }

if refused="$("$TCCLI" ssl DescribeCertificate "${common[@]}" --secretKey "${KEY}-wrong" --CertificateId "$cert_id" 2>&1)"; then
    echo "tccli_case: a wrong key was accepted: $refused" >&2
    exit 1
fi
if ! grep -q "AuthFailure.SignatureFailure" <<<"$refused"; then
    echo "tccli_case: a wrong key was refused, but not with AuthFailure.SignatureFailure: $refused" >&2
    exit 1
fi
echo "wrong key: refused with AuthFailure.SignatureFailure"
echo "tccli_case: 3 passed, 0 failed"
