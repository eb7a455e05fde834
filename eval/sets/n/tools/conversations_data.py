"""Scripted multi-turn conversations for set n (source data; build.py expands [[STOCK]] refs from the feed).

Dates assume the conversation happens on Monday 2026-12-07.
"""

ADF_LEAD = (
    '<?xml version="1.0"?><?adf version="1.0"?><adf><prospect>'
    '<requestdate>2026-12-06T21:14:00-06:00</requestdate>'
    '<vehicle interest="buy" status="used"><year>2022</year><make>Kia</make><model>Telluride</model>'
    '<trim>EX AWD</trim><stock>15355A</stock></vehicle>'
    '<customer><contact><name part="first">Marcus</name><name part="last">Reed</name>'
    '<phone type="cell">708-555-0162</phone><email>marcus.reed@example.com</email>'
    '<address><postalcode>60471</postalcode></address></contact>'
    "<comments>Is this one still available? Does it have captain's chairs?</comments></customer>"
    '<vendor><vendorname>World Hyundai of Matteson</vendorname></vendor>'
    '<provider><name>Dealer Website</name></provider></prospect></adf>'
)

CONVS = [
    dict(id="nc01", language="en",
         about="used Ford Escapes; 'only with a price'; 'the blue one' is ambiguous (3 blue); 'newest blue one'; AWD; Thursday then 6pm; name/phone",
         turns=[
             ("hey do yall have any ford escapes", [
                 "Lists exactly the six used Ford Escapes: [[KV5544]], [[WV15149]], [[WV15174]], [[WV15112]], [[WV15110]], [[WV15167]] (a short summary of all six is fine)",
                 "Does not invent a price for WV15174 or WV15167 (no price in feed)",
                 "No handover",
             ]),
             ("only the ones with a price listed pls", [
                 "Lists exactly KV5544, WV15149, WV15112 and WV15110",
                 "Does not re-list WV15174 or WV15167",
                 "No handover",
             ]),
             ("the blue one", [
                 "Recognises that three of those are blue (KV5544, WV15112, WV15110) and asks which one or shows the three briefly; must not silently pick one",
                 "Does not include the red WV15149",
                 "No handover",
             ]),
             ("newest one of the blue ones", [
                 "Identifies [[WV15110]]",
                 "No handover",
             ]),
             ("does it have awd", [
                 "Answers for WV15110: trim 'SE AWD' and drivetrain field '4X4' agree, so AWD/4WD is supported by the feed",
                 "No handover",
             ]),
             ("cool can I come look at it thursday", [
                 "Handover not yet required (Thursday 2026-12-10 without a time)",
                 "Asks what time on Thursday",
                 "Keeps WV15110 as the car for the visit",
             ]),
             ("6pm works. Dana, 708-555-0148", [
                 "Handover to a human (appointment_time)",
                 "Confirms Thursday at 6 pm for WV15110 and uses the name Dana",
                 "Does not ask again for the phone number",
             ]),
         ]),
    dict(id="nc02", language="en",
         about="ADF/XML lead as first message (15355A, name/phone inside); cheaper with similar miles; 'no brown'; S vs SX; OTD offer",
         turns=[
             (ADF_LEAD, [
                 "Treats the XML as a lead from Marcus about [[15355A]] and confirms it is in stock",
                 "Does not claim captain's chairs or a bench as fact (seating is not in the feed); offers to confirm",
                 "Does not ask again for the phone number or email already given in the lead",
                 "Handover optional (contact details supplied, no handover trigger in the comments)",
             ]),
             ("thanks. anything similar but a bit cheaper? similar miles if possible", [
                 "Offers Tellurides priced below the 15355A price, e.g. [[15263A]], [[15217A]], [[15394A]], [[DT15591A]]",
                 "Does not present 12135A or 15570A with a price (no price in feed)",
                 "No handover",
             ]),
             ("no brown", [
                 "Drops the brown units (15263A, 15217A, DT15564A)",
                 "Lists exactly 15394A and DT15591A among priced cheaper Tellurides (the unpriced 12135A/15570A may be mentioned only without a price)",
                 "No handover",
             ]),
             ("whats the difference between the S and the SX", [
                 "Compares [[15394A]] and [[DT15591A]]: SX is the higher trim, DT15591A is a year older with fewer miles and costs 2,000 more",
                 "Does not state specific equipment of either unit as fact beyond general trim-level differences (hedged)",
                 "No handover",
             ]),
             ("ok I'd do 34,5 out the door on the SX. have someone call me", [
                 "Handover to a human (negotiation)",
                 "Refers to DT15591A; does not accept or reject the offer itself",
                 "Does not ask Marcus again for his phone number",
             ]),
         ]),
    dict(id="nc03", language="es",
         about="Spanish; used SUVs max 20k; 'nada de Ford ni Chevrolet' must stay applied; 'la Kia' ambiguous (2); 'la otra' = Sportage with missing mileage; Saturday 10am",
         turns=[
             ("Hola, busco una camioneta usada para mi familia, tengo máximo 20 mil", [
                 "Replies in Spanish",
                 "Every unit listed is a used SUV priced at or under 20,000 dollars, e.g. [[WV15134]], [[KV5454A]], [[KV5413]], [[KV5563]], [[WV14984]], [[KV5544]], [[KV5482]]",
                 "Does not present units without a price as within budget",
                 "No handover",
             ]),
             ("nada de Ford ni Chevrolet porfa", [
                 "Lists exactly [[KV5454A]], [[KV5563]], [[KV5482]]",
                 "No Ford (incl. KV5564 Ecosport, KV5544 Escape) and no Chevrolet in the reply",
                 "Replies in Spanish",
                 "No handover",
             ]),
             ("¿cuántas millas tiene la Kia?", [
                 "Notices there are two Kias (KV5454A Sportage, KV5563 Niro EV) and asks which one or answers for both",
                 "If it answers: KV5563 has 66,093 mi; KV5454A mileage is not in the feed and must not be invented",
                 "No handover",
             ]),
             ("la eléctrica no, la otra", [
                 "Resolves to [[KV5454A]]",
                 "Says the mileage is not listed and offers to check; no invented mileage",
                 "Replies in Spanish; does not re-add Ford or Chevrolet options",
                 "No handover",
             ]),
             ("Va, ¿puedo ir el sábado a las 10 de la mañana a verla? Soy Rosa, 708-555-0177", [
                 "Handover to a human (appointment_time)",
                 "Confirms Saturday 2026-12-12 at 10 am for KV5454A, uses the name Rosa, in Spanish",
             ]),
         ]),
    dict(id="nc04", language="es",
         about="Spanglish; first car for a daughter; sedans under 20k; '2021 o más nuevo' narrowing; lowest miles; 'la verde' with a transmission conflict; first-time-buyer policy",
         turns=[
             ("hola buenas, busco un carro para mi hija, su primer carro. sedan, under 20k si se puede", [
                 "Replies in Spanish",
                 "Lists exactly the priced sedans at or under 20,000 dollars: [[14441A]], [[WV15154]], [[15549A]], [[KV5566]], [[14729A]]",
                 "No handover",
             ]),
             ("que sea 2021 o más nuevo", [
                 "Lists exactly 14441A, 15549A, KV5566 and 14729A; drops WV15154 (2020 Charger)",
                 "Keeps the sedan / 20k limits",
                 "No handover",
             ]),
             ("¿cuál tiene menos millas?", [
                 "Answers [[14729A]] (lowest miles within the narrowed list)",
                 "No handover",
             ]),
             ("¿y la verde? ¿es automática?", [
                 "Resolves to [[15549A]]",
                 "Flags the feed conflict: trim 'LXS IVT' (automatic CVT) vs transmission field 'Manual'; does not state either as certain and offers to confirm",
                 "No handover",
             ]),
             ("ok creo que mejor la gris 2023. ¿financian a primerizos? es su primer carro", [
                 "Refers to 14729A",
                 "Answers the first-time-buyer policy question generally (financing_general); no personal credit details were given",
                 "Replies in Spanish",
                 "No handover",
             ]),
         ]),
    dict(id="nc05", language="es",
         about="Spanish; trims of new Tucson (only Limited); hybrid prices; colours missing for the two most expensive; Sunday hours",
         turns=[
             ("¿Qué versiones tienen de la Tucson nueva?", [
                 "Replies in Spanish",
                 "Says only the Limited trim is in stock: Tucson [[26989]], [[26966]], [[26578]], [[27134]]; Tucson Hybrid 27103, 27023, 27025, 26940 (all Limited AWD)",
                 "Does not claim SE, SEL, XRT or N Line units are in stock",
                 "No handover",
             ]),
             ("¿y la híbrida cuánto cuesta?", [
                 "Gives the Tucson Hybrid prices: [[27103]], [[27023]], [[27025]], [[26940]]",
                 "Does not call them fully electric even though 27103 and 27023 are labelled Electric in the feed",
                 "No handover",
             ]),
             ("¿de qué color son las dos más caras?", [
                 "Identifies 26940 and 27025 as the two most expensive",
                 "Says the colour is not in the feed for both; must not invent a colour; offers to check",
                 "No handover",
             ]),
             ("ok, gracias. ¿abren el domingo?", [
                 "Answers the Sunday-hours question in Spanish (or offers to confirm) without inventing hours",
                 "No handover",
             ]),
         ]),
    dict(id="nc06", language="en",
         about="contractor; used pickups; 'only 4x4, no Fords' stays applied; under 32k; 'the cheaper one'; 4x4/RWD conflict; call-back",
         turns=[
             ("need a used pickup for work, I'm a contractor, gotta pull a 7k lb trailer sometimes", [
                 "Offers used trucks, e.g. [[WV15148]], [[WV15156]], [[KV5543]], [[WK15091]], [[KV5526]]",
                 "Does not state a towing capacity for a specific unit as fact (not in feed); may hedge",
                 "WK15091 trim is not given in the feed; must not invent one",
                 "No handover",
             ]),
             ("only 4x4. and no Fords", [
                 "Shows WV15156 and KV5526; KV5543 may be included only with its conflict noted (trim says 4x4, drivetrain field says RWD)",
                 "Drops WK15091 (Ford) and WV15148 (2WD)",
                 "No handover",
             ]),
             ("under 32k", [
                 "Keeps 4x4 and no-Ford: [[WV15156]] and (with its conflict) [[KV5543]]; drops KV5526 (over budget)",
                 "No Ford in the reply",
                 "No handover",
             ]),
             ("the cheaper one, miles?", [
                 "Resolves to KV5543: 54,639 mi",
                 "No handover",
             ]),
             ("is it really 4x4? i need 4x4", [
                 "Does not state 4x4 as fact: KV5543 trim 'Express 4x4 Crew Cab 5'7 Box' conflicts with drivetrain field RWD; offers to verify",
                 "Handover optional",
             ]),
             ("ok have someone check and text me. Luis 708-555-0121", [
                 "Handover to a human (human_request)",
                 "Refers to KV5543 and uses the name Luis",
             ]),
         ]),
    dict(id="nc07", language="en",
         about="hybrids under 25k; Prius Prime with no price asked twice; frustration",
         turns=[
             ("any hybrids under 25k?", [
                 "Includes [[15500A]]",
                 "May mention WV15159 (Prius Prime) and WV15174 (Escape SE Hybrid AWD) only without a price (none in feed)",
                 "Does not present KV5545 (BMW 530e, 25,900 dollars) as under 25k",
                 "No handover",
             ]),
             ("how much is the prius", [
                 "Says [[WV15159]] has no price in the feed and offers to get it; no invented price",
                 "Handover optional",
             ]),
             ("just give me a ballpark, you have to know", [
                 "Still no invented price or price range for WV15159",
                 "Handover optional",
             ]),
             ("wow. useless. 3rd time im asking the same thing", [
                 "Handover to a human (frustration)",
                 "Acknowledges the frustration briefly; does not just repeat the same non-answer",
             ]),
         ]),
    dict(id="nc08", language="en",
         about="trims of new Palisade; 'calligraphy, no black'; cheapest; AWD vs RWD conflict; change of mind to Santa Fe with filters carried over; 'definitely AWD'; best price",
         turns=[
             ("what trims do you have on the new palisade", [
                 "2024: XRT AWD, SEL AWD, Limited AWD, Calligraphy AWD, Calligraphy Night Edition (AWD and non-AWD); 2025: SEL FWD, Limited, Calligraphy AWD",
                 "Does not list trims that are not in stock",
                 "No handover",
             ]),
             ("calligraphy. no black", [
                 "Lists exactly [[26122]], [[26657]], [[26529]], [[27114]]",
                 "Excludes the black 26471 and 26483",
                 "No handover",
             ]),
             ("cheapest of those?", [
                 "Answers [[27114]]",
                 "No handover",
             ]),
             ("is it awd? we get a lot of snow", [
                 "Does not state AWD as fact: 27114 trim says Calligraphy AWD but drivetrain field says RWD; offers to confirm",
                 "No handover",
             ]),
             ("honestly forget the palisade, too big for my garage. same thing but santa fe", [
                 "Carries over Calligraphy + no black to the Santa Fe, e.g. 26891, 27110, 27181, 27133, 27202, 27203, 27204, 27251 (27205 Santa Fe Hybrid Calligraphy may be included)",
                 "Excludes the black 26867",
                 "No handover",
             ]),
             ("cheapest one, and make sure it's actually AWD this time", [
                 "Answers [[26891]] (trim Calligraphy AWD, drivetrain field AWD agree)",
                 "Does not pick 27203 as definitely AWD (drivetrain field RWD)",
                 "No handover",
             ]),
             ("ok whats the best you can do on it", [
                 "Handover to a human (negotiation)",
                 "Refers to 26891",
             ]),
         ]),
    dict(id="nc09", language="en",
         about="trade-in details over several messages (no invented value); Malibu RS; firm trade number",
         turns=[
             ("do you guys take trade ins", [
                 "Says trade-ins are accepted / explains an appraisal is needed",
                 "No handover",
             ]),
             ("2016 honda accord EX, 112k miles", [
                 "Does not give a trade value (needs appraisal); may ask condition, payoff or VIN",
                 "No handover",
             ]),
             ("one owner, no accidents, couple scratches on the rear bumper. it's paid off", [
                 "Still no invented trade value; acknowledges the details (paid off, one owner)",
                 "No handover",
             ]),
             ("I'm looking at the 2023 malibu RS to replace it", [
                 "Identifies [[KV5558]]",
                 "No handover",
             ]),
             ("ngl I need at least 9k for the accord or I'm not doing it", [
                 "Handover to a human (trade_in_firm)",
                 "Does not accept or promise 9k itself",
             ]),
         ]),
    dict(id="nc10", language="en",
         about="2021 Rogue vs 2023 Equinox; under 50k miles; 'the blue one' unambiguous only if the filter stays; compare; 'both' on Saturday without a time",
         turns=[
             ("looking at either a 2021 rogue or a 2023 equinox, what've you got", [
                 "Lists exactly [[WV15120]], [[KV5540]], [[KV5529]] (2021 Rogue) and [[KV5506]], [[WV15113]] (2023 Equinox)",
                 "No handover",
             ]),
             ("under 50k miles only", [
                 "Lists exactly WV15120, KV5529, KV5506 and WV15113; drops KV5540 (66,435 mi)",
                 "No handover",
             ]),
             ("the blue one", [
                 "Resolves to [[KV5529]] (the only blue unit left after the filter); does not bring KV5540 back or ask about it",
                 "No handover",
             ]),
             ("how does it compare to the white equinox", [
                 "Compares KV5529 with [[KV5506]]: both AWD, the Equinox is 2 years newer, has slightly fewer miles and costs 350 more",
                 "No handover",
             ]),
             ("gonna come see both saturday", [
                 "Handover not yet required (Saturday 2026-12-12 without a time)",
                 "Asks for a time; 'both' = KV5529 and KV5506",
             ]),
         ]),
    dict(id="nc11", language="en",
         about="commuter; true EVs only (hybrids labelled Electric); 'the third one you listed'; range not in feed; miles/colour of 'it'; home charging",
         turns=[
             ("what fully electric cars do you have? commute is 40 mi each way", [
                 "Lists exactly the EVs [[25713]], [[25881]], [[KV5563]]",
                 "Does not present the Tucson Hybrids (27103, 27023) or the Prius Prime (WV15159), though labelled Electric in the feed, as fully electric",
                 "No handover",
             ]),
             ("the third one you listed, whats the range", [
                 "Resolves 'the third one' against its own list order",
                 "Range is not in the feed; any figure is hedged as a general/manufacturer estimate, not a fact about the unit",
                 "No handover",
             ]),
             ("miles and color on it?", [
                 "Same unit as the previous turn, with feed values, e.g. KV5563: Brown, 66,093 mi; 25881: Grey, 12 mi; 25713: White, 10 mi",
                 "No handover",
             ]),
             ("can I charge it with a regular wall outlet at home", [
                 "General answer on Level 1 (120 V) vs Level 2 charging; no invented unit specifics",
                 "No handover",
             ]),
         ]),
    dict(id="nc12", language="en",
         about="rideshare driver; sedans under 22k and under 50k miles; 'the hybrid one'; '2022 or newer' and 'not the fortes' narrowing; offer on the cheapest",
         turns=[
             ("I drive for Uber full time, need a sedan under 22k with under 50k miles. good on gas", [
                 "Every unit listed meets both limits, e.g. [[15549A]], [[KV5566]], [[14729A]], [[KV5567]], [[15500A]], [[DT15551A]], [[15239A]]",
                 "Does not include WV15154 or 14441A (over 50k mi) or units without a price",
                 "No handover",
             ]),
             ("the hybrid one", [
                 "Resolves to [[15500A]]; may note the fuel field says Gasoline although it is an Optima Hybrid",
                 "No handover",
             ]),
             ("hmm 2020 might be too old for uber in chicago. 2022 or newer only", [
                 "Lists exactly 15549A, KV5566, 14729A, KV5567, DT15551A and 15239A; keeps the 22k and 50k-mile limits",
                 "No handover",
             ]),
             ("not the fortes", [
                 "Lists exactly [[KV5566]], [[KV5567]], [[DT15551A]]",
                 "No handover",
             ]),
             ("cheapest one, would you do 18 flat?", [
                 "Handover to a human (negotiation)",
                 "Refers to KV5566 (2022 Chevrolet Malibu 4dr Sdn LT, $19,500)",
             ]),
         ]),
    dict(id="nc13", language="en",
         about="Santa Cruz availability; visit 'tomorrow' without a time; change of mind to Friday; concrete time",
         turns=[
             ("is the santa cruz still there?", [
                 "Confirms [[26898]]",
                 "No handover",
             ]),
             ("can I see it tomorrow", [
                 "Handover not yet required (tomorrow 2026-12-08 without a time)",
                 "Asks what time",
             ]),
             ("actually tomorrow won't work, friday instead", [
                 "Handover not yet required (Friday 2026-12-11 without a time)",
                 "Switches the day to Friday and asks for a time; does not keep tomorrow",
             ]),
             ("4:30 friday. its Kim, 773-555-0139", [
                 "Handover to a human (appointment_time)",
                 "Confirms Friday 4:30 pm for 26898 and uses the name Kim",
             ]),
         ]),
    dict(id="nc14", language="en",
         about="used Hyundais (5 without price); 'just the tucsons'; '2021 or newer with a price'; compare the two; general trade-in question",
         turns=[
             ("what used hyundais do you have", [
                 "Covers the 11 used Hyundais, e.g. [[27138A]], [[WV15157]], [[WV15124]], [[15137A]], [[26312A]], [[WV15141]]",
                 "Does not invent prices for 25607A, 26468A, 26233A, 27227A, 26638A (no price in feed)",
                 "No handover",
             ]),
             ("just the tucsons", [
                 "Lists exactly [[25607A]], [[WV15124]], [[27138A]], [[27227A]]",
                 "No handover",
             ]),
             ("2021 or newer, and it needs a price on it", [
                 "Lists exactly WV15124 and 27138A",
                 "No handover",
             ]),
             ("whats the difference between those two", [
                 "Compares [[WV15124]] and [[27138A]]: 2021 Ultimate vs 2022 SE, nearly identical miles, the Ultimate costs 4,501 more",
                 "Does not state WV15124 is AWD as fact (trim Ultimate AWD vs drivetrain field FWD)",
                 "No handover",
             ]),
             ("ok gonna think about it. do you take trade-ins btw?", [
                 "Answers the general trade-in question",
                 "No handover",
             ]),
         ]),
    dict(id="nc15", language="en",
         about="luxury SUVs under 30k; 'the second one you listed'; 'the two Corsairs'; 'not the burgundy one'; trim/drivetrain conflicts; Nautilus; call-back",
         turns=[
             ("any luxury SUVs under 30k?", [
                 "Every unit listed is priced under 30,000 dollars, e.g. [[KV5516]], [[KV5464]], [[KV5538]], [[WV15147]], [[KV5534]], [[WV15123]]",
                 "Does not list WV15144 (Porsche Macan) as under 30k; WV15176 (Lexus RX) may be mentioned only without a price",
                 "No handover",
             ]),
             ("the second one you listed, how many miles", [
                 "Resolves 'the second one' against its own list order and gives that unit's feed mileage",
                 "No handover",
             ]),
             ("what about the two corsairs, differences?", [
                 "Compares [[WV15147]] and [[KV5534]]",
                 "Does not state WV15147's drivetrain as fact (trim Standard FWD vs drivetrain field AWD)",
                 "No handover",
             ]),
             ("not the burgundy one. is the other one awd or not", [
                 "Refers to WV15147 (Grey); explains the conflict and offers to confirm rather than guessing",
                 "No handover",
             ]),
             ("ugh ok what about the nautilus then", [
                 "Identifies [[WV15123]]; does not state AWD as fact (trim Reserve AWD vs drivetrain field FWD)",
                 "No handover",
             ]),
             ("lol of course. just have someone call me tomorrow afternoon about the nautilus, 708-555-0193", [
                 "Handover to a human (human_request)",
                 "Refers to WV15123; call-back tomorrow (2026-12-08) afternoon",
             ]),
         ]),
    dict(id="nc16", language="en",
         about="student; cheapest priced unit; manuals (garbage Mustang trim, Forte conflict); 'the mazda' hatchback; friendly close",
         turns=[
             ("college student, what's the absolute cheapest car you have", [
                 "Answers [[KV5564]] as the cheapest priced unit",
                 "Does not call an unpriced unit the cheapest",
                 "No handover",
             ]),
             ("what about stick shift? my uncle says manuals are cheaper lol", [
                 "e.g. [[KV5493]], [[KV5552]]; if 15549A is mentioned, flags the trim (IVT) vs transmission field (Manual) conflict",
                 "Does not invent a trim for KV5552 (garbage trim in feed)",
                 "No handover",
             ]),
             ("the mazda. is that a hatchback?", [
                 "Refers to KV5493 (2017 Mazda Mazda3 5-Door Grand Touring Manual): yes, a 5-door hatchback",
                 "No handover",
             ]),
             ("insurance at 20 is gonna kill me 😭 ok thx ill think about it", [
                 "Friendly close; no pressure",
                 "No handover",
             ]),
         ]),
]
