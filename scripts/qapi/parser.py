# SPDX-License-Identifier: LGPL-2.1-or-later
"""From schema text to expressions and doc comments.

The schema language is JSON with single-quoted strings, '#' comments and
'##' documentation blocks (see QEMU's docs/devel/qapi-code-gen.rst).  This
module turns a schema file, and the files it includes, into a list of
QAPIExpression (a dict remembering where it came from and its doc comment)
and a list of QAPIDoc.  Shapes are checked later, by expr.check_exprs().

Speed: a file written as schemas are (blank-separated tokens, doc comment
lines in column 1) is lexed by a fast path that splits lines at their
quotes (_tokenize()) and its expressions read straight off the token list
(_fast_expr()).  Anything else goes to the regex lexer and get_expr(),
where a whole token, with the blanks and comments before it, is one match
and every error is reported where it is; re is imported only then.  Line
numbers are counted only where somebody needs one (a definition, a doc
line, an error).
"""
from __future__ import annotations

import errno
import os
import stat

from .error import QAPIError, QAPIParseError, QAPISemError
from .source import QAPISchemaPragma, QAPISourceInfo
from .doc import QAPIDoc

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern
    from typing import (Dict, List, Mapping, Optional, Sequence, Set,
                        Tuple, Union)

    from .doc import LineRef

    # A token as the lexer's fast path makes it: kind, value, offset.
    _Token = Tuple[Optional[str], object, int]
    # A doc comment block's line texts, line numbers, line offsets.
    _DocBlock = Tuple[List[Optional[str]], Sequence[int],
                      Union[List[int], '_LineStarts']]

    # A value as the parser returns it.
    _ExprValue = Union[List[object], Dict[str, object], str, bool]
    _ExprDict = Dict[str, object]
else:
    _ExprDict = dict

__all__ = ['QAPIDoc', 'QAPIExpression', 'QAPIParseError',
           'QAPISchemaParser']

# A string is printable ASCII (no quote, no backslash) or the escape '\\'.
# The characters: ' ' to '&', '(' to '[', ']' to '~' (a double quote is an
# ordinary character, as in QEMU).
_STRING_BODY = r"'((?:[ -&(-\[\]-~]|\\\\)*)'"
# Blanks and comments, then one token.  Groups: 1 structural character,
# 2 string contents, 3 true, 4 false, 5 a '##' line (doc comment start).
# Nothing matched after the blanks means end of input or a bad character.
# The regex lexer reads what the fast path (_tokenize()) leaves to it; its
# patterns are compiled when first needed (see _regex()).
_TOKEN_DOC = (r"(?:\s+|#(?!#)[^\n]*)*"
              r"(?:([{}:,\[\]])|" + _STRING_BODY
              + r"|(true)|(false)|(##[^\n]*))?")
# The same when doc comments are not wanted: they are comments like any.
_TOKEN_NODOC = (r"(?:\s+|#[^\n]*)*"
                r"(?:([{}:,\[\]])|" + _STRING_BODY + r"|(true)|(false))?")
# A doc comment line, after the blanks before it.
_DOC_LINE = r'\s*(#[^\n]*)?'
# A run of comment lines, each starting in column 1.
_DOC_RUN = r'(?:#[^\n]*\n)*'
_STRAY = r"[^\[\]{}:,\s']+"
# The tags of tagged doc sections ('Returns:' ...); Note(s) and Example(s)
# only to reject them.
_TAGS = frozenset(('Returns', 'Errors', 'Since', 'Notes', 'Note',
                   'Examples', 'Example', 'TODO'))
# Doc style only (--doc-style):
_URL_LINE = r' *(https?|ftp)://[^ ]*$'
_LITERAL_START = r'(\.\. +qmp-example)? *::$'
_ONE_SPACE = r'(\be\.g\.|^ *\d\.|([.!?])) [A-Z0-9(]'

# Objects and arrays nest at most this deep (as QAPI_JSON_MAX_DEPTH in the
# C runtime); a real schema needs four or five levels.  Deeper input is an
# error at its position instead of a Python stack overflow.
MAX_DEPTH = 64
# A schema file is at most this large (QEMU's biggest is under 200 KiB).
MAX_FILE_SIZE = 16 * 1024 * 1024


def read_schema_file(fname: str) -> bytes:
    """The bytes of the regular file @fname, at most MAX_FILE_SIZE.

    A FIFO, device or directory is refused without reading from it (and
    without blocking on it).

    :raise OSError: when @fname cannot be read, is not a regular file or
        is too large; .strerror says why.
    """
    fd = os.open(fname, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, 'is a directory', fname)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, 'not a regular file', fname)
        chunks = []
        size = 0
        while True:
            # Asking for a byte more than the file has: a regular file
            # gives less only at its end, so one read usually does.
            want = min(MAX_FILE_SIZE + 1 - size, info.st_size + 1)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_SIZE:
                raise OSError(errno.EFBIG,
                              'larger than %d bytes' % MAX_FILE_SIZE, fname)
            if len(chunk) < want:
                break
    finally:
        os.close(fd)
    return b''.join(chunks)


