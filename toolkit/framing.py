"""Framing lexicons and frame matching on lemmas, with negation.

A :class:`Lexicon` maps frame names to cues. A cue is a lemma (``endişe``) or a sequence of
words (``endişe duy-``, ``iş birliği``) matched on the token table's lemmas, so every
inflected form counts and nothing matches by prefix (``ateş`` never matches ``ateşkes``).
The default lexicon is ``toolkit/resources/frames_tr.yaml``; its header documents the format.

Conventions
-----------
* A *hit* is one occurrence of one cue of one frame. A hit is *negated* when any of its
  tokens carries verbal negation (``endişe duymuyoruz``, ``tereddüt etmeyeceğini``) in every
  reading of its form (``çatışma``, noun or "don't clash!", is not negated); negated hits are
  counted in ``negated`` and never in ``hits``.
* A one-word cue directly followed by one of the lexicon's ``light_verbs`` (``endişe
  etmiyor``, ``endişe yaşamadıklarını``) takes that verb into the hit, and with it its negation.
* Multiword cues: words in order, in one sentence, at most ``gap`` other words between
  neighbours (:data:`DEFAULT_GAP`). Within a frame, overlapping matches keep the longest.
* ``per_10k`` is hits per 10,000 word tokens of the texts counted (stopwords included).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from toolkit.corpus import InputError
from toolkit.lemmas import lemmatize
from toolkit.morphology import Morphology, default_morphology, derivation_chain
from toolkit.text import strip_circumflex, turkish_lower

if TYPE_CHECKING:
    from toolkit.analysis import Analysis

DEFAULT_GAP = 2
HIT_COLUMNS = ["doc_id", "sentence", "frame", "cue", "first", "last", "tokens", "start", "end", "surface", "negated"]
_BACK_VOWELS = set("aıouâû")
_FRONT_VOWELS = set("eiöüî")
PERIODS = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D"}


class LexiconError(InputError):
    """A framing lexicon cannot be used; the message names the file and line."""


class UnknownFrameError(LexiconError, KeyError):
    """A frame name the lexicon does not have (a ``KeyError`` too, as for any mapping)."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def verb_infinitive(stem: str) -> str:
    """``duy`` → ``duymak``, ``getir`` → ``getirmek``: the -mak/-mek infinitive by vowel harmony."""
    last = next((c for c in reversed(stem) if c in _BACK_VOWELS | _FRONT_VOWELS), "a")
    return stem + ("mak" if last in _BACK_VOWELS else "mek")


def _key(lemma: str) -> str:
    """How lemmas are compared: Turkish lower case, circumflexes dropped."""
    return strip_circumflex(turkish_lower(lemma))


@dataclass
class Cue:
    """One cue of a frame.

    ``text`` is the cue as written in the lexicon. ``words`` holds, for each word, a mapping
    lemma key → allowed derivation chains: ``None`` when the word was written as a lemma (then
    ``derivations`` decides), or the exact chains of the written word when it is itself a
    derived form (``işsizlik`` → lemma ``iş`` with chain ``("Without", "Ness")``).
    ``derivations`` is True (derived words count), False (only inflected forms) or a tuple of
    allowed derivation chains (see :func:`toolkit.morphology.derivation_chain`).
    """

    text: str
    words: tuple[dict[str, frozenset[tuple[str, ...]] | None], ...]
    derivations: bool | tuple[tuple[str, ...], ...] = False

    def accepts(self, word: int, key: str, chains: tuple[frozenset, frozenset]) -> bool:
        """Whether a token with lemma ``key`` matches word ``word`` of the cue. ``chains`` are the
        token's possible derivation chains without and with verbal nouns."""
        spec = self.words[word].get(key, frozenset())
        chains, with_verbal_nouns = chains
        if spec is not None:
            return bool(spec & with_verbal_nouns)
        if () in chains or self.derivations is True:
            return True
        return bool(self.derivations) and bool(chains.intersection(self.derivations))


@dataclass(frozen=True)
class Frame:
    """A frame: its name, human ``label``, ``kind`` (generic/issue), ``definition``, ``source`` and cues."""

    name: str
    label: str
    kind: str
    definition: str
    source: str
    cues: tuple[Cue, ...]


