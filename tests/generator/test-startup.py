#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The generator's start-up stays short (TAP).

On a small schema start-up is most of a run, and most of start-up is the
standard modules a run imports (issue 9, item 7: firmware.json at half
QEMU's time at most).  QEMU's default back ends on schema/firmware.json
must run without the modules named in HEAVY: typing is for the type
checker only, argparse only reads unusual command lines, the regex lexer
(re) only files the fast path leaves to it, json only strings no name
has.  A run that needs them still gets them: --help (argparse),
--doc-style (re) and --no-doc-checks (re) are checked to load them, so
that the check itself is seen to work.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import List, Set

from gentest import QAPI_GEN, ROOT, Tap, work_dir

# What a plain run must not import (re pulls in enum, functools and
# collections; contextlib pulls in collections and functools too).
HEAVY = ('typing', 'argparse', 're', 'json', 'enum', 'functools',
         'collections', 'contextlib', 'importlib')

# Runs qapi-gen as its script does (os imported first: the script imports
# it anyway), then prints the top-level modules loaded, whether the run
# succeeded or not.
PROBE = '''
import os
import sys


def leave(status):
    raise SystemExit(status)


os._exit = leave                # the script leaves with os._exit()
sys.argv = [sys.argv[1]] + sys.argv[2:]
try:
    with open(sys.argv[0]) as f:
        code = compile(f.read(), sys.argv[0], 'exec')
    try:
        exec(code, {'__name__': '__main__', '__file__': sys.argv[0]})
    except SystemExit:
        pass
finally:
    print('MODULES ' + ' '.join(sorted(
        name for name in sys.modules if '.' not in name)), file=sys.stderr)
'''


def modules_of(args: List[str]) -> Set[str]:
    """The top-level modules a run of qapi-gen with @args imports."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1')
    proc = subprocess.run([sys.executable, '-S', '-c', PROBE, QAPI_GEN]
                          + args, cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    for line in proc.stderr.splitlines():
        if line.startswith('MODULES '):
            return set(line.split()[1:])
    return set()


def main() -> None:
    tap = Tap()
    out = work_dir('startup')
    firmware = 'schema/firmware.json'

    loaded = modules_of(['-o', os.path.join(out, 'default'), firmware])
    heavy = sorted(name for name in HEAVY if name in loaded)
    tap.ok('qapi' in loaded and not heavy,
           "QEMU's default back ends on firmware.json import none of "
           + ', '.join(HEAVY),
           'imported: %s' % ', '.join(heavy) if loaded else 'run failed')

    loaded = modules_of(['-b', '-u', '--suppress-tracing', '-p', 'fw-',
                         '-o', os.path.join(out, 'flags'), firmware])
    heavy = sorted(name for name in HEAVY if name in loaded)
    tap.ok('qapi' in loaded and not heavy,
           "so do QEMU's build flags (-b -u --suppress-tracing -p)",
           'imported: %s' % ', '.join(heavy) if loaded else 'run failed')

    for args, module, what in (
            (['--help'], 'argparse', '--help'),
            (['--doc-style', '-o', os.path.join(out, 'style'), firmware],
             're', '--doc-style'),
            (['--no-doc-checks', '-o', os.path.join(out, 'nodoc'),
              firmware], 're', '--no-doc-checks')):
        loaded = modules_of(args)
        tap.ok(module in loaded, '%s imports %s when it needs it'
               % (what, module), 'modules: %s' % ' '.join(sorted(loaded)))
    tap.done()


if __name__ == '__main__':
    main()
