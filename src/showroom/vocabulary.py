"""Every closed vocabulary of the domain, spelled once: one ``StrEnum`` each.

The models' CHECK constraints are generated from these (``models.base.check_in``), the Pydantic schemas type their
fields with them (so the OpenAPI spec lists the values and bad input is a 422 naming them), and the pure code
(``showroom.brain``) compares against their members. A member *is* its string (``Priority.high == "high"``), so
stored values and JSON output are the plain strings. Member order is the order of the database's CHECK
(DATA_MODEL.md). Standard library only: ``showroom.brain`` imports this module and must stay pure.

Changing a vocabulary's values changes a CHECK constraint: it needs a migration (tests/test_vocabulary.py and
tests/db/test_migrations.py fail until the database agrees).
"""

from __future__ import annotations

from enum import StrEnum, unique


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The plain strings of a vocabulary, in order (e.g. for a message listing them)."""
    return tuple(member.value for member in vocabulary)


# --- dealerships, people --------------------------------------------------------------------------------------


@unique
class Tone(StrEnum):
    """How the AI writes: ``dealerships.persona_tone``, a persona's ``arguments.tone``, the builtin voice."""

    friendly = "friendly"
    professional = "professional"
    casual = "casual"
    formal = "formal"


@unique
class OperationMode(StrEnum):
    """``dealerships.operation_mode``: the AI answers, or staff answer directly (greeting/away templates)."""

    ai_agent = "ai_agent"
    direct_agent = "direct_agent"


@unique
class UserRole(StrEnum):
    """``users.role``, ``magic_link_invitations.role``, ``user_invitations.role``; ranked in auth.permissions."""

    super_admin = "super_admin"
    dealership_admin = "dealership_admin"
    manager = "manager"
    user = "user"


@unique
class LinkPurpose(StrEnum):
    """``magic_link_invitations.purpose``."""

    sign_in = "sign_in"
    invite = "invite"


@unique
class InvitationStatus(StrEnum):
    """``user_invitations.status``."""

    pending = "pending"
    accepted = "accepted"
    expired = "expired"
    cancelled = "cancelled"


@unique
class ActorType(StrEnum):
    """``audit_logs.actor_type``: who acted."""

    user = "user"
    api_key = "api_key"
    system = "system"


# --- inventory ------------------------------------------------------------------------------------------------


@unique
class VehicleCondition(StrEnum):
    """``vehicles.condition`` (certified implies ``vehicles.certified``)."""

    new = "new"
    used = "used"
    certified = "certified"


@unique
class VehicleStatus(StrEnum):
    """``vehicles.status``."""

    available = "available"
    pending = "pending"
    sold = "sold"
    in_transit = "in_transit"
    unavailable = "unavailable"


# --- leads ----------------------------------------------------------------------------------------------------


@unique
class LeadSourceType(StrEnum):
    """Where a lead came from: ``lead_sources.type``, ``leads.source`` (SRC in DATA_MODEL.md)."""

    adf_email = "adf_email"
    website_form = "website_form"
    website_chat = "website_chat"
    phone_call = "phone_call"
    walk_in = "walk_in"
    referral = "referral"
    social_media = "social_media"
    advertising = "advertising"
    partner = "partner"
    manual = "manual"
    api = "api"


@unique
class LeadStatus(StrEnum):
    """``leads.status``: new → contacted → qualified → appointment → negotiation → sold | lost → archived."""

    new = "new"
    contacted = "contacted"
    qualified = "qualified"
    appointment = "appointment"
    negotiation = "negotiation"
    sold = "sold"
    lost = "lost"
    archived = "archived"


@unique
class Priority(StrEnum):
    """``leads.priority``, ``conversations.priority``, ``handovers.urgency`` and a handover trigger's
    ``action_config.urgency`` (PRI in DATA_MODEL.md)."""

    low = "low"
    medium = "medium"
    high = "high"
    urgent = "urgent"


@unique
class ContactPreference(StrEnum):
    """``customers.preferred_contact``."""

    email = "email"
    phone = "phone"
    sms = "sms"


@unique
class Interest(StrEnum):
    """``vehicle_interests.interest`` (ADF's ``<vehicle interest>``)."""

    buy = "buy"
    lease = "lease"
    sell = "sell"
    trade_in = "trade-in"
    test_drive = "test-drive"


@unique
class InterestCondition(StrEnum):
    """``vehicle_interests.condition``: the condition the customer wants (ADF's ``<vehicle status>``)."""

    new = "new"
    used = "used"
    cpo = "cpo"
    any = "any"


