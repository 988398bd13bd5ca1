"""When a frame hit is negated: the rules of Turkish negation the matcher applies, in order.

Each rule is a small function ``rule(view, seq, cue) -> bool`` over a hit's token rows
``seq`` (its cue words and any light verb taken into it). ``view`` is the matcher's view of
the token table (:class:`toolkit.matching.TokenView`): ``keys`` (lemma keys), ``lower``
(surfaces, Turkish lower case), ``pos``, ``unit`` (sentence of each token), ``clause`` (clause
number of each token), ``all_readings_have(i, morpheme)`` and ``some_reading_has(i, morpheme)``.
:data:`RULES` lists them in the order they are tried; the first that fires names the hit's
``negation``. Scope is the clause: a marker after a
comma, a semicolon, a dash or *ama/fakat/ancak*, or after a verb, never negates a cue before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# Words after a cue the markers değil / yok may be separated from it by (a noun phrase:
# "kriz söz konusu değil", "endişe için bir neden yok").
REACH = 4
# Lemma keys of the existential "no need": "endişeye gerek yok".
NO_NEED = frozenset({"gerek", "lüzum", "ihtiyaç"})
# ... and of "no cause", which negates a cue in the dative only: "endişeye mahal yok" (but
# "endişe için bir neden yok" is plain yok).
NO_CAUSE = frozenset({"mahal", "sebep", "neden"})
# Lemma keys that make "hiç(bir) … yok" ("hiçbir endişemiz yok").
NEVER = frozenset({"hiç", "hiçbir"})
# "yok" as part of a verb (yok et- "destroy", yok say- "ignore", yok ol- "vanish") is no negation.
YOK_VERBS = frozenset({"etmek", "edilmek", "saymak", "olmak"})
# "sadece X değil (Y de)": "not only X" asserts X.
NOT_ONLY = frozenset({"sadece", "yalnızca", "yalnız", "salt", "bir tek"})
# What ends a clause: these marks between two words, or one of these words (lemma keys).
CLAUSE_MARKS = frozenset(",;:–—()")
CLAUSE_WORDS = frozenset({"ama", "fakat", "ancak", "lakin", "çünkü", "oysa", "halbuki"})
# Coordinators a cue may share değil through (*kaygı ve telaş verici değildir*).
COORDINATORS = frozenset({"ve", "veya", "ya", "yahut", "ile"})
# Words that end a noun phrase's reach to the right: a positive existential.
POSITIVE = frozenset({"var"})
# Verbs of refraining that negate a verbal noun in the ablative right before them (lemma keys).
REFRAIN = frozenset({"kaçınmak", "kaçın", "sakınmak", "sakın", "vazgeçmek", "vazgeç"})


def _after(view: Any, seq: tuple[int, ...]) -> Iterator[int]:
    """Token rows after the hit within :data:`REACH` words, in its clause; a verb is the last,
    and *var* or a conditional *yoksa* ends the reach before it."""
    last = seq[-1]
    for j in range(last + 1, min(last + 1 + REACH, len(view.keys))):
        if view.clause[j] != view.clause[last] or view.keys[j] in POSITIVE or view.lower[j].startswith("yoksa"):
            return
        yield j
        if view.pos[j] == "Verb":
            return


def _before(view: Any, seq: tuple[int, ...], reach: int | None = REACH) -> Iterator[int]:
    """Token rows before the hit within ``reach`` words (:data:`REACH`; ``None``: the whole
    clause), in its clause, nearest first."""
    first = seq[0]
    stop = -1 if reach is None else max(first - 1 - reach, -1)
    for j in range(first - 1, stop, -1):
        if view.clause[j] != view.clause[first]:
            return
        yield j


def sIz(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """-sIz where the cue says so (``sIz_negates: true``): *endişesiz bir bekleyiş* ("unworried")."""
    return bool(cue.sIz_negates) and any(view.is_without(k, cue) for k in seq)


def gerek_yok(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """"no need for" or "no cause for": *endişeye gerek yok*, *kaygılanmaya lüzum yok*, *endişeye mahal yok*."""
    after = list(_after(view, seq))
    need = NO_NEED | NO_CAUSE if view.all_readings_have(seq[-1], "Dat") else NO_NEED
    return any(view.keys[a] in need and b == a + 1 and _is_yok(view, b) for a in after for b in after)


def hic_yok(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """hiç(bir) … yok: *hiçbir endişemiz yok*, *hiç tehdit yok*."""
    return yok(view, seq, cue) and any(view.keys[j] in NEVER for j in _before(view, seq))


def yok(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """Existential *yok* after the cue or its phrase: *yeni bir yaptırım yok*, *endişe için bir
    neden yok*; not *yok et-* / *yok say-* (*terörü yok edeceğiz*), nor a cue in the genitive,
    whose head is what is missing (*savaşların sonu yok*), nor one in the accusative, the
    locative or the dative, which is no existential's subject (*piyasalarda yeni ihraç yoktu*,
    *tedbirlerimizi kolaylaştıracağınıza şüphe yoktur*, *eleştiriye tahammülü yoktu*; "no need"
    is :func:`gerek_yok`'s)."""
    last = seq[-1]
    if view.some_reading_has(last, "Gen") or any(view.all_readings_have(last, case) for case in ("Acc", "Loc", "Dat")):
        return False
    return any(_is_yok(view, j) for j in _after(view, seq))


