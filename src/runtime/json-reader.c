/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON reader.
 *
 * Accepts RFC 8259 exactly and refuses, on top of it, what a descriptor
 * must never contain: duplicate member names, "\u0000", unpaired
 * surrogates, numbers no double can hold, and anything beyond the limits of
 * qapi/json-input.h.  Every refusal is a diagnostic with the line, column
 * and member path of the offending byte.
 *
 * The tree lives in one arena freed at once.  Containers are built on two
 * scratch stacks (elements and members) shared by all nesting levels: a
 * container's children sit on top of the stack while it is open and are
 * copied into the arena when it closes, so nothing is reallocated per
 * value.
 */
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "qapi/json-input.h"
#include "json-reader.h"
#include "visitor-impl.h"

/* Error paths, out of the way of the rest; and functions that must be
 * inlined where they are called (see "values" below). */
#ifdef __GNUC__
#define READER_COLD  __attribute__((cold, noinline))
#define PARSE_INLINE inline __attribute__((always_inline))
#else
#define READER_COLD
#define PARSE_INLINE inline
#endif

/* ---- arena ------------------------------------------------------------ */

typedef struct Chunk {
    struct Chunk *next;
    size_t size;
    size_t used;
    max_align_t data[];
} Chunk;

/* Chunks after the first: large enough to make their headers and the
 * unused tail of each negligible, small enough that the tail wasted in the
 * last one stays small next to a big document. */
#define ARENA_CHUNK (64 * 1024)

/* The scratch stacks of open containers' children (see the top). */
typedef struct ValueStack {
    JValue *data;
    size_t len, cap;
} ValueStack;

typedef struct MemberStack {
    JMember *data;
    size_t len, cap;
} MemberStack;

/*
 * What one parse leaves for the next in the same thread: the chunks of
 * freed documents (ARENA_CHUNK bytes each, at most CACHE_CHUNKS of them)
 * the scratch stacks (up to CACHE_STACK bytes each) and a spare table of
 * container ends (jspans_take_spare()).  A big document
 * then costs no large malloc, and glibc's malloc consolidates all its
 * small free blocks (those of the last typed result, say) on every large
 * one, which costs as much as reading a good part of the document.
 * Freed with the thread.
 */
#define CACHE_CHUNKS 32
#define CACHE_STACK  (256 * 1024)

typedef struct ReaderCache {
    Chunk *chunks;
    guint n_chunks;
    ValueStack elements;
    MemberStack members;
    JSpans spare_spans;
} ReaderCache;

static void
reader_cache_free(gpointer p)
{
    ReaderCache *cache = p;

    while (cache->chunks) {
        Chunk *next = cache->chunks->next;

        g_free(cache->chunks);
        cache->chunks = next;
    }
    g_free(cache->elements.data);
    g_free(cache->members.data);
    jspans_clear(&cache->spare_spans);
    g_free(cache);
}

static GPrivate reader_cache = G_PRIVATE_INIT(reader_cache_free);

static ReaderCache *
thread_cache(void)
{
    ReaderCache *cache = g_private_get(&reader_cache);

    if (!cache) {
        cache = g_new0(ReaderCache, 1);
        g_private_set(&reader_cache, cache);
    }
    return cache;
}

typedef struct Arena {
    Chunk *head;
    ReaderCache *cache; /* where new chunks come from; may be NULL */
} Arena;

/* A new chunk for @n bytes at the head of @arena: a standard one from
 * the cache when it has one. */
static G_GNUC_NO_INLINE void
arena_grow(Arena *arena, size_t n)
{
    size_t size = MAX(n, ARENA_CHUNK);
    Chunk *c;

    if (size == ARENA_CHUNK && arena->cache && arena->cache->chunks) {
        c = arena->cache->chunks;
        arena->cache->chunks = c->next;
        arena->cache->n_chunks--;
    } else {
        c = g_malloc(sizeof(Chunk) + size);
        c->size = size;
    }
    c->used = 0;
    c->next = arena->head;
    arena->head = c;
}

