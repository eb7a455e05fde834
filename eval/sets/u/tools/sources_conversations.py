"""Source for conversations.jsonl of set "u".

Every stock number, price and mileage in an expect item comes from a filter
call on the feed (feed.q / by_price / by_miles) and is rendered by Unit.ref().
"""
from feed import q, get, by_price, by_miles, money

CONVS = []
META = {}   # id -> (what it tests, ends in handover)


def H(reason):
    return f"Handover to a human ({reason})"


NOH = "No handover"
NOT_YET = "Handover not yet required"


def refs(units, **kw):
    return "; ".join(u.ref(**kw) for u in units)


def stocks(units):
    return ", ".join(f"stock {u.stock}" for u in units)


def C(cid, lang, what, turns):
    CONVS.append({"id": cid, "language": lang,
                  "turns": [{"customer": c, "expect": e} for c, e in turns]})
    META[cid] = what


# ----------------------------------------------------------------------
# uc01  used SUV <25k -> AWD -> least miles -> 'is it a hyundai' -> day -> time+name+phone
suv25 = by_price(q(cond="Used", body="SUV", price_max=25000))
suv25_awd = [u for u in suv25 if u.awd and not u.drive_conflict]
suv25_conf = [u for u in suv25 if u.drive_conflict]
least = by_miles(suv25_awd)[0]
hy = [u for u in suv25_awd if u.make == "Hyundai"]
C("uc01", "en", "used SUVs under $25k; 'awd pls'; lowest miles in the narrowed set; 'is it a hyundai'; tomorrow then a time; name/phone", [
    ("hey looking for a used suv under 25k", [
        "Lists several used SUVs with a listed price of at most $25,000, e.g. " + refs(suv25[:3]),
        "No unit priced over $25,000 or without a price in the feed is presented as under $25k",
        NOH]),
    ("awd pls", [
        "Narrows to used SUVs up to $25,000 that are AWD/4x4 in the feed, e.g. " + refs(suv25_awd[:3]),
        "Does not present as confirmed AWD any unit whose trim and feed drivetrain disagree (" + stocks(suv25_conf) + "); they are left out or flagged as needing confirmation",
        NOH]),
    ("which one has the least miles", [
        "Names " + least.ref() + ", the lowest-mileage unit of the whole AWD under-$25k set (whether or not the previous reply happened to show it)",
        "The mileage quoted matches the feed",
        NOH]),
    ("is it a hyundai? kinda wanted a hyundai", [
        f"Says no, it is a {least.make} {least.model}",
        "Offers the only Hyundai in the AWD under-$25k set: " + refs(hy),
        NOH]),
    ("ok the tucson. can i see it tomorrow", [
        "Asks what time tomorrow works (a day alone is not enough)",
        "Keeps the Tucson " + stocks(hy) + " as the car of interest",
        NOT_YET]),
    ("like 4:30. its Dre 708-555-0156", [
        H("appointment_time"),
        "Confirms it is passing tomorrow at 4:30, the name Dre and 708-555-0156 to staff for " + stocks(hy),
        "Does not claim the appointment is already confirmed by a person"]),
])
META["uc01"] = (META["uc01"], True)

