"""`newsstream feeds run|check --config FILE`: poll RSS/Atom feeds onto the raw topic, each item once."""
from __future__ import annotations

from pathlib import Path

import typer

from streams.cli.console import configure_logging, err, fail, settings_of

app = typer.Typer(help="Poll RSS/Atom feeds onto the raw topic, each item once.", no_args_is_help=True)

CONFIG_HELP = "The feeds file (start from deploy/feeds.example.yml)."


def config_option() -> Path:
    return typer.Option(..., "--config", exists=True, dir_okay=False, readable=True, help=CONFIG_HELP)


def load_config(path: Path | str):
    """The feeds file, or exit 2 with what is wrong in it."""
    from streams.feeds.config import FeedsConfigError, load_feeds

    try:
        return load_feeds(path)
    except FeedsConfigError as exc:
        fail(f"feeds: {exc}")


@app.command()
def run(ctx: typer.Context, config: Path = config_option()) -> int:
    """Poll the feeds of the file until stopped."""
    settings = settings_of(ctx)
    feeds = load_config(config)
    err.print(f"{len(feeds.feeds)} feeds from {feeds.source}; articles to {settings.topics.raw}, seen ids in "
              f"{settings.app_id}-feeds-seen; metrics on http://{settings.metrics_host}:{settings.feeds_metrics_port}/metrics")
    configure_logging(settings)
    from streams.feeds.poller import run as run_poller

    return run_poller(settings, feeds)


@app.command()
def check(ctx: typer.Context, config: Path = config_option()) -> int:
    """Validate the feeds file and list its feeds (name, URL, interval, text source)."""
    settings_of(ctx)  # a bad environment fails here as for every command
    for feed in load_config(config).feeds:
        print(f"{feed.name}\t{feed.url}\tevery {feed.interval:g}s\t"
              f"{'full text' if feed.fetch_full_text else 'feed text'}")
    return 0
