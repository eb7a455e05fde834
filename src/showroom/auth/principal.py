"""Who is calling: a signed-in user (session cookie) or an integration (API key)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from showroom.auth.permissions import role_allows, scopes_allow
from showroom.vocabulary import ActorType


@dataclass(frozen=True)
class Principal:
    kind: str  # ActorType.user or ActorType.api_key
    dealership_id: int | None  # the acting tenant (a super admin may have none, or switch)
    user_id: int | None = None
    role: str | None = None
    email: str | None = None
    name: str | None = None
    api_key_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    session_id: str | None = None  # hash of the cookie token
    csrf_secret: str | None = None
    session_expires_at: datetime | None = None  # as of this request (the idle expiry slides)

    @property
    def is_super_admin(self) -> bool:
        return self.role == "super_admin"

    def can(self, action: str) -> bool:
        if self.kind == ActorType.api_key:
            return scopes_allow(self.scopes, action)
        return self.role is not None and role_allows(self.role, action)
