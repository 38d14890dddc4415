# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Output files of the C back ends and the visitors that fill them.

A QAPIGen accumulates a preamble and a body and writes them out only when
the text differs from what is on disk, so that make sees unchanged files as
up to date.  QAPISchemaModularCVisitor gives every schema module its own
.c/.h pair (see main.py for why); QAPISchemaMonolithicCVisitor writes one
pair for the whole schema.
"""

from __future__ import annotations

import errno
import os
import stat

from .common import c_enum_const, c_name, guardend, guardstart, mcgen
from .schema import (
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaModule,
    QAPISchemaObjectType,
    QAPISchemaVisitor,
)
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Dict, List, Optional, Sequence, Tuple

GENERATOR = 'qapi-gen'


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


# New files get the mode open() would give them.
_FILE_MODE = 0o666 & ~_umask()


def make_dirs(path: str) -> None:
    """Create directory @path and its parents as needed.

    :raise OSError: naming @path (or the parent at fault) when that fails,
        also when @path or a parent exists but is not a directory.
    """
    if os.path.isdir(path):
        return
    # No separate "exists but is not a directory" test beforehand: a
    # concurrent run may create @path between two such tests.  makedirs()
    # accepts a directory made meanwhile and fails only on a non-directory.
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError as err:
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR),
                      err.filename) from err


def _read_regular(path: str) -> Optional[str]:
    """The text of @path if it is a readable regular UTF-8 file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        chunks = []
        while True:
            # A byte more than the file has: a regular file gives less
            # only at its end, so one read usually does.
            want = info.st_size + 1
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            if len(chunk) < want:
                break
        return b''.join(chunks).decode('utf-8')
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)


_temp_count = 0


def _create_temp(directory: str, base: str) -> Tuple[int, str]:
    """A new file for writing, beside @base in @directory, named uniquely
    (process id and a counter: tempfile's random names would cost its
    import, a noticeable part of a short run)."""
    global _temp_count
    while True:
        _temp_count += 1
        tmp = os.path.join(directory, '.%s.%d.%d.tmp'
                           % (base, os.getpid(), _temp_count))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                           | os.O_CLOEXEC, 0o600), tmp
        except FileExistsError:
            continue


def write_if_changed(path: str, text: str) -> bool:
    """Write @text to @path unless it already holds exactly that.

    The new text goes to a temporary file of a unique name in the same
    directory, renamed over @path when complete: a reader never sees a
    partial file, and concurrent runs into one directory do not collide.

    :raise OSError: with .filename @path when writing fails.
    """
    if _read_regular(path) == text:
        return False
    directory, base = os.path.split(path)
    tmp = None
    try:
        fd, tmp = _create_temp(directory or '.', base)
        with open(fd, 'w', encoding='utf-8') as new:
            os.fchmod(fd, _FILE_MODE)
            new.write(text)
        os.replace(tmp, path)
    except OSError as err:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise OSError(err.errno, err.strerror, path) from err
    return True


def gen_features(features: Sequence[QAPISchemaFeature]) -> str:
    """The bit mask of @features as a C expression of QAPI_FEATURE_*."""
    bits = ['1u << ' + c_enum_const('qapi_feature', feat.name)
            for feat in features]
    return ' | '.join(bits) or '0'


def build_params(arg_type: Optional[QAPISchemaObjectType], boxed: bool,
                 extra: Optional[str] = None) -> str:
    """The C parameter list of a command or event with @arg_type.

    Boxed: one pointer to the argument struct.  Otherwise one parameter
    per member (after its has_ flag when it needs one), then @extra.
    """
    params = []
    if boxed:
        assert arg_type
        params.append('%s arg' % arg_type.c_param_type())
    elif arg_type:
        assert not arg_type.branches
        for memb in arg_type.members:
            assert not memb.ifcond.is_present()
            if memb.need_has():
                params.append('bool has_%s' % c_name(memb.name))
            params.append('%s %s' % (memb.type.c_param_type(),
                                     c_name(memb.name)))
    if extra:
        params.append(extra)
    return ', '.join(params) or 'void'


