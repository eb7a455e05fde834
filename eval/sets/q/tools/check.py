"""Check the set's folder against the feed. Standard library only. Prints problems and a summary; exit 1 if any."""
import os

SET = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the set's folder
import json, re, sys, os
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feed

ROOT = sys.argv[1] if len(sys.argv) > 1 else SET
STOCKS = set(feed.BY_STOCK)
HANDOVER = {
    'complaint': True, 'existing_customer_issue': True, 'legal_threat': True, 'ready_to_buy': True,
    'negotiation': True, 'human_request': True, 'appointment_time': True, 'frustration': True,
    'financing_details': True, 'trade_in_firm': True, 'other_handover': True,
    'availability': False, 'features': False, 'price_question': False, 'financing_general': False,
    'hours_location': False, 'photos': False, 'mileage': False, 'comparison': False, 'browsing': False,
    'small_talk': False, 'vehicle_facts': False, 'other_ai': False,
}
STOCKLIKE = re.compile(r'\b(?:[A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Z]?)\b')
PRICE = re.compile(r'\$(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?')
MILES = re.compile(r'\b(\d[\d,]*) mi\b')
DIFF = re.compile(r'between (\S+) and (\S+): ([\d,]+) dollars')
problems = []


def P(where, msg):
    problems.append('{}: {}'.format(where, msg))


def stocks_in(text):
    found = []
    for tok in re.findall(r'[A-Za-z0-9]+', text):
        if tok in STOCKS and tok not in found:
            found.append(tok)
    return found


def check_segment(where, seg):
    """Every stock-like token exists; every price / mileage matches a stock named in the same segment."""
    for tok in STOCKLIKE.findall(seg):
        if tok not in STOCKS:
            P(where, 'unknown stock-like token {!r}'.format(tok))
    st = stocks_in(seg)
    prices = {feed.BY_STOCK[s]['price'] for s in st}
    miles = {feed.BY_STOCK[s]['miles'] for s in st}
    for p in PRICE.findall(seg):
        v = float(p.replace(',', ''))
        if not st:
            P(where, 'price ${} with no stock number in the same item'.format(p))
        elif v not in prices:
            P(where, 'price ${} matches none of {}'.format(p, st))
    for mm in MILES.findall(seg):
        v = int(mm.replace(',', ''))
        if not st:
            P(where, 'mileage {} mi with no stock number in the same item'.format(mm))
        elif v not in miles:
            P(where, 'mileage {} mi matches none of {}'.format(mm, st))
    for a, b, d in DIFF.findall(seg):
        a, b = a.rstrip(':'), b.rstrip(':')
        if a not in STOCKS or b not in STOCKS:
            P(where, 'difference names unknown stock')
        elif abs(feed.BY_STOCK[a]['price'] - feed.BY_STOCK[b]['price']) != float(d.replace(',', '')):
            P(where, 'difference {} wrong for {} vs {}'.format(d, a, b))


# ------------------------------------------------------------------ messages
msgs = [json.loads(l) for l in open(os.path.join(ROOT, 'messages.jsonl'), encoding='utf-8') if l.strip()]
mspecs = json.load(open(os.path.join(ROOT, 'tools/specs_messages.json')))
ids = [m['id'] for m in msgs]
if len(msgs) != 160: P('messages', 'count {} != 160'.format(len(msgs)))
if len(set(ids)) != len(ids): P('messages', 'duplicate ids')
if sorted(ids) != ['qm%03d' % i for i in range(1, 161)]: P('messages', 'ids are not exactly qm001..qm160')
texts = [m['text'].strip().lower() for m in msgs]
for t, n in Counter(texts).items():
    if n > 1: P('messages', 'duplicate text {!r}'.format(t))
for m in msgs:
    w = m.get('id')
    if set(m) != {'id', 'text', 'handover', 'reason', 'language', 'notes'}: P(w, 'fields {}'.format(sorted(m)))
    if m['reason'] not in HANDOVER: P(w, 'unknown reason ' + m['reason']); continue
    if m['handover'] is not HANDOVER[m['reason']]: P(w, 'handover does not match reason')
    if m['language'] != 'en' and 'gloss' not in m['notes']: P(w, 'non-English without gloss')
    notes = m['notes']
    for seg in re.split(r' \| |(?<=\.) (?=[A-Z])', notes):
        check_segment(w, seg)
    if w in mspecs:
        rows = feed.sel(mspecs[w])
        want = [r['stock_number'] for r in rows]
        if 'stock: ' in notes:
            sect = notes.split('stock: ', 1)[1]
            got = stocks_in(sect)
            if got != want: P(w, 'stock list {} != filter {}'.format(got, want))
        elif want:
            P(w, 'filter has units but notes have no stock: section')
        elif 'none in stock' not in notes:
            P(w, 'empty filter but notes do not say none in stock')
    elif stocks_in(m['text']) and 'stock:' not in notes:
        P(w, 'text names a stock number but notes list no stock')
