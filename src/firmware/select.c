/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Selection: first match in the catalog's sorted order, with a reason for
 * every descriptor that was not chosen.
 */
#include <string.h>

#include "fwdesc-private.h"

struct FwdescQuery {
    FirmwareArchitecture arch;
    char *machine;  /* as given */
    char *resolved; /* what QEMU says it is (an alias), or NULL */
    char *qemu;     /* the binary that resolved it, or NULL */
    FwdescMachineRule rule;
    gboolean has_interface;
    FirmwareOSInterface iface;
    gboolean has_device;
    FirmwareDevice device;
    gboolean has_mode;
    FirmwareFlashMode mode;
    gboolean has_format;
    FirmwareFormat format;
    gboolean has_readonly;
    gboolean readonly;
    guint64 required; /* bit per FirmwareFeature */
    guint64 forbidden;
    gboolean no_confidential; /* --confidential none */
    guint guest_bits;         /* 0: default (64 on x86_64), 32 or 64 */
    FwdescQueryFlags flags;
};

G_STATIC_ASSERT(FIRMWARE_FEATURE__MAX <= 64);

int
fwdesc_confidential_from_string(const char *name)
{
    static const char *const names[] = {
        [FWDESC_CONFIDENTIAL_NONE] = "none",
        [FWDESC_CONFIDENTIAL_SEV] = "sev",
        [FWDESC_CONFIDENTIAL_SEV_ES] = "sev-es",
        [FWDESC_CONFIDENTIAL_SEV_SNP] = "sev-snp",
        [FWDESC_CONFIDENTIAL_TDX] = "tdx",
    };
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (!g_strcmp0(name, names[i])) {
            return (int)i;
        }
    }
    return -1;
}

/*
 * Users and toolstacks often name a machine by QEMU's alias ("q35", "pc",
 * "virt") while descriptors list versioned patterns ("pc-q35-*").  Only
 * the QEMU binary knows which version an alias stands for
 * (fwdesc_query_resolve_machine()); without one, an alias fits a pattern
 * that a high version of its family fits, "the newest".
 */
static const struct {
    const char *alias;
    const char *versioned;
} machine_aliases[] = {
    { "q35", "pc-q35-99.99" },
    { "pc", "pc-i440fx-99.99" },
    { "virt", "virt-99.99" },
};

static const char *
builtin_alias(const char *machine)
{
    for (gsize i = 0; i < G_N_ELEMENTS(machine_aliases); i++) {
        if (!strcmp(machine, machine_aliases[i].alias)) {
            return machine_aliases[i].versioned;
        }
    }
    return NULL;
}

FwdescQuery *
fwdesc_query_new(FirmwareArchitecture arch, const char *machine)
{
    g_return_val_if_fail(machine != NULL, NULL);
    /* Out of range, every message would name a "(null)" architecture. */
    g_return_val_if_fail((guint)arch < FIRMWARE_ARCHITECTURE__MAX, NULL);
    FwdescQuery *query = g_new0(FwdescQuery, 1);
    query->arch = arch;
    query->machine = g_strdup(machine);
    query->rule = builtin_alias(machine) ? FWDESC_MACHINE_NEWEST_OF_ALIAS
                                         : FWDESC_MACHINE_AS_GIVEN;
    return query;
}

void
fwdesc_query_free(FwdescQuery *query)
{
    if (query) {
        g_free(query->machine);
        g_free(query->resolved);
        g_free(query->qemu);
        g_free(query);
    }
}

void
fwdesc_query_set_interface(FwdescQuery *query, FirmwareOSInterface iface)
{
    g_return_if_fail((guint)iface < FIRMWARE_OS_INTERFACE__MAX);
    query->has_interface = TRUE;
    query->iface = iface;
}

void
fwdesc_query_set_device(FwdescQuery *query, FirmwareDevice device)
{
    g_return_if_fail((guint)device < FIRMWARE_DEVICE__MAX);
    query->has_device = TRUE;
    query->device = device;
}

