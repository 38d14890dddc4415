/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Small shared definitions that generated QAPI code relies on: enum lookup
 * tables, the generic list and alternate layouts, the JSON type tags used
 * by alternates, and the 'null' built-in type.
 *
 * Names follow QEMU's generated code so that code written against QEMU's
 * types ports with the error type as the only change.
 */
#ifndef QAPI_UTIL_H
#define QAPI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

G_BEGIN_DECLS

/*
 * The features the runtime acts on.  Feature masks are QEMU 10's: a
 * uint64_t with bit (1u << QAPI_FEATURE_X) per feature, where the
 * generated qapi-features.h numbers the schema's features and gives
 * QAPI_FEATURE_DEPRECATED and QAPI_FEATURE_UNSTABLE these two values.
 * Bits of other (custom) features are carried but ignored here.
 */
typedef enum QapiSpecialFeature {
    QAPI_DEPRECATED,
    QAPI_UNSTABLE,
    QAPI_SPECIAL_FEATURE__MAX,
} QapiSpecialFeature;

/*
 * json-glib is the JSON data model: 'any' values are JsonNodes, QMP
 * arguments JsonObjects.  Generated headers need only the names (the same
 * typedefs as json-glib's, which C11 allows twice).
 */
typedef struct _JsonNode JsonNode;
typedef struct _JsonObject JsonObject;
typedef struct _JsonArray JsonArray;

/* QEMU marks handlers of 'coroutine': true commands with this. */
#ifndef coroutine_fn
#define coroutine_fn
#endif

/*
 * Wire names of an enum type, indexed by C enum value; @features (may be
 * NULL) holds each value's feature mask.
 */
typedef struct QEnumLookup {
    const char *const *array;
    const uint64_t *const features;
    const int size;
} QEnumLookup;

/* The feature mask of value @val of @lookup (0 when out of range). */
uint64_t qapi_enum_features(const QEnumLookup *lookup, int val);

/* Wire name of @val, or NULL when @val is out of range. */
const char *qapi_enum_lookup(const QEnumLookup *lookup, int val);
/* C value of wire name @buf, or @def when it is not a member. */
int qapi_enum_parse(const QEnumLookup *lookup, const char *buf, int def);

/* Layout shared by every generated FooList. */
typedef struct GenericList {
    struct GenericList *next;
    char padding[];
} GenericList;

/*
 * JSON type of the value an alternate holds; the tag of every generated
 * alternate.  QTYPE_NONE is never a valid tag.
 */
typedef enum QType {
    QTYPE_NONE,
    QTYPE_QNULL,
    QTYPE_QNUM,
    QTYPE_QSTRING,
    QTYPE_QDICT,
    QTYPE_QLIST,
    QTYPE_QBOOL,
    QTYPE__MAX,
} QType;

extern const QEnumLookup QType_lookup;

/* Layout shared by every generated alternate. */
typedef struct GenericAlternate {
    QType type;
    char padding[];
} GenericAlternate;

/*
 * The value of the built-in type 'null'.  There is exactly one, it is
 * never freed, and qnull() hands out the shared instance.
 */
typedef struct QNull {
    int unused;
} QNull;

/*
 * Building lists by hand (QEMU's macros): prepend @element to @list, or
 * append it at *@tail and advance @tail (start with tail = &list).
 */
#define QAPI_LIST_PREPEND(list, element)                   \
    do {                                                   \
        __typeof__(list) _tmp = g_malloc(sizeof(*(list))); \
        _tmp->value = (element);                           \
        _tmp->next = (list);                               \
        (list) = _tmp;                                     \
    } while (0)

#define QAPI_LIST_APPEND(tail, element)        \
    do {                                       \
        *(tail) = g_malloc0(sizeof(**(tail))); \
        (*(tail))->value = (element);          \
        (tail) = &(*(tail))->next;             \
    } while (0)

QNull *qnull(void);
/* No-op, for symmetry with the other qapi_free_* functions. */
void qnull_unref(QNull *q);

G_END_DECLS

#endif /* QAPI_UTIL_H */
