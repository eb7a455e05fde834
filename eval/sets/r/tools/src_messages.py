# -*- coding: utf-8 -*-
"""Source of messages.jsonl for eval set "r".

Each entry: M(reason, language, text, notes). `handover` is derived from `reason` in build.py.
Everything inside {{...}} in notes is expanded from the feed by build.py (see feed.py for the
filter language); stock numbers, prices and mileages are never typed by hand here.
Order here is by reason; build.py shuffles with a fixed seed and then assigns ids rm001...
"""

MSGS = []


def M(reason, lang, text, notes=""):
    MSGS.append({"reason": reason, "language": lang, "text": text, "notes": notes})


# ---------------------------------------------------------------- complaint (true)
M("complaint", "en",
  "wow thanks for the 'full detail' on my car lol. found somebody's old fries under the passenger seat 🍟🙄 real premium experience guys",
  "HARD: sarcastic praise that is a complaint about a detail job; existing_customer_issue also defensible (same side).")
M("complaint", "en",
  "sat in your showroom almost 2 hrs on saturday and not one person came over. walked out. figured someone should know")
M("complaint", "en",
  "the guy who sold me my sonata said it came with 2 keys. it came with 1. not happy about that at all",
  "existing_customer_issue also defensible (same side).")
M("complaint", "en",
  "love how the ad said one owner and the carfax shows 3. super transparent, great job 👏👏",
  "HARD: sarcastic; complaint about a listing's honesty, not a history question.")
M("complaint", "en",
  "my wife has called FOUR times about the appraisal on her trade and nobody ever calls back. ridiculous")
M("complaint", "es",
  "pésimo servicio, me tuvieron esperando toda la mañana por un cambio de aceite y encima me rayaron la puerta",
  "Gloss: terrible service, kept me waiting all morning for an oil change and scratched my door. existing_customer_issue also defensible (same side).")
M("complaint", "en",
  "your finance guy was honestly rude to my mom when she asked about the extended warranty. that's not ok",
  "Mentions warranty but it is a complaint about staff behaviour, not a warranty claim.")
M("complaint", "en",
  "oh so the price on your website is just for decoration? drove 40 min and it was 3 grand more with 'addendums'. amazing.",
  "HARD: sarcastic; a complaint about add-ons, not a price question.")
M("complaint", "pl",
  "Jestem bardzo niezadowolony z obsługi. Sprzedawca obiecał oddzwonić w piątek i do dziś cisza.",
  "Polish. Gloss: I'm very unhappy with the service. The salesman promised to call back on Friday and still silence today.")
M("complaint", "en",
  "not mad just disappointed lol. car was supposed to be ready at 3, it's 6:40 and still nothing",
  "HARD: mild tone, but it is a complaint about a missed promise (a time is mentioned but it is not an appointment request).")
M("complaint", "en",
  "the used car i picked up from u last week reeks of cigarette smoke once the heat kicks on. nobody said a word about it. gross")

# ---------------------------------------------------------------- existing_customer_issue (true)
M("existing_customer_issue", "en",
  "bought a santa fe from u guys in october and still no title in the mail. bank keeps calling me about it")
M("existing_customer_issue", "en",
  "temp tag runs out friday and i still dont have plates. what am i supposed to do")
M("existing_customer_issue", "en",
  "Hi, I need a copy of my buyer's order from my purchase in August, my insurance company is asking for it.")
M("existing_customer_issue", "es",
  "compré una tucson con ustedes hace 2 meses y todavía no me llega la registración, ya me paró la policía una vez",
  "Gloss: bought a Tucson two months ago, registration still hasn't arrived, police already stopped me once.")
M("existing_customer_issue", "en",
  "check engine light just came on in the elantra I bought there 3 weeks ago?? is that covered or what",
  "Warranty claim on the customer's own car (not a question about a unit on the lot).")
M("existing_customer_issue", "en",
  "got a recall letter in the mail for my palisade, can your service dept do it and do i need to book",
  "HARD: recall repair on the customer's own car = existing_customer_issue, unlike a recall question about a car on the lot.")
M("existing_customer_issue", "en",
  "you guys ran my card twice for the deposit. $500 two times. need one of those back asap")
M("existing_customer_issue", "en",
  "my first payment went to the wrong lender?? hyundai motor finance says they don't even have my account")
