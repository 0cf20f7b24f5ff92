"""The `newsstream` command: the root typer app and its entry, `main()`; one module per command beside it.

The entry loads the settings once (in `root`, from the environment) and hands them to every command in the
context (`streams.cli.console.settings_of`). Commands return their exit code.
"""
from __future__ import annotations

import sys

import typer

from streams.cli import bench, enrich, eval as evaluate, feeds, ingest, kafka, lists, publish, run, tail, topics, worker
from streams.cli.console import SettingsUnavailable, fail
from streams.settings import Settings, SettingsError


def root(ctx: typer.Context) -> None:
    """Enrich live news on Kafka: entities, places, sanctions."""
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as exc:
        ctx.obj = SettingsUnavailable(str(exc))  # a command stops with it (exit 2); --help still works


def exit_with(code: int | None, **_) -> None:
    """The command's return value is the process's exit code."""
    raise typer.Exit(code or 0)


app = typer.Typer(
    name="newsstream",
    help="Enrich live news on Kafka: entities, places, sanctions.",
    callback=root,
    result_callback=exit_with,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # plain tracebacks, as before; never the locals (settings hold a password)
)
app.add_typer(kafka.app, name="kafka")
app.command("topics")(topics.topics)
app.command("worker")(worker.worker)
app.command("run")(run.run)
app.command("publish")(publish.publish)
app.command("tail")(tail.tail)
app.command("enrich")(enrich.enrich)
app.add_typer(lists.app, name="lists")
app.command("eval")(evaluate.evaluate)
app.command("bench")(bench.bench)
app.add_typer(feeds.app, name="feeds")
app.add_typer(ingest.app, name="ingest")


def main(argv: list[str] | None = None) -> int:
    """`newsstream` (pyproject's script): run the app; Kafka that cannot be reached or logged into exits 2."""
    try:
        app(args=argv, prog_name="newsstream")
    except Exception as exc:  # imported only now: `--help` and shell completion stay quick
        from streams.ops.kafka_admin import KafkaAuthenticationFailed, KafkaUnavailable
        from streams.ops.localkafka import LocalKafkaError

        if isinstance(exc, (KafkaUnavailable, KafkaAuthenticationFailed, LocalKafkaError)):
            fail(str(exc))
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
