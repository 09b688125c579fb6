"""Where a control point keeps its proposals: an annotation, behind IProposals."""

from bk.plone.content.control_point import IControlPoint
from bk.plone.interfaces import IProposals
from persistent.list import PersistentList
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer


ANNOTATION_KEY = "bk.plone.proposals"


@implementer(IProposals)
@adapter(IControlPoint)
class AnnotationProposals:
    def __init__(self, context):
        self.context = context

    def _stored(self, create=False):
        annotations = IAnnotations(self.context)
        if ANNOTATION_KEY not in annotations and create:
            annotations[ANNOTATION_KEY] = PersistentList()
        return annotations.get(ANNOTATION_KEY, ())

    def __iter__(self):
        return iter(self._stored())

    def add(self, proposal) -> None:
        self._stored(create=True).append(proposal)

    def open(self):
        for proposal in reversed(self._stored()):
            if proposal["status"] == "open":
                return proposal
        return None
