# SPDX-License-Identifier: LGPL-2.1-or-later
"""
The semantic model of a QAPI schema.

QAPISchema reads a schema through the front end (parser + expression
checks), turns every definition into an entity object, resolves type
references, runs the semantic checks (unknown types, name clashes,
alternate ambiguity, union rules, ...) and connects doc comments.  Back
ends never see raw expressions: they subclass QAPISchemaVisitor and the
schema walks its entities module by module, in definition order.

Class names, visitor method signatures and error messages are those of
QEMU's scripts/qapi, so tools written against QEMU's model work here.
"""

from __future__ import annotations

import os

from .common import (
    POINTER_SUFFIX,
    c_name,
    cast,
    cgen_ifcond,
    docgen_ifcond,
    gen_endif,
    gen_if,
)
from .error import QAPIError, QAPISemError, QAPISourceError
from .doc import QAPIDoc
from .expr import check_exprs
from .parser import QAPIExpression, QAPISchemaParser
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Dict, List, Optional, Union, ValuesView

    from .common import IfCond
    from .expr import (
        AlternateExpr,
        BranchExpr,
        CommandExpr,
        EnumExpr,
        EnumValueExpr,
        EventExpr,
        FeatureExpr,
        IncludeExpr,
        MembersExpr,
        StructExpr,
        TypeRef,
        UnionExpr,
    )


class QAPISchemaIfCond:
    """An 'if' condition: a name, or a tree of 'all'/'any'/'not'."""

    # Thousands of these exist at once: slots keep them small.
    __slots__ = ('ifcond', '_c_text')

    def __init__(self, ifcond: IfCond = None) -> None:
        self.ifcond = ifcond
        self._c_text: Optional[str] = None

    def _cgen(self) -> str:
        if self._c_text is None:
            self._c_text = cgen_ifcond(self.ifcond)
        return self._c_text

    def gen_if(self) -> str:
        return gen_if(self._cgen()) if self.ifcond else ''

    def gen_endif(self) -> str:
        return gen_endif(self._cgen()) if self.ifcond else ''

    def docgen(self) -> str:
        return docgen_ifcond(self.ifcond)

    def is_present(self) -> bool:
        return bool(self.ifcond)


_NO_COND = QAPISchemaIfCond()


class QAPISchemaEntity:
    """What a schema is made of: definitions, and include directives."""

    def __init__(self, info: Optional[QAPISourceInfo]) -> None:
        self._module: Optional[QAPISchemaModule] = None
        # Explicit definitions: where they are defined.  Built-ins: None.
        # Implicit types: the place that made them necessary.
        self.info = info
        self._checked = False

    def __repr__(self) -> str:
        return '<%s at 0x%x>' % (type(self).__name__, id(self))

    def check(self, schema: QAPISchema) -> None:
        self._checked = True

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        pass

    def _set_module(self, schema: QAPISchema,
                    info: Optional[QAPISourceInfo]) -> None:
        fname = info.fname if info else QAPISchemaModule.BUILTIN_MODULE_NAME
        self._module = schema.module_by_fname(fname)
        self._module.add_entity(self)

    def set_module(self, schema: QAPISchema) -> None:
        self._set_module(schema, self.info)

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        pass


class QAPISchemaDefinition(QAPISchemaEntity):
    """A named definition: a type, a command or an event."""

    meta: str = ''

    def __init__(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        doc: Optional[QAPIDoc],
        ifcond: Optional[QAPISchemaIfCond] = None,
        features: Optional[List[QAPISchemaFeature]] = None,
    ) -> None:
        super().__init__(info)
        self.features = features or []
        for feat in self.features:
            feat.set_defined_in(name)
        self.name = name
        self.doc = doc
        self._ifcond = ifcond or _NO_COND

    def __repr__(self) -> str:
        return '<%s:%s at 0x%x>' % (type(self).__name__, self.name, id(self))

    def c_name(self) -> str:
        return c_name(self.name)

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        seen: Dict[str, QAPISchemaMember] = {}
        for feat in self.features:
            feat.check_clash(self.info, seen)

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        doc = doc or self.doc
        if doc:
            for feat in self.features:
                doc.connect_feature(feat)

    @property
    def ifcond(self) -> QAPISchemaIfCond:
        return self._ifcond

    def is_implicit(self) -> bool:
        return not self.info

    def describe(self) -> str:
        return "%s '%s'" % (self.meta, self.name)


class QAPISchemaVisitor:
    """Base class of back ends; every method is a no-op by default."""

    def visit_begin(self, schema: QAPISchema) -> None:
        pass

    def visit_end(self) -> None:
        pass

    def visit_module(self, name: str) -> None:
        pass

    def visit_needed(self, entity: QAPISchemaEntity) -> bool:
        return True

    def visit_include(self, name: str,
                      info: Optional[QAPISourceInfo]) -> None:
        pass

    def visit_builtin_type(self, name: str, info: Optional[QAPISourceInfo],
                           json_type: str) -> None:
        pass

    def visit_enum_type(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        members: List[QAPISchemaEnumMember],
        prefix: Optional[str],
    ) -> None:
        pass

    def visit_array_type(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        element_type: QAPISchemaType,
    ) -> None:
        pass

    def visit_object_type(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        base: Optional[QAPISchemaObjectType],
        members: List[QAPISchemaObjectTypeMember],
        branches: Optional[QAPISchemaBranches],
    ) -> None:
        pass

    def visit_object_type_flat(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        members: List[QAPISchemaObjectTypeMember],
        branches: Optional[QAPISchemaBranches],
    ) -> None:
        pass

    def visit_alternate_type(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        alternatives: QAPISchemaAlternatives,
    ) -> None:
        pass

    def visit_command(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        arg_type: Optional[QAPISchemaObjectType],
        ret_type: Optional[QAPISchemaType],
        gen: bool,
        success_response: bool,
        boxed: bool,
        allow_oob: bool,
        allow_preconfig: bool,
        coroutine: bool,
    ) -> None:
        pass

    def visit_event(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        arg_type: Optional[QAPISchemaObjectType],
        boxed: bool,
    ) -> None:
        pass


