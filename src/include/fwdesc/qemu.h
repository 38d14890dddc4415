/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Using a chosen descriptor: the QEMU command line arguments for it, and
 * the VM's own variable store created from it.
 */
#ifndef FWDESC_QEMU_H
#define FWDESC_QEMU_H

#include "fwdesc/descriptor.h"

G_BEGIN_DECLS

/*
 * QEMU arguments that load @desc:
 *   split      read-only executable on pflash0, @vars read-write on pflash1
 *   combined   @vars (the VM's copy of the executable) read-write on pflash0
 *   stateless  read-only executable on pflash0 only
 *   memory     -bios, kernel -kernel, igvm -object igvm-cfg
 * plus "-machine smm=on" for requires-smm, and for requires-smm with
 * secure-boot on flash the pflash "secure" property, so only SMM code can
 * write the variables.  @vars is required for split and combined and
 * refused for everything else (FWDESC_ERROR_ARGUMENT), except that
 * host-uefi-vars firmware maps its executable alone and takes @vars as
 * the uefi-vars device's JSON store (an existing file that is not JSON,
 * e.g. a flash variable image, is FWDESC_ERROR_INVALID).
 * Returns a NULL-terminated argument vector.
 */
char **fwdesc_qemu_args(const FwdescDescriptor *desc, const char *vars,
                        GError **error);

/* @argv as one line, each argument shell-quoted when it needs to be. */
char *fwdesc_shell_join(const char *const *argv);

/*
 * Create the VM's variable store @dest: a copy of the NVRAM template
 * (split) or of the executable (combined).  Stateless, non-flash and
 * host-uefi-vars firmware (whose store is QEMU's JSON file) have none
 * (FWDESC_ERROR_NO_VARS).  Written atomically; an
 * existing @dest is kept (FWDESC_ERROR_EXISTS) unless @force.  Never
 * replaced, even with @force: anything at @dest that is not a regular
 * file (a device, FIFO, socket or directory, also through a symbolic
 * link: FWDESC_ERROR_NOT_REGULAR), and the descriptor's own template or
 * executable (FWDESC_ERROR_ARGUMENT).  An empty @dest is
 * FWDESC_ERROR_ARGUMENT.
 */
gboolean fwdesc_instantiate(const FwdescDescriptor *desc, const char *dest,
                            gboolean force, GError **error);

G_END_DECLS

#endif /* FWDESC_QEMU_H */
