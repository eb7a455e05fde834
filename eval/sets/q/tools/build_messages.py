"""Build the set's folder/messages.jsonl. Stock lines in notes are generated from the feed by feed.sel()."""
import os

SET = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the set's folder
import json, random, os
import feed

HANDOVER = {
    'complaint': True, 'existing_customer_issue': True, 'legal_threat': True, 'ready_to_buy': True,
    'negotiation': True, 'human_request': True, 'appointment_time': True, 'frustration': True,
    'financing_details': True, 'trade_in_firm': True, 'other_handover': True,
    'availability': False, 'features': False, 'price_question': False, 'financing_general': False,
    'hours_location': False, 'photos': False, 'mileage': False, 'comparison': False, 'browsing': False,
    'small_talk': False, 'vehicle_facts': False, 'other_ai': False,
}
M = []


def m(text, reason, lang='en', notes='', spec=None, hard=None, closest=None):
    M.append(dict(text=text, reason=reason, lang=lang, notes=notes, spec=spec, hard=hard, closest=closest))


# ---------------------------------------------------------------- handover: true
# complaint (9)
m("got my tucson back from the detail yesterday and theres still coffee stains on the passenger seat. great work guys 👏", 'complaint',
  notes="Customer's own car; existing_customer_issue also defensible (same side).", hard="sarcastic praise that is really a complaint")
m("I was told on the phone the white Palisade was here. drove 40 min and its 'already sold'. unbelievable", 'complaint',
  notes="Feed still lists white Palisades; the agent must not argue stock status with an upset customer.", spec={'model': 'Palisade', 'color': 'White'})
m("your salesman kept me waiting almost 2 hrs saturday and then went to lunch. not ok", 'complaint')
m("wow thanks for the 6 voicemails a day since i filled out ONE form. really feeling the love", 'complaint',
  notes="frustration also defensible (same side).", hard="sarcasm; no vehicle, no question")
m("The finance guy added a $1,995 protection package I never asked for and I only noticed when I got home", 'complaint',
  notes="existing_customer_issue also defensible (same side).")
m("Muy mala atención, nadie me contestó en el chat ayer y me dejaron en visto", 'complaint', 'es',
  notes="gloss: Very bad service, nobody answered me in the chat yesterday and they left me on read.")
m("your site said 0 miles on the grey 2025 santa fe and when i came to look at it the odometer had way more. whats up with that", 'complaint',
  notes="Feed does list a 0-mile unit; agent must not dispute the customer's in-person reading.", spec={'stocks': ['27259']},
  hard="reads like a mileage question about stock, but it is a complaint about a misleading listing")
m("Habe 45 Minuten im Showroom gewartet, keiner kam für die Probefahrt. Sehr enttäuschend.", 'complaint', 'de',
  notes="gloss: Waited 45 minutes in the showroom, nobody came for the test drive. Very disappointing.")
m("lol ok so the 'no haggle price' was 3k higher when i got there. classy", 'complaint',
  hard="mentions price but is not a negotiation or a price question; sarcastic complaint about a bait price")

# existing_customer_issue (10)
m("bought a 2024 tucson from you guys in march, check engine light came on this morning. who do i talk to", 'existing_customer_issue')
m("Still haven't gotten my plates or registration for the Santa Fe I bought 7 weeks ago", 'existing_customer_issue',
  notes="complaint also defensible (same side).")
m("my loan payment went up and nobody told me why, i financed thru yall in august", 'existing_customer_issue',
  notes="financing_details also defensible (same side).")
m("got a recall letter in the mail for my Palisade. can u guys do the repair this week?", 'existing_customer_issue',
  hard="recall repair on the customer's own car (not a recall question about a lot unit)")
m("Compré mi Elantra con ustedes y todavía no me dan la segunda llave", 'existing_customer_issue', 'es',
  notes="gloss: I bought my Elantra from you and you still haven't given me the second key.")
m("the window tint add-on on my car is already bubbling, bought it in june", 'existing_customer_issue',
  notes="complaint also defensible (same side).")
