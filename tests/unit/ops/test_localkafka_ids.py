"""The local broker's KRaft cluster ids: Kafka's format, and never read as an option by the storage tool."""
import base64
import uuid

from streams.ops import localkafka


def test_cluster_ids_are_kafka_s_format_and_never_open_with_a_dash(monkeypatch):
    # Bytes whose base64 opens with "-" first (0xfb... encodes to "-..."), then ordinary ones: the first is skipped.
    dashed = uuid.UUID(bytes=bytes([0xFB]) + bytes(15))
    plain = uuid.UUID(bytes=bytes(range(16)))
    assert base64.urlsafe_b64encode(dashed.bytes).decode().startswith("-")
    drawn = iter([dashed, plain])
    monkeypatch.setattr(localkafka.uuid, "uuid4", lambda: next(drawn))
    cluster = localkafka.new_cluster_id()
    assert cluster == base64.urlsafe_b64encode(plain.bytes).decode().rstrip("=")
    assert len(cluster) == 22 and not cluster.startswith("-")
