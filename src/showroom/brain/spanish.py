"""Spanish for the builtin agent (``brain.i18n``): the translation of every English message id, and the
tone phrases. Customers are addressed as *usted*, as a dealership's staff would write to a customer they have not
met; vehicle titles, trims, colours and feature names from the feed stay as the feed writes them."""

from __future__ import annotations

from showroom.vocabulary import Tone


def _all_tones(*options: str) -> dict[Tone, tuple[str, ...]]:
    return {tone: options for tone in Tone}


PHRASES: dict[str, dict[Tone, tuple[str, ...]]] = {
    "hello": {
        **_all_tones("¡Hola{name}!", "¡Hola{name}, gracias por escribirnos!"),
        Tone.formal: ("Buen día{cname}.", "Hola{name}, gracias por comunicarse con nosotros."),
    },
    "intro": _all_tones("Le saluda {persona}, de {dealer}.", "Soy {persona}, de {dealer}."),
    "found_one": {
        **_all_tones("¡Buenas noticias! El {title} está en nuestro inventario.", "¡Sí! El {title} está disponible."),
        Tone.formal: ("Con gusto le confirmo que el {title} está en nuestro inventario.",),
    },
    "found_many": _all_tones(
        "¡Buenas noticias! Tenemos {count} que coinciden con lo que busca:", "¡Sí! Aquí tiene {count} opciones:"
    ),
    "found_total": _all_tones(
        "¡Buenas noticias! Tenemos {total} que coinciden con lo que busca. Aquí tiene {count}:",
        "¡Sí! Tenemos {total} que coinciden; aquí tiene {count}:",
    ),
    "found_some": _all_tones(
        "¡Buenas noticias! Tenemos varios que coinciden con lo que busca. Aquí tiene {count}:",
        "¡Sí! Aquí tiene {count} de los que coinciden:",
    ),
    "alternatives": _all_tones(
        "Estas son las opciones más parecidas que tenemos:", "Esto es lo más cercano en nuestro inventario:"
    ),
    "no_match": _all_tones(
        "No encuentro {what} en nuestro inventario en este momento.",
        "En este momento no tenemos {what} en inventario.",
    ),
    "no_exact": _all_tones("En este momento no tenemos {what} en inventario.", "No veo {what} en nuestro lote ahora."),
    "ask_test_drive": _all_tones(
        "¿Le gustaría venir a verlo y hacer una prueba de manejo?", "¿Quiere que le programe una prueba de manejo?"
    ),
    "ask_which": _all_tones(
        "Con gusto le programo una prueba de manejo. ¿Le gustaría venir a ver alguno de estos?",
        "¿Alguno de estos le interesa?",
    ),
    "ask_budget": _all_tones("¿Tiene un rango de precio en mente?", "¿Qué presupuesto tiene en mente?"),
    "ask_when": _all_tones(
        "¿Para cuándo le gustaría tener su próximo vehículo?",
    ),
    "ask_notify": _all_tones(
        "¿Quiere que le avise cuando llegue uno, o prefiere ver opciones parecidas?",
    ),
    "ask_else": _all_tones("¿Hay algo más en lo que le pueda ayudar?", "¿Le puedo ayudar con algo más?"),
    "welcome": {**_all_tones("¡Con mucho gusto!", "¡Para servirle!"), Tone.formal: ("Es un placer ayudarle.",)},
}

