# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Real libvirt beside fwdesc (root only: a private libvirt daemon in a
# mount namespace of its own; skips elsewhere):
#   test-libvirt-choice.sh  libvirt 9.0 and 'fwdesc select' choose firmware
#                           from the same directories, scenario by scenario
TEST_SCRIPTS += tests/libvirt/test-libvirt-choice.sh
TEST_DEPS += $(FWDESC_TOOL)
