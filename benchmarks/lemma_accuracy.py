"""Lemma accuracy on UD Turkish gold: toolkit.lemmatize beside two baselines, under one protocol.

Usage (from the repository root)::

    PYTHONPATH=. python benchmarks/lemma_accuracy.py --split            # the protocol's split sizes
    PYTHONPATH=. python benchmarks/lemma_accuracy.py --heldout [--model NAME=FILE ...] [--errors N]
    PYTHONPATH=. python benchmarks/lemma_accuracy.py FILE.conllu [FILE.conllu ...]

Protocol (see :func:`protocol_split`, docs/lemma-model.md): the gold of the four treebanks in
../shared/data/ud (IMST train+dev, BOUN/Kenet/Penn dev) is split by document, never by
interleaved sentences. Each treebank has a fixed **held-out** part (IMST: its dev file; BOUN,
Kenet, Penn: the last quarter of each register's or section's sentence numbers), scored once per
release with ``--heldout``; the rest is the **tuning** part, cut into 5 contiguous runs of
documents for cross-validation (scripts/train_lemma_model.py --cv) and then fitted on whole to
make the shipped models.

Scoring rules
-------------
* Gold is the UD LEMMA column. Gold and system lemma are both normalised: Turkish lower-casing
  (I→ı, İ→i), â/î/û → a/i/u, the question clitic mı/mu/mü → mi.
* **strict**: the exact UD lemma; a dictionary-form system lemma (gelmek) is compared by its
  bare stem only where gold UPOS is VERB. **relaxed**: -mak/-mek ≡ bare stem whatever the tag.
* PUNCT tokens are skipped; so are the words inside a multiword-token range: the system sees the
  multiword token's surface as one word of the sentence, and that word is not scored.
* Each sentence goes to the lemmatiser as the list of its surface words (multiword tokens as
  their surface, punctuation included).

Systems: ``toolkit`` (toolkit.lemmas.lemmatize), ``toolkit-text`` (the path articles take in
``toolkit.analyze``: the sentence as written, ``# text =``, tokenised by the toolkit and
lemmatised in context, in analyze's dictionary forms, so strict counts its *gelmek* wrong for an
ADJ-tagged participle; each UD word gets the lemma of the toolkit token with exactly its
characters, none if the toolkit splits it otherwise; ``--text``), ``zeyrek-first`` (the first lemma among the
readings of toolkit.morphology — zeyrek with its state bug fixed, readings in a fixed order;
the bare word when zeyrek has none), ``simplemma`` (simplemma.lemmatize(word, lang="tr")).
Every toolkit model given (the shipped default first, then each ``--model``) is scored; lemma-choice
speed is measured on cached readings (every form analysed beforehand), passes of the models
interleaved, and quoted as a ratio to the first.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from toolkit.text import strip_circumflex, turkish_lower

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_UD = ROOT.parent / "shared" / "data" / "ud"


@dataclass
class Sentence:
    sent_id: str
    words: list[str]          # what the lemmatiser sees
    gold: list[str | None]    # gold lemma per word, None = not scored
    upos: list[str | None]
    text: str = ""            # the sentence as written (# text =)


def read_conllu(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL-U file as the lemmatiser sees them, with gold per word."""
    out: list[Sentence] = []
    sent_id = text = ""
    words: list[str] = []
    gold: list[str | None] = []
    upos: list[str | None] = []
    skip_until = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                out.append(Sentence(sent_id, words, gold, upos, text))
            sent_id, text, words, gold, upos, skip_until = "", "", [], [], [], 0
            continue
        if line.startswith("#"):
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue  # empty nodes
        if "-" in tid:
            words.append(cols[1])
            gold.append(None)
            upos.append(None)
            skip_until = int(tid.split("-")[1])
            continue
        if int(tid) <= skip_until:
            continue
        words.append(cols[1])
        if cols[3] == "PUNCT":
            gold.append(None)
        else:
            gold.append(cols[2])
        upos.append(cols[3])
    if words:
        out.append(Sentence(sent_id, words, gold, upos, text))
    return out


_CLITIC = {"mı": "mi", "mu": "mi", "mü": "mi"}


def normalise(lemma: str) -> str:
    s = strip_circumflex(turkish_lower(lemma))
    return _CLITIC.get(s, s)


