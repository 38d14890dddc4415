# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Generator front end tests (each script prints TAP):
#   test-qemu-suite.py  QEMU's own schema test suite, read in place from
#                       ../shared/corpus/qapi-schema-tests (skipped when
#                       absent); prints the agreement figures
#   test-front-end.py   unit tests of the front end API (parser, expr,
#                       QAPIDoc)
#   test-own-cases.py   our cases in tests/qapi-schema/cases/: -I search
#                       path, --pragma-file, doc checks kept apart, syntax
#                       error positions
TEST_SCRIPTS += tests/qapi-schema/test-qemu-suite.py \
                tests/qapi-schema/test-front-end.py \
                tests/qapi-schema/test-own-cases.py
