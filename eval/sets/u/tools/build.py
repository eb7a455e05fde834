#!/usr/bin/env python3
"""Reproducible build of evaluation set "u" (standard library only).

    python3 tools/build.py        # writes messages.jsonl, conversations.jsonl, README.md

Fixed seed: the shuffle of messages (and so the u-ids) is identical on every run.
"""
import json
import os
import random
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import feed  # noqa: E402
from sources_messages import MSGS  # noqa: E402
from sources_conversations import CONVS, META  # noqa: E402

SEED = 20261207

HANDOVER = {
    "complaint": True, "existing_customer_issue": True, "legal_threat": True,
    "ready_to_buy": True, "negotiation": True, "human_request": True,
    "appointment_time": True, "frustration": True, "financing_details": True,
    "trade_in_firm": True, "other_handover": True,
    "availability": False, "features": False, "price_question": False,
    "financing_general": False, "hours_location": False, "photos": False,
    "mileage": False, "comparison": False, "browsing": False,
    "small_talk": False, "vehicle_facts": False, "other_ai": False,
}
REASON_ORDER = list(HANDOVER)
LANG_NAMES = {"en": "English", "es": "Spanish", "pl": "Polish", "pt": "Portuguese",
              "zh": "Chinese", "tl": "Tagalog"}


def notes_for(m):
    parts = []
    if m["hard"]:
        parts.append("HARD: " + m["hard"])
    if m["note"]:
        note = m["note"]
        if not note.startswith("en: "):
            note = note[0].upper() + note[1:]
        parts.append(note)
    inv, closest = m["inv"], m["closest"]
    if inv is not None:
        if inv:
            parts.append("; ".join(u.note() for u in inv))
            if closest:
                parts.append("Also relevant: " + "; ".join(u.note() for u in closest))
        else:
            s = "none in stock"
            if closest:
                s += "; closest: " + "; ".join(u.note() for u in closest)
            parts.append(s)
    # ' | ' and ';' close each stock segment so that check.py can pair numbers with units
    return " | ".join(parts) if parts else ""


def build_messages():
    rows = []
    for m in MSGS:
        rows.append({"text": m["text"], "handover": HANDOVER[m["reason"]],
                     "reason": m["reason"], "language": m["language"],
                     "notes": notes_for(m)})
    rng = random.Random(SEED)
    rng.shuffle(rows)
    out = []
    for i, r in enumerate(rows, 1):
        out.append({"id": f"u{i:03d}", **r})
    return out


def ends_in_handover(c):
    return any(e.startswith("Handover to a human") for e in c["turns"][-1]["expect"])


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def tables(msgs, convs):
    T = {}
    cnt = Counter(m["reason"] for m in msgs)
    hard = Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD:"))
    es = Counter(m["reason"] for m in msgs if m["language"] == "es")
    lines = ["| reason | handover | count | HARD | es |", "|---|---|---|---|---|"]
    for r in REASON_ORDER:
        lines.append(f"| {r} | {str(HANDOVER[r]).lower()} | {cnt[r]} | {hard[r]} | {es[r]} |")
    lines.append(f"| **total** | | **{len(msgs)}** | **{sum(hard.values())}** | **{sum(es.values())}** |")
    T["reasons"] = "\n".join(lines)
    n_true = sum(m["handover"] for m in msgs)
    T["n"] = len(msgs)
    T["n_true"] = n_true
    T["n_false"] = len(msgs) - n_true
    T["n_hard"] = sum(hard.values())
    langs = Counter(m["language"] for m in msgs)
    T["langs"] = ", ".join(f"`{k}` {v}" for k, v in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0])))
    es_msgs = [m for m in msgs if m["language"] == "es"]
    T["es"] = len(es_msgs)
    T["es_pct"] = round(100 * len(es_msgs) / len(msgs))
    T["es_true"] = sum(m["handover"] for m in es_msgs)
    T["es_false"] = len(es_msgs) - T["es_true"]
    T["spanglish"] = sum("Spanglish" in m["notes"] for m in es_msgs)
    ht = Counter((m["handover"], m["notes"].startswith("HARD:")) for m in msgs)
    T["hard_true"] = ht[(True, True)]
    T["hard_false"] = ht[(False, True)]
    # conversations
    clines = ["| id | lang | turns | what it tests | ends in handover |", "|---|---|---|---|---|"]
    for c in convs:
        what, ho = META[c["id"]]
        assert ho == ends_in_handover(c), c["id"]
        clines.append(f"| {c['id']} | {c['language']} | {len(c['turns'])} | {what} | {'yes' if ho else 'no'} |")
    T["convs"] = "\n".join(clines)
    T["n_conv"] = len(convs)
    T["n_turns"] = sum(len(c["turns"]) for c in convs)
    T["conv_ho"] = sum(ends_in_handover(c) for c in convs)
    cl = Counter(c["language"] for c in convs)
    T["conv_langs"] = ", ".join(f"`{k}` {v}" for k, v in sorted(cl.items(), key=lambda kv: (-kv[1], kv[0])))
    T["turn_min"] = min(len(c["turns"]) for c in convs)
    T["turn_max"] = max(len(c["turns"]) for c in convs)
    T["n_expect"] = sum(len(t["expect"]) for c in convs for t in c["turns"])
    T["n_price_missing"] = sum(u.price is None for u in feed.UNITS)
    T["n_units"] = len(feed.UNITS)
    T["seed"] = SEED
    return T


def main():
    msgs = build_messages()
    convs = CONVS
    write_jsonl(os.path.join(OUT, "messages.jsonl"), msgs)
    write_jsonl(os.path.join(OUT, "conversations.jsonl"), convs)
    T = tables(msgs, convs)
    with open(os.path.join(HERE, "README.template.md"), encoding="utf-8") as fh:
        tpl = fh.read()
    readme = tpl
    for k, v in T.items():
        readme = readme.replace("{{" + k + "}}", str(v))
    assert "{{" not in readme, "unfilled placeholder"
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme)
    print(f"messages: {T['n']} ({T['n_true']} true / {T['n_false']} false, {T['n_hard']} HARD, "
          f"es {T['es']}), conversations: {T['n_conv']} ({T['n_turns']} turns, "
          f"{T['conv_ho']} end in handover)")


if __name__ == "__main__":
    main()
