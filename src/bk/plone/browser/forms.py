"""Add and edit forms of resolutions and control points that refuse a POST without
the CSRF authenticator outright (403). plone.protect alone would abort the
transaction only after the form had reported success to the user."""

from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.interfaces import IDexterityEditForm
from plone.protect import CheckAuthenticator
from plone.z3cform import layout
from zope.interface import classImplements


class RefuseForgedPost:
    def update(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
        super().update()


class AddForm(RefuseForgedPost, DefaultAddForm):
    pass


class AddView(DefaultAddView):
    form = AddForm


class EditForm(RefuseForgedPost, DefaultEditForm):
    pass


EditView = layout.wrap_form(EditForm)
classImplements(EditView, IDexterityEditForm)