static inline void *
arena_alloc(Arena *arena, size_t n)
{
    Chunk *c = arena->head;
    void *p;

    n = (n + 7) & ~(size_t)7;
    if (G_UNLIKELY(!c || c->size - c->used < n)) {
        arena_grow(arena, n);
        c = arena->head;
    }
    p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

/* The first chunk: @size bytes, or a standard one from the cache. */
static void
arena_reserve(Arena *arena, size_t size)
{
    Chunk *c;

    if (size == ARENA_CHUNK) {
        arena_grow(arena, 0);
        return;
    }
    c = g_malloc(sizeof(Chunk) + size);
    c->size = size;
    c->used = 0;
    c->next = arena->head;
    arena->head = c;
}

/* Standard chunks go to this thread's cache while it has room. */
static void
arena_free(Arena *arena)
{
    ReaderCache *cache = NULL;

    while (arena->head) {
        Chunk *c = arena->head;

        arena->head = c->next;
        if (c->size == ARENA_CHUNK && !cache) {
            cache = thread_cache();
        }
        if (c->size == ARENA_CHUNK && cache->n_chunks < CACHE_CHUNKS) {
            c->next = cache->chunks;
            cache->chunks = c;
            cache->n_chunks++;
        } else {
            g_free(c);
        }
    }
}

/* Where @arena stands, to give back everything allocated after it. */
typedef struct ArenaMark {
    Chunk *head;
    size_t used;
} ArenaMark;

static ArenaMark
arena_mark(Arena *arena)
{
    return (ArenaMark){ arena->head, arena->head ? arena->head->used : 0 };
}

static void
arena_release(Arena *arena, ArenaMark mark)
{
    while (arena->head != mark.head) {
        Chunk *c = arena->head;

        arena->head = c->next;
        c->next = NULL;
        {
            Arena one = { .head = c };

            arena_free(&one);
        }
    }
    if (arena->head) {
        arena->head->used = mark.used;
    }
}

static inline char *
arena_strndup(Arena *arena, const char *s, size_t len)
{
    char *copy = arena_alloc(arena, len + 1);

    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

struct JDoc {
    Arena arena;
    JValue root;
    bool too_deep; /* holds a JT_TOO_DEEP value */
};

bool
jdoc_has_too_deep(const JDoc *doc)
{
    return doc->too_deep;
}

JValue *
jdoc_root(JDoc *doc)
{
    return &doc->root;
}

void
jdoc_free(JDoc *doc)
{
    if (doc) {
        arena_free(&doc->arena);
        g_free(doc);
    }
}

void
jdoc_diag_clear(QapiDiagnostic *diag)
{
    g_clear_pointer(&diag->filename, g_free);
    g_clear_pointer(&diag->path, g_free);
    g_clear_pointer(&diag->message, g_free);
}

/* ---- spans ------------------------------------------------------------ */

static inline uint32_t
span_slot(uint32_t start, uint32_t bits)
{
    return (uint32_t)((start * 0x9E3779B1u) >> (32 - bits));
}

static void
spans_insert(JSpans *spans, uint32_t start, uint32_t end)
{
    uint32_t mask = (1u << spans->bits) - 1;
    uint32_t h = span_slot(start, spans->bits);

    while (spans->slots[h]) {
        h = (h + 1) & mask;
    }
    spans->slots[h] = (uint64_t)(start + 1) << 32 | end;
    spans->used++;
}

/* The first table's size: small, as it is cleared for every text; its
 * 32 spans (half full) take a text of 2 KB at least. */
#define JSPANS_FIRST_BITS 6

static void
jspans_add(JSpans *spans, uint32_t start, uint32_t end)
{
    if (!spans->bits || (spans->used + 1) * 2 > (1u << spans->bits)) {
        JSpans bigger = { .bits = spans->bits ? spans->bits + 1
                                              : JSPANS_FIRST_BITS };

        bigger.slots = g_new0(uint64_t, 1u << bigger.bits);
        for (uint32_t k = 0; spans->bits && k < (1u << spans->bits); k++) {
            uint64_t s = spans->slots[k];

            if (s) {
                spans_insert(&bigger, (uint32_t)(s >> 32) - 1, (uint32_t)s);
            }
        }
        g_free(spans->slots);
        *spans = bigger;
    }
    spans_insert(spans, start, end);
}

/*
 * A table far larger than its last text needed (a big reply, then small
 * ones) is dropped rather than cleared, which would cost each small text
 * as much as reading a big part of it; the next text grows a new one as
 * far as it needs.
 */
void
jspans_reset(JSpans *spans)
{
    if (!spans->used) {
        return; /* (clear already) */
    }
    if (spans->bits > JSPANS_FIRST_BITS
        && (uint64_t)spans->used * 16 < (UINT64_C(1) << spans->bits)) {
        jspans_clear(spans);
        return;
    }
    memset(spans->slots, 0, sizeof(uint64_t) << spans->bits);
    spans->used = 0;
}

void
jspans_clear(JSpans *spans)
{
    g_free(spans->slots);
    memset(spans, 0, sizeof(*spans));
}

/* A spare table kept is at most 1 << 14 slots (128 KiB). */
#define JSPANS_SPARE_BITS 14

void
jspans_take_spare(JSpans *spans)
{
    ReaderCache *cache = thread_cache();

    *spans = cache->spare_spans;
    memset(&cache->spare_spans, 0, sizeof(cache->spare_spans));
}

void
jspans_give_spare(JSpans *spans)
{
    ReaderCache *cache = thread_cache();

    if (!cache->spare_spans.slots && spans->bits <= JSPANS_SPARE_BITS) {
        cache->spare_spans = *spans;
        memset(spans, 0, sizeof(*spans));
    } else {
        jspans_clear(spans);
    }
}

uint32_t
jspans_find(const JSpans *spans, uint32_t start)
{
    uint32_t mask, h;

    if (!spans->bits) {
        return 0;
    }
    mask = (1u << spans->bits) - 1;
    for (h = span_slot(start, spans->bits); spans->slots[h];
         h = (h + 1) & mask) {
        if ((uint32_t)(spans->slots[h] >> 32) == start + 1) {
            return (uint32_t)spans->slots[h];
        }
    }
    return 0;
}

/* ---- parser state ------------------------------------------------------ */

/* The keys of an object with many members, for duplicate checks: open
 * addressing over the members' indices (plus one; 0 is a free slot), which
 * stay valid while the member stack grows.  Hashing the keys' known
 * lengths of bytes costs far less than a GHashTable of strings. */
typedef struct KeySet {
    uint32_t *slots;
    uint32_t mask; /* slots - 1: a power of two */
    uint32_t used;
} KeySet;

typedef struct Frame {
    bool is_array;
    /* Checking only: whether @mark is set (see keep_key()). */
    bool marked;
    /* The current member of an object, or NULL; checking only (no tree
     * built), it may point into the text: not NUL-terminated. */
    const char *key;
    uint32_t key_len;
    uint32_t index; /* current element of an array */
    /* An object's keys so far, one bit each (key_bit()): most keys find
     * their bit clear, so repeat none and need no comparing. */
    uint64_t key_bits;
    KeySet keys; /* objects with many members */
    /* Checking only: the arena before the object's first key that had
     * to be unescaped. */
    ArenaMark mark;
} Frame;

static void
push_value(ValueStack *s, const JValue *value)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->data = g_renew(JValue, s->data, s->cap);
    }
    s->data[s->len++] = *value;
}

static void
push_member(MemberStack *s, const JMember *m)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->data = g_renew(JMember, s->data, s->cap);
    }
    s->data[s->len++] = *m;
}

/* Checking only: the key alone, for duplicates (copying a whole member
 * whose value was just written field by field stalls the store buffer). */
static void
push_key(MemberStack *s, const char *key, uint32_t key_len)
{
    JMember *m;

    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->data = g_renew(JMember, s->data, s->cap);
    }
    m = &s->data[s->len++];
    m->key = key;
    m->key_len = key_len;
}

typedef struct Parser {
    const uint8_t *p;
    const uint8_t *end;
    uint32_t line;
    const uint8_t *line_start;
    /* For errors, which may point behind p (column_at()): the column of
     * col_pos, so that columns (counted in characters) are counted from
     * there. */
    const uint8_t *col_pos;
    uint32_t col;
    /* Continuation bytes of UTF-8 sequences on this line before p, so
     * that the column of p (in characters) is a subtraction. */
    uint32_t extra;
    Arena *arena;
    /* Checking only (jdoc_check()): where the ends of large containers
     * go; may be NULL. */
    JSpans *spans;
    const uint8_t *start; /* of the text */
    ValueStack elements;
    MemberStack members;
    GString *buf; /* unescaped strings; made at the first escape */
    int depth;
    /* In a sequence of values: the 1-based index of the current one,
     * which names it in paths ("message 3 return.arch"); 0 otherwise. */
    uint32_t message;
    /* The open containers: frames[0 .. depth - 1], each set up by
     * enter(); the rest is not initialized (a small text would spend
     * more on clearing them than on reading it). */
    Frame *frames;
    QapiDiagnostic *diag;
} Parser;

static uint32_t
column_at(Parser *P, const uint8_t *pos)
{
    if (P->col_pos < P->line_start || P->col_pos > pos) {
        P->col_pos = P->line_start;
        P->col = 1;
    }
    for (const uint8_t *q = P->col_pos; q < pos; q++) {
        P->col += (*q & 0xC0) != 0x80;
    }
    P->col_pos = pos;
    return P->col;
}

