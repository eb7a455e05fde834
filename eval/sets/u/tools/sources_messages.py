"""Source list for messages.jsonl of set "u".

Each entry: M(reason, language, text, hard=..., note=..., inv=..., closest=...).
`inv` / `closest` are lists of feed units chosen by filter calls on the feed
(never typed by hand); build.py turns them into `stock: ...` notes.
"""
from feed import q, get, by_price, by_miles

MSGS = []


def M(reason, lang, text, hard=None, note=None, inv=None, closest=None):
    MSGS.append(dict(reason=reason, language=lang, text=text, hard=hard,
                     note=note, inv=inv, closest=closest))


def used_3row(price_max=None):
    """Used three-row SUVs (model knowledge: Telluride, Palisade, Highlander,
    Durango, Tahoe, QX60, Explorer, Sorento) with a listed price <= price_max."""
    models = ["Telluride", "Palisade", "Highlander", "Durango", "Tahoe", "Qx60",
              "Explorer", "Sorento"]
    kw = dict(cond="Used", model_in=models)
    if price_max is not None:
        kw["price_max"] = price_max
    return by_price(q(**kw))


# ======================================================================
# handover: true
# ======================================================================

# ---- complaint (10) ---------------------------------------------------
M("complaint", "en",
  "picked up my tucson yesterday and theres a big scratch on the rear bumper that was NOT there on the test drive. nobody is answering the phone",
  note="own purchased car with damage; existing_customer_issue is the other defensible label (both handover).")
M("complaint", "en",
  "waited 2 hrs on saturday for a \"quick\" credit check and the guy went to lunch. great service 🙄",
  hard="sarcasm ('great service') that is really a complaint.")
M("complaint", "en",
  "your salesman told me the online price was the price and then there was $2,495 in add ons on the paper that I never asked for. not cool at all")
M("complaint", "en",
  "Got your \"we miss you!\" email. Funny, nobody called me back the 3 times I asked about my title last month",
  hard="reply to a marketing e-mail that is a complaint; existing_customer_issue (title) also defensible, both handover.")
M("complaint", "en",
  "drove 45 min because the site said the white santa cruz was on the lot and when i got there it was \"at the other store\". wasted my whole afternoon",
  note="Complaint about a past visit; the unit is in the feed.",
  inv=q(model="Santa Cruz"))
M("complaint", "en",
  "5 stars on the detail job 👍 still dog hair all over the back seat and somebody's mcdonalds cup in the door pocket",
  hard="sarcastic praise ('5 stars', thumbs up) that is a complaint.")
M("complaint", "en",
  "the finance lady talked to my mom like she was stupid. we were ready to buy. not coming back unless somebody makes this right")
M("complaint", "en",
  "3rd time this week i get a text saying my car is ready for pickup. i picked it up on the 2nd. please fix your system and stop texting me",
  hard="reads like an SMS-campaign reply/opt-out but the substance is a complaint about repeated wrong texts.")
M("complaint", "es",
  "Fui ayer a ver la camioneta y el vendedor ni me saludó, estuvo en su celular todo el tiempo. Muy mala atención",
  note="en: Went yesterday to see the SUV and the salesman didn't even greet me, on his phone the whole time. Very bad service.")
M("complaint", "es",
  "que falta de respeto, me dijeron que el carro estaba listo para recoger y llegue y no estaba ni lavado ni con placas",
  note="en: How disrespectful, told me the car was ready for pickup and I arrived and it wasn't washed nor had plates. existing_customer_issue (plates) also defensible, both handover.")

# ---- existing_customer_issue (11) ---------------------------------------
M("existing_customer_issue", "en",
  "bought a palisade from you guys in sept and STILL no plates, temp tag expires friday")
M("existing_customer_issue", "en",
  "check engine light came on in the elantra i bought from yall 3 weeks ago. do i bring it back to you or where")
M("existing_customer_issue", "en",
  "I need a copy of my buyers order for my insurance company, they need it by tomorrow")
M("existing_customer_issue", "en",
  "hi i financed thru you in october and never got anything from the bank?? how do i make my first payment",
  hard="mentions financing but it is about an existing deal, not a new application (not financing_details; both handover anyway).")
