"""First customer messages for set n (source data; build.py turns this into messages.jsonl).

Each entry: M(reason, language, text, hard=..., note=..., stocks=[...], none=...)
 - stocks: matching units; expanded from the feed into `stock: ...` lines
 - none:   text for the 'none in stock' case; `stocks` then lists the closest real units
"""

MSGS = []


def M(reason, lang, text, hard=None, note=None, stocks=(), none=None):
    MSGS.append(dict(reason=reason, language=lang, text=text, hard=hard, note=note,
                     stocks=list(stocks), none=none))


# ---------------------------------------------------------------- complaint
M("complaint", "en", "Picked up my Tucson Saturday and there's a chip in the windshield that def wasn't there on the test drive. Called twice, nobody calls back.",
  note="existing_customer_issue also defensible; both handover")
M("complaint", "en", "your salesman told me the online price was the price, then at the desk there was suddenly $2,395 in 'protection packages' added. that's shady and I want someone to explain it",
  note="no attorney/regulator mentioned, so not legal_threat")
M("complaint", "en", "wow filled out your form 3 days ago and still crickets 🦗 amazing customer service guys 👏👏",
  hard="sarcasm; a complaint about response time, not small talk or praise")
M("complaint", "en", "Came in yesterday w my wife for a test drive, the sales guy was on his phone the entire time and barely spoke to her. We're probably buying somewhere else unless someone makes this right.")
M("complaint", "es", "Compré una Santa Fe con ustedes hace dos semanas y me la entregaron sucia y con el tanque casi vacío. Muy mal servicio, la verdad.",
  note="gloss: bought a Santa Fe two weeks ago, delivered dirty with an almost empty tank")
M("complaint", "en", "not trying to be a karen but the 'certified' car i bought from u has bald rear tires. how is that certified??",
  note="'not trying to be a karen' softens the tone, still a complaint (existing_customer_issue also defensible; both true)")
M("complaint", "en", "Drove 50 min from Kankakee because your guy said the Santa Cruz was available. Got there and 'oh it's on hold for someone else'. Wasted my whole Saturday",
  hard="names an in-stock model, but it is a complaint about a past visit, not an availability question",
  stocks=["26898"])
M("complaint", "en", "Finance guy kept us there 5 hrs and kept pushing GAP and an extended warranty after I said no like 3 times. Really disappointed in your store.",
  note="mentions a warranty but is a complaint about the F&I process, not a warranty question")
M("complaint", "en", "Paid for the full detail before delivery. Car had dog hair all over the back seat and somebody's coffee cup in the door. Not the first impression I wanted.")

# ---------------------------------------------------------------- existing_customer_issue
M("existing_customer_issue", "en", "hey i bought a 2023 elantra from u guys in august and still no permanent plates. temp tag expires friday 😬")
M("existing_customer_issue", "en", "Need a copy of my signed buyer's order + the odometer statement for my insurance company. Bought the Telluride last month, last name Okafor.")
M("existing_customer_issue", "en", "check engine light came on in the Kona I bought from you in October. Is that covered and can service look at it this week?",
  note="warranty claim on the customer's own car")
M("existing_customer_issue", "es", "Hola, compré mi carro con ustedes y todavía no me llega el título. Ya van más de 60 días.",
  note="gloss: bought my car from you and the title still hasn't arrived, over 60 days")
M("existing_customer_issue", "en", "got a recall letter in the mail for my 2021 Santa Fe (bought it from you guys). how do i get that fixed",
  hard="recall repair on the customer's own car = existing_customer_issue; a general recall question would be vehicle_facts")
M("existing_customer_issue", "en", "I traded my Camry in with you 3 weeks ago and the loan still hasn't been paid off. Toyota Financial is calling ME for the payment",
  note="complaint also defensible; both true")
