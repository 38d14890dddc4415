/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness: discovery and selection over a directory tree built
 * from the input.
 *
 * Input format: if the first byte is not '{' or white space, its low four
 * bits say how many control bytes follow; the rest is split at NUL bytes
 * into file contents (a real descriptor, having no NUL, is one file).
 * Control byte i places file i:
 *   bits 0-1  directory (0, 1, 2: least to most specific; 3: also 2)
 *   bits 2-4  name, from a small table (dotfiles and non-.json included,
 *             so that overriding and filtering get exercised)
 *   bits 5-7  kind: 0-3 regular file with the content, 4 empty file
 *             (mask), 5 symlink to /dev/null (mask), 6 symlink to the
 *             previous file, 7 one of: dangling symlink, directory, FIFO
 * Without control bytes file i goes to directory i % 3 under name i.
 *
 * Checked: discovery never fails, blocks or crashes; entries are sorted,
 * each name has at most one effective entry, the shadowed ones after it;
 * statuses and descriptors agree; selection picks the first matching ok
 * entry in order and gives every other entry a reason; the convenience
 * call agrees with the full one.
 */
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "fwdesc/fwdesc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_DIRS    3
#define MAX_FILES 16

static char *base_dir;

static const char *const names[] = {
    /* clang-format off */
    "10-a.json", "20-b.json", "30-c.json", "50-d.json",
    ".hidden.json", "60-e.txt", "70-f.json", "10-a.json~",
    /* clang-format on */
};

static void remove_tree(const char *path);

static void
remove_base_dir(void)
{
    remove_tree(base_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    /* Trees are made and removed for every input: in memory when the
     * system has a tmpfs for it, that is several times faster. */
    /* libFuzzer ends with _Exit(), so run-fuzz names a directory to work
     * in (FUZZ_TMPDIR) and removes it afterwards. */
    const char *parent = g_getenv("FUZZ_TMPDIR");

    if (!parent && g_access("/dev/shm", W_OK) == 0 && !g_getenv("TMPDIR")) {
        parent = "/dev/shm";
    }
    if (parent) {
        base_dir = g_build_filename(parent, "fwdesc-fuzz-discovery-XXXXXX",
                                    NULL);
        if (!g_mkdtemp(base_dir)) {
            g_clear_pointer(&base_dir, g_free);
        }
    }
    if (!base_dir) {
        base_dir = g_dir_make_tmp("fwdesc-fuzz-discovery-XXXXXX", NULL);
    }
    if (!base_dir) {
        fprintf(stderr, "cannot make a temporary directory\n");
        abort();
    }
    atexit(remove_base_dir);
    return 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

static void
remove_tree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
write_file(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);

    if (fd < 0) {
        return; /* e.g. the name exists as a FIFO or directory already */
    }
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n <= 0) {
            break;
        }
        data += n;
        len -= (size_t)n;
    }
    close(fd);
}

static void
place_file(char *const dirs[N_DIRS], unsigned ctl, unsigned index,
           const char *data, size_t len, char **previous)
{
    const char *dir = dirs[(ctl & 3) == 3 ? 2 : (ctl & 3)];
    g_autofree char *path = g_build_filename(dir, names[(ctl >> 2) & 7], NULL);
    unsigned kind = ctl >> 5;

    if (g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK)) {
        return; /* first placement of a name wins */
    }
    switch (kind) {
    case 4:
        write_file(path, "", 0);
        break;
    case 5:
        (void)!symlink("/dev/null", path);
        break;
    case 6:
        (void)!symlink(*previous ? *previous : "missing.json", path);
        break;
    case 7:
        switch (index % 3) {
        case 0:
            (void)!symlink("/nonexistent/fwdesc-fuzz.json", path);
            break;
        case 1:
            (void)!mkdir(path, 0755);
            break;
        default:
            (void)!mkfifo(path, 0644);
            break;
        }
        break;
    default:
        write_file(path, data, len);
        break;
    }
    g_free(*previous);
    *previous = g_steal_pointer(&path);
}

