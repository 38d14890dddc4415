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

import gc
import os
import sys

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Optional

    from .backend import QAPIBackend

# Kept here rather than imported from backend.py: argument errors and
# --help then load nothing else.
OUTPUTS = ('types', 'features', 'visit', 'commands', 'events', 'introspect',
           'introspect-full', 'jsonschema', 'unions', 'doc', 'client')

# What QEMU's qapi-gen accepts as --prefix: it becomes part of file names
# and C identifiers, so no '/', blank or other punctuation.  A letter, '_',
# '.' or '-' first, then digits too (checked without re: start-up).
_PREFIX_FIRST = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
                          '_.-')
_PREFIX_REST = _PREFIX_FIRST | frozenset('0123456789')

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
    for index, char in enumerate(prefix):
        if char not in (_PREFIX_REST if index else _PREFIX_FIRST):
            return "funny character '%s' in argument of --prefix" % char
    return None


class Options:
    """The parsed command line (what argparse's Namespace would hold)."""

    def __init__(self) -> None:
        self.builtins = False
        self.output_dir = ''
        self.prefix = ''
        self.unmask = False
        self.backend: Optional[str] = None
        self.suppress_tracing = False
        self.outputs: List[str] = []
        self.builtins_only = False
        self.include_dir: List[str] = []
        self.pragma_file: Optional[str] = None
        self.no_doc_checks = False
        self.doc_style = False
        self.json_schema_root: Optional[str] = None
        self.json_schema_rules: Optional[str] = None
        self.man_template: Optional[str] = None
        self.client_since: List[str] = []
        self.schema = ''
        self.output_names: List[str] = []


# The options a plain command line spells out in full, by attribute:
# flags, options taking a value, options whose values accumulate.
_FLAGS = {'-b': 'builtins', '--builtins': 'builtins',
          '-u': 'unmask', '--unmask-non-abi-names': 'unmask',
          '--suppress-tracing': 'suppress_tracing',
          '--builtins-only': 'builtins_only',
          '--no-doc-checks': 'no_doc_checks', '--doc-style': 'doc_style'}
_VALUED = {'-o': 'output_dir', '--output-dir': 'output_dir',
           '-p': 'prefix', '--prefix': 'prefix',
           '-B': 'backend', '--backend': 'backend',
           '--pragma-file': 'pragma_file',
           '--json-schema-root': 'json_schema_root',
           '--json-schema-rules': 'json_schema_rules',
           '--man-template': 'man_template'}
_APPENDED = {'--outputs': 'outputs', '-I': 'include_dir',
             '--include-dir': 'include_dir', '--client-since': 'client_since'}


def _quick_args(argv: List[str]) -> Optional[Options]:
    """@argv parsed without argparse, when it is plain and valid.

    argparse costs more start-up than generating a small schema.  A
    command line of whole option names, separate values and one schema
    file is read here; anything else (--help, an abbreviation, '=' or an
    attached value, a missing or dash-led value, a bad --outputs name, a
    conflict) is None, and argparse then reads it, errors and all.
    """
    opts = Options()
    schema = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg in _FLAGS:
            setattr(opts, _FLAGS[arg], True)
        elif arg in _VALUED or arg in _APPENDED:
            if i == len(argv) or argv[i].startswith('-'):
                return None
            if arg in _VALUED:
                setattr(opts, _VALUED[arg], argv[i])
            else:
                getattr(opts, _APPENDED[arg]).append(argv[i])
            i += 1
        elif arg.startswith('-') or schema is not None:
            return None
        else:
            schema = arg
    if schema is None:
        return None
    opts.schema = schema
    for item in opts.outputs:
        opts.output_names.extend(item.split(','))
    if any(name not in OUTPUTS for name in opts.output_names):
        return None
    if opts.backend is not None and (opts.output_names or opts.builtins_only
                                     or opts.json_schema_root
                                     or opts.json_schema_rules
                                     or opts.man_template
                                     or opts.client_since):
        return None
    return opts


def _parse_args(argv: Optional[List[str]]) -> Options:
    if argv is None:
        argv = sys.argv[1:]
    quick = _quick_args(argv)
    if quick is not None:
        return quick
    return _argparse_args(argv)


def _argparse_args(argv: List[str]) -> Options:
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
    parser.add_argument('--client-since', action='append', default=[],
                        metavar='NAME=VERSION',
                        help="output 'client': take VERSION for definition "
                             "NAME's 'Since:' (where the documentation is "
                             "wrong)")
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
                                     or args.man_template
                                     or args.client_since):
        parser.error('--outputs, --builtins-only, --json-schema-root, '
                     '--json-schema-rules, --man-template and --client-since '
                     'are for the built-in back end: not with -B')
    opts = Options()
    opts.__dict__.update(vars(args))
    opts.output_names = names
    return opts


def _backend(args: Options) -> QAPIBackend:
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
                        args.man_template, args.json_schema_rules,
                        args.client_since)


class SchemaError(Exception):
    """A QAPIError from reading or checking the schema (as QEMU prints)."""


def generate(args: Options) -> None:
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
    # The run builds its objects once and keeps nearly all of them to the
    # end: the cyclic garbage collector, which would walk them again and
    # again as they pile up, costs more than the few cycles it would free
    # in a run this short.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Optional[List[str]]) -> int:
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
