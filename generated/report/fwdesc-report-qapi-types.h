/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * C types for the definitions of the schema
 */

#ifndef FWDESC_REPORT_QAPI_TYPES_H
#define FWDESC_REPORT_QAPI_TYPES_H

#include "qapi/qapi-builtin-types.h"

typedef enum FwdescSeverity {
    FWDESC_SEVERITY_ERROR,
    FWDESC_SEVERITY_WARNING,
    FWDESC_SEVERITY__MAX,
} FwdescSeverity;

#define FwdescSeverity_str(val) \
    qapi_enum_lookup(&FwdescSeverity_lookup, (val))

extern const QEnumLookup FwdescSeverity_lookup;

typedef enum FwdescFileStatus {
    FWDESC_FILE_STATUS_OK,
    FWDESC_FILE_STATUS_INVALID,
    FWDESC_FILE_STATUS_UNSUPPORTED,
    FWDESC_FILE_STATUS_MASKED,
    FWDESC_FILE_STATUS_SHADOWED,
    FWDESC_FILE_STATUS__MAX,
} FwdescFileStatus;

#define FwdescFileStatus_str(val) \
    qapi_enum_lookup(&FwdescFileStatus_lookup, (val))

extern const QEnumLookup FwdescFileStatus_lookup;

typedef struct FwdescProblem FwdescProblem;

typedef struct FwdescProblemList FwdescProblemList;

typedef struct FwdescValidatedFile FwdescValidatedFile;

typedef struct FwdescValidatedFileList FwdescValidatedFileList;

typedef struct FwdescValidateReport FwdescValidateReport;

typedef struct FwdescLintProblem FwdescLintProblem;

typedef struct FwdescLintProblemList FwdescLintProblemList;

typedef struct FwdescLintReport FwdescLintReport;

typedef struct FwdescCatalogEntry FwdescCatalogEntry;

typedef struct FwdescListEntry FwdescListEntry;

typedef struct FwdescListEntryList FwdescListEntryList;

typedef struct FwdescListReport FwdescListReport;

typedef enum FwdescReasonCode {
    FWDESC_REASON_INVALID,
    FWDESC_REASON_UNSUPPORTED,
    FWDESC_REASON_MASKED,
    FWDESC_REASON_SHADOWED,
    FWDESC_REASON_TARGET,
    FWDESC_REASON_INTERFACE,
    FWDESC_REASON_DEVICE,
    FWDESC_REASON_MODE,
    FWDESC_REASON_READONLY,
    FWDESC_REASON_FORMAT,
    FWDESC_REASON_MISSING_FEATURE,
    FWDESC_REASON_UNWANTED_FEATURE,
    FWDESC_REASON_CONFIDENTIAL,
    FWDESC_REASON_GUEST_BITS,
    FWDESC_REASON_UNKNOWN_FEATURES,
    FWDESC_REASON_NOT_FIRST,
    FWDESC_REASON__MAX,
} FwdescReasonCode;

#define FwdescReasonCode_str(val) \
    qapi_enum_lookup(&FwdescReasonCode_lookup, (val))

extern const QEnumLookup FwdescReasonCode_lookup;

typedef struct FwdescSelectionReason FwdescSelectionReason;

typedef struct FwdescSelectionReasonList FwdescSelectionReasonList;

typedef struct FwdescCandidate FwdescCandidate;

typedef struct FwdescCandidateList FwdescCandidateList;

typedef struct FwdescSelectReport FwdescSelectReport;

typedef struct FwdescInstantiateReport FwdescInstantiateReport;

struct FwdescProblem {
    FwdescSeverity severity;
    char *path;
    bool has_line;
    int64_t line;
    bool has_column;
    int64_t column;
    char *message;
};

void qapi_free_FwdescProblem(FwdescProblem *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescProblem, qapi_free_FwdescProblem)

struct FwdescProblemList {
    FwdescProblemList *next;
    FwdescProblem *value;
};

void qapi_free_FwdescProblemList(FwdescProblemList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescProblemList, qapi_free_FwdescProblemList)

struct FwdescValidatedFile {
    char *file;
    char *file_bytes;
    FwdescFileStatus status;
    char *reason;
    FwdescProblemList *problems;
};

void qapi_free_FwdescValidatedFile(FwdescValidatedFile *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescValidatedFile, qapi_free_FwdescValidatedFile)

