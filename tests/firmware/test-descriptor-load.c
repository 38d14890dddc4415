/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Loading a descriptor (descriptor.c): one parse of the text in every
 * mode, prose-rule problems at the member's own path, no prose-rule
 * verdict on a value the document does not validly have, members of
 * another union branch.  Inputs are tests/firmware/data/load-*.json.
 */
#include "test-util.h"

#define LOAD_DIR "tests/firmware/data/load-"

typedef struct Loaded {
    FwdescDescriptor *desc;
    QapiDiagnostics *diags;
    GError *error;
} Loaded;

static void
loaded_clear(Loaded *l)
{
    g_clear_pointer(&l->desc, fwdesc_descriptor_unref);
    g_clear_pointer(&l->diags, qapi_diagnostics_free);
    g_clear_error(&l->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Loaded, loaded_clear)

static void
load(const char *name, FwdescLoadFlags flags, Loaded *l)
{
    g_autofree char *path = g_strconcat(LOAD_DIR, name, NULL);
    l->diags = qapi_diagnostics_new();
    l->desc = fwdesc_descriptor_load_file(path, flags, l->diags, &l->error);
}

/* The diagnostic at @path with @code, or NULL. */
static const QapiDiagnostic *
find(const Loaded *l, QapiErrorCode code, const char *path)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(l->diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(l->diags, i);
        if (d->code == code && !g_strcmp0(d->path, path)) {
            return d;
        }
    }
    return NULL;
}

static const char *const inputs[] = {
    "split-no-template.json",
    "split-mode-no-template.json",
    "stateless-with-template.json",
    "bad-mode-no-template.json",
    "bad-device.json",
    "interfaces-not-a-list.json",
    "no-description-no-template.json",
    "memory-with-executable.json",
};

/* Every load parses its text once, whatever the mode and verdict; lint
 * and positions afterwards parse nothing. */
static void
test_one_pass(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(inputs); i++) {
        for (int tolerant = 0; tolerant < 2; tolerant++) {
            g_auto(Loaded) l = { 0 };
            guint before = qapi_json_reader_passes();
            load(inputs[i],
                 tolerant ? FWDESC_LOAD_TOLERANT : FWDESC_LOAD_STRICT, &l);
            g_assert_cmpuint(qapi_json_reader_passes() - before, ==, 1);
            if (l.desc) {
                g_autoptr(QapiDiagnostics) lint = qapi_diagnostics_new();
                fwdesc_lint_descriptor(l.desc, FWDESC_LINT_NO_FILES, lint);
                g_assert_cmpuint(qapi_json_reader_passes() - before, ==, 1);
            }
        }
    }
    /* Stopping at the first problem, too. */
    g_autofree char *text = NULL;
    g_assert_true(
        g_file_get_contents(LOAD_DIR "bad-device.json", &text, NULL, NULL));
    guint before = qapi_json_reader_passes();
    g_autoptr(GError) error = NULL;
    g_assert_null(fwdesc_descriptor_load_data(
        text, -1, "x.json", FWDESC_LOAD_TOLERANT, NULL, &error));
    g_assert_error(error, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED);
    g_assert_cmpuint(qapi_json_reader_passes() - before, ==, 1);
}

/* A missing or forbidden nvram-template is reported at its own path;
 * missing, it is placed at the mapping object, like a missing member. */
static void
test_nvram_template_path(void)
{
    static const char *const split[] = {
        "split-no-template.json",
        "split-mode-no-template.json",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(split); i++) {
        g_auto(Loaded) l = { 0 };
        load(split[i], FWDESC_LOAD_STRICT, &l);
        g_assert_null(l.desc);
        g_assert_error(l.error, FWDESC_ERROR, FWDESC_ERROR_INVALID);
        const QapiDiagnostic *d = find(&l, QAPI_ERROR_SEMANTIC,
                                       "mapping.nvram-template");
        g_assert_nonnull(d);
        g_assert_true(g_str_has_prefix(d->message, "required "));
        g_assert_cmpint(d->line, ==, 4);
        g_assert_cmpint(d->column, ==, 16);
        g_assert_cmpuint(qapi_diagnostics_get_length(l.diags), ==, 1);
    }
    g_auto(Loaded) l = { 0 };
    load("stateless-with-template.json", FWDESC_LOAD_STRICT, &l);
    const QapiDiagnostic *d = find(&l, QAPI_ERROR_SEMANTIC,
                                   "mapping.nvram-template");
    g_assert_nonnull(d);
    g_assert_cmpstr(d->message, ==, "must not be present in mode 'stateless'");
    g_assert_cmpint(d->line, ==, 8);
    g_assert_cmpint(d->column, ==, 27);
}

