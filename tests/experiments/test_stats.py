"""The pure statistics against independent implementations (scipy, statsmodels) and by simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy import stats as sp
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

from showroom.experiments import stats
from showroom.experiments.stats import Arm

CASES = [(0, 10), (3, 10), (10, 10), (41, 250), (412, 2500), (1, 1000), (5000, 11000)]


@pytest.mark.parametrize(("x", "n"), CASES)
def test_wilson_interval_matches_statsmodels(x: int, n: int) -> None:
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    ours = stats.wilson(Arm(x, n))
    assert ours.low == pytest.approx(low, abs=1e-12)
    assert ours.high == pytest.approx(high, abs=1e-12)


@pytest.mark.parametrize(
    ("control", "treatment"), [((40, 400), (62, 410)), ((120, 1000), (118, 990)), ((9, 80), (2, 75))]
)
def test_fixed_horizon_lift_and_z_test_match_statsmodels(control: tuple[int, int], treatment: tuple[int, int]) -> None:
    c, t = Arm(*control), Arm(*treatment)
    lift = stats.fixed_horizon(c, t, confidence=0.95)
    low, high = confint_proportions_2indep(
        t.conversions,
        t.conversations,
        c.conversions,
        c.conversations,
        method="wald",
        compare="diff",
        alpha=0.05,
        correction=False,
    )
    assert lift.absolute == pytest.approx(t.rate - c.rate)
    assert lift.absolute_interval.low == pytest.approx(low, abs=1e-12)
    assert lift.absolute_interval.high == pytest.approx(high, abs=1e-12)
    _, p = proportions_ztest([t.conversions, c.conversions], [t.conversations, c.conversations])
    assert lift.p_value == pytest.approx(p, rel=1e-9)


def test_relative_lift_interval_is_the_delta_method_of_the_ratio() -> None:
    c, t = Arm(80, 1000), Arm(104, 1000)
    lift = stats.fixed_horizon(c, t)
    # The delta method by numerical differentiation of f(pc, pt) = pt / pc - 1 (an independent route).
    eps = 1e-7
    grad_c = ((t.rate / (c.rate + eps) - 1) - (t.rate / (c.rate - eps) - 1)) / (2 * eps)
    grad_t = (((t.rate + eps) / c.rate - 1) - ((t.rate - eps) / c.rate - 1)) / (2 * eps)
    se = math.sqrt(grad_c**2 * c.variance + grad_t**2 * t.variance)
    z = sp.norm.ppf(0.975)
    assert lift.relative == pytest.approx(0.3)
    assert lift.relative_interval is not None
    assert lift.relative_interval.low == pytest.approx(0.3 - z * se, rel=1e-6)
    assert lift.relative_interval.high == pytest.approx(0.3 + z * se, rel=1e-6)


@pytest.mark.parametrize(
    ("counts", "weights"),
    [
        ([500, 500], [50, 50]),
        ([530, 470], [50, 50]),
        ([1000, 890], [50, 50]),
        ([300, 310, 620], [25, 25, 50]),
        ([10, 0, 3], [20, 30, 50]),
        ([100_000, 98_400], [50, 50]),
    ],
)
def test_sample_ratio_mismatch_matches_scipy_chisquare(counts: list[int], weights: list[int]) -> None:
    total = sum(counts)
    expected = [total * w / sum(weights) for w in weights]
    chi2, p = sp.chisquare(counts, expected)
    ours = stats.sample_ratio(counts, weights)
    assert ours.chi2 == pytest.approx(chi2, rel=1e-9)
    assert ours.p_value == pytest.approx(p, rel=1e-6, abs=1e-300)
    assert ours.flagged is bool(p < 0.001)


@pytest.mark.parametrize("x", [0.0, 0.3, 1.0, 2.5, 7.9, 30.0, 120.0])
@pytest.mark.parametrize("df", [1, 2, 3, 7])
def test_chi_square_survival_matches_scipy(x: float, df: int) -> None:
    assert stats.chi2_survival(x, df) == pytest.approx(sp.chi2.sf(x, df), rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("p_values", [[0.01, 0.04, 0.03], [0.2, 0.001], [0.05, 0.05, 0.05, 0.5], [0.9]])
def test_holm_matches_statsmodels(p_values: list[float]) -> None:
    _, adjusted, _, _ = multipletests(p_values, method="holm")
    assert stats.holm(p_values) == pytest.approx(list(adjusted))


@pytest.mark.parametrize(
    ("control", "treatment"), [((30, 200), (45, 210)), ((5, 40), (4, 41)), ((300, 3000), (330, 3000))]
)
def test_bayesian_chance_to_beat_control_and_expected_loss_match_numerical_integration(
    control: tuple[int, int], treatment: tuple[int, int]
) -> None:
    c, t = Arm(*control), Arm(*treatment)
    post_c = sp.beta(1 + c.conversions, 1 + c.conversations - c.conversions)
    post_t = sp.beta(1 + t.conversions, 1 + t.conversations - t.conversions)
    beat, _ = integrate.quad(lambda x: post_t.pdf(x) * post_c.cdf(x), 0, 1, limit=200)

    # Expected loss of choosing treatment: E[max(pc - pt, 0)] = integral over pt of E[max(pc - pt, 0)] f_t(pt).
    def loss_at(x: float) -> float:
        return integrate.quad(lambda y: (y - x) * post_c.pdf(y), x, 1, limit=200)[0]

    loss, _ = integrate.quad(lambda x: loss_at(x) * post_t.pdf(x), 0, 1, limit=100)
    ours = stats.bayesian([c, t])
    assert ours.chance_to_beat_control[1] == pytest.approx(beat, abs=0.006)
    assert ours.expected_loss[1] == pytest.approx(loss, abs=max(0.0005, loss * 0.03))
    assert sum(ours.chance_to_be_best) == pytest.approx(1.0)


@pytest.mark.parametrize(("baseline", "mde", "power"), [(0.1, 0.02, 0.8), (0.25, 0.05, 0.9), (0.4, -0.06, 0.8)])
def test_sample_size_matches_statsmodels_power(baseline: float, mde: float, power: float) -> None:
    effect = proportion_effectsize(baseline + mde, baseline)
    n = NormalIndPower().solve_power(effect_size=effect, alpha=0.05, power=power, ratio=1.0, alternative="two-sided")
    assert stats.sample_size(baseline, mde, alpha=0.05, power=power) in (math.ceil(n), math.ceil(n) + 1)


def test_sample_size_refuses_an_impossible_plan() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.sample_size(0.98, 0.05)


def test_sequential_interval_is_wider_than_the_fixed_one_and_its_p_value_agrees_with_it() -> None:
    c, t = Arm(100, 1000), Arm(150, 1000)
    seq = stats.sequential(c, t, alpha=0.05)
    fixed = stats.fixed_horizon(c, t)
    assert seq.absolute_interval.low < fixed.absolute_interval.low
    assert seq.absolute_interval.high > fixed.absolute_interval.high
    assert seq.p_value > fixed.p_value
    # p < alpha exactly when the sequence at alpha excludes zero, at the boundary too.
    se = math.sqrt(c.variance + t.variance)
    half = float(stats.sequential_halfwidth(se, 2000.0, 0.05))
    assert float(stats.sequential_p_value(half, se, 2000.0, 0.05)) == pytest.approx(0.05, rel=1e-9)


def _simulate(
    days: int, runs: int, per_day: int, rate: float, lift: float, seed: int, tuning_n: float = stats.DEFAULT_TUNING_N
) -> tuple[float, float]:
    """Share of runs declared significant at least once when looked at daily: (sequential, fixed-horizon)."""
    rng = np.random.default_rng(seed)
    control = rng.binomial(per_day, rate, size=(runs, days)).cumsum(axis=1).astype(float)
    treatment = rng.binomial(per_day, rate + lift, size=(runs, days)).cumsum(axis=1).astype(float)
    n = per_day * np.arange(1, days + 1, dtype=float)
    pc, pt = control / n, treatment / n
    se = np.sqrt(pc * (1 - pc) / n + pt * (1 - pt) / n)
    valid = se > 0
    se = np.where(valid, se, 1.0)
    diff = pt - pc
    seq_p = stats.sequential_p_value(diff, se, 2 * n, alpha=0.05, tuning_n=tuning_n)
    pooled = (control + treatment) / (2 * n)
    pooled_se = np.sqrt(np.maximum(pooled * (1 - pooled) * 2 / n, 1e-300))
    fixed_p = 2 * (1 - sp.norm.cdf(np.abs(diff) / pooled_se))
    seq_hit = ((seq_p < 0.05) & valid).any(axis=1)
    fixed_hit = ((fixed_p < 0.05) & valid).any(axis=1)
    return float(seq_hit.mean()), float(fixed_hit.mean())


def test_daily_peeking_for_60_days_keeps_the_sequential_false_positive_rate_under_alpha_not_the_fixed_one() -> None:
    sequential_fpr, fixed_fpr = _simulate(days=60, runs=4000, per_day=20, rate=0.15, lift=0.0, seed=17)
    # 4,000 A/A runs: the binomial standard error at 5 % is 0.35 points.
    assert sequential_fpr <= 0.05
    assert fixed_fpr > 0.10  # peeking at a fixed-horizon test: a false positive in far more than 1 run of 20


def test_tuned_to_the_planned_size_the_sequential_procedure_still_holds_alpha() -> None:
    sequential_fpr, _ = _simulate(days=60, runs=3000, per_day=20, rate=0.3, lift=0.0, seed=19, tuning_n=2400)
    assert sequential_fpr <= 0.05


def test_the_sequential_procedure_still_finds_a_real_difference() -> None:
    power, _ = _simulate(days=60, runs=1000, per_day=20, rate=0.15, lift=0.05, seed=18)
    assert power > 0.5


def test_thompson_weights_favour_the_better_arm_and_keep_a_floor() -> None:
    weights = stats.thompson_weights([Arm(10, 200), Arm(40, 200), Arm(12, 200)])
    assert sum(weights) == pytest.approx(1.0)
    assert weights[1] > 0.8
    assert min(weights) >= 0.05
