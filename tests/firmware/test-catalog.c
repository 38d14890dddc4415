/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * catalog.c: discovery that survives whatever a search directory holds
 * (broken, masked, overridden, special and oversized files), and the
 * default search path.
 */
#include <signal.h>
#include <sys/stat.h>

#include "test-util.h"

static void
on_alarm(int sig)
{
    (void)sig;
    /* Discovery blocked (a FIFO was opened for reading): fail loudly. */
    static const char msg[] = "Bail out! discovery blocked\n";
    if (write(1, msg, sizeof(msg) - 1) < 0) {
        _exit(2);
    }
    _exit(1);
}

static void
test_discovery_robust(void)
{
    g_autofree char *low = g_dir_make_tmp("fwdesc-low-XXXXXX", NULL);
    g_autofree char *high = g_dir_make_tmp("fwdesc-high-XXXXXX", NULL);
    test_write_data(low, "10-good.json", "split.json");
    test_write_data(low, "20-overridden.json", "split.json");
    test_write_data(high, "20-overridden.json", "broken.json");
    test_write_data(low, "30-masked.json", "split.json");
    g_autofree char *null_link = g_build_filename(high, "30-masked.json", NULL);
    g_assert_cmpint(symlink("/dev/null", null_link), ==, 0);
    g_autofree char *fifo = g_build_filename(high, "40-fifo.json", NULL);
    g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
    g_autofree char *dangling = g_build_filename(high, "50-dangling.json",
                                                 NULL);
    g_assert_cmpint(symlink("no-such-file.json", dangling), ==, 0);
    g_autofree char *dir = g_build_filename(high, "60-dir.json", NULL);
    g_assert_cmpint(mkdir(dir, 0755), ==, 0);
    test_write_data(high, ".70-hidden.json", "split.json");
    test_write_data(high, "80-not-json.txt", "split.json");
    test_write_data(high, "80-backup.json~", "split.json");
    /* Over the 1 MiB limit, though valid JSON. */
    GString *huge = g_string_new("{\"description\": \"");
    for (int i = 0; i < 1100 * 1024; i++) {
        g_string_append_c(huge, 'x');
    }
    g_string_append(huge, "\"}");
    test_write(high, "90-huge.json", huge->str);
    g_string_free(huge, TRUE);
    gboolean root = geteuid() == 0;
    test_write_data(high, "95-unreadable.json", "split.json");
    g_autofree char *unreadable = g_build_filename(high, "95-unreadable.json",
                                                   NULL);
    g_assert_cmpint(chmod(unreadable, 0), ==, 0);
    test_write_data(high, "99-good.json", "split.json");

    signal(SIGALRM, on_alarm);
    alarm(20);
    const char *dirs[] = { low, high, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs,
                                                     FWDESC_LOAD_TOLERANT);
    alarm(0);

    static const struct {
        const char *name;
        int in_high;
        FwdescStatus status;
        const char *reason;
    } expected[] = {
        { "10-good.json", 0, FWDESC_STATUS_OK, NULL },
        { "20-overridden.json", 1, FWDESC_STATUS_INVALID, NULL },
        { "20-overridden.json", 0, FWDESC_STATUS_SHADOWED, "overridden by" },
        { "30-masked.json", 1, FWDESC_STATUS_MASKED, "/dev/null" },
        { "30-masked.json", 0, FWDESC_STATUS_SHADOWED, "masked by" },
        { "40-fifo.json", 1, FWDESC_STATUS_INVALID, "FIFO" },
        { "50-dangling.json", 1, FWDESC_STATUS_INVALID, "dangling" },
        { "60-dir.json", 1, FWDESC_STATUS_INVALID, "directory" },
        { "90-huge.json", 1, FWDESC_STATUS_INVALID, "limit" },
        { "95-unreadable.json", 1, FWDESC_STATUS_INVALID, "Permission denied" },
        { "99-good.json", 1, FWDESC_STATUS_OK, NULL },
    };
    g_assert_cmpuint(fwdesc_catalog_get_n_entries(c), ==,
                     G_N_ELEMENTS(expected));
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(c, (guint)i);
        g_autofree char *want = g_build_filename(
            expected[i].in_high ? high : low, expected[i].name, NULL);
        g_assert_cmpstr(fwdesc_entry_get_path(e), ==, want);
        if (root && !strcmp(expected[i].name, "95-unreadable.json")) {
            /* root reads any file: nothing to check but that it loaded */
            g_test_message("running as root: unreadable-file case not "
                           "exercised");
            continue;
        }
        g_assert_cmpstr(fwdesc_status_to_string(fwdesc_entry_get_status(e)), ==,
                        fwdesc_status_to_string(expected[i].status));
        if (expected[i].reason) {
            g_assert_nonnull(
                strstr(fwdesc_entry_get_reason(e), expected[i].reason));
        }
    }
    chmod(unreadable, 0644);
    test_rmtree(low);
    test_rmtree(high);
}

static void
test_default_search_path(void)
{
    g_autofree char *old_xdg = g_strdup(g_getenv("XDG_CONFIG_HOME"));
    g_autofree char *old_home = g_strdup(g_getenv("HOME"));
    g_setenv("XDG_CONFIG_HOME", "/cfg", TRUE);
    g_auto(GStrv) a = fwdesc_default_search_path();
    g_assert_cmpstr(a[0], ==, "/usr/share/qemu/firmware");
    g_assert_cmpstr(a[1], ==, "/etc/qemu/firmware");
    g_assert_cmpstr(a[2], ==, "/cfg/qemu/firmware");
    g_assert_null(a[3]);
    g_setenv("XDG_CONFIG_HOME", "", TRUE);
    g_setenv("HOME", "/home/u", TRUE);
    g_auto(GStrv) b = fwdesc_default_search_path();
    g_assert_cmpstr(b[2], ==, "/home/u/.config/qemu/firmware");
    if (old_xdg) {
        g_setenv("XDG_CONFIG_HOME", old_xdg, TRUE);
    } else {
        g_unsetenv("XDG_CONFIG_HOME");
    }
    if (old_home) {
        g_setenv("HOME", old_home, TRUE);
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/catalog/discovery-robust", test_discovery_robust);
    g_test_add_func("/catalog/default-search-path", test_default_search_path);
    return g_test_run();
}
