#!/usr/bin/env bash
# `make fuzz`: builds `baton-fuzz` once with libFuzzer and AddressSanitizer (BATON_FUZZ=1 declares it; see
# Package.swift), then runs every target for FUZZ_SECONDS (60) each, or only FUZZ_TARGETS="okta-page rate-limit".
# Each target starts from its committed seeds (Tests/Fuzz/Corpus/<target>/) in a working corpus under the
# scratch path, so what the fuzzer keeps is not committed unless someone minimises it in by hand. A crash, a
# hang (FUZZ_TIMEOUT, 10 s per input) or a broken contract fails the run and leaves the input in
# <scratch>/fuzz/artifacts/<target>/; replay one with
#   BATON_FUZZ_TARGET=<target> <bin>/baton-fuzz <artifact>
# Prints, per target, the executions, the coverage (libFuzzer's `cov:`, edges) and exec/s.
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
seconds="${FUZZ_SECONDS:-60}"
timeout="${FUZZ_TIMEOUT:-10}"
scratch="${FUZZ_SCRATCH:-.build-fuzzer}"
corpus=Tests/Fuzz/Corpus
targets="${FUZZ_TARGETS:-$(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)}"
flags=(--product baton-fuzz -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch")

started=$(date +%s)
BATON_FUZZ=1 "$swift" build "${flags[@]}"
bin="$(BATON_FUZZ=1 "$swift" build "${flags[@]}" --show-bin-path)/baton-fuzz"
echo "fuzz: sanitized build $(($(date +%s) - started)) s; ${seconds} s per target"

failures=0
summary=()
for target in $targets; do
    work="$scratch/fuzz/corpus/$target"
    artifacts="$scratch/fuzz/artifacts/$target"
    log="$scratch/fuzz/$target.log"
    mkdir -p "$work" "$artifacts"
    cp -n "$corpus/$target"/* "$work"/ 2>/dev/null || true
    # Leak checking is off: the Swift runtime's and Foundation's process-lifetime caches read as leaks. Swift's
    # backtracer is off too: it reads the crashed thread's stack, which AddressSanitizer reports instead of the trap.
    status=0
    BATON_FUZZ_TARGET="$target" BATON_FUZZ_TMPDIR="$scratch/fuzz" SWIFT_BACKTRACE=enable=no \
        ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" \
        "$bin" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3072 -detect_leaks=0 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -oE '(DONE|pulse|NEW|REDUCE|INITED) +cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || echo "?")
    rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo "?")
    if [ $status -eq 0 ]; then
        result="ok"
    else
        failures=$((failures + 1))
        result="FAILED (exit $status): $(grep -m1 -E 'Fatal error|ERROR|baton-fuzz|deadly|timeout' "$log" | cut -c1-120); see $log"
    fi
    line=$(printf '%-17s %10s execs  cov %6s  %7s exec/s  %s' "$target" "${execs:-?}" "${cov:-?}" "${rate:-?}" "$result")
    echo "$line"
    summary+=("$line")
done

echo
echo "fuzz: ${#summary[@]} targets, ${seconds} s each, $(($(date +%s) - started)) s in all"
printf '%s\n' "${summary[@]}"
if [ $failures -ne 0 ]; then
    echo "fuzz: $failures targets FAILED (inputs in $scratch/fuzz/artifacts/)"
    exit 1
fi
