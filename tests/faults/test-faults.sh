#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Fault injection for the two commands that replace or create files,
# 'fwdesc format --in-place' and 'fwdesc instantiate' (with and without
# --force).  Through the LD_PRELOAD shim faultinject.so, every write,
# fsync and rename/link call on the way fails in turn with ENOSPC and with
# EIO, and the process is SIGKILLed in the middle of each write and before
# each fsync and rename.  Every time: the command fails (or is killed),
# the original file is byte-identical, the destination of a new file does
# not exist, and no temporary file is left behind (killed before the final
# rename/link, a hidden dotfile that discovery ignores is tolerated and
# reported: no file system can rename an unnamed file over another).
# Writes are capped at 512 bytes so that each command makes several.
# Everything runs twice: with unnamed (O_TMPFILE) temporary files, and
# with the shim refusing them, for the named temporary file fallback
# (where a kill may leave the hidden temporary file: nothing can remove
# it then).
set -u

build=${FWDESC_BUILD_DIR:-build}
fwdesc=$build/fwdesc
shim=$build/tests/faults/faultinject.so
seed=tests/fuzz/seeds/descriptors/debian-bookworm--60-edk2-x86_64.json
n=0
failures=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }

if [ ! -x "$fwdesc" ] || [ ! -r "$shim" ]; then
    echo "1..0 # SKIP $fwdesc or $shim not built"
    exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fwdesc-faults.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Sanitizer builds: the shim comes before the ASan runtime in the link
# order, which is fine here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# ---------------------------------------------------------------- setup

mkdir -p "$work/fmt" "$work/inst" "$work/fw"
# The descriptor on one line, so that formatting changes every byte.
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' \
    "$seed" > "$work/original.json"
head -c 65536 /dev/urandom > "$work/fw/code.fd"
head -c 16384 /dev/urandom > "$work/fw/vars-template.fd"
head -c 16384 /dev/urandom > "$work/old-vars.fd"
cat > "$work/fw/split.json" <<JSON
{
    "description": "fault injection test firmware",
    "interface-types": ["uefi"],
    "mapping": {
        "device": "flash",
        "mode": "split",
        "executable": {"filename": "$work/fw/code.fd", "format": "raw"},
        "nvram-template": {"filename": "$work/fw/vars-template.fd", "format": "raw"}
    },
    "targets": [{"architecture": "x86_64", "machines": ["pc-q35-*"]}],
    "features": [],
    "tags": []
}
JSON

# run NAME -- COMMAND...: run with the shim and the FAULT_* settings in
# the environment; the exit status is in $status.
run() {
    LD_PRELOAD=$shim FAULT_MAX_WRITE=512 FAULT_NO_TMPFILE=${no_tmpfile:-} \
        "$@" >"$work/out" 2>"$work/err"
    status=$?
}

# Files in DIR other than the expected NAMES (temporary leftovers).
leftovers() {
    local dir=$1
    shift
    (cd "$dir" && ls -A) | grep -vxF -f <(printf '%s\n' "$@")
}

# What each scenario starts from and runs.
prepare_format() { rm -rf "$work/fmt"; mkdir "$work/fmt"; cp "$work/original.json" "$work/fmt/fw.json"; }
cmd_format() { "$fwdesc" format --in-place "$work/fmt/fw.json"; }
prepare_new() { rm -rf "$work/inst"; mkdir "$work/inst"; }
cmd_new() { "$fwdesc" instantiate "$work/fw/split.json" "$work/inst/vm.fd"; }
prepare_force() { rm -rf "$work/inst"; mkdir "$work/inst"; cp "$work/old-vars.fd" "$work/inst/vm.fd"; }
cmd_force() { "$fwdesc" instantiate "$work/fw/split.json" "$work/inst/vm.fd" --force; }

