"""Set W scripted multi-turn conversations."""
from common import Q, L, U, S, Conv
from feed import price_diff, miles_diff

NH = "No handover"

def H(reason):
    return "Handover to a human (%s)" % reason

# ---------------------------------------------------------------- wc01
c = Conv("wc01", "en", "used Tellurides; 'under 35k' narrowing; 'which of those has the least miles'; 'it'; price gap to 'the white EX'; Saturday 11 then changed to 1; name + phone in passing", True)
c.t("hey whats up, you guys have any used tellurides?",
    NH, "Names used Tellurides only from: " + L(Q(cond="Used", model="Telluride")),
    "Does not say there are no Tellurides")
c.t("under 35k?",
    NH, "Lists exactly the priced units at or under $35,000 (customer's figure): " + L(Q(cond="Used", model="Telluride", price_max=35000, sort="price")),
    "Does not claim 12135A or 15570A (no price in feed) are under $35,000 (customer's figure)",
    "Does not ask which model again")
c.t("which of those has the least miles",
    NH, "Names " + S("15394A") + " as the lower-mileage one of the two",
    "e.g. states the " + miles_diff("15394A", "DT15564A"))
c.t("is it awd? and does it have a 3rd row",
    NH, "Answers about 15394A without asking which car",
    "Says 15394A is AWD (trim 'S AWD' and " + S("15394A", "drivetrain") + " agree)",
    "Third row: answers from model knowledge (Telluride is a three-row SUV) or offers to confirm; does not invent unit-specific options")
c.t("how much more is the white EX you have",
    NH, "Identifies the white EX as " + S("15355A") + " (not the white SX DT15591A)",
    "States the " + price_diff("15355A", "15394A") + ", 15355A being the more expensive")
c.t("ok lemme come see the S on saturday. like 11?",
    H("appointment_time"), "Keeps the car as 15394A (2022 Telluride S)",
    "Does not present the Saturday 11 slot as confirmed unless it says a person will confirm it")
c.t("actually 1 works better. its Dana btw, 708-555-0142",
    H("appointment_time"), "Uses Saturday at 1 pm (not 11)",
    "Does not ask for the name or phone number again",
    "Still refers to 15394A")

# ---------------------------------------------------------------- wc02
c = Conv("wc02", "en", "'what trims do you have' on new Santa Fe; cheapest SEL; 'is that one a hybrid'; price gap red vs 'the one you just said'; which is newer; better on gas; 'the red one' -> buy", True)
c.t("what trims does the new santa fe come in that you actually have on the lot",
    NH, "Mentions the SEL and Calligraphy trims, and Limited/Calligraphy for the Santa Fe Hybrid, from: " +
    L(Q(cond="New", model=["Santa Fe", "Santa Fe Hybrid"], sort="price")),
    "Does not list a trim that is not in stock (e.g. XRT) as available")
c.t("SEL. cheapest one?",
    NH, "Names " + L(Q(cond="New", model="Santa Fe", trim="SEL AWD", sort="price", take=1)) + " as the cheapest SEL",
    "May also mention " + S("27215") + " and " + S("27130"))
c.t("is that one a hybrid",
    NH, "Says 27259 is not a hybrid",
    "Points to " + S("27130", "fuel") + " (trim SEL HEV) as the SEL hybrid, without calling it gas-only because of the feed's fuel label")
c.t("price difference between the red one and the one you just said?",
    NH, "States the " + price_diff("27130", "27259") + ", the red 27130 being the more expensive",
    "Does not ask which cars are meant")
c.t("which is newer",
    NH, "Says 27259 is a 2025 and 27130 is a 2024, so 27259 is newer")
c.t("and which one is better on gas",
    NH, "Says the hybrid 27130 should be better on gas",
    "Does not claim the feed lists MPG figures; any MPG given is hedged as typical/EPA")
c.t("ok the red one. i'll take it, what do i need to do",
    H("ready_to_buy"), "Refers to 27130 (2024 Santa Fe SEL HEV, Red)",
    "Does not ask which car again")

# ---------------------------------------------------------------- wc03
c = Conv("wc03", "en", "trade-in described over several messages (model, year, miles, condition, payoff); Tucsons under 40k; burgundy pair with drivetrain conflict; firm trade number", True)
c.t("thinking about trading my car in on a tucson",
    NH, "Asks about the trade or the Tucson preference",
    "Does not quote a trade value")
