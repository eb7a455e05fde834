"""Where each table lives on a Citus cluster (docs/SCALING.md §4): the one list, read by the models (which tables
have the ``(dealership_id, id)`` primary key), the schema check (``showroom.db.citus``), ``showroom db citus-plan``
and the docs.

Every table with a ``dealership_id`` is **distributed** by it (co-located: a tenant's rows are on one node) unless
it is named below. A distributed table's primary key and unique keys include ``dealership_id``, and its foreign keys
to other distributed tables carry it (``(dealership_id, lead_id) → leads (dealership_id, id)``), so the database
itself refuses a row of one dealership pointing at a row of another (issue 15, finding 11).
"""

from __future__ import annotations

# Copied to every node: small, and looked up before the tenant is known (sign-in, a cookie, a key, a link).
REFERENCE_TABLES: dict[str, str] = {
    "dealerships": "the tenant root: every distributed table's dealership_id points to it",
    "users": "sign-in finds the user by e-mail before the tenant is known; super admins belong to no dealership",
    "api_keys": "a request's key is looked up by its hash before the tenant is known",
    "sessions": "a request's cookie is looked up by its hash before the tenant is known",
    "magic_link_invitations": "a sign-in link is looked up by its token hash before the tenant is known",
    "user_invitations": "an invitation is looked up by its token hash; a super admin's has no dealership",
}

# Kept on the coordinator only (a prefix ending in ``*`` names a family of tables).
LOCAL_TABLES: dict[str, str] = {
    "alembic_version": "the migration marker",
    "procrastinate_*": "the job queue: SELECT ... FOR UPDATE SKIP LOCKED needs one node; jobs are few and small",
    "audit_logs": "platform rows have no dealership (dealership_id NULL); append-only, read per dealership",
    "intake_dead_letters": "leads that matched no dealership: the tenant is exactly what is unknown",
    "rate_counters": "shared request budgets of every process, written on every public request: one node, no 2PC",
}

# User columns of distributed tables that must name a member of the row's dealership (staff pick the assignee from
# the team): a composite foreign key to ``users (dealership_id, id)``. The other user columns record who acted, and
# stay a plain ``→ users (id)``: a super admin (no dealership) may act in any dealership, and that includes taking a
# conversation over (``conversations.assigned_user_id``, ``handovers.to_user_id`` are whoever took it).
MEMBER_USER_COLUMNS: dict[str, tuple[str, ...]] = {
    "leads": ("assigned_user_id",),
    "appointments": ("assigned_user_id",),
    "follow_ups": ("assigned_user_id",),
}

DISTRIBUTION_COLUMN = "dealership_id"


def placement(table: str, has_dealership_id: bool) -> str:
    """``"reference"``, ``"local"``, ``"distributed"`` or ``"unplaced"`` (no dealership_id and not named above)."""
    if table in REFERENCE_TABLES:
        return "reference"
    if table in LOCAL_TABLES or any(p.endswith("*") and table.startswith(p[:-1]) for p in LOCAL_TABLES):
        return "local"
    return "distributed" if has_dealership_id else "unplaced"


def reason(table: str) -> str:
    """Why a table is not distributed (empty for a distributed one)."""
    if table in REFERENCE_TABLES:
        return REFERENCE_TABLES[table]
    for name, why in LOCAL_TABLES.items():
        if table == name or (name.endswith("*") and table.startswith(name[:-1])):
            return why
    return ""
