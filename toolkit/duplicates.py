"""Near-duplicate articles (agency copy republished by several outlets), found with MinHash/LSH.

An article's *shingles* are the overlapping runs of :data:`SHINGLE_WORDS` words of its body,
Turkish-lower-cased (:func:`toolkit.text.turkish_lower`) with circumflexes dropped and
punctuation ignored; the headline is left out (outlets rewrite it). Candidates come from
datasketch's MinHash LSH; a candidate is a copy when the exact Jaccard similarity of the two
shingle sets is at least ``threshold`` (default :data:`THRESHOLD`).

Copies form clusters. Articles are taken earliest first (by date, ties and undated articles,
which come last, by input order); an article that copies earlier ones joins the cluster of the
one it is most similar to (a copy of a copy is in its original's cluster), and gets
``duplicate_of`` (the id of that cluster's first article, the *original*) and ``similarity``
(its Jaccard similarity, 0 to 1, with that closest earlier article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from toolkit.text import normalize, strip_circumflex, turkish_lower

#: Words per shingle.
SHINGLE_WORDS = 3
#: Jaccard similarity of shingle sets from which two articles are copies of each other.
THRESHOLD = 0.3
#: MinHash permutations: more is a closer estimate and slower.
NUM_PERM = 128
#: Articles with fewer shingles than this are never called copies (too short to tell).
MIN_SHINGLES = 5

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of ``k``-word shingles of ``text`` (Turkish-lower-cased, circumflexes dropped)."""
    words = _WORD.findall(strip_circumflex(turkish_lower(normalize(text))))
    if len(words) < k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0.0 for two empty sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass(frozen=True)
class Copy:
    """One article found to copy an earlier one: ``duplicate_of`` is the cluster's original."""

    id: str
    duplicate_of: str
    similarity: float


class DuplicateIndex:
    """Articles added one by one, each checked against those added before it.

    ``add`` returns the :class:`Copy` record when the new article copies an earlier one (its
    original is the earliest-added member of that cluster), else None. Used by the collector,
    which adds articles in the order it collects them.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # LSH bands tuned for a lower threshold than the exact check, so that few true copies
        # are missed; the exact Jaccard check then removes the false candidates.
        self._lsh = MinHashLSH(threshold=max(0.05, threshold * 0.7), num_perm=num_perm)
        self._shingles: dict[str, frozenset[str]] = {}
        self._root: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._shingles)

    def _minhash(self, sh: frozenset[str]):
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm)
        m.update_batch([s.encode("utf-8") for s in sh])
        return m

    def matches(self, text: str) -> list[tuple[str, float]]:
        """The articles already added that ``text`` copies, with their similarity, best first."""
        return self._matches(shingles(text))

    def _matches(self, sh: frozenset[str]) -> list[tuple[str, float]]:
        if len(sh) < MIN_SHINGLES or not self._shingles:
            return []
        found = [(key, jaccard(sh, self._shingles[key])) for key in self._lsh.query(self._minhash(sh))]
        return sorted(((k, s) for k, s in found if s >= self.threshold), key=lambda ks: -ks[1])

    def add(self, article_id: str, text: str, original: str | None = None) -> Copy | None:
        """Add one article; its copy record if it copies an earlier one.

        ``original`` forces the cluster, the article's own id for an original (when re-reading
        a collection that already says which article each copy belongs to); otherwise the
        cluster is found from the text.
        """
        if article_id in self._shingles:
            raise ValueError(f"article {article_id!r} was already added")
        sh = shingles(text)
        copy = None
        if original is None:
            found = self._matches(sh)
            if found:
                key, similarity = found[0]
                copy = Copy(article_id, self._root[key], round(similarity, 4))
        self._root[article_id] = original or (copy.duplicate_of if copy else article_id)
        self._shingles[article_id] = sh
        if len(sh) >= MIN_SHINGLES:
            self._lsh.insert(article_id, self._minhash(sh))
        return copy


def find_duplicates(articles: Iterable, threshold: float = THRESHOLD) -> dict[str, Copy]:
    """Every copy among ``articles`` (objects with ``id``, ``text`` and ``date``), by id.

    Articles are taken earliest first (date, then input order; undated last), so each cluster's
    original is its earliest article. Originals and articles with no copy are not in the result.
    """
    items = list(articles)
    order = sorted(range(len(items)), key=lambda i: (items[i].date is None, items[i].date or "", i))
    index = DuplicateIndex(threshold=threshold)
    copies: dict[str, Copy] = {}
    for i in order:
        copy = index.add(items[i].id, items[i].text)
        if copy is not None:
            copies[copy.id] = copy
    return copies


def clusters(articles: Iterable, threshold: float = THRESHOLD):
    """A table of the copy clusters: one row per article in a cluster of two or more.

    Columns: ``cluster`` (the original's id), ``id``, ``source``, ``date``, ``title``,
    ``similarity`` (1.0 for the original) and ``original`` (True for the original).
    """
    import pandas as pd

    items = list(articles)
    copies = find_duplicates(items, threshold=threshold)
    roots = {c.duplicate_of for c in copies.values()}
    rows = []
    for a in items:
        if a.id in roots or a.id in copies:
            copy = copies.get(a.id)
            rows.append({"cluster": copy.duplicate_of if copy else a.id, "id": a.id, "source": a.source,
                         "date": a.date, "title": a.title, "similarity": copy.similarity if copy else 1.0,
                         "original": copy is None})
    columns = ["cluster", "id", "source", "date", "title", "similarity", "original"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["cluster", "original", "date"], ascending=[True, False, True],
                             na_position="last").reset_index(drop=True)