class _LineStarts:
    """The offsets of a doc block's lines, worked out only when an error
    needs one."""

    def __init__(self, src: str, first: int) -> None:
        self._src = src
        self._first = first

    def __getitem__(self, index: int) -> int:
        pos = self._first
        for _ in range(index):
            pos = self._src.index('\n', pos) + 1
        return pos


class _Irregular(Exception):
    """Raised by _tokenize() for text it leaves to the regex lexer."""


_STRUCTURAL = frozenset('{}:,[]')
# The tokens of each text between strings seen so far: (token, value,
# offset) triples, a last token None for a comment.  Schemas use only a
# few such texts (': ', ', ', ' } },', ...).
_BETWEEN: Dict[str, Tuple[_Token, ...]] = {}


def _between(text: str) -> Tuple[_Token, ...]:
    out: List[_Token] = []
    j = 0
    end = len(text)
    while j < end:
        ch = text[j]
        if ch in _STRUCTURAL:
            out.append((ch, None, j))
        elif ch == ' ':
            pass
        elif text.startswith('true', j):
            out.append(('t', True, j))
            j += 3
        elif text.startswith('false', j):
            out.append(('f', False, j))
            j += 4
        elif ch == '#' and text[j + 1:j + 2] != '#':
            out.append((None, None, j))
            break
        else:
            raise _Irregular
        j += 1
    return tuple(out)


def _tokenize(src: str) -> Tuple[List[_Token], List[_DocBlock]]:
    """The tokens of @src (doc comments on) and its doc comment blocks.

    The fast path of the lexer, for text written as schemas are: tokens
    separated by spaces, doc comment lines in column 1.  Each line is
    split at its quotes, so strings need no character loop.  Anything
    else (a tab, a lexical error, an odd doc comment line) raises
    _Irregular before anything was parsed, and the regex lexer, which
    reports errors where they are, reads the file instead.  A token is
    (kind, value, offset) as accept() sets .tok, .val and .pos; a doc
    block token's blocks entry holds its line texts (None for the closing
    '##'), their line numbers and offsets, as _read_doc_block() makes.
    """
    toks: List[_Token] = []
    blocks: List[_DocBlock] = []
    append = toks.append
    cache = _BETWEEN
    lines = src.split('\n')
    count = len(lines) - 1      # src ends with a newline
    i = 0
    off = 0
    while i < count:
        line = lines[i]
        i += 1
        start = off
        off += len(line) + 1
        text = line.lstrip()
        if not text:
            continue
        pos = start + len(line) - len(text)
        if text[0] == '#':
            if text[1:2] != '#':
                continue
            if text != '##':
                raise _Irregular
            append(('#', '##', pos))
            # The block's lines, up to the closing '##' line
            end = src.find('\n##\n', off - 1)
            if end < 0:
                raise _Irregular
            size = src.count('\n', off - 1, end)
            texts: List[Optional[str]] = [
                raw[2:].rstrip() if raw[:2] == '# '
                else '' if raw == '#' else None
                for raw in lines[i:i + size]]
            if None in texts:
                raise _Irregular
            texts.append(None)
            blocks.append((texts, range(i + 1, i + size + 2),
                           _LineStarts(src, off)))
            i += size + 1
            off = end + 4
            continue
        parts = text.split("'")
        last = len(parts) - 1
        # Strings need no check of their own when the whole line is
        # printable ASCII without a backslash (nearly every line is).
        plain = text.isascii() and text.isprintable() and '\\' not in text
        for k, part in enumerate(parts):
            if k & 1:
                if k == last:
                    raise _Irregular        # unterminated string
                width = len(part) + 2
                if not plain:
                    if part and not (part.isascii() and part.isprintable()):
                        raise _Irregular
                    if '\\' in part:
                        if '\\' in part.replace('\\\\', ''):
                            raise _Irregular
                        part = part.replace('\\\\', '\\')
                append(("'", part, pos))
                pos += width
                continue
            got = cache.get(part)
            if got is None:
                got = cache[part] = _between(part)
            for tok, val, j in got:
                if tok is None:
                    break
                append((tok, val, pos + j))
            else:
                pos += len(part)
                continue
            break               # a comment ends the line
    append((None, None, len(src) - 1))
    return toks, blocks


