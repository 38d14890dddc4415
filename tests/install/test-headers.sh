#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every public header compiles on its own (included first, nothing before
# it, and twice in a row) with -Wall -Wextra -Werror as C11: the runtime's
# qapi/*.h, the firmware library's fwdesc/*.h and the generated headers
# (firmware/, report/) that are installed with them.
set -u

cc=${CC:-cc}
cflags="-std=gnu11 -Wall -Wextra -Werror -Isrc/include -Igenerated $(pkg-config --cflags glib-2.0 json-glib-1.0)"
n=0
failures=0
for h in src/include/qapi/*.h src/include/fwdesc/*.h generated/qapi/*.h generated/firmware/*.h \
         generated/report/*.h; do
    [ -e "$h" ] || continue
    n=$((n + 1))
    inc=${h#src/include/}
    inc=${inc#generated/}
    # shellcheck disable=SC2086
    if err=$(printf '#include "%s"\n#include "%s"\nint fwdesc_header_test;\n' "$inc" "$inc" |
             $cc $cflags -x c -c -o /dev/null - 2>&1); then
        echo "ok $n - $inc compiles alone (and twice)"
    else
        failures=$((failures + 1))
        echo "not ok $n - $inc does not compile alone"
        sed 's/^/# /' <<<"$err" | head -n 10
    fi
done
echo "1..$n"
[ $failures = 0 ]
