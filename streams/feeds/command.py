"""The `newsstream feeds` and `newsstream ingest` commands (registered in streams/cli.py)."""
from __future__ import annotations

import logging


def _logging(settings) -> None:
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("aiokafka", "kafka"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def cmd_feeds(args, settings) -> int:
    from streams.cli import err, fail
    from streams.feeds.config import FeedsConfigError, load_feeds

    try:
        config = load_feeds(args.config)
    except FeedsConfigError as exc:
        fail(f"feeds: {exc}")
    if args.action == "check":
        for feed in config.feeds:
            print(f"{feed.name}\t{feed.url}\tevery {feed.interval:g}s\t"
                  f"{'full text' if feed.fetch_full_text else 'feed text'}")
        return 0
    err.print(f"{len(config.feeds)} feeds from {config.source}; articles to {settings.topics.raw}, seen ids in "
              f"{settings.app_id}-feeds-seen; metrics on http://{settings.metrics_host}:{settings.feeds_metrics_port}/metrics")
    _logging(settings)
    from streams.feeds.poller import run

    return run(settings, config)


def cmd_ingest(args, settings) -> int:
    from streams.cli import fail
    from streams.ingest.auth import TokensError, load_tokens

    try:
        tokens = load_tokens(settings.ingest_tokens_file)
    except TokensError as exc:
        fail(f"ingest: {exc}")
    _logging(settings)
    from streams.ingest.server import serve

    return serve(settings, tokens)


def add_parsers(sub) -> None:
    feeds = sub.add_parser("feeds", help="poll RSS/Atom feeds onto the raw topic, each item once")
    feeds.add_argument("action", choices=["run", "check"], help="run: poll until stopped; check: validate the file")
    feeds.add_argument("--config", required=True, help="the feeds file (see deploy/feeds.example.yml)")
    feeds.set_defaults(func=cmd_feeds)
    ingest = sub.add_parser("ingest", help="HTTP endpoint taking articles onto the raw topic")
    ingest.add_argument("action", choices=["serve"])
    ingest.set_defaults(func=cmd_ingest)


def start_poller_process(config_path: str, settings):
    """`newsstream feeds run --config FILE` as a child of `newsstream run`; the file is checked first."""
    import subprocess
    import sys
    from pathlib import Path

    from streams.cli import err, fail
    from streams.feeds.config import FeedsConfigError, load_feeds

    try:
        config = load_feeds(config_path)
    except FeedsConfigError as exc:
        fail(f"feeds: {exc}")
    log_path = settings.home / "feeds.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [str(Path(sys.executable).with_name("newsstream")), "feeds", "run", "--config", str(config_path)]
    process = subprocess.Popen(command, stdout=open(log_path, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    err.print(f"feed poller started for {len(config.feeds)} feeds (pid {process.pid}); log in {log_path}, metrics on "
              f"http://{settings.metrics_host}:{settings.feeds_metrics_port}/metrics")
    return process


def stop_poller_process(process, timeout_s: float = 15.0) -> None:
    import subprocess

    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
