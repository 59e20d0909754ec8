#!/usr/bin/env bash
# Regenerates Sources/BatonProto/Generated from the .proto files under Shared/Protos.
#
# protoc-gen-swift is built from the swift-protobuf version Package.swift pins (1.39.0), in its
# own scratch folder so it never disturbs the main build. The output is deterministic: running
# this twice yields byte-identical files, so a diff after regeneration means the schema changed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

proto_dir="Shared/Protos"
out_dir="Sources/BatonProto/Generated"
tools_dir="${BATON_PROTO_TOOLS_DIR:-.build-tools}"

command -v protoc >/dev/null || {
    echo "generate-protos: protoc not found (apt-get install protobuf-compiler)" >&2
    exit 1
}

plugin="$tools_dir/release/protoc-gen-swift"
if [[ ! -x "$plugin" ]]; then
    echo "generate-protos: building protoc-gen-swift (first run only, takes a few minutes)" >&2
    swift build -c release --product protoc-gen-swift --scratch-path "$tools_dir" >&2
fi

# A stable, locale-independent file order keeps the output reproducible.
mapfile -t protos < <(cd "$proto_dir" && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
if [[ ${#protos[@]} -eq 0 ]]; then
    echo "generate-protos: no .proto files under $proto_dir" >&2
    exit 1
fi

# Generate into a fresh folder, then swap it in, so stale files from removed protos disappear and
# a failed run leaves the previous output untouched.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

protoc \
    --plugin=protoc-gen-swift="$plugin" \
    --proto_path="$proto_dir" \
    --swift_out="$staging" \
    --swift_opt=Visibility=Public \
    --swift_opt=FileNaming=PathToUnderscores \
    --swift_opt=UseAccessLevelOnImports=true \
    "${protos[@]/#/$proto_dir/}"

rm -rf "$out_dir"
mkdir -p "$out_dir"
cp "$staging"/*.swift "$out_dir"/
echo "generate-protos: wrote $(find "$out_dir" -name '*.swift' | wc -l) files to $out_dir" >&2
