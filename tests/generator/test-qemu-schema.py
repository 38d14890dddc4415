#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
QEMU's full schema (../shared/corpus/qemu-qapi-schema/qapi-schema.json)
through every C back end: the model has the expected entity counts, every
generated .c compiles with -Wall -Wextra -Werror against our runtime
headers (with no 'if' macro defined, and with all of them), the
introspection data is valid JSON in both configurations, and sample
documents of a union, an alternate and a type with conditional members
survive a parse/serialize round trip through the runtime library.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess

from gentest import (
    Tap, base_cflags, compile_c, corpus, if_macros, pkg_libs, qapi_gen,
    runtime_lib, work_dir, CC,
)

ROUND_TRIP_C = r'''
/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Parse argv[2] as type argv[1] strictly, print it back compactly. */
#include <stdio.h>
#include <string.h>

#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi-visit-sockets.h"
#include "qapi-visit-common.h"
#include "qapi-visit-block-core.h"

#define ROUND_TRIP(T)                                                   \
    static char *round_trip_##T(const char *in, GError **errp)         \
    {                                                                   \
        g_autoptr(Visitor) iv = NULL;                                   \
        g_autoptr(Visitor) ov = NULL;                                   \
        GString *out = NULL;                                            \
        T *obj = NULL;                                                  \
        bool ok;                                                        \
                                                                        \
        iv = qapi_json_input_visitor_new(in, -1, "sample",              \
                                         QAPI_INPUT_STRICT, NULL, errp);\
        if (!iv || !visit_type_##T(iv, NULL, &obj, errp)                \
            || !qapi_json_input_visitor_finish(iv, errp)) {             \
            qapi_free_##T(obj);                                         \
            return NULL;                                                \
        }                                                               \
        out = g_string_new(NULL);                                       \
        ov = qapi_json_text_output_visitor_new(QAPI_JSON_COMPACT, out); \
        ok = visit_type_##T(ov, NULL, &obj, errp);                      \
        qapi_free_##T(obj);                                             \
        return g_string_free(out, !ok);                                 \
    }

ROUND_TRIP(SocketAddress)
ROUND_TRIP(StrOrNull)
ROUND_TRIP(BlockdevRef)
ROUND_TRIP(UnixSocketAddress)

int main(int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;

    if (argc != 3) {
        return 2;
    }
    if (!strcmp(argv[1], "SocketAddress")) {
        out = round_trip_SocketAddress(argv[2], &err);
    } else if (!strcmp(argv[1], "StrOrNull")) {
        out = round_trip_StrOrNull(argv[2], &err);
    } else if (!strcmp(argv[1], "BlockdevRef")) {
        out = round_trip_BlockdevRef(argv[2], &err);
    } else if (!strcmp(argv[1], "UnixSocketAddress")) {
        out = round_trip_UnixSocketAddress(argv[2], &err);
    } else {
        return 2;
    }
    if (!out) {
        printf("ERROR: %s\n", err ? err->message : "(no message)");
        return 1;
    }
    printf("%s\n", out);
    return 0;
}
'''

# (type, document, expected output or None for "must be rejected");
# the expected output is compared as JSON data.
SAMPLES = [
    # union, with base member 'type' and branch members
    ('SocketAddress', '{"type": "inet", "host": "localhost", "port": "22"}',
     '{"type": "inet", "host": "localhost", "port": "22"}'),
    ('SocketAddress', '{"type": "fd", "str": "3"}',
     '{"type": "fd", "str": "3"}'),
    ('SocketAddress', '{"type": "inet", "host": "h"}', None),
    ('SocketAddress', '{"type": "carrier-pigeon", "str": "3"}', None),
    ('SocketAddress', '{"type": "fd", "str": "3", "host": "h"}', None),
    # alternates: scalar branches, and an object branch
    ('StrOrNull', '"node0"', '"node0"'),
    ('StrOrNull', 'null', 'null'),
    ('StrOrNull', '42', None),
    ('BlockdevRef', '"disk0"', '"disk0"'),
    ('BlockdevRef', '{"driver": "null-co", "size": 1024}',
     '{"driver": "null-co", "size": 1024}'),
    ('BlockdevRef', 'true', None),
    # conditional members: 'abstract' and 'tight' exist only with
    # CONFIG_LINUX (the program is built with it)
    ('UnixSocketAddress', '{"path": "/run/s", "abstract": true}',
     '{"path": "/run/s", "abstract": true}'),
    ('UnixSocketAddress', '{"path": "/run/s", "tight": false, "x": 1}', None),
]


