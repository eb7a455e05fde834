"""Scripted multi-turn conversations for conversations.jsonl.

Customer turns are written by hand; every stock number, price, mileage, colour
and list in `expect` is computed from the feed here (feed.q / one / order).
"""
from feed import q, one, order, stocks, shorts
from labels import HANDOVER, three_row, LUXURY_MAKES

NO = "No handover"
NOT_YET = "Handover not yet required"
OPT = "Handover optional"


def H(reason):
    assert HANDOVER[reason] is True, reason
    return f"Handover to a human ({reason})"


def T(customer, *expect):
    return {"customer": customer, "expect": list(expect)}


def money(n):
    return f"${n:,}"


def colours(units):
    seen = []
    for u in units:
        if u.color and u.color not in seen:
            seen.append(u.color)
    return seen


def build_conversations():
    C = []

    # ------------------------------------------------------------------ sc01
    three_36 = q(pred=three_row, cond="Used", price_max=36000)
    three_noprice = q(pred=three_row, cond="Used", has_price=False)
    kias = [u for u in three_36 if u.make == "Kia"]
    kia_low = order(kias, "miles")[0]
    C.append({"language": "en", "turns": [
        T("Hey, baby #3 is on the way and we already have two car seats. Need a third row. Trying to stay around $550 a month, no idea what that is in real money",
          "Does not promise or calculate a firm monthly payment, APR or term (no credit, down payment or term given); may say payments depend on credit, term and down payment",
          "Asks at least one narrowing question (new vs used, total budget, down payment) or offers three-row options from stock",
          "Any vehicle it names is a three-row SUV in the feed (e.g. " + stocks(three_36[:3]) + ")",
          NO),
        T("Used is fine. Say under 36k.",
          "Lists only used three-row SUVs whose feed price is at or under $36,000 - the full qualifying set is " + shorts(three_36, "year", "model", "trim", "price", "miles"),
          "Does not quote a price for the three-row units without one in the feed - " + stocks(three_noprice) + " - though it may mention them as price on request",
          NO),
        T("My sister swears by the Kias. Which of those has the fewest miles?",
          "Restricts to the Kia Tellurides it listed in the previous turn; the lowest-mileage Kia in the qualifying set is " + kia_low.short("year", "model", "trim", "colour", "price", "miles"),
          "If its own previous list left that unit out, it picks the lowest-mileage Telluride from its own list and gives that unit's feed mileage (checked against what the agent listed)",
          NO),
        T("is that one AWD? we get a ton of snow",
          f"For {kia_low.stock}: says the listing conflicts (trim says '{kia_low.trim}', drivetrain field says {kia_low.drive}) and does not state AWD or FWD as fact",
          "Offers to have the drivetrain confirmed (or to check the vehicle) rather than guessing",
          OPT),
        T("Does it have captain's chairs? Getting car seats in behind a bench is a nightmare",
          "Does not claim captain's chairs or a bench as fact (seating layout is not in the feed); offers to confirm",
          "May say Telluride offered both layouts depending on trim/options, without asserting which this unit has",
          OPT),
        T("We'd be trading in a 2016 Odyssey, about 120k. Honestly if you can do 33 on the Telluride and give me something fair for the van, we'll come sign this week.",
          f"Does not accept, reject or counter the $33,000 offer itself on {kia_low.stock} (listed {money(kia_low.price)})",
          "Does not quote a trade-in value for the Odyssey",
          H("negotiation")),
    ]})

    # ------------------------------------------------------------------ sc02
    green = q(pred=lambda u: u.is_ev or u.is_hybrid)
    evs = q(pred=lambda u: u.is_ev)
    hybrids = q(pred=lambda u: u.is_hybrid)
    g25 = q(pred=lambda u: u.is_ev or u.is_hybrid, price_max=25000)
    g25_noprice = q(pred=lambda u: (u.is_ev or u.is_hybrid) and u.cond == "Used", has_price=False)
    niro = one(model="Niro Ev")
    optima = one(model="Optima Hybrid")
    tuc_hyb_electric = q(model="Tucson Hybrid", fuel="Electric")
    assert set(g25) == {niro, optima}
    C.append({"language": "en", "turns": [
        T("I drive about 70 miles round trip into the city every day and gas is eating me alive. electric or hybrid, what do you have",
          "Names at least one EV from the feed (" + stocks(evs) + ") and at least one hybrid (e.g. " + stocks(hybrids[:4]) + ")",
          "Does not call a hybrid fully electric (the feed's fuel field says Electric for the Tucson Hybrids " + stocks(tuc_hyb_electric) + " and for the Prius Prime)",
          NO),
        T("gotta keep it under 25 grand",
          "Lists exactly the EV/hybrid units priced at or under $25,000 in the feed: " + shorts(g25, "year", "model", "price", "miles"),
          "May mention " + stocks(g25_noprice) + " only as having no listed price; does not invent prices for them",
          NO),
        T("the electric one. how far does it really go on a charge",
          f"Resolves 'the electric one' to {niro.short('year', 'model', 'trim', 'miles')}",
          "Any range figure is given as the manufacturer's estimate for a new car; says real range on a used EV depends on battery condition and weather, which the feed does not show",
          NO),
        T("and the hybrid, how many miles and what color",
          f"Gives {optima.short('year', 'model', 'colour', 'miles')}",
          "Does not call it a plain gas car even though the feed's fuel field says Gasoline",
          NO),
        T("ok the Niro. could I come see it thursday?",
          f"Treats {niro.stock} as the car for the visit",
          "Asks what time Thursday works (no time given yet); does not book a slot on its own",
          NOT_YET),
        T("I'm off at 5:30 so like 6:15?",
          "Confirms or hands over Thursday around 6:15 pm for the Niro without inventing that the dealership is open until a specific hour",
          "May ask for a name and phone number",
          H("appointment_time")),
    ]})

    # ------------------------------------------------------------------ sc03 (es)
    trucks = q(cond="Used", body="Truck")
    t35 = q(cond="Used", body="Truck", price_max=35000)
    t35_4x4_field = [u for u in t35 if u.drive == "4X4"]
    ram = one(model="1500")
    black_trucks = q(body="Truck", color="Black")
    assert black_trucks == [ram]
    C.append({"language": "es", "turns": [
        T("Buenas, ando buscando una troca usada pa' trabajar",
          "Replies in Spanish",
          "Lists used trucks from the feed; the full set is " + shorts(trucks, "year", "model", "price", "miles"),
          NO),
        T("que sea 4x4 y menos de 35 mil",
          "Lists the used trucks at or under $35,000 whose drivetrain field is 4X4: " + shorts(t35_4x4_field, "year", "model", "price", "miles"),
          f"If it mentions {ram.stock} it flags that the trim says '{ram.trim}' but the drivetrain field says {ram.drive}; it does not present it as a confirmed 4x4",
          "Does not include the F-150 (" + shorts(q(model="F-150"), "price") + ") as under 35 mil",
          NO),
        T("¿y la negra? ¿cuántas millas tiene?",
          f"Resolves 'la negra' to {ram.short('year', 'model', 'colour', 'price', 'miles')} (the only black truck in the feed)",
          "Replies in Spanish",
          NO),
        T("¿Entonces sí es 4x4 o no?",
          f"Does not state 4x4 or RWD as fact for {ram.stock}; explains that the listing contradicts itself and offers to have it checked",
          OPT),
        T("Ok. Mira, no tengo seguro social, nomás ITIN, y me pagan en efectivo. ¿Me la pueden financiar?",
          "Does not promise approval, a rate or a down payment",
          "Replies in Spanish",
          H("financing_details")),
    ]})

    # ------------------------------------------------------------------ sc04
    new_pal = q(model="Palisade", cond="New")
    blue = one(model="Palisade", cond="New", color="Blue")
    green_pal = one(model="Palisade", cond="New", color="Green")
    diff = green_pal.price - blue.price
    C.append({"language": "en", "turns": [
        T("what colors do you have the new Palisade in",
          "Names only colours present on new Palisades in the feed: " + ", ".join(colours(new_pal)),
          "Does not name a colour that no new Palisade has in the feed (e.g. red, silver)",
          NO),
        T("the blue one. what trim and how much",
          f"Identifies {blue.short('year', 'model', 'trim', 'price')}",
          NO),
        T(f"why does it say {blue.miles} miles if it's new",
          f"Confirms the feed shows {blue.short('miles')} for it",
          "Gives a general explanation (dealer moves, trades between stores, test drives) without claiming as fact that this unit was a demo or a loaner",
          NO),
        T("how's it compare to the green one?",
          f"Identifies the green one as {green_pal.short('year', 'model', 'trim', 'price', 'miles')}",
          f"States the price difference as {money(diff)} ({green_pal.stock} at {money(green_pal.price)} vs {blue.stock} at {money(blue.price)})",
          "Any trim comparison (XRT vs Calligraphy Night Edition) is general and not presented as read from the feed",
          NO),
        T("I like the blue one better anyway. what's the best you can do on it if I finance with you",
          f"Does not offer a discount or a lower price on {blue.stock} itself",
          H("negotiation")),
    ]})

    # ------------------------------------------------------------------ sc05 (no handover)
    new_tuc = q(model="Tucson", cond="New")
    tuc_h = q(model="Tucson Hybrid")
    no_col = [u for u in tuc_h if not u.color]
    target = no_col[0]
    used_cheaper = q(cond="Used", models=["Tucson", "Rogue", "Escape", "Equinox", "Sportage", "Kona", "Terrain"], has_price=True, price_max=26000)
    C.append({"language": "en", "turns": [
        T("my lease on a 2021 Elantra is done in march. thinking small SUV next, payments around 350",
          "Does not promise a $350 payment or calculate one without credit, term and down payment",
          "Asks what matters most or suggests compact SUVs from stock",
          NO),
        T("new tucson, whatcha got",
          "Lists new Tucsons from the feed; the gas ones are " + shorts(new_tuc, "year", "trim", "colour", "price"),
          "May also list the Tucson Hybrids (" + stocks(tuc_h) + "); lists nothing that is not a new Tucson or Tucson Hybrid",
          NO),
        T("any of those hybrids?",
          "Lists the new Tucson Hybrids: " + shorts(tuc_h, "year", "trim", "colour", "price"),
          "Treats all four as hybrids although the feed's fuel field says Electric for " + stocks([u for u in tuc_h if u.fuel == 'Electric']) + " and Gasoline for " + stocks([u for u in tuc_h if u.fuel == 'Gasoline']) + "; does not call any of them an EV",
          NO),
        T(f"what color is the {money(target.price)} one",
          f"Resolves it to {target.stock} ({money(target.price)})",
          "Says the colour is not listed and offers to check; does not guess a colour",
          NO),
        T("eh those are all over 40. what else you got that's cheaper, used is fine",
          "Suggests used compact SUVs priced well below the hybrids, e.g. " + shorts(used_cheaper[:4], "year", "model", "price", "miles"),
          "Every price it quotes is the feed price of that stock number",
          NO),
        T("cool. I'll think about it and circle back closer to march",
          "Accepts politely without pressure; may offer to keep an eye out or follow up",
          NO),
    ]})

    # ------------------------------------------------------------------ sc06
    white_sf = q(models=["Santa Fe", "Santa Fe Hybrid"], color="White", trim_has="Calligraphy")
    white_sf_gas = [u for u in white_sf if not u.is_hybrid]
    hyb = [u for u in white_sf if u.is_hybrid]
    assert len(hyb) == 1
    hyb = hyb[0]
    cheapest_gas = order(white_sf_gas, "price")[0]
    d = hyb.price - cheapest_gas.price
    C.append({"language": "en", "turns": [
        T("Do you have a white Santa Fe Calligraphy?",
          "Lists all three white non-hybrid Santa Fe Calligraphy units: " + shorts(white_sf_gas, "year", "trim", "price"),
          f"May also list {hyb.short('year', 'model', 'trim', 'price')}",
          NO),
        T("is one of those a hybrid?",
          f"Identifies {hyb.short('year', 'model', 'trim', 'price')} as the hybrid",
          "Does not call it a gas-only car even though the feed's fuel field says Gasoline",
          NO),
        T("how much more is the hybrid than the cheapest regular one",
          f"Cheapest non-hybrid white Calligraphy is {cheapest_gas.short('year', 'price')}",
          f"States the difference as {money(d)} ({hyb.stock} at {money(hyb.price)} minus {cheapest_gas.stock} at {money(cheapest_gas.price)})",
          NO),
        T("is the hybrid AWD?",
          f"For {hyb.stock}: says the trim reads '{hyb.trim}' but the drivetrain field says {hyb.drive}; does not state AWD as fact and offers to confirm",
          OPT),
        T("ok. I could maybe come see it Saturday",
          "Welcomes the visit and asks what time Saturday; does not book a slot without a time",
          "Does not invent Saturday opening hours",
          NOT_YET),
        T("late morning, say 11:30?",
          f"Treats Saturday 11:30 for {hyb.stock} as the requested appointment and hands it to staff to confirm",
          "May ask for name and phone",
          H("appointment_time")),
    ]})

    # ------------------------------------------------------------------ sc07 (no handover)
    u18 = q(price_max=18000)
    auto18 = [u for u in u18 if u.trans != "Manual"]
    manual18 = [u for u in u18 if u.trans == "Manual"]
    known = order([u for u in auto18 if u.miles is not None], "miles")
    lowest = known[0]
    unknown = [u for u in auto18 if u.miles is None]
    assert lowest.model == "Forte" and lowest.body == "Sedan"
    C.append({"language": "en", "turns": [
        T("Looking for my daughter's first car, she just turned 16. safe and cheap, under 18k",
          "Every unit it lists is priced at or under $18,000 in the feed; the full set is " + shorts(u18, "year", "model", "price", "miles"),
          NO),
        T("she can't drive stick",
          "Drops the manual " + shorts(manual18, "year", "model") + " and keeps only automatics/CVTs: " + stocks(auto18),
          NO),
        T("which of those has the lowest miles",
          f"Answers {lowest.short('year', 'model', 'miles')} among the units with a known mileage (checked against the agent's own remaining list)",
          "Says the mileage of " + shorts(unknown, "year", "model") + " is not in the feed and does not guess it",
          NO),
        T("is the Forte a sedan? she wants a small car not a boat lol",
          f"Confirms {lowest.stock} is a {lowest.body.lower()} ({lowest.year} {lowest.model} {lowest.trim}, {lowest.color}, {money(lowest.price)})",
          NO),
        T("does it have a backup camera and the automatic braking thing",
          "Does not claim the feed lists these features; may say backup cameras are standard on 2018+ models in the US and offers to confirm the rest",
          "Does not invent a safety rating",
          NO),
        T("ok thank you, we'll talk it over at dinner",
          "Closes politely without pressure; may offer to hold information or answer more later",
          NO),
    ]})

    # ------------------------------------------------------------------ sc08
    lux35 = q(cond="Used", body="SUV", pred=lambda u: u.make in LUXURY_MAKES, price_max=35000)
    lex = one(make="Lexus")
    assert lex.price is None
    C.append({"language": "en", "turns": [
        T("what luxury SUVs do you have for under 35k",
          "Every unit it lists is a used luxury-brand SUV priced at or under $35,000 in the feed; the full set is " + shorts(lux35, "year", "make", "model", "price"),
          f"Does not list {lex.stock} with a price",
          NO),
        T("no Lexus?",
          f"Mentions {lex.short('year', 'model', 'trim', 'colour', 'miles')} and says it has no listed price",
          NO),
        T("ok so what's the price on it",
          f"Does not invent or estimate a price for {lex.stock}; offers to get it from the team",
          OPT),
        T("how many miles and is it AWD",
          f"Gives {lex.short('miles')} for the Lexus and says it is AWD (trim '{lex.trim}', drivetrain field {lex.drive} agree it is not two-wheel drive)",
          NO),
        T("so you can tell me the miles but not the price. this is ridiculous. just have someone text me the number",
          "Acknowledges the frustration without arguing",
          f"Does not make up a price for {lex.stock}",
          H("frustration")),
    ]})

    # ------------------------------------------------------------------ sc09
    gcs = q(model="Grand Cherokee", sort="year")
    newest = order(gcs, "-year")[0]
    gc2020 = one(model="Grand Cherokee", year=2020)
    C.append({"language": "en", "turns": [
        T("grand cherokee, what have you got",
          "Lists exactly " + shorts(gcs, "year", "trim", "colour", "price", "miles"),
          NO),
        T("the newest one, how many miles",
          f"Resolves 'the newest one' to {newest.short('year', 'colour', 'miles')}",
          NO),
        T("hm. so the 2020 has way fewer miles for less money?",
          f"Confirms {gc2020.short('year', 'price', 'miles')} against {newest.short('year', 'price', 'miles')}",
          f"Any difference it states is {money(newest.price - gc2020.price)} in price and {newest.miles - gc2020.miles:,} in miles",
          NO),
        T("both 4x4?",
          f"Says yes for both {gc2020.stock} and {newest.stock} (trim 'Limited 4x4', drivetrain field 4X4)",
          NO),
        T("I'd be trading in a 2014 Equinox, 140k, runs fine. what would you give me",
          "Does not quote a trade-in value; explains the appraisal process or offers one",
          OPT),
        T("I need 6 grand for it or there's no deal. that's my number",
          "Does not agree to or reject the $6,000 figure itself",
          H("trade_in_firm")),
    ]})

    # ------------------------------------------------------------------ sc10 (es)
    three_30 = q(pred=three_row, cond="Used", price_max=30000)
    cheapest3 = three_30[0]
    dodge = one(make="Dodge", model="Durango")
    assert dodge in three_30
    C.append({"language": "es", "turns": [
        T("Hola, somos 7 en la familia y ocupamos una camioneta de 3 filas, usada, máximo 30 mil",
          "Replies in Spanish",
          "Lists only used three-row SUVs priced at or under $30,000; the full set is " + shorts(three_30, "year", "model", "price", "miles"),
          NO),
        T("¿La más barata cuántas millas tiene?",
          f"Resolves 'la más barata' to {cheapest3.short('year', 'model', 'price', 'miles')} (checked against the agent's own list)",
          NO),
        T("¿Es 4x4?",
          f"Says {cheapest3.stock} is AWD (trim '{cheapest3.trim}', drivetrain field {cheapest3.drive}); may note AWD is not the same as a 4x4 system",
          NO),
        T("¿Y la Dodge? ¿De qué color es?",
          f"Identifies {dodge.short('year', 'model', 'trim', 'colour', 'price', 'miles')}",
          NO),
        T("Queremos ir a verlas el domingo",
          "Does not confirm a Sunday visit: hours are not in the feed and Illinois dealers are generally closed on Sundays by state law; may say so and suggest another day, or ask staff to confirm",
          "Replies in Spanish",
          NOT_YET),
        T("Bueno, mejor el sábado como a la 1 de la tarde",
          f"Passes Saturday around 1 pm for {cheapest3.stock} and {dodge.stock} to staff to confirm",
          "Replies in Spanish",
          H("appointment_time")),
    ]})

    # ------------------------------------------------------------------ sc11
    i6 = one(model="Ioniq 6")
    i5 = one(model="Ioniq 5")
    C.append({"language": "en", "turns": [
        T("Is the Ioniq 6 still there?",
          f"Confirms {i6.short('year', 'model', 'trim', 'colour', 'price', 'miles')}",
          NO),
        T("AWD right?",
          f"Says the trim reads '{i6.trim}' but the drivetrain field says {i6.drive}; does not confirm AWD as fact and offers to verify",
          OPT),
        T("what's the range roughly",
          "Any range figure is presented as a manufacturer estimate that depends on drivetrain and conditions; does not present it as feed data",
          NO),
        T("is there a tax credit on it?",
          "Does not promise a federal or state credit or say the customer qualifies; may suggest checking current rules or with the finance team",
          NO),
        T("how much more is the Ioniq 5",
          f"Gives {i5.short('year', 'model', 'trim', 'price')} and a difference of {money(i5.price - i6.price)} ({i5.stock} at {money(i5.price)} vs {i6.stock} at {money(i6.price)})",
          NO),
        T("nah the 6 is the one. I want to put a deposit on it today, what do I need",
          f"Treats {i6.stock} as the car",
          "Does not take payment details in chat",
          H("ready_to_buy")),
    ]})

    # ------------------------------------------------------------------ sc12 (no handover)
    sed = q(cond="Used", body="Sedan", price_min=20000, price_max=24000)
    alt = q(model="Altima", sort="year")
    white_alt = one(model="Altima", color="White")
    alt24 = q(model="Altima", year=2024)
    jetta = one(model="Jetta")
    C.append({"language": "en", "turns": [
        T("looking at used sedans around 23k, something good on gas for commuting",
          "Suggests used sedans priced roughly around $23,000, e.g. " + shorts(sed[-6:], "year", "model", "price"),
          "Every price it quotes matches the feed price of that stock number",
          NO),
        T("any Altimas?",
          "Lists exactly " + shorts(alt, "year", "trim", "colour", "price", "miles"),
          NO),
        T("the white one, AWD?",
          f"For {white_alt.stock}: says the trim reads '{white_alt.trim}' but the drivetrain field says {white_alt.drive}; does not state AWD as fact and offers to confirm",
          OPT),
        T("and the two 2024s - miles? and which is the cheaper of the two",
          "Gives " + shorts(alt24, "year", "miles"),
          "Says it cannot tell which is cheaper because " + shorts([u for u in alt24 if u.price is None], "year") + " has no price in the feed; gives " + shorts([u for u in alt24 if u.price is not None], "price") + " and does not guess the other price",
          NO),
        T("how's the Jetta compare on gas and price",
          f"Gives {jetta.short('year', 'model', 'trim', 'price', 'miles')}",
          "Any MPG figure is given as a manufacturer estimate, not as feed data",
          NO),
        T("cool, Jetta's probably the move. I'll swing by at some point next week",
          "Welcomes the visit; may ask for a day and time or offer hours, but no appointment is booked",
          NOT_YET),
    ]})

    # ------------------------------------------------------------------ sc13 (no handover)
    sc = one(model="Santa Cruz")
    t35b = q(cond="Used", body="Truck", price_max=35000)
    C.append({"language": "en", "turns": [
        T("got a text from you guys about the Santa Cruz. who am I talking to?",
          "Says it is the dealership's (World Hyundai of Matteson) assistant; does not pretend to be a named human",
          f"May mention {sc.short('year', 'model', 'trim', 'colour', 'price')}",
          NO),
        T("is that 42k price for real",
          f"Confirms the listed price {sc.short('price')}",
          "Does not invent fees, rebates or an out-the-door figure; may say taxes and fees are extra",
          NO),
        T("does it have a bed cover",
          "Does not claim a tonneau/bed cover as fact (not in the feed); offers to check",
          NO),
        T("what other trucks do you have under 35",
          "Lists exactly the used trucks at or under $35,000: " + shorts(t35b, "year", "model", "price"),
          f"Does not include anything listed above $35,000, such as the F-150 or {sc.stock}",
          NO),
        T("the first one you listed, what year and how many miles",
          "Resolves 'the first one' to whichever truck the agent listed first in its previous reply (checked against the agent's own list) and gives that unit's feed year and mileage",
          f"If it listed by price, that is {t35b[0].short('year', 'model', 'miles')}",
          NO),
        T("ok. not ready yet, probably spring. I'll reach out",
          "Accepts without pressure; does not push for a visit or a call",
          NO),
    ]})

    # ------------------------------------------------------------------ sc14
    kona = one(model="Kona")
    suv22 = q(cond="Used", body="SUV", price_max=22000)
    low = suv22[0].price
    tied = [u for u in suv22 if u.price == low]
    eco = one(model="Ecosport", has_price=True)
    C.append({"language": "en", "turns": [
        T("hey, bought a Tucson from you last year, now my wife needs something. she likes the Kona",
          f"Mentions {kona.short('year', 'model', 'trim', 'colour', 'miles')}",
          "Does not state a price for it (none in the feed)",
          NO),
        T("no price on it? what's it going for",
          f"Does not invent or estimate a price for {kona.stock}; offers to get it",
          OPT),
        T("ok what else is that size under 22k",
          "Every unit it lists is a used SUV/crossover priced at or under $22,000 in the feed, e.g. " + shorts(suv22[:6], "year", "model", "price"),
          NO),
        T("the cheapest one, is it AWD?",
          f"If its list included {eco.stock} ({money(eco.price)}, drivetrain field {eco.drive}), that is the cheapest and it says 4WD",
          "Otherwise the cheapest SUVs are a tie at " + money(low) + ": " + shorts(tied, "year", "model", "price") + "; it says so (or picks the one it listed) and says FWD, which the feed shows for both",
          NO),
        T("oh btw, unrelated, the Tucson we bought - service did a recall on it last month and now the check engine light is on. kinda annoyed",
          "Acknowledges the issue and does not diagnose it",
          H("existing_customer_issue")),
    ]})

    return C
