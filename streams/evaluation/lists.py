"""List-hit evaluation: precision of sanctions-list hits and recall of listed parties, beside a baseline.

The labels (`tests/data/list_hits_eval.jsonl`, `tests/data/list_recall_eval.jsonl`) hold ids, offsets,
the entity name and the list entry id only; the articles are read from ../shared. Each label row:

- hits: `set`, `article_id`, `start`, `end` (the entity's first mention), `name`, `label`, `list`
  ("ofac" or "un"), `entry_id`, `correct` (does the entity name that listed party?);
- recall: the same without `correct`: the entity should hit that entry.

Precision counts each article's hit once: a (set, article, entity, list, entry) is one hit. A predicted
hit that is not labelled counts as wrong (labels cover every hit that any of the matchers compared here
produced when they were made). Recall: the share of recall rows whose entity hit that entry.
Every article is in one half, `streams.evaluation.split.half(set, article_id)`; thresholds were set on
"tune", and the figures of "test" are the ones to quote.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Callable, Iterable

from streams.evaluation.split import half
from streams.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
SEED = SHARED / "seeds" / "000_83edbdfcffbfdd56.txt"
SANCTIONS = SHARED / "data" / "sanctions"
LIST_FILES = (("ofac", SANCTIONS / "ofac-sdn-2024-05-03.csv"), ("un", SANCTIONS / "un-consolidated-2018-10-29.xml"))
CORPORA = {"reuters-2017": NEWS / "reuters-2017.jsonl", "guardian-2022": NEWS / "guardian-2022-ukraine.jsonl",
           "bbc-2005": NEWS / "bbc-2005.jsonl"}
HITS_LABELS = PROJECT_ROOT / "tests" / "data" / "list_hits_eval.jsonl"
RECALL_LABELS = PROJECT_ROOT / "tests" / "data" / "list_recall_eval.jsonl"
MENTIONS_SANCTIONS = re.compile(r"sanction|embargo|blacklist|asset freeze", re.IGNORECASE)
LIST_KEYS = {"OFAC SDN": "ofac", "UN Consolidated": "un"}


def sanctions_articles(sets: Iterable[str] | None = None) -> list[dict]:
    """The development articles that mention sanctions: {set, id, title, body}; the seed is set "seed", id "seed"."""
    wanted = set(sets) if sets is not None else set(CORPORA) | {"seed"}
    articles = []
    for set_name, path in CORPORA.items():
        if set_name not in wanted:
            continue
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if MENTIONS_SANCTIONS.search(f"{row.get('title') or ''}\n{row['body']}"):
                    articles.append({"set": set_name, "id": str(row["id"]), "title": row.get("title"), "body": row["body"]})
    if "seed" in wanted:
        articles.append({"set": "seed", "id": "seed", "title": None, "body": SEED.read_text(encoding="utf-8")})
    return articles


def entity_rows(enricher, articles: list[dict], progress: Callable[[str], None] = lambda _: None) -> list[dict]:
    """Run the enrichment (without list matching) and keep, per article, its PERSON/ORG entities and places."""
    from streams.records.models import Article

    index, enricher.sanctions_index = enricher.sanctions_index, None
    rows = []
    try:
        for start in range(0, len(articles), 16):
            batch = articles[start:start + 16]
            records = enricher.enrich_many([Article(id=a["id"], body=a["body"], title=a["title"]) for a in batch])
            for article, record in zip(batch, records):
                rows.append({
                    "set": article["set"], "id": article["id"], "body": article["body"],
                    "countries": sorted({p["country_code"] for p in record["places"] if p.get("country_code")}),
                    "entities": [{"name": e["name"], "label": e["label"], "mentions": e["mentions"]}
                                 for e in record["entities"] if e["label"] in ("PERSON", "ORG")],
                })
            progress(f"list hits: {min(start + 16, len(articles))}/{len(articles)} articles")
    finally:
        enricher.sanctions_index = index
    return rows


# ------------------------------------------------------------------------------------ the baseline

_BASE_REWRITES = (("kh", "h"), ("ck", "k"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"), ("y", "i"), ("j", "i"), ("w", "v"), ("ou", "u"))


def _base_skeleton(word: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z]", "", folded)
    for old, new in _BASE_REWRITES:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", folded)


def _base_tokens(name: str) -> list[str]:
    return [s for s in (_base_skeleton(w) for w in re.split(r"[\s,\-./]+", name)) if s]


class BaselineIndex:
    """The matcher before issue 15, kept here only as the baseline: every mention word pairs with a
    listed word (Indel >= 0.85), threshold 0.86, every entry above it is a hit."""

    def __init__(self, entries):
        from collections import defaultdict

        self.variants, self.by_key = [], defaultdict(list)
        for entry in entries:
            for n, name in enumerate((entry.name, *entry.aliases)):
                if "," in name and n == 0:
                    surname = frozenset(_base_tokens(name.split(",", 1)[0]))
                else:
                    tokens = _base_tokens(name)
                    surname = frozenset(tokens[-1:]) if entry.kind == "individual" else frozenset()
                tokens = tuple(_base_tokens(name))
                if tokens:
                    for key in {t[:4] for t in tokens}:
                        self.by_key[key].append(len(self.variants))
                    self.variants.append((entry, tokens, surname))

    def match(self, name: str, label: str, context=None) -> list[dict]:
        from collections import defaultdict
        from rapidfuzz.distance import Indel

        tokens = _base_tokens(name)
        if len(tokens) < 2:
            return []
        kinds = {"individual"} if label == "PERSON" else {"entity", "vessel", "aircraft"}
        hits: dict[int, int] = defaultdict(int)
        for key in {t[:4] for t in tokens}:
            for index in self.by_key.get(key, ()):
                hits[index] += 1
        best: dict[tuple[str, str], dict] = {}
        for index, count in hits.items():
            entry, listed, surname = self.variants[index]
            if count < min(2, len(tokens)) or entry.kind not in kinds:
                continue
            available, matched, total = list(listed), [], 0.0
            for token in tokens:
                scored = [(Indel.normalized_similarity(token, c), c) for c in available]
                similarity, candidate = max(scored) if scored else (0.0, "")
                if similarity < 0.85:
                    total = None
                    break
                available.remove(candidate)
                matched.append(candidate)
                total += similarity
            if total is None or (label == "PERSON" and surname and not surname & set(matched)):
                continue
            score = (total / len(tokens)) * (0.85 + 0.15 * len(matched) / len(listed))
            key = (entry.list_name, entry.entry_id)
            if score >= 0.86 and (key not in best or best[key]["score"] < score):
                best[key] = {"list": entry.list_name, "entry_id": entry.entry_id, "name": entry.name, "score": round(score, 3)}
        return sorted(best.values(), key=lambda m: -m["score"])


# ------------------------------------------------------------------------- the nomenklatura yardstick

NOMENKLATURA_THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)


def nomenklatura_scores(index, rows: list[dict], algorithm: str = "name-based") -> dict[tuple, float] | None:
    """OpenSanctions' name-based matcher (nomenklatura, optional: None when it is not installed) side by side with
    ours: every PERSON/ORG entity against the listed entries our blocking offers (entries sharing a key with two of
    its words, one for a one-word name), scored on all their names; {(set, article, entity, list, entry): score}.
    The query is the entity's name only: the name-based matcher scores names (its qualified variant would also
    weigh dates of birth and countries the article entity does not carry)."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    from streams.enrichment.sanctions_lists import name_tokens

    matcher = get_algorithm(algorithm)
    config = matcher.default_config()
    schemata = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
    proxies: dict = {}

    def listed(entry):
        key = (entry.list_name, entry.entry_id)
        if key not in proxies:
            proxy = model.make_entity(schemata.get(entry.kind, "Organization"))
            proxy.id = f"{LIST_KEYS.get(entry.list_name, entry.list_name)}-{entry.entry_id}"
            proxy.add("name", entry.name)
            proxy.add("alias", list(entry.aliases))
            proxies[key] = proxy
        return proxies[key]

    scores: dict[tuple, float] = {}
    for row in rows:
        for entity in row["entities"]:
            tokens = name_tokens(entity["name"])
            if not tokens:
                continue
            query = model.make_entity("Person" if entity["label"] == "PERSON" else "Organization")
            query.id = "query"
            query.add("name", entity["name"])
            entries = {index.names[i].entry for i in index.candidates(tokens, min(2, len(set(tokens))))}
            for entry in entries:
                if (entry.kind == "individual") != (entity["label"] == "PERSON"):
                    continue
                score = matcher.compare(query, listed(entry), config).score
                key = (row["set"], row["id"], entity["name"], LIST_KEYS.get(entry.list_name, entry.list_name), entry.entry_id)
                scores[key] = max(score, scores.get(key, 0.0))
    return scores


