#!/usr/bin/env python3
"""Validate eval set AB against the inventory feed. Standard library only.

Run from the set folder:  python3 tools/check.py  [path/to/world_hyundai_matteson.tsv]
The feed path can also be given with the environment variable AB_FEED.
Exit status 0 = all checks pass; 1 = at least one error (each is printed).

Checks
- messages.jsonl: JSON per line, exact key set, id format/uniqueness/sequence, reason known,
  handover == the reason's fixed side, language code known, unique text, English gloss for
  non-en/es messages, HARD notes carry a reason, Spanglish labelled es.
- conversations.jsonl: JSON per line, exact key set, id format/uniqueness, 4-7 turns, each turn
  {customer, expect[]}, exactly one handover-status item per turn, status reason valid.
- Every stock number named anywhere (message text, notes, customer turns, expect items) exists
  in the feed (notes/expect: exact case; customer text: any case). Tokens a message's notes
  declare with "not in feed: X" are allowed for that message only. Illinois ZIPs are ignored.
- notes "stock:" lines "<stock> = <Cond> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>"
  match the feed field by field.
- A parenthesis right after a stock number in expect: any year, colour, price, miles, make or
  model in it must be that unit's; "no price"/"colour not in feed"/"mileage not in feed" must be
  true of it.
- "<stock> at|is|for $X" must be that unit's price.
- Every $ amount in a notes field or expect item must be a feed price of a stock mentioned in the
  same field/item, a difference between two such prices, a figure the customer wrote (so far in
  the conversation; "38", "38k", "38 mil" -> 38,000), or a difference between such a price and
  such a figure. Every "N mi"/"N miles" must be the mileage of a mentioned stock or a customer figure.
- README.md: the reason table, the language counts and the conversation table agree with the data.
"""
import csv, json, os, re, sys, collections, itertools

HERE = os.getcwd()
FEED = (sys.argv[1] if len(sys.argv) > 1 else
        os.environ.get('AB_FEED', '/work/shared/fixtures/inventory/world_hyundai_matteson.tsv'))

HANDOVER = {
    'complaint': True, 'existing_customer_issue': True, 'legal_threat': True, 'ready_to_buy': True,
    'negotiation': True, 'human_request': True, 'appointment_time': True, 'frustration': True,
    'financing_details': True, 'trade_in_firm': True, 'other_handover': True,
    'availability': False, 'features': False, 'price_question': False, 'financing_general': False,
    'hours_location': False, 'photos': False, 'mileage': False, 'comparison': False, 'browsing': False,
    'small_talk': False, 'vehicle_facts': False, 'other_ai': False,
}
LANGS = {'en', 'es', 'pl', 'vi', 'ko', 'fr', 'tl', 'ar', 'uk', 'zh', 'pt', 'hi'}
STATUS_RE = re.compile(r'^(Handover to a human \((?P<r>[a-z_]+)\)|No handover|No handover needed|'
                       r'Handover not yet required|Handover optional)$')

errors = []
def err(where, msg):
    errors.append(f'{where}: {msg}')

# ---------------------------------------------------------------- feed
try:
    with open(FEED, newline='', encoding='utf-8') as f:
        ROWS = list(csv.DictReader(f, delimiter='\t'))
except OSError as e:
    print(f'cannot read feed {FEED}: {e}')
    sys.exit(1)
BY = {r['stock_number']: r for r in ROWS}
BY_LOWER = {k.lower(): k for k in BY}

def price(r):
    p = r['Price'].replace('$', '').replace(',', '')
    return int(float(p)) if p else None

def miles(r):
    return int(r['Mileage']) if r['Mileage'].strip() else None

def trim_text(r):
    return '(trim not given in feed)' if 'matchLevel' in r['Trim'] else r['Trim']

COLOURS = {'white', 'grey', 'gray', 'blue', 'black', 'brown', 'green', 'red', 'burgundy', 'orange', 'silver', 'beige', 'yellow', 'gold'}
MAKES = {r['Make'].lower() for r in ROWS}
MODELS = sorted({r['Model'].lower() for r in ROWS}, key=len, reverse=True)

