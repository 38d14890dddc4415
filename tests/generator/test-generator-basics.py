#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Generator behaviour that needs no corpus: QEMU's C naming rules, the
QEMU >= 8.0 has_ rule, files rewritten only when their text changes,
generated/ up to date with the generator and schema/firmware.json,
command-line handling and error reporting.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

from gentest import QAPI_GEN, ROOT, Tap, qapi_gen, work_dir

from qapi.common import c_enum_const, c_name, camel_to_upper

NAMES = [
    # (type name, value, prefix, QEMU's constant)
    ('FirmwareOSInterface', 'uefi', None, 'FIRMWARE_OS_INTERFACE_UEFI'),
    ('FirmwareFlashMode', 'split', None, 'FIRMWARE_FLASH_MODE_SPLIT'),
    ('FirmwareFeature', 'amd-sev-es', None, 'FIRMWARE_FEATURE_AMD_SEV_ES'),
    ('FirmwareArchitecture', 'x86_64', None, 'FIRMWARE_ARCHITECTURE_X86_64'),
    ('QType', 'qnull', None, 'QTYPE_QNULL'),
    ('QKeyCode', 'ctrl_r', 'Q_KEY_CODE', 'Q_KEY_CODE_CTRL_R'),
    ('NetClientDriver', 'vhost-user', None,
     'NET_CLIENT_DRIVER_VHOST_USER'),
    ('X86CPURegister32', 'EAX', None, 'X86_CPU_REGISTER32_EAX'),
    ('HmatLBDataType', 'read-latency', None,
     'HMAT_LB_DATA_TYPE_READ_LATENCY'),
]


