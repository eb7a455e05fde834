#!/usr/bin/env python3
"""Validate eval set AA against the inventory feed.

Run from the set folder:  python3 tools/check.py [--feed PATH]

Checks
  * JSON schema of every line of messages.jsonl and conversations.jsonl
  * reason -> handover mapping, ids, languages, turn counts, one handover marker per turn
  * every stock number named in a message, a note, a customer turn or an expect item exists in the feed
    (notes/expect must use the feed's exact spelling; customer text may differ in case)
  * every price ($n,nnn) and mileage (n,nnn mi) quoted after a stock number, up to the next stock
    number or ';', matches the feed; "no price/mileage/colour in feed" only where the feed is empty
  * every `stock: X = ...` line equals the feed rendering exactly
  * phone numbers use the fictional 555-01xx range
  * README count tables agree with the data
Prints counts. Exit code 0 = pass. Standard library only.
"""
import csv, json, os, re, sys
from collections import Counter

FEED_DEFAULT = '/work/shared/fixtures/inventory/world_hyundai_matteson.tsv'
GARBAGE_TRIM = 'value matchLevel none matchedWords'

HANDOVER_REASONS = ['complaint', 'existing_customer_issue', 'legal_threat', 'ready_to_buy', 'negotiation',
                    'human_request', 'appointment_time', 'frustration', 'financing_details', 'trade_in_firm',
                    'other_handover']
NO_HANDOVER_REASONS = ['availability', 'features', 'price_question', 'financing_general', 'hours_location',
                       'photos', 'mileage', 'comparison', 'browsing', 'small_talk', 'vehicle_facts', 'other_ai']
LANGS = {'en', 'es', 'pl', 'uk', 'ru', 'zh', 'pt', 'ar', 'hi', 'vi', 'ko', 'fr', 'tl'}
# Stock numbers that customers quote on purpose but that are not in the feed (the note must say so).
KNOWN_FAKE = {'27999'}

STOCK_RE = re.compile(r'\b(?:[A-Za-z]{2}\d{4,5}A?|[12]\d{4}A?)\b')
PRICE_RE = re.compile(r'\$(\d[\d,]*)(?![\dkK])')
MILES_RE = re.compile(r'(?<![\d,])(\d[\d,]*)\s*(?:mi|miles)\b')
PHONE_RE = re.compile(r'\b\d{3}-(\d{3})-(\d{4})\b')
STOCKLINE_RE = re.compile(r'stock: (\S+) = (.*?)(?=; |$)')
MARKERS = ('Handover to a human (', 'No handover', 'Handover not yet required', 'Handover optional')

errors = []
def err(where, msg):
    errors.append(f'{where}: {msg}')


def load_feed(path):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    feed = {}
    for r in rows:
        p = r['Price'].replace('$', '').replace(',', '')
        feed[r['stock_number']] = dict(
            row=r,
            price=int(float(p)) if p else None,
            miles=int(r['Mileage']) if r['Mileage'] else None,
            colour=r['Color'] or None)
    return feed


def render(feed, s):
    u = feed[s]; r = u['row']
    trim = '(trim not given in feed)' if r['Trim'] == GARBAGE_TRIM else r['Trim']
    mi = f"{u['miles']:,} mi" if u['miles'] is not None else 'no mileage in feed'
    pr = f"${u['price']:,}" if u['price'] is not None else 'no price in feed'
    return f"{r['Condition']} {r['Year']} {r['Make']} {r['Model']} {trim}, {u['colour'] or 'no colour in feed'}, {mi}, {pr}"