M("existing_customer_issue", "en",
  "got a recall letter for my 2021 santa fe. can you guys do that and how long does it take",
  hard="recall repair on the customer's OWN car -> existing_customer_issue; a recall question about a car on the lot would be vehicle_facts.")
M("existing_customer_issue", "en",
  "yall still have the spare key from my trade in, the 2016 accord. i need it back for the title transfer lol")
M("existing_customer_issue", "en",
  "the second key fob that was promised when I signed never showed up. deal was done 10/28 with Andre")
M("existing_customer_issue", "en",
  "my service contract company says the transmission isnt covered but your finance guy told me it was bumper to bumper. can somebody pull my contract",
  hard="warranty/service-contract claim on the customer's own car; complaint also defensible (both handover).")
M("existing_customer_issue", "en",
  "Payoff on my trade still hasn't been sent, Capital One is calling me about the December payment")
M("existing_customer_issue", "es",
  "Compré una Tucson con ustedes el mes pasado y todavía no me llega el título. ¿Con quién hablo?",
  note="en: Bought a Tucson from you last month and the title still hasn't arrived. Who do I talk to?")
M("existing_customer_issue", "es",
  "hola buenas, el carro q me vendieron hace 2 semanas tiene la luz de las llantas prendida y no se apaga, q hago",
  note="en: The car you sold me 2 weeks ago has the tyre-pressure light on and it won't turn off, what do I do?")

# ---- legal_threat (7) --------------------------------------------------
M("legal_threat", "en",
  "if my deposit isnt back in my account by friday im filing in small claims. i have the receipt")
M("legal_threat", "en",
  "already spoke w my attorney about the odometer thing. expect a letter this week")
M("legal_threat", "en",
  "Not trying to threaten anyone but I will be reporting this to the Illinois Attorney General if those fees don't come off",
  hard="'not trying to threaten' framing, still a regulator threat.")
M("legal_threat", "en",
  "posting a review today and filing with the BBB unless someone from management calls me",
  hard="BBB counts as legal_threat per convention, even though it is also a complaint and asks for a manager.")
M("legal_threat", "en",
  "4 times in your shop in 60 days for the same noise. lemon law much? 🤔",
  hard="lemon-law mention phrased as a sarcastic question.")
M("legal_threat", "en",
  "my sister is a paralegal and she says the way you guys sold me that gap insurance is illegal. fix it or we go to the FTC")
M("legal_threat", "es",
  "Si no me devuelven el deposito voy a poner una queja con el Procurador General y ya hablé con un abogado",
  note="en: If you don't return the deposit I'll file a complaint with the Attorney General and I already talked to a lawyer.")

# ---- ready_to_buy (8) --------------------------------------------------
M("ready_to_buy", "en",
  "I want the white Santa Fe Calligraphy, stock 27181. How do I put a deposit on it today?",
  inv=[get("27181")])
M("ready_to_buy", "en",
  "ok im sold on the green telluride. what do i need to bring to sign",
  inv=q(model="Telluride", color="Green"))
M("ready_to_buy", "en",
  "we'll take it. the ioniq 5. wife finally said yes 😂",
  inv=q(model="Ioniq 5"))
M("ready_to_buy", "en",
  "cash buyer for the f150, can have a cashiers check tomorrow",
  hard="'tomorrow' with no time is not appointment_time; the intent is a purchase.",
  inv=q(model="F-150"))
M("ready_to_buy", "en",
  "is the white 2023 equinox still availble? if so i want it. can i do the paperwork online",
  inv=q(model="Equinox", year=2023, color="White"))
M("ready_to_buy", "en",
  "Approved thru my credit union already. Want the blue Palisade XRT, where do I send the check?",
  hard="mentions own outside financing (financing_details also handover) but the primary intent is buying a specific unit.",
  inv=q(model="Palisade", trim_has="XRT"))
M("ready_to_buy", "en",
  "saw the jetta on cars.com. ill buy it sight unseen if you can deliver to 60435",
  note="60435 is a Joliet ZIP, not a stock number.",
  inv=q(model="Jetta"))
M("ready_to_buy", "es",
  "Me quedo con la Santa Cruz blanca. ¿Qué documentos necesito para firmar?",
  note="en: I'll take the white Santa Cruz. What documents do I need to sign?",
  inv=q(model="Santa Cruz", color="White"))

