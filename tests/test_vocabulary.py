"""Each vocabulary is spelled once, in showroom.vocabulary: the models' CHECK constraints and the API schemas accept
exactly its values. A value added, dropped or re-spelled in one place only fails here (and a CHECK that the
migrations do not match fails tests/db/test_migrations.py)."""

from __future__ import annotations

import inspect
import re
from enum import StrEnum
from typing import Any, get_origin

import pytest
from fastapi import FastAPI
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import CheckConstraint, Column

from showroom import vocabulary
from showroom.agent.schemas import PersonaArguments, TriggerCondition, TriggerIn, TriggerOut, TriggerUpdate
from showroom.appointments.schemas import AppointmentCreate, AppointmentOut
from showroom.audit.schemas import AuditEntry
from showroom.auth.schemas import (
    Invitation,
    InvitationCreate,
    InvitationPreview,
    SessionInfo,
    UserCreate,
    UserOut,
    UserUpdate,
)
from showroom.conversations.handover_routes import HandoverOut, SuggestionOut
from showroom.conversations.schemas import (
    ContactLog,
    ConversationCreate,
    ConversationOut,
    ConversationUpdate,
    MessageCreate,
    MessageOut,
)
from showroom.dealerships.schemas import AgentConfig, DealershipOut, DealershipSettings, DealershipUpdate
from showroom.experiments.schemas import ExperimentCreate, ExperimentUpdate
from showroom.integrations.crm.schemas import CrmHandoff as CrmHandoffOut
from showroom.integrations.crm.schemas import CrmSettings
from showroom.integrations.imap.schemas import Mailbox as MailboxOut
from showroom.integrations.imap.schemas import MailboxIn
from showroom.integrations.webhooks_out.schemas import WebhookDelivery as WebhookDeliveryOut
from showroom.inventory.schemas import FeedSourceOut, InventoryImportOut, VehicleCreate, VehicleOut, VehicleUpdate
from showroom.leads.routes import DeadLetterOut
from showroom.leads.schemas import (
    ActivityOut,
    AdfDocumentOut,
    AttributionIn,
    ConfirmContactIn,
    CustomerCreate,
    CustomerOut,
    IntakeCustomerIn,
    IntakeVehicleIn,
    LeadOut,
    LeadUpdate,
    TradeInIn,
)
from showroom.models import (
    Appointment,
    AuditLog,
    Base,
    Conversation,
    CrmHandoff,
    Customer,
    CustomerInsight,
    CustomerInteraction,
    Dealership,
    EscalationTrigger,
    FollowUp,
    Handover,
    InboundMailbox,
    IntakeDeadLetter,
    InventoryFeedSource,
    InventoryImport,
    Lead,
    LeadActivity,
    LeadSource,
    MagicLinkInvitation,
    Message,
    PromptExperiment,
    PromptMetric,
    ReportSchedule,
    ResponseSuggestion,
    User,
    UserInvitation,
    Vehicle,
    VehicleInterest,
    WebhookDelivery,
)
from showroom.vocabulary import (
    ActivityType,
    ActorType,
    AppointmentKind,
    AppointmentSource,
    AppointmentStatus,
    CadenceChannel,
    Channel,
    ConditionRating,
    ContactField,
    ContactPreference,
    ContentType,
    ConversationStatus,
    CrmHandoffStatus,
    CrmHandoffTrigger,
    CrmSendWhen,
    DeliveryStatus,
    ExperimentInference,
    ExperimentMode,
    ExperimentStatus,
    FeedSourceKind,
    FeedSourceState,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    HandoverReason,
    HandoverStatus,
    InsightSource,
    InsightType,
    IntakeChannel,
    InteractionType,
    Interest,
    InterestCondition,
    InventoryImportStatus,
    InvitationStatus,
    Language,
    LeadSourceType,
    LeadStatus,
    LinkPurpose,
    LoggedContact,
    MailboxSecurity,
    MatchMode,
    MessageType,
    MetricName,
    OperationMode,
    Priority,
    ProspectOutcome,
    ReportFormat,
    ReportFrequency,
    ReportType,
    Sender,
    Sentiment,
    SmsProviderName,
    SuggestionStatus,
    SuggestionType,
    Tone,
    TriggerAction,
    TriggerConditionType,
    UserRole,
    VehicleCondition,
    VehicleStatus,
    WebhookDeliveryStatus,
)

VOCABULARIES: list[type[StrEnum]] = [
    v for v in vars(vocabulary).values() if inspect.isclass(v) and issubclass(v, StrEnum) and v is not StrEnum
]

