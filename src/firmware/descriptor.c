/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One descriptor: strict or tolerant loading, the schema's prose rules,
 * and canonical serialization.
 */
#include <fnmatch.h>
#include <string.h>

#include "firmware/qapi-visit.h"
#include "fwdesc-private.h"

struct FwdescDescriptor {
    gint ref;
    Firmware *fw;
    char *path;
    char **unknown_features;
    /* The parsed text, for positions in later diagnostics (lint); NULL
     * for a descriptor built from a struct. */
    QapiJsonDocument *doc;
};

static FwdescDescriptor *
descriptor_wrap(Firmware *fw, const char *path, char **unknown_features)
{
    FwdescDescriptor *desc = g_new0(FwdescDescriptor, 1);
    desc->ref = 1;
    desc->fw = fw;
    desc->path = g_strdup(path);
    desc->unknown_features = unknown_features ? unknown_features
                                              : g_new0(char *, 1);
    return desc;
}

FwdescDescriptor *
fwdesc_descriptor_ref(FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    g_atomic_int_inc(&desc->ref);
    return desc;
}

void
fwdesc_descriptor_unref(FwdescDescriptor *desc)
{
    if (!desc || !g_atomic_int_dec_and_test(&desc->ref)) {
        return;
    }
    qapi_free_Firmware(desc->fw);
    g_free(desc->path);
    g_strfreev(desc->unknown_features);
    qapi_json_document_unref(desc->doc);
    g_free(desc);
}

/* --- positions --- */

/*
 * Add a diagnostic at member @path of @doc's text (NULL: no position).  A
 * member that is absent is placed at the nearest enclosing value that is
 * there, as the runtime places a missing member at its object.
 */
static void
add_positioned(QapiDiagnostics *diags, QapiSeverity severity,
               QapiErrorCode code, const char *filename,
               const QapiJsonDocument *doc, const char *path,
               const char *message)
{
    int line = 0, column = 0;
    if (doc) {
        g_autofree char *at = g_strdup(path);
        while (!qapi_json_document_locate(doc, at, &line, &column) && *at) {
            char *cut = MAX(strrchr(at, '.'), strrchr(at, '['));
            *(cut ? cut : at) = '\0';
        }
    }
    qapi_diagnostics_add(diags, severity, code, filename, path, line, column,
                         "%s", message);
}

void
fwdesc_descriptor_add_diagnostic(const FwdescDescriptor *desc,
                                 QapiDiagnostics *diags, QapiSeverity severity,
                                 QapiErrorCode code, const char *path,
                                 const char *message)
{
    add_positioned(diags, severity, code, desc->path, desc->doc, path, message);
}

/* --- the rules the schema states only in prose --- */

/*
 * Where the problems go and where they are.  @visitor, when not NULL, built
 * @fw from text, maybe in part (a document with schema errors): a rule
 * gives no verdict on a value the visitor had to make up.
 */
typedef struct CheckContext {
    QapiDiagnostics *diags;
    const char *filename;
    const QapiJsonDocument *doc;
    Visitor *visitor;
} CheckContext;

static void
add_semantic(const CheckContext *ctx, const char *path, const char *message)
{
    add_positioned(ctx->diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_SEMANTIC,
                   ctx->filename, ctx->doc, path, message);
}

/* Whether @field holds what the document says (always, for a struct). */
static gboolean
sound(const CheckContext *ctx, const void *field)
{
    return !ctx->visitor
           || qapi_json_input_visitor_is_sound(ctx->visitor, field);
}

static gboolean
features_contain(const FirmwareFeatureList *list, FirmwareFeature feature)
{
    for (; list; list = list->next) {
        if (list->value == feature) {
            return TRUE;
        }
    }
    return FALSE;
}

static void
check_interfaces(const Firmware *fw, const CheckContext *ctx)
{
    if (!fw->interface_types && sound(ctx, &fw->interface_types)) {
        add_semantic(ctx, "interface-types", "must not be empty");
    }
}

/* nvram-template: required in split mode (also when mode is absent),
 * forbidden otherwise. */
