"""Figures. Each function takes a table (a DataFrame made by :class:`toolkit.Analysis`, or a
mapping) and returns a matplotlib Figure; none computes what a table function could.

Text is set in DejaVu Sans, which ships with matplotlib and has every Turkish glyph
(ç ğ ı İ ö ş ü). The style applies to the toolkit's figures only: importing this module or
drawing with it leaves matplotlib's global settings (``rcParams``) as they were.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

# matplotlib settings of the toolkit's figures, applied while each is drawn (see styled)
STYLE = {"font.family": "DejaVu Sans"}

HIGHLIGHT_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
OTHER_COLOR = "#7f7f7f"


def styled(make_figure: Callable[..., Figure]) -> Callable[..., Figure]:
    """``make_figure`` drawing under :data:`STYLE`, leaving the global settings alone."""

    @functools.wraps(make_figure)
    def draw(*args, **kwargs) -> Figure:
        with matplotlib.rc_context(STYLE):
            return make_figure(*args, **kwargs)

    return draw


def font_path() -> str:
    """Path of the DejaVu Sans font file (Turkish glyphs), for libraries that need a file."""
    return font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=True)


def _freq_mapping(freqs: pd.DataFrame | Mapping[str, float], column: str = "count") -> dict[str, float]:
    if isinstance(freqs, pd.DataFrame):
        label = "term" if "term" in freqs.columns else "lemma"
        return {str(k): float(v) for k, v in zip(freqs[label], freqs[column]) if v > 0}
    return {str(k): float(v) for k, v in freqs.items() if v > 0}


def _highlight_colors(highlight: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    if highlight is None:
        return {}
    if isinstance(highlight, Mapping):
        return dict(highlight)
    return {term: HIGHLIGHT_COLORS[i % len(HIGHLIGHT_COLORS)] for i, term in enumerate(highlight)}


def _whole_numbers(values: pd.Series) -> bool:
    """Whether every value is a whole number (a count), so the axis gets whole-number ticks."""
    numbers = pd.to_numeric(values, errors="coerce")
    return bool(numbers.notna().all() and (numbers % 1 == 0).all())


@styled
def word_cloud(
    freqs: pd.DataFrame | Mapping[str, float],
    *,
    highlight: Iterable[str] | Mapping[str, str] | None = None,
    max_words: int = 120,
    width: int = 1200,
    height: int = 650,
    random_state: int = 42,
    title: str | None = None,
    legend: Mapping[str, str] | None = None,
) -> Figure:
    """A word cloud of term or lemma counts, drawn with ``WordCloud.generate_from_frequencies``.

    ``freqs`` is :meth:`Analysis.term_frequencies` (columns ``term``, ``count``: names such as
    *Kuzey Kore* drawn whole), :meth:`Analysis.lemma_frequencies` (``lemma``, ``count``) or a
    mapping word → weight. ``highlight`` lists words to colour (each its own colour) or maps
    word → colour; other words are grey. Every highlighted word that occurs in ``freqs`` is
    drawn, sized by its count like every other word: when the ``max_words`` largest words
    leave it no room, fewer of the other words are drawn. The layout is fixed by
    ``random_state``. ``legend`` maps a label to a colour, drawn under the cloud (by default,
    one entry per highlighted word drawn).
    """
    from wordcloud import WordCloud

    weights = _freq_mapping(freqs)
    colors = _highlight_colors(highlight)
    if not weights:
        raise ValueError("The word cloud has no words to draw: the frequency table is empty.")

    def color(word: str, **_: object) -> str:
        return colors.get(word, OTHER_COLOR)

    wanted = {w for w in colors if w in weights}
    others = sorted((w for w in weights if w not in wanted), key=lambda w: -weights[w])
    n_others = max(max_words - len(wanted), 0)
    while True:
        chosen = {w: weights[w] for w in [*others[:n_others], *wanted]}
        cloud = WordCloud(
            width=width, height=height, background_color="white", font_path=font_path(),
            max_words=len(chosen), random_state=random_state, prefer_horizontal=0.9, margin=12,
            color_func=color, collocations=False, normalize_plurals=False,
        ).generate_from_frequencies(chosen)
        shown = {w for (w, _), *_ in cloud.layout_}
        if wanted <= shown or n_others == 0:
            break
        n_others = n_others * 3 // 4  # no room was left for a highlighted word: draw fewer others
    entries = legend if legend is not None else {w: c for w, c in colors.items() if w in shown}
    # Room above for the title and below for the legend, so neither overlaps the cloud.
    top, bottom = (0.5 if title else 0.0), (0.45 if entries else 0.0)
    fig = plt.figure(figsize=(width / 100, height / 100 + top + bottom), dpi=100)
    full = height / 100 + top + bottom
    ax = fig.add_axes((0, bottom / full, 1, (height / 100) / full))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        fig.text(0.5, 1 - (top / 2) / full, title, ha="center", va="center", fontsize=14)
    if entries:
        handles = [Patch(color=c, label=label) for label, c in entries.items()]
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), frameon=False, fontsize=11,
                   bbox_to_anchor=(0.5, 0.0))
    plt.close(fig)
    return fig


@styled
def bar_chart(
    table: pd.DataFrame,
    *,
    label: str = "lemma",
    value: str = "count",
    highlight: Iterable[str] | Mapping[str, str] | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Figure:
    """Horizontal bars of ``table[value]`` by ``table[label]``, largest on top.

    Works for :meth:`Analysis.lemma_frequencies` (default columns) and
    :meth:`Analysis.term_counts` (``label="term"``). Highlighted labels get their colour.
    """
    colors = _highlight_colors(highlight)
    data = table[[label, value]].iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(data) + 1.2))
    bar_colors = [colors.get(str(x), "#4c72b0") for x in data[label]]
    ax.barh([str(x) for x in data[label]], data[value], color=bar_colors)
    for y, v in enumerate(data[value]):
        ax.text(v, y, f" {v:g}", va="center", fontsize=9)
    ax.set_xlabel(xlabel or value)
    if _whole_numbers(data[value]):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # no "0.5 occurrences" on a count axis
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    plt.close(fig)
    return fig


# --- framing figures ------------------------------------------------------------------

PLAIN_COLOR = "#4c72b0"
NEGATED_COLOR = "#c44e52"
GROUP_COLORS = ("#1f77b4", "#d62728")
# Ten distinct colours, none grey (grey marks words outside every frame).
FRAME_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22", "#393b79"]


def _label(name: str, labels: Mapping[str, str] | None) -> str:
    return (labels or {}).get(name, name)


@styled
def frame_bar_chart(
    table: pd.DataFrame,
    *,
    value: str = "hits",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bars per frame from :meth:`Analysis.frames` with ``by="corpus"``.

    With ``value="hits"`` the negated hits are drawn as a second, red segment and hits inside
    proper names (``names``, not counted) as a third, grey one, and hits with no public actor in
    their sentence (``out_of_context``, not counted) as a fourth, light grey one, so the reader
    sees them apart; other values (``per_10k``, ``share``) are drawn alone. ``labels`` maps frame
    names to the labels shown (e.g. ``Lexicon.labels``).
    """
    data = table.iloc[::-1]
    names = [_label(str(f), labels) for f in data["frame"]]
    # constrained layout: the legend goes below the axes, outside it, never over a bar or label
    fig, ax = plt.subplots(figsize=(10, 0.4 * len(data) + 1.9), layout="constrained")
    ax.barh(names, data[value], color=PLAIN_COLOR, label="plain" if value == "hits" else None)
    if value == "hits" and "negated" in data:
        ax.barh(names, data["negated"], left=data["hits"], color=NEGATED_COLOR, label="negated")
        in_names = data["names"] if "names" in data else pd.Series(0, index=data.index)
        if in_names.any():
            ax.barh(names, in_names, left=data["hits"] + data["negated"], color="#bbbbbb",
                    label="inside names (not counted)")
        off = data["out_of_context"] if "out_of_context" in data else pd.Series(0, index=data.index)
        if off.any():
            ax.barh(names, off, left=data["hits"] + data["negated"] + in_names, color="#dddddd",
                    label="no public actor (not counted)")
        # the counts as a column of labels on the right, part of the layout: a long one
        # ("314 (+6 neg.) (+17 in names) (+6 no actor)") is never cut off or laid over a bar
        counts = ax.secondary_yaxis("right")
        counts.set_yticks(range(len(data)), labels=[
            f"{h:g}" + (f" (+{n:g} neg.)" if n else "") + (f" (+{m:g} in names)" if m else "")
            + (f" (+{o:g} no actor)" if o else "") for h, n, m, o in zip(data["hits"], data["negated"], in_names, off)])
        counts.tick_params(length=0, labelsize=9)
        counts.spines["right"].set_visible(False)
        fig.legend(loc="outside lower center", ncol=2, frameon=False)
    else:
        for y, v in enumerate(data[value]):
            ax.text(v, y, f" {v:.3g}", va="center", fontsize=9)
    ax.set_xlabel({"hits": "cue occurrences", "per_10k": "hits per 10,000 tokens",
                   "share": "share of articles"}.get(value, value))
    if value == "hits":
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.03 if value == "hits" else 0.18)  # room for the value written after each bar
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    fig.draw_without_rendering()  # lay it out now, as tight_layout does for the other figures
    plt.close(fig)
    return fig


