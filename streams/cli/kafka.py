"""`newsstream kafka start|stop|status|add-user`: the local single-node Kafka broker (KRaft)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from streams.cli.console import err, settings_of

app = typer.Typer(help="The local single-node Kafka broker (KRaft).", no_args_is_help=True)


@app.command()
def start(ctx: typer.Context) -> int:
    """Start the local broker (unless KAFKA_BOOTSTRAP_SERVERS names another cluster) and create the topics."""
    from streams.ops import localkafka
    from streams.ops.kafka_admin import ensure_topics

    settings = settings_of(ctx)
    localkafka.start(settings)
    created = ensure_topics(settings, timeout_s=60)
    err.print(f"topics: {', '.join(settings.topics.all())}" + (f" (created {len(created)})" if created else " (all present)"))
    return 0


@app.command()
def stop(ctx: typer.Context) -> int:
    """Stop the local broker."""
    from streams.ops import localkafka

    localkafka.stop(settings_of(ctx))
    return 0


@app.command()
def status(ctx: typer.Context) -> int:
    """Print the local broker's state as JSON; exit 1 when nothing listens."""
    from streams.ops import localkafka

    state = localkafka.status(settings_of(ctx))
    print(json.dumps(state))
    return 0 if state["listening"] else 1


MIN_PASSWORD_CHARS = 8


def password_in_file(path: Path) -> str:
    """The password a --password-file holds (its last line break dropped), checked for length."""
    try:
        password = path.read_text().rstrip("\r\n")
    except OSError as exc:
        raise typer.BadParameter(f"{path}: {exc.strerror}") from None
    if len(password) < MIN_PASSWORD_CHARS:
        raise typer.BadParameter(f"{path}: the password must have at least {MIN_PASSWORD_CHARS} characters")
    return password


@app.command("add-user")
def add_user(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", help="The SCRAM user to create or update."),
    password: str = typer.Option(
        ..., "--password-file", metavar="FILE", parser=Path,
        callback=password_in_file,
        help="A file holding the password (never the password itself), at least 8 characters.",
    ),
) -> int:
    """Create a SCRAM-SHA-512 user on the local broker with the ACLs a worker needs."""
    from streams.ops import localkafka
    from streams.ops.kafka_admin import grant_pipeline_access

    settings = settings_of(ctx)
    localkafka.add_scram_user(settings, name, password)
    granted = grant_pipeline_access(settings, name)
    err.print(f"user {name}: {granted} ACLs for app {settings.app_id} and its topics; "
              f"connect with KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:{localkafka.sasl_port(settings)} "
              "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_USERNAME=... KAFKA_SASL_PASSWORD_FILE=...")
    return 0