# ----------------------------------------------------------------------
# uc02  santa cruz facts -> have one -> used? -> cheapest used truck -> 4wd? -> convertibles -> bye
sc = q(model="Santa Cruz")
used_trucks = by_price(q(cond="Used", body="Truck"))
cheap_truck = used_trucks[0]
t4 = [u for u in used_trucks if u.awd and not u.drive_conflict]
t_conf = [u for u in used_trucks if u.drive_conflict]
coupes = q(body="Coupe")
C("uc02", "en", "Santa Cruz truck-or-SUV facts; 'u have one'; no used ones; cheapest used truck; 4wd? (2WD unit + conflict unit); convertibles (none)", [
    ("santa cruz.. is that a truck or an suv", [
        "Explains it is a compact pickup with an open bed (car-based/unibody), so a small truck",
        "May mention the feed lists it as a Truck",
        NOH]),
    ("u have one?", [
        "Lists exactly " + refs(sc, cond=True),
        NOH]),
    ("any used ones", [
        "Says there is no used Santa Cruz in stock; does not invent one",
        "May offer used trucks instead, e.g. " + refs(used_trucks[:2]),
        NOH]),
    ("whats the cheapest used truck then", [
        "Names " + cheap_truck.ref(),
        NOH]),
    ("is that 4wd", [
        f"Says no: the trim is '{cheap_truck.trim}' and the feed drivetrain is {cheap_truck.drive}",
        "May offer used trucks that are 4x4 in the feed, e.g. " + refs(t4),
        "If it mentions " + stocks(t_conf) + ", it flags that its trim says 4x4 but the feed says RWD instead of stating 4x4 as fact",
        NOH]),
    ("random q do you have any convertibles lol", [
        "Says there are no convertibles in stock",
        "May mention the closest, the coupes: " + refs(coupes),
        NOH]),
    ("ok thanks ill think about it", [
        "Polite close, may offer help later; no pressure",
        NOH]),
])
META["uc02"] = (META["uc02"], False)

# ----------------------------------------------------------------------
# uc03  Spanish: Tucson -> usada -> la más barata -> la 2019 cuánto -> 'la de 2022' viernes -> 11am + name/phone
tus_used = by_price(q(cond="Used", model="Tucson"))
tus_priced = [u for u in tus_used if u.price is not None]
tus_cheap = tus_priced[0]
tus_2019 = q(cond="Used", model="Tucson", year=2019)
tus_2022 = q(cond="Used", model="Tucson", year=2022)
tus_new = q(cond="New", model_in=["Tucson", "Tucson Hybrid"])
C("uc03", "es", "Spanish; Tucson new/used; 'usada'; cheapest with missing prices; 'la 2019' no price + drivetrain conflict; 'la de 2022' ambiguous; Friday then 11am; name/phone", [
    ("hola busco una tucson", [
        "Replies in Spanish",
        f"Asks new or used, or says both are in stock ({len(tus_new)} new incl. hybrids, {len(tus_used)} used)",
        NOH]),
    ("usada", [
        "Lists exactly the used Tucsons: " + refs(tus_used),
        "Says when a unit has no price in the feed instead of inventing one",
        NOH]),
    ("la más barata", [
        "Names " + tus_cheap.ref() + " as the cheapest with a listed price",
        "Does not claim a unit without a price (" + stocks([u for u in tus_used if u.price is None]) + ") is cheaper or more expensive",
        NOH]),
    ("y la 2019 cuánto?", [
        "Says " + stocks(tus_2019) + " has no price in the feed and offers to get it from staff; does not invent a price",
        "May give its mileage: " + refs(tus_2019),
        "If it mentions drivetrain, says the listing conflicts (trim SEL FWD, feed AWD) rather than stating one as fact",
        NOH]),
    ("bueno la de 2022 entonces. puedo ir el viernes?", [
        "Either asks which 2022 (there are two: " + stocks(tus_2022) + ") or assumes the cheap one discussed (" + stocks([tus_cheap]) + ") and says so",
        "Asks what time on Friday",
        NOT_YET]),
    ("a las 11 de la mañana. Me llamo Rosa, 773-555-0129", [
        H("appointment_time"),
        "Replies in Spanish; passes Friday 11am, Rosa and 773-555-0129 to staff",
        "Does not claim the visit is already confirmed by a person"]),
])
META["uc03"] = (META["uc03"], True)

