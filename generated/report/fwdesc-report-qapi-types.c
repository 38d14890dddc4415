/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * C types for the definitions of the schema
 */

#define QAPI_NO_JSON_GLIB
#include "qapi/dealloc-visitor.h"
#include "fwdesc-report-qapi-types.h"
#include "fwdesc-report-qapi-visit.h"
#include "fwdesc-report-qapi-features.h"

const QEnumLookup FwdescSeverity_lookup = {
    .array = (const char *const[]) {
        [FWDESC_SEVERITY_ERROR] = "error",
        [FWDESC_SEVERITY_WARNING] = "warning",
    },
    .size = FWDESC_SEVERITY__MAX
};

const QEnumLookup FwdescFileStatus_lookup = {
    .array = (const char *const[]) {
        [FWDESC_FILE_STATUS_OK] = "ok",
        [FWDESC_FILE_STATUS_INVALID] = "invalid",
        [FWDESC_FILE_STATUS_UNSUPPORTED] = "unsupported",
        [FWDESC_FILE_STATUS_MASKED] = "masked",
        [FWDESC_FILE_STATUS_SHADOWED] = "shadowed",
    },
    .size = FWDESC_FILE_STATUS__MAX
};

void qapi_free_FwdescProblem(FwdescProblem *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescProblem(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescProblemList(FwdescProblemList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescProblemList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescValidatedFile(FwdescValidatedFile *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescValidatedFile(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescValidatedFileList(FwdescValidatedFileList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescValidatedFileList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescValidateReport(FwdescValidateReport *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescValidateReport(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescLintProblem(FwdescLintProblem *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescLintProblem(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescLintProblemList(FwdescLintProblemList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescLintProblemList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescLintReport(FwdescLintReport *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescLintReport(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescCatalogEntry(FwdescCatalogEntry *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescCatalogEntry(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescListEntry(FwdescListEntry *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescListEntry(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescListEntryList(FwdescListEntryList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescListEntryList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescListReport(FwdescListReport *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescListReport(v, NULL, &obj, NULL);
    visit_free(v);
}

const QEnumLookup FwdescReasonCode_lookup = {
    .array = (const char *const[]) {
        [FWDESC_REASON_INVALID] = "invalid",
        [FWDESC_REASON_UNSUPPORTED] = "unsupported",
        [FWDESC_REASON_MASKED] = "masked",
        [FWDESC_REASON_SHADOWED] = "shadowed",
        [FWDESC_REASON_TARGET] = "target",
        [FWDESC_REASON_INTERFACE] = "interface",
        [FWDESC_REASON_DEVICE] = "device",
        [FWDESC_REASON_MODE] = "mode",
        [FWDESC_REASON_READONLY] = "readonly",
        [FWDESC_REASON_FORMAT] = "format",
        [FWDESC_REASON_MISSING_FEATURE] = "missing-feature",
        [FWDESC_REASON_UNWANTED_FEATURE] = "unwanted-feature",
        [FWDESC_REASON_CONFIDENTIAL] = "confidential",
        [FWDESC_REASON_GUEST_BITS] = "guest-bits",
        [FWDESC_REASON_UNKNOWN_FEATURES] = "unknown-features",
        [FWDESC_REASON_NOT_FIRST] = "not-first",
    },
    .size = FWDESC_REASON__MAX
};

void qapi_free_FwdescSelectionReason(FwdescSelectionReason *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescSelectionReason(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescSelectionReasonList(FwdescSelectionReasonList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescSelectionReasonList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescCandidate(FwdescCandidate *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescCandidate(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescCandidateList(FwdescCandidateList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescCandidateList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescSelectReport(FwdescSelectReport *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescSelectReport(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FwdescInstantiateReport(FwdescInstantiateReport *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FwdescInstantiateReport(v, NULL, &obj, NULL);
    visit_free(v);
}
