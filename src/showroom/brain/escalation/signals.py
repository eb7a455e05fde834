"""What conditions and detectors read from a message: its words indexed for typo-tolerant keyword lookups,
the first pattern found (not negated), and the urgency score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from showroom.brain.escalation.patterns import _BUYING, _TIME_URGENT
from showroom.brain.nlu.intents import understand
from showroom.brain.nlu.text import TOKEN_RE, clean, edit_distance, is_negated, squash, words
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.types import Turn


@dataclass
class _Context:
    text: str
    lower: str
    words: list[str]
    u: Understanding
    history: Sequence[Turn]

    @cached_property
    def index(self) -> _Words:
        return _Words(self.words)


class _Words:
    """A message's words, indexed for keyword lookups (dozens of keywords are tried on every message): where each
    word is, which words could be typos of a keyword (by first letter), and 2-3 words written apart, glued."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.at: dict[str, list[int]] = {}
        self.maybe_typo: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            self.at.setdefault(word, []).append(i)
            if len(word) >= 5 and word.isalpha() and word not in _REAL_WORDS:
                self.maybe_typo.setdefault(word[0], []).append(i)
        self.glued = {"".join(words[i : i + n]) for i in range(len(words)) for n in (2, 3)}

    def starts(self, wanted: str) -> set[int]:
        """Where a word that :func:`_word_matches` ``wanted`` is."""
        found = {i for form in (wanted, wanted + "s", wanted + "es", wanted + "'s") for i in self.at.get(form, ())}
        if len(wanted) >= 6:
            found.update(i for i in self.maybe_typo.get(wanted[0], ()) if _word_matches(self.words[i], wanted))
        return found


def _first(patterns: Sequence[tuple[str, re.Pattern[str]]], lower: str, negatable: bool = True) -> str | None:
    """The label of the first pattern found (not negated, when `negatable`) in `lower`."""
    for label, pattern in patterns:
        for m in pattern.finditer(lower):
            if not negatable or not is_negated(lower, m.start()):
                return label or m.group().strip()
    return None


def _buying(lower: str) -> str | None:
    return _first(_BUYING, lower)


def urgency_score(text: str, u: Understanding | None = None) -> float:
    """0..1: 'today / right now / asap' (0.6) together with a buying signal (0.4); service talk is never urgent."""
    lower = clean(text).lower()
    u = u or understand(text)
    if u.primary in ("service", "hours_location") and not _buying(lower):
        return 0.0
    if _ASKS_WHEN.search(lower) and not _buying(_VISIT_ONLY.sub(" ", lower)):
        return 0.0  # "what time can i come by today": a question about the hours, not a buyer on the way
    score = 0.6 if _first(_TIME_URGENT, lower) else 0.0
    if _buying(lower):
        score += 0.4
    if u.slots.timeline in ("asap", "today") and score < 0.6:
        score += 0.3
    return min(1.0, score)


_ASKS_WHEN = re.compile(
    r"\b(?:what time|when|how late|till when|until when|until what time)\s+(?:can|could|should|do|are|r|is|would)\s+"
    r"(?:i|we|you|u|y'?all|it)\b|\bare (?:you|u) (?:guys )?open\b"
)
_VISIT_ONLY = re.compile(
    r"(?:come|coming|stop|stopping|swing|head|heading|drive|driving|be)\s+(?:in|by|down|over|there)"
)

# Everyday words one typo away from common trigger keywords ("layer" / lawyer, "using" / suing): never a typo.
_REAL_WORDS = words(
    "layer layers player prayer later latter lower lawn using suite suits sure cause count counts courts manger "
    "danger ranger anger hanger refine refined recall recalled retail detail attorneys legally legal illegal "
    "private primary prices priced pricey report reports resort support complain complained compliant "
    "lender tender bender slender fraught freud frau harass harassed"
)


def _word_matches(word: str, wanted: str) -> bool:
    """Same word, a plural, or one typo (two in long words) that is not itself an everyday word."""
    if word == wanted or word in (wanted + "s", wanted + "es", wanted + "'s"):
        return True
    if len(wanted) < 6 or len(word) < 5 or word[:1] != wanted[:1] or not word.isalpha() or word in _REAL_WORDS:
        return False
    limit = 2 if len(wanted) >= 9 else 1
    return edit_distance(word, wanted, limit) <= limit


@lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[tuple[str, ...], str]:
    return tuple(TOKEN_RE.findall(clean(keyword).lower())), squash(keyword)


def _keyword_hit(index: _Words, keyword: str) -> bool:
    """Whole-word, case-insensitive, tolerant of plurals and one typo (two for long words)."""
    wanted, joined = _keyword_words(keyword)
    if not wanted:
        return False
    words = index.words
    for i in index.starts(wanted[0]):
        if i + len(wanted) <= len(words) and all(_word_matches(words[i + k], w) for k, w in enumerate(wanted)):
            return True
    return len(wanted) == 1 and joined in index.glued  # "b b b", "lemon-law" written apart
