"""Who may be named on a dealership's rows (a task's person, an appointment's salesperson): an active member.

Read through the tenant's session, so row-level security shows only the dealership's users (and a super admin
themself, who belongs to no dealership); 0024's membership keys refuse anyone else in the database as well."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.errors import ValidationFailed
from showroom.models import User


async def member(session: AsyncSession, user_id: int | None) -> User | None:
    """The user if an active member of the session's dealership, else None."""
    if user_id is None:
        return None
    user = await session.get(User, user_id)
    return user if user is not None and user.is_active and user.dealership_id is not None else None


async def assignee(session: AsyncSession, user_id: int | None, field: str = "assigned_user_id") -> int | None:
    """``user_id`` if it names an active member (None stays None), else a 422 naming ``field``."""
    if user_id is not None and await member(session, user_id) is None:
        raise ValidationFailed(f"user {user_id} is not an active member of this dealership", field=field)
    return user_id
