#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# qmp-call (src/examples/qmp-call.c, the typed client generated from QEMU
# 10.2's schema) against a real qemu-system-x86_64 7.2: exit status 0 with
# the reply as canonical JSON, 1 with "CLASS: text" for a QMP error, 2 for
# arguments refused before sending, 3 when QEMU dies during the call.
# Prints TAP.  Without QEMU (or qmp-call, built only when the corpus's
# schema is there) the tests are skipped, except in CI (CI=true), where
# that is a failure.  FWDESC_TEST_WRAPPER (valgrind under check-valgrind)
# runs every qmp-call.

set -u
BUILD=${FWDESC_BUILD_DIR:-build}
QMP_CALL=$BUILD/examples/qmp-call
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }

missing() {
    if [ "${CI:-}" = true ]; then
        echo "not ok 1 - $1"
    else
        echo "ok 1 # SKIP $1"
    fi
    echo "1..1"
    exit 0
}
[ -x "$QMP_CALL" ] || missing "$QMP_CALL not built (QEMU's schema not in ../shared/corpus)"
QEMU=$(command -v qemu-system-x86_64) || missing "qemu-system-x86_64 is not installed"

TMP=$(mktemp -d)
QEMU_PID=
cleanup() {
    [ -n "$QEMU_PID" ] && kill -9 "$QEMU_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
read -r -a WRAPPER <<<"${FWDESC_TEST_WRAPPER:-}"
SOCK=$TMP/qmp.sock

start_qemu() {
    rm -f "$SOCK"
    "$QEMU" -machine q35,accel=tcg -S -nodefaults -display none \
        -qmp "unix:$SOCK,server=on,wait=off" >/dev/null 2>"$TMP/qemu.err" &
    QEMU_PID=$!
    # Bounded: 30 s for the socket to appear.
    for _ in $(seq 3000); do
        [ -S "$SOCK" ] && return 0
        sleep 0.01
    done
    echo "Bail out! QEMU's QMP socket did not come up: $(cat "$TMP/qemu.err")"
    exit 1
}

# run ARGS...: qmp-call, stdout/stderr/status into OUT, ERR, RC.
run() {
    "${WRAPPER[@]}" "$QMP_CALL" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    RC=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# check NAME CONDITION...: ok when the command succeeds.
check() {
    local name=$1
    shift
    if "$@"; then
        ok "$name"
    else
        not_ok "$name (exit $RC)"
        printf '%s\n' "$ERR" | head -5 | sed 's/^/#   /'
    fi
}

start_qemu

# --timeout: in prelaunch, stop sends no STOP; the wait ends with exit 4
# (the deadline counts from the sending, so a reply slowed down by
# valgrind may be what times out: either way, exit 4 saying so).
run --timeout=3 "$SOCK" stop --wait-event STOP
check "--wait-event for an event that never comes: --timeout, exit 4" \
    test "$RC" = 4 -a -n "$(printf '%s' "$ERR" | grep -E '^qmp-call: (waiting for STOP: it did not come|stop: no reply) within 3 s \(--timeout\)$')"
# Options anywhere: before SOCKET too.
run --strict "$SOCK" query-status
check "an option before SOCKET (--strict)" test "$RC" = 3 -a \
    -n "$(grep "singlestep: unknown member" "$TMP/err")"
run --help
check "--help: usage on stdout, exit 0" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '^usage: qmp-call \[OPTION...\] SOCKET COMMAND \[ARGUMENTS-JSON\]$')" \
    -a -n "$(printf '%s' "$OUT" | grep -e '--timeout SECONDS')"
run "$SOCK" query-status --wait-event
check "--wait-event without a name: usage error, exit 2" test "$RC" = 2 -a \
    -n "$(printf '%s' "$ERR" | grep '^qmp-call: --wait-event needs an event name$')"
run --timeout soon "$SOCK" query-status
check "--timeout that is not a number: usage error, exit 2" test "$RC" = 2 -a \
    -n "$(printf '%s' "$ERR" | grep "^qmp-call: --timeout: 'soon' is not a number of seconds")"

# The greeting's version (query-version decodes into VersionInfo) equals
# qemu-system-x86_64 --version.
run "$SOCK" query-version
want=$("$QEMU" --version | head -1)
got=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
v = json.load(sys.stdin)
q = v["qemu"]
print("QEMU emulator version %d.%d.%d (%s)" % (q["major"], q["minor"], q["micro"], v["package"]))')
check "query-version equals --version ($want)" test "$RC" = 0 -a "$got" = "$want"

run "$SOCK" query-status
check "query-status: prelaunch" test "$RC" = 0 -a "$OUT" = '{
    "running": false,
    "status": "prelaunch"
}'
# QEMU 7.2 still sends 'singlestep', which 10.2 removed: a warning.
check "query-status: 7.2's extra member is a warning" \
    grep -q "^qmp-call: warning: query-status reply: singlestep: unknown member 'singlestep'$" "$TMP/err"
