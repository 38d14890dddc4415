/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the library gives a toolstack beside loading and selecting:
 * descriptors from a file descriptor and from standard input, the lint
 * policy over a catalog, the reports of schema/fwdesc-report.json (and
 * that they go through the JSON visitors both ways), selection reason
 * codes, and messages that name no fwdesc option.
 */
#include <errno.h>
#include <fcntl.h>

#include "test-util.h"

static const char good_text[] =
    "{\n"
    "  \"description\": \"report test\",\n"
    "  \"interface-types\": [\"uefi\"],\n"
    "  \"mapping\": {\"device\": \"flash\",\n"
    "              \"executable\": {\"filename\": \"/fw/code.fd\", "
    "\"format\": \"raw\"},\n"
    "              \"nvram-template\": {\"filename\": \"/fw/vars.fd\", "
    "\"format\": \"raw\"}},\n"
    "  \"targets\": [{\"architecture\": \"x86_64\", "
    "\"machines\": [\"pc-q35-*\"]}],\n"
    "  \"features\": [\"secure-boot\"],\n"
    "  \"tags\": []\n"
    "}\n";

static const char rom_text[] =
    "{\"description\": \"d\", \"interface-types\": [\"uefi\"], "
    "\"mapping\": {\"device\": \"rom\", \"filename\": \"/r\"}, "
    "\"targets\": [{\"architecture\": \"x86_64\", \"machines\": [\"pc-*\"]}], "
    "\"features\": [], \"tags\": []}";

static const char invalid_text[] = "{\"description\": 1}\n";

/* A pipe whose read end holds @text and whose write end is closed. */
static int
pipe_with(const char *text)
{
    int fds[2];
    g_assert_cmpint(pipe(fds), ==, 0);
    gsize len = strlen(text);
    g_assert_cmpint(write(fds[1], text, len), ==, (gssize)len);
    close(fds[1]);
    return fds[0];
}

