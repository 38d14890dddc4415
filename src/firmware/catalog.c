/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Discovery: the search path resolved into one status per file, as the
 * schema's documentation of Firmware describes.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fwdesc-private.h"

struct FwdescEntry {
    char *name;
    char *path;
    char *directory;
    FwdescStatus status;
    char *reason;
    FwdescDescriptor *desc;
    QapiDiagnostics *diags;
};

struct FwdescCatalog {
    GPtrArray *entries;  /* FwdescEntry */
    GPtrArray *warnings; /* char *, NULL-terminated */
};

static void
entry_free(FwdescEntry *entry)
{
    g_free(entry->name);
    g_free(entry->path);
    g_free(entry->directory);
    g_free(entry->reason);
    fwdesc_descriptor_unref(entry->desc);
    qapi_diagnostics_free(entry->diags);
    g_free(entry);
}

static FwdescEntry *
entry_new(const char *dir, const char *name)
{
    FwdescEntry *entry = g_new0(FwdescEntry, 1);
    entry->name = g_strdup(name);
    entry->directory = g_strdup(dir);
    entry->path = g_build_filename(dir, name, NULL);
    entry->diags = qapi_diagnostics_new();
    return entry;
}

static FwdescCatalog *
catalog_new(void)
{
    FwdescCatalog *catalog = g_new0(FwdescCatalog, 1);
    catalog->entries = g_ptr_array_new_with_free_func(
        (GDestroyNotify)entry_free);
    catalog->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(catalog->warnings, NULL);
    return catalog;
}

static void
catalog_warn(FwdescCatalog *catalog, char *message)
{
    /* Keep the array NULL-terminated for get_warnings(). */
    catalog->warnings->pdata[catalog->warnings->len - 1] = message;
    g_ptr_array_add(catalog->warnings, NULL);
}

void
fwdesc_catalog_free(FwdescCatalog *catalog)
{
    if (!catalog) {
        return;
    }
    g_ptr_array_unref(catalog->entries);
    g_ptr_array_unref(catalog->warnings);
    g_free(catalog);
}

const char *
fwdesc_status_to_string(FwdescStatus status)
{
    switch (status) {
    case FWDESC_STATUS_OK:
        return "ok";
    case FWDESC_STATUS_INVALID:
        return "invalid";
    case FWDESC_STATUS_UNSUPPORTED:
        return "unsupported";
    case FWDESC_STATUS_MASKED:
        return "masked";
    case FWDESC_STATUS_SHADOWED:
        return "shadowed";
    }
    return "unknown";
}

char **
fwdesc_default_search_path(void)
{
    const char *config = g_getenv("XDG_CONFIG_HOME");
    g_autofree char *user = NULL;
    /* The XDG spec: unset, empty or relative values are ignored. */
    if (config && g_path_is_absolute(config)) {
        user = g_build_filename(config, "qemu", "firmware", NULL);
    } else {
        const char *home = g_getenv("HOME");
        user = g_build_filename(home && *home ? home : g_get_home_dir(),
                                ".config", "qemu", "firmware", NULL);
    }
    char **dirs = g_new0(char *, 4);
    dirs[0] = g_strdup("/usr/share/qemu/firmware");
    dirs[1] = g_strdup("/etc/qemu/firmware");
    dirs[2] = g_steal_pointer(&user);
    return dirs;
}

/* --- classifying one effective file --- */

static gboolean
is_dev_null(const struct stat *st)
{
    struct stat null_st;
    return S_ISCHR(st->st_mode) && stat("/dev/null", &null_st) == 0
           && st->st_rdev == null_st.st_rdev;
}

static void
entry_set(FwdescEntry *entry, FwdescStatus status, char *reason)
{
    entry->status = status;
    g_free(entry->reason);
    entry->reason = reason;
}

static void
entry_set_error(FwdescEntry *entry, const GError *err)
{
    FwdescStatus status = g_error_matches(err, FWDESC_ERROR,
                                          FWDESC_ERROR_UNSUPPORTED)
                              ? FWDESC_STATUS_UNSUPPORTED
                              : FWDESC_STATUS_INVALID;
    /* Prefer the first diagnostic without the file name, which the
     * listing shows anyway. */
    const QapiDiagnostic *first = fwdesc_diagnostics_first_error(entry->diags);
    char *reason;
    if (g_error_matches(err, FWDESC_ERROR, FWDESC_ERROR_INVALID) && first) {
        reason = fwdesc_diagnostic_brief(first);
    } else {
        const char *msg = err->message;
        size_t n = strlen(entry->path);
        if (!strncmp(msg, entry->path, n) && !strncmp(msg + n, ": ", 2)) {
            msg += n + 2;
        }
        /* The status already says "unsupported". */
        if (g_str_has_prefix(msg, "unsupported: ")) {
            msg += strlen("unsupported: ");
        }
        reason = g_strdup(msg);
    }
    entry_set(entry, status, reason);
}

