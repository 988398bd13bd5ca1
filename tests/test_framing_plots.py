"""Framing figures: each returns a Figure with the labels, legends and glyphs a reader needs."""

from __future__ import annotations

import sys

import pytest
from matplotlib.figure import Figure

import toolkit
from toolkit import Article, Corpus, plots
from toolkit.lexicon import Lexicon

ARTICLES = [
    Article(id="m1", source="Milliyet", date="2009-09-10",
            text="Yaptırımların etkisi büyük. İran nükleer programı konusunda endişe duyuyoruz. İş birliği sürüyor."),
    Article(id="m2", source="Milliyet", date="2009-10-02",
            text="Nükleer tehdit büyüyor. Bakan yaptırım uygulamayacak dedi. Ziyaret ertelendi."),
    Article(id="s1", source="Sözcü", date="2014-01-12",
            text="Endişe duymuyoruz dedi. Sınırda çatışma sürüyor. Yolsuzluk soruşturması büyüyor."),
    Article(id="s2", source="Sözcü", date="2014-01-25",
            text="Ateşkes ilan edildi. Halk endişeli. Ekonomik kriz derinleşiyor."),
]


@pytest.fixture(scope="module")
def analysis():
    return toolkit.analyze(Corpus(ARTICLES))


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


def test_plots_do_not_import_zeyrek():
    source = open(plots.__file__, encoding="utf-8").read()
    assert "zeyrek" not in source and "toolkit.morphology" not in source


def test_frame_bar_chart_shows_negated_hits_and_labels(analysis):
    lab = Lexicon.default().labels
    fig = plots.frame_bar_chart(analysis.frames(by="corpus"), labels=lab)
    assert isinstance(fig, Figure)
    shown = texts(fig)
    assert "Endişe / kaygı" in shown and "negated" in shown
    assert any("neg." in t for t in shown)


def test_frame_bar_chart_lays_nothing_over_a_bar_a_label_or_the_edge():
    # long labels and long counts, as the demo corpus has them: the legend goes below the axes
    # and the counts to a column of their own, inside the figure
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    frames = ["conflict", "economic_consequences", "diplomacy_cooperation", "denial"]
    table = pd.DataFrame({"frame": frames, "hits": [192, 126, 314, 7], "negated": [3, 3, 6, 0],
                          "names": [4, 9, 17, 1], "out_of_context": [0, 0, 6, 0]})
    fig = plots.frame_bar_chart(table, labels=Lexicon.default().labels, title="Frame hits")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    legend = fig.legends[0].get_window_extent(renderer)
    bars = [b.get_window_extent(renderer) for b in ax.patches]
    labels = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    counts = [t for a in ax.child_axes for t in a.get_yticklabels() if t.get_text()]
    assert any("(+6 no actor)" in t.get_text() for t in counts)
    assert legend.y1 <= ax.xaxis.label.get_window_extent(renderer).y0  # below the axis title
    for box in bars + labels:
        assert not legend.overlaps(box)
    for t in counts:
        box = t.get_window_extent(renderer)
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, t.get_text()  # not cut off
        assert not any(box.overlaps(b) for b in bars), t.get_text()


def test_frame_timeline_has_one_panel_per_source(analysis):
    fig = plots.frame_timeline(analysis.frames(by=["source", "month"]))
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["Milliyet", "Sözcü"]
    assert fig.legends and "concern_alarm" in texts(fig)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2009-09", "2009-10"]


def test_frame_heatmap_annotates_every_cell(analysis):
    table = analysis.frames(by="source")
    fig = plots.frame_heatmap(table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Milliyet", "Sözcü"]
    assert len(ax.texts) == len(table)


def test_comparison_cloud_names_both_groups(analysis):
    fig = plots.comparison_cloud(analysis.keyness("Milliyet", "Sözcü", min_count=1), names=("Milliyet", "Sözcü"))
    assert [ax.get_title() for ax in fig.axes] == ["Milliyet", "Sözcü"]


def test_dispersion_plot_rows_are_articles(analysis):
    fig = plots.dispersion_plot(analysis.dispersion(["endişe duy-", "sanctions_pressure"]), analysis.documents)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 4
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"endişe duy-", "endişe duy- (negated)", "sanctions_pressure", "sanctions_pressure (negated)"} == set(legend)


def test_frame_word_cloud_has_a_frame_legend(analysis):
    freqs = analysis.lemma_frequencies(by="frame")
    assert freqs.set_index("lemma").at["endişe", "frame"] == "concern_alarm"
    fig = plots.frame_word_cloud(freqs, labels=Lexicon.default().labels)
    legend = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
    assert "Endişe / kaygı" in legend and "Yaptırım / baskı" in legend


def test_frame_word_cloud_legend_sits_below_the_cloud(analysis, recwarn):
    freqs = analysis.lemma_frequencies(by="frame")
    fig = plots.frame_word_cloud(freqs, labels=Lexicon.default().labels, title="Çerçeveler")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    cloud = fig.axes[0].get_window_extent(renderer)
    legend = fig.legends[0].get_window_extent(renderer)
    title = fig.texts[0].get_window_extent(renderer)
    assert legend.y1 <= cloud.y0 and cloud.y1 <= title.y0  # nothing overlaps (display y grows upwards)
    assert cloud.width == pytest.approx(fig.bbox.width)  # the cloud keeps the full width
    assert not [w for w in recwarn if "tight_layout" in str(w.message)]


def test_saved_png_is_written(analysis, tmp_path):
    out = tmp_path / "bars.png"
    plots.frame_bar_chart(analysis.frames(by="corpus")).savefig(out)
    assert out.stat().st_size > 1000
    assert "zeyrek" in sys.modules  # the analysis needs it; plots itself never imports it (test above)
