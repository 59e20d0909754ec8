# Sourced by scripts/chaos.sh: the daemon-mode path of one service. A `baton-<service>` daemon takes a
# full-sync task from `baton-mock conductorone`:
#   a. it is SIGKILLed mid-sync a few times; the mock hands the task out again once its heartbeats stop
#      (--task-lease-ms), and the next daemon resumes the saved sync, uploads it and reports success;
#   b. the uploaded c1z holds the clean sync's content, and SIGTERM stops the daemon with exit 0;
#   c. neither the client secret nor the service secret appears in the daemons' logs.
# Uses chaos.sh's helpers and counters: start_mock, mock_stop, connector_args, same_content, pass, fail.

# Starts `baton-mock conductorone` with one full-sync task; sets $c1_url, $c1_pid and $c1_state.
start_conductor() {
    c1_state="$1"
    mkdir -p "$c1_state" "$dir/mocks"
    "$bin/baton-mock" conductorone --port 0 --state-dir "$c1_state" --task sync_full --task-lease-ms 2500 \
        --heartbeat-ms 1000 --poll-ms 200 >"$dir/mocks/conductorone-$RANDOM.log" 2>&1 &
    c1_pid=$!
    pids+=("$c1_pid")
    c1_url=""
    for _ in $(seq 1 300); do
        [ -f "$c1_state/client.env" ] && c1_url=$(grep -o 'BATON_C1_API_HOST=.*' "$c1_state/client.env" | cut -d= -f2)
        [ -n "$c1_url" ] && return 0
        sleep 0.1
    done
    echo "baton-mock conductorone did not start" >&2
    return 1
}

# Starts a daemon of service $1 logging to $2; sets $daemon_pid.
start_daemon() {
    local service="$1" log="$2"
    # shellcheck disable=SC2046
    (
        set -a
        # shellcheck source=/dev/null
        . "$c1_state/client.env"
        set +a
        SSL_CERT_FILE="$c1_state/ca.pem" BATON_HOST_ID="chaos-$service" exec "$bin/baton-$service" \
            $(connector_args "$service" "$url") --c1z-temp-dir "$dir/daemon-$service" --log-level info \
            --log-format json >/dev/null 2>"$log"
    ) &
    daemon_pid=$!
}

chaos_daemon_mode() {
    local service="$1" base="$2"
    echo "  -- daemon mode (baton-$service --client-id … against baton-mock conductorone)"
    mkdir -p "$dir/daemon-$service"
    start_mock "$(mock_args "$service") --size small --seed 7 --latency-ms 3 --page-cap 10"
    start_conductor "$dir/c1-$service" || {
        fail "daemon mode: the ConductorOne mock did not start"
        mock_stop
        return
    }
    local killed=0 midsync=0 status round
    for round in 1 2 3; do
        start_daemon "$service" "$base-daemon-$round.err"
        sleep "$((RANDOM % 2)).$((RANDOM % 9 + 1))"
        # A kill lands mid-sync when the task's working file exists.
        ls "$dir/daemon-$service"/baton-sync-*.partial >/dev/null 2>&1 && midsync=$((midsync + 1))
        kill -9 "$daemon_pid" 2>/dev/null && killed=$((killed + 1))
        wait "$daemon_pid" 2>/dev/null
    done
    echo "    $killed daemons SIGKILLed, $midsync of them mid-sync"

    start_daemon "$service" "$base-daemon-final.err"
    local results=""
    for _ in $(seq 1 600); do
        results=$(curl -s --cacert "$dir/c1-$service/ca.pem" "https://$c1_url/__mock/results")
        grep -q '"outcome": *"success"' <<<"$results" && break
        sleep 0.2
    done
    kill -TERM "$daemon_pid" 2>/dev/null
    wait "$daemon_pid"
    status=$?
    local upload
    upload=$(ls "$dir/c1-$service"/uploads/*.c1z 2>/dev/null | head -1)
    if grep -q '"outcome": *"success"' <<<"$results" && [ -n "$upload" ] && same_content "$base-clean.c1z" "$upload" \
        && [ $status -eq 0 ]; then
        pass "daemon mode, $killed SIGKILLs then a restart: the task finished, the upload equals the clean sync, SIGTERM exits 0"
    else
        fail "daemon mode kill/restart: exit $status, results ${results:0:300}, $(tail -c 300 "$base-daemon-final.err")"
    fi
    local client_secret leaked=0
    client_secret=$(grep -o 'BATON_CLIENT_SECRET=.*' "$dir/c1-$service/client.env" | cut -d= -f2-)
    for log in "$base"-daemon-*.err; do
        if grep -aqF -e "$client_secret" -e "$secret" "$log"; then
            leaked=$((leaked + 1))
            echo "    a secret is in $log"
        fi
    done
    if [ $leaked -eq 0 ]; then pass "no secret in the daemons' logs"; else fail "$leaked daemon logs hold a secret"; fi
    kill "$c1_pid" 2>/dev/null
    wait "$c1_pid" 2>/dev/null
    mock_stop
}