hc = Counter(m['handover'] for m in msgs)
if hc[True] != 80 or hc[False] != 80: P('messages', 'handover split {}'.format(dict(hc)))
hard = Counter(m['handover'] for m in msgs if m['notes'].startswith('HARD:'))
if not (36 <= sum(hard.values()) <= 44) or abs(hard[True] - hard[False]) > 2: P('messages', 'HARD split {}'.format(dict(hard)))
for m in msgs:
    if 'HARD' in m['notes'] and not m['notes'].startswith('HARD: '): P(m['id'], 'HARD not at start of notes')
lang = Counter(m['language'] for m in msgs)
es_share = lang['es'] / len(msgs)
if not (0.12 <= es_share <= 0.18): P('messages', 'Spanish share {:.0%}'.format(es_share))

# ------------------------------------------------------------------ conversations
convs = [json.loads(l) for l in open(os.path.join(ROOT, 'conversations.jsonl'), encoding='utf-8') if l.strip()]
cspecs = json.load(open(os.path.join(ROOT, 'tools/specs_convs.json')))
cids = [c['id'] for c in convs]
if cids != ['qc%02d' % i for i in range(1, 17)]: P('conversations', 'ids are not qc01..qc16 in order')
MARK = ('Handover to a human (', 'No handover', 'Handover not yet required', 'Handover optional')
ends = Counter()
used_specs = set()
for c in convs:
    cid = c['id']
    if set(c) != {'id', 'language', 'turns'}: P(cid, 'fields')
    if not 5 <= len(c['turns']) <= 7: P(cid, '{} turns'.format(len(c['turns'])))
    for ti, t in enumerate(c['turns']):
        if set(t) != {'customer', 'expect'} or not t['customer'].strip() or not t['expect']:
            P('{}/{}'.format(cid, ti), 'bad turn')
        if not any(e.startswith(MARK) for e in t['expect']):
            P('{}/{}'.format(cid, ti), 'no handover marker')
        for ei, e in enumerate(t['expect']):
            w = '{}/{}/{}'.format(cid, ti, ei)
            for r in re.findall(r'Handover to a human \(([^)]*)\)', e):
                if HANDOVER.get(r) is not True: P(w, 'bad handover reason ' + r)
            check_segment(w, e)
            if e.startswith(('Lists exactly', 'Names exactly')):
                if w not in cspecs: P(w, 'Lists exactly without a stored filter'); continue
                used_specs.add(w)
                want = [r['stock_number'] for r in feed.sel(cspecs[w])]
                got = stocks_in(e)
                if sorted(got) != sorted(want): P(w, 'list {} != filter {}'.format(got, want))
                if not want: P(w, 'empty Lists exactly')
    last = c['turns'][-1]['expect']
    ends['handover' if any(e.startswith('Handover to a human (') for e in last) else 'none'] += 1
for k in set(cspecs) - used_specs: P(k, 'stored filter not used by a Lists exactly item')
if ends['handover'] != 10 or ends['none'] != 6: P('conversations', 'endings {}'.format(dict(ends)))
cl = Counter(c['language'] for c in convs)
if cl['es'] != 3: P('conversations', 'Spanish conversations {}'.format(cl['es']))

# ------------------------------------------------------------------ report
print('messages: {} (handover true {}, false {}); HARD {} (true {}, false {})'.format(
    len(msgs), hc[True], hc[False], sum(hard.values()), hard[True], hard[False]))
print('languages:', dict(lang.most_common()))
print('reasons:', dict(Counter(m['reason'] for m in msgs).most_common()))
print('conversations: {}, turns {}, languages {}, endings {}'.format(
    len(convs), sum(len(c['turns']) for c in convs), dict(cl), dict(ends)))
print('filters re-checked: {} message notes, {} Lists/Names exactly items'.format(len(mspecs), len(used_specs)))
for p in problems:
    print('PROBLEM', p)
print('{} problems'.format(len(problems)))
sys.exit(1 if problems else 0)
