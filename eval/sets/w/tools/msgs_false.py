"""Set W first messages, handover = false side."""
from common import Q, L, U, m, S
from feed import price_diff

# ---------------------------------------------------------------- availability
m("do you have any new tucsons in white",
  "availability", "en",
  "stock: " + L(Q(cond="New", model="Tucson", color="White"), "drivetrain") +
  ". White Tucson Hybrid also: " + L(Q(model="Tucson Hybrid", color="White")) + ".")
m("got any 3 row suvs under 30k?",
  "availability", "en",
  "Rows are not in the feed; agent must use model knowledge. Priced 3-row models at or under $30,000 (customer's figure): " +
  L(Q(cond="Used", model=["Palisade", "Telluride", "Highlander", "Durango", "Tahoe", "Explorer", "Qx60", "Sorento"], price_max=30000, sort="price")) +
  ". 3-row units with no price in feed (must not be claimed as under 30k): " +
  L(Q(cond="Used", model=["Palisade", "Telluride", "Highlander", "Durango", "Tahoe", "Explorer", "Qx60", "Sorento"], priced=False)) + ".",
  hard="'3 row' is not a feed field; no-price units must not be called under 30k.")
m("any trucks",
  "availability", "en",
  "Type Truck in feed: " + L(Q(type="Truck")) + ". The Santa Cruz is the only new one.")
m("tienen la Elantra 2024?",
  "availability", "es",
  "Gloss: 'do you have the 2024 Elantra?'. No new Elantra; stock: " + L(Q(model="Elantra", year=2024)) +
  " (used). Also " + L(Q(model="Elantra", year=2023)) + ".",
  hard="the 2024 one exists but is used; agent must not say none and must not call it new.")
m("Do you have a Sonata?",
  "availability", "en",
  "none in stock. Closest: Hyundai Elantras " + L(Q(model="Elantra")) + "; midsize Kia K5s " + L(Q(model="K5")) + ".")
m("still have the orange k5?",
  "availability", "en", "stock: " + L(Q(model="K5", color="Orange")) + ".")
m("is stock 27181 still available",
  "availability", "en", "stock: " + S("27181") + ".")
m("looking for anything with a manual transmission",
  "availability", "en",
  "Feed transmission Manual: " + L(Q(trans="Manual")) + ". 15549A's trim says IVT (Kia's CVT), so its 'Manual' is a feed conflict; only KV5493 and KV5552 are safe answers.",
  hard="one of the three 'Manual' units is almost certainly mislabelled.")
m("need something awd for the winter under 20 grand",
  "availability", "en",
  "Feed drivetrain AWD/4X4 and price at or under $20,000 (customer's figure): " + L(Q(drive=["AWD", "4X4"], price_max=20000), "drivetrain") +
  " — WV14984's trim says FWD (conflict). Trims saying AWD but feed drivetrain FWD: " + L(Q(trim="AWD", drive="FWD", price_max=20000), "drivetrain") +
  ". Good reply flags conflicts instead of stating AWD/FWD as fact.",
  hard="every candidate except the Ecosport has a trim/drivetrain conflict.")
m("Any Ioniq 5 N in stock?",
  "availability", "en",
  "none in stock (no N). Closest: " + L(Q(model="Ioniq 5")) + "; " + L(Q(model="Ioniq 6"), "drivetrain") + ".")
m("yo u got any challengers or chargers",
  "availability", "en", "stock: " + L(Q(model=["Challenger", "Charger"])) + ".")
m("do you have any electric cars?",
  "availability", "en",
  "Fully electric: " + L(Q(model=["Ioniq 5", "Ioniq 6", "Niro Ev"])) +
  ". Labelled Electric but actually hybrids: " + L(Q(fuel="Electric", model=["Tucson Hybrid", "Prius Prime"]), "fuel") +
  ". Agent must not present the Tucson Hybrids or the Prius Prime (plug-in hybrid) as full EVs.",
  hard="the feed's fuel field says Electric for hybrids.")
m("busco una troca 4x4 usada, que tienen?",
  "availability", "es",
  "Gloss: 'I'm looking for a used 4x4 truck, what do you have?'. Used trucks with feed drivetrain 4X4: " +
  L(Q(cond="Used", type="Truck", drive="4X4")) + ". " + S("KV5543", "drivetrain") +
  " says 4x4 in the trim but RWD in the feed drivetrain (conflict).")
m("Do you have the 2025 Santa Fe Hybrid?",
  "availability", "en", "stock: " + L(Q(model="Santa Fe Hybrid", year=2025), "fuel", "drivetrain") + ".")
