/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * QAPI_INPUT_STRICT and QAPI_INPUT_TOLERANT as policies with the test
 * schema's union table, which tells the visitor which members are union
 * tags: the runtime tests that read test-schema.json types use both.
 */
#ifndef TEST_SCHEMA_POLICIES_H
#define TEST_SCHEMA_POLICIES_H

#include "qapi/qapi.h"
#include "qapi-unions-test-schema.h"

static const QapiInputPolicy strict_unions = {
    .unknown_member = QAPI_INPUT_ERROR,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
    .unions = test_schema_qapi_unions,
};

static const QapiInputPolicy tolerant_unions = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    .unknown_value = QAPI_INPUT_DROP,
    .missing_member = QAPI_INPUT_ERROR,
    .unions = test_schema_qapi_unions,
};

#endif /* TEST_SCHEMA_POLICIES_H */
