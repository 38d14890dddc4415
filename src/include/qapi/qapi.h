/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Everything a program using generated QAPI types needs. */
#ifndef QAPI_QAPI_H
#define QAPI_QAPI_H

#include "qapi/util.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qapi/input-policy.h"
#include "qapi/json-input.h"
#include "qapi/json-output.h"
#include "qapi/dealloc-visitor.h"
#include "qapi/clone-visitor.h"
#include "qapi/qmp-error.h"
#include "qapi/compat-policy.h"
#include "qapi/qmp-registry.h"
#include "qapi/qmp-event.h"
#include "qapi/introspect.h"

#endif /* QAPI_QAPI_H */
