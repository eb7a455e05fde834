#!/usr/bin/env python3
"""Build set m (messages.jsonl, conversations.jsonl, README.md) from the hand-written sources.

Only inputs: the feed TSV (via feed.py) and the hand-written sources in this folder.
Run:  python3 build_set.py && python3 check_set.py
"""
import collections
import json
import os
import random
import re

import feed
from conversations_src import CONVERSATIONS
from messages_src import MESSAGES

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

TRUE_REASONS = ["complaint", "existing_customer_issue", "legal_threat", "ready_to_buy", "negotiation",
                "human_request", "appointment_time", "frustration", "financing_details", "trade_in_firm",
                "other_handover"]
FALSE_REASONS = ["availability", "features", "price_question", "financing_general", "hours_location", "photos",
                 "mileage", "comparison", "browsing", "small_talk", "vehicle_facts", "other_ai"]
LANG_NAMES = {"en": "English", "es": "Spanish", "pl": "Polish", "uk": "Ukrainian", "ar": "Arabic",
              "zh": "Chinese", "pt": "Portuguese", "fr": "French", "hi": "Hindi"}

F = feed.load()


def unit(stock):
    r = F[stock]
    q = feed.quirks(r)
    return f"stock: {stock} = {feed.fmt_unit(r)}" + (" [" + ", ".join(q) + "]" if q else "")


def expand_notes(text):
    def rep(m):
        stocks = [s.strip() for s in m.group(1).split(",")]
        return "; ".join(unit(s) for s in stocks)
    return re.sub(r"\{S:([^}]+)\}", rep, text)


def expand_expect(text):
    def rep(m):
        kind, stock = m.group(1), m.group(2)
        r = F[stock]
        if kind == "L":
            return f"{stock} ({feed.fmt_unit(r)})"
        if kind == "M":
            return feed.fmt_miles(r)
        if kind == "P":
            return feed.fmt_price(r)
        raise ValueError(kind)
    return re.sub(r"\{([LMP]):([^}]+)\}", rep, text)


def build_messages():
    items = list(MESSAGES)
    random.Random(20261207).shuffle(items)
    out = []
    for i, (reason, lang, text, notes) in enumerate(items, 1):
        assert reason in TRUE_REASONS + FALSE_REASONS, reason
        rec = {"id": f"m{i:03d}", "text": text, "handover": reason in TRUE_REASONS, "reason": reason,
               "language": lang}
        if notes:
            rec["notes"] = expand_notes(notes)
        out.append(rec)
    return out


def build_conversations():
    out = []
    for c in CONVERSATIONS:
        turns = [{"customer": cust, "expect": [expand_expect(e) for e in exp]} for cust, exp in c["turns"]]
        out.append({"id": c["id"], "language": c["language"], "turns": turns})
    return out


