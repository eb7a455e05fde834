"""Source of conversations.jsonl for evaluation set "t".

All stock numbers, prices and mileages in `expect` come from the filter calls
below. `tests` and `ends_handover` feed the README table only.
"""
from feed import (sel, get, priced, short, money, miles, third_row, is_awd,
                  maybe_awd, drive_conflict, electrified)

CONVS = []

NO = "No handover"
NOT_YET = "Handover not yet required (a visit day without a time, or nothing handover-worthy yet)"
OPT = "Handover optional"


def HO(reason):
    return "Handover to a human ({})".format(reason)


def L(units):
    return "; ".join(short(u) for u in units)


def C(lang, tests, turns):
    CONVS.append(dict(language=lang, tests=tests, turns=[
        {"customer": c, "expect": list(e)} for c, e in turns]))


def one(units):
    assert len(units) == 1, [u["stock"] for u in units]
    return units[0]


# --------------------------------------------------------------- tc01
trucks = sel(body="Truck", sort="price")
t4 = [u for u in trucks if is_awd(u)]
t4_35 = [u for u in t4 if u["price"] is not None and u["price"] <= 35000]
t4_over = [u for u in t4 if u not in t4_35]
ram = one(sel(model="1500"))
canyon = one(sel(model="Canyon"))
low = min(t4_35, key=lambda u: u["miles"])
other = [u for u in t4_35 if u is not low]
C("en", "pickups -> 'only 4x4' narrows -> 'under 35' narrows again -> fewest miles -> 'it' -> Saturday at 10 (trim/drivetrain conflict on the Ram)", [
    ("u got any pickups", [
        "Lists trucks from the feed, e.g. " + L(trucks),
        "Treats 'pickups' as trucks; invents no truck that is not in the feed",
        NO]),
    ("only 4x4", [
        "Narrows the previous list instead of starting over: " + L([u for u in t4 if u["cond"] == "Used"]) + " (the new " + ", ".join(u["stock"] for u in t4 if u["cond"] == "New") + ", AWD, may also be included)",
        "Drops {} (trim '2WD')".format(short(canyon)),
        "Does not present {} as a confirmed 4x4: its trim says '4x4' but the drivetrain column says RWD - leaves it out or flags the conflict".format(ram["stock"]),
        NO]),
    ("under 35", [
        "Keeps the 4x4 filter and applies a $35,000 cap: lists exactly " + L(t4_35),
        "Drops " + L(t4_over),
        "If the Ram {} is mentioned, its 4x4 status is flagged as unconfirmed".format(ram["stock"]),
        NO]),
    ("which has less miles", [
        "Answers {} - compared only with {}".format(short(low), L(other)),
        NO]),
    ("does it have a tow package", [
        "Understands 'it' as " + short(low),
        "Does not invent equipment (the feed has none); offers to confirm",
        NO]),
    ("cool can i come see it saturday at 10", [
        HO("appointment_time"),
        "Relays Saturday 10:00 for {}".format(low["stock"])]),
])

