# SPDX-License-Identifier: LGPL-2.1-or-later
"""Exceptions of the QAPI generator.

str() of a source error is the complete message, context lines included:
"FILE:LINE: message" for semantic errors, "FILE:LINE:COL: message" for
syntax errors.
"""
from __future__ import annotations


from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Optional


class QAPIError(Exception):
    """Any error the generator reports to its user."""


class QAPISourceError(QAPIError):
    """An error tied to a place in the schema source."""

    def __init__(self, info: Optional[QAPISourceInfo], msg: str,
                 col: Optional[int] = None):
        super().__init__(msg)
        self.info = info
        self.msg = msg
        self.col = col

    def __str__(self) -> str:
        assert self.info is not None
        where = str(self.info)
        if self.col is not None:
            where += f':{self.col}'
        return f'{where}: {self.msg}'


class QAPISemError(QAPISourceError):
    """A schema that is well-formed text but breaks a language rule."""


class QAPIParseError(QAPISourceError):
    """A schema that is not well-formed text (always carries a column)."""
