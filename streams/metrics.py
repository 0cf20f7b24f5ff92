"""Every Prometheus metric of the worker, declared here and nowhere else.

The transport layer (the agents) updates them; enrichment code never sees them.
"""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, Info, start_http_server

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0)
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)

ARTICLES_CONSUMED = Counter(
    "newsstream_articles_consumed_total", "Messages read off the raw article topic.", ["topic"]
)
ARTICLES_ENRICHED = Counter(
    "newsstream_articles_enriched_total", "Articles enriched and published to the enriched topic."
)
ARTICLES_DEADLETTERED = Counter(
    "newsstream_articles_deadlettered_total", "Messages sent to the dead-letter topic, by reason.", ["reason"]
)
ALERTS_PUBLISHED = Counter(
    "newsstream_alerts_published_total", "Alerts published, by alert type and rule.", ["type", "rule"]
)
ENTITIES_EXTRACTED = Counter(
    "newsstream_entities_extracted_total", "Entity mentions found in enriched articles, by label.", ["label"]
)
STAGE_SECONDS = Histogram(
    "newsstream_stage_duration_seconds",
    "Time spent per batch in each processing stage.",
    ["stage"],
    buckets=STAGE_BUCKETS,
)
END_TO_END_SECONDS = Histogram(
    "newsstream_end_to_end_latency_seconds",
    "From the raw article's Kafka timestamp to its output being acknowledged by Kafka.",
    ["output"],
    buckets=LATENCY_BUCKETS,
)
BATCH_SIZE = Histogram("newsstream_batch_size_messages", "Messages per processed batch.", buckets=BATCH_BUCKETS)
CONSUMER_LAG_MESSAGES = Gauge(
    "newsstream_consumer_lag_messages",
    "Messages on the raw topic not yet processed by this worker, per assigned partition.",
    ["topic", "partition"],
)
CONSUMER_LAG_SECONDS = Gauge(
    "newsstream_consumer_lag_seconds",
    "Age of the newest processed message while the partition lags (0 when caught up), per assigned partition.",
    ["topic", "partition"],
)
EVENT_LOOP_LAG_SECONDS = Histogram(
    "newsstream_event_loop_lag_seconds",
    "How late a short timer fires on the worker's event loop, i.e. how long the loop was kept from "
    "heartbeats, fetches and commits.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
EVENT_LOOP_LAG_MAX_SECONDS = Gauge("newsstream_event_loop_lag_max_seconds", "The largest event-loop lag since start.")
WORKER_READY = Gauge("newsstream_worker_ready", "1 once the enrichment pipeline is loaded and consuming.")
BUILD_INFO = Info("newsstream_build", "Application and model versions of this worker.")


def serve(host: str, port: int) -> None:
    """Expose /metrics from a thread of its own, so that scrapes answer while the NLP is busy."""
    try:
        start_http_server(port, addr=host)
    except OSError as exc:
        raise SystemExit(
            f"cannot serve metrics on {host}:{port} ({exc.strerror}); another worker may use it: "
            f"set NEWSSTREAM_METRICS_PORT to a free port"
        ) from None
