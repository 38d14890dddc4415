#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fetch-qemu-source.sh takes its deb-src URIs from this machine's apt
# configuration, and no file of the tree names the hosts apt uses here
# (registry and mirror names never go into the tree).  Prints TAP.
set -u
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $* # SKIP no apt repositories configured here"; }

. /etc/os-release
configured=$(apt-get indextargets --format '$(TARGET_OF) $(REPO_URI) $(RELEASE)' 2>/dev/null |
             awk -v rel="${VERSION_CODENAME:-}" '$3 == rel { print $2 }' | sort -u)
if [ -z "$configured" ]; then
    skip "deb-src URIs come from the apt configuration"
    skip "the tree names no host apt uses"
    echo "1..$n"; exit 0
fi
got=$(tests/bench/fetch-qemu-source.sh --print-sources 2>&1)
uris=$(awk '$1 == "deb-src" { print $2 }' <<<"$got" | sort -u)
if [ "$uris" = "$configured" ] && ! grep -qv '^deb-src ' <<<"$got"; then
    ok "deb-src URIs are exactly the configured repositories of ${VERSION_CODENAME}"
else
    not_ok "deb-src URIs from the apt configuration"; printf '%s\n' "$got" | sed 's/^/#   /'
fi
hosts=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | sed -E 's#^[a-z+]+://([^/:]+).*#\1#' | sort -u)
found=""
for h in $hosts; do
    if git ls-files -z 2>/dev/null | xargs -0 grep -lF -- "$h" 2>/dev/null | grep -q .; then
        found="$found $h"
    fi
done
[ -z "$found" ] && ok "the tree names no host apt uses ($(wc -w <<<"$hosts") checked)" ||
    not_ok "the tree names apt hosts:$found"
echo "1..$n"
