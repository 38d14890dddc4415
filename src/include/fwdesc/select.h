/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Selection: the first descriptor of a catalog, in its sorted order, that
 * fits what a VM needs, and for every other file the reason it was not
 * chosen.
 */
#ifndef FWDESC_SELECT_H
#define FWDESC_SELECT_H

#include "fwdesc/catalog.h"
#include "report/fwdesc-report-qapi-types.h"

G_BEGIN_DECLS

typedef enum FwdescConfidential {
    FWDESC_CONFIDENTIAL_NONE,
    FWDESC_CONFIDENTIAL_SEV,       /* needs amd-sev */
    FWDESC_CONFIDENTIAL_SEV_ES,    /* needs amd-sev-es */
    FWDESC_CONFIDENTIAL_SEV_SNP,   /* needs amd-sev-snp */
    FWDESC_CONFIDENTIAL_TDX,       /* needs intel-tdx */
} FwdescConfidential;

/* "none", "sev", "sev-es", "sev-snp", "tdx"; -1 when unknown. */
int fwdesc_confidential_from_string(const char *name);

typedef enum FwdescQueryFlags {
    FWDESC_QUERY_DEFAULT = 0,
    /* Pass over descriptors that carry features this library does not
     * know (a tolerant load dropped them): they may need something the
     * caller cannot provide. */
    FWDESC_QUERY_REJECT_UNKNOWN_FEATURES = 1 << 0,
} FwdescQueryFlags;

typedef struct FwdescQuery FwdescQuery;

/* What a VM on emulator @arch with machine type @machine (a concrete
 * name, e.g. "pc-q35-9.2"; QEMU's aliases "q35", "pc" and "virt" stand
 * for the newest version of their family) needs.  Everything else is
 * unconstrained. */
FwdescQuery *fwdesc_query_new(FirmwareArchitecture arch, const char *machine);
void fwdesc_query_free(FwdescQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescQuery, fwdesc_query_free)

void fwdesc_query_set_interface(FwdescQuery *query, FirmwareOSInterface iface);
void fwdesc_query_set_device(FwdescQuery *query, FirmwareDevice device);
void fwdesc_query_require_feature(FwdescQuery *query, FirmwareFeature feature);
void fwdesc_query_forbid_feature(FwdescQuery *query, FirmwareFeature feature);
/* Flash mode wish (an absent mode counts as split).  Implies flash: other
 * devices do not match. */
void fwdesc_query_set_mode(FwdescQuery *query, FirmwareFlashMode mode);
/* Read-only wish (libvirt's loader readonly=): TRUE wants the executable
 * mapped read-only and shared (split, stateless, or non-flash firmware),
 * FALSE wants the VM's own writable copy (combined). */
void fwdesc_query_set_readonly(FwdescQuery *query, gboolean readonly);
/* Image format wish for the executable and the NVRAM template.  Implies
 * flash: other devices do not match. */
void fwdesc_query_set_format(FwdescQuery *query, FirmwareFormat format);
/* Confidential computing: SEV, SEV-ES, SEV-SNP and TDX require the
 * matching feature; NONE (a normal guest) refuses firmware built only for
 * confidential guests, i.e. with 'amd-sev-snp' or 'intel-tdx' ('amd-sev'
 * and 'amd-sev-es' also mark general-purpose builds and are accepted).
 * Without a call, nothing is filtered (libvirt's default). */
void fwdesc_query_set_confidential(FwdescQuery *query,
                                   FwdescConfidential cc);
/* Guest word size for x86_64 queries: 0 (default) or 64 refuse firmware
 * that looks like 32-bit IA32 UEFI ("ia32" in its executable or NVRAM
 * template path or its description, case-insensitive: descriptors do
 * not say), 32 accepts only such firmware.  No effect on other
 * architectures. */
void fwdesc_query_set_guest_bits(FwdescQuery *query, guint bits);
void fwdesc_query_set_flags(FwdescQuery *query, FwdescQueryFlags flags);

/* Why @desc does not fit @query: every unmet criterion, each with its
 * code (FwdescReasonCode, from the report schema) and text, in a fixed
 * order; NULL if it fits.  Free with qapi_free_FwdescSelectionReasonList(). */
FwdescSelectionReasonList *fwdesc_query_mismatches(const FwdescQuery *query,
                                                   const FwdescDescriptor *desc);

/* The same as one text, "; "-separated (newly allocated), or NULL if it
 * fits. */
char *fwdesc_query_mismatch(const FwdescQuery *query,
                            const FwdescDescriptor *desc);

typedef struct FwdescSelection FwdescSelection;

/*
 * Evaluate every entry of @catalog against @query.  Never fails; see
 * fwdesc_selection_get_chosen().
 */
FwdescSelection *fwdesc_select(const FwdescCatalog *catalog,
                               const FwdescQuery *query);
void fwdesc_selection_free(FwdescSelection *selection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescSelection, fwdesc_selection_free)

/* The chosen entry, or NULL when nothing fits. */
const FwdescEntry *fwdesc_selection_get_chosen(const FwdescSelection *selection);
/* One reason per catalog entry (same indices), NULL for the chosen one:
 * every reason of fwdesc_selection_get_reasons() in one text. */
const char *fwdesc_selection_get_reason(const FwdescSelection *selection,
                                        guint index);
/* The reasons entry @index was not chosen, each with its code; NULL for
 * the chosen one.  An entry that is not ok has one reason (the code of
 * its status), one that fits after the chosen one FWDESC_REASON_NOT_FIRST,
 * any other every criterion it fails (fwdesc_query_mismatches()). */
const FwdescSelectionReasonList *
fwdesc_selection_get_reasons(const FwdescSelection *selection, guint index);
/* The code of the first reason of entry @index, for a caller that
 * switches on it; -1 for the chosen entry. */
int fwdesc_selection_get_reason_code(const FwdescSelection *selection,
                                     guint index);

/* Convenience: the chosen descriptor, or NULL with FWDESC_ERROR_NOT_FOUND. */
FwdescDescriptor *fwdesc_select_descriptor(const FwdescCatalog *catalog,
                                           const FwdescQuery *query,
                                           GError **error);

G_END_DECLS

#endif /* FWDESC_SELECT_H */
