#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc's command-line contract: exit status (0 success, 1 invalid input
# or nothing found, 2 usage error), the FILE:LINE:COL: PATH: message
# format, --json output, and each subcommand's behaviour.  Prints TAP.
# FWDESC_TEST_WRAPPER="valgrind --quiet --error-exitcode=97 --leak-check=full
# --errors-for-leak-kinds=definite,indirect" checks every run for leaks.

set -u
. "$(dirname "$0")/cli-common.sh"
DATA=tests/cli/data

# expect NAME STATUS [grep-pattern-on-stderr]
expect() {
    local name=$1 status=$2 pattern=${3:-}
    if [ "$RC" != "$status" ]; then
        not_ok "$name (exit $RC, expected $status)"
        echo "$ERR" | head -5 | sed 's/^/#   /'
        return
    fi
    if [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$ERR"; then
        not_ok "$name (stderr lacks /$pattern/)"
        echo "$ERR" | head -5 | sed 's/^/#   /'
        return
    fi
    ok "$name"
}

is_json() { python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" 2>/dev/null; }
json_check() { python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" <<<"$OUT"; }

descriptor() { # FILE EXTRA-TOP-MEMBERS MAPPING FEATURES
    cat >"$1" <<JSON
{
    "description": "cli test",$2
    "interface-types": ["uefi"],
    "mapping": $3,
    "targets": [{"architecture": "x86_64", "machines": ["pc-q35-*"]}],
    "features": [$4],
    "tags": []
}
JSON
}
SPLIT='{"device": "flash", "executable": {"filename": "/x/code.fd", "format": "raw"}, "nvram-template": {"filename": "/x/vars.fd", "format": "raw"}}'
STATELESS='{"device": "flash", "mode": "stateless", "executable": {"filename": "/x/code.fd", "format": "raw"}}'

# --- global options ---
run; expect "no command is a usage error" 2 "Usage"
run --help; expect "--help succeeds" 0
grep -q "Usage: fwdesc" <<<"$OUT" && ok "--help prints usage on stdout" || not_ok "--help prints usage on stdout"
run --version; expect "--version succeeds" 0
grep -qE '^fwdesc [0-9]+\.[0-9]+\.[0-9]+$' <<<"$OUT" && ok "--version prints the version" || not_ok "--version prints the version"
run frobnicate; expect "unknown command is a usage error" 2 "unknown command 'frobnicate'"
run validate --no-such-option x; expect "unknown option is a usage error" 2 "Unknown option"

# --- validate ---
run validate "$DATA/50-ovmf-split.json"
expect "validate: valid file exits 0" 0
[ -z "$ERR" ] && ok "validate: valid file prints nothing" || not_ok "validate: valid file prints nothing"
run validate; expect "validate: no FILE is a usage error" 2 "no FILE"

descriptor "$TMP/two-problems.json" '
    "uefi-vars": "x",' '{"device": "flash", "mode": "hybrid", "executable": {"filename": "/a", "format": "raw"}}' '"secure-boot", "teleport"'
run validate "$TMP/two-problems.json"
expect "validate: invalid file exits 1" 1
lines=$(grep -cE "^$TMP/two-problems.json:[0-9]+:[0-9]+: [^ ]+: " <<<"$ERR")
[ "$lines" -ge 3 ] && ok "validate: every problem as FILE:LINE:COL: PATH: message ($lines lines)" ||
    { not_ok "validate: every problem as FILE:LINE:COL: PATH: message ($lines lines)"; echo "$ERR" | sed 's/^/#   /'; }
grep -q "mapping.mode" <<<"$ERR" && grep -q "features\[1\]" <<<"$ERR" && grep -q "uefi-vars" <<<"$ERR" &&
    ok "validate: reports the mode, the feature and the unknown member" || not_ok "validate: reports the mode, the feature and the unknown member"

run validate "$TMP/two-problems.json" "$DATA/50-ovmf-split.json"
expect "validate: one bad file among good ones exits 1" 1

descriptor "$TMP/newer.json" '
    "future-member": 1,' "$SPLIT" '"acpi-s3", "teleport"'
run validate "$TMP/newer.json"; expect "validate: unknown member and feature are errors when strict" 1 "future-member"
run validate --tolerant "$TMP/newer.json"; expect "validate --tolerant: unknown member and feature are warnings" 0 "warning"
descriptor "$TMP/unknown-device.json" "" '{"device": "rom", "filename": "/a"}' ''
run validate --tolerant "$TMP/unknown-device.json"
expect "validate --tolerant: unknown device is unsupported (exit 1)" 1 "mapping.device: unknown value 'rom': not supported"
descriptor "$TMP/no-template.json" "" '{"device": "flash", "executable": {"filename": "/a", "format": "raw"}}' ''
run validate "$TMP/no-template.json"
expect "validate: absent mode needs nvram-template (with position)" 1 "no-template.json:4:[0-9]+: mapping.nvram-template: required when .mode. is absent"
descriptor "$TMP/stateless-template.json" "" '{"device": "flash", "mode": "stateless", "executable": {"filename": "/a", "format": "raw"}, "nvram-template": {"filename": "/b", "format": "raw"}}' ''
run validate "$TMP/stateless-template.json"
expect "validate: stateless forbids nvram-template" 1 "stateless-template.json:4:[0-9]+: mapping.nvram-template: must not be present in mode 'stateless'"
descriptor "$TMP/verbose.json" "" "$SPLIT" '"verbose-dynamic", "verbose-static"'
run validate "$TMP/verbose.json"; expect "validate: verbose-dynamic and verbose-static exclude each other" 1 "features: "
# Schema errors do not hide the prose rules: every problem of the file.
cat >"$TMP/multi-rule.json" <<'JSON'
{
    "description": "x",
    "interface-types": [],
    "mapping": {"device": "flash", "mode": "combined",
                "executable": {"filename": "/a", "format": "raw"},
                "nvram-template": {"filename": "/b", "format": "raw"}},
    "targets": [{"architecture": "bogus", "machines": ["pc-q35-*"]}],
    "features": ["verbose-static", "verbose-dynamic"],
    "tags": [],
    "bogus": 1
}
JSON
run validate "$TMP/multi-rule.json"
if [ "$RC" = 1 ] && grep -q "multi-rule.json:10:[0-9]*: bogus: unknown member" <<<"$ERR" &&
   grep -q "targets\[0\].architecture: invalid value" <<<"$ERR" &&
   grep -q "multi-rule.json:3:[0-9]*: interface-types: must not be empty" <<<"$ERR" &&
   grep -q "multi-rule.json:6:[0-9]*: mapping.nvram-template: must not be present in mode 'combined'" <<<"$ERR" &&
   grep -q "multi-rule.json:8:[0-9]*: features: 'verbose-dynamic' and 'verbose-static' exclude" <<<"$ERR"; then
    ok "validate: schema errors and prose-rule violations all reported"
else
    not_ok "validate: schema errors and prose-rule violations all reported"; echo "$ERR" | sed 's/^/#   /'
fi
printf '{"description": "x",\n "interface-types": [' >"$TMP/truncated.json"
run validate "$TMP/truncated.json"; expect "validate: syntax error with position" 1 "truncated.json:[0-9]+:[0-9]+: "
run validate "$TMP/does-not-exist.json"; expect "validate: missing file exits 1" 1 "No such file"
mkfifo "$TMP/fifo.json"
timeout 10 "$FWDESC" validate "$TMP/fifo.json" >/dev/null 2>"$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
expect "validate: a FIFO is refused, not read (no hang)" 1 "FIFO"
run validate --json "$TMP/two-problems.json" "$DATA/50-ovmf-split.json"
if [ "$RC" = 1 ] && json_check 'd["files"][0]["status"]=="invalid" and len(d["files"][0]["problems"])>=3 and d["files"][1]["status"]=="ok" and d["files"][0]["problems"][0]["line"]>0'; then
    ok "validate --json: per-file status and problems with positions"
else
    not_ok "validate --json: per-file status and problems with positions"
fi

"$FWDESC" validate - <"$TMP/two-problems.json" >/dev/null 2>"$TMP/err"; RC=$?; ERR=$(cat "$TMP/err")
expect "validate -: standard input, named <stdin>" 1 "^<stdin>:[0-9]+:[0-9]+: mapping.mode: "
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$FWDESC" --version >/dev/null 2>&1; then
    # As root every file is readable: check as an unprivileged user.
    mkdir -m 755 "$TMP/perm"; chmod 755 "$TMP"
    cp "$DATA/50-ovmf-split.json" "$TMP/perm/10-secret.json"; chmod 600 "$TMP/perm/10-secret.json"
    cp "$DATA/50-ovmf-split.json" "$TMP/perm/20-public.json"; chmod 644 "$TMP/perm/20-public.json"
    OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$FWDESC" list --dir "$TMP/perm" 2>&1); RC=$?
    # Exit 1: an invalid entry is invalid input (the others are still listed).
    if [ "$RC" = 1 ] && grep -q "^invalid .*10-secret.json: .*Permission denied" <<<"$OUT" &&
       grep -q "^ok .*20-public.json" <<<"$OUT"; then
        ok "list: an unreadable file is invalid, the others unaffected"
    else
        not_ok "list: an unreadable file is invalid, the others unaffected"; echo "$OUT" | sed 's/^/#   /'
    fi
    chmod 700 "$TMP"
else
    n=$((n + 1)); echo "ok $n - list: unreadable file # SKIP needs root, setpriv, and a build the nobody user can run"
fi

# --- format ---
run format "$DATA/50-ovmf-split.json"
[ "$RC" = 0 ] && [ "$OUT" = "$(cat "$DATA/50-ovmf-split.json")" ] &&
    ok "format: canonical file comes out unchanged" || not_ok "format: canonical file comes out unchanged"
printf '{"tags":[],"features":["acpi-s3"],"targets":[{"machines":["pc-q35-*"],"architecture":"x86_64"}],"mapping":{"executable":{"format":"raw","filename":"/a"},"device":"flash","mode":"stateless"},"interface-types":["uefi"],"description":"d"}' >"$TMP/messy.json"
run format --check "$TMP/messy.json"; expect "format --check: non-canonical file exits 1" 1 "not in canonical form"
"$FWDESC" format - <"$TMP/messy.json" >"$TMP/out" 2>/dev/null; RC=$?
[ "$RC" = 0 ] && "$FWDESC" format --check "$TMP/out" 2>/dev/null && ok "format -: standard input" || not_ok "format -: standard input"
run format "$TMP/messy.json"; first=$OUT
printf '%s\n' "$first" >"$TMP/once.json"
run format "$TMP/once.json"
[ "$OUT" = "$first" ] && ok "format: formatting twice is byte-identical" || not_ok "format: formatting twice is byte-identical"
python3 - "$first" <<'PY' && ok "format: schema member order" || not_ok "format: schema member order"
import json, sys
d = json.loads(sys.argv[1])
assert list(d) == ["description", "interface-types", "mapping", "targets", "features", "tags"], list(d)
assert list(d["mapping"]) == ["device", "mode", "executable"], list(d["mapping"])
PY
cp "$TMP/messy.json" "$TMP/inplace.json"; chmod 640 "$TMP/inplace.json"
run format --in-place "$TMP/inplace.json"
[ "$RC" = 0 ] && "$FWDESC" format --check "$TMP/inplace.json" 2>/dev/null && [ "$(stat -c %a "$TMP/inplace.json")" = 640 ] &&
    ok "format --in-place: rewritten canonical, mode kept" || not_ok "format --in-place: rewritten canonical, mode kept"
# The exact mode, whatever the umask (a root shell's 077 must not make a
# system descriptor unreadable), and the owner and group where permitted.
cp "$TMP/messy.json" "$TMP/inplace-644.json"; chmod 644 "$TMP/inplace-644.json"
(umask 077; "$FWDESC" format --in-place "$TMP/inplace-644.json" 2>/dev/null); RC=$?
[ "$RC" = 0 ] && "$FWDESC" format --check "$TMP/inplace-644.json" 2>/dev/null && [ "$(stat -c %a "$TMP/inplace-644.json")" = 644 ] &&
    ok "format --in-place: mode kept exactly under umask 077" || not_ok "format --in-place: mode under umask 077 ($(stat -c %a "$TMP/inplace-644.json"))"
cp "$TMP/messy.json" "$TMP/inplace-2755.json"; chmod 2755 "$TMP/inplace-2755.json"
(umask 022; "$FWDESC" format --in-place "$TMP/inplace-2755.json" 2>/dev/null)
[ "$(stat -c %a "$TMP/inplace-2755.json")" = 2755 ] && ok "format --in-place: set-id bits kept" || not_ok "format --in-place: set-id bits ($(stat -c %a "$TMP/inplace-2755.json"))"
if [ "$(id -u)" = 0 ]; then
    cp "$TMP/messy.json" "$TMP/inplace-owned.json"; chown 65534:65534 "$TMP/inplace-owned.json"; chmod 664 "$TMP/inplace-owned.json"
    (umask 077; "$FWDESC" format --in-place "$TMP/inplace-owned.json" 2>/dev/null)
    [ "$(stat -c %u:%g:%a "$TMP/inplace-owned.json")" = 65534:65534:664 ] && "$FWDESC" format --check "$TMP/inplace-owned.json" 2>/dev/null &&
        ok "format --in-place: owner and group kept (root)" || not_ok "format --in-place: owner and group ($(stat -c %u:%g:%a "$TMP/inplace-owned.json"))"
else
    n=$((n + 1)); echo "ok $n - format --in-place: owner and group # SKIP needs root"
fi
ls -a "$TMP" | grep -q '^\.inplace' && not_ok "format --in-place: no temporary file left" || ok "format --in-place: no temporary file left"
run format --check --in-place "$TMP/messy.json"; expect "format: --check with --in-place is a usage error" 2
run format "$TMP/two-problems.json"; expect "format: invalid file exits 1" 1 "mapping.mode"
descriptor "$TMP/nomode.json" "" "$SPLIT" ''
run format "$TMP/nomode.json"
grep -q '"mode"' <<<"$OUT" && not_ok "format: absent mode stays absent" || ok "format: absent mode stays absent"

# --- list ---
mkdir -p "$TMP/low" "$TMP/high"
cp "$DATA/50-ovmf-split.json" "$TMP/low/50-a.json"
cp "$DATA/70-ovmf-stateless.json" "$TMP/low/60-b.json"
cp "$DATA/60-ovmf-combined.json" "$TMP/high/60-b.json"
: >"$TMP/high/50-a.json"
cp "$TMP/two-problems.json" "$TMP/high/70-bad.json"
cp "$TMP/no-template.json" "$TMP/high/75-invalid.json"
ln -s /dev/null "$TMP/high/80-null.json"
ln -s nowhere.json "$TMP/high/85-dangling.json"
mkfifo "$TMP/high/90-fifo.json"
mkdir "$TMP/high/95-dir.json"
cp "$DATA/50-ovmf-split.json" "$TMP/high/.hidden.json"
cp "$DATA/50-ovmf-split.json" "$TMP/high/README"
timeout 20 "$FWDESC" list --dir "$TMP/low" --dir "$TMP/high" >"$TMP/out" 2>"$TMP/err"; RC=$?; OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
expect "list: exits 1 with invalid files present (after listing all)" 1
expected="masked $TMP/high/50-a.json
shadowed $TMP/low/50-a.json
ok $TMP/high/60-b.json
shadowed $TMP/low/60-b.json
unsupported $TMP/high/70-bad.json
invalid $TMP/high/75-invalid.json
masked $TMP/high/80-null.json
invalid $TMP/high/85-dangling.json
invalid $TMP/high/90-fifo.json
invalid $TMP/high/95-dir.json"
got=$(awk '{sub(":$","",$2); print $1, $2}' <<<"$OUT")
[ "$got" = "$expected" ] && ok "list: override, masking, dotfiles, special files, sorted" ||
    { not_ok "list: override, masking, dotfiles, special files, sorted"; diff <(echo "$expected") <(echo "$got") | sed 's/^/#   /'; }
grep -q "dangling symbolic link" <<<"$OUT" && grep -q "90-fifo.json: is a FIFO" <<<"$OUT" &&
    ok "list: reasons for dangling symlink and FIFO" || not_ok "list: reasons for dangling symlink and FIFO"
run list --json --dir "$TMP/low" --dir "$TMP/high"
json_check 'len(d["entries"])==10 and d["entries"][0]["status"]=="masked" and d["entries"][1]["reason"].startswith("masked by")' &&
    ok "list --json" || not_ok "list --json"
mkdir "$TMP/empty"
run list --dir "$TMP/empty"; expect "list: nothing found exits 1" 1 "no firmware descriptors"
run list --dir "$TMP/no-such-dir"; expect "list: a missing --dir is warned about" 1 "no-such-dir: does not exist"
run list --dir "$DATA/50-ovmf-split.json"
[ "$RC" = 1 ] && [ "$(grep -c warning <<<"$ERR")" = 1 ] && grep -q "50-ovmf-split.json: not a directory" <<<"$ERR" &&
    ok "list: a --dir that is a file: one warning" || { not_ok "list: a --dir that is a file: one warning"; echo "$ERR" | sed 's/^/#   /'; }
run list --dir ''; expect "list: an empty --dir is a usage error" 2 "needs a directory"
# A directory or FIFO named like a vendor file is invalid but hides nothing
# (libvirt skips non-regular entries before overriding).
mkdir -p "$TMP/ov/usr" "$TMP/ov/etc"
cp "$DATA/40-ovmf-secure-smm.json" "$DATA/50-ovmf-split.json" "$TMP/ov/usr/"
mkdir "$TMP/ov/etc/40-ovmf-secure-smm.json"; mkfifo "$TMP/ov/etc/50-ovmf-split.json"
timeout 20 "$FWDESC" list --dir "$TMP/ov/usr" --dir "$TMP/ov/etc" >"$TMP/out" 2>"$TMP/err"; RC=$?; OUT=$(cat "$TMP/out")
expected="invalid $TMP/ov/etc/40-ovmf-secure-smm.json
ok $TMP/ov/usr/40-ovmf-secure-smm.json
invalid $TMP/ov/etc/50-ovmf-split.json
ok $TMP/ov/usr/50-ovmf-split.json"
got=$(awk '{sub(":$","",$2); print $1, $2}' <<<"$OUT")
[ "$RC" = 1 ] && [ "$got" = "$expected" ] && grep -q "is a directory, not a regular file (overrides nothing)" <<<"$OUT" &&
    ok "list: a directory or FIFO in a more specific directory does not override" ||
    { not_ok "list: a directory or FIFO does not override"; diff <(echo "$expected") <(echo "$got") | sed 's/^/#   /'; }
run select --dir "$TMP/ov/usr" --dir "$TMP/ov/etc" --arch x86_64 --machine pc-q35-9.2 --feature secure-boot
[ "$OUT" = "$TMP/ov/usr/40-ovmf-secure-smm.json" ] && ok "select: the vendor file behind a stray directory" || not_ok "select: vendor file behind a stray directory ($OUT)"
# The same directory under two names (XDG config linked to the system
# directory) does not shadow itself.
ln -s usr "$TMP/ov/link"
run list --dir "$TMP/ov/usr" --dir "$TMP/ov/link"
[ "$RC" = 0 ] && ! grep -q shadowed <<<"$OUT" && [ "$(grep -c '^ok' <<<"$OUT")" = 2 ] &&
    ok "list: a directory linked under a second name does not shadow itself" || { not_ok "list: directory linked twice"; echo "$OUT" | sed 's/^/#   /'; }
run list extra; expect "list: stray argument is a usage error" 2

# A file name that is not UTF-8 (any user controls ~/.config/qemu/firmware):
# every --json report still works, names shown with U+FFFD plus their bytes.
BADNAME=$(printf 'a\377.json')
mkdir "$TMP/u8"; cp "$DATA/50-ovmf-split.json" "$TMP/u8/$BADNAME"
cp "$DATA/70-ovmf-stateless.json" "$TMP/u8/b.json"
: >"$TMP/u8/$(printf 'm\377.json')"; cp "$TMP/two-problems.json" "$TMP/u8/$(printf 'z\377.json')"
run list --dir "$TMP/u8" --json
[ "$RC" = 0 ] && json_check 'len(e:=d["entries"])==4 and e[0]["name"]=="a\ufffd.json" and e[0]["name-bytes"]=="a\\377.json" and e[0]["path-bytes"].endswith("/u8/a\\377.json") and e[0]["status"]=="ok" and "name-bytes" not in e[1]' &&
    ok "list --json: a non-UTF-8 file name (no crash, display name and bytes)" || { not_ok "list --json: a non-UTF-8 file name (exit $RC)"; echo "$ERR" | head -3 | sed 's/^/#   /'; }
run select --dir "$TMP/u8" --arch x86_64 --machine pc-q35-9.2 --json
[ "$RC" = 0 ] && json_check 'd["chosen"].endswith("/u8/a\ufffd.json") and d["chosen-bytes"].endswith("a\\377.json")' &&
    ok "select --json: a non-UTF-8 file name" || not_ok "select --json: a non-UTF-8 file name (exit $RC)"
run lint --dir "$TMP/u8" --json
[ "$RC" = 1 ] && is_json && ok "lint --dir --json: a non-UTF-8 file name" || not_ok "lint --dir --json: a non-UTF-8 file name (exit $RC)"
run validate --json "$TMP/u8/$BADNAME" "$TMP/$(printf 'nonexist\377.json')"
[ "$RC" = 1 ] && json_check '(f:=d["files"])[0]["status"]=="ok" and f[0]["file"].endswith("a\ufffd.json") and f[1]["status"]=="invalid" and "line" not in f[1]["problems"][0]' &&
    ok "validate --json: non-UTF-8 names; no line 0 for an unpositioned problem" || not_ok "validate --json: non-UTF-8 names (exit $RC)"
run list --dir "$TMP/u8"
# Text output shows names as validate does: a stray byte escaped.
[ "$RC" = 0 ] && grep -qF "$TMP/u8/a\xff.json" <<<"$OUT" && ok "list: text output shows a non-UTF-8 name escaped" || not_ok "list: text output shows a non-UTF-8 name escaped"

# --- select ---
run select --dir "$TMP/low" --dir "$TMP/high" --arch x86_64 --machine pc-q35-9.2 --mode combined
[ "$RC" = 0 ] && [ "$OUT" = "$TMP/high/60-b.json" ] && ok "select: first match after override and mask" || not_ok "select: first match after override and mask ($OUT)"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --mode stateless
[ "$OUT" = "$DATA/70-ovmf-stateless.json" ] && ok "select --mode stateless" || not_ok "select --mode stateless ($OUT)"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --mode combined
[ "$OUT" = "$DATA/60-ovmf-combined.json" ] && ok "select --mode combined" || not_ok "select --mode combined ($OUT)"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --readonly no
[ "$OUT" = "$DATA/60-ovmf-combined.json" ] && ok "select --readonly no: the combined image" || not_ok "select --readonly no ($OUT)"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --readonly maybe; expect "select --readonly takes yes or no" 2
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --no-feature secure-boot --mode split
[ "$OUT" = "$DATA/50-ovmf-split.json" ] && ok "select --no-feature secure-boot --mode split (absent mode counts as split)" || not_ok "select --no-feature ... ($OUT)"
run select --dir "$DATA" --arch x86_64 --machine pc-i440fx-9.2 --explain
expect "select: nothing fits exits 1" 1 "does not run x86_64 machine 'pc-i440fx-9.2'"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --feature secure-boot --explain
[ "$RC" = 0 ] && grep -q "40-ovmf-secure-smm.json: chosen" <<<"$ERR" && grep -q "50-ovmf-split.json: lacks feature secure-boot" <<<"$ERR" &&
    ok "select --explain: chosen and each loser's reason" || { not_ok "select --explain"; echo "$ERR" | sed 's/^/#   /'; }
run select --dir "$DATA" --arch sparc --machine x; expect "select: unknown architecture is a usage error" 2 "unknown architecture 'sparc'"
run select --dir "$DATA" --arch x86_64; expect "select: --machine is required" 2 "required"
run select --dir "$DATA" --arch x86_64 --machine q --feature warp; expect "select: unknown feature is a usage error" 2 "unknown feature"
mkdir "$TMP/cc"
descriptor "$TMP/cc/10-snp.json" "" '{"device": "memory", "filename": "/x/OVMF.amdsev.fd"}' '"amd-sev-snp"'
descriptor "$TMP/cc/20-tdx.json" "" '{"device": "memory", "filename": "/x/OVMF.inteltdx.fd"}' '"intel-tdx"'
descriptor "$TMP/cc/30-plain.json" "" "$STATELESS" '"amd-sev", "amd-sev-es"'
run select --dir "$TMP/cc" --arch x86_64 --machine pc-q35-9.2 --mode stateless --mode-any-device --confidential none --explain
[ "$RC" = 0 ] && [ "$OUT" = "$TMP/cc/30-plain.json" ] &&
    grep -q "10-snp.json: confidential-computing firmware (feature amd-sev-snp)" <<<"$ERR" &&
    grep -q "20-tdx.json: confidential-computing firmware (feature intel-tdx)" <<<"$ERR" &&
    ok "select --confidential none: SEV-SNP/TDX-only builds refused, amd-sev builds kept, with reasons" ||
    { not_ok "select --confidential none ($OUT)"; echo "$ERR" | sed 's/^/#   /'; }
run select --dir "$TMP/cc" --arch x86_64 --machine pc-q35-9.2 --confidential sev-snp
[ "$OUT" = "$TMP/cc/10-snp.json" ] && ok "select --confidential sev-snp" || not_ok "select --confidential sev-snp ($OUT)"
mkdir "$TMP/bits"
descriptor "$TMP/bits/10-ia32.json" "" '{"device": "flash", "mode": "stateless", "executable": {"filename": "/usr/share/edk2/ia32/OVMF_CODE.fd", "format": "raw"}}' ''
descriptor "$TMP/bits/20-x64.json" "" "$STATELESS" ''
run select --dir "$TMP/bits" --arch x86_64 --machine pc-q35-9.2 --mode stateless --explain
[ "$RC" = 0 ] && [ "$OUT" = "$TMP/bits/20-x64.json" ] &&
    grep -q "10-ia32.json: looks like 32-bit (IA32) firmware ('ia32' in '/usr/share/edk2/ia32/OVMF_CODE.fd')" <<<"$ERR" &&
    ok "select: IA32 firmware not chosen for an x86_64 guest, with the evidence" ||
    { not_ok "select: IA32 firmware for x86_64 ($OUT)"; echo "$ERR" | sed 's/^/#   /'; }
grep -q "10-ia32.json: .*a 64-bit guest wanted (--guest-bits 32 allows it)$" <<<"$ERR" &&
    ok "select --explain: the tool's own hint after the library's reason" || not_ok "select --explain: hint ($ERR)"
run select --dir "$TMP/bits" --arch x86_64 --machine pc-q35-9.2 --mode stateless --guest-bits 32
[ "$OUT" = "$TMP/bits/10-ia32.json" ] && ok "select --guest-bits 32: the IA32 build" || not_ok "select --guest-bits 32 ($OUT)"
run select --dir "$TMP/bits" --arch x86_64 --machine pc-q35-9.2 --guest-bits 16; expect "select --guest-bits takes 32 or 64" 2
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --feature secure-boot --no-feature secure-boot
expect "select: --feature F with --no-feature F is a usage error" 2 "contradict"
run select --dir "$DATA" --arch x86_64 --machine pc-q35-9.2 --no-feature secure-boot --feature secure-boot
expect "select: --no-feature F with --feature F (either order) is a usage error" 2 "contradict"
run select --dir "$DATA" --arch x86_64 --machine ''; expect "select: an empty --machine is a usage error" 2 "machine type"
run select --dir "$DATA" --arch x86_64 --machine q35 --mode stateless
[ "$RC" = 0 ] && [ "$OUT" = "$DATA/70-ovmf-stateless.json" ] && ok "select --machine q35: QEMU's alias" || not_ok "select --machine q35 ($OUT)"
run select --json --dir "$DATA" --arch x86_64 --machine pc-q35-1 --mode combined
json_check 'd["chosen"].endswith("60-ovmf-combined.json") and all("rejected" in c for c in d["candidates"] if not c["chosen"])' &&
    ok "select --json: chosen and rejections" || not_ok "select --json"

# --- cmdline ---
run cmdline "$DATA/50-ovmf-split.json"; expect "cmdline: split without --vars is a usage error" 2 "variable store"
run cmdline "$DATA/70-ovmf-stateless.json" --vars "$TMP/v.fd"; expect "cmdline: stateless refuses --vars" 1 "stateless firmware has no variable store"
run cmdline "$DATA/50-ovmf-split.json" --vars "$TMP/my vars,1.fd"
[ "$OUT" = "-blockdev driver=file,node-name=pflash0-file,read-only=on,filename=/usr/share/OVMF/OVMF_CODE_4M.fd -blockdev driver=raw,node-name=pflash0,read-only=on,file=pflash0-file -machine pflash0=pflash0 -blockdev 'driver=file,node-name=pflash1-file,read-only=off,filename=$TMP/my vars,,1.fd' -blockdev driver=raw,node-name=pflash1,read-only=off,file=pflash1-file -machine pflash1=pflash1" ] &&
    ok "cmdline: split, shell-quoted, commas doubled" || { not_ok "cmdline: split"; echo "# $OUT"; }
descriptor "$TMP/bios.json" "" '{"device": "memory", "filename": "/usr/share/seabios/bios-256k.bin"}' ''
run cmdline "$TMP/bios.json"; [ "$OUT" = "-bios /usr/share/seabios/bios-256k.bin" ] && ok "cmdline: memory is -bios" || not_ok "cmdline: memory ($OUT)"
descriptor "$TMP/kernel.json" "" '{"device": "kernel", "filename": "/k"}' ''
run cmdline "$TMP/kernel.json"; [ "$OUT" = "-kernel /k" ] && ok "cmdline: kernel is -kernel" || not_ok "cmdline: kernel ($OUT)"
descriptor "$TMP/igvm.json" "" '{"device": "igvm", "filename": "/f.igvm"}' ''
run cmdline "$TMP/igvm.json"; [ "$OUT" = "-object igvm-cfg,id=igvm0,file=/f.igvm -machine igvm-cfg=igvm0" ] && ok "cmdline: igvm object" || not_ok "cmdline: igvm ($OUT)"
run cmdline --json "$DATA/60-ovmf-combined.json" --vars /vm/x.fd
json_check 'd==["-blockdev","driver=file,node-name=pflash0-file,read-only=off,filename=/vm/x.fd","-blockdev","driver=raw,node-name=pflash0,read-only=off,file=pflash0-file","-machine","pflash0=pflash0"]' &&
    ok "cmdline --json: combined maps the VM's copy read-write" || not_ok "cmdline --json: combined ($OUT)"
run cmdline; expect "cmdline: no FILE is a usage error" 2
run cmdline "$DATA/60-ovmf-combined.json" --vars 'vm:1.fd'
grep -q -- "-blockdev driver=file,node-name=pflash0-file,read-only=off,filename=vm:1.fd " <<<"$OUT" && ! grep -q -- "-drive" <<<"$OUT" &&
    ok "cmdline: a file node, so 'vm:1.fd' is a file name, not protocol 'vm'" || not_ok "cmdline: 'vm:1.fd' ($OUT)"
sed 's/"x86_64"/"i386"/; s/pc-q35-\*/pc-i440fx-*/' "$TMP/bios.json" >"$TMP/hostvars-i386.json"
sed -i 's/"features": \[\]/"features": ["host-uefi-vars"]/' "$TMP/hostvars-i386.json"
run cmdline "$TMP/hostvars-i386.json" --vars /vm/v.json
[ "$OUT" = "-bios /usr/share/seabios/bios-256k.bin -device uefi-vars-x64,jsonfile=/vm/v.json" ] &&
    ok "cmdline: host-uefi-vars on i386 is uefi-vars-x64" || not_ok "cmdline: host-uefi-vars on i386 ($OUT)"
run cmdline --json "$DATA/60-ovmf-combined.json" --vars "$TMP/$(printf 'v\377.fd')"
expect "cmdline --json: a non-UTF-8 argument is refused, not mangled (no crash)" 1 "not UTF-8"

# --- instantiate ---
printf 'template' >"$TMP/tmpl.fd"
descriptor "$TMP/inst.json" "" "{\"device\": \"flash\", \"executable\": {\"filename\": \"/x\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"$TMP/tmpl.fd\", \"format\": \"raw\"}}" ''
run instantiate "$TMP/inst.json" "$TMP/vm.fd"
[ "$RC" = 0 ] && [ "$(cat "$TMP/vm.fd")" = template ] && ok "instantiate: copies the template" || not_ok "instantiate: copies the template"
printf 'mine' >"$TMP/vm.fd"
run instantiate "$TMP/inst.json" "$TMP/vm.fd"
expect "instantiate: existing file is not overwritten (the tool's hint)" 1 "already exists \(use --force to replace it\)$"
[ "$(cat "$TMP/vm.fd")" = mine ] && ok "instantiate: existing file kept intact" || not_ok "instantiate: existing file kept intact"
run instantiate --force "$TMP/inst.json" "$TMP/vm.fd"
[ "$RC" = 0 ] && [ "$(cat "$TMP/vm.fd")" = template ] && ok "instantiate --force replaces" || not_ok "instantiate --force replaces"
run instantiate --json "$TMP/inst.json" "$TMP/$(printf 'vm\377.fd')"
[ "$RC" = 0 ] && json_check 'd["created"].endswith("vm\ufffd.fd") and d["created-bytes"].endswith("vm\\377.fd")' &&
    ok "instantiate --json: a non-UTF-8 DEST" || not_ok "instantiate --json: a non-UTF-8 DEST (exit $RC)"
# host-uefi-vars: the store is QEMU's uefi-vars JSON file, not a flash image.
sed 's/"features": \[\]/"features": ["host-uefi-vars"]/' "$TMP/inst.json" >"$TMP/hv-split.json"
run instantiate "$TMP/hv-split.json" "$TMP/hv.fd"
[ "$RC" = 1 ] && [ ! -e "$TMP/hv.fd" ] && grep -q "uefi-vars JSON file" <<<"$ERR" &&
    ok "instantiate: host-uefi-vars firmware has nothing to copy" || not_ok "instantiate: host-uefi-vars ($ERR)"
run cmdline "$TMP/hv-split.json" --vars "$TMP/tmpl.fd"
expect "cmdline: host-uefi-vars refuses a flash image as jsonfile=" 1 "not a uefi-vars JSON file"
run cmdline "$TMP/hv-split.json" --vars "$TMP/new-vars.json"
[ "$RC" = 0 ] && grep -q -- "-device uefi-vars-x64,jsonfile=$TMP/new-vars.json" <<<"$OUT" &&
    ok "cmdline: host-uefi-vars with a JSON store QEMU will create" || not_ok "cmdline: host-uefi-vars JSON store ($OUT)"
run lint "$TMP/hv-split.json"
grep -q "mapping.nvram-template: warning: 'host-uefi-vars' firmware with an NVRAM template" <<<"$ERR" &&
    ok "lint: host-uefi-vars with an NVRAM template" || not_ok "lint: host-uefi-vars split ($ERR)"
run instantiate "$TMP/bios.json" "$TMP/b.fd"; expect "instantiate: memory firmware has no store" 1 "no variable store"
run instantiate "$TMP/inst.json" "$TMP/no/such/dir/vm.fd"; expect "instantiate: unwritable destination exits 1" 1

# --- lint ---
descriptor "$TMP/sb-nosmm.json" "" "$SPLIT" '"secure-boot", "enrolled-keys", "secure-boot"'
run lint "$TMP/sb-nosmm.json"
expect "lint: secure-boot without requires-smm" 1 "secure-boot' without 'requires-smm"
grep -q "duplicate feature" <<<"$ERR" && grep -q "does not exist" <<<"$ERR" && ok "lint: duplicates and missing files" || not_ok "lint: duplicates and missing files"
descriptor "$TMP/rel.json" "" '{"device": "memory", "filename": "bios.bin"}' '"enrolled-keys"'
run lint "$TMP/rel.json"
grep -q "relative file name" <<<"$ERR" && grep -q "'enrolled-keys' without 'secure-boot'" <<<"$ERR" &&
    ok "lint: relative file, enrolled-keys without secure-boot" || not_ok "lint: relative file, enrolled-keys without secure-boot"
mkdir "$TMP/twice"; cp "$DATA/50-ovmf-split.json" "$TMP/twice/10-a.json"; ln -s 10-a.json "$TMP/twice/20-b.json"
run lint --dir "$TMP/twice"; expect "lint --dir: one firmware under two names" 1 "two names"
run lint --json "$TMP/sb-nosmm.json"; is_json && ok "lint --json" || not_ok "lint --json"
run lint; expect "lint: nothing to lint is a usage error" 2
descriptor "$TMP/lint-hostvars.json" "" '{"device": "memory", "filename": "/x/OVMF.qemuvars.fd"}' '"host-uefi-vars", "secure-boot", "enrolled-keys"'
run lint "$TMP/lint-hostvars.json"
! grep -q "without 'requires-smm'" <<<"$ERR" && ok "lint: no SMM warning for host-uefi-vars firmware" || not_ok "lint: host-uefi-vars SB ($ERR)"
descriptor "$TMP/lint-sev.json" "" "$SPLIT" '"secure-boot", "amd-sev"'
run lint "$TMP/lint-sev.json"
! grep -q "without 'requires-smm'" <<<"$ERR" && ok "lint: amd-sev counts as confidential (as libvirt)" || not_ok "lint: amd-sev SB ($ERR)"
mkdir "$TMP/a-dir"
descriptor "$TMP/lint-dir.json" "" "{\"device\": \"flash\", \"executable\": {\"filename\": \"$TMP/a-dir\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"$TMP/a-dir\", \"format\": \"raw\"}}" ''
run lint "$TMP/lint-dir.json"
[ "$RC" = 1 ] && grep -q "mapping.executable.filename: warning: '$TMP/a-dir' is not a regular file" <<<"$ERR" &&
    grep -q "mapping.nvram-template.filename: warning: the NVRAM template is the executable itself" <<<"$ERR" &&
    ok "lint: executable that is a directory; template == executable" || { not_ok "lint: directory / same file"; echo "$ERR" | sed 's/^/#   /'; }
sed 's/"machines": \["pc-q35-\*"\]/"machines": []/' "$TMP/bios.json" >"$TMP/lint-nomachines.json"
run lint "$TMP/lint-nomachines.json"
expect "lint: a target with no machines" 1 "targets\[0\].machines: warning: no machines"
: >"$TMP/empty-lint.json"; ln -s /dev/null "$TMP/null-lint.json"
run lint "$TMP/empty-lint.json"; expect "lint FILE: an explicit empty file is invalid, not masked" 1 "empty-lint.json:1:1: empty document"
run lint "$TMP/null-lint.json"; expect "lint FILE: an explicit /dev/null link is invalid, not masked" 1 "null-lint.json: .*not a regular file"

# --- schema ---
run schema
[ "$RC" = 0 ] && json_check 'any(e.get("name")=="Firmware" for e in d)' && ok "schema: introspection lists Firmware" || not_ok "schema: introspection"
run schema --json-schema Firmware
[ "$RC" = 0 ] && is_json && ok "schema --json-schema Firmware" || not_ok "schema --json-schema Firmware"
run schema --json-schema FirmwareFlashFile
[ "$RC" = 0 ] && is_json && ok "schema --json-schema FirmwareFlashFile" || not_ok "schema --json-schema FirmwareFlashFile"
run schema --json-schema NoSuchType; expect "schema: an unknown TYPE is a usage error" 2 "no type 'NoSuchType'"

echo "1..$n"
