"""Nothing of a confidential resolution reaches Anonymous: not through Plone's
search, @search, navigation, sitemap, RSS, the overview or its exports, the letter
in any form, or an issued report. Council members do find it (so the searches
below do search)."""

from plone import api
from tests.helpers.hostile import SECRET
from tests.helpers.web import issue_letter

import gzip
import pytest
import transaction


# Searched for; the other word must not come back (the query itself is echoed).
WORD = SECRET.split()[-1]  # "Zauberwald"
HIDDEN = SECRET.split()[0]  # "Geheimprojekt"


@pytest.fixture
def exposed(world, role_users, http_session):
    """Everything switched on that could leak: the sitemap, RSS on the folder and
    the site, and an issued report of the confidential resolution."""
    from plone.base.interfaces.syndication import IFeedSettings
    from plone.base.interfaces.syndication import ISiteSyndicationSettings
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    office = http_session(role_users["MayorsOffice"])
    response = issue_letter(
        office,
        world["c1-21"],
        date="2024-03-01",
        file_reference=None,
        next_control_date=None,
    )
    assert response.status_code == 200
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("plone.enable_sitemap", True)
        site_settings = getUtility(IRegistry).forInterface(ISiteSyndicationSettings)
        site_settings.allowed = True
        site_settings.default_enabled = True
        site_settings.search_rss_enabled = True
        for context in (world, api.portal.get()):
            IFeedSettings(context).enabled = True
    transaction.commit()
    return world


HTML_AND_FEEDS = [
    "@@search?SearchableText={word}",
    "@@ajax-search?SearchableText={word}",
    "search_rss?SearchableText={word}",
    "@@search?Title={word}",
    "",
    "beschluesse",
    "beschluesse/folder_contents",
    "sitemap",
    "beschluesse/RSS",
    "beschluesse/rss.xml",
    "beschluesse/atom.xml",
    "rss.xml",
    "RSS",
    "beschluesse/@@control-overview",
    "beschluesse/@@control-overview?text={word}",
    "beschluesse/@@control-overview.csv",
    "beschluesse/@@control-overview.xlsx",
    "beschluesse/c1-21",
    "beschluesse/c1-21/1",
    "beschluesse/c1-21/@@letter",
    "beschluesse/c1-21/@@letter.pdf",
    "beschluesse/c1-21/@@letter.docx",
    "beschluesse/c1-21/bericht-2024-03-01",
    "beschluesse/c1-21/bericht-2024-03-01/@@download/pdf",
    "beschluesse/@@approvals",
]

REST = [
    "@search?SearchableText={word}",
    "@search?SearchableText={word}&fullobjects=1",
    "@search?portal_type=Resolution&metadata_fields=_all",
    "@search?confidential=true",
    "@navigation?expand.navigation.depth=3",
    "beschluesse?expand=navigation,breadcrumbs",
    "beschluesse",
    "beschluesse/@control-overview",
    "beschluesse/c1-21",
    "beschluesse/c1-21/@letter",
    "beschluesse/c1-21/@history",
    "beschluesse/c1-21/1/@approvals",
    "@querystring-search?query.i=SearchableText&query.o=plone.app.querystring.operation.string.contains&query.v={word}",
    "@vocabularies/plone.app.vocabularies.Catalog?title={word}",
]


def body_text(response) -> str:
    data = response.content
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data.startswith(b"PK"):
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return " ".join(
                package.read(n).decode("utf-8", "replace") for n in package.namelist()
            )
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        import io

        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", "replace")


@pytest.mark.parametrize("path", HTML_AND_FEEDS)
def test_anonymous_never_sees_the_confidential(exposed, http_session, tried, path):
    response = http_session(None).get(
        f"{exposed.aq_parent.absolute_url()}/{path.format(word=WORD)}"
    )
    tried("leaks: confidential to Anonymous (pages, feeds, exports)")
    text = body_text(response)
    assert HIDDEN not in text
    if "c1-21" not in path:  # else the login form names the asked URL
        assert "c1-21" not in text


@pytest.mark.parametrize("path", REST)
def test_anonymous_never_sees_the_confidential_over_rest(
    exposed, http_session, tried, path
):
    response = http_session(None, json=True).get(
        f"{exposed.aq_parent.absolute_url()}/{path.format(word=WORD)}"
    )
    tried("leaks: confidential to Anonymous (REST)")
    assert HIDDEN not in response.text
    if "c1-21" not in path:
        assert "c1-21" not in response.text


def test_sitemap_holds_only_the_public(exposed, http_session, tried):
    response = http_session(None).get(
        f"{exposed.aq_parent.absolute_url()}/sitemap.xml.gz?page=1"
    )
    tried("leaks: confidential to Anonymous (pages, feeds, exports)")
    assert response.status_code == 200
    text = body_text(response)
    assert "p1-21" in text  # the public resolution: the sitemap works
    assert "c1-21" not in text
    assert "r1-21" not in text


@pytest.mark.parametrize(
    "path",
    [
        "@@search?SearchableText={word}",
        "beschluesse/@@control-overview?text={word}",
    ],
)
def test_council_member_finds_it(exposed, role_users, http_session, path):
    """The searches above would find the word (for someone who may see it)."""
    response = http_session(role_users["CouncilMember"]).get(
        f"{exposed.aq_parent.absolute_url()}/{path.format(word=WORD)}"
    )
    assert HIDDEN in response.text


def test_council_member_finds_it_over_rest(exposed, role_users, http_session):
    response = http_session(role_users["CouncilMember"], json=True).get(
        f"{exposed.aq_parent.absolute_url()}/@search?SearchableText={WORD}"
    )
    assert "c1-21" in response.text