M("existing_customer_issue", "en",
  "you were supposed to pay off my old loan with the trade and its still showing open + now I got a late fee")
M("existing_customer_issue", "en",
  "service has had my car for 9 days for a warranty repair. any update? nobody is telling me anything",
  "frustration/complaint also defensible (same side).")
M("existing_customer_issue", "en",
  "when I bought my car the 'we owe' slip said you'd give me a second key fob + mud flaps. when can i grab those",
  "HARD: sounds like a features/parts question but it is a post-sale obligation on the customer's own deal.")
M("existing_customer_issue", "es",
  "oye mi carro tiene el recall de las bolsas de aire y en el service me dijeron q no tienen la pieza, q hago??",
  "Gloss: my car has the airbag recall and service said they don't have the part, what do I do?")
M("existing_customer_issue", "en",
  "turned in my leased tucson here last month and the leasing company is billing me because you never sent them the turn-in paperwork")

# ---------------------------------------------------------------- legal_threat (true)
M("legal_threat", "en",
  "if my title isn't here by friday my attorney will be reaching out to you. done waiting")
M("legal_threat", "en",
  "4th time in for the same transmission problem. this is a lemon, illinois has a lemon law, look it up")
M("legal_threat", "en",
  "filing a complaint with the better business bureau and the attorney general today. you've had your chance",
  "Names BBB and Attorney General in full.")
M("legal_threat", "es",
  "ya hablé con un abogado y dice que tengo caso. los voy a demandar por lo del enganche",
  "Gloss: I already talked to a lawyer and he says I have a case. I'm going to sue you over the down payment.")
M("legal_threat", "en",
  "not trying to be dramatic but charging me for 'nitrogen tires' I never agreed to sounds like something the FTC would find interesting",
  "HARD: polite, indirect regulator threat.")
M("legal_threat", "en",
  "guess I'll see you guys in small claims then 🤷")
M("legal_threat", "uk",
  "Якщо ви не повернете мій депозит до понеділка, я звернуся до суду.",
  "Ukrainian. Gloss: If you don't return my deposit by Monday, I will go to court.")
M("legal_threat", "en",
  "my cousin is a paralegal and she says what you did with my down payment is straight up fraud. just saying",
  "HARD: no explicit 'I will sue', but invokes legal counsel and fraud.")
M("legal_threat", "es",
  "ya puse la queja con el Secretary of State y con la oficina del fiscal general, a ver qué dicen ustedes",
  "Spanglish (dominant es). Gloss: I already filed a complaint with the Secretary of State and the Attorney General's office.")

# ---------------------------------------------------------------- ready_to_buy (true)
M("ready_to_buy", "en",
  "I want the white palisade calligraphy. how do I buy it today",
  "Two new white Palisade Calligraphy units, the agent must ask which one: {{stock: cond=New & model=Palisade & trim~Calligraphy & color=White | sort=price}}")
M("ready_to_buy", "en",
  "cash buyer. the 2022 palisade limited, I'm ready to go, what do I need to bring",
  "{{stock: year=2022 & model=Palisade & trim~Limited}}")
M("ready_to_buy", "en",
  "ok I'm sold on the ioniq 5. can I put a deposit down online so nobody else grabs it",
  "{{stock: model=Ioniq 5}}")
M("ready_to_buy", "es",
  "ya me decidí, quiero la Santa Cruz blanca. cómo le hago para apartarla hoy mismo?",
  "Gloss: I've decided, I want the white Santa Cruz, how do I reserve it today? {{stock: model=Santa Cruz}}")
M("ready_to_buy", "en",
  "pre-approved through my credit union, want the white 2022 telluride EX. lets do this",
  "Mentions a pre-approval but gives no personal credit details; primary reason is ready_to_buy. {{stock: year=2022 & model=Telluride & trim~EX & color=White}}")
M("ready_to_buy", "en",
  "can i do the whole deal online and get it delivered? i want stock KV5526",
  "{{stock: stock=KV5526}}")
M("ready_to_buy", "en",
  "where do i sign lol. the green forte",
  "{{stock: model=Forte & color=Green}}")
M("ready_to_buy", "en",
  "if the black tahoe is still there im buying it this afternoon",
  "HARD: colour mismatch; the only Tahoe is grey, so the agent must not confirm a black one. {{stock: model=Tahoe}}")
