/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Union tags from the generator's unions table (union-tag.h). */
#include <string.h>

#include "union-tag.h"

static bool
has_size(const QapiUnionInfo *u, size_t size)
{
    for (int i = 0; i < u->n_frames; i++) {
        if (u->frames[i] == size) {
            return true;
        }
    }
    return false;
}

QapiTagKind
qapi_union_tag_kind(const QapiUnionInfo *unions, const char *name,
                    const QEnumLookup *lookup, size_t size, const char **tag)
{
    QapiTagKind kind = QAPI_TAG_NO;

    if (!unions) {
        return QAPI_TAG_MAYBE;
    }
    for (const QapiUnionInfo *u = unions; u->name; u++) {
        if (u->tag_lookup != lookup || strcmp(u->tag, name)) {
            continue;
        }
        if (has_size(u, size)) {
            *tag = u->tag;
            return QAPI_TAG_YES;
        }
        kind = QAPI_TAG_MAYBE;
    }
    return kind;
}
