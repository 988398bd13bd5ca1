"""How valid frame counts are: coded sheets in, precision, agreement and recall out.

The way out is :func:`toolkit.kwic.coding_sheet` (sampled hits) and :func:`recall_sheet`
(sampled sentences); coders fill them in and :func:`validate` reads them back.

Sheet conventions
-----------------
* A coding sheet has one row per sampled hit (``item, frame, population, …``) and one column
  per coder: ``frame_present`` (a single coder) or ``frame_present_<coder>`` (several), each
  1 (the line carries the frame) or 0, empty when not coded (*evet*/*hayır*, *yes*/*no*,
  *true*/*false* are read as 1/0 too). ``negation_correct[_<coder>]``
  likewise (1 = the ``negated`` flag is right). ``population`` is the number of hits of that
  frame the sample was drawn from.
* A recall sheet has one row per sampled sentence, ``counted`` (the frames the counts find in
  it, comma-separated), ``population`` (the number of sentences the sample is drawn from) and
  one column per coder, ``frames_present[_<coder>]``: the frame names the coder finds in the
  sentence, separated by commas (empty: none). A frame the coders find that ``counted`` lacks
  is a missed one. (A sheet without ``counted``, drawn from sentences without hits before
  0.32.0, counts every frame found as missed.)
* Several coders: an item counts as a true hit when more than half of those who coded it say
  1 (a tie counts as 0); agreement is Krippendorff's α (nominal) over all coded items.
* A row whose ``in_name`` or ``out_of_context`` is true (a sheet drawn with ``include_names`` or
  ``include_out_of_context``) is a hit the frame counts leave out: it is no part of precision,
  agreement or recall, and :attr:`Validation.left_out` says how many there were.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from toolkit.corpus import InputError, file_extension
from toolkit.text import turkish_lower

if TYPE_CHECKING:
    from toolkit.lexicon import Lexicon

Z95 = 1.959963984540054
RECALL_COLUMNS = ["item", "doc_id", "sentence", "text", "counted", "population"]
_YES = {"1", "1.0", "yes", "evet", "true", "y", "e", "x"}
_NO = {"0", "0.0", "no", "hayır", "false", "n", "h"}


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson (1927) score interval for a proportion, 95 % by default; ``(nan, nan)`` when ``n`` is 0.

    >>> [round(x, 3) for x in wilson_interval(18, 20)]
    [0.699, 0.972]
    """
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def krippendorff_alpha(codes: np.ndarray) -> float:
    """Krippendorff's α (nominal) of a coders × items array of 0/1 codes (NaN = not coded);
    NaN with fewer than two coders or no item coded twice."""
    import krippendorff

    if codes.shape[0] < 2 or not (np.sum(~np.isnan(codes), axis=0) >= 2).any():
        return math.nan
    if len(np.unique(codes[~np.isnan(codes)])) < 2:
        return 1.0  # every coder gave every item the same code
    return float(krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal"))


def read_sheet(sheet: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """A coded sheet (CSV or XLSX file, or a DataFrame) and the name errors should use."""
    if isinstance(sheet, pd.DataFrame):
        return sheet.copy(), "<sheet>"
    path = Path(sheet)
    if not path.exists():
        raise InputError(f"{path}: no such coded sheet; check the path.")
    ext = file_extension(path)
    if ext == ".csv":
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False), str(path)
    if ext in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str).fillna(""), str(path)
    raise InputError(f"{path}: a coded sheet must be .csv or .xlsx; save it as one of those.")


def _coder_columns(table: pd.DataFrame, stem: str) -> list[str]:
    """The coder columns ``stem`` and ``stem_<coder>``; the plain ``stem`` column a sheet is
    made with is left out when it is empty and named coders' columns are there."""
    columns = [c for c in table.columns if re.fullmatch(rf"{stem}(_.+)?", str(c))]
    named = [c for c in columns if str(c) != stem]
    if named and stem in columns and not table[stem].fillna("").astype(str).str.strip().astype(bool).any():
        return named
    return columns


