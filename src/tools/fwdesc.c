/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fwdesc: the command-line face of the firmware library.  Every decision
 * is the library's; this file parses arguments and prints results.
 *
 * Exit status: 0 success, 1 invalid input or nothing found, 2 usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fwdesc/fwdesc.h"
#include <sys/stat.h>
#include "fwdesc-schema-data.h"

enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,
    EXIT_USAGE = 2,
};

typedef struct Command {
    const char *name;
    const char *args;
    const char *summary;
    int (*run)(int argc, char **argv);
} Command;

static gboolean opt_json;

static const GOptionEntry json_entry[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
      "Machine-readable JSON output on stdout", NULL },
    { NULL },
};

/* --- helpers --- */

/*
 * Print one line on @out: the formatted text with every control character
 * and byte that is not UTF-8 escaped ("\n", "\xff"), as validate shows
 * names.  File names and messages quoting them come from outside: a name
 * holding a newline must not forge a line of its own.
 */
static void say(FILE *out, const char *format, ...) G_GNUC_PRINTF(2, 3);

static void
say(FILE *out, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *text = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_autofree char *shown = qapi_escape_display(text);
    fprintf(out, "%s\n", shown);
}

static int usage_error(const char *command, const char *format, ...)
    G_GNUC_PRINTF(2, 3);

static int
usage_error(const char *command, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    say(stderr, "fwdesc %s: %s", command, msg);
    fprintf(stderr, "Try 'fwdesc %s --help'.\n", command);
    return EXIT_USAGE;
}

/* Parse @argv with @entries (plus --json when @with_json); FALSE on a
 * usage error, already reported. */
static gboolean
parse_options(const char *command, const char *params, const char *summary,
              const GOptionEntry *entries, gboolean with_json, int *argc,
              char ***argv)
{
    /* "Usage: fwdesc select [OPTION…] ..." in --help */
    g_autofree char *prgname = g_strdup_printf("fwdesc %s", command);
    g_set_prgname(prgname);
    g_autoptr(GOptionContext) ctx = g_option_context_new(params);
    g_option_context_set_summary(ctx, summary);
    if (entries) {
        g_option_context_add_main_entries(ctx, entries, NULL);
    }
    if (with_json) {
        g_option_context_add_main_entries(ctx, json_entry, NULL);
    }
    g_autoptr(GError) err = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &err)) {
        usage_error(command, "%s", err->message);
        return FALSE;
    }
    return TRUE;
}

/*
 * Print @text, what the JSON output visitor made of a report, on stdout;
 * FALSE (reported) when @err says the report could not be written.
 */
static gboolean
print_json_text(const GString *text, const GError *err)
{
    if (err) {
        fprintf(stderr, "fwdesc: cannot write the report as JSON: %s\n",
                err->message);
        return FALSE;
    }
    fputs(text->str, stdout);
    if (!g_str_has_suffix(text->str, "\n")) {
        fputc('\n', stdout);
    }
    return TRUE;
}

/* Print @obj, a value of the generated type @Type (a report of
 * schema/fwdesc-report.json, or a builtin list), as canonical JSON on
 * stdout; evaluates to FALSE (reported) when it cannot be written. */
#define PRINT_JSON(Type, obj)                                      \
    ({                                                             \
        g_autoptr(GString) text_ = g_string_new(NULL);             \
        g_autoptr(GError) err_ = NULL;                             \
        g_autoptr(Visitor) v_ = qapi_json_text_output_visitor_new( \
            QAPI_JSON_CANONICAL, text_);                           \
        visit_type_##Type(v_, NULL, &(obj), &err_);                \
        print_json_text(text_, err_);                              \
    })

/* Parse enum value @value of @lookup, or report a usage error. */
static gboolean
parse_enum(const char *command, const char *option, const QEnumLookup *lookup,
           const char *value, int *out)
{
    int v = qapi_enum_parse(lookup, value, -1);
    if (v < 0) {
        g_autoptr(GString) valid = g_string_new(NULL);
        for (int i = 0; i < lookup->size; i++) {
            g_string_append_printf(valid, "%s%s", i ? ", " : "",
                                   lookup->array[i]);
        }
        usage_error(command, "unknown %s '%s' (one of: %s)", option, value,
                    valid->str);
        return FALSE;
    }
    *out = v;
    return TRUE;
}

/* "FILE:LINE:COL: PATH: message" (the runtime marks warnings). */
static void
print_diagnostic(const char *file, const QapiDiagnostic *d)
{
    QapiDiagnostic copy = *d;
    if (!copy.filename) {
        copy.filename = (char *)file;
    }
    g_autofree char *text = qapi_diagnostic_format(&copy);
    fprintf(stderr, "%s\n", text);
}