MESSAGES: dict[str, str] = {
    # joining words and fragments
    " and ": " y ",
    "Got it, I'll leave {what} out.": "Entendido, dejo fuera {what}.",
    "Got it, nothing in {colour}.": "Entendido, nada en {colour}.",
    "The {title} is pre-owned; our listing doesn't say it's certified, so a team member can confirm what warranty it "
    "carries.": "El {title} es usado; nuestro listado no dice que sea certificado, así que alguien del equipo le "
    "puede confirmar qué garantía tiene.",
    "No others, I'm afraid: the {a} is the only one that fits.": "No hay otros, lo siento: el {a} es el único que "
    "le sirve.",
    "your number, {phone}": "su número, {phone}",
    "Thanks, {name}! I've noted {what}.": "¡Gracias, {name}! Ya anoté {what}.",
    "Nice to meet you!": "¡Mucho gusto!",
    "in about {minutes} minutes": "en unos {minutes} minutos",
    ", for a text {when}": ", para un mensaje {when}",
    ", for a call {when}": ", para una llamada {when}",
    "your new time, {when}": "su nueva hora, {when}",
    "a visit {when}": "una visita {when}",
    "your name, {name}": "su nombre, {name}",
    "Here's the {title}.": "Este es el {title}.",
    "The {big} is the bigger of the two: it's a {big_class}, a size up from the {small} ({small_class}). Here they "
    "are side by side:": (
        "El {big} es el más grande de los dos: es un {big_class}, un tamaño más que el {small} ({small_class}). Aquí "
        "están lado a lado:"
    ),
    "subcompact car": "auto subcompacto",
    "compact car": "auto compacto",
    "midsize car": "auto mediano",
    "large car": "auto grande",
    "luxury sedan": "sedán de lujo",
    "electric car": "auto eléctrico",
    "subcompact SUV": "SUV subcompacta",
    "compact SUV": "SUV compacta",
    "luxury compact SUV": "SUV compacta de lujo",
    "electric SUV": "SUV eléctrica",
    "midsize SUV": "SUV mediana",
    "luxury midsize SUV": "SUV mediana de lujo",
    "three-row SUV": "SUV de tres filas",
    "three-row electric SUV": "SUV eléctrica de tres filas",
    "full-size SUV": "SUV grande",
    "compact pickup": "pickup compacta",
    "midsize pickup": "pickup mediana",
    "full-size pickup": "pickup grande",
    "heavy-duty pickup": "pickup de trabajo pesado",
    "Sorry, I know that's frustrating: the listing for the {title} has no price yet, and I won't guess one. A team "
    "member can send you the exact figure; what's the best number to text you at?": (
        "Disculpe, entiendo que es frustrante: el anuncio del {title} aún no tiene precio, y no voy a adivinarlo. "
        "Alguien de nuestro equipo le puede enviar la cifra exacta; ¿a qué número le podemos escribir?"
    ),
    " Its price isn't listed yet; a team member can get it to you.": (
        " Su precio aún no está publicado; alguien de nuestro equipo se lo puede dar."
    ),
    "Thanks, {name}.": "Gracias, {name}.",
    "Nice to meet you, {name}!": "¡Mucho gusto, {name}!",
    "Thanks! I've noted {what}.": "¡Gracias! Ya anoté {what}.",
    "What day and time would work best for you to come in?": "¿Qué día y a qué hora le queda mejor venir?",
    "Here they are side by side:": "Aquí los tiene lado a lado:",
    "Here they are:": "Aquí los tiene:",
    "a hybrid": "híbrido",
    "hybrid": "híbrido",
    "electric": "eléctrico",
    "plug-in hybrid": "híbrido enchufable",
    "gasoline": "gasolina",
    "diesel": "diésel",
    "a plug-in hybrid": "híbrido enchufable",
    "fully electric": "100% eléctrico",
    "gas-powered": "de gasolina",
    "a diesel": "diésel",
    "flex-fuel (it runs on gasoline or E85)": "de combustible flexible (usa gasolina o E85)",
    "The {title} is {fuel}.": "El {title} es {fuel}.",
    "Our listing doesn't say what the {title} runs on; a team member can confirm it.": "Nuestro listado no dice "
    "qué combustible usa el {title}; alguien del equipo se lo puede confirmar.",
    "No, the {title} is {fuel}, not {wanted}.": "No, el {title} es {fuel}, no {wanted}.",
    "Yes, the {title} is {fuel}.": "Sí, el {title} es {fuel}.",
    "Nothing of the kind you named fits that, but these do if you're open to others:": "Nada de lo que mencionó "
    "cumple con eso, pero estos sí, si le interesan otros:",
    "Our listings don't say what each trim adds, so I won't guess; here they are side by side:": "Nuestros "
    "listados no dicen qué agrega cada versión, así que no voy a adivinar; aquí los tiene lado a lado:",
    "Our listings don't say which have {feature}, so I can't say for sure; here's what fits everything else:": (
        "Nuestros listados no dicen cuáles tienen {feature}, así que no lo puedo asegurar; esto es lo que cumple "
        "con todo lo demás:"
    ),
    "Thanks for letting me know!": "¡Gracias por contarme!",
    "Is there a vehicle I can look up for you: an SUV, a truck or a car, and a price you'd like to stay under?": (
        "¿Le busco algún vehículo: una SUV, una camioneta o un auto, y un precio máximo que no quiera pasar?"
    ),
    "Our listing for the {title} doesn't say its cab style; a team member can confirm it.": "Nuestro listado del "
    "{title} no dice el tipo de cabina; alguien del equipo se lo puede confirmar.",
    "Yes, the {title} is a {cab}.": "Sí, el {title} es {cab}.",
    "The {title} is a {cab}.": "El {title} es {cab}.",
    "The {title} is a {cab}, not a {asked} cab.": "El {title} es {cab}, no {asked} cab.",
    "Happy to check!": "¡Con gusto lo reviso!",
    "A link, the stock number, or the year and model is all I need: which one are you looking at?": "Me basta con "
    "el enlace, el número de inventario o el año y el modelo: ¿cuál está viendo?",
    "I don't have this month's manufacturer incentives in our listings, so I won't guess; a team member can tell you "
    "exactly what applies to the {title}.": "No tengo los incentivos del fabricante de este mes en nuestros listados, "
    "así que no voy a adivinar; alguien del equipo le puede decir exactamente qué aplica al {title}.",
    "I don't have this month's manufacturer incentives in our listings, so I won't guess; a team member can tell you "
    "exactly what applies to the car you choose.": "No tengo los incentivos del fabricante de este mes en nuestros "
    "listados, así que no voy a adivinar; alguien del equipo le puede decir exactamente qué aplica al vehículo que "
    "elija.",
    "Would you like a team member to check the current offers for you?": "¿Quiere que alguien del equipo le revise "
    "las ofertas vigentes?",
    "On top of the listed price come sales tax, title and registration, and the dealer's documentation fee; the exact "
    "amounts depend on where you register the car.": "Al precio publicado se suman el impuesto de venta, el título y "
    "la placa, y el cargo de documentación del concesionario; los montos exactos dependen de dónde registre el "
    "vehículo.",
    "The ones I showed you are all that fit that.": "Los que le mostré son todos los que cumplen con eso.",
    "Only these fit that:": "Solo estos cumplen con eso:",
    "No, they're two different cars (stock {sa} and stock {sb}):": (
        "No, son dos vehículos distintos (inventario {sa} e inventario {sb}):"
    ),
    "No, they're two different cars:": "No, son dos vehículos distintos:",
    "The {title}{price} is still the only one that fits that.": (
        "El {title}{price} sigue siendo el único que cumple con eso."
    ),
    "Would you like me to widen the search, or take a closer look at it?": (
        "¿Quiere que amplíe la búsqueda, o prefiere ver este más de cerca?"
    ),
    "Would you like me to widen the search, or take a closer look at one of them?": "¿Quiere que amplíe la "
    "búsqueda, o prefiere ver de cerca alguno de ellos?",
    "That's all of them: I've shown you every one of the {total} that fit.": "Eso es todo: ya le mostré los {total} "
    "que cumplen.",
    "There's one more that fits:": "Hay uno más que cumple:",
    "Here are the other {count} that fit:": "Aquí tiene los otros {count} que cumplen:",
    "Here are {count} more, and there's one after these:": "Aquí tiene {count} más, y queda uno después de estos:",
    "Here are {count} more, and there are {left} after these:": "Aquí tiene {count} más, y quedan {left} después de "
    "estos:",
    "The ones I showed you fit that too. Here are more that do:": "Los que le mostré también cumplen con eso. Aquí "
    "tiene más que cumplen:",
    "Here's the page for the {title}: {url}": "Aquí está la página del {title}: {url}",
    "Our listings don't rate which is {asked}, so I won't guess; here they are side by side:": "Nuestros listados "
    "no dicen cuál es {asked}, así que no voy a adivinar; aquí los tiene lado a lado:",
    "the {colour} one": "el de color {colour}",
    "the one at {price}": "el de {price}",
    "is {gap} less": "cuesta {gap} menos",
    "is newer": "es más reciente",
    "has {miles} fewer miles": "tiene {miles} millas menos",
    "{car} {wins}.": "{car} {wins}.",
    "it's {gap} less": "cuesta {gap} menos",
    "it's newer": "es más nuevo",
    "it has {miles} fewer miles": "tiene {miles} millas menos",
    "For value I'd go with the {title}{price}: next to the {other}, {why}.": (
        "Por lo que ofrece, yo me quedaría con el {title}{price}: frente al {other}, {why}."
    ),
    "For value I'd go with the {title}{price}: of these, it gives the most for the money on price, year and "
    "miles.": "Por lo que ofrece, yo me quedaría con el {title}{price}: de estos, es el que más da por el dinero en "
    "precio, año y millas.",
    "That said, it comes down to what matters most to you: budget, miles or features.": (
        "Claro que depende de lo que más le importe: presupuesto, millas o equipo."
    ),
    "{a} has {da}, {b} {db}.": "{a} es {da}; {b}, {db}.",
    "it's pre-owned and the other is new": "es seminuevo y el otro es nuevo",
    "it's a {ya}, the other a {yb}": "es un {ya} y el otro un {yb}",
    "it has {miles} more miles": "tiene {miles} millas más",
    "it has {da} and the other {db}": "es {da} y el otro {db}",
    "it's the {ta} trim, the other the {tb}": "es la versión {ta} y el otro la {tb}",
    "The {a} is {gap} less than the {b}: {why}.": "El {a} cuesta {gap} menos que el {b}: {why}.",
    "The {a} is {gap} less than the {b}, and their listings don't show why; a team member can tell you what sets "
    "them apart.": "El {a} cuesta {gap} menos que el {b}, y sus listados no dicen por qué; alguien del equipo le puede "
    "explicar la diferencia.",
    "it's a {year}": "es un {year}",
    "If anything comes up, just reply here and we'll be glad to help.": (
        "Si se le ofrece algo, escríbanos aquí y con gusto le ayudamos."
    ),
    "between the {below} and the {above}": "entre la {below} y la {above}",
    "at the top, above the {below}": "en lo más alto, por encima de la {below}",
    "at the start, below the {above}": "al inicio, por debajo de la {above}",
    "{trim} is one of the {model}'s trims: in its lineup it sits {place}. Our listings don't show each unit's "
    "features, so a team member can tell you exactly what it adds.": "{trim} es una de las versiones del {model}: en "
    "su línea está {place}. Nuestros listados no muestran el equipo de cada unidad, así que alguien del equipo le "
    "puede decir exactamente qué agrega.",
    "Would you like to see the {trim}s we have?": "¿Quiere ver las {trim} que tenemos?",
    "though it has {miles} fewer miles": "aunque tiene {miles} millas menos",
    "I'm sorry about this{name}.": "Lamento mucho lo ocurrido{name}.",
    " to go over financing with you": " para revisar el financiamiento con usted",
    "I've asked a member of our team to call you.": "Le pedí a alguien de nuestro equipo que le llame.",
    "I'd rather not guess a number for the {title}: a ballpark from me could be off by thousands, and the team can get "
    "you its actual price quickly.": "Prefiero no adivinar una cifra para el {title}: un cálculo mío podría fallar por "
    "miles, y el equipo le puede dar el precio real rápido.",
    "What's the best phone number or e-mail to send it to?": "¿A qué teléfono o correo se lo enviamos?",
    "its listing doesn't show its mileage": "su listado no muestra el millaje",
    "Yes, any electric car can charge from a regular household outlet (Level 1), but slowly: only a few miles of "
    "range per hour. Most owners add a 240-volt Level 2 charger at home, which fills the battery overnight, and what "
    "it costs depends on your electricity rate.": "Sí, cualquier eléctrico se puede cargar en un enchufe normal de la "
    "casa (Nivel 1), pero despacio: unas pocas millas de autonomía por hora. La mayoría instala un cargador de 240 "
    "voltios (Nivel 2), que llena la batería en una noche, y el costo depende de su tarifa de luz.",
    "Would you like a team member to go over charging for the car you're looking at?": (
        "¿Quiere que alguien del equipo le explique la carga del auto que le interesa?"
    ),
    "Usually: your driver's license, proof of insurance, and, if you're financing, recent pay stubs or other proof "
    "of income and proof of address. If you're trading in, bring the title or your loan details, the registration "
    "and all the keys.": "Normalmente: su licencia de conducir, comprobante de seguro y, si va a financiar, talones de "
    "pago recientes u otro comprobante de ingresos y comprobante de domicilio. Si trae un auto a cuenta, traiga el "
    "título o los datos de su préstamo, la registración y todas las llaves.",
    "Would you like a team member to confirm the list for your situation?": (
        "¿Quiere que alguien del equipo le confirme la lista para su caso?"
    ),
    "Many lenders do finance with an ITIN; our finance team knows which ones work with us and what they ask for.": (
        "Muchos bancos sí financian con ITIN; nuestro equipo de finanzas sabe cuáles trabajan con nosotros y qué piden."
    ),
    "Our finance team works with many lenders and looks at every credit situation, first-time buyers included; they "
    "can tell you what's possible for you; approval is only known once you apply.": "Nuestro equipo de finanzas "
    "trabaja con muchos bancos y revisa todo tipo de crédito, también a quienes compran por primera vez; le pueden "
    "decir qué es posible en su caso; la aprobación solo se sabe al aplicar.",
    "A new {make} comes with the factory's 10-year/100,000-mile powertrain limited warranty for the original owner "
    "and a 5-year/60,000-mile new vehicle limited warranty.": "Un {make} nuevo trae la garantía de fábrica de 10 "
    "años/100,000 millas del tren motriz para el primer dueño y una garantía limitada de vehículo nuevo de 5 "
    "años/60,000 millas.",
    "Would you like a team member to go over the coverage in detail?": (
        "¿Quiere que alguien del equipo le explique la cobertura en detalle?"
    ),
    "In the {model} lineup the {high} sits above the {low}, so it generally comes with more comfort and tech "
    "equipment; our listings don't show each unit's features, so a team member can confirm what these have. Here's "
    "what we have of each:": "En la línea {model} la versión {high} está por encima de la {low}, así que en general "
    "trae más equipo de confort y tecnología; nuestros listados no muestran el equipo de cada unidad, así que alguien "
    "del equipo le puede confirmar qué trae cada una. Esto es lo que tenemos de cada una:",
    " for the {title}": " del {title}",
    " about the {title}": " sobre el {title}",
    "Thanks{name}. I've asked a member of our team to text you at {phone}.": (
        "Gracias{name}. Le pedí a alguien de nuestro equipo que le escriba al {phone}."
    ),
    "Thanks{name}. I've asked a member of our team to text you.": (
        "Gracias{name}. Le pedí a alguien de nuestro equipo que le escriba."
    ),
    "Thanks{name}. I've asked a member of our team to call you at {phone}.": (
        "Gracias{name}. Le pedí a alguien de nuestro equipo que le llame al {phone}."
    ),
    "Thanks{name}. I've asked a member of our team to call you.": (
        "Gracias{name}. Le pedí a alguien de nuestro equipo que le llame."
    ),
    "No pressure at all.": "Sin ninguna presión.",
    "Sorry about that link.": "Disculpe lo del enlace.",
    "A team member can send you the photos and details directly.": (
        "Alguien del equipo le puede mandar las fotos y los detalles directamente."
    ),
    "What's the best phone number or e-mail to send them to?": "¿A qué teléfono o correo se los enviamos?",
    "the other has a third row of seats": "el otro tiene tercera fila de asientos",
    "{title} in {colour}": "{title} color {colour}",
    "it has {miles} miles": "tiene {miles} millas",
    "No catch that I can see in the listing: the {title} is listed at {price}; {facts}, and a pre-owned car is priced "
    "on its year and miles.": "No veo ningún truco en el listado: el {title} tiene un precio publicado de {price}; "
    "{facts}, y un seminuevo se valora por su año y sus millas.",
    "The {title} is listed at {price}; its listing doesn't say more about the price, so a team member can walk you "
    "through it.": "El {title} tiene un precio publicado de {price}; el listado no dice más sobre el precio, así que "
    "alguien del equipo se lo puede explicar.",
    "A team member can get you its vehicle history report.": (
        "Alguien del equipo le puede conseguir su reporte de historial del vehículo."
    ),
    "{a} has a third row of seats; our listing shows none for {b}.": (
        "{a} tiene tercera fila de asientos; nuestro listado no la muestra en {b}."
    ),
    "They're listed the same on price, year and miles.": "Tienen el mismo precio, año y millaje en el listado.",
    "Yes, the {model} is known for good gas mileage: EPA rates it around 30 MPG combined or better (the exact figure "
    "depends on the engine and year).": "Sí, el {model} es conocido por su buen rendimiento: la EPA le da unas 30 "
    "millas por galón combinadas o más (la cifra exacta depende del motor y del año).",
    "Of everything that fits, the {title} is the lowest-priced.": "De todo lo que le sirve, el {title} es el de "
    "menor precio.",
    "Of everything that fits, the {title} is the highest-priced.": "De todo lo que le sirve, el {title} es el de "
    "mayor precio.",
    "Of everything that fits, the {title} is the newest.": "De todo lo que le sirve, el {title} es el más reciente.",
    "Of everything that fits, the {title} has the fewest miles.": "De todo lo que le sirve, el {title} es el de "
    "menos millas.",
    "Nothing that fits comes in lower: the {a} at {pa} is our lowest-priced one.": (
        "No hay nada más barato que le sirva: el {a}, a {pa}, es el de menor precio que tenemos."
    ),
    "Nothing that fits is newer: the {a} is the newest we have.": (
        "No hay nada más nuevo que le sirva: el {a} es el más reciente que tenemos."
    ),
    "Nothing that fits has fewer miles: the {a}, at {ma} miles, is the lowest we have.": (
        "No hay nada con menos millas que le sirva: el {a}, con {ma} millas, es el de menos millas que tenemos."
    ),
    "the {title}": "el {title}",
    "those": "esos",
    "Got it, no {what}.": "Entendido, nada en {what}.",
    "Our listings don't say what each trim adds, so I won't guess; here's what we have of each:": (
        "Nuestras fichas no dicen qué agrega cada versión, así que no voy a adivinar; esto es lo que tenemos de "
        "cada una:"
    ),
    "We don't have a {trim} on the lot right now.": "En este momento no tenemos un {trim} en el lote.",
    "Would you like a team member to walk you through the differences?": (
        "¿Quiere que alguien de nuestro equipo le explique las diferencias?"
    ),
    "None of them has a price listed yet; a team member can get them to you.": (
        "Ninguno tiene precio publicado todavía; alguien de nuestro equipo se los puede conseguir."
    ),
    "The {a} is listed at {pa}; the {b} has no price listed yet.": (
        "El {a} tiene un precio publicado de {pa}; el {b} todavía no tiene precio publicado."
    ),
    "They're listed at the same price, {pa}.": "Tienen el mismo precio publicado, {pa}.",
    "The {a} is the cheaper of the two at {pa}, {gap} less than the {b} at {pb}.": (
        "El {a} es el más barato de los dos, a {pa}: {gap} menos que el {b}, que está a {pb}."
    ),
    "The {a} is the pricier of the two at {pa}, {gap} more than the {b} at {pb}.": (
        "El {a} es el más caro de los dos, a {pa}: {gap} más que el {b}, que está a {pb}."
    ),
    "Of those, the {a} is the cheapest at {pa}.": "De esos, el {a} es el más barato, a {pa}.",
    "The {a} is {gap} more than the {b}: {pa} against {pb}.": "El {a} cuesta {gap} más que el {b}: {pa} contra {pb}.",
    "The {b} is {gap} less than the {a}: {pb} against {pa}.": "El {b} cuesta {gap} menos que el {a}: {pb} contra {pa}.",
    "Of those, the {a} is the priciest at {pa}.": "De esos, el {a} es el más caro, a {pa}.",
    "They're both from {year}.": "Los dos son del {year}.",
    "The {m} starts lower: our lowest-priced one is the {a} at {pa}, and our lowest-priced {n} is the {b} at {pb}.": (
        "El {m} sale más barato: el de menor precio es el {a}, a {pa}, y el {n} de menor precio es el {b}, a {pb}."
    ),
    "The {m} is the pricier of the two: our lowest-priced one is the {a} at {pa}, and our lowest-priced {n} is the "
    "{b} at {pb}.": (
        "El {m} es el más caro de los dos: el de menor precio es el {a}, a {pa}, y el {n} de menor precio es el {b}, "
        "a {pb}."
    ),
    "The {a} has fewer miles: {ma}, against {mb} on the {b}.": (
        "El {a} tiene menos millas: {ma}, contra {mb} del {b}."
    ),
    "The {a} has more miles: {ma}, against {mb} on the {b}.": "El {a} tiene más millas: {ma}, contra {mb} del {b}.",
    "The {a} is the newer of the two; the {b} is a {year}.": "El {a} es el más nuevo de los dos; el {b} es del {year}.",
    "Of those, the {a} is the newest.": "De esos, el {a} es el más nuevo.",
    "Our listing doesn't give the miles of every one of them.": "Nuestra ficha no da las millas de todos.",
    "They have the same miles, {ma}.": "Tienen las mismas millas, {ma}.",
    "Of those, the {a} has the fewest miles: {ma}.": "De esos, el {a} es el que tiene menos millas: {ma}.",
    "Of those, the {a} has the most miles: {ma}.": "De esos, el {a} es el que tiene más millas: {ma}.",
    " with ": " con ",
    ": {details}": ": {details}",
    " of the {title}": " del {title}",
    " (stock {stock})": " (inventario {stock})",
    "Stock number {stock}.": "Número de inventario {stock}.",
    "{miles} miles": "{miles} millas",
    "it's listed at {price}": "tiene un precio publicado de {price}",
    "has {miles} miles": "tiene {miles} millas",
    "is finished in {colour}": "es color {colour}",
    "a {year}": "un {year}",
    "accident and ownership history": "historial de accidentes y de dueños",
    "Our listing doesn't carry the accident or ownership history of the {title}, so I won't guess; a team member "
    "can send you its vehicle history report.": "Nuestro listado no incluye el historial de accidentes ni de dueños "
    "del {title}, así que no voy a adivinar; alguien del equipo le puede enviar su reporte de historial.",
    "Would you like us to send you the vehicle history report?": "¿Quiere que le enviemos el reporte de historial del "
    "vehículo?",
    "Yes, the {title} is {condition}.": "Sí, el {title} es {condition}.",
    "The {title} is {condition}.": "El {title} es {condition}.",
    "No problem at all, take your time.": "No hay problema, tómese su tiempo.",
    "If it helps, I can show you what's on the lot: are you thinking SUV, truck or sedan, new or pre-owned?": "Si le "
    "sirve, le puedo mostrar lo que tenemos: ¿piensa en una SUV, una pickup o un sedán, nuevo o usado?",
    "That's not something I can answer from our listings.": "Eso no lo puedo responder con nuestros listados.",
    "Would you like a team member to get back to you on it?": "¿Quiere que alguien del equipo le responda sobre eso?",
    "They're listed at the same price.": "Tienen el mismo precio publicado.",
    "The {high} is {gap} more than the {low}.": "El {high} cuesta {gap} más que el {low}.",
    "Here are the trims of the {model} on our lot, the lowest-priced of each:": "Estas son las versiones del {model} "
    "que tenemos, la de menor precio de cada una:",
    "Yes, we take trade-ins, and we'd be glad to look at yours.": "Sí, recibimos vehículos a cuenta, y con gusto "
    "revisamos el suyo.",
    "about {miles} miles": "unas {miles} millas",
    "about {owed} still owed on it": "unos {owed} que todavía debe",
    "and": "y",
    "other one": "otro",
    "The {title} is": "El {title} aparece",
    "They're all": "Todos aparecen",
    "{who} listed as all-wheel drive, which helps with getting going in snow; good winter tires matter most for "
    "stopping and turning.": (
        "{who} con tracción integral (AWD), que ayuda a arrancar en la nieve; unas buenas llantas de invierno son lo "
        "que más cuenta para frenar y girar."
    ),
    "{who} listed as four-wheel drive, which helps with getting going in snow; good winter tires matter most for "
    "stopping and turning.": (
        "{who} con tracción 4x4 (4WD), que ayuda a arrancar en la nieve; unas buenas llantas de invierno son lo que "
        "más cuenta para frenar y girar."
    ),
    "{who} listed as front-wheel drive: with good winter tires that handles snow well for most drivers, though "
    "all-wheel drive grips better getting going.": (
        "{who} con tracción delantera (FWD): con buenas llantas de invierno se maneja bien en la nieve para la "
        "mayoría, aunque la tracción integral agarra mejor al arrancar."
    ),
    "{who} listed as rear-wheel drive, the least sure-footed layout in snow; winter tires make a big difference.": (
        "{who} con tracción trasera (RWD), la menos segura en la nieve; las llantas de invierno hacen mucha diferencia."
    ),
    "Would you like to bring it by so our team can take a look at it?": (
        "¿Le gustaría traerlo para que nuestro equipo lo revise?"
    ),
    "{car} with about {miles} miles": "{car} con unas {miles} millas",
    "I can't put a number on your {trade} here: our team appraises trade-ins in person and gives you a figure then.": (
        "No puedo darle una cifra por su {trade} desde aquí: nuestro equipo evalúa los carros a cuenta en persona y "
        "le da la cifra entonces."
    ),
    "Yes, I have {contact}.": "Sí, tengo {contact}.",
    "You told me your trade-in is a {trade}.": "Me dijo que su carro a cuenta es un {trade}.",
    "You asked to come in {when}.": "Me pidió venir {when}.",
    ", including the {owed} still owed on your car": ", incluidos los {owed} que todavía debe de su carro",
    "year": "el año",
    "make and model": "la marca y el modelo",
    "mileage": "el millaje",
    "overall condition": "el estado general",
    "lease": "arrendamiento (lease)",
    "financing": "financiamiento",
    # how a close option differs from what was asked
    "{trim} instead of {wanted}": "{trim} en lugar de {wanted}",
    "not the {wanted} trim": "no es la versión {wanted}",
    "a {year} instead of a {wanted}": "un {year} en lugar de un {wanted}",
    "in {colour} instead of {wanted}": "color {colour} en lugar de {wanted}",
    "colour not listed, not {wanted}": "color no indicado, no {wanted}",
    "{drive} instead of {wanted}": "{drive} en lugar de {wanted}",
    "{gearbox} instead of {wanted}": "transmisión {gearbox} en lugar de {wanted}",
    "transmission not listed": "transmisión no indicada",
    "manual": "manual",
    "automatic": "automática",
    "The {title} is listed with {gearbox} transmission.": "El {title} aparece con transmisión {gearbox}.",
    "a manual": "manual",
    "Our listing doesn't give the {title}'s trim, so I can't say whether it's a {asked}; a team member can confirm "
    "it.": "Nuestro listado no indica la versión del {title}, así que no puedo decirle si es {asked}; alguien del "
    "equipo se lo puede confirmar.",
    "Our listing doesn't give the {title}'s trim; a team member can confirm it.": "Nuestro listado no indica la "
    "versión del {title}; alguien del equipo se la puede confirmar.",
    "The {title} is the {trim} trim.": "El {title} es la versión {trim}.",
    "Yes, the {title} is the {trim} trim.": "Sí, el {title} es la versión {trim}.",
    "The {title} is listed as the {trim} trim, not a {asked}.": "El {title} aparece como versión {trim}, no {asked}.",
    "an automatic": "automática",
    "an automatic (CVT)": "automática (CVT)",
    "The {title}'s trim says {named}, but our listing's transmission field says {listed}, so a team member "
    "will confirm which it is.": "La versión del {title} dice {named}, pero el campo de transmisión de nuestro listado "
    "dice {listed}; alguien del equipo le confirmará cuál es.",
    "I don't see the transmission listed for the {title}; a team member can confirm it.": "No veo la transmisión "
    "del {title} en el listado; alguien del equipo se la puede confirmar.",
    "drivetrain not listed": "tracción no indicada",
    "{fuel} instead of {wanted}": "{fuel} en lugar de {wanted}",
    "fuel type not listed, not {wanted}": "combustible no indicado, no {wanted}",
    "{condition} instead of {wanted}": "{condition} en lugar de {wanted}",
    "new": "nuevo",
    "pre-owned": "usado",
    "certified pre-owned": "seminuevo certificado",
    "above your budget": "por encima de su presupuesto",
    "priced higher": "más caro",
    "more miles": "más millas",
    "below your price range": "por debajo de su rango de precio",
    "a {year}, older than you asked for": "un {year}, más antiguo de lo que pidió",
    "a {year}, newer than you asked for": "un {year}, más reciente de lo que pidió",
    "more miles than you asked for": "más millas de las que pidió",
    "no {feature} listed": "sin {feature} en la lista",
    "Just so you know, the {model} is made by {make}, not {said}.": (
        "Para que lo sepa, el {model} lo fabrica {make}, no {said}."
    ),
    # drivetrains and features
    "all-wheel drive (AWD)": "de tracción total (AWD)",
    "four-wheel drive (4WD)": "de tracción 4x4 (4WD)",
    "front-wheel drive (FWD)": "de tracción delantera (FWD)",
    "rear-wheel drive (RWD)": "de tracción trasera (RWD)",
    "heated seats": "asientos con calefacción",
    "heated steering wheel": "volante con calefacción",
    "ventilated seats": "asientos ventilados",
    "leather seats": "asientos de piel",
    "sunroof": "techo solar",
    "third-row seating": "tercera fila de asientos",
    "apple carplay": "Apple CarPlay",
    "android auto": "Android Auto",
    "backup camera": "cámara de reversa",
    "360 camera": "cámara de 360 grados",
    "navigation": "navegación",
    "remote start": "encendido remoto",
    "towing package": "paquete de remolque",
    "blind spot monitoring": "monitor de punto ciego",
    "adaptive cruise control": "control crucero adaptativo",
    "lane keeping assist": "asistente de mantenimiento de carril",
    "bluetooth": "Bluetooth",
    "keyless entry": "entrada sin llave",
    "premium audio": "audio premium",
    "wireless charging": "carga inalámbrica",
    "captain's chairs": "asientos tipo capitán",
    "power liftgate": "compuerta trasera eléctrica",
    "one owner": "un solo dueño",
    "clean history report": "historial limpio",
    "good fuel economy": "buen rendimiento de combustible",
    "low mileage": "bajo millaje",
    # opening a search
    "I'd love to help you find the right vehicle.": "Con gusto le ayudo a encontrar el vehículo ideal.",
    "I'd be glad to help you find the right vehicle.": "Con gusto le ayudo a encontrar el vehículo ideal.",
    "Happy to help you find something.": "Con gusto le ayudo a encontrar algo.",
    "I would be pleased to help you find a suitable vehicle.": (
        "Será un placer ayudarle a encontrar un vehículo adecuado."
    ),
    "Are you thinking SUV, truck or sedan, new or pre-owned?": "¿Busca SUV, pickup o sedán, nuevo o usado?",
    # one vehicle
    "Its features include {features}.": "Entre su equipamiento incluye {features}.",
    "You can see the photos and details here: {url}": "Puede ver las fotos y los detalles aquí: {url}",
    "Yes, the {title} is {drive}.": "Sí, el {title} es {drive}.",
    "The {title} is listed as {drive}, which drives all four wheels.": (
        "El {title} aparece como {drive}, que lleva tracción en las cuatro ruedas."
    ),
    "The {title} is listed as {drive}, not {wanted}.": "El {title} aparece como {drive}, no {wanted}.",
    "I don't see the drivetrain listed for the {title}; a team member can confirm it.": (
        "No veo la tracción del {title} en la ficha; alguien de nuestro equipo se lo puede confirmar."
    ),
    "The {title} is listed as {fuel}.": "El {title} aparece como {fuel}.",
    "Yes, the {title} has a third row of seats.": "Sí, el {title} tiene tercera fila de asientos.",
    "Yes, the {title} is listed as {feature}.": "Sí, el {title} aparece como {feature}.",
    "Yes, the {title} has a backup camera: one is required on every new vehicle sold in the US since May 2018.": (
        "Sí, el {title} tiene cámara de reversa: es obligatoria en todo vehículo nuevo vendido en EE. UU. desde mayo "
        "de 2018."
    ),
    "Yes, they all have one: a backup camera is required on every new vehicle sold in the US since May 2018.": (
        "Sí, todos la tienen: la cámara de reversa es obligatoria en todo vehículo nuevo vendido en EE. UU. desde "
        "mayo de 2018."
    ),
    "Our listings don't itemise equipment like {feature}, so I can't confirm it from here; a team member can check "
    "it on the car for you. Here they are:": (
        "Nuestros listados no detallan equipo como {feature}, así que no puedo confirmarlo desde aquí; alguien de "
        "nuestro equipo lo puede revisar en el vehículo. Aquí están:"
    ),
    "Yes, its feature list includes {feature}.": "Sí, su lista de equipamiento incluye {feature}.",
    "I don't see {feature} in its feature list; a team member can double-check that.": (
        "No veo {feature} en su lista de equipamiento; alguien de nuestro equipo lo puede verificar."
    ),
    "It's finished in {colour}.": "Es color {colour}.",
    "The {title} has {miles} miles.": "El {title} tiene {miles} millas.",
    "It's listed at {price}.": "Tiene un precio publicado de {price}.",
    "It has {miles} miles.": "Tiene {miles} millas.",
    # prices
    "I'd be happy to share pricing.": "Con gusto le comparto los precios.",
    "I can look up the listed price of any vehicle on our lot: which one are you interested in?": (
        "Le busco el precio publicado de cualquier vehículo de nuestro lote: ¿cuál le interesa?"
    ),
    "The {title} is listed at {price}.": "El {title} tiene un precio publicado de {price}.",
    "I don't have a listed price for the {title} yet; a team member can get it to you.": (
        "Todavía no tengo un precio publicado para el {title}; alguien de nuestro equipo se lo puede dar."
    ),
    "Here are the listed prices:": "Estos son los precios publicados:",
    "Taxes, fees and any current incentives are confirmed by a team member with the final numbers.": (
        "Los impuestos, cargos e incentivos vigentes se los confirma nuestro equipo con los números finales."
    ),
    "Would you like a team member to put together the out-the-door numbers for you?": (
        "¿Quiere que alguien de nuestro equipo le prepare el precio total con todo incluido?"
    ),
    # trade-in
    "Thanks for the details on your trade-in{details}.": "Gracias por los datos de su vehículo a cuenta{details}.",
    "We'd be glad to look at your trade-in.": "Con gusto revisamos su vehículo a cuenta.",
    "Our team appraises trade-ins in person, so I can't put a number on it here.": (
        "Nuestro equipo valúa los vehículos a cuenta en persona, así que no puedo darle una cifra por aquí."
    ),
    "You can get a head start with our online trade-in form: {url}": (
        "Puede adelantar el proceso con nuestro formulario en línea: {url}"
    ),
    "Could you share its {items}?": "¿Me podría compartir {items}?",
    "I can also help with your trade-in; our team appraises it in person.": (
        "También le puedo ayudar con su vehículo a cuenta; nuestro equipo lo valúa en persona."
    ),
    "You can start with our online trade-in form: {url}": "Puede empezar con nuestro formulario en línea: {url}",
    # financing
    "Our finance team can walk you through {kind} options that fit your situation.": (
        "Nuestro equipo de finanzas le puede explicar las opciones de {kind} que se ajusten a su situación."
    ),
    "Our finance department would be pleased to review {kind} options with you.": (
        "Nuestro departamento de finanzas con gusto revisará con usted las opciones de {kind}."
    ),
    "I'm not able to quote rates or payments here; a specialist confirms those with you.": (
        "No puedo cotizar tasas ni pagos por aquí; un especialista se los confirma."
    ),
    "If you'd like to get started, you can apply securely online: {url}": (
        "Si quiere empezar, puede llenar la solicitud en línea de forma segura: {url}"
    ),
    "Would you like a finance specialist to reach out to you?": (
        "¿Quiere que un especialista de finanzas se comunique con usted?"
    ),
    "A finance specialist can go over your options with you.": (
        "Un especialista de finanzas puede revisar sus opciones con usted."
    ),
    "You can apply securely online: {url}": "Puede llenar la solicitud en línea de forma segura: {url}",
    # visits
    "I'd be glad to set up a test drive{what}.": "Con gusto le programo una prueba de manejo{what}.",
    "I'll pass {day} along to the team, and they'll confirm the time with you.": (
        "Le paso «{day}» al equipo y ellos le confirman la hora."
    ),
    "Is there anything you'd like us to have ready for your visit?": (
        "¿Hay algo que quiera que tengamos listo para su visita?"
    ),
    "What day and time work best for you?": "¿Qué día y a qué hora le queda mejor?",
    "What time on {day} works best for you?": "¿A qué hora le queda mejor {day}?",
    "What time {day} works best for you?": "¿A qué hora le queda mejor {day}?",
    "Great!": "¡Perfecto!",
    "The {title} is new, with {miles} miles on it.": "El {title} es nuevo, con {miles} millas.",
    "The {title} is new; our listing shows no miles on it.": "El {title} es nuevo; nuestro listado no le marca millas.",
    "A payment depends on the price, your down payment, the term and the rate your lender offers, so I can't quote "
    "one here; our finance team works it out with you.": "Un pago depende del precio, el enganche, el plazo y la tasa "
    "que le aprueben, así que no puedo darle una cifra aquí; nuestro equipo de finanzas lo calcula con usted.",
    "Our listing for the {title} doesn't show its mileage; a team member can check the odometer for you.": (
        "Nuestro listado del {title} no muestra su millaje; alguien del equipo le puede revisar el odómetro."
    ),
    "Yes, the {title} is finished in {colour}.": "Sí, el {title} es color {colour}.",
    "The {title} is finished in {colour}.": "El {title} es color {colour}.",
    "price not listed yet": "precio aún no publicado",
    "Our listing for the {title} doesn't include its equipment, so I can't confirm {feature}; a team member can "
    "check it on the car for you.": "Nuestro listado del {title} no incluye su equipo, así que no puedo confirmarle "
    "{feature}; alguien del equipo lo puede revisar en el vehículo.",
    "Thanks{name}. I'm bringing in a member of our team{purpose}, who will reply here shortly.": (
        "Gracias{name}. Le estoy pasando con alguien de nuestro equipo{purpose}, que le responderá aquí en breve."
    ),
    "I'm sorry about this{name}. I'm bringing in a member of our team, who will reply here shortly.": (
        "Lamento mucho lo ocurrido{name}. Le estoy pasando con alguien de nuestro equipo, que le responderá aquí en "
        "breve."
    ),
    " to confirm {when}": " para confirmar {when}",
    "your visit in about {minutes} minutes": "su visita en unos {minutes} minutos",
    "All of them list {feature}.": "Todos incluyen {feature} en su listado.",
    "I don't see {feature} in their feature lists.": "No veo {feature} en su equipo listado.",
    "{count} of them list {feature}.": "{count} de ellos incluyen {feature} en su listado.",
    "Yes, the {title} is still available.": "Sí, el {title} sigue disponible.",
    "That's the {title}, listed at {price}.": "Es el {title}, con precio publicado de {price}.",
    "That's the {title}.": "Es el {title}.",
    "Which of them would you like to see, and what time {day} works best?": "¿Cuál de ellos le gustaría ver, y a "
    "qué hora le queda mejor {day}?",
    "The {model} we have is finished in {colour}.": "El {model} que tenemos es color {colour}.",
    "We have the {model} in these colours:": "Tenemos el {model} en estos colores:",
    "The {title} is a {year} model.": "El {title} es modelo {year}.",
    "The {title}'s listed features include {features}.": "Entre el equipo listado del {title} están {features}.",
    "Our listing doesn't give the {title}'s features; a team member can go over them.": "Nuestro listado no indica "
    "el equipo del {title}; alguien del equipo se lo puede explicar.",
    "All the photos of the {title} are on its page: {url}": "Todas las fotos del {title} están en su página: {url}",
    "A team member can send you more photos of the {title}.": "Alguien del equipo le puede enviar más fotos del "
    "{title}.",
    "I'd be glad to set up a test drive whenever you're ready.": (
        "Con gusto le programo una prueba de manejo cuando usted guste."
    ),
    # visits the agent books (brain.visits)
    "I can do {choices}. Which works for you?": "Puedo ofrecerle {choices}. ¿Cuál le queda mejor?",
    "{asked} is not available. I can do {choices}. Which works for you?": (
        "{asked} no está disponible. Puedo ofrecerle {choices}. ¿Cuál le queda mejor?"
    ),
    "You're booked: your test drive is {when} at {dealer}, {address}.": (
        "Listo, su prueba de manejo queda {when} en {dealer}, {address}."
    ),
    "You're booked: your visit is {when} at {dealer}, {address}.": (
        "Listo, su visita queda {when} en {dealer}, {address}."
    ),
    " We'll have the {vehicle} ready for you.": " Tendremos el {vehicle} listo para usted.",
    " A calendar invitation is on its way to your e-mail.": " Le enviamos una invitación de calendario a su correo.",
    "Done: your visit {when} is cancelled. If you'd like another time, just tell me a day and time.": (
        "Listo: su visita {when} queda cancelada. Si quiere otra hora, dígame qué día y a qué hora."
    ),
    "A reminder: your test drive is {when} at {dealer}, {address}.": (
        "Le recordamos su prueba de manejo {when} en {dealer}, {address}."
    ),
    "A reminder: your visit is {when} at {dealer}, {address}.": (
        "Le recordamos su visita {when} en {dealer}, {address}."
    ),
    " To move or cancel it, reply here or use this link: {link}": (
        " Para cambiarla o cancelarla, responda aquí o use este enlace: {link}"
    ),
    # hours, location, service
    "Our hours are {hours}.": "Nuestro horario es {hours}.",
    "You'll find us at {location}.": "Nos encuentra en {location}.",
    "You'll find us in {location}.": "Nos encuentra en {location}.",
    "We're located at {location}.": "Estamos en {location}.",
    "You can reach us at {phone}.": "Nos puede llamar al {phone}.",
    "I'll have a team member send you our hours and directions.": (
        "Le pido a alguien del equipo que le envíe nuestro horario y cómo llegar."
    ),
    "Directions and more are on our website: {url}": "Cómo llegar y más información en nuestro sitio: {url}",
    "Would you like to set up a time to stop by?": "¿Le gustaría agendar una hora para visitarnos?",
    "Our service department is the right team for that.": "Nuestro departamento de servicio es el indicado para eso.",
    "The quickest way to book is to call us at {phone} and ask for service.": (
        "Lo más rápido es llamarnos al {phone} y pedir el departamento de servicio."
    ),
    "Would you like me to pass your request to the service team so they can reach out?": (
        "¿Quiere que le pase su solicitud al equipo de servicio para que se comuniquen con usted?"
    ),
    # people, opt-outs, small talk
    "I'm {persona}, {dealer}'s virtual assistant.": "Soy {persona}, el asistente virtual de {dealer}.",
    "I'm a virtual assistant.": "Soy un asistente virtual.",
    "I can answer questions about our inventory, and connect you with a team member any time.": (
        "Puedo responder sus preguntas sobre nuestro inventario y comunicarle con alguien del equipo cuando guste."
    ),
    "Would you like me to do that, or is there something I can look up for you?": (
        "¿Quiere que lo haga, o hay algo que le pueda buscar?"
    ),
    "Of course. I'll let our team know you'd like to talk with a person, and someone will reach out.": (
        "Claro que sí. Le aviso a nuestro equipo que quiere hablar con una persona y se comunicarán con usted."
    ),
    "If you'd rather call, we're at {phone}.": "Si prefiere llamar, nuestro número es {phone}.",
    "What's the best way and time to reach you?": "¿Cuál es la mejor forma y hora para contactarle?",
    "You're unsubscribed and won't receive further messages from us.": (
        "Su suscripción fue cancelada y no recibirá más mensajes de nuestra parte."
    ),
    "Reply START to opt back in.": "Responda START para volver a suscribirse.",
    "If you'd like to pick this back up, just reply.": "Si quiere retomar la conversación, solo responda.",
    "Understood, and thanks for letting us know.": "Entendido, y gracias por avisarnos.",
    "If anything changes, just reply and we'll be glad to help.": (
        "Si algo cambia, solo responda y con gusto le ayudamos."
    ),
    "Are you shopping for something specific, or would you like to see what's on our lot?": (
        "¿Busca algo en particular, o le gustaría ver lo que tenemos en el lote?"
    ),
    "Of course, take your time.": "Claro, tómese su tiempo.",
    "The {title} has {miles} miles: about {per_year} a year since it was new, less than the usual {low} to {high}.": (
        "El {title} tiene {miles} millas: unas {per_year} al año desde nuevo, menos de las {low} a {high} habituales."
    ),
    "The {title} has {miles} miles: about {per_year} a year since it was new, more than the usual {low} to {high}.": (
        "El {title} tiene {miles} millas: unas {per_year} al año desde nuevo, más de las {low} a {high} habituales."
    ),
    "The {title} has {miles} miles: about {per_year} a year since it was new, about the usual {low} to {high}.": (
        "El {title} tiene {miles} millas: unas {per_year} al año desde nuevo, más o menos las {low} a {high} "
        "habituales."
    ),
    "How it was looked after matters more than the number; a team member can get you its history report.": (
        "Importa más cómo se cuidó que el número; alguien de nuestro equipo le puede enviar su historial."
    ),
    "At the end of a lease you can usually turn the car in, buy it out at the price in your contract, or trade it in "
    "toward a new one, and if it's worth more than the buyout, that difference can go toward your next car.": (
        "Al terminar un arrendamiento normalmente puede devolver el auto, comprarlo al precio de su contrato o "
        "entregarlo a cuenta de uno nuevo; si vale más que la compra final, esa diferencia puede ir a su próximo auto."
    ),
    "Would you like a team member to look up your lease payoff and what it's worth?": (
        "¿Quiere que alguien de nuestro equipo revise el saldo de su arrendamiento y lo que vale su auto?"
    ),
    "A hybrid runs on gas and a battery that charges itself as you drive, so you never plug it in. A plug-in hybrid "
    "has a bigger battery you charge from an outlet for a stretch of electric-only driving, then runs as a hybrid. An "
    "electric car runs on its battery alone and is charged at home or at a charging station.": (
        "Un híbrido funciona con gasolina y una batería que se carga sola mientras maneja, así que nunca se enchufa. "
        "Un híbrido enchufable tiene una batería más grande que se carga en un enchufe para un tramo solo eléctrico, "
        "y después funciona como híbrido. Un eléctrico funciona solo con su batería y se carga en casa o en una "
        "estación de carga."
    ),
    "Would you like to see the hybrids or the electric cars we have?": (
        "¿Le gustaría ver los híbridos o los eléctricos que tenemos?"
    ),
    "No: a hybrid's battery charges itself as you drive and brake, so it never needs plugging in; it runs on "
    "regular gas.": (
        "No: la batería de un híbrido se carga sola al manejar y frenar, así que nunca hay que enchufarlo; usa "
        "gasolina normal."
    ),
    "It can be: a plug-in hybrid charges from an outlet for electric-only driving, and when the battery runs down it "
    "keeps going as a regular hybrid on gas.": (
        "Se puede: un híbrido enchufable se carga en un enchufe para manejar solo con electricidad, y cuando la "
        "batería se agota sigue como un híbrido normal con gasolina."
    ),
    "Yes: an electric car runs on its battery alone, charged from a home outlet, a Level 2 charger or a public "
    "charging station.": (
        "Sí: un eléctrico funciona solo con su batería, que se carga en un enchufe de casa, un cargador de nivel 2 o "
        "una estación pública."
    ),
    "SUVs": "SUVs",
    "trucks": "camionetas de carga",
    "sedans": "sedanes",
    "minivans": "minivans",
    "coupes": "coupés",
    " about your offer of {offer} out the door": " sobre su oferta de {offer} con todo incluido",
    " about your offer of {offer}": " sobre su oferta de {offer}",
    "I'm bringing in a member of our team{purpose}, who will reply here shortly.": (
        "Le estoy pasando con alguien de nuestro equipo{purpose}, que le responderá aquí en breve."
    ),
    "I'm a virtual assistant, not a person.": "Soy un asistente virtual, no una persona.",
    "Of course, take your time. Our team has your messages whenever you're ready.": (
        "Claro, tómese su tiempo. Nuestro equipo tiene sus mensajes para cuando esté listo."
    ),
    "And here's what we have in the {model}:": "Y esto es lo que tenemos del {model}:",
    "I'm not seeing one that's also {what}, but here's what we have:": (
        "No veo ninguno que además sea {what}, pero esto es lo que tenemos:"
    ),
    "under {price}": "de menos de {price}",
    "in {colour}": "color {colour}",
    "a {year} or newer": "{year} o más reciente",
    "under {miles} miles": "con menos de {miles} millas",
    "Our listings don't say what body type the {model} is; a team member can confirm it.": (
        "Nuestros anuncios no dicen qué tipo de carrocería es el {model}; alguien de nuestro equipo se lo confirmará."
    ),
    "Yes, the {model} is listed as {kind}.": "Sí, el {model} aparece como {kind}.",
    "No, the {model} is listed as {kind}, not {wanted}.": "No, el {model} aparece como {kind}, no como {wanted}.",
    "The {model} is listed as {kind}.": "El {model} aparece como {kind}.",
    "We have the {model} listed as {kinds}.": "Tenemos el {model} como {kinds}.",
    "No, none of the ones I showed you is {what}.": "No, ninguno de los que le mostré es {what}.",
    "Yes, all of them are {what}.": "Sí, todos son {what}.",
    "Yes, one of them is {what}: the {title}.": "Sí, uno de ellos es {what}: el {title}.",
    "Yes, {count} of them are {what}:": "Sí, {count} de ellos son {what}:",
    "Whenever you're ready, just reply here and we'll pick up where we left off.": (
        "Cuando esté listo, solo responda aquí y seguimos donde nos quedamos."
    ),
    "Thanks for your message. I want to make sure I point you in the right direction.": (
        "Gracias por su mensaje. Quiero asegurarme de orientarle bien."
    ),
    "Could you tell me a bit more about what you're looking for?": "¿Me podría contar un poco más de lo que busca?",
    # the dialogue's own questions (brain.dialogue)
    " or ": " o ",
    "towing capacity": "capacidad de remolque",
    "bed length": "largo de la caja",
    "The “{badge}” in the {title}'s name is the maker's badge for a {engine}; a team member can confirm it on the "
    "car.": (
        "El “{badge}” en el nombre del {title} es la insignia del fabricante para un {engine}; alguien de nuestro "
        "equipo se lo puede confirmar en el carro."
    ),
    "2.0-liter turbocharged four-cylinder engine": "motor de cuatro cilindros turbo de 2.0 litros",
    "3.0-liter turbocharged V6": "V6 turbo de 3.0 litros",
    "2.0-liter turbocharged four-cylinder with an electric motor (a plug-in hybrid)": (
        "cuatro cilindros turbo de 2.0 litros con motor eléctrico (un híbrido enchufable)"
    ),
    "3.0-liter turbocharged inline six": "seis cilindros en línea turbo de 3.0 litros",
    "turbocharged EcoBoost engine": "motor turbo EcoBoost",
    "Hemi V8": "V8 Hemi",
    "The {title} is sold as new with {miles} miles on it: a new car with some miles is usually one the dealership "
    "used as a demonstrator or a loaner, or moved between stores. A team member can tell you its story and whether it "
    "changes the price.": (
        "El {title} se vende como nuevo con {miles} millas: un carro nuevo con algunas millas suele ser uno que el "
        "concesionario usó para demostraciones o como carro de cortesía, o que se movió entre tiendas. Alguien de "
        "nuestro equipo le puede contar su historia y si eso cambia el precio."
    ),
    "The {title} has only {miles} miles, but it's listed as pre-owned: once a car has been titled to an owner it's "
    "sold as used, however few miles it has. A team member can tell you its history.": (
        "El {title} tiene solo {miles} millas, pero aparece como usado: en cuanto un carro se titula a un dueño se "
        "vende como usado, aunque tenga pocas millas. Alguien de nuestro equipo le puede contar su historia."
    ),
    "An approval can't be known before a lender has seen the application, so I can't say yes here. Our finance "
    "team works with several lenders and will tell you honestly where you stand.": (
        "Una aprobación no se sabe antes de que un banco vea la solicitud, así que no puedo decirle que sí desde aquí. "
        "Nuestro equipo de financiamiento trabaja con varios bancos y le dirá con honestidad cómo está."
    ),
    "Would you like a team member from finance to reach out?": (
        "¿Quiere que alguien de nuestro equipo de financiamiento se comunique con usted?"
    ),
    "They're rated about the same: about {m} MPG combined.": "Tienen un rendimiento parecido: unas {m} MPG combinadas.",
    "The {best} is the easier on gas: EPA-rated at about {mb} MPG combined, against about {mo} for the {other}, "
    "depending on the version.": (
        "El {best} gasta menos: la EPA le da unas {mb} MPG combinadas, contra unas {mo} del {other}, según la versión."
    ),
    "The {title} is EPA-rated at about {mpg} MPG combined; I don't have the rating of the {other} to compare, so a "
    "team member will confirm it.": (
        "La EPA le da al {title} unas {mpg} MPG combinadas; no tengo el dato del {other} para comparar, así que "
        "alguien de nuestro equipo se lo confirmará."
    ),
    "I don't have the fuel economy ratings of these two; a team member can confirm them.": (
        "No tengo el rendimiento de estos dos; alguien de nuestro equipo se lo puede confirmar."
    ),
    "No: the {price} listed for the {title} is before sales tax, title and registration, and the dealer's "
    "documentation fee; the exact amounts depend on where you register the car.": (
        "No: los {price} publicados del {title} son antes del impuesto de venta, el título y el registro, y el cargo "
        "de documentación del concesionario; los montos exactos dependen de dónde registre el carro."
    ),
    "A team member can send you the {title}'s vehicle history report, which shows its accidents and owners.": (
        "Alguien de nuestro equipo le puede enviar el historial del {title}, que muestra sus choques y dueños."
    ),
    "Our listing doesn't say whether the {title} was smoked in or carried pets, so I won't guess; a team member can "
    "check the interior for you before you come in.": (
        "Nuestro anuncio no dice si en el {title} se fumó o viajaron mascotas, así que no voy a adivinar; alguien de "
        "nuestro equipo puede revisar el interior antes de que venga."
    ),
    "Would you like someone to check it and get back to you?": "¿Quiere que alguien lo revise y le avise?",
    "Yes, the {title} is listed as a {kind}.": "Sí, el {title} figura como {kind}.",
    "The {title} is listed as a {body}.": "El {title} figura como {body}.",
    "Would you like me to narrow these down by price, year or miles?": (
        "¿Quiere que los filtre por precio, año o millas?"
    ),
    "Does one of these stand out to you?": "¿Alguno de estos le llama la atención?",
    "Would you like to see any of them in person?": "¿Le gustaría ver alguno en persona?",
    "Would you like to see it in person?": "¿Le gustaría verlo en persona?",
    "Is there anything else you'd like to know about it?": "¿Hay algo más que quiera saber de él?",
    "Would you like me to find a time for you to see it?": "¿Quiere que le busque un horario para verlo?",
    " in {colour}": " color {colour}",
    "the {vehicle}": "el {vehicle}",
    "Just to be sure I give you the right details: do you mean {options}?": (
        "Para darle los datos correctos: ¿se refiere a {options}?"
    ),
    "Would you like the price, mileage and features of {vehicle}, or should I look for something different "
    "(another budget, body style or year)?": (
        "¿Quiere el precio, el millaje y el equipamiento de {vehicle}, o prefiere que busque algo diferente (otro "
        "presupuesto, tipo de vehículo o año)?"
    ),
    "What matters most to you: a body style (SUV, truck, sedan), a budget, or a particular model?": (
        "¿Qué es lo más importante para usted: el tipo de vehículo (SUV, pickup, sedán), el presupuesto o un modelo "
        "en particular?"
    ),
    "Should I widen the search, for example a higher budget or other years, or would a person be more helpful?": (
        "¿Amplío la búsqueda, por ejemplo con otro presupuesto u otros años, o prefiere que le atienda una persona?"
    ),
    # what the turn says around a handover and an opt-out (conversations.effects)
    "If it's urgent, you can also call {dealer} at {phone}.": (
        "Si es urgente, también puede llamar a {dealer} al {phone}."
    ),
    "If it's urgent, you can also call {dealer}.": "Si es urgente, también puede llamar a {dealer}.",
    "If you'd rather not wait, you can call {dealer} at {phone}.": (
        "Si prefiere no esperar, puede llamar a {dealer} al {phone}."
    ),
    "If you'd rather not wait, you can call {dealer}.": "Si prefiere no esperar, puede llamar a {dealer}.",
    "I've asked our team to have a person reply to you here as soon as possible.": (
        "Le pedí a nuestro equipo que una persona le responda aquí lo antes posible."
    ),
    "The federal clean-vehicle tax credits for electric and plug-in cars ended for vehicles bought after "
    "September 30, 2025, so none applies at purchase today; manufacturer incentives and lease offers change month "
    "to month, and a team member can tell you what's on now.": (
        "Los créditos fiscales federales para vehículos eléctricos e híbridos enchufables terminaron "
        "para los vehículos comprados después del 30 de septiembre de 2025, así que hoy no aplica ninguno al comprar; "
        "los incentivos del fabricante y las ofertas de arrendamiento cambian cada mes, y alguien de nuestro equipo "
        "le puede decir cuáles hay ahora."
    ),
    "Yes: every {model} from the {since} model year on has a third row, and these all do:": (
        "Sí: todas las {model} desde el modelo {since} tienen tercera fila, y estas también:"
    ),
    "The {model} has a third row from the {since} model year on; these do:": (
        "La {model} tiene tercera fila desde el modelo {since}; estas la tienen:"
    ),
    "Yes, these all have a third row:": "Sí, todas estas tienen tercera fila:",
    "These have a third row:": "Estas tienen tercera fila:",
    "Of everything that fits, these two tie as the lowest-priced:": (
        "De todo lo que coincide, estos dos empatan como los de menor precio:"
    ),
    "Of everything that fits, these two tie as the highest-priced:": (
        "De todo lo que coincide, estos dos empatan como los de mayor precio:"
    ),
    "Of everything that fits, these two are the newest, the same model year:": (
        "De todo lo que coincide, estos dos son los más nuevos, del mismo año:"
    ),
    "Of everything that fits, these two tie for the fewest miles:": (
        "De todo lo que coincide, estos dos empatan con la menor cantidad de millas:"
    ),
    "We have {total} that fit: {used} used from {used_from} and {new} new from {new_from}.": (
        "Tenemos {total} que coinciden: {used} usados desde {used_from} y {new} nuevos desde {new_from}."
    ),
    "Here are {count}:": "Aquí tiene {count}:",
    "Cold weather can cut an electric car's range by roughly a quarter or more.": (
        "El frío puede reducir la autonomía de un auto eléctrico en una cuarta parte o más."
    ),
    "Would {day} {time} work instead?": "¿Le serviría el {day} {time}?",
    # a model's rating (brain.nlu.figures)
    "The {model} is EPA-rated at about {figure} miles of range, depending on the version (battery and drive).": (
        "La EPA estima la autonomía del {model} en unas {figure} millas, según la versión (batería y tracción)."
    ),
    "The {model} is EPA-rated at about {figure} MPG combined, depending on the version (engine and drive).": (
        "La EPA estima el rendimiento del {model} en unas {figure} millas por galón combinadas, según la versión "
        "(motor y tracción)."
    ),
    "The {model} is rated to tow up to about {figure} lb when properly equipped (engine and towing package).": (
        "El {model} puede remolcar hasta unas {figure} libras con el equipo adecuado (motor y paquete de remolque)."
    ),
    "Would you like a team member to confirm it for this one?": (
        "¿Quiere que alguien de nuestro equipo lo confirme para este vehículo?"
    ),
    "The {best} is the easiest on gas: EPA-rated at about {mpg} MPG combined, against about {others}, depending on "
    "the engine and drive.": (
        "El {best} es el que menos gasolina gasta: la EPA lo estima en unas {mpg} millas por galón combinadas, "
        "frente a unas {others}, según el motor y la tracción."
    ),
    "{figure} for the {name}": "{figure} del {name}",
    "These are models rated to tow about {pounds} lb or more when properly equipped; what each one can tow depends on "
    "its engine and towing package, so a team member will confirm it for the one you like.": (
        "Estos son modelos capaces de remolcar unas {pounds} libras o más con el equipo adecuado; lo que puede "
        "remolcar cada uno depende de su motor y su paquete de remolque, así que alguien de nuestro equipo se lo "
        "confirmará para el que le guste."
    ),
    "Thanks{name}. I've asked a member of our team to e-mail you at {email}.": (
        "Gracias{name}. Le pedí a alguien de nuestro equipo que le escriba a {email}."
    ),
    "Would you like to see the ones we have of the {best}?": "¿Quiere ver los {best} que tenemos?",
    "Yes, the {title} has a third row of seats. How many it seats (usually 7 or 8) depends on whether its second row "
    "has two captain's chairs or a bench, which our listing doesn't say, so a team member can confirm it.": (
        "Sí, el {title} tiene tercera fila de asientos. Cuántas personas caben (normalmente 7 u 8) depende de si la "
        "segunda fila tiene dos asientos individuales o una banca, y nuestro anuncio no lo dice; alguien de nuestro "
        "equipo se lo puede confirmar."
    ),
    "Would you like a team member to confirm it for the one you like?": (
        "¿Quiere que alguien de nuestro equipo lo confirme para el que le guste?"
    ),
    "Thanks{name}, I've passed {what} on to our team.": "Gracias{name}, ya le pasé {what} a nuestro equipo.",
    "your offer of {price}": "su oferta de {price}",
    " out the door": " con todo incluido",
    "I'm sorry for the wait. Everything you've written is with our team, and a person will answer here.": (
        "Disculpe la espera. Todo lo que nos ha escrito ya lo tiene nuestro equipo, y una persona le responderá aquí."
    ),
    "Thanks, {name}. I've passed that on to our team.": "Gracias, {name}. Ya se lo pasé a nuestro equipo.",
    "I'm sorry you're still waiting; our team has your messages and will reply here as soon as they can.": (
        "Disculpe que siga esperando; nuestro equipo tiene sus mensajes y le responderá aquí lo antes posible."
    ),
    "I'm sorry for the wait. Your message is with our team.": (
        "Disculpe la espera. Su mensaje ya lo tiene nuestro equipo."
    ),
    "I've let our team know.": "Ya le avisé a nuestro equipo.",
    "A member of our team will reply here shortly.": "Alguien de nuestro equipo le responderá aquí en breve.",
    "Our team has your messages and will reply here as soon as they can.": (
        "Nuestro equipo tiene sus mensajes y le responderá aquí lo antes posible."
    ),
    # what the guardrails add (brain.guardrails)
    "Is there anything else I can help you with?": "¿Hay algo más en lo que le pueda ayudar?",
    "Thanks for your message! A member of our team will follow up with you.": (
        "¡Gracias por su mensaje! Alguien de nuestro equipo se comunicará con usted."
    ),
    # features asked of several units, facts a listing does not carry
    "These list {feature}:": "Estos incluyen {feature} en su lista:",
    "I don't see {feature} in the feature lists of the ones we have; a team member can check it on the car for you. "
    "Here they are:": (
        "No veo {feature} en la lista de equipamiento de los que tenemos; alguien de nuestro equipo lo puede revisar "
        "en el vehículo. Aquí están:"
    ),
    "I don't see “{feature}” in the {title}'s feature list; a team member can check it on the car for you.": (
        "No veo «{feature}» en la lista de equipamiento del {title}; alguien de nuestro equipo lo puede revisar en el "
        "vehículo."
    ),
    "fuel economy": "rendimiento de combustible",
    "range and charging figures": "cifras de autonomía y carga",
    "heat pump and climate equipment": "bomba de calor y equipo de climatización",
    "third-row room": "espacio de la tercera fila",
    "warranty": "garantía",
    "recalls": "llamados a revisión",
    "safety ratings": "calificaciones de seguridad",
    "reliability and resale value": "confiabilidad y valor de reventa",
    "specifications": "especificaciones",
    "The {title} is rated at {mpg} MPG combined.": "El {title} tiene un rendimiento combinado de {mpg} MPG.",
    "Warranty coverage depends on whether a vehicle is new, certified pre-owned or used, and on when it was first "
    "sold and its miles, so I'd rather not quote it from memory.": (
        "La cobertura de la garantía depende de si el vehículo es nuevo, seminuevo certificado o usado, de cuándo se "
        "vendió por primera vez y de su millaje, así que prefiero no darle el dato de memoria."
    ),
    "Open recalls are looked up by VIN; the VIN of the {title} is {vin}.": (
        "Los llamados a revisión abiertos se consultan por VIN; el VIN del {title} es {vin}."
    ),
    "I'd rather not guess at the {topic}; our listing for the {title} doesn't give it.": (
        "Prefiero no adivinar ese dato ({topic}): no viene en nuestra ficha del {title}."
    ),
    "I'd rather not guess at the {topic}; our listings don't give it.": (
        "Prefiero no adivinar ese dato ({topic}): no viene en nuestras fichas."
    ),
    "Yes: the “{said}” in the {title}'s name is its {litres}-liter turbocharged engine.": (
        "Sí: el “{said}” en el nombre del {title} es su motor turbo de {litres} litros."
    ),
    "The {title}'s name gives its engine: a {said}.": "El nombre del {title} indica su motor: un {said}.",
    "Would you like a team member to confirm it for you?": "¿Quiere que alguien de nuestro equipo se lo confirme?",
    "We're closed on {day}, unfortunately.": "Lamentablemente, {day} estamos cerrados.",
    "Would another day work for you?": "¿Le queda bien otro día?",
    "The {title}'s trim says {named}, but our listing's drivetrain field says {drive}, so a team member will confirm "
    "which it is.": (
        "La versión del {title} dice {named}, pero el campo de tracción de nuestra ficha dice {drive}; alguien de "
        "nuestro equipo le confirmará cuál es."
    ),
}


# A feed's colours as Spanish replies name them (``i18n.colour_name``): the listing's word, in Spanish.
COLOURS: dict[str, str] = {
    "white": "Blanco",
    "black": "Negro",
    "grey": "Gris",
    "gray": "Gris",
    "silver": "Plata",
    "red": "Rojo",
    "blue": "Azul",
    "green": "Verde",
    "brown": "Café",
    "burgundy": "Vino",
    "maroon": "Vino",
    "orange": "Naranja",
    "yellow": "Amarillo",
    "gold": "Dorado",
    "beige": "Beige",
    "tan": "Beige",
    "purple": "Morado",
    "bronze": "Bronce",
    "charcoal": "Gris oscuro",
    "navy": "Azul marino",
}
