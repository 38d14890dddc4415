#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
tests/generator/schemas/shapes.json (every shape: enums with a deprecated
value, integer ranges, a union with a named base whose branch is itself a
union, an alternate of enum/integer/object/null, lists, 'any', an 'if'
member) through the C back ends and the JSON Schema back end: for each
sample document, the generated C code (strict runtime input) and Debian's
python3-jsonschema on the exported JSON Schema must give the same verdict,
and accepted documents must come back unchanged from the C round trip.
"""

from __future__ import annotations

import json
import os
import subprocess

from gentest import (
    CC, ROOT, Tap, base_cflags, compile_c, pkg_libs, qapi_gen, runtime_lib,
    use_debian_jsonschema, work_dir,
)

use_debian_jsonschema()

try:
    import jsonschema
except ImportError:  # pragma: no cover
    jsonschema = None

SCHEMA = os.path.join(ROOT, 'tests', 'generator', 'schemas', 'shapes.json')

PROGRAM = r'''
/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <stdio.h>

#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi-visit.h"

int main(int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) iv = NULL;
    g_autoptr(Visitor) ov = NULL;
    g_autoptr(Drawing) drawing = NULL;
    g_autoptr(GString) out = g_string_new(NULL);

    if (argc != 2) {
        return 2;
    }
    iv = qapi_json_input_visitor_new(argv[1], -1, "doc", QAPI_INPUT_STRICT,
                                     NULL, &err);
    if (!iv || !visit_type_Drawing(iv, NULL, &drawing, &err)
        || !qapi_json_input_visitor_finish(iv, &err)) {
        printf("ERROR: %s\n", err ? err->message : "?");
        return 1;
    }
    ov = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT, out);
    if (!visit_type_Drawing(ov, NULL, &drawing, &err)) {
        printf("OUTPUT ERROR: %s\n", err ? err->message : "?");
        return 3;
    }
    printf("%s\n", out->str);
    return 0;
}
'''

C1 = {'type': 'circle', 'radius': 3}
SQ = {'type': 'square', 'side': 2, 'colour': 'green'}
TRI = {'type': 'polygon', 'kind': 'triangle', 'a': 1, 'b': 2, 'c': 3}
RANGES = {'i8': -128, 'u8': 255, 'i64': -9223372036854775808,
          'u64': 18446744073709551615}


def drawing(*shapes: object, **extra: object) -> dict:
    doc = {'shapes': list(shapes)}
    doc.update(extra)
    return doc


def ranges(**changes: object) -> dict:
    r = dict(RANGES)
    r.update(changes)
    return r


# (what, document, valid?)
SAMPLES = [
    ('empty list of shapes', drawing(), True),
    ('union branches', drawing(C1, SQ), True),
    ('point: enum value without a branch', drawing({'type': 'point'}), True),
    ('base member of the named base', drawing(dict(C1, name='c')), True),
    ('union branch that is a union', drawing(TRI), True),
    ('nested union base member', drawing(dict(TRI, label='t')), True),
    ('hexagon: nested union value without branch',
     drawing({'type': 'polygon', 'kind': 'hexagon'}), True),
    ('alternate: enum, integer, null', drawing('red', 7, None), True),
    ('deprecated enum value (default policy)', drawing('mauve'), True),
    ('integer limits', drawing(ranges=RANGES), True),
    ('optional members', drawing(ranges=ranges(size=0, ratio=0.5,
                                               old='x', cond=True)), True),
    ('any', drawing(meta={'x': [1, 'y', None]}), True),
    ('list of enums', drawing(palette=['red', 'mauve']), True),
    ('missing list', {}, False),
    ('unknown member', drawing(colour='red'), False),
    ('member of another branch', drawing(dict(C1, side=1)), False),
    ('member of a sibling nested branch',
     drawing({'type': 'polygon', 'kind': 'hexagon', 'a': 1}), False),
    ('missing discriminator', drawing({'radius': 1}), False),
    ('unknown discriminator value', drawing({'type': 'blob'}), False),
    ('missing branch member', drawing({'type': 'circle'}), False),
    ('alternate: no branch for a boolean', drawing(True), False),
    ('alternate: no branch for a list', drawing([1]), False),
    ('alternate: enum value unknown', drawing('blue'), False),
    ('alternate: integer out of uint16', drawing(65536), False),
    ('alternate: negative integer', drawing(-1), False),
    ('int8 below range', drawing(ranges=ranges(i8=-129)), False),
    ('uint8 above range', drawing(ranges=ranges(u8=256)), False),
    ('uint64 negative', drawing(ranges=ranges(u64=-1)), False),
    ('uint64 above range',
     drawing(ranges=ranges(u64=18446744073709551616)), False),
    ('integer given as number', drawing(ranges=ranges(i8=1.5)), False),
    ('uint32 given as string', drawing({'type': 'circle', 'radius': '3'}),
     False),
    ('enum given as integer', drawing(palette=[0]), False),
]


def main() -> None:
    tap = Tap()
    out = work_dir('shapes')
    rc, text = qapi_gen(['--no-doc-checks', '-o', out, '--outputs',
                         'types,features,visit,jsonschema',
                         '--json-schema-root',
                         'Drawing', SCHEMA])
    if not tap.ok(rc == 0, 'shapes.json generates', text):
        tap.done()
    flags = base_cflags(out)
    _, errors = compile_c([os.path.join(out, f) for f in
                           ('qapi-types.c', 'qapi-visit.c')],
                          flags, syntax_only=True)
    tap.ok(not errors, 'C code compiles without SHAPES_COND', errors)

    validator = None
    if jsonschema is None:
        tap.skip('JSON Schema verdicts', 'python3-jsonschema missing')
    else:
        with open(os.path.join(out, 'shapes.schema.json')) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for what, doc, valid in SAMPLES:
            errs = [e.message for e in validator.iter_errors(doc)]
            tap.ok(not errs if valid else bool(errs),
                   'JSON Schema %s: %s' % ('accepts' if valid else 'rejects',
                                           what), '; '.join(errs))

    lib = runtime_lib()
    if not lib:
        tap.skip('C verdicts', 'runtime library not built')
        tap.done()
    prog = os.path.join(out, 'shapes-round-trip.c')
    with open(prog, 'w') as f:
        f.write(PROGRAM)
    cflags = flags + ['-DSHAPES_COND']   # JSON Schema has every member
    objdir = os.path.join(out, 'obj')
    os.makedirs(objdir)
    objs, errors = compile_c(
        [prog, os.path.join(out, 'qapi-types.c'),
         os.path.join(out, 'qapi-visit.c')], cflags, objdir)
    exe = os.path.join(out, 'shapes-round-trip')
    link = subprocess.run([CC, '-o', exe] + objs + [lib] + pkg_libs(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if not tap.ok(not errors and link.returncode == 0,
                  'round-trip program builds', errors + link.stdout):
        tap.done()
    for what, doc, valid in SAMPLES:
        text = json.dumps(doc)
        run = subprocess.run([exe, text], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        if not valid:
            tap.ok(run.returncode == 1, 'C rejects: %s' % what, run.stdout)
            continue
        try:
            back = json.loads(run.stdout)
        except ValueError:
            back = None
        tap.ok(run.returncode == 0 and back == doc,
               'C round trip: %s' % what, run.stdout)
    tap.done()


if __name__ == '__main__':
    main()
