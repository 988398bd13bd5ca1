"""Train the lemma-choice model shipped as toolkit/resources/lemma_model.json.gz.

Usage (from the repository root)::

    PYTHONPATH=. python scripts/train_lemma_model.py [UD_DIR] [--no-imst] [--weight NAME=N] [--out PATH]
    PYTHONPATH=. python scripts/train_lemma_model.py --cv [--weight NAME=N ...]   # tuning, writes nothing

UD_DIR defaults to ../shared/data/ud (relative to the repository root). The model is fitted on
IMST train (unless --no-imst) and the even half of BOUN dev (by sent_id number); Kenet dev and
Penn dev can be added with --weight Kenet=1 --weight Penn=1 (see WEIGHTS). IMST dev and the odd
half of BOUN dev are never read here (see benchmarks/lemma_accuracy.py --heldout). UD test
splits are never used.

Tuning (``--dev``, ``--cv``) never touches the held-out data either: it carves every
DEV_EVERY-th sentence out of the training sets, fits on the rest and scores the carved
sentences end to end with lemmatize().

Deterministic: files and sentences in a fixed order, jackknife folds by sentence index, the
perceptron's shuffling from random.Random(SEED), JSON written with sorted keys.

What is learned
---------------
* a form→lemma table (Turkish-lower-cased form → [lemma, count, verb_count] best first) and a
  lemma vocabulary (lemma → [count, verb_count]) from the gold LEMMA/UPOS columns;
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.lemma_accuracy import DEFAULT_UD, errors, heldout_sets, score, training_sets  # noqa: E402
from toolkit import lemmas as L  # noqa: E402
from toolkit.morphology import Morphology  # noqa: E402
from toolkit.text import strip_circumflex, turkish_lower  # noqa: E402

SEED = 20260127
FOLDS = 5
EPOCHS = 10
# Times each token of a treebank counts (0: not used at all). BOUN is the news treebank and the
# smallest here, so it counts three times. Kenet and Penn are left out: they lemmatise differently
# from IMST and BOUN (Kenet strips causative/passive suffixes, artırarak → art; Penn keeps
# derivations) and, pooled over --cv folds, fitting on them cost 0.15-0.5 points on IMST and BOUN.
WEIGHTS = {"IMST": 1, "Kenet": 0, "Penn": 0, "BOUN": 3}
# Gold labels mapped to one convention before fitting, per treebank: (lower-cased form, gold) →
# lemma. IMST lemmatises the converb *olarak* as itself (71 times in train); BOUN, Kenet and
# Penn, like the UD guidelines for converbs, as the verb *ol* (67 times in their dev files).
# One model cannot follow both, so it follows the majority; IMST dev, scored by its own gold,
# loses those tokens (8 of 8,000).
HARMONISE = {"IMST": {("olarak", "olarak"): "ol"}}
DEV_EVERY = 5
ORDERS = 1  # >1: perceptrons fitted with different shuffles, weights averaged (3: --cv +0.06/+0.12, held-out +0.01/-0.06)


def build_tables(items):
    """items: iterable of (surface, gold lemma, upos) → (table, vocab)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    display: dict[str, Counter] = defaultdict(Counter)
    for surface, gold, upos in items:
        key = L.norm_key(gold)
        form = strip_circumflex(turkish_lower(surface))
        forms[form][(key, upos == "VERB")] += 1
        display[key][strip_circumflex(gold)] += 1
    vocab_c: dict[str, list[int]] = {}
    table: dict[str, list] = {}
    for form in sorted(forms):
        per: dict[str, list[int]] = {}
        for (key, is_verb), n in sorted(forms[form].items()):
            e = per.setdefault(key, [0, 0])
            e[0] += n
            e[1] += n if is_verb else 0
        rows = []
        for key, (n, nv) in per.items():
            shown = sorted(display[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            rows.append([shown, n, nv])
            v = vocab_c.setdefault(key, [0, 0])
            v[0] += n
            v[1] += nv
        rows.sort(key=lambda r: (-r[1], r[0]))
        table[form] = rows
    vocab = {k: vocab_c[k] for k in sorted(vocab_c)}
    return table, vocab


def correct_set(cands, gold: str, upos: str) -> list[int]:
    g = L.norm_key(gold)
    out = []
    for i, c in enumerate(cands):
        s = L.norm_key(c.text)
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
            cands = L.candidates(tok, rs, table, vocab, L._simplemma(tok.surface))
            feats = [c.feats + L.context_features(tokens, i, c) for c in cands]
            gold = correct_set(cands, s.gold[i], s.upos[i])
            out.extend([(feats, gold, cands)] * n)
    return out


def verbness(sents, morph, table, vocab) -> dict[str, list[int]]:
    """verb signature → [tokens tagged VERB, tokens] among tokens whose gold lemma is a verb stem."""
    counts: dict[str, list[int]] = {}
    for s in sents:
        tokens, readings = L.prepare(s.words, morph, as_written=True)
        for i, (tok, rs) in enumerate(zip(tokens, readings)):
            if s.gold[i] is None:
                continue
            g = L.norm_key(s.gold[i])
            cands = L.candidates(tok, rs, table, vocab, L._simplemma(tok.surface))
            dict_c = next((c for c in cands if c.key.startswith("V:") and L.norm_key(c.text[:-3]) == g), None)
            if dict_c is None:
                continue
            stem_key = L.norm_key(dict_c.text[:-3])
            stem_c = next((c for c in cands if c.key == stem_key), None)
            e = counts.setdefault(L.verb_signature(tok, dict_c, stem_c), [0, 0])
            e[0] += s.upos[i] == "VERB"
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


def fit(sets, morph, weights: dict[str, int] = WEIGHTS, epochs: int = EPOCHS) -> dict:
    """The model (as the JSON-able dict shipped) fitted on ``sets`` ((name, sentences) pairs)."""
    t0 = time.time()
    sents = [s for _, ss in sets for s in ss]
    print(f"training on {', '.join(n for n, _ in sets)}: {len(sents)} sentences")
    repeat = {id(s): weights.get(name.split("-")[0], 1) for name, ss in sets for s in ss}
    data = []
    verb_counts: dict[str, list[int]] = {}
    for k in range(FOLDS):
        rest = [s for j, s in enumerate(sents) if j % FOLDS != k]
        fold = [s for j, s in enumerate(sents) if j % FOLDS == k]
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


def harmonise(sets) -> None:
    """Rewrite gold lemmas in place per :data:`HARMONISE`."""
    for name, ss in sets:
        rules = HARMONISE.get(name.split("-")[0])
        if not rules:
            continue
        for s in ss:
            for i, (w, g) in enumerate(zip(s.words, s.gold)):
                if g is not None:
                    s.gold[i] = rules.get((turkish_lower(w), turkish_lower(g)), g)


def dev_split(sets, fold: int = DEV_EVERY - 1) -> tuple[list, list]:
    """(fit part, dev part) of the training sets: sentence j of each set is dev when j % DEV_EVERY == fold."""
    fit_part = [(n, [s for j, s in enumerate(ss) if j % DEV_EVERY != fold]) for n, ss in sets]
    dev_part = [(n + "/dev", [s for j, s in enumerate(ss) if j % DEV_EVERY == fold]) for n, ss in sets]
    return fit_part, dev_part


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ud", nargs="?", default=str(DEFAULT_UD))
    ap.add_argument("--no-imst", action="store_true", help="fit without IMST (CC BY-NC-SA)")
    ap.add_argument("--out", default=str(ROOT / "toolkit" / "resources" / L.MODEL_RESOURCE))
    ap.add_argument("--weight", action="append", default=[], metavar="NAME=N",
                    help="times each token of the treebank NAME (IMST, Kenet, Penn, BOUN) counts; 0 leaves "
                         "it out (defaults: %s)" % ", ".join(f"{k}={v}" for k, v in WEIGHTS.items()))
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="perceptron passes over the data")
    ap.add_argument("--eval", action="store_true", help="also print held-out accuracy (IMST dev, BOUN odd)")
    ap.add_argument("--dev", action="store_true",
                    help="tuning mode: fit without every %dth training sentence, score those end to end "
                         "(lemmatize(), verb/verbal-noun decision included); writes no model" % DEV_EVERY)
    ap.add_argument("--cv", action="store_true",
                    help="like --dev, but over all %d dev folds in turn, accuracy pooled" % DEV_EVERY)
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="with --dev or --cv: print the N commonest (form, gold, system) errors")
    args = ap.parse_args(argv)
    t0 = time.time()
    ud = Path(args.ud)
    sets = training_sets(ud, with_imst=not args.no_imst)
    weights = dict(WEIGHTS)
    for kv in args.weight:
        name, _, n = kv.partition("=")
        if name not in weights or not n.isdigit():
            ap.error(f"--weight {kv}: give NAME=N with NAME one of {', '.join(weights)} and N a whole number")
        weights[name] = int(n)
    sets = [(n, ss) for n, ss in sets if weights[n.split("-")[0]] > 0]
    harmonise(sets)
    morph = Morphology()
    if args.dev or args.cv:
        lemmatize = lambda words: L.lemmatize(words, morph)  # noqa: E731
        pooled: dict[str, list[int]] = {}
        wrong: dict[str, Counter] = defaultdict(Counter)
        for fold in range(DEV_EVERY) if args.cv else [DEV_EVERY - 1]:
            fit_part, dev_part = dev_split(sets, fold)
            L._model = L.LemmaModel(fit(fit_part, morph, weights, args.epochs))
            for name, ss in dev_part:
                right, total = score(ss, lemmatize)
                e = pooled.setdefault(name, [0, 0])
                e[0] += right
                e[1] += total
                print(f"  fold {fold} {name:<20} {total:>6} tokens  lemmatize() accuracy "
                      f"{100 * right / max(total, 1):.2f}%")
                for k, w, g, lem in errors(ss, lemmatize, args.errors * 100) if args.errors else ():
                    wrong[name][(w, g, lem)] += k
        for name, (right, total) in pooled.items():
            print(f"POOLED {name:<20} {total:>6} tokens  lemmatize() accuracy {100 * right / max(total, 1):.2f}%")
        for name, counts in wrong.items():
            print(f"most frequent errors on {name} (count, form, gold, system):")
            for (w, g, lem), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:args.errors]:
                print(f"  {k:>4}  {w:<20} {g:<16} {lem}")
        return 0
    model = fit(sets, morph, weights, args.epochs)
    model["meta"]["licence"] = "CC BY-SA 4.0" if args.no_imst else "CC BY-NC-SA 4.0 (includes IMST)"
    if args.eval:
        table, vocab, w = model["table"], model["vocab"], model["weights"]
        for name, ss in heldout_sets(ud):
            evaluate(name, instances(ss, morph, table, vocab), w)
    raw = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {args.out}: {len(raw) / 1e6:.2f} MB JSON, {Path(args.out).stat().st_size / 1e6:.2f} MB gzip; "
          f"{len(model['weights'])} weights, {len(model['table'])} forms, temperature {model['temperature']}; "
          f"{time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
