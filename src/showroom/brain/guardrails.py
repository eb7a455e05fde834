"""Rules every outgoing reply obeys, whatever the provider (builtin or an LLM) wrote.

Sentence by sentence: drop prompt-injection echoes, feed debris and staff notes (`brain.listing`), prices that are
not a listed price of the vehicles in context, makes and models that are not among them (an honest "we don't have a
Tahoe" stays; a listed unit's trim is not read as a model), promises (guarantees, approvals, rates, payments,
delivery dates), phone numbers that are not the dealership's, and links that are not allowed (at most one survives).
Then: HTML stripped, short paragraphs separated by blank lines, a question or a next step at the end, and SMS trimmed
at sentence boundaries.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from showroom.brain.i18n import translate
from showroom.brain.listing import has_debris
from showroom.brain.nlu.attributes import make_matches, model_matches
from showroom.brain.nlu.text import rx
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog, find_vehicle_mentions
from showroom.brain.types import DealershipView, VehicleView
from showroom.vocabulary import Channel

DEFAULT_CLOSING = "Is there anything else I can help you with?"
FALLBACK = "Thanks for your message! A member of our team will follow up with you."
MAX_SENTENCES_PER_PARAGRAPH = 3


@dataclass
class Guarded:
    text: str
    violations: list[str]
    changed: bool


_INJECTION = rx(
    r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,30}\b(?:previous|prior|above|earlier|all|your|the|system)"
    r"\s+(?:rules?|instructions?|prompts?|directions?|guidelines?|policies|polic(?:y|ies))\b",
    r"\bsystem prompt\b|\bdeveloper mode\b|\bjailbreak\w*|\bas an ai language model\b|\bnew instructions?\s*:",
    r"\byou are now (?:in|a|an|dan)\b|\bprompt injection\b|<\|[^|>]*\|>|\bbegin (?:system|prompt)\b",
    flags=re.IGNORECASE,
)
_PROMISES = rx(
    r"\bguarantee\w*|\bpromise\w*|\bpre[\s-]?approved\b|\bapproved\b|\bno credit check\b",
    r"\bwe(?:'ll| will| can)? (?:give|pay|offer) you \$",
    r"\bwe(?:'ll| will) (?:match|beat|hold|reserve)\b",
    r"\b\d+(?:\.\d+)?\s?%\s*(?:apr|interest|financing|down|off|rate)\b|\b0\s?%|\bapr of\b|\binterest rate of\b",
    r"\$\s?\d[\d,]*(?:\.\d+)?\s*(?:/|per|a|an)\s*(?:mo|month|week|wk|biweekly)\b|\b\d[\d,]*\s*(?:/mo|per month)\b",
    r"\b(?:your|the|a) (?:monthly )?payments? (?:will|would) be\b",
    r"\bdeliver(?:ed|y|ing)?\b[^.!?\n]{0,40}\b(?:by|on|tomorrow|today|tonight|within|in \d+|next)\b|\bfree delivery\b",
    r"\b(?:lowest|best) price (?:in town|anywhere|around)\b|\bwe(?:'ll| will) take (?:\$|\d)",
    flags=re.IGNORECASE,
)
_MONEY = re.compile(
    r"\$\s?(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?P<ad>\.\d{1,2})?(?:\s?(?P<ak>k|K)\b)?"
    r"|\b(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?P<bd>\.\d{1,2})?\s?(?P<bu>k|K|grand|thousand|dollars?|bucks?|usd|USD)\b"
    r"(?!\s*(?:mi\b|miles|mileage|on it))"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    r"|(?<![@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|us|biz|info|xyz|ly|app|site|online|shop)\b"
    r"(?!@)"  # an e-mail address ("rosa.m@yahoo.com", the customer's own, said back) is no link
    r"(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)|(?<![\d$,])\d{10}(?!\d)")
_NEGATIVE_AVAILABILITY = rx(
    r"\b(?:don'?t|do not|doesn'?t|does not|isn'?t|is not|aren'?t|are not|not|no|no longer|none|couldn'?t|can'?t"
    r"|cannot|unable|out of)\b",
    flags=re.IGNORECASE,
)
_CONTRAST = rx(r"\b(?:but|however|although|though|yet)\b|;", flags=re.IGNORECASE)
_NEXT_STEP = rx(
    r"\?\s*\W*$",
    r"\b(?:let (?:me|us) know|reply|call us|give us a call|text us|message us|visit|stop by|come by|apply"
    r"|schedule|book|reach out|feel free|just (?:reply|message|let)|click|tap|you can|we'?ll be in touch"
    r"|talk soon|see you|will follow up|will be in touch|will reach out|i can (?:set up|arrange|help|send|have|connect)"
    r"|i'?d be (?:glad|happy) to"
    r"|responda|ll[aá]menos|vis[ií]tenos|con gusto le|puede (?:llamar|visitar|ver|empezar|llenar)|le (?:aviso|paso)"
    r"|se comunicar[aá]n?|le responder[aá])\b",
    flags=re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _strip_html(text: str) -> str:
    text = re.sub(r"(?is)<(script|style)\b.*?(?:</\1\s*>|$)", " ", text)
    text = re.sub(r"(?s)<!--.*?-->", " ", text)
    text = re.sub(r"(?i)</?(?:ul|ol|p)\b[^>]*>", "\n\n", text)
    text = re.sub(r"(?i)<br\s*/?>|</div\s*>|</li\s*>", "\n", text)
    text = re.sub(r"(?i)<li\b[^>]*>", "\n- ", text)
    text = re.sub(r"<[^>]{0,500}>", " ", text)
    text = html.unescape(text)
    text = re.sub(r"\[([^\]\n]{1,200})\]\((\S{1,500})\)", r"\1 \2", text)  # markdown links
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    return re.sub(r"[\u200b-\u200f\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def _normal_url(url: str) -> str:
    url = url.strip().rstrip(".,;:!?'\")]}").lower()
    url = re.sub(r"^https?://", "", url)
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def split_sentences(paragraph: str) -> list[str]:
    """Bullet lines stay whole; prose splits at line breaks and sentence ends."""
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    if any(_BULLET.match(line) for line in lines):
        return lines
    return [
        s.strip() for line in lines for s in re.split(r"(?<=[.!?])\s+(?=\S)", re.sub(r"\s+", " ", line)) if s.strip()
    ]


def _cents(match: re.Match[str]) -> int | None:
    digits = (match.group("a") or match.group("b") or "").replace(",", "")
    decimals = match.group("ad") or match.group("bd") or ""
    unit = (match.group("ak") or match.group("bu") or "").lower()
    if not digits:
        return None
    value = float(digits + decimals)
    if unit in ("k", "grand", "thousand"):
        value *= 1000
    return round(value * 100)


class _Checker:
    """Sentence-level rules against the context of one reply."""

    def __init__(
        self,
        vehicles: Sequence[VehicleView],
        dealership: DealershipView,
        allowed_urls: Sequence[str],
        catalog: Catalog | None = None,
        owned: Sequence[tuple[str | None, str | None]] = (),
        figures: Sequence[int] = (),
        phones: Sequence[str] = (),
    ):
        self.vehicles = vehicles
        # the customer's own car, named back to them ("your 2016 Honda Accord"): no car of ours, and not invented
        self.owned = [(make.lower(), (model or "").lower()) for make, model in owned if make]
        self.dealership = dealership
        listed = {v.price_cents for v in vehicles if v.price_cents is not None}
        # a listed price, or the gap between two ("the Titan is $6,099 less"): worked out from the listings
        self.prices = listed | {abs(a - b) for a in listed for b in listed if a != b}
        # the customer's own figures, said back ("I'm not seeing one that's also under $50,000", "about $14,500 still
        # owed on it"): theirs, not invented
        self.prices |= {f + 1 if f % 100 == 99 else f for f in figures}  # a limit a cent under a price: the price
        urls = [*allowed_urls, *(v.url for v in vehicles if v.url), dealership.website or ""]
        self.allowed_urls = {_normal_url(u) for u in urls if u}
        self.phone = re.sub(r"\D", "", dealership.phone or "")[-10:]
        self.theirs = {re.sub(r"\D", "", p)[-10:] for p in phones}  # the customer's own number, said back
        self.catalog = catalog or Catalog.from_vehicles(vehicles)
        self.trims = sorted({v.trim for v in vehicles if v.trim}, key=len, reverse=True)
        self.links_kept = 0
        self.violations: list[str] = []

    def flag(self, violation: str) -> None:
        if violation not in self.violations:
            self.violations.append(violation)

    def check(self, sentence: str) -> str | None:
        """The sentence (links possibly removed) or None to drop it."""
        for rule, bad in (
            ("prompt_injection", lambda s: bool(_INJECTION.search(s))),
            ("feed_debris", has_debris),
            ("promise", lambda s: bool(_PROMISES.search(s))),
            ("unlisted_price", self._unlisted_price),
            ("unlisted_phone", self._unlisted_phone),
            ("unlisted_vehicle", self._unlisted_vehicle),
        ):
            if bad(sentence):
                self.flag(rule)
                return None
        return self._links(sentence)

    def _unlisted_price(self, sentence: str) -> bool:
        without_urls = _URL.sub(" ", sentence)
        return any(_cents(m) not in self.prices for m in _MONEY.finditer(without_urls))

    def _unlisted_phone(self, sentence: str) -> bool:
        said = (re.sub(r"\D", "", m.group())[-10:] for m in _PHONE.finditer(sentence))
        return any(digits != self.phone and digits not in self.theirs for digits in said)

    def _unlisted_vehicle(self, sentence: str) -> bool:
        masked = _URL.sub(lambda m: " " * len(m.group()), sentence)
        d = self.dealership  # its own data may name a make ("World Hyundai", "4300 Lincoln Hwy")
        for known in (d.name, d.address, d.city, d.hours_text, d.hours_es):
            if known:
                masked = re.sub(re.escape(known), " ", masked, flags=re.IGNORECASE)
        for trim in self.trims:  # a listed unit's trim may read as a model ("Ram 1500 Express 4x4 Crew Cab")
            # a word in its place, so that what follows is not read as the make's model ("Lexus [RX 350 AWD] is")
            masked = masked.replace(trim, "unit".ljust(len(trim)) if len(trim) >= 4 else " " * len(trim))
        for mention in find_vehicle_mentions(masked, self.catalog):
            if self._listed(mention.make, mention.model) or self._owned(mention.make, mention.model):
                continue
            honest_no = _NEGATIVE_AVAILABILITY.search(sentence) and not _CONTRAST.search(sentence)
            if not (honest_no and not _MONEY.search(sentence)):
                return True
        return False

    def _owned(self, make: str, model: str | None) -> bool:
        return any(make.lower() == m and (model or "").lower() in ("", o) for m, o in self.owned)

    def _listed(self, make: str, model: str | None) -> bool:
        if model is None and any(make_matches(known, make) for known in self.catalog.makes):
            return True  # "a new Hyundai or Kia comes with ...": a make the dealership sells, no unit claimed
        for vehicle in self.vehicles:
            if not make_matches(vehicle.make, make):
                continue
            if model is None or model_matches(vehicle.model, model) or model_matches(model, vehicle.model):
                return True
        return False

    def _links(self, sentence: str) -> str | None:
        """A sentence pointing to a link that is not allowed goes; a second allowed link is just removed."""
        urls = [m.group() for m in _URL.finditer(sentence)]
        if any(_normal_url(url) not in self.allowed_urls for url in urls):
            self.flag("link")
            return None
        removed = False

        def keep_first(match: re.Match[str]) -> str:
            nonlocal removed
            url = match.group()
            if self.links_kept == 0:
                self.links_kept += 1
                return url
            removed = True
            return url[len(url.rstrip(".,;:!?")) :]

        out = _URL.sub(keep_first, sentence)
        if not removed:
            return out
        self.flag("link")
        out = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
        out = re.sub(r"[\s:,-]+([.!?]?)$", r"\1", out)
        words = re.findall(r"[A-Za-z0-9']+", out)
        if len(words) < 4 or re.search(r"\b(?:here|this link|below|at|via|link)\s*[.!?]?$", out, re.IGNORECASE):
            return None
        return out


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if p.strip()]


def _rebuild(paragraphs: list[list[str]]) -> list[list[str]]:
    """At most MAX_SENTENCES_PER_PARAGRAPH prose sentences per paragraph; bullet lists stay whole."""
    out: list[list[str]] = []
    for sentences in paragraphs:
        if not sentences:
            continue
        if any(_BULLET.match(s) for s in sentences):
            out.append(sentences)
            continue
        for start in range(0, len(sentences), MAX_SENTENCES_PER_PARAGRAPH):
            out.append(sentences[start : start + MAX_SENTENCES_PER_PARAGRAPH])
    return out


def _render(paragraphs: list[list[str]]) -> str:
    rendered = []
    for sentences in paragraphs:
        joiner = "\n" if any(_BULLET.match(s) for s in sentences) else " "
        rendered.append(joiner.join(sentences))
    return "\n\n".join(rendered)


def layout(paragraphs: Sequence[str]) -> str:
    """Paragraph texts rendered the way enforce() renders them (so a well-formed reply passes unchanged)."""
    return _render(_rebuild([split_sentences(p) for p in paragraphs if p.strip()]))


def ends_with_next_step(text: str) -> bool:
    """Does the last sentence ask a question or give a clear next step?"""
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return False
    last = split_sentences(paragraphs[-1])
    return bool(last) and bool(_NEXT_STEP.search(last[-1]))


def _trim_sms(paragraphs: list[list[str]], limit: int) -> list[list[str]]:
    """Whole sentences from the start, keeping the closing question, within `limit` characters."""
    closing = paragraphs[-1][-1] if paragraphs and _NEXT_STEP.search(paragraphs[-1][-1]) else None
    budget = limit - (len(closing) + 2 if closing else 0)
    kept: list[list[str]] = []
    used = 0
    for index, sentences in enumerate(paragraphs):
        current: list[str] = []
        for position, sentence in enumerate(sentences):
            if closing is not None and index == len(paragraphs) - 1 and position == len(sentences) - 1:
                break
            cost = len(sentence) + (1 if current else (2 if kept else 0))
            if used + cost > budget:
                return _close(kept, current, closing, limit)
            current.append(sentence)
            used += cost
        if current:
            kept.append(current)
    return _close(kept, [], closing, limit)


def _close(kept: list[list[str]], current: list[str], closing: str | None, limit: int) -> list[list[str]]:
    if current:
        kept.append(current)
    if closing:
        kept.append([closing])
    if not kept or len(_render(kept)) > limit:
        first = _render(kept)[: max(1, limit - 1)]
        cut = first.rsplit(" ", 1)[0] if " " in first else first
        return [[cut.rstrip(" ,;:-") + "…"]]
    return kept


def customer_figures(u: Understanding, relaxed: Mapping[str, Any]) -> list[int]:
    """The amounts the customer gave (cents) as ``enforce`` takes them: a budget (also one the search left out), a
    payoff, a down payment."""
    s, trade = u.slots, u.slots.trade_in
    said = [s.budget_max_cents, s.budget_min_cents, s.down_payment_cents, trade.payoff_cents if trade else None]
    said += [relaxed.get("price_max_cents"), relaxed.get("price_min_cents")]
    return [c for c in said if c]


def customer_cars(u: Understanding) -> list[tuple[str | None, str | None]]:
    """The customer's own car (a trade-in) as ``enforce`` takes it: named back to them, it is no invented unit."""
    trade = u.slots.trade_in
    return [(trade.make, trade.model)] if trade is not None and trade.make else []


