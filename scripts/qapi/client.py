# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Client back end: typed QMP calls and event subscriptions over
qapi/qmp-client.h (the runtime's connection; qapi/qmp-client-typed.h
states the API in full).

Per module, <prefix>qapi-client[-M].{c,h}: for every command X
qmp_client_X_async()/_finish()/_sync() with qmp_X()'s parameters, for
every event E a handler type QmpClient<E>Handler and qmp_client_on_e(),
each described to the runtime by a QapiQmpCommandInfo/QapiQmpEventInfo
(qmp_client_command_X, qmp_client_event_E).  <prefix>qapi-tables-client.
{c,h}: every command and event in one table (<prefix>qmp_client_commands,
<prefix>qmp_client_events), for programs that choose them at run time,
and the version table <prefix>qmp_client_since_table: the "(since X.Y)"
notes of the doc comments, for the types whose values can hold a member
that has one, so that a reply from an older QEMU lacking a newer member
can be told from a broken one.  A command's or event's own version is its
"Since:" section.

A command with 'gen': false (QEMU checks some of its arguments itself)
takes its declared members as parameters, then "JsonObject *extra": the
other members, passed through (its QapiQmpCommandInfo lists the declared
names).  A command with 'success-response': false completes once its
request is written (no reply comes on success); it returns bool.

<prefix>qapi-client-conditions.h defines every macro an 'if' condition of
the schema names (from the model: members, enum values, branches and
features too): a client compiled with it first knows every conditional
definition, whichever QEMU build it meets.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

from .common import POINTER_SUFFIX, c_name, mcgen
from .error import QAPIError
from .gen import QAPIGenH, QAPISchemaModularCVisitor, build_params, ifcontext
from .schema import (
    QAPISchema,
    QAPISchemaAlternateType,
    QAPISchemaArrayType,
    QAPISchemaBranches,
    QAPISchemaDefinition,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
    QAPISchemaVariants,
)
from .source import QAPISourceInfo

# "(since 8.0)", "(Since: 2.12.1)", "(since 10.0; default: 10)"
_MEMBER_SINCE = re.compile(r'\(\s*since:?\s+(\d+\.\d+(?:\.\d+)?)', re.I)
# A "Since:" section: the version it starts with
_SECTION_SINCE = re.compile(r'\s*(\d+\.\d+(?:\.\d+)?)')


def _c_string(text: Optional[str]) -> str:
    if text is None:
        return 'NULL'
    return '"%s"' % text.replace('\\', '\\\\').replace('"', '\\"')


def _camel(name: str) -> str:
    """BLOCK_JOB_COMPLETED -> BlockJobCompleted."""
    return ''.join(word[:1].upper() + word[1:].lower()
                   for word in re.split(r'[^A-Za-z0-9]+', name) if word)


def _version(text: str) -> Tuple[int, ...]:
    return tuple(int(n) for n in text.split('.'))


