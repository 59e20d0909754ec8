#!/usr/bin/env bash
# `make chaos`: a bounded campaign that must end green. For every connector:
#   1. a sync through 10% injected faults and a tight rate limit equals a clean sync;
#   2. syncs killed with SIGKILL at random moments, every kill mid-sync, resume to the clean result,
#      and the previous c1z is never touched meanwhile (the kills are counted by phase);
#   3. hostile files (to `baton` and to a sync's --file) and hostile servers each give one error
#      line, a non-zero exit, no crash and no hang; each hostile server speaks its service's JSON
#      and its check asserts the error of the guard it is about;
#   4. no secret appears in any log, error, c1z or working file;
#   5. the service-mode path: the same through `baton sync -- baton-<service>` (scripts/chaos-service.sh);
#   6. the daemon-mode path: daemons killed mid-task, restarted, finish it (scripts/chaos-daemon.sh).
# Usage: scripts/chaos.sh BIN_DIR WORK_DIR   (CHAOS_KILLS=20, CHAOS_SERVICES="okta", CHAOS_SEED=$RANDOM)
set -uo pipefail
bin="$1"
dir="$2"
kills="${CHAOS_KILLS:-20}"
# shellcheck source=scripts/service-connectors.sh
. "$(dirname "$0")/service-connectors.sh"
services="${CHAOS_SERVICES:-$(connector_names | tr '\n' ' ')}"
seed="${CHAOS_SEED:-$RANDOM}"
RANDOM=$seed
secret="chaos-secret-$seed-$(date +%s)"
failures=0
checks=0

