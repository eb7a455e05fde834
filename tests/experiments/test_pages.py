"""The experiment pages without a browser: who may open what, and a bad plan re-shown with what is wrong."""

from __future__ import annotations

from fastapi import FastAPI

from showroom.db.engine import Database
from tests.factories import create_experiment
from tests.helpers import create_team
from tests.web.test_staff_pages import csrf_of, page_client


async def test_pages_are_the_dealerships_own(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, name="Private test")
    stranger = await page_client(app, outsider.admin.email)
    for path in (
        f"/app/experiments/{experiment.id}",
        f"/app/experiments/{experiment.id}/preview",
        "/app/experiments/x",
    ):
        response = await stranger.get(path)
        assert response.status_code == 404, path
        assert "Private test" not in response.text
    agent = await page_client(app, team.agent.email)
    assert (await agent.get(f"/app/experiments/{experiment.id}")).status_code == 200
    assert (await agent.get("/app/experiments/new")).status_code == 403
    listed = await agent.get("/app/experiments")
    assert "Private test" in listed.text and "New experiment" not in listed.text


async def test_a_bad_plan_comes_back_with_what_is_wrong_and_nothing_saved(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await page_client(app, team.manager.email)
    form = await manager.get("/app/experiments/new")
    fields = {
        "csrf_token": csrf_of(form.text),
        "name": "Uneven",
        "primary_metric": "customer_replied",
        "control": "0",
        "v0_name": "A",
        "v0_weight": "70",
        "v1_name": "B",
        "v1_weight": "20",
        "action": "create",
    }
    response = await manager.post("/app/experiments", data=fields)
    assert response.status_code == 422
    assert "weights sum to 90, not 100" in response.text
    assert 'value="Uneven"' in response.text  # what was typed is kept
    assert "Uneven" not in (await manager.get("/app/experiments")).text