def matches(system: str, gold: str, upos: str | None, relaxed: bool = False) -> bool:
    """Strict: the normalised lemmas are equal, a -mak/-mek system lemma counting as its bare
    stem only where gold UPOS is VERB. ``relaxed``: -mak/-mek ≡ bare stem whatever the tag."""
    s, g = normalise(system), normalise(gold)
    if (relaxed or upos == "VERB") and s != g and len(s) > 3 and (s.endswith("mak") or s.endswith("mek")):
        s = s[:-3]
    return s == g


TREEBANKS = ("BOUN", "IMST", "Kenet", "Penn")
FILES = {
    "BOUN": ["UD_Turkish-BOUN/tr_boun-ud-dev.conllu"],
    "IMST": ["UD_Turkish-IMST/tr_imst-ud-train.conllu", "UD_Turkish-IMST/tr_imst-ud-dev.conllu"],
    "Kenet": ["UD_Turkish-Kenet/tr_kenet-ud-dev.conllu"],
    "Penn": ["UD_Turkish-Penn/tr_penn-ud-dev.conllu"],
}
# Licence of each treebank's gold (see ../shared/data/ud/README.md): what a model fitted on it may be used for.
LICENCES = {"BOUN": "CC BY-SA 4.0", "IMST": "CC BY-NC-SA 4.0", "Kenet": "CC BY-SA 4.0", "Penn": "CC BY-SA 4.0"}
HELDOUT_SHARE = 0.25  # BOUN, Kenet, Penn: the last quarter of each stratum's ids is held out
BLOCK = {"BOUN": 100, "Kenet": 100, "Penn": 50}  # ids per pseudo-document where no document id exists
FOLDS = 5