def main() -> None:
    tap = Tap()
    for typ, value, prefix, want in NAMES:
        got = c_enum_const(typ, value, prefix)
        tap.ok(got == want, 'c_enum_const(%s, %s) = %s' % (typ, value, want),
               'got ' + got)
    tap.ok(camel_to_upper('ENUMName') == 'ENUM_NAME', 'camel_to_upper ENUMName')
    tap.ok(c_name('nvram-template') == 'nvram_template'
           and c_name('if') == 'q_if' and c_name('unix') == 'q_unix'
           and c_name('0day') == 'q_0day' and c_name('a.b', False) == 'a_b',
           'c_name maps and protects names as QEMU does')

    header = os.path.join(ROOT, 'generated', 'firmware', 'qapi-types.h')
    with open(header) as f:
        text = f.read()
    tap.ok('bool has_mode;' in text and 'has_nvram_template' not in text,
           'has_ only for optional non-pointer members (QEMU >= 8.0)')
    tap.ok('G_DEFINE_AUTOPTR_CLEANUP_FUNC(Firmware, qapi_free_Firmware)'
           in text, 'autoptr cleanup declared for Firmware')

    # generated/ is what the generator makes now
    out = work_dir('basics')
    for sub, args, schema in (
            ('qapi', ['--builtins-only', '--outputs', 'types,visit'],
             'schema/firmware.json'),
            ('firmware', ['--outputs', 'types,features,visit,'
                          'introspect-full,jsonschema,unions,doc',
                          '--json-schema-root', 'Firmware',
                          '--json-schema-rules',
                          os.path.join(ROOT, 'schema',
                                       'firmware-rules.schema.json'),
                          '--man-template', 'schema/fwdesc-descriptor.5.in'],
             'schema/firmware.json'),
            ('report', ['--doc-style', '-p', 'fwdesc-report-', '--outputs',
                        'types,features,visit,jsonschema'],
             'schema/fwdesc-report.json')):
        rc, msg = qapi_gen(args + ['-o', os.path.join(out, sub), schema])
        cmp = filecmp.dircmp(os.path.join(ROOT, 'generated', sub),
                             os.path.join(out, sub))
        stale = cmp.diff_files + cmp.left_only + cmp.right_only
        tap.ok(rc == 0 and not stale,
               'generated/%s is up to date (make generated)' % sub,
               msg + ' '.join(stale))

    # a second run leaves unchanged files alone
    target = os.path.join(out, 'firmware', 'qapi-types.h')
    past = time.time() - 1000
    os.utime(target, (past, past))
    qapi_gen(['--outputs', 'types', '-o', os.path.join(out, 'firmware'),
              'schema/firmware.json'])
    tap.ok(abs(os.stat(target).st_mtime - past) < 1,
           'unchanged output files are not rewritten')

    only = os.path.join(out, 'builtins-only')
    rc, msg = qapi_gen(['--builtins-only', '-o', only,
                        'schema/firmware.json'])
    tap.ok(rc == 0 and sorted(os.listdir(only)) == [
        'qapi-builtin-types.c', 'qapi-builtin-types.h',
        'qapi-builtin-visit.c', 'qapi-builtin-visit.h'],
        '--builtins-only writes the built-in module only', msg)

    rc, msg = qapi_gen(['--outputs', 'cobol', 'schema/firmware.json'])
    tap.ok(rc == 2 and "unknown output 'cobol'" in msg,
           'an unknown output is a usage error', msg)

    bad = os.path.join(out, 'bad.json')
    with open(bad, 'w') as f:
        f.write("{ 'struct': 'Sample', 'data': { 'm': 'Missing' } }\n")
    rc, msg = qapi_gen(['--no-doc-checks', '-o', out, bad])
    tap.ok(rc == 1 and msg == "%s: In struct 'Sample':\n%s:1: member 'm' "
           "uses unknown type 'Missing'\n" % (bad, bad),
           'semantic errors: FILE:LINE at the start of the line after the '
           'context line, as QEMU prints them', msg)

    rc, msg = qapi_gen(['-o', out, os.path.join(out, 'absent.json')])
    tap.ok(rc == 1 and msg == "can't read schema file '%s': No such file "
           "or directory\n" % os.path.join(out, 'absent.json'),
           'a missing schema file is reported as QEMU does', msg)

    # --json-schema-rules: a type the schema lacks, a file of another
    # shape, a file that is not JSON are each one clear error.
    for text, want, what in (
            ('{"NoSuchType": [{"required": ["x"]}]}', "no type 'NoSuchType'",
             'a type the schema lacks'),
            ('{"Firmware": {"required": ["x"]}}',
             'not an object of lists of subschemas', 'a rule that is no list'),
            ('{"Firmware": [', 'rules.json:', 'a file that is not JSON')):
        rules = os.path.join(out, 'rules.json')
        with open(rules, 'w') as f:
            f.write(text)
        rc, msg = qapi_gen(['--outputs', 'jsonschema', '--json-schema-rules',
                            rules, '-o', os.path.join(out, 'rules-out'),
                            'schema/firmware.json'])
        tap.ok(rc == 1 and '--json-schema-rules' in msg and want in msg,
               '--json-schema-rules: %s is an error' % what, msg)

    check_cli_usage(tap)
    check_qemu_options(tap, work_dir('qemu-options'))
    check_output_errors(tap, work_dir('output-errors'))
    check_input_files(tap, work_dir('input-files'))
    check_atomic_writes(tap, work_dir('atomic'))
    check_build_stamp(tap, work_dir('stamp'))
    tap.done()


def no_traceback(rc: int, msg: str) -> bool:
    return rc == 1 and 'Traceback' not in msg and len(msg.splitlines()) == 1


