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
import time

from gentest import ROOT, Tap, qapi_gen, work_dir

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

    header = os.path.join(ROOT, 'generated', 'firmware',
                          'qapi-types-firmware.h')
    with open(header) as f:
        text = f.read()
    tap.ok('bool has_mode;' in text and 'has_nvram_template' not in text,
           'has_ only for optional non-pointer members (QEMU >= 8.0)')
    tap.ok('G_DEFINE_AUTOPTR_CLEANUP_FUNC(Firmware, qapi_free_Firmware)'
           in text, 'autoptr cleanup declared for Firmware')

    # generated/ is what the generator makes now
    out = work_dir('basics')
    for sub, args in (('qapi', ['--builtins-only', '--backend',
                                'types,visit']),
                      ('firmware', ['--backend',
                                    'types,visit,introspect,jsonschema',
                                    '--json-schema-root', 'Firmware'])):
        rc, msg = qapi_gen(args + ['-o', os.path.join(out, sub),
                                   'schema/firmware.json'])
        cmp = filecmp.dircmp(os.path.join(ROOT, 'generated', sub),
                             os.path.join(out, sub))
        stale = cmp.diff_files + cmp.left_only + cmp.right_only
        tap.ok(rc == 0 and not stale,
               'generated/%s is up to date (make generated)' % sub,
               msg + ' '.join(stale))

    # a second run leaves unchanged files alone
    target = os.path.join(out, 'firmware', 'qapi-types-firmware.h')
    past = time.time() - 1000
    os.utime(target, (past, past))
    qapi_gen(['--backend', 'types', '-o', os.path.join(out, 'firmware'),
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

    rc, msg = qapi_gen(['--backend', 'cobol', 'schema/firmware.json'])
    tap.ok(rc == 2 and 'unknown back end' in msg,
           'an unknown back end is a usage error', msg)

    bad = os.path.join(out, 'bad.json')
    with open(bad, 'w') as f:
        f.write("{ 'struct': 'Sample', 'data': { 'm': 'Missing' } }\n")
    rc, msg = qapi_gen(['--no-doc-checks', '-o', out, bad])
    tap.ok(rc == 1 and "bad.json:1: member 'm' uses unknown type 'Missing'"
           in msg and "In struct 'Sample':" in msg,
           'semantic errors are reported as FILE:LINE with context', msg)

    rc, msg = qapi_gen(['-o', out, os.path.join(out, 'absent.json')])
    tap.ok(rc == 1 and "can't read schema file" in msg,
           'a missing schema file is reported', msg)
    tap.done()


if __name__ == '__main__':
    main()
