"""Train the lemma-choice models shipped in toolkit/resources (see toolkit.lemmas.MODELS).

Usage (from the repository root)::

    PYTHONPATH=. python scripts/train_lemma_model.py [UD_DIR] [--model default|with-imst] [--out PATH]
    PYTHONPATH=. python scripts/train_lemma_model.py --cv [--model NAME] [--weight NAME=N ...]   # tuning
    PYTHONPATH=. python scripts/train_lemma_model.py --cv --error-classes   # + the oracle and the errors by class
    PYTHONPATH=. python scripts/train_lemma_model.py --heldout [--model NAME]   # release figure, once

UD_DIR defaults to ../shared/data/ud. The data is split by benchmarks/lemma_accuracy.py's
protocol (by document; docs/lemma-model.md): a model is fitted on the **tuning** part of the
treebanks its recipe names (:data:`RECIPES`); the **held-out** part is never read except by
``--heldout``, which scores it once. ``--cv`` cross-validates over the tuning part (5 contiguous
runs of documents per treebank; every treebank is scored, whether the recipe fits on it or not).
UD test splits are never used.

* ``--model default`` (toolkit/resources/lemma_model.json.gz): BOUN, Kenet and Penn, licensed
  CC BY-SA 4.0, so the model may be used commercially.
* ``--model with-imst`` (toolkit/resources/lemma_model_with_imst.json.gz): the same and IMST,
  licensed CC BY-NC-SA 4.0: non-commercial use only.

Deterministic: files and sentences in a fixed order, jackknife folds by position, the
perceptron's shuffling from random.Random(SEED), JSON written with sorted keys.

What is learned
---------------
* a form→lemma table (Turkish-lower-cased form → [lemma, count, verb_count, verbal_count] best
  first: tokens; those tagged VERB; those tagged VERB, AUX, ADJ or ADV) and a lemma vocabulary (lemma → [count,
  verb_count]) from the gold LEMMA/UPOS columns;
* an averaged perceptron ranking each token's candidates (toolkit.lemmas.candidates). While
  training, a token's table and vocabulary features come from the other folds only (5-fold
  jackknife), so the model does not learn to trust a table that already contains the token.
* a softmax temperature for ``Choice.confidence`` (maximum likelihood on the training tokens).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.lemma_accuracy import DEFAULT_UD, FOLDS as K, TREEBANKS, errors, gold_data, matches, score  # noqa: E402
from toolkit import lemma_features as F  # noqa: E402
from toolkit import lemmas as L  # noqa: E402
from toolkit.lemma_simplemma import simplemma_lemma  # noqa: E402
from toolkit.morphology import Morphology  # noqa: E402
from toolkit.text import strip_circumflex, turkish_lower  # noqa: E402

SEED = 20260127
FOLDS = 5
EPOCHS = 5
# Times each token of a treebank counts (0: not used at all), per shipped model (see
# toolkit.lemmas.MODELS). The default model learns only from treebanks whose licence allows
# commercial use (CC BY-SA 4.0); with-imst also from IMST (CC BY-NC-SA 4.0). BOUN, the news
# treebank and the convention's reference, counts twice (--cv of the default, against once:
# BOUN +0.18, IMST +0.20, Kenet -0.13, Penn -0.02 points).
RECIPES = {
    "default": {"BOUN": 2, "IMST": 0, "Kenet": 1, "Penn": 1},
    "with-imst": {"BOUN": 2, "IMST": 1, "Kenet": 1, "Penn": 1},
}
# Where treebanks lemmatise one word form differently, one lemma per form (the documented
# convention choice, see harmonise()): the reference treebank's. BOUN is the news treebank.
REFERENCE = "BOUN"
VERBAL = ("VERB", "AUX", "ADJ", "ADV")  # the tags of a verb's forms that analyze() shows as the verb (gelmek)
ORDERS = 1  # >1: perceptrons fitted with different shuffles, weights averaged (3, with 5 passes, --cv: default BOUN +0.01, IMST +0.12, Kenet +0.02, Penn -0.08; with-imst -0.03, +0.05, -0.07, 0.00)


def build_tables(items):
    """items: iterable of (surface, gold lemma, upos) → (table, vocab)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    display: dict[str, Counter] = defaultdict(Counter)
    for surface, gold, upos in items:
        key = F.norm_key(gold)
        form = strip_circumflex(turkish_lower(surface))
        forms[form][(key, upos)] += 1
        display[key][strip_circumflex(gold)] += 1
    vocab_c: dict[str, list[int]] = {}
    table: dict[str, list] = {}
    for form in sorted(forms):
        per: dict[str, list[int]] = {}
        for (key, upos), n in sorted(forms[form].items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            e = per.setdefault(key, [0, 0, 0])
            e[0] += n
            e[1] += n if upos == "VERB" else 0
            e[2] += n if upos in VERBAL else 0
        rows = []
        for key, (n, nv, nn) in per.items():
            shown = sorted(display[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            rows.append([shown, n, nv, nn])
            v = vocab_c.setdefault(key, [0, 0])
            v[0] += n
            v[1] += nv
        rows.sort(key=lambda r: (-r[1], r[0]))
        table[form] = rows
    vocab = {k: vocab_c[k] for k in sorted(vocab_c)}
    return table, vocab


def correct_set(cands, gold: str, upos: str) -> list[int]:
    """The candidates to rank first for a token with this gold: a verb's dictionary form only
    where gold is tagged VERB (lemmatize gives it as the stem anyway; counting it right for a
    participle or converb tagged ADJ/ADV/NOUN too scored lower under --cv: 91.37 against 91.52
    on Kenet, 92.97 against 93.27 on Penn, 94.66 against 94.82 on IMST, BOUN equal)."""
    g = F.norm_key(gold)
    out = []
    for i, c in enumerate(cands):
        s = F.norm_key(c.text)
        if upos == "VERB" and len(s) > 3 and s.endswith(("mak", "mek")):
            s = s[:-3]
        if s == g:
            out.append(i)
    return out


def instances(sents, morph, table, vocab, repeat=None):
    """(features per candidate, correct indices, cands) for every scored token.

    ``repeat`` (sentence id → n) repeats a sentence's tokens n times (weights a treebank up).
    """
    out = []
    for s in sents:
        n = repeat.get(id(s), 1) if repeat else 1
        tokens, readings = L.prepare(s.words, morph, as_written=True)
        for i, (tok, rs) in enumerate(zip(tokens, readings)):
            if s.gold[i] is None:
                continue
            cands = F.candidates(tok, rs, table, vocab, simplemma_lemma(tok.surface))
            feats = [c.feats + F.context_features(tokens, i, c) for c in cands]
            gold = correct_set(cands, s.gold[i], s.upos[i])
            out.extend([(feats, gold, cands)] * n)
    return out


def verbness(sents, morph, table, vocab) -> dict[str, list[int]]:
    """verb signature → [verbal tokens, tokens] among tokens whose gold lemma is a verb stem: tagged
    VERB or AUX, or ADJ/ADV where zeyrek reads the word as a participle or converb of that verb."""
    counts: dict[str, list[int]] = {}
    for s in sents:
        tokens, readings = L.prepare(s.words, morph, as_written=True)
        for i, (tok, rs) in enumerate(zip(tokens, readings)):
            if s.gold[i] is None:
                continue
            g = F.norm_key(s.gold[i])
            cands = F.candidates(tok, rs, table, vocab, simplemma_lemma(tok.surface))
            dict_c = next((c for c in cands if c.key.startswith("V:") and F.norm_key(c.text[:-3]) == g), None)
            if dict_c is None:
                continue
            stem_key = F.norm_key(dict_c.text[:-3])
            stem_c = next((c for c in cands if c.key == stem_key), None)
            e = counts.setdefault(F.verb_signature(tok, dict_c, stem_c), [0, 0])
            e[0] += s.upos[i] in ("VERB", "AUX") or (s.upos[i] in VERBAL and F.participle_or_converb(dict_c.reading))
            e[1] += 1
    return {k: counts[k] for k in sorted(counts)}


def train(data, epochs: int = EPOCHS, seed: int = SEED) -> dict[str, float]:
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stamp: dict[str, int] = defaultdict(int)
    step = 0
    order = [k for k, (_, gold, _) in enumerate(data) if gold and len(data[k][0]) > 1]
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for k in order:
            feats, gold, _ = data[k]
            step += 1
            scores = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
            best = max(range(len(feats)), key=lambda j: (scores[j], -j))
            if best in gold:
                continue
            errors += 1
            target = max(gold, key=lambda j: (scores[j], -j))
            for f, delta in [(f, 1.0) for f in feats[target]] + [(f, -1.0) for f in feats[best]]:
                total[f] += (step - stamp[f]) * w[f]
                stamp[f] = step
                w[f] += delta
        print(f"  epoch {epoch + 1}: {errors} errors / {len(order)}", flush=True)
    avg = {}
    for f in sorted(w):
        total[f] += (step - stamp[f]) * w[f]
        v = total[f] / step
        if abs(v) >= 1e-4:
            avg[f] = round(v, 4)
    return avg


def fit_temperature(data, w) -> float:
    best_t, best_ll = 1.0, -float("inf")
    scored = []
    for feats, gold, _ in data:
        if not gold:
            continue
        scored.append(([sum(w.get(f, 0.0) for f in fs) for fs in feats], gold))
    for t in [0.1 * 1.25 ** k for k in range(30)]:
        ll = 0.0
        for scores, gold in scored:
            top = max(scores)
            z = sum(math.exp((s - top) / t) for s in scores)
            p = sum(math.exp((scores[g] - top) / t) for g in gold) / z
            ll += math.log(max(p, 1e-12))
        if ll > best_ll:
            best_t, best_ll = t, ll
    return round(best_t, 4)


def evaluate(name, data, w) -> None:
    right = total = oracle = 0
    for feats, gold, _ in data:
        total += 1
        oracle += bool(gold)
        scores = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
        best = max(range(len(feats)), key=lambda j: (scores[j], -j))
        right += best in gold
    print(f"  {name:<14} {total:>6} tokens  accuracy {100 * right / total:.2f}%  oracle {100 * oracle / total:.2f}%")


def gold_items(sents):
    for s in sents:
        for w, g, u in zip(s.words, s.gold, s.upos):
            if g is not None:
                yield w, g, u


def fit(sets, morph, weights: dict[str, int], epochs: int = EPOCHS) -> dict:
    """The model (as the JSON-able dict shipped) fitted on ``sets`` ((name, sentences) pairs)."""
    t0 = time.time()
    sents = [s for _, ss in sets for s in ss]
    print(f"training on {', '.join(n for n, _ in sets)}: {len(sents)} sentences")
    repeat = {id(s): weights.get(name.split("-")[0], 1) for name, ss in sets for s in ss}
    data = []
    verb_counts: dict[str, list[int]] = {}
    # jackknife folds: each set cut into FOLDS contiguous runs in the protocol's order, so that
    # neighbouring sentences of one text, or a headword's dictionary examples, fall in one fold
    # (the table then misses a token's form as it will on new text; --cv against folds of
    # interleaved sentences: BOUN -0.04, IMST +0.09, Kenet +0.04, Penn +0.04 points)
    fold_of = {id(s): j * FOLDS // len(ss) for _, ss in sets for j, s in enumerate(ss)}
    for k in range(FOLDS):
        rest = [s for s in sents if fold_of[id(s)] != k]
        fold = [s for s in sents if fold_of[id(s)] == k]
        table, vocab = build_tables(gold_items(rest))
        data += instances(fold, morph, table, vocab, repeat)
        for sig, (nv, n) in verbness(fold, morph, table, vocab).items():
            e = verb_counts.setdefault(sig, [0, 0])
            e[0] += nv
            e[1] += n
    verb_counts = {k: verb_counts[k] for k in sorted(verb_counts)}
    print(f"{len(data)} training tokens, {time.time() - t0:.1f}s")
    runs = [train(data, epochs, SEED + k) for k in range(ORDERS)]
    w = {f: round(sum(r.get(f, 0.0) for r in runs) / ORDERS, 4) for f in sorted(set().union(*runs))}
    w = {f: v for f, v in w.items() if v}
    temperature = fit_temperature(data, w)
    table, vocab = build_tables(gold_items(sents))
    evaluate("train(jackknife)", data, w)
    return {
        "meta": {
            "trained_on": [n for n, _ in sets],
            "seed": SEED,
            "epochs": epochs,
            "orders": ORDERS,
            "weights": {n.split("-")[0]: weights.get(n.split("-")[0], 1) for n, _ in sets},
            "folds": FOLDS,
        },
        "temperature": temperature,
        "verbness": verb_counts,
        "weights": w,
        "table": table,
        "vocab": vocab,
    }


CONVENTION_RULES = ("forms", "adjectives")  # the two rules of harmonise(), both applied by default


def harmonise(sets, reference: str | None = REFERENCE, rules: tuple[str, ...] = CONVENTION_RULES) -> list:
    """The sets with gold lemmas brought to one convention where treebanks conflict.

    Treebanks differ on whether a lexicalised form is its own lemma: BOUN and IMST give the
    postposition *tarafından* as *taraf*, *içinde* as *iç*, *burada* as *bura*, where Kenet and
    Penn keep the word; IMST keeps the converb *olarak*, the others give *ol*. One model cannot
    follow both, so for every form the ``reference`` treebank lemmatises clearly (at least 2
    tokens, one lemma for at least 2 in 3 of them), a token of another treebank whose gold is
    either the form itself where the reference gives another lemma, or another lemma where the
    reference keeps the form, takes the reference's lemma; unless the token is a name, a number,
    or a noun where the reference reads a verb (*gelir* "income" beside *gel*). An adjective
    made with -lI, -sIz or -lIk that the reference does not lemmatise clearly is its own lemma,
    as in the reference (:func:`derived_adjective`: *hızlı*, not Penn's *hız*). Other
    disagreements (*yüz*: face or hundred) are left alone. Only the fitted sets are rewritten (copies of the
    sentences); scoring reads each treebank's own gold, so a treebank loses the tokens where it
    differs from the reference. ``reference=None``: gold as it is. ``rules``: which of the two
    rules apply (``forms``: a form the reference lemmatises clearly; ``adjectives``: -lI/-sIz/-lIk).
    """
    if reference is None:
        return list(sets)
    seen: dict[str, Counter] = defaultdict(Counter)
    shown: dict[str, Counter] = defaultdict(Counter)
    verbal: Counter = Counter()
    for name, ss in sets:
        if name.split("-")[0] == reference:
            for s in ss:
                for w, g, u in zip(s.words, s.gold, s.upos):
                    if g is not None:
                        seen[F.norm_key(w)][F.norm_key(g)] += 1
                        shown[F.norm_key(g)][strip_circumflex(g)] += 1
                        verbal[F.norm_key(w), F.norm_key(g)] += u in ("VERB", "AUX")
    clear = {}
    for form, counts in seen.items():
        (lemma, n), total = counts.most_common(1)[0], sum(counts.values())
        if total >= 2 and 3 * n >= 2 * total:
            shown_lemma = sorted(shown[lemma].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            clear[form] = (shown_lemma, 2 * verbal[form, lemma] > n)

    def rule(w: str, g: str, upos: str | None) -> str:
        form = F.norm_key(w)
        if "adjectives" in rules and upos == "ADJ" and form not in clear:
            kept = derived_adjective(form, F.norm_key(g))
            if kept is not None:
                return kept
        lemma, is_verb = clear.get(form, (None, False)) if "forms" in rules else (None, False)
        if lemma is None or F.norm_key(lemma) == F.norm_key(g) or form not in (F.norm_key(g), F.norm_key(lemma)):
            return g
        # a name, a number, or a noun where the reference has a verb (gelir "income", not gel) is another word
        if upos in ("PROPN", "NUM") or (is_verb and upos == "NOUN"):
            return g
        return lemma

    out = []
    for name, ss in sets:
        if name.split("-")[0] != reference:
            ss = [replace(s, gold=[g if g is None else rule(w, g, u) for w, g, u in zip(s.words, s.gold, s.upos)])
                  for s in ss]
        out.append((name, ss))
    return out


# -lI/-sIz/-lIk: adjectives BOUN keeps as lemmas of their own (farklı, dikkatli, vadeli), where Kenet
# and Penn give the noun they are made from (hızlı → hız, yıllık → yıl)
_ADJECTIVE_ENDINGS = tuple("lık lik luk lük sız siz suz süz lı li lu lü".split())  # longest first


def derived_adjective(form: str, gold: str) -> str | None:
    """The derived adjective a token ``form`` stands as, where its gold lemma ``gold`` is the word
    it is derived from (*hızlı*/*hız* → *hızlı*, *yıllığı*/*yıl* → *yıllık*); None otherwise."""
    for ending in _ADJECTIVE_ENDINGS:
        derived = gold + ending
        if form.startswith(derived):
            return derived
        if ending.endswith("k") and form.startswith(derived[:-1] + "ğ"):
            return derived
    return None


def token_records(sents, fitted: L.LemmaModel) -> list[tuple]:
    """(word, gold, upos, system lemma, gold among the candidates?, zeyrek read it?, error class)
    for every scored token of ``sents``, lemmatised as ``toolkit.lemmatize`` does with ``fitted``."""
    out = []
    for s in sents:
        tokens, readings = L.prepare(s.words)
        lemmas = [c.lemma for c in L.choose(tokens, readings, ud=True, lemma_model=fitted)]
        for tok, rs, lem, g, u in zip(tokens, readings, lemmas, s.gold, s.upos):
            if g is None:
                continue
            cands = fitted.static_candidates(tok, rs)
            texts = [c.text[:-3] if c.key.startswith("V:") else c.text for c in cands]
            oracle = any(matches(t, g, u) for t in texts)
            right = matches(lem, g, u)
            out.append((tok.surface, g, u, lem, oracle, bool(rs),
                        "" if right else error_class(tok.surface, g, u, lem, oracle, bool(rs))))
    return out


def error_class(word: str, gold: str, upos: str, system: str, oracle: bool, known: bool) -> str:
    """The class of a wrong lemma: where the gold lemma was no candidate, ``missing`` (zeyrek has
    no reading: ``unknown word``); else how the lemma chosen relates to gold: a verb where gold is
    another part of speech's lemma or the reverse (``verb/noun``: *gelir* → *gel*), a longer lemma
    than gold (``kept derivation``: *yönetim* for *yönet*), a shorter one (``over-stripped``), a
    proper noun, number or abbreviation (``name/number``), or ``other``; each after gold's UPOS."""
    g, s = F.norm_key(gold), F.norm_key(system)
    if not oracle:
        return "missing: " + ("unknown word" if not known else "apostrophe" if "'" in word else
                              "name/number" if upos in ("PROPN", "NUM") or word[:1].isdigit() else upos)
    if upos in ("PROPN", "NUM") or word[:1].isdigit() or word.isupper():
        kind = "name/number"
    elif upos in ("VERB", "AUX") and s != g:
        kind = "verb/noun" if g.startswith(s) or s.startswith(g) else "other"
    elif s.startswith(g):
        kind = "kept derivation"
    elif g.startswith(s):
        kind = "over-stripped"
    else:
        kind = "other"
    return "%s: %s" % (kind, upos)


def print_error_classes(records: dict[str, list]) -> None:
    """The oracle and the error classes per treebank (counts, % of tokens, three examples each)."""
    for tb, recs in records.items():
        n = len(recs)
        oracle = sum(r[4] for r in recs)
        wrong = [r for r in recs if r[6]]
        print(f"{tb}: {n} tokens, oracle {100 * oracle / n:.2f}%, errors {len(wrong)} "
              f"({100 * len(wrong) / n:.2f}%; gold among candidates: {sum(r[4] for r in wrong)})")
        classes: dict[str, Counter] = defaultdict(Counter)
        for w, g, u, lem, *_, cls in wrong:
            classes[cls][(w, g, lem)] += 1
        for cls, ex in sorted(classes.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            k = sum(ex.values())
            shown = ", ".join("%s→%s (gold %s)%s" % (w, lem, g, " ×%d" % c if c > 1 else "")
                              for (w, g, lem), c in sorted(ex.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
            print(f"  {k:>4} {100 * k / n:5.2f}%  {cls:<32} {shown}")


def model_path(name: str) -> Path:
    """Where the shipped model ``name`` (see :data:`toolkit.lemmas.MODELS`) lives."""
    return ROOT / "toolkit" / "resources" / L.MODELS[name]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ud", nargs="?", default=str(DEFAULT_UD))
    ap.add_argument("--model", choices=sorted(RECIPES), default="default",
                    help="which shipped model to make: default (BOUN, Kenet, Penn: CC BY-SA 4.0) or "
                         "with-imst (also IMST: CC BY-NC-SA 4.0)")
    ap.add_argument("--out", help="write the model here (default: the shipped file of --model)")
    ap.add_argument("--weight", action="append", default=[], metavar="NAME=N",
                    help="times each token of the treebank NAME (BOUN, IMST, Kenet, Penn) counts; 0 leaves it out")
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="perceptron passes over the data")
    ap.add_argument("--cv", action="store_true",
                    help="tuning: %d-fold cross-validation by document over the tuning part of every treebank, "
                         "lemmatize() end to end, strict/relaxed pooled per treebank; writes no model" % K)
    ap.add_argument("--folds", type=int, nargs="*", metavar="K", help="with --cv: only these folds (0-based)")
    ap.add_argument("--heldout", action="store_true",
                    help="fit on the tuning part (as shipped) and score the held-out part once (release figure)")
    ap.add_argument("--reference", default=REFERENCE, choices=[*TREEBANKS, "none"],
                    help="the treebank whose lemma a conflicting form takes (see harmonise(); default %(default)s)")
    ap.add_argument("--rules", nargs="*", choices=CONVENTION_RULES, default=list(CONVENTION_RULES),
                    help="which convention rules of harmonise() apply (default: both)")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="with --cv: print the N commonest (form, gold, system) errors")
    ap.add_argument("--error-classes", action="store_true",
                    help="with --cv: per treebank, the oracle (gold among the candidates) and the errors by class "
                         "(error_class()), with examples")
    args = ap.parse_args(argv)
    reference = None if args.reference == "none" else args.reference
    t0 = time.time()
    ud = Path(args.ud)
    weights = dict(RECIPES[args.model])
    for kv in args.weight:
        name, _, n = kv.partition("=")
        if name not in TREEBANKS or not n.isdigit():
            ap.error(f"--weight {kv}: give NAME=N with NAME one of {', '.join(TREEBANKS)} and N a whole number")
        weights[name] = int(n)
    gold = gold_data(ud, [tb for tb in TREEBANKS if weights.get(tb, 0) > 0 or args.cv or args.heldout])
    morph = Morphology()
    if args.cv:
        pooled: dict[str, list[int]] = {}
        wrong: dict[str, Counter] = defaultdict(Counter)
        records: dict[str, list] = defaultdict(list)
        for fold in args.folds if args.folds is not None else range(K):
            fit_part = [(tb + "-tuning", g.folds(fold)[0]) for tb, g in gold.items() if weights.get(tb, 0) > 0]
            fitted = L.LemmaModel(fit(harmonise(fit_part, reference, tuple(args.rules)), morph, weights, args.epochs))
            lemmatize = partial(L.lemmatize, lemma_model=fitted)
            for tb, g in gold.items():
                ss = g.folds(fold)[1]
                strict, relaxed, total = score(ss, lemmatize)
                e = pooled.setdefault(tb, [0, 0, 0])
                e[0] += strict
                e[1] += relaxed
                e[2] += total
                print(f"  fold {fold} {tb:<6} {total:>6} tokens  strict {100 * strict / max(total, 1):.2f}%  "
                      f"relaxed {100 * relaxed / max(total, 1):.2f}%", flush=True)
                for k, w, gl, lem in errors(ss, lemmatize, args.errors * 100) if args.errors else ():
                    wrong[tb][(w, gl, lem)] += k
                if args.error_classes:
                    records[tb] += token_records(ss, fitted)
        for tb, (strict, relaxed, total) in pooled.items():
            print(f"CV {tb:<6} {total:>6} tokens  strict {100 * strict / max(total, 1):.2f}%  "
                  f"relaxed {100 * relaxed / max(total, 1):.2f}%")
        for tb, counts in wrong.items():
            print(f"most frequent errors on {tb} (count, form, gold, system):")
            for (w, gl, lem), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:args.errors]:
                print(f"  {k:>4}  {w:<20} {gl:<16} {lem}")
        if args.error_classes:
            print_error_classes(records)
        return 0
    fit_sets = [(tb + "-tuning", g.tuning) for tb, g in gold.items() if weights.get(tb, 0) > 0]
    model = fit(harmonise(fit_sets, reference, tuple(args.rules)), morph, weights, args.epochs)
    model["meta"]["licence"] = "CC BY-NC-SA 4.0" if weights.get("IMST", 0) else "CC BY-SA 4.0"
    if args.heldout:
        from benchmarks.lemma_accuracy import print_table, simplemma_lemmas, toolkit_system, zeyrek_first

        systems = [("zeyrek-first", zeyrek_first), ("simplemma", simplemma_lemmas),
                   ("toolkit", toolkit_system(L.LemmaModel(model)))]
        print_table([(tb + "-heldout", g.heldout) for tb, g in gold.items()], systems)
        if not args.out:
            return 0
    out = Path(args.out) if args.out else model_path(args.model)
    raw = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {out}: {len(raw) / 1e6:.2f} MB JSON, {out.stat().st_size / 1e6:.2f} MB gzip; "
          f"{len(model['weights'])} weights, {len(model['table'])} forms, temperature {model['temperature']}; "
          f"{time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
