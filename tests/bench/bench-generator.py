#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Generator benchmark: our qapi-gen against QEMU's scripts/qapi-gen.py,
both measured in this run, on the same two jobs:

- a full QMP schema with every back end (QEMU's default outputs, and ours,
  which are the same files) and -b: the bar is a ratio of at most 0.25;
- schema/firmware.json with every back end: at most 0.5 (start-up
  dominates: our back ends are imported only when they run).

QEMU's generator is not part of this project.  The bars are set against
QEMU 10.2's, which is used whenever one is at hand: QEMU_QAPI_GEN names a
QEMU 10.x scripts/qapi-gen.py (the full schema is then the corpus's QEMU
10.2 schema, run with QEMU's build flags as the corpus README has them);
else QEMU_SRC names a QEMU source tree (its generator on its own schema);
else the build directory's qemu-src, where fetch-qemu-source.sh unpacks
Debian's qemu source package (an older QEMU: a comparison, not the bar's).
Nothing here runs in 'make check': only 'make bench' fetches.

Both run the same way: this interpreter with -S (the host's site-packages
hooks are part of neither generator; on some machines they cost more than
a generator's start-up, and the line 'interpreter start-up' shows what
they cost here), bytecode cached in the build directory (as after a
first run), QEMU's and ours in turn (A B A B ...) BENCH_RUNS times.  The
ratio is the median of the pairs' ratios of CPU time (user + system: on
a shared machine it holds better than wall time, and pairing cancels the
machine's drift); medians of the times are shown too.
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
CORPUS = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus')
CORPUS_SCHEMA = os.path.join(CORPUS, 'qemu-qapi-schema', 'qapi-schema.json')
FIRMWARE = os.path.join(ROOT, 'schema', 'firmware.json')
RUNS = int(os.environ.get('BENCH_RUNS', '9'))
FLAGS = os.environ.get('BENCH_PYTHON_FLAGS', '-S').split()
BARS = {'full': 0.25, 'firmware': 0.5}


def environment() -> Dict[str, str]:
    env = dict(os.environ)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    env['PYTHONPYCACHEPREFIX'] = os.path.join(BUILD, 'bench-pycache')
    return env


