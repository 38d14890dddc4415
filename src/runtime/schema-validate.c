/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Introspection-driven validation: a schema loaded from SchemaInfo data
 * becomes a table of types, and one small interpreter walks a document
 * through the JSON input visitor exactly as generated visit_type_X()
 * code would (same calls, same order), so every check, path, position and
 * message is the input visitor's own.
 *
 * Introspection data is itself checked this way first, against SchemaInfo
 * as the runtime's built-in schema describes it (BUILTIN_SCHEMA below);
 * the builder then only resolves names.
 */
#include <string.h>

#include "qapi/schema-validate.h"
#include "visitor-impl.h"
#include "json-input-impl.h"
#include "schema-impl.h"

typedef enum SKind {
    SK_BUILTIN,
    SK_ENUM,
    SK_ARRAY,
    SK_OBJECT,
    SK_ALTERNATE,
} SKind;

/* How a built-in is visited: the generated visit_type_X it stands for. */
typedef enum SBuiltin {
    SB_STR,
    SB_NUMBER,
    SB_BOOL,
    SB_NULL,
    SB_ANY,
    SB_INT,      /* int64 (visit_type_int) */
    SB_INT_WIDE, /* QEMU's collapsed "int": int64 or uint64 */
    SB_INT8,
    SB_INT16,
    SB_INT32,
    SB_INT64,
    SB_UINT8,
    SB_UINT16,
    SB_UINT32,
    SB_UINT64,
    SB_SIZE,
    SB_JSON_OBJECT, /* json-type "object": any object */
    SB_JSON_ARRAY,  /* json-type "array": any array */
} SBuiltin;

typedef struct SMember {
    char *name;
    SType *type;
    bool optional;
} SMember;

struct SType {
    char *name;
    SKind kind;
    SBuiltin builtin;
    /* SK_ENUM */
    QEnumLookup *lookup;
    /* SK_ARRAY */
    SType *element;
    /* SK_OBJECT; a union has a tag member and a branch per tag value
     * (NULL: a branch without members) */
    SMember *members;
    guint n_members;
    int tag;          /* index in members, or -1 */
    SType **branches; /* indexed by the tag enum's value */
    /* SK_ALTERNATE */
    SType **alternatives;
    guint n_alternatives;
    char *display; /* its name in messages */
};

typedef struct SCommand {
    SType *arg;
    SType *ret;
} SCommand;

struct QapiSchema {
    GHashTable *types;    /* name -> SType * */
    GHashTable *commands; /* name -> SCommand * */
    GHashTable *events;   /* name -> SType * */
    /* The STypes, SCommands and their arrays (some 4,000 small blocks for
     * QEMU's schema): carved from big zeroed blocks, freed at once. */
    GPtrArray *blocks;
    char *next; /* free space in the last block */
    size_t left;
    /* Every name the tables hold (types, members, enum values, commands,
     * events): thousands of them, allocated and freed at once. */
    GStringChunk *strings;
    guint n_entries;
};

/* ---- the runtime's own schema ------------------------------------------ */

/*
 * SchemaInfo as QEMU's qapi/introspect.json defines it, except that an
 * enum's "members" (QEMU >= 6.1) and "values" (deprecated since) are both
 * optional so that every QEMU version's data loads; and the shapes of QMP
 * messages (QEMU's docs/interop/qmp-spec.rst), which no schema describes.
 */