@styled
def frame_timeline(
    table: pd.DataFrame,
    *,
    period: str | None = None,
    value: str = "per_10k",
    facet: str | None = "source",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """One line per frame over ``period`` (from :meth:`Analysis.frames` with ``by=[facet, period]``
    or ``by=period``). Periods are evenly spaced categories, so years without articles do not
    stretch the axis; with a ``facet`` column there is one panel per value, sharing the y axis.
    ``period`` defaults to whichever of day, week, month, quarter, year the table has.
    """
    period = period or next(p for p in ("day", "week", "month", "quarter", "year") if p in table)
    facets = list(dict.fromkeys(table[facet])) if facet and facet in table else [None]
    frames = list(dict.fromkeys(table["frame"]))
    fig, axes = plt.subplots(1, len(facets), figsize=(5.5 * len(facets) + 2.5, 4.6), sharey=True, squeeze=False)
    cmap = plt.get_cmap("tab10")
    for ax, f in zip(axes[0], facets):
        sub = table if f is None else table[table[facet] == f]
        periods = sorted(sub[period].astype(str).unique())
        for i, frame in enumerate(frames):
            s = sub[sub["frame"] == frame].set_index(sub[sub["frame"] == frame][period].astype(str))[value]
            ax.plot(range(len(periods)), [s.get(p, 0) for p in periods], marker="o", color=cmap(i % 10),
                    label=_label(frame, labels))
        ax.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
        ax.set_title(str(f) if f is not None else "")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel(period)
    axes[0][0].set_ylabel({"per_10k": "hits per 10,000 tokens", "share": "share of articles"}.get(value, value))
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=min(len(names), 4), frameon=False, fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.06 * math.ceil(len(names) / 4) + 0.02, 1, 1))
    plt.close(fig)
    return fig


