"""A report's figures as an HTML e-mail with PNG charts (matplotlib) and a CSV attachment, and as a preview page."""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from showroom.reports.figures import Figures, when

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
_env.filters["when"] = when
_env.filters["money"] = lambda cents: "—" if cents is None else f"${cents / 100:,.2f}"
_env.filters["share"] = lambda part, whole: f"{100 * part / whole:.0f}%" if whole else "—"


@dataclass(frozen=True)
class Chart:
    cid: str
    title: str
    png: bytes

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


def _bar_png(items: list[tuple[str, int]], title: str, colour: str) -> bytes:
    # lazy: matplotlib costs ~0.3 s to import; only a process that draws a report pays it
    import matplotlib

    matplotlib.use("Agg")
    # lazy, as above, and after choosing the headless backend
    import matplotlib.pyplot as plt

    labels = [name for name, _ in items][:10][::-1]
    values = [value for _, value in items][:10][::-1]
    fig, ax = plt.subplots(figsize=(6, 0.45 * max(len(labels), 2) + 0.8), dpi=100)
    try:
        ax.barh(labels, values, color=colour)
        ax.set_title(title, loc="left", fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        for y, value in enumerate(values):
            ax.text(value, y, f" {value}", va="center", fontsize=9)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)


def charts(figures: Figures, colour: str = "#2563eb") -> list[Chart]:
    if figures.empty:
        return []
    found = [Chart("leads-by-source", "Leads by source", _bar_png(figures.by_source, "Leads by source", colour))]
    found.append(Chart("funnel", "From lead to sold", _bar_png(figures.funnel, "From lead to sold", colour)))
    return found


def html(figures: Figures, dealership: str, schedule: str, images: dict[str, str]) -> str:
    """``images``: chart id -> its ``src`` (``cid:...`` in the e-mail, a data URI in the preview)."""
    return _env.get_template("report.html").render(
        f=figures, dealership=dealership, schedule=schedule, images=images, charts=charts_meta(figures)
    )


def charts_meta(figures: Figures) -> list[tuple[str, str]]:
    return [] if figures.empty else [("leads-by-source", "Leads by source"), ("funnel", "From lead to sold")]


def text(figures: Figures, dealership: str, schedule: str) -> str:
    head = f"{schedule} · {dealership} · {figures.period.label()}"
    if figures.empty:
        return f"{head}\n\nNo leads, conversations, handovers or appointments in this period."
    a = figures.appointments
    rate = "—" if a.show_rate is None else f"{100 * a.show_rate:.0f}%"
    return (
        f"{head}\n\nLeads: {figures.leads}\nConversations: {figures.conversations} "
        f"(AI handled {figures.ai_handled}, handed over {figures.handed_over})\n"
        f"Handovers within SLA: {figures.sla_met} of {figures.handovers}\n"
        f"Appointments set: {a.set}; due: {a.due}, shown {a.shown}, no-show {a.no_show} (show rate {rate})\n\n"
        "The figures are attached as CSV."
    )


def csv_bytes(figures: Figures) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["section", "name", "value", "extra"])
    w.writerow(["period", "start", figures.period.start.isoformat(), ""])
    w.writerow(["period", "end (exclusive)", figures.period.end.isoformat(), ""])
    w.writerow(["total", "leads", figures.leads, ""])
    for name, n in figures.by_source:
        w.writerow(["leads by source", name, n, ""])
    for name, n in figures.by_salesperson:
        w.writerow(["leads by salesperson", name, n, ""])
    for name, n, cents in figures.cost_per_lead:
        w.writerow(["cost per lead (USD)", name, "" if cents is None else f"{cents / 100:.2f}", f"{n} leads"])
    for who, times in figures.first_response.items():
        w.writerow([f"first response ({who})", "replies", times.replies, ""])
        w.writerow([f"first response ({who})", "median seconds", _num(times.median_seconds), ""])
        w.writerow([f"first response ({who})", "p90 seconds", _num(times.p90_seconds), ""])
    w.writerow(["conversations", "started", figures.conversations, ""])
    w.writerow(["conversations", "AI handled", figures.ai_handled, ""])
    w.writerow(["conversations", "handed over", figures.handed_over, ""])
    w.writerow(["handovers", "with an SLA", figures.handovers, ""])
    w.writerow(["handovers", "SLA met", figures.sla_met, ""])
    for name, n in figures.funnel:
        w.writerow(["funnel", name, n, ""])
    a = figures.appointments
    w.writerow(["appointments", "set", a.set, ""])
    for source, n in a.set_by:
        w.writerow(["appointments set by", source, n, ""])
    w.writerow(["appointments", "due", a.due, ""])
    w.writerow(["appointments", "shown", a.shown, ""])
    w.writerow(["appointments", "no-show", a.no_show, ""])
    w.writerow(["appointments", "show rate (%)", "" if a.show_rate is None else f"{100 * a.show_rate:.0f}", ""])
    for section, rows in (("by source", figures.sources), ("by salesperson", figures.salespeople)):
        for b in rows:
            w.writerow([f"{section}: reached appointment", b.name, b.appointment_or_later, f"of {b.leads} leads"])
            w.writerow([f"{section}: sold", b.name, b.sold, f"of {b.leads} leads"])
            outcome = f"shown {b.shown}, no-show {b.no_show}"
            w.writerow([f"{section}: appointments", b.name, b.appointments_set, outcome])
    for name, status in figures.experiments:
        w.writerow(["experiments", name, status, ""])
    return ("\ufeff" + out.getvalue()).encode()


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"