class QAPISchemaModule:
    """One schema file, or the system module holding the built-ins."""

    BUILTIN_MODULE_NAME = './builtin'

    def __init__(self, name: str) -> None:
        self.name = name
        self._entity_list: List[QAPISchemaEntity] = []

    @staticmethod
    def is_system_module(name: str) -> bool:
        return name.startswith('./')

    @classmethod
    def is_user_module(cls, name: str) -> bool:
        return not cls.is_system_module(name)

    @classmethod
    def is_builtin_module(cls, name: str) -> bool:
        return name == cls.BUILTIN_MODULE_NAME

    def add_entity(self, ent: QAPISchemaEntity) -> None:
        self._entity_list.append(ent)

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_module(self.name)
        for entity in self._entity_list:
            if visitor.visit_needed(entity):
                entity.visit(visitor)


class QAPISchemaInclude(QAPISchemaEntity):
    def __init__(self, sub_module: QAPISchemaModule,
                 info: QAPISourceInfo) -> None:
        super().__init__(info)
        self._sub_module = sub_module

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_include(self._sub_module.name, self.info)


class QAPISchemaType(QAPISchemaDefinition):
    """A type; subclasses say how it looks in C and in JSON."""

    _JSON_TO_QTYPE = {
        'null': 'QTYPE_QNULL',
        'string': 'QTYPE_QSTRING',
        'number': 'QTYPE_QNUM',
        'int': 'QTYPE_QNUM',
        'boolean': 'QTYPE_QBOOL',
        'array': 'QTYPE_QLIST',
        'object': 'QTYPE_QDICT',
    }

    def c_type(self) -> str:
        """The C type for ordinary use (a pointer for boxed types)."""
        raise NotImplementedError

    def c_param_type(self) -> str:
        return self.c_type()

    def c_unboxed_type(self) -> str:
        return self.c_type()

    def json_type(self) -> str:
        raise NotImplementedError

    def alternate_qtype(self) -> Optional[str]:
        return self._JSON_TO_QTYPE.get(self.json_type())

    def doc_type(self) -> Optional[str]:
        if self.is_implicit():
            return None
        return self.name

    def need_has_if_optional(self) -> bool:
        # A pointer member's presence is its non-NULLness: no has_ flag.
        return not self.c_type().endswith(POINTER_SUFFIX)

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        for feat in self.features:
            if feat.is_special():
                raise QAPISemError(
                    self.info,
                    "feature '%s' is not supported for types" % feat.name)

    def describe(self) -> str:
        return "%s type '%s'" % (self.meta, self.name)


class QAPISchemaBuiltinType(QAPISchemaType):
    meta = 'built-in'

    def __init__(self, name: str, json_type: str, c_type: str) -> None:
        super().__init__(name, None, None)
        self._json_type_name = json_type
        self._c_type_name = c_type

    def c_name(self) -> str:
        return self.name

    def c_type(self) -> str:
        return self._c_type_name

    def c_param_type(self) -> str:
        if self.name == 'str':
            return 'const ' + self._c_type_name
        return self._c_type_name

    def json_type(self) -> str:
        return self._json_type_name

    def doc_type(self) -> str:
        return self.json_type()

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_builtin_type(self.name, self.info, self.json_type())


class QAPISchemaEnumType(QAPISchemaType):
    meta = 'enum'

    def __init__(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        doc: Optional[QAPIDoc],
        ifcond: Optional[QAPISchemaIfCond],
        features: Optional[List[QAPISchemaFeature]],
        members: List[QAPISchemaEnumMember],
        prefix: Optional[str],
    ) -> None:
        super().__init__(name, info, doc, ifcond, features)
        for memb in members:
            memb.set_defined_in(name)
        self.members = members
        self.prefix = prefix

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        seen: Dict[str, QAPISchemaMember] = {}
        for memb in self.members:
            memb.check_clash(self.info, seen)

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        super().connect_doc(doc)
        doc = doc or self.doc
        for memb in self.members:
            memb.connect_doc(doc)

    def is_implicit(self) -> bool:
        # QType is predefined but has no info: still not 'implicit' in
        # the sense of the other built-ins' arrays
        return self.name == 'QType'

    def c_type(self) -> str:
        return c_name(self.name)

    def member_names(self) -> List[str]:
        return [m.name for m in self.members]

    def json_type(self) -> str:
        return 'string'

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_enum_type(self.name, self.info, self.ifcond,
                                self.features, self.members, self.prefix)


