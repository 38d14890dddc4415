# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Features back end: <prefix>qapi-features.h, the enum QapiFeature.

Every feature the schema names anywhere gets a QAPI_FEATURE_<NAME>
constant, its bit number in the 'features' masks the other back ends
write (enum value tables, member visits, command registration).  The two
special features keep the numbers the runtime knows them by
(QAPI_DEPRECATED, QAPI_UNSTABLE from qapi/util.h), so the runtime's
compatibility policy reads the same masks.
"""

from __future__ import annotations


from .common import c_enum_const, c_name
from .gen import QAPISchemaMonolithicCVisitor
from .schema import QAPISchema, QAPISchemaFeature

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List


class QAPISchemaGenFeatureVisitor(QAPISchemaMonolithicCVisitor):

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 'qapi-features',
                         ' * Schema-defined QAPI features')
        self._features: List[QAPISchemaFeature] = []

    def visit_begin(self, schema: QAPISchema) -> None:
        self._features = list(schema.features())

    def visit_end(self) -> None:
        lines = ['#include "qapi/util.h"\n', '\n', 'typedef enum {\n']
        for feat in self._features:
            const = c_enum_const('qapi_feature', feat.name)
            if feat.is_special():
                lines.append('    %s = %s,\n'
                             % (const, c_enum_const('qapi', feat.name)))
            else:
                lines.append('    %s,\n' % const)
        lines.append('} %s;\n' % c_name('QapiFeature'))
        self._genh.add(''.join(lines))
        # Nothing to define: the .c only keeps the header compiling alone.
        self._genc.add('#include "%s"\n' % self._genh.fname)


def gen_features(schema: QAPISchema, output_dir: str, prefix: str) -> None:
    vis = QAPISchemaGenFeatureVisitor(prefix)
    schema.visit(vis)
    vis.write(output_dir)
