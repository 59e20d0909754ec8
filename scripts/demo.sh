#!/usr/bin/env bash
# `make demo`: sync the in-memory demo connector, then each service connector of Connectors/connectors.txt
# against its mock (a small tenant), printing `baton stats` for each c1z. Nothing reaches the network.
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
# shellcheck source=scripts/service-connectors.sh
. "$(dirname "$0")/service-connectors.sh"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

secret="demo-secret"
email="demo@example.com"
for name in $(connector_names); do
    echo "== baton-mock $name (small) + baton-$name → $dir/$name.c1z"
    # shellcheck disable=SC2046
    mock_start "$dir/$name-mock.log" $(service_mock_args "$name" "$secret" "$email") --size small
    # shellcheck disable=SC2046
    "$bin/baton-$name" $(service_connector_args "$name" "$url" "$secret" "$email") -f "$dir/$name.c1z" \
        --log-format console
    "$bin/baton" stats -f "$dir/$name.c1z"
done
