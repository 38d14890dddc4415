# SPDX-License-Identifier: LGPL-2.1-or-later
"""
C visitors back end: visit_type_X() and visit_type_X_members() for every
type, driving the runtime through the contract in qapi/visitor.h.

The call sequence is QEMU's (start, members, check, end; visit_optional
for optional members; visit_policy_reject/skip for members with features,
passed as a mask of QAPI_FEATURE_* bits), with GError in place of QEMU's
Error.  Alternates rely on the input visitor to set the QType tag in
visit_start_alternate(); a JSON type no branch takes is reported with
QEMU's error_setg() call, which qapi/qemu-compat.h (included by the
generated .c files only) hands to the visitor.  The code is QEMU's line
for line: the input visitor tells a union's tag from the generator's
unions table, not from a call of the generated code, and members functions
that use none of their parameters are left as QEMU has them (the compat
header turns -Wunused-parameter off).
"""

from __future__ import annotations

from typing import List, Optional

from .common import c_enum_const, c_name, indent, mcgen
from .gen import QAPISchemaModularCVisitor, gen_features, ifcontext
from .schema import (
    QAPISchema,
    QAPISchemaAlternatives,
    QAPISchemaBranches,
    QAPISchemaEnumMember,
    QAPISchemaEnumType,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
    QAPISchemaVariants,
)
from .source import QAPISourceInfo


def gen_visit_decl(name: str, scalar: bool = False) -> str:
    c_type = c_name(name) + ' *'
    if not scalar:
        c_type += '*'
    return mcgen('''

bool visit_type_%(c_name)s(Visitor *v, const char *name,
                 %(c_type)sobj, GError **errp);
''',
                 c_name=c_name(name), c_type=c_type)


def gen_visit_members_decl(name: str) -> str:
    return mcgen('''

bool visit_type_%(c_name)s_members(Visitor *v, %(c_name)s *obj, GError **errp);
''',
                 c_name=c_name(name))


def _gen_member(memb: QAPISchemaObjectTypeMember) -> str:
    """Visit one member: presence, feature policy, then its value."""
    cname = c_name(memb.name)
    ret = memb.ifcond.gen_if()
    opened = 0
    if memb.need_has():
        ret += mcgen('''
    if (visit_optional(v, "%(name)s", &obj->has_%(c_name)s)) {
''',
                     name=memb.name, c_name=cname)
        indent.increase()
        opened += 1
    elif memb.optional:
        ret += mcgen('''
    if (visit_optional(v, "%(name)s", &has_%(c_name)s)) {
''',
                     name=memb.name, c_name=cname)
        indent.increase()
        opened += 1
    features = gen_features(memb.features)
    if features != '0':
        ret += mcgen('''
    if (visit_policy_reject(v, "%(name)s", %(features)s, errp)) {
        return false;
    }
    if (!visit_policy_skip(v, "%(name)s", %(features)s)) {
''',
                     name=memb.name, features=features)
        indent.increase()
        opened += 1
    ret += mcgen('''
    if (!visit_type_%(c_type)s(v, "%(name)s", &obj->%(c_name)s, errp)) {
        return false;
    }
''',
                 c_type=memb.type.c_name(), name=memb.name, c_name=cname)
    for _ in range(opened):
        indent.decrease()
        ret += mcgen('''
    }
''')
    ret += memb.ifcond.gen_endif()
    return ret


def gen_visit_object_members(name: str,
                             base: Optional[QAPISchemaObjectType],
                             members: List[QAPISchemaObjectTypeMember],
                             branches: Optional[QAPISchemaBranches]) -> str:
    ret = mcgen('''

bool visit_type_%(c_name)s_members(Visitor *v, %(c_name)s *obj, GError **errp)
{
''',
                c_name=c_name(name))
    # Optional pointer members have no has_ flag: presence is non-NULL.
    sep = ''
    for memb in members:
        if memb.optional and not memb.need_has():
            ret += memb.ifcond.gen_if()
            ret += mcgen('''
    bool has_%(c_name)s = !!obj->%(c_name)s;
''',
                         c_name=c_name(memb.name))
            ret += memb.ifcond.gen_endif()
            sep = '\n'
    ret += sep
    if base:
        ret += mcgen('''
    if (!visit_type_%(c_type)s_members(v, (%(c_type)s *)obj, errp)) {
        return false;
    }
''',
                     c_type=base.c_name())
    for memb in members:
        ret += _gen_member(memb)
    if branches:
        tag_member = branches.tag_member
        assert isinstance(tag_member.type, QAPISchemaEnumType)
        ret += mcgen('''
    switch (obj->%(c_name)s) {
''',
                     c_name=c_name(tag_member.name))
        for var in branches.variants:
            case = c_enum_const(tag_member.type.name, var.name,
                                tag_member.type.prefix)
            ret += var.ifcond.gen_if()
            if var.type.name == 'q_empty':
                ret += mcgen('''
    case %(case)s:
        break;
''',
                             case=case)
            else:
                ret += mcgen('''
    case %(case)s:
        return visit_type_%(c_type)s_members(v, &obj->u.%(c_name)s, errp);
''',
                             case=case, c_type=var.type.c_name(),
                             c_name=c_name(var.name))
            ret += var.ifcond.gen_endif()
        ret += mcgen('''
    default:
        abort();
    }
''')
    ret += mcgen('''
    return true;
}
''')
    return ret