TOKEN_RE = re.compile(r'(?<![\w$,.\-/])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)(?![\w,])')

def is_zip(tok):
    return tok.isdigit() and 60001 <= int(tok) <= 62999

def stock_tokens(text, where, exact, allowed=()):
    """Return the feed stock numbers named in text; report unknown ones."""
    found = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group(1)
        if tok in BY:
            found.append(tok)
        elif tok.lower() in BY_LOWER:
            if exact:
                err(where, f'stock {tok!r} differs in case from feed {BY_LOWER[tok.lower()]!r}')
            found.append(BY_LOWER[tok.lower()])
        elif tok in allowed or is_zip(tok):
            continue
        elif tok.isdigit() and not any(c.isalpha() for c in tok) and int(tok) < 1000:
            continue
        else:
            err(where, f'stock-like token {tok!r} not in feed')
    return found

def money(s):
    return int(s.replace(',', '').replace('$', '').strip())

def customer_figures(texts):
    out = set()
    for t in texts:
        for m in re.finditer(r'\d[\d,]*(?:\.\d+)?', t):
            try:
                v = float(m.group(0).replace(',', ''))
            except ValueError:
                continue
            out.add(int(v)); out.add(int(round(v * 1000)))
    return out

def check_amounts(text, stocks, cust_texts, where):
    prices = {price(BY[s]) for s in stocks if price(BY[s]) is not None}
    figs = customer_figures(cust_texts)
    allowed = set(prices) | figs
    allowed |= {abs(a - b) for a, b in itertools.combinations(prices, 2)}
    allowed |= {abs(p - c) for p in prices for c in figs}
    for m in re.finditer(r'\$\s?(\d[\d,]*)', text):
        v = money(m.group(1))
        if v not in allowed:
            err(where, f'amount ${v:,} is neither a feed price of a stock named here, a difference of them, nor a customer figure')
    mil = {miles(BY[s]) for s in stocks if miles(BY[s]) is not None}
    for m in re.finditer(r'(?<![\w$])(\d[\d,]*)\s?(?:mi|miles)\b', text):
        v = money(m.group(1))
        if v not in mil and v not in figs:
            err(where, f'mileage {v:,} is not the mileage of a stock named here nor a customer figure')
    # "<stock> at|is|for $X" adjacency
    for m in re.finditer(r'(?<![\w$,.\-/])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?)\s+(?:at|is|for|costs|=)\s+\$(\d[\d,]*)', text):
        s = m.group(1)
        if s in BY and price(BY[s]) != money(m.group(2)):
            err(where, f'{s} quoted at ${money(m.group(2)):,} but feed price is {price(BY[s])}')

def balanced_paren(text, start):
    depth = 0
    for i in range(start, len(text)):
        if text[i] == '(':
            depth += 1
        elif text[i] == ')':
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return text[start + 1:]

def check_parens(text, where):
    for m in re.finditer(r'(?<![\w$,.\-/])([A-Za-z]{2}\d{4,5}[A-Za-z]?|\d{5}[A-Za-z]?) \(', text):
        s = m.group(1)
        if s not in BY:
            continue
        r = BY[s]
        body = balanced_paren(text, m.end() - 1)
        flat = re.sub(r'\([^()]*\)', '', body)  # ignore nested parentheses (other units)
        low = flat.lower()
        for y in re.findall(r'\b((?:19|20)\d\d)\b', flat):
            if y != r['Year']:
                err(where, f'{s}: year {y} but feed says {r["Year"]}')
        if 'colour not in feed' in low or 'color not in feed' in low:
            if r['Color']:
                err(where, f'{s}: says colour not in feed but feed has {r["Color"]}')
        else:
            for w in re.findall(r'[A-Za-z]+', flat):
                if w.lower() in COLOURS:
                    fc = r['Color'].lower().replace('gray', 'grey')
                    if w.lower().replace('gray', 'grey') != fc:
                        err(where, f'{s}: colour {w} but feed says {r["Color"] or "(none)"}')
        if 'no price' in low:
            if price(r) is not None:
                err(where, f'{s}: says no price but feed price is {price(r)}')
        for p in re.findall(r'\$\s?(\d[\d,]*)', flat):
            if money(p) != price(r):
                err(where, f'{s}: price ${money(p):,} but feed says {price(r)}')
        if 'mileage not in feed' in low:
            if miles(r) is not None:
                err(where, f'{s}: says mileage not in feed but feed has {miles(r)}')
        for mi in re.findall(r'(?<![\w$])(\d[\d,]*)\s?mi\b', flat):
            if money(mi) != miles(r):
                err(where, f'{s}: {mi} mi but feed says {miles(r)}')
        for mk in MAKES:
            if re.search(r'\b' + re.escape(mk) + r'\b', low) and mk != r['Make'].lower():
                err(where, f'{s}: make {mk} but feed says {r["Make"]}')
        named = [md for md in MODELS if re.search(r'\b' + re.escape(md) + r'\b', low)]
        if named and r['Model'].lower() not in named:
            err(where, f'{s}: model {named} but feed says {r["Model"]}')

