"""A live Prometheus scrapes a live worker while articles flow; every dashboard query answers."""
from __future__ import annotations

import json
import math

import orjson
import pytest

from fixtures.kafka import publish_raw, read_topic

pytestmark = pytest.mark.integration

SANCTIONS = "The European Union imposed sanctions on Belarusian officials on Monday, diplomats in Brussels said."


# Panels fed by other processes than the worker: the feed poller's (its metrics are asserted on its own
# /metrics in test_feeds.py).
OTHER_PROCESSES = ("newsstream_feed",)


def dashboard_queries(settings) -> list[tuple[str, str]]:
    """The worker's panels: every query that reads no metric of another process."""
    dashboard = json.loads((settings.deploy_dir / "grafana" / "dashboards" / "newsstream.json").read_text())
    return [(panel["title"], target["expr"]) for panel in dashboard["panels"] for target in panel["targets"]
            if not any(prefix in target["expr"] for prefix in OTHER_PROCESSES)]


def test_prometheus_sees_throughput_latency_and_every_panel(pipeline_settings, start_worker, start_prometheus, producer):
    settings = pipeline_settings.with_(lag_interval_s=1.0)
    worker = start_worker(settings)
    prometheus = start_prometheus(settings, [f"{worker.settings.metrics_host}:{worker.settings.metrics_port}"])
    articles = [(f"p-{i}".encode(), orjson.dumps({"id": f"p-{i}", "body": f"Ministers met in Oslo and Rome, round {i}."}))
                for i in range(8)]
    articles.append((b"p-s", orjson.dumps({"id": "p-s", "body": SANCTIONS})))
    articles.append((b"p-bad", b"{broken"))
    # Two waves a few scrapes apart, so that rates see counters move between samples.
    publish_raw(producer, settings.topics.raw, articles[:5])
    read_topic(settings, settings.topics.enriched, 5)
    prometheus.wait_for("newsstream_articles_enriched_total", lambda r: r and float(r[0]["value"][1]) >= 5)
    publish_raw(producer, settings.topics.raw, articles[5:])
    read_topic(settings, settings.topics.enriched, 9)

    rate = prometheus.wait_for("sum(rate(newsstream_articles_enriched_total[1m]))",
                               lambda r: r and float(r[0]["value"][1]) > 0)
    assert rate and float(rate[0]["value"][1]) > 0, rate

    for quantile in (0.5, 0.95, 0.99):
        expr = (f'histogram_quantile({quantile}, sum by (le) '
                f'(rate(newsstream_end_to_end_latency_seconds_bucket{{output="enriched"}}[1m])))')
        result = prometheus.wait_for(expr, lambda r: r and math.isfinite(float(r[0]["value"][1])))
        assert result and 0 < float(result[0]["value"][1]) < 60, (expr, result)

    empty = []
    for title, expr in dashboard_queries(settings):
        result = prometheus.wait_for(expr, bool, timeout_s=30)
        if not result:
            empty.append(f"{title}: {expr}")
    assert not empty, "dashboard queries with no series:\n" + "\n".join(empty)
