"""Starting and running the worker: whatever can fail is checked before it joins the consumer group."""
from __future__ import annotations

import sys
import time
from typing import Callable

from streams.settings import Settings


class WorkerStartError(RuntimeError):
    """The worker cannot start; the message is one line saying why."""


def prepare_worker(settings: Settings, say: Callable[[str], None]):
    """The app, with its rules, topics, model, gazetteer and sanctions lists loaded; WorkerStartError if one fails.

    The model and lists load before the worker joins the group: a worker that cannot enrich never takes
    partitions (nor looks alive on /metrics while its agent crash-loops).
    """
    from streams.alerts.rules import RulesError, load_rules
    from streams.ops.kafka_admin import ensure_topics

    try:
        rules = load_rules(settings.rules_path or None)  # a bad rules file stops the worker before it starts
    except RulesError as exc:
        raise WorkerStartError(f"alert rules: {exc}") from None
    say(f"alert rules from {rules.source}: {', '.join(sorted(rules.names))}")
    ensure_topics(settings, timeout_s=60)  # a refused login or an unreachable cluster stops it here, at once
    from streams.runtime.app import create_app

    app = create_app(settings, rules=rules)
    started = time.perf_counter()
    try:
        app.enrichment.preload()
    except Exception as exc:  # noqa: BLE001 - whatever stops the load, say it in one line
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise WorkerStartError(
            f"cannot start the worker: {type(exc).__name__} loading the model {settings.spacy_model!r} "
            f"or the sanctions lists ({settings.sanctions_lists or 'none set'}): {reason[:500]}"
        ) from exc
    say(f"model and lists loaded in {time.perf_counter() - started:.1f}s")
    return app


def run_worker(settings: Settings, app, say: Callable[[str], None]) -> int:
    """Serve the metrics and run the prepared app in the foreground until it stops; its exit code."""
    from streams.runtime import metrics
    from streams.runtime.shutdown import exit_code, install_shutdown_watchdog

    (settings.home / "worker-data").mkdir(parents=True, exist_ok=True)  # Faust creates only the last level
    metrics.serve(settings.metrics_host, settings.metrics_port)
    say(f"metrics on {settings.metrics_url}, readiness on http://{settings.metrics_host}:{settings.metrics_port}/ready")
    # SIGTERM ends the worker within NEWSSTREAM_SHUTDOWN_TIMEOUT_S, whatever it is doing
    install_shutdown_watchdog(settings.shutdown_timeout_s)
    # Faust's own web server is off (its --with-web default would override web_enabled): /metrics is ours.
    sys.argv = ["newsstream", "worker", "--loglevel", settings.log_level, "--without-web"]
    try:
        app.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return exit_code(code)
    return exit_code(0)
