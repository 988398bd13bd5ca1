"""Framing lexicons: frames, their cues, and the YAML file they are written in.

A :class:`Lexicon` maps frame names to cues. A cue is a lemma (``endişe``) or a sequence of
words (``endişe duy-``, ``iş birliği``) matched on the token table's lemmas by
:mod:`toolkit.matching`. The default lexicon is ``toolkit/resources/frames_tr.yaml``; its header
documents the format, ``docs/framing.md`` the rules.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit import __version__
from toolkit.cache import FILENAME as CACHE_FILENAME
from toolkit.cache import default_cache_dir, open_cache
from toolkit.errors import LexiconError, UnknownFrameError
from toolkit.lemma_features import dictionary_form
from toolkit.lemmas import lemmatize
from toolkit.morphology import (NOUN_LIKE_VERBAL_NOUNS, Morphology, default_morphology, derivation_chain,
                                readings_namespace, verb_stem_chain)
from toolkit.text import strip_circumflex, turkish_lower

DEFAULT_GAP = 2
DEFAULT_SENSE_WINDOW = 8
PUBLIC_ACTORS = "public_actors"
# A frame's keys of the context rule (Frame.context): which actors, how near, which cues are exempt.
CONTEXT_KEYS = frozenset({"context", "context_except", "context_window", "context_exempt", "context_exempt_plural",
                          "vouches"})


def lemma_key(lemma: str) -> str:
    """How lemmas are compared: Turkish lower case, circumflexes dropped (``İnkâr`` → ``inkar``)."""
    return strip_circumflex(turkish_lower(lemma))


def close_matches(name: str, choices: Iterable[str]) -> str:
    """A short hint naming the choices closest to a misspelt ``name`` (empty when none is close)."""
    near = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(n) for n in near)}?)" if near else ""


# Where a cue's sense words are looked for (Cue.side).
SIDES = ("both", "after", "before")


@dataclass
class Cue:
    """One cue of a frame.

    ``text`` is the cue as written in the lexicon. ``words`` holds, for each word, a mapping
    lemma key → allowed derivation chains: ``None`` when the word was written as a lemma (then
    ``derivations`` decides), or the exact chains of the written word when it is itself a
    derived form (``işsizlik`` → lemma ``iş`` with chain ``("Without", "Ness")``).
    ``derivations`` is True (derived words count), False (only inflected forms) or a tuple of
    allowed derivation chains (see :func:`toolkit.morphology.derivation_chain`).

    Senses: ``with_`` (lemma keys) — the cue counts only when one of them is within ``window``
    words in the same sentence; ``not_with`` — it does not count when one of them is. A derived
    sense word also stands for its root with the same derivation (``with_derived``,
    ``not_with_derived``: lemma key and derivation chain; ``with_stems``, ``not_with_stems``: the
    word's spelling, also with its final consonant softened, that a word zeyrek cannot analyse
    begins with), so *yolsuzluk* is found in *yolsuzlukla* whichever lemma the model chose for it
    (*yol*, *yolsuz*). ``side``:
    where those words are looked for, ``"both"`` (default), ``"after"`` or ``"before"`` the cue
    (*ekonomiden sorumlu bakan*: a title after *sorumlu* makes it a job title). ``not_before``
    (``not_before_derived``, ``not_before_stems`` as above): it does not count when one of them is
    within ``window`` words before it, whatever ``side`` says (*yönetiminden sorumlu*: a task
    before *sorumlu* makes it a duty, while a title after it makes it a job title).
    ``not_in`` (lemma keys of the lexicon's ``domains`` the cue names): it does not count in a
    sentence that holds one of them anywhere (*mücadele* in a sentence with *lig* or *gol*).
    ``uninflected``: the cue's words before its last stand in the text as written, without a
    suffix (*karşı çık-* "oppose" is *karşı çıktı*, not *karşımıza çıktı* "came before us").
    ``sIz_negates``: the -sIz derivation (*endişesiz* "unworried") counts, as a negated hit.
    ``is_name``: the cue is itself a name (written with a capital, *Güvenlik Konseyi*), so a
    hit inside a proper name is counted.
    """

    text: str
    words: tuple[dict[str, frozenset[tuple[str, ...]] | None], ...]
    derivations: bool | tuple[tuple[str, ...], ...] = False
    with_: frozenset[str] = field(default_factory=frozenset)
    not_with: frozenset[str] = field(default_factory=frozenset)
    window: int = DEFAULT_SENSE_WINDOW
    with_derived: frozenset[tuple[str, tuple[str, ...]]] = field(default_factory=frozenset)
    not_with_derived: frozenset[tuple[str, tuple[str, ...]]] = field(default_factory=frozenset)
    with_stems: tuple[str, ...] = ()
    not_with_stems: tuple[str, ...] = ()
    not_before: frozenset[str] = field(default_factory=frozenset)
    not_before_derived: frozenset[tuple[str, tuple[str, ...]]] = field(default_factory=frozenset)
    not_before_stems: tuple[str, ...] = ()
    sIz_negates: bool = False
    side: str = "both"
    not_in: frozenset[str] = field(default_factory=frozenset)
    uninflected: bool = False
    domains: tuple[str, ...] = ()  # the names of the domains ``not_in`` came from, for display

    @property
    def is_name(self) -> bool:
        return any(w[:1].isupper() for w in self.text.split())

    def accepts(self, word: int, key: str, chains: tuple[frozenset, frozenset]) -> bool:
        """Whether a token with lemma ``key`` matches word ``word`` of the cue. ``chains`` are the
        token's possible derivation chains without and with verbal nouns."""
        spec = self.words[word].get(key, frozenset())
        chains, with_verbal_nouns = chains
        if spec is not None:
            return bool(spec & with_verbal_nouns)
        if () in chains or self.derivations is True:
            return True
        if self.sIz_negates and any(ch and ch[0] == "Without" for ch in chains):
            return True
        return bool(self.derivations) and bool(chains.intersection(self.derivations))


@dataclass(frozen=True)
class Frame:
    """A frame: its name, human ``label``, ``kind`` (generic/issue), ``definition``, ``source`` and cues.

    Context rule: with ``context`` (lemma keys), a hit counts only when one of those lemmas
    stands in its sentence, within ``context_window`` words of the cue (``None``: anywhere in
    the sentence), or, with ``context_names``, a country, capital or organisation of the
    shipped gazetteer does; cues in ``context_exempt`` (their text as written) count alone, and
    cues in ``context_exempt_plural`` count alone where their last word is plural (*baskılar*
    "pressures": a print run or an edition is seldom plural). A hit of a cue in ``vouches`` (any
    frame's, with or without a rule: conflict's *savaş*) vouches for the context-rule cues of its
    sentence, as an exempt cue's hit does.
    ``context=None``: no rule (see :func:`toolkit.matching.lacks_context`).
    """

    name: str
    label: str
    kind: str
    definition: str
    source: str
    cues: tuple[Cue, ...]
    context: frozenset[str] | None = None
    context_names: bool = False
    context_window: int | None = None
    context_exempt: frozenset[str] = frozenset()
    context_exempt_plural: frozenset[str] = frozenset()
    vouches: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def public_actor_words() -> frozenset[str]:
    """The lemma keys of ``toolkit/resources/public_actors_tr.txt`` (its header says what they are)."""
    text = resources.files("toolkit").joinpath("resources/public_actors_tr.txt").read_text(encoding="utf-8")
    return frozenset(lemma_key(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _written(word: str) -> str:
    return dictionary_form(word[:-1]) if word.endswith("-") else word


# The derivation chain of a plain -mA or -(y)Iş verbal noun of a verb (büyüme = büyü- + -mA).
_VERBAL_NOUN_CHAINS = frozenset((suffix,) for suffix in NOUN_LIKE_VERBAL_NOUNS)


# a possessive or a case: a word that has one in every reading is an inflected form
_INFLECTION = frozenset({"P1sg", "P2sg", "P3sg", "P1pl", "P2pl", "P3pl", "Acc", "Dat", "Loc", "Abl", "Gen", "Ins"})


def sense_word_forms(word: str, morphology: Morphology) -> frozenset[tuple[str, tuple[str, ...]]]:
    """The (root lemma key, derivation chain) pairs a sense word of ``with``/``not_with`` stands
    for besides its own lemma: its nominal derived readings (*yolsuzluk* → ``("yol", ("Without",
    "Ness"))``, *kovuşturma* → ``("kovuşturmak", ("Inf2",))``); for a derived verb zeyrek has no
    lemma of (*gerektir-*), its root with ``"Verb"`` and the stem's chain (``("gerekmek", ("Verb",
    "Caus"))``, see :func:`toolkit.morphology.verb_stem_chain`); none for a plain verb or word.

    A word that zeyrek reads only as a case or possessive form of another lemma (*dışı*, *adına*)
    is a mistake of the lexicon, as it would never be matched: ValueError names the lemma to write.
    """
    written = _written(word)
    key = lemma_key(written)
    # a proper noun zeyrek also reads into it (rüşdiye: Rüşdi) says nothing of the word
    readings = [r for r in morphology.analyze(turkish_lower(written)) if not r.lemma[:1].isupper()]
    if word.endswith("-"):
        # a derived verb zeyrek has no lemma of its own for (gerektir- "require" is gerek- +
        # causative): its root and stem chain, which it shares with its forms (gerektiren)
        if any(lemma_key(r.lemma) == key for r in readings):
            return frozenset()
        return frozenset((lemma_key(r.lemma), ("Verb", *chain)) for r in readings if (chain := verb_stem_chain(r)))
    derived = frozenset((lemma_key(r.lemma), chain) for r in readings
                        if r.pos != "Verb" and (chain := derivation_chain(r, verbal_nouns=True))
                        and lemma_key(r.lemma) != key)
    if derived:
        return derived
    if readings and all(lemma_key(r.lemma) != key and not _INFLECTION.isdisjoint(r.morphemes) for r in readings):
        lemmas = ", ".join(sorted({r.lemma for r in readings}))
        raise ValueError(f"{word!r} in with/not_with/not_before is an inflected form of {lemmas}; write the lemma instead.")
    return derived


_SOFTENED = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}


def sense_word_stems(word: str) -> tuple[str, ...]:
    """How a derived sense word (see :func:`sense_word_forms`) begins in text: as written and
    with its final consonant softened (*ayrımcılık* → *ayrımcılığa*); a verb as its stem
    (*gerektir-* → *gerektir*)."""
    stem = strip_circumflex(turkish_lower(word.removesuffix("-")))
    return (stem, stem[:-1] + _SOFTENED[stem[-1]]) if stem[-1] in _SOFTENED else (stem,)


def _derived_senses(words: Sequence[str], morphology: Morphology) -> tuple[frozenset, tuple[str, ...]]:
    """The derived forms (:func:`sense_word_forms`) of sense words and the spellings
    (:func:`sense_word_stems`) of those that have any; each word is analysed once."""
    forms: set[tuple[str, tuple[str, ...]]] = set()
    stems: list[str] = []
    for word in words:
        found = sense_word_forms(word, morphology)
        forms |= found
        if found:
            stems.extend(sense_word_stems(word))
    return frozenset(forms), tuple(stems)


def compile_cue(text: str, derivations: bool | Sequence[str] = False, *, morphology: Morphology | None = None,
                with_: Iterable[str] = (), not_with: Iterable[str] = (), window: int = DEFAULT_SENSE_WINDOW,
                sIz_negates: bool = False, side: str = "both", not_in: Iterable[str] = (),
                uninflected: bool = False, not_before: Iterable[str] = ()) -> Cue:
    """A :class:`Cue` from its written form.

    A word ending in ``-`` is a verb stem (``duy-`` → ``duymak``) and matches the verb only
    (``görüş-`` never matches the noun *görüş* "opinion"). A word that is a dictionary
    lemma matches that lemma in any inflection. Every word is also lemmatised in the context
    of the cue, and matches tokens with that lemma and the same derivation, so ``dile getir-``
    matches whatever lemma the toolkit gives *dile* in running text and ``işsizlik`` matches
    işsizliğin but not iş. ``derivations`` may list derived words (``["endişeli", "endişelen-"]``):
    their derivation chains become the allowed ones (``endişelen-`` allows -lAn-, so
    *endişelenmiyoruz* and *endişelendirdi* count). ``with_``/``not_with``/``not_before`` are
    lemmas (verbs as stems with ``-``) for senses, see :class:`Cue`; ``not_in`` lemmas (a domain's words)
    rule the cue out of a whole sentence; ``uninflected``: the words before the last must stand
    as written.
    """
    morphology = morphology or default_morphology()
    raw = text.split()
    if not raw:
        raise ValueError("A cue is empty; write a lemma or a few words.")
    if side not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)}, not {side!r}.")
    with_, not_with, not_before = list(with_), list(not_with), list(not_before)
    if any(len(w.split()) != 1 for w in (*with_, *not_with, *not_before)):
        raise ValueError("with, not_with and not_before take single words (lemmas such as iddia or tırman-), "
                         "not phrases.")
    written = [_written(w) for w in raw]
    lemmas = lemmatize(written, morphology, dictionary_forms=True)
    words = []
    for raw_w, w, lem in zip(raw, written, lemmas):
        readings = morphology.analyze(turkish_lower(w))
        spec: dict[str, frozenset[tuple[str, ...]] | None] = {}
        # the word as written is a lemma (also where zeyrek lacks it: analyze gives the plural
        # çatışmalar the lemma çatışma)
        if not raw_w.endswith("-") or not readings or any(lemma_key(r.lemma) == lemma_key(w) for r in readings):
            spec[lemma_key(w)] = None
        # A verb (görüş-) is the verb only: not the noun its bare stem also spells (görüş "opinion").
        verb_only = raw_w.endswith("-") and lemma_key(w) in spec
        if lemma_key(lem) not in spec and not verb_only:
            chains = frozenset(derivation_chain(r, verbal_nouns=True) for r in readings
                               if lemma_key(r.lemma) == lemma_key(lem))
            # A derived word (anlaşmazlık) keeps its derivation even if a plain reading exists.
            spec[lemma_key(lem)] = frozenset(c for c in chains if c) or frozenset({()})
        if not raw_w.endswith("-") and not any("Verb" not in r.morphemes and lemma_key(r.lemma) == lemma_key(w)
                                               for r in readings):
            # A verbal noun zeyrek lists under its verb only (büyüme, tartışma, uzlaşma) is that
            # verb's -mA/-(y)Iş form, whatever lemma choice shows for it (büyümeye → büyü).
            for r in readings:
                if "Verb" in r.morphemes and derivation_chain(r, verbal_nouns=True) in _VERBAL_NOUN_CHAINS:
                    key = lemma_key(r.lemma)
                    if spec.get(key, frozenset()) is not None:
                        spec[key] = spec.get(key, frozenset()) | {derivation_chain(r, verbal_nouns=True)}
        if not verb_only:
            # zeyrek's own derivational readings of the word (insanlık = insan + -lIk), so it matches
            # wherever lemma choice gives the root instead (insanlık dramı → lemma insan)
            for r in readings:
                chain = derivation_chain(r)
                key = lemma_key(r.lemma)
                if chain and "Verb" not in r.morphemes and key != lemma_key(w) \
                        and spec.get(key, frozenset()) is not None:
                    spec[key] = spec.get(key, frozenset()) | {derivation_chain(r, verbal_nouns=True)}
        words.append(spec)
    if isinstance(derivations, bool):
        allowed: bool | tuple[tuple[str, ...], ...] = derivations
    else:
        chains_found = set()
        for word in derivations:
            found = {derivation_chain(r) for r in morphology.analyze(turkish_lower(_written(word)))
                     if lemma_key(r.lemma) in words[0]}
            found.discard(())
            if not found:
                raise ValueError(f"{word!r} is not a word derived from {raw[0]!r}; list derived words "
                                 "such as endişeli or endişelen-.")
            chains_found |= found
        allowed = tuple(sorted(chains_found))
    with_derived, with_stems = _derived_senses(with_, morphology)
    not_with_derived, not_with_stems = _derived_senses(not_with, morphology)
    not_before_derived, not_before_stems = _derived_senses(not_before, morphology)
    return Cue(text, tuple(words), allowed,
               with_=frozenset(lemma_key(_written(w)) for w in with_),
               not_with=frozenset(lemma_key(_written(w)) for w in not_with),
               with_derived=with_derived, not_with_derived=not_with_derived,
               with_stems=with_stems, not_with_stems=not_with_stems,
               not_before=frozenset(lemma_key(_written(w)) for w in not_before),
               not_before_derived=not_before_derived, not_before_stems=not_before_stems,
               window=window, sIz_negates=sIz_negates, side=side,
               not_in=frozenset(lemma_key(_written(w)) for w in not_in), uninflected=uninflected)


