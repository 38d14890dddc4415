/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Written by qapi-gen from the schema: change the schema, not this file */

/*
 * Schema-defined QAPI features
 */

#ifndef FWDESC_REPORT_QAPI_FEATURES_H
#define FWDESC_REPORT_QAPI_FEATURES_H

#include "qapi/util.h"

typedef enum {
    QAPI_FEATURE_DEPRECATED = QAPI_DEPRECATED,
    QAPI_FEATURE_UNSTABLE = QAPI_UNSTABLE,
} QapiFeature;

#endif /* FWDESC_REPORT_QAPI_FEATURES_H */