class QAPISchemaArrayType(QAPISchemaType):
    meta = 'array'

    def __init__(self, name: str, info: Optional[QAPISourceInfo],
                 element_type: str) -> None:
        super().__init__(name, info, None)
        self._element_type_name = element_type
        self.element_type: QAPISchemaType

    def need_has_if_optional(self) -> bool:
        # An empty list is NULL too: absent and empty need telling apart.
        return True

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        self.element_type = schema.resolve_type(
            self._element_type_name, self.info,
            self.info.defn_meta if self.info else None)
        assert not isinstance(self.element_type, QAPISchemaArrayType)

    def set_module(self, schema: QAPISchema) -> None:
        # An array lives with its element type, wherever it is used.
        self._set_module(schema, self.element_type.info)

    @property
    def ifcond(self) -> QAPISchemaIfCond:
        return self.element_type.ifcond

    def is_implicit(self) -> bool:
        return True

    def c_type(self) -> str:
        return c_name(self.name) + POINTER_SUFFIX

    def json_type(self) -> str:
        return 'array'

    def doc_type(self) -> Optional[str]:
        elt = self.element_type.doc_type()
        return 'array of ' + elt if elt else None

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_array_type(self.name, self.info, self.ifcond,
                                 self.element_type)

    def describe(self) -> str:
        return "%s type ['%s']" % (self.meta, self._element_type_name)


class QAPISchemaObjectType(QAPISchemaType):
    """A struct (local members, optional base) or a union (base and
    branches, no local members)."""

    def __init__(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        doc: Optional[QAPIDoc],
        ifcond: Optional[QAPISchemaIfCond],
        features: Optional[List[QAPISchemaFeature]],
        base: Optional[str],
        local_members: List[QAPISchemaObjectTypeMember],
        branches: Optional[QAPISchemaBranches],
    ) -> None:
        super().__init__(name, info, doc, ifcond, features)
        self.meta = 'union' if branches else 'struct'
        for memb in local_members:
            memb.set_defined_in(name)
        if branches is not None:
            branches.set_defined_in(name)
        self._base_name = base
        self.base: Optional[QAPISchemaObjectType] = None
        self.local_members = local_members
        self.branches = branches
        self.members: List[QAPISchemaObjectTypeMember] = []
        self._check_complete = False

    @property
    def variants(self) -> Optional[QAPISchemaBranches]:
        # Name used by QEMU before 9.1; kept for older visitors.
        return self.branches

    def check(self, schema: QAPISchema) -> None:
        # Checking a type checks every type whose C struct it embeds
        # (bases and union branches); meeting ourselves again on that
        # path means the C struct would contain itself.
        if self._check_complete:
            return
        if self._checked:
            raise QAPISemError(self.info,
                               "object %s contains itself" % self.name)
        super().check(schema)

        seen: Dict[str, QAPISchemaMember] = {}
        if self._base_name:
            base = schema.resolve_type(self._base_name, self.info, "'base'")
            if not isinstance(base, QAPISchemaObjectType) or base.branches:
                raise QAPISemError(
                    self.info,
                    "'base' requires a struct type, %s isn't"
                    % base.describe())
            self.base = base
            base.check(schema)
            base.check_clash(self.info, seen)
        for memb in self.local_members:
            memb.check(schema)
            memb.check_clash(self.info, seen)
        # Only the base's members and our own are in @seen so far.
        members = cast('List[QAPISchemaObjectTypeMember]',
                       list(seen.values()))

        if self.branches:
            self.branches.check(schema, seen)
            self.branches.check_clash(self.info, seen)

        self.members = members
        self._check_complete = True

    def check_clash(self, info: Optional[QAPISourceInfo],
                    seen: Dict[str, QAPISchemaMember]) -> None:
        """Add our members to @seen, reporting clashes against @info."""
        for memb in self.members:
            memb.check_clash(info, seen)
        if self.branches:
            self.branches.check_clash(info, seen)

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        super().connect_doc(doc)
        doc = doc or self.doc
        if self.base and self.base.is_implicit():
            self.base.connect_doc(doc)
        for memb in self.local_members:
            memb.connect_doc(doc)

    def is_implicit(self) -> bool:
        # q_empty and the q_obj_* types made for anonymous 'data'/'base'
        return self.name.startswith('q_')

    def is_empty(self) -> bool:
        return not self.members and not self.branches

    def has_conditional_members(self) -> bool:
        return any(m.ifcond.is_present() for m in self.members)

    def c_name(self) -> str:
        assert self.name != 'q_empty'
        return super().c_name()

    def c_type(self) -> str:
        assert not self.is_implicit()
        return c_name(self.name) + POINTER_SUFFIX

    def c_unboxed_type(self) -> str:
        return c_name(self.name)

    def json_type(self) -> str:
        return 'object'

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_object_type(self.name, self.info, self.ifcond,
                                  self.features, self.base,
                                  self.local_members, self.branches)
        visitor.visit_object_type_flat(self.name, self.info, self.ifcond,
                                       self.features, self.members,
                                       self.branches)


