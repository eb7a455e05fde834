"""Build the set's folder/conversations.jsonl. Every "Lists exactly" item is generated from a filter spec
(stored in specs_convs.json for check.py); unit facts come from feed.py."""
import os

SET = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the set's folder
import json
import feed

B = feed.BY_STOCK


def U(s):
    """stock + full description from the feed."""
    return feed.unit(s)


def P(s):
    return feed.price_s(B[s])


def MI(s):
    return feed.miles_s(B[s])


def diff(a, b):
    return 'between {} and {}: {:,.0f} dollars'.format(a, b, abs(B[a]['price'] - B[b]['price']))


class LE:
    def __init__(self, spec, lead='Lists exactly', tail=''):
        self.spec, self.lead, self.tail = spec, lead, tail


def T(customer, *expect):
    return {'customer': customer, 'expect': list(expect)}


C = []


def conv(cid, lang, what, turns):
    C.append({'id': cid, 'language': lang, 'what': what, 'turns': turns})


HO = 'Handover to a human ({})'.format
NOHO = 'No handover'

# ---------------------------------------------------------------- qc01
conv('qc01', 'en', "used Tellurides under 36k (no-price units); only AWD + not 90k+ miles; least miles of those; trim-vs-drivetrain conflict; 'the white one you listed'; call-back with name/phone", [
    T("looking for a used telluride, whats under 36k?",
      LE({'cond': 'Used', 'model': 'Telluride', 'price_max': 36000}),
      "Does not present 12135A or 15570A as under 36k (no price in feed); may mention them as price not listed",
      NOHO),
    T("only awd. and nothing with 90k+ miles",
      LE({'cond': 'Used', 'model': 'Telluride', 'price_max': 36000, 'dt': ['AWD', '4X4'], 'miles_max': 89999}),
      "Drops DT15564A (94,055 mi) from the agent's own previous list",
      "May flag that 15263A's trim says 'EX FWD' while its drivetrain field says AWD",
      NOHO),
    T("which of those has the least miles",
      LE({'cond': 'Used', 'model': 'Telluride', 'price_max': 36000, 'dt': ['AWD', '4X4'], 'miles_max': 89999, 'sort': 'miles', 'take': 1}, lead='Names exactly'),
      "Gives 15263A as 27,019 mi and $35,900",
      NOHO),
    T("what color is it and is it actually awd? the name says fwd",
      "Colour Brown for 15263A",
      "States the conflict: trim 'EX FWD' vs drivetrain field AWD; does not assert either as fact; offers to have it confirmed",
      NOHO),
    T("ok and the white one you listed earlier?",
      "Resolves to the white unit in the agent's own list: " + U('DT15591A'),
      "Gives 47,844 mi and $35,900 for DT15591A; trim SX AWD",
      NOHO),
    T("can someone call me to confirm the drivetrain on the brown one. Tom, 708-555-0163",
      HO('human_request'),
      "Captures name Tom and phone 708-555-0163; the brown one = 15263A"),
])

# ---------------------------------------------------------------- qc02
conv('qc02', 'en', "Santa Fe -> correction 'no I meant the Tucson'; new non-hybrid only; the two burgundy ones (same price, drivetrain conflict); 'and the 2025?'; polite close", [
    T("do u have santa fe's",
      "e.g. several Santa Fe units such as " + U('27259') + " or " + U('15137A'),
      NOHO),
    T("no sorry i meant the tucson",
      "Switches to the Tucson; does not keep listing Santa Fes",
      "e.g. new 2024 Tucsons, the 2025 Tucson 27134, used Tucsons, and/or Tucson Hybrids",
      NOHO),
    T("just the new ones, not the hybrid",
      LE({'cond': 'New', 'model': 'Tucson'}),
      "No Tucson Hybrid units listed",
      NOHO),
    T("whats the difference between the two burgundy ones, same price?",
      "Yes: both 26989 and 26966 are $39,202",
      "26989 has 9 mi and drivetrain AWD; 26966 has 11 mi and drivetrain field FWD although its trim says Limited AWD; flags the conflict rather than stating 26966 is AWD",
      NOHO),
    T("and the 2025?",
      "Resolves to " + U('27134'),
      "Gives $40,573 and 412 mi for 27134; colour White",
      "Flags trim 'Limited AWD' vs drivetrain field RWD; does not state either as fact",
      NOHO),
    T("ok cool gonna think about it. thx",
      NOHO,
      "Polite close; no pressure, no invented urgency"),
])