_READ_ONLY = ("A lexicon cannot be changed in place (analyses keep the hits of the lexicon they were "
              "given, and Lexicon.default() is shared); build a new one with lexicon.extend(other), "
              "lexicon.select(names) or Lexicon.from_dict(...).")


class _Frames(Mapping):
    """A lexicon's frames by name, read-only (see :data:`_READ_ONLY`)."""

    def __init__(self, frames: dict[str, Frame]) -> None:
        self._frames = frames

    def __getitem__(self, name: str) -> Frame:
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __repr__(self) -> str:
        return repr(self._frames)

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError(_READ_ONLY)

    __setitem__ = __delitem__ = pop = popitem = clear = update = setdefault = _read_only


class Lexicon:
    """Frames and their cues. Build with :meth:`default`, :meth:`from_yaml` or :meth:`from_dict`.
    A lexicon does not change once built (its ``frames`` are read-only): :meth:`extend` and
    :meth:`select` make new ones.

    >>> lex = Lexicon.default()
    >>> lex.names[:3]
    ['conflict', 'human_interest', 'economic_consequences']
    """

    frames: Mapping[str, Frame]
    origin: str
    light_verbs: frozenset[str]

    def __init__(self, frames: Iterable[Frame], origin: str = "<lexicon>",
                 light_verbs: Iterable[str] = ()) -> None:
        object.__setattr__(self, "frames", _Frames({f.name: f for f in frames}))
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "light_verbs", frozenset(lemma_key(v) for v in light_verbs))

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError(_READ_ONLY)

    __delattr__ = __setattr__

    def __reduce__(self) -> tuple:
        # light verbs are kept as lemma keys, which lemma_key leaves as they are
        return (Lexicon, (tuple(self.frames.values()), self.origin, tuple(sorted(self.light_verbs))))

    def __repr__(self) -> str:
        return f"Lexicon({len(self.frames)} frames from {self.origin})"

    def __contains__(self, name: object) -> bool:
        return name in self.frames

    def __getitem__(self, name: str) -> Frame:
        try:
            return self.frames[name]
        except KeyError:
            raise UnknownFrameError(
                f"{self.origin}: no frame {name!r}{close_matches(name, self.frames)}; "
                f"use one of {', '.join(self.frames)}.") from None

    @property
    def names(self) -> list[str]:
        return list(self.frames)

    @property
    def labels(self) -> dict[str, str]:
        """Frame name → human label, for figures."""
        return {f.name: f.label for f in self.frames.values()}

    @classmethod
    def default(cls) -> "Lexicon":
        """The shipped lexicon (``toolkit/resources/frames_tr.yaml``)."""
        return default_lexicon()

    @classmethod
    def from_yaml(cls, path: str | Path) -> "Lexicon":
        """Read a lexicon file (format: the header of ``frames_tr.yaml``). Errors name the line."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise LexiconError(f"{path}: no such lexicon file; check the path.") from None
        except UnicodeDecodeError:
            raise LexiconError(f"{path}: not UTF-8 text; save the lexicon as UTF-8.") from None
        return cls._from_text(text, str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "<dict>") -> "Lexicon":
        """A lexicon from the same structure as the YAML file (``{"frames": {...}}``)."""
        return cls._from_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False), origin)

    @classmethod
    def _from_text(cls, text: str, origin: str) -> "Lexicon":
        try:
            yaml.safe_load(text)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            where = f"{origin}:{mark.line + 1}" if mark else origin
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise LexiconError(f"{where}: not valid YAML ({problem}); fix the indentation or quoting there.") from None
        with _readings_kept(text):
            frames = _frames_from_nodes(root, origin)
        return cls(frames, origin, _light_verbs(root, origin))

    def extend(self, other: "Lexicon") -> "Lexicon":
        """A new lexicon: this one's frames plus ``other``'s (frames of the same name are replaced)."""
        return Lexicon([*(f for n, f in self.frames.items() if n not in other.frames), *other.frames.values()],
                       f"{self.origin} + {other.origin}", self.light_verbs | other.light_verbs)

    def select(self, names: Iterable[str]) -> "Lexicon":
        """A new lexicon with only the named frames, in the order given."""
        return Lexicon([self[n] for n in names], self.origin, self.light_verbs)

    def to_frame(self) -> pd.DataFrame:
        """One row per cue: ``frame, label, kind, cue, lemmas, derivations, with, not_with, not_in,
        context`` (readable; ``not_in`` the domains that rule the cue out of a sentence; ``context`` is
        ``required`` under the frame's context rule, ``exempt`` for a cue of its ``context_exempt``,
        ``exempt in the plural`` for one of its ``context_exempt_plural``, ``vouches`` for one of its
        ``vouches``, empty without a rule)."""
        rows = [
            {"frame": f.name, "label": f.label, "kind": f.kind, "cue": c.text,
             "lemmas": " + ".join("/".join(k if v is None else f"{k}[{'|'.join('+'.join(ch) or '-' for ch in sorted(v))}]"
                                           for k, v in w.items()) for w in c.words),
             "derivations": c.derivations if isinstance(c.derivations, bool) else
             ", ".join("+".join(ch) for ch in c.derivations),
             "with": ", ".join(sorted(c.with_)),
             "not_with": "; ".join(filter(None, (", ".join(sorted(c.not_with)),
                                                 c.not_before and "before: " + ", ".join(sorted(c.not_before))))),
             "not_in": ", ".join(c.domains) or ", ".join(sorted(c.not_in)),
             "context": "vouches" if c.text in f.vouches else "" if f.context is None else "exempt"
             if c.text in f.context_exempt else "exempt in the plural" if c.text in f.context_exempt_plural
             else "required"}
            for f in self.frames.values() for c in f.cues
        ]
        return pd.DataFrame(rows, columns=["frame", "label", "kind", "cue", "lemmas", "derivations", "with", "not_with",
                                           "not_in", "context"])


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, origin: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise LexiconError(f"{origin}:{_line(node)}: {what} must be a mapping (key: value lines).")
    return {str(k.value): v for k, v in node.value}


def _text(node: yaml.Node, origin: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise LexiconError(f"{origin}:{_line(node)}: {what} must be a non-empty text.")
    return str(node.value).strip()


def _words(node: yaml.Node, origin: str, what: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        raise LexiconError(f"{origin}:{_line(node)}: {what} must be a list of words, e.g. [iddia, suçlama].")
    return [str(n.value) for n in node.value]


def _derivations(node: yaml.Node | None, origin: str, default: bool | list[str]) -> bool | list[str]:
    if node is None:
        return default
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool"):
        return yaml.safe_load(node.value) is True
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return [str(n.value) for n in node.value]
    raise LexiconError(f"{origin}:{_line(node)}: derivations must be true, false or a list of derived words.")


def _light_verbs(root: yaml.Node, origin: str) -> list[str]:
    node = _mapping(root, origin, "the lexicon").get("light_verbs")
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        raise LexiconError(f"{origin}:{_line(node)}: light_verbs must be a list of verbs such as et- or duy-.")
    return [_written(str(n.value)) for n in node.value]


_FRAME_KEYS = {"label", "kind", "definition", "source", "derivations", "cues"}
_CUE_KEYS = {"cue", "derivations", "with", "not_with", "not_before", "window", "side", "sIz_negates", "not_in",
             "uninflected"}


def _domains(root: yaml.Node, origin: str) -> dict[str, list[str]]:
    """The lexicon's ``domains:``: name → words (lemmas) that mark a sentence as of that domain."""
    node = _mapping(root, origin, "the lexicon").get("domains")
    if node is None:
        return {}
    fields = _mapping(node, origin, "domains")
    return {name: _words(words, origin, f"domain {name!r}") for name, words in fields.items()}