def degil(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """Copular *değil* right after the cue (or after *söz konusu*, or after *maruz* "exposed to" a
    cue in the dative): *bu bir kriz değil*, *tehdit değildir*, *savaşların değil barışın*, *tehdit
    söz konusu değil*, *tehlikeye maruz değildir*; not when other words come
    between (*füzeler kimseye karşı değil* negates *karşı*), not "not only" (*sadece ekonomik
    değil*) nor the tag question *değil mi*."""
    j = _past_coordinate(view, seq[-1] + 1)
    if j + 1 < len(view.keys) and view.keys[j] == "söz" and view.keys[j + 1] == "konu":
        j += 2
    elif j < len(view.keys) and view.keys[j] == "maruz" and view.all_readings_have(seq[-1], "Dat"):
        j += 1
    if j >= len(view.keys) or view.keys[j] != "değil" or view.clause[j] != view.clause[seq[-1]]:
        return False
    if j + 1 < len(view.keys) and view.keys[j + 1] in ("mi", "mı") and view.clause[j + 1] == view.clause[j]:
        return False
    return not any(view.keys[k] in NOT_ONLY for k in _before(view, seq))


def _past_coordinate(view: Any, j: int) -> int:
    """The row after a coordinated word (and *verici*) that starts at row ``j``, or ``j``: *kaygı
    ve telaş verici değildir* negates *kaygı* as *kaygı verici değildir* would. Only nouns and
    adjectives, in the cue's clause."""
    if j >= len(view.keys) or view.keys[j] not in COORDINATORS:
        return j
    k = j + 1
    if k < len(view.keys) and view.keys[k] == "da" and view.keys[j] == "ya":
        k += 1
    if k >= len(view.keys) or view.clause[k] != view.clause[j] or view.pos[k] not in ("Noun", "Adj"):
        return j
    k += 1
    if k < len(view.keys) and view.lower[k] == "verici" and view.clause[k] == view.clause[j]:
        k += 1
    return k


def refrain(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """A verb of refraining right after the cue in the ablative: *kınamaktan kaçınan*,
    *yaptırım uygulamaktan vazgeçti*; not when that verb is negated itself (*kınamaktan
    kaçınmadı* "did not refrain from condemning")."""
    j = seq[-1] + 1
    if j >= len(view.keys) or view.keys[j] not in REFRAIN or view.clause[j] != view.clause[seq[-1]]:
        return False
    return view.some_reading_has(seq[-1], "Abl") and not view.all_readings_have(j, "Neg")


def abilitative(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """The abilitative negative -(y)AmA- on the cue's verb or light verb: *yaptırımları
    uygulayamaz*, *inkar edemeyeceklerini*."""
    return any(view.all_readings_have(k, "Unable") for k in seq)


def verb(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """The verbal negative -mA- on the cue's verb or light verb, in every reading of the form:
    *endişe duymuyoruz*, *endişelenmiyoruz*; not *çatışma* (the noun "clash"). Also -mAdAn /
    -mAksIzIn "without doing" on a light verb or a multiword cue's verb (*endişe duymadan*,
    *yaptırım uygulamaksızın*), though zeyrek also reads -mAdAn as a verbal noun in the
    ablative; a one-word cue in -mAdAn is left alone (*çatışmadan* is mostly "from the clash").
    And the negative imperative (:func:`_imperative`): *hiç endişelenme!*, *endişe etme, geçer*."""
    return any(view.all_readings_have(k, "Neg") for k in seq) \
        or any(view.some_reading_has(k, "WithoutHavingDoneSo") for k in seq[1:]) \
        or _imperative(view, seq, cue)


def _imperative(view: Any, seq: tuple[int, ...], cue: Any) -> bool:
    """The negative imperative -mA on a light verb or a derived verb that ends its sentence, or
    ends a first clause of adverbs only: *hiç endişelenme!*, *sakın endişelenme, seni korurum*,
    *endişe etme, her şey düzelecek*. zeyrek reads the same form as the verbal noun too
    (*endişelenme* "worrying"), which goes on in its sentence (*endişe etme hakkı*, *endişelenme
    ve korku*) or stands in a list (*nesnel eleştirme, tenkit yok*). A cue word that is itself
    the form is left alone: *çatışma* at a sentence's end is the noun "clash"."""
    k = seq[-1]
    if len(seq) == 1 and view.keys[k] in cue.words[-1]:
        return False
    if not (view.some_reading_has(k, "Neg") and view.some_reading_has(k, "Imp")):
        return False
    if k + 1 >= len(view.keys) or view.unit[k + 1] != view.unit[k]:
        return True
    if view.clause[k + 1] == view.clause[k]:
        return False
    return all(view.pos[j] in ("Adv", "Interj") for j in _before(view, seq, reach=None))


def _is_yok(view: Any, j: int) -> bool:
    """Token ``j`` is the existential *yok* (*yok*, *yoktu*, *yoktur*): its lemma and its
    spelling, so a word the lemma model misreads as *yok* (*yoğunlaştı* "intensified") is none;
    not the conditional *yoksa*, nor *yok* of a verb (*yok et-*, *yok say-*)."""
    if view.keys[j] != "yok" or not view.lower[j].startswith("yok") or view.lower[j].startswith("yoksa"):
        return False
    return not (j + 1 < len(view.keys) and view.clause[j + 1] == view.clause[j] and view.keys[j + 1] in YOK_VERBS)


RULES: list[tuple[str, Callable[[Any, tuple[int, ...], Any], bool]]] = [
    ("-sIz", sIz), ("gerek yok", gerek_yok), ("hiç…yok", hic_yok), ("yok", yok), ("değil", degil),
    ("refrain", refrain), ("abilitative", abilitative), ("verb", verb),
]


# The marker a rule needs among the words after the hit; without it the rule is not tried.
MARKERS = {"gerek yok": "yok", "hiç…yok": "yok", "yok": "yok", "değil": "değil"}


def negation_rule(view: Any, seq: tuple[int, ...], cue: Any) -> str:
    """The name of the first rule of :data:`RULES` that negates the hit, or ``""``."""
    last = seq[-1]
    ahead = set(view.keys[last + 1:last + 3 + REACH])
    return next((name for name, rule in RULES
                 if (name not in MARKERS or MARKERS[name] in ahead) and rule(view, seq, cue)), "")
