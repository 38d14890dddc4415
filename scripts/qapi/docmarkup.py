# SPDX-License-Identifier: LGPL-2.1-or-later
"""The text of doc comments as a tree of blocks and inline spans.

Doc comments are written in the part of reStructuredText that QEMU's
docs/devel/qapi-code-gen.rst allows: paragraphs, section headings
(free-form blocks only), '-'/'*' and numbered lists, '::' literal
blocks, indented blocks, definition lists, simple tables, the
directives QEMU's schema uses ('qmp-example', 'note', 'caution',
'admonition', 'code-block', 'table', ...) and the inline markup
``literal``, `reference`, **strong**, *emphasis* and @member.

parse_blocks() turns text into blocks, parse_inline() a paragraph into
spans; a resolver callback decides what a `name` or @name stands for
(a definition becomes a cross-reference, anything else literal text).
The writers (docwrite.py) turn the tree into Markdown or roff; this
module knows nothing about either.
"""

from __future__ import annotations

import re
import textwrap
from typing import Callable, List, Optional, Tuple, Union


# Inline spans

class Text:
    def __init__(self, text: str) -> None:
        self.text = text


class Code:
    """Literal text: ``code``, a member or value name, a condition."""

    def __init__(self, text: str) -> None:
        self.text = text


class Strong:
    def __init__(self, text: str) -> None:
        self.text = text


class Emph:
    def __init__(self, text: str) -> None:
        self.text = text


class Ref:
    """A cross-reference to the definition @name."""

    def __init__(self, name: str) -> None:
        self.name = name


Inline = Union[Text, Code, Strong, Emph, Ref]

# What a `name` (at_sign False) or @name (at_sign True) stands for.
Resolver = Callable[[str, bool], Inline]


def literal_resolver(name: str, at_sign: bool) -> Inline:
    """The resolver that never makes a cross-reference."""
    return Code(name)


# Blocks

class Para:
    def __init__(self, inlines: List[Inline]) -> None:
        self.inlines = inlines


class Heading:
    """A heading; @anchor is the definition name it introduces, if any."""

    def __init__(self, level: int, inlines: List[Inline],
                 anchor: Optional[str] = None) -> None:
        self.level = level
        self.inlines = inlines
        self.anchor = anchor


class ItemList:
    def __init__(self, ordered: bool, items: List[List[Block]]) -> None:
        self.ordered = ordered
        self.items = items


class Literal:
    """Preformatted text, shown as it is."""

    def __init__(self, text: str) -> None:
        self.text = text


class Quote:
    """An indented block."""

    def __init__(self, blocks: List[Block]) -> None:
        self.blocks = blocks


class Box:
    """A titled block: an example, a note, an admonition, a table."""

    def __init__(self, title: str, blocks: List[Block]) -> None:
        self.title = title
        self.blocks = blocks


class Terms:
    """A definition list: a term (inline) and what describes it."""

    def __init__(self, items: List[Tuple[List[Inline], List[Block]]]
                 ) -> None:
        self.items = items


Block = Union[Para, Heading, ItemList, Literal, Quote, Box, Terms]


# Inline markup.  Start strings need white space or an opening bracket
# or quote before them, as in rST, so that "pc-q35-*" or "a*b" stay text.
_BEFORE = r'(?:(?<=^)|(?<=[\s(\[{<"\'/]))'
_INLINE = re.compile(
    r'(?P<esc>\\(?P<escaped>.))'
    r'|' + _BEFORE + r'``(?P<lit>\S(?:.*?\S)?)``(?!`)'
    r'|' + _BEFORE + r'(?::(?P<role>[A-Za-z][\w:+.-]*):)?'
    r'`(?P<ref>[^`\s](?:[^`]*[^`\s])?)`(?P<link>__?)?(?!`)'
    r'|' + _BEFORE + r'\*\*(?P<strong>\S(?:.*?\S)?)\*\*(?![\w*])'
    r'|' + _BEFORE + r'\*(?P<emph>[^\s*](?:[^*]*?[^\s*\\])?)\*(?![\w*])'
    r'|(?<![\w@`])@(?P<at>[A-Za-z_][\w.-]*\w|[A-Za-z_])',
    re.S)


def _reference(role: Optional[str], target: str,
               resolve: Resolver) -> Inline:
    # `text <target>`: show the text
    match = re.fullmatch(r'(.*?)\s*<([^<>]+)>', target, re.S)
    if role in ('doc', 'ref') or match:
        return Emph(match.group(1) if match and match.group(1) else target)
    name = target.lstrip('~!')
    if role and role.startswith('qapi:') or role in (None, 'any'):
        return resolve(name, False)
    return Code(name)


