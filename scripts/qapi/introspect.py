# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Introspection back ends: the schema as JSON data in a C array.

'introspect' is QEMU's query-qmp-schema data (QEMU's introspect.py is the
reference): a JSON array of SchemaInfo objects holding the commands and
events and only the types they reach, in QEMU's order (commands and events
in definition order, then the types in the order they were first used);
every integer type is 'int' (and every list of integers '[int]'), commands
and events without arguments or return value name 'q_empty'; names of
types are masked as numbers ("0", "1", ... in order of first use) unless
unmask is set (QEMU's -u), since they are not ABI.  QEMU writes the data
as a QLitObject; we write the JSON text (header: <prefix>qmp_schema_json
and <prefix>qmp_schema_json_len), members of each object sorted by key as
QEMU's QLIT has them.

'introspect-full' is the whole-schema form a library wants (our JSON
Schema export and 'fwdesc schema' use it; <prefix>qapi-introspect-full.{c,h},
variable <main module>_qmp_schema_json): every entity, definition order
(module by module), never masked, and the integer built-ins keep their
names (uint8, int32, size, ...) so that a tool can tell their ranges.

Conditional entities and members are wrapped in #if, so the string holds
exactly what the compiled configuration has: separators are themselves
conditional (a comma goes before an element when any element before it is
present).
"""

from __future__ import annotations

import os

from .common import c_name, cgen_ifcond
from .gen import QAPISchemaMonolithicCVisitor
from .schema import (
    QAPISchema,
    QAPISchemaAlternateType,
    QAPISchemaAlternatives,
    QAPISchemaArrayType,
    QAPISchemaBuiltinType,
    QAPISchemaEntity,
    QAPISchemaBranches,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
)
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

    # A piece of JSON text and the C condition it is under.
    Chunk = Tuple[str, str]

# A JSON value whose parts may be conditional: either plain JSON data, or
# an Annotated wrapper carrying the C condition of the value.


class Annotated:
    def __init__(self, value: Any, ifcond: QAPISchemaIfCond) -> None:
        self.value = value
        self.ifcond = ifcond


def _ann(value: Any, ifcond: QAPISchemaIfCond) -> Any:
    """@value, wrapped only when it is conditional."""
    return Annotated(value, ifcond) if ifcond.is_present() else value


# JSON strings already written, by text (names recur all over the data).
_JSON_STRS: Dict[str, str] = {}


def _json_str(text: str) -> str:
    """@text as a JSON string, as json.dumps() writes it."""
    known = _JSON_STRS.get(text)
    if known is not None:
        return known
    if (text.isascii() and text.isprintable() and '"' not in text
            and '\\' not in text):
        known = '"' + text + '"'
    else:
        import json             # names never get here: they are plain
        known = json.dumps(text)
    _JSON_STRS[text] = known
    return known


def _plain(value: Any) -> Optional[str]:
    """@value's JSON text as json.dumps() writes it, or None when some
    part of it is conditional."""
    kind = type(value)
    if kind is str:
        known = _JSON_STRS.get(value)
        return known if known is not None else _json_str(value)
    # Strings inline (most values are): no call for each.  A JSON string
    # is never empty, so 'or' only calls _json_str() for new ones.
    strs = _JSON_STRS
    text: Optional[str]
    if kind is dict:
        parts = []
        for key, val in value.items():
            if type(val) is str:
                text = strs.get(val) or _json_str(val)
            else:
                text = _plain(val)
                if text is None:
                    return None
            parts.append((strs.get(key) or _json_str(key)) + ': ' + text)
        return '{' + ', '.join(parts) + '}'
    if kind is list:
        parts = []
        for val in value:
            if type(val) is str:
                text = strs.get(val) or _json_str(val)
            else:
                text = _plain(val)
                if text is None:
                    return None
            parts.append(text)
        return '[' + ', '.join(parts) + ']'
    if isinstance(value, Annotated):
        return None
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    # Subclasses of str, dict and list (the data never has any)
    if isinstance(value, str):
        return _json_str(value)
    if isinstance(value, dict):
        return _plain(dict(value))
    if isinstance(value, list):
        return _plain(list(value))
    import json
    return json.dumps(value)


# Rendering produces a list of (C condition, text) chunks; consecutive
# chunks with the same condition are merged later.


def _c_string(text: str) -> str:
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def _join_conds(outer: str, inner: str) -> str:
    if not outer:
        return inner
    if not inner:
        return outer
    return '(%s) && (%s)' % (outer, inner)


def _render(value: Any, cond: str, out: List[Chunk]) -> None:
    """Append @value's JSON text to @out, under C condition @cond."""
    if isinstance(value, Annotated):
        value = value.value
    text = _plain(value)
    if text is not None:
        out.append((cond, text))
    elif isinstance(value, list):
        out.append((cond, '['))
        _render_items(value, cond, out,
                      lambda item, c: _render(item, c, out))
        out.append((cond, ']'))
    else:
        assert isinstance(value, dict)
        out.append((cond, '{'))
        items = list(value.items())

        def render_pair(pair: Tuple[str, Any], c: str) -> None:
            key, val = pair
            out.append((c, _json_str(key) + ': '))
            _render(val, c, out)

        _render_items(items, cond, out, render_pair,
                      conds=[_cond_of(v) for _, v in items])
        out.append((cond, '}'))


def _cond_of(value: Any) -> str:
    if isinstance(value, Annotated) and value.ifcond.ifcond:
        return cgen_ifcond(value.ifcond.ifcond)
    return ''


def _render_items(items: List[Any], cond: str, out: List[Chunk],
                  render_one: Any,
                  conds: Optional[List[str]] = None) -> None:
    if conds is None:
        conds = [_cond_of(item) for item in items]
    earlier: List[str] = []   # conditions of the elements before
    always_earlier = False
    for item, icond in zip(items, conds):
        full = _join_conds(cond, icond)
        if always_earlier:
            out.append((full, ', '))
        elif earlier:
            sep_cond = ' || '.join('(%s)' % c for c in earlier)
            out.append((_join_conds(full, sep_cond), ', '))
        render_one(item, full)
        if icond:
            earlier.append(icond)
        else:
            always_earlier = True


def _chunks_to_c(chunks: List[Chunk]) -> str:
    """C string literal lines, with #if blocks, for the chunks."""
    merged: List[List[str]] = []
    for cond, text in chunks:
        if merged and merged[-1][0] == cond:
            merged[-1][1] += text
        else:
            merged.append([cond, text])
    lines = []
    for cond, text in merged:
        if cond:
            lines.append('#if %s\n' % cond)
        # Keep source lines readable: split long text at commas (by
        # index: slicing off each line would copy the rest every time).
        start = 0
        end = len(text)
        while end - start > 72:
            cut = text.rfind(', ', start, start + 72)
            if cut <= start:
                cut = text.find(', ', start + 72)
                if cut < 0:
                    break
            lines.append('    %s\n' % _c_string(text[start:cut + 2]))
            start = cut + 2
        if start < end:
            lines.append('    %s\n' % _c_string(text[start:]))
        if cond:
            lines.append('#endif /* %s */\n' % cond)
    return ''.join(lines)


def _gen_json_array(genc: Any, genh: Any, var: str,
                    entries: List[Annotated], what: str) -> None:
    """Write @entries as the JSON text @var (with its length)."""
    chunks: List[Chunk] = []
    _render(entries, '', chunks)
    genh.add('''#include <stddef.h>

/*
 * %(what)s as a JSON array of SchemaInfo objects (see the
 * introspect.json of QEMU's schema), NUL-terminated; its length
 * without the NUL is %(var)s_len.
 */
extern const char %(var)s[];
extern const size_t %(var)s_len;
''' % {'var': var, 'what': what})
    genc.add('''#include "%(header)s"

const char %(var)s[] =
%(data)s    ;

const size_t %(var)s_len = sizeof(%(var)s) - 1;
''' % {'header': genh.fname, 'var': var, 'data': _chunks_to_c(chunks)})


def _sorted_dict(obj: Dict[str, Any]) -> Dict[str, Any]:
    return dict(sorted(obj.items()))


def _json_type(typ: QAPISchemaType) -> str:
    if isinstance(typ, QAPISchemaAlternateType):
        return 'value'
    return typ.json_type()


def _features(features: Sequence[QAPISchemaFeature]) -> List[Any]:
    return [_ann(f.name, f.ifcond) for f in features]


class _IntrospectVisitor(QAPISchemaMonolithicCVisitor):
    """What both introspection forms write alike: the SchemaInfo of every
    kind of entity.  A subclass says how a type is referred to
    (_type_ref()), how an object's keys are ordered (_dict()) and how an
    entry is added (_add()).  The entries' keys are made in the same order
    as the data: _type_ref() may note a type as used (QMP's form)."""

    def _type_ref(self, typ: Optional[QAPISchemaType]) -> str:
        """@typ's name in the data; None: the empty object type."""
        raise NotImplementedError

    @staticmethod
    def _dict(obj: Dict[str, Any]) -> Dict[str, Any]:
        return obj

    def _add(self, name: str, meta: str, obj: Dict[str, Any],
             ifcond: QAPISchemaIfCond = QAPISchemaIfCond(),
             features: Sequence[QAPISchemaFeature] = ()) -> None:
        raise NotImplementedError

    def _member(self, memb: QAPISchemaObjectTypeMember) -> Any:
        obj: Dict[str, Any] = {'name': memb.name,
                               'type': self._type_ref(memb.type)}
        if memb.optional:
            obj['default'] = None
        if memb.features:
            obj['features'] = _features(memb.features)
        return _ann(self._dict(obj), memb.ifcond)

    def visit_builtin_type(self, name: str, info: Optional[QAPISourceInfo],
                           json_type: str) -> None:
        self._add(name, 'builtin', {'json-type': json_type})

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        memb_list = []
        for memb in members:
            obj: Dict[str, Any] = {'name': memb.name}
            if memb.features:
                obj['features'] = _features(memb.features)
            memb_list.append(_ann(self._dict(obj), memb.ifcond))
        self._add(name, 'enum',
                  {'members': memb_list,
                   'values': [_ann(m.name, m.ifcond) for m in members]},
                  ifcond, features)

    def visit_array_type(self, name: str, info: Optional[QAPISourceInfo],
                         ifcond: QAPISchemaIfCond,
                         element_type: QAPISchemaType) -> None:
        element = self._type_ref(element_type)
        self._add('[' + element + ']', 'array', {'element-type': element},
                  ifcond)

    def visit_object_type_flat(self, name: str,
                               info: Optional[QAPISourceInfo],
                               ifcond: QAPISchemaIfCond,
                               features: List[QAPISchemaFeature],
                               members: List[QAPISchemaObjectTypeMember],
                               branches: Optional[QAPISchemaBranches]
                               ) -> None:
        obj: Dict[str, Any] = {'members': [self._member(m)
                                           for m in members]}
        if branches:
            obj['tag'] = branches.tag_member.name
            obj['variants'] = [
                _ann({'case': v.name, 'type': self._type_ref(v.type)},
                     v.ifcond)
                for v in branches.variants]
        self._add(name, 'object', obj, ifcond, features)

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        self._add(name, 'alternate',
                  {'members': [
                      _ann({'type': self._type_ref(v.type)}, v.ifcond)
                      for v in alternatives.variants]},
                  ifcond, features)

    def visit_command(self, name: str, info: Optional[QAPISourceInfo],
                      ifcond: QAPISchemaIfCond,
                      features: List[QAPISchemaFeature],
                      arg_type: Optional[QAPISchemaObjectType],
                      ret_type: Optional[QAPISchemaType], gen: bool,
                      success_response: bool, boxed: bool, allow_oob: bool,
                      allow_preconfig: bool, coroutine: bool) -> None:
        obj: Dict[str, Any] = {
            'arg-type': self._type_ref(arg_type),
            'ret-type': self._type_ref(ret_type),
        }
        if allow_oob:
            obj['allow-oob'] = True
        self._add(name, 'command', obj, ifcond, features)

    def visit_event(self, name: str, info: Optional[QAPISourceInfo],
                    ifcond: QAPISchemaIfCond,
                    features: List[QAPISchemaFeature],
                    arg_type: Optional[QAPISchemaObjectType],
                    boxed: bool) -> None:
        self._add(name, 'event', {'arg-type': self._type_ref(arg_type)},
                  ifcond, features)


class QAPISchemaGenQMPIntrospectVisitor(_IntrospectVisitor):
    """QEMU's query-qmp-schema data (see the module doc)."""

    def __init__(self, prefix: str, unmask: bool) -> None:
        super().__init__(prefix, 'qapi-introspect',
                         ' * The QMP schema as introspection data '
                         '(query-qmp-schema)')
        self._var = c_name(prefix, False) + 'qmp_schema_json'
        self._unmask = unmask
        self._schema: Optional[QAPISchema] = None
        self._entries: List[Annotated] = []
        self._used_types: List[QAPISchemaType] = []
        self._used_set: Set[QAPISchemaType] = set()
        # What _use_type() returned for each type (the same every time)
        self._type_refs: Dict[QAPISchemaType, str] = {}
        self._name_map: Dict[str, str] = {}

    def visit_begin(self, schema: QAPISchema) -> None:
        self._schema = schema

    def visit_needed(self, entity: QAPISchemaEntity) -> bool:
        # Types come later, and only those commands and events reach.
        return not isinstance(entity, QAPISchemaType)

    def visit_end(self) -> None:
        # Visiting a type may use more types: the list grows as we go.
        for typ in self._used_types:
            typ.visit(self)
        _gen_json_array(self._genc, self._genh, self._var, self._entries,
                        'The QMP schema that query-qmp-schema returns,\n *')
        self._schema = None

    def _name(self, name: str) -> str:
        if self._unmask:
            return name
        return self._name_map.setdefault(name, str(len(self._name_map)))

    def _builtin(self, name: str) -> QAPISchemaType:
        assert self._schema is not None
        typ = self._schema.lookup_type(name)
        assert typ is not None
        return typ

    def _type_ref(self, typ: Optional[QAPISchemaType]) -> str:
        if typ is None:
            assert self._schema is not None
            typ = self._schema.the_empty_object_type
        return self._use_type(typ)

    def _use_type(self, typ: QAPISchemaType) -> str:
        """Note @typ as used and return its name in the data."""
        known = self._type_refs.get(typ)
        if known is None:
            known = self._type_refs[typ] = self._first_use_type(typ)
        return known

    def _first_use_type(self, typ: QAPISchemaType) -> str:
        assert self._schema is not None
        if _json_type(typ) == 'int':
            typ = self._builtin('int')
        elif (isinstance(typ, QAPISchemaArrayType)
              and _json_type(typ.element_type) == 'int'):
            typ = self._builtin('intList')
        if typ not in self._used_set:
            self._used_set.add(typ)
            self._used_types.append(typ)
        if isinstance(typ, QAPISchemaBuiltinType):
            return typ.name
        if isinstance(typ, QAPISchemaArrayType):
            return '[' + self._use_type(typ.element_type) + ']'
        return self._name(typ.name)

    @staticmethod
    def _dict(obj: Dict[str, Any]) -> Dict[str, Any]:
        return _sorted_dict(obj)

    def _add(self, name: str, meta: str, obj: Dict[str, Any],
             ifcond: QAPISchemaIfCond = QAPISchemaIfCond(),
             features: Sequence[QAPISchemaFeature] = ()) -> None:
        if meta not in ('command', 'event', 'builtin', 'array'):
            name = self._name(name)
        obj['name'] = name
        obj['meta-type'] = meta
        if features:
            obj['features'] = _features(features)
        self._entries.append(Annotated(_sorted_dict(obj), ifcond))


class QAPISchemaGenIntrospectVisitor(_IntrospectVisitor):
    """The whole schema, every type by its own name ('introspect-full')."""

    def __init__(self, prefix: str, main_name: str) -> None:
        super().__init__(prefix, 'qapi-introspect-full',
                         ' * The schema as introspection data (SchemaInfo)')
        self._var = c_name(prefix + main_name, False) + '_qmp_schema_json'
        self._entries: List[Annotated] = []

    def visit_end(self) -> None:
        _gen_json_array(self._genc, self._genh, self._var, self._entries,
                        'The schema')

    def _type_ref(self, typ: Optional[QAPISchemaType]) -> str:
        if typ is None:
            return 'q_empty'
        if isinstance(typ, QAPISchemaArrayType):
            return '[%s]' % self._type_ref(typ.element_type)
        return typ.name

    def _add(self, name: str, meta: str, obj: Dict[str, Any],
             ifcond: QAPISchemaIfCond = QAPISchemaIfCond(),
             features: Sequence[QAPISchemaFeature] = ()) -> None:
        info: Dict[str, Any] = {'name': name, 'meta-type': meta}
        info.update(obj)
        if features:
            info['features'] = _features(features)
        self._entries.append(Annotated(info, ifcond))


def gen_introspect(schema: QAPISchema, output_dir: str, prefix: str,
                   unmask: bool = False) -> None:
    """QEMU's query-qmp-schema data: <prefix>qapi-introspect.{c,h}."""
    vis = QAPISchemaGenQMPIntrospectVisitor(prefix, unmask)
    schema.visit(vis)
    vis.write(output_dir)


def gen_introspect_full(schema: QAPISchema, output_dir: str,
                        prefix: str) -> None:
    """The whole schema: <prefix>qapi-introspect-full.{c,h}."""
    main_name = os.path.splitext(os.path.basename(schema.fname))[0]
    vis = QAPISchemaGenIntrospectVisitor(prefix, main_name)
    schema.visit(vis)
    vis.write(output_dir)