c.t("its a 2016 sonata",
    NH, "Treats the Sonata as the customer's trade, not as a vehicle request",
    "Does not say a Sonata is not in stock",
    "Asks for miles/condition or offers an appraisal; no value quoted")
c.t("112k on it. couple scratches on the back bumper but runs good",
    NH, "Acknowledges mileage and cosmetic condition; does not ask for them again",
    "Does not quote a trade value")
c.t("still owe like 6500 on it",
    "Handover optional (payoff stated, not negative equity)",
    "Acknowledges the payoff of about $6,500 (customer's figure)",
    "Does not ask for year, model or miles of the trade again")
c.t("so which tucsons do you have under 40 grand",
    NH, "Lists priced Tucsons at or under $40,000 (customer's figure) from: " + L(Q(model="Tucson", price_max=40000, sort="price")),
    "Does not include Tucson Hybrids (all priced above the customer's limit) as under 40k",
    "Does not claim 25607A or 27227A (no price in feed) are under $40,000 (customer's figure)")
c.t("the burgundy ones, is one awd and one not?",
    NH, "Identifies the two burgundy units: " + L(Q(model="Tucson", color="Burgundy"), "drivetrain"),
    "Does not state 26966 is FWD or AWD as fact (trim says AWD, feed drivetrain FWD); offers to confirm",
    "States both have the same listed price")
c.t("and for the sonata i need at least 8 grand or im not doing it",
    H("trade_in_firm"), "Does not accept or reject the $8,000 (customer's figure) figure itself",
    "Summarises the trade as a 2016 Sonata, about 112k miles, bumper scratches, about $6,500 (customer's figure) owed, without asking again")

# ---------------------------------------------------------------- wc04
c = Conv("wc04", "en", "correction of year (2023 -> 2024 Elantra); 'it'; history/Carfax; colour; photos with phone number in passing", False)
c.t("do u still have the 2023 elantra",
    NH, "Names " + L(Q(model="Elantra", year=2023)),
    "Says the price is not listed rather than inventing one")
c.t("sorry meant 2024",
    NH, "Switches to " + L(Q(model="Elantra", year=2024)),
    "Does not keep talking about 26638A as the car in question")
c.t("how many miles on it",
    NH, "Gives the mileage of " + S("WV15157"))
c.t("any accidents? is there a carfax",
    NH, "Does not claim a clean history or one owner (not in feed)",
    "Offers to get a vehicle history report for WV15157")
c.t("what color",
    NH, "Says White (WV15157)")
c.t("can u text me pics? 815-555-0163",
    "Handover optional", "Uses the number given; does not ask for a phone number again",
    "Refers to WV15157, not the 2023")

# ---------------------------------------------------------------- wc05
c = Conv("wc05", "en", "only Ioniq 5; range; mid-conversation price complaint; switch to Ioniq 6; 'which is cheaper and by how much'; AWD conflict", True)
c.t("any ioniq 5s on the lot",
    NH, "Names " + L(Q(model="Ioniq 5")),
    "Does not present the Ioniq 6 as an Ioniq 5")
c.t("whats the range on it",
    NH, "Does not claim range is in the feed; gives a hedged typical figure or offers to confirm")
c.t("honestly kinda annoyed, your guy told me on the phone last week it was like 54 and now the site says 59",
    H("complaint"), "Acknowledges the complaint without arguing",
    "Does not promise $54,000 (customer's figure) or any discount")
c.t("whatever. do you have the ioniq 6 too",
    "Handover optional (complaint already escalated)", "Names " + L(Q(model="Ioniq 6")))
c.t("which one is cheaper and by how much",
    "Handover optional (complaint already escalated)", "Says the Ioniq 6 (25881) is cheaper",
    "States the " + price_diff("25713", "25881"))
c.t("is the 6 awd? the listing says SEL AWD",
    "Handover optional (complaint already escalated)", "Does not state AWD or RWD as fact for " + S("25881", "drivetrain") + "; flags the conflict and offers to confirm by VIN")

# ---------------------------------------------------------------- wc06
c = Conv("wc06", "en", "new Palisades under 50k; 'the 3rd one'; 'which of those has the least miles'; XRT third row; 'the 2 black ones' newer + price gap; call-back request with time and phone", True)
c.t("new palisades under 50k?",
    NH, "Lists exactly: " + L(Q(cond="New", model="Palisade", price_max=50000, sort="price")),
    "Does not include " + S("26240") + " as under $50,000 (customer's figure)")
