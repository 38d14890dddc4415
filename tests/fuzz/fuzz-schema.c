/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness: the introspection-driven validator
 * (qapi/schema-validate.h) against the generated firmware visitors.
 *
 * The schema is the firmware schema's introspection data as our generator
 * writes it (generated/firmware/qapi-introspect-full.c).  For any
 * input, checking it as a Firmware with the validator must give exactly
 * what visit_type_Firmware() gives through the JSON input visitor: the
 * same verdict, the same diagnostics (severity, code, path, line, column,
 * message) in the same order, and the same GError, strict and tolerant,
 * collecting every problem and stopping at the first.
 *
 * The same input is also read as a QMP transcript (checked against the
 * firmware schema, which has no commands: every request is an unknown
 * command, every reply and event is still checked for its shape) and as
 * introspection data: collecting and stopping agree on the verdict and on
 * the first error, a failure always says why, success hands back a schema.
 *
 * Replayed by 'make check' over the seeds and every descriptor of the
 * shared corpus, each also with a few letters' case flipped (a renamed
 * member, an unknown enum value, a broken literal), which is the
 * differential test on real files.
 */
#include <ctype.h>

#include "fuzz-common.h"
#include "qapi/schema-validate.h"
#include "firmware/qapi-visit.h"
#include "firmware/qapi-introspect-full.h"
#include "firmware/qapi-unions-firmware.h"
#include "../validate/tag-policies.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static QapiSchema *schema;

static TagPolicies tags;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    GError *error = NULL;

    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    tag_policies_init(&tags, firmware_qapi_unions);
    schema = qapi_schema_new_from_data(firmware_qmp_schema_json,
                                       firmware_qmp_schema_json_len, NULL, NULL,
                                       &error);
    FUZZ_CHECK(schema, "the firmware introspection data does not load: %s",
               error->message);
    FUZZ_CHECK(qapi_schema_has(schema, QAPI_SCHEMA_TYPE, "Firmware"),
               "no type Firmware in the firmware introspection data (%s)",
               "our generator must write the whole-schema form for it");
    return 0;
}

static char *
diags_text(const QapiDiagnostics *diags)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; diags && i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_autofree char *text = qapi_diagnostic_format(d);

        g_string_append_printf(s, "%s [%d/%d]\n", text, d->code, d->severity);
    }
    return g_string_free(s, FALSE);
}

static bool
run_firmware(Visitor *v, GError **errp)
{
    Firmware *fw = NULL;
    bool ok = visit_type_Firmware(v, NULL, &fw, errp);

    qapi_free_Firmware(fw);
    return ok;
}

/* visit_type_Firmware() over @text, as the firmware library reads it. */
static bool
generated_verdict(const char *text, size_t size, QapiInputFlags flags,
                  QapiDiagnostics *diags, GError **error)
{
    return tag_policies_run(&tags, run_firmware, text, size, "fuzz.json", flags,
                            diags, error);
}

static void
compare(const char *text, size_t size, QapiInputFlags flags, bool collect)
{
    g_autoptr(QapiDiagnostics) da = collect ? qapi_diagnostics_new() : NULL;
    g_autoptr(QapiDiagnostics) db = collect ? qapi_diagnostics_new() : NULL;
    g_autoptr(GError) ea = NULL;
    g_autoptr(GError) eb = NULL;
    bool oka = generated_verdict(text, size, flags, da, &ea);
    bool okb = qapi_schema_validate_data(schema, QAPI_SCHEMA_TYPE, "Firmware",
                                         text, size, "fuzz.json", flags, db,
                                         &eb);
    g_autofree char *ta = diags_text(da);
    g_autofree char *tb = diags_text(db);

    FUZZ_CHECK(strcmp(ta, tb) == 0,
               "diagnostics differ (flags %d):\n"
               "generated:\n%svalidator:\n%s",
               flags, ta, tb);
    FUZZ_CHECK(oka == okb, "verdicts differ: generated %d, validator %d", oka,
               okb);
    FUZZ_CHECK(!ea == !eb, "one failed without an error: %s",
               ea ? ea->message : eb->message);
    if (ea) {
        FUZZ_CHECK(ea->code == eb->code
                       && strcmp(ea->message, eb->message) == 0,
                   "errors differ: %s / %s", ea->message, eb->message);
    }
    if (collect) {
        fuzz_check_diagnostics(db);
    }
}