static const char BUILTIN_SCHEMA[] =
    "[{\"name\": \"str\", \"meta-type\": \"builtin\","
    "  \"json-type\": \"string\"},"
    " {\"name\": \"int\", \"meta-type\": \"builtin\","
    "  \"json-type\": \"int\"},"
    " {\"name\": \"bool\", \"meta-type\": \"builtin\","
    "  \"json-type\": \"boolean\"},"
    " {\"name\": \"any\", \"meta-type\": \"builtin\","
    "  \"json-type\": \"value\"},"
    " {\"name\": \"[str]\", \"meta-type\": \"array\","
    "  \"element-type\": \"str\"},"
    " {\"name\": \"SchemaMetaType\", \"meta-type\": \"enum\", \"values\":"
    "  [\"builtin\", \"enum\", \"array\", \"object\", \"alternate\","
    "   \"command\", \"event\"]},"
    " {\"name\": \"JSONType\", \"meta-type\": \"enum\", \"values\":"
    "  [\"string\", \"number\", \"int\", \"boolean\", \"null\", \"object\","
    "   \"array\", \"value\"]},"
    " {\"name\": \"SchemaInfo\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"name\", \"type\": \"str\"},"
    "   {\"name\": \"meta-type\", \"type\": \"SchemaMetaType\"},"
    "   {\"name\": \"features\", \"type\": \"[str]\", \"default\": null}],"
    "  \"tag\": \"meta-type\", \"variants\":"
    "  [{\"case\": \"builtin\", \"type\": \"SchemaInfoBuiltin\"},"
    "   {\"case\": \"enum\", \"type\": \"SchemaInfoEnum\"},"
    "   {\"case\": \"array\", \"type\": \"SchemaInfoArray\"},"
    "   {\"case\": \"object\", \"type\": \"SchemaInfoObject\"},"
    "   {\"case\": \"alternate\", \"type\": \"SchemaInfoAlternate\"},"
    "   {\"case\": \"command\", \"type\": \"SchemaInfoCommand\"},"
    "   {\"case\": \"event\", \"type\": \"SchemaInfoEvent\"}]},"
    " {\"name\": \"[SchemaInfo]\", \"meta-type\": \"array\","
    "  \"element-type\": \"SchemaInfo\"},"
    " {\"name\": \"SchemaInfoBuiltin\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"json-type\", \"type\": \"JSONType\"}]},"
    " {\"name\": \"SchemaInfoEnum\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"members\", \"type\": \"[SchemaInfoEnumMember]\","
    "    \"default\": null},"
    "   {\"name\": \"values\", \"type\": \"[str]\", \"default\": null}]},"
    " {\"name\": \"SchemaInfoEnumMember\", \"meta-type\": \"object\","
    "  \"members\": [{\"name\": \"name\", \"type\": \"str\"},"
    "   {\"name\": \"features\", \"type\": \"[str]\", \"default\": null}]},"
    " {\"name\": \"[SchemaInfoEnumMember]\", \"meta-type\": \"array\","
    "  \"element-type\": \"SchemaInfoEnumMember\"},"
    " {\"name\": \"SchemaInfoArray\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"element-type\", \"type\": \"str\"}]},"
    " {\"name\": \"SchemaInfoObject\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"members\", \"type\": \"[SchemaInfoObjectMember]\"},"
    "   {\"name\": \"tag\", \"type\": \"str\", \"default\": null},"
    "   {\"name\": \"variants\", \"type\": \"[SchemaInfoObjectVariant]\","
    "    \"default\": null}]},"
    " {\"name\": \"SchemaInfoObjectMember\", \"meta-type\": \"object\","
    "  \"members\": [{\"name\": \"name\", \"type\": \"str\"},"
    "   {\"name\": \"type\", \"type\": \"str\"},"
    "   {\"name\": \"default\", \"type\": \"any\", \"default\": null},"
    "   {\"name\": \"features\", \"type\": \"[str]\", \"default\": null}]},"
    " {\"name\": \"[SchemaInfoObjectMember]\", \"meta-type\": \"array\","
    "  \"element-type\": \"SchemaInfoObjectMember\"},"
    " {\"name\": \"SchemaInfoObjectVariant\", \"meta-type\": \"object\","
    "  \"members\": [{\"name\": \"case\", \"type\": \"str\"},"
    "   {\"name\": \"type\", \"type\": \"str\"}]},"
    " {\"name\": \"[SchemaInfoObjectVariant]\", \"meta-type\": \"array\","
    "  \"element-type\": \"SchemaInfoObjectVariant\"},"
    " {\"name\": \"SchemaInfoAlternate\", \"meta-type\": \"object\","
    "  \"members\": [{\"name\": \"members\","
    "    \"type\": \"[SchemaInfoAlternateMember]\"}]},"
    " {\"name\": \"SchemaInfoAlternateMember\", \"meta-type\": \"object\","
    "  \"members\": [{\"name\": \"type\", \"type\": \"str\"}]},"
    " {\"name\": \"[SchemaInfoAlternateMember]\", \"meta-type\": \"array\","
    "  \"element-type\": \"SchemaInfoAlternateMember\"},"
    " {\"name\": \"SchemaInfoCommand\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"arg-type\", \"type\": \"str\"},"
    "   {\"name\": \"ret-type\", \"type\": \"str\"},"
    "   {\"name\": \"allow-oob\", \"type\": \"bool\", \"default\": null}]},"
    " {\"name\": \"SchemaInfoEvent\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"arg-type\", \"type\": \"str\"}]},"
    " {\"name\": \"SchemaReply\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"return\", \"type\": \"[SchemaInfo]\"},"
    "   {\"name\": \"id\", \"type\": \"any\", \"default\": null}]},"
    " {\"name\": \"QMPExecute\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"execute\", \"type\": \"str\"},"
    "   {\"name\": \"arguments\", \"type\": \"any\", \"default\": null},"
    "   {\"name\": \"id\", \"type\": \"any\", \"default\": null}]},"
    " {\"name\": \"QMPExecOob\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"exec-oob\", \"type\": \"str\"},"
    "   {\"name\": \"arguments\", \"type\": \"any\", \"default\": null},"
    "   {\"name\": \"id\", \"type\": \"any\", \"default\": null}]},"
    " {\"name\": \"QMPReturn\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"return\", \"type\": \"any\"},"
    "   {\"name\": \"id\", \"type\": \"any\", \"default\": null}]},"
    " {\"name\": \"QMPErrorBody\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"class\", \"type\": \"str\"},"
    "   {\"name\": \"desc\", \"type\": \"str\"}]},"
    " {\"name\": \"QMPError\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"error\", \"type\": \"QMPErrorBody\"},"
    "   {\"name\": \"id\", \"type\": \"any\", \"default\": null}]},"
    " {\"name\": \"QMPTimestamp\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"seconds\", \"type\": \"int\"},"
    "   {\"name\": \"microseconds\", \"type\": \"int\"}]},"
    " {\"name\": \"QMPEvent\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"event\", \"type\": \"str\"},"
    "   {\"name\": \"data\", \"type\": \"any\", \"default\": null},"
    "   {\"name\": \"timestamp\", \"type\": \"QMPTimestamp\"}]},"
    " {\"name\": \"QMPVersionTriple\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"major\", \"type\": \"int\"},"
    "   {\"name\": \"minor\", \"type\": \"int\"},"
    "   {\"name\": \"micro\", \"type\": \"int\"}]},"
    " {\"name\": \"QMPVersion\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"qemu\", \"type\": \"QMPVersionTriple\"},"
    "   {\"name\": \"package\", \"type\": \"str\"}]},"
    " {\"name\": \"QMPGreetingBody\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"version\", \"type\": \"QMPVersion\"},"
    "   {\"name\": \"capabilities\", \"type\": \"[str]\"}]},"
    " {\"name\": \"QMPGreeting\", \"meta-type\": \"object\", \"members\":"
    "  [{\"name\": \"QMP\", \"type\": \"QMPGreetingBody\"}]}]";

/* ---- small helpers ------------------------------------------------------ */

JValue *
qapi_jvalue_member(const JValue *obj, const char *key)
{
    size_t len;

    if (!obj || obj->type != JT_OBJECT) {
        return NULL;
    }
    len = strlen(key);
    for (uint32_t i = 0; i < obj->count; i++) {
        const JMember *m = &obj->members[i];

        if (m->key_len == len && memcmp(m->key, key, len) == 0) {
            return &obj->members[i].value;
        }
    }
    return NULL;
}

