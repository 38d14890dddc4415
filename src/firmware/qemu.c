/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Using a descriptor with QEMU: the command line that loads it, and the
 * VM's own variable store.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "autofd.h"
#include "fwdesc-private.h"

/* Variable stores are a few MiB; refuse to copy anything absurd. */
#define MAX_VARS_SIZE (256u * 1024 * 1024)

/* QEMU option values are comma-separated: a comma in a value is doubled. */
static char *
qemu_opt_escape(const char *value)
{
    GString *s = g_string_sized_new(strlen(value));
    for (const char *p = value; *p; p++) {
        if (*p == ',') {
            g_string_append_c(s, ',');
        }
        g_string_append_c(s, *p);
    }
    return g_string_free(s, FALSE);
}

static void
add_arg(GPtrArray *argv, const char *opt, char *value)
{
    g_ptr_array_add(argv, g_strdup(opt));
    g_ptr_array_add(argv, value);
}

/*
 * A pflash unit backed by @file, the way libvirt does it for modern QEMU:
 * a "file" protocol node, so that @file is always a file name (with
 * "-drive file=" a relative "vm:1.fd" names protocol "vm", and "json:{...}"
 * or "nbd:..." are not files at all), a format node on top, and the
 * machine's pflash property pointing at the format node.
 */
static void
add_pflash(GPtrArray *argv, int unit, const char *file, FirmwareFormat format,
           gboolean readonly)
{
    g_autofree char *escaped = qemu_opt_escape(file);
    const char *ro = readonly ? "on" : "off";
    add_arg(argv, "-blockdev",
            g_strdup_printf("driver=file,node-name=pflash%d-file,"
                            "read-only=%s,filename=%s",
                            unit, ro, escaped));
    add_arg(argv, "-blockdev",
            g_strdup_printf("driver=%s,node-name=pflash%d,read-only=%s,"
                            "file=pflash%d-file",
                            FirmwareFormat_str(format), unit, ro, unit));
    add_arg(argv, "-machine", g_strdup_printf("pflash%d=pflash%d", unit, unit));
}

static gboolean
add_flash(GPtrArray *argv, const FwdescDescriptor *desc, const char *vars,
          GError **error)
{
    const FirmwareMappingFlash *flash =
        &fwdesc_descriptor_get_firmware(desc)->mapping->u.flash;
    FirmwareFlashMode mode = fwdesc_descriptor_get_flash_mode(desc);

    if (mode != FIRMWARE_FLASH_MODE_STATELESS && !vars) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                    "%s firmware needs the VM's own variable store (create "
                    "it with 'fwdesc instantiate')",
                    FirmwareFlashMode_str(mode));
        return FALSE;
    }
    if (mode == FIRMWARE_FLASH_MODE_STATELESS && vars) {
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_NO_VARS,
                            "stateless firmware has no variable store");
        return FALSE;
    }
    switch (mode) {
    case FIRMWARE_FLASH_MODE_SPLIT:
        add_pflash(argv, 0, flash->executable->filename,
                   flash->executable->format, TRUE);
        add_pflash(argv, 1, vars, flash->nvram_template->format, FALSE);
        break;
    case FIRMWARE_FLASH_MODE_COMBINED:
        /* The VM's own copy of the executable, written by the firmware. */
        add_pflash(argv, 0, vars, flash->executable->format, FALSE);
        break;
    default:
        add_pflash(argv, 0, flash->executable->filename,
                   flash->executable->format, TRUE);
        break;
    }
    return TRUE;
}

/*
 * The uefi-vars device's store must be its JSON file (absent or empty is
 * fine: QEMU starts an empty store).  Refuse what is evidently something
 * else, e.g. a flash variable image from 'instantiate' of old.
 */
static gboolean
check_uefi_vars_json(const char *vars, GError **error)
{
    /* Non-blocking, and only regular files are looked into. */
    g_auto(FwdescFd) fd = open(vars, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return TRUE;
    }
    struct stat st;
    char buf[256];
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                    ? read(fd, buf, sizeof(buf))
                    : 0;
    ssize_t i = 0;
    while (i < n && strchr(" \t\n\r", buf[i])) {
        i++;
    }
    if (i < n && buf[i] != '{') {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_INVALID,
                    "%s: not a uefi-vars JSON file (host-uefi-vars firmware "
                    "keeps its variables in one; a flash variable image "
                    "does not work here)",
                    vars);
        return FALSE;
    }
    return TRUE;
}

