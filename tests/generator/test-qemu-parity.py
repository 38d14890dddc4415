#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Our generator against QEMU 10.2.50's on QEMU's own schemas; TAP.

../shared/corpus/qemu-tree-10.2.50/ holds four schemas laid out as in
QEMU's tree and generated/: what QEMU's scripts/qapi-gen.py wrote for
them (the commands are in its README).  We run ours with the same flags
from a copy of that directory and check, per schema:

- files: every file QEMU wrote exists (QEMU's trace-events files aside:
  we generate no tracing), and we write nothing QEMU does not;
- declarations: every header declares exactly what QEMU's declares, in
  the same order, once QEMU's text gets our documented substitutions
  (Error ** -> GError **, QObject * -> JsonNode *, QDict * -> JsonObject *,
  QList * -> JsonArray *); compared after dropping comments and #include
  lines and collapsing white space.  Two documented exceptions:
  qapi-introspect.h, which declares our own form of the data, and the
  QType enum that qapi/util.h of the runtime declares instead of
  qapi-builtin-types.h;
- types and visit code: the .c files, past their opening comment and
  #include lines and without comments, equal QEMU's (after the
  substitutions) line for line, in all four schemas: the runtime knows a
  union's tag from the unions table, QEMU's error_setg() and unused
  parameters are taken care of by qapi/qemu-compat.h (README, "The
  generator"); the differing lines of each schema are counted and
  printed, and any one fails.  Left out: QEMU's last line of every .c
  file, a variable named after the file (DUMMY_TRAILER);
- the full schema's commands and events compile with -Wall -Wextra
  -Werror against the runtime's headers.

Options: -v prints every difference.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from typing import List, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gentest  # noqa: E402
from gentest import Tap  # noqa: E402

TREE = os.path.join(gentest.CORPUS, 'qemu-tree-10.2.50')

# name, QEMU's flags (README of the corpus), schema
SCHEMAS: List[Tuple[str, List[str], str]] = [
    ('full', ['-b'], 'qapi/qapi-schema.json'),
    ('qga', ['-p', 'qga-'], 'qga/qapi-schema.json'),
    ('qsd', [], 'storage-daemon/qapi/qapi-schema.json'),
    ('test', ['-p', 'test-'], 'tests/qapi-schema/qapi-schema-test.json'),
]
COMMON_FLAGS = ['-u', '--suppress-tracing']


_SUBST = [
    (re.compile(r'\bError \*\*'), 'GError **'),
    (re.compile(r'\bQObject \*'), 'JsonNode *'),
    (re.compile(r'\bQDict \*'), 'JsonObject *'),
    (re.compile(r'\bQList \*'), 'JsonArray *'),
]
_COMMENT = re.compile(r'/\*.*?\*/', re.DOTALL)
_INCLUDE = re.compile(r'^#include .*\n', re.MULTILINE)
_BLANKS = re.compile(r'\s+')

# Declarations QEMU's builtin header has and ours leaves to qapi/util.h.
QTYPE_MOVED = re.compile(r'^typedef enum QType \{|^extern const QEnumLookup '
                         r'QType_lookup;$')


# Our one addition to QEMU's declarations (README, "json-glib and
# generated types in one file"): json-glib's JSON_TYPE_* macros set aside
# around an enum with constants of those names, and QAPI_ aliases of them.
JSON_GLIB_GUARD = re.compile(r'^#pragma (push|pop)_macro\("JSON_TYPE_[A-Z]+"\)$'
                             r'|^#undef JSON_TYPE_[A-Z]+$'
                             r'|^enum \{ (QAPI_JSON_TYPE_[A-Z]+ = '
                             r'JSON_TYPE_[A-Z]+, )+\};$')


def substitute(text: str) -> str:
    for pattern, repl in _SUBST:
        text = pattern.sub(repl, text)
    return text


def make_tree(dest: str) -> None:
    """QEMU's layout under @dest: the corpus stores its two directory
    links as small files holding the link target; make them links."""
    for dirpath, dirnames, filenames in os.walk(TREE):
        rel = os.path.relpath(dirpath, TREE)
        if rel.split(os.sep)[0] == 'generated':
            dirnames[:] = []
            continue
        os.makedirs(os.path.join(dest, rel), exist_ok=True)
        for fname in filenames:
            src = os.path.join(dirpath, fname)
            dst = os.path.join(dest, rel, fname)
            target = None
            if os.path.getsize(src) < 256:
                with open(src, encoding='utf-8') as f:
                    text = f.read().strip()
                cand = os.path.normpath(os.path.join(dirpath, text))
                if text and '\n' not in text and os.path.isdir(cand):
                    target = cand
            os.symlink(target or src, dst)


def list_files(top: str) -> List[str]:
    out = []
    for dirpath, _, filenames in os.walk(top):
        for fname in filenames:
            out.append(os.path.relpath(os.path.join(dirpath, fname), top))
    return sorted(out)


def declarations(text: str) -> List[str]:
    """The header's top-level items: preprocessor lines, declarations up
    to ';' and inline function bodies, white space collapsed."""
    text = _INCLUDE.sub('', _COMMENT.sub('', text))
    items: List[str] = []
    cur: List[str] = []
    depth = 0
    macro = ''
    for line in text.splitlines():
        if macro or (depth == 0 and not ''.join(cur).strip()
                     and line.lstrip().startswith('#')):
            macro += line.strip()
            if macro.endswith('\\'):
                macro = macro[:-1] + ' '
                continue
            items.append(_BLANKS.sub(' ', macro))
            macro = ''
            continue
        for ch in line + '\n':
            cur.append(ch)
            if ch == '{':
                depth += 1
            elif ch == '}':
                depth -= 1
            if depth == 0 and ch in ';}':
                item = _BLANKS.sub(' ', ''.join(cur)).strip()
                if ch == '}' and item.startswith(('typedef', 'struct',
                                                  'union', 'enum')):
                    continue    # the declaration goes on to its ';'
                if item:
                    items.append(item)
                cur = []
    rest = _BLANKS.sub(' ', ''.join(cur)).strip()
    if rest:
        items.append(rest)
    return items


# QEMU ends every .c file with a variable so that no object file is
# empty; ours do not: as QEMU names it after the file, two schemas'
# unprefixed qapi-types.c would define the same symbol in one program.
DUMMY_TRAILER = re.compile(r'^char qapi_dummy_[A-Za-z0-9_]+;$')


def code_lines(text: str) -> List[str]:
    """A .c file's code: past its opening comment and #include lines, with
    comments and blank lines dropped (their wording is our own)."""
    lines = _COMMENT.sub('', text).splitlines()
    i = 0
    while i < len(lines) and (not lines[i].strip()
                              or lines[i].startswith(('#include',
                                                      '#define QAPI_NO_'))):
        i += 1
    return [line for line in lines[i:] if line.strip()]


def compare_headers(ours: str, qemu: str, headers: Sequence[str],
                    verbose: bool) -> Tuple[int, int, List[str]]:
    """(headers equal, declarations compared, differences)."""
    equal = total = 0
    problems: List[str] = []
    for rel in headers:
        with open(os.path.join(qemu, rel), encoding='utf-8') as f:
            want = declarations(substitute(f.read()))
        try:
            with open(os.path.join(ours, rel), encoding='utf-8') as f:
                got = [d for d in declarations(f.read())
                   if not JSON_GLIB_GUARD.match(d)]
        except OSError:
            problems.append('%s: missing' % rel)
            continue
        if os.path.basename(rel) == 'qapi-builtin-types.h':
            want = [d for d in want if not QTYPE_MOVED.match(d)
                    and not d.startswith('#define QType_str(')]
            got = [d for d in got if not d.startswith('#define QType_str(')]
        total += len(want)
        if want == got:
            equal += 1
            continue
        diff = [line for line in difflib.unified_diff(
            want, got, 'qemu/' + rel, 'ours/' + rel, lineterm='', n=0)
            if not line.startswith('@@')]
        problems.append('%s: %d declarations differ' % (
            rel, sum(1 for d in diff[2:] if d[:1] in '+-')))
        problems.extend('  ' + d for d in diff[2:(None if verbose else 12)])
    return equal, total, problems


def compare_code(ours: str, qemu: str, sources: Sequence[str]
                 ) -> Tuple[int, int, int, List[str]]:
    """(lines compared, QEMU's trailers left out, lines that differ, the
    differences)."""
    lines = trailers = 0
    detail: List[str] = []
    for rel in sources:
        with open(os.path.join(qemu, rel), encoding='utf-8') as f:
            want = code_lines(substitute(f.read()))
        if want and DUMMY_TRAILER.match(want[-1]):
            want.pop()
            trailers += 1
        lines += len(want)
        try:
            with open(os.path.join(ours, rel), encoding='utf-8') as f:
                got = code_lines(f.read())
        except OSError:
            detail.append('%s: missing' % rel)
            continue
        for line in difflib.unified_diff(want, got, lineterm='', n=0):
            if line.startswith(('---', '+++', '@@')):
                continue
            detail.append('%s: %s' % (rel, line))
    return lines, trailers, len(detail), detail


def compile_commands_events(out: str, macros: bool) -> str:
    """Error text of compiling the full schema's commands and events,
    with every 'if' macro defined or none."""
    sources = sorted(os.path.join(out, f) for f in os.listdir(out)
                     if f.startswith(('qapi-commands', 'qapi-events',
                                      'qapi-init-commands',
                                      'qapi-emit-events'))
                     and f.endswith('.c'))
    flags = gentest.base_cflags(out)
    if macros:
        flags += gentest.if_macros(out)
    _, errors = gentest.compile_c(sources, flags, syntax_only=True)
    return errors


def main(argv: List[str]) -> None:
    verbose = '-v' in argv
    tap = Tap()
    if not os.path.isdir(TREE):
        tap.skip('QEMU 10.2 parity', 'corpus not found at %s' % TREE)
        tap.done()
    work = gentest.work_dir('qemu-parity')
    tree = os.path.join(work, 'tree')
    make_tree(tree)
    total_diff = total_lines = 0
    schemas = 0
    all_detail: List[str] = []
    for name, flags, schema in SCHEMAS:
        qemu = os.path.join(TREE, 'generated', name)
        out_rel = os.path.join('generated', name)
        ours = os.path.join(tree, out_rel)
        proc = subprocess.run(
            [sys.executable, gentest.QAPI_GEN] + COMMON_FLAGS + flags
            + ['-o', out_rel, schema], cwd=tree, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        if not tap.ok(proc.returncode == 0, '%s: qapi-gen %s' % (
                name, ' '.join(COMMON_FLAGS + flags + [schema])),
                proc.stdout):
            continue
        want = [f for f in list_files(qemu)
                if not f.endswith('.trace-events')]
        got = list_files(ours)
        missing = sorted(set(want) - set(got))
        extra = sorted(set(got) - set(want))
        tap.ok(not missing and not extra,
               '%s: the %d files QEMU writes, no other' % (name, len(want)),
               'missing: %s\nextra: %s' % (' '.join(missing) or '-',
                                           ' '.join(extra) or '-'))
        headers = [f for f in want if f.endswith('.h')
                   and os.path.basename(f) != name + '-'
                   and not f.endswith('qapi-introspect.h')]
        equal, total, problems = compare_headers(ours, qemu, headers,
                                                 verbose)
        tap.ok(equal == len(headers),
               '%s: declarations equal in %d/%d headers (%d declarations)'
               % (name, equal, len(headers), total), '\n'.join(problems))
        sources = [f for f in want if f.endswith('.c')
                   and re.search(r'qapi-(builtin-)?(types|visit)\b',
                                 os.path.basename(f))]
        lines, trailers, count, detail = compare_code(ours, qemu, sources)
        print('# %s: types/visit code differs from QEMU\'s by %d of %d '
              'lines in %d files (QEMU\'s dummy variable left out of %d)'
              % (name, count, lines, len(sources), trailers))
        total_diff += count
        total_lines += lines
        schemas += 1 if sources else 0
        all_detail.extend(detail)
        if name == 'full':
            for macros in (False, True):
                errors = compile_commands_events(ours, macros)
                tap.ok(not errors, 'full: commands and events compile with '
                       '-Wall -Wextra -Werror (%s \'if\' macro defined)'
                       % ('every' if macros else 'no'), errors)
    tap.ok(total_diff == 0 and schemas == len(SCHEMAS),
           'types/visit code of the %d/%d schemas equals QEMU\'s: %d of %d '
           'lines differ' % (schemas, len(SCHEMAS), total_diff, total_lines),
           '\n'.join(all_detail))
    shutil.rmtree(work, ignore_errors=True)
    tap.done()


if __name__ == '__main__':
    main(sys.argv[1:])
