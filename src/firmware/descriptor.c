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
    /* The document's text, for positions in later diagnostics (lint). */
    char *text;
    gsize len;
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
    g_free(desc->text);
    g_free(desc);
}

/* --- the rules the schema states only in prose --- */

/* Where the problems go, and the text to find their positions in. */
typedef struct CheckContext {
    QapiDiagnostics *diags;
    const char *filename;
    const char *text;     /* may be NULL: no positions */
    gsize len;
} CheckContext;

static void
add_positioned(QapiDiagnostics *diags, QapiSeverity severity,
               QapiErrorCode code, const char *filename, const char *text,
               gsize len, const char *path, const char *message)
{
    int line = 0, column = 0;
    if (text && !fwdesc_json_locate(text, len, path, &line, &column)) {
        line = column = 0;
    }
    qapi_diagnostics_add(diags, severity, code, filename, path, line, column,
                         "%s", message);
}

static void
add_semantic(const CheckContext *ctx, const char *path, const char *message)
{
    add_positioned(ctx->diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_SEMANTIC,
                   ctx->filename, ctx->text, ctx->len, path, message);
}

void
fwdesc_descriptor_add_diagnostic(const FwdescDescriptor *desc,
                                 QapiDiagnostics *diags,
                                 QapiSeverity severity, QapiErrorCode code,
                                 const char *path, const char *message)
{
    add_positioned(diags, severity, code, desc->path, desc->text, desc->len,
                   path, message);
}

const char *
fwdesc_descriptor_get_text(const FwdescDescriptor *desc, gsize *len)
{
    if (len) {
        *len = desc->len;
    }
    return desc->text;
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

/*
 * What the prose rules look at.  Filled from a parsed Firmware, or, when
 * strict parsing failed for other reasons, straight from the JSON tree,
 * so that "validate" still reports every rule violation of the file.
 * Anything the tree does not tell for sure is left unknown and its rule
 * is not applied.
 */
typedef struct RuleFacts {
    gboolean interface_types_empty;
    gboolean is_flash;
    gboolean mode_known;        /* FALSE: an invalid mode, no verdict */
    gboolean has_mode;
    FirmwareFlashMode mode;
    gboolean has_nvram_template;
    gboolean verbose_dynamic;
    gboolean verbose_static;
} RuleFacts;

static void
check_rules(const RuleFacts *f, const CheckContext *ctx)
{
    if (f->interface_types_empty) {
        add_semantic(ctx, "interface-types", "must not be empty");
    }
    if (f->is_flash && f->mode_known) {
        FirmwareFlashMode mode = f->has_mode ? f->mode
                                             : FIRMWARE_FLASH_MODE_SPLIT;
        if (mode == FIRMWARE_FLASH_MODE_SPLIT && !f->has_nvram_template) {
            add_semantic(ctx, "mapping",
                         f->has_mode
                         ? "member 'nvram-template' is required in mode "
                           "'split'"
                         : "member 'nvram-template' is required when 'mode' "
                           "is absent (which means 'split')");
        } else if (mode != FIRMWARE_FLASH_MODE_SPLIT
                   && f->has_nvram_template) {
            g_autofree char *msg = g_strdup_printf(
                "must not be present in mode '%s'",
                FirmwareFlashMode_str(mode));
            add_semantic(ctx, "mapping.nvram-template", msg);
        }
    }
    if (f->verbose_dynamic && f->verbose_static) {
        add_semantic(ctx, "features",
                     "'verbose-dynamic' and 'verbose-static' exclude each "
                     "other");
    }
}

static void
facts_from_firmware(const Firmware *fw, RuleFacts *f)
{
    *f = (RuleFacts){ 0 };
    f->interface_types_empty = !fw->interface_types;
    if (fw->mapping && fw->mapping->device == FIRMWARE_DEVICE_FLASH) {
        const FirmwareMappingFlash *flash = &fw->mapping->u.flash;
        f->is_flash = TRUE;
        f->mode_known = TRUE;
        f->has_mode = flash->has_mode;
        f->mode = flash->mode;
        f->has_nvram_template = flash->nvram_template != NULL;
    }
    f->verbose_dynamic = features_contain(fw->features,
                                          FIRMWARE_FEATURE_VERBOSE_DYNAMIC);
    f->verbose_static = features_contain(fw->features,
                                         FIRMWARE_FEATURE_VERBOSE_STATIC);
}

static gboolean
check_firmware(const Firmware *fw, const char *filename, const char *text,
               gsize len, QapiDiagnostics *diags, GError **error)
{
    g_autoptr(QapiDiagnostics) found = qapi_diagnostics_new();
    CheckContext ctx = { found, filename, text, len };
    RuleFacts facts;
    facts_from_firmware(fw, &facts);
    check_rules(&facts, &ctx);

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

gboolean
fwdesc_firmware_check(const Firmware *fw, const char *filename,
                      QapiDiagnostics *diags, GError **error)
{
    g_return_val_if_fail(fw != NULL, FALSE);
    return check_firmware(fw, filename, NULL, 0, diags, error);
}

/* --- tolerant loading: what a newer descriptor may contain --- */

/*
 * Values this library does not know, where they cannot simply be left
 * out: the descriptor would mean something else without them.  Read from
 * the JSON tree, so the verdict does not depend on how the visitor words
 * its messages.
 */
typedef struct Unknowns {
    GPtrArray *fatal;       /* "mapping.device: 'foo'" ... */
    GPtrArray *features;    /* unknown feature names */
    gboolean device_unknown;
} Unknowns;

static const char *
member_string(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;
    if (!node || !JSON_NODE_HOLDS_VALUE(node)
        || json_node_get_value_type(node) != G_TYPE_STRING) {
        return NULL;
    }
    return json_node_get_string(node);
}

static JsonObject *
member_object(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;
    return node && JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node)
                                                : NULL;
}

static JsonArray *
member_array(JsonObject *obj, const char *name)
{
    JsonNode *node = obj ? json_object_get_member(obj, name) : NULL;
    return node && JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node)
                                               : NULL;
}