/* The string member @key of @obj, or NULL. */
static const char *
member_str(const JValue *obj, const char *key)
{
    const JValue *value = qapi_jvalue_member(obj, key);

    return value && value->type == JT_STRING ? value->str : NULL;
}

#define SCHEMA_BLOCK 32768

/* @n zeroed items of @size bytes that live as long as @s; NULL for none
 * (as g_new0). */
static gpointer
schema_alloc0(QapiSchema *s, size_t n, size_t size)
{
    size_t bytes = (n * size + 15) & ~(size_t)15;
    gpointer p;

    if (!bytes) {
        return NULL;
    }
    if (bytes > SCHEMA_BLOCK / 4) {
        p = g_malloc0(bytes);
        g_ptr_array_add(s->blocks, p);
        return p;
    }
    if (bytes > s->left) {
        s->next = g_malloc0(SCHEMA_BLOCK);
        s->left = SCHEMA_BLOCK;
        g_ptr_array_add(s->blocks, s->next);
    }
    p = s->next;
    s->next += bytes;
    s->left -= bytes;
    return p;
}

#define schema_new0(s, Type, n) ((Type *)schema_alloc0((s), (n), sizeof(Type)))

static QapiSchema *
schema_new(void)
{
    QapiSchema *s = g_new0(QapiSchema, 1);

    s->types = g_hash_table_new(g_str_hash, g_str_equal);
    s->commands = g_hash_table_new(g_str_hash, g_str_equal);
    s->events = g_hash_table_new(g_str_hash, g_str_equal);
    s->blocks = g_ptr_array_new_with_free_func(g_free);
    s->strings = g_string_chunk_new(16384);
    return s;
}

void
qapi_schema_free(QapiSchema *schema)
{
    if (!schema) {
        return;
    }
    g_hash_table_unref(schema->commands);
    g_hash_table_unref(schema->events);
    g_hash_table_unref(schema->types);
    g_string_chunk_free(schema->strings);
    g_ptr_array_unref(schema->blocks);
    g_free(schema);
}

/* ---- the interpreter: generated visit code, driven by a table ---------- */

static bool visit_stype(Visitor *v, const char *name, const SType *t,
                        GError **errp);

static bool
visit_int_kind(Visitor *v, const char *name, SBuiltin kind, GError **errp)
{
    int8_t i8 = 0;
    int16_t i16 = 0;
    int32_t i32 = 0;
    int64_t i64 = 0;
    uint8_t u8 = 0;
    uint16_t u16 = 0;
    uint32_t u32 = 0;
    uint64_t u64 = 0;
    const JValue *value;

    switch (kind) {
    case SB_INT:
        return visit_type_int(v, name, &i64, errp);
    case SB_INT8:
        return visit_type_int8(v, name, &i8, errp);
    case SB_INT16:
        return visit_type_int16(v, name, &i16, errp);
    case SB_INT32:
        return visit_type_int32(v, name, &i32, errp);
    case SB_INT64:
        return visit_type_int64(v, name, &i64, errp);
    case SB_UINT8:
        return visit_type_uint8(v, name, &u8, errp);
    case SB_UINT16:
        return visit_type_uint16(v, name, &u16, errp);
    case SB_UINT32:
        return visit_type_uint32(v, name, &u32, errp);
    case SB_UINT64:
        return visit_type_uint64(v, name, &u64, errp);
    case SB_SIZE:
        return visit_type_size(v, name, &u64, errp);
    case SB_INT_WIDE:
        /* QEMU's "int" stands for every integer type: above INT64_MAX
         * it can only be a uint64 member. */
        value = qapi_json_input_peek(v, name);
        if (value && value->type == JT_NUMBER && value->numkind == JN_UINT) {
            return visit_type_uint64(v, name, &u64, errp);
        }
        return visit_type_int(v, name, &i64, errp);
    default:
        g_assert_not_reached();
    }
}

static bool
visit_builtin(Visitor *v, const char *name, const SType *t, GError **errp)
{
    double number = 0;
    bool boolean = false;
    QNull *null = NULL;
    bool ok;

    switch (t->builtin) {
    case SB_STR:
        return qapi_json_input_skip_str(v, name, errp);
    case SB_NUMBER:
        return visit_type_number(v, name, &number, errp);
    case SB_BOOL:
        return visit_type_bool(v, name, &boolean, errp);
    case SB_NULL:
        ok = visit_type_null(v, name, &null, errp);
        qnull_unref(null);
        return ok;
    case SB_ANY:
        return qapi_json_input_skip_value(v, name, errp);
    case SB_JSON_OBJECT:
        /* Any members: the struct is never checked for unknown ones. */
        if (!visit_start_struct(v, name, NULL, 0, errp)) {
            return false;
        }
        visit_end_struct(v, NULL);
        return true;
    case SB_JSON_ARRAY: {
        GenericList *head = NULL;

        if (!visit_start_list(v, name, &head, sizeof(GenericList), errp)) {
            return false;
        }
        visit_end_list(v, (void **)&head);
        g_free(head);
        return true;
    }
    default:
        return visit_int_kind(v, name, t->builtin, errp);
    }
}

/* visit_type_XList(): a real list of one node (the input visitor reuses
 * it for every element: the values are not kept). */
static bool
visit_array(Visitor *v, const char *name, const SType *t, GError **errp)
{
    GenericList *head = NULL;
    GenericList *tail;
    size_t size = sizeof(GenericList);
    bool ok = false;

    if (!visit_start_list(v, name, &head, size, errp)) {
        return false;
    }
    for (tail = head; tail; tail = visit_next_list(v, tail, size)) {
        if (!visit_stype(v, NULL, t->element, errp)) {
            goto out;
        }
    }
    ok = visit_check_list(v, errp);
out:
    visit_end_list(v, (void **)&head);
    while (head) {
        GenericList *next = head->next;

        g_free(head);
        head = next;
    }
    return ok;
}

/* visit_type_X_members(): the union tag first, the members in order, then
 * the branch the tag's value selects (the first value's when it is not
 * valid, as the zeroed C member would). */