m("looking for a honda crv",
  "availability", "en",
  "none in stock. Only Honda: " + L(Q(make="Honda")) + ". Closest compact SUVs, e.g. Rogues " + L(Q(model="Rogue")) +
  " and used Tucsons " + L(Q(cond="Used", model="Tucson")) + ".")
m("white palisade??",
  "availability", "en", "stock: " + L(Q(model="Palisade", color="White"), "drivetrain") + ".")
m("any jeeps under 25k",
  "availability", "en",
  "Priced at or under $25,000 (customer's figure): " + L(Q(make="Jeep", price_max=25000), "drivetrain") +
  ". Jeeps with no price in feed: " + L(Q(make="Jeep", priced=False)) + ".")
m("is the porsche still there? the macan",
  "availability", "en", "stock: " + L(Q(make="Porsche")) + ".")
m("tienen algo used tipo sedan que no pase de 20k?",
  "availability", "es",
  "Spanglish (dominant Spanish). Gloss: 'do you have something used, sedan type, not over 20k?'. Used sedans at or under $20,000 (customer's figure): " +
  L(Q(cond="Used", type="Sedan", price_max=20000, sort="price"), "transmission") + ".")
m("2022 or newer telluride with under 30k miles?",
  "availability", "en",
  "stock: " + L(Q(model="Telluride", year_min=2022, miles_max=30000, sort="miles")) + ".")
m("Vocês têm o Santa Fe 2025 branco?",
  "availability", "pt",
  "Portuguese. Gloss: 'Do you have the white 2025 Santa Fe?'. stock: " + L(Q(model="Santa Fe", year=2025, color="White")) +
  "; white hybrid: " + L(Q(model="Santa Fe Hybrid", year=2025, color="White")) + ".")
m("May available pa ba kayong Tucson na kulay pula?",
  "availability", "tl",
  "Tagalog/Taglish. Gloss: 'Do you still have a red Tucson available?'. none in stock in Red; closest: Burgundy " +
  L(Q(model="Tucson", color="Burgundy"), "drivetrain") + ".",
  hard="no red, but two burgundy units; agent should offer them rather than a flat no.")
m("is stock 26455 still available? saw it on cars.com last week",
  "availability", "en",
  "not in feed: 26455 (likely sold). Agent must not invent details for it; may ask what model or offer similar units.",
  hard="stock number looks like the dealer's format but is not in the feed.")

# -------------------------------------------------------------------- features
m("does the palisade calligraphy have the massage seats",
  "features", "en",
  "Equipment not in feed; model knowledge only. New Palisade Calligraphy units: " + L(Q(cond="New", model="Palisade", trim="Calligraphy")) + ".")
m("does the ioniq 6 have apple carplay",
  "features", "en", "stock: " + L(Q(model="Ioniq 6")) + ".")
m("Is the Santa Cruz an actual truck bed or like a tiny little thing",
  "features", "en", "stock: " + L(Q(model="Santa Cruz"), "type") + ".")
m("la Tucson Limited tiene quemacocos?",
  "features", "es",
  "Gloss: 'does the Tucson Limited have a sunroof?'. New Tucson Limited: " + L(Q(cond="New", model="Tucson", trim="Limited")) + ".")
m("heated steering wheel on the tucson hybrid??",
  "features", "en", "stock: " + L(Q(model="Tucson Hybrid")) + ".")
m("q8 have a panoramic roof?",
  "features", "en", "stock: " + L(Q(model="Q8")) + ".")
m("how many seats in the new santa fe, does it have a 3rd row",
  "features", "en",
  "New units under model 'Santa Fe' (incl. the SEL HEV): " + L(Q(cond="New", model="Santa Fe")) + ". Seating not in feed.")
m("does the used elantra have remote start",
  "features", "en",
  "Used Elantras (ambiguous): " + L(Q(model="Elantra")) + ".")
m("Есть ли у Palisade подогрев задних сидений?",
  "features", "ru",
  "Russian. Gloss: 'Does the Palisade have heated rear seats?'. New Palisades in stock e.g. " +
  L(Q(cond="New", model="Palisade", trim="Calligraphy", color="Black")) + ".")

# --------------------------------------------------------------- price_question
m("how much is the green telluride",
  "price_question", "en", "stock: " + L(Q(model="Telluride", color="Green")) + ".")
m("price on 26483?",
  "price_question", "en", "stock: " + S("26483") + ".")
