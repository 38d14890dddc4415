/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The schema data compiled into fwdesc from generated/firmware/. */
#ifndef FWDESC_SCHEMA_DATA_H
#define FWDESC_SCHEMA_DATA_H

#include <glib.h>

/* The introspection data (SchemaInfo array) as canonical JSON text. */
char *fwdesc_tool_introspection(GError **error);

/* The JSON Schema with @type as its root, as canonical JSON text: a type
 * of the firmware schema, or a report ("validate-report", "lint-report",
 * "list-report", "select-report", "instantiate-report"). */
char *fwdesc_tool_json_schema(const char *type, GError **error);

#endif /* FWDESC_SCHEMA_DATA_H */