# Every column whose CHECK constraint is a vocabulary.
COLUMNS: dict[type[StrEnum], list[Any]] = {
    Tone: [Dealership.persona_tone],
    OperationMode: [Dealership.operation_mode],
    UserRole: [User.role, MagicLinkInvitation.role, UserInvitation.role],
    LinkPurpose: [MagicLinkInvitation.purpose],
    InvitationStatus: [UserInvitation.status],
    ActorType: [AuditLog.actor_type],
    VehicleCondition: [Vehicle.condition],
    VehicleStatus: [Vehicle.status],
    LeadSourceType: [LeadSource.type, Lead.source],
    LeadStatus: [Lead.status],
    Priority: [Lead.priority, Conversation.priority, Handover.urgency],
    ContactPreference: [Customer.preferred_contact],
    Interest: [VehicleInterest.interest],
    InterestCondition: [VehicleInterest.condition],
    ConditionRating: [VehicleInterest.condition_rating],
    ActivityType: [LeadActivity.type],
    IntakeChannel: [IntakeDeadLetter.channel],
    Channel: [Conversation.channel, Message.channel],
    ConversationStatus: [Conversation.status],
    MessageType: [Message.type],
    Sender: [Message.sender],
    ContentType: [Message.content_type],
    DeliveryStatus: [Message.delivery_status],
    Sentiment: [Message.sentiment],
    HandoverReason: [Handover.reason],
    HandoverStatus: [Handover.status],
    SuggestionType: [ResponseSuggestion.suggestion_type],
    SuggestionStatus: [ResponseSuggestion.status],
    MatchMode: [EscalationTrigger.match_mode],
    TriggerAction: [EscalationTrigger.action],
    FollowUpKind: [FollowUp.kind],
    AppointmentKind: [Appointment.kind],
    AppointmentStatus: [Appointment.status],
    AppointmentSource: [Appointment.source],
    FollowUpChannel: [FollowUp.channel],
    CadenceChannel: [FollowUp.preferred_channel],
    FollowUpStatus: [FollowUp.status],
    InteractionType: [CustomerInteraction.interaction_type],
    InsightType: [CustomerInsight.insight_type],
    InsightSource: [CustomerInsight.source],
    ExperimentStatus: [PromptExperiment.status],
    ExperimentMode: [PromptExperiment.mode],
    ExperimentInference: [PromptExperiment.inference],
    MetricName: [PromptExperiment.primary_metric, PromptMetric.metric_name],
    ReportType: [ReportSchedule.report_type],
    ReportFrequency: [ReportSchedule.frequency],
    ReportFormat: [ReportSchedule.format],
    WebhookDeliveryStatus: [WebhookDelivery.status],
    InventoryImportStatus: [InventoryImport.status],
    FeedSourceKind: [InventoryFeedSource.kind],
    FeedSourceState: [InventoryFeedSource.state, InventoryFeedSource.warned_state],
    CrmHandoffStatus: [CrmHandoff.status],
    CrmHandoffTrigger: [CrmHandoff.trigger],
    MailboxSecurity: [InboundMailbox.security],
}
# inside escalation_triggers.conditions and dealerships.agent_config (jsonb), checked by brain.escalation and the schema
# + dealerships.settings.crm.send_when and settings.sms_provider
NOT_A_COLUMN = {
    TriggerConditionType,
    Language,
    ProspectOutcome,
    ContactField,
    LoggedContact,
    CrmSendWhen,
    SmsProviderName,
}

