/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writing a file whole or not at all, for descriptors and variable
 * stores: a reader sees the old file or the new one, never part of it,
 * and a crash leaves no half-written file under the destination's name.
 */
#ifndef FWDESC_ATOMIC_FILE_H
#define FWDESC_ATOMIC_FILE_H

#include <glib.h>

#include "fwdesc/error.h"

G_BEGIN_DECLS

/*
 * Write @contents to @path atomically: a temporary file in the same
 * directory, fsync, rename over @path (when @overwrite) or into place only
 * if @path does not exist yet (FWDESC_ERROR_EXISTS otherwise), then fsync
 * of the directory.  The file gets @mode (e.g. 0644) minus the umask.
 */
gboolean fwdesc_write_file_atomic(const char *path, const void *contents,
                                  gsize len, int mode, gboolean overwrite,
                                  GError **error);
/*
 * Replace the existing regular file @path (not a symbolic link: resolve
 * it first) atomically, as fwdesc_write_file_atomic() does, keeping its
 * exact mode (no umask), its extended attributes and ACLs (trusted.* and
 * security.* where the caller may set them) and, where the caller may,
 * its owner and group (otherwise the group alone, otherwise the
 * caller's).  A file the caller may not write is refused
 * (FWDESC_ERROR_IO), though a writable directory would allow the rename.
 * Errors name @path.
 */
gboolean fwdesc_replace_file_atomic(const char *path, const void *contents,
                                    gsize len, GError **error);

G_END_DECLS

#endif /* FWDESC_ATOMIC_FILE_H */