M("existing_customer_issue", "en", "Left my kid's car seat base in the Equinox I traded in Tuesday 🤦‍♀️ can someone check if it's still in there??",
  hard="names a model the dealer stocks, but it is the customer's traded-in car, not an inventory question")
M("existing_customer_issue", "ko", "지난달에 거기서 팰리세이드 샀는데 두 번째 키를 아직 못 받았어요. 언제 받을 수 있나요?",
  note="gloss: I bought a Palisade there last month and still haven't received the second key. When can I get it?")
M("existing_customer_issue", "en", "what's the status on my lender paperwork? deal was done 11/20 on stock 27110, finance said they'd email me the loan info and nothing yet",
  hard="cites a stock number that is still in the feed, but the customer already bought it; not availability, and the agent must not offer the unit for sale",
  stocks=["27110"])
M("existing_customer_issue", "en", "The Ioniq 5 I picked up from you won't charge past 80% at home. Is that something service can fix under warranty or am I doing something wrong?",
  hard="could read as a vehicle_facts question (charge-limit setting), but it is the customer's own car and asks for warranty service")

# ---------------------------------------------------------------- legal_threat
M("legal_threat", "en", "If my $1,000 deposit isn't refunded by Friday I'm filing in small claims. I have the receipt and the texts.")
M("legal_threat", "en", "4th time in your shop in 2 months for the same transmission problem. I'm talking to a lemon law attorney tomorrow.")
M("legal_threat", "en", "not a threat or anything but my brother in law is a lawyer and he says what you did with the doc fee isn't legal in illinois",
  hard="'not a threat' + lawyer = legal_threat per convention")
M("legal_threat", "es", "Si no me regresan el enganche esta semana voy a poner una queja con la oficina del Fiscal General de Illinois.",
  note="gloss: if you don't return my down payment this week I'll file a complaint with the Illinois Attorney General's office")
M("legal_threat", "en", "Already filed with the BBB. Next stop is the Attorney General if nobody calls me about my title by Monday.")
M("legal_threat", "pl", "Sprzedaliście mi auto z ukrytą szkodą po wypadku. Mój adwokat się z Wami skontaktuje.",
  note="gloss: you sold me a car with hidden accident damage. My lawyer will contact you.")
M("legal_threat", "en", "screenshotting this whole chat for the FTC lol. 'no hidden fees' my ass",
  hard="jokey 'lol' tone, but naming the FTC = legal_threat")

# ---------------------------------------------------------------- ready_to_buy
M("ready_to_buy", "en", "I want the white Santa Cruz. Paying cash. What do I need to bring to pick it up?",
  stocks=["26898"])
M("ready_to_buy", "en", "ok I'm sold on the grey 2023 Palisade SEL, 37,900 is fine with me. how do we do the paperwork, can some of it be done online?",
  hard="quotes the listed price and accepts it; not a negotiation",
  stocks=["26312A"])
M("ready_to_buy", "es", "Ya me decidí, quiero la Tucson híbrida blanca. ¿Cómo le hago para apartarla hoy?",
  note="gloss: I've decided, I want the white Tucson Hybrid, how do I reserve it today; the only Tucson Hybrid with colour White in the feed (27025 and 26940 have no colour)",
  stocks=["27023"])
M("ready_to_buy", "en", "Pre-approved thru my credit union up to 30k. I want the 2022 Tucson SE, stock 27138A. Let's do it",
  note="financing_details also defensible (own approval); both true",
  stocks=["27138A"])
M("ready_to_buy", "en", "can I put a deposit on the green Telluride X-Pro so nobody grabs it before the weekend?",
  stocks=["KV5435"])
M("ready_to_buy", "vi", "Tôi muốn mua chiếc Ioniq 6 màu xám. Thủ tục mua như thế nào ạ?",
  note="gloss: I want to buy the grey Ioniq 6. What is the buying process?",
  stocks=["25881"])