def model_counts(tap: Tap, schema_path: str) -> None:
    from qapi.schema import (
        QAPISchema, QAPISchemaAlternateType, QAPISchemaCommand,
        QAPISchemaEnumType, QAPISchemaEvent, QAPISchemaObjectType,
    )
    schema = QAPISchema(schema_path)
    counts = {'enum': 0, 'struct': 0, 'union': 0, 'alternate': 0,
              'command': 0, 'event': 0, 'conditional': 0}
    for ent in schema._entity_list:
        if not getattr(ent, 'info', None) or not hasattr(ent, 'ifcond'):
            continue
        # implicit types (q_obj_*, arrays) count as conditional entities
        if ent.ifcond.is_present():
            counts['conditional'] += 1
        kind = None
        if isinstance(ent, QAPISchemaEnumType):
            kind = 'enum'
        elif isinstance(ent, QAPISchemaObjectType) and not ent.is_implicit():
            kind = ent.meta
        elif isinstance(ent, QAPISchemaAlternateType):
            kind = 'alternate'
        elif isinstance(ent, QAPISchemaCommand):
            kind = 'command'
        elif isinstance(ent, QAPISchemaEvent):
            kind = 'event'
        if kind:
            counts[kind] += 1
    expected = {'enum': 182, 'struct': 478, 'union': 43, 'alternate': 6,
                'command': 243, 'event': 57, 'conditional': 103}
    tap.ok(counts == expected, 'model of the full schema: %s' % counts,
           'expected %s' % expected)


