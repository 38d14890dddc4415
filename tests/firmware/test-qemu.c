/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * qemu.c: the QEMU arguments for each kind of firmware, shell quoting,
 * and instantiation of a variable store.
 */
#include <sys/stat.h>

#include "test-util.h"

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
    g_autoptr(FwdescDescriptor) split = test_load_ok("split.json");
    g_autofree char *a = args_of(split, "/vm/vars.fd", &err);
    g_assert_cmpstr(
        a, ==,
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

    g_autoptr(FwdescDescriptor) comb = test_load_ok("combined.json");
    g_autofree char *b = args_of(comb, "/vm/a,b.qcow2", &err);
    g_assert_cmpstr(
        b, ==,
        "-blockdev driver=file,node-name=pflash0-file,read-only=off,"
        "filename=/vm/a,,b.qcow2 "
        "-blockdev driver=qcow2,node-name=pflash0,read-only=off,"
        "file=pflash0-file "
        "-machine pflash0=pflash0");

    /* A file, whatever its name: no "-drive file=", which would read
     * "vm:1.fd" as protocol 'vm' and "json:{...}" as options. */
    g_autofree char *colon = args_of(comb, "vm:1.fd", &err);
    g_assert_nonnull(strstr(colon,
                            "-blockdev driver=file,node-name=pflash0-file,"
                            "read-only=off,filename=vm:1.fd "));
    g_assert_null(strstr(colon, "-drive"));

    g_autoptr(FwdescDescriptor) sl = test_load_ok("stateless.json");
    g_autofree char *c = args_of(sl, NULL, &err);
    g_assert_cmpstr(
        c, ==,
        "-blockdev driver=file,node-name=pflash0-file,read-only=on,"
        "filename=/fw/code.fd "
        "-blockdev driver=raw,node-name=pflash0,read-only=on,file=pflash0-file "
        "-machine pflash0=pflash0");
    g_assert_null(args_of(sl, "/vm/x", &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) sb = test_load_ok("split-smm-secure-boot.json");
    g_autofree char *d = args_of(sb, "/vm/v", &err);
    g_assert_true(
        g_str_has_suffix(d, " -machine smm=on -global "
                            "driver=cfi.pflash01,property=secure,value=on"));
    g_autoptr(FwdescDescriptor) smm = test_load_ok("split-smm.json");
    g_autofree char *e = args_of(smm, "/vm/v", &err);
    g_assert_true(g_str_has_suffix(e, " -machine smm=on"));

    g_autoptr(FwdescDescriptor) mem = test_load_ok("memory.json");
    g_autofree char *f = args_of(mem, NULL, &err);
    g_assert_cmpstr(f, ==, "-bios /bios.bin");
    g_autoptr(FwdescDescriptor) ker = test_load_ok("kernel.json");
    g_autofree char *g = args_of(ker, NULL, &err);
    g_assert_cmpstr(g, ==, "-kernel /k");
    g_autoptr(FwdescDescriptor) igvm = test_load_ok("igvm.json");
    g_autofree char *h = args_of(igvm, NULL, &err);
    g_assert_cmpstr(
        h, ==,
        "-object igvm-cfg,id=igvm0,file=/f.igvm -machine igvm-cfg=igvm0");
    g_assert_null(args_of(mem, "/vm/v", &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) host = test_load_ok(
        "memory-host-uefi-vars.json");
    g_autofree char *i = args_of(host, "/vm/vars.json", &err);
    g_assert_cmpstr(i, ==,
                    "-bios /q.fd -device uefi-vars-x64,jsonfile=/vm/vars.json");

    const char *words[] = { "plain", "two words", "it's", "", "a=b,c", NULL };
    g_autofree char *line = fwdesc_shell_join(words);
    g_assert_cmpstr(line, ==, "plain 'two words' 'it'\\''s' '' a=b,c");
}

/* --- instantiation and atomic writes --- */

/* Fixture @name with @DIR@ standing for @dir, loaded strictly. */
static FwdescDescriptor *
load_in_dir(const char *name, const char *dir)
{
    g_autofree char *text = test_data_read(name);
    g_auto(GStrv) parts = g_strsplit(text, "@DIR@", -1);
    g_autofree char *real = g_strjoinv(dir, parts);
    g_autoptr(GError) err = NULL;
    FwdescDescriptor *d = fwdesc_descriptor_load_data(
        real, -1, name, FWDESC_LOAD_STRICT, NULL, &err);
    g_assert_no_error(err);
    return d;
}

static void
test_instantiate(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-inst-XXXXXX", NULL);
    test_write(dir, "tmpl.fd", "TEMPLATE");
    test_write(dir, "all.fd", "COMBINED");
    g_autoptr(FwdescDescriptor) split = load_in_dir("instantiate-split.json",
                                                    dir);
    g_autoptr(FwdescDescriptor) comb = load_in_dir("instantiate-combined.json",
                                                   dir);
    g_autoptr(FwdescDescriptor) sl = test_load_ok("stateless.json");
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
    g_assert_cmpuint(test_count_entries(dir), ==, 3);

    struct stat st;
    g_assert_cmpint(stat(dest, &st), ==, 0);
    g_assert_cmpint(st.st_mode & 077, ==, 0);

    test_rmtree(dir);
}

/* Errors of instantiation name no fwdesc option: the tool adds its own
 * hints ("use --force", "fwdesc cmdline --vars") by error code. */
static void
test_instantiate_messages(void)
{
    g_autofree char *dir = g_dir_make_tmp("fwdesc-qemu-XXXXXX", NULL);
    test_write(dir, "vm.fd", "mine");
    g_autofree char *vm = g_build_filename(dir, "vm.fd", NULL);
    g_autoptr(GError) err = NULL;

    g_autoptr(FwdescDescriptor) split = test_load_ok("split.json");
    g_assert_false(fwdesc_instantiate(split, vm, FALSE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS);
    g_assert_null(strstr(err->message, "--"));
    g_clear_error(&err);

    g_autoptr(FwdescDescriptor) hv = test_load_ok("memory-host-uefi-vars.json");
    g_assert_false(fwdesc_instantiate(hv, vm, TRUE, &err));
    g_assert_error(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS);
    g_assert_null(strstr(err->message, "--"));
    g_assert_null(strstr(err->message, "cmdline"));
    test_rmtree(dir);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qemu/args", test_qemu_args);
    g_test_add_func("/qemu/instantiate", test_instantiate);
    g_test_add_func("/qemu/instantiate-messages", test_instantiate_messages);
    return g_test_run();
}
