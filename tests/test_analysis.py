"""The token table and its tables, checked on the seed article where a reader can count by hand."""

import pandas as pd
import pytest

import toolkit
from toolkit.analysis import TOKEN_COLUMNS
from toolkit.morphology import default_morphology


def test_token_table_has_one_row_per_word_with_offsets(seed_analysis):
    t = seed_analysis.tokens
    at = TOKEN_COLUMNS.index("lemma") + 1
    assert list(t.columns) == TOKEN_COLUMNS[:at] + ["term", "term_kind"] + TOKEN_COLUMNS[at:]
    text = seed_analysis.corpus[0].content
    assert all(text[s:e] == w for s, e, w in zip(t["start"], t["end"], t["surface"].astype(str)))
    assert not t["surface"].astype(str).str.fullmatch(r"\W+").any()  # punctuation excluded


def test_seed_framing_terms_count_every_inflected_form(seed_analysis):
    counts = seed_analysis.term_counts(["yaptırım", "endişe"]).set_index("term")
    # "ek yaptırım" uyarısı · yaptırımları kaldırıp · ek yaptırımlar uygulamakta
    assert counts.at["yaptırım", "count"] == 3
    assert set(counts.at["yaptırım", "forms"].split(", ")) == {"yaptırım", "yaptırımları", "yaptırımlar"}
    # endişesiyle · endişe kaynağı · derin endişesini (and the derived "endişeli", if counted)
    assert {"endişesiyle", "endişe", "endişesini"} <= set(counts.at["endişe", "forms"].split(", "))


@pytest.mark.parametrize(
    ("surface", "lemma"),
    [("Kremlin'den", "Kremlin"), ("Putin'i", "Putin"), ("KCNA'ya", "KCNA"), ("Putin’le", "Putin"),
     ("1948'de", "1948"), ("yaptırımları", "yaptırım"), ("endişesiyle", "endişe"), ("gelmedi", "gelmek")],
)
def test_seed_lemmas(seed_analysis, surface, lemma):
    t = seed_analysis.tokens
    rows = t[t["surface"].astype(str) == toolkit.normalize(surface)]
    assert len(rows) >= 1
    assert set(rows["lemma"].astype(str)) == {lemma}


def test_negation_inside_the_verb_is_flagged(seed_analysis):
    t = seed_analysis.tokens
    assert bool(t.loc[t["surface"] == "gelmedi", "negated"].all())
    assert not bool(t.loc[t["surface"] == "geldi", "negated"].any())


def test_lemma_frequencies_columns_and_order(seed_analysis):
    f = seed_analysis.lemma_frequencies()
    assert list(f.columns) == ["lemma", "count", "per_10k", "documents"]
    assert f["count"].is_monotonic_decreasing
    assert not f["lemma"].isin(["ve", "bir", "bu", "olmak", "etmek"]).any()  # stopwords out
    total = len(seed_analysis.tokens)
    row = f.set_index("lemma").loc["Putin"]
    assert row["per_10k"] == pytest.approx(row["count"] * 10_000 / total)
    assert row["count"] >= 10  # Putin is named in nearly every paragraph


def test_stopwords_are_overridable_and_case_exact():
    a = toolkit.analyze("Kim ve Putin görüştü. Kim kimi aradı?", stopwords={"ve", "kim"})
    lemmas = a.lemma_frequencies()["lemma"].tolist()
    assert "ve" not in lemmas
    b = toolkit.analyze("Kim ve Putin görüştü.", stopwords=set())
    assert "ve" in b.lemma_frequencies()["lemma"].tolist()


def test_overrides_replace_the_lemma_of_a_form():
    a = toolkit.analyze("Yüz kişi geldi.", overrides={"Yüz": "yüz (sayı)"})
    assert a.tokens["lemma"].astype(str).tolist()[0] == "yüz (sayı)"


def test_kwic_shows_each_occurrence_in_its_sentence(seed_analysis):
    k = seed_analysis.kwic("yaptırım", window=3)
    assert len(k) == 3
    assert k["keyword"].tolist() == ["yaptırım", "yaptırımları", "yaptırımlar"]
    assert k.iloc[2]["left"].endswith("Kuzey Kore'ye ek")
    assert k.iloc[2]["right"].startswith("uygulamakta")