c.t("the 3rd one, what color is it",
    NH, "Gives the colour of the third unit in its own previous list (checked against the agent's order)")
c.t("which of those has the least miles",
    NH, "Names " + L(Q(cond="New", model="Palisade", price_max=50000, sort="miles", take=1)))
c.t("does the XRT have a 3rd row",
    NH, "Answers about " + S("DT25256"),
    "Says the Palisade is a three-row SUV (model knowledge) or offers to confirm")
c.t("theres 2 black ones right? which is newer",
    NH, "Identifies the black ones as " + L(Q(cond="New", model="Palisade", price_max=50000, color="Black")),
    "Says DT27185 (2025) is newer than 26609 (2024)")
c.t("price diff between the black ones",
    NH, "States the " + price_diff("26609", "DT27185") + ", the 2025 being the cheaper one")
c.t("ok have someone call me about the 2025 one at 5:30 today, 708-555-0177",
    H("human_request"), "Refers to DT27185",
    "Does not ask for the phone number again",
    "Does not state DT27185's drivetrain as fact (trim says FWD, " + S("DT27185", "drivetrain") + ")")

# ---------------------------------------------------------------- wc07
c = Conv("wc07", "es", "Spanish: used pickups; cheapest; Ram 4x4 conflict; miles on 'la ford'; price gap ford vs chevy; Saturday 10 then 12; name in passing", True)
c.t("hola, tienen pickups usadas?",
    NH, "Replies in Spanish",
    "Names used trucks only from: " + L(Q(cond="Used", type="Truck")),
    "Does not call the new Santa Cruz 26898 used")
c.t("cual es la mas barata",
    NH, "Names " + L(Q(cond="Used", type="Truck", sort="price", take=1)))
c.t("y la ram es 4x4?",
    NH, "Does not state as fact that " + S("KV5543", "drivetrain") + " is 4x4 or RWD; trim says 4x4, feed drivetrain RWD; offers to confirm")
c.t("cuantas millas tiene la ford",
    NH, "Gives the mileage of " + S("WK15091"),
    "Does not ask which Ford (only one)")
c.t("cuanto mas cara es la ford que la chevy",
    NH, "States the " + price_diff("WK15091", "WV15156") + ", the Ford being the more expensive")
c.t("puedo ir el sábado a las 10 a verla? soy Luis",
    H("appointment_time"), "Understands 'la' as the Ford F-150 WK15091",
    "Replies in Spanish")
c.t("mejor a las 12, se me complicó la mañana",
    H("appointment_time"), "Uses Saturday at 12 (not 10)",
    "Does not ask for the name again",
    "Replies in Spanish")

# ---------------------------------------------------------------- wc08
c = Conv("wc08", "es", "Spanish: Palisade Calligraphy prices; 'la blanca' ambiguous (two); 'la que tiene menos millas'; new car with miles; price gap; ITIN", True)
c.t("buenas tardes, cuánto cuesta la palisade calligraphy?",
    NH, "Replies in Spanish",
    "Gives prices only from: " + L(Q(cond="New", model="Palisade", trim="Calligraphy", sort="price")))
c.t("la blanca",
    NH, "Recognises two white ones: " + L(Q(cond="New", model="Palisade", trim="Calligraphy", color="White"), "drivetrain"),
    "Lists both or asks which; does not silently pick one")
c.t("la que tiene menos millas",
    NH, "Names " + L(Q(cond="New", model="Palisade", trim="Calligraphy", color="White", sort="miles", take=1)))
c.t("y por qué la otra tiene casi 3 mil millas si es nueva?",
    NH, "Refers to " + S("26122"),
    "Does not state a reason (demo, loaner) as fact; offers to check")
c.t("cuál es la diferencia de precio entre las dos blancas",
    NH, "States the " + price_diff("26122", "26529"))
c.t("ok, pero no tengo social, solo ITIN. ¿me pueden financiar?",
    H("financing_details"), "Replies in Spanish",
    "Does not promise approval")

