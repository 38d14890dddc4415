/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The strict JSON input visitor: JSON text (or a json-glib JsonNode) into
 * generated C types.
 *
 * Text is read by the runtime's own strict reader (RFC 8259 exactly, plus
 * no duplicate keys, no "\u0000", no unpaired surrogates, bounded depth and
 * size), which remembers the line and column of every value so that errors
 * can say where they are.
 *
 *   g_autoptr(QapiDiagnostics) diags = qapi_diagnostics_new();
 *   g_autoptr(Visitor) v = qapi_json_input_visitor_new(text, -1, "fw.json",
 *                                                      QAPI_INPUT_STRICT,
 *                                                      diags, &error);
 *   Firmware *fw = NULL;
 *   if (!v || !visit_type_Firmware(v, NULL, &fw, &error)
 *       || !qapi_json_input_visitor_finish(v, &error))
 *       ...   // diags lists every problem; error is the first;
 *             // qapi_free_Firmware(fw) (a visit that returned true in
 *             // collect mode may have built a partial object)
 *
 * Problems are QAPI_ERROR codes with the member path ("" for the whole
 * document, "mapping.executable.format", "targets[1].architecture") and
 * the line and column (1-based, columns in characters; a line ends at LF,
 * CR LF or a lone CR) of the offending value, of the member's key for an
 * unknown or duplicate member, or of the enclosing object for a missing
 * member.  GError messages read "FILE:LINE:COL: PATH: message"
 * (qapi_diagnostic_format()).
 *
 * Text from the document never reaches a path or message raw: member
 * names and values are shown escaped JSON-style ("\n", "\u001b", "\\";
 * also C1 controls, U+2028/U+2029 and bytes that are not UTF-8, as
 * "\xff"), so one problem is one line.  A path segment that is empty or
 * holds '.', '[', ']', '"', '\\' or an escaped character is quoted:
 * a["x.y"], ["x\nevil"], [""].
 *
 * What the visitor checks beyond the reader: missing required members,
 * unknown members (every one of them: in stop mode the one error names
 * them all), JSON types, enum values, integer ranges of each C type
 * exactly (no wrapping: -1 is out of range for uint64, 2^63 for int64; a
 * number with a fraction or exponent is a type mismatch where an integer
 * is expected; 'number' takes integers), feature policy.  What is an
 * error, a warning, a dropped list element or a mark of an unsupported
 * document is the input policy's call (qapi/input-policy.h): strict by
 * default, QAPI_INPUT_TOLERANT for forward compatibility, or a policy of
 * the caller's with per-enum and per-member rules.  A member of a union
 * branch that is not selected is reported as such (with the branch it
 * belongs to) when the policy carries the generator's union table, as an
 * unknown member otherwise.  Unknown enum values are
 * QAPI_ERROR_UNKNOWN_VALUE.
 *
 * Collect mode (a diagnostics list given): after a problem the member gets
 * a stand-in and the visit goes on: a zero value, except that an enum
 * member that is not a union tag gets its type's __MAX, so that checks on
 * the partial object cannot mistake it for a valid value
 * (qapi_json_input_visitor_is_sound() tells every other stand-in).  The
 * visitor knows the tags from the unions table of its policy
 * (qapi/input-policy.h; or from visit_union_tag()).  An enum member it
 * cannot rule out as a tag (no table given, or the table's tag name and
 * enum in an object it does not list for the union) gets 0, since the
 * generated code aborts on any value its switch lacks, and the object is
 * marked unsound.  A
 * struct or list that is missing or
 * of the wrong type is allocated empty and its content visited without
 * further reports, so one mistake gives one message.  Every other problem
 * is reported: every missing and every unknown member of every object,
 * whatever else is wrong in it, with one exception, the union tag:
 *
 *   When a union's discriminator (as the unions table or visit_union_tag()
 *   tells) is missing, not a
 *   string or not a member of the enum, the generated code goes on with
 *   the zero value's branch, which need not be the document's.  For that
 *   one object (not its parent, siblings or children) the members visited
 *   after the tag are then not reported missing, and its unknown members
 *   are not reported; wrong types and values of members that are present
 *   still are.  The tag's own problem is always reported.  A plain enum
 *   member quiets nothing, even when its enum type is some union's tag
 *   type elsewhere.
 *
 * Stop mode ends at the first problem either way.
 *
 * The parsed text can be kept (qapi_json_document_parse(), then
 * qapi_json_input_visitor_new_from_document()): the visit then needs no
 * second parse, and qapi_json_document_locate() gives the line and column
 * of any member path afterwards, for checks made on the typed result.
 */