class QAPIGen:
    def __init__(self, fname: str) -> None:
        self.fname = fname
        self._preamble: List[str] = []
        self._body: List[str] = []

    def preamble_add(self, text: str) -> None:
        self._preamble.append(text)

    def add(self, text: str) -> None:
        self._body.append(text)

    def get_content(self) -> str:
        return (self._top() + ''.join(self._preamble) + ''.join(self._body)
                + self._bottom())

    def _top(self) -> str:
        return ''

    def _bottom(self) -> str:
        return ''

    def write(self, output_dir: str) -> None:
        # A module included through '../' is part of another schema (QEMU's
        # storage daemon reuses the main schema's modules): that schema's
        # build writes its code, so it is not written here.
        if self.fname.startswith('../'):
            return
        path = os.path.join(output_dir, self.fname)
        directory = os.path.dirname(path)
        # One stat() when the directory is there (makedirs() makes three
        # system calls for each of a big schema's hundreds of files).
        if directory and not os.path.isdir(directory):
            make_dirs(directory)
        write_if_changed(path, self.get_content())


_RELPATHS: Dict[Tuple[str, str], str] = {}


def _relpath(path: str, start: str) -> str:
    """os.path.relpath(), remembered (each costs two getcwd() calls, and
    every back end asks for every include of every module).  Only paths
    without '..' are remembered: their relation does not depend on the
    working directory."""
    if '..' in path or '..' in start:
        return os.path.relpath(path, start)
    key = (path, start)
    known = _RELPATHS.get(key)
    if known is None:
        known = _RELPATHS[key] = os.path.relpath(path, start)
    return known


def _wrap_ifcond(ifcond: QAPISchemaIfCond, parts: List[str],
                 start: int) -> None:
    """Put what was added to @parts from index @start under #if.

    A leading newline stays in front of the #if.  Only the added parts
    are joined: joining all the text before them each time made a big
    module's conditional code cost time quadratic in its size.
    """
    added = ''.join(parts[start:])
    if not added:
        return
    out = ''
    if added[0] == '\n':
        out = '\n'
        added = added[1:]
    parts[start:] = [out + ifcond.gen_if() + added + ifcond.gen_endif()]


class QAPIGenCCode(QAPIGen):
    def __init__(self, fname: str) -> None:
        super().__init__(fname)
        # The condition of the block being generated, and where in the body
        # and in the preamble it starts
        self._start_if: Optional[Tuple[QAPISchemaIfCond, int, int]] = None

    def start_if(self, ifcond: QAPISchemaIfCond) -> None:
        assert self._start_if is None
        self._start_if = (ifcond, len(self._body), len(self._preamble))

    def end_if(self) -> None:
        assert self._start_if is not None
        ifcond, body, preamble = self._start_if
        _wrap_ifcond(ifcond, self._body, body)
        _wrap_ifcond(ifcond, self._preamble, preamble)
        self._start_if = None

    def get_content(self) -> str:
        assert self._start_if is None
        return super().get_content()


class QAPIGenC(QAPIGenCCode):
    def __init__(self, fname: str, blurb: str) -> None:
        super().__init__(fname)
        self._blurb = blurb

    def _top(self) -> str:
        return mcgen('''
/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by %(tool)s from the schema: change the schema, not this file */

/*
%(blurb)s
 */

''',
                     tool=GENERATOR, blurb=self._blurb)


class QAPIGenH(QAPIGenC):
    def _top(self) -> str:
        return super()._top() + guardstart(self.fname)

    def _bottom(self) -> str:
        return guardend(self.fname)


class ifcontext:                 # pylint: disable=invalid-name
    """Put everything generated into @args in the block under #if.

    A class rather than a contextlib generator: contextlib costs start-up.
    """

    def __init__(self, ifcond: QAPISchemaIfCond,
                 *args: QAPIGenCCode) -> None:
        self._args = args if ifcond.is_present() else ()
        self._ifcond = ifcond

    def __enter__(self) -> None:
        for arg in self._args:
            arg.start_if(self._ifcond)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            for arg in self._args:
                arg.end_if()


class _TempModule:
    """Generate into another module for the duration of a block."""

    def __init__(self, visitor: QAPISchemaModularCVisitor,
                 name: str) -> None:
        self._visitor = visitor
        self._name = name
        self._old: Optional[str] = None

    def __enter__(self) -> None:
        self._old = self._visitor._current_module
        self._visitor._current_module = self._name

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._visitor._current_module = self._old


