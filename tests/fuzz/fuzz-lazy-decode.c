/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer harness: the input visitor over text (lazy: checked, then read
 * as the visit asks) against the same visitor over the reader's tree of a
 * kept document, on arbitrary bytes decoded as a firmware descriptor
 * (Firmware), strict and tolerant, with and without the union table,
 * stopping at the first error and collecting.  Both must give the same
 * outcome: whether the constructor refuses the text and its error, the
 * visit's and finish's verdicts and messages (FILE:LINE:COL: path), every
 * diagnostic in order, the verdict, the unknown values, and the typed
 * result written back as compact text.
 */
#include "fuzz-common.h"
#include "firmware/qapi-visit.h"
#include "firmware/qapi-unions-firmware.h"
#include "../runtime/decode-outcome.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const QapiInputPolicy strict_unions = {
    .unknown_member = QAPI_INPUT_ERROR,
    .other_branch = QAPI_INPUT_ERROR,
    .unknown_value = QAPI_INPUT_ERROR,
    .missing_member = QAPI_INPUT_ERROR,
    .unions = firmware_qapi_unions,
};

static const QapiInputPolicy tolerant_unions = {
    .unknown_member = QAPI_INPUT_WARN,
    .other_branch = QAPI_INPUT_WARN,
    .unknown_value = QAPI_INPUT_UNSUPPORTED,
    .missing_member = QAPI_INPUT_ERROR,
    .unions = firmware_qapi_unions,
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup_glib();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const QapiInputPolicy *policies[] = { NULL, &strict_unions,
                                          &tolerant_unions };

    for (guint p = 0; p < G_N_ELEMENTS(policies); p++) {
        for (int flags = 0; flags <= QAPI_INPUT_TOLERANT; flags++) {
            for (int collecting = 0; collecting < 2; collecting++) {
                g_autofree char *a = NULL;
                g_autofree char *b = NULL;
                /* Every other run reads the fuzzer's buffer in place. */
                bool same = decode_both(text, size, "fuzz.json", flags,
                                        p % 2 ? QAPI_INPUT_TEXT_KEPT : 0,
                                        policies[p], collecting,
                                        VISIT(Firmware), &a, &b);

                FUZZ_CHECK(same,
                           "policy %u, flags %d, collecting %d:\nlazy:\n%s"
                           "tree:\n%s",
                           p, flags, collecting, a, b);
            }
        }
    }
    return 0;
}
