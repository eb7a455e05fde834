"""Text helpers: normalisation, tokens, compiled alternatives, typo distance, negation, masking."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def clean(text: str) -> str:
    """NFKC, straight quotes and dashes, trimmed, and "mileage" spelled as the phrase tables read it ("milage",
    "millage": the commonest misspelling in car questions)."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip()
    return _MILEAGE.sub(lambda m: "Mileage" if m.group()[0].isupper() else "mileage", cleaned)


_MILEAGE = re.compile(r"(?i)\bmil+e?age\b(?<!\bmileage)")


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """Lower-case letters and digits only: 'CR-V' -> 'crv', 'F 150' -> 'f150'. Memoised: the same makes, models
    and colours are squashed on every turn."""
    return _NOT_ALNUM.sub("", text.lower())


def words(text: str) -> frozenset[str]:
    """A set of space-separated words (vocabulary tables stay readable)."""
    return frozenset(text.split())


def rx(*alternatives: str, flags: int = 0) -> re.Pattern[str]:
    """One compiled pattern from alternatives written on separate lines."""
    return re.compile("|".join(alternatives), flags)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


def _tokens(lower: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(lower)]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance (swapping neighbours costs 1); limit + 1 when above limit (rapidfuzz)."""
    return int(OSA.distance(a, b, score_cutoff=limit))


_NEGATORS = words(
    "not no never without hardly dont don't didnt didn't doesnt doesn't isnt isn't wasnt wasn't arent aren't "
    "cant can't wont won't nor neither"
)


def is_negated(lower: str, start: int, window: int = 3) -> bool:
    """Is the word at `start` negated by one of the `window` words before it, in the same clause?"""
    before = re.split(r"[.!?;,]|\bbut\b", lower[:start])[-1]
    return any(w in _NEGATORS or w.endswith("n't") for w in TOKEN_RE.findall(before)[-window:])


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
