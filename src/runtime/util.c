/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Enum lookup tables, the QType names, and the 'null' singleton. */
#include <string.h>

#include "qapi/util.h"

const char *qapi_enum_lookup(const QEnumLookup *lookup, int val)
{
    g_return_val_if_fail(lookup, NULL);
    if (val < 0 || val >= lookup->size) {
        return NULL;
    }
    return lookup->array[val];
}

int qapi_enum_parse(const QEnumLookup *lookup, const char *buf, int def)
{
    g_return_val_if_fail(lookup, def);
    if (!buf) {
        return def;
    }
    for (int i = 0; i < lookup->size; i++) {
        if (lookup->array[i] && strcmp(lookup->array[i], buf) == 0) {
            return i;
        }
    }
    return def;
}

static const char *const qtype_names[QTYPE__MAX] = {
    [QTYPE_NONE] = "none",
    [QTYPE_QNULL] = "qnull",
    [QTYPE_QNUM] = "qnum",
    [QTYPE_QSTRING] = "qstring",
    [QTYPE_QDICT] = "qdict",
    [QTYPE_QLIST] = "qlist",
    [QTYPE_QBOOL] = "qbool",
};

/*
 * Weak: the generated builtins (generated/qapi/qapi-builtin-types.c) may
 * define the same table, as QEMU's do; theirs then wins and the two agree.
 */
__attribute__((weak)) const QEnumLookup QType_lookup = {
    .array = qtype_names,
    .size = QTYPE__MAX,
};

/* Never freed: every 'null' value is this one object. */
static QNull the_null;

QNull *qnull(void)
{
    return &the_null;
}

void qnull_unref(QNull *q)
{
    (void)q;
}