def nomenklatura_hits(scores: dict[tuple, float], threshold: float) -> set[tuple]:
    """The best entry per entity and list from `threshold` (entries tying with it too), like our hits."""
    best: dict[tuple, float] = {}
    for key, score in scores.items():
        if score >= threshold:
            best[key[:4]] = max(score, best.get(key[:4], 0.0))
    return {key for key, score in scores.items() if score >= threshold and best[key[:4]] - score <= 0.005}


# ----------------------------------------------------------------------------------------- figures


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def predicted_hits(index, rows: list[dict], with_context: bool = True) -> set[tuple]:
    """{(set, article, entity name, list, entry id)} of one matcher over the entity rows; with its time per entity."""
    from streams.enrichment.sanctions_lists import match_context

    found = set()
    for row in rows:
        for entity in row["entities"]:
            context = match_context(row["body"], entity["mentions"], row["countries"]) if with_context else None
            for hit in index.match(entity["name"], entity["label"], context):
                found.add((row["set"], row["id"], entity["name"], LIST_KEYS.get(hit["list"], hit["list"]), hit["entry_id"]))
    return found


def score_hits(found: set[tuple], hit_labels: list[dict], recall_labels: list[dict], part: str | None) -> dict:
    """Precision (each article's hit once; unlabelled hits count as wrong) and recall of one half (None: all)."""
    keep = lambda s, a: part is None or half(s, a) == part  # noqa: E731
    # a recall row says the entity names that entry: it is a correct hit too
    correct = {(r["set"], r["article_id"], r["name"], r["list"], r["entry_id"]) for r in hit_labels if r["correct"]}
    correct |= {(r["set"], r["article_id"], r["name"], r["list"], r["entry_id"]) for r in recall_labels}
    mine = {f for f in found if keep(f[0], f[1])}
    true_hits = len(mine & correct)
    should = {(r["set"], r["article_id"], r["name"], r["list"], r["entry_id"]) for r in recall_labels if keep(r["set"], r["article_id"])}
    labelled = correct | {(r["set"], r["article_id"], r["name"], r["list"], r["entry_id"]) for r in hit_labels}
    return {"hits": len(mine), "correct": true_hits, "precision": true_hits / len(mine) if mine else 1.0,
            "recall": len(should & found) / len(should) if should else 1.0, "should_hit": len(should),
            "unlabelled": len(mine - labelled)}


