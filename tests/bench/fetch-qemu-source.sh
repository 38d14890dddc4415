#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# For the generator benchmark only: unpack QEMU's QAPI generator and its
# own schema from Debian's qemu source package into DIR (default
# build/qemu-src), so bench-generator.py can time QEMU's generator and ours
# side by side on the same input.  Nothing of it is built into or shipped
# with fwdesc.  The source comes from where this machine's apt already
# gets its packages: the deb-src twin of each configured deb entry of the
# release (so a local mirror is respected), listed in a private apt
# directory, so the system's configuration is untouched.
#
#   fetch-qemu-source.sh [DIR]           fetch and unpack
#   fetch-qemu-source.sh --print-sources print the deb-src lines it would use
set -euo pipefail
print_only=false
if [ "${1:-}" = --print-sources ]; then
    print_only=true
    shift
fi
dest=${1:-build/qemu-src}
if ! $print_only && [ -f "$dest/scripts/qapi-gen.py" ] && [ -f "$dest/qapi/qapi-schema.json" ]; then
    echo "$dest: already there"
    exit 0
fi
command -v apt-get >/dev/null || { echo "apt-get not found: cannot fetch QEMU's source" >&2; exit 1; }
. /etc/os-release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/sources.list.d" "$work/lists/partial" "$work/cache/archives/partial"
# Repositories apt knows for this release ($(RELEASE) is the suite as
# written in the sources entry): one deb-src line per repository and
# component, whatever format (one-line or deb822) the system uses.
apt-get indextargets --format '$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)' 2>/dev/null |
    awk -v rel="${VERSION_CODENAME:-}" '($1 == "deb" || $1 == "deb-src") && $3 == rel && !seen[$2 " " $4]++ {
        print "deb-src " $2 " " $3 " " $4 }' >"$work/etc/sources.list.d/src.list"
if [ ! -s "$work/etc/sources.list.d/src.list" ]; then
    echo "no apt repository for release '${VERSION_CODENAME:-?}' is configured (or 'apt-get update' never ran): cannot find QEMU's source" >&2
    exit 1
fi
if $print_only; then
    cat "$work/etc/sources.list.d/src.list"
    exit 0
fi
apt_opts=(-o "Dir::Etc::sourcelist=/dev/null"
          -o "Dir::Etc::sourceparts=$work/etc/sources.list.d"
          -o "Dir::State::Lists=$work/lists"
          -o "Dir::Cache=$work/cache"
          -o "APT::Sandbox::User=root")
echo "fetching Debian's qemu source package (${VERSION_CODENAME}) for the benchmark"
apt-get "${apt_opts[@]}" -qq update
(cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only qemu)
tarball=$(ls "$work"/qemu_*.orig.tar.* | head -n1)
mkdir -p "$dest"
tar -xf "$tarball" -C "$dest" --strip-components=1 --wildcards \
    '*/scripts/qapi/*' '*/scripts/qapi-gen.py' '*/qapi/*.json'
echo "$dest: QEMU's scripts/qapi and qapi/*.json from $(basename "$tarball")"
