"""Turkish news framing analysis: lemmas, frequencies, framing terms and figures.

>>> import toolkit
>>> a = toolkit.analyze(toolkit.load_corpus("data/articles"))
>>> a.lemma_frequencies().head()
"""

from toolkit.analysis import Analysis, analyze, default_stopwords
from toolkit.corpus import Article, Corpus, InputError, SkippedInputWarning, load_corpus
from toolkit.framing import Lexicon, LexiconError
from toolkit.lemmas import lemmatize
from toolkit.text import normalize, sentences, tokenize, turkish_lower, turkish_upper

__version__ = "0.3.3"

__all__ = [
    "Analysis", "Article", "Corpus", "InputError", "Lexicon", "LexiconError", "SkippedInputWarning",
    "analyze", "default_stopwords", "lemmatize", "load_corpus", "normalize", "sentences", "tokenize",
    "turkish_lower", "turkish_upper",
]
