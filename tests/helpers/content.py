"""What a site holds, read by a separate process through any Zope configuration
(FileStorage, ZEO client, RelStorage client): for comparing a database with its
backup, its restore or its conversion."""

from pathlib import Path

import json
import subprocess
import sys


CONTENT = """
import hashlib, json, sys
from argparse import Namespace
from bk.plone.cli import open_site
args = Namespace(zope_conf=sys.argv[1], site="Plone")
with open_site(args, user="admin", commit=False) as session:
    folder = session.site.get(sys.argv[2])
    result = {}
    for resolution in (folder.objectValues() if folder is not None else []):
        if resolution.portal_type != "Resolution":
            continue
        result[resolution.paper_reference] = {
            "title": resolution.title,
            "points": sorted(
                (o.number, o.status_report.raw if o.status_report else "")
                for o in resolution.points()
            ),
            # a bulk import renders the PDFs after its letters: "pending" until then
            "reports": sorted(
                (
                    o.id,
                    o.pdf.data[:5].decode() if o.pdf else "pending",
                    hashlib.sha256(o.pdf.data).hexdigest() if o.pdf else "",
                )
                for o in resolution.objectValues()
                if o.portal_type == "ControlReport"
            ),
        }
    print(json.dumps(result))
"""


def content(conf: Path, folder: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CONTENT, str(conf), folder],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