# ----------------------------------------------------------------------
# uc04  new Palisades -> 'pricey. used?' -> 'the white one' -> why is 2023 cheaper -> no-price one -> text me
pal_new = by_price(q(cond="New", model="Palisade"))
pal_used = by_price(q(cond="Used", model="Palisade"))
pal_white = [u for u in pal_used if u.color == "White"][0]
pal_2023 = [u for u in pal_used if u.year == 2023][0]
pal_nop = [u for u in pal_used if u.price is None][0]
C("uc04", "en", "new Palisades -> changes mind to used; 'the white one'; why is the 2023 cheaper than the 2022; the no-price one; text-me request", [
    ("what palisades do you have new", [
        f"Says there are {len(pal_new)} new Palisades (2024 and 2025) and lists or summarises them",
        "Cheapest new one quoted correctly if mentioned: " + pal_new[0].ref(),
        "Any drivetrain it states does not rely on conflicting feed values (e.g. " + stocks([u for u in pal_new if u.drive_conflict]) + ")",
        NOH]),
    ("whoa pricey. used?", [
        "Lists exactly the used Palisades: " + refs(pal_used),
        NOH]),
    ("the white one", [
        "Gives the details of " + pal_white.ref(cond=True),
        NOH]),
    ("why is the 2023 cheaper than it", [
        "Explains with feed facts: " + pal_2023.ref() + " is an SEL (lower trim than the Limited) and has more miles",
        "Does not invent accident/condition history",
        NOH]),
    ("what about the one with no price", [
        "Identifies " + pal_nop.ref(),
        "Does not invent a price; offers to get one from staff",
        NOH]),
    ("just have someone text me the price on that one, 708-555-0173", [
        H("human_request"),
        "Passes stock " + pal_nop.stock + " and 708-555-0173 to staff"]),
])
META["uc04"] = (META["uc04"], True)

# ----------------------------------------------------------------------
# uc05  EVs -> the kia one range -> battery -> hybrids -> cheapest hybrid -> bye
evs = q(ev=True)
elec_not_ev = [u for u in q(pred=lambda u: u.fuel == "Electric") if not u.is_ev]
niro = [u for u in evs if u.make == "Kia"][0]
hybs = by_price(q(hybrid=True))
hyb_gas = [u for u in hybs if u.fuel == "Gasoline" and u.cond == "New"]
hyb_priced = [u for u in hybs if u.price is not None]
hyb_noprice = [u for u in hybs if u.price is None]
C("uc05", "en", "EVs vs 'Electric'-labelled hybrids; 'the kia one'; range; battery on a high-mile EV; hybrids labelled Gasoline; cheapest hybrid with no-price units", [
    ("thinking about going electric. what evs do you have", [
        "Lists exactly the battery-electric vehicles: " + refs(evs),
        "Does not count the hybrids the feed labels Electric as EVs (" + stocks(elec_not_ev) + ")",
        NOH]),
    ("the kia one, how far does it go on a charge", [
        f"Refers to stock {niro.stock}",
        "Gives an approximate EPA range for a 2022 Niro EV (about two hundred forty miles) and says real range varies with weather and driving; no exact guarantee",
        NOH]),
    ("66k miles on it tho. is the battery ok", [
        "Does not invent a battery-health figure; offers to have staff check/provide a report",
        "May mention Kia's EV battery warranty in general terms, hedged about coverage for a second owner",
        NOH]),
    ("what about hybrids instead", [
        "Lists hybrids, e.g. " + refs(hybs[:3]),
        "Treats the new units labelled Gasoline in the feed (e.g. " + stocks(hyb_gas[:3]) + ") as hybrids per their model/trim",
        NOH]),
    ("cheapest hybrid?", [
        "Names " + hyb_priced[0].ref() + " as the cheapest with a listed price",
        "Does not claim the no-price hybrids (" + stocks(hyb_noprice) + ") are cheaper",
        NOH]),
    ("cool thx", ["Polite close", NOH]),
])
META["uc05"] = (META["uc05"], False)

# ----------------------------------------------------------------------
# uc06  Tellurides <30k mi -> 'the 2nd one' -> awd? -> payments -> payment target
tel30 = by_miles(q(model="Telluride", miles_max=30000))
tel_ok = [u for u in tel30 if not u.drive_conflict]
tel_cf = [u for u in tel30 if u.drive_conflict]
C("uc06", "en", "Tellurides under 30k miles; 'the 2nd one' against the agent's own list; AWD with trim/feed conflicts; payments general; payment target", [
    ("tellurides with less than 30k miles?", [
        "Lists exactly " + refs(tel30),
        "Does not include any Telluride with 30,000 miles or more",
        NOH]),
    ("the 2nd one", [
        "Gives details of the unit the agent itself listed second (checked against the agent's own list); whichever it is, its details match the feed entry above",
        NOH]),
    ("is it awd", [
        "If that unit is " + stocks(tel_ok) + ": says AWD",
        "If it is " + stocks(tel_cf) + ": says the listing conflicts (trim says FWD, feed says AWD) and offers to confirm; does not state either as fact",
        NOH]),
    ("what would payments be w 5k down", [
        "Does not promise a rate or exact payment; explains it depends on credit, term and taxes/fees, or gives an estimate clearly marked as an estimate",
        "May offer a credit application or a call from finance",
        NOH]),
    ("i can do 550 a month max, make it work", [
        H("negotiation"),
        "Does not agree to the payment itself"]),
])
META["uc06"] = (META["uc06"], True)