# ---------------------------------------------------------------- qc03
conv('qc03', 'es', "Spanish; new Palisade under 45k; difference between the two; 'la azul' AWD; Saturday then 11am; name/phone", [
    T("Hola, busco una Palisade nueva que no pase de 45 mil",
      "Replies in Spanish",
      LE({'cond': 'New', 'model': 'Palisade', 'price_max': 45000}),
      NOHO),
    T("¿Y qué diferencia hay entre las dos?",
      "DT25256 is a 2024 XRT AWD, Blue, 119 mi, $44,028; DT27185 is a 2025 SEL FWD, Black, 49 mi, $40,248",
      "Price difference " + diff('DT25256', 'DT27185') + "; the 2025 is the cheaper one",
      "May flag that DT27185's trim says FWD while its drivetrain field says RWD",
      NOHO),
    T("la azul es AWD?",
      "Resolves to DT25256; drivetrain field AWD and trim XRT AWD agree: yes",
      NOHO),
    T("ok, quiero ir a verla el sábado",
      "Handover not yet required",
      "Asks what time on Saturday (in Spanish)"),
    T("a las 11 de la mañana",
      HO('appointment_time'),
      "Visit Saturday 11:00 am for DT25256 (blue 2024 Palisade XRT)"),
    T("Me llamo Rosa Medina, mi cel es 708-555-0119",
      "Acknowledges name Rosa Medina and phone 708-555-0119 in Spanish",
      "Handover to a human (appointment_time) remains in effect from the previous turn; the reply only acknowledges the details, no new vehicle facts invented"),
])

# ---------------------------------------------------------------- qc04
conv('qc04', 'en', "fuel efficiency; 'real electric not hybrid' (feed labels hybrids Electric); cheapest of those; Ioniq 6 AWD conflict; range not in feed; test drive tomorrow 4:30", [
    T("whats the most fuel efficient thing you have? gas prices are killing me",
      "e.g. " + U('25713') + ", " + U('KV5563') + ", or a Tucson Hybrid such as " + U('27103'),
      "Does not invent MPG figures as listing facts",
      NOHO),
    T("ok electric only. like real electric not a hybrid",
      LE({'model': ['Ioniq 5', 'Ioniq 6', 'Niro Ev']}),
      "Does not include the Tucson Hybrids 27103/27023 or the Prius Prime WV15159 although the feed labels them Electric",
      NOHO),
    T("cheapest of those?",
      LE({'model': ['Ioniq 5', 'Ioniq 6', 'Niro Ev'], 'sort': 'price', 'take': 1}, lead='Names exactly'),
      "Gives $18,500 and 66,093 mi for KV5563",
      NOHO),
    T("hmm thats a lot of miles. what about the ioniq 6, is that one awd",
      "Resolves to " + U('25881'),
      "Flags trim 'SEL AWD' vs drivetrain field RWD; does not state AWD (or RWD) as fact",
      "Gives $51,378 and 12 mi for 25881",
      NOHO),
    T("whats the range on it",
      "Says range is not in the listing; does not state a specific range as a fact about this unit; may offer to confirm",
      NOHO),
    T("can i come drive it tomorrow at 4:30",
      HO('appointment_time'),
      "Test drive tomorrow 4:30 for 25881"),
])

# ---------------------------------------------------------------- qc05
conv('qc05', 'en', "used sedans under 21k; newest; 'the cheaper of those two' miles; automatic (CVT vs Manual label); colour; 'the orange one you mentioned earlier'", [
    T("need a sedan under 21k",
      LE({'cond': 'Used', 'type': 'Sedan', 'price_max': 21000}),
      "Does not list sedans with no price in the feed (e.g. WV15161, 26638A, kv4958) as under 21k",
      NOHO),
    T("which ones are the newest",
      LE({'cond': 'Used', 'type': 'Sedan', 'price_max': 21000, 'year': 2023}),
      NOHO),
    T("the cheaper of those two, how many miles",
      "Resolves to 14729A (Forte, $19,500, cheaper than KV5567 at $20,500)",
      "Gives 6,532 mi for 14729A",
      NOHO),
    T("is it automatic? my daughter cant drive stick",
      "Yes: 14729A transmission is listed as CVT (an automatic); trim LXS IVT",
      "If the green Forte 15549A comes up, flags that it is labelled Manual while its trim says IVT",
      NOHO),
    T("what color",
      "Grey for 14729A",
      NOHO),
    T("wait what about the orange one, did you list one earlier?",
      "Yes, from the agent's own first list: " + U('DT15551A'),
      "Gives $20,999 and 36,559 mi for DT15551A",
      NOHO),
])

