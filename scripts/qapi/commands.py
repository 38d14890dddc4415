# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Commands back end: what a QMP server built on the schema compiles.

Per module, <prefix>qapi-commands[-M].h declares the qmp_X() handlers the
server implements and the qmp_marshal_X() wrappers, and the .c defines the
wrappers: the arguments (a JSON object) are visited strictly into the
command's argument struct by the QMP input visitor, qmp_X() is called,
its return value is visited into JSON by the QMP output visitor, and all
of it is freed.  <prefix>qapi-init-commands.{c,h} define
<prefix>qmp_init_marshal(), which registers every command with its options
and feature mask.  The declarations are QEMU's with GError for Error,
JsonObject for QDict and JsonNode for QObject.

No tracing: --suppress-tracing is accepted and changes nothing.
"""

from __future__ import annotations


from .common import c_name, mcgen
from .gen import (
    QAPISchemaModularCVisitor,
    build_params,
    gen_features,
    ifcontext,
)
from .schema import (
    QAPISchema,
    QAPISchemaFeature,
    QAPISchemaIfCond,
    QAPISchemaObjectType,
    QAPISchemaType,
)
from .source import QAPISourceInfo

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Optional


def gen_command_decl(name: str, arg_type: Optional[QAPISchemaObjectType],
                     boxed: bool, ret_type: Optional[QAPISchemaType],
                     coroutine: bool) -> str:
    return mcgen('''
%(c_type)s %(coroutine_fn)sqmp_%(c_name)s(%(params)s);
''',
                 c_type=(ret_type and ret_type.c_type()) or 'void',
                 coroutine_fn='coroutine_fn ' if coroutine else '',
                 c_name=c_name(name),
                 params=build_params(arg_type, boxed, 'GError **errp'))


def build_marshal_proto(name: str, coroutine: bool) -> str:
    return ('void %sqmp_marshal_%s(JsonObject *args, JsonNode **ret, '
            'GError **errp)'
            % ('coroutine_fn ' if coroutine else '', c_name(name)))


def gen_marshal_decl(name: str, coroutine: bool) -> str:
    return mcgen('''
%(proto)s;
''',
                 proto=build_marshal_proto(name, coroutine))


def _call_args(arg_type: Optional[QAPISchemaObjectType],
               boxed: bool) -> str:
    """The arguments qmp_X() gets from the visited struct 'arg'."""
    if boxed:
        return '&arg, '
    args = ''
    if arg_type:
        assert not arg_type.branches
        for memb in arg_type.members:
            assert not memb.ifcond.is_present()
            if memb.need_has():
                args += 'arg.has_%s, ' % c_name(memb.name)
            args += 'arg.%s, ' % c_name(memb.name)
    return args


def gen_call(name: str, arg_type: Optional[QAPISchemaObjectType],
             boxed: bool, ret_type: Optional[QAPISchemaType]) -> str:
    ret = mcgen('''

    %(lhs)sqmp_%(c_name)s(%(args)s&err);
    if (err) {
        g_propagate_error(errp, err);
        goto out;
    }
''',
                lhs='retval = ' if ret_type else '', c_name=c_name(name),
                args=_call_args(arg_type, boxed))
    if ret_type:
        # The dealloc visitor frees what qmp_X() handed over.
        ret += mcgen('''

    ov = qobject_output_visitor_new_qmp(ret);
    if (visit_type_%(c_name)s(ov, "unused", &retval, errp)) {
        visit_complete(ov, ret);
    }
    visit_free(ov);
    ov = qapi_dealloc_visitor_new();
    visit_type_%(c_name)s(ov, "unused", &retval, NULL);
    visit_free(ov);
''',
                     c_name=ret_type.c_name())
    return ret


def gen_marshal(name: str, arg_type: Optional[QAPISchemaObjectType],
                boxed: bool, ret_type: Optional[QAPISchemaType],
                coroutine: bool) -> str:
    have_args = boxed or (arg_type is not None and not arg_type.is_empty())
    ret = mcgen('''

%(proto)s
{
    GError *err = NULL;
    bool ok = false;
    Visitor *v;
''',
                proto=build_marshal_proto(name, coroutine))
    if ret_type:
        ret += mcgen('''
    %(c_type)s retval;
    Visitor *ov;
''',
                     c_type=ret_type.c_type())
    if have_args:
        assert arg_type is not None
        ret += mcgen('''
    %(c_name)s arg = {0};
''',
                     c_name=arg_type.c_name())
    if not ret_type:
        # QEMU's marshal functions all take @ret; only some use it.
        ret += mcgen('''

    (void)ret;
''')
    # QEMU: qobject_input_visitor_new_qmp(QOBJECT(args)); ours takes the
    # JsonObject itself, so that generated code needs no json-glib call.
    ret += mcgen('''

    v = qapi_qmp_input_visitor_new(args);
    if (!visit_start_struct(v, NULL, NULL, 0, errp)) {
        goto out;
    }
''')
    if have_args:
        assert arg_type is not None
        ret += mcgen('''
    if (visit_type_%(c_arg_type)s_members(v, &arg, errp)) {
        ok = visit_check_struct(v, errp);
    }
''',
                     c_arg_type=arg_type.c_name())
    else:
        ret += mcgen('''
    ok = visit_check_struct(v, errp);
''')
    ret += mcgen('''
    visit_end_struct(v, NULL);
    if (!ok) {
        goto out;
    }
''')
    ret += gen_call(name, arg_type, boxed, ret_type)
    ret += mcgen('''

out:
    visit_free(v);
    v = qapi_dealloc_visitor_new();
    visit_start_struct(v, NULL, NULL, 0, NULL);
''')
    if have_args:
        assert arg_type is not None
        ret += mcgen('''
    visit_type_%(c_arg_type)s_members(v, &arg, NULL);
''',
                     c_arg_type=arg_type.c_name())
    ret += mcgen('''
    visit_end_struct(v, NULL);
    visit_free(v);
}
''')
    return ret


def gen_register_command(name: str, features: List[QAPISchemaFeature],
                         success_response: bool, allow_oob: bool,
                         allow_preconfig: bool, coroutine: bool) -> str:
    options = []
    if not success_response:
        options.append('QCO_NO_SUCCESS_RESP')
    if allow_oob:
        options.append('QCO_ALLOW_OOB')
    if allow_preconfig:
        options.append('QCO_ALLOW_PRECONFIG')
    if coroutine:
        options.append('QCO_COROUTINE')
    return mcgen('''
    qmp_register_command(cmds, "%(name)s",
                         qmp_marshal_%(c_name)s, %(opts)s, %(feats)s);
''',
                 name=name, c_name=c_name(name),
                 opts=' | '.join(options) or '0',
                 feats=gen_features(features))


class QAPISchemaGenCommandVisitor(QAPISchemaModularCVisitor):

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 'qapi-commands',
                         ' * Schema-defined QAPI/QMP commands', None)

    def _begin_user_module(self, name: str) -> None:
        commands = self._module_basename('qapi-commands', name)
        types = self._module_basename('qapi-types', name)
        visit = self._module_basename('qapi-visit', name)
        self._genc.add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "qapi/compat-policy.h"
#include "qapi/visitor.h"
#include "qapi/dealloc-visitor.h"
#include "qapi/error.h"
#include "%(visit)s.h"
#include "%(commands)s.h"
''',
                             commands=commands, visit=visit))
        self._genh.add(mcgen('''
#include "%(types)s.h"

''',
                             types=types))

    def visit_begin(self, schema: QAPISchema) -> None:
        self._add_module('./init', ' * QAPI Commands initialization')
        self._genh.add(mcgen('''
#include "qapi/qmp-registry.h"

void %(c_prefix)sqmp_init_marshal(QmpCommandList *cmds);
''',
                             c_prefix=c_name(self._prefix, protect=False)))
        self._genc.add(mcgen('''
#define QAPI_NO_JSON_GLIB
#include "%(prefix)sqapi-commands.h"
#include "%(prefix)sqapi-init-commands.h"
#include "%(prefix)sqapi-features.h"

void %(c_prefix)sqmp_init_marshal(QmpCommandList *cmds)
{
    qapi_qmp_command_list_init(cmds);

''',
                             prefix=self._prefix,
                             c_prefix=c_name(self._prefix, protect=False)))

    def visit_end(self) -> None:
        with self._temp_module('./init'):
            self._genc.add('}\n')

    def visit_command(self, name: str, info: Optional[QAPISourceInfo],
                      ifcond: QAPISchemaIfCond,
                      features: List[QAPISchemaFeature],
                      arg_type: Optional[QAPISchemaObjectType],
                      ret_type: Optional[QAPISchemaType], gen: bool,
                      success_response: bool, boxed: bool, allow_oob: bool,
                      allow_preconfig: bool, coroutine: bool) -> None:
        if not gen:
            return
        with ifcontext(ifcond, self._genh, self._genc):
            self._genh.add(gen_command_decl(name, arg_type, boxed,
                                            ret_type, coroutine))
            self._genh.add(gen_marshal_decl(name, coroutine))
            self._genc.add(gen_marshal(name, arg_type, boxed, ret_type,
                                       coroutine))
        with self._temp_module('./init'):
            with ifcontext(ifcond, self._genh, self._genc):
                self._genc.add(gen_register_command(
                    name, features, success_response, allow_oob,
                    allow_preconfig, coroutine))


def gen_commands(schema: QAPISchema, output_dir: str, prefix: str) -> None:
    vis = QAPISchemaGenCommandVisitor(prefix)
    schema.visit(vis)
    vis.write(output_dir)