def parse_inline(text: str, resolve: Resolver) -> List[Inline]:
    """Spans of one paragraph's @text (line breaks are blanks)."""
    text = ' '.join(text.split())
    spans: List[Inline] = []
    plain: List[str] = []

    def flush() -> None:
        joined = ''.join(plain)
        if joined:
            spans.append(Text(joined))
        plain.clear()

    pos = 0
    for match in _INLINE.finditer(text):
        plain.append(text[pos:match.start()])
        pos = match.end()
        if match.group('esc') is not None:
            # '\ ' is nothing at all in rST
            if match.group('escaped') != ' ':
                plain.append(match.group('escaped'))
            continue
        flush()
        if match.group('lit') is not None:
            spans.append(Code(match.group('lit')))
        elif match.group('ref') is not None:
            if match.group('link'):
                spans.append(Text(re.sub(r'\s*<[^<>]*>$', '',
                                         match.group('ref'))))
            else:
                spans.append(_reference(match.group('role'),
                                        match.group('ref'), resolve))
        elif match.group('strong') is not None:
            spans.append(Strong(match.group('strong')))
        elif match.group('emph') is not None:
            spans.append(Emph(match.group('emph')))
        else:
            spans.append(resolve(match.group('at'), True))
    plain.append(text[pos:])
    flush()
    return spans


# Blocks

_DIRECTIVE = re.compile(r'\.\.\s+([A-Za-z][\w:.-]*)::(?:\s+(.*))?$')
_COMMENT = re.compile(r'\.\.(?:\s|$)')
_OPTION = re.compile(r':([\w-]+):(?:\s+(.*))?$')
_BULLET = re.compile(r'([-*+])( +)\S')
_ENUMERATED = re.compile(r'(\d+\.|#\.|\(?\d+\))( +)\S')
_TABLE_RULE = re.compile(r'=+(?: +=+)+$')
# Heading adornments, and the heading level each one stands for in
# QEMU's schema (level 1 is the page title).
_ADORNMENT = re.compile(r'([=*_^"~#+`\'-])\1{2,}$')
_LEVELS = {'*': 2, '=': 3, '_': 4, '^': 5, '"': 6}
_ADMONITIONS = ('attention', 'caution', 'danger', 'error', 'hint',
                'important', 'note', 'seealso', 'tip', 'warning')


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(' '))


def _dedent(lines: List[str]) -> List[str]:
    text = textwrap.dedent('\n'.join(lines))
    out = text.split('\n')
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return out


def _indented_run(lines: List[str], start: int, indent: int = 1) -> int:
    """End of the lines from @start that are blank or indented by at
    least @indent (trailing blank lines excluded)."""
    end = start
    last = start
    while end < len(lines):
        line = lines[end]
        if line.strip():
            if _indent(line) < indent:
                break
            last = end + 1
        end += 1
    return last