static void
build_tree(char *const dirs[N_DIRS], const uint8_t *data, size_t size)
{
    const uint8_t *ctl = NULL;
    size_t n_ctl = 0;
    g_autofree char *previous = NULL;
    unsigned index = 0;

    if (size > 0 && data[0] != '{' && !g_ascii_isspace(data[0])) {
        n_ctl = data[0] & 15;
        ctl = data + 1;
        if (n_ctl > size - 1) {
            n_ctl = size - 1;
        }
        data += 1 + n_ctl;
        size -= 1 + n_ctl;
    }
    while (index < MAX_FILES) {
        const uint8_t *end = memchr(data, 0, size);
        size_t len = end ? (size_t)(end - data) : size;
        unsigned c = index < n_ctl ? ctl[index]
                                   : ((index % N_DIRS) | ((index & 7) << 2));

        place_file(dirs, c, index, (const char *)data, len, &previous);
        index++;
        if (!end) {
            break;
        }
        data = end + 1;
        size -= len + 1;
    }
}

/*
 * Under one name: first the entries that take no part in overriding (a
 * directory or FIFO called *.json: invalid), then the effective entry,
 * then the entries it shadows.  So in each run of one name, no entry
 * comes after a shadowed one unless shadowed too, a shadowed entry has a
 * non-shadowed one before it, and at most one entry is ok, masked or
 * unsupported.
 */
static void
check_catalog(const FwdescCatalog *catalog)
{
    guint n = fwdesc_catalog_get_n_entries(catalog);
    const char *previous_name = NULL;
    guint visible = 0; /* non-shadowed entries of this name */
    guint usable = 0;  /* ... of which not invalid */
    bool shadowed_seen = false;

    FUZZ_CHECK(fwdesc_catalog_get_warnings(catalog) != NULL, "warnings NULL");
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        const char *name = fwdesc_entry_get_name(e);
        FwdescStatus status = fwdesc_entry_get_status(e);
        bool same_name = previous_name && strcmp(previous_name, name) == 0;

        FUZZ_CHECK(name && g_str_has_suffix(name, ".json") && name[0] != '.',
                   "entry %u has name '%s'", i, name ? name : "(null)");
        FUZZ_CHECK(!previous_name || strcmp(previous_name, name) <= 0,
                   "entries not sorted: '%s' before '%s'", previous_name, name);
        FUZZ_CHECK(fwdesc_entry_get_path(e) && fwdesc_entry_get_directory(e),
                   "entry %u has no path or directory", i);
        FUZZ_CHECK(status <= FWDESC_STATUS_SHADOWED, "status %d", status);
        if (!same_name) {
            visible = usable = 0;
            shadowed_seen = false;
        }
        if (status == FWDESC_STATUS_SHADOWED) {
            FUZZ_CHECK(visible > 0, "'%s' (entry %u) is shadowed by nothing",
                       name, i);
            shadowed_seen = true;
        } else {
            FUZZ_CHECK(!shadowed_seen,
                       "'%s' (entry %u) is %s after a "
                       "shadowed entry of its name",
                       name, i, fwdesc_status_to_string(status));
            visible++;
            if (status != FWDESC_STATUS_INVALID) {
                usable++;
            }
            FUZZ_CHECK(usable <= 1, "'%s' is effective twice (entry %u)", name,
                       i);
        }
        FUZZ_CHECK((status == FWDESC_STATUS_OK)
                       == (fwdesc_entry_get_descriptor(e) != NULL),
                   "entry %u: status %s but descriptor %p", i,
                   fwdesc_status_to_string(status),
                   (void *)fwdesc_entry_get_descriptor(e));
        FUZZ_CHECK((status == FWDESC_STATUS_OK)
                       == (fwdesc_entry_get_reason(e) == NULL),
                   "entry %u: status %s with reason %s", i,
                   fwdesc_status_to_string(status),
                   fwdesc_entry_get_reason(e) ? fwdesc_entry_get_reason(e)
                                              : "NULL");
        FUZZ_CHECK(fwdesc_entry_get_diagnostics(e) != NULL, "diagnostics NULL");
        fuzz_check_diagnostics(fwdesc_entry_get_diagnostics(e));
        previous_name = name;
    }
}

