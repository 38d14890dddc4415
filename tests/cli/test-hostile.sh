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

# --- names with control characters: escaped wherever they are printed ---
name_cases() {
    local d=$T/names
    mkdir -p "$d"
    cp "$T/fw.json" "$d/$(printf 'a\nok          forged.json')"
    cp "$T/fw.json" "$d/$(printf 'b\033[2Jc.json')"
    printf '{' >"$d/$(printf '0\rbroken.json')"
    run list --dir "$d"
    check "$WHO: list: a newline in a name forges no line (3 files, 3 lines)" \
        eval '[ "$(wc -l <<<"$OUT")" = 3 ] && grep -qF "a\nok " <<<"$OUT" && ! grep -qE "^ok +forged" <<<"$OUT"'
    check "$WHO: list: an escape sequence in a name is shown escaped" \
        eval 'grep -qF "b\u001b[2Jc.json" <<<"$OUT" && ! grep -q $'"'"'\033'"'"' <<<"$OUT"'
    run select --dir "$d" --arch x86_64 --machine pc-q35-7.2 --explain
    check "$WHO: select --explain: every name on one escaped line" \
        eval '[ "$(grep -c "" <<<"$ERR")" = 5 ] && grep -qF "0\rbroken.json: invalid" <<<"$ERR" && ! grep -q $'"'"'[\r\033]'"'"' <<<"$ERR$OUT"'
    check "$WHO: select: the chosen name escaped on stdout" \
        eval '[ "$(grep -c "" <<<"$OUT")" = 1 ] && grep -qF "a\nok " <<<"$OUT"'
    run select --dir "$d" --arch x86_64 --machine pc-q35-7.2
    check "$WHO: select: the passed-over warning escaped" \
        eval 'grep -qF "0\rbroken.json: invalid, passed over" <<<"$ERR"'
}

# --- format --in-place: the file's own permission, attributes, messages ---
format_cases() {
    local messy='{"tags":[],"features":[],"targets":[{"machines":["pc-q35-*"],"architecture":"x86_64"}],"mapping":{"executable":{"format":"raw","filename":"/a"},"device":"flash","mode":"stateless"},"interface-types":["uefi"],"description":"d"}'
    local ww=$ROOT/ww-$WHO
    # A file of someone else (root, or nobody for root's run), mode 0444,
    # in a world-writable directory.
    mkdir -p "$ww"; chmod 777 "$ww"
    printf '%s' "$messy" >"$ww/other.json"; chmod 444 "$ww/other.json"
    if [ -n "${AS[*]}" ]; then
        run format --in-place "$ww/other.json"
        check "$WHO: format --in-place refuses a file it may not write (world-writable directory)" \
            eval '[ "$RC" = 1 ] && has_err "^fwdesc format: $ww/other.json: not writable by this user" && [ "$(stat -c %U:%a "$ww/other.json")" = root:444 ] && [ "$(cat "$ww/other.json")" = "$messy" ]'
        mkdir -p "$ROOT/ro-$WHO"; printf '%s' "$messy" >"$ROOT/ro-$WHO/f.json"; chmod 666 "$ROOT/ro-$WHO/f.json"
        run format --in-place "$ROOT/ro-$WHO/f.json"
        check "$WHO: format --in-place: an unwritable directory is reported for the file, with the prefix" \
            eval '[ "$RC" = 1 ] && has_err "^fwdesc format: $ROOT/ro-$WHO/f.json: cannot write a new copy in its directory" && [ "$(cat "$ROOT/ro-$WHO/f.json")" = "$messy" ]'
    else
        chown 65534:65534 "$ww/other.json"
        run format --in-place "$ww/other.json"
        check "$WHO: format --in-place as root rewrites a 0444 file, owner and mode kept" \
            eval '[ "$RC" = 0 ] && [ "$(stat -c %u:%a "$ww/other.json")" = 65534:444 ]'
    fi
    printf '%s' "$messy" >"$T/attrs.json"
    [ -n "${AS[*]}" ] && chown 65534:65534 "$T/attrs.json"
    if python3 - "$T/attrs.json" <<'PY' 2>/dev/null
import os, struct, sys
os.setxattr(sys.argv[1], "user.fwdesc", b"kept")
# user::rw- user:65534:r-- group::r-- mask::r-- other::r--
acl = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", t, p, i) for t, p, i in
      [(1, 6, 0xFFFFFFFF), (2, 4, 65534), (4, 4, 0xFFFFFFFF), (0x10, 4, 0xFFFFFFFF), (0x20, 4, 0xFFFFFFFF)])
os.setxattr(sys.argv[1], "system.posix_acl_access", acl)
PY
    then
        before=$(python3 -c 'import os,sys; print(sorted((n, os.getxattr(sys.argv[1], n)) for n in os.listxattr(sys.argv[1])))' "$T/attrs.json")
        run format --in-place "$T/attrs.json"
        after=$(python3 -c 'import os,sys; print(sorted((n, os.getxattr(sys.argv[1], n)) for n in os.listxattr(sys.argv[1])))' "$T/attrs.json")
        check "$WHO: format --in-place keeps extended attributes and the ACL" \
            eval '[ "$RC" = 0 ] && [ "$(head -c1 "$T/attrs.json")" = "{" ] && grep -q "user.fwdesc" <<<"$after" && [ "$before" = "$after" ]'
    else
        n=$((n + 1)); echo "ok $n - $WHO: xattrs and ACLs # SKIP the file system takes no user xattrs or ACLs"
    fi
}

# --- cmdline: names with spaces and newlines reach QEMU intact ---
cmdline_cases() {
    local vars
    vars="$T/my vm$(printf '\n')x.fd"
    "${AS[@]}" "$FWDESC" cmdline --format=args0 "$T/fw.json" --vars "$vars" >"$ROOT/args0" 2>"$ROOT/err"
    RC=$?
    mapfile -d '' got <"$ROOT/args0"
    check "$WHO: cmdline --format=args0: NUL-separated arguments, the store name intact" \
        eval '[ "$RC" = 0 ] && printf "%s\n" "${got[@]}" | grep -qF "filename=$T/my vm" && [ "${#got[@]}" = 12 ]'
    run cmdline "$T/fw.json" --vars "$vars"
    eval "shellargs=($OUT)"
    check "$WHO: cmdline shell output evaluates to the same arguments (eval \"args=(\$(fwdesc cmdline ...))\")" \
        eval '[ "${#shellargs[@]}" = "${#got[@]}" ] && [ "${shellargs[*]}" = "${got[*]}" ]'
    run cmdline --format=csv "$T/fw.json" --vars x
    check "$WHO: cmdline --format takes shell or args0" eval '[ "$RC" = 2 ]'
}

all_cases() {
    T=$ROOT/$WHO
    mkdir -p "$T"
    make_firmware
    [ -n "${AS[*]}" ] && chown -R 65534:65534 "$T"
    instantiate_cases
    name_cases
    format_cases
    cmdline_cases
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
