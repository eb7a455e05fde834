"""Alembic environment. ``showroom db upgrade`` passes an open owner connection in
``config.attributes["connection"]``; the plain ``alembic`` CLI (for writing migrations) uses DATABASE_URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from showroom.db.migrate import include_name
from showroom.db.urls import parse_url
from showroom.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, include_name=include_name, compare_type=True
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = create_engine(parse_url(os.environ["DATABASE_URL"]), poolclass=pool.NullPool)
    with engine.connect() as conn:
        run(conn)