# ---------------------------------------------------------------- wc09
c = Conv("wc09", "en", "used Tucsons; 'the cheaper of the 2022s' with a no-price unit; switch to Santa Fe; price and mileage comparison; size; test drive tomorrow 4:30", True)
c.t("any used tucsons",
    NH, "Names used Tucsons only from: " + L(Q(cond="Used", model="Tucson")))
c.t("the cheaper of the 2022s",
    NH, "Names " + S("27138A"),
    "Says 27227A has no price listed rather than inventing one or calling it more expensive")
c.t("eh actually what about a used santa fe instead",
    NH, "Switches model: " + L(Q(cond="Used", model="Santa Fe")),
    "Does not keep listing Tucsons")
c.t("how much more is that than the tucson",
    NH, "States the " + price_diff("15137A", "27138A"))
c.t("which one has less miles",
    NH, "Says the Tucson 27138A has fewer miles",
    "e.g. the " + miles_diff("15137A", "27138A"))
c.t("which is bigger? got 3 kids in car seats",
    NH, "Says the Santa Fe is the larger of the two (model knowledge)")
c.t("ok coming tmrw at 4:30 to drive the santa fe",
    H("appointment_time"), "Refers to 15137A",
    "Does not ask which Santa Fe")

# ---------------------------------------------------------------- wc10
c = Conv("wc10", "en", "hybrids incl. mislabelled fuel; used under 25; 'the kia' miles; no-price Escape Hybrid; request for a person; phone and time window", True)
c.t("do you have any hybrids",
    NH, "Names hybrids only from: " + L(Q(model=["Tucson Hybrid", "Santa Fe Hybrid", "Optima Hybrid"]) + Q(trim=["HEV", "Hybrid", "Prime"]), "fuel"),
    "Does not exclude the units whose feed fuel says Gasoline just because of that label",
    "Does not present the Ioniq 5 or Ioniq 6 as hybrids")
c.t("used only, under 25",
    NH, "Names " + L(Q(cond="Used", model="Optima Hybrid", price_max=25000)),
    "Does not claim WV15174 or WV15159 (no price in feed) are under $25,000 (customer's figure)",
    "Does not include " + S("KV5545") + " as under $25,000 (customer's figure)")
c.t("the kia, how many miles",
    NH, "Gives the mileage of " + S("15500A"))
c.t("and the escape hybrid? price?",
    NH, "Says " + S("WV15174") + " has no listed price; does not invent one")
c.t("this is taking forever, can I just talk to a real person",
    H("human_request"))
c.t("773-555-0109, after 6pm pls",
    H("human_request"), "Acknowledges the number and the after-6pm window",
    "Does not ask for the number again")

# ---------------------------------------------------------------- wc11
c = Conv("wc11", "en", "Grand Cherokees; 'the grey vs the brown' newer + price gap; mileage gap; 4x4; recall; offer", True)
c.t("what grand cherokees do you have",
    NH, "Lists: " + L(Q(model="Grand Cherokee")))
c.t("grey vs brown, which is newer and whats the price difference",
    NH, "Says the brown WV15125 (2021) is newer than the grey KV5554 (2020)",
    "States the " + price_diff("KV5554", "WV15125"))
c.t("but the grey one has way less miles right",
    NH, "Confirms; e.g. the " + miles_diff("KV5554", "WV15125"))
c.t("both 4x4?",
    NH, "Says both are 4x4 (" + U("KV5554", "WV15125", extra=("drivetrain",)) + ")")
c.t("any recalls on the 2020",
    NH, "Refers to KV5554",
    "Does not claim recall status is known; offers a VIN recall check")
c.t("would u do 25 flat on the grey one",
    H("negotiation"), "Does not accept or reject the $25,000 (customer's figure) offer itself",
    "Refers to KV5554")

# ---------------------------------------------------------------- wc12
c = Conv("wc12", "en", "Forte vs Altima; better on gas; cheapest Forte automatic?; 'the green one' manual conflict; price gap; 'which is newer' when both are 2023", False)
c.t("comparing a kia forte and a nissan altima, what do you have",
    NH, "Names units only from: " + L(Q(model=["Forte", "Altima"], sort="price")))
c.t("which is better on gas",
    NH, "Says the Forte is generally the more economical (model knowledge), hedged",
    "Does not claim the feed lists MPG")
c.t("cheapest forte, is it automatic?",
    NH, "Names " + L(Q(model="Forte", priced=True, sort="price", take=1), "transmission"),
    "Says it is an automatic (CVT/IVT)")