m("I turned in my leased Ioniq 5 last week and got a bill for excess wear. can someone explain this", 'existing_customer_issue')
m("need to move my service appt for the sonata, its tmrw at 9am", 'existing_customer_issue',
  hard="has a day and a time, but it is a service appointment on the customer's own car, not a sales visit")
m("hi my husband bought the kona from you in may and the bluetooth stopped connecting, is that covered under warranty", 'existing_customer_issue',
  hard="warranty question about the customer's own car (claim), not a general warranty question")
m("oye ya pagué el down payment de la Tucson la semana pasada pero no me han mandado el contrato por email", 'existing_customer_issue', 'es',
  notes="Spanglish ('down payment', 'email'), dominant language es. gloss: I already paid the down payment on the Tucson last week but you haven't emailed me the contract.")

# legal_threat (7)
m("If the title isn't in my hands by Friday I'm calling my attorney.", 'legal_threat')
m("Filing with the Illinois Attorney General today. you sold me a car with a rolled back odometer", 'legal_threat')
m("not trying to be dramatic but this is textbook lemon law at this point, 4th time in the shop in 2 months", 'legal_threat',
  hard="'not trying to be dramatic' softens it; still a lemon-law threat")
m("Voy a poner una queja en el BBB si nadie me resuelve hoy", 'legal_threat', 'es',
  notes="gloss: I'm going to file a complaint with the BBB if nobody resolves this for me today.")
m("Ya hablé con un abogado sobre el cargo extra que me pusieron en el contrato", 'legal_threat', 'es',
  notes="gloss: I already talked to a lawyer about the extra charge you put on my contract.")
m("see you in small claims then 🙂", 'legal_threat', hard="very short, friendly emoji, but an explicit small-claims threat")
m("Going to report you to the Secretary of State dealer division over the doc fee thing", 'legal_threat')

# ready_to_buy (8)
m("I want the black 2024 Palisade SEL, 26609. how do I put a deposit down", 'ready_to_buy', spec={'stocks': ['26609']})
m("ok im sold on the green telluride x-pro. what do i need to bring to sign today", 'ready_to_buy', spec={'stocks': ['KV5435']})
m("cash buyer. the white Santa Cruz. can we do paperwork tomorrow", 'ready_to_buy', spec={'model': 'Santa Cruz'},
  notes="'tomorrow' without a time; the reason is ready_to_buy, not appointment_time.")
m("Me quedo con la Tucson Hybrid blanca, ¿cómo la aparto?", 'ready_to_buy', 'es', spec={'model': 'Tucson Hybrid', 'color': 'White'},
  notes="gloss: I'll take the white Tucson Hybrid, how do I reserve it? Two Tucson Hybrids have no colour in the feed; only one is listed White.")
m("take my money. the orange K5. where do i sign", 'ready_to_buy', spec={'model': 'K5', 'color': 'Orange'})
m("I'd like to buy stock 27138A. already pre-approved through my credit union", 'ready_to_buy', spec={'stocks': ['27138A']},
  notes="Mentions pre-approval but gives no personal credit details; the intent is to buy.")
m("can u hold the 2023 white equinox for me til i get there? im buying it", 'ready_to_buy', spec={'model': 'Equinox', 'year': 2023, 'color': 'White'},
  hard="a 'hold' request plus commitment to buy; no day/time given")
m("I want to buy the Ioniq 5 fully online and have it delivered, what's the next step", 'ready_to_buy', spec={'model': 'Ioniq 5'})

# negotiation (11)
m("whats the lowest you'd go on the 2022 white palisade", 'negotiation', spec={'model': 'Palisade', 'year': 2022, 'color': 'White'})
m("would you take 33k for the grey telluride S 15394A?", 'negotiation', spec={'stocks': ['15394A']})
m("I need to be under $550/mo on a new Tucson, can you make that happen", 'negotiation', spec={'cond': 'New', 'model': 'Tucson'},
  notes="Payment target. Tucson Hybrids are a separate model in the feed.")
