# SPDX-License-Identifier: LGPL-2.1-or-later
"""
C types back end: enums with their lookup tables, structs, unions,
alternates, lists, and qapi_free_X() for every type a user can own.

Names are QEMU's (see common.c_name and c_enum_const); the layout of each
struct is QEMU's, with the QEMU >= 8.0 rule for has_ flags (only optional
members whose C type is not a pointer, plus arrays, get one).
"""

from __future__ import annotations


from .common import c_enum_const, c_name, mcgen
from .gen import QAPISchemaModularCVisitor, gen_features, ifcontext
from .schema import (
    QAPISchema,
    QAPISchemaAlternatives,
    QAPISchemaBranches,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
    QAPISchemaVariants,
)
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Optional, Set


def gen_enum_lookup(name: str, members: List[QAPISchemaEnumMember],
                    prefix: Optional[str] = None) -> str:
    max_index = c_enum_const(name, '_MAX', prefix)
    ret = mcgen('''

const QEnumLookup %(c_name)s_lookup = {
    .array = (const char *const[]) {
''',
                c_name=c_name(name))
    flagged = []
    for memb in members:
        index = c_enum_const(name, memb.name, prefix)
        ret += memb.ifcond.gen_if()
        ret += '        [%s] = "%s",\n' % (index, memb.name)
        ret += memb.ifcond.gen_endif()
        features = gen_features(memb.features)
        if features != '0':
            flagged.append((memb, index, features))
    ret += '    },\n'
    if flagged:
        ret += '    .features = (const uint64_t[%s]) {\n' % max_index
        for memb, index, features in flagged:
            ret += memb.ifcond.gen_if()
            ret += '        [%s] = %s,\n' % (index, features)
            ret += memb.ifcond.gen_endif()
        ret += '    },\n'
    ret += '    .size = %s\n};\n' % max_index
    return ret


def gen_enum(name: str, members: List[QAPISchemaEnumMember],
             prefix: Optional[str] = None) -> str:
    ret = mcgen('''

typedef enum %(c_name)s {
''',
                c_name=c_name(name))
    for memb in members:
        ret += memb.ifcond.gen_if()
        ret += '    %s,\n' % c_enum_const(name, memb.name, prefix)
        ret += memb.ifcond.gen_endif()
    ret += '    %s,\n' % c_enum_const(name, '_MAX', prefix)
    ret += '} %s;\n' % c_name(name)
    ret = _guard_json_glib(ret, name, members, prefix)
    ret += gen_enum_str_and_extern(name)
    return ret


# json-glib's GType macros that an enum constant can be named like (QEMU's
# JSONType has JSON_TYPE_OBJECT and JSON_TYPE_ARRAY).
_JSON_GLIB_MACROS = frozenset(
    'JSON_TYPE_%s' % t for t in ('NODE', 'OBJECT', 'ARRAY', 'PARSER',
                                 'GENERATOR', 'BUILDER', 'PATH', 'READER',
                                 'SERIALIZABLE'))


def _guard_json_glib(decl: str, name: str,
                     members: List[QAPISchemaEnumMember],
                     prefix: Optional[str]) -> str:
    """The enum @decl, declared whatever json-glib's header defined
    before it (its macros are set aside around it), plus QAPI_-prefixed
    names for the constants json-glib's macros hide once both are in."""
    clashes = [m for m in members
               if c_enum_const(name, m.name, prefix) in _JSON_GLIB_MACROS]
    if not clashes:
        return decl
    consts = [c_enum_const(name, m.name, prefix) for m in clashes]
    ret = '\n/* json-glib names GTypes like some of these constants. */\n'
    for const in consts:
        ret += '#pragma push_macro("%s")\n#undef %s\n' % (const, const)
    ret += decl.lstrip('\n')
    ret += '/* In a file that also includes json-glib: */\nenum {\n'
    for memb, const in zip(clashes, consts):
        ret += memb.ifcond.gen_if()
        ret += '    QAPI_%s = %s,\n' % (const, const)
        ret += memb.ifcond.gen_endif()
    ret += '};\n'
    for const in consts:
        ret += '#pragma pop_macro("%s")\n' % const
    return ret


