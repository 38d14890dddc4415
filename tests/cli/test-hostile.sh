#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc against what an attacker or an unlucky user puts in its way:
# destinations that are not regular files, file names with control
# characters, files the user may not write.  Every case runs twice when
# the test runs as root: as root, and as the unprivileged user nobody
# (65534, through setpriv), since the two fail in different places.
# Prints TAP.

set -u
BUILD=${FWDESC_BUILD_DIR:-build}
FWDESC=$(realpath "$BUILD/fwdesc")
n=0
[ -x "$FWDESC" ] || { echo "Bail out! $FWDESC not built"; exit 1; }
read -r -a WRAPPER <<<"${FWDESC_TEST_WRAPPER:-}"
# /dev/shm or /tmp: a place nobody can reach even when the clone sits
# under a 0700 directory.
ROOT=$(mktemp -d)
chmod 755 "$ROOT"
trap 'rm -rf "$ROOT"' EXIT
[ "$(id -u)" = 0 ] && mknod -m 666 "$ROOT/null" c 1 3 2>/dev/null

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { # NAME COMMAND...: ok when COMMAND succeeds
    local name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name"; echo "$ERR" | head -5 | sed 's/^/#   /'; fi
}

AS=()        # the command prefix of the current user
WHO=$(id -un)
# run ARGS...: fwdesc as the current user; OUT, ERR, RC.
# Runs inside $T: a wrong "-" or relative name lands there, not in the
# clone.
run() {
    (cd "$T" && exec "${AS[@]}" "${WRAPPER[@]}" "$FWDESC" "$@") \
        >"$ROOT/out" 2>"$ROOT/err" </dev/null
    RC=$?
    OUT=$(cat "$ROOT/out")
    ERR=$(cat "$ROOT/err")
}
has_err() { grep -qE -- "$1" <<<"$ERR"; }

# A split descriptor whose template is a file of our own.
make_firmware() {
    printf 'template' >"$T/vars.fd"
    printf 'code' >"$T/code.fd"
    cat >"$T/fw.json" <<JSON
{
    "description": "hostile test",
    "interface-types": ["uefi"],
    "mapping": {"device": "flash",
                "executable": {"filename": "$T/code.fd", "format": "raw"},
                "nvram-template": {"filename": "$T/vars.fd", "format": "raw"}},
    "targets": [{"architecture": "x86_64", "machines": ["pc-q35-*"]}],
    "features": [],
    "tags": []
}
JSON
}

# --- instantiate: only regular files are ever replaced ---
instantiate_cases() {
    local force
    for force in "" --force; do
        # A device node of our own (a copy of /dev/null's numbers), never
        # the system's: a broken build must not be able to destroy it.
        if [ -c "$ROOT/null" ]; then
            run instantiate "$T/fw.json" "$ROOT/null" $force
            check "$WHO: instantiate ${force:-without --force} onto a device node is refused" \
                eval '[ "$RC" = 1 ] && has_err "null: is a character device" && [ -c "$ROOT/null" ]'
            ln -sfn "$ROOT/null" "$T/link"
            run instantiate "$T/fw.json" "$T/link" $force
            check "$WHO: instantiate ${force:-without --force} onto a symlink to a device is refused" \
                eval '[ "$RC" = 1 ] && has_err "is a character device" && [ -L "$T/link" ] && [ -c "$ROOT/null" ]'
        else
            n=$((n + 1)); echo "ok $n - device destinations # SKIP mknod needs root"
        fi
        mkdir -p "$T/dir"
        run instantiate "$T/fw.json" "$T/dir" $force
        check "$WHO: instantiate ${force:-without --force} onto a directory is refused" \
            eval '[ "$RC" = 1 ] && has_err "is a directory" && [ -d "$T/dir" ]'
        rm -f "$T/fifo"; mkfifo "$T/fifo"
        run instantiate "$T/fw.json" "$T/fifo" $force
        check "$WHO: instantiate ${force:-without --force} onto a FIFO is refused (no hang)" \
            eval '[ "$RC" = 1 ] && has_err "is a FIFO" && [ -p "$T/fifo" ]'
        rm -f "$T/sock"
        python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock"
        run instantiate "$T/fw.json" "$T/sock" $force
        check "$WHO: instantiate ${force:-without --force} onto a socket is refused" \
            eval '[ "$RC" = 1 ] && has_err "is a socket" && [ -S "$T/sock" ]'
        run instantiate "$T/fw.json" "$T/vars.fd" $force
        check "$WHO: instantiate ${force:-without --force} onto the template itself is refused, template intact" \
            eval '[ "$RC" = 1 ] && has_err "own NVRAM template" && [ "$(cat "$T/vars.fd")" = template ] && [ "$(stat -c %a "$T/vars.fd")" = 644 ]'
        ln -sfn "$T/vars.fd" "$T/tlink"
        run instantiate "$T/fw.json" "$T/tlink" $force
        check "$WHO: instantiate ${force:-without --force} onto a link to the template is refused" \
            eval '[ "$RC" = 1 ] && has_err "own NVRAM template" && [ -L "$T/tlink" ]'
    done
    run instantiate "$T/fw.json" ""
    check "$WHO: instantiate FW '' is a usage error" eval '[ "$RC" = 2 ] && has_err "DEST is empty"'
    run instantiate "$T/fw.json" -
    check "$WHO: instantiate FW - is a usage error (not stdout)" eval '[ "$RC" = 2 ] && has_err "not standard output" && [ -z "$OUT" ]'
    run instantiate fw.json ./-
    check "$WHO: instantiate FW ./- names a file '-'" eval '[ "$(cat "$T/-")" = template ]'
    printf 'old' >"$T/regular.fd"
    run instantiate "$T/fw.json" "$T/regular.fd" --force
    check "$WHO: instantiate --force still replaces a regular file" eval '[ "$RC" = 0 ] && [ "$(cat "$T/regular.fd")" = template ]'
}

all_cases() {
    T=$ROOT/$WHO
    mkdir -p "$T"
    make_firmware
    [ -n "${AS[*]}" ] && chown -R 65534:65534 "$T"
    instantiate_cases
}

all_cases
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null &&
       setpriv --reuid=65534 --regid=65534 --clear-groups "$FWDESC" --version >/dev/null 2>&1; then
        AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        WHO=nobody
        all_cases
    else
        n=$((n + 1)); echo "ok $n - the nobody cases # SKIP setpriv missing or the build is not reachable by nobody"
    fi
fi
echo "1..$n"
