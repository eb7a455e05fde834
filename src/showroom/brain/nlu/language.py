"""Which language a customer writes in.

Short SMS-style English ("ok", "transfer me to sales", "whats the range on the ioniq 6") fools statistical
detectors (measured: lingua put 7 to 17 of 244 such English messages in another language), and dealership chat is
mostly that. So the evidence is weighed in three steps, cheapest first:

1. **Script**: Hangul, kana, Han, Arabic, Cyrillic and Devanagari letters name their language outright.
2. **Words**: common words of English (with SMS spellings and dealership words) against the common words of
   Spanish, Portuguese, French, Italian, German and Tagalog. A message with no foreign word (and no letter English
   never uses, like ñ or ơ) is English without asking anything else; one with more English words than foreign ones
   ("is the Sonata still available? gracias") is English too.
3. **lingua** (``lingua-language-detector``, restricted to the Latin-script languages of ``Language`` and in its
   low-accuracy mode: ~50 ms and ~25 MB to load on first use, ~30 µs a message) only then says which of them it is,
   added to the word counts.

A message that says nothing about its language ("ok", "10am", "👍") takes the language of the customer's last
message that did, so a Spanish conversation stays Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import Language as Lingua
from lingua import LanguageDetector, LanguageDetectorBuilder

from showroom.brain.nlu.text import clean, words
from showroom.vocabulary import LANGUAGE_NAMES, Language

_ENGLISH = words(
    # function words and everyday verbs
    "a about above after again against all almost also am an and another any anybody anyone anything are aren't "
    "around as at back be because been before being below best better between both but by can can't cannot could "
    "couldn't did didn't do does doesn't doing don't done down during each either else enough even ever every "
    "few for from get gets getting give go goes going gone good got great had hadn't has hasn't have haven't having "
    "he he's her here hers him his how how's however i i'd i'll i'm i've if in into is isn't it it's its just "
    "know last least less let let's like little look looking lot made make many may maybe me might mine more "
    "most much must my myself need needs never new next no nobody none nor not nothing now of off often ok okay "
    "on once one only or other our out over own please pls plz really right said same say says see seen she "
    "should shouldn't since so some somebody someone something soon still such sure take tell than thank thanks "
    "that that's the their them then there there's these they they're thing think this those though through to "
    "today tomorrow tonight too under until up upon us very want wanted wants was wasn't way we we'll we're "
    "we've well went were weren't what what's whats when where where's which while who who's whom whose why will "
    "with within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself "
    "able add already always anyway ask asked asking away bad big bit bought bring buy buying call called calling "
    "came come coming cool day days dear does done drive driving else email find fine first free friend got "
    "guess guys happy hear help hey hi hello hope hour hours interested keep kind leave left line live long love "
    "mean meet message miles money month morning night nice number old open paid pay person phone pick place "
    "price problem put question ready reply said send sent set show sold sorry start stop sure talk text time told "
    "trade try trying two used wait waiting week weekend went wife work working year years yesterday "
    # SMS and chat spellings
    "u ur r ya yall y'all im ive id ill dont cant wont didnt doesnt isnt wasnt thx ty tysm lol omg idk btw tbh "
    "gonna wanna gotta hiya yo yep yup yeah nope hw wat wats pic pics tmrw tmr tonite nite asap "
    # dealership words
    "car cars truck trucks suv suvs van minivan sedan vehicle vehicles available stock lot deal dealer dealership "
    "sales salesman manager finance financing lease payment payments down credit trim color colour miles mileage "
    "engine seats sunroof awd hybrid electric gas test warranty service title plates registration appointment "
    "cash offer discount otd msrp fees tax used certified owner owners inventory picture pictures features "
    "listed listing online website ad advertised black white grey gray blue red silver green "
    "auto loan loans rate rates apr insurance info information details vin carfax accident accidents history clean "
    "option options package model models make brand tires tire brakes oil change repair maintenance schedule "
    "afternoon evening prices cost costs quote fee taxes trading value appraisal payoff owe deposit hold paperwork "
    "sign contract delivery deliver ship shipping pickup address location directions close closed call website site "
    "link photo photos video walkaround drive test miles gas mpg range charge charging seat seating third row awd "
    "4wd fwd leather heated camera screen wheels wheel towing tow hitch new old cheap cheaper cheapest budget under "
    "over family kids daughter son husband wife mom dad job work commute commuting safe reliable first any some "
    "also too soon later sometime next this that those these which who would could should might must can may will "
    "sunday monday tuesday wednesday thursday friday saturday weekend weekday manager salesperson rep person human "
    "bot robot real actual thank thanks appreciate welcome sorry great awesome perfect good nice fine cool sweet"
)
_FOREIGN: dict[Language, frozenset[str]] = {
    Language.es: words(
        "hola holaa buenas buenos buen dia dias días tarde tardes noches gracias porfa favor el la los las un una "
        "unos unas del al que qué y o en con para por es son está esta están estan estoy este esto ese eso esa hay "
        "tengo tiene tienen tienes quiero quisiera quisiéramos necesito puedo puede pueden podría podria cuanto "
        "cuánto cuanta cuánta cuantos cuántos cuesta cuestan precio carro carros coche camioneta camionetas "
        "troca trocas usado usados usada nuevo nueva disponible disponibles todavía todavia sigue aún ya mi mis su "
        "sus tu yo usted ustedes nosotros me te le les lo se si sí pero más mas muy bien mal cuando cuándo donde "
        "dónde como cómo porque ahora hoy mañana manana ayer semana sábado sabado domingo lunes martes miércoles "
        "miercoles jueves viernes hora horas abren cierran abierto cerrado agencia dirección direccion ubicados "
        "queda llamar llamen llámame llamame llámenme hablar gerente vendedor vendedora enganche pago pagos "
        "mensual mensualidades crédito credito financiamiento placas título titulo seguro garantía garantia "
        "servicio demanda demandar abogado comprar vender cambio cuenta ayuda información informacion interesa "
        "interesado interesada gustaría gustaria saber ver manejo prueba cita nadie nada algo alguien otro otra "
        "también tambien entonces bueno pues oiga disculpe perdón perdon voy vamos va hace hacer tiempo dinero "
        "factura cobraron devuelven contesta contestan esperando molesto pésimo pesimo servicio anuncio aceptan "
        "ofrezco descuento contado listo lista papeles contrato mándeme mandeme manden marcar asesor asesora "
        "alguna algún algun ningún ningun ninguna nos dejan compro llegan reversa cámara busco buscando buscamos "
        "ando andamos queremos necesitamos millas traen blanca negra roja gris verde azul blanco negro rojo plateada "
        "plateado dorado amarilla amarillo"
    ),
    Language.pt: words(
        "olá ola oi obrigado obrigada bom boa dia noite você vocês voce voces o os as um uma do da dos das no na "
        "em com para por não nao sim é está estão tem têm quero queria preciso posso pode quanto custa carro "
        "carros ainda disponível disponivel troca aceitam gostaria também muito então agora hoje amanhã sábado "
        "segunda terça quarta quinta sexta ele ela eles meu minha seu sua isso isto esse essa aqui lá vou vai "
        "processar advogado reclamação"
    ),
    Language.fr: words(
        "bonjour bonsoir salut merci je j'ai tu il elle nous vous ils le la les un une des du de est sont suis "
        "avez avoir être voiture voitures toujours disponible combien coûte prix est-ce qui quoi où oui non pas "
        "mais avec pour dans sur cette ce cet mon ma mes votre vos plainte avocat porter contre vais veux voudrais "
        "acheter essai demain aujourd'hui samedi dimanche plaît s'il cherche familial"
    ),
    Language.it: words(
        "ciao buongiorno buonasera grazie salve sono è il lo la gli le un una della del che non sì macchina "
        "ancora disponibile quanto costa prezzo vorrei posso avete per con oggi domani sabato avvocato"
    ),
    Language.de: words(
        "guten hallo danke bitte ich du sie wir ist sind der das ein eine einen nicht noch verfügbar wagen "
        "autos wie viel kostet preis haben habe möchte mit für und oder aber heute samstag anwalt"
    ),
    Language.tl: words(
        "po opo ang ng mga sa ako ikaw kayo ninyo namin yung iyong magkano salamat pwede puwede ba pa lang meron "
        "wala gusto kotse sasakyan kailan saan paano kumusta"
    ),
    Language.pl: words(
        "dzień dzien dobry cześć czesc dziękuję dziekuje proszę prosze czy macie jest są nie tak który która które "
        "ile kosztuje cena samochód samochod auto jeszcze dostępny dostepny przebieg chciałbym chcialbym mogę moge "
        "jutro dzisiaj sobota niedziela gdzie kiedy jak najmniejszy najtańszy"
    ),
}
# Words that say nothing about the language: "ok", the "am" of "10am", trims ("Sonata SE"), and every word that is
# common in English and in one of the others ("me", "no", "a").
ENGLISH_WORDS = _ENGLISH  # everyday English words ("this is great" names no one)
_NEUTRAL = words("ok okay k kk am pm se sel le lx ex") | frozenset().union(*_FOREIGN.values()) & _ENGLISH
# Short words of the others that English text also holds (a name, a typo, "la" for Los Angeles): half a word each.
_WEAK = words("a e i o y te lo la el en es de do da na em as os si mi tu su un al ma ce il ne po pa ba sa ang")
# Letters English never uses (a French café aside): a message with them and hardly an English word is asked about.
_FOREIGN_LETTERS = re.compile(
    "[ñ¿¡ãõçàèìòùâêîôûäöüßœæơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáíóúąćęłńśźż]", re.IGNORECASE
)
_SCRIPTS: tuple[tuple[Language, re.Pattern[str]], ...] = (
    (Language.ko, re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")),
    (Language.ja, re.compile("[\u3040-\u30ff]")),
    (Language.zh, re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")),
    (Language.ar, re.compile("[\u0600-\u06ff]")),
    (Language.ru, re.compile("[\u0400-\u04ff]")),
    (Language.hi, re.compile("[\u0900-\u097f]")),
)
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LINGUA = {
    Language.en: Lingua.ENGLISH,
    Language.es: Lingua.SPANISH,
    Language.pt: Lingua.PORTUGUESE,
    Language.fr: Lingua.FRENCH,
    Language.it: Lingua.ITALIAN,
    Language.de: Lingua.GERMAN,
    Language.tl: Lingua.TAGALOG,
    Language.vi: Lingua.VIETNAMESE,
    Language.pl: Lingua.POLISH,
}
_FROM_LINGUA = {lingua: ours for ours, lingua in _LINGUA.items()}


@cache
def _lingua() -> LanguageDetector:
    """Built on first use (its models load lazily, ~50 ms in low-accuracy mode) and kept for the process."""
    return LanguageDetectorBuilder.from_languages(*_LINGUA.values()).with_low_accuracy_mode().build()


def _by_script(text: str) -> Language | None:
    """The language of the non-Latin script most of the letters are in (kana makes Han text Japanese)."""
    latin = len(_LATIN_LETTER.findall(text))
    counts = {lang: len(pattern.findall(text)) for lang, pattern in _SCRIPTS}
    if counts[Language.ja] and counts[Language.zh]:
        counts[Language.ja] += counts.pop(Language.zh)
    lang, most = max(counts.items(), key=lambda item: item[1])
    return lang if most and most >= latin else None


def _evidence(text: str, prior: Language | None = None) -> Language | None:
    """The message's language, or None when it says too little to tell ("ok", "10am", "👍", "Sonata SE").
    ``prior``: the conversation's language so far, which wins a close call among the foreign ones when the
    message has words of it ("la highlander verde es awd?" in a Spanish chat is no German)."""
    scripted = _by_script(text)
    if scripted is not None:
        return scripted
    tokens = [t for t in _WORD.findall(text.lower().replace("-", " ")) if t not in _NEUTRAL]
    english = sum(0.5 if token in _WEAK else 1.0 for token in tokens if token in _ENGLISH)  # "a" in "a las 10"
    weight = {t: 0.5 if t in _WEAK else 1.0 for t in tokens if any(t in table for table in _FOREIGN.values())}
    # A word with a letter English never uses is foreign whether or not a table lists it: Polish "sobotę",
    # "obsługa" against the "u" and "was" English also has.
    spelled = sum(1.0 for t in tokens if t not in weight and t not in _ENGLISH and _FOREIGN_LETTERS.search(t))
    spanish_marks = 2.0 if ("¿" in text or "¡" in text) else 0.0  # only Spanish opens a question or a cry
    foreign_words = sum(weight.get(token, 0.0) for token in tokens) + spelled + spanish_marks
    letters = bool(_FOREIGN_LETTERS.search(text))
    if foreign_words < 1 and not (letters and english <= 1):
        if prior not in (None, Language.en) and english < 2 and len(tokens) <= 2:
            return None  # "sedan", "awd?" in a chat held in Spanish: a word both use, the conversation's language
        return Language.en if english >= 2 or (english and len(tokens) <= 2) else None
    if foreign_words >= 1 and foreign_words < english:
        # Spanglish in a chat held in Spanish ("ok y tiene third row?"): still Spanish, unless mostly English
        own = sum(weight.get(t, 0.0) for t in tokens if prior is not None and t in _FOREIGN.get(prior, ()))
        return prior if prior is not None and prior != Language.en and own >= 1 and english < 3 * own else Language.en
    if foreign_words >= 1 and foreign_words == english and len(tokens) <= 3:
        return None  # "tiene awd?": as many words of each, too few to tell; the conversation's language decides
    confidence = {_FROM_LINGUA[v.language]: v.value for v in _lingua().compute_language_confidence_values(text)}
    if foreign_words < 1 and confidence.get(Language.en, 0.0) >= 0.5:
        return Language.en
    candidates = [lang for lang in _LINGUA if lang != Language.en]
    scores = {lang: sum(weight[t] for t in tokens if t in _FOREIGN.get(lang, ())) for lang in candidates}
    scores[Language.es] += spanish_marks
    if prior in scores and scores[prior] > 0:
        scores[prior] += 1.5
    return max(candidates, key=lambda lang: scores[lang] + 1.5 * confidence.get(lang, 0.0))


def detect_language(text: str, earlier: Sequence[str] = ()) -> Language:
    """The language ``text`` is written in; when it says too little, that of the latest of ``earlier`` (the
    customer's previous messages, oldest first) that says enough; English when none does."""
    prior = next((lang for previous in reversed(earlier) if (lang := _evidence(clean(previous))) is not None), None)
    return _evidence(clean(text), prior) or prior or Language.en


def language_name(code: str) -> str:
    """'Spanish' for 'es'; the code itself for a language the vocabulary does not know."""
    try:
        return LANGUAGE_NAMES[Language(code)]
    except ValueError:
        return code
