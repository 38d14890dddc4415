# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Documentation back end ('doc'): the schema's doc comments as Markdown
(<prefix><main module>.md) and as a man page (roff; <main module>.7, or
the name and section --man-page gives).

Doc blocks come in source order.  A free-form block gives headings (QEMU's
'= Title' lines, or reST titles between lines of '*' or '=') and text; a
definition gives its kind, body, members (name, type, optional, 'if'
condition, description), union discriminator and branches, alternatives,
a command's arguments and return type, an event's data, features, 'if'
condition, 'Since:' and the other tagged sections.  Types documented in
the same output are cross-referenced (Markdown links; bold in the man
page).  The text itself is passed through: '@name' and ``code`` become code,
blank lines separate paragraphs, '- ' and '* ' lines are list items.
"""

from __future__ import annotations

import os
import re
from typing import List, Optional, Set, Tuple

from .doc import QAPIDoc
from .gen import QAPIGen
from .schema import (
    QAPISchema,
    QAPISchemaAlternateType,
    QAPISchemaArrayType,
    QAPISchemaCommand,
    QAPISchemaDefinition,
    QAPISchemaEnumType,
    QAPISchemaEvent,
    QAPISchemaFeature,
    QAPISchemaObjectType,
    QAPISchemaType,
)

# A row of a member table: name, type (None: no type), optional,
# 'if' condition, description.
Row = Tuple[str, Optional[QAPISchemaType], bool, str, str]
# A table: its title, a lead-in sentence, its rows.
Table = Tuple[str, str, List[Row]]


class Definition:
    """What the output says about one documented definition."""

    def __init__(self, name: str, kind: str, doc: QAPIDoc) -> None:
        self.name = name
        self.kind = kind
        self.body = doc.body.text
        self.tables: List[Table] = []
        self.returns: Optional[QAPISchemaType] = None
        self.sections: List[Tuple[str, str]] = []
        self.condition = ''
        self.since = doc.since.text if doc.since else ''


# A block of output: ('heading', level, text), ('text', 0, text) or
# ('definition', 0, Definition).
Block = Tuple[str, int, object]

_ADORNMENT = re.compile(r'^([*=#~^"-])\1{2,}$')


def _free_form(text: str) -> List[Block]:
    """Headings and paragraphs of a free-form doc block."""
    blocks: List[Block] = []
    lines = text.split('\n')
    para: List[str] = []

    def flush() -> None:
        if ''.join(para).strip():
            blocks.append(('text', 0, '\n'.join(para).strip('\n')))
        para.clear()

    for i, line in enumerate(lines):
        match = re.match(r'^(=+) +(.*)$', line)
        if match:
            flush()
            blocks.append(('heading', len(match.group(1)),
                           match.group(2).strip()))
            continue
        if _ADORNMENT.match(line.strip()):
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ''
        prev = lines[i - 1].strip() if i > 0 else ''
        if line.strip() and (_ADORNMENT.match(nxt) or _ADORNMENT.match(prev)):
            flush()
            blocks.append(('heading', 1, line.strip()))
            continue
        para.append(line)
    flush()
    return blocks


def _describe(doc: QAPIDoc, name: str) -> str:
    section = doc.args.get(name)
    return section.text if section else ''


def _member_rows(doc: QAPIDoc,
                 obj: QAPISchemaObjectType) -> Tuple[List[Row], str]:
    """Rows for @obj's own members, and a lead-in naming its base."""
    rows: List[Row] = []
    lead = ''
    if obj.base and not obj.base.is_implicit():
        lead = 'The members of %s, and:' % obj.base.name
    elif obj.base:
        for memb in obj.base.local_members:
            rows.append((memb.name, memb.type, memb.optional,
                         memb.ifcond.docgen(), _describe(doc, memb.name)))
    for memb in obj.local_members:
        rows.append((memb.name, memb.type, memb.optional,
                     memb.ifcond.docgen(), _describe(doc, memb.name)))
    return rows, lead


def _args_table(title: str, doc: QAPIDoc,
                arg_type: Optional[QAPISchemaObjectType]) -> Optional[Table]:
    if not arg_type:
        return None
    if not arg_type.is_implicit():
        return (title, 'The members of %s.' % arg_type.name, [])
    rows, lead = _member_rows(doc, arg_type)
    return (title, lead, rows) if rows or lead else None


def _features_table(doc: QAPIDoc,
                    features: List[QAPISchemaFeature]) -> Optional[Table]:
    rows: List[Row] = [(f.name, None, False, f.ifcond.docgen(),
                        doc.features[f.name].text
                        if f.name in doc.features else '')
                       for f in features]
    return ('Features', '', rows) if rows else None


