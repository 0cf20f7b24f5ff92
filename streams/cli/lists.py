"""`newsstream lists update`: the sanctions lists for entity matching."""
from __future__ import annotations

import typer

from streams.cli.console import fail, say, settings_of
from streams.settings import Settings

app = typer.Typer(help="Sanctions lists for entity matching.", no_args_is_help=True)


@app.command()
def update(ctx: typer.Context) -> int:
    """Download the official OFAC SDN and UN consolidated lists; print the setting to use."""
    return update_lists(settings_of(ctx))


def update_lists(settings: Settings) -> int:
    from streams.ops.lists_update import ListsUpdateError, update_lists as download

    try:
        specs = download(settings.home / "lists", say)
    except ListsUpdateError as exc:
        fail(str(exc))
    print("NEWSSTREAM_SANCTIONS_LISTS=" + ",".join(f"{kind}={path}" for kind, path in specs))
    return 0
