# SPDX-License-Identifier: LGPL-2.1-or-later
# Each test directory keeps its own rules in tests/<dir>/test.mk.
include $(sort $(wildcard tests/*/test.mk))