NOTE_STOCK_RE = re.compile(
    r'(?P<stock>[A-Za-z0-9]+) = (?P<cond>New|Used) (?P<year>\d{4}) (?P<desc>[^;,]+), (?P<col>[^,;]+), '
    r'(?P<mi>mileage not in feed|[\d,]+ mi), (?P<pr>no price in feed|\$[\d,]+)')

def check_note_stock_lines(notes, where):
    n = 0
    for m in NOTE_STOCK_RE.finditer(notes):
        n += 1
        s = m.group('stock')
        if s not in BY:
            err(where, f'notes stock line names unknown stock {s}')
            continue
        r = BY[s]
        want_desc = f'{r["Make"]} {r["Model"]} {trim_text(r)}'
        if m.group('cond') != r['Condition']: err(where, f'{s}: condition {m.group("cond")} vs feed {r["Condition"]}')
        if m.group('year') != r['Year']: err(where, f'{s}: year {m.group("year")} vs feed {r["Year"]}')
        if m.group('desc') != want_desc: err(where, f'{s}: "{m.group("desc")}" vs feed "{want_desc}"')
        col = r['Color'] or 'colour not in feed'
        if m.group('col') != col: err(where, f'{s}: colour {m.group("col")} vs feed {col}')
        mi = f'{miles(r):,} mi' if miles(r) is not None else 'mileage not in feed'
        if m.group('mi') != mi: err(where, f'{s}: {m.group("mi")} vs feed {mi}')
        pr = f'${price(r):,}' if price(r) is not None else 'no price in feed'
        if m.group('pr') != pr: err(where, f'{s}: {m.group("pr")} vs feed {pr}')
    return n

def load_jsonl(path):
    out = []
    try:
        with open(path, encoding='utf-8') as f:
            for i, line in enumerate(f, 1):
                if not line.strip():
                    err(f'{path}:{i}', 'blank line'); continue
                try:
                    out.append((i, json.loads(line)))
                except json.JSONDecodeError as e:
                    err(f'{path}:{i}', f'bad JSON: {e}')
    except OSError as e:
        err(path, str(e))
    return out

