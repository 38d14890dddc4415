# SPDX-License-Identifier: LGPL-2.1-or-later
"""Doc comment blocks, as the parser builds them and the schema checks them.

A block is either free-form (only a body) or documents one definition: a
body, then member descriptions ('@name: text'), feature descriptions (after
'Features:'), tagged sections ('Returns:', 'Errors:', 'Since:', 'TODO:')
and further plain paragraphs.  The parser (parser.py) decides what each
line is; this class stores the result and does the checks that need the
schema: every member and feature documented (connect_member,
connect_feature), nothing documented that does not exist (check), sections
that suit the definition (check_expr).
"""
from __future__ import annotations

from .error import QAPISemError
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar, Dict, List, Optional, Tuple, Union

    from .parser import QAPIExpression
    from .schema import QAPISchemaFeature, QAPISchemaMember

    # Where a section starts, without making a QAPISourceInfo yet: the
    # file's info and a line number.  The parser passes these (most
    # sections never need their info: it is for error messages).
    LineRef = Tuple[QAPISourceInfo, int]
    Where = Union[QAPISourceInfo, LineRef]


class QAPIDoc:
    """One '##' doc comment block."""

    class Kind:
        """What a section is: an enumeration (of the instances below,
        compared with 'is'), without the enum module, whose import costs
        start-up."""

        PLAIN: ClassVar[QAPIDoc.Kind]
        MEMBER: ClassVar[QAPIDoc.Kind]
        FEATURE: ClassVar[QAPIDoc.Kind]
        RETURNS: ClassVar[QAPIDoc.Kind]
        ERRORS: ClassVar[QAPIDoc.Kind]
        SINCE: ClassVar[QAPIDoc.Kind]
        TODO: ClassVar[QAPIDoc.Kind]

        def __init__(self, name: str, value: int) -> None:
            self.name = name
            self.value = value

        def __repr__(self) -> str:
            return '<Kind.%s: %d>' % (self.name, self.value)

        @staticmethod
        def from_string(kind: str) -> QAPIDoc.Kind:
            known = _KINDS.get(kind.upper())
            if known is None:
                raise KeyError(kind.upper())
            return known

        def __str__(self) -> str:
            return self.name.title()

    class Section:
        """A run of text of one kind; .info is where it starts."""

        # Thousands of these exist at once: slots keep them small.
        __slots__ = ('_where', 'kind', 'text')

        def __init__(self, info: Where, kind: QAPIDoc.Kind):
            self._where = info
            self.kind = kind
            self.text = ''

        @property
        def info(self) -> QAPISourceInfo:
            where = self._where
            if isinstance(where, tuple):
                where = self._where = where[0].at_line(where[1])
            return where

        def move_to(self, info: Where) -> None:
            """Make the section start at @info instead."""
            self._where = info

        def __repr__(self) -> str:
            return f'<QAPIDoc.Section kind={self.kind!r} text={self.text!r}>'

        def append_line(self, line: str) -> None:
            self.text += line + '\n'

    class ArgSection(Section):
        """The description of one member or feature."""

        __slots__ = ('name', 'member')

        def __init__(self, info: Where, kind: QAPIDoc.Kind, name: str):
            # Section.__init__()'s body: no super() call for each
            self._where = info
            self.kind = kind
            self.text = ''
            self.name = name
            self.member: Optional[QAPISchemaMember] = None

        def connect(self, member: QAPISchemaMember) -> None:
            self.member = member

    def __init__(self, info: QAPISourceInfo, symbol: Optional[str] = None):
        # The block's first line
        self.info = info
        # The documented definition's name; None for free-form text
        self.symbol: Optional[str] = symbol
        # Every section in source order; the first is the body
        self.all_sections: List[QAPIDoc.Section] = [
            QAPIDoc.Section(info, QAPIDoc.Kind.PLAIN)]
        self.body: QAPIDoc.Section = self.all_sections[0]
        # Member and feature descriptions by name
        self.args: Dict[str, QAPIDoc.ArgSection] = {}
        self.features: Dict[str, QAPIDoc.ArgSection] = {}
        # The tagged sections a definition may have once
        self.returns: Optional[QAPIDoc.Section] = None
        self.errors: Optional[QAPIDoc.Section] = None
        self.since: Optional[QAPIDoc.Section] = None
        # Every tagged and untagged section after the body that describes
        # neither a member nor a feature
        self.sections: List[QAPIDoc.Section] = []

    def __repr__(self) -> str:
        return f'<QAPIDoc {self.symbol or "(free-form)"} at {self.info.loc()}>'

    # Building (called by the parser)

    def end(self) -> None:
        """Finish the block: trim blank lines, reject empty tagged text."""
        plain = QAPIDoc.Kind.PLAIN
        for section in self.all_sections:
            text = section.text = section.text.strip('\n')
            # Plain paragraphs may be empty (an empty body); tags may not.
            if not text and section.kind is not plain:
                raise QAPISemError(
                    section.info,
                    "text required after '%s:'" % section.kind)

    def ensure_untagged_section(self, info: Where) -> None:
        """Continue the current plain section, or start one at @info."""
        last = self.all_sections[-1]
        if last.kind is QAPIDoc.Kind.PLAIN:
            if not last.text:
                # Nothing in it yet: it starts here.
                last.move_to(info)
            last.text += '\n'
            return
        section = QAPIDoc.Section(info, QAPIDoc.Kind.PLAIN)
        self.sections.append(section)
        self.all_sections.append(section)

    def new_tagged_section(self, info: Where, kind: QAPIDoc.Kind) -> None:
        section = QAPIDoc.Section(info, kind)
        if kind in _UNIQUE_KINDS:
            self._set_unique(section)
        self.sections.append(section)
        self.all_sections.append(section)

    def _set_unique(self, section: QAPIDoc.Section) -> None:
        """Record a section a definition may have only once."""
        kind = section.kind
        if kind is QAPIDoc.Kind.RETURNS:
            previous, self.returns = self.returns, section
        elif kind is QAPIDoc.Kind.ERRORS:
            previous, self.errors = self.errors, section
        else:
            assert kind is QAPIDoc.Kind.SINCE
            previous, self.since = self.since, section
        if previous:
            raise QAPISemError(section.info,
                               "duplicated '%s' section" % kind)

    def _new_description(self, info: Where, name: str, kind: QAPIDoc.Kind,
                         descs: Dict[str, QAPIDoc.ArgSection]) -> None:
        section = QAPIDoc.ArgSection(info, kind, name)
        if not name:
            raise QAPISemError(section.info, 'invalid parameter name')
        if name in descs:
            raise QAPISemError(section.info,
                               "'%s' parameter name duplicated" % name)
        self.all_sections.append(section)
        descs[name] = section

    def new_argument(self, info: Where, name: str) -> None:
        self._new_description(info, name, QAPIDoc.Kind.MEMBER, self.args)

    def new_feature(self, info: Where, name: str) -> None:
        self._new_description(info, name, QAPIDoc.Kind.FEATURE,
                              self.features)

    def append_line(self, line: str) -> None:
        self.all_sections[-1].text += line + '\n'


    # Checking against the schema (called by expr.py and schema.py)

    def connect_member(self, member: QAPISchemaMember) -> None:
        """Tie @member to its description; it must have one."""
        section = self.args.get(member.name)
        if section is None:
            assert member.info
            if self.symbol not in member.info.pragma.documentation_exceptions:
                raise QAPISemError(member.info,
                                   "%s '%s' lacks documentation"
                                   % (member.role, member.name))
            # An exception: give it an empty description after the last
            # member description (the body always comes first).
            section = QAPIDoc.ArgSection(self.info, QAPIDoc.Kind.MEMBER,
                                         member.name)
            self.args[member.name] = section
            index = 1
            while (index < len(self.all_sections)
                   and self.all_sections[index].kind is QAPIDoc.Kind.MEMBER):
                index += 1
            self.all_sections.insert(index, section)
        section.connect(member)

    def connect_feature(self, feature: QAPISchemaFeature) -> None:
        section = self.features.get(feature.name)
        if section is None:
            raise QAPISemError(feature.info,
                               "feature '%s' lacks documentation"
                               % feature.name)
        section.connect(feature)

    def ensure_returns(self, info: QAPISourceInfo) -> None:
        """Give a command that returns something a 'Returns' section.

        When the comment has none, an empty one goes (in all_sections
        only, for doc generators) after the member descriptions, else
        before the 'Errors' section, else before the feature
        descriptions, else right after the body.
        """
        kinds = [section.kind for section in self.all_sections]
        if QAPIDoc.Kind.RETURNS in kinds:
            return
        stub = QAPIDoc.Section(info, QAPIDoc.Kind.RETURNS)
        for kind, after in ((QAPIDoc.Kind.MEMBER, True),
                            (QAPIDoc.Kind.ERRORS, False),
                            (QAPIDoc.Kind.FEATURE, False)):
            if kind in kinds:
                last = len(kinds) - 1 - kinds[::-1].index(kind)
                self.all_sections.insert(last + after, stub)
                return
        self.all_sections.insert(1, stub)

    def check_expr(self, expr: QAPIExpression) -> None:
        """Reject sections the definition @expr cannot have."""
        if 'command' in expr:
            if self.returns and 'returns' not in expr:
                raise QAPISemError(
                    self.returns.info,
                    "'Returns' section, but command doesn't return anything")
            return
        if self.returns:
            raise QAPISemError(self.returns.info,
                               "'Returns' section is only valid for commands")
        if self.errors:
            raise QAPISemError(self.errors.info,
                               "'Errors' section is only valid for commands")

    def check(self) -> None:
        """Reject descriptions of members and features that don't exist."""
        for descs, what in ((self.args, 'member'),
                            (self.features, 'feature')):
            bogus = [name for name, section in descs.items()
                     if not section.member]
            if bogus:
                plural = len(bogus) > 1
                raise QAPISemError(
                    descs[bogus[0]].info,
                    "documented %s%s '%s' %s not exist"
                    % (what, 's' if plural else '', "', '".join(bogus),
                       'do' if plural else 'does'))