static void
check_nvram_template(const Firmware *fw, const CheckContext *ctx)
{
    const FirmwareMapping *m = fw->mapping;
    if (!m || !sound(ctx, &fw->mapping) || !sound(ctx, m)
        || m->device != FIRMWARE_DEVICE_FLASH) {
        return;
    }
    const FirmwareMappingFlash *flash = &m->u.flash;
    FirmwareFlashMode mode = flash->has_mode ? flash->mode
                                             : FIRMWARE_FLASH_MODE_SPLIT;
    if (mode == FIRMWARE_FLASH_MODE__MAX) {
        return; /* not a valid mode: no verdict */
    }
    if (mode == FIRMWARE_FLASH_MODE_SPLIT && !flash->nvram_template) {
        add_semantic(ctx, "mapping.nvram-template",
                     flash->has_mode
                         ? "required in mode 'split'"
                         : "required when 'mode' is absent (which means "
                           "'split')");
    } else if (mode != FIRMWARE_FLASH_MODE_SPLIT && flash->nvram_template) {
        g_autofree char *msg = g_strdup_printf(
            "must not be present in mode '%s'", FirmwareFlashMode_str(mode));
        add_semantic(ctx, "mapping.nvram-template", msg);
    }
}

static void
check_features(const Firmware *fw, const CheckContext *ctx)
{
    if (features_contain(fw->features, FIRMWARE_FEATURE_VERBOSE_DYNAMIC)
        && features_contain(fw->features, FIRMWARE_FEATURE_VERBOSE_STATIC)) {
        add_semantic(ctx, "features",
                     "'verbose-dynamic' and 'verbose-static' exclude each "
                     "other");
    }
}

static void
check_rules(const Firmware *fw, const CheckContext *ctx)
{
    check_interfaces(fw, ctx);
    check_nvram_template(fw, ctx);
    check_features(fw, ctx);
}

gboolean
fwdesc_firmware_check(const Firmware *fw, const char *filename,
                      QapiDiagnostics *diags, GError **error)
{
    g_return_val_if_fail(fw != NULL, FALSE);
    g_autoptr(QapiDiagnostics) found = qapi_diagnostics_new();
    CheckContext ctx = { found, filename, NULL, NULL };
    check_rules(fw, &ctx);

    const QapiDiagnostic *first = fwdesc_diagnostics_first_error(found);
    if (diags) {
        fwdesc_diagnostics_append(diags, found);
    }
    if (first) {
        g_autofree char *msg = qapi_diagnostic_format(first);
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_INVALID, msg);
        return FALSE;
    }
    return TRUE;
}

/* --- loading --- */

static void
set_invalid(GError **error, const QapiDiagnostics *diags, const char *name)
{
    const QapiDiagnostic *first = fwdesc_diagnostics_first_error(diags);
    if (first) {
        g_autofree char *text = qapi_diagnostic_format(first);
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_INVALID, text);
    } else {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_INVALID,
                    "%s: not a valid firmware descriptor",
                    name ? name : "<input>");
    }
}

/* "NAME: unsupported: PATH: unknown value 'V'; ..." from what the visitor
 * marked unsupported. */
static void
set_unsupported(GError **error, Visitor *v, const char *name)
{
    g_autoptr(GString) reasons = g_string_new(NULL);
    guint n = qapi_json_input_visitor_get_n_unknown_values(v);
    for (guint i = 0; i < n; i++) {
        const QapiUnknownValue *u = qapi_json_input_visitor_get_unknown_value(
            v, i);
        if (u->action != QAPI_INPUT_UNSUPPORTED) {
            continue;
        }
        g_autofree char *value = g_strescape(u->value, NULL);
        g_string_append_printf(reasons, "%s%s: unknown value '%s'",
                               reasons->len ? "; " : "", u->path, value);
    }
    g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED,
                "%s%sunsupported: %s", name ? name : "", name ? ": " : "",
                reasons->str);
}

