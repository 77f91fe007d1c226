"""A document's time budget: the limit a run puts on one document, and the timer that enforces it.

Kept apart from the Extractor so that the command line can show the default without importing it.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

DEFAULT_TIME_BUDGET = 60.0
"""Seconds one document may take (all stages) before the stage still running is stopped."""


class TooSlow(BaseException):
    """Raised by the budget's alarm inside the stage that overran it (a BaseException, so that no
    stage's own ``except Exception`` swallows it)."""


class Budget:
    """Documents' time budgets: a SIGALRM timer where it can be used, else a check between stages.

    The alarm interrupts a stage wherever it is (Python code, or the regex engine, which checks for
    signals), so one pathological document cannot hold a run; it is used only in the main thread and
    when no other timer is set, and the previous handler is restored afterwards. The caller counts
    each document's stage time and arms the alarm for what is left of it. An alarm that rings after
    ``disarm`` (delivered late) is ignored, so ``TooSlow`` is raised only inside an armed stage.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.alarm = False
        self._armed = False
        self._old: object = None

    def __enter__(self) -> Budget:
        if (self.seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)):
            self._old = signal.signal(signal.SIGALRM, self._ring)
            self.alarm = True
        return self

    def _ring(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            self._armed = False
            raise TooSlow

    def spent(self, used: float) -> bool:
        """Whether a document that has used ``used`` seconds is over the budget (checked between stages)."""
        return bool(self.seconds) and used > self.seconds  # type: ignore[operator]

    def arm(self, used: float) -> None:
        """Set the alarm for what is left of the budget of a document that has used ``used`` seconds."""
        if self.alarm:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, max(self.seconds - used, 0.001))  # type: ignore[operator]

    def disarm(self) -> None:
        """Cancel the alarm (a stage finished in time)."""
        if self.alarm:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, *exc: object) -> None:
        if self.alarm:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)  # type: ignore[arg-type]
