/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The firmware library against real descriptors (../shared/corpus):
 * every file's strict and tolerant verdict, lossless round trips,
 * libvirt's search-path tree, and selection over distribution sets.
 */
#include <sys/stat.h>

#include "test-util.h"

typedef enum Verdict { OK, INVALID, UNSUPPORTED } Verdict;

typedef struct Row {
    const char *path; /* relative to the corpus */
    Verdict strict;
    Verdict tolerant;
    const char *problem; /* a member path the diagnostics must name */
} Row;

/*
 * Written from the corpus README and INDEX.tsv, and by reading the files:
 * - Gentoo's *-qemuvars-* files carry a member mapping.uefi-vars that no
 *   QEMU schema has: strict rejects it, tolerant skips it (warning).  Their
 *   feature host-uefi-vars is part of QEMU 10.2's schema.
 * - libvirt's loongarch64 input and libvirt's normalized out/ files have
 *   no "description" (out/ has no "tags" either): strictly invalid;
 *   tolerant loading reads them as libvirt does (neither member is used),
 *   with a warning each.
 * - libvirt's 93-invalid.json is {"firmware": {"invalid": true}}.
 * - riscv64, amd-sev-snp, intel-tdx, host-uefi-vars and the 38 files
 *   without "mode" are all valid against QEMU 10.2.
 * - qemu-pc-bios templates contain "@DATADIR@" paths: valid strings.
 * The symlinks and empty masking files of libvirt's etc/ and home/ trees
 * are tested as a tree below, not as single files.
 */