static gboolean
first_target_is_x86(const FwdescDescriptor *desc)
{
    const FirmwareTargetList *t = fwdesc_descriptor_get_firmware(desc)->targets;
    return t
           && (t->value->architecture == FIRMWARE_ARCHITECTURE_X86_64
               || t->value->architecture == FIRMWARE_ARCHITECTURE_I386);
}

char **
fwdesc_qemu_args(const FwdescDescriptor *desc, const char *vars, GError **error)
{
    g_return_val_if_fail(desc != NULL, NULL);

    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    FirmwareDevice device = fwdesc_descriptor_get_device(desc);
    const char *file = fwdesc_descriptor_get_executable(desc);
    gboolean host_vars = fwdesc_descriptor_has_feature(
        desc, FIRMWARE_FEATURE_HOST_UEFI_VARS);

    if (device == FIRMWARE_DEVICE_FLASH && !host_vars) {
        if (!add_flash(argv, desc, vars, error)) {
            return NULL;
        }
    } else if (vars && !host_vars) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NO_VARS,
                    "firmware on device '%s' has no variable store",
                    FirmwareDevice_str(device));
        return NULL;
    } else if (device == FIRMWARE_DEVICE_FLASH) {
        /* Variables come from the host: the flash image is code only. */
        const FirmwareFlashFile *exec =
            fwdesc_descriptor_get_firmware(desc)->mapping->u.flash.executable;
        add_pflash(argv, 0, exec->filename, exec->format, TRUE);
    }

    g_autofree char *escaped = qemu_opt_escape(file);
    switch (device) {
    case FIRMWARE_DEVICE_MEMORY:
        add_arg(argv, "-bios", g_strdup(file));
        break;
    case FIRMWARE_DEVICE_KERNEL:
        add_arg(argv, "-kernel", g_strdup(file));
        break;
    case FIRMWARE_DEVICE_IGVM:
        add_arg(argv, "-object",
                g_strdup_printf("igvm-cfg,id=igvm0,file=%s", escaped));
        add_arg(argv, "-machine", g_strdup("igvm-cfg=igvm0"));
        break;
    default:
        break;
    }

    if (host_vars) {
        /* The host-side store: uefi-vars-x64 on x86 (i386 PC machines
         * too), the sysbus device elsewhere; persistent only with a JSON
         * file. */
        const char *dev = first_target_is_x86(desc) ? "uefi-vars-x64"
                                                    : "uefi-vars-sysbus";
        if (vars) {
            if (!check_uefi_vars_json(vars, error)) {
                return NULL;
            }
            g_autofree char *v = qemu_opt_escape(vars);
            add_arg(argv, "-device", g_strdup_printf("%s,jsonfile=%s", dev, v));
        } else {
            add_arg(argv, "-device", g_strdup(dev));
        }
    }

    if (fwdesc_descriptor_has_feature(desc, FIRMWARE_FEATURE_REQUIRES_SMM)) {
        add_arg(argv, "-machine", g_strdup("smm=on"));
        /* Secure Boot is only secure if the OS cannot write the variable
         * flash behind the firmware's back: SMM-only writes. */
        if (device == FIRMWARE_DEVICE_FLASH
            && fwdesc_descriptor_has_feature(desc,
                                             FIRMWARE_FEATURE_SECURE_BOOT)) {
            add_arg(argv, "-global",
                    g_strdup("driver=cfi.pflash01,property=secure,value=on"));
        }
    }
    g_ptr_array_add(argv, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
}

static gboolean
shell_safe(const char *arg)
{
    if (!*arg) {
        return FALSE;
    }
    for (const char *p = arg; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("_-+=,.:/@%", *p)) {
            return FALSE;
        }
    }
    return TRUE;
}

char *
fwdesc_shell_join(const char *const *argv)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; argv && argv[i]; i++) {
        if (i) {
            g_string_append_c(s, ' ');
        }
        if (shell_safe(argv[i])) {
            g_string_append(s, argv[i]);
            continue;
        }
        g_string_append_c(s, '\'');
        for (const char *p = argv[i]; *p; p++) {
            if (*p == '\'') {
                g_string_append(s, "'\\''");
            } else {
                g_string_append_c(s, *p);
            }
        }
        g_string_append_c(s, '\'');
    }
    return g_string_free(s, FALSE);
}

