#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Unit tests of the generator front end's API (parser, expr, QAPIDoc); TAP.

What the schema model relies on and QEMU's suite does not pin down: the
parser's output (expressions in order, include entries, normal forms),
pragma scope, the doc options, error text layout, QAPIDoc's stub sections.
Each test writes its schema files into a fresh temporary directory.
"""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from typing import Callable, Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                'scripts'))

from qapi.doc import QAPIDoc  # noqa: E402
from qapi.error import QAPIError, QAPISemError  # noqa: E402
from qapi.expr import check_exprs  # noqa: E402
from qapi.parser import QAPISchemaParser  # noqa: E402
from qapi.source import QAPISourceInfo  # noqa: E402

TESTS: List[Callable[[], None]] = []


def test(func: Callable[[], None]) -> Callable[[], None]:
    TESTS.append(func)
    return func


def write(files: Dict[str, str]) -> str:
    """Write @files into a new directory; return its path."""
    top = tempfile.mkdtemp(prefix='qapi-fe-')
    for name, text in files.items():
        path = os.path.join(top, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
    return top


def error_of(func: Callable[[], object]) -> str:
    try:
        func()
    except QAPIError as err:
        return str(err)
    raise AssertionError('no error')


@test
def expressions_keep_order_and_include_entries() -> None:
    top = write({
        'main.json': "{ 'enum': 'A', 'data': [] }\n"
                     "{ 'include': 'sub/inc.json' }\n"
                     "{ 'enum': 'C', 'data': [] }\n",
        'sub/inc.json': "{ 'enum': 'B', 'data': [] }\n"})
    parser = QAPISchemaParser(os.path.join(top, 'main.json'))
    seen = [e.get('enum') or e.get('include') for e in parser.exprs]
    assert seen == ['A', os.path.join(top, 'sub/inc.json'), 'B', 'C'], seen
    assert [e.info.line for e in parser.exprs] == [1, 2, 1, 3]
    assert parser.exprs[2].info.parent is parser.exprs[1].info


@test
def repeated_include_is_read_once_but_recorded() -> None:
    top = write({'main.json': "{ 'include': 'a.json' }\n"
                              "{ 'include': 'a.json' }\n",
                 'a.json': "{ 'enum': 'A', 'data': [] }\n"})
    parser = QAPISchemaParser(os.path.join(top, 'main.json'))
    kinds = ['include' if 'include' in e else e['enum']
             for e in parser.exprs]
    assert kinds == ['include', 'A', 'include'], kinds


@test
def include_path_is_tried_in_order_after_the_includer() -> None:
    top = write({'main.json': "{ 'include': 'x.json' }\n",
                 'one/x.json': "{ 'enum': 'One', 'data': [] }\n",
                 'two/x.json': "{ 'enum': 'Two', 'data': [] }\n"})
    main = os.path.join(top, 'main.json')
    for dirs, want in ((['one', 'two'], 'One'), (['two', 'one'], 'Two')):
        parser = QAPISchemaParser(
            main, include_path=[os.path.join(top, d) for d in dirs])
        assert parser.exprs[1]['enum'] == want
    msg = error_of(lambda: QAPISchemaParser(main))
    assert msg.endswith("can't read include file '%s': No such file or "
                        "directory" % os.path.join(top, 'x.json')), msg


@test
def pragmas_apply_to_included_modules_and_pragma_file_comes_first() -> None:
    top = write({
        'main.json': "{ 'include': 'sub.json' }\n",
        'sub.json': "{ 'command': 'old_name' }\n",
        'p.json': "{ 'pragma': { 'command-name-exceptions': "
                  "[ 'old_name' ] } }\n",
        'main2.json': "{ 'pragma': { 'command-name-exceptions': [] } }\n"
                      "{ 'include': 'sub.json' }\n"})
    main = os.path.join(top, 'main.json')
    msg = error_of(lambda: check_exprs(QAPISchemaParser(main).exprs))
    assert "name of command must not use uppercase or '_'" in msg, msg
    parser = QAPISchemaParser(main, pragma_file=os.path.join(top, 'p.json'))
    check_exprs(parser.exprs)
    # The schema's own pragma, read later, overrides the pragma file's.
    parser = QAPISchemaParser(os.path.join(top, 'main2.json'),
                              pragma_file=os.path.join(top, 'p.json'))
    msg = error_of(lambda: check_exprs(parser.exprs))
    assert 'must not use' in msg, msg


@test
def no_doc_checks_builds_no_docs_and_ignores_doc_required() -> None:
    top = write({'main.json': "{ 'pragma': { 'doc-required': true } }\n"
                              "##\n# junk\n#bad line\n##\n"
                              "{ 'enum': 'Undocumented', 'data': [] }\n"})
    main = os.path.join(top, 'main.json')
    msg = error_of(lambda: QAPISchemaParser(main))
    assert msg.endswith('main.json:4:1: missing space after #'), msg
    parser = QAPISchemaParser(main, doc_checks=False)
    assert parser.docs == [] and parser.exprs[0].doc is None
    check_exprs(parser.exprs)


@test
def doc_style_rules_only_with_doc_style() -> None:
    long_line = '# ' + 'x' * 69 + '\n'
    top = write({'main.json': '##\n# @Foo:\n#\n' + long_line + '##\n'
                              "{ 'enum': 'Foo', 'data': [] }\n"})
    main = os.path.join(top, 'main.json')
    check_exprs(QAPISchemaParser(main).exprs)
    msg = error_of(lambda: QAPISchemaParser(main, doc_style=True))
    assert msg.endswith(':4:1: documentation line longer than 70 '
                        'characters'), msg


@test
def normal_forms_after_check_exprs() -> None:
    top = write({'main.json':
                 "{ 'enum': 'Ee', 'data': [ 'a', { 'name': 'b' } ] }\n"
                 "{ 'struct': 'Ss', 'data': { 'm': 'int', '*o': ['str'] },\n"
                 "  'features': [ 'f', { 'name': 'g', 'if': 'X' } ] }\n"})
    exprs = check_exprs(QAPISchemaParser(
        os.path.join(top, 'main.json')).exprs)
    assert exprs[0]['data'] == [{'name': 'a'}, {'name': 'b'}]
    assert exprs[1]['data'] == {'m': {'type': 'int'},
                                '*o': {'type': ['str']}}
    assert exprs[1]['features'] == [{'name': 'f'},
                                    {'name': 'g', 'if': 'X'}]


@test
def error_text_has_context_lines() -> None:
    parent = QAPISourceInfo('main.json', None).at_line(3)
    info = QAPISourceInfo('sub.json', parent).at_line(7)
    info.set_defn('struct', 'Foo')
    assert str(QAPISemError(info, 'bad')) == (
        'In file included from main.json:3:\n'
        "sub.json: In struct 'Foo':\n"
        'sub.json:7: bad')
    # Copies of an info don't share the definition they are in.
    assert parent.next_line().in_defn() == ''


@test
def syntax_errors_carry_columns_with_tab_stops() -> None:
    top = write({'main.json': "{ 'enum': 'E',\n\t'data' 'x' }\n"})
    msg = error_of(lambda: QAPISchemaParser(os.path.join(top, 'main.json')))
    assert msg.endswith("main.json:2:16: expected ':'"), msg


@test
def doc_sections_and_stubs() -> None:
    top = write({'main.json': "{ 'pragma': { 'documentation-exceptions':"
                              " [ 'cmd' ] } }\n"
                              "##\n# @cmd:\n#\n# @a: first\n#\n"
                              "# Errors: sometimes\n#\n# Since: 1.0\n##\n"
                              "{ 'command': 'cmd', 'data': { 'a': 'int',"
                              " 'b': 'int' }, 'returns': 'int' }\n"})
    parser = QAPISchemaParser(os.path.join(top, 'main.json'))
    check_exprs(parser.exprs)
    doc = parser.docs[0]
    assert doc.symbol == 'cmd' and list(doc.args) == ['a']
    assert doc.args['a'].info.line == 5
    assert doc.errors is not None and doc.errors.text == 'sometimes'
    assert doc.since is not None and doc.since.info.line == 9

    class Member:
        role = 'member'

        def __init__(self, name: str) -> None:
            self.name = name
            self.info = parser.exprs[0].info

    doc.connect_member(Member('a'))     # type: ignore[arg-type]
    doc.connect_member(Member('b'))     # type: ignore[arg-type]
    doc.ensure_returns(parser.exprs[0].info)
    kinds = [str(s.kind) for s in doc.all_sections]
    # The stub for 'b' follows 'a'; the stub 'Returns' follows them.
    assert kinds == ['Plain', 'Member', 'Member', 'Returns', 'Errors',
                     'Since'], kinds
    doc.check()


@test
def bogus_doc_member_is_reported_at_its_line() -> None:
    doc = QAPIDoc(QAPISourceInfo('f.json', None), 'Foo')
    doc.new_argument((QAPISourceInfo('f.json', None), 4), 'nope')
    msg = error_of(doc.check)
    assert msg == "f.json:4: documented member 'nope' does not exist", msg


def main() -> int:
    print('1..%d' % len(TESTS))
    for num, func in enumerate(TESTS, 1):
        name = func.__name__.replace('_', ' ')
        try:
            func()
        except Exception:       # report, and go on with the next test
            print('not ok %d - %s' % (num, name))
            for line in traceback.format_exc().splitlines():
                print('#   ' + line)
        else:
            print('ok %d - %s' % (num, name))
    return 0


if __name__ == '__main__':
    sys.exit(main())
