/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reports: what validation, lint, discovery and selection found, as the
 * types generated from schema/fwdesc-report.json.  "fwdesc ... --json"
 * prints exactly these with the JSON output visitor, and their JSON
 * Schema is installed beside the schema, so a program in any language can
 * check what it reads.
 *
 *   g_autoptr(FwdescListReport) report = fwdesc_report_list(catalog);
 *   g_autoptr(GString) text = g_string_new(NULL);
 *   g_autoptr(Visitor) v =
 *       qapi_json_text_output_visitor_new(QAPI_JSON_CANONICAL, text);
 *   if (!visit_type_FwdescListReport(v, NULL, &report, &error))
 *       ...   // text->str is the report as JSON otherwise
 *
 * Strings in reports are UTF-8: a file name that is not is given as its
 * display name plus its exact bytes, C-escaped, in the matching "-bytes"
 * member; other text that is not UTF-8 is shown with U+FFFD.
 */
#ifndef FWDESC_REPORT_H
#define FWDESC_REPORT_H

#include "fwdesc/select.h"
#include "fwdesc/lint.h"
#include "report/fwdesc-report-qapi-types.h"
#include "report/fwdesc-report-qapi-visit.h"

G_BEGIN_DECLS

/* One problem, as reports give it. */
FwdescProblem *fwdesc_report_problem(const QapiDiagnostic *diag);
/* Every diagnostic of @diags, in order (NULL when there are none). */
FwdescProblemList *fwdesc_report_problems(const QapiDiagnostics *diags);

/*
 * Load each of @args (NULL-terminated; "-" is standard input, as
 * fwdesc_descriptor_load_arg() reads it) with @flags and give the verdict
 * on each.  A file that fails without a problem to show for it (a read
 * error on standard input) gets the error's message as its problem.
 */
FwdescValidateReport *fwdesc_report_validate(const char *const *args,
                                             FwdescLoadFlags flags);

/* Lint @catalog as fwdesc_lint_entries() does, each finding with its
 * file. */
FwdescLintReport *fwdesc_report_lint(const FwdescCatalog *catalog,
                                     FwdescLintFlags flags);

/* Every entry of @catalog with its status, reason and problems. */
FwdescListReport *fwdesc_report_list(const FwdescCatalog *catalog);

/* @selection (made from @catalog) as a report: the chosen path, and every
 * entry with its reasons. */
FwdescSelectReport *fwdesc_report_select(const FwdescCatalog *catalog,
                                         const FwdescSelection *selection);

/* A variable store created at @dest (by fwdesc_instantiate()). */
FwdescInstantiateReport *fwdesc_report_instantiate(const char *dest);

G_END_DECLS

#endif /* FWDESC_REPORT_H */