M("ready_to_buy", "en", "take my money 😭😭 the orange K5 is literally my dream car, where do i sign",
  hard="meme tone, but sincere purchase intent; the only orange K5 (the other orange unit, 15490A, is a Forte)",
  stocks=["DT15551A"])
M("ready_to_buy", "en", "Wife finally said yes lol. We'll take the blue Palisade XRT. Can you email me the buyer's order?",
  stocks=["DT25256"])
M("ready_to_buy", "es", "ok me llevo el Rogue azul, el de menos millas. Ya tengo el cheque del credit union, ¿qué necesito traer?",
  hard="Spanglish; two blue Rogues, 'el de menos millas' picks KV5529 over KV5540",
  stocks=["KV5529", "KV5540"])

# ---------------------------------------------------------------- negotiation
M("negotiation", "en", "Would you do 36k on the white 2022 Telluride EX? Have a quote from another dealer for less.",
  note="the only white 2022 Telluride EX",
  stocks=["15355A"])
M("negotiation", "en", "whats your out the door on the Silverado WV15156? I'm in 60466",
  note="out-the-door quote = negotiation; 60466 = Park Forest, IL (ZIP, not a stock number)",
  stocks=["WV15156"])
M("negotiation", "en", "Need my payment under $450/mo on a Santa Fe Calligraphy with 3k down. Can you make that work?",
  note="payment target = negotiation; matching Santa Fe Calligraphy units (incl. the Hybrid and the used 2021)",
  stocks=["26867", "26891", "27181", "27133", "27110", "27251", "27202", "27204", "27203", "27205", "15137A"])
M("negotiation", "es", "¿Qué es lo menos que me dejan la Grand Cherokee gris 2020?",
  note="gloss: what's the lowest you'll let the grey 2020 Grand Cherokee go for",
  stocks=["KV5554"])
M("negotiation", "en", "Carvana has a 2022 Escape SE w/ similar miles for $21,900. Can you match that on yours?",
  note="price-match demand; WV15167 has no price in feed",
  stocks=["WV15110", "WV15167"])
M("negotiation", "en", "Any wiggle room on the Mustang? asking for me, not my wife 😂",
  hard="joke framing, but 'wiggle room' on a unit = negotiation; trim is garbage in feed",
  stocks=["KV5552"])
M("negotiation", "en", "I'll give you 20 flat for the Cadillac XT5. Cash. Today.",
  note="ready_to_buy also defensible; both true",
  stocks=["KV5538"])
M("negotiation", "en", "best price on the Ioniq 5 after all rebates? please don't send me MSRP",
  stocks=["25713"])
M("negotiation", "es", "Hey cuánto es el best price en la Titan XD? Puedo pagar cash este weekend",
  note="Spanglish; 'best price' = negotiation, labelled es (dominant language)",
  stocks=["KV5526"])
M("negotiation", "ar", "ما هو أقل سعر ممكن لسيارة أودي Q8 البيضاء؟",
  note="gloss: what is the lowest possible price for the white Audi Q8?",
  stocks=["15357A"])
M("negotiation", "en", "the F150 is listed at 39,999... c'mon, it has 41k miles on it. what's the REAL number",
  hard="quotes the listed price correctly but asks for the 'real number' = lowest price",
  stocks=["WK15091"])

# ---------------------------------------------------------------- human_request
M("human_request", "en", "Can I talk to a real person please")
M("human_request", "en", "have a salesperson call me after 6pm pls, 708-555-0114. about the 2025 Santa Fe",
  hard="a time that is only for a phone call = human_request, not appointment_time",
  note="2025 Santa Fe units (the 2025 Santa Fe Hybrids DT27293/27205 may also be meant)",
  stocks=["27215", "27259", "27251", "27202", "27204", "27203"])
M("human_request", "es", "¿Me puede llamar alguien que hable español? Mi número es 708-555-0183, gracias.",
  note="gloss: can someone who speaks Spanish call me?")
