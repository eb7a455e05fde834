"""The verdict in plain words, from counts (pure)."""

from __future__ import annotations

import pytest

from showroom.experiments.analysis import ADAPTIVE, FIXED_HORIZON, Plan, VariantCounts, analyze


def _variants(a: tuple[int, int], b: tuple[int, int], *, opt_outs: tuple[int, int] = (0, 0)) -> list[VariantCounts]:
    return [
        VariantCounts(1, "A", True, 50, a[0], {"customer_replied": a[1], "opt_out": opt_outs[0]}),
        VariantCounts(2, "B", False, 50, b[0], {"customer_replied": b[1], "opt_out": opt_outs[1]}),
    ]


def test_not_enough_data_says_how_far_along_it_is() -> None:
    result = analyze(_variants((120, 30), (120, 33)), Plan("customer_replied", required_per_variant=550))
    assert result["verdict"] == "Not enough data yet: 240 of 1,100 conversations."
    assert result["verdict_kind"] == "insufficient"


def test_a_clear_winner_is_named_with_its_lift_in_points_and_its_interval() -> None:
    result = analyze(_variants((2000, 400), (2000, 560)), Plan("customer_replied", required_per_variant=1000))
    assert result["verdict_kind"] == "winner"
    assert result["winner_variant_id"] == 2
    assert result["verdict"].startswith("B converts better: +8.0 points, 95% interval +")
    b = result["variants"][1]
    assert b["lift"]["relative"] == pytest.approx(0.4)
    assert b["chance_to_beat_control"] > 0.99


def test_no_difference_once_the_planned_size_is_reached() -> None:
    result = analyze(_variants((1000, 200), (1000, 205)), Plan("customer_replied", required_per_variant=500))
    assert result["verdict"] == "No significant difference."


def test_a_sample_ratio_mismatch_blocks_the_verdict() -> None:
    result = analyze(_variants((2000, 400), (1700, 480)), Plan("customer_replied", required_per_variant=500))
    assert result["srm"]["flagged"] is True
    assert result["verdict_kind"] == "srm"
    assert result["winner_variant_id"] is None
    assert "Sample ratio mismatch" in result["verdict"]


def test_a_variant_with_significantly_more_opt_outs_is_flagged() -> None:
    plan = Plan("customer_replied", guardrail_metrics=["opt_out"], required_per_variant=500)
    result = analyze(_variants((2000, 400), (2000, 410), opt_outs=(10, 80)), plan)
    assert [(f["name"], f["metric"]) for f in result["guardrail_flags"]] == [("B", "opt_out")]


def test_holm_adjusts_the_p_values_of_several_variants() -> None:
    variants = [
        VariantCounts(1, "A", True, 34, 900, {"customer_replied": 180}),
        VariantCounts(2, "B", False, 33, 900, {"customer_replied": 215}),
        VariantCounts(3, "C", False, 33, 900, {"customer_replied": 190}),
    ]
    rows = analyze(variants, Plan("customer_replied"))["variants"]
    for row in rows[1:]:
        assert row["lift"]["sequential"]["p_value_holm"] >= row["lift"]["sequential"]["p_value"]


def test_fixed_horizon_and_adaptive_modes_carry_their_caveats() -> None:
    fixed = analyze(
        _variants((100, 20), (100, 40)), Plan("customer_replied", inference=FIXED_HORIZON, required_per_variant=400)
    )
    assert fixed["verdict"].endswith("(fixed-horizon: read it at the planned size)")
    assert any("Fixed-horizon" in n for n in fixed["notes"])
    adaptive = analyze(_variants((300, 60), (900, 240)), Plan("customer_replied", mode=ADAPTIVE))
    assert adaptive["srm"]["applies"] is False
    assert any("biased" in n for n in adaptive["notes"])
