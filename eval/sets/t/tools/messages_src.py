"""Source of messages.jsonl for evaluation set "t".

Every stock number, price and mileage that appears in `notes` is produced by
the filter calls below (feed.sel / feed.get) -- none is typed by hand.
Order here is by reason; build.py shuffles with a fixed seed and assigns ids.
"""
from feed import sel, get, priced, third_row, maybe_awd, is_awd, electrified

MESSAGES = []


def M(text, reason, lang="en", note="", hard=None, units=None, none=False,
      gloss=None):
    MESSAGES.append(dict(text=text, reason=reason, language=lang, note=note,
                         hard=hard, units=units, none=none, gloss=gloss))


def G(*stocks):
    return [get(s) for s in stocks]


# ====================================================================
# handover: true
# ====================================================================

# ---- complaint -------------------------------------------------------
M("picked up my tucson yesterday and theres a big scratch on the rear bumper that wasnt there on the test drive. not happy",
  "complaint", note="Damage on a car already bought; existing_customer_issue also defensible (same side).")
M("wow 3 hrs in your finance office on saturday and i still left without the car. amazing experience 🙃",
  "complaint", hard="sarcasm ('amazing experience') that is a complaint, no angry words.")
M("salesman swore up and down the car came w 2 keys. got home, ONE key. who do i talk to",
  "complaint", note="Promise not kept on a purchase; existing_customer_issue also defensible.")
M("Muy mala atención, fui el sábado y nadie me atendió en 40 minutos. Así no se trata a un cliente",
  "complaint", "es", gloss="Very bad service, I went on Saturday and nobody helped me for 40 minutes. That's no way to treat a customer.")
M("Called 4 times this week about my plates and not one call back. Unacceptable.",
  "complaint", note="existing_customer_issue also defensible (plates on own purchase); both true.")
M("car smelled like an ashtray when we got it home and u said it was fully detailed. lovely",
  "complaint", note="one-word sarcasm ('lovely') carries the complaint.")
M("drove 2 hrs from valparaiso for the elantra on your site and when i got there it was 'already sold'. thanks for wasting my saturday",
  "complaint", note="Unit-sold complaint about an ad; do not answer with inventory only.",
  units=sel(model="Elantra"))
M("honestly disappointed. the guy was pushy and kept adding stuff to the paperwork i never asked for",
  "complaint")
M("great job guys, oil change light came on 2 days after I drove it off the lot 👏👏",
  "complaint", hard="'great job' + clapping emoji is sarcasm about a just-bought car.")
M("Good afternoon. I would like to register a formal complaint regarding how I was treated by your finance department on Tuesday. Kind regards, D. Whitfield",
  "complaint", hard="very polite, formal wording; still a complaint that needs a human.")

# ---- existing_customer_issue ----------------------------------------
M("hi i bought a santa fe from u guys in october and the check engine light came on. does the warranty cover that?",
  "existing_customer_issue", hard="'warranty' question, but it is a claim on the customer's own car, not a general coverage question (vehicle_facts).")
M("when will my title be mailed?? bought 9/28", "existing_customer_issue")
M("still havent got my temp tag extended and it expires friday", "existing_customer_issue")
M("got a recall letter in the mail for my 2021 tucson, can yall do the repair or do i go somewhere else",
  "existing_customer_issue", hard="recall repair on the customer's own car (not a recall question about a unit on the lot).")
M("need a copy of my buyers order for my insurance co, can someone email it", "existing_customer_issue")
M("Hola, compré un Elantra con ustedes el mes pasado y todavía no me llegan las placas",
  "existing_customer_issue", "es", gloss="Hi, I bought an Elantra from you last month and my plates still haven't arrived.")
M("I think I got charged twice for my down payment, my bank shows two identical charges from you guys on the 14th",
  "existing_customer_issue", note="Billing problem on own deal; complaint also defensible.")