M("human_request", "en", "are you a bot? if yes I want a human. if no, prove it lol",
  hard="playful, but it explicitly asks for a human if it is a bot (it is); compare small_talk 'am I talking to a bot rn'")
M("human_request", "en", "Is Marisol in today? She sold my mom her car and I'd rather work with her.",
  note="request for a specific salesperson")
M("human_request", "en", "I'd rather do this over the phone honestly. 773-555-0107, anytime after lunch.")
M("human_request", "fr", "Bonjour, est-ce que je pourrais parler à un vendeur ? Je préfère discuter avec une vraie personne.",
  note="gloss: could I speak to a salesperson? I prefer to talk with a real person")
M("human_request", "en", "text me instead of this chat thing, 708-555-0155. interested in the Murano",
  hard="asks to be contacted by staff by SMS = human_request; also names a model",
  stocks=["WV15114", "WV15171"])
M("human_request", "en", "get me your sales manager",
  note="terse; an actual request for a manager (compare 'manager's special' / 'my manager at work' on the false side)")

# ---------------------------------------------------------------- appointment_time
M("appointment_time", "en", "Can I test drive the Ioniq 6 Saturday at 11?",
  stocks=["25881"])
M("appointment_time", "en", "I'll be there around 5:30 today to look at the white Equinox",
  note="two white Equinox; a good reply may ask which",
  stocks=["KV5506", "WV14984"])
M("appointment_time", "es", "¿Puedo pasar mañana a las 4 a ver la Santa Fe roja?",
  note="gloss: can I come by tomorrow at 4 to see the red Santa Fe",
  stocks=["27130"])
M("appointment_time", "en", "on my way, like 20 min out. the grey Jetta still there right?",
  hard="also asks availability, but 'be there in 20 min' = appointment_time",
  stocks=["KV5503"])
M("appointment_time", "en", "Booking a test drive for Tues 12/15 at 10am please, the brown Telluride EX. Janelle, 708-555-0129",
  note="2026-12-15 is a Tuesday; two brown 2022 Telluride EX in stock (15263A trim EX FWD vs drivetrain AWD)",
  stocks=["15263A", "15217A"])
M("appointment_time", "en", "can we do tomorrow at noon for the Santa Fe Hybrid?",
  note="27130 (model Santa Fe, trim SEL HEV) is also a hybrid by trim",
  stocks=["DT27293", "27205", "27130"])
M("appointment_time", "pt", "Olá! Posso ir aí no sábado às 9h para ver o Palisade verde?",
  note="gloss: can I come over Saturday at 9 to see the green Palisade?",
  stocks=["26657"])
M("appointment_time", "en", "We both get off at 6. Could we swing by Thursday around 6:45 to look at the Titan?",
  stocks=["KV5526"])
M("appointment_time", "en", "lunch break is 12-1, I can be there tmrw at 12:10 if someone has the Kona keys ready. don't have time to wait around",
  hard="the time is wrapped in a constraint, but 'tomorrow 12:10' is concrete",
  stocks=["26468A"])

# ---------------------------------------------------------------- frustration
M("frustration", "en", "you keep showing me the same 3 cars I didn't ask for. Are you even reading what I type??")
M("frustration", "en", "omg I've been going back and forth with this chat for 20 min and still no price. forget it.")
M("frustration", "en", "THIS IS THE THIRD TIME IM ASKING. DOES IT HAVE HEATED SEATS OR NOT",
  hard="looks like a features question, but caps + 'third time' = frustration")
M("frustration", "es", "Ya te pregunté dos veces y no me contestas lo que te pregunto. Qué pérdida de tiempo.",
  note="gloss: I already asked you twice and you don't answer what I ask. What a waste of time.")
M("frustration", "en", "cool cool, another robot that 'can't share that information'. super helpful 🙃",
  hard="sarcasm aimed at the chat itself = frustration")
