/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The library's error domain and its version. */
#include "fwdesc/fwdesc.h"

G_DEFINE_QUARK(fwdesc-error-quark, fwdesc_error)

const char *
fwdesc_version(void)
{
    return FWDESC_VERSION;
}
