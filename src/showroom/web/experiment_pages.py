"""Staff pages of prompt experiments: the list, the plan form (with the sample size and the expected duration at
the dealership's recent traffic), the results page (verdict in words, SRM, the sequential, fixed-horizon and
Bayesian views, guardrails, the rates over time, the lifecycle buttons) and the side-by-side preview of the
variants' replies. Plain HTML forms calling the same services as the API, so every change is validated and audited
the same way."""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError

from showroom.agent.context import persona_for
from showroom.agent.personas import list_all as list_personas
from showroom.conversations.experiment_hook import with_variant
from showroom.conversations.turn import rehearse
from showroom.errors import AppError, ValidationFailed
from showroom.experiments import results as experiment_results
from showroom.experiments import service, stats
from showroom.experiments.assignment import ActiveVariant
from showroom.experiments.schemas import CONVERSION_METRICS, DEFAULT_GUARDRAILS, ExperimentCreate, StopIn
from showroom.services import services
from showroom.vocabulary import ExperimentInference, ExperimentMode, Tone
from showroom.web.admin_routes import form_values, invalid
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage, page_int

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
VARIANT_ROWS = 3
SAMPLE_MESSAGES = (
    "Hi, do you have a used Tucson?",
    "What are your hours on Saturday?",
    "Can I come in for a test drive tomorrow?",
)
COLOURS = ("c0", "c1", "c2", "c3", "c4", "c5")
METRIC_LABELS = {
    "customer_replied": "Customer replied (within 24 h)",
    "contact_given": "Contact details given",
    "appointment_booked": "Visit or test drive booked",
    "lead_converted": "Lead reached appointment or sold",
    "handover": "Handed over to a person",
    "opt_out": "Opted out",
}


def _number(value: str | None, default: float, scale: float = 1.0) -> float:
    try:
        return float(value) / scale if value not in (None, "") else default
    except ValueError:
        raise ValidationFailed(f"{value!r} is not a number") from None


def _days(text: str) -> list[int]:
    """'1, 3, 7' -> [1, 3, 7] (the API says what is wrong with a bad one)."""
    try:
        return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        raise ValidationFailed(f"{text!r} is not a list of days, like 1, 3, 7", field="follow_up_days") from None


def plan_from_form(form: dict[str, Any], multi: dict[str, list[str]]) -> dict[str, Any]:
    """The API's JSON body from the form's fields (percentages in the form, fractions in the API)."""
    variants = []
    control = form.get("control", "0")
    for i in range(VARIANT_ROWS):
        name = (form.get(f"v{i}_name") or "").strip()
        if not name:
            continue
        settings = {
            key: form.get(f"v{i}_{key}") or None
            for key in ("tone", "greeting", "sign_off", "contact_request", "visit_request")
        }
        delay = form.get(f"v{i}_delay")
        settings["first_reply_delay_seconds"] = int(delay) if delay and delay.isdigit() else None
        cadence = (form.get(f"v{i}_follow_up_days") or "").strip()
        settings["follow_up_days"] = _days(cadence) if cadence else None
        variants.append(
            {
                "name": name,
                "is_control": control == str(i),
                "weight": int(_number(form.get(f"v{i}_weight"), 0)),
                "persona_id": int(form[f"v{i}_persona"]) if (form.get(f"v{i}_persona") or "").isdigit() else None,
                "prompt_template": form.get(f"v{i}_template") or None,
                "settings": {k: v for k, v in settings.items() if v is not None},
            }
        )
    return {
        "name": form.get("name") or "",
        "hypothesis": form.get("hypothesis") or None,
        "primary_metric": form.get("primary_metric") or "",
        "guardrail_metrics": multi.get("guardrail_metrics", []),
        "variants": variants,
        "traffic_percentage": int(_number(form.get("traffic_percentage"), 100)),
        "planned_start": form.get("planned_start") or None,
        "baseline_rate": _number(form.get("baseline_rate"), 0.2, 100),
        "minimum_detectable_effect": _number(form.get("minimum_detectable_effect"), 0.05, 100),
        "power": _number(form.get("power"), 0.8, 100),
        "confidence_level": _number(form.get("confidence_level"), 0.95, 100),
        "mode": form.get("mode") or ExperimentMode.fixed,
        "inference": form.get("inference") or ExperimentInference.sequential,
    }