/* The feature names the visitor dropped. */
static char **
dropped_features(Visitor *v)
{
    GPtrArray *names = g_ptr_array_new();
    guint n = qapi_json_input_visitor_get_n_unknown_values(v);
    for (guint i = 0; i < n; i++) {
        const QapiUnknownValue *u = qapi_json_input_visitor_get_unknown_value(
            v, i);
        if (u->action == QAPI_INPUT_DROP
            && u->lookup == &FirmwareFeature_lookup) {
            g_ptr_array_add(names, g_strdup(u->value));
        }
    }
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(names, FALSE);
}

/*
 * One pass: the text is parsed once into a kept document, visited once
 * under the policy, and the prose rules run on the (maybe partial)
 * Firmware with positions from the document.
 */
FwdescDescriptor *
fwdesc_descriptor_load_data(const char *data, gssize len, const char *name,
                            FwdescLoadFlags flags, QapiDiagnostics *diags,
                            GError **error)
{
    g_return_val_if_fail(data != NULL, NULL);

    g_autoptr(QapiDiagnostics) found = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiJsonDocument) doc = qapi_json_document_parse(data, len, name,
                                                               found, &err);
    if (!doc) {
        if (diags) {
            fwdesc_diagnostics_append(diags, found);
        }
        set_invalid(error, found, name);
        return NULL;
    }
    gboolean tolerant = flags & FWDESC_LOAD_TOLERANT;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new_from_document(
        doc, QAPI_INPUT_STRICT, found);
    qapi_json_input_visitor_set_policy(v, fwdesc_input_policy(tolerant));
    g_autoptr(Firmware) fw = NULL;
    if (!visit_type_Firmware(v, NULL, &fw, &err)) {
        fw = NULL; /* freed by the generated code */
    }
    QapiInputVerdict verdict = qapi_json_input_visitor_get_verdict(v);
    if (fw && verdict != QAPI_INPUT_UNSUPPORTED_DOCUMENT) {
        CheckContext ctx = { found, name, doc, v };
        check_rules(fw, &ctx);
    }
    if (diags) {
        fwdesc_diagnostics_append(diags, found);
    }
    if (fwdesc_diagnostics_first_error(found)
        && verdict != QAPI_INPUT_UNSUPPORTED_DOCUMENT) {
        set_invalid(error, found, name);
        return NULL;
    }
    if (verdict == QAPI_INPUT_UNSUPPORTED_DOCUMENT) {
        set_unsupported(error, v, name);
        return NULL;
    }
    if (!fw) {
        set_invalid(error, found, name);
        return NULL;
    }
    FwdescDescriptor *desc = descriptor_wrap(g_steal_pointer(&fw), name,
                                             dropped_features(v));
    desc->doc = g_steal_pointer(&doc);
    return desc;
}

FwdescDescriptor *
fwdesc_descriptor_load_file(const char *path, FwdescLoadFlags flags,
                            QapiDiagnostics *diags, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);

    g_autofree char *data = NULL;
    gsize len = 0;
    GError *read_error = NULL;
    if (!fwdesc_read_file(path, FWDESC_MAX_DESCRIPTOR_SIZE, &data, &len, NULL,
                          &read_error)) {
        if (diags) {
            /* The message starts with the path; the diagnostic has it
             * as its file name. */
            const char *msg = read_error->message;
            size_t n = strlen(path);
            if (!strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2)) {
                msg += n + 2;
            }
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR,
                                 read_error->code == FWDESC_ERROR_TOO_LARGE
                                     ? QAPI_ERROR_TOO_LARGE
                                     : QAPI_ERROR_IO,
                                 path, "", 0, 0, "%s", msg);
        }
        g_propagate_error(error, read_error);
        return NULL;
    }
    return fwdesc_descriptor_load_data(data, (gssize)len, path, flags, diags,
                                       error);
}

FwdescDescriptor *
fwdesc_descriptor_new(const Firmware *fw, GError **error)
{
    g_return_val_if_fail(fw != NULL, NULL);
    if (!fwdesc_firmware_check(fw, NULL, NULL, error)) {
        return NULL;
    }
    return descriptor_wrap(QAPI_CLONE(Firmware, fw), NULL, NULL);
}