run "$SOCK" query-status --strict
check "query-status --strict: the extra member is an error (exit 3)" \
    test "$RC" = 3 -a -z "$OUT"

run "$SOCK" cont
check "cont: {}" test "$RC" = 0 -a "$OUT" = "{}"
run "$SOCK" query-status
check "query-status after cont: running" test "$RC" = 0 -a "$OUT" = '{
    "running": true,
    "status": "running"
}'

run "$SOCK" stop --wait-event STOP
check "stop --wait-event STOP: the reply, then the event's (empty) data" \
    test "$RC" = 0 -a "$OUT" = "{}
{}"
run "$SOCK" cont --wait-event RESUME
check "cont --wait-event RESUME" test "$RC" = 0 -a "$OUT" = "{}
{}"

run "$SOCK" query-machines
check "query-machines lists pc-q35-7.2" \
    grep -q '^        "name": "pc-q35-7.2",$' "$TMP/out"
check "query-machines: acpi (since 8.0) missing is one warning for every machine" \
    test "$(grep -c warning "$TMP/err")" = 1 -a -n "$(grep "^qmp-call: warning: query-machines reply: \[0\]\.acpi: member 'acpi' of MachineInfo is since 8.0, QEMU 7\.2\.[0-9]* predates it: left empty (and in [0-9]* more places)$" "$TMP/err")"
check "query-machines: exit 0" test "$RC" = 0
run "$SOCK" query-machines --strict
check "query-machines --strict: missing acpi is an error (exit 3)" \
    grep -q "^qmp-call: query-machines reply: \[0\]\.acpi: missing required member 'acpi'$" "$TMP/err"