def _fast_expr(toks: List[_Token], i: int,
               depth: int) -> Tuple[_ExprValue, int]:
    """The expression starting at token @i of @toks and the index after
    it, for well-formed text; _Irregular for anything else (get_expr()
    then reads it and reports the error)."""
    tok, val, _ = toks[i]
    if tok == '{':
        if depth >= MAX_DEPTH:
            raise _Irregular
        members: Dict[str, object] = {}
        i += 1
        if toks[i][0] == '}':
            return members, i + 1
        while True:
            tok, key, _ = toks[i]
            if (tok != "'" or toks[i + 1][0] != ':'
                    or key in members):      # (a duplicate key)
                raise _Irregular
            members[key], i = _fast_expr(  # type: ignore[index]
                toks, i + 2, depth + 1)
            tok = toks[i][0]
            if tok == ',':
                i += 1
            elif tok == '}':
                return members, i + 1
            else:
                raise _Irregular
    if tok == '[':
        if depth >= MAX_DEPTH:
            raise _Irregular
        values: List[object] = []
        i += 1
        if toks[i][0] == ']':
            return values, i + 1
        while True:
            value, i = _fast_expr(toks, i, depth + 1)
            values.append(value)
            tok = toks[i][0]
            if tok == ',':
                i += 1
            elif tok == ']':
                return values, i + 1
            else:
                raise _Irregular
    if tok == "'" or tok == 't' or tok == 'f':
        return val, i + 1       # type: ignore[return-value]
    raise _Irregular


def _regex(pattern: str) -> Pattern[str]:
    """@pattern, compiled once (re caches it).

    re is imported only when a pattern is needed: a schema the fast path
    reads, checked without doc style, needs none, and importing and
    compiling cost more start-up than a small schema's whole parse.
    """
    import re
    return re.compile(pattern)


def _at_name(line: str) -> Optional[Tuple[str, str]]:
    """'@NAME: TEXT' at the start of doc line @line: (NAME, TEXT)."""
    if line[:1] != '@':
        return None
    colon = line.find(':')
    if colon < 0:
        return None
    return line[1:colon], line[colon + 1:].lstrip(' ')


def _tagged(line: str) -> Optional[Tuple[str, str]]:
    """'TAG: TEXT' (not 'TAG::') at the start of @line: (TAG, TEXT)."""
    colon = line.find(':')
    if colon < 0 or line[:colon] not in _TAGS \
            or line[colon + 1:colon + 2] == ':':
        return None
    return line[:colon], line[colon + 1:].lstrip(' ')


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip())


class QAPIExpression(_ExprDict):
    """One top-level expression, with its source info and doc comment."""

    def __init__(self, data: Mapping[str, object], info: QAPISourceInfo,
                 doc: Optional[QAPIDoc] = None):
        super().__init__(data)
        self.info = info
        self.doc: Optional[QAPIDoc] = doc