# ---------------------------------------------------------------- qc06
conv('qc06', 'en', "white 2024 Santa Fe Calligraphys; 'the second one'; differences; the 2025 white one; out-the-door offer on 'the cheaper 2024 one'", [
    T("what 2024 santa fe calligraphys do you have in white",
      LE({'model': 'Santa Fe', 'year': 2024, 'color': 'White', 'trim_has': 'Calligraphy'}),
      NOHO),
    T("the second one, how many miles",
      "Refers to the second unit in the agent's own previous list and gives its mileage from the feed (27181: 12 mi; 27110: 13 mi)",
      NOHO),
    T("so whats actually different between them besides price",
      "Same year, trim (Calligraphy AWD), colour White and drivetrain AWD; 27181 $49,198 with 12 mi vs 27110 $48,769 with 13 mi",
      "Price difference " + diff('27181', '27110'),
      "Does not invent option-package differences the feed does not list",
      NOHO),
    T("is there a 2025 white calligraphy too",
      "Yes: " + U('27251'),
      "May also mention the hybrid " + U('27205') + " and flag its trim AWD vs drivetrain RWD",
      NOHO),
    T("ok ill do 48k out the door on the cheaper 2024",
      HO('negotiation'),
      "The cheaper 2024 = 27110 ($48,769)",
      "Does not accept or reject the offer itself"),
])

# ---------------------------------------------------------------- qc07
conv('qc07', 'es', "Spanish; used trucks; 4x4 under 35k (Ram trim 4x4 but RWD); least miles; fuel (Flex); colour; no handover ending", [
    T("hola busco troca usada",
      "Replies in Spanish",
      LE({'cond': 'Used', 'type': 'Truck'}),
      NOHO),
    T("que sea 4x4 y menos de 35 mil",
      LE({'cond': 'Used', 'type': 'Truck', 'dt': '4X4', 'price_max': 35000}),
      "Does not list KV5543 (Ram, trim says 4x4, drivetrain field RWD) as 4x4 without flagging the conflict",
      NOHO),
    T("¿cuál tiene menos millas?",
      "KV5526 (2022 Nissan Titan XD) with 30,247 mi; WV15156 has 44,617 mi",
      NOHO),
    T("¿y la Silverado es de gasolina?",
      "Fuel type for WV15156 is listed as Flex (flex-fuel), not plain gasoline; states what the feed says",
      NOHO),
    T("¿de qué color es la Titan?",
      "Grey (gris) for KV5526",
      NOHO),
    T("gracias, lo platico con mi esposa",
      NOHO,
      "Polite close in Spanish"),
])

# ---------------------------------------------------------------- qc08
conv('qc08', 'en', "units with no price: 2022 Tucson SEL, Kona, Trailblazers; repeated asks -> frustration", [
    T("price on the 2022 tucson sel?",
      "Says 27227A has no price in the feed; does not invent one",
      "May offer " + U('27138A') + " as a priced alternative",
      NOHO),
    T("why is there no price on it",
      "Explains the price is not listed and offers to get it from a person",
      "Handover optional"),
    T("ok whatever. the kona?",
      "Says 26468A (2021 Kona Ultimate DCT AWD, Grey, 69,445 mi) has no price in the feed; does not invent one",
      NOHO),
    T("is there ANY car with a price lol. what about the trailblazers",
      LE({'model': 'Trailblazer'}),
      "Only WV15118 has a price ($23,600); WV15173 and WV15177 have no price in the feed",
      "Handover optional"),
    T("this is ridiculous. 3 cars no price. ive asked like 4 times now",
      HO('frustration'),
      "Apologises without inventing any price"),
])

# ---------------------------------------------------------------- qc09
conv('qc09', 'en', "3-row Palisade vs Telluride; new AWD under 50k; 'the black one'; Thursday then 5:45; name + email", [
    T("need a 3rd row for 3 kids and a dog. palisade or telluride?",
      "Comparison without inventing per-unit specs; may note new Palisades and used Tellurides are in stock",
      NOHO),
    T("palisade. new. awd only, under 50k",
      LE({'cond': 'New', 'model': 'Palisade', 'dt': 'AWD', 'price_max': 50000}),
      "Does not list 26240 (trim Limited AWD, drivetrain FWD, $50,965) or 27114 (trim AWD, drivetrain RWD)",
      NOHO),
    T("the black one, what trim and how many miles",
      "Resolves to " + U('26609'),
      "26609: trim SEL AWD, 11 mi, $47,371",
      NOHO),
    T("can i come see it thursday",
      "Handover not yet required",
      "Asks what time Thursday"),
    T("after work, like 5:45",
      HO('appointment_time'),
      "Thursday 5:45 pm for 26609"),
    T("Dana Whitfield, dana.w@example.com",
      "Acknowledges name Dana Whitfield and the email",
      "Handover to a human (appointment_time) remains in effect from the previous turn; no new vehicle facts invented"),
])