class QAPISchemaMonolithicCVisitor(QAPISchemaVisitor):
    """One .c/.h pair for the whole schema."""

    def __init__(self, prefix: str, what: str, blurb: str) -> None:
        self._prefix = prefix
        self._what = what
        self._genc = QAPIGenC(self._prefix + self._what + '.c', blurb)
        self._genh = QAPIGenH(self._prefix + self._what + '.h', blurb)

    def write(self, output_dir: str) -> None:
        self._genc.write(output_dir)
        self._genh.write(output_dir)


class QAPISchemaModularCVisitor(QAPISchemaVisitor):
    """
    One .c/.h pair per schema module, named as QEMU names them.

    The main module's pair is <prefix><what> (qapi-types.h), an included
    module's <prefix><what>-<module> beside where the module sits relative
    to the main schema; the built-in module's is <what> with 'builtin'
    inserted (qapi-builtin-types.h, no prefix: every schema shares it).
    System modules ('./init', './emit') hold code about the whole schema
    (qapi-init-commands, qapi-emit-events).  A module reached through '../'
    belongs to another schema's build and is never written (QAPIGen.write).
    """

    def __init__(self, prefix: str, what: str, user_blurb: str,
                 builtin_blurb: Optional[str]) -> None:
        self._prefix = prefix
        self._what = what
        self._user_blurb = user_blurb
        self._builtin_blurb = builtin_blurb
        self._current_module: Optional[str] = None
        self._module: Dict[str, Tuple[QAPIGenC, QAPIGenH]] = {}
        self._main_module: Optional[str] = None

    @property
    def _genc(self) -> QAPIGenC:
        assert self._current_module is not None
        return self._module[self._current_module][0]

    @property
    def _genh(self) -> QAPIGenH:
        assert self._current_module is not None
        return self._module[self._current_module][1]

    @staticmethod
    def _module_dirname(name: str) -> str:
        if QAPISchemaModule.is_user_module(name):
            return os.path.dirname(name)
        return ''

    def _module_basename(self, what: str, name: str) -> str:
        if QAPISchemaModule.is_builtin_module(name):
            # qapi-types -> qapi-builtin-types
            return what.replace('-', '-' + name[2:] + '-', 1)
        if QAPISchemaModule.is_system_module(name):
            # qapi-commands -> qapi-init-commands
            return self._prefix + what.replace('-', '-' + name[2:] + '-', 1)
        if name == self._main_module:
            return self._prefix + what
        base = os.path.splitext(os.path.basename(name))[0]
        return self._prefix + what + '-' + base

    def _module_filename(self, what: str, name: str) -> str:
        return os.path.join(self._module_dirname(name),
                            self._module_basename(what, name))

    def _add_module(self, name: str, blurb: str) -> None:
        if QAPISchemaModule.is_user_module(name):
            if self._main_module is None:
                self._main_module = name
        basename = self._module_filename(self._what, name)
        self._module[name] = (QAPIGenC(basename + '.c', blurb),
                              QAPIGenH(basename + '.h', blurb))
        self._current_module = name

    def _temp_module(self, name: str) -> _TempModule:
        """Generate into module @name for the duration of the block."""
        return _TempModule(self, name)

    def write(self, output_dir: str, opt_builtins: bool = False,
              only_builtins: bool = False) -> None:
        for name, (genc, genh) in self._module.items():
            if QAPISchemaModule.is_builtin_module(name):
                if not opt_builtins:
                    continue
            elif only_builtins:
                continue
            genc.write(output_dir)
            genh.write(output_dir)

    def _begin_builtin_module(self) -> None:
        pass

    def _begin_user_module(self, name: str) -> None:
        pass

    def visit_module(self, name: str) -> None:
        if QAPISchemaModule.is_builtin_module(name):
            if self._builtin_blurb:
                self._add_module(name, self._builtin_blurb)
                self._begin_builtin_module()
            else:
                # This back end writes nothing for built-in types.
                self._current_module = None
        else:
            assert QAPISchemaModule.is_user_module(name)
            self._add_module(name, self._user_blurb)
            self._begin_user_module(name)

    def visit_include(self, name: str,
                      info: Optional[QAPISourceInfo]) -> None:
        relname = _relpath(self._module_filename(self._what, name),
                           os.path.dirname(self._genh.fname))
        self._genh.preamble_add('#include "%s.h"\n' % relname)
