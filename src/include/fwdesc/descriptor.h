/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One firmware descriptor file: loading (strict or tolerant), the rules
 * the schema states only in prose, canonical serialization.  Writing it
 * back atomically: fwdesc/atomic-file.h.
 *
 *   g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
 *   g_autoptr(FwdescDescriptor) desc =
 *       fwdesc_descriptor_load_file("50-ovmf.json", FWDESC_LOAD_STRICT,
 *                                   diags, &error);
 *   if (!desc)
 *       ...   // diags holds every problem, error the first
 *   const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
 */
#ifndef FWDESC_DESCRIPTOR_H
#define FWDESC_DESCRIPTOR_H

#include "qapi/qapi.h"
#include "firmware/qapi-types.h"
#include "fwdesc/error.h"

G_BEGIN_DECLS

/* Descriptors are small; anything bigger is refused unread. */
#define FWDESC_MAX_DESCRIPTOR_SIZE (1u * 1024 * 1024)

typedef enum FwdescLoadFlags {
    /* Exactly the schema: every unknown member or value is an error. */
    FWDESC_LOAD_STRICT = 0,
    /*
     * What a toolstack needs to survive newer descriptors: unknown
     * members, members of another mapping branch (a newer schema may add
     * them to this one) and unknown features are warnings (the features
     * are dropped and remembered), and so is a missing description or
     * tags (read as empty; libvirt reads neither); an unknown device,
     * mode, architecture,
     * format or interface makes the descriptor unsupported
     * (FWDESC_ERROR_UNSUPPORTED) rather than invalid.  Decided in the one
     * visit of the text, by the input policy (qapi/input-policy.h).
     */
    FWDESC_LOAD_TOLERANT = 1 << 0,
} FwdescLoadFlags;

typedef struct FwdescDescriptor FwdescDescriptor;

/*
 * Load and validate the descriptor in @path.  The file is opened without
 * blocking and must be a regular file of at most
 * FWDESC_MAX_DESCRIPTOR_SIZE bytes.  When @diags is not NULL it receives
 * every problem and warning (with line and column where known): schema
 * problems, and the prose rules' (checked on what could be read, even
 * when other parts are wrong, but never on a value the document does not
 * validly have).  A problem with a member is reported at the member's
 * own path, also when it is missing ("mapping.nvram-template", placed at
 * the enclosing object).  The text is parsed exactly once and kept, for
 * the positions of later diagnostics (lint).
 * Returns NULL and sets @error (FWDESC_ERROR) on failure.
 */
FwdescDescriptor *fwdesc_descriptor_load_file(const char *path,
                                              FwdescLoadFlags flags,
                                              QapiDiagnostics *diags,
                                              GError **error);

/* As above, from @len bytes of @data (NUL-terminated if @len < 0);
 * @name (may be NULL) names the input in messages. */
FwdescDescriptor *fwdesc_descriptor_load_data(const char *data, gssize len,
                                              const char *name,
                                              FwdescLoadFlags flags,
                                              QapiDiagnostics *diags,
                                              GError **error);

/*
 * As fwdesc_descriptor_load_file(), from the open file descriptor @fd
 * (a pipe or standard input: read to its end, which is left open, and
 * refused beyond FWDESC_MAX_DESCRIPTOR_SIZE bytes); @name (may be NULL)
 * names the input in messages.  Read errors and the size limit also go
 * to @diags, as for a file.
 */
FwdescDescriptor *fwdesc_descriptor_load_fd(int fd, const char *name,
                                            FwdescLoadFlags flags,
                                            QapiDiagnostics *diags,
                                            GError **error);

/* The name fwdesc_descriptor_load_arg() gives standard input. */
#define FWDESC_STDIN_NAME "<stdin>"

/*
 * Load the descriptor a command-line argument names: "-" is standard
 * input (named FWDESC_STDIN_NAME in messages), anything else a path.
 */
FwdescDescriptor *fwdesc_descriptor_load_arg(const char *arg,
                                             FwdescLoadFlags flags,
                                             QapiDiagnostics *diags,
                                             GError **error);

/* A descriptor around a copy of @fw, checked by the prose rules. */
FwdescDescriptor *fwdesc_descriptor_new(const Firmware *fw, GError **error);

FwdescDescriptor *fwdesc_descriptor_ref(FwdescDescriptor *desc);
void fwdesc_descriptor_unref(FwdescDescriptor *desc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FwdescDescriptor, fwdesc_descriptor_unref)

/* The parsed document; absent members stay absent (has_mode false). */
const Firmware *fwdesc_descriptor_get_firmware(const FwdescDescriptor *desc);
/* The path or name it was loaded from, or NULL. */
const char *fwdesc_descriptor_get_path(const FwdescDescriptor *desc);
FirmwareDevice fwdesc_descriptor_get_device(const FwdescDescriptor *desc);
/* The flash mode, an absent mode read as split.  Only for flash. */
FirmwareFlashMode fwdesc_descriptor_get_flash_mode(
    const FwdescDescriptor *desc);
gboolean fwdesc_descriptor_has_feature(const FwdescDescriptor *desc,
                                       FirmwareFeature feature);
gboolean fwdesc_descriptor_has_interface(const FwdescDescriptor *desc,
                                         FirmwareOSInterface iface);
/* Whether some target is @arch with a machine pattern matching @machine
 * as libvirt matches ('*' and '?' only, g_pattern_match_simple: a "[5-9]"
 * class is literal text).  Aliases are not resolved here. */
gboolean fwdesc_descriptor_supports_machine(const FwdescDescriptor *desc,
                                            FirmwareArchitecture arch,
                                            const char *machine);
/* Feature names a tolerant load dropped because they are unknown
 * (NULL-terminated, possibly empty, never NULL). */
const char *const *fwdesc_descriptor_get_unknown_features(
    const FwdescDescriptor *desc);
/* The executable (flash) or the single file (memory, kernel, igvm). */
const char *fwdesc_descriptor_get_executable(const FwdescDescriptor *desc);
/* The NVRAM template's file name, or NULL. */
const char *fwdesc_descriptor_get_nvram_template(const FwdescDescriptor *desc);

/*
 * Check the rules the schema states only in prose: nvram-template present
 * for split (or absent) mode and absent otherwise, interface-types not
 * empty, verbose-dynamic and verbose-static not both.  Each broken rule
 * goes to @diags (may be NULL) as a QAPI_ERROR_SEMANTIC error at the
 * member's path ("mapping.nvram-template" whether it is missing or
 * forbidden); returns FALSE and sets @error to the first.
 */
gboolean fwdesc_firmware_check(const Firmware *fw, const char *filename,
                               QapiDiagnostics *diags, GError **error);

/* Canonical JSON text (4-space indent, schema order, final newline). */
char *fwdesc_descriptor_to_json(const FwdescDescriptor *desc);
char *fwdesc_firmware_to_json(const Firmware *fw);

G_END_DECLS

#endif /* FWDESC_DESCRIPTOR_H */