class QAPISchemaAlternateType(QAPISchemaType):
    meta = 'alternate'

    def __init__(
        self,
        name: str,
        info: QAPISourceInfo,
        doc: Optional[QAPIDoc],
        ifcond: Optional[QAPISchemaIfCond],
        features: List[QAPISchemaFeature],
        alternatives: QAPISchemaAlternatives,
    ) -> None:
        super().__init__(name, info, doc, ifcond, features)
        alternatives.set_defined_in(name)
        alternatives.tag_member.set_defined_in(name)
        self.alternatives = alternatives

    @property
    def variants(self) -> QAPISchemaAlternatives:
        return self.alternatives

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        self.alternatives.tag_member.check(schema)
        self.alternatives.check(schema, {})
        # Branch names are free: check them for clashes here, and check
        # that the JSON type of a value always picks exactly one branch.
        seen: Dict[str, QAPISchemaMember] = {}
        taken: Dict[str, str] = {}
        for var in self.alternatives.variants:
            var.check_clash(self.info, seen)
            qtype = var.type.alternate_qtype()
            if not qtype:
                raise QAPISemError(
                    self.info, "%s cannot use %s"
                    % (var.describe(self.info), var.type.describe()))
            claims = {qtype}
            if qtype == 'QTYPE_QSTRING':
                # A string branch also takes what the keyval parser
                # reads as bool or number; an enum only for its values.
                if isinstance(var.type, QAPISchemaEnumType):
                    for memb in var.type.members:
                        if memb.name in ('on', 'off'):
                            claims.add('QTYPE_QBOOL')
                        if memb.name[:1] in _NUMBER_START:
                            claims.add('QTYPE_QNUM')
                else:
                    claims.add('QTYPE_QNUM')
                    claims.add('QTYPE_QBOOL')
            for qt in sorted(claims):
                if qt in taken:
                    raise QAPISemError(
                        self.info, "%s can't be distinguished from '%s'"
                        % (var.describe(self.info), taken[qt]))
                taken[qt] = var.name

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        super().connect_doc(doc)
        doc = doc or self.doc
        for var in self.alternatives.variants:
            var.connect_doc(doc)

    def c_type(self) -> str:
        return c_name(self.name) + POINTER_SUFFIX

    def json_type(self) -> str:
        return 'value'

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_alternate_type(self.name, self.info, self.ifcond,
                                     self.features, self.alternatives)


class QAPISchemaVariants:
    """The branches of a union or an alternate."""

    def __init__(self, info: QAPISourceInfo,
                 variants: List[QAPISchemaVariant]) -> None:
        self.info = info
        self.tag_member: QAPISchemaObjectTypeMember
        self.variants = variants

    def set_defined_in(self, name: str) -> None:
        for var in self.variants:
            var.set_defined_in(name)

    def check(self, schema: QAPISchema,
              seen: Dict[str, QAPISchemaMember]) -> None:
        for var in self.variants:
            var.check(schema)


class QAPISchemaBranches(QAPISchemaVariants):
    """A union's branches, selected by the discriminator member."""

    def __init__(self, info: QAPISourceInfo,
                 variants: List[QAPISchemaVariant], tag_name: str) -> None:
        super().__init__(info, variants)
        self._tag_name = tag_name

    def check(self, schema: QAPISchema,
              seen: Dict[str, QAPISchemaMember]) -> None:
        tag_member = seen.get(c_name(self._tag_name))
        base = "'base'"
        if (tag_member is None or self._tag_name != tag_member.name
                or not isinstance(tag_member, QAPISchemaObjectTypeMember)):
            raise QAPISemError(
                self.info, "discriminator '%s' is not a member of %s"
                % (self._tag_name, base))
        self.tag_member = tag_member
        assert tag_member.defined_in
        base_type = schema.lookup_type(tag_member.defined_in)
        assert base_type
        if not base_type.is_implicit():
            base = "base type '%s'" % tag_member.defined_in
        tag_type = tag_member.type
        if not isinstance(tag_type, QAPISchemaEnumType):
            raise QAPISemError(
                self.info,
                "discriminator member '%s' of %s must be of enum type"
                % (self._tag_name, base))
        if tag_member.optional:
            raise QAPISemError(
                self.info,
                "discriminator member '%s' of %s must not be optional"
                % (self._tag_name, base))
        if tag_member.ifcond.is_present():
            raise QAPISemError(
                self.info,
                "discriminator member '%s' of %s must not be conditional"
                % (self._tag_name, base))
        # An enum value the union does not list still gets a branch, with
        # nothing in it.
        covered = {v.name for v in self.variants}
        for memb in tag_type.members:
            if memb.name not in covered:
                var = QAPISchemaVariant(memb.name, self.info, 'q_empty',
                                        memb.ifcond)
                var.set_defined_in(tag_member.defined_in)
                self.variants.append(var)
        if not self.variants:
            raise QAPISemError(self.info, "union has no branches")
        values = set(tag_type.member_names())
        for var in self.variants:
            var.check(schema)
            if var.name not in values:
                raise QAPISemError(
                    self.info, "branch '%s' is not a value of %s"
                    % (var.name, tag_type.describe()))
            if not isinstance(var.type, QAPISchemaObjectType):
                raise QAPISemError(
                    self.info, "%s cannot use %s"
                    % (var.describe(self.info), var.type.describe()))
            var.type.check(schema)

    def check_clash(self, info: Optional[QAPISourceInfo],
                    seen: Dict[str, QAPISchemaMember]) -> None:
        # Each branch shares only the common members with its siblings.
        for var in self.variants:
            assert isinstance(var.type, QAPISchemaObjectType)
            var.type.check_clash(info, dict(seen))


class QAPISchemaAlternatives(QAPISchemaVariants):
    """An alternate's branches, selected by the JSON type (QType tag)."""

    def __init__(self, info: QAPISourceInfo,
                 variants: List[QAPISchemaVariant],
                 tag_member: QAPISchemaObjectTypeMember) -> None:
        super().__init__(info, variants)
        self.tag_member = tag_member