/* Print the problems of loading @file on stderr, then @err's message
 * when no diagnostic explains the failure.  An unsupported descriptor's
 * reasons are its unknown values, each a diagnostic at its position:
 * saying them again in other words would report each problem twice. */
static void
print_load_problems(const char *file, const QapiDiagnostics *diags,
                    const GError *err)
{
    guint n = qapi_diagnostics_get_length(diags);
    gboolean explained = FALSE;
    for (guint j = 0; j < n; j++) {
        const QapiDiagnostic *d = qapi_diagnostics_get(diags, j);
        print_diagnostic(file, d);
        explained |= d->code == QAPI_ERROR_UNKNOWN_VALUE;
    }
    if (err && (!n || (err->code == FWDESC_ERROR_UNSUPPORTED && !explained))) {
        say(stderr, "%s", err->message);
    }
}

/* --- validate --- */

static gboolean opt_tolerant;

/* Every problem of each file on stderr; FALSE when one is not valid. */
static gboolean
validate_text(char **files, FwdescLoadFlags flags)
{
    gboolean all_ok = TRUE;
    for (guint i = 0; files[i]; i++) {
        g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
        g_autoptr(GError) err = NULL;
        g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_arg(
            files[i], flags, diags, &err);
        print_load_problems(files[i], diags, err);
        all_ok = all_ok && desc;
    }
    return all_ok;
}

/* The report on stdout; FALSE when a file is not valid or the report
 * cannot be written. */
static gboolean
validate_json(char **files, FwdescLoadFlags flags)
{
    g_autoptr(FwdescValidateReport) report = fwdesc_report_validate(
        (const char *const *)files, flags);
    gboolean all_ok = TRUE;
    for (FwdescValidatedFileList *f = report->files; f; f = f->next) {
        all_ok = all_ok && f->value->status == FWDESC_FILE_STATUS_OK;
    }
    return PRINT_JSON(FwdescValidateReport, report) && all_ok;
}

static int
cmd_validate(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "tolerant", 't', 0, G_OPTION_ARG_NONE, &opt_tolerant,
          "Accept unknown members and features (warnings), as discovery "
          "does",
          NULL },
        { NULL },
    };
    if (!parse_options("validate", "FILE...",
                       "Check firmware descriptors against the schema and its "
                       "rules.\nEvery problem is printed on stderr as "
                       "FILE:LINE:COL: PATH: message.",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc < 2) {
        return usage_error("validate", "no FILE given");
    }
    FwdescLoadFlags flags = opt_tolerant ? FWDESC_LOAD_TOLERANT
                                         : FWDESC_LOAD_STRICT;
    gboolean ok = opt_json ? validate_json(argv + 1, flags)
                           : validate_text(argv + 1, flags);
    return ok ? EXIT_OK : EXIT_INVALID;
}

/* --- format --- */

static gboolean opt_check;
static gboolean opt_in_place;

static int
format_one(const char *file)
{
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(FwdescDescriptor) desc = fwdesc_descriptor_load_arg(
        file, FWDESC_LOAD_STRICT, diags, &err);
    if (!desc) {
        /* Strict: never unsupported, so the message is for files with no
         * diagnostics. */
        print_load_problems(file, diags, err);
        return EXIT_INVALID;
    }
    g_autofree char *text = fwdesc_descriptor_to_json(desc);
    if (!opt_check && !opt_in_place) {
        fputs(text, stdout);
        return EXIT_OK;
    }
    if (!strcmp(file, "-")) {
        fprintf(stderr, "fwdesc format: --check and --in-place need a "
                        "file, not standard input\n");
        return EXIT_INVALID;
    }
    g_autofree char *old = NULL;
    gsize len = 0;
    if (!g_file_get_contents(file, &old, &len, &err)) {
        say(stderr, "fwdesc format: %s", err->message);
        return EXIT_INVALID;
    }
    gboolean same = len == strlen(text) && !memcmp(old, text, len);
    if (opt_check) {
        if (!same) {
            say(stderr, "%s: not in canonical form", file);
            return EXIT_INVALID;
        }
        return EXIT_OK;
    }
    if (same) {
        return EXIT_OK;
    }
    /* Replace the file a symlink points to, not the symlink, with its
     * mode, owner and group. */
    g_autofree char *real = realpath(file, NULL);
    if (!fwdesc_replace_file_atomic(real ? real : file, text, strlen(text),
                                    &err)) {
        say(stderr, "fwdesc format: %s", err->message);
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

static int
cmd_format(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "check", 'c', 0, G_OPTION_ARG_NONE, &opt_check,
          "Only check that each FILE is in canonical form", NULL },
        { "in-place", 'i', 0, G_OPTION_ARG_NONE, &opt_in_place,
          "Rewrite each FILE in canonical form (atomically)", NULL },
        { NULL },
    };
    if (!parse_options("format", "FILE...",
                       "Print firmware descriptors in canonical form: schema "
                       "member order, 4-space indent.",
                       entries, FALSE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc < 2) {
        return usage_error("format", "no FILE given");
    }
    if (opt_check && opt_in_place) {
        return usage_error("format", "--check and --in-place exclude each "
                                     "other");
    }
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (format_one(argv[i]) != EXIT_OK) {
            status = EXIT_INVALID;
        }
    }
    return status;
}

