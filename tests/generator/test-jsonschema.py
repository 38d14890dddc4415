#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
The JSON Schema exported for firmware.json (generated/firmware/
firmware.schema.json) is a valid draft 2020-12 schema, and Debian's
python3-jsonschema gives every real descriptor of ../shared/corpus the
verdict we expect: valid, except the anomalies the corpus lists (Gentoo's
'mapping.uefi-vars' member, files without 'description').  When the fwdesc
tool is built, its strict verdict must agree file by file.  A few
hand-written documents pin the union, enum, range and required rules,
and QEMU's full schema exports a valid JSON Schema too.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess

from gentest import (
    BUILD, ROOT, Tap, corpus, qapi_gen, use_debian_jsonschema, work_dir,
)

use_debian_jsonschema()

try:
    import jsonschema
except ImportError:  # pragma: no cover - Debian package missing
    jsonschema = None

SCHEMA = os.path.join(ROOT, 'generated', 'firmware', 'firmware.schema.json')

# What makes a descriptor invalid, as INDEX.tsv's notes column says.
INVALID_NOTES = ('extra-mapping:', 'missing:')

GOOD = {
    'description': 'd', 'interface-types': ['uefi'],
    'mapping': {'device': 'flash', 'executable': {
        'filename': '/x.fd', 'format': 'raw'}, 'nvram-template': {
        'filename': '/v.fd', 'format': 'raw'}},
    'targets': [{'architecture': 'x86_64', 'machines': ['pc-q35-*']}],
    'features': ['acpi-s3'], 'tags': [],
}


def variant(**changes: object) -> dict:
    doc = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        path = key.split('__')
        target = doc
        for part in path[:-1]:
            target = target[part]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return doc


HAND_CASES = [
    ('a minimal flash descriptor', GOOD, True),
    ('flash mode is optional', GOOD, True),
    ('memory branch', variant(mapping={'device': 'memory',
                                       'filename': '/x.fd'}), True),
    ('unknown top-level member', variant(extra=1), False),
    ('member of another branch', variant(mapping__filename='/y'), False),
    ('unknown discriminator value', variant(mapping__device='tape'), False),
    ('missing discriminator', variant(mapping__device=None), False),
    ('missing required branch member',
     variant(mapping__executable=None), False),
    ('unknown enum value', variant(features=['warp-drive']), False),
    ('wrong JSON type', variant(tags='x'), False),
    ('missing description', variant(description=None), False),
    # The prose rules (schema/firmware-rules.schema.json).
    ('split (absent mode) without nvram-template',
     variant(**{'mapping__nvram-template': None}), False),
    ('explicit split without nvram-template',
     variant(mapping__mode='split', **{'mapping__nvram-template': None}),
     False),
    ('stateless with nvram-template', variant(mapping__mode='stateless'),
     False),
    ('combined with nvram-template', variant(mapping__mode='combined'),
     False),
    ('stateless without nvram-template',
     variant(mapping__mode='stateless', **{'mapping__nvram-template': None}),
     True),
    ('empty interface-types', variant(**{'interface-types': []}), False),
    ('verbose-dynamic with verbose-static',
     variant(features=['verbose-dynamic', 'verbose-static']), False),
]


def _version() -> str:
    try:
        from importlib.metadata import version
        return version('jsonschema')
    except Exception:  # pylint: disable=broad-except
        return 'unknown version'


def descriptor_files() -> list:
    files = []
    for top in ('descriptors', 'libvirt-firmwaredata'):
        base = corpus(top)
        if base:
            files += sorted(glob.glob(os.path.join(base, '**', '*.json'),
                                      recursive=True))
    return files