def _frames_from_nodes(root: yaml.Node | None, origin: str) -> list[Frame]:
    if root is None:
        raise LexiconError(f"{origin}:1: the lexicon is empty; it needs a 'frames:' mapping.")
    top = _mapping(root, origin, "the lexicon")
    if "frames" not in top:
        raise LexiconError(f"{origin}:{_line(root)}: no 'frames:' key; put the frames under 'frames:'.")
    frames_node = top["frames"]
    if not isinstance(frames_node, yaml.MappingNode) or not frames_node.value:
        raise LexiconError(f"{origin}:{_line(frames_node)}: 'frames:' must map frame names to frames.")
    domains = _domains(root, origin)
    frames = []
    for name_node, frame_node in frames_node.value:
        name = str(name_node.value)
        fields = _mapping(frame_node, origin, f"frame {name!r}")
        unknown = set(fields) - _FRAME_KEYS - CONTEXT_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise LexiconError(f"{origin}:{_line(fields[key])}: frame {name!r} has an unknown key {key!r}; "
                               f"use {', '.join(sorted(_FRAME_KEYS | CONTEXT_KEYS))}.")
        if "cues" not in fields or not isinstance(fields["cues"], yaml.SequenceNode) or not fields["cues"].value:
            raise LexiconError(f"{origin}:{_line(name_node)}: frame {name!r} needs a non-empty 'cues:' list.")
        default = _derivations(fields.get("derivations"), origin, False)
        context, context_names, context_window = _context(fields, origin, name)
        exempt = _cues_named(fields, origin, name, "context_exempt")
        frames.append(Frame(
            name=name,
            label=_text(fields["label"], origin, "label") if "label" in fields else name,
            kind=_text(fields["kind"], origin, "kind") if "kind" in fields else "issue",
            definition=_text(fields["definition"], origin, "definition") if "definition" in fields else "",
            source=_text(fields["source"], origin, "source") if "source" in fields else "",
            cues=tuple(_cue(item, origin, name, default, domains) for item in fields["cues"].value),
            context=context, context_names=context_names, context_window=context_window,
            context_exempt=exempt,
            context_exempt_plural=_cues_named(fields, origin, name, "context_exempt_plural"),
            vouches=_cues_named(fields, origin, name, "vouches", needs_context=False),
        ))
    return frames