def gen_enum_str_and_extern(name: str) -> str:
    return mcgen('''

#define %(c_name)s_str(val) \\
    qapi_enum_lookup(&%(c_name)s_lookup, (val))

extern const QEnumLookup %(c_name)s_lookup;
''',
                 c_name=c_name(name))


def gen_fwd_object_or_array(name: str) -> str:
    return mcgen('''

typedef struct %(c_name)s %(c_name)s;
''',
                 c_name=c_name(name))


def gen_array(name: str, element_type: QAPISchemaType) -> str:
    return mcgen('''

struct %(c_name)s {
    %(c_name)s *next;
    %(c_type)s value;
};
''',
                 c_name=c_name(name), c_type=element_type.c_type())


def gen_struct_members(members: List[QAPISchemaObjectTypeMember]) -> str:
    ret = ''
    for memb in members:
        ret += memb.ifcond.gen_if()
        if memb.need_has():
            ret += '    bool has_%s;\n' % c_name(memb.name)
        ret += mcgen('''
    %(c_type)s %(c_name)s;
''',
                     c_type=memb.type.c_type(), c_name=c_name(memb.name))
        ret += memb.ifcond.gen_endif()
    return ret


def gen_variants(variants: QAPISchemaVariants) -> str:
    ret = '    union { /* the branch @%s selects */\n' % c_name(
        variants.tag_member.name)
    for var in variants.variants:
        if var.type.name == 'q_empty':
            continue
        ret += var.ifcond.gen_if()
        ret += mcgen('''
        %(c_type)s %(c_name)s;
''',
                     c_type=var.type.c_unboxed_type(),
                     c_name=c_name(var.name))
        ret += var.ifcond.gen_endif()
    ret += '    } u;\n'
    return ret


def gen_upcast(name: str, base: QAPISchemaObjectType) -> str:
    # One function serves const and non-const callers, hence the cast.
    return mcgen('''

static inline %(base)s *qapi_%(c_name)s_base(const %(c_name)s *obj)
{
    return (%(base)s *)obj;
}
''',
                 c_name=c_name(name), base=base.c_name())


def gen_type_cleanup_decl(name: str) -> str:
    return mcgen('''

void qapi_free_%(c_name)s(%(c_name)s *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(%(c_name)s, qapi_free_%(c_name)s)
''',
                 c_name=c_name(name))


def gen_type_cleanup(name: str) -> str:
    return mcgen('''

void qapi_free_%(c_name)s(%(c_name)s *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_%(c_name)s(v, NULL, &obj, NULL);
    visit_free(v);
}
''',
                 c_name=c_name(name))


class QAPISchemaGenTypeVisitor(QAPISchemaModularCVisitor):

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 'qapi-types',
                         ' * C types for the definitions of the schema',
                         ' * C types for the built-in types and their lists')
        # Union branch types must be complete before the union that
        # embeds them: gen_object() emits them first, once.
        self._objects_seen: Set[str] = set()

    def _begin_builtin_module(self) -> None:
        self._genc.preamble_add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "qapi/dealloc-visitor.h"
#include "qapi/qapi-builtin-types.h"
#include "qapi/qapi-builtin-visit.h"
'''))
        self._genh.preamble_add(mcgen('''