class _Versions:
    """The versions the doc comments give, with the corrections of
    --client-since NAME=VERSION (a 'Since:' that is wrong: QEMU 10.2
    documents SevGuestType 'Since: 6.2', which came with SEV-SNP in 9.1)."""

    def __init__(self, schema: QAPISchema, fixes: Sequence[str]) -> None:
        self._fixes: Dict[str, str] = {}
        for fix in fixes:
            name, sep, version = fix.partition('=')
            if not sep or not re.fullmatch(r'\d+\.\d+(?:\.\d+)?', version):
                raise QAPIError("--client-since: '%s' is not NAME=VERSION "
                                "(X.Y or X.Y.Z)" % fix)
            if schema.lookup_entity(name) is None:
                raise QAPIError("--client-since: no definition '%s'" % name)
            self._fixes[name] = version

    def definition(self, entity: Optional[QAPISchemaDefinition]
                   ) -> Optional[str]:
        """The "Since:" of @entity."""
        if entity is None:
            return None
        if entity.name in self._fixes:
            return self._fixes[entity.name]
        doc = getattr(entity, 'doc', None)
        if doc is None or doc.since is None:
            return None
        match = _SECTION_SINCE.match(doc.since.text)
        return match.group(1) if match else None

    def of_type(self, typ: QAPISchemaType) -> Optional[str]:
        """The "Since:" of @typ (of its elements, for an array)."""
        if isinstance(typ, QAPISchemaArrayType):
            typ = typ.element_type
        return self.definition(typ)

    def members(self, schema: QAPISchema) -> Dict[int, str]:
        """id() of each member with a version -> 'X.Y': its own '(since
        X.Y)' note, or else its type's 'Since:' when that is newer than the
        definition documenting the member (a member cannot be older than
        its type: 10.2's SevInfo gained 'sev-type' with its type), or else
        its union branch's (below).  The limit: a type created or renamed
        after the member was added carries the newer version, so a missing
        member of it that the peer should have sent is taken for a newer
        one (a warning where an error was due)."""
        ret: Dict[int, str] = {}
        for doc in schema.docs:
            owner = self.definition(schema.lookup_entity(doc.symbol)
                                    if doc.symbol else None)
            for section in doc.args.values():
                member = section.member
                if member is None:
                    continue
                match = _MEMBER_SINCE.search(section.text)
                if match:
                    ret[id(member)] = match.group(1)
                    continue
                typ = getattr(member, 'type', None)
                since = self.of_type(typ) if typ is not None else None
                if since and owner and _version(since) > _version(owner):
                    ret[id(member)] = since
        self._branches(schema, ret)
        return ret

    def _branches(self, schema: QAPISchema, ret: Dict[int, str]) -> None:
        """A union's branch type newer than the union (10.2's BlockJobInfo
        gained the branch 'mirror' in 8.2) gives its members without a
        version its own: they cannot be older than it."""
        for doc in schema.docs:
            entity = schema.lookup_entity(doc.symbol) if doc.symbol else None
            if (not isinstance(entity, QAPISchemaObjectType)
                    or entity.branches is None):
                continue
            union = self.definition(entity)
            for variant in entity.branches.variants:
                since = self.definition(variant.type)
                if not (since and union
                        and _version(since) > _version(union)):
                    continue
                assert isinstance(variant.type, QAPISchemaObjectType)
                for member in variant.type.members:
                    # not those of its base: other types share them
                    if (member.defined_in == variant.type.name
                            and id(member) not in ret):
                        ret[id(member)] = since


def _ret_form(ret_type: Optional[QAPISchemaType]) -> Tuple[str, bool]:
    """The C type _finish()/_sync() return, and whether it is the value
    itself (a pointer) rather than bool with an out parameter."""
    if ret_type is None:
        return 'bool', False
    c_type = ret_type.c_type()
    if c_type.endswith(POINTER_SUFFIX):
        return c_type, True
    return 'bool', False