def check_cli_usage(tap: Tap) -> None:
    for value in ('', ',', 'types,', ',visit', 'types,,visit'):
        rc, msg = qapi_gen(['--outputs', value, 'schema/firmware.json'])
        tap.ok(rc == 2 and 'empty output name' in msg,
               "--outputs '%s' is a usage error" % value, msg)

    # QEMU's rule for -p: letters, digits, '_', '.', '-' (no leading digit)
    for prefix, bad in (('../esc-', '/'), ('my prefix-', ' '),
                        ('a/b', '/'), ('0x', '0'), ('x;', ';')):
        out = work_dir('prefix')
        rc, msg = qapi_gen(['-p', prefix, '-o', os.path.join(out, 'o'),
                            'schema/firmware.json'])
        want = "qapi-gen: funny character '%s' in argument of --prefix\n" \
            % bad
        tap.ok(rc == 1 and msg == want and os.listdir(out) == [],
               "-p '%s' is refused, nothing written" % prefix, msg)
    out = work_dir('prefix')
    rc, msg = qapi_gen(['-p', 'fw_.-', '--outputs', 'types', '-o', out,
                        'schema/firmware.json'])
    tap.ok(rc == 0 and os.path.exists(
        os.path.join(out, 'fw_.-qapi-types.h')),
        "-p 'fw_.-' is accepted", msg)


BACKEND_MODULE = '''
from qapi.backend import QAPIBackend
from qapi.schema import QAPISchemaVisitor


class Names(QAPISchemaVisitor):
    def __init__(self):
        self.names = []

    def visit_object_type(self, name, info, ifcond, features, base,
                          members, branches):
        self.names.append(name)


class ListObjects(QAPIBackend):
    """Writes the schema's object types, one per line."""

    def generate(self, schema, output_dir, prefix, unmask, builtins,
                 gen_tracing):
        vis = Names()
        schema.visit(vis)
        with open(output_dir + '/' + prefix + 'objects.txt', 'w') as f:
            f.write('%s %s %s\\n' % (unmask, builtins, gen_tracing))
            f.write('\\n'.join(vis.names) + '\\n')


class NotABackend:
    pass


class Broken(QAPIBackend):
    def __init__(self):
        raise ValueError('no')

    def generate(self, *args):
        pass
'''


def check_qemu_options(tap: Tap, out: str) -> None:
    """QEMU's -u, --suppress-tracing and -B (a back end module)."""
    with open(os.path.join(out, 'mybackend.py'), 'w') as f:
        f.write(BACKEND_MODULE)
    env = dict(os.environ, PYTHONPATH=out)

    def run(args: list) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, QAPI_GEN] + args,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                              env=env)

    gen = os.path.join(out, 'gen')
    os.makedirs(gen)    # as for QEMU, a -B back end finds it there
    proc = run(['-u', '--suppress-tracing', '-b', '-p', 'x-', '-B',
                'mybackend.ListObjects', '-o', gen, 'schema/firmware.json'])
    try:
        with open(os.path.join(gen, 'x-objects.txt')) as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    tap.ok(proc.returncode == 0 and os.listdir(gen) == ['x-objects.txt']
           and lines[:1] == ['True True False'] and 'Firmware' in lines,
           '-B MODULE.CLASS runs a QAPIBackend with QEMU\'s arguments '
           '(-u, -b, --suppress-tracing passed on), nothing else written',
           proc.stdout + ' '.join(lines[:3]))
    for arg, want in (
            ('nodot', "qapi-gen: argument of -B must be of the form "
             "MODULE.CLASS\n"),
            ('types,visit', "qapi-gen: argument of -B must be of the form "
             "MODULE.CLASS (to choose outputs: --outputs types,visit)\n"),
            ('nosuchmodule.X', "qapi-gen: unable to import 'nosuchmodule': "
             "No module named 'nosuchmodule'\n"),
            ('mybackend.Absent', "qapi-gen: module 'mybackend' has no class "
             "'Absent'\n"),
            ('mybackend.Broken', "qapi-gen: backend 'mybackend.Broken' "
             "cannot be instantiated: no\n"),
            ('mybackend.NotABackend', "qapi-gen: backend "
             "'mybackend.NotABackend' must be an instance of QAPIBackend\n")):
        proc = run(['-B', arg, '-o', os.path.join(out, 'bad'),
                    'schema/firmware.json'])
        tap.ok(proc.returncode == 1 and proc.stdout == want,
               "-B '%s' is refused with the program's name" % arg,
               proc.stdout)
    proc = run(['-B', 'mybackend.ListObjects', '--outputs', 'types',
                'schema/firmware.json'])
    tap.ok(proc.returncode == 2 and 'not with -B' in proc.stdout,
           '-B with --outputs is a usage error', proc.stdout)
    proc = run(['--help'])
    tap.ok(proc.returncode == 0 and '--suppress-tracing' in proc.stdout
           and 'no effect' in proc.stdout and '--outputs' in proc.stdout,
           '--help says --suppress-tracing has no effect and where '
           '--backend went', proc.stdout)