static gboolean
array_has_string(JsonArray *array, const char *value)
{
    guint n = array ? json_array_get_length(array) : 0;
    for (guint i = 0; i < n; i++) {
        JsonNode *node = json_array_get_element(array, i);
        if (JSON_NODE_HOLDS_VALUE(node)
            && json_node_get_value_type(node) == G_TYPE_STRING
            && !strcmp(json_node_get_string(node), value)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* The rule facts of a document that did not parse into a Firmware. */
static void
facts_from_json(JsonNode *root, RuleFacts *f)
{
    *f = (RuleFacts){ 0 };
    JsonObject *top = JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root)
                                                   : NULL;
    JsonArray *ifaces = member_array(top, "interface-types");
    f->interface_types_empty = ifaces && !json_array_get_length(ifaces);

    JsonObject *mapping = member_object(top, "mapping");
    const char *device = member_string(mapping, "device");
    if (device && !strcmp(device, "flash")) {
        f->is_flash = TRUE;
        JsonNode *mode = json_object_get_member(mapping, "mode");
        f->has_mode = mode != NULL;
        f->mode_known = !mode;
        const char *name = member_string(mapping, "mode");
        int v = name ? qapi_enum_parse(&FirmwareFlashMode_lookup, name, -1)
                     : -1;
        if (v >= 0) {
            f->mode = (FirmwareFlashMode)v;
            f->mode_known = TRUE;
        }
        f->has_nvram_template =
            json_object_get_member(mapping, "nvram-template") != NULL;
    }
    JsonArray *features = member_array(top, "features");
    f->verbose_dynamic = array_has_string(features, "verbose-dynamic");
    f->verbose_static = array_has_string(features, "verbose-static");
}

static void
check_enum(Unknowns *u, const char *path, const char *value,
           const QEnumLookup *lookup)
{
    if (value && qapi_enum_parse(lookup, value, -1) < 0) {
        g_ptr_array_add(u->fatal, g_strdup_printf("%s: unknown value '%s'",
                                                  path, value));
    }
}

static void
check_enum_array(Unknowns *u, const char *name, JsonArray *array,
                 const QEnumLookup *lookup, GPtrArray *names_out)
{
    guint n = array ? json_array_get_length(array) : 0;
    for (guint i = 0; i < n; i++) {
        JsonNode *node = json_array_get_element(array, i);
        if (!JSON_NODE_HOLDS_VALUE(node)
            || json_node_get_value_type(node) != G_TYPE_STRING) {
            continue;
        }
        const char *value = json_node_get_string(node);
        if (qapi_enum_parse(lookup, value, -1) >= 0) {
            continue;
        }
        if (names_out) {
            g_ptr_array_add(names_out, g_strdup(value));
        } else {
            g_ptr_array_add(u->fatal, g_strdup_printf(
                "%s[%u]: unknown value '%s'", name, i, value));
        }
    }
}

static void
find_unknowns(JsonNode *root, Unknowns *u)
{
    JsonObject *top = JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root)
                                                   : NULL;
    JsonObject *mapping = member_object(top, "mapping");

    const char *device = member_string(mapping, "device");
    if (device && qapi_enum_parse(&FirmwareDevice_lookup, device, -1) < 0) {
        u->device_unknown = TRUE;
        check_enum(u, "mapping.device", device, &FirmwareDevice_lookup);
    } else if (device && !strcmp(device, "flash")) {
        check_enum(u, "mapping.mode", member_string(mapping, "mode"),
                   &FirmwareFlashMode_lookup);
        check_enum(u, "mapping.executable.format",
                   member_string(member_object(mapping, "executable"),
                                 "format"),
                   &FirmwareFormat_lookup);
        check_enum(u, "mapping.nvram-template.format",
                   member_string(member_object(mapping, "nvram-template"),
                                 "format"),
                   &FirmwareFormat_lookup);
    }

    JsonArray *targets = member_array(top, "targets");
    guint n = targets ? json_array_get_length(targets) : 0;
    for (guint i = 0; i < n; i++) {
        JsonNode *t = json_array_get_element(targets, i);
        if (JSON_NODE_HOLDS_OBJECT(t)) {
            g_autofree char *path = g_strdup_printf("targets[%u].architecture",
                                                    i);
            check_enum(u, path,
                       member_string(json_node_get_object(t), "architecture"),
                       &FirmwareArchitecture_lookup);
        }
    }
    check_enum_array(u, "interface-types", member_array(top, "interface-types"),
                     &FirmwareOSInterface_lookup, NULL);
    check_enum_array(u, "features", member_array(top, "features"),
                     &FirmwareFeature_lookup, u->features);
}

static gboolean
has_prefix_path(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return !strncmp(path, prefix, n)
           && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/*
 * Whether error @d is a consequence of an unknown value already counted
 * as "unsupported": the invalid value itself, or anything inside a
 * mapping whose device is unknown (its members cannot be checked).
 */
static gboolean
explained_by_unknowns(const QapiDiagnostic *d, const Unknowns *u)
{
    const char *path = d->path ? d->path : "";
    if (u->device_unknown && has_prefix_path(path, "mapping")) {
        return TRUE;
    }
    if (d->code != QAPI_ERROR_INVALID_VALUE) {
        return FALSE;
    }
    static const char *const enum_paths[] = {
        "mapping.mode", "mapping.executable.format",
        "mapping.nvram-template.format", "interface-types", "targets",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(enum_paths); i++) {
        if (has_prefix_path(path, enum_paths[i])) {
            return TRUE;
        }
    }
    return FALSE;
}

static char **
take_strv(GPtrArray *array)
{
    g_ptr_array_add(array, NULL);
    return (char **)g_ptr_array_free(array, FALSE);
}

/* --- loading --- */

static void
record_syntax_error(QapiDiagnostics *diags, const GError *err)
{
    /* The reader may or may not have recorded it: make sure it is there. */
    if (!fwdesc_diagnostics_first_error(diags)) {
        qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_SYNTAX,
                             NULL, "", 0, 0, "%s", err->message);
    }
}

static gboolean
has_syntax_error(const QapiDiagnostics *diags)
{
    guint n = qapi_diagnostics_get_length(diags);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (d->code == QAPI_ERROR_SYNTAX || d->code == QAPI_ERROR_TOO_DEEP
            || d->code == QAPI_ERROR_TOO_LARGE) {
            return TRUE;
        }
    }
    return FALSE;
}

