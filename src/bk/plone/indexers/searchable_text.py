"""Full text: the references and every text a person would search for."""

from bk.plone.content.control_point import IControlPoint
from bk.plone.content.resolution import IResolution
from bk.plone.content.safe_text import plain_text
from plone.indexer import indexer


def _join(*parts) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


@indexer(IResolution)
def resolution_searchable_text(obj):
    """The resolution's references and titles and its points' texts: the overview
    finds a resolution by any word of what was decided or reported."""
    return _join(
        obj.paper_reference,
        obj.session_reference,
        obj.file_reference,
        obj.title,
        obj.description,
        obj.responsible_office,
        *(
            text
            for point in obj.points()
            for text in (
                plain_text(point.resolution_text),
                plain_text(point.status_report),
            )
        ),
    )


@indexer(IControlPoint)
def control_point_searchable_text(obj):
    resolution = obj.__parent__
    return _join(
        getattr(resolution, "paper_reference", ""),
        obj.number,
        plain_text(obj.resolution_text),
        plain_text(obj.status_report),
    )
