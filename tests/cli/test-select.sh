#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# 'fwdesc select' as a libvirt user expects it: the default flash mode,
# libvirt's broader mode readings, machine aliases and patterns, the
# IA32 rule, and no silent downgrade.  Prints TAP.

set -u
BUILD=${FWDESC_BUILD_DIR:-build}
FWDESC=$BUILD/fwdesc
n=0
[ -x "$FWDESC" ] || { echo "Bail out! $FWDESC not built"; exit 1; }
read -r -a WRAPPER <<<"${FWDESC_TEST_WRAPPER:-}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
run() {
    "${WRAPPER[@]}" "$FWDESC" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    RC=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}
# expect NAME STATUS CHOSEN-BASENAME|"" [stderr-pattern]
expect() {
    local name=$1 status=$2 chosen=$3 pattern=${4:-}
    if [ "$RC" != "$status" ] || [ "$(basename "${OUT:-/}")" != "${chosen:-/}" ]; then
        not_ok "$name (exit $RC, chose '${OUT}')"
        echo "$ERR" | head -5 | sed 's/^/#   /'
    elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$ERR"; then
        not_ok "$name (stderr lacks /$pattern/)"
        echo "$ERR" | head -5 | sed 's/^/#   /'
    else
        ok "$name"
    fi
}

# descriptor FILE MAPPING [FEATURES] [MACHINES] [EXTRA-TOP-MEMBERS]
descriptor() {
    cat >"$1" <<JSON
{
    "description": "select test",${5:-}
    "interface-types": ["uefi"],
    "mapping": $2,
    "targets": [{"architecture": "x86_64", "machines": [${4:-\"pc-q35-*\"}]}],
    "features": [${3:-}],
    "tags": []
}
JSON
}
flash() { # MODE|"" EXEC [TEMPLATE]
    local mode="" tmpl=""
    [ -n "$1" ] && mode="\"mode\": \"$1\", "
    [ -n "${3:-}" ] && tmpl=", \"nvram-template\": {\"filename\": \"$3\", \"format\": \"raw\"}"
    echo "{\"device\": \"flash\", ${mode}\"executable\": {\"filename\": \"$2\", \"format\": \"raw\"}$tmpl}"
}
SPLIT=$(flash "" /fw/code.fd /fw/vars.fd)
COMBINED=$(flash combined /fw/combined.fd)
STATELESS=$(flash stateless /fw/stateless.fd)
MEMORY='{"device": "memory", "filename": "/fw/rom.bin"}'

# --- item 2: the default flash mode is split, as libvirt ---
D=$TMP/modes; mkdir "$D"
descriptor "$D/10-combined.json" "$COMBINED"
descriptor "$D/20-stateless.json" "$STATELESS"
descriptor "$D/30-rom.json" "$MEMORY"
descriptor "$D/40-split.json" "$SPLIT"
Q=(select --dir "$D" --arch x86_64 --machine pc-q35-7.2)
run "${Q[@]}" --explain
expect "default: combined and stateless flash placed first are passed over" 0 30-rom.json \
    "10-combined.json: flash mode is 'combined'; without a mode asked for, only split flash"
rm "$D/30-rom.json"
run "${Q[@]}"; expect "default: the split file after them is chosen" 0 40-split.json
run "${Q[@]}" --mode combined; expect "--mode combined chooses combined" 0 10-combined.json
run "${Q[@]}" --mode stateless; expect "--mode stateless chooses stateless" 0 20-stateless.json
run "${Q[@]}" --readonly no; expect "--readonly no (a writable executable) chooses combined" 0 10-combined.json
descriptor "$D/05-rom.json" "$MEMORY"
run "${Q[@]}" --mode stateless; expect "--mode stateless: ROM is not flash by default" 0 20-stateless.json
run "${Q[@]}" --mode stateless --mode-any-device; expect "--mode stateless --mode-any-device: ROM counts as stateless" 0 05-rom.json
run "${Q[@]}" --mode split; expect "--mode split: ROM is not flash by default" 0 40-split.json
run "${Q[@]}" --mode split --mode-any-device; expect "--mode split --mode-any-device: firmware without a store fits" 0 05-rom.json
run "${Q[@]}" --mode combined --mode-any-device; expect "--mode combined --mode-any-device still needs flash" 0 10-combined.json
run "${Q[@]}" --mode-any-device; expect "--mode-any-device without --mode is a usage error" 2 "" "needs --mode"

echo "1..$n"
