#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
fwdesc-qapi-validate on real QMP traffic: libvirt 9.0's recordings of
QEMU 4.2.0 ... 7.2.0 (../shared/corpus/qmp-replies/), each checked against
the query-qmp-schema reply it carries.

The result is pinned per file: the counts of messages, and every problem.
One deviation of real QEMU from its own schema is known and expected here
(README, "Conformance of real QEMU"): QEMU 4.2.0's device-list-properties
returns ObjectPropertyInfo elements with a "default-value" member, which
its schema (like every schema before QEMU 5.0) does not declare.  The test
finds the places independently, from the text, and wants exactly those.

Then copies of the 7.2.0 recording with injected faults (unknown member,
wrong JSON type, bad enum value, missing member, bad arguments, a broken
schema entry, a duplicate key), each reported once, at its exact place;
all faults of all files in one run; --tolerant, --json, --schema, and the
exit status of usage errors.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Tuple

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'generator'))
from gentest import BUILD, ROOT, Tap, corpus  # noqa: E402

TOOL = os.path.join(BUILD, 'fwdesc-qapi-validate')
WRAPPER = os.environ.get('FWDESC_TEST_WRAPPER', '').split()

# Per QEMU version: messages, requests, returns, error replies, and how
# many "default-value" deviations.
EXPECTED = {
    '4.2.0': (106, 53, 49, 4, 22),
    '5.2.0': (110, 55, 51, 4, 0),
    '6.2.0': (112, 56, 51, 5, 0),
    '7.0.0': (112, 56, 52, 4, 0),
    '7.2.0': (112, 56, 51, 5, 0),
}

SUMMARY = re.compile(r'(\d+) transcripts?, (\d+) messages? checked '
                     r'\((\d+) requests?, (\d+) returns?, (\d+) error '
                     r'repl(?:y|ies), (\d+) events?, (\d+) greetings?\): '
                     r'(\d+) errors?, (\d+) warnings?$')