M("ready_to_buy", "vi",
  "Tôi muốn mua chiếc Tucson Hybrid màu trắng. Khi nào tôi có thể đến ký giấy tờ?",
  "Vietnamese. Gloss: I want to buy the white Tucson Hybrid. When can I come sign the paperwork? {{stock: model=Tucson Hybrid & color=White}}; two more Tucson Hybrids have no colour in the feed: {{sns: model=Tucson Hybrid & color=}}")

# ---------------------------------------------------------------- negotiation (true)
M("negotiation", "en",
  "would u do 36 out the door on the white telluride ex",
  "Out-the-door offer. {{stock: model=Telluride & trim~EX & color=White}}")
M("negotiation", "en",
  "whats the absolute lowest you'll go on the porsche",
  "{{stock: make=Porsche}}")
M("negotiation", "en",
  "carmax has a 2021 rogue sv for 20,9. match it on your blue one and we're good",
  "Price-match demand; two blue Rogues, the agent must not pick one silently: {{stock: model=Rogue & color=Blue | sort=price}}")
M("negotiation", "en",
  "I can do 450 a month max with 3k down on the ioniq 6, can you make that work?",
  "Payment target. {{stock: model=Ioniq 6}}")
M("negotiation", "es",
  "le doy 20 mil en efectivo por la grand cherokee gris, ni un peso más",
  "Gloss: I'll give you 20k cash for the grey Grand Cherokee, not a peso more. {{stock: model=Grand Cherokee & color=Grey}}")
M("negotiation", "en",
  "any wiggle room on the ford f150?",
  "{{stock: model=F-150}}")
M("negotiation", "en",
  "knock 2k off the audi q5 and I'll come in tonight",
  "{{stock: model=Q5}}")
M("negotiation", "en",
  "ok real talk, forget the sticker. whats your best number on the black 2024 santa fe calligraphy",
  "HARD: asks for 'best number', which is negotiation even though no figure is offered. {{stock: year=2024 & model=Santa Fe & trim~Calligraphy & color=Black}}")
M("negotiation", "en",
  "can you waive the doc fee on the jetta? thats literally my only hang up",
  "{{stock: model=Jetta}}")
M("negotiation", "es",
  "bro me dejas el charger en 17 flat? traigo cash",
  "Spanglish (dominant es). Gloss: bro will you let me have the Charger for 17 flat? I have cash. {{stock: model=Charger}}")
M("negotiation", "en",
  "saw the red escape for 19,999 on another site. honor that and we have a deal",
  "HARD: looks like a price question but it is a price-match demand. {{stock: model=Escape & color=Red}}")
M("negotiation", "en",
  "is the price on the audi q8 firm or is there some room there",
  "HARD: asking whether the price is negotiable = wiggle-room request. {{stock: model=Q8}}")

# ---------------------------------------------------------------- human_request (true)
M("human_request", "en",
  "can i just talk to an actual person please")
M("human_request", "en",
  "pls have your sales manager text me, 708-555-0163",
  "Fictional 555-01xx number.")
M("human_request", "en",
  "I'd rather speak to someone on the phone honestly, I'm not great with typing on this thing")
M("human_request", "es",
  "me puede marcar alguien que hable español? 708 555 0127",
  "Gloss: can someone who speaks Spanish call me? Fictional 555-01xx number.")
M("human_request", "en",
  "is Marcus in today? he sold my sister her elantra and I'd like to work with him",
  "Named salesperson.")
M("human_request", "en",
  "have someone call me after 5 today about the santa fe pls",
  "HARD: has a time, but only for a phone call -> human_request, not appointment_time. Which Santa Fe is not said; Santa Fe units in stock: {{sns: model~Santa Fe | sort=price}}")
M("human_request", "en",
  "operator",
  "HARD: one word; a request for a person.")
M("human_request", "es",
  "mi esposo quiere hablar con un gerente antes de decidir nada",
  "Gloss: my husband wants to talk to a manager before deciding anything.")
M("human_request", "zh",
  "请让销售顾问给我打个电话，我想详细了解一下帕里斯帕德。",
  "Chinese. Gloss: please have a sales consultant give me a call, I'd like to learn more about the Palisade.")
M("human_request", "en",
  "no offense to the robot but I need a human for this one",
  "HARD: jokey about the bot but an explicit human request (contrast with small talk about being an AI).")

# ---------------------------------------------------------------- appointment_time (true)
M("appointment_time", "en",
  "can I test drive the ioniq 6 tomorrow at 11?",
  "{{stock: model=Ioniq 6}}")