def world_tmp() -> str:
    """A temporary directory any user can reach (TMPDIR may be private)."""
    for top in (tempfile.gettempdir(), '/tmp', '/var/tmp'):
        try:
            reachable = all(os.stat(d).st_mode & stat.S_IXOTH
                            for d in parents(top))
        except OSError:
            continue
        if reachable:
            return top
    return tempfile.gettempdir()


def parents(path: str) -> list:
    """@path and every directory above it."""
    path = os.path.abspath(path)
    found = [path]
    while os.path.dirname(path) != path:
        path = os.path.dirname(path)
        found.append(path)
    return found


def nobody_tree() -> str:
    """
    A copy of the generator and schema/ that any user can read, in a fresh
    directory that any user can enter.  The clone itself may sit below a
    directory only its owner may enter (as one from 'mktemp -d' does), so an
    unprivileged user could not even start scripts/qapi-gen there.
    """
    base = tempfile.mkdtemp(prefix='fwdesc-nobody-', dir=world_tmp())
    ignore = shutil.ignore_patterns('__pycache__')
    for sub in ('scripts', 'schema'):
        shutil.copytree(os.path.join(ROOT, sub), os.path.join(base, sub),
                        ignore=ignore)
    # Whatever the umask of the clone: readable, directories enterable.
    os.chmod(base, 0o755)
    for top, dirs, files in os.walk(base):
        for d in dirs:
            os.chmod(os.path.join(top, d), 0o755)
        for f in files:
            path = os.path.join(top, f)
            os.chmod(path, os.stat(path).st_mode | 0o444)
    return base


def run_as_nobody(tree: str, args: list) -> subprocess.CompletedProcess:
    """Run @tree's qapi-gen as an unprivileged user (root ignores modes)."""
    cmd = [sys.executable, os.path.join(tree, 'scripts', 'qapi-gen')] + args
    if os.geteuid() == 0:
        cmd = ['setpriv', '--reuid=65534', '--regid=65534',
               '--clear-groups'] + cmd
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1')
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=tree,
                          env=env)


def check_output_errors(tap: Tap, out: str) -> None:
    schema = 'schema/firmware.json'
    afile = os.path.join(out, 'afile')
    with open(afile, 'w'):
        pass
    rc, msg = qapi_gen(['-o', afile, schema])
    tap.ok(no_traceback(rc, msg) and msg == "qapi-gen: cannot write '%s': "
           "Not a directory\n" % afile,
           'an output directory that is a file is reported', msg)
    sub = os.path.join(afile, 'sub')
    rc, msg = qapi_gen(['-o', sub, schema])
    tap.ok(no_traceback(rc, msg) and msg.startswith('qapi-gen: cannot write')
           and 'Not a directory' in msg,
           'an output directory below a file is reported', msg)

    blocked = os.path.join(out, 'blocked')
    os.makedirs(os.path.join(blocked, 'qapi-types.c'))
    rc, msg = qapi_gen(['--outputs', 'types', '-o', blocked, schema])
    tap.ok(no_traceback(rc, msg) and msg == "qapi-gen: cannot write '%s': "
           "Is a directory\n"
           % os.path.join(blocked, 'qapi-types.c'),
           'an output file that is a directory is reported', msg)
    tap.ok(sorted(os.listdir(blocked)) == ['qapi-types.c'],
           'a failed write leaves no temporary file', str(os.listdir(blocked)))

    if shutil.which('setpriv') or os.geteuid() != 0:
        check_unwritable_output(tap)
    else:
        tap.skip('a read-only output directory is reported', 'no setpriv')
        tap.skip('an output directory that cannot be created is reported',
                 'no setpriv')