static const Row rows[] = {
    /* clang-format off */
    { "descriptors/arch-svntogit/50-edk2-ovmf-x86_64-secure-4m.json",
      OK, OK, NULL },
    { "descriptors/arch-svntogit/60-edk2-ovmf-microvm-4m.json",
      OK, OK, NULL },
    { "descriptors/arch-svntogit/70-edk2-ovmf-x86_64-csm-4m.json",
      OK, OK, NULL },
    { "descriptors/arch-svntogit/80-edk2-ovmf-ia32-on-x86_64-secure-4m.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/40-edk2-aarch64-secure-enrolled.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/40-edk2-x86_64-secure-enrolled.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/50-edk2-aarch64-secure.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/50-edk2-i386-secure.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/50-edk2-x86_64-secure.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/60-edk2-aarch64.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/60-edk2-arm.json",
      OK, OK, NULL },
    { "descriptors/debian-bookworm/60-edk2-x86_64.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled@2023-05-05-20d9d56.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled@2023-05-16-8a4a351.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled@2023-05-17-e709223.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-ia32-sb-enrolled@2023-05-05-08b95ee.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-ia32-sb-enrolled@2023-05-17-33f970d.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/30-edk2-ovmf-x64-sb-enrolled@2022-12-05-a0203e8.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/31-edk2-ovmf-2m-raw-x64-sb-enrolled@2023-05-05-3fbb0d7.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/31-edk2-ovmf-2m-raw-x64-sb-enrolled@2023-05-17-2ed4536.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-4m-qcow2-x64-sb@2023-05-05-7b783cf.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-4m-qcow2-x64-sb@2023-05-16-25f2ecc.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-4m-qcow2-x64-sb@2023-05-17-655dd42.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-ia32-sb-enrolled@2019-07-12-8a907de.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-ia32-sb@2023-05-05-df80f1e.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-ia32-sb@2023-05-17-1e80e58.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-x64-sb-enrolled@2019-07-12-6c2225c.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/40-edk2-ovmf-x64-sb@2022-12-05-74d00e3.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/41-edk2-ovmf-2m-raw-x64-sb@2023-05-05-ca67350.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/41-edk2-ovmf-2m-raw-x64-sb@2023-05-17-06b3ece.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-aarch64-qcow2@2023-05-05-ec0f00f.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-aarch64-qcow2@2023-05-17-79f64a1.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-arm-verbose@2023-05-05-9e2cb0d.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-arm-verbose@2023-05-17-52f9c2c.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-4m-qcow2-x64-nosb@2023-05-05-d6cfcba.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-4m-qcow2-x64-nosb@2023-05-16-eace752.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-4m-qcow2-x64-nosb@2023-05-17-d64735f.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-ia32-nosb@2023-05-05-f783475.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-ia32-nosb@2023-05-17-544f824.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-ia32-sb@2019-07-12-cb7501d.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-x64-microvm@2023-05-17-3d5b393.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/50-edk2-ovmf-x64-sb@2019-07-12-99345ca.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/51-edk2-aarch64-raw@2023-05-05-c5a73cb.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/51-edk2-aarch64-raw@2023-05-17-cabbd39.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/51-edk2-ovmf-2m-raw-x64-nosb@2023-05-05-f8c9010.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/51-edk2-ovmf-2m-raw-x64-nosb@2023-05-17-050853e.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/52-edk2-aarch64-verbose-qcow2@2023-05-05-203be4b.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/52-edk2-aarch64-verbose-qcow2@2023-05-17-4173102.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/53-edk2-aarch64-verbose-raw@2023-05-05-ceec878.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/53-edk2-aarch64-verbose-raw@2023-05-17-ec69d19.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/60-edk2-ovmf-ia32@2019-07-12-d2cb1e8.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/60-edk2-ovmf-ia32@2022-05-31-d804b2e.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/60-edk2-ovmf-x64-amdsev@2023-05-17-9a561bc.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/60-edk2-ovmf-x64-inteltdx@2023-05-17-44993ab.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/70-edk2-aarch64-verbose@2019-07-12-a553dc1.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/edk2-ovmf-amdsev@2022-11-16-278fec8.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/edk2-ovmf-cc@2021-12-02-2e52745.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/edk2-ovmf-cc@2022-11-16-68ac090.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/edk2-ovmf-nosb@2022-05-31-355691b.json",
      OK, OK, NULL },
    { "descriptors/fedora-distgit/edk2-ovmf-nosb@2022-11-16-88c0fa3.json",
      OK, OK, NULL },
    { "descriptors/fedora-recent-teobsn/50-edk2-riscv-qcow2.json",
      OK, OK, NULL },
    { "descriptors/fedora-recent-teobsn/60-edk2-ovmf-x64-amdsevsnp.json",
      OK, OK, NULL },
    { "descriptors/fedora-recent-teobsn/60-edk2-ovmf-x64-inteltdx.json",
      OK, OK, NULL },
    { "descriptors/fedora-recent-teobsn/61-edk2-ovmf-x64-amdsev.json",
      OK, OK, NULL },
    { "descriptors/gentoo/30-edk2-aarch64-qcow2-sb-enrolled.json",
      OK, OK, NULL },
    { "descriptors/gentoo/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "descriptors/gentoo/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "descriptors/gentoo/40-edk2-aarch64-qcow2-sb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/40-edk2-ovmf-4m-qcow2-x64-sb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/41-edk2-ovmf-2m-raw-x64-sb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/50-edk2-aarch64-qcow2-nosb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/50-edk2-loongarch64-qcow2-nosb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/50-edk2-ovmf-4m-qcow2-x64-nosb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/50-edk2-riscv64-qcow2-nosb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/51-edk2-ovmf-2m-raw-x64-nosb.json",
      OK, OK, NULL },
    { "descriptors/gentoo/90-edk2-aarch64-qemuvars-sb-enrolled.json",
      INVALID, OK, "mapping.uefi-vars" },
    { "descriptors/gentoo/90-edk2-ovmf-qemuvars-x64-sb-enrolled.json",
      INVALID, OK, "mapping.uefi-vars" },
    { "descriptors/libvirt-tests-fedora-derived/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/40-edk2-ovmf-4m-qcow2-x64-sb.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/41-edk2-ovmf-2m-raw-x64-sb.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/50-edk2-aarch64-qcow2.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/50-edk2-loongarch64.json",
      INVALID, OK, "description" },
    { "descriptors/libvirt-tests-fedora-derived/50-edk2-ovmf-4m-qcow2-x64-nosb.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/50-edk2-ovmf-x64-microvm.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/50-edk2-riscv-qcow2.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/51-edk2-aarch64-raw.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/51-edk2-ovmf-2m-raw-x64-nosb.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/52-edk2-aarch64-verbose-qcow2.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/53-edk2-aarch64-verbose-raw.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/60-edk2-ovmf-x64-amdsev.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/60-edk2-ovmf-x64-inteltdx.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/90-combined.json",
      OK, OK, NULL },
    { "descriptors/libvirt-tests-fedora-derived/91-bios.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/50-edk2-i386-secure.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/50-edk2-x86_64-secure.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-aarch64.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-arm.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-i386.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-loongarch64.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-riscv64.json",
      OK, OK, NULL },
    { "descriptors/qemu-pc-bios/60-edk2-x86_64.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/historical/45-ovmf-sev-stateless.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/historical/55-ovmf-sb-combined.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/historical/65-ovmf-qcow2.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/historical/66-aavmf-qcow2.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/out/usr/share/qemu/firmware/60-edk2-ovmf-x64-amdsev.json",
      INVALID, OK, "description" },
    { "libvirt-firmwaredata/out/usr/share/qemu/firmware/60-edk2-ovmf-x64-inteltdx.json",
      INVALID, OK, "description" },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/40-edk2-ovmf-4m-qcow2-x64-sb.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/41-edk2-ovmf-2m-raw-x64-sb.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/50-edk2-aarch64-qcow2.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/50-edk2-loongarch64.json",
      INVALID, OK, "description" },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/50-edk2-ovmf-4m-qcow2-x64-nosb.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/50-edk2-ovmf-x64-microvm.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/50-edk2-riscv-qcow2.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/51-edk2-aarch64-raw.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/51-edk2-ovmf-2m-raw-x64-nosb.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/52-edk2-aarch64-verbose-qcow2.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/53-edk2-aarch64-verbose-raw.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/60-edk2-ovmf-x64-amdsev.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/60-edk2-ovmf-x64-inteltdx.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/90-combined.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/91-bios.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/92-masked.json",
      OK, OK, NULL },
    { "libvirt-firmwaredata/usr/share/qemu/firmware/93-invalid.json",
      INVALID, INVALID, "firmware" },
    /* clang-format on */
};