M("frustration", "en", "why is it so hard to get a straight answer out of you people")
M("frustration", "en", "ugh never mind. website says one price, this chat says another, nobody can explain. done.",
  note="complaint also defensible; both true")

# ---------------------------------------------------------------- financing_details
M("financing_details", "en", "My credit score is like 540 after my divorce. Can I still get approved for something around 20k?")
M("financing_details", "en", "I filed chapter 7 in 2024, discharged last year. Is that gonna be a problem financing a Tucson?")
M("financing_details", "es", "Tengo ITIN, no tengo seguro social. Gano como $3,800 al mes. ¿Me pueden financiar la Sportage?",
  hard="'¿Aceptan ITIN?' alone would be financing_general; own ITIN status + income make it financing_details",
  note="gloss: I have an ITIN, no SSN, I make about 3,800 a month, can you finance the Sportage",
  stocks=["KV5454A"])
M("financing_details", "en", "I applied online yesterday for the Niro, did it go through? name is Kevin Tran",
  note="submitted application; existing_customer_issue also defensible, both true",
  stocks=["KV5563"])
M("financing_details", "en", "i owe like 6k more than my rogue is worth, can that get rolled into a new santa fe?",
  hard="negative equity = financing_details, not a general trade-in question")
M("financing_details", "en", "My mom can cosign, she has 780 credit. I'm 20 and make about $2,200/mo at Amazon. Looking at the 2023 Forte",
  stocks=["14729A", "15239A"])

# ---------------------------------------------------------------- trade_in_firm
M("trade_in_firm", "en", "KBB says my 2019 Accord is worth $17,500. If you can't give me at least that, I'm not trading it in.")
M("trade_in_firm", "en", "not taking less than 12 for my trade, period. 2018 CR-V, 88k. just tell me yes or no",
  hard="terse, no vehicle of interest; the firm number + ultimatum make it trade_in_firm")
M("trade_in_firm", "es", "Quiero mínimo 9 mil por mi Corolla 2016, si no, no hay trato.",
  note="gloss: I want at least 9k for my 2016 Corolla, otherwise no deal")

# ---------------------------------------------------------------- other_handover
M("other_handover", "en", "I own a small landscaping company and need 3 pickups + 2 SUVs for my crew this spring. Do you have a fleet or commercial dept?",
  hard="multi-unit business/fleet purchase needs a human; not a plain availability question")
M("other_handover", "en", "Hi, I'm a reporter with a south suburbs paper writing about car prices this winter. Could someone from management comment for the story?",
  note="media request")

# ================================================================ false side
# ---------------------------------------------------------------- availability
M("availability", "en", "do u have any santa fe hybrids",
  hard="hybrid units sit under two model names: 'Santa Fe Hybrid' and 'Santa Fe' trim 'SEL HEV'; all three are labelled Gasoline in the feed",
  stocks=["DT27293", "27205", "27130"])
M("availability", "en", "Looking for a minivan. Odyssey, Sienna, Carnival, whatever. 3 kids + a golden retriever",
  none="none in stock (no minivans); closest real units = 3-row SUVs, e.g.",
  stocks=["KV5561", "KV5565", "15394A", "26312A"])
M("availability", "en", "Any Ioniq 5s on the lot?",
  stocks=["25713"])
M("availability", "es", "¿Tienen pickups 4x4?",
  note="gloss: do you have 4x4 pickups; KV5543 trim says 4x4 but drivetrain field says RWD; 26898 Santa Cruz is AWD (Type Truck); WV15148 Canyon is 2WD (excluded)",
  stocks=["WV15156", "KV5543", "WK15091", "KV5526", "26898"])
M("availability", "en", "need a cheap safe car for my 16 yo, under 15k",
  hard="no priced unit under 15k; must not call anything under budget",
  none="none in stock under 15k; closest real units",
  stocks=["KV5564", "KV5493"])