def _whole_number(node: yaml.Node, origin: str, key: str) -> int:
    value = yaml.safe_load(node.value) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LexiconError(f"{origin}:{_line(node)}: {key} must be a whole number of words (1 or more).")
    return value


def _context(fields: dict[str, yaml.Node], origin: str, frame: str) -> tuple[frozenset[str] | None, bool, int | None]:
    """A frame's context rule: (lemma keys, gazetteer names count, window or None)."""
    node = fields.get("context")
    window = _whole_number(fields["context_window"], origin, "context_window") if "context_window" in fields else None
    if node is None:
        for key in ("context_window", "context_except"):
            if key in fields:
                raise LexiconError(f"{origin}:{_line(fields[key])}: frame {frame!r} has {key} "
                                   "but no context; add 'context: public_actors' or a list of lemmas.")
        return None, False, None
    if isinstance(node, yaml.ScalarNode) and node.value == PUBLIC_ACTORS:
        return _except(public_actor_words(), fields, origin, frame), True, window
    if isinstance(node, yaml.SequenceNode) and node.value and all(
            isinstance(n, yaml.ScalarNode) and len(str(n.value).split()) == 1 for n in node.value):
        return _except(frozenset(lemma_key(_written(str(n.value))) for n in node.value), fields, origin, frame), False, window
    raise LexiconError(f"{origin}:{_line(node)}: context of frame {frame!r} must be '{PUBLIC_ACTORS}' "
                       "or a list of single lemmas, e.g. [hükümet, bakan].")