def test_analyze_accepts_text_article_list_and_corpus():
    text = "ABD'den ek yaptırım uyarısı."
    one = toolkit.analyze(text)
    assert one.tokens["lemma"].astype(str).tolist()[:2] == ["ABD", "ek"]
    many = toolkit.analyze([text, "Kremlin'den açıklama gelmedi."])
    assert many.tokens["doc_id"].nunique() == 2
    assert len(toolkit.analyze(toolkit.Article(id="x", text=text)).tokens) == len(one.tokens)


def test_multi_document_frequencies_count_documents():
    a = toolkit.analyze(["Yaptırım geldi.", "Yaptırımlar ağırlaştı. Yaptırımı kim kaldırır?"])
    row = a.lemma_frequencies().set_index("lemma").loc["yaptırım"]
    assert (row["count"], row["documents"]) == (3, 2)
    by_doc = a.term_counts(["yaptırım"], by="document")
    assert by_doc["count"].tolist() == [1, 2]


def test_empty_text_gives_an_empty_table():
    a = toolkit.analyze("...")
    assert len(a.tokens) == 0
    assert a.lemma_frequencies().empty
    assert isinstance(a.term_counts(["endişe"]), pd.DataFrame)


def test_ambiguity_report_lists_uncertain_forms_to_overrule(seed_analysis):
    report = seed_analysis.ambiguity_report(max_confidence=1.01)
    assert list(report.columns) == ["form", "lemma", "alternatives", "confidence", "count", "documents"]
    assert report["count"].is_monotonic_decreasing
    assert (report["alternatives"] != "").all()
    row = report.iloc[0]
    t = seed_analysis.tokens
    same = t[(t["surface"].astype(str).map(toolkit.turkish_lower) == row["form"]) & (t["lemma"] == row["lemma"])]
    assert len(same) >= row["count"]
    strict = seed_analysis.ambiguity_report(max_confidence=0.5)
    assert (strict["confidence"] < 0.5).all() and len(strict) <= len(report)
    # an override removes the doubt: the form now has the analyst's lemma with confidence 1
    fixed = toolkit.analyze(seed_analysis.corpus, overrides={row["form"]: "SEÇİLEN"})
    assert "SEÇİLEN" in set(fixed.tokens["lemma"].astype(str))
    assert row["form"] not in set(fixed.ambiguity_report(max_confidence=0.99)["form"])


def test_distinct_forms_cover_every_lookup_of_readings_for():
    from toolkit.tokens import distinct_forms
    from toolkit.lemmas import readings_for
    from toolkit.text import tokenize

    class Recorder:
        def __init__(self):
            self.asked = set()

        def analyze(self, form):
            self.asked.add(form)
            return ()

    text = "Mahkûmları rüzgâra karşı Kremlin'den, KCNA'ya 1948'de Yegâne'nin İLGİLİ haberleri."
    recorder = Recorder()
    for token in tokenize(text):
        readings_for(token, recorder)
    assert recorder.asked and recorder.asked <= distinct_forms(text)


def test_words_of_cover_every_word_lemma_choice_asks_simplemma_about(monkeypatch):
    # A worker given simplemma's lemmas of words_of() its articles must never have to load
    # simplemma itself: every word lemma choice asks about is among them (headline words in
    # capitals are also asked about as restyled: RUSYA'NIN -> Rusya'nın).
    import toolkit.lemma_simplemma as S
    import toolkit.lemmas as L
    from toolkit.tokens import tokens_for, words_of

    text = ("RUSYA'NIN STRATEJİK HAMLESİ\nMahkûmları rüzgâra karşı Kremlin'den, KCNA'ya 1948'de "
            "Yegâne'nin İLGİLİ haberleri. ABD ile \"Rusyası\"nın\" tavrı.")
    forms, asked = words_of([text])
    seen = []
    real = S.simplemma_lemma
    monkeypatch.setattr(S, "simplemma_lemma", lambda word: seen.append(word) or real(word))
    L.model().clear_cache()
    for _ in tokens_for(text, default_morphology(), None):
        pass
    assert seen and set(seen) <= asked and {"Rusya'nın", "Stratejik"} <= set(seen)
    assert L.simplemma_lemmas(sorted(asked)) == {w: real(w) for w in sorted(asked)}