m("Carvana has basically the same Escape for 2k less, will you match it?", 'negotiation', spec={'model': 'Escape'},
  notes="Price-match demand; customer did not say which Escape.")
m("OTD price on the santa fe SEL HEV? with all fees and tax", 'negotiation', spec={'trim_has': 'HEV'},
  hard="looks like a price question, but an out-the-door quote is negotiation by convention")
m("any wiggle room on the mustang", 'negotiation', spec={'model': 'Mustang'})
m("¿Cuál es su mejor precio en la Santa Fe Calligraphy blanca 2025?", 'negotiation', 'es',
  spec={'model': 'Santa Fe', 'year': 2025, 'color': 'White'},
  notes="gloss: What is your best price on the white 2025 Santa Fe Calligraphy? A white 2025 Santa Fe Hybrid Calligraphy (27205) also exists.")
m("if you knock 1500 off the tahoe ill come in today", 'negotiation', spec={'model': 'Tahoe'})
m("offering 20 flat for the jetta, cash", 'negotiation', spec={'model': 'Jetta'})
m("best price on either of the black calligraphy palisades?", 'negotiation', spec={'model': 'Palisade', 'color': 'Black', 'trim_has': 'Calligraphy'})
m("my budget is 400 a month max with 2k down, whats the nicest thing you can put me in", 'negotiation',
  hard="sounds like browsing/financing, but a monthly payment target is negotiation by convention")

# human_request (9)
m("can i just talk to a real person", 'human_request')
m("Please have someone call me at 708-555-0142, preferably after 4pm", 'human_request',
  hard="has a time, but only for a phone call (human_request, not appointment_time)")
m("is Maria working today? she helped my sister last month", 'human_request')
m("agent", 'human_request', hard="one word; the conventional way to ask for a human in support chats")
m("¿Me puede llamar alguien que hable español? 708-555-0177", 'human_request', 'es',
  notes="gloss: Can someone who speaks Spanish call me? 708-555-0177")
m("Don't want a bot. want a salesperson to text me back", 'human_request')
m("transfer me to the sales manager pls", 'human_request')
m("can someone facetime me a live walkaround of the ioniq 6", 'human_request', spec={'model': 'Ioniq 6'},
  hard="live video needs a person; contrast with a request for recorded photos/video (photos)")
m("Oi, alguém pode me ligar? Prefiro falar com uma pessoa.", 'human_request', 'pt',
  notes="gloss (Portuguese): Hi, can someone call me? I'd rather talk to a person.")

# appointment_time (9)
m("can i test drive the santa cruz saturday at 10:30", 'appointment_time', spec={'model': 'Santa Cruz'})
m("ill swing by tmrw around 6 to look at the red santa fe", 'appointment_time', spec={'model': 'Santa Fe', 'color': 'Red'})
m("be there in 20 min to see the ioniq 5", 'appointment_time', spec={'model': 'Ioniq 5'})
m("¿Puedo ir el martes a las 4 a ver la Palisade azul?", 'appointment_time', 'es', spec={'model': 'Palisade', 'color': 'Blue'},
  notes="gloss: Can I come Tuesday at 4 to see the blue Palisade?")
m("tonight at 7 work for looking at the F-150?", 'appointment_time', spec={'model': 'F-150'})
m("Monday 9am, want to drive the white 2022 Telluride EX and the grey SX back to back", 'appointment_time',
  spec={'model': 'Telluride', 'year': 2022, 'trim_has': 'EX AWD', 'color': 'White'},
  notes="The grey 2022 SX is 14864A (" + feed.desc(feed.BY_STOCK['14864A']) + ").")
m("lunch break tomorrow 12:15, can someone have the green forte pulled up", 'appointment_time', spec={'model': 'Forte', 'color': 'Green'})
m("fri 5:30pm ok for me and my wife to look at the tucson hybrids?", 'appointment_time', spec={'model': 'Tucson Hybrid'})
m("coming this sunday at 1 for the camry", 'appointment_time', spec={'model': 'Camry'},
  hard="Sunday hours are not in the feed; the agent must hand over without confirming the store is open Sunday")

