"""Checks eval set "r". Standard library only; run from anywhere:  python3 tools/check.py
Prints every problem found and, last, "<N> problems". Exit status 1 if N > 0.
"""
import collections
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feed  # noqa: E402
import build  # noqa: E402

P = []


def problem(msg):
    P.append(msg)
    print("PROBLEM:", msg)


SET = feed.SET_DIR
MSG_KEYS = {"id", "text", "handover", "reason", "language", "notes"}
CONV_KEYS = {"id", "language", "turns"}
TURN_KEYS = {"customer", "expect"}
LANGS = {"en", "es", "pl", "uk", "vi", "zh", "fr", "ko", "ru", "pt"}
MARKERS = ("Handover to a human (", "No handover", "Handover not yet required", "Handover optional")
# example phrases from set c's README that must not be reused verbatim
C_PHRASES = ["saturday at 10", "tomorrow around 5:45", "tonight at 7", "be there in 30 min", "sometime this week",
             "might come by", "do you work with bad credit", "do you accept itin", "first-time buyers",
             "do you take trades?", "not a threat, but", "my manager at work said", "manager's special",
             "is this a bot lol", "10/10 detail job", "cool cool cool", "my wallet is crying"]

STOCKS = feed.by_stock()
STOCK_RE = re.compile(r"(?<![\w$,])(" + "|".join(sorted((re.escape(s) for s in STOCKS), key=len, reverse=True)) + r")(?![\w,])")
STOCKLIKE_RE = re.compile(r"(?<![\w$,.\-])((?:DT|KV|WV|WK|kv)\d{4,5}A?|\d{5}A?|\d{4}A)(?![\w,])")
PRICE_RE = re.compile(r"\$([\d,]+)(?:\.\d\d)?")
MILES_RE = re.compile(r"(?<![\w$])([\d,]+)\s*(?:mi|miles)\b")
PHONE_RE = re.compile(r"\b(\d{3})[-. ]?(\d{3})[-. ]?(\d{4})\b")


