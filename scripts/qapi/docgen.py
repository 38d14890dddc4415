# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Documentation back end: the schema's doc comments as Markdown and roff.

A schema visitor turns every definition into a heading and blocks (its
description, its members with their types, whether they are optional,
the default where the description states one, features and 'if'
conditions, then the tagged sections); free-form doc comments (section
headings, introductions) stay where the schema has them.  Type names
become cross-references.  docwrite.py writes the result:

- <prefix><main>.md, Markdown (CommonMark);
- a man page: with --man-template DIR/NAME.SECTION.in, NAME.SECTION,
  the template with its '@DEFINITIONS@' line replaced by the reference;
  without, <prefix><main>.7 from a built-in template.
"""

from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Set

from .doc import QAPIDoc
from .docmarkup import (
    Block,
    Code,
    Heading,
    Inline,
    Para,
    Ref,
    Resolver,
    Strong,
    Terms,
    Text,
    parse_blocks,
)
from .docwrite import Document, write_man, write_markdown
from .error import QAPIError
from .gen import write_if_changed
from .schema import (
    QAPISchema,
    QAPISchemaAlternatives,
    QAPISchemaArrayType,
    QAPISchemaBranches,
    QAPISchemaDefinition,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaObjectTypeMember,
    QAPISchemaType,
    QAPISchemaVisitor,
)
from .source import QAPISourceInfo

Term = List[Inline]

# How descriptions state a default: "(default: X)", "(since 1.0;
# default: X)", "Defaults to X.",
# "default is X", "An absent @m means @X."; X must end the clause, so
# that "default is 64K if ..." is left to the prose.
_DEFAULTS = [
    re.compile(r'(?:\(|[;,] )default(?: value)?(?::| is)?\s+'
               r'([^,;()]+?)\s*[,;)]', re.I),
    re.compile(r'\bdefault(?:s to| is| value is|:)\s+'
               r'(@?[\w\'".+-]+?)(?=[.,;)]?$|[.,;)]\s|\s\()', re.I),
    re.compile(r'\babsent(?: @[\w-]+)? means\s+(@?[\w.+-]+?)(?=[.,;)]?$|'
               r'[.,;)]\s)', re.I),
]
_NOT_VALUES = {'a', 'an', 'the', 'to', 'not', 'no', 'that', 'this', 'it'}


def stated_default(text: str) -> Optional[str]:
    """The default value a member description @text states, if any."""
    text = ' '.join(text.split())
    for pattern in _DEFAULTS:
        match = pattern.search(text)
        if match:
            value = match.group(1).strip().lstrip('@').strip('\'"')
            if value and value.lower() not in _NOT_VALUES:
                return value
    return None


def _label(text: str, rest: Optional[List[Inline]] = None) -> Para:
    return Para([Strong(text)] + ([Text(' ')] + rest if rest else []))


def _cond(ifcond: QAPISchemaIfCond) -> Optional[str]:
    return ifcond.docgen() if ifcond.is_present() else None


class _Definition:
    def __init__(self, name: str, meta: str, blocks: List[Block]) -> None:
        self.name = name
        self.meta = meta
        self.blocks = blocks


class QAPISchemaGenDocVisitor(QAPISchemaVisitor):
    """Builds the reference, one _Definition per schema definition."""

    def __init__(self, schema: QAPISchema) -> None:
        self._schema = schema
        self.definitions: Dict[str, _Definition] = {}
        self.order: List[str] = []

    # Cross-references

    def _documented(self, name: str) -> Optional[QAPISchemaDefinition]:
        """The definition @name when it gets a heading of its own."""
        ent = self._schema.lookup_entity(name)
        if ent is None or ent.info is None or ent.is_implicit():
            return None
        return ent

    def resolver(self, local: Set[str]) -> Resolver:
        """What `name` and @name mean in a definition whose members,
        values and features are @local."""
        def resolve(name: str, at_sign: bool) -> Inline:
            if at_sign and name in local:
                return Code(name)
            if self._documented(name):
                return Ref(name)
            return Code(name)
        return resolve

    def type_inlines(self, typ: QAPISchemaType) -> List[Inline]:
        if isinstance(typ, QAPISchemaArrayType):
            return [Text('array of ')] + self.type_inlines(typ.element_type)
        if self._documented(typ.name):
            return [Ref(typ.name)]
        return [Code(typ.name)]

    # Pieces of a definition

    def _text(self, doc: Optional[QAPIDoc],
              section: Optional[QAPIDoc.Section],
              local: Set[str]) -> List[Block]:
        if doc is None or section is None or not section.text:
            return []
        continued = section.kind is not QAPIDoc.Kind.PLAIN
        return parse_blocks(section.text, self.resolver(local), continued)

    @staticmethod
    def _local_names(doc: Optional[QAPIDoc]) -> Set[str]:
        if doc is None:
            return set()
        return set(doc.args) | set(doc.features)

    @staticmethod
    def _notes(ifcond: QAPISchemaIfCond,
               features: List[QAPISchemaFeature]) -> List[Inline]:
        """', if COND, feature F' for a member's term."""
        notes: List[Inline] = []
        cond = _cond(ifcond)
        if cond:
            notes += [Text(', if '), Code(cond)]
        for feat in features:
            notes += [Text(', feature '), Code(feat.name)]
        return notes

    @staticmethod
    def _parenthesize(notes: List[Inline]) -> List[Inline]:
        # notes start with ', '
        if not notes:
            return []
        first = notes[0]
        assert isinstance(first, Text)
        return [Text(' (' + first.text[2:])] + notes[1:] + [Text(')')]

    def _member(self, memb: QAPISchemaObjectTypeMember,
                doc: Optional[QAPIDoc], local: Set[str]
                ) -> tuple[Term, List[Block]]:
        section = doc.args.get(memb.name) if doc else None
        notes: List[Inline] = []
        if memb.optional:
            notes.append(Text(', optional'))
            default = stated_default(section.text) if section else None
            if default:
                notes += [Text(', default '), Code(default)]
        notes += self._notes(memb.ifcond, memb.features)
        term: Term = [Code(memb.name), Text(': ')]
        term += self.type_inlines(memb.type) + self._parenthesize(notes)
        return term, self._text(doc, section, local)

    def _members_of(self, typ: QAPISchemaObjectType) -> tuple[Term,
                                                              List[Block]]:
        return [Text('The members of '), Ref(typ.name)], []

    def _object_terms(self, base: Optional[QAPISchemaObjectType],
                      members: List[QAPISchemaObjectTypeMember],
                      branches: Optional[QAPISchemaBranches],
                      doc: Optional[QAPIDoc], local: Set[str]
                      ) -> List[tuple[Term, List[Block]]]:
        items = []
        if base is not None and base.is_implicit():
            members = base.local_members + members
        elif base is not None:
            items.append(self._members_of(base))
        items += [self._member(memb, doc, local) for memb in members]
        if branches is None:
            return items
        tag = branches.tag_member.name
        for var in branches.variants:
            assert isinstance(var.type, QAPISchemaObjectType)
            if var.type.is_empty() and var.type.is_implicit():
                continue
            term: Term = [Text('When '), Code(tag), Text(' is '),
                          Code(var.name)]
            term += self._parenthesize(self._notes(var.ifcond, []))
            if var.type.is_implicit():
                # An implicit branch type has no heading to refer to.
                body: List[Block] = [Terms([
                    self._member(m, doc, local)
                    for m in var.type.local_members])]
            else:
                body = [Para([Text('The members of '), Ref(var.type.name),
                              Text('.')])]
            items.append((term, body))
        return items

    def _features(self, features: List[QAPISchemaFeature],
                  doc: Optional[QAPIDoc], local: Set[str]) -> List[Block]:
        """Every feature the doc describes (members' too), else the
        definition's own."""
        items = []
        own = {feat.name: feat for feat in features}
        names = list(doc.features) if doc else list(own)
        for name in names:
            term: Term = [Code(name)]
            if name in own:
                term += self._parenthesize(self._notes(own[name].ifcond,
                                                       []))
            section = doc.features.get(name) if doc else None
            items.append((term, self._text(doc, section, local)))
        return [_label('Features'), Terms(items)] if items else []

    def _define(self, name: str, meta: str, ifcond: QAPISchemaIfCond,
                features: List[QAPISchemaFeature], label: str,
                items: List[tuple[Term, List[Block]]],
                ret_type: Optional[QAPISchemaType] = None) -> None:
        ent = self._schema.lookup_entity(name)
        assert ent is not None
        doc = ent.doc
        local = self._local_names(doc)
        blocks: List[Block] = []
        if doc is not None:
            blocks += self._text(doc, doc.body, local)
        cond = _cond(ifcond)
        if cond:
            blocks.append(_label('Available if:', [Code(cond)]))
        if items:
            blocks += [_label(label), Terms(items)]
        blocks += self._features(features, doc, local)
        blocks += self._sections(doc, local, ret_type)
        self.definitions[name] = _Definition(name, meta, blocks)
        self.order.append(name)

    def _sections(self, doc: Optional[QAPIDoc], local: Set[str],
                  ret_type: Optional[QAPISchemaType]) -> List[Block]:
        """The sections after the descriptions, in the doc's order."""
        Kind = QAPIDoc.Kind
        blocks: List[Block] = []
        sections = doc.all_sections[1:] if doc else []
        has_returns = any(s.kind is Kind.RETURNS for s in sections)
        if ret_type is not None and not has_returns:
            blocks.append(_label('Returns:', self.type_inlines(ret_type)))
        for section in sections:
            kind = section.kind
            if kind in (Kind.MEMBER, Kind.FEATURE, Kind.TODO):
                continue    # TODO: is for the schema's developers
            text = self._text(doc, section, local)
            if kind is Kind.RETURNS:
                what = self.type_inlines(ret_type) if ret_type else []
                blocks.append(_label('Returns:', what))
                blocks += text
            elif kind is Kind.ERRORS:
                blocks.append(_label('Errors:'))
                blocks += text
            elif kind is Kind.SINCE:
                blocks.append(_label('Since:', [Text(
                    ' '.join(section.text.split()))]))
            else:
                blocks += text
        return blocks

    # The visitor

    def visit_enum_type(self, name: str, info: Optional[QAPISourceInfo],
                        ifcond: QAPISchemaIfCond,
                        features: List[QAPISchemaFeature],
                        members: List[QAPISchemaEnumMember],
                        prefix: Optional[str]) -> None:
        ent = self._documented(name)
        if ent is None:
            return
        doc = ent.doc
        local = self._local_names(doc)
        items = []
        for memb in members:
            section = doc.args.get(memb.name) if doc else None
            term: Term = [Code(memb.name)] + self._parenthesize(
                self._notes(memb.ifcond, memb.features))
            items.append((term, self._text(doc, section, local)))
        self._define(name, 'enum', ifcond, features, 'Values', items)

    def visit_object_type(self, name: str, info: Optional[QAPISourceInfo],
                          ifcond: QAPISchemaIfCond,
                          features: List[QAPISchemaFeature],
                          base: Optional[QAPISchemaObjectType],
                          members: List[QAPISchemaObjectTypeMember],
                          branches: Optional[QAPISchemaBranches]) -> None:
        ent = self._documented(name)
        if ent is None:
            return
        items = self._object_terms(base, members, branches, ent.doc,
                                   self._local_names(ent.doc))
        self._define(name, 'union' if branches else 'struct', ifcond,
                     features, 'Members', items)

    def visit_alternate_type(self, name: str,
                             info: Optional[QAPISourceInfo],
                             ifcond: QAPISchemaIfCond,
                             features: List[QAPISchemaFeature],
                             alternatives: QAPISchemaAlternatives) -> None:
        ent = self._documented(name)
        if ent is None:
            return
        doc = ent.doc
        local = self._local_names(doc)
        items = []
        for var in alternatives.variants:
            section = doc.args.get(var.name) if doc else None
            term: Term = [Code(var.name), Text(': ')]
            term += self.type_inlines(var.type)
            term += self._parenthesize(self._notes(var.ifcond, []))
            items.append((term, self._text(doc, section, local)))
        self._define(name, 'alternate', ifcond, features, 'One of',
                     items)

    def _arguments(self, name: str, arg_type: Optional[QAPISchemaObjectType]
                   ) -> List[tuple[Term, List[Block]]]:
        """A command's or event's arguments: the members of a named
        (or boxed) argument type, else each member of the implicit one."""
        if arg_type is None:
            return []
        ent = self._schema.lookup_entity(name)
        assert ent is not None
        if not arg_type.is_implicit():
            return [self._members_of(arg_type)]
        return self._object_terms(arg_type.base, arg_type.local_members,
                                  arg_type.branches, ent.doc,
                                  self._local_names(ent.doc))

    def visit_command(self, name: str, info: Optional[QAPISourceInfo],
                      ifcond: QAPISchemaIfCond,
                      features: List[QAPISchemaFeature],
                      arg_type: Optional[QAPISchemaObjectType],
                      ret_type: Optional[QAPISchemaType], gen: bool,
                      success_response: bool, boxed: bool, allow_oob: bool,
                      allow_preconfig: bool, coroutine: bool) -> None:
        self._define(name, 'command', ifcond, features, 'Arguments',
                     self._arguments(name, arg_type), ret_type)

    def visit_event(self, name: str, info: Optional[QAPISourceInfo],
                    ifcond: QAPISchemaIfCond,
                    features: List[QAPISchemaFeature],
                    arg_type: Optional[QAPISchemaObjectType],
                    boxed: bool) -> None:
        self._define(name, 'event', ifcond, features, 'Arguments',
                     self._arguments(name, arg_type))