static void
compare_all(const char *text, size_t size)
{
    compare(text, size, QAPI_INPUT_STRICT, true);
    compare(text, size, QAPI_INPUT_STRICT, false);
    compare(text, size, QAPI_INPUT_TOLERANT, true);
    compare(text, size, QAPI_INPUT_TOLERANT, false);
}

/* The first error of a collecting run reads as a stopping run's error,
 * before the count of the others. */
static void
check_first_error(const GError *collected, const GError *first)
{
    FUZZ_CHECK(!collected == !first,
               "collecting and stopping disagree: "
               "%s / %s",
               collected ? collected->message : "ok",
               first ? first->message : "ok");
    if (collected) {
        FUZZ_CHECK(g_str_has_prefix(collected->message, first->message),
                   "first errors differ: %s / %s", collected->message,
                   first->message);
    }
}

static void
check_other_readings(const char *text, size_t size)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(QapiDiagnostics) sdiags = qapi_diagnostics_new();
    g_autoptr(GError) ea = NULL;
    g_autoptr(GError) eb = NULL;
    g_autoptr(GError) sa = NULL;
    g_autoptr(GError) sb = NULL;
    g_autoptr(QapiSchema) loaded = NULL;
    g_autoptr(QapiSchema) loaded_fast = NULL;
    QapiQmpLogStats stats;
    bool oka, okb;

    oka = qapi_qmp_log_validate_data(schema, text, size, "fuzz.log",
                                     QAPI_INPUT_STRICT, diags, &stats, &ea);
    okb = qapi_qmp_log_validate_data(schema, text, size, "fuzz.log",
                                     QAPI_INPUT_STRICT, NULL, NULL, &eb);
    FUZZ_CHECK(oka == okb, "transcript verdicts differ");
    FUZZ_CHECK(oka == (fuzz_count_errors(diags) == 0),
               "transcript verdict %d with %u errors", oka,
               fuzz_count_errors(diags));
    check_first_error(ea, eb);
    fuzz_check_diagnostics(diags);
    FUZZ_CHECK(stats.messages >= stats.requests + stats.returns + stats.errors
                                     + stats.events + stats.greetings,
               "more messages classified than read");

    loaded = qapi_schema_new_from_data(text, size, "fuzz.json", sdiags, &sa);
    loaded_fast = qapi_schema_new_from_data(text, size, "fuzz.json", NULL, &sb);
    FUZZ_CHECK(!loaded == !loaded_fast, "schema verdicts differ");
    FUZZ_CHECK(!loaded == (fuzz_count_errors(sdiags) > 0),
               "schema loaded %d with %u errors", !!loaded,
               fuzz_count_errors(sdiags));
    FUZZ_CHECK(!loaded == !!sa, "schema failure without an error");
    if (sa) {
        /* The loader stops at the first problem of SchemaInfo shape
         * either way; name resolution reports every problem. */
        FUZZ_CHECK(sb != NULL, "no error when stopping");
    }
    fuzz_check_diagnostics(sdiags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *copy = NULL;

    compare_all((const char *)data, size);
    check_other_readings((const char *)data, size);
    if (size == 0 || size > 65536) {
        return 0;
    }
    /* Variants: one letter's case flipped at seven places. */
    copy = g_memdup2(data, size);
    for (size_t k = 1; k < 8; k++) {
        size_t at = size * k / 8;

        if (!isalpha((unsigned char)copy[at])) {
            continue;
        }
        copy[at] ^= 0x20;
        compare(copy, size, QAPI_INPUT_STRICT, true);
        compare(copy, size, QAPI_INPUT_TOLERANT, true);
        copy[at] ^= 0x20;
    }
    return 0;
}
