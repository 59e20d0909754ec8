#!/usr/bin/env bash
# `make demo`: sync the in-memory demo connector, then the Okta mock with baton-okta, and print
# `baton stats` for each c1z. Everything runs on this machine; nothing reaches the network.
set -euo pipefail
bin="$1"
dir="$2"
mkdir -p "$dir"

echo "== baton-demo → $dir/demo.c1z"
"$bin/baton-demo" -f "$dir/demo.c1z" --log-format console
"$bin/baton" stats -f "$dir/demo.c1z"

echo "== baton-mock okta (small tenant) + baton-okta → $dir/okta.c1z"
log="$dir/okta-mock.log"
"$bin/baton-mock" okta --size small --port 0 >"$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(head -n 1 "$log" 2>/dev/null | grep -o 'http://[0-9.:]*' || true)
    [ -n "$url" ] && break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "demo: the Okta mock did not start; see $log" >&2
    exit 1
fi
token=$(grep -o 'SSWS [^ ]*' "$log" | head -n 1 | cut -d' ' -f2)
"$bin/baton-okta" --domain "$url" --api-token "$token" -f "$dir/okta.c1z" --log-format console
"$bin/baton" stats -f "$dir/okta.c1z"
