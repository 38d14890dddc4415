/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Machine type names: the aliases a QEMU binary reports, and the
 * patterns descriptors list.
 */
#include <fnmatch.h>
#include <string.h>

#include "fwdesc-private.h"

/* QEMU's "-machine help" lists the output of its machine classes; this
 * much is plenty and stops a runaway program. */
#define MAX_HELP_SIZE (1024 * 1024)

gboolean
fwdesc_machine_pattern_match(const char *pattern, const char *machine,
                             gboolean use_fnmatch)
{
    if (use_fnmatch) {
        /* Shell globbing with classes ("[5-9]"), as QEMU's documentation
         * words it. */
        return fnmatch(pattern, machine, 0) == 0;
    }
    /* libvirt's reading: '*' and '?' only; '[' is an ordinary character. */
    return g_pattern_match_simple(pattern, machine);
}

/*
 * The line for @name in QEMU's "-machine help" output: "NAME<spaces>
 * description", an alias line ending in "(alias of TARGET)".  Returns
 * TRUE when @name is listed; *@target (newly allocated) is what it is an
 * alias of, or NULL for a concrete type.
 */
gboolean
fwdesc_qemu_machine_lookup(const char *help, const char *name, char **target)
{
    static const char marker[] = "(alias of ";
    g_auto(GStrv) lines = g_strsplit(help, "\n", -1);
    gsize len = strlen(name);

    *target = NULL;
    for (guint i = 0; lines[i]; i++) {
        const char *line = lines[i];
        if (strncmp(line, name, len) || (line[len] != ' ' && line[len])) {
            continue;
        }
        const char *alias = strstr(line, marker);
        if (alias) {
            const char *start = alias + strlen(marker);
            const char *end = strchr(start, ')');
            if (end && end > start) {
                *target = g_strndup(start, (gsize)(end - start));
            }
        }
        return TRUE;
    }
    return FALSE;
}

char *
fwdesc_qemu_machine_help(const char *binary, GError **error)
{
    const char *argv[] = { binary, "-machine", "help", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    g_autoptr(GError) local = NULL;

    /* No shell, no inherited stdin (GLib gives the child /dev/null). */
    if (!g_spawn_sync(NULL, (char **)argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_CLOEXEC_PIPES, NULL, NULL,
                      &out, &err, &status, &local)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                    "%s: cannot run it: %s", binary, local->message);
        return NULL;
    }
    if (!g_spawn_check_wait_status(status, &local)) {
        g_strstrip(err);
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                    "%s -machine help: %s%s%s", binary, local->message,
                    *err ? ": " : "", err);
        return NULL;
    }
    if (strlen(out) > MAX_HELP_SIZE
        || !g_str_has_prefix(out, "Supported machines are:")) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                    "%s: does not list machine types as QEMU does "
                    "('-machine help')",
                    binary);
        return NULL;
    }
    return g_steal_pointer(&out);
}
