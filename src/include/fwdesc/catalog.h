/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Discovery: the descriptor files of a search path, resolved the way the
 * schema documents it.
 *
 * Directories are given from least to most specific.  Only names ending in
 * ".json" and not starting with "." count.  A name in a more specific
 * directory replaces the same name in every less specific one; when that
 * file is empty or a symbolic link to /dev/null, the name is masked.  The
 * result is sorted by file name (byte order).  Every file gets a status; a
 * broken, unreadable, dangling or special file never fails the others, and
 * nothing blocks (a FIFO is refused, not read).
 */
#ifndef FWDESC_CATALOG_H
#define FWDESC_CATALOG_H

#include "fwdesc/descriptor.h"

G_BEGIN_DECLS

typedef enum FwdescStatus {
    FWDESC_STATUS_OK,          /* loaded; a candidate for selection */
    FWDESC_STATUS_INVALID,     /* unreadable, special or invalid */
    FWDESC_STATUS_UNSUPPORTED, /* uses values this library does not know */
    FWDESC_STATUS_MASKED,      /* empty file or symlink to /dev/null */
    FWDESC_STATUS_SHADOWED,    /* replaced by a more specific directory */
} FwdescStatus;

/* "ok", "invalid", "unsupported", "masked", "shadowed". */
const char *fwdesc_status_to_string(FwdescStatus status);

typedef struct FwdescEntry FwdescEntry;
typedef struct FwdescCatalog FwdescCatalog;

/*
 * The default search path, least specific first:
 * /usr/share/qemu/firmware, /etc/qemu/firmware,
 * $XDG_CONFIG_HOME/qemu/firmware ($HOME/.config when unset or empty).
 */
char **fwdesc_default_search_path(void);

/*
 * Scan @dirs (NULL-terminated, least specific first; NULL for the
 * default search path) and load every effective file with @flags
 * (normally FWDESC_LOAD_TOLERANT).  A missing directory is skipped; one
 * that exists but cannot be read is reported by
 * fwdesc_catalog_get_warnings() and the scan goes on.  Never fails.
 */
FwdescCatalog *fwdesc_catalog_load(const char *const *dirs,
                                   FwdescLoadFlags flags);

/* A catalog of explicitly named files, in the given order (for lint).
 * No masking here: an empty file or /dev/null named explicitly is not a
 * descriptor, so it is invalid. */
FwdescCatalog *fwdesc_catalog_load_files(const char *const *paths,
                                         FwdescLoadFlags flags);

void fwdesc_catalog_free(FwdescCatalog *catalog);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescCatalog, fwdesc_catalog_free)

/* Entries sorted by name.  Under one name: first any entries of more
 * specific directories that take no part in overriding (a directory, FIFO
 * or device called *.json: invalid), then the effective file, then the
 * files it shadows, from more to less specific. */
guint fwdesc_catalog_get_n_entries(const FwdescCatalog *catalog);
const FwdescEntry *fwdesc_catalog_get_entry(const FwdescCatalog *catalog,
                                            guint index);
/* Problems with the directories themselves (NULL-terminated). */
const char *const *fwdesc_catalog_get_warnings(const FwdescCatalog *catalog);

/* File name (last component). */
const char *fwdesc_entry_get_name(const FwdescEntry *entry);
/* Full path as found in its directory. */
const char *fwdesc_entry_get_path(const FwdescEntry *entry);
const char *fwdesc_entry_get_directory(const FwdescEntry *entry);
FwdescStatus fwdesc_entry_get_status(const FwdescEntry *entry);
/* Why the entry is not ok (NULL when ok). */
const char *fwdesc_entry_get_reason(const FwdescEntry *entry);
/* The loaded descriptor, only when the status is ok (NULL otherwise).
 * Owned by the catalog, not a new reference: valid as long as the
 * catalog; fwdesc_descriptor_ref() it to keep it longer. */
FwdescDescriptor *fwdesc_entry_get_descriptor(const FwdescEntry *entry);
/* Everything loading reported, warnings included (never NULL). */
const QapiDiagnostics *fwdesc_entry_get_diagnostics(const FwdescEntry *entry);

G_END_DECLS

#endif /* FWDESC_CATALOG_H */
