"""Which half of an evaluation set an article belongs to: tuning or test, fixed by its id.

Every labelled set is split by article, never by sentence, so that a rule tuned on one sentence of an
article cannot score on another sentence of the same article. The split depends only on the set's name
and the article id, so it is the same on every machine and never changes when labels are added.
"""
from __future__ import annotations

import hashlib

TUNE, TEST = "tune", "test"


def half(set_name: str, article_id: str) -> str:
    """"tune" or "test": the first byte of sha256("set:id"), even for tuning, odd for test."""
    return TUNE if hashlib.sha256(f"{set_name}:{article_id}".encode()).digest()[0] % 2 == 0 else TEST