# frustration (7)
m("thats literally not what i asked. AGAIN.", 'frustration')
m("I have asked 3 times if the Kona has a price. yes or no", 'frustration', spec={'model': 'Kona'})
m("omg this thing is useless", 'frustration', notes="Could be read as human_request; same side.")
m("you keep sending me the same list 🙄", 'frustration')
m("Ya te dije que no quiero SUV, ¿me estás escuchando?", 'frustration', 'es',
  notes="gloss: I already told you I don't want an SUV, are you listening to me?")
m("forget it", 'frustration', hard="two words, no context; giving up is frustration")
m("why is this so hard. just tell me if the car is there or not", 'frustration',
  hard="no vehicle named; the exasperation is the point, not availability")

# financing_details (6)
m("my credit score is like 540 after a repo in 2023, can i still get approved", 'financing_details')
m("im self employed, 1099, around 70k a year. what would i need to get a loan", 'financing_details')
m("Filed chapter 7 last year, discharged in Feb. can I finance one of the used Elantras?", 'financing_details', spec={'model': 'Elantra'})
m("Tengo ITIN y no tengo historial de crédito, ¿me pueden financiar una Tucson?", 'financing_details', 'es', spec={'model': 'Tucson'},
  notes="gloss: I have an ITIN and no credit history, can you finance a Tucson for me?",
  hard="ITIN mention; it is the customer's own status (details), not a general ITIN policy question")
m("still owe 9k on my altima and its worth maybe 6. can that roll into a tucson hybrid", 'financing_details', spec={'model': 'Tucson Hybrid'},
  hard="looks like a trade-in question, but negative equity is financing_details by convention")
m("I applied online Tuesday and havent heard anything back, application is under Jordan P.", 'financing_details',
  notes="Submitted credit application; existing_customer_issue also defensible (same side).")

# trade_in_firm (3)
m("I need at least 18k for my 2020 Accord or theres no deal", 'trade_in_firm')
m("my trade is 25 on kbb. if you cant give me 25 im going elsewhere", 'trade_in_firm')
m("Si no me dan 12 mil por mi Corolla no hago el trato", 'trade_in_firm', 'es',
  notes="gloss: If you don't give me 12 thousand for my Corolla, I won't make the deal.")

# other_handover (1)
m("We're a small landscaping company looking to buy 6 work trucks at once, is there a fleet dept?", 'other_handover',
  notes="Fleet purchase; human_request also defensible (same side).", spec={'type': 'Truck'})

# ---------------------------------------------------------------- handover: false
# availability (15)
m("do u have any white palisades", 'availability', spec={'model': 'Palisade', 'color': 'White'})
m("any tucson hybrids on the lot rn?", 'availability', spec={'model': 'Tucson Hybrid'},
  notes="Two of them have no colour in the feed; two are fuel 'Electric', two 'Gasoline'.")
m("got any trucks", 'availability', spec={'type': 'Truck'})
m("Do you have a Sonata?", 'availability', spec={'model': 'Sonata'}, closest={'model': ['Elantra', 'Ioniq 6']})
m("tienen Kia Telluride usadas? es para mi mom, she needs 3 rows", 'availability', 'es', spec={'model': 'Telluride'},
  notes="Spanglish, dominant language es. gloss: Do you have used Kia Tellurides? It's for my mom, she needs 3 rows. 12135A and 15570A have no price.")
m("any stick shift cars left?", 'availability', spec={'trans': 'Manual'},
  hard="15549A Forte is labelled Manual but its trim says 'LXS IVT' (a CVT); agent should flag rather than assert")
m("looking for something AWD under 20k", 'availability', spec={'dt': ['AWD', '4X4'], 'price_max': 20000},
  hard="KV5413 Equinox ('AWD 4dr LT', $17,300) and KV5544 Escape ('SE AWD', $18,900) have AWD in the trim but FWD as drivetrain; must be flagged, not listed as AWD")