M("appointment_time", "en",
  "coming by saturday around 1:30 to see the green palisade",
  "{{stock: model=Palisade & color=Green}}")
M("appointment_time", "en",
  "omw now, like 25 minutes out. can you have the blue durango pulled up front?",
  "{{stock: model=Durango}}")
M("appointment_time", "es",
  "puedo ir el jueves a las 6 de la tarde a ver la tucson roja?",
  "HARD: no red Tucson in the feed; the closest are burgundy, and one of those has a trim/drivetrain conflict. Gloss: can I come Thursday at 6pm to see the red Tucson? {{stock: model=Tucson & color=Red}}; closest: {{list: model=Tucson & color=Burgundy}}")
M("appointment_time", "en",
  "monday 9am work for a test drive of the 2023 audi q5?",
  "{{stock: model=Q5}}")
M("appointment_time", "en",
  "ok if i swing by after work like 6:40 today to look at the charger?",
  "{{stock: model=Charger}}")
M("appointment_time", "en",
  "I'm off Wednesday. maybe noonish? wanna see the titan",
  "HARD: approximate but concrete day + time. {{stock: model=Titan Xd}}")
M("appointment_time", "en",
  "book me sunday at 2 pls, for the 2023 palisade",
  "The feed does not give opening hours; the agent must not confirm Sunday hours it does not know. {{stock: year=2023 & model=Palisade}}")
M("appointment_time", "fr",
  "Est-ce que je peux passer vendredi vers 16h pour essayer la Kia K5 ?",
  "French. Gloss: can I come by Friday around 4pm to try the Kia K5? Two K5s: {{stock: model=K5 | sort=price}}")
M("appointment_time", "en",
  "my lunch break tmrw is 12:15 to 12:45, can i see the prius in that window",
  "{{stock: model=Prius Prime}}")

# ---------------------------------------------------------------- frustration (true)
M("frustration", "en",
  "I've now asked 3 times what the price is on the lexus. is anyone actually reading these",
  "{{stock: model=Rx}}")
M("frustration", "en",
  "omg this is the exact same answer you gave me 5 min ago. NOT helpful")
M("frustration", "en",
  "dude. I. Want. A. Number.",
  "HARD: no car named; it is the repetition/irritation that matters.")
M("frustration", "es",
  "ya les pregunté dos veces y nadie me contesta bien, qué onda con ustedes",
  "Gloss: I've asked you twice already and nobody answers properly, what's up with you.")
M("frustration", "en",
  "round and round we go 🙃 still waiting for someone to tell me if the kona is actually available",
  "HARD: sarcastic; repeated unanswered question. {{stock: model=Kona}}")
M("frustration", "en",
  "this chat is useless, you keep sending me cars I didn't ask about")
M("frustration", "en",
  "Again: AWD. I said AWD. Why do you keep showing me front wheel drive stuff??")

# ---------------------------------------------------------------- financing_details (true)
M("financing_details", "en",
  "my score is around 580 after a repo in 2022, can i still get approved for a tucson")
M("financing_details", "en",
  "I make about 4200 a month, 1099 contractor, how much car can I realistically get approved for")
M("financing_details", "es",
  "no tengo seguro social, solo ITIN, y gano como 3 mil al mes. me pueden financiar una camioneta?",
  "Gloss: I have no SSN, only an ITIN, and I earn about 3k a month; can you finance an SUV for me?")
M("financing_details", "en",
  "filed chapter 7 last year, discharged in march. can I still finance with you guys")
M("financing_details", "en",
  "I owe about 6k more than my car is worth. can you roll that into a new santa fe?",
  "Negative equity on the customer's own loan.")
M("financing_details", "en",
  "submitted the credit app on your website last night, any news?",
  "HARD: short and neutral, but refers to the customer's own submitted application.")
M("financing_details", "en",
  "my dad can cosign, he's got like a 780. i have no credit at all, im 20")

# ---------------------------------------------------------------- trade_in_firm (true)
M("trade_in_firm", "en",
  "I need 18k for my 2019 accord, not a penny less, or I'm going to carvana")
M("trade_in_firm", "es",
  "si no me dan por lo menos 12 mil por mi civic no hay trato",
  "Gloss: if you don't give me at least 12k for my Civic there's no deal.")