def check_text(feed, lower, where, text, strict):
    """strict=True for notes/expect (facts checked, exact spelling); False for customer text."""
    toks = list(STOCK_RE.finditer(text))
    for i, mt in enumerate(toks):
        tok = mt.group(0)
        if tok not in feed:
            if tok.lower() in lower:
                if strict:
                    err(where, f'stock {tok!r} must be spelled as in the feed: {lower[tok.lower()]!r}')
                tok = lower[tok.lower()]
            elif tok in KNOWN_FAKE:
                continue
            else:
                err(where, f'stock number {tok!r} not in feed')
                continue
        if not strict:
            continue
        end = toks[i + 1].start() if i + 1 < len(toks) else len(text)
        seg = text[mt.end():end]
        if ';' in seg:
            seg = seg[:seg.index(';')]
        u = feed[tok]
        for pm in PRICE_RE.finditer(seg):
            v = int(pm.group(1).replace(',', ''))
            if u['price'] is None:
                err(where, f'{tok}: quotes ${v:,} but the feed has no price')
            elif v != u['price']:
                err(where, f'{tok}: quotes ${v:,} but feed price is ${u["price"]:,}')
        for mm in MILES_RE.finditer(seg):
            v = int(mm.group(1).replace(',', ''))
            if u['miles'] is None:
                err(where, f'{tok}: quotes {v:,} mi but the feed has no mileage')
            elif v != u['miles']:
                err(where, f'{tok}: quotes {v:,} mi but feed mileage is {u["miles"]:,}')
        if 'no price in feed' in seg and u['price'] is not None:
            err(where, f'{tok}: says no price but feed has ${u["price"]:,}')
        if 'no mileage in feed' in seg and u['miles'] is not None:
            err(where, f'{tok}: says no mileage but feed has {u["miles"]:,}')
        if 'no colour in feed' in seg and u['colour'] is not None:
            err(where, f'{tok}: says no colour but feed has {u["colour"]}')
    if strict:
        for sm in STOCKLINE_RE.finditer(text):
            s, body = sm.group(1), sm.group(2)
            if s not in feed:
                continue  # already reported
            if body != render(feed, s):
                err(where, f'stock line for {s} differs from feed:\n    got:  {body}\n    feed: {render(feed, s)}')
    for pm in PHONE_RE.finditer(text):
        if pm.group(1) != '555' or not pm.group(2).startswith('01'):
            err(where, f'phone {pm.group(0)} is not in the fictional 555-01xx range')


