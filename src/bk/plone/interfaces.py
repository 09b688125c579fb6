"""Marker interfaces of bk.plone."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IBrowserLayer(IDefaultBrowserLayer):
    """Marker interface for the browser layer of bk.plone."""
