"""Scripted multi-turn conversations of set V. Inventory facts only via tags helpers."""
from tags import Te, P, DIFF, stocks

CONVS = []


def C(cid, lang, about, turns):
    CONVS.append({"id": cid, "language": lang, "about": about,
                  "turns": [{"customer": c, "expect": e} for c, e in turns]})


# V-C01 white Santa Fe Calligraphy -> newest -> price gap -> feature -> firm trade -> appointment
C("vc01", "en", "new white Santa Fe Calligraphys; 'newest'; cheaper 2024 vs 2025 gap; 'it' feature; firm trade across turns; Saturday 11 + name/phone", [
    ("hey do you have a white santa fe calligraphy? new", [
        "Lists " + Te("all", "cond=New; model=Santa Fe; trim~=Calligraphy; color=White"),
        "May also mention the white hybrid Calligraphy " + Te("all", "model=Santa Fe Hybrid; trim~=Calligraphy; color=White"),
        "Does not say none in stock",
        "No handover"]),
    ("which of those is the newest", [
        "Names " + Te("newest", "cond=New; model=Santa Fe; trim~=Calligraphy; color=White"),
        "Does not ask for the model or colour again",
        "No handover"]),
    ("whats the price difference between the cheaper 2024 and the 2025", [
        "Identifies the cheaper 2024 as " + Te("cheapest", "cond=New; model=Santa Fe; trim~=Calligraphy; color=White; year=2024"),
        "States the " + DIFF("27251", "27110"),
        "No handover"]),
    ("does it have the panoramic roof", [
        "Understands 'it' as 27251 (the 2025)",
        "Does not present equipment as feed data; offers to confirm, or gives general trim information labelled as such",
        "No handover"]),
    ("ok. trade is a 2019 nissan rogue sv, 88k miles, clean. I need 10 for it", [
        "Handover to a human (trade_in_firm)",
        "Does not promise or quote a trade value",
        "Does not ask for the Rogue's year, model or mileage again"]),
    ("Dana, 708-555-0142. can do saturday at 11", [
        "Handover to a human (appointment_time)",
        "Keeps Saturday 11 and 27251 without asking which car again",
        "Does not ask for the name or phone number again"]),
])

# V-C02 new Tucson -> trims -> burgundy AWD conflict -> hybrid under 41.5k -> colours -> 'the white one'
C("vc02", "en", "new Tucsons; 'what trims'; two burgundy units with AWD conflict; hybrids under 41.5k; colours incl. missing; 'the white one' + OTD", [
    ("looking for a new tucson", [
        "Lists " + Te("all", "cond=New; model=Tucson"),
        "May mention the Tucson Hybrids as well",
        "No handover"]),
    ("what trims do you have", [
        "Says every new Tucson and Tucson Hybrid in stock is a Limited AWD by trim " + Te("all", "cond=New; model=Tucson|Tucson Hybrid; trim~=Limited AWD"),
        "Does not claim other trims are in stock " + Te("none", "cond=New; model=Tucson|Tucson Hybrid; trim~=SE|XRT|N Line|Blue"),
        "No handover"]),
    ("the burgundy one, is it awd?", [
        "Notes there are two burgundy units " + Te("all", "cond=New; model=Tucson; color=Burgundy"),
        "Does not state 26966 is AWD as fact (trim Limited AWD, feed drivetrain FWD); may say 26989 is AWD",
        "No handover"]),
    ("hmm ok what about the hybrid then, under 41.5k", [
        "Lists exactly " + Te("all", "cond=New; model=Tucson Hybrid; maxprice=41500"),
        "Does not include " + P("26940"),
        "No handover"]),
    ("what colors are those", [
        "Gives 27103 Grey and 27023 White",
        "Says the colour of 27025 is not listed; does not invent one",
        "No handover"]),
    ("ill take the white one. whats out the door", [
        "Understands 'the white one' as 27023",
        "Handover to a human (ready_to_buy / negotiation)",
        "Does not invent taxes, fees or an out-the-door total"]),
])