static char *
frames_path(Parser *P)
{
    GString *path = g_string_new(NULL);

    for (int i = 0; i < P->depth; i++) {
        Frame *f = &P->frames[i];

        if (f->is_array) {
            g_string_append_printf(path, "[%u]", f->index);
        } else if (f->key) {
            g_autofree char *key = g_strndup(f->key, f->key_len);

            qapi_path_append_member(path, key);
        } else {
            break;
        }
    }
    if (P->message) {
        g_autofree char *inner = g_string_free(path, FALSE);

        return inner[0] ? g_strdup_printf("message %u %s", P->message, inner)
                        : g_strdup_printf("message %u", P->message);
    }
    return g_string_free(path, FALSE);
}

static bool fail_at(Parser *P, const uint8_t *pos, QapiErrorCode code,
                    const char *format, ...) G_GNUC_PRINTF(4, 5) READER_COLD;

static bool
fail_at(Parser *P, const uint8_t *pos, QapiErrorCode code, const char *format,
        ...)
{
    va_list ap;

    P->diag->severity = QAPI_SEVERITY_ERROR;
    P->diag->code = code;
    P->diag->line = P->line;
    P->diag->column = column_at(P, pos);
    P->diag->path = frames_path(P);
    va_start(ap, format);
    P->diag->message = g_strdup_vprintf(format, ap);
    va_end(ap);
    return false;
}

/* An error at P->p explaining, where we can, why the byte is wrong. */
static READER_COLD bool
unexpected(Parser *P, const char *expected)
{
    int c;

    if (P->p >= P->end) {
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "unexpected end of input, expected %s", expected);
    }
    c = *P->p;
    switch (c) {
    case '/':
    case '#':
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "comments are not allowed in JSON");
    case '\'':
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "single-quoted strings are not allowed in JSON");
    case '.':
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "a number must start with a digit");
    case '+':
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "a number must not start with '+'");
    case 'N':
    case 'I':
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "NaN and Infinity are not JSON numbers");
    }
    if (c >= 0x20 && c < 0x7f) {
        return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                       "unexpected character '%c', expected %s", c, expected);
    }
    return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                   "unexpected byte 0x%02x, expected %s", c, expected);
}

/* Past the spaces at @p: the indentation of pretty-printed text, eight
 * bytes at a time where the machine is little-endian. */
static inline const uint8_t *
skip_spaces(const uint8_t *p, const uint8_t *end)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
    while (end - p >= 8) {
        uint64_t w;

        memcpy(&w, p, 8);
        w ^= UINT64_C(0x2020202020202020);
        if (w) {
            return p + __builtin_ctzll(w) / 8;
        }
        p += 8;
    }
#endif
    while (p < end && *p == ' ') {
        p++;
    }
    return p;
}

static void
skip_ws_slow(Parser *P)
{
    const uint8_t *p = P->p, *end = P->end;
    const uint8_t *line_start = P->line_start;
    uint32_t line = P->line;

    while (p < end) {
        switch (*p) {
        case '\r':
            /* CR LF, LF and a lone CR each end a line. */
            if (p + 1 < end && p[1] == '\n') {
                p++;
            }
            /* fall through */
        case '\n':
            line++;
            line_start = p + 1;
            /* (then the next line's indentation) */
            /* fall through */
        case ' ':
            p = skip_spaces(p + 1, end);
            continue;
        case '\t':
            p++;
            continue;
        }
        break;
    }
    if (line_start != P->line_start) {
        P->line = line;
        P->line_start = line_start;
        P->extra = 0;
    }
    P->p = p;
}

/* Mostly there is no white space at all (compact text), or one space
 * before a token (after a colon in pretty-printed text). */
static inline void
skip_ws(Parser *P)
{
    const uint8_t *p = P->p;

    if (p < P->end && p[0] > ' ') {
        return;
    }
    if (p + 1 < P->end && *p == ' ' && p[1] > ' ') {
        P->p = p + 1;
        return;
    }
    skip_ws_slow(P);
}

/* The column of P->p, the point the parser reached. */
static uint32_t
column_here(Parser *P)
{
    return (uint32_t)(P->p - P->line_start) - P->extra + 1;
}

static void
set_position(Parser *P, JValue *value)
{
    value->line = P->line;
    value->column = column_here(P);
}

/* ---- strings ----------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at @p (non-ASCII lead), or 0. */
static int
utf8_sequence(const uint8_t *p, const uint8_t *end)
{
    uint8_t c = p[0];
    int n;
    uint8_t lo = 0x80, hi = 0xBF;

    if (c < 0xC2) {
        return 0; /* continuation byte, or overlong C0/C1 */
    } else if (c < 0xE0) {
        n = 2;
    } else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0) {
            lo = 0xA0; /* overlong */
        } else if (c == 0xED) {
            hi = 0x9F; /* UTF-16 surrogates */
        }
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0) {
            lo = 0x90; /* overlong */
        } else if (c == 0xF4) {
            hi = 0x8F; /* beyond U+10FFFF */
        }
    } else {
        return 0;
    }
    if (end - p < n || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (int i = 2; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return n;
}

static int
hex4(const uint8_t *p, const uint8_t *end)
{
    int v = 0;

    if (end - p < 4) {
        return -1;
    }
    for (int i = 0; i < 4; i++) {
        int c = p[i], d;

        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

/* After the backslash at P->p - 1: one escape, past it; the character it
 * stands for, or -1 after an error. */
static int
parse_escape(Parser *P)
{
    const uint8_t *esc = P->p - 1;
    int c, lo;

    if (P->p >= P->end) {
        fail_at(P, esc, QAPI_ERROR_SYNTAX, "unterminated string");
        return -1;
    }
    c = *P->p++;
    switch (c) {
    /* clang-format off */
    case '"': case '\\': case '/':
        return c;
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    /* clang-format on */
    case 'u':
        break;
    default:
        if (c >= 0x20 && c < 0x7f) {
            fail_at(P, esc, QAPI_ERROR_SYNTAX,
                    "invalid escape '\\%c' in string", c);
        } else {
            fail_at(P, esc, QAPI_ERROR_SYNTAX, "invalid escape in string");
        }
        return -1;
    }
    c = hex4(P->p, P->end);
    if (c < 0) {
        fail_at(P, esc, QAPI_ERROR_SYNTAX,
                "'\\u' must be followed by four hex digits");
        return -1;
    }
    P->p += 4;
    if (c == 0) {
        fail_at(P, esc, QAPI_ERROR_SYNTAX,
                "'\\u0000' is not allowed in strings");
        return -1;
    }
    if (c >= 0xDC00 && c <= 0xDFFF) {
        fail_at(P, esc, QAPI_ERROR_SYNTAX, "unpaired low surrogate '\\u%04X'",
                c);
        return -1;
    }
    if (c >= 0xD800 && c <= 0xDBFF) {
        if (P->end - P->p < 6 || P->p[0] != '\\' || P->p[1] != 'u'
            || (lo = hex4(P->p + 2, P->end)) < 0xDC00 || lo > 0xDFFF) {
            fail_at(P, esc, QAPI_ERROR_SYNTAX,
                    "unpaired high surrogate '\\u%04X'", c);
            return -1;
        }
        P->p += 6;
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
    }
    return c;
}

#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/*
 * Past the bytes at @p that stand for themselves in a string: printable
 * ASCII but '"' and '\\'.  Eight at a time where the machine is little-endian:
 * a word's high bits flag its bytes that are (from the least significant
 * up to the first of them, exactly) below 0x20, '"', '\\' or not ASCII.
 */
static inline const uint8_t *
skip_plain(const uint8_t *p, const uint8_t *end)
{
#ifdef __SSE2__
    /* Sixteen at a time where the machine has SSE2: as signed bytes, both
     * control characters and non-ASCII bytes are below 0x20. */
    while (end - p >= 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)p);
        unsigned mask = _mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'))),
                         _mm_cmplt_epi8(w, _mm_set1_epi8(0x20))));

        if (mask) {
            return p + __builtin_ctz(mask);
        }
        p += 16;
    }
