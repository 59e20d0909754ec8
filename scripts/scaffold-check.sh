#!/usr/bin/env bash
# CI proof of `make new-connector`: generate a connector under a throw-away name, build and test just its
# targets (an incremental build), lint and validate it, sync its mock with it into a c1z that `baton` reads,
# then remove it and restore the registrations. Prints how long generation and the first test run took.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
# shellcheck disable=SC2206 # BUILD_FLAGS is a list of flags, split on purpose.
flags=(${BUILD_FLAGS:-})
bin="$("$SWIFT" build "${flags[@]}" --show-bin-path)"
name="probe$$"
type="Probe$$"
registrations=(Package.swift Connectors/connectors.txt Mocks/Server/CommandLineMocks.swift)
backup="$(mktemp -d)"
for file in "${registrations[@]}"; do cp "$file" "$backup/$(basename "$file")"; done
mock_pid=""

cleanup() {
    [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null || true
    rm -rf "Connectors/$type" "Mocks/$type" "Tests/${type}ConnectorTests" "Tests/Mock${type}Tests"
    for file in "${registrations[@]}"; do cp "$backup/$(basename "$file")" "$file"; done
    rm -rf "$backup"
}
trap cleanup EXIT

"$SWIFT" build "${flags[@]}" --product baton-connector
started=$(date +%s)
"$bin/baton-connector" init "$name" --description "Syncs the throw-away $name service, to prove the scaffold."
generated=$(date +%s)
"$SWIFT" build "${flags[@]}" --build-tests
"$SWIFT" test "${flags[@]}" --skip-build --filter "${type}ConnectorTests|Mock${type}Tests"
tested=$(date +%s)
echo "scaffold-check: init took $((generated - started))s, build and test of the new targets $((tested - generated))s"

"$SWIFT" format lint --strict --recursive "Connectors/$type" "Mocks/$type" "Tests/${type}ConnectorTests" \
    "Tests/Mock${type}Tests" Mocks/Server
for product in "baton-$name" baton-mock baton; do "$SWIFT" build "${flags[@]}" --product "$product"; done
"$bin/baton-connector" validate --bin-path "$bin" "Connectors/$type"

# The generated executable syncs the generated mock, and baton reads the result.
work="$backup/sync"
mkdir -p "$work"
"$bin/baton-mock" "$name" --port 0 --size tiny > "$work/mock.out" &
mock_pid=$!
for _ in $(seq 1 100); do [ -s "$work/mock.out" ] && break; sleep 0.1; done
url="$(head -n 1 "$work/mock.out")"
"$bin/baton-$name" --"$name"-url "$url" --"$name"-token "mock-$name-token" -f "$work/$name.c1z"
"$bin/baton" stats -f "$work/$name.c1z"
echo "scaffold-check: baton-$name generated, built, tested, validated and synced its mock; removed again"