#include "qapi/util.h"
'''))

    def _begin_user_module(self, name: str) -> None:
        types = self._module_basename('qapi-types', name)
        visit = self._module_basename('qapi-visit', name)
        self._genc.preamble_add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "qapi/dealloc-visitor.h"
#include "%(types)s.h"
#include "%(visit)s.h"
#include "%(prefix)sqapi-features.h"
''',
                                      types=types, visit=visit,
                                      prefix=self._prefix))
        self._genh.preamble_add(mcgen('''
#include "qapi/qapi-builtin-types.h"
'''))

    def _same_module(self, typ: QAPISchemaObjectType) -> bool:
        module = typ._module
        return module is None or module.name == self._current_module

    def visit_begin(self, schema: QAPISchema) -> None:
        self._objects_seen.add(schema.the_empty_object_type.name)

    def _gen_type_cleanup(self, name: str) -> None:
        self._genh.add(gen_type_cleanup_decl(name))
        self._genc.add(gen_type_cleanup(name))

    def _gen_object(self, name: str, ifcond: QAPISchemaIfCond,
                    base: Optional[QAPISchemaObjectType],
                    members: List[QAPISchemaObjectTypeMember],
                    variants: Optional[QAPISchemaVariants]) -> str:
        if name in self._objects_seen:
            return ''
        self._objects_seen.add(name)
        ret = ''
        for var in variants.variants if variants else []:
            # Branch types of other modules come complete with those
            # modules' headers, which ours includes; emitting them here
            # would leave their own header without them.
            if (isinstance(var.type, QAPISchemaObjectType)
                    and self._same_module(var.type)):
                ret += self._gen_object(var.type.name, var.type.ifcond,
                                        var.type.base,
                                        var.type.local_members,
                                        var.type.branches)
        ret += '\n'
        ret += ifcond.gen_if()
        ret += 'struct %s {\n' % c_name(name)
        if base:
            if not base.is_implicit():
                ret += ('    /* From the base type, %s: */\n'
                        % base.c_name())
            ret += gen_struct_members(base.members)
            if not base.is_implicit():
                ret += '    /* Declared by this type: */\n'
        ret += gen_struct_members(members)
        if variants:
            ret += gen_variants(variants)
        # C forbids empty structs (and C++ gives them size 1).
        if (not base or base.is_empty()) and not members and not variants:
            ret += '    char qapi_dummy_for_empty_struct;\n'
        ret += '};\n'
        ret += ifcond.gen_endif()
        return ret

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            if name == 'QType':
                # qapi/util.h declares QType itself: the runtime's
                # GenericAlternate needs it before any generated header.
                self._genh.preamble_add(mcgen('''

/* enum QType and QType_lookup are declared in qapi/util.h */

#define QType_str(val) \\
    qapi_enum_lookup(&QType_lookup, (val))
'''))
            else:
                self._genh.preamble_add(gen_enum(name, members, prefix))
            self._genc.add(gen_enum_lookup(name, members, prefix))

    def visit_array_type(self, name: str, info: Optional[QAPISourceInfo],
                         ifcond: QAPISchemaIfCond,
                         element_type: QAPISchemaType) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.preamble_add(gen_fwd_object_or_array(name))
            self._genh.add(gen_array(name, element_type))
            self._gen_type_cleanup(name)

    def visit_object_type(self, name: str, info: Optional[QAPISourceInfo],
                          ifcond: QAPISchemaIfCond,
                          features: List[QAPISchemaFeature],
                          base: Optional[QAPISchemaObjectType],
                          members: List[QAPISchemaObjectTypeMember],
                          branches: Optional[QAPISchemaBranches]) -> None:
        if name == 'q_empty':
            return
        with ifcontext(ifcond, self._genh):
            self._genh.preamble_add(gen_fwd_object_or_array(name))
        self._genh.add(self._gen_object(name, ifcond, base, members,
                                        branches))
        with ifcontext(ifcond, self._genh, self._genc):
            if base and not base.is_implicit():
                self._genh.add(gen_upcast(name, base))
            if not name.startswith('q_'):
                # implicit types are never allocated on their own
                self._gen_type_cleanup(name)

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        with ifcontext(ifcond, self._genh):
            self._genh.preamble_add(gen_fwd_object_or_array(name))
        self._genh.add(self._gen_object(name, ifcond, None,
                                        [alternatives.tag_member],
                                        alternatives))
        with ifcontext(ifcond, self._genh, self._genc):
            self._gen_type_cleanup(name)


def gen_types(schema: QAPISchema, output_dir: str, prefix: str,
              opt_builtins: bool, only_builtins: bool = False) -> None:
    vis = QAPISchemaGenTypeVisitor(prefix)
    schema.visit(vis)
    vis.write(output_dir, opt_builtins, only_builtins)
