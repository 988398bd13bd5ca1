"""Lemma accuracy on UD Turkish CoNLL-U files: toolkit.lemmatize beside two baselines.

Usage (from the repository root)::

    PYTHONPATH=. python benchmarks/lemma_accuracy.py FILE.conllu [FILE.conllu ...]
    PYTHONPATH=. python benchmarks/lemma_accuracy.py --heldout [--ud ../shared/data/ud]
        [--model other_model.json.gz] [--errors N]

``--heldout`` scores the data the shipped model never saw: IMST dev, and the held-out half of
BOUN dev (sentences whose sent_id number is odd, see :func:`boun_half`). The model is fitted
on IMST train and the even half of BOUN dev (scripts/train_lemma_model.py; Kenet and Penn dev only on request).

Scoring rules
-------------
* Gold is the UD LEMMA column. Gold and system lemma are both normalised: Turkish lower-casing
  (I→ı, İ→i), â/î/û → a/i/u, the question clitic mı/mu/mü → mi.
* Where gold UPOS is VERB, a dictionary-form system lemma (gelmek) is compared by its bare stem
  (a final -mak/-mek of the system lemma is stripped).
* PUNCT tokens are skipped; so are the words inside a multiword-token range: the system sees the
  multiword token's surface as one word of the sentence, and that word is not scored.
* Each sentence goes to the lemmatiser as the list of its surface words (multiword tokens as
  their surface, punctuation included).

Systems: ``toolkit`` (toolkit.lemmas.lemmatize), ``toolkit-text`` (the path articles take in
``toolkit.analyze``: the sentence as written, ``# text =``, tokenised by the toolkit and
lemmatised in context; each UD word gets the lemma of the toolkit token with exactly its
characters, none if the toolkit splits it otherwise), ``zeyrek-first`` (the first lemma among the
readings of toolkit.morphology — zeyrek with its state bug fixed, readings in a fixed order;
the bare word when zeyrek has none), ``simplemma`` (simplemma.lemmatize(word, lang="tr")).
Lemma-choice speed is measured on cached readings (every form analysed beforehand).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import dataclass
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


def matches(system: str, gold: str, upos: str | None) -> bool:
    s, g = normalise(system), normalise(gold)
    if upos == "VERB" and len(s) > 3 and (s.endswith("mak") or s.endswith("mek")):
        s = s[:-3]
    return s == g


def boun_half(sent_id: str) -> int:
    """0 (fitted on) or 1 (held out) for a BOUN sentence: parity of its sent_id number."""
    m = re.search(r"(\d+)$", sent_id)
    return int(m.group(1)) % 2 if m else 0


def heldout_sets(ud: Path) -> list[tuple[str, list[Sentence]]]:
    boun = read_conllu(ud / "UD_Turkish-BOUN" / "tr_boun-ud-dev.conllu")
    return [
        ("IMST-dev", read_conllu(ud / "UD_Turkish-IMST" / "tr_imst-ud-dev.conllu")),
        ("BOUN-dev-odd", [s for s in boun if boun_half(s.sent_id) == 1]),
    ]


def training_sets(ud: Path, with_imst: bool = True) -> list[tuple[str, list[Sentence]]]:
    boun = read_conllu(ud / "UD_Turkish-BOUN" / "tr_boun-ud-dev.conllu")
    sets = []
    if with_imst:
        sets.append(("IMST-train", read_conllu(ud / "UD_Turkish-IMST" / "tr_imst-ud-train.conllu")))
    sets += [
        ("Kenet-dev", read_conllu(ud / "UD_Turkish-Kenet" / "tr_kenet-ud-dev.conllu")),
        ("Penn-dev", read_conllu(ud / "UD_Turkish-Penn" / "tr_penn-ud-dev.conllu")),
        ("BOUN-dev-even", [s for s in boun if boun_half(s.sent_id) == 0]),
    ]
    return sets


def score(sents: list[Sentence], system) -> tuple[int, int]:
    right = total = 0
    for s in sents:
        lemmas = system(s) if getattr(system, "reads_text", False) else system(s.words)
        assert len(lemmas) == len(s.words)
        for lem, g, u in zip(lemmas, s.gold, s.upos):
            if g is None:
                continue
            total += 1
            right += matches(lem, g, u)
    return right, total


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="CoNLL-U files to score")
    ap.add_argument("--heldout", action="store_true", help="score IMST dev and the odd half of BOUN dev")
    ap.add_argument("--ud", default=str(DEFAULT_UD), help="UD folder (default ../shared/data/ud)")
    ap.add_argument("--model", help="score this lemma model file (gzip JSON) instead of the shipped one")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print the N most frequent (form, gold, system) errors of toolkit per data set")
    args = ap.parse_args(argv)
    sets = [(Path(f).name, read_conllu(f)) for f in args.files]
    if args.heldout:
        sets += heldout_sets(Path(args.ud))
    if not sets:
        ap.error("give CoNLL-U files or --heldout")

    from toolkit import lemmas as L

    if args.model:
        L._model = L.LemmaModel(json.loads(gzip.decompress(Path(args.model).read_bytes()).decode("utf-8")))
    systems = [("toolkit", L.lemmatize), ("toolkit-text", analyze_lemmas), ("zeyrek-first", zeyrek_first),
               ("simplemma", simplemma_lemmas)]
    print(f"{'data':<16}{'tokens':>8}" + "".join(f"{n:>14}" for n, _ in systems))
    for name, sents in sets:
        row = []
        total = 0
        for _, fn in systems:
            r, total = score(sents, fn)
            row.append(100.0 * r / max(total, 1))
        print(f"{name:<16}{total:>8}" + "".join(f"{a:>13.2f}%" for a in row))
    for name, sents in sets if args.errors else ():
        print(f"most frequent toolkit errors on {name} (count, form, gold, system):")
        for k, w, g, lem in errors(sents, L.lemmatize, args.errors):
            print(f"  {k:>4}  {w:<20} {g:<16} {lem}")

    # Lemma-choice speed with cached readings: every form is analysed once before timing.
    from toolkit.morphology import default_morphology

    morph = default_morphology()
    all_sents = [s.words for _, ss in sets for s in ss]
    prepared = [L.prepare(words, morph) for words in all_sents]  # tokens + readings, cached
    ntok = sum(len(w) for w in all_sents)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for tokens, readings in prepared:
            L.choose(tokens, readings)
        best = min(best, time.perf_counter() - t0)
    print(f"lemma choice (cached readings): {ntok / best:,.0f} tokens/s over {ntok} tokens")
    t0 = time.perf_counter()
    for words in all_sents:
        L.lemmatize(words, morph)
    dt = time.perf_counter() - t0
    print(f"lemmatize() end to end (readings memoised): {ntok / dt:,.0f} tokens/s")
    per_form, per_token = choice_costs(prepared)
    print(f"lemma choice, new word form (candidates + static score, simplemma memoised): {per_form:.1f} µs per form")
    print(f"lemma choice, static candidates cached (choose()): {per_token:.2f} µs per token "
          f"({1e6 / per_token:,.0f} tokens/s)")
    return 0


def choice_costs(prepared, repeats: int = 5) -> tuple[float, float]:
    """(µs per new word form, µs per token) of lemma choice over prepared (tokens, readings) sentences.

    Per new form: building and statically scoring the candidates of every distinct form
    (``LemmaModel._static_entry``, what choose() calls; the
    per-form cache emptied before each pass). Per token: choose() with every form cached. Each is
    the fastest of ``repeats`` passes (the machine may be shared).
    """
    import gc

    from toolkit import lemmas as L

    m = L.model()
    forms = {}
    for tokens, readings in prepared:
        for t, r in zip(tokens, readings):
            forms.setdefault((t.surface, t.base, t.suffix, r), (t, r))
    pairs = list(forms.values())
    for t, _ in pairs:
        L._simplemma(t.surface)
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
        L.choose(tokens, readings)
    per_token = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for tokens, readings in prepared:
            L.choose(tokens, readings)
        per_token = min(per_token, (time.perf_counter() - t0) / ntok * 1e6)
    return per_form, per_token


if __name__ == "__main__":
    sys.exit(main())
