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
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError, ProducerFenced

from streams.kafka_admin import aiokafka_config
from streams.settings import Settings

log = logging.getLogger(__name__)

RETRY_BACKOFF_S = (0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class Output:
    topic: str
    key: bytes | None
    value: bytes


class PartitionLost(Exception):
    """The partition was taken from this worker while its batch ran; its new owner redoes the batch."""


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


async def claim_batches(publisher: "TransactionalPublisher", events: Iterable) -> list[PartitionBatch]:
    """Split Faust events by input partition, claim each partition, and drop what is already published."""
    groups: dict[TopicPartition, list] = defaultdict(list)
    for event in events:
        groups[TopicPartition(event.message.topic, event.message.partition)].append(event)
    batches = []
    for tp, group in groups.items():
        claim = await publisher.claim(tp)
        pending = sorted((e for e in group if claim.pending(e.message.offset)), key=lambda e: e.message.offset)
        if pending:
            batches.append(PartitionBatch(tp, pending, claim.fresh))
    return batches


async def commit_batch(publisher: "TransactionalPublisher", batch: PartitionBatch, outputs: list[Output]) -> bool:
    """Commit one partition's outputs with its offsets; False when the partition is no longer ours.

    A fenced producer means another worker holds the partition while this one thought it did:
    this worker stops, rather than guess what it may still write.
    """
    try:
        await publisher.commit(batch.tp, outputs, batch.next_offset)
        return True
    except PartitionLost:
        log.info("%s: %s:%d was reassigned during its batch; its new owner redoes it",
                 publisher.stage, batch.tp.topic, batch.tp.partition)
        return False
    except ProducerFenced as exc:
        log.critical("%s: another worker took over %s:%d (%s); stopping this worker so nothing is written twice",
                     publisher.stage, batch.tp.topic, batch.tp.partition, exc)
        raise SystemExit(70) from exc


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
        self._assignment = None  # the consumer's current partitions, once following an app

    def transactional_id(self, tp: TopicPartition) -> str:
        return f"{self.group_id}.{self.stage}.{tp.topic}.{tp.partition}"

    async def claim(self, tp: TopicPartition) -> Claim:
        """Make sure this worker holds `tp`'s producer; say which input offsets are still to do.

        Waits out broker trouble (the partition's input simply stays where it is meanwhile).
        """
        async with self._locks[tp]:
            if tp in self._producers:
                return Claim(None, fresh=False)
            if self._assignment is not None and tp not in self._assignment():
                # Events read before a rebalance took the partition away: claiming it would fence its new owner.
                return Claim(None, fresh=False, ours=False)
            self._owned.add(tp)
            for attempt in itertools.count():
                try:
                    return await self._new_producer(tp)
                except (KafkaError, OSError) as exc:
                    await self._back_off(attempt, f"claiming {tp.topic}:{tp.partition}", exc)

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
            committed = await self._committed(tp)
        except BaseException:
            await _stop_quietly(producer)
            raise
        self._producers[tp] = producer
        log.info("%s: processing %s:%d from offset %s", self.stage, tp.topic, tp.partition, committed)
        return Claim(committed, fresh=True)

    async def _committed(self, tp: TopicPartition) -> int | None:
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
        for attempt in itertools.count():
            if tp not in self._owned:
                raise PartitionLost(tp)
            try:
                producer = self._producers.get(tp)
                if producer is None:  # a failed attempt dropped it
                    claim = await self._new_producer(tp)
                    if claim.committed is not None and claim.committed >= next_offset:
                        return  # the failed attempt had committed after all
                    producer = self._producers[tp]
                await self._transaction(producer, tp, outputs, next_offset)
                return
            except ProducerFenced:
                await self.release([tp])
                raise
            except (KafkaError, OSError) as exc:
                await self._back_off(attempt, f"the transaction for {tp.topic}:{tp.partition}", exc)

    async def _transaction(self, producer: AIOKafkaProducer, tp: TopicPartition, outputs: list[Output],
                           next_offset: int) -> None:
        try:
            sent = [await producer.send(o.topic, o.value, key=o.key) for o in outputs]
            await asyncio.gather(*sent)
            await producer.send_offsets_to_transaction({tp: next_offset}, self.group_id)
            await producer.commit_transaction()
            await producer.begin_transaction()
        except ProducerFenced:
            raise
        except BaseException:
            # Unusable now; the next producer's fence aborts whatever this one left open.
            self._producers.pop(tp, None)
            await _stop_quietly(producer)
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
            producer = self._producers.pop(tp, None)
            if producer is not None:
                await _stop_quietly(producer)

    def follow(self, app) -> "TransactionalPublisher":
        """Release partitions when the Faust app's rebalances revoke them, and close when it stops."""

        async def on_revoked(sender, revoked, **kwargs) -> None:
            await self.release(revoked)

        async def on_shutdown(sender, **kwargs) -> None:
            await self.close()

        self._assignment = lambda: app.consumer.assignment()
        app.on_partitions_revoked.connect(on_revoked)
        app.on_before_shutdown.connect(on_shutdown)
        return self

    async def close(self) -> None:
        await self.release(list(self._owned | set(self._producers)))
        if self._admin is not None:
            await self._admin.close()
            self._admin = None


async def _stop_quietly(producer: AIOKafkaProducer) -> None:
    try:
        await asyncio.wait_for(producer.stop(), timeout=5)
    except Exception:  # noqa: BLE001 - it is being thrown away
        pass


async def read_to_end(settings: Settings, topic: str, client_id: str) -> list[tuple[bytes, bytes | None]]:
    """Every committed record of a one-partition topic, from the beginning to its last stable offset."""
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
            records.extend((r.key, r.value) for r in batch.get(tp, ()))
        return records
    finally:
        await consumer.stop()