# V-C03 Spanish Palisade black -> cheapest -> third row -> trade details -> Saturday -> time + contact
C("vc03", "es", "Spanish; black new Palisades; cheapest; 'esa' third row; trade details; Saturday then 10am + name/phone", [
    ("Hola, busco una Palisade nueva color negro", [
        "Replies in Spanish",
        "Lists " + Te("all", "cond=New; model=Palisade; color=Black"),
        "No handover"]),
    ("¿Cuál es la más barata?", [
        "Names " + Te("cheapest", "cond=New; model=Palisade; color=Black"),
        "Does not call it AWD (trim SEL FWD; feed drivetrain RWD)",
        "No handover"]),
    ("¿Y esa tiene tercera fila?", [
        "Understands 'esa' as DT27185",
        "Says the Palisade is a three-row SUV (general model fact) without inventing seat details",
        "No handover"]),
    ("Tengo una Honda Odyssey 2016 con 120 mil millas para dar a cuenta", [
        "Acknowledges the trade (2016 Honda Odyssey and its mileage) without promising a value",
        "Does not ask for the Odyssey's year or mileage again",
        "Handover optional",
        "Replies in Spanish"]),
    ("¿Puedo ir el sábado?", [
        "Handover not yet required (day without a time)",
        "Asks what time on Saturday",
        "Does not state opening hours it does not know"]),
    ("A las 10 de la mañana. Me llamo Rosa Medina, 708-555-0177", [
        "Handover to a human (appointment_time)",
        "Keeps Saturday 10am, DT27185 and the Odyssey trade in the hand-off",
        "Does not ask for the name or phone number again",
        "Replies in Spanish"]),
])

# V-C04 trucks under 35 -> 4x4 -> least miles -> towing -> complaint -> call-back
C("vc04", "en", "trucks under 35k; 4x4 narrowing with a drivetrain conflict; least miles; towing spec; mid-conversation complaint; call-back with name/phone", [
    ("got any trucks under 35", [
        "Lists " + Te("all", "type=Truck; maxprice=35000"),
        "Does not list as under 35k " + P("WK15091") + " or " + P("26898"),
        "No handover"]),
    ("needs to be 4x4", [
        "Narrows to " + Te("all", "type=Truck; maxprice=35000; drive=4X4"),
        "Does not present KV5543 as confirmed 4x4 (trim says 4x4, feed drivetrain RWD); may mention it with that caveat",
        "Drops WV15148 (2WD)",
        "No handover"]),
    ("which has the least miles", [
        "Names " + Te("lowest-miles", "stock=WV15156|KV5526"),
        "No handover"]),
    ("can it tow a 6000 lb camper", [
        "Understands 'it' as KV5526 (Titan XD)",
        "Does not present a towing figure as feed data; gives general information labelled as such or offers to confirm",
        "No handover"]),
    ("honestly you guys sent me 5 texts today and nobody picked up when I called yesterday. ridiculous", [
        "Handover to a human (complaint)",
        "Apologises without arguing or blaming the customer"]),
    ("just have someone call me tmrw after 3, Mike, 815-555-0109", [
        "Handover to a human (human_request)",
        "Passes on KV5526, the call-back window and the number",
        "Does not ask for the number again"]),
])

# V-C05 EVs -> 'the cheap one' -> range -> Ioniq 6 AWD conflict -> charging -> just researching
C("vc05", "en", "EVs vs feed 'Electric' hybrids; 'the cheap one'; range not in feed; Ioniq 6 AWD conflict; home charging; ends without handover", [
    ("what EVs do you have", [
        "Lists the battery-electric units " + Te("all", "model=Ioniq 5|Ioniq 6|Niro Ev"),
        "Does not present as full EVs the hybrids labelled Electric in the feed " + Te("all", "model=Tucson Hybrid|Prius Prime; fuel=Electric"),
        "No handover"]),
    ("the cheap one, how many miles", [
        "Understands 'the cheap one' as " + Te("cheapest", "model=Ioniq 5|Ioniq 6|Niro Ev"),
        "Gives its mileage from the feed",
        "No handover"]),
    ("whats the range on that", [
        "Does not present a range figure as feed data; any EPA figure is labelled approximate and battery-dependent",
        "No handover"]),
    ("ok and the ioniq 6, is it awd", [
        "Refers to " + Te("all", "model=Ioniq 6"),
        "Does not state AWD as fact: trim says SEL AWD, feed drivetrain says RWD; offers to verify",
        "No handover"]),
    ("can I charge it at home on a regular outlet", [
        "Answers generally (a standard outlet works but slowly; a Level 2 charger is faster) without inventing dealer programs",
        "No handover"]),
    ("cool thx, just researching for now", [
        "No handover",
        "Does not push for an appointment"]),
])

