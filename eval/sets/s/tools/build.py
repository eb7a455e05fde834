#!/usr/bin/env python3
"""Generate ../messages.jsonl and ../conversations.jsonl.

Message texts and conversation scripts are written here; every stock number,
price, mileage, colour and unit list that appears in `notes` or `expect` is
computed from the feed through tools/feed.py filters (q / one / order), never
typed by hand.

Usage (from the set folder or anywhere):  python3 tools/build.py
Deterministic: the shuffled order uses a fixed seed, so re-running reproduces
the files byte for byte (check.py relies on that).
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed import q, one, order, fulls, shorts, UNITS  # noqa: E402
from messages_src import build_messages  # noqa: E402
from conversations_src import build_conversations  # noqa: E402

SET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 20261207


def render_messages():
    raw = build_messages()
    rng = random.Random(SEED)
    rng.shuffle(raw)
    out = []
    for i, m in enumerate(raw, 1):
        rec = {"id": f"sm{i:03d}", "text": m["text"], "handover": m["handover"],
               "reason": m["reason"], "language": m["language"], "notes": m["notes"]}
        out.append(rec)
    return out


def render_conversations():
    convs = build_conversations()
    out = []
    for i, c in enumerate(convs, 1):
        out.append({"id": f"sc{i:02d}", "language": c["language"], "turns": c["turns"]})
    return out


def dumps(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main():
    msgs = dumps(render_messages())
    convs = dumps(render_conversations())
    if "--stdout" in sys.argv:
        sys.stdout.write(msgs + convs)
        return
    with open(os.path.join(SET_DIR, "messages.jsonl"), "w", encoding="utf-8") as f:
        f.write(msgs)
    with open(os.path.join(SET_DIR, "conversations.jsonl"), "w", encoding="utf-8") as f:
        f.write(convs)
    print(f"wrote {msgs.count(chr(10))} messages and {convs.count(chr(10))} conversations to {SET_DIR}")


if __name__ == "__main__":
    main()
