/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Schema-defined QAPI features
 */

#include "qapi-features.h"
