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
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs, FWDESC_LOAD_TOLERANT);

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
    g_autoptr(FwdescQuery) alias = fwdesc_query_new(FIRMWARE_ARCHITECTURE_X86_64,
                                                    "q35");
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

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/select/policy", test_select_policy);
    return g_test_run();
}