M("the 2nd key fob you guys promised me is it in yet? deal is under Washington", "existing_customer_issue")
M("Dzień dobry, kupiłem u Was samochód 2 tygodnie temu i nadal nie mam tablic ani rejestracji. Do kogo mam się zwrócić?",
  "existing_customer_issue", "pl", gloss="Good morning, I bought a car from you 2 weeks ago and I still don't have plates or registration. Who should I contact?")
M("my payoff on the trade still hasnt been sent to capital one and now theyre calling me for a payment",
  "existing_customer_issue")
M("is your service dept open saturday? the car i bought from you last month makes a grinding noise when i brake",
  "existing_customer_issue", hard="opens like an hours question, but reports a problem with a car bought here.")

# ---- legal_threat ----------------------------------------------------
M("if i dont get my deposit back by friday im filing in small claims", "legal_threat")
M("you sold me a car with a rolled back odometer. my attorney will be contacting you", "legal_threat")
M("Voy a poner una queja con el Fiscal General, me cobraron cosas que yo nunca acepté",
  "legal_threat", "es", gloss="I'm going to file a complaint with the Attorney General, you charged me for things I never agreed to.")
M("not trying to threaten anyone but if this isnt fixed by next week i'll have to go the lemon law route",
  "legal_threat", hard="softened with 'not trying to threaten'; lemon law is still a legal threat.")
M("Filing a BBB complaint today unless somebody calls me back", "legal_threat")
M("sorry to bother you, my cousin is a lawyer and he says what you did with my deposit isn't legal. can someone explain before I take this further?",
  "legal_threat", hard="apologetic tone; 'take this further' with a lawyer = legal threat (complaint also true-side).")
M("FYI I have already contacted the Illinois Secretary of State about my title delay",
  "legal_threat", hard="regulator contact stated as a fact, calm tone; existing_customer_issue also true-side.")

# ---- ready_to_buy ----------------------------------------------------
M("I want the white palisade calligraphy, stock 26122. how do I put a deposit down today?",
  "ready_to_buy", units=G("26122"))
M("ok im sold on the gray santa fe calligraphy. lets do the paperwork",
  "ready_to_buy", note="several grey Santa Fe Calligraphys match; still ready_to_buy, agent should hand over and/or ask which one.",
  units=sel(model="Santa Fe", color="Grey", trim=lambda t: t.startswith("Calligraphy"), cond="New", sort="price"))
M("Me la llevo!! la Tucson blanca, cuándo puedo ir a firmar?",
  "ready_to_buy", "es", gloss="I'll take it!! the white Tucson, when can I come sign?",
  note="Several white Tucsons; a day/time is asked, not given.",
  units=sel(model=("Tucson", "Tucson Hybrid"), color="White", sort="price"))
M("cash buyer. want the 2019 tahoe. can have a cashiers check there tomorrow",
  "ready_to_buy", hard="'tomorrow' with no time is not an appointment, but the buying intent alone makes it a handover.",
  units=sel(model="Tahoe"))
M("how do I buy the Niro EV online? I'm ready, dont need a test drive",
  "ready_to_buy", units=sel(model="Niro Ev"))
M("my wife and i talked it over, we'll take the 2022 white palisade if it's still there",
  "ready_to_buy", units=sel(model="Palisade", year=2022, color="White"))
M("Can I reserve the green Telluride with a card over the phone?",
  "ready_to_buy", units=sel(model="Telluride", color="Green"))
M("sign me up for the ioniq 5 lol. for real tho where do i sign",
  "ready_to_buy", hard="joking tone ('lol') but a real purchase request.",
  units=sel(model="Ioniq 5"))

# ---- negotiation -----------------------------------------------------
M("whats your otd on the black palisade sel", "negotiation",
  note="OTD quote = negotiation.", units=sel(model="Palisade", color="Black", trim=lambda t: t.startswith("SEL")))
