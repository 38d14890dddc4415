#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Real libvirt chooses firmware beside us, from the same directories.
#
# A private libvirt daemon runs in a mount namespace of its own
# (unshare -m): /run, /var/lib/libvirt, /var/cache/libvirt and
# /var/log/libvirt are empty tmpfs there, /etc is an overlay whose changes
# vanish with the namespace (a qemu.conf without cgroups, namespaces or
# security driver; an empty /etc/libvirt/qemu, so no network autostarts),
# and each scenario's directories are bind-mounted over
# /usr/share/qemu/firmware and /etc/qemu/firmware.  Nothing of it is
# visible outside, and the host's own daemon, if any, is not touched.
#
# For each scenario a tiny TCG domain with <os firmware='efi'> is started
# (libvirt 9.0 chooses firmware when a domain starts; the emulator is a
# wrapper that lets libvirt probe QEMU but ends the guest at once); its
# debug log line "decided on firmware 'CODE' template 'VARS'" is libvirt's
# choice, compared with the executable and template of the descriptor
# 'fwdesc select' chooses with the equivalent query (--qemu resolves q35
# as libvirt does).  Where libvirt fails on a bad file, fwdesc --strict
# must fail too.  Prints TAP; bounded by a timeout; kills what it starts.
set -u
BUILD=${FWDESC_BUILD_DIR:-build}
FWDESC=$(realpath "$BUILD/fwdesc" 2>/dev/null)
CORPUS=$(realpath ../shared/corpus/descriptors 2>/dev/null)
QEMU=/usr/bin/qemu-system-x86_64

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

if [ "${1:-}" != --inside ]; then
    [ -x "$FWDESC" ] || { echo "Bail out! $FWDESC not built"; exit 1; }
    [ "$(id -u)" = 0 ] || skip_all "needs root (a private libvirt daemon in a mount namespace)"
    for tool in unshare libvirtd virsh "$QEMU"; do
        command -v "$tool" >/dev/null || skip_all "$tool missing (scripts/install-deps --tests)"
    done
    [ -d /usr/share/OVMF ] || skip_all "OVMF missing (scripts/install-deps --tests)"
    if [ ! -d "$CORPUS" ]; then
        # CI always has the corpus beside the clone: there, a failure.
        [ "${CI:-}" = true ] && { echo "Bail out! ../shared/corpus missing (CI must provide it)"; exit 1; }
        skip_all "../shared/corpus missing"
    fi
    unshare -m --propagation private true 2>/dev/null ||
        skip_all "no mount namespace can be made here (unshare -m refused)"
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    # Everything in the namespace ends with it; the timeout bounds it.
    timeout --kill-after=10 300 unshare -m --propagation private \
        bash "$0" --inside "$WORK" "$FWDESC" "$CORPUS"
    rc=$?
    [ $rc = 124 ] && echo "Bail out! timed out"
    exit $rc
fi