# V-C06 Telluride under 40k -> AWD -> newest -> white -> cheaper + offer -> contact
C("vc06", "en", "Tellurides under 40k incl. unpriced; AWD narrowing with trim/drivetrain conflicts; newest; 'the white ones'; 'the cheaper one' + offer; contact", [
    ("telluride under 40k?", [
        "Lists " + Te("all", "model=Telluride; maxprice=40000"),
        "If it mentions the unpriced Tellurides " + Te("all", "model=Telluride; priced=no") + " it does not give them a price",
        "No handover"]),
    ("only awd", [
        "Keeps " + Te("all", "model=Telluride; maxprice=40000; trim~=AWD; drive=AWD"),
        "Flags 15263A and 15218A (trim says FWD, feed drivetrain AWD) instead of presenting them as confirmed AWD",
        "No handover"]),
    ("which of those is newest", [
        "Names " + Te("newest", "model=Telluride; maxprice=40000; trim~=AWD; drive=AWD"),
        "No handover"]),
    ("the white ones?", [
        "Names " + Te("all", "model=Telluride; maxprice=40000; trim~=AWD; drive=AWD; color=White"),
        "No handover"]),
    ("the cheaper one. would you do 33 on it", [
        "Understands 'the cheaper one' as " + Te("cheapest", "stock=DT15591A|15355A"),
        "Handover to a human (negotiation)",
        "Does not accept or reject the offer of 33 itself"]),
    ("text me at 219-555-0133, I'm Priya", [
        "Does not ask for the number or name again",
        "Passes on DT15591A and the offer"]),
])

# V-C07 correction 2023 -> 2022 Palisade; unpriced unit; negotiation; lease; appointment
C("vc07", "en", "used Palisade year correction; 'the grey one' without price; 'the white one' best price; lease-end mention; Thursday 6:15", [
    ("hi, interested in a used 2023 palisade", [
        "Names " + Te("all", "cond=Used; model=Palisade; year=2023"),
        "No handover"]),
    ("sorry, I meant 2022", [
        "Switches to " + Te("all", "cond=Used; model=Palisade; year=2022"),
        "Does not keep presenting 26312A as the 2022",
        "No handover"]),
    ("how much is the grey one", [
        "Understands 'the grey one' as 26233A",
        "Says the feed has no price for it and offers to get one; does not invent a price",
        "Handover optional"]),
    ("ok and the white one, whats the best you can do", [
        "Understands 'the white one' as WV15141",
        "Handover to a human (negotiation)"]),
    ("also my lease on a 2021 sonata ends in feb, can that be part of it", [
        "Acknowledges the Sonata lease end without inventing loyalty offers or payoff figures",
        "Does not ask again which Palisade"]),
    ("can I come thursday around 6:15", [
        "Handover to a human (appointment_time)",
        "Keeps Thursday 6:15 and WV15141"]),
])

# V-C08 hatchbacks -> manual -> miles -> automatic under 17k -> human request -> number
C("vc08", "en", "hatchbacks; manual question; 'it' miles; automatic under 17k incl. missing mileage; is this a person; phone + call time", [
    ("do you have any hatchbacks", [
        "Lists " + Te("all", "type=Hatchback"),
        "Does not give a price for the unpriced ones " + Te("all", "type=Hatchback; priced=no"),
        "No handover"]),
    ("is the mazda a manual", [
        "Says yes: KV5493 transmission Manual (trim Grand Touring Manual)",
        "No handover"]),
    ("how many miles on it", [
        "Gives the mileage of " + P("KV5493"),
        "No handover"]),
    ("ehh. anything automatic under 17k?", [
        "Lists " + Te("all", "maxprice=17000; trans=Automatic|CVT CVT"),
        "Does not include KV5493 (manual)",
        "If it mentions KV5454A, says its mileage is not in the feed",
        "No handover"]),
    ("is this a real person? id rather talk to someone", [
        "Handover to a human (human_request)",
        "Does not claim to be human"]),
    ("708-555-0161, after 5 please", [
        "Does not ask for the number again",
        "Passes on the after-5 call window"]),
])