class QAPISchemaMember:
    """An object member, enum value, branch or feature."""

    role = 'member'

    def __init__(self, name: str, info: Optional[QAPISourceInfo],
                 ifcond: Optional[QAPISchemaIfCond] = None) -> None:
        self.name = name
        self.info = info
        self.ifcond = ifcond or _NO_COND
        self.defined_in: Optional[str] = None

    def set_defined_in(self, name: str) -> None:
        assert not self.defined_in
        self.defined_in = name

    def check_clash(self, info: Optional[QAPISourceInfo],
                    seen: Dict[str, QAPISchemaMember]) -> None:
        cname = c_name(self.name)
        other = seen.get(cname)
        if other is not None:
            raise QAPISemError(
                info, "%s collides with %s"
                % (self.describe(info), other.describe(info)))
        seen[cname] = self

    def connect_doc(self, doc: Optional[QAPIDoc]) -> None:
        if doc:
            doc.connect_member(self)

    def describe(self, info: Optional[QAPISourceInfo]) -> str:
        role = self.role
        meta = 'type'
        defined_in = self.defined_in
        assert defined_in
        if defined_in.startswith('q_obj_'):
            # Undo _make_implicit_object_type()'s naming for the reader.
            defined_in = defined_in[6:]
            if defined_in.endswith('-arg'):
                role = 'parameter'
                meta = 'command'
                defined_in = defined_in[:-4]
            elif defined_in.endswith('-base'):
                role = 'base ' + role
                defined_in = defined_in[:-5]
        if info is None or defined_in != info.defn_name:
            return "%s '%s' of %s '%s'" % (role, self.name, meta, defined_in)
        return "%s '%s'" % (role, self.name)


class _QAPISchemaFeaturedMember(QAPISchemaMember):
    """A member that can carry features (enum values, object members)."""

    def __init__(self, name: str, info: Optional[QAPISourceInfo],
                 ifcond: Optional[QAPISchemaIfCond] = None,
                 features: Optional[List[QAPISchemaFeature]] = None) -> None:
        super().__init__(name, info, ifcond)
        self.features = features or []
        for feat in self.features:
            feat.set_defined_in(name)

    def connect_doc(self, doc: Optional[QAPIDoc]) -> None:
        super().connect_doc(doc)
        if doc:
            for feat in self.features:
                doc.connect_feature(feat)


class QAPISchemaEnumMember(_QAPISchemaFeaturedMember):
    role = 'value'


class QAPISchemaFeature(QAPISchemaMember):
    role = 'feature'

    # Features with a meaning for every schema, in QapiSpecialFeature order
    SPECIAL_NAMES = ['deprecated', 'unstable']

    def is_special(self) -> bool:
        return self.name in QAPISchemaFeature.SPECIAL_NAMES


class QAPISchemaObjectTypeMember(_QAPISchemaFeaturedMember):
    def __init__(self, name: str, info: QAPISourceInfo, typ: str,
                 optional: bool,
                 ifcond: Optional[QAPISchemaIfCond] = None,
                 features: Optional[List[QAPISchemaFeature]] = None) -> None:
        super().__init__(name, info, ifcond, features)
        self._type_name = typ
        self.type: QAPISchemaType
        self.optional = optional

    def need_has(self) -> bool:
        return self.optional and self.type.need_has_if_optional()

    def check(self, schema: QAPISchema) -> None:
        assert self.defined_in
        self.type = schema.resolve_type(self._type_name, self.info,
                                        self.describe)
        seen: Dict[str, QAPISchemaMember] = {}
        for feat in self.features:
            feat.check_clash(self.info, seen)


class QAPISchemaVariant(QAPISchemaObjectTypeMember):
    role = 'branch'

    def __init__(self, name: str, info: QAPISourceInfo, typ: str,
                 ifcond: QAPISchemaIfCond) -> None:
        super().__init__(name, info, typ, False, ifcond)


class _QAPISchemaArgsDefinition(QAPISchemaDefinition):
    """A command or event: an argument type ('data'), maybe 'boxed'."""

    def __init__(
        self,
        name: str,
        info: QAPISourceInfo,
        doc: Optional[QAPIDoc],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        arg_type: Optional[str],
        boxed: bool,
    ) -> None:
        super().__init__(name, info, doc, ifcond, features)
        self._arg_type_name = arg_type
        self.arg_type: Optional[QAPISchemaObjectType] = None
        self.boxed = boxed

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        self.arg_type = self._check_arg_type(schema)

    def _check_arg_type(
            self, schema: QAPISchema) -> Optional[QAPISchemaObjectType]:
        """The rules commands and events share for their 'data'."""
        if not self._arg_type_name:
            return None
        meta = self.meta
        typ = schema.resolve_type(self._arg_type_name, self.info,
                                  "%s's 'data'" % meta)
        if not isinstance(typ, QAPISchemaObjectType):
            raise QAPISemError(self.info, "%s's 'data' cannot take %s"
                               % (meta, typ.describe()))
        if typ.branches and not self.boxed:
            raise QAPISemError(
                self.info, "%s's 'data' can take %s only with 'boxed': true"
                % (meta, typ.describe()))
        typ.check(schema)
        if typ.has_conditional_members() and not self.boxed:
            raise QAPISemError(
                self.info,
                "conditional %s arguments require 'boxed': true" % meta)
        return typ

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        super().connect_doc(doc)
        doc = doc or self.doc
        if doc and self.arg_type and self.arg_type.is_implicit():
            self.arg_type.connect_doc(doc)


