"""simplemma's Turkish lemmas as lemma choice asks for them: one word at a time, over a trie
built once per cache directory, or given by another process (see :func:`simplemma_lemmas`)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable, Mapping


_simplemma_fn = None
_simplemma_lock = threading.Lock()


def simplemma_trie(build: bool = True) -> Path | None:
    """simplemma's Turkish dictionary as a MARISA trie file, built once per cache directory.

    simplemma's own loader decodes its 1.2M-form Turkish dictionary into a dict on every start:
    ≈0.7 s and ≈140 MB in each process that lemmatises (each worker). The trie holds the same
    forms and lemmas (same lookups) in a 6 MB file that loads in milliseconds; building it
    takes ≈2 s, once, into ``<cache directory>/simplemma-<version>/tr.dic`` (see
    :func:`toolkit.cache.default_cache_dir`), written under a temporary name and renamed, so
    processes building it at once never read half a file. None when it cannot be written (or,
    with ``build=False``, is not there yet).
    """
    import os
    import tempfile

    import simplemma

    from toolkit.cache import default_cache_dir

    directory = default_cache_dir() / f"simplemma-{simplemma.__version__}"
    path = directory / "tr.dic"
    if path.exists():
        return path
    if not build:
        return None
    try:
        from simplemma.strategies.dictionaries import TrieDictionaryFactory

        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=directory) as tmp:
            TrieDictionaryFactory(disk_cache_dir=tmp).get_dictionary("tr")
            os.replace(Path(tmp) / "tr.dic", path)
    except (ImportError, OSError):
        return None
    return path


def _simplemma_lemmatizer(build: bool = True):
    """``word → simplemma's lemma``, over :func:`simplemma_trie` (simplemma's own dict if there
    is no trie, or with ``build=False`` none built yet; the lemmas are the same)."""
    import simplemma

    path = simplemma_trie(build)
    if path is None:
        return lambda w: simplemma.lemmatize(w, lang="tr")
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    lemmatizer = simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=TrieDictionaryFactory(disk_cache_dir=str(path.parent))))
    return lambda w: lemmatizer.lemmatize(w, lang="tr")


def simplemma_namespace() -> str:
    """Where the analysis cache keeps simplemma's lemmas of words (``{word: lemma as JSON}``)."""
    from importlib.metadata import version

    return f"simplemma {version('simplemma')}"


# simplemma's lemmas of words, found by another process (see simplemma_lemmas): looked up
# before simplemma itself, so a worker given them never loads simplemma's dictionary.
_simplemma_given: dict[str, str | None] = {}
_NOT_GIVEN = object()


def simplemma_lemma(word: str) -> str | None:
    """simplemma's lemma of ``word`` (None for a word that does not start with a letter)."""
    if _simplemma_given:
        found = _simplemma_given.get(word, _NOT_GIVEN)
        if found is not _NOT_GIVEN:
            return found
    lemmatizer = _simplemma_fn or _start_simplemma(build=True)
    if not word[:1].isalpha():
        return None
    return lemmatizer(word)


def _start_simplemma(build: bool):
    """This process's ``word → simplemma's lemma`` (:func:`_simplemma_lemmatizer`), made once."""
    global _simplemma_fn
    if _simplemma_fn is None:
        with _simplemma_lock:
            if _simplemma_fn is None:
                _simplemma_fn = _simplemma_lemmatizer(build)
    return _simplemma_fn


def simplemma_lemmas(words: Iterable[str]) -> dict[str, str | None]:
    """``{word: simplemma's lemma}``, as lemma choice asks simplemma (the words of a corpus:
    :func:`toolkit.text.read_as` of its surfaces). Looked up here over the trie if it is
    built, otherwise over simplemma's own dictionary (≈0.8 s and ≈140 MB to load, once per
    process): the trie is not built for this. Meant for a process of its own that looks the
    words up for the workers (see :func:`toolkit.analysis.analyze`).
    """
    _start_simplemma(build=False)
    return {w: simplemma_lemma(w) for w in words}


def give_simplemma_lemmas(found: Mapping[str, str | None]) -> None:
    """Use these lemmas (from :func:`simplemma_lemmas` in another process) for these words, in
    place of those from before."""
    _simplemma_given.clear()
    _simplemma_given.update(found)
