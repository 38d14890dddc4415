# SPDX-License-Identifier: LGPL-2.1-or-later
"""Shape checks on parsed expressions, and their normal form.

check_exprs() verifies, for every definition, what can be decided without
knowing the other definitions: the keys it may and must have, the type of
each value, the naming rules, 'if' conditions, features, flags, and that
its doc comment (if any) is for it.  On the way it rewrites the sugared
forms in place, so that schema.py sees one form only:

- members  {'name': 'T'}          become {'name': {'type': 'T'}}
- features ['f']                  become [{'name': 'f'}]
- enum values ['v']               become [{'name': 'v'}]

Whether a named type exists, clashes and the like are schema.py's job.
The normal form is spelled out below as TypedDicts (EnumExpr, StructExpr,
...): what schema.py may rely on once check_exprs() has accepted a
definition.
"""
from __future__ import annotations

from .common import c_name, cast
from .error import QAPISemError
from .parser import QAPIExpression
from .source import QAPISourceInfo

# Names are checked with string operations, not regular expressions:
# compiling patterns costs start-up.  Schema strings are ASCII.
_LOWER = frozenset('abcdefghijklmnopqrstuvwxyz')
_UPPER = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZ')
_DIGITS = frozenset('0123456789')
_LETTERS = _LOWER | _UPPER
_ALNUM = _LETTERS | _DIGITS
# The characters of a name's stem, and of a downstream prefix's RFQDN
_STEM_CHARS = _ALNUM | frozenset('_-')
_RFQDN_CHARS = _ALNUM | frozenset('.-')
_IF_NAME_CHARS = _UPPER | _DIGITS | frozenset('_')
# The characters of a member name that passes every name rule: lowercase,
# no '_' (and none of the reserved 'q_' (c_name), 'u' and 'has_' forms).
_PLAIN_MEMBER_CHARS = _LOWER | _DIGITS | frozenset('-')


def _is_stem(text: str) -> bool:
    """A letter, then letters, digits, '_' and '-'."""
    return text[:1] in _LETTERS and _STEM_CHARS.issuperset(text)


def name_stem(name: str) -> Optional[str]:
    """The stem of @name after an optional downstream prefix '__RFQDN_'
    and an optional 'x-' (any case); None when @name is not a valid QAPI name."""
    if name[:2] == '__':
        end = 2
        while end < len(name) and name[end] in _RFQDN_CHARS:
            end += 1
        if end == 2 or name[end:end + 1] != '_':
            return None
        name = name[end + 1:]
    if name[:2] in ('x-', 'X-') and _is_stem(name[2:]):
        return name[2:]
    return name if _is_stem(name) else None


