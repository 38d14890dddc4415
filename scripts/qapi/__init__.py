# SPDX-License-Identifier: LGPL-2.1-or-later
"""QAPI schema code generator (fwdesc).

Front end: source (locations), error, parser (text to expressions and doc
comments), expr (shape checks).  Model and back ends: schema, common, gen and
one module per output.
"""
