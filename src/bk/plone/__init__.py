"""Beschlusskontrolle for Plone."""

from importlib import metadata
from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "bk.plone"

__version__ = metadata.version(PACKAGE_NAME)

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _apply_patches():
    # At import: before any template of this process is compiled (see patches.py).
    from bk.plone import patches

    patches.apply()


_apply_patches()