M("would u take 20k for the durango", "negotiation", units=sel(model="Durango"))
M("carmax has a 2021 rogue for 21k, can u match that on urs", "negotiation",
  note="Price-match demand.", units=sel(model="Rogue", sort="price"))
M("need my payment under 450 a month on the santa fe hybrid, can u make that happen",
  "negotiation", hard="mentions a monthly payment, but it is a payment target on a unit (negotiation), not a general financing question.",
  units=sel(model="Santa Fe Hybrid", sort="price") + sel(model="Santa Fe", trim=lambda t: "HEV" in t))
M("any wiggle room on the Q5?", "negotiation", units=sel(model="Q5"))
M("Cuál es lo menos que me dejan la Silverado?", "negotiation", "es",
  gloss="What's the lowest you'll let the Silverado go for?", units=sel(model="Silverado 1500"))
M("$31k cash for the telluride S and ill pick it up today", "negotiation",
  note="Specific offer; ready_to_buy also true-side. Two Telluride S trims in feed.",
  units=sel(model="Telluride", trim=lambda t: t.split()[0] == "S", sort="price"))
M("best price on the ioniq 6? seen them cheaper in naperville", "negotiation", units=sel(model="Ioniq 6"))
M("knock 2 grand off the challenger and we got a deal", "negotiation", units=sel(model="Challenger"))
M("Hi there, could you let me know if the price on the 2023 Equinox is negotiable at all? Thank you so much!",
  "negotiation", hard="very polite; asking whether the price is negotiable = negotiation, not price_question.",
  units=sel(model="Equinox", year=2023, sort="price"))
M("what are u guys doing on doc fees, im not paying some crazy $999 fee on top",
  "negotiation", hard="about fees, but it is a demand to cut them (negotiation), not 'what does the price include' (price_question).")
M("give me ur bottom dollar on the 530e", "negotiation", units=sel(model="5 Series"))
M("cuanto sale out the door la Elantra blanca? con todo incluido", "negotiation", "es",
  gloss="How much is the white Elantra out the door? everything included.",
  hard="'con todo incluido' sounds like a what-does-the-price-include question, but an out-the-door quote is negotiation. Spanglish, labelled es.",
  units=sel(model="Elantra", color="White"))

# ---- human_request ---------------------------------------------------
M("can i just talk to a real person", "human_request")
M("Please have someone call me at 708-555-0137 about the Palisade XRT", "human_request",
  units=sel(model="Palisade", trim=lambda t: "XRT" in t))
M("is Marcus working today? he sold my mom her car and i'd rather deal w him", "human_request",
  note="Named-salesperson request.")
M("quiero hablar con alguien que hable español por teléfono por favor", "human_request", "es",
  gloss="I want to speak with someone who speaks Spanish on the phone please.")
M("Could a manager give me a call when they get a chance? No rush at all. Thanks so much!",
  "human_request", hard="polite, 'no rush' - still an explicit request for a person.")
M("call me after 6 tonight 219-555-0188", "human_request",
  hard="has a day and a time, but the time is for a phone call, not a visit -> human_request, not appointment_time.")
M("need to speak to the sales mgr asap", "human_request")
M("Could I get the email of someone in sales? I'd prefer to put my questions in writing", "human_request")
M("Pwede po bang may salesperson na tumawag sa akin? Mas madali po kung sa telepono",
  "human_request", "tl", gloss="Could a salesperson please call me? It's easier by phone.")
M("text me instead 312-555-0119 im at work cant do this chat thing", "human_request")

# ---- appointment_time -----------------------------------------------
M("can i come see the santa cruz tmrw at 11", "appointment_time", units=sel(model="Santa Cruz"))
M("be there in 20 min to test drive the charger", "appointment_time",
  hard="relative time ('in 20 min') counts as a concrete time.", units=sel(model="Charger"))
M("sat 10am work for a test drive on the elantra?", "appointment_time",
  note="Two used Elantras; only one has a price.", units=sel(model="Elantra", sort="price"))