def write_jsonl(path, recs):
    with open(path, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def readme(msgs, convs):
    cnt = collections.Counter(m["reason"] for m in msgs)
    n_true = sum(m["handover"] for m in msgs)
    n_false = len(msgs) - n_true
    n_hard = sum(1 for m in msgs if m.get("notes", "").startswith("HARD:"))
    langs = collections.Counter(m["language"] for m in msgs)
    es = [m for m in msgs if m["language"] == "es"]
    es_true = sum(m["handover"] for m in es)
    spanglish = sum(1 for m in es if "Spanglish" in m.get("notes", ""))
    n_turns = sum(len(c["turns"]) for c in convs)
    tmin = min(len(c["turns"]) for c in convs)
    tmax = max(len(c["turns"]) for c in convs)
    clangs = collections.Counter(c["language"] for c in convs)
    ends = {c["id"]: any(e.startswith("Handover to a human") for e in c["turns"][-1]["expect"]) for c in convs}
    tests = {c["id"]: c["tests"] for c in CONVERSATIONS}

    L = []
    L.append('# Evaluation set "m" — World Hyundai of Matteson sales agent\n')
    L.append("Sealed set for a blind, reported measurement. Do not tune prompts, rules or code against it.\n")
    L.append("## Provenance\n")
    L.append("- Written by: a BDC-manager / QA-writer helper session (AI assistant) started by the project, writing from scratch. The writer has never seen or run the agent.")
    L.append("- Date: 2026-12-07.")
    L.append("- Inputs read, and nothing else: `/work/main/eval/sets/c/README.md` (only for the schema, the label space and the labelling conventions — no `.jsonl` file of any set was opened), `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv` (143 vehicles) and `/work/shared/fixtures/inventory/README.md`, plus the writer's own judgement of how real customers write. No code, tests, docs or data of the project were read.")
    L.append("- All wording is new; it was not derived from any other set (the writer has not seen their messages).")
    L.append("- Stock numbers, years, trims, colours, prices and mileages in `notes` and `expect` are expanded from the TSV by `tools/build_set.py` (placeholders in the hand-written sources `tools/messages_src.py` and `tools/conversations_src.py`) and cross-checked by `tools/check_set.py`, which re-reads the TSV independently: every stock-like token exists in the feed; every `$` and `mi` figure is checked against the nearest preceding stock number in the same clause; every full unit description matches the feed; phone numbers are 555-01xx; ZIPs are real Illinois ZIPs; `handover` agrees with `reason`.")
    L.append("")
    L.append("## Files\n")
    L.append(f"- `messages.jsonl` — {len(msgs)} first customer messages, {n_true} with `handover: true` and {n_false} with `handover: false`; {n_hard} are marked `HARD:` in `notes`.")
    L.append(f"- `conversations.jsonl` — {len(convs)} scripted conversations, {n_turns} customer turns in total ({tmin}–{tmax} each).")
    L.append(f"- Ids: messages `m001`–`m{len(msgs):03d}` (order shuffled with a fixed seed, so reasons are interleaved); conversations `m01`–`m{len(convs):02d}`.")
    L.append("- `tools/` — `feed.py` (feed reader and formatting), `messages_src.py` / `conversations_src.py` (hand-written sources), `build_set.py` (expands feed values, writes the three files), `check_set.py` (independent cross-check). Rebuild: `cd tools && python3 build_set.py && python3 check_set.py`.")
    L.append("- Cross-check at writing time (`python3 tools/check_set.py`): 0 errors — every stock-like token found in the feed, every quoted price/mileage equal to the feed value of the stock number it follows, every full unit description equal to the feed, all phone numbers 555-01xx, all ZIPs real Illinois ZIPs.")
    L.append("")
    L.append("## messages.jsonl\n")
    L.append('Schema: `{"id", "text", "handover", "reason", "language", "notes"?}`. `handover` is fully determined by `reason`:\n')
    L.append("| reason | handover | count |")
    L.append("|---|---|---|")
    for r in TRUE_REASONS:
        L.append(f"| {r} | true | {cnt[r]} |")
    for r in FALSE_REASONS:
        L.append(f"| {r} | false | {cnt[r]} |")
    L.append(f"| **total** | | **{len(msgs)}** |")
    L.append("")
    lang_str = ", ".join(f"`{k}` {v}" for k, v in langs.most_common())
    L.append(f"Languages: {lang_str}. Spanish = {len(es)} ({100 * len(es) / len(msgs):.0f}%), of which {es_true} handover and {len(es) - es_true} not; {spanglish} are Spanglish, labelled by their dominant language (`es`) and marked so in `notes`. Other-language messages ({', '.join(LANG_NAMES[k] for k in langs if k not in ('en', 'es'))}) carry an English gloss in `notes`.")
    L.append("")
    L.append("### Labelling conventions (same as set c)\n")
    L.append("- **One primary reason per message.** Where a second reason is also defensible, `notes` says so; both candidates are always on the same side of `handover`, so the boolean is unambiguous.")
    L.append("- **appointment_time** needs a concrete day *and* time (\"tomorrow at 4:30\", \"tues after work, 5:15ish\", \"be there in like 45 min\", \"monday at noon\"). A visit without a time (\"might swing by saturday\", \"this weekend\") is `handover: false`. A time that is only for a phone call (\"call me after 5pm\") is human_request.")
    L.append("- **negotiation** = a specific offer, a payment target, a price-match demand, an out-the-door quote, or asking for the lowest/best price or \"wiggle room\". Asking the listed price, or what listed prices include in general (doc fee, tax, rebates), is price_question.")
    L.append("- **warranty / recalls**: general coverage or recall questions, or about a car on the lot, are vehicle_facts; a recall repair or problem on the customer's own car is existing_customer_issue.")
    L.append("- **financing**: policy questions without personal details (buy-here-pay-here, self-employed, 0% score threshold \"asking for a friend\", loan terms, leases) are financing_general; anything stating the customer's own score, bankruptcy, ITIN status, income, negative equity or submitted application is financing_details.")
    L.append("- **trade-ins**: \"do you buy cars outright\" is other_ai; a firm number or an ultimatum is trade_in_firm; a trade visit with a day and time is appointment_time.")
    L.append("- **legal_threat** covers attorneys, lawsuits, small claims, lemon law, BBB, Attorney General, in any language or tone (including \"not a threat, but…\" and lemon law asked as a question).")
    L.append("- Mentions of a lawyer, a salesperson, a bot, service or a manager that are not requests/threats/claims are deliberately on the false side (\"my lawyer told me to buy not lease lol\", \"wait am I talking to a computer rn\", \"is your service department open on saturdays?\").")
    L.append("- Sarcasm that is a complaint (\"real classy 👏\", \"5 stars for the free coffee…\", \"Qué bonito, eh…\") is true; dramatic wording that is not aimed at the dealer (\"my 2009 civic is held together by duct tape and prayer\", \"my sister in law will not shut up about her Palisade 🙄\") is false.")
    L.append("- An ADF/lead-form style message (Name / Phone / Vehicle / Comments) is labelled by its comment: contact details alone do not require a handover.")
    L.append("")
    L.append("### notes conventions\n")
    L.append("- `HARD: …` marks a deliberately tricky case and says why.")
    L.append("- `stock: <stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>` lists the matching units from the feed for inventory-related messages (make spelled as in the feed, e.g. `Gmc`, `Bmw`); `none in stock` is stated explicitly, followed by the closest real units. A bracket after a unit flags a feed quirk: a drivetrain that conflicts with the trim, a hybrid labelled `Gasoline`/`Electric`, or a `Manual` transmission on an IVT trim.")
    L.append("- Missing values are written as `no price in feed` (29 units), `mileage not in feed` (KV5454A), `colour not in feed` (27025, 26940) and `(trim not given in feed)` for the garbage trim `value matchLevel none matchedWords` (Mustang KV5552, F-150 WK15091, four Ford Edges). A good reply must not invent a missing value and must not state a conflicting drivetrain as fact.")
    L.append("- Customer phone numbers use the fictional 555-01xx range; ZIP codes (60443 Matteson, 60471 Richton Park) are real Illinois ZIPs, not stock numbers.")
    L.append("")
    L.append("## conversations.jsonl\n")
    L.append('Schema: `{"id", "language", "turns": [{"customer", "expect": [..]}]}`. `language` is the language the conversation is held in. Each `expect` item is one concrete, checkable requirement for the reply to that turn, in English even for Spanish conversations, with stock numbers, prices and miles taken from the feed. Conventions inside `expect`:')
    L.append("- \"Handover to a human (<reason>)\" — that turn must trigger a handover. \"No handover\" — it must not. \"Handover not yet required\" — a handover there is not expected (usually a visit with no time yet); \"Handover optional\" — either is acceptable.")
    L.append("- \"Lists exactly …\" means the set of units must match; \"e.g.\" / \"may\" means any correct subset is fine. Units without a price may only be shown as 'price not listed'.")
    L.append("- Constraints stated earlier (\"no blue\", \"nada de Chevrolet\", \"que no sea blanca\", a budget) stay applied in later turns unless the customer lifts them; narrowing does not start the search over.")
    L.append("- References to the agent's own previous list (\"the second one\") are checked against what the agent itself listed; \"the white one\", \"the cheaper one\", \"it\", \"that one\" are resolved against the units under discussion.")
    L.append("")
    L.append(f"Conversation languages: " + ", ".join(f"`{k}` {v}" for k, v in clangs.most_common()) + f". {sum(ends.values())} conversations end in a handover, {len(convs) - sum(ends.values())} do not.")
    L.append("")
    L.append("| id | lang | turns | what it tests | ends in handover |")
    L.append("|---|---|---|---|---|")
    for c in convs:
        L.append(f"| {c['id']} | {c['language']} | {len(c['turns'])} | {tests[c['id']]} | {'yes' if ends[c['id']] else 'no'} |")
    L.append("")
    return "\n".join(L)


def main():
    msgs = build_messages()
    convs = build_conversations()
    write_jsonl(os.path.join(OUT, "messages.jsonl"), msgs)
    write_jsonl(os.path.join(OUT, "conversations.jsonl"), convs)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme(msgs, convs))
    print(f"wrote {len(msgs)} messages, {len(convs)} conversations")


if __name__ == "__main__":
    main()