def test_term_counts_agree_with_lemma_frequencies_unless_derivations_are_asked(seed_analysis):
    plain = seed_analysis.term_counts(["endişe"]).set_index("term").at["endişe", "count"]
    freq = seed_analysis.lemma_frequencies().set_index("lemma").at["endişe", "count"]
    assert plain == freq == 3  # endişesiyle, endişe (kaynağı), endişesini
    derived = seed_analysis.term_counts(["endişe"], derivations=True).set_index("term")
    assert derived.at["endişe", "count"] == 4 and "endişeli" in derived.at["endişe", "forms"]


def test_sentence_initial_name_keeps_its_capital_when_the_article_uses_it_as_a_name():
    text = "Kuzey Kore lideri Kim Rusya'ya gitti.\nKim, Putin ile görüştü. Rusya ve Kuzey Kore yakınlaştı."
    lemmas = toolkit.analyze(text, cache=False).tokens
    starts = lemmas[lemmas["position"] == 0]
    assert starts["lemma"].astype(str).tolist() == ["Kuzey", "Kim", "Rusya"]
    assert not {"kim", "kuzey"} & set(lemmas["lemma"].astype(str))
    # with no mid-sentence use as a name, the sentence-initial word is left to the model
    alone = toolkit.analyze("Kuzey rüzgârı sert esti.", cache=False).tokens
    assert alone["lemma"].astype(str).tolist()[0] == "kuzey"


def test_analyze_keeps_lexical_verbs_unless_asked_for_ud_lemmas(tmp_path):
    # (kaldırmak is kal in IMST, kaldır in Kenet and Penn: the default model, without IMST, gives kaldır)
    text = "Bakan yaptırımların kaldırılmasını istedi. Saldırıda üç kişiyi öldürdüler. Bakan bunu da belirtti."
    lexical = toolkit.analyze(text, cache=tmp_path)
    ud = toolkit.analyze(text, cache=tmp_path, lexical_verbs=False)  # same cache, other key
    by_surface = lambda a: dict(zip(a.tokens["surface"], a.tokens["lemma"]))  # noqa: E731
    assert by_surface(lexical)["öldürdüler"] == "öldürmek" and by_surface(ud)["öldürdüler"] == "ölmek"
    assert by_surface(lexical)["belirtti"] == "belirtmek" and by_surface(ud)["belirtti"] == "belirmek"
    assert by_surface(lexical)["kaldırılmasını"].startswith("kaldır")
    assert toolkit.analyze(text, cache=tmp_path).tokens.equals(lexical.tokens)  # read back from the cache


def test_the_lemma_model_reads_the_punctuation_around_words_as_it_was_fitted(seed_analysis):
    """The model is fitted on UD sentences, punctuation marks included, and reads a word's
    neighbours: the token table has no marks, so they are put back as context when choosing.
    Without them the word before a full stop lost its verb reading (*verdi* → the noun *Verdi*).
    Quotation marks stay out: after one the model took the written word for the lemma."""
    from toolkit.tokens import punctuation_around
    from toolkit.text import tokenize

    text = '"Ben geldim," dedi. Hükümet karar verdi... Ali (Ankara) gitti!'
    tokens = tokenize(text)
    sentences = [[t for t in tokens if t.sentence == k] for k in range(3)]
    seen = []
    before = 0
    for k, sentence in enumerate(sentences):
        after = sentences[k + 1][0].start if k < 2 else len(text)
        seen.append(punctuation_around(text, sentence, before, after))
        before = sentence[-1].end
    assert seen == [([None, None, ","], [None, ",", "."]),        # Ben geldim , dedi .
                    ([None, None, None], [None, None, "..."]),    # Hükümet karar verdi ...
                    ([None, "(", ")"], ["(", ")", "!"])]           # Ali ( Ankara ) gitti !
    a = toolkit.analyze("Hükümet karar verdi. Bakanlık da destek verdi.", cache=False)
    assert list(a.tokens["lemma"][a.tokens["surface"] == "verdi"]) == ["vermek", "vermek"]
    # the seed: yaptırımlar uygulamakta "tereddüt etmeyeceğini" açıkladı — a negated threat cue
    hits = seed_analysis.frame_hits()
    quoted = hits[hits["surface"] == "tereddüt etmeyeceğini"]
    assert len(quoted) == 1 and quoted["negated"].all()