/* --- list and lint --- */

static char **opt_dirs;

/* FALSE (a usage error, reported) if a --dir is empty. */
static gboolean
dirs_ok(const char *command)
{
    for (guint i = 0; opt_dirs && opt_dirs[i]; i++) {
        if (!*opt_dirs[i]) {
            usage_error(command, "--dir needs a directory name");
            return FALSE;
        }
    }
    return TRUE;
}

static FwdescCatalog *
load_catalog(void)
{
    /* An explicit directory that is not there is most likely a typo (one
     * that is not a directory the catalog reports itself). */
    for (guint i = 0; opt_dirs && opt_dirs[i]; i++) {
        if (!g_file_test(opt_dirs[i], G_FILE_TEST_EXISTS)) {
            say(stderr, "fwdesc: warning: %s: does not exist", opt_dirs[i]);
        }
    }
    FwdescCatalog *catalog = fwdesc_catalog_load((const char *const *)opt_dirs,
                                                 FWDESC_LOAD_TOLERANT);
    const char *const *warnings = fwdesc_catalog_get_warnings(catalog);
    for (guint i = 0; warnings[i]; i++) {
        say(stderr, "fwdesc: warning: %s", warnings[i]);
    }
    return catalog;
}

/* "ok", or "ok, 2 warnings" when loading warned (unknown features or
 * members: 'fwdesc lint' shows them), or the status. */
static char *
entry_status_text(const FwdescEntry *e)
{
    FwdescStatus st = fwdesc_entry_get_status(e);
    guint warnings = qapi_diagnostics_count(fwdesc_entry_get_diagnostics(e),
                                            QAPI_SEVERITY_WARNING);
    if (st != FWDESC_STATUS_OK || !warnings) {
        return g_strdup(fwdesc_status_to_string(st));
    }
    return g_strdup_printf("ok, %u warning%s", warnings,
                           warnings == 1 ? "" : "s");
}

static int
cmd_list(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "dir", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_dirs,
          "Search DIR instead of the default directories (repeat, least "
          "specific first)",
          "DIR" },
        { NULL },
    };
    if (!parse_options("list", "",
                       "List the firmware descriptors of the search path with "
                       "their status.",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc > 1) {
        return usage_error("list", "unexpected argument '%s'", argv[1]);
    }
    if (!dirs_ok("list")) {
        return EXIT_USAGE;
    }
    g_autoptr(FwdescCatalog) catalog = load_catalog();
    guint n = fwdesc_catalog_get_n_entries(catalog);
    if (opt_json) {
        g_autoptr(FwdescListReport) report = fwdesc_report_list(catalog);
        if (!PRINT_JSON(FwdescListReport, report)) {
            return EXIT_INVALID;
        }
    } else {
        for (guint i = 0; i < n; i++) {
            const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
            const char *reason = fwdesc_entry_get_reason(e);
            g_autofree char *status = entry_status_text(e);
            say(stdout, "%-11s %s%s%s", status, fwdesc_entry_get_path(e),
                reason ? ": " : "", reason ? reason : "");
        }
    }
    if (!n) {
        fprintf(stderr, "fwdesc list: no firmware descriptors found\n");
        return EXIT_INVALID;
    }
    /* A broken file in the search path is invalid input, as libvirt,
     * which refuses to choose firmware then, sees it. */
    for (guint i = 0; i < n; i++) {
        if (fwdesc_entry_get_status(fwdesc_catalog_get_entry(catalog, i))
            == FWDESC_STATUS_INVALID) {
            return EXIT_INVALID;
        }
    }
    return EXIT_OK;
}

