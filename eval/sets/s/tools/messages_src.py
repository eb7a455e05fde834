"""First-message scripts for messages.jsonl.

Each M(...) call gives the customer text (written by hand) and, for inventory
messages, a feed filter; the stock lines in `notes` are rendered from the
filter result by feed.full().
"""
from feed import q, one, order, fulls
from labels import HANDOVER, three_row, LUXURY_MAKES

_MSGS = []


def M(reason, lang, text, hard=None, note=None, units=None, none=None, closest=None):
    parts = []
    if hard:
        parts.append("HARD: " + hard)
    if note:
        parts.append(note)
    if units is not None:
        if not units:
            raise ValueError(f"empty unit list for {text!r}")
        parts.append("stock: " + fulls(units))
    if none is not None:
        if not closest:
            raise ValueError(f"'none in stock' without closest units for {text!r}")
        parts.append(f"none in stock ({none}); closest real units: " + fulls(closest))
    _MSGS.append({"text": text, "handover": HANDOVER[reason], "reason": reason,
                  "language": lang, "notes": " | ".join(parts)})


def build_messages():
    _MSGS.clear()
    used = dict(cond="Used")

    # ------------------------------------------------------------------ complaint
    M("complaint", "en",
      "Sat in your showroom two and a half hours last night waiting on paperwork, nobody so much as offered us a water. That's not how you treat people spending 40 grand.")
    M("complaint", "en",
      "Wow, stellar work team. Third time I ask for the out-the-door breakdown and third time I get a glossy pic of a Tucson 🙃",
      hard="sarcasm that is a complaint about earlier replies from staff; mentions OTD and a photo but is not a price or photos question; alt frustration (also true)")
    M("complaint", "en",
      "The way your finance guy spoke to my mother yesterday was disgusting. She is 71 years old and he talked to her like she was stupid.")
    M("complaint", "en",
      "Drove 45 minutes from Joliet because someone confirmed the grey Elantra was on the lot. It was sold 3 days ago. Nobody called, nobody apologized.",
      note="complaint about a wasted trip; the feed still lists a grey Elantra, but the reply must not argue with the customer about it",
      units=q(model="Elantra", color="Grey"))
    M("complaint", "es",
      "Fui el sábado con mi esposo y el vendedor ni nos hizo caso porque según él no íbamos a calificar. Muy mala atención, la verdad.",
      note="gloss: went Saturday with my husband, the salesman ignored us because he assumed we wouldn't qualify; very bad service")
    M("complaint", "en",
      "5 stars for the free popcorn, 0 stars for the $799 'doc fee' nobody mentioned until I was signing",
      hard="joking tone and a fee amount, but it is a complaint about undisclosed fees, not a price question")
    M("complaint", "en",
      "your ad says no-haggle pricing and then the window sticker has a $2,995 'appearance protection' add-on glued to it. bait and switch much?",
      hard="accuses 'bait and switch' but names no attorney/regulator, so complaint rather than legal_threat")
    M("complaint", "en",
      "THE LADY AT YOUR FRONT DESK HUNG UP ON ME TWICE TODAY. TWICE.")
    M("complaint", "es",
      "Bro el car wash que me dieron después del service dejó la troca más sucia que antes jaja not cool",
      hard="Spanglish; 'jaja' joking tone but it is a complaint about the service department's wash",
      note="Spanglish, dominant Spanish | gloss: the car wash after service left my truck dirtier than before, haha, not cool")
    M("complaint", "en",
      "kinda annoyed nobody ever got back to me after I filled out the form on your site last week",
      hard="mild, lowercase, no anger words; still a service failure complaint about the dealership (true side)")

    # ---------------------------------------------------- existing_customer_issue
    M("existing_customer_issue", "en",
      "Bought my Santa Fe from you in August and still no plates. Temp tag expires Friday. What am I supposed to do?")
    M("existing_customer_issue", "en",
      "Got home and there's only one key fob in the glovebox. Salesman swore up and down there were two.")
    M("existing_customer_issue", "en",
      "check engine light popped on in the tucson i bought from yall 9 days ago. who do i even talk to")
    M("existing_customer_issue", "en",
      "Put a deposit down on a Palisade two weeks ago and my salesperson has gone radio silent. Is my car still coming or what",
      note="alt complaint (also true)")
    M("existing_customer_issue", "en",
      "Financed through you guys in October and my first bill came from a bank I've never heard of. Is that normal?",
      hard="mentions financing, but it is the customer's existing loan after a purchase, not a new financing question")
    M("existing_customer_issue", "en",
      "you were supposed to pay off the loan on my trade-in and now Ally is calling me saying I'm 30 days late??",
      hard="mentions a trade-in and a lender; it is a post-sale payoff problem, not a trade negotiation")
    M("existing_customer_issue", "es",
      "Compré una Tucson con ustedes hace dos meses y todavía no me llega el título. ¿A quién le hablo?",
      note="gloss: bought a Tucson from you two months ago and the title still hasn't arrived; who do I talk to?")
    M("existing_customer_issue", "en",
      "Got a recall letter for my 2021 Santa Fe. Can I just roll in or do I need to book something",
      hard="recall repair on the customer's own car (true), unlike a recall question about a car on the lot (vehicle_facts, false)")
    M("existing_customer_issue", "en",
      "Hiii! Picked up my Ioniq 5 from you in the spring, love it, but the charge port door won't open when it's cold out. Is that covered under warranty?",
      hard="friendly tone and a warranty question, but it is a warranty claim on the customer's own car")
    M("existing_customer_issue", "pl",
      "Dzień dobry, kupiłem u Was auto w zeszłym miesiącu i do dziś nie dostałem drugiego kluczyka. Kiedy mogę go odebrać?",
      note="gloss: I bought a car from you last month and still haven't received the second key; when can I pick it up?")
    M("existing_customer_issue", "en",
      "service had my car 3 days to fix an oil leak and it's dripping in my driveway again this morning",
      note="alt complaint (also true)")
    M("existing_customer_issue", "es",
      "Me vendieron la Equinox con una llanta ponchada y ya van tres veces que llamo y nadie me da razón",
      note="gloss: you sold me the Equinox with a flat tyre and I've called three times and nobody gives me an answer | alt complaint (also true)")

    # --------------------------------------------------------------- legal_threat
    M("legal_threat", "en",
      "If my deposit isn't refunded by Monday my attorney will be in touch.")
    M("legal_threat", "en",
      "Filing a complaint with the Illinois Attorney General this afternoon. You sold me a car with a salvage history and never disclosed it.")
    M("legal_threat", "en",
      "taking you to small claims over the $500 'holding fee'. just so you know")
    M("legal_threat", "en",
      "This Tucson has been in your shop 4 times for the same transmission problem. I'm reading up on the lemon law tonight.",
      hard="also an existing-customer repair issue; lemon law makes it legal_threat (both true)")
    M("legal_threat", "es",
      "Si no me regresan mi enganche voy a poner una queja en el BBB y con un abogado.",
      note="gloss: if you don't return my down payment I'll file with the BBB and get a lawyer")
    M("legal_threat", "en",
      "I'm not trying to be dramatic but I have screenshots of every text where you promised 0% and they're going to the FTC.",
      hard="calm, polite wording; still a regulator threat")
    M("legal_threat", "en",
      "Text me one more time and I'm reporting this number to the FCC. I never signed up for any of this.",
      hard="also an opt-out (other_handover, also true); the FCC report makes it legal_threat")
    M("legal_threat", "en",
      "my cousin's a lawyer and he says what you did with the payoff on my trade is illegal. we'll see",
      hard="'lawyer' here is an implied legal threat ('we'll see'), unlike a passing mention of a lawyer on the false side")

    # -------------------------------------------------------------- ready_to_buy
    M("ready_to_buy", "en",
      "I want the white Ioniq 5 Limited. Paying cash. What do I need to bring?",
      units=q(model="Ioniq 5", color="White"))
    M("ready_to_buy", "en",
      "ok I'm sold on the green Palisade Calligraphy Night Edition. how do I lock it in before someone else grabs it",
      units=q(model="Palisade", color="Green"))
    M("ready_to_buy", "en",
      "Pre-approved with my credit union for 42k. I want the Santa Cruz, can you have it ready tomorrow?",
      hard="mentions a pre-approval amount (financing_details would also be true); note the listed price is above 42k",
      units=q(model="Santa Cruz"))
    M("ready_to_buy", "es",
      "Ya me decidí, quiero la Santa Fe roja, la híbrida. ¿Cómo la aparto?",
      note="gloss: I've decided, I want the red Santa Fe, the hybrid; how do I reserve it? | the red hybrid is trim 'SEL HEV' under model Santa Fe with fuel field Gasoline",
      units=q(model="Santa Fe", color="Red"))
    M("ready_to_buy", "en",
      "haha ok you got me. the black Mustang. where do I sign",
      hard="jokey opener but a real commitment to buy a specific unit",
      units=q(model="Mustang"))
    M("ready_to_buy", "en",
      "Can I put a deposit on the Macan over the phone? I'm in Ohio, would fly in to pick it up.",
      units=q(model="Macan"))
    M("ready_to_buy", "en",
      "Need two new Tucsons for my cleaning business, same color if you can, ready to do it this week",
      note="fleet-style purchase; same-colour pairs of new gas Tucsons: " + "; ".join(
          f"{c} = " + " + ".join(u.stock for u in q(model="Tucson", cond="New", color=c))
          for c in sorted({u.color for u in q(model="Tucson", cond="New")})
          if len(q(model="Tucson", cond="New", color=c)) >= 2),
      units=q(model="Tucson", cond="New"))
    M("ready_to_buy", "en",
      "I'll take it",
      hard="three words with no context (typical campaign-offer reply); buying intent still means handover")

    # --------------------------------------------------------------- negotiation
    M("negotiation", "en",
      "would you do 37 flat on the white 2022 Palisade Limited",
      units=q(model="Palisade", cond="Used", color="White"))
    M("negotiation", "en",
      "what's your bottom dollar on the Tahoe",
      units=q(model="Tahoe"))
    M("negotiation", "en",
      "Carvana has basically the same Rogue for 1500 less. Match it and I'm there.",
      units=q(model="Rogue"))
    M("negotiation", "en",
      "I can do $450 a month max with 2k down on a new Tucson Limited. Make it work and we have a deal",
      hard="payment target is negotiation (not financing_general); financing_details would also be true",
      units=q(model="Tucson", cond="New"))
    M("negotiation", "en",
      "Give me an out the door number on the F-150, taxes and everything, I'm in 60466",
      note="ZIP 60466 (Park Forest) is the customer's, not a stock number",
      units=q(model="F-150"))
    M("negotiation", "es",
      "¿Cuánto es lo menos que me dejan la Telluride blanca 2022?",
      note="gloss: what's the lowest you'd let the white 2022 Telluride go for? | two white 2022 Tellurides, one without a price in the feed",
      units=q(model="Telluride", year=2022, color="White"))
    M("negotiation", "en",
      "Is the price on the Audi Q5 firm or is there some play in it?",
      units=q(model="Q5"))
    M("negotiation", "en",
      "$22k cash for the Grand Cherokee with 26k miles. Today. Yes or no.",
      units=q(model="Grand Cherokee", miles_max=30000))
    M("negotiation", "en",
      "The Ioniq 6 is 51 and change. Hyundai's site shows lease deals around 299, can you get me anywhere near that?",
      hard="payment target quoted from the manufacturer's site; asking the dealer to hit it = negotiation",
      units=q(model="Ioniq 6"))
    M("negotiation", "es",
      "Oye si le quitan el dealer fee a la Santa Cruz me la llevo hoy mismo",
      note="Spanglish, dominant Spanish | gloss: if you drop the dealer fee on the Santa Cruz I'll take it today | alt ready_to_buy (also true)",
      units=q(model="Santa Cruz"))
    M("negotiation", "en",
      "how low can u go on the orange K5",
      units=q(model="K5", color="Orange"))
    M("negotiation", "en",
      "ok fine, 36,500 for the 2023 Palisade SEL and I'll stop bugging you 😂",
      hard="laughing emoji, but it is a concrete offer on a unit",
      units=q(model="Palisade", year=2023))
    M("negotiation", "es",
      "Le doy 20 mil cash por la Highlander verde y cerramos hoy",
      note="gloss: I'll give you 20 thousand cash for the green Highlander and we close today",
      units=q(model="Highlander"))

    # ------------------------------------------------------------- human_request
    M("human_request", "en",
      "Can an actual person call me? 708-555-0142")
    M("human_request", "en",
      "can someone call me once I'm off at 4:30? can't really text at work",
      hard="has a time, but it is for a phone call, not a visit: human_request, not appointment_time")
    M("human_request", "en",
      "I don't want to go back and forth with a bot. Give me a salesperson's direct number please.")
    M("human_request", "en",
      "Is Marcus working today? He sold my wife her car and I'd rather deal with him.")
    M("human_request", "es",
      "¿Hay alguien que hable español que me pueda marcar? Prefiero por teléfono.",
      note="gloss: is there a Spanish speaker who can call me? I prefer by phone")
    M("human_request", "en",
      "have your used car manager give me a ring about the Macan",
      hard="'manager' that IS a request to talk to a person (contrast with passing mentions on the false side)",
      units=q(model="Macan"))
    M("human_request", "en",
      "could someone FaceTime me and walk around the Q8? I'm 3 hours away and don't want to drive for nothing",
      hard="sounds like a photos/video request (false), but asks for a live walkaround by a person",
      units=q(model="Q8"))
    M("human_request", "zh",
      "你好，请问有会说中文的销售吗？我想打电话详细问一下。",
      note="gloss: hello, is there a Chinese-speaking salesperson? I'd like to call and ask in detail")
    M("human_request", "en",
      "need to talk to someone in finance. a person, not a chat window")
    M("human_request", "en",
      "Please have the sales manager reach out. Third Hyundai I'd be buying from you and I'd like to talk to someone who can actually decide things.")

    # ----------------------------------------------------------- appointment_time
    M("appointment_time", "en",
      "Can I come look at the black Santa Fe Calligraphy tomorrow at 11:15?",
      units=q(model="Santa Fe", color="Black"))
    M("appointment_time", "en",
      "leaving work now, should be there around 6:20 to drive the Ioniq 6",
      units=q(model="Ioniq 6"))
    M("appointment_time", "en",
      "Would Sunday at 1pm work for a test drive in the Telluride X-Pro?",
      hard="a concrete day and time, but Illinois dealers are generally closed on Sundays by state law (625 ILCS 5/5-106) and hours are not in the feed; the agent must not confirm the slot itself",
      units=q(model="Telluride", trim_has="X-Pro"))
    M("appointment_time", "es",
      "¿Puedo pasar el jueves como a las 5 y media a ver la Tucson híbrida?",
      note="gloss: can I stop by Thursday around 5:30 to see the Tucson Hybrid?",
      units=q(model="Tucson Hybrid"))
    M("appointment_time", "en",
      "omw, like 15 min out. pls have the grey Charger pulled up",
      hard="no clock time, but 'on my way, 15 minutes out' is a concrete arrival",
      units=q(model="Charger"))
    M("appointment_time", "en",
      "Monday first thing, like 9, for the Highlander?",
      units=q(model="Highlander"))
    M("appointment_time", "en",
      "lunch break tmrw is 12:30, can someone have the Camry ready to go",
      units=q(model="Camry"))
    M("appointment_time", "en",
      "This weekend is a no for me but Tuesday after 6 could work to see the Palisade SEL",
      hard="starts with a vague weekend (false) but settles on a day plus 'after 6', which is concrete enough",
      units=q(model="Palisade", trim_has="SEL"))
    M("appointment_time", "pt",
      "Oi, posso passar aí sábado às 10h30 pra ver o Kia Niro elétrico?",
      note="gloss: hi, can I come by Saturday at 10:30 to see the electric Kia Niro?",
      units=q(model="Niro Ev"))
    M("appointment_time", "en",
      "Friday 4:45 for the stick shift Mazda, if it's still there",
      units=q(model="Mazda3 5-Door"))

    # --------------------------------------------------------------- frustration
    M("frustration", "en",
      "I've asked the same thing three times now. Are you even reading what I write??")
    M("frustration", "en",
      "forget it. you're no help. just have somebody call me",
      note="alt human_request (also true)")
    M("frustration", "en",
      "omg another canned reply. yes or no: is the white F-150 still there",
      hard="contains an availability question, but the irritation with the agent's replies is the primary reason",
      units=q(model="F-150"))
    M("frustration", "es",
      "Ya le pregunté lo mismo dos veces y me sigue contestando igual. Qué fastidio.",
      note="gloss: I've asked the same thing twice and you keep answering the same way; how annoying")
    M("frustration", "en",
      "ok this is pointless",
      note="four words, no context; still frustration")
    M("frustration", "en",
      "WHY IS IT SO HARD TO GET A STRAIGHT PRICE OUT OF YOU PEOPLE",
      note="alt complaint (also true)")
    M("frustration", "en",
      "lol you're not even listening, I said SEDAN not SUV",
      hard="'lol' but the customer is annoyed that the agent ignored the request")

    # --------------------------------------------------------- financing_details
    M("financing_details", "en",
      "my credit's like 540 after the divorce, any shot at one of your used Elantras?",
      units=q(model="Elantra"))
    M("financing_details", "en",
      "Had a chapter 7 discharged last year. What kind of rate am I looking at?")
    M("financing_details", "en",
      "I'm 1099, make about 3800 a month, no W2s. Is that gonna be a problem for approval?")
    M("financing_details", "en",
      "I'm 19 and my dad can co-sign, his credit is over 800. does that help?")
    M("financing_details", "es",
      "Solo tengo ITIN y trabajo en construcción, me pagan en efectivo. ¿Me pueden financiar?",
      note="gloss: I only have an ITIN and work construction, paid in cash; can you finance me?")
    M("financing_details", "en",
      "Still owe 19k on my 2020 Equinox and it's worth maybe 13. Can I roll the rest into something?",
      hard="sounds like a trade question; negative equity on the customer's own loan = financing_details")
    M("financing_details", "en",
      "Sent in the credit app on your website yesterday. Did it go through?")
    M("financing_details", "es",
      "Tengo un credit score de 620 más o menos y me gusta la Sportage, ¿cuánto down payment ocupo?",
      note="Spanglish, dominant Spanish | gloss: my credit score is about 620 and I like the Sportage, how much down do I need?",
      units=q(model="Sportage"))

    # -------------------------------------------------------------- trade_in_firm
    M("trade_in_firm", "en",
      "I need 18 for my 2019 Accord or I'm not even coming in.")
    M("trade_in_firm", "en",
      "Not taking a penny under KBB for my Sierra, which is 27,400. That's final.")
    M("trade_in_firm", "es",
      "Si no me dan mínimo 10 mil por mi Camry no hay trato.",
      note="gloss: if you don't give me at least 10k for my Camry there's no deal")
    M("trade_in_firm", "en",
      "Carmax offered 14,250 for my Sportage. Beat it or I'm selling it to them.",
      hard="looks like a price-match (negotiation, also true) but the number is for the customer's trade")

    # ------------------------------------------------------------- other_handover
    M("other_handover", "en",
      "Please take this number off your list.",
      note="opt-out: staff must record do-not-contact (convention of this set)")
    M("other_handover", "en",
      "STOP",
      hard="single-word opt-out typical of campaign replies; it is a do-not-contact request, not small talk",
      note="opt-out")
    M("other_handover", "en",
      "This was my father's phone. He passed away in October. Please update your records.",
      note="bereavement + record change: needs a person")
    M("other_handover", "en",
      "Are you guys hiring? I've got 6 years on the floor at a Kia store.",
      note="job enquiry: route to a person")
    M("other_handover", "es",
      "Ya no me manden mensajes por favor, gracias.",
      note="opt-out | gloss: please don't send me messages anymore, thanks")
    M("other_handover", "en",
      "wrong number, I never asked about any car. pls remove me",
      hard="sounds like a polite brush-off; it asks for removal, so it is an opt-out")

    # ------------------------------------------------------------- availability
    M("availability", "en",
      "any Palisades in blue? saw one on your instagram",
      units=q(model="Palisade", color="Blue"))
    M("availability", "en",
      "got any minivans? need to fit 7 and stay under 30k",
      none="no minivans in the feed",
      closest=q(pred=three_row, cond="Used", price_max=30000))
    M("availability", "en",
      "looking for a 2021 or newer CR-V, ideally under 24k",
      none="no Honda CR-V",
      closest=q(cond="Used", models=["Rogue", "Escape", "Tucson", "Equinox"], year_min=2021, price_max=24000))
    M("availability", "en",
      "is the Macan still for sale or did it go already",
      units=q(model="Macan"))
    M("availability", "en",
      "Do u have any jeep wranglers",
      none="no Wrangler",
      closest=q(make="Jeep"))
    M("availability", "es",
      "¿Tienen trocas? Busco una pickup usada para el trabajo.",
      note="gloss: do you have trucks? looking for a used pickup for work",
      units=q(cond="Used", body="Truck"))
    M("availability", "en",
      "any tesla model 3 or Y",
      none="no Tesla",
      closest=q(pred=lambda u: u.is_ev))
    M("availability", "en",
      "Santa Fe hybrid in white?",
      note="hybrids are split across model 'Santa Fe' (" + one(model="Santa Fe", trim_has="HEV").stock + ", trim SEL HEV) and model 'Santa Fe Hybrid'; white hybrid Santa Fe: " + ", ".join(u.stock for u in q(models=["Santa Fe", "Santa Fe Hybrid"], hybrid=True, color="White")),
      units=q(models=["Santa Fe", "Santa Fe Hybrid"], hybrid=True))
    M("availability", "en",
      "do you have the high Lander in green",
      hard="voice-to-text: 'high Lander' = Toyota Highlander",
      units=q(model="Highlander"))
    M("availability", "en",
      "need something that runs for under 10 grand",
      none="nothing priced under $10,000",
      closest=q(has_price=True)[:3])
    M("availability", "en",
      "My lawyer buddy swears by his Genesis. You have any?",
      hard="mentions a lawyer with no threat; plain availability question",
      units=q(make="Genesis"))
    M("availability", "en",
      "3rd row, AWD, under 35k. what do you have",
      note="three-row used SUVs priced at or under $35,000 whose drivetrain field is AWD or 4X4; seating material is not in the feed",
      units=q(pred=three_row, cond="Used", price_max=35000, drives=("AWD", "4X4")))
    M("availability", "es",
      "¿Todavía tienen el Camry gris 2022?",
      note="gloss: do you still have the grey 2022 Camry?",
      units=q(model="Camry"))
    M("availability", "en",
      "hey is the orange kia still there",
      note="two orange Kias in the feed; the agent should ask which or list both, not pick one",
      units=q(make="Kia", color="Orange"))
    M("availability", "ru",
      "Здравствуйте! У вас есть Kia Sorento?",
      note="gloss: hello! do you have a Kia Sorento?",
      units=q(model="Sorento"))
    M("availability", "en",
      "do yall have anything with a manual",
      note="transmission field says Manual for three units, but one of them is a Forte LXS IVT (a CVT), so only two are really manuals",
      units=q(trans="Manual"))
    M("availability", "en",
      "Saw the Elantra N in an ad, you still have it?",
      none="no Elantra N",
      closest=q(model="Elantra"))
    M("availability", "de",
      "Hallo, haben Sie noch den weißen Audi Q5?",
      note="gloss: hello, do you still have the white Audi Q5?",
      units=q(model="Q5"))
    M("availability", "en",
      "got the text about the Calligraphy Palisades. what colors do you actually have",
      note="campaign reply",
      units=q(model="Palisade", cond="New", trim_has="Calligraphy"))
    M("availability", "en",
      "could I swing by and drive the Ioniq 6 one day next week?",
      hard="a visit with no day or time fixed: not appointment_time",
      units=q(model="Ioniq 6"))
    M("availability", "es",
      "Hola, ¿tienen alguna Tucson 2022 usada? De preferencia gris",
      note="gloss: hi, do you have any used 2022 Tucson? preferably grey",
      units=q(model="Tucson", cond="Used", year=2022))

    # ------------------------------------------------------------------ features
    M("features", "en",
      "Does the Palisade XRT have captain's chairs or the bench?",
      note="seating layout is not in the feed; a good reply does not invent it",
      units=q(model="Palisade", trim_has="XRT"))
    M("features", "en",
      "does the ioniq 5 have the heat pump? chicago winters",
      note="equipment not in the feed",
      units=q(model="Ioniq 5"))
    M("features", "en",
      "Does the 2021 Santa Fe Calligraphy you have listed have a third row?",
      note="the 2021 Santa Fe is a two-row SUV (third row arrived with the 2024 redesign)",
      units=q(model="Santa Fe", year=2021))
    M("features", "en",
      "do the grand cherokees have remote start",
      units=q(model="Grand Cherokee"))
    M("features", "es",
      "¿La Santa Cruz trae cámara de reversa?",
      note="gloss: does the Santa Cruz come with a backup camera?",
      units=q(model="Santa Cruz"))
    M("features", "en",
      "Apple CarPlay in the Jetta?",
      units=q(model="Jetta"))
    M("features", "en",
      "Does the Silverado have a tow package? I'd be pulling a 6,000 lb camper",
      units=q(model="Silverado 1500"))
    M("features", "en",
      "is the Ram actually 4 wheel drive? listing says 4x4 in one spot and RWD in another",
      hard="sounds suspicious but it is a features question; the reply must not resolve the trim/drivetrain conflict by guessing",
      units=q(model="1500"))

    # ------------------------------------------------------------ price_question
    M("price_question", "en",
      "is that price legit or is there some catch",
      note="campaign reply with no unit named; answer in general terms or ask which vehicle")
    M("price_question", "en",
      "How much is the Lexus?",
      note="the only Lexus has no price in the feed; a good reply does not invent one",
      units=q(make="Lexus"))
    M("price_question", "en",
      "price on the white 2023 Equinox?",
      units=q(model="Equinox", year=2023, color="White"))
    M("price_question", "en",
      "Do your prices on the new ones include destination or is that extra?")
    M("price_question", "es",
      "¿Cuánto cuesta la Palisade XRT azul?",
      note="gloss: how much is the blue Palisade XRT?",
      units=q(model="Palisade", color="Blue"))
    M("price_question", "en",
      "whats the cheapest thing you've got, my budget is basically a sandwich lol",
      hard="joke about a tiny budget, not a complaint; 'cheapest' is a listed-price question, not negotiation",
      units=q(has_price=True)[:1])
    M("price_question", "en",
      "how much is the white Tucson Limited",
      note="two white new gas Tucson Limiteds (2024 and 2025)",
      units=q(model="Tucson", cond="New", color="White"))
    M("price_question", "en",
      "Any rebates on the Ioniq 6 right now?",
      units=q(model="Ioniq 6"))
    M("price_question", "en",
      "my wife thinks the Q8 was around 44? is that right",
      units=q(model="Q8"))
    M("price_question", "uk",
      "Добрий день! Скільки коштує Santa Cruz?",
      note="gloss: good afternoon! how much is the Santa Cruz?",
      units=q(model="Santa Cruz"))
    M("price_question", "en",
      "not mad, just confused why the Kona on your site doesn't show a price",
      hard="explicitly calm; a missing-price question, not frustration. The agent must not make up a price",
      units=q(model="Kona"))
    M("price_question", "en",
      "my boss drives a Tahoe and won't shut up about it. what's yours going for?",
      hard="mentions a boss (not a manager request); asks the listed price, not a deal",
      units=q(model="Tahoe"))

    # -------------------------------------------------------- financing_general
    M("financing_general", "en",
      "do you guys do buy here pay here?")
    M("financing_general", "en",
      "what kind of APR are people getting on 72 months for new right now")
    M("financing_general", "en",
      "is there a minimum down payment on used cars")
    M("financing_general", "es",
      "¿Aceptan pasaporte mexicano para sacar crédito?",
      note="gloss: do you accept a Mexican passport to get credit? (policy question, no personal details)")
    M("financing_general", "en",
      "can you lease the Ioniq 5 or is it finance only",
      units=q(model="Ioniq 5"))
    M("financing_general", "en",
      "can I get pre-approved online without a hard pull?")
    M("financing_general", "en",
      "My Elantra lease ends in April but it's not from you guys. Can I still turn it in there and get something new?",
      hard="lease-end shopper; a process question with no personal credit details (alt browsing, also false)")

    # ----------------------------------------------------------- hours_location
    M("hours_location", "en",
      "what time do you close tonight")
    M("hours_location", "en",
      "are you the Hyundai on Lincoln Hwy or is that a different one?",
      note="the address is not in the feed; the reply must not invent one")
    M("hours_location", "en",
      "open sundays?",
      note="hours are not in the feed; Illinois dealers are generally closed on Sundays by state law, so the reply must not promise Sunday hours")
    M("hours_location", "es",
      "¿A qué hora abren mañana?",
      note="gloss: what time do you open tomorrow?")
    M("hours_location", "en",
      "how far are you from the Olympia Fields Metra stop? don't have a car obviously lol")
    M("hours_location", "en",
      "is service open on saturdays or just sales",
      hard="mentions service but it is a general hours question, not an existing-customer problem")
    M("hours_location", "en",
      "Saturday maybe? What time do you open",
      hard="a possible visit without a time: hours question, not appointment_time")

    # ------------------------------------------------------------------- photos
    M("photos", "en",
      "can u send more pics of the Q8 interior",
      units=q(model="Q8"))
    M("photos", "en",
      "Got a walkaround video of the Durango? Looking from Indiana.",
      hard="someone has to shoot the video, but it is a media request, not a request to talk to a person (contrast the live FaceTime walkaround, human_request)",
      units=q(model="Durango"))
    M("photos", "en",
      "pics of the back seat in the Trailblazer pls, need to see if a rear-facing car seat fits",
      note="three Trailblazers; ask which or send for all",
      units=q(model="Trailblazer"))
    M("photos", "es",
      "¿Me puede mandar fotos de la Highlander verde?",
      note="gloss: can you send me photos of the green Highlander?",
      units=q(model="Highlander"))
    M("photos", "en",
      "the Tucson Hybrid listings with no color just show a placeholder pic. can you send real ones?",
      note="two hybrids have no colour and a placeholder image in the feed; a good reply must not guess their colour",
      units=q(model="Tucson Hybrid", color=""))

    # ------------------------------------------------------------------ mileage
    M("mileage", "en",
      "how many miles on the grey Sportage",
      hard="mileage is missing in the feed for this unit; a good reply says so rather than guessing",
      units=q(model="Sportage"))
    M("mileage", "en",
      "What's the mileage on the Ram?",
      units=q(model="1500"))
    M("mileage", "en",
      "why does a NEW Tucson have almost 3000 miles on it",
      hard="sounds like a complaint, but it is a question about the mileage on a new unit",
      units=q(model="Tucson", cond="New", pred=lambda u: u.miles and u.miles > 1000))
    M("mileage", "es",
      "¿Cuántas millas tiene la Escape roja?",
      note="gloss: how many miles does the red Escape have?",
      units=q(model="Escape", color="Red"))
    M("mileage", "en",
      "lowest mileage Telluride you got?",
      hard="'lowest' is about miles, not a price demand",
      units=q(model="Telluride", sort="miles"))

    # --------------------------------------------------------------- comparison
    M("comparison", "en",
      "Tucson vs Santa Fe for a family of 4 plus a 90 lb dog?",
      note="model-level comparison; all Tucson and Santa Fe units (incl. hybrids) listed",
      units=q(models=["Tucson", "Tucson Hybrid", "Santa Fe", "Santa Fe Hybrid"]))
    M("comparison", "en",
      "Ioniq 5 or Ioniq 6 for 60 miles of highway a day?",
      units=q(models=["Ioniq 5", "Ioniq 6"]))
    M("comparison", "en",
      "Rogue or Escape, which would you get",
      units=q(models=["Rogue", "Escape"]))
    M("comparison", "es",
      "¿Qué es mejor, la Palisade o la Telluride? Somos 6.",
      note="gloss: which is better, the Palisade or the Telluride? We're 6",
      units=q(models=["Palisade", "Telluride"]))
    M("comparison", "en",
      "what's the actual difference between the Calligraphy and the Calligraphy Night Edition",
      units=q(model="Palisade", cond="New", trim_has="Calligraphy"))
    M("comparison", "en",
      "is the hybrid Tucson worth the extra over the regular one?",
      units=q(models=["Tucson", "Tucson Hybrid"], cond="New"))
    M("comparison", "en",
      "K5 GT-Line vs the Malibu RS, go",
      units=q(model="K5", trim_has="GT-Line") + q(model="Malibu", trim_has="RS"))

    # ----------------------------------------------------------------- browsing
    M("browsing", "en",
      "Lease wraps up in March so I'm just starting to poke around")
    M("browsing", "en",
      "looking for something reliable for my son, he's 17")
    M("browsing", "en",
      "i want an suv but idk")
    M("browsing", "es",
      "Hola, ando viendo opciones de camioneta para la familia",
      note="gloss: hi, I'm looking at options for a family SUV")
    M("browsing", "en",
      "need something good on gas")
    M("browsing", "en",
      "Thinking about going electric, not sure yet. What should I be looking at?")
    M("browsing", "en",
      "not buying till tax season, just seeing what's out there")
    M("browsing", "en",
      "we just had twins so the civic isn't cutting it anymore lol",
      hard="joke about life change; a browsing opener, not a complaint or a trade-in demand")
    M("browsing", "en",
      "what do u have thats fun to drive")
    M("browsing", "es",
      "Mi hija entra a la universidad en agosto y busca algo económico que no gaste mucha gasolina, ¿qué me recomienda?",
      note="gloss: my daughter starts college in August and wants something cheap and good on gas; what do you recommend?")

    # --------------------------------------------------------------- small_talk
    M("small_talk", "en", "hi")
    M("small_talk", "en", "good morning! how's your day going?")
    M("small_talk", "en",
      "lol my husband is going to kill me for even looking",
      hard="'kill me' is a joke, not a complaint or threat")
    M("small_talk", "en", "thanks!!")
    M("small_talk", "es", "Buenas tardes 🙂", note="gloss: good afternoon")
    M("small_talk", "en", "Go Bears 🐻 anyway")

    # ------------------------------------------------------------ vehicle_facts
    M("vehicle_facts", "en",
      "Is Hyundai's powertrain warranty on new still 10 years / 100k?")
    M("vehicle_facts", "en",
      "If I buy the 2022 Palisade, does any of the factory warranty transfer to me?",
      hard="a warranty question about a car on the lot (false), not a claim on the customer's own car",
      units=q(model="Palisade", cond="Used", year=2022))
    M("vehicle_facts", "en",
      "how far does the Ioniq 6 go on a full charge",
      note="range is not in the feed; any figure must be presented as the manufacturer's estimate",
      units=q(model="Ioniq 6"))
    M("vehicle_facts", "en",
      "is the Santa Fe SEL HEV a plug-in or a regular hybrid",
      note="the feed's fuel field says Gasoline for this hybrid; a good reply does not call it a plug-in or a plain gas car",
      units=q(model="Santa Fe", trim_has="HEV"))
    M("vehicle_facts", "es",
      "¿La Tucson híbrida usa gasolina regular o premium?",
      note="gloss: does the Tucson Hybrid take regular or premium gas?",
      units=q(model="Tucson Hybrid"))
    M("vehicle_facts", "en",
      "Any open recalls on the 2019 Tucson you have listed?",
      hard="recall question about a car on the lot (false), unlike a recall repair on the customer's own car",
      units=q(model="Tucson", year=2019))
    M("vehicle_facts", "en",
      "what engine is in the Palisade",
      note="engine is not in the feed; general model knowledge is fine if not presented as feed data",
      units=q(model="Palisade"))
    M("vehicle_facts", "en",
      "is the Prius Prime a plug in? it says electric on your site",
      note="fuel field says Electric; it is a plug-in hybrid, not a pure EV",
      units=q(model="Prius Prime"))
    M("vehicle_facts", "en",
      "How much can the Titan XD tow?",
      units=q(model="Titan Xd"))

    # ----------------------------------------------------------------- other_ai
    M("other_ai", "en", "who's this?", note="campaign reply")
    M("other_ai", "en",
      "Bought one somewhere else last week, all good. Thanks anyway",
      hard="polite 'already bought' is not an opt-out or complaint; the agent can close warmly")
    M("other_ai", "en",
      "do you buy cars outright? not looking to get anything, just want to sell mine")
    M("other_ai", "en",
      "wait am I talking to a computer rn",
      hard="asking whether the agent is AI is not a request for a human")
    M("other_ai", "es", "¿Quién habla?", note="campaign reply | gloss: who's speaking?")
    M("other_ai", "en", "can my dog come on the test drive 😂",
      hard="joke with a real question; nothing for a human to do")

    return list(_MSGS)