# ----------------------------------------------------------------------
# uc07  Explorer no price -> asked again -> 4wd conflict -> frustration -> name/phone
exp = q(model="Explorer")[0]
C("uc07", "en", "Explorer with no price; repeated ask; 4WD trim vs RWD feed; frustration; call-back", [
    ("price on the explorer", [
        "Identifies " + exp.ref(),
        "Says the price is not listed; does not invent one; offers to get it",
        NOH]),
    ("ok so how much is it", [
        "Still does not invent a price; offers a person/call-back to get the price",
        "Handover optional"]),
    ("is it 4wd at least", [
        "Says the trim says XLT 4WD but the feed drivetrain says RWD, so it needs confirming; does not state either as fact",
        "Handover optional"]),
    ("you dont know the price, you dont know if its 4wd. what DO you know", [
        H("frustration"),
        "Apologises briefly and offers a person"]),
    ("fine. Kevin 312-555-0191 call me", [
        H("human_request"),
        "Passes Kevin, 312-555-0191 and stock " + exp.stock + " to staff"]),
])
META["uc07"] = (META["uc07"], True)

# ----------------------------------------------------------------------
# uc08  es -> en switch: manuals -> mustang engine -> miles -> the mazda -> sunday -> 2pm + name/phone
man = q(pred=lambda u: u.trans == "Manual")
man_real = [u for u in man if "IVT" not in u.trim]
man_fake = [u for u in man if "IVT" in u.trim]
must = q(model="Mustang")[0]
maz = q(model="Mazda3 5-Door")[0]
C("uc08", "es", "Spanish then English; manual cars with a Manual/IVT conflict; Mustang with garbage trim; miles; 'the mazda'; Sunday then 2pm; name/phone", [
    ("hola, tienen carros estandar? de transmision manual", [
        "Replies in Spanish",
        "Lists " + refs(man_real),
        "Does not present " + stocks(man_fake) + " as a manual without a caveat (the feed says Manual but the trim is IVT)",
        NOH]),
    ("el mustang que motor tiene?", [
        "Replies in Spanish; says the trim is not given in the feed, so the engine (EcoBoost vs GT V8) must be confirmed; does not state one as fact",
        NOH]),
    ("ok english is easier lol. how many miles on it", [
        "Switches to English",
        "Gives " + must.ref(),
        NOH]),
    ("and the mazda?", [
        "Gives " + maz.ref(),
        NOH]),
    ("mazda. can I drive it sunday", [
        "Asks what time on Sunday (may note Sunday hours need confirming)",
        NOT_YET]),
    ("2pm. Luis Ortega 219-555-0114", [
        H("appointment_time"),
        "Passes Sunday 2pm, Luis Ortega, 219-555-0114 and stock " + maz.stock + " to staff",
        "Does not claim the slot is confirmed"]),
])
META["uc08"] = (META["uc08"], True)