static bool
visit_members(Visitor *v, const SType *t, GError **errp)
{
    int tag = 0;

    if (t->tag >= 0) {
        visit_union_tag(v, t->members[t->tag].name);
    }
    for (guint i = 0; i < t->n_members; i++) {
        const SMember *m = &t->members[i];
        bool present = true;

        if (m->optional && !visit_optional(v, m->name, &present)) {
            continue;
        }
        if ((int)i == t->tag) {
            if (!visit_type_enum(v, m->name, &tag, m->type->lookup, errp)) {
                return false;
            }
            continue;
        }
        if (!visit_stype(v, m->name, m->type, errp)) {
            return false;
        }
    }
    /* (An enum without values leaves no branch to take.) */
    if (t->tag >= 0 && tag < t->members[t->tag].type->lookup->size
        && t->branches[tag]) {
        return visit_members(v, t->branches[tag], errp);
    }
    return true;
}

static bool
visit_object(Visitor *v, const char *name, const SType *t, GError **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return false;
    }
    if (visit_members(v, t, errp)) {
        ok = visit_check_struct(v, errp);
    }
    visit_end_struct(v, NULL);
    return ok;
}

/* The JSON type an alternative takes (the generated switch's cases). */
static QType
alternative_qtype(const SType *t)
{
    switch (t->kind) {
    case SK_ENUM:
        return QTYPE_QSTRING;
    case SK_ARRAY:
        return QTYPE_QLIST;
    case SK_OBJECT:
        return QTYPE_QDICT;
    case SK_ALTERNATE:
        return QTYPE_NONE;
    case SK_BUILTIN:
        break;
    }
    switch (t->builtin) {
    case SB_STR:
        return QTYPE_QSTRING;
    case SB_BOOL:
        return QTYPE_QBOOL;
    case SB_NULL:
        return QTYPE_QNULL;
    case SB_ANY:
        return QTYPE_NONE;
    case SB_JSON_OBJECT:
        return QTYPE_QDICT;
    case SB_JSON_ARRAY:
        return QTYPE_QLIST;
    default:
        return QTYPE_QNUM;
    }
}

static bool
visit_alternate(Visitor *v, const char *name, const SType *t, GError **errp)
{
    GenericAlternate *alt = NULL;
    const SType *branch = NULL;
    bool ok = false;

    if (!visit_start_alternate(v, name, &alt, sizeof(GenericAlternate), errp)) {
        return false;
    }
    for (guint i = 0; alt && !branch && i < t->n_alternatives; i++) {
        if (alternative_qtype(t->alternatives[i]) == alt->type) {
            branch = t->alternatives[i];
        }
    }
    if (branch) {
        ok = visit_stype(v, name, branch, errp);
    } else {
        visit_error_alternate_type(v, name, t->display, errp);
    }
    visit_end_alternate(v, (void **)&alt);
    g_free(alt);
    return ok;
}

static bool
visit_stype(Visitor *v, const char *name, const SType *t, GError **errp)
{
    int value = 0;

    switch (t->kind) {
    case SK_BUILTIN:
        return visit_builtin(v, name, t, errp);
    case SK_ENUM:
        return visit_type_enum(v, name, &value, t->lookup, errp);
    case SK_ARRAY:
        return visit_array(v, name, t, errp);
    case SK_OBJECT:
        return visit_object(v, name, t, errp);
    case SK_ALTERNATE:
        return visit_alternate(v, name, t, errp);
    }
    g_assert_not_reached();
}

bool
qapi_schema_check_value(const SType *type, JDoc *doc, JValue *root,
                        const char *filename, const char *path_prefix,
                        QapiInputFlags flags, QapiDiagnostics *diags,
                        GError **error)
{
    g_autoptr(Visitor) v = qapi_json_input_visitor_new_at(
        doc, root, filename, path_prefix, flags, diags);
    GError *err = NULL;

    qapi_json_input_reuse_list_nodes(v);
    if (!visit_stype(v, NULL, type, &err) && !diags) {
        g_propagate_error(error, err);
        return false;
    }
    /* Collect mode: the problem is in diags (an alternate without a
     * branch fails the visit after recording it). */
    g_clear_error(&err);
    return qapi_json_input_visitor_finish(v, error);
}

/* ---- building the tables from checked SchemaInfo data ------------------- */

typedef struct Builder {
    QapiSchema *schema;
    const char *filename;
    const char *prefix; /* of paths in messages; may be NULL */
    QapiDiagnostics *diags;
    GError *first; /* the first error */
    guint errors;
    bool collapsed_ints; /* no int8 ... size: QEMU's data */
} Builder;

static void build_error(Builder *b, const JValue *at, const char *path,
                        const char *format, ...) G_GNUC_PRINTF(4, 5);

/* A problem with the value @at, at member path @path of the entry list. */
static void
build_error(Builder *b, const JValue *at, const char *path, const char *format,
            ...)
{
    g_autoptr(GString) full = g_string_new(b->prefix);
    g_autofree char *message = NULL;
    QapiDiagnostic diag = {
        .severity = QAPI_SEVERITY_ERROR,
        .code = QAPI_ERROR_SEMANTIC,
        .filename = (char *)b->filename,
        .line = at ? at->line : 0,
        .column = at ? at->column : 0,
    };
    va_list ap;

    g_string_append(full, path);
    va_start(ap, format);
    message = g_strdup_vprintf(format, ap);
    va_end(ap);
    diag.path = full->str;
    diag.message = message;
    if (b->diags) {
        qapi_diagnostics_add(b->diags, diag.severity, diag.code, diag.filename,
                             diag.path, diag.line, diag.column, "%s", message);
    }
    if (!b->errors++) {
        b->first = qapi_diagnostic_to_gerror(&diag);
    }
}

