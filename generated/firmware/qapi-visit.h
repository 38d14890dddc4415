/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Visitor functions for the types of the schema
 */

#ifndef QAPI_VISIT_H
#define QAPI_VISIT_H

#include "qapi-visit-firmware.h"

#endif /* QAPI_VISIT_H */
