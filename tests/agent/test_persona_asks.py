"""The builtin agent asks for contact details and for a visit in the persona's words when it has them (a prompt
experiment's variant changes them), in English replies; the catalog's words otherwise."""

from __future__ import annotations

from showroom.brain.compose.reply import compose_reply, search_terms
from showroom.brain.nlu.intents import understand
from showroom.brain.types import DealershipView, Turn
from tests.agent.support import CATALOG, persona, search

EARLIER = [Turn("customer", "hi"), Turn("ai", "Hi! How can I help?")]
VISIT = "Shall we book you a test drive this week?"
CONTACT = "What's the best e-mail to send you the details?"


def _text(message: str, dealership: DealershipView, **arguments: str) -> str:
    u = understand(message, CATALOG, EARLIER, languages=["en", "es"])
    return compose_reply(
        u,
        persona=persona(**arguments),
        dealership=dealership,
        vehicles=search(search_terms(u)),
        history=EARLIER,
    ).text


def test_the_visit_and_contact_asks_are_the_personas_when_it_has_them(dealership: DealershipView) -> None:
    asks = {"visit_request": VISIT, "contact_request": CONTACT}
    for message in ("Is the 2024 Palisade XRT still available?", "what are your hours"):
        assert VISIT not in _text(message, dealership)
        assert _text(message, dealership, **asks).endswith(VISIT)
    for message in ("do you guys do financing?", "can I talk to a real person"):
        assert CONTACT not in _text(message, dealership)
        assert _text(message, dealership, **asks).endswith(CONTACT)


def test_a_spanish_reply_keeps_the_catalogs_words(dealership: DealershipView) -> None:
    text = _text("¿Cuál es su horario?", dealership, visit_request=VISIT)
    assert VISIT not in text
