# Sourced by scripts/chaos.sh: the service-mode path of one service. The same tenant is synced through
# `baton sync -- baton-<service> …` (the connector-service protocol: a child on local mutual TLS):
#   a. through 10% injected faults and a tight rate limit, the content equals the clean sync;
#   b. SIGKILLs of the child (the parent must stop with one line naming it) and of the parent (the
#      child must exit when its stdin closes), then a resume to the clean content, the previous
#      file never damaged;
#   c. a garbage and a missing stdin line each give the child one error line and a non-zero exit.
# Uses chaos.sh's helpers and counters: start_mock, mock_stop, connector_args, same_content, pass, fail.

# Syncs service $1 through the protocol into $2 (extra baton flags after); output in $2.out/$2.err.
remote_sync_to() {
    local service="$1" out="$2"
    shift 2
    # shellcheck disable=SC2046
    timeout 600 "$bin/baton" sync -f "$out" --log-format json "$@" -- \
        "$bin/baton-$service" $(connector_args "$service" "$url") --log-level error >"$out.out" 2>"$out.err"
}

chaos_service_mode() {
    local service="$1" base="$2"
    echo "  -- service mode (baton sync -- baton-$service)"

    start_mock "$(mock_args "$service") --size small --seed 7 --fault-rate 0.1 --rate-limit 40/1s"
    if remote_sync_to "$service" "$base-service-faults.c1z" \
        && same_content "$base-clean.c1z" "$base-service-faults.c1z"; then
        pass "service mode, 10% faults + 40 req/s limit: same content as the clean sync"
    else
        fail "service mode faults: $(tail -c 300 "$base-service-faults.c1z.err")"
    fi
    mock_stop

    start_mock "$(mock_args "$service") --size small --seed 7 --latency-ms 3 --page-cap 10"
    local out="$base-service-killed.c1z" before child pid status
    local child_kills=0 parent_kills=0 finished=0 unclear=0 orphans=0 damaged=0
    cp "$base-clean.c1z" "$out"
    before=$(sha256sum <"$out")
    for round in $(seq 1 "$kills"); do
        # shellcheck disable=SC2046
        "$bin/baton" sync -f "$out" --log-level error -- \
            "$bin/baton-$service" $(connector_args "$service" "$url") --log-level error >/dev/null 2>"$out.err" &
        pid=$!
        sleep "0.$((RANDOM % 9 + 1))$((RANDOM % 10))"
        child=$(pgrep -P "$pid" 2>/dev/null | head -1)
        if [ $((round % 2)) -eq 0 ] && [ -n "$child" ] && kill -9 "$child" 2>/dev/null; then
            wait "$pid"
            status=$?
            if [ $status -eq 0 ]; then
                finished=$((finished + 1))
            else
                child_kills=$((child_kills + 1))
                # The parent names the child and how it ended, on one line.
                if [ "$(grep -c '' "$out.err")" -ne 1 ] || ! grep -q "quit" "$out.err"; then
                    unclear=$((unclear + 1))
                    echo "    after a child kill: exit $status, $(head -c 200 "$out.err")"
                fi
            fi
        elif kill -9 "$pid" 2>/dev/null; then
            parent_kills=$((parent_kills + 1))
            wait "$pid" 2>/dev/null
            # The orphaned child sees its stdin close and exits on its own.
            if [ -n "$child" ]; then
                for _ in $(seq 1 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
                if kill -0 "$child" 2>/dev/null; then
                    orphans=$((orphans + 1))
                    kill -9 "$child" 2>/dev/null
                fi
            fi
        else
            wait "$pid" 2>/dev/null
            finished=$((finished + 1))
        fi
        if [ "$(sha256sum <"$out")" != "$before" ]; then
            if ! "$bin/baton" stats -f "$out" >/dev/null 2>&1; then damaged=$((damaged + 1)); fi
            before=$(sha256sum <"$out")
        fi
    done
    echo "    $child_kills child kills and $parent_kills parent kills landed mid-sync; $finished runs finished first"
    if remote_sync_to "$service" "$out" && same_content "$base-clean.c1z" "$out" && [ $damaged -eq 0 ] \
        && [ $unclear -eq 0 ] && [ $orphans -eq 0 ] && [ ! -e "$out.partial" ]; then
        pass "service mode, $child_kills child and $parent_kills parent SIGKILLs, resumed: same content, one-line errors, no orphan"
    else
        fail "service mode kill/resume: $damaged damaged, $unclear unclear errors, $orphans orphans: $(tail -c 300 "$out.err")"
    fi

    # shellcheck disable=SC2046
    printf 'not base64!\n' | timeout 60 "$bin/baton-$service" $(connector_args "$service" "$url") \
        _connector-service >/dev/null 2>"$base-service-garbage.err"
    expect_clean_error "service child, garbage stdin line" $? "$base-service-garbage.err"
    # shellcheck disable=SC2046
    timeout 60 "$bin/baton-$service" $(connector_args "$service" "$url") _connector-service </dev/null \
        >/dev/null 2>"$base-service-closed.err"
    expect_clean_error "service child, closed stdin" $? "$base-service-closed.err"
    mock_stop
}