#ifndef QAPI_JSON_INPUT_H
#define QAPI_JSON_INPUT_H

#include "qapi/visitor.h"
#include "qapi/input-policy.h"

G_BEGIN_DECLS

/* Limits of the reader; exceeding one is QAPI_ERROR_TOO_DEEP/TOO_LARGE. */
#define QAPI_JSON_MAX_DEPTH         64
#define QAPI_JSON_MAX_INPUT_SIZE    (64u * 1024 * 1024)
#define QAPI_JSON_MAX_STRING_LENGTH (1u * 1024 * 1024)
#define QAPI_JSON_MAX_ARRAY_LENGTH  (1u * 1024 * 1024)

typedef enum QapiInputFlags {
    QAPI_INPUT_STRICT = 0,
    /*
     * Forward compatibility: unknown members and members of a branch not
     * selected are skipped with a warning, unknown values in a list of
     * enums are dropped with a warning.  Every other problem stays an
     * error.  Shorthand for a QapiInputPolicy (qapi/input-policy.h);
     * qapi_json_input_visitor_set_policy() states one in full.
     */
    QAPI_INPUT_TOLERANT = 1 << 0,
    /*
     * For qapi_json_input_visitor_new(): the caller keeps @data, unchanged,
     * until the visitor is freed, so the visitor reads it in place instead
     * of copying it.
     */
    QAPI_INPUT_TEXT_KEPT = 1 << 1,
} QapiInputFlags;

/*
 * A parsed JSON text, kept: the reader's tree with the line and column of
 * every member and value, so that checks made later on the typed result
 * can still say where in the text a member is.  Immutable once parsed;
 * reference-counted.
 */
typedef struct QapiJsonDocument QapiJsonDocument;

/*
 * Parse @data (@len bytes, or NUL-terminated when @len is negative) with
 * the reader's rules.  A syntax error is appended to @diags (may be NULL)
 * and returned in @error.  @filename only names the input in messages.
 */
QapiJsonDocument *qapi_json_document_parse(const char *data, gssize len,
                                           const char *filename,
                                           QapiDiagnostics *diags,
                                           GError **error);
QapiJsonDocument *qapi_json_document_ref(QapiJsonDocument *doc);
void qapi_json_document_unref(QapiJsonDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QapiJsonDocument, qapi_json_document_unref)

/* The file name given to qapi_json_document_parse(), or NULL. */
const char *qapi_json_document_get_filename(const QapiJsonDocument *doc);

/*
 * Where the value at member path @path is ("" for the whole document,
 * "mapping.executable", "features[2]", a["x.y"]: the paths diagnostics
 * carry).  FALSE when the document has no value there.
 */
gboolean qapi_json_document_locate(const QapiJsonDocument *doc,
                                   const char *path, int *line, int *column);

/*
 * How many times the reader has parsed a text in this process: lets a
 * test prove that a load parses its input exactly once.
 */
guint qapi_json_reader_passes(void);

/*
 * A visitor over the JSON text @data (@len bytes, or NUL-terminated when
 * @len is negative).  @filename only names the input in messages and may be
 * NULL.  Syntax errors are reported here (NULL returned).
 *
 * The text is checked in full here but no tree of it is built: the visit
 * reads it as the generated code asks (an object's members as far as
 * needed, an array's elements one at a time), so the decode needs little
 * memory beyond the typed result and a copy of the text, which
 * QAPI_INPUT_TEXT_KEPT saves.  Errors, positions and results are those of
 * a visit of the kept document (qapi_json_document_parse()).
 *
 * When @diags is not NULL, every problem and warning is appended to it and
 * the visit goes on past errors to find all of them; the visit still fails
 * and hands back no object.  When @diags is NULL the visit stops at the
 * first error and warnings are discarded.
 */