def _except(words: frozenset[str], fields: dict[str, yaml.Node], origin: str, frame: str) -> frozenset[str]:
    """``words`` (context lemma keys) without those of the frame's ``context_except`` list, each of
    which must be one of them: *public_actors* but not *vali* "governor" for diplomacy."""
    node = fields.get("context_except")
    if node is None:
        return words
    dropped = {lemma_key(_written(w)): w for w in _words(node, origin, "context_except")}
    for key, written in dropped.items():
        if key not in words:
            raise LexiconError(f"{origin}:{_line(node)}: context_except of frame {frame!r} names {written!r}, which "
                               f"is not one of its context words{close_matches(key, words)}.")
    return words - dropped.keys()


def _cues_named(fields: dict[str, yaml.Node], origin: str, frame: str, key: str,
                needs_context: bool = True) -> frozenset[str]:
    """The cues (as written) a frame's ``key`` lists (``context_exempt``, ``vouches`` …); each must
    be a cue of the frame, and with ``needs_context`` the frame must have a context rule."""
    node = fields.get(key)
    if node is None:
        return frozenset()
    if needs_context and "context" not in fields:
        raise LexiconError(f"{origin}:{_line(node)}: frame {frame!r} has {key} but no context; "
                           "add 'context: public_actors' or a list of lemmas.")
    written = set()
    for item in fields["cues"].value if isinstance(fields["cues"], yaml.SequenceNode) else []:
        cue = item if isinstance(item, yaml.ScalarNode) else _mapping(item, origin, f"a cue of {frame!r}").get("cue")
        if isinstance(cue, yaml.ScalarNode):
            written.add(str(cue.value).strip())
    exempt = _words(node, origin, key)
    for cue in exempt:
        if cue not in written:
            raise LexiconError(f"{origin}:{_line(node)}: {key} of frame {frame!r} names {cue!r}, which is "
                               f"not one of its cues{close_matches(cue, written)}; write the cue as in 'cues:'.")
    return frozenset(exempt)