@unique
class ConditionRating(StrEnum):
    """``vehicle_interests.condition_rating``: the state of a car the customer sells or trades in."""

    excellent = "excellent"
    good = "good"
    fair = "fair"
    poor = "poor"
    unknown = "unknown"


@unique
class ActivityType(StrEnum):
    """``lead_activities.type``: the lead's timeline."""

    lead_created = "lead_created"
    duplicate_received = "duplicate_received"
    possible_duplicate = "possible_duplicate"
    status_changed = "status_changed"
    assigned = "assigned"
    message_sent = "message_sent"
    ai_response = "ai_response"
    handover_requested = "handover_requested"
    handover_updated = "handover_updated"
    conversation_status_changed = "conversation_status_changed"
    follow_up_scheduled = "follow_up_scheduled"
    follow_up_completed = "follow_up_completed"
    email = "email"
    call = "call"
    meeting = "meeting"
    note = "note"


@unique
class ContactField(StrEnum):
    """A customer's contact staff confirm (``customers.contact_flags`` keys; not a column)."""

    email = "email"
    phone = "phone"


@unique
class ProspectOutcome(StrEnum):
    """What became of one ``<prospect>`` of an ADF document (the per-prospect report; not stored)."""

    lead = "lead"
    duplicate = "duplicate"
    resend = "resend"
    rejected = "rejected"


@unique
class IntakeChannel(StrEnum):
    """``intake_dead_letters.channel``: how an unroutable lead arrived."""

    adf_http = "adf_http"
    inbound_email = "inbound_email"
    cli = "cli"


# --- conversations --------------------------------------------------------------------------------------------


@unique
class Channel(StrEnum):
    """``conversations.channel``, ``messages.channel`` (CH in DATA_MODEL.md)."""

    email = "email"
    chat = "chat"
    sms = "sms"
    phone = "phone"
    api = "api"


@unique
class ConversationStatus(StrEnum):
    """``conversations.status`` (resolved and archived are closed: ``closed_at`` is set)."""

    active = "active"
    waiting_response = "waiting_response"
    escalated = "escalated"
    resolved = "resolved"
    archived = "archived"


@unique
class MessageType(StrEnum):
    """``messages.type``."""

    inbound = "inbound"
    outbound = "outbound"
    internal_note = "internal_note"
    system = "system"
    escalation = "escalation"


@unique
class Sender(StrEnum):
    """``messages.sender`` and a conversation turn's sender; agent = staff."""

    customer = "customer"
    ai = "ai"
    agent = "agent"
    system = "system"


@unique
class ContentType(StrEnum):
    """``messages.content_type``."""

    text = "text"
    html = "html"
    markdown = "markdown"


@unique
class DeliveryStatus(StrEnum):
    """``messages.delivery_status``: received for inbound messages, the others for outbound ones (undelivered: the
    provider accepted it but the carrier did not deliver it; ``delivery_error`` has the provider's error code)."""

    queued = "queued"
    sent = "sent"
    delivered = "delivered"
    failed = "failed"
    undelivered = "undelivered"
    received = "received"


@unique
class Sentiment(StrEnum):
    """``messages.sentiment``."""

    positive = "positive"
    negative = "negative"
    neutral = "neutral"


@unique
class HandoverReason(StrEnum):
    """``handovers.reason`` and a handover trigger's ``action_config.reason``."""

    complex_inquiry = "complex_inquiry"
    technical_issue = "technical_issue"
    pricing_negotiation = "pricing_negotiation"
    customer_request = "customer_request"
    ai_limitation = "ai_limitation"
    policy_escalation = "policy_escalation"
    other = "other"


@unique
class HandoverStatus(StrEnum):
    """``handovers.status``; rejected = back to the AI."""

    pending = "pending"
    accepted = "accepted"
    in_progress = "in_progress"
    resolved = "resolved"
    rejected = "rejected"


@unique
class SuggestionType(StrEnum):
    """``response_suggestions.suggestion_type``: what kind of reply is offered to staff."""

    greeting = "greeting"
    product_info = "product_info"
    pricing = "pricing"
    follow_up = "follow_up"
    appointment = "appointment"
    objection_handling = "objection_handling"
    general = "general"


@unique
class SuggestionStatus(StrEnum):
    """``response_suggestions.status``."""

    offered = "offered"
    used = "used"
    edited = "edited"
    dismissed = "dismissed"


# --- escalation triggers --------------------------------------------------------------------------------------


