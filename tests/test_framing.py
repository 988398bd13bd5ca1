"""Frame matching, the lexicon file and the framing tables, on sentences a reader can count by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import toolkit
from toolkit import Article, Corpus
from toolkit.lexicon import Lexicon, LexiconError
from toolkit.report import write_table

# Hand counts (plain / negated), frame by frame:
#   sanctions_pressure: a1 yaptırımların, yaptırımları (2 plain), "yaptırım yok" (negated: yok);
#                       a2 "yaptırım uygulamayacak" (negated: verb)
#   concern_alarm: a1 "endişe duyuyoruz" (plain), a2 "endişe duymuyoruz" (negated); a3 endişeli (plain: listed derivation)
#   conflict: a3 ateş (1 plain); ateşkes is diplomacy, never conflict
#   diplomacy_cooperation: a3 ateşkes, "iş birliği", işbirliğini (3 plain)
#   security_threat: a2 "tereddüt etmeyeceğini" (1 negated)
ARTICLES = [
    Article(id="a1", source="Milliyet", date="2009-09-10", text=(
        "Yaptırımların etkisi büyük. Bakan yaptırımları savundu. "
        "Yeni bir yaptırım yok. Bu konuda endişe duyuyoruz.")),
    Article(id="a2", source="Sözcü", date="2014-01-12", text=(
        "Putin endişe duymuyoruz dedi. Rusya yaptırım uygulamayacak. "
        "Kim karşılık vermekte tereddüt etmeyeceğini söyledi.")),
    Article(id="a3", source="Sözcü", date="2014-01-20", text=(
        "Ateşkes ilan edildi ama sınırda ateş sürüyor. İki ülke iş birliği yapacak. "
        "İşbirliğini güçlendirmek istiyorlar. Halk endişeli.")),
]


@pytest.fixture(scope="module")
def analysis():
    return toolkit.analyze(Corpus(ARTICLES))


def counts(analysis, frame):
    t = analysis.frames(by="corpus")
    row = t[t["frame"] == frame].iloc[0]
    return int(row["hits"]), int(row["negated"])


def test_every_inflection_of_a_cue_counts(analysis):
    assert counts(analysis, "sanctions_pressure") == (2, 2)
    hits = analysis.frame_hits()
    sanctions = hits[hits["frame"] == "sanctions_pressure"]
    assert sorted(sanctions.loc[~sanctions["negated"], "surface"]) == ["Yaptırımların", "yaptırımları"]
    assert dict(zip(sanctions["surface"], sanctions["negation"])) == {
        "Yaptırımların": "", "yaptırımları": "", "yaptırım": "yok", "yaptırım uygulamayacak": "verb"}


def test_negated_light_verb_is_counted_apart(analysis):
    hits = analysis.frame_hits()
    concern = hits[hits["frame"] == "concern_alarm"].set_index("surface")
    assert bool(concern.at["endişe duymuyoruz", "negated"]) is True
    assert bool(concern.at["endişe duyuyoruz", "negated"]) is False
    assert counts(analysis, "concern_alarm") == (2, 1)  # duyuyoruz + endişeli; duymuyoruz negated
    threat = hits[hits["frame"] == "security_threat"]
    assert list(threat["surface"]) == ["tereddüt etmeyeceğini"] and threat["negated"].all()


def test_no_prefix_overmatching(analysis):
    hits = analysis.frame_hits()
    assert list(hits.loc[hits["frame"] == "conflict", "surface"]) == ["ateş"]
    assert "Ateşkes" in set(hits.loc[hits["frame"] == "diplomacy_cooperation", "surface"])


def test_both_spellings_of_cooperation(analysis):
    hits = analysis.frame_hits()
    diplomacy = set(hits.loc[hits["frame"] == "diplomacy_cooperation", "surface"])
    assert {"iş birliği", "İşbirliğini"} <= diplomacy
    # "İşbirliğini güçlendirmek istiyorlar." follows "İki ülke iş birliği yapacak.": the actor
    # of the sentence before is its context, so all three count
    assert counts(analysis, "diplomacy_cooperation") == (3, 0)


def test_frames_per_document_and_by_source(analysis):
    per_doc = analysis.frames()
    assert len(per_doc) == 3 * len(Lexicon.default().names)
    a1 = per_doc[(per_doc["doc_id"] == "a1") & (per_doc["frame"] == "sanctions_pressure")].iloc[0]
    assert a1["hits"] == 2 and a1["per_10k"] == pytest.approx(2 * 10_000 / a1["n_tokens"])
    by_source = analysis.frames(by="source").set_index(["source", "frame"])
    assert by_source.at[("Sözcü", "diplomacy_cooperation"), "share"] == pytest.approx(0.5)
    assert by_source.at[("Sözcü", "sanctions_pressure"), "negated"] == 1
    assert by_source.at[("Milliyet", "sanctions_pressure"), "negated"] == 1
    by_month = analysis.frames(by=["source", "month"])
    assert set(by_month["month"]) == {"2009-09", "2014-01"}
    with pytest.raises(ValueError, match="Cannot group by"):
        analysis.frames(by="weekday")


def test_term_counts_multiword_and_negation(analysis):
    t = analysis.term_counts(["yaptırım", "iş birliği", "endişe duy-"]).set_index("term")
    assert t.at["yaptırım", "count"] == 4
    assert t.at["iş birliği", "count"] == 1
    assert (t.at["endişe duy-", "count"], t.at["endişe duy-", "negated"]) == (2, 1)
    per_doc = analysis.term_counts(["yaptırım"], by="document")
    assert dict(zip(per_doc["doc_id"], per_doc["count"])) == {"a1": 3, "a2": 1}


def test_kwic_of_a_frame(analysis):
    k = analysis.kwic("sanctions_pressure", window=3)
    assert len(k) == 4 and set(k["source"]) == {"Milliyet", "Sözcü"}
    assert {"frame", "cue", "date"} <= set(k.columns)
    assert "Yaptırım" not in " ".join(k["left"])  # the keyword is not repeated in its context


def test_derivations_follow_the_entry(tmp_path):
    a = toolkit.analyze("Halk endişeli. Yaptırımcı ülkeler var. Yaptırımlar sürüyor.")
    strict = Lexicon.from_dict({"frames": {"f": {"cues": ["endişe", "yaptırım"]}}})
    loose = Lexicon.from_dict({"frames": {"f": {"cues": [{"cue": "endişe", "derivations": True},
                                                         {"cue": "yaptırım", "derivations": ["yaptırımcı"]}]}}})
    assert list(a.frame_hits(strict)["surface"]) == ["Yaptırımlar"]
    assert list(a.frame_hits(loose)["surface"]) == ["endişeli", "Yaptırımcı", "Yaptırımlar"]


def test_user_lexicon_from_yaml_and_extend(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(textwrap.dedent("""\
        frames:
          threat_from_russia:
            label: Russian threat
            cues:
              - tehdit et-
              - Rusya
        """), encoding="utf-8")
    mine = Lexicon.from_yaml(path)
    combined = Lexicon.default().extend(mine)
    assert combined.names[-1] == "threat_from_russia" and len(combined.names) == len(Lexicon.default().names) + 1
    a = toolkit.analyze("Rusya yine tehdit etti.")
    assert sorted(a.frame_hits(mine)["surface"]) == ["Rusya", "tehdit etti"]


def test_a_lexicon_cannot_be_changed_in_place_and_survives_pickling():
    """Lexicon.default() is one object per process and analyses keep the hits of the lexicon
    they were given: editing one in place would change both behind the user's back."""
    import pickle
    lex = Lexicon.default()
    a = toolkit.analyze("Kriz büyüyor.", cache=False)
    before = len(a.frame_hits(lex))
    for change in (lambda: lex.frames.__setitem__("mine", lex["conflict"]), lambda: lex.frames.pop("conflict"),
                   lambda: lex.frames.update({}), lambda: setattr(lex, "frames", {}),
                   lambda: setattr(lex, "light_verbs", frozenset())):
        with pytest.raises(TypeError, match=r"cannot be changed in place.*extend"):
            change()
    assert "conflict" in Lexicon.default().frames and len(a.frame_hits(lex)) == before == 1
    copy = pickle.loads(pickle.dumps(lex))      # worker processes receive lexicons pickled
    assert copy.names == lex.names and copy.light_verbs == lex.light_verbs and copy.origin == lex.origin
    assert copy.to_frame().equals(lex.to_frame())
    assert dict(copy.frames) == dict(lex.frames)


