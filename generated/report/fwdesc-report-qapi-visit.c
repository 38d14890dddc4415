/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Visitor functions for the types of the schema
 */

#define QAPI_NO_JSON_GLIB
#include <assert.h>
#include <stdlib.h>

#include "qapi/error.h"
#include "qapi/qemu-compat.h"
#include "fwdesc-report-qapi-visit.h"
#include "fwdesc-report-qapi-features.h"

bool visit_type_FwdescSeverity(Visitor *v, const char *name,
                 FwdescSeverity *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FwdescSeverity_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FwdescFileStatus(Visitor *v, const char *name,
                 FwdescFileStatus *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FwdescFileStatus_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FwdescProblem_members(Visitor *v, FwdescProblem *obj, GError **errp)
{
    if (!visit_type_FwdescSeverity(v, "severity", &obj->severity, errp)) {
        return false;
    }
    if (!visit_type_str(v, "path", &obj->path, errp)) {
        return false;
    }
    if (visit_optional(v, "line", &obj->has_line)) {
        if (!visit_type_int(v, "line", &obj->line, errp)) {
            return false;
        }
    }
    if (visit_optional(v, "column", &obj->has_column)) {
        if (!visit_type_int(v, "column", &obj->column, errp)) {
            return false;
        }
    }
    if (!visit_type_str(v, "message", &obj->message, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescProblem(Visitor *v, const char *name,
                 FwdescProblem **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescProblem), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescProblem_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescProblem(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescProblemList(Visitor *v, const char *name,
                 FwdescProblemList **obj, GError **errp)
{
    bool ok = false;
    FwdescProblemList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescProblemList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescProblem(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescProblemList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescValidatedFile_members(Visitor *v, FwdescValidatedFile *obj, GError **errp)
{
    bool has_file_bytes = !!obj->file_bytes;
    bool has_reason = !!obj->reason;

    if (!visit_type_str(v, "file", &obj->file, errp)) {
        return false;
    }
    if (visit_optional(v, "file-bytes", &has_file_bytes)) {
        if (!visit_type_str(v, "file-bytes", &obj->file_bytes, errp)) {
            return false;
        }
    }
    if (!visit_type_FwdescFileStatus(v, "status", &obj->status, errp)) {
        return false;
    }
    if (visit_optional(v, "reason", &has_reason)) {
        if (!visit_type_str(v, "reason", &obj->reason, errp)) {
            return false;
        }
    }
    if (!visit_type_FwdescProblemList(v, "problems", &obj->problems, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescValidatedFile(Visitor *v, const char *name,
                 FwdescValidatedFile **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescValidatedFile), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescValidatedFile_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescValidatedFile(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescValidatedFileList(Visitor *v, const char *name,
                 FwdescValidatedFileList **obj, GError **errp)
{
    bool ok = false;
    FwdescValidatedFileList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescValidatedFileList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescValidatedFile(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescValidatedFileList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescValidateReport_members(Visitor *v, FwdescValidateReport *obj, GError **errp)
{
    if (!visit_type_FwdescValidatedFileList(v, "files", &obj->files, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescValidateReport(Visitor *v, const char *name,
                 FwdescValidateReport **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescValidateReport), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescValidateReport_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescValidateReport(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescLintProblem_members(Visitor *v, FwdescLintProblem *obj, GError **errp)
{
    bool has_file_bytes = !!obj->file_bytes;

    if (!visit_type_str(v, "file", &obj->file, errp)) {
        return false;
    }
    if (visit_optional(v, "file-bytes", &has_file_bytes)) {
        if (!visit_type_str(v, "file-bytes", &obj->file_bytes, errp)) {
            return false;
        }
    }
    if (!visit_type_FwdescProblem(v, "diagnostic", &obj->diagnostic, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescLintProblem(Visitor *v, const char *name,
                 FwdescLintProblem **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescLintProblem), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescLintProblem_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescLintProblem(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescLintProblemList(Visitor *v, const char *name,
                 FwdescLintProblemList **obj, GError **errp)
{
    bool ok = false;
    FwdescLintProblemList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescLintProblemList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescLintProblem(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescLintProblemList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescLintReport_members(Visitor *v, FwdescLintReport *obj, GError **errp)
{
    if (!visit_type_FwdescLintProblemList(v, "problems", &obj->problems, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescLintReport(Visitor *v, const char *name,
                 FwdescLintReport **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescLintReport), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescLintReport_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescLintReport(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescCatalogEntry_members(Visitor *v, FwdescCatalogEntry *obj, GError **errp)
{
    bool has_name_bytes = !!obj->name_bytes;
    bool has_path_bytes = !!obj->path_bytes;
    bool has_reason = !!obj->reason;

    if (!visit_type_str(v, "name", &obj->name, errp)) {
        return false;
    }
    if (visit_optional(v, "name-bytes", &has_name_bytes)) {
        if (!visit_type_str(v, "name-bytes", &obj->name_bytes, errp)) {
            return false;
        }
    }
    if (!visit_type_str(v, "path", &obj->path, errp)) {
        return false;
    }
    if (visit_optional(v, "path-bytes", &has_path_bytes)) {
        if (!visit_type_str(v, "path-bytes", &obj->path_bytes, errp)) {
            return false;
        }
    }
    if (!visit_type_FwdescFileStatus(v, "status", &obj->status, errp)) {
        return false;
    }
    if (visit_optional(v, "reason", &has_reason)) {
        if (!visit_type_str(v, "reason", &obj->reason, errp)) {
            return false;
        }
    }
    return true;
}

bool visit_type_FwdescCatalogEntry(Visitor *v, const char *name,
                 FwdescCatalogEntry **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescCatalogEntry), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescCatalogEntry_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescCatalogEntry(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescListEntry_members(Visitor *v, FwdescListEntry *obj, GError **errp)
{
    if (!visit_type_FwdescCatalogEntry_members(v, (FwdescCatalogEntry *)obj, errp)) {
        return false;
    }
    if (!visit_type_FwdescProblemList(v, "problems", &obj->problems, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescListEntry(Visitor *v, const char *name,
                 FwdescListEntry **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescListEntry), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescListEntry_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescListEntry(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescListEntryList(Visitor *v, const char *name,
                 FwdescListEntryList **obj, GError **errp)
{
    bool ok = false;
    FwdescListEntryList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescListEntryList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescListEntry(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescListEntryList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescListReport_members(Visitor *v, FwdescListReport *obj, GError **errp)
{
    if (!visit_type_FwdescListEntryList(v, "entries", &obj->entries, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescListReport(Visitor *v, const char *name,
                 FwdescListReport **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescListReport), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescListReport_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescListReport(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescReasonCode(Visitor *v, const char *name,
                 FwdescReasonCode *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FwdescReasonCode_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FwdescSelectionReason_members(Visitor *v, FwdescSelectionReason *obj, GError **errp)
{
    if (!visit_type_FwdescReasonCode(v, "code", &obj->code, errp)) {
        return false;
    }
    if (!visit_type_str(v, "message", &obj->message, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescSelectionReason(Visitor *v, const char *name,
                 FwdescSelectionReason **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescSelectionReason), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescSelectionReason_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescSelectionReason(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescSelectionReasonList(Visitor *v, const char *name,
                 FwdescSelectionReasonList **obj, GError **errp)
{
    bool ok = false;
    FwdescSelectionReasonList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescSelectionReasonList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescSelectionReason(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescSelectionReasonList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescCandidate_members(Visitor *v, FwdescCandidate *obj, GError **errp)
{
    bool has_rejected = !!obj->rejected;

    if (!visit_type_FwdescCatalogEntry_members(v, (FwdescCatalogEntry *)obj, errp)) {
        return false;
    }
    if (!visit_type_bool(v, "chosen", &obj->chosen, errp)) {
        return false;
    }
    if (visit_optional(v, "rejected", &has_rejected)) {
        if (!visit_type_str(v, "rejected", &obj->rejected, errp)) {
            return false;
        }
    }
    if (visit_optional(v, "reasons", &obj->has_reasons)) {
        if (!visit_type_FwdescSelectionReasonList(v, "reasons", &obj->reasons, errp)) {
            return false;
        }
    }
    return true;
}

bool visit_type_FwdescCandidate(Visitor *v, const char *name,
                 FwdescCandidate **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescCandidate), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescCandidate_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescCandidate(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescCandidateList(Visitor *v, const char *name,
                 FwdescCandidateList **obj, GError **errp)
{
    bool ok = false;
    FwdescCandidateList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FwdescCandidateList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FwdescCandidate(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescCandidateList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescSelectReport_members(Visitor *v, FwdescSelectReport *obj, GError **errp)
{
    bool has_chosen = !!obj->chosen;
    bool has_chosen_bytes = !!obj->chosen_bytes;

    if (visit_optional(v, "chosen", &has_chosen)) {
        if (!visit_type_str(v, "chosen", &obj->chosen, errp)) {
            return false;
        }
    }
    if (visit_optional(v, "chosen-bytes", &has_chosen_bytes)) {
        if (!visit_type_str(v, "chosen-bytes", &obj->chosen_bytes, errp)) {
            return false;
        }
    }
    if (!visit_type_FwdescCandidateList(v, "candidates", &obj->candidates, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FwdescSelectReport(Visitor *v, const char *name,
                 FwdescSelectReport **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescSelectReport), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescSelectReport_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescSelectReport(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FwdescInstantiateReport_members(Visitor *v, FwdescInstantiateReport *obj, GError **errp)
{
    bool has_created_bytes = !!obj->created_bytes;

    if (!visit_type_str(v, "created", &obj->created, errp)) {
        return false;
    }
    if (visit_optional(v, "created-bytes", &has_created_bytes)) {
        if (!visit_type_str(v, "created-bytes", &obj->created_bytes, errp)) {
            return false;
        }
    }
    return true;
}

bool visit_type_FwdescInstantiateReport(Visitor *v, const char *name,
                 FwdescInstantiateReport **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FwdescInstantiateReport), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FwdescInstantiateReport_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FwdescInstantiateReport(*obj);
        *obj = NULL;
    }
    return ok;
}
