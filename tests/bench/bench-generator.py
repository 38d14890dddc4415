#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Generator benchmark: wall time of qapi-gen on QEMU's full schema (as a
fresh process, and in-process without interpreter start-up) and on
schema/firmware.json; best of several runs.

Issue 2's bar: at most half of QEMU's own generator on the same machine
(about 1.0 s as a process, 0.8 s in-process).  QEMU's generator is not
part of this project; set QEMU_QAPI_GEN to its scripts/qapi-gen.py to
measure it side by side, otherwise the ratio uses those reference times.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
QAPI_GEN = os.path.join(ROOT, 'scripts', 'qapi-gen')
QEMU_SCHEMA = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus',
                           'qemu-qapi-schema', 'qapi-schema.json')
FIRMWARE = os.path.join(ROOT, 'schema', 'firmware.json')
RUNS = int(os.environ.get('BENCH_RUNS', '5'))
QEMU_REFERENCE = {'process': 1.0, 'in-process': 0.8}


def best_process(cmd: list) -> float:
    best = float('inf')
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def best_in_process(args: list) -> float:
    sys.path.insert(0, os.path.join(ROOT, 'scripts'))
    from qapi.main import main
    best = float('inf')
    for _ in range(RUNS):
        start = time.perf_counter()
        if main(args) != 0:
            raise SystemExit('qapi-gen failed')
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        if os.path.exists(QEMU_SCHEMA):
            ours = best_process([sys.executable, QAPI_GEN, '-o', out,
                                 QEMU_SCHEMA])
            ours_in = best_in_process(['-o', out, QEMU_SCHEMA])
            qemu = dict(QEMU_REFERENCE)
            source = 'reference'
            qemu_gen = os.environ.get('QEMU_QAPI_GEN')
            if qemu_gen:
                qemu['process'] = best_process(
                    [sys.executable, qemu_gen, '-o',
                     os.path.join(out, 'qemu'), QEMU_SCHEMA])
                source = 'measured'
            print('qapi-gen, QEMU full schema (types, visit, introspect):')
            print('  process:    %.3f s  (QEMU %s %.2f s, ratio %.2f)'
                  % (ours, source, qemu['process'], ours / qemu['process']))
            print('  in-process: %.3f s  (QEMU reference %.2f s, ratio %.2f)'
                  % (ours_in, qemu['in-process'],
                     ours_in / qemu['in-process']))
        else:
            print('QEMU full schema: skipped, ../shared/corpus is absent')
        fw = best_process([sys.executable, QAPI_GEN, '-o', out,
                           '--backend', 'types,visit,introspect,jsonschema',
                           FIRMWARE])
        start = time.perf_counter()
        subprocess.run([sys.executable, '-c', 'pass'], check=True)
        bare = time.perf_counter() - start
        print('qapi-gen, schema/firmware.json (all back ends):')
        print('  process:    %.3f s  (bare interpreter start-up %.3f s)'
              % (fw, bare))


if __name__ == '__main__':
    main()