static const char *
verdict_name(Verdict v)
{
    return v == OK ? "ok" : v == INVALID ? "invalid" : "unsupported";
}

static Verdict
load_verdict(const char *path, FwdescLoadFlags flags, QapiDiagnostics *diags)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_file(path, flags,
                                                                   diags, &err);
    if (desc) {
        g_assert_no_error(err);
        return OK;
    }
    g_assert_nonnull(err);
    g_assert_true(err->domain == FWDESC_ERROR);
    return err->code == FWDESC_ERROR_UNSUPPORTED ? UNSUPPORTED : INVALID;
}

static gboolean
diags_name_path(const QapiDiagnostics *diags, const char *path)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (d->path && g_str_has_prefix(d->path, path)) {
            return TRUE;
        }
    }
    return FALSE;
}

static void
test_verdict(gconstpointer data)
{
    const Row *row = data;
    if (!test_have_corpus()) {
        return;
    }
    g_autofree char *path = test_corpus_path(row->path);
    g_autoptr(QapiDiagnostics) sd = qapi_diagnostics_new();
    g_autoptr(QapiDiagnostics) td = qapi_diagnostics_new();
    Verdict s = load_verdict(path, FWDESC_LOAD_STRICT, sd);
    Verdict t = load_verdict(path, FWDESC_LOAD_TOLERANT, td);
    if (s != row->strict || t != row->tolerant) {
        g_test_message("%s: strict %s (expected %s), tolerant %s (expected %s)",
                       row->path, verdict_name(s), verdict_name(row->strict),
                       verdict_name(t), verdict_name(row->tolerant));
        for (guint i = 0; i < qapi_diagnostics_get_length(sd); i++) {
            g_autofree char *m = qapi_diagnostic_format(
                qapi_diagnostics_get(sd, i));
            g_test_message("  %s", m);
        }
        g_test_fail();
        return;
    }
    if (row->problem) {
        g_assert_true(diags_name_path(sd, row->problem));
    }
    /* Strict failures have errors; tolerant successes only warnings. */
    g_assert_cmpuint(qapi_diagnostics_count(sd, QAPI_SEVERITY_ERROR) > 0, ==,
                     s != OK);
    if (t == OK) {
        g_assert_cmpuint(qapi_diagnostics_count(td, QAPI_SEVERITY_ERROR), ==,
                         0);
    }
}

/* --- round trip --- */

static gboolean
str_lists_equal(const strList *a, const strList *b)
{
    for (; a && b; a = a->next, b = b->next) {
        if (strcmp(a->value, b->value)) {
            return FALSE;
        }
    }
    return !a && !b;
}

static gboolean
flash_files_equal(const FirmwareFlashFile *a, const FirmwareFlashFile *b)
{
    if (!a || !b) {
        return a == b;
    }
    return !strcmp(a->filename, b->filename) && a->format == b->format;
}

