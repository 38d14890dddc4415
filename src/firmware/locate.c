/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Where a member path ("mapping.nvram-template", "features[2]") is in the
 * text of a document already known to be valid JSON, so that problems
 * found after parsing (the schema's prose rules, lint) carry a line and
 * column like the parser's own.  Positions count lines from 1 and columns
 * in characters from 1, as the runtime's reader does.
 */
#include <stdlib.h>
#include <string.h>

#include "fwdesc-private.h"

typedef struct Walker {
    const char *p;
    const char *end;
    int line;
    const char *line_start;
} Walker;

static void
skip_ws(Walker *w)
{
    /* LF, CR LF and a lone CR each end a line, as in the runtime's reader. */
    while (w->p < w->end && *w->p && strchr(" \t\r\n", *w->p)) {
        bool crlf = *w->p == '\r' && w->p + 1 < w->end && w->p[1] == '\n';

        if ((*w->p == '\n' || *w->p == '\r') && !crlf) {
            w->line++;
            w->line_start = w->p + 1;
        }
        w->p++;
    }
}

static int
column_of(const Walker *w)
{
    int col = 1;
    for (const char *q = w->line_start; q < w->p; q++) {
        col += ((unsigned char)*q & 0xC0) != 0x80;
    }
    return col;
}

/* Past a string starting at its opening quote; its raw body in *s, *n. */
static gboolean
skip_string(Walker *w, const char **s, size_t *n)
{
    if (w->p >= w->end || *w->p != '"') {
        return FALSE;
    }
    const char *start = ++w->p;
    while (w->p < w->end && *w->p != '"') {
        w->p += *w->p == '\\' ? 2 : 1;
    }
    if (w->p >= w->end) {
        return FALSE;
    }
    if (s) {
        *s = start;
        *n = (size_t)(w->p - start);
    }
    w->p++;
    return TRUE;
}

static gboolean skip_value(Walker *w);

static gboolean
skip_container(Walker *w, char close)
{
    w->p++;
    skip_ws(w);
    if (w->p < w->end && *w->p == close) {
        w->p++;
        return TRUE;
    }
    for (;;) {
        if (close == '}') {
            if (!skip_string(w, NULL, NULL)) {
                return FALSE;
            }
            skip_ws(w);
            if (w->p >= w->end || *w->p++ != ':') {
                return FALSE;
            }
            skip_ws(w);
        }
        if (!skip_value(w)) {
            return FALSE;
        }
        skip_ws(w);
        if (w->p >= w->end) {
            return FALSE;
        }
        if (*w->p == close) {
            w->p++;
            return TRUE;
        }
        if (*w->p++ != ',') {
            return FALSE;
        }
        skip_ws(w);
    }
}

static gboolean
skip_value(Walker *w)
{
    if (w->p >= w->end) {
        return FALSE;
    }
    switch (*w->p) {
    case '"':
        return skip_string(w, NULL, NULL);
    case '{':
        return skip_container(w, '}');
    case '[':
        return skip_container(w, ']');
    default:
        /* number, true, false, null */
        while (w->p < w->end && !strchr(",]} \t\r\n", *w->p)) {
            w->p++;
        }
        return TRUE;
    }
}

/* Past the value at w->p, then the comma after it if there is one. */
static gboolean
skip_item(Walker *w)
{
    if (!skip_value(w)) {
        return FALSE;
    }
    skip_ws(w);
    if (w->p < w->end && *w->p == ',') {
        w->p++;
        skip_ws(w);
    }
    return TRUE;
}

/* With w->p at a value, move to the value of member @name (of length
 * @n), or fail. */
static gboolean
enter_member(Walker *w, const char *name, size_t n)
{
    if (w->p >= w->end || *w->p != '{') {
        return FALSE;
    }
    w->p++;
    skip_ws(w);
    while (w->p < w->end && *w->p != '}') {
        const char *key;
        size_t klen;
        if (!skip_string(w, &key, &klen)) {
            return FALSE;
        }
        skip_ws(w);
        if (w->p >= w->end || *w->p++ != ':') {
            return FALSE;
        }
        skip_ws(w);
        if (klen == n && !memcmp(key, name, n)) {
            return TRUE;
        }
        if (!skip_item(w)) {
            return FALSE;
        }
    }
    return FALSE;
}

static gboolean
enter_element(Walker *w, unsigned long index)
{
    if (w->p >= w->end || *w->p != '[') {
        return FALSE;
    }
    w->p++;
    skip_ws(w);
    for (unsigned long i = 0; w->p < w->end && *w->p != ']'; i++) {
        if (i == index) {
            return TRUE;
        }
        if (!skip_item(w)) {
            return FALSE;
        }
    }
    return FALSE;
}

gboolean
fwdesc_json_locate(const char *text, gsize len, const char *path, int *line,
                   int *column)
{
    Walker w = { text, text + len, 1, text };
    skip_ws(&w);
    const char *s = path ? path : "";
    while (*s) {
        if (*s == '[') {
            char *endp;
            unsigned long index = strtoul(s + 1, &endp, 10);
            if (*endp != ']' || !enter_element(&w, index)) {
                return FALSE;
            }
            s = endp + 1;
        } else {
            if (*s == '.') {
                s++;
            }
            size_t n = strcspn(s, ".[");
            if (!n || !enter_member(&w, s, n)) {
                return FALSE;
            }
            s += n;
        }
    }
    *line = w.line;
    *column = column_of(&w);
    return TRUE;
}