def cpu_run(cmd: List[str], env: Dict[str, str]) -> Tuple[float, float]:
    """(CPU time, wall time) of one run of @cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime
            + after.ru_stime - before.ru_stime), wall


def median(values: List[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def paired(cmd_a: List[str], cmd_b: List[str]) -> Dict[str, float]:
    """@cmd_a and @cmd_b run in turn RUNS times after a warm-up run each:
    median CPU and wall times of each, and the median of the ratios of
    the CPU times of A and B run one after the other."""
    env = environment()
    cpu_run(cmd_a, env)
    cpu_run(cmd_b, env)
    a_cpu, a_wall, b_cpu, b_wall, ratios = [], [], [], [], []
    for _ in range(RUNS):
        cpu, wall = cpu_run(cmd_a, env)
        a_cpu.append(cpu)
        a_wall.append(wall)
        cpu, wall = cpu_run(cmd_b, env)
        b_cpu.append(cpu)
        b_wall.append(wall)
        ratios.append(b_cpu[-1] / a_cpu[-1])
    return {'a_cpu': median(a_cpu), 'a_wall': median(a_wall),
            'b_cpu': median(b_cpu), 'b_wall': median(b_wall),
            'ratio': median(ratios)}


def qemu_version(gen: str) -> str:
    """The QEMU version of the tree @gen (its qapi-gen.py) is in."""
    try:
        with open(os.path.join(os.path.dirname(os.path.dirname(
                os.path.abspath(gen))), 'VERSION')) as f:
            return f.read().strip()
    except OSError:
        return 'version unknown'


def qemu_generator() -> Tuple[Optional[str], str, str]:
    """(QEMU's qapi-gen.py, the full schema to use, where they are from)."""
    gen = os.environ.get('QEMU_QAPI_GEN')
    if gen:
        return gen, CORPUS_SCHEMA, 'QEMU_QAPI_GEN=%s (%s)' % (
            gen, qemu_version(gen))
    src = os.environ.get('QEMU_SRC') or os.path.join(BUILD, 'qemu-src')
    gen = os.path.join(src, 'scripts', 'qapi-gen.py')
    if not os.path.exists(gen) and 'QEMU_SRC' not in os.environ:
        subprocess.run(['bash', os.path.join(ROOT, 'tests', 'bench',
                                             'fetch-qemu-source.sh'), src],
                       check=False)
    if not os.path.exists(gen):
        return None, '', ''
    what = ('QEMU_SRC=%s' % src if 'QEMU_SRC' in os.environ
            else "Debian's qemu source package in %s" % src)
    return gen, os.path.join(src, 'qapi', 'qapi-schema.json'), \
        '%s (QEMU %s)' % (what, qemu_version(gen))


def qemu_flags(qemu_gen: str, full: bool) -> List[str]:
    """QEMU's build flags for a run (-b for the full schema, -u and
    --suppress-tracing where that QEMU has them); ours takes the same."""
    flags = ['-b'] if full else []
    helptext = subprocess.run([sys.executable] + FLAGS + [qemu_gen, '--help'],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=environment()).stdout
    for flag in ('-u', '--suppress-tracing'):
        if flag + ',' in helptext or flag + ' ' in helptext:
            flags.append(flag)
    return flags


def accepts(qemu_gen: str, schema: str, out: str) -> bool:
    """Whether QEMU's generator @qemu_gen takes @schema."""
    return subprocess.run([sys.executable] + FLAGS + [
        qemu_gen, '-o', os.path.join(out, 'probe'), schema],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=environment()).returncode == 0


def firmware_schema(qemu_gen: str, out: str) -> Optional[str]:
    """The firmware schema both generators run on: ours, or where an
    older QEMU's generator rejects its doc comments (written to the
    rules of QEMU 9 and later), the newest of QEMU's own firmware.json
    versions in the corpus that this QEMU takes."""
    if accepts(qemu_gen, FIRMWARE, out):
        return FIRMWARE
    corpus = os.path.join(CORPUS, 'firmware-schema')
    versions = sorted(
        (os.path.join(corpus, name) for name in
         (os.listdir(corpus) if os.path.isdir(corpus) else [])
         if name.endswith('.json')),
        key=lambda path: [int(part) for part in
                          path.rsplit('-', 1)[1][:-len('.json')].split('.')],
        reverse=True)
    for path in versions:
        if accepts(qemu_gen, path, out):
            return path
    return None


def compare(label: str, qemu_gen: str, schema: str, out: str,
            ratios: List[Tuple[str, float]], kind: str) -> None:
    py = [sys.executable] + FLAGS
    flags = qemu_flags(qemu_gen, kind == 'full')
    qemu_cmd = py + [qemu_gen] + flags + ['-o', os.path.join(out, 'qemu'),
                                          schema]
    ours_cmd = py + [QAPI_GEN] + flags + ['-o', os.path.join(out, 'ours'),
                                          schema]
    if subprocess.run(ours_cmd, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL,
                      env=environment()).returncode != 0:
        # An older QEMU's doc comments break rules it adopted later; ours
        # then reads them as plain comments (favouring ours that much).
        ours_cmd.insert(len(py) + 1, '--no-doc-checks')
        label += ' (ours with --no-doc-checks)'
    got = paired(qemu_cmd, ours_cmd)
    print('  %s, flags %s:' % (label, ' '.join(flags) or 'none'))
    print('    QEMU %.3f s CPU (%.3f s wall), ours %.3f s CPU (%.3f s wall)'
          ' (medians)' % (got['a_cpu'], got['a_wall'], got['b_cpu'],
                          got['b_wall']))
    print('    ratio %.2f (bar %.2f: %s)'
          % (got['ratio'], BARS[kind],
             'met' if got['ratio'] <= BARS[kind] else 'NOT met'))
    ratios.append((kind, got['ratio']))


def main() -> None:
    gen, full, source = qemu_generator()
    if not gen:
        print('generator benchmark: skipped, no QEMU generator '
              '(set QEMU_QAPI_GEN or QEMU_SRC)')
        return
    print('qapi-gen against QEMU\'s generator from %s, python3 %s, %d '
          'runs each in turn:' % (source, ' '.join(FLAGS), RUNS))
    start = paired([sys.executable] + FLAGS + ['-c', 'pass'],
                   [sys.executable, '-c', 'pass'])
    print('  interpreter start-up: %.3f s CPU with %s, %.3f s with site '
          'hooks' % (start['a_cpu'], ' '.join(FLAGS), start['b_cpu']))
    ratios: List[Tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as out:
        if os.path.exists(full):
            compare('full schema %s, every back end' % full, gen, full, out,
                    ratios, 'full')
        else:
            print('  full schema: skipped, %s is absent' % full)
        firmware = firmware_schema(gen, out)
        if firmware:
            compare('%s, every back end' % os.path.relpath(firmware, ROOT),
                    gen, firmware, out, ratios, 'firmware')
        else:
            print('  firmware schema: skipped, QEMU\'s generator takes '
                  'none of ours and the corpus\'s')
    print('ratios of CPU time, ours to QEMU\'s: %s'
          % ', '.join('%s %.2f (bar %.2f)' % (kind, ratio, BARS[kind])
                      for kind, ratio in ratios))


if __name__ == '__main__':
    main()
