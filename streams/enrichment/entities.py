"""Named entities of a Doc: labels corrected with the gazetteer, mentions merged under canonical names."""
from __future__ import annotations

import re

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from streams.enrichment.gazetteer import COMPASS_WORDS, EXACT, LOCAL_NAME_WORDS, Gazetteer

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
PLACE_LABELS = ("GPE", "LOC")
# Labels the model sometimes gives a well-known place ("'Syria pressuring Cyprus over Iranian arms'", "a Winnipeg
# jail": PRODUCT; "in Syria, in Aleppo?": LANGUAGE).
MISTAKEN_LABELS = ("PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE")
TITLE_LABELS = ("EVENT", "WORK_OF_ART", "LAW")  # names of their own, which a city's name may be
_LEADING_NOISE = ("the ", "The ")
_TITLE_WORDS = {"follow", "president", "minister", "secretary", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."}
_HONORIFICS = _TITLE_WORDS - {"follow"}


GAZETTEER = "gazetteer"  # model_label of a place the model missed and the gazetteer found
DATELINE = "dateline"  # model_label of the place a wire story was filed from ("BRUSSELS (Reuters) -")
OFFICE_HOLDERS = "office_holders"  # model_label of a person the model missed and the office holders' table found
MAX_PLACE_WORDS = 3
PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "from", "near", "outside", "into", "across", "to", "around"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # after correction
    model_label: str
    titled: bool = False  # a PERSON right after a title word: never re-read as a place

    def as_record(self) -> dict:
        record = {"start": self.start, "end": self.end, "text": self.text}
        if self.model_label in (GAZETTEER, DATELINE, OFFICE_HOLDERS):
            record["found_by"] = self.model_label
        elif self.label != self.model_label:
            record["label"] = self.model_label
        return record


def _trim(text: str, start: int) -> tuple[str, int]:
    """Drop a leading article and a trailing possessive, keeping offsets true to the body."""
    for prefix in _LEADING_NOISE:
        if text.startswith(prefix) and len(text) > len(prefix):
            text, start = text[len(prefix):], start + len(prefix)
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text, start


# Words after a name that make it a place: "Torrington firefighters", "a Coral Gables man", "Dublin City Council".
PLACE_FOLLOWERS = frozenset(
    "city county town township village borough parish police sheriff fire firefighter firefighters department "
    "council councilman councilwoman mayor officials residents resident man woman men women boy girl teen native "
    "couple family school schools area community".split()
)
# Prepositions that make a name the model took for an organisation or a person a place ("a fire in Cookville");
# not "to", which also takes opponents ("lost to Barcelona"), nor "of" and "at", which also take companies
# ("shares of Barclay", "at Ozark Dodge"), except in ", of": "Rebecca Sears, 41, of Grovetown".
CONTEXT_PREPOSITIONS = frozenset({"in", "from", "near", "outside"})
# After a known name, these make it a place: its local bodies and offices ("Huntsville Fire Chief", "Dublin Mayor").
LOCAL_BODY_WORDS = LOCAL_NAME_WORDS - {"times", "herald", "news", "daily", "tribune", "gazette", "chronicle", "post",
                                       "journal", "courier", "state", "university", "college"} | {"mayor", "volunteer"}
# Offices a place's name may open, which the model takes into a person's name: "Avondale Mayor Ed Rieker",
# "Erie GM Sherry Bassin", "Huntsville Fire Chief Tom Grisham".
OFFICE_WORDS = frozenset("mayor gm coach manager chief sheriff superintendent commissioner councilman councilwoman "
                         "alderman supervisor administrator director".split())
# Words that make what the model took for a person's name an institution's: "Litchfield Fire", "Logan Elementary",
# "Huntsville Fire Station 1" (local bodies' words that are no family names: not "Parks", "Parish", "Hall").
INSTITUTION_WORDS = frozenset("fire police sheriff sheriff's department council school schools elementary university "
                              "college hospital library airport fairgrounds recreation".split())
CONJUNCTIONS = frozenset({"and", "or", ","})
PARTY_LETTERS = frozenset({"D", "R", "I", "DFL"})
DATELINE_MARKS = frozenset({"-", "--", "---", "\u2014", "\u2013", ":"})
# How long a name must be to be a place by the gazetteer alone, without a preposition before it.
MULTIWORD_MIN_CHARS = 8


def _dateline_like(doc: Doc, start: int, end: int) -> bool:
    """An upper-case name opening a sentence and followed by a dash or colon: "COLUMBUS -- The warmer..." """
    text = doc[start:end].text
    if not (text.isupper() and len(text) >= 3 and (start == 0 or doc[start].is_sent_start or doc[start - 1].is_space)):
        return False
    return end < len(doc) and doc[end].text in DATELINE_MARKS


# "of" after these takes a place: "45 miles southeast of Champaign", "north of Moorhead", "the outskirts of Kiev".
WHERE_OF_WORDS = COMPASS_WORDS | {"outskirts", "suburbs"}


def _after_place_preposition(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    before = doc[start - 1].lower_
    return before in CONTEXT_PREPOSITIONS or (before == "of" and start > 1 and (
        doc[start - 2].text == "," or doc[start - 2].lower_ in WHERE_OF_WORDS))


def _before_local_body(doc: Doc, end: int) -> bool:
    """The name opens a local body's or office's name: "Huntsville Fire Chief", "Roselle police", "Dublin Mayor"."""
    return end < len(doc) and doc[end].lower_ in LOCAL_BODY_WORDS


def _ordinary_word(doc: Doc, start: int, end: int) -> bool:
    """A name that is also an ordinary word of the article ("in REAL terms", "in May"), or an acronym."""
    span = doc[start:end]
    if end - start == 1 and (span[0].is_stop or _written_in_lower_case(doc, span[0].lower_)):
        return True
    return span.text.isupper() and not _dateline_like(doc, start, end)


_LOWER_CASE_WORD = re.compile(r"\b[a-z]+\b")


def _written_in_lower_case(doc: Doc, word: str) -> bool:
    """Whether the article also writes the word in lower case, as an ordinary word. The words are found
    once per article by a text search, far cheaper than walking its tokens in Python."""
    words = doc.user_data.get("_lower_words")
    if words is None:
        words = doc.user_data["_lower_words"] = set(_LOWER_CASE_WORD.findall(doc.text))
    return word in words


def _place_names(doc: Doc) -> set[str]:
    """The texts the model tags as places somewhere in the article."""
    names = doc.user_data.get("_place_names")
    if names is None:
        names = doc.user_data["_place_names"] = {e.text for e in doc.ents if e.label_ in PLACE_LABELS}
    return names


def _party_district(doc: Doc, start: int) -> bool:
    """A legislator's party and home: "Rep. Wendell Gilliard, D-Charleston", "Sen. Tom Bakk, DFL-Cook"."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].text in PARTY_LETTERS


def place_context(doc: Doc, start: int, end: int) -> bool:
    """Whether the words around tokens start..end say that they name a place."""
    if _ordinary_word(doc, start, end):
        return False
    if doc[start:end].text in _place_names(doc) or _party_district(doc, start):
        return True  # one name, one sense in an article: "Avondale" is a place throughout if once
    if _after_place_preposition(doc, start):
        return True
    if end < len(doc) and doc[end].lower_ in PLACE_FOLLOWERS:
        return True
    # In a list with a place: "Gainesville and Lindsay", "Athens, McMinn County and Etowah".
    if start >= 2 and doc[start - 1].lower_ in CONJUNCTIONS and doc[start - 2].ent_type_ in PLACE_LABELS:
        return True
    if end + 1 < len(doc) and doc[end].lower_ in CONJUNCTIONS and doc[end + 1].ent_type_ in PLACE_LABELS:
        return True
    return _dateline_like(doc, start, end)


# A local paper's dateline inside the text: an upper-case name opening a sentence, perhaps its state, perhaps the
# agency, then a dash and a sentence in ordinary case ("HAMILTON — ", "COLUMBUS, Ohio (AP) — ", "CARTHAGE, N.C. (AP)
# - ", "FALLS VILLAGE—The"), not a headline's topic in capitals ("SOCCER - JAPAN GET LUCKY WIN").
_INNER_DATELINE = re.compile(
    r"(?:^|[.!?\u201d\"]\s+|\n)([A-Z][A-Za-z'.]*[A-Z](?:[ -][A-Z][A-Za-z'.]*){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\s*(?:\([A-Z]{2,4}\)\s*)?(?:-{1,3}|\u2014|\u2013)\s*(?=[A-Z][a-z]|[A-Z]\s|[a-z\d\x22\u201c])")


def inner_datelines(text: str) -> list[tuple[int, int]]:
    """Spans of the dateline names of `_INNER_DATELINE`: written mostly in capitals ("DeKALB"), three letters or more."""
    spans = []
    for match in _INNER_DATELINE.finditer(text):
        name = match.group(1)
        letters = [ch for ch in name if ch.isalpha()]
        if len(letters) >= 3 and sum(ch.isupper() for ch in letters) * 4 >= len(letters) * 3:
            spans.append(match.span(1))
    return spans


def _dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = doc.user_data.get("_inner_datelines")
    if spans is None:
        spans = doc.user_data["_inner_datelines"] = inner_datelines(doc.text)
    return spans


def raw_mentions(doc: Doc, person_titles: frozenset[str] = frozenset()) -> list[Mention]:
    """The model's entities. An ORG or PERSON in a place's context ("of Grovetown", "Middletown police") comes
    out labelled GPE with its model label kept: `correct_labels` keeps it a place only if the gazetteer knows it.
    A dateline inside the text ("HAMILTON — Staring down...") is a place mention whatever the model made of it.
    A PERSON right after a title word (`person_titles`, the sanctions lexicon's, or an honorific: "President Bush")
    stays a person whatever place shares the name."""
    titles = person_titles | _HONORIFICS
    mentions = []
    datelines = _dateline_spans(doc)
    for start, end in datelines:
        text = doc.text[start:end]
        covering = [e for e in doc.ents if e.start_char <= start and end <= e.end_char and e.label_ in ENTITY_LABELS]
        mentions.append(Mention(start, end, text, "GPE", covering[0].label_ if covering else GAZETTEER))
    for ent in doc.ents:
        if datelines and ent.label_ in ENTITY_LABELS and any(s < ent.end_char and ent.start_char < e for s, e in datelines):
            # What the model's entity holds beyond the dateline ("DANIELSVILLE - Madison County") is a name of its own.
            end = max(e for s, e in datelines if s < ent.end_char and ent.start_char < e)
            rest = doc.text[end:ent.end_char]
            cut = len(rest) - len(rest.lstrip(" -\u2014\u2013,"))
            rest = rest[cut:]
            if rest[:1].isupper():
                label = "GPE" if ent.label_ in ("ORG", "PERSON") else ent.label_
                mentions.append(Mention(end + cut, ent.end_char, rest, label, ent.label_))
            continue
        if ent.label_ in MISTAKEN_LABELS:
            text, start = _trim(ent.text, ent.start_char)
            mentions.append(Mention(start, start + len(text), text, "GPE", ent.label_))  # kept if a well-known place
            continue
        if ent.label_ not in ENTITY_LABELS:
            continue
        text, start = _trim(ent.text, ent.start_char)
        words = text.split()
        titled = ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ in titles
        if ent.label_ == "PERSON" and len(words) > 1 and words[0].lower() in _TITLE_WORDS:
            # "Follow Lara Jakes": the model swallowed the word before the name.
            titled = words[0].lower() in titles
            cut = text.index(words[1])
            text, start = text[cut:], start + cut
        party, _, district = text.partition("-")
        home = party in PARTY_LETTERS and district[:1].isupper()
        if home:  # "Rep. Wendell Gilliard, D-Charleston": the legislator's home, without the party the model took in
            text, start, words = district, start + len(party) + 1, district.split()
        if text.strip():
            label = ent.label_
            if (label in ("ORG", "PERSON") and not titled and len(words) <= MAX_PLACE_WORDS
                    and (home or place_context(doc, ent.start, ent.end))):
                label = "GPE"
            mentions.append(Mention(start, start + len(text), text, label, ent.label_, titled))
    return mentions


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Places the model left untagged: well-known ones after a preposition ("the eastern city of Donetsk"),
    any known one after a preposition or in a dateline ("of Winsted", "HUDSON -- Officials"), and known names
    of several words inside a sentence ("in Glen Carbon. Glen Carbon police")."""
    tagged = {t.i for ent in doc.ents for t in ent}
    for start, end in _dateline_spans(doc):  # raw_mentions' already
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tagged.update(t.i for t in span)
    found, i = [], 0
    for ent in doc.ents:  # places in the names of buildings: "the Henderson County Jail", "Shelbyville Recreation Center"
        if ent.label_ == "FAC":
            found.extend(Mention(ent.start_char + start, ent.start_char + end, ent.text[start:end], "GPE", GAZETTEER)
                         for start, end in gazetteer.places_in_name(ent.text))
    while i < len(doc):
        token = doc[i]
        # Capitalised words only: the article pass has no tagger, and lower-case words are not names.
        # (an abbreviation, "N.D." or "W. Va.", only as a legislator's home: "Rep. Earl Pomeroy, D-N.D.")
        if token.i in tagged or not token.text[:1].isupper() or not (
                token.is_alpha or _party_district(doc, token.i) and token.text.replace(".", "").isalpha()):
            i += 1
            continue
        for size in range(MAX_PLACE_WORDS, 0, -1):
            span = doc[i:i + size]
            if len(span) < size or any(t.i in tagged or t.is_space or t.is_punct for t in span):
                continue
            if size > 1 and not span[-1].text[:1].isupper():
                continue
            after_preposition = span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS
            named_as_place = span.text in _place_names(doc) or _party_district(doc, span.start)
            if gazetteer.is_strict_place(span.text):
                place = gazetteer.candidates(span.text)[0]
                # A bare city name is often a team ("Portsmouth 2 Walsall 1"); after "in", "of", "from" it is a place.
                if place.feature == "city" and not (after_preposition or named_as_place or _before_local_body(doc, span.end)
                                                    or _dateline_like(doc, span.start, span.end)):
                    continue
            else:
                candidates = gazetteer.candidates(span.text)
                if not candidates:
                    continue
                place = candidates[0]
                if _ordinary_word(doc, span.start, span.end):
                    continue
                inside_sentence = span.start > 0 and not span[0].is_sent_start
                known_by_context = (_after_place_preposition(doc, span.start) or named_as_place or
                                    _dateline_like(doc, span.start, span.end) or _before_local_body(doc, span.end))
                several_words = size > 1 and inside_sentence and len(span.text) >= MULTIWORD_MIN_CHARS
                if not (known_by_context or several_words):
                    continue
            label = "LOC" if place.feature in ("sea", "continent") else "GPE"
            found.append(Mention(span.start_char, span.end_char, span.text, label, GAZETTEER))
            i += size
            break
        else:
            i += 1
    return sorted(found, key=lambda m: m.start)


def demonym_mentions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Demonyms the model left untagged ("The Czechs are the current president", "Israeli-Egyptian peace"): a
    word of the gazetteer's demonyms written with a capital, outside every other mention and not part of a longer
    name ("German Cup", "South East Asian"), is a NORP."""
    taken = [(m.start, m.end) for m in mentions] + [(e.start_char, e.end_char) for e in doc.ents]
    return [Mention(t.idx, t.idx + len(t), t.text, "NORP", GAZETTEER) for t in doc
            if t.text.istitle() and t.text.isalpha() and gazetteer.demonym_place(t.text) and not gazetteer.candidates(t.text)
            and not (t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper())
            and not (t.i > 0 and doc[t.i - 1].text.istitle() and doc[t.i - 1].text.isalpha() and not doc[t.i - 1].is_stop)
            and not any(start < t.idx + len(t) and t.idx < end for start, end in taken)]


def whole_place_names(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions the model cut short of the longer name they open ("in Belle Plaine", "the late Bradford
    Woods Mayor", "Deir ez-Zor"): the longer name, when the capitalised words after the mention (with a name's
    particles and hyphens between them), in its sentence and in no other mention, make with it an exact name of
    the gazetteer. "City" before a capitalised word belongs to
    what follows unless the whole is a city's own name: "Dublin City Manager" is Dublin's manager, not the Irish
    county "Dublin City", where "Jersey City Mayor" is Jersey City's."""
    taken = [(m.start, m.end) for m in mentions]
    return [_whole_place_name(doc, m, taken, gazetteer) if m.label in PLACE_LABELS else m for m in mentions]


def _whole_place_name(doc: Doc, m: Mention, taken: list[tuple[int, int]], gazetteer: Gazetteer) -> Mention:
    span = doc.char_span(m.start, m.end)
    if span is None:
        return m
    for size in range(MAX_PLACE_WORDS - len(span) + 2, 0, -1):  # hyphens are no words: "ez - Zor" is two
        after = doc[span.end:span.end + size]
        if len(after) < size or sum(t.text != "-" for t in after) > MAX_PLACE_WORDS - len(span) \
                or any(not _name_word(t) or t.is_sent_start for t in after) or not after[-1].text[:1].isupper() \
                or any(start < after.end_char and after.start_char < end for start, end in taken):
            continue
        text = doc.text[m.start:after.end_char]
        exact = [place for place, kind in gazetteer.lookup(text) if kind == EXACT]
        if not exact:
            continue
        title_follows = after.end < len(doc) and doc[after.end].text[:1].isupper()
        if after[-1].text == "City" and title_follows and not any(place.feature == "city" for place in exact):
            continue
        return Mention(m.start, after.end_char, text, m.label, m.model_label, m.titled)
    return m


# Lower-case words and hyphens inside a place's name: "Deir ez-Zor", "Sharm el-Sheikh", "Stoke-on-Trent".
NAME_PARTICLES = frozenset("de da do dos das del della di du des la le el al ez es en au sur on upon -".split())


def _name_word(token) -> bool:
    """A capitalised word, or a particle of a longer name ("ez", "-" of "Deir ez-Zor")."""
    return token.text.isalpha() and token.text[:1].isupper() or token.text in NAME_PARTICLES


def _office_place(m: Mention, gazetteer: Gazetteer) -> Mention:
    """"Avondale Mayor" the model read into "Avondale Mayor Ed Rieker": the office's place, if the gazetteer knows it."""
    words = m.text.split()
    if m.label != "PERSON" or m.titled or len(words) < 2 or words[-1].lower() not in OFFICE_WORDS:
        return m
    text = m.text[:m.text.rindex(words[-1])].rstrip()
    return Mention(m.start, m.start + len(text), text, "GPE", m.model_label) if gazetteer.candidates(text) else m


def _institution(m: Mention, gazetteer: Gazetteer) -> Mention:
    """"Litchfield Fire", "Logan Elementary": a place's institution the model took for a person, an ORG (whose
    place `resolve_places` finds inside it), and no person whose name would make the town's other mentions hers."""
    words = m.text.split()
    if m.label != "PERSON" or m.titled or len(words) < 2 or not any(w.lower() in INSTITUTION_WORDS for w in words[1:]):
        return m
    return Mention(m.start, m.end, m.text, "ORG", m.model_label) if gazetteer.candidates(words[0]) else m


def correct_labels(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Fix the model's obvious errors: known places tagged PERSON/ORG, surnames tagged ORG/GPE."""
    mentions = [_institution(_office_place(m, gazetteer), gazetteer) for m in mentions]
    person_parts = {
        word for m in mentions if m.label == "PERSON" and (len(m.text.split()) > 1 or m.titled)
        for word in m.text.split()
    }
    corrected = []
    for m in mentions:
        label = m.label
        if m.titled:
            corrected.append(m)
            continue
        if m.model_label == GAZETTEER and not gazetteer.candidates(m.text):
            continue  # an inner dateline's name the gazetteer does not know
        if m.model_label in MISTAKEN_LABELS:
            # a film or an event may bear a city's name ("Casablanca", "Munich"); a country's or state's is the model's slip
            if gazetteer.is_strict_place(m.text) and (m.model_label not in TITLE_LABELS or
                                                      gazetteer.candidates(m.text)[0].feature in ("country", "region")):
                corrected.append(m)
            continue
        if label == "GPE" and m.model_label in ("ORG", "PERSON", "NORP"):
            # raw_mentions' reading from the context ("of Grovetown"): a place if the gazetteer knows the name.
            if gazetteer.candidates(m.text) and m.text not in person_parts:
                corrected.append(m)
                continue
            label = m.model_label
        place = gazetteer.candidates(m.text)[0] if gazetteer.is_strict_place(m.text) else None
        # A city tagged ORG is mostly a team or a government by metonymy ("Barcelona won", "Moscow said");
        # a country, region or sea tagged ORG, or any known place tagged PERSON, is the model's error.
        # A known place tagged NORP under its own name ("Liverpool, Tunis, Harare") is one too; not an adjective
        # of a wider region ("Latin American", "Caribbean") nor a demonym.
        if place and m.text not in person_parts and (label == "PERSON" or (label == "ORG" and place.feature != "city") or (
                label == "NORP" and place.name == m.text and place.country_code and not gazetteer.demonym_country(m.text))):
            label = "LOC" if place.feature in ("sea", "continent") else "GPE"
        elif label in ("ORG", "GPE") and m.text in person_parts and not gazetteer.is_strict_place(m.text):
            label = "PERSON"
        elif label in PLACE_LABELS and gazetteer.demonym_country(m.text) and not gazetteer.candidates(m.text):
            label = "NORP"  # "Ukrainian" tagged GPE is a demonym
        corrected.append(Mention(m.start, m.end, m.text, label, m.model_label))
    return corrected


def person_canonical_names(mentions: list[Mention]) -> dict[str, str]:
    """Map every PERSON surface form to the longest name it is part of ("Kerry" -> "John Kerry")."""
    full_names = sorted({m.text for m in mentions if m.label == "PERSON"}, key=lambda n: -len(n.split()))
    canonical: dict[str, str] = {}
    for name in full_names:
        words = name.split()
        matches = [
            full for full in full_names
            if len(full.split()) > len(words) and (full.split()[-len(words):] == words or full.split()[: len(words)] == words)
        ]
        # An ambiguous short form ("Smith" with two Smiths) stays as it is.
        longest = {canonical.get(full, full) for full in matches}
        canonical[name] = longest.pop() if len(longest) == 1 else name
    return canonical


def group_entities(mentions: list[Mention], canonical_name) -> list[dict]:
    """Entity records, most mentioned first; `canonical_name(mention)` names each mention's entity."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[(canonical_name(m), m.label)].append(m)
    records = [
        {"name": name, "label": label, "count": len(ms), "mentions": [m.as_record() for m in ms]}
        for (name, label), ms in grouped.items()
    ]
    records.sort(key=lambda r: (-r["count"], r["mentions"][0]["start"]))
    return records