/* Member by member, has_mode included: the struct must survive. */
static gboolean
firmware_equal(const Firmware *a, const Firmware *b)
{
    if (strcmp(a->description, b->description)
        || !str_lists_equal(a->tags, b->tags)) {
        return FALSE;
    }
    const FirmwareOSInterfaceList *ia = a->interface_types;
    const FirmwareOSInterfaceList *ib = b->interface_types;
    for (; ia && ib; ia = ia->next, ib = ib->next) {
        if (ia->value != ib->value) {
            return FALSE;
        }
    }
    const FirmwareFeatureList *fa = a->features, *fb = b->features;
    for (; fa && fb; fa = fa->next, fb = fb->next) {
        if (fa->value != fb->value) {
            return FALSE;
        }
    }
    const FirmwareTargetList *ta = a->targets, *tb = b->targets;
    for (; ta && tb; ta = ta->next, tb = tb->next) {
        if (ta->value->architecture != tb->value->architecture
            || !str_lists_equal(ta->value->machines, tb->value->machines)) {
            return FALSE;
        }
    }
    if (ia || ib || fa || fb || ta || tb) {
        return FALSE;
    }
    const FirmwareMapping *ma = a->mapping, *mb = b->mapping;
    if (ma->device != mb->device) {
        return FALSE;
    }
    switch (ma->device) {
    case FIRMWARE_DEVICE_FLASH:
        return ma->u.flash.has_mode == mb->u.flash.has_mode
               && (!ma->u.flash.has_mode
                   || ma->u.flash.mode == mb->u.flash.mode)
               && flash_files_equal(ma->u.flash.executable,
                                    mb->u.flash.executable)
               && flash_files_equal(ma->u.flash.nvram_template,
                                    mb->u.flash.nvram_template);
    case FIRMWARE_DEVICE_KERNEL:
        return !strcmp(ma->u.kernel.filename, mb->u.kernel.filename);
    case FIRMWARE_DEVICE_MEMORY:
        return !strcmp(ma->u.memory.filename, mb->u.memory.filename);
    case FIRMWARE_DEVICE_IGVM:
        return !strcmp(ma->u.igvm.filename, mb->u.igvm.filename);
    default:
        return FALSE;
    }
}

static void
test_round_trip(void)
{
    if (!test_have_corpus()) {
        return;
    }
    guint done = 0, without_mode = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
        if (rows[i].strict != OK) {
            continue;
        }
        g_autofree char *path = test_corpus_path(rows[i].path);
        g_autoptr(GError) err = NULL;
        g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_file(
            path, FWDESC_LOAD_STRICT, NULL, &err);
        g_assert_no_error(err);
        g_autofree char *once = fwdesc_descriptor_to_json(desc);
        g_autoptr(FwdescDescriptor) again = fwdesc_descriptor_load_data(
            once, -1, "formatted", FWDESC_LOAD_STRICT, NULL, &err);
        g_assert_no_error(err);
        if (!firmware_equal(fwdesc_descriptor_get_firmware(desc),
                            fwdesc_descriptor_get_firmware(again))) {
            g_test_message("%s: formatted output parses to a different struct",
                           rows[i].path);
            g_test_fail();
        }
        g_autofree char *twice = fwdesc_descriptor_to_json(again);
        g_assert_cmpstr(once, ==, twice);
        const Firmware *fw = fwdesc_descriptor_get_firmware(desc);
        if (fw->mapping->device == FIRMWARE_DEVICE_FLASH
            && !fw->mapping->u.flash.has_mode) {
            /* Absent stays absent, yet every consumer sees split. */
            g_assert_null(strstr(once, "\"mode\""));
            g_assert_cmpint(fwdesc_descriptor_get_flash_mode(desc), ==,
                            FIRMWARE_FLASH_MODE_SPLIT);
            without_mode++;
        }
        done++;
    }
    g_test_message("round trip: %u descriptors, %u without mode", done,
                   without_mode);
    g_assert_cmpuint(done, >=, 100);
    g_assert_cmpuint(without_mode, >=, 38);
}

/* --- libvirt's search-path tree --- */

/* The corpus stores libvirt's symlinks as text files holding the link
 * target; rebuild the tree with real symlinks in a scratch directory. */
static char *
build_libvirt_tree(void)
{
    g_autofree char *src = test_corpus_path("libvirt-firmwaredata");
    char *root = g_dir_make_tmp("fwdesc-libvirt-XXXXXX", NULL);
    static const char *const dirs[] = {
        "usr/share/qemu/firmware",
        "etc/qemu/firmware",
        "home/user/.config/qemu/firmware",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *from = g_build_filename(src, dirs[i], NULL);
        g_autofree char *to = g_build_filename(root, dirs[i], NULL);
        g_assert_cmpint(g_mkdir_with_parents(to, 0755), ==, 0);
        g_autoptr(GDir) d = g_dir_open(from, 0, NULL);
        g_assert_nonnull(d);
        const char *name;
        while ((name = g_dir_read_name(d))) {
            g_autofree char *f = g_build_filename(from, name, NULL);
            g_autofree char *data = NULL;
            gsize len;
            g_assert_true(g_file_get_contents(f, &data, &len, NULL));
            g_autofree char *t = g_build_filename(to, name, NULL);
            if (g_str_has_prefix(data, "../")) {
                g_strchomp(data);
                g_assert_cmpint(symlink(data, t), ==, 0);
            } else {
                g_assert_true(g_file_set_contents(t, data, (gssize)len, NULL));
            }
        }
    }
    return root;
}

