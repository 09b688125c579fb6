"""The official OParl 1.1 schemas (read from ../shared/oparl/schema beside the
repository, never copied into it) and validation against them."""

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import json
import jsonschema


SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "oparl" / "schema"


def schema(name: str) -> dict:
    path = SCHEMAS / f"{name}.json"
    assert path.exists(), f"the official OParl schemas belong in {SCHEMAS}"
    return json.loads(path.read_text(encoding="utf-8"))


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _url(value) -> bool:
    return urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


@FORMATS.checks("date")
def _date(value) -> bool:
    date.fromisoformat(value)
    return True


def validate(data: dict, name: str) -> None:
    jsonschema.validate(data, schema(name), format_checker=FORMATS)
