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
 * Special features a schema can attach to members, types, commands and
 * events.  A schema's generated qapi-features.h numbers every feature
 * (QAPI_FEATURE_<NAME>), giving these two their values; bit
 * (1u << QAPI_FEATURE_<NAME>) is set in a 'features' mask.
 */
typedef enum QapiSpecialFeature {
    QAPI_DEPRECATED,
    QAPI_UNSTABLE,
    QAPI_SPECIAL_FEATURE__MAX,
} QapiSpecialFeature;

/* 'any' values are json-glib nodes: generated types need only the name. */
typedef struct _JsonNode JsonNode;

/* QEMU marks handlers of 'coroutine': true commands with this. */
#ifndef coroutine_fn
#define coroutine_fn
#endif

/* Wire names of an enum type, indexed by C enum value. */
typedef struct QEnumLookup {
    const char *const *array;
    const uint64_t *const features;
    const int size;
} QEnumLookup;

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

QNull *qnull(void);
/* No-op, for symmetry with the other qapi_free_* functions. */
void qnull_unref(QNull *q);

G_END_DECLS

#endif /* QAPI_UTIL_H */
