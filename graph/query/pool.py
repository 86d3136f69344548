"""The query workers of `build.py serve`: processes that each hold the store and answer one query
at a time, so that a query past the time limit, or one that crashes the native parser, costs only
its worker, which is replaced.

Workers are started with the 'spawn' method: a fresh interpreter that inherits no thread, lock or
socket of the server (a forked worker kept the listening socket, so the port stayed taken after
the server stopped).
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import sys
import threading
from pathlib import Path

from graph.query.store import QueryError, load_store


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the server dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _work(conn, out: str, limits, allow_service) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C reaches the server, which stops us
    from graph.query.serve import Reply, answer
    try:
        store = load_store(Path(out))
    except (QueryError, OSError, SyntaxError, ValueError) as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            query, accept = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, query, accept, limits, allow_service)
        except Exception as exc:             # a worker must answer, whatever the query did
            reply = Reply(500, "text/plain", f"query failed: {exc}\n".encode())
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class Workers:
    """A few worker processes; ``run`` hands a query to an idle one."""

    def __init__(self, out: Path, limits, size: int = 2, allow_service=(), start_timeout: float = 300):
        self.out, self.limits, self.allow_service = str(out), limits, tuple(allow_service)
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.live: dict = {}                  # pid -> process, every worker not yet reaped
        self.closed = False
        self.quads = 0
        try:
            for _ in range(size):
                proc, conn = self._spawn()
                self.quads = self._ready(proc, conn, start_timeout)
                self.idle.put((proc, conn))
        except BaseException:
            self.close()
            raise

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_work, args=(child, self.out, self.limits, self.allow_service),
                                daemon=True, name="mandate-graph query worker")
        proc.start()
        child.close()
        proc.fresh = True                     # its first message is "ready" or "error"
        self.live[proc.pid] = proc
        return proc, parent

    def _ready(self, proc, conn, timeout: float) -> int:
        """Wait for a new worker's store; raise QueryError if it cannot load it."""
        if not conn.poll(timeout):
            raise QueryError(f"a query worker did not load the graph within {timeout:g} s", 1)
        try:
            status, value = conn.recv()
        except (EOFError, OSError):
            raise QueryError("a query worker died while loading the graph", 1) from None
        proc.fresh = False
        if status != "ready":
            raise QueryError(value, 1)
        return value

    def _retire(self, proc, conn) -> None:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        conn.close()
        self.live.pop(proc.pid, None)

    def _replace(self, proc, conn):
        """Retire a worker and start another; None once the pool is closed."""
        with self.lock:
            self._retire(proc, conn)
            if self.closed:
                return None
            return self._spawn()

    def run(self, query: str, accept: str):
        from graph.query.serve import Reply
        timeout = self.limits.timeout
        try:
            proc, conn = self.idle.get(timeout=timeout)
        except queue.Empty:
            return Reply(503, "text/plain", b"all query workers are busy; try again\n", (("Retry-After", "1"),))
        if not proc.is_alive():               # died while idle (killed, out of memory): start another
            worker = self._replace(proc, conn)
            if worker is None:
                return _stopping()
            proc, conn = worker
        reply = None
        try:
            if proc.fresh:
                self._ready(proc, conn, timeout + 60)
            conn.send((query, accept))
            if conn.poll(timeout):
                reply = conn.recv()
        except (EOFError, OSError, QueryError):
            reply = False                     # the worker died under this query
        if reply:
            self.idle.put((proc, conn))
            return reply
        worker = self._replace(proc, conn)
        if worker is not None:
            self.idle.put(worker)
        if reply is False:
            return Reply(500, "text/plain", b"query failed: the query worker died running it; "
                                            b"it has been replaced\n")
        return Reply(503, "text/plain",
                     f"query stopped: it ran longer than the time limit of {timeout:g} s\n".encode())

    def close(self) -> None:
        """Kill every worker and wait for it, so that none outlives the server."""
        with self.lock:
            self.closed = True
            procs = list(self.live.values())
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        for proc in procs:
            proc.join(5)
        self.live.clear()


def _stopping():
    from graph.query.serve import Reply
    return Reply(503, "text/plain", b"the server is stopping\n")
