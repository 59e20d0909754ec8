#!/usr/bin/env bash
# Builds everything (tests included) and fails when the compiler warns about first-party code.
#
# Dependencies' warnings are theirs; ours (Sources, Connectors, Mocks, Shared, Tests) must be zero, so a
# new one fails CI instead of scrolling past. Only files compiled by this build are seen: CI builds from a
# fresh clone, so that is every file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
${SWIFT:-swift} build --build-tests ${BUILD_FLAGS:-} 2>&1 | tee "$log" || status=$?
[ "$status" -eq 0 ] || exit "$status"

warnings="$(grep -E "^$root/(Sources|Connectors|Mocks|Shared|Tests)/[^:]+:[0-9]+:[0-9]+: warning:" "$log" | sort -u || true)"
if [ -n "$warnings" ]; then
    echo "$warnings" >&2
    echo "build-checked: $(wc -l <<<"$warnings") compiler warning(s) in first-party code" >&2
    exit 1
fi
echo "build-checked: no compiler warnings in first-party code"
