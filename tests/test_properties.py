"""Property-based tests (hypothesis): the text layer is total and keeps its promises on any Unicode."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.text import normalize, sentences, tokenize, turkish_lower, turkish_upper

# Any code point, lone surrogates included, plus text rich in what breaks naive code.
ANY_TEXT = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
TRICKY = st.lists(
    st.sampled_from([
        "Putin’i", "KCNA'ya", "İSTANBUL", "ıIiİ", "Young-ho", "1948'de", "3,5", "10.000", "Dr.", "ABD.",
        "Путин", "김정은", "بوتين", "\u202e", "\u200b", "\u0307", "e\u0301", "😀", "\x00", "\t", "\n", " ", ".", "'",
        "’", "-", "--", "…", "?!", "\ud800", "\udfff", "\ufeff", "\u00ad",
    ]),
    max_size=60,
).map("".join)
TEXTS = st.one_of(ANY_TEXT, TRICKY)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_tokenize_never_raises_and_offsets_map_back(text):
    toks = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.surface
        if t.suffix:
            assert t.surface.startswith(t.base) and t.surface.endswith(t.suffix)
            assert len(t.surface) == len(t.base) + 1 + len(t.suffix)
        else:
            assert t.surface == t.base
    assert [t.start for t in toks] == sorted(t.start for t in toks)


@SETTINGS
@given(TEXTS)
def test_tokens_of_normalised_text_map_back(text):
    norm = normalize(text)
    assert all(norm[t.start:t.end] == t.surface for t in tokenize(norm))


@SETTINGS
@given(TEXTS)
@example("i\u0307\u0307")  # found by hypothesis: an i with two combining dots above
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@SETTINGS
@given(TEXTS)
def test_sentences_hold_their_tokens(text):
    toks = tokenize(text)
    sents = sentences(text)
    assert len(sents) == len({t.sentence for t in toks})
    for t in toks:
        assert t.surface in sents[t.sentence]


TURKISH_LETTERS = st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ", max_size=40)


@SETTINGS
@given(TURKISH_LETTERS)
def test_turkish_casing_round_trips(word):
    lower = turkish_lower(word)
    assert turkish_lower(turkish_upper(lower)) == lower
    assert turkish_upper(turkish_lower(turkish_upper(word))) == turkish_upper(word)
    assert len(lower) == len(word)  # never the English "i̇" expansion