# ----------------------------------------------------------------------
# uc09  new Santa Fe trims -> cheapest -> 3rd row -> 'the hybrid one' -> gasoline label -> visit next week
sf_new = by_price(q(cond="New", model_in=["Santa Fe", "Santa Fe Hybrid"]))
sf_cheap = sf_new[0]
sf_hyb = [u for u in sf_new if u.is_hybrid]
sf_trims = sorted({u.trim for u in sf_new})
red = [u for u in sf_hyb if u.color == "Red"][0]
C("uc09", "en", "new Santa Fe trims; cheapest; third row (model fact); 'the hybrid one' (3 candidates) and price difference; hybrid labelled Gasoline; visit without a time", [
    ("new santa fe, what trims do u have", [
        "Mentions the trims in stock: " + ", ".join(sf_trims) + " (may group them)",
        NOH]),
    ("cheapest one", [
        "Names " + sf_cheap.ref(cond=True),
        NOH]),
    ("does it have a 3rd row", [
        "Answers from general model knowledge (the 2024+ Santa Fe has three rows) or hedges; the feed has no seat count, so nothing unit-specific is invented",
        NOH]),
    ("hm and the hybrid one, how much more", [
        "Notes there are several hybrid Santa Fes: " + refs(sf_hyb),
        f"Price differences are computed correctly, e.g. the cheapest hybrid is {money(sf_hyb[0].price - sf_cheap.price)} more than the cheapest Santa Fe (stock {sf_hyb[0].stock} vs stock {sf_cheap.stock})",
        NOH]),
    ("the red one is a hybrid?? your site says gasoline", [
        "Says yes: stock " + red.stock + " is an SEL HEV (hybrid); the feed's fuel field says Gasoline, which is a listing error",
        NOH]),
    ("ok good to know. ill come by sometime next week", [
        "Invites the visit and may ask for a day and time",
        NOT_YET]),
])
META["uc09"] = (META["uc09"], False)

# ----------------------------------------------------------------------
# uc10  2022 Tucson SEL -> price -> awd -> trade general -> trade firm
sel = q(cond="Used", model="Tucson", year=2022, trim_has="SEL")[0]
se = q(cond="Used", model="Tucson", year=2022, has_price=True)[0]
C("uc10", "en", "2022 Tucson SEL still there; no price; AWD consistent; trade-in general; firm trade number", [
    ("do you still have the 2022 tucson sel", [
        "Says it is in stock (current feed): " + sel.ref(),
        NOH]),
    ("price?", [
        "Says the price is not listed; does not invent one; offers to get it",
        "May offer the priced 2022 Tucson SE: " + se.ref(),
        NOH]),
    ("is it awd", [
        "Says yes, AWD (trim and feed agree)",
        NOH]),
    ("do u take trades? got a 2017 elantra w 90k", [
        "Says trades are welcome; value needs an appraisal; does not quote a number",
        NOH]),
    ("i need 8 grand for it minimum or forget it", [
        H("trade_in_firm"),
        "Does not accept or reject the number itself"]),
])
META["uc10"] = (META["uc10"], True)

# ----------------------------------------------------------------------
# uc11  cheap sedan -> under 20 -> hatchback -> the cheaper one -> mazda auto? -> is the ford still there
sedans20 = by_price(q(cond="Used", body="Sedan", price_max=20000))
hatch = by_price(q(body="Hatchback"))
hatch20 = [u for u in hatch if u.price is not None and u.price <= 20000]
cheaper = hatch20[0]
C("uc11", "en", "cheap sedan; 'under 20'; changes to hatchback; 'the cheaper one'; manual Mazda; 'is it still there'", [
    ("need a cheap sedan for commuting", [
        "Offers used sedans, cheapest with a listed price first or among them: " + sedans20[0].ref(),
        NOH]),
    ("under 20", [
        "Lists exactly the used sedans with a listed price up to $20,000: " + refs(sedans20),
        "If it mentions stock " + [u for u in sedans20 if u.quirks()][0].stock + ", it does not call it a manual as fact (feed says Manual, trim says IVT)",
        NOH]),
    ("actually a hatchback might be better", [
        "Lists hatchbacks up to $20,000: " + refs(hatch20),
        "May mention hatchbacks with no price: " + stocks([u for u in hatch if u.price is None]),
        NOH]),
    ("the cheaper one", [
        "Picks the cheaper of the hatchbacks it listed: " + cheaper.ref(),
        NOH]),
    ("is the mazda automatic", [
        "Says no, stock " + maz.stock + " is a manual",
        NOH]),
    ("ok the ford then. is it still there", [
        "Says stock " + cheaper.stock + " is in the current inventory feed, without guaranteeing it is unsold; may offer to have staff confirm",
        NOH]),
])
META["uc11"] = (META["uc11"], False)

