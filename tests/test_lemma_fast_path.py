"""The fast lemma choice (cached per-form candidates, per-class context weight tables, memoised
per-form decisions) against a straightforward reference kept here: feature strings looked up
one by one, every step recomputed per token. Any behaviour change in the fast paths fails."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks.lemma_accuracy import read_conllu
from toolkit import lemma_features, lemma_model
from toolkit import lemmas as L
from toolkit.lemma_features import candidate_class, candidates, context_features, offered
from toolkit.lemma_simplemma import simplemma_lemma
from toolkit.lemmas import Choice

ROOT = Path(__file__).resolve().parents[1]
UD = ROOT.parent / "shared" / "data" / "ud"
FILES = [UD / "UD_Turkish-IMST" / "tr_imst-ud-dev.conllu", UD / "UD_Turkish-BOUN" / "tr_boun-ud-dev.conllu"]
SENTENCES_PER_FILE = 200


def reference_choose(tokens, readings) -> list[Choice]:
    """choose() without overrides, written the plain way (the model's definition)."""
    m = L.model()
    w = m.weights
    out = []
    running = not L.title_case(tokens)
    cands_of = [offered(token, candidates(token, rs, m.table, m.vocab, simplemma_lemma(token.surface)))
                for token, rs in zip(tokens, readings)]
    for i, (token, rs) in enumerate(zip(tokens, readings)):
        cands = cands_of[i]
        scores = [sum(w.get(f, 0.0) for f in c.feats) + sum(w.get(f, 0.0) for f in context_features(tokens, i, c))
                  for c in cands]
        ranked = sorted(range(len(cands)), key=lambda j: (-scores[j], j))
        if token.suffix or (running and token.position > 0):
            named = L.name_reading(token, [c.key for c in cands],
                                   [rs.index(c.reading) if c.reading is not None else -1 for c in cands], rs, ranked[0],
                                   i > 0 and tokens[i - 1].position > 0
                                   and lemma_features.word_shape(tokens[i - 1].surface) == "cap")
            ranked = [named] + [j for j in ranked if j != named]
        if any(c.key in L.titles() for c in cands):
            titled = L.title_reading([c.key for c in cands],
                                     [rs.index(c.reading) if c.reading is not None else -1 for c in cands], rs,
                                     ranked[0], L.complement_case(readings[i - 1], out[-1].lemma) if i else "")
            ranked = [titled] + [j for j in ranked if j != titled]
        best = cands[ranked[0]]
        top = scores[ranked[0]]
        confidence = 1.0 / sum(math.exp((scores[j] - top) / m.temperature) for j in ranked)
        alts: list[str] = []
        for j in ranked[1:]:
            if cands[j].text != best.text and cands[j].text not in alts:
                alts.append(cands[j].text)
        best = m.verb_form(token, cands, best)
        best = L.copular_word(cands, best, rs)
        best = L.lexicalised_noun(cands, best, rs, L.complement_case(readings[i - 1], out[-1].lemma) if i else "")
        nxt = cands_of[i + 1] if i + 1 < len(tokens) else []
        before_title = any(c.key in L.titles() for c in nxt) and not any(r.is_proper for r in rs)
        text = L._cased(token, best, rs, running and token.position > 0 and not before_title)
        alts = [a for a in alts if a not in (best.text, text)]
        neg = bool(best.negs) and all(best.negs)
        out.append(Choice(text, L._pos_of(best, token), bool(rs), neg, round(confidence, 4), tuple(alts),
                          best.sources[0].split("-")[0]))
    if running:
        L.given_names_at_starts(tokens, readings, out)
    return out


@pytest.fixture(scope="module")
def prepared():
    if not all(f.exists() for f in FILES):
        pytest.skip("UD Turkish treebanks not found under ../shared/data/ud")
    sents = [s.words for f in FILES for s in read_conllu(f)[:SENTENCES_PER_FILE]]
    return [L.prepare(words) for words in sents]


@pytest.mark.shared_data
def test_fast_choice_equals_reference(prepared):
    L.model().clear_cache()
    for rnd in ("cold cache", "warm cache"):
        for tokens, readings in prepared:
            assert L.choose(tokens, readings) == reference_choose(tokens, readings), (rnd, [t.surface for t in tokens])


def test_context_weight_tables_equal_feature_lookup(prepared):
    m = L.model()
    tables = m._context_weights()
    for tokens, readings in prepared[:50]:
        for i, (token, rs) in enumerate(zip(tokens, readings)):
            for c in candidates(token, rs, m.table, m.vocab, simplemma_lemma(token.surface)):
                cls = candidate_class(c)
                for feat, table in zip(context_features(tokens, i, c), tables.get(cls, ({}, {}, {}, {}))):
                    assert table.get(feat.partition("=")[2], 0.0) == m.weights.get(feat, 0.0), feat


def test_cached_candidates_keep_what_choice_reads(prepared):
    m = L.model()
    m.clear_cache()
    for tokens, readings in prepared[:50]:
        for token, rs in zip(tokens, readings):
            fresh = offered(token, candidates(token, rs, m.table, m.vocab, simplemma_lemma(token.surface)))
            for c in fresh:
                c.static = sum(m.weights.get(f, 0.0) for f in c.feats)
            for _ in range(2):  # built, then from the cache
                cached = m.static_candidates(token, rs)
                assert [(c.text, c.key, c.sources, c.reading, c.rank, c.negs, c.static) for c in cached] == \
                       [(c.text, c.key, c.sources, c.reading, c.rank, c.negs, c.static) for c in fresh]


def test_cache_bound_and_changed_readings_do_not_change_choices(prepared, monkeypatch):
    monkeypatch.setattr(lemma_model, "STATIC_CACHE_FORMS", 7)
    L.model().clear_cache()
    tokens, readings = prepared[0]
    expected = reference_choose(tokens, readings)
    assert L.choose(tokens, readings) == expected
    assert len(L.model()._static) <= 7 and len(L.model()._static_older) <= 7
    no_readings = [()] * len(tokens)  # same forms, other readings: the cache must not answer
    assert L.choose(tokens, no_readings) == reference_choose(tokens, no_readings)
    assert L.choose(tokens, readings) == expected


def test_cache_keeps_the_forms_a_text_keeps_using(prepared, monkeypatch):
    """A form met again within a generation survives the turnover; one left unused does not."""
    monkeypatch.setattr(lemma_model, "STATIC_CACHE_FORMS", 2)
    m = L.model()
    m.clear_cache()
    distinct = {}
    for tokens, readings in prepared[:20]:
        for t, r in zip(tokens, readings):
            distinct.setdefault(t.surface, (t, r))
    (a, ra), (b, rb), (c, rc), (d, rd) = list(distinct.values())[:4]
    kept = m._static_entry(a, ra)
    dropped = m._static_entry(b, rb)
    m._static_entry(c, rc)           # the newer generation was full: {a, b} became the older
    assert m._static_entry(a, ra) is kept   # found in the older, moved to the newer
    m._static_entry(d, rd)           # {c, a} became the older, {b} dropped
    assert m._static_entry(a, ra) is kept
    assert m._static_entry(b, rb) is not dropped
    m.clear_cache()