def compile_cue(text: str, derivations: bool | Sequence[str] = False, *, morphology: Morphology | None = None) -> Cue:
    """A :class:`Cue` from its written form.

    A word ending in ``-`` is a verb stem (``duy-`` → ``duymak``). A word that is a dictionary
    lemma matches that lemma in any inflection. Every word is also lemmatised in the context
    of the cue, and matches tokens with that lemma and the same derivation, so ``dile getir-``
    matches whatever lemma the toolkit gives *dile* in running text and ``işsizlik`` matches
    işsizliğin but not iş. ``derivations`` may list derived words (``["endişeli"]``): their
    derivation chains become the allowed ones.
    """
    morphology = morphology or default_morphology()
    raw = text.split()
    if not raw:
        raise ValueError("A cue is empty; write a lemma or a few words.")
    written = [verb_infinitive(w[:-1]) if w.endswith("-") else w for w in raw]
    lemmas = lemmatize(written, morphology)
    words = []
    for w, lem in zip(written, lemmas):
        readings = morphology.analyze(turkish_lower(w))
        spec: dict[str, frozenset[tuple[str, ...]] | None] = {}
        if not readings or any(_key(r.lemma) == _key(w) for r in readings):
            spec[_key(w)] = None
        if _key(lem) not in spec:
            chains = frozenset(derivation_chain(r, verbal_nouns=True) for r in readings if _key(r.lemma) == _key(lem))
            # A derived word (anlaşmazlık) keeps its derivation even if a plain reading exists.
            spec[_key(lem)] = frozenset(c for c in chains if c) or frozenset({()})
        words.append(spec)
    if isinstance(derivations, bool):
        allowed: bool | tuple[tuple[str, ...], ...] = derivations
    else:
        chains_found = set()
        for word in derivations:
            found = {derivation_chain(r) for r in morphology.analyze(turkish_lower(word)) if _key(r.lemma) in words[0]}
            found.discard(())
            if not found:
                raise ValueError(f"{word!r} is not a word derived from {raw[0]!r}; list derived words such as endişeli.")
            chains_found |= found
        allowed = tuple(sorted(chains_found))
    return Cue(text, tuple(words), allowed)


class Lexicon:
    """Frames and their cues. Build with :meth:`default`, :meth:`from_yaml` or :meth:`from_dict`.

    >>> lex = Lexicon.default()
    >>> lex.names[:3]
    ['conflict', 'human_interest', 'economic_consequences']
    """

    def __init__(self, frames: Iterable[Frame], origin: str = "<lexicon>",
                 light_verbs: Iterable[str] = ()) -> None:
        self.frames: dict[str, Frame] = {f.name: f for f in frames}
        self.origin = origin
        self.light_verbs: frozenset[str] = frozenset(_key(v) for v in light_verbs)

    def __repr__(self) -> str:
        return f"Lexicon({len(self.frames)} frames from {self.origin})"

    def __contains__(self, name: object) -> bool:
        return name in self.frames

    def __getitem__(self, name: str) -> Frame:
        try:
            return self.frames[name]
        except KeyError:
            raise UnknownFrameError(
                f"{self.origin}: no frame {name!r}; use one of {', '.join(self.frames)}.") from None

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
        return cls(_frames_from_nodes(root, origin), origin, _light_verbs(root, origin))

    def extend(self, other: "Lexicon") -> "Lexicon":
        """A new lexicon: this one's frames plus ``other``'s (frames of the same name are replaced)."""
        return Lexicon([*(f for n, f in self.frames.items() if n not in other.frames), *other.frames.values()],
                       f"{self.origin} + {other.origin}", self.light_verbs | other.light_verbs)

    def select(self, names: Iterable[str]) -> "Lexicon":
        """A new lexicon with only the named frames, in the order given."""
        return Lexicon([self[n] for n in names], self.origin, self.light_verbs)

    def to_frame(self) -> pd.DataFrame:
        """One row per cue: ``frame, label, kind, cue, lemmas, derivations`` (readable, editable)."""
        rows = [
            {"frame": f.name, "label": f.label, "kind": f.kind, "cue": c.text,
             "lemmas": " + ".join("/".join(k if v is None else f"{k}[{'|'.join('+'.join(ch) or '-' for ch in sorted(v))}]"
                                           for k, v in w.items()) for w in c.words),
             "derivations": c.derivations if isinstance(c.derivations, bool) else
             ", ".join("+".join(ch) for ch in c.derivations)}
            for f in self.frames.values() for c in f.cues
        ]
        return pd.DataFrame(rows, columns=["frame", "label", "kind", "cue", "lemmas", "derivations"])


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, origin: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise LexiconError(f"{origin}:{_line(node)}: {what} must be a mapping (key: value lines).")
    out = {}
    for k, v in node.value:
        out[str(k.value)] = v
    return out


