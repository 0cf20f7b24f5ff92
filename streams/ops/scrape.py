"""Reading a Prometheus metrics page, with prometheus_client's own parser (never by hand)."""
from __future__ import annotations

import urllib.request

from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample


def fetch(url: str, timeout_s: float = 2.0) -> str:
    """The text of a metrics page; OSError when it cannot be read."""
    with urllib.request.urlopen(url, timeout=timeout_s) as response:
        return response.read().decode()


def samples(text: str, name: str | None = None, **labels: str) -> list[Sample]:
    """The samples of a metrics page named `name` (any, when None) that carry these label values."""
    return [sample for family in text_string_to_metric_families(text) for sample in family.samples
            if (name is None or sample.name == name) and all(sample.labels.get(k) == v for k, v in labels.items())]


def value(text: str, name: str, **labels: str) -> float | None:
    """The sum of the samples named `name` with these label values; None when the page has none."""
    found = samples(text, name, **labels)
    return sum(sample.value for sample in found) if found else None
