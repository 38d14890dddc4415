/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * C types for the definitions of the schema
 */

#ifndef QAPI_TYPES_H
#define QAPI_TYPES_H

#include "qapi/qapi-builtin-types.h"

typedef enum FirmwareOSInterface {
    FIRMWARE_OS_INTERFACE_BIOS,
    FIRMWARE_OS_INTERFACE_OPENFIRMWARE,
    FIRMWARE_OS_INTERFACE_UBOOT,
    FIRMWARE_OS_INTERFACE_UEFI,
    FIRMWARE_OS_INTERFACE__MAX,
} FirmwareOSInterface;

#define FirmwareOSInterface_str(val) \
    qapi_enum_lookup(&FirmwareOSInterface_lookup, (val))

extern const QEnumLookup FirmwareOSInterface_lookup;

typedef enum FirmwareDevice {
    FIRMWARE_DEVICE_FLASH,
    FIRMWARE_DEVICE_KERNEL,
    FIRMWARE_DEVICE_MEMORY,
    FIRMWARE_DEVICE_IGVM,
    FIRMWARE_DEVICE__MAX,
} FirmwareDevice;

#define FirmwareDevice_str(val) \
    qapi_enum_lookup(&FirmwareDevice_lookup, (val))

extern const QEnumLookup FirmwareDevice_lookup;

typedef enum FirmwareArchitecture {
    FIRMWARE_ARCHITECTURE_AARCH64,
    FIRMWARE_ARCHITECTURE_ARM,
    FIRMWARE_ARCHITECTURE_I386,
    FIRMWARE_ARCHITECTURE_LOONGARCH64,
    FIRMWARE_ARCHITECTURE_RISCV64,
    FIRMWARE_ARCHITECTURE_X86_64,
    FIRMWARE_ARCHITECTURE__MAX,
} FirmwareArchitecture;

#define FirmwareArchitecture_str(val) \
    qapi_enum_lookup(&FirmwareArchitecture_lookup, (val))

extern const QEnumLookup FirmwareArchitecture_lookup;

typedef struct FirmwareTarget FirmwareTarget;

typedef enum FirmwareFeature {
    FIRMWARE_FEATURE_ACPI_S3,
    FIRMWARE_FEATURE_ACPI_S4,
    FIRMWARE_FEATURE_AMD_SEV,
    FIRMWARE_FEATURE_AMD_SEV_ES,
    FIRMWARE_FEATURE_AMD_SEV_SNP,
    FIRMWARE_FEATURE_INTEL_TDX,
    FIRMWARE_FEATURE_ENROLLED_KEYS,
    FIRMWARE_FEATURE_REQUIRES_SMM,
    FIRMWARE_FEATURE_SECURE_BOOT,
    FIRMWARE_FEATURE_HOST_UEFI_VARS,
    FIRMWARE_FEATURE_VERBOSE_DYNAMIC,
    FIRMWARE_FEATURE_VERBOSE_STATIC,
    FIRMWARE_FEATURE__MAX,
} FirmwareFeature;

#define FirmwareFeature_str(val) \
    qapi_enum_lookup(&FirmwareFeature_lookup, (val))

extern const QEnumLookup FirmwareFeature_lookup;

typedef enum FirmwareFormat {
    FIRMWARE_FORMAT_RAW,
    FIRMWARE_FORMAT_QCOW2,
    FIRMWARE_FORMAT__MAX,
} FirmwareFormat;

#define FirmwareFormat_str(val) \
    qapi_enum_lookup(&FirmwareFormat_lookup, (val))

extern const QEnumLookup FirmwareFormat_lookup;

typedef struct FirmwareFlashFile FirmwareFlashFile;

typedef enum FirmwareFlashMode {
    FIRMWARE_FLASH_MODE_SPLIT,
    FIRMWARE_FLASH_MODE_COMBINED,
    FIRMWARE_FLASH_MODE_STATELESS,
    FIRMWARE_FLASH_MODE__MAX,
} FirmwareFlashMode;