c.t("the green one says manual on your site?",
    NH, "Refers to " + S("15549A", "transmission"),
    "Does not confirm manual as fact: trim says IVT (automatic CVT) while the transmission field says Manual; offers to check")
c.t("price difference between the green forte and the cheapest altima",
    NH, "States the " + price_diff("15549A", "KV5542") + " (the two priced Altimas are both " +
    U("KV5542", "KV5555") + ")")
c.t("which is newer, the white forte or the white altima",
    NH, "Says both are 2023 (" + U("15239A", "KV5542") + ")",
    "Does not claim one is newer")

# ---------------------------------------------------------------- wc13
c = Conv("wc13", "en", "name given up front; white Santa Cruz; location; towing; OTD request; e-mail in passing; Thursday ~6", True)
c.t("hey its Marcus, saw the white santa cruz on your site, still there?",
    NH, "Names " + L(Q(model="Santa Cruz", color="White")),
    "May address the customer as Marcus")
c.t("im in park forest, how far are you",
    NH, "Treats Park Forest as a place, not a vehicle",
    "Does not invent an address or hours not known to it")
c.t("can it tow a jetski",
    NH, "Refers to 26898",
    "Does not present a towing figure as coming from the feed; hedges or offers to confirm")
c.t("whats my out the door on it",
    H("negotiation"), "Does not invent taxes/fees or an OTD figure")
c.t("email me the numbers, marcus.t@example.com",
    "Handover optional (OTD request already escalated)", "Acknowledges the e-mail; does not ask for it again",
    "Does not ask for the name again")
c.t("could come thursday after work, like 6ish?",
    H("appointment_time"), "Keeps the car as 26898",
    "Uses Thursday around 6 pm")

# ---------------------------------------------------------------- wc14
c = Conv("wc14", "en", "used SUVs under 20k; 'the silver one' (feed says Grey, two of them); missing mileage; AWD conflicts; 'definitely AWD'; visit without a time", False)
c.t("used suvs under 20k?",
    NH, "Names units only from: " + L(Q(cond="Used", type="SUV", price_max=20000, sort="price")),
    "May also mention " + S("KV5564", "type") + " (typed Hatchback in the feed)")
c.t("the silver one",
    NH, "Treats silver as the feed's Grey",
    "Recognises two grey units: " + L(Q(cond="Used", type="SUV", price_max=20000, color="Grey")) + "; lists both or asks which")
c.t("the kia. how many miles",
    NH, "Says " + S("KV5454A") + " has no mileage listed; does not invent one; offers to check")
c.t("ok which ones are awd",
    NH, "Does not present " + U("KV5413", "KV5544", extra=("drivetrain",)) + " as AWD without flagging that trim and feed drivetrain disagree",
    "Does not present " + S("WV14984", "drivetrain") + " as FWD-only without flagging the conflict")
c.t("whats the cheapest one thats definitely awd then",
    NH, "Names " + S("KV5564", "drivetrain") + " (trim '4WD' and feed drivetrain agree), or, if it keeps to units typed SUV, says none of them is unambiguous and explains why")
c.t("might come see it tomorrow, not sure what time yet",
    "Handover not yet required (no time given)",
    "Keeps the car as KV5564 (or the one the agent just named)")

# ---------------------------------------------------------------- wc15
c = Conv("wc15", "en", "2025 Tucson; new car with miles; existing-customer issue mid-conversation; back to Tucsons; burgundy vs white 2025 price gap; AWD conflict", True)
c.t("do you have a 2025 tucson",
    NH, "Names " + L(Q(model="Tucson", year=2025)))
c.t("why does it have 412 miles if its new",
    NH, "Does not state a reason (demo, dealer trade) as fact; offers to check")
c.t("also unrelated but I bought a sonata from yall in may and still no registration",
    H("existing_customer_issue"), "Does not pitch cars in this turn")
c.t("ok anyway, any burgundy tucsons",
    "Handover optional (issue already escalated)", "Names " + L(Q(model="Tucson", color="Burgundy")),
    "Does not ask which model")
c.t("how much cheaper is a burgundy one than the white 2025",
    "Handover optional (issue already escalated)", "States the " + price_diff("27134", "26989") + " (both burgundy units are listed at the same price)")