# ---- negotiation (12) --------------------------------------------------
M("negotiation", "en",
  "would yall do 36 out the door on the white telluride ex",
  inv=q(model="Telluride", color="White", trim_has="EX"))
M("negotiation", "en",
  "carvana has basically the same rogue for 21,500. match it and im there",
  note="price-match demand without saying which of the three Rogues.",
  inv=q(model="Rogue"))
M("negotiation", "en",
  "whats the lowest youll go on the mustang",
  inv=q(model="Mustang"))
M("negotiation", "en",
  "I can do $450 a month max with 3k down on the ioniq 6, can you make that work?",
  hard="payment target -> negotiation; financing_details also defensible (both handover).",
  inv=q(model="Ioniq 6"))
M("negotiation", "en",
  "any wiggle room on the ram 1500? been sitting on your site forever",
  inv=q(model="1500", make="Ram"))
M("negotiation", "en",
  "Cash deal, 24 even for the Nautilus and I pick it up today",
  note="a bare '24' is an offer in thousands; the listed price is higher.",
  inv=q(model="Nautilus"))
M("negotiation", "en",
  "send me an OTD quote on the santa fe hybrid limited, zip 60461",
  note="Out-the-door quote request -> negotiation. 60461 is an Olympia Fields ZIP.",
  inv=q(model="Santa Fe Hybrid", trim_has="Limited"))
M("negotiation", "en",
  "price on the bmw 5 series seems high for a 2019 w 43k miles. can u do better",
  inv=q(make="Bmw", model="5 Series"))
M("negotiation", "en",
  "whats your best price on a new tucson limited awd, i have a quote from orland park i want beat",
  hard="'best price' + competing quote -> negotiation, not price_question. Two burgundy 2024 units share a price but 26966's feed drivetrain is FWD.",
  inv=by_price(q(cond="New", model="Tucson", trim_has="Limited")))
M("negotiation", "es",
  "¿Cuánto es lo menos en la Tucson blanca? Tengo el dinero cash",
  hard="Spanglish ('cash'); 'la Tucson blanca' is ambiguous: 2024 and 2025 white Tucsons plus a white Tucson Hybrid.",
  note="en: What's the lowest on the white Tucson? I have the cash.",
  inv=q(model_in=["Tucson", "Tucson Hybrid"], color="White"))
M("negotiation", "es",
  "le ofrezco 20 mil por el Escape rojo, ya mismo se lo pago",
  note="en: I offer you 20 thousand for the red Escape, I'll pay right now.",
  inv=q(model="Escape", color="Red"))
M("negotiation", "pt",
  "Oi, vocês fazem 38 mil na Palisade SEL preta? Pago à vista",
  note="en: Hi, would you do 38 thousand on the black Palisade SEL? I pay cash. Portuguese; two black Palisade SELs (2024 SEL AWD and 2025 SEL FWD).",
  inv=q(model="Palisade", color="Black", trim_has="SEL"))

# ---- human_request (10) ------------------------------------------------
M("human_request", "en",
  "can i just talk to a real person pls")
M("human_request", "en",
  "have Tony call me, he sold my dad his sonata. 708-555-0137",
  note="Named salesperson call-back -> human_request.")
M("human_request", "en",
  "call me after 5:30 today about the charger 219-555-0188",
  hard="a concrete time, but only for a phone call -> human_request, not appointment_time.",
  inv=q(model="Charger"))
M("human_request", "en",
  "is there a sales manager i can talk to directly. not a complaint, i just prefer dealing w a manager",
  hard="asks for a manager but explicitly not a complaint.")
M("human_request", "en",
  "no offense but i dont want to text a bot. whats the number for the sales desk")
M("human_request", "en",
  "I'm hard of hearing, can a salesperson text me directly at 312-555-0119 instead of this chat?")
M("human_request", "en",
  "pls have a salesperson email me instead, rather not do chat. dana.k@example.com")
M("human_request", "es",
  "¿Me puede llamar alguien que hable español? 773-555-0164",
  note="en: Can someone who speaks Spanish call me?")
M("human_request", "es",
  "quiero hablar con Karla la vendedora, ella me ayudo la otra vez con mi Elantra",
  note="en: I want to talk to Karla the saleswoman, she helped me last time with my Elantra.")