void
fwdesc_query_require_feature(FwdescQuery *query, FirmwareFeature feature)
{
    g_return_if_fail(feature >= 0 && feature < FIRMWARE_FEATURE__MAX);
    query->required |= G_GUINT64_CONSTANT(1) << feature;
    query->forbidden &= ~(G_GUINT64_CONSTANT(1) << feature);
}

void
fwdesc_query_forbid_feature(FwdescQuery *query, FirmwareFeature feature)
{
    g_return_if_fail(feature >= 0 && feature < FIRMWARE_FEATURE__MAX);
    query->forbidden |= G_GUINT64_CONSTANT(1) << feature;
    query->required &= ~(G_GUINT64_CONSTANT(1) << feature);
}

void
fwdesc_query_set_mode(FwdescQuery *query, FirmwareFlashMode mode)
{
    g_return_if_fail((guint)mode < FIRMWARE_FLASH_MODE__MAX);
    query->has_mode = TRUE;
    query->mode = mode;
}

void
fwdesc_query_set_readonly(FwdescQuery *query, gboolean readonly)
{
    query->has_readonly = TRUE;
    query->readonly = readonly;
}

void
fwdesc_query_set_format(FwdescQuery *query, FirmwareFormat format)
{
    g_return_if_fail((guint)format < FIRMWARE_FORMAT__MAX);
    query->has_format = TRUE;
    query->format = format;
}

void
fwdesc_query_set_confidential(FwdescQuery *query, FwdescConfidential cc)
{
    static const int feature[] = {
        [FWDESC_CONFIDENTIAL_NONE] = -1,
        [FWDESC_CONFIDENTIAL_SEV] = FIRMWARE_FEATURE_AMD_SEV,
        [FWDESC_CONFIDENTIAL_SEV_ES] = FIRMWARE_FEATURE_AMD_SEV_ES,
        [FWDESC_CONFIDENTIAL_SEV_SNP] = FIRMWARE_FEATURE_AMD_SEV_SNP,
        [FWDESC_CONFIDENTIAL_TDX] = FIRMWARE_FEATURE_INTEL_TDX,
    };
    g_return_if_fail((guint)cc < G_N_ELEMENTS(feature));
    query->no_confidential = cc == FWDESC_CONFIDENTIAL_NONE;
    if (feature[cc] >= 0) {
        fwdesc_query_require_feature(query, (FirmwareFeature)feature[cc]);
    }
}

void
fwdesc_query_set_guest_bits(FwdescQuery *query, guint bits)
{
    g_return_if_fail(bits == 0 || bits == 32 || bits == 64);
    query->guest_bits = bits;
}

void
fwdesc_query_set_flags(FwdescQuery *query, FwdescQueryFlags flags)
{
    query->flags = flags;
}

gboolean
fwdesc_query_resolve_machine(FwdescQuery *query, const char *qemu_binary,
                             GError **error)
{
    g_return_val_if_fail(query != NULL && qemu_binary != NULL, FALSE);
    g_autofree char *help = fwdesc_qemu_machine_help(qemu_binary, error);
    if (!help) {
        return FALSE;
    }
    g_autofree char *target = NULL;
    if (!fwdesc_qemu_machine_lookup(help, query->machine, &target)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                    "%s does not know machine type '%s'", qemu_binary,
                    query->machine);
        return FALSE;
    }
    g_free(query->resolved);
    g_free(query->qemu);
    query->resolved = g_steal_pointer(&target);
    query->qemu = g_strdup(qemu_binary);
    query->rule = query->resolved ? FWDESC_MACHINE_QEMU_ALIAS
                                  : FWDESC_MACHINE_AS_GIVEN;
    return TRUE;
}

FwdescMachineRule
fwdesc_query_get_machine_rule(const FwdescQuery *query)
{
    g_return_val_if_fail(query != NULL, FWDESC_MACHINE_AS_GIVEN);
    return query->rule;
}