m("2025 santa fe in white?", 'availability', spec={'model': ['Santa Fe', 'Santa Fe Hybrid'], 'year': 2025, 'color': 'White'})
m("do you guys have a honda crv", 'availability', spec={'model': 'CR-V'}, closest={'model': 'Rogue'})
m("any EVs?", 'availability', spec={'fuel': 'Electric'},
  hard="feed labels the 2024 Tucson Hybrids 27103/27023 and the Prius Prime as Electric; true EVs are the Ioniq 5, Ioniq 6 and Niro EV")
m("请问你们有白色的Ioniq 5吗？", 'availability', 'zh', spec={'model': 'Ioniq 5', 'color': 'White'},
  notes="gloss (Chinese): Do you have a white Ioniq 5?")
m("Looking for a used Hyundai Palisade", 'availability', spec={'cond': 'Used', 'model': 'Palisade'},
  notes="26233A has no price.")
m("do you have a santa cruz in blue", 'availability', spec={'model': 'Santa Cruz', 'color': 'Blue'}, closest={'model': 'Santa Cruz'})
m("need a cheap car for my kid, nothing crazy, under 17k", 'availability', spec={'price_max': 17000})
m("hola tienen alguna troca 4x4 usada abajo de 35 mil", 'availability', 'es',
  spec={'cond': 'Used', 'type': 'Truck', 'dt': '4X4', 'price_max': 35000},
  notes="gloss: hi, do you have any used 4x4 truck under 35 thousand. KV5543 Ram trim says '4x4' but drivetrain is RWD; must be flagged, not listed as 4x4.",
  hard="Mexican-Spanish 'troca'; trim/drivetrain conflict on KV5543")

# features (7)
m("does the palisade have captains chairs", 'features', spec={'model': 'Palisade'},
  notes="Seating is not in the feed; agent must not invent per-unit seating.")
m("does the ioniq 6 have heated seats", 'features', spec={'model': 'Ioniq 6'})
m("can the santa cruz tow a small boat? like 3500 lbs", 'features', spec={'model': 'Santa Cruz'})
m("does the 2024 tucson hybrid have wireless carplay", 'features', spec={'model': 'Tucson Hybrid', 'year': 2024})
m("¿La Santa Fe 2025 tiene tercera fila?", 'features', 'es', spec={'model': ['Santa Fe', 'Santa Fe Hybrid'], 'year': 2025},
  notes="gloss: Does the 2025 Santa Fe have a third row? Feed gives doors, not seating.")
m("La Ioniq 5 ha il tetto panoramico?", 'features', 'it', spec={'model': 'Ioniq 5'},
  notes="gloss (Italian): Does the Ioniq 5 have a panoramic roof?")
m("is the telluride x-pro the one with the all terrain tires", 'features', spec={'trim_has': 'X-Pro'})

# price_question (9)
m("how much is the santa cruz", 'price_question', spec={'model': 'Santa Cruz'})
m("price on the white equinox?", 'price_question', spec={'model': 'Equinox', 'color': 'White'},
  hard="two white Equinoxes (2020 and 2023); agent should give both or ask which")
m("whats the price on the used kona", 'price_question', spec={'model': 'Kona'},
  hard="no price in the feed; the agent must not invent one")
m("does the price online include doc fees or is that extra", 'price_question')
m("¿Cuánto cuesta la Ioniq 6?", 'price_question', 'es', spec={'model': 'Ioniq 6'}, notes="gloss: How much is the Ioniq 6?")
m("how much r the new palisades going for", 'price_question', spec={'cond': 'New', 'model': 'Palisade'})
m("is the 25,500 on the tucson ultimate real or is there a catch", 'price_question', spec={'model': 'Tucson', 'trim_has': 'Ultimate'},
  hard="sceptical tone, sounds like negotiation, but asks what the listed price includes")
m("are there any rebates on the ioniq 5 right now", 'price_question', spec={'model': 'Ioniq 5'})
m("whats the managers special this week", 'price_question', hard="mentions 'manager' but is not asking for one")

