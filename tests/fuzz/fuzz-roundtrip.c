/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness: the writers.
 *
 * - Descriptors: parse -> canonical text -> parse gives the same
 *   descriptor (the canonical text of both is byte-identical), through
 *   the text reader, the JsonNode entry point and a deep clone alike; a
 *   tolerant load written out is a strictly valid descriptor.
 * - Any JSON the strict reader accepts: written canonically and compactly
 *   it parses back to an equal value, and writing it again is
 *   byte-identical (json-glib 1.6's own generator fails this for some
 *   doubles and control characters).
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

static char *
reload_and_write(const char *text, FwdescLoadFlags flags)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(FwdescDescriptor) again = fwdesc_descriptor_load_data(
        text, -1, "canonical.json", flags, NULL, &error);

    FUZZ_CHECK(again != NULL, "canonical output does not load back: %s\n%s",
               error ? error->message : "?", text);
    return fwdesc_descriptor_to_json(again);
}

static void
check_descriptor(const char *text, size_t size)
{
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
        text, size, "fuzz.json", FWDESC_LOAD_STRICT, NULL, NULL);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *from_fw = NULL;
    Firmware *copy;
    JsonNode *node;

    if (!desc) {
        return;
    }
    first = fwdesc_descriptor_to_json(desc);
    second = reload_and_write(first, FWDESC_LOAD_STRICT);
    FUZZ_CHECK(strcmp(first, second) == 0,
               "formatting twice differs:\n%s---\n%s", first, second);

    from_fw = fwdesc_firmware_to_json(fwdesc_descriptor_get_firmware(desc));
    FUZZ_CHECK(strcmp(first, from_fw) == 0,
               "descriptor and Firmware texts differ");

    copy = QAPI_CLONE(Firmware, fwdesc_descriptor_get_firmware(desc));
    FUZZ_CHECK(copy != NULL, "clone failed");
    {
        g_autofree char *cloned = fwdesc_firmware_to_json(copy);

        FUZZ_CHECK(strcmp(first, cloned) == 0, "clone serializes differently");
    }
    qapi_free_Firmware(copy);

    /* The same document through json-glib's data model. */
    node = qapi_json_parse(text, size, "fuzz.json", NULL);
    FUZZ_CHECK(node != NULL, "descriptor loads but qapi_json_parse refuses it");
    {
        Visitor *v = qapi_json_input_visitor_new_from_node(
            node, QAPI_INPUT_STRICT, NULL);
        Firmware *fw = NULL;
        g_autoptr(GError) error = NULL;
        bool ok = visit_type_Firmware(v, NULL, &fw, &error)
                  && qapi_json_input_visitor_finish(v, &error);
        g_autofree char *via_node = NULL;

        FUZZ_CHECK(ok, "JsonNode visit refuses a loaded descriptor: %s",
                   error ? error->message : "?");
        via_node = fwdesc_firmware_to_json(fw);
        FUZZ_CHECK(strcmp(first, via_node) == 0,
                   "JsonNode path differs:\n%s---\n%s", first, via_node);
        qapi_free_Firmware(fw);
        visit_free(v);
    }
    json_node_unref(node);
}

static void
check_tolerant(const char *text, size_t size)
{
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
        text, size, "fuzz.json", FWDESC_LOAD_TOLERANT, NULL, NULL);
    g_autofree char *first = NULL;
    g_autofree char *again = NULL;

    if (!desc) {
        return;
    }
    /* What survives a tolerant load is made only of known things. */
    first = fwdesc_descriptor_to_json(desc);
    again = reload_and_write(first, FWDESC_LOAD_STRICT);
    FUZZ_CHECK(strcmp(first, again) == 0, "tolerant output is not canonical");
}

static void
check_json(const char *text, size_t size)
{
    static const QapiJsonStyle styles[] = { QAPI_JSON_CANONICAL,
                                            QAPI_JSON_COMPACT };
    JsonNode *node = qapi_json_parse(text, size, "fuzz.json", NULL);

    if (!node) {
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) {
        g_autofree char *out = qapi_json_to_string(node, styles[i]);
        g_autoptr(GError) error = NULL;
        JsonNode *back;
        g_autofree char *out2 = NULL;

        FUZZ_CHECK(out != NULL, "writer failed on a parsed tree");
        back = qapi_json_parse(out, -1, "written.json", &error);
        FUZZ_CHECK(back != NULL, "written JSON does not parse: %s\n%s",
                   error ? error->message : "?", out);
        FUZZ_CHECK(fuzz_json_equal(node, back), "value changed:\n%s", out);
        out2 = qapi_json_to_string(back, styles[i]);
        FUZZ_CHECK(strcmp(out, out2) == 0, "writing twice differs:\n%s---\n%s",
                   out, out2);
        json_node_unref(back);
    }
    json_node_unref(node);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;

    check_descriptor(text, size);
    check_tolerant(text, size);
    check_json(text, size);
    return 0;
}