M("human_request", "pl",
  "Dzień dobry, czy jest ktoś kto mówi po polsku? Wolę porozmawiać przez telefon.",
  note="en: Good day, is there someone who speaks Polish? I prefer to talk by phone. Polish; asks for a Polish-speaking person by phone.")

# ---- appointment_time (10) ---------------------------------------------
M("appointment_time", "en",
  "can i come see the challenger saturday around 11",
  inv=q(model="Challenger"))
M("appointment_time", "en",
  "I'll be there at 6:15 tonight to test drive the F-150, please have it pulled up front",
  inv=q(model="F-150"))
M("appointment_time", "en",
  "omw, there in 20 min. the black palisade calligraphy",
  hard="'in 20 min' is a concrete time; two black 2024 Palisade Calligraphy AWD units match.",
  inv=q(model="Palisade", color="Black", trim_has="Calligraphy"))
M("appointment_time", "en",
  "tmrw 10am work for a test drive in the santa cruz?",
  inv=q(model="Santa Cruz"))
M("appointment_time", "en",
  "monday after work like 5:30? wanna look at some suvs under 25k",
  hard="concrete day+time while the car is still vague -> appointment_time.")
M("appointment_time", "en",
  "Can we do Sunday at 1",
  hard="no car and Sunday hours unknown, but a concrete day+time must go to a human.")
M("appointment_time", "en",
  "me and my husband can come thursday at noon to look at the ioniq 5 and the ioniq 6",
  inv=q(model_in=["Ioniq 5", "Ioniq 6"]))
M("appointment_time", "en",
  "lunch break tomorrow 12:15, quick test drive in the jetta? im at the hospital down the road",
  inv=q(model="Jetta"))
M("appointment_time", "es",
  "¿Puedo ir el sábado a las 10 a ver la Palisade gris usada?",
  note="en: Can I go Saturday at 10 to see the used grey Palisade? Two used grey Palisades.",
  inv=q(model="Palisade", cond="Used", color="Grey"))
M("appointment_time", "es",
  "mañana como a las 4 paso a ver el Charger si sigue ahi",
  note="en: Tomorrow around 4 I'll come by to see the Charger if it's still there. 'como a las 4' (around 4) is still a concrete time.",
  inv=q(model="Charger"))

# ---- frustration (8) ---------------------------------------------------
M("frustration", "en",
  "ive asked 3 times what the price is on the kona. just answer the question",
  note="the used Kona really has no price in the feed; a good reply must not invent one.",
  inv=q(model="Kona"))
M("frustration", "en",
  "this is the third time im typing my phone number. useless")
M("frustration", "en",
  "omg STOP asking what im looking for i already told you. AWD SUV under 25k!!!",
  hard="contains an inventory need, but the repeated-question anger is primary.")
M("frustration", "en",
  "are you even reading what i write")
M("frustration", "en",
  "love that nobody can tell me if the car is even there. amazing system 🙃",
  hard="sarcasm ('love that', 'amazing') about the chat itself.")
M("frustration", "en",
  "forget it. ill go to the toyota store")
M("frustration", "en",
  "you keep sending me the same 3 cars. none of them are what i asked for!!!")
M("frustration", "es",
  "ya le dije dos veces que quiero una troca no un carro. no me entiende o que?",
  note="en: I already told you twice I want a truck not a car. Don't you understand or what? Spanglish ('troca').")

# ---- financing_details (7) ----------------------------------------------
M("financing_details", "en",
  "my credit score is like 540 after a repo in 2022. can i still get approved for the rogue",
  inv=q(model="Rogue"))
M("financing_details", "en",
  "I only have an ITIN, no SSN. can I still finance with you",
  hard="own ITIN status -> financing_details; 'do you accept ITIN?' alone would be financing_general.")
M("financing_details", "en",
  "filled out the credit app on your site last night, any word yet? its for the white elantra",
  inv=q(model="Elantra", color="White"))
M("financing_details", "en",
  "chapter 7 discharged in august. how much down would i need")
M("financing_details", "en",
  "Upside down about 6k on my Altima, can you roll that into a new Tucson?",
  note="negative equity on own car; not a trade_in_firm (no demanded value).")
M("financing_details", "es",
  "Tengo un score de 600 y gano como 3,500 al mes, ¿me aprueban para la Palisade?",
  note="en: I have a 600 score and earn about 3,500 a month, will you approve me for the Palisade?")
