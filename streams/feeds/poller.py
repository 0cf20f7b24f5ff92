"""`newsstream feeds run`: poll RSS/Atom feeds and publish each new item to the raw topic exactly once.

Who polls: every poller of an app id joins the consumer group `<app id>-feeds` on the one-partition
topic `<app id>-feeds-seen`; the member that is assigned the partition is the active poller, the others
stand by and take over when it leaves or dies (after the group's session timeout).

Exactly once: the active poller owns the transactional producer `<app id>.feeds`. Starting it fences any
older owner and aborts what that one left open; only then are the seen ids read back (read_committed).
Each poll of a feed publishes its new articles and their seen ids in one transaction, so after a crash,
a `kill -9` or a takeover the seen ids say exactly which items are on the raw topic. A feed's ETag and
Last-Modified are kept only once its items are committed: a failed commit never turns into a 304.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import random
import signal
import time
from dataclasses import dataclass, field

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from aiokafka.errors import KafkaError, ProducerFenced

from streams.runtime import metrics
from streams.records.decode import ArticleRejected, Limits, article_from_dict
from streams.feeds import items as feed_items
from streams.feeds.config import Feed, FeedsConfig
from streams.feeds.fetch import FEED_ACCEPT, HostGate, Response, Validators, new_session
from streams.feeds.politeness import first_poll_delay, next_poll_delay
from streams.feeds.seen import SEEN_TOPIC_CONFIG, SeenIds, seen_topic
from streams.ops.kafka_admin import admin_client, aiokafka_config, ensure_topics
from streams.settings import Settings
from streams.runtime.transactions import PERMANENT_ERRORS, Output, RETRY_BACKOFF_S, read_to_end, stop_quietly

log = logging.getLogger("newsstream.feeds")

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
COMMIT_ATTEMPTS = 5  # then the poll is given up; the feed is asked again (unconditionally) at its next interval


class PollerFatal(RuntimeError):
    """Kafka refused the poller something retrying cannot fix."""


def ensure_feed_topics(settings: Settings) -> None:
    """The raw topic (as the worker creates it) and the compacted one-partition seen topic."""
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    ensure_topics(settings, timeout_s=60)
    name = seen_topic(settings.app_id)
    admin = admin_client(settings, timeout_s=60)
    try:
        if name not in set(admin.list_topics()):
            try:
                admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=settings.topic_replication,
                                              topic_configs=SEEN_TOPIC_CONFIG)])
            except TopicAlreadyExistsError:
                pass
    finally:
        admin.close()


def extract_text(html: bytes, url: str) -> str | None:
    """The article text of a page, by trafilatura (CPU-bound: the poller runs it in a thread)."""
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace") if isinstance(html, bytes) else html, url=url,
                               include_comments=False, include_tables=False, favor_precision=True)


def parse_feed(body: bytes, response: Response):
    import feedparser

    headers = {"content-location": response.url}
    content_type = (response.headers or {}).get("Content-Type")
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)


@dataclass
class FeedState:
    validators: Validators = field(default_factory=Validators)
    failures: int = 0


class _Listener(ConsumerRebalanceListener):
    def __init__(self, poller: "Poller"):
        self.poller = poller

    async def on_partitions_revoked(self, revoked):
        if self.poller.partition in revoked:
            self.poller.deactivate("the group moved the feeds to another poller")

    async def on_partitions_assigned(self, assigned):
        if self.poller.partition in assigned:
            self.poller.consumer.pause(self.poller.partition)  # membership only: the seen ids are read apart
            self.poller.activate()


class Poller:
    def __init__(self, settings: Settings, config: FeedsConfig, rng=random.random, clock=time.time):
        self.settings = settings
        self.config = config
        self.rng = rng
        self.clock = clock
        self.limits = Limits.from_settings(settings)
        self.seen_topic = seen_topic(settings.app_id)
        self.partition = TopicPartition(self.seen_topic, 0)
        self.seen = SeenIds(settings.feeds_seen_ttl_s, clock)
        self.states = {feed.name: FeedState() for feed in config.feeds}
        self.gate = HostGate(config.host_delays())
        self.stopping = asyncio.Event()
        self.active = asyncio.Event()
        self.inactive = asyncio.Event()
        self.inactive.set()
        self.consumer: AIOKafkaConsumer | None = None
        self.producer: AIOKafkaProducer | None = None
        self.session = None
        self._commit_lock = asyncio.Lock()
        self.fatal: str | None = None

    # --- who is active -------------------------------------------------------------------------

    def activate(self) -> None:
        log.info("this poller now holds the feeds (%d feeds)", len(self.config.feeds))
        self.inactive.clear()
        self.active.set()

    def deactivate(self, why: str) -> None:
        if self.active.is_set():
            log.info("standing by: %s", why)
        self.active.clear()
        self.inactive.set()
        metrics.FEEDS_ACTIVE.set(0)

    async def _membership(self) -> None:
        """Keep this poller in its group: the consumer must be polled, though its partition stays paused."""
        while True:
            await self.consumer.getmany(timeout_ms=1000)

    # --- main ----------------------------------------------------------------------------------

    async def run(self) -> int:
        for feed in self.config.feeds:
            metrics.FEED_INTERVAL.labels(feed.name).set(feed.interval)
            # A feed that never succeeds ages from the start, so its silence alert fires all the same.
            metrics.FEED_LAST_SUCCESS.labels(feed.name).set(self.clock())
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self._on_signal, signum)
        session_ms = int(self.settings.session_timeout_s * 1000)
        self.consumer = AIOKafkaConsumer(
            **aiokafka_config(self.settings, f"{self.settings.app_id}-feeds"), group_id=f"{self.settings.app_id}-feeds",
            enable_auto_commit=False, isolation_level="read_committed", session_timeout_ms=session_ms,
            heartbeat_interval_ms=max(1000, session_ms // 3), rebalance_timeout_ms=session_ms,
        )
        self.consumer.subscribe([self.seen_topic], listener=_Listener(self))
        self.session = new_session()
        membership = None
        try:
            await self.consumer.start()
            membership = asyncio.create_task(self._membership())
            log.info("polling %d feeds once this poller holds them (group %s-feeds)", len(self.config.feeds),
                     self.settings.app_id)
            while not self.stopping.is_set():
                if not await _first(self.active, self.stopping, membership_task=membership):
                    break
                await self._run_active()
                if self.fatal:
                    break
        finally:
            if membership is not None:
                membership.cancel()
                await asyncio.gather(membership, return_exceptions=True)
            await self._drop_producer()
            await self.session.close()
            try:
                await asyncio.wait_for(self.consumer.stop(), timeout=max(1.0, self.settings.shutdown_timeout_s / 2))
            except (asyncio.TimeoutError, KafkaError):
                pass
        if self.fatal:
            log.critical(self.fatal)
            return 2
        return 0

    def _on_signal(self, signum) -> None:
        if self.stopping.is_set():
            raise SystemExit(143)
        log.info("signal %d: stopping; an open transaction is aborted, never half committed", signum)
        self.stopping.set()

    async def _run_active(self) -> None:
        try:
            await self._claim()
        except ProducerFenced:
            self.deactivate("another poller fenced this one while it started")
            return
        except PollerFatal as exc:
            self.fatal = str(exc)
            return
        metrics.FEEDS_ACTIVE.set(1)
        tasks = [asyncio.create_task(self._feed_loop(feed), name=f"feed-{feed.name}") for feed in self.config.feeds]
        try:
            await _first(self.inactive, self.stopping, tasks=tasks)
        finally:
            for task in tasks:
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            for result in results:
                if isinstance(result, PollerFatal):
                    self.fatal = str(result)
            await self._drop_producer()
            metrics.FEEDS_ACTIVE.set(0)

    # --- Kafka ---------------------------------------------------------------------------------

    async def _claim(self) -> None:
        """Take the producer (fencing any older owner), then read back the seen ids."""
        for attempt in itertools.count():
            producer = AIOKafkaProducer(
                **aiokafka_config(self.settings, f"{self.settings.app_id}-feeds-producer"),
                transactional_id=f"{self.settings.app_id}.feeds", enable_idempotence=True, acks="all",
                max_request_size=self.settings.max_message_bytes + 1_000_000,
            )
            try:
                await producer.start()
                await producer.begin_transaction()  # waits for the producer id: the fence
                records = await read_to_end(self.settings, self.seen_topic, f"{self.settings.app_id}-feeds-restore")
            except ProducerFenced:
                await stop_quietly(producer)
                raise
            except PERMANENT_ERRORS as exc:
                await stop_quietly(producer)
                raise PollerFatal(self._permanent(exc, "starting the feeds producer")) from exc
            except (KafkaError, OSError) as exc:
                await stop_quietly(producer)
                await self._back_off(attempt, "starting the feeds producer", exc)
                continue
            self.producer = producer
            restored = self.seen.restore(records)
            expired = len(self.seen.to_tombstone)
            log.info("%d seen item ids restored from %s (%d expired, tombstoned with the next commit)",
                     restored, self.seen_topic, expired)
            return

    def _permanent(self, exc: BaseException, what: str) -> str:
        return (f"feeds: Kafka at {self.settings.bootstrap_servers} refused {what} for good ({type(exc).__name__}: "
                f"{exc}). Check the user's ACLs (topics {self.settings.topics.raw} and {self.seen_topic}, group "
                f"{self.settings.app_id}-feeds, transactional id {self.settings.app_id}.feeds), then restart.")

    async def _back_off(self, attempt: int, what: str, exc: BaseException) -> None:
        delay = RETRY_BACKOFF_S[min(attempt, len(RETRY_BACKOFF_S) - 1)]
        log.warning("feeds: %s failed (%s: %s); retrying in %.1fs. Nothing is published meanwhile; if this goes "
                    "on, check that Kafka at %s is up.", what, type(exc).__name__, exc, delay,
                    self.settings.bootstrap_servers)
        try:
            await asyncio.wait_for(self.stopping.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass

    async def _drop_producer(self) -> None:
        producer, self.producer = self.producer, None
        if producer is not None:
            await stop_quietly(producer)  # aborts an open transaction

    async def commit(self, feed: Feed, articles: list[dict]) -> bool:
        """Publish a poll's new articles and their seen ids in one transaction; False when it could not be done."""
        async with self._commit_lock:
            for attempt in range(COMMIT_ATTEMPTS):
                if not self.active.is_set():
                    return False
                try:
                    if self.producer is None:
                        await self._claim()  # after a failed attempt: the seen ids are read again
                    fresh = [a for a in articles if a["id"] not in self.seen]
                    self.seen.expire()
                    tombstones = sorted(self.seen.to_tombstone)
                    if not fresh and not tombstones:
                        metrics.FEED_ITEMS.labels(feed.name, "seen").inc(len(articles))
                        return True
                    outputs = [Output(self.settings.topics.raw, a["id"].encode(), orjson.dumps(a)) for a in fresh]
                    outputs += self.seen.records(self.seen_topic, [(a["id"], feed.name) for a in fresh])
                    await self._transaction(outputs)
                    self.seen.mark([a["id"] for a in fresh], tombstones)
                    metrics.FEED_ITEMS.labels(feed.name, "new").inc(len(fresh))
                    metrics.FEED_ITEMS.labels(feed.name, "seen").inc(len(articles) - len(fresh))
                    return True
                except ProducerFenced:
                    await self._drop_producer()
                    self.deactivate("fenced: another poller took the feeds over; this poll is dropped unpublished")
                    return False
                except PERMANENT_ERRORS as exc:
                    await self._drop_producer()
                    raise PollerFatal(self._permanent(exc, f"the transaction for feed {feed.name}")) from exc
                except (KafkaError, OSError) as exc:
                    await self._drop_producer()
                    await self._back_off(attempt, f"the transaction for feed {feed.name}", exc)
            return False

    async def _transaction(self, outputs: list[Output]) -> None:
        producer = self.producer
        futures = [await producer.send(o.topic, o.value, key=o.key) for o in outputs]
        await asyncio.gather(*futures)
        await producer.commit_transaction()
        await producer.begin_transaction()

    # --- polling -------------------------------------------------------------------------------

    async def _feed_loop(self, feed: Feed) -> None:
        await asyncio.sleep(first_poll_delay(feed.interval, feed.jitter, self.rng()))
        while True:
            state = self.states[feed.name]
            try:
                retry_after = await self.poll(feed, state)
            except (asyncio.CancelledError, PollerFatal):
                raise
            except Exception as exc:  # noqa: BLE001 - one feed's surprise must not stop the others
                log.exception("feed %s: poll failed unexpectedly (%s); it is tried again at its next interval",
                              feed.name, exc)
                metrics.FEED_ERRORS.labels(feed.name, "internal").inc()
                state.failures += 1
                retry_after = None
            await asyncio.sleep(next_poll_delay(feed.interval, feed.jitter, self.rng(), state.failures, retry_after))

    def _failed(self, feed: Feed, state: FeedState, reason: str, detail: str) -> None:
        state.failures += 1
        metrics.FEED_FETCHES.labels(feed.name, "error").inc()
        metrics.FEED_ERRORS.labels(feed.name, reason).inc()
        log.warning("feed %s: %s (%s; failure %d in a row, next try backs off)", feed.name, detail, reason,
                    state.failures)

    async def poll(self, feed: Feed, state: FeedState) -> float | None:
        """One poll of one feed; returns the server's Retry-After, if any."""
        response = await self.gate.fetch(self.session, feed.url, feed, state.validators, FEED_ACCEPT)
        if response.not_modified:
            metrics.FEED_FETCHES.labels(feed.name, "304").inc()
            metrics.FEED_LAST_SUCCESS.labels(feed.name).set(self.clock())
            state.failures = 0
            return response.retry_after_s
        if not response.ok:
            self._failed(feed, state, response.error or "http", response.detail)
            return response.retry_after_s
        parsed = await asyncio.to_thread(parse_feed, response.body, response)
        entries = list(parsed.get("entries") or ())
        if not entries and (parsed.get("bozo") or not parsed.get("version")):
            problem = parsed.get("bozo_exception")
            self._failed(feed, state, "malformed",
                         f"{feed.url} is not a readable RSS or Atom feed ({type(problem).__name__ if problem else 'no feed'}"
                         f": {str(problem)[:200] if problem else 'no channel or entries'}); check the URL in the feeds file")
            return response.retry_after_s
        if parsed.get("bozo"):
            log.info("feed %s: not well-formed (%s), but %d entries were read", feed.name,
                     str(parsed.get("bozo_exception"))[:200], len(entries))
        metrics.FEED_FETCHES.labels(feed.name, "200").inc()
        articles = await self._articles(feed, parsed, entries)
        if await self.commit(feed, articles):
            state.validators = response.validators
            state.failures = 0
            metrics.FEED_LAST_SUCCESS.labels(feed.name).set(self.clock())
        return response.retry_after_s

    async def _articles(self, feed: Feed, parsed, entries: list) -> list[dict]:
        """This poll's acceptable articles, new ones with their full text where configured."""
        cutoff = self.clock() - self.settings.feeds_seen_ttl_s
        newest, chosen, ids, expired = None, [], set(), 0
        for entry in entries:
            mapped = feed_items.map_entry(entry, feed, parsed.get("feed") or {}, self.settings.max_body_chars)
            if mapped is None:
                metrics.FEED_ITEMS.labels(feed.name, "empty").inc()
                continue
            if mapped.published_s is not None:
                newest = max(newest or mapped.published_s, mapped.published_s)
                if mapped.published_s < cutoff:
                    metrics.FEED_ITEMS.labels(feed.name, "expired").inc()  # older than the seen ids are kept
                    expired += 1
                    continue
            item_id = mapped.article["id"]
            if item_id in ids:
                continue
            ids.add(item_id)
            if item_id in self.seen:
                chosen.append(mapped.article)  # counted as seen at the commit
                continue
            article = mapped.article
            if mapped.needs_page:
                article = await self._with_full_text(feed, mapped)
            try:
                article_from_dict(article, self.limits)
            except ArticleRejected as exc:
                metrics.FEED_ITEMS.labels(feed.name, "invalid").inc()
                log.warning("feed %s: item %s refused (%s: %s); it is left out", feed.name,
                            article.get("url") or item_id, exc.reason, exc.error)
                continue
            chosen.append(article)
        if expired:
            log.info("feed %s: %d items published over NEWSSTREAM_FEEDS_SEEN_TTL_S=%gs ago are skipped (their ids "
                     "would no longer be remembered); raise it to take them", feed.name, expired,
                     self.settings.feeds_seen_ttl_s)
        if newest is not None:
            metrics.FEED_NEWEST_ITEM.labels(feed.name).set(newest)
        return chosen

    async def _with_full_text(self, feed: Feed, mapped: feed_items.MappedItem) -> dict:
        response = await self.gate.fetch(self.session, mapped.page_url, feed, None, PAGE_ACCEPT)
        if not response.ok:
            failure = f"page: {response.error}"
            detail = response.detail
        else:
            try:
                extracted = await asyncio.to_thread(extract_text, response.body, response.url)
            except Exception as exc:  # noqa: BLE001 - trafilatura on a strange page: fall back to the summary
                extracted, detail = None, f"{type(exc).__name__}: {exc}"
            text, failure = feed_items.page_text_or_failure(extracted, mapped.article["body"])
            detail = failure
        if failure is not None:
            reason = failure.split(":")[0] if failure.startswith("page:") else "extraction"
            reason = response.error if not response.ok else reason
            metrics.FEED_EXTRACTION_FAILURES.labels(feed.name, reason).inc()
            log.info("feed %s: no full text for %s (%s); the summary is published, marked "
                     "metadata.full_text_failed", feed.name, mapped.page_url, detail)
            return feed_items.with_page_text(mapped, None, failure, self.settings.max_body_chars)
        return feed_items.with_page_text(mapped, text, None, self.settings.max_body_chars)


async def _first(*events: asyncio.Event, tasks=(), membership_task=None) -> bool:
    """Wait until one of `events` is set or one of `tasks` ends; True when the first event is set."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    watched = waiters + list(tasks) + ([membership_task] if membership_task is not None else [])
    try:
        done, _ = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    if membership_task is not None and membership_task in done:
        membership_task.result()  # the group membership failed: say why
    return events[0].is_set()


def run(settings: Settings, config: FeedsConfig) -> int:
    """Create the topics, serve /metrics, and poll until SIGTERM or SIGINT."""
    ensure_feed_topics(settings)
    metrics.serve(settings.metrics_host, settings.feeds_metrics_port)
    log.info("feeds metrics on http://%s:%d/metrics", settings.metrics_host, settings.feeds_metrics_port)
    return asyncio.run(Poller(settings, config).run())