static int
cmd_lint(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "dir", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_dirs,
          "Lint the search path made of DIR (repeat) instead of FILEs", "DIR" },
        { NULL },
    };
    if (!parse_options("lint", "[FILE...]",
                       "Warn about descriptors that are valid but probably "
                       "wrong.  Exit status 1 when anything was found.",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc < 2 && !opt_dirs) {
        return usage_error("lint", "no FILE or --dir given");
    }
    if (argc >= 2 && opt_dirs) {
        return usage_error("lint", "give FILEs or --dir, not both");
    }
    if (!dirs_ok("lint")) {
        return EXIT_USAGE;
    }
    g_autoptr(FwdescCatalog) catalog =
        opt_dirs ? load_catalog()
                 : fwdesc_catalog_load_files((const char *const *)argv + 1,
                                             FWDESC_LOAD_STRICT);
    if (opt_json) {
        g_autoptr(FwdescLintReport) report = fwdesc_report_lint(
            catalog, FWDESC_LINT_DEFAULT);
        if (!PRINT_JSON(FwdescLintReport, report)) {
            return EXIT_INVALID;
        }
        return report->problems ? EXIT_INVALID : EXIT_OK;
    }
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    guint n = fwdesc_lint_entries(catalog, FWDESC_LINT_DEFAULT, diags);
    for (guint j = 0; j < n; j++) {
        print_diagnostic(NULL, qapi_diagnostics_get(diags, j));
    }
    return n ? EXIT_INVALID : EXIT_OK;
}

/* --- select --- */

static char *opt_arch;
static char *opt_machine;
static char *opt_interface;
static char *opt_device;
static char *opt_mode;
static char *opt_format;
static char *opt_confidential;
static char *opt_readonly;
static char *opt_guest_bits;
static char **opt_features;
static char **opt_no_features;
static gboolean opt_explain;
static gboolean opt_reject_unknown;
static gboolean opt_mode_any_device;
static char *opt_qemu;
static gboolean opt_fnmatch;
static gboolean opt_strict;

/*
 * A select option that takes one value: given twice with different
 * values ("--confidential sev --confidential none") it is a usage error,
 * not the last one silently winning.
 */
static gboolean
set_once(const char *name, const char *value, gpointer data, GError **error)
{
    static const struct {
        const char *long_name;
        const char *short_name;
        char **slot;
    } slots[] = {
        { "--arch", "-a", &opt_arch },
        { "--machine", "-m", &opt_machine },
        { "--interface", "-i", &opt_interface },
        { "--device", NULL, &opt_device },
        { "--mode", NULL, &opt_mode },
        { "--readonly", NULL, &opt_readonly },
        { "--format", NULL, &opt_format },
        { "--confidential", NULL, &opt_confidential },
        { "--guest-bits", NULL, &opt_guest_bits },
        { "--qemu", NULL, &opt_qemu },
    };
    (void)data;
    for (gsize i = 0; i < G_N_ELEMENTS(slots); i++) {
        if (strcmp(name, slots[i].long_name)
            && g_strcmp0(name, slots[i].short_name)) {
            continue;
        }
        char **slot = slots[i].slot;
        if (*slot && strcmp(*slot, value)) {
            g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "%s given twice, as '%s' and '%s'", slots[i].long_name,
                        *slot, value);
            return FALSE;
        }
        g_free(*slot);
        *slot = g_strdup(value);
        return TRUE;
    }
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                "%s: not a single-valued option", name);
    return FALSE;
}

