"""`newsstream eval`: entity, place, sanctions and list-hit figures beside baselines, on ../shared."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from streams.cli.console import err, fail, settings_of


class Section(str, Enum):
    entities = "entities"
    places = "places"
    geo = "geo"
    sanctions = "sanctions"
    lists = "lists"


def evaluate(
    ctx: typer.Context,
    json_path: Path = typer.Option(Path("eval.json"), "--json", dir_okay=False, metavar="FILE", help="Where to write the figures."),
    reuters_limit: Optional[int] = typer.Option(
        None, "--reuters-limit", min=1, metavar="N", help="Only the first N Reuters articles with gold places."),
    only: Optional[List[Section]] = typer.Option(
        None, "--only", help="Run only this section (repeatable); all five by default."),
    errors: bool = typer.Option(
        False, "--errors", help="Instead of the figures, list the tuning half's place misses and far answers "
                                "(the geo section; never the test half)."),
) -> int:
    """Entity, place, sanctions and list-hit figures beside baselines, on ../shared."""
    from rich.console import Console
    from rich.table import Table

    from streams import evaluation
    from streams.enrichment.enrich import Enricher, load_pipeline

    settings = settings_of(ctx)
    sections = [section.value for section in only] if only else list(evaluation.SECTIONS)
    enricher = Enricher.from_settings(settings)
    if errors:
        from streams.evaluation.places import print_tune_errors

        try:
            print_tune_errors(enricher, typer.echo)
        except FileNotFoundError as exc:
            fail(str(exc))
        return 0
    bare = load_pipeline(settings.spacy_model, bare=True)
    try:
        results = evaluation.run(enricher, bare, reuters_limit, lambda step: err.print(f"\\[eval] {step}"),
                                 sections=sections)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    results["settings"] = {"model": settings.spacy_model, "reuters_limit": reuters_limit, "sections": sections}
    table = Table(title=f"newsstream eval ({enricher.model_name} {enricher.model_version})")
    for column in ("figure", "ours", "baseline", "ours - baseline"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for row in evaluation.rows_for_table(results):
        table.add_row(*row)
    Console(highlight=False, width=160).print(table)
    json_path.write_text(json.dumps(results, indent=2))
    err.print(f"figures written to {json_path}")
    return 0