/* Schema errors do not stop the prose rules, but a rule gives no verdict
 * on a value the document does not validly have. */
static void
test_no_false_verdict(void)
{
    struct {
        const char *name;
        QapiErrorCode code;
        const char *path;
    } cases[] = {
        /* The mode is not valid: whether a template is needed is not
         * known. */
        { "bad-mode-no-template.json", QAPI_ERROR_UNKNOWN_VALUE,
          "mapping.mode" },
        /* Not a flash device at all. */
        { "bad-device.json", QAPI_ERROR_UNKNOWN_VALUE, "mapping.device" },
        /* Not a list: not an empty list either. */
        { "interfaces-not-a-list.json", QAPI_ERROR_TYPE_MISMATCH,
          "interface-types" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(Loaded) l = { 0 };
        load(cases[i].name, FWDESC_LOAD_STRICT, &l);
        g_assert_error(l.error, FWDESC_ERROR, FWDESC_ERROR_INVALID);
        g_assert_nonnull(find(&l, cases[i].code, cases[i].path));
        g_assert_cmpuint(qapi_diagnostics_count(l.diags, QAPI_SEVERITY_ERROR),
                         ==, 1);
    }
    /* A schema error elsewhere: the rule still speaks. */
    g_auto(Loaded) l = { 0 };
    load("no-description-no-template.json", FWDESC_LOAD_STRICT, &l);
    g_assert_nonnull(find(&l, QAPI_ERROR_MISSING_MEMBER, "description"));
    g_assert_nonnull(find(&l, QAPI_ERROR_SEMANTIC, "mapping.nvram-template"));
}

/* A member of another branch: strict says which branch it belongs to,
 * tolerant warns and loads (a newer schema may add it to this branch). */
static void
test_other_branch(void)
{
    g_auto(Loaded) strict = { 0 };
    load("memory-with-executable.json", FWDESC_LOAD_STRICT, &strict);
    g_assert_error(strict.error, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    const QapiDiagnostic *d = find(&strict, QAPI_ERROR_UNKNOWN_MEMBER,
                                   "mapping.executable");
    g_assert_nonnull(d);
    g_assert_cmpint(d->severity, ==, QAPI_SEVERITY_ERROR);
    g_assert_nonnull(strstr(d->message, "'device' is 'flash'"));
    g_assert_nonnull(strstr(d->message, "selected 'memory'"));

    g_auto(Loaded) tolerant = { 0 };
    load("memory-with-executable.json", FWDESC_LOAD_TOLERANT, &tolerant);
    g_assert_no_error(tolerant.error);
    d = find(&tolerant, QAPI_ERROR_UNKNOWN_MEMBER, "mapping.executable");
    g_assert_nonnull(d);
    g_assert_cmpint(d->severity, ==, QAPI_SEVERITY_WARNING);
    const char *const *unknown = fwdesc_descriptor_get_unknown_features(
        tolerant.desc);
    g_assert_cmpstr(unknown[0], ==, "warp-drive");
    g_assert_null(unknown[1]);
    g_assert_nonnull(find(&tolerant, QAPI_ERROR_UNKNOWN_VALUE, "features[1]"));
}

/* Lint finds positions in the kept document. */
static void
test_lint_positions(void)
{
    g_auto(Loaded) l = { 0 };
    load("memory-with-executable.json", FWDESC_LOAD_TOLERANT, &l);
    g_assert_nonnull(l.desc);
    g_autoptr(QapiDiagnostics) lint = qapi_diagnostics_new();
    g_assert_cmpuint(fwdesc_lint_descriptor(l.desc, 0, lint), >, 0);
    gboolean seen = FALSE;
    for (guint i = 0; i < qapi_diagnostics_get_length(lint); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(lint, i);
        if (!strcmp(d->path, "mapping.filename")) {
            g_assert_cmpint(d->line, ==, 6);
            g_assert_cmpint(d->column, ==, 21);
            seen = TRUE;
        }
    }
    g_assert_true(seen);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/descriptor-load/one-pass", test_one_pass);
    g_test_add_func("/descriptor-load/nvram-template-path",
                    test_nvram_template_path);
    g_test_add_func("/descriptor-load/no-false-verdict", test_no_false_verdict);
    g_test_add_func("/descriptor-load/other-branch", test_other_branch);
    g_test_add_func("/descriptor-load/lint-positions", test_lint_positions);
    return g_test_run();
}