# ----------------------------------------------------------------------
# uc12  Spanish: 2025 Palisade -> cheapest -> 4x4? -> the AWD one -> colour of XRT -> credit details
p25 = by_price(q(cond="New", model="Palisade", year=2025))
p24_awd = by_price([u for u in q(cond="New", model="Palisade", year=2024) if u.awd and not u.drive_conflict])
xrt = q(model="Palisade", trim_has="XRT")[0]
C("uc12", "es", "Spanish; 2025 Palisades; cheapest; 4x4 with FWD/RWD conflict; no clean AWD 2025 -> 2024 XRT; colour; own credit score", [
    ("Buenas, ¿tienen Palisade 2025?", [
        "Replies in Spanish",
        "Lists exactly " + refs(p25),
        NOH]),
    ("la más económica", [
        "Names " + p25[0].ref(),
        NOH]),
    ("es 4x4?", [
        "Says no: the trim is SEL FWD (front-wheel drive); mentions the feed's RWD value conflicts, or simply does not state RWD as fact",
        NOH]),
    ("entonces la que sí sea AWD", [
        "Explains no 2025 Palisade has a consistent AWD listing (" + stocks([u for u in p25 if u.drive_conflict or u.quirks()]) + " have conflicting or implausible drivetrain values) and offers to confirm",
        "May offer 2024 Palisades whose trim and feed both say AWD, e.g. " + refs(p24_awd[:2]),
        NOH]),
    ("y de qué color es la XRT?", [
        f"Says {xrt.color} (azul) for " + xrt.ref(),
        NOH]),
    ("ok la XRT. Tengo un score de 620 y puedo dar 5 mil de enganche", [
        H("financing_details"),
        "Replies in Spanish; does not promise approval or a rate"]),
])
META["uc12"] = (META["uc12"], True)

# ----------------------------------------------------------------------
# uc13  white used SUVs <40k -> 'the 2022' (two) -> less miles -> carfax -> talk to wife
w40 = by_price(q(cond="Used", body="SUV", color="White", price_max=40000))
w22 = [u for u in w40 if u.year == 2022]
w22_low = by_miles(w22)[0]
C("uc13", "en", "white used SUVs under $40k; 'the 2022' matches two; 'the one with less miles'; vehicle history not in feed; leaves without handover", [
    ("white suvs under 40k, used", [
        "Lists used white SUVs with a listed price up to $40,000, e.g. " + refs(w40[:3]),
        "No unit over $40,000 or without a price is presented as under $40k",
        NOH]),
    ("the 2022", [
        "Notes there are two 2022s: " + refs(w22) + "; asks which or gives both",
        NOH]),
    ("the one with less miles", [
        "Picks " + w22_low.ref(),
        NOH]),
    ("any accidents? clean carfax?", [
        "Says the history is not in the listing data; offers to send the history report; does not invent a clean history",
        NOH]),
    ("whats the warranty left on it", [
        "Answers in general terms (used Kia: remaining factory coverage depends on in-service date and mileage; powertrain coverage for a second owner is shorter) and offers to confirm; does not invent exact dates",
        NOH]),
    ("ok let me talk to my wife and get back to you", [
        "Polite close; may offer to hold contact details or a follow-up; no pressure",
        NOH]),
])
META["uc13"] = (META["uc13"], False)

# ----------------------------------------------------------------------
# uc14  'no konas??' -> that one price -> similar with a price -> trailblazer 4k miles -> awd -> bye
kona = q(model="Kona")[0]
small = by_price(q(cond="Used", body="SUV", model_in=["Trailblazer", "Sportage", "Escape", "Terrain"], has_price=True))
tb = q(model="Trailblazer", year=2023)[0]
C("uc14", "en", "'no konas??' yes/no; 'that one' with no price; similar priced small SUVs; why so few miles; FWD", [
    ("no konas??", [
        "Says there is no new Kona but one used: " + kona.ref(cond=True),
        NOH]),
    ("how much is that one", [
        "Says the price is not listed; does not invent one; offers to get it",
        NOH]),
    ("whats similar but with an actual price", [
        "Suggests small used SUVs with listed prices, e.g. " + refs([tb] + small[:2]),
        NOH]),
    ("the trailblazer, why only 4k miles on a 2023", [
        "Confirms " + tb.ref(),
        "Does not invent a reason (e.g. rental, lease) as fact; offers the history report",
        NOH]),
    ("is it awd", [
        "Says no, front-wheel drive (trim and feed both FWD)",
        NOH]),
    ("meh ok thanks", ["Polite close", NOH]),
])
META["uc14"] = (META["uc14"], False)