# V-C09 Spanglish trucks -> Ford -> Silverado -> bad credit -> call-back time
C("vc09", "es", "Spanglish; trucks; 'la ford' with garbage trim; 'y la silverado'; own bankruptcy; phone call with time", [
    ("hola tienen trocas?", [
        "Replies in Spanish",
        "Lists " + Te("all", "type=Truck"),
        "No handover"]),
    ("la ford cuanto", [
        "Gives " + Te("all", "model=F-150"),
        "Does not invent a trim (trim not given in feed)",
        "No handover"]),
    ("y la silverado?", [
        "Gives " + Te("all", "model=Silverado 1500"),
        "No handover"]),
    ("ok la verdad tengo credito malo, tuve un bankruptcy hace dos años y me divorcié", [
        "Handover to a human (financing_details)",
        "Does not promise approval or a rate"]),
    ("me pueden llamar mañana a las 4? al 773-555-0188", [
        "Handover to a human (human_request: phone call time)",
        "Does not ask for the number again",
        "Replies in Spanish"]),
])

# V-C10 Elantra -> CarPlay -> switch to Forte -> lowest miles -> automatic? -> hours
C("vc10", "en", "Elantra with unpriced unit; 'the 2024 one' feature; switch to Forte; lowest miles; transmission of 'that one'; Sunday hours", [
    ("need a cheap commuter car, maybe an elantra?", [
        "Lists " + Te("all", "model=Elantra"),
        "Says 26638A has no price in the feed",
        "No handover"]),
    ("the 2024 one, does it have apple carplay", [
        "Understands 'the 2024 one' as WV15157",
        "Does not present equipment as feed data; general trim information is labelled as such",
        "No handover"]),
    ("actually what about a kia forte", [
        "Lists " + Te("all", "model=Forte"),
        "Does not keep talking about the Elantra",
        "No handover"]),
    ("which has the lowest miles", [
        "Names " + Te("lowest-miles", "model=Forte"),
        "No handover"]),
    ("is that one automatic", [
        "Says the feed lists 14729A with a CVT (automatic)",
        "No handover"]),
    ("cool are you guys open sunday", [
        "Does not invent hours it does not know",
        "No handover"]),
])

# V-C11 trade-in across turns -> third row under 40 -> value -> firm
C("vc11", "en", "trade-in details across turns; three-row under 40k; trade value question; firm trade number", [
    ("want to trade my car in for something bigger", [
        "Asks about the current car and/or what they need",
        "No handover"]),
    ("its a 2017 honda pilot", [
        "Does not give a trade value",
        "No handover"]),
    ("like 112k miles, some hail damage on the hood", [
        "Acknowledges the condition without asking for year/model again",
        "No handover"]),
    ("want 3rd row, under 40", [
        "Suggests e.g. " + Te("some", "model=Palisade|Telluride|Highlander|Durango; maxprice=40000", pick=["26312A", "WV15141", "15394A", "KV5561", "KV5565"]),
        "Does not offer as under 40k e.g. " + Te("some", "model=Tahoe|Qx60|Telluride; minprice=40001", pick=["KV5514", "14672A", "14864A"]),
        "Still remembers the Pilot trade",
        "No handover"]),
    ("whats my pilot worth", [
        "Does not invent a figure; explains that an appraisal is needed",
        "Handover optional"]),
    ("i need at least 12k for it or no deal", [
        "Handover to a human (trade_in_firm)",
        "Does not ask for the Pilot's year or mileage again"]),
])

# V-C12 Santa Cruz -> miles -> bed -> existing customer plates -> who
C("vc12", "en", "Santa Cruz; 'it' miles; bed size not in feed; existing-customer plates issue mid-conversation; follow-up", [
    ("hey is the santa cruz still there", [
        "Names " + Te("all", "model=Santa Cruz"),
        "No handover"]),
    ("how many miles on it", [
        "Gives the mileage of " + P("26898"),
        "No handover"]),
    ("will a dirt bike fit in the bed", [
        "Does not present bed dimensions as feed data",
        "No handover"]),
    ("btw still waiting on plates for the tucson I bought from you in october, temp tag runs out friday", [
        "Handover to a human (existing_customer_issue)",
        "Does not treat it as a Tucson inventory question"]),
    ("who do i talk to about that", [
        "Points to the right department (title/registration) without inventing a name or phone number",
        "Hand-off maintained"]),
])