M("financing_details", "es",
  "mi esposo seria el cosigner porque yo todavia no tengo credito, se puede?",
  note="en: My husband would be the co-signer because I don't have credit yet, is that possible? Spanglish ('cosigner').")

# ---- trade_in_firm (4) --------------------------------------------------
M("trade_in_firm", "en",
  "I need at least 14k for my 2019 Accord on trade or there's no deal")
M("trade_in_firm", "en",
  "kbb says my sorento is worth 17,800. not taking a penny less on the trade",
  hard="mentions a Sorento, but it is the customer's trade, not the Sorento on the lot.")
M("trade_in_firm", "en",
  "Trading in my 2020 Silverado 61k miles. Want 28 for it, firm.")
M("trade_in_firm", "es",
  "mi troca vale 22 mil minimo en el trade, si no me dan eso no hay trato",
  note="en: My truck is worth 22 thousand minimum on the trade, if you don't give me that there's no deal. Spanglish ('troca', 'trade').")

# ---- other_handover (3) -------------------------------------------------
M("other_handover", "en",
  "Hi, I'm the fleet coordinator for a home health agency in Harvey. We need 6 small SUVs by February, who handles fleet?",
  note="Fleet/business purchase: no specific reason fits; needs a fleet manager.")
M("other_handover", "en",
  "left my sunglasses and a folder with my paperwork in your showroom saturday, does anyone have them??",
  note="lost property: not a complaint or a purchase question; staff must check.")
M("other_handover", "en",
  "STOP",
  hard="SMS-campaign opt-out; must be processed by staff/system, not answered as a chat turn.")


# ======================================================================
# handover: false
# ======================================================================

# ---- availability (17) --------------------------------------------------
M("availability", "en",
  "do u have any tellurides w under 30k miles",
  inv=by_miles(q(model="Telluride", miles_max=30000)))
M("availability", "en",
  "no elantras?",
  hard="terse yes/no; no new Elantras in the feed but two used ones.",
  inv=q(model="Elantra"))
M("availability", "en",
  "any 3rd row suvs under 30k",
  hard="needs model knowledge (the feed has no seat count); Sorento and Explorer have no price in the feed.",
  note="Three-row models with a listed price up to $30k:",
  inv=used_3row(30000))
M("availability", "en",
  "got any convertibles",
  note="Coupes are the closest body style.",
  inv=[], closest=q(body="Coupe"))
M("availability", "en",
  "looking for a small pickup, would the santa cruz count? do yall have one",
  note="half vehicle_facts; feed types the Santa Cruz as Truck.",
  inv=q(model="Santa Cruz"))
M("availability", "en",
  "any manual transmission cars left",
  hard="15549A says Manual in the transmission field but its trim is IVT (a CVT).",
  inv=q(pred=lambda u: u.trans == "Manual"))
M("availability", "en",
  "need a minivan, 7 people, nothing fancy",
  note="no minivans in the feed; closest are three-row SUVs.",
  inv=[], closest=used_3row(25000))
M("availability", "en",
  "still got the orange k5?",
  inv=q(model="K5", color="Orange"))
M("availability", "en",
  "Saw a red Santa Fe on your instagram, is it still there",
  inv=q(model="Santa Fe", color="Red"))
M("availability", "en",
  "any hybrids under 25k",
  hard="hybrids are labelled Gasoline/Electric in the feed; two used hybrids have no price.",
  note="Hybrids with a listed price up to $25k:",
  inv=by_price(q(hybrid=True, price_max=25000)),
  closest=[u for u in q(hybrid=True, cond="Used") if u.price is None])
M("availability", "en",
  "do yall have any awd cars that arent suvs? like a sedan",
  hard="drivetrain conflicts: Ioniq 6 and KV5542 trims say AWD but the feed says RWD/FWD; two 2024 Altimas are AWD in the feed with a silent trim.",
  inv=q(body="Sedan", pred=lambda u: u.awd or u.trim_drive == "AWD"))
M("availability", "en",
  "any 2024 or newer used cars",
  inv=q(cond="Used", year_min=2024))
M("availability", "en",
  "Looking for a Honda CR-V, you have any?",
  note="No CR-V; closest compact SUVs listed.",
  inv=[], closest=q(cond="Used", model_in=["Rogue", "Tucson"], has_price=True))
