#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# For the generator benchmark only: unpack QEMU's QAPI generator and its
# own schema from Debian's qemu source package into DIR (default
# build/qemu-src), so bench-generator.py can time QEMU's generator and ours
# side by side on the same input.  Nothing of it is built into or shipped
# with fwdesc.  Needs a deb-src entry for the distribution (added to a
# private apt directory here, so the system's configuration is untouched).
set -euo pipefail
dest=${1:-build/qemu-src}
if [ -f "$dest/scripts/qapi-gen.py" ] && [ -f "$dest/qapi/qapi-schema.json" ]; then
    echo "$dest: already there"
    exit 0
fi
command -v apt-get >/dev/null || { echo "apt-get not found: cannot fetch QEMU's source" >&2; exit 1; }
. /etc/os-release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/sources.list.d" "$work/lists/partial" "$work/cache/archives/partial"
cat > "$work/etc/sources.list.d/src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${VERSION_CODENAME}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
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