class QAPISchemaCommand(_QAPISchemaArgsDefinition):
    meta = 'command'

    def __init__(
        self,
        name: str,
        info: QAPISourceInfo,
        doc: Optional[QAPIDoc],
        ifcond: QAPISchemaIfCond,
        features: List[QAPISchemaFeature],
        arg_type: Optional[str],
        ret_type: Optional[str],
        gen: bool,
        success_response: bool,
        boxed: bool,
        allow_oob: bool,
        allow_preconfig: bool,
        coroutine: bool,
    ) -> None:
        super().__init__(name, info, doc, ifcond, features, arg_type, boxed)
        self._ret_type_name = ret_type
        self.ret_type: Optional[QAPISchemaType] = None
        self.gen = gen
        self.success_response = success_response
        self.allow_oob = allow_oob
        self.allow_preconfig = allow_preconfig
        self.coroutine = coroutine

    def check(self, schema: QAPISchema) -> None:
        super().check(schema)
        if self._ret_type_name:
            self.ret_type = schema.resolve_type(
                self._ret_type_name, self.info, "command's 'returns'")
            assert self.info is not None
            exceptions = self.info.pragma.command_returns_exceptions
            if self.name not in exceptions:
                typ = self.ret_type
                if isinstance(typ, QAPISchemaArrayType):
                    typ = typ.element_type
                if not isinstance(typ, QAPISchemaObjectType):
                    raise QAPISemError(
                        self.info, "command's 'returns' cannot take %s"
                        % self.ret_type.describe())

    def connect_doc(self, doc: Optional[QAPIDoc] = None) -> None:
        super().connect_doc(doc)
        doc = doc or self.doc
        if doc:
            if self.ret_type and self.info:
                doc.ensure_returns(self.info)

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_command(
            self.name, self.info, self.ifcond, self.features,
            self.arg_type, self.ret_type, self.gen, self.success_response,
            self.boxed, self.allow_oob, self.allow_preconfig,
            self.coroutine)


class QAPISchemaEvent(_QAPISchemaArgsDefinition):
    meta = 'event'

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_event(self.name, self.info, self.ifcond,
                            self.features, self.arg_type, self.boxed)


_BUILTINS = [
    ('str', 'string', 'char' + POINTER_SUFFIX),
    ('number', 'number', 'double'),
    ('int', 'int', 'int64_t'),
    ('int8', 'int', 'int8_t'),
    ('int16', 'int', 'int16_t'),
    ('int32', 'int', 'int32_t'),
    ('int64', 'int', 'int64_t'),
    ('uint8', 'int', 'uint8_t'),
    ('uint16', 'int', 'uint16_t'),
    ('uint32', 'int', 'uint32_t'),
    ('uint64', 'int', 'uint64_t'),
    ('size', 'int', 'uint64_t'),
    ('bool', 'boolean', 'bool'),
    # Our runtime's JSON data model is json-glib's, not QObject.
    ('any', 'value', 'JsonNode' + POINTER_SUFFIX),
    ('null', 'null', 'QNull' + POINTER_SUFFIX),
]

# What a number starts with (the keyval parser reads it as one).
_NUMBER_START = frozenset('-+0123456789.')

_QTYPES = ['none', 'qnull', 'qnum', 'qstring', 'qdict', 'qlist', 'qbool']


