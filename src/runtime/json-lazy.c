/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a checked JSON text on demand (json-lazy.h).
 *
 * The text passed the strict reader's checks (jdoc_check()) before any of
 * this runs, so scanning here only finds where things are: no error can
 * occur, and every value read is the one the reader's tree would hold.
 * The input visitor asks for members mostly in the document's order
 * (QEMU's generated code and QEMU's output both follow the schema), so a
 * member is usually the next one scanned; one asked for later than it
 * stands is found by scanning on, skipping over the values between, which
 * stay recorded (key and value offsets) until their object is left.
 */
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qapi/json-input.h"
#include "json-lazy.h"

static inline bool
is_ws(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline uint32_t
skip_ws(const LzText *t, uint32_t off)
{
    const uint8_t *d = (const uint8_t *)t->data;

    if (G_LIKELY(off < t->len && d[off] > ' ')) {
        return off; /* compact text */
    }
    while (off < t->len && is_ws(d[off])) {
        off++;
    }
    return off;
}

#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Past the string whose opening quote is at @off; *@escaped: whether it
 * has escapes.  Eight bytes at a time, looking for '"' and '\\' only. */
static inline uint32_t
string_end(const LzText *t, uint32_t off, bool *escaped)
{
    const uint8_t *d = (const uint8_t *)t->data;
    uint32_t p = off + 1;

    *escaped = false;
    for (;;) {
#ifdef __SSE2__
        /* Sixteen bytes at a time where the machine has SSE2. */
        while (t->len - p >= 16) {
            __m128i w = _mm_loadu_si128((const __m128i *)(d + p));
            unsigned mask = _mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))));

            if (mask) {
                p += __builtin_ctz(mask);
                break;
            }
            p += 16;
        }
#elif G_BYTE_ORDER == G_LITTLE_ENDIAN
        while (t->len - p >= 8) {
            uint64_t w, quote, backslash, flags;

            memcpy(&w, d + p, 8);
            quote = w ^ (ONES * '"');
            backslash = w ^ (ONES * '\\');
            flags = ((quote - ONES) & ~quote)
                    | ((backslash - ONES) & ~backslash);
            flags &= HIGHS;
            if (flags) {
                p += __builtin_ctzll(flags) / 8;
                break;
            }
            p += 8;
        }
#endif
        while (d[p] != '"' && d[p] != '\\') {
            p++;
        }
        if (d[p] == '"') {
            return p + 1;
        }
        *escaped = true;
        p += 2; /* the escape's letter, maybe '"' or '\\' */
    }
}

