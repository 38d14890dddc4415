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
    FWDESC_CONFIDENTIAL_SEV,     /* needs amd-sev */
    FWDESC_CONFIDENTIAL_SEV_ES,  /* needs amd-sev-es */
    FWDESC_CONFIDENTIAL_SEV_SNP, /* needs amd-sev-snp */
    FWDESC_CONFIDENTIAL_TDX,     /* needs intel-tdx */
} FwdescConfidential;

/* "none", "sev", "sev-es", "sev-snp", "tdx"; -1 when unknown. */
int fwdesc_confidential_from_string(const char *name);

typedef enum FwdescQueryFlags {
    FWDESC_QUERY_DEFAULT = 0,
    /* Pass over descriptors that carry features this library does not
     * know (a tolerant load dropped them): they may need something the
     * caller cannot provide. */
    FWDESC_QUERY_REJECT_UNKNOWN_FEATURES = 1 << 0,
    /* libvirt's broader reading of a split or stateless mode wish: it
     * also accepts firmware that is not flash (memory/ROM, kernel, igvm),
     * which has no variable store, so is stateless, and which libvirt
     * also takes when split is asked for.  A combined wish still needs
     * flash. */
    FWDESC_QUERY_MODE_ANY_DEVICE = 1 << 1,
    /* Match machine patterns with fnmatch(3) (classes such as "[5-9]")
     * instead of libvirt's '*' and '?' only. */
    FWDESC_QUERY_MACHINE_FNMATCH = 1 << 2,
    /* Choose nothing when any file of the catalog is invalid or
     * unsupported, as libvirt refuses to choose: such a file might be the
     * one that should have been chosen (an override gone wrong).  See
     * fwdesc_selection_get_failure(). */
    FWDESC_QUERY_STRICT = 1 << 3,
} FwdescQueryFlags;

/* How the machine name of a query is matched against patterns. */
typedef enum FwdescMachineRule {
    FWDESC_MACHINE_AS_GIVEN,        /* a concrete type, matched as given */
    FWDESC_MACHINE_QEMU_ALIAS,      /* an alias the QEMU binary resolved */
    FWDESC_MACHINE_NEWEST_OF_ALIAS, /* "q35", "pc", "virt" with no binary
                                     * known: the newest of the family */
} FwdescMachineRule;

typedef struct FwdescQuery FwdescQuery;

/* What a VM on emulator @arch with machine type @machine (a concrete
 * name, e.g. "pc-q35-9.2", or an alias: see
 * fwdesc_query_resolve_machine(); until then QEMU's aliases "q35", "pc"
 * and "virt" stand for the newest version of their family) needs.
 * Everything else is unconstrained.  Descriptors' machine patterns are
 * matched as libvirt does (g_pattern_match_simple: '*' and '?' only)
 * unless FWDESC_QUERY_MACHINE_FNMATCH.  An @arch out of the enum's range
 * is a programming error: NULL, with a critical warning (so are the
 * setters' out-of-range values, which leave the query unchanged). */
FwdescQuery *fwdesc_query_new(FirmwareArchitecture arch, const char *machine);
void fwdesc_query_free(FwdescQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescQuery, fwdesc_query_free)

void fwdesc_query_set_interface(FwdescQuery *query, FirmwareOSInterface iface);
void fwdesc_query_set_device(FwdescQuery *query, FirmwareDevice device);
void fwdesc_query_require_feature(FwdescQuery *query, FirmwareFeature feature);
void fwdesc_query_forbid_feature(FwdescQuery *query, FirmwareFeature feature);
/* Flash mode wish (an absent mode counts as split).  Implies flash: other
 * devices do not match (unless FWDESC_QUERY_MODE_ANY_DEVICE).  Without a
 * call, flash firmware must be split, as libvirt chooses it (or combined
 * when fwdesc_query_set_readonly() asked for a writable executable; any
 * mode when SEV-SNP or TDX is required, whose builds are stateless);
 * non-flash firmware is not concerned. */
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
void fwdesc_query_set_confidential(FwdescQuery *query, FwdescConfidential cc);
/* Guest word size for x86_64 queries: 0 (default) or 64 refuse firmware
 * that is 32-bit IA32 UEFI by its data (descriptors do not say): "ia32",
 * any case, as a word of its own in its executable or NVRAM template
 * path or in a tag; never from the description.  32 accepts only such
 * firmware.  No effect on other architectures. */