# Checks after a failed or killed run.  $1 = "strict" (nothing may be
# left) or "dotfile" (a hidden leftover is tolerated).
# judge_leftovers MODE EXTRA: whether the leftovers EXTRA (one a line,
# from leftovers()) are tolerated under MODE; says which there are.
judge_leftovers() {
    [ -z "$2" ] && return 0
    [ "$1" = dotfile ] && ! grep -qv '^\.' <<<"$2" && { echo "left hidden: $2"; return 0; }
    echo "left behind: $2"
    return 1
}
check_format() {
    cmp -s "$work/fmt/fw.json" "$work/original.json" || { echo "original changed"; return 1; }
    judge_leftovers "$1" "$(leftovers "$work/fmt" fw.json)"
}
check_new() {
    [ ! -e "$work/inst/vm.fd" ] || { echo "destination exists"; return 1; }
    judge_leftovers "$1" "$(leftovers "$work/inst")"
}
check_force() {
    cmp -s "$work/inst/vm.fd" "$work/old-vars.fd" || { echo "original changed"; return 1; }
    judge_leftovers "$1" "$(leftovers "$work/inst" vm.fd)"
}

# The undisturbed run must work, and tells how many calls there are.
count() {
    local scenario=$1
    "prepare_$scenario"
    FAULT_COUNT_FILE=$work/counts run "cmd_$scenario"
    if [ $status != 0 ]; then
        not_ok "$scenario${no_tmpfile:+ (named temporary file)}: runs without faults (exit $status: $(head -n1 "$work/err"))"
        return 1
    fi
    ok "$scenario${no_tmpfile:+ (named temporary file)}: runs without faults ($(tr '\n' ' ' < "$work/counts"))"
}

scenario() {
    local scenario=$1 family calls nth err why mode label
    label=$scenario${no_tmpfile:+ (named temporary file)}
    count "$scenario" || return
    for family in write fsync rename; do
        calls=$(sed -n "s/^$family //p" "$work/counts")
        if [ "${calls:-0}" = 0 ]; then
            case $family in
            rename) not_ok "$label: no rename or link call: the result is not put in place atomically" ;;
            fsync) not_ok "$label: no fsync call: the data may not be on disk when it replaces the original" ;;
            *) not_ok "$label: no write call seen" ;;
            esac
            continue
        fi
        for nth in $(seq 1 "$calls"); do
            for err in ENOSPC EIO; do
                "prepare_$scenario"
                FAULT_FAMILY=$family FAULT_NTH=$nth FAULT_ERRNO=$err run "cmd_$scenario"
                if [ $status = 0 ]; then
                    not_ok "$label: $family #$nth fails with $err: the command reports success"
                elif why=$("check_$scenario" strict); then
                    ok "$label: $family #$nth fails with $err: exit $status, target as before, nothing left"
                else
                    not_ok "$label: $family #$nth fails with $err: $why"
                fi
            done
            "prepare_$scenario"
            # Killed in the middle of a write or before an fsync, nothing
            # may remain; killed just before the final rename, the file
            # that was about to be renamed may.
            # Without unnamed files (the fallback), the named temporary
            # file exists from the start: a kill may leave it, hidden.
            mode=strict
            [ $family = rename ] || [ -n "${no_tmpfile:-}" ] && mode=dotfile
            FAULT_FAMILY=$family FAULT_NTH=$nth FAULT_KILL=1 run "cmd_$scenario"
            if [ $status != 137 ]; then
                not_ok "$label: killed at $family #$nth: exit $status, not killed"
            elif why=$("check_$scenario" $mode); then
                ok "$label: killed at $family #$nth: target as before${why:+, $why}"
            else
                not_ok "$label: killed at $family #$nth: $why"
            fi
        done
    done
}

no_tmpfile=
scenario format
scenario new
scenario force
# Again where the file system cannot make unnamed (O_TMPFILE) files.
no_tmpfile=1
scenario format
scenario new
scenario force
echo "1..$n"
[ $failures = 0 ]