class QAPISchema:
    """A checked schema: entities by name, modules in definition order."""

    def __init__(
        self,
        fname: str,
        include_path: Optional[List[str]] = None,
        pragma_file: Optional[str] = None,
        doc_checks: bool = True,
        doc_style: bool = False,
    ) -> None:
        self.fname = fname
        self._doc_checks = doc_checks
        self._include_path = list(include_path or [])
        self._module_names: Dict[str, str] = {}
        parser = self._parse(fname, include_path, pragma_file, doc_checks,
                             doc_style)
        exprs = check_exprs(parser.exprs)
        self.docs: List[QAPIDoc] = list(parser.docs)
        self._entity_list: List[QAPISchemaEntity] = []
        self._entity_dict: Dict[str, QAPISchemaDefinition] = {}
        self._module_dict: Dict[str, QAPISchemaModule] = {}
        # Every feature name used anywhere, first use wins; the special
        # ones come first so that their numbering matches QapiSpecialFeature
        self._feature_dict: Dict[str, QAPISchemaFeature] = {
            name: QAPISchemaFeature(name, None)
            for name in QAPISchemaFeature.SPECIAL_NAMES}
        self._schema_dir = os.path.dirname(fname)
        self._make_module(QAPISchemaModule.BUILTIN_MODULE_NAME)
        self._make_module(fname)
        self._predefining = True
        self._def_predefineds()
        self._predefining = False
        self._def_exprs(exprs)
        self.check()

    @staticmethod
    def _parse(fname: str, include_path: Optional[List[str]],
               pragma_file: Optional[str], doc_checks: bool,
               doc_style: bool) -> QAPISchemaParser:
        try:
            return QAPISchemaParser(
                fname, include_path=include_path or (),
                pragma_file=pragma_file, doc_checks=doc_checks,
                doc_style=doc_style)
        except OSError as err:
            raise QAPIError("can't read schema file '%s': %s"
                            % (fname, err.strerror)) from err

    def features(self) -> ValuesView[QAPISchemaFeature]:
        return self._feature_dict.values()

    def _def_entity(self, ent: QAPISchemaEntity) -> None:
        self._entity_list.append(ent)

    def _def_definition(self, defn: QAPISchemaDefinition) -> None:
        assert defn.info or self._predefining
        self._def_entity(defn)
        other = self._entity_dict.get(defn.name)
        if other:
            if other.info:
                where = QAPISourceError(other.info, 'previous definition')
                raise QAPISemError(
                    defn.info,
                    "'%s' is already defined\n%s" % (defn.name, where))
            raise QAPISemError(
                defn.info, '%s is already defined' % other.describe())
        self._entity_dict[defn.name] = defn

    def lookup_entity(self, name: str) -> Optional[QAPISchemaDefinition]:
        return self._entity_dict.get(name)

    def lookup_type(self, name: str) -> Optional[QAPISchemaType]:
        typ = self._entity_dict.get(name)
        if isinstance(typ, QAPISchemaType):
            return typ
        return None

    def resolve_type(
        self,
        name: str,
        info: Optional[QAPISourceInfo],
        what: Union[None, str, Callable[[QAPISourceInfo], str]],
    ) -> QAPISchemaType:
        typ = self.lookup_type(name)
        if not typ:
            assert info and what
            if callable(what):
                what = what(info)
            raise QAPISemError(
                info, "%s uses unknown type '%s'" % (what, name))
        return typ

    def _module_name(self, fname: str) -> str:
        # Asked once per entity: os.path.relpath() is not cheap.
        name = self._module_names.get(fname)
        if name is None:
            name = self._module_names[fname] = self._find_module_name(fname)
        return name

    def _find_module_name(self, fname: str) -> str:
        if QAPISchemaModule.is_system_module(fname):
            return fname
        # As QEMU: relative to the main schema's directory.  A module
        # reached through '../' belongs to another schema's output...
        name = os.path.relpath(fname, self._schema_dir)
        if name.startswith('..' + os.sep):
            for directory in self._include_path:
                # ... unless found through -I outside the schema's
                # directory: then it is named as the include directive
                # wrote it, so that its output goes to the output directory.
                if fname.startswith(os.path.join(directory, '')):
                    return os.path.relpath(fname, directory)
        return name

    def _make_module(self, fname: str) -> QAPISchemaModule:
        name = self._module_name(fname)
        mod = self._module_dict.get(name)
        if mod is None:
            mod = self._module_dict[name] = QAPISchemaModule(name)
        return mod

    def module_by_fname(self, fname: str) -> QAPISchemaModule:
        return self._module_dict[self._module_name(fname)]

    def _def_include(self, expr: QAPIExpression) -> None:
        body: IncludeExpr = cast('IncludeExpr', expr)
        self._def_entity(QAPISchemaInclude(
            self._make_module(body['include']), expr.info))

    def _def_builtin_type(self, name: str, json_type: str,
                          c_type: str) -> None:
        self._def_definition(QAPISchemaBuiltinType(name, json_type, c_type))
        # Every built-in gets its array: qapi-builtin-types.h is shared by
        # all schemas, so it cannot depend on what one schema uses.
        self._make_array_type(name, None)

    def _def_predefineds(self) -> None:
        for name, json_type, c_type in _BUILTINS:
            self._def_builtin_type(name, json_type, c_type)
        self.the_empty_object_type = QAPISchemaObjectType(
            'q_empty', None, None, None, None, None, [], None)
        self._def_definition(self.the_empty_object_type)
        self._def_definition(QAPISchemaEnumType(
            'QType', None, None, None, None,
            self._make_enum_members([{'name': n} for n in _QTYPES], None),
            None))

    def _make_features(self, features: Optional[List[FeatureExpr]],
                       info: Optional[QAPISourceInfo]
                       ) -> List[QAPISchemaFeature]:
        if not features:
            return []
        result = []
        for feat in features:
            name = feat['name']
            if name not in self._feature_dict:
                self._feature_dict[name] = QAPISchemaFeature(name, info)
            result.append(QAPISchemaFeature(
                name, info, QAPISchemaIfCond(feat.get('if'))))
        return result

    def _make_enum_members(self, values: List[EnumValueExpr],
                           info: Optional[QAPISourceInfo]
                           ) -> List[QAPISchemaEnumMember]:
        return [QAPISchemaEnumMember(
                    v['name'], info, QAPISchemaIfCond(v.get('if')),
                    self._make_features(v.get('features'), info))
                for v in values]

    def _make_array_type(self, element_type: str,
                         info: Optional[QAPISourceInfo]) -> str:
        name = element_type + 'List'  # such names are reserved to us
        if name not in self._entity_dict:
            self._def_definition(
                QAPISchemaArrayType(name, info, element_type))
        return name

    def _make_implicit_object_type(
        self,
        name: str,
        info: QAPISourceInfo,
        ifcond: QAPISchemaIfCond,
        role: str,
        members: List[QAPISchemaObjectTypeMember],
    ) -> Optional[str]:
        if not members:
            return None
        name = 'q_obj_%s-%s' % (name, role)
        # Already there: two definitions share the name, and
        # _def_definition() says so when it meets the second.
        if name not in self._entity_dict:
            self._def_definition(QAPISchemaObjectType(
                name, info, None, ifcond, None, None, members, None))
        return name

    def _def_enum_type(self, expr: QAPIExpression) -> None:
        body: EnumExpr = cast('EnumExpr', expr)
        info = expr.info
        self._def_definition(QAPISchemaEnumType(
            body['enum'], info, expr.doc, QAPISchemaIfCond(body.get('if')),
            self._make_features(body.get('features'), info),
            self._make_enum_members(body['data'], info),
            body.get('prefix')))

    def _make_member(self, name: str, typ: TypeRef,
                     ifcond: QAPISchemaIfCond,
                     features: Optional[List[FeatureExpr]],
                     info: QAPISourceInfo) -> QAPISchemaObjectTypeMember:
        optional = name.startswith('*')
        if optional:
            name = name[1:]
        if isinstance(typ, list):
            assert len(typ) == 1
            typ = self._make_array_type(typ[0], info)
        return QAPISchemaObjectTypeMember(
            name, info, typ, optional, ifcond,
            self._make_features(features, info))

    def _make_members(self, data: MembersExpr,
                      info: QAPISourceInfo
                      ) -> List[QAPISchemaObjectTypeMember]:
        return [self._make_member(key, value['type'],
                                  QAPISchemaIfCond(value.get('if')),
                                  value.get('features'), info)
                for key, value in data.items()]

    def _def_struct_type(self, expr: QAPIExpression) -> None:
        body: StructExpr = cast('StructExpr', expr)
        info = expr.info
        self._def_definition(QAPISchemaObjectType(
            body['struct'], info, expr.doc,
            QAPISchemaIfCond(body.get('if')),
            self._make_features(body.get('features'), info),
            body.get('base'), self._make_members(body['data'], info), None))

    def _make_variant(self, case: str, typ: TypeRef,
                      ifcond: QAPISchemaIfCond,
                      info: QAPISourceInfo) -> QAPISchemaVariant:
        if isinstance(typ, list):
            assert len(typ) == 1
            typ = self._make_array_type(typ[0], info)
        return QAPISchemaVariant(case, info, typ, ifcond)

    def _make_variants(self, data: Dict[str, BranchExpr],
                       info: QAPISourceInfo) -> List[QAPISchemaVariant]:
        return [self._make_variant(key, value['type'],
                                   QAPISchemaIfCond(value.get('if')), info)
                for key, value in data.items()]

    def _def_union_type(self, expr: QAPIExpression) -> None:
        body: UnionExpr = cast('UnionExpr', expr)
        name = body['union']
        base_expr = body['base']
        info = expr.info
        ifcond = QAPISchemaIfCond(body.get('if'))
        features = self._make_features(body.get('features'), info)
        if isinstance(base_expr, dict):
            base = self._make_implicit_object_type(
                name, info, ifcond, 'base',
                self._make_members(base_expr, info))
        else:
            base = base_expr
        variants = self._make_variants(body['data'], info)
        self._def_definition(QAPISchemaObjectType(
            name, info, expr.doc, ifcond, features, base, [],
            QAPISchemaBranches(info, variants, body['discriminator'])))

    def _def_alternate_type(self, expr: QAPIExpression) -> None:
        body: AlternateExpr = cast('AlternateExpr', expr)
        info = expr.info
        variants = self._make_variants(body['data'], info)
        tag_member = QAPISchemaObjectTypeMember('type', info, 'QType', False)
        self._def_definition(QAPISchemaAlternateType(
            body['alternate'], info, expr.doc,
            QAPISchemaIfCond(body.get('if')),
            self._make_features(body.get('features'), info),
            QAPISchemaAlternatives(info, variants, tag_member)))

    def _def_command(self, expr: QAPIExpression) -> None:
        body: CommandExpr = cast('CommandExpr', expr)
        name = body['command']
        data = body.get('data')
        rets = body.get('returns')
        info = expr.info
        ifcond = QAPISchemaIfCond(body.get('if'))
        features = self._make_features(body.get('features'), info)
        if isinstance(data, dict):
            data = self._make_implicit_object_type(
                name, info, ifcond, 'arg', self._make_members(data, info))
        if isinstance(rets, list):
            assert len(rets) == 1
            rets = self._make_array_type(rets[0], info)
        self._def_definition(QAPISchemaCommand(
            name, info, expr.doc, ifcond, features, data, rets,
            body.get('gen', True), body.get('success-response', True),
            body.get('boxed', False), body.get('allow-oob', False),
            body.get('allow-preconfig', False),
            body.get('coroutine', False)))

    def _def_event(self, expr: QAPIExpression) -> None:
        body: EventExpr = cast('EventExpr', expr)
        name = body['event']
        data = body.get('data')
        info = expr.info
        ifcond = QAPISchemaIfCond(body.get('if'))
        features = self._make_features(body.get('features'), info)
        if isinstance(data, dict):
            data = self._make_implicit_object_type(
                name, info, ifcond, 'arg', self._make_members(data, info))
        self._def_definition(QAPISchemaEvent(
            name, info, expr.doc, ifcond, features, data,
            body.get('boxed', False)))

    def _def_exprs(self, exprs: List[QAPIExpression]) -> None:
        handlers = {
            'enum': self._def_enum_type,
            'struct': self._def_struct_type,
            'union': self._def_union_type,
            'alternate': self._def_alternate_type,
            'command': self._def_command,
            'event': self._def_event,
            'include': self._def_include,
        }
        for expr in exprs:
            for key, handler in handlers.items():
                if key in expr:
                    handler(expr)
                    break
            else:
                assert False, 'unexpected expression %r' % expr

    def check(self) -> None:
        for ent in self._entity_list:
            ent.check(self)
            if self._doc_checks:
                ent.connect_doc()
        for ent in self._entity_list:
            ent.set_module(self)
        if self._doc_checks:
            for doc in self.docs:
                doc.check()
        features = list(self._feature_dict.values())
        if len(features) > 64:
            raise QAPISemError(features[64].info,
                               'Maximum of 64 schema features is permitted')

    def visit(self, visitor: QAPISchemaVisitor) -> None:
        visitor.visit_begin(self)
        for mod in self._module_dict.values():
            mod.visit(visitor)
        visitor.visit_end()
