"""An interactive explorer for JupyterLab: choose a lemma or a frame, see its KWIC lines and
where it occurs across the articles.

>>> from toolkit.explore import explorer
>>> explorer(analysis)          # in a notebook cell: a dropdown, a KWIC table and a dispersion plot

ipywidgets is imported only when the widget is built; :meth:`FrameExplorer.update` works
without it (and without a browser), which is how the explorer is tested.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.analysis import Analysis
from toolkit.lexicon import Lexicon, default_lexicon


class FrameExplorer:
    """The state behind the explorer widget: the choices and what each choice shows."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon | None = None, *, n_lemmas: int = 50,
                 window: int = 6) -> None:
        self.analysis = analysis
        self.lexicon = lexicon or default_lexicon()
        self.window = window
        lemmas = analysis.lemma_frequencies().head(n_lemmas)["lemma"].tolist()
        self.choices: list[str] = [*self.lexicon.names, *lemmas]

    def update(self, choice: str) -> tuple[pd.DataFrame, Figure]:
        """The KWIC table and the dispersion figure for ``choice`` (a frame name or a lemma)."""
        kwic = self.analysis.kwic(choice, window=self.window, lexicon=self.lexicon)
        dispersion = self.analysis.dispersion([choice], lexicon=self.lexicon)
        title = f"{self.lexicon.labels.get(choice, choice)}: {len(kwic)} occurrences"
        return kwic, plots.dispersion_plot(dispersion, self.analysis.documents, title=title)

    def widget(self):
        """An ipywidgets box: a dropdown over :attr:`choices`, the KWIC lines and the plot."""
        import ipywidgets as widgets
        from IPython.display import display

        dropdown = widgets.Dropdown(options=self.choices, description="lemma/frame")
        out = widgets.Output()

        def show(change: dict | None = None) -> None:
            kwic, fig = self.update(dropdown.value)
            out.clear_output(wait=True)
            with out:
                display(kwic[[c for c in ("source", "date", "left", "keyword", "right", "negated", "cue")
                              if c in kwic]])
                display(fig)

        dropdown.observe(show, names="value")
        show()
        return widgets.VBox([dropdown, out])


def explorer(analysis: Analysis, lexicon: Lexicon | None = None, **kwargs):
    """The explorer widget for ``analysis`` (see :class:`FrameExplorer`)."""
    return FrameExplorer(analysis, lexicon, **kwargs).widget()