@pytest.mark.parametrize("body, line, words", [
    ("frames:\n  f:\n    cues: [a\n", None, "not valid YAML"),
    ("frames:\n  f:\n    label: x\n", 2, "needs a non-empty 'cues:'"),
    ("frames:\n  f:\n    cues:\n      - endişe\n    colour: red\n", 5, "unknown key 'colour'"),
    ("frames:\n  f:\n    cues:\n      - cue: endişe\n        derivations: maybe\n", 5, "derivations must be"),
    ("nothing: here\n", 1, "no 'frames:' key"),
])
def test_malformed_lexicon_names_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError, match=words) as err:
        Lexicon.from_yaml(path)
    assert str(path) in str(err.value)
    if line:
        assert f"{path}:{line}:" in str(err.value)


def test_shipped_lexicon_documents_its_frames():
    lex = Lexicon.default()
    for name in ["conflict", "human_interest", "economic_consequences", "morality", "responsibility"]:
        assert "Semetko" in lex[name].source and lex[name].kind == "generic"
    for name in ["security_threat", "diplomacy_cooperation", "sanctions_pressure", "concern_alarm", "denial"]:
        assert "own definition" in lex[name].source and lex[name].kind == "issue"


def test_collocations_and_keyness():
    a = toolkit.analyze(Corpus([
        Article(id="m", source="Milliyet", text="Nükleer program görüşüldü. Nükleer program tartışıldı. "
                                                "Nükleer program sürüyor. Enerji anlaşması imzalandı."),
        Article(id="s", source="Sözcü", text="Yolsuzluk soruşturması büyüyor. Soruşturma genişledi. "
                                             "Soruşturma sürüyor. Enerji fiyatı arttı."),
    ]))
    col = a.collocations("nükleer", window=2, min_count=2)
    assert col.iloc[0]["collocate"] == "program" and col.iloc[0]["count"] == 3
    assert col.iloc[0]["log_likelihood"] > 0 and col.iloc[0]["pmi"] > 0
    key = a.keyness("Milliyet", "Sözcü", min_count=2).set_index("lemma")
    assert key.at["nükleer", "key_for"] == "a" and key.at["nükleer", "log_ratio"] > 0
    assert abs(key.at["enerji", "log_ratio"]) < 0.5  # once in each, similar sizes
    same = a.keyness(["m"], {"source": "Sözcü"}, min_count=2)
    pd.testing.assert_frame_equal(same, a.keyness("Milliyet", "Sözcü", min_count=2))
    with pytest.raises(ValueError, match="No articles from source"):
        a.keyness("Hürriyet")


