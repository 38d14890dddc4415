/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The library's error domain and its version. */
#include "fwdesc/fwdesc.h"

/* The macro makes a string of the name: keep clang-format from spacing
 * its dashes. */
/* clang-format off */
G_DEFINE_QUARK(fwdesc-error-quark, fwdesc_error)
/* clang-format on */

const char *
fwdesc_version(void)
{
    return FWDESC_VERSION;
}
