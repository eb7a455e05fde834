"""Who may do what: the one table that decides every route (role x action), and API-key scopes."""

from __future__ import annotations

from showroom.vocabulary import UserRole

Role = UserRole  # user = a sales agent

RANK = {Role.user: 1, Role.manager: 2, Role.dealership_admin: 3, Role.super_admin: 4}

# action -> the least role allowed to perform it (higher roles inherit).
MINIMUM_ROLE: dict[str, Role] = {
    "dealership.read": Role.user,
    "dealership.update": Role.dealership_admin,
    "dealership.manage": Role.super_admin,  # create, list all, deactivate
    "user.read": Role.user,
    "user.manage": Role.dealership_admin,
    "invitation.manage": Role.dealership_admin,
    "api_key.manage": Role.dealership_admin,
    "audit.read": Role.dealership_admin,
    "webhook.manage": Role.dealership_admin,
    "feed.manage": Role.dealership_admin,  # inventory feed sources fetched on a schedule
    "vehicle.read": Role.user,
    "vehicle.write": Role.manager,
    "customer.read": Role.user,
    "customer.write": Role.user,
    "customer.delete": Role.manager,
    "lead.read": Role.user,
    "lead.write": Role.user,
    "lead.delete": Role.manager,
    "conversation.read": Role.user,
    "conversation.write": Role.user,
    "conversation.delete": Role.manager,
    "message.read": Role.user,
    "message.write": Role.user,
    "saved_reply.manage": Role.manager,  # saved replies: create, edit, delete (everyone reads and inserts them)
    "persona.read": Role.user,
    "persona.write": Role.manager,
    "trigger.read": Role.user,
    "trigger.write": Role.dealership_admin,
    "handover.read": Role.user,
    "handover.write": Role.user,
    "experiment.read": Role.user,
    "experiment.write": Role.manager,
    "data.export": Role.manager,  # CSV exports of leads, customers, conversations, follow-ups
    "report.manage": Role.manager,  # scheduled reports: create, preview, send now, delete
}

ACTIONS = frozenset(MINIMUM_ROLE)

PERMISSIONS: dict[Role, frozenset[str]] = {
    role: frozenset(action for action, least in MINIMUM_ROLE.items() if RANK[role] >= RANK[least]) for role in Role
}

# API keys act for their dealership with the actions their scopes grant (never user or key management).
SCOPES: dict[str, frozenset[str]] = {
    "leads:read": frozenset({"lead.read", "customer.read"}),
    "leads:write": frozenset({"lead.read", "lead.write", "customer.read", "customer.write"}),
    "inventory:read": frozenset({"vehicle.read"}),
    "inventory:write": frozenset({"vehicle.read", "vehicle.write"}),
    "conversations:read": frozenset({"conversation.read", "message.read"}),
    "conversations:write": frozenset({"conversation.read", "conversation.write", "message.read", "message.write"}),
    "exports:read": frozenset({"data.export"}),
}


def role_allows(role: str, action: str) -> bool:
    return action in PERMISSIONS.get(Role(role), frozenset())


def scopes_allow(scopes: frozenset[str], action: str) -> bool:
    return any(action in SCOPES.get(scope, frozenset()) for scope in scopes)


def outranks_or_equals(role: str, other: str) -> bool:
    return RANK[Role(role)] >= RANK[Role(other)]
