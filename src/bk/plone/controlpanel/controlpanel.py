"""The "Beschlusskontrolle" control panel."""

from bk.plone import _
from bk.plone.controlpanel.settings import IBkSettings
from bk.plone.interfaces import IBrowserLayer
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.protect import CheckAuthenticator
from plone.restapi.controlpanels import RegistryConfigletPanel
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import adapter
from zope.interface import Interface


class BkSettingsEditForm(RegistryEditForm):
    schema = IBkSettings
    schema_prefix = "bk.plone"
    label = _("controlpanel_title", default="Beschlusskontrolle")
    description = _(
        "controlpanel_description",
        default="Settings of the letter to the council and of the follow-up of resolutions.",
    )

    def update(self):
        # Refuse a forged POST outright (403) instead of letting plone.protect's
        # transform abort it silently after the form has reported success.
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
        super().update()


class BkSettingsControlPanel(ControlPanelFormWrapper):
    form = BkSettingsEditForm
    index = ViewPageTemplateFile("templates/controlpanel.pt")


@adapter(Interface, IBrowserLayer)
class BkSettingsConfigletPanel(RegistryConfigletPanel):
    """The same settings for plone.restapi's `@controlpanels/bk-settings`."""

    schema = IBkSettings
    schema_prefix = "bk.plone"
    configlet_id = "bk-settings"
    configlet_category_id = "plone-general"