struct FwdescValidatedFileList {
    FwdescValidatedFileList *next;
    FwdescValidatedFile *value;
};

void qapi_free_FwdescValidatedFileList(FwdescValidatedFileList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescValidatedFileList, qapi_free_FwdescValidatedFileList)

struct FwdescValidateReport {
    FwdescValidatedFileList *files;
};

void qapi_free_FwdescValidateReport(FwdescValidateReport *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescValidateReport, qapi_free_FwdescValidateReport)

struct FwdescLintProblem {
    char *file;
    char *file_bytes;
    FwdescProblem *diagnostic;
};

void qapi_free_FwdescLintProblem(FwdescLintProblem *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescLintProblem, qapi_free_FwdescLintProblem)

struct FwdescLintProblemList {
    FwdescLintProblemList *next;
    FwdescLintProblem *value;
};

void qapi_free_FwdescLintProblemList(FwdescLintProblemList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescLintProblemList, qapi_free_FwdescLintProblemList)

struct FwdescLintReport {
    FwdescLintProblemList *problems;
};

void qapi_free_FwdescLintReport(FwdescLintReport *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescLintReport, qapi_free_FwdescLintReport)

struct FwdescCatalogEntry {
    char *name;
    char *name_bytes;
    char *path;
    char *path_bytes;
    FwdescFileStatus status;
    char *reason;
};

void qapi_free_FwdescCatalogEntry(FwdescCatalogEntry *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescCatalogEntry, qapi_free_FwdescCatalogEntry)

struct FwdescListEntry {
    /* From the base type, FwdescCatalogEntry: */
    char *name;
    char *name_bytes;
    char *path;
    char *path_bytes;
    FwdescFileStatus status;
    char *reason;
    /* Declared by this type: */
    FwdescProblemList *problems;
};

static inline FwdescCatalogEntry *qapi_FwdescListEntry_base(const FwdescListEntry *obj)
{
    return (FwdescCatalogEntry *)obj;
}

void qapi_free_FwdescListEntry(FwdescListEntry *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescListEntry, qapi_free_FwdescListEntry)

struct FwdescListEntryList {
    FwdescListEntryList *next;
    FwdescListEntry *value;
};

void qapi_free_FwdescListEntryList(FwdescListEntryList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescListEntryList, qapi_free_FwdescListEntryList)

struct FwdescListReport {
    FwdescListEntryList *entries;
};

void qapi_free_FwdescListReport(FwdescListReport *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescListReport, qapi_free_FwdescListReport)

struct FwdescSelectionReason {
    FwdescReasonCode code;
    char *message;
};

void qapi_free_FwdescSelectionReason(FwdescSelectionReason *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescSelectionReason, qapi_free_FwdescSelectionReason)

struct FwdescSelectionReasonList {
    FwdescSelectionReasonList *next;
    FwdescSelectionReason *value;
};

void qapi_free_FwdescSelectionReasonList(FwdescSelectionReasonList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescSelectionReasonList, qapi_free_FwdescSelectionReasonList)

struct FwdescCandidate {
    /* From the base type, FwdescCatalogEntry: */
    char *name;
    char *name_bytes;
    char *path;
    char *path_bytes;
    FwdescFileStatus status;
    char *reason;
    /* Declared by this type: */
    bool chosen;
    char *rejected;
    bool has_reasons;
    FwdescSelectionReasonList *reasons;
};

static inline FwdescCatalogEntry *qapi_FwdescCandidate_base(const FwdescCandidate *obj)
{
    return (FwdescCatalogEntry *)obj;
}

void qapi_free_FwdescCandidate(FwdescCandidate *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescCandidate, qapi_free_FwdescCandidate)

struct FwdescCandidateList {
    FwdescCandidateList *next;
    FwdescCandidate *value;
};

void qapi_free_FwdescCandidateList(FwdescCandidateList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescCandidateList, qapi_free_FwdescCandidateList)

struct FwdescSelectReport {
    char *chosen;
    char *chosen_bytes;
    FwdescCandidateList *candidates;
};

void qapi_free_FwdescSelectReport(FwdescSelectReport *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescSelectReport, qapi_free_FwdescSelectReport)

struct FwdescInstantiateReport {
    char *created;
    char *created_bytes;
};

void qapi_free_FwdescInstantiateReport(FwdescInstantiateReport *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescInstantiateReport, qapi_free_FwdescInstantiateReport)

#endif /* FWDESC_REPORT_QAPI_TYPES_H */
