/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * atomic-file.c: writing a file whole or not at all, never replacing
 * unless asked, and replacing with the old file's exact mode.
 */
#include <sys/stat.h>

#include "test-util.h"

/* Replaces or refuses, never half-writes, leaves no temporary behind. */
static void
test_atomic_write(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-atomic-XXXXXX", NULL);
    g_autoptr(GError) err = NULL;
    g_autofree char *data = NULL;
    struct stat st;

    g_autofree char *out = g_build_filename(dir, "out.json", NULL);
    g_assert_true(fwdesc_write_file_atomic(out, "one", 3, 0644, FALSE, &err));
    g_assert_false(fwdesc_write_file_atomic(out, "two", 3, 0644, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS);
    g_clear_error(&err);
    g_assert_true(fwdesc_write_file_atomic(out, "three", 5, 0644, TRUE, &err));
    g_clear_pointer(&data, g_free);
    g_assert_true(g_file_get_contents(out, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "three");
    g_assert_cmpuint(test_count_entries(dir), ==, 1);
    g_autofree char *nodir = g_build_filename(dir, "missing", "x.json", NULL);
    g_assert_false(fwdesc_write_file_atomic(nodir, "x", 1, 0644, TRUE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_IO);
    g_clear_error(&err);

    /* Replacing keeps the exact mode, whatever the umask. */
    g_assert_cmpint(chmod(out, 0654), ==, 0);
    mode_t old_mask = umask(077);
    gboolean replaced = fwdesc_replace_file_atomic(out, "four", 4, &err);
    umask(old_mask);
    g_assert_no_error(err);
    g_assert_true(replaced);
    g_assert_cmpint(stat(out, &st), ==, 0);
    g_assert_cmpint(st.st_mode & 07777, ==, 0654);
    g_clear_pointer(&data, g_free);
    g_assert_true(g_file_get_contents(out, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "four");
    g_assert_cmpuint(test_count_entries(dir), ==, 1);
    g_assert_false(fwdesc_replace_file_atomic(nodir, "x", 1, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_IO);
    g_clear_error(&err);
    g_assert_false(fwdesc_replace_file_atomic(dir, "x", 1, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NOT_REGULAR);
    test_rmtree(dir);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/atomic-file/write", test_atomic_write);
    return g_test_run();
}
