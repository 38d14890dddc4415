#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Every firmware.json version of ../shared/corpus/firmware-schema from QEMU
4.2 on generates and compiles (-Wall -Wextra -Werror).  Versions before
9.1 include machine.json and block-core.json, found through -I in
qemu-qapi-schema/, whose pragmas (naming exceptions) come through
--pragma-file; their doc comments predate QEMU's current rules, hence
--no-doc-checks.  The 3.0 text (2.12.50) names SysEmuTarget, which QEMU
4.0 moved from common.json (which that text includes) to machine.json:
against 10.2's includes it must fail with exactly that error, and
generate and compile when a wrapper includes machine.json first.  The
newest version must generate exactly the code we ship for
schema/firmware.json (same text, doc comments aside).
"""

from __future__ import annotations

import filecmp
import glob
import json
import os
import re
import shutil

from gentest import (
    ROOT, Tap, base_cflags, compile_c, corpus, qapi_gen, work_dir,
)

NEWEST = 'firmware-ece408818d-10.2.50.json'


def version_key(path: str) -> tuple:
    match = re.search(r'-(\d+)\.(\d+)\.(\d+)\.json$', path)
    assert match
    return tuple(int(x) for x in match.groups())


def _without_descriptions(path: str) -> object:
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()
                    if k != 'description'}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    with open(path) as f:
        return strip(json.load(f))


def main() -> None:
    tap = Tap()
    schema_dir = corpus('firmware-schema')
    qemu_dir = corpus('qemu-qapi-schema')
    if not schema_dir or not qemu_dir:
        tap.corpus_absent('firmware.json versions')
        tap.done()
    common = ['-I', qemu_dir, '--pragma-file',
              os.path.join(qemu_dir, 'pragma.json'), '--no-doc-checks',
              '--outputs', 'types,features,visit,introspect-full']
    versions = sorted(glob.glob(os.path.join(schema_dir, 'firmware-*.json')),
                      key=version_key)
    for path in versions:
        name = os.path.basename(path)
        out = work_dir('fw-' + name[:-5])
        cflags = base_cflags(out)
        if version_key(path) < (4, 2, 0):
            rc, text = qapi_gen(common + ['-o', out, path])
            tap.ok(rc != 0 and re.search(
                r"%s:\d+: member 'architecture' uses unknown type "
                r"'SysEmuTarget'" % re.escape(path), text) is not None,
                '%s: SysEmuTarget (moved to machine.json in 4.0) is '
                'reported unknown, with file and line' % name, text)
            # (the text copied beside the wrapper: a module outside the
            # main schema's directory would be generated outside -o)
            wrap_dir = work_dir('fw-wrap-' + name[:-5])
            shutil.copy(path, os.path.join(wrap_dir, name))
            path = os.path.join(wrap_dir, 'firmware-3.0.json')
            with open(path, 'w') as f:
                f.write("{ 'include': 'machine.json' }\n"
                        "{ 'include': '%s' }\n" % name)
            # Its module's headers include those of its own includes
            # only, as QEMU's would: machine's come in front.
            cflags += ['-include', 'qapi-types-machine.h',
                       '-include', 'qapi-visit-machine.h']
        rc, text = qapi_gen(common + ['-o', out, path])
        if not tap.ok(rc == 0, '%s generates' % name, text):
            continue
        sources = sorted(glob.glob(os.path.join(out, '*.c')))
        _, errors = compile_c(sources, cflags, syntax_only=True)
        tap.ok(not errors, '%s: %d generated .c files compile'
               % (name, len(sources)), errors)

    # The newest upstream text, under our file name, against generated/.
    newest = os.path.join(schema_dir, NEWEST)
    if not os.path.exists(newest):
        tap.skip('newest version matches schema/firmware.json',
                 NEWEST + ' absent')
        tap.done()
    out = work_dir('fw-newest')
    src_dir = os.path.join(out, 'src')
    os.makedirs(src_dir)
    shutil.copy(newest, os.path.join(src_dir, 'firmware.json'))
    gen_dir = os.path.join(out, 'gen')
    rc, text = qapi_gen(['-o', gen_dir, '--outputs',
                         'types,features,visit,introspect-full,jsonschema,'
                         'unions',
                         '--json-schema-root', 'Firmware',
                         '--json-schema-rules',
                         os.path.join(ROOT, 'schema',
                                      'firmware-rules.schema.json'),
                         os.path.join(src_dir, 'firmware.json')])
    tap.ok(rc == 0, 'newest upstream firmware.json generates', text)
    ours = os.path.join(ROOT, 'generated', 'firmware')
    for fname in sorted(os.listdir(ours)):
        theirs = os.path.join(gen_dir, fname)
        if fname.endswith(('.md', '.5')):
            continue    # documentation: all doc text, which is our own
        if fname.endswith('.json'):
            # the JSON Schema carries doc text, which is our own
            same = os.path.exists(theirs) and (
                _without_descriptions(os.path.join(ours, fname))
                == _without_descriptions(theirs))
        else:
            same = os.path.exists(theirs) and filecmp.cmp(
                os.path.join(ours, fname), theirs, shallow=False)
        tap.ok(same, 'newest upstream firmware.json yields our %s' % fname,
               'differs: diff %s %s' % (os.path.join(ours, fname), theirs))
    tap.done()


if __name__ == '__main__':
    main()
