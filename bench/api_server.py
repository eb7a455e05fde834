"""The benchmark's server process: the real Showroom app plus one bare endpoint, the baseline (and, with
``SHOWROOM_CHAT_TURNS=worker``, the chat turns' worker process beside it, as ``showroom serve`` runs them).

The baseline runs the same SELECT as ``GET /api/v1/leads/{id}`` through a raw psycopg pool, without auth, ORM
or RLS (as the BYPASSRLS maintenance login), in the same process and event loop as the real endpoint.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from showroom import jobs
from showroom.app import create_app
from showroom.leads.schemas import LeadOut
from showroom.settings import Settings

LEAD_SQL = "select * from leads where id = %s"


def build() -> FastAPI:
    settings = Settings()
    app = create_app(settings)
    maint_url = os.environ["BENCH_MAINT_URL"]
    pool = AsyncConnectionPool(
        maint_url,
        min_size=settings.db_pool_size,
        max_size=settings.db_pool_size,
        open=False,
        kwargs={"row_factory": dict_row},
    )
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        # SHOWROOM_CHAT_TURNS=worker: the chat turns' worker process beside this one, as `showroom serve` runs it
        chat = jobs.start_chat_worker(settings) if settings.chat_turns == "worker" else None
        async with inner(application):
            await pool.open()
            try:
                yield
            finally:
                await pool.close()
                if chat is not None:
                    chat.terminate()
                    chat.wait(timeout=60)

    app.router.lifespan_context = lifespan

    @app.get("/bench/raw-lead/{lead_id}", include_in_schema=False)
    async def raw_lead(lead_id: str, request: Request) -> Response:
        async with pool.connection() as conn:
            row: Any = await (await conn.execute(LEAD_SQL, (lead_id,))).fetchone()
        return Response(LeadOut.model_validate(row).model_dump_json(), media_type="application/json")

    return app


if __name__ == "__main__":
    uvicorn.run(build(), host="127.0.0.1", port=int(os.environ["BENCH_PORT"]), log_level="warning", access_log=False)
