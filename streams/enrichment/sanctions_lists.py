"""Sanctions lists (OFAC SDN CSV, UN consolidated XML) and screening of entity names against them.

The rules are those of OpenSanctions' matchers (nomenklatura's LogicV2 and name-based matchers),
with rigour's name analysis:

- names are analysed with `rigour.names.analyze_names`: person titles ("Mr", "Gen.") and organisation
  articles removed, org types ("Limited Liability Company", "ООО", "PJSC") folded to one legal form,
  scripts latinised, and for organisations rigour's symbols: LOCATION (countries, cities), SYMBOL
  (group, department, government, branch ...) and ORG_CLASS (legal forms);
- name parts are compared on a transliteration skeleton (Sergey/Sergei/Sergej, Qassem/Qasem one), or
  fuzzily (same first letter, Indel similarity >= PART_FUZZY), never on substrings;
- a person matches only when given and family names both agree (every mention part pairs with a listed
  part, one of the listed family and one of the listed given parts among them); a family name alone or
  a relative (a mention part the listed name lacks) never matches;
- an organisation matches only when every significant part agrees; generic words (party, department,
  national, security, bank ...) never carry a match, a listed name that is the mention plus a
  qualifier (a branch, a sub-unit, "X of Country", another significant word) is not matched, unless
  the mention is a listed alias; a country or a government, and fragments ("Group of"), are never
  screened;
- article context (title words before the name, the article's countries, its date) raises or lowers a
  person's score when the list has a title, nationality (else registration or programme country) or date
  of birth, and the hit says which; two words of a longer listed name pass on the name alone only when
  the listed party's country is the article's and its family name is not a common one on the lists;
- organisations use the article too: the listing's own country may qualify its name in a story about
  that country (Channel One / CHANNEL ONE RUSSIA), a brand names the listed parent rather than a listed
  subsidiary linked to it (Sberbank), a listed acronym needs its long form in the article or, bare, the
  listing's country there, and "X Holdings" in the article is not a listed X;
- an entity gets at most one hit per list: the best; two entries that tie are both given, flagged.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel, Levenshtein

OFFICIAL_SOURCES = {
    "ofac": ("https://www.treasury.gov/ofac/downloads/sdn.csv", "ofac-sdn-{date}.csv"),
    "un": ("https://scsanctions.un.org/resources/xml/en/consolidated.xml", "un-consolidated-{date}.xml"),
}
WORDS_FILE = Path(__file__).parent / "data" / "list_words.json"
ALIAS_IN_REMARKS = re.compile(r"a\.k\.a\.?\s+'([^']+)'", re.IGNORECASE)
NATIONALITY_IN_REMARKS = re.compile(r"(?:nationality|citizen) ([^;.]+)")
DOB_IN_REMARKS = re.compile(r"DOB (?:circa )?(?:\d{1,2} )?(?:[A-Z][a-z]{2} )?(\d{4})")
DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
COUNTRY_IN_REMARKS = re.compile(r"(?:Registration|Tax ID|Company Number|Business Registration|Government Gazette|"
                                r"Identification Number|Registration ID|National ID)[^;()]*\(([A-Z][A-Za-z ,.']+)\)")
LINKED_IN_REMARKS = re.compile(r"Linked To: ([^;]+?)\.?(?:;|$)")
NAME_WORDS_BEFORE = re.compile(r"(?:^|[^\w’'.])((?:[A-Z][a-zà-ÿ]+ ){1,3})$")
SPLIT = re.compile(r"[\s,\-./()'’\"]+")

# Thresholds, set on the tuning half of tests/data/list_hits_eval.jsonl (see streams/evaluation/lists.py).
PART_FUZZY = 0.8            # two name parts agree fuzzily from this Indel similarity (same first letter)
PERSON_THRESHOLD = 0.93     # a person hit from this score
ORG_THRESHOLD = 0.90        # an organisation hit from this score
TIE_MARGIN = 0.005          # entries within this score of the best one tie
# Context features (persons): what each adds to or takes from the score.
TITLE_AGREES = 0.03
NATIONALITY_IN_ARTICLE = 0.02
NATIONALITY_ABSENT = -0.05
NATIONALITY_ABSENT_TWO_PARTS = -0.10  # ... when the mention gives two name parts of a longer listed name: not on the name alone
TITLE_DISAGREES = -0.03     # the article's title words before the name share none of the list's title
COMMON_FAMILY = 6           # a family name borne by this many listed people or more is common (IVANOV, PETROV)
COMMON_FAMILY_SHORT = -0.10  # two name parts of a longer listed name with a common family name: a namesake unless context agrees
COUNTRY_QUALIFIER = 0.01    # taken off an organisation hit whose listed name is the mention + its own country
TOO_YOUNG = -0.2            # born less than 16 years before the article
UNMATCHED_PART = 0.03      # per listed name part (other than a patronymic) the mention lacks
PATRONYMIC = re.compile(r"(ovic|evic|ivic|ovna|evna|ogli|ogl|kizi|ovich|evich)$")
METHOD_PERSON = "name-parts/person"
METHOD_ORG = "name-parts/organization"
METHOD_EXACT = "exact-name"

# Skeleton rewrites, in order: common transliteration variants of the same sound.
_REWRITES = (("kh", "h"), ("ck", "k"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("zh", "j"),
             ("q", "k"), ("y", "i"), ("j", "i"), ("w", "v"), ("ou", "u"), ("ee", "i"))


@dataclass(frozen=True)
class ListEntry:
    list_name: str
    list_date: str | None
    entry_id: str
    name: str
    kind: str  # individual, entity, vessel, aircraft
    programs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    title: str = ""                     # OFAC title / UN designation
    nationalities: tuple[str, ...] = ()  # as the list writes them
    birth_years: tuple[int, ...] = ()
    given_first: bool = False           # UN individuals: FIRST_NAME is one part, the other names another
    countries: tuple[str, ...] = ()     # ISO alpha-2: registration / tax-id countries in the remarks, UN addresses
    linked_to: tuple[str, ...] = ()     # OFAC "Linked To:" names (a subsidiary's parent, a person's organisation)


@dataclass(frozen=True)
class ListedName:
    entry: ListEntry
    text: str
    alias: bool
    tokens: tuple[str, ...]            # skeletons
    first: frozenset[int]              # positions of one name group (family for "FAMILY, Given"; else first word)
    rest: frozenset[int]               # positions of the other group


@dataclass(frozen=True)
class MatchContext:
    """What the article says around an entity: title words before it, its countries, its date."""
    titles: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()  # ISO 3166 alpha-2
    year: int | None = None
    body: str = ""                           # the article text: long forms of acronyms, fuller names of a company
    fuller: tuple[str, ...] = ()             # the mention with the capitalised name words written right before it


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z0-9]", "", folded)
    for old, new in _REWRITES:
        folded = folded.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", folded)  # doubled letters: Mohammed / Mohamed


def name_tokens(name: str) -> list[str]:
    return [s for s in (skeleton(w) for w in SPLIT.split(name)) if s]


def _consonants(token: str) -> str:
    return re.sub(r"[aeiou]", "", token)[:3] or token[:3]


def _keys(token: str) -> tuple[str, str]:
    return "p" + token[:4], "c" + _consonants(token)


def _list_date(path: Path) -> str | None:
    found = DATE_IN_NAME.search(path.name)
    return found.group(1) if found else None


def load_ofac_csv(path: Path) -> list[ListEntry]:
    """OFAC's sdn.csv: no header, Latin-1, '-0-' for empty; aliases in remarks as a.k.a. '...'."""
    text = Path(path).read_bytes().decode("latin-1").replace("\x1a", "")
    entries = []
    list_date = _list_date(Path(path))
    for row in csv.reader(io.StringIO(text)):
        if len(row) < 12 or not row[0].strip().isdigit():
            continue
        clean = [("" if cell.strip() == "-0-" else cell.strip()) for cell in row]
        programs = tuple(p.strip(" []") for p in clean[3].split("] [") if p.strip(" []"))
        remarks = clean[11]
        kind = clean[2] or "entity"
        nationalities, years, countries, linked = (), (), (), ()
        if kind == "individual" and remarks:
            nationalities = tuple(dict.fromkeys(n.strip() for n in NATIONALITY_IN_REMARKS.findall(remarks)))
            years = tuple(int(y) for y in DOB_IN_REMARKS.findall(remarks))
        if remarks:
            countries = tuple(dict.fromkeys(c for c in (_country_code(n) for n in COUNTRY_IN_REMARKS.findall(remarks)) if c))
            linked = tuple(dict.fromkeys(n.strip() for n in LINKED_IN_REMARKS.findall(remarks)))
        entries.append(ListEntry("OFAC SDN", list_date, clean[0], clean[1], kind, programs,
                                 tuple(ALIAS_IN_REMARKS.findall(remarks)) if remarks else (), clean[4], nationalities, years,
                                 countries=countries, linked_to=linked))
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
            title = "; ".join(v.text.strip() for v in node.iterfind("DESIGNATION/VALUE") if v.text and v.text.strip())
            nationalities = tuple(v.text.strip() for v in node.iterfind("NATIONALITY/VALUE") if v.text and v.text.strip())
            years = tuple(int(m.group(0)) for d in node.iter("INDIVIDUAL_DATE_OF_BIRTH")
                          for text in (d.findtext("DATE"), d.findtext("YEAR")) if text
                          for m in [re.search(r"\d{4}", text)] if m)
            countries = tuple(dict.fromkeys(c for c in (_country_code(a.text.strip()) for a in node.iter("COUNTRY") if a.text and a.text.strip()) if c))
            entries.append(ListEntry("UN Consolidated", list_date, (node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID") or "").strip(),
                                     name, kind, programs, aliases, title, nationalities, years,
                                     given_first=kind == "individual" and bool(parts[0]) and any(parts[1:]), countries=countries))
    if not entries:
        raise ValueError(f"{path}: no INDIVIDUAL or ENTITY records (expected the UN consolidated list XML)")
    return entries


# ---------------------------------------------------------------------------------------------- words


@dataclass(frozen=True)
class Words:
    generic: frozenset[str]
    subunit: frozenset[str]
    qualifier: frozenset[str]
    form: frozenset[str]
    government: frozenset[str]
    fragment: frozenset[str]
    titles: frozenset[str]
    nationality_words: dict
    programme_countries: dict = field(default_factory=dict)
    distinct_form: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = WORDS_FILE) -> "Words":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        # each word both as a transliteration skeleton (persons) and as its plain latin form (organisations)
        sk = lambda words: frozenset(f for w in words for f in (skeleton(w), re.sub(r"[^a-z0-9&]", "", w.lower())) if f)  # noqa: E731
        return cls(sk(data["generic"]), sk(data["subunit"]), sk(data["qualifier"]), sk(data["form"]), sk(data["government"]), frozenset(data["fragment"]),
                   frozenset(w.lower() for w in data["titles"]), dict(data["nationality_words"]),
                   dict(data.get("programme_countries", {})), frozenset(data.get("distinct_form", ())))

    def programme_country(self, programmes: tuple[str, ...]) -> set[str]:
        return {code for p in programmes for prefix, code in self.programme_countries.items() if p.startswith(prefix)}