def place(treebank: str, sent_id: str) -> tuple[str, int, str]:
    """(stratum, number, document) of a sentence, from its sent_id.

    * IMST: ``00001131_2`` → document ``00001131`` (the treebank's own newdoc id), one stratum
      per file half: IMST's own train/dev split is by document.
    * BOUN: ``news_986`` names the register and a running number within it (neighbouring
      numbers are neighbouring sentences of a source text); no document id, so a document is a
      block of BLOCK ids of one register (``news/9``).
    * Kenet: ``7700.train`` a running number (dictionary example sentences, a headword's
      examples side by side): blocks of BLOCK ids.
    * Penn: ``15-0261.dev`` a WSJ section and a running number: blocks of BLOCK ids per section.
    """
    if treebank == "IMST":
        doc, _, n = sent_id.rpartition("_")
        return "", int(n or 0), doc
    if treebank == "BOUN":
        stratum, _, n = sent_id.rpartition("_")
    elif treebank == "Penn":
        stratum, _, n = sent_id.partition(".")[0].partition("-")
    else:
        stratum, n = "", sent_id.partition(".")[0]
    number = int(n)
    return stratum, number, "%s/%d" % (stratum, number // BLOCK[treebank])


@dataclass
class Gold:
    """All gold of one treebank, split for the protocol: ``tuning`` (k-fold cross-validation and
    the released model's fit), ``heldout`` (scored once per release), ``fold`` (sentence → fold
    of the tuning part, by document)."""

    treebank: str
    tuning: list[Sentence]
    heldout: list[Sentence]
    fold: dict[int, int]

    def folds(self, k: int) -> tuple[list[Sentence], list[Sentence]]:
        """(fit part, scored part) of cross-validation fold ``k``."""
        fit = [s for s in self.tuning if self.fold[id(s)] != k]
        return fit, [s for s in self.tuning if self.fold[id(s)] == k]


def protocol_split(treebank: str, sents: list[Sentence], imst_dev: set[int] = frozenset(), folds: int = FOLDS) -> Gold:
    """The protocol's split of one treebank's sentences (see :func:`place`).

    Held out: for IMST, its dev file (documents of their own); for BOUN, Kenet and Penn, the
    sentences whose number is in the last HELDOUT_SHARE of their stratum's numbers (one
    contiguous stretch per register or section: at most one document is cut in two). The rest
    is the tuning part, ordered by (stratum, number) and cut into ``folds`` contiguous runs of
    whole documents of about equal size in tokens. Never are neighbouring sentences interleaved.
    """
    placed = sorted(((place(treebank, s.sent_id), k, s) for k, s in enumerate(sents)), key=lambda t: (t[0][0], t[0][1], t[1]))
    if treebank == "IMST":
        held = {id(s) for s in sents if id(s) in imst_dev}
    else:
        span: dict[str, tuple[int, int]] = {}
        for (stratum, n, _), _, _ in placed:
            lo, hi = span.get(stratum, (n, n))
            span[stratum] = (min(lo, n), max(hi, n))
        held = {id(s) for (stratum, n, _), _, s in placed
                if n - span[stratum][0] >= (1 - HELDOUT_SHARE) * (span[stratum][1] - span[stratum][0] + 1)}
    tuning = [(p, s) for p, _, s in placed if id(s) not in held]
    if treebank == "IMST":  # IMST documents in file order (their numbers are not ordered)
        tuning = [(p, s) for p, s in sorted(tuning, key=lambda t: sents.index(t[1]))]
    sizes = [sum(g is not None for g in s.gold) for _, s in tuning]
    total, before, fold, last_doc, k = sum(sizes) or 1, 0, {}, None, 0
    for ((stratum, _, doc), s), size in zip(tuning, sizes):
        if (stratum, doc) != last_doc:
            k = min(folds - 1, folds * before // total)
            last_doc = (stratum, doc)
        fold[id(s)] = k
        before += size
    return Gold(treebank, [s for _, s in tuning], [s for s in sents if id(s) in held], fold)


def gold_data(ud: Path = DEFAULT_UD, treebanks=TREEBANKS, folds: int = FOLDS) -> dict[str, Gold]:
    """Every treebank's gold, split by :func:`protocol_split`."""
    out = {}
    for tb in treebanks:
        parts = [read_conllu(ud / f) for f in FILES[tb]]
        sents = [s for part in parts for s in part]
        dev = {id(s) for s in parts[-1]} if tb == "IMST" else set()
        out[tb] = protocol_split(tb, sents, dev, folds)
    return out


def score(sents: list[Sentence], system) -> tuple[int, int, int]:
    """(strict right, relaxed right, scored tokens) of ``system`` over ``sents``."""
    strict = relaxed = total = 0
    for s in sents:
        lemmas = system(s) if getattr(system, "reads_text", False) else system(s.words)
        assert len(lemmas) == len(s.words)
        for lem, g, u in zip(lemmas, s.gold, s.upos):
            if g is None:
                continue
            total += 1
            strict += matches(lem, g, u)
            relaxed += matches(lem, g, u, relaxed=True)
    return strict, relaxed, total


def errors(sents: list[Sentence], system, n: int) -> list[tuple[int, str, str, str]]:
    """The ``n`` most frequent wrong (count, form, gold, system lemma) triples, commonest first."""
    from collections import Counter

    wrong: Counter = Counter()
    for s in sents:
        for w, lem, g, u in zip(s.words, system(s.words), s.gold, s.upos):
            if g is not None and not matches(lem, g, u):
                wrong[(w, g, lem)] += 1
    return [(k, *t) for t, k in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def analyze_lemmas(sentence: Sentence) -> list[str]:
    """toolkit's own path for articles (what ``toolkit.analyze`` does to a text, UD lemmas) on the
    sentence as written: toolkit tokenises it, and each UD word gets the lemma of the toolkit
    token with exactly its characters; a word toolkit tokenises otherwise gets none (wrong)."""
    from toolkit.tokens import tokens_for
    from toolkit.morphology import default_morphology

    text = sentence.text or " ".join(sentence.words)
    by_span = {}
    for piece in tokens_for(text, default_morphology(), None, False):
        by_span.update(zip(zip(piece["start"], piece["end"]), piece["lemma"]))
    out, at = [], 0
    for word in sentence.words:
        k = at
        while k < len(text) and text[k].isspace():
            k += 1
        if not text.startswith(word, k):  # the words are the text's, in order: this is rare
            k = text.find(word, at)
        if k < 0:
            out.append("")
            continue
        out.append(by_span.get((k, k + len(word)), ""))
        at = k + len(word)
    return out


analyze_lemmas.reads_text = True


def zeyrek_first(words: list[str]) -> list[str]:
    from toolkit.morphology import default_morphology

    m = default_morphology()
    out = []
    for w in words:
        base = w.split("'")[0] if "'" in w else w
        r = m.analyze(w.replace("'", "")) or m.analyze(base)
        out.append(strip_circumflex(r[0].lemma) if r else base)
    return out


def simplemma_lemmas(words: list[str]) -> list[str]:
    import simplemma

    return [simplemma.lemmatize(w, lang="tr") for w in words]


def load_model(path: str | Path):
    """A :class:`toolkit.lemmas.LemmaModel` read from a gzip JSON file (as the training script writes)."""
    from toolkit import lemmas as L

    return L.LemmaModel(json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8")))


def toolkit_system(lemma_model):
    """``words → lemmas`` of toolkit.lemmatize with ``lemma_model`` (a LemmaModel, or a shipped model's name)."""
    from toolkit import lemmas as L

    return lambda words: L.lemmatize(words, lemma_model=lemma_model)


def print_table(sets: list[tuple[str, list[Sentence]]], systems) -> None:
    """One row per data set: tokens, then strict / relaxed accuracy (%) of each system."""
    print(f"{'data':<16}{'tokens':>8}" + "".join(f"{n:>22}" for n, _ in systems))
    print(f"{'':<16}{'':>8}" + "".join(f"{'strict / relaxed':>22}" for _ in systems))
    for name, sents in sets:
        row = ""
        total = 0
        for _, fn in systems:
            strict, relaxed, total = score(sents, fn)
            row += f"{100 * strict / max(total, 1):>13.2f} / {100 * relaxed / max(total, 1):5.2f}"
        print(f"{name:<16}{total:>8}" + row, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="CoNLL-U files to score")
    ap.add_argument("--heldout", action="store_true",
                    help="score the protocol's held-out part of each treebank (once per release)")
    ap.add_argument("--split", action="store_true", help="print the protocol's split sizes")
    ap.add_argument("--ud", default=str(DEFAULT_UD), help="UD folder (default ../shared/data/ud)")
    ap.add_argument("--model", action="append", default=[], metavar="NAME=FILE",
                    help="also score toolkit with this lemma model file (gzip JSON); repeatable")
    ap.add_argument("--text", action="store_true", help="also score toolkit-text (the path of toolkit.analyze)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print the N most frequent (form, gold, system) strict errors of toolkit per data set")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed figures")
    ap.add_argument("--speed-baseline", metavar="DIR",
                    help="also time the lemma choice of the toolkit checkout DIR (e.g. a git worktree of the "
                         "previous release), interleaved with this one's, as the base of the speed ratios")
    ap.add_argument("--speed-repeats", type=int, default=5, metavar="N",
                    help="interleaved timing passes; the fastest counts (default %(default)s; more on a busy machine)")
    args = ap.parse_args(argv)
    ud = Path(args.ud)
    sets = [(Path(f).name, read_conllu(f)) for f in args.files]
    if args.split:
        for tb, g in gold_data(ud).items():
            n = lambda ss: sum(x is not None for s in ss for x in s.gold)  # noqa: E731
            folds = [n(g.folds(k)[1]) for k in range(FOLDS)]
            print(f"{tb:<6} tuning {len(g.tuning):>5} sentences {n(g.tuning):>6} tokens (folds {folds}); "
                  f"held out {len(g.heldout):>4} sentences {n(g.heldout):>6} tokens")
    if args.heldout:
        sets += [(tb + "-heldout", g.heldout) for tb, g in gold_data(ud).items()]
    if not sets:
        if args.split:
            return 0
        ap.error("give CoNLL-U files or --heldout")

    from toolkit import lemmas as L

    models = [("toolkit", L.model())]
    for spec in args.model:
        name, eq, path = spec.partition("=")
        if not eq:
            ap.error(f"--model {spec}: give NAME=FILE")
        models.append((f"toolkit[{name}]", load_model(path)))
    systems = [("zeyrek-first", zeyrek_first), ("simplemma", simplemma_lemmas)]
    systems += [(name, toolkit_system(m)) for name, m in models]
    if args.text:
        systems.append(("toolkit-text", analyze_lemmas))
    print_table(sets, systems)
    for name, sents in sets if args.errors else ():
        print(f"most frequent toolkit errors on {name} (count, form, gold, system):")
        for k, w, g, lem in errors(sents, toolkit_system(models[-1][1]), args.errors):
            print(f"  {k:>4}  {w:<20} {g:<16} {lem}")
    if not args.no_speed:
        speed(sets, models, baseline_lemmas(args.speed_baseline) if args.speed_baseline else None, args.speed_repeats)
    return 0


def baseline_lemmas(code: str | Path):
    """(lemma-choice module, its model) of another checkout of the toolkit (``code``: its root),
    to time against this one in the same run: its ``toolkit/lemmas.py`` loaded as a module of its
    own, beside this toolkit's text and morphology, with the model shipped in that checkout."""
    import importlib.util

    root = Path(code)
    spec = importlib.util.spec_from_file_location("baseline_lemmas", root / "toolkit" / "lemmas.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    resource = getattr(module, "MODEL_RESOURCE", None) or module.MODELS["default"]  # 0.4.0 on: MODELS
    data = json.loads(gzip.decompress((root / "toolkit" / "resources" / resource).read_bytes()))
    return module, module.LemmaModel(data)


def speed(sets, models, baseline=None, repeats: int = 5) -> None:
    """Lemma-choice speed (``choose()``, the path of toolkit.analyze) of each model on the words of
    ``sets``, passes interleaved (the machine may be shared), as µs per new word form and per token
    with cached candidates, and as a ratio to the first. ``baseline``: (module, model) of
    :func:`baseline_lemmas`, timed first."""
    import inspect

    from toolkit import lemmas as L
    from toolkit.lemma_simplemma import simplemma_lemma
    from toolkit.morphology import default_morphology

    morph = default_morphology()
    prepared = [L.prepare(s.words, morph) for _, ss in sets for s in ss]  # tokens + readings, cached
    ntok = sum(len(t) for t, _ in prepared)
    runs = []
    if baseline:
        module, old = baseline
        if "lemma_model" in inspect.signature(module.choose).parameters:  # 0.4.0 on: the model is an argument
            runs.append(("baseline code", old, partial(module.choose, lemma_model=old), simplemma_lemma))
        else:
            module._model = old  # that code reads its one model from there
            runs.append(("baseline code", old, module.choose, module._simplemma))
    runs += [(name, m, partial(L.choose, lemma_model=m), simplemma_lemma) for name, m in models]
    costs = {name: [float("inf"), float("inf")] for name, *_ in runs}
    for _ in range(repeats):
        for name, m, choose, simplemma in runs:
            per_form, per_token = choice_costs(prepared, m, choose, simplemma, repeats=1)
            c = costs[name]
            c[0], c[1] = min(c[0], per_form), min(c[1], per_token)
    base = costs[runs[0][0]]
    print(f"lemma choice over {ntok} tokens (fastest of {repeats} interleaved passes):")
    for name, (per_form, per_token) in costs.items():
        print(f"  {name:<22} new word form {per_form:6.1f} µs ({per_form / base[0]:.3f}x)   "
              f"cached form {per_token:5.2f} µs per token ({per_token / base[1]:.3f}x)")


def choice_costs(prepared, m, choose, simplemma, repeats: int = 5) -> tuple[float, float]:
    """(µs per new word form, µs per token) of lemma choice over prepared (tokens, readings) sentences.

    Per new form: building and statically scoring the candidates of every distinct form
    (``m._static_entry``, what ``choose`` calls; the per-form cache emptied before each pass;
    ``simplemma``: the word → lemma function it asks, called beforehand so its lookups are
    memoised). Per token: ``choose(tokens, readings)`` with every form cached. Each is the
    fastest of ``repeats`` passes (the machine may be shared).
    """
    import gc

    forms = {}
    for tokens, readings in prepared:
        for t, r in zip(tokens, readings):
            forms.setdefault((t.surface, t.base, t.suffix, r), (t, r))
    pairs = list(forms.values())
    for t, _ in pairs:
        simplemma(t.surface)
    per_form = float("inf")
    for _ in range(repeats):
        m.clear_cache()
        gc.collect()
        t0 = time.perf_counter()
        for t, r in pairs:
            m._static_entry(t, r)  # what choose() calls
        per_form = min(per_form, (time.perf_counter() - t0) / len(pairs) * 1e6)
    ntok = sum(len(tokens) for tokens, _ in prepared)
    for tokens, readings in prepared:
        choose(tokens, readings)
    per_token = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for tokens, readings in prepared:
            choose(tokens, readings)
        per_token = min(per_token, (time.perf_counter() - t0) / ntok * 1e6)
    return per_form, per_token


if __name__ == "__main__":
    sys.exit(main())
