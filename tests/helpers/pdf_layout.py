"""Reading a letter's PDF back as a reader and a screen reader meet it: words with
their places on the sheet in millimetres, and the structure tree's text in order."""

from io import BytesIO

import pdfplumber
import re


POINTS_PER_MM = 72 / 25.4


def mm(points: float) -> float:
    return points / POINTS_PER_MM


def pages_of_words(pdf: bytes) -> list[list[dict]]:
    """Per page, its words: text, x0, x1, top, bottom (mm from the top left)."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        return [
            [
                {
                    "text": word["text"],
                    "x0": mm(word["x0"]),
                    "x1": mm(word["x1"]),
                    "top": mm(word["top"]),
                    "bottom": mm(word["bottom"]),
                }
                for word in page.extract_words(keep_blank_chars=False)
            ]
            for page in document.pages
        ]


def word(page: list[dict], text: str) -> dict:
    found = [w for w in page if w["text"] == text]
    assert found, f"{text!r} not on the page: {[w['text'] for w in page][:40]}"
    return found[0]


def marks(pdf: bytes, page_number: int = 0) -> list[float]:
    """The heights (mm) of short horizontal strokes in the left margin."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        page = document.pages[page_number]
        strokes = [*page.lines, *page.curves, *page.rects]
        return sorted(
            round(mm(stroke["top"]), 1)
            for stroke in strokes
            if mm(stroke["x1"]) < 15 and abs(stroke["top"] - stroke["bottom"]) < 2
        )


def structure(pdf: bytes) -> list[tuple[str, str]]:
    """Every element of the structure tree, depth first: (type, its own text)."""
    with pdfplumber.open(BytesIO(pdf)) as document:
        texts = {}
        for number, page in enumerate(document.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (number, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
        elements = []

        def walk(element):
            page = element.get("page_number", 1) - 1
            own = "".join(texts.get((page, m), "") for m in element.get("mcids", []))
            elements.append((element["type"], own))
            for child in element.get("children", []):
                walk(child)

        for root in document.structure_tree:
            walk(root)
        return elements


def text_of(elements, types=None) -> str:
    return " ".join(text for kind, text in elements if types is None or kind in types)


def flat(text: str) -> str:
    """Words only: whitespace, line-end hyphenation and hyphens aside."""
    return re.sub(r"\s+", "", text).replace("-", "").replace("\u00ad", "")