class _SinceGraph:
    """The version table: types that can reach a member with a version."""

    def __init__(self, schema: QAPISchema, versions: _Versions) -> None:
        self._sinces = versions.members(schema)
        # name -> (type, members as (member, owner's ifcond))
        self._types: Dict[str, QAPISchemaType] = {}

    def add(self, typ: QAPISchemaType) -> None:
        self._types[typ.name] = typ

    def _members(self, typ: QAPISchemaType
                 ) -> List[QAPISchemaObjectTypeMember]:
        if isinstance(typ, QAPISchemaObjectType):
            ret = list(typ.members)
            if typ.branches:
                for var in typ.branches.variants:
                    assert isinstance(var.type, QAPISchemaObjectType)
                    ret += var.type.members
            return ret
        if isinstance(typ, QAPISchemaAlternateType):
            ret = []
            for var in typ.alternatives.variants:
                if isinstance(var.type, QAPISchemaObjectType):
                    ret += self._members(var.type)
            return ret
        return []

    @staticmethod
    def _element(typ: QAPISchemaType) -> Optional[QAPISchemaType]:
        if isinstance(typ, QAPISchemaArrayType):
            return typ.element_type
        if isinstance(typ, QAPISchemaAlternateType):
            for var in typ.alternatives.variants:
                if isinstance(var.type, QAPISchemaArrayType):
                    return var.type.element_type
        return None

    def reaching(self) -> Set[str]:
        """Names of the types from which a versioned member is reachable."""
        ret: Set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, typ in self._types.items():
                if name in ret:
                    continue
                elem = self._element(typ)
                if ((elem is not None and elem.name in ret)
                        or any(id(m) in self._sinces or m.type.name in ret
                               for m in self._members(typ))):
                    ret.add(name)
                    changed = True
        return ret

    def gen(self, var: str, enums: str) -> str:
        """The table: the rows for @var's types, and @enums (the rows
        naming every enum)."""
        keep = self.reaching()
        rows = ''
        arrays = ''
        for name in sorted(keep):
            typ = self._types[name]
            members = [m for m in self._members(typ)
                       if id(m) in self._sinces or m.type.name in keep]
            elem = self._element(typ)
            ifcond = typ.ifcond
            array = 'NULL'
            if members:
                array = '%s_%s' % (var, c_name(name.strip('[]')) +
                                   ('List' if name.startswith('[') else ''))
                arrays += ifcond.gen_if()
                arrays += mcgen('''

static const QapiQmpSinceMember %(array)s[] = {
''',
                                array=array)
                for memb in members:
                    arrays += memb.ifcond.gen_if()
                    arrays += mcgen('''
    { %(name)s, %(type)s, %(since)s },
''',
                                    name=_c_string(memb.name),
                                    type=_c_string(memb.type.name
                                                   if memb.type.name in keep
                                                   else None),
                                    since=_c_string(
                                        self._sinces.get(id(memb))))
                    arrays += memb.ifcond.gen_endif()
                arrays += mcgen('''
    { NULL, NULL, NULL },
};
''')
                arrays += ifcond.gen_endif()
            rows += ifcond.gen_if()
            rows += mcgen('''
    { %(name)s, %(elem)s, %(array)s },
''',
                          name=_c_string(name),
                          elem=_c_string(elem.name if elem is not None
                                         and elem.name in keep else None),
                          array=array)
            rows += ifcond.gen_endif()
        return arrays + mcgen('''

/* Sorted by name for bsearch(); conditional rows keep the order. */
static const QapiQmpSinceType %(var)s_types[] = {
%(rows)s    { NULL, NULL, NULL },
};

static const QapiQmpEnumName %(var)s_enums[] = {
%(enums)s    { NULL, NULL },
};

const QapiQmpSinceTable %(var)s = {
    %(var)s_types, G_N_ELEMENTS(%(var)s_types) - 1,
    %(var)s_enums,
};
''',
                              var=var, rows=rows, enums=enums)


class _Conditions:
    """Every macro the schema's 'if' conditions name, by polarity: a
    client talks to whatever QEMU build answers, so it compiles in every
    conditional definition (QEMU answers CommandNotFound for a command
    its build lacks)."""

    def __init__(self) -> None:
        self.positive: Set[str] = set()
        self.negated: Set[str] = set()

    def add(self, ifcond: QAPISchemaIfCond) -> None:
        self._walk(ifcond.ifcond, True)

    def _walk(self, expr: object, positive: bool) -> None:
        if expr is None:
            return
        if isinstance(expr, str):
            (self.positive if positive else self.negated).add(expr)
            return
        assert isinstance(expr, dict)
        if 'not' in expr:
            self._walk(expr['not'], not positive)
            return
        for sub in expr.get('all', expr.get('any', [])):
            self._walk(sub, positive)

    def add_features(self, features: List[QAPISchemaFeature]) -> None:
        for feat in features:
            self.add(feat.ifcond)

    def add_members(self, members: Sequence[object]) -> None:
        """Object members, enum values, branches: their conditions and
        their features'."""
        for memb in members:
            self.add(getattr(memb, 'ifcond'))
            self.add_features(getattr(memb, 'features', None) or [])

    def gen(self, fname: str) -> QAPIGenH:
        genh = QAPIGenH(fname, ' * Typed QMP client: every macro the '
                        'schema\'s conditions name')
        genh.add(mcgen('''

/*
 * Every macro an 'if' condition of the schema names, defined, so that
 * the generated code compiled with this header first (-include) has every
 * conditional command, event, type, member, enum value and branch in.
 * A macro the build defines already is left as it is.
 */
'''))
        for name in sorted(self.positive):
            genh.add(mcgen('''
#ifndef %(name)s
#define %(name)s 1
#endif
''',
                           name=name))
        only_negated = sorted(self.negated - self.positive)
        both = sorted(self.negated & self.positive)
        if only_negated:
            genh.add(mcgen('''

/* Named only under 'not', so left undefined (what they guard is in):
 * %(names)s */
''',
                           names=', '.join(only_negated)))
        if both:
            genh.add(mcgen('''

/* Also named under 'not': what "not X" guards is left out for
 * %(names)s */
''',
                           names=', '.join(both)))
        return genh


