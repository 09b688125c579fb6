"""A request that met a write conflict and is replayed, logged: how often the
instances of a cluster (or an instance and a command) meet on the same objects."""

from bk.plone import logger
from ZODB.POSException import ConflictError


def log_replayed_conflict(event) -> None:
    error = event.exc_info[1]
    if not (event.retry and isinstance(error, ConflictError)):
        return
    request = event.request
    logger.info(
        "Write conflict replayed: %s %s (attempt %s; oid %s)",
        request.get("REQUEST_METHOD", ""),
        request.get("ACTUAL_URL", ""),
        getattr(request, "retry_count", 0) + 1,
        error.oid.hex() if isinstance(getattr(error, "oid", None), bytes) else "-",
    )