def _is_plain_member(key: str) -> bool:
    if key[:1] == '*':
        key = key[1:]
    return (key[:1] in _LOWER and _PLAIN_MEMBER_CHARS.issuperset(key)
            and key != 'u' and key[:2] != 'q-' and key[:4] != 'has-')

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Dict, Iterable, List, Optional, Sequence, Union

    # Only the type checker needs these: at run time a checked definition
    # is the parser's QAPIExpression, and schema.py casts it to the form
    # check_exprs() guarantees.  (NotRequired comes from mypy's bundled
    # stubs, so nothing is imported when the generator runs.)
    from typing_extensions import NotRequired, TypedDict

    from .common import IfCond

    FeatureExpr = TypedDict('FeatureExpr', {
        'name': str,
        'if': NotRequired[IfCond],
    })
    EnumValueExpr = TypedDict('EnumValueExpr', {
        'name': str,
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    # A member's or a branch's type: a type name, or [name] for an array.
    TypeRef = Union[str, List[str]]
    MemberExpr = TypedDict('MemberExpr', {
        'type': TypeRef,
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    MembersExpr = Dict[str, MemberExpr]
    BranchExpr = TypedDict('BranchExpr', {
        'type': TypeRef,
        'if': NotRequired[IfCond],
    })
    EnumExpr = TypedDict('EnumExpr', {
        'enum': str,
        'data': List[EnumValueExpr],
        'prefix': NotRequired[str],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    StructExpr = TypedDict('StructExpr', {
        'struct': str,
        'data': MembersExpr,
        'base': NotRequired[str],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    UnionExpr = TypedDict('UnionExpr', {
        'union': str,
        'base': Union[str, MembersExpr],
        'discriminator': str,
        'data': Dict[str, BranchExpr],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    AlternateExpr = TypedDict('AlternateExpr', {
        'alternate': str,
        'data': Dict[str, BranchExpr],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    CommandExpr = TypedDict('CommandExpr', {
        'command': str,
        'data': NotRequired[Union[str, MembersExpr]],
        'returns': NotRequired[TypeRef],
        'boxed': NotRequired[bool],
        'gen': NotRequired[bool],
        'success-response': NotRequired[bool],
        'allow-oob': NotRequired[bool],
        'allow-preconfig': NotRequired[bool],
        'coroutine': NotRequired[bool],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    EventExpr = TypedDict('EventExpr', {
        'event': str,
        'data': NotRequired[Union[str, MembersExpr]],
        'boxed': NotRequired[bool],
        'if': NotRequired[IfCond],
        'features': NotRequired[List[FeatureExpr]],
    })
    IncludeExpr = TypedDict('IncludeExpr', {'include': str})

META_KEYS = ('enum', 'struct', 'union', 'alternate', 'command', 'event')

# Per meta-type: the keys it must have and the keys it may have.
_KEYS: Dict[str, Sequence[List[str]]] = {
    'enum': (['enum', 'data'], ['if', 'features', 'prefix']),
    'struct': (['struct', 'data'], ['base', 'if', 'features']),
    'union': (['union', 'base', 'discriminator', 'data'],
              ['if', 'features']),
    'alternate': (['alternate', 'data'], ['if', 'features']),
    'command': (['command'],
                ['data', 'returns', 'boxed', 'if', 'features', 'gen',
                 'success-response', 'allow-oob', 'allow-preconfig',
                 'coroutine']),
    'event': (['event'], ['data', 'boxed', 'if', 'features']),
}


# Names

def check_name_is_str(name: object, info: QAPISourceInfo,
                      source: str) -> None:
    if not isinstance(name, str):
        raise QAPISemError(info, '%s requires a string name' % source)


def check_name_str(name: str, info: QAPISourceInfo, source: str) -> str:
    """The stem of @name once its prefixes are off; an error unless @name
    follows QAPI's naming rules.

    The 'q_' namespace is reserved for generated names (q_empty, q_obj_*).
    """
    stem = name_stem(name)
    if stem is None or c_name(name, False).startswith('q_'):
        raise QAPISemError(info, '%s has an invalid name' % source)
    return stem


def check_name_upper(name: str, info: QAPISourceInfo, source: str) -> None:
    """Event names: no lowercase, no '-'."""
    stem = check_name_str(name, info, source)
    if '-' in stem or not _LOWER.isdisjoint(stem):
        raise QAPISemError(
            info, "name of %s must not use lowercase or '-'" % source)


def check_name_lower(name: str, info: QAPISourceInfo, source: str,
                     permit_upper: bool = False,
                     permit_underscore: bool = False) -> None:
    """Command and member names: no uppercase, no '_' (unless excepted)."""
    stem = check_name_str(name, info, source)
    if ((not permit_upper and stem.lower() != stem)
            or (not permit_underscore and '_' in stem)):
        raise QAPISemError(
            info, "name of %s must not use uppercase or '_'" % source)


def check_name_camel(name: str, info: QAPISourceInfo, source: str) -> None:
    """Type names: CamelCase."""
    stem = check_name_str(name, info, source)
    if not (stem[:1] in _UPPER and _ALNUM.issuperset(stem)
            and not _LOWER.isdisjoint(stem[1:])):
        raise QAPISemError(info, 'name of %s must use CamelCase' % source)


def check_defn_name_str(name: str, info: QAPISourceInfo, meta: str) -> None:
    if meta == 'event':
        check_name_upper(name, info, meta)
    elif meta == 'command':
        check_name_lower(
            name, info, meta,
            permit_underscore=name in info.pragma.command_name_exceptions)
    else:
        check_name_camel(name, info, meta)
        if name.endswith('List'):
            raise QAPISemError(
                info, "%s name should not end in 'List'" % meta)


# Keys, conditions, features, flags

def check_keys(value: Dict[str, object], info: QAPISourceInfo, source: str,
               required: Sequence[str], optional: Sequence[str]) -> None:
    # The usual case, nothing missing or unknown, without building sets
    # (@required and @optional are short lists at every call).
    for key in value:
        if key not in required and key not in optional:
            break
    else:
        for key in required:
            if key not in value:
                break
        else:
            return

    def quoted(names: Iterable[str]) -> str:
        return ', '.join("'%s'" % name for name in sorted(names))

    missing = set(required) - set(value)
    if missing:
        raise QAPISemError(
            info, '%s misses key%s %s'
            % (source, 's' if len(missing) > 1 else '', quoted(missing)))
    allowed = set(required) | set(optional)
    unknown = set(value) - allowed
    if unknown:
        raise QAPISemError(
            info, '%s has unknown key%s %s\nValid keys are %s.'
            % (source, 's' if len(unknown) > 1 else '', quoted(unknown),
               quoted(allowed)))


def check_flags(expr: QAPIExpression) -> None:
    for key in ('gen', 'success-response'):
        if key in expr and expr[key] is not False:
            raise QAPISemError(
                expr.info, "flag '%s' may only use false value" % key)
    for key in ('boxed', 'allow-oob', 'allow-preconfig', 'coroutine'):
        if key in expr and expr[key] is not True:
            raise QAPISemError(
                expr.info, "flag '%s' may only use true value" % key)
    if 'allow-oob' in expr and 'coroutine' in expr:
        # No use case, and no obvious meaning for the combination yet.
        raise QAPISemError(
            expr.info, "flags 'allow-oob' and 'coroutine' are incompatible")


def check_if(expr: Dict[str, object], info: QAPISourceInfo,
             source: str) -> None:
    """Check the optional 'if' of @expr: a name, or all/any/not of them."""

    def check_cond(cond: object) -> None:
        if isinstance(cond, str):
            if not (cond[:1] in _UPPER and _IF_NAME_CHARS.issuperset(cond)):
                raise QAPISemError(
                    info, "'if' condition '%s' of %s is not a valid identifier"
                    % (cond, source))
            return
        if not isinstance(cond, dict):
            raise QAPISemError(
                info,
                "'if' condition of %s must be a string or an object" % source)
        check_keys(cond, info, "'if' condition of %s" % source, [],
                   ['all', 'any', 'not'])
        if len(cond) != 1:
            raise QAPISemError(
                info, "'if' condition of %s has conflicting keys" % source)
        if 'not' in cond:
            check_cond(cond['not'])
            return
        operator = 'all' if 'all' in cond else 'any'
        operands = cond[operator]
        if not isinstance(operands, list):
            raise QAPISemError(
                info, "'%s' condition of %s must be an array"
                % (operator, source))
        if not operands:
            raise QAPISemError(
                info, "'if' condition [] of %s is useless" % source)
        for operand in operands:
            check_cond(operand)

    ifcond = expr.get('if')
    if ifcond is not None:
        check_cond(ifcond)


def normalize_members(members: object) -> None:
    """Turn {'m': 'T'} into {'m': {'type': 'T'}} in place."""
    if isinstance(members, dict):
        for key, arg in members.items():
            if not isinstance(arg, dict):
                members[key] = {'type': arg}


def check_features(features: Optional[object],
                   info: QAPISourceInfo) -> None:
    if features is None:
        return
    if not isinstance(features, list):
        raise QAPISemError(info, "'features' must be an array")
    features[:] = [feat if isinstance(feat, dict) else {'name': feat}
                   for feat in features]
    for feat in features:
        source = "'features' member"
        check_keys(feat, info, source, ['name'], ['if'])
        check_name_is_str(feat['name'], info, source)
        source = "%s '%s'" % (source, feat['name'])
        check_name_lower(feat['name'], info, source)
        check_if(feat, info, source)


def check_type_name(value: Optional[object], info: QAPISourceInfo,
                    source: str) -> None:
    """A type reference: a name (or absent)."""
    if value is not None and not isinstance(value, str):
        raise QAPISemError(info, '%s should be a type name' % source)


def check_type_name_or_array(value: Optional[object],
                             info: QAPISourceInfo, source: str) -> None:
    """A type reference: a name, or ['Name'] for an array of it."""
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, list):
        raise QAPISemError(
            info, '%s should be a type name or array' % source)
    if len(value) != 1 or not isinstance(value[0], str):
        raise QAPISemError(
            info, '%s: array type must contain single type name' % source)


def check_members(value: Dict[str, object], info: QAPISourceInfo,
                  source: str, parent_name: Optional[str]) -> None:
    """The members of an implicit object type, already normalized.

    The case rules are waived for the members of @parent_name if the
    pragma member-name-exceptions lists it.
    """
    permissive = (parent_name is not None
                  and parent_name in info.pragma.member_name_exceptions)
    for key, arg in value.items():
        # Most members are a plain name and a type name: nothing to check
        # beyond what _is_plain_member() accepts.
        if (isinstance(arg, dict) and len(arg) == 1
                and isinstance(arg.get('type'), str)
                and _is_plain_member(key)):
            continue
        key_source = "%s member '%s'" % (source, key)
        if key.startswith('*'):
            key = key[1:]
        check_name_lower(key, info, key_source,
                         permit_upper=permissive,
                         permit_underscore=permissive)
        cname = c_name(key, False)
        if cname == 'u' or cname.startswith('has_'):
            raise QAPISemError(info, '%s uses reserved name' % key_source)
        assert isinstance(arg, dict)
        check_keys(arg, info, key_source, ['type'], ['if', 'features'])
        check_if(arg, info, key_source)
        check_features(arg.get('features'), info)
        check_type_name_or_array(arg['type'], info, key_source)


def check_type_implicit(value: Optional[object], info: QAPISourceInfo,
                        source: str, parent_name: Optional[str]) -> None:
    """A type name, or the members of an implicit object type."""
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, dict):
        raise QAPISemError(
            info, '%s should be an object or type name' % source)
    check_members(value, info, source, parent_name)


# Definitions

def check_enum(expr: QAPIExpression) -> None:
    name = expr['enum']
    members = expr['data']
    prefix = expr.get('prefix')
    info = expr.info

    if not isinstance(members, list):
        raise QAPISemError(info, "'data' must be an array")
    if prefix is not None and not isinstance(prefix, str):
        raise QAPISemError(info, "'prefix' must be a string")

    permissive = name in info.pragma.member_name_exceptions
    members[:] = [member if isinstance(member, dict) else {'name': member}
                  for member in members]
    for member in members:
        source = "'data' member"
        check_keys(member, info, source, ['name'], ['if', 'features'])
        member_name = member['name']
        check_name_is_str(member_name, info, source)
        source = "%s '%s'" % (source, member_name)
        # A leading digit is allowed in an enum value: check the rest of
        # the name as though a letter came first.
        if member_name[:1].isdigit():
            member_name = 'd' + member_name
        check_name_lower(member_name, info, source,
                         permit_upper=permissive,
                         permit_underscore=permissive)
        check_if(member, info, source)
        check_features(member.get('features'), info)


def check_struct(expr: QAPIExpression) -> None:
    name = cast(str, expr['struct'])
    members = expr['data']
    if not isinstance(members, dict):
        raise QAPISemError(
            expr.info, "'data' should be an object or type name")
    check_members(members, expr.info, "'data'", name)
    check_type_name(expr.get('base'), expr.info, "'base'")


def check_union(expr: QAPIExpression) -> None:
    name = cast(str, expr['union'])
    base = expr['base']
    members = expr['data']
    info = expr.info

    check_type_implicit(base, info, "'base'", name)
    check_name_is_str(expr['discriminator'], info, "'discriminator'")
    if not isinstance(members, dict):
        raise QAPISemError(info, "'data' must be an object")
    for key, value in members.items():
        source = "'data' member '%s'" % key
        check_keys(value, info, source, ['type'], ['if'])
        check_if(value, info, source)
        check_type_name(value['type'], info, source)


def check_alternate(expr: QAPIExpression) -> None:
    members = expr['data']
    info = expr.info

    if not members:
        raise QAPISemError(info, "'data' must not be empty")
    if not isinstance(members, dict):
        raise QAPISemError(info, "'data' must be an object")
    for key, value in members.items():
        source = "'data' member '%s'" % key
        check_name_lower(key, info, source)
        check_keys(value, info, source, ['type'], ['if'])
        check_if(value, info, source)
        check_type_name_or_array(value['type'], info, source)


def _check_args(args: Optional[object], expr: QAPIExpression,
                boxed: bool) -> None:
    """Command arguments or event data: boxed ones must name a type."""
    if boxed:
        check_type_name(args, expr.info, "'data'")
    else:
        check_type_implicit(args, expr.info, "'data'", None)


def check_command(expr: QAPIExpression) -> None:
    args = expr.get('data')
    boxed = bool(expr.get('boxed', False))
    if boxed and args is None:
        raise QAPISemError(expr.info, "'boxed': true requires 'data'")
    _check_args(args, expr, boxed)
    check_type_name_or_array(expr.get('returns'), expr.info, "'returns'")


def check_event(expr: QAPIExpression) -> None:
    args = expr.get('data')
    boxed = bool(expr.get('boxed', False))
    if boxed and args is None:
        raise QAPISemError(expr.info, "'boxed': true requires 'data'")
    _check_args(args, expr, boxed)


_CHECKERS = {
    'enum': check_enum,
    'struct': check_struct,
    'union': check_union,
    'alternate': check_alternate,
    'command': check_command,
    'event': check_event,
}


def check_exprs(exprs: List[QAPIExpression]) -> List[QAPIExpression]:
    """Check and normalize @exprs in place; return them.

    :raise QAPISemError: at the first expression that is malformed.
    """
    meta_keys = set(META_KEYS)
    for expr in exprs:
        if 'include' in expr:
            continue
        info = expr.info
        doc = expr.doc

        metas = expr.keys() & meta_keys
        if len(metas) != 1:
            raise QAPISemError(
                info, 'expression must have exactly one key '
                + ', '.join("'%s'" % key for key in META_KEYS))
        meta = metas.pop()
        check_name_is_str(expr[meta], info, "'%s'" % meta)
        name = cast(str, expr[meta])
        info.set_defn(meta, name)
        check_defn_name_str(name, info, meta)

        if doc:
            if doc.symbol != name:
                raise QAPISemError(
                    info, "documentation comment is for '%s'" % doc.symbol)
            doc.check_expr(expr)
        elif info.pragma.doc_required:
            raise QAPISemError(info, 'documentation comment required')

        required, optional = _KEYS[meta]
        check_keys(expr, info, meta, required, optional)
        if meta in ('union', 'alternate', 'struct'):
            if meta == 'union':
                normalize_members(expr.get('base'))
            normalize_members(expr['data'])
        elif meta in ('command', 'event'):
            normalize_members(expr.get('data'))
        _CHECKERS[meta](expr)
        check_if(expr, info, meta)
        check_features(expr.get('features'), info)
        check_flags(expr)
    return exprs