/* --- accessors --- */

const Firmware *
fwdesc_descriptor_get_firmware(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    return desc->fw;
}

const char *
fwdesc_descriptor_get_path(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    return desc->path;
}

FirmwareDevice
fwdesc_descriptor_get_device(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, FIRMWARE_DEVICE_FLASH);
    return desc->fw->mapping->device;
}

FirmwareFlashMode
fwdesc_descriptor_get_flash_mode(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, FIRMWARE_FLASH_MODE_SPLIT);
    const FirmwareMappingFlash *flash = &desc->fw->mapping->u.flash;
    if (desc->fw->mapping->device != FIRMWARE_DEVICE_FLASH
        || !flash->has_mode) {
        return FIRMWARE_FLASH_MODE_SPLIT;
    }
    return flash->mode;
}

gboolean
fwdesc_descriptor_has_feature(const FwdescDescriptor *desc,
                              FirmwareFeature feature)
{
    g_return_val_if_fail(desc != NULL, FALSE);
    return features_contain(desc->fw->features, feature);
}

gboolean
fwdesc_descriptor_has_interface(const FwdescDescriptor *desc,
                                FirmwareOSInterface iface)
{
    g_return_val_if_fail(desc != NULL, FALSE);
    for (const FirmwareOSInterfaceList *l = desc->fw->interface_types; l;
         l = l->next) {
        if (l->value == iface) {
            return TRUE;
        }
    }
    return FALSE;
}

gboolean
fwdesc_descriptor_supports_machine(const FwdescDescriptor *desc,
                                   FirmwareArchitecture arch,
                                   const char *machine)
{
    g_return_val_if_fail(desc != NULL && machine != NULL, FALSE);
    for (const FirmwareTargetList *t = desc->fw->targets; t; t = t->next) {
        if (t->value->architecture != arch) {
            continue;
        }
        for (const strList *m = t->value->machines; m; m = m->next) {
            /* QEMU documents shell globbing; fnmatch(3) without flags. */
            if (fnmatch(m->value, machine, 0) == 0) {
                return TRUE;
            }
        }
    }
    return FALSE;
}

const char *const *
fwdesc_descriptor_get_unknown_features(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    return (const char *const *)desc->unknown_features;
}

const char *
fwdesc_descriptor_get_executable(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    const FirmwareMapping *m = desc->fw->mapping;
    switch (m->device) {
    case FIRMWARE_DEVICE_FLASH:
        return m->u.flash.executable->filename;
    case FIRMWARE_DEVICE_KERNEL:
        return m->u.kernel.filename;
    case FIRMWARE_DEVICE_MEMORY:
        return m->u.memory.filename;
    case FIRMWARE_DEVICE_IGVM:
        return m->u.igvm.filename;
    default:
        return NULL;
    }
}

const char *
fwdesc_descriptor_get_nvram_template(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    const FirmwareMapping *m = desc->fw->mapping;
    if (m->device != FIRMWARE_DEVICE_FLASH || !m->u.flash.nvram_template) {
        return NULL;
    }
    return m->u.flash.nvram_template->filename;
}

/* --- serialization --- */

char *
fwdesc_firmware_to_json(const Firmware *fw)
{
    g_return_val_if_fail(fw != NULL, NULL);
    GString *text = g_string_new(NULL);
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(
        QAPI_JSON_CANONICAL, text);
    /* Output visitors only read *obj; the cast drops const for the API. */
    Firmware *obj = (Firmware *)fw;
    g_autoptr(GError) err = NULL;
    if (!visit_type_Firmware(v, NULL, &obj, &err)) {
        /* Only an inconsistent struct (a bad enum value) gets here. */
        g_critical("cannot serialize descriptor: %s", err->message);
        g_string_free(text, TRUE);
        return NULL;
    }
    g_clear_pointer(&v, visit_free);
    return g_string_free(text, FALSE);
}

char *
fwdesc_descriptor_to_json(const FwdescDescriptor *desc)
{
    g_return_val_if_fail(desc != NULL, NULL);
    return fwdesc_firmware_to_json(desc->fw);
}