# ----------------------------------------------------------------------------------- rigour analysis


@dataclass(frozen=True)
class Part:
    form: str
    skel: str   # for organisations: the latinised form, no transliteration rewrites (VISA is not WISA)
    kind: str  # "name", "generic", "legal", "stop", "location", "subunit"
    location: str | None = None


def _rigour():
    from rigour.names import NamePartTag, NameTypeTag, analyze_names

    return analyze_names, NameTypeTag, NamePartTag


@lru_cache(maxsize=65536)
def _person_parts(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(skeletons of the name parts after rigour's prefix removal and latinisation, removed prefix words)."""
    analyze_names, NameTypeTag, _ = _rigour()
    analysed = analyze_names(NameTypeTag.PER, [name], symbols=False, phonetics=False, consolidate=False)
    if not analysed:
        return (), ()
    parts = next(iter(analysed)).parts
    kept = tuple(s for s in (skeleton(p.comparable) for p in parts) if s)
    raw = [w.lower().strip(".") for w in SPLIT.split(name) if w]
    removed = tuple(w for w in raw[: max(0, len(raw) - len(parts))])
    return kept, removed


class OrgAnalyser:
    """rigour's organisation analysis, with our word tables on top; cached per name."""

    def __init__(self, words: Words):
        self.words = words
        self.cache: dict[str, tuple[Part, ...]] = {}

    def __call__(self, name: str) -> tuple[Part, ...]:
        found = self.cache.get(name)
        if found is None:
            found = self.cache[name] = self._analyse(name)
            if len(self.cache) > 200_000:
                self.cache.clear()
        return found

    def _analyse(self, name: str) -> tuple[Part, ...]:
        analyze_names, NameTypeTag, NamePartTag = _rigour()
        analysed = analyze_names(NameTypeTag.ORG, [name], phonetics=False, consolidate=False)
        if not analysed:
            return ()
        result = next(iter(analysed))
        location: dict[int, str] = {}
        org_symbol: set[int] = set()
        for span in result.spans:
            category = str(span.symbol.category).rsplit(".", 1)[-1]
            if category == "LOCATION":
                for p in span.parts:
                    location[p.index] = str(span.symbol.id)
            elif category in ("SYMBOL", "ORG_CLASS"):
                org_symbol.update(p.index for p in span.parts)
        parts = []
        for p in result.parts:
            skel = re.sub(r"[^a-z0-9]", "", p.comparable.lower())
            if not skel:
                continue
            if p.tag == NamePartTag.STOP or p.form in self.words.fragment:
                kind = "stop"
            elif p.tag == NamePartTag.LEGAL:
                kind = "legal"
            elif p.index in location:
                kind = "location"
            elif skel in self.words.subunit:
                kind = "subunit"
            elif skel in self.words.generic or p.index in org_symbol or (len(skel) == 1 and not skel.isdigit()):
                kind = "generic"
            else:
                kind = "name"
            parts.append(Part(p.form, skel, kind, location.get(p.index)))
        return tuple(parts)


def part_agreement(a: str, b: str) -> tuple[float, str]:
    """How well two name-part skeletons agree: 1.0 identical, a fuzzy similarity, or 0."""
    if a == b:
        return 1.0, "same"
    if a[0] != b[0] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5 or a.isdigit() or b.isdigit():
        return 0.0, ""
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        if long_.startswith(short) or Levenshtein.distance(a, b) > 1:
            return 0.0, ""  # a suffix (LAVROV/LAVROVA, MELNIK/MELNIKOV) makes another name; a letter dropped inside (Vladmir) does not
    elif sum(x != y for x, y in zip(a, b)) > (2 if len(a) >= 8 else 1):
        return 0.0, ""
    similarity = Indel.normalized_similarity(a, b)
    return (similarity, "fuzzy") if similarity >= PART_FUZZY else (0.0, "")


def _pair(query: list[str], listed: tuple[str, ...]) -> list[tuple[int, int, float, str]] | None:
    """Pair every query part with its own listed part, best pairs first; None when one finds none."""
    options = []
    for qi, q in enumerate(query):
        for li, candidate in enumerate(listed):
            score, how = part_agreement(q, candidate)
            if score:
                options.append((score, qi, li, how))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    used_q, used_l, pairs = set(), set(), []
    for score, qi, li, how in options:
        if qi in used_q or li in used_l:
            continue
        used_q.add(qi)
        used_l.add(li)
        pairs.append((qi, li, score, how))
    return pairs if len(used_q) == len(query) else None


# -------------------------------------------------------------------------------------------- index


@dataclass
class SanctionsIndex:
    names: list[ListedName] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    exact: dict[tuple[str, ...], list[int]] = field(default_factory=lambda: defaultdict(list))
    words: Words = field(default_factory=Words.load)
    org: OrgAnalyser | None = None
    main_names: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    family_count: dict[tuple[str, ...], int] = field(default_factory=lambda: defaultdict(int))
    _countries: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self):
        if self.org is None:
            self.org = OrgAnalyser(self.words)

    def add(self, entries: list[ListEntry]) -> None:
        for entry in entries:
            for n, name in enumerate((entry.name, *entry.aliases)):
                tokens = tuple(name_tokens(name))
                if not tokens:
                    continue
                if "," in name and entry.kind == "individual":  # "PUTIN, Vladimir Vladimirovich": family first
                    count = len(name_tokens(name.split(",", 1)[0]))
                    first = frozenset(range(count))
                else:
                    # UN's FIRST_NAME and the other names, or a name written in either order: the first
                    # or the last word is the family name, and two words at least must agree
                    first = frozenset([0, len(tokens) - 1])
                rest = frozenset(range(len(tokens))) - first if "," in name else frozenset(range(len(tokens)))
                index = len(self.names)
                self.names.append(ListedName(entry, name, n > 0, tokens, first, rest))
                for token in set(tokens):
                    for key in _keys(token):
                        self.by_key[key].append(index)
                self.exact[tuple(sorted(tokens))].append(index)
                if n == 0:
                    self.main_names[name.strip().upper()].append(index)
                    if entry.kind == "individual" and "," in name:
                        self.family_count[tuple(tokens[i] for i in sorted(first))] += 1

    def __len__(self) -> int:
        return len({n.entry for n in self.names})

    def warm(self) -> None:
        """Load rigour's tables now (about 0.15 s) rather than on the first entity."""
        self.org("Warm Up Company Ltd")
        _person_parts("Warm Up")

    # ------------------------------------------------------------------------------------ matching

    def match(self, name: str, label: str, context: MatchContext | None = None) -> list[dict]:
        """Hits of one PERSON or ORG entity: at most one per list (two or more when entries tie, flagged)."""
        context = context or MatchContext()
        if label == "PERSON":
            scored = self._match_person(name, context)
            for fuller in context.fuller:
                scored += [(score, listed, {**features, "fuller_name_in_article": 1}, aligned, method)
                           for score, listed, features, aligned, method in self._match_person(fuller, context)]
        elif label == "ORG":
            scored = self._match_org(name, context)
        else:
            return []
        return self._best_per_list(scored)

    def candidates(self, tokens: list[str], need: int) -> dict[int, int]:
        """Listed names sharing a blocking key with at least `need` of the tokens."""
        seen: dict[int, int] = defaultdict(int)
        for token in set(tokens):
            found = set()
            for key in _keys(token):
                found.update(self.by_key.get(key, ()))
            for index in found:
                seen[index] += 1
        return {i: c for i, c in seen.items() if c >= need}

    def _match_person(self, name: str, context: MatchContext) -> list[tuple[float, ListedName, dict, list[str], str]]:
        tokens, removed = _person_parts(name)
        tokens = list(dict.fromkeys(tokens))
        if len(tokens) < 2:
            return []  # a lone name is too ambiguous to accuse anyone
        titles = set(context.titles) | {w for w in removed if w in self.words.titles}
        out = []
        for index in self.candidates(tokens, 2):
            listed = self.names[index]
            if listed.entry.kind != "individual":
                continue
            pairs = _pair(tokens, listed.tokens)
            if pairs is None:
                continue
            matched = {li for _, li, _, _ in pairs}
            if not (matched & listed.first) or not (matched & listed.rest) or len(matched) < 2:
                continue  # given and family names must both agree
            agreement = sum(s for _, _, s, _ in pairs) / len(pairs)
            unmatched = [listed.tokens[i] for i in range(len(listed.tokens)) if i not in matched]
            other = [t for t in unmatched if not PATRONYMIC.search(t)]
            features = {"name_parts": round(agreement, 3), "unmatched_listed_parts": len(other)}
            score = agreement - UNMATCHED_PART * len(other)
            if len(tokens) == 2 and unmatched and "," in listed.text:
                bearers = self.family_count.get(tuple(listed.tokens[i] for i in sorted(listed.first)), 0)
                if bearers >= COMMON_FAMILY:
                    features["common_family_name"] = COMMON_FAMILY_SHORT
                    score += COMMON_FAMILY_SHORT
            score += self._person_context(listed.entry, titles, context, features, len(tokens) == 2 and len(unmatched) > 0)
            aligned = [f"{tokens[qi]}{'=' if how == 'same' else '~'}{listed.tokens[li]}" for qi, li, _, how in pairs]
            out.append((min(score, 1.0), listed, features, aligned, METHOD_PERSON))
        return [o for o in out if o[0] >= PERSON_THRESHOLD]

    def entry_countries(self, entry: ListEntry) -> frozenset[str]:
        """The countries of a listed party: its nationalities, registration countries, else its programmes' country."""
        key = (entry.list_name, entry.entry_id)
        found = self._countries.get(key)
        if found is None:
            codes = {c for c in (_country_code(n) for n in entry.nationalities) if c} | set(entry.countries)
            found = self._countries[key] = frozenset(codes or self.words.programme_country(entry.programs))
        return found

    def _person_context(self, entry: ListEntry, titles: set[str], context: MatchContext, features: dict,
                        short_name: bool = False) -> float:
        delta = 0.0
        if titles and entry.title:
            listed_title = {w.lower() for w in SPLIT.split(entry.title)}
            if titles & listed_title:
                features["title_agrees"] = TITLE_AGREES
                delta += TITLE_AGREES
            else:
                features["title_disagrees"] = TITLE_DISAGREES
                delta += TITLE_DISAGREES
        codes = self.entry_countries(entry)
        if context.countries and codes:
            if codes & context.countries:
                features["nationality_in_article"] = NATIONALITY_IN_ARTICLE
                delta += NATIONALITY_IN_ARTICLE
            else:
                absent = NATIONALITY_ABSENT_TWO_PARTS if short_name else NATIONALITY_ABSENT
                features["nationality_absent"] = absent
                delta += absent
        if context.year and entry.birth_years and min(entry.birth_years) > context.year - 16:
            features["born_after"] = TOO_YOUNG
            delta += TOO_YOUNG
        return delta

    def _match_org(self, name: str, context: MatchContext | None = None) -> list[tuple[float, ListedName, dict, list[str], str]]:
        context = context or MatchContext()
        raw = [w.lower() for w in SPLIT.split(name) if w]
        if not raw or raw[0] in self.words.fragment or raw[-1] in self.words.fragment:
            return []  # a fragment of a name ("Group of") is never screened
        parts = self.org(name)
        significant = [p for p in parts if p.kind == "name"]
        acronym = len(raw) == 1 and len(name.strip()) <= 5 and name.strip().isupper()
        if any(p.kind == "location" for p in parts) and all(
                p.kind in ("location", "stop") or p.skel in self.words.government for p in parts):
            return []  # a country or its government
        if not significant:
            return self._exact_org(parts)
        query = [p.skel for p in significant]
        # forms the mention or the article attaches to this name ("Navigator Holdings") that make another company
        attached = {p.skel for p in parts} & self.words.distinct_form
        if context.body and len(name) >= 3:
            attached |= {m.group(1).lower().strip(".") for m in re.finditer(rf"\b{re.escape(name.strip())}\s+([A-Z][A-Za-z.]*)", context.body)
                         } & self.words.distinct_form
        out = []
        keys = [skeleton(q) for q in query]
        for index in self.candidates(keys, len(set(keys))):
            listed = self.names[index]
            if listed.entry.kind == "individual":
                continue
            if listed.entry.kind in ("vessel", "aircraft"):
                if len(raw) < 2:
                    continue  # a one-word vessel name is a place or a word far more often than the ship
                hit = self._exact_org(parts, only=index)
                out.extend(hit)
                continue
            listed_parts = self.org(listed.text)
            listed_significant = [p.skel for p in listed_parts if p.kind == "name"]
            acronym_evidence = None
            if acronym and listed.alias and listed_significant == query:
                # a listed acronym alias: only when the article spells out the long form or is about the listing's country
                if self._long_form_in(listed.entry, context.body):
                    acronym_evidence = "acronym_long_form_in_article"
                elif (self.entry_countries(listed.entry) & context.countries
                      and not any(p.kind == "legal" for p in listed_parts)):
                    # a bare listed acronym ("FSB", "VEB") in a story about its country; one with a legal form
                    # ("ABC LLC", "JSC BVT") is a company's registered short name, and needs the long form
                    acronym_evidence = "acronym_country_in_article"
                else:
                    continue
            elif acronym and (listed.alias or len(listed_significant) != 1):
                continue  # an acronym ("ABC", "IRA") names too many things: only a listed name that is it
            pairs = _pair(query, tuple(listed_significant))
            if pairs is None:
                continue
            if len(pairs) < len(listed_significant):
                continue  # the listed name has a significant word more: another organisation or a qualifier
            q_other = {p.skel for p in parts if p.kind in ("location", "subunit")}
            l_other = {p.skel for p in listed_parts if p.kind in ("location", "subunit")}
            own_country = None
            if l_other - q_other:
                # "X of Country" is another organisation than X, except the listing's own country in a story about it
                extra = [p for p in listed_parts if p.kind in ("location", "subunit") and p.skel in l_other - q_other]
                codes = {(p.location or "").upper() for p in extra if p.kind == "location"}
                if (any(p.kind != "location" for p in extra) or len(codes) != 1
                        or not codes <= self.entry_countries(listed.entry) & context.countries):
                    continue  # "X of Country", a branch or a sub-unit of X
                own_country = codes.pop()
            if attached - {p.skel for p in listed_parts}:
                continue  # the article calls it "X Holdings": not the listed X
            if q_other - l_other:
                continue  # "Russian X", "X Agency": the mention says more than the listed name
            q_generic = {p.skel for p in parts if p.kind == "generic"}
            l_generic = {p.skel for p in listed_parts if p.kind == "generic"}
            if (l_generic - q_generic) & self.words.qualifier:
                continue  # "X Trading", "X Development": a subsidiary or a line of business of X
            if (q_generic - l_generic) - self.words.form:
                continue  # every word of the mention but its legal form must be in the listed name
            agreement = sum(s for _, _, s, _ in pairs) / len(pairs)
            extra = len(q_generic ^ l_generic) + len(q_other - l_other)
            score = agreement * (1.0 - 0.03 * min(extra, 5))
            features = {"name_parts": round(agreement, 3), "generic_words_differing": extra}
            if own_country:
                features["country_qualifier_in_article"] = -COUNTRY_QUALIFIER
                score -= COUNTRY_QUALIFIER
            if acronym_evidence:
                features[acronym_evidence] = 1  # features are numbers (the schema): 1 = present
            aligned = [f"{query[qi]}{'=' if how == 'same' else '~'}{listed_significant[li]}" for qi, li, _, how in pairs]
            out.append((score, listed, features, aligned, METHOD_ORG))
        return self._parents_not_subsidiaries([o for o in out if o[0] >= ORG_THRESHOLD], query)

    def _long_form_in(self, entry: ListEntry, body: str) -> bool:
        """Does the article spell out the entry's name (its words but the legal form, in order)?"""
        words = [p.form for p in self.org(entry.name) if p.kind not in ("legal",)]
        while words and words[0] in self.words.fragment:
            words.pop(0)
        if not body or len(words) < 2:
            return False
        return re.search(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", body, re.IGNORECASE) is not None

    def _parents_not_subsidiaries(self, out, query: list[str]):
        """A mention that hits a listed subsidiary ("JOINT STOCK COMPANY SBERBANK", linked to "PUBLIC JOINT STOCK
        COMPANY SBERBANK OF RUSSIA") and is no more than the name of the listed parent it is linked to names the parent."""
        entries = {o[1].entry for o in out}
        result = []
        for score, listed, features, aligned, method in out:
            parent = None
            for linked in listed.entry.linked_to:
                for index in self.main_names.get(linked.strip().upper(), ()):
                    candidate = self.names[index]
                    if candidate.entry.kind == "individual" or candidate.entry.list_name != listed.entry.list_name:
                        continue
                    significant = tuple(p.skel for p in self.org(candidate.text) if p.kind == "name")
                    if significant and _pair(query, significant) is not None:
                        parent = candidate
                        break
                if parent:
                    break
            if parent is None:
                result.append((score, listed, features, aligned, method))
            elif parent.entry not in entries:
                entries.add(parent.entry)
                result.append((score, parent, {**features, "via_listed_subsidiary": int(listed.entry.entry_id) if listed.entry.entry_id.isdigit() else 1}, aligned, method))
        return result

    def _exact_org(self, parts: tuple[Part, ...], only: int | None = None):
        """Names carried by no significant word (or a vessel's name) hit only a listed name with exactly their words."""
        words = tuple(sorted(p.skel for p in parts if p.kind != "stop"))
        if not words or only is None and not (any(p.kind == "location" for p in parts) or len(words) >= 3):
            return []
        out = []
        lookup = tuple(sorted(t for w in words for t in name_tokens(w)))
        for index in ([only] if only is not None else self.exact.get(lookup, ())):
            listed = self.names[index]
            if listed.entry.kind == "individual":
                continue
            listed_words = tuple(sorted(p.skel for p in self.org(listed.text) if p.kind != "stop"))
            if listed_words == words:
                out.append((1.0, listed, {"name_parts": 1.0}, [" ".join(words)], METHOD_EXACT))
        return out

    @staticmethod
    def _best_per_list(scored) -> list[dict]:
        by_list: dict[str, dict[str, tuple]] = defaultdict(dict)
        for score, listed, features, aligned, method in scored:
            entry = listed.entry
            known = by_list[entry.list_name].get(entry.entry_id)
            if known is None or known[0] < score or (known[0] == score and known[1].alias and not listed.alias):
                by_list[entry.list_name][entry.entry_id] = (score, listed, features, aligned, method)
        hits = []
        for entries in by_list.values():
            ranked = sorted(entries.values(), key=lambda s: (-s[0], s[1].entry.entry_id))
            best = ranked[0][0]
            tied = [s for s in ranked if best - s[0] <= TIE_MARGIN]
            for score, listed, features, aligned, method in tied:
                entry = listed.entry
                hits.append({
                    "list": entry.list_name, "list_date": entry.list_date, "entry_id": entry.entry_id,
                    "name": entry.name, "kind": entry.kind, "programs": list(entry.programs),
                    "score": round(min(max(score, 0.0), 1.0), 3),
                    "matched_name": listed.text, "matched_alias": listed.alias, "method": method,
                    "features": features, "aligned": aligned, "tie": len(tied) > 1,
                })
        return sorted(hits, key=lambda h: (-h["score"], h["list"], h["entry_id"]))


@lru_cache(maxsize=1024)
def _country_code(name: str) -> str | None:
    """ISO alpha-2 of a nationality as the lists write it ("Russia", "Korea, North", "Iran (Islamic Republic of)")."""
    text = name.strip().lower()
    special = {"korea, north": "KP", "democratic people's republic of korea": "KP", "korea, south": "KR",
               "russia": "RU", "russian federation": "RU", "iran": "IR", "iran (islamic republic of)": "IR",
               "syria": "SY", "syrian arab republic": "SY", "venezuela": "VE", "bolivia": "BO", "united states": "US",
               "united kingdom": "GB", "vietnam": "VN", "viet nam": "VN", "laos": "LA", "burma": "MM", "turkey": "TR",
               "tanzania": "TZ", "congo, democratic republic of the": "CD", "democratic republic of the congo": "CD",
               "palestinian": "PS", "west bank": "PS", "gaza": "PS", "moldova": "MD", "kosovo": "XK"}
    if text in special:
        return special[text]
    try:
        import pycountry

        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def match_context(body: str, mentions: list[dict], countries=(), published_at: str | None = None,
                  words: Words | None = None) -> MatchContext:
    """The context of one entity for `SanctionsIndex.match`: title words in the three words before each of
    its mentions in `body`, the ISO alpha-2 codes of the article's places, the article's year."""
    words = words or _default_words()
    titles = set()
    for mention in mentions:
        before = SPLIT.split(body[max(0, mention["start"] - 40):mention["start"]].lower())
        titles.update(w for w in before[-4:] if w in words.titles)
    year = int(published_at[:4]) if published_at and published_at[:4].isdigit() else None
    fuller = []
    for mention in mentions:
        # "Ernesto Emilio Villegas Poljak" that the model split in two: capitalised words right before the mention
        before = NAME_WORDS_BEFORE.search(body[max(0, mention["start"] - 60):mention["start"]])
        if before and not {w.lower() for w in before.group(1).split()} & words.titles:
            fuller.append(f"{before.group(1)}{body[mention['start']:mention['end']]}")
    return MatchContext(frozenset(titles), frozenset(c.upper() for c in countries if c), year, body,
                        tuple(dict.fromkeys(fuller)))


@lru_cache(maxsize=1)
def _default_words() -> Words:
    return Words.load()


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
    index.warm()
    return index
