# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fwdesc command-line tests (shell scripts printing TAP, run from the
# repository root against $(B)/fwdesc):
#   test-cli.sh         exit codes, messages, --json, every subcommand
#   test-report-schema.py  every --json report valid against the JSON
#                       Schema 'fwdesc schema --json-schema X-report'
#                       prints (python3-jsonschema); reason codes
#   test-qemu-boot.sh   real qemu-system-x86_64 (TCG) boots Debian's OVMF
#                       with 'fwdesc cmdline' output: split, secure+SMM,
#                       combined, stateless (skips where QEMU is missing)
TEST_SCRIPTS += tests/cli/test-cli.sh tests/cli/test-report-schema.py \
	tests/cli/test-qemu-boot.sh tests/cli/test-hostile.sh \
	tests/cli/test-select.sh
TEST_DEPS += $(FWDESC_TOOL)
