"""Plain factory functions: ``create_<model>(session, **overrides)``, and whole tenant worlds.

They write through the maintenance session (BYPASSRLS), as fixtures and restores do (DATA_MODEL.md §4).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import (
    ApiKey,
    Appointment,
    AuditLog,
    Conversation,
    CrmHandoff,
    Customer,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    Dealership,
    EscalationTrigger,
    ExperimentVariant,
    FollowUp,
    Handover,
    InboundMailbox,
    InventoryFeedSource,
    InventoryImport,
    InventoryImportRow,
    Lead,
    LeadActivity,
    LeadScore,
    LeadSource,
    MagicLinkInvitation,
    Message,
    Persona,
    PromptExperiment,
    PromptMetric,
    PromptVariant,
    ReportSchedule,
    ResponseSuggestion,
    SavedReply,
    Session,
    User,
    UserInvitation,
    Vehicle,
    VehicleInterest,
    WebhookDelivery,
    WebhookEndpoint,
)


def unique(prefix: str = "t") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def token_hash() -> str:
    return hashlib.sha256(secrets.token_bytes(32)).hexdigest()


def vin() -> str:
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(17))


async def _add(session: AsyncSession, obj: Any) -> Any:
    session.add(obj)
    await session.flush()
    return obj


async def create_dealership(session: AsyncSession, **kw: Any) -> Dealership:
    sub = kw.pop("subdomain", unique("d"))
    return await _add(
        session,
        Dealership(
            name=kw.pop("name", f"Dealer {sub}"),
            subdomain=sub,
            contact_email=kw.pop("contact_email", f"sales@{sub}.example"),
            **kw,
        ),
    )


async def create_user(session: AsyncSession, dealership_id: int | None, **kw: Any) -> User:
    return await _add(
        session,
        User(
            dealership_id=dealership_id,
            email=kw.pop("email", f"{unique('u')}@example.com"),
            role=kw.pop("role", "user" if dealership_id else "super_admin"),
            **kw,
        ),
    )


async def create_customer(session: AsyncSession, dealership_id: int, **kw: Any) -> Customer:
    email = kw.pop("email", f"{unique('c')}@example.com")
    return await _add(
        session,
        Customer(
            dealership_id=dealership_id,
            full_name=kw.pop("full_name", "Pat Buyer"),
            email=email,
            email_normalized=email.lower(),
            **kw,
        ),
    )


async def create_vehicle(session: AsyncSession, dealership_id: int, **kw: Any) -> Vehicle:
    return await _add(
        session,
        Vehicle(
            dealership_id=dealership_id,
            vin=kw.pop("vin", vin()),
            make=kw.pop("make", "Hyundai"),
            model=kw.pop("model", "Tucson"),
            year=kw.pop("year", 2025),
            **kw,
        ),
    )


async def create_lead(session: AsyncSession, dealership_id: int, customer_id: uuid.UUID, **kw: Any) -> Lead:
    return await _add(
        session,
        Lead(
            dealership_id=dealership_id,
            customer_id=customer_id,
            lead_number=kw.pop("lead_number", unique("LEAD")),
            source=kw.pop("source", "api"),
            source_key=kw.pop("source_key", unique("key")),
            **kw,
        ),
    )


async def create_conversation(session: AsyncSession, lead: Lead, **kw: Any) -> Conversation:
    return await _add(
        session,
        Conversation(
            dealership_id=lead.dealership_id,
            lead_id=lead.id,
            customer_id=lead.customer_id,
            channel=kw.pop("channel", "chat"),
            **kw,
        ),
    )


async def create_message(session: AsyncSession, conversation: Conversation, **kw: Any) -> Message:
    return await _add(
        session,
        Message(
            dealership_id=conversation.dealership_id,
            conversation_id=conversation.id,
            type=kw.pop("type", "inbound"),
            sender=kw.pop("sender", "customer"),
            channel=kw.pop("channel", conversation.channel),
            content=kw.pop("content", "Is the Tucson still available?"),
            delivery_status=kw.pop("delivery_status", "received"),
            **kw,
        ),
    )


async def create_experiment(
    session: AsyncSession, dealership_id: int, *, status: str = "draft", weights: tuple[int, ...] = (50, 50), **kw: Any
) -> PromptExperiment:
    """An experiment with variants A (the control), B, ... weighted by ``weights``; started now unless a draft."""
    experiment = await _add(
        session,
        PromptExperiment(
            dealership_id=dealership_id,
            name=kw.pop("name", unique("exp")),
            primary_metric=kw.pop("primary_metric", "customer_replied"),
            guardrail_metrics=kw.pop("guardrail_metrics", ["opt_out", "handover"]),
            status=status,
            start_date=kw.pop("start_date", None if status == "draft" else datetime.now(UTC) - timedelta(seconds=5)),
            traffic_percentage=kw.pop("traffic_percentage", 100),
            **kw,
        ),
    )
    for i, weight in enumerate(weights):
        session.add(
            PromptVariant(
                dealership_id=dealership_id,
                experiment_id=experiment.id,
                name=chr(ord("A") + i),
                is_control=i == 0,
                traffic_allocation=weight,
            )
        )
    await session.flush()
    return experiment


@dataclass
class World:
    """One dealership with one row in every table that belongs to it (and its staff)."""

    dealership: Dealership
    admin: User
    agent: User
    rows: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.dealership.id


async def create_world(session: AsyncSession) -> World:
    """Every tenant table gets a row, linked the way real data is (lead → conversation → message ...)."""
    d = await create_dealership(session)
    admin = await create_user(session, d.id, role="dealership_admin")
    agent = await create_user(session, d.id, role="user")
    r: dict[str, Any] = {}
    r["vehicles"] = await create_vehicle(session, d.id)
    r["personas"] = await _add(
        session, Persona(dealership_id=d.id, name="Alex", is_default=True, prompt_template="You are {{persona_name}}.")
    )
    r["api_keys"] = await _add(
        session,
        ApiKey(
            dealership_id=d.id,
            name="website",
            key_prefix="shr_abcd1234",
            key_hash=token_hash(),
            created_by_user_id=admin.id,
        ),
    )
    r["report_schedules"] = await _add(
        session,
        ReportSchedule(
            dealership_id=d.id,
            name="Daily leads",
            report_type="lead_summary",
            recipients=["gm@example.com"],
            frequency="daily",
            timezone="America/New_York",
            next_run_at=datetime.now(UTC) + timedelta(days=1),
            created_by_user_id=admin.id,
        ),
    )
    r["lead_sources"] = await _add(session, LeadSource(dealership_id=d.id, name="Cars.com", type="adf_email"))
    r["customers"] = customer = await create_customer(session, d.id)
    r["leads"] = lead = await create_lead(
        session, d.id, customer.id, source_id=r["lead_sources"].id, assigned_user_id=agent.id
    )
    r["vehicle_interests"] = await _add(
        session,
        VehicleInterest(
            dealership_id=d.id,
            lead_id=lead.id,
            vehicle_id=r["vehicles"].id,
            is_primary=True,
            make="Hyundai",
            model="Tucson",
        ),
    )
    r["conversations"] = conv = await create_conversation(session, lead, assigned_user_id=agent.id)
    soon = datetime.now(UTC) + timedelta(days=2)
    r["appointments"] = await _add(
        session,
        Appointment(
            dealership_id=d.id,
            lead_id=lead.id,
            customer_id=customer.id,
            vehicle_id=r["vehicles"].id,
            assigned_user_id=agent.id,
            kind="test_drive",
            source="staff",
            starts_at=soon,
            ends_at=soon + timedelta(minutes=30),
        ),
    )
    r["saved_replies"] = await _add(
        session,
        SavedReply(dealership_id=d.id, title="Welcome", body="Hi {{customer.first_name}}", created_by_user_id=agent.id),
    )
    r["messages"] = msg = await create_message(session, conv, sender_user_id=None)
    r["escalation_triggers"] = trig = await _add(
        session, EscalationTrigger(dealership_id=d.id, name="Human request", conditions=[{"type": "human_request"}])
    )
    r["handovers"] = handover = await _add(
        session,
        Handover(
            dealership_id=d.id,
            conversation_id=conv.id,
            lead_id=lead.id,
            escalation_trigger_id=trig.id,
            reason="customer_request",
            to_user_id=agent.id,
        ),
    )
    r["lead_activities"] = await _add(
        session,
        LeadActivity(
            dealership_id=d.id,
            lead_id=lead.id,
            user_id=agent.id,
            type="lead_created",
            description="Lead created",
            message_id=msg.id,
            handover_id=handover.id,
        ),
    )
    r["inventory_feed_sources"] = feed = await _add(
        session,
        InventoryFeedSource(dealership_id=d.id, name="DMS feed", kind="https", url="https://dms.example/feed.csv"),
    )
    r["inventory_imports"] = run = await _add(
        session, InventoryImport(dealership_id=d.id, source_id=feed.id, filename="feed.csv", size_bytes=0)
    )
    r["inventory_import_rows"] = await _add(
        session,
        InventoryImportRow(
            dealership_id=d.id, import_id=run.id, line=2, vin=r["vehicles"].vin, vehicle={"vin": r["vehicles"].vin}
        ),
    )
    r["prompt_experiments"] = exp = await _add(
        session, PromptExperiment(dealership_id=d.id, name="Tone test", primary_metric="customer_replied")
    )
    r["prompt_variants"] = variant = await _add(
        session,
        PromptVariant(
            dealership_id=d.id, experiment_id=exp.id, name="control", is_control=True, prompt_template="Be brief."
        ),
    )
    r["experiment_variants"] = await _add(
        session,
        ExperimentVariant(dealership_id=d.id, experiment_id=exp.id, variant_id=variant.id, conversation_id=conv.id),
    )
    r["prompt_metrics"] = await _add(
        session,
        PromptMetric(
            dealership_id=d.id,
            experiment_id=exp.id,
            variant_id=variant.id,
            conversation_id=conv.id,
            message_id=msg.id,
            metric_name="customer_replied",
        ),
    )
    r["lead_scores"] = await _add(
        session,
        LeadScore(dealership_id=d.id, lead_id=lead.id, conversation_id=conv.id, score=42, model_version="rules-1"),
    )
    r["follow_ups"] = await _add(
        session,
        FollowUp(
            dealership_id=d.id,
            lead_id=lead.id,
            conversation_id=conv.id,
            customer_id=customer.id,
            assigned_user_id=agent.id,
            kind="staff_reminder",
            channel="phone",
            scheduled_at=datetime.now(UTC) + timedelta(hours=2),
        ),
    )
    r["customer_profiles"] = profile = await _add(session, CustomerProfile(dealership_id=d.id, customer_id=customer.id))
    r["customer_interactions"] = await _add(
        session,
        CustomerInteraction(
            dealership_id=d.id, profile_id=profile.id, conversation_id=conv.id, interaction_type="message_inbound"
        ),
    )
    r["customer_insights"] = await _add(
        session,
        CustomerInsight(
            dealership_id=d.id,
            customer_id=customer.id,
            conversation_id=conv.id,
            message_id=msg.id,
            insight_type="budget",
            value="under $40k",
            confidence=0.8,
            source="rule",
        ),
    )
    r["response_suggestions"] = await _add(
        session,
        ResponseSuggestion(
            dealership_id=d.id,
            conversation_id=conv.id,
            message_id=msg.id,
            suggestion_type="product_info",
            content="Yes, it is! Would you like to see it this week?",
            rank=1,
            used_by_user_id=agent.id,
        ),
    )
    r["webhook_endpoints"] = hook = await _add(
        session,
        WebhookEndpoint(
            dealership_id=d.id, url="https://93.184.216.34/hook", event_types=["lead.created"], secret="whsec_dGVzdA=="
        ),
    )
    r["webhook_deliveries"] = await _add(
        session,
        WebhookDelivery(
            dealership_id=d.id, endpoint_id=hook.id, event_type="lead.created", payload={"type": "lead.created"}
        ),
    )
    r["crm_handoffs"] = await _add(
        session,
        CrmHandoff(dealership_id=d.id, lead_id=lead.id, trigger="qualified", to_address="leads@crm.example"),
    )
    r["inbound_mailboxes"] = await _add(
        session,  # disabled: the minute sweep must not poll a made-up server while other tests run workers
        InboundMailbox(dealership_id=d.id, host="imap.example.com", port=993, username="leads", enabled=False),
    )
    r["sessions"] = await _add(
        session,
        Session(
            id=token_hash(),
            user_id=agent.id,
            dealership_id=d.id,
            csrf_secret=secrets.token_hex(16),
            expires_at=datetime.now(UTC) + timedelta(hours=8),
        ),
    )
    r["magic_link_invitations"] = await _add(
        session,
        MagicLinkInvitation(
            dealership_id=d.id, email="new@example.com", token_hash=token_hash(), invited_by_user_id=admin.id
        ),
    )
    r["user_invitations"] = await _add(
        session,
        UserInvitation(
            dealership_id=d.id,
            email="hire@example.com",
            role="manager",
            token_hash=token_hash(),
            invited_by_user_id=admin.id,
        ),
    )
    r["audit_logs"] = await _add(
        session,
        AuditLog(
            dealership_id=d.id,
            actor_type="user",
            user_id=admin.id,
            api_key_id=r["api_keys"].id,
            action="lead.create",
            resource_type="lead",
            resource_id=str(lead.id),
        ),
    )
    return World(dealership=d, admin=admin, agent=agent, rows=r)