# V-C13 Spanish used family SUV under 25k -> AWD -> least miles -> colour -> test drive
C("vc13", "es", "Spanish; used SUVs under 25k; AWD narrowing; lowest miles within the narrowed set; colour of 'it'; test drive tomorrow 5:30", [
    ("Busco una camioneta familiar usada de menos de 25 mil", [
        "Replies in Spanish",
        "Gives options e.g. " + Te("some", "cond=Used; type=SUV; maxprice=25000", pick=["KV5561", "KV5565", "27138A", "WV15118"]),
        "No handover"]),
    ("que sea AWD por favor", [
        "Offers only AWD/4X4 units e.g. " + Te("some", "cond=Used; type=SUV; maxprice=25000; drive=AWD|4X4", pick=["KV5561", "KV5565", "27138A", "KV5506"]),
        "Drops FWD units e.g. " + Te("some", "cond=Used; type=SUV; maxprice=25000; drive=FWD", pick=["WV15118", "KV5482"]),
        "No handover"]),
    ("¿cuál tiene menos millas?", [
        "Names " + Te("lowest-miles", "cond=Used; type=SUV; maxprice=25000; drive=AWD|4X4"),
        "Does not name WV15118 (lower miles but FWD)",
        "No handover"]),
    ("¿de qué color es?", [
        "Says white (KV5506)",
        "No handover"]),
    ("¿Puedo ir a manejarla mañana a las 5:30?", [
        "Handover to a human (appointment_time)",
        "Keeps KV5506 and tomorrow 5:30",
        "Replies in Spanish"]),
])

# V-C14 BMW/Audi -> Q5 miles -> 530e plug-in -> Porsche -> newer -> bait-and-switch complaint
C("vc14", "en", "BMW/Audi; Q5 miles; 530e plug-in; switch to Porsche; which is newer; price-change complaint", [
    ("any bmw or audi", [
        "Lists " + Te("all", "make=Bmw|Audi"),
        "No handover"]),
    ("the q5 how many miles", [
        "Gives the mileage of " + P("DT27212A"),
        "No handover"]),
    ("is the 5 series a plug in", [
        "Says yes: KV5545 is a 530e iPerformance Plug-In Hybrid per the feed",
        "No handover"]),
    ("what about porsche", [
        "Names " + Te("all", "make=Porsche"),
        "No handover"]),
    ("porsche or the q5, which is newer", [
        "Names " + Te("newest", "stock=WV15144|DT27212A"),
        "No handover"]),
    ("your site showed the macan at 29,900 last week and now its 31,900?? bait and switch", [
        "Handover to a human (complaint)",
        "Does not confirm the customer's $29,900 or invent a reason for a price change",
        "Does not argue"]),
])

# V-C15 Ioniq 5 campaign reply -> colour -> cheaper EVs -> back to Ioniq 5 + casual time -> contact
C("vc15", "en", "campaign reply; Ioniq 5 colour; cheaper EVs; switch back to the Ioniq 5 with a casual time; name + email", [
    ("got your email about the ioniq 5, still available?", [
        "Names " + Te("all", "model=Ioniq 5"),
        "No handover"]),
    ("its white right", [
        "Confirms White",
        "No handover"]),
    ("do you have any cheaper ev's", [
        "Names " + Te("all", "model=Ioniq 6|Niro Ev; maxprice=59276"),
        "No handover"]),
    ("nah id rather the ioniq 5. can i come by after work tmrw like 6ish", [
        "Handover to a human (appointment_time)",
        "Understands the car is 25713 again"]),
    ("terrence ward, terrence.w@example.com", [
        "Does not ask for the name or e-mail again",
        "Passes on tomorrow around 6 and 25713"]),
])

# V-C16 white Tucson 'third time asking' -> miles on new unit -> sarcasm -> 2025 AWD conflict -> offer
C("vc16", "en", "repeat-ask frustration answered directly; miles on a new unit; sarcasm; 'the 2025' AWD conflict; offer", [
    ("3rd time asking. do you have a white tucson or not", [
        "Answers directly with " + Te("all", "model=Tucson; color=White"),
        "May also mention the white hybrid " + Te("all", "model=Tucson Hybrid; color=White"),
        "Handover optional (customer says it is the third time asking); the answer itself is required"]),
    ("why does the new one have almost 3000 miles", [
        "Understands which: " + Te("all", "cond=New; model=Tucson; color=White; minmiles=1000"),
        "Does not invent a history (demo, loaner) as fact; offers to check"]),
    ("lol a used new car. great", [
        "Does not treat it as praise",
        "Handover optional"]),
    ("whatever. the 2025, is it awd", [
        "Understands 'the 2025' as 27134",
        "Does not state AWD as fact: trim Limited AWD, feed drivetrain RWD"]),
    ("ill give you 38 flat for it", [
        "Handover to a human (negotiation)",
        "Does not accept or counter with an invented price"]),
])

