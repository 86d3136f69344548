"""Progress of a long step (the analysis of a corpus, a push): on a terminal one line redrawn in
place, a bar with the count, the rate and the time left; in logs and CI a plain line at every
tenth of the way."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, *, unit: str = "docs", stream=None, tty: bool | None = None):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.done, self.t0, self._shown, self._drawn = 0, time.perf_counter(), 0, 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.total <= 0:
            return
        if self.tty:
            now = time.perf_counter()
            if now - self._drawn >= 0.1 or self.done >= self.total:
                self._drawn = now
                self.stream.write("\r" + self.line(width=30) + "\033[K")
                self.stream.flush()
        else:
            tenth = self.done * 10 // self.total
            if tenth > self._shown and self.total >= 10:
                self._shown = tenth
                print(self.line(), file=self.stream, flush=True)

    def line(self, width: int = 0) -> str:
        elapsed = time.perf_counter() - self.t0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        share = self.done / self.total if self.total else 1.0
        bar = ""
        if width:
            full = int(share * width)
            bar = "[" + "#" * full + "." * (width - full) + "] "
        return (f"{self.label:<9} {bar}{self.done}/{self.total} {self.unit} ({share:.0%}), "
                f"{rate:.1f}/s, {_duration(left)} left")

    def log(self, msg: str, log) -> None:
        """A log line that does not mix with the bar: the bar is cleared first."""
        if self.tty and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()
        log(msg)

    def close(self) -> None:
        if self.tty and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"
