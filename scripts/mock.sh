# Sourced by demo.sh and chaos.sh: start a `baton-mock` child and wait for the base URL it prints.
# Needs $bin. Sets $url and $mock_pid, and appends the pid to the array $pids.

# mock_start LOG ARGS...: runs `baton-mock ARGS --port 0` logging to LOG; exits when it does not start.
mock_start() {
    local log="$1"
    shift
    "$bin/baton-mock" "$@" --port 0 >"$log" 2>&1 &
    mock_pid=$!
    pids+=("$mock_pid")
    url=""
    for _ in $(seq 1 300); do
        url=$(head -n 1 "$log" 2>/dev/null | grep -o 'http://[0-9.:]*' || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "baton-mock $* did not start; see $log" >&2
    exit 1
}

# mock_stop: SIGTERM, then SIGKILL after 5 s (a server holding requests may not stop by itself).
mock_stop() {
    kill "$mock_pid" 2>/dev/null
    for _ in $(seq 1 50); do
        kill -0 "$mock_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$mock_pid" 2>/dev/null
    wait "$mock_pid" 2>/dev/null
}