def enforce(
    text: str,
    *,
    vehicles: Sequence[VehicleView],
    dealership: DealershipView,
    allowed_urls: Sequence[str],
    channel: str,
    sms_max_chars: int = 320,
    catalog: Catalog | None = None,
    language: str = "en",
    owned: Sequence[tuple[str | None, str | None]] = (),
    figures: Sequence[int] = (),
    phones: Sequence[str] = (),
) -> Guarded:
    """The reply, rewritten to obey the rules, with the list of rules it broke. ``language``: what a closing
    question or the fallback the rules add is written in.

    Vehicle listing URLs and the dealership's website are allowed in addition to `allowed_urls`; `figures` are the
    customer's own amounts (cents: a budget, a payoff) and `phones` their own numbers, which a reply may say back.
    `catalog` (the dealership's makes and models, which include the listed vehicles') spells the names to look for;
    without it, the listed vehicles' names are used.
    """
    checker = _Checker(vehicles, dealership, allowed_urls, catalog, owned, figures, phones)
    cleaned = _strip_html(text)
    if cleaned != text and re.search(r"<[^>]+>|&[a-z]+;|&#\d+;", text):
        checker.flag("html")
    paragraphs = [
        [kept for sentence in split_sentences(paragraph) if (kept := checker.check(sentence))]
        for paragraph in _paragraphs(cleaned)
    ]
    paragraphs = _rebuild(paragraphs)
    if not paragraphs:
        checker.flag("empty")
        paragraphs = [[translate(language, FALLBACK)]]
    if not _NEXT_STEP.search(paragraphs[-1][-1]):
        checker.flag("no_next_step")
        paragraphs.append([translate(language, DEFAULT_CLOSING)])
    if channel == Channel.sms and len(_render(paragraphs)) > sms_max_chars:
        checker.flag("sms_length")
        paragraphs = _trim_sms(paragraphs, sms_max_chars)
    out = _render(paragraphs)
    return Guarded(text=out, violations=checker.violations, changed=out != text)


def allowed_links(persona_arguments: Mapping[str, Any] | None, dealership: DealershipView) -> list[str]:
    """The URLs a reply may link to: the persona's *_url arguments and the dealership's website."""
    urls = [str(value) for key, value in (persona_arguments or {}).items() if key.endswith("_url") and value]
    return [*urls, *([dealership.website] if dealership.website else [])]


def price_text(cents: int) -> str:
    """'$44,028' (or '$44,028.50'): the one way replies write a listed price, so enforce() recognises it."""
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}" if rest == 0 else f"${dollars:,}.{rest:02d}"
