"""Sentences that speak of sanctions: status, who sanctions, who is targeted, and how sure we are.

The trigger patterns, status cues and sanctioning bodies are data (`data/sanctions.json`);
this module only applies them to a parsed Doc.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import MISSING, dataclass, fields, replace
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

DATA_FILE = Path(__file__).resolve().parent / "data" / "sanctions.json"


@dataclass(frozen=True)
class Party:
    """An entity of the article that could sanction or be sanctioned, located in the body."""

    start: int
    end: int
    label: str
    name: str  # canonical entity name
    country: str | None = None  # alpha-2 of the place, or of the demonym's country
    body: str | None = None  # a sanctioning body's code ("EU", "UN") or country for a national institution
    town: bool = False  # a town that is no seat of government ("the interim deal in Geneva") or a region ("the
    # annexation of Crimea"): a place, never a state acting


ACTIONS = ("lifted", "expanded", "imposed", "threatened", "planned", "discussed")
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we"}
TITLE_SPAN_CHARS = 60  # how far after a demonym a person's title and name are looked for
SIBILANT_PLURALS = ("sses", "shes", "ches", "xes", "zes")
NEGATIVE_SUBJECTS = ("neither", "none", "nobody", "nothing")
ENTITY_FIELDS = {"sanctioners": "sanctioner_entities", "targets": "target_entities"}  # an event's codes, and their names


@dataclass(frozen=True)
class SanctionsLexicon:
    """The word lists of `data/sanctions.json`, checked once at start-up."""

    triggers: dict[str, list[list[dict]]]
    trigger_confidence: dict[str, float]
    candidate_words: frozenset[str]
    exclusions: tuple[dict, ...]
    off_topic_cues: frozenset[str]
    strong_off_topic_cues: frozenset[str]
    action_of: dict[str, str]  # lemma -> what it does to sanctions (one of ACTIONS)
    subject_only_neutral: frozenset[str]
    doubt_modals: frozenset[str]
    future_modals: frozenset[str]
    negations: frozenset[str]
    restricting_adverbs: frozenset[str]
    conditional_marks: frozenset[str]
    question_marks: frozenset[str]
    in_force_prepositions: frozenset[str]
    expanding_modifiers: frozenset[str]
    transparent_heads: frozenset[str]
    target_subject_verbs: frozenset[str]
    clause_boundaries: frozenset[str]
    target_prepositions: frozenset[str]
    subject_deps: frozenset[str]
    noun_phrase_deps: frozenset[str]
    usual_sanctioners: frozenset[str]
    stand_ins: dict[str, str]  # name as written -> country or body code
    person_titles: frozenset[str]
    reporting_verbs: frozenset[str]
    sanctionable_nouns: frozenset[str]
    boycott_off_topic: frozenset[str]
    city_stand_ins: frozenset[str]
    triggers_needing_a_party: dict[str, str]
    relative_pronouns: frozenset[str]
    anaphoric_pronouns: frozenset[str]
    request_verbs: frozenset[str]
    phrasal_actions: dict[str, str | None]
    decision_words: frozenset[str]
    wanting_verbs: frozenset[str]
    topic_prepositions: frozenset[str]
    necessity_adjectives: frozenset[str]
    attitude_verbs: frozenset[str]
    disapproving_verbs: frozenset[str]
    litotes_verbs: frozenset[str]
    issue_prepositions: frozenset[str]
    collective_addressees: frozenset[str]
    awaiting_marks: frozenset[str]
    partial_quantifiers: frozenset[str]
    pressing_marks: frozenset[str]
    indefinite_determiners: frozenset[str]
    verb_only_actions: frozenset[str]
    control_nouns: frozenset[str]
    decision_nouns: frozenset[str]
    blocking_verbs: frozenset[str]
    pursuing_verbs: frozenset[str]
    risking_verbs: frozenset[str]
    conformity_nouns: frozenset[str]
    sheltering_verbs: frozenset[str]
    response_nouns: frozenset[str]
    enduring_verbs: frozenset[str]
    national_bills: frozenset[str]
    weighing_verbs: frozenset[str]
    permitting_words: frozenset[str]
    equating_verbs: frozenset[str]
    shared_stand_ins: dict[str, list[str]]
    overriding_verbs: frozenset[str]
    ordering_verbs: frozenset[str]
    maintaining_verbs: frozenset[str]
    agenda_nouns: frozenset[str]
    advising_modals: frozenset[str]
    deferring_marks: frozenset[str]
    arrival_verbs: frozenset[str]
    noun_only_actions: frozenset[str]
    question_determiners: frozenset[str]
    obligation_verbs: frozenset[str]
    in_force_modifiers: frozenset[str]
    collective_sanctioners: frozenset[str]
    entry_into_force: frozenset[str]
    proposing_verbs: frozenset[str]
    legislative_nouns: frozenset[str]
    compliance_verbs: frozenset[str]
    enforcing_verbs: frozenset[str]
    mandating_verbs: frozenset[str]
    possibility_adjectives: frozenset[str]
    office_conditions: frozenset[str]
    personal_pronouns: frozenset[str]
    former_capitals: frozenset[str]
    locative_prepositions: frozenset[str]
    time_nouns: frozenset[str]
    infinitive_planners: frozenset[str]
    expiry_verbs: frozenset[str]
    announcing_verbs: frozenset[str]
    urging_nouns: frozenset[str]
    enacted_nouns: frozenset[str]
    origin_suffixes: frozenset[str]
    consequence_verbs: frozenset[str]
    conferring_verbs: frozenset[str]
    received_nouns: frozenset[str]
    gerund_subject_prepositions: frozenset[str]
    crediting_verbs: frozenset[str]
    in_force_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    shunning_triggers: frozenset[str]
    answering_modifiers: frozenset[str]
    ultimatum_verbs: frozenset[str]
    in_force_compounds: frozenset[str]
    response_verbs: frozenset[str]
    single_chambers: frozenset[str]
    persisting_verbs: frozenset[str]
    urging_verbs: frozenset[str]
    increment_modifiers: frozenset[str]
    at_once_words: frozenset[str]
    aiming_verbs: frozenset[str]
    object_target_verbs: frozenset[str]
    institution_heads: frozenset[str]
    declining_nouns: frozenset[str]
    inclusion_verbs: frozenset[str]
    compliance_nouns: frozenset[str]
    causative_verbs: frozenset[str]
    purpose_nouns: frozenset[str]
    institution_words: frozenset[str]
    entry_verbs: frozenset[str] = frozenset()  # the first words of `entry_into_force`, derived at load
    in_force_words: frozenset[str] = frozenset()  # action words that read as imposed but act on nothing

    @classmethod
    def load(cls, path: Path | None = None) -> "SanctionsLexicon":
        path = Path(path or DATA_FILE)
        data = json.loads(path.read_text(encoding="utf-8"))
        action_of: dict[str, str] = {}
        for action in ACTIONS:  # the first list a word is in wins: "lift" never reads as "discussed"
            for word in data["action_words"][action]:
                action_of.setdefault(word, action)
            if action == "imposed":  # "violate", "suffer": sanctions in force, which nobody acts on here
                for word in data["action_words"]["in_force"]:
                    action_of.setdefault(word, action)
        stand_ins = {name: code for code, names in data["stand_ins"].items() if not code.startswith("_") for name in names}
        # Every list field without a default is a word list of the data file, under the field's own name.
        words = {f.name: frozenset(data[f.name]) for f in fields(cls) if f.type == "frozenset[str]" and f.default is MISSING}
        words["attitude_verbs"] |= words["disapproving_verbs"]  # speaking against particular sanctions is an attitude too
        phrasal_actions = {k: v for k, v in data["phrasal_actions"].items() if not k.startswith("_")}
        if not set(phrasal_actions.values()) <= {*ACTIONS, None}:
            raise ValueError(f"{path}: a phrasal verb's action must be one of {ACTIONS} or null")
        lexicon = cls(triggers=data["triggers"], trigger_confidence=data["trigger_confidence"], phrasal_actions=phrasal_actions,
                    exclusions=tuple(data.get("exclusions", ())), action_of=action_of, stand_ins=stand_ins,
                    triggers_needing_a_party={k: v for k, v in data["triggers_needing_a_party"].items() if not k.startswith("_")},
                    shared_stand_ins={k: v for k, v in data["shared_stand_ins"].items() if not k.startswith("_")},
                    entry_verbs=frozenset(phrase.split()[0] for phrase in words["entry_into_force"]),
                    in_force_words=frozenset(data["action_words"]["in_force"]), **words)
        if set(lexicon.triggers) != set(lexicon.trigger_confidence):
            raise ValueError(f"{path}: every trigger needs a confidence, and only triggers have one")
        return lexicon


@dataclass
class Reading:
    """What the words around one trigger say: its status, and the tokens that name its parties."""

    status: str
    action: Token | None  # the verb or noun that does something to the sanctions ("imposed", "lifting")


class SanctionsDetector:
    def __init__(self, vocab: Vocab, lexicon: SanctionsLexicon):
        self.lexicon = lexicon
        self.matcher = Matcher(vocab)
        for name, patterns in lexicon.triggers.items():
            self.matcher.add(name, patterns)
        # Longest stand-ins first, so "U.S. Treasury" wins over "Treasury".
        # "the bloc" is also "The bloc" opening a sentence
        self.stand_in_codes = {**{"The" + name[3:]: code for name, code in lexicon.stand_ins.items() if name.startswith("the ")},
                               **lexicon.stand_ins}
        self.stand_in_names = sorted(self.stand_in_codes, key=len, reverse=True)

    def candidate_sentences(self, doc: Doc) -> list[Span]:
        """Sentences with a word a trigger could be made of; only these get parsed."""
        return [_trimmed(sent) for sent in doc.sents if any(t.lower_ in self.lexicon.candidate_words for t in sent)]

    def body_of(self, text: str) -> str | None:
        """The state or body a name stands for: "Treasury", or an organ of one ("White House Economic Policy
        Council", "Senate Banking Committee"); a city's name opening another name ("Washington Post") is not."""
        words = text.split()
        text = " ".join(words)
        for name in (text, f"the {text}"):  # the model's "Commission" of "the Commission"
            if name in self.lexicon.stand_ins:
                return self.lexicon.stand_ins[name]
        for size in range(len(words) - 1, 0, -1):  # the longest opening words that are a stand-in
            name = " ".join(words[:size])
            if name in self.lexicon.stand_ins and name not in self.lexicon.city_stand_ins:
                return self.lexicon.stand_ins[name]
        return None

    # --- status -----------------------------------------------------------------------------

    def action_of(self, token: Token) -> str | None:
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"] + [
            c.lower_ for c in token.children if c.dep_ == "advmod"] + [  # "stopped short of imposing"
            c.lower_ for c in token.children if c.dep_ == "prep" and c.i == token.i + 1]  # "rolling over the sanctions"
        for particle in particles:
            if (phrase := f"{token.lemma_.lower()} {particle}") in self.lexicon.phrasal_actions:
                return self.lexicon.phrasal_actions[phrase]  # "set up an office" is no plan; "put off" is a delay
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.proposing_verbs and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.lexicon.legislative_nouns for c in token.children):
            return "discussed"  # "introduced a bill to impose sanctions": proposed, not passed
        if self.enters_force(token):
            return "imposed"
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.lexicon.verb_only_actions:
            return None  # "the issues of", "a big hit": nouns that do nothing to sanctions
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.noun_only_actions:
            return None  # "a crisis which risks being tied to sanctions": only "the risk of sanctions" is talk
        found = self.lexicon.action_of.get(token.lemma_.lower()) or self.lexicon.action_of.get(token.lower_)
        if found is None and (token.pos_ in ("VERB", "NOUN") or token.tag_ == "JJ" and token.lower_.endswith("ed")):
            # The small model's lemmatizer slips ("hopes" -> "hop"): try the plain English inflections too.
            word = token.lower_
            for suffix, stem_end in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
                if suffix == "es" and not word.endswith(SIBILANT_PLURALS):
                    continue  # "-es" is a plain ending after a hiss only ("pushes"): "planes" are no "plan"
                if word.endswith(suffix) and (found := self.lexicon.action_of.get(word[: -len(suffix)] + stem_end)):
                    break
        if found == "planned" and token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.infinitive_planners \
                and not any(c.dep_ in ("xcomp", "ccomp", "advcl") and self._infinitive(c) for c in token.children):
            return None  # "moved to impose" plans; "coal being moved in defiance of the sanctions" does not
        return found

    def enters_force(self, token: Token) -> bool:
        """"take effect", "went into force", "kick in": the verb says the sanctions start to apply."""
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX") or lemma not in self.lexicon.entry_verbs:
            return False
        phrases = set()
        for child in token.children:
            if child.dep_ in ("dobj", "obj", "prt", "npadvmod", "advmod"):
                phrases.add(f"{lemma} {child.lower_}")
            elif child.dep_ == "prep":
                phrases.update(f"{lemma} {child.lower_} {g.lower_}" for g in child.children if g.dep_ == "pobj")
        return not phrases.isdisjoint(self.lexicon.entry_into_force)

    def _scheduled(self, token: Token) -> bool:
        """A verb of entry into force in the plain present ("the sanctions take effect on Friday"), or with
        "due"/"set" ("are due to come into force"): a timetable, not yet in force."""
        return self.enters_force(token) and not any(c.lower_ in self.lexicon.at_once_words for c in token.children) and (
            (token.tag_ in ("VBP", "VBZ") or token.tag_ == "VB" and any(c.dep_ == "nsubj" for c in token.children))  # "VB": a tagger slip
            and not (token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in self.lexicon.causative_verbs)  # "let the ban take effect"
            and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            or token.dep_ == "xcomp" and self.action_of(token.head) == "planned")  # "takes effect immediately": in force

    def _due(self, token: Token) -> bool:
        """"will take effect", "would come into force" (reported): an entry into force to come, on no condition."""
        return self.enters_force(token) and not self._conditional_below(token) and any(
            c.dep_ == "aux" and (c.lower_ in self.lexicon.future_modals or c.lower_ == "would") for c in token.children) \
            and not any(c.dep_ == "neg" for c in token.children) and not self._at_once(token)

    def _at_once(self, token: Token) -> bool:
        """"will take effect immediately": an entry into force at once, with no date of its own ("will now take effect
        on Monday" has one)."""
        return any(c.lower_ in self.lexicon.at_once_words for c in token.children) and not any(
            c.dep_ in ("prep", "npadvmod") for c in token.children)

    def _scheduled_infinitive(self, token: Token) -> bool:
        """"to take effect later this week", not "to take effect immediately" nor "to take effect, Congress must"."""
        return self.enters_force(token) and not any(c.dep_ in self.lexicon.subject_deps for c in token.children) \
            and not any(t.lower_ in self.lexicon.at_once_words for t in token.subtree)

    def _modality(self, token: Token, acted_on: bool = True) -> str | None:
        """"negated", "question" (inside whether/if), "doubt" (could, may, would), "obligation" (has to) or
        "future" (will).

        `acted_on`: the sanctions are what the clause acts on ("would respond with sanctions"), not its
        subject ("sanctions would harm relations"), so a reported "would" is a future, not a doubt."""
        for child in token.children:
            word = child.lower_
            if child.i > token.i and token.pos_ in ("NOUN", "PROPN"):
                continue  # "Western sanctions, not land reform, are to blame": a "not" after a noun negates what follows
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or word in self.lexicon.negations and child.dep_ in ("neg", "advmod", "det", "preconj"):
                if child.i + 1 < len(child.doc) and (child.doc[child.i + 1].lower_ in self.lexicon.restricting_adverbs
                                                     or child.doc[child.i + 1].lower_ in self.lexicon.partial_quantifiers):
                    continue  # "not only tightened the sanctions but ...", "not merely on paper": more, not less;
                    # "lifted some but not all sanctions": a part
                return "negated"
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATIVE_SUBJECTS for c in token.children):
            return "negated"  # "neither has sanctions on tourism"
        doc = token.doc
        for child in token.children:  # "does not itself impose": a "not" after the auxiliary the parser hung elsewhere
            if child.dep_ == "aux" and child.i + 1 < token.i and doc[child.i + 1].dep_ == "neg":
                return "negated"
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in self.lexicon.question_marks:
                return "question"
        if token.lemma_.lower() in self.lexicon.obligation_verbs and token.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "xcomp" and self._infinitive(c) for c in token.children):
            return "obligation"  # "the EU had to be united around sanctions": a duty, not an act
        return self._auxiliary_modality(token, acted_on)

    def _auxiliary_modality(self, token: Token, acted_on: bool = True) -> str | None:
        """What the token's auxiliary says: "doubt" (could, may, would), "future" (will, a reported would)."""
        for child in token.children:
            if child.dep_ == "aux":
                if child.lower_ == "would" and acted_on and self._reported(token) and not self._conditional(token):
                    return "future"  # "he said they would impose sanctions": the future seen from the past
                if child.lower_ in self.lexicon.doubt_modals:
                    return "doubt"
                if child.lower_ in self.lexicon.future_modals:
                    return "future"
        return None

    def _reported(self, token: Token) -> bool:
        """The token's clause is what someone said: "Biden said he would impose ..."."""
        while token.head.i != token.i and token.dep_ not in ("ccomp", "parataxis"):
            if token.dep_ in ("relcl", "advcl", "acl", "csubj"):
                return False
            token = token.head
        # "warned Japan it would face sanctions": what a threat says will happen is the threat itself
        return token.dep_ in ("ccomp", "parataxis") and (token.head.lemma_.lower() in self.lexicon.reporting_verbs
                                                         or token.head.lemma_.lower() in self.lexicon.announcing_verbs
                                                         or self.action_of(token.head) == "threatened")

    def _imperative(self, token: Token) -> bool:
        """"Aim sanctions at him", "declare an embargo": a command is a call, not an act."""
        if token.dep_ == "conj" and token.tag_ == "VB" and token.head.i != token.i and not self._infinitive(token):
            return self._imperative(token.head)  # "recall the ambassadors and declare an embargo"
        return (token.dep_ == "ROOT" and token.tag_ == "VB" and
                not any(c.dep_ in self.lexicon.subject_deps or c.dep_ in ("aux", "auxpass", "expl") for c in token.children))

    @staticmethod
    def _past(token: Token) -> bool:
        """"agreed", "have agreed": done."""
        return token.tag_ == "VBD" or token.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in token.children)

    @staticmethod
    def _infinitive(token: Token) -> bool:
        """"to impose", "to be reimposed": an infinitive, which asserts no act by itself."""
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)

    def _hypothesis(self, token: Token) -> bool:
        """The token heads an "if"/"unless" clause, or one opening with "should" before its subject ("should
        Russian troops cross the border"): what it says is supposed, not asserted."""
        if token.dep_ not in ("advcl", "ccomp"):
            return False
        if token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.lexicon.conditional_marks for m in token.children):
            return True  # (a complement with "should" first is the parser's reading of "..., should Beijing provide aid")
        subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(c.dep_ == "aux" and c.lower_ == "should" and subjects and c.i < min(subjects) for c in token.children)

    def _counterfactual(self, token: Token) -> bool:
        """"would have imposed", "could have threatened": a modal perfect, what did not happen."""
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        return token.tag_ == "VBN" and any(c.lower_ in ("would", "could", "should") for c in auxes) \
            and any(c.lower_ == "have" for c in auxes)  # not "must have been stung": an inference

    def _conditional(self, token: Token) -> bool:
        """An "if"/"unless" clause hangs from the token: "if Crimea secedes, they plan to slap sanctions"."""
        return any(self._hypothesis(child) for child in token.children)

    def _awaited(self, token: Token) -> bool:
        """A "once" clause, or "as soon as" with its clause: an event an act to come waits for, which makes a lifting
        an offer ("would lift the sanctions once Japan complied") but an imposing a timetable ("would be imposing
        sanctions once the G7 leaders had met")."""
        if token.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in self.lexicon.awaiting_marks
                                         and m.i < token.i for m in token.children):
            return True  # ("once" is often tagged an adverb: "once a permanent ceasefire was in place")
        return token.lower_ == "soon" and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children) for c in token.children)

    def _enacted_mandate(self, verb: Token) -> bool:
        """An enacted law or order plainly requires it: "the law requires sanctions on ...", "a provision of the
        defence bill that Trump signed mandates sanctions" - not "a bill that would require sanctions"."""
        if verb.lemma_.lower() not in self.lexicon.mandating_verbs or verb.pos_ not in ("VERB", "AUX") \
                or verb.tag_ not in ("VBZ", "VBP", "VBD") or self._modality(verb) is not None:
            return False
        subjects = self.subjects_of(verb)
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "the Act, which passed both chambers and requires sanctions"
        if clause.dep_ == "relcl" and all(s.lower_ in self.lexicon.relative_pronouns for s in subjects):
            subjects = [clause.head]  # "the Hong Kong Autonomy Act, which requires sanctions"
        return any(s.lemma_.lower() in self.lexicon.enacted_nouns for s in subjects)

    def _single_chamber_acts(self, verb: Token) -> bool:
        """The verb's subject (or its passive agent) is one chamber of a legislature, or its members: "the Senate
        voted", "MEPs passed", "senators said they agreed on a package", "the bill was agreed by Senator Crapo"."""
        subjects = self.subjects_of(verb)
        if verb.dep_ == "ccomp" and subjects and all(s.pos_ == "PRON" for s in subjects):
            subjects = self.subjects_of(verb.head)  # "senators said they agreed": the speakers
        subjects += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for subject in subjects:
            words = sorted(self.noun_phrase(subject), key=lambda t: t.i)
            phrase = " ".join(t.text for t in words)
            # the subject's own word is one of `words`: "the Senate", "Republican Senator Mike Crapo", "MEPs"
            if "White House" not in phrase and (any(" " in name and name in phrase for name in self.lexicon.single_chambers)
                                               or any(t.text in self.lexicon.single_chambers or t.lower_ in self.lexicon.single_chambers
                                                      for t in words)):
                return True
        return False

    def _conditional_below(self, token: Token) -> bool:
        """An "if"/"unless" clause anywhere in the token's own clause, however the parser hung it ("would sanction
        companies taking part in the sale if the deal goes ahead")."""
        return self._conditions_below(token)[0]

    def _conditions_below(self, token: Token) -> tuple[bool, bool]:
        """(an "if"/"unless" clause, that or a "once" clause (`_awaited`)) in the token's own clause."""
        hypothesis = awaited = False
        stack = list(token.children)
        while stack and not hypothesis:
            child = stack.pop()
            if child.dep_ in ("ccomp", "relcl", "parataxis", "csubj"):
                continue
            hypothesis = self._hypothesis(child)
            awaited = awaited or hypothesis or self._awaited(child)  # an "if" waits as much as a "once"
            stack.extend(child.children)
        # "Pompeo said Iran would face sanctions unless it met 12 demands", the condition hung on "said": a condition
        # after what was said belongs to it
        reported = token.dep_ == "ccomp" and token.head.lemma_.lower() in self.lexicon.reporting_verbs and any(
            self._hypothesis(c) for c in token.head.children if c.i > token.i)
        return hypothesis or reported, awaited or reported

    def path_up(self, trigger: Token, conjuncts: set[int] | None = None) -> list[Token]:
        """The trigger's governors, up to the head of its clause: a reporting verb ("officials said") or the
        noun a relative clause describes is another clause, which says nothing of the sanctions' state.

        `conjuncts`, when given, lets the path go on from a second verb of a coordination to what governs both
        ("called on them to send arms and step up sanctions"); the first verb's index is added to it, as a
        word that shares its modality but does nothing to the sanctions."""
        path, token = [], trigger
        while token.head.i != token.i:
            if conjuncts is not None and token.dep_ == "conj" and token.i != trigger.i and \
                    token.pos_ in ("VERB", "AUX") and token.head.pos_ in ("VERB", "AUX"):
                token = token.head
                conjuncts.add(token.i)
                path.append(token)
                continue
            if token.dep_ in self.lexicon.clause_boundaries and token.i != trigger.i and not (
                    # "by supplying weapons and by increasing sanctions": words joined below a clause are no clause
                    token.dep_ == "conj" and (token.pos_ == "ADP" or token.pos_ == "NOUN" and token.head.pos_ in ("NOUN", "PROPN")
                                              and self.action_of(token) is not None)) and not (
                    # "granted eight countries, including China, temporary waivers from the sanctions": nouns joined
                    token.dep_ == "ccomp" and token.head.lemma_.lower() not in self.lexicon.reporting_verbs
                    and self.action_of(token) in ("lifted", "expanded", "imposed")
                    # "demanded that Washington lift sanctions", "wanted all the sanctions lifted": wished for
                    and (token.tag_ not in ("VBZ", "VBP", "VBD")
                         or self.action_of(token.head) == "discussed" and token.i > token.head.i)) and not (
                    # "called for ministers to pursue tougher sanctions": a for-to clause completes the verb above
                    # "rejected calls to impose sanctions", parsed as a purpose: an infinitive asserts nothing,
                    # so the verb it hangs from speaks for it
                    # ("talked a good line, only to come up with sanctions": what followed, which is done)
                    token.dep_ == "advcl" and self._infinitive(token)
                    and not any(c.dep_ == "mark" and c.lower_ in self.lexicon.conditional_marks or c.lower_ == "only"
                                for c in token.children)) and not (
                    # "introduced a bill to impose sanctions": an infinitive describing a noun is what the noun
                    # holds, and what is done to the noun decides
                    token.dep_ == "relcl" and self._infinitive(token)) and not (
                    # "want the Security Council to refer them to the court and impose an embargo": an infinitive
                    # the parser made a clause is what is wanted or asked for
                    token.dep_ == "ccomp" and self._infinitive(token) and self.action_of(token.head) == "discussed"
                    # (but "we want these sanctions to have an impact" wants something of sanctions in force)
                    and not (self._definite(trigger) and any(c.i == trigger.i for c in token.children if c.dep_ in self.lexicon.subject_deps))):
                break  # "wants the embargo lifted" goes on up to "wants"; "said the embargo was lifted" stops
            if token.dep_ in ("prep", "dative") and token.lower_ in ("from", "to"):
                # "received relief from sanctions", "granted a waiver to its sanctions", the parser hanging the
                # preposition on the verb: the relief is from them
                path += [c for c in token.head.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"
                         and c.i < token.i and self.action_of(c) == "lifted"][:1]
            token = token.head
            path.append(token)
        return path

    def read(self, trigger: Token) -> Reading:
        """Status as `docs/sanctions-labelling.md` defines it: the nearest word that does something to the
        sanctions, qualified by the modality, negation, conditions and speakers above it."""
        if self._in_opening_condition(trigger):
            return Reading("discussed", None)  # "If we had imposed more sanctions in 2014, we might ...": supposed
        if self._yes_no_question(trigger):
            return Reading("discussed", None)  # "Is Washington prepared to sanction Chinese banks?": asked, not said
        reading = self._read(trigger)
        if reading.status in ("threatened", "planned") and self._office_condition(trigger):
            return Reading("discussed", reading.action)  # "promised tougher sanctions if she wins the White House"
        if reading.status in ("discussed", "planned", "threatened") and any(
                c.dep_ in ("amod", "advmod") and (c.lower_ in self.lexicon.in_force_modifiers or c.lemma_.lower() in self.lexicon.in_force_modifiers)
                or c.dep_ == "prep" and c.lower_ == "in" and c.i > trigger.i
                and any(g.dep_ == "pobj" and g.lower_ in self.lexicon.in_force_nouns for g in c.children)
                for c in trigger.children) and not (reading.action is not None and self.action_of(reading.action) == "lifted"):
            # "would expand existing sanctions", "calls to toughen current sanctions", "whether the sanctions now in
            # force would work": whatever is said of their future, these sanctions are in force
            return Reading("imposed", reading.action)
        if reading.status == "imposed" and reading.action is None and any(
                c.dep_ == "poss" and c.lemma_.lower() in self.lexicon.national_bills for c in trigger.children):
            return Reading("discussed", None)  # "the Gephardt amendment's automatic sanctions would invite retaliation": a bill's
        if reading.status == "imposed" and reading.action is None:
            for child in trigger.children:
                if child.dep_ == "amod" and child.tag_ == "VBN" and child.i < trigger.i \
                        and (kind := self.action_of(child)) in ("lifted", "expanded"):
                    # "on Friday loosened sanctions on Cuba", the verb taken for an adjective: loosened sanctions
                    return Reading(kind, child)
        if reading.status == "discussed" or reading.status == "imposed" and reading.action is None:
            for child in trigger.children:
                stated = self.action_of(child) if child.dep_ == "amod" and child.tag_ in ("VBN", "VBD", "JJ") and child.i < trigger.i else None
                if child.dep_ == "amod" and child.tag_ == "JJ" and child.i > trigger.i and self.action_of(child) == "planned":
                    stated = "planned"  # "the first sanctions under the Act, due in June, are expected to target ..."
                if stated in ("planned", "threatened"):
                    # "hopes to avoid the planned sanctions", "the planned U.S. sanctions would hurt": what others
                    # hope or what they would do, the participle says what state they are in
                    return Reading(stated, child)
        return reading

    def _act_done(self, verb: Token) -> bool:
        """A past act on the sanctions, plainly stated: "have been imposed", "were lifted"."""
        return verb.pos_ == "VERB" and verb.tag_ in ("VBN", "VBD") and self.action_of(verb) in ("imposed", "expanded", "lifted") \
            and self._modality(verb) is None

    def _judged_act(self, token: Token, below: list[Token]) -> bool:
        """"It is wrong to impose sanctions", "it would be a mistake to lift them": an expletive "it" whose
        predicate judges the infinitive below it (not "it is ready to impose them", where "it" acts)."""
        return token.lemma_.lower() == "be" and any(self._infinitive(t) for t in below) \
            and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in token.children) \
            and any(c.dep_ in ("acomp", "attr") and self.action_of(c) in (None, "discussed") for c in token.children)

    def _answering_act(self, token: Token) -> bool:
        """A warning or a reprisal: "warned", "retaliation", or a verb whose object is one ("issued a warning")."""
        def answers(word: Token) -> bool:
            lemma = word.lemma_.lower()
            return self.action_of(word) == "threatened" or lemma in self.lexicon.response_nouns or lemma in self.lexicon.response_verbs
        return answers(token) or token.pos_ in ("VERB", "AUX") and any(c.dep_ in ("dobj", "obj") and answers(c) for c in token.children)

    def _said_in_warning(self, verb: Token) -> bool:
        """The verb's clause is what a warning says: "warned that they would face sanctions", "letters warning
        that they could face sanctions" (the tagger's noun "warning" with its that-clause)."""
        if self.action_of(verb.head) != "threatened" or verb.head.i == verb.i:
            return False
        return verb.dep_ == "ccomp" or verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)

    def _expiring(self, verb: Token) -> bool:
        """A timetable verb whose infinitive is an expiry: "set to expire", "due to lapse" - an end that comes by
        itself, unlike "due to be lifted", a lifting decided."""
        return any(c.dep_ == "xcomp" and self._infinitive(c) and c.lemma_.lower() in self.lexicon.expiry_verbs
                   for c in verb.children)

    def _warned(self, token: Token) -> bool:
        """The token is part of what a warning says: "warning that they ran a risk of sanctions", "warned of the
        possibility of sanctions"."""
        while token.head.i != token.i:
            if self.action_of(token.head) == "threatened":
                return True
            if token.dep_ in self.lexicon.clause_boundaries and token.dep_ != "ccomp":
                return False
            token = token.head
        return False

    def _office_condition(self, trigger: Token) -> bool:
        """The sentence's condition is the speaker's own coming to office ("if she wins the White House", "if
        elected"): a candidate's promise, not a warning to the target nor a sanctioner's plan."""
        sentence = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
        for mark in sentence:
            if mark.dep_ != "mark" or mark.lower_ not in self.lexicon.conditional_marks:
                continue
            subjects = [c for c in mark.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].lower_ not in self.lexicon.personal_pronouns:
                continue
            if any(t.lemma_.lower() in self.lexicon.office_conditions for t in trigger.doc[mark.i + 1:mark.i + 5]):
                return True
        return False

    @staticmethod
    def _yes_no_question(trigger: Token) -> bool:
        """The sentence opens with an auxiliary and ends with a question mark: "Will the EU lift them?"."""
        sentence = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
        words = [t for t in sentence if not t.is_punct and not t.is_space and not t.is_quote]
        last = next((t for t in reversed(sentence) if not t.is_space and not t.is_quote), None)
        return bool(words) and last is not None and last.text == "?" and words[0].pos_ == "AUX" and words[0].i < trigger.i

    def _in_opening_condition(self, trigger: Token) -> bool:
        """The sentence opens with "If"/"Unless" and the trigger comes before the main clause (its subject, or
        its verb): inside the condition, however the parser hung a long if-clause."""
        sentence = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
        first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
        if first is None or first.lower_ not in self.lexicon.conditional_marks | self.lexicon.question_marks:
            return False  # "If ...", "Unless ...", "Whether Trump raised sanctions ... is unknown"
        root = sentence.root
        if root.lemma_.lower() in self.lexicon.reporting_verbs or self.action_of(root) == "threatened":
            # "If troops cross, sanctions will follow, the minister said" (or "warned"): the main clause is what was said
            root = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), root)
        subjects = [c for c in root.children if c.dep_ in self.lexicon.subject_deps and c.i > first.i]
        main_start = min([root.i, *(min(t.i for t in c.subtree) for c in subjects)])
        return first.i < trigger.i < main_start

    def _read(self, trigger: Token, skip: frozenset[int] = frozenset()) -> Reading:
        """`skip`: the trigger's own describing words already weighed, read again without them."""
        lexicon = self.lexicon
        if trigger.dep_ == "conj" and trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("NOUN", "PROPN") \
                and trigger.head.i < trigger.i and not any(c.dep_ in ("acl", "relcl") for c in trigger.children):
            # "these sanctions and export controls will undercut": the second noun stands where the first does
            return self.read(trigger.head)
        if trigger.dep_ == "amod" and (trigger.tag_ == "VBN" or trigger.tag_ == "JJ" and trigger.lower_.endswith("ed")):
            return Reading("imposed", trigger)  # "sanctioned Russian tycoons", "the sanctioned oligarch" (JJ): under sanctions
        if trigger.head.i == trigger.i + 2 and trigger.nbor(1).text == "-" and not trigger.whitespace_ \
                and not trigger.nbor(1).whitespace_ and trigger.head.lower_ in lexicon.in_force_compounds:
            return Reading("imposed", trigger.head)  # "the sanctions-hit economy", "sanctions-busting traders"
        action: Token | None = None
        kind: str | None = None
        if trigger.dep_ in ("dobj", "obj") and not any(c.dep_ in ("acl", "relcl") for c in trigger.children):
            # "announced an embargo on imports, to take effect later this week": what the object is to do
            for clause in trigger.head.children:
                if clause.dep_ in ("advcl", "xcomp") and clause.i > trigger.i and self._infinitive(clause) \
                        and self._scheduled_infinitive(clause):
                    return Reading("planned", clause)
        # "sanctions imposed on Monday", "sanctions that Obama had lifted": an act described on the trigger itself.
        for child in trigger.children:
            if (child.dep_ in ("acl", "relcl") or child.dep_ in ("prep", "amod") and child.i > trigger.i) \
                    and self.action_of(child) == "planned" and self._modality(child) is None:
                if any(c.dep_ == "xcomp" and self._infinitive(c) and self.action_of(c) != "lifted" for c in child.children):
                    return Reading("planned", child)  # "sanctions, which are scheduled to take effect on Friday"
                if child.dep_ == "acl" and self._expiring(child):
                    return Reading("imposed", child)  # "the arms embargo, set to expire in October": in force till then
            if child.dep_ in ("acl", "relcl") and self._infinitive(child) and self._scheduled_infinitive(child):
                return Reading("planned", child)  # "an embargo to take effect next week"
            if child.dep_ == "relcl" and child.lemma_.lower() in lexicon.reporting_verbs and any(
                    c.dep_ == "ccomp" and self._due(c) for c in child.children):
                return Reading("planned", child)  # "an embargo that officials said would take effect on Thursday"
            if child.i not in skip and child.dep_ in ("acl", "relcl") and self.action_of(child) in ("lifted", "expanded", "imposed", "threatened"):
                if any(c.dep_ in ("dobj", "obj") and c.lower_ not in lexicon.relative_pronouns for c in child.children) \
                        and any(c.dep_ == "nsubj" for c in child.children) and not self.enters_force(child):
                    if self._modality(child) == "doubt" and not self._definite(trigger):
                        return Reading("discussed", child)  # "broad sanctions, which would hurt ordinary people": supposed
                    continue  # "sanctions, which will phase out imports of oil": what they do to something else
                kind, action = self.action_of(child), child
                modality = self._modality(child)
                if self._due(child):
                    return Reading("planned", child)  # "sanctions, which will take effect next month"
                if modality in ("negated", "question", "doubt", "obligation"):
                    return Reading("discussed", child)
                if self._scheduled(child):
                    return Reading("planned", child)  # "sanctions, which take effect on Friday"
                # The participle asserts their state ("the sanctions imposed in 2014 remain"), unless the sentence
                # acts on them again ("lifted the sanctions imposed in 1997", "would reimpose the sanctions that had
                # been waived") or they are any at all ("would regard any sanctions imposed as war"). An infinitive
                # ("sanctions to be reimposed") asserts nothing, and an announcement does not say whether they
                # apply yet ("sanctions announced last month are to take effect on Friday").
                if child.tag_ in ("VBN", "VBD") and kind in ("imposed", "lifted") and not self._infinitive(child) \
                        and child.lemma_.lower() not in lexicon.reporting_verbs:
                    main = self._read(trigger, skip=skip | {child.i})
                    acted = main.status in ("lifted", "expanded", "imposed", "planned") and main.action is not None \
                        and main.action.i != child.i and (self.action_of(main.action) in ("lifted", "expanded", "imposed")
                                                          or self.enters_force(main.action)) \
                        and main.action.lemma_.lower() not in lexicon.in_force_words \
                        or main.status in ("discussed", "threatened") and main.action is not None \
                        and self.action_of(main.action) in ("lifted", "expanded")  # "hoped Washington would ease the embargo it imposed"
                    if acted or self._indefinite(trigger) or any(c.dep_ == "det" and c.lower_ == "any" for c in trigger.children) \
                            and not self._dated_or_owned(child):  # (but "any sanctions imposed since 2014" exist)
                        return main  # ("any arms embargo imposed by the Council would be ignored": any at all)
                    return Reading(kind, child)
                if child.lemma_.lower() in lexicon.reporting_verbs:
                    main = self._read(trigger, skip=skip | {child.i})
                    if main.status == "lifted" and main.action is not None:
                        return main  # "ordered the withdrawal of sanctions that Treasury had just announced"
                break
        if trigger.i + 2 < len(trigger.doc) and trigger.nbor(1).lower_ == "due" and any(
                self._infinitive(c) and self.enters_force(c) for c in trigger.nbor(1).children):
            return Reading("planned", trigger.nbor(1))  # "sanctions due to take effect on June 17", "due" parsed apart
        if any(c.dep_ == "det" and c.lower_ in lexicon.question_determiners for c in trigger.children) \
                and not self._act_done(trigger.head):  # (but "what sanctions have been imposed so far?" presupposes them)
            return Reading("discussed", None)  # "to decide what sanctions should be taken": a question
        own = self._modality(trigger)
        if own == "negated":
            return Reading("discussed", None)  # "no sanctions", "not sanctions but talks"
        for child in trigger.children:
            if child.i not in skip and child.dep_ == "amod" and child.i < trigger.i and self.action_of(child) == "discussed":
                # "possible sanctions", "proposed sanctions": not (yet) anyone's act - unless a warning holds them
                # out ("warned Syria it could face further measures, including possible sanctions, if ...")
                main = self._read(trigger, skip=skip | {child.i})
                return main if main.status == "threatened" else Reading("discussed", child)
        if trigger.pos_ == "VERB":  # "sanctioned ten officials", "would be sanctioned": the trigger is the act
            if own == "doubt" and self._conditional_below(trigger):
                return Reading("threatened", trigger)  # "would sanction the firms if the sale goes ahead"
            if own in ("question", "doubt", "obligation"):
                return Reading("discussed", trigger)
            if trigger.dep_ == "relcl" and own is None and trigger.tag_ in ("VBD", "VBN") and not self._infinitive(trigger):
                # "Abramovich, who was sanctioned by the UK in March, had pledged ...": the relative clause states its
                # act, whatever the main clause does
                return Reading("imposed", trigger)
            above = self.path_up(trigger)[:2]
            if any(self.action_of(t) == "planned" and self._modality(t) == "negated" for t in above):
                return Reading("discussed", trigger)  # "had no plans to sanction them": no plan
            if any(t.lemma_.lower() in lexicon.litotes_verbs and self._modality(t) == "negated"
                   and self._auxiliary_modality(t) in ("future", "doubt") for t in above):
                return Reading("threatened", trigger)  # "would not hesitate to sanction Chinese firms that help Iran": a warning
            if any(self.action_of(t) == "planned" and self._single_chamber_acts(t) for t in above):
                return Reading("discussed", trigger)  # "the House voted 403 to 16 to sanction Turkish officials"
            if own == "future" or any(self.action_of(t) == "planned" for t in above):
                # "would sanction U.S. companies if the deal goes ahead", "warned it would sanction them": a threat
                threat = self._conditional_below(trigger) or any(self._conditional(t) for t in above) or (
                    trigger.dep_ == "ccomp" and self.action_of(trigger.head) == "threatened")
                return Reading("threatened" if threat else "planned", trigger)
        expanding = self._expanding(trigger)
        tightening = [c for c in trigger.children if c.dep_ == "amod" and c.tag_ == "VBG" and self.action_of(c) in ("expanded", "lifted")]
        if kind is None and tightening:
            # "an order tightening sanctions", "a licence easing sanctions", parsed as an adjective
            kind, action = self.action_of(tightening[0]), tightening[0]
        planned = future = conditional = awaited = decided = infinitive = False
        subject = trigger.dep_ in lexicon.subject_deps
        previous = trigger
        own_verb = trigger.head.i  # the verb the trigger is the subject of, when it is one
        if trigger.head.dep_ == "agent" and trigger.head.head.i != trigger.head.i:
            subject, own_verb = True, trigger.head.head.i  # "what is required by the sanctions": they act
        holder = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else trigger.head
        if not subject and holder.lemma_.lower() in lexicon.transparent_heads and holder.dep_ in lexicon.subject_deps \
                and (trigger.dep_ == "compound" or holder is not trigger.head):
            subject, own_verb = True, holder.head.i  # "the next package of sanctions remains under negotiation"
        shared: set[int] = set()
        path = self.path_up(trigger, shared)
        for step, token in enumerate(path):
            if previous.dep_ == "prep" and previous.head.i == token.i and any(self._credited_act(c) for c in previous.children):
                break  # "criticised the EU for imposing sanctions": the blame says nothing of the act, which was done
            if token.lemma_.lower() in lexicon.naming_verbs and previous.dep_ in ("dobj", "obj", "oprd") and kind is None \
                    and (self._definite(trigger) or previous.dep_ == "oprd" and previous.i == trigger.i) \
                    and not any(c.dep_ == "prt" for c in token.children):
                break  # "Zarif called the American sanctions economic terrorism", "what he calls illegal sanctions": named, so they exist
            if token.lemma_.lower() in lexicon.ultimatum_verbs and token.dep_ == "conj" and kind is None and any(
                    c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children if c.i < token.i):
                return Reading("threatened", token)  # "must open its market or face sanctions": an ultimatum
            if token.lemma_.lower() in lexicon.ultimatum_verbs and kind is None and (self._conditional_below(token) or (
                    self._modality(token) in ("future", "doubt")
                    and any(c.dep_ == "relcl" for subject in self.subjects_of(token) for c in subject.children))
                    or any(self._anyone(subject) for subject in self.subjects_of(token))):
                # "they risk sanctions if they keep paying", "commanders who stand with Maduro would face sanctions",
                # "any company dealing with Maduro risked sanctions": an ultimatum
                return Reading("threatened", token)
            if token.lemma_.lower() in lexicon.risking_verbs and token.pos_ == "VERB" and (
                    kind is None and previous.i == trigger.i and trigger.dep_ in ("dobj", "obj") and not self._definite(trigger)
                    or kind == "imposed" and action is not None and action.head.i == token.i):
                # "Russian banks risk sanctions", "risk being hit by sanctions": what may befall them, not what has
                # (but "a crisis which risks being tied to sanctions" says nothing of them, and "risked the U.S. embargo
                # by selling" defied one in force)
                warning = self._said_in_warning(token) or self._conditional_below(token) or any(
                    self._anyone(subject) for subject in [*self.subjects_of(token), *(c for c in token.children if c.dep_ == "csubj")])
                return Reading("threatened" if warning else "discussed", token)
            if kind is not None and action is not None and action.pos_ == "NOUN" and action.dep_ == "nsubj" \
                    and action.head.i == token.i and self._dated_or_owned(action) and self._modality(token) == "negated":
                break  # "Sudan's relief from sanctions last October has not brought investment": the relief came
            if token.i in shared:  # "would send arms and step up sanctions": the first verb lends its modality only
                if self._hypothesis(token):
                    return Reading("discussed", action or token)
                modality = self._modality(token)
                if modality == "doubt":
                    return Reading("discussed", action or token)
                future = future or modality == "future"
                previous = token
                continue
            if kind is None and token.lemma_.lower() in lexicon.inclusion_verbs and previous.dep_ in ("dobj", "obj") \
                    and previous.head.i == token.i and self._modality(token) is None \
                    and any(self._definite(subject) for subject in self.subjects_of(token)):
                return Reading("imposed", token)  # "the measures include an arms embargo": part of measures in force
            if kind is None and previous.dep_ == "prep" and previous.head.i == token.i and previous.lower_ == "of" \
                    and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.purpose_nouns:
                break  # "the aim of our sanctions is to make this a failure for Russia": what sanctions in force are for
            if previous.dep_ == "prep" and previous.head.i == token.i and previous.lower_ in lexicon.issue_prepositions \
                    and self._answering_act(token):
                # "warned the West over its sanctions", "a warning to Washington over the embargo", "retaliation over
                # the sanctions", "a warning over the imposition of sanctions": an answer to sanctions, not a threat of them
                if kind is not None or self._particular(trigger):
                    break
                return Reading("discussed", token)
            if kind is None and previous.dep_ == "prep" and previous.head.i == token.i and previous.lower_ in lexicon.topic_prepositions \
                    and token.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and self.action_of(c) == "discussed"
                                                              for c in token.children):
                return Reading("discussed", token)  # "divisions remain over the pace of new sanctions": the talk is of them
            if previous.dep_ in ("nsubj", "nsubjpass") and previous.head.i == token.i and previous.i != trigger.i and any(
                    c.dep_ == "acomp" and self.action_of(c) == "discussed" for c in token.children):
                return Reading("discussed", token)  # "a vote on sanctions was unlikely": what is unlikely is not done
            if self.action_of(token) == "planned" and token.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in lexicon.question_determiners for c in token.children):
                return Reading("discussed", token)  # "any move towards sanctions would be met by ...": whichever, none yet
            if self.action_of(token) == "threatened" and token.pos_ == "VERB" and any(
                    s.lemma_.lower() in lexicon.legislative_nouns or s.lemma_.lower() == "draft" for s in self.subjects_of(token)):
                return Reading("discussed", token)  # "an earlier draft had threatened Damascus with sanctions": a text's words
            if previous.dep_ == "prep" and previous.lower_ == "to" and previous.head.i == token.i and token.pos_ == "VERB" and any(
                    c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lexicon.noun_only_actions for c in token.children):
                return Reading("discussed", token)  # "the law that opened the door to restoring sanctions": a possibility
            word = self.action_of(token)
            if word is not None and token.lemma_.lower() in lexicon.reporting_verbs and previous.head.i == token.i \
                    and previous.dep_ in ("ccomp", "parataxis", "dep") and not any(c.dep_ in ("dobj", "obj") for c in token.children):
                word = None  # "..., the official added": a report, not an addition
            if word == "discussed" and kind in (None, "imposed") and token.lemma_.lower() in lexicon.blocking_verbs \
                    and token.head.lemma_.lower() in lexicon.overriding_verbs and token.dep_ in ("dobj", "obj", "nsubjpass") \
                    and self._past(token.head):  # (not "vowed to override any veto": a promise)
                # "Congress overrode Reagan's veto of the sanctions bill": the veto undone, the bill is law
                word, kind, action = None, "imposed", token.head
            if previous.dep_ == "prep" and previous.head.i == token.i and token.pos_ == "VERB" and kind is None and (
                    previous.lower_ in ("as", "in") and word not in ("discussed", "threatened")
                    or previous.lower_ == "with" and self._responds(token) and self._answered_with(trigger, previous)):
                # "would cut Panama's sugar quota and suspend aid as sanctions", "banned all imports of Iranian goods
                # in an embargo aimed at punishing Tehran": the cutting, the banning is the act;
                # "Moscow struck back with an embargo": answering with sanctions imposes them
                word = "imposed"
            if previous.dep_ == "prep" and previous.lower_ == "against" and previous.head.i == token.i \
                    and token.lemma_.lower() in lexicon.decision_words:
                return Reading("discussed", token)  # "decided against a full embargo", "voted against sanctions"
            if kind is None and token.lemma_.lower() in lexicon.attitude_verbs and self._particular(trigger) and not expanding:
                break  # "promised to back all the sanctions", "condemned the EU's sanctions", "criticised U.S. sanctions": they exist
            if token.lemma_.lower() in lexicon.enduring_verbs and previous.head.i == token.i and previous.dep_ in ("dobj", "obj", "prep") \
                    and self._particular(trigger) and not expanding:
                return Reading("imposed", token)  # "Libya would survive the American embargo": whatever is said of the
                # enduring, what is endured is in force
            if kind is None and token.lemma_.lower() in lexicon.sheltering_verbs and previous.lower_ == "from" \
                    and previous.head.i == token.i and self._particular(trigger):
                break  # "urged Europe to shield Iranian trade from U.S. sanctions": what is sheltered from exists
            if kind is None and previous.dep_ == "prep" and previous.head.i == token.i and previous.lower_ in ("against", "to") \
                    and token.lemma_.lower() in lexicon.response_verbs:
                break  # "would retaliate against U.S. sanctions", "responded to the sanctions": what is answered exists
            if kind is None and previous.dep_ == "prep" and previous.head.i == token.i and previous.lower_ in ("against", "to", "for") \
                    and token.lemma_.lower() in lexicon.response_nouns and self._particular(trigger):
                break  # "halted grain imports in retaliation for American sanctions": what is answered exists
            if previous.dep_ == "prep" and kind is None and (
                    previous.lower_ in lexicon.in_force_prepositions or previous.lower_ == "to" and token.lower_ == "subject"
                    or previous.lower_ == "on" and (token.lemma_.lower() == "be" or token.lemma_.lower() in lexicon.persisting_verbs)) \
                    and not any(t.pos_ == "VERB" or t.dep_ in ("acl", "relcl") for t in [trigger, *path[:step - 1]]):
                # (not "came under pressure to sanction them": the preposition holds the pressure, not the sanctions)
                # "under sanctions", "despite sanctions", "subject to a travel ban", "has been on a U.S. blacklist"
                kind, action = "imposed", previous
                if previous.lower_ in lexicon.in_force_prepositions and token.pos_ in ("VERB", "NOUN") and token.lemma_.lower() != "be" \
                        and token.lemma_.lower() not in lexicon.persisting_verbs and (
                            self._definite(trigger) or self._particular(trigger) and not self._expanding(trigger)):
                    # "under the sanctions, EU companies cannot sell aircraft parts", "would keep trading despite US
                    # sanctions": the sanctions are the circumstance of another act, whatever is said of that act
                    return Reading("imposed", previous)
            if previous.dep_ == "agent" and previous.head.i == token.i and token.tag_ == "VBN" and kind is None and token.dep_ != "xcomp" \
                    and not any(c.dep_ == "auxpass" and c.lower_ == "being" for c in token.children) \
                    and self.action_of(token) in (None, "imposed", "discussed") and not self._infinitive(token):
                if token.dep_ == "acl":
                    # "companies hit by the latest round of US sanctions", "a turbine held up in Canada by sanctions":
                    # what they did, so they are in force
                    return Reading("imposed", token)
                if word == "discussed":
                    word = None  # "the turbine was held up by sanctions": what the sanctions do, not what is done to them
            if subject and token.i == own_verb and any(c.dep_ == "prep" and c.lower_ == "on" and any(
                    g.dep_ == "pobj" and g.lower_ in lexicon.agenda_nouns for g in c.children) for c in token.children):
                return Reading("discussed", token)  # "sanctions on the Guards were on the table": talk
            if trigger.dep_ == "nsubjpass" and token.i == own_verb and self._infinitive(token) and word in ("imposed", "expanded") \
                    and self._modality(token) is None and token.lemma_.lower() not in lexicon.in_force_words:  # (not "to be complied with")
                return Reading("planned", token)  # "the sanctions, to be approved by foreign ministers on Monday, would ..."
            if subject and token.i == own_verb and token.lemma_.lower() in lexicon.wanting_verbs and (
                    expanding or any(c.dep_ == "det" and c.lower_ in lexicon.indefinite_determiners for c in trigger.children)):
                return Reading("discussed", token)  # "more sanctions are needed", "a boycott was needed": a call
            if subject and token.i == own_verb and (word is None or token.lemma_.lower() in lexicon.subject_only_neutral):
                word = None  # "the sanctions are needed", "sanctions remain": said of sanctions in force
                if trigger.head.dep_ == "agent" and token.dep_ == "acl" and token.tag_ == "VBN" and kind is None and not any(
                        self.action_of(t) in ("lifted", "expanded", "imposed", "planned", "threatened") for t in path[step + 1:]):
                    # "sought compensation for losses caused by U.S. sanctions": what they did, so they are in force
                    # (but "added parts to the goods covered by the sanctions" adds to them)
                    break
            if word == "imposed" and (trigger.dep_ == "nsubj" or trigger.head.dep_ == "agent") and token.i == own_verb \
                    and self._definite(trigger) and not self.enters_force(token):
                # "the sanctions would hit living costs", "living costs would be hit by the sanctions": what sanctions in
                # force do, not an act on them
                word = None
            if word in ("expanded", "lifted") and trigger.dep_ == "nsubj" and token.i == own_verb and any(
                    c.dep_ in ("dobj", "obj") and c.lower_ not in lexicon.relative_pronouns for c in token.children):
                word = None  # "as Western sanctions tighten the squeeze on gas supplies": what they do to something else
            if token.dep_ == "compound" or (word is None and token.lemma_.lower() in lexicon.transparent_heads) or (
                    previous.i == trigger.i and trigger.dep_ == "compound" and token.lemma_.lower() in lexicon.transparent_heads):
                word = None  # "the sanctions bill", "a sanctions package", "a sanctions campaign": the bill's fate is theirs
            modality = self._modality(token, acted_on=not (subject and token.i == own_verb) or self.enters_force(token)
                                      or trigger.dep_ == "nsubjpass"  # "said the sanctions would be removed": acted on
                                      or token.lemma_.lower() in lexicon.arrival_verbs)  # "said more sanctions would follow"
            if modality == "future" and self.enters_force(token) and self._at_once(token):
                modality = None  # "the sanctions will take effect immediately": in force as the story is written
            if modality == "negated" and token.lemma_.lower() in lexicon.litotes_verbs and previous.dep_ == "xcomp":
                # "would not hesitate to impose sanctions if ...": the denied reluctance affirms the act, as a warning
                word, modality = None, self._auxiliary_modality(token)
                if modality in ("future", "doubt") and kind in ("imposed", "expanded"):
                    return Reading("threatened", token)
            if kind in ("imposed", "expanded") and token.lemma_.lower() in lexicon.permitting_words and token.pos_ in ("VERB", "NOUN") \
                    and previous.head.i == token.i \
                    and previous.dep_ in ("xcomp", "advcl", "acl", "ccomp") and self._infinitive(previous) \
                    and not self.enters_force(previous) and previous.lemma_.lower() not in lexicon.in_force_words:
                # (but "allowed the ban to take effect" lets it; "a right to enforce EU sanctions" has them in force)
                # "the WTO authorised the EU to impose sanctions", "gave Brazil the right to impose": allowed, not done
                return Reading("discussed", token)
            weighing = self._weighing(token)
            if weighing and kind != "lifted" and self._conditional_below(token) and (
                    modality in ("future", "doubt") and weighing != "rule out" or modality == "negated" and weighing == "rule out"):
                # "would seek new sanctions if it tests again", "would consider sanctions if the killings go on", "would
                # not rule out sanctions if Beijing fails to honour the deal": a warning (but "might consider easing the
                # embargo if the Sandinistas comply" is an offer)
                return Reading("threatened", token)
            if kind is None and token.lemma_.lower() in lexicon.equating_verbs and modality in ("negated", "future", "doubt") \
                    and previous.head.i == token.i and previous.dep_ in ("prep", "dobj", "obj", "attr"):
                # "a measure officials insisted did not amount to sanctions", "would amount to sanctions": what
                # something would be called, no sanctions in force
                return Reading("discussed", token)
            if kind is None and subject and token.i == own_verb and token.lemma_.lower() in lexicon.persisting_verbs \
                    and modality != "negated":
                modality = None  # "the sanctions would remain in place": in force now, whatever is said of later
            if token.lemma_.lower() in lexicon.maintaining_verbs and previous.head.i == token.i and previous.dep_ in ("dobj", "obj") \
                    and (self._particular(trigger) or any(c.dep_ == "prep" and any(g.lower_ in lexicon.in_force_nouns for g in c.children)
                                                          for c in token.children)):
                # "vowed to keep sanctions on Russia in place until its troops withdraw", "agreed to maintain the arms
                # embargo": whatever is said of the keeping, the sanctions kept are in force
                return Reading("imposed", token)
            if kind is None and token.lemma_.lower() in lexicon.enforcing_verbs and self._definite(trigger) and (
                    not subject or trigger.dep_ == "nsubjpass" and token.i == own_verb) and not self._dated_or_owned(token):
                # "intends to enforce the oil sanctions", "the export controls would be enforced": these exist (but
                # "would enforce its own embargo from next year" starts it)
                return Reading("imposed", token)
            conforming = token.lemma_.lower() in lexicon.conformity_nouns and token.head.lower_ == "in" \
                and previous.lower_ == "with" and previous.head.i == token.i  # "in line with U.N. sanctions"
            compliance = token.lemma_.lower() in lexicon.compliance_verbs or token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.compliance_nouns
            if (kind is None and compliance or conforming) \
                    and (not subject or trigger.dep_ == "nsubjpass" and token.i == own_verb) \
                    and not any(t.dep_ == "appos" for t in [trigger, *path[:step]]):  # not "honour the pact, the first sanctions"
                # "must comply with the sanctions", "whether the sales violated the embargo", "officials say the
                # trade may breach sanctions": whatever is said of the complying, the sanctions are in force - unless
                # a clause says when they start ("would comply with the embargo when it takes effect on Thursday")
                starting = [c for c in token.children if c.dep_ == "advcl" and (self._scheduled(c) or self._due(c))]
                return Reading("planned", starting[0]) if starting else Reading("imposed", token)
            if subject and token.i == own_verb and word == "discussed" and trigger.dep_ == "nsubj":
                word = None  # "the sanctions call for Sberbank to be cut off": what sanctions in force demand
            if subject and token.i == own_verb and token.lemma_.lower() in lexicon.arrival_verbs and modality != "negated" \
                    and word != "lifted" and (  # not "could come off if Kim agreed": an offer, not a threat
                    self._said_in_warning(token) or self._conditional(token)):
                return Reading("threatened", token)  # "warned Pretoria that further sanctions would follow"
            if subject and token.i == own_verb and token.lemma_.lower() in lexicon.arrival_verbs and word != "lifted" \
                    and modality == "future":
                planned, action = True, action or token  # "UN sanctions will automatically return on Saturday": due
            if word is None and kind is None and not planned and modality in ("negated", "future", "doubt") and not (
                    modality == "future" and self._conditional(token)) and (
                    self._definite(trigger) or modality == "negated" or modality != "doubt" and (
                        subject and token.i == own_verb or previous.dep_ in lexicon.subject_deps)):
                # "these sanctions will undercut Putin's aims", "it was not included on the sanctions list":
                # said of sanctions in force, by a verb that does nothing to them.
                if modality == "negated" and token.lemma_.lower() == "have" and not self._definite(trigger):
                    return Reading("discussed", token)  # "neither has sanctions on tourism": none to have
                if expanding and not self._definite(trigger) and (
                        modality != "future" and subject and token.i == own_verb or modality == "negated"):
                    # "further sanctions would not help", "would not stand for another embargo": more are only supposed
                    return Reading("discussed", token)
                modality = None
            if subject and token.i == own_verb and any(
                    c.dep_ in ("acomp", "oprd") and self.action_of(c) == "discussed"
                    or c.dep_ == "attr" and c.lemma_.lower() in lexicon.noun_only_actions
                    or c.dep_ == "prep" and c.lower_ == "under" and any(self.action_of(g) == "discussed" for g in c.children)
                    or c.dep_ == "prep" and c.lower_ == "among" and any(g.lemma_.lower() in lexicon.noun_only_actions for g in c.children)
                    or c.dep_ == "prep" and c.lower_ == "out" and any(g.lemma_.lower() == "question" for g in c.subtree)
                    for c in token.children):
                # "further sanctions were likely", "sanctions were still possible", "remains under negotiation",
                # "an embargo was among the options", "a repeat of the embargo was out of the question"
                if any(c.dep_ == "acomp" and c.lemma_.lower() in lexicon.possibility_adjectives
                       or c.dep_ == "attr" and c.lemma_.lower() in lexicon.noun_only_actions for c in token.children) and (
                        self._conditional_below(token) or self._said_in_warning(token)):
                    # "warned that further sanctions were possible if ...", "sanctions remained an option if talks collapsed"
                    return Reading("threatened", token)
                return Reading("discussed", token)
            if subject and token.i == own_verb and word == "planned" and kind is None and self._expiring(token):
                return Reading("imposed", token)  # "the embargo is set to expire in October": in force till then
            timetable = [c for c in token.children if c.dep_ == "acomp" and self.action_of(c) == "planned"
                         or c.dep_ == "xcomp" and token.lemma_.lower() == "be" and self._infinitive(c) and (
                             self.enters_force(c) or self.action_of(c) in ("lifted", "expanded", "imposed"))] \
                if subject and token.i == own_verb else []
            for due in timetable:  # "the sanctions are due to come into force", "are to be lifted": scheduled
                if kind is None and self._expiring(due):
                    return Reading("imposed", due)  # "the arms embargo was due to expire in October": in force till then
                planned, action = True, action or due
                for then in (due, *due.children):
                    if (then is due or then.dep_ == "xcomp") and self.action_of(then) in ("lifted", "expanded") and kind is None:
                        kind, action, decided = self.action_of(then), then, True
            if self._scheduled(token):
                planned, action = True, action or token
            if token.lemma_.lower() == "be" and previous.dep_ == "xcomp" and self._infinitive(previous) and any(
                    c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON") for c in token.children):  # not "the policy is to"
                planned, action = True, action or previous  # "Washington is to add Polyus to its list": a timetable
                decided = decided or kind == "lifted"  # "the U.S. is to lift sanctions on Sudan": so decided
            if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.decision_nouns and previous.dep_ == "acl" \
                    and previous.head.i == token.i and self._infinitive(previous):
                decided = True  # "welcomed Washington's decision to lift its sanctions": taken
            if token.lemma_.lower() in lexicon.ordering_verbs and self._past(token) and previous.dep_ in ("xcomp", "ccomp") \
                    and self._infinitive(previous) and self._modality(token) is None:
                decided = True  # "said he had instructed the Treasury to lift sanctions": an order given is a decision
            if self._imperative(token):
                return Reading("discussed", action or token)
            if modality == "negated" and self.enters_force(token) and any(
                    c.lower_ in lexicon.deferring_marks or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lexicon.deferring_marks
                                                                                 for m in c.children) for c in token.children) \
                    and not any(c.dep_ == "aux" and c.lower_ in lexicon.doubt_modals and c.lower_ != "would" for c in token.children):
                # "will not take effect until December", "said they would not take effect while talks continued"
                return Reading("planned", action or token)
            if modality == "negated" and word == "expanded" and kind == "lifted" and action is not None \
                    and action.lemma_.lower() in lexicon.received_nouns:
                # "will not renew the sanctions waivers": the relief ends, so the sanctions return
                return Reading("planned" if self._auxiliary_modality(token) == "future" else "expanded", token)
            if modality == "negated":
                return Reading("discussed", action or token)
            if modality in ("question", "obligation"):
                return Reading("discussed", action or token)
            if token.dep_ in ("xcomp", "ccomp") and any(
                    c.dep_ == "acomp" and c.lemma_.lower() in lexicon.necessity_adjectives for c in token.head.children):
                return Reading("discussed", action or token)  # "it is vital to impose further sanctions": a call
            if self._judged_act(token, path[:step]):
                return Reading("discussed", action or token)  # "it is wrong to impose sanctions": the act judged, not done
            if self._hypothesis(token) or self._counterfactual(token):
                # "if we had imposed more sanctions in 2014", "if the sanctions had been preventative": supposed;
                # "a resolution that would have threatened sanctions": what did not happen
                return Reading("discussed", action or token)
            infinitive = infinitive or self._infinitive(token)
            if_clause, awaited_clause = self._conditions_below(token)
            if token.dep_ == "relcl" and token.head.lemma_.lower() in lexicon.legislative_nouns:
                # "blocked a bill that would impose sanctions if Russia interferes": the condition is the bill's text,
                # no warning; what is done with the bill decides
                if_clause = False
            if modality in ("future", "doubt") and any(self._anyone(c) for c in token.children if c.dep_ in lexicon.subject_deps):
                if_clause = True  # "any Russian incursion would be met with sanctions": whichever comes, a condition
            conditional, awaited = conditional or if_clause, awaited or awaited_clause
            if word == "discussed" and kind is None and self._enacted_mandate(token):
                word = "imposed"  # "the law, which Trump signed, requires sanctions on ...": the law in force orders them
            if word is None and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.urging_nouns \
                    and previous.dep_ == "acl" and self._infinitive(previous):
                return Reading("discussed", token)  # "has come under pressure to sanction Russian oligarchs": urged
            if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.declining_nouns and previous.dep_ == "acl" \
                    and previous.head.i == token.i and self._infinitive(previous):
                return Reading("discussed", token)  # "Biden's failure to slap sanctions on Putin": not done
            if word == "discussed" and token.lemma_.lower() in lexicon.noun_only_actions and self._warned(token):
                return Reading("threatened", token)  # "warning that they ran a significant risk of sanctions"
            if word == "threatened":
                return Reading("threatened", action or token)
            if word == "discussed":
                return Reading("discussed", action or token)
            if word in ("lifted", "expanded", "imposed", "planned") and self._single_chamber_acts(token):
                return Reading("discussed", action or token)  # "the Senate voted to impose sanctions": a bill's step
            if word == "lifted" and kind == "lifted" and action is not None and action.i != token.i and action.pos_ == "NOUN" \
                    and action.lemma_.lower() in lexicon.received_nouns:
                kind, action = "expanded", token  # "let the waivers on oil sanctions expire": ending a relief restores them
            if word in ("lifted", "expanded", "imposed") and kind is None:
                kind, action = word, token
            elif word in ("lifted", "expanded") and kind == "imposed" and action is not None and action.dep_ == "prep" \
                    and previous.head.i == token.i and (previous.dep_ == "prep" and previous.lower_ in ("to", "from")
                                                        or previous.dep_ == "advcl" and previous.tag_ == "VBG"):
                # (or "added 15 companies to its list, making them subject to the embargo")
                kind, action = word, token  # "added 141 Russians to its list of people subject to an asset freeze"
            if self._headline_infinitive(token) and word in ("imposed", "lifted", "expanded") \
                    and token.lemma_.lower() not in lexicon.in_force_words:  # not "Iran to ignore U.S. sanctions"
                # "EU to impose cyber sanctions", "U.S. to lift sanctions on Sudan": a headline's "is to", a timetable
                planned, action = True, action or token
                decided = decided or kind == "lifted"
            if word == "planned":
                planned = True
                # "agreed to", "decided to" take a decision; "expected to", "planned to" do not
                decided = decided or (self._past(token) and modality is None and token.lemma_.lower() in lexicon.decision_words)
                action = action or token
            if modality == "doubt":
                if conditional and kind != "lifted" and not any(
                        c.dep_ == "aux" and c.lower_ in lexicon.advising_modals for c in token.children):
                    # (not "should apply the sanctions unless Brussels agrees", said by farm groups: advice, a call)
                    return Reading("threatened", action or token)
                if (kind in ("imposed", "expanded") or token.lemma_.lower() in lexicon.consequence_verbs) and not subject \
                        and self._said_in_warning(token):
                    # "warned that any buyer could be hit with sanctions", "letters warning that they could face
                    # sanctions", "warned that buying it could expose Indian firms to sanctions"
                    return Reading("threatened", action or token)
                return Reading("discussed", action or token)
            if modality == "future":
                future = True
            previous = token
        if conditional and (future or planned) and kind != "lifted":
            return Reading("threatened", action)
        if awaited and future and kind == "lifted" and not decided:
            # "will lift the sanctions if Iran complies", "would lift them once Japan complied": an offer, not a decision
            return Reading("discussed", action)
        if (future or planned) and kind != "lifted" and self._said_in_warning(previous) \
                and (kind is not None or previous.lemma_.lower() in lexicon.consequence_verbs or self._responds(previous)):
            return Reading("threatened", action or previous.head)  # "warned that an incursion would trigger sanctions"
        if kind == "lifted" and action is not None and not self._asserted(action):
            return Reading("discussed", action)  # "the lifting of sanctions" on an agenda, "lifting them would be wrong"
        if kind == "lifted" and action is not None and action.dep_ == "acl" and self._infinitive(action) and not decided:
            return Reading("discussed", action)  # "work by committees to ease export controls": a purpose
        if kind == "lifted" and (planned or infinitive) and not decided and not future:
            # "plans to end the embargo", "expected the embargo to be lifted", "to get the sanctions lifted":
            # a lifting aimed at, not decided
            return Reading("discussed", action)
        if kind == "lifted":
            return Reading("lifted", action)
        if kind in ("imposed", "expanded") and action is not None and action.tag_ == "VBG" and action.dep_ in ("csubj", "csubjpass") \
                and not (planned or future) and action.lemma_.lower() not in lexicon.in_force_words:
            return Reading("discussed", action)  # "reimposing sanctions is the least the West can do": the act as a topic
        if kind in ("imposed", "expanded") and action is not None and action.tag_ == "VBG" and action.dep_ == "pcomp" \
                and action.head.lower_ in lexicon.topic_prepositions and not self._asserted(action) and not (planned or future):
            # "cautious over imposing sanctions", "held back from tightening them": the act as a topic, not an act
            # ("thanked them for imposing", "by imposing" report the act)
            return Reading("discussed", action)
        if kind in ("expanded", "imposed", None) and expanding or kind == "expanded":
            # "agreed to impose new sanctions": a decision taken to add to them; "will impose new ones": planned
            return Reading("planned" if future or (planned and not decided) else "expanded", action)
        if planned or future:
            return Reading("planned", action)
        return Reading("imposed", action)

    def _weighing(self, verb: Token) -> str | None:
        """The verb, with its particle, when it weighs sanctions to come: "seek", "consider", "rule out"."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        for particle in (c.lower_ for c in verb.children if c.dep_ == "prt"):
            if f"{lemma} {particle}" in self.lexicon.weighing_verbs:
                return f"{lemma} {particle}"
        return lemma if lemma in self.lexicon.weighing_verbs else None

    def _answered_with(self, trigger: Token, preposition: Token) -> bool:
        """The sanctions, or their package, are what "with" gives ("struck back with an embargo", "responded with a
        package of sanctions"), not a word they qualify ("met with sanctions experts")."""
        if trigger.head.i == preposition.i:
            return True
        holder = trigger.head.head
        return trigger.head.lower_ == "of" and holder.lemma_.lower() in self.lexicon.transparent_heads and holder.head.i == preposition.i

    def _headline_infinitive(self, verb: Token) -> bool:
        """A headline's "X to do", the copula left out: the infinitive follows a name that opens the sentence (after
        any "Report:"), with no verb or preposition before it ("EU to impose", not "a plan by the U.S. to lift")."""
        if not self._infinitive(verb) or verb.i < 2 or verb.doc[verb.i - 1].lower_ != "to":
            return False
        name = verb.doc[verb.i - 2]
        if name.pos_ != "PROPN" and not name.ent_type_:
            return False
        sentence = verb.sent if verb.doc.has_annotation("SENT_START") else verb.doc[:]
        opening = list(verb.doc[sentence.start:name.i + 1])
        colon = max((i for i, t in enumerate(opening) if t.text == ":"), default=-1)
        return all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT") and t.text not in (",", ";") for t in opening[colon + 1:])

    def _anyone(self, phrase: Token) -> bool:
        """Whoever does something, not someone named: "anyone", "any company doing business with Caracas"."""
        if phrase.pos_ == "VERB":  # "any company doing business with Caracas", parsed as a clause
            return any(self._anyone(c) for c in phrase.children if c.dep_ == "nsubj")
        return phrase.lower_ in ("anyone", "anybody", "whoever") or any(
            c.dep_ == "det" and c.lower_ == "any" for c in phrase.children)

    def _expanding(self, trigger: Token) -> bool:
        """More sanctions: "further sanctions", "a seventh package of sanctions", "a new sanctions package",
        "sanctioning another 14 oligarchs"."""
        holders = [trigger]
        if trigger.dep_ == "compound" or trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
            holder = trigger.head if trigger.dep_ == "compound" else trigger.head.head
            if holder.lemma_.lower() in self.lexicon.transparent_heads:
                holders.append(holder)
        if trigger.pos_ == "VERB":
            holders.extend(c for c in trigger.children if c.dep_ in ("dobj", "obj"))
        elif trigger.dep_ == "pobj" and trigger.head.lower_ in ("on", "to") and trigger.head.head.pos_ == "VERB":
            # "put another 120 companies on its blacklist": what is added to the list
            holders.extend(c for c in trigger.head.head.children if c.dep_ in ("dobj", "obj"))
        return any(c.lower_ in (self.lexicon.expanding_modifiers if holder is trigger else self.lexicon.increment_modifiers)
                   for holder in holders for c in holder.children if c.dep_ in ("amod", "advmod", "compound", "nummod", "det", "quantmod"))

    def _asserted(self, action: Token) -> bool:
        """Whether the sentence says the act happens: a finite verb or a participle describing the sanctions
        ("were lifted", "lifted", "sanctions imposed on"), or a noun or gerund that a verb of acting governs
        ("announced the lifting", "got sanctions relief") - not a bare "lifting" or "imposition"."""
        if action.dep_ == "prep":
            return True  # "under sanctions"
        if action.pos_ in ("VERB", "AUX") and action.tag_ != "VBG":
            return True
        if action.tag_ == "VBG" and any(c.dep_ == "aux" for c in action.children):
            return True  # "are imposing"
        if action.pos_ == "NOUN" and self._dated_or_owned(action) and not self._wished(action):
            return True  # "the Treasury's removal of sanctions on him", "Sudan's relief from sanctions last October"
        token = action
        while token.dep_ == "conj" and token.tag_ == "VBG" and token.head.tag_ == "VBG":
            token = token.head  # "an order ending the emergency and removing the sanctions": as the first
        # a participle clause with no subordinator of its own says what its clause's verb does: "Putin signed a
        # decree on Thursday lifting most of the sanctions"
        bare_participle = token.dep_ == "advcl" and token.tag_ == "VBG" and not any(
            c.dep_ in ("mark", "aux", "nsubj") for c in token.children)
        while token.head.i != token.i and (bare_participle or token.dep_ not in self.lexicon.clause_boundaries
                                            or token.dep_ == "conj" and token.pos_ == "NOUN" and token.head.pos_ in ("NOUN", "PROPN")):
            # nouns joined are no clause: "granted eight countries, including China, temporary waivers"
            bare_participle = False
            token = token.head
            if token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG":
                lemma = token.lemma_.lower()
                if action.dep_ == "nsubj" and action.head.i == token.i and token.tag_ == "VBD" and self._modality(token) is None \
                        and not (lemma == "be" and any(c.dep_ == "acomp" or c.dep_ == "attr" and any(
                            self.action_of(t) == "discussed" for t in c.subtree) for c in token.children)):
                    # (not "the lifting of the embargoes was unlikely", "was one of Moscow's demands": what it may be)
                    return True  # "sanctions relief handed the Guards a windfall": what it did, it happened
                return self.action_of(token) in ("lifted", "expanded", "imposed", "planned") or \
                    lemma in self.lexicon.target_subject_verbs or lemma in self.lexicon.reporting_verbs or \
                    lemma in self.lexicon.conferring_verbs or \
                    lemma in self.lexicon.attitude_verbs and self._modality(token) is None  # "welcomed the lifting"
        return action.pos_ == "NOUN" and action.dep_ in ("ROOT", "nsubj", "nsubjpass") and action.lemma_.lower() not in (
            "lifting", "removal", "easing", "end", "suspension")

    def _dated_or_owned(self, word: Token) -> bool:
        """An act with its doer or its date: "the Treasury's removal", "the lifting ... in January", "enforce it from
        next year" - an act that took place or will, not one named as a topic ("the lifting of sanctions" on an
        agenda). (The sentence pass has no entities: time words are data.)"""
        return any(c.dep_ == "poss" or c.dep_ == "npadvmod" and self._time_word(c)
                   or c.dep_ == "prep" and c.i > word.i and any(g.dep_ == "pobj" and self._time_word(g) for g in c.children)
                   for c in word.children)

    def _time_word(self, token: Token) -> bool:
        """"October", "Monday", "year", "1998"."""
        return token.lower_ in self.lexicon.time_nouns or token.lemma_.lower() in self.lexicon.time_nouns \
            or token.like_num and len(token.text) == 4 and token.text[:2] in ("19", "20")

    def _wished(self, noun: Token) -> bool:
        """The noun is what the clause's verb asks, hopes or argues for, or supposes: "demanded Washington's removal
        of the sanctions", "Tehran's relief from sanctions would be a mistake"."""
        token = noun
        while token.head.i != token.i and token.dep_ not in self.lexicon.clause_boundaries:
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                modality = self._modality(token)
                if modality == "negated" and noun.dep_ == "nsubj" and noun.head.i == token.i:
                    modality = None  # "the relief has not brought investment": what it did not do, not the act
                return self.action_of(token) == "discussed" or modality is not None
        return False

    # --- parties ----------------------------------------------------------------------------

    def noun_phrase(self, head: Token) -> list[Token]:
        """The head and the words that describe it, without relative clauses and other asides."""
        tokens, stack = [], [head]
        while stack:
            token = stack.pop()
            tokens.append(token)
            for child in token.children:
                dep = "prep_of" if child.dep_ == "prep" and child.lower_ == "of" else child.dep_
                if dep in self.lexicon.noun_phrase_deps:
                    stack.append(child)
        return tokens

    @staticmethod
    def parties_in(tokens: list[Token], parties: list[Party]) -> list[Party]:
        spans = [(t.idx, t.idx + len(t)) for t in tokens]
        found = [p for p in parties if any(start <= p.start < end for start, end in spans)]
        return sorted(found, key=lambda p: p.start)

    def subject_parties(self, verb: Token, parties: list[Party], active: bool = False, suffering: bool = False) -> list[Party]:
        """Parties of the verb's subject; `active`: only an acting subject, not a passive one ("Russians who
        were placed on a sanctions list" are its targets); `suffering`: the verb is one a target does ("face")."""
        for subject in self.subjects_of(verb):
            if active and subject.dep_ == "nsubjpass" and subject.head.i == verb.i:
                continue  # but "the Treasury was authorised to impose": the one authorised acts
            found = self.parties_in(self.noun_phrase(subject), parties)
            if found:
                return found
            if subject.pos_ == "PRON":
                found = self.antecedent_parties(subject, parties, suffering)
                if found:
                    return found
        return []

    def subjects_of(self, verb: Token) -> list[Token]:
        """The verb's own subjects, or the ones it shares: the first conjunct's ("which are supplying arms and
        have hit Russia"), the controlling verb's for an infinitive ("it is doing all it can to enforce")."""
        token = verb
        for _ in range(4):
            own = [c for c in token.children if c.dep_ in self.lexicon.subject_deps]
            if own:
                return own
            if token.head.i != token.i and (token.dep_ == "conj" or token.dep_ in ("xcomp", "advcl") and self._infinitive(token)
                                            or token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ == "mark" for c in token.children)):
                # "Beijing hit back, announcing sanctions": a participle's subject is its clause's
                objects = self.addressees(token.head)
                if token.dep_ in ("xcomp", "advcl") and self._infinitive(token) and objects:
                    # "urged Brussels to introduce sanctions", "called on Riyadh to lift", "will press the Security
                    # Council to impose" (parsed as a purpose): the one urged would act
                    return objects
                token = token.head
                continue
            if token.dep_ == "acomp" and token.head.i != token.i:
                token = token.head  # "the EU was likely to lift": the adjective's subject is the copula's
                continue
            if self._credited_act(token):
                # "criticised the EU for imposing sanctions": the one credited or blamed did it
                return [c for c in token.head.head.children if c.dep_ in ("dobj", "obj")]
            if token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in self.lexicon.gerund_subject_prepositions \
                    and token.head.head.pos_ in ("VERB", "AUX"):
                token = token.head.head  # "China retaliated by sanctioning Lockheed": the gerund's subject is the verb's
                continue
            break
        return []

    def _credited_act(self, token: Token) -> bool:
        """The gerund is what someone is praised or blamed for ("criticised the EU for imposing sanctions", "accused
        Washington of sanctioning"): an act presupposed done, by the one credited (the verb's object)."""
        return token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in ("for", "of") \
            and token.head.head.lemma_.lower() in self.lexicon.crediting_verbs \
            and any(c.dep_ in ("dobj", "obj") for c in token.head.head.children)

    def antecedent_parties(self, pronoun: Token, parties: list[Party], suffering: bool = False) -> list[Party]:
        """Who a pronoun subject stands for: the noun a relative clause describes ("the US and Europe, which have
        hit Russia with sanctions"); for "it", "they", "he", "she", "we", the nearest subject above that names a
        party ("China said it would enforce sanctions", "Biden said he had told him he would impose ...")."""
        word = POSSESSIVE_PRONOUNS.get(pronoun.lower_, pronoun.lower_)  # "its sanctions": as "it"
        clause = pronoun.head
        if word in self.lexicon.relative_pronouns:
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                described = clause.head
                while described.dep_ == "conj" and described.head.i != described.i:
                    described = described.head  # "Tokyo and Canberra, which have hit Pyongyang": both, not the nearer
                found = self.parties_in(self.noun_phrase(described), parties)
                if not found and clause.head.lemma_.lower() in self.lexicon.legislative_nouns:
                    found = self.proposers(clause.head, parties)
                return found
            return []
        if word not in self.lexicon.anaphoric_pronouns:
            return []
        token = clause
        while token.head.i != token.i:
            if controllers := self._controllers(token, token.head, parties):
                return controllers  # "welcomed Washington's decision to lift its sanctions": Washington's
            if suffering and word in ("it", "they") and token.dep_ == "ccomp":
                # "Reagan warned Tokyo it would face sanctions": the one who would suffer them is the one told,
                # not the one telling
                addressed = [p for c in token.head.children if c.dep_ in ("dobj", "obj", "dative")
                             for p in self.parties_in(self.noun_phrase(c), parties) if _code(p) and p.label != "PERSON"]
                if addressed:
                    return addressed
            token = token.head
            for subject in self.subjects_of(token):
                found = [p for p in self.parties_in(self.noun_phrase(subject), parties) if _code(p)]
                if found:
                    return found
        # The parser joined the clauses side by side ("The Arab League's office here said it had added 13 firms to
        # its blacklist, delegates said"): the nearest subject before the pronoun, for "it" alone (a state or body)
        for subject in reversed(pronoun.doc[:pronoun.i] if word == "it" else []):
            if subject.dep_ == "nsubj" and subject.pos_ != "PRON":
                found = [p for p in self.parties_in(self.noun_phrase(subject), parties) if _code(p)]
                if found:
                    return found
        return []

    def agents(self, trigger: Token, reading: Reading, parties: list[Party]) -> tuple[list[Party], list[Party]]:
        """(sanctioners, targets) from the clause: the subject of the act, climbing through "agreed to",
        "plans to"; the one urged or asked to act; "by X". The subject of "face", "evade", "get" is a target."""
        lexicon = self.lexicon
        by: list[Party] = []
        on: list[Party] = []
        for token in [trigger, *([reading.action] if reading.action is not None else [])]:
            if token.lemma_.lower() in lexicon.request_verbs or token.lemma_.lower() in lexicon.disapproving_verbs:
                continue  # "a push by Poland to include nuclear fuel in the EU's package": who asks does not act;
                # "the embargo is opposed by most UN members": nor do its critics
            for child in token.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                    by += self.parties_in(self.noun_phrase(child), parties)
        if by:
            return by, on
        if trigger.pos_ == "VERB":  # "the Treasury sanctioned two ministers": the trigger is the act
            if trigger.dep_ == "xcomp" and (urged := self.urged(trigger.head, parties)):
                return urged, on  # "called on the EU to blacklist every Iranian entity"
            found = self.subject_parties(trigger, parties, active=True)
            if found:
                return found, on
        action = reading.action
        if action is not None and action.dep_ in ("relcl", "acl") and action.head.i == trigger.i \
                and self.action_of(action) in ("imposed", "expanded", "lifted", "threatened"):
            found = self.subject_parties(action, parties, active=True)
            if found:
                return found, on  # "criticised the sanctions Reagan imposed on Japan": the clause's own subject acts
        path = self.path_up(trigger)
        complying = reading.action is not None and (reading.action.lemma_.lower() in lexicon.compliance_verbs
                                                     or reading.action.lemma_.lower() in lexicon.in_force_words)
        for came_from, token in zip([trigger, *path], path):
            if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.legislative_nouns:
                owners = [p for p in self.parties_in([t for c in token.children if c.dep_ in ("poss", "compound", "nmod", "amod")
                                                      and c.i < token.i for t in c.subtree], parties)
                          if not any(token.doc.text.startswith(s, p.end) for s in lexicon.origin_suffixes)]
                # (an "American-drafted" resolution is the Security Council's, not its drafter's)
                if owners:
                    return owners, on  # "vetoed a Security Council resolution calling for sanctions": the Council's
            if came_from.dep_ == "ccomp" and self.action_of(token) == "discussed" and any(
                    c.dep_ in lexicon.subject_deps for c in came_from.children):
                break  # "North Korea wanted all the sanctions lifted": the one who wishes is not the one who acts
            if came_from.dep_ == "prep" and came_from.lower_ in lexicon.issue_prepositions and self._answering_act(token):
                return [], on  # "Putin issued a warning to the west over the sanctions": who answers them does not impose them
            if came_from.dep_ == "prep" and came_from.lower_ in ("against", "to", "for") and token.lemma_.lower() in lexicon.response_nouns \
                    and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
                # "Pretoria halted grain imports in retaliation for American sanctions": who answers them is their target
                answering = [p for p in self.subject_parties(token.head.head, parties, suffering=True) if p.label == "GPE" or p.body]
                if answering:
                    return [], on + answering
            owners = self._controllers(came_from, token, parties)
            if owners and self._acts_on_sanctions(came_from):
                return owners, on  # "Washington's decision to lift its sanctions": whose decision, theirs the act
            if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
                continue
            lemma = token.lemma_.lower()
            if came_from.dep_ == "nsubj" and (self.enters_force(token) or lemma in lexicon.reporting_verbs
                                              or lemma in lexicon.urging_verbs):
                # "Sweden's boycott of South Africa will come into force": what takes effect is no actor; sanctions
                # say nothing (a parse that makes them the subject of "said" has lost the speaker); "the boycott has
                # pushed Doha closer to Turkey" urges nobody to sanction
                continue
            if came_from.dep_ == "nsubj" and came_from.i != trigger.i and came_from.pos_ == "NOUN" and self.action_of(came_from) is not None:
                # "Sudan's relief from sanctions has not brought investment": the act itself is the subject, so the
                # verb's subject is no one acting on the sanctions
                continue
            if lemma in lexicon.conferring_verbs and reading.action is not None and self.action_of(reading.action) == "lifted" \
                    and reading.action.i in {t.i for t in token.subtree}:
                found = self.subject_parties(token, parties, active=True)
                if found:
                    return found, on  # "the State Department granted eight countries waivers from the sanctions"
            if came_from.dep_ == "prep" and came_from.lower_ == "with" and self._responds(token):
                found = self.subject_parties(token, parties, active=True)
                if found:
                    return found, on  # "Moscow would respond with sanctions": who answers with them imposes them
            if (lemma in lexicon.wanting_verbs or lemma in lexicon.request_verbs) and any(
                    c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lexicon.received_nouns for c in token.children):
                on += self.subject_parties(token, parties, suffering=True)  # "Iran wants sanctions relief"
                continue
            # "Russia was hit by sanctions" suffers them; "he would hit Turkey with sanctions" acts
            if lemma in lexicon.pursuing_verbs and came_from.i == trigger.i and trigger.dep_ in ("dobj", "obj"):
                found = self.subject_parties(token, parties, active=True)
                if found:
                    return found, on  # "the administration would seek sanctions against Japanese firms": it would impose
            if (lemma in lexicon.target_subject_verbs or came_from.dep_ == "prep" and trigger.head.i == came_from.i
                    and f"{lemma} {came_from.lower_}" in lexicon.target_subject_verbs) and not (  # "Russia prepared for sanctions"
                    self.action_of(token) == "imposed" and lemma not in lexicon.in_force_words
                    and not any(c.dep_ == "nsubjpass" for c in token.children)) and not (
                    lemma in lexicon.pursuing_verbs and self._seeks_sanctions(trigger, token)):
                on += self.subject_parties(token, parties, suffering=True)
                continue
            found = [] if complying else (  # "urged India not to undermine the US sanctions": India only complies
                self.urged(token, parties) or (self.urged(token.head, parties) if token.dep_ == "xcomp" else []))
            if found:
                return found, on  # "urged the EU to impose", "called on Washington to impose": the one urged would sanction
            if self.action_of(token) is None and token.lemma_.lower() not in self.lexicon.reporting_verbs:
                continue  # "Putin was stung by the sanctions": the subject of any verb is not the sanctioner
            if token.lemma_.lower() in lexicon.request_verbs or self._blocks(token) or (
                    lemma in lexicon.disapproving_verbs and self._names_directly(came_from, {trigger.i})):
                continue  # "Kyiv called for sanctions", "what Moscow called sanctions hysteria": others' words;
                # "Hungary blocked the EU's package": others' sanctions
            if self.action_of(token) in ("imposed", "expanded"):  # "Russians who were added to the list": targets
                on += [p for c in token.children if c.dep_ == "nsubjpass"
                       for p in self.parties_in(self.noun_phrase(c), parties) or self.antecedent_parties(c, parties)]
            found = self.subject_parties(token, parties, active=True)
            if found:
                return found, on
        top = path[-1] if path else trigger
        if top.dep_ == "ccomp" and self.action_of(top.head) == "threatened" and reading.status != "discussed" and not (
                trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() not in lexicon.arrival_verbs and not self.enters_force(trigger.head)):
            # (not "warned that the sanctions would backfire on Europeans": what sanctions do, not who imposes them)
            # "Community ministers warned Pretoria that further sanctions would follow": who threatens would impose
            # them (not "Medvedev warned that any further sanctions would be met with a response")
            return self.subject_parties(top.head, parties, active=True), on
        return [], on

    def _seeks_sanctions(self, trigger: Token, verb: Token) -> bool:
        """What is sought holds the sanctions as an act or a part, not a relief from them: "not seeking to have
        sanctions reimposed", "will seek accountability, including sanctions" (not "sought to shield the economy from
        sanctions", "seeking guarantees about sanctions")."""
        walked = [trigger]
        while walked[-1].i != verb.i and walked[-1].head.i != walked[-1].i:
            walked.append(walked[-1].head)
        return any(t.lower_ == "including" or self.action_of(t) in ("imposed", "expanded") and t.lemma_.lower() not in self.lexicon.in_force_words
                   for t in walked[1:-1])

    def _controllers(self, infinitive: Token, noun: Token, parties: list[Party]) -> list[Party]:
        """The possessor of a noun whose infinitive it does: "Washington" of "Washington's decision to lift"."""
        if not (infinitive.dep_ == "acl" and infinitive.head.i == noun.i and self._infinitive(infinitive)
                and noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lexicon.control_nouns):
            return []
        return [p for c in noun.children if c.dep_ == "poss"
                for p in self.parties_in(list(c.subtree), parties) or self.antecedent_parties(c, parties) if _code(p)]

    def _blocks(self, verb: Token) -> bool:
        """"vetoed a resolution", "is blocking the EU's embargo": stops others' sanctions - unless what it
        blocks is a request ("Berlin blocked European requests for an embargo" on its own imports)."""
        return verb.pos_ == "VERB" and verb.lemma_.lower() in self.lexicon.blocking_verbs and not any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.lexicon.request_verbs for c in verb.children)

    def proposers(self, law: Token, parties: list[Party]) -> list[Party]:
        """Who introduces, passes or signs a bill or resolution that would impose sanctions: "Democrats in the
        House introduced legislation that would impose an embargo"; not who vetoes or debates it."""
        verb = law.head
        if law.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB" or not (
                verb.lemma_.lower() in self.lexicon.proposing_verbs or self.action_of(verb) in ("imposed", "planned")):
            return []
        return self.subject_parties(verb, parties, active=True)

    def _acts_on_sanctions(self, verb: Token) -> bool:
        """A verb that imposes, adds to, lifts or threatens sanctions - not one of living with them ("evade")."""
        return self.action_of(verb) in ("imposed", "expanded", "lifted", "threatened") \
            and verb.lemma_.lower() not in self.lexicon.in_force_words | self.lexicon.target_subject_verbs

    def _responds(self, verb: Token) -> bool:
        """"respond", "retaliate", "hit back": a verb of answering."""
        particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
        lemma = verb.lemma_.lower()
        return lemma in self.lexicon.response_verbs or any(f"{lemma} {p}" in self.lexicon.response_verbs for p in particles)

    def urged(self, verb: Token, parties: list[Party]) -> list[Party]:
        """The ones a request is addressed to: "urged the EU", "called on Washington"."""
        return [p for c in self.addressees(verb) for p in self.parties_in(self.noun_phrase(c), parties)]

    def addressees(self, verb: Token) -> list[Token]:
        """Who an urging verb addresses: its object ("urged the EU") or the one called on ("called on Washington")."""
        if verb.lemma_.lower() not in self.lexicon.urging_verbs:
            return []
        return [c for c in verb.children if c.dep_ in ("dobj", "obj")] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]

    def modifiers(self, trigger: Token, parties: list[Party]) -> tuple[list[Party], list[Party]]:
        """Parties that qualify the trigger: "U.S. sanctions", "Reagan's sanctions" are by the U.S.;
        "South African sanctions", "Iran sanctions" are on the country."""
        owners = [trigger]
        head = trigger
        while head.dep_ == "compound" and head.head.i != head.i:  # "the South African sanctions law"
            head = head.head
            owners.append(head)
        tokens = [t for owner in owners for c in owner.children
                  if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < trigger.i for t in c.subtree]
        owning = self.parties_in([t for owner in owners for c in owner.children if c.dep_ == "poss" and c.i < trigger.i
                                  for t in c.subtree], parties)
        # "a Saudi-led boycott", "U.S.-led sanctions": who leads them sanctions
        leading = self.parties_in([t for owner in owners for c in owner.children if c.dep_ == "amod" and c.lower_ == "led"
                                   and c.i > 0 and c.nbor(-1).text == "-" for t in c.subtree], parties)
        # "Denmark's boycott of South Africa": beside a target named after the trigger, the owner sanctions
        named_after = {_code(p) for c in trigger.children if c.dep_ == "prep" and c.lower_ in (*self.lexicon.target_prepositions, "of")
                       for p in self.parties_in(self.noun_phrase(c), parties)} - {None}
        # "Russia's retaliatory embargo on Western food": sanctions that answer others' are their owner's
        answering = any(c.dep_ == "amod" and c.lower_ in self.lexicon.answering_modifiers for c in trigger.children)
        by, on = [], []
        for owner in owners:  # "Russia has barred them as part of its counter-sanctions": whose they are
            for c in owner.children:
                if c.dep_ == "poss" and c.pos_ == "PRON" and c.i < trigger.i:
                    by += [p for p in self.antecedent_parties(c, parties) if p not in by]
        for party in self.parties_in(tokens, parties):
            owner = party in owning
            # a body ("OPEC's embargo") only ever sanctions
            (by if party.label == "PERSON" or party in leading or (party.body or party.country) in self.lexicon.usual_sanctioners
             or party.body and not _is_state(party.body)
             or (owner or party.label == "NORP") and (named_after - {_code(party)} or answering) else on).append(party)
        return by, on

    def targets(self, trigger: Token, reading: Reading, parties: list[Party]) -> list[Party]:
        """Parties after 'on'/'against' attached to the trigger or the act; "targeting X"; what lives
        "under sanctions"."""
        heads = [trigger]
        head = trigger
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
            heads.append(head)
        if reading.action is not None:
            heads.append(reading.action)
        elif trigger.head.i != trigger.i:
            heads.append(trigger.head)
        # "plans to lift the arms embargo imposed on Iran in 2007": the participle describing the sanctions names them
        heads += [c for c in trigger.children if c.dep_ in ("acl", "relcl") and c not in heads
                  and self.action_of(c) in ("imposed", "expanded", "lifted")]
        phrases = []
        if trigger.pos_ == "VERB":  # "Washington sanctioned Turkey's procurement agency", "ten officials were sanctioned"
            phrases.extend(t for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass") for t in self.noun_phrase(c))
        for head in heads:
            for child in head.children:
                if child.lower_ == "on" and self.urged(head, self.parties_in(self.noun_phrase(child), parties)):
                    continue  # "called on the EU to blacklist them": the one asked, not the one sanctioned
                if child.dep_ == "prep" and (child.lower_ in self.lexicon.target_prepositions or child.lower_ == "to" and (
                        reading.action is not None and head.i == reading.action.i and self.action_of(head) == "expanded")
                        or child.lower_ == "of" and head.i == trigger.i and trigger.lemma_.lower() in self.lexicon.shunning_triggers):
                    # "sanctions on X"; "extended its sanctions to Belarus"; "the Saudi-led boycott of Qatar"
                    phrases.extend(self.noun_phrase(child))
                elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.lexicon.aiming_verbs:
                    for grandchild in child.children:
                        if grandchild.dep_ in ("dobj", "obj", "prep"):
                            phrases.extend(self.noun_phrase(grandchild))
                elif reading.action is not None and head.i == reading.action.i and head.i != trigger.i and child.dep_ in ("dobj", "obj") and \
                        (head.lemma_.lower() in self.lexicon.object_target_verbs
                         or self.action_of(head) == "threatened"):
                    phrases.extend(self.noun_phrase(child))  # "sanctioned ten officials", "warned Japan of sanctions"
        # "warned Zimbabwe it would retaliate with counter-sanctions": the one warned
        if reading.status == "threatened" and reading.action is not None and reading.action.dep_ == "ccomp" \
                and self.action_of(reading.action.head) == "threatened":
            phrases.extend(t for c in reading.action.head.children if c.dep_ in ("dobj", "obj", "dative")
                           for t in self.noun_phrase(c))
        # "Russia, which has been under sanctions", "a Russian company under U.S. sanctions"
        if trigger.head.dep_ == "prep" and trigger.head.lower_ in self.lexicon.in_force_prepositions:
            holder = trigger.head.head
            if holder.pos_ in ("NOUN", "PROPN"):
                phrases.extend(self.noun_phrase(holder))
            else:
                owner = holder.head if holder.dep_ == "relcl" else None
                if owner is not None:
                    phrases.extend(self.noun_phrase(owner))
                phrases.extend(t for c in holder.children if c.dep_ in self.lexicon.subject_deps for t in self.noun_phrase(c))
        return self.parties_in(phrases, parties)

    def _definite(self, trigger: Token) -> bool:
        """"the sanctions", "the EU's sanctions", "the sanctions regime": particular sanctions, which exist."""
        owners = [trigger]
        while owners[-1].dep_ == "compound" and owners[-1].head.i != owners[-1].i:
            owners.append(owners[-1].head)
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in self.lexicon.transparent_heads:
            owners.append(trigger.head.head)  # "the first tranche of British sanctions"
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "its", "their"))
                   for owner in owners for c in owner.children)

    def _particular(self, trigger: Token) -> bool:
        """Particular sanctions: definite, or a named state's or the West's ("U.S. sanctions", "American sanctions",
        "western sanctions"), not just some ("an embargo", "sanctions", "an EU embargo", "draft U.N. sanctions")."""
        if any(c.dep_ == "det" and c.lower_ in self.lexicon.indefinite_determiners for c in trigger.children) or any(
                c.dep_ in ("amod", "compound") and self.action_of(c) in ("discussed", "planned", "threatened") for c in trigger.children):
            return False  # "an EU oil embargo", "draft U.N. sanctions", "possible U.S. sanctions": none in force
        return self._definite(trigger) or any(
            c.dep_ in ("compound", "amod") and (c.text[:1].isupper() and c.pos_ in ("PROPN", "ADJ")
                                                or c.lower_ in self.lexicon.collective_sanctioners) for c in trigger.children)

    def _described_at_work(self, trigger: Token) -> bool:
        """A relative clause says what the sanctions do, plainly: "an American embargo that keeps U.S. firms out"."""
        return any(c.dep_ == "relcl" and c.tag_ in ("VBZ", "VBP", "VBD") and self._modality(c) is None for c in trigger.children)

    def _indefinite(self, trigger: Token) -> bool:
        """"an embargo", "any sanctions" as an object: some sanctions, not ones said to be in force."""
        return trigger.dep_ not in self.lexicon.subject_deps and any(
            c.dep_ == "det" and c.lower_ in self.lexicon.indefinite_determiners for c in trigger.children)

    def _generic(self, trigger: Token) -> bool:
        """Sanctions in general: no article, possessor or qualifier naming whose or which sanctions ("sanctions
        regimes crumble"; not "the sanctions regime"); a verb in the past ("had sanctioned 1,000 people") is an act,
        unlike "countries that sanction their neighbours"."""
        return not (trigger.pos_ == "VERB" and trigger.tag_ in ("VBD", "VBN")) and not any(c.dep_ in ("det", "poss", "amod", "compound", "nmod", "prep", "acl", "relcl")
                       and not (c.dep_ in ("amod", "compound") and c.tag_ in ("JJ", "NN")  # "economic embargo", "arms embargo": a kind
                                and c.lower_ not in self.lexicon.in_force_modifiers | self.lexicon.collective_sanctioners)
                       for c in trigger.children) and not (
            trigger.dep_ == "compound" and trigger.head.tag_ in ("NN", "NNP") and self._definite(trigger))

    def other_states(self, places: list[Party], sanctioners: list[Party], text: str) -> list[Party]:
        """No target in the structure: the one or two states the sentence names that do not sanction."""
        sanctioning = {_code(p) for p in sanctioners}
        # A capital standing for its state ("Moscow", "the Kremlin") is a state too, unless a sanctioning one.
        rest = [p if p.country else Party(p.start, p.end, p.label, p.name, p.body) for p in places
                if (p.country and not p.body or _is_state(p.body)) and _code(p) not in sanctioning
                and not self.titles_a_person(p, text)]
        # A usual sanctioner is a target only when no other state is named and someone else sanctions:
        # "Washington would impose sanctions if Japanese chipmakers kept dumping".
        unusual = [p for p in rest if p.country not in self.lexicon.usual_sanctioners]
        rest = unusual or (rest if _codes(sanctioners) else [])
        return rest if 0 < len({p.country for p in rest}) <= 2 else []

    def never_sanctioners(self, doc: Doc, parties: list[Party], triggers: list[Token]) -> list[Party]:
        """The ones a warning or threat is addressed to ("officials warned Tokyo that sanctions would follow"),
        the ones who ask others to act ("Zelenskiy called on western governments to sanction every bank"), the
        ones who speak against the sanctions ("Tokyo criticised the sanctions") and the ones a condition waits on
        ("until Japan stops dumping chips"): never the sanctioner (nor are the blockers)."""
        trigger_indices = {t.i for t in triggers}
        # "the sanctions will remain until Japan stops dumping chips", "would lift them once Tokyo complied": who
        # the condition waits on is who the sanctions press
        # (a named subject only: "once it withdrew" may find the speaker as the pronoun's antecedent)
        pressed = [p for token in doc if token.dep_ == "advcl" and any(
                       m.dep_ in ("mark", "advmod") and m.lower_ in self.lexicon.pressing_marks and m.i < token.i for m in token.children)
                   and not any(t.i in trigger_indices for t in token.subtree)
                   for subject in self.subjects_of(token) for p in self.parties_in(self.noun_phrase(subject), parties)]
        critics = self._critics(doc, parties, trigger_indices)
        warned = [p for token in doc if self.action_of(token) == "threatened" and token.pos_ == "VERB"
                  for c in token.children if c.dep_ in ("dobj", "obj", "dative")
                  for p in self.parties_in(self.noun_phrase(c), parties)]
        asking = [p for token in doc if token.pos_ == "VERB" and token.lemma_.lower() in self.lexicon.request_verbs
                  and any(c.dep_ == "xcomp" and self._infinitive(c) for c in token.children)
                  and any(self.parties_in(self.noun_phrase(a), parties) or a.lemma_.lower() in self.lexicon.collective_addressees or any(
                      c.dep_ == "amod" and c.lower_ in self.lexicon.collective_sanctioners | {"foreign", "other"}
                      for c in a.children) for a in self.addressees(token))  # not "urged the government to"
                  for p in self.subject_parties(token, parties, active=True)]
        return warned + asking + critics + pressed

    def _critics(self, doc: Doc, parties: list[Party], trigger_indices: set[int]) -> list[Party]:
        """Who speaks against the sanctions themselves: "Tokyo criticised the sanctions", "the embargo is opposed by
        most UN members" (not "rejected calls to lift the sanctions", which keeps them)."""
        found: list[Party] = []
        for verb in doc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lexicon.disapproving_verbs:
                continue
            for phrase in verb.children:
                if not self._names_directly(phrase, trigger_indices):
                    continue
                if phrase.dep_ == "nsubjpass":  # the passive's agent speaks
                    found += [p for a in verb.children if a.dep_ == "agent" for p in self.parties_in(list(a.subtree), parties)]
                else:
                    found += self.subject_parties(verb, parties, active=True)
        return found

    def _names_directly(self, phrase: Token, trigger_indices: set[int]) -> bool:
        """The verb's object or passive subject is the sanctions' own noun phrase ("criticised the U.S. sanctions on
        Huawei"), not a call or a demand about them ("rejected calls to lift the sanctions", "rejected calls for
        sanctions")."""
        if phrase.dep_ not in ("dobj", "obj", "nsubjpass"):
            return False
        for token in phrase.subtree:
            if token.i in trigger_indices:
                step = token
                while step.i != phrase.i and (step.pos_ not in ("VERB", "AUX") or self._plan_to_impose(step, phrase)):
                    step = step.head
                    if step.lemma_.lower() in self.lexicon.request_verbs or step.lemma_.lower() in self.lexicon.urging_nouns:
                        return False
                if step.i == phrase.i:
                    return True
        return False

    def _plan_to_impose(self, verb: Token, phrase: Token) -> bool:
        """"any move to impose sanctions", "the plan to tighten them": the imposing a plan names, which whoever
        opposes the plan opposes (a call to impose is not the callers', and a move to lift is another matter)."""
        return verb.dep_ == "acl" and verb.head.i == phrase.i and self._infinitive(verb) \
            and self.action_of(verb) in ("imposed", "expanded") and phrase.lemma_.lower() not in self.lexicon.request_verbs

    def blockers(self, doc: Doc, parties: list[Party]) -> list[Party]:
        """The ones who veto or block sanctions ("Russia and China vetoed a resolution that would have imposed
        sanctions on Syria"): neither their sanctioner nor their target. (Who asks for them may be either: "Qatar
        called on Saudi Arabia to lift its boycott".)"""
        return [p for token in doc if self._blocks(token) and not self._vetoes_own_bill(token)
                for p in self.subject_parties(token, parties, active=True)]

    def _vetoes_own_bill(self, verb: Token) -> bool:
        """"Reagan vetoed the sanctions bill": a head of state stopping his own legislature's bill, whose sanctions
        would still be his state's (unlike a veto of a Security Council resolution)."""
        return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.lexicon.national_bills and not any(
            (code := self.body_of(m.text)) and not _is_state(code) for m in c.children if m.dep_ in ("compound", "amod", "poss"))
            for c in verb.children)  # (but "Hungary vetoed the EU legislation" blocks the bloc's)

    def possible_actors(self, parties: list[Party], targets: list[Party], text: str) -> list[Party]:
        """The states and bodies a sentence names that could be the sanctioner: those not targeted."""
        targeted = {_code(p) for p in targets} - {None}
        # "Congressional" is a stand-in and "the Irish taoiseach" a person of that state; "Russian" alone is
        # neither, unless another state is the target: "Swiss shipping to Iran" is what Switzerland stops
        return [p for p in parties if _code(p) and _code(p) not in targeted and not (p.town and p.body is None)
                and (p.label != "NORP" or p.body is not None or self.titles_a_person(p, text) or targeted)
                and not (p.label == "NORP" and any(text.startswith(s, p.end) for s in self.lexicon.origin_suffixes))]

    def lone_actor(self, parties: list[Party], targets: list[Party], doc: Doc) -> list[Party]:
        """No sanctioner in the structure: the one state the sentence names that is not targeted - a usual
        sanctioner if there is one ("Trump, whose strategy stressed sanctions"), else any other
        ("Erdogan of Turkey, which refused to impose sanctions on Moscow") not named as a mere location
        ("steelmakers are redirecting exports to Turkey and Egypt")."""
        actors = self.possible_actors(parties, targets, doc.text)
        for pool in ([p for p in actors if _code(p) in self.lexicon.usual_sanctioners], actors):
            codes = list(dict.fromkeys(_code(p) for p in pool))
            if 0 < len(codes) <= 2:  # "the EU and UK wish to keep a diplomatic way": both, as for targets
                chosen = [next(p for p in pool if _code(p) == code) for code in codes]
                if pool is actors and any(self._location(p, doc) for p in chosen):
                    return []  # a place where things happen: no sign of who sanctions
                return chosen
            if codes:
                return []
        return []

    def _location(self, party: Party, doc: Doc) -> bool:
        """The party is named as where something is or goes, or what it is about: "exports to Turkey, Egypt and
        the Gulf", "in Fiji", "a bill to sanction officials over Hong Kong"."""
        span = doc.char_span(party.start, party.end, alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and (token.head.lower_ in self.lexicon.locative_prepositions
                                         or token.head.lower_ in self.lexicon.issue_prepositions)

    @staticmethod
    def nearest(parties: list[Party], triggers: list[Token], doc: Doc) -> list[Party]:
        """Of several usual sanctioners a sentence names, none of which the parse makes the sanctioner, the one
        (or two) fewest arcs of the parse away from the trigger, conjuncts standing as near as the first: "Iranian
        exports to the United States, worth 300 mln dlrs, have been halted by the new embargo, and dealers in
        Hamburg and London said ..." gives the United States."""
        def ancestry(token: Token) -> list[int]:
            return [token.i] + [a.i for a in token.ancestors]

        def arcs(a: Token, b: Token) -> int:
            up_a, up_b = ancestry(a), ancestry(b)
            common = next((i for i in up_a if i in up_b), None)
            return len(doc) if common is None else up_a.index(common) + up_b.index(common)

        placed = []
        for party in parties:
            span = doc.char_span(party.start, party.end, alignment_mode="expand")
            if span is not None and len(span):
                root = span.root
                while root.dep_ == "conj" and root.head.i != root.i:
                    root = root.head  # "the US, the EU, Britain and Canada" stand equally near
                placed.append((min(arcs(root, t) for t in triggers), party))
        if not placed:
            return []
        closest = min(d for d, _ in placed)
        return [p for d, p in placed if d == closest]

    def titles_a_person(self, party: Party, text: str) -> bool:
        """A demonym opening a person's title ("the Irish taoiseach Micheál Martin", "Ukrainian President Volodymyr
        Zelenskiy") names the person's own state: the one who speaks, not the one sanctioned."""
        if party.label != "NORP":
            return False
        words = text[party.end:party.end + TITLE_SPAN_CHARS].split()
        titles = 0
        while titles < len(words) and words[titles].lower() in self.lexicon.person_titles:
            titles += 1
        return 0 < titles < len(words) and words[titles][:1].isupper()

    def stand_ins(self, doc: Doc, parties: list[Party]) -> list[Party]:
        """Names of sanctioning states and bodies the model did not tag ("the Treasury", "Downing Street")."""
        taken = [(p.start, p.end) for p in parties if p.body or p.label != "NORP"]
        found = []
        text = doc.text
        for name in self.stand_in_names:
            for start, end in _whole_words(text, name):
                if text.startswith(" of ", end):
                    continue  # "the administration of the sanctions", "Congress of Deputies"
                # A demonym the stand-in holds ("Norwegian" of "the Norwegian government") does not stop it.
                # a longer name holding one the model tagged wins: "HM Treasury" over its "Treasury"
                if not any(s < end and start < e and not (start <= s and e <= end and (s, e) != (start, end))
                           for s, e in taken) and not any(
                        p.label == "NORP" and not p.body and p.start < end and start < p.end and not (start <= p.start and p.end <= end)
                        for p in parties):
                    found.append(Party(start, end, "ORG", name, body=self.stand_in_codes[name]))
                    taken.append((start, end))
        return found

    @staticmethod
    def _disowned(doc: Doc, stand_ins: list[Party], parties: list[Party]) -> list[Party]:
        """A stand-in whose own modifiers name another state stands for nothing: "South Korea's ruling Democrats" are
        not America's, "Britain's Treasury" is not the US Treasury (the owner speaks for itself)."""
        def owned_elsewhere(party: Party) -> bool:
            span = doc.char_span(party.start, party.end, alignment_mode="expand")
            if span is None or party.label == "GPE":
                return False
            owners = [t for c in span.root.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < span.start
                      for t in c.subtree]
            return any(p.start < t.idx + len(t) and t.idx < p.end and _is_state(p.country) and p.country != party.body
                       for t in owners for p in parties)
        return [replace(p, body=None) if p.body and owned_elsewhere(p) else p for p in stand_ins]

    def home_votes(self, parties: list[Party], filed_from: list[str], body: str) -> Counter:
        """Which state the story is at home in, for a name several states' institutions bear: its office holders,
        the institutions it names ("Downing Street", "the White House"; not places, which may be targets or venues)
        and its dateline - counted only when such a name is in the story at all."""
        votes: Counter = Counter()
        if not any(name in body for name in self.lexicon.shared_stand_ins):
            return votes
        votes.update(_code(p) for p in parties if p.label == "PERSON" and _code(p))
        votes.update(self.stand_in_codes[name] for name in self.stand_in_names
                     if _bare_name(name) not in self.lexicon.shared_stand_ins and name not in self.lexicon.city_stand_ins
                     for _ in _whole_words(body, name))
        votes.update(filed_from)
        return votes

    def home_stand_in(self, party: Party, home_votes: Counter) -> Party:
        """A name several states' institutions bear ("the Treasury": HM Treasury or the US Treasury) stands for
        the one of them the story is most at home in (`home_votes`); the data's first, on a tie."""
        states = self.lexicon.shared_stand_ins.get(_bare_name(party.name))
        if not states or party.body not in states:
            return party
        home = max(states, key=lambda code: (home_votes[code], -states.index(code)))
        return party if home == party.body else replace(party, body=home)

    @staticmethod
    def known_people(parties: list[Party]) -> dict[str, Party]:
        """Persons the article has tied to a state, by full name and by surname: a later bare "Biden" the
        model did not tag is the same person."""
        by_name: dict[str, set] = {}
        first: dict[str, Party] = {}
        for p in parties:
            if p.label != "PERSON" or not p.country:
                continue
            words = p.name.split()
            for key in {p.name, words[-1]} if words else ():
                if len(key) > 2 and key[:1].isupper():
                    by_name.setdefault(key, set()).add(p.country)
                    first.setdefault(key, p)
        return {key: first[key] for key, countries in by_name.items() if len(countries) == 1}

    @staticmethod
    def named_again(doc: Doc, parties: list[Party], known: dict[str, Party]) -> list[Party]:
        """Mentions of the article's known persons in the sentence that no party covers."""
        found = []
        for token in doc:
            person = known.get(token.text)
            if person is None or token.pos_ != "PROPN":
                continue
            start, end = token.idx, token.idx + len(token)
            if any(p.start < end and start < p.end for p in (*parties, *found)):
                continue
            found.append(Party(start, end, "PERSON", person.name, person.country, person.body))
        return found

    # --- sentences --------------------------------------------------------------------------

    def find(self, parsed_sentences: list[tuple[Span, Doc]], parties: list[Party], filed_from: list[str] = (),
             body: str = "") -> list[dict]:
        """One record per sentence that speaks of sanctions, in the order of the text.

        `parsed_sentences` pairs each candidate sentence of the article with its own parsed Doc;
        parties are located in the article, so their offsets are moved into the sentence Doc; `filed_from` (the
        countries of the dateline, which is no party) and the article's `body` say whose "Treasury" a story means.
        """
        records = []
        undecided: dict[int, list[Party]] = {}  # record index -> the states it names, none of which the parse chose
        untargeted: dict[int, list[Party]] = {}  # record index -> the states it names besides its sanctioners
        nearest: dict[int, list[Party]] = {}  # record index -> of its usual sanctioners, the nearest the trigger
        known_people = self.known_people(parties)
        home_votes = self.home_votes(parties, filed_from, body) if parsed_sentences else Counter()
        for article_sentence, doc in parsed_sentences:
            offset = article_sentence.start_char
            _verbs_after_markers(doc)
            self._nouns_in_nominal_roles(doc)
            triggers: list[tuple[str, Token]] = []
            for match_id, start, end in self.matcher(doc):
                name = doc.vocab.strings[match_id]
                if self.excluded(name, doc[start:end]):
                    continue
                # The word that carries the phrase: "sanctions", "freeze" of "asset freeze", "ban" of "travel ban".
                triggers.append((name, doc[start:end].root))
            if not triggers:
                continue
            in_sentence = [
                Party(p.start - offset, p.end - offset, p.label, p.name, p.country, p.body, p.town)
                for p in parties if offset <= p.start < article_sentence.end_char
            ]
            in_sentence += self.named_again(doc, in_sentence, known_people)
            found_stand_ins = self.stand_ins(doc, in_sentence)
            in_sentence = self._disowned(doc, [self.home_stand_in(p, home_votes) for p in in_sentence], in_sentence)
            found_stand_ins = self._disowned(doc, [self.home_stand_in(p, home_votes) for p in found_stand_ins], in_sentence)
            # "the Norwegian government" stands for the state; the demonym inside it alone would not.
            in_sentence = [p for p in in_sentence if not any(
                s.start <= p.start and p.end <= s.end and (s.start, s.end) != (p.start, p.end) for s in found_stand_ins)]
            in_sentence += found_stand_ins
            places_here = [p for p in in_sentence if p.country or p.body]
            triggers = [(name, head) for name, head in triggers if self.has_needed_party(name, head, in_sentence, places_here)]
            if not triggers:
                continue
            # (a cue that acts on the sanctions is no cue: "its suspension of diplomatic sanctions against Cuba")
            acting = {t.i for _, head in triggers for t in self.path_up(head) if self.action_of(t)}
            lemmas = {t.lemma_.lower() for t in doc if t.i not in acting}
            if lemmas & self.lexicon.strong_off_topic_cues or (not places_here and lemmas & self.lexicon.off_topic_cues):
                continue  # a regulator's, a court's or a league's sanctions: not the geopolitical kind
            triggers.sort(key=lambda pair: pair[1].i)
            readings = [(name, head, self.read(head)) for name, head in triggers]
            blockers = self.blockers(doc, in_sentence)
            target_candidates = [p for p in places_here if p not in blockers]
            sanctioners: list[Party] = []
            targets: list[Party] = []
            for _name, head, reading in readings:
                by, on = self.modifiers(head, in_sentence)
                agents, agent_targets = self.agents(head, reading, in_sentence)
                found_on = self.targets(head, reading, in_sentence) + on + agent_targets
                found_by = by + [p for p in agents if p not in found_on]
                sanctioners += [p for p in found_by if p not in sanctioners]
                targets += [p for p in found_on if p not in targets and _code(p) not in {_code(s) for s in sanctioners}]
            if not _codes(targets, bodies=False):
                targets = self.other_states(target_candidates, sanctioners, doc.text) or targets
            collective = any(c.dep_ == "amod" and c.lower_ in self.lexicon.collective_sanctioners
                             for _, head, _ in readings for c in head.children)
            if not any(_code(p) for p in sanctioners) and not collective:
                # "Representative Smith called for sanctions": a person of no known state; but "western
                # sanctions" are the West's, not those of whichever state the sentence names
                never = self.never_sanctioners(doc, in_sentence, [head for _, head, _ in readings]) + blockers
                candidates = [p for p in in_sentence if p not in never]
                sanctioners = self.lone_actor(candidates, targets, doc) or sanctioners
                if not sanctioners:
                    possible = undecided[len(records)] = self.possible_actors(candidates, targets, doc.text)
                    usual = [p for p in possible if _code(p) in self.lexicon.usual_sanctioners]
                    nearest[len(records)] = self.nearest(usual, [head for _, head, _ in readings], doc)
                if not _codes(targets, bodies=False):
                    targets = self.other_states(target_candidates, sanctioners, doc.text) or targets
            if not _codes(targets, bodies=False):
                untargeted[len(records)] = [p for p in target_candidates if _is_state(_code(p))
                                            and _code(p) not in _codes(sanctioners)]
            # The trigger whose words say most decides: an explicit act over sanctions merely named.
            # (a verb trigger is its own act: "sanctioned 17 officials, but stopped short of broader sanctions")
            status = next((r.status for _, head, r in readings if r.action is not None or head.pos_ == "VERB"
                           and head.lemma_.lower() in self.lexicon.object_target_verbs), readings[0][2].status)
            if status == "imposed" and not sanctioners and not targets and all(
                    r.action is None and self._generic(head) for _, head, r in readings):
                status = "discussed"  # "sanctions regimes crumble over time": sanctions in general, nobody's
            if status == "imposed" and all(r.action is None and self._indefinite(head) and not self._described_at_work(head)
                                           for _, head, r in readings):
                status = "discussed"  # "to protect the economy from an embargo": some embargo, none in force
            names = list(dict.fromkeys(name for name, _ in triggers))
            records.append(
                {
                    "sentence": article_sentence.text,
                    "start": article_sentence.start_char,
                    "end": article_sentence.end_char,
                    "triggers": names,
                    "status": status,
                    "sanctioners": _codes(sanctioners),
                    "sanctioner_entities": _entity_names(sanctioners),
                    "targets": _codes(targets, bodies=False),
                    "target_entities": _entity_names(targets),
                    "confidence": self.confidence(names, status, sanctioners, targets),
                }
            )
        self.choose_by_article(records, undecided, "sanctioners")
        for index, actors in nearest.items():
            if not records[index]["sanctioners"] and 0 < len(_codes(actors)) <= 2:
                self._assign(records[index], "sanctioners", actors)
        self.choose_by_article(records, untargeted, "targets")
        return records

    def choose_by_article(self, records: list[dict], undecided: dict[int, list[Party]], role: str) -> None:
        """A sentence naming several states, none of which its parse makes the sanctioner (`role` "sanctioners")
        or the target ("targets"), names the one or two the article's other sentences give that role: in a story
        of US sanctions on Iran, "Britain, France and the United States differ over the sanctions on Iran" speaks
        of the US's, and "Cuban officials blame the US embargo for shortages" of the one on Cuba."""
        in_article = {code for record in records for code in record[role]}
        for index, named in undecided.items():
            record = records[index]
            others = set(record["targets"] if role == "sanctioners" else record["sanctioners"])
            chosen = [p for p in named if _code(p) in in_article and _code(p) not in others]
            if 0 < len(_codes(chosen)) <= 2:  # _codes holds each code once
                self._assign(record, role, chosen)

    def _assign(self, record: dict, role: str, chosen: list[Party]) -> None:
        """Give a record its sanctioners or targets (`role`) chosen after the parse, and its confidence anew."""
        record[role] = _codes(chosen, bodies=role == "sanctioners")
        record[ENTITY_FIELDS[role]] = _entity_names(chosen)
        record["confidence"] = self.confidence(record["triggers"], record["status"], record["sanctioners"], record["targets"])

    def _nouns_in_nominal_roles(self, doc: Doc) -> None:
        """A trigger word tagged as a verb that the parser hangs on a noun, with no subject or object of its own,
        is a noun the tagger missed: "called the new U.S. Caesar Act sanctions collective punishment" (VBZ, nmod)."""
        for token in doc:
            if token.pos_ == "VERB" and token.lower_ in self.lexicon.candidate_words and token.dep_ in ("nmod", "compound") \
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "aux", "auxpass") for c in token.children):
                token.pos_, token.tag_ = "NOUN", "NNS" if token.lower_.endswith("s") else "NN"

    def has_needed_party(self, name: str, trigger: Token, parties: list[Party], places_here: list[Party]) -> bool:
        """'sanctioned' punishes someone ("sanctioned 10 officials", "sanctioned Russian banks"), unlike
        "sanctioned the repurchase"; a blacklist or a boycott is a state's when a state or body is named."""
        need = self.lexicon.triggers_needing_a_party.get(name)
        if need is None:
            return True
        sentence = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
        if need == "state":
            if name == "boycott" and any(t.lemma_.lower() in self.lexicon.boycott_off_topic for t in sentence):
                return False
            return any(_code(p) in self.lexicon.usual_sanctioners or p.body for p in places_here) or \
                any(p.country for p in places_here if p.label != "PERSON") and name == "boycott"
        party_only = need == "party"  # "embargoed": a government embargoes its figures or a speech too
        if party_only and trigger.pos_ == "VERB" and self.parties_in(
                [t for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("to", "against", "on", "from") for t in c.subtree],
                places_here):
            return True  # "the United States embargoed grain sales to the Soviet Union"
        # "sanctioned" as a verb: its object (or its passive subject); as an adjective: the noun it qualifies.
        phrases = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        # "to sanction the officials responsible for the fraud", parsed as a small clause: its subject is the object
        phrases += [g for c in trigger.children if c.dep_ == "ccomp" and c.pos_ == "ADJ" for g in c.children if g.dep_ == "nsubj"]
        if not phrases and any(c.dep_ == "auxpass" for c in trigger.children):
            # "ten officials were sanctioned", "Turkish banks risked being sanctioned"
            phrases = self.subjects_of(trigger) or ([c for c in trigger.head.children if c.dep_ in self.lexicon.subject_deps]
                                                    if trigger.dep_ == "xcomp" else [])
        if trigger.dep_ in ("amod", "acl") or trigger.pos_ == "ADJ":
            phrases.append(trigger.head)
        if trigger.dep_ == "relcl" or (trigger.dep_ == "acl" and trigger.tag_ == "VBN"):
            phrases.append(trigger.head)
        if trigger.pos_ == "NOUN":  # "the sanctioning of oligarchs", "Abramovich's sanctioning"
            phrases += [c for c in trigger.children if c.dep_ == "poss"] + [
                g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        agents = [t for c in trigger.children if c.dep_ == "agent" for t in c.subtree]
        if any(_code(p) in self.lexicon.usual_sanctioners or p.body for p in self.parties_in(agents, places_here)):
            return True  # "who was sanctioned by the UK government", "remains sanctioned by the UK and the EU": a state's act
        tokens = [t for phrase in phrases for t in (
            [phrase, *(c for c in phrase.children if c.dep_ in ("amod", "compound", "nmod", "poss")),
             *(t for c in phrase.children if c.dep_ == "prep" and c.lower_ in ("to", "from", "against", "on") for t in c.subtree)]
            if party_only else self.noun_phrase(phrase))]
        # ("embargoed Cuban goods", "embargoed grain sales to the Soviet Union", not "embargoed copies of the Treasury's
        # forecasts")
        return bool(self.parties_in(tokens, parties)) or not party_only and any(
            t.lower_ in self.lexicon.sanctionable_nouns and t.dep_ != "det" for t in tokens)  # "those responsible", not "those changes"

    def excluded(self, name: str, span: Span) -> bool:
        following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        preceding = {t.lower_ for t in span.doc[max(0, span.start - 2):span.start]}
        for rule in self.lexicon.exclusions:
            if rule["trigger"] == name and following in rule["next"] and span.text.lower() == rule.get("text", span.text.lower()) \
                    and not preceding & set(rule.get("unless_after", ())):
                return True
        return False

    def confidence(self, triggers: list[str], status: str, sanctioners: list, targets: list) -> float:
        score = max(self.lexicon.trigger_confidence[name] for name in triggers)
        score += 0.15 if status != "discussed" else 0.0
        score += 0.1 if sanctioners else 0.0
        score += 0.1 if targets else 0.0
        return round(min(score, 0.99), 2)


def _trimmed(sent: Span) -> Span:
    """The sentence without the white space around it, which would only confuse the parser."""
    start, end = sent.start, sent.end
    while start < end - 1 and sent.doc[start].is_space:
        start += 1
    while end - 1 > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end]