class QAPISchemaParser:
    """Parse one schema file and, recursively, the files it includes.

    :param fname: the file to read.
    :param previously_included: absolute names of files already read,
        shared with the including parser (a repeated include is skipped).
    :param incl_info: where the including file includes this one; None for
        the main schema.
    :param include_path: directories to try, in order, for an include not
        found relative to the including file (our -I).
    :param pragma_file: a file of pragma directives read before the schema
        (our --pragma-file); they apply to the whole schema.
    :param doc_checks: False to treat doc comments as plain comments: no
        QAPIDoc is built and no doc rule (nor pragma doc-required) applies.
    :param doc_style: True to also apply the style rules (line length,
        two spaces between sentences) to doc comments.

    :ivar exprs: the expressions, include directives kept as
        {'include': path} so that the schema can record modules.
    :ivar docs: the doc comment blocks, in source order.
    :raise OSError: when @fname cannot be read.
    :raise QAPIError: when the schema (or a file it includes) is wrong.
    """

    def __init__(self, fname: str,
                 previously_included: Optional[Set[str]] = None,
                 incl_info: Optional[QAPISourceInfo] = None,
                 include_path: Sequence[str] = (),
                 pragma_file: Optional[str] = None,
                 doc_checks: bool = True,
                 doc_style: bool = False,
                 pragma: Optional[QAPISchemaPragma] = None,
                 cwd: Optional[str] = None):
        self._fname = fname
        # The working directory, asked once for the whole schema (as
        # os.path.abspath() would ask for every name it makes absolute)
        self._cwd = cwd if cwd is not None else os.getcwd()
        self._included = (previously_included
                          if previously_included is not None else set())
        self._included.add(self._abspath(fname))
        self._include_path = list(include_path)
        self._doc_checks = doc_checks
        self._doc_style = doc_style
        self._token_re: Pattern[str]    # set when the regex lexer reads
        self.src = ''

        # The file's own info (line 1); every other info is a copy of it.
        self.info = QAPISourceInfo(fname, incl_info)
        if pragma is not None:
            self.info.pragma = pragma

        # Lexer state: the current token is .tok (a structural character,
        # "'" for a string, 't'/'f' for a boolean, '#' for a doc comment
        # line, None at the end), its value .val, its start .pos; .cursor
        # is where the next token search starts.
        self.tok: Optional[str] = None
        self.val: Union[None, str, bool] = None
        self.pos = 0
        self.cursor = 0
        # How many objects and arrays enclose the current token.
        self._depth = 0
        # Line counting is incremental: the line number at offset _lpos.
        self._lpos = 0
        self._lline = 1
        # Doc style: indentation of the rST literal block being read, 0
        # before its first line, None outside one.
        self._literal_indent: Optional[int] = None
        # The doc block being parsed: its line texts, where each starts
        # (offset and line number), the index of the next one.
        self._dt: List[Union[None, str, QAPIParseError]] = []
        self._dstarts: Union[List[int], _LineStarts] = []
        self._dlines: Sequence[int] = []
        self._di = 0
        # The fast path's tokens and doc blocks (see _tokenize()), and the
        # index of the next of each; None when the regex lexer reads.
        self._toks: Optional[List[_Token]] = None
        self._ti = 0
        self._blocks: List[_DocBlock] = []
        self._bi = 0

        self.exprs: List[QAPIExpression] = []
        self.docs: List[QAPIDoc] = []

        if pragma_file is not None:
            self._read_pragma_file(pragma_file)
        self._parse()

    def _abspath(self, path: str) -> str:
        """os.path.abspath(@path), the working directory known."""
        return os.path.normpath(os.path.join(self._cwd, path))

    # Positions

    def _line_at(self, pos: int) -> int:
        """The line number of offset @pos (offsets only ever grow)."""
        if pos > self._lpos:
            self._lline += self.src.count('\n', self._lpos, pos)
            self._lpos = pos
        elif pos < self._lpos:
            return self.src.count('\n', 0, pos) + 1
        return self._lline

    def _info_at(self, pos: int) -> QAPISourceInfo:
        return self.info.at_line(self._line_at(pos))

    def _column(self, pos: int) -> int:
        """1-based column of offset @pos, tabs stopping every 8 columns."""
        line_start = self.src.rfind('\n', 0, pos) + 1
        text = self.src[line_start:pos]
        if '\t' not in text:
            return len(text) + 1
        # A tab advances to the next tab stop (columns 9, 17, ...).  QEMU's
        # formula, (col + 7) % 8 + 1, wraps around instead; we report the
        # column an editor shows.
        col = 1
        for ch in text:
            col = ((col - 1) // 8 + 1) * 8 + 1 if ch == '\t' else col + 1
        return col

    def _error(self, msg: str, pos: Optional[int] = None) -> QAPIParseError:
        if pos is None:
            pos = self.pos
        return QAPIParseError(self._info_at(pos), msg, self._column(pos))

    # Lexer

    def accept(self) -> None:
        """Read the next token into .tok, .val and .pos."""
        toks = self._toks
        if toks is not None:
            tok, val, self.pos = toks[self._ti]
            self._ti += 1
            self.tok = tok
            self.val = val      # type: ignore[assignment]
            return
        src = self.src
        match = self._token_re.match(src, self.cursor)
        assert match            # everything in it is optional
        group = match.lastindex
        if group is not None:
            self.pos = match.start(group) - (group == 2)
            self.cursor = match.end()
            if group == 1:
                self.tok = match.group(1)
                self.val = None
            elif group == 2:
                self.tok = "'"
                val = match.group(2)
                self.val = val.replace('\\\\', '\\') if '\\' in val else val
            elif group == 3:
                self.tok = 't'
                self.val = True
            elif group == 4:
                self.tok = 'f'
                self.val = False
            else:
                self.tok = '#'
                self.val = match.group(5)
            return
        pos = match.end()
        if pos >= len(src):
            # The text always ends in a newline; the end of input is
            # reported there, on the last line.
            self.tok = self.val = None
            self.pos = self.cursor = len(src) - 1
            return
        self.pos = pos
        self.tok = self.val = None
        if src[pos] == "'":
            raise self._bad_string(pos)
        stray = _regex(_STRAY).match(src, pos)
        assert stray            # src[pos] is neither blank nor structural
        raise self._error("stray '%s'" % stray.group(0))

    def _bad_string(self, pos: int) -> QAPIParseError:
        """The error in the string starting at @pos (which has one)."""
        src = self.src
        i = pos + 1
        while True:
            ch = src[i]
            i += 1
            if ch == '\n':
                return self._error('missing terminating "\'"', pos)
            if ch == '\\':
                ch = src[i]
                i += 1
                if ch != '\\':
                    return self._error('unknown escape \\%s' % ch, pos)
            elif ch == "'":
                break
            if not ' ' <= ch <= '~':
                return self._error('funny character in string', pos)
        raise AssertionError('string without error took the slow path')

    # Expressions

    def get_members(self) -> Dict[str, object]:
        expr: Dict[str, object] = {}
        if self.tok == '}':
            self.accept()
            return expr
        if self.tok != "'":
            raise self._error("expected string or '}'")
        while True:
            key = self.val
            assert isinstance(key, str)
            self.accept()
            if self.tok != ':':
                raise self._error("expected ':'")
            self.accept()
            if key in expr:
                raise self._error("duplicate key '%s'" % key)
            expr[key] = self.get_expr()
            if self.tok == '}':
                self.accept()
                return expr
            if self.tok != ',':
                raise self._error("expected ',' or '}'")
            self.accept()
            if self.tok != "'":
                raise self._error('expected string')

    def get_values(self) -> List[object]:
        expr: List[object] = []
        if self.tok == ']':
            self.accept()
            return expr
        if self.tok is None or self.tok not in "{['tf":
            raise self._error(
                "expected '{', '[', ']', string, or boolean")
        while True:
            expr.append(self.get_expr())
            if self.tok == ']':
                self.accept()
                return expr
            if self.tok != ',':
                raise self._error("expected ',' or ']'")
            self.accept()

    def get_expr(self) -> _ExprValue:
        tok = self.tok
        if tok == '{' or tok == '[':
            if self._depth >= MAX_DEPTH:
                raise self._error('nesting too deep (more than %d levels)'
                                  % MAX_DEPTH)
            self._depth += 1
            self.accept()
            value: _ExprValue = (self.get_members() if tok == '{'
                                 else self.get_values())
            self._depth -= 1
            return value
        if tok == "'" or tok == 't' or tok == 'f':
            val = self.val
            assert isinstance(val, (str, bool))
            self.accept()
            return val
        raise self._error("expected '{', '[', string, or boolean")

    def _get_top_expr(self) -> _ExprValue:
        """get_expr() for a top-level expression.

        With the fast path's tokens, a well-formed expression is read by
        _fast_expr(), straight off the token list; anything it does not
        take is read again by get_expr(), which reports the error.
        """
        toks = self._toks
        if toks is not None:
            start = self._ti - 1        # the current token's index
            try:
                value, self._ti = _fast_expr(toks, start, 0)
            except _Irregular:
                self._ti = start
            else:
                self.accept()
                return value
            self.accept()
        return self.get_expr()

    # Top level

    def _parse(self) -> None:
        # An OSError is for the caller to report (QAPISchema for the main
        # file, the include directive for an included one).
        data = read_schema_file(self._fname)
        try:
            src = data.decode('utf-8')
        except UnicodeDecodeError as err:
            # Report the place instead of a traceback.
            line_start = data.rfind(b'\n', 0, err.start) + 1
            raise QAPIParseError(
                self.info.at_line(data.count(b'\n', 0, err.start) + 1),
                'invalid UTF-8', err.start - line_start + 1) from err
        # Universal newlines, as a file opened in text mode reads them.
        if '\r' in src:
            src = src.replace('\r\n', '\n').replace('\r', '\n')
        if not src.endswith('\n'):
            src += '\n'
        self.src = src
        if self._doc_checks and not self._doc_style:
            try:
                self._toks, self._blocks = _tokenize(src)
            except _Irregular:
                pass
        if self._toks is None:
            self._token_re = _regex(_TOKEN_DOC if self._doc_checks
                                    else _TOKEN_NODOC)

        cur_doc: Optional[QAPIDoc] = None
        self.accept()
        while self.tok is not None:
            if self.tok == '#':
                self.reject_expr_doc(cur_doc)
                cur_doc = self.get_doc()
                self.docs.append(cur_doc)
                continue

            info = self._info_at(self.pos)
            expr = self._get_top_expr()
            if not isinstance(expr, dict):
                raise QAPISemError(
                    info, 'top-level expression must be an object')

            if 'include' in expr:
                self.reject_expr_doc(cur_doc)
                self._include_directive(expr, info)
            elif 'pragma' in expr:
                self.reject_expr_doc(cur_doc)
                if len(expr) != 1:
                    raise QAPISemError(info, "invalid 'pragma' directive")
                pragma = expr['pragma']
                if not isinstance(pragma, dict):
                    raise QAPISemError(
                        info, "value of 'pragma' must be an object")
                for name, value in pragma.items():
                    self._pragma(name, value, info)
            else:
                if cur_doc and not cur_doc.symbol:
                    raise QAPISemError(
                        cur_doc.info, 'definition documentation required')
                self.exprs.append(QAPIExpression(expr, info, cur_doc))
            cur_doc = None
        self.reject_expr_doc(cur_doc)

    @staticmethod
    def reject_expr_doc(doc: Optional[QAPIDoc]) -> None:
        if doc and doc.symbol:
            raise QAPISemError(
                doc.info,
                "documentation for '%s' is not followed by the definition"
                % doc.symbol)

    def _find_include(self, include: str) -> str:
        """The file an include directive names.

        Relative to the including file first, then in each include
        directory; when found nowhere, the first (for the error message).
        """
        here = os.path.join(os.path.dirname(self._fname), include)
        if not self._include_path or os.path.exists(here):
            return here
        for directory in self._include_path:
            candidate = os.path.join(directory, include)
            if os.path.exists(candidate):
                return candidate
        return here

    def _include_directive(self, expr: Dict[str, object],
                           info: QAPISourceInfo) -> None:
        if len(expr) != 1:
            raise QAPISemError(info, "invalid 'include' directive")
        include = expr['include']
        if not isinstance(include, str):
            raise QAPISemError(info, "value of 'include' must be a string")
        incl_fname = self._find_include(include)
        self.exprs.append(QAPIExpression({'include': incl_fname}, info))

        incl_abs = self._abspath(incl_fname)
        outer: Optional[QAPISourceInfo] = info
        while outer:
            if incl_abs == self._abspath(outer.fname):
                raise QAPISemError(info, 'inclusion loop for %s' % include)
            outer = outer.parent
        if incl_abs in self._included:
            return
        try:
            sub = QAPISchemaParser(
                incl_fname, self._included, info,
                include_path=self._include_path,
                doc_checks=self._doc_checks, doc_style=self._doc_style,
                cwd=self._cwd)
        except OSError as err:
            raise QAPISemError(
                info,
                f"can't read include file '{incl_fname}': {err.strerror}"
            ) from err
        self.exprs.extend(sub.exprs)
        self.docs.extend(sub.docs)

    def _pragma(self, name: str, value: object,
                info: QAPISourceInfo) -> None:
        def list_of_str() -> List[str]:
            if (not isinstance(value, list)
                    or any(not isinstance(elt, str) for elt in value)):
                raise QAPISemError(
                    info, 'pragma %s must be a list of strings' % name)
            return value

        pragma = info.pragma
        if name == 'doc-required':
            if not isinstance(value, bool):
                raise QAPISemError(info,
                                   "pragma 'doc-required' must be boolean")
            # Without doc checks, missing doc comments are no error either.
            pragma.doc_required = value and self._doc_checks
        elif name == 'command-name-exceptions':
            pragma.command_name_exceptions = list_of_str()
        elif name == 'command-returns-exceptions':
            pragma.command_returns_exceptions = list_of_str()
        elif name == 'documentation-exceptions':
            pragma.documentation_exceptions = list_of_str()
        elif name == 'member-name-exceptions':
            pragma.member_name_exceptions = list_of_str()
        else:
            raise QAPISemError(info, "unknown pragma '%s'" % name)

    def _read_pragma_file(self, fname: str) -> None:
        """Apply the pragmas of @fname to this schema (--pragma-file)."""
        try:
            sub = QAPISchemaParser(fname, set(), None,
                                   doc_checks=self._doc_checks,
                                   pragma=self.info.pragma)
        except OSError as err:
            raise QAPIError(
                f"can't read pragma file '{fname}': {err.strerror}") from err
        for expr in sub.exprs:
            raise QAPISemError(expr.info,
                               'a pragma file may contain only pragmas')

    # Doc comments
    #
    # A block is read in two steps.  _read_doc_block() turns its lines into
    # their texts (None for the closing '##'); the first line that is
    # invalid, or the token that ends the block too early, becomes the
    # error to raise when the parse gets there, so errors come in source
    # order as QEMU reports them.  The parse then walks the texts by index.
    # Sections record where they start as (file info, line) and make a
    # QAPISourceInfo only when one is asked for.

    def _read_doc_block(self) -> None:
        if self._toks is not None:
            self._dt, self._dlines, self._dstarts = \
                self._blocks[self._bi]  # type: ignore[assignment]
            self._bi += 1
            self._di = 0
            return
        src = self.src
        texts: List[Union[None, str, QAPIParseError]] = []
        starts: List[int] = []
        linenos: List[int] = []
        style = self._doc_style
        # Comment lines starting in column 1 (normally all of them) are
        # split in one go; anything else is read line by line.
        pos = self.cursor + 1
        lineno = self._line_at(self.pos) + 1
        run = _regex(_DOC_RUN).match(src, pos)
        assert run              # it may match nothing
        raws = src[pos:run.end() - 1].split('\n') if run.end() > pos else []
        for raw in raws:
            starts.append(pos)
            linenos.append(lineno)
            if raw.startswith('# '):
                text = raw[2:].rstrip()
            elif raw == '#':
                text = ''
            else:
                texts.append(self._doc_raw_text(raw, pos))
                break
            if style:
                err = self._style_error(text, pos)
                if err:
                    texts.append(err)
                    break
            texts.append(text)
            pos += len(raw) + 1
            lineno += 1
        else:
            # The run ended without closing the block: go line by line.
            self.cursor = pos - 1
            doc_line = _regex(_DOC_LINE)
            while True:
                match = doc_line.match(src, self.cursor)
                assert match        # everything in it is optional
                if match.group(1) is None:
                    try:
                        self.accept()
                    except QAPIParseError as err:
                        texts.append(err)
                    else:
                        texts.append(self._error(
                            "documentation comment must end with '##'"))
                    starts.append(self.pos)
                    linenos.append(self._line_at(self.pos))
                    break
                raw = match.group(1)
                pos = match.start(1)
                self.cursor = match.end()
                starts.append(pos)
                linenos.append(self._line_at(pos))
                text_or_end = self._doc_raw_text(raw, pos)
                texts.append(text_or_end)
                if not isinstance(text_or_end, str):
                    break
        if texts and texts[-1] is None:
            # Continue lexing after the closing '##'.
            self.cursor = starts[-1] + 2
        self._dt = texts
        self._dstarts = starts
        self._dlines = linenos
        self._di = 0

    def _doc_raw_text(self, raw: str, pos: int
                      ) -> Union[None, str, QAPIParseError]:
        """The text of doc comment line @raw at @pos, None for the closing
        '##', or the error the line is."""
        if raw.startswith('##'):
            if raw != '##':
                return self._error(
                    "junk after '##' at end of documentation comment", pos)
            self._literal_indent = None
            return None
        if raw == '#':
            return ''
        if raw[1] != ' ':
            return self._error('missing space after #', pos)
        text = raw[2:].rstrip()
        if self._doc_style:
            return self._style_error(text, pos) or text
        return text

    def _in_literal_block(self, line: str) -> bool:
        """Track rST literal blocks (examples), which style rules skip."""
        if _regex(_LITERAL_START).match(line):
            self._literal_indent = 0
            return True
        if self._literal_indent is not None and line:
            indent = _indentation(line)
            if self._literal_indent == 0:
                self._literal_indent = indent
            elif indent < self._literal_indent:
                # The block ends where the indentation decreases.
                self._literal_indent = None
        return self._literal_indent is not None

    def _style_error(self, line: str, pos: int) -> Optional[QAPIParseError]:
        """The style rule doc line @line (at @pos) breaks, if any."""
        if self._in_literal_block(line):
            return None
        if len(line) + 2 > 70 and not _regex(_URL_LINE).match(line):
            return self._error(
                'documentation line longer than 70 characters', pos)
        for match in _regex(_ONE_SPACE).finditer(line):
            if match.group(2):
                # Point at the space after the sentence's end.
                return self._error(
                    'Use two spaces between sentences\n'
                    'If this not the end of a sentence, please report a bug.',
                    pos + 2 + match.start(2) + 1)
        return None

    def _take(self) -> Optional[str]:
        """The next line of the doc block (None: its end)."""
        i = self._di
        self._di = i + 1
        text = self._dt[i]
        if isinstance(text, QAPIParseError):
            raise text
        return text

    def _here(self) -> LineRef:
        """Where the line last taken is."""
        return (self.info, self._dlines[self._di - 1])

    def _doc_error(self, msg: str) -> QAPIParseError:
        """An error at the line last taken."""
        return self._error(msg, self._dstarts[self._di - 1])

    # _doc_indented() and _doc_paragraph() walk the block's texts by index
    # themselves, as _take() does (a call for each line was a good part of
    # reading the doc comments): a text that is not a str is the block's
    # end (None) or the error found on that line, raised once reached.

    def _doc_indented(self, doc: QAPIDoc) -> Optional[str]:
        """Add an indented continuation to the current section.

        Return the first line that is not part of it.
        """
        texts = self._dt
        i = self._di
        section = doc.all_sections[-1]
        text = section.text
        line = texts[i]
        i += 1
        while line == '':
            text += '\n'
            line = texts[i]
            i += 1
        self._di = i
        if not isinstance(line, str):
            if line is not None:
                raise line
            section.text = text
            return None
        indent = len(line) - len(line.lstrip())
        if not indent:
            section.text = text
            return line
        text += line + '\n'
        prev_blank = False
        end: Optional[str] = None
        while True:
            line = texts[i]
            i += 1
            if not isinstance(line, str):
                self._di = i
                if line is not None:
                    raise line
                break
            if line[:1] == '@' and ':' in line:
                end = line
                break
            if line and len(line) - len(line.lstrip()) < indent:
                if prev_blank:
                    end = line
                    break
                self._di = i
                raise self._doc_error(
                    'unexpected de-indent (expected at least %d spaces)'
                    % indent)
            text += line + '\n'
            # As QEMU does: only the first continuation line may fail.
            prev_blank = True
        self._di = i
        section.text = text
        return end

    def _doc_paragraph(self, doc: QAPIDoc) -> Optional[str]:
        """Add lines up to a blank one; return that (or None at the end)."""
        texts = self._dt
        i = self._di
        section = doc.all_sections[-1]
        text = section.text
        while True:
            line = texts[i]
            i += 1
            if not isinstance(line, str):
                self._di = i
                if line is not None:
                    raise line
                section.text = text
                return None
            if not line:
                break
            text += line + '\n'
        self._di = i
        section.text = text
        return line

    def get_doc(self) -> QAPIDoc:
        """Parse the doc comment block starting at the current token."""
        if self.val != '##':
            raise self._error(
                "junk after '##' at start of documentation comment")
        info = self._info_at(self.pos)
        self._read_doc_block()
        line = self._take()
        if line is not None and line.startswith('@'):
            doc = self._definition_doc(info, line)
        else:
            doc = self._freeform_doc(info, line)
        self._dt = []
        self.accept()
        doc.end()
        return doc

    def _definition_doc(self, info: QAPISourceInfo, line: str) -> QAPIDoc:
        if not line.endswith(':'):
            raise self._doc_error("line should end with ':'")
        # The name must match the definition that follows; expr.py checks.
        symbol = line[1:-1]
        if not symbol:
            raise self._doc_error("name required after '@'")
        doc = QAPIDoc(info, symbol)
        take = self._take
        cur = take()
        have_tagged = False
        while cur is not None:
            while cur == '':
                cur = take()
            if cur is None:
                break
            if cur == 'Features:':
                if doc.features:
                    raise self._doc_error("duplicated 'Features:' line")
                cur = take()
                while cur == '':
                    cur = take()
                named = _at_name(cur) if cur is not None else None
                while named:
                    doc.new_feature(self._here(), named[0])
                    if named[1]:
                        doc.append_line(named[1])
                    cur = self._doc_indented(doc)
                    named = _at_name(cur) if cur is not None else None
                if not doc.features:
                    raise self._doc_error('feature descriptions expected')
                have_tagged = True
                continue
            named = _at_name(cur)
            if named:
                if have_tagged:
                    raise self._doc_error(
                        "description of '@%s:' follows a section"
                        % named[0])
                while named:
                    doc.new_argument(self._here(), named[0])
                    if named[1]:
                        doc.append_line(named[1])
                    cur = self._doc_indented(doc)
                    named = _at_name(cur) if cur is not None else None
                have_tagged = True
                continue
            tagged = _tagged(cur)
            if tagged:
                tag = tagged[0]
                if tag.startswith('Note'):
                    raise self._doc_error(
                        f"The '{tag}' section is no longer supported. Please "
                        "use rST's '.. note::' or '.. admonition:: notes' "
                        "directives, or another suitable admonition instead.")
                if tag.startswith('Example'):
                    raise self._doc_error(
                        f"The '{tag}' section is no longer supported. Please "
                        "use the '.. qmp-example::' directive, or other "
                        "suitable markup instead.")
                doc.new_tagged_section(self._here(),
                                       QAPIDoc.Kind.from_string(tag))
                if tagged[1]:
                    doc.append_line(tagged[1])
                cur = self._doc_indented(doc)
                have_tagged = True
                continue
            # A plain paragraph: part of the body until a section started.
            doc.ensure_untagged_section(self._here())
            doc.append_line(cur)
            cur = self._doc_paragraph(doc)
        return doc

    def _freeform_doc(self, info: QAPISourceInfo,
                      line: Optional[str]) -> QAPIDoc:
        doc = QAPIDoc(info)
        doc.ensure_untagged_section(self._here())
        take = self._take
        while line is not None:
            if line[:1] == '@':
                named = _at_name(line)
                if named:
                    raise self._doc_error(
                        "'@%s:' not allowed in free-form documentation"
                        % named[0])
            doc.append_line(line)
            line = take()
        return doc