# ---------------------------------------------------------------- messages
msgs = load_jsonl(os.path.join(HERE, 'messages.jsonl'))
seen_ids, seen_text = set(), {}
reason_n = collections.Counter(); lang_n = collections.Counter(); lang_hand = collections.Counter()
hard_n = 0; note_lines = 0
for i, (ln, o) in enumerate(msgs, 1):
    where = f'messages.jsonl:{ln}'
    if not isinstance(o, dict):
        err(where, 'not an object'); continue
    keys = set(o)
    if not {'id', 'text', 'handover', 'reason', 'language'} <= keys or not keys <= {'id', 'text', 'handover', 'reason', 'language', 'notes'}:
        err(where, f'keys {sorted(keys)}'); continue
    where = f'{o["id"]}'
    if not re.fullmatch(r'ab-m\d{3}', str(o['id'])): err(where, 'bad id format')
    if o['id'] != f'ab-m{i:03d}': err(where, f'id out of sequence (expected ab-m{i:03d})')
    if o['id'] in seen_ids: err(where, 'duplicate id')
    seen_ids.add(o['id'])
    if not isinstance(o['text'], str) or not o['text'].strip(): err(where, 'empty text')
    norm = re.sub(r'\W+', ' ', str(o['text']).lower()).strip()
    if norm in seen_text: err(where, f'duplicate text of {seen_text[norm]}')
    seen_text[norm] = o['id']
    if o['reason'] not in HANDOVER: err(where, f'unknown reason {o["reason"]}'); continue
    if not isinstance(o['handover'], bool) or o['handover'] != HANDOVER[o['reason']]:
        err(where, f'handover {o["handover"]} inconsistent with reason {o["reason"]}')
    if o['language'] not in LANGS: err(where, f'unknown language {o["language"]}')
    notes = o.get('notes', '')
    if not isinstance(notes, str): err(where, 'notes not a string'); notes = ''
    if o['language'] not in ('en', 'es') and 'English:' not in notes:
        err(where, 'non-English message without an English gloss in notes')
    if 'Spanglish' in notes and o['language'] != 'es': err(where, 'Spanglish must be labelled es')
    if notes.startswith('HARD:'):
        hard_n += 1
        if len(notes.split('.')[0]) < 15: err(where, 'HARD note gives no reason')
    elif 'HARD' in notes:
        err(where, 'HARD marker must start the notes')
    allowed = set(re.findall(r'not in feed: ([A-Za-z0-9]+)', notes))
    stock_tokens(o['text'], where + ' text', exact=False, allowed=allowed)
    st = stock_tokens(notes, where + ' notes', exact=True, allowed=allowed)
    note_lines += check_note_stock_lines(notes, where + ' notes')
    check_parens(notes, where + ' notes')
    check_amounts(notes, st, [o['text']], where + ' notes')
    reason_n[o['reason']] += 1; lang_n[o['language']] += 1
    lang_hand[(o['language'], o['handover'])] += 1

missing = set(HANDOVER) - set(reason_n)
if missing: err('messages', f'reasons not covered: {sorted(missing)}')
if len(msgs) < 160: err('messages', f'only {len(msgs)} messages (need >= 160)')
if hard_n < 40: err('messages', f'only {hard_n} HARD cases (need >= 40)')

# ---------------------------------------------------------------- conversations
convs = load_jsonl(os.path.join(HERE, 'conversations.jsonl'))
conv_info = {}
turns_total = 0
for ln, o in convs:
    where = f'conversations.jsonl:{ln}'
    if not isinstance(o, dict) or set(o) != {'id', 'language', 'turns'}:
        err(where, f'keys {sorted(o) if isinstance(o, dict) else type(o)}'); continue
    cid = o['id']; where = cid
    if not re.fullmatch(r'ab-c\d{2}', str(cid)): err(where, 'bad id format')
    if cid in conv_info: err(where, 'duplicate id')
    if o['language'] not in LANGS: err(where, f'unknown language {o["language"]}')
    turns = o['turns']
    if not isinstance(turns, list) or not 4 <= len(turns) <= 7:
        err(where, f'needs 4-7 turns, has {len(turns) if isinstance(turns, list) else "?"}'); continue
    cust_so_far = []; statuses = []
    for k, t in enumerate(turns, 1):
        tw = f'{cid} t{k}'
        if not isinstance(t, dict) or set(t) != {'customer', 'expect'}:
            err(tw, 'turn keys must be customer, expect'); continue
        if not isinstance(t['customer'], str) or not t['customer'].strip(): err(tw, 'empty customer text')
        ex = t['expect']
        if not isinstance(ex, list) or not ex or not all(isinstance(e, str) and e.strip() for e in ex):
            err(tw, 'expect must be a non-empty list of strings'); continue
        cust_so_far.append(t['customer'])
        stock_tokens(t['customer'], tw + ' customer', exact=False)
        st_items = [s for s in ex if STATUS_RE.match(s)]
        if len(st_items) != 1:
            err(tw, f'needs exactly one handover-status item, has {len(st_items)}')
            statuses.append('?')
        else:
            m = STATUS_RE.match(st_items[0])
            if m.group('r'):
                if m.group('r') not in HANDOVER or not HANDOVER[m.group('r')]:
                    err(tw, f'handover reason {m.group("r")} is not a handover reason')
                statuses.append('H')
            else:
                statuses.append(st_items[0])
        for e in ex:
            st = stock_tokens(e, tw + ' expect', exact=True)
            check_parens(e, tw + ' expect')
            check_amounts(e, st, cust_so_far, tw + ' expect')
    turns_total += len(turns)
    conv_info[cid] = dict(lang=o['language'], turns=len(turns), statuses=statuses)