m("how much for the kona",
  "price_question", "en",
  "stock: " + L(Q(model="Kona")) + ". No price in feed; agent must not invent one, should offer to get it.",
  hard="only one matching unit and it has no price.")
m("does your listed price include doc fee and tax or is that extra",
  "price_question", "en", "General pricing question; fees are not in the feed.")
m("¿Cuánto cuesta la Santa Cruz?",
  "price_question", "es", "Gloss: 'How much is the Santa Cruz?'. stock: " + L(Q(model="Santa Cruz")) + ".")
m("what's the manager's special this week",
  "price_question", "en", "Not a manager request.",
  hard="contains 'manager'.")
m("how much is the cheapest new palisade",
  "price_question", "en",
  "stock: " + L(Q(cond="New", model="Palisade", sort="price", take=1), "drivetrain") + " (2025 SEL; trim says FWD, feed drivetrain RWD).")
m("r there any rebates on the ioniq 5 rn",
  "price_question", "en", "Rebates not in feed. stock: " + L(Q(model="Ioniq 5")) + ".")
m("what are they asking for the bmw x3",
  "price_question", "en", "stock: " + L(Q(model="X3")) + ".")
m("does the 59k on the ioniq 5 already have the tax credit taken off?",
  "price_question", "en",
  "What the listed price includes. stock: " + L(Q(model="Ioniq 5")) + ".")
m("price of the 2023 palisade?",
  "price_question", "en",
  "stock: " + L(Q(model="Palisade", year=2023)) + ".")

# ----------------------------------------------------------- financing_general
m("do yall do buy here pay here",
  "financing_general", "en", "")
m("Do you work with first time buyers? No cosigner",
  "financing_general", "en",
  "'No cosigner' is a general condition, not a description of a co-signer situation.",
  hard="mentions cosigner.")
m("¿aceptan ITIN?",
  "financing_general", "es", "Gloss: 'do you accept ITIN?' Policy question, no personal status stated.",
  hard="ITIN keyword; without personal details it is general.")
m("whats the longest loan term you guys offer, 84?",
  "financing_general", "en", "")
m("do you do leases on the ioniq 5",
  "financing_general", "en", "stock: " + L(Q(model="Ioniq 5")) + ".")
m("can I get preapproved online without a hard pull",
  "financing_general", "en", "")
m("got your email about 0% on palisades, is that for real or is there a catch",
  "financing_general", "en", "Reply to a campaign e-mail; promo terms are not in the feed, agent must not invent rates.")
m("¿Financian a personas con mal crédito?",
  "financing_general", "es", "Gloss: 'Do you finance people with bad credit?'")
m("do you guys take outside financing, like from my credit union",
  "financing_general", "en", "No personal details.",
  hard="'my credit union' sounds personal but no status/approval is given.")

# -------------------------------------------------------------- hours_location
m("what time do u close tonight",
  "hours_location", "en", "Hours are not in the feed.")
m("are you open sundays",
  "hours_location", "en", "Illinois dealers are closed Sundays by state law.")
m("whats the address, coming from joliet",
  "hours_location", "en", "")
m("¿A qué hora abren el sábado?",
  "hours_location", "es", "Gloss: 'What time do you open on Saturday?'")
m("which exit off 57 are you guys by",
  "hours_location", "en", "")
m("might swing by saturday with my dad, what are your hours",
  "hours_location", "en", "Visit without a time -> false.",
  hard="a planned visit, but no time.")
m("is your service dept open on saturdays",
  "hours_location", "en", "")
m("how far are you from the metra? i dont have a car yet lol",
  "hours_location", "en", "")
m("ما هي ساعات العمل يوم السبت؟",
  "hours_location", "ar", "Arabic. Gloss: 'What are the opening hours on Saturday?'")
m("im in 60466, how far is that from you",
  "hours_location", "en", "60466 is a Park Forest ZIP, not a stock number.",
  hard="5-digit number could be mistaken for a stock number.")

# --------------------------------------------------------------------- photos
m("can u send more pics of the inside of the brown palisade",
  "photos", "en", "stock: " + L(Q(model="Palisade", color="Brown"), "image", "drivetrain") + ".")
m("Do you have a video walkaround of the Q5?",
  "photos", "en", "stock: " + L(Q(model="Q5"), "image") + ".")
m("mándame fotos de la Tucson gris",
  "photos", "es",
  "Gloss: 'send me photos of the grey Tucson'. Ambiguous: " + L(Q(model=["Tucson", "Tucson Hybrid"], color="Grey"), "image") + ".")
