/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reports: the results of validation, lint, discovery and selection as
 * the generated report types, ready for the JSON output visitor.
 */
#include "fwdesc-private.h"

/* Text for a report: JSON strings are UTF-8. */
static char *
report_text(const char *text)
{
    return g_utf8_make_valid(text ? text : "", -1);
}

/*
 * File name @name as a report gives it: *@shown as GLib displays it
 * (each bad byte U+FFFD) and, only when it is not UTF-8, its exact bytes
 * C-escaped in *@bytes, so that a reader can still find the file.
 */
static void
report_file_name(const char *name, char **shown, char **bytes)
{
    if (g_utf8_validate(name, -1, NULL)) {
        *shown = g_strdup(name);
        *bytes = NULL;
        return;
    }
    *shown = g_filename_display_name(name);
    *bytes = g_strescape(name, NULL);
}

static FwdescFileStatus
report_status(FwdescStatus status)
{
    switch (status) {
    case FWDESC_STATUS_OK:
        return FWDESC_FILE_STATUS_OK;
    case FWDESC_STATUS_INVALID:
        return FWDESC_FILE_STATUS_INVALID;
    case FWDESC_STATUS_UNSUPPORTED:
        return FWDESC_FILE_STATUS_UNSUPPORTED;
    case FWDESC_STATUS_MASKED:
        return FWDESC_FILE_STATUS_MASKED;
    case FWDESC_STATUS_SHADOWED:
        return FWDESC_FILE_STATUS_SHADOWED;
    }
    g_assert_not_reached();
}

FwdescProblem *
fwdesc_report_problem(const QapiDiagnostic *diag)
{
    g_return_val_if_fail(diag != NULL, NULL);
    FwdescProblem *p = g_new0(FwdescProblem, 1);
    p->severity = diag->severity == QAPI_SEVERITY_ERROR
                      ? FWDESC_SEVERITY_ERROR
                      : FWDESC_SEVERITY_WARNING;
    p->path = report_text(diag->path);
    /* No position (I/O errors, size limit, special files): no members,
     * rather than a line 0 that does not exist. */
    if (diag->line > 0) {
        p->has_line = true;
        p->line = diag->line;
        p->has_column = diag->column > 0;
        p->column = diag->column > 0 ? diag->column : 0;
    }
    p->message = report_text(diag->message);
    return p;
}

FwdescProblemList *
fwdesc_report_problems(const QapiDiagnostics *diags)
{
    FwdescProblemList *list = NULL;
    FwdescProblemList **tail = &list;
    guint n = diags ? qapi_diagnostics_get_length(diags) : 0;
    for (guint i = 0; i < n; i++) {
        QAPI_LIST_APPEND(tail,
                         fwdesc_report_problem(qapi_diagnostics_get(diags, i)));
    }
    return list;
}

/* --- validate --- */

static FwdescValidatedFile *
validate_one(const char *arg, FwdescLoadFlags flags)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_arg(arg, flags,
                                                                  diags, &err);

    FwdescValidatedFile *f = g_new0(FwdescValidatedFile, 1);
    report_file_name(arg, &f->file, &f->file_bytes);
    if (desc) {
        f->status = FWDESC_FILE_STATUS_OK;
    } else if (err->code == FWDESC_ERROR_UNSUPPORTED) {
        f->status = FWDESC_FILE_STATUS_UNSUPPORTED;
        f->reason = report_text(err->message);
    } else {
        f->status = FWDESC_FILE_STATUS_INVALID;
        if (!fwdesc_diagnostics_first_error(diags)) {
            /* Every failure shows at least one problem. */
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, QAPI_ERROR_IO,
                                 NULL, "", 0, 0, "%s", err->message);
        }
    }
    f->problems = fwdesc_report_problems(diags);
    return f;
}

FwdescValidateReport *
fwdesc_report_validate(const char *const *args, FwdescLoadFlags flags)
{
    g_return_val_if_fail(args != NULL, NULL);
    FwdescValidateReport *report = g_new0(FwdescValidateReport, 1);
    FwdescValidatedFileList **tail = &report->files;
    for (guint i = 0; args[i]; i++) {
        QAPI_LIST_APPEND(tail, validate_one(args[i], flags));
    }
    return report;
}