static void
test_load_fd(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    int fd = pipe_with(good_text);
    g_autoptr(FwdescDescriptor) desc =
        fwdesc_descriptor_load_fd(fd, "pipe", FWDESC_LOAD_STRICT, diags, &err);
    close(fd);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_path(desc), ==, "pipe");
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 0);

    /* Problems are positioned in the text read, under its name. */
    fd = pipe_with(invalid_text);
    g_assert_null(fwdesc_descriptor_load_fd(fd, "pipe", FWDESC_LOAD_STRICT,
                                            diags, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_clear_error(&err);
    const QapiDiagnostic *d = qapi_diagnostics_get(diags, 0);
    g_assert_cmpstr(d->filename, ==, "pipe");
    g_assert_cmpint(d->line, ==, 1);
}

static void
test_load_fd_limits(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    g_autofree char *big = g_build_filename(dir, "big.json", NULL);
    /* One byte more than a descriptor may have: refused, not parsed. */
    g_autofree char *text = g_strnfill(FWDESC_MAX_DESCRIPTOR_SIZE + 1, ' ');
    g_assert_true(g_file_set_contents(big, text, -1, NULL));
    int fd = open(big, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(fwdesc_descriptor_load_fd(fd, "big", FWDESC_LOAD_STRICT,
                                            diags, &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_TOO_LARGE);
    g_assert_cmpuint(qapi_diagnostics_get_length(diags), ==, 1);
    g_assert_cmpint(qapi_diagnostics_get(diags, 0)->code, ==,
                    QAPI_ERROR_TOO_LARGE);
    g_clear_error(&err);

    /* A read error (a directory) is an I/O error, with a diagnostic. */
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    g_assert_cmpint(fd, >=, 0);
    g_autoptr(QapiDiagnostics) io = qapi_diagnostics_new();
    g_assert_null(fwdesc_descriptor_load_fd(fd, "dir", FWDESC_LOAD_STRICT, io,
                                            &err));
    close(fd);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_IO);
    g_assert_cmpint(qapi_diagnostics_get(io, 0)->code, ==, QAPI_ERROR_IO);
    test_rmtree(dir);
}

/* "-" reads standard input and calls it FWDESC_STDIN_NAME. */
static void
test_load_arg_stdin(void)
{
    int saved = dup(STDIN_FILENO);
    int fd = pipe_with(good_text);
    g_assert_cmpint(dup2(fd, STDIN_FILENO), ==, STDIN_FILENO);
    close(fd);
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) desc =
        fwdesc_descriptor_load_arg("-", FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_cmpint(dup2(saved, STDIN_FILENO), ==, STDIN_FILENO);
    close(saved);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_path(desc), ==, FWDESC_STDIN_NAME);
}

/* @report's JSON text, read back into the generated type by the strict
 * input visitor and written again, is the same text: the report is
 * exactly what the schema describes. */
#define ASSERT_ROUND_TRIP(Type, report)                                     \
    do {                                                                    \
        g_autoptr(GString) text1 = g_string_new(NULL);                      \
        g_autoptr(GString) text2 = g_string_new(NULL);                      \
        g_autoptr(GError) e = NULL;                                         \
        g_autoptr(Visitor) out1 =                                           \
            qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL, text1);  \
        g_assert_true(visit_type_##Type(out1, NULL, &(report), &e));        \
        g_autoptr(Visitor) in = qapi_json_input_visitor_new(                \
            text1->str, -1, #Type, QAPI_INPUT_STRICT, NULL, &e);            \
        g_assert_no_error(e);                                               \
        g_autoptr(Type) back = NULL;                                        \
        g_assert_true(visit_type_##Type(in, NULL, &back, &e));              \
        g_assert_true(qapi_json_input_visitor_finish(in, &e));              \
        g_autoptr(Visitor) out2 =                                           \
            qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL, text2);  \
        g_assert_true(visit_type_##Type(out2, NULL, &back, &e));            \
        g_assert_cmpstr(text1->str, ==, text2->str);                        \
    } while (0)

static void
test_report_validate(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    test_write(dir, "good.json", good_text);
    test_write(dir, "rom.json", rom_text);
    test_write(dir, "bad.json", invalid_text);
    g_autofree char *good = g_build_filename(dir, "good.json", NULL);
    g_autofree char *rom = g_build_filename(dir, "rom.json", NULL);
    g_autofree char *bad = g_build_filename(dir, "bad.json", NULL);
    g_autofree char *gone = g_build_filename(dir, "gone\377.json", NULL);
    const char *args[] = { good, rom, bad, gone, NULL };
    g_autoptr(FwdescValidateReport) r =
        fwdesc_report_validate(args, FWDESC_LOAD_TOLERANT);

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
    g_assert_true(g_utf8_validate(f->value->problems->value->message, -1,
                                  NULL));
    g_assert_null(f->next);
    ASSERT_ROUND_TRIP(FwdescValidateReport, r);
    test_rmtree(dir);
}

/* A catalog of explicit files: one with a lint warning, an invalid one,
 * an unsupported one (tolerant). */
static FwdescCatalog *
lint_catalog(const char *dir)
{
    test_write(dir, "10-sb.json", good_text);
    test_write(dir, "20-bad.json", invalid_text);
    test_write(dir, "30-rom.json", rom_text);
    g_autofree char *a = g_build_filename(dir, "10-sb.json", NULL);
    g_autofree char *b = g_build_filename(dir, "20-bad.json", NULL);
    g_autofree char *c = g_build_filename(dir, "30-rom.json", NULL);
    const char *paths[] = { a, b, c, NULL };
    return fwdesc_catalog_load_files(paths, FWDESC_LOAD_TOLERANT);
}

static gboolean
has_problem(const QapiDiagnostics *diags, const char *suffix,
            QapiSeverity severity)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (g_str_has_suffix(d->filename, suffix) && d->severity == severity) {
            return TRUE;
        }
    }
    return FALSE;
}

static void
test_lint_entries(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    g_autoptr(FwdescCatalog) c = lint_catalog(dir);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    guint n = fwdesc_lint_entries(c, FWDESC_LINT_NO_FILES, diags);
    g_assert_cmpuint(n, ==, qapi_diagnostics_get_length(diags));
    /* secure-boot without requires-smm on x86 */
    g_assert_true(has_problem(diags, "10-sb.json", QAPI_SEVERITY_WARNING));
    g_assert_true(has_problem(diags, "20-bad.json", QAPI_SEVERITY_ERROR));
    g_assert_true(has_problem(diags, "30-rom.json", QAPI_SEVERITY_ERROR));
    for (guint i = 0; i < n; i++) {
        g_assert_nonnull(qapi_diagnostics_get(diags, i)->filename);
    }

    g_autoptr(FwdescLintReport) r = fwdesc_report_lint(c, FWDESC_LINT_NO_FILES);
    guint count = 0;
    for (FwdescLintProblemList *p = r->problems; p; p = p->next, count++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, count);
        g_assert_cmpstr(p->value->file, ==, d->filename);
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
    test_write(dir, "10-rom.json", rom_text);
    test_write(dir, "20-a.json", good_text);
    test_write(dir, "30-b.json", good_text);
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
        FWDESC_REASON_UNSUPPORTED, -1, FWDESC_REASON_NOT_FIRST,
        FWDESC_REASON_MASKED,
    };
    guint i = 0;
    for (FwdescCandidateList *l = r->candidates; l; l = l->next, i++) {
        FwdescCandidate *cand = l->value;
        g_assert_cmpint(fwdesc_selection_get_reason_code(sel, i), ==,
                        codes[i]);
        g_assert_cmpint(cand->chosen, ==, codes[i] == -1);
        g_assert_cmpint(cand->has_reasons, ==, codes[i] != -1);
        g_assert_cmpstr(cand->rejected, ==,
                        fwdesc_selection_get_reason(sel, i));
        if (cand->has_reasons) {
            g_assert_cmpint(cand->reasons->value->code, ==, codes[i]);
            g_assert_cmpstr(cand->reasons->value->message, ==,
                            cand->rejected);
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

/* Every reason of fwdesc_query_mismatches(), with its code and text, and
 * no text that names an option of the fwdesc tool. */
static void
test_mismatches(void)
{
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
        good_text, -1, "t.json", FWDESC_LOAD_STRICT, NULL, NULL);
    g_assert_nonnull(desc);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    g_assert_null(fwdesc_query_mismatches(q, desc));
    g_assert_null(fwdesc_query_mismatch(q, desc));
    fwdesc_query_set_guest_bits(q, 32);
    fwdesc_query_set_interface(q, FIRMWARE_OS_INTERFACE_BIOS);
    fwdesc_query_require_feature(q, FIRMWARE_FEATURE_ACPI_S3);
    fwdesc_query_forbid_feature(q, FIRMWARE_FEATURE_SECURE_BOOT);
    fwdesc_query_set_format(q, FIRMWARE_FORMAT_QCOW2);
    g_autoptr(FwdescSelectionReasonList) list =
        fwdesc_query_mismatches(q, desc);
    static const FwdescReasonCode want[] = {
        FWDESC_REASON_INTERFACE, FWDESC_REASON_FORMAT,
        FWDESC_REASON_MISSING_FEATURE, FWDESC_REASON_UNWANTED_FEATURE,
        FWDESC_REASON_GUEST_BITS,
    };
    g_autoptr(GString) joined = g_string_new(NULL);
    guint i = 0;
    for (FwdescSelectionReasonList *r = list; r; r = r->next, i++) {
        g_assert_cmpuint(i, <, G_N_ELEMENTS(want));
        g_assert_cmpint(r->value->code, ==, want[i]);
        g_assert_null(strstr(r->value->message, "--"));
        g_string_append_printf(joined, "%s%s", i ? "; " : "",
                               r->value->message);
    }
    g_assert_cmpuint(i, ==, G_N_ELEMENTS(want));
    g_autofree char *text = fwdesc_query_mismatch(q, desc);
    g_assert_cmpstr(text, ==, joined->str);

    /* The same the other way, and for confidential computing. */
    g_autoptr(FwdescDescriptor) snp = fwdesc_descriptor_load_data(
        "{\"description\": \"d\", \"interface-types\": [\"uefi\"], "
        "\"mapping\": {\"device\": \"memory\", \"filename\": \"/x/ia32/f\"}, "
        "\"targets\": [{\"architecture\": \"x86_64\", \"machines\": "
        "[\"pc-q35-*\"]}], \"features\": [\"amd-sev-snp\"], \"tags\": []}",
        -1, "snp.json", FWDESC_LOAD_STRICT, NULL, NULL);
    g_autoptr(FwdescQuery) cc = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                 "pc-q35-9.2");
    fwdesc_query_set_confidential(cc, FWDESC_CONFIDENTIAL_NONE);
    g_autoptr(FwdescSelectionReasonList) l2 = fwdesc_query_mismatches(cc, snp);
    g_assert_true(l2 && l2->next);
    g_assert_cmpint(l2->value->code, ==, FWDESC_REASON_CONFIDENTIAL);
    g_assert_cmpint(l2->next->value->code, ==, FWDESC_REASON_GUEST_BITS);
    for (FwdescSelectionReasonList *r = l2; r; r = r->next) {
        g_assert_null(strstr(r->value->message, "--"));
    }
}

/* Errors of instantiation that the tool adds its own hints to. */
static void
test_messages_name_no_options(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-report-XXXXXX", NULL);
    test_write(dir, "vars.fd", "template");
    test_write(dir, "vm.fd", "mine");
    g_autofree char *vars = g_build_filename(dir, "vars.fd", NULL);
    g_autofree char *vm = g_build_filename(dir, "vm.fd", NULL);
    g_autofree char *text = g_strdup_printf(
        "{\"description\": \"d\", \"interface-types\": [\"uefi\"], "
        "\"mapping\": {\"device\": \"flash\", \"executable\": {\"filename\": "
        "\"/x\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": "
        "\"%s\", \"format\": \"raw\"}}, \"targets\": [{\"architecture\": "
        "\"x86_64\", \"machines\": [\"pc-q35-*\"]}], \"features\": [%s], "
        "\"tags\": []}", vars, "");
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_data(
        text, -1, "t.json", FWDESC_LOAD_STRICT, NULL, NULL);
    g_autoptr(GError) err = NULL;
    g_assert_false(fwdesc_instantiate(desc, vm, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS);
    g_assert_null(strstr(err->message, "--"));
    g_clear_error(&err);

    g_autofree char *hv_text = g_strdup_printf(
        "{\"description\": \"d\", \"interface-types\": [\"uefi\"], "
        "\"mapping\": {\"device\": \"memory\", \"filename\": \"/x\"}, "
        "\"targets\": [{\"architecture\": \"x86_64\", \"machines\": "
        "[\"pc-q35-*\"]}], \"features\": [\"host-uefi-vars\"], "
        "\"tags\": []}");
    g_autoptr(FwdescDescriptor) hv = fwdesc_descriptor_load_data(
        hv_text, -1, "hv.json", FWDESC_LOAD_STRICT, NULL, NULL);
    g_assert_false(fwdesc_instantiate(hv, vm, TRUE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_assert_null(strstr(err->message, "--"));
    g_assert_null(strstr(err->message, "cmdline"));
    test_rmtree(dir);
}

static void
test_report_instantiate(void)
{
    g_autoptr(FwdescInstantiateReport) r =
        fwdesc_report_instantiate("/vm/a\377.fd");
    g_assert_cmpstr(r->created, ==, "/vm/a\357\277\275.fd");
    g_assert_cmpstr(r->created_bytes, ==, "/vm/a\\377.fd");
    ASSERT_ROUND_TRIP(FwdescInstantiateReport, r);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/report/load-fd", test_load_fd);
    g_test_add_func("/report/load-fd-limits", test_load_fd_limits);
    g_test_add_func("/report/load-arg-stdin", test_load_arg_stdin);
    g_test_add_func("/report/validate", test_report_validate);
    g_test_add_func("/report/lint-entries", test_lint_entries);
    g_test_add_func("/report/list-select", test_report_list_select);
    g_test_add_func("/report/mismatches", test_mismatches);
    g_test_add_func("/report/messages-name-no-options",
                    test_messages_name_no_options);
    g_test_add_func("/report/instantiate", test_report_instantiate);
    return g_test_run();
}
