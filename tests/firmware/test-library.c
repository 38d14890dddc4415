/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The firmware library's rules on our own small inputs: the schema's
 * prose rules, the tolerant-loading policy, discovery that survives bad
 * files, selection policy, QEMU arguments, instantiation, lint.
 */
#include <signal.h>
#include <sys/stat.h>

#include "test-util.h"

/* A descriptor with @mapping and @features spliced in. */
static char *
doc(const char *mapping, const char *features)
{
    return g_strdup_printf(
        "{\n"
        "  \"description\": \"test\",\n"
        "  \"interface-types\": [\"uefi\"],\n"
        "  \"mapping\": %s,\n"
        "  \"targets\": [{\"architecture\": \"x86_64\",\n"
        "               \"machines\": [\"pc-q35-*\"]}],\n"
        "  \"features\": [%s],\n"
        "  \"tags\": []\n"
        "}\n", mapping, features);
}

#define SPLIT "{\"device\": \"flash\", \"executable\": {\"filename\": \"/fw/code.fd\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"/fw/vars.fd\", \"format\": \"raw\"}}"
#define COMBINED "{\"device\": \"flash\", \"mode\": \"combined\", \"executable\": {\"filename\": \"/fw/all.fd\", \"format\": \"qcow2\"}}"
#define STATELESS "{\"device\": \"flash\", \"mode\": \"stateless\", \"executable\": {\"filename\": \"/fw/code.fd\", \"format\": \"raw\"}}"

static FwdescDescriptor *
load(const char *text, FwdescLoadFlags flags, QapiDiagnostics *diags,
     GError **error)
{
    return fwdesc_descriptor_load_data(text, -1, "t.json", flags, diags, error);
}

static FwdescDescriptor *
load_ok(const char *mapping, const char *features)
{
    g_autofree char *text = doc(mapping, features);
    g_autoptr(GError) err = NULL;
    FwdescDescriptor *d = load(text, FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    return d;
}

static gboolean
has_diag(const QapiDiagnostics *diags, QapiSeverity sev, const char *path)
{
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        if (d->severity == sev && !g_strcmp0(d->path, path)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* --- the schema's prose rules --- */

static void
expect_semantic(const char *mapping, const char *features, const char *path)
{
    g_autofree char *text = doc(mapping, features);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) d = load(text, FWDESC_LOAD_STRICT, diags, &err);
    g_assert_null(d);
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_assert_true(has_diag(diags, QAPI_SEVERITY_ERROR, path));
    /* Found after parsing, yet positioned in the text like parse errors. */
    const QapiDiagnostic *first = qapi_diagnostics_get(diags, 0);
    g_assert_cmpint(first->line, >, 1);
    g_assert_cmpint(first->column, >, 1);
}

static void
test_prose_rules(void)
{
    /* nvram-template: required for split and for an absent mode... */
    expect_semantic("{\"device\": \"flash\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}}",
                    "", "mapping");
    expect_semantic("{\"device\": \"flash\", \"mode\": \"split\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}}",
                    "", "mapping");
    /* ...forbidden for combined and stateless. */
    expect_semantic("{\"device\": \"flash\", \"mode\": \"combined\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"/b\", \"format\": \"raw\"}}",
                    "", "mapping.nvram-template");
    expect_semantic("{\"device\": \"flash\", \"mode\": \"stateless\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"/b\", \"format\": \"raw\"}}",
                    "", "mapping.nvram-template");
    expect_semantic(SPLIT, "\"verbose-static\", \"verbose-dynamic\"", "features");

    g_autofree char *empty = g_strdup(
        "{\"description\": \"d\", \"interface-types\": [], \"mapping\": "
        "{\"device\": \"memory\", \"filename\": \"/b\"}, \"targets\": [], "
        "\"features\": [], \"tags\": []}");
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(load(empty, FWDESC_LOAD_STRICT, diags, &err));
    g_assert_true(has_diag(diags, QAPI_SEVERITY_ERROR, "interface-types"));

    /* And what is fine stays fine. */
    g_autoptr(FwdescDescriptor) a = load_ok(SPLIT, "\"verbose-dynamic\"");
    g_autoptr(FwdescDescriptor) b = load_ok(COMBINED, "");
    g_autoptr(FwdescDescriptor) c = load_ok(STATELESS, "");
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(a), ==, FIRMWARE_FLASH_MODE_SPLIT);
    g_assert_false(fwdesc_descriptor_get_firmware(a)->mapping->u.flash.has_mode);
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(b), ==, FIRMWARE_FLASH_MODE_COMBINED);
    g_assert_cmpint(fwdesc_descriptor_get_flash_mode(c), ==, FIRMWARE_FLASH_MODE_STATELESS);
}