@styled
def frame_heatmap(
    table: pd.DataFrame,
    *,
    rows: str = "source",
    value: str = "per_10k",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """A ``rows`` × frame heatmap of ``value`` from :meth:`Analysis.frames` (``by=rows``),
    each cell annotated with its value."""
    grid = table.pivot_table(index=rows, columns="frame", values=value, sort=False, observed=True)
    grid = grid[[f for f in dict.fromkeys(table["frame"]) if f in grid.columns]]
    fig, ax = plt.subplots(figsize=(1.1 * grid.shape[1] + 3, 0.7 * grid.shape[0] + 2.6))
    im = ax.imshow(grid.to_numpy(float), cmap="Blues", aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [_label(c, labels) for c in grid.columns], rotation=40, ha="right")
    ax.set_yticks(range(grid.shape[0]), [str(i) for i in grid.index])
    top = float(grid.to_numpy(float).max()) if grid.size else 0.0
    for (r, c), v in pd.DataFrame(grid.to_numpy(float)).stack().items():
        ax.text(c, r, f"{v:.0f}" if abs(v) >= 10 else f"{v:.2g}", ha="center", va="center", fontsize=9,
                color="white" if v > top * 0.6 else "black")
    fig.colorbar(im, ax=ax, label={"per_10k": "hits per 10,000 tokens", "share": "share of articles"}.get(value, value))
    if title:
        ax.set_title(title)
    fig.tight_layout()
    plt.close(fig)
    return fig


@styled
def comparison_cloud(
    keyness: pd.DataFrame,
    *,
    names: tuple[str, str] = ("A", "B"),
    max_words: int = 60,
    random_state: int = 42,
    title: str | None = None,
) -> Figure:
    """Two word clouds side by side from :meth:`Analysis.keyness`: lemmas key to the target
    (``key_for == "a"``) left, to the reference right; size is the log-likelihood."""
    from wordcloud import WordCloud

    fig, axes = plt.subplots(1, 2, figsize=(13, 5.8))
    for ax, side, name, color in zip(axes, ("a", "b"), names, GROUP_COLORS):
        sub = keyness[keyness["key_for"] == side].head(max_words)
        weights = {str(k): float(v) for k, v in zip(sub["lemma"], sub["log_likelihood"]) if v > 0}
        ax.set_axis_off()
        ax.set_title(name, fontsize=14, color=color)
        if not weights:
            ax.text(0.5, 0.5, "no key lemmas", ha="center", va="center", transform=ax.transAxes)
            continue
        cloud = WordCloud(width=640, height=520, background_color="white", font_path=font_path(),
                          random_state=random_state, color_func=lambda *a, c=color, **k: c,
                          collocations=False, normalize_plurals=False, prefer_horizontal=0.9, margin=12,
                          ).generate_from_frequencies(weights)
        ax.imshow(cloud.to_array(), interpolation="bilinear")
    if title:
        fig.suptitle(title, fontsize=15)
    fig.tight_layout()
    plt.close(fig)
    return fig


@styled
def dispersion_plot(
    table: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    title: str | None = None,
) -> Figure:
    """Lexical dispersion from :meth:`Analysis.dispersion`: one row per article (from
    ``documents``, i.e. :attr:`Analysis.documents`), x = relative position in the article,
    one marker colour per term; negated occurrences are hollow."""
    terms = list(dict.fromkeys(table["term"]))
    n = len(documents)
    fig, ax = plt.subplots(figsize=(10, 0.2 * n + 2.2))
    for i, term in enumerate(terms):
        sub = table[table["term"] == term]
        color = HIGHLIGHT_COLORS[i % len(HIGHLIGHT_COLORS)]
        plain, neg = sub[~sub["negated"]], sub[sub["negated"]]
        ax.scatter(plain["relative_position"], plain["doc_index"], marker="|", s=140, color=color, label=term)
        if len(neg):
            ax.scatter(neg["relative_position"], neg["doc_index"], marker="o", s=30, facecolors="none",
                       edgecolors=color, label=f"{term} (negated)")
    labels = [f"{s or ''} · {d}" for s, d in zip(documents["source"], documents["date"].fillna(""))]
    ax.set_yticks(range(n), labels, fontsize=7)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("relative position in the article (0 = start, 1 = end)")
    if terms:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.8 / (0.2 * n + 2.2) - 0.02),
                  ncol=min(len(terms) * 2, 6), frameon=False)
    else:
        ax.text(0.5, 0.5, "no occurrences", ha="center", va="center", transform=ax.transAxes)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    plt.close(fig)
    return fig