M("Puedo pasar hoy a las 6 para ver la Palisade gris?", "appointment_time", "es",
  gloss="Can I stop by today at 6 to see the grey Palisade?",
  units=sel(model="Palisade", color="Grey", sort="price"))
M("I'll be there Thursday around 4:30 if that works, wanted to look at the Q8", "appointment_time",
  units=sel(model="Q8"))
M("tonight at 7 ok? want to drive the mustang", "appointment_time", units=sel(model="Mustang"))
M("on my lunch tmrw like 12:15, can u have the rogue pulled up", "appointment_time",
  note="'the rogue' is ambiguous (3 in stock); the visit time is still concrete.",
  units=sel(model="Rogue", sort="price"))
M("monday after work ~5:30 to look at trucks", "appointment_time",
  hard="no specific vehicle and an approximate time ('~5:30'), but day + time are concrete.",
  units=sel(body="Truck", sort="price"))
M("Mañana a las 10 llego con mi esposo para ver la Tucson híbrida", "appointment_time", "es",
  gloss="Tomorrow at 10 I'm coming with my husband to see the Tucson hybrid.",
  units=sel(model="Tucson Hybrid", sort="price"))
M("Bonjour, je peux passer samedi vers 14h pour essayer le Santa Fe ?", "appointment_time", "fr",
  gloss="Hello, can I come by Saturday around 2pm to try the Santa Fe?",
  note="Model only; every Santa Fe in the feed matches.",
  units=sel(model=("Santa Fe", "Santa Fe Hybrid"), sort="price"))
M("next wed 9:30am test drive the kona", "appointment_time", units=sel(model="Kona"))

# ---- frustration -----------------------------------------------------
M("omg i have asked 3 times what the price is. stop sending me links", "frustration")
M("this thing is useless. nobody answers anything", "frustration",
  note="insult aimed at the chat; it is frustration (true), unlike a playful 'are you a bot'.")
M("u keep asking for my number, I JUST WANT THE MILEAGE!!!", "frustration",
  hard="contains a mileage request, but the message is about being ignored / repeated asks.")
M("ya les dije que no quiero financiamiento, dejen de preguntarme lo mismo", "frustration", "es",
  gloss="I already told you I don't want financing, stop asking me the same thing.")
M("???? hello?? anyone there", "frustration", hard="very short; only the repeated question marks show the frustration.")
M("seriously? same answer again. forget it", "frustration")
M("I've been going back and forth with this chat for 20 minutes and I still don't have an answer. Exhausting.",
  "frustration")

# ---- financing_details ----------------------------------------------
M("my credit score is 520, can i still get approved for the tucson?", "financing_details",
  note="Own score.")
M("I filed chapter 7 in 2023, discharged in January. Would I even qualify?", "financing_details")
M("tengo ITIN y no tengo crédito todavía, me pueden financiar?", "financing_details", "es",
  gloss="I have an ITIN and no credit yet, can you finance me?",
  hard="own ITIN status + no credit -> financing_details; compare the general 'do you accept ITIN?' (financing_general).")
M("my dad would cosign, he has like a 780. i have basically no credit", "financing_details")
M("I still owe 14k on my Camry and it's worth maybe 10. can you roll that into a new one?", "financing_details",
  note="Negative equity on own car.")
M("filled out the credit app on your site last night, any update?", "financing_details",
  note="Submitted application.")
M("what would my payment be on the palisade sel with 3k down? i make about 4,200 a month",
  "financing_details", hard="a payment question, but with the customer's own income and down payment -> financing_details, not financing_general.",
  units=sel(model="Palisade", cond="New", trim=lambda t: t.startswith("SEL"), sort="price"))
M("Mi esposo y yo ganamos como 5 mil al mes juntos y tenemos una repo de hace 2 años, hay chance?",
  "financing_details", "es",
  gloss="My husband and I make about 5k a month together and we have a repo from 2 years ago, is there a chance?")

