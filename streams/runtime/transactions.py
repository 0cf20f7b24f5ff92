"""Exactly-once publishing: a batch's outputs and the input offsets they came from, in one Kafka transaction.

Why not Faust's own `processing_guarantee="exactly_once"`: it picks the transaction from the
*output* partition, which is only right when outputs are co-partitioned with their inputs. Ours are
not (articles are re-keyed by id, alerts fan out to their own topics), so we use the classic Kafka
design instead: one transactional producer per *input* partition, with a transactional.id made of
the group, topic and partition. Starting that producer fences any older owner of the partition (a
zombie worker can no longer commit), and the group's offset read *after* the fence says exactly
which input messages are already done. A reader with isolation.level=read_committed then sees
every output once, whatever crashed when.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, NoReturn

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka import errors as kafka_errors
from aiokafka.errors import KafkaError, ProducerFenced

from streams.ops.kafka_admin import aiokafka_config
from streams.settings import Settings

log = logging.getLogger(__name__)

RETRY_BACKOFF_S = (0.5, 1.0, 2.0, 5.0)
REWIND_AGAIN_S = 2.0  # while a partition's input is being re-read, how often to repeat the seek


@dataclass(frozen=True)
class Output:
    topic: str
    key: bytes | None
    value: bytes
    # What to send instead when the broker refuses this record as too large (an empty list: nothing).
    # None: the record cannot be replaced, and a refusal stops the worker.
    on_too_large: Callable[[str], list["Output"]] | None = field(default=None, compare=False, repr=False)


class PartitionLost(Exception):
    """The partition was taken from this worker while its batch ran; its new owner redoes the batch."""


class PermanentKafkaError(Exception):
    """Kafka refused something that no retry can fix (authorization, unknown topic, unsupported version...)."""


# Errors that retrying cannot fix. Everything else (connections, timeouts, coordinators moving, the broker
# being down) is transient and retried until it passes.
PERMANENT_ERRORS = tuple(getattr(kafka_errors, name) for name in (
    "TopicAuthorizationFailedError", "TransactionalIdAuthorizationFailed", "GroupAuthorizationFailedError",
    "ClusterAuthorizationFailedError", "InvalidTopicError", "UnsupportedVersionError",
    "UnsupportedForMessageFormatError", "InvalidRequiredAcksError", "InvalidConfigurationError",
) if hasattr(kafka_errors, name))
TOO_LARGE_ERRORS = tuple(getattr(kafka_errors, name) for name in (
    "MessageSizeTooLargeError", "RecordTooLargeError", "RecordListTooLargeError",
) if hasattr(kafka_errors, name))


class _TooLarge(Exception):
    def __init__(self, refused: dict[int, BaseException]):
        super().__init__(f"{len(refused)} record(s) refused as too large")
        self.refused = refused


@dataclass(frozen=True)
class Claim:
    committed: int | None  # the group's next offset to read; input below it is already published
    fresh: bool  # a new producer: whatever this worker remembered about the partition may be stale
    ours: bool = True  # False: a rebalance gave the partition to another worker; leave its input alone

    def pending(self, offset: int) -> bool:
        return self.ours and (self.committed is None or offset >= self.committed)



@dataclass
class PartitionBatch:
    """The events of one input partition in a batch that still need processing, in offset order."""

    tp: TopicPartition
    events: list
    fresh: bool  # newly claimed: state kept about this partition must be rebuilt first

    @property
    def next_offset(self) -> int:
        return self.events[-1].message.offset + 1


def by_partition(events: Iterable) -> dict[TopicPartition, list]:
    groups: dict[TopicPartition, list] = defaultdict(list)
    for event in events:
        groups[TopicPartition(event.message.topic, event.message.partition)].append(event)
    return groups


async def claim_batches(publisher: "TransactionalPublisher", events: Iterable) -> list[PartitionBatch]:
    """Split Faust events by input partition, claim each partition, and drop what is already published.

    After a batch was read and not published (it failed, or its partition was taken away), events of its
    partition past that batch are dropped until the input, rewound to the committed offset, comes again:
    nothing is skipped. (Offsets alone cannot show such a gap: transactions leave gaps in every topic.)
    """
    batches = []
    for tp, group in by_partition(events).items():
        claim = await publisher.claim(tp)
        pending = [e for e in group if claim.pending(e.message.offset)]  # still in the order they came
        screen = getattr(publisher, "screen", None)
        if screen is not None:
            pending = await screen(tp, claim, pending)
        pending.sort(key=lambda e: e.message.offset)
        if pending:
            batches.append(PartitionBatch(tp, pending, claim.fresh))
    return batches


async def commit_batch(publisher: "TransactionalPublisher", batch: PartitionBatch, outputs: list[Output]) -> bool:
    """Commit one partition's outputs with its offsets; False when the partition is no longer ours.

    A fenced producer means another worker took the partition over while this one was away (a zombie):
    the batch is dropped unpublished, and its new owner redoes it.
    """
    first, last = batch.events[0].message.offset, batch.next_offset - 1
    try:
        await publisher.commit(batch.tp, outputs, batch.next_offset)
        return True
    except PartitionLost:
        log.info("%s: %s:%d was reassigned during its batch (offsets %d-%d); its new owner redoes it",
                 publisher.stage, batch.tp.topic, batch.tp.partition, first, last)
    except ProducerFenced as exc:
        log.warning("%s: fenced: another worker took over %s:%d while this one was away (%s). This batch "
                    "(offsets %d-%d) is dropped unpublished, its new owner redoes it; this worker leaves the "
                    "partition alone until the group assigns it again.", publisher.stage, batch.tp.topic,
                    batch.tp.partition, type(exc).__name__, first, last)
    hold = getattr(publisher, "hold", None)
    if hold is not None:
        hold(batch)
    return False


class TransactionalPublisher:
    """Owns one transactional producer per input partition this worker is processing.

    After a claim, and after every commit, the producer has a transaction open for the next batch.
    """

    def __init__(self, settings: Settings, stage: str):
        self.settings = settings
        self.stage = stage
        self.group_id = settings.app_id
        self._owned: set[TopicPartition] = set()
        self._producers: dict[TopicPartition, AIOKafkaProducer] = {}
        self._locks: dict[TopicPartition, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._admin: AIOKafkaAdminClient | None = None
        self._admin_lock = asyncio.Lock()
        self._assignment = None  # the consumer's current partitions, once following an app
        self._app = None
        # Bumped by every release: a claim or commit that awaited across a release sees it and stops.
        self._generation: dict[TopicPartition, int] = defaultdict(int)
        self._next: dict[TopicPartition, int | None] = {}  # the next input offset to publish, per claimed partition
        self._fenced: set[TopicPartition] = set()  # fenced here: not claimed again until the group assigns it anew
        self._held: dict[TopicPartition, int] = {}  # first offset of a batch read and not published
        self.on_fatal: Callable[[int, str], None] | None = None  # set by the app: stop the worker with a code

    def _still_ours(self, tp: TopicPartition, generation: int) -> bool:
        if tp not in self._owned or self._generation[tp] != generation:
            return False
        return self._assignment is None or tp in self._assignment()

    def fatal(self, exc: BaseException, what: str) -> NoReturn:
        message = (f"{self.stage}: Kafka at {self.settings.bootstrap_servers} refused {what} for good "
                   f"({type(exc).__name__}: {exc}). Retrying cannot fix this: check the user's ACLs, the topic "
                   f"names and the broker version, then restart the worker.")
        log.critical(message)
        if self.on_fatal is not None:
            self.on_fatal(2, message)
        raise PermanentKafkaError(message) from exc

    def transactional_id(self, tp: TopicPartition) -> str:
        return f"{self.group_id}.{self.stage}.{tp.topic}.{tp.partition}"

    async def claim(self, tp: TopicPartition) -> Claim:
        """Make sure this worker holds `tp`'s producer; say which input offsets are still to do.

        Waits out broker trouble (the partition's input simply stays where it is meanwhile).
        """
        async with self._locks[tp]:
            if tp in self._producers:
                return Claim(self._next.get(tp), fresh=False)
            if tp in self._fenced or (self._assignment is not None and tp not in self._assignment()):
                # Events read before a rebalance took the partition away, or after another worker fenced this
                # one: claiming it would fence its new owner.
                return Claim(None, fresh=False, ours=False)
            self._owned.add(tp)
            generation = self._generation[tp]
            for attempt in itertools.count():
                if not self._still_ours(tp, generation):
                    return Claim(None, fresh=False, ours=False)
                try:
                    claim = await self._new_producer(tp)
                except PERMANENT_ERRORS as exc:
                    self.fatal(exc, f"claiming {tp.topic}:{tp.partition}")
                except (KafkaError, OSError) as exc:
                    await self._back_off(attempt, f"claiming {tp.topic}:{tp.partition}", exc)
                    continue
                if not self._still_ours(tp, generation):  # released while the producer started
                    producer = self._producers.pop(tp, None)
                    if producer is not None:
                        await stop_quietly(producer)
                    return Claim(None, fresh=False, ours=False)
                return claim

    async def _new_producer(self, tp: TopicPartition) -> Claim:
        producer = AIOKafkaProducer(
            **aiokafka_config(self.settings, f"{self.group_id}-{self.stage}-{tp.partition}"),
            transactional_id=self.transactional_id(tp),
            enable_idempotence=True,
            acks="all",
            max_request_size=self.settings.max_message_bytes + 1_000_000,
        )
        try:
            await producer.start()
            # The first transaction waits for the producer id: this is where the broker fences older owners
            # and aborts what they left open. Only after it is the committed offset final.
            await producer.begin_transaction()
            committed = await self.committed(tp)
            if committed is None:
                committed = await self._earliest(tp)
        except BaseException:
            await stop_quietly(producer)
            raise
        self._producers[tp] = producer
        self._next[tp] = committed
        log.info("%s: processing %s:%d from offset %s", self.stage, tp.topic, tp.partition, committed)
        return Claim(committed, fresh=True)

    async def _earliest(self, tp: TopicPartition) -> int | None:
        """Where a never-committed partition starts (its log-start offset): where a failed first batch is re-read."""
        if self._app is None:
            return None
        try:
            return (await self._app.consumer.earliest_offsets(tp)).get(tp)
        except Exception as exc:  # noqa: BLE001 - without it a failed first batch re-reads from its own first event
            log.debug("%s: no earliest offset for %s:%d (%s)", self.stage, tp.topic, tp.partition, exc)
            return None

    def position(self, tp: TopicPartition) -> int | None:
        """The next input offset to publish for a partition this worker holds the producer of, else None."""
        return self._next.get(tp) if tp in self._producers and tp in self._owned else None

    def hold(self, batch: PartitionBatch) -> None:
        """`batch` was read and not published: drop later events of its partition until the input comes again
        from the committed offset (after a seek, or the next assignment, which reads from the committed offset)."""
        first = batch.events[0].message.offset
        held = self._held.get(batch.tp)
        self._held[batch.tp] = (min(first, held[0]) if held else first, time.monotonic())

    async def screen(self, tp: TopicPartition, claim: Claim, pending: list) -> list:
        """The events of `tp` that may be processed now, `pending` being in the order they arrived (see `hold`).

        Events read ahead of an unpublished batch arrive before the re-read ones, in increasing offsets; the
        re-read input starts again at or below the unpublished batch's first offset.
        """
        held = self._held.get(tp)
        if held is None or not pending:
            return pending
        first, sought = held
        if claim.committed is not None and claim.committed > first:
            del self._held[tp]  # published past it since (by another owner): nothing is missing
            return pending
        for index, event in enumerate(pending):
            if event.message.offset <= first:
                del self._held[tp]  # the input has come round again
                return pending[index:]
        log.debug("%s: %s:%d: dropping offsets %d-%d, read ahead of unpublished offset %d", self.stage, tp.topic,
                  tp.partition, pending[0].message.offset, pending[-1].message.offset, first)
        if claim.ours and claim.committed is not None and time.monotonic() - sought > REWIND_AGAIN_S:
            # Records fetched before the seek can still have moved the consumer past it: seek once more.
            self._held[tp] = (first, time.monotonic())
            await self._seek(tp, claim.committed)
        return []

    async def _seek(self, tp: TopicPartition, offset: int) -> None:
        if self._app is None or (self._assignment is not None and tp not in self._assignment()):
            return  # the next assignment reads from the committed offset
        try:
            await self._app.consumer.seek(tp, offset)
        except Exception as exc:  # noqa: BLE001 - the next screen or assignment tries again
            log.warning("%s: could not seek %s:%d back to %d (%s: %s)", self.stage, tp.topic, tp.partition,
                        offset, type(exc).__name__, exc)

    async def committed(self, tp: TopicPartition) -> int | None:
        """The consumer group's committed offset of `tp` (None: never committed)."""
        async with self._admin_lock:  # the lag monitor and a claim may ask at once: one admin client
            if self._admin is None:
                admin = AIOKafkaAdminClient(**aiokafka_config(self.settings, f"{self.group_id}-{self.stage}-admin"))
                await admin.start()
                self._admin = admin
        offsets = await self._admin.list_consumer_group_offsets(self.group_id, partitions=[tp])
        found = offsets.get(tp)
        return found.offset if found is not None and found.offset >= 0 else None

    async def commit(self, tp: TopicPartition, outputs: list[Output], next_offset: int) -> None:
        """Publish `outputs` and move the group's offset for `tp` to `next_offset`, all or nothing.

        Broker trouble is retried until it passes, on a new producer when the old one is unusable;
        nothing is committed meanwhile. Raises PartitionLost when a rebalance took `tp` away and
        ProducerFenced when another worker holds it.
        """
        generation = self._generation[tp]
        outputs = list(outputs)
        for attempt in itertools.count():
            if not self._still_ours(tp, generation):
                raise PartitionLost(tp)
            try:
                producer = self._producers.get(tp)
                if producer is None:  # a failed attempt dropped it
                    claim = await self._new_producer(tp)
                    if not self._still_ours(tp, generation):
                        raise PartitionLost(tp)
                    if claim.committed is not None and claim.committed >= next_offset:
                        self._next[tp] = claim.committed
                        return  # the failed attempt had committed after all
                    producer = self._producers[tp]
                await self._transaction(producer, tp, outputs, next_offset, generation)
                self._next[tp] = next_offset
                return
            except ProducerFenced:
                self._fenced.add(tp)
                await self.release([tp])
                raise
            except _TooLarge as exc:
                outputs = self._replace_too_large(tp, outputs, exc.refused)
            except PERMANENT_ERRORS as exc:
                await self.release([tp])
                self.fatal(exc, f"the transaction for {tp.topic}:{tp.partition}")
            except (KafkaError, OSError) as exc:
                await self._back_off(attempt, f"the transaction for {tp.topic}:{tp.partition}", exc)

    def _replace_too_large(self, tp: TopicPartition, outputs: list[Output], refused: dict[int, BaseException]) -> list[Output]:
        """The records the broker refused as too large, replaced as each one says (a dead letter, or nothing)."""
        replaced: list[Output] = []
        for index, output in enumerate(outputs):
            if index not in refused:
                replaced.append(output)
                continue
            exc = refused[index]
            if output.on_too_large is None:
                self.fatal(exc, f"a {len(output.value)}-byte record on {output.topic}")
            reason = (f"Kafka refused the {len(output.value)}-byte record for {output.topic} as too large "
                      f"({type(exc).__name__}); raise the topic's max.message.bytes, or lower "
                      f"NEWSSTREAM_MAX_OUTPUT_BYTES so that such records are dead-lettered before they are sent")
            log.warning("%s: %s:%d: %s", self.stage, tp.topic, tp.partition, reason)
            replaced.extend(output.on_too_large(reason))
        return replaced

    async def _transaction(self, producer: AIOKafkaProducer, tp: TopicPartition, outputs: list[Output],
                           next_offset: int, generation: int) -> None:
        def check() -> None:
            if not self._still_ours(tp, generation):
                raise PartitionLost(tp)

        sent, refused = [], {}
        try:
            for index, output in enumerate(outputs):
                try:
                    sent.append((index, await producer.send(output.topic, output.value, key=output.key)))
                except TOO_LARGE_ERRORS as exc:  # over the producer's own limit: refused before sending
                    refused[index] = exc
                check()
            results = await asyncio.gather(*(future for _, future in sent), return_exceptions=True)
            failed = [result for result in results if isinstance(result, BaseException)]
            refused.update((index, result) for (index, _), result in zip(sent, results)
                           if isinstance(result, TOO_LARGE_ERRORS))
            if refused:
                # Other failures in the same transaction (out-of-order sequence numbers on the same partition)
                # follow from the refusal. The transaction is aborted below; the retry sends the replacements.
                raise _TooLarge(refused)
            if failed:
                raise failed[0]
            check()
            await producer.send_offsets_to_transaction({tp: next_offset}, self.group_id)
            check()
            await producer.commit_transaction()
            await producer.begin_transaction()
        except BaseException:
            # Unusable now (or no longer ours, or fenced); stopping it aborts its open transaction, and the
            # next producer's fence aborts whatever is left. The records' own failures are expected then.
            for _, future in sent:
                future.add_done_callback(_consume_exception)
            self._producers.pop(tp, None)
            await stop_quietly(producer)
            raise

    async def _back_off(self, attempt: int, what: str, exc: Exception) -> None:
        delay = RETRY_BACKOFF_S[min(attempt, len(RETRY_BACKOFF_S) - 1)]
        log.warning("%s: %s failed (%s: %s); retrying in %.1fs. No input is committed until it succeeds; "
                    "if this goes on, check that Kafka at %s is up.", self.stage, what, type(exc).__name__, exc,
                    delay, self.settings.bootstrap_servers)
        await asyncio.sleep(delay)

    async def release(self, tps: Iterable[tuple[str, int]]) -> None:
        """Forget partitions a rebalance took away; stopping their producers aborts their open transactions."""
        for topic, partition in list(tps):
            tp = TopicPartition(topic, partition)
            self._owned.discard(tp)
            self._generation[tp] += 1
            self._next.pop(tp, None)
            producer = self._producers.pop(tp, None)
            if producer is not None:
                await stop_quietly(producer)

    def follow(self, app) -> "TransactionalPublisher":
        """Release partitions when the Faust app's rebalances revoke them, and close when it stops."""

        async def on_revoked(sender, revoked, **kwargs) -> None:
            await self.release(revoked)

        async def on_assigned(sender, assigned, **kwargs) -> None:
            self._fenced.difference_update(TopicPartition(t, p) for t, p in assigned)

        async def on_shutdown(sender, **kwargs) -> None:
            await self.close()

        self._app = app
        self._assignment = lambda: app.consumer.assignment()
        app.on_partitions_revoked.connect(on_revoked)
        app.on_partitions_assigned.connect(on_assigned)
        app.on_before_shutdown.connect(on_shutdown)
        return self

    async def abandon(self, batches: list[PartitionBatch], why: str) -> None:
        """Batches failed: abort their open transactions and read their input again from the committed offset,
        so that they are redone, not skipped."""
        for batch in batches:
            tp = batch.tp
            restart = self._next.get(tp)
            if restart is None:
                restart = batch.events[0].message.offset
            log.error("%s: %s:%d: %s; its transaction is aborted and its input (offsets %d-%d) will be read again "
                      "from the committed offset %d", self.stage, tp.topic, tp.partition, why,
                      batch.events[0].message.offset, batch.next_offset - 1, restart)
            self.hold(batch)
            await self.release([tp])
            await self._seek(tp, restart)

    async def close(self) -> None:
        await self.release(list(self._owned | set(self._producers)))
        if self._admin is not None:
            await self._admin.close()
            self._admin = None


def _consume_exception(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()


async def stop_quietly(producer: AIOKafkaProducer) -> None:
    """Stop a producer being thrown away, within 5 s, whatever goes wrong."""
    try:
        await asyncio.wait_for(producer.stop(), timeout=5)
    except Exception:  # noqa: BLE001 - it is being thrown away
        pass


async def read_to_end(settings: Settings, topic: str, client_id: str) -> list[tuple[bytes, bytes | None, int]]:
    """Every committed record of a one-partition topic, from the beginning to its last stable offset,
    as (key, value, Kafka timestamp in ms)."""
    consumer = AIOKafkaConsumer(**aiokafka_config(settings, client_id), group_id=None, enable_auto_commit=False,
                                isolation_level="read_committed")
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        end = (await consumer.end_offsets([tp]))[tp]
        records = []
        while await consumer.position(tp) < end:
            batch = await consumer.getmany(tp, timeout_ms=1000)
            records.extend((r.key, r.value, r.timestamp) for r in batch.get(tp, ()))
        return records
    finally:
        await consumer.stop()
