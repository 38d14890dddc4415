# SPDX-License-Identifier: LGPL-2.1-or-later
"""The generator's Python stays typed and lint-free (TAP, one result per
checker).

1. mypy --strict over scripts/qapi, scripts/qapi-gen and the test helper
   modules that import it, for the oldest Python we support (3.9).
2. pyflakes over every Python file under scripts/ and tests/.

A checker that is not installed is a failure, not a skip: CI installs both
(scripts/install-deps --tests: python3-mypy, pyflakes3), and a check that
silently does not run enforces nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Dict, List, Optional

from gentest import BUILD, ROOT, Tap

# The type-checked code: the generator, and the test helpers that import
# it (with this test).
MYPY_TARGETS = [
    'scripts/qapi',
    'scripts/qapi-gen',
    'tests/generator/gentest.py',
    'tests/qapi-schema/qapi_dump.py',
    'tests/generator/test-typecheck.py',
]
PYFLAKES_TARGETS = ['scripts', 'tests']
OLDEST_PYTHON = '3.9'
INSTALL_HINT = 'scripts/install-deps --tests installs it'


def interpreters() -> List[str]:
    """This interpreter, then every python3 on PATH (mypy is often
    installed for the system's Python only)."""
    found = [sys.executable]
    for directory in os.get_exec_path():
        path = os.path.join(directory, 'python3')
        if os.access(path, os.X_OK) and path not in found:
            found.append(path)
    return found


def module_command(module: str, program: str) -> Optional[List[str]]:
    """How to run a checker: `python -m module` with an interpreter that
    has it, else its own program on PATH."""
    for python in interpreters():
        probe = subprocess.run([python, '-c', 'import ' + module],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if probe.returncode == 0:
            return [python, '-m', module]
    path = shutil.which(program)
    return [path] if path else None


def run(tap: Tap, name: str, command: List[str], env: Dict[str, str]) -> None:
    proc = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                          env=env)
    # Both checkers exit 0 exactly when they found nothing.
    tap.ok(proc.returncode == 0, name, proc.stdout)


def main() -> None:
    tap = Tap()
    env = dict(os.environ)

    mypy = module_command('mypy', 'mypy')
    name = 'mypy --strict: %s' % ' '.join(MYPY_TARGETS)
    if mypy is None:
        tap.ok(False, name, 'mypy is not installed (%s: python3-mypy)'
               % INSTALL_HINT)
    else:
        env['MYPYPATH'] = os.pathsep.join(
            os.path.join(ROOT, d) for d in ('scripts', 'tests/generator'))
        run(tap, name,
            mypy + ['--strict', '--python-version', OLDEST_PYTHON,
                    '--cache-dir', os.path.join(BUILD, 'mypy-cache'),
                    '--no-error-summary'] + MYPY_TARGETS, env)

    pyflakes = module_command('pyflakes', 'pyflakes3')
    name = 'pyflakes: every Python file under %s' % ', '.join(
        PYFLAKES_TARGETS)
    if pyflakes is None:
        tap.ok(False, name, 'pyflakes is not installed (%s: pyflakes3)'
               % INSTALL_HINT)
    else:
        run(tap, name, pyflakes + PYFLAKES_TARGETS, env)
    tap.done()


if __name__ == '__main__':
    main()
