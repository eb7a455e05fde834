"""``showroom experiments results ID [--json]`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import ExperimentVariant, PromptMetric, PromptVariant
from showroom.settings import Settings
from tests.conftest import cli_env
from tests.factories import create_conversation, create_customer, create_experiment, create_lead
from tests.helpers import create_team


def showroom(*args: str, settings: Settings) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "showroom", *args], env=cli_env(settings), capture_output=True, text=True, timeout=120
    )


async def test_results_in_words_and_as_json(db: Database, settings: Settings) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        experiment = await create_experiment(maint, team.id, status="running", name="Warm greeting")
        variants = (
            await maint.scalars(
                select(PromptVariant).where(PromptVariant.experiment_id == experiment.id).order_by(PromptVariant.id)
            )
        ).all()
        for i in range(8):
            customer = await create_customer(maint, team.id)
            conversation = await create_conversation(maint, await create_lead(maint, team.id, customer.id))
            variant = variants[i % 2]
            maint.add(
                ExperimentVariant(
                    dealership_id=team.id,
                    experiment_id=experiment.id,
                    variant_id=variant.id,
                    conversation_id=conversation.id,
                )
            )
            await maint.flush()
            if i % 2 or i == 0:  # B: 4 of 4 replied; A: 1 of 4
                maint.add(
                    PromptMetric(
                        dealership_id=team.id,
                        experiment_id=experiment.id,
                        variant_id=variant.id,
                        conversation_id=conversation.id,
                        metric_name="customer_replied",
                    )
                )
    text = showroom("experiments", "results", str(experiment.id), settings=settings)
    assert text.returncode == 0, text.stderr
    assert "'Warm greeting': running" in text.stdout
    assert "A (control)" in text.stdout and "25.0%" in text.stdout and "100.0%" in text.stdout
    assert "verdict: Not enough data yet: 8 of 200 conversations." in text.stdout

    as_json = showroom("experiments", "results", str(experiment.id), "--json", settings=settings)
    assert as_json.returncode == 0, as_json.stderr
    body = json.loads(as_json.stdout)
    assert [v["conversions"] for v in body["variants"]] == [1, 4]
    assert body["srm"]["flagged"] is False

    missing = showroom("experiments", "results", "987654321", settings=settings)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "showroom: error: no experiment 987654321"
