#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Run QEMU's own schema test suite against our front end and model; TAP.

The cases live in ../shared/corpus/qapi-schema-tests/ (QEMU's
tests/qapi-schema, unmodified): CASES.txt lists them, NAME.json is the
input, NAME.err the expected error (empty for a valid schema), NAME.out the
expected dump of a valid schema.  Each case is one TAP line; it passes when

- a valid case is accepted and its dump equals NAME.out, or
- an invalid case is rejected and our message's primary location
  (FILE:LINE, plus :COL for syntax errors) equals the one in NAME.err;

and, the way QEMU's harness compares a case's stderr with NAME.err, the
program itself (qapi.main.main(), as scripts/qapi-gen runs it, with
--doc-style for QEMU 10.2's doc comment rules) prints exactly NAME.err on
stderr: every location at the start of its line, no program-name prefix.

The cases run the way QEMU runs them: in the case directory, with relative
file names, QEMU's doc style rules on.  At the end, comment lines give the
figures: accept/reject agreement, location agreement (the bar is 95 %),
full messages equal, dumps equal, program output equal and locations at
the start of a line (the bar is 95 %).

Options: -v prints the difference for every failing case; NAME... runs
only those cases.
"""
from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shutil
import sys
import tempfile
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
# The location of a context line ("FILE: In struct 'X':" has one).
_CONTEXT_LOC = re.compile(r"^[^:\n]+(?=: In \w+ '.*':$)")


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


def run_program(name: str, out_dir: str) -> str:
    """What the program prints on stderr for case @name."""
    from qapi.main import main as qapi_gen_main
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            qapi_gen_main(['--doc-style', '-o', out_dir, name + '.json'])
        except SystemExit:
            pass
    return err.getvalue()


def locations_at_line_start(expected: str, got: str) -> Tuple[int, int]:
    """(locations of @expected that start a line of @got, locations)."""
    starts = {line.split(': ', 1)[0] for line in got.splitlines()}
    found = total = 0
    for line in expected.splitlines():
        match = _LOCATION.match(line) or _CONTEXT_LOC.match(line)
        if match:
            total += 1
            found += match.group(0).rstrip(': ') in starts
    return found, total


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
    prog_ok = line_locs = n_locs = 0
    start = time.monotonic()
    out_dir = tempfile.mkdtemp(prefix='qapi-suite-')
    for num, name in enumerate(cases, 1):
        raw_err = read(name + '.err')
        expected_err = raw_err.strip()
        try:
            dump, err = run_case(name)
            printed = run_program(name, out_dir)
        except Exception:       # a crash is a failure, not the end
            dump, err, printed = None, None, None
            crash = traceback.format_exc(limit=-3)
        else:
            crash = None
        ok_prog = printed == raw_err
        prog_ok += ok_prog
        if printed is not None:
            found, total = locations_at_line_start(raw_err, printed)
            line_locs += found
            n_locs += total
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
        if not crash and not ok_prog:
            passed = False
            detail += '\nprogram printed %r, expected %r' % (printed,
                                                           raw_err)
        print('%s %d - %s' % ('ok' if passed else 'not ok', num, name))
        if detail and (verbose or not passed):
            for line in detail.splitlines()[:45]:
                print('#   ' + line)
        if crash and verbose:
            for line in crash.splitlines():
                print('#   ' + line)

    elapsed = time.monotonic() - start
    shutil.rmtree(out_dir, ignore_errors=True)
    total = len(cases)
    pct = 100.0 * loc_ok / n_err if n_err else 100.0
    line_pct = 100.0 * line_locs / n_locs if n_locs else 100.0
    print('# accept/reject agreement: %d/%d' % (verdict_ok, total))
    print('# error location (FILE:LINE[:COL]) agreement: %d/%d = %.1f%%'
          % (loc_ok, n_err, pct))
    print('# error messages exactly equal: %d/%d' % (msg_ok, n_err))
    print('# valid-case dumps equal: %d/%d' % (dump_ok, n_valid))
    print('# program stderr equal to NAME.err: %d/%d' % (prog_ok, total))
    print('# locations at the start of a line in the program\'s output: '
          '%d/%d = %.1f%%' % (line_locs, n_locs, line_pct))
    print('# time: %.2f s for %d cases' % (elapsed, total))
    time_front_end()
    bar = (verdict_ok == total and pct >= 95.0 and prog_ok == total
           and line_pct >= 95.0)
    print('%s %d - accept/reject agree on all cases, location agreement '
          '>= 95%%, program output equal on all cases, locations at the '
          'start of a line >= 95%%' % ('ok' if bar else 'not ok', total + 1))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