#define FirmwareFlashMode_str(val) \
    qapi_enum_lookup(&FirmwareFlashMode_lookup, (val))

extern const QEnumLookup FirmwareFlashMode_lookup;

typedef struct FirmwareMappingFlash FirmwareMappingFlash;

typedef struct FirmwareMappingKernel FirmwareMappingKernel;

typedef struct FirmwareMappingMemory FirmwareMappingMemory;

typedef struct FirmwareMappingIgvm FirmwareMappingIgvm;

typedef struct q_obj_FirmwareMapping_base q_obj_FirmwareMapping_base;

typedef struct FirmwareMapping FirmwareMapping;

typedef struct FirmwareOSInterfaceList FirmwareOSInterfaceList;

typedef struct FirmwareTargetList FirmwareTargetList;

typedef struct FirmwareFeatureList FirmwareFeatureList;

typedef struct Firmware Firmware;

struct FirmwareTarget {
    FirmwareArchitecture architecture;
    strList *machines;
};

void qapi_free_FirmwareTarget(FirmwareTarget *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareTarget, qapi_free_FirmwareTarget)

struct FirmwareFlashFile {
    char *filename;
    FirmwareFormat format;
};

void qapi_free_FirmwareFlashFile(FirmwareFlashFile *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareFlashFile, qapi_free_FirmwareFlashFile)

struct FirmwareMappingFlash {
    bool has_mode;
    FirmwareFlashMode mode;
    FirmwareFlashFile *executable;
    FirmwareFlashFile *nvram_template;
};

void qapi_free_FirmwareMappingFlash(FirmwareMappingFlash *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareMappingFlash, qapi_free_FirmwareMappingFlash)

struct FirmwareMappingKernel {
    char *filename;
};

void qapi_free_FirmwareMappingKernel(FirmwareMappingKernel *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareMappingKernel, qapi_free_FirmwareMappingKernel)

struct FirmwareMappingMemory {
    char *filename;
};

void qapi_free_FirmwareMappingMemory(FirmwareMappingMemory *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareMappingMemory, qapi_free_FirmwareMappingMemory)

struct FirmwareMappingIgvm {
    char *filename;
};

void qapi_free_FirmwareMappingIgvm(FirmwareMappingIgvm *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareMappingIgvm, qapi_free_FirmwareMappingIgvm)

struct q_obj_FirmwareMapping_base {
    FirmwareDevice device;
};

struct FirmwareMapping {
    FirmwareDevice device;
    union { /* the branch @device selects */
        FirmwareMappingFlash flash;
        FirmwareMappingKernel kernel;
        FirmwareMappingMemory memory;
        FirmwareMappingIgvm igvm;
    } u;
};

void qapi_free_FirmwareMapping(FirmwareMapping *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareMapping, qapi_free_FirmwareMapping)

struct FirmwareOSInterfaceList {
    FirmwareOSInterfaceList *next;
    FirmwareOSInterface value;
};

void qapi_free_FirmwareOSInterfaceList(FirmwareOSInterfaceList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareOSInterfaceList, qapi_free_FirmwareOSInterfaceList)

struct FirmwareTargetList {
    FirmwareTargetList *next;
    FirmwareTarget *value;
};

void qapi_free_FirmwareTargetList(FirmwareTargetList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareTargetList, qapi_free_FirmwareTargetList)

struct FirmwareFeatureList {
    FirmwareFeatureList *next;
    FirmwareFeature value;
};

void qapi_free_FirmwareFeatureList(FirmwareFeatureList *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmwareFeatureList, qapi_free_FirmwareFeatureList)

struct Firmware {
    char *description;
    FirmwareOSInterfaceList *interface_types;
    FirmwareMapping *mapping;
    FirmwareTargetList *targets;
    FirmwareFeatureList *features;
    strList *tags;
};

void qapi_free_Firmware(Firmware *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Firmware, qapi_free_Firmware)

#endif /* QAPI_TYPES_H */
