#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Generator benchmark: our qapi-gen against QEMU's scripts/qapi-gen.py,
both measured in this run, on the same two jobs:

- a full QMP schema with every back end (QEMU's default outputs, and ours,
  which are the same files) and -b: the bar is a ratio of at most 0.25;
- schema/firmware.json with every back end: at most 0.5 (start-up
  dominates: our back ends are imported only when they run).

QEMU's generator is not part of this project.  It comes from QEMU_QAPI_GEN
(a QEMU 10.x scripts/qapi-gen.py; the full schema is then the corpus's
QEMU 10.2 schema), or else from Debian's qemu source package, unpacked
into the build directory by fetch-qemu-source.sh (the full schema is then
that QEMU's own).

Both run the same way: this interpreter with -S (the host's site-packages
hooks are part of neither generator; on some machines they cost more than
a generator's start-up, and the line 'interpreter start-up' shows what
they cost here), bytecode cached in the build directory (as after a
first run), best of BENCH_RUNS runs.  The ratio is of CPU time (user +
system, robust when other work shares the machine); wall times are shown
too.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, os.environ.get('FWDESC_BUILD_DIR', 'build'))
QAPI_GEN = os.path.join(ROOT, 'scripts', 'qapi-gen')
CORPUS_SCHEMA = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus',
                             'qemu-qapi-schema', 'qapi-schema.json')
FIRMWARE = os.path.join(ROOT, 'schema', 'firmware.json')
RUNS = int(os.environ.get('BENCH_RUNS', '5'))
FLAGS = os.environ.get('BENCH_PYTHON_FLAGS', '-S').split()
BARS = {'full': 0.25, 'firmware': 0.5}


def environment() -> Dict[str, str]:
    env = dict(os.environ)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    env['PYTHONPYCACHEPREFIX'] = os.path.join(BUILD, 'bench-pycache')
    return env


def best(cmd: List[str]) -> Tuple[float, float]:
    """(best CPU time, best wall time) of @cmd over RUNS runs."""
    env = environment()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    cpu = wall = float('inf')
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        wall = min(wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime
                  + after.ru_stime - before.ru_stime)
    return cpu, wall


def qemu_generator() -> Tuple[Optional[str], str, str]:
    """(QEMU's qapi-gen.py, the full schema to use, where they are from)."""
    gen = os.environ.get('QEMU_QAPI_GEN')
    if gen:
        return gen, CORPUS_SCHEMA, 'QEMU_QAPI_GEN=' + gen
    src = os.environ.get('QEMU_SRC') or os.path.join(BUILD, 'qemu-src')
    gen = os.path.join(src, 'scripts', 'qapi-gen.py')
    if not os.path.exists(gen) and 'QEMU_SRC' not in os.environ:
        subprocess.run(['bash', os.path.join(ROOT, 'tests', 'bench',
                                             'fetch-qemu-source.sh'), src],
                       check=False)
    if not os.path.exists(gen):
        return None, '', ''
    return gen, os.path.join(src, 'qapi', 'qapi-schema.json'), \
        "Debian's qemu source package (%s)" % src


def compare(label: str, qemu_gen: str, schema: str, out: str) -> None:
    py = [sys.executable] + FLAGS
    builtins = ['-b'] if schema != FIRMWARE else []
    qemu = best(py + [qemu_gen] + builtins
                + ['-o', os.path.join(out, 'qemu'), schema])
    ours_cmd = py + [QAPI_GEN] + builtins + ['-o', os.path.join(out, 'ours'),
                                             schema]
    if subprocess.run(ours_cmd, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL,
                      env=environment()).returncode != 0:
        # An older QEMU's doc comments break rules it adopted later; ours
        # then reads them as plain comments (favouring ours that much).
        ours_cmd.insert(len(py) + 1, '--no-doc-checks')
        label += ' (ours with --no-doc-checks)'
    ours = best(ours_cmd)
    ratio = ours[0] / qemu[0]
    print('  %s:' % label)
    print('    QEMU %.3f s CPU (%.3f s wall), ours %.3f s CPU (%.3f s wall)'
          % (qemu[0], qemu[1], ours[0], ours[1]))
    kind = 'full' if schema != FIRMWARE else 'firmware'
    print('    ratio %.2f (bar %.2f: %s)'
          % (ratio, BARS[kind], 'met' if ratio <= BARS[kind] else 'NOT met'))


def main() -> None:
    gen, full, source = qemu_generator()
    if not gen:
        print('generator benchmark: skipped, no QEMU generator '
              '(set QEMU_QAPI_GEN or QEMU_SRC)')
        return
    print('qapi-gen against QEMU\'s generator from %s, python3 %s, best of '
          '%d:' % (source, ' '.join(FLAGS), RUNS))
    bare = best([sys.executable] + FLAGS + ['-c', 'pass'])
    site = best([sys.executable, '-c', 'pass'])
    print('  interpreter start-up: %.3f s CPU with %s, %.3f s with site '
          'hooks' % (bare[0], ' '.join(FLAGS), site[0]))
    with tempfile.TemporaryDirectory() as out:
        if os.path.exists(full):
            compare('full schema %s, every back end' % full, gen, full, out)
        else:
            print('  full schema: skipped, %s is absent' % full)
        compare('schema/firmware.json, every back end', gen, FIRMWARE, out)


if __name__ == '__main__':
    main()
