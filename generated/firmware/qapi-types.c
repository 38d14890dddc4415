/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * C types for the definitions of the schema
 */

#define QAPI_NO_JSON_GLIB
#include "qapi/dealloc-visitor.h"
#include "qapi-types.h"
#include "qapi-visit.h"
#include "qapi-features.h"

const QEnumLookup FirmwareOSInterface_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_OS_INTERFACE_BIOS] = "bios",
        [FIRMWARE_OS_INTERFACE_OPENFIRMWARE] = "openfirmware",
        [FIRMWARE_OS_INTERFACE_UBOOT] = "uboot",
        [FIRMWARE_OS_INTERFACE_UEFI] = "uefi",
    },
    .size = FIRMWARE_OS_INTERFACE__MAX
};

const QEnumLookup FirmwareDevice_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_DEVICE_FLASH] = "flash",
        [FIRMWARE_DEVICE_KERNEL] = "kernel",
        [FIRMWARE_DEVICE_MEMORY] = "memory",
        [FIRMWARE_DEVICE_IGVM] = "igvm",
    },
    .size = FIRMWARE_DEVICE__MAX
};

const QEnumLookup FirmwareArchitecture_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_ARCHITECTURE_AARCH64] = "aarch64",
        [FIRMWARE_ARCHITECTURE_ARM] = "arm",
        [FIRMWARE_ARCHITECTURE_I386] = "i386",
        [FIRMWARE_ARCHITECTURE_LOONGARCH64] = "loongarch64",
        [FIRMWARE_ARCHITECTURE_RISCV64] = "riscv64",
        [FIRMWARE_ARCHITECTURE_X86_64] = "x86_64",
    },
    .size = FIRMWARE_ARCHITECTURE__MAX
};

void qapi_free_FirmwareTarget(FirmwareTarget *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareTarget(v, NULL, &obj, NULL);
    visit_free(v);
}

const QEnumLookup FirmwareFeature_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_FEATURE_ACPI_S3] = "acpi-s3",
        [FIRMWARE_FEATURE_ACPI_S4] = "acpi-s4",
        [FIRMWARE_FEATURE_AMD_SEV] = "amd-sev",
        [FIRMWARE_FEATURE_AMD_SEV_ES] = "amd-sev-es",
        [FIRMWARE_FEATURE_AMD_SEV_SNP] = "amd-sev-snp",
        [FIRMWARE_FEATURE_INTEL_TDX] = "intel-tdx",
        [FIRMWARE_FEATURE_ENROLLED_KEYS] = "enrolled-keys",
        [FIRMWARE_FEATURE_REQUIRES_SMM] = "requires-smm",
        [FIRMWARE_FEATURE_SECURE_BOOT] = "secure-boot",
        [FIRMWARE_FEATURE_HOST_UEFI_VARS] = "host-uefi-vars",
        [FIRMWARE_FEATURE_VERBOSE_DYNAMIC] = "verbose-dynamic",
        [FIRMWARE_FEATURE_VERBOSE_STATIC] = "verbose-static",
    },
    .size = FIRMWARE_FEATURE__MAX
};

const QEnumLookup FirmwareFormat_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_FORMAT_RAW] = "raw",
        [FIRMWARE_FORMAT_QCOW2] = "qcow2",
    },
    .size = FIRMWARE_FORMAT__MAX
};

void qapi_free_FirmwareFlashFile(FirmwareFlashFile *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareFlashFile(v, NULL, &obj, NULL);
    visit_free(v);
}

const QEnumLookup FirmwareFlashMode_lookup = {
    .array = (const char *const[]) {
        [FIRMWARE_FLASH_MODE_SPLIT] = "split",
        [FIRMWARE_FLASH_MODE_COMBINED] = "combined",
        [FIRMWARE_FLASH_MODE_STATELESS] = "stateless",
    },
    .size = FIRMWARE_FLASH_MODE__MAX
};

void qapi_free_FirmwareMappingFlash(FirmwareMappingFlash *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareMappingFlash(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareMappingKernel(FirmwareMappingKernel *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareMappingKernel(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareMappingMemory(FirmwareMappingMemory *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareMappingMemory(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareMappingIgvm(FirmwareMappingIgvm *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareMappingIgvm(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareMapping(FirmwareMapping *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareMapping(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareOSInterfaceList(FirmwareOSInterfaceList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareOSInterfaceList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareTargetList(FirmwareTargetList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareTargetList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_FirmwareFeatureList(FirmwareFeatureList *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_FirmwareFeatureList(v, NULL, &obj, NULL);
    visit_free(v);
}

void qapi_free_Firmware(Firmware *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }

    v = qapi_dealloc_visitor_new();
    visit_type_Firmware(v, NULL, &obj, NULL);
    visit_free(v);
}