#endif
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
    while (end - p >= 8) {
        uint64_t w, quote, backslash, flags;

        memcpy(&w, p, 8);
        quote = w ^ (ONES * '"');
        backslash = w ^ (ONES * '\\');
        flags = ((w - ONES * 0x20) | (quote - ONES) | (backslash - ONES)) & ~w
                & HIGHS;
        flags |= w & HIGHS;
        if (flags) {
            return p + __builtin_ctzll(flags) / 8;
        }
        p += 8;
    }
#endif
    while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
        p++;
    }
    return p;
}

/* Checking only: key @s of @len bytes, unescaped, copied into the arena
 * until its object closes; the object's frame marks the arena before its
 * first such key (enter() cleared the mark), which is where the arena
 * stood when the object opened, as its children gave back theirs. */
static const char *
keep_key(Parser *P, const char *s, size_t len)
{
    Frame *frame = &P->frames[P->depth - 1];

    if (!frame->marked) {
        frame->mark = arena_mark(P->arena);
        frame->marked = true;
    }
    return arena_strndup(P->arena, s, len);
}

/*
 * The rest of the string that opened at @open, from @p, a byte that does
 * not stand for itself (or the end): escapes, non-ASCII text, every error
 * and the length limit.  The unescaped text is kept where it is wanted
 * (@build, or @is_key); else only its length is counted, for the limit.
 */
static G_GNUC_NO_INLINE bool
parse_string_slow(Parser *P, const uint8_t *open, const uint8_t *p, bool is_key,
                  bool build, const char **out, uint32_t *out_len)
{
    const uint8_t *run = open + 1;
    bool keep = build || is_key;
    bool escaped = false;
    size_t len = 0; /* !@keep: unescaped, before @run */

    for (;;) {
        int c, n;

        if (p >= P->end) {
            P->p = p;
            return fail_at(P, open, QAPI_ERROR_SYNTAX, "unterminated string");
        }
        if (*p == '"') {
            break;
        }
        if (*p < 0x20) {
            P->p = p;
            return fail_at(P, p, QAPI_ERROR_SYNTAX,
                           "raw control character 0x%02x in string "
                           "(escape it)",
                           *p);
        }
        if (*p == '\\') {
            if (keep) {
                if (!P->buf) {
                    P->buf = g_string_new(NULL);
                }
                if (!escaped) {
                    g_string_truncate(P->buf, 0);
                }
                g_string_append_len(P->buf, (const char *)run, p - run);
            } else {
                len += p - run;
            }
            escaped = true;
            P->p = p + 1;
            c = parse_escape(P);
            if (c < 0) {
                return false;
            }
            if (!keep) {
                len += g_unichar_to_utf8(c, NULL);
            } else if (c < 0x80) {
                g_string_append_c(P->buf, c);
            } else {
                g_string_append_unichar(P->buf, c);
            }
            p = run = P->p;
        } else {
            n = utf8_sequence(p, P->end);
            if (!n) {
                P->p = p;
                return fail_at(P, p, QAPI_ERROR_SYNTAX,
                               "invalid UTF-8 in string");
            }
            p += n;
            P->extra += n - 1;
        }
        p = skip_plain(p, P->end);
    }
    P->p = p;
    if (keep && escaped) {
        g_string_append_len(P->buf, (const char *)run, p - run);
        len = P->buf->len;
    } else {
        len += p - run;
    }
    if (len > QAPI_JSON_MAX_STRING_LENGTH) {
        return fail_at(P, open, QAPI_ERROR_TOO_LARGE,
                       "string longer than %u bytes",
                       QAPI_JSON_MAX_STRING_LENGTH);
    }
    if (keep) {
        const char *s = escaped ? P->buf->str : (const char *)open + 1;

        if (build) {
            *out = arena_strndup(P->arena, s, len);
        } else {
            *out = escaped ? keep_key(P, s, len) : s;
        }
        *out_len = len;
    }
    P->p++; /* closing quote */
    return true;
}

/*
 * A string at P->p (the opening quote).  Building, into the arena.
 * Checking only (!@build): a key is left in the text where it has no
 * escapes (not NUL-terminated), else unescaped into the arena; a value is
 * only checked (@out and @out_len are not used).  Most strings are short
 * plain ASCII, found whole by one skip_plain() here; the rest goes on in
 * parse_string_slow().
 */
static PARSE_INLINE bool
parse_string(Parser *P, const char **out, uint32_t *out_len, bool is_key,
             bool build)
{
    const uint8_t *open = P->p;
    const uint8_t *p = skip_plain(open + 1, P->end);
    size_t len = p - open - 1;

    if (G_UNLIKELY(p >= P->end || *p != '"'
                   || len > QAPI_JSON_MAX_STRING_LENGTH)) {
        return parse_string_slow(P, open, p, is_key, build, out, out_len);
    }
    if (build) {
        *out = arena_strndup(P->arena, (const char *)open + 1, len);
        *out_len = len;
    } else if (is_key) {
        *out = (const char *)open + 1;
        *out_len = len;
    }
    P->p = p + 1;
    return true;
}

/* ---- numbers ----------------------------------------------------------- */

