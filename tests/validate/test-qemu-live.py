#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Live QMP traffic: start Debian's qemu-system-x86_64 (TCG, stopped, no
devices, QMP on a unix socket in a private directory), fetch its
query-qmp-schema, call every query-* command whose arguments are all
optional, record the whole exchange as a transcript (exactly the bytes
QEMU sent), and check it strictly with fwdesc-qapi-validate against the
schema in it.  Every return must conform; the result is pinned.

Bounded: QEMU_LIVE_TIMEOUT seconds (default 60) for the whole exchange;
QEMU is killed at the end whatever happens.  Skips without QEMU.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'generator'))
from gentest import BUILD, Tap  # noqa: E402

TOOL = os.path.join(BUILD, 'fwdesc-qapi-validate')
WRAPPER = os.environ.get('FWDESC_TEST_WRAPPER', '').split()
QEMU = shutil.which('qemu-system-x86_64')
TIMEOUT = float(os.environ.get('QEMU_LIVE_TIMEOUT', '60'))

# query-* commands left out, and why (none so far: every query-* with
# optional arguments only is a read-only report).
SKIPPED: Dict[str, str] = {}


class Qmp:
    """A minimal QMP client that records every byte exchanged."""

    def __init__(self, path: str, deadline: float) -> None:
        self.deadline = deadline
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise TimeoutError('QMP socket never came up')
                time.sleep(0.05)
        self.buf = b''
        self.log: List[bytes] = []
        self.decoder = json.JSONDecoder()

    def _read_message(self) -> dict:
        while b'\n' not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError('no reply from QEMU in time')
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError('QEMU closed the QMP connection')
            self.buf += chunk
        line, self.buf = self.buf.split(b'\n', 1)
        self.log.append(line + b'\n')
        return json.loads(line)

    def greeting(self) -> dict:
        return self._read_message()

    def execute(self, command: str, ident: str) -> dict:
        request = json.dumps({'execute': command, 'id': ident}).encode()
        self.log.append(request + b'\n')
        self.sock.sendall(request + b'\n')
        while True:
            message = self._read_message()
            if message.get('id') == ident:
                return message

    def close(self) -> None:
        self.sock.close()


def safe_queries(schema: List[dict]) -> List[str]:
    """query-* commands whose arguments are all optional."""
    entries = {e['name']: e for e in schema}
    names = []
    for e in schema:
        if e['meta-type'] != 'command' or not e['name'].startswith('query-'):
            continue
        args = entries[e['arg-type']]
        if any('default' not in m for m in args.get('members', [])):
            continue
        if args.get('variants'):
            continue
        if e['name'] not in SKIPPED:
            names.append(e['name'])
    return sorted(names)


def record(work: str) -> Optional[bytes]:
    sock_path = os.path.join(work, 'qmp.sock')
    proc = subprocess.Popen(
        [QEMU, '-machine', 'q35,accel=tcg', '-S', '-nodefaults',
         '-display', 'none', '-qmp',
         'unix:%s,server=on,wait=off' % sock_path],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    try:
        qmp = Qmp(sock_path, time.monotonic() + TIMEOUT)
        qmp.greeting()
        qmp.execute('qmp_capabilities', 'cap')
        reply = qmp.execute('query-qmp-schema', 'schema')
        for n, name in enumerate(safe_queries(reply['return'])):
            qmp.execute(name, 'q%d' % n)
        qmp.close()
        return b''.join(qmp.log)
    finally:
        proc.kill()
        proc.wait(timeout=30)


def main() -> None:
    tap = Tap()
    if not QEMU:
        tap.skip('live QEMU traffic', 'qemu-system-x86_64 is not installed')
        tap.done()
    with tempfile.TemporaryDirectory(prefix='fwdesc-qmp-') as work:
        try:
            transcript = record(work)
        except (OSError, TimeoutError, EOFError, ValueError) as e:
            tap.ok(False, 'recorded a QMP session', str(e))
            tap.done()
        path = os.path.join(work, 'live.qmp')
        with open(path, 'wb') as f:
            f.write(transcript)
        version = subprocess.run([QEMU, '--version'], stdout=subprocess.PIPE,
                                 text=True).stdout.splitlines()[0]
        tap.diag('%s: %d bytes of QMP traffic' % (version, len(transcript)))
        proc = subprocess.run(WRAPPER + [TOOL, '--qmp-log', path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        tap.diag(proc.stderr)
        returns = [json.loads(line) for line in transcript.splitlines()]
        queries = [m for m in returns if m.get('execute', '')
                   .startswith('query-')]
        tap.ok(len(queries) >= 40, '%d query-* commands called'
               % len(queries))
        tap.ok(proc.returncode == 0 and proc.stdout == '',
               'every reply conforms to its own schema (strict)',
               proc.stdout[:4000])
        tap.ok(' 0 errors, 0 warnings' in proc.stderr
               and '1 greeting' in proc.stderr, 'summary counts the '
               'greeting and no problem', proc.stderr)
        # A fault in the live traffic is found too.
        broken = transcript.replace(b'"running": false',
                                    b'"running": "no"', 1)
        with open(path, 'wb') as f:
            f.write(broken)
        proc = subprocess.run(WRAPPER + [TOOL, '--qmp-log', path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        tap.ok(broken != transcript and proc.returncode == 1
               and proc.stdout.count('\n') == 1
               and 'query-status return.running: expected a boolean, got a '
                   'string' in proc.stdout,
               'a changed reply is reported', proc.stdout + proc.stderr)
    tap.done()


if __name__ == '__main__':
    main()