# Every API field that takes or gives a whole vocabulary: (model, field).
FIELDS: dict[type[StrEnum], list[tuple[type[BaseModel], str]]] = {
    AppointmentKind: [(AppointmentCreate, "kind"), (AppointmentOut, "kind")],
    AppointmentStatus: [(AppointmentOut, "status")],
    AppointmentSource: [(AppointmentOut, "source")],
    Tone: [(DealershipUpdate, "persona_tone"), (DealershipOut, "persona_tone"), (PersonaArguments, "tone")],
    OperationMode: [(DealershipUpdate, "operation_mode"), (DealershipOut, "operation_mode")],
    UserRole: [
        (UserCreate, "role"),
        (UserUpdate, "role"),
        (UserOut, "role"),
        (SessionInfo, "role"),
        (Invitation, "role"),
        (InvitationPreview, "role"),
    ],
    InvitationStatus: [(Invitation, "status")],
    ActorType: [(AuditEntry, "actor_type")],
    VehicleCondition: [(VehicleCreate, "condition"), (VehicleUpdate, "condition"), (VehicleOut, "condition")],
    VehicleStatus: [(VehicleCreate, "status"), (VehicleOut, "status")],
    LeadSourceType: [(AttributionIn, "source"), (LeadOut, "source")],
    LeadStatus: [(LeadUpdate, "status"), (LeadOut, "status")],
    Priority: [
        (LeadUpdate, "priority"),
        (LeadOut, "priority"),
        (ConversationCreate, "priority"),
        (ConversationUpdate, "priority"),
        (ConversationOut, "priority"),
        (HandoverOut, "urgency"),
    ],
    ContactPreference: [
        (CustomerCreate, "preferred_contact"),
        (IntakeCustomerIn, "preferred_contact"),
        (CustomerOut, "preferred_contact"),
    ],
    Interest: [(IntakeVehicleIn, "interest")],
    InterestCondition: [(IntakeVehicleIn, "condition")],
    ConditionRating: [(TradeInIn, "condition_rating")],
    ActivityType: [(ActivityOut, "type")],
    IntakeChannel: [(DeadLetterOut, "channel")],
    ProspectOutcome: [(AdfDocumentOut, "outcome")],
    ContactField: [(ConfirmContactIn, "field")],
    LoggedContact: [(ContactLog, "kind")],
    Channel: [(ConversationCreate, "channel"), (ConversationOut, "channel"), (MessageOut, "channel")],
    ConversationStatus: [(ConversationUpdate, "status"), (ConversationOut, "status")],
    MessageType: [(MessageOut, "type")],
    Sender: [(MessageOut, "sender")],
    ContentType: [(MessageOut, "content_type")],
    DeliveryStatus: [(MessageOut, "delivery_status")],
    HandoverReason: [(HandoverOut, "reason")],
    HandoverStatus: [(HandoverOut, "status")],
    SuggestionType: [(SuggestionOut, "suggestion_type")],
    SuggestionStatus: [(SuggestionOut, "status")],
    TriggerConditionType: [(TriggerCondition, "type")],
    Language: [(AgentConfig, "languages")],
    MatchMode: [(TriggerIn, "match_mode"), (TriggerUpdate, "match_mode"), (TriggerOut, "match_mode")],
    TriggerAction: [(TriggerIn, "action"), (TriggerUpdate, "action"), (TriggerOut, "action")],
    ExperimentMode: [(ExperimentCreate, "mode"), (ExperimentUpdate, "mode")],
    ExperimentInference: [(ExperimentCreate, "inference"), (ExperimentUpdate, "inference")],
    MetricName: [(ExperimentCreate, "primary_metric"), (ExperimentCreate, "guardrail_metrics")],
    WebhookDeliveryStatus: [(WebhookDeliveryOut, "status")],
    InventoryImportStatus: [(InventoryImportOut, "status")],
    FeedSourceKind: [(FeedSourceOut, "kind")],
    FeedSourceState: [(FeedSourceOut, "state")],
    CrmHandoffStatus: [(CrmHandoffOut, "status")],
    CrmHandoffTrigger: [(CrmHandoffOut, "trigger")],
    CrmSendWhen: [(CrmSettings, "send_when")],
    SmsProviderName: [(DealershipSettings, "sms_provider")],
    MailboxSecurity: [(MailboxIn, "security"), (MailboxOut, "security")],
}
# Fields that take part of a vocabulary on purpose.
SUBSETS: dict[type[StrEnum], list[tuple[type[BaseModel], str]]] = {
    UserRole: [(InvitationCreate, "role")],  # a dealership does not invite super admins
    MessageType: [(MessageCreate, "type")],  # staff write replies and notes
}


def _check_values(constraint: CheckConstraint) -> list[str] | None:
    """The values of a ``<column> IN ('a', 'b')`` CHECK, or None for any other kind of check."""
    match = re.fullmatch(r"(\w+) IN \((.*)\)", str(constraint.sqltext), re.DOTALL)
    if match is None:
        return None
    return [v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", match.group(2))]


def _in_checks() -> dict[tuple[str, str], list[str]]:
    """(table, column) -> the values of every IN-list CHECK of the models."""
    found: dict[tuple[str, str], list[str]] = {}
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint) and (values := _check_values(constraint)) is not None:
                column = str(constraint.sqltext).split(" ", 1)[0]
                found[(table.name, column)] = values
    return found


def _name(column: Any) -> tuple[str, str]:
    col: Column[Any] = column.property.columns[0]
    return (col.table.name, col.name)


def test_every_vocabulary_is_a_str_enum_of_unique_snake_case_values() -> None:
    assert len(VOCABULARIES) >= 30
    for v in VOCABULARIES:
        assert len({m.value for m in v}) == len(v), v
        assert all(re.fullmatch(r"[a-z][a-z_-]*", m.value) for m in v), v
        assert all(m == m.value and f"{m}" == m.value for m in v), v  # stored and serialised as the plain string


