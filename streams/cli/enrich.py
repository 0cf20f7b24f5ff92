"""`newsstream enrich [PATH...]`: the enrichment offline, no broker: enriched records as JSON lines on stdout."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import List

import orjson
import typer

from streams.cli.console import err, fail, progress_bar, settings_of


def enrich(
    ctx: typer.Context,
    paths: List[Path] = typer.Argument(
        None, metavar="PATH", exists=True, allow_dash=True, readable=True, show_default=False, path_type=str,
        help="JSON, JSONL or text files, folders, or - for stdin (the default).",
    ),
) -> int:
    """Enrich articles offline (no broker), JSON lines to stdout."""
    from streams.enrichment.enrich import Enricher, ModelNotInstalled
    from streams.records.decode import Limits
    from streams.records.sources import count_lines, read_articles
    from streams.runtime.offline import enriched_batches

    settings = settings_of(ctx)
    names = [str(path) for path in paths] if paths else ["-"]
    try:
        enricher = Enricher.from_settings(settings)
    except ModelNotInstalled as exc:
        fail(str(exc))
    out = sys.stdout.buffer
    rejected = Counter()
    enriched = 0

    def reject(item, exc) -> None:
        rejected[exc.reason] += 1
        err.print(f"  rejected {item.origin}: {exc.reason}: {exc.error}")

    try:
        with progress_bar(count_lines(names), "enriching") as advance:
            items = (advance() or item for item in read_articles(names))
            for records in enriched_batches(enricher, items, Limits.from_settings(settings), settings.batch_size, reject):
                for record in records:
                    out.write(orjson.dumps(record) + b"\n")
                    enriched += 1
                out.flush()
    except FileNotFoundError as exc:
        fail(str(exc))
    err.print(f"enriched {enriched}, rejected {sum(rejected.values())}" + (f" {dict(rejected)}" if rejected else ""))
    return 0 if enriched or not rejected else 1