static FwdescQuery *
build_query(void)
{
    int v;
    if (!opt_arch || !opt_machine) {
        usage_error("select", "--arch and --machine are required");
        return NULL;
    }
    if (!*opt_machine) {
        usage_error("select",
                    "--machine needs a machine type, e.g. "
                    "pc-q35-9.2 (see qemu-system-ARCH -machine help)");
        return NULL;
    }
    if (!parse_enum("select", "architecture", &FirmwareArchitecture_lookup,
                    opt_arch, &v)) {
        return NULL;
    }
    g_autoptr(FwdescQuery) q = fwdesc_query_new(v, opt_machine);
    if (opt_interface) {
        if (!parse_enum("select", "interface", &FirmwareOSInterface_lookup,
                        opt_interface, &v)) {
            return NULL;
        }
        fwdesc_query_set_interface(q, v);
    }
    if (opt_device) {
        if (!parse_enum("select", "device", &FirmwareDevice_lookup, opt_device,
                        &v)) {
            return NULL;
        }
        fwdesc_query_set_device(q, v);
    }
    if (opt_mode) {
        if (!parse_enum("select", "mode", &FirmwareFlashMode_lookup, opt_mode,
                        &v)) {
            return NULL;
        }
        fwdesc_query_set_mode(q, v);
    }
    if (opt_readonly) {
        if (strcmp(opt_readonly, "yes") && strcmp(opt_readonly, "no")) {
            usage_error("select", "--readonly takes yes or no, not '%s'",
                        opt_readonly);
            return NULL;
        }
        fwdesc_query_set_readonly(q, !strcmp(opt_readonly, "yes"));
    }
    if (opt_format) {
        if (!parse_enum("select", "format", &FirmwareFormat_lookup, opt_format,
                        &v)) {
            return NULL;
        }
        fwdesc_query_set_format(q, v);
    }
    for (guint i = 0; opt_features && opt_features[i]; i++) {
        if (!parse_enum("select", "feature", &FirmwareFeature_lookup,
                        opt_features[i], &v)) {
            return NULL;
        }
        fwdesc_query_require_feature(q, v);
    }
    for (guint i = 0; opt_no_features && opt_no_features[i]; i++) {
        if (!parse_enum("select", "feature", &FirmwareFeature_lookup,
                        opt_no_features[i], &v)) {
            return NULL;
        }
        if (opt_features
            && g_strv_contains((const char *const *)opt_features,
                               opt_no_features[i])) {
            usage_error("select",
                        "--feature %s and --no-feature %s "
                        "contradict each other",
                        opt_no_features[i], opt_no_features[i]);
            return NULL;
        }
        fwdesc_query_forbid_feature(q, v);
    }
    if (opt_guest_bits) {
        if (strcmp(opt_guest_bits, "32") && strcmp(opt_guest_bits, "64")) {
            usage_error("select", "--guest-bits takes 32 or 64, not '%s'",
                        opt_guest_bits);
            return NULL;
        }
        fwdesc_query_set_guest_bits(q, (guint)atoi(opt_guest_bits));
    }
    if (opt_confidential) {
        v = fwdesc_confidential_from_string(opt_confidential);
        if (v < 0) {
            usage_error("select",
                        "unknown confidential computing '%s' (one "
                        "of: none, sev, sev-es, sev-snp, tdx)",
                        opt_confidential);
            return NULL;
        }
        fwdesc_query_set_confidential(q, v);
    }
    if (opt_mode_any_device && !opt_mode) {
        usage_error("select", "--mode-any-device needs --mode");
        return NULL;
    }
    fwdesc_query_set_flags(
        q, (opt_reject_unknown ? FWDESC_QUERY_REJECT_UNKNOWN_FEATURES : 0)
               | (opt_mode_any_device ? FWDESC_QUERY_MODE_ANY_DEVICE : 0)
               | (opt_fnmatch ? FWDESC_QUERY_MACHINE_FNMATCH : 0)
               | (opt_strict ? FWDESC_QUERY_STRICT : 0));
    if (opt_qemu) {
        g_autoptr(GError) err = NULL;
        if (!*opt_qemu) {
            usage_error("select", "--qemu needs a QEMU system emulator");
            return NULL;
        }
        if (!fwdesc_query_resolve_machine(q, opt_qemu, &err)) {
            usage_error("select", "--qemu: %s", err->message);
            return NULL;
        }
    }
    return g_steal_pointer(&q);
}

/* The choice may be less than the user would get from a working search
 * path: say so for every file passed over unjudged, every time. */
static void
warn_passed_over(const FwdescCatalog *catalog, const FwdescSelection *sel)
{
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        if (!fwdesc_selection_is_passed_over(sel, i)) {
            continue;
        }
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        FwdescStatus st = fwdesc_entry_get_status(e);
        say(stderr, "fwdesc select: warning: %s: %s, passed over (%s)%s",
            fwdesc_entry_get_path(e), fwdesc_status_to_string(st),
            fwdesc_entry_get_reason(e),
            st == FWDESC_STATUS_MASKED ? "" : "; --strict fails instead");
    }
}

/* The option that changes the outcome of a reason of @code, if any. */
static const char *
reason_hint(FwdescReasonCode code)
{
    switch (code) {
    case FWDESC_REASON_CONFIDENTIAL:
        return "--confidential none";
    case FWDESC_REASON_GUEST_BITS:
        return opt_guest_bits && !strcmp(opt_guest_bits, "32")
                   ? NULL
                   : "--guest-bits 32 allows it";
    default:
        return NULL;
    }
}

/* --explain: every entry with why it was not chosen, on stderr. */
static void
print_explanation(const FwdescCatalog *catalog, const FwdescSelection *sel)
{
    guint n = fwdesc_catalog_get_n_entries(catalog);
    for (guint i = 0; i < n; i++) {
        const FwdescEntry *e = fwdesc_catalog_get_entry(catalog, i);
        const FwdescSelectionReasonList *r = fwdesc_selection_get_reasons(sel,
                                                                          i);
        g_autoptr(GString) line = g_string_new(r ? NULL : "chosen");
        for (; r; r = r->next) {
            const char *hint = reason_hint(r->value->code);
            g_string_append_printf(line, "%s%s%s%s%s", line->len ? "; " : "",
                                   r->value->message, hint ? " (" : "",
                                   hint ? hint : "", hint ? ")" : "");
        }
        say(stderr, "%s: %s", fwdesc_entry_get_path(e), line->str);
    }
}

