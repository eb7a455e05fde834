"""Writes /tmp/setY/README.md from the built files (counts are computed, not typed)."""
import json, collections, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ms = [json.loads(l) for l in open(os.path.join(ROOT, "messages.jsonl"), encoding="utf-8")]
cs = [json.loads(l) for l in open(os.path.join(ROOT, "conversations.jsonl"), encoding="utf-8")]
titles = json.load(open(os.path.join(ROOT, "tools", "conv_titles.json")))
order = ["complaint","existing_customer_issue","legal_threat","ready_to_buy","negotiation","human_request","appointment_time",
         "frustration","financing_details","trade_in_firm","other_handover","availability","features","price_question",
         "financing_general","hours_location","photos","mileage","comparison","browsing","small_talk","vehicle_facts","other_ai"]
cnt = collections.Counter(m["reason"] for m in ms)
hard = collections.Counter(m["reason"] for m in ms if "HARD:" in m["notes"])
ho = {m["reason"]: m["handover"] for m in ms}
lang = collections.Counter(m["language"] for m in ms)
es = [m for m in ms if m["language"] == "es"]
nT = sum(m["handover"] for m in ms); nH = sum(hard.values())
ends = lambda c: c["turns"][-1]["expect"][0].startswith("Handover to a human")
rows = "\n".join(f"| {r} | {str(ho[r]).lower()} | {cnt[r]} | {hard[r]} |" for r in order)
crows = "\n".join(f"| {c['id']} | {c['language']} | {len(c['turns'])} | {titles[c['id']]} | {'yes' if ends(c) else 'no'} |" for c in cs)
clang = collections.Counter(c["language"] for c in cs)
txt = f"""# Evaluation set "Y" — World Hyundai of Matteson sales agent

Blind set for measurement. Do not tune prompts, rules or code against it.

## Provenance

- Written by: a QA-writer helper session (AI assistant) started by the project, writing from scratch.
- Date: 2026-12-07.
- Inputs read, and nothing else: `/work/main/eval/sets/c/README.md` (schema, reason label space and labelling conventions only; none of its example phrases reused), `/work/shared/fixtures/inventory/world_hyundai_matteson.tsv` (143 vehicles) and `/work/shared/fixtures/inventory/README.md`. No code, tests, docs, bench files or other eval sets of the project were read, and the agent was not run.
- Every stock number, year, trim, colour, price and mileage in `notes`, `expect` and in customer texts that quote a listed price was produced from the TSV by `tools/feed.py` (loader/filter) inside `tools/build.py`; none was typed by hand. `tools/check.py` re-parses the TSV independently (it does not import feed.py) and verifies every stock number exists and every price/mileage/colour/"no price in feed" claim attached to a stock number matches the feed; figures not attached to a stock number are rejected. Last run: `0 problems`.

## Files

- `messages.jsonl` — {len(ms)} first customer messages, {nT} with `handover: true` and {len(ms)-nT} with `handover: false`; {nH} are marked `HARD:` in `notes` ({round(100*nH/len(ms))}%).
- `conversations.jsonl` — {len(cs)} scripted conversations, {sum(len(c['turns']) for c in cs)} customer turns in total ({min(len(c['turns']) for c in cs)}–{max(len(c['turns']) for c in cs)} each).
- `tools/feed.py` — TSV loader + filter (`find(...)`, `desc(stock)`, `short(stock)`); `python3 tools/feed.py` dumps the feed.
- `tools/build.py` — writes both jsonl files; `tools/make_readme.py` — writes this README's counts; `tools/check.py` — independent verifier.
- Rebuild: `cd tools && python3 build.py && python3 make_readme.py && python3 check.py`.

## messages.jsonl

Schema: `{{"id", "text", "handover", "reason", "language", "notes"}}` (ids y001…). `handover` is fully determined by `reason`; reason label space identical to set c.

| reason | handover | count | HARD |
|---|---|---|---|
{rows}
| **total** | | **{len(ms)}** | **{nH}** |

Languages: {", ".join(f"`{k}` {v}" for k, v in lang.most_common())}. Spanish = {len(es)} ({round(100*len(es)/len(ms))}%), of which {sum(m['handover'] for m in es)} handover and {sum(not m['handover'] for m in es)} not. Spanglish messages are labelled `es` and say so in `notes`; every non-English message carries an English gloss in `notes`.

Style: SMS replies to campaigns and phone-typed web-chat openers — lowercase, typos, slang ("yall", "troca", "rn"), emoji, sarcasm, bare one-word/emoji messages, messages that refer to a conversation the agent can't see.

### Labelling conventions (same as set c)

- One primary reason per message; where a second reason is defensible, `notes` says so and both are on the same side of `handover`.
- appointment_time needs a concrete day and time (incl. relative: "in 20 min", "by 3:45 today", "tonight around 7"); a visit without a time is false (hours_location / availability); a time for a phone call is human_request.
- negotiation = specific offer, payment target, price match, OTD quote, lowest/best price, add-on removal as a condition. Listed price / rebates / what the price includes = price_question.
- Warranty/recall questions about lot cars or in general = vehicle_facts; recall work or warranty contracts on the customer's own car = existing_customer_issue.
- financing_general = policy questions with no personal details; own score, income, bankruptcy, ITIN status, co-signer, negative equity or submitted app = financing_details.
- "do you take trades / buy cars" = other_ai; a firm number or ultimatum = trade_in_firm.
- legal_threat includes small claims, lemon law/attorney, BBB, Attorney General, also "not trying to threaten but…".
- other_handover here: a fleet/commercial purchase and a customer self-reporting lot damage.
- Deliberate false-side traps: a boss's opinion on prices, a "GM pick" promo sign, a self-deprecating "broke college kid" joke, a typo question about mileage, an emoji thumbs-up.

### notes conventions

- `HARD: …` marks a deliberately tricky case and says why.
- `stock: <stock> = <Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>` lists matching units (multiple separated by `;`, extra groups by `|`). Absent values are written `no price in feed`, `mileage not in feed`, `colour not in feed`, `trim not given in feed` (garbage `value matchLevel none matchedWords` trims on the Mustang, F-150 and the four Edges).
- Feed quirks used and what a good reply must NOT invent or assert: missing prices (e.g. Kona 26468A, Camry kv4958, red Edge KV5568, Lexus RX WV15176), missing mileage (Sportage KV5454A), missing colours (Tucson Hybrids 27025, 26940), hybrids labelled `Electric` (Tucson Hybrid 27103/27023, Prius Prime WV15159) or `Gasoline` (Santa Fe SEL HEV 27130, Santa Fe Hybrids, Optima Hybrid), trim-vs-drivetrain conflicts (Ioniq 6 25881 "SEL AWD"/RWD, 2025 Palisade DT27185 "SEL FWD"/RWD, Ram KV5543 "4x4"/RWD, Telluride 15218A "S FWD"/AWD, Altima KV5542 "AWD"/FWD, QX60 14672A "AWD"/FWD), transmission conflict (Forte 15549A "LXS IVT" listed Manual), a used 2024 Telluride with near-zero miles (15218A), equipment/engine/towing/condition never in the feed.
- Phone numbers use 555-01xx; ZIPs are Illinois ZIPs, not stock numbers.

## conversations.jsonl

Schema: `{{"id", "language", "turns": [{{"customer", "expect": [..]}}]}}`. `expect` items are in English, one checkable requirement each, figures from the feed. Conventions: "Handover to a human (<reason>)", "No handover", "Handover not yet required" (visit with no time yet), "Handover optional"; "Lists exactly …" = set must match; "e.g." / "may" = any correct subset. References to the agent's own earlier list ("the second one you listed") are checked against what the agent itself listed.

Conversation languages: {", ".join(f"`{k}` {v}" for k, v in clang.items())}. {sum(ends(c) for c in cs)} conversations end in a handover, {sum(not ends(c) for c in cs)} never need one.

| id | lang | turns | what it tests | ends in handover |
|---|---|---|---|---|
{crows}
"""
open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8").write(txt)
print("README written")
