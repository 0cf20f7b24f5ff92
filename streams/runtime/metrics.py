"""Every Prometheus metric of the worker, declared here and nowhere else.

The transport layer (the agents) updates them; enrichment code never sees them.
"""
from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

from prometheus_client import Counter, Gauge, Histogram, Info
from prometheus_client.exposition import MetricsHandler

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
WORKER_READY = Gauge(
    "newsstream_worker_ready",
    "1 once the model, rules and lists are loaded and the group has assigned this worker its partitions "
    "(0 again during a rebalance); also served as HTTP /ready.",
)
UNKNOWN_FIELDS = Counter(
    "newsstream_articles_unknown_fields_total",
    "Top-level article fields the schema does not list, kept under metadata.extra, by field name "
    f"(names beyond the first {64} are counted as 'other').",
    ["field"],
)
AGENT_ERRORS = Counter(
    "newsstream_agent_errors_total",
    "Batches whose processing raised; their transactions were aborted and their input read again.",
    ["stage"],
)
PARTITIONS_FENCED = Counter(
    "newsstream_partitions_fenced_total",
    "Batches dropped because another worker had taken their partition over (this worker was a zombie).",
    ["stage"],
)
_field_labels: set[str] = set()
MAX_FIELD_LABELS = 64


def count_unknown_field(name: str, n: int = 1) -> None:
    """Producers choose field names: keep the label set bounded."""
    if name not in _field_labels and len(_field_labels) >= MAX_FIELD_LABELS:
        name = "other"
    else:
        _field_labels.add(name)
    UNKNOWN_FIELDS.labels(name[:100]).inc(n)


_worker_ready = {"ready": False}  # what /ready answers, kept beside the gauge it mirrors


def set_worker_ready(ready: bool) -> None:
    _worker_ready["ready"] = ready
    WORKER_READY.set(1 if ready else 0)


class _Handler(MetricsHandler):
    """/metrics as prometheus_client serves it, plus /ready for probes: 200 when ready, 503 when not."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.split("?")[0] == "/ready":
            ready = _worker_ready["ready"]
            body = b"ready\n" if ready else b"not ready: loading, or waiting for the group to assign partitions\n"
            self.send_response(200 if ready else 503)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet, like prometheus_client's own
        pass
BUILD_INFO = Info("newsstream_build", "Application and model versions of this worker.")


def serve(host: str, port: int) -> None:
    """Expose /metrics from a thread of its own, so that scrapes answer while the NLP is busy."""
    try:
        server = ThreadingHTTPServer((host, port), _Handler)
    except OSError as exc:
        raise SystemExit(
            f"cannot serve metrics on {host}:{port} ({exc.strerror}); another worker may use it: "
            f"set NEWSSTREAM_METRICS_PORT to a free port"
        ) from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="newsstream-metrics", daemon=True).start()


# --- feeds poller (`newsstream feeds run`) and HTTP ingest (`newsstream ingest serve`) ---------------
FEED_FETCHES = Counter(
    "newsstream_feed_fetches_total",
    "Feed fetches by feed and status: 200 (read), 304 (not modified), error (no response, an HTTP error or a "
    "body that is not a feed).",
    ["feed", "status"],
)
FEED_ERRORS = Counter(
    "newsstream_feed_errors_total",
    "Failed feed polls by feed and reason: timeout, connection, http_NNN, malformed, too_large, too_many_redirects.",
    ["feed", "reason"],
)
FEED_ITEMS = Counter(
    "newsstream_feed_items_total",
    "Feed items by feed and outcome: new (published), seen (published before), expired (older than the seen-id "
    "TTL), invalid (refused by the article schema), empty (no text).",
    ["feed", "outcome"],
)
FEED_EXTRACTION_FAILURES = Counter(
    "newsstream_feed_extraction_failures_total",
    "Article pages that gave no full text (the summary was published instead), by feed and reason.",
    ["feed", "reason"],
)
FEED_LAST_SUCCESS = Gauge(
    "newsstream_feed_last_success_timestamp_seconds",
    "When the feed last answered 200 (its items committed) or 304; the poller's start until then.",
    ["feed"],
)
FEED_INTERVAL = Gauge("newsstream_feed_interval_seconds", "The feed's configured poll interval.", ["feed"])
FEED_NEWEST_ITEM = Gauge(
    "newsstream_feed_newest_item_timestamp_seconds", "Publication time of the newest dated item the feed lists.",
    ["feed"],
)
FEEDS_ACTIVE = Gauge(
    "newsstream_feeds_active", "1 while this poller holds the feeds; the other pollers of its group stand by at 0."
)
INGEST_REQUESTS = Counter(
    "newsstream_ingest_requests_total", "HTTP ingest requests by answer status (202, 400, 401, 413, 429, 503...).",
    ["status"],
)
INGEST_ARTICLES = Counter(
    "newsstream_ingest_articles_total", "Articles posted to the HTTP ingest, by outcome: accepted, rejected.",
    ["outcome"],
)
INGEST_SECONDS = Histogram(
    "newsstream_ingest_request_duration_seconds", "From request to answer, Kafka acknowledgement included.",
    buckets=LATENCY_BUCKETS,
)


class _NewestItemAge:
    """newsstream_feed_newest_item_age_seconds, computed at scrape time from the newest item's timestamp."""

    def collect(self):
        import time

        from prometheus_client.core import GaugeMetricFamily

        family = GaugeMetricFamily("newsstream_feed_newest_item_age_seconds",
                                   "Age of the newest dated item the feed lists.", labels=["feed"])
        now = time.time()
        for metric in FEED_NEWEST_ITEM.collect():
            for sample in metric.samples:
                family.add_metric([sample.labels["feed"]], max(0.0, now - sample.value))
        yield family


def _register_newest_item_age() -> None:
    from prometheus_client import REGISTRY

    REGISTRY.register(_NewestItemAge())


_register_newest_item_age()
