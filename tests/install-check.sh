#!/usr/bin/env bash
# `meson install` into a scratch DESTDIR must give the library (soname libcaa.so.0), headers that
# compile on their own, libcaa.pc, the caa binary, caa-serve where caa looks for it, and caa(1);
# a program built against the
# installed files must run. Usage: install-check.sh BUILD_DIR SOURCE_ROOT SANITIZED(true|false)
set -euo pipefail
build=$1 src=$2 sanitized=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild >/dev/null
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
    'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$dest$prefix"
lib=$(dirname "$(find "$root" -name 'libcaa.so.0' | head -1)")

test -x "$root/bin/caa" || { echo "no caa binary"; exit 1; }
libexecdir=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c \
    'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libexecdir"][0])')
if [ -x "$build/src/cli/caa-serve" ]; then # built unless -Dserve=disabled or no libmicrohttpd
    test -x "$root/$libexecdir/caa/caa-serve" || { echo "no caa-serve in $libexecdir/caa"; exit 1; }
fi
strings "$root/bin/caa" | grep -x "$prefix/$libexecdir/caa" >/dev/null || { echo "caa does not look for caa-serve in $prefix/$libexecdir/caa"; exit 1; }
test -f "$root/share/man/man1/caa.1" || { echo "no caa.1"; exit 1; }
test -f "$lib/pkgconfig/libcaa.pc" || { echo "no libcaa.pc"; exit 1; }
objdump -p "$lib/libcaa.so.0" | grep -q 'SONAME *libcaa.so.0$' || { echo "soname is not libcaa.so.0"; exit 1; }
for h in "$root"/include/caa/*.h; do
    echo "#include <caa/$(basename "$h")>" | cc -std=c11 -Wall -Werror -fsyntax-only -I"$root/include" -x c - \
        || { echo "$h does not compile on its own"; exit 1; }
done
flags=$(PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs libcaa)
if [ "$sanitized" = "true" ]; then
    # A sanitized libcaa needs the sanitizer runtime linked first: compile only.
    # shellcheck disable=SC2086
    cc -std=c11 -Wall -Werror -c "$src/examples/evaluate.c" -o "$dest/example.o" $flags
else
    # shellcheck disable=SC2086
    cc -std=c11 -Wall -Werror "$src/examples/evaluate.c" -o "$dest/example" $flags
    LD_LIBRARY_PATH="$lib" "$dest/example" | grep -q '^denied: '
fi
echo "installed: $(cd "$dest" && find . -type f | wc -l) files; example built against libcaa.pc"