static void
entry_load_descriptor(FwdescEntry *entry, FwdescLoadFlags flags)
{
    g_autoptr(GError) err = NULL;
    entry->desc = fwdesc_descriptor_load_file(entry->path, flags, entry->diags,
                                              &err);
    if (!entry->desc) {
        entry_set_error(entry, err);
        return;
    }
    entry_set(entry, FWDESC_STATUS_OK, NULL);
}

/* Load @entry's file; @masking: found by discovery, where an empty file
 * or a link to /dev/null masks the name (a file named explicitly is just
 * a file, and an empty one is invalid). */
static void
entry_load(FwdescEntry *entry, FwdescLoadFlags flags, gboolean masking)
{
    if (!masking) {
        entry_load_descriptor(entry, flags);
        return;
    }
    struct stat lst, st;
    if (lstat(entry->path, &lst) < 0) {
        entry_set(entry, FWDESC_STATUS_INVALID, g_strdup(g_strerror(errno)));
        return;
    }
    if (S_ISLNK(lst.st_mode)) {
        g_autofree char *target = g_file_read_link(entry->path, NULL);
        if (target && !strcmp(target, "/dev/null")) {
            entry_set(entry, FWDESC_STATUS_MASKED,
                      g_strdup("symbolic link to /dev/null"));
            return;
        }
    }
    /* stat() never blocks, even on a FIFO. */
    if (stat(entry->path, &st) < 0) {
        int saved = errno;
        entry_set(entry, FWDESC_STATUS_INVALID,
                  S_ISLNK(lst.st_mode) && saved == ENOENT
                      ? g_strdup("dangling symbolic link")
                      : g_strdup(g_strerror(saved)));
        return;
    }
    if (is_dev_null(&st)) {
        entry_set(entry, FWDESC_STATUS_MASKED,
                  g_strdup("symbolic link to /dev/null"));
        return;
    }
    if (S_ISREG(st.st_mode) && st.st_size == 0) {
        entry_set(entry, FWDESC_STATUS_MASKED, g_strdup("empty file"));
        return;
    }
    entry_load_descriptor(entry, flags);
}

/* --- scanning --- */

static gboolean
wanted_name(const char *name)
{
    return name[0] != '.' && g_str_has_suffix(name, ".json");
}

/*
 * Whether @dir/@name takes part in overriding: a regular file or a
 * symbolic link (dangling or not, as libvirt).  A directory, FIFO, socket
 * or device that happens to be called *.json is not "a file with the same
 * name": it is listed as invalid but hides nothing.
 */
static gboolean
overrides(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    struct stat lst;
    if (lstat(path, &lst) < 0) {
        return TRUE; /* vanished meanwhile: loading will say why */
    }
    return S_ISREG(lst.st_mode) || S_ISLNK(lst.st_mode);
}

/* Names in @dir that may be descriptors, or NULL if it cannot be read. */
static GPtrArray *
scan_directory(FwdescCatalog *catalog, const char *dir)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GDir) d = g_dir_open(dir, 0, &err);
    if (!d) {
        /* An absent directory is normal (nothing installed there). */
        if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOTDIR)) {
            catalog_warn(catalog, g_strdup_printf("%s: not a directory", dir));
        } else if (!g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            catalog_warn(catalog, g_strdup(err->message));
        }
        return NULL;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (wanted_name(name)) {
            g_ptr_array_add(names, g_strdup(name));
        }
    }
    return names;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