def check_unwritable_output(tap: Tap) -> None:
    """Output directories the (unprivileged) user may not write to."""
    tree = nobody_tree()
    readonly = os.path.join(tree, 'ro')
    os.makedirs(readonly)
    os.chmod(readonly, 0o555)
    try:
        proc = run_as_nobody(tree, ['--outputs', 'types', '-o', readonly,
                                    'schema/firmware.json'])
        tap.ok(no_traceback(proc.returncode, proc.stdout)
               and proc.stdout == "qapi-gen: cannot write '%s': Permission "
               "denied\n" % os.path.join(readonly, 'qapi-types.c'),
               'a read-only output directory is reported', proc.stdout)
        proc = run_as_nobody(tree, ['--outputs', 'types', '-o',
                                    os.path.join(readonly, 'new'),
                                    'schema/firmware.json'])
        tap.ok(no_traceback(proc.returncode, proc.stdout)
               and proc.stdout.startswith("qapi-gen: cannot write '%s"
                                          % readonly)
               and 'Permission denied' in proc.stdout,
               'an output directory that cannot be created is reported',
               proc.stdout)
    finally:
        os.chmod(readonly, 0o755)
        shutil.rmtree(tree)


def check_input_files(tap: Tap, out: str) -> None:
    fifo = os.path.join(out, 'fifo.json')
    os.mkfifo(fifo)
    incfifo = os.path.join(out, 'incfifo.json')
    with open(incfifo, 'w') as f:
        f.write("{ 'include': 'fifo.json' }\n")
    inczero = os.path.join(out, 'inczero.json')
    with open(inczero, 'w') as f:
        f.write("{ 'include': '/dev/zero' }\n")
    big = os.path.join(out, 'big.json')
    with open(big, 'w') as f:
        f.truncate(16 * 1024 * 1024 + 1)
    incbig = os.path.join(out, 'incbig.json')
    with open(incbig, 'w') as f:
        f.write("{ 'include': 'big.json' }\n")
    cases = (
        (fifo, "can't read schema file '%s': not a regular file\n"
         % fifo, 'a FIFO as the schema is refused without blocking'),
        (incfifo, "%s:1: can't read include file '%s': not a "
         "regular file\n" % (incfifo, fifo),
         'a FIFO as an include is refused without blocking'),
        (inczero, "%s:1: can't read include file '/dev/zero': not "
         "a regular file\n" % inczero, 'a device as an include is refused'),
        (big, "can't read schema file '%s': larger than 16777216 "
         "bytes\n" % big, 'a schema file over 16 MiB is refused'),
        (incbig, "%s:1: can't read include file '%s': larger than "
         "16777216 bytes\n" % (incbig, big),
         'an include file over 16 MiB is refused'),
    )
    for schema, want, name in cases:
        try:
            proc = subprocess.run([sys.executable, QAPI_GEN, '-o',
                                   os.path.join(out, 'o'), schema],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True,
                                  timeout=20)
            rc, msg = proc.returncode, proc.stdout
        except subprocess.TimeoutExpired:
            rc, msg = -1, 'timed out'
        tap.ok(rc == 1 and msg == want, name, msg)

    for depth in (500, 5000):
        deep = os.path.join(out, 'deep%d.json' % depth)
        with open(deep, 'w') as f:
            f.write("{ 'struct': 'Foo', 'data': { 'a': " + '[' * depth
                    + "'int'" + ']' * depth + ' } }\n')
        rc, msg = qapi_gen(['-o', os.path.join(out, 'o'), deep])
        tap.ok(no_traceback(rc, msg) and msg == "%s:1:97: nesting "
               "too deep (more than 64 levels)\n" % deep,
               '%d nested arrays: FILE:LINE:COL error' % depth, msg)
    deep = os.path.join(out, 'deep-objects.json')
    with open(deep, 'w') as f:
        f.write("{ 'a': " * 5000 + '\n')
    rc, msg = qapi_gen(['-o', os.path.join(out, 'o'), deep])
    tap.ok(no_traceback(rc, msg) and 'nesting too deep' in msg,
           '5000 nested objects: FILE:LINE:COL error', msg)


