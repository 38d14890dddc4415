# SPDX-License-Identifier: LGPL-2.1-or-later
"""Where a piece of schema came from, for error messages.

A QAPISourceInfo names a file and a line, the chain of files that included
it, and (once expr.py has seen it) the definition it belongs to, so that an
error reads like a compiler's:

    In file included from main.json:3:
    sub.json: In struct 'Foo':
    sub.json:7: message
"""
from __future__ import annotations

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Optional


class QAPISchemaPragma:
    """The pragmas in force for one schema (shared by all its modules)."""

    def __init__(self) -> None:
        # Must every definition carry a doc comment?
        self.doc_required = False
        # Commands allowed an underscore in their names
        self.command_name_exceptions: List[str] = []
        # Commands that may return something other than an object
        self.command_returns_exceptions: List[str] = []
        # Definitions whose members may lack documentation
        self.documentation_exceptions: List[str] = []
        # Types whose members are exempt from the case rules
        self.member_name_exceptions: List[str] = []


class QAPISourceInfo:
    """A position in a schema file (line granularity), plus context."""

    # Thousands of these exist at once: slots keep them small.
    __slots__ = ('fname', 'line', 'parent', 'pragma', 'defn_meta',
                 'defn_name')

    def __init__(self, fname: str, parent: Optional[QAPISourceInfo]):
        self.fname = fname
        self.line = 1
        self.parent = parent
        self.pragma: QAPISchemaPragma = (
            parent.pragma if parent else QAPISchemaPragma())
        self.defn_meta: Optional[str] = None
        self.defn_name: Optional[str] = None

    def set_defn(self, meta: str, name: str) -> None:
        """Record the definition this position belongs to."""
        self.defn_meta = meta
        self.defn_name = name

    def at_line(self, line: int) -> QAPISourceInfo:
        """A fresh copy pointing at @line (copies never share set_defn)."""
        info = QAPISourceInfo.__new__(QAPISourceInfo)
        info.fname = self.fname
        info.line = line
        info.parent = self.parent
        info.pragma = self.pragma
        info.defn_meta = self.defn_meta
        info.defn_name = self.defn_name
        return info

    def next_line(self, n: int = 1) -> QAPISourceInfo:
        return self.at_line(self.line + n)

    def loc(self) -> str:
        return f'{self.fname}:{self.line}'

    def in_defn(self) -> str:
        if self.defn_name:
            return f"{self.fname}: In {self.defn_meta} '{self.defn_name}':\n"
        return ''

    def include_path(self) -> str:
        lines = []
        parent = self.parent
        while parent:
            lines.append(f'In file included from {parent.loc()}:\n')
            parent = parent.parent
        return ''.join(reversed(lines))

    def __str__(self) -> str:
        return self.include_path() + self.in_defn() + self.loc()

    def __repr__(self) -> str:
        return f'<QAPISourceInfo {self.loc()}>'