char *
fwdesc_query_explain_machine(const FwdescQuery *query)
{
    g_return_val_if_fail(query != NULL, NULL);
    const char *how = query->flags & FWDESC_QUERY_MACHINE_FNMATCH
                          ? "fnmatch(3) patterns"
                          : "patterns with '*' and '?' "
                            "only, as libvirt";
    switch (query->rule) {
    case FWDESC_MACHINE_QEMU_ALIAS:
        return g_strdup_printf("machine '%s' is '%s' (an alias, resolved by "
                               "%s); matched against %s",
                               query->machine, query->resolved, query->qemu,
                               how);
    case FWDESC_MACHINE_NEWEST_OF_ALIAS:
        return g_strdup_printf("machine '%s' is an alias and no QEMU "
                               "binary is known to resolve it: taken as "
                               "the newest of its family ('%s'); matched "
                               "against %s",
                               query->machine, builtin_alias(query->machine),
                               how);
    default:
        return g_strdup_printf(
            "machine '%s' as given%s; matched against %s", query->machine,
            query->qemu ? " (known to the QEMU binary)" : "", how);
    }
}

/* --- matching: one small check per criterion, each with its reason --- */

static char *
describe_targets(const Firmware *fw)
{
    GString *s = g_string_new(NULL);
    for (const FirmwareTargetList *t = fw->targets; t; t = t->next) {
        g_string_append_printf(
            s, "%s%s:", s->len ? "; " : "",
            FirmwareArchitecture_str(t->value->architecture));
        for (const strList *m = t->value->machines; m; m = m->next) {
            g_string_append_printf(
                s, "%s%s", m == t->value->machines ? " " : ",", m->value);
        }
    }
    if (!s->len) {
        g_string_append(s, "no targets");
    }
    return g_string_free(s, FALSE);
}

/* The name descriptors' patterns are matched against. */
static const char *
matched_name(const FwdescQuery *q)
{
    switch (q->rule) {
    case FWDESC_MACHINE_QEMU_ALIAS:
        return q->resolved;
    case FWDESC_MACHINE_NEWEST_OF_ALIAS:
        return builtin_alias(q->machine);
    default:
        return q->machine;
    }
}

static gboolean
supports_machine(const FwdescDescriptor *desc, const FwdescQuery *q)
{
    const char *name = matched_name(q);
    gboolean use_fnmatch = (q->flags & FWDESC_QUERY_MACHINE_FNMATCH) != 0;
    const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
    for (const FirmwareTargetList *t = fw->targets; t; t = t->next) {
        if (t->value->architecture != q->arch) {
            continue;
        }
        for (const strList *m = t->value->machines; m; m = m->next) {
            if (fwdesc_machine_pattern_match(m->value, name, use_fnmatch)) {
                return TRUE;
            }
        }
    }
    return FALSE;
}

static char *
mismatch_target(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (supports_machine(desc, q)) {
        return NULL;
    }
    g_autofree char *targets = describe_targets(
        fwdesc_descriptor_get_firmware(desc));
    if (q->rule == FWDESC_MACHINE_QEMU_ALIAS) {
        return g_strdup_printf("does not run %s machine '%s' (= '%s'; "
                               "targets: %s)",
                               FirmwareArchitecture_str(q->arch), q->machine,
                               q->resolved, targets);
    }
    return g_strdup_printf("does not run %s machine '%s' (targets: %s)",
                           FirmwareArchitecture_str(q->arch), q->machine,
                           targets);
}

static char *
mismatch_interface(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (!q->has_interface || fwdesc_descriptor_has_interface(desc, q->iface)) {
        return NULL;
    }
    return g_strdup_printf("does not offer interface '%s'",
                           FirmwareOSInterface_str(q->iface));
}

