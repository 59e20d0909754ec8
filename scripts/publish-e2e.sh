#!/usr/bin/env bash
# The publishing path end to end with the real executables: a dist/ binary (make build CONNECTORS=demo),
# make release with a fresh cosign key, baton-mock registry, and baton-connector's keys add, publish,
# download (verified, then unpacked and run), a foreign org's 403, yank, and a registry restart.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$(date +%s)
bin="$(swift build --show-bin-path)"
swift build --product baton-connector >/dev/null 2>&1
swift build --product baton-mock >/dev/null 2>&1
ls dist/*_*/baton-demo >/dev/null 2>&1 || { echo "publish-e2e: run make build CONNECTORS=demo first" >&2; exit 1; }

work="$(mktemp -d)"
registry_pid=""
cleanup() {
    [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "publish-e2e: $*" >&2; exit 1; }

publisher="e2e-publisher-$RANDOM$RANDOM"
admin="e2e-admin-$RANDOM$RANDOM"
start_registry() {
    "$bin/baton-mock" registry --port 0 --data "$work/registry" --publisher-token "acme=$publisher" \
        --publisher-token "globex=other-$publisher" --admin-token "$admin" > "$work/registry.out" 2>&1 &
    registry_pid=$!
    for _ in $(seq 50); do
        url="$(head -n 1 "$work/registry.out" 2>/dev/null || true)"
        [[ "$url" == http* ]] && break
        sleep 0.1
    done
    [[ "$url" == http* ]] || fail "the registry did not start: $(cat "$work/registry.out")"
    export BATON_REGISTRY_URL="$url"
}

"$bin/baton-connector" keys generate acme --output-dir "$work"
[ "$(stat -c %a "$work/acme.key")" = 600 ] || fail "acme.key is not mode 0600"
version="v0.$((RANDOM % 100)).$((RANDOM % 100))"
make -s release VERSION="$version" SIGNING_KEY="$work/acme.key" > "$work/release.out"
archive="$(ls dist/release/demo-"$version"-*.tar.gz | head -n 1)"
platform="$(basename "$archive" .tar.gz)"; platform="${platform#demo-$version-}"

start_registry
export BATON_REGISTRY_TOKEN="$publisher"
"$bin/baton-connector" keys add acme --name release --type cosign --key-file "$work/acme.pub" > "$work/out.txt"
"$bin/baton-connector" publish acme/baton-demo "$version" --dist dist/release --key release | tee -a "$work/out.txt"
grep -q "acme/demo $version PUBLISHED" "$work/out.txt" || fail "the version was not published"

"$bin/baton-connector" download acme/demo --platform "$platform" --output-dir "$work/download" | tee -a "$work/out.txt"
grep -q "signature verified with acme/release" "$work/out.txt" || fail "the download was not verified"
cmp "$archive" "$work/download/$(basename "$archive")" || fail "the downloaded archive differs"
mkdir "$work/unpacked" && tar -xzf "$work/download/$(basename "$archive")" -C "$work/unpacked"
"$work/unpacked/baton-demo" --help | grep -q -- "--file string" || fail "the downloaded binary does not run"

if BATON_REGISTRY_TOKEN="other-$publisher" "$bin/baton-connector" publish acme/demo "$version" --dist dist/release \
    2> "$work/forbidden.txt"; then fail "another org's token could publish"; fi
grep -q "403" "$work/forbidden.txt" || fail "expected a 403: $(cat "$work/forbidden.txt")"

BATON_REGISTRY_TOKEN="$admin" "$bin/baton-connector" yank acme/demo "$version" --reason "e2e" >> "$work/out.txt"
"$bin/baton-connector" show acme/demo "$version" --output json > "$work/show.json"
grep -q '"state" : "YANKED"' "$work/show.json" || fail "the version is not YANKED: $(cat "$work/show.json")"

kill "$registry_pid"; wait "$registry_pid" 2>/dev/null || true
start_registry
"$bin/baton-connector" versions acme/demo | grep -q "$version YANKED" || fail "the restarted registry lost the version"

if grep -rq -e "$publisher" -e "$admin" "$work"/*.txt "$work"/*.out "$work/show.json"; then fail "a token was printed"; fi
echo "publish-e2e: passed in $(( $(date +%s) - started )) s ($(stat -c %s "$archive") byte archive for $platform)"
