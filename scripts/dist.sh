#!/usr/bin/env bash
# make build: release binaries of every connector (or those named: okta github …) into
# dist/<os>_<arch>/baton-<name>, the goreleaser layout the publishing guide uses.
#
# They must run where there is no Swift toolchain and no -dev package: the Swift runtime and
# Foundation are linked statically (--static-swift-stdlib), and so are libzstd, libsqlite3 and zlib.
# Their modulemaps say `link "zstd"`; the linker takes the first libzstd it finds along the -L path,
# and .build-static-libs holds only the Debian -dev packages' .a files (and gcc's libstdc++.a, which
# the Swift runtime's -lstdc++ would otherwise take as a shared library), so -lzstd means libzstd.a.
# Package.swift gives these modules no pkg-config name on Linux: SwiftPM would put the .pc file's
# -L/usr/lib/<arch> ahead of this folder.
# `--links-only` prepares that folder and stops (make bench builds with the same flags).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
swift="${SWIFT:-swift}"

multiarch="$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
mkdir -p .build-static-libs
for archive in /usr/lib/"$multiarch"/{libzstd,libsqlite3,libz}.a "$(gcc -print-file-name=libstdc++.a)"; do
    [ -f "$archive" ] || { echo "dist: $archive is missing (make setup installs the -dev packages)" >&2; exit 1; }
    ln -sf "$archive" ".build-static-libs/$(basename "$archive")"
done
[ "${1:-}" = "--links-only" ] && exit 0

flags=(${RELEASE_FLAGS:--c release --scratch-path $root/.build-release --static-swift-stdlib -Xswiftc -L$root/.build-static-libs -Xswiftc -Xclang-linker -Xswiftc -static-libgcc})
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="$(uname -m)" ;;
esac

if [ $# -gt 0 ]; then
    names=("$@")
else
    mapfile -t names < <(./scripts/connectors.sh)
fi
out="dist/${os}_${arch}"
mkdir -p "$out"
bin="$("$swift" build "${flags[@]}" --show-bin-path)"
for name in "${names[@]}"; do
    "$swift" build "${flags[@]}" --product "baton-$name"
    # Debug info is most of a static binary's size; a release ships without it.
    strip -o "$out/baton-$name.tmp" "$bin/baton-$name"
    chmod 755 "$out/baton-$name.tmp"
    mv "$out/baton-$name.tmp" "$out/baton-$name"
    echo "dist: $out/baton-$name ($(du -h "$out/baton-$name" | cut -f1))"
done