static int
hex4(const uint8_t *p)
{
    int v = 0;

    for (int i = 0; i < 4; i++) {
        int c = p[i];

        v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* The bytes of the string between @off (opening quote) and @end (past
 * the closing one), unescaped, appended to @buf. */
static void
unescape(const LzText *t, uint32_t off, uint32_t end, GString *buf)
{
    const uint8_t *d = (const uint8_t *)t->data;
    uint32_t p = off + 1, run = p;

    end--; /* the closing quote */
    while (p < end) {
        int c;

        if (d[p] != '\\') {
            p++;
            continue;
        }
        g_string_append_len(buf, (const char *)d + run, p - run);
        c = d[p + 1];
        p += 2;
        switch (c) {
        /* clang-format off */
        case 'b': g_string_append_c(buf, '\b'); break;
        case 'f': g_string_append_c(buf, '\f'); break;
        case 'n': g_string_append_c(buf, '\n'); break;
        case 'r': g_string_append_c(buf, '\r'); break;
        case 't': g_string_append_c(buf, '\t'); break;
        /* clang-format on */
        case 'u':
            c = hex4(d + p);
            p += 4;
            if (c >= 0xD800 && c <= 0xDBFF) {
                /* The checked text pairs it with a low surrogate. */
                c = 0x10000 + ((c - 0xD800) << 10) + (hex4(d + p + 2) - 0xDC00);
                p += 6;
            }
            g_string_append_unichar(buf, c);
            break;
        default: /* '"', '\\', '/' */
            g_string_append_c(buf, c);
            break;
        }
        run = p;
    }
    g_string_append_len(buf, (const char *)d + run, end - run);
}

/* The number at @off into @value, as the reader reads it; returns the
 * offset past it. */
static uint32_t
read_number(const LzText *t, uint32_t off, JValue *value)
{
    const uint8_t *d = (const uint8_t *)t->data;
    uint32_t p = off;
    bool negative = false, integral = true, overflow = false;
    uint64_t mag = 0;

    value->type = JT_NUMBER;
    if (d[p] == '-') {
        negative = true;
        p++;
    }
    while (p < t->len && d[p] >= '0' && d[p] <= '9') {
        unsigned digit = d[p++] - '0';

        if (mag > (UINT64_MAX - digit) / 10) {
            overflow = true;
        } else {
            mag = mag * 10 + digit;
        }
    }
    while (p < t->len
           && (d[p] == '.' || d[p] == 'e' || d[p] == 'E' || d[p] == '+'
               || d[p] == '-' || (d[p] >= '0' && d[p] <= '9'))) {
        integral = false;
        p++;
    }
    if (integral && !overflow && jnumber_set_integer(value, negative, mag)) {
        return p;
    }
    value->d = jnumber_strtod(t->data + off, p - off);
    value->numkind = integral ? JN_BIGINT : JN_DOUBLE;
    return p;
}

void
lz_text_init(LzText *t, const char *data, size_t len, uint32_t *root)
{
    t->data = data;
    t->len = (uint32_t)len;
    t->n_members = 0;
    if (!t->buf) {
        t->buf = g_string_new(NULL);
    }
    t->pos_off = 0;
    t->pos_line = 1;
    t->pos_column = 1;
    *root = skip_ws(t, 0);
}

void
lz_text_clear(LzText *t)
{
    g_free(t->members);
    if (t->buf) {
        g_string_free(t->buf, TRUE);
    }
    memset(t, 0, sizeof(*t));
}

uint32_t
lz_read(LzText *t, uint32_t off, JValue *value)
{
    const uint8_t *d = (const uint8_t *)t->data;
    uint32_t end;
    bool escaped;

    memset(value, 0, sizeof(*value));
    switch (d[off]) {
    case '{':
        value->type = JT_OBJECT;
        return 0;
    case '[':
        value->type = JT_ARRAY;
        value->count = d[skip_ws(t, off + 1)] != ']';
        return 0;
    case '"':
        end = string_end(t, off, &escaped);
        value->type = JT_STRING;
        if (escaped) {
            g_string_truncate(t->buf, 0);
            unescape(t, off, end, t->buf);
            value->str = t->buf->str;
            value->count = t->buf->len;
        } else {
            value->numkind = LZ_IN_PLACE;
            value->str = t->data + off + 1;
            value->count = end - off - 2;
        }
        return end;
    case 't':
        value->type = JT_BOOL;
        value->boolean = true;
        return off + 4;
    case 'f':
        value->type = JT_BOOL;
        return off + 5;
    case 'n':
        value->type = JT_NULL;
        return off + 4;
    default:
        return read_number(t, off, value);
    }
}

void
lz_terminate(LzText *t, JValue *value)
{
    if (value->numkind == LZ_IN_PLACE) {
        g_string_set_size(t->buf, value->count);
        memcpy(t->buf->str, value->str, value->count);
        value->str = t->buf->str;
        value->numkind = 0;
    }
}

uint32_t
lz_skip_value(const LzText *t, uint32_t off)
{
    const uint8_t *d = (const uint8_t *)t->data;
    JValue number;
    bool escaped;
    uint32_t depth = 0;

    switch (d[off]) {
    case '"':
        return string_end(t, off, &escaped);
    case 't':
    case 'n':
        return off + 4;
    case 'f':
        return off + 5;
    case '{':
    case '[':
        if (t->spans) {
            uint32_t end = jspans_find(t->spans, t->spans_base + off);

            if (end) {
                return end - t->spans_base;
            }
        }
        break;
    default:
        return read_number(t, off, &number);
    }
    for (uint32_t p = off;; p++) {
        switch (d[p]) {
        case '"':
            p = string_end(t, p, &escaped) - 1;
            break;
        case '{':
        case '[':
            depth++;
            break;
        case '}':
        case ']':
            if (!--depth) {
                return p + 1;
            }
            break;
        }
    }
}

void
lz_position(LzText *t, uint32_t off, uint32_t *line, uint32_t *column)
{
    const uint8_t *d = (const uint8_t *)t->data;
    uint32_t p = t->pos_off, l = t->pos_line, col = t->pos_column;

    if (off < p) {
        p = 0;
        l = 1;
        col = 1;
    }
    for (; p < off; p++) {
        if (d[p] == '\r' || d[p] == '\n') {
            /* CR LF, LF and a lone CR each end a line. */
            if (d[p] == '\r' && p + 1 < off && d[p + 1] == '\n') {
                p++;
            }
            l++;
            col = 1;
        } else if ((d[p] & 0xC0) != 0x80) {
            col++;
        }
    }
    t->pos_off = off;
    t->pos_line = l;
    t->pos_column = col;
    *line = l;
    *column = col;
}

void
lz_enter(LzText *t, LzContainer *c, uint32_t off, bool is_array)
{
    uint32_t p;

    memset(c, 0, sizeof(*c));
    c->off = off;
    c->base = t->n_members;
    if (is_array) {
        p = skip_ws(t, off + 1);
        if (t->data[p] == ']') {
            c->end = p + 1;
        } else {
            c->elem_off = p;
        }
    }
}

void
lz_leave(LzText *t, LzContainer *c)
{
    g_assert(c->base + c->n == t->n_members);
    t->n_members = c->base;
}

/* Whether member @m's key is @name. */
static bool
key_is(LzText *t, const LzMember *m, const char *name)
{
    const char *key = t->data + m->key_off + 1;

    if (G_UNLIKELY(m->escaped)) {
        g_autofree char *k = lz_key(t, m);

        return strcmp(k, name) == 0;
    }
    for (uint32_t j = 0; j < m->key_len; j++) {
        if (key[j] != name[j]) {
            return false;
        }
    }
    return name[m->key_len] == '\0';
}

/* The length of @name when the key at @p (its opening quote) is
 * exactly @name, written without escapes; else -1. */
static inline int
plain_key(const char *d, uint32_t p, const char *name)
{
    const char *k = d + p + 1;
    int j = 0;

    while (name[j] && name[j] == k[j] && name[j] != '"' && name[j] != '\\') {
        j++;
    }
    return !name[j] && k[j] == '"' ? j : -1;
}

/*
 * Scan one more member of object @c onto the stack: false at its end.
 * *@match: whether its key is @name (when not NULL), known in passing.
 */
static inline __attribute__((always_inline)) bool
scan_next(LzText *t, LzContainer *c, const char *name, bool *match)
{
    const char *d = t->data;
    uint32_t p, end;
    LzMember *m;
    bool escaped = false;
    int n;

    if (c->end) {
        return false;
    }
    g_assert(c->base + c->n == t->n_members);
    if (!c->n) {
        p = skip_ws(t, c->off + 1);
    } else {
        LzMember *last = &t->members[c->base + c->n - 1];

        if (!last->val_end) {
            last->val_end = lz_skip_value(t, last->val_off);
        }
        p = skip_ws(t, last->val_end);
        if (d[p] == ',') {
            p = skip_ws(t, p + 1);
        }
    }
    if (d[p] == '}') {
        c->end = p + 1;
        return false;
    }
    if (t->n_members == t->cap_members) {
        t->cap_members = t->cap_members ? t->cap_members * 2 : 32;
        t->members = g_renew(LzMember, t->members, t->cap_members);
    }
    /* Filled in place: a copy made whole from fields just stored would
     * stall on store forwarding. */
    m = &t->members[t->n_members++];
    c->n++;
    m->key_off = p;
    m->val_end = 0;
    m->visited = false;
    n = name ? plain_key(d, p, name) : -1;
    if (n >= 0) {
        end = p + n + 2;
        *match = true;
    } else {
        end = string_end(t, p, &escaped);
    }
    m->key_len = end - p - 2;
    m->escaped = escaped;
    m->first = m->key_len ? d[p + 1] : '\0';
    if (n < 0 && name) {
        *match = escaped && key_is(t, m, name);
    }
    p = skip_ws(t, end); /* the colon */
    m->val_off = skip_ws(t, p + 1);
    return true;
}

/* key_is(), most mismatches told by the first byte. */
static inline bool
key_is_fast(LzText *t, const LzMember *m, const char *name)
{
    return (m->first == name[0] || m->escaped) && key_is(t, m, name);
}

uint32_t
lz_find(LzText *t, LzContainer *c, uint32_t from, const char *name)
{
    bool match;

    for (uint32_t i = from; i < c->n; i++) {
        if (key_is_fast(t, &t->members[c->base + i], name)) {
            return c->base + i;
        }
    }
    /* Keys are unique (the text is checked): the order of the search
     * does not change what it finds, so new members come before those
     * already passed, which the visit mostly asks for in order. */
    while (scan_next(t, c, name, &match)) {
        if (match) {
            return c->base + c->n - 1;
        }
    }
    for (uint32_t i = 0; i < from && i < c->n; i++) {
        if (key_is_fast(t, &t->members[c->base + i], name)) {
            return c->base + i;
        }
    }
    return UINT32_MAX;
}

void
lz_scan_all(LzText *t, LzContainer *c)
{
    while (scan_next(t, c, NULL, NULL)) {
    }
}

char *
lz_key(LzText *t, const LzMember *m)
{
    GString *key = g_string_sized_new(m->key_len + 1);

    unescape(t, m->key_off, m->key_off + m->key_len + 2, key);
    return g_string_free(key, FALSE);
}

bool
lz_next_element(LzText *t, LzContainer *c)
{
    uint32_t p;

    if (!c->elem_off) {
        return false;
    }
    p = skip_ws(t, c->elem_end ? c->elem_end : lz_skip_value(t, c->elem_off));
    if (t->data[p] == ']') {
        c->end = p + 1;
        c->elem_off = 0;
        return false;
    }
    c->elem_off = skip_ws(t, p + 1);
    c->elem_end = 0;
    return true;
}

/* The json-glib tree of the value at @off (as jvalue_to_node() makes it
 * from the reader's tree); *@end: the offset past it. */
static JsonNode *
node_at(LzText *t, uint32_t off, uint32_t *end)
{
    const char *d = t->data;
    JsonNode *node = json_node_alloc();
    JValue value;
    uint32_t p;

    *end = lz_read(t, off, &value);
    switch ((JType)value.type) {
    case JT_OBJECT: {
        JsonObject *obj = json_object_new();

        p = skip_ws(t, off + 1);
        while (d[p] != '}') {
            bool escaped;
            uint32_t key_end = string_end(t, p, &escaped);
            g_autoptr(GString) key = g_string_new(NULL);
            JsonNode *member;

            unescape(t, p, key_end, key);
            p = skip_ws(t, skip_ws(t, key_end) + 1);
            member = node_at(t, p, &p);
            json_object_set_member(obj, key->str, member);
            p = skip_ws(t, p);
            if (d[p] == ',') {
                p = skip_ws(t, p + 1);
            }
        }
        *end = p + 1;
        json_node_init_object(node, obj);
        json_object_unref(obj);
        return node;
    }
    case JT_ARRAY: {
        JsonArray *arr = json_array_new();

        p = skip_ws(t, off + 1);
        while (d[p] != ']') {
            json_array_add_element(arr, node_at(t, p, &p));
            p = skip_ws(t, p);
            if (d[p] == ',') {
                p = skip_ws(t, p + 1);
            }
        }
        *end = p + 1;
        json_node_init_array(node, arr);
        json_array_unref(arr);
        return node;
    }
    case JT_NULL:
    case JT_TOO_DEEP:
        return json_node_init_null(node);
    case JT_BOOL:
        return json_node_init_boolean(node, value.boolean);
    case JT_STRING:
        lz_terminate(t, &value);
        return json_node_init_string(node, value.str);
    case JT_NUMBER:
        break;
    }
    switch ((JNumKind)value.numkind) {
    case JN_INT:
        return json_node_init_int(node, value.i);
    case JN_UINT:
        /* json-glib has no uint64; a double is the nearest it has. */
        return json_node_init_double(node, (double)value.u);
    default:
        return json_node_init_double(node, value.d);
    }
}

/*
 * JSON null, one node for all (sealed, as QEMU's qnull() is one object):
 * a value of type 'any' is often null (every optional member's "default"
 * in query-qmp-schema), and a node for each is an allocation each.
 */
static JsonNode *
shared_null(void)
{
    static JsonNode *null_node;

    if (g_once_init_enter(&null_node)) {
        JsonNode *node = json_node_init_null(json_node_alloc());

        json_node_seal(node);
        g_once_init_leave(&null_node, node);
    }
    return json_node_ref(null_node);
}

JsonNode *
lz_node(LzText *t, uint32_t off)
{
    uint32_t end;

    if (t->data[off] == 'n') {
        return shared_null();
    }
    return node_at(t, off, &end);
}
