"""Every private Faust and aiokafka hook Newsstream relies on, in one place.

Faust 0.15 offers no public way to read only committed records, to switch off its own offset commits, or to
run code on its worker's stop signals. The hooks below override private methods for that. `PRIVATE_HOOKS`
lists each one, and `tests/unit/runtime/test_faust_hooks.py` fails loudly when an upgrade of Faust or aiokafka
renames or removes one of them.
"""
from __future__ import annotations

from typing import Callable

import faust
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.worker import Worker

# (owner, attribute): what the hooks below override or set.
PRIVATE_HOOKS: list[tuple[type, str]] = [
    (aiokafka_driver.AIOKafkaConsumerThread, "_create_worker_consumer"),
    (aiokafka_driver.Consumer, "_new_consumer_thread"),
    (aiokafka_driver.Consumer, "_should_commit"),
    (faust.App, "_new_transport"),
    (Worker, "_on_sigterm"),
    (Worker, "_on_sigint"),
]
# Set on aiokafka's consumer object: read by its fetcher on every request.
ISOLATION_LEVEL_ATTRIBUTE = "_isolation_level"


class _ReadCommittedConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        # Our inputs are written in transactions: never hand an agent a record of an aborted one.
        # (Faust reads committed only in its own exactly_once mode, which we do not use, see transactions.py.)
        setattr(consumer, ISOLATION_LEVEL_ATTRIBUTE, "read_committed")
        return consumer


class _TransactionalConsumer(aiokafka_driver.Consumer):
    """Faust's consumer, minus its offset commits: `streams.runtime.transactions` commits every input offset
    inside the transaction that published the outputs, and a second, out-of-band commit could
    move the group's offset backwards past them."""

    def _new_consumer_thread(self):
        return _ReadCommittedConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def _should_commit(self, tp, offset) -> bool:
        return False


class _Transport(aiokafka_driver.Transport):
    Consumer = _TransactionalConsumer


class TransactionalApp(faust.App):
    """A Faust app whose consumer reads committed records only and never commits offsets itself."""

    def _new_transport(self):
        return _Transport(self.conf.broker_consumer, self)


def on_stop_signals(before: Callable[[Worker], bool]) -> None:
    """Run `before(worker)` on SIGTERM and SIGINT, ahead of Faust's graceful stop; when it returns False,
    Faust's own handler is skipped (the process is ending another way)."""
    for name in ("_on_sigterm", "_on_sigint"):
        original = getattr(Worker, name)

        def handler(self, _original=original):
            if before(self):
                _original(self)

        setattr(Worker, name, handler)
