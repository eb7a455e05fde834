"""Payloads of sign-in, invitations, users and API keys."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from showroom.api.types import RANGE, bounded_datetime
from showroom.auth.passwords import MAX_LENGTH
from showroom.auth.permissions import SCOPES, Role
from showroom.vocabulary import InvitationStatus

Token = Annotated[str, StringConstraints(min_length=20, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
Password = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Login(Strict):
    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)]


class EmailOnly(Strict):
    email: EmailStr


class TokenOnly(Strict):
    token: Token


class PasswordResetConfirm(Strict):
    token: Token
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)]


class SwitchTenant(Strict):
    dealership_id: int | None = Field(description="Dealership to act for; null to act for none.")


class SessionInfo(BaseModel):
    user_id: int
    email: str
    name: str | None
    role: Role
    dealership_id: int | None
    csrf_token: str = Field(description="Send it as the X-CSRF-Token header on unsafe requests.")
    expires_at: datetime


class InvitationRole(StrEnum):
    """The roles a dealership invites (a super admin is made by the platform)."""

    user = Role.user.value
    manager = Role.manager.value
    dealership_admin = Role.dealership_admin.value


class InvitationCreate(Strict):
    email: EmailStr
    role: InvitationRole = InvitationRole.user


class Invitation(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    role: Role
    status: InvitationStatus
    expires_at: datetime
    invited_by_user_id: int | None
    created_at: datetime

    @field_validator("id", mode="before")
    @classmethod
    def _uuid_text(cls, value: object) -> str:
        return str(value)


class InvitationPreview(BaseModel):
    email: str
    role: Role
    dealership_name: str | None
    expires_at: datetime


class InvitationAccept(Strict):
    token: Token
    name: str = Field(min_length=1, max_length=255)
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    dealership_id: int | None
    email: str
    username: str | None
    name: str | None
    role: Role
    is_active: bool
    is_verified: bool
    is_away: bool = False
    last_login_at: datetime | None
    locked_until: datetime | None
    created_at: datetime
    updated_at: datetime


Username = Annotated[str, StringConstraints(min_length=2, max_length=100, pattern=r"^[a-z0-9._-]+$")]


class UserCreate(Strict):
    email: EmailStr
    name: str | None = Field(default=None, max_length=255)
    username: Username | None = None
    role: Role = Role.user
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)] | None = (
        Field(default=None, description="Omit to e-mail the person a sign-in link instead.")
    )


class UserUpdate(Strict):
    name: str | None = Field(default=None, max_length=255)
    username: Username | None = None
    role: Role | None = None
    is_active: bool | None = None
    is_away: bool | None = Field(default=None, description="Away: round robin skips you (your own, or any as an admin)")
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)] | None = (
        None
    )
    current_password: (
        Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, strip_whitespace=False)] | None
    ) = Field(default=None, description="Your current password: required to change your own")


def _future(value: datetime) -> datetime:
    """An API key's expiry: in the future, within the range every date of the API keeps to."""
    bounded_datetime(value)
    if value <= datetime.now(UTC):
        raise ValueError("must be in the future")
    return value


class ApiKeyCreate(Strict):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=1000)
    scopes: list[str] = Field(min_length=1, description=f"Any of: {', '.join(sorted(SCOPES))}")
    expires_at: Annotated[AwareDatetime, AfterValidator(_future)] | None = Field(
        default=None, description=f"With a UTC offset, e.g. 2030-01-01T00:00:00Z; in the future, {RANGE}"
    )

    @field_validator("scopes")
    @classmethod
    def _known_scopes(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(SCOPES))
        if unknown:
            raise ValueError(f"unknown scope(s) {', '.join(unknown)}; known: {', '.join(sorted(SCOPES))}")
        return sorted(set(value))


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str | None
    key_prefix: str
    scopes: list[str]
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    created_by_user_id: int | None
    created_at: datetime


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The whole key. Shown once: store it now.")