/* All problems of one document, each with its path and position. */
static void
test_all_problems(void)
{
    g_autofree char *text = doc(
        "{\"device\": \"flash\", \"mode\": \"hybrid\", \"executable\": {\"filename\": 7, \"format\": \"raw\"}}",
        "\"acpi-s3\", \"warp-drive\"");
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_assert_null(load(text, FWDESC_LOAD_STRICT, diags, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    g_assert_true(has_diag(diags, QAPI_SEVERITY_ERROR, "mapping.mode"));
    g_assert_true(has_diag(diags, QAPI_SEVERITY_ERROR, "mapping.executable.filename"));
    g_assert_true(has_diag(diags, QAPI_SEVERITY_ERROR, "features[1]"));
    for (guint i = 0; i < qapi_diagnostics_get_length(diags); i++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, i);
        g_assert_cmpint(d->line, >, 0);
        g_assert_cmpint(d->column, >, 0);
    }
    /* Not JSON at all. */
    g_clear_error(&err);
    g_assert_null(load("{\"description\": ", FWDESC_LOAD_TOLERANT, NULL, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
}

/* --- tolerant loading --- */

static void
test_tolerant_policy(void)
{
    g_autoptr(GError) err = NULL;
    /* Unknown features and members: warnings; the features remembered. */
    g_autofree char *newer = doc(
        "{\"device\": \"flash\", \"uefi-vars\": {}, \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"/b\", \"format\": \"raw\"}}",
        "\"acpi-s3\", \"warp-drive\", \"secure-boot\"");
    g_assert_null(load(newer, FWDESC_LOAD_STRICT, NULL, &err));
    g_clear_error(&err);
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) d = load(newer, FWDESC_LOAD_TOLERANT, diags, &err);
    g_assert_no_error(err);
    g_assert_nonnull(d);
    g_assert_cmpuint(qapi_diagnostics_count(diags, QAPI_SEVERITY_WARNING), ==, 2);
    const char *const *unknown = fwdesc_descriptor_get_unknown_features(d);
    g_assert_cmpstr(unknown[0], ==, "warp-drive");
    g_assert_null(unknown[1]);
    g_assert_true(fwdesc_descriptor_has_feature(d, FIRMWARE_FEATURE_SECURE_BOOT));

    /* Unknown device, mode, architecture, format, interface: unsupported. */
    static const char *const mappings[] = {
        "{\"device\": \"rom\", \"filename\": \"/a\"}",
        "{\"device\": \"flash\", \"mode\": \"hybrid\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}}",
        "{\"device\": \"flash\", \"mode\": \"stateless\", \"executable\": {\"filename\": \"/a\", \"format\": \"vmdk\"}}",
        "{\"device\": \"flash\", \"executable\": {\"filename\": \"/a\", \"format\": \"raw\"}, \"nvram-template\": {\"filename\": \"/b\", \"format\": \"vhdx\"}}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(mappings); i++) {
        g_autofree char *text = doc(mappings[i], "");
        g_clear_error(&err);
        g_assert_null(load(text, FWDESC_LOAD_TOLERANT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED);
        g_clear_error(&err);
        g_assert_null(load(text, FWDESC_LOAD_STRICT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
    }
    static const char *const others[] = {
        "{\"description\": \"d\", \"interface-types\": [\"uefi\", \"coreboot\"], \"mapping\": {\"device\": \"memory\", \"filename\": \"/b\"}, \"targets\": [], \"features\": [], \"tags\": []}",
        "{\"description\": \"d\", \"interface-types\": [\"bios\"], \"mapping\": {\"device\": \"memory\", \"filename\": \"/b\"}, \"targets\": [{\"architecture\": \"s390x\", \"machines\": [\"*\"]}], \"features\": [], \"tags\": []}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(others); i++) {
        g_clear_error(&err);
        g_assert_null(load(others[i], FWDESC_LOAD_TOLERANT, NULL, &err));
        g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_UNSUPPORTED);
    }
    /* An unknown device does not excuse unrelated breakage. */
    g_clear_error(&err);
    g_assert_null(load("{\"interface-types\": [\"uefi\"], \"mapping\": {\"device\": \"rom\"}, \"targets\": [], \"features\": [], \"tags\": []}",
                       FWDESC_LOAD_TOLERANT, NULL, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_INVALID);
}

/* --- discovery --- */

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
    g_autofree char *good = doc(SPLIT, "");
    test_write(low, "10-good.json", good);
    test_write(low, "20-overridden.json", good);
    test_write(high, "20-overridden.json", "{ broken");
    test_write(low, "30-masked.json", good);
    g_autofree char *null_link = g_build_filename(high, "30-masked.json", NULL);
    g_assert_cmpint(symlink("/dev/null", null_link), ==, 0);
    g_autofree char *fifo = g_build_filename(high, "40-fifo.json", NULL);
    g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
    g_autofree char *dangling = g_build_filename(high, "50-dangling.json", NULL);
    g_assert_cmpint(symlink("no-such-file.json", dangling), ==, 0);
    g_autofree char *dir = g_build_filename(high, "60-dir.json", NULL);
    g_assert_cmpint(mkdir(dir, 0755), ==, 0);
    test_write(high, ".70-hidden.json", good);
    test_write(high, "80-not-json.txt", good);
    test_write(high, "80-backup.json~", good);
    /* Over the 1 MiB limit, though valid JSON. */
    GString *huge = g_string_new("{\"description\": \"");
    for (int i = 0; i < 1100 * 1024; i++) {
        g_string_append_c(huge, 'x');
    }
    g_string_append(huge, "\"}");
    test_write(high, "90-huge.json", huge->str);
    g_string_free(huge, TRUE);
    gboolean root = geteuid() == 0;
    test_write(high, "95-unreadable.json", good);
    g_autofree char *unreadable = g_build_filename(high, "95-unreadable.json",
                                                   NULL);
    g_assert_cmpint(chmod(unreadable, 0), ==, 0);
    test_write(high, "99-good.json", good);

    signal(SIGALRM, on_alarm);
    alarm(20);
    const char *dirs[] = { low, high, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs, FWDESC_LOAD_TOLERANT);
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
    g_assert_cmpuint(fwdesc_catalog_get_n_entries(c), ==, G_N_ELEMENTS(expected));
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(c, (guint)i);
        g_autofree char *want = g_build_filename(expected[i].in_high ? high : low,
                                                 expected[i].name, NULL);
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
            g_assert_nonnull(strstr(fwdesc_entry_get_reason(e),
                                    expected[i].reason));
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

/* --- selection policy --- */

static void
test_select_policy(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-sel-XXXXXX", NULL);
    g_autofree char *future = g_strdup(
        "{\"description\": \"d\", \"interface-types\": [\"uefi\"], \"mapping\": "
        SPLIT ", \"targets\": [{\"architecture\": \"x86_64\", \"machines\": "
        "[\"pc-q35-*\"]}], \"features\": [\"teleport\"], \"tags\": []}");
    test_write(dir, "10-future.json", future);
    g_autofree char *plain = doc(SPLIT, "\"acpi-s3\"");
    test_write(dir, "20-plain.json", plain);
    g_autofree char *bios = doc("{\"device\": \"memory\", \"filename\": \"/bios.bin\"}", "");
    test_write(dir, "30-memory.json", bios);
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

/* --- QEMU arguments --- */

static char *
args_of(FwdescDescriptor *d, const char *vars, GError **error)
{
    g_auto(GStrv) argv = fwdesc_qemu_args(d, vars, error);
    return argv ? g_strjoinv(" ", argv) : NULL;
}

static void
test_qemu_args(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) split = load_ok(SPLIT, "");
    g_autofree char *a = args_of(split, "/vm/vars.fd", &err);
    g_assert_cmpstr(a, ==,
        "-blockdev driver=file,node-name=pflash0-file,read-only=on,"
        "filename=/fw/code.fd "
        "-blockdev driver=raw,node-name=pflash0,read-only=on,file=pflash0-file "
        "-machine pflash0=pflash0 "
        "-blockdev driver=file,node-name=pflash1-file,read-only=off,"
        "filename=/vm/vars.fd "
        "-blockdev driver=raw,node-name=pflash1,read-only=off,"
        "file=pflash1-file "
        "-machine pflash1=pflash1");
    g_assert_null(args_of(split, NULL, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT);
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) comb = load_ok(COMBINED, "");
    g_autofree char *b = args_of(comb, "/vm/a,b.qcow2", &err);
    g_assert_cmpstr(b, ==,
        "-blockdev driver=file,node-name=pflash0-file,read-only=off,"
        "filename=/vm/a,,b.qcow2 "
        "-blockdev driver=qcow2,node-name=pflash0,read-only=off,"
        "file=pflash0-file "
        "-machine pflash0=pflash0");

    /* A file, whatever its name: no "-drive file=", which would read
     * "vm:1.fd" as protocol 'vm' and "json:{...}" as options. */
    g_autofree char *colon = args_of(comb, "vm:1.fd", &err);
    g_assert_nonnull(strstr(colon, "-blockdev driver=file,node-name=pflash0-file,"
                                   "read-only=off,filename=vm:1.fd "));
    g_assert_null(strstr(colon, "-drive"));

    g_autoptr(FwdescDescriptor) sl = load_ok(STATELESS, "");
    g_autofree char *c = args_of(sl, NULL, &err);
    g_assert_cmpstr(c, ==,
        "-blockdev driver=file,node-name=pflash0-file,read-only=on,"
        "filename=/fw/code.fd "
        "-blockdev driver=raw,node-name=pflash0,read-only=on,file=pflash0-file "
        "-machine pflash0=pflash0");
    g_assert_null(args_of(sl, "/vm/x", &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) sb = load_ok(SPLIT, "\"requires-smm\", \"secure-boot\"");
    g_autofree char *d = args_of(sb, "/vm/v", &err);
    g_assert_true(g_str_has_suffix(d, " -machine smm=on -global "
                                      "driver=cfi.pflash01,property=secure,value=on"));
    g_autoptr(FwdescDescriptor) smm = load_ok(SPLIT, "\"requires-smm\"");
    g_autofree char *e = args_of(smm, "/vm/v", &err);
    g_assert_true(g_str_has_suffix(e, " -machine smm=on"));

    g_autoptr(FwdescDescriptor) mem = load_ok("{\"device\": \"memory\", \"filename\": \"/b.bin\"}", "");
    g_autofree char *f = args_of(mem, NULL, &err);
    g_assert_cmpstr(f, ==, "-bios /b.bin");
    g_autoptr(FwdescDescriptor) ker = load_ok("{\"device\": \"kernel\", \"filename\": \"/k\"}", "");
    g_autofree char *g = args_of(ker, NULL, &err);
    g_assert_cmpstr(g, ==, "-kernel /k");
    g_autoptr(FwdescDescriptor) igvm = load_ok("{\"device\": \"igvm\", \"filename\": \"/f.igvm\"}", "");
    g_autofree char *h = args_of(igvm, NULL, &err);
    g_assert_cmpstr(h, ==, "-object igvm-cfg,id=igvm0,file=/f.igvm -machine igvm-cfg=igvm0");
    g_assert_null(args_of(mem, "/vm/v", &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) host = load_ok("{\"device\": \"memory\", \"filename\": \"/q.fd\"}",
                                               "\"host-uefi-vars\"");
    g_autofree char *i = args_of(host, "/vm/vars.json", &err);
    g_assert_cmpstr(i, ==, "-bios /q.fd -device uefi-vars-x64,jsonfile=/vm/vars.json");

    const char *words[] = { "plain", "two words", "it's", "", "a=b,c", NULL };
    g_autofree char *line = fwdesc_shell_join(words);
    g_assert_cmpstr(line, ==, "plain 'two words' 'it'\\''s' '' a=b,c");
}

/* --- instantiation and atomic writes --- */

static guint
count_entries(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (d && g_dir_read_name(d)) {
        n++;
    }
    return n;
}

static void
test_instantiate(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-inst-XXXXXX", NULL);
    test_write(dir, "tmpl.fd", "TEMPLATE");
    test_write(dir, "all.fd", "COMBINED");
    g_autofree char *split_map = g_strdup_printf(
        "{\"device\": \"flash\", \"executable\": {\"filename\": \"/x\", \"format\": \"raw\"}, "
        "\"nvram-template\": {\"filename\": \"%s/tmpl.fd\", \"format\": \"raw\"}}", dir);
    g_autofree char *comb_map = g_strdup_printf(
        "{\"device\": \"flash\", \"mode\": \"combined\", \"executable\": "
        "{\"filename\": \"%s/all.fd\", \"format\": \"raw\"}}", dir);
    g_autoptr(FwdescDescriptor) split = load_ok(split_map, "");
    g_autoptr(FwdescDescriptor) comb = load_ok(comb_map, "");
    g_autoptr(FwdescDescriptor) sl = load_ok(STATELESS, "");
    g_autofree char *dest = g_build_filename(dir, "vm.fd", NULL);
    g_autoptr(GError) err = NULL;
    g_autofree char *data = NULL;

    g_assert_true(fwdesc_instantiate(split, dest, FALSE, &err));
    g_assert_no_error(err);
    g_assert_true(g_file_get_contents(dest, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "TEMPLATE");
    g_clear_pointer(&data, g_free);

    g_assert_false(fwdesc_instantiate(comb, dest, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS);
    g_clear_error(&err);
    g_assert_true(g_file_get_contents(dest, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "TEMPLATE");
    g_clear_pointer(&data, g_free);

    g_assert_true(fwdesc_instantiate(comb, dest, TRUE, &err));
    g_assert_true(g_file_get_contents(dest, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "COMBINED");

    g_autofree char *none = g_build_filename(dir, "none.fd", NULL);
    g_assert_false(fwdesc_instantiate(sl, none, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_clear_error(&err);
    g_assert_false(g_file_test(none, G_FILE_TEST_EXISTS));

    /* Only tmpl.fd, all.fd and vm.fd: no temporary file left behind. */
    g_assert_cmpuint(count_entries(dir), ==, 3);

    struct stat st;
    g_assert_cmpint(stat(dest, &st), ==, 0);
    g_assert_cmpint(st.st_mode & 077, ==, 0);

    /* Atomic write: replaces or refuses, never half-writes. */
    g_autofree char *out = g_build_filename(dir, "out.json", NULL);
    g_assert_true(fwdesc_write_file_atomic(out, "one", 3, 0644, FALSE, &err));
    g_assert_false(fwdesc_write_file_atomic(out, "two", 3, 0644, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS);
    g_clear_error(&err);
    g_assert_true(fwdesc_write_file_atomic(out, "three", 5, 0644, TRUE, &err));
    g_clear_pointer(&data, g_free);
    g_assert_true(g_file_get_contents(out, &data, NULL, NULL));
    g_assert_cmpstr(data, ==, "three");
    g_assert_cmpuint(count_entries(dir), ==, 4);
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
    g_assert_cmpuint(count_entries(dir), ==, 4);
    g_assert_false(fwdesc_replace_file_atomic(nodir, "x", 1, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_IO);
    g_clear_error(&err);
    g_assert_false(fwdesc_replace_file_atomic(dir, "x", 1, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NOT_REGULAR);
    test_rmtree(dir);
}

/* --- lint --- */

static void
test_lint(void)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) sb = load_ok(SPLIT, "\"secure-boot\", \"acpi-s3\", \"acpi-s3\"");
    guint n = fwdesc_lint_descriptor(sb, FWDESC_LINT_NO_FILES, diags);
    g_assert_cmpuint(n, ==, 2);
    g_assert_true(has_diag(diags, QAPI_SEVERITY_WARNING, "features"));
    g_assert_true(has_diag(diags, QAPI_SEVERITY_WARNING, "features[2]"));
    /* doc() puts "features" on line 7. */
    g_assert_cmpint(qapi_diagnostics_get(diags, 1)->line, ==, 7);

    /* Confidential-computing firmware is exempt from the SMM rule. */
    g_autoptr(QapiDiagnostics) d2 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) tdx = load_ok("{\"device\": \"memory\", \"filename\": \"/t.fd\"}",
                                              "\"intel-tdx\", \"secure-boot\", \"enrolled-keys\"");
    g_assert_cmpuint(fwdesc_lint_descriptor(tdx, FWDESC_LINT_NO_FILES, d2), ==, 0);

    g_autoptr(QapiDiagnostics) d3 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) rel = load_ok("{\"device\": \"memory\", \"filename\": \"bios.bin\"}",
                                              "\"enrolled-keys\"");
    g_assert_cmpuint(fwdesc_lint_descriptor(rel, FWDESC_LINT_DEFAULT, d3), ==, 2);
    g_assert_true(has_diag(d3, QAPI_SEVERITY_WARNING, "mapping.filename"));

    g_autoptr(QapiDiagnostics) d4 = qapi_diagnostics_new();
    g_autoptr(FwdescDescriptor) missing = load_ok(SPLIT, "");
    g_assert_cmpuint(fwdesc_lint_descriptor(missing, FWDESC_LINT_DEFAULT, d4), ==, 2);
    g_assert_true(has_diag(d4, QAPI_SEVERITY_WARNING, "mapping.executable.filename"));

    /* One firmware under two names, across a catalog. */
    g_autofree char *dir = g_dir_make_tmp("fwdesc-lint-XXXXXX", NULL);
    g_autofree char *text = doc(SPLIT, "");
    test_write(dir, "10-a.json", text);
    test_write(dir, "20-copy.json", text);
    g_autofree char *link = g_build_filename(dir, "30-link.json", NULL);
    g_assert_cmpint(symlink("10-a.json", link), ==, 0);
    const char *dirs[] = { dir, NULL };
    g_autoptr(FwdescCatalog) c = fwdesc_catalog_load(dirs, FWDESC_LOAD_STRICT);
    g_autoptr(QapiDiagnostics) d5 = qapi_diagnostics_new();
    g_assert_cmpuint(fwdesc_lint_catalog(c, d5), ==, 2);
    test_rmtree(dir);
}

static void
test_descriptor_new(void)
{
    g_autoptr(FwdescDescriptor) d = load_ok(SPLIT, "");
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) copy =
        fwdesc_descriptor_new(fwdesc_descriptor_get_firmware(d), &err);
    g_assert_no_error(err);
    g_autofree char *a = fwdesc_descriptor_to_json(d);
    g_autofree char *b = fwdesc_descriptor_to_json(copy);
    g_assert_cmpstr(a, ==, b);
    g_assert_true(fwdesc_descriptor_ref(copy) == copy);
    fwdesc_descriptor_unref(copy);
    g_assert_cmpstr(fwdesc_version(), ==, FWDESC_VERSION);
}

/* Positions of later diagnostics come from the text, like the parser's. */
static void
test_positions(void)
{
    g_autofree char *text = g_strdup(
        "{\"description\": \"caf\u00e9 \\\"quoted\\\" {[\",\n"
        " \"interface-types\": [\"uefi\"],\n"
        " \"mapping\": {\"device\": \"memory\", \"filename\": \"bios.bin\"},\n"
        "  \"targets\": [{\"architecture\": \"x86_64\", \"machines\": [\"pc\", \"pc\"]}],\n"
        " \"features\": [\"enrolled-keys\"], \"tags\": []}\n");
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) d = load(text, FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(fwdesc_lint_descriptor(d, FWDESC_LINT_NO_FILES, diags), ==, 3);
    static const struct { const char *path; int line, column; } want[] = {
        { "features", 5, 14 },
        { "targets[0].machines[1]", 4, 61 },
        { "mapping.filename", 3, 46 },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
        gboolean found = FALSE;
        for (guint j = 0; j < qapi_diagnostics_get_length(diags); j++) {
            const QapiDiagnostic *x = qapi_diagnostics_get(diags, j);
            if (!strcmp(x->path, want[i].path)) {
                g_assert_cmpint(x->line, ==, want[i].line);
                g_assert_cmpint(x->column, ==, want[i].column);
                found = TRUE;
            }
        }
        g_assert_true(found);
    }
    /* Lone CR and CR LF end lines too, as in the runtime's reader. */
    for (gsize k = 0; k < 2; k++) {
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autofree char *other = g_strjoinv(k ? "\r" : "\r\n", lines);
        g_autoptr(QapiDiagnostics) d3 = qapi_diagnostics_new();
        g_autoptr(FwdescDescriptor) o = load(other, FWDESC_LOAD_STRICT, NULL,
                                             &err);
        g_assert_no_error(err);
        fwdesc_lint_descriptor(o, FWDESC_LINT_NO_FILES, d3);
        for (guint j = 0; j < qapi_diagnostics_get_length(d3); j++) {
            const QapiDiagnostic *x = qapi_diagnostics_get(d3, j);
            if (!strcmp(x->path, "targets[0].machines[1]")) {
                g_assert_cmpint(x->line, ==, 4);
                g_assert_cmpint(x->column, ==, 61);
            }
        }
    }
    /* The runtime's reader puts a type error at the same place. */
    g_autofree char *bad = g_strdup(text);
    char *second = strstr(strstr(bad, "\"pc\""), ", \"pc\"") + 2;
    memcpy(second, "1234", 4);
    g_autoptr(QapiDiagnostics) d2 = qapi_diagnostics_new();
    g_autoptr(GError) e2 = NULL;
    g_assert_null(load(bad, FWDESC_LOAD_STRICT, d2, &e2));
    const QapiDiagnostic *x = qapi_diagnostics_get(d2, 0);
    g_assert_cmpstr(x->path, ==, "targets[0].machines[1]");
    g_assert_cmpint(x->line, ==, 4);
    g_assert_cmpint(x->column, ==, 61);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/library/prose-rules", test_prose_rules);
    g_test_add_func("/library/all-problems", test_all_problems);
    g_test_add_func("/library/tolerant-policy", test_tolerant_policy);
    g_test_add_func("/library/discovery-robust", test_discovery_robust);
    g_test_add_func("/library/default-search-path", test_default_search_path);
    g_test_add_func("/library/select-policy", test_select_policy);
    g_test_add_func("/library/qemu-args", test_qemu_args);
    g_test_add_func("/library/instantiate", test_instantiate);
    g_test_add_func("/library/lint", test_lint);
    g_test_add_func("/library/descriptor-new", test_descriptor_new);
    g_test_add_func("/library/positions", test_positions);
    return g_test_run();
}