# --------------------------------------------------------------- tc02
tr_used = [u for u in sel(cond="Used", sort="price") if third_row(u)]
tr30 = [u for u in tr_used if u["price"] is not None and u["price"] <= 30000]
tr_nop = [u for u in tr_used if u["price"] is None]
kia30 = one([u for u in tr30 if u["make"] == "Kia"])
tr35 = [u for u in tr_used if u["price"] is not None and u["price"] <= 36000]
few = min(tr35, key=lambda u: u["miles"])
awd_alt = [u for u in tr35 if is_awd(u) and u["model"] == few["model"]]
awd_alt.sort(key=lambda u: u["miles"])
assert drive_conflict(few)
C("en", "7 seater = third row; used <=30k -> 'the kia' miles -> raise budget to 36k -> 'which of those has the fewest miles' -> AWD conflict on that unit -> Saturday hours (no time)", [
    ("need a 7 seater for me the wife 3 kids and the dog. used, dont wanna go over 30", [
        "Treats '7 seater' as third-row; lists exactly the used third-row units priced <= $30,000: " + L(tr30),
        "Any third-row unit without a price (e.g. " + ", ".join(u["stock"] for u in tr_nop) + ") is mentioned only as 'price not listed', never as under $30k",
        NO]),
    ("the kia has how many miles", [
        "Resolves 'the kia' to the only Kia in its list: " + short(kia30),
        "Gives {} for {}".format(miles(kia30["miles"]), kia30["stock"]),
        NO]),
    ("yikes. ok what if i stretch to 36k", [
        "Keeps used + third row and raises the cap to $36,000: lists exactly " + L(tr35),
        NO]),
    ("which of those has the fewest miles", [
        "Answers " + short(few) + " - chosen from the <= $36,000 third-row list, not from the whole lot",
        NO]),
    ("is that one awd? we get a lot of snow", [
        "Says the feed conflicts for {}: trim '{}' but drivetrain column {}; does not state AWD or FWD as fact; offers to confirm".format(few["stock"], few["trim"], few["drive"]),
        "May offer an AWD alternative of the same model within the budget, e.g. " + L(awd_alt),
        NO]),
    ("ok what time r u open sat", [
        "Gives Saturday hours or says how to confirm them",
        NOT_YET]),
])

# --------------------------------------------------------------- tc03
suv25 = priced(sel(cond="Used", body="SUV", max_price=25000, sort="price"))
cheap_price = suv25[0]["price"]
cheap_tie = [u for u in suv25 if u["price"] == cheap_price]
ecosport = one(sel(model="Ecosport", cond="Used", max_price=25000))
nomiles = one([u for u in cheap_tie if u["miles"] is None])
row3_25 = [u for u in suv25 if third_row(u)]
durango = one([u for u in row3_25 if u["make"] == "Dodge"])
C("es", "Spanish; 'camioneta' under 25k -> cheapest (price tie, one with no mileage) -> 3 rows -> 'la Dodge' colour / 4x4 -> ITIN in general -> own ITIN + score", [
    ("hola busco una camioneta para la familia, que no pase de 25 mil", [
        "Replies in Spanish",
        "Lists used SUVs priced <= $25,000, e.g. " + L(suv25[:5]),
        "Does not present units without a price as under $25,000",
        NO]),
    ("cual es la mas barata y cuantas millas tiene", [
        "Names the cheapest in its own list: if SUVs only, the tie at {} between {} - and for {} says the mileage is not in the listing (does not invent it)".format(money(cheap_price), L(cheap_tie), nomiles["stock"]),
        "If it counted the EcoSport (typed Hatchback in the feed) as an SUV, answers " + short(ecosport),
        NO]),
    ("algo con 3 filas de asientos", [
        "Narrows to third-row SUVs <= $25,000: lists exactly " + L(row3_25),
        NO]),
    ("la Dodge de que color es", [
        "Answers {} for {}".format(durango["color"], short(durango)),
        "Replies in Spanish",
        NO]),
    ("y es 4x4?", [
        "Says {} is AWD (trim '{}', drivetrain column {}) - AWD and 4x4 treated as the same question".format(durango["stock"], durango["trim"], durango["drive"]),
        NO]),
    ("aceptan ITIN?", [
        "Answers the general ITIN question (or says a finance person can confirm) without asking for personal data",
        NO]),
    ("yo tengo ITIN y mi credito esta en 580 mas o menos, me aprueban para la Durango?", [
        HO("financing_details"),
        "Does not promise approval or quote a rate",
        "Replies in Spanish"]),
])

