"""Where the per-document analysis runs: in this process (``--jobs 1``), in worker processes
(``--jobs N``; each loads the lexicon once) or on a Dask distributed cluster (``--scheduler
ADDRESS``; the lexicon is sent to every worker once). Results come back in the order of the
tasks, so the output does not depend on where or in which order the documents were analysed.
A task's bytes are read just before it is sent, and only a few tasks per worker are in flight,
so neither the corpus's bytes nor its analysed documents pile up in the build's memory.
After populate, ``Beside`` runs one step (the views) in a child process while the build goes on.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

from graph.cache import Task, analyse_task, code_hash
from graph.lexicon import Lexicon
from graph.records import ReadError

_LEXICON: Lexicon | None = None          # a worker process's lexicon, loaded once
AHEAD = 4                                # tasks in flight per worker process
DASK_AHEAD = 256                         # tasks in flight on a cluster


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _init_worker(folders: tuple[Path, ...]) -> None:
    global _LEXICON
    _LEXICON = Lexicon.load(folders)


def _in_worker(task: Task):
    return analyse_task(task, _LEXICON)


def run_tasks(tasks: list[Task], lexicon: Lexicon, *, jobs: int = 1, scheduler: str | None = None) -> Iterator:
    """(task, its ``AnalysedDocument`` or ``ReadError``) for each task, in the order of ``tasks``;
    the task as analysed, its bytes read again (``Task.loaded``: its key is that of those bytes)."""
    if not tasks:
        return iter(())
    if scheduler:
        return _on_dask(tasks, lexicon, scheduler)
    if jobs <= 1 or len(tasks) == 1:
        return _in_order(tasks, lambda t: _Done(analyse_task(t, lexicon)), ahead=1)
    return _in_processes(tasks, lexicon, min(jobs, len(tasks)))


class _Done:
    """A result that is already there, as a future's."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _in_order(tasks: list[Task], submit: Callable, *, ahead: int, release: Callable = lambda f: None) -> Iterator:
    """Submit the tasks, at most ``ahead`` of them unanswered; yield (task, result) in order."""
    pending: deque = deque()
    for task in tasks:
        try:
            task = task.loaded()
            future = submit(task)
        except OSError as exc:                # gone or unreadable since the build looked at it
            future = _Done(ReadError(task.path, f"cannot read: {exc.strerror or exc}"))
        pending.append((task, future))
        while len(pending) >= ahead:
            yield _answer(pending.popleft(), release)
    while pending:
        yield _answer(pending.popleft(), release)


def _answer(item, release):
    task, future = item
    result = future.result()
    release(future)
    return task, result


def _in_processes(tasks: list[Task], lexicon: Lexicon, jobs: int) -> Iterator:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(lexicon.folders,)) as pool:
        yield from _in_order(tasks, lambda t: pool.submit(_in_worker, t), ahead=AHEAD * jobs)


def _on_dask(tasks: list[Task], lexicon: Lexicon, address: str) -> Iterator:
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("--scheduler needs Dask: pip install 'mandate-graph[cluster]'") from None
    try:
        client = Client(address, timeout=30, set_as_default=False)
    except OSError as exc:
        raise ValueError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from None
    try:
        other = sorted(w for w, h in client.run(code_hash).items() if h != code_hash())
        if other:          # their analysis would not be this code's, and the cache would mix them
            raise ValueError(f"--scheduler {address}: worker(s) {', '.join(other)} run other code than this "
                             f"build; install the same release of mandate-graph on every worker")
        shared = client.scatter(lexicon, broadcast=True)      # one copy per worker, not per task
        submit = lambda t: client.submit(analyse_task, t, shared, key=f"analyse-{t.key}", pure=False)
        yield from _in_order(tasks, submit, ahead=DASK_AHEAD, release=lambda f: f.release())
    finally:
        client.close()


class Beside:
    """``function(*args)`` run in a child process (spawned: it shares no state or open handle with
    the build) while the build goes on; ``result()`` waits for its return value or raises its
    error, ``stop()`` ends it if it still runs."""

    def __init__(self, function: Callable, *args):
        context = multiprocessing.get_context("spawn")
        self._answer, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_beside, args=(sender, function, args), daemon=True)
        self._process.start()
        sender.close()                       # the child holds the only sending end: EOF if it dies

    def result(self):
        try:
            failed, value = self._answer.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the child process died (exit code {self._process.exitcode})") from None
        self._process.join()
        if failed:
            raise value
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._answer.close()


def _beside(sender, function: Callable, args: tuple) -> None:
    _die_with_the_build()
    try:
        answer = (False, function(*args))
    except BaseException as exc:             # given to the build, which reports it as its own
        answer = (True, exc)
    sender.send(answer)
    sender.close()


def _die_with_the_build() -> None:
    """On Linux the child is killed with the build (PR_SET_PDEATHSIG), so a build killed while
    the child writes leaves nothing writing into its staged output."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):       # another system: the child ends when its work does
        pass