static FwdescCatalog *
load_tree(const char *root)
{
    g_autofree char *a = g_build_filename(root, "usr/share/qemu/firmware",
                                          NULL);
    g_autofree char *b = g_build_filename(root, "etc/qemu/firmware", NULL);
    g_autofree char *c = g_build_filename(
        root, "home/user/.config/qemu/firmware", NULL);
    const char *dirs[] = { a, b, c, NULL };
    return fwdesc_catalog_load(dirs, FWDESC_LOAD_TOLERANT);
}

typedef struct Expect {
    const char *path; /* relative to the tree */
    FwdescStatus status;
} Expect;

static void
test_libvirt_tree(void)
{
    if (!test_have_corpus()) {
        return;
    }
    g_autofree char *root = build_libvirt_tree();
    g_autoptr(FwdescCatalog) catalog = load_tree(root);

    /*
     * The schema's rules applied to libvirt's tree: the user's empty
     * 10-bios.json masks nothing below it but is still masked; etc/'s
     * symlinks 20-bios and 59-combined are descriptors of their own under
     * their own names; etc/'s empty 92-masked.json masks the distro file;
     * the loongarch64 file without description is ok (with warnings), the
     * broken 93-invalid.json is invalid and fails nothing else.
     */
    static const Expect expected[] = {
        /* clang-format off */
        { "home/user/.config/qemu/firmware/10-bios.json", FWDESC_STATUS_MASKED },
        { "etc/qemu/firmware/20-bios.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/40-edk2-ovmf-4m-qcow2-x64-sb.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/41-edk2-ovmf-2m-raw-x64-sb.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/50-edk2-aarch64-qcow2.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/50-edk2-loongarch64.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/50-edk2-ovmf-4m-qcow2-x64-nosb.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/50-edk2-ovmf-x64-microvm.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/50-edk2-riscv-qcow2.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/51-edk2-aarch64-raw.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/51-edk2-ovmf-2m-raw-x64-nosb.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/52-edk2-aarch64-verbose-qcow2.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/53-edk2-aarch64-verbose-raw.json", FWDESC_STATUS_OK },
        { "etc/qemu/firmware/59-combined.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/60-edk2-ovmf-x64-amdsev.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/60-edk2-ovmf-x64-inteltdx.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/90-combined.json", FWDESC_STATUS_OK },
        { "usr/share/qemu/firmware/91-bios.json", FWDESC_STATUS_OK },
        { "etc/qemu/firmware/92-masked.json", FWDESC_STATUS_MASKED },
        { "usr/share/qemu/firmware/92-masked.json", FWDESC_STATUS_SHADOWED },
        { "usr/share/qemu/firmware/93-invalid.json", FWDESC_STATUS_INVALID },
        /* clang-format on */
    };
    g_assert_cmpuint(fwdesc_catalog_get_n_entries(catalog), ==,
                     G_N_ELEMENTS(expected));
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, (guint)i);
        g_autofree char *want = g_build_filename(root, expected[i].path, NULL);
        g_assert_cmpstr(fwdesc_entry_get_path(e), ==, want);
        g_assert_cmpstr(fwdesc_status_to_string(fwdesc_entry_get_status(e)), ==,
                        fwdesc_status_to_string(expected[i].status));
        g_assert_true((fwdesc_entry_get_descriptor(e) != NULL)
                      == (expected[i].status == FWDESC_STATUS_OK));
    }
    /* The shadowed file says who hides it. */
    const FwdescEntry *sh = fwdesc_catalog_get_entry(catalog, 21);
    g_assert_nonnull(strstr(fwdesc_entry_get_reason(sh),
                            "etc/qemu/firmware/92-masked.json"));

    /* libvirt's out/ holds its normalized re-serialization of two inputs;
     * where libvirt keeps a member, it must agree with ours. */
    static const char *const normalized[] = {
        "60-edk2-ovmf-x64-amdsev.json",
        "60-edk2-ovmf-x64-inteltdx.json",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(normalized); i++) {
        g_autofree char *ours_path = g_build_filename(
            root, "usr/share/qemu/firmware", normalized[i], NULL);
        const FwdescEntry *e = test_find_entry(catalog, ours_path);
        g_autofree char *text = fwdesc_descriptor_to_json(
            fwdesc_entry_get_descriptor(e));
        g_autoptr(JsonNode) ours = qapi_json_parse(text, -1, "ours", NULL);
        g_autofree char *out_path = test_corpus_path(normalized[i]);
        g_free(out_path);
        out_path = g_build_filename(test_corpus_dir(),
                                    "libvirt-firmwaredata/out/usr/share/qemu/"
                                    "firmware",
                                    normalized[i], NULL);
        g_autofree char *out_text = NULL;
        g_assert_true(g_file_get_contents(out_path, &out_text, NULL, NULL));
        g_autoptr(JsonNode) theirs = qapi_json_parse(out_text, -1, "out", NULL);
        g_assert_nonnull(ours);
        g_assert_nonnull(theirs);
        JsonObject *o = json_node_get_object(ours);
        JsonObject *t = json_node_get_object(theirs);
        static const char *const same[] = { "interface-types", "mapping",
                                            "targets" };
        for (gsize k = 0; k < G_N_ELEMENTS(same); k++) {
            g_assert_true(json_node_equal(json_object_get_member(o, same[k]),
                                          json_object_get_member(t, same[k])));
        }
    }
    test_rmtree(root);
}