M("trade_in_firm", "en",
  "kbb says 22,500 for my highlander so that's what I want for it. firm")
M("trade_in_firm", "en",
  "trade is paid off, 2018 silverado, 62k miles. I'll only do the deal if you match the 24,200 carmax offered me",
  "HARD: reads like a price match (negotiation), but the firm number is for the customer's trade.")

# ---------------------------------------------------------------- other_handover (true)
M("other_handover", "en",
  "I run a landscaping company and need 4 trucks for my crews. can we talk fleet pricing and titling in the company name?",
  "Fleet/business purchase; negotiation also defensible (same side). Only used trucks + one new Santa Cruz in stock: {{stock: type=Truck | sort=price}}")
M("other_handover", "en",
  "someone at your dealership pulled my credit and I never applied for anything. who authorized that?",
  "Unauthorised credit pull; legal_threat/complaint also defensible (same side).")

# ================================================================ false side
# ---------------------------------------------------------------- availability (false)
M("availability", "en",
  "yall got any palisades in green",
  "{{stock: model=Palisade & color=Green}}")
M("availability", "en",
  "do u have a used f150",
  "{{stock: model=F-150}}")
M("availability", "en",
  "any white suvs under 25k?",
  "{{stock: type=SUV & color=White & price<25000 | sort=price}}; white SUVs with no price in the feed: {{sns: type=SUV & color=White & price=}}")
M("availability", "en",
  "looking for something with a stick shift",
  "HARD: feed 'Manual' includes one Forte whose trim says IVT (automatic), so it must not be offered as a manual without a caveat. {{stock: trans=Manual}}")
M("availability", "es",
  "tienen trocas 4x4 usadas?",
  "Gloss: do you have used 4x4 pickups? {{stock: type=Truck & cond=Used & drive=4X4 | sort=price}}; the Ram's trim says 4x4 but its feed drivetrain is RWD: {{sns: type=Truck & clash=yes}}")
M("availability", "en",
  "is that white ioniq 5 still there??",
  "{{stock: model=Ioniq 5}}")
M("availability", "en",
  "Any Honda Civics?",
  "{{stock: model~Civic}}")
M("availability", "en",
  "do you have a rav4",
  "{{stock: model~RAV4}}; closest: {{list: make=Toyota & type=SUV}}; compact SUVs e.g. {{list: model=Rogue | sort=price}}")
M("availability", "en",
  "need a 7 seater for under 30k, kids + grandma",
  "HARD: no filter for 'seats' in the feed; 3-row candidates priced under $30,000: {{stock: model=Telluride/Highlander/Durango & price<30000 | sort=price}}; 3-row units with no price: {{sns: model=Telluride/Palisade/Explorer & price= & cond=Used}}")
M("availability", "en",
  "got any convertibles?",
  "{{stock: trim~convertible/cabrio}}; closest (2-door coupes): {{list: type=Coupe}}")
M("availability", "es",
  "hay algún jeep wrangler? o algo parecido que sea 4x4",
  "Gloss: is there a Jeep Wrangler, or something similar that's 4x4? {{stock: model=Wrangler}}; closest Jeeps with feed drivetrain 4X4: {{list: make=Jeep & drive=4X4 | sort=price}}")
M("availability", "en",
  "do you have the santa fe hybrid in white",
  "HARD: the feed labels Santa Fe hybrids 'Gasoline', and the SEL HEV is filed under model 'Santa Fe', not 'Santa Fe Hybrid'. White: {{stock: model~Santa Fe & kind=hybrid & color=White}}")
M("availability", "en",
  "looking for a kia sportage",
  "{{stock: model=Sportage}}")
M("availability", "en",
  "anything under 17k?",
  "{{stock: price<17000 | sort=price}}")
M("availability", "ko",
  "아이오닉 6 재고 있나요?",
  "Korean. Gloss: do you have an Ioniq 6 in stock? {{stock: model=Ioniq 6}}")
M("availability", "en",
  "the grey tucson hybrid - still for sale or did it sell? 👀",
  "{{stock: model=Tucson Hybrid & color=Grey}}")
M("availability", "en",
  "any awd sedans on the lot",
  "HARD: several sedans have trim/drivetrain conflicts. Feed drivetrain AWD: {{stock: type=Sedan & awd=yes | sort=price}}; AWD only by trim name: {{sns: type=Sedan & awd=no & trim~AWD}}")
