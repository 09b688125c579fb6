"""@@letter reproduces the seed letter: every line of the seed, in the seed's order,
with the same words (whitespace and the scan artefacts `**` and a leading "- " aside)."""

from tests.helpers.seed import build_seed_resolution
from tests.helpers.seed import normalise
from tests.helpers.seed import SEED_LETTER
from tests.helpers.seed import seed_lines

import lxml.html
import pytest
import re
import transaction


@pytest.fixture
def letter_text(functional_portal, role_users, http_session):
    build_seed_resolution(functional_portal)
    transaction.commit()
    response = http_session(role_users["MayorsOffice"]).get(
        f"{functional_portal.absolute_url()}/v0220-14/@@letter?date=2021-01-25"
    )
    assert response.status_code == 200
    (article,) = lxml.html.fromstring(response.text).xpath(
        "//article[contains(@class, 'bk-letter')]"
    )
    for block in article.xpath(".//p|.//li|.//dt|.//dd|.//br|.//h1|.//h2|.//span"):
        block.tail = " " + (block.tail or "")
        block.text = " " + (block.text or "")
    return normalise(article.text_content())


def test_seed_is_there():
    assert SEED_LETTER.is_file(), SEED_LETTER


def test_every_seed_line_in_order(letter_text):
    position = 0
    for line in seed_lines():
        found = letter_text.find(line, position)
        assert found >= 0, f"not found after position {position}: {line!r}"
        position = found + len(line)


@pytest.mark.parametrize(
    "expected",
    [
        "Landeshauptstadt Dresden Der Oberbürgermeister",
        "vertraulich An alle",
        "GZ: (OB) INAUSLB",
        "Beschlusskontrolle zu V0220/14 (Sitzungsnummer: SR/011/2015)",
        "nächste Beschlusskontrolle: 30. Juni 2021",
        "Mit freundlichen Grüßen Dirk Hilbert",
    ],
)
def test_letter_parts(letter_text, expected):
    assert expected in letter_text


def test_point_numbers_in_natural_order(letter_text):
    numbers = re.findall(r"(?:^| )(\d+[a-e]?)\. „", letter_text)
    assert numbers == ["1", "1a", "1b", "1c", "1d", "1e", "2", "3", "4"]
