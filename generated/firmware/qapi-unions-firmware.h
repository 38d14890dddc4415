/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * The members of each union branch
 */

#ifndef QAPI_UNIONS_FIRMWARE_H
#define QAPI_UNIONS_FIRMWARE_H

#include "qapi/input-policy.h"

/*
 * Every flat union of the schema with the members of each branch, for
 * QapiInputPolicy.unions; ends with an entry whose name is NULL.
 */
extern const QapiUnionInfo firmware_qapi_unions[];

#endif /* QAPI_UNIONS_FIRMWARE_H */