@unique
class TriggerConditionType(StrEnum):
    """``escalation_triggers.conditions[].type`` (jsonb: checked by ``brain.escalation.specs``, not by a CHECK)."""

    keyword = "keyword"
    regex = "regex"
    sentiment = "sentiment"
    urgency = "urgency"
    repeated_questions = "repeated_questions"
    message_count = "message_count"
    human_request = "human_request"
    pricing = "pricing"
    custom = "custom"


@unique
class Language(StrEnum):
    """A language a customer writes in (ISO 639-1), as ``brain.nlu.language`` detects it, and the languages a
    dealership's agent answers in: ``dealerships.agent_config.languages`` (jsonb, checked by its schema). A message
    in a language the dealership has not enabled is handed over ("writes in Spanish")."""

    en = "en"
    es = "es"
    fr = "fr"
    pt = "pt"
    it = "it"
    de = "de"
    tl = "tl"
    vi = "vi"
    pl = "pl"
    zh = "zh"
    ja = "ja"
    ko = "ko"
    ar = "ar"
    ru = "ru"
    hi = "hi"


LANGUAGE_NAMES: dict[Language, str] = {
    Language.en: "English",
    Language.es: "Spanish",
    Language.fr: "French",
    Language.pt: "Portuguese",
    Language.it: "Italian",
    Language.de: "German",
    Language.tl: "Tagalog",
    Language.vi: "Vietnamese",
    Language.pl: "Polish",
    Language.zh: "Chinese",
    Language.ja: "Japanese",
    Language.ko: "Korean",
    Language.ar: "Arabic",
    Language.ru: "Russian",
    Language.hi: "Hindi",
}


@unique
class MatchMode(StrEnum):
    """``escalation_triggers.match_mode``: every condition must match, or any one."""

    all = "all"
    any = "any"


@unique
class TriggerAction(StrEnum):
    """``escalation_triggers.action``."""

    handover = "handover"
    notify = "notify"
    tag = "tag"


# --- follow-ups, insights -------------------------------------------------------------------------------------


@unique
class AppointmentKind(StrEnum):
    """``appointments.kind``: what the customer comes in for."""

    test_drive = "test_drive"
    sales_visit = "sales_visit"
    trade_in_appraisal = "trade_in_appraisal"
    delivery = "delivery"


@unique
class AppointmentStatus(StrEnum):
    """``appointments.status``: requested → confirmed → rescheduled → completed | no_show | cancelled."""

    requested = "requested"
    confirmed = "confirmed"
    rescheduled = "rescheduled"
    cancelled = "cancelled"
    no_show = "no_show"
    completed = "completed"


@unique
class AppointmentSource(StrEnum):
    """``appointments.source``: who booked it."""

    agent = "agent"
    staff = "staff"
    customer_link = "customer_link"


@unique
class FollowUpKind(StrEnum):
    """``follow_ups.kind``."""

    ai_nudge = "ai_nudge"
    staff_reminder = "staff_reminder"


@unique
class FollowUpChannel(StrEnum):
    """``follow_ups.channel``: not ``Channel`` (no api; in_app reminds staff in the app)."""

    email = "email"
    sms = "sms"
    chat = "chat"
    phone = "phone"
    in_app = "in_app"


@unique
class CadenceChannel(StrEnum):
    """A cadence step's channel preference (``agent_config.follow_up_days`` etc.; ``follow_ups.preferred_channel``):
    the conversation's own channel, a text, an e-mail, or a call (a task for the lead's salesperson)."""

    same = "same"
    sms = "sms"
    email = "email"
    call = "call"


@unique
class FollowUpStatus(StrEnum):
    """``follow_ups.status``."""

    scheduled = "scheduled"
    sent = "sent"
    completed = "completed"
    cancelled = "cancelled"
    failed = "failed"


@unique
class LoggedContact(StrEnum):
    """What staff log from a conversation (issue 21): a phone call or a visit to the showroom."""

    call = "call"
    visit = "visit"


class InteractionType(StrEnum):
    """``customer_interactions.interaction_type``."""

    lead_submitted = "lead_submitted"
    message_inbound = "message_inbound"
    message_outbound = "message_outbound"
    call = "call"
    visit = "visit"
    test_drive = "test_drive"
    appointment = "appointment"
    email_opened = "email_opened"
    link_clicked = "link_clicked"
    purchase = "purchase"
    other = "other"


@unique
class InsightType(StrEnum):
    """``customer_insights.insight_type`` and the rule-based extractor's (``brain.insights``)."""

    budget = "budget"
    timeline = "timeline"
    trade_in = "trade_in"
    financing = "financing"
    vehicle_preference = "vehicle_preference"
    buying_intent = "buying_intent"
    urgency = "urgency"
    sentiment = "sentiment"
    contact_preference = "contact_preference"