static int
cmd_select(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "arch", 'a', 0, G_OPTION_ARG_CALLBACK, set_once,
          "QEMU target architecture (required)", "ARCH" },
        { "machine", 'm', 0, G_OPTION_ARG_CALLBACK, set_once,
          "Concrete machine type, e.g. pc-q35-9.2 (required)", "MACHINE" },
        { "interface", 'i', 0, G_OPTION_ARG_CALLBACK, set_once,
          "Firmware interface: bios, openfirmware, uboot, uefi", "IFACE" },
        { "device", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "Mapping device: flash, kernel, memory, igvm", "DEVICE" },
        { "feature", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &opt_features,
          "Require FEATURE (repeat)", "FEATURE" },
        { "no-feature", 'n', 0, G_OPTION_ARG_STRING_ARRAY, &opt_no_features,
          "Refuse firmware with FEATURE (repeat)", "FEATURE" },
        { "mode", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "Flash mode: split, combined, stateless (default: split flash "
          "only, as libvirt; non-flash firmware too)",
          "MODE" },
        { "mode-any-device", 0, 0, G_OPTION_ARG_NONE, &opt_mode_any_device,
          "With --mode split or stateless, also accept non-flash firmware "
          "(memory/ROM, kernel, igvm), as libvirt reads them",
          NULL },
        { "readonly", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "yes: executable mapped read-only (split, stateless, non-flash); "
          "no: the VM's writable copy (combined)",
          "yes|no" },
        { "format", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "Image format: raw, qcow2", "FORMAT" },
        { "confidential", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "Confidential computing: none (refuses SEV-SNP/TDX-only builds), "
          "sev, sev-es, sev-snp, tdx",
          "CC" },
        { "guest-bits", 0, 0, G_OPTION_ARG_CALLBACK, set_once,
          "x86_64 guest word size: 64 (default) refuses firmware that looks "
          "like IA32 ('ia32' in its paths or tags), 32 wants it",
          "32|64" },
        { "reject-unknown-features", 0, 0, G_OPTION_ARG_NONE,
          &opt_reject_unknown,
          "Skip descriptors with features this program does not know", NULL },
        { "qemu", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, set_once,
          "Resolve machine aliases (q35, pc, virt) as this QEMU system "
          "emulator does, like libvirt (it is run with -machine help)",
          "BINARY" },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict,
          "Choose nothing when a file of the search path is invalid or "
          "unsupported, as libvirt (default: pass over it with a warning)",
          NULL },
        { "fnmatch", 0, 0, G_OPTION_ARG_NONE, &opt_fnmatch,
          "Match descriptors' machine patterns with fnmatch(3) ([...] "
          "classes) instead of libvirt's '*' and '?' only",
          NULL },
        { "dir", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_dirs,
          "Search DIR instead of the default directories (repeat, least "
          "specific first)",
          "DIR" },
        { "explain", 'e', 0, G_OPTION_ARG_NONE, &opt_explain,
          "Say on stderr why every other descriptor was not chosen", NULL },
        { NULL },
    };
    if (!parse_options("select", "",
                       "Print the path of the first descriptor that fits.",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc > 1) {
        return usage_error("select", "unexpected argument '%s'", argv[1]);
    }
    g_autoptr(FwdescQuery) query = build_query();
    if (!query || !dirs_ok("select")) {
        return EXIT_USAGE;
    }
    g_autoptr(FwdescCatalog) catalog = load_catalog();
    g_autoptr(FwdescSelection) sel = fwdesc_select(catalog, query);
    const FwdescEntry *chosen = fwdesc_selection_get_chosen(sel);
    if (opt_json) {
        g_autoptr(FwdescSelectReport) report = fwdesc_report_select(catalog,
                                                                    sel);
        if (!PRINT_JSON(FwdescSelectReport, report)) {
            return EXIT_INVALID;
        }
    } else if (chosen) {
        say(stdout, "%s", fwdesc_entry_get_path(chosen));
    }
    if (!opt_strict) {
        warn_passed_over(catalog, sel);
    }
    if (opt_explain && !opt_json) {
        g_autofree char *machine = fwdesc_query_explain_machine(query);
        say(stderr, "%s", machine);
        print_explanation(catalog, sel);
    }
    if (fwdesc_selection_get_failure(sel)) {
        say(stderr, "fwdesc select: %s", fwdesc_selection_get_failure(sel));
        return EXIT_INVALID;
    }
    if (!chosen) {
        say(stderr,
            "fwdesc select: no firmware descriptor fits %s machine "
            "'%s'%s",
            opt_arch, opt_machine, opt_explain ? "" : " (--explain says why)");
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

/* --- cmdline and instantiate --- */

static char *opt_vars;
static char *opt_cmdline_format;
static gboolean opt_force;

static FwdescDescriptor *
load_for_use(const char *file)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
    FwdescDescriptor *desc = fwdesc_descriptor_load_arg(
        file, FWDESC_LOAD_TOLERANT, diags, &err);
    if (!desc) {
        print_load_problems(file, diags, err);
    }
    return desc;
}

static int
cmd_cmdline(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "vars", 'v', 0, G_OPTION_ARG_FILENAME, &opt_vars,
          "The VM's own variable store (split and combined firmware)", "PATH" },
        { "format", 0, 0, G_OPTION_ARG_STRING, &opt_cmdline_format,
          "shell (default): one shell-quoted line; args0: each argument "
          "ended by a NUL byte, for scripts (mapfile -d '')",
          "FORMAT" },
        { NULL },
    };
    if (!parse_options("cmdline", "FILE",
                       "Print the QEMU arguments that load the firmware of "
                       "FILE, shell-quoted on one line.",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc != 2) {
        return usage_error("cmdline", "exactly one FILE expected");
    }
    gboolean args0 = opt_cmdline_format && !strcmp(opt_cmdline_format, "args0");
    if (opt_cmdline_format && !args0 && strcmp(opt_cmdline_format, "shell")) {
        return usage_error("cmdline",
                           "--format takes shell or args0, not "
                           "'%s'",
                           opt_cmdline_format);
    }
    if (args0 && opt_json) {
        return usage_error("cmdline", "--format args0 and --json exclude "
                                      "each other");
    }
    g_autoptr(FwdescDescriptor) desc = load_for_use(argv[1]);
    if (!desc) {
        return EXIT_INVALID;
    }
    g_autoptr(GError) err = NULL;
    g_auto(GStrv) args = fwdesc_qemu_args(desc, opt_vars, &err);
    if (!args) {
        say(stderr, "fwdesc cmdline: %s: %s", argv[1], err->message);
        return err->code == FWDESC_ERROR_ARGUMENT ? EXIT_USAGE : EXIT_INVALID;
    }
    if (opt_json) {
        /* An argument must reach QEMU byte for byte: no lossy display
         * form here. */
        g_autoptr(strList) list = NULL;
        for (guint i = g_strv_length(args); i-- > 0;) {
            if (!g_utf8_validate(args[i], -1, NULL)) {
                say(stderr,
                    "fwdesc cmdline: argument '%s' is not UTF-8 and "
                    "cannot be written as JSON (use the text output)",
                    args[i]);
                return EXIT_INVALID;
            }
            strList *node = g_new0(strList, 1);
            node->value = g_strdup(args[i]);
            node->next = g_steal_pointer(&list);
            list = node;
        }
        if (!PRINT_JSON(strList, list)) {
            return EXIT_INVALID;
        }
    } else if (args0) {
        /* Byte for byte, whatever the names hold: NUL cannot be in one. */
        for (guint i = 0; args[i]; i++) {
            fwrite(args[i], 1, strlen(args[i]) + 1, stdout);
        }
    } else {
        g_autofree char *line = fwdesc_shell_join((const char *const *)args);
        printf("%s\n", line);
    }
    return EXIT_OK;
}

