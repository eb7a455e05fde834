"""Test worlds for the API: a dealership with staff of every role who can sign in, and an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import httpx
from fastapi import FastAPI

from showroom.agent.triggers import install_defaults as install_default_triggers
from showroom.auth.passwords import _hash
from showroom.db.engine import Database
from showroom.dealerships.service import DEFAULT_PERSONA_TEMPLATE
from showroom.models import Dealership, Persona, User
from tests.conftest import new_client
from tests.factories import create_dealership, create_user, unique

PASSWORD = "Test-passphrase-of-length!"


@lru_cache(maxsize=1)
def password_hash() -> str:
    return _hash(PASSWORD)  # argon2 is slow on purpose: hash once for the whole run


@dataclass
class Team:
    dealership: Dealership
    admin: User
    manager: User
    agent: User

    @property
    def id(self) -> int:
        return self.dealership.id

    def by_role(self, role: str) -> User:
        return {"dealership_admin": self.admin, "manager": self.manager, "user": self.agent}[role]


async def create_team(db: Database) -> Team:
    async with db.maint_session() as maint, maint.begin():
        d = await create_dealership(maint)
        install_default_triggers(maint, d.id)  # as dealerships.service.create does
        maint.add(
            Persona(
                dealership_id=d.id,
                name="Alex",
                is_default=True,
                prompt_template=DEFAULT_PERSONA_TEMPLATE,
                arguments={"tone": "friendly"},
            )
        )
        users = {}
        for role in ("dealership_admin", "manager", "user"):
            users[role] = await create_user(
                maint,
                d.id,
                role=role,
                email=f"{unique(role[:5])}@example.com",
                password_hash=password_hash(),
                name=f"{role.title()} Person",
            )
    return Team(d, users["dealership_admin"], users["manager"], users["user"])


async def create_super_admin(db: Database) -> User:
    async with db.maint_session() as maint, maint.begin():
        return await create_user(
            maint,
            None,
            role="super_admin",
            email=f"{unique('root')}@example.com",
            password_hash=password_hash(),
            name="Platform Admin",
        )


async def sign_in(app: FastAPI, email: str, password: str = PASSWORD) -> httpx.AsyncClient:
    """A client signed in as ``email``, sending the CSRF header on every request."""
    client = new_client(app)
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


async def approve_routing(app: FastAPI, db: Database, dealership_id: int) -> dict[str, object]:
    """A super admin approves the texting number and ADF vendors the dealership requests (they route only then)."""
    root = await sign_in(app, (await create_super_admin(db)).email)
    response = await root.post(f"/api/v1/dealerships/{dealership_id}/routing/approve")
    assert response.status_code == 200, response.text
    approved: dict[str, object] = response.json()
    return approved