# ---------------------------------------------------------------- qc10
conv('qc10', 'en', "Santa Cruz price/AWD; switch to cheapest Tucson Hybrid and back; two questions in one (fuel + bed length, bed length not in feed)", [
    T("how much is the santa cruz",
      "Gives " + U('26898'),
      NOHO),
    T("and is it awd",
      "Yes: trim Limited AWD and drivetrain AWD agree",
      NOHO),
    T("what about a tucson hybrid for comparison, the cheapest one",
      LE({'model': 'Tucson Hybrid', 'sort': 'price', 'take': 1}, lead='Names exactly'),
      "Gives $41,046 and 9 mi for 27103 (Grey); may note 27023 ($41,078, White) is close behind",
      NOHO),
    T("ok back to the santa cruz. what color again, and is it a truck or an suv",
      "White; listed as type Truck (a pickup)",
      NOHO),
    T("2 q's: what fuel does it take and whats the bed length",
      "Answers both: fuel Gasoline; bed length is not in the listing and is not invented",
      NOHO),
    T("ok thanks for being straight with me",
      NOHO),
])

# ---------------------------------------------------------------- qc11
conv('qc11', 'en', "Equinox; only 2023s; 'the silver one' (feed says Grey); the 2020 FWD-in-name/AWD conflict; back to the 2023 white -> buy", [
    T("any chevy equinox",
      LE({'model': 'Equinox'}),
      NOHO),
    T("only the 2023s",
      LE({'model': 'Equinox', 'year': 2023}),
      NOHO),
    T("the silver one, how many miles",
      "Resolves to WV15113 (colour listed as Grey) and gives 17,532 mi; may note the feed says grey, not silver",
      NOHO),
    T("wait is the 2020 one awd? it said fwd in the name",
      "Resolves to WV14984 (2020, White, $18,652, 38,065 mi)",
      "Flags trim 'FWD 4dr LT w/2FL' vs drivetrain field AWD; does not state either as fact",
      NOHO),
    T("nah back to the 2023s. i want the white one, how do i lock it in",
      HO('ready_to_buy'),
      "The white 2023 = KV5506 ($23,850, 16,511 mi)"),
])

# ---------------------------------------------------------------- qc12
conv('qc12', 'es', "Spanish; Elantra (one with no price); 'la blanca' price; automatic; general financing -> own score/income", [
    T("hola, ¿tienen Elantra?",
      "Replies in Spanish",
      LE({'model': 'Elantra'}),
      "Says 26638A has no price in the feed",
      NOHO),
    T("¿la blanca cuánto?",
      "WV15157: $23,900 with 16,939 mi",
      NOHO),
    T("¿es automática?",
      "Yes: transmission listed Automatic (trim SEL IVT)",
      NOHO),
    T("¿Financian a gente con poco crédito?",
      "General answer in Spanish, no promises of approval",
      NOHO),
    T("mi score es 580 y gano como 2,800 al mes, ¿califico?",
      HO('financing_details'),
      "Does not promise approval or quote a rate"),
])

# ---------------------------------------------------------------- qc13
conv('qc13', 'en', "Jeep Cherokee (4x4 trim, FWD drivetrain; no price) -> Grand Cherokee 4x4; cheapest + miles in one message; price difference to the 2020; two questions, tow hitch not in feed", [
    T("you have any jeep cherokees",
      LE({'model': 'Cherokee'}),
      "Says WV15163 has no price in the feed",
      NOHO),
    T("the black one is 4x4 right",
      "Resolves to KV5492; flags trim 'Latitude Lux 4x4' vs drivetrain field FWD; does not confirm 4x4 as fact",
      NOHO),
    T("ok what about grand cherokees, 4x4",
      LE({'model': 'Grand Cherokee', 'dt': '4X4'}),
      NOHO),
    T("cheapest of those and how many miles",
      "KV5425 (2018, White): $21,900 and 79,735 mi",
      NOHO),
    T("hmm the 2020 has way less miles. how much more is it",
      "KV5554 (2020, Grey): $26,900 and 26,538 mi",
      "Difference " + diff('KV5554', 'KV5425'),
      NOHO),
    T("does the 2020 have a tow hitch? and is it gas",
      "Fuel Gasoline for KV5554",
      "Tow hitch is not in the listing; does not invent it; may offer to check",
      NOHO),
])

