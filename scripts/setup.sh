#!/usr/bin/env bash
# One set-up step for every make target that builds: checks the Debian packages the build and the
# scripts need, installs the missing ones when running as root, and otherwise stops with the exact
# command to run. A machine that has everything pays one dpkg-query call (well under a second).
#
# The list is the single source of truth: .ci/run calls this script rather than keeping its own.
set -euo pipefail

# libsqlite3-dev, libzstd-dev, zlib1g-dev, pkg-config: the CSQLite/CZstd/CZlib system modules (their .a
# files are what `make build` links statically).
# zstd, sqlite3: the command-line tools the chaos campaign uses to build hostile files.
# gnupg, openssl: release signatures are made by the real gpg and checked by openssl in the tests.
# chromium: the headless browser the report and explorer tests render pages in.
# python3, python3-venv: the OTLP receiver of the OpenTelemetry tests (below).
packages=(libsqlite3-dev libzstd-dev zlib1g-dev pkg-config zstd sqlite3 gnupg openssl chromium python3 python3-venv)
# BATON_EXTRA_PACKAGES adds names (space-separated), e.g. to try the missing-package paths.
packages+=(${BATON_EXTRA_PACKAGES:-})

# The OTLP receiver of the OpenTelemetry tests (scripts/otlp-receiver.py) runs on the official PyPI packages
# opentelemetry-proto and grpcio, installed once into a venv of the project's own (.venv-otel, gitignored), after
# the Debian packages (python3-venv among them). A failure is reported, not fatal: only those tests need it, and
# they fail saying so.
setup_venv() {
    local venv
    venv="$(cd "$(dirname "$0")/.." && pwd)/.venv-otel"
    [ -f "$venv/.installed" ] && return 0
    echo "setup: creating $venv (opentelemetry-proto, grpcio)" >&2
    if python3 -m venv "$venv" >&2 \
        && "$venv/bin/pip" install -q --disable-pip-version-check opentelemetry-proto grpcio >&2; then
        touch "$venv/.installed"
    else
        echo "setup: could not create $venv; the OpenTelemetry tests will fail" >&2
    fi
}

# dpkg-query prints "install ok installed" for each installed package; anything else is missing.
missing=()
status="$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)"
for p in "${packages[@]}"; do
    grep -qx "$p install ok installed" <<<"$status" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    setup_venv
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing packages ${missing[*]}; install them with your system's package manager" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# An install straight from the cached lists first; the lists are refreshed only when that fails
# (a fresh image has none), so a normal machine does not pay for an update.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 5 "$log" >&2
        echo "setup: apt-get install ${missing[*]} failed" >&2
        exit 1
    fi
fi
echo "setup: installed ${missing[*]}" >&2
setup_venv
