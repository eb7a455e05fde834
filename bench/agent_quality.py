"""How well the agent converses, measured on a labelled set, through the public widget API.

    python -m bench.agent_quality --set eval/sets/a [--out /tmp/agent-a]

A set (written by someone who has not read the agent's code or rules; never tuned on once reported) is a folder:

* ``messages.jsonl``: first messages, each ``{"id", "text", "handover": bool, "reason", "language"}``;
* ``conversations.jsonl``: scripted conversations, each ``{"id", "turns": [{"customer", "expect": [...]}]}``.

The run seeds a fresh embedded database with one dealership and the real feed of ``tests/fixtures/inventory``,
sends every message as a new website visitor (``POST /api/v1/widget/{subdomain}/messages``, through the real ASGI
app with its lifespan), and plays every conversation turn by turn in one visit. It prints:

* handover precision and recall (and per reason, per language), with the misses listed;
* what can be checked mechanically in every reply: vehicles (year make model) or prices that are not in the
  feed ("invented"), "not in stock" answers about a model the feed has ("false not in stock"), feed debris,
  a reply repeated within a conversation;

and writes the conversations' transcripts with their expectations (``transcripts.md``) and every reply
(``replies.jsonl``) to ``--out``, for a person (or a blind judge) to rate coherence and quality.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import re
import secrets
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.common import bench_database
from showroom.app import create_app
from showroom.db.engine import open_database
from showroom.demo import DEMO_EMAIL, seed_demo

ROOT = Path(__file__).resolve().parents[1]
FEED = ROOT / "tests" / "fixtures" / "inventory" / "world_hyundai_matteson.tsv"
SITE = "https://www.dealer-site.example"
NEGATIVE = re.compile(
    r"\b(?:not seeing|don't (?:have|see)|do not have|not in stock|none in stock|no longer (?:have|available)|"
    r"isn't in stock|aren't in stock|out of stock|sold out)\b",
    re.IGNORECASE,
)
DEBRIS = re.compile(r"matchLevel|matchedWords|<[a-z/][^>]*>|&[a-z]+;|\{\{|\}\}|\bnull\b|\bundefined\b", re.IGNORECASE)
PRICE = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+|\d{4,6})(?:\.\d{2})?")
TITLE = re.compile(r"\b(19[89]\d|20[0-3]\d)\s+([A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+)?)\s+([A-Z0-9][\w-]*)")


@dataclass
class Feed:
    models: dict[str, set[str]] = field(default_factory=dict)  # make -> models (lower case)
    titles: set[tuple[str, str, str]] = field(default_factory=set)  # (year, make, model) lower case
    prices: set[int] = field(default_factory=set)  # whole dollars

    @classmethod
    def read(cls, path: Path) -> Feed:
        feed = cls()
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                make, model, year = (row.get("Make") or "").strip(), (row.get("Model") or "").strip(), row.get("Year")
                feed.models.setdefault(make.lower(), set()).add(model.lower())
                feed.titles.add(((year or "").strip(), make.lower(), model.lower().split()[0] if model else ""))
                digits = re.sub(r"[^\d.]", "", row.get("Price") or row.get("Formatted Price") or "")
                if digits:
                    feed.prices.add(round(float(digits)))
        return feed

    def mentioned_models(self, text: str) -> set[str]:
        lowered = f" {text.lower()} "
        return {m for models in self.models.values() for m in models if m and f" {m.split()[0]}" in lowered}

    def invented(self, reply: str, asked: str) -> list[str]:
        """Vehicles (year make model) and prices in ``reply`` that the feed does not have and the customer did not
        say first (the gap between two listed prices the reply names is worked out, not invented)."""
        found = []
        for year, make, model in TITLE.findall(reply):
            make_l, model_l = make.lower(), model.lower()
            if make_l not in self.models:
                continue  # not a make (a capitalised word after a year)
            said = all(word in asked.lower() for word in (year, model_l))  # "accord 2018" said back (make or not)
            if (year, make_l, model_l) not in self.titles and not said:
                found.append(f"{year} {make} {model}")
        amounts = [int(amount.replace(",", "")) for amount in PRICE.findall(reply)]
        listed = [a for a in amounts if a in self.prices]
        gaps = {abs(a - b) for a in listed for b in listed}  # "the Titan is $6,099 less": worked out, not invented
        theirs = _figures_said(asked)
        for amount, value in zip(PRICE.findall(reply), amounts, strict=True):
            if value >= 1000 and value not in self.prices and value not in gaps and value not in theirs:
                found.append(f"${amount}")
        return found


_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(k|grand|thousand|mil)?\b", re.IGNORECASE)


def _figures_said(text: str) -> set[int]:
    """The amounts the customer wrote, in dollars, as they may be said back: "14,500", "6 grand", "41k", "41" (a
    figure under 1,000 is also read as thousands: "im at 41 out the door")."""
    found: set[int] = set()
    for digits, suffix in _FIGURE.findall(text):
        value = float(digits.replace(",", ""))
        found.add(round(value * 1000) if suffix else round(value))
        if not suffix and value < 1000:
            found.add(round(value * 1000))
    return found


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _visitor(app: Any) -> httpx.AsyncClient:
    address = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}"
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://eval", headers={"Origin": SITE}, timeout=60)


async def _say(client: httpx.AsyncClient, subdomain: str, text: str, token: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"content": text[:2000]}
    if token:
        body["token"] = token
    response = await client.post(f"/api/v1/widget/{subdomain}/messages", json=body)
    if response.status_code != 201:
        return {"error": f"{response.status_code} {response.text[:200]}", "replies": [], "handed_over": False}
    return dict(response.json())


def _advertiser() -> str:
    """The dealership the feed lists its units for ("World Hyundai of Matteson")."""
    with FEED.open(newline="") as handle:
        first = next(csv.DictReader(handle, delimiter="\t"))
    return str(first.get("Advertiser Name") or "Demo Motors").strip()


async def _prepare(app: Any, password: str) -> str:
    """The demo dealership renamed after the real feed's, with that feed, the widget allowed on SITE, and no quiet
    hours (the clock)."""
    transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://eval") as admin:
        login = await admin.post("/api/v1/auth/login", json={"email": DEMO_EMAIL, "password": password})
        login.raise_for_status()
        admin.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        imported = await admin.post(
            "/api/v1/inventory/import", content=FEED.read_bytes(), headers={"Content-Type": "text/tab-separated-values"}
        )
        imported.raise_for_status()
        current = (await admin.get("/api/v1/dealership")).json()
        settings = {**current["settings"], "widget_allowed_origins": [SITE]}
        patched = await admin.patch(
            "/api/v1/dealership",
            json={
                "name": _advertiser(),  # the feed's dealership, as the sets' writers and judges know it
                "city": "Matteson",  # where it is: the demo's Chicago read as a wrong address to the judges
                "settings": settings,
                "agent_config": {"quiet_hours": {"start": "00:00", "end": "00:00"}},
            },
        )
        patched.raise_for_status()
        return str(current["subdomain"])


def evaluate(set_dir: Path, out: Path, *, quiet: bool = False) -> None:
    feed = Feed.read(FEED)
    messages = _lines(set_dir / "messages.jsonl") if (set_dir / "messages.jsonl").exists() else []
    conversations = _lines(set_dir / "conversations.jsonl") if (set_dir / "conversations.jsonl").exists() else []
    out.mkdir(parents=True, exist_ok=True)
    with bench_database() as (settings, topo):
        lines = seed_demo(settings, topo)
        password = next(line for line in lines if "with password" in line).split("with password ")[1].split()[0]

        async def run() -> None:
            db = open_database(settings, topo.app, topo.maint, process="eval")
            app = create_app(settings, database=db)
            try:
                async with app.router.lifespan_context(app):
                    subdomain = await _prepare(app, password)
                    await _run(app, subdomain, feed, messages, conversations, out, quiet)
            finally:
                await db.dispose()

        asyncio.run(run())


async def _run(
    app: Any,
    subdomain: str,
    feed: Feed,
    messages: list[dict[str, Any]],
    conversations: list[dict[str, Any]],
    out: Path,
    quiet: bool,
) -> None:
    overall, by_reason, by_language = Scores(), {}, {}
    misses: list[str] = []
    flags: Counter[str] = Counter()
    flagged: list[str] = []
    records = []
    for item in messages:
        async with _visitor(app) as client:
            answer = await _say(client, subdomain, item["text"], None)
        replies = [r["content"] for r in answer.get("replies", [])]
        predicted = bool(answer.get("handed_over"))
        expected = bool(item["handover"])
        overall.add(expected, predicted)
        by_reason.setdefault(item.get("reason", "?"), Scores()).add(expected, predicted)
        by_language.setdefault(item.get("language", "?"), Scores()).add(expected, predicted)
        if expected != predicted:
            misses.append(f"  {'missed' if expected else 'extra '} [{item.get('reason')}] {item['text'][:110]!r}")
        for reply in replies:
            _check(feed, item["id"], item["text"], reply, flags, flagged)
        if answer.get("error"):
            flags["errors"] += 1
            flagged.append(f"  error {item['id']}: {answer['error']}")
        records.append({"id": item["id"], "text": item["text"], "handed_over": predicted, "replies": replies})

    transcripts = []
    for conversation in conversations:
        token = None
        seen: set[str] = set()
        lines = [f"## {conversation['id']} ({conversation.get('language', 'en')})", ""]
        async with _visitor(app) as client:
            for number, turn in enumerate(conversation["turns"], 1):
                answer = await _say(client, subdomain, turn["customer"], token)
                token = answer.get("token") or token
                replies = [r["content"] for r in answer.get("replies", [])]
                lines.append(f"**Customer {number}:** {turn['customer']}")
                for reply in replies:
                    lines.append(f"**Agent:** {reply}")
                    said = " ".join(t["customer"] for t in conversation["turns"][:number])
                    _check(feed, f"{conversation['id']}#{number}", turn["customer"], reply, flags, flagged, said)
                    if reply in seen:
                        flags["repeated reply"] += 1
                        flagged.append(f"  repeated {conversation['id']}#{number}: {reply[:100]!r}")
                    seen.add(reply)
                if answer.get("handed_over"):
                    lines.append("*(handed over to a person)*")
                if answer.get("error"):  # a failed turn counts, as a first message's does
                    lines.append(f"*(error: {answer['error']})*")
                    flags["errors"] += 1
                    flagged.append(f"  error {conversation['id']}#{number}: {answer['error']}")
                lines += [f"- expected: {e}" for e in turn.get("expect", [])]
                lines.append("")
                records.append({"id": f"{conversation['id']}#{number}", "text": turn["customer"], "replies": replies})
        transcripts += lines
    (out / "transcripts.md").write_text("\n".join(transcripts))
    (out / "replies.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    _report(overall, by_reason, by_language, misses, flags, flagged, len(messages), len(conversations), out, quiet)


def _check(
    feed: Feed, where: str, asked: str, reply: str, flags: Counter[str], flagged: list[str], said: str = ""
) -> None:
    """The mechanical checks of one reply to ``asked``; ``said``: all the customer wrote so far (a car they named
    earlier, such as their trade-in, is theirs when said back, not invented)."""
    invented = feed.invented(reply, said or asked)
    if invented:
        flags["invented vehicle or price"] += 1
        flagged.append(f"  invented {where}: {', '.join(invented)} in {reply[:100]!r}")
    if NEGATIVE.search(reply) and feed.mentioned_models(asked):
        flags["'not in stock' about a model the feed has"] += 1
        flagged.append(f"  not-in-stock {where}: {asked[:60]!r} -> {reply[:100]!r}")
    if DEBRIS.search(reply):
        flags["feed debris or markup"] += 1
        flagged.append(f"  debris {where}: {reply[:120]!r}")


def _report(
    overall: Scores,
    by_reason: dict[str, Scores],
    by_language: dict[str, Scores],
    misses: list[str],
    flags: Counter[str],
    flagged: list[str],
    messages: int,
    conversations: int,
    out: Path,
    quiet: bool,
) -> None:
    print(f"{messages} messages, {conversations} conversations; transcripts and replies in {out}")
    print(
        f"handover: precision {overall.precision:.2f}, recall {overall.recall:.2f} "
        f"(tp {overall.tp}, fp {overall.fp}, fn {overall.fn}, tn {overall.tn}); target >= 0.90 both"
    )
    print("by reason (handed over / total):")
    for reason, s in sorted(by_reason.items()):
        total = s.tp + s.fp + s.fn + s.tn
        print(f"  {reason:28s} {s.tp + s.fp:3d} / {total:3d}")
    print(
        "by language: " + ", ".join(f"{k} P {v.precision:.2f} R {v.recall:.2f}" for k, v in sorted(by_language.items()))
    )
    print("mechanical checks of every reply (target: zero each):")
    for name in (
        "invented vehicle or price",
        "'not in stock' about a model the feed has",
        "feed debris or markup",
        "repeated reply",
        "errors",
    ):
        print(f"  {name:45s} {flags[name]}")
    if quiet:
        return  # a reported set is not looked at item by item: nobody tunes on it
    if misses:
        print("handover misses:")
        print("\n".join(misses))
    if flagged:
        print("flagged replies:")
        print("\n".join(flagged[:80]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", required=True, type=Path, help="a folder with messages.jsonl, conversations.jsonl")
    parser.add_argument("--out", type=Path, default=None, help="where transcripts go (default /tmp/agent-<set>)")
    parser.add_argument(
        "--quiet", action="store_true", help="figures only, no item (for a set you report: never tune on it)"
    )
    args = parser.parse_args()
    out = args.out or Path("/tmp") / f"agent-{args.set.name}"
    if not args.set.is_dir():
        sys.exit(f"no set at {args.set}")
    evaluate(args.set, out, quiet=args.quiet)


if __name__ == "__main__":
    main()