m("the tucson hybrid on your site has no pictures, what color is it even",
  "photos", "en",
  "Tucson Hybrids with placeholder images and no colour in feed: " + L(Q(model="Tucson Hybrid", color=""), "image") +
  ". Agent must not guess a colour.",
  hard="photos + a colour the feed does not have.")
m("pics of the underneath of the silverado? checking for rust",
  "photos", "en", "stock: " + L(Q(model="Silverado 1500"), "image") + ".")

# -------------------------------------------------------------------- mileage
m("how many miles on the lexus",
  "mileage", "en", "stock: " + L(Q(make="Lexus")) + ".")
m("miles on the sportage?",
  "mileage", "en", "stock: " + L(Q(model="Sportage")) + ". Mileage missing in feed; agent must not invent it.",
  hard="the only matching unit has no mileage.")
m("why does a NEW palisade on your site have like 2900 miles on it??",
  "mileage", "en",
  "stock: " + L(Q(cond="New", model="Palisade", miles_max=5000, sort="miles", take=-1)) + ". Reason is not in the feed (demo/loaner is a guess); must not be stated as fact.",
  hard="capitals/question marks read like a complaint, but it is a question.")
m("cuantas millas tiene la camry",
  "mileage", "es", "Gloss: 'how many miles does the Camry have'. stock: " + L(Q(model="Camry")) + ".")
m("lowest mileage used suv you got?",
  "mileage", "en",
  "stock: " + L(Q(cond="Used", type="SUV", sort="miles", take=2)) + ". The lowest is a used 2024 with almost no miles; units without mileage must not be assumed lower.")

# ----------------------------------------------------------------- comparison
m("palisade vs telluride, which is better for a family of 6",
  "comparison", "en",
  "Both in stock, e.g. cheapest of each: " + L(Q(model="Palisade", priced=True, sort="price", take=1)) + "; " +
  L(Q(model="Telluride", priced=True, sort="price", take=1)) + ".")
m("whats the difference between the tucson limited and the tucson hybrid limited you have",
  "comparison", "en",
  "Gas Limited (2024): " + L(Q(cond="New", model="Tucson", year=2024)) + ". Hybrid Limited: " + L(Q(model="Tucson Hybrid")) +
  ". e.g. " + price_diff("26989", "27103") + ".")
m("ioniq 5 or ioniq 6, which has more range",
  "comparison", "en", "stock: " + L(Q(model=["Ioniq 5", "Ioniq 6"]), "drivetrain") + ". Range not in feed.")
m("qué es mejor, la Santa Fe o la Tucson? para una familia de 4",
  "comparison", "es", "Gloss: 'which is better, the Santa Fe or the Tucson? for a family of 4'. Both in stock (new and used).")
m("is the 2025 santa fe calligraphy worth the extra over the 2024?",
  "comparison", "en",
  "2024: " + L(Q(cond="New", model="Santa Fe", year=2024, trim="Calligraphy", sort="price")) +
  ". 2025: " + L(Q(cond="New", model="Santa Fe", year=2025, trim="Calligraphy", sort="price"), "drivetrain") +
  ". e.g. cheapest of each: " + price_diff("26891", "27202") + ".")
m("rogue or escape for my kid going off to college",
  "comparison", "en",
  "Rogues: " + L(Q(model="Rogue")) + ". Escapes: " + L(Q(model="Escape")) + ".")
m("G70 or the Arteon, which one's quicker?",
  "comparison", "en", "stock: " + U("DT15464A", "WV15153") + ".")

# ------------------------------------------------------------------- browsing
m("just looking for now",
  "browsing", "en", "")
m("what do you have for a first car for my 16 yr old. safe, cheap, nothing crazy",
  "browsing", "en", "")
m("lol my wallet is crying but my car just died. whats the cheapest thing on the lot",
  "browsing", "en",
  "Cheapest priced: " + L(Q(priced=True, sort="price", take=1), "type") + ". Joke, not a complaint.",
  hard="'crying' + 'died' are negative words but it is a joke.")
m("solo estoy viendo opciones, gracias",
  "browsing", "es", "Gloss: 'just looking at options, thanks'")
m("need something reliable for doordash, good on gas",
  "browsing", "en", "")
m("not buying till tax season, just seeing what's out there",
  "browsing", "en", "")
m("something fun. 2 doors. go.",
  "browsing", "en", "2-door units: " + L(Q(type="Coupe")) + ".")
