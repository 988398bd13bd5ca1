"""Actors: the people, countries and organisations an article names, from its name terms.

An actor is a ``name`` term of the token table (:mod:`toolkit.terms`): a word lemma choice
took for a proper noun — zeyrek's proper-noun readings and the word's capital decide that,
with sentence starts and headlines read as ordinary words unless used as names elsewhere — or
a name of several words, or a name of the shipped gazetteer. Its ``kind``:

* ``country``, ``capital``, ``city``, ``region``, ``organisation``: from the gazetteer
  (``resources/countries_tr.tsv``: CLDR's Turkish country names, via Babel;
  ``resources/names_tr.tsv``: capitals, cities and international bodies);
* ``person``: a name mentioned at least once right after a title (*Cumhurbaşkanı Putin*,
  ``resources/lemma_titles_tr.txt``), or one also mentioned by part of it (*Kim* for *Kim Jong
  Un*);
* ``name``: any other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.lemmas import titles
from toolkit.names import column_strings
from toolkit.terms import known_names, unit_starts

ACTOR_COLUMNS = ["actor", "kind", "count", "documents"]


def actor_table(tokens: pd.DataFrame, *, min_count: int = 1) -> pd.DataFrame:
    """``actor, kind, count, documents`` from a token table with ``term``/``term_kind``.

    ``count`` is the number of mentions (a name of several words counts once per mention;
    a later mention by part of it, *Kim*, counts under the full name), ``documents`` the
    number of articles mentioning it. Sorted by count, then actor.
    """
    if not len(tokens):
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    starts = unit_starts(tokens)
    is_name = tokens["term_kind"].to_numpy() == "name"
    term = column_strings(tokens["term"])
    sel = tokens.loc[starts & is_name, ["term", "doc_id"]]
    grouped = sel.groupby("term", observed=True)
    out = pd.DataFrame({"count": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
    out = out.rename(columns={"term": "actor"})
    out["actor"] = out["actor"].astype(str)
    gazetteer = dict(zip(known_names()["name"], known_names()["kind"]))
    # titled: the word before a mention's first word is a title (its lemma in the titles list)
    lemma = column_strings(tokens["lemma"])
    first = np.flatnonzero(starts & is_name)
    before = first[first > 0] - 1
    same = (tokens["doc_id"].to_numpy()[before] == tokens["doc_id"].to_numpy()[before + 1]) & (
        tokens["sentence"].to_numpy()[before] == tokens["sentence"].to_numpy()[before + 1])
    titled = set(term[before + 1][same & np.isin(lemma[before], list(titles()))])
    # shortened: a name of several words also mentioned by one word of it
    nxt = np.minimum(first + 1, len(term) - 1)
    single = first[(first + 1 >= len(term)) | starts[nxt] | (nxt == first)]
    shortened = {term[i] for i in single if " " in term[i]}
    out.insert(1, "kind", [gazetteer.get(a) or ("person" if a in titled or a in shortened else "name")
                           for a in out["actor"]])
    out = out[out["count"] >= min_count]
    return out.sort_values(["count", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)[
        ACTOR_COLUMNS]

