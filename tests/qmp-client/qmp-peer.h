/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the QMP client tests share: a scripted peer on a socket pair (the
 * test writes the server's side by hand) and a real qemu-system-x86_64
 * started for a test.  Both collect the client's warnings, so that a
 * test can say exactly which it expects.
 */
#ifndef TESTS_QMP_PEER_H
#define TESTS_QMP_PEER_H

#include "qapi/qmp-client.h"

/* QEMU 7.2.3's greeting, offering OOB, and the answer to the client's
 * qmp_capabilities (always id 1). */
#define GREETING                                                           \
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 3, \"minor\": 2, "     \
    "\"major\": 7}, \"package\": \"test\"}, \"capabilities\": [\"oob\"]}}" \
    "\r\n"
#define CAPS_REPLY "{\"return\": {}, \"id\": 1}\r\n"

/* ---- a scripted peer -------------------------------------------------- */

typedef struct Peer {
    int fd; /* the server's end */
    QapiQmpClient *client;
    GPtrArray *warnings; /* the client's, as it said them */
} Peer;

/*
 * A client connected to @p over a socket pair, after @greeting and
 * CAPS_REPLY; the qmp_capabilities request it sent (one line, to free).
 */
char *peer_start_with(Peer *p, const char *greeting, QapiQmpClientFlags flags);
/* The same with GREETING and no flags. */
void peer_start(Peer *p);
void peer_stop(Peer *p);

void peer_write(Peer *p, const char *text);
/* The next request the client sent (one line, to free); the client
 * writes from its main context, which runs meanwhile. */
char *peer_read_line(Peer *p);
/* Nothing was sent: the client's context is run dry first. */
void peer_assert_nothing_sent(Peer *p);

/* ---- real QEMU -------------------------------------------------------- */

typedef struct Qemu {
    GPid pid;
    char *dir;
    char *socket;
    QapiQmpClient *client;
    GPtrArray *warnings;
} Qemu;

/* qemu-system-x86_64 from PATH, or NULL. */
const char *qemu_binary(void);
/* TRUE (the test is skipped) without QEMU; in CI that is a failure. */
gboolean qemu_skip(void);
/*
 * QEMU started as "-machine q35,accel=tcg -S -nodefaults -display none
 * -qmp unix:SOCKET,server=on,wait=off" in a new temporary directory,
 * killed when the test dies; q->client connected to it.
 */
void qemu_start(Qemu *q);
/* Kill QEMU now and reap it (a test that kills it during a call). */
void qemu_kill(Qemu *q);
/* Kill QEMU unless it is gone already, clean up. */
void qemu_stop(Qemu *q);

#endif /* TESTS_QMP_PEER_H */
