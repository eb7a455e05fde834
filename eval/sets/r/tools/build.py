"""Build messages.jsonl and conversations.jsonl of eval set "r" from the source files + the feed.

    python3 tools/build.py          # writes ../messages.jsonl and ../conversations.jsonl
    python3 tools/build.py --dry    # only prints counts

Placeholders (anywhere in notes / expect), F = filter spec of feed.py:
    {{stock: F}}   "stock: <unit>; <unit>..." or "none in stock"
    {{list: F}}    "<unit>; <unit>..."            (error if empty)
    {{u: F}}       "<unit>"                       (error unless exactly one match)
    {{sn: F}}      stock number of the only match
    {{sns: F}}     "A, B, C" stock numbers        (error if empty)
    {{price: F}}   "$12,345" of the only match    (error if it has no price)
    {{miles: F}}   "12,345 mi" of the only match  (error if no mileage)
    {{n: F}}       number of matches
    {{diff: F1 || F2}}  absolute price difference of two single units, "$1,234"
    {{mdiff: F1 || F2}} absolute mileage difference of two single units, "1,234"
    {{models: F}}  distinct "Make Model" names of the matches
A unit is rendered by feed.desc(); "| show=img+trans+fuel" adds those fields.
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feed  # noqa: E402

SEED = 20261207
TRUE_REASONS = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
                "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
                "other_handover"]
FALSE_REASONS = ["availability", "features", "price_question", "financing_general", "hours_location", "photos",
                 "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"]

PH = re.compile(r"\{\{(\w+):\s*(.*?)\}\}")


def _show(spec):
    m = re.search(r"show=([\w+]+)", spec)
    return tuple(m.group(1).split("+")) if m else ()


def _one(spec):
    r = feed.query(spec)
    if len(r) != 1:
        raise ValueError("expected exactly one unit for %r, got %d" % (spec, len(r)))
    return r[0]


def expand(text, where=""):
    def rep(m):
        kind, spec = m.group(1), m.group(2).strip()
        try:
            if kind == "stock":
                rs = feed.query(spec)
                return "stock: " + "; ".join(feed.desc(r, _show(spec)) for r in rs) if rs else "none in stock"
            if kind == "list":
                rs = feed.query(spec)
                if not rs:
                    raise ValueError("empty list for %r" % spec)
                return "; ".join(feed.desc(r, _show(spec)) for r in rs)
            if kind == "u":
                r = _one(spec)
                return feed.desc(r, _show(spec))
            if kind == "sn":
                return _one(spec)["stock_number"]
            if kind == "sns":
                rs = feed.query(spec)
                if not rs:
                    raise ValueError("empty list for %r" % spec)
                return ", ".join(r["stock_number"] for r in rs)
            if kind == "price":
                p = feed.price(_one(spec))
                if p is None:
                    raise ValueError("no price for %r" % spec)
                return feed.money(p)
            if kind == "miles":
                v = feed.miles(_one(spec))
                if v is None:
                    raise ValueError("no mileage for %r" % spec)
                return feed.mi(v)
            if kind == "n":
                return str(len(feed.query(spec)))
            if kind in ("diff", "mdiff"):
                a, b = [s.strip() for s in spec.split("||")]
                fa = feed.price if kind == "diff" else feed.miles
                va, vb = fa(_one(a)), fa(_one(b))
                if va is None or vb is None:
                    raise ValueError("missing value in %r" % spec)
                return feed.money(abs(va - vb)) if kind == "diff" else "{:,}".format(abs(va - vb))
            if kind == "models":
                seen = []
                for r in feed.query(spec):
                    n = r["Make"] + " " + r["Model"]
                    if n not in seen:
                        seen.append(n)
                return ", ".join(seen)
        except Exception as e:  # make the failing placeholder obvious
            raise SystemExit("placeholder error in %s: {{%s: %s}}: %s" % (where, kind, spec, e))
        raise SystemExit("unknown placeholder kind %r in %s" % (kind, where))
    out = PH.sub(rep, text)
    if "{{" in out or "}}" in out:
        raise SystemExit("unexpanded placeholder in %s: %s" % (where, out))
    return out


def build_messages():
    import src_messages
    items = [dict(m) for m in src_messages.MSGS]
    random.Random(SEED).shuffle(items)
    out = []
    for i, m in enumerate(items, 1):
        mid = "rm%03d" % i
        if m["reason"] in TRUE_REASONS:
            h = True
        elif m["reason"] in FALSE_REASONS:
            h = False
        else:
            raise SystemExit("unknown reason %r" % m["reason"])
        out.append({"id": mid, "text": m["text"], "handover": h, "reason": m["reason"],
                    "language": m["language"], "notes": expand(m["notes"], mid)})
    return out


def build_conversations():
    import src_conversations
    out = []
    for c in src_conversations.CONVS:
        turns = []
        for k, (cust, exp) in enumerate(c["turns"], 1):
            turns.append({"customer": cust,
                          "expect": [expand(e, "%s turn %d" % (c["id"], k)) for e in exp]})
        out.append({"id": c["id"], "language": c["language"], "turns": turns})
    return out


def dump(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main():
    msgs = build_messages()
    convs = build_conversations()
    if "--dry" not in sys.argv:
        with open(os.path.join(feed.SET_DIR, "messages.jsonl"), "w", encoding="utf-8") as f:
            f.write(dump(msgs))
        with open(os.path.join(feed.SET_DIR, "conversations.jsonl"), "w", encoding="utf-8") as f:
            f.write(dump(convs))
    print("messages: %d, conversations: %d" % (len(msgs), len(convs)))


if __name__ == "__main__":
    main()
