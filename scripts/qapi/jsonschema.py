# SPDX-License-Identifier: LGPL-2.1-or-later
"""
JSON Schema (draft 2020-12) back end.

Every type of the schema becomes an entry of "$defs", named as in the
schema (built-ins included: "str", "uint8", ...); arrays are written in
place.  The root of the document is the type given with
--json-schema-root (a "$ref"), so the file validates documents of that
type directly; other types are reachable as "<file>#/$defs/<name>".

The rules are those the C runtime enforces in strict mode:
- structs: "properties" for every member, "required" for the mandatory
  ones, "additionalProperties": false;
- unions: the common members, then one "if" (discriminator value) /
  "then" (that branch's members) per branch; "unevaluatedProperties":
  false rejects what neither the base nor the selected branch declares;
- alternates: "oneOf" over the branch types (a QAPI alternate's branches
  never accept the same JSON type, so exactly one matches);
- enums: "enum" of the wire names; integers: "minimum"/"maximum" of
  their C type; 'any' accepts everything.
'if' conditions cannot be expressed in JSON Schema: conditional types,
members and values are all present, as the schema text declares them.
Members and values with the feature 'deprecated' carry "deprecated": true.
Types and members carry their doc comment text as "description" (for
editors' hover help) when the schema was read with doc comments.

Rules a schema states only in prose (a member required in one mode, a
list that must not be empty) can be added with --json-schema-rules FILE:
a JSON object mapping type names to lists of subschemas, appended to the
type's "allOf".
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, Optional

from .doc import QAPIDoc
from .gen import write_if_changed
from .schema import (
    QAPISchema,
    QAPISchemaAlternatives,
    QAPISchemaArrayType,
    QAPISchemaBranches,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
    QAPISchemaVisitor,
)
from .source import QAPISourceInfo

DRAFT = 'https://json-schema.org/draft/2020-12/schema'

_INT_RANGES = {
    'int': (-2**63, 2**63 - 1),
    'int8': (-2**7, 2**7 - 1),
    'int16': (-2**15, 2**15 - 1),
    'int32': (-2**31, 2**31 - 1),
    'int64': (-2**63, 2**63 - 1),
    'uint8': (0, 2**8 - 1),
    'uint16': (0, 2**16 - 1),
    'uint32': (0, 2**32 - 1),
    'uint64': (0, 2**64 - 1),
    'size': (0, 2**64 - 1),
}

_SIMPLE_JSON_TYPES = {
    'string': 'string',
    'number': 'number',
    'boolean': 'boolean',
    'null': 'null',
}


def _is_deprecated(features: List[QAPISchemaFeature]) -> bool:
    return any(f.name == 'deprecated' for f in features)


def _doc_text(section: Optional[QAPIDoc.Section]) -> Optional[str]:
    """A doc section's text as one paragraph-preserving string."""
    text = section.text if section is not None else None
    if not text:
        return None
    paragraphs = [' '.join(p.split()) for p in re.split(r'\n\s*\n', text)]
    return '\n\n'.join(p for p in paragraphs if p) or None


