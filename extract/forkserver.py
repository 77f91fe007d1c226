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
import sys
from pathlib import Path

# The fork server imports this module too (first): it then dies with the run that started it.
PRELOAD = ["extract.forkserver", "extract.pipeline", "extract.runner"]
# The pid of the run, in the environment the fork server inherits: how the server knows its parent.
_RUN_PID = "EXTRACT_RUN_PID"


def die_with_parent(parent: int | None = None) -> None:
    """Be killed (SIGKILL) when the parent process dies, however it dies (Linux; elsewhere a no-op).

    ``parent`` is the pid the caller knows its parent had; a process whose parent is already gone by
    the time the signal is armed exits at once. Workers and the fork server call it, so that
    ``kill -9`` of a run leaves no process behind.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    if parent is None:
        parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _arm_children_of_this_server() -> None:
    """In the fork server: every child it forks arms its parent-death signal first thing after the fork.

    A worker's own initialiser runs only after it has unpickled its arguments; a run killed in that
    window would otherwise leave the worker behind. The server's pid is taken before each fork, so a
    server that dies during the fork is noticed too.
    """
    server = os.getpid()
    os.register_at_fork(after_in_child=lambda: die_with_parent(server))


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
        os.environ[_RUN_PID] = str(os.getpid())  # read by the server (see the end of this module)
        ctx.set_forkserver_preload(PRELOAD)  # type: ignore[attr-defined]
        _mark_temp_dir()
    return ctx


# multiprocessing keeps the fork server's socket in a ``pymp-*`` folder that the run removes when it
# exits; a run killed with kill -9 cannot. Each run marks its folder with its pid, and the next run
# removes the marked folders of runs that are no longer alive (never a folder it did not mark).
_MARK = "extract-run-"
_swept = False


def _mark_temp_dir() -> None:
    global _swept
    from multiprocessing import util

    folder = Path(util.get_temp_dir())
    if not _swept:
        _swept = True
        sweep_stale_temp_dirs(folder.parent)
    try:
        (folder / f"{_MARK}{os.getpid()}").touch()
    except OSError:
        pass  # unmarked, the folder is only left behind if this run is killed


def sweep_stale_temp_dirs(base: Path) -> int:
    """Remove the ``pymp-*`` folders in ``base`` that killed runs left behind; how many were removed."""
    import shutil

    removed = 0
    try:
        folders = list(base.glob("pymp-*"))
    except OSError:
        return 0
    for folder in folders:
        marks = list(folder.glob(f"{_MARK}*"))
        if not marks or any(_alive(m.name.removeprefix(_MARK)) for m in marks):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: str) -> bool:
    """Whether process ``pid`` exists (a pid that is not a number counts as alive: left alone)."""
    try:
        os.kill(int(pid), 0)
    except ValueError:
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def prestart() -> None:
    """Start the fork server now, in the background (a no-op where there is none)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    context()
    from multiprocessing import forkserver

    forkserver.ensure_running()


if os.environ.get(_RUN_PID) == str(os.getppid()):  # imported in the fork server of a run (PRELOAD)
    die_with_parent(int(os.environ[_RUN_PID]))  # go when the run goes
    _arm_children_of_this_server()  # and so do the workers it forks