def read_jsonl(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err(path, f'line {n} is blank'); continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(path, f'line {n}: bad JSON: {e}')
    return out


def main():
    feed_path = FEED_DEFAULT
    if '--feed' in sys.argv:
        feed_path = sys.argv[sys.argv.index('--feed') + 1]
    feed = load_feed(feed_path)
    lower = {k.lower(): k for k in feed}
    print(f'feed: {len(feed)} vehicles from {feed_path}')

    # ---------------- messages ----------------
    msgs = read_jsonl('messages.jsonl')
    ids = set(); hard = 0
    by_reason = Counter(); by_lang = Counter(); by_lang_h = Counter()
    for k, m in enumerate(msgs, 1):
        where = f'messages.jsonl:{k} ({m.get("id")})'
        keys = set(m)
        req = {'id', 'text', 'handover', 'reason', 'language'}
        if not req <= keys: err(where, f'missing keys {req - keys}')
        if keys - req - {'notes'}: err(where, f'unexpected keys {keys - req - {"notes"}}')
        if not re.fullmatch(r'aa-m\d{3}', str(m.get('id', ''))): err(where, 'bad id')
        if m.get('id') in ids: err(where, 'duplicate id')
        ids.add(m.get('id'))
        if not isinstance(m.get('text'), str) or not m['text'].strip(): err(where, 'empty text')
        if not isinstance(m.get('handover'), bool): err(where, 'handover must be boolean')
        r = m.get('reason')
        if r in HANDOVER_REASONS:
            if m.get('handover') is not True: err(where, f'reason {r} requires handover true')
        elif r in NO_HANDOVER_REASONS:
            if m.get('handover') is not False: err(where, f'reason {r} requires handover false')
        else:
            err(where, f'unknown reason {r!r}')
        if m.get('language') not in LANGS: err(where, f'unknown language {m.get("language")!r}')
        if 'notes' in m and (not isinstance(m['notes'], str) or not m['notes'].strip()):
            err(where, 'notes must be a non-empty string when present')
        notes = m.get('notes', '')
        if notes.startswith('HARD:'): hard += 1
        elif 'HARD:' in notes: err(where, 'HARD: must start the notes')
        check_text(feed, lower, where + ' text', m.get('text', ''), strict=False)
        check_text(feed, lower, where + ' notes', notes, strict=True)
        for fake in KNOWN_FAKE:
            if fake in m.get('text', '') and 'not in the feed' not in notes:
                err(where, f'customer quotes fake stock {fake} but notes do not say it is not in the feed')
        by_reason[r] += 1; by_lang[m.get('language')] += 1
        if m.get('handover'): by_lang_h[m.get('language')] += 1
    missing = [r for r in HANDOVER_REASONS + NO_HANDOVER_REASONS if by_reason[r] == 0]
    if missing: err('messages.jsonl', f'reasons not covered: {missing}')
    if len(msgs) < 160: err('messages.jsonl', f'only {len(msgs)} messages (< 160)')
    if hard < 40: err('messages.jsonl', f'only {hard} HARD cases (< 40)')
    n_h = sum(1 for m in msgs if m.get('handover') is True)

    # ---------------- conversations ----------------
    convs = read_jsonl('conversations.jsonl')
    cids = set(); table = []
    for k, c in enumerate(convs, 1):
        where = f'conversations.jsonl:{k} ({c.get("id")})'
        if set(c) != {'id', 'language', 'turns'}: err(where, f'keys must be id, language, turns; got {sorted(c)}')
        if not re.fullmatch(r'aa-c\d{2}', str(c.get('id', ''))): err(where, 'bad id')
        if c.get('id') in cids: err(where, 'duplicate id')
        cids.add(c.get('id'))
        if c.get('language') not in LANGS: err(where, 'unknown language')
        turns = c.get('turns') or []
        if not 4 <= len(turns) <= 7: err(where, f'{len(turns)} customer turns (need 4-7)')
        last = None
        for t, turn in enumerate(turns, 1):
            tw = f'{where} turn {t}'
            if set(turn) != {'customer', 'expect'}: err(tw, f'keys must be customer, expect; got {sorted(turn)}')
            if not isinstance(turn.get('customer'), str) or not turn['customer'].strip(): err(tw, 'empty customer text')
            exp = turn.get('expect')
            if not isinstance(exp, list) or not exp or not all(isinstance(e, str) and e.strip() for e in exp):
                err(tw, 'expect must be a non-empty list of strings'); continue
            marks = [e for e in exp if e.startswith(MARKERS)]
            if len(marks) != 1: err(tw, f'needs exactly one handover marker, found {len(marks)}')
            for e in marks:
                if e.startswith('Handover to a human ('):
                    rr = e[len('Handover to a human ('):].rstrip(')')
                    if rr not in HANDOVER_REASONS: err(tw, f'unknown handover reason {rr!r}')
            last = marks[0] if marks else None
            check_text(feed, lower, tw + ' customer', turn.get('customer', ''), strict=False)
            for e in exp:
                check_text(feed, lower, tw + ' expect', e, strict=True)
        ends = 'yes' if last and last.startswith('Handover to a human') else 'no'
        table.append((c.get('id'), c.get('language'), len(turns), ends))
    if len(convs) < 15: err('conversations.jsonl', f'only {len(convs)} conversations (< 15)')
    if sum(1 for x in table if x[1] == 'es') < 3: err('conversations.jsonl', 'fewer than 3 Spanish conversations')

    # ---------------- README consistency ----------------
    if os.path.exists('README.md'):
        rd = open('README.md', encoding='utf-8').read()
        for r in HANDOVER_REASONS + NO_HANDOVER_REASONS:
            mt = re.search(r'^\| ' + r + r' \| (true|false) \| (\d+) \|', rd, re.M)
            if not mt: err('README.md', f'no count row for {r}')
            elif int(mt.group(2)) != by_reason[r] or (mt.group(1) == 'true') != (r in HANDOVER_REASONS):
                err('README.md', f'count row for {r} says {mt.group(1)} {mt.group(2)}, data has {by_reason[r]}')
        for cid, lang, n, ends in table:
            mt = re.search(r'^\| ' + re.escape(cid) + r' \| (\w+) \| (\d+) \|.*\| (yes|no) \|\s*$', rd, re.M)
            if not mt: err('README.md', f'no table row for {cid}')
            elif (mt.group(1), int(mt.group(2)), mt.group(3)) != (lang, n, ends):
                err('README.md', f'row for {cid} says {mt.groups()}, data has {(lang, n, ends)}')

    # ---------------- report ----------------
    print(f'messages: {len(msgs)}  handover true {n_h} / false {len(msgs) - n_h}  HARD {hard}')
    for r in HANDOVER_REASONS + NO_HANDOVER_REASONS:
        print(f'  {r:24s} {"true " if r in HANDOVER_REASONS else "false"} {by_reason[r]:3d}')
    print('languages: ' + ', '.join(f'{l} {n} (handover {by_lang_h[l]})' for l, n in by_lang.most_common()))
    print(f'  Spanish share: {by_lang["es"] / max(len(msgs), 1):.1%}')
    print(f'conversations: {len(convs)}, customer turns {sum(x[2] for x in table)}, '
          f'ending in handover {sum(1 for x in table if x[3] == "yes")}')
    for cid, lang, n, ends in table:
        print(f'  {cid} {lang} {n} turns, ends in handover: {ends}')
    if errors:
        print(f'\nFAIL: {len(errors)} problem(s)')
        for e in errors: print('  - ' + e)
        sys.exit(1)
    print('\nPASS')


if __name__ == '__main__':
    main()