M("availability", "es",
  "¿Tienen Tacoma o alguna troca usada?",
  note="en: Do you have a Tacoma or any used truck? No Tacoma; used trucks listed. Spanglish ('troca').",
  inv=q(cond="Used", body="Truck"))
M("availability", "es",
  "busco una camioneta para 7 personas, usada, que no pase de 25 mil",
  note="en: Looking for an SUV for 7 people, used, not over 25 thousand. seat count is not in the feed; needs model knowledge.",
  inv=used_3row(25000))
M("availability", "es",
  "tienen el ioniq 5 en blanco?",
  note="en: Do you have the Ioniq 5 in white?",
  inv=q(model="Ioniq 5", color="White"))
M("availability", "pt",
  "Vocês têm algum Hyundai Creta?",
  hard="Portuguese; the Creta is not sold in the US; none in stock.",
  note="en: Do you have any Hyundai Creta?",
  inv=[], closest=q(make="Hyundai", model_in=["Kona", "Tucson"], cond="Used"))

# ---- features (8) -------------------------------------------------------
M("features", "en",
  "does the palisade calligraphy have massaging seats",
  note="Feed has no equipment data; the reply must not invent it for a specific unit.")
M("features", "en",
  "does the ioniq 5 have wireless carplay or do i need a cable",
  inv=q(model="Ioniq 5"))
M("features", "en",
  "heated steering wheel on the tucson limited?")
M("features", "en",
  "telluride SX, captains chairs or bench? how many seats",
  inv=q(model="Telluride", trim_has="SX"))
M("features", "en",
  "does the f150 have a tow package",
  note="the F-150's trim is garbage in the feed, so no equipment can be inferred.",
  inv=q(model="F-150"))
M("features", "en",
  "does the jetta have a sunroof or nah",
  inv=q(model="Jetta"))
M("features", "en",
  "is the white challenger the v8 one?",
  note="SXT Plus trim: the SXT is the V6 Challenger, not a V8; a reply must not call it a V8.",
  inv=q(model="Challenger", color="White"))
M("features", "es",
  "¿La Santa Cruz trae cámara de reversa y pantalla grande?",
  note="en: Does the Santa Cruz come with a backup camera and a big screen?",
  inv=q(model="Santa Cruz"))

# ---- price_question (10) ------------------------------------------------
M("price_question", "en",
  "how much is the white elantra",
  inv=q(model="Elantra", color="White"))
M("price_question", "en",
  "price on the kona ultimate?",
  hard="no price in the feed; must not invent one.",
  inv=q(model="Kona"))
M("price_question", "en",
  "whats the cheapest new hyundai u got",
  hard="two units tie at the lowest new price, and one of them has a FWD/AWD conflict.",
  inv=[u for u in by_price(q(cond="New"))
       if u.price == by_price(q(cond="New"))[0].price])
M("price_question", "en",
  "does the price online include doc fee and tax or is that extra",
  note="General pricing-policy question, no unit named.")
M("price_question", "en",
  "are there any rebates on the ioniq 6 rn",
  hard="rebates on a model -> price_question per convention, not financing.",
  inv=q(model="Ioniq 6"))
M("price_question", "en",
  "Price on stock 15394A?",
  inv=[get("15394A")])
M("price_question", "en",
  "what are the tellurides going for",
  note="All Tellurides (three without a price):",
  inv=by_price(q(model="Telluride")))
M("price_question", "en",
  "how much for the lexus",
  note="the only Lexus has no price in the feed.",
  inv=q(make="Lexus"))
M("price_question", "es",
  "¿Cuánto cuesta la Palisade XRT azul?",
  note="en: How much is the blue Palisade XRT?",
  inv=q(model="Palisade", trim_has="XRT", color="Blue"))
M("price_question", "es",
  "precio del camry gris?",
  note="en: price of the grey Camry? no price in the feed; the stock number is lowercase in the feed.",
  inv=q(model="Camry"))

# ---- financing_general (9) ----------------------------------------------
M("financing_general", "en",
  "do you guys do buy here pay here")
M("financing_general", "en",
  "do you have any programs for first time buyers")
M("financing_general", "en",
  "wat apr r yall doing on new tucsons this month")
