"""`newsstream topics`: create the pipeline's topics where missing."""
from __future__ import annotations

import typer

from streams.cli.console import settings_of


def topics(ctx: typer.Context) -> int:
    """Create the pipeline's topics where missing; print each with 'created' or 'exists'."""
    from streams.ops.kafka_admin import ensure_topics

    settings = settings_of(ctx)
    created = ensure_topics(settings)
    for name in settings.topics.all():
        print(f"{name}\t{'created' if name in created else 'exists'}")
    return 0
