#!/usr/bin/env bash
# Proves a dist/ binary needs nothing but glibc: ldd must list only glibc's own libraries, and the
# binary's --help and a baton-demo sync must work inside a root that holds the binary, those
# libraries (with libgcc_s, which glibc loads itself), /dev/null and /dev/urandom — no Swift
# toolchain, no -dev package, no shell, nothing else.
#
# Needs root (chroot, mknod); `make build` first. Usage: scripts/dist-check.sh [dist/<os>_<arch>]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-$(ls -d "$root"/dist/*_*/ 2>/dev/null | grep -v /release/ | head -n 1)}"
dist="${dist%/}"
binary="$dist/baton-demo"
[ -x "$binary" ] || { echo "dist-check: $binary not found; run make build (or make build CONNECTORS=demo) first" >&2; exit 1; }

# glibc's libraries (Debian's libc6) and the kernel's vDSO; anything else is a dependency we ship by mistake.
allowed='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libutil\.so\.1|libresolv\.so\.2|ld-linux[-a-z0-9_.]*\.so\.[0-9]+|/lib(64)?/ld-linux[-a-z0-9_.]*\.so\.[0-9]+)$'
status=0
for file in "$dist"/baton-*; do
    echo "ldd $file:"
    ldd "$file" | sed 's/^/  /'
    while read -r name _; do
        [[ "$name" =~ $allowed ]] || { echo "dist-check: $file needs $name, which is not part of glibc" >&2; status=1; }
    done < <(ldd "$file")
done
[ "$status" -eq 0 ] || exit 1

jail="$(mktemp -d)"
trap 'umount "$jail/proc" 2>/dev/null || true; rm -rf "$jail"' EXIT
mkdir -p "$jail/dev" "$jail/tmp" "$jail/work" "$jail/proc"
cp "$binary" "$jail/baton-demo"
# The libraries ldd names, at the paths the loader looks for them, and libgcc_s: glibc itself dlopens it
# when a thread exits (pthread_exit unwinds), which is why Debian's libc6 package depends on libgcc-s1;
# it is part of every glibc installation, and the binary does not link it.
libgcc_s="$(ldconfig -p | awk '/libgcc_s\.so\.1 .*x86-64|libgcc_s\.so\.1 .*AArch64/ {print $NF; exit}')"
for library in $(ldd "$binary" | grep -o '/[^ ]*') $libgcc_s; do
    mkdir -p "$jail$(dirname "$library")"
    cp -L "$library" "$jail$library"
done
mknod -m 666 "$jail/dev/null" c 1 3
mknod -m 666 "$jail/dev/urandom" c 1 9
chmod 1777 "$jail/tmp"
# Every Linux system has /proc; the Swift runtime of a static binary reads its arguments from
# /proc/self/cmdline.
mount -t proc proc "$jail/proc"

echo "dist-check: the root holds $(find "$jail" -path "$jail/proc" -prune -o -type f -print | wc -l) files (and /proc):"
(cd "$jail" && find . -path ./proc -prune -o \( -type f -o -type c \) -print | sort | sed 's/^/  /')
env -i HOME=/tmp TMPDIR=/tmp /usr/sbin/chroot "$jail" /baton-demo --help > "$jail/help.txt"
grep -q -- "--file string" "$jail/help.txt" || { echo "dist-check: --help printed no flags" >&2; exit 1; }
env -i HOME=/tmp TMPDIR=/tmp /usr/sbin/chroot "$jail" /baton-demo -f /work/demo.c1z --log-format console
head -c 5 "$jail/work/demo.c1z" | grep -q "C1ZF" || { echo "dist-check: no c1z was written" >&2; exit 1; }
echo "dist-check: baton-demo --help and a demo sync ran in a root with only glibc ($(stat -c %s "$jail/work/demo.c1z") byte c1z)"