def _text(node: yaml.Node, origin: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise LexiconError(f"{origin}:{_line(node)}: {what} must be a non-empty text.")
    return str(node.value).strip()


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
    return [verb_infinitive(str(n.value)[:-1]) if str(n.value).endswith("-") else str(n.value) for n in node.value]


_FRAME_KEYS = {"label", "kind", "definition", "source", "derivations", "cues"}


def _frames_from_nodes(root: yaml.Node | None, origin: str) -> list[Frame]:
    if root is None:
        raise LexiconError(f"{origin}:1: the lexicon is empty; it needs a 'frames:' mapping.")
    top = _mapping(root, origin, "the lexicon")
    if "frames" not in top:
        raise LexiconError(f"{origin}:{_line(root)}: no 'frames:' key; put the frames under 'frames:'.")
    frames = []
    for name_node, frame_node in _mapping_items(top["frames"], origin):
        name = str(name_node.value)
        fields = _mapping(frame_node, origin, f"frame {name!r}")
        unknown = set(fields) - _FRAME_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise LexiconError(f"{origin}:{_line(fields[key])}: frame {name!r} has an unknown key {key!r}; "
                               f"use {', '.join(sorted(_FRAME_KEYS))}.")
        if "cues" not in fields or not isinstance(fields["cues"], yaml.SequenceNode) or not fields["cues"].value:
            raise LexiconError(f"{origin}:{_line(name_node)}: frame {name!r} needs a non-empty 'cues:' list.")
        default = _derivations(fields.get("derivations"), origin, False)
        cues = [_cue(item, origin, name, default) for item in fields["cues"].value]
        frames.append(Frame(
            name=name,
            label=_text(fields["label"], origin, "label") if "label" in fields else name,
            kind=_text(fields["kind"], origin, "kind") if "kind" in fields else "issue",
            definition=_text(fields["definition"], origin, "definition") if "definition" in fields else "",
            source=_text(fields["source"], origin, "source") if "source" in fields else "",
            cues=tuple(cues),
        ))
    return frames


def _mapping_items(node: yaml.Node, origin: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise LexiconError(f"{origin}:{_line(node)}: 'frames:' must map frame names to frames.")
    return list(node.value)


def _cue(item: yaml.Node, origin: str, frame: str, default: bool | list[str]) -> Cue:
    if isinstance(item, yaml.ScalarNode):
        text, derivations = _text(item, origin, f"a cue of {frame!r}"), default
    else:
        fields = _mapping(item, origin, f"a cue of {frame!r}")
        if "cue" not in fields:
            raise LexiconError(f"{origin}:{_line(item)}: a cue of {frame!r} written as a mapping needs 'cue: <words>'.")
        text = _text(fields["cue"], origin, "cue")
        derivations = _derivations(fields.get("derivations"), origin, default)
    try:
        return compile_cue(text, derivations if isinstance(derivations, bool) else list(derivations))
    except ValueError as e:
        raise LexiconError(f"{origin}:{_line(item)}: {e}") from None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    ref = resources.files("toolkit").joinpath("resources/frames_tr.yaml")
    return Lexicon._from_text(ref.read_text(encoding="utf-8"), "toolkit/resources/frames_tr.yaml")


# --- matching -------------------------------------------------------------------------


class _TokenView:
    """Arrays over a token table that matching needs, computed once."""

    def __init__(self, tokens: pd.DataFrame, morphology: Morphology) -> None:
        self.tokens = tokens
        self.morphology = morphology
        lemma = tokens["lemma"]
        cats = lemma.cat.categories if isinstance(lemma.dtype, pd.CategoricalDtype) else None
        if cats is not None:
            keys = np.array([_key(str(c)) for c in cats], dtype=object)
            self.keys = keys[lemma.cat.codes.to_numpy()]
        else:
            self.keys = np.array([_key(str(x)) for x in lemma], dtype=object)
        doc_codes = pd.factorize(tokens["doc_id"])[0]
        self.unit = doc_codes.astype(np.int64) * 1_000_000 + tokens["sentence"].to_numpy(np.int64)
        self.negated = tokens["negated"].to_numpy(bool)
        self.surface = tokens["surface"].astype(str).to_numpy()
        self.lemma = tokens["lemma"].astype(str).to_numpy()
        self._chains: dict[tuple[int, str], tuple[frozenset, frozenset]] = {}
        # Tokens whose chosen lemma is none of zeyrek's lemmas for the form (a lemma model may
        # keep a derived lexeme such as "insanlık", or guess a bare stem such as "çatış"): they
        # are matched on their lemma and on zeyrek's lemmas, each with its derivation chain.
        self.fallback: dict[int, frozenset[str]] = {}
        for i, (form, key) in enumerate(zip(self.surface, self.keys)):
            readings = morphology.analyze(turkish_lower(form.replace("'", "")))
            lemmas = frozenset(_key(r.lemma) for r in readings)
            if lemmas and key not in lemmas:
                self.fallback[i] = lemmas | {key}

    def chains(self, i: int, key: str) -> tuple[frozenset, frozenset]:
        """The derivation chains token ``i`` may have under lemma ``key``, without and with
        verbal nouns (``{()}`` if zeyrek does not know the form)."""
        if (i, key) not in self._chains:
            readings = self.morphology.analyze(turkish_lower(self.surface[i].replace("'", "")))
            same = [r for r in readings if _key(r.lemma) == key]
            self._chains[i, key] = (
                frozenset(derivation_chain(r) for r in same) or frozenset({()}),
                frozenset(derivation_chain(r, verbal_nouns=True) for r in same) or frozenset({()}),
            )
        return self._chains[i, key]

    def matches(self, i: int, cue: Cue, w: int) -> bool:
        """Token ``i`` can be word ``w`` of ``cue``."""
        keys = self.fallback.get(i) or (self.keys[i],)
        return any(k in cue.words[w] and cue.accepts(w, k, self.chains(i, k)) for k in keys)

    def is_negated(self, i: int) -> bool:
        """Token ``i`` carries negation in every reading of its lemma.

        A form that also reads without negation counts as not negated: *çatışma* is the noun
        "clash" far more often than the imperative "don't clash", *uygulamaya* "to applying"
        more often than "let him not apply".
        """
        if not self.negated[i]:
            return False
        readings = self.morphology.analyze(turkish_lower(self.surface[i].replace("'", "")))
        same = [r for r in readings if _key(r.lemma) == _key(self.lemma[i])]
        return all("Neg" in r.morphemes for r in same)

    def with_light_verb(self, seq: tuple[int, ...], light_verbs: frozenset[str]) -> tuple[int, ...]:
        """``seq`` plus the next token when that token, in the same sentence, is a light verb."""
        j = seq[-1] + 1
        if light_verbs and j < len(self.keys) and self.unit[j] == self.unit[seq[-1]] and self.keys[j] in light_verbs:
            return (*seq, j)
        return seq

    def find(self, cue: Cue, gap: int) -> list[tuple[int, ...]]:
        """Token positions (row numbers) of every occurrence of ``cue``."""
        n = len(self.keys)
        first = set(cue.words[0])
        starts = sorted({*np.flatnonzero(np.isin(self.keys, list(first))).tolist(),
                         *(i for i, keys in self.fallback.items() if keys & first)})
        found = []
        for i in starts:
            if not self.matches(i, cue, 0):
                continue
            seq = [i]
            for w in range(1, len(cue.words)):
                j = seq[-1] + 1
                nxt = None
                while j < n and j <= seq[-1] + 1 + gap and self.unit[j] == self.unit[i]:
                    if self.matches(j, cue, w):
                        nxt = j
                        break
                    j += 1
                if nxt is None:
                    break
                seq.append(nxt)
            if len(seq) == len(cue.words):
                found.append(tuple(seq))
        return found


def match_lexicon(tokens: pd.DataFrame, lexicon: Lexicon | None = None, *, gap: int = DEFAULT_GAP,
                  morphology: Morphology | None = None) -> pd.DataFrame:
    """Every frame hit in ``tokens``: one row per occurrence of a cue.

    Columns: ``doc_id, sentence, frame, cue``; ``first``/``last`` the row numbers (0-based,
    positional) of its first and last token and ``tokens`` all of them; ``start``/``end`` the
    character span in the article; ``surface`` the words as written; ``negated``.
    """
    lexicon = lexicon or default_lexicon()
    view = _TokenView(tokens, morphology or default_morphology())
    rows = []
    for frame in lexicon.frames.values():
        matches = [(seq if len(cue.words) > 1 else view.with_light_verb(seq, lexicon.light_verbs), cue)
                   for cue in frame.cues for seq in view.find(cue, gap)]
        # Longest first; on a tie the written multiword cue (endişe duy-) beats cue + light verb.
        matches.sort(key=lambda m: (-len(m[0]), m[0][0], -len(m[1].words)))
        used: set[int] = set()
        for seq, cue in matches:
            if used.intersection(seq):
                continue
            used.update(seq)
            rows.append((frame.name, cue.text, seq))
    return _hit_table(tokens, view, rows)


def match_term(tokens: pd.DataFrame, term: str, *, gap: int = 0, derivations: bool = False,
               morphology: Morphology | None = None) -> pd.DataFrame:
    """Occurrences of one term (a lemma, ``iş birliği`` or ``endişe duy-``) in any inflected
    form; words derived from it (``endişeli``) too when ``derivations``.

    Same columns as :func:`match_lexicon`, with ``frame`` empty and ``cue`` the term. A
    one-word term directly followed by a light verb of the default lexicon (``endişe etmiyor``)
    is negated when that verb is; its span and surface stay the term's own.
    """
    morphology = morphology or default_morphology()
    cue = compile_cue(term, derivations, morphology=morphology)
    view = _TokenView(tokens, morphology)
    light = default_lexicon().light_verbs if len(cue.words) == 1 else frozenset()
    found = view.find(cue, gap)
    hits = _hit_table(tokens, view, [("", term, seq) for seq in found])
    if light and found:
        # The light verb lends its negation; the occurrence (span, forms) stays the term's own.
        hits["negated"] = [any(view.is_negated(k) for k in view.with_light_verb(seq, light)) for seq in found]
    return hits


def _hit_table(tokens: pd.DataFrame, view: _TokenView, rows: list[tuple[str, str, tuple[int, ...]]]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HIT_COLUMNS})
    rows.sort(key=lambda r: (r[2][0], r[0]))
    first = np.array([r[2][0] for r in rows])
    last = np.array([r[2][-1] for r in rows])
    out = pd.DataFrame({
        "doc_id": tokens["doc_id"].to_numpy()[first].astype(str),
        "sentence": tokens["sentence"].to_numpy()[first],
        "frame": [r[0] for r in rows],
        "cue": [r[1] for r in rows],
        "first": first,
        "last": last,
        "tokens": [r[2] for r in rows],
        "start": tokens["start"].to_numpy()[first],
        "end": tokens["end"].to_numpy()[last],
        "surface": [" ".join(view.surface[k] for k in r[2]) for r in rows],
        "negated": [any(view.is_negated(k) for k in r[2]) for r in rows],
    })
    return out


# --- tables ---------------------------------------------------------------------------


def _period_column(dates: pd.Series, period: str) -> pd.Series:
    parsed = pd.to_datetime(dates, errors="coerce")
    return parsed.dt.to_period(PERIODS[period]).astype(str).where(parsed.notna(), "unknown")


def documents_with_groups(analysis: "Analysis", by: Sequence[str]) -> pd.DataFrame:
    """``analysis.documents`` plus one column per period named in ``by`` (year, quarter, month, week, day)."""
    docs = analysis.documents.copy()
    for col in by:
        if col in PERIODS:
            docs[col] = _period_column(docs["date"], col)
        elif col not in docs.columns:
            raise ValueError(f"Cannot group by {col!r}: use a document column ({', '.join(docs.columns)}) "
                             f"or a period ({', '.join(PERIODS)}).")
    return docs


def frame_table(analysis: "Analysis", hits: pd.DataFrame, frames: Sequence[str],
                by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.frames`."""
    group = [] if by is None else [by] if isinstance(by, str) else list(by)
    corpus_wide = group == ["corpus"]
    if corpus_wide:
        group = []
    docs = documents_with_groups(analysis, group)
    plain = hits[~hits["negated"].astype(bool)].groupby(["doc_id", "frame"]).size()
    neg = hits[hits["negated"].astype(bool)].groupby(["doc_id", "frame"]).size()
    grid = pd.MultiIndex.from_product([docs["id"], list(frames)], names=["doc_id", "frame"])
    per_doc = pd.DataFrame({
        "hits": plain.reindex(grid, fill_value=0), "negated": neg.reindex(grid, fill_value=0),
    }).reset_index()
    meta_cols = ["source", "date", *[c for c in group if c not in ("source", "date")]]
    per_doc = per_doc.merge(docs[["id", *meta_cols, "n_tokens"]], left_on="doc_id", right_on="id").drop(columns="id")
    per_doc["per_10k"] = per_doc["hits"] * 10_000 / per_doc["n_tokens"].clip(lower=1)
    per_doc["present"] = per_doc["hits"] > 0
    if by is None:
        return per_doc[["doc_id", "source", "date", "frame", "hits", "negated", "n_tokens", "per_10k", "present"]]
    keys = [*group, "frame"]
    g = per_doc.groupby(keys, sort=False, observed=True)
    out = pd.DataFrame({
        "hits": g["hits"].sum(), "negated": g["negated"].sum(), "n_tokens": g["n_tokens"].sum(),
        "documents": g["present"].sum(), "n_documents": g.size(),
    }).reset_index()
    out["per_10k"] = out["hits"] * 10_000 / out["n_tokens"].clip(lower=1)
    out["share"] = out["documents"] / out["n_documents"]
    order = {f: i for i, f in enumerate(frames)}
    out = out.sort_values([*group, "frame"], key=lambda s: s.map(order) if s.name == "frame" else s, kind="stable")
    cols = [*keys, "hits", "negated", "per_10k", "documents", "n_documents", "share", "n_tokens"]
    return out[cols].reset_index(drop=True)


def kwic_rows(analysis: "Analysis", hits: pd.DataFrame, window: int) -> pd.DataFrame:
    """Keyword-in-context lines for hits (rows with doc_id, start, end, first, last, negated)."""
    t = analysis.tokens
    text_of = {a.id: a.content for a in analysis.corpus}
    meta = analysis.documents.set_index("id")
    unit = pd.factorize(t["doc_id"])[0].astype(np.int64) * 1_000_000 + t["sentence"].to_numpy(np.int64)
    starts, ends = t["start"].to_numpy(), t["end"].to_numpy()
    rows = []
    for h in hits.itertuples(index=False):
        first, last = int(h.first), int(h.last)
        lo = first
        while lo > 0 and first - lo < window and unit[lo - 1] == unit[first]:
            lo -= 1
        hi = last
        while hi + 1 < len(unit) and hi - last < window and unit[hi + 1] == unit[last]:
            hi += 1
        text = text_of[h.doc_id]
        s, e = int(h.start), int(h.end)
        rows.append({
            "doc_id": h.doc_id, "source": meta.at[h.doc_id, "source"], "date": meta.at[h.doc_id, "date"],
            "left": " ".join(text[int(starts[lo]):s].split()) if lo < first else "",
            "keyword": text[s:e],
            "right": " ".join(text[e:int(ends[hi])].split()) if hi > last else "",
            "negated": bool(h.negated), "start": s,
            **({"frame": h.frame, "cue": h.cue} if h.frame else {}),
        })
    cols = ["doc_id", "source", "date", "left", "keyword", "right", "negated", "start"]
    if len(hits) and hits["frame"].astype(bool).any():
        cols += ["frame", "cue"]
    return pd.DataFrame(rows, columns=cols)


def log_likelihood(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Dunning's (1993) G² for 2×2 tables [[a, b], [c, d]] (arrays); 0·ln 0 counts as 0."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    total = np.zeros_like(n)
    for obs, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        exp = row * col / np.where(n > 0, n, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2 * total


def collocation_table(analysis: "Analysis", term: str, window: int, min_count: int,
                      include_stopwords: bool) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.collocations`."""
    t = analysis.tokens
    nodes = match_term(t, term)
    keep = (t["pos"] != "Num").to_numpy().copy()
    if not include_stopwords:
        keep &= ~t["is_stop"].to_numpy(bool)
    unit = pd.factorize(t["doc_id"])[0].astype(np.int64) * 1_000_000 + t["sentence"].to_numpy(np.int64)
    node_rows = {k for seq in nodes["tokens"] for k in seq}
    in_window: set[int] = set()
    for seq in nodes["tokens"]:
        lo, hi = max(seq[0] - window, 0), min(seq[-1] + window, len(t) - 1)
        in_window.update(k for k in range(lo, hi + 1) if unit[k] == unit[seq[0]] and k not in node_rows)
    lemmas = t["lemma"].astype(str).to_numpy()
    candidates = np.array([k for k in sorted(in_window) if keep[k]], dtype=int)
    corpus_rows = np.array([k for k in np.flatnonzero(keep) if k not in node_rows], dtype=int)
    cols = ["collocate", "count", "frequency", "expected", "log_likelihood", "pmi"]
    if not len(candidates):
        return pd.DataFrame(columns=cols)
    observed = pd.Series(lemmas[candidates]).value_counts()
    frequency = pd.Series(lemmas[corpus_rows]).value_counts().reindex(observed.index)
    n, r = len(corpus_rows), len(candidates)
    o11 = observed.to_numpy(float)
    f = frequency.to_numpy(float)
    expected = r * f / n
    out = pd.DataFrame({
        "collocate": observed.index.astype(str), "count": o11.astype(int), "frequency": f.astype(int),
        "expected": expected, "log_likelihood": log_likelihood(o11, r - o11, f - o11, n - r - f + o11),
        "pmi": np.log2(o11 / expected),
    })
    out = out[(out["count"] >= min_count) & (out["count"] > out["expected"])]
    return out.sort_values(["log_likelihood", "collocate"], ascending=[False, True]).reset_index(drop=True)[cols]


def select_documents(analysis: "Analysis", selector: str | Iterable[str] | Mapping[str, Any]) -> list[str]:
    """Document ids chosen by a source name, a list of doc ids, or a ``{column: value}`` mapping."""
    docs = analysis.documents
    if isinstance(selector, str):
        chosen = docs.loc[docs["source"] == selector, "id"]
        if chosen.empty:
            raise ValueError(f"No articles from source {selector!r}; sources are "
                             f"{', '.join(map(str, docs['source'].dropna().unique()))}.")
        return list(chosen)
    if isinstance(selector, Mapping):
        mask = pd.Series(True, index=docs.index)
        for col, value in selector.items():
            if col not in docs.columns:
                raise ValueError(f"No document column {col!r}; use one of {', '.join(docs.columns)}.")
            mask &= docs[col].isin(value) if isinstance(value, (list, tuple, set)) else docs[col] == value
        if not mask.any():
            raise ValueError(f"No articles match {dict(selector)!r}.")
        return list(docs.loc[mask, "id"])
    ids = list(selector)
    unknown = sorted(set(ids) - set(docs["id"]))
    if unknown:
        raise ValueError(f"Unknown doc_id {unknown[0]!r}; doc ids are the 'id' column of analysis.documents.")
    return ids


def keyness_table(analysis: "Analysis", target, reference, min_count: int, include_stopwords: bool) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.keyness`."""
    a_ids = select_documents(analysis, target)
    b_ids = (select_documents(analysis, reference) if reference is not None
             else [d for d in analysis.documents["id"] if d not in set(a_ids)])
    t = analysis.tokens
    doc = t["doc_id"].astype(str)
    na, nb = int(doc.isin(a_ids).sum()), int(doc.isin(b_ids).sum())
    if not na or not nb:
        raise ValueError("One of the two groups has no tokens; choose groups with articles in them.")
    keep = t["pos"] != "Num"
    if not include_stopwords:
        keep &= ~t["is_stop"]
    lem = t["lemma"].astype(str)
    ca = lem[keep & doc.isin(a_ids)].value_counts()
    cb = lem[keep & doc.isin(b_ids)].value_counts()
    table = pd.DataFrame({"count_a": ca, "count_b": cb}).fillna(0).astype(int)
    table = table[(table["count_a"] + table["count_b"]) >= min_count]
    a, b = table["count_a"].to_numpy(float), table["count_b"].to_numpy(float)
    ll = log_likelihood(a, b, na - a, nb - b)
    ratio = np.log2(((np.where(a > 0, a, 0.5)) / na) / ((np.where(b > 0, b, 0.5)) / nb))
    out = pd.DataFrame({
        "lemma": table.index.astype(str), "count_a": a.astype(int), "count_b": b.astype(int),
        "per_10k_a": a * 10_000 / na, "per_10k_b": b * 10_000 / nb,
        "log_likelihood": ll, "log_ratio": ratio,
    })
    out["key_for"] = np.where(out["log_ratio"] > 0, "a", "b")
    return out.sort_values(["log_likelihood", "lemma"], ascending=[False, True]).reset_index(drop=True)


def actor_table(analysis: "Analysis", hits: pd.DataFrame, frames: Sequence[str], actors: Sequence[str] | None,
                n_actors: int, window: int | None) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.actor_frames`."""
    t = analysis.tokens
    lemmas = t["lemma"].astype(str).to_numpy()
    if actors is None:
        proper = pd.Series(lemmas[[(x[:1].isupper() and p != "Num") for x, p in zip(lemmas, t["pos"].astype(str))]])
        actors = list(proper.value_counts().head(n_actors).index)
    unit = pd.factorize(t["doc_id"])[0].astype(np.int64) * 1_000_000 + t["sentence"].to_numpy(np.int64)
    doc = pd.factorize(t["doc_id"])[0]
    hit_first = hits["first"].to_numpy(int)
    hit_neg = hits["negated"].to_numpy(bool)
    hit_frame = hits["frame"].to_numpy()
    hit_unit = unit[hit_first] if len(hits) else np.array([], dtype=np.int64)
    rows = []
    terms = t["term"].astype(str).to_numpy() if "term" in t.columns else lemmas
    for actor in actors:
        mentions = np.flatnonzero((lemmas == actor) | (terms == actor))
        mentions = mentions[~np.isin(mentions - 1, mentions)]  # a name of several words: its first word
        contexts: list[np.ndarray] = []
        if window is None:
            for u in np.unique(unit[mentions]):
                contexts.append(hit_unit == u)
        else:
            for m in mentions:
                contexts.append((doc[hit_first] == doc[m]) & (np.abs(hit_first - m) <= window) if len(hits)
                                else np.zeros(0, bool))
        for frame in frames:
            is_frame = hit_frame == frame
            plain = [int((c & is_frame & ~hit_neg).sum()) for c in contexts]
            neg = [int((c & is_frame & hit_neg).sum()) for c in contexts]
            rows.append({"actor": actor, "frame": frame, "hits": sum(plain), "negated": sum(neg),
                         "contexts": len(contexts), "contexts_with_frame": sum(p > 0 for p in plain)})
    out = pd.DataFrame(rows, columns=["actor", "frame", "hits", "negated", "contexts", "contexts_with_frame"])
    out["share"] = out["contexts_with_frame"] / out["contexts"].clip(lower=1)
    return out


def frame_token_table(analysis: "Analysis", hits: pd.DataFrame) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.frame_tokens`."""
    t = analysis.tokens.copy()
    frame = [[] for _ in range(len(t))]
    cue = [""] * len(t)
    neg = np.zeros(len(t), bool)
    for h in hits.itertuples(index=False):
        for k in h.tokens:
            frame[k].append(h.frame)
            cue[k] = h.cue
            neg[k] |= bool(h.negated)
    t["frame"] = pd.Categorical(["|".join(f) if f else None for f in frame])
    t["cue"] = pd.Categorical([c or None for c in cue])
    t["frame_negated"] = neg
    return t


def dispersion_table(analysis: "Analysis", hits: pd.DataFrame) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.dispersion`."""
    docs = analysis.documents.reset_index(drop=True)
    t = analysis.tokens
    doc_start = pd.Series(np.arange(len(t))).groupby(t["doc_id"].astype(str).to_numpy()).min()
    n_tok = docs.set_index("id")["n_tokens"]
    rel = [(int(f) - int(doc_start[d])) / max(int(n_tok[d]), 1) for f, d in zip(hits["first"], hits["doc_id"])]
    out = pd.DataFrame({
        "term": hits["term"], "doc_id": hits["doc_id"],
        "doc_index": hits["doc_id"].map({d: i for i, d in enumerate(docs["id"])}),
        "source": hits["doc_id"].map(docs.set_index("id")["source"]),
        "relative_position": rel, "negated": hits["negated"].astype(bool),
    })
    return out.sort_values(["doc_index", "relative_position"]).reset_index(drop=True)


# --- validation export ----------------------------------------------------------------

CODER_COLUMNS = ["frame_present", "negation_correct", "coder", "note"]


def coding_sheet(analysis: "Analysis", lexicon: Lexicon | None = None, *, per_frame: int = 20, seed: int = 0,
                 window: int = 10) -> pd.DataFrame:
    """A sample of at most ``per_frame`` KWIC lines per frame for manual validation.

    The sample is drawn with ``seed`` (same corpus, lexicon and seed → same sheet). Columns:
    ``item, frame, cue, doc_id, source, date, left, keyword, right, negated`` and empty coder
    columns ``frame_present`` (1 = the line carries the frame, 0 = not), ``negation_correct``
    (1/0), ``coder``, ``note``.
    """
    lexicon = lexicon or default_lexicon()
    hits = analysis.frame_hits(lexicon)
    rng = np.random.default_rng(seed)
    parts = []
    for frame in lexicon.names:
        fh = hits[hits["frame"] == frame]
        if len(fh) > per_frame:
            fh = fh.iloc[np.sort(rng.choice(len(fh), size=per_frame, replace=False))]
        parts.append(kwic_rows(analysis, fh, window))
    sheet = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=["doc_id", "source", "date", "left", "keyword", "right", "negated", "start", "frame", "cue"])
    sheet.insert(0, "item", np.arange(1, len(sheet) + 1))
    for c in CODER_COLUMNS:
        sheet[c] = ""
    return sheet[["item", "frame", "cue", "doc_id", "source", "date", "left", "keyword", "right", "negated",
                  *CODER_COLUMNS]]


def frame_lemma_table(analysis: "Analysis", hits: pd.DataFrame, frames: Sequence[str],
                      min_count: int) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.lemma_frequencies_by_frame`; a lemma's frame counts
    only hits that the lemma opens, so light verbs of multiword cues stay unframed."""
    freqs = analysis.lemma_frequencies(min_count=min_count)
    lemmas = analysis.tokens["lemma"].astype(str).to_numpy()
    # Only the first word of a cue: light verbs (yapmak in "baskı yap-") carry no frame alone.
    pairs = pd.DataFrame([(lemmas[h.first], h.frame) for h in hits.itertuples(index=False)],
                         columns=["lemma", "frame"])
    if pairs.empty:
        freqs["frame"] = None
        return freqs
    order = {f: i for i, f in enumerate(frames)}
    top = (pairs.value_counts().reset_index(name="n")
           .assign(o=lambda d: d["frame"].map(order))
           .sort_values(["lemma", "n", "o"], ascending=[True, False, True])
           .drop_duplicates("lemma").set_index("lemma")["frame"])
    freqs["frame"] = freqs["lemma"].map(top)
    return freqs