class _BlockParser:
    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def para(self, text: str) -> Para:
        return Para(parse_inline(text, self.resolve))

    def parse(self, lines: List[str]) -> List[Block]:
        blocks: List[Block] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
            elif _indent(line) > 0:
                end = _indented_run(lines, i)
                blocks.append(Quote(self.parse(_dedent(lines[i:end]))))
                i = end
            elif line.startswith('..') and (_DIRECTIVE.match(line)
                                            or _COMMENT.match(line)):
                i = self.directive(lines, i, blocks)
            elif self.heading(lines, i, blocks):
                i += 3 if _ADORNMENT.match(line.strip()) else 2
            elif _TABLE_RULE.match(line.rstrip()):
                end = i
                while end < len(lines) and lines[end].strip():
                    end += 1
                blocks.append(Literal('\n'.join(lines[i:end])))
                i = end
            elif _BULLET.match(line) or _ENUMERATED.match(line):
                i = self.item_list(lines, i, blocks)
            else:
                i = self.paragraph(lines, i, blocks)
        return blocks

    def heading(self, lines: List[str], i: int,
                blocks: List[Block]) -> bool:
        line = lines[i].strip()
        over = _ADORNMENT.match(line)
        if over:
            # over- and underlined: the same adornment below the title
            if (i + 2 < len(lines) and lines[i + 1].strip()
                    and lines[i + 2].strip() == line):
                level = _LEVELS.get(over.group(1), 2)
                blocks.append(Heading(level, parse_inline(
                    lines[i + 1], self.resolve)))
                return True
            return False
        if i + 1 < len(lines):
            under = _ADORNMENT.match(lines[i + 1].rstrip())
            if under and len(under.group(0)) >= len(line):
                level = _LEVELS.get(under.group(1), 6)
                blocks.append(Heading(level, parse_inline(line,
                                                          self.resolve)))
                return True
        return False

    def directive(self, lines: List[str], i: int,
                  blocks: List[Block]) -> int:
        match = _DIRECTIVE.match(lines[i])
        end = _indented_run(lines, i + 1)
        body = _dedent(lines[i + 1:end])
        if not match:
            return end          # a comment
        name = match.group(1).lower()
        argument = (match.group(2) or '').strip()
        options = {}
        while body and _OPTION.match(body[0]):
            option = _OPTION.match(body.pop(0))
            assert option
            options[option.group(1)] = (option.group(2) or '').strip()
        title = options.get('title', '')
        if name == 'qmp-example':
            content: List[Block]
            if 'annotated' in options:
                content = self.parse(body)
            else:
                content = [Literal('\n'.join(_dedent(body)))]
            blocks.append(Box(title or 'Example', content))
        elif name in ('code-block', 'code', 'sourcecode', 'parsed-literal'):
            blocks.append(Literal('\n'.join(_dedent(body))))
        elif name == 'table':
            blocks.append(Box(argument or 'Table',
                              [Literal('\n'.join(_dedent(body)))]))
        elif name == 'admonition':
            blocks.append(Box(argument or 'Note', self.parse(body)))
        else:
            # note:: and its kind take their first paragraph on the
            # directive's line; unknown directives show their content.
            if argument:
                body = [argument] + ([''] if body else []) + body
            title = 'See also' if name == 'seealso' else name.title()
            if name not in _ADMONITIONS:
                title = name
            blocks.append(Box(title, self.parse(body)))
        return end

    def item_list(self, lines: List[str], i: int,
                  blocks: List[Block]) -> int:
        ordered = not _BULLET.match(lines[i])
        pattern = _ENUMERATED if ordered else _BULLET
        marker = pattern.match(lines[i])
        assert marker
        bullet = marker.group(1)
        items: List[List[Block]] = []
        while i < len(lines):
            match = pattern.match(lines[i])
            if not match or (not ordered and match.group(1) != bullet):
                break
            width = len(match.group(1)) + len(match.group(2))
            end = _indented_run(lines, i + 1, width)
            item = [lines[i][width:]] + [line[width:]
                                         for line in lines[i + 1:end]]
            items.append(self.parse(item))
            i = end
            while i < len(lines) and not lines[i].strip():
                i += 1
        blocks.append(ItemList(ordered, items))
        return i

    def paragraph(self, lines: List[str], i: int,
                  blocks: List[Block]) -> int:
        start = i
        while (i < len(lines) and lines[i].strip()
               and (i == start or _indent(lines[i]) == 0)):
            i += 1
        text = lines[start:i]
        if (i - start == 1 and i < len(lines) and lines[i].strip()
                and _indent(lines[i]) > 0):
            return self.terms(lines, start, blocks)
        if i < len(lines) and lines[i].strip():
            # indented continuation without a blank line: same paragraph
            end = _indented_run(lines, i)
            text += [line.strip() for line in lines[i:end]]
            i = end
        joined = '\n'.join(text).rstrip()
        if not joined.endswith('::'):
            blocks.append(self.para(joined))
            return i
        # 'text::' is 'text:' followed by a literal block; a lone '::'
        # is only the literal block's mark
        joined = joined[:-2]
        if joined.strip():
            blocks.append(self.para(
                joined if joined[-1].isspace() else joined + ':'))
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i < len(lines) and _indent(lines[i]) > 0:
            end = _indented_run(lines, i)
            blocks.append(Literal('\n'.join(_dedent(lines[i:end]))))
            i = end
        return i

    def terms(self, lines: List[str], i: int, blocks: List[Block]) -> int:
        items: List[Tuple[List[Inline], List[Block]]] = []
        while (i + 1 < len(lines) and lines[i].strip()
               and _indent(lines[i]) == 0 and lines[i + 1].strip()
               and _indent(lines[i + 1]) > 0):
            end = _indented_run(lines, i + 1)
            items.append((parse_inline(lines[i], self.resolve),
                          self.parse(_dedent(lines[i + 1:end]))))
            i = end
            while i < len(lines) and not lines[i].strip():
                i += 1
        blocks.append(Terms(items))
        return i


def section_lines(text: str, continued: bool) -> List[str]:
    """The lines of a doc section's @text, ready for parse_blocks().

    A tagged section or a description (@continued) starts on its tag's
    line and indents the rest: the first line's indentation and the
    common indentation of the others go.
    """
    lines = text.split('\n')
    if continued and lines:
        rest = textwrap.dedent('\n'.join(lines[1:])).split('\n')
        lines = [lines[0].strip()] + (rest if len(lines) > 1 else [])
    return _dedent(lines)


def parse_blocks(text: str, resolve: Resolver,
                 continued: bool = False) -> List[Block]:
    """The blocks of doc comment section text @text."""
    return _BlockParser(resolve).parse(section_lines(text, continued))
