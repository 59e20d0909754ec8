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
"$bin/baton" report -f "$dir/demo.c1z" -o "$dir/report.html"

# shellcheck source=scripts/mock.sh
. "$(dirname "$0")/mock.sh"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

echo "== baton-mock okta (small tenant) + baton-okta → $dir/okta.c1z"
mock_start "$dir/okta-mock.log" okta --size small
token=$(grep -o 'SSWS [^ ]*' "$dir/okta-mock.log" | head -n 1 | cut -d' ' -f2)
"$bin/baton-okta" --domain "$url" --api-token "$token" -f "$dir/okta.c1z" --log-format console
"$bin/baton" stats -f "$dir/okta.c1z"

echo "== baton-mock jira (small site) + baton-jira → $dir/jira.c1z"
mock_start "$dir/jira-mock.log" jira --size small --email demo@example.com --token demo-jira-token
"$bin/baton-jira" --jira-url "$url" --jira-email demo@example.com --jira-api-token demo-jira-token \
    -f "$dir/jira.c1z" --log-format console
"$bin/baton" stats -f "$dir/jira.c1z"

echo "== baton-mock github (small org) + baton-github → $dir/github.c1z"
mock_start "$dir/github-mock.log" github --size small --token demo-github-token
"$bin/baton-github" --instance-url "$url" --token demo-github-token -f "$dir/github.c1z" --log-format console
"$bin/baton" stats -f "$dir/github.c1z"
