"""The statistics of prompt experiments, pure: no database, no web, no settings (numpy and the standard library).

Conversion metrics are Bernoulli per conversation: a variant is ``(conversions, conversations)``. What is here:

- a rate with its Wilson interval; absolute lift (Wald, unpooled) and relative lift (delta method) over control;
- the fixed-horizon two-proportion z-test (valid only when looked at once, at the planned sample size);
- always-valid inference: an asymptotic confidence sequence for the difference (Waudby-Smith et al., "Time-uniform
  central limit theory", the normal-mixture boundary GrowthBook also uses), whose p-value may be read every day;
- the sample-ratio-mismatch chi-square, Holm's step-down correction;
- Beta(1, 1) posteriors: chance to beat control, chance to be best (Thompson weights) and expected loss;
- the sample size per variant from a baseline rate, a minimum detectable effect and the power (Cohen's h).

The sequential functions accept numpy arrays as well as floats, so the simulation in the tests runs the very code
the product runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

_NORMAL = NormalDist()
FloatOrArray = TypeVar("FloatOrArray", float, npt.NDArray[np.float64])

# Where the confidence sequence is tightest, in total conversations (GrowthBook's default tuning is 5,000 users;
# a dealership's experiment is smaller).
DEFAULT_TUNING_N = 1000
SRM_THRESHOLD = 0.001
POSTERIOR_DRAWS = 40_000


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def excludes(self, value: float) -> bool:
        return value < self.low or value > self.high


@dataclass(frozen=True)
class Arm:
    """One variant's counts for one metric: conversations with the event among the assigned ones."""

    conversions: int
    conversations: int

    @property
    def rate(self) -> float:
        return self.conversions / self.conversations if self.conversations else 0.0

    @property
    def variance(self) -> float:
        """Variance of the estimated rate (binomial, plug-in)."""
        if not self.conversations:
            return math.inf
        p = self.rate
        return p * (1.0 - p) / self.conversations


@dataclass(frozen=True)
class Lift:
    absolute: float
    absolute_interval: Interval
    relative: float | None
    relative_interval: Interval | None
    p_value: float


def z_critical(confidence: float) -> float:
    """The two-sided normal quantile: 1.96 for 0.95."""
    return _NORMAL.inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def wilson(arm: Arm, confidence: float = 0.95) -> Interval:
    """Wilson score interval of a rate (sensible at 0, 1 and small n, unlike the Wald one)."""
    n = arm.conversations
    if n == 0:
        return Interval(0.0, 1.0)
    z = z_critical(confidence)
    p = arm.rate
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def _two_sided_p(z: float) -> float:
    return 2.0 * (1.0 - _NORMAL.cdf(abs(z)))


def fixed_horizon(control: Arm, treatment: Arm, confidence: float = 0.95) -> Lift:
    """Lift of treatment over control, with fixed-horizon intervals and the pooled two-proportion z-test p-value."""
    z = z_critical(confidence)
    diff = treatment.rate - control.rate
    se = math.sqrt(control.variance + treatment.variance)
    absolute = Interval(diff - z * se, diff + z * se) if math.isfinite(se) else Interval(-1.0, 1.0)
    relative, relative_interval = None, None
    if control.rate > 0 and math.isfinite(se):
        relative = treatment.rate / control.rate - 1.0
        rel_se = relative_se(control, treatment)
        relative_interval = Interval(relative - z * rel_se, relative + z * rel_se)
    return Lift(diff, absolute, relative, relative_interval, pooled_z_test(control, treatment))


def relative_se(control: Arm, treatment: Arm) -> float:
    """Delta method: Var(pt/pc) ~ Var(pt)/pc^2 + pt^2 Var(pc)/pc^4."""
    pc, pt = control.rate, treatment.rate
    return math.sqrt(treatment.variance / pc**2 + pt**2 * control.variance / pc**4)


def pooled_z_test(control: Arm, treatment: Arm) -> float:
    """Two-sided p-value of the pooled two-proportion z-test (H0: equal rates)."""
    n1, n2 = control.conversations, treatment.conversations
    if not n1 or not n2:
        return 1.0
    pooled = (control.conversions + treatment.conversions) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    return _two_sided_p((treatment.rate - control.rate) / se)