FwdescCatalog *
fwdesc_catalog_load(const char *const *dirs, FwdescLoadFlags flags)
{
    g_auto(GStrv) defaults = NULL;
    if (!dirs) {
        defaults = fwdesc_default_search_path();
        dirs = (const char *const *)defaults;
    }
    FwdescCatalog *catalog = catalog_new();

    /* name -> GPtrArray of directories holding it, least specific first */
    g_autoptr(GHashTable) where = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
    g_autoptr(GHashTable) seen_dirs = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; dirs[i]; i++) {
        /* The same directory twice would shadow itself, also when one
         * name of it is a symbolic link to the other. */
        struct stat st;
        char *key = stat(dirs[i], &st) == 0
                        ? g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev,
                                          (uintmax_t)st.st_ino)
                        : g_canonicalize_filename(dirs[i], NULL);
        if (!g_hash_table_add(seen_dirs, key)) {
            continue;
        }
        g_autoptr(GPtrArray) names = scan_directory(catalog, dirs[i]);
        for (guint j = 0; names && j < names->len; j++) {
            const char *name = names->pdata[j];
            GPtrArray *holders = g_hash_table_lookup(where, name);
            if (!holders) {
                holders = g_ptr_array_new();
                g_hash_table_insert(where, g_strdup(name), holders);
            }
            g_ptr_array_add(holders, (gpointer)dirs[i]);
        }
    }

    g_autofree gpointer *keys = g_hash_table_get_keys_as_array(where, NULL);
    guint n = g_hash_table_size(where);
    qsort(keys, n, sizeof(gpointer), compare_strings);

    for (guint i = 0; i < n; i++) {
        const char *name = keys[i];
        GPtrArray *holders = g_hash_table_lookup(where, name);
        /* The most specific directory decides (it comes last), among the
         * entries that take part in overriding; the others are listed as
         * they are (invalid), most specific first. */
        guint top = holders->len;
        while (top > 0 && !overrides(holders->pdata[top - 1], name)) {
            top--;
        }
        for (guint j = holders->len; j-- > top;) {
            FwdescEntry *stray = entry_new(holders->pdata[j], name);
            entry_load(stray, flags, TRUE);
            if (stray->status == FWDESC_STATUS_INVALID && top > 0) {
                char *reason = g_strdup_printf("%s (overrides nothing)",
                                               stray->reason);
                entry_set(stray, FWDESC_STATUS_INVALID, reason);
            }
            g_ptr_array_add(catalog->entries, stray);
        }
        if (top == 0) {
            continue;
        }
        FwdescEntry *effective = entry_new(holders->pdata[top - 1], name);
        entry_load(effective, flags, TRUE);
        g_ptr_array_add(catalog->entries, effective);
        for (guint j = top - 1; j-- > 0;) {
            FwdescEntry *hidden = entry_new(holders->pdata[j], name);
            entry_set(hidden, FWDESC_STATUS_SHADOWED,
                      g_strdup_printf("%s by %s",
                                      effective->status == FWDESC_STATUS_MASKED
                                          ? "masked"
                                          : "overridden",
                                      effective->path));
            g_ptr_array_add(catalog->entries, hidden);
        }
    }
    return catalog;
}

FwdescCatalog *
fwdesc_catalog_load_files(const char *const *paths, FwdescLoadFlags flags)
{
    FwdescCatalog *catalog = catalog_new();
    for (guint i = 0; paths && paths[i]; i++) {
        g_autofree char *dir = g_path_get_dirname(paths[i]);
        g_autofree char *base = g_path_get_basename(paths[i]);
        FwdescEntry *entry = entry_new(dir, base);
        g_free(entry->path);
        entry->path = g_strdup(paths[i]);
        entry_load(entry, flags, FALSE);
        g_ptr_array_add(catalog->entries, entry);
    }
    return catalog;
}

guint
fwdesc_catalog_get_n_entries(const FwdescCatalog *catalog)
{
    g_return_val_if_fail(catalog != NULL, 0);
    return catalog->entries->len;
}

const FwdescEntry *
fwdesc_catalog_get_entry(const FwdescCatalog *catalog, guint index)
{
    g_return_val_if_fail(catalog != NULL, NULL);
    g_return_val_if_fail(index < catalog->entries->len, NULL);
    return catalog->entries->pdata[index];
}

const char *const *
fwdesc_catalog_get_warnings(const FwdescCatalog *catalog)
{
    g_return_val_if_fail(catalog != NULL, NULL);
    return (const char *const *)catalog->warnings->pdata;
}

const char *
fwdesc_entry_get_name(const FwdescEntry *entry)
{
    return entry->name;
}

const char *
fwdesc_entry_get_path(const FwdescEntry *entry)
{
    return entry->path;
}

const char *
fwdesc_entry_get_directory(const FwdescEntry *entry)
{
    return entry->directory;
}

FwdescStatus
fwdesc_entry_get_status(const FwdescEntry *entry)
{
    return entry->status;
}

const char *
fwdesc_entry_get_reason(const FwdescEntry *entry)
{
    return entry->reason;
}

FwdescDescriptor *
fwdesc_entry_get_descriptor(const FwdescEntry *entry)
{
    return entry->desc;
}

const QapiDiagnostics *
fwdesc_entry_get_diagnostics(const FwdescEntry *entry)
{
    return entry->diags;
}
