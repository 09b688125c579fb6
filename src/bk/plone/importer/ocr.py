"""Text recognition for scanned letters: Tesseract (Debian `tesseract-ocr` and
`tesseract-ocr-deu`) reads each page, rendered at 300 dpi by PDFium; its words come
back with their places, as a PDF's text layer gives them (importer/pdf_reader.py)."""

from bk.plone.importer.pdf_reader import Row
from bk.plone.importer.pdf_reader import rows_of
from io import BytesIO

import csv
import os
import re
import shutil
import subprocess
import threading


DPI = 300
LANGUAGES = "deu"
TIMEOUT_PER_PAGE = 120
# A letter has a few pages; a scan of more is not read (memory, time).
MOST_PAGES = 30
# PDFium is not thread-safe: one page at a time in the whole process.
_pdfium = threading.Lock()


class RecognitionUnavailable(RuntimeError):
    """Tesseract or its German language data is not installed."""


class ScanTooLong(ValueError):
    """A scan of more pages than text recognition reads (MOST_PAGES)."""


class RecognitionTooSlow(RuntimeError):
    """Text recognition of a page took longer than TIMEOUT_PER_PAGE."""


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
    if not available():
        raise RecognitionUnavailable
    pages, sizes = [], []
    for image, size in _page_images(data):
        pages.append(rows_of(_words(image)))
        sizes.append(size)
    return pages, sizes


def _page_images(data: bytes):
    import pypdfium2

    with _pdfium:
        document = pypdfium2.PdfDocument(BytesIO(data))
        try:
            if len(document) > MOST_PAGES:
                raise ScanTooLong(len(document))
            rendered = []
            for page in document:
                width, height = page.get_size()
                rendered.append((page.render(scale=DPI / 72).to_pil(), (width, height)))
        finally:
            document.close()
    return rendered


def capital_i(word: str) -> str:
    """In sans-serif type a capital I and a small l look alike; in a reference of
    capitals and digits ("RB-VIl/45") the l is an I. Words stay ("BGBl.")."""
    letters = [c for c in word if c.isalpha()]
    if "l" not in letters or len(letters) < 2 or not re.search(r"[\d/]", word):
        return word
    others = [c for c in letters if c != "l"]
    if others and all(c.isupper() for c in others):
        return word.replace("l", "I")
    return word


def _words(image) -> list[dict]:
    picture = BytesIO()
    image.save(picture, format="PNG")
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, the page on stdin
            [shutil.which("tesseract"), "stdin", "stdout", "-l", LANGUAGES, "tsv"],
            input=picture.getvalue(),
            capture_output=True,
            timeout=TIMEOUT_PER_PAGE,
            check=True,
            # one core per page: the site goes on serving beside it
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired as error:
        raise RecognitionTooSlow from error
    scale = 72 / DPI
    words = []
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
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