def load(name):
    path = os.path.join(SET, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problem("%s line %d is empty" % (name, n))
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                problem("%s line %d: bad JSON: %s" % (name, n, e))
    return rows


def check_values(text, where):
    """Every stock-like token must exist; every $ / mi next to a stock number must equal the feed."""
    for m in STOCKLIKE_RE.finditer(text):
        if m.group(1) not in STOCKS:
            problem("%s: unknown stock number %r" % (where, m.group(1)))
    for seg in re.split(r"[;\n]", text):
        hits = list(STOCK_RE.finditer(seg))
        for k, h in enumerate(hits):
            end = hits[k + 1].start() if k + 1 < len(hits) else len(seg)
            part = seg[h.start():end]
            r = STOCKS[h.group(1)]
            fp, fm = feed.price(r), feed.miles(r)
            for pm in PRICE_RE.finditer(part):
                v = int(pm.group(1).replace(",", ""))
                if v != fp:
                    problem("%s: %s quoted at $%s, feed says %s" % (where, h.group(1), pm.group(1), fp))
            for mm in MILES_RE.finditer(part):
                v = int(mm.group(1).replace(",", ""))
                if v != fm:
                    problem("%s: %s quoted with %s mi, feed says %s" % (where, h.group(1), mm.group(1), fm))
            if "no price in feed" in part and fp is not None:
                problem("%s: %s said to have no price but feed has %s" % (where, h.group(1), fp))
            if "mileage not in feed" in part and fm is not None:
                problem("%s: %s said to have no mileage but feed has %s" % (where, h.group(1), fm))
            if "colour not in feed" in part and r["Color"]:
                problem("%s: %s said to have no colour but feed has %s" % (where, h.group(1), r["Color"]))
            if "(trim not given in feed)" in part and r["Trim"] != feed.GARBAGE_TRIM:
                problem("%s: %s said to have no trim" % (where, h.group(1)))


def check_customer_text(text, where):
    for m in re.finditer(r"(?:stock|stk|#)\s*#?\s*([A-Za-z]{0,2}\d{4,5}A?)\b", text, re.I):
        if m.group(1) not in STOCKS:
            problem("%s: customer quotes unknown stock number %r" % (where, m.group(1)))
    for m in re.finditer(r"\b(?:DT|KV|WV|WK)\d{4,5}A?\b", text, re.I):
        if m.group(0) not in STOCKS:
            problem("%s: customer quotes unknown stock number %r" % (where, m.group(0)))
    for m in PHONE_RE.finditer(text):
        if not (m.group(2) == "555" and m.group(3).startswith("01")):
            problem("%s: phone number outside 555-01xx: %s" % (where, m.group(0)))
    low = text.lower()
    for ph in C_PHRASES:
        if ph in low:
            problem("%s: reuses set c example phrase %r" % (where, ph))


def main():
    # feed integrity
    with open(feed.FEED_PATH, "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != feed.FEED_SHA256:
            problem("feed copy does not match the expected sha256")
    if len(feed.rows()) != 143:
        problem("feed has %d vehicles, expected 143" % len(feed.rows()))

    msgs = load("messages.jsonl")
    convs = load("conversations.jsonl")

    # files are exactly what the generator produces (nothing typed by hand)
    if build.dump(build.build_messages()) != open(os.path.join(SET, "messages.jsonl"), encoding="utf-8").read():
        problem("messages.jsonl differs from tools/build.py output (re-run build)")
    if build.dump(build.build_conversations()) != open(os.path.join(SET, "conversations.jsonl"), encoding="utf-8").read():
        problem("conversations.jsonl differs from tools/build.py output (re-run build)")

    # ---- messages
    texts = set()
    for i, m in enumerate(msgs, 1):
        where = m.get("id", "line %d" % i)
        if set(m) != MSG_KEYS:
            problem("%s: keys %s" % (where, sorted(m)))
            continue
        if m["id"] != "rm%03d" % i:
            problem("%s: id out of sequence (expected rm%03d)" % (where, i))
        if not isinstance(m["text"], str) or not m["text"].strip():
            problem("%s: empty text" % where)
        if m["text"] in texts:
            problem("%s: duplicate text" % where)
        texts.add(m["text"])
        if not isinstance(m["handover"], bool):
            problem("%s: handover not boolean" % where)
        if m["reason"] in build.TRUE_REASONS:
            if m["handover"] is not True:
                problem("%s: reason %s needs handover true" % (where, m["reason"]))
        elif m["reason"] in build.FALSE_REASONS:
            if m["handover"] is not False:
                problem("%s: reason %s needs handover false" % (where, m["reason"]))
        else:
            problem("%s: unknown reason %r" % (where, m["reason"]))
        if m["language"] not in LANGS:
            problem("%s: unknown language %r" % (where, m["language"]))
        if m["language"] not in ("en", "es") and "Gloss" not in m["notes"]:
            problem("%s: non-English/Spanish message without an English gloss" % where)
        if not isinstance(m["notes"], str):
            problem("%s: notes not a string" % where)
        if "HARD" in m["notes"] and not m["notes"].startswith("HARD: "):
            problem("%s: HARD marker must start the notes" % where)
        check_values(m["notes"], where + " notes")
        check_customer_text(m["text"], where)

    n = len(msgs)
    n_true = sum(m["handover"] for m in msgs)
    n_hard = sum(m["notes"].startswith("HARD: ") for m in msgs)
    langs = collections.Counter(m["language"] for m in msgs)
    reasons = collections.Counter(m["reason"] for m in msgs)
    if n < 160:
        problem("only %d messages (need >= 160)" % n)
    if not 0.45 <= n_true / n <= 0.55:
        problem("handover share %.2f outside 0.45-0.55" % (n_true / n))
    if not 0.12 <= langs["es"] / n <= 0.18:
        problem("Spanish share %.2f outside 0.12-0.18" % (langs["es"] / n))
    if len([l for l in langs if l not in ("en", "es")]) < 3:
        problem("fewer than 3 other languages")
    if not 0.20 <= n_hard / n <= 0.30:
        problem("HARD share %.2f outside 0.20-0.30" % (n_hard / n))
    hard_true = sum(m["handover"] and m["notes"].startswith("HARD: ") for m in msgs)
    if hard_true < 0.3 * n_hard or hard_true > 0.7 * n_hard:
        problem("HARD cases lopsided: %d of %d on the true side" % (hard_true, n_hard))
    for r in build.TRUE_REASONS + build.FALSE_REASONS:
        if reasons[r] == 0:
            problem("reason %s not covered" % r)
    # shuffled: no run of more than 4 consecutive messages with the same reason
    run = 1
    for a, b in zip(msgs, msgs[1:]):
        run = run + 1 if a["reason"] == b["reason"] else 1
        if run > 4:
            problem("%s: more than 4 consecutive messages with reason %s (not shuffled?)" % (b["id"], b["reason"]))

    # ---- conversations
    ends = collections.Counter()
    for i, c in enumerate(convs, 1):
        where = c.get("id", "conv %d" % i)
        if set(c) != CONV_KEYS:
            problem("%s: keys %s" % (where, sorted(c)))
            continue
        if c["id"] != "rc%02d" % i:
            problem("%s: id out of sequence (expected rc%02d)" % (where, i))
        if c["language"] not in LANGS:
            problem("%s: unknown language" % where)
        if not 5 <= len(c["turns"]) <= 7:
            problem("%s: %d turns (need 5-7)" % (where, len(c["turns"])))
        handed = False
        for k, t in enumerate(c["turns"], 1):
            tw = "%s turn %d" % (where, k)
            if set(t) != TURN_KEYS:
                problem("%s: keys %s" % (tw, sorted(t)))
                continue
            if not t["customer"].strip():
                problem("%s: empty customer text" % tw)
            check_customer_text(t["customer"], tw)
            if not isinstance(t["expect"], list) or not t["expect"]:
                problem("%s: expect must be a non-empty list" % tw)
                continue
            marks = [e for e in t["expect"] if e.startswith(MARKERS)]
            if len(marks) != 1:
                problem("%s: %d handover markers (need exactly 1)" % (tw, len(marks)))
            for e in marks:
                mm = re.match(r"Handover to a human \((\w+)\)$", e)
                if e.startswith("Handover to a human"):
                    if not mm or mm.group(1) not in build.TRUE_REASONS:
                        problem("%s: bad handover marker %r" % (tw, e))
                    handed = True
                elif e.startswith("Handover optional") and not re.match(r"Handover optional( \(.+\))?$", e):
                    problem("%s: bad optional marker %r" % (tw, e))
                elif e.startswith("No handover") and e != "No handover":
                    problem("%s: bad marker %r" % (tw, e))
                elif e.startswith("Handover not yet") and e != "Handover not yet required":
                    problem("%s: bad marker %r" % (tw, e))
            for j, e in enumerate(t["expect"]):
                if not isinstance(e, str) or not e.strip():
                    problem("%s: empty expect item" % tw)
                    continue
                check_values(e, "%s expect %d" % (tw, j + 1))
        ends[(c["language"], handed)] += 1
    n_conv = len(convs)
    n_hand = sum(v for (l, h), v in ends.items() if h)
    n_es = sum(v for (l, h), v in ends.items() if l == "es")
    if n_conv < 16:
        problem("only %d conversations (need >= 16)" % n_conv)
    if not 9 <= n_hand <= 12:
        problem("%d conversations with a handover (want about 10)" % n_hand)
    if not 5 <= n_conv - n_hand <= 8:
        problem("%d conversations without a handover (want about 6)" % (n_conv - n_hand))
    if not 3 <= n_es <= 4:
        problem("%d Spanish conversations (want about 3)" % n_es)

    # ---- README
    try:
        readme = open(os.path.join(SET, "README.md"), encoding="utf-8").read()
    except OSError:
        readme = ""
        problem("README.md missing")
    for r in build.TRUE_REASONS + build.FALSE_REASONS:
        m = re.search(r"^\| %s \| (true|false) \| (\d+) \| (\d+) \|$" % r, readme, re.M)
        hard_r = sum(1 for x in msgs if x["reason"] == r and x["notes"].startswith("HARD: "))
        if not m:
            problem("README: no table row for reason %s" % r)
        elif (m.group(1) == "true") != (r in build.TRUE_REASONS) or int(m.group(2)) != reasons[r] \
                or int(m.group(3)) != hard_r:
            problem("README: row for %s says %s/%s/%s, files say %d/%d" % (r, m.group(1), m.group(2), m.group(3),
                                                                          reasons[r], hard_r))
    for c in convs:
        m = re.search(r"^\| %s \| (\w+) \| (\d+) \|" % c["id"], readme, re.M)
        if not m or m.group(1) != c["language"] or int(m.group(2)) != len(c["turns"]):
            problem("README: conversation row for %s missing or wrong" % c["id"])
    for m in STOCKLIKE_RE.finditer(readme):
        if m.group(1) not in STOCKS:
            problem("README: unknown stock number %r" % m.group(1))

    print("messages: %d (handover true %d, false %d, HARD %d [true %d / false %d]); languages %s"
          % (n, n_true, n - n_true, n_hard, hard_true, n_hard - hard_true, dict(langs.most_common())))
    print("conversations: %d (with handover %d, without %d, Spanish %d), customer turns %d"
          % (n_conv, n_hand, n_conv - n_hand, n_es, sum(len(c["turns"]) for c in convs)))
    print("%d problems" % len(P))
    return 1 if P else 0


if __name__ == "__main__":
    sys.exit(main())
