"""Chameleon compiles one template at a time.

CPython (3.11 at least) keeps one AST recursion counter per interpreter. Two threads
building ASTs at once, as Chameleon does when the first requests after a start
render templates it has not compiled yet, can fail with "SystemError: AST
constructor recursion depth mismatch" (python/cpython#106905); `make loadtest` met it
on a fresh instance. Each template is compiled once per process, so the lock costs
nothing once the instance is warm."""

from chameleon.template import BaseTemplate

import threading


compile_lock = threading.RLock()
_cook = BaseTemplate._cook


def _cook_one_at_a_time(self, body, name, builtins):
    with compile_lock:
        return _cook(self, body, name, builtins)


def apply():
    if BaseTemplate._cook is not _cook_one_at_a_time:
        BaseTemplate._cook = _cook_one_at_a_time