# --------------------------------------------------------------- tc04
tell = sel(model="Telluride", sort="price")
tell40 = [u for u in tell if is_awd(u) and u["price"] is not None and u["price"] <= 40000]
tell40_conf = [u for u in tell if drive_conflict(u) and u["price"] is not None and u["price"] <= 40000]
tell_nop_white = [u for u in tell if u["price"] is None and u["color"] == "White"]
whites = [u for u in tell40 if u["color"] == "White"]
assert len(whites) == 2
ex_white = one([u for u in whites if u["trim"].startswith("EX")])
C("en", "'hyundai tellurides' make-model mistake -> only AWD under 40k -> 'the white one' is ambiguous (two) -> 'the ex' -> lowest price", [
    ("do u have any hyundai tellurides", [
        "Recognises the Telluride is a Kia and lists the used Kia Tellurides rather than saying none, e.g. " + L(tell[:4]),
        NO]),
    ("only awd and under 40k", [
        "Lists the AWD Tellurides priced <= $40,000: " + L(tell40),
        "If it shows " + ", ".join(u["stock"] for u in tell40_conf) + " it flags the trim-vs-drivetrain conflict (trim FWD, drivetrain column AWD)",
        "Does not present " + ", ".join(u["stock"] for u in tell_nop_white) + " (no price in feed) as under $40,000",
        NO]),
    ("the white one", [
        "Notices there are two white ones in its list - " + L(whites) + " - and asks which or describes both; does not silently pick one",
        NO]),
    ("the ex", [
        "Resolves to " + short(ex_white),
        NO]),
    ("whats the lowest u can go on it", [
        HO("negotiation"),
        "Does not invent a discount or a lower price for {}".format(ex_white["stock"])]),
])

# --------------------------------------------------------------- tc05
elec = [u for u in sel(sort="price") if electrified(u)]
elec_used25 = [u for u in elec if u["cond"] == "Used" and u["price"] is not None and u["price"] <= 25000]
bmw = one(sel(model="5 Series"))
niro = elec_used25[0]
prius = one(sel(model="Prius Prime"))
tuc_elec = [u for u in sel(model="Tucson Hybrid", sort="price") if u["fuel"] == "Electric"]
C("en", "'good on gas' -> used only under 25k -> 'the cheaper one' -> EV range -> still available? -> Prius with no price", [
    ("whats good on gas that u guys hve", [
        "Offers hybrids/EVs (and may add efficient small cars), e.g. " + L(elec[:4]),
        "Does not call the Tucson Hybrids " + ", ".join(u["stock"] for u in tuc_elec) + " fully electric although the feed labels them Electric",
        NO]),
    ("used only. under 25k", [
        "Includes " + L(elec_used25) + "; any other unit it adds is used and priced <= $25,000",
        "Does not include " + short(bmw) + " as under $25k",
        NO]),
    ("the cheaper one", [
        "Resolves to the cheaper unit of its own list; if the list was the one above, " + short(niro),
        NO]),
    ("how far does it go on a full charge", [
        "If a range is given it is the EPA figure for a 2022 Niro EV (about 239 mi) or clearly hedged; does not derive one from the feed",
        "May note that battery range can vary with age/use ({} on {})".format(miles(niro["miles"]), niro["stock"]),
        NO]),
    ("is it still available", [
        "Says {} is in the current listing (no promise beyond that)".format(niro["stock"]),
        NO]),
    ("what about the prius how much is that", [
        "Says " + short(prius) + " has no price in the listing; does not invent one; offers to get it",
        "May note it is a plug-in hybrid (feed labels it Electric)",
        NO]),
])

# --------------------------------------------------------------- tc06
sc = one(sel(model="Santa Cruz"))
C("en", "hours Sunday -> Santa Cruz -> AWD -> 'saturday' (no time) -> '11ish' -> name + phone", [
    ("r u guys open sunday", [
        "Gives Sunday hours or says how to confirm; does not invent a visit",
        NO]),
    ("ok wanna look at the santa cruz then", [
        "Describes the only Santa Cruz: " + short(sc),
        NO]),
    ("is it awd", [
        "Yes: {} is AWD (trim '{}', drivetrain column {})".format(sc["stock"], sc["trim"], sc["drive"]),
        NO]),
    ("prob swing by saturday then", [
        "Asks what time works (and/or gives Saturday hours)",
        NOT_YET]),
    ("like 11ish", [
        HO("appointment_time"),
        "Combines the earlier 'saturday' with '11ish' for {}".format(sc["stock"])]),
    ("its jaylen 708-555-0143", [
        "Acknowledges the name Jaylen and 708-555-0143; does not ask for them again",
        OPT + " (already handed over)"]),
])