void fwdesc_query_set_guest_bits(FwdescQuery *query, guint bits);
void fwdesc_query_set_flags(FwdescQuery *query, FwdescQueryFlags flags);

/*
 * Resolve the query's machine name as the emulator @qemu_binary (a path,
 * or a name looked up in PATH) does, as libvirt does before choosing
 * firmware: its "-machine help" says which versioned type an alias is
 * ("q35" is "pc-q35-7.2" for QEMU 7.2).  A name the binary does not list
 * is FWDESC_ERROR_ARGUMENT, as is a binary that cannot be run.  Runs the
 * program: give only a binary you trust.
 */
gboolean fwdesc_query_resolve_machine(FwdescQuery *query,
                                      const char *qemu_binary, GError **error);
FwdescMachineRule fwdesc_query_get_machine_rule(const FwdescQuery *query);
/* One line saying which rule resolved the machine name and how patterns
 * are matched (newly allocated). */
char *fwdesc_query_explain_machine(const FwdescQuery *query);

/* Why @desc does not fit @query: every unmet criterion, each with its
 * code (FwdescReasonCode, from the report schema) and text, in a fixed
 * order; NULL if it fits.  Free with qapi_free_FwdescSelectionReasonList(). */
FwdescSelectionReasonList *fwdesc_query_mismatches(
    const FwdescQuery *query, const FwdescDescriptor *desc);

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

/* The chosen entry, or NULL when nothing fits (or a strict selection
 * failed). */
const FwdescEntry *fwdesc_selection_get_chosen(
    const FwdescSelection *selection);
/* Whether entry @index was passed over unjudged: invalid, unsupported or
 * masked, and sorted before the chosen entry (anywhere when nothing was
 * chosen), so the caller may get less than a working search path would
 * give.  Tell the user: the choice is a downgrade. */
gboolean fwdesc_selection_is_passed_over(const FwdescSelection *selection,
                                         guint index);
/* Why a FWDESC_QUERY_STRICT selection chose nothing (a file is invalid or
 * unsupported), or NULL. */
const char *fwdesc_selection_get_failure(const FwdescSelection *selection);
/* One reason per catalog entry (same indices), NULL for the chosen one:
 * every reason of fwdesc_selection_get_reasons() in one text. */
const char *fwdesc_selection_get_reason(const FwdescSelection *selection,
                                        guint index);
/* The reasons entry @index was not chosen, each with its code; NULL for
 * the chosen one.  An entry that is not ok has one reason (the code of
 * its status), one that fits after the chosen one FWDESC_REASON_NOT_FIRST,
 * any other every criterion it fails (fwdesc_query_mismatches()). */
const FwdescSelectionReasonList *fwdesc_selection_get_reasons(
    const FwdescSelection *selection, guint index);
/* The code of the first reason of entry @index, for a caller that
 * switches on it; -1 for the chosen entry. */
int fwdesc_selection_get_reason_code(const FwdescSelection *selection,
                                     guint index);

/* Convenience: the chosen descriptor, as a new reference (unref it), or
 * NULL with FWDESC_ERROR_NOT_FOUND (FWDESC_ERROR_INVALID when a strict
 * selection failed). */
FwdescDescriptor *fwdesc_select_descriptor(const FwdescCatalog *catalog,
                                           const FwdescQuery *query,
                                           GError **error);

G_END_DECLS

#endif /* FWDESC_SELECT_H */