def _cell_text(value) -> str:
    """A sheet cell as a code is read: Turkish lower case, trimmed; empty for an empty cell."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else turkish_lower(str(value).strip())


def _codes(table: pd.DataFrame, columns: Sequence[str], origin: str) -> np.ndarray:
    """coders × items array: 1.0, 0.0 or NaN (not coded); an unreadable cell is an error naming its row."""
    out = np.full((len(columns), len(table)), np.nan)
    for c, col in enumerate(columns):
        for r, value in enumerate(table[col].tolist()):
            text = _cell_text(value)
            if text in _YES:
                out[c, r] = 1.0
            elif text in _NO:
                out[c, r] = 0.0
            elif text:
                raise InputError(f"{origin}: row {r + 2}, column {col!r}: {value!r} is not a code; write 1 or 0 "
                                 "(or leave it empty).")
    return out


def _majority(codes: np.ndarray) -> np.ndarray:
    """Per item: 1.0 when more than half of the coders who coded it said 1, 0.0 otherwise, NaN if none did."""
    n = np.sum(~np.isnan(codes), axis=0)
    yes = np.nansum(codes, axis=0)
    return np.where(n > 0, (yes * 2 > n).astype(float), np.nan)


@dataclass
class Validation:
    """What :func:`validate` found.

    ``frames``: one row per frame — ``coded`` (hits judged), ``true`` (judged to carry the
    frame), ``precision`` with its Wilson 95 % interval ``precision_low``/``precision_high``,
    ``alpha`` (Krippendorff's α of the frame's items), ``population`` (hits in the corpus),
    and with a recall sheet ``missed_share`` (share of sampled sentences coded as carrying the
    frame where the counts do not find it), ``estimated_missed`` and ``recall``.
    ``alpha``: α over all items; ``negation_accuracy``: share of coded hits whose ``negated``
    flag the coders judged right (NaN without that column); ``coders``: the coder columns read;
    ``left_out``: rows of hits inside a proper name or out of their frame's context, which
    :meth:`~toolkit.Analysis.frames` does not count, so they are no part of its precision.
    """

    frames: pd.DataFrame
    alpha: float
    negation_accuracy: float
    coders: list[str]
    left_out: int = 0

    def summary(self) -> str:
        """A few plain sentences for a report."""
        f = self.frames
        lines = [f"{int(f['coded'].sum())} hits coded by {len(self.coders)} coder(s); "
                 f"overall precision {f['true'].sum() / max(f['coded'].sum(), 1):.2f}."]
        if self.left_out:
            lines.append(f"{self.left_out} line(s) inside a proper name or out of their frame's context left out: "
                         "the counts do not include them.")
        if not math.isnan(self.alpha):
            lines.append(f"Agreement between coders: Krippendorff's α = {self.alpha:.2f}.")
        if not math.isnan(self.negation_accuracy):
            lines.append(f"Negation flags judged right: {self.negation_accuracy:.2f}.")
        return " ".join(lines)


def validate(sheet: str | Path | pd.DataFrame, recall: str | Path | pd.DataFrame | None = None, *,
             lexicon: Lexicon | None = None) -> Validation:
    """Precision per frame (Wilson 95 % interval), agreement between coders (Krippendorff's α)
    and, with a ``recall`` sheet, recall per frame, from coded sheets (see the module docstring).

    ``sheet`` and ``recall`` are paths to ``.csv``/``.xlsx`` files or DataFrames. Recall is
    estimated in sentence units: true hits = ``population`` × precision; missed = the recall
    sheet's population of sentences × the share of the sampled ones coded as carrying the frame
    where the counts do not find it. The recall sheet
    may name any frame of ``lexicon`` (default: the shipped one), also one with no hit in the
    coding sheet: counted nowhere, its recall is 0.
    """
    table, origin = read_sheet(sheet)
    for needed in ("frame",):
        if needed not in table.columns:
            raise InputError(f"{origin}: no {needed!r} column; use a sheet made by coding_sheet().")
    coders = _coder_columns(table, "frame_present")
    if not coders:
        raise InputError(f"{origin}: no 'frame_present' column; add one per coder (frame_present_<name>) "
                         "with 1 or 0 in each row.")
    codes = _codes(table, coders, origin)
    if np.isnan(codes).all():
        raise InputError(f"{origin}: no line is coded yet; write 1 or 0 under frame_present, or under "
                         "frame_present_<name> (one column per coder).")
    neg_cols = _coder_columns(table, "negation_correct")
    neg_codes = _codes(table, neg_cols, origin) if neg_cols else None
    kept = ~_not_counted(table)
    table, codes = table[kept].reset_index(drop=True), codes[:, kept]
    truth = _majority(codes)
    neg = _majority(neg_codes[:, kept]) if neg_codes is not None else np.full(len(table), np.nan)
    rows = []
    frames = list(dict.fromkeys(table["frame"].astype(str)))
    for frame in frames:
        mask = (table["frame"].astype(str) == frame).to_numpy()
        judged = truth[mask][~np.isnan(truth[mask])]
        low, high = wilson_interval(int(judged.sum()), len(judged))
        population = pd.to_numeric(table.loc[mask, "population"], errors="coerce").max() \
            if "population" in table.columns else np.nan
        rows.append({"frame": frame, "coded": len(judged), "true": int(judged.sum()),
                     "precision": judged.mean() if len(judged) else np.nan, "precision_low": low,
                     "precision_high": high, "alpha": krippendorff_alpha(codes[:, mask]),
                     "population": population})
    out = pd.DataFrame(rows, columns=["frame", "coded", "true", "precision", "precision_low", "precision_high",
                                      "alpha", "population"])
    if recall is not None:
        if lexicon is None:
            from toolkit.lexicon import default_lexicon

            lexicon = default_lexicon()
        out = _with_recall(out, *read_sheet(recall), lexicon.names)
    judged_neg = neg[~np.isnan(neg)]
    return Validation(out, krippendorff_alpha(codes), float(judged_neg.mean()) if len(judged_neg) else math.nan,
                      coders, int((~kept).sum()))


def _not_counted(table: pd.DataFrame) -> np.ndarray:
    """Per row: the hit stands inside a proper name or out of its frame's context (the sheet's
    ``in_name`` / ``out_of_context`` say so), so :meth:`~toolkit.Analysis.frames` does not count it."""
    flagged = np.zeros(len(table), dtype=bool)
    for column in ("in_name", "out_of_context"):
        if column in table.columns:
            flagged |= np.array([_cell_text(v) in _YES for v in table[column].tolist()], dtype=bool)
    return flagged


TARGET_PRECISION = 0.90
TARGET_RECALL = 0.85
KINDS = ("news", "political prose", "dictionary examples")


@dataclass
class HeldOut:
    """How valid the shipped lexicon's frame counts are on text its rules were not set on (what
    :func:`lexicon_validity` returns).

    ``frames``: one row per frame — ``expected`` (hits coders found), ``found`` (hits the
    toolkit counted), ``true`` (counted hits the coders found too), ``precision`` with its
    Wilson 95 % interval ``precision_low``/``precision_high``, and ``recall``.
    ``sentences``: sentences pooled, by kind of text; ``batches`` and ``releases``: the gold
    batches pooled and the releases that scored them (each batch once, on its release's code);
    ``kinds``: one row per kind of text, ``kind, expected, found, true`` over all frames.
    """

    frames: pd.DataFrame
    sentences: dict[str, int]
    batches: list[int]
    releases: list[str]
    kinds: pd.DataFrame

    def weak(self) -> list[str]:
        """Frames below this project's targets (precision 0.90, recall 0.85)."""
        f = self.frames
        return f.loc[(f["precision"] < TARGET_PRECISION) | (f["recall"] < TARGET_RECALL), "frame"].tolist()

    def summary(self) -> str:
        """A few plain sentences for a report."""
        true, found, expected = (int(self.frames[c].sum()) for c in ("true", "found", "expected"))
        parts = ", ".join(f"{n:,} {kind}" for kind, n in self.sentences.items())
        text = (f"The shipped lexicon, scored on {sum(self.sentences.values()):,} coded sentences its rules were "
                f"not set on ({parts}; {len(self.batches)} held-out batches, each scored once by the release it was "
                f"held out for, {self.releases[0]} to {self.releases[-1]}): precision "
                f"{true / max(found, 1):.2f}, recall {true / max(expected, 1):.2f} over all frames.")
        news = self.kinds[self.kinds["kind"] == "news"]
        if len(self.kinds) > 1 and len(news) and news["found"].iloc[0]:
            true, found, expected = (int(news[c].iloc[0]) for c in ("true", "found", "expected"))
            low, high = wilson_interval(true, found)
            text += (f" On news alone ({self.sentences['news']:,} sentences): precision {true / found:.2f} "
                     f"({low:.2f}–{high:.2f}), recall {true / max(expected, 1):.2f}.")
        weak = self.weak()
        if weak:
            text += (f" Below the targets (precision {TARGET_PRECISION:.2f}, recall {TARGET_RECALL:.2f}): "
                     f"{', '.join(weak)}; read their KWIC lines or code a sample before citing their counts.")
        return text


def lexicon_validity(kinds: Sequence[str] | None = None) -> HeldOut:
    """Precision and recall of the shipped lexicon (:meth:`toolkit.Lexicon.default`) per frame,
    pooled over every held-out batch of the project's gold set (``data/frame_gold``): each batch
    was coded blind and scored once, by the release it was held out for, and its counts are
    shipped in ``toolkit/resources/frame_heldout.tsv``. ``kinds`` pools only batches of those
    kinds of text (:data:`KINDS`: ``"news"``, ``"political prose"``, ``"dictionary examples"``).

    The figures describe the shipped lexicon only; a lexicon of one's own needs a coded sample
    of its hits (:func:`validate`).

    >>> v = lexicon_validity()
    >>> v.frames.columns.tolist()[:4]
    ['frame', 'expected', 'found', 'true']
    """
    from importlib import resources

    path = resources.files("toolkit").joinpath("resources/frame_heldout.tsv")
    with resources.as_file(path) as local:
        table = pd.read_csv(local, sep="\t", comment="#", dtype={"release": str, "commit": str})
    if kinds is not None:
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown or not set(kinds):
            raise ValueError(f"unknown kind(s) of text {unknown}; choose one or more of {list(KINDS)}")
        table = table[table["kind"].isin(kinds)]
    counts = table.groupby("frame", sort=False)[["expected", "found", "true"]].sum().reset_index()
    bounds = [wilson_interval(int(t), int(n)) for t, n in zip(counts["true"], counts["found"])]
    counts["precision"] = counts["true"] / counts["found"].where(counts["found"] > 0)
    counts["precision_low"] = [lo for lo, _ in bounds]
    counts["precision_high"] = [hi for _, hi in bounds]
    counts["recall"] = counts["true"] / counts["expected"].where(counts["expected"] > 0)
    batches = table.drop_duplicates("batch")
    sentences = {kind: int(batches.loc[batches["kind"] == kind, "sentences"].sum())
                 for kind in KINDS if (batches["kind"] == kind).any()}
    releases = sorted(batches["release"], key=lambda r: tuple(int(x) for x in r.split(".")))
    kinds_table = table.groupby("kind")[["expected", "found", "true"]].sum().reindex(list(sentences)).reset_index()
    return HeldOut(counts, sentences, sorted(batches["batch"].tolist()), releases, kinds_table)


def _with_recall(frames: pd.DataFrame, table: pd.DataFrame, origin: str, names: Sequence[str]) -> pd.DataFrame:
    coders = _coder_columns(table, "frames_present")
    if not coders or "population" not in table.columns:
        raise InputError(f"{origin}: a recall sheet needs 'population' and one 'frames_present' column per coder; "
                         "use a sheet made by recall_sheet().")
    coded = set(frames["frame"])
    known = coded | set(names)
    n = len(table)
    found: dict[str, np.ndarray] = {f: np.zeros((len(coders), n)) for f in known}
    for c, col in enumerate(coders):
        for r, value in enumerate(table[col].fillna("").astype(str)):
            for name in (x.strip() for x in value.split(",") if x.strip()):
                if name not in known:
                    raise InputError(f"{origin}: row {r + 2}, column {col!r}: no frame {name!r}; "
                                     f"use the names {', '.join(sorted(known))}.")
                found[name][c, r] = 1.0
    counted_in = [{x.strip() for x in str(v).split(",") if x.strip()} for v in table["counted"].fillna("")] \
        if "counted" in table.columns else [set()] * n
    population = float(pd.to_numeric(table["population"], errors="coerce").max())
    share = {f: float((_majority(found[f]) * np.array([f not in c for c in counted_in])).mean()) if n else math.nan
             for f in known}
    absent = [f for f in names if f not in coded and share[f] > 0]  # missed, never counted here
    frames = pd.concat([frames, pd.DataFrame({"frame": absent, "coded": 0, "true": 0, "population": 0})],
                       ignore_index=True) if absent else frames.copy()
    frames["missed_share"] = frames["frame"].map(share)
    frames["estimated_missed"] = frames["missed_share"] * population
    true_hits = (frames["population"] * frames["precision"]).where(frames["population"] > 0, 0.0)
    frames["recall"] = true_hits / (true_hits + frames["estimated_missed"])
    return frames


def recall_sheet(tokens: pd.DataFrame, texts: Mapping[str, str], hits: pd.DataFrame, *, n: int = 200,
                 seed: int = 0) -> pd.DataFrame:
    """A random sample of ``n`` sentences, for coders to mark the frames each carries; ``hits``
    are the hits that count, and a frame a coder finds that none of them gives is a missed one.

    Every sentence may be drawn, those with hits too: a sentence where one frame is counted may
    carry another that is not. Columns ``item, doc_id, sentence, text, counted`` (the frames of
    ``hits`` in the sentence, comma-separated), ``population`` (the number of sentences) and an
    empty ``frames_present`` column for a coder.
    """
    units = tokens[["doc_id", "sentence"]].astype({"doc_id": str}).drop_duplicates()
    found: dict[tuple[str, int], set[str]] = {}
    for d, s, f in zip(hits["doc_id"].astype(str), hits["sentence"], hits["frame"].astype(str)):
        found.setdefault((d, int(s)), set()).add(f)
    rng = np.random.default_rng(seed)
    chosen = units.iloc[np.sort(rng.choice(len(units), size=min(n, len(units)), replace=False))] if len(units) else units
    spans = tokens.groupby([tokens["doc_id"].astype(str), "sentence"], observed=True).agg(
        start=("start", "min"), end=("end", "max"))
    rows = [{"item": i + 1, "doc_id": d, "sentence": int(s),
             "text": texts[d][int(spans.at[(d, s), "start"]):int(spans.at[(d, s), "end"])],
             "counted": ", ".join(sorted(found.get((d, int(s)), ()))), "population": len(units)}
            for i, (d, s) in enumerate(zip(chosen["doc_id"], chosen["sentence"]))]
    sheet = pd.DataFrame(rows, columns=RECALL_COLUMNS)
    sheet["frames_present"] = ""
    return sheet
