#!/usr/bin/env bash
# Prints the connectors, one lowercased name a line (okta for Connectors/Okta): the one list that
# make build, make demo and the scripts read.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for dir in Connectors/*/; do
    [ -f "$dir/baton_capabilities.json" ] || continue
    basename "$dir" | tr '[:upper:]' '[:lower:]'
done
