"""`newsstream run`: what `make run` promises: broker (unless external), topics, Prometheus, worker."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from streams.cli.console import err, settings_of
from streams.cli.worker import start_worker
from streams.settings import Settings


def run(
    ctx: typer.Context,
    feeds: Optional[Path] = typer.Option(
        None, "--feeds", metavar="FILE", exists=True, dir_okay=False, readable=True,
        help="Also poll the feeds of FILE beside the worker (`newsstream feeds run --config FILE`).",
    ),
) -> int:
    """Start Kafka (unless external), create topics and run the worker; Ctrl-C stops it all."""
    from streams.ops import localkafka

    settings = settings_of(ctx)
    started_kafka = localkafka.start(settings)
    prometheus = poller = None
    try:
        if feeds is not None:  # `make run FEEDS=path`: the feed poller beside the worker
            poller = start_poller(feeds, settings)
        prometheus = start_local_prometheus(settings)
        return start_worker(settings)
    except KeyboardInterrupt:
        return 130
    finally:
        if poller is not None:
            from streams.feeds.child import stop_poller_process

            stop_poller_process(poller)
        if prometheus is not None:
            prometheus.terminate()
            prometheus.wait(timeout=30)
        if started_kafka:
            localkafka.stop(settings)


def start_poller(config_path: Path, settings: Settings):
    """The feed poller as a child process; its file is checked first (exit 2 when it is wrong)."""
    from streams.cli.feeds import load_config
    from streams.feeds.child import start_poller_process

    config = load_config(config_path)
    process, log_path = start_poller_process(config_path, settings)
    err.print(f"feed poller started for {len(config.feeds)} feeds (pid {process.pid}); log in {log_path}, metrics on "
              f"http://{settings.metrics_host}:{settings.feeds_metrics_port}/metrics")
    return process


def start_local_prometheus(settings: Settings):
    """Prometheus scraping this worker, when it is installed; None (and how to get it) when not."""
    from streams.ops import localprometheus

    if not localprometheus.binary():
        err.print(f"Prometheus not started: {localprometheus.INSTALL_HINT}")
        return None
    directory = settings.home / "prometheus"
    try:
        process = localprometheus.start(settings, directory, settings.prometheus_listen, directory / "prometheus.log")
    except (RuntimeError, OSError) as exc:
        err.print(f"Prometheus not started: {exc}")
        return None
    err.print(
        f"Prometheus on http://{settings.prometheus_listen} — try rate(newsstream_articles_enriched_total[1m]); "
        f"data and log in {directory}"
    )
    return process
