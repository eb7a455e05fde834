"""Persona and escalation-trigger payloads."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from showroom.vocabulary import MatchMode, Tone, TriggerAction, TriggerConditionType


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonaArguments(BaseModel):
    """Known arguments are checked; any other key is kept and usable as a ``{{variable}}``."""

    model_config = ConfigDict(extra="allow")

    tone: Tone | None = None
    greeting: Annotated[str, StringConstraints(max_length=300)] | None = Field(
        default=None, description="The first words to a new customer (builtin agent); {name}: their first name"
    )
    sign_off: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="A line after each reply, except by SMS (builtin agent)"
    )
    contact_request: Annotated[str, StringConstraints(max_length=300)] | None = Field(
        default=None, description="How the agent asks the customer how to reach them (builtin agent, English replies)"
    )
    visit_request: Annotated[str, StringConstraints(max_length=300)] | None = Field(
        default=None, description="How the agent invites a visit or test drive (builtin agent, English replies)"
    )
    trade_in_url: Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://")] | None = None
    finance_application_url: Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://")] | None = None
    handover_email: Annotated[str, StringConstraints(max_length=255)] | None = None
    priority_features: list[Annotated[str, StringConstraints(max_length=100)]] | None = Field(
        default=None, max_length=20
    )
    constraints: Annotated[str, StringConstraints(max_length=2000)] | None = None


Template = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class PersonaCreate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    prompt_template: Template
    arguments: PersonaArguments = Field(default_factory=PersonaArguments)
    is_default: bool = False


class PersonaUpdate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=255)] | None = None
    prompt_template: Template | None = None
    arguments: PersonaArguments | None = None
    is_default: bool | None = Field(default=None, description="true makes it the default (the old one stops being)")


class PersonaOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    is_default: bool
    prompt_template: str
    arguments: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class PreviewIn(Strict):
    persona_id: int | None = None
    prompt_template: Template | None = Field(default=None, description="Preview unsaved text instead")
    arguments: PersonaArguments | None = None
    lead_id: uuid.UUID | None = Field(default=None, description="Default: a sample lead")
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)] = Field(
        default="Hi, is the Tucson still available? What's the best price?",
        description="A customer message to answer with the builtin agent, as a sample reply",
    )


class PreviewOut(BaseModel):
    prompt: str
    variables: dict[str, Any]
    sample_reply: str
    vehicles: list[str]


class TriggerCondition(BaseModel):
    """One condition; its ``value`` and ``threshold`` depend on the type and are checked with the whole trigger
    (``brain.escalation.specs.validate_conditions``)."""

    model_config = ConfigDict(extra="allow")

    type: TriggerConditionType


Conditions = Annotated[
    list[TriggerCondition],
    Field(min_length=1, max_length=20, description="{type, value, threshold?} each (DATA_MODEL.md)"),
]


class TriggerIn(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: Annotated[str, StringConstraints(max_length=2000)] | None = None
    conditions: Conditions
    match_mode: MatchMode = MatchMode.all
    priority: int = Field(default=100, ge=0, le=10_000)
    action: TriggerAction = TriggerAction.handover
    action_config: dict[str, Any] = Field(default_factory=dict)
    is_active: bool = True


class TriggerUpdate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    description: Annotated[str, StringConstraints(max_length=2000)] | None = None
    conditions: Conditions | None = None
    match_mode: MatchMode | None = None
    priority: int | None = Field(default=None, ge=0, le=10_000)
    action: TriggerAction | None = None
    action_config: dict[str, Any] | None = None
    is_active: bool | None = None


class TriggerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    description: str | None
    conditions: list[dict[str, Any]]
    match_mode: MatchMode
    priority: int
    action: TriggerAction
    action_config: dict[str, Any]
    is_active: bool
    created_at: datetime
    updated_at: datetime