static const struct {
    const char *name;
    SBuiltin builtin;
} int_builtins[] = {
    { "int8", SB_INT8 },     { "int16", SB_INT16 },   { "int32", SB_INT32 },
    { "int64", SB_INT64 },   { "uint8", SB_UINT8 },   { "uint16", SB_UINT16 },
    { "uint32", SB_UINT32 }, { "uint64", SB_UINT64 }, { "size", SB_SIZE },
};

/* A copy of @str (may be NULL) that lives as long as the schema. */
static char *
schema_str(Builder *b, const char *str)
{
    return str ? g_string_chunk_insert(b->schema->strings, str) : NULL;
}

static SBuiltin
builtin_kind(const char *name, const char *json_type, bool collapsed)
{
    static const struct {
        const char *json_type;
        SBuiltin builtin;
    } by_json_type[] = {
        { "string", SB_STR },       { "number", SB_NUMBER },
        { "boolean", SB_BOOL },     { "null", SB_NULL },
        { "value", SB_ANY },        { "object", SB_JSON_OBJECT },
        { "array", SB_JSON_ARRAY },
    };

    for (guint i = 0; i < G_N_ELEMENTS(by_json_type); i++) {
        if (strcmp(json_type, by_json_type[i].json_type) == 0) {
            return by_json_type[i].builtin;
        }
    }
    /* json-type "int" */
    for (guint i = 0; i < G_N_ELEMENTS(int_builtins); i++) {
        if (strcmp(name, int_builtins[i].name) == 0) {
            return int_builtins[i].builtin;
        }
    }
    return strcmp(name, "int") == 0 && !collapsed ? SB_INT : SB_INT_WIDE;
}

static bool
is_masked(const char *name)
{
    return name[0] && strspn(name, "0123456789") == strlen(name);
}

/* Pass 1: an SType for entry @e (not yet resolved). */
static void
add_type(Builder *b, const JValue *e, guint index, const char *name,
         const char *meta)
{
    SType *t = schema_new0(b->schema, SType, 1);
    const JValue *list;

    t->name = schema_str(b, name);
    t->tag = -1;
    if (strcmp(meta, "builtin") == 0) {
        t->kind = SK_BUILTIN;
        t->builtin = builtin_kind(name, member_str(e, "json-type"),
                                  b->collapsed_ints);
    } else if (strcmp(meta, "enum") == 0) {
        const JValue *members = qapi_jvalue_member(e, "members");
        const JValue *values = qapi_jvalue_member(e, "values");
        const char **array;
        QEnumLookup lookup = { 0 };

        t->kind = SK_ENUM;
        list = members ? members : values;
        if (!list) {
            g_autofree char *path = g_strdup_printf("[%u]", index);

            build_error(b, e, path,
                        "enum '%s' has neither 'members' nor "
                        "'values'",
                        name);
        }
        array = schema_new0(b->schema, const char *,
                            (list ? list->count : 0) + 1);
        for (uint32_t i = 0; list && i < list->count; i++) {
            const JValue *item = &list->elements[i];

            array[i] = schema_str(b, members ? member_str(item, "name")
                                             : item->str);
        }
        /* QEnumLookup's members are const: fill it in at once. */
        memcpy(&lookup,
               &(QEnumLookup){ .array = array,
                               .size = list ? (int)list->count : 0 },
               sizeof(lookup));
        t->lookup = schema_new0(b->schema, QEnumLookup, 1);
        memcpy(t->lookup, &lookup, sizeof(lookup));
    } else if (strcmp(meta, "array") == 0) {
        t->kind = SK_ARRAY;
    } else if (strcmp(meta, "object") == 0) {
        const JValue *members = qapi_jvalue_member(e, "members");

        t->kind = SK_OBJECT;
        t->n_members = members->count;
        t->members = schema_new0(b->schema, SMember, members->count);
        for (uint32_t i = 0; i < members->count; i++) {
            const JValue *m = &members->elements[i];

            t->members[i].name = schema_str(b, member_str(m, "name"));
            t->members[i].optional = qapi_jvalue_member(m, "default") != NULL;
        }
    } else {
        const JValue *members = qapi_jvalue_member(e, "members");

        t->kind = SK_ALTERNATE;
        t->n_alternatives = members->count;
        t->alternatives = schema_new0(b->schema, SType *, members->count);
    }
    g_hash_table_insert(b->schema->types, t->name, t);
}

static SType *resolve(Builder *b, const JValue *ref, const char *path_format,
                      ...) G_GNUC_PRINTF(3, 4);

/* The type named by string @ref, or NULL after an error at the path
 * @path_format gives (formatted only then: a schema has thousands of
 * references). */
static SType *
resolve(Builder *b, const JValue *ref, const char *path_format, ...)
{
    SType *t = g_hash_table_lookup(b->schema->types, ref->str);

    if (!t) {
        g_autofree char *shown = qapi_escape(ref->str);
        g_autofree char *path = NULL;
        va_list ap;

        va_start(ap, path_format);
        path = g_strdup_vprintf(path_format, ap);
        va_end(ap);
        build_error(b, ref, path, "type '%s' is not defined", shown);
    }
    return t;
}

/* The value of enum @lookup named @name, or -1; the search starts at
 * *@next, where the previous variant's case left it: the variants mostly
 * follow the enum's order, and a big enum's full search costs a lot. */
static int
case_value(const QEnumLookup *lookup, const char *name, int *next)
{
    int n = lookup->size;
    int start = *next < n ? *next : 0;

    for (int k = 0; k < n; k++) {
        int i = (start + k) % n;

        if (lookup->array[i] && strcmp(lookup->array[i], name) == 0) {
            *next = i + 1;
            return i;
        }
    }
    return -1;
}

