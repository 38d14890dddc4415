/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Lint: descriptors that are valid but probably not what was meant. */
#include <string.h>
#include <sys/stat.h>

#include "fwdesc-private.h"

static void warn(QapiDiagnostics *diags, guint *count,
                 const FwdescDescriptor *desc, const char *path,
                 const char *format, ...) G_GNUC_PRINTF(5, 6);

/* A warning about member @path of @desc, positioned in its text. */
static void
warn(QapiDiagnostics *diags, guint *count, const FwdescDescriptor *desc,
     const char *path, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    fwdesc_descriptor_add_diagnostic(desc, diags, QAPI_SEVERITY_WARNING,
                                     QAPI_ERROR_SEMANTIC, path, msg);
    (*count)++;
}

static gboolean
runs_on_x86(const Firmware *fw)
{
    for (const FirmwareTargetList *t = fw->targets; t; t = t->next) {
        if (t->value->architecture == FIRMWARE_ARCHITECTURE_X86_64
            || t->value->architecture == FIRMWARE_ARCHITECTURE_I386) {
            return TRUE;
        }
    }
    return FALSE;
}

static void
lint_features(const FwdescDescriptor *desc, QapiDiagnostics *diags,
              guint *count)
{
    const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
#define HAS(f) fwdesc_descriptor_has_feature(desc, FIRMWARE_FEATURE_##f)
    /* Confidential guests protect themselves; SMM is not their defence
     * (libvirt counts amd-sev too).  With the variable store on the host
     * (host-uefi-vars) the guest cannot write it behind the firmware's
     * back either. */
    gboolean cc = HAS(AMD_SEV) || HAS(AMD_SEV_ES) || HAS(AMD_SEV_SNP)
                  || HAS(INTEL_TDX);
    if (HAS(SECURE_BOOT) && !HAS(REQUIRES_SMM) && runs_on_x86(fw) && !cc
        && !HAS(HOST_UEFI_VARS)) {
        warn(diags, count, desc, "features",
             "'secure-boot' without 'requires-smm' on x86: the guest kernel "
             "can bypass Secure Boot");
    }
    if (HAS(HOST_UEFI_VARS) && fwdesc_descriptor_get_nvram_template(desc)) {
        warn(diags, count, desc, "mapping.nvram-template",
             "'host-uefi-vars' firmware with an NVRAM template: its "
             "variables live in QEMU's uefi-vars store, so in flash it "
             "belongs in mode 'stateless'");
    }
    if (HAS(ENROLLED_KEYS) && !HAS(SECURE_BOOT)) {
        warn(diags, count, desc, "features",
             "'enrolled-keys' without 'secure-boot'");
    }
#undef HAS

    guint i = 0;
    guint seen = 0;
    for (const FirmwareFeatureList *l = fw->features; l; l = l->next, i++) {
        if (seen & (1u << l->value)) {
            g_autofree char *path = g_strdup_printf("features[%u]", i);
            warn(diags, count, desc, path, "duplicate feature '%s'",
                 FirmwareFeature_str(l->value));
        }
        seen |= 1u << l->value;
    }
    i = 0;
    seen = 0;
    for (const FirmwareOSInterfaceList *l = fw->interface_types; l;
         l = l->next, i++) {
        if (seen & (1u << l->value)) {
            g_autofree char *path = g_strdup_printf("interface-types[%u]", i);
            warn(diags, count, desc, path, "duplicate interface '%s'",
                 FirmwareOSInterface_str(l->value));
        }
        seen |= 1u << l->value;
    }
}

static void
lint_targets(const FwdescDescriptor *desc, QapiDiagnostics *diags, guint *count)
{
    const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
    if (!fw->targets) {
        warn(diags, count, desc, "targets",
             "no targets: the firmware matches no machine");
    }
    guint i = 0;
    guint seen_arch = 0;
    for (const FirmwareTargetList *t = fw->targets; t; t = t->next, i++) {
        guint bit = 1u << t->value->architecture;
        if (seen_arch & bit) {
            g_autofree char *path = g_strdup_printf("targets[%u].architecture",
                                                    i);
            warn(diags, count, desc, path, "architecture '%s' listed twice",
                 FirmwareArchitecture_str(t->value->architecture));
        }
        seen_arch |= bit;
        if (!t->value->machines) {
            g_autofree char *path = g_strdup_printf("targets[%u].machines", i);
            warn(diags, count, desc, path,
                 "no machines: target '%s' matches no machine",
                 FirmwareArchitecture_str(t->value->architecture));
        }
        guint j = 0;
        for (const strList *m = t->value->machines; m; m = m->next, j++) {
            for (const strList *e = t->value->machines; e != m; e = e->next) {
                if (!strcmp(e->value, m->value)) {
                    g_autofree char *path = g_strdup_printf(
                        "targets[%u].machines[%u]", i, j);
                    warn(diags, count, desc, path, "duplicate machine '%s'",
                         m->value);
                    break;
                }
            }
        }
    }
}

static void
lint_file(const FwdescDescriptor *desc, const char *path, const char *name,
          FwdescLintFlags flags, QapiDiagnostics *diags, guint *count)
{
    if (!g_path_is_absolute(name)) {
        warn(diags, count, desc, path,
             "relative file name '%s': it depends on QEMU's working "
             "directory",
             name);
        return;
    }
    struct stat st;
    if (flags & FWDESC_LINT_NO_FILES) {
        return;
    }
    if (stat(name, &st) < 0) {
        warn(diags, count, desc, path, "file '%s' does not exist", name);
    } else if (!S_ISREG(st.st_mode)) {
        warn(diags, count, desc, path, "'%s' is not a regular file", name);
    }
}