c.t("is the 2025 awd? trim says awd",
    "Handover optional (issue already escalated)", "Does not state AWD or RWD as fact for " + S("27134", "drivetrain") + "; flags the conflict and offers to confirm")

# ---------------------------------------------------------------- wc16
c = Conv("wc16", "en", "Palisade trims; Limited prices; correction 'I meant Santa Fe, same question'; plug-in?; grey Calligraphy ambiguity; deposit", True)
c.t("what trims do you have on the palisade",
    NH, "Names trims only from: " + L(Q(model="Palisade", sort="price")))
c.t("hm the limited, how much",
    NH, "Gives prices from: " + L(Q(model="Palisade", trim="Limited", sort="price")))
c.t("wait sorry i meant santa fe not palisade, same question",
    NH, "Switches to Santa Fe and answers the Limited question",
    "Says there is no gas Santa Fe Limited; names " + L(Q(model=["Santa Fe", "Santa Fe Hybrid"], trim="Limited")),
    "Does not keep quoting Palisade prices")
c.t("is that a plug in",
    NH, "Says " + S("DT27293", "fuel") + " is a regular (non-plug-in) hybrid; does not call it gas-only because of the label")
c.t("vs the grey santa fe calligraphy you have, whats the difference",
    NH, "Recognises several grey Calligraphys: " + L(Q(model="Santa Fe", trim="Calligraphy", color="Grey", sort="price")),
    "Asks which or gives a range; any gap stated matches the feed, e.g. the " + price_diff("DT27293", "26891"))
c.t("nah i'm sold on the hybrid. can i put a deposit on it today",
    H("ready_to_buy"), "Refers to DT27293 (2025 Santa Fe Hybrid Limited, Grey)")

# ---------------------------------------------------------------- wc17
c = Conv("wc17", "es", "Spanish: EVs incl. mislabelled hybrids; cheapest; miles; range; price gap to Ioniq 6; the 'electric' Toyota; phone call tomorrow at 11", True)
c.t("hola, ¿tienen carros eléctricos?",
    NH, "Replies in Spanish",
    "Names full EVs from: " + L(Q(model=["Ioniq 5", "Ioniq 6", "Niro Ev"])),
    "Does not present " + U("27103", "27023", "WV15159", extra=("fuel",)) + " as full EVs")
c.t("¿cuál es el más barato?",
    NH, "Names " + S("KV5563"))
c.t("¿cuántas millas tiene?",
    NH, "Gives the mileage of " + S("KV5563"))
c.t("¿y cuánto alcanza con una carga?",
    NH, "Does not claim range is in the feed; hedges or offers to confirm",
    "Replies in Spanish")
c.t("mi esposo dice que mejor el ioniq 6, ¿cuánto más cuesta?",
    NH, "States the " + price_diff("25881", "KV5563"))
c.t("uy no, muy caro. ¿y el toyota que dice eléctrico?",
    NH, "Says " + S("WV15159", "fuel") + " is a plug-in hybrid, not a full EV",
    "Says it has no listed price; does not invent one")
c.t("ok, ¿me pueden llamar mañana a las 11? 708-555-0188",
    H("human_request"), "A call, not a visit",
    "Does not ask for the number again",
    "Replies in Spanish")

# ---------------------------------------------------------------- wc18
c = Conv("wc18", "en", "black Mustang with garbage trim; stick?; miles; comparison with the Challenger (cheaper, newer); repeated unanswerable question -> frustration", True)
c.t("saw a black mustang on your site, is it a GT?",
    NH, "Refers to " + S("KV5552"),
    "Does not claim GT or EcoBoost (trim not in feed); offers to confirm")
c.t("is it a stick",
    NH, "Says it is listed as a manual (" + S("KV5552", "transmission") + ")")
c.t("miles?",
    NH, "Gives the mileage of " + S("KV5552"))
c.t("compare it to the challenger you have, which is cheaper",
    NH, "Says the Challenger " + S("KV5513") + " is cheaper",
    "States the " + price_diff("KV5552", "KV5513"))
c.t("which is newer",
    NH, "Says the Mustang (2020) is newer than the Challenger (2018)")
c.t("ok but I asked if the mustang is a GT like 3 times now, can somebody who actually knows just tell me",
    H("frustration"), "Does not invent the trim",
    "Refers to KV5552")
