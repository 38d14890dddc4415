/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The firmware descriptor library: everything in one include. */
#ifndef FWDESC_FWDESC_H
#define FWDESC_FWDESC_H

#include "fwdesc/error.h"
#include "fwdesc/descriptor.h"
#include "fwdesc/catalog.h"
#include "fwdesc/select.h"
#include "fwdesc/qemu.h"
#include "fwdesc/lint.h"
#include "fwdesc/report.h"
#include "fwdesc/atomic-file.h"

G_BEGIN_DECLS

/* The library's version, e.g. "0.1.0". */
const char *fwdesc_version(void);

G_END_DECLS

#endif /* FWDESC_FWDESC_H */
