"""Numbers in a message: budgets, monthly payments, down payments, mileage and model years, with their
comparators (under, over, around, ranges).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from showroom.brain.nlu.text import rx
from showroom.brain.nlu.understanding import Slots
from showroom.brain.nlu.when import find_day, part_of_day

_NUM_RE = re.compile(
    r"(?P<cur>\$\s?)?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    # "20 grand" is money; "the 2020 grand cherokee" a year and a model
    r"(?:\s?(?P<suf>k|grand(?! (?:cherokee|caravan|highlander|wagoneer|vitara|marquis|prix|am))|thousand|mil)\b)?"
)
_MILEAGE_AFTER = rx(  # "90k+ miles" too
    r"^\s*(?:k\s*)?\+?\s*(?:mil\s+)?"
    r"(?:miles?\b|mi\b|mileage\b|on (?:it|the (?:clock|odometer|odo))\b|odo|millas\b|millaje\b)"
)
_MILEAGE_BEFORE = rx(r"(?:mileage|miles|odometer)\s*(?:of|is|around|under|below|less than|at|:)?\s*$")
_MONTHLY_AFTER = rx(
    r"^\s*(?:/\s*(?:mo|month|mth|m)\b",
    r"(?:a|per|each|every|an|/)\s*(?:mo|mon|month|mth)\b",
    r"monthly\b|mo\b|mos\b)",
)
_MONTHLY_BEFORE = rx(r"\b(?:payments?|pmts?|monthly)\b[^.?!$\d]{0,25}$")
# what is still owed on the customer's car: a payoff, not a budget and not miles ("i owe 14,500 on it")
_PAYOFF_BEFORE = rx(
    r"\b(?:owe|owed|owing|payoff|pay-?off|pay off|debo|debe|debemos|le debo|deuda)\b[^.?!$\d]{0,22}\$?\s*$"
)
_PAYOFF_AFTER = rx(
    r"^\s*(?:k\b|grand\b|thousand\b|mil\b)?\s*(?:left )?(?:owed|to pay off|left on (?:it|the loan|my loan))"
)
_DOWN_AFTER = rx(r"^\s*(?:down\b|as (?:a )?down|for (?:a |the )?down)")
_DOWN_BEFORE = rx(r"\bdown(?:\s*payment)?\s*(?:of|is|would be|:)?\s*(?:about|around|like)?\s*$")
_IGNORE_BEFORE = rx(
    r"\b(?:owe|owing|payoff|pay off|offered|quoted|gave me|give me|get|deposit|off|save|saved|rebate|fee|debo|debe"
    r"|the extra|an extra|difference of|diferencia de"
    r"|debemos)\b"
    r"[^.?!]{0,12}$"
)
_IGNORE_AFTER = rx(
    # "they gave me 12k for my car" is a trade's value; "under 30k for my daughter" is a budget
    r"^\s*(?:off\b|discount|rebate|cash back|deposit|for (?:my|it|the trade|a trade|our)(?! (?:daughter|son|wife|"
    r"husband|kids?|mom|mother|dad|father|family|teen|girlfriend|boyfriend|grand\w+|fianc\w*|first car|new car|"
    r"commute))"
    r"|on my|in (?:fees|taxes)"
    # "7 grand cheaper", "5k more than the other", "3000 difference": a gap between two prices, not a budget
    r"|(?:k\b|grand\b|thousand\b|mil\b)?\s*(?:cheaper|more expensive|pricier|more than|less than (?:the|that|it|this)"
    r"|less\s*(?:[.,!?]|$|than|there|at|on|over|from|elsewhere)"  # "the same rogue for like $1,500 less"
    r"|difference|apart|extra|m[aá]s barat[oa]|m[aá]s car[oa]|de diferencia)",
    r"(?:year|yr)s?\b|people|seats?|rows?|kids|passengers|days?|weeks?|months?|hours?|hp\b|horsepower|mpg",
    r"(?:am|pm)\b|o'?clock|doors?|cyl|cylinders?|speed|%|percent|miles? (?:away|from)|minutes?|min\b"
    r"|lbs?\b|pounds?\b|libras\b|kg\b|kilos?\b|tons?\b|towing|tow\b|sq|ft\b|feet|inch|in\.)",
)
_BUDGET_CUE = rx(
    r"\b(?:budget|spend|spending|afford|under|below|less than|max|maximum|up to|upto|at most|no more than",
    r"around|about|between|price range|range|over|above|at least|cap|roughly|near|do|take|pay|paying|cash",
    r"have|got|approved for|looking at|something for|menos de|m[aá]ximo|hasta|presupuesto|alrededor de|como",
    r"entre|m[aá]s de|por)\b[^.?!]{0,20}$",
)
_CMP_MAX = rx(
    r"(?:under|below|less than|lower than|no more than|not more than|not over|max(?:imum)?(?: of)?|up to|upto",
    r"at most|within|cap(?:ped)? at|<|tops|no higher than|nothing over|beneath|cheaper than|menos de|m[aá]ximo",
    r"hasta|no m[aá]s de|por debajo de|abajo de)",
)
_CMP_MAX_TAIL = r"(?:\s+(?:about|around|like|roughly|maybe|approx(?:imately)?|\$)){0,2}\s*$"
_CMP_MAX_BEFORE = re.compile(f"(?:{_CMP_MAX.pattern}){_CMP_MAX_TAIL}")
_CMP_MIN_BEFORE = rx(
    r"(?:over|above|more than|at least|minimum(?: of)?|min|starting at|>|north of|m[aá]s de)"
    r"(?:\s+(?:like|about|around|maybe|roughly))?\s*$"  # "cant spend more than like 30k"
)
_CMP_AROUND_BEFORE = rx(
    r"(?:around|about|approx(?:imately)?|roughly|~|close to|ballpark|near|somewhere around|in the|like"
    r"|alrededor de|como|unos)\s*$"
)
_CMP_MAX_AFTER = rx(
    r"^\s*(?:or (?:less|under|below|lower|cheaper)|max\b|tops\b|at most|maximum"
    # "more than 30k is too much", "anything over 25k is out of my budget": where the limit is
    r"|(?:is|would be|gets?) (?:too (?:much|high|expensive|pricey)|out of (?:my|our) (?:budget|range)|a no)\b)"
)
_CMP_MIN_AFTER = rx(r"^\s*(?:or (?:more|higher|above)|\+|plus\b|and up\b|minimum)")
_CMP_AROUND_AFTER = rx(r"^\s*(?:ish\b|or so\b|range\b|-ish|give or take)")
_YEAR_MIN_AFTER = rx(
    r"^\s*(?:\+|or (?:newer|later|above|up|higher|after|a newer one)|and (?:newer|up|later|above|after)",
    r"plus\b|onwards?\b|or more recent|and beyond|or better|para arriba|hacia arriba|en adelante|o m[aá]s nuev[oa]s?",
    r"o m[aá]s recientes?|o despu[eé]s)",
)
_YEAR_MAX_AFTER = rx(r"^\s*(?:or (?:older|earlier|before)|and (?:older|earlier|below))")
_YEAR_AFTER_BEFORE = rx(r"\b(?:newer than|after|later than)\s*(?:a|an|the)?\s*$")
_YEAR_MIN_BEFORE = rx(
    r"\b(?:at least|no older than|minimum|from|since|starting|min|desde|a partir del?|m[ií]nimo)"
    r"\s*(?:a|an|the|el)?\s*$",
    # "nothing older than 2022", "not older than 2022": 2022 is the oldest wanted
    r"\b(?:nothing|none|not|nada|no es|anything but)\s+(?:\w+\s+)?older than\s*(?:a|an|the)?\s*$",
)
_YEAR_OLDER_BEFORE = rx(r"\b(?:older than|before|earlier than|prior to)\s*(?:a|an|the)?\s*$")
_YEAR_MAX_BEFORE = rx(
    r"\b(?:no newer than|up to|until|at most)\s*(?:a|an|the)?\s*$",
    r"\b(?:nothing|none|not|nada)\s+(?:\w+\s+)?newer than\s*(?:a|an|the)?\s*$",
)
_YEAR_CONTEXT_BEFORE = rx(
    r"\b(?:a|an|the|year|model year|is|are|like|want|need|only|just|solo|s[oó]lo|de|del|modelo|a[nñ]o|la|el|las|los"
    r"|son|sean|es"
    r"|una?|meant|mean|said|wanted|prefer|rather|actually|make it)\s*$",
    # "the brown 2021", "la blanca 2025": a car of the list by its colour and year
    r"\b(?:the|that|la|el|esa|ese)\s+(?:white|black|gr[ae]y|silver|red|blue|green|brown|beige|gold|burgundy|blanc[oa]"
    r"|negr[oa]|gris|roj[oa]|azul|verde|caf[eé]|plata|vino)\s*$",
)
_ASKING_FOR = rx(r"\b(?:have|got|any|show|looking|see|carry|stock|need|want)\b")  # "what do u have in 2025"
# "2025 not 2024": the year said, and the one it corrects
_YEAR_CONTEXT_AFTER = rx(
    r"^\s*(?:only|ones?|models?|please|pls|solamente|nada m[aá]s|nom[aá]s)\b",
    r"^\s*,?\s*(?:not|no) (?:the )?(?:19|20)\d\d\b",
    # "2022 and under 38k", "las que son 2022 y de menos de 38 mil": a year, then the budget
    r"^\s*,?\s*(?:and|y|&)\s+(?:de\s+)?(?:under|below|less|cheaper|menos|up to|hasta|max)\b",
)
_YEAR_TURNED_DOWN = rx(r"\b(?:not|no|instead of)\s+(?:the\s+|a\s+)?$")
_VEHICLE_NOUN = rx(
    r"^\s*(?:model\b|or (?:so|newer|later)",
    r"\w*\s?(?:car|cars|suv|suvs|truck|trucks|sedan|van|minivan|vehicle|one|ones|coupe|hatchback|crossover|model)\b)",
)


@dataclass
class _Num:
    start: int
    end: int
    value: float
    cur: bool
    suf: bool
    digits: str
    apostrophe: bool
    kind: str = "plain"  # year, mileage, monthly, down, budget, ignore, plain
    cmp: str = ""  # max, min, around, range_min, range_max


def _clause_before(text: str, start: int, size: int = 40) -> str:
    return re.split(r"[.!?;\n]", text[max(0, start - size) : start])[-1]


def _find_numbers(masked: str) -> list[_Num]:
    numbers: list[_Num] = []
    for m in _NUM_RE.finditer(masked):
        digits = m.group("num").replace(",", "")
        value = float(digits + (m.group("dec") or "")) * (1000 if m.group("suf") else 1)
        start = m.start("cur") if m.group("cur") else m.start("num")
        apostrophe = start > 0 and masked[start - 1] == "'"
        numbers.append(_Num(start, m.end(), value, bool(m.group("cur")), bool(m.group("suf")), digits, apostrophe))
    for num in numbers:
        _classify(masked, num)
    _link_ranges(masked, numbers)
    return numbers


# A bare two-digit price limit ("under 30", "below 25", "menos de 25"): thousands, unless a unit or an age follows
_BARE_BEFORE = re.compile(
    r"(?<!years )(?<!kids )(?<!kids are )\b(?:under|below|less than|no more than|max(?:imum)?|up to|tops"
    r"|budget(?: is| of)?(?: around| about| like)?|around|about|like|max of|menos de|hasta|m[aá]ximo"
    r"|presupuesto(?: es)?(?: de)?)\s*$",
    re.IGNORECASE,
)
# "would you take 37 for it", "can you do 35", "me la dejan en 37": an offer (in thousands when said bare)
_OFFER_BEFORE = re.compile(
    r"\b(?:(?:would|will|could|can) (?:you|u|ya)(?: guys| all|'?all)? (?:take|do|go|accept)"
    r"|(?:would|will) (?:y'?all|yall) (?:take|do|go|accept)|(?:i'?ll|ill|i can|i could|i'?d|id) (?:do|pay"
    r"|offer|give you)|me (?:la|lo) dej(?:a|an|as) en)\s*(?:like |about |around )?\$?\s*$",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\s*(?:miles?\b|mi\b|min\b|mins\b|minutes?|hours?|hrs?\b|years?|yrs?\b|yo\b|mpg|%|percent|seats?|people"
    r"|passengers|km\b|days?|weeks?|months?|millas|años|minutos|grados|degrees|kids|ft|feet|inch|in\b|gallons?"
    r"|mil millas)",
    re.IGNORECASE,
)


# "i drive 50 miles a day", "a 40 mile commute each way": how far they drive, not a car's miles
_DISTANCE_AFTER = re.compile(
    r"^\s*(?:k\s*)?(?:miles?|millas)\s+(?:a|per|each|every|al|por)\s+(?:day|week|month|year|way|d[ií]a|semana|mes)\b"
    r"|^\s*(?:miles?|millas)\s+(?:round[\s-]trip|each way|to (?:work|school)|de ida)\b"
    r"|^\s*mile\s+(?:commute|drive|trip)\b",
    re.IGNORECASE,
)


_CLOCK_WORDS = rx(r"\b(?:weekend|o'?clock|a\.?m|p\.?m|tarde|noche)\b")


def _names_when(text: str) -> bool:
    """A day or a part of one in the message: "around 10" is then a clock time ("sat morning, like 10")."""
    return find_day(text) is not None or part_of_day(text) is not None or bool(_CLOCK_WORDS.search(text))


_ONE_AFTER = rx(r"^\s*(?:one|ones|uno|una)\b")


def _classify(text: str, num: _Num) -> None:
    after = text[num.end : num.end + 24]
    before = _clause_before(text, num.start)
    plain = not num.cur and not num.suf
    if _DISTANCE_AFTER.match(after):
        num.kind = "ignore"
    elif _PAYOFF_BEFORE.search(before) or _PAYOFF_AFTER.match(after):
        num.kind = "payoff"  # "i owe 14,500 on it", "still owe like 6 grand", "lo debo todavia like 3k"
    elif num.apostrophe and plain and len(num.digits) == 2:
        num.kind, num.value = "year", float(2000 + int(num.digits) if int(num.digits) <= 40 else 1900 + int(num.digits))
    elif _MILEAGE_AFTER.match(after) or _MILEAGE_BEFORE.search(before):
        num.kind = "mileage"
    elif _MONTHLY_AFTER.match(after) or (_MONTHLY_BEFORE.search(before) and num.value < 5000):
        num.kind = "monthly"
    elif _DOWN_AFTER.match(after) or _DOWN_BEFORE.search(before):
        num.kind = "down"
    elif _OFFER_BEFORE.search(before) and not _UNIT.match(after) and (num.suf or num.cur or num.value >= 10):
        num.kind = "budget"  # "would you take 37 for it": an offer, not a trade's value
        if plain and len(num.digits) == 2:
            num.value *= 1000
    elif _IGNORE_AFTER.match(after) or _IGNORE_BEFORE.search(before):
        num.kind = "ignore"
    elif plain and len(num.digits) == 4 and 1980 <= num.value <= 2035:
        num.kind = "year"
    elif plain and num.value != int(num.value) and 5 <= num.value < 200 and _ONE_AFTER.match(after):
        num.kind, num.value = "budget", num.value * 1000  # "the 23.5 one": a price in thousands
    elif plain and num.value <= 12 and re.search(r"\b(?:like|around|about)\s*$", before) and _names_when(text):
        num.kind = "ignore"  # "saturday morning like 10", "around 10 tmrw": a time, not $10k
    elif plain and len(num.digits) == 2 and num.value >= 5 and _BARE_BEFORE.search(before) and not _UNIT.match(after):
        num.kind, num.value = "budget", num.value * 1000  # "trucks under 30", "menos de 25": thousands of dollars
    elif num.suf or (num.cur and num.value >= 1000) or (num.value >= 1000 and _BUDGET_CUE.search(before)):
        num.kind = "budget"
    num.cmp = _comparator(before, after)
    if num.cmp == "min" and num.kind in ("mileage", "budget") and _NEGATED.search(before):
        num.cmp = "max"  # "nothing with 90k+ miles", "nothing with more than 60k miles": a limit


# A limit said as what is not wanted: "nothing with", "no", "none above"
_NEGATED = rx(
    r"\b(?:nothing|none|no|not|nada|ninguno|ninguna|without|can'?t|cannot|don'?t|dont|won'?t|wont|never"
    r"|no puedo|no quiero)\b(?:\s+[\w']+){0,5}\s*$"
)


def _comparator(before: str, after: str) -> str:
    after = re.sub(r"^\s*(?:miles?|mi|millas|kms?)\b", "", after, flags=re.IGNORECASE)  # "30k miles or less"
    if _CMP_MAX_BEFORE.search(before) or _CMP_MAX_AFTER.match(after):
        return "max"
    if _CMP_MIN_BEFORE.search(before) or _CMP_MIN_AFTER.match(after):
        return "min"
    if _CMP_AROUND_BEFORE.search(before) or _CMP_AROUND_AFTER.match(after):
        return "around"
    return ""


def _link_ranges(text: str, numbers: list[_Num]) -> None:
    """'20-30k', 'between 20 and 30k', '2018 to 2021': the second number decides what both are."""
    for a, b in itertools.pairwise(numbers):
        gap = text[a.end : b.start]
        dash = re.fullmatch(r"\s*(?:-|to|through|thru)\s*", gap) is not None
        between = re.fullmatch(r"\s*(?:and|&)\s*", gap) is not None and re.search(
            r"\bbetween\s*\$?\s*$", text[max(0, a.start - 12) : a.start]
        )
        if not (dash or between) or b.kind in ("ignore", "down", "plain") or a.kind not in ("plain", b.kind):
            continue
        if b.kind != "year" and b.suf and not a.suf and a.value < 1000:
            a.value *= 1000
        a.kind, a.cmp, b.cmp = b.kind, "range_min", "range_max"


def _cents(dollars: float) -> int:
    return round(dollars * 100)


def _apply_numbers(slots: Slots, numbers: Sequence[_Num], masked: str, year_hints: set[int]) -> None:
    bare_years: list[int] = []
    for num in numbers:
        if num.kind == "budget" and 500 <= num.value <= 2_000_000:
            _apply_budget(slots, num)
        elif num.kind == "monthly" and 25 <= num.value <= 5000 and num.cmp != "range_min":
            slots.monthly_budget_cents = _cents(num.value)
        elif num.kind == "down" and num.value >= 100:
            slots.down_payment_cents = _cents(num.value)
        elif num.kind == "payoff" and 100 <= num.value <= 500_000:
            slots.payoff_cents = _cents(num.value)
        elif num.kind == "mileage" and num.value <= 500_000 and num.cmp not in ("min", "range_min"):
            slots.mileage_max = round(num.value)
            # "under 30k miles" is a limit; "with like 8k miles", "the one with 8k miles" a rounded figure (8,852 fits)
            slots.mileage_about = num.cmp in ("around", "")
        elif num.kind == "year" and not _apply_year(slots, num, masked):
            year = round(num.value)
            context = masked[max(0, num.start - 12) : num.start]
            alone = not re.sub(r"[\W_]+", "", masked[: num.start] + masked[num.end :])  # "2024?"
            after = masked[num.end :]
            if _YEAR_TURNED_DOWN.search(context):  # "i meant 2025 not 2024": not the one turned down
                continue
            if (
                year in year_hints
                or alone
                or _VEHICLE_NOUN.match(after)
                or re.match(r"'?s\b", after)  # "the two 2024s", "any 2022's"
                or _YEAR_CONTEXT_AFTER.match(after)
                or _YEAR_CONTEXT_BEFORE.search(context)
                or (  # "what do u have in 2025" (not "i moved here in 2019")
                    re.search(r"\bin\s*$", context)
                    and re.match(r"\s*(?:[?.!,]|$)", after)
                    and _ASKING_FOR.search(masked[max(0, num.start - 40) : num.start])
                )
            ):
                bare_years.append(year)
    for pair in _TWO_YEARS.finditer(masked):  # "a 2023 or 2024 palisade", "the 2024 and the 2025": both years
        first, second = int(pair.group(1)), int(pair.group(2))
        if (first in bare_years) != (second in bare_years) and abs(first - second) <= 5:
            bare_years.append(second if first in bare_years else first)
    if bare_years and slots.year_min is None and slots.year_max is None:
        slots.year_min, slots.year_max = min(bare_years), max(bare_years)


_TWO_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:,|/|&|or|and)\s*(?:an? |the )?((?:19|20)\d\d)\b", re.IGNORECASE)


def _apply_budget(slots: Slots, num: _Num) -> None:
    cents = _cents(num.value)
    if num.cmp in ("min", "range_min"):
        slots.budget_min_cents = cents
    elif num.cmp == "around":
        slots.budget_min_cents = _cents(round(num.value * 0.9, -2))
        slots.budget_max_cents = _cents(round(num.value * 1.1, -2))
    elif slots.budget_max_cents is None or num.cmp in ("max", "range_max"):
        slots.budget_max_cents = cents


def _apply_year(slots: Slots, num: _Num, text: str) -> bool:
    year = round(num.value)
    after = text[num.end : num.end + 24]
    before = _clause_before(text, num.start, 30)
    if num.cmp == "range_min" or _YEAR_MIN_AFTER.match(after) or _YEAR_MIN_BEFORE.search(before):
        slots.year_min = year
    elif num.cmp == "range_max" or _YEAR_MAX_AFTER.match(after) or _YEAR_MAX_BEFORE.search(before):
        slots.year_max = year
    elif _YEAR_AFTER_BEFORE.search(before):
        slots.year_min = year + 1
    elif _YEAR_OLDER_BEFORE.search(before):
        slots.year_max = year - 1
    else:
        return False
    return True