# ---- trade_in_firm ---------------------------------------------------
M("i need 12k for my 2019 accord trade or im not doing the deal", "trade_in_firm")
M("KBB says my trade is worth 9,500. I won't take a penny less.", "trade_in_firm")
M("no menos de 8 mil por mi Corolla, si no, no hay trato", "trade_in_firm", "es",
  gloss="No less than 8 thousand for my Corolla, otherwise no deal.")

# ---- other_handover --------------------------------------------------
M("think i left my wallet in the black telluride i test drove yesterday, can someone check??",
  "other_handover", note="Lost property on a unit; needs a person on the lot. No black Telluride in the feed (customer may be wrong about colour).")
M("We're a small landscaping company looking to buy 3 trucks for the business, tax exempt. Who handles fleet?",
  "other_handover", hard="looks like an availability question, but a fleet / tax-exempt business purchase needs a person; human_request also defensible.",
  units=sel(body="Truck", sort="price"))

# ====================================================================
# handover: false
# ====================================================================

# ---- availability ----------------------------------------------------
M("do u have any palisades in green", "availability", units=sel(model="Palisade", color="Green"))
M("any 4x4 trucks", "availability",
  hard="KV5543 Ram trim says 4x4 but drivetrain column says RWD; a good reply flags it rather than stating either as fact.",
  units=[u for u in sel(body="Truck", sort="price") if maybe_awd(u)])
M("got anything under 15k", "availability",
  hard="nothing with a price is under $15,000; must not claim otherwise or count unpriced units as cheap.",
  none=True, units=priced(sel(sort="price"))[:3])
M("Tienen Tucson 2025?", "availability", "es", gloss="Do you have a 2025 Tucson?",
  units=sel(model="Tucson", year=2025))
M("is 26609 still there", "availability", units=G("26609"))
M("looking for a minivan, sienna or odyssey or something like that", "availability",
  note="The fair answer offers third-row SUVs, not a fake minivan.", none=True,
  units=[u for u in sel(cond="Used", sort="price") if third_row(u)][:3])
M("you guys have any jeeps", "availability", units=sel(make="Jeep", sort="price"))
M("any electric cars?", "availability",
  note="Fully electric: Ioniq 5, Ioniq 6, Niro EV; Prius Prime is a plug-in hybrid labelled Electric; the Tucson Hybrids labelled Electric are not EVs.",
  units=sel(model=("Ioniq 5", "Ioniq 6", "Niro Ev", "Prius Prime"), sort="price"))
M("hey do u have the hyundai sorento", "availability",
  hard="make-model mistake: Sorento is a Kia; answer with the Kia Sorento (and/or Hyundai Santa Fe), not 'none'.",
  units=sel(model="Sorento"))
M("busco una troca, la que sea, pa trabajar", "availability", "es",
  gloss="I'm looking for a truck, whatever, for work.", note="'troca' = Spanglish for truck.",
  units=sel(body="Truck", sort="price"))
M("manual transmission anything?", "availability",
  hard="15549A Forte is 'LXS IVT' (automatic CVT) but transmission column says Manual; only the Mazda3 and Mustang are clean matches.",
  units=sel(trans="Manual", sort="price"))
M("anything w a third row under 30k", "availability",
  note="Third row is model knowledge, not in the feed; used priced <= $30,000. (Explorer WV15166 has no price.)",
  units=[u for u in sel(cond="Used", sort="price", max_price=30000) if third_row(u)])
M("whats the cheapest new car u have", "availability",
  note="no new sedans; the two cheapest new units tie on price (Tucson Limited), and one has a drivetrain conflict.",
  units=sel(cond="New", sort="price")[:3])
M("do you have a 2024 santa fe in white? gonna come by this weekend", "availability",
  hard="visit with no day/time ('this weekend') -> no handover.",
  units=sel(model="Santa Fe", year=2024, color="White", sort="price"))