static char *
mismatch_device(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    FirmwareDevice dev = fwdesc_descriptor_get_device(desc);
    if (!q->has_device || dev == q->device) {
        return NULL;
    }
    return g_strdup_printf("device is '%s', not '%s'", FirmwareDevice_str(dev),
                           FirmwareDevice_str(q->device));
}

/*
 * Firmware built only for confidential guests: AMD SEV-SNP and Intel TDX
 * builds (OVMF.amdsev.fd, OVMF.inteltdx.fd) cannot boot a normal guest.
 * 'amd-sev' and 'amd-sev-es' are not counted: distributions list them on
 * their general-purpose OVMF builds too (the build can also run SEV
 * guests), so they do not tell a CC-only build apart.
 */
static const FirmwareFeature confidential_only[] = {
    FIRMWARE_FEATURE_AMD_SEV_SNP,
    FIRMWARE_FEATURE_INTEL_TDX,
};

/*
 * Without a mode wish, flash firmware must be split, as libvirt has it:
 * a combined image becomes the VM's own writable copy and a stateless one
 * keeps no variables, neither of which a VM asking for nothing expects.
 * Asking for a writable executable (readonly FALSE) is asking for
 * combined.  Non-flash firmware is not concerned.
 */
static char *
mismatch_default_mode(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (fwdesc_descriptor_get_device(desc) != FIRMWARE_DEVICE_FLASH
        || (q->has_readonly && !q->readonly)) {
        return NULL;
    }
    /* SEV-SNP and TDX guests cannot use a writable variable store: their
     * builds are stateless, so such a wish takes any mode. */
    for (gsize i = 0; i < G_N_ELEMENTS(confidential_only); i++) {
        if (q->required & (G_GUINT64_CONSTANT(1) << confidential_only[i])) {
            return NULL;
        }
    }
    FirmwareFlashMode mode = fwdesc_descriptor_get_flash_mode(desc);
    if (mode == FIRMWARE_FLASH_MODE_SPLIT) {
        return NULL;
    }
    return g_strdup_printf("flash mode is '%s'; without a mode asked for, "
                           "only split flash is chosen (as libvirt)",
                           FirmwareFlashMode_str(mode));
}

static char *
mismatch_mode(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (!q->has_mode) {
        return mismatch_default_mode(q, desc);
    }
    FirmwareDevice dev = fwdesc_descriptor_get_device(desc);
    if (dev != FIRMWARE_DEVICE_FLASH
        && (q->flags & FWDESC_QUERY_MODE_ANY_DEVICE)
        && q->mode != FIRMWARE_FLASH_MODE_COMBINED) {
        /* libvirt's reading: ROM and other non-flash firmware is
         * stateless, and fits a split request as having no store. */
        return NULL;
    }
    if (dev != FIRMWARE_DEVICE_FLASH) {
        /* A flash mode wish asks for flash firmware. */
        return g_strdup_printf("device is '%s', not flash (mode '%s' wanted)",
                               FirmwareDevice_str(dev),
                               FirmwareFlashMode_str(q->mode));
    }
    FirmwareFlashMode mode = fwdesc_descriptor_get_flash_mode(desc);
    if (mode == q->mode) {
        return NULL;
    }
    gboolean implicit =
        !fwdesc_descriptor_get_firmware(desc)->mapping->u.flash.has_mode;
    return g_strdup_printf(
        "flash mode is '%s'%s, not '%s'", FirmwareFlashMode_str(mode),
        implicit ? " (implicit)" : "", FirmwareFlashMode_str(q->mode));
}

static char *
mismatch_readonly(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (!q->has_readonly) {
        return NULL;
    }
    /* Only combined flash maps a writable executable. */
    gboolean writable = fwdesc_descriptor_get_device(desc)
                            == FIRMWARE_DEVICE_FLASH
                        && fwdesc_descriptor_get_flash_mode(desc)
                               == FIRMWARE_FLASH_MODE_COMBINED;
    if (writable != q->readonly) {
        return NULL;
    }
    return g_strdup(writable ? "executable is mapped read-write (combined), "
                               "read-only wanted"
                             : "executable is mapped read-only, a writable "
                               "copy wanted");
}

