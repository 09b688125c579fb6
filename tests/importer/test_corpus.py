"""Every letter of the corpus (tests/importer/letters/, written by corpus.py, and
the same letters saved by LibreOffice, written by foreign.py) read
and parsed; each field compared with what the letter says. The accuracy per field
over the whole corpus is printed; every miss names its letter and field."""

from bk.plone.importer.parser import parse_letter
from bk.plone.importer.readers import read_lines
from bk.plone.importer.states import DEFAULT_FULFILLED_PHRASES
from bk.plone.importer.states import DEFAULT_OPEN_PHRASES
from bk.plone.importer.states import StateRules
from lxml import html as lxml_html
from tests.importer.corpus import LETTERS

import json
import pytest
import re


# Our own letters, and some of them as LibreOffice saved them (foreign.py).
EXPECTED = {
    name: values
    for listing in (LETTERS / "expected.json", LETTERS / "libreoffice/expected.json")
    for name, values in json.loads(listing.read_text(encoding="utf-8")).items()
}
RULES = StateRules(DEFAULT_FULFILLED_PHRASES, DEFAULT_OPEN_PHRASES)
FULFILLED_SENTENCE = "Der Beschlusspunkt ist erfüllt."
FIELDS = (
    "paper_reference",
    "session_reference",
    "title",
    "letter_date",
    "file_reference",
    "confidential",
    "signatory",
    "closing",
    "salutation",
    "next_control_date",
)


def words(html: str) -> str:
    if not html:
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    text = " ".join(block.text_content() for block in root)
    return " ".join(text.split()).strip('„“"')


def parsed_values(name: str) -> dict:
    data = (LETTERS / name).read_bytes()
    letter = parse_letter(read_lines(name, data), RULES, FULFILLED_SENTENCE)
    values = {field: getattr(letter, field) for field in FIELDS}
    for key in ("letter_date", "next_control_date"):
        values[key] = values[key].isoformat() if values[key] else None
    values["points"] = [
        {
            "number": point.number,
            "state": point.state,
            "decided": words(point.resolution_text),
            # a fulfilled point's stock sentence is not stored as its report
            "report": words(point.status_report) or " ".join(point.status_paragraphs),
        }
        for point in letter.points
    ]
    return values


def misses(name: str, expected: dict) -> list[str]:
    try:
        found = parsed_values(name)
    except Exception as error:  # a refused letter misses every field
        return [f"{name}: refused ({error})"]
    wrong = [
        f"{name}: {field} {found[field]!r} != {expected[field]!r}"
        for field in FIELDS
        if found[field] != expected[field]
    ]
    if [p["number"] for p in found["points"]] != [
        p["number"] for p in expected["points"]
    ]:
        return [*wrong, f"{name}: points {[p['number'] for p in found['points']]}"]
    for mine, theirs in zip(found["points"], expected["points"], strict=True):
        for key in ("state", "decided", "report"):
            if normal(mine[key]) != normal(theirs[key]):
                wrong.append(
                    f"{name}: point {theirs['number']} {key} {mine[key]!r} != {theirs[key]!r}"
                )
    return wrong


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_corpus_is_large_and_varied():
    names = sorted(EXPECTED)
    assert len(names) >= 30
    assert {name.rsplit(".", 1)[1] for name in names} == {"txt", "docx", "pdf"}
    # not only our generator's files: another program's PDFs and Word files too
    foreign = [name for name in names if name.startswith("libreoffice/")]
    assert {name.rsplit(".", 1)[1] for name in foreign} == {"docx", "pdf"}
    for name in foreign:
        assert "LibreOffice" in producer(LETTERS / name)


def producer(path) -> str:
    """The program that wrote a PDF or Word file, as the file says."""
    import pdfplumber
    import zipfile

    if path.suffix == ".pdf":
        with pdfplumber.open(path) as document:
            return str(document.metadata.get("Producer", ""))
    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/app.xml").decode("utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_letter_read_completely(name):
    assert misses(name, EXPECTED[name]) == []


def test_accuracy_per_field(capsys):
    counts: dict[str, list[int]] = {}
    for name, expected in sorted(EXPECTED.items()):
        wrong = misses(name, expected)
        for field in (*FIELDS, "points"):
            hits = counts.setdefault(field, [0, 0])
            hits[1] += 1
            if not any(f": {field} " in miss or "refused" in miss for miss in wrong):
                hits[0] += 1
    with capsys.disabled():
        print("\nimport accuracy over the corpus:")
        for field, (hits, total) in counts.items():
            print(f"  {field:<20} {hits}/{total} ({100 * hits / total:.0f} %)")
    assert all(hits == total for hits, total in counts.values())


def test_whole_corpus_imports(portal):
    """Into a site, each letter on its own (the corpus writes the same letter in
    several forms, and a second, different report of one day is refused; each
    import is rolled back after it is checked): every letter becomes its resolution
    with its points and their states."""
    from bk.plone import rollbacks
    from bk.plone.importer.importer import FAILED
    from bk.plone.importer.importer import import_files
    from plone import api

    failed, found = [], {}
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="corpus")
        for name in sorted(EXPECTED):
            before = rollbacks.savepoint()
            (result,) = import_files(folder, [(name, (LETTERS / name).read_bytes())])
            if result.status == FAILED:
                failed.append((name, api.portal.translate(result.error_message())))
            else:
                found[name] = [
                    (point.number, api.content.get_state(point))
                    for point in api.content.get(UID=result.uid).points()
                ]
            before.rollback()
    assert failed == []
    for name, expected in EXPECTED.items():
        assert found[name] == [(p["number"], p["state"]) for p in expected["points"]]