M("financing_general", "en",
  "got the text about 0.9% on santa fe's. whats the catch, how many months is that for",
  note="reply to an SMS campaign; a rate question with no personal details.")
M("financing_general", "en",
  "my lawyer buddy says never lease. do you even do leases on the ioniq 5?",
  hard="mentions a lawyer, but no threat.")
M("financing_general", "en",
  "can i get pre approved online without it hitting my credit")
M("financing_general", "es",
  "¿Trabajan con personas que no tienen seguro social?",
  hard="policy question about customers without an SSN, no personal details -> financing_general.",
  note="en: Do you work with people who don't have a social security number?")
M("financing_general", "es",
  "cuanto se da de enganche normalmente para un carro usado?",
  note="en: How much is the down payment usually for a used car?")
M("financing_general", "tl",
  "Hello po, may financing po ba kayo para sa mga green card holder?",
  note="en: Hello, do you have financing for green card holders? Tagalog; policy question.")

# ---- hours_location (9) -------------------------------------------------
M("hours_location", "en",
  "what time do yall close tonight")
M("hours_location", "en",
  "r u open sundays")
M("hours_location", "en",
  "where are you exactly, coming from joliet")
M("hours_location", "en",
  "is the service dept open on saturdays",
  hard="service department mentioned, but only an hours question (no issue with a car).")
M("hours_location", "en",
  "are you open on christmas eve? and till when")
M("hours_location", "en",
  "whats the address, might swing by this weekend to look at the tucsons",
  hard="visit without a concrete time -> not appointment_time.")
M("hours_location", "es",
  "¿A qué hora abren el sábado?",
  note="en: What time do you open on Saturday?")
M("hours_location", "es",
  "¿Dónde queda la agencia? ¿Están cerca de la 57?",
  note="en: Where is the dealership? Are you near I-57?")
M("hours_location", "zh",
  "你们周日营业吗？几点关门？",
  note="en: Are you open on Sunday? What time do you close? Chinese.")

# ---- photos (5) ---------------------------------------------------------
M("photos", "en",
  "can u send more pics of the green forte, esp the interior",
  inv=q(model="Forte", color="Green"))
M("photos", "en",
  "pics of the 3rd row in the qx60?",
  inv=q(model="Qx60"))
M("photos", "en",
  "do you have a walkaround video of the silverado",
  inv=q(model="Silverado 1500"))
M("photos", "en",
  "the link for the red edge only shows 1 picture",
  hard="sounds like a complaint about the website, but it is a photo request; the red Edge has no price and a garbage trim.",
  inv=q(model="Edge", color="Red"))
M("photos", "en",
  "send me pics of the underside of the grand cherokee, want to see rust",
  note="Three Grand Cherokees; the customer does not say which.",
  inv=q(model="Grand Cherokee"))

# ---- mileage (5) --------------------------------------------------------
M("mileage", "en",
  "how many miles on the titan",
  inv=q(model="Titan Xd"))
M("mileage", "en",
  "whats the mileage on the sportage",
  note="mileage is missing in the feed.",
  inv=q(model="Sportage"))
M("mileage", "en",
  "the new palisade with like 3k miles on it, is that a demo or what",
  hard="a 'New' unit with demo-level miles; the white Calligraphy Night Edition.",
  inv=q(model="Palisade", cond="New", pred=lambda u: u.miles and u.miles > 2000))
M("mileage", "en",
  "how many miles on the porshe",
  inv=q(make="Porsche"))
M("mileage", "en",
  "is the 2024 telluride with 40 miles really used??",
  hard="a 'Used' unit with almost no miles; its trim says FWD while the feed says AWD.",
  inv=q(model="Telluride", year=2024, miles_max=1000))

# ---- comparison (7) -----------------------------------------------------
M("comparison", "en",
  "tucson hybrid vs santa fe hybrid, which is better on gas",
  inv=by_price(q(cond="New", model_in=["Tucson Hybrid", "Santa Fe Hybrid"])
               + q(cond="New", model="Santa Fe", hybrid=True)))
M("comparison", "en",
  "whats the difference between the 2 white santa fe calligraphys",
  hard="the customer says 2, but the feed has three white Santa Fe Calligraphys (two 2024 and one 2025).",
  inv=q(model="Santa Fe", color="White", trim_has="Calligraphy"))
