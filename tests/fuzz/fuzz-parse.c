/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness: the descriptor parser on arbitrary bytes, strict and
 * tolerant, through the firmware library and the runtime underneath.
 *
 * Besides "no crash, no leak, no undefined behaviour, no unbounded
 * allocation" (the sanitizers' job), it checks what the API promises:
 * - a load fails exactly when it reports an error, and a failed load
 *   hands back no descriptor;
 * - stopping at the first error and collecting every error agree on the
 *   verdict;
 * - tolerant mode accepts everything strict mode accepts;
 * - the runtime's strict reader and the input visitor agree on syntax;
 * - what a successful load yields can be serialized, linted and turned
 *   into a QEMU command line without trouble.
 */
#include "fuzz-common.h"
#include "fwdesc/fwdesc.h"
#include "firmware/qapi-visit.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    return 0;
}

/* Load with @flags, collecting diagnostics; check the verdict's shape. */
static FwdescDescriptor *
load_checked(const char *text, size_t size, FwdescLoadFlags flags)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) first_error = NULL;
    FwdescDescriptor *desc;
    g_autoptr(FwdescDescriptor) fast = NULL;

    desc = fwdesc_descriptor_load_data(text, size, "fuzz.json", flags, diags,
                                       &error);
    fuzz_check_diagnostics(diags);
    if (desc) {
        FUZZ_CHECK(!error, "success with an error: %s", error->message);
        FUZZ_CHECK(fuzz_count_errors(diags) == 0,
                   "success with %u error diagnostics",
                   fuzz_count_errors(diags));
    } else {
        FUZZ_CHECK(error != NULL, "failure without an error");
        FUZZ_CHECK(error->domain == FWDESC_ERROR, "error not in FWDESC_ERROR");
        /* Unsupported is a verdict on what the runtime let through with
         * a warning (an unknown value in a list of enums): the warning is
         * there, no error need be.  Any other failure has its error. */
        if (g_error_matches(error, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED)) {
            FUZZ_CHECK(qapi_diagnostics_get_length(diags) > 0,
                       "unsupported (%s) without a diagnostic", error->message);
        } else {
            FUZZ_CHECK(fuzz_count_errors(diags) > 0,
                       "failure (%s) without an error diagnostic",
                       error->message);
        }
    }

    /* Stopping at the first problem must reach the same verdict. */
    fast = fwdesc_descriptor_load_data(text, size, "fuzz.json", flags, NULL,
                                       &first_error);
    FUZZ_CHECK(!fast == !desc, "collecting says %s, first-error says %s",
               desc ? "ok" : "invalid", fast ? "ok" : "invalid");
    FUZZ_CHECK(!fast == !!first_error, "verdict and error disagree");
    return desc;
}

/* Everything one may do with a loaded descriptor must just work. */
static void
exercise(FwdescDescriptor *desc)
{
    const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
    g_autofree char *json = fwdesc_descriptor_to_json(desc);
    g_autoptr(QapiDiagnostics) lint = qapi_diagnostics_new();
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) args = NULL;
    g_auto(GStrv) args_vars = NULL;

    FUZZ_CHECK(fw != NULL, "loaded descriptor without a Firmware");
    FUZZ_CHECK(json && json[0] == '{', "canonical text: %s",
               json ? json : "NULL");
    fwdesc_lint_descriptor(desc, FWDESC_LINT_NO_FILES, lint);
    fuzz_check_diagnostics(lint);
    FUZZ_CHECK(fuzz_count_errors(lint) == 0, "lint reported errors");

    (void)fwdesc_descriptor_get_device(desc);
    (void)fwdesc_descriptor_get_executable(desc);
    (void)fwdesc_descriptor_get_nvram_template(desc);
    FUZZ_CHECK(fwdesc_descriptor_get_unknown_features(desc) != NULL,
               "unknown features list is NULL");
    /* The command line wants vars for split/combined, refuses it else:
     * exactly one of the two calls can succeed for flash firmware. */
    args = fwdesc_qemu_args(desc, NULL, &error);
    g_clear_error(&error);
    args_vars = fwdesc_qemu_args(desc, "/nonexistent/vars.fd", &error);
    FUZZ_CHECK(args || args_vars, "no QEMU command line either way");
    if (args) {
        g_autofree char *line = fwdesc_shell_join((const char *const *)args);
        FUZZ_CHECK(line != NULL, "shell_join returned NULL");
    }
}

static void
check_runtime(const char *text, size_t size, bool strict_ok)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) verror = NULL;
    JsonNode *node = qapi_json_parse(text, size, "fuzz.json", &error);
    Visitor *v;

    FUZZ_CHECK(!node == !!error, "qapi_json_parse verdict and error disagree");
    v = qapi_json_input_visitor_new(text, size, "fuzz.json", QAPI_INPUT_STRICT,
                                    NULL, &verror);
    FUZZ_CHECK(!node == !v, "reader says %s, visitor says %s",
               node ? "ok" : "bad", v ? "ok" : "bad");
    if (v) {
        Firmware *fw = NULL;
        g_autoptr(GError) e = NULL;
        bool ok = visit_type_Firmware(v, NULL, &fw, &e)
                  && qapi_json_input_visitor_finish(v, &e);

        /* The library adds prose rules on top: it may only refuse more. */
        FUZZ_CHECK(ok || !strict_ok,
                   "library accepts what the visitor refuses: %s",
                   e ? e->message : "?");
        FUZZ_CHECK(ok == !e, "visit verdict and error disagree");
        qapi_free_Firmware(fw);
        visit_free(v);
    }
    if (node) {
        /* The same tree through the JsonNode entry point. */
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        Visitor *nv = qapi_json_input_visitor_new_from_node(
            node, QAPI_INPUT_TOLERANT, diags);
        Firmware *fw = NULL;
        g_autoptr(GError) e = NULL;

        if (nv) {
            if (visit_type_Firmware(nv, NULL, &fw, &e)) {
                (void)qapi_json_input_visitor_finish(nv, &e);
            }
            qapi_free_Firmware(fw);
            visit_free(nv);
        }
        fuzz_check_diagnostics(diags);
        json_node_unref(node);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    g_autoptr(FwdescDescriptor) strict = load_checked(text, size,
                                                      FWDESC_LOAD_STRICT);
    g_autoptr(FwdescDescriptor) tolerant = load_checked(text, size,
                                                        FWDESC_LOAD_TOLERANT);

    FUZZ_CHECK(!strict || tolerant, "strict accepts, tolerant refuses");
    if (strict) {
        exercise(strict);
    }
    if (tolerant) {
        exercise(tolerant);
    }
    check_runtime(text, size, strict != NULL);
    return 0;
}