static bool
is_digit(const uint8_t *p, const uint8_t *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* The largest power of ten no double overflows below: 10^308 < DBL_MAX. */
#define SAFE_DECIMAL_EXPONENT 308

/*
 * A number at P->p.  Checking only (!@build), @value is not used, and
 * the range is known without converting in nearly every case: a number
 * with n digits before the point and exponent e is below 10^(n + e).
 */
static PARSE_INLINE bool
parse_number_in(Parser *P, JValue *value, bool build)
{
    const uint8_t *start = P->p, *p = P->p, *digits;
    bool negative = false, integral = true;
    uint64_t mag = 0;
    bool overflow = false;
    int64_t exponent = 0; /* checking only; held below 10^7 */
    int64_t int_digits;

    if (*p == '-') {
        negative = true;
        p++;
        if (!is_digit(p, P->end)) {
            P->p = p;
            return fail_at(P, p, QAPI_ERROR_SYNTAX,
                           "'-' must be followed by a digit");
        }
    }
    digits = p;
    if (*p == '0') {
        p++;
        if (is_digit(p, P->end)) {
            return fail_at(P, start, QAPI_ERROR_SYNTAX,
                           "numbers must not have leading zeros");
        }
        if (p < P->end && (*p == 'x' || *p == 'X')) {
            return fail_at(P, start, QAPI_ERROR_SYNTAX,
                           "hexadecimal numbers are not allowed in JSON");
        }
    } else {
        while (is_digit(p, P->end)) {
            unsigned d = *p++ - '0';

            if (!build) {
                continue;
            }
            if (mag > (UINT64_MAX - d) / 10) {
                overflow = true;
            } else {
                mag = mag * 10 + d;
            }
        }
    }
    int_digits = p - digits;
    if (p < P->end && *p == '.') {
        integral = false;
        p++;
        if (!is_digit(p, P->end)) {
            return fail_at(P, p, QAPI_ERROR_SYNTAX,
                           "a digit must follow the decimal point");
        }
        while (is_digit(p, P->end)) {
            p++;
        }
    }
    if (p < P->end && (*p == 'e' || *p == 'E')) {
        bool down = false;

        integral = false;
        p++;
        if (p < P->end && (*p == '+' || *p == '-')) {
            down = *p == '-';
            p++;
        }
        if (!is_digit(p, P->end)) {
            return fail_at(P, p, QAPI_ERROR_SYNTAX,
                           "a digit must follow the exponent mark");
        }
        while (is_digit(p, P->end)) {
            if (!build && exponent < 1000000) {
                exponent = exponent * 10 + (*p - '0');
            }
            p++;
        }
        if (down) {
            exponent = -exponent;
        }
    }
    P->p = p;
    if (!build) {
        if (int_digits + exponent <= SAFE_DECIMAL_EXPONENT) {
            return true;
        }
    } else {
        value->type = JT_NUMBER;
        if (integral && !overflow
            && jnumber_set_integer(value, negative, mag)) {
            return true;
        }
    }
    {
        double d = jnumber_strtod((const char *)start, p - start);

        if (build) {
            value->d = d;
            value->numkind = integral ? JN_BIGINT : JN_DOUBLE;
        }
        if (!isfinite(d)) {
            P->p = start;
            return fail_at(P, start, QAPI_ERROR_OUT_OF_RANGE,
                           "number too large for a double");
        }
    }
    return true;
}

double
jnumber_strtod(const char *start, size_t len)
{
    /* g_ascii_strtod needs a terminated copy: the text may not be. */
    char small[64];
    g_autofree char *big = len >= sizeof(small) ? g_malloc(len + 1) : NULL;
    char *text = big ? big : small;

    memcpy(text, start, len);
    text[len] = '\0';
    return g_ascii_strtod(text, NULL);
}

static G_GNUC_NO_INLINE bool
parse_number_built(Parser *P, JValue *value)
{
    return parse_number_in(P, value, true);
}

static G_GNUC_NO_INLINE bool
parse_number_checked(Parser *P, JValue *value)
{
    return parse_number_in(P, value, false);
}

/* ---- values ------------------------------------------------------------ */

/*
 * Each of these is written once with @build a parameter, always inlined
 * into two instances: building the tree (jdoc_parse()) and checking only
 * (jdoc_check(), where @value is not used and may be NULL), in which the
 * compiler leaves out everything the tree needs.  Containers recurse
 * through their instances.
 */
static bool parse_object_built(Parser *P, JValue *value);
static bool parse_object_checked(Parser *P, JValue *value);
static bool parse_array_built(Parser *P, JValue *value);
static bool parse_array_checked(Parser *P, JValue *value);

static READER_COLD bool
bad_literal(Parser *P, const char *word)
{
    return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                   "invalid literal (did you mean '%s'?)", word);
}

static PARSE_INLINE bool
literal(Parser *P, const char *word, size_t len)
{
    if (G_UNLIKELY((size_t)(P->end - P->p) < len
                   || memcmp(P->p, word, len) != 0)) {
        return bad_literal(P, word);
    }
    P->p += len;
    return true;
}

static PARSE_INLINE bool
enter(Parser *P, bool is_array)
{
    Frame *frame;

    if (G_UNLIKELY(P->depth >= QAPI_JSON_MAX_DEPTH)) {
        return fail_at(P, P->p, QAPI_ERROR_TOO_DEEP,
                       "nesting deeper than %d levels", QAPI_JSON_MAX_DEPTH);
    }
    frame = &P->frames[P->depth++];
    frame->is_array = is_array;
    frame->marked = false;
    frame->key = NULL;
    frame->index = 0;
    frame->key_bits = 0;
    frame->keys.slots = NULL;
    P->p++;
    return true;
}

static inline void
keyset_clear(KeySet *ks)
{
    if (ks->slots) {
        g_free(ks->slots);
        *ks = (KeySet){ 0 };
    }
}

/* FNV-1a of @m's key. */
static uint32_t
key_hash(const JMember *m)
{
    uint32_t h = 2166136261u;

    for (uint32_t i = 0; i < m->key_len; i++) {
        h = (h ^ (uint8_t)m->key[i]) * 16777619u;
    }
    return h;
}

/* Adds member @m[@i] to @ks; false (and not added) when an earlier member
 * of @m has the same key.  The first table takes 512 keys (half full)
 * without growing: bigger objects are rare. */
