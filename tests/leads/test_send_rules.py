"""Issue 14's send rules, decided without the network: quiet hours in the customer's own time zone, no automated
message to a flagged contact, no automated text without consent (conversations.channels, leads.local_time)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from showroom.conversations.channels import _undeliverable, quiet_until
from showroom.leads.consent import from_text, is_yes
from showroom.leads.local_time import customer_zone
from showroom.models import Customer, Dealership, Message

CHICAGO = Dealership(name="d", subdomain="d", timezone="America/Chicago", agent_config={})


def customer(**kw: object) -> Customer:
    defaults: dict[str, object] = {"contact_flags": {}, "opted_out": False, "opted_out_channels": {}}
    return Customer(full_name="C", country="US", **{**defaults, **kw})


def test_the_customers_zone_comes_from_their_address_then_their_area_code() -> None:
    assert customer_zone(customer(state="CA", phone_e164="+16465550172")) == ZoneInfo("America/Los_Angeles")
    assert customer_zone(customer(state="Texas")) == ZoneInfo("America/Chicago")
    assert customer_zone(customer(phone_e164="+16465550172")) == ZoneInfo("America/New_York")
    assert customer_zone(customer(phone_e164="+18003569377")) is None  # toll-free: every zone
    assert customer_zone(customer()) is None


def test_quiet_hours_are_the_customers_own() -> None:
    at = datetime(2026, 12, 7, 4, 30, tzinfo=UTC)  # 22:30 in Chicago, 20:30 in Los Angeles, 23:30 in New York
    assert quiet_until(CHICAGO, at, customer(state="CA")) is None  # still evening in California: send now
    assert quiet_until(CHICAGO, at, customer()) == datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # 08:00 Chicago
    assert quiet_until(CHICAGO, at, customer(phone_e164="+16465550172")) == datetime(2026, 12, 7, 13, 0, tzinfo=UTC)


def test_no_automated_message_to_a_flagged_contact_or_text_without_consent_but_a_persons_reply_goes() -> None:
    flagged = customer(
        email="d@example.com",
        email_normalized="d@example.com",
        phone_e164="+13125550100",
        contact_flags={"email": {"value": "d@example.com", "reason": "example.com is a reserved or example domain"}},
    )
    by_ai = Message(channel="email", sender="ai", entities={})
    assert _undeliverable(by_ai, flagged) == (
        "the e-mail address 'd@example.com' is unverified (example.com is a reserved or example domain); "
        "confirm it on the customer page"
    )
    assert _undeliverable(Message(channel="email", sender="agent", entities={}), flagged) is None
    text = Message(channel="sms", sender="ai", entities={})
    assert _undeliverable(text, flagged) == "the customer has not agreed to automated texts"
    flagged.sms_consent = {"granted": True, "source": "widget", "at": "2026-12-06T10:00:00+00:00", "wording": "ok"}
    assert _undeliverable(text, flagged) is None
    flagged.sms_consent = {**flagged.sms_consent, "granted": False}
    assert _undeliverable(text, flagged) == "the customer has not agreed to automated texts"


def test_consent_words_in_a_leads_comments() -> None:
    assert from_text("Name: Jo\nSMS Consent: Yes - I agree to texts") == (True, "SMS Consent: Yes - I agree to texts")
    assert from_text("Text opt-in: no") == (False, "Text opt-in: no")
    said = from_text("Text me please. I agree to receive text messages.")
    assert said is not None and said[0] and "I agree to receive text messages" in said[1]
    assert from_text("Please call, do not text me") is None
    assert (is_yes("Y"), is_yes("false"), is_yes("maybe")) == (True, False, None)