static void
lint_files(const FwdescDescriptor *desc, FwdescLintFlags flags,
           QapiDiagnostics *diags, guint *count)
{
    const FirmwareMapping *m = fwdesc_descriptor_get_firmware(desc)->mapping;
    switch (m->device) {
    case FIRMWARE_DEVICE_FLASH:
        lint_file(desc, "mapping.executable.filename",
                  m->u.flash.executable->filename, flags, diags, count);
        if (m->u.flash.nvram_template) {
            lint_file(desc, "mapping.nvram-template.filename",
                      m->u.flash.nvram_template->filename, flags, diags, count);
            if (!strcmp(m->u.flash.executable->filename,
                        m->u.flash.nvram_template->filename)) {
                warn(diags, count, desc, "mapping.nvram-template.filename",
                     "the NVRAM template is the executable itself");
            }
        }
        break;
    default:
        lint_file(desc, "mapping.filename",
                  fwdesc_descriptor_get_executable(desc), flags, diags, count);
        break;
    }
}

guint
fwdesc_lint_descriptor(const FwdescDescriptor *desc, FwdescLintFlags flags,
                       QapiDiagnostics *diags)
{
    g_return_val_if_fail(desc != NULL && diags != NULL, 0);
    guint count = 0;
    lint_features(desc, diags, &count);
    lint_targets(desc, diags, &count);
    lint_files(desc, flags, diags, &count);
    return count;
}

/* Identity of a file: device and inode when it exists, else its name. */
static char *
file_identity(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        return g_strdup_printf("inode:%ju:%ju", (uintmax_t)st.st_dev,
                               (uintmax_t)st.st_ino);
    }
    return g_strdup_printf("path:%s", path);
}

guint
fwdesc_lint_catalog(const FwdescCatalog *catalog, QapiDiagnostics *diags)
{
    g_return_val_if_fail(catalog != NULL && diags != NULL, 0);
    guint count = 0;
    /* identity of the descriptor file -> first name seen */
    g_autoptr(GHashTable) files = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                        g_free, NULL);
    /* executable + template + mode -> first name seen */
    g_autoptr(GHashTable) images = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, NULL);
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        if (fwdesc_entry_get_status(e) != FWDESC_STATUS_OK) {
            continue;
        }
        const char *path = fwdesc_entry_get_path(e);
        const FwdescDescriptor *desc = fwdesc_entry_get_descriptor(e);
        char *id = file_identity(path);
        const char *other = g_hash_table_lookup(files, id);
        if (other) {
            warn(diags, &count, desc, "",
                 "the same descriptor file as %s: one firmware reachable "
                 "under two names",
                 other);
            g_free(id);
            continue;
        }
        g_hash_table_insert(files, id, (gpointer)path);

        const char *tmpl = fwdesc_descriptor_get_nvram_template(desc);
        char *key = g_strdup_printf(
            "%d|%d|%s|%s", fwdesc_descriptor_get_device(desc),
            fwdesc_descriptor_get_flash_mode(desc),
            fwdesc_descriptor_get_executable(desc), tmpl ? tmpl : "");
        other = g_hash_table_lookup(images, key);
        if (other) {
            warn(diags, &count, desc, "mapping",
                 "maps the same images as %s: one firmware described "
                 "twice",
                 other);
            g_free(key);
        } else {
            g_hash_table_insert(images, key, (gpointer)path);
        }
    }
    return count;
}

/* What loading @entry found (for a usable entry, the warnings tolerant
 * loading let pass: unknown features and members), as problems of its
 * file. */
static guint
copy_load_problems(const FwdescEntry *entry, QapiDiagnostics *diags)
{
    const char *path = fwdesc_entry_get_path(entry);
    const QapiDiagnostics *found = fwdesc_entry_get_diagnostics(entry);
    guint n = qapi_diagnostics_get_length(found);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(found, i);
        qapi_diagnostics_add(diags, d->severity, d->code,
                             d->filename ? d->filename : path, d->path, d->line,
                             d->column, "%s", d->message);
    }
    return n;
}

/* Why the invalid or unsupported @entry cannot be linted: the problems
 * loading it found, and its status and reason where those problems do
 * not tell it. */
static guint
explain_unlinted(const FwdescEntry *entry, QapiDiagnostics *diags)
{
    FwdescStatus status = fwdesc_entry_get_status(entry);
    const char *path = fwdesc_entry_get_path(entry);
    guint n = copy_load_problems(entry, diags);
    if (status == FWDESC_STATUS_UNSUPPORTED || !n) {
        qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_SEMANTIC,
                             path, "", 0, 0, "%s: %s",
                             fwdesc_status_to_string(status),
                             fwdesc_entry_get_reason(entry));
        n++;
    }
    return n;
}

guint
fwdesc_lint_entries(const FwdescCatalog *catalog, FwdescLintFlags flags,
                    QapiDiagnostics *diags)
{
    g_return_val_if_fail(catalog != NULL && diags != NULL, 0);
    guint count = 0;
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        switch (fwdesc_entry_get_status(e)) {
        case FWDESC_STATUS_OK:
            count += copy_load_problems(e, diags);
            count += fwdesc_lint_descriptor(fwdesc_entry_get_descriptor(e),
                                            flags, diags);
            break;
        case FWDESC_STATUS_INVALID:
        case FWDESC_STATUS_UNSUPPORTED:
            count += explain_unlinted(e, diags);
            break;
        case FWDESC_STATUS_MASKED:
        case FWDESC_STATUS_SHADOWED:
            /* Not descriptors in use: nothing to say about them. */
            break;
        }
    }
    return count + fwdesc_lint_catalog(catalog, diags);
}