static void
resolve_object(Builder *b, SType *t, const JValue *e, guint index)
{
    int next_case = 0;

    const JValue *members = qapi_jvalue_member(e, "members");
    const JValue *tag = qapi_jvalue_member(e, "tag");
    const JValue *variants = qapi_jvalue_member(e, "variants");

    for (uint32_t i = 0; i < members->count; i++) {
        t->members[i].type = resolve(
            b, qapi_jvalue_member(&members->elements[i], "type"),
            "[%u].members[%u].type", index, i);
        if (tag && strcmp(t->members[i].name, tag->str) == 0) {
            t->tag = (int)i;
        }
    }
    if (!tag && !variants) {
        return;
    }
    if (!tag || !variants || t->tag < 0 || !t->members[t->tag].type
        || t->members[t->tag].type->kind != SK_ENUM
        || t->members[t->tag].optional) {
        g_autofree char *path = g_strdup_printf("[%u]", index);

        if (t->tag < 0 || t->members[t->tag].type) {
            build_error(b, e, path,
                        "'tag' must name a required enum "
                        "member, and go with 'variants'");
        }
        t->tag = -1;
        return;
    }
    t->branches = schema_new0(b->schema, SType *,
                              t->members[t->tag].type->lookup->size);
    for (uint32_t i = 0; i < variants->count; i++) {
        const JValue *var = &variants->elements[i];
        const JValue *vcase = qapi_jvalue_member(var, "case");
        SType *branch = resolve(b, qapi_jvalue_member(var, "type"),
                                "[%u].variants[%u].type", index, i);
        int value = case_value(t->members[t->tag].type->lookup, vcase->str,
                               &next_case);

        if (value < 0) {
            g_autofree char *path = g_strdup_printf("[%u].variants[%u]", index,
                                                    i);
            g_autofree char *shown = qapi_escape(vcase->str);

            build_error(b, vcase, path,
                        "case '%s' is not a value of the "
                        "tag's enum",
                        shown);
        } else if (branch && branch->kind != SK_OBJECT) {
            g_autofree char *path = g_strdup_printf("[%u].variants[%u]", index,
                                                    i);

            build_error(b, var, path, "a variant's type must be an object");
        } else {
            t->branches[value] = branch;
        }
    }
}

/* Pass 2: names to types, for entry @e. */
static void
resolve_entry(Builder *b, const JValue *e, guint index, const char *name,
              const char *meta)
{
    SType *t = g_hash_table_lookup(b->schema->types, name);
    g_autofree char *path = NULL;

    if (strcmp(meta, "command") == 0 || strcmp(meta, "event") == 0) {
        SType *arg = resolve(b, qapi_jvalue_member(e, "arg-type"),
                             "[%u].arg-type", index);

        if (arg && arg->kind != SK_OBJECT) {
            g_autofree char *arg_path = g_strdup_printf("[%u].arg-type", index);

            build_error(b, qapi_jvalue_member(e, "arg-type"), arg_path,
                        "'arg-type' must be an object type");
            arg = NULL;
        }
        if (meta[0] == 'e') {
            g_hash_table_insert(b->schema->events, schema_str(b, name), arg);
        } else {
            SCommand *c = schema_new0(b->schema, SCommand, 1);

            c->arg = arg;
            c->ret = resolve(b, qapi_jvalue_member(e, "ret-type"),
                             "[%u].ret-type", index);
            g_hash_table_insert(b->schema->commands, schema_str(b, name), c);
        }
        return;
    }
    switch (t->kind) {
    case SK_BUILTIN:
    case SK_ENUM:
        break;
    case SK_ARRAY:
        t->element = resolve(b, qapi_jvalue_member(e, "element-type"),
                             "[%u].element-type", index);
        break;
    case SK_OBJECT:
        resolve_object(b, t, e, index);
        break;
    case SK_ALTERNATE: {
        const JValue *members = qapi_jvalue_member(e, "members");

        for (uint32_t i = 0; i < members->count; i++) {
            t->alternatives[i] = resolve(
                b, qapi_jvalue_member(&members->elements[i], "type"),
                "[%u].members[%u].type", index, i);
            if (t->alternatives[i]
                && alternative_qtype(t->alternatives[i]) == QTYPE_NONE) {
                g_free(path);
                path = g_strdup_printf("[%u].members[%u].type", index, i);
                build_error(b, &members->elements[i], path,
                            "an alternative cannot be 'any' or an "
                            "alternate");
                t->alternatives[i] = NULL;
            }
        }
        /* A masked name alone would read as a number. */
        if (is_masked(name)) {
            g_autofree char *display = g_strdup_printf("alternate %s", name);

            t->display = schema_str(b, display);
        } else {
            t->display = t->name;
        }
        break;
    }
    }
}

/* Any entry left unresolved (after errors) must never be visited: the
 * schema is discarded then. */
static QapiSchema *
build(const JValue *list, const char *filename, const char *prefix,
      QapiDiagnostics *diags, GError **error)
{
    Builder b = {
        .schema = schema_new(),
        .filename = filename,
        .prefix = prefix,
        .diags = diags,
    };
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    /* Each entry's name and meta-type, looked up once; whether it is the
     * first entry of its name (a later one is an error, then skipped). */
    g_autofree const char **entry_names = g_new(const char *, list->count);
    g_autofree const char **metas = g_new(const char *, list->count);
    g_autofree bool *first = g_new0(bool, list->count);

    b.collapsed_ints = true;
    for (uint32_t i = 0; i < list->count; i++) {
        const JValue *e = &list->elements[i];
        const char *name = member_str(e, "name");

        entry_names[i] = name;
        metas[i] = member_str(e, "meta-type");
        if (strcmp(metas[i], "builtin") != 0) {
            continue;
        }
        for (guint k = 0; k < G_N_ELEMENTS(int_builtins); k++) {
            if (strcmp(name, int_builtins[k].name) == 0) {
                b.collapsed_ints = false;
            }
        }
    }
    for (uint32_t i = 0; i < list->count; i++) {
        const JValue *e = &list->elements[i];
        const char *name = entry_names[i];
        const char *meta = metas[i];

        if (!g_hash_table_add(names, (gpointer)name)) {
            g_autofree char *path = g_strdup_printf("[%u].name", i);
            g_autofree char *shown = qapi_escape(name);

            build_error(&b, qapi_jvalue_member(e, "name"), path,
                        "'%s' is defined twice", shown);
            continue;
        }
        first[i] = true;
        if (strcmp(meta, "command") != 0 && strcmp(meta, "event") != 0) {
            add_type(&b, e, i, name, meta);
        }
    }
    for (uint32_t i = 0; i < list->count; i++) {
        if (first[i]) {
            resolve_entry(&b, &list->elements[i], i, entry_names[i], metas[i]);
        }
    }
    b.schema->n_entries = list->count;
    if (b.errors) {
        if (b.errors > 1) {
            g_autofree char *text = b.first->message;

            b.first->message = g_strdup_printf("%s (and %u more error%s)", text,
                                               b.errors - 1,
                                               b.errors > 2 ? "s" : "");
        }
        g_propagate_error(error, b.first);
        qapi_schema_free(b.schema);
        return NULL;
    }
    return b.schema;
}

