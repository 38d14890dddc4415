/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The firmware layer's input policy, stated once as data: what a strict
 * and a tolerant load accept of a descriptor written for a newer schema.
 * Keyed by the generated enum tables and union table, so that the one
 * visit of the runtime decides, and descriptor.c names no member.
 */
#include "firmware/qapi-types.h"
#include "firmware/qapi-unions-firmware.h"
#include "fwdesc-private.h"

/*
 * Tolerant loading: an unknown feature is dropped and remembered (the
 * firmware still works, it only does something more); an unknown value of
 * any other enum changes what the descriptor means, so the descriptor is
 * unsupported.
 */
static const QapiEnumRule tolerant_enums[] = {
    { &FirmwareFeature_lookup, QAPI_INPUT_DROP },
    { &FirmwareDevice_lookup, QAPI_INPUT_UNSUPPORTED },
    { &FirmwareFlashMode_lookup, QAPI_INPUT_UNSUPPORTED },
    { &FirmwareArchitecture_lookup, QAPI_INPUT_UNSUPPORTED },
    { &FirmwareFormat_lookup, QAPI_INPUT_UNSUPPORTED },
    { &FirmwareOSInterface_lookup, QAPI_INPUT_UNSUPPORTED },
    { NULL, QAPI_INPUT_DEFAULT },
};

static const QapiInputPolicy strict_policy = {
    .unknown_member = QAPI_INPUT_ERROR,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
    .unions = firmware_qapi_unions,
};

/*
 * Members libvirt reads neither of: a tolerant load does without them
 * (a warning; read as empty).  libvirt's own test descriptor
 * 50-edk2-loongarch64.json has no description.
 */
static const QapiMemberRule tolerant_members[] = {
    { "description", QAPI_INPUT_WARN },
    { "tags", QAPI_INPUT_WARN },
    { NULL, QAPI_INPUT_DEFAULT },
};

/* Members of another branch only warn: a newer schema may add them to
 * this one (QEMU's proposed memory mapping with an executable). */
static const QapiInputPolicy tolerant_policy = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
    .enums = tolerant_enums,
    .members = tolerant_members,
    .unions = firmware_qapi_unions,
};

const QapiInputPolicy *
fwdesc_input_policy(gboolean tolerant)
{
    return tolerant ? &tolerant_policy : &strict_policy;
}