static char *
mismatch_format(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (!q->has_format) {
        return NULL;
    }
    const FirmwareMapping *m = fwdesc_descriptor_get_firmware(desc)->mapping;
    if (m->device != FIRMWARE_DEVICE_FLASH) {
        /* Image formats are a property of flash images only. */
        return g_strdup_printf("device is '%s', not flash (format '%s' "
                               "wanted)",
                               FirmwareDevice_str(m->device),
                               FirmwareFormat_str(q->format));
    }
    FirmwareFormat exec = m->u.flash.executable->format;
    if (exec != q->format) {
        return g_strdup_printf("executable format is '%s', not '%s'",
                               FirmwareFormat_str(exec),
                               FirmwareFormat_str(q->format));
    }
    if (m->u.flash.nvram_template
        && m->u.flash.nvram_template->format != q->format) {
        return g_strdup_printf(
            "NVRAM template format is '%s', not '%s'",
            FirmwareFormat_str(m->u.flash.nvram_template->format),
            FirmwareFormat_str(q->format));
    }
    return NULL;
}

/* "@what F1, F2" for the features of @mask whose presence in @desc is
 * @present, or NULL when there are none. */
static char *
features_reason(const FwdescDescriptor *desc, guint64 mask, gboolean present,
                const char *what)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    for (int f = 0; f < FIRMWARE_FEATURE__MAX; f++) {
        if ((mask & (G_GUINT64_CONSTANT(1) << f))
            && fwdesc_descriptor_has_feature(desc, f) == present) {
            g_ptr_array_add(names, (gpointer)FirmwareFeature_str(f));
        }
    }
    if (!names->len) {
        return NULL;
    }
    g_ptr_array_add(names, NULL);
    g_autofree char *list = g_strjoinv(", ", (char **)names->pdata);
    return g_strdup_printf("%s %s", what, list);
}

static char *
mismatch_missing_features(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    return features_reason(desc, q->required, FALSE, "lacks feature");
}

static char *
mismatch_unwanted_features(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    return features_reason(desc, q->forbidden, TRUE, "has unwanted feature");
}

static char *
mismatch_confidential(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (!q->no_confidential) {
        return NULL;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(confidential_only); i++) {
        if (fwdesc_descriptor_has_feature(desc, confidential_only[i])) {
            return g_strdup_printf("confidential-computing firmware (feature "
                                   "%s), not for a normal guest",
                                   FirmwareFeature_str(confidential_only[i]));
        }
    }
    return NULL;
}

/* Whether @text holds "ia32" (any case) as a word of its own: between
 * characters that are not letters or digits ("/ia32/", "ovmf-ia32",
 * "-a IA32"), so "via32x" does not count. */
static gboolean
has_ia32_word(const char *text)
{
    g_autofree char *lower = g_ascii_strdown(text, -1);
    for (const char *p = strstr(lower, "ia32"); p; p = strstr(p + 1, "ia32")) {
        gboolean start = p == lower || !g_ascii_isalnum(p[-1]);
        gboolean end = !g_ascii_isalnum(p[4]);
        if (start && end) {
            return TRUE;
        }
    }
    return FALSE;
}

/*
 * Whether @desc is 32-bit (IA32) UEFI.  Descriptors have no word size: an
 * IA32 build for qemu-system-x86_64 lists architecture x86_64 like a
 * 64-bit one, and the image does not tell either (OVMF's 64-bit builds
 * also carry an uncompressed 32-bit reset image and compress the rest).
 * What is data: the file names distributions give IA32 builds
 * (/usr/share/edk2/ia32/..., .../ovmf-ia32/...) and build tags
 * ("-a IA32").  The description is prose and is not read.  Returns the
 * evidence, or NULL.
 */
