"""Vehicles: an index in price order per dealership and status, for the agent's "cheapest that fits" searches.

The agent asks for at most five available vehicles, cheapest first. When the customer names no make or model
("a red AWD SUV under 40k", "your cheapest sedan"), the only index was the make/model one, so PostgreSQL read all
of the dealership's vehicles, filtered them and sorted them: 5-9 ms of server time at 10,000 vehicles, on a
quarter of the benchmark's chat turns. On ``(dealership_id, status, price, id)`` it walks the available vehicles
in the order wanted and stops at the fifth match: 0.1-0.3 ms. The planner takes that walk only when it can tell
how many vehicles match, so search now compares body style, colour, drivetrain and fuel with the catalog's stored
values (``=``, leakproof) rather than ``ILIKE``, whose column statistics RLS withholds.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_vehicles_dealership_id_status_price"


def upgrade() -> None:
    op.create_index(NAME, "vehicles", ["dealership_id", "status", "price", "id"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="vehicles")
