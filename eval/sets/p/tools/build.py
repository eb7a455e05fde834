"""Generate messages.jsonl and conversations.jsonl of set p from the data files.

    python3 -B tools/build.py          # writes ../messages.jsonl and ../conversations.jsonl

Macros allowed in message notes and conversation expect items (expanded from the feed):
  {S:stock}  {S+dft:stock}   long descriptor  "stock = Cond Year Make Model Trim, Colour, miles, price"
  {s:stock}  {s+d:stock}     short descriptor "stock (Year Make Model Trim, Colour, miles, price)"
                             flags: d drivetrain, f fuel, t transmission, i image type, k body type
  {Q:filter} {Q+d:filter}    "stock: <long>; <long>"  or  "stock: none in stock"   (message notes)
  {L:filter} {L+d:filter}    "<short>; <short>"       or  "none"                   (expect items)
  {U:filter}                 stock numbers only, comma separated
  {N:filter}                 number of matching units
  {D:a,b}                    price difference of two units, e.g. "$429"
  {M:a,b}                    mileage difference of two units, e.g. "1,234 mi"
Filter syntax: see feed.py.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "data"))

from feed import Feed, money, miles_fmt  # noqa: E402

MACRO = re.compile(r"\{([SsQLUNDM])(\+[a-z]+)?:([^{}]*)\}")
SHUFFLE_SEED = 20261207


def expand(text, feed):
    def rep(m):
        kind, flags, arg = m.group(1), (m.group(2) or "")[1:], m.group(3)
        if kind == "S":
            return feed.long_desc(arg, flags)
        if kind == "s":
            return feed.short_desc(arg, flags)
        if kind in "QLUN":
            stocks = feed.filter(arg)
            if kind == "N":
                return str(len(stocks))
            if kind == "U":
                return ", ".join(stocks) if stocks else "none"
            if kind == "Q":
                if not stocks:
                    return "stock: none in stock"
                return "stock: " + "; ".join(feed.long_desc(s, flags) for s in stocks)
            return "; ".join(feed.short_desc(s, flags) for s in stocks) if stocks else "none"
        a, b = [x.strip() for x in arg.split(",")]
        ra, rb = feed.get(a), feed.get(b)
        if kind == "D":
            return money(abs(ra["_price"] - rb["_price"]))
        return miles_fmt(abs(ra["_miles"] - rb["_miles"]))
    return MACRO.sub(rep, text)


def macros_in(text):
    return [(m.group(1), (m.group(2) or "")[1:], m.group(3)) for m in MACRO.finditer(text)]


def load_sources():
    import messages_data
    import conversations_data
    return messages_data.MESSAGES, conversations_data.CONVERSATIONS


def message_records(feed, sources=None):
    """Return [(id, source_item, output_obj)] in id order."""
    msgs = sources if sources is not None else load_sources()[0]
    order = list(range(len(msgs)))
    random.Random(SHUFFLE_SEED).shuffle(order)
    out = []
    for n, idx in enumerate(order, 1):
        src = msgs[idx]
        obj = {"id": "pm%03d" % n, "text": src["t"], "handover": None, "reason": src["r"], "language": src["l"]}
        if src.get("n"):
            obj["notes"] = expand(src["n"], feed)
        out.append((obj["id"], src, obj))
    return out


def conversation_records(feed, sources=None):
    convs = sources if sources is not None else load_sources()[1]
    out = []
    for n, src in enumerate(convs, 1):
        obj = {"id": "pc%02d" % n, "language": src["lang"], "turns": []}
        for turn in src["turns"]:
            obj["turns"].append({"customer": turn["c"], "expect": [expand(e, feed) for e in turn["e"]]})
        out.append((obj["id"], src, obj))
    return out


def build(feed=None, write=True):
    from labels import HANDOVER
    feed = feed or Feed()
    msgs = message_records(feed)
    for _, src, obj in msgs:
        obj["handover"] = HANDOVER[src["r"]]
        # keep a stable key order
        if "notes" in obj:
            obj["notes"] = obj.pop("notes")
    convs = conversation_records(feed)
    if write:
        with open(os.path.join(SET_DIR, "messages.jsonl"), "w", encoding="utf-8") as fh:
            for _, _, obj in msgs:
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        with open(os.path.join(SET_DIR, "conversations.jsonl"), "w", encoding="utf-8") as fh:
            for _, _, obj in convs:
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return msgs, convs


if __name__ == "__main__":
    m, c = build()
    print("wrote %d messages and %d conversations" % (len(m), len(c)))
