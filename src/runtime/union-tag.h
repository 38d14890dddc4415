/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Which enum members are union tags, as the generator's unions table
 * (qapi/input-policy.h) tells.  The generated visitors are QEMU's and say
 * nothing about it, yet the input visitor must know: in collect mode a
 * tag without a valid value needs a valid stand-in (the generated code
 * switches on it, and aborts on any other value) and makes the members
 * that follow noise, while a plain enum member's stand-in is its __MAX.
 */
#ifndef QAPI_UNION_TAG_H
#define QAPI_UNION_TAG_H

#include "qapi/input-policy.h"

typedef enum QapiTagKind {
    QAPI_TAG_NO,    /* no union has this tag: a plain member */
    QAPI_TAG_MAYBE, /* no table, or a tag of a union in another object */
    QAPI_TAG_YES,
} QapiTagKind;

/*
 * Member @name of enum table @lookup, visited in an object whose C object
 * has @size bytes (0: none of its own): is it a tag of a union of
 * @unions (NULL: no table)?  For QAPI_TAG_YES, *@tag is the table's name
 * of the tag (static).
 */
G_GNUC_INTERNAL
QapiTagKind qapi_union_tag_kind(const QapiUnionInfo *unions, const char *name,
                                const QEnumLookup *lookup, size_t size,
                                const char **tag);

#endif /* QAPI_UNION_TAG_H */