static const char *
ia32_evidence(const FwdescDescriptor *desc)
{
    const char *paths[] = {
        fwdesc_descriptor_get_executable(desc),
        fwdesc_descriptor_get_nvram_template(desc),
    };
    for (gsize i = 0; i < G_N_ELEMENTS(paths); i++) {
        if (paths[i] && has_ia32_word(paths[i])) {
            return paths[i];
        }
    }
    for (const strList *t = fwdesc_descriptor_get_firmware(desc)->tags; t;
         t = t->next) {
        if (has_ia32_word(t->value)) {
            return t->value;
        }
    }
    return NULL;
}

static char *
mismatch_guest_bits(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    if (q->arch != FIRMWARE_ARCHITECTURE_X86_64) {
        return NULL;
    }
    const char *evidence = ia32_evidence(desc);
    if (q->guest_bits != 32 && evidence) {
        return g_strdup_printf("looks like 32-bit (IA32) firmware ('ia32' in "
                               "'%s'), a 64-bit guest wanted",
                               evidence);
    }
    if (q->guest_bits == 32 && !evidence) {
        return g_strdup("does not look like 32-bit (IA32) firmware (no "
                        "'ia32' in its file names or tags), a 32-bit guest "
                        "wanted");
    }
    return NULL;
}

static char *
mismatch_unknown_features(const FwdescQuery *q, const FwdescDescriptor *desc)
{
    const char *const *unknown = fwdesc_descriptor_get_unknown_features(desc);
    if (!(q->flags & FWDESC_QUERY_REJECT_UNKNOWN_FEATURES) || !unknown[0]) {
        return NULL;
    }
    g_autofree char *list = g_strjoinv(", ", (char **)unknown);
    return g_strdup_printf("has feature(s) this program does not know: %s",
                           list);
}

/* Append a reason (@message is taken) to the list whose tail is *@tail. */
static void
reasons_append(FwdescSelectionReasonList ***tail, FwdescReasonCode code,
               char *message)
{
    FwdescSelectionReason *reason = g_new0(FwdescSelectionReason, 1);
    reason->code = code;
    reason->message = message;
    FwdescSelectionReasonList *node = g_new0(FwdescSelectionReasonList, 1);
    node->value = reason;
    **tail = node;
    *tail = &node->next;
}

/* Every message of @reasons, "; "-separated; NULL for none. */
static char *
reasons_join(const FwdescSelectionReasonList *reasons)
{
    if (!reasons) {
        return NULL;
    }
    GString *all = g_string_new(NULL);
    for (const FwdescSelectionReasonList *r = reasons; r; r = r->next) {
        g_string_append_printf(all, "%s%s", all->len ? "; " : "",
                               r->value->message);
    }
    return g_string_free(all, FALSE);
}

FwdescSelectionReasonList *
fwdesc_query_mismatches(const FwdescQuery *query, const FwdescDescriptor *desc)
{
    g_return_val_if_fail(query != NULL && desc != NULL, NULL);
    typedef char *(*Check)(const FwdescQuery *, const FwdescDescriptor *);
    static const struct {
        FwdescReasonCode code;
        Check check;
    } checks[] = {
        { FWDESC_REASON_TARGET, mismatch_target },
        { FWDESC_REASON_INTERFACE, mismatch_interface },
        { FWDESC_REASON_DEVICE, mismatch_device },
        { FWDESC_REASON_MODE, mismatch_mode },
        { FWDESC_REASON_READONLY, mismatch_readonly },
        { FWDESC_REASON_FORMAT, mismatch_format },
        { FWDESC_REASON_MISSING_FEATURE, mismatch_missing_features },
        { FWDESC_REASON_UNWANTED_FEATURE, mismatch_unwanted_features },
        { FWDESC_REASON_CONFIDENTIAL, mismatch_confidential },
        { FWDESC_REASON_GUEST_BITS, mismatch_guest_bits },
        { FWDESC_REASON_UNKNOWN_FEATURES, mismatch_unknown_features },
    };
    /* Every unmet wish, not only the first: the user may relax any. */
    FwdescSelectionReasonList *reasons = NULL;
    FwdescSelectionReasonList **tail = &reasons;
    for (size_t i = 0; i < G_N_ELEMENTS(checks); i++) {
        char *message = checks[i].check(query, desc);
        if (message) {
            reasons_append(&tail, checks[i].code, message);
        }
    }
    return reasons;
}

