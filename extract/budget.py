"""A document's time budget: the limit a run puts on one document, and the timer that enforces it.

Kept apart from the Extractor so that the command line can show the default without importing it.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType

DEFAULT_TIME_BUDGET = 60.0
"""Seconds one document may take (all stages) before the stage still running is stopped."""


class TooSlow(BaseException):
    """Raised by the budget's alarm inside the stage that overran it (a BaseException, so that no
    stage's own ``except Exception`` swallows it)."""


def alarm(signum: int, frame: FrameType | None) -> None:
    """SIGALRM handler: stop the stage that is running."""
    raise TooSlow


class Budget:
    """A document's time budget: a SIGALRM timer where it can be used, else a check between stages.

    The alarm interrupts a stage wherever it is (Python code, or the regex engine, which checks for
    signals), so one pathological document cannot hold a run; it is used only in the main thread and
    when no other timer is set, and the previous handler is restored afterwards.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.start = time.monotonic()
        self.alarm = False
        self._old: object = None

    def __enter__(self) -> Budget:
        if (self.seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)):
            self._old = signal.signal(signal.SIGALRM, alarm)
            self.alarm = True
        return self

    def elapsed(self) -> float:
        """Seconds since the document started."""
        return time.monotonic() - self.start

    def spent(self) -> bool:
        """Whether the budget is used up (checked between stages)."""
        return bool(self.seconds) and self.elapsed() > self.seconds  # type: ignore[operator]

    def arm(self) -> None:
        """Set the alarm for what is left of the budget."""
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, max(self.seconds - self.elapsed(), 0.001))  # type: ignore[operator]

    def disarm(self) -> None:
        """Cancel the alarm (a stage finished in time)."""
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> bool:
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)  # type: ignore[arg-type]
        # An alarm that went off between a stage's end and its disarm ends the stages there, no more.
        return exc_type is TooSlow
