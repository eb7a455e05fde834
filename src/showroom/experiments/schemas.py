"""Experiment payloads: the plan a manager writes, its variants, the lifecycle requests and what comes back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from showroom.vocabulary import ExperimentInference, ExperimentMode, MetricName, Tone

# Conversion metrics: a rate is conversations with the event among those assigned (counted once each).
CONVERSION_METRICS = (
    MetricName.customer_replied,
    MetricName.contact_given,
    MetricName.appointment_booked,
    MetricName.lead_converted,
    MetricName.handover,
    MetricName.opt_out,
)
DEFAULT_GUARDRAILS = [MetricName.opt_out, MetricName.handover]

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Line = Annotated[str, StringConstraints(max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class VariantSettings(Strict):
    """What a variant changes in the agent, over the persona it uses (the dealership's default if none)."""

    tone: Tone | None = None
    greeting: Line | None = Field(default=None, description="First words to a new customer; {name}: first name")
    sign_off: Line | None = Field(default=None, description="A line after each reply, except by SMS")
    contact_request: Line | None = Field(default=None, description="How the agent asks for contact details")
    visit_request: Line | None = Field(default=None, description="How the agent invites a visit or test drive")
    first_reply_delay_seconds: int | None = Field(
        default=None, ge=0, le=86_400, description="Wait this long before a new lead's first answer"
    )
    follow_up_days: list[Annotated[int, Field(ge=0, le=365)]] | None = Field(
        default=None,
        max_length=20,
        description="The follow-up cadence for its conversations (days after the first answer); [] = none",
    )

    @field_validator("follow_up_days")
    @classmethod
    def _cadence(cls, value: list[int] | None) -> list[int] | None:
        return sorted(set(value)) if value is not None else None


class VariantIn(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: Annotated[str, StringConstraints(max_length=2000)] | None = None
    is_control: bool = False
    weight: int = Field(ge=0, le=100, description="Share of the experiment's traffic, in percent (they sum to 100)")
    persona_id: int | None = Field(default=None, description="A persona of this dealership; none: the default")
    prompt_template: Annotated[str, StringConstraints(min_length=1, max_length=20_000)] | None = Field(
        default=None, description="Replaces the persona's template (LLM providers)"
    )
    settings: VariantSettings = Field(default_factory=VariantSettings)


class ExperimentCreate(Strict):
    name: Name
    description: Annotated[str, StringConstraints(max_length=5000)] | None = None
    hypothesis: Annotated[str, StringConstraints(max_length=5000)] | None = None
    primary_metric: MetricName
    guardrail_metrics: list[MetricName] = Field(default_factory=lambda: list(DEFAULT_GUARDRAILS), max_length=6)
    variants: list[VariantIn] = Field(max_length=6)
    traffic_percentage: int = Field(default=100, ge=1, le=100, description="Share of new conversations that enter")
    planned_start: datetime | None = None
    baseline_rate: float = Field(default=0.2, gt=0, lt=1, description="The primary metric's current rate")
    minimum_detectable_effect: float = Field(
        default=0.05, gt=0, lt=1, description="The smallest absolute lift worth detecting (0.05 = 5 points)"
    )
    power: float = Field(default=0.8, ge=0.5, le=0.99)
    confidence_level: float = Field(default=0.95, ge=0.8, le=0.995)
    mode: ExperimentMode = ExperimentMode.fixed
    inference: ExperimentInference = ExperimentInference.sequential


class ExperimentUpdate(Strict):
    """Any field; ``variants`` replaces them all and only while the experiment is a draft."""

    name: Name | None = None
    description: Annotated[str, StringConstraints(max_length=5000)] | None = None
    hypothesis: Annotated[str, StringConstraints(max_length=5000)] | None = None
    primary_metric: MetricName | None = None
    guardrail_metrics: list[MetricName] | None = Field(default=None, max_length=6)
    variants: list[VariantIn] | None = Field(default=None, max_length=6)
    traffic_percentage: int | None = Field(default=None, ge=1, le=100)
    planned_start: datetime | None = None
    baseline_rate: float | None = Field(default=None, gt=0, lt=1)
    minimum_detectable_effect: float | None = Field(default=None, gt=0, lt=1)
    power: float | None = Field(default=None, ge=0.5, le=0.99)
    confidence_level: float | None = Field(default=None, ge=0.8, le=0.995)
    mode: ExperimentMode | None = None
    inference: ExperimentInference | None = None


class StopIn(Strict):
    winner_variant_id: int | None = Field(
        default=None, description="The variant chosen; none: keep things as they were before the experiment"
    )
    promote: bool = Field(default=True, description="Make the winner's settings the dealership's defaults")
    decision: Annotated[str, StringConstraints(min_length=1, max_length=2000)] = Field(
        description="Why, in words (kept with the results)"
    )


class VariantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str | None
    is_control: bool
    weight: int
    persona_id: int | None
    prompt_template: str | None
    settings: dict[str, Any]


class PlanOut(BaseModel):
    sample_size_per_variant: int
    conversations_needed: int
    recent_conversations_per_day: float
    expected_days: float | None


class ExperimentOut(BaseModel):
    id: int
    name: str
    description: str | None
    hypothesis: str | None
    status: str
    primary_metric: str
    guardrail_metrics: list[str]
    traffic_percentage: int
    start_date: datetime | None
    end_date: datetime | None
    baseline_rate: float | None
    minimum_detectable_effect: float | None
    power: float
    confidence_level: float
    mode: str
    inference: str
    decision: str | None
    winner_variant_id: int | None
    variants: list[VariantOut]
    plan: PlanOut
    created_at: datetime
    updated_at: datetime
