# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Unions back end: which members belong to which branch of each flat union.

The input visitor visits only the selected branch, so on its own it cannot
tell a member of another branch from a member no schema has.  This table
(<prefix>qapi-unions-<main module>.{c,h}, one QapiUnionInfo per union, see
qapi/input-policy.h) tells it, without a line added to the generated
visitors: a program hands the table to the visitor in its input policy.
The same table tells the visitor which enum members are union tags: a
member with the tag's name and enum table, visited in a JSON object whose
C object has one of the sizes listed for the union (sizeof the union and
of every union that has it as a branch; 0 where the members are visited
without a C object of their own: an alternate's branch, a boxed command
argument).
"""

from __future__ import annotations

import os
from typing import Dict, List, Optional, Set, Tuple

from .common import c_enum_const, c_name, mcgen
from .gen import QAPISchemaMonolithicCVisitor
from .schema import (
    QAPISchema,
    QAPISchemaAlternatives,
    QAPISchemaBranches,
    QAPISchemaEnumType,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
)
from .source import QAPISourceInfo


def _c_string(text: str) -> str:
    """@text as a C string literal (schema names are plain ASCII)."""
    return '"%s"' % text.replace('\\', '\\\\').replace('"', '\\"')


def _member_array(var: str, members: List[QAPISchemaObjectTypeMember]) -> str:
    ret = mcgen('''

static const char *const %(var)s[] = {
''',
                var=var)
    for memb in members:
        ret += memb.ifcond.gen_if()
        ret += mcgen('''
    %(name)s,
''',
                     name=_c_string(memb.name))
        ret += memb.ifcond.gen_endif()
    ret += mcgen('''
    NULL,
};
''')
    return ret


class QAPISchemaGenUnionsVisitor(QAPISchemaMonolithicCVisitor):

    def __init__(self, prefix: str, main_name: str) -> None:
        super().__init__(prefix, 'qapi-unions-' + main_name,
                         ' * The members of each union branch')
        self._var = c_name(prefix + main_name, False) + '_qapi_unions'
        self._types_header = prefix + 'qapi-types.h'
        self._entries = ''
        # unions in schema order, with their 'if'
        self._unions: List[Tuple[str, QAPISchemaIfCond]] = []
        # union -> the unions having it as a branch
        self._parents: Dict[str, List[str]] = {}
        # unions whose members are also visited with no C object of
        # their own (alternate branches, boxed command arguments)
        self._bare: Set[str] = set()

    def visit_begin(self, schema: QAPISchema) -> None:
        self._genc.add(mcgen('''
#include "%(header)s"
#include "%(types)s"
''',
                             header=self._genh.fname,
                             types=self._types_header))

    def _frames(self, name: str, seen: Set[str]) -> Tuple[List[str], bool]:
        """The unions whose C object holds @name's members (@name and
        its parents, outermost last), and whether some visit of them has
        no C object."""
        names = [name]
        bare = name in self._bare
        for parent in self._parents.get(name, []):
            if parent in seen:
                continue
            seen.add(parent)
            more, more_bare = self._frames(parent, seen)
            names += [n for n in more if n not in names]
            bare = bare or more_bare
        return names, bare

    def _gen_frames(self) -> str:
        ifconds = dict(self._unions)
        ret = ''
        for name, ifcond in self._unions:
            names, bare = self._frames(name, {name})
            ret += ifcond.gen_if()
            ret += mcgen('''

static const size_t %(c_name)s_frames[] = {
''',
                         c_name=c_name(name))
            for frame in names:
                # the union's own 'if' already holds around the array
                cond = ifconds[frame] if frame != name else None
                ret += cond.gen_if() if cond else ''
                ret += mcgen('''
    sizeof(%(c_name)s),
''',
                             c_name=c_name(frame))
                ret += cond.gen_endif() if cond else ''
            if bare:
                ret += mcgen('''
    0,
''')
            ret += mcgen('''
};
''')
            ret += ifcond.gen_endif()
        return ret

    def visit_end(self) -> None:
        self._genc.add(self._gen_frames())
        self._genh.add(mcgen('''
#include "qapi/input-policy.h"

/*
 * Every flat union of the schema with the members of each branch, for
 * QapiInputPolicy.unions; ends with an entry whose name is NULL.
 */
extern const QapiUnionInfo %(var)s[];
''',
                             var=self._var))
        self._genc.add(mcgen('''

const QapiUnionInfo %(var)s[] = {
''',
                             var=self._var))
        self._genc.add(self._entries)
        self._genc.add(mcgen('''
    { NULL, NULL, NULL, NULL, 0, NULL, 0 },
};
'''))

    def visit_object_type(self, name: str, info: Optional[QAPISourceInfo],
                          ifcond: QAPISchemaIfCond,
                          features: List[QAPISchemaFeature],
                          base: Optional[QAPISchemaObjectType],
                          members: List[QAPISchemaObjectTypeMember],
                          branches: Optional[QAPISchemaBranches]) -> None:
        if not branches:
            return
        tag = branches.tag_member
        assert isinstance(tag.type, QAPISchemaEnumType)
        cname = c_name(name)
        self._unions.append((name, ifcond))
        for var in branches.variants:
            if self._is_union(var.type):
                self._parents.setdefault(var.type.name, []).append(name)
        code = ifcond.gen_if()
        rows = ''
        for var in branches.variants:
            assert isinstance(var.type, QAPISchemaObjectType)
            array = '%s_%s_members' % (cname, c_name(var.name, False))
            code += var.ifcond.gen_if()
            code += _member_array(array, var.type.members)
            code += var.ifcond.gen_endif()
            rows += var.ifcond.gen_if()
            rows += mcgen('''
    { %(case)s, %(case_name)s, %(array)s },
''',
                          case=c_enum_const(tag.type.name, var.name,
                                            tag.type.prefix),
                          case_name=_c_string(var.name), array=array)
            rows += var.ifcond.gen_endif()
        code += mcgen('''

/* Ends with a terminator that n_branches does not count. */
static const QapiUnionBranch %(c_name)s_branches[] = {
''',
                      c_name=cname)
        code += rows
        code += mcgen('''
    { 0, NULL, NULL },
};
''')
        code += ifcond.gen_endif()
        self._genc.add(code)
        self._entries += ifcond.gen_if()
        self._entries += mcgen('''
    { %(name)s, %(tag)s, &%(tag_type)s_lookup, %(c_name)s_branches,
      G_N_ELEMENTS(%(c_name)s_branches) - 1,
      %(c_name)s_frames, G_N_ELEMENTS(%(c_name)s_frames) },
''',
                               name=_c_string(name), tag=_c_string(tag.name),
                               tag_type=c_name(tag.type.name),
                               c_name=cname)
        self._entries += ifcond.gen_endif()

    @staticmethod
    def _is_union(typ: Optional[QAPISchemaType]) -> bool:
        return (isinstance(typ, QAPISchemaObjectType)
                and typ.branches is not None)

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        for var in alternatives.variants:
            if self._is_union(var.type):
                self._bare.add(var.type.name)

    def visit_command(self, name: str, info: Optional[QAPISourceInfo],
                      ifcond: QAPISchemaIfCond,
                      features: List[QAPISchemaFeature],
                      arg_type: Optional[QAPISchemaObjectType],
                      ret_type: Optional[QAPISchemaType], gen: bool,
                      success_response: bool, boxed: bool, allow_oob: bool,
                      allow_preconfig: bool, coroutine: bool) -> None:
        if boxed and arg_type and self._is_union(arg_type):
            self._bare.add(arg_type.name)


def gen_unions(schema: QAPISchema, output_dir: str, prefix: str) -> None:
    main_name = os.path.splitext(os.path.basename(schema.fname))[0]
    vis = QAPISchemaGenUnionsVisitor(prefix, main_name)
    schema.visit(vis)
    vis.write(output_dir)
