#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Generator benchmark: wall time of qapi-gen on QEMU's full schema (as a
fresh process, and in-process without interpreter start-up) and on
schema/firmware.json; best of several runs.

Issue 2's bar: at most half of QEMU's own generator on the same machine
(about 1.0 s as a process, 0.8 s in-process).  QEMU's generator is not
part of this project.  Two ways to compare:
- side by side, measured in this run: QEMU's scripts/qapi-gen.py and ours
  on that QEMU tree's own schema.  The tree comes from QEMU_SRC, or is
  unpacked from Debian's qemu source package (fetch-qemu-source.sh) into
  the build directory; Debian 12 has QEMU 7.2.
- on the corpus's QEMU 10.x schema, against the issue's reference times,
  or against QEMU_QAPI_GEN (a QEMU 10.x scripts/qapi-gen.py) if set.
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


def qemu_source() -> str:
    """A QEMU source tree with scripts/qapi and its own qapi/ schema, or ''.

    QEMU_SRC names one; otherwise tests/bench/fetch-qemu-source.sh unpacks
    Debian's qemu source package into the build directory (for this
    measurement only)."""
    src = os.environ.get('QEMU_SRC') or os.path.join(
        ROOT, os.environ.get('FWDESC_BUILD_DIR', 'build'), 'qemu-src')
    gen = os.path.join(src, 'scripts', 'qapi-gen.py')
    if not os.path.exists(gen) and 'QEMU_SRC' not in os.environ:
        subprocess.run(['bash', os.path.join(ROOT, 'tests', 'bench',
                                             'fetch-qemu-source.sh'), src],
                       check=False)
    return src if os.path.exists(gen) else ''


def side_by_side(src: str, out: str) -> None:
    """QEMU's generator and ours on QEMU's own schema, in this run."""
    schema = os.path.join(src, 'qapi', 'qapi-schema.json')
    qemu = best_process([sys.executable,
                         os.path.join(src, 'scripts', 'qapi-gen.py'),
                         '-o', os.path.join(out, 'qemu-side'), '-b', schema])
    ours_cmd = [sys.executable, QAPI_GEN, '-o', os.path.join(out, 'ours-side'),
                '-b', schema]
    note = 'doc comments checked'
    if subprocess.run(ours_cmd, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        # An older QEMU's doc comments break rules QEMU itself adopted
        # later; ours then reads them as plain comments (QEMU's still
        # parses them, so this side is favoured by that much).
        ours_cmd.insert(2, '--no-doc-checks')
        note = 'ours with --no-doc-checks: its doc comments predate QEMU 10 rules'
    ours = best_process(ours_cmd)
    print('side by side on %s (%s):' % (schema, note))
    print('  QEMU scripts/qapi-gen.py %.3f s, ours %.3f s, ratio %.2f'
          % (qemu, ours, ours / qemu))


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
        src = qemu_source()
        if src:
            side_by_side(src, out)
        else:
            print('side by side: skipped, no QEMU source (set QEMU_SRC)')
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
