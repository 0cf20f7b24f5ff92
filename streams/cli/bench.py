"""`newsstream bench`: throughput and latency of bare spaCy, offline enrichment and the Kafka pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from streams.cli.console import err, fail, settings_of
from streams.ops.bench import DEFAULT_CORPUS


def worker_counts(value: str) -> list[int]:
    """'1,2' -> [1, 2]; '' -> [] (no Kafka runs)."""
    try:
        counts = [int(n) for n in value.split(",")] if value.strip() else []
    except ValueError:
        raise typer.BadParameter(f"{value!r}: give worker counts such as 1,2") from None
    if any(n < 1 for n in counts):
        raise typer.BadParameter(f"{value!r}: worker counts are 1 or more")
    return counts


def bench(
    ctx: typer.Context,
    corpus: Path = typer.Option(
        DEFAULT_CORPUS, "--corpus", exists=True, dir_okay=False, readable=True, metavar="FILE",
        show_default="../shared/data/news/bbc-2005.jsonl",
        help="JSON lines with a 'body' per article.",
    ),
    articles: int = typer.Option(500, "--articles", min=1, metavar="N", help="Articles in each run."),
    workers: str = typer.Option(
        "1,2", "--workers", callback=worker_counts, metavar="N,N...", help="Worker counts for the Kafka runs, e.g. 1,2 (empty: none)."),
    latency_articles: int = typer.Option(150, "--latency-articles", min=1, metavar="N", help="Articles in each paced latency phase."),
    batch_size: Optional[int] = typer.Option(
        None, "--batch-size", min=1, metavar="N", help="NLP batch size (default: NEWSSTREAM_BATCH_SIZE)."),
    repeat: int = typer.Option(
        3, "--repeat", min=1, metavar="N", help="Rounds of every run; each figure is reported as median and spread."),
    json_path: Optional[Path] = typer.Option(None, "--json", dir_okay=False, metavar="FILE", help="Write the figures here."),
    kafka_only: bool = typer.Option(
        False, "--kafka-only", help="Skip the bare and offline runs (e.g. a long run for RSS over 5,000 articles)."),
) -> int:
    """Throughput and latency of bare spaCy, offline enrichment and the Kafka pipeline, side by side."""
    from streams.ops.bench import run_bench

    settings = settings_of(ctx)
    try:
        run_bench(settings, corpus=corpus, articles=articles, workers=workers, latency_articles=latency_articles,
                  batch_size=batch_size, repeat=repeat, kafka_only=kafka_only, json_path=json_path,
                  say=lambda text: err.print(f"\\[bench] {text}"))
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    return 0
