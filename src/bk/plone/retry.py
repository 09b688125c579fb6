"""Work done again when its commit meets a write conflict: the command line's jobs
meet people's edits and each other, as Zope's requests do."""

from bk.plone import logger
from bk.plone.rollbacks import abort
from collections.abc import Callable
from typing import TypeVar
from ZODB.POSException import ConflictError

import random
import time


T = TypeVar("T")

# Zope replays a conflicting request up to 10 times (zope.conf); so do the jobs.
CONFLICT_ATTEMPTS = 10


def retried_on_conflict(work: Callable[[], T], attempts: int = CONFLICT_ATTEMPTS) -> T:
    """`work()`, which ends its transaction itself (commit or abort); after a
    conflict the transaction is aborted, and after a growing, random pause (two jobs
    do not meet again and again) the work is done again. The last attempt's conflict
    is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except ConflictError:
            abort()
            if attempt == attempts:
                raise
            logger.info(
                "Write conflict; the work is done again (attempt %s)", attempt + 1
            )
            time.sleep(random.uniform(0, min(2.0, 0.05 * 2**attempt)))  # noqa: S311
    raise ValueError("attempts must be at least 1")
