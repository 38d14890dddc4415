#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The client back end (scripts/qapi/client.py): off by default; on QEMU's
test schema every file compiles with -Wall -Wextra -Werror, with and
without the macros its #if conditions test, and the declarations take
qmp_X()'s parameters; the version table and the commands' versions come
from the doc comments' '(since X.Y)' notes and 'Since:' sections (a member
without a note from its type's, when newer than its owner's, or from its
union branch's, when newer than the union's); a
'gen': false command takes its declared members and the extra ones, a
'success-response': false command completes when written; the
conditions header defines every macro the schema's conditions name
(the model's, features' too), and the code compiled with it as the only
definition of them has every conditional definition in."""

from __future__ import annotations

import os
import re
import shlex
import subprocess

from gentest import Tap, base_cflags, compile_c, corpus, if_macros, \
    qapi_gen, work_dir

SCHEMA = '''\
##
# @Inner:
#
# @old: there from the start
#
# @new: added later (Since: 8.1)
#
# Since: 2.0
##
{ 'struct': 'Inner', 'data': { 'old': 'int', 'new': 'str' } }

##
# @Kind:
#
# @a: the one kind
#
# Since: 9.1
##
{ 'enum': 'Kind', 'data': [ 'a' ] }

##
# @OldKind:
#
# @b: the one old kind
#
# Since: 1.0
##
{ 'enum': 'OldKind', 'data': [ 'b' ] }

##
# @Outer:
#
# @inner: a list of them
#
# @plain: no version (default: 1)
#
# @extra: patch release (since 9.2.1; default: off)
#
# @kind: no note, but its type is newer than Outer: since 9.1
#
# @kinds: the same through a list
#
# @old-kind: no note, its type older than Outer: no version
#
# @noted-kind: its own note wins (since 9.2)
#
# Since: 2.0
##
{ 'struct': 'Outer',
  'data': { 'inner': ['Inner'], 'plain': 'int', '*extra': 'bool',
            'kind': 'Kind', 'kinds': ['Kind'], 'old-kind': 'OldKind',
            'noted-kind': 'Kind' } }

##
# @Lonely:
#
# @x: nothing versioned below
#
# Since: 2.0
##
{ 'struct': 'Lonely', 'data': { 'x': 'int' } }

##
# @Job:
#
# @type: which job
#
# @done: how far
#
# Since: 1.0
##
{ 'union': 'Job', 'base': { 'type': 'Kind', 'done': 'int' },
  'discriminator': 'type', 'data': { 'a': 'JobA' } }

##
# @JobA:
#
# @synced: no note, but JobA is a newer branch than Job: since 9.3
#
# Since: 9.3
##
{ 'struct': 'JobA', 'data': { 'synced': 'bool' } }

##
# @query-job:
#
# Returns: it
#
# Since: 1.0
##
{ 'command': 'query-job', 'returns': 'Job' }

##
# @query-outer:
#
# @verbose: since the command (since 3.0)
#
# Returns: the outer thing
#
# Since: 2.5
##
{ 'command': 'query-outer', 'data': { '*verbose': 'bool' },
  'returns': 'Outer' }

##
# @query-lonely:
#
# Returns: it
#
# Since: 10.1
##
{ 'command': 'query-lonely', 'returns': 'Lonely' }

##
# @BOOM:
#
# @inner: what went off
#
# Since: 4.0
##
{ 'event': 'BOOM', 'data': { 'inner': 'Inner' } }
'''


def gio_cflags() -> list[str]:
    out = subprocess.run(['pkg-config', '--cflags', 'gio-2.0'],
                         stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return shlex.split(out)


def read(path: str) -> str:
    with open(path) as f:
        return f.read()


def test_default_off(tap: Tap, schema: str) -> None:
    out = work_dir('client-default')
    rc, text = qapi_gen(['-o', out, schema])
    files = [f for dirpath, _, names in os.walk(out) for f in names
             if 'client' in f]
    tap.ok(rc == 0 and not files, 'the default outputs have no client files',
           text + ' '.join(files))


def test_compile(tap: Tap, schema: str) -> None:
    out = work_dir('client-test-schema')
    rc, text = qapi_gen(['-o', out, '--outputs',
                         'types,features,visit,client', schema])
    if not tap.ok(rc == 0, 'qapi-schema-test.json generates', text):
        return
    sources = [os.path.join(d, f) for d, _, names in os.walk(out)
               for f in names if f.endswith('.c')]
    headers = [f for f in sources if 'client' in os.path.basename(f)]
    tap.ok(len(headers) == 4, 'per-module client files and the tables',
           ' '.join(sorted(headers)))
    flags = base_cflags(out, os.path.join(out, 'include')) + gio_cflags()
    _, errors = compile_c(sources, flags, syntax_only=True)
    tap.ok(not errors, 'it compiles with -Wall -Wextra -Werror', errors)
    _, errors = compile_c(sources, flags + if_macros(out), syntax_only=True)
    tap.ok(not errors, 'and with every #if condition true', errors)
    conds = os.path.join(out, 'qapi-client-conditions.h')
    defined = re.findall(r'^#define (\w+) 1$', read(conds), re.M)
    grepped = [flag[2:] for flag in if_macros(out)]
    tap.ok(set(grepped) <= set(defined) and defined == sorted(defined),
           'qapi-client-conditions.h defines every macro an #if tests',
           'defined %s, tested %s' % (defined, grepped))
    _, errors = compile_c(sources, flags + ['-include', conds],
                          syntax_only=True)
    tap.ok(not errors, 'the code compiles with it included first', errors)
    header = read(os.path.join(out, 'qapi-client.h'))
    for want, name in (
            ('UserDefTwo *qmp_client_user_def_cmd2_sync(QapiQmpClient '
             '*client, UserDefOne *ud1a, UserDefOne *ud1b, GCancellable '
             '*cancellable, GError **errp);', 'exploded parameters'),
            ('bool qmp_client_boxed_union_sync(QapiQmpClient *client, '
             'UserDefFlatUnion *arg, GCancellable *cancellable, '
             'GError **errp);', 'a boxed command takes its struct'),
            ('bool qmp_client_guest_get_time_finish(QapiQmpClient *client, '
             'GAsyncResult *result, int64_t *ret, GError **errp);',
             'a scalar return comes through an out parameter'),
            ('void qmp_client_user_def_cmd1_async(QapiQmpClient *client, '
             'UserDefOne *ud1a, GCancellable *cancellable, '
             'GAsyncReadyCallback callback, gpointer user_data);',
             'the asynchronous form'),
            ('gulong qmp_client_on_event_a(QapiQmpClient *client, '
             'QmpClientEventAHandler func, gpointer user_data, '
             'GDestroyNotify destroy);', 'an event subscription'),
            ('bool qmp_client_cmd_success_response_sync(QapiQmpClient '
             '*client, GCancellable *cancellable, GError **errp);',
             "'success-response': false: a call that returns bool")):
        tap.ok(want in header, 'declaration: ' + name, want)
    cond = re.search(r'#if defined\(TEST_IF_CMD\) && defined\(TEST_IF_STRUCT'
                     r'\)\n(?:(?!#endif).*\n)*.*qmp_client_test_if_cmd_sync',
                     header)
    tap.ok(cond is not None, 'a conditional command is under its #if')
    code = read(os.path.join(out, 'qapi-client.c'))
    info = re.search(r'const QapiQmpCommandInfo '
                     r'qmp_client_command_cmd_success_response = \{[^}]*'
                     r'NULL, TRUE,\n\};', code)
    tap.ok(info is not None, "'success-response': false: no_reply is TRUE")


OPEN_SCHEMA = '''\
{ 'pragma': { 'doc-required': false } }
{ 'enum': 'Kind', 'data': [ 'a', { 'name': 'b', 'if': 'HAVE_B' } ] }
{ 'struct': 'Inner', 'data': { 'k': 'Kind',
                               '*x': { 'type': 'int', 'if': 'CONFIG_X' } },
  'features': [ { 'name': 'f', 'if': 'CONFIG_FEATURE_ONLY' } ] }
{ 'command': 'dev-add', 'data': { 'driver': 'str', '*bus': 'str',
                                  '*inner': 'Inner' },
  'gen': false }
{ 'command': 'bare-add', 'gen': false }
{ 'command': 'only-if', 'if': { 'all': [ 'CONFIG_A',
                                         { 'not': 'CONFIG_NEG' } ] } }
{ 'command': 'both-ways', 'if': { 'any': [ 'CONFIG_NEG', 'CONFIG_X' ] } }
'''


def test_open_and_conditions(tap: Tap) -> None:
    out = work_dir('client-open')
    schema = os.path.join(out, 'open.json')
    with open(schema, 'w') as f:
        f.write(OPEN_SCHEMA)
    rc, text = qapi_gen(['-o', out, '--outputs',
                         'types,features,visit,client', schema])
    if not tap.ok(rc == 0, 'a schema with gen: false and conditions '
                  'generates', text):
        return
    header = read(os.path.join(out, 'qapi-client.h'))
    want = ('bool qmp_client_dev_add_sync(QapiQmpClient *client, '
            'const char *driver, const char *bus, Inner *inner, '
            'JsonObject *extra, GCancellable *cancellable, GError **errp);')
    tap.ok(want in header, "'gen': false: declared members, then extra",
           want)
    want = ('bool qmp_client_bare_add_sync(QapiQmpClient *client, '
            'JsonObject *extra, GCancellable *cancellable, GError **errp);')
    tap.ok(want in header, "'gen': false without data: extra alone", want)
    code = read(os.path.join(out, 'qapi-client.c'))
    members = re.search(r'qmp_client_members_dev_add\[\] = \{\n'
                        r'    "driver",\n    "bus",\n    "inner",\n'
                        r'    NULL,\n\};', code)
    tap.ok(members is not None and 'qmp_client_members_dev_add, FALSE,'
           in code, 'the declared names are listed for the runtime')
    conds = read(os.path.join(out, 'qapi-client-conditions.h'))
    defined = re.findall(r'^#define (\w+) 1$', conds, re.M)
    tap.ok(defined == ['CONFIG_A', 'CONFIG_FEATURE_ONLY', 'CONFIG_NEG',
                       'CONFIG_X', 'HAVE_B'],
           'every macro named positively, features and enum values too',
           str(defined))
    tap.ok('Also named under \'not\': what "not X" guards is left out '
           'for\n * CONFIG_NEG */' in conds,
           "a macro also named under 'not' is said so", conds)
    sources = [os.path.join(out, f) for f in os.listdir(out)
               if f.endswith('.c')]
    flags = base_cflags(out) + gio_cflags()
    for extra, name in (([], 'with no macro'),
                        (['-include', os.path.join(
                            out, 'qapi-client-conditions.h')],
                         'with the conditions header')):
        _, errors = compile_c(sources, flags + extra, syntax_only=True)
        tap.ok(not errors, 'it compiles ' + name, errors)


def test_versions(tap: Tap) -> None:
    out = work_dir('client-versions')
    schema = os.path.join(out, 'versions.json')
    with open(schema, 'w') as f:
        f.write(SCHEMA)
    rc, text = qapi_gen(['-o', out, '--outputs',
                         'types,features,visit,client', schema])
    if not tap.ok(rc == 0, 'a schema with versions generates', text):
        return
    tables = read(os.path.join(out, 'qapi-tables-client.c'))
    rows = [row for row in re.findall(r'^    \{ ("[^"]*"|NULL), '
                                      r'("[^"]*"|NULL), ("[^"]*"|NULL|\w+) '
                                      r'\},$', tables, re.M)
            if row[0] != 'NULL']
    want = [
        # the members of Inner and Outer with a version or a versioned type
        ('"new"', 'NULL', '"8.1"'),
        ('"inner"', '"InnerList"', 'NULL'),
        ('"extra"', 'NULL', '"9.2.1"'),
        # a member without a note gets its type's version when newer
        # than its owner's
        ('"kind"', 'NULL', '"9.1"'),
        ('"kinds"', 'NULL', '"9.1"'),
        ('"noted-kind"', 'NULL', '"9.2"'),
        # Job (and its base): its tag from Kind (9.1 > 1.0), synced from
        # the branch JobA (and JobA itself)
        ('"type"', 'NULL', '"9.1"'),
        ('"synced"', 'NULL', '"9.3"'),
        ('"type"', 'NULL', '"9.1"'),
        ('"synced"', 'NULL', '"9.3"'),
        ('"Job"', 'NULL', 'qmp_client_since_table_Job'),
        ('"JobA"', 'NULL', 'qmp_client_since_table_JobA'),
        ('"q_obj_Job-base"', 'NULL', 'qmp_client_since_table_q_obj_Job_base'),
        # q_obj_query-outer-arg: the argument's note
        ('"verbose"', 'NULL', '"3.0"'),
        # q_obj_BOOM-arg reaches Inner
        ('"inner"', '"Inner"', 'NULL'),
        # the types, sorted by name; Lonely reaches nothing and is left out
        ('"Inner"', 'NULL', 'qmp_client_since_table_Inner'),
        ('"InnerList"', '"Inner"', 'NULL'),
        ('"Outer"', 'NULL', 'qmp_client_since_table_Outer'),
        ('"q_obj_BOOM-arg"', 'NULL', 'qmp_client_since_table_q_obj_BOOM_arg'),
        ('"q_obj_query-outer-arg"', 'NULL',
         'qmp_client_since_table_q_obj_query_outer_arg'),
    ]
    tap.ok(sorted(rows) == sorted(want), 'the version table',
           'got %s' % rows)
    tap.ok('"Lonely"' not in tables, 'types without versions are left out')
    enums = re.findall(r'^    \{ &(\w+)_lookup, "(\w+)" \},$', tables, re.M)
    tap.ok(sorted(enums) == [('Kind', 'Kind'), ('OldKind', 'OldKind')],
           'every enum of the schema named by its lookup table',
           'got %s' % enums)
    code = read(os.path.join(out, 'qapi-client.c'))
    tap.ok('"query-outer", "2.5",' in code and '"query-lonely", "10.1",'
           in code and '"BOOM", "4.0",' in code,
           "commands' and events' versions from 'Since:'")


def test_client_since(tap: Tap) -> None:
    """--client-since NAME=VERSION corrects a wrong 'Since:'."""
    out = work_dir('client-since')
    schema = os.path.join(out, 'versions.json')
    with open(schema, 'w') as f:
        f.write(SCHEMA)
    # OldKind 1.0 -> 9.4: Outer's old-kind now has a version from it, and
    # query-lonely's own changes
    rc, text = qapi_gen(['-o', out, '--outputs', 'types,features,visit,client',
                         '--client-since', 'OldKind=9.4', '--client-since',
                         'query-lonely=10.2.1', schema])
    if not tap.ok(rc == 0, '--client-since generates', text):
        return
    tables = read(os.path.join(out, 'qapi-tables-client.c'))
    code = read(os.path.join(out, 'qapi-client.c'))
    tap.ok('{ "old-kind", NULL, "9.4" },' in tables
           and '"query-lonely", "10.2.1",' in code,
           "--client-since: a member's version from the corrected type, a "
           "command's own")
    for arg, message in (('OldKind', "'OldKind' is not NAME=VERSION"),
                         ('OldKind=nine', "'OldKind=nine' is not "
                          "NAME=VERSION"),
                         ('NoSuch=1.0', "no definition 'NoSuch'")):
        rc, text = qapi_gen(['-o', out, '--outputs', 'client',
                             '--client-since', arg, schema])
        tap.ok(rc != 0 and '--client-since: ' + message in text,
               '--client-since %s refused' % arg, text)


def main() -> None:
    tap = Tap()
    schema = corpus('qapi-schema-tests', 'qapi-schema-test.json')
    if schema is None:
        tap.corpus_absent('client back end on qapi-schema-test.json')
    else:
        test_default_off(tap, schema)
        test_compile(tap, schema)
    test_versions(tap)
    test_open_and_conditions(tap)
    test_client_since(tap)
    tap.done()


if __name__ == '__main__':
    main()
