"""``showroom experiments results ID [--json]``: an experiment's results, as the staff page shows them."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from showroom.cli.common import friendly, with_tenant
from showroom.errors import ShowroomError
from showroom.settings import Settings

experiments_app = typer.Typer(help="Prompt experiments: results.", no_args_is_help=True)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _points(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:+.1f}"


def render(result: dict[str, Any]) -> str:
    """The results in plain text: one line per variant, the checks, the verdict."""
    view = "sequential" if result["inference"] == "sequential" else "fixed-horizon"
    lines = [
        f"Experiment {result['experiment_id']} {result['name']!r}: {result['status']}, {result['mode']} traffic, "
        f"{view} analysis, primary metric {result['primary_metric']}",
        f"{'variant':<22}{'conv.':>9}{'with it':>9}{'rate':>8}{'95% interval':>17}{'lift pts':>10}"
        f"{'interval (pts)':>18}{'p (Holm)':>10}{'beats ctrl':>12}",
    ]
    key = "sequential" if result["inference"] == "sequential" else "fixed_horizon"
    for v in result["variants"]:
        interval = f"{_pct(v['interval']['low'])}-{_pct(v['interval']['high'])}"
        name = f"{v['name']} (control)" if v["is_control"] else v["name"]
        lift, lift_interval, p, beat = "", "", "", ""
        if not v["is_control"]:
            view_ = v["lift"][key]
            lift = _points(v["lift"]["absolute"])
            lift_interval = f"{_points(view_['interval']['low'])} to {_points(view_['interval']['high'])}"
            p = f"{view_['p_value_holm']:.3f}"
            beat = _pct(v["chance_to_beat_control"])
        lines.append(
            f"{name[:21]:<22}{v['conversations']:>9,}{v['conversions']:>9,}{_pct(v['rate']):>8}{interval:>17}"
            f"{lift:>10}{lift_interval:>18}{p:>10}{beat:>12}"
        )
    srm = result["srm"]
    if srm["applies"]:
        lines.append(f"sample ratio: p = {srm['p_value']:.3g} ({'MISMATCH' if srm['flagged'] else 'ok'})")
    flags = result["guardrail_flags"]
    lines.append(
        "guardrails: "
        + (
            ", ".join(f"{f['name']} {f['metric']} {_pct(f['rate'])} vs {_pct(f['control_rate'])}" for f in flags)
            or "ok"
        )
    )
    lines.append(f"verdict: {result['verdict']}")
    lines.extend(f"note: {n}" for n in result.get("notes", []))
    if result.get("decision"):
        lines.append(f"decision: {result['decision']}")
    return "\n".join(lines)


@experiments_app.command("results")
@friendly
def results_command(
    experiment_id: Annotated[int, typer.Argument(help="The experiment's id (as in the staff app's address).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="The full results as JSON (as the API returns them).")
    ] = False,
) -> None:
    """An experiment's results: per variant rate and interval, lift, p-values, chance to beat control; SRM,
    guardrails and the verdict."""
    # lazy: the services pull in the models and numpy; keeps `showroom --help` fast
    from sqlalchemy import select

    from showroom.db.tenancy import acting_for
    from showroom.experiments.results import results
    from showroom.models import PromptExperiment

    async def work(db: Any, _: int | None, settings: Settings) -> dict[str, Any]:
        async with db.maint_session() as maint:
            dealership_id = await maint.scalar(
                select(PromptExperiment.dealership_id).where(PromptExperiment.id == experiment_id)
            )
        if dealership_id is None:
            raise ShowroomError(f"no experiment {experiment_id}")
        async with db.session() as session, session.begin(), acting_for(session, dealership_id):
            return await results(session, experiment_id)

    result = with_tenant(None, work)
    typer.echo(json.dumps(result, indent=2, default=str) if as_json else render(result))