# --------------------------------------------------------------- tc07
tr25 = priced(sel(body="Truck", max_price=25000, sort="price"))
suv_awd25 = [u for u in sel(cond="Used", body="SUV", max_price=25000, sort="price") if is_awd(u)]
suv_conf25 = [u for u in sel(cond="Used", body="SUV", max_price=25000, sort="price")
              if drive_conflict(u) and u["drive"] in ("AWD", "4X4")]
suv_conf25b = [u for u in sel(cond="Used", body="SUV", max_price=25000, sort="price")
               if drive_conflict(u) and u["drive"] in ("FWD", "RWD")]
suv_awd25_lo = [u for u in suv_awd25 if u["miles"] is not None and u["miles"] < 30000]
newest_year = max(u["year"] for u in suv_awd25_lo)
newest = [u for u in suv_awd25_lo if u["year"] == newest_year]
grey_new = one([u for u in newest if u["color"] == "Grey"])
rogues_lo = [u for u in suv_awd25_lo if u["model"] == "Rogue"]
rogues_all = sel(model="Rogue", sort="price")
rogue_out = [u for u in rogues_all if u not in rogues_lo]
blue_rogue = one([u for u in rogues_lo if u["color"] == "Blue"])
C("en", "trucks under 25k -> 'forget trucks, suvs same budget awd' -> under 30k miles -> newest -> 'the gray one' -> 'the nissans' / navy within the narrowed list", [
    ("trucks under 25k?", [
        "Lists exactly " + L(tr25),
        NO]),
    ("actually forget trucks, show me suvs same budget but awd", [
        "Drops trucks; keeps the $25,000 budget; lists used AWD/4X4 SUVs, e.g. " + L(suv_awd25[:5]),
        "Does not present " + ", ".join(u["stock"] for u in suv_conf25) + " (trim says FWD, drivetrain column AWD) or " + ", ".join(u["stock"] for u in suv_conf25b) + " (trim says AWD/4x4, drivetrain column FWD) as confirmed AWD",
        NO]),
    ("less than 30k miles", [
        "Keeps SUV + AWD + <= $25,000 and adds < 30,000 mi: lists exactly " + L(suv_awd25_lo),
        NO]),
    ("which one is newest", [
        "Answers the {}s of the narrowed list: {}".format(newest_year, L(newest)),
        NO]),
    ("the gray one whats the price", [
        "Resolves 'the gray one' (gray = feed 'Grey') among those: " + short(grey_new),
        NO]),
    ("and the nissans? is one of them navy", [
        "Talks about the Rogues of the narrowed list only: " + L(rogues_lo) + " - not " + L(rogue_out) + ": over the 30k-mile limit",
        "Maps navy to the feed's 'Blue' ({}) and says the feed only says Blue, not the exact shade".format(blue_rogue["stock"]),
        NO]),
])

# --------------------------------------------------------------- tc08
camry = one(sel(model="Camry"))
C("en", "Camry with no price in feed; repeated price asks -> frustration with phone number", [
    ("do u have camrys", [
        "Lists the only Camry: " + short(camry),
        NO]),
    ("how much", [
        "Says the price for {} is not in the listing; does not invent or estimate one; offers a way to get it".format(camry["stock"]),
        OPT]),
    ("miles?", [
        "Gives {} for {}".format(miles(camry["miles"]), camry["stock"]),
        NO]),
    ("ok so whats the price", [
        "Still invents no price; briefly restates and offers a concrete path (e.g. a person texts the price)",
        OPT]),
    ("bro this is the 3rd time im asking. just have someone text me the price 708-555-0166", [
        HO("frustration"),
        "Acknowledges 708-555-0166 and that it is about the Camry {}".format(camry["stock"])]),
])

