# SPDX-License-Identifier: LGPL-2.1-or-later
"""Dump a checked schema in the text format of QEMU's test-qapi.py.

QEMU's schema test suite stores, for every valid case, the schema as its
test harness prints it (the .out files); producing the same text lets us
compare our front end and model with QEMU's line by line.  The format:
one line per module, include and entity in definition order (built-in
types and arrays are left out), indented detail lines for prefixes,
members, branches, flags, conditions and features, then every doc comment
block with its sections.

Run as a script: qapi_dump.py [options] SCHEMA.json prints the dump, or the
error message on stderr (exit status 1), like QEMU's test-qapi.py.
"""
from __future__ import annotations

import os
import sys
from typing import Any, List, Optional, Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))

from qapi.error import QAPIError  # noqa: E402
from qapi.schema import QAPISchema, QAPISchemaVisitor  # noqa: E402


def _cond_text(cond: Any) -> str:
    """An 'if' condition as QEMU's harness prints it: a bare name, or the
    Python repr of the all/any/not tree (dicts in source order)."""
    return cond if isinstance(cond, str) else repr(cond)


class SchemaDumper(QAPISchemaVisitor):
    """Collects the dump lines of the entities the schema visits."""

    def __init__(self) -> None:
        self.lines: List[str] = []

    def _out(self, text: str) -> None:
        self.lines.append(text)

    def _if(self, ifcond: Any, indent: int = 4) -> None:
        if ifcond is not None and ifcond.is_present():
            self._out('%sif %s' % (' ' * indent, _cond_text(ifcond.ifcond)))

    def _features(self, features: Optional[Sequence[Any]],
                  indent: int = 4) -> None:
        for feat in features or ():
            self._out('%sfeature %s' % (' ' * indent, feat.name))
            self._if(feat.ifcond, indent + 4)

    def _variants(self, variants: Any) -> None:
        if not variants:
            return
        self._out('    tag %s' % variants.tag_member.name)
        for var in variants.variants:
            self._out('    case %s: %s' % (var.name, var.type.name))
            self._if(var.ifcond, 8)

    def visit_module(self, name: str) -> None:
        self._out('module %s' % name)

    def visit_include(self, name: str, info: Any) -> None:
        self._out('include %s' % name)

    def visit_enum_type(self, name: str, info: Any, ifcond: Any,
                        features: Any, members: Any, prefix: Any) -> None:
        self._out('enum %s' % name)
        if prefix:
            self._out('    prefix %s' % prefix)
        for memb in members:
            self._out('    member %s' % memb.name)
            self._if(memb.ifcond, 8)
            self._features(getattr(memb, 'features', None), 8)
        self._if(ifcond)
        self._features(features)

    def visit_array_type(self, name: str, info: Any, ifcond: Any,
                         element_type: Any) -> None:
        if not info:
            return      # built-in arrays are not dumped
        self._out('array %s %s' % (name, element_type.name))
        self._if(ifcond)

    def visit_object_type(self, name: str, info: Any, ifcond: Any,
                          features: Any, base: Any, members: Any,
                          branches: Any) -> None:
        self._out('object %s' % name)
        if base:
            self._out('    base %s' % base.name)
        for memb in members:
            self._out('    member %s: %s optional=%s'
                      % (memb.name, memb.type.name, memb.optional))
            self._if(memb.ifcond, 8)
            self._features(getattr(memb, 'features', None), 8)
        self._variants(branches)
        self._if(ifcond)
        self._features(features)

    def visit_alternate_type(self, name: str, info: Any, ifcond: Any,
                             features: Any, alternatives: Any) -> None:
        self._out('alternate %s' % name)
        self._variants(alternatives)
        self._if(ifcond)
        self._features(features)

    def visit_command(self, name: str, info: Any, ifcond: Any,
                      features: Any, arg_type: Any, ret_type: Any,
                      gen: bool, success_response: bool, boxed: bool,
                      allow_oob: bool, allow_preconfig: bool,
                      coroutine: bool) -> None:
        self._out('command %s %s -> %s'
                  % (name, arg_type.name if arg_type else None,
                     ret_type.name if ret_type else None))
        self._out('    gen=%s success_response=%s boxed=%s oob=%s '
                  'preconfig=%s%s'
                  % (gen, success_response, boxed, allow_oob,
                     allow_preconfig, ' coroutine=True' if coroutine else ''))
        self._if(ifcond)
        self._features(features)

    def visit_event(self, name: str, info: Any, ifcond: Any, features: Any,
                    arg_type: Any, boxed: bool) -> None:
        self._out('event %s %s' % (name, arg_type.name if arg_type else None))
        self._out('    boxed=%s' % boxed)
        self._if(ifcond)
        self._features(features)


def dump_docs(docs: Sequence[Any]) -> List[str]:
    lines: List[str] = []
    for doc in docs:
        if doc.symbol:
            lines.append('doc symbol=%s' % doc.symbol)
        else:
            lines.append('doc freeform')
        lines.append('    body=\n%s' % doc.body.text)
        for name, section in doc.args.items():
            lines.append('    arg=%s\n%s' % (name, section.text))
        for name, section in doc.features.items():
            lines.append('    feature=%s\n%s' % (name, section.text))
        for section in doc.sections:
            lines.append('    section=%s\n%s' % (section.kind, section.text))
    return lines


def dump_schema(fname: str, **options: Any) -> str:
    """The dump of schema @fname; raises QAPIError when it is invalid."""
    schema = QAPISchema(fname, **options)
    dumper = SchemaDumper()
    schema.visit(dumper)
    return '\n'.join(dumper.lines + dump_docs(schema.docs)) + '\n'


def main(argv: List[str]) -> int:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-I', dest='include_path', action='append',
                        default=[], metavar='DIR')
    parser.add_argument('--pragma-file', metavar='FILE')
    parser.add_argument('--no-doc-checks', action='store_true')
    parser.add_argument('--doc-style', action='store_true')
    parser.add_argument('schema')
    args = parser.parse_args(argv)
    try:
        text = dump_schema(args.schema, include_path=args.include_path,
                           pragma_file=args.pragma_file,
                           doc_checks=not args.no_doc_checks,
                           doc_style=args.doc_style)
    except QAPIError as err:
        print(err, file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
