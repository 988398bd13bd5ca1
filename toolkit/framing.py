"""The framing names in one import: lexicons (:mod:`toolkit.lexicon`), matching
(:mod:`toolkit.matching`), negation rules (:mod:`toolkit.negation`), frame tables
(:mod:`toolkit.framestats`), KWIC and coding sheets (:mod:`toolkit.kwic`) and validation
(:mod:`toolkit.validity`)."""

from toolkit.framestats import frame_table
from toolkit.kwic import coding_sheet, kwic_rows
from toolkit.lexicon import (
    DEFAULT_GAP, Cue, Frame, Lexicon, LexiconError, UnknownFrameError, compile_cue, default_lexicon,
)
from toolkit.matching import HIT_COLUMNS, TokenView, match_lexicon, match_term
from toolkit.names import in_proper_name
from toolkit.negation import RULES, negation_rule
from toolkit.validity import Validation, recall_sheet, validate

__all__ = [
    "DEFAULT_GAP", "HIT_COLUMNS", "RULES", "Cue", "Frame", "Lexicon", "LexiconError", "TokenView", "UnknownFrameError",
    "coding_sheet", "compile_cue", "default_lexicon", "frame_table", "in_proper_name", "kwic_rows", "match_lexicon",
    "match_term", "negation_rule", "recall_sheet", "validate", "Validation",
]
