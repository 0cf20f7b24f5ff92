"""`newsstream bench`: bare spaCy, our offline enrichment, and the pipeline through Kafka, side by side.

Offline runs go in child processes so that each one's peak RSS is its own. Kafka runs start real
worker processes in one consumer group on topics of their own, publish the articles as fast as
Kafka takes them, and time from the first publish to the last enriched record read back. Latency is
measured in a second, paced phase at half the throughput the run reached, since a burst only
measures its own queue.

`run_bench` is the entry: it repeats every measurement (`repeat` rounds, each running every mode once,
so that drift over the hour touches all modes of a round alike) and reports each figure, and each ratio
between modes taken round by round, as the median with its min–max spread.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import resource
import statistics
import subprocess
import threading
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, Sequence

import orjson

from streams.ops import scrape
from streams.settings import PROJECT_ROOT, Settings, environment_of

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "data" / "news" / "bbc-2005.jsonl"


def load_articles(corpus: Path, count: int) -> list[dict]:
    """`count` articles from a JSONL corpus, cycling with fresh ids when it has fewer."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise ValueError(f"{corpus} has no articles")
    articles = []
    for n, row in zip(range(count), itertools.cycle(rows)):
        articles.append({"id": f"{row.get('id', n)}#{n}", "title": row.get("title"), "body": row["body"]})
    return articles


def words(articles: list[dict]) -> int:
    return sum(len(a["body"].split()) for a in articles)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- offline runs, each in a child process --------------------------------------------------

