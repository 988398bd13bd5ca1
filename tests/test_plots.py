"""Figures are drawn from our lemma counts, in a font with Turkish glyphs."""

import matplotlib
import pytest
from matplotlib.figure import Figure

from toolkit import plots


def test_font_has_turkish_glyphs():
    from matplotlib.ft2font import FT2Font

    font = FT2Font(plots.font_path())
    assert all(font.get_char_index(ord(c)) for c in "çğıİöşüÇĞÖŞÜ")


def test_word_cloud_from_frequencies_keeps_turkish_lemmas_whole():
    freqs = {"ses": 10, "endişe": 8, "yaptırım": 6, "Kremlin'den": 1, "ılık": 3}
    fig = plots.word_cloud(freqs, highlight=["endişe", "yaptırım"], random_state=1)
    assert isinstance(fig, Figure)
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["endişe", "yaptırım"]


def test_word_cloud_is_reproducible(tmp_path):
    freqs = {"endişe": 8, "yaptırım": 6, "davet": 5, "ziyaret": 4}
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    plots.word_cloud(freqs, random_state=7).savefig(a)
    plots.word_cloud(freqs, random_state=7).savefig(b)
    assert a.read_bytes() == b.read_bytes()


def test_empty_word_cloud_says_why():
    with pytest.raises(ValueError, match="empty"):
        plots.word_cloud({})


def test_bar_chart_labels_every_term(seed_analysis):
    table = seed_analysis.term_counts(["endişe", "yaptırım", "davet"])
    fig = plots.bar_chart(table, label="term", highlight={"endişe": "#d62728"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["davet", "yaptırım", "endişe"]
    assert matplotlib.colors.to_hex(ax.patches[2].get_facecolor()) == "#d62728"


def test_count_axes_have_whole_number_ticks_and_rates_keep_theirs():
    """Three occurrences are not drawn on an axis of 0, 0.5, 1 … 3 occurrences."""
    import pandas as pd
    counts = pd.DataFrame({"term": ["endişe", "yaptırım"], "count": [3, 3]})
    ticks = plots.bar_chart(counts, label="term").axes[0].get_xticks()
    assert len(ticks) > 1 and all(float(t).is_integer() for t in ticks)
    rates = pd.DataFrame({"term": ["endişe", "yaptırım"], "per_10k": [0.4, 0.7]})
    assert not all(float(t).is_integer() for t in plots.bar_chart(rates, label="term", value="per_10k").axes[0].get_xticks())
    frames = pd.DataFrame({"frame": ["conflict", "denial"], "hits": [2, 1], "negated": [1, 0], "names": [0, 0],
                           "out_of_context": [0, 0]})
    assert all(float(t).is_integer() for t in plots.frame_bar_chart(frames).axes[0].get_xticks())


def test_importing_and_drawing_leave_global_matplotlib_settings_alone():
    import subprocess
    import sys

    code = (
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "matplotlib.rcParams['font.family'] = ['serif']\n"
        "before = dict(matplotlib.rcParams)\n"
        "from toolkit import plots\n"
        "assert dict(matplotlib.rcParams) == before, 'import changed rcParams'\n"
        "import pandas as pd\n"
        "fig = plots.bar_chart(pd.DataFrame({'lemma': ['endişe', 'yaptırım'], 'count': [3, 2]}), title='Başlık')\n"
        "assert dict(matplotlib.rcParams) == before, 'drawing changed rcParams'\n"
        "title = fig.axes[0].title\n"
        "assert title.get_fontfamily() == ['DejaVu Sans'], title.get_fontfamily()\n"
        "import matplotlib.pyplot as plt\n"
        "other = plt.figure().gca().set_title('x')\n"
        "assert other.get_fontfamily() == ['serif'], other.get_fontfamily()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_word_cloud_draws_every_highlighted_word_that_occurs_and_lists_only_those():
    freqs = {f"kelime{i}": 1000 - i for i in range(400)}
    freqs["endişe"] = 1  # far below the 100 largest words
    fig = plots.word_cloud(freqs, highlight=["endişe", "yaptırım"], max_words=100, random_state=3)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["endişe"]  # yaptırım does not occur


def test_word_cloud_takes_term_frequencies(seed_analysis):
    fig = plots.word_cloud(seed_analysis.term_frequencies(), highlight=["Kuzey Kore", "endişe"], max_words=30)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Kuzey Kore", "endişe"]
