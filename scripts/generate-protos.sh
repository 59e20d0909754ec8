#!/usr/bin/env bash
# Regenerates Sources/BatonProto/Generated (messages) and Sources/BatonService/Generated (gRPC services)
# from the .proto files under Shared/Protos.
#
# protoc-gen-swift and protoc-gen-grpc-swift-2 are built from the versions Package.swift names
# (swift-protobuf 1.39.0, grpc-swift-protobuf), in their own scratch folder so they never disturb the
# main build. The output is deterministic: running
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
grpc_plugin="$tools_dir/release/protoc-gen-grpc-swift-2"
for product in protoc-gen-swift protoc-gen-grpc-swift-2; do
    if [[ ! -x "$tools_dir/release/$product" ]]; then
        echo "generate-protos: building $product (first run only, takes a few minutes)" >&2
        swift build -c release --product "$product" --scratch-path "$tools_dir" >&2
    fi
done

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

# The services a connector serves (c1.connector.v2 and the rate limiter): client and server code in
# BatonService, whose messages live in BatonProto. The c1z reader service is not served by anything.
service_out_dir="Sources/BatonService/Generated"
mapfile -t service_protos < <(cd "$proto_dir" && grep -l '^service ' "${protos[@]}" | grep -v '^c1/reader/' | LC_ALL=C sort)
mkdir -p "$staging/services"
{
    for proto in "${protos[@]}"; do
        printf 'mapping { module_name: "BatonProto" proto_file_path: "%s" }\n' "$proto"
    done
} > "$staging/module-map.asciipb"
protoc \
    --plugin=protoc-gen-grpc-swift-2="$grpc_plugin" \
    --proto_path="$proto_dir" \
    --grpc-swift-2_out="$staging/services" \
    --grpc-swift-2_opt=Visibility=Public \
    --grpc-swift-2_opt=FileNaming=PathToUnderscores \
    --grpc-swift-2_opt=UseAccessLevelOnImports=true \
    --grpc-swift-2_opt=ProtoPathModuleMappings="$staging/module-map.asciipb" \
    "${service_protos[@]/#/$proto_dir/}"

rm -rf "$out_dir" "$service_out_dir"
mkdir -p "$out_dir" "$service_out_dir"
cp "$staging"/*.swift "$out_dir"/
# The generator assumes a service's messages live beside it; here they are BatonProto's.
for file in "$staging"/services/*.swift; do
    # …and it leaves a method named after a keyword (RateLimiterService/Do) unescaped.
    sed -e 's/^public import GRPCCore$/public import BatonProto\npublic import GRPCCore/' \
        -e 's/func do\([(<]\)/func `do`\1/g' -e 's/\.do(/.`do`(/g' \
        "$file" > "$service_out_dir/$(basename "$file")"
done
echo "generate-protos: wrote $(find "$out_dir" -name '*.swift' | wc -l) files to $out_dir" >&2
echo "generate-protos: wrote $(find "$service_out_dir" -name '*.swift' | wc -l) files to $service_out_dir" >&2
