/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Enum lookup tables and the 'null' singleton. */
#include <string.h>

#include "qapi/util.h"

const char *
qapi_enum_lookup(const QEnumLookup *lookup, int val)
{
    g_return_val_if_fail(lookup, NULL);
    if (val < 0 || val >= lookup->size) {
        return NULL;
    }
    return lookup->array[val];
}

int
qapi_enum_parse(const QEnumLookup *lookup, const char *buf, int def)
{
    g_return_val_if_fail(lookup, def);
    if (!buf) {
        return def;
    }
    /* Comparing the first bytes inline skips the call for nearly every
     * value of a big enum (key codes, CPU models) that is not the one. */
    for (int i = 0; i < lookup->size; i++) {
        const char *s = lookup->array[i];

        if (s && s[0] == buf[0] && strcmp(s, buf) == 0) {
            return i;
        }
    }
    return def;
}

uint64_t
qapi_enum_features(const QEnumLookup *lookup, int val)
{
    g_return_val_if_fail(lookup, 0);
    if (val < 0 || val >= lookup->size) {
        return 0;
    }
    return lookup->features ? lookup->features[val] : 0;
}

/* QType_lookup, the QType names, is the generated builtins' (as in QEMU:
 * generated/qapi/qapi-builtin-types.c), part of this library. */

/* Never freed: every 'null' value is this one object. */
static QNull the_null;

QNull *
qnull(void)
{
    return &the_null;
}

void
qnull_unref(QNull *q)
{
    (void)q;
}
