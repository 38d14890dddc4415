# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
#
# Sourced by the CLI tests that run fwdesc from the repository's root:
# FWDESC, a scratch directory TMP (removed on exit), TAP's ok/not_ok
# (counting in n), and run.  FWDESC_TEST_WRAPPER (e.g. "valgrind
# --error-exitcode=97 ...") runs every 'run' under a checker: a leak or
# error changes the exit status.

BUILD=${FWDESC_BUILD_DIR:-build}
FWDESC=$BUILD/fwdesc
n=0
[ -x "$FWDESC" ] || { echo "Bail out! $FWDESC not built"; exit 1; }
read -r -a WRAPPER <<<"${FWDESC_TEST_WRAPPER:-}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }

# run ARGS...: run fwdesc, keep stdout/stderr/status in OUT/ERR/RC.
run() {
    "${WRAPPER[@]}" "$FWDESC" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    RC=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}
