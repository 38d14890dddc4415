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
#include "qapi-visit.h"
#include "qapi-features.h"

bool visit_type_FirmwareOSInterface(Visitor *v, const char *name,
                 FirmwareOSInterface *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareOSInterface_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareDevice(Visitor *v, const char *name,
                 FirmwareDevice *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareDevice_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareArchitecture(Visitor *v, const char *name,
                 FirmwareArchitecture *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareArchitecture_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareTarget_members(Visitor *v, FirmwareTarget *obj, GError **errp)
{
    if (!visit_type_FirmwareArchitecture(v, "architecture", &obj->architecture, errp)) {
        return false;
    }
    if (!visit_type_strList(v, "machines", &obj->machines, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareTarget(Visitor *v, const char *name,
                 FirmwareTarget **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareTarget), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareTarget_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareTarget(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareFeature(Visitor *v, const char *name,
                 FirmwareFeature *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareFeature_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareFormat(Visitor *v, const char *name,
                 FirmwareFormat *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareFormat_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareFlashFile_members(Visitor *v, FirmwareFlashFile *obj, GError **errp)
{
    if (!visit_type_str(v, "filename", &obj->filename, errp)) {
        return false;
    }
    if (!visit_type_FirmwareFormat(v, "format", &obj->format, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareFlashFile(Visitor *v, const char *name,
                 FirmwareFlashFile **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareFlashFile), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareFlashFile_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareFlashFile(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareFlashMode(Visitor *v, const char *name,
                 FirmwareFlashMode *obj, GError **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &FirmwareFlashMode_lookup, errp);
    *obj = value;
    return ok;
}

bool visit_type_FirmwareMappingFlash_members(Visitor *v, FirmwareMappingFlash *obj, GError **errp)
{
    bool has_nvram_template = !!obj->nvram_template;

    if (visit_optional(v, "mode", &obj->has_mode)) {
        if (!visit_type_FirmwareFlashMode(v, "mode", &obj->mode, errp)) {
            return false;
        }
    }
    if (!visit_type_FirmwareFlashFile(v, "executable", &obj->executable, errp)) {
        return false;
    }
    if (visit_optional(v, "nvram-template", &has_nvram_template)) {
        if (!visit_type_FirmwareFlashFile(v, "nvram-template", &obj->nvram_template, errp)) {
            return false;
        }
    }
    return true;
}

bool visit_type_FirmwareMappingFlash(Visitor *v, const char *name,
                 FirmwareMappingFlash **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareMappingFlash), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareMappingFlash_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareMappingFlash(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareMappingKernel_members(Visitor *v, FirmwareMappingKernel *obj, GError **errp)
{
    if (!visit_type_str(v, "filename", &obj->filename, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareMappingKernel(Visitor *v, const char *name,
                 FirmwareMappingKernel **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareMappingKernel), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareMappingKernel_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareMappingKernel(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareMappingMemory_members(Visitor *v, FirmwareMappingMemory *obj, GError **errp)
{
    if (!visit_type_str(v, "filename", &obj->filename, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareMappingMemory(Visitor *v, const char *name,
                 FirmwareMappingMemory **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareMappingMemory), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareMappingMemory_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareMappingMemory(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareMappingIgvm_members(Visitor *v, FirmwareMappingIgvm *obj, GError **errp)
{
    if (!visit_type_str(v, "filename", &obj->filename, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareMappingIgvm(Visitor *v, const char *name,
                 FirmwareMappingIgvm **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareMappingIgvm), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareMappingIgvm_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareMappingIgvm(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_q_obj_FirmwareMapping_base_members(Visitor *v, q_obj_FirmwareMapping_base *obj, GError **errp)
{
    if (!visit_type_FirmwareDevice(v, "device", &obj->device, errp)) {
        return false;
    }
    return true;
}

bool visit_type_FirmwareMapping_members(Visitor *v, FirmwareMapping *obj, GError **errp)
{
    if (!visit_type_q_obj_FirmwareMapping_base_members(v, (q_obj_FirmwareMapping_base *)obj, errp)) {
        return false;
    }
    switch (obj->device) {
    case FIRMWARE_DEVICE_FLASH:
        return visit_type_FirmwareMappingFlash_members(v, &obj->u.flash, errp);
    case FIRMWARE_DEVICE_KERNEL:
        return visit_type_FirmwareMappingKernel_members(v, &obj->u.kernel, errp);
    case FIRMWARE_DEVICE_MEMORY:
        return visit_type_FirmwareMappingMemory_members(v, &obj->u.memory, errp);
    case FIRMWARE_DEVICE_IGVM:
        return visit_type_FirmwareMappingIgvm_members(v, &obj->u.igvm, errp);
    default:
        abort();
    }
    return true;
}

bool visit_type_FirmwareMapping(Visitor *v, const char *name,
                 FirmwareMapping **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(FirmwareMapping), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_FirmwareMapping_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareMapping(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareOSInterfaceList(Visitor *v, const char *name,
                 FirmwareOSInterfaceList **obj, GError **errp)
{
    bool ok = false;
    FirmwareOSInterfaceList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FirmwareOSInterfaceList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FirmwareOSInterface(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareOSInterfaceList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareTargetList(Visitor *v, const char *name,
                 FirmwareTargetList **obj, GError **errp)
{
    bool ok = false;
    FirmwareTargetList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FirmwareTargetList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FirmwareTarget(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareTargetList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_FirmwareFeatureList(Visitor *v, const char *name,
                 FirmwareFeatureList **obj, GError **errp)
{
    bool ok = false;
    FirmwareFeatureList *tail;
    size_t size = sizeof(**obj);

    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {
        return false;
    }

    for (tail = *obj; tail;
         tail = (FirmwareFeatureList *)visit_next_list(v, (GenericList *)tail, size)) {
        if (!visit_type_FirmwareFeature(v, NULL, &tail->value, errp)) {
            goto out_obj;
        }
    }

    ok = visit_check_list(v, errp);
out_obj:
    visit_end_list(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_FirmwareFeatureList(*obj);
        *obj = NULL;
    }
    return ok;
}

bool visit_type_Firmware_members(Visitor *v, Firmware *obj, GError **errp)
{
    if (!visit_type_str(v, "description", &obj->description, errp)) {
        return false;
    }
    if (!visit_type_FirmwareOSInterfaceList(v, "interface-types", &obj->interface_types, errp)) {
        return false;
    }
    if (!visit_type_FirmwareMapping(v, "mapping", &obj->mapping, errp)) {
        return false;
    }
    if (!visit_type_FirmwareTargetList(v, "targets", &obj->targets, errp)) {
        return false;
    }
    if (!visit_type_FirmwareFeatureList(v, "features", &obj->features, errp)) {
        return false;
    }
    if (!visit_type_strList(v, "tags", &obj->tags, errp)) {
        return false;
    }
    return true;
}

bool visit_type_Firmware(Visitor *v, const char *name,
                 Firmware **obj, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(Firmware), errp)) {
        return false;
    }
    if (!*obj) {
        /* left NULL by an input visit that failed: nothing to free */
        assert(visit_is_dealloc(v));
        ok = true;
        goto out_obj;
    }
    if (!visit_type_Firmware_members(v, *obj, errp)) {
        goto out_obj;
    }
    ok = visit_check_struct(v, errp);
out_obj:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_Firmware(*obj);
        *obj = NULL;
    }
    return ok;
}
