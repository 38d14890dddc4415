# SPDX-License-Identifier: LGPL-2.1-or-later
"""
qapi-gen: generate C code (and more) from a QAPI schema.

Output layout.  Like QEMU, the C back ends write one .c/.h pair per schema
module (qapi-types-<module>.{c,h}, qapi-visit-<module>.{c,h}): a schema
split over several files (QEMU's own has 46) then compiles in pieces, and
code that needs one module's types includes only that module's header.
Unlike QEMU, the main module is suffixed too (qapi-types-firmware.h), and
a per-schema entry header (<prefix>qapi-types.h, <prefix>qapi-visit.h)
includes it.  With -b, the built-in module goes to qapi-builtin-types and
qapi-builtin-visit, shared by every schema (our runtime library holds
them).  Introspection data is one pair per schema
(<prefix>qapi-introspect-<main module>.{c,h}); the JSON Schema is one file
(<prefix><main module>.schema.json).  The unions back end writes one pair
per schema too (<prefix>qapi-unions-<main module>.{c,h}: the members of
each union branch, for the input visitor's policy).  Files are rewritten
only when their content changes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import List, Optional

BACKENDS = ('types', 'visit', 'introspect', 'jsonschema', 'unions', 'doc')
DEFAULT_BACKENDS = ('types', 'visit', 'introspect')

# What QEMU's qapi-gen accepts as --prefix: it becomes part of file names
# and C identifiers, so no '/', blank or other punctuation.
_PREFIX = re.compile(r'(?:[A-Za-z_.-][A-Za-z0-9_.-]*)?')


def check_prefix(prefix: str) -> Optional[str]:
    """None when @prefix is acceptable, else the error message."""
    match = _PREFIX.match(prefix)
    assert match                # every string starts with a match
    end = match.end()
    if end != len(prefix):
        return "funny character '%s' in argument of --prefix" % prefix[end]
    return None


def _parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog='qapi-gen',
        description='Generate code from a QAPI schema')
    parser.add_argument('-o', '--output-dir', default='',
                        help='write output to directory OUTPUT_DIR')
    parser.add_argument('-p', '--prefix', default='',
                        help='prefix for generated file and symbol names')
    parser.add_argument('-b', '--builtins', action='store_true',
                        help='also generate code for the built-in types')
    parser.add_argument('--builtins-only', action='store_true',
                        help='generate only the built-in types '
                             '(implies -b)')
    parser.add_argument('-I', '--include-dir', action='append', default=[],
                        metavar='DIR',
                        help='search DIR for included schema files')
    parser.add_argument('--backend', action='append', default=[],
                        metavar='NAME,...',
                        help='back ends to run: ' + ', '.join(BACKENDS)
                        + ' (default: ' + ','.join(DEFAULT_BACKENDS) + ')')
    parser.add_argument('--pragma-file', metavar='FILE',
                        help='read pragmas from FILE first')
    parser.add_argument('--no-doc-checks', action='store_true',
                        help='do not check doc comments')
    parser.add_argument('--doc-style', action='store_true',
                        help='also check doc comment style')
    parser.add_argument('--json-schema-root', metavar='TYPE',
                        help='root type of the JSON Schema '
                             '(default: none, only $defs)')
    parser.add_argument('--man-template', metavar='NAME.SECTION.in',
                        help="back end 'doc': man page template, with a "
                             "line '@DEFINITIONS@' for the reference")
    parser.add_argument('schema', help='the schema file')
    args = parser.parse_args(argv)
    names: List[str] = []
    for item in args.backend:
        names.extend(item.split(','))
    for name in names:
        if not name:
            parser.error("empty back end name in --backend (known: %s)"
                         % ', '.join(BACKENDS))
        if name not in BACKENDS:
            parser.error("unknown back end '%s' (known: %s)"
                         % (name, ', '.join(BACKENDS)))
    args.backends = names or list(DEFAULT_BACKENDS)
    if args.builtins_only:
        args.builtins = True
    return args


def generate(args: argparse.Namespace) -> None:
    # Imports are local so that '--help' and argument errors stay fast.
    from .schema import QAPISchema

    schema = QAPISchema(args.schema, include_path=args.include_dir,
                        pragma_file=args.pragma_file,
                        doc_checks=not args.no_doc_checks,
                        doc_style=args.doc_style)
    out = args.output_dir
    if out:
        from .gen import make_dirs
        make_dirs(out)
    only = args.builtins_only
    if 'types' in args.backends:
        from .types import gen_types
        gen_types(schema, out, args.prefix, args.builtins, only)
    if 'visit' in args.backends:
        from .visit import gen_visit
        gen_visit(schema, out, args.prefix, args.builtins, only)
    if only:
        return
    if 'introspect' in args.backends:
        from .introspect import gen_introspect
        gen_introspect(schema, out, args.prefix)
    if 'unions' in args.backends:
        from .unions import gen_unions
        gen_unions(schema, out, args.prefix)
    if 'jsonschema' in args.backends:
        from .jsonschema import gen_jsonschema
        gen_jsonschema(schema, out, args.prefix, args.json_schema_root)
    if 'doc' in args.backends:
        from .docgen import gen_docs
        gen_docs(schema, out, args.prefix, args.man_template)


def main(argv: Optional[List[str]] = None) -> int:
    args = _parse_args(argv)
    prog = os.path.basename(sys.argv[0])
    msg = check_prefix(args.prefix)
    if msg:
        print('%s: %s' % (prog, msg), file=sys.stderr)
        return 1
    from .error import QAPIError
    try:
        generate(args)
    except QAPIError as err:
        print('%s: %s' % (prog, err), file=sys.stderr)
        return 1
    except OSError as err:
        # Creating the output directory or writing a file failed.
        what = err.filename if err.filename is not None else args.output_dir
        print("%s: cannot write '%s': %s"
              % (prog, what, err.strerror or err), file=sys.stderr)
        return 1
    return 0
