/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A program outside the tree, built against an installed fwdesc with
 * nothing but `pkg-config --cflags --libs fwdesc`: it loads a descriptor
 * strictly and prints what it found, then the canonical text.
 */
#include <stdio.h>
#include <fwdesc/fwdesc.h>

int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) desc = NULL;
    g_autofree char *json = NULL;
    const Firmware *fw;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DESCRIPTOR\n", argv[0]);
        return 2;
    }
    desc = fwdesc_descriptor_load_file(argv[1], FWDESC_LOAD_STRICT, diags,
                                       &error);
    if (!desc) {
        fprintf(stderr, "%s\n", error->message);
        return 1;
    }
    fw = fwdesc_descriptor_get_firmware(desc);
    printf("library %s\n", fwdesc_version());
    printf("description: %s\n", fw->description);
    printf("device: %s\n", FirmwareDevice_str(fw->mapping->device));
    json = fwdesc_descriptor_to_json(desc);
    fputs(json, stdout);
    return 0;
}