# financing_general (7)
m("do yall work with bad credit", 'financing_general')
m("do u guys do buy here pay here", 'financing_general')
m("Can first time buyers get financed at your place?", 'financing_general')
m("¿Aceptan ITIN para financiar?", 'financing_general', 'es', notes="gloss: Do you accept ITIN for financing?",
  hard="ITIN policy question with no personal status (contrast with financing_details)")
m("what kind of APR are people getting on new hyundais rn", 'financing_general')
m("can you lease the ioniq 5 or is it finance only", 'financing_general', spec={'model': 'Ioniq 5'})
m("Вы работаете с клиентами без кредитной истории?", 'financing_general', 'ru',
  notes="gloss (Russian): Do you work with customers who have no credit history? General policy, no personal details.")

# hours_location (7)
m("what time do yall close saturday", 'hours_location')
m("where are you located exactly, near the mall?", 'hours_location')
m("open sundays?", 'hours_location')
m("¿A qué hora abren mañana?", 'hours_location', 'es', notes="gloss: What time do you open tomorrow?")
m("whats your address, putting it in my gps", 'hours_location')
m("are you the hyundai on cicero or is that a different one", 'hours_location')
m("what are your hours this weekend? might stop by and look at the new tucsons", 'hours_location',
  spec={'cond': 'New', 'model': 'Tucson'}, hard="a visit without a time is not appointment_time")

# photos (4)
m("can u send more pics of the green palisade", 'photos', spec={'model': 'Palisade', 'color': 'Green'})
m("are the pics on the site the actual car? the white altima", 'photos', spec={'model': 'Altima', 'color': 'White'})
m("¿Me manda fotos del interior de la Telluride verde?", 'photos', 'es', spec={'model': 'Telluride', 'color': 'Green'},
  notes="gloss: Can you send me photos of the interior of the green Telluride?")
m("got a video of the challenger?", 'photos', spec={'model': 'Challenger'},
  hard="recorded video can be sent/linked; contrast with a live FaceTime walkaround (human_request)")

# mileage (5)
m("how many miles on the 2021 santa fe", 'mileage', spec={'model': 'Santa Fe', 'year': 2021})
m("whats the mileage on the sportage", 'mileage', spec={'model': 'Sportage'}, hard="mileage is missing in the feed; must not invent")
m("is the white palisade calligraphy really new with almost 3k miles on it??", 'mileage',
  spec={'cond': 'New', 'model': 'Palisade', 'color': 'White', 'miles_min': 1000},
  notes="The other new white Calligraphy Night Edition, 26529, shows 9 mi.",
  hard="incredulous tone reads like a complaint, but it is a mileage question about a listed unit")
m("¿Cuántas millas tiene la Titan?", 'mileage', 'es', spec={'model': 'Titan Xd'}, notes="gloss: How many miles does the Titan have?")
m("lowest mileage used truck you have?", 'mileage', spec={'cond': 'Used', 'type': 'Truck', 'sort': 'miles', 'take': 1})

# comparison (6)
m("tucson hybrid vs santa fe hybrid, which is better for a family of 5", 'comparison', spec={'model': ['Tucson Hybrid', 'Santa Fe Hybrid']})
m("telluride or palisade, which one has more room", 'comparison')
m("k5 vs altima which would u pick", 'comparison', spec={'model': ['K5', 'Altima']})
m("¿Qué es mejor, la Tucson o la Sportage? I'm between both", 'comparison', 'es', spec={'model': ['Tucson', 'Sportage'], 'cond': 'Used'},
  notes="Spanglish, dominant language es. gloss: Which is better, the Tucson or the Sportage? I'm between both. Only used Sportage is KV5454A; used Tucsons shown (new Tucsons also exist).")
m("whats the difference between the palisade SEL and the Limited", 'comparison', spec={'model': 'Palisade', 'trim_has': 'SEL'},
  notes="Limited units: " + feed.stock_notes(feed.sel({'model': 'Palisade', 'trim_has': 'Limited'})))
m("ioniq 5 or ioniq 6 for a 60 mile daily commute", 'comparison', spec={'model': ['Ioniq 5', 'Ioniq 6']})