mkdir -p "$dir"
rm -rf "${dir:?}"/*
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT

pass() { checks=$((checks + 1)); echo "  ok    $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "  FAIL  $*"; }

# The mock arguments and connector flags of each service, from Connectors/connectors.txt.
mock_args() { service_mock_args "$1" "$secret" chaos@example.com; }
connector_args() { service_connector_args "$1" "$2" "$secret" chaos@example.com; }

# shellcheck source=scripts/mock.sh
. "$(dirname "$0")/mock.sh"
# shellcheck source=scripts/chaos-service.sh
. "$(dirname "$0")/chaos-service.sh"
# shellcheck source=scripts/chaos-daemon.sh
. "$(dirname "$0")/chaos-daemon.sh"

# Starts `baton-mock ARGS` (one word list); mock logs live apart: the mock is told the secret, and
# the scan is about our tools' output.
start_mock() {
    mkdir -p "$dir/mocks"
    # shellcheck disable=SC2086
    mock_start "$dir/mocks/mock-$RANDOM.log" $1
}

# Runs the connector of $1 against $url into $2 (extra flags after); output in $2.out/$2.err.
sync_to() {
    local service="$1" out="$2"
    shift 2
    # shellcheck disable=SC2046
    timeout 600 "$bin/baton-$service" $(connector_args "$service" "$url") -f "$out" --log-format json "$@" \
        >"$out.out" 2>"$out.err"
}

# True when two c1z files hold the same resources, entitlements and grants.
same_content() {
    local diff
    diff=$("$bin/baton" diff -f "$1" --to "$2" -o json 2>&1) || return 1
    [ "$diff" = '{"resources":{},"entitlements":{},"grants":{}}' ] || { echo "    ${diff:0:300}"; return 1; }
}

# Expects the command's exit status to be an error (1..127, not a crash), stderr one line and, when a pattern
# (grep -E) is given, that line to match it: the error the check is about, not any error.
expect_clean_error() {
    local what="$1" status="$2" err="$3" pattern="${4:-}"
    local lines
    lines=$(grep -c '' "$err")
    if [ "$status" -ge 1 ] && [ "$status" -lt 124 ] && [ "$lines" -eq 1 ] \
        && { [ -z "$pattern" ] || grep -qE "$pattern" "$err"; }; then
        pass "$what: exit $status, '$(cut -c1-110 "$err")'"
    else
        fail "$what: exit $status with $lines error lines${pattern:+ (expected /$pattern/)}: $(head -c 300 "$err")"
    fi
}

# The error each hostile server mode must end in.
declare -A hostile_errors=(
    [malformed-json]='failed to unmarshal json response: invalid JSON'
    [wrong-types]='failed to unmarshal json response: type mismatch'
    [huge-strings]='response body larger than [0-9]+ bytes'
    [same-page-token]='next page token unchanged|returned a page token it already returned|returned the same page twice'
    [never-answer]='request timeout'
)

# The phase a killed run was in, from its debug log: the phase after the last one it finished (or the one it
# resumed at); "start" before any (validation, the resource types), "saving" after the last, "saved" once the
# c1z was written.
kill_phase() {
    local log="$1" last phase
    if grep -q '"c1z saved"' "$log"; then echo saved; return; fi
    last=$(grep -E '"(sync phase finished|resuming unfinished sync)"' "$log" | tail -n 1)
    phase=$(printf '%s' "$last" | grep -o '"phase":"[a-z-]*"' | cut -d'"' -f4)
    if [ -z "$phase" ]; then echo start; return; fi
    if printf '%s' "$last" | grep -q 'resuming'; then echo "$phase"; return; fi
    case "$phase" in
        list-resource-types) echo list-resources ;;
        list-resources) echo list-entitlements ;;
        list-entitlements) echo list-grants ;;
        list-grants) echo grant-expansion ;;
        *) echo saving ;;
    esac
}

echo "chaos campaign: services '$services', $kills kills each, seed $seed"

for service in $services; do
    echo "== $service"
    base="$dir/$service"
    start_mock "$(mock_args "$service") --size small --seed 7"
    if sync_to "$service" "$base-clean.c1z"; then pass "clean sync"; else fail "clean sync: $(tail -c 300 "$base-clean.c1z.err")"; fi
    mock_stop

    # 1. Faults and a tight rate limit.
    start_mock "$(mock_args "$service") --size small --seed 7 --fault-rate 0.1 --rate-limit 40/1s"
    if sync_to "$service" "$base-faults.c1z" && same_content "$base-clean.c1z" "$base-faults.c1z"; then
        pass "10% faults + 40 req/s limit: same content as the clean sync"
    else
        fail "faults: $(tail -c 300 "$base-faults.c1z.err")"
    fi
    mock_stop

    # 2. SIGKILL at random moments mid-sync, then resume. Each run is killed 0.1-1 s after it starts, and a
    #    resumed run carries on where the last one stopped, so every kill lands mid-sync only if one whole sync
    #    takes longer than all the kills together: the mock's latency is scaled from a timed sync until it does.
    #    A kill counts as landed when the process died of it before saving; its phase comes from the run's log.
    latency=3
    start_mock "$(mock_args "$service") --size small --seed 7 --latency-ms $latency --page-cap 10"
    started=$(date +%s%N)
    sync_to "$service" "$base-timing.c1z" --log-level error
    took_ms=$((($(date +%s%N) - started) / 1000000))
    mock_stop
    need_ms=$((kills * 700 + 4000))
    if [ "$took_ms" -lt "$need_ms" ]; then latency=$((latency * need_ms / (took_ms + 1) + 1)); fi
    echo "    one sync took $took_ms ms at --latency-ms 3; the kills run at --latency-ms $latency"
    start_mock "$(mock_args "$service") --size small --seed 7 --latency-ms $latency --page-cap 10"
    out="$base-killed.c1z"
    cp "$base-clean.c1z" "$out"
    before=$(sha256sum <"$out")
    landed=0
    late=0
    damaged=0
    attempt=0
    declare -A phases=()
    while [ $landed -lt "$kills" ] && [ $attempt -lt $((kills * 3)) ]; do
        attempt=$((attempt + 1))
        log="$base-kill-$attempt.log"
        # shellcheck disable=SC2046
        "$bin/baton-$service" $(connector_args "$service" "$url") -f "$out" --log-level debug --log-format json \
            >"$log" 2>&1 &
        pid=$!
        sleep "0.$((RANDOM % 9 + 1))$((RANDOM % 10))"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        status=$?
        phase=$(kill_phase "$log")
        if [ $status -eq 137 ] && [ "$phase" != "saved" ]; then
            landed=$((landed + 1))
            phases[$phase]=$((${phases[$phase]:-0} + 1))
        else
            late=$((late + 1))
        fi
        if [ "$(sha256sum <"$out")" != "$before" ]; then
            # A run that finished before the kill legitimately replaced the file; start over from it.
            if ! "$bin/baton" stats -f "$out" >/dev/null 2>&1; then damaged=$((damaged + 1)); fi
            before=$(sha256sum <"$out")
        fi
    done
    summary=""
    for phase in start list-resource-types list-resources list-entitlements list-grants grant-expansion saving; do
        [ -n "${phases[$phase]:-}" ] && summary="$summary $phase ${phases[$phase]},"
    done
    echo "    kills by phase:${summary%,}; after the sync had ended: $late"
    unset phases
    if [ $landed -eq "$kills" ] && sync_to "$service" "$out" && same_content "$base-clean.c1z" "$out" \
        && [ $damaged -eq 0 ] && [ ! -e "$out.partial" ]; then
        pass "$landed SIGKILLs mid-sync, resumed: same content, previous file never damaged"
    else
        fail "kill/resume: $landed of $kills kills mid-sync ($late after the end), $damaged damaged files: $(tail -c 300 "$out.err" 2>/dev/null)"
    fi
    mock_stop

    # 3a. Hostile files, to baton and as a sync's --file (which must be left as it was).
    printf 'C1ZF\0' >"$base-bad-truncated-header.c1z"
    head -c 2000 "$base-clean.c1z" >"$base-bad-truncated.c1z"
    cp "$base-clean.c1z" "$base-bad-corrupt.c1z"
    size=$(stat -c %s "$base-bad-corrupt.c1z")
    printf 'garbage-garbage-garbage-garbage' | dd of="$base-bad-corrupt.c1z" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
    printf 'C1Z3\0pebble' >"$base-bad-v3.c1z"
    printf 'PK\3\4 not a c1z' >"$base-bad-magic.c1z"
    : >"$base-bad-empty.c1z"
    for bad in "$base"-bad-*.c1z; do
        name=$(basename "$bad" .c1z)
        timeout 60 "$bin/baton" stats -f "$bad" >/dev/null 2>"$bad.err"
        expect_clean_error "baton stats on ${name#"$service"-}" $? "$bad.err"
    done
    BATON_DECODER_MAX_DECODED_SIZE_MB=1 timeout 60 "$bin/baton" stats -f "$base-clean.c1z" >/dev/null 2>"$base-big.err"
    expect_clean_error "baton stats over a 1 MB decompression limit" $? "$base-big.err"
    start_mock "$(mock_args "$service") --size tiny"
    for bad in "$base-bad-corrupt.c1z" "$base-bad-v3.c1z"; do
        before=$(sha256sum <"$bad")
        sync_to "$service" "$bad" --log-level error
        status=$?
        expect_clean_error "sync into ${bad##*/}" $status "$bad.err"
        if [ "$(sha256sum <"$bad")" = "$before" ]; then pass "${bad##*/} left as it was"; else fail "${bad##*/} was changed"; fi
        rm -f "$bad.partial"
    done
    mock_stop

    # 3b. Hostile servers, each in the JSON shape of the service it plays, so that the connector gets past
    #     decoding to the guard the mode is about; the check asserts that guard's message. huge-strings sends
    #     more than the HTTP client's 256 MiB response limit; the rest are bounded by --http-timeout-seconds
    #     and the retry caps.
    for mode in malformed-json wrong-types huge-strings same-page-token never-answer; do
        start_mock "hostile --service $service --mode $mode --huge-mib 100"
        started=$(date +%s)
        sync_to "$service" "$base-hostile-$mode.c1z" --log-level error --http-timeout-seconds 2
        status=$?
        expect_clean_error "server: $mode ($(($(date +%s) - started)) s)" $status "$base-hostile-$mode.c1z.err" \
            "${hostile_errors[$mode]}"
        mock_stop
    done

    # 5. The same service through the connector-service protocol (before the scan, which reads its files).
    chaos_service_mode "$service" "$base"
    chaos_daemon_mode "$service" "$base"

    # 4. Secrets: a debug-level run, a run with a wrong secret, and everything they wrote.
    start_mock "$(mock_args "$service") --size tiny"
    sync_to "$service" "$base-secrets.c1z" --log-level debug
    # shellcheck disable=SC2046
    timeout 120 "$bin/baton-$service" $(connector_args "$service" "$url" | sed "s/$secret/$secret-wrong/g") \
        -f "$base-wrong.c1z" --log-level error >"$base-wrong.out" 2>"$base-wrong.err"
    expect_clean_error "a wrong secret" $? "$base-wrong.err"
    mock_stop
    leaks=0
    scanned=0
    for file in "$dir"/*; do
        [ -f "$file" ] || continue
        scanned=$((scanned + 1))
        found=1
        grep -aqF "$secret" "$file" && found=0
        # A c1z is `C1ZF\0` + zstd: look inside the decompressed database too.
        if [ $found -ne 0 ] && [ "$(head -c 4 "$file")" = "C1ZF" ]; then
            tail -c +6 "$file" | zstd -dcq 2>/dev/null | grep -aqF "$secret" && found=0
        fi
        if [ $found -eq 0 ]; then
            leaks=$((leaks + 1))
            echo "    secret found in $file"
        fi
    done
    if [ $leaks -eq 0 ]; then pass "no secret in any of $scanned files (logs, errors, c1z, working files)"; else fail "$leaks files hold the secret"; fi
done

echo
if [ $failures -eq 0 ]; then
    echo "chaos: all $checks checks passed (seed $seed)"
else
    echo "chaos: $failures of $checks checks FAILED (seed $seed)"
    exit 1
fi
