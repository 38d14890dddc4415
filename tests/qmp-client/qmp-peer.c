/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The QMP client tests' scripted peer and QEMU launcher (qmp-peer.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qmp-peer.h"

static void
warning_seen(QapiQmpClient *client, const char *message, gpointer data)
{
    GPtrArray *warnings = data;

    (void)client;
    g_ptr_array_add(warnings, g_strdup(message));
}

/* ---- a scripted peer -------------------------------------------------- */

void
peer_write(Peer *p, const char *text)
{
    gsize len = strlen(text);

    g_assert_cmpint(write(p->fd, text, len), ==, (gssize)len);
}

char *
peer_read_line(Peer *p)
{
    GString *line = g_string_new(NULL);
    char ch;

    for (;;) {
        gssize n = recv(p->fd, &ch, 1, MSG_DONTWAIT);

        if (n == 1 && ch == '\n') {
            break;
        } else if (n == 1) {
            g_string_append_c(line, ch);
        } else if (n < 0 && errno == EAGAIN) {
            if (!g_main_context_iteration(NULL, FALSE)) {
                g_usleep(1000);
            }
        } else {
            break;
        }
    }
    return g_string_free(line, FALSE);
}

void
peer_assert_nothing_sent(Peer *p)
{
    char ch;

    while (g_main_context_iteration(NULL, FALSE)) {
    }
    g_assert_cmpint(recv(p->fd, &ch, 1, MSG_DONTWAIT), ==, -1);
    g_assert_cmpint(errno, ==, EAGAIN);
}

char *
peer_start_with(Peer *p, const char *greeting, QapiQmpClientFlags flags)
{
    int fds[2];
    g_autoptr(GError) error = NULL;
    g_autoptr(GSocket) sock = NULL;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
    p->fd = fds[1];
    p->warnings = g_ptr_array_new_with_free_func(g_free);
    sock = g_socket_new_from_fd(fds[0], &error);
    g_assert_no_error(error);
    peer_write(p, greeting);
    peer_write(p, CAPS_REPLY);
    p->client = qapi_qmp_client_new_for_socket_sync(sock, flags, NULL, &error);
    g_assert_no_error(error);
    g_assert_nonnull(p->client);
    qapi_qmp_client_set_warning_func(p->client, warning_seen, p->warnings,
                                     NULL);
    return peer_read_line(p);
}

void
peer_start(Peer *p)
{
    g_free(peer_start_with(p, GREETING, QAPI_QMP_CLIENT_FLAGS_NONE));
}

void
peer_stop(Peer *p)
{
    g_clear_pointer(&p->client, qapi_qmp_client_unref);
    g_clear_pointer(&p->warnings, g_ptr_array_unref);
    close(p->fd);
}

/* ---- real QEMU -------------------------------------------------------- */

const char *
qemu_binary(void)
{
    static char *path;

    if (!path) {
        path = g_find_program_in_path("qemu-system-x86_64");
    }
    return path;
}

gboolean
qemu_skip(void)
{
    if (qemu_binary()) {
        return FALSE;
    }
    if (!g_strcmp0(g_getenv("CI"), "true")) {
        g_error("qemu-system-x86_64 is not installed");
    }
    g_test_skip("qemu-system-x86_64 is not installed");
    return TRUE;
}

/* QEMU dies with the test, even when an assertion ends it. */
static void
qemu_child_setup(gpointer data)
{
    (void)data;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}

void
qemu_start(Qemu *q)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *qmp = NULL;
    const char *argv[] = {
        qemu_binary(), "-machine", "q35,accel=tcg", "-S", "-nodefaults",
        "-display",    "none",     "-qmp",          NULL, NULL,
    };

    q->dir = g_dir_make_tmp("qmp-test-XXXXXX", &error);
    g_assert_no_error(error);
    q->socket = g_build_filename(q->dir, "qmp.sock", NULL);
    qmp = g_strdup_printf("unix:%s,server=on,wait=off", q->socket);
    argv[8] = qmp;
    g_spawn_async(NULL, (char **)argv, NULL,
                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                  qemu_child_setup, NULL, &q->pid, &error);
    g_assert_no_error(error);
    q->warnings = g_ptr_array_new_with_free_func(g_free);
    /* Bounded: 30 s for the socket to be there. */
    for (int i = 0; i < 3000; i++) {
        g_clear_error(&error);
        q->client = qapi_qmp_client_connect_sync(q->socket, 0, NULL, &error);
        if (q->client) {
            qapi_qmp_client_set_warning_func(q->client, warning_seen,
                                             q->warnings, NULL);
            return;
        }
        g_usleep(10000);
    }
    g_error("QEMU's QMP socket did not come up: %s", error->message);
}

void
qemu_kill(Qemu *q)
{
    int status;

    g_assert_cmpint(q->pid, >, 0);
    kill(q->pid, SIGKILL);
    g_assert_cmpint(waitpid(q->pid, &status, 0), ==, q->pid);
    g_spawn_close_pid(q->pid);
    q->pid = 0;
}

void
qemu_stop(Qemu *q)
{
    g_clear_pointer(&q->client, qapi_qmp_client_unref);
    if (q->pid) {
        qemu_kill(q);
    }
    unlink(q->socket);
    rmdir(q->dir);
    g_free(q->socket);
    g_free(q->dir);
    g_clear_pointer(&q->warnings, g_ptr_array_unref);
}