M("Czy macie jakieś używane Toyoty?", "availability", "pl", gloss="Do you have any used Toyotas?",
  units=sel(make="Toyota", sort="price"))
M("any awd under 20k", "availability",
  note="every unit under $20k that mentions AWD/4WD has a trim-vs-drivetrain conflict except the EcoSport.",
  units=[u for u in sel(max_price=20000, sort="price") if maybe_awd(u)])
M("still got the orange kia?", "availability",
  note="two orange Kias (Forte without price, K5); agent should ask which or list both.",
  units=sel(make="Kia", color="Orange", sort="price"))
M("tienen algo de 7 pasajeros? somos familia grande", "availability", "es",
  gloss="Do you have anything with 7 seats? we're a big family.",
  note="Third row is model knowledge, not in the feed; e.g. these.",
  units=[u for u in sel(sort="price") if third_row(u) and u["price"] is not None][:6])
M("show me everything you have in red", "availability", units=sel(color="Red", sort="price"))
M("oye tienen la Tucson en white? mi husband la quiere para su birthday", "availability", "es",
  gloss="Hey, do you have the Tucson in white? my husband wants it for his birthday.",
  note="Spanglish, labelled es.", units=sel(model=("Tucson", "Tucson Hybrid"), color="White", sort="price"))

# ---- browsing --------------------------------------------------------
M("just browsing, what kinda stuff u got", "browsing")
M("need something for my 16 yr old. safe, cheap, good on gas. ideas?", "browsing",
  note="e.g. cheapest priced small sedans/hatchbacks.",
  units=priced(sel(body=("Sedan", "Hatchback"), cond="Used", sort="price"))[:4])
M("mmm not sure what i want yet. something bigger than my corolla lol", "browsing")
M("Estoy viendo opciones nada más, qué me recomiendan para una familia de 5?", "browsing", "es",
  gloss="I'm just looking at options, what do you recommend for a family of 5?")
M("my manager at work just got a palisade and now i want one lol what do u have", "browsing",
  hard="'manager' is the customer's boss, not a request for a dealership manager.",
  units=sel(model="Palisade", sort="price"))
M("what's a good first car? on a budget", "browsing")
M("thinking about going electric next year, just doing research rn", "browsing")

# ---- features --------------------------------------------------------
M("does the santa cruz have a tonneau cover", "features",
  note="Not in the feed; must not invent (Limited trim has a factory tonneau per Hyundai spec, unit equipment unconfirmed).",
  units=sel(model="Santa Cruz"))
M("ioniq 5 heated seats?", "features", note="Limited trim: heated/ventilated front, heated rear per Hyundai spec.",
  units=sel(model="Ioniq 5"))
M("apple carplay on the 2021 trailblazer?", "features",
  note="Two 2021 Trailblazer LTs (no price); wireless CarPlay is standard per spec.",
  units=sel(model="Trailblazer", year=2021))
M("does the 2023 palisade sel have a sunroof", "features",
  note="depends on package; feed has no equipment data, agent must not assert.",
  units=sel(model="Palisade", year=2023))
M("La Santa Fe Calligraphy tiene asientos ventilados?", "features", "es",
  gloss="Does the Santa Fe Calligraphy have ventilated seats?",
  note="Calligraphy: ventilated front seats per Hyundai spec.",
  units=sel(model=("Santa Fe", "Santa Fe Hybrid"), trim=lambda t: t.startswith("Calligraphy"), sort="price"))
M("does the tahoe have captains chairs or a bench", "features",
  note="Feed has no seating data.", units=sel(model="Tahoe"))
M("how many ppl can fit in the telluride", "features", note="7 or 8 depending on configuration; not in the feed.",
  units=sel(model="Telluride", sort="price"))
M("is the mustang the 5.0 or the 4 cyl", "features",
  hard="trim is garbage in the feed; GT vs EcoBoost cannot be told from the data - must not guess.",
  units=sel(model="Mustang"))