Visitor *qapi_json_input_visitor_new(const char *data, gssize len,
                                     const char *filename, QapiInputFlags flags,
                                     QapiDiagnostics *diags, GError **error);

/* As above, reading @path (refusing anything but a regular file, and
 * files larger than QAPI_JSON_MAX_INPUT_SIZE). */
Visitor *qapi_json_input_visitor_new_from_file(const char *path,
                                               QapiInputFlags flags,
                                               QapiDiagnostics *diags,
                                               GError **error);

/*
 * A visitor over an existing json-glib tree (no positions in messages).
 * @node is not taken over; it is copied, so it may change or go once this
 * returns.  json-glib trees have no duplicate keys and no syntax to check;
 * a tree nested deeper than QAPI_JSON_MAX_DEPTH is a TOO_DEEP error where
 * it is visited.  json-glib has only int64 and double numbers: a double is
 * never taken for an integer.
 */
Visitor *qapi_json_input_visitor_new_from_node(JsonNode *node,
                                               QapiInputFlags flags,
                                               QapiDiagnostics *diags);

/*
 * A visitor over the kept document @doc (a reference is taken).  Several
 * visitors may visit one document, one after the other.
 */
Visitor *qapi_json_input_visitor_new_from_document(QapiJsonDocument *doc,
                                                   QapiInputFlags flags,
                                                   QapiDiagnostics *diags);

/*
 * Replace the policy @flags chose by @policy (qapi/input-policy.h), before
 * the visit.  @policy is not copied: it must outlive the visitor (a static
 * const table, typically).
 */
void qapi_json_input_visitor_set_policy(Visitor *v,
                                        const QapiInputPolicy *policy);

/*
 * After the top-level visit: fails if any error was recorded (in collect
 * mode a visit can return true although problems were found).
 */
bool qapi_json_input_visitor_finish(Visitor *v, GError **error);

/* Valid, unsupported (only QAPI_INPUT_UNSUPPORTED values are wrong) or
 * invalid: what the visit so far found. */
QapiInputVerdict qapi_json_input_visitor_get_verdict(Visitor *v);

/* The enum values the policy dropped or marked unsupported, in document
 * order; owned by the visitor. */
guint qapi_json_input_visitor_get_n_unknown_values(Visitor *v);
const QapiUnknownValue *qapi_json_input_visitor_get_unknown_value(Visitor *v,
                                                                  guint i);

/*
 * Whether the member at @field (the address of a member of an object the
 * visit built, e.g. &fw->interface_types, or the object itself, e.g.
 * fw->mapping) holds what the document says.  FALSE when the visit gave
 * it a stand-in: the value was missing, of the wrong type or refused, or
 * the object is a union whose discriminator was not valid (its branch
 * need not be the document's), or an object with an enum member whose
 * stand-in is 0 although it may not be a union tag (see collect mode).
 * Any other enum member with an invalid value instead holds its type's
 * __MAX value, which no valid document gives.
 * Checks on a partial object built in collect mode use this to avoid
 * verdicts on values the document does not have.
 */
bool qapi_json_input_visitor_is_sound(Visitor *v, const void *field);

/*
 * Parse JSON text strictly into a json-glib tree, with the same rules and
 * errors as the input visitor.  Returns a new node or NULL.  Members keep
 * document order.  Integers that fit int64 become int64 nodes; others
 * (and numbers with a fraction or exponent) become doubles, since
 * json-glib has nothing else.
 */
JsonNode *qapi_json_parse(const char *data, gssize len, const char *filename,
                          GError **error);

G_END_DECLS

#endif /* QAPI_JSON_INPUT_H */