/* ---- loading ------------------------------------------------------------ */

const QapiSchema *
qapi_schema_builtin(void)
{
    static gsize builtin; /* a QapiSchema * */

    if (g_once_init_enter(&builtin)) {
        QapiDiagnostic diag;
        JDoc *doc = jdoc_parse(BUILTIN_SCHEMA, sizeof(BUILTIN_SCHEMA) - 1,
                               &diag);
        QapiSchema *schema;

        g_assert(doc); /* our own text */
        schema = build(jdoc_root(doc), NULL, NULL, NULL, NULL);
        g_assert(schema);
        jdoc_free(doc);
        g_once_init_leave(&builtin, (gsize)schema);
    }
    return (const QapiSchema *)builtin;
}

bool
qapi_jvalue_equal(const JValue *a, const JValue *b)
{
    if (a->type != b->type) {
        return false;
    }
    switch ((JType)a->type) {
    case JT_NULL:
    case JT_TOO_DEEP:
        return true;
    case JT_BOOL:
        return a->boolean == b->boolean;
    case JT_STRING:
        return a->count == b->count && memcmp(a->str, b->str, a->count) == 0;
    case JT_NUMBER:
        if (a->numkind != b->numkind) {
            return false;
        }
        switch ((JNumKind)a->numkind) {
        case JN_INT:
            return a->i == b->i;
        case JN_UINT:
            return a->u == b->u;
        default:
            return a->d == b->d;
        }
    case JT_ARRAY:
        if (a->count != b->count) {
            return false;
        }
        for (uint32_t i = 0; i < a->count; i++) {
            if (!qapi_jvalue_equal(&a->elements[i], &b->elements[i])) {
                return false;
            }
        }
        return true;
    case JT_OBJECT:
        if (a->count != b->count) {
            return false;
        }
        for (uint32_t i = 0; i < a->count; i++) {
            const JValue *other = qapi_jvalue_member(b, a->members[i].key);

            if (!other || !qapi_jvalue_equal(&a->members[i].value, other)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

/*
 * In transcript @messages: the reply to the first query-qmp-schema
 * request (the reply with its id; without an id, the next reply), or
 * NULL.
 */
static JValue *
find_schema_reply(const JValue *messages)
{
    for (uint32_t i = 0; i < messages->count; i++) {
        const JValue *m = &messages->elements[i];
        const char *command = member_str(m, "execute");
        const JValue *id = qapi_jvalue_member(m, "id");

        if (!command || strcmp(command, "query-qmp-schema") != 0) {
            continue;
        }
        for (uint32_t k = i + 1; k < messages->count; k++) {
            JValue *r = &messages->elements[k];
            const JValue *rid = qapi_jvalue_member(r, "id");

            if (!qapi_jvalue_member(r, "return")
                && !qapi_jvalue_member(r, "error")) {
                continue;
            }
            if (!id || (rid && qapi_jvalue_equal(id, rid))) {
                return r;
            }
        }
        return NULL;
    }
    return NULL;
}

QapiSchema *
qapi_schema_load_value(JDoc *doc, JValue *root, bool transcript,
                       const char *filename, QapiDiagnostics *diags,
                       GError **error)
{
    const QapiSchema *meta = qapi_schema_builtin();
    const char *type_name = "[SchemaInfo]";
    const char *prefix = NULL;
    JValue *list = root;

    if (transcript) {
        JValue *reply = find_schema_reply(root);

        if (!reply || !qapi_jvalue_member(reply, "return")) {
            QapiDiagnostic diag = {
                .code = QAPI_ERROR_MISSING_MEMBER,
                .filename = (char *)filename,
                .message =
                    (char *)(reply ? "the query-qmp-schema request failed"
                                   : "no query-qmp-schema request and reply"),
            };

            if (diags) {
                qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, diag.code,
                                     filename, "", 0, 0, "%s", diag.message);
            }
            g_propagate_error(error, qapi_diagnostic_to_gerror(&diag));
            return NULL;
        }
        list = qapi_jvalue_member(reply, "return");
        prefix = "query-qmp-schema return";
    } else if (root->type == JT_OBJECT) {
        type_name = "SchemaReply";
    }
    if (!qapi_schema_check_value(
            qapi_schema_lookup(meta, QAPI_SCHEMA_TYPE, type_name), doc, list,
            filename, prefix, QAPI_INPUT_STRICT, diags, error)) {
        return NULL;
    }
    if (list->type == JT_OBJECT) {
        list = qapi_jvalue_member(list, "return");
        prefix = "return";
    }
    return build(list, filename, prefix, diags, error);
}

static QapiSchema *
load_doc(JDoc *doc, const char *filename, QapiDiagnostics *diags,
         GError **error)
{
    JValue *values = jdoc_root(doc);

    if (values->count == 1) {
        return qapi_schema_load_value(doc, &values->elements[0], false,
                                      filename, diags, error);
    }
    return qapi_schema_load_value(doc, values, true, filename, diags, error);
}

QapiSchema *
qapi_schema_new_from_data(const char *data, gssize len, const char *filename,
                          QapiDiagnostics *diags, GError **error)
{
    JDoc *doc = qapi_json_parse_doc(data, len, filename, QAPI_PARSE_SEQUENCE,
                                    diags, error);
    QapiSchema *schema;

    if (!doc) {
        return NULL;
    }
    schema = load_doc(doc, filename, diags, error);
    jdoc_free(doc);
    return schema;
}

/* Read @path; a failure is recorded in @diags as well. */
static char *
read_input(const char *path, size_t *len, QapiDiagnostics *diags,
           GError **error)
{
    GError *err = NULL;
    char *data = qapi_json_read_file(path, len, &err);

    if (!data) {
        if (diags) {
            qapi_diagnostics_add(diags, QAPI_SEVERITY_ERROR, err->code, NULL,
                                 "", 0, 0, "%s", err->message);
        }
        g_propagate_error(error, err);
    }
    return data;
}

QapiSchema *
qapi_schema_new_from_file(const char *path, QapiDiagnostics *diags,
                          GError **error)
{
    size_t len = 0;
    g_autofree char *data = read_input(path, &len, diags, error);

    if (!data) {
        return NULL;
    }
    return qapi_schema_new_from_data(data, len, path, diags, error);
}

QapiSchema *
qapi_schema_new_from_node(JsonNode *node, QapiDiagnostics *diags,
                          GError **error)
{
    JDoc *doc;
    QapiSchema *schema;

    g_return_val_if_fail(node, NULL);
    doc = jdoc_from_node(node);
    schema = qapi_schema_load_value(doc, jdoc_root(doc), false, NULL, diags,
                                    error);
    jdoc_free(doc);
    return schema;
}

/* ---- queries and validation --------------------------------------------- */

const SType *
qapi_schema_lookup(const QapiSchema *schema, QapiSchemaTarget target,
                   const char *name)
{
    const SCommand *c;

    switch (target) {
    case QAPI_SCHEMA_TYPE:
        return g_hash_table_lookup(schema->types, name);
    case QAPI_SCHEMA_COMMAND_ARGUMENTS:
    case QAPI_SCHEMA_COMMAND_RETURN:
        c = g_hash_table_lookup(schema->commands, name);
        if (!c) {
            return NULL;
        }
        return target == QAPI_SCHEMA_COMMAND_RETURN ? c->ret : c->arg;
    case QAPI_SCHEMA_EVENT_DATA:
        return g_hash_table_lookup(schema->events, name);
    }
    return NULL;
}

bool
qapi_schema_has(const QapiSchema *schema, QapiSchemaTarget target,
                const char *name)
{
    g_return_val_if_fail(schema && name, false);
    return qapi_schema_lookup(schema, target, name) != NULL;
}

guint
qapi_schema_get_n_entries(const QapiSchema *schema)
{
    g_return_val_if_fail(schema, 0);
    return schema->n_entries;
}

guint
qapi_schema_get_n_commands(const QapiSchema *schema)
{
    g_return_val_if_fail(schema, 0);
    return g_hash_table_size(schema->commands);
}

guint
qapi_schema_get_n_events(const QapiSchema *schema)
{
    g_return_val_if_fail(schema, 0);
    return g_hash_table_size(schema->events);
}

/* The type for @target @name, or NULL with @error set. */
static const SType *
target_type(const QapiSchema *schema, QapiSchemaTarget target, const char *name,
            GError **error)
{
    static const char *const what[] = {
        [QAPI_SCHEMA_TYPE] = "type",
        [QAPI_SCHEMA_COMMAND_ARGUMENTS] = "command",
        [QAPI_SCHEMA_COMMAND_RETURN] = "command",
        [QAPI_SCHEMA_EVENT_DATA] = "event",
    };
    const SType *t = qapi_schema_lookup(schema, target, name);

    if (!t) {
        g_autofree char *shown = qapi_escape(name);

        g_set_error(error, QAPI_ERROR, QAPI_ERROR_INVALID_VALUE,
                    "the schema has no %s '%s'", what[target], shown);
    }
    return t;
}

bool
qapi_schema_validate_data(const QapiSchema *schema, QapiSchemaTarget target,
                          const char *name, const char *data, gssize len,
                          const char *filename, QapiInputFlags flags,
                          QapiDiagnostics *diags, GError **error)
{
    const SType *t;
    JDoc *doc;
    bool ok;

    g_return_val_if_fail(schema && name, false);
    t = target_type(schema, target, name, error);
    if (!t) {
        return false;
    }
    doc = qapi_json_parse_doc(data, len, filename, QAPI_PARSE_VALUE, diags,
                              error);
    if (!doc) {
        return false;
    }
    ok = qapi_schema_check_value(t, doc, jdoc_root(doc), filename, NULL, flags,
                                 diags, error);
    jdoc_free(doc);
    return ok;
}

bool
qapi_schema_validate_file(const QapiSchema *schema, QapiSchemaTarget target,
                          const char *name, const char *path,
                          QapiInputFlags flags, QapiDiagnostics *diags,
                          GError **error)
{
    size_t len = 0;
    g_autofree char *data = NULL;

    g_return_val_if_fail(schema && name && path, false);
    if (!target_type(schema, target, name, error)) {
        return false;
    }
    data = read_input(path, &len, diags, error);
    if (!data) {
        return false;
    }
    return qapi_schema_validate_data(schema, target, name, data, len, path,
                                     flags, diags, error);
}

bool
qapi_schema_validate_node(const QapiSchema *schema, QapiSchemaTarget target,
                          const char *name, JsonNode *node,
                          QapiInputFlags flags, QapiDiagnostics *diags,
                          GError **error)
{
    const SType *t;
    JDoc *doc;
    bool ok;

    g_return_val_if_fail(schema && name && node, false);
    t = target_type(schema, target, name, error);
    if (!t) {
        return false;
    }
    doc = jdoc_from_node(node);
    ok = qapi_schema_check_value(t, doc, jdoc_root(doc), NULL, NULL, flags,
                                 diags, error);
    jdoc_free(doc);
    return ok;
}