class QAPISchemaGenJSONSchemaVisitor(QAPISchemaVisitor):

    def __init__(self) -> None:
        self.defs: Dict[str, Any] = {}
        self._schema: Optional[QAPISchema] = None

    def visit_begin(self, schema: QAPISchema) -> None:
        self._schema = schema

    def _doc_of(self, name: Optional[str]) -> Optional[QAPIDoc]:
        """The doc block documenting definition @name, if any."""
        if not name or self._schema is None:
            return None
        ent = self._schema.lookup_entity(name)
        doc = ent.doc if ent else None
        if doc is None and name.startswith('q_obj_'):
            # an implicit type is documented with its user
            owner = self._schema.lookup_entity(name[6:].rsplit('-', 1)[0])
            doc = owner.doc if owner else None
        return doc

    def _describe(self, schema: Dict[str, Any], name: str) -> None:
        doc = self._doc_of(name)
        text = _doc_text(doc.body if doc else None)
        if text:
            schema['description'] = text

    def _member_description(self,
                            memb: QAPISchemaObjectTypeMember) -> Optional[str]:
        doc = self._doc_of(memb.defined_in)
        return _doc_text(doc.args.get(memb.name) if doc else None)

    @staticmethod
    def ref(typ: QAPISchemaType) -> Dict[str, Any]:
        """A subschema for a value of type @typ."""
        if isinstance(typ, QAPISchemaArrayType):
            return {'type': 'array',
                    'items': QAPISchemaGenJSONSchemaVisitor.ref(
                        typ.element_type)}
        return {'$ref': '#/$defs/' + typ.name}

    def _members(self, members: List[QAPISchemaObjectTypeMember],
                 schema: Dict[str, Any]) -> None:
        props: Dict[str, Any] = {}
        required: List[str] = []
        for memb in members:
            sub = self.ref(memb.type)
            text = self._member_description(memb)
            if text:
                sub = dict(sub, description=text)
            if _is_deprecated(memb.features):
                sub = dict(sub, deprecated=True)
            props[memb.name] = sub
            if not memb.optional:
                required.append(memb.name)
        schema['properties'] = props
        if required:
            schema['required'] = required

    def visit_builtin_type(self, name: str, info: Optional[QAPISourceInfo],
                           json_type: str) -> None:
        if name in _INT_RANGES:
            low, high = _INT_RANGES[name]
            self.defs[name] = {'type': 'integer', 'minimum': low,
                               'maximum': high}
        elif json_type in _SIMPLE_JSON_TYPES:
            self.defs[name] = {'type': _SIMPLE_JSON_TYPES[json_type]}
        else:
            self.defs[name] = {}   # 'any'

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        schema: Dict[str, Any] = {'type': 'string',
                                  'enum': [m.name for m in members]}
        deprecated = [m.name for m in members if _is_deprecated(m.features)]
        if deprecated:
            # Annotation only: JSON Schema has no per-value 'deprecated'.
            schema['$comment'] = 'deprecated values: ' + ', '.join(deprecated)
        self._describe(schema, name)
        self.defs[name] = schema

    def _object_rules(self, members: List[QAPISchemaObjectTypeMember],
                      branches: Optional[QAPISchemaBranches]
                      ) -> Dict[str, Any]:
        """Properties, required members and per-branch rules, without
        the closing 'no other members' rule (so that it nests)."""
        rules: Dict[str, Any] = {}
        self._members(members, rules)
        if not branches:
            return rules
        tag = branches.tag_member.name
        cases = []
        for var in branches.variants:
            assert isinstance(var.type, QAPISchemaObjectType)
            then: Dict[str, Any] = {}
            if var.type.name != 'q_empty':
                then = self._object_rules(var.type.members,
                                          var.type.branches)
            cases.append({
                'if': {'properties': {tag: {'const': var.name}},
                       'required': [tag]},
                'then': then,
            })
        rules['allOf'] = cases
        return rules

    def visit_object_type_flat(self, name: str,
                               info: Optional[QAPISourceInfo],
                               ifcond: QAPISchemaIfCond,
                               features: List[QAPISchemaFeature],
                               members: List[QAPISchemaObjectTypeMember],
                               branches: Optional[QAPISchemaBranches]
                               ) -> None:
        schema: Dict[str, Any] = {'type': 'object'}
        schema.update(self._object_rules(members, branches))
        if branches:
            # Members a selected branch declares count as evaluated.
            schema['unevaluatedProperties'] = False
        else:
            schema['additionalProperties'] = False
        self._describe(schema, name)
        self.defs[name] = schema

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        schema: Dict[str, Any] = {'oneOf': [self.ref(v.type)
                                            for v in alternatives.variants]}
        self._describe(schema, name)
        self.defs[name] = schema


def load_rules(path: str) -> Dict[str, List[Dict[str, Any]]]:
    """The extra subschemas of @path, checked for shape."""
    from .error import QAPIError
    try:
        with open(path, encoding='utf-8') as f:
            rules = json.load(f)
    except (OSError, ValueError) as e:
        raise QAPIError("--json-schema-rules: %s: %s" % (path, e)) from e
    if not isinstance(rules, dict):
        raise QAPIError("--json-schema-rules: %s: not a JSON object" % path)
    # Keys starting with '$' ("$comment") are notes, not type names.
    rules = {k: v for k, v in rules.items() if not k.startswith('$')}
    if not all(isinstance(v, list) and all(isinstance(x, dict) for x in v)
               for v in rules.values()):
        raise QAPIError("--json-schema-rules: %s: not an object of lists "
                        "of subschemas" % path)
    return rules


def _add_rules(defs: Dict[str, Any],
               rules: Dict[str, List[Dict[str, Any]]]) -> None:
    from .error import QAPIError
    for name, extra in rules.items():
        if name not in defs:
            raise QAPIError("--json-schema-rules: no type '%s'" % name)
        defs[name].setdefault('allOf', []).extend(extra)


def build_json_schema(schema: QAPISchema,
                      root: Optional[str] = None,
                      rules: Optional[Dict[str, List[Dict[str, Any]]]]
                      = None) -> Dict[str, Any]:
    """The JSON Schema document for @schema, rooted at type @root."""
    vis = QAPISchemaGenJSONSchemaVisitor()
    schema.visit(vis)
    if rules:
        _add_rules(vis.defs, rules)
    doc: Dict[str, Any] = {'$schema': DRAFT}
    main_name = os.path.splitext(os.path.basename(schema.fname))[0]
    doc['title'] = 'QAPI schema %s' % main_name
    if root is not None:
        if root not in vis.defs:
            from .error import QAPIError
            raise QAPIError("--json-schema-root: no type '%s'" % root)
        doc['$ref'] = '#/$defs/' + root
    doc['$defs'] = vis.defs
    return doc


def gen_jsonschema(schema: QAPISchema, output_dir: str, prefix: str,
                   root: Optional[str] = None,
                   rules_file: Optional[str] = None) -> None:
    main_name = os.path.splitext(os.path.basename(schema.fname))[0]
    rules = load_rules(rules_file) if rules_file else None
    doc = build_json_schema(schema, root, rules)
    text = json.dumps(doc, indent=2) + '\n'
    # Named after the schema alone: the prefix tells C files of several
    # schemas apart, a JSON Schema file already carries its schema's name.
    del prefix
    path = os.path.join(output_dir, '%s.schema.json' % main_name)
    write_if_changed(path, text)
