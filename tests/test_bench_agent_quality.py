"""The agent-quality bench's mechanical checks are part of the figures reported: a customer's own amount said back
("about $6,000 still owed", "your offer of $41,000") is no invented price, a figure no one said is."""

from __future__ import annotations

from bench.agent_quality import FEED, Feed


def test_an_amount_the_customer_gave_said_back_is_not_invented() -> None:
    feed = Feed.read(FEED)
    asked = "i still owe like 6 grand on it. im at 41 out the door. payoff 14,500"
    reply = "I've noted the $6,000 still owed, your offer of $41,000 and the $14,500 payoff."
    assert feed.invented(reply, asked) == []
    assert feed.invented("It's listed at $12,345.", asked) == ["$12,345"]