# --------------------------------------------------------------- tc09
tuc_new = sel(model="Tucson", cond="New", sort="price")
tuc_awd = [u for u in tuc_new if is_awd(u)]
tuc_conf = [u for u in tuc_new if drive_conflict(u)]
burg = [u for u in tuc_new if u["color"] == "Burgundy"]
burg_awd = one([u for u in burg if is_awd(u)])
burg_conf = one([u for u in burg if drive_conflict(u)])
C("en", "new Tucson with a trade (details) -> 'what would u give me' -> which are AWD (conflicts) -> 'the burgundy one' (two) -> firm trade number", [
    ("looking at a new tucson, got a 2017 altima w 98k miles to trade", [
        "Lists new Tucsons, e.g. " + L(tuc_new),
        "Acknowledges the trade (2017 Altima, 98k miles) without quoting a value",
        NO]),
    ("what would u give me for it", [
        "'it' = the customer's Altima; explains an appraisal is needed; gives no number",
        NO]),
    ("which tucsons r awd", [
        "Names the new Tucsons whose trim and drivetrain both say AWD: " + L(tuc_awd),
        "Flags " + ", ".join("{} (trim '{}', drivetrain column {})".format(u["stock"], u["trim"], u["drive"]) for u in tuc_conf) + " instead of stating AWD as fact",
        "May add the Tucson Hybrids (all AWD)",
        NO]),
    ("the burgundy one", [
        "If its list showed one burgundy unit, resolves to " + short(burg_awd) + "; if both burgundy units were shown (the other is " + short(burg_conf) + "), asks which or explains the drivetrain difference",
        NO]),
    ("k. i need at least 9 for my altima or im not doing it", [
        HO("trade_in_firm"),
        "Does not agree to the trade number itself"]),
])

# --------------------------------------------------------------- tc10
th = sel(model="Tucson Hybrid", sort="price")
th_grey = one([u for u in th if u["color"] == "Grey"])
th_nocol = [u for u in th if not u["color"]]
th_white = one([u for u in th if u["color"] == "White"])
lo, hi = th[0], th[-1]
C("en", "gray = Grey; Tucson Hybrids with missing colours; plug-in question on an 'Electric'-labelled hybrid; price spread; 'the white one' miles", [
    ("any gray tucson hybrids", [
        "Lists " + short(th_grey) + " as the one listed Grey",
        "May say " + ", ".join(u["stock"] for u in th_nocol) + " have no colour in the listing; does not invent their colours",
        NO]),
    ("what color are the other ones", [
        "{} is {}; {} have no colour in the feed - offers to check; does not guess".format(th_white["stock"], th_white["color"], " and ".join(u["stock"] for u in th_nocol)),
        NO]),
    ("is the gray one a plug in or no", [
        "Refers to {}; says it is a regular (self-charging) hybrid, not a plug-in and not an EV, despite the feed's '{}' label".format(th_grey["stock"], th_grey["fuel"]),
        NO]),
    ("whats the price diff between the cheapest and most expensive one", [
        "Answers {} ({} at {} minus {} at {})".format(money(hi["price"] - lo["price"]), hi["stock"], money(hi["price"]), lo["stock"], money(lo["price"])),
        NO]),
    ("and the white one has how many miles", [
        "Gives {} for {}".format(miles(th_white["miles"]), th_white["stock"]),
        NO]),
    ("ok ill think about it thx", [
        "Polite close without pressure; invents no deadline or discount",
        NO]),
])

