/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Visitor functions for the types of the schema
 */

#ifndef FWDESC_REPORT_QAPI_VISIT_H
#define FWDESC_REPORT_QAPI_VISIT_H

#include "qapi/qapi-builtin-visit.h"
#include "fwdesc-report-qapi-types.h"


bool visit_type_FwdescSeverity(Visitor *v, const char *name,
                 FwdescSeverity *obj, GError **errp);

bool visit_type_FwdescFileStatus(Visitor *v, const char *name,
                 FwdescFileStatus *obj, GError **errp);

bool visit_type_FwdescProblem_members(Visitor *v, FwdescProblem *obj, GError **errp);

bool visit_type_FwdescProblem(Visitor *v, const char *name,
                 FwdescProblem **obj, GError **errp);

bool visit_type_FwdescProblemList(Visitor *v, const char *name,
                 FwdescProblemList **obj, GError **errp);

bool visit_type_FwdescValidatedFile_members(Visitor *v, FwdescValidatedFile *obj, GError **errp);

bool visit_type_FwdescValidatedFile(Visitor *v, const char *name,
                 FwdescValidatedFile **obj, GError **errp);

bool visit_type_FwdescValidatedFileList(Visitor *v, const char *name,
                 FwdescValidatedFileList **obj, GError **errp);

bool visit_type_FwdescValidateReport_members(Visitor *v, FwdescValidateReport *obj, GError **errp);

bool visit_type_FwdescValidateReport(Visitor *v, const char *name,
                 FwdescValidateReport **obj, GError **errp);

bool visit_type_FwdescLintProblem_members(Visitor *v, FwdescLintProblem *obj, GError **errp);

bool visit_type_FwdescLintProblem(Visitor *v, const char *name,
                 FwdescLintProblem **obj, GError **errp);

bool visit_type_FwdescLintProblemList(Visitor *v, const char *name,
                 FwdescLintProblemList **obj, GError **errp);

bool visit_type_FwdescLintReport_members(Visitor *v, FwdescLintReport *obj, GError **errp);

bool visit_type_FwdescLintReport(Visitor *v, const char *name,
                 FwdescLintReport **obj, GError **errp);

bool visit_type_FwdescCatalogEntry_members(Visitor *v, FwdescCatalogEntry *obj, GError **errp);

bool visit_type_FwdescCatalogEntry(Visitor *v, const char *name,
                 FwdescCatalogEntry **obj, GError **errp);

bool visit_type_FwdescListEntry_members(Visitor *v, FwdescListEntry *obj, GError **errp);

bool visit_type_FwdescListEntry(Visitor *v, const char *name,
                 FwdescListEntry **obj, GError **errp);

bool visit_type_FwdescListEntryList(Visitor *v, const char *name,
                 FwdescListEntryList **obj, GError **errp);

bool visit_type_FwdescListReport_members(Visitor *v, FwdescListReport *obj, GError **errp);

bool visit_type_FwdescListReport(Visitor *v, const char *name,
                 FwdescListReport **obj, GError **errp);

bool visit_type_FwdescReasonCode(Visitor *v, const char *name,
                 FwdescReasonCode *obj, GError **errp);

bool visit_type_FwdescSelectionReason_members(Visitor *v, FwdescSelectionReason *obj, GError **errp);

bool visit_type_FwdescSelectionReason(Visitor *v, const char *name,
                 FwdescSelectionReason **obj, GError **errp);

bool visit_type_FwdescSelectionReasonList(Visitor *v, const char *name,
                 FwdescSelectionReasonList **obj, GError **errp);

bool visit_type_FwdescCandidate_members(Visitor *v, FwdescCandidate *obj, GError **errp);

bool visit_type_FwdescCandidate(Visitor *v, const char *name,
                 FwdescCandidate **obj, GError **errp);

bool visit_type_FwdescCandidateList(Visitor *v, const char *name,
                 FwdescCandidateList **obj, GError **errp);

bool visit_type_FwdescSelectReport_members(Visitor *v, FwdescSelectReport *obj, GError **errp);

bool visit_type_FwdescSelectReport(Visitor *v, const char *name,
                 FwdescSelectReport **obj, GError **errp);

bool visit_type_FwdescInstantiateReport_members(Visitor *v, FwdescInstantiateReport *obj, GError **errp);

bool visit_type_FwdescInstantiateReport(Visitor *v, const char *name,
                 FwdescInstantiateReport **obj, GError **errp);

#endif /* FWDESC_REPORT_QAPI_VISIT_H */
