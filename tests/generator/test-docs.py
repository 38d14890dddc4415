#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
The doc back end (--outputs doc): Markdown and man pages from doc comments.

- schemas/docs.json (every kind of definition, text that needs escaping):
  the man page renders through man(1) and groff -ww with no warning, and
  the rendered text shows exactly what the doc comments say (backslashes,
  leading '.' and "'", option-like hyphens as \\-, non-ASCII); the
  Markdown, rendered by cmark (the CommonMark reference), shows the same
  text with no stray emphasis, link, HTML, list or heading, and has the
  members, types, optionality, stated defaults, features, conditions,
  tagged sections and cross-references the schema gives.
- generated/firmware/fwdesc-descriptor.5 renders cleanly, carries the
  hand-written parts of its template and every firmware.json definition.
- QEMU's full schema: every documented definition (counted from the
  schema model) has its heading in the Markdown and in the roff output,
  every Markdown link has its anchor, and groff -ww prints nothing.
- Template errors: a clear message, exit 1, nothing written.

groff, man (man-db) and cmark are test dependencies
(scripts/install-deps --tests); without them the test fails.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from typing import Dict, List, Optional, Set

from gentest import ROOT, Tap, corpus, qapi_gen, work_dir

from qapi.docgen import stated_default
from qapi.schema import (
    QAPISchema,
    QAPISchemaDefinition,
    QAPISchemaEntity,
    QAPISchemaVisitor,
)

SCHEMA = os.path.join(ROOT, 'tests', 'generator', 'schemas', 'docs.json')
FW_PAGE = os.path.join(ROOT, 'generated', 'firmware', 'fwdesc-descriptor.5')
FW_MD = os.path.join(ROOT, 'generated', 'firmware', 'firmware.md')
TOOLS = {'groff': 'groff-base', 'man': 'man-db', 'cmark': 'cmark'}


def run(argv: List[str], env: Optional[Dict[str, str]] = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env)


def groff_warnings(page: str) -> str:
    """What groff -ww says about @page, for both macro packages."""
    said = ''
    for macros in ('-man', '-mandoc'):
        proc = run(['groff', '-ww', '-z', macros, page])
        said += proc.stderr + ('' if proc.returncode == 0 else
                               'groff %s: exit %d\n'
                               % (macros, proc.returncode))
    return said


def man_render(page: str) -> subprocess.CompletedProcess[str]:
    """man -l @page as plain text, wide enough that no line wraps."""
    env = dict(os.environ, MANWIDTH='1000', MAN_KEEP_FORMATTING='',
               LC_ALL='C.UTF-8')
    return run(['man', '--warnings=all', '-l', page], env)


def flat(text: str) -> str:
    return ' '.join(text.split())


def md_to_html(path: str) -> str:
    proc = run(['cmark', '--unsafe', path])
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def html_text(markup: str) -> str:
    return flat(html.unescape(re.sub(r'<[^>]*>', ' ', markup)))


