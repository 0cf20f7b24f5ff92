"""Helpers shared by the test tiers: where the shared data is, and schema checks."""
from __future__ import annotations

from pathlib import Path

from streams.common import schemas
from streams.settings import PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_83edbdfcffbfdd56.txt"


def shared_file(path: Path) -> Path:
    """A file from ../shared, or a clear failure saying where it was looked for."""
    assert path.exists(), f"{path} is missing: tests read the shared data from ../shared beside the project"
    return path


def assert_conforms(kind: str, document: object) -> None:
    schemas.validate(kind, document, Settings().schemas_dir)


def person_names(record: dict) -> set[str]:
    return {e["name"] for e in record["entities"] if e["label"] == "PERSON"}


def places_by_name(record: dict) -> dict[str, dict]:
    return {p["name"]: p for p in record["places"]}


def place_mention_texts(record: dict) -> set[str]:
    return {m["text"] for p in record["places"] for m in p["mentions"]}


# Two short articles of our own writing: sanctions on a country first threatened, then imposed.
SANCTIONS_THREATENED = ("Lithuania threatened sanctions against Belarus on Tuesday after a border incident. "
                        "Officials in Vilnius said a decision would follow within days.")
SANCTIONS_IMPOSED = ("Lithuania imposed sanctions on Belarus on Friday, three days after the border incident. "
                     "The measures cover timber and potash.")


def lightly_edited(text: str) -> str:
    """The same story as another outlet might run it: a word changed, a line added."""
    return text.replace("Despite six hours of talks", "After six hours of talks", 1) + "\n\nAdditional reporting by staff."


# Words for synthetic filler: random enough that no two generated articles read as the same story.
_FILLER = ("council budget school river harbour festival railway museum hospital bridge farmers market "
           "weather library election court factory teachers nurses drivers football orchestra bakery "
           "airport tunnel housing prices tourists students workers village storm harvest exhibition "
           "parliament ministry report survey contract pension energy water transport digital science").split()
_SANCTIONERS = ("The European Union", "The United States", "Britain", "Canada", "Japan", "Australia")
_TARGETS = ("Russia", "Iran", "Syria", "Venezuela", "Belarus", "Myanmar", "North Korea", "Cuba")


def synthetic_articles(count: int, seed: int = 7) -> list[dict]:
    """`count` short articles of our own making, every third one about sanctions, all distinct stories."""
    import random

    rng = random.Random(seed)
    articles = []
    for i in range(count):
        filler = " ".join(
            f"The {' '.join(rng.sample(_FILLER, 3))} {rng.choice(('grew', 'fell', 'changed', 'opened'))} "
            f"after {' '.join(rng.sample(_FILLER, 4))}." for _ in range(4)
        )
        if i % 3 == 0:
            lead = f"{rng.choice(_SANCTIONERS)} imposed sanctions on {rng.choice(_TARGETS)} on Monday. "
        else:
            lead = f"Officials met on Monday to discuss the {rng.choice(_FILLER)}. "
        articles.append({"id": f"synthetic-{seed}-{i}", "title": f"Report {i}", "body": lead + filler})
    return articles


def samples(text: str | None = None, name: str | None = None, **labels: str) -> list:
    """Prometheus samples (from `text`, else this process's registry) named `name` with these label values."""
    from prometheus_client import REGISTRY, generate_latest

    from streams.ops import scrape

    return scrape.samples(generate_latest(REGISTRY).decode() if text is None else text, name, **labels)


def metric_value(name: str, labels: dict | None = None, text: str | None = None) -> float:
    """The sum of the samples named `name` that carry these label values (0 when there are none)."""
    return sum(sample.value for sample in samples(text, name, **(labels or {})))
