"""Add and edit forms of resolutions and control points that refuse a POST without
the CSRF authenticator outright (403). plone.protect alone would abort the
transaction only after the form had reported success to the user.

The edit form shows the fields the user may not write (their write permission)
read-only, where plone.autoform would leave them out."""

from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.interfaces import IDexterityEditForm
from plone.protect import CheckAuthenticator
from plone.supermodel.utils import mergedTaggedValueDict
from plone.z3cform import layout
from z3c.form.interfaces import DISPLAY_MODE
from zope.component import queryUtility
from zope.interface import classImplements
from zope.security import checkPermission
from zope.security.interfaces import IPermission


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
    def updateFieldsFromSchemata(self):
        # plone.autoform leaves out the fields the user may not write when it knows
        # the user; without a user it keeps them all, and we set their mode.
        user = self.request.other.pop("AUTHENTICATED_USER", None)
        try:
            super().updateFieldsFromSchemata()
        finally:
            if user is not None:
                self.request.other["AUTHENTICATED_USER"] = user
        for form_field in self._all_fields():
            if not self._may(form_field, WRITE_PERMISSIONS_KEY):
                form_field.mode = DISPLAY_MODE
        # ... and so leaves the read permissions to us. A protected field without
        # a value is left out too: an empty label helps nobody.
        self.fields = self.fields.omit(*self._left_out(self.fields))
        for group in self.groups:
            group.fields = group.fields.omit(*self._left_out(group.fields))

    def _left_out(self, fields) -> list[str]:
        return [
            name
            for name, form_field in fields.items()
            if not self._may(form_field, READ_PERMISSIONS_KEY)
            or (form_field.mode == DISPLAY_MODE and self._empty(form_field))
        ]

    def _empty(self, form_field) -> bool:
        schema = form_field.field.interface
        stored = schema(self.context, None) if schema is not None else None
        value = getattr(stored or self.context, form_field.field.__name__, None)
        if hasattr(value, "raw"):
            value = (value.raw or "").strip()
        return value in (None, "", (), [], set(), frozenset())

    def _all_fields(self):
        yield from self.fields.values()
        for group in self.groups:
            yield from group.fields.values()

    def _may(self, form_field, permissions_key) -> bool:
        schema = form_field.field.interface
        if schema is None:
            return True
        permission_id = mergedTaggedValueDict(schema, permissions_key).get(
            form_field.field.__name__
        )
        if permission_id is None:
            return True
        if queryUtility(IPermission, permission_id) is None:
            return False
        return bool(checkPermission(permission_id, self.context))


EditView = layout.wrap_form(EditForm)
classImplements(EditView, IDexterityEditForm)
