"""The turn being answered (understanding, persona, dealership, vehicles, tone, a seeded random), the parts
of the reply being built, and names fit to print.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from showroom.brain.i18n import colour_name, phrases, translate
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import find_vehicle_mentions
from showroom.brain.types import DealershipView, PersonaView, Turn, VehicleView
from showroom.vocabulary import Channel, Sender, Tone

_CHEERFUL = frozenset({"found_one", "found_many"})


@dataclass
class _Ctx:
    u: Understanding
    persona: PersonaView
    dealership: DealershipView
    vehicles: Sequence[VehicleView]
    history: Sequence[Turn]
    channel: str
    first_name: str | None
    rng: random.Random
    tone: Tone
    links_used: int = 0
    referred: bool = False  # the vehicles are the ones the customer pointed at ("it", "the white one")
    language: str = "en"  # what the reply is written in (brain.i18n)
    seen: str | None = None  # the customer saw every car that fits already: "more" (these are the next), "all"
    relaxed: dict[str, Any] = field(default_factory=dict)  # criteria carried from before that no car met, left out
    waiting: bool = False  # the customer waits for a person the agent brought in: plain answers, no pitch

    @property
    def hours(self) -> str:
        """The dealership's opening hours in the reply's language ('' when not set)."""
        d = self.dealership
        text = (d.hours_es if self.language == "es" and d.hours_es else d.hours_text) or ""
        return text.rstrip(".")

    @property
    def sms(self) -> bool:
        return self.channel == Channel.sms

    @property
    def first_contact(self) -> bool:
        return not any(t.sender in (Sender.ai, Sender.agent) for t in self.history)

    def say(self, key: str, **values: Any) -> str:
        """One of the tone's ways of saying ``key``, in the reply's language."""
        by_tone = phrases(self.language)[key]
        options = by_tone.get(self.tone) or by_tone[Tone.friendly]
        if self.waiting and key in _CHEERFUL:  # "is it at least still there" after a complaint: no "Good news!"
            plain = tuple(o for o in by_tone[Tone.professional] if not o.startswith(("Yes", "Sí", "¡Sí")))
            options = plain or options
        return self.rng.choice(options).format(**values)

    def ask(self, argument: str, default: str) -> str:
        """The persona's own words for an ask (``visit_request``, ``contact_request``) in an English reply, else
        ``default`` (the persona writes in one language; other languages keep the catalog's words)."""
        own = self.persona.text_argument(argument)
        return own if own and self.language == "en" else default

    def t(self, msgid: str, **values: Any) -> str:
        """``msgid`` (the English text, a str.format template) in the reply's language."""
        return translate(self.language, msgid).format(**values)

    def colour(self, name: str | None) -> str:
        """A listing's colour in the reply's language ("Grey" -> "Gris" in Spanish)."""
        return colour_name(name, self.language) if name else ""

    def said_before(self, text: str, within: int | None = None) -> bool:
        """Did one of the agent's replies (of the last ``within`` turns, else of all) say ``text``?"""
        turns = self.history[-within:] if within else self.history
        return any(text in t.text for t in turns if t.sender in (Sender.ai, Sender.agent))

    def join(self, items: Sequence[str], last: str = "") -> str:
        """'a, b and c' ('a, b y c'); ``last``: another last joint (" or ")."""
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + (last or self.t(" and ")) + items[-1]

    def link(self, url: str | None) -> str | None:
        """The URL if no link has been used yet (a reply carries at most one)."""
        if not url or self.links_used:
            return None
        self.links_used += 1
        return url


@dataclass
class _Reply:
    lead: list[str] = field(default_factory=list)  # first paragraph
    body: list[str] = field(default_factory=list)  # each item its own paragraph (a list block or sentences)
    extras: list[str] = field(default_factory=list)  # optional sentences (dropped first for SMS)
    question: str = ""
    vehicle_ids: list[int] = field(default_factory=list)
    confidence: float = 0.5
    greet: bool = False  # open with a hello even mid-conversation


def _seed(u: Understanding, persona: PersonaView, history: Sequence[Turn]) -> int:
    material = f"{u.text}|{u.primary}|{len(history)}|{persona.name}".encode()
    return int(hashlib.sha256(material).hexdigest()[:16], 16)


def safe_name(name: str | None) -> str | None:
    """A customer's first name fit to print: letters only, and not a word the guardrails read as a vehicle."""
    name = (name or "").strip().split(" ")[0]
    if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]{0,29}", name) or find_vehicle_mentions(f"Hi {name.capitalize()}"):
        return None
    return name[0].upper() + name[1:]


def _persona_name(persona: PersonaView) -> str | None:
    name = persona.name.strip()
    return name if name and not find_vehicle_mentions(f"I am {name}") else None