char *
fwdesc_query_mismatch(const FwdescQuery *query, const FwdescDescriptor *desc)
{
    g_return_val_if_fail(query != NULL && desc != NULL, NULL);
    g_autoptr(FwdescSelectionReasonList) reasons = fwdesc_query_mismatches(
        query, desc);
    return reasons_join(reasons);
}

/* --- the selection over a catalog --- */

struct FwdescSelection {
    const FwdescEntry *chosen;
    /* One per catalog entry, NULL for the chosen one: */
    GPtrArray *reasons;  /* FwdescSelectionReasonList * */
    GPtrArray *texts;    /* char *, the reasons joined */
    GArray *passed_over; /* gboolean, one per catalog entry */
    char *failure;       /* why a strict selection failed, or NULL */
};

/* Why an entry that is not ok takes no part: its status is the code. */
static FwdescReasonCode
status_reason_code(FwdescStatus status)
{
    switch (status) {
    case FWDESC_STATUS_INVALID:
        return FWDESC_REASON_INVALID;
    case FWDESC_STATUS_UNSUPPORTED:
        return FWDESC_REASON_UNSUPPORTED;
    case FWDESC_STATUS_MASKED:
        return FWDESC_REASON_MASKED;
    case FWDESC_STATUS_SHADOWED:
        return FWDESC_REASON_SHADOWED;
    case FWDESC_STATUS_OK:
        break;
    }
    g_assert_not_reached();
}

static void
free_reasons(gpointer reasons)
{
    qapi_free_FwdescSelectionReasonList(reasons);
}

/* The reasons @entry is not chosen when @chosen (may be NULL) was. */
static FwdescSelectionReasonList *
entry_reasons(const FwdescEntry *entry, const FwdescEntry *chosen,
              const FwdescQuery *query)
{
    FwdescSelectionReasonList *reasons = NULL;
    FwdescSelectionReasonList **tail = &reasons;
    FwdescStatus status = fwdesc_entry_get_status(entry);
    if (status != FWDESC_STATUS_OK) {
        reasons_append(&tail, status_reason_code(status),
                       g_strdup_printf("%s: %s",
                                       fwdesc_status_to_string(status),
                                       fwdesc_entry_get_reason(entry)));
        return reasons;
    }
    reasons = fwdesc_query_mismatches(query,
                                      fwdesc_entry_get_descriptor(entry));
    if (!reasons && chosen) {
        /* Fits as well, but the order of names decides. */
        reasons_append(&tail, FWDESC_REASON_NOT_FIRST,
                       g_strdup_printf("matches too, but %s comes first",
                                       fwdesc_entry_get_name(chosen)));
    }
    return reasons;
}

/* Entries that take part in selection but could not be judged: a broken
 * or unknown file, which might have fitted, or a mask, which hides a file
 * that might have. */
static gboolean
unjudged(FwdescStatus status)
{
    return status == FWDESC_STATUS_INVALID
           || status == FWDESC_STATUS_UNSUPPORTED
           || status == FWDESC_STATUS_MASKED;
}

/* libvirt refuses to choose at all when a file of the search path cannot
 * be loaded; a strict selection does too. */
static void
fail_strictly(FwdescSelection *sel, const FwdescCatalog *catalog)
{
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n && !sel->failure; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        FwdescStatus status = fwdesc_entry_get_status(e);
        if (status == FWDESC_STATUS_INVALID
            || status == FWDESC_STATUS_UNSUPPORTED) {
            sel->failure = g_strdup_printf("%s is %s (%s): a strict "
                                           "selection chooses nothing",
                                           fwdesc_entry_get_path(e),
                                           fwdesc_status_to_string(status),
                                           fwdesc_entry_get_reason(e));
        }
    }
    if (sel->failure) {
        sel->chosen = NULL;
    }
}

