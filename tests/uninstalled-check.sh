#!/usr/bin/env bash
# The uninstalled libcaa.pc (BUILD/meson-uninstalled, for building against a build tree without
# installing) must point at the real headers: a program built with its flags must compile, and
# run. Usage: uninstalled-check.sh BUILD_DIR SOURCE_ROOT SANITIZED(true|false)
set -euo pipefail
build=$1 src=$2 sanitized=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

flags=$(PKG_CONFIG_PATH="$build/meson-uninstalled" pkg-config --cflags --libs libcaa)
if [ "$sanitized" = "true" ]; then
    # shellcheck disable=SC2086
    cc -std=c11 -Wall -Werror -c "$src/examples/evaluate.c" -o "$dest/example.o" $flags
else
    # shellcheck disable=SC2086
    cc -std=c11 -Wall -Werror "$src/examples/evaluate.c" -o "$dest/example" $flags
    LD_LIBRARY_PATH="$build/src/lib" "$dest/example" | grep -q '^denied: '
fi
echo "example built against the uninstalled libcaa.pc: $flags"
