/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * The members of each union branch
 */

#include "qapi-unions-firmware.h"
#include "qapi-types.h"

static const char *const FirmwareMapping_flash_members[] = {
    "mode",
    "executable",
    "nvram-template",
    NULL,
};

static const char *const FirmwareMapping_kernel_members[] = {
    "filename",
    NULL,
};

static const char *const FirmwareMapping_memory_members[] = {
    "filename",
    NULL,
};

static const char *const FirmwareMapping_igvm_members[] = {
    "filename",
    NULL,
};

/* Ends with a terminator that n_branches does not count. */
static const QapiUnionBranch FirmwareMapping_branches[] = {
    { FIRMWARE_DEVICE_FLASH, "flash", FirmwareMapping_flash_members },
    { FIRMWARE_DEVICE_KERNEL, "kernel", FirmwareMapping_kernel_members },
    { FIRMWARE_DEVICE_MEMORY, "memory", FirmwareMapping_memory_members },
    { FIRMWARE_DEVICE_IGVM, "igvm", FirmwareMapping_igvm_members },
    { 0, NULL, NULL },
};

static const size_t FirmwareMapping_frames[] = {
    sizeof(FirmwareMapping),
};

const QapiUnionInfo firmware_qapi_unions[] = {
    { "FirmwareMapping", "device", &FirmwareDevice_lookup, FirmwareMapping_branches,
      G_N_ELEMENTS(FirmwareMapping_branches) - 1,
      FirmwareMapping_frames, G_N_ELEMENTS(FirmwareMapping_frames) },
    { NULL, NULL, NULL, NULL, 0, NULL, 0 },
};
