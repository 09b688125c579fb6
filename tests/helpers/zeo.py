"""The ZEO server of an instance, started and stopped as `make start` does it
(scripts/serve.py)."""

from contextlib import contextmanager
from pathlib import Path

import importlib.util


ROOT = Path(__file__).resolve().parents[2]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"scripts/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = _script("serve")
make_instance = _script("make_instance")


@contextmanager
def zeo_server(home: Path):
    """The instance's ZEO server while the block runs (one already running is used
    and left running)."""
    server = serve.start_zeo(home)
    try:
        yield server
    finally:
        serve.stop(server)