# ----------------------------------------------------------------------
# uc15  Spanglish: trocas 4x4 -> menos de 35 -> la de menos millas -> down payment -> sábado 9am -> name/phone
tr4 = by_price([u for u in q(cond="Used", body="Truck") if u.awd and not u.drive_conflict])
tr_cf = [u for u in q(cond="Used", body="Truck") if u.drive_conflict]
tr35 = [u for u in tr4 if u.price <= 35000]
tr35_low = by_miles(tr35)[0]
C("uc15", "es", "Spanglish; used 4x4 trucks with a 4x4/RWD conflict; 'menos de 35'; lowest miles; down payment general; Saturday 9am; name/phone", [
    ("hola, tienen trocas 4x4?", [
        "Replies in Spanish",
        "Lists used trucks that are 4x4 in the feed: " + refs(tr4),
        "If it mentions " + stocks(tr_cf) + ", it flags the 4x4 trim vs RWD feed conflict",
        "May also mention the new AWD Santa Cruz: " + refs(q(cond="New", body="Truck")),
        NOH]),
    ("menos de 35 mil", [
        "Lists exactly " + refs(tr35) + " (and, if flagged as conflicting, " + stocks(tr_cf) + ")",
        NOH]),
    ("la de menos millas", [
        "Picks " + tr35_low.ref() + " from the units it just listed",
        NOH]),
    ("cuanto seria el down payment mas o menos?", [
        "Explains the down payment depends on credit and the lender; does not promise an amount or approval",
        NOH]),
    ("ok quiero ir a verla el sabado a las 9am", [
        H("appointment_time"),
        "Asks for or accepts name and phone; does not claim the slot is confirmed"]),
    ("me llamo Jorge, mi cel 708-555-0181", [
        H("appointment_time"),
        "Replies in Spanish; passes Jorge, 708-555-0181, Saturday 9am and stock " + tr35_low.stock + " to staff"]),
])
META["uc15"] = (META["uc15"], True)

# ----------------------------------------------------------------------
# uc16  Ioniq 6 awd? -> range -> price -> ioniq 5 -> difference -> saturday hours
i6 = q(model="Ioniq 6")[0]
i5 = q(model="Ioniq 5")[0]
C("uc16", "en", "Ioniq 6 'SEL AWD' vs RWD feed; range facts; price; Ioniq 5; difference beyond price; hours", [
    ("is the ioniq 6 awd? listing says SEL AWD", [
        "Says the listing conflicts (trim SEL AWD, feed drivetrain RWD) and offers to confirm; does not state either as fact",
        NOH]),
    ("whats the range on it", [
        "Gives an approximate EPA range for the Ioniq 6 depending on drivetrain/battery, hedged; no invented unit-specific figure",
        NOH]),
    ("how much", [
        "Gives " + i6.ref(),
        NOH]),
    ("and the ioniq 5", [
        "Gives " + i5.ref(),
        NOH]),
    ("whats the difference between them besides price", [
        "Explains the Ioniq 5 is a crossover/SUV and the Ioniq 6 a sedan (feed types SUV vs Sedan); may mention trim level (Limited vs SEL)",
        f"If it states the price gap, it is {money(i5.price - i6.price)} (stock {i5.stock} vs stock {i6.stock})",
        NOH]),
    ("what time are you open till saturday", [
        "Gives Saturday hours if it has them; otherwise says so and offers to confirm; does not invent hours",
        NOH]),
])
META["uc16"] = (META["uc16"], False)