# --- always-valid (sequential) inference -------------------------------------------------------------------------


def mixture_rho2(alpha: float, tuning_n: float = DEFAULT_TUNING_N) -> float:
    """The mixing variance that makes the boundary tightest at ``tuning_n`` observations."""
    log_term = -2.0 * math.log(alpha)
    return (log_term + math.log(log_term + 1.0)) / tuning_n


def sequential_halfwidth(
    se: FloatOrArray, n: FloatOrArray, alpha: float, tuning_n: float = DEFAULT_TUNING_N
) -> FloatOrArray:
    """Half-width of the (1 - alpha) asymptotic confidence sequence for an estimate with standard error ``se``
    after ``n`` observations: sigma * sqrt(2 (n rho2 + 1) / (n^2 rho2) * log(sqrt(n rho2 + 1) / alpha)),
    with sigma = se * sqrt(n) the per-observation spread. It holds at every n at once, so peeking is free."""
    rho2 = mixture_rho2(alpha, tuning_n)
    scale = n * rho2 + 1.0
    margin = np.sqrt(2.0 * scale / (n * n * rho2) * np.log(np.sqrt(scale) / alpha))
    return se * np.sqrt(n) * margin  # type: ignore[no-any-return]


def sequential_p_value(
    estimate: FloatOrArray, se: FloatOrArray, n: FloatOrArray, alpha: float, tuning_n: float = DEFAULT_TUNING_N
) -> FloatOrArray:
    """The always-valid p-value: the least level whose confidence sequence (same mixture) excludes zero.

    Solving |estimate| = halfwidth(a) for a gives a = sqrt(n rho2 + 1) * exp(-m^2 n^2 rho2 / (2 (n rho2 + 1)))
    with m = |estimate| / (se sqrt(n)); the mixture is the one tuned for ``alpha``, so p < alpha iff the
    sequence at level alpha excludes zero."""
    rho2 = mixture_rho2(alpha, tuning_n)
    scale = n * rho2 + 1.0
    m = np.abs(estimate) / (se * np.sqrt(n))
    p = np.sqrt(scale) * np.exp(-(m * m) * n * n * rho2 / (2.0 * scale))
    return np.minimum(1.0, p)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Sequential:
    absolute_interval: Interval
    p_value: float


def sequential(control: Arm, treatment: Arm, alpha: float, tuning_n: float = DEFAULT_TUNING_N) -> Sequential:
    """Always-valid interval and p-value for the difference of rates (treatment - control)."""
    n = control.conversations + treatment.conversations
    se = math.sqrt(control.variance + treatment.variance)
    if not control.conversations or not treatment.conversations or se == 0:
        return Sequential(Interval(-1.0, 1.0), 1.0)
    diff = treatment.rate - control.rate
    half = float(sequential_halfwidth(se, float(n), alpha, tuning_n))
    return Sequential(
        Interval(diff - half, diff + half), float(sequential_p_value(diff, se, float(n), alpha, tuning_n))
    )


# --- sample ratio mismatch, multiple comparisons ---------------------------------------------------------------------


@dataclass(frozen=True)
class SampleRatio:
    chi2: float
    p_value: float
    flagged: bool


def chi2_survival(x: float, df: int) -> float:
    """P(X > x) for X ~ chi-square(df): the regularized upper incomplete gamma Q(df/2, x/2)."""
    return _gamma_q(df / 2.0, x / 2.0)


def _gamma_q(a: float, x: float) -> float:
    if x <= 0:
        return 1.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1.0:  # the series of P(a, x) converges fast here
        term = total = 1.0 / a
        denominator = a
        while abs(term) > abs(total) * 1e-15:
            denominator += 1.0
            term *= x / denominator
            total += term
        return max(0.0, 1.0 - total * math.exp(log_front))
    tiny = 1e-300  # Q(a, x) by its continued fraction (modified Lentz)
    b = x + 1.0 - a
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return min(1.0, math.exp(log_front) * h)


