# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Events back end: what a QMP server built on the schema calls to send one.

Per module, <prefix>qapi-events[-M].{c,h} define qapi_event_send_X(): the
event's data (its members as parameters, or one boxed struct) is visited
into a JSON object by the QMP output visitor, put under "data" of the
message qmp_event_build_dict() starts (event name and timestamp), and
handed to <prefix>qapi_event_emit(), which the server implements.  An
event with the 'deprecated' feature is not sent when the output policy
hides deprecated things.  <prefix>qapi-emit-events.{c,h} hold the enum
<prefix>QAPIEvent of every event, with its lookup table.  The declarations
are QEMU's with JsonObject for QDict.
"""

from __future__ import annotations


from .common import c_enum_const, c_name, mcgen
from .gen import QAPISchemaModularCVisitor, build_params, ifcontext
from .schema import (
    QAPISchema,
    QAPISchemaEnumMember,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
)
from .source import QAPISourceInfo
from .types import gen_enum, gen_enum_lookup

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Optional


def build_event_send_proto(name: str,
                           arg_type: Optional[QAPISchemaObjectType],
                           boxed: bool) -> str:
    return 'void qapi_event_send_%s(%s)' % (c_name(name.lower()),
                                            build_params(arg_type, boxed))


def gen_event_send_decl(name: str, arg_type: Optional[QAPISchemaObjectType],
                        boxed: bool) -> str:
    return mcgen('''

%(proto)s;
''',
                 proto=build_event_send_proto(name, arg_type, boxed))


def gen_param_var(typ: QAPISchemaObjectType) -> str:
    """The struct the exploded parameters are gathered into, as 'param'."""
    assert not typ.branches
    inits = []
    for memb in typ.members:
        if memb.need_has():
            inits.append('has_' + c_name(memb.name))
        # build_params() made string parameters const.
        cast = '(char *)' if memb.type.name == 'str' else ''
        inits.append(cast + c_name(memb.name))
    ret = mcgen('''
    %(c_name)s param = {
        %(inits)s
    };
''',
                c_name=typ.c_name(), inits=', '.join(inits))
    if not typ.is_implicit():
        ret += mcgen('''
    %(c_name)s *arg = &param;
''',
                     c_name=typ.c_name())
    return ret


def _gen_visit_data(name: str, arg_type: QAPISchemaObjectType) -> str:
    """Visit the event data into 'obj'; failing is a bug (QEMU aborts)."""
    if arg_type.is_implicit():
        visit = mcgen('''
    if (!visit_start_struct(v, "%(name)s", NULL, 0, &err)
        || !visit_type_%(c_name)s_members(v, &param, &err)
        || !visit_check_struct(v, &err)) {
        g_error("event %(name)s: %%s", err->message);
    }
    visit_end_struct(v, NULL);
''',
                      name=name, c_name=arg_type.c_name())
    else:
        visit = mcgen('''
    if (!visit_type_%(c_name)s(v, "%(name)s", &arg, &err)) {
        g_error("event %(name)s: %%s", err->message);
    }
''',
                      name=name, c_name=arg_type.c_name())
    return mcgen('''
    v = qobject_output_visitor_new_qmp(&obj);
%(visit)s

    visit_complete(v, &obj);
    qapi_qmp_event_set_data(qmp, obj);
''',
                 visit=visit.rstrip('\n'))


def gen_event_send(name: str, arg_type: Optional[QAPISchemaObjectType],
                   features: List[QAPISchemaFeature], boxed: bool,
                   event_enum_name: str, event_emit: str) -> str:
    # As in QEMU, the locals (qmp, obj, v, err, param, arg) could collide
    # with exploded parameters of the same names; no schema has one.
    have_args = boxed or (arg_type is not None and not arg_type.is_empty())
    ret = mcgen('''

%(proto)s
{
    JsonObject *qmp;
''',
                proto=build_event_send_proto(name, arg_type, boxed))
    if have_args:
        assert arg_type is not None
        ret += mcgen('''
    JsonNode *obj = NULL;
    Visitor *v;
    GError *err = NULL;
''')
        if not boxed:
            ret += gen_param_var(arg_type)
    for feat in features:
        if feat.is_special():
            ret += mcgen('''

    if (compat_policy.%(feat)s_output == QAPI_POLICY_OUTPUT_HIDE) {
        return;
    }
''',
                         feat=feat.name)
    ret += mcgen('''

    qmp = qmp_event_build_dict("%(name)s");

''',
                 name=name)
    if have_args:
        assert arg_type is not None
        ret += _gen_visit_data(name, arg_type)
    ret += mcgen('''
    %(event_emit)s(%(c_enum)s, qmp);

''',
                 event_emit=event_emit,
                 c_enum=c_enum_const(event_enum_name, name))
    if have_args:
        ret += mcgen('''
    visit_free(v);
''')
    ret += mcgen('''
    qapi_qmp_event_free(qmp);
}
''')
    return ret


class QAPISchemaGenEventVisitor(QAPISchemaModularCVisitor):

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 'qapi-events',
                         ' * Schema-defined QAPI/QMP events', None)
        self._event_enum_name = c_name(prefix + 'QAPIEvent', protect=False)
        self._event_enum_members: List[QAPISchemaEnumMember] = []
        self._event_emit_name = c_name(prefix + 'qapi_event_emit')

    def _begin_user_module(self, name: str) -> None:
        events = self._module_basename('qapi-events', name)
        types = self._module_basename('qapi-types', name)
        visit = self._module_basename('qapi-visit', name)
        self._genc.add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "%(prefix)sqapi-emit-events.h"
#include "%(events)s.h"
#include "%(visit)s.h"
#include "qapi/compat-policy.h"
#include "qapi/error.h"
#include "qapi/qmp-event.h"
''',
                             events=events, visit=visit,
                             prefix=self._prefix))
        self._genh.add(mcgen('''
#include "qapi/util.h"
#include "%(types)s.h"
''',
                             types=types))

    def visit_end(self) -> None:
        self._add_module('./emit', ' * QAPI Events emission')
        self._genc.preamble_add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "%(prefix)sqapi-emit-events.h"
''',
                                      prefix=self._prefix))
        self._genh.preamble_add(mcgen('''
#include "qapi/util.h"
'''))
        self._genh.add(gen_enum(self._event_enum_name,
                                self._event_enum_members))
        self._genc.add(gen_enum_lookup(self._event_enum_name,
                                       self._event_enum_members))
        # The server implements it; qapi/util.h names JsonObject.
        self._genh.add(mcgen('''

void %(event_emit)s(%(event_enum)s event, JsonObject *qdict);
''',
                             event_emit=self._event_emit_name,
                             event_enum=self._event_enum_name))

    def visit_event(self, name: str, info: Optional[QAPISourceInfo],
                    ifcond: QAPISchemaIfCond,
                    features: List[QAPISchemaFeature],
                    arg_type: Optional[QAPISchemaObjectType],
                    boxed: bool) -> None:
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_event_send_decl(name, arg_type, boxed))
            self._genc.add(gen_event_send(name, arg_type, features, boxed,
                                          self._event_enum_name,
                                          self._event_emit_name))
        # Every event has its enum member whatever its condition, so that
        # code outside the condition can still name it (as QEMU).
        self._event_enum_members.append(QAPISchemaEnumMember(name, None))


def gen_events(schema: QAPISchema, output_dir: str, prefix: str) -> None:
    vis = QAPISchemaGenEventVisitor(prefix)
    schema.visit(vis)
    vis.write(output_dir)
