/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * select.c: the selection policy over a small catalog of our own
 * descriptors (unknown features, machine aliases, device, mode, features
 * and interface wishes), with the reason each candidate lost.
 */
#include "test-util.h"

static void
test_select_policy(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-sel-XXXXXX", NULL);
    test_write_data(dir, "10-future.json", "future-feature.json");
    test_write_data(dir, "20-plain.json", "split-acpi-s3.json");
    test_write_data(dir, "30-memory.json", "memory.json");
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);

    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    g_autoptr(FwdescSelection) s1 = fwdesc_select(c, q);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(s1)), ==,
                    "10-future.json");
    fwdesc_query_set_flags(q, FWDESC_QUERY_REJECT_UNKNOWN_FEATURES);
    g_autoptr(FwdescSelection) s2 = fwdesc_select(c, q);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(s2)), ==,
                    "20-plain.json");
    g_assert_cmpint(fwdesc_selection_get_reason_code(s2, 0), ==,
                    FWDESC_REASON_UNKNOWN_FEATURES);
    g_assert_cmpint(fwdesc_selection_get_reason_code(s2, 1), ==, -1);
    g_assert_cmpint(fwdesc_selection_get_reason_code(s2, 2), ==,
                    FWDESC_REASON_NOT_FIRST);

    /* QEMU's alias "q35" stands for the newest pc-q35-X.Y; "pc" does not
     * fit a q35-only descriptor. */
    g_autoptr(FwdescQuery) alias = fwdesc_query_new(
        FIRMWARE_ARCHITECTURE_X86_64, "q35");
    g_autoptr(FwdescSelection) sa = fwdesc_select(c, alias);
    g_assert_nonnull(fwdesc_selection_get_chosen(sa));
    g_autoptr(FwdescQuery) pc = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                 "pc");
    g_autoptr(FwdescSelection) sp = fwdesc_select(c, pc);
    g_assert_null(fwdesc_selection_get_chosen(sp));

    /* A flash mode or format wish passes over memory firmware. */
    g_autoptr(FwdescQuery) m = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    fwdesc_query_set_device(m, FIRMWARE_DEVICE_MEMORY);
    g_autoptr(FwdescSelection) s3 = fwdesc_select(c, m);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(s3)), ==,
                    "30-memory.json");
    fwdesc_query_set_mode(m, FIRMWARE_FLASH_MODE_STATELESS);
    g_autoptr(FwdescSelection) s4 = fwdesc_select(c, m);
    g_assert_null(fwdesc_selection_get_chosen(s4));
    g_assert_cmpint(fwdesc_selection_get_reason_code(s4, 2), ==,
                    FWDESC_REASON_MODE);

    /* Required and forbidden features, interface. */
    g_autoptr(FwdescQuery) f = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    fwdesc_query_require_feature(f, FIRMWARE_FEATURE_ACPI_S3);
    fwdesc_query_set_interface(f, FIRMWARE_OS_INTERFACE_UEFI);
    g_autoptr(FwdescSelection) s5 = fwdesc_select(c, f);
    g_assert_cmpstr(fwdesc_entry_get_name(fwdesc_selection_get_chosen(s5)), ==,
                    "20-plain.json");
    g_assert_cmpint(fwdesc_selection_get_reason_code(s5, 0), ==,
                    FWDESC_REASON_MISSING_FEATURE);
    fwdesc_query_forbid_feature(f, FIRMWARE_FEATURE_ACPI_S3);
    fwdesc_query_set_interface(f, FIRMWARE_OS_INTERFACE_BIOS);
    g_autoptr(FwdescSelection) s6 = fwdesc_select(c, f);
    g_assert_null(fwdesc_selection_get_chosen(s6));
    /* Every criterion it fails, in the library's order. */
    const FwdescSelectionReasonList *r = fwdesc_selection_get_reasons(s6, 1);
    g_assert_nonnull(r);
    g_assert_cmpint(r->value->code, ==, FWDESC_REASON_INTERFACE);
    g_assert_nonnull(r->next);
    g_assert_cmpint(r->next->value->code, ==, FWDESC_REASON_UNWANTED_FEATURE);
    g_assert_null(r->next->next);
    test_rmtree(dir);
}