def roff_unescape(text: str) -> str:
    """A roff text line as it reads (the escapes the back end uses)."""
    text = re.sub(r'\\f[BIRP]|\\&|\\:', '', text)
    text = re.sub(r'\\\[u([0-9A-F]{4,6})\]',
                  lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('\\-', '-').replace('\\e', '\\')


def roff_headings(path: str) -> Set[str]:
    """The text of every .SH/.SS heading of man page @path."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    found = set()
    for i, line in enumerate(lines[:-1]):
        if line in ('.SS', '.SH'):
            found.add(roff_unescape(lines[i + 1]))
        elif line.startswith(('.SS ', '.SH ')):
            found.add(line[4:].strip('"'))
    return found


def md_headings(path: str) -> Dict[str, str]:
    """Definition headings of Markdown file @path: anchor -> heading."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    return dict(re.findall(r'^<a id="([^"]+)"></a>\n(#{2,6} .*)$', text,
                           re.M))


def check_tools(tap: Tap) -> bool:
    missing = ['%s (%s)' % (tool, pkg) for tool, pkg in TOOLS.items()
               if shutil.which(tool) is None]
    return tap.ok(not missing, 'groff, man and cmark are installed',
                  'missing: %s; scripts/install-deps --tests installs them'
                  % ', '.join(missing))


# What the doc comments of schemas/docs.json say, as a reader must see it.
PROSE = [
    '.hidden starts this paragraph, which roff must not take for a '
    'request.',
    "'quoted starts this one, which roff must not take for a request "
    'either.',
    'A colour, with a Windows path C:\\dir\\file and options --verbose or '
    '-x, a built-in word, and non-ASCII text: café.',
    'Characters Markdown must show as they are: a*b, 2*3*4, snake_case, '
    '_under_, [not](a-link), <b>not html</b>, &amp;, a \\backslash and a '
    '\\(backslash) before punctuation.',
    '- not a list item',
    '1. not an ordered list',
    '# not a heading',
]


def test_small_schema(tap: Tap, out: str) -> None:
    rc, msg = qapi_gen(['--outputs', 'doc', '-o', out, SCHEMA])
    tap.ok(rc == 0, 'docs.json: the doc back end runs', msg)
    page = os.path.join(out, 'docs.7')
    md = os.path.join(out, 'docs.md')
    if not tap.ok(os.path.exists(page) and os.path.exists(md),
                  'docs.json: docs.7 and docs.md written'):
        return

    # roff
    tap.ok(groff_warnings(page) == '', 'docs.7: groff -ww -z: no warning',
           groff_warnings(page))
    proc = man_render(page)
    tap.ok(proc.returncode == 0 and proc.stderr == '',
           'docs.7: man -l renders it without a warning', proc.stderr)
    shown = flat(proc.stdout)
    for text in PROSE:
        tap.ok(flat(text) in shown, 'docs.7 shows: %s' % text[:40],
               'not in: ' + shown[:2000])
    with open(page, encoding='utf-8') as f:
        source = f.read()
    tap.ok('options \\-\\-verbose or \\-x, a built-in word' in source,
           'roff: option-like hyphens are \\-, a word\'s hyphen is not')
    tap.ok('\\fBliteral \\-text\\fR' in source,
           'roff: every hyphen of literal text is \\-')
    tap.ok('C:\\edir\\efile' in source and 'caf\\[u00E9]' in source,
           'roff: backslash as \\e, non-ASCII as \\[uXXXX]')
    tap.ok(re.search(r'^\\&\.hidden', source, re.M) is not None
           and re.search(r"^\\&'quoted", source, re.M) is not None,
           "roff: a leading '.' or \"'\" is hidden behind \\&")
    tap.ok(not re.search(r'^[.\'](?!(?:TH|SH|SS|PP|TP|IP|RS|RE|nf|fi|\\")'
                         r'(?: |$))', source, re.M),
           'roff: every line starting with . or \' is a known request')
    headings = roff_headings(page)
    want = {'FIRST LEVEL: CAFÉ, C:\\DIR -X', 'Second level', 'Colour (enum)', 'Base (struct)',
            'Shape (struct)', 'Circle (struct)', 'Figure (union)',
            'Size (alternate)', 'draw (command)', 'DRAWN (event)'}
    tap.ok(want <= headings, 'roff: a heading for every definition and '
           'free-form heading', ' '.join(sorted(want - headings)))
    for text in ('FIRST LEVEL: CAFÉ, C:\\DIR -X',
                 'size: uint32 (optional, default 10)',
                 'old: bool (optional, feature deprecated)',
                 'blue (if CONFIG_BLUE)',
                 'Available if: CONFIG_SHAPES and not CONFIG_TINY',
                 'The members of Base',
                 'When kind is green',
                 'Returns: array of Shape',
                 'Errors:',
                 'If figure is invalid, GenericError',
                 'Since: 3.0', 'Note Drawing takes time.',
                 'Example { "id": 1, "colour": "red" }'):
        tap.ok(text in shown, 'docs.7 shows: %s' % text)
    tap.ok('TODO' not in shown, 'docs.7: no TODO section')
    lines = proc.stdout.split('\n')
    at = [i for i, line in enumerate(lines) if line.endswith('{ "id": 1,')]
    tap.ok(len(at) == 1 and lines[at[0] + 1] == ' ' * (
        len(lines[at[0]]) - len('{ "id": 1,') + 2) + '"colour": "red" }',
           'docs.7: literal blocks keep their indentation',
           '\n'.join(lines[at[0]:at[0] + 2]) if at else 'no example')

    # Markdown
    body = md_to_html(md)
    shown = html_text(body)
    for text in PROSE:
        tap.ok(flat(text) in shown, 'docs.md shows: %s' % text[:40],
               'not in: ' + shown[:2000])
    tap.ok(body.count('<em>') == 1 and '<em>emphasised</em>' in body
           and body.count('<strong>emphasised') == 0
           and '<strong>strong</strong>' in body,
           'md: only the emphasis the doc asks for')
    tap.ok('<a href="a-link"' not in body and '<b>' not in body,
           'md: no link or HTML from escaped text')
    tap.ok(re.search(r'<h\d>[^<]*not a heading', body) is None
           and not re.search(r'<li>\s*(?:<p>)?not an? (?:list|ordered)',
                             body),
           'md: no heading or list from escaped line starts')
    anchors = set(re.findall(r'<a id="([^"]+)">', body))
    links = set(re.findall(r'<a href="#([^"]+)">', body))
    tap.ok(bool(links) and links <= anchors,
           'md: every cross-reference has its anchor',
           ' '.join(sorted(links - anchors)))
    tap.ok({'Colour', 'Base', 'Circle', 'Shape', 'Figure', 'Size'} <= links,
           'md: types are cross-referenced', ' '.join(sorted(links)))
    md_heads = md_headings(md)
    tap.ok(md_heads.get('Shape') == '#### `Shape` (struct)'
           and md_heads.get('draw') == '#### `draw` (command)',
           'md: definitions one level below the deepest free-form heading',
           repr(md_heads))
    for text in ('<code>size</code>: <code>uint32</code> (optional, '
                 'default <code>10</code>)',
                 '<code>label</code>: <code>str</code> (optional, '
                 'default <code>none</code>)',
                 '<code>sizes</code>: array of <a href="#Size"><code>Size'
                 '</code></a> (optional)',
                 '<code>blue</code> (if <code>CONFIG_BLUE</code>)',
                 '<code>green</code> (feature <code>deprecated</code>)',
                 '<strong>Returns:</strong> array of <a href="#Shape">'
                 '<code>Shape</code></a>',
                 'The members of <a href="#Circle"><code>Circle</code></a>'):
        tap.ok(text in body, 'docs.md has: %s' % html_text(text))
    tap.ok(re.search(r'<li>\s*(?:<p>)?first item, which goes on\s+to a '
                     r'second line', body) is not None and '<ol>' in body,
           'md: rST bullet and numbered lists become lists')


def test_defaults(tap: Tap) -> None:
    cases = {
        'the size (default: 10)': '10',
        'whether to wait (default:\n    false).  More text.': 'false',
        'the mode (default: auto, since 2.0)': 'auto',
        'a limit (since 10.0; default: 10).': '10',
        'Defaults to "none".': 'none',
        'Default is false (Since 5.0)': 'false',
        "defaults to 'aes-256'": 'aes-256',
        'An absent @mode means @split.  Since: 7.0': 'split',
        'the default is 64K if the format allows it': None,
        'the default is to probe': None,
        'Defaults to the size of the disk.': None,
        'no default stated here': None,
    }
    for text, want in cases.items():
        got = stated_default(text)
        tap.ok(got == want, 'default stated in %r: %r' % (text, want),
               'got %r' % got)


def test_firmware_page(tap: Tap, out: str) -> None:
    tap.ok(groff_warnings(FW_PAGE) == '',
           'fwdesc-descriptor.5: groff -ww -z: no warning',
           groff_warnings(FW_PAGE))
    proc = man_render(FW_PAGE)
    tap.ok(proc.returncode == 0 and proc.stderr == '',
           'fwdesc-descriptor.5: man -l renders it without a warning',
           proc.stderr)
    shown = proc.stdout
    for text in ('fwdesc-descriptor - QEMU firmware descriptor files',
                 '/etc/qemu/firmware', '$XDG_CONFIG_HOME/qemu/firmware',
                 'fwdesc(1)'):
        tap.ok(text in shown, 'fwdesc-descriptor.5 shows %s' % text)
    sections = re.findall(r'^([A-Z][A-Z ]+)$', shown, re.M)
    tap.ok(sections == ['NAME', 'SYNOPSIS', 'DESCRIPTION',
                        'FIRMWARE DESCRIPTORS', 'FILES', 'SEE ALSO'],
           'fwdesc-descriptor.5: its sections in order', repr(sections))
    schema = QAPISchema(os.path.join(ROOT, 'schema', 'firmware.json'))
    names = documented(schema)
    headings = roff_headings(FW_PAGE)
    md = md_headings(FW_MD)
    lost = [n for n in names if not any(h.startswith(n + ' (')
                                        for h in headings) or n not in md]
    tap.ok(len(names) == 14 and not lost,
           'fwdesc-descriptor.5 and firmware.md: all %d definitions'
           % len(names), 'missing: %s' % ' '.join(lost))


class _Documented(QAPISchemaVisitor):
    """Collects, from the model, every definition with a doc comment."""

    def __init__(self, schema: QAPISchema) -> None:
        self.schema = schema
        self.names: List[str] = []

    def visit_needed(self, entity: QAPISchemaEntity) -> bool:
        if (isinstance(entity, QAPISchemaDefinition)
                and entity.doc is not None):
            self.names.append(entity.name)
        return False


def documented(schema: QAPISchema) -> List[str]:
    """Names of the definitions that have a doc comment, from the model
    (and as many as the schema has definition doc comments)."""
    vis = _Documented(schema)
    schema.visit(vis)
    assert len(vis.names) == len([d for d in schema.docs if d.symbol])
    return vis.names


def test_qemu_schema(tap: Tap, out: str) -> None:
    path = corpus('qemu-qapi-schema', 'qapi-schema.json')
    if path is None:
        tap.skip('QEMU full schema', 'no ../shared/corpus')
        return
    rc, msg = qapi_gen(['--outputs', 'doc', '-o', out, path])
    if not tap.ok(rc == 0, 'QEMU schema: the doc back end runs', msg):
        return
    names = documented(QAPISchema(path))
    page = os.path.join(out, 'qapi-schema.7')
    md = os.path.join(out, 'qapi-schema.md')
    roff = roff_headings(page)
    lost_roff = [n for n in names
                 if not any(h.startswith(n + ' (') for h in roff)]
    tap.ok(len(names) > 1000 and not lost_roff,
           'QEMU schema: roff has all %d documented definitions'
           % len(names), 'missing: %s' % ' '.join(lost_roff[:20]))
    headings = md_headings(md)
    lost_md = [n for n in names
               if not re.fullmatch(r'#{2,6} `%s` \([a-z]+\)' % re.escape(n),
                                   headings.get(n, ''))]
    tap.ok(not lost_md, 'QEMU schema: Markdown has all %d documented '
           'definitions' % len(names),
           'missing: %s' % ' '.join(lost_md[:20]))
    body = md_to_html(md)
    anchors = set(re.findall(r'<a id="([^"]+)">', body))
    links = set(re.findall(r'<a href="#([^"]+)">', body))
    tap.ok(len(links) > 500 and links <= anchors,
           'QEMU schema: %d cross-references, all with their anchor'
           % len(links), ' '.join(sorted(links - anchors)[:20]))
    said = groff_warnings(page)
    tap.ok(said == '', 'QEMU schema: groff -ww -z: no warning', said)


def test_template_errors(tap: Tap, out: str) -> None:
    os.makedirs(out)
    bad = os.path.join(out, 'bad.5.in')
    with open(bad, 'w', encoding='utf-8') as f:
        f.write('.TH BAD 5\n.SH NAME\nbad \\- no place for definitions\n')
    rc, msg = qapi_gen(['--outputs', 'doc', '--man-template', bad,
                        '-o', out, SCHEMA])
    tap.ok(rc == 1 and "must have one line '@DEFINITIONS@', has 0" in msg
           and not os.path.exists(os.path.join(out, 'bad.5'))
           and not os.path.exists(os.path.join(out, 'docs.md')),
           'template without @DEFINITIONS@: error, nothing written', msg)
    rc, msg = qapi_gen(['--outputs', 'doc', '--man-template', SCHEMA,
                        '-o', out, SCHEMA])
    tap.ok(rc == 1 and 'is not named NAME.SECTION.in' in msg,
           'template not named NAME.SECTION.in: error', msg)
    rc, msg = qapi_gen(['--outputs', 'doc', '--man-template',
                        os.path.join(out, 'absent.1.in'), '-o', out, SCHEMA])
    tap.ok(rc == 1 and "can't read man page template" in msg,
           'absent template: error', msg)


def main() -> None:
    tap = Tap()
    if check_tools(tap):
        out = work_dir('docs')
        test_small_schema(tap, os.path.join(out, 'small'))
        test_firmware_page(tap, out)
        test_qemu_schema(tap, os.path.join(out, 'qemu'))
        test_template_errors(tap, os.path.join(out, 'errors'))
    test_defaults(tap)
    tap.done()


if __name__ == '__main__':
    main()
