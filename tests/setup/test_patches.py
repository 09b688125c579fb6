"""Chameleon compiles one template at a time (CPython's AST recursion counter is
shared by threads; concurrent first renders failed under `make loadtest`)."""

from bk.plone import patches
from chameleon.template import BaseTemplate
from chameleon.zpt.template import PageTemplate

import threading


def test_installed():
    assert BaseTemplate._cook is patches._cook_one_at_a_time


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