def test_actor_frames_same_sentence(analysis):
    t = analysis.actor_frames(actors=["Putin", "Rusya"]).set_index(["actor", "frame"])
    assert t.at[("Putin", "concern_alarm"), "negated"] == 1 and t.at[("Putin", "concern_alarm"), "hits"] == 0
    assert t.at[("Rusya", "sanctions_pressure"), "negated"] == 1
    assert t.at[("Rusya", "conflict"), "hits"] == 0


def test_frame_tokens_keeps_one_row_per_token(analysis):
    ft = analysis.frame_tokens()
    assert len(ft) == len(analysis.tokens)
    row = ft[ft["surface"] == "duymuyoruz"].iloc[0]
    assert row["frame"] == "concern_alarm" and bool(row["frame_negated"])
    assert pd.isna(ft[ft["surface"] == "Bakan"].iloc[0]["frame"])


def test_coding_sheet_is_deterministic_and_written_atomically(analysis, tmp_path):
    sheet = analysis.coding_sheet(per_frame=2, seed=7)
    assert sheet.equals(analysis.coding_sheet(per_frame=2, seed=7))
    assert sheet.groupby("frame").size().max() <= 2
    assert {"frame_present", "negation_correct", "coder", "note"} <= set(sheet.columns)
    csv = write_table(sheet, tmp_path / "sheet.csv")
    xlsx = write_table(sheet, tmp_path / "sheet.xlsx")
    assert pd.read_csv(csv, encoding="utf-8-sig")["keyword"].tolist() == sheet["keyword"].tolist()
    assert pd.read_excel(xlsx)["keyword"].tolist() == sheet["keyword"].tolist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.csv", "sheet.xlsx"]  # no temp files left
    with pytest.raises(ValueError, match="use .csv or .xlsx"):
        write_table(sheet, tmp_path / "sheet.json")