# --- inside the namespace ---
W=$2 FWDESC=$3 CORPUS=$4
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
DAEMON=""
cleanup() {
    virsh -q -c qemu:///system destroy fwdesc-choice >/dev/null 2>&1
    [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
    # A QEMU libvirt failed to reap: by the pid file it wrote.
    for f in /run/libvirt/qemu/*.pid; do
        [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
    done
}
trap cleanup EXIT

mkdir -p "$W/etc-up" "$W/etc-work" "$W/usr" "$W/etc"
for d in /run /var/lib/libvirt /var/cache/libvirt /var/log/libvirt; do
    mount -t tmpfs fwdesc-test "$d" || { echo "Bail out! cannot mount tmpfs on $d"; exit 1; }
done
mount -t overlay fwdesc-test -o "lowerdir=/etc,upperdir=$W/etc-up,workdir=$W/etc-work" /etc ||
    { echo "1..0 # SKIP no overlay file system for a private /etc"; exit 0; }
rm -rf /etc/libvirt/qemu
mkdir -p /etc/libvirt/qemu /etc/qemu/firmware
cat >/etc/libvirt/qemu.conf <<'CONF'
stdio_handler = "file"
cgroup_controllers = [ ]
namespaces = [ ]
security_driver = "none"
user = "root"
group = "root"
remember_owner = 0
CONF
cat >"$W/libvirtd.conf" <<CONF
log_filters = "1:qemu.qemu_firmware 4:*"
log_outputs = "1:file:$W/libvirtd.log"
CONF
libvirtd --config "$W/libvirtd.conf" >"$W/daemon.out" 2>&1 &
DAEMON=$!
for _ in $(seq 100); do
    [ -S /run/libvirt/libvirt-sock ] && break
    sleep 0.1
done
[ -S /run/libvirt/libvirt-sock ] || { echo "Bail out! the private libvirtd did not start"; cat "$W/daemon.out" | sed 's/^/# /'; exit 1; }
VIRSH=(virsh -q -c qemu:///system)

# The domain's emulator: QEMU itself for libvirt's capability probe, but a
# domain start ends right away.  libvirt has chosen and logged the firmware
# by then, so nothing needs to boot and each scenario takes a moment.
cat >"$W/qemu" <<SH
#!/bin/sh
case " \$* " in
*" -name guest="*) echo "fwdesc test: not starting the guest" >&2; exit 1 ;;
esac
exec $QEMU "\$@"
SH
chmod 755 "$W/qemu"

# use USR-DIR ETC-DIR: the scenario's directories in place.
use() {
    umount /usr/share/qemu/firmware 2>/dev/null
    umount /etc/qemu/firmware 2>/dev/null
    mount --bind "$1" /usr/share/qemu/firmware
    mount --bind "$2" /etc/qemu/firmware
}

# libvirt_choice OS-XML: libvirt's choice as "CODE|VARS", or "FAIL|message".
libvirt_choice() {
    cat >"$W/dom.xml" <<XML
<domain type='qemu'>
  <name>fwdesc-choice</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  $1
  <features><acpi/></features>
  <devices><emulator>$W/qemu</emulator></devices>
</domain>
XML
    "${VIRSH[@]}" undefine --nvram fwdesc-choice >/dev/null 2>&1
    : >"$W/libvirtd.log"
    if ! "${VIRSH[@]}" define "$W/dom.xml" >"$W/virsh.out" 2>&1; then
        echo "FAIL|define: $(tr '\n' ' ' <"$W/virsh.out")"
        return
    fi
    "${VIRSH[@]}" start --paused fwdesc-choice >"$W/virsh.out" 2>&1
    "${VIRSH[@]}" destroy fwdesc-choice >/dev/null 2>&1
    local line
    line=$(grep "decided on firmware" "$W/libvirtd.log" | tail -n1)
    if [ -n "$line" ]; then
        # libvirt logs a missing template as "<null>".
        sed -E "s/.*decided on firmware '([^']*)' template '([^']*)'.*/\1|\2/; s/\|<null>$/|none/" <<<"$line"
    else
        echo "FAIL|$(grep -v '^$' "$W/virsh.out" | tr '\n' ' ')"
    fi
}

# fwdesc_choice ARGS...: our choice as "CODE|VARS" (VARS "none" without a
# template), or "FAIL|message".
fwdesc_choice() {
    local path
    path=$("$FWDESC" select --dir /usr/share/qemu/firmware --dir /etc/qemu/firmware \
        --arch x86_64 --machine q35 --qemu "$QEMU" --interface uefi "$@" 2>"$W/fwdesc.err")
    if [ -z "$path" ]; then
        echo "FAIL|$(tr '\n' ' ' <"$W/fwdesc.err")"
        return
    fi
    python3 - "$path" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["mapping"]
code = m.get("executable", {}).get("filename") or m.get("filename")
print("%s|%s" % (code, m.get("nvram-template", {}).get("filename", "none")))
PY
}

# compare NAME OS-XML FWDESC-ARGS...: the same choice, or both find nothing.
compare() {
    local name=$1 os=$2; shift 2
    local lv fw
    lv=$(libvirt_choice "$os")
    fw=$(fwdesc_choice "$@")
    if [ "$lv" = "$fw" ]; then
        ok "$name: both choose ${lv//|/ + }"
    elif [[ $lv == FAIL\|*"Unable to find any firmware"* ]] && [[ $fw == FAIL\|* ]]; then
        ok "$name: neither finds firmware"
    else
        not_ok "$name"
        echo "#   libvirt: $lv"
        echo "#   fwdesc:  $fw"
    fi
}

# libvirt_fails NAME OS-XML PATTERN FWDESC-ARGS...: libvirt refuses to
# choose (a bad file); fwdesc --strict refuses too.
libvirt_fails() {
    local name=$1 os=$2 pattern=$3; shift 3
    local lv fw
    lv=$(libvirt_choice "$os")
    fw=$(fwdesc_choice --strict "$@")
    if [[ $lv == FAIL\|* ]] && grep -qE -- "$pattern" <<<"$lv" && [[ $fw == FAIL\|* ]]; then
        ok "$name: libvirt fails (${lv#FAIL|}), and so does fwdesc --strict"
    else
        not_ok "$name"
        echo "#   libvirt: $lv"
        echo "#   fwdesc --strict: $fw"
    fi
}

EFI="<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>"
efi_with() { # FEATURE=yes|no...: <os firmware='efi'> with <firmware> features
    local f xml=""
    for f in "$@"; do
        xml+="<feature enabled='${f#*=}' name='${f%=*}'/>"
    done
    echo "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><firmware>$xml</firmware></os>"
}
STATELESS="<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type><loader stateless='yes'/></os>"

# descriptor FILE MODE CODE [VARS] [MACHINE-PATTERN]
descriptor() {
    local tmpl=""
    [ -n "${4:-}" ] && tmpl=", \"nvram-template\": {\"filename\": \"$4\", \"format\": \"raw\"}"
    cat >"$1" <<JSON
{
    "description": "libvirt comparison",
    "interface-types": ["uefi"],
    "mapping": {"device": "flash", "mode": "$2",
                "executable": {"filename": "$3", "format": "raw"}$tmpl},
    "targets": [{"architecture": "x86_64", "machines": ["${5:-pc-q35-*}"]}],
    "features": ["acpi-s3"],
    "tags": []
}
JSON
}
scenario() { # NAME: fresh, empty directories for it
    S=$W/$1
    mkdir -p "$S/usr" "$S/etc"
}

# 1. Debian's own descriptors, as installed.
scenario debian
cp /usr/share/qemu/firmware/*.json "$S/usr/" 2>/dev/null || cp "$CORPUS"/debian-bookworm/*.json "$S/usr/"
use "$S/usr" "$S/etc"
compare "Debian's descriptors, plain efi" "$EFI"
compare "Debian's descriptors, secure-boot without enrolled keys" \
    "$(efi_with secure-boot=yes enrolled-keys=no)" --feature secure-boot --no-feature enrolled-keys
compare "Debian's descriptors, no secure-boot" "$(efi_with secure-boot=no)" --no-feature secure-boot
compare "Debian's descriptors, enrolled keys" "$(efi_with enrolled-keys=yes)" --feature enrolled-keys

# 2. Combined and stateless files placed first.
scenario first
cp "$S/../debian/usr/"*.json "$S/usr/"
descriptor "$S/usr/10-combined.json" combined /usr/share/OVMF/OVMF.fd
descriptor "$S/usr/20-stateless.json" stateless /usr/share/OVMF/OVMF_CODE_4M.fd
use "$S/usr" "$S/etc"
compare "combined and stateless files first, plain efi" "$EFI"
compare "combined and stateless files first, stateless loader" "$STATELESS" --mode stateless --mode-any-device

# 3. Corpus descriptors with overrides and masks.
scenario overrides
cp "$CORPUS"/debian-bookworm/*.json "$S/usr/"
cp "$CORPUS"/libvirt-tests-fedora-derived/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json \
   "$S/etc/40-edk2-x86_64-secure-enrolled.json"
: >"$S/etc/50-edk2-x86_64-secure.json"
use "$S/usr" "$S/etc"
compare "override of the enrolled-keys file by another build, mask of the SB file" "$EFI"
compare "override and mask, no secure-boot" "$(efi_with secure-boot=no)" --no-feature secure-boot
# A symbolic link to /dev/null masks, as firmware.json documents; libvirt
# 9.0 skips the link instead and keeps the file it should mask.  We differ
# on purpose (README).
rm "$S/etc/40-edk2-x86_64-secure-enrolled.json"
ln -s /dev/null "$S/etc/40-edk2-x86_64-secure-enrolled.json"
lv=$(libvirt_choice "$(efi_with secure-boot=yes)")
fw=$(fwdesc_choice --feature secure-boot)
masked=$("$FWDESC" list --dir /usr/share/qemu/firmware --dir /etc/qemu/firmware 2>/dev/null |
         grep -c '^masked .*/etc/qemu/firmware/40-edk2-x86_64-secure-enrolled.json')
if [ "$lv" = "/usr/share/OVMF/OVMF_CODE_4M.ms.fd|/usr/share/OVMF/OVMF_VARS_4M.ms.fd" ] &&
   [[ $fw == FAIL\|* ]] && [ "$masked" = 1 ]; then
    ok "a /dev/null link masks for fwdesc (nothing with secure-boot left), libvirt 9.0 ignores the link (differs on purpose)"
else
    not_ok "a /dev/null link mask"; echo "#   libvirt: $lv"; echo "#   fwdesc:  $fw (masked: $masked)"
fi

# 4. Machine patterns: q35 resolved by the binary; classes are no globs.
scenario machines
descriptor "$S/usr/10-bracket.json" split /usr/share/OVMF/OVMF_CODE_4M.ms.fd \
    /usr/share/OVMF/OVMF_VARS_4M.ms.fd 'pc-q35-[0-9].*'
alias_of=$("$QEMU" -machine help | sed -n 's/^q35 .*(alias of \(.*\))$/\1/p')
descriptor "$S/usr/20-this-qemu.json" split /usr/share/OVMF/OVMF_CODE_4M.fd \
    /usr/share/OVMF/OVMF_VARS_4M.fd "${alias_of%.*}.*"
use "$S/usr" "$S/etc"
compare "a '[0-9]' class is not a glob; q35 is $alias_of" "$EFI"

# 5. A broken override: libvirt fails on it; fwdesc --strict too.
scenario broken
cp "$S/../debian/usr/"*.json "$S/usr/"
echo '{"description": "broken", ' >"$S/etc/40-edk2-x86_64-secure-enrolled.json"
use "$S/usr" "$S/etc"
libvirt_fails "a broken override" "$EFI" "firmware|JSON|parse"

# 6. A loongarch64 descriptor without description or tags, beside Debian's.
scenario loongarch
cp "$S/../debian/usr/"*.json "$S/usr/"
cp "$CORPUS"/libvirt-tests-fedora-derived/50-edk2-loongarch64.json "$S/usr/"
use "$S/usr" "$S/etc"
# libvirt 9.0 does not know loongarch64 and fails on the file; fwdesc
# loads it and chooses Debian's x86_64 firmware (differs on purpose).
lv=$(libvirt_choice "$EFI")
fw=$(fwdesc_choice --strict)
if [[ $lv == FAIL\|*"unknown architecture 'loongarch64'"* ]] &&
   [ "$fw" = "/usr/share/OVMF/OVMF_CODE_4M.ms.fd|/usr/share/OVMF/OVMF_VARS_4M.ms.fd" ]; then
    ok "a loongarch64 file without description: libvirt 9.0 fails (unknown architecture), fwdesc --strict chooses Debian's (differs on purpose)"
else
    not_ok "a loongarch64 file without description"; echo "#   libvirt: $lv"; echo "#   fwdesc --strict: $fw"
fi

echo "1..$n"
