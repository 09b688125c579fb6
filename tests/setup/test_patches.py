"""Python code becomes a syntax tree in one thread at a time: Chameleon's templates,
RestrictedPython's expressions and `ast.parse` share one lock (CPython's AST
recursion counter is shared by threads; concurrent first renders failed under
`make loadtest`)."""

from bk.plone import patches
from chameleon.template import BaseTemplate
from chameleon.zpt.template import PageTemplate

import threading


def test_installed():
    assert BaseTemplate._cook is patches._cook_one_at_a_time
    import ast
    import Products.PageTemplates.expression
    import RestrictedPython.compile

    assert ast.parse._bk_locked
    assert Products.PageTemplates.expression.parse._bk_locked
    assert RestrictedPython.compile._compile_restricted_mode._bk_locked


def test_applied_once():
    import ast

    locked = ast.parse
    patches.apply()
    assert ast.parse is locked


def waits_for_the_lock(work) -> None:
    finished = threading.Event()

    def run():
        work()
        finished.set()

    with patches.compile_lock:
        worker = threading.Thread(target=run)
        worker.start()
        assert not finished.wait(timeout=1)
    assert finished.wait(timeout=30)
    worker.join(timeout=30)


def test_an_expression_waits_for_a_template():
    from RestrictedPython import compile_restricted_eval

    waits_for_the_lock(lambda: compile_restricted_eval("1 + 2"))


def test_a_syntax_tree_waits_for_a_template():
    import ast

    waits_for_the_lock(lambda: ast.parse("x = 1"))


def test_a_path_expression_waits_for_a_template():
    from Products.PageTemplates.Expressions import getEngine

    waits_for_the_lock(lambda: getEngine().compile("python: 40 + 2"))


def test_a_second_compilation_waits_for_the_first():
    finished = threading.Event()

    def compile_fresh_template():
        PageTemplate("<p tal:content='python: 1 + 1'>x</p>")()
        finished.set()

    with patches.compile_lock:
        worker = threading.Thread(target=compile_fresh_template)
        worker.start()
        # the other thread cannot compile while this one holds the lock
        assert not finished.wait(timeout=1)
    assert finished.wait(timeout=30)
    worker.join(timeout=30)


def test_templates_still_render():
    assert PageTemplate("<b>${1 + 2}</b>")() == "<b>3</b>"
