"""SQLAlchemy models of the 29 tables (DATA_MODEL.md), and the table classes the security layer uses."""

from showroom.models.agent import EscalationTrigger, Persona
from showroom.models.appointments import Appointment
from showroom.models.audit import AuditLog
from showroom.models.base import Base
from showroom.models.conversations import Conversation, Handover, Message, ResponseSuggestion
from showroom.models.dealership import Dealership
from showroom.models.experiments import ExperimentVariant, PromptExperiment, PromptMetric, PromptVariant
from showroom.models.feeds import InventoryFeedSource, InventoryImport, InventoryImportRow
from showroom.models.followups import FollowUp
from showroom.models.identity import ApiKey, MagicLinkInvitation, Session, User, UserInvitation
from showroom.models.insights import CustomerInsight, CustomerInteraction, CustomerProfile, LeadScore
from showroom.models.integrations import CrmHandoff, InboundMailbox, WebhookDelivery, WebhookEndpoint
from showroom.models.inventory import Vehicle
from showroom.models.leads import Customer, IntakeDeadLetter, Lead, LeadActivity, LeadSource, VehicleInterest
from showroom.models.reports import ReportSchedule
from showroom.models.saved_replies import SavedReply
from showroom.models.security import RateCounter

# Append-only tables: no updated_at; the service role may only SELECT and INSERT them.
APPEND_ONLY = frozenset(
    {"lead_activities", "audit_logs", "prompt_metrics", "customer_interactions", "lead_scores", "experiment_variants"}
)
# Tables whose dealership_id may be NULL (platform rows) or that are not plain tenant tables (§4).
SPECIAL_TENANCY = frozenset(
    {"dealerships", "users", "sessions", "audit_logs", "magic_link_invitations", "user_invitations"}
)
# Plain tenant tables: NOT NULL dealership_id, the standard policy (the 23 of DATA_MODEL.md §4).
TENANT_TABLES = tuple(
    sorted(t.name for t in Base.metadata.sorted_tables if "dealership_id" in t.c and t.name not in SPECIAL_TENANCY)
)
# Platform tables with no tenant at all: the intake dead letters (the service role may only insert; maintenance
# reads them) and the shared request budgets (the service role counts in them).
PLATFORM_TABLES = frozenset({"intake_dead_letters", "rate_counters"})
# Tables with row-level security: the tenant tables plus the special ones that have it.
RLS_TABLES = (*TENANT_TABLES, "dealerships", "users", "magic_link_invitations", "user_invitations", "audit_logs")

__all__ = [
    "APPEND_ONLY",
    "PLATFORM_TABLES",
    "RLS_TABLES",
    "SPECIAL_TENANCY",
    "TENANT_TABLES",
    "ApiKey",
    "Appointment",
    "AuditLog",
    "Base",
    "Conversation",
    "CrmHandoff",
    "Customer",
    "CustomerInsight",
    "CustomerInteraction",
    "CustomerProfile",
    "Dealership",
    "EscalationTrigger",
    "ExperimentVariant",
    "FollowUp",
    "Handover",
    "InboundMailbox",
    "IntakeDeadLetter",
    "InventoryFeedSource",
    "InventoryImport",
    "InventoryImportRow",
    "Lead",
    "LeadActivity",
    "LeadScore",
    "LeadSource",
    "MagicLinkInvitation",
    "Message",
    "Persona",
    "PromptExperiment",
    "PromptMetric",
    "PromptVariant",
    "RateCounter",
    "ReportSchedule",
    "ResponseSuggestion",
    "SavedReply",
    "Session",
    "User",
    "UserInvitation",
    "Vehicle",
    "VehicleInterest",
    "WebhookDelivery",
    "WebhookEndpoint",
]