/* --- selection over real sets --- */

static const char *
select_name(const FwdescCatalog *catalog, FwdescQuery *q)
{
    g_autoptr(FwdescSelection) sel = fwdesc_select(catalog, q);
    const FwdescEntry *e = fwdesc_selection_get_chosen(sel);
    return e ? fwdesc_entry_get_name(e) : NULL;
}

static void
test_select_libvirt(void)
{
    if (!test_have_corpus()) {
        return;
    }
    g_autofree char *root = build_libvirt_tree();
    g_autoptr(FwdescCatalog) c = load_tree(root);
    g_autoptr(FwdescQuery) q = NULL;

    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-9.1");
    fwdesc_query_set_interface(q, FIRMWARE_OS_INTERFACE_UEFI);
    g_assert_cmpstr(select_name(c, q), ==,
                    "30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json");
    fwdesc_query_set_format(q, FIRMWARE_FORMAT_RAW);
    g_assert_cmpstr(select_name(c, q), ==,
                    "31-edk2-ovmf-2m-raw-x64-sb-enrolled.json");
    fwdesc_query_forbid_feature(q, FIRMWARE_FEATURE_SECURE_BOOT);
    g_assert_cmpstr(select_name(c, q), ==, "51-edk2-ovmf-2m-raw-x64-nosb.json");
    g_clear_pointer(&q, fwdesc_query_free);

    /* Stateless and combined firmware are chosen when asked for (not
     * skipped for lacking an NVRAM template). */
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-9.1");
    fwdesc_query_set_mode(q, FIRMWARE_FLASH_MODE_STATELESS);
    g_assert_cmpstr(select_name(c, q), ==, "60-edk2-ovmf-x64-amdsev.json");
    fwdesc_query_set_mode(q, FIRMWARE_FLASH_MODE_COMBINED);
    g_assert_cmpstr(select_name(c, q), ==, "59-combined.json");
    g_clear_pointer(&q, fwdesc_query_free);
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-9.1");
    fwdesc_query_set_readonly(q, FALSE);
    g_assert_cmpstr(select_name(c, q), ==, "59-combined.json");
    fwdesc_query_set_readonly(q, TRUE);
    fwdesc_query_set_interface(q, FIRMWARE_OS_INTERFACE_UEFI);
    g_assert_cmpstr(select_name(c, q), ==,
                    "30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json");
    g_clear_pointer(&q, fwdesc_query_free);

    /* No wish at all: the first fitting file, BIOS through etc/'s link. */
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-i440fx-9.1");
    g_assert_cmpstr(select_name(c, q), ==, "20-bios.json");
    g_clear_pointer(&q, fwdesc_query_free);

    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "microvm");
    g_assert_cmpstr(select_name(c, q), ==, "50-edk2-ovmf-x64-microvm.json");
    g_clear_pointer(&q, fwdesc_query_free);

    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_RISCV64, "virt");
    g_assert_cmpstr(select_name(c, q), ==, "50-edk2-riscv-qcow2.json");
    g_clear_pointer(&q, fwdesc_query_free);

    /* loongarch64: libvirt's own test file has no description, which a
     * tolerant load does without, as libvirt (issue 12 item 4). */
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_LOONGARCH64, "virt");
    g_assert_cmpstr(select_name(c, q), ==, "50-edk2-loongarch64.json");
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) loong = fwdesc_select_descriptor(c, q, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(fwdesc_descriptor_get_firmware(loong)->description, ==, "");
    g_assert_null(fwdesc_descriptor_get_firmware(loong)->tags);
    test_rmtree(root);
}

static FwdescCatalog *
catalog_of(const char *const *rels, const char *const *names, char **dir_out)
{
    char *dir = g_dir_make_tmp("fwdesc-sel-XXXXXX", NULL);
    for (guint i = 0; rels[i]; i++) {
        g_autofree char *src = test_corpus_path(rels[i]);
        test_copy(src, dir, names[i]);
    }
    const char *dirs[] = { dir, NULL };
    *dir_out = dir;
    return fwdesc_catalog_load(dirs, FWDESC_LOAD_TOLERANT);
}

