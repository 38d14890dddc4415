#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Run QEMU's own schema test suite against our front end and model; TAP.

The cases live in ../shared/corpus/qapi-schema-tests/ (QEMU's
tests/qapi-schema, unmodified): CASES.txt lists them, NAME.json is the
input, NAME.err the expected error (empty for a valid schema), NAME.out the
expected dump of a valid schema.  Each case is one TAP line; it passes when

- a valid case is accepted and its dump equals NAME.out, or
- an invalid case is rejected and our message's primary location
  (FILE:LINE, plus :COL for syntax errors) equals the one in NAME.err.

The cases run the way QEMU runs them: in the case directory, with relative
file names, QEMU's doc style rules on.  At the end, comment lines give the
figures: accept/reject agreement, location agreement (the bar is 95 %),
full messages equal, dumps equal.

Options: -v prints the difference for every failing case; NAME... runs
only those cases.
"""
from __future__ import annotations

import difflib
import os
import re
import sys
import time
import traceback
from typing import List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, '..', 'shared', 'corpus', 'qapi-schema-tests')
sys.path.insert(0, HERE)

# The location of a message line: FILE:LINE or FILE:LINE:COL, then ': '.
_LOCATION = re.compile(r'^([^:\n]+):(\d+)(?::(\d+))?: ', re.MULTILINE)
_CONTEXT = re.compile(r"^(In file included from .*|[^:\n]+: In \w+ '.*'):$")


def primary_location(text: str) -> Optional[Tuple[str, ...]]:
    """The location of the first message line (context lines skipped)."""
    for line in text.splitlines():
        if _CONTEXT.match(line):
            continue
        match = _LOCATION.match(line)
        if not match:
            return None
        return tuple(g for g in match.groups() if g is not None)
    return None


def run_case(name: str) -> Tuple[Optional[str], Optional[str]]:
    """Run case @name; return (dump, None) or (None, error text)."""
    from qapi_dump import dump_schema     # sets up the import path
    from qapi.error import QAPIError
    try:
        return dump_schema(name + '.json', doc_style=True), None
    except QAPIError as err:
        return None, str(err)


def read(path: str) -> str:
    with open(path, encoding='utf-8') as f:
        return f.read()


def time_front_end() -> None:
    """Print (no test) what the front end costs on QEMU's full schema."""
    schema = os.path.join(CORPUS, '..', 'qemu-qapi-schema', 'qapi-schema.json')
    if not os.path.exists(schema):
        return
    from qapi_dump import dump_schema     # sets up the import path
    from qapi.expr import check_exprs
    from qapi.parser import QAPISchemaParser
    del dump_schema
    best = [1e9, 1e9]
    for _ in range(3):
        t0 = time.perf_counter()
        parser = QAPISchemaParser(schema)
        t1 = time.perf_counter()
        check_exprs(parser.exprs)
        t2 = time.perf_counter()
        best = [min(best[0], t1 - t0), min(best[1], t2 - t1)]
    print("# front end on QEMU's full schema (best of 3): parse %.0f ms, "
          "expression checks %.0f ms, %d expressions, %d doc blocks"
          % (best[0] * 1e3, best[1] * 1e3, len(parser.exprs),
             len(parser.docs)))


def main(argv: List[str]) -> int:
    verbose = '-v' in argv
    only = [a for a in argv if not a.startswith('-')]
    if not os.path.isdir(CORPUS):
        print('1..1')
        if os.environ.get('CI') == 'true':
            # CI always has the corpus beside the clone: not a skip there.
            print('not ok 1 - QEMU schema test suite: not found at %s'
                  % CORPUS)
            return 1
        print('ok 1 - QEMU schema test suite # SKIP not found at %s' % CORPUS)
        return 0

    os.chdir(CORPUS)
    cases = [line.strip() for line in read('CASES.txt').splitlines()
             if line.strip() and not line.startswith('#')]
    if only:
        cases = [c for c in cases if c in only]
    print('1..%d' % (len(cases) + 1))

    verdict_ok = loc_ok = msg_ok = n_err = dump_ok = n_valid = 0
    start = time.monotonic()
    for num, name in enumerate(cases, 1):
        expected_err = read(name + '.err').strip()
        try:
            dump, err = run_case(name)
        except Exception:       # a crash is a failure, not the end
            dump, err = None, None
            crash = traceback.format_exc(limit=-3)
        else:
            crash = None
        detail = ''
        if expected_err:
            n_err += 1
            ok_verdict = err is not None
            want = primary_location(expected_err)
            got = primary_location(err) if err is not None else None
            ok_loc = ok_verdict and want == got
            ok_msg = ok_verdict and err is not None \
                and err.strip() == expected_err
            verdict_ok += ok_verdict
            loc_ok += ok_loc
            msg_ok += ok_msg
            passed = ok_loc or (ok_msg and want is None)
            if crash:
                detail = 'crashed: ' + crash.strip().splitlines()[-1]
            elif not ok_verdict:
                detail = 'accepted, expected: ' + expected_err
            elif not passed:
                detail = 'got: %r, expected: %r' % (err, expected_err)
            elif not ok_msg:
                detail = 'message differs: got %r, expected %r' % (
                    err, expected_err)
        else:
            n_valid += 1
            verdict_ok += err is None and crash is None
            expected_out = read(name + '.out')
            passed = dump is not None and dump == expected_out
            dump_ok += passed
            if crash:
                detail = 'crashed: ' + crash.strip().splitlines()[-1]
            elif err is not None:
                detail = 'rejected: ' + err
            elif not passed:
                diff = difflib.unified_diff(
                    expected_out.splitlines(), dump.splitlines(),
                    name + '.out', 'ours', lineterm='', n=1)
                detail = 'dump differs:\n' + '\n'.join(list(diff)[:40])
        print('%s %d - %s' % ('ok' if passed else 'not ok', num, name))
        if detail and (verbose or not passed):
            for line in detail.splitlines()[:45]:
                print('#   ' + line)
        if crash and verbose:
            for line in crash.splitlines():
                print('#   ' + line)

    elapsed = time.monotonic() - start
    total = len(cases)
    pct = 100.0 * loc_ok / n_err if n_err else 100.0
    print('# accept/reject agreement: %d/%d' % (verdict_ok, total))
    print('# error location (FILE:LINE[:COL]) agreement: %d/%d = %.1f%%'
          % (loc_ok, n_err, pct))
    print('# error messages exactly equal: %d/%d' % (msg_ok, n_err))
    print('# valid-case dumps equal: %d/%d' % (dump_ok, n_valid))
    print('# time: %.2f s for %d cases' % (elapsed, total))
    time_front_end()
    bar = verdict_ok == total and pct >= 95.0
    print('%s %d - accept/reject agree on all cases, location agreement '
          '>= 95%%' % ('ok' if bar else 'not ok', total + 1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
