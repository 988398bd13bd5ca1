"""The explorer behind the JupyterLab widget: every lemma can be typed, KWIC is paged through all
lines, and the widget's controls change what it shows (checked without a browser here; in a real
one by tests/test_lab_browser.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.explore import FrameExplorer


@pytest.fixture(scope="module")
def explorer_state(seed_analysis) -> FrameExplorer:
    return FrameExplorer(seed_analysis, page_size=3)


def test_every_lemma_and_frame_is_offered(explorer_state, seed_analysis):
    lemmas = set(seed_analysis.lemma_frequencies(include_stopwords=True)["lemma"])
    assert lemmas <= set(explorer_state.choices) and "ve" in explorer_state.choices  # stopwords too
    assert "endişe" in explorer_state.choices and "yaptırım" in explorer_state.choices
    assert explorer_state.choices[: len(explorer_state.lexicon.names)] == list(explorer_state.lexicon.names)
    assert len(explorer_state.choices) == len(set(explorer_state.choices))


def test_pages_cover_every_kwic_line_once(explorer_state, seed_analysis):
    frequent = seed_analysis.lemma_frequencies()["lemma"].iloc[0]
    kwic, _ = explorer_state.update(frequent)
    assert len(kwic) > explorer_state.page_size  # more than one page
    pages = [explorer_state.page(kwic, n) for n in range(explorer_state.pages(kwic))]
    assert all(len(p) <= explorer_state.page_size for p in pages)
    pd.testing.assert_frame_equal(pd.concat(pages), kwic[list(pages[0].columns)])
    assert explorer_state.page(kwic, explorer_state.pages(kwic)).empty


def test_a_rare_lemma_and_an_unknown_word_can_be_typed(explorer_state, seed_analysis):
    rare = seed_analysis.lemma_frequencies()["lemma"].iloc[-1]
    kwic, fig = explorer_state.update(f" {rare} ")
    assert len(kwic) >= 1 and (kwic["keyword"].str.len() > 0).all()
    assert rare in fig.axes[0].get_title()
    nothing, _ = explorer_state.update("yokböylebirkelime")
    assert nothing.empty and explorer_state.pages(nothing) == 1


def test_widget_controls_change_what_it_shows(seed_analysis):
    ipywidgets = pytest.importorskip("ipywidgets")
    box = FrameExplorer(seed_analysis, page_size=2).widget()
    search, (previous, following, status) = box.children[0], box.children[1].children
    assert isinstance(search, ipywidgets.Combobox) and search.style.description_width == "initial"
    search.value = "yaptırım"
    first = status.value
    assert "yaptırım" in first and "lines 1–2 of" in first and previous.disabled
    following.click()
    assert "lines 3–" in status.value and not previous.disabled
    previous.click()
    assert status.value == first
    search.value = "yokböylebirkelime"
    assert "no occurrence" in status.value and following.disabled