async def _form_page(
    staff: Staff, values: dict[str, Any] | None = None, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    values = values or {}
    per_day = await service.recent_conversations_per_day(staff.session)
    estimate = None
    arms = max(2, len(values.get("variants") or []) or 2)
    try:
        per_variant = stats.sample_size(
            float(values.get("baseline_rate", 0.2)),
            float(values.get("minimum_detectable_effect", 0.05)),
            alpha=1 - float(values.get("confidence_level", 0.95)),
            power=float(values.get("power", 0.8)),
            comparisons=arms - 1,
        )
        weights = [v["weight"] for v in values.get("variants") or [] if v.get("weight")] or [100 / arms]
        share = min(weights) / 100 * int(values.get("traffic_percentage", 100)) / 100
        days = per_variant / share / per_day if per_day and share else None
        estimate = {"per_variant": per_variant, "total": per_variant * arms, "days": days, "per_day": per_day}
    except (ValueError, ZeroDivisionError):
        estimate = None
    return staff.render(
        "experiment_new.html",
        status_code,
        values=values,
        error=error,
        estimate=estimate,
        metrics=[(m.value, METRIC_LABELS[m]) for m in CONVERSION_METRICS],
        default_guardrails=[m.value for m in DEFAULT_GUARDRAILS],
        personas=await list_personas(staff.session),
        tones=list(Tone),
        rows=VARIANT_ROWS,
    )


@router.get("/app/experiments")
async def experiment_list(staff: StaffPage) -> HTMLResponse:
    staff.require("experiment.read")
    rows = await service.list_all(staff.session)
    return staff.render("experiments.html", experiments=rows, labels=METRIC_LABELS)


@router.get("/app/experiments/new")
async def new_experiment(staff: StaffPage) -> HTMLResponse:
    staff.require("experiment.write")
    return await _form_page(staff)


@router.post("/app/experiments")
async def create_experiment(staff: StaffForm) -> Response:
    """ "Estimate" re-shows the form with the sample size and duration; "Create draft" saves it."""
    staff.require("experiment.write")
    form = form_values(staff.request)
    multi: dict[str, list[str]] = {}
    assert staff.request._form is not None
    for key, value in staff.request._form.multi_items():
        if isinstance(value, str):
            multi.setdefault(key, []).append(value)
    try:
        values = plan_from_form(form, multi)
    except AppError as exc:
        return await _form_page(staff, {}, 422, exc.detail)
    if form.get("action") == "estimate":
        return await _form_page(staff, values)
    try:
        experiment = await service.create(
            staff.session, staff.dealership.id, ExperimentCreate.model_validate(values), staff.actor
        )
    except ValidationError as exc:
        return await _form_page(staff, values, 422, invalid(exc).detail)
    except AppError as exc:
        where = f"{exc.field}: " if exc.field else ""
        return await _form_page(staff, values, exc.status_code, where + exc.detail)
    return RedirectResponse(f"/app/experiments/{experiment.id}?saved=created", status_code=303)


def rates_chart(history: list[dict[str, Any]], variants: list[dict[str, Any]], *, width: int = 560) -> Markup:
    """Each variant's cumulative rate by day, one line per variant (inline SVG, no script)."""
    height, left, bottom, top = 220, 40, 26, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((r for p in history for r in p["rates"].values() if r is not None), default=0.0)
    top_rate = max(0.1, min(1.0, (int(peak * 10) + 1) / 10))
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg" class="chart-svg" '
        f'aria-label="{escape("Cumulative rate per variant by day")}">'
    ]
    for k in range(5):
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{top_rate * k / 4 * 100:.0f}%</text>')
    n = max(len(history) - 1, 1)
    for i, v in enumerate(variants):
        points = [
            f"{left + plot_w * d / n:.1f},{top + plot_h - plot_h * p['rates'][str(v['variant_id'])] / top_rate:.1f}"
            for d, p in enumerate(history)
            if p["rates"].get(str(v["variant_id"])) is not None
        ]
        if points:
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<polyline points="{" ".join(points)}" class="series {colour}" fill="none">'
                f"<title>{escape(v['name'])}</title></polyline>"
            )
    if history:
        parts.append(f'<text x="{left}" y="{height - 6}">{escape(history[0]["day"])}</text>')
        parts.append(f'<text x="{width - 10}" y="{height - 6}" text-anchor="end">{escape(history[-1]["day"])}</text>')
    else:
        parts.append(f'<text x="{left + 10}" y="{top + 20}">No data yet</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped or numeric


async def _experiment_page(
    staff: Staff, experiment_id: int, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    experiment = await service.get(staff.session, experiment_id)
    described = await service.describe(staff.session, experiment)
    result = await experiment_results.results(staff.session, experiment_id)
    return staff.render(
        "experiment.html",
        status_code,
        e=described,
        r=result,
        error=error,
        labels=METRIC_LABELS,
        chart=rates_chart(result.get("history") or [], result["variants"]),
        colours=COLOURS,
        saved=staff.request.query_params.get("saved"),
    )


@router.get("/app/experiments/{experiment_id}")
async def experiment_page(experiment_id: str, staff: StaffPage) -> HTMLResponse:
    staff.require("experiment.read")
    return await _experiment_page(staff, page_int(experiment_id, "experiment"))


@router.post("/app/experiments/{experiment_id}/{action}")
async def change_experiment(experiment_id: str, action: str, staff: StaffForm) -> Response:
    staff.require("experiment.write")
    ident = page_int(experiment_id, "experiment")
    form = form_values(staff.request)
    try:
        if action == "start":
            await service.start(staff.session, ident, staff.actor)
        elif action == "pause":
            await service.pause(staff.session, ident, staff.actor)
        elif action == "archive":
            await service.archive(staff.session, ident, staff.actor)
        elif action == "stop":
            winner = form.get("winner_variant_id")
            data = StopIn.model_validate(
                {
                    "decision": form.get("decision") or "",
                    "winner_variant_id": int(winner) if winner and winner.isdigit() else None,
                    "promote": form.get("promote") == "on",
                }
            )
            frozen = await experiment_results.compute(staff.session, await service.get(staff.session, ident))
            await service.stop(staff.session, ident, data, staff.actor, frozen)
        else:
            return await _experiment_page(staff, ident, 422, "unknown action: use start, pause, stop or archive")
    except ValidationError as exc:
        return await _experiment_page(staff, ident, 422, invalid(exc).detail)
    except AppError as exc:
        return await _experiment_page(staff, ident, exc.status_code, exc.detail)
    return RedirectResponse(f"/app/experiments/{ident}?saved={action}", status_code=303)


@router.get("/app/experiments/{experiment_id}/preview")
async def preview(experiment_id: str, staff: StaffPage) -> HTMLResponse:
    """Each variant's reply to the same sample messages, side by side (rehearsed, written nowhere)."""
    staff.require("experiment.read")
    experiment = await service.get(staff.session, page_int(experiment_id, "experiment"))
    variants = await service.variants_of(staff.session, experiment.id)
    dealership = staff.dealership
    columns = []
    for v in variants:
        base = await persona_for(staff.session, dealership, v.persona_id)
        view = ActiveVariant(
            v.id, experiment.id, v.name, v.is_control, float(v.traffic_allocation), v.persona_id,
            v.prompt_template, dict(v.settings or {}),
        )  # fmt: skip
        choice = with_variant(base, view)
        replies = []
        for message in SAMPLE_MESSAGES:
            rehearsal = await rehearse(staff.session, services(staff.request), dealership, choice, [message])
            replies.append(" ".join(text for _, text in rehearsal.replies) or f"(no reply: {rehearsal.skipped})")
        columns.append({"name": v.name, "is_control": v.is_control, "replies": replies})
    return staff.render("experiment_preview.html", experiment=experiment, columns=columns, messages=SAMPLE_MESSAGES)
