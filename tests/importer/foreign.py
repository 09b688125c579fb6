"""Letters of the corpus as another program writes them: LibreOffice opens our Word
letters and saves them as PDF (its own fonts, margins, headers on every page, list
numbers as text) and as Word again (its own DrawingML and numbering). The files are
kept in tests/importer/letters/libreoffice/ with the expected values of the letter
each was made from, so the tests need no LibreOffice; run

    python -m tests.importer.foreign

on a machine with LibreOffice (Debian `libreoffice-writer`) to write them anew."""

from pathlib import Path
from tests.importer.corpus import LETTERS

import json
import shutil
import subprocess
import tempfile


FOREIGN = LETTERS / "libreoffice"
# Our Word letters of every head and point form; each is saved as PDF and as Word.
SOURCES = (
    "dortmund-header.docx",
    "dortmund-drawing-textbox.docx",
    "erfurt-info-table.docx",
    "hagen-table-bold.docx",
    "hagen-textbox.docx",
    "kassel-numbering.docx",
    "leipzig-numbering.docx",
    "leipzig-table.docx",
    "lueneburg-bold.docx",
    "wesel-header.docx",
    "wesel-italic.docx",
)
FORMATS = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}
# LibreOffice draws this VML text box over the lines below it (it ignores its
# wrapping); a page of overlapping lines is not a letter anyone sends.
WORD_ONLY = {"hagen-textbox.docx"}


def convert(source: Path, form: str, target: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                FORMATS[form],
                "--outdir",
                out,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        made = Path(out) / f"{source.stem}.{form}"
        name = target / f"{source.stem}.{form}"
        shutil.copyfile(made, name)
        return name


def write_foreign() -> dict:
    expected = json.loads((LETTERS / "expected.json").read_text(encoding="utf-8"))
    FOREIGN.mkdir(exist_ok=True)
    written = {}
    for source in SOURCES:
        for form in ["docx"] if source in WORD_ONLY else FORMATS:
            made = convert(LETTERS / source, form, FOREIGN)
            written[f"libreoffice/{made.name}"] = expected[source]
    (FOREIGN / "expected.json").write_text(
        json.dumps(written, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return written


if __name__ == "__main__":
    print(f"{len(write_foreign())} letters in {FOREIGN}")
