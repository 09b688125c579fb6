"""Beschlusskontrolle for Plone."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "bk.plone"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