static void
check_selection(const FwdescCatalog *catalog, const FwdescQuery *query)
{
    g_autoptr(FwdescSelection) sel = fwdesc_select(catalog, query);
    const FwdescEntry *chosen = fwdesc_selection_get_chosen(sel);
    guint n = fwdesc_catalog_get_n_entries(catalog);
    bool seen = false;
    g_autoptr(GError) error = NULL;
    g_autoptr(FwdescDescriptor) desc = fwdesc_select_descriptor(catalog, query,
                                                                &error);

    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        const char *reason = fwdesc_selection_get_reason(sel, i);

        if (e == chosen) {
            FUZZ_CHECK(!seen, "chosen twice");
            FUZZ_CHECK(reason == NULL, "chosen entry has a reason: %s", reason);
            FUZZ_CHECK(fwdesc_entry_get_status(e) == FWDESC_STATUS_OK,
                       "chosen entry is not ok");
            FUZZ_CHECK(
                fwdesc_query_mismatch(query, fwdesc_entry_get_descriptor(e))
                    == NULL,
                "chosen entry does not match");
            seen = true;
            continue;
        }
        FUZZ_CHECK(reason && *reason, "entry %u lost without a reason", i);
        if (!seen && fwdesc_entry_get_status(e) == FWDESC_STATUS_OK) {
            g_autofree char *why = fwdesc_query_mismatch(
                query, fwdesc_entry_get_descriptor(e));

            FUZZ_CHECK(why != NULL,
                       "entry %u matches but an later one was chosen", i);
        }
    }
    FUZZ_CHECK(seen == (chosen != NULL), "chosen entry is not in the catalog");
    FUZZ_CHECK(!desc == !chosen, "fwdesc_select_descriptor disagrees");
    FUZZ_CHECK(!desc == !!error,
               "select_descriptor verdict and error disagree");
    if (desc) {
        FUZZ_CHECK(desc == fwdesc_entry_get_descriptor(chosen),
                   "select_descriptor returns another descriptor");
    }
}

static void
run_queries(const FwdescCatalog *catalog, uint8_t seed)
{
    static const struct {
        FirmwareArchitecture arch;
        const char *machine;
    } targets[] = {
        { FIRMWARE_ARCHITECTURE_X86_64, "pc-q35-9.2" },
        { FIRMWARE_ARCHITECTURE_X86_64, "pc-i440fx-8.2" },
        { FIRMWARE_ARCHITECTURE_I386, "pc-q35-9.2" },
        { FIRMWARE_ARCHITECTURE_AARCH64, "virt-9.2" },
        { FIRMWARE_ARCHITECTURE_X86_64, "microvm" },
    };

    for (size_t t = 0; t < G_N_ELEMENTS(targets); t++) {
        g_autoptr(FwdescQuery) plain = fwdesc_query_new(targets[t].arch,
                                                        targets[t].machine);
        g_autoptr(FwdescQuery) picky = fwdesc_query_new(targets[t].arch,
                                                        targets[t].machine);

        check_selection(catalog, plain);
        /* A second query shaped by the input. */
        fwdesc_query_set_interface(
            picky, (FirmwareOSInterface)(seed % FIRMWARE_OS_INTERFACE__MAX));
        fwdesc_query_set_mode(
            picky, (FirmwareFlashMode)((seed >> 2) % FIRMWARE_FLASH_MODE__MAX));
        fwdesc_query_set_confidential(picky,
                                      (FwdescConfidential)((seed >> 4) % 5));
        if (seed & 0x40) {
            fwdesc_query_require_feature(picky, FIRMWARE_FEATURE_SECURE_BOOT);
        } else {
            fwdesc_query_forbid_feature(picky, FIRMWARE_FEATURE_ENROLLED_KEYS);
        }
        if (seed & 0x80) {
            fwdesc_query_set_format(picky, FIRMWARE_FORMAT_QCOW2);
            fwdesc_query_set_flags(picky, FWDESC_QUERY_REJECT_UNKNOWN_FEATURES);
        }
        check_selection(catalog, picky);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *root = g_build_filename(base_dir, "tree", NULL);
    char *dirs[N_DIRS + 1] = { NULL };

    remove_tree(root);
    for (int i = 0; i < N_DIRS; i++) {
        dirs[i] = g_strdup_printf("%s/%d", root, i);
        g_mkdir_with_parents(dirs[i], 0755);
    }
    build_tree(dirs, data, size);
    {
        g_autoptr(FwdescCatalog) catalog = fwdesc_catalog_load(
            (const char *const *)dirs, FWDESC_LOAD_TOLERANT);
        g_autoptr(QapiDiagnostics) lint = qapi_diagnostics_new();

        check_catalog(catalog);
        run_queries(catalog, size > 0 ? data[size - 1] : 0);
        fwdesc_lint_catalog(catalog, lint);
        fuzz_check_diagnostics(lint);
    }
    remove_tree(root);
    for (int i = 0; i < N_DIRS; i++) {
        g_free(dirs[i]);
    }
    return 0;
}
