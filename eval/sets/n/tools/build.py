"""Build messages.jsonl and conversations.jsonl of set n from the data files and the feed.

    python3 eval/sets/n/tools/build.py      (from /work/main)
"""
import json
import os
import random
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from inventory import expand, note_line  # noqa: E402
from messages_data import MSGS  # noqa: E402
from conversations_data import CONVS  # noqa: E402

TRUE_REASONS = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
                "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
                "other_handover"]
FALSE_REASONS = ["availability", "features", "price_question", "financing_general", "hours_location", "photos",
                 "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"]


def build_notes(m):
    parts = []
    if m["hard"]:
        parts.append("HARD: " + m["hard"])
    if m["note"]:
        parts.append(m["note"])
    if m["none"]:
        parts.append(m["none"] + ":")
    parts.extend(note_line(s) for s in m["stocks"])
    return "; ".join(parts) if parts else None


def main():
    msgs = list(MSGS)
    random.Random(20261207).shuffle(msgs)
    out = []
    for i, m in enumerate(msgs, 1):
        assert m["reason"] in TRUE_REASONS + FALSE_REASONS, m["reason"]
        rec = {"id": f"nm{i:03d}", "text": m["text"], "handover": m["reason"] in TRUE_REASONS,
               "reason": m["reason"], "language": m["language"]}
        notes = build_notes(m)
        if notes:
            rec["notes"] = notes
        out.append(rec)
    with open(os.path.join(SET_DIR, "messages.jsonl"), "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    convs = []
    for c in CONVS:
        convs.append({"id": c["id"], "language": c["language"],
                      "turns": [{"customer": cust, "expect": [expand(e) for e in exp]}
                                for cust, exp in c["turns"]]})
    with open(os.path.join(SET_DIR, "conversations.jsonl"), "w", encoding="utf-8") as fh:
        for c in convs:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")

    # summary for the README
    rc = Counter(r["reason"] for r in out)
    print("messages", len(out), "true", sum(r["handover"] for r in out),
          "false", sum(not r["handover"] for r in out),
          "HARD", sum(1 for r in out if r.get("notes", "").startswith("HARD:")))
    for r in TRUE_REASONS + FALSE_REASONS:
        print(f"  {r}: {rc[r]}")
    lc = Counter(r["language"] for r in out)
    print("languages", dict(lc))
    es = [r for r in out if r["language"] == "es"]
    print("es true/false", sum(r["handover"] for r in es), sum(not r["handover"] for r in es))
    print("conversations", len(convs), "turns", sum(len(c["turns"]) for c in convs))
    for c, src in zip(convs, CONVS):
        last = c["turns"][-1]["expect"]
        ends = any(e.startswith("Handover to a human") for e in last)
        print(f"  {c['id']} {c['language']} {len(c['turns'])} {'yes' if ends else 'no'} | {src['about']}")


if __name__ == "__main__":
    main()
