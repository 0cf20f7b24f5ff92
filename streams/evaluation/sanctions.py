"""Sanctions figures on labelled trigger words, scored the way `docs/sanctions-labelling.md` defines.

A labelled row is one trigger-word occurrence: `{"id", "trigger_offset", "trigger", "international",
"sanctioner", "target", "status": [...]}`. A system event counts for a row when the row's offset lies
inside the event's sentence span. From that:

- detection recall: international rows that some event covers; detection precision: events that cover
  at least one international row (an event over only non-international rows, or none, is a false alarm);
- status accuracy: covered international rows whose event status is one the row accepts;
- sanctioner (target) accuracy: covered international rows with a gold sanctioner (target) whose event
  lists it among at most two sanctioners (targets): naming every country of a sentence does not score;
  also given for the rows whose sanctioner is not the United States.

Labels live in `tests/data/sanctions/<set>.jsonl`; the articles are read from ../shared. Every set is
split into a tuning and a test half by article (`streams.evaluation.split`).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from streams.records.models import Article
from streams.evaluation.split import TEST, TUNE, half
from streams.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
LABELS_DIR = PROJECT_ROOT / "tests" / "data" / "sanctions"
# Labelled set -> where its articles are. The seed is one text file: its whole text is the body.
CORPORA = {
    "reuters-1987": SHARED / "data" / "news" / "reuters21578-dev.jsonl",
    "reuters-2017": SHARED / "data" / "news" / "reuters-2017.jsonl",
    "guardian-2022": SHARED / "data" / "news" / "guardian-2022-ukraine.jsonl",
    "bbc-2005": SHARED / "data" / "news" / "bbc-2005.jsonl",
    "seed": SHARED / "seeds" / "000_83edbdfcffbfdd56.txt",
}
MAX_PARTIES = 2
STATUSES = ("imposed", "expanded", "planned", "threatened", "lifted", "discussed")


@dataclass
class Rate:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.value, 4), "right": self.right, "n": self.total}


@dataclass
class SanctionsScore:
    events: Rate = field(default_factory=Rate)  # detection precision: events covering an international row
    rows: Rate = field(default_factory=Rate)  # detection recall: international rows covered
    status: Rate = field(default_factory=Rate)
    sanctioner: Rate = field(default_factory=Rate)
    sanctioner_not_us: Rate = field(default_factory=Rate)
    target: Rate = field(default_factory=Rate)
    errors: list = field(default_factory=list)  # (kind, row, event) of the tuning half, for error analysis

    def as_dict(self) -> dict:
        return {
            "detection": {"precision": round(self.events.value, 4), "recall": round(self.rows.value, 4),
                          "events": self.events.total, "false_events": self.events.total - self.events.right,
                          "rows": self.rows.total, "missed_rows": self.rows.total - self.rows.right},
            "status": self.status.as_dict(),
            "sanctioner": self.sanctioner.as_dict(),
            "sanctioner_not_us": self.sanctioner_not_us.as_dict(),
            "target": self.target.as_dict(),
        }


def load_labels(set_name: str, labels_dir: Path = LABELS_DIR) -> list[dict]:
    path = labels_dir / f"{set_name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        bad = set(row.get("status") or ()) - set(STATUSES)
        if bad:
            raise ValueError(f"{path}: row {row['id']}@{row['trigger_offset']} has unknown statuses {sorted(bad)}")
    return rows


def load_articles(set_name: str, ids: set[str]) -> dict[str, Article]:
    path = CORPORA[set_name]
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: `newsstream eval` reads the shared data beside the project")
    if set_name == "seed":
        return {"seed": Article(id="seed", body=path.read_text(encoding="utf-8"))}
    articles = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in ids:
                articles[row["id"]] = Article(id=row["id"], body=row["body"], title=row.get("title"),
                                              published_at=row.get("published") or row.get("date"))
    missing = ids - set(articles)
    if missing:
        raise ValueError(f"labelled articles not found in {path}: {sorted(missing)[:5]}")
    return articles


def score(labels: list[dict], events_by_article: dict[str, list[dict]], keep_errors: bool = False) -> SanctionsScore:
    result = SanctionsScore()
    rows_by_article = defaultdict(list)
    for row in labels:
        rows_by_article[row["id"]].append(row)
    for article_id, rows in rows_by_article.items():
        events = events_by_article.get(article_id, [])
        for event in events:
            covered = [r for r in rows if event["start"] <= r["trigger_offset"] < event["end"]]
            ok = any(r["international"] for r in covered)
            result.events.add(ok)
            if keep_errors and not ok:
                result.errors.append(("false_event", covered[0] if covered else {"id": article_id}, event))
        for row in rows:
            if not row["international"]:
                continue
            event = next((e for e in events if e["start"] <= row["trigger_offset"] < e["end"]), None)
            result.rows.add(event is not None)
            if event is None:
                if keep_errors:
                    result.errors.append(("missed", row, None))
                continue
            status_ok = event["status"] in row["status"]
            result.status.add(status_ok)
            if keep_errors and not status_ok:
                result.errors.append(("status", row, event))
            for role, events_key, rates in (("sanctioner", "sanctioners", [result.sanctioner]),
                                            ("target", "targets", [result.target])):
                gold = row.get(role)
                if not gold:
                    continue
                ok = gold in event[events_key] and len(event[events_key]) <= MAX_PARTIES
                if role == "sanctioner" and gold != "US":
                    rates.append(result.sanctioner_not_us)
                for rate in rates:
                    rate.add(ok)
                if keep_errors and not ok:
                    result.errors.append((role, row, event))
    return result


# --- systems ----------------------------------------------------------------------------------

Predict = Callable[[list[Article]], dict[str, list[dict]]]


def ours(enricher) -> Predict:
    def predict(articles: list[Article]) -> dict[str, list[dict]]:
        out = {}
        for start in range(0, len(articles), 64):
            chunk = articles[start:start + 64]
            for article, record in zip(chunk, enricher.enrich_many(chunk)):
                out[article.id] = record["sanctions"]
        return out
    return predict


KEYWORDS = re.compile(r"\b(sanction|sanctions|embargo|embargoes)\b", re.IGNORECASE)
BASELINE_STATUS = (
    ("lifted", re.compile(r"\b(lift|lifted|lifting|eas(e|ed|ing))\b", re.I)),
    ("threatened", re.compile(r"\bthreat", re.I)),
    ("planned", re.compile(r"\b(plan|plans|planned|will|would|propos\w*)\b", re.I)),
    ("expanded", re.compile(r"\b(expand\w*|extend\w*|tighten\w*)\b", re.I)),
    ("imposed", re.compile(r"\bimpos\w*", re.I)),
)


def keyword_baseline(nlp, country_names: dict[str, str]) -> Predict:
    """A plain keyword match per sentence; status by keywords; the US as sanctioner (the commonest
    answer); every country named in the sentence but the US as target."""
    def predict(articles: list[Article]) -> dict[str, list[dict]]:
        out = {}
        for article, doc in zip(articles, nlp.pipe((a.body for a in articles), batch_size=32)):
            out[article.id] = []
            for sentence in doc.sents:
                if not KEYWORDS.search(sentence.text):
                    continue
                status = next((s for s, rx in BASELINE_STATUS if rx.search(sentence.text)), "discussed")
                named = [code for name, code in country_names.items() if name in sentence.text and code != "US"]
                out[article.id].append({"start": sentence.start_char, "end": sentence.end_char, "status": status,
                                        "sanctioners": ["US"], "targets": named})
        return out
    return predict


# --- the report -------------------------------------------------------------------------------

def sets_present(labels_dir: Path = LABELS_DIR) -> list[str]:
    return [name for name in CORPORA if (labels_dir / f"{name}.jsonl").exists()]


def sanctions_figures(systems: dict[str, Predict], progress: Callable[[str], None],
                      sets: Iterable[str] | None = None) -> dict:
    """{set: {system: {half: figures}}} plus "all" over every set, per system and half."""
    results: dict = {}
    totals: dict = defaultdict(lambda: defaultdict(list))
    for set_name in sets or sets_present():
        labels = load_labels(set_name)
        articles = load_articles(set_name, {row["id"] for row in labels})
        progress(f"sanctions: {set_name} ({len(articles)} articles, {len(labels)} labelled triggers)")
        results[set_name] = {"articles": len(articles), "rows": len(labels)}
        for system, predict in systems.items():
            events = predict(list(articles.values()))
            results[set_name][system] = {}
            for part in (TUNE, TEST):
                part_labels = [r for r in labels if half(set_name, r["id"]) == part]
                results[set_name][system][part] = score(part_labels, events).as_dict()
                totals[system][part].append((part_labels, {a: events[a] for a in events if half(set_name, a) == part}))
    results["all"] = {}
    for system, parts in totals.items():
        results["all"][system] = {}
        for part, pieces in parts.items():
            labels = [row for piece_labels, _ in pieces for row in piece_labels]
            # Article ids are unique across the corpora (each set names its own), so the events can be merged.
            events = {k: v for _, piece_events in pieces for k, v in piece_events.items()}
            results["all"][system][part] = score(labels, events).as_dict()
    return results


def sanctions_rows(results: dict, part: str = TEST) -> Iterable[tuple[str, str, str, str]]:
    """(figure, ours, baseline, difference) rows of one half, per set and over all sets."""
    def cell(figures: dict, path: tuple[str, str]) -> float:
        return figures[path[0]][path[1]]

    figures = (("detection precision", ("detection", "precision")), ("detection recall", ("detection", "recall")),
               ("status accuracy", ("status", "accuracy")), ("sanctioner accuracy", ("sanctioner", "accuracy")),
               ("sanctioner accuracy (not US)", ("sanctioner_not_us", "accuracy")),
               ("target accuracy", ("target", "accuracy")))
    for set_name, by_system in results.items():
        if "ours" not in by_system:
            continue
        for name, path in figures:
            ours_value = cell(by_system["ours"][part], path)
            base = by_system.get("baseline", {}).get(part)
            base_value = cell(base, path) if base else float("nan")
            yield (f"sanctions {set_name} {part} {name}", f"{ours_value:.3f}", f"{base_value:.3f}",
                   f"{ours_value - base_value:+.3f}")