run "$SOCK" query-qmp-schema
entries=$(printf '%s\n' "$OUT" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
check "query-qmp-schema decodes into SchemaInfoList ($entries entries)" \
    test "$RC" = 0 -a "$entries" -gt 1000

run "$SOCK" no-such-command
check "unknown command: CommandNotFound, exit 1" test "$RC" = 1 -a \
    "$ERR" = "CommandNotFound: The command no-such-command has not been found"

run "$SOCK" query-machines '{"compat-props": 1}'
check "mistyped argument refused before sending, exit 2, with its path" \
    test "$RC" = 2 -a "$ERR" = "qmp-call: ARGUMENTS-JSON:1:18: compat-props: expected a boolean, got a number"
run "$SOCK" query-machines '{"compat-prop": true}'
check "unknown argument refused, exit 2" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: ARGUMENTS-JSON:1:2: compat-prop: unknown member 'compat-prop'"
run "$SOCK" query-cpu-model-expansion '{"type": "full", "model": {"name": 1}}'
check "nested argument refused with its path, exit 2" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: ARGUMENTS-JSON:1:36: model.name: expected a string, got a number"
run "$SOCK" query-cpu-model-expansion '{"type": "fast", "model": {"name": "max"}}'
check "bad enum value refused with its path, exit 2" test "$RC" = 2 -a \
    -n "$(printf '%s' "$ERR" | grep "^qmp-call: ARGUMENTS-JSON:1:10: type: ")"
run "$SOCK" query-machines '{"compat-props": true}'
check "argument newer than QEMU (since 9.1) refused, exit 2" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: query-machines: arguments: compat-props: member 'compat-props' is since 9.1, QEMU $(printf '%s' "$want" | sed 's/^QEMU emulator version \([0-9.]*\).*/\1/') predates it"
run "$SOCK" query-cryptodev
check "command newer than QEMU (since 8.0) refused, exit 2" test "$RC" = 2 -a \
    -n "$(printf '%s' "$ERR" | grep '^qmp-call: query-cryptodev: the command is since 8.0, QEMU 7\.2\.[0-9]* predates it$')"
run "$SOCK" query-status '[1]'
check "arguments that are not an object, exit 2" test "$RC" = 2
run "$SOCK" query-status '{"x": 1}'
check "arguments to a command without any, exit 2" test "$RC" = 2
run "$SOCK"
check "usage error, exit 2" test "$RC" = 2
run "$SOCK" stop --wait-event NO_SUCH_EVENT
check "unknown event refused, exit 2" test "$RC" = 2
run "$SOCK" query-status
check "QEMU still answers after all the refusals" test "$RC" = 0

run "$SOCK" system_reset --wait-event RESET
check "system_reset --wait-event RESET: the event's typed data" test "$RC" = 0 -a "$OUT" = '{}
{
    "guest": false,
    "reason": "host-qmp-system-reset"
}'
# Commands with arguments, and the events they cause, typed.
run "$SOCK" query-tpm
check "query-tpm (under CONFIG_TPM in the schema) is a command: []" \
    test "$RC" = 0 -a "$OUT" = "[]"
run "$SOCK" qom-list '{"path": "/machine"}'
check "qom-list /machine" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '^        "name": "type",$')"
run "$SOCK" qom-get '{"path": "/machine", "property": "type"}'
check "qom-get /machine type" test "$RC" = 0 -a "$OUT" = '"pc-q35-7.2-machine"'
run "$SOCK" object-add '{"qom-type": "memory-backend-ram", "id": "m1", "size": 1048576}'
check "object-add (a boxed union)" test "$RC" = 0 -a "$OUT" = "{}"
run "$SOCK" object-add '{"qom-type": "memory-backend-ram", "id": "m9", "size": "big"}'
check "object-add with a branch member mistyped: exit 2, its path" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: ARGUMENTS-JSON:1:56: size: expected an integer, got a string"
run "$SOCK" netdev_add '{"type": "user", "id": "u1"}'
check "netdev_add user" test "$RC" = 0 -a "$OUT" = "{}"
run "$SOCK" blockdev-add '{"driver": "null-co", "node-name": "null0"}'
check "blockdev-add null-co" test "$RC" = 0 -a "$OUT" = "{}"
run "$SOCK" blockdev-add '{"driver": "null-co", "node-name": "null1", "cache": {"direct": 1}}'
check "blockdev-add with a nested member mistyped: exit 2, its path" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: ARGUMENTS-JSON:1:65: cache.direct: expected a boolean, got a number"
run "$SOCK" query-named-block-nodes
check "query-named-block-nodes lists null0" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '^        "node-name": "null0",$')"
# device_add is 'gen': false: driver, bus and id are checked, the rest is
# QEMU's to check.  "memdev" reaches QEMU, which looks it up.
run "$SOCK" device_add '{"driver": "pc-dimm", "id": "d1", "memdev": "m2"}'
check "device_add: an undeclared member is passed to QEMU" test "$RC" = 1 -a \
    "$ERR" = "DeviceNotFound: Device 'm2' not found"
run "$SOCK" device_add '{"driver": 1, "id": "d1"}'
check "device_add: a declared member mistyped: exit 2, its path" test "$RC" = 2 -a \
    "$ERR" = "qmp-call: ARGUMENTS-JSON:1:12: driver: expected a string, got a number"
run "$SOCK" device_add '{"id": "d1", "memdev": "m1"}'
check "device_add: a declared member missing: exit 2" test "$RC" = 2 -a \
    -n "$(printf '%s' "$ERR" | grep "driver.*missing required member 'driver'")"
