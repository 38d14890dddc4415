#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Our QMP introspection data against QEMU 10.2's own, for the four schemas
of ../shared/corpus/qemu-tree-10.2.50 (the full QMP schema, the guest
agent, the storage daemon, qapi-schema-test.json).

QEMU's generated/*/…-qapi-introspect.c holds the data as QLIT C
initializers; ours holds JSON text.  Both are run through the C
preprocessor under several sets of 'if' macros (none, all, and two
halves), parsed into Python values and compared entry by entry: the same
SchemaInfo entries, in the same order, with the same members.  Masking
(no -u) is checked against the numbering QEMU's introspect.py defines:
type names become "0", "1", ... in order of first use, which can be read
off QEMU's unmasked entries.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any, Dict, List, Tuple

from gentest import CORPUS, QAPI_GEN, Tap, corpus, work_dir

# label, schema path in QEMU's tree, our/QEMU's prefix
SCHEMAS = [
    ('full', 'qapi/qapi-schema.json', ''),
    ('qga', 'qga/qapi-schema.json', 'qga-'),
    ('qsd', 'storage-daemon/qapi/qapi-schema.json', ''),
    ('test', 'tests/qapi-schema/qapi-schema-test.json', 'test-'),
]


def link_target(path: str) -> str:
    """The corpus keeps QEMU's tree links as small files naming the
    target; follow one of either kind."""
    if os.path.islink(path) or os.path.isdir(path):
        return os.path.realpath(path)
    with open(path, encoding='utf-8') as f:
        target = f.read().strip()
    return os.path.normpath(os.path.join(os.path.dirname(path), target))


def make_tree(tree_src: str, dest: str) -> None:
    """QEMU's tree with real links, so relative includes resolve."""
    os.makedirs(os.path.join(dest, 'tests'))
    for name in ('qapi', 'qga'):
        os.symlink(link_target(os.path.join(tree_src, name)),
                   os.path.join(dest, name))
    # Its includes climb out with '../../qapi': the directories must be
    # real here, or '..' would lead back into the corpus.
    sd_src = link_target(os.path.join(tree_src, 'storage-daemon'))
    for dirpath, _, files in os.walk(sd_src):
        rel = os.path.relpath(dirpath, sd_src)
        os.makedirs(os.path.join(dest, 'storage-daemon', rel), exist_ok=True)
        for fname in files:
            os.symlink(os.path.join(dirpath, fname),
                       os.path.join(dest, 'storage-daemon', rel, fname))
    os.symlink(link_target(os.path.join(tree_src, 'tests', 'qapi-schema')),
               os.path.join(dest, 'tests', 'qapi-schema'))


def run_gen(tree: str, out: str, schema: str, prefix: str,
            unmask: bool) -> Tuple[int, str]:
    args = [sys.executable, QAPI_GEN, '--outputs', 'introspect', '-o', out]
    if unmask:
        args.append('-u')
    if prefix:
        args += ['-p', prefix]
    proc = subprocess.run(args + [schema], cwd=tree, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout


# ---- the C text: preprocessing and tokens ------------------------------

def conditions(text: str) -> List[str]:
    return sorted(set(re.findall(r'defined\((\w+)\)', text)))


def preprocess(text: str, defines: List[str]) -> str:
    """@text without #include lines, through cpp with @defines set; with
    defines None, every #if/#endif line is dropped (everything kept)."""
    text = '\n'.join(line for line in text.splitlines()
                     if not line.startswith('#include'))
    cc = os.environ.get('CC', 'cc').split()
    proc = subprocess.run(cc + ['-E', '-P', '-undef', '-x', 'c', '-']
                          + ['-D%s' % d for d in defines],
                          input=text, text=True, check=True,
                          stdout=subprocess.PIPE)
    return proc.stdout


def keep_all(text: str) -> str:
    return '\n'.join(line for line in text.splitlines()
                     if not re.match(r'\s*#\s*(if|endif|else|elif)', line)
                     and not line.startswith('#include'))


_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(\w+)|(/\*.*?\*/)|(.))',
                    re.S)