def gen_visit_list(name: str, element_type: QAPISchemaType) -> str:
    return mcgen('''

bool visit_type_%(c_name)s(Visitor *v, const char *name,
                 %(c_name)s **obj, GError **errp)
{
    bool ok = false;
    %(c_name)s *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (%(c_name)s *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_%(c_elt_type)s(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_%(c_name)s(*obj);
        *obj = NULL;
    }
    return ok;
}
''',
                 c_name=c_name(name), c_elt_type=element_type.c_name())


def gen_visit_enum(name: str) -> str:
    return mcgen('''

bool visit_type_%(c_name)s(Visitor *v, const char *name,
                 %(c_name)s *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &%(c_name)s_lookup, errp);
    *obj = value;
    return ok;
}
''',
                 c_name=c_name(name))


def gen_visit_alternate(name: str, variants: QAPISchemaVariants) -> str:
    ret = mcgen('''

bool visit_type_%(c_name)s(Visitor *v, const char *name,
                 %(c_name)s **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_alternate(v, name, (GenericAlternate **)obj,
                               sizeof(**obj), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    switch ((*obj)->type) {
''',
                c_name=c_name(name))
    for var in variants.variants:
        ret += var.ifcond.gen_if()
        ret += '    case %s:\n' % var.type.alternate_qtype()
        if isinstance(var.type, QAPISchemaObjectType):
            ret += mcgen('''
        if (!visit_start_struct(v, name, NULL, 0, errp)) {
            break;
        }
        if (visit_type_%(c_type)s_members(v, &(*obj)->u.%(c_name)s, errp)) {
            ok = visit_check_struct(v, errp);
        }
        visit_end_struct(v, NULL);
''',
                         c_type=var.type.c_name(), c_name=c_name(var.name))
        else:
            ret += mcgen('''
        ok = visit_type_%(c_type)s(v, name, &(*obj)->u.%(c_name)s, errp);
''',
                         c_type=var.type.c_name(), c_name=c_name(var.name))
        ret += '        break;\n'
        ret += var.ifcond.gen_endif()
    ret += mcgen('''
    case QTYPE_NONE:
        abort();
    default:
        assert(visit_is_input(v));
        error_setg(errp,
                   "Invalid parameter type for '%%s', expected: %(name)s",
                   name ? name : "null");
        /* no branch matched: free the bare struct, not qapi_free_%(c_name)s() */
        g_free(*obj);
        *obj = NULL;
    }
out_obj:
    visit_end_alternate(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_%(c_name)s(*obj);
        *obj = NULL;
    }
    return ok;
}
''',
                 name=name, c_name=c_name(name))
    return ret


def gen_visit_object(name: str) -> str:
    return mcgen('''

bool visit_type_%(c_name)s(Visitor *v, const char *name,
                 %(c_name)s **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(%(c_name)s), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_%(c_name)s_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_%(c_name)s(*obj);
        *obj = NULL;
    }
    return ok;
}
''',
                 c_name=c_name(name))


class QAPISchemaGenVisitVisitor(QAPISchemaModularCVisitor):

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 'qapi-visit',
                         ' * Visitor functions for the types of the schema',
                         ' * Visitor functions for the built-in types')

    def _begin_builtin_module(self) -> None:
        self._genc.preamble_add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include <assert.h>
#include <stdlib.h>

#include "qapi/error.h"
#include "qapi/qemu-compat.h"
#include "qapi/qapi-builtin-visit.h"
'''))
        self._genh.preamble_add(mcgen('''
#include "qapi/visitor.h"
#include "qapi/qapi-builtin-types.h"

'''))

    def _begin_user_module(self, name: str) -> None:
        types = self._module_basename('qapi-types', name)
        visit = self._module_basename('qapi-visit', name)
        self._genc.preamble_add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include <assert.h>
#include <stdlib.h>

#include "qapi/error.h"
#include "qapi/qemu-compat.h"
#include "%(visit)s.h"
#include "%(prefix)sqapi-features.h"
''',
                                      visit=visit, prefix=self._prefix))
        self._genh.preamble_add(mcgen('''
#include "qapi/qapi-builtin-visit.h"
#include "%(types)s.h"

''',
                                      types=types))

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_visit_decl(name, scalar=True))
            self._genc.add(gen_visit_enum(name))

    def visit_array_type(self, name: str, info: Optional[QAPISourceInfo],
                         ifcond: QAPISchemaIfCond,
                         element_type: QAPISchemaType) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_visit_decl(name))
            self._genc.add(gen_visit_list(name, element_type))

    def visit_object_type(self, name: str, info: Optional[QAPISourceInfo],
                          ifcond: QAPISchemaIfCond,
                          features: List[QAPISchemaFeature],
                          base: Optional[QAPISchemaObjectType],
                          members: List[QAPISchemaObjectTypeMember],
                          branches: Optional[QAPISchemaBranches]) -> None:
        if name == 'q_empty':
            return
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_visit_members_decl(name))
            self._genc.add(gen_visit_object_members(name, base, members,
                                                    branches))
            if not name.startswith('q_'):
                # Implicit types are visited inside their user, never
                # allocated on their own: they get no visit_type_X().
                self._genh.add(gen_visit_decl(name))
                self._genc.add(gen_visit_object(name))

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_visit_decl(name))
            self._genc.add(gen_visit_alternate(name, alternatives))


def gen_visit(schema: QAPISchema, output_dir: str, prefix: str,
              opt_builtins: bool, only_builtins: bool = False) -> None:
    vis = QAPISchemaGenVisitVisitor(prefix)
    schema.visit(vis)
    vis.write(output_dir, opt_builtins, only_builtins)
