"""Two changes to libraries under us, applied when bk.plone is imported.

Python code is turned into syntax trees by one thread at a time.

CPython (3.11 at least) keeps one AST recursion counter per interpreter. Two threads
building ASTs at once can fail with "SystemError: AST constructor recursion depth
mismatch" (python/cpython#106905). That happens in the first requests after a start:
Chameleon compiles templates it has not compiled yet, and RestrictedPython compiles
the `python:` expressions of actions and scripts on first use. `make loadtest` met it
on a fresh instance, first between two templates (hence the lock around Chameleon's
compilation), then between a template and an expression (hence the same lock around
RestrictedPython's compilation and `ast.parse` itself). Each template and expression
is compiled once per process (or connection), so the lock costs nothing once the
instance is warm.

Products.PortalTransforms searches the chain of transforms between two mime types
anew on every conversion, breadth first over every registered transform (about
1.5 ms), and a letter import converts each point's texts four times (safe HTML for
the letter, safe HTML and plain text for the full-text index): a fifth of an import
went into finding the same chain. The chain changes only when transforms or policies
are registered, removed or configured anew (each of which maps or unmaps a transform,
now marking the tool changed), so it is remembered per committed state of the tool,
its mime type map and policies, and checked against the committed state of its
transforms: a change committed by another process (a ZEO client) is a new
state, and a change not yet committed is never remembered."""

from Acquisition import aq_base
from cachetools import LRUCache
from chameleon.template import BaseTemplate
from Products.PortalTransforms.TransformEngine import TransformTool

import ast
import functools
import threading


compile_lock = threading.RLock()
_cook = BaseTemplate._cook


def _cook_one_at_a_time(self, body, name, builtins):
    with compile_lock:
        return _cook(self, body, name, builtins)


def one_at_a_time(function):
    """`function` holding the compile lock; applied once."""
    if getattr(function, "_bk_locked", False):
        return function

    @functools.wraps(function)
    def locked(*args, **kwargs):
        with compile_lock:
            return function(*args, **kwargs)

    locked._bk_locked = True
    return locked


def _lock_syntax_trees() -> None:
    import Products.PageTemplates.expression
    import RestrictedPython.compile

    ast.parse = one_at_a_time(ast.parse)
    # imported by name before this patch: its own reference too
    Products.PageTemplates.expression.parse = one_at_a_time(
        Products.PageTemplates.expression.parse
    )
    RestrictedPython.compile._compile_restricted_mode = one_at_a_time(
        RestrictedPython.compile._compile_restricted_mode
    )


_find_path = TransformTool._findPath
_paths: LRUCache = LRUCache(maxsize=512)
_paths_lock = threading.Lock()
_MISSING = object()


def registry_state(tool) -> tuple | None:
    """The committed state of a transform tool's registry: the tool (registering or
    removing a transform adds or removes one of its objects), its mime type map and
    its policies. None while one of them has changes not yet committed."""
    parts = [tool, tool._mtmap, getattr(tool, "_policies", None)]
    jar = getattr(tool, "_p_jar", None)
    if jar is None or any(_uncommitted(part) for part in parts):
        return None
    return (id(jar.db()), *((part._p_oid, part._p_serial) for part in parts if part))


def _uncommitted(part) -> bool:
    if part is None:
        return False
    part._p_activate()
    return bool(part._p_changed) or part._p_jar is None


def _remembered_path(self, orig, target, required_transforms=()):
    required = list(required_transforms or ())
    state = registry_state(self)
    if state is None:
        return _find_path(self, orig, target, required)
    key = (str(orig), str(target), tuple(required), state)
    with _paths_lock:
        remembered = _paths.get(key, _MISSING)
    if remembered is not _MISSING:
        path = _same_transforms(self, remembered)
        if path is not _MISSING:
            return path
    path = _find_path(self, orig, target, list(required))
    if path is None or not any(_uncommitted(t) for t in path):
        with _paths_lock:
            _paths[key] = _signature(path)
    return path


def _signature(path) -> tuple | None:
    """The chain by its transforms' names and committed states: a transform
    configured anew (its inputs may change with it) is searched again."""
    if path is None:
        return None
    return tuple((t.name(), t._p_serial) for t in path)


def _same_transforms(tool, remembered):
    """The remembered chain as this connection's transforms (unwrapped, as the
    search gives them), or _MISSING when one has changed or gone since."""
    if remembered is None:
        return None
    path = []
    for name, serial in remembered:
        transform = aq_base(tool._getOb(name, None))
        if transform is None or _uncommitted(transform):
            return _MISSING
        if transform._p_serial != serial:
            return _MISSING
        path.append(transform)
    return path


_map_transform = TransformTool._mapTransform
_unmap_transform = TransformTool._unmapTransform


def _map_and_mark(self, transform):
    # The map's nested mappings change, not the tool: marked, the tool's state is
    # uncommitted now and a new state once committed, so no chain outlives it.
    self._p_changed = True
    return _map_transform(self, transform)


def _unmap_and_mark(self, transform):
    self._p_changed = True
    return _unmap_transform(self, transform)


def apply():
    if BaseTemplate._cook is not _cook_one_at_a_time:
        BaseTemplate._cook = _cook_one_at_a_time
    _lock_syntax_trees()
    if TransformTool._findPath is not _remembered_path:
        TransformTool._findPath = _remembered_path
        TransformTool._mapTransform = _map_and_mark
        TransformTool._unmapTransform = _unmap_and_mark
