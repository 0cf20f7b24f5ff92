"""The `newsstream` command."""
from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from streams.alerts.rules import SEVERITIES
from streams.settings import PROJECT_ROOT, Settings, SettingsError

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 2) -> "NoReturn":  # noqa: F821
    err.print(f"[bold red]newsstream:[/] {message}", soft_wrap=True)  # one line, whatever the terminal width
    raise SystemExit(code)


@contextmanager
def progress_bar(total: int | None, what: str) -> Iterator:
    columns = [TextColumn(f"{what}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task(what, total=total)
        yield lambda n=1: progress.advance(task, n)


# --- kafka -------------------------------------------------------------------------------------

def cmd_kafka(args, settings: Settings) -> int:
    from streams.ops import localkafka
    from streams.ops.kafka_admin import ensure_topics

    if args.action == "start":
        localkafka.start(settings)
        created = ensure_topics(settings, timeout_s=60)
        err.print(f"topics: {', '.join(settings.topics.all())}" + (f" (created {len(created)})" if created else " (all present)"))
    elif args.action == "stop":
        localkafka.stop(settings)
    elif args.action == "add-user":
        return add_kafka_user(args, settings)
    else:
        state = localkafka.status(settings)
        print(json.dumps(state))
        return 0 if state["listening"] else 1
    return 0


def add_kafka_user(args, settings: Settings) -> int:
    """A SCRAM user on the local broker, allowed to run this pipeline; the password from a file, never argv."""
    from streams.ops import localkafka
    from streams.ops.kafka_admin import grant_pipeline_access

    if not args.name or not args.password_file:
        fail("usage: newsstream kafka add-user --name NAME --password-file FILE")
    try:
        password = Path(args.password_file).read_text().rstrip("\r\n")
    except OSError as exc:
        fail(f"--password-file {args.password_file}: {exc.strerror}")
    if len(password) < 8:
        fail("the password must have at least 8 characters")
    localkafka.add_scram_user(settings, args.name, password)
    granted = grant_pipeline_access(settings, args.name)
    err.print(f"user {args.name}: {granted} ACLs for app {settings.app_id} and its topics; "
              f"connect with KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:{localkafka.sasl_port(settings)} "
              "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT KAFKA_SASL_USERNAME=... KAFKA_SASL_PASSWORD_FILE=...")
    return 0


def cmd_topics(args, settings: Settings) -> int:
    from streams.ops.kafka_admin import ensure_topics

    created = ensure_topics(settings)
    for name in settings.topics.all():
        print(f"{name}\t{'created' if name in created else 'exists'}")
    return 0


# --- worker ------------------------------------------------------------------------------------

def cmd_worker(args, settings: Settings) -> int:
    from streams.runtime import metrics
    from streams.ops.kafka_admin import ensure_topics

    from streams.alerts.rules import RulesError, load_rules

    try:
        rules = load_rules(settings.rules_path or None)  # a bad rules file stops the worker before it starts
    except RulesError as exc:
        fail(f"alert rules: {exc}")
    err.print(f"alert rules from {rules.source}: {', '.join(sorted(rules.names))}")
    ensure_topics(settings, timeout_s=60)  # a refused login or an unreachable cluster stops it here, at once
    # The model, the gazetteer and the sanctions lists load before the worker joins the group: a worker that
    # cannot enrich never takes partitions (nor looks alive on /metrics while its agent crash-loops).
    from streams.runtime.app import create_app
    from streams.runtime.shutdown import exit_code, install_shutdown_watchdog

    app = create_app(settings, rules=rules)
    started = time.perf_counter()
    try:
        app.enrichment.preload()
    except Exception as exc:  # noqa: BLE001 - whatever stops the load, say it in one line and exit 2
        reason = " ".join(str(exc).split()) or type(exc).__name__
        fail(f"cannot start the worker: {type(exc).__name__} loading the model {settings.spacy_model!r} "
             f"or the sanctions lists ({settings.sanctions_lists or 'none set'}): {reason[:500]}")
    err.print(f"model and lists loaded in {time.perf_counter() - started:.1f}s")
    (settings.home / "worker-data").mkdir(parents=True, exist_ok=True)  # Faust creates only the last level
    metrics.serve(settings.metrics_host, settings.metrics_port)
    err.print(f"metrics on {settings.metrics_url}, readiness on "
              f"http://{settings.metrics_host}:{settings.metrics_port}/ready")
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


def start_local_prometheus(settings: Settings):
    """Prometheus scraping this worker, when it is installed; None (and how to get it) when not."""
    from streams.ops import localprometheus

    if not localprometheus.binary():
        err.print(f"Prometheus not started: {localprometheus.INSTALL_HINT}")
        return None
    directory = settings.home / "prometheus"
    try:
        process = localprometheus.start(settings, directory, settings.prometheus_listen, directory / "prometheus.log")
    except (RuntimeError, OSError) as exc:
        err.print(f"Prometheus not started: {exc}")
        return None
    err.print(
        f"Prometheus on http://{settings.prometheus_listen} — try rate(newsstream_articles_enriched_total[1m]); "
        f"data and log in {directory}"
    )
    return process


def cmd_run(args, settings: Settings) -> int:
    """Everything `make run` promises: broker (unless external), topics, Prometheus, worker; Ctrl-C stops it all."""
    from streams.ops import localkafka

    started_kafka = localkafka.start(settings)
    prometheus = poller = None
    try:
        if getattr(args, "feeds", None):  # `make run FEEDS=path`: the feed poller beside the worker
            from streams.feeds.command import start_poller_process

            poller = start_poller_process(args.feeds, settings)
        prometheus = start_local_prometheus(settings)
        return cmd_worker(args, settings)
    except KeyboardInterrupt:
        return 130
    finally:
        if poller is not None:
            from streams.feeds.command import stop_poller_process

            stop_poller_process(poller)
        if prometheus is not None:
            prometheus.terminate()
            prometheus.wait(timeout=30)
        if started_kafka:
            localkafka.stop(settings)


# --- publish -----------------------------------------------------------------------------------

def cmd_publish(args, settings: Settings) -> int:
    from kafka import KafkaProducer
    from kafka.errors import KafkaError

    from streams.records.decode import ArticleRejected, Limits, article_from_dict
    from streams.records.sources import count_lines, read_articles
    from streams.ops.kafka_admin import client_config

    topic = resolve_topic(args.topic, settings) if args.topic else settings.topics.raw
    limits = Limits.from_settings(settings)
    try:
        producer = KafkaProducer(**client_config(settings), acks="all", linger_ms=20, max_request_size=settings.max_message_bytes + 10_000)
    except KafkaError as exc:
        fail(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc}. Is it running (`newsstream kafka status`)?")
    sent, rejected = 0, Counter()
    failures: list[str] = []
    futures = []
    try:
        items = read_articles(args.paths)
        with progress_bar(count_lines(args.paths), f"publishing to {topic}") as advance:
            for item in items:
                advance()
                problem = item.rejected
                if problem is None:
                    try:
                        article_from_dict(item.article, limits)
                    except ArticleRejected as exc:
                        problem = exc
                if problem is not None:
                    rejected[problem.reason] += 1
                    if len(failures) < 20:
                        failures.append(f"{item.origin}: {problem.reason}: {problem.error}")
                    continue
                value = orjson.dumps(item.article)
                futures.append(producer.send(topic, key=item.article["id"].encode(), value=value))
                sent += 1
        producer.flush(timeout=60)
        for future in futures:
            future.get(timeout=30)
    except FileNotFoundError as exc:
        fail(str(exc))
    except KafkaError as exc:
        fail(f"publishing to {topic} failed after {sent} articles: {exc}")
    finally:
        producer.close(timeout=10)
    for line in failures:
        err.print(f"  rejected {line}")
    summary = {"topic": topic, "sent": sent, "rejected": sum(rejected.values()), "rejected_by_reason": dict(rejected)}
    print(json.dumps(summary))
    return 0 if sent or not rejected else 1


# --- tail --------------------------------------------------------------------------------------

def resolve_topic(name: str, settings: Settings) -> str:
    """Accept a role ('enriched', 'sanctions', 'alerts.sanctions', 'deadletter', ...) or a literal topic name."""
    roles = {
        "raw": settings.topics.raw,
        "enriched": settings.topics.enriched,
        "sanctions": settings.topics.alerts_sanctions,
        "alerts.sanctions": settings.topics.alerts_sanctions,
        "watchlist": settings.topics.alerts_watchlist,
        "alerts.watchlist": settings.topics.alerts_watchlist,
        "deadletter": settings.topics.deadletter,
    }
    return roles.get(name, name)


def message_document(value: bytes | None):
    """A message value parsed once: its JSON, or a wrapper saying it was a tombstone or not JSON."""
    if value is None:
        return {"tombstone": True}
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return {"not_json_b64": base64.b64encode(value).decode()}


def wanted(document: dict, args) -> bool:
    """The --type/--severity/--country filters; a message that is not an alert passes only when none is set."""
    if not (args.type or args.severity or args.country):
        return True
    if not isinstance(document, dict) or "alert_id" not in document:
        return False
    if args.type and document["type"] != args.type:
        return False
    if args.severity and SEVERITIES.index(document["severity"]) < SEVERITIES.index(args.severity):
        return False
    if args.country and args.country.upper() not in document.get("countries", []):
        return False
    return True


def one_line(document: dict) -> str:
    """A readable line per alert (other messages fall back to compact JSON)."""
    if not isinstance(document, dict) or "alert_id" not in document:
        return orjson.dumps(document).decode()
    relation = document.get("relationship")
    change = (f" {relation['sanctioner']}->{relation['target']} {relation['previous_status'] or 'new'}->{relation['status']}"
              if relation else "")
    evidence = " ".join(document["evidence"][0]["sentence"].split())[:120] if document["evidence"] else ""
    title = document["article"].get("title") or document["article"]["id"]
    return (f"{document['timestamps']['alerted'][:19]} {document['severity'].upper():8} {document['type']}/{document['rule']}"
            f"{change} [{','.join(document.get('countries', []))}] {title!r}: {evidence}")


def cmd_tail(args, settings: Settings) -> int:
    from kafka import KafkaConsumer
    from kafka.errors import KafkaError

    from streams.ops.kafka_admin import client_config

    topic = resolve_topic(args.topic, settings)
    try:
        consumer = KafkaConsumer(
            topic,
            **client_config(settings),
            group_id=None,
            auto_offset_reset="earliest" if args.from_beginning else "latest",
            enable_auto_commit=False,
            isolation_level="read_committed",
            consumer_timeout_ms=500,
        )
    except KafkaError as exc:
        fail(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc}")
    seen = 0
    deadline = time.monotonic() + args.timeout if args.timeout else None
    out = sys.stdout.buffer
    try:
        while args.max is None or seen < args.max:
            if deadline and time.monotonic() > deadline:
                break
            for message in consumer:
                document = message_document(message.value)
                if not wanted(document, args):
                    continue
                out.write((one_line(document).encode() if args.format == "line" else orjson.dumps(document)) + b"\n")
                out.flush()
                seen += 1
                if (args.max is not None and seen >= args.max) or (deadline and time.monotonic() > deadline):
                    break
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        consumer.close()
    if args.max is not None and seen < args.max:
        err.print(f"{seen} of {args.max} messages from {topic} before the {args.timeout}s timeout")
        return 1
    return 0


# --- enrich ------------------------------------------------------------------------------------

def cmd_enrich(args, settings: Settings) -> int:
    from streams.records.decode import ArticleRejected, Limits, article_from_dict
    from streams.records.sources import count_lines, read_articles
    from streams.enrichment.enrich import Enricher, ModelNotInstalled

    limits = Limits.from_settings(settings)
    try:
        enricher = Enricher.from_settings(settings)
    except ModelNotInstalled as exc:
        fail(str(exc))
    out = sys.stdout.buffer
    rejected = Counter()
    enriched = 0
    batch = []

    def flush() -> None:
        nonlocal enriched
        for record in enricher.enrich_many(batch):
            out.write(orjson.dumps(record) + b"\n")
            enriched += 1
        out.flush()
        batch.clear()

    try:
        with progress_bar(count_lines(args.paths), "enriching") as advance:
            for item in read_articles(args.paths):
                advance()
                try:
                    if item.rejected:
                        raise item.rejected
                    batch.append(article_from_dict(item.article, limits))
                except ArticleRejected as exc:
                    rejected[exc.reason] += 1
                    err.print(f"  rejected {item.origin}: {exc.reason}: {exc.error}")
                if len(batch) >= settings.batch_size:
                    flush()
            flush()
    except FileNotFoundError as exc:
        fail(str(exc))
    err.print(f"enriched {enriched}, rejected {sum(rejected.values())}" + (f" {dict(rejected)}" if rejected else ""))
    return 0 if enriched or not rejected else 1


# --- lists -------------------------------------------------------------------------------------

# Fewer names than this means a truncated or wrong file (OFAC's SDN list has over 15,000, the UN's over 1,000).
MIN_LIST_NAMES = {"ofac": 5000, "un": 500}


def cmd_lists(args, settings: Settings) -> int:
    import datetime as dt
    import hashlib
    import urllib.request

    from streams.enrichment.sanctions_lists import OFFICIAL_SOURCES, load_lists

    directory = settings.home / "lists"
    directory.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    specs = []
    for kind, (url, pattern) in OFFICIAL_SOURCES.items():
        target = directory / pattern.format(date=today)
        part = target.with_suffix(target.suffix + ".part")
        err.print(f"downloading {url}")
        try:
            digest = hashlib.sha256()
            with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
                expected = response.headers.get("Content-Length")
                received = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
            if expected is not None and expected.isdigit() and int(expected) != received:
                raise OSError(f"truncated: {received} of {expected} bytes")
        except OSError as exc:
            part.unlink(missing_ok=True)
            fail(f"could not download {url} ({exc}). Where the network does not allow it, download the file elsewhere "
                 f"and set NEWSSTREAM_SANCTIONS_LISTS={kind}=/path/to/file")
        # A truncated or garbled download must never replace a good list: parse it and count its names first.
        try:
            names = len(load_lists([(kind, part)]))
        except Exception as exc:  # noqa: BLE001 - any parse failure refuses the file
            part.unlink(missing_ok=True)
            fail(f"{url}: the download does not parse as the official {kind} list ({exc}); the lists in "
                 f"{directory} are unchanged")
        if names < MIN_LIST_NAMES[kind]:
            part.unlink(missing_ok=True)
            fail(f"{url}: only {names} names, fewer than the {MIN_LIST_NAMES[kind]} a complete {kind} list has; "
                 f"the lists in {directory} are unchanged")
        os.replace(part, target)  # atomic: readers see the old file or the whole new one
        target.with_name(target.name + ".sha256").write_text(f"{digest.hexdigest()}  {target.name}\n")
        err.print(f"{kind}: {names} names, sha256 {digest.hexdigest()[:16]}…")
        specs.append((kind, target))
    index = load_lists(specs)  # refuse files that do not parse before telling anyone to use them
    err.print(f"{len(index)} listed names loaded")
    print("NEWSSTREAM_SANCTIONS_LISTS=" + ",".join(f"{kind}={path}" for kind, path in specs))
    return 0


# --- eval --------------------------------------------------------------------------------------

def cmd_eval(args, settings: Settings) -> int:
    from rich.table import Table

    from streams import evaluation
    from streams.enrichment.enrich import Enricher, load_pipeline

    enricher = Enricher.from_settings(settings)
    bare = load_pipeline(settings.spacy_model, bare=True)
    try:
        results = evaluation.run(enricher, bare, args.reuters_limit, lambda step: err.print(f"[eval] {step}"),
                                 sections=args.only or evaluation.SECTIONS)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    results["settings"] = {"model": settings.spacy_model, "reuters_limit": args.reuters_limit,
                           "sections": list(args.only or evaluation.SECTIONS)}
    table = Table(title=f"newsstream eval ({enricher.model_name} {enricher.model_version})")
    for column in ("figure", "ours", "baseline", "ours - baseline"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for row in evaluation.rows_for_table(results):
        table.add_row(*row)
    Console(highlight=False, width=160).print(table)
    args.json.write_text(json.dumps(results, indent=2))
    err.print(f"figures written to {args.json}")
    return 0


# --- bench -------------------------------------------------------------------------------------

def cmd_bench(args, settings: Settings) -> int:
    from rich.table import Table

    from streams.ops import bench, localkafka

    corpus = Path(args.corpus)
    if not corpus.exists():
        fail(f"{corpus}: no such corpus (JSON lines with a 'body' per article)")
    try:
        counts = [int(n) for n in args.workers.split(",")]
    except ValueError:
        fail(f"--workers {args.workers!r}: give worker counts such as 1,2")
    batch = args.batch_size or settings.batch_size
    say = lambda text: err.print(f"[bench] {text}")  # noqa: E731
    results: dict = {}
    for mode in () if args.kafka_only else ("bare", "offline"):
        say(f"{mode}: {args.articles} articles in one process")
        results[mode] = bench.run_offline_child(mode, corpus, args.articles, batch)
        say(f"  {results[mode]['articles_per_s']} articles/s")
    if counts:
        started_kafka = localkafka.start(settings)
        log_dir = settings.home / "bench-logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        articles = bench.load_articles(corpus, args.articles)
        try:
            rate = None
            for n in counts:
                say(f"workers_{n}: the full pipeline through Kafka with {n} worker process(es)")
                results[f"workers_{n}"] = bench.kafka_run(settings, n, articles, rate, args.latency_articles, batch,
                                                          log_dir, say)
                # Latency is measured at half the 1-worker maximum rate for every run, so runs compare.
                rate = rate or results[f"workers_{n}"]["articles_per_s"] / 2
        finally:
            if started_kafka:
                localkafka.stop(settings)
    table = Table(title=f"newsstream bench: {args.articles} articles of {corpus.name}, batch {batch}")
    columns = ["run", "articles/s", "words/s", "x bare", "x offline", "p50 s", "p95 s", "p99 s", "peak RSS MB",
               "RSS growth %", "loop lag max s"]
    for column in columns:
        table.add_column(column, justify="right")
    for name, run in results.items():
        table.add_row(
            name, f"{run['articles_per_s']:.1f}", f"{run['words_per_s']:.0f}",
            *(f"{run['articles_per_s'] / results[base]['articles_per_s']:.2f}" if base in results else "-"
              for base in ("bare", "offline")),
            *(f"{run[k]:.3f}" if run.get(k) is not None else "-" for k in ("p50_s", "p95_s", "p99_s")),
            f"{run['peak_rss_mb']:.0f}" if run.get("peak_rss_mb") else "-",
            f"{run['rss_growth_pct']:+.1f}" if run.get("rss_growth_pct") is not None else "-",
            f"{run['max_event_loop_lag_s']:.3f}" if run.get("max_event_loop_lag_s") is not None else "-",
        )
    Console(highlight=False, width=160).print(table)
    results["settings"] = {"corpus": str(corpus), "articles": args.articles, "batch_size": batch,
                           "batch_window_s": settings.batch_window_s, "model": settings.spacy_model,
                           "latency_articles": args.latency_articles}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
        err.print(f"figures written to {args.json}")
    return 0


# --- main --------------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsstream", description="Enrich live news on Kafka: entities, places, sanctions.")
    sub = p.add_subparsers(dest="command", required=True)

    kafka = sub.add_parser("kafka", help="the local single-node Kafka broker (KRaft)")
    kafka.add_argument("action", choices=["start", "stop", "status", "add-user"])
    kafka.add_argument("--name", help="add-user: the SCRAM user to create or update")
    kafka.add_argument("--password-file", help="add-user: a file holding the password (never the password itself)")
    kafka.set_defaults(func=cmd_kafka)

    sub.add_parser("topics", help="create the pipeline's topics where missing").set_defaults(func=cmd_topics)
    sub.add_parser("worker", help="run the Faust worker in the foreground").set_defaults(func=cmd_worker)
    run = sub.add_parser("run", help="start Kafka (unless external), create topics and run the worker")
    run.add_argument("--feeds", metavar="FILE", help="also poll the feeds of FILE (`newsstream feeds run --config FILE`)")
    run.set_defaults(func=cmd_run)

    publish = sub.add_parser("publish", help="push articles from files onto the raw topic")
    publish.add_argument("paths", nargs="+", metavar="PATH", help="JSON, JSONL or text files, folders, or - for stdin")
    publish.add_argument("--topic", help="topic or role to publish to (default: the raw topic)")
    publish.set_defaults(func=cmd_publish)

    tail = sub.add_parser("tail", help="print messages of a topic as JSON lines")
    tail.add_argument("topic", help="a topic name or a role: raw, enriched, sanctions, watchlist, deadletter")
    tail.add_argument("--max", type=int, help="stop after N messages")
    tail.add_argument("--timeout", type=float, help="stop after S seconds")
    tail.add_argument("--from-beginning", action="store_true", help="start at the oldest message")
    tail.add_argument("--type", choices=["sanctions", "watchlist"], help="only alerts of this type")
    tail.add_argument("--severity", choices=SEVERITIES, help="only alerts at least this severe")
    tail.add_argument("--country", help="only alerts involving this ISO alpha-2 country")
    tail.add_argument("--format", choices=["json", "line"], default="json", help="JSON lines, or one readable line per alert")
    tail.set_defaults(func=cmd_tail)

    lists = sub.add_parser("lists", help="sanctions lists for entity matching")
    lists.add_argument("action", choices=["update"], help="download the official OFAC SDN and UN consolidated lists")
    lists.set_defaults(func=cmd_lists)

    evaluate = sub.add_parser("eval", help="entity, place, sanctions and list-hit figures beside baselines, on ../shared")
    evaluate.add_argument("--json", type=Path, default=Path("eval.json"), help="where to write the figures")
    evaluate.add_argument("--reuters-limit", type=int, help="only the first N Reuters articles with gold places")
    evaluate.add_argument("--only", action="append", choices=("entities", "places", "geo", "sanctions", "lists"),
                          help="run only this section (repeatable); all five by default")
    evaluate.set_defaults(func=cmd_eval)

    bench_cmd = sub.add_parser("bench", help="throughput of bare spaCy, offline enrichment and the Kafka pipeline")
    bench_cmd.add_argument("--corpus", default=str(PROJECT_ROOT.parent / "shared" / "data" / "news" / "bbc-2005.jsonl"))
    bench_cmd.add_argument("--articles", type=int, default=500)
    bench_cmd.add_argument("--workers", default="1,2", help="worker counts for the Kafka runs, e.g. 1,2 (empty: none)")
    bench_cmd.add_argument("--latency-articles", type=int, default=150, help="articles in each paced latency phase")
    bench_cmd.add_argument("--batch-size", type=int, help="NLP batch size (default: NEWSSTREAM_BATCH_SIZE)")
    bench_cmd.add_argument("--json", type=Path, help="write the figures here")
    bench_cmd.add_argument("--kafka-only", action="store_true",
                           help="skip the bare and offline runs (e.g. a long run for RSS over 5,000 articles)")
    bench_cmd.set_defaults(func=cmd_bench)

    enrich = sub.add_parser("enrich", help="enrich articles offline (no broker), JSON lines to stdout")
    enrich.add_argument("paths", nargs="*", default=["-"], metavar="PATH")
    enrich.set_defaults(func=cmd_enrich)

    from streams.feeds.command import add_parsers as add_feed_and_ingest_parsers

    add_feed_and_ingest_parsers(sub)  # `newsstream feeds run|check` and `newsstream ingest serve`
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        fail(str(exc))
    from streams.ops.kafka_admin import KafkaAuthenticationFailed, KafkaUnavailable
    from streams.ops.localkafka import LocalKafkaError

    try:
        return args.func(args, settings)
    except (KafkaUnavailable, KafkaAuthenticationFailed, LocalKafkaError) as exc:
        fail(str(exc))


if __name__ == "__main__":
    sys.exit(main())