def offline_run(settings: Settings, mode: str, corpus: Path, count: int, batch_size: int) -> dict:
    """Run in the child: 'bare' is nlp.pipe of the full default pipeline; 'offline' is our Enricher."""
    from streams.records.models import Article
    from streams.enrichment.enrich import Enricher, load_pipeline

    settings = settings.with_(batch_size=batch_size)
    articles = load_articles(corpus, count)
    if mode == "bare":
        nlp = load_pipeline(settings.spacy_model, bare=True)
        started = time.perf_counter()
        for _ in nlp.pipe((a["body"] for a in articles), batch_size=batch_size):
            pass
    else:
        enricher = Enricher.from_settings(settings)
        started = time.perf_counter()
        for start in range(0, len(articles), batch_size):
            chunk = articles[start:start + batch_size]
            enricher.enrich_many([Article(id=a["id"], body=a["body"], title=a["title"]) for a in chunk])
    seconds = time.perf_counter() - started
    return {"articles": count, "seconds": round(seconds, 2), "articles_per_s": round(count / seconds, 2),
            "words_per_s": round(words(articles) / seconds, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}


def run_offline_child(settings: Settings, mode: str, corpus: Path, count: int, batch_size: int) -> dict:
    """`offline_run` in a child process of its own; `settings` reach it on its standard input."""
    done = subprocess.run(
        [sys.executable, "-m", "streams.ops.bench", "offline-child", mode, str(corpus), str(count), str(batch_size)],
        input=json.dumps(environment_of(settings)), capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- Kafka runs -----------------------------------------------------------------------------

def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """A process's memory from /proc (VmRSS now, VmHWM peak); None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class KafkaRun:
    def __init__(self, base: Settings, workers: int, batch_size: int, log_dir: Path, say: Callable[[str], None]):
        run = uuid.uuid4().hex[:8]
        topics = base.topics.with_(**{name: f"bench.{run}.{name}" for name in type(base.topics).model_fields})
        self.settings = base.with_(topics=topics, app_id=f"newsstream-bench-{run}",
                                   topic_partitions=max(4, workers * 2), batch_size=batch_size,
                                   lag_interval_s=1.0)
        self.workers, self.log_dir, self.say = workers, log_dir, say
        self.processes: list[subprocess.Popen] = []
        self._surplus: list[tuple[float, float]] = []
        self._consumer = None  # created on first use, then kept so its group position carries over

    def __enter__(self) -> "KafkaRun":
        from streams.ops.kafka_admin import ensure_topics

        ensure_topics(self.settings)
        executable = str(Path(sys.executable).with_name("newsstream"))
        for n in range(self.workers):
            env = {**os.environ, **environment_of(self.settings.with_(metrics_port=self.settings.metrics_port + 100 + n))}
            # The worker keeps its own copy of the log's descriptor; ours is closed once it has started.
            with open(self.log_dir / f"{self.settings.app_id}-worker-{n}.log", "wb") as log:
                self.processes.append(subprocess.Popen([executable, "worker"], env=env, stdout=log,
                                                       stderr=subprocess.STDOUT, start_new_session=True))
        return self

    def __exit__(self, *exc) -> None:
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def metrics_url(self, n: int) -> str:
        return f"http://{self.settings.metrics_host}:{self.settings.metrics_port + 100 + n}/metrics"

    def assigned_partitions(self) -> int | None:
        """Raw-topic partitions the workers report lag for, together; None while one is not ready."""
        total = 0
        for n in range(self.workers):
            try:
                text = scrape.fetch(self.metrics_url(n))
            except OSError:
                return None
            if scrape.value(text, "newsstream_worker_ready") != 1.0:
                return None
            # one lag sample per assigned partition of the raw topic
            total += len(scrape.samples(text, "newsstream_consumer_lag_messages", topic=self.settings.topics.raw))
        return total

    def warm_up(self, article: dict, timeout_s: float = 180.0) -> None:
        """Models loaded, every partition assigned to exactly one worker, one article through: then time."""
        self.say(f"  waiting for {self.workers} worker(s) to load and share the partitions")
        deadline = time.monotonic() + timeout_s
        while self.assigned_partitions() != self.settings.topic_partitions:
            for crashed in (p for p in self.processes if p.poll() is not None):
                raise RuntimeError(f"a worker exited with {crashed.returncode}; see the logs in {self.log_dir}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the workers did not share the {self.settings.topic_partitions} partitions in time")
            time.sleep(0.5)  # polling the workers' metrics endpoints
        self.publish([dict(article, id="warm-up")], rate=None)
        self.collect(1, timeout_s)

    def publish(self, articles: list[dict], rate: float | None) -> float:
        from kafka import KafkaProducer

        from streams.ops.kafka_admin import client_config

        producer = KafkaProducer(**client_config(self.settings), acks="all", linger_ms=5)
        started = time.time()
        for n, article in enumerate(articles):
            if rate:
                wait = started + n / rate - time.time()
                if wait > 0:
                    time.sleep(wait)  # pacing the producer, not waiting for a result
            producer.send(self.settings.topics.raw, key=article["id"].encode(), value=orjson.dumps(article))
        producer.flush(timeout=120)
        producer.close()
        return started

    def collect(self, count: int, timeout_s: float) -> list[tuple[float, float]]:
        """(raw Kafka timestamp, time read back) of `count` new enriched records."""
        from kafka import KafkaConsumer

        from streams.ops.kafka_admin import client_config

        if self._consumer is None:
            self._consumer = KafkaConsumer(self.settings.topics.enriched, **client_config(self.settings),
                                           group_id=f"{self.settings.app_id}-reader", auto_offset_reset="earliest",
                                           enable_auto_commit=False, isolation_level="read_committed")
        deadline = time.monotonic() + timeout_s
        found: list[tuple[float, float]] = self._surplus
        while len(found) < count:
            for crashed in (p for p in self.processes if p.poll() is not None):
                raise RuntimeError(f"a worker exited with {crashed.returncode}; see the logs in {self.log_dir}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(found)} of {count} enriched records within {timeout_s:.0f}s")
            for batch in self._consumer.poll(timeout_ms=500).values():
                # Read time, not the record's timestamp: a record is visible only once its transaction commits.
                received = time.time()
                for message in batch:
                    produced = orjson.loads(message.value)["processing"]["produced_at"]
                    found.append((dt.datetime.fromisoformat(produced).timestamp(), received))
        self._surplus = found[count:]  # one poll may bring more than this call waits for
        return found[:count]

    def max_event_loop_lag(self) -> float | None:
        """The largest event-loop lag any worker saw (its own gauge), in seconds."""
        seen = []
        for n in range(self.workers):
            try:
                text = scrape.fetch(self.metrics_url(n))
            except OSError:
                continue
            seen += [sample.value for sample in scrape.samples(text, "newsstream_event_loop_lag_max_seconds")]
        return round(max(seen), 3) if seen else None

    def rss(self, field: str) -> list[float]:
        return [v for v in (rss_mb(p.pid, field) for p in self.processes) if v is not None]


def kafka_run(base: Settings, workers: int, articles: list[dict], latency_rate: float | None, latency_articles: int,
              batch_size: int, log_dir: Path, say: Callable[[str], None]) -> dict:
    with KafkaRun(base, workers, batch_size, log_dir, say) as run:
        run.warm_up(articles[0])
        say(f"  publishing {len(articles)} articles as fast as Kafka takes them")
        started = run.publish(articles, rate=None)
        first_part = max(1, len(articles) // 5)
        run.collect(first_part, timeout_s=3600)
        early_rss = run.rss("VmRSS")
        run.collect(len(articles) - first_part, timeout_s=3600)
        seconds = time.time() - started
        late_rss = run.rss("VmRSS")
        throughput = len(articles) / seconds
        rate = latency_rate or throughput / 2
        say(f"  {throughput:.1f} articles/s; now {latency_articles} articles paced at {rate:.1f}/s for latency")
        paced = [dict(a, id=f"paced-{a['id']}") for a in articles[:latency_articles]]
        # Published from a thread while this one reads, so each record's read time is when it became visible.
        pacer = threading.Thread(target=run.publish, args=(paced,), kwargs={"rate": rate}, daemon=True)
        pacer.start()
        latencies = [max(0.0, done - produced) for produced, done in run.collect(len(paced), timeout_s=3600)]
        pacer.join()
        peak = run.rss("VmHWM")
        loop_lag = run.max_event_loop_lag()
    growth = [100 * (late - early) / early for early, late in zip(early_rss, late_rss) if early]
    return {
        "workers": workers, "articles": len(articles), "seconds": round(seconds, 2),
        "articles_per_s": round(throughput, 2), "words_per_s": round(words(articles) / seconds, 1),
        "peak_rss_mb": round(max(peak), 1) if peak else None,
        "rss_growth_pct": round(max(growth), 1) if growth else None,
        "latency_rate_per_s": round(rate, 2), "latency_articles": len(paced),
        **{f"p{q}_s": rounded(percentile(latencies, q / 100), 3) for q in (50, 95, 99)},
        "max_event_loop_lag_s": loop_lag,
    }


# --- the entry: every measurement repeated, each figure as its median and spread ------------------

BASELINES = ("bare", "offline")
# (key in a run's figures, row label, format); a ratio row "x NAME" follows articles/s for each base.
FIGURES = (
    ("articles_per_s", "articles/s", "{:.1f}"),
    ("words_per_s", "words/s", "{:.0f}"),
    ("p50_s", "latency p50 s", "{:.3f}"),
    ("p95_s", "latency p95 s", "{:.3f}"),
    ("p99_s", "latency p99 s", "{:.3f}"),
    ("latency_rate_per_s", "paced at articles/s", "{:.1f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("rss_growth_pct", "RSS growth %", "{:+.1f}"),
    ("max_event_loop_lag_s", "loop lag max s", "{:.3f}"),
    ("seconds", "seconds", "{:.1f}"),
)


CONDITIONS = ("articles", "workers", "latency_articles")  # what a run was given, not what it measured


def spread(values: Sequence[float | None]) -> dict | None:
    """Median, min and max of one figure over the repetitions (None where a run had no value), and the values."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return {"median": round(statistics.median(present), 4), "min": min(present), "max": max(present),
            "values": list(values)}


def ratio_bases(names: Sequence[str]) -> list[str]:
    """What each run's throughput is compared with: the one-process runs, and the first Kafka run."""
    kafka = [name for name in names if name.startswith("workers_")]
    return [name for name in BASELINES if name in names] + kafka[:1] * (len(kafka) > 1)


def summarize(runs: dict[str, list[dict]]) -> dict[str, dict[str, dict | None]]:
    """For every run name, each numeric figure's spread, and `x_BASE`: its throughput over BASE's, round by
    round (round i of one against round i of the other, so that the ratio carries the noise of both)."""
    bases = ratio_bases(list(runs))
    figures: dict[str, dict[str, dict | None]] = {}
    for name, rounds in runs.items():
        keys = [k for k in dict.fromkeys(k for run in rounds for k in run) if k not in CONDITIONS
                and all(isinstance(run.get(k), (int, float, type(None))) for run in rounds)]
        figures[name] = {key: spread([run.get(key) for run in rounds]) for key in keys}
        for base in bases:
            # one Kafka run against another, and every run against the one-process ones
            if base != name and (base in BASELINES or name.startswith("workers_")):
                figures[name][f"x_{base}"] = spread([round(run["articles_per_s"] / other["articles_per_s"], 3)
                                                     for run, other in zip(rounds, runs[base])])
    return figures


def cell(figure: dict | None, fmt: str) -> str:
    """'median [min, max]', or just the value when the repetitions agree or there was one."""
    if figure is None:
        return "-"
    median = fmt.format(figure["median"])
    if figure["min"] == figure["max"]:
        return median
    return f"{median} [{fmt.format(figure['min'])}, {fmt.format(figure['max'])}]"


def table(results: dict):
    """The figures as a rich Table: a row per figure, a column per run, each cell median [min, max]."""
    from rich.table import Table
    from rich.text import Text

    conditions = results["settings"]
    names = [name for name in results if name != "settings"]
    title = (f"newsstream bench: {conditions['articles']} articles of {Path(conditions['corpus']).name}, "
             f"batch {conditions['batch_size']}; median [min, max] of {conditions['repeat']} run(s)")
    grid = Table(title=Text(title))  # Text: the brackets are not markup
    grid.add_column("figure")
    for name in names:
        grid.add_column(name, justify="right")
    rows = list(FIGURES[:1]) + [(f"x_{base}", f"x {base}", "{:.2f}") for base in ratio_bases(names)] + list(FIGURES[1:])
    for key, label, fmt in rows:
        cells = [cell(results[name]["figures"].get(key), fmt) for name in names]
        if any(c != "-" for c in cells):
            grid.add_row(label, *map(Text, cells))
    return grid


def _stderr(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def run_bench(settings: Settings, *, corpus: Path = DEFAULT_CORPUS, articles: int = 500,
              workers: Sequence[int] = (1, 2), latency_articles: int = 150, batch_size: int | None = None,
              repeat: int = 3, kafka_only: bool = False, json_path: Path | None = None,
              say: Callable[[str], None] = _stderr, console=None) -> dict:
    """`newsstream bench`: `repeat` rounds, each running bare spaCy and our offline enrichment (unless
    `kafka_only`) and the Kafka pipeline with each count of `workers`, on the same `articles` of `corpus`.

    Prints the table (to `console`, a rich Console; stdout by default), writes every run's figures and each
    figure's median/min/max to `json_path` when given, and returns that same dict: `settings`, then per run
    name `{"runs": [one dict per round], "figures": {figure: {"median", "min", "max", "values"}}}`. The latency
    phase of every Kafka run is paced at half the throughput of the very first one, so that runs compare.
    Starts the local broker unless one runs (or `KAFKA_BOOTSTRAP_SERVERS` names another), and stops it after.
    """
    corpus = Path(corpus)
    if repeat < 1 or articles < 1 or latency_articles < 1:
        raise ValueError("repeat, articles and latency_articles must be 1 or more")
    if any(n < 1 for n in workers):
        raise ValueError(f"worker counts must be 1 or more, not {list(workers)}")
    if not corpus.exists():
        raise FileNotFoundError(f"{corpus}: no such corpus (JSON lines with a 'body' per article)")
    batch = batch_size or settings.batch_size
    modes = [] if kafka_only else list(BASELINES)
    runs: dict[str, list[dict]] = {name: [] for name in modes + [f"workers_{n}" for n in workers]}
    started_kafka = False
    if workers:
        from streams.ops import localkafka

        started_kafka = localkafka.start(settings)
        log_dir = settings.home / "bench-logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        loaded = load_articles(corpus, articles)
    try:
        rate = None
        for round_no in range(1, repeat + 1):
            step = f"[{round_no}/{repeat}] " if repeat > 1 else ""
            for mode in modes:
                say(f"{step}{mode}: {articles} articles in one process")
                runs[mode].append(run_offline_child(settings, mode, corpus, articles, batch))
                say(f"  {runs[mode][-1]['articles_per_s']} articles/s")
            for n in workers:
                say(f"{step}workers_{n}: the full pipeline through Kafka with {n} worker process(es)")
                runs[f"workers_{n}"].append(kafka_run(settings, n, loaded, rate, latency_articles, batch, log_dir, say))
                rate = rate or runs[f"workers_{n}"][-1]["articles_per_s"] / 2
    finally:
        if started_kafka:
            localkafka.stop(settings)
    figures = summarize(runs)
    results: dict = {"settings": {
        "corpus": str(corpus), "articles": articles, "batch_size": batch, "batch_window_s": settings.batch_window_s,
        "model": settings.spacy_model, "latency_articles": latency_articles, "workers": list(workers),
        "repeat": repeat,
    }}
    results.update({name: {"runs": rounds, "figures": figures[name]} for name, rounds in runs.items()})
    if console is None:
        from rich.console import Console

        console = Console(highlight=False, width=160)
    console.print(table(results))
    if json_path is not None:
        Path(json_path).write_text(json.dumps(results, indent=2))
        say(f"figures written to {json_path}")
    return results


def main_child(argv: list[str]) -> None:
    """The offline child: its settings are the parent's `environment_of`, as JSON on standard input."""
    mode, corpus, count, batch_size = argv
    settings = Settings.from_env(json.loads(sys.stdin.read()))
    print(json.dumps(offline_run(settings, mode, Path(corpus), int(count), int(batch_size))))


if __name__ == "__main__":
    if sys.argv[1:2] == ["offline-child"]:
        main_child(sys.argv[2:])
    else:
        raise SystemExit("use `newsstream bench`")
