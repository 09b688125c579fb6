"""Test layers of bk.plone."""

from bk.plone.sitesetup import configure_languages
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import bk.plone


class BkPloneLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.classicui
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        # The "classic" distribution, which bk.plone.sitesetup creates sites from.
        self.loadZCML(package=plone.classicui)
        self.loadZCML(package=bk.plone)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "bk.plone:default")
        configure_languages("de")


FIXTURE = BkPloneLayer()


INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="BkPloneLayer:IntegrationTesting",
)


FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="BkPloneLayer:FunctionalTesting",
)