# V-C17 new Palisade trims -> under 45k -> newest -> AWD? -> XRT colour -> Sunday at 1
C("vc17", "en", "new Palisade trims; under 45k narrowing; newest; FWD trim asked as AWD; switch to the XRT; Sunday at 1", [
    ("what trims of the palisade do you have new", [
        "Names the trims of " + Te("all", "cond=New; model=Palisade"),
        "Does not claim trims that are not listed",
        "No handover"]),
    ("under 45k", [
        "Lists exactly " + Te("all", "cond=New; model=Palisade; maxprice=45000"),
        "No handover"]),
    ("which one is newest", [
        "Names " + Te("newest", "cond=New; model=Palisade; maxprice=45000"),
        "No handover"]),
    ("is it awd", [
        "Does not say DT27185 is AWD: trim SEL FWD (feed drivetrain RWD)",
        "May point out that DT25256 is the AWD one",
        "No handover"]),
    ("then the xrt. what color is it", [
        "Says Blue (DT25256)",
        "No handover"]),
    ("my wife wants to see it sunday at 1", [
        "Handover to a human (appointment_time)",
        "Keeps DT25256 and Sunday 1pm",
        "Does not confirm Sunday opening hours it does not know"]),
])

# V-C18 cheapest new Hyundai (tie) -> why same price -> manager/warranty mention -> white -> 'the cheaper one' miles -> weekend, no time
C("vc18", "en", "cheapest new Hyundai is a tie; same-price twins; manager + warranty mention that is not a request; white instead; 'the cheaper one'; weekend visit without time", [
    ("whats the cheapest new hyundai you have", [
        "Names both tied units " + Te("cheapest", "cond=New; make=Hyundai"),
        "No handover"]),
    ("why are there two at the same price", [
        "Says they are two separate units of the same trim; may note the feed lists different drivetrains (26989 AWD, 26966 FWD) and mileages",
        "Does not invent a reason such as a demo or a discount",
        "No handover"]),
    ("my manager at work said hyundai warranty is 10 years, true for these?", [
        "No handover (the manager mention is not a request for a manager)",
        "Answers generally about Hyundai's new-vehicle warranty, separating powertrain and basic coverage, without claiming it comes from the feed"]),
    ("any in white instead", [
        "Lists " + Te("all", "cond=New; model=Tucson; color=White"),
        "May mention the white hybrid " + Te("all", "cond=New; model=Tucson Hybrid; color=White"),
        "No handover"]),
    ("the cheaper one has 3k miles?? is it still new", [
        "Understands 'the cheaper one' as " + Te("cheapest", "cond=New; model=Tucson; color=White"),
        "Says the feed lists it as New with that mileage; does not invent a history; offers to check",
        "No handover"]),
    ("ok might come look this weekend, thanks", [
        "Handover not yet required (no day and time)",
        "No handover",
        "May invite the customer to pick a time"]),
])

# V-C19 Spanish: SUVs under 20k -> newest -> fuel -> miles -> lawyer joke + trade question -> thinking about it
C("vc19", "es", "Spanish; SUVs under 20k; newest is an EV; fuel question on 'it'; miles; lawyer mention that is not a threat + general trade question; ends without handover", [
    ("Hola, ¿qué camionetas SUV tienen de menos de 20 mil?", [
        "Replies in Spanish",
        "Lists " + Te("all", "type=SUV; maxprice=20000"),
        "May also mention the Ecosport typed Hatchback in the feed " + Te("all", "model=Ecosport; maxprice=20000"),
        "No handover"]),
    ("¿cuál es la más nueva?", [
        "Names " + Te("newest", "type=SUV; maxprice=20000"),
        "No handover"]),
    ("¿y es de gasolina?", [
        "Says no: KV5563 is a Kia Niro EV (electric)",
        "No handover"]),
    ("¿cuántas millas tiene?", [
        "Gives the mileage of " + P("KV5563"),
        "No handover"]),
    ("jaja mi abogado me dijo que comprara usado. ¿aceptan carros a cuenta?", [
        "No handover (the lawyer mention is not a threat; the trade question is general)",
        "Says trade-ins are appraised; does not invent a value"]),
    ("Gracias, lo voy a pensar y les aviso", [
        "No handover",
        "Replies in Spanish",
        "Does not pressure the customer"]),
])