M("availability", "en",
  "any new palisades in black?",
  "{{stock: cond=New & model=Palisade & color=Black | sort=price}}")
M("availability", "ru",
  "Здравствуйте, есть ли у вас Kia Telluride 2022 года?",
  "Russian. Gloss: Hello, do you have a 2022 Kia Telluride? {{stock: year=2022 & model=Telluride | sort=price}}")
M("availability", "en",
  "I'm the guy who asked about the titan yesterday, is it still there",
  "HARD: a returning shopper, not an existing-customer issue. {{stock: model=Titan Xd}}")
M("availability", "es",
  "mi carro ya está muy viejo y quiero cambiarlo, qué camionetas tienen por menos de 20 mil?",
  "HARD: mentions replacing an old car (a possible trade) but makes no trade demand. Gloss: my car is old and I want to replace it, what SUVs do you have under 20k? {{stock: type=SUV & price<20000 | sort=price}}")

# ---------------------------------------------------------------- features (false)
M("features", "en",
  "does the tucson limited have heated seats in the back",
  "New Tucson Limited units: {{stock: model=Tucson & cond=New | sort=price}}")
M("features", "en",
  "does the santa cruz come with a bed cover",
  "{{stock: model=Santa Cruz}}")
M("features", "en",
  "is there apple carplay in the durango",
  "{{stock: model=Durango}}")
M("features", "es",
  "la palisade trae asientos ventilados?",
  "Gloss: does the Palisade have ventilated seats? Depends on trim: {{stock: model=Palisade & cond=New | sort=price}}")
M("features", "en",
  "ioniq 5 limited - does it have the heads up display?",
  "{{stock: model=Ioniq 5}}")
M("features", "en",
  "does the challenger have a sunroof",
  "The feed lists no options; the agent must not invent one. {{stock: model=Challenger}}")
M("features", "en",
  "remote start on the elantra?",
  "{{stock: model=Elantra | sort=year}}")
M("features", "en",
  "do the 2021 telluride SX's have captains chairs or a bench",
  "HARD: seat configuration is not in the feed; answer generally, not as a per-unit fact. {{stock: year=2021 & model=Telluride & trim~SX}}")

# ---------------------------------------------------------------- price_question (false)
M("price_question", "en",
  "how much is the santa cruz",
  "{{stock: model=Santa Cruz}}")
M("price_question", "en",
  "price on the 2022 palisade limited?",
  "{{stock: year=2022 & model=Palisade & trim~Limited}}")
M("price_question", "en",
  "hows much the niro ev",
  "{{stock: model=Niro Ev}}")
M("price_question", "es",
  "cuánto cuesta la ioniq 5?",
  "Gloss: how much is the Ioniq 5? {{stock: model=Ioniq 5}}")
M("price_question", "en",
  "does the price online include the doc fee and tax or is that on top",
  "HARD: about fees, but a general question on what the listed price includes, not a request for a discount.")
M("price_question", "en",
  "whats the price on the macan",
  "{{stock: model=Macan}}")
M("price_question", "en",
  "how much for the used kona",
  "HARD: the feed has no price for it; the agent must not invent one. {{stock: model=Kona}}")
M("price_question", "en",
  "any rebates on the palisade right now?",
  "Rebates are not in the feed.")
M("price_question", "en",
  "cheapest new hyundai you've got?",
  "Cheapest priced new units (two tie on price): {{list: cond=New | sort=price, n=2}}; next: {{list: cond=New | sort=price, i=2}}")
M("price_question", "en",
  "29,900 for the brown telluride, is that right?? seems low lol",
  "HARD: checking a listed price, not making an offer; there are three brown Tellurides, only one at that price. {{stock: model=Telluride & color=Brown | sort=price}}")

# ---------------------------------------------------------------- financing_general (false)
M("financing_general", "en",
  "do yall do buy here pay here")
M("financing_general", "en",
  "what kind of rates are you seeing on new cars right now")
M("financing_general", "es",
  "ustedes financian a estudiantes? o piden mucho enganche",
  "Gloss: do you finance students? or do you ask for a big down payment?")
M("financing_general", "en",
  "can i lease the ioniq 6 or is it purchase only",
  "{{stock: model=Ioniq 6}}")
M("financing_general", "en",
  "do you work with credit unions or only hyundai finance")
M("financing_general", "en",
  "how long can a loan go, like 84 months?")