def _verbs_after_markers(doc: Doc) -> None:
    """A noun the parser gives an infinitive marker or a modal is a verb the tagger missed: "Treasury's decision to
    sanction Turkey's ministers", "Beijing would sanction Senators Rubio and Cruz" (tagged NN)."""
    for token in doc:
        if token.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ in ("TO", "MD") and c.i == token.i - 1 for c in token.children):
            token.pos_, token.tag_ = "VERB", "VB"


def _whole_words(text: str, name: str):
    """(start, end) of each occurrence of the name in the text as whole words."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start, end
        start = text.find(name, end)


def _bare_name(name: str) -> str:
    """"the Treasury", "The Treasury": "Treasury"."""
    return name[4:] if name[:4].lower() == "the " else name


def _is_state(code: str | None) -> bool:
    """An ISO alpha-2 code, not a body's ("EU", "NATO", "G7")."""
    return bool(code) and len(code) == 2 and code.isalpha() and code.isupper() and code not in ("EU", "UN", "AU")


def _code(party: Party) -> str | None:
    return party.body or party.country


def _codes(parties: list[Party], bodies: bool = True) -> list[str]:
    codes = []
    for p in parties:
        # a state's stand-in ("American lawmakers", "Pretoria") can be a target; a body ("the EU") cannot
        code = (p.body if bodies or _is_state(p.body) else None) or p.country
        if code and code not in codes:
            codes.append(code)
    return codes


def _entity_names(parties: list[Party]) -> list[str]:
    return list(dict.fromkeys(p.name for p in parties if p.label in ("PERSON", "ORG")))
