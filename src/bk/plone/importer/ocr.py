"""Text recognition for scanned letters: Tesseract (Debian `tesseract-ocr` and
`tesseract-ocr-deu`) reads each page, rendered at 300 dpi by PDFium; its words come
back with their places, as a PDF's text layer gives them (importer/pdf_reader.py)."""

from bk.plone.importer.pdf_reader import Row
from bk.plone.importer.pdf_reader import rows_of
from io import BytesIO

import csv
import shutil
import subprocess
import tempfile


DPI = 300
LANGUAGES = "deu"
TIMEOUT_PER_PAGE = 120


class RecognitionUnavailable(RuntimeError):
    """Tesseract or its German language data is not installed."""


def available() -> bool:
    tesseract = shutil.which("tesseract")
    if not tesseract:
        return False
    listed = subprocess.run(  # noqa: S603 - the program found on PATH, no input
        [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30
    )
    return LANGUAGES in listed.stdout.split()


def recognise(data: bytes) -> tuple[list[list[Row]], list[tuple[float, float]]]:
    """Rows of recognised words per page, and the pages' sizes in points."""
    import pypdfium2

    if not available():
        raise RecognitionUnavailable
    document = pypdfium2.PdfDocument(BytesIO(data))
    pages, sizes = [], []
    try:
        for page in document:
            width, height = page.get_size()
            image = page.render(scale=DPI / 72).to_pil()
            pages.append(rows_of(_words(image)))
            sizes.append((width, height))
    finally:
        document.close()
    return pages, sizes


def capital_i(word: str) -> str:
    """In sans-serif type a capital I and a small l look alike; in a word of capitals
    ("RB-VIl/45", "VIl") the l is an I."""
    letters = [c for c in word if c.isalpha()]
    if "l" not in letters or len(letters) < 2:
        return word
    others = [c for c in letters if c != "l"]
    if others and all(c.isupper() for c in others):
        return word.replace("l", "I")
    return word


def _words(image) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bk-ocr-") as directory:
        path = f"{directory}/page.png"
        image.save(path)
        done = subprocess.run(  # noqa: S603 - fixed arguments, our own file
            [shutil.which("tesseract"), path, "stdout", "-l", LANGUAGES, "tsv"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_PER_PAGE,
            check=True,
        )
    scale = 72 / DPI
    words = []
    for row in csv.DictReader(
        done.stdout.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE
    ):
        text = (row.get("text") or "").strip()
        if not text or float(row.get("conf") or -1) < 0:
            continue
        left, top = int(row["left"]) * scale, int(row["top"]) * scale
        width, height = int(row["width"]) * scale, int(row["height"]) * scale
        words.append(
            {
                "text": capital_i(text),
                "x0": left,
                "x1": left + width,
                "top": top,
                "bottom": top + height,
                "size": height,
                "fontname": "",
            }
        )
    return words