/* An architecture out of the enum's range is refused at once, not
 * carried into messages as "(null)". */
static void
test_select_out_of_range(void)
{
    if (g_test_subprocess()) {
        /* The criticals are what is tested: not fatal here. */
        g_log_set_always_fatal(G_LOG_FATAL_MASK);
        FwdescQuery *q = fwdesc_query_new((FirmwareArchitecture)999, "pc");
        g_assert_null(q);
        g_autoptr(FwdescQuery) ok = fwdesc_query_new(
            FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-9.2");
        fwdesc_query_set_interface(ok, (FirmwareOSInterface)-1);
        fwdesc_query_set_mode(ok, (FirmwareFlashMode)77);
        g_autofree char *m = fwdesc_query_explain_machine(ok);
        g_assert_null(strstr(m, "(null)"));
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr(
        "*fwdesc_query_new*arch*FIRMWARE_ARCHITECTURE__MAX*");
    g_test_trap_assert_stderr("*fwdesc_query_set_interface*");
    g_test_trap_assert_stderr("*fwdesc_query_set_mode*");
}

/* Every reason of fwdesc_query_mismatches(), with its code, in the
 * library's order, the same as the joined text, and no text that names
 * an option of the fwdesc tool. */
static void
test_mismatch_codes(void)
{
    g_autoptr(FwdescDescriptor) desc = test_load_ok("split-secure-boot.json");
    g_autoptr(FwdescQuery) q = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                "pc-q35-9.2");
    g_assert_null(fwdesc_query_mismatches(q, desc));
    g_assert_null(fwdesc_query_mismatch(q, desc));
    fwdesc_query_set_guest_bits(q, 32);
    fwdesc_query_set_interface(q, FIRMWARE_OS_INTERFACE_BIOS);
    fwdesc_query_require_feature(q, FIRMWARE_FEATURE_ACPI_S3);
    fwdesc_query_forbid_feature(q, FIRMWARE_FEATURE_SECURE_BOOT);
    fwdesc_query_set_format(q, FIRMWARE_FORMAT_QCOW2);
    g_autoptr(FwdescSelectionReasonList) list = fwdesc_query_mismatches(q,
                                                                        desc);
    static const FwdescReasonCode want[] = {
        FWDESC_REASON_INTERFACE,       FWDESC_REASON_FORMAT,
        FWDESC_REASON_MISSING_FEATURE, FWDESC_REASON_UNWANTED_FEATURE,
        FWDESC_REASON_GUEST_BITS,
    };
    g_autoptr(GString) joined = g_string_new(NULL);
    guint i = 0;
    for (FwdescSelectionReasonList *r = list; r; r = r->next, i++) {
        g_assert_cmpuint(i, <, G_N_ELEMENTS(want));
        g_assert_cmpint(r->value->code, ==, want[i]);
        g_assert_null(strstr(r->value->message, "--"));
        g_string_append_printf(joined, "%s%s", i ? "; " : "",
                               r->value->message);
    }
    g_assert_cmpuint(i, ==, G_N_ELEMENTS(want));
    g_autofree char *text = fwdesc_query_mismatch(q, desc);
    g_assert_cmpstr(text, ==, joined->str);

    /* A normal 64-bit guest and an SEV-SNP build in an ia32 directory. */
    g_autoptr(FwdescDescriptor) snp = test_load_ok("memory-ia32-snp.json");
    g_autoptr(FwdescQuery) cc = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                 "pc-q35-9.2");
    fwdesc_query_set_confidential(cc, FWDESC_CONFIDENTIAL_NONE);
    g_autoptr(FwdescSelectionReasonList) l2 = fwdesc_query_mismatches(cc, snp);
    g_assert_true(l2 && l2->next && !l2->next->next);
    g_assert_cmpint(l2->value->code, ==, FWDESC_REASON_CONFIDENTIAL);
    g_assert_cmpint(l2->next->value->code, ==, FWDESC_REASON_GUEST_BITS);
    g_assert_null(strstr(l2->value->message, "--"));
    g_assert_null(strstr(l2->next->value->message, "--"));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/select/policy", test_select_policy);
    g_test_add_func("/select/out-of-range", test_select_out_of_range);
    g_test_add_func("/select/mismatch-codes", test_mismatch_codes);
    return g_test_run();
}
