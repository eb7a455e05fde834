"""An experiment's results from its counts, pure: per-variant rates, lifts, the three views, SRM, guardrails and a
verdict in plain words. The service hands it SQL aggregates (never events); the output is plain JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from showroom.experiments import stats
from showroom.experiments.stats import Arm, Interval

SEQUENTIAL = "sequential"
FIXED_HORIZON = "fixed_horizon"
ADAPTIVE = "adaptive"

ADAPTIVE_CAVEAT = (
    "Adaptive mode (Thompson sampling) moved traffic toward the variant that looked better, so the arms were "
    "measured over different periods and in unequal numbers: rates and lifts are biased (a variant that started "
    "unlucky is under-sampled and its estimate stays low), and the sample-ratio check does not apply. Use it to "
    "earn more while testing, not to measure the size of the effect."
)
FIXED_CAVEAT = "Fixed-horizon analysis: valid only when read once, at the planned sample size. Peeking inflates errors."


@dataclass(frozen=True)
class VariantCounts:
    variant_id: int
    name: str
    is_control: bool
    weight: float
    assigned: int
    events: dict[str, int] = field(default_factory=dict)  # metric -> conversations with it


@dataclass(frozen=True)
class Plan:
    primary_metric: str
    guardrail_metrics: Sequence[str] = ()
    confidence: float = 0.95
    required_per_variant: int = 100
    inference: str = SEQUENTIAL  # or FIXED_HORIZON
    mode: str = "fixed"  # or ADAPTIVE (traffic shares follow Thompson sampling)


def _points(value: float) -> str:
    return f"{value * 100:+.1f}".replace("-", "\u2212")


def _interval_points(interval: Interval) -> str:
    return f"{_points(interval.low)} to {_points(interval.high)}"


def _tuning(plan: Plan) -> float:
    """The confidence sequence is made tightest where the plan expects to decide: both arms at their planned size
    (any tuning keeps it valid; this one spends its width where it matters)."""
    return float(max(100, 2 * plan.required_per_variant))


def _arm(v: VariantCounts, metric: str) -> Arm:
    return Arm(min(v.events.get(metric, 0), v.assigned), v.assigned)


def _comparison(control: Arm, arm: Arm, plan: Plan) -> dict[str, Any]:
    alpha = 1.0 - plan.confidence
    fixed = stats.fixed_horizon(control, arm, plan.confidence)
    seq = stats.sequential(control, arm, alpha, _tuning(plan))
    return {
        "absolute": fixed.absolute,
        "relative": fixed.relative,
        "relative_interval": stats.as_dict(fixed.relative_interval),
        "fixed_horizon": {"interval": stats.as_dict(fixed.absolute_interval), "p_value": fixed.p_value},
        "sequential": {"interval": stats.as_dict(seq.absolute_interval), "p_value": seq.p_value},
    }


def _guardrails(control: VariantCounts, v: VariantCounts, plan: Plan) -> list[dict[str, Any]]:
    """A guardrail (opt-out, handover...) is worse when it is higher; flagged when the chosen inference says so."""
    out = []
    alpha = 1.0 - plan.confidence
    for metric in plan.guardrail_metrics:
        c, t = _arm(control, metric), _arm(v, metric)
        if plan.inference == FIXED_HORIZON:
            p = stats.fixed_horizon(c, t, plan.confidence).p_value
        else:
            p = stats.sequential(c, t, alpha, _tuning(plan)).p_value
        worse = t.rate > c.rate and p < alpha
        out.append({"metric": metric, "rate": t.rate, "control_rate": c.rate, "p_value": p, "flagged": worse})
    return out


def analyze(variants: Sequence[VariantCounts], plan: Plan) -> dict[str, Any]:
    """Everything the results page, the API and the CLI show."""
    if not variants or sum(v.is_control for v in variants) != 1:
        raise ValueError("an experiment has exactly one control variant")
    control = next(v for v in variants if v.is_control)
    others = [v for v in variants if not v.is_control]
    c_arm = _arm(control, plan.primary_metric)
    alpha = 1.0 - plan.confidence
    key = "fixed_horizon" if plan.inference == FIXED_HORIZON else "sequential"

    comparisons = {v.variant_id: _comparison(c_arm, _arm(v, plan.primary_metric), plan) for v in others}
    for view in ("fixed_horizon", "sequential"):
        adjusted = stats.holm([comparisons[v.variant_id][view]["p_value"] for v in others])
        for v, p in zip(others, adjusted, strict=True):
            comparisons[v.variant_id][view]["p_value_holm"] = p
    arms = [_arm(v, plan.primary_metric) for v in variants]
    bayes = stats.bayesian(arms, control_index=variants.index(control))

    rows = []
    for i, v in enumerate(variants):
        arm = arms[i]
        row: dict[str, Any] = {
            "variant_id": v.variant_id,
            "name": v.name,
            "is_control": v.is_control,
            "weight": v.weight,
            "conversations": v.assigned,
            "conversions": arm.conversions,
            "rate": arm.rate,
            "interval": stats.as_dict(stats.wilson(arm, plan.confidence)),
            "chance_to_be_best": bayes.chance_to_be_best[i],
            "expected_loss": bayes.expected_loss[i],
        }
        if not v.is_control:
            row["lift"] = comparisons[v.variant_id]
            row["chance_to_beat_control"] = bayes.chance_to_beat_control[i]
            row["guardrails"] = _guardrails(control, v, plan)
        rows.append(row)

    adaptive = plan.mode == ADAPTIVE
    srm = stats.sample_ratio([v.assigned for v in variants], [v.weight for v in variants])
    total = sum(v.assigned for v in variants)
    required_total = plan.required_per_variant * len(variants)
    verdict, kind, winner = _verdict(control, others, comparisons, key, alpha, total, required_total, plan)
    if srm.flagged and not adaptive:
        verdict = (
            f"Sample ratio mismatch (p = {srm.p_value:.1e}): the variants did not get the planned shares of "
            "conversations, so assignment is broken somewhere and no verdict is given."
        )
        kind, winner = "srm", None
    notes = [ADAPTIVE_CAVEAT] if adaptive else []
    if plan.inference == FIXED_HORIZON:
        notes.append(FIXED_CAVEAT)
    return {
        "primary_metric": plan.primary_metric,
        "guardrail_metrics": list(plan.guardrail_metrics),
        "confidence": plan.confidence,
        "inference": plan.inference,
        "mode": plan.mode,
        "conversations": total,
        "required_conversations": required_total,
        "srm": {
            "chi2": srm.chi2,
            "p_value": srm.p_value,
            "flagged": srm.flagged and not adaptive,
            "applies": not adaptive,
        },
        "variants": rows,
        "guardrail_flags": [
            {"variant_id": r["variant_id"], "name": r["name"], **g}
            for r in rows
            for g in r.get("guardrails", [])
            if g["flagged"]
        ],
        "verdict": verdict,
        "verdict_kind": kind,
        "winner_variant_id": winner,
        "notes": notes,
    }


def _verdict(
    control: VariantCounts,
    others: Sequence[VariantCounts],
    comparisons: dict[int, dict[str, Any]],
    key: str,
    alpha: float,
    total: int,
    required_total: int,
    plan: Plan,
) -> tuple[str, str, int | None]:
    not_enough = f"Not enough data yet: {total:,} of {required_total:,} conversations."
    if plan.inference == FIXED_HORIZON and total < required_total:
        return not_enough + " (fixed-horizon: read it at the planned size)", "insufficient", None
    significant = [v for v in others if comparisons[v.variant_id][key]["p_value_holm"] < alpha]
    better = sorted(
        (v for v in significant if comparisons[v.variant_id]["absolute"] > 0),
        key=lambda v: -comparisons[v.variant_id]["absolute"],
    )
    level = f"{plan.confidence * 100:g}%"
    if better:
        best = better[0]
        lift = comparisons[best.variant_id]
        interval = Interval(**lift[key]["interval"])
        return (
            f"{best.name} converts better: {_points(lift['absolute'])} points, "
            f"{level} interval {_interval_points(interval)}.",
            "winner",
            best.variant_id,
        )
    if significant and len(significant) == len(others):
        worst = min(significant, key=lambda v: comparisons[v.variant_id]["absolute"])
        lift = comparisons[worst.variant_id]
        interval = Interval(**lift[key]["interval"])
        return (
            f"{control.name} (control) converts better than {worst.name}: {worst.name} is "
            f"{_points(lift['absolute'])} points, {level} interval {_interval_points(interval)}.",
            "control",
            control.variant_id,
        )
    if total < required_total:
        return not_enough, "insufficient", None
    return "No significant difference.", "no_difference", None