static bool
keyset_add(KeySet *ks, const JMember *m, uint32_t i)
{
    uint32_t h;

    if (!ks->slots || (ks->used + 1) * 2 > ks->mask + 1) {
        KeySet bigger = { .mask = ks->slots ? ks->mask * 2 + 1 : 1023 };

        bigger.slots = g_new0(uint32_t, bigger.mask + 1);
        for (uint32_t k = 0; ks->slots && k <= ks->mask; k++) {
            if (ks->slots[k]) {
                keyset_add(&bigger, m, ks->slots[k] - 1);
            }
        }
        keyset_clear(ks);
        *ks = bigger;
    }
    for (h = key_hash(&m[i]) & ks->mask; ks->slots[h]; h = (h + 1) & ks->mask) {
        const JMember *other = &m[ks->slots[h] - 1];

        if (other->key_len == m[i].key_len
            && memcmp(other->key, m[i].key, m[i].key_len) == 0) {
            return false;
        }
    }
    ks->slots[h] = i + 1;
    ks->used++;
    return true;
}

/* The bit of a key in Frame.key_bits: from its length and its first and
 * last bytes, so that keys differing there (nearly all keys of an object)
 * get different bits as often as 64 bits allow. */
static inline uint64_t
key_bit(const char *key, uint32_t len)
{
    uint32_t h = len;

    if (len) {
        h |= (uint32_t)(uint8_t)key[0] << 8
             | (uint32_t)(uint8_t)key[len - 1] << 16;
    }
    return UINT64_C(1) << ((h * 0x9E3779B1u) >> 26);
}

/*
 * Whether the member just added, @m[@n - 1], repeats an earlier key of its
 * object.  Checked as each member arrives, so that a duplicate is reported
 * before anything that follows it.  Small objects are scanned where the
 * key's bit says it may repeat one; from 16 members on, the keys go into
 * a KeySet kept in the object's frame.
 */
static inline bool
is_duplicate(Frame *frame, JMember *m, uint32_t n)
{
    const JMember *last = &m[n - 1];

    if (!frame->keys.slots) {
        uint64_t bit = key_bit(last->key, last->key_len);

        if (G_UNLIKELY(frame->key_bits & bit)) {
            for (uint32_t i = 0; i + 1 < n; i++) {
                if (m[i].key_len == last->key_len
                    && memcmp(m[i].key, last->key, last->key_len) == 0) {
                    return true;
                }
            }
        }
        frame->key_bits |= bit;
        if (n >= 16) {
            for (uint32_t i = 0; i < n; i++) {
                keyset_add(&frame->keys, m, i);
            }
        }
        return false;
    }
    return !keyset_add(&frame->keys, m, n - 1);
}

/* A duplicate key, reported at the key (which may be lines before the
 * point the parser reached, when its value spans lines). */
static READER_COLD bool
fail_dup(Parser *P, const uint8_t *key_pos, uint32_t key_line,
         const uint8_t *key_line_start, const char *key, uint32_t key_len)
{
    g_autofree char *copy = g_strndup(key, key_len);
    g_autofree char *shown = qapi_escape(copy);

    P->frames[P->depth - 1].key = key;
    P->frames[P->depth - 1].key_len = key_len;
    P->line = key_line;
    P->line_start = key_line_start;
    return fail_at(P, key_pos, QAPI_ERROR_DUPLICATE_MEMBER,
                   "duplicate member '%s'", shown);
}

/* Checking: the container that opened at @open ended at P->p. */
static inline void
note_span(Parser *P, const uint8_t *open)
{
    if (P->spans && P->p - open >= JSPAN_MIN) {
        jspans_add(P->spans, open - P->start, P->p - P->start);
    }
}

static PARSE_INLINE bool
parse_value_in(Parser *P, JValue *value, bool build)
{
    skip_ws(P);
    if (P->p >= P->end) {
        return unexpected(P, "a JSON value");
    }
    if (build) {
        set_position(P, value);
    }
    /* (the most common value first, before the switch) */
    if (*P->p == '"') {
        if (build) {
            value->type = JT_STRING;
            return parse_string(P, &value->str, &value->count, false, true);
        }
        return parse_string(P, NULL, NULL, false, false);
    }
    switch (*P->p) {
    case '{':
        return build ? parse_object_built(P, value)
                     : parse_object_checked(P, value);
    case '[':
        return build ? parse_array_built(P, value)
                     : parse_array_checked(P, value);
    case 't':
        if (build) {
            value->type = JT_BOOL;
            value->boolean = true;
        }
        return literal(P, "true", 4);
    case 'f':
        if (build) {
            value->type = JT_BOOL;
            value->boolean = false;
        }
        return literal(P, "false", 5);
    case 'n':
        if (build) {
            value->type = JT_NULL;
        }
        return literal(P, "null", 4);
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return build ? parse_number_built(P, value)
                     : parse_number_checked(P, value);
    default:
        return unexpected(P, "a JSON value");
    }
}

static PARSE_INLINE bool
parse_object_in(Parser *P, JValue *value, bool build)
{
    size_t base = P->members.len;
    const uint8_t *open = P->p;
    Frame *frame;
    uint32_t n;

    if (!enter(P, false)) {
        return false;
    }
    frame = &P->frames[P->depth - 1];
    skip_ws(P);
    if (P->p < P->end && *P->p == '}') {
        P->p++;
        goto done;
    }
    for (;;) {
        JMember m = { 0 }; /* building only */
        const char *key;
        uint32_t key_len;
        const uint8_t *key_pos, *key_line_start;
        uint32_t key_line;

        skip_ws(P);
        key_pos = P->p;
        key_line = P->line;
        key_line_start = P->line_start;
        if (build) {
            m.key_line = key_line;
            m.key_column = column_here(P);
        }
        if (P->p >= P->end || *P->p != '"') {
            if (P->p < P->end && *P->p == '}') {
                return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                               "trailing comma before '}'");
            }
            return unexpected(P, "a member name in double quotes");
        }
        if (!parse_string(P, &key, &key_len, true, build)) {
            return false;
        }
        frame->key = key;
        frame->key_len = key_len;
        skip_ws(P);
        if (P->p >= P->end || *P->p != ':') {
            return unexpected(P, "':' after the member name");
        }
        P->p++;
        if (!parse_value_in(P, build ? &m.value : NULL, build)) {
            return false;
        }
        if (P->members.len - base >= QAPI_JSON_MAX_ARRAY_LENGTH) {
            return fail_at(P, P->p, QAPI_ERROR_TOO_LARGE,
                           "object with more than %u members",
                           QAPI_JSON_MAX_ARRAY_LENGTH);
        }
        if (build) {
            m.key = key;
            m.key_len = key_len;
            push_member(&P->members, &m);
        } else {
            push_key(&P->members, key, key_len);
        }
        if (is_duplicate(frame, &P->members.data[base],
                         P->members.len - base)) {
            return fail_dup(P, key_pos, key_line, key_line_start, key, key_len);
        }
        skip_ws(P);
        if (P->p < P->end && *P->p == ',') {
            P->p++;
            frame->key = NULL; /* between members: the object's path */
            continue;
        }
        if (P->p < P->end && *P->p == '}') {
            P->p++;
            break;
        }
        return unexpected(P, "',' or '}'");
    }
