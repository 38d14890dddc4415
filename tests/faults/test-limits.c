/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The limits the README documents, at their exact boundaries: the last
 * value inside a limit is accepted, the first one past it is a clear
 * error with its code (QAPI_ERROR_TOO_DEEP / TOO_LARGE,
 * FWDESC_ERROR_TOO_LARGE), and far past it nothing crashes (json-glib 1.6
 * alone overflows the stack at ~75,000 levels of nesting).
 */
#include <string.h>
#include <glib/gstdio.h>

#include "fwdesc/fwdesc.h"

#define MIB (1024u * 1024)

static GString *
nested(guint depth)
{
    GString *s = g_string_sized_new(2 * depth + 2);

    for (guint i = 0; i < depth; i++) {
        g_string_append_c(s, '[');
    }
    for (guint i = 0; i < depth; i++) {
        g_string_append_c(s, ']');
    }
    return s;
}

/* qapi_json_parse() of @s: NULL error when accepted. */
static GError *
parse(const GString *s)
{
    GError *error = NULL;
    JsonNode *node = qapi_json_parse(s->str, s->len, "limits.json", &error);

    g_assert_true(!node == !!error);
    if (node) {
        json_node_unref(node);
    }
    return error;
}

static void
test_depth(void)
{
    g_autoptr(GString) ok = nested(QAPI_JSON_MAX_DEPTH);
    g_autoptr(GString) over = nested(QAPI_JSON_MAX_DEPTH + 1);
    g_autoptr(GString) huge = nested(200000);
    g_autoptr(GError) e1 = parse(ok);
    g_autoptr(GError) e2 = parse(over);
    g_autoptr(GError) e3 = parse(huge);

    g_assert_cmpint(QAPI_JSON_MAX_DEPTH, ==, 64);
    g_assert_no_error(e1);
    g_assert_error(e2, QAPI_ERROR, QAPI_ERROR_TOO_DEEP);
    g_assert_error(e3, QAPI_ERROR, QAPI_ERROR_TOO_DEEP);
}

/* The same inside a descriptor, strict and tolerant (an unknown member
 * whose value nests too deep must not be skipped silently). */
static void
test_depth_in_descriptor(void)
{
    g_autoptr(GString) deep = nested(100000);
    g_autofree char *doc = g_strdup_printf(
        "{\"description\": \"x\", \"x\": %s}", deep->str);

    for (int tolerant = 0; tolerant <= 1; tolerant++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
            doc, -1, "deep.json",
            tolerant ? FWDESC_LOAD_TOLERANT : FWDESC_LOAD_STRICT, diags,
            &error);

        g_assert_null(desc);
        g_assert_nonnull(error);
        g_assert_nonnull(strstr(error->message, "nesting deeper than 64"));
    }
}

static void
test_string_length(void)
{
    for (gsize len = QAPI_JSON_MAX_STRING_LENGTH;
         len <= QAPI_JSON_MAX_STRING_LENGTH + 1; len++) {
        g_autoptr(GString) s = g_string_sized_new(len + 2);
        g_autoptr(GError) error = NULL;

        g_string_append_c(s, '"');
        for (gsize i = 0; i < len; i++) {
            g_string_append_c(s, 'a');
        }
        g_string_append_c(s, '"');
        error = parse(s);
        if (len == QAPI_JSON_MAX_STRING_LENGTH) {
            g_assert_no_error(error);
        } else {
            g_assert_error(error, QAPI_ERROR, QAPI_ERROR_TOO_LARGE);
        }
    }
    g_assert_cmpuint(QAPI_JSON_MAX_STRING_LENGTH, ==, MIB);
}

static void
test_array_length(void)
{
    for (gsize n = QAPI_JSON_MAX_ARRAY_LENGTH;
         n <= QAPI_JSON_MAX_ARRAY_LENGTH + 1; n++) {
        g_autoptr(GString) s = g_string_sized_new(2 * n + 2);
        g_autoptr(GError) error = NULL;

        g_string_append_c(s, '[');
        for (gsize i = 0; i < n; i++) {
            g_string_append(s, i ? ",0" : "0");
        }
        g_string_append_c(s, ']');
        error = parse(s);
        if (n == QAPI_JSON_MAX_ARRAY_LENGTH) {
            g_assert_no_error(error);
        } else {
            g_assert_error(error, QAPI_ERROR, QAPI_ERROR_TOO_LARGE);
        }
    }
    g_assert_cmpuint(QAPI_JSON_MAX_ARRAY_LENGTH, ==, MIB);
}

static void
test_input_size(void)
{
    gsize len = QAPI_JSON_MAX_INPUT_SIZE + 1;
    g_autofree char *data = g_malloc(len);
    g_autoptr(GError) error = NULL;
    JsonNode *node;

    /* A valid document ("0" and white space), just too big. */
    memset(data, ' ', len);
    data[0] = '0';
    node = qapi_json_parse(data, len, "big.json", &error);
    g_assert_null(node);
    g_assert_error(error, QAPI_ERROR, QAPI_ERROR_TOO_LARGE);
    g_assert_cmpuint(QAPI_JSON_MAX_INPUT_SIZE, ==, 64 * MIB);
}

/* A valid descriptor padded with white space to @size bytes. */
static char *
write_padded_descriptor(const char *dir, gsize size)
{
    static const char doc[] =
        "{\"description\": \"padded\", \"interface-types\": [\"bios\"],"
        " \"mapping\": {\"device\": \"memory\", \"filename\": \"/x.bin\"},"
        " \"targets\": [{\"architecture\": \"x86_64\", \"machines\": [\"pc-*\"]}],"
        " \"features\": [], \"tags\": []}";
    g_autofree char *data = g_malloc(size);
    char *path = g_build_filename(dir, "padded.json", NULL);

    g_assert_cmpuint(size, >, sizeof(doc));
    memcpy(data, doc, sizeof(doc) - 1);
    memset(data + sizeof(doc) - 1, ' ', size - (sizeof(doc) - 1));
    g_assert_true(g_file_set_contents(path, data, size, NULL));
    return path;
}

static void
test_descriptor_file_size(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-limits-XXXXXX", NULL);

    g_assert_cmpuint(FWDESC_MAX_DESCRIPTOR_SIZE, ==, MIB);
    for (gsize size = MIB; size <= MIB + 1; size++) {
        g_autofree char *path = write_padded_descriptor(dir, size);
        g_autoptr(GError) error = NULL;
        g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_file(
            path, FWDESC_LOAD_STRICT, NULL, &error);

        if (size == MIB) {
            g_assert_no_error(error);
            g_assert_nonnull(desc);
        } else {
            g_assert_error(error, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE);
            g_assert_null(desc);
        }
        g_unlink(path);
    }
    g_rmdir(dir);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/limits/depth", test_depth);
    g_test_add_func("/limits/depth-in-descriptor", test_depth_in_descriptor);
    g_test_add_func("/limits/string-length", test_string_length);
    g_test_add_func("/limits/array-length", test_array_length);
    g_test_add_func("/limits/input-size", test_input_size);
    g_test_add_func("/limits/descriptor-file-size", test_descriptor_file_size);
    return g_test_run();
}
