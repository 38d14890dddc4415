#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# 'make install DESTDIR=...' into a scratch directory, then:
# - the expected files are there (libraries with their soname links,
#   headers, pkg-config files, fwdesc and its man page, the generator);
# - a consumer program built with nothing but
#   `pkg-config --cflags --libs fwdesc` (PKG_CONFIG_PATH pointing into the
#   staged tree) links the installed shared libraries and parses a
#   descriptor;
# - the installed generator runs, pkg-config names it, and README's example
#   (tests/install/example/) goes from its own schema to a QMP program;
# - `nm -D --defined-only` of each shared library shows only public API.
set -u

build=${FWDESC_BUILD_DIR:-build}
make=${MAKE:-make}
descriptor=tests/fuzz/seeds/descriptors/debian-bookworm--60-edk2-x86_64.json
n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
finish() { echo "1..$n"; [ $failures = 0 ]; exit; }

stage=$(mktemp -d "${TMPDIR:-/tmp}/fwdesc-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT
prefix=/usr/local
root=$stage$prefix

# A make started from a test must not inherit the outer make's jobserver.
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$make" --no-print-directory -s \
       O="$build" DESTDIR="$stage" PREFIX="$prefix" install >"$stage.log" 2>&1; then
    ok "make install DESTDIR=$stage PREFIX=$prefix"
else
    not_ok "make install failed:"
    sed 's/^/# /' "$stage.log" | tail -n 20
    rm -f "$stage.log"
    finish
fi
rm -f "$stage.log"

missing=()
for f in lib/libfwdesc.so lib/libfwdesc.so.0 lib/libfwdesc.so.0.1.0 lib/libfwdesc.a \
         lib/libfwdesc-qapi.so lib/libfwdesc-qapi.so.0 lib/libfwdesc-qapi.so.0.1.0 \
         lib/libfwdesc-qapi.a lib/pkgconfig/fwdesc.pc lib/pkgconfig/fwdesc-qapi.pc \
         include/fwdesc-qapi/qapi/qapi.h include/fwdesc-qapi/qapi/qapi-builtin-types.h \
         include/fwdesc/fwdesc/fwdesc.h include/fwdesc/firmware/qapi-types.h \
         include/fwdesc/fwdesc/report.h include/fwdesc/report/fwdesc-report-qapi-types.h \
         include/fwdesc/report/fwdesc-report-qapi-visit.h \
         bin/fwdesc bin/fwdesc-qapi-gen share/man/man1/fwdesc.1 \
         bin/fwdesc-qapi-validate share/man/man1/fwdesc-qapi-validate.1 \
         share/man/man1/fwdesc-qapi-gen.1 \
         share/man/man5/fwdesc-descriptor.5 \
         share/fwdesc/scripts/qapi-gen share/fwdesc/schema/firmware.json \
         share/fwdesc/schema/fwdesc-report.json \
         share/fwdesc/schema/fwdesc-report.schema.json; do
    [ -e "$root/$f" ] || missing+=("$f")
done
if [ ${#missing[@]} = 0 ]; then
    ok "installed files in place"
else
    not_ok "missing after install: ${missing[*]}"
fi
for l in libfwdesc libfwdesc-qapi; do
    soname=$(objdump -p "$root/lib/$l.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
    if [ "$soname" = "$l.so.0" ]; then
        ok "$l.so has soname $soname"
    else
        not_ok "$l.so soname is '$soname', not $l.so.0"
    fi
done

# The consumer, with nothing but pkg-config.
export PKG_CONFIG_PATH=$root/lib/pkgconfig
if flags=$(pkg-config --cflags --libs fwdesc 2>"$stage/pc.err") &&
   # shellcheck disable=SC2086
   ${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -o "$stage/consumer" \
       tests/install/consumer.c $flags 2>"$stage/cc.err"; then
    ok "consumer builds with pkg-config --cflags --libs fwdesc"
else
    not_ok "consumer does not build with: $flags"
    sed 's/^/# /' "$stage/pc.err" "$stage/cc.err" | head -n 20
    finish
fi
libs=$(LD_LIBRARY_PATH=$root/lib ldd "$stage/consumer" | grep -c "$root/lib/libfwdesc")
if [ "$libs" = 2 ]; then
    ok "consumer links the installed libfwdesc.so.0 and libfwdesc-qapi.so.0"
else
    not_ok "consumer does not use the installed shared libraries:"
    LD_LIBRARY_PATH=$root/lib ldd "$stage/consumer" | sed 's/^/# /'
fi
if [ -r "$descriptor" ] &&
   out=$(LD_LIBRARY_PATH=$root/lib "$stage/consumer" "$descriptor" 2>&1) &&
   grep -q '^device: flash$' <<<"$out"; then
    ok "consumer parses $descriptor"
else
    not_ok "consumer fails on $descriptor: ${out:-}"
fi

# The installed generator, on the installed schema.
if "$root/bin/fwdesc-qapi-gen" -o "$stage/gen" "$root/share/fwdesc/schema/firmware.json" \
       >"$stage/gen.log" 2>&1 && ls "$stage/gen" | grep -qx 'qapi-types.h'; then
    ok "installed fwdesc-qapi-gen generates code from the installed schema"
else
    not_ok "installed fwdesc-qapi-gen fails"
    sed 's/^/# /' "$stage/gen.log" | head -n 10
fi

# The installed validator, on the firmware schema's introspection data
# (written by the installed fwdesc) and a descriptor.
if "$root/bin/fwdesc" schema >"$stage/fw-schema.json" 2>"$stage/val.log" &&
   printf '{"description": 1}\n' >"$stage/bad.json" &&
   ! "$root/bin/fwdesc-qapi-validate" --schema "$stage/fw-schema.json" \
       --type Firmware "$stage/bad.json" >"$stage/val.out" 2>>"$stage/val.log" &&
   grep -q "bad.json:1:17: description: expected a string, got a number" \
       "$stage/val.out"; then
    ok "installed fwdesc-qapi-validate checks a document against a schema"
else
    not_ok "installed fwdesc-qapi-validate fails"
    sed 's/^/# /' "$stage/val.out" "$stage/val.log" | head -n 10
fi

# pkg-config names the installed generator (as glib-2.0.pc names
# glib_mkenums), and README's example goes from its own schema to a linked
# program with nothing but the installed generator and runtime.
gen=$(pkg-config --variable=qapi_gen fwdesc-qapi 2>/dev/null)
if [ -n "$gen" ] && [ "$(realpath -m "$gen")" = "$(realpath "$root/bin/fwdesc-qapi-gen")" ]; then
    ok "pkg-config --variable=qapi_gen fwdesc-qapi names the installed generator"
else
    not_ok "pkg-config --variable=qapi_gen fwdesc-qapi is '$gen'"
    gen=$root/bin/fwdesc-qapi-gen
fi
example=tests/install/example
want_greeter='event GREETED: {"event":"GREETED","data":{"name":"Ada"}}
{"return":{"text":"Hello, Ada!","mood":"happy"},"id":1}
event GREETED: {"event":"GREETED","data":{"name":"Bob"}}
{"return":{"text":"Oh. Bob.","mood":"grumpy"}}'
if "$gen" -o "$stage/greeter" "$example/greeter.json" >"$stage/greeter.log" 2>&1 &&
   # shellcheck disable=SC2046
   ${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -I"$stage/greeter" \
       -o "$stage/greeter/greeter" "$example/greeter.c" "$stage"/greeter/*.c \
       $(pkg-config --cflags --libs fwdesc-qapi) >>"$stage/greeter.log" 2>&1 &&
   out=$(LD_LIBRARY_PATH=$root/lib "$stage/greeter/greeter" \
             '{"execute": "greet", "arguments": {"name": "Ada"}, "id": 1}' \
             '{"execute": "greet", "arguments": {"name": "Bob", "mood": "grumpy"}}' \
             2>&1) && [ "$out" = "$want_greeter" ]; then
    ok "README's example: own schema, generated, built with pkg-config, answers QMP"
else
    not_ok "README's example fails: ${out:-}"
    sed 's/^/# /' "$stage/greeter.log" | head -n 20
fi
if out=$(LD_LIBRARY_PATH=$root/lib "$stage/greeter/greeter" \
             '{"execute": "greet", "arguments": {"name": "Ada", "mood": "sad"}}' \
             '{"execute": "greet", "arguments": {"name": "Ada", "tone": "x"}}' \
             '{"execute": "greet", "arguments": {"name": ""}}' 2>&1) &&
   [ "$(grep -c '^{"error":{"class":"GenericError","desc":' <<<"$out")" = 3 ]; then
    ok "README's example: bad arguments and a failing command answer with errors"
else
    not_ok "README's example, errors: ${out:-}"
fi

# Exports: what the version scripts let out, and nothing else.  Version
# nodes show up as absolute symbols (e.g. FWDESC_0.1); the generated
# firmware and report types bring qapi_free_Firmware*, visit_type_Firmware*,
# Firmware*_lookup (and the same for Fwdesc*); the runtime's builtins bring visit_type_strList etc.
# and QType_lookup.
check_exports() {
    local lib=$1 allowed=$2 bad
    bad=$(nm -D --defined-only "$root/lib/$lib" | awk '$2 != "A" { print $3 }' |
          sed 's/@.*//' | grep -Ev "$allowed" | sort -u)
    total=$(nm -D --defined-only "$root/lib/$lib" | awk '$2 != "A"' | wc -l)
    if [ "$total" -gt 0 ] && [ -z "$bad" ]; then
        ok "$lib exports only its public API ($total symbols)"
    else
        not_ok "$lib exports $total symbols, not public: $(echo $bad)"
    fi
}
check_exports libfwdesc-qapi.so.0 '^(qapi_|visit_|qnull|QType_|qmp_|compat_policy|qobject_(input|output)_visitor_new_qmp$)'
check_exports libfwdesc.so.0 '^(fwdesc_|qapi_free_(Firmware|Fwdesc)|visit_type_(Firmware|Fwdesc)|(Firmware|Fwdesc)[A-Za-z]*_lookup$|firmware_qmp_schema)'
finish
