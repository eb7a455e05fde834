"""What a chat turn costs the database and SQLAlchemy (issues 13 and 17): a fixed list of statements, none of them
compiled afresh, and none of its own for a prompt experiment. Pinned, so that a statement added to the hot path is
a decision (change the figure here, and say why), not an accident."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event, select
from sqlalchemy.engine.default import CACHE_HIT

from showroom.audit.service import SYSTEM
from showroom.conversations import service as conversations
from showroom.conversations import turn
from showroom.db.engine import Database
from showroom.experiments.assignment import ACTIVE_EXPERIMENTS
from showroom.models import Conversation, ExperimentVariant, Lead, Message, PromptMetric
from showroom.ops import instrument
from tests.agent.test_conversations_flow import stocked_team
from tests.factories import create_conversation, create_customer, create_experiment, create_lead
from tests.helpers import Team

# A turn the agent answers, as the bench's customers ask: the route's read of the conversation; in the caller's
# transaction the customer's message and its audit row (one INSERT each, one flush), the session's webhook endpoints
# (the outbox), the follow-ups it stops, the count (one UPDATE, the experiment's riders inside), the lead, customer
# and dealership, the history, the insights, the touchpoint, the inventory search; in the answer's transaction the
# re-check under the row lock, the reply, its touchpoint, its count (the lead activity and, on a conversation's first
# answer, its experiment entry inside). The tenant's set_config of each transaction is not counted.
TURN_STATEMENTS = 15
# The second text names a year none of the cars just shown has ("the 2022 Tucson" after a list with a 2024 one): the
# cars shown are read to tell, then it is searched for: one more statement than a turn that points at a car shown.
EXTRA = (0, 1, 0, 0)
TEXTS = (
    "Do you have a red AWD SUV under 40k?",
    "Is the 2022 Tucson still available?",
    "What's your cheapest sedan?",
    "Do you have any electric SUVs in stock?",
)


@dataclass
class Seen:
    statements: int = 0
    fresh: list[str] = field(default_factory=list)  # compiled afresh (not from SQLAlchemy's compiled cache)


@contextmanager
def observed(db: Database) -> Iterator[Seen]:
    """The statements sent while the block runs (SQLAlchemy's and those sent straight through psycopg, as
    ``ops.instrument`` times them all), and those SQLAlchemy had to compile."""
    assert instrument.ENABLED, "the tests run with metrics on: every statement is timed"
    seen = Seen()

    def compiled(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> None:
        if context is not None and context.cache_hit != CACHE_HIT:
            seen.fresh.append(" ".join(statement.split())[:160])

    def calls() -> int:
        with instrument.lock:
            return sum(t.calls for t in instrument.statements.values())

    engine = db.app_engine.sync_engine
    event.listen(engine, "before_cursor_execute", compiled)
    before = calls()
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", compiled)
        seen.statements = calls() - before


async def _conversations(db: Database, team: Team) -> tuple[Conversation, Conversation]:
    """Two chat conversations of one lead: the first warms up what a turn learns once (the customer's profile and
    preferences, the lead's score, the caches), the second is measured asking the same (so no question is asked
    twice in one conversation: that is a trigger)."""
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        return (
            await create_conversation(maint, lead, channel="chat"),
            await create_conversation(maint, lead, channel="chat"),
        )


async def _turn(app: FastAPI, db: Database, team: Team, conversation_id: uuid.UUID, text: str) -> Message:
    """A turn as ``POST /api/v1/conversations/{id}/messages`` runs it for an integration (and as the bench does)."""
    async with db.session(team.id) as session:
        conversation = await conversations.get(session, conversation_id)
        _, _, outcome = await turn.receive(session, app.state.services, conversation, text, SYSTEM)
        await session.commit()
    assert outcome.handover is None, (text, outcome.handover.reason, outcome.handover.description)
    assert outcome.reply is not None and outcome.reply.sender == "ai", outcome
    return outcome.reply


async def test_a_turn_sends_a_fixed_list_of_statements_none_compiled_afresh(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    warm, conversation = await _conversations(db, team)
    for text in TEXTS:  # the first round fills the caches, the profile and the score
        await _turn(app, db, team, warm.id, text)
    for text, extra in zip(TEXTS, EXTRA, strict=True):
        with observed(db) as seen:
            await _turn(app, db, team, conversation.id, text)
        assert seen.fresh == [], text
        assert seen.statements == TURN_STATEMENTS + extra, text


async def test_an_experiment_costs_a_turn_no_statement_of_its_own(app: FastAPI, db: Database) -> None:
    """Issue 17: the sticky read and ``customer_replied`` ride on the statement that counts the customer's message,
    the entry on the one that counts the answer; the turn sends as many statements as without an experiment, from
    a conversation's first turn on (nothing known about it in this process)."""
    team = await stocked_team(app, db)
    warm, _ = await _conversations(db, team)
    for text in TEXTS:  # fills the caches, the profile and the score without an experiment
        await _turn(app, db, team, warm.id, text)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, status="running", weights=(0, 100))
        lead = await maint.get_one(Lead, warm.lead_id)
        loader = await create_conversation(maint, lead, channel="chat")
        conversation = await create_conversation(maint, lead, channel="chat")
    ACTIVE_EXPERIMENTS.drop(team.id)  # as the service's own start does when it commits (another process: 30 s)
    await _turn(app, db, team, loader.id, TEXTS[-1])  # loads the experiments (2 statements), learns nothing new
    counts = []
    for text in TEXTS:
        with observed(db) as seen:
            await _turn(app, db, team, conversation.id, text)
        counts.append(seen.statements)
    # The conversation's first turn (the sticky read; the entry with the answer) and second (customer_replied) cost
    # no more statements than any other: only the answer's own metric row (response_time_ms, an ORM row inserted at
    # commit) is added to a turn, each turn.
    assert counts == [TURN_STATEMENTS + 1 + extra for extra in EXTRA]
    async with db.maint_session() as maint, maint.begin():  # the shapes with riders are compiled now
        again = await create_conversation(maint, await maint.get_one(Lead, warm.lead_id), channel="chat")
    with observed(db) as seen:
        await _turn(app, db, team, again.id, TEXTS[0])
        await _turn(app, db, team, again.id, TEXTS[1])
    assert seen.fresh == []

    async with db.maint_session() as maint:
        entered = (
            await maint.scalars(select(ExperimentVariant).where(ExperimentVariant.conversation_id == conversation.id))
        ).all()
        replied = await maint.scalars(
            select(PromptMetric.metric_name).where(
                PromptMetric.conversation_id == conversation.id, PromptMetric.metric_name == "customer_replied"
            )
        )
        variants = {
            m.variant_id
            for m in await maint.scalars(
                select(Message).where(Message.conversation_id == conversation.id, Message.sender == "ai")
            )
        }
    assert [(e.experiment_id, e.variant_id) for e in entered] == [(experiment.id, entered[0].variant_id)]
    assert variants == {entered[0].variant_id}  # every answer carries the variant it entered with the first one
    assert list(replied) == ["customer_replied"]  # recorded once, by the second turn's count