# ---- price_question --------------------------------------------------
M("how much is the green palisade", "price_question", units=sel(model="Palisade", color="Green"))
M("price on the silverado?", "price_question", units=sel(model="Silverado 1500"))
M("cuanto cuesta la Kona usada?", "price_question", "es", gloss="How much is the used Kona?",
  hard="no price in the feed; must not invent one.", units=sel(model="Kona"))
M("Is the price on your website the real price or are there add ons?", "price_question",
  hard="about fees/add-ons in general, no demand -> price_question, not negotiation.")
M("whats the price of the f150", "price_question", units=sel(model="F-150"))
M("how much r the tellurides", "price_question", units=sel(model="Telluride", sort="price"))
M("any rebates on the ioniq 6 right now?", "price_question", units=sel(model="Ioniq 6"))
M("what's the manager's special this week?", "price_question",
  hard="'manager' in a marketing phrase, not a request for a manager.")
M("is tax included in the price listed", "price_question")
M("how much for the cheapest ford edge", "price_question",
  note="4 Edges, only one has a price; 'cheapest' can't be claimed across unpriced units.",
  units=sel(model="Edge", sort="price"))

# ---- financing_general ----------------------------------------------
M("do u guys do buy here pay here", "financing_general")
M("What's the average interest rate right now on a used car?", "financing_general")
M("do you work with first time buyers", "financing_general")
M("¿Aceptan ITIN?", "financing_general", "es", gloss="Do you accept ITIN?",
  hard="policy question with no personal details; compare 'I have an ITIN and no credit' (financing_details).")
M("roughly what would the monthly be on a 30k car", "financing_general",
  hard="monthly payment asked in general, no own credit/income -> financing_general, not financing_details or negotiation.")
M("can i get prequalified online without a hard pull?", "financing_general")
M("do yall do lease deals on the tucson", "financing_general")
M("Does Hyundai have any 0% financing going on?", "financing_general")

# ---- hours_location --------------------------------------------------
M("what time u close tonight", "hours_location")
M("where r u exactly, near the 57?", "hours_location")
M("¿Abren los domingos?", "hours_location", "es", gloss="Are you open on Sundays?")
M("service dept open saturdays?", "hours_location", note="Hours question only, no problem described.")
M("might swing by saturday, how late are you open?", "hours_location",
  hard="a visit day with no time -> no handover.")
M("how far are you from chicago heights", "hours_location")
M("ما هو عنوان المعرض بالضبط؟ وهل يوجد موقف سيارات؟", "hours_location", "ar",
  gloss="What exactly is the dealership's address? Is there parking?")
M("Puedo ir el sábado, a qué hora abren?", "hours_location", "es",
  gloss="I can go on Saturday, what time do you open?",
  hard="Saturday but no time of the customer's own -> hours question, no handover.")

# ---- photos ----------------------------------------------------------
M("can u send more pics of the red escape", "photos", units=sel(model="Escape", color="Red"))
M("do you have real photos of the tucson hybrids or just stock pics", "photos",
  hard="two Tucson Hybrids have a placeholder image and no colour in the feed; the others have stock images only.",
  units=sel(model="Tucson Hybrid", sort="price"))
M("mándame fotos del interior de la Q8 porfa", "photos", "es",
  gloss="Send me photos of the Q8's interior please.", units=sel(model="Q8"))
M("any pics of the underneath on the 2015 canyon? worried about rust", "photos",
  units=sel(model="Canyon"))
M("video walkaround of the xrt?", "photos", units=sel(model="Palisade", trim=lambda t: "XRT" in t))

# ---- mileage ---------------------------------------------------------
M("how many miles on the white f150", "mileage", units=sel(model="F-150"))
M("miles on the sportage?", "mileage",
  hard="the only Sportage has no mileage in the feed; must not invent a figure.",
  units=sel(model="Sportage"))
