"""`newsstream enrich` works with no broker anywhere."""
import subprocess
import sys
from pathlib import Path

import orjson

from support import SEED, assert_conforms, person_names, shared_file

NEWSSTREAM = str(Path(sys.executable).with_name("newsstream"))


def test_enrich_the_seed_offline(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    done = subprocess.run(
        [NEWSSTREAM, "enrich", str(shared_file(SEED)), str(bad)],
        capture_output=True, timeout=180,
        env={"PATH": "/usr/bin:/bin", "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"},  # nothing listens there
    )
    assert done.returncode == 0, done.stderr.decode()
    [line] = done.stdout.splitlines()
    record = orjson.loads(line)
    assert_conforms("enriched", record)
    assert {"John Kerry", "Sergey Lavrov", "Vladimir Putin"} <= person_names(record)
    stderr = done.stderr.decode()
    assert "invalid_article" in stderr and "enriched 1, rejected 1" in stderr


def test_enrich_reads_standard_input():
    done = subprocess.run(
        [NEWSSTREAM, "enrich", "-"], input=b'{"id": "a", "body": "Paris and Berlin agreed."}', capture_output=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr.decode()
    record = orjson.loads(done.stdout)
    assert record["id"] == "a"
    assert {p["name"] for p in record["places"]} == {"Paris", "Berlin"}