def _heading_levels(blocks: List[Block]) -> List[int]:
    return [b.level for b in blocks if isinstance(b, Heading)]


def build_document(schema: QAPISchema, title: str) -> Document:
    """The reference for @schema: free-form text and definitions in the
    order of the schema's text, undocumented definitions last."""
    vis = QAPISchemaGenDocVisitor(schema)
    schema.visit(vis)
    free = {id(doc): parse_blocks(doc.body.text, vis.resolver(set()))
            for doc in schema.docs if doc.symbol is None}
    levels = [lvl for blocks in free.values()
              for lvl in _heading_levels(blocks)]
    # Definitions go one level below the deepest free-form heading.
    level = min(max(levels + [1]) + 1, 6)
    blocks: List[Block] = []
    done: Set[str] = set()

    def add(defn: _Definition) -> None:
        blocks.append(Heading(level, [Code(defn.name),
                                      Text(' (%s)' % defn.meta)],
                              anchor=defn.name))
        blocks.extend(defn.blocks)
        done.add(defn.name)

    for doc in schema.docs:
        if doc.symbol is None:
            blocks.extend(free[id(doc)])
        elif doc.symbol in vis.definitions and doc.symbol not in done:
            add(vis.definitions[doc.symbol])
    for name in vis.order:
        if name not in done:
            add(vis.definitions[name])
    return Document(title, blocks, level)