/* systemd-vmspawn once booted Fedora's IA32 firmware on x86_64: it sorts
 * first, but its target is i386. */
static void
test_select_ia32_not_for_x86_64(void)
{
    if (!test_have_corpus()) {
        return;
    }
    static const char *const rels[] = {
        "descriptors/fedora-distgit/30-edk2-ovmf-ia32-sb-enrolled@2023-05-17-33f970d.json",
        "descriptors/fedora-distgit/31-edk2-ovmf-2m-raw-x64-sb-enrolled@2023-05-17-2ed4536.json",
        "descriptors/arch-svntogit/80-edk2-ovmf-ia32-on-x86_64-secure-4m.json",
        NULL,
    };
    static const char *const names[] = {
        "30-edk2-ovmf-ia32-sb-enrolled.json",
        "31-edk2-ovmf-2m-raw-x64-sb-enrolled.json",
        "80-edk2-ovmf-ia32-on-x86_64-secure-4m.json",
    };
    g_autofree char *dir = NULL;
    g_autoptr(FwdescCatalog) c = catalog_of(rels, names, &dir);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-8.2");
    g_autoptr(FwdescSelection) sel = fwdesc_select(c, q);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(sel)), ==,
                    "31-edk2-ovmf-2m-raw-x64-sb-enrolled.json");
    g_assert_cmpint(fwdesc_selection_get_reason_code(sel, 0), ==,
                    FWDESC_REASON_TARGET);
    g_assert_cmpint(fwdesc_selection_get_reason_code(sel, 2), ==,
                    FWDESC_REASON_GUEST_BITS);
    g_autoptr(FwdescQuery) q32 = fwdesc_query_new(FIRMWARE_ARCHITECTURE_I386,
                                                  "pc-q35-8.2");
    g_assert_cmpstr(select_name(c, q32), ==,
                    "30-edk2-ovmf-ia32-sb-enrolled.json");
    test_rmtree(dir);
}

/* Arch's IA32 build for qemu-system-x86_64 lists architecture x86_64:
 * even sorting first it is not chosen for a (by default 64-bit) x86_64
 * guest, and the reason names the evidence; --guest-bits 32 picks it. */
static void
test_select_ia32_on_x86_64_first(void)
{
    if (!test_have_corpus()) {
        return;
    }
    static const char *const rels[] = {
        "descriptors/arch-svntogit/80-edk2-ovmf-ia32-on-x86_64-secure-4m.json",
        "descriptors/arch-svntogit/50-edk2-ovmf-x86_64-secure-4m.json",
        NULL,
    };
    static const char *const names[] = {
        "10-ia32-on-x86_64.json",
        "20-x64.json",
    };
    g_autofree char *dir = NULL;
    g_autoptr(FwdescCatalog) c = catalog_of(rels, names, &dir);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    fwdesc_query_require_feature(q, FIRMWARE_FEATURE_SECURE_BOOT);
    g_autoptr(FwdescSelection) sel = fwdesc_select(c, q);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(sel)), ==,
                    "20-x64.json");
    g_assert_cmpint(fwdesc_selection_get_reason_code(sel, 0), ==,
                    FWDESC_REASON_GUEST_BITS);
    g_assert_nonnull(strstr(fwdesc_selection_get_reason(sel, 0),
                            "'ia32' in '/usr/share/edk2-ovmf/ia32/"));
    fwdesc_query_set_guest_bits(q, 64);
    g_assert_cmpstr(select_name(c, q), ==, "20-x64.json");
    fwdesc_query_set_guest_bits(q, 32);
    g_assert_cmpstr(select_name(c, q), ==, "10-ia32-on-x86_64.json");
    /* Only x86_64 queries: an i386 guest takes what its targets say. */
    g_autoptr(FwdescQuery) i386 = fwdesc_query_new(FIRMWARE_ARCHITECTURE_I386,
                                                   "pc-q35-9.2");
    g_assert_null(select_name(c, i386));
    test_rmtree(dir);
}

static void
test_select_arch_linux(void)
{
    if (!test_have_corpus()) {
        return;
    }
    g_autofree char *dir = test_corpus_path("descriptors/arch-svntogit");
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    g_assert_cmpstr(select_name(c, q), ==,
                    "50-edk2-ovmf-x86_64-secure-4m.json");
    fwdesc_query_forbid_feature(q, FIRMWARE_FEATURE_SECURE_BOOT);
    g_assert_cmpstr(select_name(c, q), ==, "70-edk2-ovmf-x86_64-csm-4m.json");
}