def _struct_visit(fn: str, typ: QAPISchemaObjectType) -> str:
    """A QapiQmpVisitFunc for a struct reached through void **."""
    return mcgen('''

static bool %(fn)s(Visitor *v, void *obj, GError **errp)
{
    void **p = obj;
    bool ok = false;

    if (!visit_start_struct(v, NULL, p, sizeof(%(c_type)s), errp)) {
        return false;
    }
    if (*p) {
        ok = visit_type_%(c_name)s_members(v, *p, errp)
             && visit_check_struct(v, errp);
    } else {
        ok = true;
    }
    visit_end_struct(v, p);
    return ok;
}
''',
                 fn=fn, c_type=typ.c_name(), c_name=typ.c_name())


def _struct_info(fn: str, typ: Optional[QAPISchemaObjectType]
                 ) -> Tuple[str, str, str, str]:
    """An info table's size, visit function and type name for the struct
    @typ (None: no data), and the code of the visit function @fn."""
    if typ is None:
        return '0', 'NULL', 'NULL', ''
    return ('sizeof(%s)' % typ.c_name(), fn, _c_string(typ.name),
            _struct_visit(fn, typ))


def _param_struct(typ: QAPISchemaObjectType) -> str:
    """'param', the struct qmp_X()'s exploded parameters fill."""
    inits = []
    for memb in typ.members:
        if memb.need_has():
            inits.append('.has_%s = has_%s' % (c_name(memb.name),
                                               c_name(memb.name)))
        cast = '(char *)' if memb.type.name == 'str' else ''
        inits.append('.%s = %s%s' % (c_name(memb.name), cast,
                                     c_name(memb.name)))
    return mcgen('''
    %(c_type)s param = {
        %(inits)s
    };
''',
                 c_type=typ.c_name(), inits=',\n        '.join(inits))