M("availability", "en", "yall got any jeeps",
  stocks=["KV5425", "KV5554", "WV15125", "WV15163", "KV5492", "15279A", "WV15175", "WV15170"])
M("availability", "en", "got any Hondas? Civic or Accord",
  note="no Accord in stock; the Civic has no price in feed",
  stocks=["WV15172"])
M("availability", "en", "Is stock 27999 still available?",
  hard="27999 is not a stock number in the feed; must not confirm it or invent a car for it")
M("availability", "en", "Looking for a 3rd row under 25k for my growing fam",
  note="priced 3-row SUVs under budget, e.g.; 12135A and 15570A (Tellurides) and WV15164 (Sorento) have no price",
  stocks=["KV5561", "KV5565"])
M("availability", "en", "AWD sedan? chicago winters man",
  hard="KV5542 trim says AWD but drivetrain field FWD; KV5555 and WV15161 have drivetrain AWD but trims without AWD; only DT15464A and WV15153 are consistent",
  stocks=["DT15464A", "WV15153", "KV5542", "KV5555", "WV15161"])
M("availability", "es", "Tienen algún Camry? my husband solo quiere Toyota jaja",
  note="Spanglish, labelled es; the Camry has no price in feed; other Toyotas listed",
  stocks=["kv4958", "KV5561", "WV15159"])
M("availability", "en", "do you have the new palisade in green?",
  stocks=["26657"])
M("availability", "zh", "你们有二手的丰田汉兰达吗？",
  note="gloss: do you have a used Toyota Highlander?",
  stocks=["KV5561"])
M("availability", "en", "anything with a manual transmission? hubby refuses to drive automatic lol",
  note="15549A transmission field says Manual but trim says LXS IVT (CVT) = conflict; KV5552 trim not given in feed",
  stocks=["KV5493", "KV5552", "15549A"])
M("availability", "en", "Is the Niro EV still available?",
  stocks=["KV5563"])
M("availability", "es", "Do you have la Santa Fe nueva en blanco?",
  note="Spanglish, labelled es; includes the white Santa Fe Hybrid",
  stocks=["27181", "27110", "27251", "27205"])
M("availability", "en", "I drive for Lyft, need a 4 door 2020 or newer thats good on gas. what do u have",
  note="open-ended; any correct subset, e.g.",
  stocks=["15500A", "14441A", "15549A", "KV5566", "WV15157"])

# ---------------------------------------------------------------- features
M("features", "en", "Does the 2025 Santa Fe Calligraphy have a 3rd row?",
  note="seating is not in the feed; general model knowledge, hedged",
  stocks=["27251", "27202", "27204", "27203"])
M("features", "en", "does the ioniq 6 have apple carplay",
  stocks=["25881"])
M("features", "en", "heated steering wheel on the Tucson Limited?",
  stocks=["26989", "26966", "26578", "27134"])
M("features", "es", "¿La Palisade XRT trae tercera fila?",
  note="gloss: does the Palisade XRT have a third row",
  stocks=["DT25256"])
M("features", "en", "does the santa cruz have a tow hitch? want to pull a small fishing boat",
  stocks=["26898"])
M("features", "en", "lowkey need to know if a Telluride fits 2 car seats AND a booster across the 2nd row 😅",
  hard="casual tone; the feed has no seating configuration, so no unit may be claimed to have a bench or captain's chairs as fact")
M("features", "en", "Does the Genesis G70 have a sunroof?",
  stocks=["DT15464A"])

# ---------------------------------------------------------------- price_question
M("price_question", "en", "How much is the 2021 Santa Fe Calligraphy?",
  stocks=["15137A"])
M("price_question", "en", "price on the lexus rx?",
  hard="no price in feed; must not invent one",
  stocks=["WV15176"])
M("price_question", "en", "Does the price on your website include doc fee and tax or is that extra?",
  note="what the listed price includes in general = price_question")
