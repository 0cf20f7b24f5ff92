"""`newsstream ingest serve`: articles over HTTP onto the raw topic, for systems without a Kafka client.

POST /v1/articles takes one JSON article (or a JSON array of them) or JSON Lines, checks every one as
`newsstream publish` does (the article schema, ids derived from the text when absent, unknown fields
under metadata), and answers 202 with the ids only once Kafka has acknowledged all of them (acks=all),
or 400 with every reason and nothing published. Bearer tokens from NEWSSTREAM_INGEST_TOKENS_FILE; a body
limit (413) and a per-token rate limit (429 with Retry-After) come before any parsing. GET /healthz.
"""
from __future__ import annotations

import asyncio
import logging
import math
import time
from pathlib import Path

import orjson
from aiohttp import web
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.runtime import metrics
from streams.records.decode import ArticleRejected, Limits, article_from_dict
from streams.records.sources import read_file
from streams.ingest.auth import RateLimiter, bearer_name
from streams.ops.kafka_admin import aiokafka_config
from streams.settings import Settings

log = logging.getLogger("newsstream.ingest")

ACK_TIMEOUT_S = 30.0
MAX_REASONS = 100  # a 400 lists at most this many rejected items (and says how many there were)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq")


def _answer(status: int, document: dict, headers: dict | None = None) -> web.Response:
    metrics.INGEST_REQUESTS.labels(str(status)).inc()
    return web.Response(status=status, body=orjson.dumps(document), content_type="application/json",
                        headers=headers)


def body_kind(content_type: str, text: str) -> str:
    """'jsonl' or 'json': by the declared type, else by the text (one object or array is JSON, more lines JSONL)."""
    if content_type in JSONL_TYPES:
        return "jsonl"
    if content_type == "application/json":
        return "json"
    stripped = text.strip()
    if stripped.startswith("["):
        return "json"
    try:
        orjson.loads(stripped)
        return "json"
    except orjson.JSONDecodeError:
        return "jsonl"


def check_articles(text: str, kind: str, limits: Limits) -> tuple[list[dict], list[dict]]:
    """(accepted articles, rejections): every item of the body checked, each rejection with where and why."""
    accepted, rejected = [], []
    for item in read_file(Path(f"body.{kind}"), text):
        where = item.origin.replace(f"body.{kind}", "line" if kind == "jsonl" else "body").replace("line:", "line ")
        problem = item.rejected
        if problem is None:
            try:
                article_from_dict(item.article, limits)
                size = len(orjson.dumps(item.article))
                if size > limits.max_message_bytes:
                    raise ArticleRejected("too_large", f"{size} bytes as a message, over NEWSSTREAM_MAX_MESSAGE_BYTES="
                                                       f"{limits.max_message_bytes}", item.article.get("id"))
            except ArticleRejected as exc:
                problem = exc
        if problem is None:
            accepted.append(item.article)
        else:
            rejected.append({"item": where, "id": problem.article_id or (item.article or {}).get("id"),
                             "reason": problem.reason, "error": problem.error})
    return accepted, rejected


