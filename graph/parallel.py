"""Where the per-document analysis runs: in this process (``--jobs 1``), in worker processes
(``--jobs N``; each loads the lexicon once) or on a Dask distributed cluster (``--scheduler
ADDRESS``; the lexicon is sent to every worker once). Results come back in the order of the
tasks, so the output does not depend on where or in which order the documents were analysed.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from graph.cache import Task, analyse_task, code_hash
from graph.lexicon import Lexicon

_LEXICON: Lexicon | None = None          # a worker process's lexicon, loaded once


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
    """Each task's ``AnalysedDocument`` (or ``ReadError``), in the order of ``tasks``."""
    if not tasks:
        return iter(())
    if scheduler:
        return _on_dask(tasks, lexicon, scheduler)
    if jobs <= 1 or len(tasks) == 1:
        return (analyse_task(t, lexicon) for t in tasks)
    return _in_processes(tasks, lexicon, min(jobs, len(tasks)))


def _in_processes(tasks: list[Task], lexicon: Lexicon, jobs: int) -> Iterator:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(lexicon.folders,)) as pool:
        yield from pool.map(_in_worker, tasks, chunksize=1)


def _on_dask(tasks: Iterable[Task], lexicon: Lexicon, address: str) -> Iterator:
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
        futures = [client.submit(analyse_task, t, shared, key=f"analyse-{t.key}", pure=False) for t in tasks]
        for future in futures:
            yield future.result()
            future.release()
    finally:
        client.close()
