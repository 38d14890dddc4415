# SPDX-License-Identifier: LGPL-2.1-or-later
"""
qapi-gen: generate C code (and more) from a QAPI schema.

The command line is QEMU 10's (-o -p -b -u -B --suppress-tracing, same
meanings), and so are the files: one .c/.h pair per schema module and
output (qapi-types, qapi-visit, qapi-commands, qapi-events; the main
module's unsuffixed, an included module's suffixed with its name), plus
qapi-init-commands, qapi-emit-events, qapi-features and qapi-introspect
(QEMU's query-qmp-schema data) for the whole schema, and with -b the
built-in types' qapi-builtin-types and qapi-builtin-visit.  Our own options select outputs (--outputs, which
QEMU spells as a -B module), search include directories, read pragmas
first and tune the doc comment checks.  Four outputs are ours alone:
introspect-full, the whole schema as SchemaInfo data in
<prefix>qapi-introspect-full.{c,h} (every type, integer types by
their own names, nothing masked); jsonschema, a JSON Schema in
<main module>.schema.json (no prefix); unions, the members of each union
branch for the input visitor's policy, in
<prefix>qapi-unions-<main module>.{c,h}; doc, the doc comments as
Markdown and a man page (--man-template).

Errors in the schema are printed as QEMU prints them, each line starting
with its location (FILE:LINE: message) so that editors can jump to it;
errors of the program itself (an option, an output file, a -B module) are
prefixed with the program name.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, List, Optional

if TYPE_CHECKING:
    import argparse

    from .backend import QAPIBackend

# Kept here rather than imported from backend.py: argument errors and
# --help then load nothing else.
OUTPUTS = ('types', 'features', 'visit', 'commands', 'events', 'introspect',
           'introspect-full', 'jsonschema', 'unions', 'doc', 'client')

# What QEMU's qapi-gen accepts as --prefix: it becomes part of file names
# and C identifiers, so no '/', blank or other punctuation.
_PREFIX = re.compile(r'(?:[A-Za-z_.-][A-Za-z0-9_.-]*)?')

_EPILOG = '''\
QEMU's options (-o, -p, -b, -u, -B, --suppress-tracing) mean what they mean
for QEMU 10's scripts/qapi-gen.py.  --suppress-tracing changes nothing: this
generator never writes trace events.  Before QEMU's -B took the name, our
--backend NAME,... chose the outputs; that is now --outputs NAME,...
(outputs: %s; default: QEMU's, all up to introspect).
introspect is QEMU's query-qmp-schema data (names masked unless -u);
introspect-full the whole schema, every type under its own name.
''' % ', '.join(OUTPUTS)


def check_prefix(prefix: str) -> Optional[str]:
    """None when @prefix is acceptable, else the error message."""
    match = _PREFIX.match(prefix)
    assert match                # every string starts with a match
    end = match.end()
    if end != len(prefix):
        return "funny character '%s' in argument of --prefix" % prefix[end]
    return None


def _parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    import argparse

    class Formatter(argparse.RawDescriptionHelpFormatter):
        # A fixed width: argparse would otherwise ask the terminal (and
        # import shutil) for every option added.
        def __init__(self, prog: str) -> None:
            super().__init__(prog, width=78)

    parser = argparse.ArgumentParser(
        prog='qapi-gen',
        description='Generate code from a QAPI schema',
        epilog=_EPILOG, formatter_class=Formatter)
    parser.add_argument('-b', '--builtins', action='store_true',
                        help='generate code for built-in types')
    parser.add_argument('-o', '--output-dir', default='',
                        help='write output to directory OUTPUT_DIR')
    parser.add_argument('-p', '--prefix', default='',
                        help='prefix for generated file and symbol names')
    parser.add_argument('-u', '--unmask-non-abi-names', action='store_true',
                        dest='unmask',
                        help='expose non-ABI names in introspection')
    parser.add_argument('-B', '--backend', metavar='MODULE.CLASS',
                        help='generate with the back end class CLASS of '
                             'Python module MODULE (a qapi.backend.'
                             'QAPIBackend, as for QEMU)')
    parser.add_argument('--suppress-tracing', action='store_true',
                        help='accepted for QEMU compatibility; no effect '
                             '(no trace events are ever generated)')
    parser.add_argument('--outputs', action='append', default=[],
                        metavar='NAME,...',
                        help='write only these outputs of the built-in '
                             'back end: ' + ', '.join(OUTPUTS))
    parser.add_argument('--builtins-only', action='store_true',
                        help='generate only the built-in types '
                             '(implies -b)')
    parser.add_argument('-I', '--include-dir', action='append', default=[],
                        metavar='DIR',
                        help='search DIR for included schema files')
    parser.add_argument('--pragma-file', metavar='FILE',
                        help='read pragmas from FILE first')
    parser.add_argument('--no-doc-checks', action='store_true',
                        help='do not check doc comments')
    parser.add_argument('--doc-style', action='store_true',
                        help='also check doc comment style (line length, '
                             'two spaces between sentences), as QEMU 10.2 '
                             'always does')
    parser.add_argument('--json-schema-root', metavar='TYPE',
                        help='root type of the JSON Schema '
                             '(default: none, only $defs)')
    parser.add_argument('--json-schema-rules', metavar='FILE',
                        help='JSON object of type name: [subschema, ...] '
                             'added to the JSON Schema (prose rules)')
    parser.add_argument('--man-template', metavar='NAME.SECTION.in',
                        help="output 'doc': man page template, with a "
                             "line '@DEFINITIONS@' for the reference")
    parser.add_argument('schema', help='the schema file')
    args = parser.parse_args(argv)
    names: List[str] = []
    for item in args.outputs:
        names.extend(item.split(','))
    for name in names:
        if not name:
            parser.error("empty output name in --outputs (known: %s)"
                         % ', '.join(OUTPUTS))
        if name not in OUTPUTS:
            parser.error("unknown output '%s' (known: %s)"
                         % (name, ', '.join(OUTPUTS)))
    if args.backend is not None and (names or args.builtins_only
                                     or args.json_schema_root
                                     or args.json_schema_rules
                                     or args.man_template):
        parser.error('--outputs, --builtins-only, --json-schema-root, '
                     '--json-schema-rules and --man-template are for the '
                     'built-in back end: not with -B')
    args.output_names = names
    return args


def _backend(args: argparse.Namespace) -> QAPIBackend:
    if args.backend is not None:
        from .backend import create_backend
        if all(name in OUTPUTS for name in args.backend.split(',')):
            # Our --backend of old, before QEMU's -B took the name.
            from .error import QAPIError
            raise QAPIError("argument of -B must be of the form "
                            "MODULE.CLASS (to choose outputs: --outputs %s)"
                            % args.backend)
        return create_backend(args.backend)
    from .backend import DEFAULT_OUTPUTS, QAPICBackend
    return QAPICBackend(args.output_names or DEFAULT_OUTPUTS,
                        args.builtins_only, args.json_schema_root,
                        args.man_template, args.json_schema_rules)


class SchemaError(Exception):
    """A QAPIError from reading or checking the schema (as QEMU prints)."""


def generate(args: argparse.Namespace) -> None:
    from .error import QAPIError
    from .schema import QAPISchema
    try:
        schema = QAPISchema(args.schema, include_path=args.include_dir,
                            pragma_file=args.pragma_file,
                            doc_checks=not args.no_doc_checks,
                            doc_style=args.doc_style)
    except QAPIError as err:
        raise SchemaError(err) from err
    _backend(args).generate(schema, output_dir=args.output_dir,
                            prefix=args.prefix, unmask=args.unmask,
                            builtins=args.builtins,
                            gen_tracing=not args.suppress_tracing)


def main(argv: Optional[List[str]] = None) -> int:
    args = _parse_args(argv)
    prog = os.path.basename(sys.argv[0])
    msg = check_prefix(args.prefix)
    if msg:
        print('%s: %s' % (prog, msg), file=sys.stderr)
        return 1
    from .error import QAPIError, QAPISourceError
    try:
        generate(args)
    except (SchemaError, QAPISourceError) as err:
        # FILE:LINE: message after its context lines, as QEMU prints it.
        print(err, file=sys.stderr)
        return 1
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