def run(args: List[str]) -> Tuple[int, str, str]:
    proc = subprocess.run(WRAPPER + [TOOL] + args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def position(text: str, offset: int) -> Tuple[int, int]:
    """1-based line and column (characters) of @offset in @text."""
    line = text.count('\n', 0, offset) + 1
    start = text.rfind('\n', 0, offset) + 1
    return line, offset - start + 1


def messages(text: str) -> List[Tuple[int, dict]]:
    """The transcript's messages with their offsets (python's parser)."""
    decoder = json.JSONDecoder()
    out = []
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        value, end = decoder.raw_decode(text, i)
        out.append((i, value))
        i = end


def default_value_places(path: str) -> List[str]:
    """Where device-list-properties replies carry "default-value", as
    FILE:LINE:COL: device-list-properties return[N].default-value."""
    with open(path) as f:
        text = f.read()
    found: List[str] = []
    msgs = messages(text)
    schema = [m for _, m in msgs if isinstance(m.get('return'), list)
              and m['return'] and 'meta-type' in m['return'][0]][0]['return']
    entries = {e['name']: e for e in schema}
    element = entries[entries[entries['device-list-properties']
                              ['ret-type']]['element-type']]
    if any(m['name'] == 'default-value' for m in element['members']):
        return found    # declared from QEMU 5.0 on
    for k, (_, msg) in enumerate(msgs):
        if msg.get('execute') != 'device-list-properties':
            continue
        offset, reply = msgs[k + 1]
        if 'return' not in reply:
            continue
        end = msgs[k + 2][0] if k + 2 < len(msgs) else len(text)
        body = text[offset:end]
        # Elements in order; the key sits inside element N.
        starts = [m.start() for m in re.finditer(r'\n    \{', body)]
        for m in re.finditer(r'"default-value"', body):
            index = sum(1 for s in starts if s < m.start()) - 1
            line, col = position(text, offset + m.start())
            found.append('%s:%d:%d: device-list-properties return[%d]'
                         '.default-value: unknown member \'default-value\''
                         % (path, line, col, index))
    return found


def check_recordings(tap: Tap, files: Dict[str, str]) -> None:
    for version, path in files.items():
        expect = EXPECTED[version]
        status, out, err = run(['--qmp-log', path])
        lines = out.splitlines()
        summary = SUMMARY.search(err.strip())
        tap.ok(summary is not None, '%s: summary line' % version, err)
        if summary:
            counts = tuple(int(x) for x in summary.groups())
            tap.ok(counts == (1,) + expect[:4] + (0, 0, expect[4], 0),
                   '%s: %d messages, %d requests, %d returns, %d error '
                   'replies, %d problems' % ((version,) + expect),
                   repr(counts))
        want = default_value_places(path)
        tap.ok(len(want) == expect[4] and lines == want,
               '%s: problems are exactly the "default-value" deviations'
               % version, '\n'.join(lines[:10] + ['--- expected'] + want[:10]))
        tap.ok(status == (1 if expect[4] else 0),
               '%s: exit status %d' % (version, status))
        if expect[4]:
            status, out, err = run(['--tolerant', '--qmp-log', path])
            tap.ok(status == 0 and out.count(': warning: unknown member') ==
                   expect[4], '%s: --tolerant makes them warnings' % version,
                   out[:2000] + err)


# (name, old text, new text, the token the problem points at, the
# expected "WHERE: message" after FILE:LINE:COL, an offset adjustment:
# 0 points at the token itself; 'open' at the nearest '{' before it).
FAULTS = [
    ('unknown member', '"package": "v7.2.0"',
     '"package": "v7.2.0", "bogus": 1', '"bogus"',
     "query-version return.bogus: unknown member 'bogus'"),
    ('wrong JSON type', '"arch": "x86_64"', '"arch": 64', '64',
     'query-target return.arch: expected a string, got a number'),
    ('bad enum value', '"arch": "x86_64"', '"arch": "x86-64"', '"x86-64"',
     "query-target return.arch: invalid value 'x86-64' (expected one of: "
     "'aarch64', "),
    ('missing member', '"minor": 2,\n      "major": 7', '"minor": 2',
     '"qemu": {', "query-version return.qemu.major: missing required member "
     "'major'"),
    ('bad argument', '"typename": "virtio-blk-pci"', '"typename": 1', '1',
     'device-list-properties arguments.typename: expected a string, got a '
     'number'),
    ('unknown argument', '"typename": "virtio-net-pci"',
     '"typename": "virtio-net-pci", "name": "x"', '"name"',
     "device-list-properties arguments.name: unknown member 'name'"),
    ('broken error reply', '"class": "DeviceNotFound"', '"class": 404',
     '404', 'device-list-properties response.error.class: expected a '
     'string, got a number'),
    ('schema entry', '"meta-type": "alternate"', '"meta-type": "alternative"',
     '"alternative"', "query-qmp-schema return[@].meta-type: invalid value "
     "'alternative' (expected one of: 'builtin', "),
    ('duplicate key', '"arch": "x86_64"', '"arch": "x86_64", "arch": "x"',
     '"arch": "x"', "message # return.arch: duplicate member 'arch'"),
]


def inject(text: str, old: str, new: str, token: str) -> Tuple[str, int]:
    """@text with the first @old replaced by @new, and the offset of
    @token in the replacement (for a missing member: of the object)."""
    at = text.index(old)
    changed = text[:at] + new + text[at + len(old):]
    if token.endswith('{'):
        # The object that lost a member: its '{', before the change.
        return changed, text.rindex(token, 0, at) + len(token) - 1
    return changed, at + new.index(token)


def check_faults(tap: Tap, clean: str, work: str) -> None:
    with open(clean) as f:
        text = f.read()
    all_lines = []
    paths = []
    for name, old, new, token, message in FAULTS:
        changed, offset = inject(text, old, new, token)
        path = os.path.join(work, re.sub(r'\W+', '-', name) + '.replies')
        with open(path, 'w') as f:
            f.write(changed)
        line, col = position(changed, offset)
        if '[@]' in message:
            # The element of the schema list that was changed.
            entries = messages(changed)
            index = [i for i, (_, m) in enumerate(entries)
                     if m.get('execute') == 'query-qmp-schema'][0] + 1
            reply = entries[index][1]['return']
            element = [i for i, e in enumerate(reply)
                       if e.get('meta-type') == 'alternative'][0]
            message = message.replace('[@]', '[%d]' % element)
        if 'message #' in message:
            # A syntax error names the message by its place.
            number = sum(1 for o, _ in messages(text) if o < offset)
            message = message.replace('#', str(number))
        want = '%s:%d:%d: %s' % (path, line, col, message)
        status, out, err = run(['--qmp-log', path])
        lines = out.splitlines()
        tap.ok(status == 1 and len(lines) == 1
               and lines[0].startswith(want),
               'fault "%s" reported once, at %d:%d' % (name, line, col),
               'want: %s\ngot (%d): %s\n%s' % (want, status, out[:3000],
                                               err))
        all_lines += lines
        paths.append(path)
    status, out, err = run(['--qmp-log'] + paths)
    tap.ok(status == 1 and out.splitlines() == all_lines,
           'all faults of all files in one run, in order',
           out[:3000] + err)
    status, out, err = run(['--json', '--qmp-log', paths[0], clean])
    try:
        report = json.loads(out)
        files = report['files']
        good = (status == 1 and report['errors'] == 1
                and [f['valid'] for f in files] == [False, True]
                and files[0]['problems'][0]['code'] == 'unknown-member'
                and files[0]['problems'][0]['path']
                == 'query-version return.bogus'
                and files[1]['checked']['messages'] == 112)
    except (ValueError, KeyError, IndexError, TypeError):
        good = False
    tap.ok(good, '--json reports files, verdicts, codes and paths',
           out[:3000] + err)


def check_options(tap: Tap, clean: str, work: str) -> None:
    target = os.path.join(work, 'target.json')
    with open(target, 'w') as f:
        f.write('{"arch": "x86_64"}\n')
    bad = os.path.join(work, 'bad-target.json')
    with open(bad, 'w') as f:
        f.write('{"arch": "x86_64",\n "cpu": 1}\n')
    status, out, err = run(['--schema', clean, '--command', 'query-target',
                            '--returns', target])
    tap.ok(status == 0 and out == '', '--schema TRANSCRIPT --command '
           'query-target --returns: a clean document', out + err)
    status, out, err = run(['--schema', clean, '--command', 'query-target',
                            '--returns', target, bad])
    tap.ok(status == 1 and out == "%s:2:2: cpu: unknown member 'cpu'\n"
           % bad, 'every file checked; the bad one reported', out + err)
    status, out, err = run(['--schema', clean, '--type', 'TargetInfo',
                            target])
    tap.ok(status == 2 and "has no type 'TargetInfo'" in err,
           'masked names: TargetInfo is not a name in QEMU\'s data '
           '(usage error)', out + err)
    for args, why in [([target], 'no mode'),
                      (['--type', 'x', '--event', 'y', target], 'two modes'),
                      (['--schema', clean, '--type', 'x', '--returns',
                        target], '--returns without --command'),
                      (['--type', 'x', target], '--type without --schema'),
                      (['--qmp-log'], 'no FILE'),
                      (['--bogus'], 'unknown option')]:
        status, out, err = run(args)
        tap.ok(status == 2 and 'Try' in err, 'usage error: %s' % why,
               '%d %s %s' % (status, out, err))
    broken = os.path.join(work, 'broken-schema.json')
    with open(broken, 'w') as f:
        f.write('[{"name": "a", "meta-type": "array",\n'
                '  "element-type": "b"}]\n')
    status, out, err = run(['--schema', broken, '--type', 'a', target])
    tap.ok(status == 1 and out == "%s:2:19: [0].element-type: type 'b' is "
           "not defined\n" % broken and 'not a usable schema' in err,
           'a broken schema: its problems, exit status 1', out + err)
    groff = shutil.which('groff')
    page = os.path.join(ROOT, 'src', 'tools', 'fwdesc-qapi-validate.1')
    if groff:
        proc = subprocess.run([groff, '-ww', '-z', '-man', page],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        tap.ok(proc.returncode == 0 and proc.stdout == '',
               'the man page renders without warnings', proc.stdout)
    else:
        tap.skip('the man page renders', 'groff is not installed')
    status, out, err = run(['--qmp-log', os.path.join(work, 'absent')])
    tap.ok(status == 1 and 'absent' in out, 'a missing file is a problem',
           out + err)


def main() -> None:
    tap = Tap()
    replies = corpus('qmp-replies')
    if not replies:
        tap.skip('QMP recordings', '../shared/corpus is absent')
        tap.done()
    files = {v: os.path.join(replies, 'caps_%s.x86_64.replies' % v)
             for v in EXPECTED}
    check_recordings(tap, files)
    with tempfile.TemporaryDirectory(prefix='fwdesc-validate-') as work:
        check_faults(tap, files['7.2.0'], work)
        check_options(tap, files['7.2.0'], work)
    tap.done()


if __name__ == '__main__':
    main()