/* --- lint --- */

FwdescLintReport *
fwdesc_report_lint(const FwdescCatalog *catalog, FwdescLintFlags flags)
{
    g_return_val_if_fail(catalog != NULL, NULL);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    fwdesc_lint_entries(catalog, flags, diags);

    FwdescLintReport *report = g_new0(FwdescLintReport, 1);
    FwdescLintProblemList **tail = &report->problems;
    guint n = qapi_diagnostics_get_length(diags);
    for (guint i = 0; i < n; i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        FwdescLintProblem *p = g_new0(FwdescLintProblem, 1);
        report_file_name(d->filename ? d->filename : "", &p->file,
                         &p->file_bytes);
        p->diagnostic = fwdesc_report_problem(d);
        QAPI_LIST_APPEND(tail, p);
    }
    return report;
}

/* --- list and select --- */

/* The members every report of a catalog entry has. */
static void
fill_catalog_entry(FwdescCatalogEntry *out, const FwdescEntry *entry)
{
    report_file_name(fwdesc_entry_get_name(entry), &out->name,
                     &out->name_bytes);
    report_file_name(fwdesc_entry_get_path(entry), &out->path,
                     &out->path_bytes);
    out->status = report_status(fwdesc_entry_get_status(entry));
    const char *reason = fwdesc_entry_get_reason(entry);
    out->reason = reason ? report_text(reason) : NULL;
}

FwdescListReport *
fwdesc_report_list(const FwdescCatalog *catalog)
{
    g_return_val_if_fail(catalog != NULL, NULL);
    FwdescListReport *report = g_new0(FwdescListReport, 1);
    FwdescListEntryList **tail = &report->entries;
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        FwdescListEntry *item = g_new0(FwdescListEntry, 1);
        fill_catalog_entry(qapi_FwdescListEntry_base(item), e);
        item->problems = fwdesc_report_problems(
            fwdesc_entry_get_diagnostics(e));
        QAPI_LIST_APPEND(tail, item);
    }
    return report;
}

/* A copy of @reasons with every message made UTF-8. */
static FwdescSelectionReasonList *
report_reasons(const FwdescSelectionReasonList *reasons)
{
    FwdescSelectionReasonList *list = NULL;
    FwdescSelectionReasonList **tail = &list;
    for (const FwdescSelectionReasonList *r = reasons; r; r = r->next) {
        FwdescSelectionReason *copy = g_new0(FwdescSelectionReason, 1);
        copy->code = r->value->code;
        copy->message = report_text(r->value->message);
        QAPI_LIST_APPEND(tail, copy);
    }
    return list;
}

FwdescSelectReport *
fwdesc_report_select(const FwdescCatalog *catalog,
                     const FwdescSelection *selection)
{
    g_return_val_if_fail(catalog != NULL && selection != NULL, NULL);
    FwdescSelectReport *report = g_new0(FwdescSelectReport, 1);
    const FwdescEntry *chosen = fwdesc_selection_get_chosen(selection);
    if (chosen) {
        report_file_name(fwdesc_entry_get_path(chosen), &report->chosen,
                         &report->chosen_bytes);
    }
    FwdescCandidateList **tail = &report->candidates;
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        FwdescCandidate *c = g_new0(FwdescCandidate, 1);
        fill_catalog_entry(qapi_FwdescCandidate_base(c), e);
        c->chosen = e == chosen;
        const char *rejected = fwdesc_selection_get_reason(selection, i);
        if (rejected) {
            c->rejected = report_text(rejected);
            c->has_reasons = true;
            c->reasons = report_reasons(
                fwdesc_selection_get_reasons(selection, i));
        }
        QAPI_LIST_APPEND(tail, c);
    }
    return report;
}

/* --- instantiate --- */

FwdescInstantiateReport *
fwdesc_report_instantiate(const char *dest)
{
    g_return_val_if_fail(dest != NULL, NULL);
    FwdescInstantiateReport *report = g_new0(FwdescInstantiateReport, 1);
    report_file_name(dest, &report->created, &report->created_bytes);
    return report;
}
