"""Listing text fit for a customer: what a feed puts in its trim, description and feature fields that is not meant
for customers (markup, search-index and tracking debris, template placeholders, dealer notes) taken out.

The feed import cleans what it stores (`clean_listing`), the agent cleans what it reads again (rows stored before),
and the guardrails drop any sentence that still carries debris (`has_debris`), whoever wrote it.
"""

from __future__ import annotations

import html
import itertools
import re

# A search index's highlight metadata flattened into a field ("value matchLevel none matchedWords"), template and
# serialisation leftovers, tracking parameters.
_INDEX_DEBRIS = re.compile(
    r"(?:\bvalue\s+)?\bmatch(?:Level|edWords)\b(?:\s+(?:none|full|partial)\b)?(?:\s+matchedWords\b)?"
    r"(?:\s+fullyHighlighted\s+(?:true|false)\b)?"
    r"|\b(?:fullyHighlighted|_highlightResult|_snippetResult|objectID|_rankingInfo)\b"
    r"|\[object Object\]|\{\{[^{}]{0,80}\}\}|\$\{[^{}]{0,80}\}|%%\w{1,40}%%"
    r"|\b(?:utm_[a-z]+|gclid|fbclid|mc_eid)=[^\s&]*&?",
    re.IGNORECASE,
)
# A whole field that is a placeholder, not a value.
_PLACEHOLDER = re.compile(r"(?:undefined|null|none|nan|n/?a|#n/a|tbd|-+|\.+|\?+)", re.IGNORECASE)
# Notes written for the dealership's staff, not its customers: the sentence that carries one goes.
_STAFF_NOTE = re.compile(
    r"\b(?:internal|dealer|staff|sales(?:man|person)?|lot|manager|desk|recon)\s+(?:notes?|only|use)\b"
    r"|\bnotes?\s+(?:to|for)\s+(?:staff|sales|self|desk|team)\b|\bfor internal use\b"
    r"|\bdo not (?:disclose|publish|print|advertise|post)\b"
    r"|\bnot for (?:the )?(?:public|customers?|advertis\w*|publication|website|online)\b"
    r"|\b(?:acv|wholesale (?:only|price|value|cost)|cost to dealer|floor ?plan|pack (?:fee|amount))\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]{0,500}>")
_SCRIPTS = re.compile(r"(?is)<(script|style)\b.*?(?:</\1\s*>|$)|<!--.*?(?:-->|$)")
_STARRED = re.compile(r"\*+[^*\n]{1,40}\*+")  # "SE AWD *Ltd Avail*": a web page's flag, not part of the trim
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


# Every debris pattern above contains one of these (lower-case): a cheap test first, as every sentence of every reply
# is checked.
_CLUES = (
    "match", "highlight", "snippet", "objectid", "ranking", "object", "{", "%%", "=", "note", "only", "use",
    "do not", "not for", "acv", "wholesale", "dealer", "floor", "pack", "<",
)  # fmt: skip


def has_debris(text: str) -> bool:
    """Does the text carry feed debris or a staff note (a sentence that must not reach a customer)?"""
    lower = text.lower()
    if not any(clue in lower for clue in _CLUES):
        return False
    return bool(_INDEX_DEBRIS.search(text) or _STAFF_NOTE.search(text) or ("<" in text and _TAGS.search(text)))


def clean_listing(text: str | None, *, short: bool = False) -> str | None:
    """The text without markup, debris and staff notes, its lines kept (a short field, a trim or a feature, in one
    line, also without starred flags); None when nothing is left."""
    if not text:
        return None
    out = _SCRIPTS.sub(" ", text)
    out = re.sub(r"(?i)<br\s*/?>|</p\s*>|</li\s*>|</div\s*>", "\n", out)
    out = html.unescape(_TAGS.sub(" ", out))
    out = _INDEX_DEBRIS.sub(" ", out)
    if short:
        out = _STARRED.sub(" ", out)
    out = re.sub(r"[\u200b-\u200f\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]", "", out)
    lines = []
    for line in out.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _STAFF_NOTE.search(line):  # a note runs to the end of its line: keep what comes before it
            sentences = _SENTENCES.split(line)
            line = " ".join(itertools.takewhile(lambda s: not _STAFF_NOTE.search(s), sentences))
        line = re.sub(r"\s+", " ", line).strip(" ,;:-|/")
        if line:
            lines.append(line)
    out = (" " if short else "\n").join(lines)
    if not out or _PLACEHOLDER.fullmatch(out):
        return None
    return out