@unique
class InsightSource(StrEnum):
    """``customer_insights.source``; agent = staff."""

    rule = "rule"
    llm = "llm"
    agent = "agent"


# --- experiments, reports -------------------------------------------------------------------------------------


@unique
class ExperimentStatus(StrEnum):
    """``prompt_experiments.status``."""

    draft = "draft"
    scheduled = "scheduled"
    running = "running"
    paused = "paused"
    completed = "completed"
    archived = "archived"


@unique
class ExperimentMode(StrEnum):
    """``prompt_experiments.mode``: fixed traffic weights, or adaptive (Thompson sampling)."""

    fixed = "fixed"
    adaptive = "adaptive"


@unique
class ExperimentInference(StrEnum):
    """``prompt_experiments.inference``: always-valid (peeking-safe) or fixed-horizon analysis."""

    sequential = "sequential"
    fixed_horizon = "fixed_horizon"


@unique
class MetricName(StrEnum):
    """``prompt_experiments.primary_metric``, ``prompt_metrics.metric_name``."""

    response_sent = "response_sent"
    customer_replied = "customer_replied"
    handover = "handover"
    appointment_booked = "appointment_booked"
    lead_converted = "lead_converted"
    opt_out = "opt_out"
    contact_given = "contact_given"
    response_time_ms = "response_time_ms"
    tokens_used = "tokens_used"
    customer_rating = "customer_rating"


@unique
class ReportType(StrEnum):
    """``report_schedules.report_type``."""

    lead_summary = "lead_summary"
    conversation_summary = "conversation_summary"
    ai_performance = "ai_performance"
    handover_sla = "handover_sla"
    experiment_results = "experiment_results"


@unique
class ReportFrequency(StrEnum):
    """``report_schedules.frequency``."""

    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"


@unique
class ReportFormat(StrEnum):
    """``report_schedules.format``."""

    html = "html"
    csv = "csv"
    both = "both"


@unique
class WebhookDeliveryStatus(StrEnum):
    """``webhook_deliveries.status``: pending until the endpoint answered 2xx (delivered) or the retries ran out or
    the endpoint was disabled (failed)."""

    pending = "pending"
    delivered = "delivered"
    failed = "failed"


@unique
class InventoryImportStatus(StrEnum):
    """``inventory_imports.status``: queued (stored, its job waiting), running (rows being staged, then applied in
    one transaction), then done, failed (nothing applied) or cancelled (nothing applied)."""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"
    cancelled = "cancelled"


@unique
class FeedSourceKind(StrEnum):
    """``inventory_feed_sources.kind``: where a self-refreshing inventory feed is fetched from."""

    https = "https"
    sftp = "sftp"


@unique
class FeedSourceState(StrEnum):
    """``inventory_feed_sources.state``: how the last runs went (ok; failing: the last fetch or import failed;
    stale: nothing changed for longer than the source allows)."""

    ok = "ok"
    failing = "failing"
    stale = "stale"


@unique
class CrmHandoffStatus(StrEnum):
    """``crm_handoffs.status``: queued (waiting, or retrying after a failed attempt: ``last_error``) → sent (the
    mail server took it) | failed (the retries ran out, or nothing can be sent: ``last_error`` says why)."""

    queued = "queued"
    sent = "sent"
    failed = "failed"


@unique
class CrmHandoffTrigger(StrEnum):
    """``crm_handoffs.trigger``: what made Showroom send the lead to the dealership's CRM."""

    new_lead = "new_lead"
    qualified = "qualified"
    handed_over = "handed_over"
    resend = "resend"


@unique
class CrmSendWhen(StrEnum):
    """``dealerships.settings.crm.send_when``: every new lead, or only once the AI qualified it or handed it over."""

    new_lead = "new_lead"
    qualified = "qualified"


@unique
class SmsProviderName(StrEnum):
    """``dealerships.settings.sms_provider``: how the dealership's texts leave (relay: ``SHOWROOM_SMS_WEBHOOK_URL`` or
    the outbox; twilio: Twilio's REST API with the ``SHOWROOM_TWILIO_*`` account)."""

    relay = "relay"
    twilio = "twilio"


@unique
class MailboxSecurity(StrEnum):
    """``inbound_mailboxes.security``: how the IMAP connection is protected (ssl: IMAPS, port 993; starttls: upgraded
    on port 143; none: plain text, for a server on the same host only)."""

    ssl = "ssl"
    starttls = "starttls"
    none = "none"
