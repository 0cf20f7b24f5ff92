"""Sanctions lists (OFAC SDN CSV, UN consolidated XML) and matching of entity names against them.

Matching works on whole name tokens folded to a transliteration-tolerant skeleton ("Sergey",
"Sergei" and "Sergej" are one), in any order, with aliases: never on substrings, so COMPUTING
is not PUTIN, and every word of the mention must find its own word in the listed name, so
"LAVROVA, Maria" is not Sergey Lavrov.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Indel

OFFICIAL_SOURCES = {
    "ofac": ("https://www.treasury.gov/ofac/downloads/sdn.csv", "ofac-sdn-{date}.csv"),
    "un": ("https://scsanctions.un.org/resources/xml/en/consolidated.xml", "un-consolidated-{date}.xml"),
}
ALIAS_IN_REMARKS = re.compile(r"a\.k\.a\.?\s+'([^']+)'", re.IGNORECASE)
DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
TOKEN_MIN_SIMILARITY = 0.85
MATCH_THRESHOLD = 0.86
# Skeleton rewrites, in order: common transliteration variants of the same sound.
_REWRITES = (("kh", "h"), ("ck", "k"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"), ("y", "i"), ("j", "i"), ("w", "v"), ("ou", "u"))


@dataclass(frozen=True)
class ListEntry:
    list_name: str
    list_date: str | None
    entry_id: str
    name: str
    kind: str  # individual, entity, vessel, aircraft
    programs: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    entry: ListEntry
    tokens: tuple[str, ...]  # skeletons
    surname: frozenset[str]  # skeletons that must be among the matched ones


def skeleton(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z]", "", folded)
    for old, new in _REWRITES:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", folded)  # doubled letters: Mohammed / Mohamed


def name_tokens(name: str) -> list[str]:
    return [s for s in (skeleton(w) for w in re.split(r"[\s,\-./]+", name)) if s]


def _list_date(path: Path) -> str | None:
    found = DATE_IN_NAME.search(path.name)
    return found.group(1) if found else None


def load_ofac_csv(path: Path) -> list[ListEntry]:
    """OFAC's sdn.csv: no header, Latin-1, '-0-' for empty; aliases in remarks as a.k.a. '...'."""
    text = Path(path).read_bytes().decode("latin-1").replace("\x1a", "")
    entries = []
    for row in csv.reader(io.StringIO(text)):
        if len(row) < 12 or not row[0].strip().isdigit():
            continue
        clean = [("" if cell.strip() == "-0-" else cell.strip()) for cell in row]
        programs = tuple(p.strip(" []") for p in clean[3].split("] [") if p.strip(" []"))
        entries.append(
            ListEntry("OFAC SDN", _list_date(Path(path)), clean[0], clean[1], clean[2] or "entity", programs,
                      tuple(ALIAS_IN_REMARKS.findall(clean[11])))
        )
    if not entries:
        raise ValueError(f"{path}: no OFAC SDN rows found (expected the official sdn.csv layout)")
    return entries


def load_un_xml(path: Path) -> list[ListEntry]:
    """The UN Security Council consolidated list XML."""
    root = ET.parse(path).getroot()
    list_date = (root.get("dateGenerated") or "")[:10] or _list_date(Path(path))
    entries = []
    for kind, tag, alias_tag in (("individual", "INDIVIDUAL", "INDIVIDUAL_ALIAS"), ("entity", "ENTITY", "ENTITY_ALIAS")):
        for node in root.iter(tag):
            parts = [(node.findtext(p) or "").strip() for p in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            if not name:
                continue
            aliases = tuple(
                a.findtext("ALIAS_NAME").strip() for a in node.iter(alias_tag) if (a.findtext("ALIAS_NAME") or "").strip()
            )
            programs = tuple(filter(None, [(node.findtext("UN_LIST_TYPE") or "").strip()]))
            entries.append(ListEntry("UN Consolidated", list_date, (node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID") or "").strip(),
                                     name, kind, programs, aliases))
    if not entries:
        raise ValueError(f"{path}: no INDIVIDUAL or ENTITY records (expected the UN consolidated list XML)")
    return entries


@dataclass
class SanctionsIndex:
    variants: list[Variant] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    @staticmethod
    def _key(token: str) -> str:
        return token[:4]

    def add(self, entries: list[ListEntry]) -> None:
        for entry in entries:
            for n, name in enumerate((entry.name, *entry.aliases)):
                if "," in name and n == 0:  # "PUTIN, Vladimir Vladimirovich": surname first
                    surname = frozenset(name_tokens(name.split(",", 1)[0]))
                else:
                    tokens = name_tokens(name)
                    surname = frozenset(tokens[-1:]) if entry.kind == "individual" else frozenset()
                tokens = tuple(name_tokens(name))
                if not tokens:
                    continue
                index = len(self.variants)
                self.variants.append(Variant(entry, tokens, surname))
                for key in {self._key(t) for t in tokens}:
                    self.by_key[key].append(index)

    def __len__(self) -> int:
        return len({v.entry for v in self.variants})

    def match(self, name: str, label: str) -> list[dict]:
        tokens = name_tokens(name)
        if len(tokens) < 2:
            return []  # a lone surname or word is too ambiguous to accuse anyone
        kinds = {"individual"} if label == "PERSON" else {"entity", "vessel", "aircraft"}
        hits: dict[int, int] = defaultdict(int)
        for key in {self._key(t) for t in tokens}:
            for index in self.by_key.get(key, ()):
                hits[index] += 1
        best: dict[tuple[str, str], dict] = {}
        for index, count in hits.items():
            if count < min(2, len(tokens)):
                continue
            variant = self.variants[index]
            if variant.entry.kind not in kinds:
                continue
            score = _score(tokens, variant, person=label == "PERSON")
            if score >= MATCH_THRESHOLD:
                entry = variant.entry
                key = (entry.list_name, entry.entry_id)
                if key not in best or best[key]["score"] < score:
                    best[key] = {
                        "list": entry.list_name, "list_date": entry.list_date, "entry_id": entry.entry_id,
                        "name": entry.name, "kind": entry.kind, "programs": list(entry.programs), "score": round(score, 3),
                    }
        return sorted(best.values(), key=lambda m: -m["score"])


def _score(tokens: list[str], variant: Variant, person: bool) -> float:
    """Each mention word pairs with its most similar unused listed word; all must pair well."""
    available = list(variant.tokens)
    matched, total = [], 0.0
    for token in tokens:
        scored = [(Indel.normalized_similarity(token, candidate), candidate) for candidate in available]
        if not scored:
            return 0.0
        similarity, candidate = max(scored)
        if similarity < TOKEN_MIN_SIMILARITY:
            return 0.0
        available.remove(candidate)
        matched.append(candidate)
        total += similarity
    if person and variant.surname and not variant.surname & set(matched):
        return 0.0
    coverage = len(matched) / len(variant.tokens)
    return (total / len(tokens)) * (0.85 + 0.15 * coverage)


def load_lists(specs: list[tuple[str, Path]]) -> SanctionsIndex:
    """Build one index from (format, path) pairs; format is 'ofac' or 'un'."""
    loaders = {"ofac": load_ofac_csv, "un": load_un_xml}
    index = SanctionsIndex()
    for kind, path in specs:
        if kind not in loaders:
            raise ValueError(f"unknown sanctions list format {kind!r}: use ofac=PATH or un=PATH")
        if not Path(path).exists():
            raise FileNotFoundError(f"sanctions list {path} does not exist: run `newsstream lists update` or fix NEWSSTREAM_SANCTIONS_LISTS")
        index.add(loaders[kind](Path(path)))
    return index
