"""An interactive explorer for JupyterLab: type a lemma, a term or a frame, read its KWIC lines
page by page and see where it occurs across the articles.

>>> from toolkit.explore import explorer
>>> explorer(analysis)          # in a notebook cell: a search box, the KWIC lines and a dispersion plot

ipywidgets is imported only when the widget is built; :meth:`FrameExplorer.update` and
:meth:`FrameExplorer.page` work without it (and without a browser), which is how the explorer
is tested.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.analysis import Analysis
from toolkit.lexicon import Lexicon, default_lexicon

KWIC_COLUMNS = ("source", "date", "left", "keyword", "right", "negated", "cue")


class FrameExplorer:
    """The state behind the explorer widget: what can be typed and what each choice shows.

    :attr:`choices` are the offered completions: the lexicon's frame names, then the analysis's
    terms (the ``term`` token column, when there is one), then every lemma, most frequent first.
    Anything else can be typed too (a word sequence such as ``iş birliği``). KWIC lines are
    shown ``page_size`` at a time; each choice's lines and figure are computed once.
    """

    def __init__(self, analysis: Analysis, lexicon: Lexicon | None = None, *, window: int = 6,
                 page_size: int = 20) -> None:
        self.analysis = analysis
        self.lexicon = lexicon or default_lexicon()
        self.window = window
        self.page_size = page_size
        terms = analysis.tokens["term"].dropna().astype(str).unique().tolist() if "term" in analysis.tokens else []
        lemmas = analysis.lemma_frequencies(include_stopwords=True)["lemma"].tolist()
        self.choices: list[str] = list(dict.fromkeys([*self.lexicon.names, *sorted(terms), *lemmas]))
        self._shown: dict[str, tuple[pd.DataFrame, Figure]] = {}

    def label(self, choice: str) -> str:
        """How ``choice`` is named on screen: a frame by its label, anything else as typed."""
        return self.lexicon.labels.get(choice, choice)

    def update(self, choice: str) -> tuple[pd.DataFrame, Figure]:
        """Every KWIC line of ``choice`` (a frame name, a term or a lemma) and its dispersion figure."""
        choice = choice.strip()
        if choice not in self._shown:
            kwic = self.analysis.kwic(choice, window=self.window, lexicon=self.lexicon)
            dispersion = self.analysis.dispersion([choice], lexicon=self.lexicon)
            title = f"{self.label(choice)}: {len(kwic)} occurrences"
            self._shown[choice] = kwic, plots.dispersion_plot(dispersion, self.analysis.documents, title=title)
        return self._shown[choice]

    def page(self, kwic: pd.DataFrame, number: int) -> pd.DataFrame:
        """Page ``number`` (from 0) of ``kwic``: at most :attr:`page_size` lines, the shown columns only."""
        start = number * self.page_size
        return kwic.iloc[start:start + self.page_size][[c for c in KWIC_COLUMNS if c in kwic]]

    def pages(self, kwic: pd.DataFrame) -> int:
        """How many pages ``kwic`` fills (at least one, shown empty)."""
        return max(1, -(-len(kwic) // self.page_size))

    def widget(self):
        """An ipywidgets box: a search box completing over :attr:`choices`, previous/next buttons
        over the KWIC pages, the page's lines and the dispersion plot."""
        import ipywidgets as widgets
        from IPython.display import display

        box = widgets.Combobox(options=self.choices, value=self.choices[0] if self.choices else "",
                               placeholder="type a lemma, term or frame", description="lemma, term or frame:",
                               ensure_option=False, continuous_update=False,
                               style={"description_width": "initial"}, layout=widgets.Layout(width="32em"))
        previous = widgets.Button(description="◀ previous", layout=widgets.Layout(width="auto"))
        following = widgets.Button(description="next ▶", layout=widgets.Layout(width="auto"))
        status = widgets.HTML(layout=widgets.Layout(width="auto"))
        lines, figure = widgets.Output(), widgets.Output()
        state = {"choice": None, "page": 0}

        def show(page: int) -> None:
            kwic, fig = self.update(state["choice"])
            state["page"] = page = min(max(page, 0), self.pages(kwic) - 1)
            first = page * self.page_size
            status.value = (f"<b>{self.label(state['choice'])}</b>: lines {first + 1}–{min(first + self.page_size, len(kwic))} "
                            f"of {len(kwic)}" if len(kwic) else
                            f"<b>{state['choice']}</b>: no occurrence; lemmas are dictionary forms (yaptırım, not yaptırımlar)")
            previous.disabled, following.disabled = page == 0, page >= self.pages(kwic) - 1
            lines.clear_output(wait=True)
            with lines:
                display(self.page(kwic, page))

        def choose(change: dict | None = None) -> None:
            if not box.value.strip():
                return
            state["choice"] = box.value.strip()
            show(0)
            figure.clear_output(wait=True)
            with figure:
                display(self.update(state["choice"])[1])

        box.observe(choose, names="value")
        previous.on_click(lambda _: show(state["page"] - 1))
        following.on_click(lambda _: show(state["page"] + 1))
        choose()
        return widgets.VBox([box, widgets.HBox([previous, following, status]), lines, figure])


def explorer(analysis: Analysis, lexicon: Lexicon | None = None, **kwargs):
    """The explorer widget for ``analysis`` (see :class:`FrameExplorer`)."""
    return FrameExplorer(analysis, lexicon, **kwargs).widget()
