"""What every command shares: the stderr console, one-line failures, progress bars and the loaded settings."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from streams.settings import Settings

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]newsstream:[/] {message}", soft_wrap=True)  # one line, whatever the terminal width
    raise SystemExit(code)


def say(text: str) -> None:
    err.print(text)


@contextmanager
def progress_bar(total: int | None, what: str) -> Iterator[Callable[..., None]]:
    columns = [TextColumn(f"{what}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task(what, total=total)
        yield lambda n=1: progress.advance(task, n)


@dataclass(frozen=True)
class SettingsUnavailable:
    """What the entry found wrong with the environment; a command that needs the settings fails with it."""

    reason: str


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the entry loaded once (ctx.obj); a bad environment stops the command here with exit 2.

    Failing here rather than in the entry keeps `newsstream CMD --help` working with a broken environment,
    and reports a wrong option before a wrong setting, as the command always did.
    """
    loaded = ctx.obj
    if isinstance(loaded, SettingsUnavailable):
        fail(loaded.reason)
    if not isinstance(loaded, Settings):
        raise RuntimeError("no settings in the context: run the command through streams.cli.app")
    return loaded


def resolve_topic(name: str, settings: Settings) -> str:
    """Accept a role ('enriched', 'sanctions', 'alerts.sanctions', 'deadletter', ...) or a literal topic name."""
    roles = {
        "raw": settings.topics.raw,
        "enriched": settings.topics.enriched,
        "sanctions": settings.topics.alerts_sanctions,
        "alerts.sanctions": settings.topics.alerts_sanctions,
        "watchlist": settings.topics.alerts_watchlist,
        "alerts.watchlist": settings.topics.alerts_watchlist,
        "deadletter": settings.topics.deadletter,
    }
    return roles.get(name, name)


TOPIC_ROLES = ("raw", "enriched", "sanctions", "watchlist", "deadletter")


def configure_logging(settings: Settings) -> None:
    """Log lines for the long-running services (feeds, ingest); the Kafka clients only from WARNING up."""
    import logging

    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("aiokafka", "kafka"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