/* What to do about @err from fwdesc_instantiate(), in this tool's
 * options ("" when nothing helps). */
static const char *
instantiate_hint(const FwdescDescriptor *desc, const GError *err)
{
    if (g_error_matches(err, FWDESC_ERROR, FWDESC_ERROR_EXISTS)) {
        return " (use --force to replace it)";
    }
    if (g_error_matches(err, FWDESC_ERROR, FWDESC_ERROR_NO_VARS)
        && fwdesc_descriptor_has_feature(desc,
                                         FIRMWARE_FEATURE_HOST_UEFI_VARS)) {
        return " (give the file's name to 'fwdesc cmdline --vars')";
    }
    return "";
}

static int
cmd_instantiate(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "force", 'f', 0, G_OPTION_ARG_NONE, &opt_force,
          "Replace DEST if it exists", NULL },
        { NULL },
    };
    if (!parse_options("instantiate", "FILE DEST",
                       "Create a VM's variable store DEST from the firmware "
                       "of FILE (atomically).",
                       entries, TRUE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc != 3) {
        return usage_error("instantiate", "FILE and DEST expected");
    }
    if (!*argv[2]) {
        return usage_error("instantiate", "DEST is empty");
    }
    if (!strcmp(argv[2], "-")) {
        /* A store is a file QEMU opens by name: never standard output. */
        return usage_error("instantiate",
                           "DEST '-' is not standard output "
                           "here; to name a file '-', write './-'");
    }
    g_autoptr(FwdescDescriptor) desc = load_for_use(argv[1]);
    if (!desc) {
        return EXIT_INVALID;
    }
    g_autoptr(GError) err = NULL;
    if (!fwdesc_instantiate(desc, argv[2], opt_force, &err)) {
        say(stderr, "fwdesc instantiate: %s%s", err->message,
            instantiate_hint(desc, err));
        return EXIT_INVALID;
    }
    if (opt_json) {
        g_autoptr(FwdescInstantiateReport) report = fwdesc_report_instantiate(
            argv[2]);
        if (!PRINT_JSON(FwdescInstantiateReport, report)) {
            return EXIT_INVALID;
        }
    }
    return EXIT_OK;
}

