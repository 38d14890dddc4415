# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Naming and text helpers shared by the front end and every back end.

C names must come out exactly as QEMU's generator spells them, so that code
written against QEMU's generated types ports unchanged; the rules below
(c_name, camel_to_upper, c_enum_const) follow QEMU's documented behaviour.
"""

from __future__ import annotations

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Dict, List, Match, Optional, Sequence, Union
    from typing import cast as cast
else:
    def cast(_type: object, value: object) -> object:
        """typing.cast, without importing typing."""
        return value

# A marker that swallows itself and every blank to its right: lets a
# template write '%(c_type)s %(name)s' whether or not c_type ends in '*'.
EATSPACE = '\033EATSPACE.'
POINTER_SUFFIX = ' *' + EATSPACE

_C_RESERVED = frozenset([
    # C89
    'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do',
    'double', 'else', 'enum', 'extern', 'float', 'for', 'goto', 'if', 'int',
    'long', 'register', 'return', 'short', 'signed', 'sizeof', 'static',
    'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile',
    'while',
    # C99
    'inline', 'restrict', '_Bool', '_Complex', '_Imaginary',
    # C11
    '_Alignas', '_Alignof', '_Atomic', '_Generic', '_Noreturn',
    '_Static_assert', '_Thread_local',
    # GCC extensions
    'asm', 'typeof',
    # C++ keywords and alternative operator spellings
    'bool', 'catch', 'class', 'const_cast', 'delete', 'dynamic_cast',
    'explicit', 'false', 'friend', 'mutable', 'namespace', 'new', 'operator',
    'private', 'protected', 'public', 'reinterpret_cast', 'static_cast',
    'template', 'this', 'throw', 'true', 'try', 'typeid', 'typename',
    'using', 'virtual', 'wchar_t', 'and', 'and_eq', 'bitand', 'bitor',
    'compl', 'not', 'not_eq', 'or', 'or_eq', 'xor', 'xor_eq',
    # predefined macros on some hosts
    'unix', 'errno', 'mips', 'sparc', 'i386', 'linux',
])

# The characters of C identifiers, and a str.translate() table that maps
# every other ASCII character to '_'.
_IDENT_CHARS = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
                         '0123456789_')
_TO_IDENT = {code: '_' for code in range(128) if chr(code) not in _IDENT_CHARS}


def _c_ident(text: str) -> str:
    """@text with every character C does not allow in an identifier
    replaced by '_'."""
    if text.isascii():
        return text.translate(_TO_IDENT)
    return ''.join(ch if ch in _IDENT_CHARS else '_' for ch in text)


# c_name()'s results by name, for protect true and false (dicts rather than
# functools.lru_cache: functools costs start-up).
_C_NAMES: Dict[str, str] = {}
_C_NAMES_UNPROTECTED: Dict[str, str] = {}


def c_name(name: str, protect: bool = True) -> str:
    """
    The C spelling of a QAPI name: every character C does not allow in an
    identifier becomes '_'.  With @protect, names that would collide with a
    keyword or start with a digit get the prefix 'q_'.
    """
    cache = _C_NAMES if protect else _C_NAMES_UNPROTECTED
    known = cache.get(name)
    if known is not None:
        return known
    result = _c_ident(name)
    if protect and (result in _C_RESERVED or result[0].isdigit()):
        result = 'q_' + result
    cache[name] = result
    return result


_UPPER_NAMES: Dict[str, str] = {}


def camel_to_upper(value: str) -> str:
    """_camel_to_upper(@value), remembered."""
    known = _UPPER_NAMES.get(value)
    if known is None:
        known = _UPPER_NAMES[value] = _camel_to_upper(value)
    return known


def _camel_to_upper(value: str) -> str:
    """
    CamelCase -> CAMEL_CASE, as QEMU (>= 9.2) does it.

    A '_' goes between a lower-case run and the upper-case letter after it,
    and before the last letter of an upper-case run that is followed by a
    non-upper-case character (so 'OSInterface' -> 'OS_INTERFACE'), unless
    that would put it at the very start or next to a non-alphanumeric.
    """
    out = [value[0]]
    upper = value[0].isupper()
    for ch in value[1:]:
        ch_upper = ch.isupper()
        if ch_upper != upper:
            if upper:
                if len(out) > 2 and out[-2].isalnum():
                    out.insert(len(out) - 1, '_')
            elif out[-1].isalnum():
                out.append('_')
        out.append(ch)
        upper = ch_upper
    return c_name(''.join(out).upper()).lstrip('_')


def c_enum_const(type_name: str, const_name: str,
                 prefix: Optional[str] = None) -> str:
    """The C constant for enum value @const_name of enum @type_name."""
    if prefix is None:
        prefix = camel_to_upper(type_name)
    return prefix + '_' + c_name(const_name, False).upper()


class Indentation:
    """The current indentation of generated C code."""

    def __init__(self, initial: int = 0) -> None:
        self._level = initial
        self.text = ' ' * initial

    def __str__(self) -> str:
        return self.text

    def increase(self, amount: int = 4) -> None:
        self._level += amount
        self.text = ' ' * self._level

    def decrease(self, amount: int = 4) -> None:
        assert amount <= self._level
        self._level -= amount
        self.text = ' ' * self._level


indent = Indentation()


def _indent_text(raw: str) -> str:
    """Indent expanded template text @raw, drop its EATSPACE markers."""
    pfx = indent.text
    if pfx:
        # Every line but empty ones and preprocessor lines
        raw = '\n'.join([pfx + line if line and line[0] != '#' else line
                         for line in raw.split('\n')])
    if EATSPACE in raw:
        # The marker and the blanks after it
        parts = raw.split(EATSPACE)
        raw = parts[0] + ''.join([part.lstrip(' ') for part in parts[1:]])
    return raw


def cgen(code: str, **kwds: object) -> str:
    """Interpolate @kwds into @code, indent it, drop EATSPACE markers."""
    return _indent_text(code % kwds)


def mcgen(code: str, **kwds: object) -> str:
    """cgen() for triple-quoted templates that start with a newline."""
    if code[0] == '\n':
        code = code[1:]
    # Not through cgen(): its **kwds would be packed once more per template
    return _indent_text(code % kwds)


def c_fname(filename: str) -> str:
    return _c_ident(filename)


def guardstart(name: str) -> str:
    guard = c_fname(name).upper()
    return '#ifndef %s\n#define %s\n\n' % (guard, guard)


def guardend(name: str) -> str:
    return '\n#endif /* %s */\n' % c_fname(name).upper()


if TYPE_CHECKING:
    # An 'if' condition as written in the schema: a name, {'not': COND},
    # {'all': [COND, ...]} or {'any': [COND, ...]}.
    IfExpr = Union[str, Dict[str, Union['IfExpr', List['IfExpr']]]]
    IfCond = Optional[IfExpr]


def gen_ifcond(ifcond: IfCond, cond_fmt: str, not_fmt: str,
               all_operator: str, any_operator: str) -> str:
    """Render an 'if' condition tree with the given operators."""
    if not ifcond:
        return ''

    def render(cond: IfExpr, nested: bool) -> str:
        if isinstance(cond, str):
            return cond_fmt % cond
        assert isinstance(cond, dict) and len(cond) == 1
        if 'not' in cond:
            operand = cond['not']
            assert not isinstance(operand, list)
            return not_fmt % render(operand, True)
        operands = cond['all'] if 'all' in cond else cond['any']
        assert isinstance(operands, list)
        operator = all_operator if 'all' in cond else any_operator
        text = operator.join(render(c, True) for c in operands)
        return '(' + text + ')' if nested else text

    return render(ifcond, False)


def cgen_ifcond(ifcond: IfCond) -> str:
    return gen_ifcond(ifcond, 'defined(%s)', '!%s', ' && ', ' || ')


def docgen_ifcond(ifcond: IfCond) -> str:
    return gen_ifcond(ifcond, '%s', 'not %s', ' and ', ' or ')


def gen_if(cond: str) -> str:
    if not cond:
        return ''
    return '#if %s\n' % cond


def gen_endif(cond: str) -> str:
    if not cond:
        return ''
    return '#endif /* %s */\n' % cond


def must_match(pattern: str, string: str) -> Match[str]:
    import re
    match = re.match(pattern, string)
    assert match is not None
    return match


def join_or(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(items) <= 1:
        return ''.join(items)
    return ', '.join(items[:-1]) + ' or ' + items[-1]
