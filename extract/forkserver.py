"""The multiprocessing context of the ``--jobs`` workers, and starting its fork server early.

Workers are forked from a fork server that has already imported spaCy and the stages, so each
starts warm. The server takes about a second to import them; ``prestart`` launches it before the
main process does its own imports, so the two happen side by side instead of one after the other.
This module imports nothing heavy.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os

PRELOAD = ["extract.pipeline", "extract.runner"]


def default_jobs() -> int:
    """How many worker processes ``--jobs`` defaults to: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform has sched_getaffinity
        return max(1, os.cpu_count() or 1)


def context(start_method: str | None = None) -> multiprocessing.context.BaseContext:
    """The context workers start from: ``forkserver`` (preloaded) where the platform has it, else ``spawn``."""
    method = start_method or (
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)  # type: ignore[attr-defined]
    return ctx


def prestart() -> None:
    """Start the fork server now, in the background (a no-op where there is none)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    context()
    from multiprocessing import forkserver

    forkserver.ensure_running()