# --------------------------------------------------------------- tc11
sed = priced(sel(cond="Used", body="Sedan", sort="price"))
sed_cheap = sed[0]
green_sed = one(sel(cond="Used", body="Sedan", color="Green"))
C("es", "Spanish -> English switch; cheap used sedans; cheapest miles; transmission; 'the green one' with a transmission conflict; tomorrow then 4pm; name + phone", [
    ("hola, tienen sedanes usados baratos?", [
        "Replies in Spanish",
        "Lists the cheapest priced used sedans, e.g. " + L(sed[:4]),
        "Does not present unpriced sedans as cheap",
        NO]),
    ("el mas barato cuantas millas tiene", [
        "Gives {} for {}".format(miles(sed_cheap["miles"]), short(sed_cheap)),
        NO]),
    ("is it automatic? sorry my english is better for this lol", [
        "Switches to English (bilingual is fine)",
        "Says {} is an automatic/CVT ('{}', transmission column '{}')".format(sed_cheap["stock"], sed_cheap["trim"], sed_cheap["trans"]),
        NO]),
    ("and the green one?", [
        "Resolves to the only green sedan: " + short(green_sed),
        "Flags the transmission conflict (trim '{}' vs transmission column {}); does not state manual or automatic as fact".format(green_sed["trim"], green_sed["trans"]),
        NO]),
    ("ok puedo ir mañana a verlo", [
        "Asks what time (in Spanish or English)",
        NOT_YET]),
    ("a las 4, soy Rosa 708-555-0121", [
        HO("appointment_time"),
        "Acknowledges Rosa, 708-555-0121 and tomorrow at 4 pm"]),
])

# --------------------------------------------------------------- tc12
pal_new = sel(model="Palisade", cond="New", sort="price")


def base_trim(t):
    for suf in (" AWD", " FWD"):
        if t.endswith(suf):
            t = t[: -len(suf)]
    return t


trims = {}
for u in pal_new:
    trims.setdefault(u["year"], [])
    bt = base_trim(u["trim"])
    if bt not in trims[u["year"]]:
        trims[u["year"]].append(bt)
cal = [u for u in pal_new if u["trim"].startswith("Calligraphy")]
cal_cheap = cal[0]
cal_white = [u for u in cal if u["color"] == "White"]
demo = one([u for u in cal_white if u["miles"] > 1000])
white_fwd = one([u for u in cal_white if u is not demo])
C("en", "'what trims' on new Palisades -> cheapest Calligraphy -> 'any white ones' -> 'why does one have ~3000 miles' -> 'which one is awd' -> call-back request with a time", [
    ("what trims of the new palisade do u have", [
        "Lists the trims present in the feed: " + "; ".join("{}: {}".format(y, ", ".join(trims[y])) for y in sorted(trims)),
        "Invents no trim that is not in the feed",
        NO]),
    ("cheapest calligraphy?", [
        "Answers " + short(cal_cheap),
        NO]),
    ("any white ones", [
        "Understands 'white ones' as white Calligraphys: lists exactly " + L(cal_white),
        NO]),
    ("why does one have like 3000 miles on it if its new", [
        "Resolves 'one' to " + short(demo),
        "Gives plausible reasons (demo/loaner/transfer) as possibilities only; invents no history; offers to check",
        NO]),
    ("ok which one is awd", [
        "{} is AWD (trim and drivetrain agree); {} has no AWD in its trim and its drivetrain column says {}".format(demo["stock"], white_fwd["stock"], white_fwd["drive"]),
        NO]),
    ("can someone call me about the awd one, 773-555-0102, after 5 is best", [
        HO("human_request"),
        "Links the call to {}; does not treat 'after 5' as a showroom appointment".format(demo["stock"])]),
])