/* --- schema --- */

static char *opt_json_schema;

static int
cmd_schema(int argc, char **argv)
{
    static const GOptionEntry entries[] = {
        { "json-schema", 'j', 0, G_OPTION_ARG_STRING, &opt_json_schema,
          "Print the JSON Schema of TYPE (e.g. Firmware) instead, or of "
          "a --json report (validate-report, lint-report, list-report, "
          "select-report, instantiate-report)",
          "TYPE" },
        { NULL },
    };
    if (!parse_options("schema", "",
                       "Print the firmware schema's introspection data, or "
                       "with --json-schema the JSON Schema of one type or "
                       "report.",
                       entries, FALSE, &argc, &argv)) {
        return EXIT_USAGE;
    }
    if (argc > 1) {
        return usage_error("schema", "unexpected argument '%s'", argv[1]);
    }
    g_autoptr(GError) err = NULL;
    if (!opt_json_schema) {
        g_autofree char *text = fwdesc_tool_introspection(&err);
        if (!text) {
            say(stderr, "fwdesc schema: %s", err->message);
            return EXIT_INVALID;
        }
        fputs(text, stdout);
        return EXIT_OK;
    }
    g_autofree char *text = fwdesc_tool_json_schema(opt_json_schema, &err);
    if (!text && g_error_matches(err, FWDESC_ERROR, FWDESC_ERROR_NOT_FOUND)) {
        /* A TYPE argument the schema lacks is a wrong argument. */
        return usage_error("schema", "%s", err->message);
    }
    if (!text) {
        say(stderr, "fwdesc schema: %s", err->message);
        return EXIT_INVALID;
    }
    fputs(text, stdout);
    return EXIT_OK;
}

/* --- main --- */

static const Command commands[] = {
    { "validate", "[--tolerant] FILE...",
      "check descriptors, report every "
      "problem",
      cmd_validate },
    { "format", "[--check|--in-place] FILE...", "canonical JSON", cmd_format },
    { "lint", "FILE... | --dir DIR...",
      "warnings about suspicious "
      "descriptors",
      cmd_lint },
    { "list", "[--dir DIR]...",
      "descriptors of the search path and their "
      "status",
      cmd_list },
    { "select", "--arch A --machine M [...]",
      "the first descriptor that "
      "fits",
      cmd_select },
    { "cmdline", "FILE [--vars PATH]", "QEMU arguments for a descriptor",
      cmd_cmdline },
    { "instantiate", "FILE DEST [--force]", "create a VM's variable store",
      cmd_instantiate },
    { "schema", "[--json-schema TYPE]",
      "the schema's introspection or JSON "
      "Schema",
      cmd_schema },
};

static void
print_usage(FILE *out)
{
    fprintf(out, "Usage: fwdesc COMMAND [OPTION...] [ARG...]\n"
                 "       fwdesc --help | --version\n\n"
                 "QEMU firmware descriptors: validate, discover, select, "
                 "use.\n\nCommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        fprintf(out, "  %-12s %-32s %s\n", commands[i].name, commands[i].args,
                commands[i].summary);
    }
    fprintf(out, "\nCommon options: --json (reporting commands), --help.\n"
                 "Exit status: 0 success, 1 invalid input or nothing found, "
                 "2 usage error.\nSee fwdesc(1).\n");
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")
        || !strcmp(argv[1], "help")) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("fwdesc %s\n", fwdesc_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            int status = commands[i].run(argc - 1, argv + 1);
            fflush(stdout);
            if (ferror(stdout)) {
                fprintf(stderr, "fwdesc: error writing output\n");
                return EXIT_INVALID;
            }
            return status;
        }
    }
    say(stderr, "fwdesc: unknown command '%s'", argv[1]);
    print_usage(stderr);
    return EXIT_USAGE;
}
