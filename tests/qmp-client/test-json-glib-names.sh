#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# json-glib and QEMU's JSONType in one file: the types generated from
# QEMU's introspect.json compile after json-glib's header and before it,
# the colliding constants are reachable as QAPI_JSON_TYPE_OBJECT/_ARRAY
# there, json-glib's JSON_TYPE_OBJECT/_ARRAY stay its GTypes, and a file
# without json-glib has QEMU's names unchanged.
set -u

schema=../shared/corpus/qemu-qapi-schema/introspect.json
if [ ! -f "$schema" ]; then
    if [ "${CI:-}" = true ]; then
        echo "1..1"; echo "not ok 1 - $schema not found (CI must provide it)"; exit 1
    fi
    echo "1..0 # SKIP $schema not found"; exit 0
fi
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/qapi-gen -o "$tmp" "$schema" || { echo "1..1"; echo "not ok 1 - qapi-gen failed"; exit 1; }
cflags="-std=gnu11 -Wall -Wextra -Werror -Isrc/include -Igenerated -I$tmp $(pkg-config --cflags gio-2.0 json-glib-1.0)"

n=0
failures=0
check() {   # NAME SOURCE
    n=$((n + 1))
    # shellcheck disable=SC2086
    if err=$(printf '%s\n' "$2" | $cc $cflags -x c -c -o /dev/null - 2>&1); then
        echo "ok $n - $1"
    else
        failures=$((failures + 1))
        echo "not ok $n - $1"
        sed 's/^/# /' <<<"$err" | head -n 10
    fi
}

use='int f(JSONType t) { switch (t) { case QAPI_JSON_TYPE_OBJECT: return 1; case QAPI_JSON_TYPE_ARRAY: return 2; default: return 0; } }
GType g(void) { return JSON_TYPE_OBJECT + JSON_TYPE_ARRAY; }
_Static_assert((int)QAPI_JSON_TYPE_ARRAY == (int)QAPI_JSON_TYPE_OBJECT + 1, "QEMU order");'
check "json-glib first, then the generated types" "#include <json-glib/json-glib.h>
#include \"qapi-types.h\"
$use"
check "the generated types first, then json-glib (via qapi/qmp-client.h)" "#include \"qapi-types.h\"
#include \"qapi/qmp-client.h\"
$use"
check "without json-glib QEMU's names are the enum's" "#include \"qapi-types.h\"
int f(JSONType t) { switch (t) { case JSON_TYPE_OBJECT: return 1; case JSON_TYPE_ARRAY: return 2; default: return 0; } }
_Static_assert((int)JSON_TYPE_OBJECT == (int)QAPI_JSON_TYPE_OBJECT, \"alias\");"
for f in "$tmp"/qapi-types.c "$tmp"/qapi-visit.c; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    if err=$($cc $cflags -c -o /dev/null "$f" 2>&1); then
        echo "ok $n - $(basename "$f") compiles"
    else
        failures=$((failures + 1))
        echo "not ok $n - $(basename "$f") does not compile"
        sed 's/^/# /' <<<"$err" | head -n 10
    fi
done
echo "1..$n"
[ "$failures" = 0 ]
