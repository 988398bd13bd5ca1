"""Turkish news framing analysis: lemmas, frequencies, framing terms and figures.

>>> import toolkit
>>> a = toolkit.analyze(toolkit.load_corpus("data/articles"))
>>> a.lemma_frequencies().head()

The names below are imported on first use, so that a worker process importing one module
of the package (``toolkit.tokens``) does not import them all (pandas among them).
"""

from importlib import import_module

__version__ = "0.32.0"

_HOMES = {
    "Analysis": "toolkit.analysis", "analyze": "toolkit.analysis", "default_stopwords": "toolkit.analysis",
    "Article": "toolkit.corpus", "Corpus": "toolkit.corpus", "load_corpus": "toolkit.corpus",
    "ArticleTooLargeError": "toolkit.errors", "CacheWarning": "toolkit.errors", "InputError": "toolkit.errors",
    "SkippedInputWarning": "toolkit.errors",
    "explorer": "toolkit.explore",
    "find_duplicates": "toolkit.duplicates",
    "Lexicon": "toolkit.lexicon", "LexiconError": "toolkit.errors",
    "lemmatize": "toolkit.lemmas", "validate": "toolkit.validity", "lexicon_validity": "toolkit.validity",
    "TermRules": "toolkit.terms", "known_names": "toolkit.terms", "light_verbs": "toolkit.terms",
    "term_columns": "toolkit.terms",
    "normalize": "toolkit.text", "sentences": "toolkit.text", "tokenize": "toolkit.text",
    "turkish_lower": "toolkit.text", "turkish_upper": "toolkit.text",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
