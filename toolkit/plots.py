"""Figures. Each function takes a table (a DataFrame made by :class:`toolkit.Analysis`, or a
mapping) and returns a matplotlib Figure; none computes what a table function could.

Text is set in DejaVu Sans, which ships with matplotlib and has every Turkish glyph
(ç ğ ı İ ö ş ü).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import matplotlib

matplotlib.rcParams["font.family"] = "DejaVu Sans"

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

HIGHLIGHT_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
OTHER_COLOR = "#7f7f7f"


def font_path() -> str:
    """Path of the DejaVu Sans font file (Turkish glyphs), for libraries that need a file."""
    return font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=True)


def _freq_mapping(freqs: pd.DataFrame | Mapping[str, float], column: str = "count") -> dict[str, float]:
    if isinstance(freqs, pd.DataFrame):
        return {str(k): float(v) for k, v in zip(freqs["lemma"], freqs[column]) if v > 0}
    return {str(k): float(v) for k, v in freqs.items() if v > 0}


def _highlight_colors(highlight: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    if highlight is None:
        return {}
    if isinstance(highlight, Mapping):
        return dict(highlight)
    return {term: HIGHLIGHT_COLORS[i % len(HIGHLIGHT_COLORS)] for i, term in enumerate(highlight)}


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
    """A word cloud of lemma counts, drawn with ``WordCloud.generate_from_frequencies``.

    ``freqs`` is :meth:`Analysis.lemma_frequencies` (columns ``lemma``, ``count``) or a
    mapping lemma → weight. ``highlight`` lists lemmas to colour (each its own colour) or maps
    lemma → colour; other words are grey. The layout is fixed by ``random_state``.
    ``legend`` maps a label to a colour, drawn under the cloud (by default, one entry per
    highlighted lemma that appears in the cloud).
    """
    from wordcloud import WordCloud

    weights = _freq_mapping(freqs)
    colors = _highlight_colors(highlight)
    if not weights:
        raise ValueError("The word cloud has no words to draw: the frequency table is empty.")

    def color(word: str, **_: object) -> str:
        return colors.get(word, OTHER_COLOR)

    cloud = WordCloud(
        width=width, height=height, background_color="white", font_path=font_path(),
        max_words=max_words, random_state=random_state, prefer_horizontal=0.9,
        color_func=color, collocations=False, normalize_plurals=False,
    ).generate_from_frequencies(weights)
    fig, ax = plt.subplots(figsize=(width / 100, height / 100 + 0.6), dpi=100)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=14)
    shown = {w for (w, _), *_ in cloud.layout_}
    entries = legend if legend is not None else {w: c for w, c in colors.items() if w in shown}
    if entries:
        handles = [Patch(color=c, label=label) for label, c in entries.items()]
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), frameon=False, fontsize=11)
    fig.tight_layout(rect=(0, 0.06 if entries else 0, 1, 1))
    plt.close(fig)
    return fig


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
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    plt.close(fig)
    return fig