_ESCAPES = {'\\': '\\', '"': '"', 'n': '\n', 't': '\t', "'": "'"}


def c_string(lit: str) -> str:
    return re.sub(r'\\(.)', lambda m: _ESCAPES[m.group(1)], lit[1:-1])


def tokens(text: str) -> List[str]:
    out = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group(3):
            continue        # comment
        tok = m.group(1) or m.group(2) or m.group(4)
        if tok:
            out.append(tok)
    return out


# ---- QEMU's QLIT ---------------------------------------------------------

class QLitParser:
    def __init__(self, toks: List[str]) -> None:
        self.toks = toks
        self.pos = 0

    def next(self) -> str:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expect(self, want: str) -> None:
        tok = self.next()
        if tok != want:
            raise ValueError('expected %r, got %r at token %d'
                             % (want, tok, self.pos))

    def peek(self, n: int = 0) -> str:
        return self.toks[self.pos + n]

    def skip_cast(self) -> None:
        """'(' '(' 'QLitObject' '[' ']' ')' '{'"""
        while self.next() != '{':
            pass

    def value(self) -> Any:
        tok = self.next()
        if tok == 'QLIT_QNULL':
            return None
        if tok == 'QLIT_QSTR':
            self.expect('(')
            lit = c_string(self.next())
            self.expect(')')
            return lit
        if tok == 'QLIT_QBOOL':
            self.expect('(')
            val = self.next() == 'true'
            self.expect(')')
            return val
        if tok == 'QLIT_QLIST':
            self.skip_cast()
            items = []
            while not (self.peek() == '{' and self.peek(1) == '}'):
                items.append(self.value())
                self.expect(',')
            self.expect('{')
            self.expect('}')
            for want in '})':
                self.expect(want)
            self.expect(')')
            return items
        if tok == 'QLIT_QDICT':
            self.skip_cast()
            obj = {}
            while True:
                self.expect('{')
                if self.peek() == '}':
                    self.next()
                    break
                key = c_string(self.next())
                self.expect(',')
                obj[key] = self.value()
                self.expect(',')
                self.expect('}')
                self.expect(',')
            for want in '})':
                self.expect(want)
            self.expect(')')
            return obj
        raise ValueError('unexpected token %r at %d' % (tok, self.pos))


def parse_qlit(text: str) -> List[Any]:
    toks = tokens(text)
    start = toks.index('=') + 1
    parser = QLitParser(toks[start:])
    return parser.value()


def parse_ours(text: str) -> List[Any]:
    import json
    toks = tokens(text)
    start = toks.index('=') + 1
    parts = []
    for tok in toks[start:]:
        if tok == ';':
            break
        parts.append(c_string(tok))
    return json.loads(''.join(parts))


# ---- comparison ----------------------------------------------------------

def key(entry: Dict[str, Any]) -> str:
    return '%s %s' % (entry.get('meta-type'), entry.get('name'))


def compare(ours: List[Any], qemu: List[Any]) -> Tuple[int, List[str]]:
    """Entries equal at the same position, and what differs."""
    same = sum(1 for a, b in zip(ours, qemu) if a == b)
    problems = []
    if len(ours) != len(qemu):
        problems.append('%d entries, QEMU %d' % (len(ours), len(qemu)))
    our_keys = [key(e) for e in ours]
    qemu_keys = [key(e) for e in qemu]
    missing = [k for k in qemu_keys if k not in set(our_keys)]
    extra = [k for k in our_keys if k not in set(qemu_keys)]
    if missing:
        problems.append('missing: %s' % ', '.join(missing[:10]))
    if extra:
        problems.append('extra: %s' % ', '.join(extra[:10]))
    for a, b in zip(ours, qemu):
        if a != b:
            problems.append('first difference:\n ours %s\n qemu %s'
                            % (a, b))
            break
    return same, problems