done:
    keyset_clear(&frame->keys);
    if (build) {
        n = P->members.len - base;
        value->type = JT_OBJECT;
        value->count = n;
        value->members = n ? arena_alloc(P->arena, n * sizeof(JMember)) : NULL;
        if (n) {
            memcpy(value->members, &P->members.data[base], n * sizeof(JMember));
        }
    } else {
        /* The keys unescaped for this object are no longer needed. */
        if (frame->marked) {
            arena_release(P->arena, frame->mark);
        }
        note_span(P, open);
    }
    P->members.len = base;
    P->depth--;
    return true;
}

static PARSE_INLINE bool
parse_array_in(Parser *P, JValue *value, bool build)
{
    size_t base = P->elements.len;
    const uint8_t *open = P->p;
    Frame *frame;
    uint32_t n = 0; /* elements so far */

    if (!enter(P, true)) {
        return false;
    }
    frame = &P->frames[P->depth - 1];
    skip_ws(P);
    if (P->p < P->end && *P->p == ']') {
        P->p++;
        goto done;
    }
    for (;;) {
        JValue element = { 0 };

        frame->index = n;
        skip_ws(P);
        if (P->p < P->end && *P->p == ']') {
            return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                           "trailing comma before ']'");
        }
        if (n >= QAPI_JSON_MAX_ARRAY_LENGTH) {
            return fail_at(P, P->p, QAPI_ERROR_TOO_LARGE,
                           "array with more than %u elements",
                           QAPI_JSON_MAX_ARRAY_LENGTH);
        }
        if (!parse_value_in(P, build ? &element : NULL, build)) {
            return false;
        }
        if (build) {
            push_value(&P->elements, &element);
        }
        n++;
        skip_ws(P);
        if (P->p < P->end && *P->p == ',') {
            P->p++;
            continue;
        }
        if (P->p < P->end && *P->p == ']') {
            P->p++;
            break;
        }
        return unexpected(P, "',' or ']'");
    }
done:
    if (build) {
        value->type = JT_ARRAY;
        value->count = n;
        value->elements = n ? arena_alloc(P->arena, n * sizeof(JValue)) : NULL;
        if (n) {
            memcpy(value->elements, &P->elements.data[base],
                   n * sizeof(JValue));
        }
        P->elements.len = base;
    } else {
        note_span(P, open);
    }
    P->depth--;
    return true;
}

/* The instances (see above). */

static G_GNUC_NO_INLINE bool
parse_object_built(Parser *P, JValue *value)
{
    return parse_object_in(P, value, true);
}

static G_GNUC_NO_INLINE bool
parse_object_checked(Parser *P, JValue *value)
{
    return parse_object_in(P, value, false);
}

static G_GNUC_NO_INLINE bool
parse_array_built(Parser *P, JValue *value)
{
    return parse_array_in(P, value, true);
}

static G_GNUC_NO_INLINE bool
parse_array_checked(Parser *P, JValue *value)
{
    return parse_array_in(P, value, false);
}

static bool
parse_value_built(Parser *P, JValue *value)
{
    return parse_value_in(P, value, true);
}

static bool
parse_value_checked(Parser *P)
{
    return parse_value_in(P, NULL, false);
}

/* Texts parsed so far (qapi_json_reader_passes(), for tests). */
static guint reader_passes;

guint
qapi_json_reader_passes(void)
{
    return g_atomic_int_get(&reader_passes);
}

/* A sequence of values separated by white space, into the root array;
 * @named: paths of syntax errors start "message N". */
static bool
parse_sequence(Parser *P, JValue *root, bool named)
{
    for (;;) {
        JValue element = { 0 };

        skip_ws(P);
        if (P->p >= P->end) {
            break;
        }
        if (P->elements.len >= QAPI_JSON_MAX_ARRAY_LENGTH) {
            return fail_at(P, P->p, QAPI_ERROR_TOO_LARGE,
                           "more than %u JSON values",
                           QAPI_JSON_MAX_ARRAY_LENGTH);
        }
        P->message = named ? P->elements.len + 1 : 0;
        if (!parse_value_built(P, &element)) {
            return false;
        }
        push_value(&P->elements, &element);
        if (P->p < P->end && *P->p != ' ' && *P->p != '\t' && *P->p != '\r'
            && *P->p != '\n') {
            return fail_at(P, P->p, QAPI_ERROR_SYNTAX,
                           "expected white space between JSON values");
        }
    }
    root->type = JT_ARRAY;
    root->line = 1;
    root->column = 1;
    root->count = P->elements.len;
    root->elements = root->count
                         ? arena_alloc(P->arena, root->count * sizeof(JValue))
                         : NULL;
    if (root->count) {
        memcpy(root->elements, P->elements.data, root->count * sizeof(JValue));
    }
    return true;
}

/* Parse @data into @doc, or only check it when @doc is NULL. */
static bool
parse(const char *data, size_t len, bool sequence, bool named, JDoc *doc,
      JSpans *spans, QapiDiagnostic *diag)
{
    Frame frames[QAPI_JSON_MAX_DEPTH];
    Parser P = {
        .frames = frames,
        .p = (const uint8_t *)data,
        .end = (const uint8_t *)data + len,
        .line = 1,
        .line_start = (const uint8_t *)data,
        .col_pos = (const uint8_t *)data,
        .col = 1,
        .diag = diag,
        .spans = spans,
        .start = (const uint8_t *)data,
    };
    Arena keys = { 0 };
    ReaderCache *cache;
    bool ok;

    g_atomic_int_inc(&reader_passes);
    memset(diag, 0, sizeof(*diag));
    if (len > QAPI_JSON_MAX_INPUT_SIZE) {
        fail_at(&P, P.p, QAPI_ERROR_TOO_LARGE, "input larger than %u bytes",
                QAPI_JSON_MAX_INPUT_SIZE);
        return false;
    }
    cache = thread_cache();
    if (doc) {
        /* One chunk sized after the input holds the tree of small
         * documents; big inputs grow the arena as they go instead of all
         * at once. */
        doc->arena.cache = cache;
        arena_reserve(&doc->arena, MIN(len * 3 + 256, ARENA_CHUNK));
        P.arena = &doc->arena;
    } else {
        /* Only keys with escapes, while their object is open. */
        keys.cache = cache;
        P.arena = &keys;
    }
    /* The stacks of the last parse, emptied. */
    P.elements = cache->elements;
    P.members = cache->members;
    P.elements.len = P.members.len = 0;
    cache->elements = (ValueStack){ 0 };
    cache->members = (MemberStack){ 0 };

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        ok = fail_at(&P, P.p, QAPI_ERROR_SYNTAX,
                     "byte order mark is not allowed");
    } else {
        skip_ws(&P);
        if (P.p >= P.end) {
            ok = fail_at(&P, P.p, QAPI_ERROR_SYNTAX,
                         "empty document (no JSON value)");
        } else if (sequence) {
            ok = parse_sequence(&P, &doc->root, named);
        } else {
            ok = doc ? parse_value_built(&P, &doc->root)
                     : parse_value_checked(&P);
            if (ok) {
                skip_ws(&P);
                if (P.p < P.end) {
                    ok = fail_at(&P, P.p, QAPI_ERROR_SYNTAX,
                                 "unexpected data after the JSON value");
                }
            }
        }
    }
    /* An error can leave open objects' frames with key tables. */
    for (int i = 0; i < P.depth; i++) {
        keyset_clear(&P.frames[i].keys);
    }
    if (P.elements.cap * sizeof(JValue) <= CACHE_STACK) {
        cache->elements = P.elements;
    } else {
        g_free(P.elements.data);
    }
    if (P.members.cap * sizeof(JMember) <= CACHE_STACK) {
        cache->members = P.members;
    } else {
        g_free(P.members.data);
    }
    if (doc) {
        doc->arena.cache = NULL; /* the document may go to another thread */
    }
    arena_free(&keys);
    if (P.buf) {
        g_string_free(P.buf, TRUE);
    }
    return ok;
}

