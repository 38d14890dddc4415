/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * C types for the definitions of the schema
 */

#ifndef QAPI_TYPES_H
#define QAPI_TYPES_H

#include "qapi-types-firmware.h"

#endif /* QAPI_TYPES_H */
