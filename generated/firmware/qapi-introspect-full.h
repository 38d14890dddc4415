/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * The schema as introspection data (SchemaInfo)
 */

#ifndef QAPI_INTROSPECT_FULL_H
#define QAPI_INTROSPECT_FULL_H

#include <stddef.h>

/*
 * The schema as a JSON array of SchemaInfo objects (see the
 * introspect.json of QEMU's schema), NUL-terminated; its length
 * without the NUL is firmware_qmp_schema_json_len.
 */
extern const char firmware_qmp_schema_json[];
extern const size_t firmware_qmp_schema_json_len;

#endif /* QAPI_INTROSPECT_FULL_H */
