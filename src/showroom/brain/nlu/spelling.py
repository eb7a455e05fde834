"""Misspelled key words put right before the phrase tables read a message: "manger" → manager, "tittle" → title,
"registation" → registration, "attorny" → attorney.

Only words that matter for understanding and handover are corrected, only into one of them, and only from a word
that is not itself a real word we know ("places" stays places, not plates; "layer" stays layer, not lawyer): one
typo (a swap counts as one) for words of 6 to 8 letters, two from 9 letters, same first letter. ``rapidfuzz``
computes the distances (~12 ms to import, a few µs a message).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from showroom.brain.nlu.language import _ENGLISH
from showroom.brain.nlu.text import words

KEY_WORDS = words(
    "manager managers salesman salesmen salesperson supervisor representative someone somebody dealership "
    "attorney attorneys lawyer lawyers lawsuit general consumer protection complaint complaints "
    "warranty registration title plates temporary appointment recall recalls transmission engine "
    "service payment payments refund deposit paperwork contract finance financing insurance "
    "disappointed ridiculous unacceptable terrible horrible frustrated frustrating misleading scammed "
    "tomorrow tonight saturday sunday monday tuesday wednesday thursday friday morning afternoon evening "
    "available negotiable discount purchase mileage"
)
# Real words one typo away from a key word: never "corrected".
_REAL = words(
    "places placed plated plants planes plate layer layers player prayer later latter lower danger ranger "
    "anger hanger general generous servile serving server severe titles titled little settle "
    "recalled recoil resale retail regional refunds refused prepayment repayment insurances "
    "deposits deposed depose contact contacts contrast financed finances financial account accounts "
    "surface purchased purchaser purchases sometime someone's somehow monday's tonight's morning's evenings "
    "engines engine's registry register registered registrar attorney's lawyer's services serviced servicing"
)
_TOKEN = re.compile(r"[A-Za-z]{5,}")


@lru_cache(maxsize=4096)
def _fix(token: str) -> str | None:
    lower = token.lower()
    if lower in KEY_WORDS or lower in _REAL or lower in _ENGLISH or len(lower) < 6:
        return None
    limit = 2 if len(lower) >= 9 else 1
    candidates = [w for w in KEY_WORDS if w[0] == lower[0] and abs(len(w) - len(lower)) <= limit]
    found = process.extractOne(lower, candidates, scorer=OSA.distance, score_cutoff=limit)
    return found[0] if found else None


def correct(text: str, known: frozenset[str] = frozenset()) -> str:
    """``text`` with misspelled key words put right (lower case); ``known``: more real words to leave alone."""

    def replace(m: re.Match[str]) -> str:
        word = m.group()
        if word.lower() in known:
            return word
        return _fix(word) or word

    return _TOKEN.sub(replace, text)