M("financing_general", "en",
  "what credit score do you usually need for the 0% deals",
  "HARD: mentions credit score but gives no personal details.")
M("financing_general", "es",
  "hacen financing para gente que acaba de llegar al país? asking for my brother",
  "HARD: Spanglish (dominant es); asks on behalf of someone else with no personal details. Gloss: do you do financing for people who just arrived in the country?")
M("financing_general", "en",
  "my credit union gave me a rate sheet, do you accept outside financing?",
  "HARD: refers to their own lender but gives no personal credit/income details.")

# ---------------------------------------------------------------- hours_location (false)
M("hours_location", "en",
  "what time do u close tonight",
  "Hours are not in the feed; must not be invented.")
M("hours_location", "en",
  "are you guys open sundays")
M("hours_location", "en",
  "where are you exactly? coming from gary indiana")
M("hours_location", "es",
  "a qué hora abren los sábados?",
  "Gloss: what time do you open on Saturdays?")
M("hours_location", "en",
  "is the service department open saturdays?",
  "HARD: about service, but a general hours question, not an existing-customer problem.")
M("hours_location", "en",
  "might swing by the weekend, how late do you stay open",
  "HARD: a visit with no day/time fixed -> not appointment_time.")
M("hours_location", "en",
  "i work nights so mornings are all i got. do you open before 9?",
  "HARD: mentions a time, but only to ask about opening hours.")
M("hours_location", "en",
  "how far are you from the metra? don't have a ride")

# ---------------------------------------------------------------- photos (false)
M("photos", "en",
  "can u send more pics of the orange k5",
  "{{stock: model=K5 & color=Orange | show=img}}")
M("photos", "en",
  "the pic for the red ford edge looks like a stock photo, got any real ones?",
  "{{stock: model=Edge & color=Red | show=img}}")
M("photos", "es",
  "me pueden mandar fotos del interior de la palisade verde?",
  "Gloss: can you send me interior photos of the green Palisade? {{stock: model=Palisade & color=Green | show=img}}")
M("photos", "en",
  "is there a video walkaround of the durango anywhere",
  "{{stock: model=Durango | show=img}}")
M("photos", "en",
  "why does the santa fe hybrid listing have the same picture as like 20 other cars lol",
  "HARD: sounds like a complaint but it is a photo question; the 25-unit shared image is a feed quirk. {{stock: model=Santa Fe Hybrid | show=img}}")

# ---------------------------------------------------------------- mileage (false)
M("mileage", "en",
  "how many miles on the mustang",
  "{{stock: model=Mustang}}")
M("mileage", "en",
  "mileage on the silver sportage?",
  "HARD: mileage is missing in the feed (and the feed colour is Grey). {{stock: model=Sportage}}")
M("mileage", "en",
  "which of your rogues has the lowest miles",
  "Lowest: {{u: model=Rogue | sort=miles, i=0}}; all: {{list: model=Rogue | sort=miles}}")
M("mileage", "es",
  "cuántas millas tiene la titan?",
  "Gloss: how many miles does the Titan have? {{stock: model=Titan Xd}}")
M("mileage", "en",
  "wait the 'new' white palisade has almost 3000 miles on it?",
  "HARD: sounds like a complaint but it is a mileage question. {{stock: cond=New & model=Palisade & color=White & miles>1000}}")

# ---------------------------------------------------------------- comparison (false)
M("comparison", "en",
  "tucson vs santa fe for a family of 4, which would u pick")
M("comparison", "en",
  "whats the actual difference between the ioniq 5 and ioniq 6",
  "{{stock: model=Ioniq 5/Ioniq 6}}")
M("comparison", "en",
  "telluride or palisade? be honest lol")
M("comparison", "es",
  "qué diferencia hay entre el k5 y el forte?",
  "Gloss: what's the difference between the K5 and the Forte? {{stock: model=K5/Forte | sort=price}}")
M("comparison", "en",
  "altima vs malibu for a long commute?",
  "{{stock: model=Altima/Malibu | sort=price}}")
M("comparison", "en",
  "my sister says kia is just hyundai with a different badge, true?",
  "HARD: could read as small talk; it is a brand comparison question.")
M("comparison", "en",
  "which is bigger inside, the murano or the edge",
  "{{stock: model=Murano/Edge}}")

