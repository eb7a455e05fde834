"""The lead page's score: what raised it and what lowered it (from its history rows), and its history as a chart."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import LeadScore

HISTORY = 60  # the latest scores charted
SHOWN = 8  # factors listed on each side


@dataclass(frozen=True)
class ScoreFactor:
    label: str
    points: int
    at: datetime


@dataclass(frozen=True)
class ScoreView:
    history: list[tuple[datetime, int]]  # oldest first
    raised: list[ScoreFactor]  # newest first
    lowered: list[ScoreFactor]
    chart: Markup | None


def _factors(rows: list[LeadScore], side: str) -> list[ScoreFactor]:
    found: list[ScoreFactor] = []
    for row in reversed(rows):
        items: Any = (row.factors or {}).get(side) or []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("points"), int):
                found.append(ScoreFactor(str(item.get("label", item.get("name", ""))), item["points"], row.created_at))
    return found[:SHOWN]


def chart(points: list[tuple[datetime, int]], label: str, *, width: int = 560, height: int = 160) -> Markup | None:
    """A step line of the score (0-100) over time, with a dot and a tooltip per change."""
    if len(points) < 2:
        return None
    left, right, top, bottom = 30, 8, 8, 22
    first, last = points[0][0].timestamp(), points[-1][0].timestamp()
    span = max(last - first, 1.0)
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(at: datetime, value: int) -> tuple[float, float]:
        return left + plot_w * (at.timestamp() - first) / span, top + plot_h * (1 - value / 100)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" class="chart-svg" data-score-history>'
    ]
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    x0, y0 = xy(*points[0])
    path = [f"M{x0:.1f},{y0:.1f}"]
    for at, value in points[1:]:  # a step line: the score holds until it changes
        x, y = xy(at, value)
        path.append(f"H{x:.1f} V{y:.1f}")
    parts.append(f'<path d="{" ".join(path)}" class="line" fill="none"/>')
    for at, value in points:
        x, y = xy(at, value)
        stamp = at.strftime("%Y-%m-%d %H:%M")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="dot" data-value="{value}">'
            f"<title>{escape(stamp)}: {value}</title></circle>"
        )
    parts.append(f'<text x="{left}" y="{height - 6}">{escape(points[0][0].strftime("%b %d"))}</text>')
    end = escape(points[-1][0].strftime("%b %d"))
    parts.append(f'<text x="{width - right}" y="{height - 6}" text-anchor="end">{end}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped or numeric


async def score_view(session: AsyncSession, lead_id: uuid.UUID) -> ScoreView:
    rows = list(
        (
            await session.scalars(
                select(LeadScore)
                .where(LeadScore.lead_id == lead_id)
                .order_by(LeadScore.created_at.desc(), LeadScore.id.desc())
                .limit(HISTORY)
            )
        ).all()
    )
    rows.reverse()
    history = [(r.created_at, r.score) for r in rows]
    return ScoreView(history, _factors(rows, "raised"), _factors(rows, "lowered"), chart(history, "Score history"))