static Firmware *
visit_firmware(const char *data, gssize len, const char *name,
               FwdescLoadFlags flags, QapiDiagnostics *diags)
{
    QapiInputFlags qflags = (flags & FWDESC_LOAD_TOLERANT)
                            ? QAPI_INPUT_TOLERANT : QAPI_INPUT_STRICT;
    g_autoptr(GError) err = NULL;
    g_autoptr(Visitor) v = qapi_json_input_visitor_new(data, len, name,
                                                       qflags, diags, &err);
    if (!v) {
        record_syntax_error(diags, err);
        return NULL;
    }
    Firmware *fw = NULL;
    gboolean ok = visit_type_Firmware(v, NULL, &fw, &err);
    if (ok) {
        ok = qapi_json_input_visitor_finish(v, &err);
    }
    if (!ok) {
        qapi_free_Firmware(fw);
        if (!fwdesc_diagnostics_first_error(diags) && err) {
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR,
                                 g_error_matches(err, QAPI_ERROR, err->code)
                                 ? (QapiErrorCode)err->code : QAPI_ERROR_SYNTAX,
                                 NULL, "", 0, 0, "%s", err->message);
        }
        return NULL;
    }
    return fw;
}

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

FwdescDescriptor *
fwdesc_descriptor_load_data(const char *data, gssize len, const char *name,
                            FwdescLoadFlags flags, QapiDiagnostics *diags,
                            GError **error)
{
    g_return_val_if_fail(data != NULL, NULL);

    g_autoptr(QapiDiagnostics) found = qapi_diagnostics_new();
    g_autoptr(Firmware) fw = visit_firmware(data, len, name, flags, found);

    Unknowns u = {
        .fatal = g_ptr_array_new_with_free_func(g_free),
        .features = g_ptr_array_new_with_free_func(g_free),
    };
    if (flags & FWDESC_LOAD_TOLERANT) {
        g_autoptr(JsonNode) root = qapi_json_parse(data, len, name, NULL);
        if (root) {
            find_unknowns(root, &u);
        }
    }

    /* Errors left once unknown values are accounted for make it invalid. */
    gboolean invalid = FALSE;
    guint n = qapi_diagnostics_get_length(found);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(found, i);
        if (d->severity == QAPI_SEVERITY_ERROR
            && !(u.fatal->len && explained_by_unknowns(d, &u))) {
            invalid = TRUE;
        }
    }
    gsize text_len = len < 0 ? strlen(data) : (gsize)len;
    if (fw && !invalid && !u.fatal->len) {
        invalid = !check_firmware(fw, name, data, text_len, found, NULL);
    } else if (!u.fatal->len && !has_syntax_error(found)) {
        /* Invalid already, but every problem of the file counts: apply
         * the prose rules to what the JSON tree says. */
        g_autoptr(JsonNode) root = qapi_json_parse(data, len, name, NULL);
        if (root) {
            RuleFacts facts;
            facts_from_json(root, &facts);
            CheckContext ctx = { found, name, data, text_len };
            check_rules(&facts, &ctx);
        }
        invalid = TRUE;
    }
    if (diags) {
        fwdesc_diagnostics_append(diags, found);
    }

    FwdescDescriptor *desc = NULL;
    if (invalid || (!fw && !u.fatal->len)) {
        set_invalid(error, found, name);
    } else if (u.fatal->len) {
        g_ptr_array_add(u.fatal, NULL);
        g_autofree char *reasons = g_strjoinv("; ", (char **)u.fatal->pdata);
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED,
                    "%s%sunsupported: %s", name ? name : "", name ? ": " : "",
                    reasons);
    } else {
        desc = descriptor_wrap(g_steal_pointer(&fw), name,
                               take_strv(g_steal_pointer(&u.features)));
        desc->text = g_strndup(data, text_len);
        desc->len = text_len;
    }
    g_ptr_array_unref(u.fatal);
    if (u.features) {
        g_ptr_array_unref(u.features);
    }
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
                                 ? QAPI_ERROR_TOO_LARGE : QAPI_ERROR_IO,
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
    g_autoptr(Visitor) v = qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL,
                                                             text);
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
