# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Packaging tests: every public header on its own; 'make install' into a
# scratch DESTDIR, a pkg-config-only consumer, the exported symbols.

TEST_SCRIPTS += tests/install/test-headers.sh tests/install/test-install.sh
