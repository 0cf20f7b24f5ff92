"""The enrichment without a broker (`newsstream enrich`): items in, enriched records out in batches."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from streams.records.decode import ArticleRejected, Limits, article_from_dict
from streams.records.sources import Item


def enriched_batches(enricher, items: Iterable[Item], limits: Limits, batch_size: int,
                     on_rejected: Callable[[Item, ArticleRejected], None]) -> Iterator[list[dict]]:
    """The records of every acceptable item, a batch of at most batch_size at a time; the others to on_rejected."""
    batch = []
    for item in items:
        try:
            if item.rejected:
                raise item.rejected
            batch.append(article_from_dict(item.article, limits))
        except ArticleRejected as exc:
            on_rejected(item, exc)
        if len(batch) >= batch_size:
            yield enricher.enrich_many(batch)
            batch = []
    if batch:
        yield enricher.enrich_many(batch)
