"""plone.restapi's content deserializer for resolutions and points, refusing what it
would pass over in silence: a field the user may not write (it skips it and
answers 204) and null for a yes/no field (it stores the missing value, read as no)."""

from bk.plone import _
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.serializer.schema import _check_permission
from plone.supermodel.utils import mergedTaggedValueDict
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.schema import getFields
from zope.schema.interfaces import IBool


class StrictContentDeserializer(DeserializeFromJson):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        if data is None:
            data = json_body(self.request)
        if isinstance(data, dict):
            self.refuse_protected_fields(data)
            self.refuse_null_answers(data)
        return super().__call__(
            validate_all=validate_all,
            data=data,
            create=create,
            mask_validation_errors=mask_validation_errors,
        )

    def _fields(self):
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
            for name, field in getFields(schema).items():
                yield name, field, permissions.get(name)

    def refuse_protected_fields(self, data: dict) -> None:
        refused = sorted(
            name
            for name, _field, permission in self._fields()
            if name in data and not _check_permission(permission, self)
        )
        if refused:
            raise Forbidden(
                translate(
                    _(
                        "error_fields_protected",
                        default="You may not change these fields: ${fields}. After "
                        "release, the decided text, numbering, due dates and the "
                        "resolution's record are changed by the mayor's office only.",
                        mapping={"fields": ", ".join(refused)},
                    ),
                    context=self.request,
                )
            )

    def refuse_null_answers(self, data: dict) -> None:
        errors = [
            {
                "field": name,
                "error": "ValidationError",
                "message": translate(
                    _("error_true_or_false", default="Expected true or false."),
                    context=self.request,
                ),
            }
            for name, field, _permission in self._fields()
            if IBool.providedBy(field) and name in data and data[name] is None
        ]
        if errors:
            raise BadRequest(errors)