def mask(entries: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """QEMU's masking applied to unmasked entries: every type name that
    is not a built-in or an array becomes its number in order of first
    use, uses being (per entry, in order) a command's arg-type and
    ret-type, an event's arg-type, an array's element-type, an object's
    member types then variant types, an alternate's member types."""
    builtins = {e['name'] for e in entries if e['meta-type'] == 'builtin'}
    numbers: Dict[str, str] = {}

    def use(name: str) -> str:
        if name.startswith('['):
            return '[' + use(name[1:-1]) + ']'
        if name in builtins:
            return name
        return numbers.setdefault(name, str(len(numbers)))

    out = []
    for e in entries:
        e = dict(e)
        meta = e['meta-type']
        if meta == 'command':
            e['arg-type'] = use(e['arg-type'])
            e['ret-type'] = use(e['ret-type'])
        elif meta == 'event':
            e['arg-type'] = use(e['arg-type'])
        elif meta == 'array':
            e['element-type'] = use(e['element-type'])
            e['name'] = '[' + e['element-type'] + ']'
        elif meta in ('object', 'alternate'):
            e['members'] = [dict(m, type=use(m['type']))
                            for m in e['members']]
            if 'variants' in e:
                e['variants'] = [dict(v, type=use(v['type']))
                                 for v in e['variants']]
        if meta not in ('command', 'event', 'builtin', 'array'):
            e['name'] = use(e['name'])
        out.append(e)
    return out


def main() -> None:
    tap = Tap()
    tree_src = corpus('qemu-tree-10.2.50')
    if not tree_src or not os.path.isdir(os.path.join(tree_src,
                                                      'generated')):
        tap.skip('introspection against QEMU 10.2',
                 'no %s/qemu-tree-10.2.50' % CORPUS)
        tap.done()
        return
    work = work_dir('introspect-qemu')
    tree = os.path.join(work, 'tree')
    make_tree(tree_src, tree)
    totals = [0, 0]
    for label, schema, prefix in SCHEMAS:
        qemu_c = os.path.join(tree_src, 'generated', label,
                              prefix + 'qapi-introspect.c')
        with open(qemu_c, encoding='utf-8') as f:
            qemu_text = f.read()
        results = {}
        for unmask in (True, False):
            out = os.path.join(work, label + ('-u' if unmask else ''))
            rc, log = run_gen(tree, out, schema, prefix, unmask)
            tap.ok(rc == 0, '%s: generator runs (%s)'
                   % (label, '-u' if unmask else 'masked'), log)
            ours_c = os.path.join(out, prefix + 'qapi-introspect.c')
            if rc != 0 or not os.path.exists(ours_c):
                continue
            with open(ours_c, encoding='utf-8') as f:
                results[unmask] = f.read()
        if True not in results:
            continue
        ours_text = results[True]
        macros = sorted(set(conditions(qemu_text))
                        | set(conditions(ours_text)))
        configs = [('no if macros', []), ('all %d if macros' % len(macros),
                                          macros),
                   ('even if macros', macros[0::2]),
                   ('odd if macros', macros[1::2])]
        for name, defines in configs:
            ours = parse_ours(preprocess(ours_text, defines))
            qemu = parse_qlit(preprocess(qemu_text, defines))
            same, problems = compare(ours, qemu)
            tap.ok(not problems,
                   '%s, %s: %d of QEMU\'s %d entries identical'
                   % (label, name, same, len(qemu)), '\n'.join(problems))
            if not defines:
                totals[0] += same
                totals[1] += len(qemu)
        if False in results:
            masked = parse_ours(keep_all(results[False]))
            expected = mask(parse_qlit(keep_all(qemu_text)))
            same, problems = compare(masked, expected)
            tap.ok(not problems and same > 0,
                   '%s: masked names numbered as QEMU numbers them '
                   '(%d entries)' % (label, same), '\n'.join(problems))
    tap.diag('unmasked entries identical (no if macros): %d of %d'
             % tuple(totals))
    tap.done()


if __name__ == '__main__':
    main()