static void
test_select_confidential(void)
{
    if (!test_have_corpus()) {
        return;
    }
    g_autofree char *dir = test_corpus_path("descriptors/fedora-recent-teobsn");
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-10.0");
    fwdesc_query_set_confidential(q, FWDESC_CONFIDENTIAL_SEV_SNP);
    g_assert_cmpstr(select_name(c, q), ==, "60-edk2-ovmf-x64-amdsevsnp.json");
    g_clear_pointer(&q, fwdesc_query_free);
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-10.0");
    fwdesc_query_set_confidential(q, FWDESC_CONFIDENTIAL_TDX);
    g_assert_cmpstr(select_name(c, q), ==, "60-edk2-ovmf-x64-inteltdx.json");
    g_clear_pointer(&q, fwdesc_query_free);
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-10.0");
    fwdesc_query_set_confidential(q, FWDESC_CONFIDENTIAL_SEV);
    fwdesc_query_set_mode(q, FIRMWARE_FLASH_MODE_STATELESS);
    g_assert_nonnull(select_name(c, q));
    g_clear_pointer(&q, fwdesc_query_free);

    /* A normal guest: every x86_64 file here is an SEV-SNP or TDX build. */
    q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-10.0");
    fwdesc_query_set_confidential(q, FWDESC_CONFIDENTIAL_NONE);
    g_autoptr(FwdescSelection) sel = fwdesc_select(c, q);
    g_assert_null(fwdesc_selection_get_chosen(sel));
    guint cc = 0;
    for (guint i = 0; i < fwdesc_catalog_get_n_entries(c); i++) {
        for (const FwdescSelectionReasonList *r =
                 fwdesc_selection_get_reasons(sel, i);
             r; r = r->next) {
            cc += r->value->code == FWDESC_REASON_CONFIDENTIAL;
        }
    }
    g_assert_cmpuint(cc, ==, 3);

    /* General-purpose builds list amd-sev too: still fine for a normal
     * guest. */
    g_autofree char *deb = test_corpus_path("descriptors/debian-bookworm");
    const char *deb_dirs[] = { deb, NULL };
    g_autoptr(FwdescCatalog) d = fwdesc_catalog_load(deb_dirs,
                                                     FWDESC_LOAD_TOLERANT);
    g_assert_nonnull(select_name(d, q));
}

/* A toolstack without the host-side variable store device excludes
 * Gentoo's host-uefi-vars firmware by policy. */
static void
test_select_host_uefi_vars(void)
{
    if (!test_have_corpus()) {
        return;
    }
    static const char *const rels[] = {
        "descriptors/gentoo/90-edk2-ovmf-qemuvars-x64-sb-enrolled.json",
        "descriptors/gentoo/51-edk2-ovmf-2m-raw-x64-nosb.json",
        NULL,
    };
    static const char *const names[] = {
        "10-qemuvars.json",
        "20-nosb.json",
    };
    g_autofree char *dir = NULL;
    g_autoptr(FwdescCatalog) c = catalog_of(rels, names, &dir);
    /* Tolerant discovery accepts the extra uefi-vars member. */
    g_assert_cmpint(fwdesc_entry_get_status(fwdesc_catalog_get_entry(c, 0)), ==,
                    FWDESC_STATUS_OK);
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-10.0");
    g_assert_cmpstr(select_name(c, q), ==, "10-qemuvars.json");
    fwdesc_query_forbid_feature(q, FIRMWARE_FEATURE_HOST_UEFI_VARS);
    g_assert_cmpstr(select_name(c, q), ==, "20-nosb.json");
    test_rmtree(dir);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
        g_autofree char *name = g_strdup_printf("/corpus/verdict/%s",
                                                rows[i].path);
        g_test_add_data_func(name, &rows[i], test_verdict);
    }
    g_test_add_func("/corpus/round-trip", test_round_trip);
    g_test_add_func("/corpus/libvirt-tree", test_libvirt_tree);
    g_test_add_func("/corpus/select/libvirt-tree", test_select_libvirt);
    g_test_add_func("/corpus/select/ia32-not-for-x86_64",
                    test_select_ia32_not_for_x86_64);
    g_test_add_func("/corpus/select/ia32-on-x86_64-first",
                    test_select_ia32_on_x86_64_first);
    g_test_add_func("/corpus/select/arch-linux", test_select_arch_linux);
    g_test_add_func("/corpus/select/confidential", test_select_confidential);
    g_test_add_func("/corpus/select/host-uefi-vars-policy",
                    test_select_host_uefi_vars);
    return g_test_run();
}
