"""`newsstream ingest serve`: the HTTP endpoint taking articles onto the raw topic."""
from __future__ import annotations

import typer

from streams.cli.console import configure_logging, fail, settings_of

app = typer.Typer(help="HTTP endpoint taking articles onto the raw topic.", no_args_is_help=True)


@app.command()
def serve(ctx: typer.Context) -> int:
    """Serve POST /v1/articles (tokens from NEWSSTREAM_INGEST_TOKENS_FILE) until stopped."""
    from streams.ingest.auth import TokensError, load_tokens

    settings = settings_of(ctx)
    try:
        tokens = load_tokens(settings.ingest_tokens_file)
    except TokensError as exc:
        fail(f"ingest: {exc}")
    configure_logging(settings)
    from streams.ingest.server import serve as serve_ingest

    return serve_ingest(settings, tokens)
