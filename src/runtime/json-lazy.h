/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a checked JSON text on demand (internal): the input visitor's
 * lazy mode.  The text has passed jdoc_check(), so every function here
 * trusts its syntax and limits; nothing is built but the members of the
 * objects open in the visit (with their values' offsets) and the value
 * asked for, so a decode needs little memory beyond its typed result.
 *
 * Offsets are byte offsets into the text; a value's line and column are
 * counted only when a message needs them (lz_position()), the same as
 * the reader's.
 */
#ifndef QAPI_JSON_LAZY_H
#define QAPI_JSON_LAZY_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>

#include "json-reader.h"

/* A member of an object, as far as the visit has scanned it. */
typedef struct LzMember {
    uint32_t key_off; /* the key's opening quote */
    uint32_t key_len; /* bytes between the quotes, escapes as written */
    uint32_t val_off; /* the value's first byte */
    uint32_t val_end; /* past the value; 0 until known */
    bool escaped;     /* the key has escapes */
    bool visited;     /* the input visitor's mark for check_struct */
    char first;       /* the key's first byte as written, '\0' if empty */
} LzMember;

/* An object or array the visit has entered. */
typedef struct LzContainer {
    uint32_t off; /* '{' or '[' */
    uint32_t end; /* past the closing bracket; 0 until scanned there */
    /* Objects: the members scanned so far, in document order, are
     * members[base .. base + n) of the LzText's stack. */
    uint32_t base, n;
    /* Arrays: the current element (0: none left) and its end (0: not
     * known yet). */
    uint32_t elem_off, elem_end;
} LzContainer;

typedef struct LzText {
    const char *data;
    uint32_t len;
    /* The members of every open object, innermost last. */
    LzMember *members;
    uint32_t n_members, cap_members;
    GString *buf; /* unescaped strings */
    /* Where large containers end (from jdoc_check()); may be NULL.  Its
     * offsets count from @spans_base bytes before @data (a value checked
     * as part of a larger text). */
    const JSpans *spans;
    uint32_t spans_base;
    /* The last position counted, to go on from there. */
    uint32_t pos_off, pos_line, pos_column;
} LzText;

/* Over @data (checked by jdoc_check(), at most QAPI_JSON_MAX_INPUT_SIZE
 * bytes); the offset of its value through @root.  @t is zero-filled, or
 * its members and buf are storage to reuse. */
void lz_text_init(LzText *t, const char *data, size_t len, uint32_t *root);
void lz_text_clear(LzText *t);

/*
 * The value at @off into @value: its type, and for a scalar its value.  A
 * string's @count bytes are in the text itself when it has no escapes
 * (not NUL-terminated: @numkind is LZ_IN_PLACE), else unescaped and
 * NUL-terminated in t->buf until the next read.  An array's count is 0
 * when it is empty, else 1; an object's 0.  Returns the offset past a
 * scalar, 0 for a container.
 */
#define LZ_IN_PLACE 1
uint32_t lz_read(LzText *t, uint32_t off, JValue *value);

/* String @value (from lz_read()) NUL-terminated, in t->buf if need be. */
void lz_terminate(LzText *t, JValue *value);

/* The offset past the value at @off. */
uint32_t lz_skip_value(const LzText *t, uint32_t off);

/* The json-glib tree of the value at @off, as jvalue_to_node() makes it
 * from the reader's tree, but that a null is one shared, sealed node. */
JsonNode *lz_node(LzText *t, uint32_t off);

/* The line and column (in characters, 1-based) of offset @off. */
void lz_position(LzText *t, uint32_t off, uint32_t *line, uint32_t *column);

/* Enter the object or array at @off (an object's members go on the stack
 * above those of the objects open; an array's current element is its
 * first). */
void lz_enter(LzText *t, LzContainer *c, uint32_t off, bool is_array);
/* Leave @c (the innermost open container): drops its members. */
void lz_leave(LzText *t, LzContainer *c);

/*
 * The index (in t->members) of member @name of object @c: searched
 * among the members scanned from index @from (relative to c->base) on,
 * then scanning further, then before @from; UINT32_MAX when it has none.
 */
uint32_t lz_find(LzText *t, LzContainer *c, uint32_t from, const char *name);
/* Scan object @c to its end. */
void lz_scan_all(LzText *t, LzContainer *c);
/* A new copy of member @m's key, unescaped. */
char *lz_key(LzText *t, const LzMember *m);

/* Move to array @c's next element: false when it has no more. */
bool lz_next_element(LzText *t, LzContainer *c);

#endif /* QAPI_JSON_LAZY_H */