JDoc *
jdoc_parse(const char *data, size_t len, QapiDiagnostic *diag)
{
    JDoc *doc = g_new0(JDoc, 1);

    if (!parse(data, len, false, false, doc, NULL, diag)) {
        jdoc_free(doc);
        return NULL;
    }
    return doc;
}

bool
jdoc_check(const char *data, size_t len, JSpans *spans, QapiDiagnostic *diag)
{
    if (spans) {
        jspans_reset(spans);
    }
    return parse(data, len, false, false, NULL, spans, diag);
}

JDoc *
jdoc_parse_sequence(const char *data, size_t len, bool named,
                    QapiDiagnostic *diag)
{
    JDoc *doc = g_new0(JDoc, 1);

    if (!parse(data, len, true, named, doc, NULL, diag)) {
        jdoc_free(doc);
        return NULL;
    }
    return doc;
}

/* ---- json-glib conversion --------------------------------------------- */

static void
from_node(JDoc *doc, JsonNode *node, JValue *value, int depth)
{
    Arena *arena = &doc->arena;

    memset(value, 0, sizeof(*value));
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        g_autoptr(GList) names = NULL;
        uint32_t i = 0;

        if (depth >= QAPI_JSON_MAX_DEPTH) {
            value->type = JT_TOO_DEEP;
            doc->too_deep = true;
            return;
        }
        names = json_object_get_members(obj);
        value->type = JT_OBJECT;
        value->count = g_list_length(names);
        value->members = arena_alloc(arena,
                                     (value->count + 1) * sizeof(JMember));
        for (GList *l = names; l; l = l->next, i++) {
            JMember *m = &value->members[i];

            m->key_len = strlen(l->data);
            m->key = arena_strndup(arena, l->data, m->key_len);
            m->visited = false;
            m->key_line = 0;
            m->key_column = 0;
            from_node(doc, json_object_get_member(obj, l->data), &m->value,
                      depth + 1);
        }
        return;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);

        if (depth >= QAPI_JSON_MAX_DEPTH) {
            value->type = JT_TOO_DEEP;
            doc->too_deep = true;
            return;
        }
        value->type = JT_ARRAY;
        value->count = json_array_get_length(arr);
        value->elements = arena_alloc(arena,
                                      (value->count + 1) * sizeof(JValue));
        for (uint32_t i = 0; i < value->count; i++) {
            from_node(doc, json_array_get_element(arr, i), &value->elements[i],
                      depth + 1);
        }
        return;
    }
    case JSON_NODE_NULL:
        value->type = JT_NULL;
        return;
    case JSON_NODE_VALUE:
        break;
    }
    switch (json_node_get_value_type(node)) {
    case G_TYPE_BOOLEAN:
        value->type = JT_BOOL;
        value->boolean = json_node_get_boolean(node);
        return;
    case G_TYPE_STRING: {
        /* json_node_init_string(node, NULL) makes a NULL string. */
        const char *s = json_node_get_string(node) ?: "";

        value->type = JT_STRING;
        value->count = strlen(s);
        value->str = arena_strndup(arena, s, value->count);
        value->boolean = !g_utf8_validate(s, value->count, NULL);
        return;
    }
    case G_TYPE_DOUBLE:
        value->type = JT_NUMBER;
        value->numkind = JN_DOUBLE;
        value->d = json_node_get_double(node);
        return;
    default:
        value->type = JT_NUMBER;
        value->numkind = JN_INT;
        value->i = json_node_get_int(node);
        return;
    }
}

JDoc *
jdoc_from_node(JsonNode *node)
{
    JDoc *doc = g_new0(JDoc, 1);

    from_node(doc, node, &doc->root, 0);
    return doc;
}

JsonNode *
jvalue_to_node(const JValue *value)
{
    JsonNode *node = json_node_alloc();

    switch ((JType)value->type) {
    case JT_NULL:
    case JT_TOO_DEEP:
        return json_node_init_null(node);
    case JT_BOOL:
        return json_node_init_boolean(node, value->boolean);
    case JT_STRING:
        return json_node_init_string(node, value->str);
    case JT_NUMBER:
        switch ((JNumKind)value->numkind) {
        case JN_INT:
            return json_node_init_int(node, value->i);
        case JN_UINT:
            /* json-glib has no uint64; a double is the nearest it has. */
            return json_node_init_double(node, (double)value->u);
        default:
            return json_node_init_double(node, value->d);
        }
    case JT_OBJECT: {
        JsonObject *obj = json_object_new();

        for (uint32_t i = 0; i < value->count; i++) {
            json_object_set_member(obj, value->members[i].key,
                                   jvalue_to_node(&value->members[i].value));
        }
        json_node_init_object(node, obj);
        json_object_unref(obj);
        return node;
    }
    case JT_ARRAY: {
        JsonArray *arr = json_array_sized_new(value->count);

        for (uint32_t i = 0; i < value->count; i++) {
            json_array_add_element(arr, jvalue_to_node(&value->elements[i]));
        }
        json_node_init_array(node, arr);
        json_array_unref(arr);
        return node;
    }
    }
    g_assert_not_reached();
}
