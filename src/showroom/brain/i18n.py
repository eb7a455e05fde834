"""The builtin agent's words in the languages it writes.

As with gettext, the English text in the code is the message id: ``ctx.t("Our hours are {hours}.", hours=...)``
looks the id up in the reply language's catalog and fills it in (``str.format``). English needs no catalog; each
other language is a module of its own (``brain.spanish``), a plain mapping from the English text to the
translation, so a reviewer who reads the language can check it line by line. A test reads every id the composer
uses out of its source and fails when a catalog lacks one; at run time a missing entry falls back to English
rather than fail a customer's turn.

The tone phrases (``voice._PHRASES``: several ways of saying each thing, per tone) have their own table per
language for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from showroom.brain import spanish
from showroom.brain.compose.voice import _PHRASES
from showroom.vocabulary import Language, Tone

PhraseTable = Mapping[str, Mapping[Tone, tuple[str, ...]]]

CATALOGS: dict[str, Mapping[str, str]] = {Language.es: spanish.MESSAGES}
_PHRASE_TABLES: dict[str, PhraseTable] = {Language.en: _PHRASES, Language.es: spanish.PHRASES}
WRITTEN: tuple[str, ...] = (Language.en, *CATALOGS)
"""The languages the builtin agent writes; a dealership may enable others only with an LLM provider."""


def writes(language: str) -> bool:
    return language in WRITTEN


def translate(language: str, msgid: str) -> str:
    """The template for ``msgid`` in ``language`` (the English text itself for English or a missing entry)."""
    catalog = CATALOGS.get(language)
    return catalog.get(msgid, msgid) if catalog is not None else msgid


def say(language: str, msgid: str, **values: object) -> str:
    """``msgid`` in ``language``, filled in (the module-level twin of ``_Ctx.t``)."""
    return contract(translate(language, msgid).format(**values), language)


def contract(text: str, language: str) -> str:
    """Spanish contracts "de el" and "a el" once the words are filled in ("del 2022 Tucson", "al 2022 Tucson")."""
    if language != Language.es:
        return text
    return re.sub(r"\b([Dd]e|[Aa]) el\b", lambda m: "del" if m.group(1).lower() == "de" else "al", text)


def colour_name(colour: str, language: str) -> str:
    """A feed's colour in ``language`` ("Grey" -> "Gris"); a colour the catalog does not name stays as listed."""
    names = spanish.COLOURS if language == Language.es else None
    return names.get(colour.strip().lower(), colour) if names else colour


def phrases(language: str) -> PhraseTable:
    return _PHRASE_TABLES.get(language, _PHRASES)