if len(conv_info) < 15: err('conversations', f'only {len(conv_info)} conversations (need >= 15)')
if sum(1 for c in conv_info.values() if c['lang'] == 'es') < 3: err('conversations', 'fewer than 3 Spanish conversations')

# ---------------------------------------------------------------- README
try:
    readme = open(os.path.join(HERE, 'README.md'), encoding='utf-8').read()
except OSError as e:
    readme = ''; err('README.md', str(e))
if readme:
    rows = dict(re.findall(r'^\| ([a-z_]+) \| (?:true|false) \| (\d+) \|$', readme, re.M))
    for r in HANDOVER:
        if int(rows.get(r, -1)) != reason_n[r]:
            err('README.md', f'reason {r}: README says {rows.get(r)}, data has {reason_n[r]}')
    tot = re.search(r'\*\*total\*\* \| \| \*\*(\d+)\*\*', readme)
    if not tot or int(tot.group(1)) != len(msgs): err('README.md', 'total row does not match')
    for lang, n in lang_n.items():
        if not re.search(rf'`{lang}` {n}\b', readme):
            err('README.md', f'language count `{lang}` {n} not stated')
    for cid, c in conv_info.items():
        short = cid
        m = re.search(rf'^\| {re.escape(short)} \| (\w+) \| (\d+) \| .*\| (yes|no)[^|]*\|$', readme, re.M)
        if not m:
            err('README.md', f'conversation {cid} missing from the table'); continue
        if m.group(1) != c['lang'] or int(m.group(2)) != c['turns']:
            err('README.md', f'{cid}: table says {m.group(1)}/{m.group(2)} turns, data {c["lang"]}/{c["turns"]}')
        ends = c['statuses'][-1] == 'H'
        if (m.group(3) == 'yes') != ends:
            err('README.md', f'{cid}: "ends in handover" is {m.group(3)} but last turn status is {c["statuses"][-1]}')
        mids = [f't{k}' for k, s in enumerate(c['statuses'][:-1], 1) if s == 'H']
        for t in mids:
            if not re.search(rf'^\| {re.escape(short)} \|.*handover at {t}\b', readme, re.M):
                err('README.md', f'{cid}: mid-conversation handover at {t} not noted in the table')

# ---------------------------------------------------------------- report
hand = sum(1 for _, o in msgs if isinstance(o, dict) and o.get('handover') is True)
print(f'feed: {FEED} ({len(ROWS)} vehicles)')
print(f'messages: {len(msgs)}  handover true {hand} / false {len(msgs) - hand}  HARD {hard_n}  notes stock lines checked {note_lines}')
print('by reason:')
for r in HANDOVER:
    print(f'  {r:<24} {str(HANDOVER[r]).lower():<5} {reason_n[r]}')
es = lang_n.get('es', 0)
print('by language: ' + ', '.join(f'{k} {v}' for k, v in lang_n.most_common()) +
      f'  (es {es}/{len(msgs)} = {100 * es / max(1, len(msgs)):.1f}%: {lang_hand[("es", True)]} handover, {lang_hand[("es", False)]} not)')
ends = sum(1 for c in conv_info.values() if c['statuses'][-1] == 'H')
anyh = sum(1 for c in conv_info.values() if 'H' in c['statuses'])
print(f'conversations: {len(conv_info)}  turns {turns_total}  languages ' +
      ', '.join(f'{k} {v}' for k, v in collections.Counter(c['lang'] for c in conv_info.values()).most_common()) +
      f'  end in handover {ends}, contain a handover {anyh}')
if errors:
    print(f'\n{len(errors)} ERROR(S):')
    for e in errors:
        print('  ' + e)
    sys.exit(1)
print('OK: all checks passed')
