"""`newsstream publish PATH...`: push articles from files onto the raw topic."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from streams.cli.console import TOPIC_ROLES, err, fail, progress_bar, resolve_topic, settings_of


def publish(
    ctx: typer.Context,
    paths: List[Path] = typer.Argument(
        ..., metavar="PATH", exists=True, allow_dash=True, readable=True, show_default=False, path_type=str,
        help="JSON, JSONL or text files (first line = title), folders, or - for stdin.",
    ),
    topic: Optional[str] = typer.Option(
        None, "--topic", help="Topic or role to publish to (default: the raw topic).",
        autocompletion=lambda: list(TOPIC_ROLES),
    ),
) -> int:
    """Push articles from files onto the raw topic; print a summary of sent and rejected."""
    from kafka.errors import KafkaError

    from streams.ops.publish import PublishFailed, open_producer, publish_items
    from streams.records.sources import count_lines, read_articles

    settings = settings_of(ctx)
    names = [str(path) for path in paths]
    target = resolve_topic(topic, settings) if topic else settings.topics.raw
    try:
        producer = open_producer(settings)
    except KafkaError as exc:
        fail(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc}. Is it running (`newsstream kafka status`)?")
    try:
        with progress_bar(count_lines(names), f"publishing to {target}") as advance:
            result = publish_items(producer, target, read_articles(names), settings, advance)
    except FileNotFoundError as exc:
        fail(str(exc))
    except PublishFailed as exc:
        fail(f"publishing to {target} failed after {exc.sent} articles: {exc}")
    finally:
        producer.close(timeout=10)
    for line in result.failures:
        err.print(f"  rejected {line}")
    print(json.dumps(result.summary()))
    return 0 if result.sent or not result.rejected else 1