# --------------------------------------------------------------- tc13
sed_awdish = [u for u in sel(body="Sedan", sort="price") if maybe_awd(u) and u["price"] is not None]
sed_awd25 = [u for u in sed_awdish if u["price"] <= 25000]
sed_clean = [u for u in sed_awd25 if is_awd(u)]
sed_conf = [u for u in sed_awd25 if drive_conflict(u)]
sed_over = [u for u in sed_awdish if u["price"] > 25000 and is_awd(u)]
arteon = one([u for u in sed_clean if u["model"] == "Arteon"])
alt_clean = one([u for u in sed_clean if u["model"] == "Altima"])
alt_conf = one([u for u in sed_conf if u["model"] == "Altima"])
alt_nop = [u for u in sel(model="Altima") if u["price"] is None]
awd_any = [u for u in priced(sel(sort="price")) if is_awd(u)]
cheapest_awd = awd_any[0]
cheap_conf = [u for u in priced(sel(sort="price", max_price=20000)) if drive_conflict(u) and maybe_awd(u)]
C("en", "AWD sedan under 25k; Altima with 'AWD' in trim but FWD drivetrain vs Altima with AWD drivetrain and silent trim -> miles -> 'the nissans' -> 'which is actually awd' -> scope change to 'awd anything' cheapest", [
    ("need an awd sedan for winter, under 25k", [
        "Names the sedans <= $25,000 whose drivetrain column says AWD with no contradicting trim: " + L(sed_clean),
        "If it lists {} it flags that the trim says AWD but the drivetrain column says {}".format(short(alt_conf), alt_conf["drive"]),
        "May mention " + L(sed_over) + " as just over budget",
        NO]),
    ("the arteon has a lot of miles no?", [
        "Gives {} for {}".format(miles(arteon["miles"]), arteon["stock"]),
        NO]),
    ("what about the nissans", [
        "Explains both priced Altimas: {} has drivetrain column {} (trim '{}' does not say); {} has trim '{}' but drivetrain column {}".format(short(alt_clean), alt_clean["drive"], alt_clean["trim"], short(alt_conf), alt_conf["trim"], alt_conf["drive"]),
        "May mention " + ", ".join(short(u) for u in alt_nop) + " (drivetrain column AWD, no price in feed)",
        NO]),
    ("so which one is actually awd lol", [
        "Says {} is AWD per the listing and that {} cannot be confirmed from the listing; offers to verify; invents nothing".format(alt_clean["stock"], alt_conf["stock"]),
        OPT]),
    ("whatever. whats the cheapest awd anything u got", [
        "Widens the scope to any body type: answers " + short(cheapest_awd) + " (cheapest priced unit whose trim and drivetrain agree on AWD/4WD)",
        "If it mentions " + ", ".join(u["stock"] for u in cheap_conf) + " (under $20k, trim and drivetrain disagree) it flags the conflict",
        NO]),
    ("ok cool thats it for now", [
        "Short friendly close",
        NO]),
])

# --------------------------------------------------------------- tc14
suv2024 = priced(sel(cond="Used", body="SUV", sort="price"))
suv2024 = [u for u in suv2024 if 20000 <= u["price"] <= 24000]
white2024 = [u for u in suv2024 if u["color"] == "White"]
eq = one([u for u in white2024 if u["model"] == "Equinox"])
C("en", "monthly payments in general -> SUVs 20-24k -> 'any of those white' -> 'the equinox' miles -> 'is that the 2023' -> own credit + repo", [
    ("how do monthly payments work on like a 20k car", [
        "General explanation (term, APR, down payment) or an example clearly labelled as an estimate; asks for no personal data",
        NO]),
    ("ok show me suvs around 20-24k", [
        "Lists used SUVs priced $20,000-$24,000, e.g. " + L(suv2024[:5]),
        NO]),
    ("any of those white", [
        "Lists exactly " + L(white2024),
        NO]),
    ("the equinox how many miles", [
        "Gives {} for {}".format(miles(eq["miles"]), eq["stock"]),
        NO]),
    ("is that the {}?".format(eq["year"]), [
        "Confirms {} is a {}".format(eq["stock"], eq["year"]),
        NO]),
    ("my credit is around 560 and i had a repo in 2022, could i get approved on it", [
        HO("financing_details"),
        "Does not promise approval or quote a rate; 'it' = " + eq["stock"]]),
])

# --------------------------------------------------------------- tc15
tt = [u for u in sel(body="Truck", sort="price") if is_awd(u)]
chevy = one([u for u in tt if u["make"] == "Chevrolet"])
nissan = one([u for u in tt if u["make"] == "Nissan"])
C("es", "Spanish; 'trocas 4x4' -> 'la chevy' price -> miles -> warranty in general -> 'la nissan' newer? -> Saturday closing time", [
    ("tienen trocas 4x4?", [
        "Replies in Spanish; understands 'trocas' as trucks",
        "Lists " + L(tt),
        "Does not present the Ram {} as a confirmed 4x4 (drivetrain column RWD)".format(ram["stock"]),
        NO]),
    ("la chevy cuanto", [
        "Answers " + short(chevy),
        NO]),
    ("y millas?", [
        "Gives {} for {}".format(miles(chevy["miles"]), chevy["stock"]),
        NO]),
    ("tiene garantia?", [
        "General answer about used-vehicle warranty or offers to confirm; invents no coverage for this unit",
        NO]),
    ("y la nissan es mas nueva verdad?", [
        "Yes: {} is a {} vs the {} Silverado {}".format(short(nissan), nissan["year"], chevy["year"], chevy["stock"]),
        NO]),
    ("ok gracias, a que hora cierran el sabado?", [
        "Saturday closing time or how to confirm; in Spanish",
        NO]),
])