/* Whether @a and @b are the same file (both exist). */
static gboolean
same_file(const struct stat *a, const char *b)
{
    struct stat st;
    return b && stat(b, &st) == 0 && st.st_dev == a->st_dev
           && st.st_ino == a->st_ino;
}

/*
 * A store is a regular file of its own.  Whatever else sits at @dest (a
 * device, FIFO, socket or directory, or the firmware's own files) is
 * never replaced, --force or not: renaming over /dev/null would turn the
 * device node into a copy of the template.  The check runs before any
 * writing; a file swapped in afterwards is the caller's race to avoid.
 */
static gboolean
check_destination(const FwdescDescriptor *desc, const char *dest,
                  GError **error)
{
    if (!*dest) {
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                            "empty destination file name");
        return FALSE;
    }
    struct stat st;
    if (lstat(dest, &st) < 0) {
        return TRUE; /* nothing there (or unreachable: writing will say) */
    }
    /* A symbolic link is replaced, not followed, but one that leads to a
     * device or directory most likely names it on purpose: refuse too. */
    if (S_ISLNK(st.st_mode) && stat(dest, &st) < 0) {
        return TRUE; /* dangling: replacing the link harms nothing */
    }
    if (!S_ISREG(st.st_mode)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NOT_REGULAR,
                    "%s: is %s; a variable store is written only as a "
                    "regular file",
                    dest, fwdesc_file_type_name(st.st_mode));
        return FALSE;
    }
    const char *own[] = {
        fwdesc_descriptor_get_nvram_template(desc),
        fwdesc_descriptor_get_executable(desc),
    };
    for (gsize i = 0; i < G_N_ELEMENTS(own); i++) {
        if (same_file(&st, own[i])) {
            g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_ARGUMENT,
                        "%s: is the firmware's own %s (%s), not a VM's "
                        "store",
                        dest, i == 0 ? "NVRAM template" : "executable", own[i]);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean
fwdesc_instantiate(const FwdescDescriptor *desc, const char *dest,
                   gboolean force, GError **error)
{
    g_return_val_if_fail(desc != NULL && dest != NULL, FALSE);

    const char *source = NULL;
    FirmwareDevice device = fwdesc_descriptor_get_device(desc);
    if (fwdesc_descriptor_has_feature(desc, FIRMWARE_FEATURE_HOST_UEFI_VARS)) {
        /* Its store is the uefi-vars device's JSON file, which QEMU
         * creates and fills; a flash template is not it. */
        g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_NO_VARS,
                            "host-uefi-vars firmware keeps its variables in "
                            "QEMU's uefi-vars JSON file, which QEMU creates: "
                            "nothing to instantiate");
        return FALSE;
    }
    if (device == FIRMWARE_DEVICE_FLASH) {
        switch (fwdesc_descriptor_get_flash_mode(desc)) {
        case FIRMWARE_FLASH_MODE_SPLIT:
            source = fwdesc_descriptor_get_nvram_template(desc);
            break;
        case FIRMWARE_FLASH_MODE_COMBINED:
            source = fwdesc_descriptor_get_executable(desc);
            break;
        default:
            g_set_error_literal(error, FWDESC_ERROR, FWDESC_ERROR_NO_VARS,
                                "stateless firmware has no variable store "
                                "to instantiate");
            return FALSE;
        }
    } else {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_NO_VARS,
                    "firmware on device '%s' has no variable store to "
                    "instantiate",
                    FirmwareDevice_str(device));
        return FALSE;
    }

    if (!check_destination(desc, dest, error)) {
        return FALSE;
    }
    if (!force
        && g_file_test(dest, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK)) {
        g_set_error(error, FWDESC_ERROR, FWDESC_ERROR_EXISTS,
                    "%s: already exists", dest);
        return FALSE;
    }
    g_autofree char *data = NULL;
    gsize len = 0;
    if (!fwdesc_read_file(source, MAX_VARS_SIZE, &data, &len, NULL, error)) {
        return FALSE;
    }
    /* The store is the VM's private state: owner only. */
    return fwdesc_write_file_atomic(dest, data, len, 0600, force, error);
}