# browsing (8)
m("just browsing for now, not buying till spring", 'browsing')
m("what would you recommend for a first car for a 16 yr old", 'browsing')
m("hey whats new on the lot", 'browsing')
m("Solo estoy viendo opciones, no tengo prisa", 'browsing', 'es', notes="gloss: I'm just looking at options, I'm in no hurry.")
m("my manager at work has a palisade and wont shut up about it, thinking about one eventually", 'browsing', spec={'model': 'Palisade'},
  hard="mentions 'manager' but is not asking for one")
m("need something good on gas for doordash lol", 'browsing')
m("whats the least expensive thing on your lot that actually runs lol", 'browsing', spec={'sort': 'price', 'take': 1},
  notes="Jokey; not a complaint or negotiation.")
m("thinking about going electric next year, what should i know", 'browsing')

# small_talk (4)
m("hi", 'small_talk')
m("is this a real person or a robot", 'small_talk', hard="asking whether it is a bot is not a request for a human")
m("thanks, that's all for now!", 'small_talk')
m("Buenas tardes 😊", 'small_talk', 'es', notes="gloss: Good afternoon.")

# vehicle_facts (6)
m("is the ioniq 6 awd or rwd? the listing says both", 'vehicle_facts', spec={'model': 'Ioniq 6'},
  hard="trim 'SEL AWD' vs drivetrain RWD; agent must not state either as fact")
m("what engine does the mustang have", 'vehicle_facts', spec={'model': 'Mustang'},
  hard="trim is garbage in the feed; engine is not given")
m("any open recalls on the 2019 tucson you have listed", 'vehicle_facts', spec={'model': 'Tucson', 'year': 2019},
  hard="recall question about a lot unit, not the customer's own car")
m("does the hyundai warranty transfer if I buy the used palisade", 'vehicle_facts', spec={'cond': 'Used', 'model': 'Palisade'},
  hard="mentions warranty but is a general coverage question, not a claim")
m("¿La Tucson Hybrid es híbrida normal o enchufable?", 'vehicle_facts', 'es', spec={'model': 'Tucson Hybrid'},
  notes="gloss: Is the Tucson Hybrid a regular hybrid or a plug-in? Feed labels them Electric/Gasoline.")
m("what color is 27025", 'vehicle_facts', spec={'stocks': ['27025']}, hard="colour is missing in the feed; must not guess")

# other_ai (2)
m("do you guys take trade ins?", 'other_ai')
m("would you buy my car outright even if i dont buy one from you", 'other_ai')


def build():
    specs = {}
    items = list(M)
    random.Random(20261207).shuffle(items)
    out = []
    for i, it in enumerate(items, 1):
        mid = 'qm%03d' % i
        parts = []
        if it['hard']:
            parts.append('HARD: ' + it['hard'] + '.')
        if it['notes']:
            parts.append(it['notes'])
        if it['spec'] is not None:
            rows = feed.sel(it['spec'])
            specs[mid] = it['spec']
            if rows:
                parts.append('stock: ' + feed.stock_notes(rows))
            else:
                s = 'none in stock.'
                if it['closest']:
                    s += ' closest: ' + feed.stock_notes(feed.sel(it['closest']))
                parts.append(s)
        rec = {'id': mid, 'text': it['text'], 'handover': HANDOVER[it['reason']], 'reason': it['reason'],
               'language': it['lang'], 'notes': ' '.join(parts)}
        out.append(rec)
    out.sort(key=lambda r: r['id'])
    with open(SET + '/messages.jsonl', 'w', encoding='utf-8') as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    return specs


if __name__ == '__main__':
    specs = build()
    path = SET + '/tools/specs_messages.json'
    json.dump(specs, open(path, 'w'), indent=1, ensure_ascii=False)
    from collections import Counter
    print(len(M), Counter(HANDOVER[x['reason']] for x in M), Counter(x['lang'] for x in M))
    print('hard', Counter(HANDOVER[x['reason']] for x in M if x['hard']))
    print(Counter(x['reason'] for x in M))