class Ingest:
    def __init__(self, settings: Settings, tokens: dict[str, str], clock=time.monotonic):
        self.settings = settings
        self.tokens = tokens
        self.clock = clock
        self.limits = Limits.from_settings(settings)
        self.limiter = RateLimiter(settings.ingest_rate_per_s, settings.ingest_burst)
        self.producer: AIOKafkaProducer | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=self.settings.ingest_max_body_bytes + 1)
        app.router.add_post("/v1/articles", self.post_articles)
        app.router.add_get("/healthz", self.healthz)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)
        return app

    async def _start(self, app) -> None:
        self.producer = AIOKafkaProducer(
            **aiokafka_config(self.settings, f"{self.settings.app_id}-ingest"), acks="all", enable_idempotence=True,
            linger_ms=5, max_request_size=self.settings.max_message_bytes + 10_000,
        )
        try:
            await self.producer.start()
        except (KafkaError, OSError) as exc:
            await self.producer.stop()
            raise SystemExit(f"newsstream ingest: cannot reach Kafka at {self.settings.bootstrap_servers} ({exc}); "
                             "start it (`newsstream kafka start`) or set KAFKA_BOOTSTRAP_SERVERS") from None

    async def _stop(self, app) -> None:
        if self.producer is not None:
            await self.producer.stop()

    async def healthz(self, request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout=3)
        except (asyncio.TimeoutError, KafkaError, OSError) as exc:
            return web.json_response({"status": "unavailable", "kafka": f"{type(exc).__name__}: {exc}",
                                      "what_to_do": f"check that Kafka at {self.settings.bootstrap_servers} is up"},
                                     status=503)
        return web.json_response({"status": "ok", "topic": self.settings.topics.raw})

    async def post_articles(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        try:
            return await self._post(request)
        finally:
            metrics.INGEST_SECONDS.observe(time.perf_counter() - started)

    async def _post(self, request: web.Request) -> web.Response:
        name = bearer_name(request.headers.get("Authorization"), self.tokens)
        if name is None:
            return _answer(401, {"error": "missing or unknown bearer token",
                                 "what_to_do": "send 'Authorization: Bearer TOKEN' with a token from the server's "
                                               "NEWSSTREAM_INGEST_TOKENS_FILE"},
                           {"WWW-Authenticate": 'Bearer realm="newsstream"'})
        allowed, wait_s = self.limiter.take(name, self.clock())
        if not allowed:
            retry = max(1, math.ceil(wait_s))
            return _answer(429, {"error": f"too many requests for token {name!r}: at most "
                                          f"{self.settings.ingest_rate_per_s:g}/s (bursts of {self.settings.ingest_burst})",
                                 "what_to_do": f"retry after {retry}s, or send several articles per request as JSON Lines"},
                           {"Retry-After": str(retry)})
        limit = self.settings.ingest_max_body_bytes
        too_large = {"error": f"the body is over {limit} bytes (NEWSSTREAM_INGEST_MAX_BODY_BYTES)",
                     "what_to_do": "split it into several requests"}
        if request.content_length is not None and request.content_length > limit:
            return _answer(413, too_large)
        chunks, size = [], 0
        async for chunk in request.content.iter_chunked(65536):
            size += len(chunk)
            if size > limit:
                return _answer(413, too_large)
            chunks.append(chunk)
        try:
            text = b"".join(chunks).decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._rejected([{"item": "body", "id": None, "reason": "not_utf8",
                                    "error": f"not UTF-8 at byte {exc.start}"}])
        if not text.strip():
            return self._rejected([{"item": "body", "id": None, "reason": "empty",
                                    "error": "the body holds no article; send one JSON object or JSON Lines"}])
        accepted, rejected = check_articles(text, body_kind(request.content_type, text), self.limits)
        if rejected:
            return self._rejected(rejected, len(accepted))
        if not accepted:
            return self._rejected([{"item": "body", "id": None, "reason": "empty", "error": "no article in the body"}])
        try:
            await asyncio.wait_for(self._publish(accepted), timeout=ACK_TIMEOUT_S)
        except (asyncio.TimeoutError, KafkaError, OSError) as exc:
            log.warning("ingest: Kafka did not acknowledge %d articles from %s: %s: %s", len(accepted), name,
                        type(exc).__name__, exc)
            return _answer(503, {"error": f"Kafka did not acknowledge the articles ({type(exc).__name__})",
                                 "what_to_do": "retry the same request later; articles are keyed by id"},
                           {"Retry-After": "5"})
        metrics.INGEST_ARTICLES.labels("accepted").inc(len(accepted))
        ids = [article["id"] for article in accepted]
        log.info("ingest: %d articles from %s onto %s", len(ids), name, self.settings.topics.raw)
        return _answer(202, {"accepted": ids, "topic": self.settings.topics.raw})

    def _rejected(self, rejected: list[dict], valid: int = 0) -> web.Response:
        metrics.INGEST_ARTICLES.labels("rejected").inc(len(rejected))
        document = {"error": f"{len(rejected)} article(s) refused; nothing was published",
                    "what_to_do": "fix every item listed and send the request again",
                    "rejected": rejected[:MAX_REASONS], "rejected_count": len(rejected), "valid_count": valid}
        return _answer(400, document)

    async def _publish(self, articles: list[dict]) -> None:
        topic = self.settings.topics.raw
        futures = [await self.producer.send(topic, orjson.dumps(a), key=a["id"].encode()) for a in articles]
        await asyncio.gather(*futures)


def serve(settings: Settings, tokens: dict[str, str]) -> int:
    metrics.serve(settings.metrics_host, settings.ingest_metrics_port)
    log.info("ingest on http://%s:%d/v1/articles (%d tokens), metrics on http://%s:%d/metrics", settings.ingest_host,
             settings.ingest_port, len(tokens), settings.metrics_host, settings.ingest_metrics_port)
    try:
        web.run_app(Ingest(settings, tokens).app(), host=settings.ingest_host, port=settings.ingest_port,
                    print=None, shutdown_timeout=min(5.0, settings.shutdown_timeout_s), access_log=None)
    except OSError as exc:
        raise SystemExit(f"newsstream ingest: cannot listen on {settings.ingest_host}:{settings.ingest_port} "
                         f"({exc.strerror}); set NEWSSTREAM_INGEST_PORT to a free port") from None
    return 0