def _cue(item: yaml.Node, origin: str, frame: str, default: bool | list[str],
         domains: Mapping[str, list[str]] | None = None) -> Cue:
    options: dict[str, Any] = {}
    if isinstance(item, yaml.ScalarNode):
        text, derivations = _text(item, origin, f"a cue of {frame!r}"), default
    else:
        fields = _mapping(item, origin, f"a cue of {frame!r}")
        if "cue" not in fields:
            raise LexiconError(f"{origin}:{_line(item)}: a cue of {frame!r} written as a mapping needs 'cue: <words>'.")
        unknown = set(fields) - _CUE_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise LexiconError(f"{origin}:{_line(fields[key])}: a cue of {frame!r} has an unknown key {key!r}; "
                               f"use {', '.join(sorted(_CUE_KEYS))}.")
        text = _text(fields["cue"], origin, "cue")
        derivations = _derivations(fields.get("derivations"), origin, default)
        for key, name in (("with", "with_"), ("not_with", "not_with"), ("not_before", "not_before")):
            if key in fields:
                options[name] = _words(fields[key], origin, key)
        if "window" in fields:
            value = yaml.safe_load(fields["window"].value) if isinstance(fields["window"], yaml.ScalarNode) else None
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise LexiconError(f"{origin}:{_line(fields['window'])}: window must be a whole number of words (1 or more).")
            options["window"] = value
        if "side" in fields:
            node = fields["side"]
            if not (isinstance(node, yaml.ScalarNode) and node.value in SIDES):
                raise LexiconError(f"{origin}:{_line(node)}: side must be one of {', '.join(SIDES)}.")
            options["side"] = node.value
        if "sIz_negates" in fields:
            node = fields["sIz_negates"]
            if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
                raise LexiconError(f"{origin}:{_line(node)}: sIz_negates must be true or false.")
            options["sIz_negates"] = yaml.safe_load(node.value) is True
        if "uninflected" in fields:
            node = fields["uninflected"]
            if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
                raise LexiconError(f"{origin}:{_line(node)}: uninflected must be true or false.")
            options["uninflected"] = yaml.safe_load(node.value) is True
        if "not_in" in fields:
            words: list[str] = []
            for domain in _words(fields["not_in"], origin, "not_in"):
                if domain not in (domains or {}):
                    raise LexiconError(f"{origin}:{_line(fields['not_in'])}: not_in names {domain!r}, which is not a "
                                       f"domain of the lexicon's 'domains:'{close_matches(domain, domains or {})}.")
                words += domains[domain]
            options["not_in"] = words
    try:
        cue = compile_cue(text, derivations if isinstance(derivations, bool) else list(derivations), **options)
    except ValueError as e:
        raise LexiconError(f"{origin}:{_line(item)}: {e}") from None
    if not isinstance(item, yaml.ScalarNode) and "not_in" in fields:
        cue = replace(cue, domains=tuple(_words(fields["not_in"], origin, "not_in")))
    return cue


