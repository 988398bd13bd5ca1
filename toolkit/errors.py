"""The toolkit's error and warning classes, in one place below every other module.

Each module raises these and re-exports the ones it raises where they were first defined
(``toolkit.corpus.InputError``, ``toolkit.analysis.ArticleTooLargeError``,
``toolkit.cache.CacheWarning``), so either import works. Messages are one sentence naming the
file (and line) or the article, and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable


class InputError(ValueError):
    """A user's input cannot be read. The message is one sentence naming the file (and line).

    ``skipped`` lists every input left out before the error, when there were several.
    """

    def __init__(self, message: str, skipped: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.skipped: list[str] = list(skipped)


class ArticleTooLargeError(InputError):
    """An article is longer than ``toolkit.analysis.MAX_ARTICLE_CHARS`` characters; split it."""


class LexiconError(InputError):
    """A framing lexicon cannot be used; the message names the file and line."""


class UnknownFrameError(LexiconError, KeyError):
    """A frame or term name the analysis does not have (a ``KeyError`` too, as for any mapping)."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


class SkippedInputWarning(UserWarning):
    """An input file or record was left out of a corpus; the message says which and why."""


class CacheWarning(UserWarning):
    """The cache file was unreadable and has been set aside; analysis goes on without it."""
