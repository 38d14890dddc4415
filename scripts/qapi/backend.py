# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Back ends: what qapi-gen does with a checked schema.

QAPIBackend is the interface of QEMU 10's generator, so that a back end
written for QEMU's -B option loads into ours as it is: a class with a
generate() method, constructed without arguments.  QAPICBackend is the
built-in one; by default it writes what QEMU's C back end writes, and it
can be told to write only some outputs (our --outputs).  Each output's
module is imported only when it runs, which keeps start-up short.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from .error import QAPIError

# typing is for the type checker only: importing it costs start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Optional, Sequence

    from .schema import QAPISchema

# Every output of the built-in back end, in the order they are written.
OUTPUTS = ('types', 'features', 'visit', 'commands', 'events', 'introspect',
           'introspect-full', 'jsonschema', 'unions', 'doc', 'client')
# QEMU's C back end; the others are ours alone.
DEFAULT_OUTPUTS = OUTPUTS[:6]


class QAPIBackend(ABC):
    # pylint: disable=too-few-public-methods

    @abstractmethod
    def generate(self, schema: QAPISchema, output_dir: str, prefix: str,
                 unmask: bool, builtins: bool, gen_tracing: bool) -> None:
        """Write the output for @schema into @output_dir.

        :param prefix: prefix of file and C symbol names (-p).
        :param unmask: expose non-ABI names in introspection (-u).
        :param builtins: also write the built-in types' code (-b).
        :param gen_tracing: add trace events (QEMU's; ours has none).
        :raise QAPIError: on failure.
        """


class QAPICBackend(QAPIBackend):
    # pylint: disable=too-few-public-methods

    def __init__(self, outputs: Sequence[str] = DEFAULT_OUTPUTS,
                 builtins_only: bool = False,
                 json_schema_root: Optional[str] = None,
                 man_template: Optional[str] = None,
                 json_schema_rules: Optional[str] = None,
                 client_since: Sequence[str] = ()) -> None:
        self.outputs = tuple(outputs)
        self.client_since = tuple(client_since)
        self.json_schema_rules = json_schema_rules
        self.builtins_only = builtins_only
        self.json_schema_root = json_schema_root
        self.man_template = man_template

    def generate(self, schema: QAPISchema, output_dir: str, prefix: str,
                 unmask: bool, builtins: bool, gen_tracing: bool) -> None:
        if output_dir:
            from .gen import make_dirs
            make_dirs(output_dir)
        only = self.builtins_only
        builtins = builtins or only
        for name in OUTPUTS:
            if name not in self.outputs:
                continue
            if name == 'types':
                from .types import gen_types
                gen_types(schema, output_dir, prefix, builtins, only)
            elif name == 'visit':
                from .visit import gen_visit
                gen_visit(schema, output_dir, prefix, builtins, only)
            elif only:
                continue    # the other outputs have no built-in part
            elif name == 'features':
                from .features import gen_features
                gen_features(schema, output_dir, prefix)
            elif name == 'commands':
                from .commands import gen_commands
                gen_commands(schema, output_dir, prefix)
            elif name == 'events':
                from .events import gen_events
                gen_events(schema, output_dir, prefix)
            elif name == 'introspect':
                from .introspect import gen_introspect
                gen_introspect(schema, output_dir, prefix, unmask)
            elif name == 'introspect-full':
                from .introspect import gen_introspect_full
                gen_introspect_full(schema, output_dir, prefix)
            elif name == 'jsonschema':
                from .jsonschema import gen_jsonschema
                gen_jsonschema(schema, output_dir, prefix,
                               self.json_schema_root, self.json_schema_rules)
            elif name == 'unions':
                from .unions import gen_unions
                gen_unions(schema, output_dir, prefix)
            elif name == 'doc':
                from .docgen import gen_docs
                gen_docs(schema, output_dir, prefix, self.man_template)
            elif name == 'client':
                from .client import gen_client
                gen_client(schema, output_dir, prefix, self.client_since)


def create_backend(path: str) -> QAPIBackend:
    """The back end class MODULE.CLASS named by @path (-B), instantiated.

    :raise QAPIError: when it cannot be loaded or is not a QAPIBackend.
    """
    import importlib            # only -B needs it

    module_path, dot, class_name = path.rpartition('.')
    if not dot:
        raise QAPIError("argument of -B must be of the form MODULE.CLASS")
    try:
        mod = importlib.import_module(module_path)
    except Exception as ex:     # whatever the module raises on import
        raise QAPIError("unable to import '%s': %s"
                        % (module_path, ex)) from ex
    try:
        klass = getattr(mod, class_name)
    except AttributeError as ex:
        raise QAPIError("module '%s' has no class '%s'"
                        % (module_path, class_name)) from ex
    try:
        backend = klass()
    except Exception as ex:     # whatever its constructor raises
        raise QAPIError("backend '%s' cannot be instantiated: %s"
                        % (path, ex)) from ex
    if not isinstance(backend, QAPIBackend):
        raise QAPIError("backend '%s' must be an instance of QAPIBackend"
                        % path)
    return backend