def test_every_vocabulary_is_a_check_constraint_or_said_not_to_be() -> None:
    assert set(COLUMNS) | NOT_A_COLUMN == set(VOCABULARIES)
    assert not set(COLUMNS) & NOT_A_COLUMN


@pytest.mark.parametrize("vocab", list(COLUMNS), ids=lambda v: v.__name__)
def test_the_check_constraints_allow_exactly_the_vocabulary(vocab: type[StrEnum]) -> None:
    checks = _in_checks()
    for column in COLUMNS[vocab]:
        table, name = _name(column)
        assert checks.get((table, name)) == [m.value for m in vocab], f"ck_{table}_{name}"


def test_no_check_constraint_spells_a_vocabulary_of_its_own() -> None:
    registered = {_name(column) for columns in COLUMNS.values() for column in columns}
    assert set(_in_checks()) == registered


def _accepted(model: type[BaseModel], field: str) -> list[str]:
    """The values the JSON schema (so the OpenAPI spec) lists for ``model.field``."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})

    def values(node: dict[str, Any]) -> list[str]:
        if "$ref" in node:
            return values(defs[node["$ref"].rsplit("/", 1)[1]])
        if "anyOf" in node:
            return [v for option in node["anyOf"] for v in values(option)]
        if "items" in node:
            return values(node["items"])
        return list(node.get("enum", []))

    return values(schema["properties"][field])


def _validates(model: type[BaseModel], field: str, value: str) -> bool:
    annotation = model.model_fields[field].annotation
    try:
        TypeAdapter(annotation).validate_python([value] if get_origin(annotation) is list else value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("vocab", list(FIELDS), ids=lambda v: v.__name__)
def test_the_schemas_take_and_document_exactly_the_vocabulary(vocab: type[StrEnum]) -> None:
    expected = [m.value for m in vocab]
    for model, field in FIELDS[vocab]:
        assert _accepted(model, field) == expected, f"{model.__name__}.{field}"
        if model is not TriggerCondition:
            assert all(_validates(model, field, value) for value in expected), f"{model.__name__}.{field}"
            assert not _validates(model, field, "not-a-" + vocab.__name__.lower()), f"{model.__name__}.{field}"


@pytest.mark.parametrize("vocab", list(SUBSETS), ids=lambda v: v.__name__)
def test_the_schemas_that_take_part_of_a_vocabulary_take_only_its_values(vocab: type[StrEnum]) -> None:
    for model, field in SUBSETS[vocab]:
        accepted = _accepted(model, field)
        assert accepted and set(accepted) < {m.value for m in vocab}, f"{model.__name__}.{field}"


async def test_every_enum_of_the_api_made_of_vocabulary_values_is_that_vocabulary_or_a_known_subset(
    app: FastAPI,
) -> None:
    """No schema keeps a list of its own: an enum in the OpenAPI spec made only of one vocabulary's values is that
    vocabulary (or one of the SUBSETS)."""
    app_spec = app.openapi()
    known_subsets = {frozenset(_accepted(model, field)) for fields in SUBSETS.values() for model, field in fields}
    full = {frozenset(m.value for m in v): v for v in VOCABULARIES}
    for name, schema in app_spec["components"]["schemas"].items():
        values = frozenset(schema.get("enum", []))
        if not values:
            continue
        owners = [v for s, v in full.items() if values <= s]
        if owners and values not in full and values not in known_subsets:
            raise AssertionError(f"{name} lists part of {owners[0].__name__}: {sorted(values)}")
        if values in full:
            assert name == full[values].__name__, f"{name} spells {full[values].__name__} again"


def test_a_bad_value_is_refused_naming_the_allowed_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        LeadUpdate.model_validate({"priority": "asap"})
    assert "'low', 'medium', 'high' or 'urgent'" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        TriggerIn.model_validate({"name": "x", "conditions": [{"type": "telepathy"}]})
    assert "'keyword', 'regex'" in str(refused.value) and "conditions.0.type" in str(refused.value)


def test_data_model_md_lists_each_vocabulary_as_it_is() -> None:
    """DATA_MODEL.md names the enum of each set it lists (∈ `Tone` {friendly, ...}): the lists stay true."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "DATA_MODEL.md").read_text()
    listed = [(name, text) for name, text in re.findall(r"`([A-Z]\w+)` \{([^}]*)\}", doc) if text != "…"]
    by_name = {v.__name__: v for v in VOCABULARIES}
    assert {name for name, _ in listed} == set(by_name)
    for name, text in listed:
        assert [w.strip() for w in text.split(",")] == [m.value for m in by_name[name]], name