M("price_question", "es", "¿Cuánto cuesta la Santa Cruz?",
  stocks=["26898"])
M("price_question", "en", "what's the cheapest NEW hyundai you've got",
  note="two 2024 Tucson Limited tie for cheapest new; 26966 drivetrain field FWD vs trim AWD",
  stocks=["26989", "26966"])
M("price_question", "en", "my wallet is crying 😭 what's the cheapest thing on your lot",
  hard="joke, not a complaint or negotiation; cheapest priced unit",
  stocks=["KV5564"])
M("price_question", "en", "Are there any rebates or incentives on the Ioniq 5 right now?",
  stocks=["25713"])
M("price_question", "en", "how much for the orange Forte?",
  hard="no price in feed; must not invent one",
  stocks=["15490A"])
M("price_question", "en", "what's the price difference between the two brown Tellurides",
  hard="there are three brown Tellurides, not two",
  stocks=["DT15564A", "15263A", "15217A"])

# ---------------------------------------------------------------- financing_general
M("financing_general", "en", "Do you guys work with bad credit?")
M("financing_general", "en", "do you have first-time buyer programs?")
M("financing_general", "es", "¿Aceptan ITIN para financiar?",
  note="gloss: do you accept ITIN for financing (policy question, no personal details)")
M("financing_general", "en", "Which banks do you work with? Can I bring my own credit union financing?")
M("financing_general", "en", "any 0% APR offers on new Hyundais right now?")
M("financing_general", "en", "Can I get pre-approved online without a hard pull?")
M("financing_general", "en", "my manager at work says dealers mark up the interest rate, is that true lol",
  hard="mentions a manager but is not a request for one; general financing question")

# ---------------------------------------------------------------- hours_location
M("hours_location", "en", "What time do you close on Saturdays?")
M("hours_location", "en", "where exactly are you? coming up from Kankakee")
M("hours_location", "es", "¿Están abiertos los domingos?",
  note="gloss: are you open on Sundays")
M("hours_location", "en", "what are your service department hours",
  note="service is mentioned, but no service issue on an own car; plain hours question")
M("hours_location", "en", "might stop by this weekend, what are your hours sat?",
  hard="visit without a time = hours_location, not appointment_time")
M("hours_location", "en", "Is there a Metra stop near you? I don't have a car yet obviously lol")
M("hours_location", "tl", "Hello po, anong oras po kayo bukas bukas?",
  note="gloss: hello, what time are you open tomorrow? ('bukas bukas' = open tomorrow)")

# ---------------------------------------------------------------- photos
M("photos", "en", "can u send more pics of the burgundy Cherokee? interior especially",
  stocks=["WV15163"])
M("photos", "en", "Is there a video walkaround of the white Audi Q5?",
  stocks=["DT27212A"])
M("photos", "es", "¿Me puede mandar fotos de la Palisade café?",
  note="gloss: can you send photos of the brown Palisade; the only brown Palisade",
  stocks=["26240"])
M("photos", "en", "the pics for the 2025 Tucson look like stock photos. can I see the actual car?",
  hard="the feed marks this unit's image as 'Stock'; the reply must not claim real photos of the unit already exist online",
  stocks=["27134"])

# ---------------------------------------------------------------- mileage
M("mileage", "en", "how many miles on the Tahoe",
  stocks=["KV5514"])
M("mileage", "en", "miles on the grey sportage?",
  hard="mileage missing in feed; must not invent a number",
  stocks=["KV5454A"])
M("mileage", "en", "lowest mileage used Hyundai you have?",
  note="26233A is lowest but has no price in feed; next is 26638A (also no price)",
  stocks=["26233A", "26638A"])
M("mileage", "es", "¿Cuántas millas tiene el Charger?",
  stocks=["WV15154"])
M("mileage", "en", "does the Porsche have low miles? how many",
  stocks=["WV15144"])