# ---------------------------------------------------------------- browsing (false)
M("browsing", "en",
  "just looking for now. what kinda SUVs do you carry")
M("browsing", "en",
  "not buying till spring, just seeing what's out there")
M("browsing", "es",
  "solo estoy viendo opciones, algo económico para mi hija que se va a la universidad",
  "Gloss: just looking at options, something cheap for my daughter who's going to college.")
M("browsing", "en",
  "show me what u got under 20k",
  "{{stock: price<20000 | sort=price}}")
M("browsing", "en",
  "what new models do you have?",
  "New models in the feed: {{models: cond=New}}")
M("browsing", "en",
  "I'm ready to start looking lol, no rush tho. maybe a sedan?",
  "HARD: 'ready' here means ready to browse, not ready to buy.")
M("browsing", "en",
  "got anything fun? something sporty",
  "e.g. {{list: type=Coupe}}; {{list: model=Charger/G70/Stelvio}}")
M("browsing", "pt",
  "Olá, só estou dando uma olhada. Vocês têm SUVs híbridos?",
  "Portuguese. Gloss: Hi, I'm just having a look. Do you have hybrid SUVs? {{stock: type=SUV & kind=hybrid | sort=price}}")
M("browsing", "en",
  "I'll probably be ready to buy in like 2 months, whats the cheapest santa fe",
  "HARD: 'ready to buy' is in the future; today it's a browsing/price question. Cheapest Santa Fe overall (used): {{u: model~Santa Fe | sort=price, i=0}}; cheapest new: {{u: model~Santa Fe & cond=New | sort=price, i=0}}")

# ---------------------------------------------------------------- small_talk (false)
M("small_talk", "en",
  "wait am I talking to AI rn 😂")
M("small_talk", "en",
  "happy holidays!!")
M("small_talk", "en",
  "thx for the help earlier 🙏")
M("small_talk", "es",
  "jaja ok muchas gracias, muy amable",
  "Gloss: haha ok thank you very much, very kind.")
M("small_talk", "en",
  "my husband is going to kill me for looking at cars again 😂",
  "HARD: joking about a spouse, not a complaint or request.")

# ---------------------------------------------------------------- vehicle_facts (false)
M("vehicle_facts", "en",
  "whats the range on the ioniq 5 limited",
  "{{stock: model=Ioniq 5}}")
M("vehicle_facts", "en",
  "mpg on the santa fe hybrid?",
  "{{stock: model~Santa Fe & kind=hybrid | sort=price}}")
M("vehicle_facts", "en",
  "how much can the santa cruz tow",
  "{{stock: model=Santa Cruz}}")
M("vehicle_facts", "es",
  "cuánto puede jalar la palisade? tengo un bote",
  "Gloss: how much can the Palisade tow? I have a boat.")
M("vehicle_facts", "en",
  "does the 10 year 100k warranty carry over if I buy one of your used hyundais",
  "HARD: warranty coverage in general (the powertrain part does not fully transfer to a second owner) -> vehicle_facts, not a warranty claim.")
M("vehicle_facts", "en",
  "any open recalls on stock 27181?",
  "HARD: recall question about a car on the lot -> vehicle_facts. {{stock: stock=27181}}")
M("vehicle_facts", "en",
  "is the tucson hybrid a plug in?",
  "HARD: the feed labels some Tucson Hybrids 'Electric'; they are regular (non-plug-in) hybrids. {{stock: model=Tucson Hybrid}}")
M("vehicle_facts", "en",
  "is the ioniq 6 you have rwd or awd",
  "HARD: trim says SEL AWD but the feed drivetrain says RWD; a good reply must not state either as fact. {{stock: model=Ioniq 6}}")
M("vehicle_facts", "en",
  "is the 2021 tucson actually awd? the listing title says AWD but somewhere else it says FWD",
  "HARD: mentions a listing discrepancy calmly; it is a drivetrain question, not a complaint. {{stock: year=2021 & model=Tucson}}")

# ---------------------------------------------------------------- other_ai (false)
M("other_ai", "en",
  "do you guys buy cars outright even if I'm not buying one from you")
M("other_ai", "en",
  "how do trade-ins work with you, do you just go by kbb?",
  "HARD: trade-in question with no number or ultimatum.")
M("other_ai", "en",
  "my lawyer buddy always says get an inspection - can i bring my own mechanic to look at a used one?",
  "HARD: mentions a lawyer but there is no threat.")