def test_explorer_update_without_a_browser(analysis):
    from toolkit.explore import FrameExplorer

    ex = FrameExplorer(analysis)
    assert "concern_alarm" in ex.choices and "yaptırım" in ex.choices
    kwic, fig = ex.update("concern_alarm")
    title = fig.axes[0].get_title()
    assert len(kwic) == 3 and ("concern" in title.lower() or "Endişe" in title)
    kwic, _ = ex.update("yaptırım")
    assert len(kwic) == 4


def test_light_verb_negation_of_a_one_word_cue():
    a = toolkit.analyze("Putin endişe etmiyor. Kimse endişe etmesin. Batı endişe ediyor.")
    hits = a.frame_hits()
    concern = hits[hits["frame"] == "concern_alarm"]
    assert list(concern["surface"]) == ["endişe etmiyor", "endişe etmesin", "endişe ediyor"]
    assert list(concern["negated"]) == [True, True, False]
    t = a.term_counts(["endişe"]).iloc[0]
    assert (t["count"], t["negated"]) == (3, 2)


def test_a_form_that_also_reads_without_negation_is_not_negated():
    # çatışma: the noun "clash" (or, rarely, "don't clash!"); yapmadı has no reading without negation.
    a = toolkit.analyze("Sınırda çatışma çıktı. Ziyaret yapılmadı.")
    hits = a.frame_hits().set_index("frame")
    assert bool(hits.at["conflict", "negated"]) is False
    assert bool(hits.at["diplomacy_cooperation", "negated"]) is True


def test_a_noun_cue_does_not_match_its_verb():
    # savunma "defence" is a security cue; savundu "(he) defended" is the verb savunmak.
    a = toolkit.analyze("Bakan kararı savundu. Ülkenin savunması güçlü.")
    hits = a.frame_hits()
    assert list(hits.loc[hits["frame"] == "security_threat", "surface"]) == ["savunması"]


def test_misspelt_frame_name_gets_a_hint(analysis):
    from toolkit.lexicon import UnknownFrameError

    with pytest.raises(UnknownFrameError, match="did you mean 'concern_alarm'"):
        analysis.kwic("concern_alarn")
    with pytest.raises(UnknownFrameError, match="sanctions_pressure"):
        analysis.term_counts(["sanction_pressure"])
    with pytest.raises(KeyError, match="did you mean 'denial'"):
        Lexicon.default()["denail"]
    # a real term with no occurrence is a zero count, not an error
    assert analysis.term_counts(["deprem"]).iloc[0]["count"] == 0


def test_grouping_is_spelled_by(analysis):
    with pytest.raises(ValueError, match="by='doc'"):
        analysis.term_counts(["yaptırım"], by="doc")
    framed = analysis.lemma_frequencies(by="frame").set_index("lemma")
    assert framed.at["yaptırım", "frame"] == "sanctions_pressure"
    assert pd.isna(framed.at["bakan", "frame"])


def test_matching_runs_once_per_analysis():
    analysis = toolkit.analyze(Corpus(ARTICLES))
    assert analysis.frame_hits() is analysis.frame_hits()
    view = analysis._view
    analysis.term_counts(["yaptırım"])
    analysis.kwic("yaptırım")
    analysis.dispersion(["yaptırım", "concern_alarm"])
    assert analysis._view is view and set(analysis._term_hits) == {("yaptırım", False)}


@pytest.mark.parametrize("text, frame, counted", [
    ("Bakanlık iddiaları reddetti.", "denial", True),
    ("Mahkeme tahliye talebini reddetti.", "denial", False),
    ("Hasta tedaviyi reddetti.", "denial", False),
    ("AB Rusya'ya ceza verdi.", "sanctions_pressure", True),
    ("Sanık beş yıl hapis cezası aldı.", "sanctions_pressure", False),
    ("Savunma harcamaları arttı.", "security_threat", True),
    ("Sanığın savunması alındı.", "security_threat", False),
])
def test_senses_by_context_in_the_shipped_lexicon(text, frame, counted):
    hits = toolkit.analyze(text, cache=False).frame_hits()
    assert (frame in set(hits["frame"])) is counted