# ---------------------------------------------------------------- comparison
M("comparison", "en", "Tucson vs Santa Fe for a family of 4 + a big dog, which would you pick?")
M("comparison", "en", "Ioniq 5 or Tucson Hybrid? I drive 60 mi round trip to Naperville every day",
  stocks=["25713", "27103", "27023", "27025", "26940"])
M("comparison", "en", "Rogue vs Escape, which one's more reliable?")
M("comparison", "es", "¿Qué es mejor, la Telluride o la Palisade?",
  note="gloss: which is better, the Telluride or the Palisade")
M("comparison", "en", "my dad says Kias are just cheaper Hyundais. so Forte vs Elantra same thing right?",
  hard="leading question with a shaky premise; still comparison, no handover")
M("comparison", "en", "what's the difference between the SEL and the Calligraphy on the Santa Fe?")

# ---------------------------------------------------------------- browsing
M("browsing", "en", "just browsing, what's new on the lot this week?")
M("browsing", "en", "not buying for a few months, just getting ideas. something fun but still practical?")
M("browsing", "es", "Nomás estoy viendo opciones, todavía no voy a comprar.",
  note="gloss: just looking at options, not buying yet")
M("browsing", "en", "retiring in the spring, thinking of downsizing from my Tahoe to something easier to park. suggestions?",
  hard="'my Tahoe' is the customer's own car, not the Tahoe in stock")
M("browsing", "en", "college student, broke, just curious what a decent used car costs these days lol",
  note="price_question also defensible; both false")
M("browsing", "en", "lease is up in june, just exploring. not ready to talk to anybody yet",
  hard="explicitly declines a human; a lease ending elsewhere is not an existing_customer_issue")
M("browsing", "en", "what's popular right now? everybody on my block has a Tucson haha")

# ---------------------------------------------------------------- small_talk
M("small_talk", "en", "hi")
M("small_talk", "en", "good morning! how's your day going?")
M("small_talk", "es", "Hola, buenas tardes")
M("small_talk", "en", "lol am I talking to a bot rn",
  hard="bot question without asking for a human (compare human_request 'if yes I want a human')",
  note="other_ai also defensible; both false")
M("small_talk", "en", "Happy holidays from Chicago Heights 🎄")

# ---------------------------------------------------------------- vehicle_facts
M("vehicle_facts", "en", "Is the Hyundai warranty really 10 years? does that transfer if I buy used?",
  note="general warranty question, not a claim")
M("vehicle_facts", "en", "Any open recalls on the 2021 Tucson you have listed?",
  hard="recall question about a car on the lot = vehicle_facts (not existing_customer_issue)",
  stocks=["WV15124"])
M("vehicle_facts", "en", "Is the Santa Fe HEV a plug-in or a regular hybrid?",
  stocks=["27130"])
M("vehicle_facts", "en", "What engine does the Durango GT have?",
  stocks=["KV5565"])
M("vehicle_facts", "es", "¿La Ioniq 6 es de tracción total o trasera?",
  hard="trim says SEL AWD, drivetrain field says RWD; must not state either as fact",
  note="gloss: is the Ioniq 6 all-wheel or rear-wheel drive",
  stocks=["25881"])
M("vehicle_facts", "en", "Is the Prius Prime a full EV? your site says electric",
  hard="Fuel Type is 'Electric' in the feed, but a Prius Prime is a plug-in hybrid",
  stocks=["WV15159"])
M("vehicle_facts", "en", "Do your used cars come with any warranty or are they as-is?")
M("vehicle_facts", "en", "how much horsepower does the G70 2.0T make?",
  stocks=["DT15464A"])

# ---------------------------------------------------------------- other_ai
M("other_ai", "en", "Do you take trade-ins?")
M("other_ai", "en", "would you buy my car even if I don't buy one from you?")
M("other_ai", "en", "Do you deliver? I'm out in Rockford, 61101",
  note="61101 = Rockford, IL (ZIP, not a stock number)")