def sample_ratio(counts: Sequence[int], weights: Sequence[float], threshold: float = SRM_THRESHOLD) -> SampleRatio:
    """Chi-square goodness of fit of the assigned conversations against the planned weights."""
    total = sum(counts)
    share = sum(weights)
    if total == 0 or len(counts) < 2:
        return SampleRatio(0.0, 1.0, False)
    chi2 = 0.0
    for observed, weight in zip(counts, weights, strict=True):
        expected = total * weight / share
        if expected > 0:
            chi2 += (observed - expected) ** 2 / expected
        elif observed:
            return SampleRatio(math.inf, 0.0, True)
    p = chi2_survival(chi2, len(counts) - 1)
    return SampleRatio(chi2, p, p < threshold)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values (family-wise error control across the variants compared to control)."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    m = len(p_values)
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


# --- Bayesian view --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bayesian:
    chance_to_beat_control: list[float]  # per arm; the control's entry is None-like 0.5 by symmetry, unused
    chance_to_be_best: list[float]
    expected_loss: list[float]  # per arm: E[max(best other - this, 0)], in rate units


def _posterior_draws(arms: Sequence[Arm], draws: int, seed: int) -> npt.NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    alpha = np.array([1.0 + a.conversions for a in arms])
    beta = np.array([1.0 + a.conversations - a.conversions for a in arms])
    return rng.beta(alpha[:, None], beta[:, None], size=(len(arms), draws))


def bayesian(arms: Sequence[Arm], control_index: int = 0, draws: int = POSTERIOR_DRAWS) -> Bayesian:
    """Beta(1, 1) priors, Monte Carlo over the posteriors (a fixed seed from the counts: the same data, the same
    figures on every refresh)."""
    seed = hash(tuple((a.conversions, a.conversations) for a in arms)) & 0xFFFFFFFF
    samples = _posterior_draws(arms, draws, seed)
    control = samples[control_index]
    beat = [float(np.mean(row > control)) for row in samples]
    best = np.bincount(np.argmax(samples, axis=0), minlength=len(arms)) / draws
    loss = []
    for i in range(len(arms)):
        others = np.delete(samples, i, axis=0)
        loss.append(float(np.mean(np.maximum(others.max(axis=0) - samples[i], 0.0))))
    return Bayesian(beat, [float(b) for b in best], loss)


def thompson_weights(arms: Sequence[Arm], floor: float = 0.05, draws: int = 10_000) -> list[float]:
    """Traffic shares for the adaptive mode: each arm's chance to be best, never below ``floor`` (keeps learning)."""
    best = bayesian(arms, draws=draws).chance_to_be_best
    k = len(arms)
    floor = min(floor, 1.0 / k)
    return [floor + (1.0 - k * floor) * b for b in best]


# --- planning -------------------------------------------------------------------------------------------------------


def sample_size(baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8, comparisons: int = 1) -> int:
    """Conversations per variant to detect an absolute difference ``mde`` from ``baseline`` (two-sided, Cohen's h;
    alpha is split Bonferroni-wise across ``comparisons`` so that the plan holds after Holm)."""
    if not 0 < baseline < 1 or mde == 0 or not 0 < baseline + mde < 1:
        raise ValueError("the baseline rate and baseline + effect must be between 0 and 1, the effect not 0")
    h = abs(2 * math.asin(math.sqrt(baseline + mde)) - 2 * math.asin(math.sqrt(baseline)))
    z_alpha = z_critical(1.0 - alpha / comparisons)
    z_power = _NORMAL.inv_cdf(power)
    return math.ceil(2.0 * ((z_alpha + z_power) / h) ** 2)  # Var(2 asin sqrt p) = 1/n per arm


def as_dict(value: Any) -> Any:
    """Dataclasses to plain JSON-able values (for the results jsonb and the API)."""
    if isinstance(value, Interval):
        return {"low": value.low, "high": value.high}
    if isinstance(value, list | tuple):
        return [as_dict(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: as_dict(getattr(value, k)) for k in value.__dataclass_fields__}
    return value