@styled
def frame_word_cloud(
    freqs: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    max_words: int = 120,
    random_state: int = 42,
    title: str | None = None,
) -> Figure:
    """A word cloud from :meth:`Analysis.lemma_frequencies` with ``by="frame"``: lemmas that are cues are
    coloured by their frame (legend below), the rest grey."""
    frames = list(dict.fromkeys(freqs["frame"].dropna()))
    frame_color = {f: FRAME_COLORS[i % len(FRAME_COLORS)] for i, f in enumerate(frames)}
    colors = {str(lem): frame_color[f] for lem, f in zip(freqs["lemma"], freqs["frame"]) if isinstance(f, str)}
    fig = word_cloud(freqs, highlight=colors, max_words=max_words, random_state=random_state, title=title, legend={})
    handles = [Patch(color=c, label=_label(f, labels)) for f, c in frame_color.items()]
    rows = math.ceil(len(handles) / 3)
    # Grow the figure at the bottom by the legend's height and keep the cloud and the title
    # where they were (word_cloud places them by hand, which tight_layout cannot handle).
    width, height = fig.get_size_inches()
    room = 0.3 * rows + 0.15
    grown = height + room
    fig.set_size_inches(width, grown)
    for ax in fig.axes:
        x0, y0, w, h = ax.get_position(original=True).bounds
        ax.set_position((x0, (y0 * height + room) / grown, w, h * height / grown))
    for text in fig.texts:
        x, y = text.get_position()
        text.set_position((x, (y * height + room) / grown))
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=10, bbox_to_anchor=(0.5, 0.0))
    return fig
