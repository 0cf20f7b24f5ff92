"""`make soak`: 20,000 articles through one worker. Nothing lost, RSS flat, no rebalance storm; prints its figures."""
from __future__ import annotations

import json
import os
import time

import pytest

from fixtures.delivery import assert_exactly_once, publish_articles
from fixtures.worker import scrape
from streams.ops.bench import rss_mb
from support import synthetic_articles

pytestmark = pytest.mark.soak

ARTICLES = int(os.environ.get("NEWSSTREAM_SOAK_ARTICLES", "20000"))


def test_soak(pipeline_settings, start_worker, producer):
    articles = synthetic_articles(ARTICLES, seed=20)
    worker = start_worker(pipeline_settings)
    ready_rss = rss_mb(worker.process.pid)
    started = time.monotonic()
    publish_articles(producer, pipeline_settings, articles)
    samples: list[tuple[float, float]] = []  # (articles enriched, RSS MB)
    deadline = started + 3 * 3600
    done = 0.0
    while done < ARTICLES and time.monotonic() < deadline:
        assert worker.process.poll() is None, f"worker exited with {worker.process.returncode}:\n{worker.log()}"
        done = scrape(worker.metrics_url).get("newsstream_articles_enriched_total", 0.0)
        samples.append((done, rss_mb(worker.process.pid)))
        print(f"\r[soak] {done:.0f}/{ARTICLES} enriched, RSS {samples[-1][1]:.0f} MB", end="", flush=True)
        time.sleep(2)
    elapsed = time.monotonic() - started
    print()
    assert done >= ARTICLES, f"{done:.0f} of {ARTICLES} enriched within the deadline:\n{worker.log()}"
    assert_exactly_once(pipeline_settings, articles)

    # RSS after the first tenth of the run (model, vocabulary and caches warm) against the end.
    warm = next(rss for n, rss in samples if n >= ARTICLES / 10)
    peak = max(rss for _, rss in samples)
    final = samples[-1][1]
    claims = worker.log().count(": processing ")  # one per partition at start; more means rebalances
    figures = {
        "articles": ARTICLES, "seconds": round(elapsed, 1), "articles_per_s": round(ARTICLES / elapsed, 1),
        "rss_ready_mb": round(ready_rss, 1), "rss_warm_mb": round(warm, 1), "rss_final_mb": round(final, 1),
        "rss_peak_mb": round(peak, 1), "rss_growth_after_warmup": round(final / warm - 1, 4),
        "partition_claims": claims,
    }
    print("[soak] " + json.dumps(figures))
    assert final / warm - 1 < 0.10, figures
    assert claims <= pipeline_settings.topic_partitions + 1, f"partitions were claimed again (rebalances): {figures}"