m("my manager at work just got a palisade and now I want one lol. what colors do they come in",
  "browsing", "en",
  "Palisade colours in stock come from the feed only: " + L(Q(model="Palisade")) + ".",
  hard="'manager' is not a request for one.")
m("quiero algo grande para la familia, somos 7",
  "browsing", "es", "Gloss: 'I want something big for the family, there are 7 of us'. 3-row models: Palisade, Telluride, etc.")
m("got ur text. not interested rn, maybe in the spring",
  "browsing", "en", "Reply to an SMS campaign; soft no, not a complaint or opt-out demand.",
  hard="negative reply to a campaign but calm; no handover needed.")
m("replying to your holiday sale email, what's actually on sale",
  "browsing", "en", "Sale details are not in the feed.")

# ----------------------------------------------------------------- small_talk
m("hi", "small_talk", "en", "")
m("Good morning!", "small_talk", "en", "")
m("👍", "small_talk", "en", "")
m("hola buenas tardes", "small_talk", "es", "Gloss: 'hello, good afternoon'")
m("thanks for the info, have a good one", "small_talk", "en", "")
m("r u a robot 😂", "small_talk", "en", "Curiosity, no request for a person.",
  hard="bot question without asking to be connected.")
m("who is this?", "small_talk", "en", "Reply to an unknown SMS number.")

# -------------------------------------------------------------- vehicle_facts
m("whats the warranty on a used hyundai if I buy from you",
  "vehicle_facts", "en", "General warranty question.")
m("any open recalls on that 2021 santa fe you have",
  "vehicle_facts", "en",
  "stock: " + L(Q(model="Santa Fe", year=2021)) + ". Recall status not in feed; agent may offer a VIN check.",
  hard="'recall' about a car on the lot, not the customer's own.")
m("how far does the ioniq 5 really go on a charge in the winter",
  "vehicle_facts", "en", "stock: " + L(Q(model="Ioniq 5")) + ".")
m("Has the Tahoe been in any accidents? Is there a carfax?",
  "vehicle_facts", "en", "stock: " + L(Q(model="Tahoe")) + ". History not in feed.")
m("towing capacity on the palisade?",
  "vehicle_facts", "en", "")
m("¿la garantía de 10 años aplica si la compro usada?",
  "vehicle_facts", "es", "Gloss: 'does the 10-year warranty apply if I buy it used?'")
m("my buddy who's a lawyer says there was a class action on hyundai engines, is that fixed on the 2022s?",
  "vehicle_facts", "en",
  "Not a threat against the dealer. 2022 Hyundais in stock: " + L(Q(make="Hyundai", year=2022)) + ".",
  hard="'lawyer' + 'class action' keywords.")
m("is the f150 the 5.0 or the ecoboost?",
  "vehicle_facts", "en",
  "stock: " + L(Q(model="F-150")) + ". Engine and trim not in the feed (trim field is garbage); agent must not guess.",
  hard="the feed literally cannot answer.")
m("is the santa fe hybrid a plug in",
  "vehicle_facts", "en",
  "stock: " + L(Q(model="Santa Fe Hybrid"), "fuel") + ". Regular (non-plug-in) hybrid; feed fuel says Gasoline.")
m("is the ioniq 6 awd? the listing says SEL AWD",
  "vehicle_facts", "en",
  "stock: " + L(Q(model="Ioniq 6"), "drivetrain") + ". Trim vs drivetrain conflict; must not state either as fact.",
  hard="the customer quotes the trim; the feed drivetrain disagrees.")
m("was the q8 a lease return? one owner?",
  "vehicle_facts", "en", "stock: " + L(Q(model="Q8")) + ". History not in feed.")

# ------------------------------------------------------------------ other_ai
m("do you take trade ins", "other_ai", "en", "")
m("what would you give me for my 2017 elantra, 92k, runs great no accidents",
  "other_ai", "en",
  "Trade value request without a firm number; agent should collect details / offer an appraisal, not quote a figure.",
  hard="a trade with details; no number or ultimatum, so not trade_in_firm.")
m("do you deliver? I'm up in evanston", "other_ai", "en", "")
m("¿reciben carros a cuenta?", "other_ai", "es", "Gloss: 'do you take cars as trade-ins?'")
m("can I hold a car with a deposit online or do I have to come in", "other_ai", "en",
  "Process question, no specific car or commitment.",
  hard="'deposit' sounds like ready_to_buy, but nothing is chosen.")
m("do you sell to out of state buyers? im in indiana", "other_ai", "en", "")
