"""The ZEO server of an instance, started and stopped as `make start` does it
(scripts/serve.py)."""

from contextlib import contextmanager
from pathlib import Path

import importlib.util
import sys


ROOT = Path(__file__).resolve().parents[2]


def script(name: str):
    """scripts/<name>.py as a module; the scripts import each other as they do when
    run, from their own folder."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.append(str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(
        f"bk_scripts_{name}", ROOT / f"scripts/{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = script("serve")
make_instance = script("make_instance")


@contextmanager
def zeo_server(home: Path):
    """The instance's ZEO server while the block runs (one already running is used
    and left running)."""
    server = serve.start_zeo(home)
    try:
        yield server
    finally:
        serve.stop(server)