M("cuántas millas tiene la Palisade 2022 blanca?", "mileage", "es",
  gloss="How many miles does the white 2022 Palisade have?",
  units=sel(model="Palisade", year=2022, color="White"))
M("which of your rogues has the lowest miles", "mileage", note="Sorted by miles, lowest first.",
  units=sel(model="Rogue", sort="miles"))
M("why does a brand new palisade have 2900 miles on it??", "mileage",
  hard="sounds like a complaint, but it is a question about a unit on the lot (likely demo/loaner) -> no handover.",
  units=sel(model="Palisade", cond="New", miles=lambda m: m is not None and m > 2000))

# ---- comparison ------------------------------------------------------
M("tucson vs santa fe, which is better for a family of 4", "comparison")
M("ioniq 5 or ioniq 6? mostly highway", "comparison", units=sel(model=("Ioniq 5", "Ioniq 6"), sort="price"))
M("telluride or palisade honestly", "comparison")
M("cual es mejor, la Rogue o la Escape?", "comparison", "es", gloss="Which is better, the Rogue or the Escape?")
M("whats the difference between the SEL and the Limited on the palisade", "comparison")
M("is the santa fe hybrid worth it over the regular one?", "comparison")
M("2019 x3 vs 2018 xt5 which would u pick", "comparison", units=sel(model=("X3", "Xt5"), sort="price"))

# ---- small_talk ------------------------------------------------------
M("am i talking to a robot rn 😂", "small_talk",
  hard="asks if it's a bot, playfully; not a request for a human.")
M("hi", "small_talk")
M("thanks for the help! have a good one", "small_talk")
M("go bears 🐻⬇️", "small_talk")
M("hola buenas tardes", "small_talk", "es", gloss="Hello, good afternoon.")

# ---- vehicle_facts ---------------------------------------------------
M("whats the warranty on a new hyundai", "vehicle_facts",
  hard="'warranty' with no claim -> general coverage question, no handover.",
  note="Hyundai new-vehicle coverage: 5yr/60k basic, 10yr/100k powertrain (original owner).")
M("is the 2018 ram you have 4x4 or 2wd? listing says both", "vehicle_facts",
  hard="genuine feed conflict (trim '4x4', drivetrain RWD); reply must not state one as fact.",
  units=sel(model="1500"))
M("does the ioniq 6 work at tesla superchargers", "vehicle_facts",
  note="CCS1 port on the 2024; Supercharger access needs a NACS adapter - no promises.", units=sel(model="Ioniq 6"))
M("any open recalls on the durango you have listed?", "vehicle_facts",
  hard="'recall' about a unit on the lot, not the customer's own car -> no handover.", units=sel(model="Durango"))
M("what engine is in the santa cruz", "vehicle_facts",
  note="Feed has no engine data; per Hyundai spec the 2024 Limited has the 2.5L turbo.", units=sel(model="Santa Cruz"))
M("La Tucson híbrida es enchufable?", "vehicle_facts", "es", gloss="Is the Tucson hybrid a plug-in?",
  hard="feed labels two Tucson Hybrids 'Electric'; they are regular hybrids, not plug-ins.",
  units=sel(model="Tucson Hybrid", sort="price"))
M("towing capacity on the titan xd?", "vehicle_facts", note="Not in feed; must not invent a precise number.",
  units=sel(model="Titan Xd"))
M("is awd standard on the palisade or do i have to pay extra", "vehicle_facts",
  note="Per Hyundai spec AWD (HTRAC) is optional on most Palisade trims; the feed has AWD and FWD/RWD units, several with trim-vs-drivetrain conflicts.")

# ---- other_ai --------------------------------------------------------
M("do yall buy cars even if i dont buy one from you", "other_ai")
M("do you deliver to indiana", "other_ai")
M("can i trade in my motorcycle lol", "other_ai",
  hard="trade-in question with no number or ultimatum -> not trade_in_firm.")
