#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
The 'doc' back end: doc comments as Markdown and as a man page.

- schema/firmware.json as fwdesc-descriptor(5): the man page renders with
  no groff warning (groff -ww -z); every documented definition is a
  section in both outputs with its kind; every enum value and member is
  listed with its type and optionality; union branches and member types
  link to their definitions; every 'Since:' is carried.
- QEMU's full schema: every documented definition appears in both
  outputs, and the man page renders without warnings.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from gentest import ROOT, Tap, corpus, qapi_gen, work_dir

from qapi.schema import (  # noqa: E402
    QAPISchema, QAPISchemaEnumType, QAPISchemaObjectType,
)


def groff_warnings(page: str) -> str:
    proc = subprocess.run(['groff', '-ww', '-z', '-man', page],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    return proc.stdout + ('' if proc.returncode == 0
                          else 'exit %d' % proc.returncode)


def documented(schema: QAPISchema) -> list:
    return [doc.symbol for doc in schema.docs if doc.symbol]


def check_firmware(tap: Tap) -> None:
    out = work_dir('doc-firmware')
    schema_path = os.path.join(ROOT, 'schema', 'firmware.json')
    status, log = qapi_gen(['--backend', 'doc', '--man-page',
                            'fwdesc-descriptor.5', '-o', out, schema_path])
    tap.ok(status == 0, 'firmware.json: the doc back end runs', log)
    md_path = os.path.join(out, 'firmware.md')
    man_path = os.path.join(out, 'fwdesc-descriptor.5')
    if not (os.path.exists(md_path) and os.path.exists(man_path)):
        tap.ok(False, 'firmware.md and fwdesc-descriptor.5 written')
        return
    with open(md_path) as f:
        md = f.read()
    with open(man_path) as f:
        man = f.read()
    tap.ok(man.startswith('.\\"') and '\n.TH FWDESC-DESCRIPTOR 5 ' in man,
           'the man page is fwdesc-descriptor(5)')
    if shutil.which('groff'):
        warnings = groff_warnings(man_path)
        tap.ok(warnings == '', 'fwdesc-descriptor(5) renders without groff '
               'warnings', warnings)
    else:
        tap.skip('groff -ww', 'groff is not installed')
    schema = QAPISchema(schema_path)
    missing = []
    for name in documented(schema):
        ent = schema.lookup_entity(name)
        kind = getattr(ent, 'meta', '')
        if ('### `%s` (%s)' % (name, kind) not in md
                or '.SS %s (%s)' % (name, kind) not in man):
            missing.append(name)
            continue
        section = md.split('### `%s`' % name, 1)[1].split('\n### ', 1)[0]
        if isinstance(ent, QAPISchemaEnumType):
            for m in ent.members:
                if '- `%s`' % m.name not in section:
                    missing.append('%s.%s' % (name, m.name))
        if isinstance(ent, QAPISchemaObjectType):
            for memb in ent.local_members:
                line = re.search(r'^- `%s`: (.*)$' % re.escape(memb.name),
                                 section, re.M)
                if (not line or (memb.optional)
                        != ('(optional)' in line.group(1))):
                    missing.append('%s.%s' % (name, memb.name))
        if ent is not None and ent.doc and ent.doc.since:
            if '**Since**: %s' % ent.doc.since.text not in section:
                missing.append('%s since' % name)
    tap.ok(not missing, 'every definition, value and member documented, '
           'with optionality and Since (%d definitions)'
           % len(documented(schema)), ', '.join(missing))
    tap.ok('- `flash`: [`FirmwareMappingFlash`](#firmwaremappingflash)'
           in md and '- `mapping`: [`FirmwareMapping`](#firmwaremapping)'
           in md and '- `targets`: [`[FirmwareTarget]`](#firmwaretarget)'
           in md, 'branches and member types link to their definitions')
    tap.ok('By the value of device:' in md
           and '\\fBmapping\\fR: \\fBFirmwareMapping\\fR' in man,
           'the discriminator is named; the man page marks types')


def check_qemu(tap: Tap) -> None:
    qemu_dir = corpus('qemu-qapi-schema')
    if not qemu_dir:
        tap.skip("QEMU's full schema", '../shared/corpus is absent')
        return
    out = work_dir('doc-qemu')
    path = os.path.join(qemu_dir, 'qapi-schema.json')
    status, log = qapi_gen(['--backend', 'doc', '-o', out, path])
    tap.ok(status == 0, "QEMU's full schema: the doc back end runs", log)
    md_path = os.path.join(out, 'qapi-schema.md')
    man_path = os.path.join(out, 'qapi-schema.7')
    if status != 0:
        return
    with open(md_path) as f:
        md = f.read()
    with open(man_path) as f:
        man = f.read()
    schema = QAPISchema(path)
    names = documented(schema)
    missing = [n for n in names
               if '### `%s` (' % n not in md or '.SS %s (' % n not in man]
    tap.ok(len(names) > 900 and not missing,
           'every documented definition appears (%d)' % len(names),
           ', '.join(missing[:40]))
    if shutil.which('groff'):
        warnings = groff_warnings(man_path)
        tap.ok(warnings == '', "QEMU's schema as a man page renders without "
               'groff warnings', warnings[:3000])
    else:
        tap.skip('groff -ww', 'groff is not installed')


def main() -> None:
    tap = Tap()
    check_firmware(tap)
    check_qemu(tap)
    tap.done()


if __name__ == '__main__':
    main()
