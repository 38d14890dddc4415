/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Visitor functions for the types of the schema
 */

#ifndef QAPI_VISIT_H
#define QAPI_VISIT_H

#include "qapi/qapi-builtin-visit.h"
#include "qapi-types.h"


bool visit_type_FirmwareOSInterface(Visitor *v, const char *name,
                 FirmwareOSInterface *obj, GError **errp);

bool visit_type_FirmwareDevice(Visitor *v, const char *name,
                 FirmwareDevice *obj, GError **errp);

bool visit_type_FirmwareArchitecture(Visitor *v, const char *name,
                 FirmwareArchitecture *obj, GError **errp);

bool visit_type_FirmwareTarget_members(Visitor *v, FirmwareTarget *obj, GError **errp);

bool visit_type_FirmwareTarget(Visitor *v, const char *name,
                 FirmwareTarget **obj, GError **errp);

bool visit_type_FirmwareFeature(Visitor *v, const char *name,
                 FirmwareFeature *obj, GError **errp);

bool visit_type_FirmwareFormat(Visitor *v, const char *name,
                 FirmwareFormat *obj, GError **errp);

bool visit_type_FirmwareFlashFile_members(Visitor *v, FirmwareFlashFile *obj, GError **errp);

bool visit_type_FirmwareFlashFile(Visitor *v, const char *name,
                 FirmwareFlashFile **obj, GError **errp);

bool visit_type_FirmwareFlashMode(Visitor *v, const char *name,
                 FirmwareFlashMode *obj, GError **errp);

bool visit_type_FirmwareMappingFlash_members(Visitor *v, FirmwareMappingFlash *obj, GError **errp);

bool visit_type_FirmwareMappingFlash(Visitor *v, const char *name,
                 FirmwareMappingFlash **obj, GError **errp);

bool visit_type_FirmwareMappingKernel_members(Visitor *v, FirmwareMappingKernel *obj, GError **errp);

bool visit_type_FirmwareMappingKernel(Visitor *v, const char *name,
                 FirmwareMappingKernel **obj, GError **errp);

bool visit_type_FirmwareMappingMemory_members(Visitor *v, FirmwareMappingMemory *obj, GError **errp);

bool visit_type_FirmwareMappingMemory(Visitor *v, const char *name,
                 FirmwareMappingMemory **obj, GError **errp);

bool visit_type_FirmwareMappingIgvm_members(Visitor *v, FirmwareMappingIgvm *obj, GError **errp);

bool visit_type_FirmwareMappingIgvm(Visitor *v, const char *name,
                 FirmwareMappingIgvm **obj, GError **errp);

bool visit_type_q_obj_FirmwareMapping_base_members(Visitor *v, q_obj_FirmwareMapping_base *obj, GError **errp);

bool visit_type_FirmwareMapping_members(Visitor *v, FirmwareMapping *obj, GError **errp);

bool visit_type_FirmwareMapping(Visitor *v, const char *name,
                 FirmwareMapping **obj, GError **errp);

bool visit_type_FirmwareOSInterfaceList(Visitor *v, const char *name,
                 FirmwareOSInterfaceList **obj, GError **errp);

bool visit_type_FirmwareTargetList(Visitor *v, const char *name,
                 FirmwareTargetList **obj, GError **errp);

bool visit_type_FirmwareFeatureList(Visitor *v, const char *name,
                 FirmwareFeatureList **obj, GError **errp);

bool visit_type_Firmware_members(Visitor *v, Firmware *obj, GError **errp);

bool visit_type_Firmware(Visitor *v, const char *name,
                 Firmware **obj, GError **errp);

#endif /* QAPI_VISIT_H */
