/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Lint: things that are valid but probably wrong.  Warnings only, as
 * QAPI_SEVERITY_WARNING diagnostics with member paths.
 */
#ifndef FWDESC_LINT_H
#define FWDESC_LINT_H

#include "fwdesc/catalog.h"

G_BEGIN_DECLS

typedef enum FwdescLintFlags {
    FWDESC_LINT_DEFAULT = 0,
    /* Do not look at the file system (missing files). */
    FWDESC_LINT_NO_FILES = 1 << 0,
} FwdescLintFlags;

/*
 * Warnings about one descriptor: secure-boot without requires-smm on x86
 * (unless it is confidential-computing firmware), enrolled-keys without
 * secure-boot, duplicate list entries, relative or missing files.
 * Returns the number of warnings added to @diags.
 */
guint fwdesc_lint_descriptor(const FwdescDescriptor *desc,
                             FwdescLintFlags flags, QapiDiagnostics *diags);

/*
 * Warnings across the ok entries of @catalog: the same firmware reachable
 * under two names (the same file through two names, or two descriptors
 * mapping the same images).  Returns the number added to @diags.
 */
guint fwdesc_lint_catalog(const FwdescCatalog *catalog, QapiDiagnostics *diags);

/*
 * Lint every entry of @catalog the way "fwdesc lint" does: each ok
 * descriptor with fwdesc_lint_descriptor(); for each invalid or
 * unsupported file, the problems loading it found (errors) and, when
 * those do not say it, its status and reason; masked and shadowed files
 * are left alone; then fwdesc_lint_catalog().  Every diagnostic carries
 * its file name.  Returns the number added to @diags.
 */
guint fwdesc_lint_entries(const FwdescCatalog *catalog, FwdescLintFlags flags,
                          QapiDiagnostics *diags);

G_END_DECLS

#endif /* FWDESC_LINT_H */
