"""`newsstream worker`: the Faust worker in the foreground."""
from __future__ import annotations

import typer

from streams.cli.console import fail, say, settings_of
from streams.settings import Settings


def worker(ctx: typer.Context) -> int:
    """Run the Faust worker in the foreground, metrics on NEWSSTREAM_METRICS_HOST:PORT."""
    return start_worker(settings_of(ctx))


def start_worker(settings: Settings) -> int:
    from streams.runtime.worker import WorkerStartError, prepare_worker, run_worker

    try:
        app = prepare_worker(settings, say)
    except WorkerStartError as exc:
        fail(str(exc))
    return run_worker(settings, app, say)
