#!/usr/bin/env bash
# `make demo`: sync the in-memory demo connector, then each service mock with its connector
# (baton-okta, baton-jira, baton-github), printing `baton stats` for each c1z. Nothing reaches the network.
set -euo pipefail
bin="$1"
dir="$2"
mkdir -p "$dir"

echo "== baton-demo → $dir/demo.c1z"
"$bin/baton-demo" -f "$dir/demo.c1z" --log-format console
"$bin/baton" stats -f "$dir/demo.c1z"

# Starts `baton-mock ARGS --port 0` logging to $1, waits for its base URL and sets $url and $mock.
start_mock() {
    local log="$1"
    shift
    "$bin/baton-mock" "$@" --port 0 >"$log" 2>&1 &
    mock=$!
    mocks+=("$mock")
    url=""
    for _ in $(seq 1 100); do
        url=$(head -n 1 "$log" 2>/dev/null | grep -o 'http://[0-9.:]*' || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "demo: baton-mock did not start; see $log" >&2
    exit 1
}
mocks=()
trap 'for m in "${mocks[@]}"; do kill "$m" 2>/dev/null || true; done' EXIT

echo "== baton-mock okta (small tenant) + baton-okta → $dir/okta.c1z"
start_mock "$dir/okta-mock.log" okta --size small
token=$(grep -o 'SSWS [^ ]*' "$dir/okta-mock.log" | head -n 1 | cut -d' ' -f2)
"$bin/baton-okta" --domain "$url" --api-token "$token" -f "$dir/okta.c1z" --log-format console
"$bin/baton" stats -f "$dir/okta.c1z"

echo "== baton-mock jira (small site) + baton-jira → $dir/jira.c1z"
start_mock "$dir/jira-mock.log" jira --size small --email demo@example.com --token demo-jira-token
"$bin/baton-jira" --jira-url "$url" --jira-email demo@example.com --jira-api-token demo-jira-token \
    -f "$dir/jira.c1z" --log-format console
"$bin/baton" stats -f "$dir/jira.c1z"

echo "== baton-mock github (small org) + baton-github → $dir/github.c1z"
start_mock "$dir/github-mock.log" github --size small --token demo-github-token
"$bin/baton-github" --instance-url "$url" --token demo-github-token -f "$dir/github.c1z" --log-format console
"$bin/baton" stats -f "$dir/github.c1z"
