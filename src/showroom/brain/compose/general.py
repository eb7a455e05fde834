"""What a salesperson answers without the listing: how home charging works, what to bring to buy, whether the
finance team works with a credit situation or an ITIN, that the federal EV tax credits have ended, and the factory
warranty of a new Hyundai or Kia.

Only what is true at any dealership of these brands, said in general and with the person who confirms the details;
never a figure about one unit (its listing has those), a rate, a payment or an approval. A question about the
customer's own credit ("my score is 580, can you get me approved") never reaches here: the escalation rules hand
it to a person first.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from showroom.brain.compose.context import _Ctx, _Reply
from showroom.brain.nlu.attributes import drivetrains_named, vehicle_fuel
from showroom.brain.nlu.knowledge import TRIM_LADDERS, trim_rank

_HOME_CHARGING = re.compile(
    r"\bcharg\w*\b[^.?!]{0,30}\b(?:at home|home|my house|garage|outlet|wall|120|110|240|level ?[12])\b"
    r"|\b(?:outlet|level ?[12]|home charger|wall charger)\b[^.?!]{0,25}\bcharg|\bcargar(?:lo|la)? en (?:la |mi )?casa\b"
    r"|\bcargador (?:en|de) casa\b|\bcost to charge\b|\bcuesta cargar\b",
    re.IGNORECASE,
)
_BRING = re.compile(
    r"\bwhat (?:do|should|would|will) (?:i|we) (?:need to |have to )?(?:bring|have ready)\b|\bwhat documents?\b"
    r"|\b(?:should|do|shall) (?:i|we) (?:need to )?bring (?:anything|something|any ?thing|stuff|docs|documents)\b"
    r"|\bwhat paperwork do (?:i|we) need\b|\bqu[eé] (?:necesito|debo|tengo que) (?:llevar|traer)\b"
    r"|\bqu[eé] documentos\b",
    re.IGNORECASE,
)
_CREDIT_POLICY = re.compile(
    r"\b(?:work with|accept|take|help|finance|approve)\w*\b[^.?!]{0,25}\b(?:bad|poor|low|no|rebuilding|limited|"
    r"damaged) credit\b|\b(?:bad|poor|no) credit (?:ok|okay|accepted|financing|welcome)\b|\bfirst[\s-]time (?:car )?"
    r"buyers?\b|\b(?:mal|poco|sin) cr[eé]dito\b|\bprimer(?:a vez| carro| auto)\b[^.?!]{0,20}\bfinanc",
    re.IGNORECASE,
)
_EV_CREDIT = re.compile(
    r"\b(?:ev |federal |fed |electric (?:car |vehicle )?|clean vehicle |green )?tax credits?\b|\b7,?500\b[^.?!]{0,20}"
    r"\bcredit\b|\bcr[eé]dito (?:fiscal|de impuestos)\b",
    re.IGNORECASE,
)
_ITIN = re.compile(r"\bitin\b|\bsin (?:seguro social|social)\b|\bno (?:ssn|social security)\b", re.IGNORECASE)
_WARRANTY = re.compile(r"\bwarrant\w*|\bgarant[ií]a\b|\b10[\s-]?(?:year|yr)\b|\b100k\b", re.IGNORECASE)
_FACTORY_BRANDS = ("Hyundai", "Kia")
_NEW = re.compile(r"\bnew\b|\bnuev[oa]s?\b", re.IGNORECASE)


_WHAT_IS = re.compile(
    r"^\W*(?:and |so )?(?:what'?s|whats|what is|what does) (?:an? |the )?([a-z0-9-]+)(?: trim)?(?: anyway| mean| stand"
    r" for)?\W*$|^\W*(?:qu[eé] es|qu[eé] significa) (?:el |la )?([a-z0-9-]+)\W*$",
    re.IGNORECASE,
)


def _trim_explained(ctx: _Ctx) -> _Reply | None:
    """ "Whats XRT anyway": where that trim sits in the lineup of the model under discussion (never its features)."""
    m = _WHAT_IS.match(ctx.u.text)
    models = [v.model for v in ctx.vehicles[:1]] or list(ctx.u.slots.models)
    if not m or not models:
        return None
    word = m.group(1) or m.group(2) or ""
    model = models[0]
    ladder = next((steps for name, steps in TRIM_LADDERS.items() if model.lower().startswith(name.lower())), None)
    rank = trim_rank(model, word)
    if ladder is None or rank is None:
        return None
    name = ladder[rank]
    below, above = (ladder[rank - 1] if rank else None), (ladder[rank + 1] if rank + 1 < len(ladder) else None)
    place = (
        ctx.t("between the {below} and the {above}", below=below, above=above)
        if below and above
        else ctx.t("at the top, above the {below}", below=below)
        if below
        else ctx.t("at the start, below the {above}", above=above)
    )
    return _Reply(
        lead=[
            ctx.t(
                "{trim} is one of the {model}'s trims: in its lineup it sits {place}. Our listings don't show each "
                "unit's features, so a team member can tell you exactly what it adds.",
                trim=name,
                model=model,
                place=place,
            )
        ],
        question=ctx.t("Would you like to see the {trim}s we have?", trim=name),
        confidence=0.7,
    )


# "whats the difference between a hybrid and an electric", "cual es la diferencia entre hibrido y electrico"
_HYBRID_VS_ELECTRIC = re.compile(
    r"\b(?:difference|diff|differ|diferencia)\b[^.?!]{0,40}\b(?:hybrids?|h[ií]bridos?|electrics?|el[eé]ctricos?|evs?)\b"
    r"[^.?!]{0,25}\b(?:and|vs|or|y|o|from)\b[^.?!]{0,15}\b(?:hybrids?|h[ií]bridos?|electrics?|el[eé]ctricos?|evs?"
    r"|plug-?ins?)\b",
    re.IGNORECASE,
)
# "does the hybrid need to be plugged in", "do you have to charge it", "se tiene que enchufar"
_PLUGGED_IN = re.compile(
    r"\b(?:need|needs|have|has|got)\s+(?:to\s+)?(?:be\s+)?(?:plugged|plug(?:\s+it)?|charged?)\b(?:\s+in)?"
    r"|\bplug (?:it|them) in\b|\bhay que (?:enchufarl[oa]|cargarl[oa])\b|\b(?:se )?tiene que (?:enchufar|cargar)\w*\b",
    re.IGNORECASE,
)

# "my lease is ending, what are my options", "lease is up in march what can i do"
_LEASE_END = re.compile(
    r"\blease\b[^.?!]{0,40}\b(?:ending|ends|is up|up in|expir\w*|over|done|matur\w*|turn[\s-]?in)\b"
    r".{0,80}\b(?:options?|what (?:can|should|do) (?:i|we)|what now)\b"
    r"|\bend of (?:my|the) lease\b[^.?!]{0,40}\b(?:options?|what (?:can|should|do) (?:i|we))\b",
    re.IGNORECASE,
)

# The fixed answers, first that matches: (question, answer, closing question, confidence, about the car meant)
_GUARANTEED = re.compile(
    r"\b(?:guarantee[ds]?|promise)\b[^.?!]{0,30}\b(?:approv\w*|financ\w*|loan)\b"
    r"|\bguaranteed (?:approval|financing)\b|\baprobaci[oó]n garantizada\b"
    r"|\b(?:will|would|can|could) (?:i|we) (?:definitely |for sure )?(?:get|be) approved\b"
    r"|\bme (?:van a|pueden) aprobar\b",
    re.IGNORECASE,
)
_ANSWERS: tuple[tuple[re.Pattern[str], str, str, float, bool], ...] = (
    (
        _GUARANTEED,
        "An approval can't be known before a lender has seen the application, so I can't say yes here. Our finance "
        "team works with several lenders and will tell you honestly where you stand.",
        "Would you like a team member from finance to reach out?",
        0.7,
        False,
    ),
    (
        _LEASE_END,
        "At the end of a lease you can usually turn the car in, buy it out at the price in your contract, or trade "
        "it in toward a new one, and if it's worth more than the buyout, that difference can go toward your next car.",
        "Would you like a team member to look up your lease payoff and what it's worth?",
        0.75,
        False,
    ),
    (
        _HYBRID_VS_ELECTRIC,
        "A hybrid runs on gas and a battery that charges itself as you drive, so you never plug it in. A plug-in "
        "hybrid has a bigger battery you charge from an outlet for a stretch of electric-only driving, then runs as a "
        "hybrid. An electric car runs on its battery alone and is charged at home or at a charging station.",
        "Would you like to see the hybrids or the electric cars we have?",
        0.75,
        False,
    ),
    (
        _HOME_CHARGING,
        "Yes, any electric car can charge from a regular household outlet (Level 1), but slowly: only a few miles of "
        "range per hour. Most owners add a 240-volt Level 2 charger at home, which fills the battery overnight, and "
        "what it costs depends on your electricity rate.",
        "Would you like a team member to go over charging for the car you're looking at?",
        0.75,
        True,
    ),
    (
        _BRING,
        "Usually: your driver's license, proof of insurance, and, if you're financing, recent pay stubs or other proof "
        "of income and proof of address. If you're trading in, bring the title or your loan details, the registration "
        "and all the keys.",
        "Would you like a team member to confirm the list for your situation?",
        0.75,
        False,
    ),
    (  # "any tax credit on those": not the sales tax
        _EV_CREDIT,
        "The federal clean-vehicle tax credits for electric and plug-in cars ended for vehicles bought after "
        "September 30, 2025, so none applies at purchase today; manufacturer incentives and lease offers change month "
        "to month, and a team member can tell you what's on now.",
        "Would you like a team member to check the current offers for you?",
        0.7,
        False,
    ),
    (
        _ITIN,
        "Many lenders do finance with an ITIN; our finance team knows which ones work with us and what they ask for.",
        "Would you like a finance specialist to reach out to you?",
        0.7,
        False,
    ),
    (
        _CREDIT_POLICY,
        "Our finance team works with many lenders and looks at every credit situation, first-time buyers included; "
        "they can tell you what's possible for you; approval is only known once you apply.",
        "Would you like a finance specialist to reach out to you?",
        0.7,
        False,
    ),
)


# "is 71k a lot for a highlander", "is 75k miles bad for a vw", "is that a lot of miles"
_MILES_A_LOT = re.compile(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:is|are)\s+(?:\d[\d,.]*\s*k?\s*(?:miles?|mi)?|that|it|those|that many(?: miles)?)"
    r"\s+(?:a lot|alot|too (?:many|much|high)|high|bad|ok|okay|good|normal)\b(?:\s+of\s+miles)?",
    re.IGNORECASE,
)
_MILES_A_YEAR = (12_000, 15_000)  # what an average US driver puts on a car in a year
# "why does the white one have 2900 miles if its new", "the grey one has 40 miles?? is it basically new"
_MILES_ON_NEW = re.compile(
    r"\b(?:why|how come)\b[^.?!]{0,50}\bmiles?\b[^.?!]{0,30}\b(?:new|brand new)\b"
    r"|\b(?:why|how come)\b[^.?!]{0,30}\bnew\b[^.?!]{0,40}\bmiles?\b|\bbasically new\b|\bpractically new\b"
    r"|\b(?:why|how come)\b[^.?!]{0,30}\b(?:say|have|has|got|show)\w*\s+\d[\d,]*k?\s*miles?\b"
    r"|\bpor\s?qu[eé]\b[^.?!]{0,40}\bmillas\b",
    re.IGNORECASE,
)


def _miles_on_new_answer(ctx: _Ctx) -> _Reply | None:
    """Why a new car shows miles (a demonstrator or loaner, still sold new), or why one with almost none is sold as
    pre-owned (it was titled before): of the car meant, with its own figure; the team tells its story."""
    cars = [v for v in ctx.vehicles if v.exact]
    car = cars[0] if cars and (ctx.referred or len(cars) == 1) else None
    if car is None or not car.mileage:
        return None
    title, miles = (car.short_title if ctx.sms else car.title), f"{car.mileage:,}"
    if str(car.condition) == "new":
        said = ctx.t(
            "The {title} is sold as new with {miles} miles on it: a new car with some miles is usually one the "
            "dealership used as a demonstrator or a loaner, or moved between stores. A team member can tell you its "
            "story and whether it changes the price.",
            title=title,
            miles=miles,
        )
    elif car.mileage < 5000:
        said = ctx.t(
            "The {title} has only {miles} miles, but it's listed as pre-owned: once a car has been titled to an owner "
            "it's sold as used, however few miles it has. A team member can tell you its history.",
            title=title,
            miles=miles,
        )
    else:
        return None
    return _Reply(lead=[said], question=ctx.say("ask_else"), vehicle_ids=[car.id], confidence=0.7)


def _miles_answer(ctx: _Ctx) -> _Reply | None:
    """ "Is 71k a lot for a highlander?" of the car meant (or the one unit of the model named): the miles a year it
    has averaged since its model year, against the usual, and that its upkeep matters more."""
    cars = [v for v in ctx.vehicles if v.exact]
    car = cars[0] if cars and (ctx.referred or len({(v.make, v.model) for v in cars}) == 1) else None
    if car is None or not car.mileage:
        return None
    years = max(datetime.now(UTC).year - car.year + 0.5, 1.0)
    per_year = round(car.mileage / years, -2)
    low, high = _MILES_A_YEAR
    template = (
        "The {title} has {miles} miles: about {per_year} a year since it was new, less than the usual {low} to {high}."
        if per_year < low
        else "The {title} has {miles} miles: about {per_year} a year since it was new, more than the usual {low} to "
        "{high}."
        if per_year > high
        else "The {title} has {miles} miles: about {per_year} a year since it was new, about the usual {low} to {high}."
    )
    said = ctx.t(
        template,
        title=car.short_title if ctx.sms else car.title,
        miles=f"{car.mileage:,}",
        per_year=f"{int(per_year):,}",
        low=f"{low:,}",
        high=f"{high:,}",
    )
    said += " " + ctx.t(
        "How it was looked after matters more than the number; a team member can get you its history report."
    )
    return _Reply(lead=[said], question=ctx.say("ask_else"), vehicle_ids=[car.id], confidence=0.75)


_SNOW = re.compile(
    r"\b(?:good|ok|okay|any good|decent|great|handle|handles|drive|safe|bad)\b[^.?!]{0,25}\b(?:in (?:the )?)?"
    r"(?:snow|winter|winters|ice|icy)\b|\b(?:snow|winter|ice)\b[^.?!]{0,15}\?|\bbuen[oa] (?:en|para) (?:la )?nieve\b",
    re.IGNORECASE,
)
_SNOW_SAID = {
    "AWD": "{who} listed as all-wheel drive, which helps with getting going in snow; good winter tires matter most "
    "for stopping and turning.",
    "4WD": "{who} listed as four-wheel drive, which helps with getting going in snow; good winter tires matter most "
    "for stopping and turning.",
    "FWD": "{who} listed as front-wheel drive: with good winter tires that handles snow well for most drivers, "
    "though all-wheel drive grips better getting going.",
    "RWD": "{who} listed as rear-wheel drive, the least sure-footed layout in snow; winter tires make a big "
    "difference.",
}


def _snow_answer(ctx: _Ctx) -> _Reply | None:
    """ "Good in snow?" of the car meant, or of the cars just found when they share a drivetrain: what their listed
    drivetrain means in snow (said only when the listing is consistent about it)."""
    cars = [v for v in ctx.vehicles if v.exact]  # of several, said of all when they share a drivetrain
    drives = {v.drivetrain if v.drivetrain and all(n == v.drivetrain for n in drivetrains_named(v.trim)) else None
              for v in cars}  # fmt: skip
    if not cars or len(drives) != 1 or None in drives:
        return None
    drive = next(iter(drives))
    if drive not in _SNOW_SAID:
        return None
    one = cars[0]
    who = (
        ctx.t("The {title} is", title=one.short_title if ctx.sms else one.title)
        if len(cars) == 1
        else ctx.t("They're all")
    )
    return _Reply(
        lead=[ctx.t(_SNOW_SAID[drive], who=who)],
        question=ctx.say("ask_test_drive"),
        vehicle_ids=[v.id for v in cars],
        confidence=0.7,
    )


def knows_generally(text: str) -> bool:
    """Is this one of the general questions this module answers the same for every car ("what should i bring")?"""
    return any(pattern.search(text) for pattern, *_ in _ANSWERS)


def general_answer(ctx: _Ctx) -> _Reply | None:
    """The answer to a general question this module knows, or None."""
    text = ctx.u.text
    explained = _trim_explained(ctx)
    if explained is not None:
        return explained
    mileage = _miles_answer(ctx) if _MILES_A_LOT.search(text) else None
    if mileage is not None:
        return mileage
    on_new = _miles_on_new_answer(ctx) if _MILES_ON_NEW.search(text) else None
    if on_new is not None:
        return on_new
    plugged = _plug_in_answer(ctx) if _PLUGGED_IN.search(text) else None
    if plugged is not None:
        return plugged
    snow = _snow_answer(ctx) if _SNOW.search(text) else None
    if snow is not None:
        return snow
    for pattern, answer, question, confidence, of_the_car in _ANSWERS:
        if pattern.search(text):
            return _Reply(
                lead=[ctx.t(answer)],
                question=ctx.t(question),
                vehicle_ids=[v.id for v in ctx.vehicles[:1]] if of_the_car and ctx.referred else [],
                confidence=confidence,
            )
    brand = _new_of_the_brands(ctx) if _WARRANTY.search(text) else None
    if brand is not None:  # the brand's published factory warranty, not a unit's remaining coverage
        return _Reply(
            lead=[
                ctx.t(
                    "A new {make} comes with the factory's 10-year/100,000-mile powertrain limited warranty for the "
                    "original owner and a 5-year/60,000-mile new vehicle limited warranty.",
                    make=brand,
                )
            ],
            question=ctx.t("Would you like a team member to go over the coverage in detail?"),
            vehicle_ids=[v.id for v in ctx.vehicles[:1]] if ctx.referred else [],
            confidence=0.75,
        )
    return None


def _plug_in_answer(ctx: _Ctx) -> _Reply | None:
    """ "Does the hybrid need to be plugged in?": of the car meant (else of the fuel named), by what it runs on."""
    car = ctx.vehicles[0] if ctx.referred and ctx.vehicles else None
    fuel = vehicle_fuel(car.fuel_type, car.model, car.trim) if car else next(iter(ctx.u.slots.fuel_types), None)
    answers = {
        "Hybrid": "No: a hybrid's battery charges itself as you drive and brake, so it never needs plugging in; it "
        "runs on regular gas.",
        "Plug-In Hybrid": "It can be: a plug-in hybrid charges from an outlet for electric-only driving, and when "
        "the battery runs down it keeps going as a regular hybrid on gas.",
        "Electric": "Yes: an electric car runs on its battery alone, charged from a home outlet, a Level 2 charger or "
        "a public charging station.",
    }
    answer = answers.get(fuel or "")
    if answer is None:
        return None
    return _Reply(
        lead=[ctx.t(answer)],
        question=ctx.say("ask_else"),
        vehicle_ids=[car.id] if car else [],
        confidence=0.8,
    )


def _new_of_the_brands(ctx: _Ctx) -> str | None:
    """The brand (Hyundai or Kia) of the new car a warranty question is about (the car meant, or the words), or
    None when it is about a used car, another brand, or no brand at all."""
    if ctx.referred and ctx.vehicles:
        v = ctx.vehicles[0]
        return v.make if v.make in _FACTORY_BRANDS and v.condition == "new" else None
    makes = set(ctx.u.slots.makes) | {m for m in _FACTORY_BRANDS if m.lower() in ctx.u.text.lower()}
    if len(makes) == 1 and makes <= set(_FACTORY_BRANDS) and _NEW.search(ctx.u.text):
        return next(iter(makes))
    return None