def expected_invalid() -> set:
    index = corpus('descriptors', 'INDEX.tsv')
    bad = set()
    if not index:
        return bad
    with open(index) as f:
        for line in f.read().splitlines()[1:]:
            cols = line.split('\t')
            if len(cols) >= 7 and any(n in cols[6] for n in INVALID_NOTES):
                path = cols[0]
                if path.startswith('real-descriptors/'):
                    path = 'descriptors/' + path[len('real-descriptors/'):]
                bad.add(os.path.normpath(path))
    # libvirt's deliberately broken test input
    bad.add(os.path.join('libvirt-firmwaredata', 'usr', 'share', 'qemu',
                         'firmware', '93-invalid.json'))
    return bad


def main() -> None:
    tap = Tap()
    if jsonschema is None:
        tap.skip('JSON Schema', 'python3-jsonschema is not installed')
        tap.done()
    with open(SCHEMA) as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        tap.ok(True, 'firmware.schema.json is a valid 2020-12 schema '
               '(jsonschema %s)' % _version())
    except jsonschema.SchemaError as err:
        tap.ok(False, 'firmware.schema.json is a valid 2020-12 schema',
               str(err))
        tap.done()
    validator = jsonschema.Draft202012Validator(schema)
    for name, doc, valid in HAND_CASES:
        errors = list(validator.iter_errors(doc))
        tap.ok(not errors if valid else bool(errors),
               '%s: %s' % ('accepts' if valid else 'rejects', name),
               '; '.join(e.message for e in errors))

    files = descriptor_files()
    if not files:
        tap.corpus_absent('real descriptors')
        tap.done()
    corpus_root = corpus()
    assert corpus_root
    bad = expected_invalid()
    tool = os.path.join(BUILD, 'fwdesc')
    have_tool = os.access(tool, os.X_OK)
    verdicts = {True: 0, False: 0}
    disagreements = []
    for path in files:
        rel = os.path.relpath(path, corpus_root)
        try:
            with open(path) as f:
                doc = json.load(f)
        except ValueError:
            continue   # libvirt's empty masking file: not a descriptor
        errors = list(validator.iter_errors(doc))
        valid = not errors
        verdicts[valid] += 1
        want = rel not in bad
        tap.ok(valid == want, '%s %s' % ('valid' if want else 'invalid',
                                         rel),
               '; '.join(e.message for e in errors[:3]))
        if have_tool:
            proc = subprocess.run([tool, 'validate', path],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            if (proc.returncode == 0) != valid:
                disagreements.append('%s: JSON Schema %s, fwdesc %s\n%s'
                                     % (rel, valid, proc.returncode,
                                        proc.stdout.strip()))
    tap.diag('JSON Schema verdicts: %d valid, %d invalid'
             % (verdicts[True], verdicts[False]))
    if have_tool:
        tap.ok(not disagreements,
               'fwdesc validate (strict) agrees on all %d descriptors'
               % (verdicts[True] + verdicts[False]),
               '\n'.join(disagreements))
    else:
        tap.skip('fwdesc validate agrees', 'fwdesc not built')

    qemu = corpus('qemu-qapi-schema', 'qapi-schema.json')
    if qemu:
        out = work_dir('jsonschema-qemu')
        rc, text = qapi_gen(['-o', out, '--outputs', 'jsonschema',
                             '--json-schema-root', 'BlockdevOptions', qemu])
        ok = rc == 0
        if ok:
            with open(os.path.join(out, 'qapi-schema.schema.json')) as f:
                qschema = json.load(f)
            try:
                jsonschema.Draft202012Validator.check_schema(qschema)
                v = jsonschema.Draft202012Validator(qschema)
                ok = (not list(v.iter_errors(
                        {'driver': 'null-co', 'size': 1024}))
                      and list(v.iter_errors(
                          {'driver': 'null-co', 'bogus': 1})) != [])
            except jsonschema.SchemaError as err:
                ok, text = False, str(err)
        tap.ok(ok, "QEMU's full schema exports a valid JSON Schema "
               '(BlockdevOptions root)', text)
    else:
        tap.corpus_absent("QEMU's full schema exports a valid JSON Schema")
    tap.done()


if __name__ == '__main__':
    main()