M("comparison", "en",
  "telluride or palisade for a family of 6, be honest")
M("comparison", "en",
  "rogue vs escape, which would you get")
M("comparison", "en",
  "ioniq 6 or ioniq 5 for a long highway commute",
  inv=q(model_in=["Ioniq 5", "Ioniq 6"]))
M("comparison", "en",
  "audi q5 or the bmw x3 you have, which one",
  inv=q(make="Audi", model="Q5") + q(make="Bmw", model="X3"))
M("comparison", "en",
  "2021 santa fe calligraphy or 2023 palisade sel, which is the better buy",
  inv=q(cond="Used", model="Santa Fe", year=2021) + q(cond="Used", model="Palisade", year=2023))

# ---- browsing (9) -------------------------------------------------------
M("browsing", "en",
  "just looking for now, what kind of suvs do you have")
M("browsing", "en",
  "hi 👋 just browsing")
M("browsing", "en",
  "need somthing relaible for my daughter, her first car, good on gas")
M("browsing", "en",
  "broke college kid here 😭 whats your cheapest ride",
  hard="joking, not a complaint; 29 units have no price, so 'cheapest' means cheapest with a listed price.",
  inv=by_price(q(has_price=True))[:1])
M("browsing", "en",
  "something fun to drive under 35k?")
M("browsing", "en",
  "what kinda used cars do you have")
M("browsing", "en",
  "shopping after the holidays, whats new at hyundai for 2025",
  note="2025 units in the feed: Palisade, Santa Fe, Santa Fe Hybrid, Tucson.")
M("browsing", "en",
  "got your email about the year end sale. what's on sale?",
  hard="campaign reply; the feed has no sale/incentive data, so nothing should be invented.")
M("browsing", "es",
  "nomas estoy viendo opciones, ¿qué SUVs usadas tienen?",
  note="en: Just looking at options, what used SUVs do you have?")

# ---- small_talk (5) -----------------------------------------------------
M("small_talk", "en",
  "am i talking to a robot rn")
M("small_talk", "en",
  "who is this?",
  note="typical reply to an outbound SMS; no request.")
M("small_talk", "en",
  "happy holidays to the whole team!!")
M("small_talk", "en",
  "thanks thats all i needed")
M("small_talk", "en",
  "Merry Christmas from the Johnson family, still loving the Palisade 🎄",
  hard="an existing customer, but with no issue -> small_talk.")

# ---- vehicle_facts (9) --------------------------------------------------
M("vehicle_facts", "en",
  "is the santa fe hybrid a plug in?")
M("vehicle_facts", "en",
  "whats the warranty on a used hyundai vs a new one",
  note="warranty coverage in general -> vehicle_facts, not a claim.")
M("vehicle_facts", "en",
  "real range on the ioniq 5 in chicago winters?")
M("vehicle_facts", "en",
  "do the 2022 tellurides have any open recalls",
  hard="recall question about cars on the lot -> vehicle_facts.",
  inv=q(model="Telluride", year=2022))
M("vehicle_facts", "en",
  "what engine is in the 2025 palisade")
M("vehicle_facts", "en",
  "Can the santa cruz tow a small camper? like 3500 lbs")
M("vehicle_facts", "en",
  "is awd standard on the tucson hybrid")
M("vehicle_facts", "en",
  "does the hyundai factory warranty transfer if i buy the used palisade",
  hard="warranty question about a lot car, no claim; three used Palisades.",
  inv=q(model="Palisade", cond="Used"))
M("vehicle_facts", "es",
  "¿El Ioniq 6 se puede cargar en un enchufe normal de la casa?",
  note="en: Can the Ioniq 6 be charged on a normal household outlet?")

# ---- other_ai (4) -------------------------------------------------------
M("other_ai", "en",
  "do you take trade ins? i have a 2016 civic",
  note="Trade-in policy question without a number -> other_ai.")
M("other_ai", "en",
  "bought elsewhere already, thanks anyway",
  hard="campaign reply closing the lead; nothing for a human to do.")
M("other_ai", "en",
  "the mailer said you buy cars even if i dont buy one of yours. 2018 camry 70k miles, what would you give me",
  hard="asks what they'd pay but names no firm number/ultimatum -> not trade_in_firm.")
M("other_ai", "en",
  "do you deliver out of state? im in indiana")