def _definition(ent: QAPISchemaDefinition, doc: QAPIDoc) -> Definition:
    kind = getattr(ent, 'meta', type(ent).__name__)
    d = Definition(ent.name, kind, doc)
    d.condition = ent.ifcond.docgen() if ent.ifcond.is_present() else ''
    table: Optional[Table] = None
    if isinstance(ent, QAPISchemaEnumType):
        d.tables.append(('Values', '', [
            (m.name, None, False, m.ifcond.docgen(), _describe(doc, m.name))
            for m in ent.members]))
    elif isinstance(ent, QAPISchemaObjectType):
        rows, lead = _member_rows(doc, ent)
        d.tables.append(('Members', lead, rows))
        if ent.branches:
            tag = ent.branches.tag_member.name
            d.tables.append(('Branches', 'By the value of %s:' % tag, [
                (v.name, v.type if not v.type.is_implicit() else None,
                 False, v.ifcond.docgen(),
                 'The members of %s.' % v.type.name
                 if not v.type.is_implicit() else 'No further members.')
                for v in ent.branches.variants]))
    elif isinstance(ent, QAPISchemaAlternateType):
        d.tables.append(('Alternatives', 'One of:', [
            (v.name, v.type, False, v.ifcond.docgen(), _describe(doc, v.name))
            for v in ent.alternatives.variants]))
    elif isinstance(ent, QAPISchemaCommand):
        table = _args_table('Arguments', doc, ent.arg_type)
        d.returns = ent.ret_type
    elif isinstance(ent, QAPISchemaEvent):
        table = _args_table('Data', doc, ent.arg_type)
    if table:
        d.tables.append(table)
    features = _features_table(doc, ent.features)
    if features:
        d.tables.append(features)
    for section in doc.sections:
        if section.kind in (QAPIDoc.Kind.SINCE, QAPIDoc.Kind.TODO):
            continue
        title = '' if section.kind is QAPIDoc.Kind.PLAIN \
            else str(section.kind)
        d.sections.append((title, section.text))
    return d


def collect(schema: QAPISchema) -> List[Block]:
    """Every doc block of @schema, in source order."""
    blocks: List[Block] = []
    for doc in schema.docs:
        if not doc.symbol:
            blocks += _free_form(doc.body.text)
            continue
        ent = schema.lookup_entity(doc.symbol)
        if ent is None:
            continue
        blocks.append(('definition', 0, _definition(ent, doc)))
    return blocks


def _type_name(typ: QAPISchemaType) -> str:
    if isinstance(typ, QAPISchemaArrayType):
        return '[%s]' % _type_name(typ.element_type)
    return typ.name


def _base_type(typ: QAPISchemaType) -> QAPISchemaType:
    while isinstance(typ, QAPISchemaArrayType):
        typ = typ.element_type
    return typ


def _anchor(name: str) -> str:
    return re.sub(r'[^a-z0-9_-]', '', name.lower())


# ---- Markdown ------------------------------------------------------------

def _md_text(text: str) -> str:
    text = re.sub(r'@([A-Za-z0-9_-]+)', r'`\1`', text)
    return text.replace('``', '`')


class _Markdown:
    def __init__(self, documented: Set[str]) -> None:
        self.documented = documented
        self.out: List[str] = []

    def type_ref(self, typ: QAPISchemaType) -> str:
        base = _base_type(typ)
        name = '`%s`' % _type_name(typ)
        if base.name in self.documented:
            return '[%s](#%s)' % (name, _anchor(base.name))
        return name

    def name_ref(self, text: str) -> str:
        # 'The members of X.': link X when documented.
        for name in re.findall(r'of ([A-Za-z0-9_-]+)', text):
            if name in self.documented:
                text = text.replace('of %s' % name, 'of [`%s`](#%s)'
                                    % (name, _anchor(name)))
        return text

    def table(self, table: Table) -> None:
        title, lead, rows = table
        self.out.append('**%s**\n' % title)
        if lead:
            self.out.append(self.name_ref(lead) + '\n')
        for name, typ, optional, cond, text in rows:
            item = '- `%s`' % name
            if typ is not None:
                item += ': %s' % self.type_ref(typ)
            if optional:
                item += ' (optional)'
            if cond:
                item += ' (if %s)' % cond
            if text:
                item += ': ' + '\n  '.join(
                    line.strip() for line in
                    _md_text(self.name_ref(text)).split('\n'))
            self.out.append(item)
        self.out.append('')

    def definition(self, d: Definition) -> None:
        self.out.append('<a id="%s"></a>\n' % _anchor(d.name))
        self.out.append('### `%s` (%s)\n' % (d.name, d.kind))
        if d.body:
            self.out.append(_md_text(d.body) + '\n')
        for table in d.tables:
            self.table(table)
        if d.returns is not None:
            self.out.append('**Returns**: %s\n' % self.type_ref(d.returns))
        for title, text in d.sections:
            if title:
                self.out.append('**%s**: %s\n' % (title, _md_text(text)))
            else:
                self.out.append(_md_text(text) + '\n')
        if d.condition:
            self.out.append('**If**: `%s`\n' % d.condition)
        if d.since:
            self.out.append('**Since**: %s\n' % d.since)

    def render(self, title: str, blocks: List[Block]) -> str:
        self.out.append('# %s\n' % title)
        for kind, level, value in blocks:
            if kind == 'heading' and value == title:
                continue
            if kind == 'heading':
                self.out.append('%s %s\n' % ('#' * min(level + 1, 3), value))
            elif kind == 'text':
                self.out.append(_md_text(str(value)) + '\n')
            elif isinstance(value, Definition):
                self.definition(value)
        return '\n'.join(self.out).rstrip('\n') + '\n'


