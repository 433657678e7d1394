#!/usr/bin/env bash
# The fault run: 10,000 calls (by default) through the generated ssl client against emulators
# that inject seeded faults (throttling, InternalError, 502, 503, drops, truncated JSON,
# delays past the client's timeout), mixing the retry-safe DescribeCertificate and
# DescribeCertificates with the non-idempotent ApplyCertificate, judged from each emulator's
# own journal and state.
#
#   bench/faults/run.sh                    # 10,000 calls, seed 1
#   bench/faults/run.sh --calls 2000 --seed 7 --shards 4
#
# Exit status 1 when the run breaks a rule: a non-idempotent action sent again after an
# ambiguous failure, a retry-safe call lost to an ambiguous answer it did not retry, or a
# service error without a RequestId.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --release -p tc-bench-faults
exec "${CARGO_TARGET_DIR:-target}/release/tc-bench-faults" "$@"
