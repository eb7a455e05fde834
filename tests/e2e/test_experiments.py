"""A manager plans, starts, reads and stops a prompt experiment in a real browser (chromium), and the winner's
settings become the dealership's default persona's."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import ExperimentVariant, Persona, PromptExperiment, PromptMetric, PromptVariant
from tests.e2e.conftest import Server, signed_in_page
from tests.factories import create_conversation, create_customer, create_lead
from tests.helpers import Team

TIMEOUT = 15_000


async def _results(db: Database, team: Team, experiment_id: int, replied: dict[str, tuple[int, int]]) -> None:
    """Conversations in each variant and how many replied: {variant name: (conversations, replied)}."""
    async with db.maint_session() as maint, maint.begin():
        variants = {
            v.name: v
            for v in (await maint.scalars(select(PromptVariant).where(PromptVariant.experiment_id == experiment_id)))
        }
        for name, (n, k) in replied.items():
            for i in range(n):
                customer = await create_customer(maint, team.id)
                conversation = await create_conversation(maint, await create_lead(maint, team.id, customer.id))
                row = dict(dealership_id=team.id, experiment_id=experiment_id, variant_id=variants[name].id)
                maint.add(ExperimentVariant(**row, conversation_id=conversation.id))
                await maint.flush()
                if i < k:
                    maint.add(PromptMetric(**row, conversation_id=conversation.id, metric_name="customer_replied"))


async def test_a_manager_runs_an_experiment_from_plan_to_promotion(
    browser: Any, server: Server, world: Team, db: Database
) -> None:
    page = await signed_in_page(browser, server, world.manager.email)
    await page.get_by_role("link", name="Experiments").click()
    await page.get_by_role("link", name="New experiment").click()
    await page.get_by_label("Experiment name").fill("Sign-off test")
    await page.get_by_label("Current rate of the primary metric (%)").fill("30")
    await page.get_by_label("Smallest lift worth detecting (points)").fill("10")
    await page.get_by_role("button", name="Estimate sample size and duration").click()
    await expect(page.locator("#estimate")).to_contain_text("356 conversations per variant", timeout=TIMEOUT)
    await page.locator("#v1-sign_off").fill("Talk soon, Team B")
    await page.get_by_role("button", name="Create draft").click()
    await expect(page.locator("#status")).to_have_text("draft", timeout=TIMEOUT)
    await expect(page.locator("#verdict")).to_contain_text("Not enough data yet: 0 of 712 conversations")
    await page.get_by_role("button", name="Start").click()
    await expect(page.locator("#status")).to_have_text("running", timeout=TIMEOUT)

    experiment_id = int(page.url.rsplit("/", 1)[1].split("?")[0])
    await _results(db, world, experiment_id, {"Current": (60, 12), "Challenger": (60, 42)})
    await page.reload()
    await expect(page.locator("#verdict")).to_contain_text("Challenger converts better: +50.0 points")
    await expect(page.locator("#srm")).to_contain_text("got their planned shares")
    await expect(page.locator("#rate-chart polyline")).to_have_count(2)
    await expect(page.locator("#results tbody tr")).to_have_count(2)

    await page.get_by_role("link", name="Preview the variants' replies side by side").click()
    await expect(page.locator("#preview tbody tr")).to_have_count(3, timeout=TIMEOUT)
    await expect(page.locator("#preview tbody tr").first.locator("td").nth(1)).to_contain_text("Talk soon, Team B")
    await expect(page.locator("#preview tbody tr").first.locator("td").nth(0)).not_to_contain_text("Talk soon")
    await page.get_by_role("link", name="Back to the results").click()

    await page.get_by_label("Keep").select_option(label="Challenger")
    await page.get_by_label("Decision").fill("Challenger gets far more replies")
    await page.get_by_role("button", name="Stop with this decision").click()
    await expect(page.locator("#status")).to_have_text("completed", timeout=TIMEOUT)
    await expect(page.locator("#verdict")).to_contain_text("Challenger converts better")
    async with db.maint_session() as maint:
        experiment = await maint.get(PromptExperiment, experiment_id)
        default = await maint.scalar(select(Persona).where(Persona.dealership_id == world.id, Persona.is_default))
    assert experiment is not None and experiment.results["frozen"] is False  # frozen at stop, read back as frozen
    assert default is not None and default.arguments["sign_off"] == "Talk soon, Team B"
    await page.context.close()