@contextmanager
def _readings_kept(text: str) -> Iterator[None]:
    """Compile a lexicon (the block) with the readings it needs from the analysis cache, if the
    default one exists: the word forms compiling the same text asked zeyrek for last time are
    read from it first, so the analyzer (≈1 s to build) is not built for them. After a compile
    that found no such note, the forms and their readings are kept there for the next process.
    The cache is a shortcut only: the compile runs in full either way, on the same readings.
    """
    path = default_cache_dir() / CACHE_FILENAME
    store = open_cache(path.parent) if path.is_file() else None
    if store is None:
        yield
        return
    morphology = default_morphology()
    namespace = readings_namespace()
    key = "lexicon forms " + hashlib.sha256(f"{text}\0{namespace}\0{__version__}".encode()).hexdigest()[:32]
    noted = store.get_note(key)
    if noted:
        for form, readings in store.get_readings(namespace, noted.split("\n")).items():
            if not morphology.knows(form):
                morphology.remember(form, readings)
    with morphology.recording() as asked:
        yield
    if not noted:
        store.put_readings(namespace, {f: morphology.known_json(f) for f in sorted(asked) if morphology.knows(f)})
        store.put_note(key, "\n".join(sorted(asked)))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    ref = resources.files("toolkit").joinpath("resources/frames_tr.yaml")
    return Lexicon._from_text(ref.read_text(encoding="utf-8"), "toolkit/resources/frames_tr.yaml")
