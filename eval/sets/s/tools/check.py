#!/usr/bin/env python3
"""Verify the set. Prints every problem found and a final '<n> problems' line.

Checks
- the feed copy is the pinned one (SHA-256) and the files regenerate byte for byte from tools/build.py
- messages.jsonl: ids sm001.. in order, exact schema and types, reason in the label space,
  handover == label of reason, language code allowed, unique texts, no example phrase of set c
  or of the brief reused verbatim, 'none in stock' always followed by closest real units
- conversations.jsonl: ids sc01.. in order, schema, 5-7 customer turns, every turn has exactly one
  handover marker and the reason inside "Handover to a human (...)" is a handover reason
- every stock-number-looking token in notes / expect exists in the feed (exact spelling), and every
  price, mileage, year and colour quoted next to a stock number equals the feed value; "no price in
  feed" / "mileage not in feed" / "colour not in feed" only next to units where the value is missing
- README.md counts (reasons, languages, totals, HARD, conversation table) equal the files, and stock
  numbers / values quoted in README.md pass the same feed check
- brief targets: >=150 messages, handover share 40-60%, Spanish 12-18%, HARD 20-30%,
  >=12 conversations, ~2 Spanish conversations, about two thirds ending in a handover

Run from anywhere:  python3 tools/check.py
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET_DIR = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import feed  # noqa: E402
from labels import (HANDOVER, LANGUAGES, MARKERS_NO, MARKER_YES_PREFIX,  # noqa: E402
                    C_EXAMPLE_PHRASES, BRIEF_EXAMPLE_PHRASES)

problems = []


def bad(msg):
    problems.append(msg)


def load_jsonl(name):
    path = os.path.join(SET_DIR, name)
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                bad(f"{name}:{n}: empty line")
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                bad(f"{name}:{n}: invalid JSON ({e})")
    return out


# ---------------------------------------------------------------- stock references
STOCK_RE = re.compile(r"\b(?:[A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)\b")
PRICE_RE = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?![\d,])")
MILES_RE = re.compile(r"(?<![\d,$])(\d{1,3}(?:,\d{3})+|\d+)\s*(?:mi|miles)\b")
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
COLOURS = sorted({u.color for u in feed.UNITS if u.color})
COLOUR_RE = re.compile(r"\b(" + "|".join(COLOURS) + r")\b")
STOP_RE = re.compile(r";|\)|\s\|\s|\.\s|\.$")


def check_refs(where, text):
    """Validate every stock token in text and the values quoted right after it."""
    tokens = list(STOCK_RE.finditer(text))
    n_refs = 0
    for i, m in enumerate(tokens):
        tok = m.group(0)
        before = text[max(0, m.start() - 4):m.start()]
        if before.endswith("ZIP "):
            continue
        u = feed.BY_STOCK.get(tok)
        if u is None:
            bad(f"{where}: '{tok}' is not a stock number in the feed")
            continue
        n_refs += 1
        end = tokens[i + 1].start() if i + 1 < len(tokens) else len(text)
        window = text[m.end():end]
        s = STOP_RE.search(window)
        if s:
            window = window[:s.start()]
        for p in PRICE_RE.findall(window):
            v = int(p.replace(",", ""))
            if u.price is None:
                bad(f"{where}: {tok} quoted at ${p} but the feed has no price")
            elif v != u.price:
                bad(f"{where}: {tok} quoted at ${p}, feed price is ${u.price:,}")
        for mi in MILES_RE.findall(window):
            v = int(mi.replace(",", ""))
            if u.miles is None:
                bad(f"{where}: {tok} quoted with {mi} mi but the feed has no mileage")
            elif v != u.miles:
                bad(f"{where}: {tok} quoted with {mi} mi, feed mileage is {u.miles:,}")
        y = YEAR_RE.search(window)
        if y and int(y.group(0)) != u.year:
            bad(f"{where}: {tok} quoted as year {y.group(0)}, feed year is {u.year}")
        for c in COLOUR_RE.findall(window):
            if c != u.color:
                bad(f"{where}: {tok} quoted as {c}, feed colour is {u.color or 'empty'}")
        if "no price in feed" in window and u.price is not None:
            bad(f"{where}: {tok} said to have no price but the feed has ${u.price:,}")
        if "mileage not in feed" in window and u.miles is not None:
            bad(f"{where}: {tok} said to have no mileage but the feed has {u.miles:,}")
        if "colour not in feed" in window and u.color:
            bad(f"{where}: {tok} said to have no colour but the feed has {u.color}")
    return n_refs


# ---------------------------------------------------------------- messages
MSG_KEYS = ["id", "text", "handover", "reason", "language", "notes"]


def check_messages(msgs):
    texts = collections.Counter()
    for i, m in enumerate(msgs, 1):
        where = m.get("id", f"message #{i}")
        if list(m.keys()) != MSG_KEYS:
            bad(f"{where}: keys {list(m.keys())} != {MSG_KEYS}")
        if m.get("id") != f"sm{i:03d}":
            bad(f"{where}: expected id sm{i:03d}")
        if not isinstance(m.get("text"), str) or not m["text"].strip():
            bad(f"{where}: empty text")
        if not isinstance(m.get("handover"), bool):
            bad(f"{where}: handover is not a boolean")
        r = m.get("reason")
        if r not in HANDOVER:
            bad(f"{where}: unknown reason {r!r}")
        elif m.get("handover") is not HANDOVER[r]:
            bad(f"{where}: handover={m.get('handover')} but reason {r} implies {HANDOVER[r]}")
        if m.get("language") not in LANGUAGES:
            bad(f"{where}: unknown language {m.get('language')!r}")
        notes = m.get("notes")
        if not isinstance(notes, str):
            bad(f"{where}: notes is not a string")
            continue
        if m.get("language") != "en" and "gloss:" not in notes:
            bad(f"{where}: non-English message without an English gloss in notes")
        if "none in stock" in notes:
            tail = notes.split("none in stock", 1)[1]
            if "closest real units:" not in tail or not STOCK_RE.search(tail):
                bad(f"{where}: 'none in stock' without closest real units")
        if "stock:" in notes and not STOCK_RE.search(notes.split("stock:", 1)[1]):
            bad(f"{where}: 'stock:' without stock numbers")
        check_refs(where, notes)
        t = m.get("text", "")
        texts[t.strip().lower()] += 1
        low = t.lower()
        for ph in C_EXAMPLE_PHRASES + BRIEF_EXAMPLE_PHRASES:
            if ph in low:
                bad(f"{where}: reuses example phrase {ph!r}")
    for t, n in texts.items():
        if n > 1:
            bad(f"duplicate message text x{n}: {t!r}")


# ---------------------------------------------------------------- conversations
CONV_KEYS = ["id", "language", "turns"]


def turn_marker(expect):
    found = []
    for e in expect:
        if e in MARKERS_NO:
            found.append(("no", e))
        elif e.startswith(MARKER_YES_PREFIX) and e.endswith(")"):
            found.append(("yes", e[len(MARKER_YES_PREFIX):-1]))
    return found


def check_conversations(convs):
    for i, c in enumerate(convs, 1):
        where = c.get("id", f"conversation #{i}")
        if list(c.keys()) != CONV_KEYS:
            bad(f"{where}: keys {list(c.keys())} != {CONV_KEYS}")
        if c.get("id") != f"sc{i:02d}":
            bad(f"{where}: expected id sc{i:02d}")
        if c.get("language") not in LANGUAGES:
            bad(f"{where}: unknown language {c.get('language')!r}")
        turns = c.get("turns") or []
        if not 5 <= len(turns) <= 7:
            bad(f"{where}: {len(turns)} customer turns (need 5-7)")
        for j, t in enumerate(turns, 1):
            tw = f"{where} turn {j}"
            if list(t.keys()) != ["customer", "expect"]:
                bad(f"{tw}: keys {list(t.keys())}")
                continue
            if not isinstance(t["customer"], str) or not t["customer"].strip():
                bad(f"{tw}: empty customer text")
            ex = t["expect"]
            if not isinstance(ex, list) or len(ex) < 2 or not all(isinstance(e, str) and e.strip() for e in ex):
                bad(f"{tw}: expect must be a list of >=2 non-empty strings (one marker + at least one check)")
                continue
            mk = turn_marker(ex)
            if len(mk) != 1:
                bad(f"{tw}: {len(mk)} handover markers (need exactly 1)")
            elif mk[0][0] == "yes" and HANDOVER.get(mk[0][1]) is not True:
                bad(f"{tw}: marker reason {mk[0][1]!r} is not a handover reason")
            for e in ex:
                check_refs(tw, e)
            low = t["customer"].lower()
            for ph in C_EXAMPLE_PHRASES + BRIEF_EXAMPLE_PHRASES:
                if ph in low:
                    bad(f"{tw}: reuses example phrase {ph!r}")


def ends_in_handover(c):
    mk = turn_marker(c["turns"][-1]["expect"])
    return bool(mk) and mk[0][0] == "yes"


# ---------------------------------------------------------------- README
def check_readme(msgs, convs):
    path = os.path.join(SET_DIR, "README.md")
    if not os.path.exists(path):
        bad("README.md missing")
        return
    md = open(path, encoding="utf-8").read()
    for n, line in enumerate(md.split("\n"), 1):
        check_refs(f"README.md:{n}", line)
    reasons = collections.Counter(m["reason"] for m in msgs)
    for r, n in reasons.items():
        row = re.search(r"^\|\s*" + re.escape(r) + r"\s*\|\s*(true|false)\s*\|\s*(\d+)\s*\|", md, re.M)
        if not row:
            bad(f"README: no reasons-table row for {r}")
        else:
            if row.group(1) != str(HANDOVER[r]).lower():
                bad(f"README: reason {r} handover column says {row.group(1)}")
            if int(row.group(2)) != n:
                bad(f"README: reason {r} count {row.group(2)} != {n}")
    for r in HANDOVER:
        if r not in reasons:
            bad(f"reason {r} has no message")
    langs = collections.Counter(m["language"] for m in msgs)
    for l, n in langs.items():
        row = re.search(r"^\|\s*" + re.escape(l) + r"\s*\|\s*(\d+)\s*\|", md, re.M)
        if not row or int(row.group(1)) != n:
            bad(f"README: language row for {l} missing or != {n}")
    nt = sum(m["handover"] for m in msgs)
    nh = sum(m["notes"].startswith("HARD:") for m in msgs)
    for label, val in [("messages", len(msgs)), ("handover_true", nt), ("handover_false", len(msgs) - nt),
                       ("hard", nh), ("conversations", len(convs)),
                       ("conversation_turns", sum(len(c["turns"]) for c in convs))]:
        mm = re.search(r"<!--\s*" + label + r"\s*=\s*(\d+)\s*-->", md)
        if not mm or int(mm.group(1)) != val:
            bad(f"README: marker <!-- {label}={val} --> missing or different")
    for c in convs:
        row = re.search(r"^\|\s*" + c["id"] + r"\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|.*\|\s*(yes|no)\s*\|\s*$", md, re.M)
        if not row:
            bad(f"README: no conversation-table row for {c['id']}")
            continue
        if row.group(1) != c["language"]:
            bad(f"README: {c['id']} language {row.group(1)} != {c['language']}")
        if int(row.group(2)) != len(c["turns"]):
            bad(f"README: {c['id']} turns {row.group(2)} != {len(c['turns'])}")
        if (row.group(3) == "yes") != ends_in_handover(c):
            bad(f"README: {c['id']} 'ends in handover' column disagrees with the last turn")


# ---------------------------------------------------------------- targets
def check_targets(msgs, convs):
    n = len(msgs)
    if n < 150:
        bad(f"only {n} messages (need >= 150)")
    share = sum(m["handover"] for m in msgs) / n
    if not 0.40 <= share <= 0.60:
        bad(f"handover share {share:.0%} outside 40-60%")
    es = sum(m["language"] == "es" for m in msgs) / n
    if not 0.12 <= es <= 0.18:
        bad(f"Spanish share {es:.0%} outside 12-18%")
    other = {m["language"] for m in msgs} - {"en", "es"}
    if len(other) < 3:
        bad("fewer than 3 other languages")
    hard = sum(m["notes"].startswith("HARD:") for m in msgs) / n
    if not 0.20 <= hard <= 0.30:
        bad(f"HARD share {hard:.0%} outside 20-30%")
    for side in (True, False):
        h = sum(m["notes"].startswith("HARD:") for m in msgs if m["handover"] is side)
        if h < 10:
            bad(f"only {h} HARD messages with handover={side}")
    if len(convs) < 12:
        bad(f"only {len(convs)} conversations (need >= 12)")
    es_c = sum(c["language"] == "es" for c in convs)
    if not 2 <= es_c <= 3:
        bad(f"{es_c} Spanish conversations (want about 2)")
    eh = sum(ends_in_handover(c) for c in convs) / len(convs)
    if not 0.55 <= eh <= 0.78:
        bad(f"{eh:.0%} of conversations end in a handover (want about two thirds)")


def check_regeneration():
    import build
    want_m = build.dumps(build.render_messages())
    want_c = build.dumps(build.render_conversations())
    for name, want in (("messages.jsonl", want_m), ("conversations.jsonl", want_c)):
        have = open(os.path.join(SET_DIR, name), encoding="utf-8").read()
        if have != want:
            bad(f"{name} differs from what tools/build.py generates (re-run it, or the file was hand-edited)")


def main():
    if feed.sha256() != feed.FEED_SHA256:
        bad(f"feed {feed.FEED} does not match the pinned SHA-256")
    if len(feed.UNITS) != 143 or len(feed.BY_STOCK) != 143:
        bad(f"feed has {len(feed.UNITS)} rows / {len(feed.BY_STOCK)} unique stock numbers (expected 143)")
    msgs = load_jsonl("messages.jsonl")
    convs = load_jsonl("conversations.jsonl")
    check_messages(msgs)
    check_conversations(convs)
    check_readme(msgs, convs)
    check_targets(msgs, convs)
    check_regeneration()
    for p in problems:
        print("PROBLEM:", p)
    refs = sum(len(STOCK_RE.findall(m["notes"])) for m in msgs) + sum(
        len(STOCK_RE.findall(e)) for c in convs for t in c["turns"] for e in t["expect"])
    print(f"checked {len(msgs)} messages, {len(convs)} conversations, {refs} stock references")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
