/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON reader (internal): RFC 8259 text into a compact tree kept
 * in one arena, every value with its line and column.  The input visitor
 * walks this tree; qapi_json_parse() turns it into a JsonNode.
 */
#ifndef QAPI_JSON_READER_H
#define QAPI_JSON_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <json-glib/json-glib.h>

#include "qapi/error.h"

typedef enum JType {
    JT_NULL,
    JT_BOOL,
    JT_NUMBER,
    JT_STRING,
    JT_OBJECT,
    JT_ARRAY,
    /* Only from a JsonNode nested beyond QAPI_JSON_MAX_DEPTH: the tree
     * stops there and visiting it is a TOO_DEEP error. */
    JT_TOO_DEEP,
} JType;

/* How exactly a number is known. */
typedef enum JNumKind {
    JN_INT,    /* an integer that fits int64: .i */
    JN_UINT,   /* an integer above INT64_MAX that fits uint64: .u */
    JN_BIGINT, /* an integer outside both: .d approximates it */
    JN_DOUBLE, /* had a fraction or exponent: .d */
} JNumKind;

typedef struct JMember JMember;
typedef struct JValue JValue;

struct JValue {
    uint8_t type;    /* JType */
    uint8_t numkind; /* JNumKind, for JT_NUMBER */
    /* JT_BOOL: the value.  JT_STRING: not valid UTF-8 (only from a
     * JsonNode; the reader refuses such text). */
    bool boolean;
    uint32_t line; /* 1-based; 0 when unknown (from a JsonNode) */
    uint32_t column;
    uint32_t count; /* members, elements, or string bytes */
    union {
        int64_t i;
        uint64_t u;
        double d;
        const char *str; /* NUL-terminated, no NUL inside */
        JMember *members;
        JValue *elements;
    };
};

/* Number @value (its numkind and .i or .u) from an integer's sign and
 * magnitude, as the reader and the lazy reader both read one; false
 * when it fits neither int64 nor uint64. */
static inline bool
jnumber_set_integer(JValue *value, bool negative, uint64_t mag)
{
    if (!negative && mag <= INT64_MAX) {
        value->numkind = JN_INT;
        value->i = (int64_t)mag;
        return true;
    }
    if (!negative) {
        value->numkind = JN_UINT;
        value->u = mag;
        return true;
    }
    if (mag <= (uint64_t)INT64_MAX + 1) {
        value->numkind = JN_INT;
        value->i = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
        return true;
    }
    return false;
}

/* g_ascii_strtod() of the number text at @start, @len bytes (not
 * NUL-terminated). */
double jnumber_strtod(const char *start, size_t len);

struct JMember {
    const char *key;
    uint32_t key_len;
    bool visited;      /* the input visitor's mark for check_struct */
    uint32_t key_line; /* where the key starts; 0 when unknown */
    uint32_t key_column;
    JValue value;
};

typedef struct JDoc JDoc;

/* Parse @data strictly; NULL with a diagnostic in *@diag on error (the
 * caller frees it with jdoc_diag_clear). */
JDoc *jdoc_parse(const char *data, size_t len, QapiDiagnostic *diag);
/*
 * Where the larger containers of a text end (at least JSPAN_MIN bytes
 * from bracket to bracket): open addressing on the offset of the opening
 * bracket, so that reading the text later skips one at once.
 */
#define JSPAN_MIN 64

typedef struct JSpans {
    uint64_t *slots; /* (start + 1) << 32 | end; 0: free */
    uint32_t bits;   /* 1 << bits slots; 0: none yet */
    uint32_t used;
} JSpans;

/* Forget every span (keeping the storage). */
void jspans_reset(JSpans *spans);
void jspans_clear(JSpans *spans);
/*
 * This thread's spare table into @spans (empty when there is none), and
 * back: a table a check fills for every text would be a large allocation
 * each, and glibc's malloc consolidates its small free blocks (those of
 * the last typed result) on every one, a good part of a decode.  Given
 * back, a table is kept if the thread has none and it is at most 16,384
 * slots (128 KiB), else freed; @spans is left empty either way.
 */
void jspans_take_spare(JSpans *spans);
void jspans_give_spare(JSpans *spans);
/* Where the container opening at @start ends; 0 when not recorded. */
uint32_t jspans_find(const JSpans *spans, uint32_t start);

/* Check @data as jdoc_parse() would, building nothing: the same verdict
 * and diagnostic, in a fraction of the memory (the decode from text,
 * json-lazy.h, reads it afterwards); @spans (may be NULL) gets the ends
 * of its larger containers. */
bool jdoc_check(const char *data, size_t len, JSpans *spans,
                QapiDiagnostic *diag);
/* Parse @data as JSON values separated by white space (a QMP transcript):
 * the root is an array of them, at line 1 column 1; at least one value.
 * @named: the path of a syntax error starts with "message N" (1-based). */
JDoc *jdoc_parse_sequence(const char *data, size_t len, bool named,
                          QapiDiagnostic *diag);
/* Convert a json-glib tree (never fails; see JT_TOO_DEEP). */
JDoc *jdoc_from_node(JsonNode *node);
void jdoc_free(JDoc *doc);
/* Whether the tree holds a JT_TOO_DEEP value (only from a JsonNode). */
bool jdoc_has_too_deep(const JDoc *doc);
JValue *jdoc_root(JDoc *doc);

/* The json-glib tree for @value. */
JsonNode *jvalue_to_node(const JValue *value);

void jdoc_diag_clear(QapiDiagnostic *diag);

#endif /* QAPI_JSON_READER_H */