def list_figures(enricher, progress: Callable[[str], None] = lambda _: None, rows: list[dict] | None = None,
                 with_nomenklatura: bool = True) -> dict:
    """List-hit precision and recall, ours beside today's baseline and nomenklatura's name-based matcher (its
    threshold the best F1 on the tune half), on the tune and test halves; load and match times."""
    from streams.enrichment.sanctions_lists import load_lists

    for path in (HITS_LABELS, RECALL_LABELS, SEED, *CORPORA.values(), *(p for _, p in LIST_FILES)):
        if not Path(path).exists():
            raise FileNotFoundError(f"{path} is missing: the list-hit evaluation reads the shared data beside the project")
    started = time.perf_counter()
    index = load_lists(list(LIST_FILES))
    load_seconds = time.perf_counter() - started
    if rows is None:
        rows = entity_rows(enricher, sanctions_articles(), progress)
    baseline = BaselineIndex(sorted({n.entry for n in index.names}, key=lambda e: (e.list_name, e.entry_id)))
    hit_labels, recall_labels = _read_jsonl(HITS_LABELS), _read_jsonl(RECALL_LABELS)
    entities = sum(len(r["entities"]) for r in rows)
    started = time.perf_counter()
    ours = predicted_hits(index, rows)
    per_entity_ms = (time.perf_counter() - started) * 1000 / max(entities, 1)
    base = predicted_hits(baseline, rows, with_context=False)
    result = {"load_seconds": round(load_seconds, 3), "per_entity_ms": round(per_entity_ms, 3), "entities": entities}
    for part in ("tune", "test"):
        result[part] = {"ours": score_hits(ours, hit_labels, recall_labels, part),
                        "baseline": score_hits(base, hit_labels, recall_labels, part)}
    scores = nomenklatura_scores(index, rows) if with_nomenklatura else None
    if scores is None:
        result["nomenklatura_note"] = "nomenklatura is not installed: its yardstick is skipped" if with_nomenklatura else "not run"
    else:
        def f1(figures):
            p, r = figures["precision"], figures["recall"]
            return 2 * p * r / (p + r) if p + r else 0.0
        threshold = max(NOMENKLATURA_THRESHOLDS,
                        key=lambda t: f1(score_hits(nomenklatura_hits(scores, t), hit_labels, recall_labels, "tune")))
        nk = nomenklatura_hits(scores, threshold)
        result["nomenklatura_threshold"] = threshold
        for part in ("tune", "test"):
            result[part]["nomenklatura"] = score_hits(nk, hit_labels, recall_labels, part)
    progress("list hits: scored")
    return result


def list_rows(results: dict) -> Iterable[tuple[str, str, str, str]]:
    """(figure, ours, baseline, difference) rows, like `streams.evaluation.rows_for_table`."""
    for part in ("test", "tune"):
        ours, base = results[part]["ours"], results[part]["baseline"]
        nk = results[part].get("nomenklatura")
        for metric in ("precision", "recall"):
            yield (f"list hits {part} {metric}", f"{ours[metric]:.3f}", f"{base[metric]:.3f}", f"{ours[metric] - base[metric]:+.3f}")
            if nk:
                yield (f"list hits {part} {metric} (nomenklatura name-based)", f"{ours[metric]:.3f}", f"{nk[metric]:.3f}",
                       f"{ours[metric] - nk[metric]:+.3f}")
        yield (f"list hits {part} count", str(ours["hits"]), str(base["hits"]), f"{ours['hits'] - base['hits']:+d}")
    yield ("list load seconds", f"{results['load_seconds']:.2f}", "", "")
    yield ("list match ms per entity", f"{results['per_entity_ms']:.3f}", "", "")
