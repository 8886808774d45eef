"""Pausing the cyclic garbage collector around work that builds millions of acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Above this many new objects left from a pause, they are frozen rather than handed to the collector.
FREEZE_FROM = 100_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector (loading, validating or rendering a large register), then restore it.

    What the paused work leaves alive (a loaded register: a million dicts, lists and models, none in a
    cycle) would otherwise meet a collector pass on the first allocation after it, costing about what
    the loading did, and free nothing. Where more than ``FREEZE_FROM`` such objects wait, they are moved
    to the permanent generation (``gc.freeze``) first: reference counting still frees each when it is
    dropped, and no pass looks at them again. Fewer are left to the collector, as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > FREEZE_FROM:
                gc.freeze()
            gc.enable()
