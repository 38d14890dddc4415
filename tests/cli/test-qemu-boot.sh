#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Real QEMU: boot Debian's OVMF under TCG with exactly the arguments
# 'fwdesc cmdline' prints, for each flash mode, and check that the
# firmware ran (its boot manager reports on the serial console).
#
# Installs qemu-system-x86 and ovmf when running as root and they are
# missing; otherwise skips with a message.  Each boot is bounded by
# QEMU_BOOT_TIMEOUT seconds (default 60).  Prints TAP.

set -u
BUILD=${FWDESC_BUILD_DIR:-build}
FWDESC=$BUILD/fwdesc
DATA=tests/cli/data
TIMEOUT=${QEMU_BOOT_TIMEOUT:-60}
# OVMF's boot manager prints "BdsDxe: ..." lines on the serial console as
# soon as it tries boot options; every Debian build does, release or not.
MARKER='BdsDxe'
n=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

have_qemu() {
    command -v qemu-system-x86_64 >/dev/null 2>&1 &&
        [ -e /usr/share/OVMF/OVMF_CODE_4M.fd ] &&
        [ -e /usr/share/ovmf/OVMF.fd ]
}

if ! have_qemu; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "# installing qemu-system-x86 and ovmf"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get install -y -qq --no-install-recommends \
              qemu-system-x86 ovmf ||
          { apt-get update -qq &&
            apt-get install -y -qq --no-install-recommends \
                qemu-system-x86 ovmf; }; } >/dev/null 2>&1
    fi
    have_qemu || skip_all "qemu-system-x86_64 or Debian's ovmf not available and cannot be installed"
fi
[ -x "$FWDESC" ] || { echo "Bail out! $FWDESC not built"; exit 1; }

TMP=$(mktemp -d)
QEMU_PID=
cleanup() {
    if [ -n "$QEMU_PID" ]; then kill "$QEMU_PID" 2>/dev/null; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# boot NAME ARGS...: start QEMU with the firmware arguments, wait for the
# marker on the serial console, stop QEMU.  Succeeds when the marker came.
boot() {
    local name=$1; shift
    local serial=$TMP/$name.serial
    : >"$serial"
    qemu-system-x86_64 -accel tcg -machine q35 -m 256 -nographic \
        -nodefaults -nic none -monitor none -serial "file:$serial" \
        "$@" >"$TMP/$name.out" 2>&1 &
    QEMU_PID=$!
    local waited=0
    while [ "$waited" -lt $((TIMEOUT * 2)) ]; do
        if grep -q "$MARKER" "$serial" 2>/dev/null; then
            kill "$QEMU_PID" 2>/dev/null; wait "$QEMU_PID" 2>/dev/null
            QEMU_PID=
            return 0
        fi
        if ! kill -0 "$QEMU_PID" 2>/dev/null; then
            break
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    kill "$QEMU_PID" 2>/dev/null; wait "$QEMU_PID" 2>/dev/null
    QEMU_PID=
    echo "# $name: no '$MARKER' on the serial console within ${TIMEOUT}s"
    sed 's/^/#   qemu: /' "$TMP/$name.out" | head -20
    return 1
}

# args FILE [--vars PATH]: fwdesc's arguments as an array (via --json, so
# no shell parsing of the one-line form is needed).
read_args() {
    local json
    json=$("$FWDESC" cmdline --json "$@") || return 1
    mapfile -t ARGS < <(python3 -c 'import json,sys
for a in json.load(sys.stdin): print(a)' <<<"$json")
}

echo "1..10"

# --- split: instantiate the VM's variable store, map code + vars ---
vars=$TMP/split-vars.fd
if "$FWDESC" instantiate "$DATA/50-ovmf-split.json" "$vars"; then
    ok "split: instantiate created the VM's variable store"
else
    not_ok "split: instantiate created the VM's variable store"
fi
if read_args "$DATA/50-ovmf-split.json" --vars "$vars" && boot split "${ARGS[@]}"; then
    ok "split: OVMF booted with read-only code on pflash0 and vars on pflash1"
else
    not_ok "split: OVMF booted with read-only code on pflash0 and vars on pflash1"
fi
if ! cmp -s "$vars" /usr/share/OVMF/OVMF_VARS_4M.fd; then
    ok "split: the firmware wrote its variables into the VM's copy"
else
    not_ok "split: the firmware wrote its variables into the VM's copy"
fi
if [ "$(stat -c %a "$vars")" = 600 ]; then
    ok "split: variable store is private to its owner (0600)"
else
    not_ok "split: variable store is private to its owner (0600)"
fi

# --- a relative variable store name with a colon is a file, not a QEMU
# protocol ("-drive file=vm:1.fd" meant protocol 'vm') ---
fwdesc_abs=$(cd "$(dirname "$FWDESC")" && pwd)/$(basename "$FWDESC")
data_abs=$(cd "$DATA" && pwd)
if (cd "$TMP" && "$fwdesc_abs" instantiate "$data_abs/50-ovmf-split.json" 'vm:1.fd' &&
    FWDESC=$fwdesc_abs && read_args "$data_abs/50-ovmf-split.json" --vars 'vm:1.fd' &&
    boot colon "${ARGS[@]}"); then
    ok "split: a relative store name with ':' is opened as a file"
else
    not_ok "split: a relative store name with ':' is opened as a file"
fi

# --- split with Secure Boot and SMM: smm=on and the secure pflash ---
vars=$TMP/sb-vars.fd
line=$("$FWDESC" cmdline "$DATA/40-ovmf-secure-smm.json" --vars "$vars")
case $line in
*"-machine smm=on"*"-global driver=cfi.pflash01,property=secure,value=on"*)
    ok "secure boot + SMM: cmdline adds smm=on and SMM-only flash writes" ;;
*)  not_ok "secure boot + SMM: cmdline adds smm=on and SMM-only flash writes"
    echo "# got: $line" ;;
esac
if "$FWDESC" instantiate "$DATA/40-ovmf-secure-smm.json" "$vars" &&
   read_args "$DATA/40-ovmf-secure-smm.json" --vars "$vars" &&
   boot secure "${ARGS[@]}"; then
    ok "secure boot + SMM: OVMF booted under TCG with SMM"
else
    not_ok "secure boot + SMM: OVMF booted under TCG with SMM"
fi

# --- combined: the VM's own read-write copy of OVMF.fd on pflash0 ---
image=$TMP/combined.fd
if "$FWDESC" instantiate "$DATA/60-ovmf-combined.json" "$image" &&
   cmp -s "$image" /usr/share/ovmf/OVMF.fd &&
   read_args "$DATA/60-ovmf-combined.json" --vars "$image" &&
   boot combined "${ARGS[@]}"; then
    ok "combined: OVMF.fd copy booted read-write on pflash0"
else
    not_ok "combined: OVMF.fd copy booted read-write on pflash0"
fi

# --- stateless: code only, nothing to instantiate ---
if ! "$FWDESC" instantiate "$DATA/70-ovmf-stateless.json" "$TMP/none.fd" 2>"$TMP/err" &&
   grep -q "stateless firmware has no variable store" "$TMP/err" &&
   [ ! -e "$TMP/none.fd" ]; then
    ok "stateless: instantiate refuses with a clear error"
else
    not_ok "stateless: instantiate refuses with a clear error"
fi
if read_args "$DATA/70-ovmf-stateless.json" && boot stateless "${ARGS[@]}"; then
    ok "stateless: OVMF code alone booted read-only"
else
    not_ok "stateless: OVMF code alone booted read-only"
fi
