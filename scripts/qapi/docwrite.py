# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Writers for the documentation tree of docmarkup.py: Markdown and roff.

Markdown (CommonMark): every definition's heading is preceded by an
anchor (<a id="NAME"></a>) and cross-references link to it; text is
escaped so that nothing in a doc comment turns into markup it did not
ask for (emphasis, links, HTML, list items, headings).

roff (man(7) macros): free-form level-2 headings become .SH, everything
below .SS; cross-references are the definition's name in bold.  Text is
escaped: backslashes, a '.' or "'" that would start a request, a '-'
that starts an option-like word (and every '-' of literal text: names,
code, examples) as \\-, non-ASCII characters as \\[uXXXX].
"""

from __future__ import annotations

import re
import textwrap
from typing import List

from .docmarkup import (
    Block,
    Box,
    Code,
    Emph,
    Heading,
    Inline,
    ItemList,
    Literal,
    Para,
    Quote,
    Ref,
    Strong,
    Terms,
    Text,
)


class Document:
    """A page: its title, its blocks, the level of definition headings."""

    def __init__(self, title: str, blocks: List[Block],
                 definition_level: int) -> None:
        self.title = title
        self.blocks = blocks
        self.definition_level = definition_level


# Markdown

_MD_SPECIAL = re.compile(r'[\\`*\[\]<>~]|&(?=#?\w+;)|(?<!\w)_|_(?!\w)')
# What makes a line something other than paragraph text, at its start.
_MD_LINE_START = re.compile(
    r'(\s*)(#|>|[-+=](?=\s|$|[-+=]*$)|\d{1,9}(?=[.)](?:\s|$)))')
# Blanks in code spans while paragraphs are wrapped: a line never starts
# inside one, where escaping its start would show the backslash.
_MD_CODE_BLANK = '\x00'


def md_escape(text: str) -> str:
    """@text as Markdown that shows exactly @text (within a line)."""
    return _MD_SPECIAL.sub(lambda m: '\\' + m.group(0), text)


def _md_line_start(line: str) -> str:
    match = _MD_LINE_START.match(line)
    if not match:
        return line
    lead, mark = match.group(1), match.group(2)
    if mark.isdigit():
        # '1.' starts an ordered list: escape the dot or parenthesis
        at = len(lead) + len(mark)
        return line[:at] + '\\' + line[at:]
    return lead + '\\' + line[len(lead):]


def md_code(text: str) -> str:
    """A code span showing @text."""
    runs = [len(r) for r in re.findall('`+', text)]
    fence = '`' * (max(runs, default=0) + 1)
    pad = ' ' if text.startswith('`') or text.endswith('`') or (
        runs and text.strip(' ') != text) else ''
    return fence + pad + text + pad + fence


def _md_inline(spans: List[Inline]) -> str:
    out = []
    for span in spans:
        if isinstance(span, Text):
            out.append(md_escape(span.text))
        elif isinstance(span, Code):
            out.append(md_code(span.text).replace(' ', _MD_CODE_BLANK))
        elif isinstance(span, Strong):
            out.append('**' + md_escape(span.text) + '**')
        elif isinstance(span, Emph):
            out.append('*' + md_escape(span.text) + '*')
        else:
            out.append('[%s](#%s)' % (md_code(span.name), span.name))
    return ''.join(out)


class _Markdown:
    def __init__(self) -> None:
        self.out: List[str] = []

    def para(self, text: str, width: int = 76) -> List[str]:
        lines = textwrap.wrap(text, width, break_long_words=False,
                              break_on_hyphens=False) or ['']
        return [_md_line_start(line).replace(_MD_CODE_BLANK, ' ')
                for line in lines]

    def blocks(self, blocks: List[Block]) -> List[str]:
        """Lines of @blocks, separated by blank lines."""
        lines: List[str] = []
        for block in blocks:
            if lines:
                lines.append('')
            lines += self.block(block)
        return lines

    @staticmethod
    def indent(lines: List[str], prefix: str) -> List[str]:
        return [prefix + line if line else '' for line in lines]

    def item(self, marker: str, body: List[str]) -> List[str]:
        pad = ' ' * len(marker)
        if not body:
            return [marker.rstrip()]
        if body[0].startswith('```'):
            # a fence cannot share its line with the marker
            return [marker.rstrip()] + self.indent(body, pad)
        return [marker + body[0]] + self.indent(body[1:], pad)

    def block(self, block: Block) -> List[str]:
        if isinstance(block, Para):
            return self.para(_md_inline(block.inlines))
        if isinstance(block, Heading):
            lines = []
            if block.anchor:
                lines.append('<a id="%s"></a>' % block.anchor)
            lines.append('#' * block.level + ' '
                         + _md_inline(block.inlines))
            return lines
        if isinstance(block, Literal):
            runs = [len(r) for r in re.findall('`{3,}', block.text)]
            fence = '`' * max(runs + [2] + [0]) + '`'
            return [fence] + block.text.split('\n') + [fence]
        if isinstance(block, Quote):
            return ['> ' + line if line else '>'
                    for line in self.blocks(block.blocks)]
        if isinstance(block, Box):
            return self.blocks([Para([Strong(block.title)])]
                               + block.blocks)
        if isinstance(block, ItemList):
            lines = []
            for number, item in enumerate(block.items, 1):
                marker = '%d. ' % number if block.ordered else '- '
                if lines:
                    lines.append('')
                lines += self.item(marker, self.blocks(item))
            return lines
        assert isinstance(block, Terms)
        lines = []
        for term, body in block.items:
            if lines:
                lines.append('')
            first = self.para(_md_inline(term), 10**6)
            lines += self.item('- ', first + ([''] + self.blocks(body)
                                              if body else []))
        return lines


def write_markdown(doc: Document) -> str:
    writer = _Markdown()
    lines = ['<!-- Written by qapi-gen from the schema: change the schema, '
             'not this file -->', '', '# ' + md_escape(doc.title), '']
    lines += writer.blocks(doc.blocks)
    return '\n'.join(lines) + '\n'


# roff

# What roff text cannot carry as it is: the escape character, control
# characters and everything beyond ASCII.
_ROFF_SPECIAL = re.compile('[\\\\\x00-\x08\x0a-\x1f\x7f-\U0010ffff]')


def _roff_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == '\\':
        return '\\e'
    return '\\[u%04X]' % ord(char)


def roff_escape(text: str, literal: bool = False) -> str:
    """@text for a roff text line (not its start: see roff_line()).

    In @literal text every '-' is a minus (ASCII when copied); elsewhere
    only a '-' that starts a word (an option, a negative number) is.
    """
    text = _ROFF_SPECIAL.sub(_roff_char, text)
    if literal:
        return text.replace('-', '\\-')
    return re.sub(r'(?:(?<=^)|(?<=[\s(\[{"\'=/]))-+',
                  lambda m: '\\-' * len(m.group(0)), text)


def roff_line(text: str, preformatted: bool = False) -> str:
    """A text line that roff does not take for a request: a leading '.'
    or "'" is hidden behind \\&; leading blanks go, unless the line is
    @preformatted (no-fill mode keeps them)."""
    if not preformatted:
        text = text.lstrip(' ')
    if text.startswith(('.', "'")) or not text:
        return '\\&' + text
    return text


def _breakable(text: str) -> str:
    """@text with break points (\\:) after the punctuation of long
    words (URLs, option lists), which roff could otherwise not fit on a
    line or not adjust."""
    return re.sub(r'\S{40,}', lambda m: re.sub(r'([/,=_.#])', r'\1\\:',
                                               m.group(0)), text)


def _roff_inline(spans: List[Inline], heading: bool = False) -> str:
    out = []
    for span in spans:
        if heading and isinstance(span, (Code, Ref)):
            # headings have a font of their own
            out.append(roff_escape(span.text if isinstance(span, Code)
                                   else span.name, True))
        elif isinstance(span, Text):
            out.append(roff_escape(span.text))
        elif isinstance(span, Code):
            out.append('\\fB' + roff_escape(span.text, True) + '\\fR')
        elif isinstance(span, Strong):
            out.append('\\fB' + roff_escape(span.text) + '\\fR')
        elif isinstance(span, Emph):
            out.append('\\fI' + roff_escape(span.text) + '\\fR')
        else:
            out.append('\\fB' + roff_escape(span.name, True) + '\\fR')
    return _breakable(''.join(out))


class _Roff:
    def blocks(self, blocks: List[Block], inline_first: bool = False
               ) -> List[str]:
        """Requests for @blocks.  With @inline_first, the first block
        continues a paragraph already begun (after .TP or .IP), and the
        others are indented to match it."""
        lines: List[str] = []
        rest = blocks
        if inline_first and blocks:
            first = blocks[0]
            if isinstance(first, Para):
                lines.append(roff_line(_roff_inline(first.inlines)))
                rest = blocks[1:]
            if rest:
                return lines + ['.RS'] + self.blocks(rest) + ['.RE']
            return lines
        for block in rest:
            lines += self.block(block)
        return lines

    def block(self, block: Block) -> List[str]:
        if isinstance(block, Para):
            return ['.PP', roff_line(_roff_inline(block.inlines))]
        if isinstance(block, Heading):
            if block.level <= 2 and not block.anchor:
                # in capitals, as man pages' section headings are
                upper = [Text(span.text.upper())
                         if isinstance(span, Text) else span
                         for span in block.inlines]
                return ['.SH', roff_line(_roff_inline(upper, heading=True))]
            return ['.SS', roff_line(_roff_inline(block.inlines,
                                                  heading=True))]
        if isinstance(block, Literal):
            body = [roff_line(roff_escape(line, True), preformatted=True)
                    for line in block.text.split('\n')]
            return ['.PP', '.RS 4', '.nf'] + body + ['.fi', '.RE']
        if isinstance(block, Quote):
            return ['.RS 4'] + self.blocks(block.blocks) + ['.RE']
        if isinstance(block, Box):
            return (['.PP', '\\fB' + roff_line(roff_escape(block.title))
                     + '\\fR', '.RS 4'] + self.blocks(block.blocks)
                    + ['.RE'])
        if isinstance(block, ItemList):
            lines = []
            for number, item in enumerate(block.items, 1):
                if block.ordered:
                    lines.append('.IP %d. 4' % number)
                else:
                    lines.append('.IP \\(bu 2')
                lines += self.blocks(item, inline_first=True)
            return lines
        assert isinstance(block, Terms)
        lines = []
        for term, description in block.items:
            lines += ['.TP', roff_line(_roff_inline(term))]
            lines += self.blocks(description, inline_first=True)
        return lines


def write_man(doc: Document) -> str:
    """The roff text of @doc's blocks, to go into a page template."""
    lines = ['.\\" Written by qapi-gen from the schema: change the schema, '
             'not this text']
    lines += _Roff().blocks(doc.blocks)
    return '\n'.join(lines) + '\n'