# ---------------------------------------------------------------- qc14
conv('qc14', 'en', "hours (not in feed); red Santa Fe hybrid labelled Gasoline; photos; mpg not in feed; 'this weekend' with no time; casual ending", [
    T("are you guys open late on thursdays",
      "Does not invent hours; gives them only if the agent has them, otherwise offers to confirm",
      NOHO),
    T("im looking at the red santa fe, is that the hybrid one",
      "Resolves to " + U('27130'),
      "Trim 'SEL HEV' (hybrid) while fuel is listed as Gasoline; says it is the HEV trim and may flag the label",
      NOHO),
    T("can u send me more pics of it",
      "Points to the listing photos or offers to send more; no handover required",
      NOHO),
    T("whats the mpg",
      "MPG is not in the listing; does not state a figure as fact",
      NOHO),
    T("might swing by this weekend",
      "Handover not yet required",
      "May ask which day and time"),
    T("cool ttyl",
      NOHO),
])

# ---------------------------------------------------------------- qc15
conv('qc15', 'en', "Fortes under 20k; green one labelled Manual vs IVT; K5s; 'the cheaper K5' vs 'the 2023 Forte' from the agent's own list; warranty (not in feed); call-back for husband", [
    T("kia fortes under 20k",
      LE({'model': 'Forte', 'price_max': 20000}),
      "Does not list 15490A (no price) or 15239A ($21,610) as under 20k",
      NOHO),
    T("the green one is a manual?? thought fortes were cvt",
      "Resolves to 15549A; transmission field says Manual but trim says LXS IVT (a CVT); flags the conflict, does not assert",
      NOHO),
    T("what about K5s",
      LE({'model': 'K5'}),
      NOHO),
    T("compare the cheaper K5 with the 2023 forte",
      "Cheaper K5 = DT15551A: 2022, Orange, 36,559 mi, $20,999",
      "The 2023 Forte from the agent's own under-20k list = 14729A: Grey, 6,532 mi, $19,500",
      NOHO),
    T("ok the forte. does it have any warranty left",
      "Remaining warranty is not in the listing; does not invent coverage for this unit",
      NOHO),
    T("my husband wants to talk numbers. have someone call him tomorrow morning, 708-555-0188",
      HO('human_request'),
      "Captures 708-555-0188 and 'tomorrow morning' as a call time, not a visit"),
])

# ---------------------------------------------------------------- qc16
conv('qc16', 'en', "Ioniq 5 price/miles/trim; pivot to own-car recall issue; then a visit Saturday at noon", [
    T("you have any ioniq 5s",
      LE({'model': 'Ioniq 5'}),
      NOHO),
    T("price and miles",
      "$59,277 and 10 mi for 25713",
      NOHO),
    T("is that the limited",
      "Yes: trim Limited AWD, White, drivetrain AWD",
      NOHO),
    T("separate thing, i bought a tucson from you last year and service never called me back about my recall",
      HO('existing_customer_issue'),
      "Does not try to resolve the recall itself"),
    T("also still interested in the ioniq, can i come saturday at noon",
      HO('appointment_time'),
      "Saturday 12:00 pm for 25713"),
])


def build():
    specs = {}
    out = []
    for c in C:
        turns = []
        for ti, t in enumerate(c['turns']):
            ex = []
            for ei, e in enumerate(t['expect']):
                if isinstance(e, LE):
                    rows = feed.sel(e.spec)
                    specs['{}/{}/{}'.format(c['id'], ti, ei)] = e.spec
                    e = '{}: {}'.format(e.lead, '; '.join(feed.unit(r['stock_number']) for r in rows))
                ex.append(e)
            turns.append({'customer': t['customer'], 'expect': ex})
        out.append({'id': c['id'], 'language': c['language'], 'turns': turns})
    with open(SET + '/conversations.jsonl', 'w', encoding='utf-8') as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    json.dump(specs, open(SET + '/tools/specs_convs.json', 'w'), indent=1, ensure_ascii=False)
    # table for README
    rows = []
    for c, o in zip(C, out):
        last = o['turns'][-1]['expect']
        ho = any(x.startswith('Handover to a human') for x in last)
        rows.append('| {} | {} | {} | {} | {} |'.format(c['id'], c['language'], len(c['turns']), c['what'], 'yes' if ho else 'no'))
    open(SET + '/tools/conv_table.md', 'w').write('\n'.join(rows) + '\n')
    return out


if __name__ == '__main__':
    out = build()
    print(len(out), sum(len(c['turns']) for c in out))
    print(open(SET + '/tools/conv_table.md').read())