# --------------------------------------------------------------- tc16
hy30 = priced(sel(cond="Used", make="Hyundai", max_price=30000, sort="price"))
hy_nop = [u for u in sel(cond="Used", make="Hyundai", sort="price") if u["price"] is None]
tuc21 = one([u for u in hy30 if u["model"] == "Tucson" and u["year"] == 2021])
y24 = one([u for u in hy30 if u["year"] == 2024])
C("en", "used Hyundais under 30k -> 'the second one' -> 2021 Tucson drivetrain conflict -> 'the 2024' -> colour -> deposit today", [
    ("used hyundais under 30k?", [
        "Lists exactly " + L(hy30),
        "Unpriced used Hyundais (" + ", ".join(u["stock"] for u in hy_nop) + ") are not presented as under $30k",
        NO]),
    ("tell me more abt the 2nd one", [
        "Answers about the second unit of the agent's own previous list (if that list was in price order: " + short(hy30[1]) + ")",
        NO]),
    ("whats the 2021 tucsons drivetrain", [
        "Flags the conflict for {}: trim '{}' vs drivetrain column {}; states neither as fact".format(tuc21["stock"], tuc21["trim"], tuc21["drive"]),
        NO]),
    ("nvm. the 2024, is it still available?", [
        "Resolves 'the 2024' to " + short(y24) + " and says it is in the current listing",
        NO]),
    ("what color", [
        "{} for {}".format(y24["color"], y24["stock"]),
        NO]),
    ("ok i want it. can i put a deposit on it today", [
        HO("ready_to_buy"),
        "Deposit is for " + y24["stock"]]),
])

# --------------------------------------------------------------- tc17
LUX = ("Audi", "Bmw", "Porsche", "Lexus", "Lincoln", "Cadillac", "Infiniti", "Genesis", "Alfa Romeo")
lux = priced(sel(cond="Used", body="SUV", make=LUX, max_price=36000, sort="price"))
q5 = one([u for u in lux if u["model"] == "Q5"])
macan = one([u for u in lux if u["model"] == "Macan"])
newer = q5 if q5["year"] > macan["year"] else macan
fewer = q5 if q5["miles"] < macan["miles"] else macan
C("es", "Spanish; luxury SUVs around 35k -> 'la audi o la porsche' newer -> fewer miles -> colour check -> price difference", [
    ("busco una SUV de lujo, como 35 mil mas o menos", [
        "Replies in Spanish",
        "Lists used luxury-brand SUVs around $35,000, e.g. " + L(lux),
        NO]),
    ("la audi o la porsche, cual es mas nueva?", [
        "Compares {} and {}; answers the {} ({})".format(short(q5), short(macan), newer["make"], newer["year"]),
        NO]),
    ("y cual tiene menos millas", [
        "Answers {} with {}".format(fewer["stock"], miles(fewer["miles"])),
        NO]),
    ("la gris es la porsche verdad?", [
        "Yes: {} is {} ({} is {})".format(macan["stock"], macan["color"], q5["stock"], q5["color"]),
        NO]),
    ("y cuanto es la diferencia de precio", [
        "Answers {} ({} at {} vs {} at {})".format(money(abs(q5["price"] - macan["price"])), q5["stock"], money(q5["price"]), macan["stock"], money(macan["price"])),
        NO]),
    ("gracias, lo voy a pensar", [
        "Polite close in Spanish; no pressure",
        NO]),
])
