"""Load the World Hyundai of Matteson feed and filter it (standard library only)."""
import os

SET = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the set's folder
import csv

FEED = os.path.join(SET, '..', '..', '..', 'tests', 'fixtures', 'inventory', 'world_hyundai_matteson.tsv')
GARBAGE = 'value matchLevel none matchedWords'


def _num(s):
    s = (s or '').replace('$', '').replace(',', '').strip()
    return float(s) if s else None


def load(path=FEED):
    rows = list(csv.DictReader(open(path, newline='', encoding='utf-8'), delimiter='\t'))
    for r in rows:
        r['price'] = _num(r['Price'])
        r['miles'] = int(_num(r['Mileage'])) if _num(r['Mileage']) is not None else None
        r['year'] = int(r['Year'])
    return rows


ROWS = load()
BY_STOCK = {r['stock_number']: r for r in ROWS}


def _in(val, want):
    if isinstance(want, (list, tuple, set)):
        return val in want
    return val == want


def sel(spec):
    """spec keys: stocks, cond, make, model, year, color, dt, fuel, type, trans,
    price_max, price_min, miles_max, miles_min, has_price, trim_has, sort ('price'|'miles'|'-year'), take."""
    out = []
    for r in ROWS:
        s = spec
        if 'stocks' in s and r['stock_number'] not in s['stocks']: continue
        if 'cond' in s and r['Condition'] != s['cond']: continue
        if 'make' in s and not _in(r['Make'], s['make']): continue
        if 'model' in s and not _in(r['Model'], s['model']): continue
        if 'year' in s and not _in(r['year'], s['year']): continue
        if 'color' in s and not _in(r['Color'], s['color']): continue
        if 'dt' in s and not _in(r['Drivetrain'], s['dt']): continue
        if 'fuel' in s and not _in(r['Fuel Type'], s['fuel']): continue
        if 'type' in s and not _in(r['Type'], s['type']): continue
        if 'trans' in s and not _in(r['Transmission'], s['trans']): continue
        if 'trim_has' in s and s['trim_has'].lower() not in r['Trim'].lower(): continue
        if 'has_price' in s and (r['price'] is not None) != s['has_price']: continue
        if 'price_max' in s and (r['price'] is None or r['price'] > s['price_max']): continue
        if 'price_min' in s and (r['price'] is None or r['price'] < s['price_min']): continue
        if 'miles_max' in s and (r['miles'] is None or r['miles'] > s['miles_max']): continue
        if 'miles_min' in s and (r['miles'] is None or r['miles'] < s['miles_min']): continue
        out.append(r)
    key = spec.get('sort')
    if key == 'price':
        out = sorted([r for r in out if r['price'] is not None], key=lambda r: r['price'])
    elif key == 'miles':
        out = sorted([r for r in out if r['miles'] is not None], key=lambda r: r['miles'])
    elif key == '-year':
        out = sorted(out, key=lambda r: -r['year'])
    if 'take' in spec:
        out = out[:spec['take']]
    return out


def price_s(r):
    return '${:,.0f}'.format(r['price']) if r['price'] is not None else 'no price in feed'


def miles_s(r):
    return '{:,} mi'.format(r['miles']) if r['miles'] is not None else 'mileage not given in feed'


def trim_s(r):
    return 'trim not given in feed' if r['Trim'].startswith('value matchLevel') else r['Trim']


def color_s(r):
    return r['Color'] or 'colour not given in feed'


def desc(r, cond=True):
    """'<Condition> <Year> <Make> <Model> <Trim>, <Colour>, <miles>, <price>' plus drivetrain/fuel."""
    head = '{} {} {} {} {}'.format(r['Condition'], r['Year'], r['Make'], r['Model'], trim_s(r))
    if not cond:
        head = head.split(' ', 1)[1]
    return '{}, {}, {}, {}, drivetrain {}'.format(head, color_s(r), miles_s(r), price_s(r), r['Drivetrain'] or 'not given')


def unit(stock):
    r = BY_STOCK[stock]
    return '{} ({})'.format(stock, desc(r, cond=True))


def quirks(r):
    """Feed quirks worth flagging next to a unit."""
    q = []
    t = r['Trim'].upper()
    dt = r['Drivetrain']
    if any(k in t for k in ('AWD', '4X4', '4WD', 'QUATTRO', '4MOTION')) and dt in ('FWD', 'RWD'):
        q.append('trim/drivetrain conflict: trim says AWD/4x4, drivetrain field ' + dt)
    if 'FWD' in t and dt in ('AWD', '4X4', 'RWD') and not any(k in t for k in ('AWD', '4WD', '4X4')):
        q.append('trim/drivetrain conflict: trim says FWD, drivetrain field ' + dt)
    if '2WD' in t and dt in ('AWD', '4X4'):
        q.append('trim/drivetrain conflict: trim says 2WD, drivetrain field ' + dt)
    if ('Hybrid' in r['Model'] or 'HEV' in t or 'HYBRID' in t) and r['Fuel Type'] != 'Hybrid':
        q.append('hybrid, fuel labelled ' + (r['Fuel Type'] or 'blank'))
    elif r['Fuel Type'] == 'Electric' and 'Prius' in r['Model']:
        q.append('plug-in hybrid labelled Electric')
    if 'IVT' in t and r['Transmission'] == 'Manual':
        q.append('transmission field Manual but trim says IVT (a CVT)')
    return q


def stock_notes(rows):
    out = []
    for r in rows:
        s = '{} = {}'.format(r['stock_number'], desc(r))
        q = quirks(r)
        if q:
            s += ' [' + '; '.join(q) + ']'
        out.append(s)
    return ' | '.join(out)
