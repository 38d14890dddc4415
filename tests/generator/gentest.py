# SPDX-License-Identifier: LGPL-2.1-or-later
"""Helpers shared by the generator tests: TAP output, running qapi-gen,
compiling generated C against the runtime headers."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from typing import List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CORPUS = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus')
BUILD = os.path.join(ROOT, os.environ.get('FWDESC_BUILD_DIR', 'build'))
QAPI_GEN = os.path.join(ROOT, 'scripts', 'qapi-gen')
CC = os.environ.get('CC', 'cc')

sys.path.insert(0, os.path.join(ROOT, 'scripts'))


class Tap:
    """Minimal TAP producer: numbered results, skips, diagnostics."""

    def __init__(self) -> None:
        self.count = 0
        self.failed = 0

    def ok(self, cond: bool, name: str, diag: str = '') -> bool:
        self.count += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', self.count, name))
        if not cond:
            self.failed += 1
            if diag:
                self.diag(diag)
        sys.stdout.flush()
        return cond

    def skip(self, name: str, reason: str) -> None:
        self.count += 1
        print('ok %d - %s # SKIP %s' % (self.count, name, reason))

    def corpus_absent(self, name: str) -> None:
        """Test @name needs the shared corpus, which is not there."""
        if in_ci():
            self.ok(False, name, 'the shared corpus is missing at %s: CI '
                    'must provide it (see README)' % CORPUS)
        else:
            self.skip(name, '../shared/corpus is absent')

    @staticmethod
    def diag(text: str) -> None:
        for line in text.rstrip().splitlines()[:40]:
            print('# ' + line)

    def done(self) -> None:
        print('1..%d' % self.count)
        sys.exit(0)


def use_debian_jsonschema() -> None:
    """The tests name Debian's python3-jsonschema: when the harness runs
    another interpreter (e.g. from pyenv) and Debian's has the module, run
    the test again with that one, before it imports jsonschema (once:
    FWDESC_NO_REEXEC)."""
    debian = '/usr/bin/python3'
    if (os.path.realpath(sys.executable) != os.path.realpath(debian)
            and os.path.isdir('/usr/lib/python3/dist-packages/jsonschema')
            and not os.environ.get('FWDESC_NO_REEXEC')):
        os.environ['FWDESC_NO_REEXEC'] = '1'
        os.execv(debian, [debian] + sys.argv)


def in_ci() -> bool:
    """In CI the corpus is always beside the clone: a test may not skip."""
    return os.environ.get('CI') == 'true'


def corpus(*parts: str) -> Optional[str]:
    """Path of a corpus file or directory, or None when absent."""
    path = os.path.join(CORPUS, *parts)
    return path if os.path.exists(path) else None


def work_dir(name: str) -> str:
    path = os.path.join(BUILD, 'tests', 'generator', name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def qapi_gen(args: Sequence[str]) -> Tuple[int, str]:
    proc = subprocess.run([sys.executable, QAPI_GEN] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, cwd=ROOT)
    return proc.returncode, proc.stdout


def pkg_cflags() -> List[str]:
    out = subprocess.run(['pkg-config', '--cflags', 'glib-2.0',
                          'json-glib-1.0'], stdout=subprocess.PIPE,
                         text=True, check=True).stdout
    return shlex.split(out)


def pkg_libs() -> List[str]:
    out = subprocess.run(['pkg-config', '--libs', 'glib-2.0',
                          'json-glib-1.0'], stdout=subprocess.PIPE,
                         text=True, check=True).stdout
    return shlex.split(out)


def base_cflags(*include_dirs: str) -> List[str]:
    flags = ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-O0']
    for inc in include_dirs:
        flags.append('-I' + inc)
    flags += ['-I' + os.path.join(ROOT, 'src', 'include'),
              '-I' + os.path.join(ROOT, 'generated')]
    return flags + pkg_cflags()


def compile_c(sources: Sequence[str], flags: Sequence[str],
              out_dir: Optional[str] = None,
              syntax_only: bool = False) -> Tuple[List[str], str]:
    """Compile each source; returns (objects, error text of failures)."""
    objects = []
    errors = ''
    for src in sources:
        cmd = [CC] + list(flags)
        if syntax_only:
            cmd += ['-fsyntax-only', src]
        else:
            assert out_dir
            obj = os.path.join(out_dir, os.path.basename(src)[:-2] + '.o')
            cmd += ['-c', '-o', obj, src]
            objects.append(obj)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode:
            errors += proc.stdout
    return objects, errors


def if_macros(directory: str) -> List[str]:
    """-D flags for every macro an #if of the generated code tests."""
    import re
    names = set()
    for fname in os.listdir(directory):
        if fname.endswith(('.c', '.h')):
            with open(os.path.join(directory, fname)) as f:
                names.update(re.findall(r'defined\((\w+)\)', f.read()))
    return ['-D' + n for n in sorted(names)]


def runtime_lib() -> Optional[str]:
    lib = os.path.join(BUILD, 'libfwdesc-qapi.a')
    return lib if os.path.exists(lib) else None
