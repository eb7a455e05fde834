"""Helpers that turn feed queries into the notes/expect notation of set V.

Notation (documented in README.md):
  <stock> = <description>           unit in notes
  <stock> (<description>)           unit in expect
  [kind: k=v; k=v] {units}          the units are exactly the result of the query
                                    (kind: all, cheapest, priciest, newest, oldest,
                                     lowest-miles, most-miles), a subset of it (some),
                                    or there is no such unit (none -> {none in stock});
                                    [colors: q] {A, B} = the set of colours of the matches,
                                    [count: q] {N} = number of matches
"""
import feed


def parse_query(qs):
    q = {}
    for part in qs.split(";"):
        part = part.strip()
        if not part:
            continue
        k, v = part.split("=", 1)
        q[k.strip()] = v.strip()
    return q


def U(stock):
    return f"{stock} = {feed.by_stock(stock).desc()}"


def P(stock):
    return f"{stock} ({feed.by_stock(stock).desc()})"


def _order(us):
    return sorted(us, key=lambda u: (u.year, u.price is None, u.price or 0, u.stock))


def T(kind, qs, style="n", pick=None):
    """Tagged list. style n = notes (U), e = expect (P). pick: stocks for 'some'."""
    q = parse_query(qs)
    fmt = U if style == "n" else P
    if kind == "colors":
        res = feed.select("all", q)
        assert res, qs
        cols = sorted({u.color or "(not given)" for u in res})
        return f"[colors: {qs}] {{" + ", ".join(cols) + "}"
    if kind == "count":
        return f"[count: {qs}] {{{len(feed.select('all', q))}}}"
    if kind == "none":
        res = feed.select("all", q)
        assert not res, (qs, [u.stock for u in res])
        return f"[none: {qs}] {{none in stock}}"
    if kind == "some":
        assert pick, qs
        for s in pick:
            assert feed.matches(feed.by_stock(s), q), (qs, s)
        res = [feed.by_stock(s) for s in pick]
    else:
        res = feed.select(kind, q)
    assert res, (kind, qs)
    return f"[{kind}: {qs}] {{" + "; ".join(fmt(u.stock) for u in _order(res)) + "}"


def Te(kind, qs, pick=None):
    return T(kind, qs, "e", pick)


def stocks(kind, qs):
    return [u.stock for u in _order(feed.select(kind, parse_query(qs)))]


def DIFF(a, b):
    ua, ub = feed.by_stock(a), feed.by_stock(b)
    return f"price difference ({a} minus {b}) is ${ua.price - ub.price:,}"


def shared_image_count(stock):
    u = feed.by_stock(stock)
    return sum(1 for x in feed.units() if x.image_url == u.image_url)