# ---- roff ----------------------------------------------------------------

def _roff_escape(text: str) -> str:
    text = text.replace('\\', '\\e')
    text = ''.join(c if ord(c) < 128 else '\\[u%04X]' % ord(c)
                   for c in text)
    return text


def _roff_inline(text: str) -> str:
    text = _roff_escape(text)
    text = re.sub(r'``(.+?)``', r'\\fB\1\\fR', text)
    text = re.sub(r'@([A-Za-z0-9_-]+)', r'\\fB\1\\fR', text)
    return text


def _roff_lines(text: str) -> List[str]:
    """Paragraphs and list items of doc text as roff lines."""
    out: List[str] = []
    start = True
    for line in text.split('\n'):
        stripped = line.strip()
        if not stripped:
            start = True
            continue
        item = re.match(r'^[-*] +(.*)$', stripped)
        if item:
            out.append('.IP \\(bu 2')
            stripped = item.group(1)
        elif start:
            out.append('.PP')
        start = False
        body = _roff_inline(stripped)
        if body.startswith(('.', "'")):
            body = '\\&' + body
        out.append(body)
    return out


class _Roff:
    def __init__(self, documented: Set[str]) -> None:
        self.documented = documented
        self.out: List[str] = []

    def type_ref(self, typ: QAPISchemaType) -> str:
        name = _roff_escape(_type_name(typ))
        if _base_type(typ).name in self.documented:
            return '\\fB%s\\fR' % name
        return '\\fI%s\\fR' % name

    def table(self, table: Table) -> None:
        title, lead, rows = table
        self.out.append('.PP')
        self.out.append('\\fI%s\\fR' % title)
        if lead:
            self.out += _roff_lines(lead)
        for name, typ, optional, cond, text in rows:
            self.out.append('.TP')
            head = '\\fB%s\\fR' % _roff_escape(name)
            if typ is not None:
                head += ': ' + self.type_ref(typ)
            if optional:
                head += ' (optional)'
            if cond:
                head += ' (if %s)' % _roff_escape(cond)
            self.out.append(head)
            lines = _roff_lines(text)
            if lines and lines[0] == '.PP':
                lines = lines[1:]
            self.out += lines or ['\\&']

    def definition(self, d: Definition) -> None:
        self.out.append('.SS %s (%s)' % (_roff_escape(d.name), d.kind))
        self.out += _roff_lines(d.body)
        for table in d.tables:
            self.table(table)
        if d.returns is not None:
            self.out.append('.PP')
            self.out.append('\\fIReturns\\fR: ' + self.type_ref(d.returns))
        for title, text in d.sections:
            if title:
                self.out.append('.PP')
                self.out.append('\\fI%s\\fR:' % title)
            self.out += _roff_lines(text)
        if d.condition:
            self.out.append('.PP')
            self.out.append('\\fIIf\\fR: ' + _roff_escape(d.condition))
        if d.since:
            self.out.append('.PP')
            self.out.append('\\fISince\\fR: ' + _roff_inline(d.since))

    def render(self, name: str, section: str, title: str,
               blocks: List[Block]) -> str:
        self.out.append('.\\" Generated by qapi-gen from the schema\'s doc '
                        'comments.')
        self.out.append('.TH %s %s "" "" "%s"'
                        % (_roff_escape(name.upper()), section,
                           'File Formats' if section == '5'
                           else 'Miscellaneous'))
        self.out.append('.SH NAME')
        self.out.append('%s \\- %s' % (_roff_escape(name),
                                       _roff_escape(title)))
        self.out.append('.SH DESCRIPTION')
        for kind, level, value in blocks:
            if kind == 'heading':
                text = _roff_escape(str(value))
                self.out.append('.SH %s' % text.upper() if level <= 1
                                else '.SS %s' % text)
            elif kind == 'text':
                self.out += _roff_lines(str(value))
            elif isinstance(value, Definition):
                self.definition(value)
        return '\n'.join(self.out) + '\n'


class _TextFile(QAPIGen):
    """A generated text file, rewritten only when it changes."""

    def __init__(self, fname: str, content: str) -> None:
        super().__init__(fname)
        self.add(content)


def gen_doc(schema: QAPISchema, output_dir: str, prefix: str,
            man_page: Optional[str]) -> None:
    main = os.path.splitext(os.path.basename(schema.fname))[0]
    blocks = collect(schema)
    documented = {d.name for kind, _, d in blocks
                  if isinstance(d, Definition)}
    title = next((str(v) for k, _, v in blocks if k == 'heading'),
                 '%s schema' % main)
    name, _, section = (man_page or main + '.7').rpartition('.')
    _TextFile(prefix + main + '.md',
              _Markdown(documented).render(title, blocks)).write(output_dir)
    _TextFile('%s.%s' % (name, section),
              _Roff(documented).render(name, section, title, blocks)
              ).write(output_dir)
