# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Generator back-end tests (each script prints TAP; the corpus-based ones
# skip with a message when ../shared/corpus is absent):
#   test-generator-basics.py   naming rules, write-only-when-changed,
#                              generated/ up to date, CLI
#   test-qemu-schema.py        QEMU's full schema: model counts, compiles
#                              with -Wall -Wextra -Werror (no/all 'if'
#                              macros), introspection JSON, runtime round
#                              trip of a union, alternates and 'if' members
#   test-firmware-versions.py  every firmware.json from QEMU 4.2 on
#                              generates and compiles; the newest yields
#                              our generated/firmware/ exactly
#   test-jsonschema.py         the exported JSON Schema against the real
#                              descriptors (python3-jsonschema), and
#                              against fwdesc validate when built
#   test-shapes.py             schemas/shapes.json (every shape): C runtime
#                              and JSON Schema give the same verdicts on
#                              sample documents; C round trips them
#   test-introspect-qemu.py    our QMP introspection data (-u and masked)
#                              equals QEMU 10.2's for its four schemas
#   test-qemu-parity.py        QEMU 10.2's command lines on its four
#                              schemas: the same files, the same
#                              declarations in every header, types/visit
#                              code differing only as documented; the full
#                              schema's commands and events compile
#   test-docs.py               the doc back end: man pages render without
#                              groff warnings, escaping checked by
#                              rendering (man, cmark), every documented
#                              definition of QEMU's schema has a heading
#   test-typecheck.py          mypy --strict on the generator, pyflakes on
#                              all our Python (fails when either checker
#                              is missing)
#   test-client.py             the client back end: off by default, the
#                              test schema compiles, declarations, the
#                              version table from doc comments
TEST_SCRIPTS += tests/generator/test-generator-basics.py \
                tests/generator/test-qemu-schema.py \
                tests/generator/test-firmware-versions.py \
                tests/generator/test-jsonschema.py \
                tests/generator/test-shapes.py \
                tests/generator/test-introspect-qemu.py \
                tests/generator/test-qemu-parity.py \
                tests/generator/test-docs.py \
                tests/generator/test-typecheck.py \
                tests/generator/test-client.py

# The round trip links against the runtime; the JSON Schema comparison
# runs fwdesc when it exists.
check: $(RUNTIME_STATIC)

BENCH_TARGETS += tests/bench/bench-generator.py