def check_atomic_writes(tap: Tap, out: str) -> None:
    schema = os.path.join(ROOT, 'schema', 'firmware.json')
    # The old fixed temporary name: something in the way does not matter.
    os.makedirs(os.path.join(out, 'qapi-types.c.tmp'))
    rc, msg = qapi_gen(['--outputs', 'types', '-o', out, schema])
    tap.ok(rc == 0 and os.path.isfile(os.path.join(out, 'qapi-types.c')),
        'the temporary file name is not fixed', msg)
    path = os.path.join(out, 'qapi-types.h')
    mask = os.umask(0)
    os.umask(mask)
    mode = (stat.S_IMODE(os.stat(path).st_mode) if os.path.exists(path)
            else -1)
    tap.ok(mode == 0o666 & ~mask, 'output files get the umask mode',
           oct(mode))

    # Concurrent runs into one directory all succeed and agree.
    shared = os.path.join(out, 'shared')
    procs = [subprocess.Popen([sys.executable, QAPI_GEN, '--outputs',
                               'types,visit,introspect-full', '-o', shared,
                               schema], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
             for _ in range(6)]
    results = [(p.wait(), p.stdout.read() if p.stdout else '')
               for p in procs]
    for p in procs:
        if p.stdout:
            p.stdout.close()
    cmp = filecmp.dircmp(os.path.join(ROOT, 'generated', 'firmware'), shared)
    tap.ok(all(rc == 0 for rc, _ in results) and not cmp.diff_files
           and not cmp.right_only,
           'concurrent runs into one directory do not collide',
           ' '.join(msg for _, msg in results) + ' '.join(
               cmp.diff_files + cmp.right_only))



def make_dry_run(args: list) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ('MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES')}
    proc = subprocess.run(['make', '-n', '-C', ROOT] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env=env)
    return proc.stdout


def check_build_stamp(tap: Tap, out: str) -> None:
    """A build reruns the generator only when its inputs' content changed."""
    if not shutil.which('make'):
        tap.skip('a fresh build does not run the generator', 'no make')
        tap.skip('a changed input reruns the generator', 'no make')
        return
    targets = ['generated/qapi/qapi-builtin-types.h',
               'generated/firmware/qapi-types.h']
    # A fresh build directory, and the inputs newer than the outputs (what a
    # git checkout may leave): -W pretends each input was just modified.
    newer = []
    for name in (['scripts/qapi-gen', 'scripts/qapi.mk',
                  'schema/firmware.json']
                 + ['scripts/qapi/' + f for f in os.listdir(
                     os.path.join(ROOT, 'scripts', 'qapi'))
                    if f.endswith('.py')]):
        newer += ['-W', name]
    got = make_dry_run(['O=' + os.path.join(out, 'build')] + newer + targets)
    tap.ok('qapi-gen' not in got,
           'a fresh build with newer-looking inputs does not run the '
           'generator (generated/qapi-gen.sha256 is current)', got)

    stale = os.path.join(out, 'stale.sha256')
    with open(stale, 'w') as f:
        f.write('0' * 64 + '\n')
    got = make_dry_run(['O=' + os.path.join(out, 'build'),
                        'QAPI_STAMP=' + stale] + targets)
    # once per output directory: generated/qapi, firmware, report
    tap.ok(got.count('scripts/qapi-gen') == 3,
           'a changed input (stamp mismatch) reruns the generator', got)


if __name__ == '__main__':
    main()
