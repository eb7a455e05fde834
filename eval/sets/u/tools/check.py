#!/usr/bin/env python3
"""Verifier for evaluation set "u" (standard library only).

    python3 tools/check.py      # prints every problem, then "<n> problems"

Checks: schema and ids; handover fully determined by reason; label, language,
HARD and Spanish counts (and that README's tables agree); every stock-number-like
token exists in the feed; every price / mileage quoted next to a stock number in
notes or expect text matches the feed; `stock: X = ...` notes equal the feed line;
conversation shape (count, 5-7 turns, handover endings, Spanish ones).
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import feed  # noqa: E402
from build import HANDOVER, REASON_ORDER  # noqa: E402

# Real Illinois ZIP codes used in messages/notes; not stock numbers.
ZIPS = {"60435", "60461"}
LANGS = {"en", "es", "pl", "pt", "zh", "tl"}
MSG_KEYS = {"id", "text", "handover", "reason", "language", "notes"}
INVENTORY_REASONS = {"availability", "price_question", "mileage", "photos"}

problems = []


def P(msg):
    problems.append(msg)


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                P(f"{os.path.basename(path)}:{i}: empty line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                P(f"{os.path.basename(path)}:{i}: bad JSON ({e})")
    return rows


STOCK_TOKEN = feed.STOCK_RE
MONEY = re.compile(r"\$\s?(\d[\d,]*)(?![\d,]*k)")
MILES = re.compile(r"\b(\d[\d,]*)\s*(?:mi|miles)\b")
NOTE_LINE = re.compile(r"stock: (\S+) = (.*?)(?= \| |; |$)")


def check_stocks(where, text, numbers=True):
    """Every stock-like token exists; numbers next to a stock number match."""
    hits = []
    for m in STOCK_TOKEN.finditer(text):
        tok = m.group(0)
        if tok in feed.BY_STOCK:
            hits.append(m)
        elif tok in ZIPS:
            continue
        else:
            P(f"{where}: stock-like token {tok!r} is not in the feed")
    if not numbers:
        return len(hits)
    for i, m in enumerate(hits):
        u = feed.BY_STOCK[m.group(0)]
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        seg = text[m.end():end]
        cut = re.search(r";|\|", seg)
        if cut:
            seg = seg[:cut.start()]
        for mm in MONEY.finditer(seg):
            v = int(mm.group(1).replace(",", ""))
            if u.price is None:
                P(f"{where}: ${v:,} quoted next to {u.stock}, which has no price in the feed")
            elif v != u.price:
                P(f"{where}: ${v:,} quoted next to {u.stock}, feed price is ${u.price:,}")
        for mm in MILES.finditer(seg):
            v = int(mm.group(1).replace(",", ""))
            if u.miles is None:
                P(f"{where}: {v:,} mi quoted next to {u.stock}, which has no mileage in the feed")
            elif v != u.miles:
                P(f"{where}: {v:,} mi quoted next to {u.stock}, feed mileage is {u.miles:,}")
        if "no price in feed" in seg and u.price is not None:
            P(f"{where}: says no price for {u.stock}, but the feed has ${u.price:,}")
        if "mileage not in feed" in seg and u.miles is not None:
            P(f"{where}: says no mileage for {u.stock}, but the feed has {u.miles:,}")
        # short refs "stock X (YEAR Make Model ..." must name the right vehicle
        mref = re.match(r" \((?:New |Used )?(\d{4}) ([^,]+?),", seg)
        if mref:
            want = f"{u.year} {u.make} {u.model} {u.trim_txt}"
            if f"{mref.group(1)} {mref.group(2)}" != want:
                P(f"{where}: {u.stock} described as {mref.group(1)} {mref.group(2)!r}, feed: {want!r}")
    return len(hits)


def check_messages(msgs):
    n = len(msgs)
    if n < 160:
        P(f"messages: only {n} (< 160)")
    ids = [m.get("id") for m in msgs]
    if ids != [f"u{i:03d}" for i in range(1, n + 1)]:
        P("messages: ids are not u001..u%03d in file order" % n)
    texts = Counter(m.get("text") for m in msgs)
    for t, c in texts.items():
        if c > 1:
            P(f"messages: duplicate text {t!r}")
    for m in msgs:
        mid = m.get("id")
        if set(m) != MSG_KEYS:
            P(f"{mid}: keys {sorted(m)}")
            continue
        if not isinstance(m["text"], str) or not m["text"].strip():
            P(f"{mid}: empty text")
        if m["reason"] not in HANDOVER:
            P(f"{mid}: unknown reason {m['reason']!r}")
        elif m["handover"] is not HANDOVER[m["reason"]]:
            P(f"{mid}: handover {m['handover']} does not match reason {m['reason']}")
        if m["language"] not in LANGS:
            P(f"{mid}: unknown language {m['language']!r}")
        notes = m["notes"]
        if "HARD" in notes and not notes.startswith("HARD: "):
            P(f"{mid}: HARD marker not at the start of notes")
        if m["language"] not in ("en",) and "en: " not in notes:
            P(f"{mid}: non-English message without an English gloss in notes")
        if m["reason"] in INVENTORY_REASONS and "stock: " not in notes and "none in stock" not in notes \
                and "no equipment" not in notes and "no unit" not in notes:
            P(f"{mid}: inventory reason {m['reason']} without stock notes")
        check_stocks(f"{mid}.text", m["text"], numbers=False)
        check_stocks(f"{mid}.notes", notes)
        for mm in NOTE_LINE.finditer(notes):
            st, body = mm.group(1), mm.group(0)
            if st not in feed.BY_STOCK:
                continue  # reported above
            if body != feed.BY_STOCK[st].note():
                P(f"{mid}: note line differs from feed: {body!r}")
    # balance / shares
    n_true = sum(1 for m in msgs if m.get("handover") is True)
    if not 0.4 <= n_true / n <= 0.6:
        P(f"messages: handover true share {n_true}/{n} outside 40-60%")
    es = sum(1 for m in msgs if m.get("language") == "es")
    if not 0.12 <= es / n <= 0.18:
        P(f"messages: Spanish share {es}/{n} outside 12-18%")
    hard = sum(1 for m in msgs if str(m.get("notes", "")).startswith("HARD:"))
    if not 0.20 <= hard / n <= 0.30:
        P(f"messages: HARD share {hard}/{n} outside 20-30%")
    others = {m["language"] for m in msgs} - {"en", "es"}
    if len(others) < 2:
        P("messages: fewer than 2 other languages")
    cnt = Counter(m.get("reason") for m in msgs)
    for r in REASON_ORDER:
        if cnt[r] < 2:
            P(f"messages: reason {r} has {cnt[r]} (< 2)")
    return cnt


def ends_in_handover(c):
    return any(e.startswith("Handover to a human") for e in c["turns"][-1]["expect"])


def check_conversations(convs):
    if len(convs) < 15:
        P(f"conversations: only {len(convs)} (< 15)")
    ids = [c.get("id") for c in convs]
    if ids != [f"uc{i:02d}" for i in range(1, len(convs) + 1)]:
        P("conversations: ids are not uc01.. in order")
    for c in convs:
        cid = c.get("id")
        if set(c) != {"id", "language", "turns"}:
            P(f"{cid}: keys {sorted(c)}")
            continue
        if c["language"] not in LANGS:
            P(f"{cid}: unknown language")
        if not 5 <= len(c["turns"]) <= 7:
            P(f"{cid}: {len(c['turns'])} turns (need 5-7)")
        for i, t in enumerate(c["turns"], 1):
            w = f"{cid}.t{i}"
            if set(t) != {"customer", "expect"}:
                P(f"{w}: keys {sorted(t)}")
                continue
            if not t["customer"].strip():
                P(f"{w}: empty customer text")
            check_stocks(f"{w}.customer", t["customer"], numbers=False)
            if not t["expect"] or not all(isinstance(e, str) and e.strip() for e in t["expect"]):
                P(f"{w}: empty expect")
            for j, e in enumerate(t["expect"], 1):
                check_stocks(f"{w}.e{j}", e)
                for mm in re.finditer(r"Handover to a human \(([a-z_]+)\)", e):
                    if not HANDOVER.get(mm.group(1)):
                        P(f"{w}.e{j}: handover reason {mm.group(1)!r} is not a handover reason")
            ho = [e for e in t["expect"] if e.startswith("Handover to a human")]
            no = [e for e in t["expect"] if e in ("No handover", "No handover needed",
                                                  "Handover not yet required", "Handover optional")]
            if len(ho) + len(no) != 1:
                P(f"{w}: needs exactly one handover verdict, has {len(ho) + len(no)}")
    n_ho = sum(ends_in_handover(c) for c in convs)
    if not 8 <= n_ho <= 10:
        P(f"conversations: {n_ho} end in handover (want about 9)")
    n_es = sum(1 for c in convs if c["language"] == "es")
    if n_es < 3:
        P(f"conversations: only {n_es} in Spanish or switching")


def check_readme(msgs, convs, cnt):
    path = os.path.join(OUT, "README.md")
    if not os.path.exists(path):
        P("README.md missing")
        return
    text = open(path, encoding="utf-8").read()
    check_stocks("README", text)
    hard = Counter(m["reason"] for m in msgs if m["notes"].startswith("HARD:"))
    es = Counter(m["reason"] for m in msgs if m["language"] == "es")
    for r in REASON_ORDER:
        row = f"| {r} | {str(HANDOVER[r]).lower()} | {cnt[r]} | {hard[r]} | {es[r]} |"
        if row not in text:
            P(f"README: row for {r} missing or wrong (want {row})")
    if f"**{len(msgs)}**" not in text:
        P("README: total message count wrong")
    for c in convs:
        if f"| {c['id']} | {c['language']} | {len(c['turns'])} |" not in text:
            P(f"README: conversation row for {c['id']} missing or wrong")
    if "2026-12-07" not in text:
        P("README: provenance date missing")


def main():
    msgs = load(os.path.join(OUT, "messages.jsonl"))
    convs = load(os.path.join(OUT, "conversations.jsonl"))
    cnt = check_messages(msgs)
    check_conversations(convs)
    check_readme(msgs, convs, cnt)
    if len(feed.UNITS) != 143:
        P(f"feed has {len(feed.UNITS)} units, expected 143")
    for p in problems:
        print("PROBLEM:", p)
    n_true = sum(m["handover"] for m in msgs)
    print(f"messages {len(msgs)} (true {n_true}, false {len(msgs) - n_true}, "
          f"HARD {sum(m['notes'].startswith('HARD:') for m in msgs)}, "
          f"es {sum(m['language'] == 'es' for m in msgs)}); "
          f"conversations {len(convs)} ({sum(len(c['turns']) for c in convs)} turns, "
          f"{sum(ends_in_handover(c) for c in convs)} end in handover)")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