class QAPISchemaGenClientVisitor(QAPISchemaModularCVisitor):

    def __init__(self, prefix: str, fixes: Sequence[str]) -> None:
        super().__init__(prefix, 'qapi-client',
                         ' * Typed QMP client calls and events', None)
        self._c_prefix = c_name(prefix, protect=False)
        self._schema: Optional[QAPISchema] = None
        self._graph: Optional[_SinceGraph] = None
        self._commands = ''
        self._events = ''
        self._enums = ''
        self._since_var = self._c_prefix + 'qmp_client_since_table'
        self._conds = _Conditions()
        self._fixes = fixes
        self._versions: Optional[_Versions] = None

    def _begin_user_module(self, name: str) -> None:
        types = self._module_basename('qapi-types', name)
        visit = self._module_basename('qapi-visit', name)
        client = self._module_basename('qapi-client', name)
        self._genc.add(mcgen('''
#include "%(visit)s.h"
#include "%(client)s.h"
#include "%(prefix)sqapi-tables-client.h"
''',
                             visit=visit, client=client,
                             prefix=self._prefix))
        self._genh.add(mcgen('''
#include "qapi/qmp-client-typed.h"
#include "%(types)s.h"
''',
                             types=types))

    def visit_begin(self, schema: QAPISchema) -> None:
        self._schema = schema
        self._versions = _Versions(schema, self._fixes)
        self._graph = _SinceGraph(schema, self._versions)

    def visit_end(self) -> None:
        assert self._graph is not None
        self._add_module('./tables', ' * Typed QMP client: all commands, '
                         'events and member versions')
        self._genh.add(mcgen('''
#include "qapi/qmp-client-typed.h"

/* The members documented with a version, by type (see
 * qapi/qmp-client-typed.h). */
extern const QapiQmpSinceTable %(since)s;
/* Every command and event, NULL-terminated. */
extern const QapiQmpCommandInfo *const %(c_prefix)sqmp_client_commands[];
extern const QapiQmpEventInfo *const %(c_prefix)sqmp_client_events[];
''',
                             since=self._since_var, c_prefix=self._c_prefix))
        self._genc.add(mcgen('''
#include "%(prefix)sqapi-client.h"
#include "%(prefix)sqapi-tables-client.h"
''',
                             prefix=self._prefix))
        self._genc.add(self._graph.gen(self._since_var, self._enums))
        self._genc.add(mcgen('''

const QapiQmpCommandInfo *const %(c_prefix)sqmp_client_commands[] = {
%(rows)s    NULL,
};

const QapiQmpEventInfo *const %(c_prefix)sqmp_client_events[] = {
%(events)s    NULL,
};
''',
                             c_prefix=self._c_prefix, rows=self._commands,
                             events=self._events))

    def conditions_header(self) -> QAPIGenH:
        """<prefix>qapi-client-conditions.h: every condition's macro."""
        return self._conds.gen(self._prefix + 'qapi-client-conditions.h')

    def _note_type(self, name: str) -> None:
        assert self._schema is not None and self._graph is not None
        typ = self._schema.lookup_type(name)
        assert typ is not None
        self._graph.add(typ)

    def visit_object_type(self, name: str, info: Optional[QAPISourceInfo],
                          ifcond: QAPISchemaIfCond,
                          features: List[QAPISchemaFeature],
                          base: Optional[QAPISchemaObjectType],
                          members: List[QAPISchemaObjectTypeMember],
                          branches: Optional[QAPISchemaBranches]) -> None:
        self._conds.add(ifcond)
        self._conds.add_features(features)
        self._conds.add_members(members)
        if branches:
            self._conds.add_members(branches.variants)
        if name != 'q_empty':
            self._note_type(name)

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        self._conds.add(ifcond)
        self._conds.add_features(features)
        self._conds.add_members(members)
        if info is None:
            return  # built in (QType): never in a reply
        self._enums += ifcond.gen_if()
        self._enums += mcgen('''
    { &%(c_name)s_lookup, %(name)s },
''',
                             c_name=c_name(name), name=_c_string(name))
        self._enums += ifcond.gen_endif()

    def visit_array_type(self, name: str, info: Optional[QAPISourceInfo],
                         ifcond: QAPISchemaIfCond,
                         element_type: QAPISchemaType) -> None:
        self._conds.add(ifcond)
        self._note_type(name)

    def visit_alternate_type(self, name: str, info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaVariants) -> None:
        self._conds.add(ifcond)
        self._conds.add_features(features)
        self._conds.add_members(alternatives.variants)
        self._note_type(name)

    def _since(self, name: str) -> Optional[str]:
        assert self._schema is not None
        assert self._versions is not None
        return self._versions.definition(self._schema.lookup_entity(name))

    def visit_command(self, name: str, info: Optional[QAPISourceInfo],
                      ifcond: QAPISchemaIfCond,
                      features: List[QAPISchemaFeature],
                      arg_type: Optional[QAPISchemaObjectType],
                      ret_type: Optional[QAPISchemaType], gen: bool,
                      success_response: bool, boxed: bool, allow_oob: bool,
                      allow_preconfig: bool, coroutine: bool) -> None:
        self._conds.add(ifcond)
        self._conds.add_features(features)
        if not success_response:
            ret_type = None     # no reply, so no value
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(self._command_decl(name, arg_type, boxed,
                                              ret_type, not gen))
            self._genc.add(self._command_code(name, arg_type, boxed,
                                              ret_type, not gen,
                                              not success_response))
        self._commands += ifcond.gen_if()
        self._commands += '    &qmp_client_command_%s,\n' % c_name(name)
        self._commands += ifcond.gen_endif()

    @staticmethod
    def _call_params(arg_type: Optional[QAPISchemaObjectType],
                     boxed: bool, open_args: bool = False) -> str:
        params = build_params(arg_type, boxed)
        params = '' if params == 'void' else params + ', '
        return params + ('JsonObject *extra, ' if open_args else '')

    def _command_decl(self, name: str,
                      arg_type: Optional[QAPISchemaObjectType], boxed: bool,
                      ret_type: Optional[QAPISchemaType],
                      open_args: bool) -> str:
        ret_c, direct = _ret_form(ret_type)
        out = ''
        if ret_type is not None and not direct:
            out = '%s *ret, ' % ret_type.c_type()
        return mcgen('''

extern const QapiQmpCommandInfo qmp_client_command_%(c_name)s;
void qmp_client_%(c_name)s_async(QapiQmpClient *client, %(params)s\
GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
%(ret)s qmp_client_%(c_name)s_finish(QapiQmpClient *client, \
GAsyncResult *result, %(out)sGError **errp);
%(ret)s qmp_client_%(c_name)s_sync(QapiQmpClient *client, %(params)s\
%(out)sGCancellable *cancellable, GError **errp);
''',
                     c_name=c_name(name),
                     params=self._call_params(arg_type, boxed, open_args),
                     ret=ret_c, out=out)

    def _args_setup(self, arg_type: Optional[QAPISchemaObjectType],
                    boxed: bool) -> Tuple[str, str]:
        """Code gathering the arguments, and the pointer to pass."""
        if boxed:
            return '', 'arg'
        if arg_type is None or arg_type.is_empty():
            return '', 'NULL'
        return _param_struct(arg_type) + '\n', '&param'

    @staticmethod
    def _open_members(cname: str,
                      arg_type: Optional[QAPISchemaObjectType]) -> str:
        """The declared members' names of a 'gen': false command."""
        rows = ''
        for memb in arg_type.members if arg_type else []:
            rows += memb.ifcond.gen_if()
            rows += '    %s,\n' % _c_string(memb.name)
            rows += memb.ifcond.gen_endif()
        return mcgen('''

static const char *const qmp_client_members_%(c_name)s[] = {
%(rows)s    NULL,
};
''',
                     c_name=cname, rows=rows)

    def _command_code(self, name: str,
                      arg_type: Optional[QAPISchemaObjectType], boxed: bool,
                      ret_type: Optional[QAPISchemaType], open_args: bool,
                      no_reply: bool) -> str:
        cname = c_name(name)
        has_args = boxed or (arg_type is not None and not arg_type.is_empty())
        assert arg_type is not None or not has_args
        args_size, visit_args, args_type, ret = _struct_info(
            'qmp_client_args_%s' % cname, arg_type if has_args else None)
        visit_ret = 'NULL'
        ret_size = '0'
        ret_name = 'NULL'
        if ret_type is not None:
            visit_ret = 'qmp_client_ret_%s' % cname
            ret_size = 'sizeof(%s)' % ret_type.c_type()
            ret_name = _c_string(ret_type.name)
            ret += mcgen('''

static bool %(fn)s(Visitor *v, void *obj, GError **errp)
{
    return visit_type_%(c_type)s(v, NULL, obj, errp);
}
''',
                         fn=visit_ret, c_type=ret_type.c_name())
        members = 'NULL'
        if open_args:
            members = 'qmp_client_members_%s' % cname
            ret += self._open_members(cname, arg_type)
        ret += mcgen('''

const QapiQmpCommandInfo qmp_client_command_%(c_name)s = {
    %(name)s, %(since)s,
    %(args_size)s, %(visit_args)s, %(args_type)s,
    %(ret_size)s, %(visit_ret)s, %(ret_name)s,
    &%(since_var)s,
    %(members)s, %(no_reply)s,
};
''',
                     c_name=cname, name=_c_string(name),
                     since=_c_string(self._since(name)),
                     args_size=args_size, visit_args=visit_args,
                     args_type=args_type, ret_size=ret_size,
                     visit_ret=visit_ret, ret_name=ret_name,
                     since_var=self._since_var, members=members,
                     no_reply='TRUE' if no_reply else 'FALSE')
        setup, args = self._args_setup(arg_type, boxed)
        params = self._call_params(arg_type, boxed, open_args)
        call = 'call'
        if open_args:
            call = 'call_extra'
            args += ', extra'

        ret_c, direct = _ret_form(ret_type)
        out = ''
        if ret_type is not None and not direct:
            out = '%s *ret, ' % ret_type.c_type()
        ret += mcgen('''

void qmp_client_%(c_name)s_async(QapiQmpClient *client, %(params)s\
GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
%(setup)s    qapi_qmp_client_%(call)s_async(client, \
&qmp_client_command_%(c_name)s, %(args)s, cancellable, callback, user_data);
}
''',
                     c_name=cname, params=params, setup=setup, args=args,
                     call=call)
        if direct:
            assert ret_type is not None
            ret += mcgen('''

%(ret_c)s qmp_client_%(c_name)s_finish(QapiQmpClient *client, \
GAsyncResult *result, GError **errp)
{
    %(ret_c)s ret = NULL;

    qapi_qmp_client_call_finish(client, result, &ret, errp);
    return ret;
}

%(ret_c)s qmp_client_%(c_name)s_sync(QapiQmpClient *client, %(params)s\
GCancellable *cancellable, GError **errp)
{
    %(ret_c)s ret = NULL;
%(setup)s
    qapi_qmp_client_%(call)s_sync(client, \
&qmp_client_command_%(c_name)s, %(args)s, &ret, cancellable, errp);
    return ret;
}
''',
                         ret_c=ret_c, c_name=cname, params=params,
                         setup=setup, args=args, call=call)
        else:
            retp = 'ret' if ret_type is not None else 'NULL'
            ret += mcgen('''

bool qmp_client_%(c_name)s_finish(QapiQmpClient *client, \
GAsyncResult *result, %(out)sGError **errp)
{
    return qapi_qmp_client_call_finish(client, result, %(retp)s, errp);
}

bool qmp_client_%(c_name)s_sync(QapiQmpClient *client, %(params)s\
%(out)sGCancellable *cancellable, GError **errp)
{
%(setup)s    return qapi_qmp_client_%(call)s_sync(client, \
&qmp_client_command_%(c_name)s, %(args)s, %(retp)s, cancellable, errp);
}
''',
                         c_name=cname, params=params, out=out, setup=setup,
                         args=args, retp=retp, call=call)
        return ret

    def visit_event(self, name: str, info: Optional[QAPISourceInfo],
                    ifcond: QAPISchemaIfCond,
                    features: List[QAPISchemaFeature],
                    arg_type: Optional[QAPISchemaObjectType],
                    boxed: bool) -> None:
        self._conds.add(ifcond)
        self._conds.add_features(features)
        lname = c_name(name.lower())
        handler = 'QmpClient%sHandler' % _camel(name)
        has_data = boxed or (arg_type is not None
                             and not arg_type.is_empty())
        data_param = ''
        if has_data:
            assert arg_type is not None
            data_param = '%s *data, ' % arg_type.c_name()
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(mcgen('''

extern const QapiQmpEventInfo qmp_client_event_%(lname)s;
typedef void (*%(handler)s)(QapiQmpClient *client, %(data_param)s\
const QapiQmpTimestamp *timestamp, gpointer user_data);
gulong qmp_client_on_%(lname)s(QapiQmpClient *client, %(handler)s func, \
gpointer user_data, GDestroyNotify destroy);
''',
                                 lname=lname, handler=handler,
                                 data_param=data_param))
            self._genc.add(self._event_code(name, lname, handler, arg_type,
                                            has_data))
        self._events += ifcond.gen_if()
        self._events += '    &qmp_client_event_%s,\n' % lname
        self._events += ifcond.gen_endif()

    def _event_code(self, name: str, lname: str, handler: str,
                    arg_type: Optional[QAPISchemaObjectType],
                    has_data: bool) -> str:
        size, visit, data_type, ret = _struct_info(
            'qmp_client_data_%s' % lname, arg_type if has_data else None)
        if has_data:
            assert arg_type is not None
            call = 'func(client, *(%s **)data, timestamp, user_data)' % \
                arg_type.c_name()
        else:
            call = 'func(client, timestamp, user_data)'
        ret += mcgen('''

static void qmp_client_dispatch_%(lname)s(QapiQmpClient *client, \
GCallback callback, void *data, const QapiQmpTimestamp *timestamp, \
gpointer user_data)
{
    %(handler)s func = (%(handler)s)callback;

    (void)data;
    %(call)s;
}

const QapiQmpEventInfo qmp_client_event_%(lname)s = {
    %(name)s, %(since)s,
    %(size)s, %(visit)s, %(data_type)s,
    &%(since_var)s,
    qmp_client_dispatch_%(lname)s,
};

gulong qmp_client_on_%(lname)s(QapiQmpClient *client, %(handler)s func, \
gpointer user_data, GDestroyNotify destroy)
{
    return qapi_qmp_client_add_typed_handler(client, \
&qmp_client_event_%(lname)s, (GCallback)func, user_data, destroy);
}
''',
                     lname=lname, handler=handler, call=call,
                     name=_c_string(name), since=_c_string(self._since(name)),
                     size=size, visit=visit, data_type=data_type,
                     since_var=self._since_var)
        return ret


def gen_client(schema: QAPISchema, output_dir: str, prefix: str,
               fixes: Sequence[str] = ()) -> None:
    """@fixes: NAME=VERSION, each NAME's 'Since:' corrected (see
    _Versions)."""
    vis = QAPISchemaGenClientVisitor(prefix, fixes)
    schema.visit(vis)
    vis.write(output_dir)
    vis.conditions_header().write(output_dir)
