"""Finders of active content in what bk.plone serves. Each returns a list of what it
found that carries the payload marker (Plone's own scripts are not our business)."""

from io import BytesIO
from lxml import html as lxml_html

import zipfile


MARKER = "bkxss"

PAYLOADS = [
    f"<script>alert('{MARKER}')</script>",
    f'<img src="x" onerror="alert(\'{MARKER}\')">',
    f"<a href=\"javascript:alert('{MARKER}')\">Link</a>",
    f"<svg onload=\"alert('{MARKER}')\"></svg>",
    f"\"><script>alert('{MARKER}')</script>",
    f"<iframe src=\"javascript:alert('{MARKER}')\"></iframe>",
    f"<p style=\"background:url(javascript:alert('{MARKER}'))\">Text</p>",
    f"<details open ontoggle=\"alert('{MARKER}')\">x</details>",
    f"<math><mtext><table><mglyph><style><img src=x onerror=alert('{MARKER}')>",
    f"<object data=\"data:text/html,<script>alert('{MARKER}')</script>\"></object>",
    f"<form action=\"javascript:alert('{MARKER}')\"><button>x</button></form>",
    f"<a href=\"  JaVaScRiPt:alert('{MARKER}')\">x</a>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
EMBEDDING_TAGS = {"script", "iframe", "object", "embed", "frame", "base"}


def active_in_html(text: str) -> list[str]:
    if not text.strip():
        return []
    root = lxml_html.fromstring(text)
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in EMBEDDING_TAGS and MARKER in lxml_html.tostring(
            element, encoding="unicode"
        ):
            found.append(f"<{tag}> element")
        for name, value in element.attrib.items():
            name = name.lower()
            if MARKER not in value:
                continue
            compact = "".join(value.split()).lower()
            if name.startswith("on"):
                found.append(f"{tag} {name}=")
            elif name in URL_ATTRIBUTES and compact.startswith(ACTIVE_SCHEMES):
                found.append(f"{tag} {name}={value[:30]}")
            elif name == "style" and (
                "javascript:" in compact or "expression(" in compact
            ):
                found.append(f"{tag} style=")
    return found


def active_in_fragment(text: str) -> list[str]:
    return active_in_html(f"<div>{text}</div>") if text else []


def active_in_pdf(data: bytes) -> list[str]:
    """Every object of the PDF: no JavaScript, launch or javascript: link actions,
    no document-open or additional actions."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import IndirectObject

    reader = PdfReader(BytesIO(data))
    found, seen, stack = [], set(), [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key in ("/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA"):
                if key in node:
                    found.append(key)
            if node.get("/S") in ("/JavaScript", "/Launch", "/SubmitForm"):
                found.append(str(node.get("/S")))
            uri = str(node.get("/URI", "")).replace(" ", "").lower()
            if uri.startswith(ACTIVE_SCHEMES):
                found.append(f"/URI {uri[:30]}")
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found


def active_in_docx(data: bytes) -> list[str]:
    """No macros, no embedded HTML (altChunk), no javascript: link targets, no
    HYPERLINK fields to script."""
    found = []
    with zipfile.ZipFile(BytesIO(data)) as package:
        for name in package.namelist():
            lower = name.lower()
            if "vbaproject" in lower or lower.endswith(
                (".bin", ".html", ".htm", ".mht")
            ):
                found.append(name)
            if not lower.endswith((".xml", ".rels")):
                continue
            xml = package.read(name).decode("utf-8").lower()
            if "altchunk" in xml:
                found.append(f"{name}: altChunk")
            compact = "".join(xml.split())
            for scheme in ACTIVE_SCHEMES:
                if f'target="{scheme}' in compact or f'hyperlink"{scheme}' in compact:
                    found.append(f"{name}: {scheme}")
    return found


def html_strings(value, key=""):
    """The strings of a REST answer that are HTML for the client to insert:
    rich text values and the letter's filtered fields."""
    if isinstance(value, dict):
        if "data" in value and "content-type" in value:
            yield value["data"]
        for name, item in value.items():
            yield from html_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from html_strings(item, key)
    elif isinstance(value, str) and key in ("resolution_text", "status_report"):
        yield value
