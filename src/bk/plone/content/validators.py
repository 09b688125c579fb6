"""Uniqueness rules as z3c.form invariant validators, so that the add and edit forms
and plone.restapi's deserializer (which asks for the same validator) refuse a
duplicate before anything is written."""

from Acquisition import aq_base
from Acquisition import aq_parent
from bk.plone import _
from bk.plone.content.control_point import IControlPoint
from bk.plone.content.numbering import InvalidNumber
from bk.plone.content.numbering import normalize_number
from bk.plone.content.resolution import IResolution
from bk.plone.content.resolution import paper_reference_taken
from plone.uuid.interfaces import IUUID
from z3c.form import util
from z3c.form import validator
from zope.interface import Invalid


def duplicate_reference_error(reference):
    return Invalid(
        _(
            "error_paper_reference_taken",
            default="Another resolution already has the paper reference ${reference}.",
            mapping={"reference": reference},
        )
    )


def duplicate_number_error(number):
    return Invalid(
        _(
            "error_point_number_taken",
            default="This resolution already has a point ${number}.",
            mapping={"number": number},
        )
    )


def point_number_taken(resolution, number, point=None) -> bool:
    own = aq_base(point) if point is not None else None
    for sibling in resolution.points():
        if aq_base(sibling) is not own and sibling.number == number:
            return True
    return False


class ResolutionValidator(validator.InvariantsValidator):
    def validate(self, data):
        errors = tuple(super().validate(data))
        reference = (data.get("paper_reference") or "").strip()
        if reference:
            own_uid = (
                IUUID(self.context, None)
                if IResolution.providedBy(self.context)
                else None
            )
            if paper_reference_taken(reference, exclude_uid=own_uid):
                errors += (duplicate_reference_error(reference),)
        return errors


class ControlPointValidator(validator.InvariantsValidator):
    def validate(self, data):
        errors = tuple(super().validate(data))
        raw = data.get("number")
        if not raw:
            return errors
        try:
            number = normalize_number(raw)
        except InvalidNumber:
            return errors  # the field's own constraint reports the format
        context = self.context
        if not (IControlPoint.providedBy(context) or IResolution.providedBy(context)):
            # An add form validates against an empty content dict; its form knows
            # the resolution the point is added to.
            context = getattr(self.view, "context", context)
        if IControlPoint.providedBy(context):
            point, resolution = context, aq_parent(context)
        else:
            point, resolution = None, context
        if IResolution.providedBy(resolution) and point_number_taken(
            resolution, number, point
        ):
            errors += (duplicate_number_error(number),)
        return errors


# force=True: the validator is looked up for the schema interface itself.
validator.WidgetsValidatorDiscriminators(
    ResolutionValidator, schema=util.getSpecification(IResolution, force=True)
)
validator.WidgetsValidatorDiscriminators(
    ControlPointValidator, schema=util.getSpecification(IControlPoint, force=True)
)