def main() -> None:
    tap = Tap()
    schema = corpus('qemu-qapi-schema', 'qapi-schema.json')
    if not schema:
        tap.corpus_absent('QEMU full schema')
        tap.done()
    out = work_dir('qemu-schema')
    rc, text = qapi_gen(['-o', out, '--outputs',
                         'types,features,visit,introspect-full,unions',
                         schema])
    if not tap.ok(rc == 0, 'qapi-gen generates QEMU\'s full schema', text):
        tap.done()
    model_counts(tap, schema)

    sources = sorted(glob.glob(os.path.join(out, '*.c')))
    tap.ok(len(sources) == 2 * 46 + 3,
           'one types and one visit file per module (46) + features, '
           'introspection and union branches', '%d .c files' % len(sources))
    with open(os.path.join(out, 'qapi-unions-qapi-schema.c')) as f:
        table = f.read()
    unions = len(re.findall(r'^    \{ "', table, re.M))
    tap.ok(unions == 43, 'the branch table lists all 43 unions',
           '%d listed' % unions)
    # The C objects each union's members are visited in, for telling its
    # tag (qapi/input-policy.h): SocketAddress is also a branch of the
    # union MigrationAddress; blockdev-add takes BlockdevOptions boxed
    # (no C object of its own: 0); GuestPanicInformation is neither.
    frames = dict(re.findall(r'^static const size_t (\w+)_frames\[\] = '
                             r'\{\n(.*?)^\};', table, re.M | re.S))
    want = {
        'SocketAddress': ['sizeof(SocketAddress),',
                          'sizeof(MigrationAddress),'],
        'BlockdevOptions': ['sizeof(BlockdevOptions),', '0,'],
        'GuestPanicInformation': ['sizeof(GuestPanicInformation),'],
    }
    got = {k: frames.get(k, '').split() for k in want}
    tap.ok(len(frames) == 43 and got == want,
           'each union\'s frame sizes: itself, the unions it is a branch '
           'of, 0 when visited without a C object', '%d tables, %s'
           % (len(frames), got))
    flags = base_cflags(out)
    objdir = os.path.join(out, 'obj')
    os.makedirs(objdir)
    objects, errors = compile_c(sources, flags, objdir)
    tap.ok(not errors, 'generated code compiles with -Wall -Wextra -Werror',
           errors)
    _, errors = compile_c(sources, flags + if_macros(out), syntax_only=True)
    tap.ok(not errors, '... and with every \'if\' macro defined', errors)

    intro = os.path.join(out, 'print-introspection.c')
    with open(intro, 'w') as f:
        f.write('#include <stdio.h>\n#include "qapi-introspect-full.h"\n'
                'int main(void)\n{\n    fwrite(qapi_schema_qmp_schema_json, 1,'
                ' qapi_schema_qmp_schema_json_len, stdout);\n    return 0;\n}\n')
    for label, extra in (('no', []), ('all', if_macros(out))):
        exe = os.path.join(out, 'print-introspection-' + label)
        proc = subprocess.run(
            [CC] + flags + extra + ['-o', exe, intro,
                                    os.path.join(out, 'qapi-introspect-full.c')],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not tap.ok(proc.returncode == 0,
                      'introspection data compiles (%s macros)' % label,
                      proc.stdout):
            continue
        data = subprocess.run([exe], stdout=subprocess.PIPE, text=True).stdout
        try:
            entities = json.loads(data)
            names = {e['name'] for e in entities}
            good = ('SocketAddress' in names and 'query-qmp-schema' in names
                    and len(names) == len(entities))
            tap.ok(good, 'introspection (%s macros) is valid JSON: %d '
                   'entities, unique names' % (label, len(entities)))
        except ValueError as err:
            tap.ok(False, 'introspection (%s macros) is valid JSON' % label,
                   str(err))

    lib = runtime_lib()
    if not lib:
        tap.skip('round trip of sample documents',
                 'runtime library not built (make %s)' % 'all')
        tap.done()
    prog_c = os.path.join(out, 'round-trip.c')
    with open(prog_c, 'w') as f:
        f.write(ROUND_TRIP_C)
    prog_obj, errors = compile_c([prog_c], flags + ['-DCONFIG_LINUX'],
                                 objdir)
    linux_dir = os.path.join(out, 'obj-linux')
    os.makedirs(linux_dir)
    linux_objs, errors2 = compile_c(
        [os.path.join(out, 'qapi-types-sockets.c'),
         os.path.join(out, 'qapi-visit-sockets.c')],
        flags + ['-DCONFIG_LINUX'], linux_dir)
    others = [o for o in objects
              if not o.endswith(('qapi-types-sockets.o',
                                 'qapi-visit-sockets.o',
                                 'qapi-introspect-full.o'))]
    exe = os.path.join(out, 'round-trip')
    proc = subprocess.run([CC, '-o', exe] + prog_obj + linux_objs + others
                          + [lib] + pkg_libs(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if not tap.ok(not errors and not errors2 and proc.returncode == 0,
                  'round-trip program links against the runtime',
                  errors + errors2 + proc.stdout):
        tap.done()
    for typ, doc, expected in SAMPLES:
        run = subprocess.run([exe, typ, doc], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        if expected is None:
            tap.ok(run.returncode == 1 and run.stdout.startswith('ERROR'),
                   'rejects %s %s' % (typ, doc), run.stdout)
            continue
        try:
            same = json.loads(run.stdout) == json.loads(expected)
        except ValueError:
            same = False
        tap.ok(run.returncode == 0 and same,
               'round trip %s %s' % (typ, doc), run.stdout)
    tap.done()


if __name__ == '__main__':
    main()
