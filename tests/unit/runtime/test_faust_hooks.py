"""Fails loudly when a Faust or aiokafka upgrade renames or removes a private hook Newsstream overrides."""
import inspect

import aiokafka
import faust
import pytest
from faust.transport.drivers import aiokafka as aiokafka_driver

from streams.runtime.faust_hooks import ISOLATION_LEVEL_ATTRIBUTE, PRIVATE_HOOKS, TransactionalApp


@pytest.mark.parametrize("owner, name", PRIVATE_HOOKS, ids=lambda item: getattr(item, "__name__", item))
def test_every_private_hook_still_exists_upstream(owner, name):
    assert callable(getattr(owner, name, None)), (
        f"{owner.__module__}.{owner.__name__}.{name} is gone: a Faust upgrade broke a hook in "
        "streams/runtime/faust_hooks.py (read-committed input, no Faust commits, or stop signals)")


def test_aiokafka_consumer_still_reads_the_isolation_level_attribute():
    """The read-committed hook sets this attribute; aiokafka must still keep its isolation level there."""
    stored = inspect.getsource(aiokafka.AIOKafkaConsumer.__init__)
    used = inspect.getsource(aiokafka.AIOKafkaConsumer.start)  # where the fetcher is built from it
    assert f"self.{ISOLATION_LEVEL_ATTRIBUTE} = isolation_level" in stored, (
        f"aiokafka {aiokafka.__version__} no longer stores the isolation level in {ISOLATION_LEVEL_ATTRIBUTE}")
    assert f"isolation_level=self.{ISOLATION_LEVEL_ATTRIBUTE}" in used, (
        f"aiokafka {aiokafka.__version__} no longer hands {ISOLATION_LEVEL_ATTRIBUTE} to its fetcher on start")


def test_the_hooked_app_uses_the_transactional_consumer():
    app = TransactionalApp("hooks-test", broker="kafka://127.0.0.1:1", autodiscover=False)
    consumer_class = app.transport.Consumer
    assert consumer_class is not aiokafka_driver.Consumer
    assert consumer_class._should_commit(object(), None, 0) is False
    assert faust.__version__.startswith("0.")  # the hooks were written against Faust 0.x


def test_the_transactional_consumer_builds_the_read_committed_thread():
    from streams.runtime.faust_hooks import _ReadCommittedConsumerThread

    app = TransactionalApp("hooks-test", broker="kafka://127.0.0.1:1", autodiscover=False)
    consumer = app.transport.Consumer(app.transport, callback=lambda *a: None, on_partitions_revoked=None,
                                      on_partitions_assigned=None)
    assert isinstance(consumer._new_consumer_thread(), _ReadCommittedConsumerThread)
