/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * report.c: the reports of schema/fwdesc-report.json built from loading,
 * lint, discovery, selection and instantiation, and that each goes
 * through the JSON visitors both ways unchanged (it is exactly what the
 * schema describes).
 */
#include "test-util.h"

/* @report's JSON text, read back into the generated type by the strict
 * input visitor and written again, is the same text: the report is
 * exactly what the schema describes. */
#define ASSERT_ROUND_TRIP(Type, report)                              \
    do {                                                             \
        g_autoptr(GString) text1 = g_string_new(NULL);               \
        g_autoptr(GString) text2 = g_string_new(NULL);               \
        g_autoptr(GError) e = NULL;                                  \
        g_autoptr(Visitor) out1 = qapi_json_text_output_visitor_new( \
            QAPI_JSON_CANONICAL, text1);                             \
        g_assert_true(visit_type_##Type(out1, NULL, &(report), &e)); \
        g_autoptr(Visitor) in = qapi_json_input_visitor_new(         \
            text1->str, -1, #Type, QAPI_INPUT_STRICT, NULL, &e);     \
        g_assert_no_error(e);                                        \
        g_autoptr(Type) back = NULL;                                 \
        g_assert_true(visit_type_##Type(in, NULL, &back, &e));       \
        g_assert_true(qapi_json_input_visitor_finish(in, &e));       \
        g_autoptr(Visitor) out2 = qapi_json_text_output_visitor_new( \
            QAPI_JSON_CANONICAL, text2);                             \
        g_assert_true(visit_type_##Type(out2, NULL, &back, &e));     \
        g_assert_cmpstr(text1->str, ==, text2->str);                 \
    } while (0)

static void
test_report_validate(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    test_write_data(dir, "good.json", "split.json");
    test_write_data(dir, "rom.json", "unsupported-device.json");
    test_write_data(dir, "bad.json", "broken.json");
    g_autofree char *good = g_build_filename(dir, "good.json", NULL);
    g_autofree char *rom = g_build_filename(dir, "rom.json", NULL);
    g_autofree char *bad = g_build_filename(dir, "bad.json", NULL);
    g_autofree char *gone = g_build_filename(dir, "gone\377.json", NULL);
    const char *args[] = { good, rom, bad, gone, NULL };
    g_autoptr(FwdescValidateReport) r = fwdesc_report_validate(
        args, FWDESC_LOAD_TOLERANT);

    FwdescValidatedFileList *f = r->files;
    g_assert_cmpstr(f->value->file, ==, good);
    g_assert_cmpint(f->value->status, ==, FWDESC_FILE_STATUS_OK);
    g_assert_null(f->value->file_bytes);
    g_assert_null(f->value->reason);
    g_assert_null(f->value->problems);
    f = f->next;
    g_assert_cmpint(f->value->status, ==, FWDESC_FILE_STATUS_UNSUPPORTED);
    g_assert_nonnull(f->value->reason);
    g_assert_nonnull(f->value->problems);
    f = f->next;
    g_assert_cmpint(f->value->status, ==, FWDESC_FILE_STATUS_INVALID);
    g_assert_null(f->value->reason);
    FwdescProblem *p = f->value->problems->value;
    g_assert_cmpint(p->severity, ==, FWDESC_SEVERITY_ERROR);
    g_assert_true(p->has_line && p->line == 1 && p->has_column);
    f = f->next;
    /* Not UTF-8, and no position: display name, bytes, no line. */
    g_assert_cmpint(f->value->status, ==, FWDESC_FILE_STATUS_INVALID);
    g_assert_true(g_str_has_suffix(f->value->file, "gone\357\277\275.json"));
    g_assert_true(g_str_has_suffix(f->value->file_bytes, "gone\\377.json"));
    g_assert_false(f->value->problems->value->has_line);
    g_assert_true(
        g_utf8_validate(f->value->problems->value->message, -1, NULL));
    g_assert_null(f->next);
    ASSERT_ROUND_TRIP(FwdescValidateReport, r);
    test_rmtree(dir);
}

/* The lint report: fwdesc_lint_entries()'s diagnostics, each with its
 * file (the policy itself is test-lint's). */
static void
test_report_lint(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    test_write_data(dir, "10-sb.json", "split-secure-boot.json");
    test_write_data(dir, "20-bad.json", "broken.json");
    test_write_data(dir, "30-rom.json", "unsupported-device.json");
    g_autofree char *a = g_build_filename(dir, "10-sb.json", NULL);
    g_autofree char *b = g_build_filename(dir, "20-bad.json", NULL);
    g_autofree char *c = g_build_filename(dir, "30-rom.json", NULL);
    const char *paths[] = { a, b, c, NULL };
    g_autoptr(FwdescCatalog) cat = fwdesc_catalog_load_files(
        paths, FWDESC_LOAD_TOLERANT);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    guint n = fwdesc_lint_entries(cat, FWDESC_LINT_NO_FILES, diags);
    g_assert_cmpuint(n, >=, 3);

    g_autoptr(FwdescLintReport) r = fwdesc_report_lint(cat,
                                                       FWDESC_LINT_NO_FILES);
    guint count = 0;
    for (FwdescLintProblemList *p = r->problems; p; p = p->next, count++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, count);
        g_assert_cmpstr(p->value->file, ==, d->filename);
        g_assert_null(p->value->file_bytes);
        g_assert_cmpint(p->value->diagnostic->severity, ==,
                        d->severity == QAPI_SEVERITY_ERROR
                            ? FWDESC_SEVERITY_ERROR
                            : FWDESC_SEVERITY_WARNING);
        g_assert_cmpstr(p->value->diagnostic->path, ==, d->path);
        g_assert_cmpstr(p->value->diagnostic->message, ==, d->message);
    }
    g_assert_cmpuint(count, ==, n);
    ASSERT_ROUND_TRIP(FwdescLintReport, r);
    test_rmtree(dir);
}

static void
test_report_list_select(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    test_write_data(dir, "10-rom.json", "unsupported-device.json");
    test_write_data(dir, "20-a.json", "split.json");
    test_write_data(dir, "30-b.json", "split.json");
    test_write(dir, "40-mask.json", "");
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);

    g_autoptr(FwdescListReport) list = fwdesc_report_list(c);
    FwdescListEntryList *e = list->entries;
    g_assert_cmpstr(e->value->name, ==, "10-rom.json");
    g_assert_cmpint(e->value->status, ==, FWDESC_FILE_STATUS_UNSUPPORTED);
    g_assert_nonnull(e->value->reason);
    g_assert_nonnull(e->value->problems);
    e = e->next;
    g_assert_cmpint(e->value->status, ==, FWDESC_FILE_STATUS_OK);
    g_assert_null(e->value->reason);
    g_assert_cmpint(e->next->next->value->status, ==,
                    FWDESC_FILE_STATUS_MASKED);
    g_assert_null(e->next->next->next);
    ASSERT_ROUND_TRIP(FwdescListReport, list);

    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    g_autoptr(FwdescSelection) sel = fwdesc_select(c, q);
    g_autoptr(FwdescSelectReport) r = fwdesc_report_select(c, sel);
    g_assert_true(g_str_has_suffix(r->chosen, "/20-a.json"));
    static const int codes[] = {
        FWDESC_REASON_UNSUPPORTED,
        -1,
        FWDESC_REASON_NOT_FIRST,
        FWDESC_REASON_MASKED,
    };
    guint i = 0;
    for (FwdescCandidateList *l = r->candidates; l; l = l->next, i++) {
        FwdescCandidate *cand = l->value;
        g_assert_cmpint(fwdesc_selection_get_reason_code(sel, i), ==, codes[i]);
        g_assert_cmpint(cand->chosen, ==, codes[i] == -1);
        g_assert_cmpint(cand->has_reasons, ==, codes[i] != -1);
        g_assert_cmpstr(cand->rejected, ==,
                        fwdesc_selection_get_reason(sel, i));
        if (cand->has_reasons) {
            g_assert_cmpint(cand->reasons->value->code, ==, codes[i]);
            g_assert_cmpstr(cand->reasons->value->message, ==, cand->rejected);
        }
    }
    g_assert_cmpuint(i, ==, G_N_ELEMENTS(codes));
    ASSERT_ROUND_TRIP(FwdescSelectReport, r);

    /* Nothing fits: no chosen member at all. */
    g_autoptr(FwdescQuery) none = fwdesc_query_new(FIRMWARE_ARCHITECTURE_ARM,
                                                   "virt");
    g_autoptr(FwdescSelection) sel2 = fwdesc_select(c, none);
    g_autoptr(FwdescSelectReport) r2 = fwdesc_report_select(c, sel2);
    g_assert_null(r2->chosen);
    g_assert_cmpint(fwdesc_selection_get_reason_code(sel2, 1), ==,
                    FWDESC_REASON_TARGET);
    test_rmtree(dir);
}

static void
test_report_instantiate(void)
{
    g_autoptr(FwdescInstantiateReport) r = fwdesc_report_instantiate(
        "/vm/a\377.fd");
    g_assert_cmpstr(r->created, ==, "/vm/a\357\277\275.fd");
    g_assert_cmpstr(r->created_bytes, ==, "/vm/a\\377.fd");
    ASSERT_ROUND_TRIP(FwdescInstantiateReport, r);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/report/validate", test_report_validate);
    g_test_add_func("/report/lint", test_report_lint);
    g_test_add_func("/report/list-select", test_report_list_select);
    g_test_add_func("/report/instantiate", test_report_instantiate);
    return g_test_run();
}