def test_sense_window_and_errors(tmp_path):
    lex = Lexicon.from_dict({"frames": {"f": {"cues": [{"cue": "reddet-", "with": ["iddia"], "window": 2}]}}})
    a = toolkit.analyze("İddiaları bakanlık sert bir dille reddetti. Bakanlık iddiaları reddetti.", cache=False)
    assert list(a.frame_hits(lex)["sentence"]) == [1]  # iddia is 4 words away in the first sentence
    path = tmp_path / "bad.yaml"
    path.write_text("frames:\n  f:\n    cues:\n      - cue: reddet-\n        with: iddia\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.yaml:5: with must be a list"):
        Lexicon.from_yaml(path)


def test_relative_ki_is_a_form_of_the_cue():
    hits = toolkit.analyze("ABD ekonomisindeki canlanma sürüyor.", cache=False).frame_hits()
    assert list(zip(hits["frame"], hits["surface"])) == [("economic_consequences", "ekonomisindeki")]


def test_framing_modules_never_import_the_analysis():
    import ast
    from pathlib import Path

    root = Path(toolkit.__file__).parent
    for name in ["lexicon", "matching", "negation", "framestats", "kwic", "keyness", "validity", "framing"]:
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "toolkit.analysis" not in imported, name


def test_a_domain_rules_a_cue_out_of_the_whole_sentence(tmp_path):
    lex = Lexicon.from_dict({"domains": {"sport": ["maç", "lig"]},
                             "frames": {"f": {"cues": [{"cue": "kriz", "not_in": ["sport"]}]}}})
    a = toolkit.analyze("İki ülke arasında kriz çıktı. Maçtan sonra iki ülke arasında büyük bir kriz çıktı.",
                        cache=False)
    assert list(a.frame_hits(lex)["sentence"]) == [0]  # maç is far from kriz, but in its sentence
    path = tmp_path / "bad.yaml"
    path.write_text("domains:\n  sport: [maç]\nframes:\n  f:\n    cues:\n      - cue: kriz\n        not_in: [sports]\n",
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.yaml:7: not_in names 'sports', .*did you mean 'sport'"):
        Lexicon.from_yaml(path)


def test_an_uninflected_cue_word_must_stand_as_written(tmp_path):
    lex = Lexicon.from_dict({"frames": {"f": {"cues": [{"cue": "karşı çık-", "uninflected": True}]}}})
    plain = Lexicon.from_dict({"frames": {"f": {"cues": ["karşı çık-"]}}})
    a = toolkit.analyze("Muhalefet yasaya karşı çıktı. Bu sorun yine karşımıza çıktı.", cache=False)
    assert list(a.frame_hits(lex)["sentence"]) == [0]
    assert list(a.frame_hits(plain)["sentence"]) == [0, 1]
    path = tmp_path / "bad.yaml"
    path.write_text("frames:\n  f:\n    cues:\n      - cue: karşı çık-\n        uninflected: maybe\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.yaml:5: uninflected must be true or false"):
        Lexicon.from_yaml(path)


_COMPILE = """
import json, sys
import toolkit
from toolkit.morphology import default_morphology
if sys.argv[1] == "analyse":
    toolkit.analyze("Bakan endişe duyduğunu söyledi.")  # makes the default cache file
lex = toolkit.Lexicon.default()
print(json.dumps({"built": default_morphology().is_built,
                  "table": lex.to_frame().astype(str).values.tolist()}))
"""


def _compile_in_a_new_process(cache_dir, step: str) -> dict:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", _COMPILE, step], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_a_second_process_compiles_the_lexicon_from_cached_readings_to_the_same_result(tmp_path):
    first = _compile_in_a_new_process(tmp_path / "cache", "analyse")  # analyses, then compiles: keeps the forms
    second = _compile_in_a_new_process(tmp_path / "cache", "compile")
    without = _compile_in_a_new_process(tmp_path / "none", "compile")  # no cache file: none is made
    assert first["built"] and not second["built"] and without["built"]
    assert first["table"] == second["table"] == without["table"]
    assert not (tmp_path / "none" / "analysis.sqlite").exists()
