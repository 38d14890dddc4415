#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Our own front end test cases (what QEMU's suite does not cover); TAP.

cases/cases.txt lists them, one a line: ID | expect | schema and options.
Each runs in cases/ through the schema model and the QEMU-format dumper,
with the options qapi-gen takes (-I DIR, --pragma-file FILE,
--no-doc-checks, --doc-style), and passes when

- expect 'out': the schema is accepted and dumps as cases/expected/ID.out;
- expect 'err': it is rejected with exactly the text of
  cases/expected/ID.err;
- expect 'accept': it is accepted.

Cases that read the shared corpus (@CORPUS@) are skipped without it.
Options: -v shows differences of passing cases too; --regen rewrites the
expected files from the current output (review the diff before
committing!); ID... runs only those cases.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
import traceback
from typing import List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, 'cases')
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, '..', 'shared', 'corpus')
sys.path.insert(0, HERE)


def parse_manifest() -> List[Tuple[str, str, List[str]]]:
    cases = []
    with open(os.path.join(CASES, 'cases.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            ident, expect, command = (p.strip() for p in line.split('|', 2))
            cases.append((ident, expect, shlex.split(command)))
    return cases


def run(words: List[str]) -> Tuple[Optional[str], Optional[str]]:
    """Run one schema with qapi-gen style options: (dump, error)."""
    from qapi_dump import dump_schema       # sets up the import path
    from qapi.error import QAPIError

    opts = argparse.ArgumentParser(add_help=False)
    opts.add_argument('-I', dest='include_path', action='append',
                      default=[])
    opts.add_argument('--pragma-file')
    opts.add_argument('--no-doc-checks', action='store_true')
    opts.add_argument('--doc-style', action='store_true')
    opts.add_argument('schema')
    args = opts.parse_args(words)
    try:
        return dump_schema(args.schema, include_path=args.include_path,
                           pragma_file=args.pragma_file,
                           doc_checks=not args.no_doc_checks,
                           doc_style=args.doc_style), None
    except QAPIError as err:
        return None, str(err) + '\n'


def main(argv: List[str]) -> int:
    verbose = '-v' in argv
    regen = '--regen' in argv
    only = [a for a in argv if not a.startswith('-')]
    cases = parse_manifest()
    if only:
        cases = [c for c in cases if c[0] in only]
    corpus_rel = os.path.relpath(CORPUS, CASES)
    have_corpus = os.path.isdir(CORPUS)
    in_ci = os.environ.get('CI') == 'true'
    os.chdir(CASES)
    print('1..%d' % len(cases))
    for num, (ident, expect, words) in enumerate(cases, 1):
        title = '%s (%s)' % (ident, ' '.join(words))
        if any('@CORPUS@' in w for w in words):
            if not have_corpus and in_ci:
                # CI always has the corpus beside the clone: not a skip.
                print('not ok %d - %s: no corpus at %s' % (num, ident, CORPUS))
                continue
            if not have_corpus:
                print('ok %d - %s # SKIP no corpus at %s'
                      % (num, ident, CORPUS))
                continue
            words = [w.replace('@CORPUS@', corpus_rel) for w in words]
        try:
            dump, err = run(words)
        except Exception:
            dump, err = None, None
            got = 'crash: ' + traceback.format_exc(limit=-2)
        else:
            got = dump if err is None else err
        detail = ''
        if expect == 'accept':
            passed = dump is not None
            if not passed:
                detail = got
        else:
            path = os.path.join('expected', '%s.%s' % (ident, expect))
            if regen and (dump if expect == 'out' else err) is not None:
                os.makedirs('expected', exist_ok=True)
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(got)
            try:
                with open(path, encoding='utf-8') as f:
                    want = f.read()
            except OSError:
                want = '(missing %s)' % path
            kind_ok = (dump is not None) == (expect == 'out')
            passed = kind_ok and got == want
            if not passed:
                detail = 'got:\n%s\nexpected:\n%s' % (got, want)
        print('%s %d - %s' % ('ok' if passed else 'not ok', num, title))
        if detail and (verbose or not passed):
            for line in detail.splitlines()[:40]:
                print('#   ' + line)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