QAPIDoc.Kind.PLAIN = QAPIDoc.Kind('PLAIN', 0)
QAPIDoc.Kind.MEMBER = QAPIDoc.Kind('MEMBER', 1)
QAPIDoc.Kind.FEATURE = QAPIDoc.Kind('FEATURE', 2)
QAPIDoc.Kind.RETURNS = QAPIDoc.Kind('RETURNS', 3)
QAPIDoc.Kind.ERRORS = QAPIDoc.Kind('ERRORS', 4)
QAPIDoc.Kind.SINCE = QAPIDoc.Kind('SINCE', 5)
QAPIDoc.Kind.TODO = QAPIDoc.Kind('TODO', 6)
_KINDS = {kind.name: kind for kind in (
    QAPIDoc.Kind.PLAIN, QAPIDoc.Kind.MEMBER, QAPIDoc.Kind.FEATURE,
    QAPIDoc.Kind.RETURNS, QAPIDoc.Kind.ERRORS, QAPIDoc.Kind.SINCE,
    QAPIDoc.Kind.TODO)}

# The sections a definition may have only once (QAPIDoc.returns, .errors
# and .since).
_UNIQUE_KINDS = frozenset(
    (QAPIDoc.Kind.RETURNS, QAPIDoc.Kind.ERRORS, QAPIDoc.Kind.SINCE))