run "$SOCK" device_del '{"id": "d1"}'
check "device_del of no device: DeviceNotFound" test "$RC" = 1 -a \
    -n "$(printf '%s' "$ERR" | grep "^DeviceNotFound: ")"
run "$SOCK" human-monitor-command '{"command-line": "info status"}'
check "human-monitor-command info status" test "$RC" = 0 -a \
    "$OUT" = '"VM status: running\r\n"'
run "$SOCK" query-command-line-options '{"option": "machine"}'
check "query-command-line-options machine" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '^        "option": "machine",$')"
run "$SOCK" query-cpu-model-expansion '{"type": "full", "model": {"name": "max"}}'
check "query-cpu-model-expansion full max" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '^        "name": "max",$')"
run "$SOCK" dump-guest-memory "{\"paging\": false, \"protocol\": \"file:$TMP/dump\", \"detach\": true}" \
    --wait-event DUMP_COMPLETED
check "dump-guest-memory detached --wait-event DUMP_COMPLETED: typed result" \
    test "$RC" = 0 -a -n "$(printf '%s' "$OUT" | grep '^        "status": "completed",$')"
rm -f "$TMP/dump"
run "$SOCK" migrate-set-capabilities '{"capabilities": [{"capability": "events", "state": true}]}'
check "migrate-set-capabilities events" test "$RC" = 0 -a "$OUT" = "{}"
# QEMU 7.2 may refuse migration for a moment after DUMP_COMPLETED (its
# dump still blocks it): asked again on that error only.
for _ in $(seq 3000); do
    run "$SOCK" migrate '{"uri": "exec:cat >/dev/null"}' --wait-event MIGRATION
    [ "$RC" = 1 ] && printf '%s' "$ERR" | grep -q 'dump-guest-memory' || break
    sleep 0.02
done
check "migrate --wait-event MIGRATION: typed status" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep -E '^    "status": "[a-z-]+"$')"
for _ in $(seq 3000); do
    run "$SOCK" query-status
    printf '%s' "$OUT" | grep -q '"status": "postmigrate"' && break
done
check "the migration ends: postmigrate" test "$RC" = 0 -a \
    -n "$(printf '%s' "$OUT" | grep '"status": "postmigrate"')"
run "$SOCK" system_powerdown --wait-event POWERDOWN
check "system_powerdown --wait-event POWERDOWN" test "$RC" = 0 -a "$OUT" = "{}
{}"
run "$SOCK" cont --wait-event RESUME
check "cont after the migration --wait-event RESUME" test "$RC" = 0 -a "$OUT" = "{}
{}"

run "$SOCK" query-dirty-rate
check "query-dirty-rate: enum calc-time-unit (since 8.2) left at its zero value" \
    test "$RC" = 0 -a -n "$(printf '%s' "$OUT" | grep '^    "calc-time-unit": "second",$')"

# Every query command QEMU 7.2 has and the schema knows: decoded (exit 0)
# or refused by QEMU (exit 1: arguments missing, a device absent), never
# a reply that does not decode.  7.2 lists migration capabilities 10.2's
# MigrationCapability no longer has ('zero-blocks', 'compress', 'block'):
# those elements are dropped, with a warning each.  10.2's SevInfo is a
# union whose tag 'sev-type' (from 9.1, by the corrected version of its
# type) 7.2 does not send: left 'sev', with a warning.
run "$SOCK" query-commands
names=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    if c["name"].startswith(("query-", "x-query-")):
        print(c["name"])')
swept=0
bad=
for name in $names; do
    run "$SOCK" "$name"
    swept=$((swept + 1))
    case $name:$RC in
    query-migrate-capabilities:0)
        printf '%s' "$ERR" | grep -q "^qmp-call: warning: query-migrate-capabilities reply: \[[0-9]*\]\.capability: unknown value 'zero-blocks' of MigrationCapability: list element \[[0-9]*\] dropped$" ||
            bad="$bad $name:$RC" ;;
    query-sev:0)
        [ "$ERR" = "qmp-call: warning: query-sev reply: sev-type: member 'sev-type' of SevInfo is since 9.1, QEMU $(printf '%s' "$want" | sed 's/^QEMU emulator version \([0-9.]*\).*/\1/') predates it: left empty" ] &&
            printf '%s' "$OUT" | grep -q '^    "sev-type": "sev",$' ||
            bad="$bad $name:$RC" ;;
    *:0 | *:1) ;;
    *) bad="$bad $name:$RC($(printf '%s' "$ERR" | grep -v warning | head -1))" ;;
    esac
