"""Where the chunks are annotated: processes on this machine, or a Dask cluster.

Both engines run :func:`.worker.annotate_chunk` on each chunk and yield the
results as they finish, with a bounded number of chunks in flight (so that
memory stays flat whatever the corpus size). The writer commits each result;
the order of completion does not change the store.
"""
from __future__ import annotations

import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Iterable, Iterator

from ..errors import InputError
from ..entities.gazetteer import Gazetteer
from .worker import Item, annotate_chunk

Task = tuple[str, list[Item]]
ENGINES = ("local", "dask")


def default_workers() -> int:
    """One worker per available core."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _exit_with_parent(parent: int) -> None:
    """Leave when the run that started this worker is gone (killed with -9, say): a
    worker never outlives its run. Linux's parent-death signal does it at once; a
    thread watching the parent's id covers the rest."""
    import threading

    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def _worker_setup(gazetteer: Gazetteer, parent: int | None = None) -> None:
    if parent is not None:
        _exit_with_parent(parent)
    from ..entities import ner as entities

    entities._matcher(gazetteer)  # load the model once per process, not per chunk


def run_local(tasks: Iterable[Task], gazetteer: Gazetteer, workers: int) -> Iterator[tuple[str, dict]]:
    """Annotate chunks in ``workers`` processes of this machine."""
    setup = (gazetteer, os.getpid())
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_setup, initargs=setup) as pool:
        pending: dict = {}
        source = iter(tasks)
        for chunk, items in _take(source, 2 * workers):
            pending[pool.submit(annotate_chunk, items, gazetteer)] = chunk
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                for next_chunk, items in _take(source, 1):
                    pending[pool.submit(annotate_chunk, items, gazetteer)] = next_chunk
                yield chunk, future.result()


@contextmanager
def dask_client(scheduler: str | None, workers: int | None):
    """A client of the scheduler at ``scheduler``, or of a new ``LocalCluster`` of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - distributed is a declared dependency
        raise InputError(None, "--engine dask needs the 'distributed' package") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise InputError(None, f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=50) as cluster, Client(cluster) as client:
        yield client


def run_dask(tasks: Iterable[Task], gazetteer: Gazetteer, client) -> Iterator[tuple[str, dict]]:
    """Annotate chunks as Dask tasks (one task per chunk), about two per worker in flight."""
    from distributed import as_completed

    client.run(_worker_setup, gazetteer)
    slots = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    gaz = client.scatter(gazetteer, broadcast=True)
    source = iter(tasks)
    futures = {}
    for chunk, items in _take(source, slots):
        futures[client.submit(annotate_chunk, items, gaz, key=f"annotate-{chunk}", pure=False)] = chunk
    queue = as_completed(list(futures))
    for future in queue:
        chunk = futures.pop(future)
        for next_chunk, items in _take(source, 1):
            new = client.submit(annotate_chunk, items, gaz, key=f"annotate-{next_chunk}", pure=False)
            futures[new] = next_chunk
            queue.add(new)
        result = future.result()
        future.release()
        yield chunk, result


def _take(source: Iterator[Task], n: int) -> list[Task]:
    out = []
    for _ in range(n):
        try:
            out.append(next(source))
        except StopIteration:
            break
    return out