FwdescSelection *
fwdesc_select(const FwdescCatalog *catalog, const FwdescQuery *query)
{
    g_return_val_if_fail(catalog != NULL && query != NULL, NULL);
    FwdescSelection *sel = g_new0(FwdescSelection, 1);
    sel->reasons = g_ptr_array_new_with_free_func(free_reasons);
    sel->texts = g_ptr_array_new_with_free_func(g_free);
    sel->passed_over = g_array_new(FALSE, TRUE, sizeof(gboolean));

    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *entry = fwdesc_catalog_get_entry(catalog, i);
        FwdescSelectionReasonList *reasons = entry_reasons(entry, sel->chosen,
                                                           query);
        if (!reasons) {
            sel->chosen = entry;
        }
        g_ptr_array_add(sel->reasons, reasons);
        g_ptr_array_add(sel->texts, reasons_join(reasons));
        gboolean passed = !sel->chosen
                          && unjudged(fwdesc_entry_get_status(entry));
        g_array_append_val(sel->passed_over, passed);
    }
    if (query->flags & FWDESC_QUERY_STRICT) {
        fail_strictly(sel, catalog);
    }
    return sel;
}

gboolean
fwdesc_selection_is_passed_over(const FwdescSelection *selection, guint index)
{
    g_return_val_if_fail(selection != NULL, FALSE);
    g_return_val_if_fail(index < selection->passed_over->len, FALSE);
    return g_array_index(selection->passed_over, gboolean, index);
}

const char *
fwdesc_selection_get_failure(const FwdescSelection *selection)
{
    g_return_val_if_fail(selection != NULL, NULL);
    return selection->failure;
}

void
fwdesc_selection_free(FwdescSelection *selection)
{
    if (selection) {
        g_ptr_array_unref(selection->reasons);
        g_ptr_array_unref(selection->texts);
        g_array_unref(selection->passed_over);
        g_free(selection->failure);
        g_free(selection);
    }
}

const FwdescEntry *
fwdesc_selection_get_chosen(const FwdescSelection *selection)
{
    g_return_val_if_fail(selection != NULL, NULL);
    return selection->chosen;
}

const char *
fwdesc_selection_get_reason(const FwdescSelection *selection, guint index)
{
    g_return_val_if_fail(selection != NULL, NULL);
    g_return_val_if_fail(index < selection->texts->len, NULL);
    return selection->texts->pdata[index];
}

const FwdescSelectionReasonList *
fwdesc_selection_get_reasons(const FwdescSelection *selection, guint index)
{
    g_return_val_if_fail(selection != NULL, NULL);
    g_return_val_if_fail(index < selection->reasons->len, NULL);
    return selection->reasons->pdata[index];
}

int
fwdesc_selection_get_reason_code(const FwdescSelection *selection, guint index)
{
    const FwdescSelectionReasonList *reasons = fwdesc_selection_get_reasons(
        selection, index);
    return reasons ? (int)reasons->value->code : -1;
}

FwdescDescriptor *
fwdesc_select_descriptor(const FwdescCatalog *catalog, const FwdescQuery *query,
                         GError **error)
{
    g_autoptr(FwdescSelection) sel = fwdesc_select(catalog, query);
    if (sel->failure) {
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_INVALID,
                            sel->failure);
        return NULL;
    }
    if (!sel->chosen) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NOT_FOUND,
                    "no firmware descriptor matches %s machine '%s'",
                    FirmwareArchitecture_str(query->arch), query->machine);
        return NULL;
    }
    return fwdesc_descriptor_ref(fwdesc_entry_get_descriptor(sel->chosen));
}
