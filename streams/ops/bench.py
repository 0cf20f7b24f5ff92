"""`newsstream bench`: bare spaCy, our offline enrichment, and the pipeline through Kafka, side by side.

Offline runs go in child processes so that each one's peak RSS is its own. Kafka runs start real
worker processes in one consumer group on topics of their own, publish the articles as fast as
Kafka takes them, and time from the first publish to the last enriched record read back. Latency is
measured in a second, paced phase at half the throughput the run reached, since a burst only
measures its own queue.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import os
import resource
import subprocess
import threading
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Callable

import orjson

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


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# --- offline runs, each in a child process --------------------------------------------------

def offline_run(mode: str, corpus: Path, count: int, batch_size: int) -> dict:
    """Run in the child: 'bare' is nlp.pipe of the full default pipeline; 'offline' is our Enricher."""
    from streams.records.models import Article
    from streams.enrichment.enrich import Enricher, load_pipeline

    settings = dataclasses.replace(Settings.from_env(), batch_size=batch_size)
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


def run_offline_child(mode: str, corpus: Path, count: int, batch_size: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "streams.ops.bench", "offline-child", mode, str(corpus), str(count), str(batch_size)],
        capture_output=True, text=True,
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
        topics = type(base.topics)(**{f.name: f"bench.{run}.{f.name}" for f in dataclasses.fields(base.topics)})
        self.settings = dataclasses.replace(base, topics=topics, app_id=f"newsstream-bench-{run}",
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
            env = {**os.environ, **environment_of(dataclasses.replace(self.settings, metrics_port=self.settings.metrics_port + 100 + n))}
            log = open(self.log_dir / f"{self.settings.app_id}-worker-{n}.log", "wb")
            self.processes.append(subprocess.Popen([executable, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT,
                                                   start_new_session=True))
        return self

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def metrics_url(self, n: int) -> str:
        return f"http://{self.settings.metrics_host}:{self.settings.metrics_port + 100 + n}/metrics"

    def assigned_partitions(self) -> int | None:
        """Raw-topic partitions the workers report lag for, together; None while one is not ready."""
        total = 0
        for n in range(self.workers):
            try:
                with urllib.request.urlopen(self.metrics_url(n), timeout=2) as response:
                    text = response.read().decode()
            except OSError:
                return None
            if "newsstream_worker_ready 1.0" not in text:
                return None
            total += sum(1 for line in text.splitlines() if line.startswith("newsstream_consumer_lag_messages{"))
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
        worst = None
        for n in range(self.workers):
            try:
                with urllib.request.urlopen(self.metrics_url(n), timeout=2) as response:
                    text = response.read().decode()
            except OSError:
                continue
            for line in text.splitlines():
                if line.startswith("newsstream_event_loop_lag_max_seconds "):
                    worst = max(worst or 0.0, float(line.split()[1]))
        return None if worst is None else round(worst, 3)

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
        "p50_s": round(percentile(latencies, 0.50), 3), "p95_s": round(percentile(latencies, 0.95), 3),
        "p99_s": round(percentile(latencies, 0.99), 3),
        "max_event_loop_lag_s": loop_lag,
    }


def main_child(argv: list[str]) -> None:
    mode, corpus, count, batch_size = argv
    print(json.dumps(offline_run(mode, Path(corpus), int(count), int(batch_size))))


if __name__ == "__main__":
    if sys.argv[1:2] == ["offline-child"]:
        main_child(sys.argv[2:])
    else:
        raise SystemExit("use `newsstream bench`")