done
check "every query command of QEMU 7.2 decodes or is refused by QEMU ($swept commands)" \
    test -z "$bad" -a "$swept" -gt 50
[ -z "$bad" ] || echo "#  $bad"

# QEMU killed during a call.  A relay between qmp-call and QEMU kills
# QEMU when the request goes by (so the call is certainly pending), then
# passes on whatever QEMU's end does: no timing involved.
cat >"$TMP/relay.py" <<'PY'
import os, signal, socket, sys, threading
listen_path, qemu_path, qemu_pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
srv = socket.socket(socket.AF_UNIX)
srv.bind(listen_path)
srv.listen(1)
print("ready", flush=True)
client, _ = srv.accept()
qemu = socket.socket(socket.AF_UNIX)
qemu.connect(qemu_path)

def pump(src, dst, watch):
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            break
        if not data:
            break
        if watch and b'"query-qmp-schema"' in data:
            os.kill(qemu_pid, signal.SIGKILL)
            continue
        dst.sendall(data)
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass

t = threading.Thread(target=pump, args=(client, qemu, True), daemon=True)
t.start()
pump(qemu, client, False)
client.close()
PY
python3 "$TMP/relay.py" "$TMP/relay.sock" "$SOCK" "$QEMU_PID" >"$TMP/relay.out" &
RELAY_PID=$!
for _ in $(seq 3000); do
    grep -q ready "$TMP/relay.out" && break
    sleep 0.01
done
{
    run "$TMP/relay.sock" query-qmp-schema
    wait "$QEMU_PID"
} 2>/dev/null
QEMU_PID=
wait "$RELAY_PID"
check "QEMU killed during a call: the call fails cleanly, exit 3" test "$RC" = 3 -a -z "$OUT" -a \
    -n "$(printf '%s' "$ERR" | grep '^qmp-call: query-qmp-schema: ')"

# quit: the reply, then SHUTDOWN, then QEMU goes.
start_qemu
run "$SOCK" quit --wait-event SHUTDOWN
check "quit --wait-event SHUTDOWN: typed reason" test "$RC" = 0 -a "$OUT" = '{}
{
    "guest": false,
    "reason": "host-qmp-quit"
}'
wait "$QEMU_PID"
QEMU_PID=

# The event a command causes may come before its reply (QEMU sends STOP
# so): a scripted peer does exactly that, then closes.
cat >"$TMP/peer.py" <<'PY'
import json, socket, sys
srv = socket.socket(socket.AF_UNIX)
srv.bind(sys.argv[1])
srv.listen(1)
print("ready", flush=True)
conn, _ = srv.accept()
f = conn.makefile("rwb", buffering=0)
def send(obj):
    f.write(json.dumps(obj).encode() + b"\r\n")
send({"QMP": {"version": {"qemu": {"major": 7, "minor": 2, "micro": 3},
                          "package": ""}, "capabilities": []}})
for line in f:
    req = json.loads(line)
    if req["execute"] == "stop":
        send({"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}})
    send({"return": {}, "id": req["id"]})
    if req["execute"] == "stop":
        break
f.close()
conn.close()
PY
python3 "$TMP/peer.py" "$TMP/peer.sock" >"$TMP/peer.out" &
PEER_PID=$!
for _ in $(seq 3000); do
    grep -q ready "$TMP/peer.out" && break
    sleep 0.01
done
run "$TMP/peer.sock" stop --wait-event STOP
wait "$PEER_PID"
check "an event before the reply is caught by --wait-event" test "$RC" = 0 -a "$OUT" = "{}
{}"

echo "1..$n"
