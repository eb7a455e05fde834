#!/usr/bin/env python3
"""Print the count tables used in README.md (check.py verifies README against the files)."""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from labels import HANDOVER_REASONS, NO_HANDOVER_REASONS  # noqa: E402


def load(name):
    with open(os.path.join(SET_DIR, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def quirks():
    import feed
    U = feed.UNITS
    print("Feed quirks (generated from the TSV):")
    np = [u for u in U if u.price is None]
    print(f"- no price: {len(np)} units - " + ", ".join(u.stock for u in np))
    print("- no mileage: " + ", ".join(u.stock for u in U if u.miles is None))
    print("- no colour: " + ", ".join(u.stock for u in U if not u.color) + " (both with a Placeholder image)")
    print("- garbage trim ('value matchLevel none matchedWords'): " + ", ".join(f"{u.stock} {u.model}" for u in U if u.garbage_trim))
    print("- hybrids whose Fuel Type is not Hybrid: " + ", ".join(f"{u.stock} {u.model} ({u.fuel})" for u in U if u.is_hybrid and u.fuel != "Hybrid"))
    print("- trim vs drivetrain conflicts: " + ", ".join(f"{u.stock} '{u.trim}' vs {u.drive}" for u in U if u.drive_conflict))
    print("- transmission field contradicts trim: " + ", ".join(f"{u.stock} '{u.trim}' vs {u.trans}" for u in U if u.trans_conflict))
    print("- new units with more than 100 mi: " + ", ".join(f"{u.stock} ({u.miles:,} mi)" for u in U if u.cond == "New" and u.miles and u.miles > 100))
    print("- empty Fuel Type / Doors / Vehicle Type: " + ", ".join(u.stock for u in U if not u.fuel or u.doors is None or not u.row["Vehicle Type"]))
    print("- lower-case stock number: " + ", ".join(u.stock for u in U if u.stock != u.stock.upper()))


def main():
    msgs = load("messages.jsonl")
    convs = load("conversations.jsonl")
    reasons = collections.Counter(m["reason"] for m in msgs)
    hard = collections.Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD:"))
    es = collections.Counter(m["reason"] for m in msgs if m["language"] == "es")
    print("| reason | handover | count | of which HARD | of which es |")
    print("|---|---|---|---|---|")
    for r in HANDOVER_REASONS + NO_HANDOVER_REASONS:
        print(f"| {r} | {'true' if r in HANDOVER_REASONS else 'false'} | {reasons[r]} | {hard[r]} | {es[r]} |")
    nt = sum(m["handover"] for m in msgs)
    nh = sum(m["notes"].startswith("HARD:") for m in msgs)
    print(f"| **total** | {nt} true / {len(msgs) - nt} false | **{len(msgs)}** | {nh} | {sum(es.values())} |")
    print()
    langs = collections.Counter(m["language"] for m in msgs)
    print("| language | messages | handover true | handover false |")
    print("|---|---|---|---|")
    for l, n in langs.most_common():
        t = sum(1 for m in msgs if m["language"] == l and m["handover"])
        print(f"| {l} | {n} | {t} | {n - t} |")
    print()
    hard_t = sum(1 for m in msgs if m["handover"] and m["notes"].startswith("HARD:"))
    print(f"HARD: {nh} ({nh / len(msgs):.0%}); true side {hard_t}, false side {nh - hard_t}")
    print(f"Spanish: {langs['es']} ({langs['es'] / len(msgs):.1%})")
    print(f"<!-- messages={len(msgs)} --> <!-- handover_true={nt} --> <!-- handover_false={len(msgs) - nt} --> <!-- hard={nh} -->")
    turns = sum(len(c["turns"]) for c in convs)
    print(f"<!-- conversations={len(convs)} --> <!-- conversation_turns={turns} -->")
    print()
    for c in convs:
        last = [e for e in c["turns"][-1]["expect"] if e.startswith("Handover to a human (")]
        markers = collections.Counter()
        for t in c["turns"]:
            for e in t["expect"]:
                if e in ("No handover", "Handover not yet required", "Handover optional") or e.startswith("Handover to a human ("):
                    markers[e.split(" (")[0]] += 1
        print(c["id"], c["language"], len(c["turns"]), "yes" if last else "no", last[0] if last else "", dict(markers))


if __name__ == "__main__":
    main()
    print()
    quirks()
