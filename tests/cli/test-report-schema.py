#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
The --json output of every reporting command (validate, lint, list,
select, instantiate) is valid against the JSON Schema that
"fwdesc schema --json-schema <command>-report" prints, checked with
Debian's python3-jsonschema on good, bad and mixed inputs; the schemas
refuse what the reports must never contain; and selection reasons carry
the codes of the report schema, asserted code by code (not by text) for
a directory where every code occurs.

FWDESC_TEST_WRAPPER (e.g. valgrind) runs every fwdesc under a checker.
Prints TAP.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Dict, List, Optional, Tuple

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'generator'))
from gentest import use_debian_jsonschema  # noqa: E402

use_debian_jsonschema()

import jsonschema  # noqa: E402  (after the re-exec above)

BUILD = os.environ.get('FWDESC_BUILD_DIR', 'build')
FWDESC = os.path.join(BUILD, 'fwdesc')
WRAPPER = shlex.split(os.environ.get('FWDESC_TEST_WRAPPER', ''))
DATA = 'tests/cli/data'
REPORTS = ('validate', 'lint', 'list', 'select', 'instantiate')


class Tap:
    def __init__(self) -> None:
        self.n = 0
        self.failed = 0

    def ok(self, cond: bool, name: str, detail: str = '') -> None:
        self.n += 1
        print('%sok %d - %s' % ('' if cond else 'not ', self.n, name))
        if not cond:
            self.failed += 1
            for line in detail.splitlines()[:12]:
                print('#   ' + line)

    def done(self) -> int:
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def fwdesc(*args: Any, stdin: Optional[bytes] = None,
           wrapped: bool = True) -> Tuple[int, bytes, str]:
    cmd = (WRAPPER if wrapped else []) + [FWDESC] + list(args)
    proc = subprocess.run(cmd, input=stdin if stdin is not None else b'',
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode, proc.stdout, proc.stderr.decode(errors='replace')


# --- descriptors ---

def descriptor(**changes: Any) -> Dict[str, Any]:
    """A split OVMF descriptor that fits QUERY below, with @changes."""
    doc: Dict[str, Any] = {
        'description': 'report test',
        'interface-types': ['uefi'],
        'mapping': {
            'device': 'flash',
            'executable': {'filename': '/x/code.fd', 'format': 'raw'},
            'nvram-template': {'filename': '/x/vars.fd', 'format': 'raw'},
        },
        'targets': [{'architecture': 'x86_64', 'machines': ['pc-q35-*']}],
        'features': ['secure-boot', 'requires-smm'],
        'tags': [],
    }
    doc.update(changes)
    return doc


def write(path: str, doc: Any) -> None:
    with open(path, 'w', encoding='utf-8') as f:
        if isinstance(doc, str):
            f.write(doc)
        else:
            json.dump(doc, f, indent=4)


FLASH_STATELESS = {'device': 'flash', 'mode': 'stateless',
                   'executable': {'filename': '/x/code.fd', 'format': 'raw'}}
FLASH_COMBINED = {'device': 'flash', 'mode': 'combined',
                  'executable': {'filename': '/x/code.fd', 'format': 'raw'}}
FLASH_QCOW2 = {
    'device': 'flash',
    'executable': {'filename': '/x/code.qcow2', 'format': 'qcow2'},
    'nvram-template': {'filename': '/x/vars.qcow2', 'format': 'qcow2'},
}
FLASH_IA32 = {
    'device': 'flash',
    'executable': {'filename': '/x/ia32/code.fd', 'format': 'raw'},
    'nvram-template': {'filename': '/x/ia32/vars.fd', 'format': 'raw'},
}
BAD = '{"description": "bad", "interface-types": [], "mapping": 1}\n'

QUERY = ['--arch', 'x86_64', '--machine', 'pc-q35-9.2', '--interface',
         'uefi', '--device', 'flash', '--mode', 'split', '--readonly', 'yes',
         '--format', 'raw', '--feature', 'secure-boot', '--no-feature',
         'acpi-s3', '--confidential', 'none', '--reject-unknown-features']

# File (in low/ or high/) -> what it is, and the reason codes that QUERY
# rejects it with (in the library's fixed order), or 'chosen'.
SELECTION = {
    'low/10-fits.json': (descriptor(), 'chosen'),
    'low/20-fits-too.json': (descriptor(), ['not-first']),
    'low/30-target.json': (descriptor(targets=[{
        'architecture': 'aarch64', 'machines': ['virt-*']}]), ['target']),
    'low/31-interface.json': (descriptor(**{'interface-types': ['bios']}),
                              ['interface']),
    'low/32-memory.json': (descriptor(mapping={
        'device': 'memory', 'filename': '/x/bios.bin'}),
        ['device', 'mode', 'format']),
    'low/33-stateless.json': (descriptor(mapping=FLASH_STATELESS),
                              ['mode']),
    'low/34-combined.json': (descriptor(mapping=FLASH_COMBINED),
                             ['mode', 'readonly']),
    'low/35-qcow2.json': (descriptor(mapping=FLASH_QCOW2), ['format']),
    'low/36-no-sb.json': (descriptor(features=['requires-smm']),
                          ['missing-feature']),
    'low/37-s3.json': (descriptor(features=['secure-boot', 'requires-smm',
                                            'acpi-s3']),
                       ['unwanted-feature']),
    'low/38-snp.json': (descriptor(features=['secure-boot', 'requires-smm',
                                             'amd-sev-snp']),
                        ['confidential']),
    'low/39-ia32.json': (descriptor(mapping=FLASH_IA32), ['guest-bits']),
    'low/40-teleport.json': (descriptor(features=['secure-boot',
                                                  'requires-smm',
                                                  'teleport']),
                             ['unknown-features']),
    'low/41-many.json': (descriptor(features=['acpi-s3']),
                         ['missing-feature', 'unwanted-feature']),
    'low/50-invalid.json': (BAD, ['invalid']),
    'low/51-rom.json': (descriptor(mapping={'device': 'rom',
                                            'filename': '/x/rom'}),
                        ['unsupported']),
    'low/60-masked.json': (descriptor(), ['shadowed']),
    'high/60-masked.json': ('', ['masked']),
}


def make_tree(tmp: str) -> Dict[str, str]:
    """Good, bad and mixed inputs under @tmp; returns their paths."""
    for sub in ('low', 'high', 'good', 'bad', 'u8'):
        os.makedirs(os.path.join(tmp, sub))
    for rel, (doc, _) in SELECTION.items():
        write(os.path.join(tmp, rel), doc)
    for name in sorted(os.listdir(DATA)):
        shutil.copy(os.path.join(DATA, name), os.path.join(tmp, 'good'))
    write(os.path.join(tmp, 'bad', '10-invalid.json'), BAD)
    write(os.path.join(tmp, 'bad', '20-rom.json'),
          SELECTION['low/51-rom.json'][0])
    write(os.path.join(tmp, 'bad', '30-truncated.json'), '{"description":')
    os.mkfifo(os.path.join(tmp, 'bad', '40-fifo.json'))
    write(os.path.join(tmp, 'bad', '50-sb-no-smm.json'),
          descriptor(features=['secure-boot']))
    # A name that is not UTF-8: display name plus bytes in every report.
    shutil.copy(os.path.join(DATA, '50-ovmf-split.json'),
                os.path.join(tmp, 'u8').encode() + b'/a\xff.json')
    write(os.path.join(tmp, 'u8', 'b.json'), BAD)
    for name in ('vars.fd', 'code.fd'):
        with open(os.path.join(tmp, name), 'wb') as f:
            f.write(b'template')
    # Lint finds nothing wrong with this one: its files exist.
    write(os.path.join(tmp, 'inst.json'), descriptor(mapping={
        'device': 'flash',
        'executable': {'filename': os.path.join(tmp, 'code.fd'),
                       'format': 'raw'},
        'nvram-template': {'filename': os.path.join(tmp, 'vars.fd'),
                           'format': 'raw'}}))
    return {sub: os.path.join(tmp, sub)
            for sub in ('low', 'high', 'good', 'bad', 'u8')}


def files_of(directory: str) -> List[str]:
    return [os.path.join(directory, n) for n in sorted(os.listdir(directory))]


def invocations(tmp: str, d: Dict[str, str]) -> List[Tuple[Any, ...]]:
    """(report, arguments, expected exit status, stdin[, label]) of every
    run; the label names the output for later checks."""
    good, bad = files_of(d['good']), files_of(d['bad'])
    u8 = os.path.join(tmp, 'u8').encode() + b'/a\xff.json'
    q35 = ['--arch', 'x86_64', '--machine', 'pc-q35-9.2']
    with open(good[0], 'rb') as f:
        first = f.read()
    return [
        ('validate', good, 0, b''),
        ('validate', bad, 1, b''),
        ('validate', good + bad + [u8], 1, b''),
        ('validate', ['--tolerant'] + files_of(d['low']), 1, b''),
        ('validate', ['-'], 0, first),
        ('validate', ['-', os.path.join(tmp, 'no-such.json')], 1, BAD.encode()),
        ('lint', [os.path.join(tmp, 'inst.json')], 0, b''),
        ('lint', bad, 1, b''),
        ('lint', ['--dir', d['good'], '--dir', d['bad']], 1, b''),
        ('lint', ['--dir', d['u8']], 1, b''),
        ('list', ['--dir', d['good']], 0, b''),
        # An invalid entry makes list exit 1 (libvirt refuses to choose
        # then); the report is printed all the same.
        ('list', ['--dir', d['bad']], 1, b''),
        ('list', ['--dir', d['low'], '--dir', d['high']], 1, b''),
        ('list', ['--dir', d['u8']], 1, b'', 'list u8'),
        ('select', ['--dir', d['good']] + q35, 0, b''),
        ('select', ['--dir', d['bad']] + q35, 0, b''),
        ('select', ['--dir', d['bad']] + q35 + ['--feature', 'acpi-s4'], 1,
         b''),
        ('select', ['--dir', d['low'], '--dir', d['high']] + QUERY, 0, b'',
         'select every reason'),
        ('select', ['--dir', d['u8']] + q35, 0, b'', 'select u8'),
        ('instantiate', [os.path.join(tmp, 'inst.json'),
                         os.path.join(tmp, 'vm.fd')], 0, b''),
        ('instantiate', [os.path.join(tmp, 'inst.json'),
                         os.path.join(tmp, 'vm').encode() + b'\xff.fd'],
         0, b'', 'instantiate u8'),
    ]


def report_schemas(tap: Tap) -> Dict[str, Any]:
    schemas: Dict[str, Any] = {}
    for name in REPORTS:
        rc, out, err = fwdesc('schema', '--json-schema', name + '-report')
        try:
            schema = json.loads(out)
            jsonschema.Draft202012Validator.check_schema(schema)
            good = True
        except (ValueError, jsonschema.SchemaError) as e:
            schema, good, err = None, False, err + str(e)
        tap.ok(rc == 0 and good, 'schema --json-schema %s-report: a valid '
               'draft 2020-12 schema' % name, err)
        schemas[name] = schema
    return schemas


def check_runs(tap: Tap, schemas: Dict[str, Any], tmp: str,
               d: Dict[str, str]) -> Dict[str, Any]:
    """Every invocation's --json output against its report's schema."""
    outputs: Dict[str, Any] = {}
    for report, args, status, stdin, *label in invocations(tmp, d):
        rc, out, err = fwdesc(report, '--json', *args, stdin=stdin)
        shown = ' '.join(os.path.basename(os.fsdecode(a)) for a in args)
        try:
            doc = json.loads(out)
            problem = ''
            if schemas[report] is not None:
                jsonschema.validate(doc, schemas[report],
                                    cls=jsonschema.Draft202012Validator)
            else:
                problem = 'no schema'
        except ValueError as e:
            doc, problem = None, 'not JSON: %s' % e
        except jsonschema.ValidationError as e:
            problem = 'invalid: %s at %s' % (e.message,
                                             list(e.absolute_path))
        tap.ok(rc == status and not problem,
               '%s --json %s: exit %d, valid against %s-report'
               % (report, shown, status, report),
               'exit %d; %s\n%s' % (rc, problem, err))
        if label:
            outputs[label[0]] = doc
    return outputs


def check_refusals(tap: Tap, schemas: Dict[str, Any]) -> None:
    """The schemas are strict: what a report must never hold fails."""
    if any(s is None for s in schemas.values()):
        tap.ok(False, 'report schemas refuse bad reports', 'no schema')
        return
    candidate = {'name': 'a.json', 'path': '/d/a.json', 'status': 'ok',
                 'chosen': False, 'rejected': 'x',
                 'reasons': [{'code': 'target', 'message': 'x'}]}
    bad = [
        ('validate', {'files': [{'file': 'a', 'status': 'ok',
                                 'problems': [], 'extra': 1}]},
         'an unknown member'),
        ('validate', [{'file': 'a', 'status': 'ok', 'problems': []}],
         'a bare array (the old format)'),
        ('validate', {'files': [{'file': 'a', 'status': 'fine',
                                 'problems': []}]}, 'an unknown status'),
        ('lint', {'problems': [{'file': 'a', 'diagnostic': {
            'severity': 'error', 'path': '', 'message': 'm',
            'line': 'one'}}]}, 'a line that is not a number'),
        ('list', {'entries': [{'name': 'a', 'path': 'a', 'status': 'ok'}]},
         'a missing required member'),
        ('select', {'candidates': [dict(candidate, reasons=[
            {'code': 'bad-luck', 'message': 'x'}])]},
         'an unknown reason code'),
        ('select', {'chosen': None, 'candidates': [candidate]},
         'chosen null (absent when nothing fits)'),
        ('instantiate', {'created': 1}, 'a name that is not a string'),
    ]
    for report, doc, what in bad:
        try:
            jsonschema.validate(doc, schemas[report],
                                cls=jsonschema.Draft202012Validator)
            refused = False
        except jsonschema.ValidationError:
            refused = True
        tap.ok(refused, '%s-report schema refuses %s' % (report, what))
    good = {'candidates': [candidate]}
    try:
        jsonschema.validate(good, schemas['select'],
                            cls=jsonschema.Draft202012Validator)
        accepted = True
    except jsonschema.ValidationError as e:
        accepted, what = False, e.message
    tap.ok(accepted, 'select-report schema accepts a report without chosen')


def check_codes(tap: Tap, outputs: Dict[str, Any], tmp: str) -> None:
    """Every reason code, from the select report, per candidate."""
    doc = outputs.get('select every reason')
    if not isinstance(doc, dict):
        tap.ok(False, 'select --json over every reason: a report')
        return
    tap.ok(doc.get('chosen') == os.path.join(tmp, 'low', '10-fits.json'),
           'select --json: the first fitting descriptor is chosen',
           str(doc.get('chosen')))
    by_path = {c['path']: c for c in doc['candidates']}
    seen = set()
    for rel, (_, want) in SELECTION.items():
        c = by_path.get(os.path.join(tmp, rel))
        if c is None:
            tap.ok(False, 'select --json: %s is a candidate' % rel)
            continue
        if want == 'chosen':
            good = c['chosen'] and 'reasons' not in c and 'rejected' not in c
            got: Any = 'chosen' if c['chosen'] else c.get('reasons')
        else:
            got = [r['code'] for r in c.get('reasons', [])]
            good = not c['chosen'] and got == want and c['rejected'] == \
                '; '.join(r['message'] for r in c['reasons'])
            seen.update(got)
        tap.ok(good, 'select --json: %s -> %s' % (rel, want), str(got))
    enum = doc_enum(tmp)
    tap.ok(enum is not None and seen == set(enum),
           'select --json: every FwdescReasonCode occurs in the test',
           'missing: %s' % sorted(set(enum or []) - seen))


def doc_enum(tmp: str) -> Optional[List[str]]:
    rc, out, _ = fwdesc('schema', '--json-schema', 'select-report',
                        wrapped=False)
    try:
        return json.loads(out)['$defs']['FwdescReasonCode']['enum']
    except (ValueError, KeyError):
        return None


def check_names(tap: Tap, outputs: Dict[str, Any]) -> None:
    """A non-UTF-8 name: display name plus exact bytes, everywhere."""
    entries = outputs.get('list u8', {}).get('entries', [])
    e = next((x for x in entries if x['name'].startswith('a')), {})
    tap.ok(e.get('name') == 'a\ufffd.json'
           and e.get('name-bytes') == 'a\\377.json'
           and e.get('path-bytes', '').endswith('/u8/a\\377.json'),
           'list --json: display name and -bytes member', str(e))
    sel = outputs.get('select u8', {})
    tap.ok(sel.get('chosen', '').endswith('a\ufffd.json')
           and sel.get('chosen-bytes', '').endswith('a\\377.json'),
           'select --json: chosen-bytes', str(sel.get('chosen')))
    inst = outputs.get('instantiate u8', {})
    tap.ok(inst.get('created', '').endswith('vm\ufffd.fd')
           and inst.get('created-bytes', '').endswith('vm\\377.fd'),
           'instantiate --json: created-bytes', str(inst))


def main() -> int:
    tap = Tap()
    if not os.access(FWDESC, os.X_OK):
        print('Bail out! %s not built' % FWDESC)
        return 1
    schemas = report_schemas(tap)
    tmp = tempfile.mkdtemp(prefix='fwdesc-report-')
    try:
        d = make_tree(tmp)
        outputs = check_runs(tap, schemas, tmp, d)
        check_refusals(tap, schemas)
        check_codes(tap, outputs, tmp)
        check_names(tap, outputs)
    finally:
        shutil.rmtree(tmp)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
