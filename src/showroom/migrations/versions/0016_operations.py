"""Operations: the service and maintenance logins may read the schema's migration revision, so ``/readyz`` can say
whether the database's migrations are the code's without connecting as the owner.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

from alembic import op

from showroom.db.ddl import grant, quote_ident, roles

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for role in (roles()["app"], roles()["maint"]):
        op.execute(grant("SELECT", "alembic_version", role))


def downgrade() -> None:
    for role in (roles()["app"], roles()["maint"]):
        op.execute(f"REVOKE SELECT ON alembic_version FROM {quote_ident(role)}")