def _man_template(path: Optional[str], main_name: str
                  ) -> tuple[str, str]:
    """The man page template's text and the page's file name."""
    if path is None:
        return _DEFAULT_MAN_TEMPLATE.replace('@NAME@', main_name) \
                                    .replace('@UPPER@', main_name.upper()), \
            main_name + '.7'
    base = os.path.basename(path)
    if not re.fullmatch(r'[^.].*\.[1-9][a-z]*\.in', base):
        raise QAPIError("--man-template: '%s' is not named "
                        "NAME.SECTION.in" % path)
    try:
        with open(path, encoding='utf-8') as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as err:
        raise QAPIError("can't read man page template '%s': %s"
                        % (path, getattr(err, 'strerror', None) or err)
                        ) from err
    count = text.split('\n').count(MAN_PLACEHOLDER)
    if count != 1:
        raise QAPIError("man page template '%s' must have one line '%s', "
                        "has %d" % (path, MAN_PLACEHOLDER, count))
    return text, base[:-3]


MAN_PLACEHOLDER = '@DEFINITIONS@'

_DEFAULT_MAN_TEMPLATE = '''\
.TH @UPPER@ 7 "" "" "QAPI schema reference"
.SH NAME
@NAME@ \\- the definitions of the QAPI schema @NAME@
.SH DESCRIPTION
Every type, command and event of the schema, with its members and
what its documentation says about them.
@DEFINITIONS@
'''


def gen_docs(schema: QAPISchema, output_dir: str, prefix: str,
             man_template: Optional[str] = None) -> None:
    main_name = os.path.splitext(os.path.basename(schema.fname))[0]
    template, page = _man_template(man_template, main_name)
    doc = build_document(schema, '%s: QAPI schema reference' % main_name)
    write_if_changed(os.path.join(output_dir, prefix + main_name + '.md'),
                     write_markdown(doc))
    if man_template is None:
        page = prefix + page
    man = write_man(doc)
    lines = template.split('\n')
    at = lines.index(MAN_PLACEHOLDER)
    text = '\n'.join(lines[:at]) + '\n' + man + '\n'.join(lines[at + 1:])
    write_if_changed(os.path.join(output_dir, page), text)
