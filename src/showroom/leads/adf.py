"""ADF/XML 1.0 (Auto-lead Data Format) parser: pure, no database, no HTTP.

Liberal in what it accepts (real senders are messy), strict about safety:

* Parsing goes through `defusedxml`: any entity declaration (the XXE and "billion laughs" vectors) and any
  external reference is refused before anything is expanded or fetched. A bare `<!DOCTYPE adf SYSTEM "adf.dtd">`
  without declarations is tolerated (it is never loaded). Documents over `MAX_DOCUMENT_BYTES` (1 MiB) and
  elements nested deeper than `MAX_DEPTH` (32) are refused while streaming, before the tree is complete.
* Element and attribute names are matched case-insensitively and without namespace (`<ADF><Prospect>`,
  `<adf:adf xmlns:adf=…>`); `<prospect>` may be the root; a UTF-8 BOM, leading whitespace, PIs and comments are
  ignored.
* A document that is not well-formed is re-read by a small tolerant tokenizer (unclosed leaf elements such as
  `<phone>` are closed at the next tag, stray end tags are dropped, only the five XML entities and character
  references are decoded, nothing is ever expanded; documents with a DOCTYPE are never re-read). The result then
  has `recovered=True` and a warning naming the parser's line and column. If even that finds no customer contact,
  the original `AdfError` (with line/column) is raised.

Judgment calls (documented for the integrator):

* `price_cents`: a price of 0 ("0.00") is a form placeholder (Traffic Log Pro sends it), so it reads as None.
  The chosen price prefers types quote > offer > asking > untyped > appraisal > msrp > invoice; every typed price
  is also in `AdfVehicle.prices`.
* A `<vehicle>` with no year, make, model, VIN or stock number (after the comment step below) is dropped with a
  warning: it says nothing about a vehicle (the HD.com contact form always sends one).
* Comment data: when a vehicle block leaves year/make/model incomplete, explicit "Key: value" lines of the
  comments (Year/Model Year/Inventory Year, Make, Model, VIN, Stock/Inventory Stock ID, Mileage, Color, Trim)
  fill the blank fields of one vehicle: the only vehicle, else the first non-trade-in vehicle with gaps. Filled
  fields are listed in `AdfVehicle.from_comments` and in `warnings`; sent values are never overwritten, and
  truncated values ("Road Glide (Spec") are kept as sent. All "Key: value" pairs are in `comment_fields`.
* Invalid e-mail addresses are kept in `AdfContact.invalid_emails` only; phones keep the number as received plus
  `e164` (None if not a possible number, with a warning). A contact is usable with one valid e-mail or one
  possible phone; the customer must have one, else `AdfError(field="customer.contact")`.
* `request_type` ∈ {purchase, lease, test_drive, trade_in, finance, info}: finance when the source is a credit
  application, test_drive when asked for (interest, `<requesttype>`, source or comments), lease/purchase when a
  vehicle is wanted, trade_in when only a trade-in/sell vehicle is given, info otherwise or for non-sales contacts.
* Non-sales contacts (job applications, vendor solicitations) are detected from the comments when no vehicle
  is identified: `is_sales_lead=False` with `non_sales_reason`.

One file on purpose: it is one interface (parse + extract), and its helpers are private to it.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import html
import io
import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError, SubElement

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from showroom.inventory.vin import check_vin
from showroom.leads.contacts import normalize_email, normalize_phone, split_name
from showroom.models.inventory import YEAR_MAX, YEAR_MIN
from showroom.models.leads import WANTED_INTERESTS

MAX_DOCUMENT_BYTES = 1_048_576
MAX_DEPTH = 32
MAX_PAYLOAD_BYTES = 25 * 1_048_576  # a whole e-mail, attachments included
TIMEFRAME_MAX_LENGTH = 100  # leads.timeframe is varchar(100)
INT4_MAX = 2_147_483_647  # numbers (mileage, cents) are stored in int columns: a larger one is not a real value


class AdfError(ValueError):
    """An ADF document that cannot become a lead. `reason` says what is wrong and where."""

    def __init__(self, reason: str, field: str | None = None, *, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.line = line
        self.column = column


@dataclass
class AdfId:
    value: str
    source: str | None = None
    sequence: int | None = None


@dataclass
class AdfPhone:
    number: str  # as received, trimmed
    type: str | None = None  # lower-cased as sent: voice, cellphone, mobile, cell, fax, home, work…
    time: str | None = None  # morning, afternoon, evening, nopreference, day, anytime…
    e164: str | None = None  # normalised, None when not a possible number
    preferred: bool = False  # preferredcontact="1"


@dataclass
class AdfContact:
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None  # as sent (part="full" or plain), else composed from the parts
    emails: list[str] = field(default_factory=list)  # valid addresses, normalised (trimmed, lower-cased)
    phones: list[AdfPhone] = field(default_factory=list)
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    preferred_contact: str | None = None  # email, phone or sms when derivable
    company: str | None = None
    middle_name: str | None = None
    invalid_emails: list[str] = field(default_factory=list)  # as received

    @property
    def email(self) -> str | None:
        return self.emails[0] if self.emails else None

    @property
    def primary_phone(self) -> AdfPhone | None:
        """The preferred possible phone, else the first possible one."""
        usable = [phone for phone in self.phones if phone.e164]
        preferred = [phone for phone in usable if phone.preferred]
        return next(iter(preferred or usable), None)

    @property
    def has_contact(self) -> bool:
        return bool(self.emails) or self.primary_phone is not None


@dataclass
class AdfVehicle:
    interest: str = "buy"  # buy, lease, sell, trade-in, test-drive
    condition: str | None = None  # new, used, cpo (from status="", else <condition>)
    year: int | None = None
    make: str | None = None
    model: str | None = None
    trim: str | None = None
    body_style: str | None = None
    vin: str | None = None
    stock_number: str | None = None
    exterior_color: str | None = None
    interior_color: str | None = None
    transmission: str | None = None
    fuel_type: str | None = None
    mileage: int | None = None
    price_cents: int | None = None
    price_type: str | None = None
    comments: str | None = None
    options: list[str] = field(default_factory=list)
    engine: str | None = None
    doors: int | None = None
    mileage_units: str | None = None  # as sent (miles, km…); the number is not converted
    price_currency: str | None = None
    prices: dict[str, int] = field(default_factory=dict)  # price type -> cents, every non-zero typed price
    from_comments: list[str] = field(default_factory=list)  # fields filled from the lead's comments

    @property
    def is_wanted(self) -> bool:
        return self.interest in WANTED_INTERESTS


@dataclass
class ParsedLead:
    customer: AdfContact
    ids: list[AdfId] = field(default_factory=list)
    status: str | None = None  # new, resend
    request_date: datetime | None = None  # tz-aware; UTC when the sender gave no zone
    vehicles: list[AdfVehicle] = field(default_factory=list)
    comments: str | None = None
    timeframe: str | None = None
    vendor_name: str | None = None
    vendor_id: str | None = None
    vendor_contact: AdfContact | None = None
    provider_name: str | None = None
    provider_id: str | None = None
    provider_service: str | None = None
    provider_url: str | None = None
    request_type: str | None = None  # purchase, lease, test_drive, trade_in, finance, info
    is_sales_lead: bool = True
    non_sales_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    vendor_url: str | None = None
    provider_contact: AdfContact | None = None
    timeframe_earliest: date | None = None
    timeframe_latest: date | None = None
    comment_fields: dict[str, str] = field(default_factory=dict)  # "Key: value" lines, keys lower-cased
    recovered: bool = False  # True when the tolerant fallback read a document that was not well-formed

    @property
    def primary_id(self) -> AdfId | None:
        """The id with the lowest sequence (an id without sequence ranks after numbered ones)."""
        if not self.ids:
            return None
        ranked = sorted(
            enumerate(self.ids), key=lambda item: (item[1].sequence is None, item[1].sequence or 0, item[0])
        )
        return ranked[0][1]


# --- loading: size, BOM, declaration, safe parse, tolerant fallback --------------------------------------

_XML_DECLARATION = re.compile(r"^<\?xml\b[^>]*\?>")
_DECLARED_ENCODING = re.compile(rb"^<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ENCODING_ATTRIBUTE = re.compile(r"\bencoding\s*=\s*[\"'][^\"']*[\"']")
_DOCUMENT_START = re.compile(rb"<(?:\?xml\b|(?:[\w.-]+:)?adf\b|prospect\b)", re.IGNORECASE)
_POSITION_SUFFIX = re.compile(r":\s*line \d+, column \d+\s*$")


def _utf8_declaration(document: str) -> str:
    """The document with its XML declaration (if any) saying UTF-8, for text about to be encoded as UTF-8."""
    return _XML_DECLARATION.sub(lambda m: _ENCODING_ATTRIBUTE.sub('encoding="UTF-8"', m.group(0)), document, count=1)


def _too_large(size: int) -> AdfError:
    return AdfError(f"ADF document is {size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} bytes (1 MiB)")


def _as_bytes(document: bytes | str, warnings: list[str]) -> bytes:
    if isinstance(document, str):
        if len(document) > MAX_DOCUMENT_BYTES:
            raise _too_large(len(document.encode("utf-8", "surrogatepass")))
        # The text is re-encoded as UTF-8, so whatever encoding the declaration claims must now say UTF-8.
        data = _utf8_declaration(document.lstrip("\ufeff \t\r\n")).encode("utf-8")
    else:
        data = bytes(document)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(len(data))
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _as_bytes(data[len(bom) :].decode(codec), warnings)
            except UnicodeDecodeError as error:
                raise AdfError(f"document starts with a UTF-16 byte-order mark but is not UTF-16: {error}") from None
    data = data.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if not data.startswith(b"<"):
        match = _DOCUMENT_START.search(data)
        if match is None:
            raise AdfError("not an ADF document: no XML markup found (expected <adf> or <prospect>)")
        warnings.append(f"ignored {match.start()} bytes of text before the XML")
        data = data[match.start() :]
    return data


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _normalise_names(root: Element) -> None:
    for element in root.iter():
        element.tag = _local(element.tag)
        if element.attrib:
            element.attrib = {_local(key): value for key, value in element.attrib.items()}


def _load_strict(data: bytes) -> Element:
    root: Element | None = None
    depth = 0
    events = safe_et.iterparse(
        io.BytesIO(data), events=("start", "end"), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            depth += 1
            if depth > MAX_DEPTH:
                raise AdfError(
                    f"elements are nested deeper than {MAX_DEPTH} levels (at <{_local(element.tag)}>); "
                    "refused as a resource-exhaustion risk"
                )
            if root is None:
                root = element
    except EntitiesForbidden as error:
        raise AdfError(
            f"document declares the entity {error.name!r}: entity declarations are refused "
            "(external entities / XXE and entity expansion such as 'billion laughs'); nothing was expanded"
        ) from None
    except ExternalReferenceForbidden as error:
        raise AdfError(
            f"document references an external resource ({error.sysid or error.pubid!r}): refused, nothing was fetched"
        ) from None
    except DTDForbidden:
        raise AdfError("document has a DTD: refused") from None
    except DefusedXmlException as error:
        raise AdfError(f"document refused as unsafe XML: {error}") from None
    if root is None:
        raise AdfError("document has no root element")
    _normalise_names(root)
    return root


# Tolerant fallback: tokens of a not-well-formed document. Nothing but the five XML entities and character
# references is ever decoded, so it cannot expand or fetch anything.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|$)"
    r"|<\?.*?(?:\?>|$)"
    r"|<!(?P<decl>[^<>]*)>"
    r"|</\s*(?P<end>[\w:.-]+)\s*>"
    r"|<(?P<start>[\w:.-]+)(?P<attrs>(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Elements that only hold text: an unclosed one is closed by the next tag (HTML-parser style recovery).
_LEAF_TAGS = frozenset({
    "id", "requestdate", "year", "make", "model", "vin", "stock", "stocknumber", "trim", "doors", "bodystyle",
    "transmission", "odometer", "price", "imagetag", "comments", "comment", "email", "phone", "street", "apartment",
    "city", "regioncode", "postalcode", "country", "vendorname", "service", "url", "first", "last", "middle",
    "optionname", "manufacturercode", "description", "earliestdate", "latestdate", "exteriorcolor", "interiorcolor",
    "preference", "mileage", "fuel", "engine", "condition", "value",
})  # fmt: skip


def _decode_references(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        named, decimal, hexadecimal = match.groups()
        if named:
            return _PREDEFINED[named]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(code) if 0 < code <= 0x10FFFF else match.group(0)

    return _REFERENCE.sub(replace, text)


def _append_text(element: Element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _decode_for_fallback(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_ENCODING.match(data)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        return data.decode("cp1252", errors="replace")


def _load_tolerant(data: bytes, error: AdfError) -> Element:
    text = _decode_for_fallback(data)
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise error  # never second-guess a document that carries a DTD
    document = Element("#document")
    stack = [document]
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            _append_text(stack[-1], _decode_references(text[position : match.start()]))
        position = match.end()
        if match.group("cdata") is not None:
            _append_text(stack[-1], match.group("cdata"))
        elif match.group("end"):
            name = _local(match.group("end"))
            for index in range(len(stack) - 1, 0, -1):
                if stack[index].tag == name:
                    del stack[index:]
                    break
        elif match.group("start"):
            if len(stack) > 1 and stack[-1].tag in _LEAF_TAGS:
                stack.pop()
            attributes = {
                _local(key): _decode_references(double if double is not None else single or "")
                for key, double, single in _ATTRIBUTE.findall(match.group("attrs") or "")
            }
            child = SubElement(stack[-1], _local(match.group("start")), attributes)
            if not match.group("empty"):
                stack.append(child)
                if len(stack) - 1 > MAX_DEPTH:
                    raise AdfError(f"elements are nested deeper than {MAX_DEPTH} levels (at <{child.tag}>); refused")
    if position < len(text):
        _append_text(stack[-1], _decode_references(text[position:]))
    return document


def _load(data: bytes, warnings: list[str]) -> tuple[Element, AdfError | None]:
    """The element tree, and the strict parser's error when the tolerant fallback had to read it."""
    try:
        return _load_strict(data), None
    except ParseError as parse_error:
        line, column = parse_error.position
        message = _POSITION_SUFFIX.sub("", str(parse_error))
        error = AdfError(f"malformed XML at line {line}, column {column}: {message}", line=line, column=column)
        root = _load_tolerant(data, error)
        prospects = _prospects(root)
        if not prospects:
            raise error from None
        warnings.append(f"{error.reason}; read with the tolerant fallback parser, check the result")
        return root, error


def _prospects(root: Element) -> list[Element]:
    if root.tag == "prospect":
        return [root]
    direct = [child for child in root if child.tag == "prospect"]
    return direct or [element for element in root.iter("prospect") if element is not root]


# --- small readers ---------------------------------------------------------------------------------------

_TRUE = frozenset({"1", "true", "yes", "y", "on"})


def _kids(element: Element | None, *names: str) -> list[Element]:
    if element is None:
        return []
    return [child for child in element if child.tag in names]


def _kid(element: Element | None, *names: str) -> Element | None:
    for name in names:
        for child in _kids(element, name):
            return child
    return None


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    value = " ".join("".join(element.itertext()).split())
    return value or None


def _own_text(element: Element) -> str | None:
    """Text of the element itself, not of its children (for mixed content left by the fallback parser)."""
    value = " ".join((element.text or "").split())
    return value or None


def _field(element: Element | None, *names: str) -> str | None:
    for name in names:
        for child in _kids(element, name):
            value = _text(child) if not len(child) else _own_text(child) or _text(child)
            if value:
                return value
    return None


def _int4(value: int) -> int | None:
    """The value if an int column can hold it, else None (the caller warns, as for any unreadable value)."""
    return value if -INT4_MAX - 1 <= value <= INT4_MAX else None


def _integer(raw: str | None) -> int | None:
    """The first integer in the text; None if there is none or it does not fit an int column."""
    if raw is None:
        return None
    match = re.search(r"-?\d[\d,]*", raw)
    if match is None:
        return None
    digits = match.group(0).replace(",", "")
    return _int4(int(digits)) if len(digits) <= 20 else None


def _money_cents(raw: str) -> int | None:
    """Cents from '$59,277.00', '32500', 'USD 1.234,56' is not supported (US formats only). None if no number or
    more cents than an int column holds."""
    cleaned = re.sub(r"[^\d.\-]", "", raw.replace(",", ""))
    if not cleaned or cleaned in {"-", ".", "-."}:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) > INT4_MAX:
        return None
    return _int4(int((amount * 100).to_integral_value()))


# --- comments ----------------------------------------------------------------------------------------------

_BREAK = re.compile(r"<br\s*/?>[ \t]*(?:\r?\n)?", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|tr)\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 ?/()'#.&-]{0,48}?)\s*:(?!//)\s*(?P<value>.*?)\s*$")
_SEGMENT_SPLIT = re.compile(r",\s+(?=[A-Z][A-Za-z0-9 ]{0,30}:\s)")


def _clean_comment(raw: str) -> str | None:
    text = _BREAK.sub("\n", raw)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) or None


def _rich_text(element: Element) -> str | None:
    """Text of a comment element: `<br/>` children (and `<br />` inside CDATA) become newlines, tags are stripped."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "br":
                parts.append("\n")
            elif child.tag in {"p", "div", "li"}:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return _clean_comment("".join(parts))


def comment_fields(text: str | None) -> dict[str, str]:
    """'Key: value' pairs of a comment (one per line, or comma-separated 'A: 1, B: 2'); keys lower-cased."""
    fields: dict[str, str] = {}
    for line in (text or "").splitlines():
        for segment in _SEGMENT_SPLIT.split(line):
            match = _KEY_VALUE.match(segment)
            if match and match.group("value"):
                key = " ".join(match.group("key").lower().replace("?", " ").split())
                fields.setdefault(key, match.group("value"))
    return fields


# --- contacts ----------------------------------------------------------------------------------------------

_PREFERRED_IN_TEXT = re.compile(
    r"(?:preferred\s*(?:method\s*of\s*)?contact(?:\s*method)?|contact\s*preference|best\s*way\s*to\s*contact(?:\s*you)?)"
    r"\s*[:=\-]\s*(?P<value>[A-Za-z][A-Za-z()/ -]{0,30})",
    re.IGNORECASE,
)


def _contact_preference(value: str) -> str | None:
    lowered = value.lower()
    if "sms" in lowered or "text" in lowered:
        return "sms"
    if "mail" in lowered:
        return "email"
    if any(word in lowered for word in ("phone", "call", "voice", "cell", "mobile")):
        return "phone"
    return None


def _read_names(element: Element, contact: AdfContact) -> None:
    for name in _kids(element, "name"):
        part = (name.get("part") or "").strip().lower()
        nested = {child.tag: _text(child) for child in name if child.tag in {"first", "last", "middle", "full"}}
        if any(nested.values()):
            contact.first_name = contact.first_name or nested.get("first")
            contact.last_name = contact.last_name or nested.get("last")
            contact.middle_name = contact.middle_name or nested.get("middle")
            contact.full_name = contact.full_name or nested.get("full")
            continue
        value = _text(name)
        if not value:
            continue
        if part == "first":
            contact.first_name = contact.first_name or value
        elif part == "last":
            contact.last_name = contact.last_name or value
        elif part == "middle":
            contact.middle_name = contact.middle_name or value
        elif part == "company":
            contact.company = contact.company or value
        else:
            contact.full_name = contact.full_name or value
    contact.first_name = contact.first_name or _field(element, "firstname", "first_name", "first")
    contact.last_name = contact.last_name or _field(element, "lastname", "last_name", "last")
    contact.company = contact.company or _field(element, "company", "companyname")
    if contact.full_name and not (contact.first_name or contact.last_name):
        contact.first_name, contact.last_name = split_name(contact.full_name)
    if not contact.full_name and (contact.first_name or contact.last_name):
        parts = (contact.first_name, contact.middle_name, contact.last_name)
        contact.full_name = " ".join(part for part in parts if part)


def _read_address(element: Element, contact: AdfContact) -> None:
    found = _kid(element, "address")
    address = found if found is not None else element  # (an Element without children is falsy: no `or`)
    streets = [value for value in (_own_text(s) or _text(s) for s in _kids(address, "street")) if value]
    apartment = _field(address, "apartment", "suite", "unit")
    contact.street = ", ".join([*streets, *([apartment] if apartment else [])]) or None
    contact.city = _field(address, "city")
    contact.region = _field(address, "regioncode", "region", "state", "province")
    contact.postal_code = _field(address, "postalcode", "postal_code", "zip", "zipcode", "zip_code")
    contact.country = _field(address, "country", "countrycode")


def _phone_region(contact: AdfContact, default: str) -> str:
    country = (contact.country or "").strip().upper()
    if len(country) == 2 and country.isalpha():
        return country
    return default


def _read_contact(element: Element, region: str, where: str, warnings: list[str]) -> AdfContact:
    contact = AdfContact()
    _read_names(element, contact)
    _read_address(element, contact)
    for email_element in _kids(element, "email"):
        raw = _text(email_element)
        if not raw:
            continue
        normalised = normalize_email(raw)
        if normalised is None:
            contact.invalid_emails.append(raw)
            warnings.append(f"{where}: {raw!r} is not a valid e-mail address; ignored")
            continue
        if normalised not in contact.emails:
            contact.emails.append(normalised)
        if (email_element.get("preferredcontact") or "").strip().lower() in _TRUE:
            contact.preferred_contact = contact.preferred_contact or "email"
    phone_region = _phone_region(contact, region)
    for phone_element in _kids(element, "phone"):
        raw = _own_text(phone_element) or _text(phone_element)
        if not raw:
            continue
        phone = AdfPhone(
            number=raw,
            type=(phone_element.get("type") or "").strip().lower() or None,
            time=(phone_element.get("time") or "").strip().lower() or None,
            e164=normalize_phone(raw, phone_region),
            preferred=(phone_element.get("preferredcontact") or "").strip().lower() in _TRUE,
        )
        if phone.e164 is None:
            warnings.append(f"{where}: {raw!r} is not a possible phone number for region {phone_region}")
        contact.phones.append(phone)
        if phone.preferred and phone.e164:
            contact.preferred_contact = contact.preferred_contact or (
                "sms" if phone.type in {"sms", "text"} else "phone"
            )
    return contact


def _customer_contact(customer: Element) -> Element:
    contacts = _kids(customer, "contact")
    primary = [c for c in contacts if (c.get("primarycontact") or "").strip().lower() in _TRUE]
    return (primary or contacts or [customer])[0]


# --- vehicles ----------------------------------------------------------------------------------------------

_INTEREST_ALIASES = {
    "buy": "buy", "purchase": "buy", "lease": "lease", "sell": "sell",
    "trade-in": "trade-in", "tradein": "trade-in", "trade": "trade-in",
    "test-drive": "test-drive", "testdrive": "test-drive", "test-ride": "test-drive", "testride": "test-drive",
}  # fmt: skip
_CONDITION_ALIASES = {
    "new": "new", "used": "used", "pre-owned": "used", "preowned": "used",
    "cpo": "cpo", "certified": "cpo", "certified-pre-owned": "cpo", "certified-used": "cpo",
}  # fmt: skip
_PRICE_PREFERENCE = ("quote", "offer", "asking", "", "appraisal", "msrp", "invoice")


def _key(value: str | None) -> str:
    return re.sub(r"[\s_]+", "-", (value or "").strip().lower())


def _read_prices(element: Element, vehicle: AdfVehicle, where: str, warnings: list[str]) -> None:
    candidates: list[tuple[str, int, str | None]] = []
    for price in _kids(element, "price"):
        raw = _text(price)
        if not raw:
            continue
        cents = _money_cents(raw)
        price_type = (price.get("type") or "").strip().lower()
        if cents is None or cents < 0:
            warnings.append(f"{where}: price {raw!r} is not a usable amount; ignored")
            continue
        if cents == 0:
            continue  # "0.00" is a form placeholder, not a price
        currency = (price.get("currency") or "").strip() or None
        candidates.append((price_type, cents, currency))
        if price_type:
            vehicle.prices.setdefault(price_type, cents)
    if not candidates:
        return

    def rank(candidate: tuple[str, int, str | None]) -> int:
        return _PRICE_PREFERENCE.index(candidate[0]) if candidate[0] in _PRICE_PREFERENCE else len(_PRICE_PREFERENCE)

    price_type, vehicle.price_cents, vehicle.price_currency = min(candidates, key=rank)
    vehicle.price_type = price_type or None


def _read_options(element: Element) -> list[str]:
    options: list[str] = []
    for option in [
        *_kids(element, "option"),
        *(o for group in _kids(element, "options") for o in _kids(group, "option")),
    ]:
        value = _field(option, "optionname", "name") if len(option) else _text(option)
        if value and value not in options:
            options.append(value)
    return options


def _read_vehicle(element: Element, index: int, warnings: list[str]) -> AdfVehicle:
    where = f"vehicle {index}"
    vehicle = AdfVehicle()
    interest = _key(element.get("interest"))
    if interest:
        if interest in _INTEREST_ALIASES:
            vehicle.interest = _INTEREST_ALIASES[interest]
        else:
            warnings.append(f"{where}: unknown interest {element.get('interest')!r}; read as 'buy'")
    condition = _key(element.get("status")) or _key(_field(element, "condition"))
    vehicle.condition = _CONDITION_ALIASES.get(condition)
    year = _integer(_field(element, "year", "modelyear"))
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        warnings.append(f"{where}: year {year} is outside {YEAR_MIN}-{YEAR_MAX}; ignored")
        year = None
    vehicle.year = year
    vehicle.make = _field(element, "make")
    vehicle.model = _field(element, "model")
    vehicle.trim = _field(element, "trim")
    vehicle.body_style = _field(element, "bodystyle", "body_style", "body", "bodytype")
    vehicle.stock_number = _field(element, "stock", "stocknumber", "stock_number", "stockno", "stocknum")
    colours = _kid(element, "colorcombination")
    vehicle.exterior_color = _field(colours, "exteriorcolor") or _field(
        element, "exteriorcolor", "exterior_color", "color", "colour"
    )
    vehicle.interior_color = _field(colours, "interiorcolor") or _field(element, "interiorcolor", "interior_color")
    vehicle.transmission = _field(element, "transmission")
    vehicle.fuel_type = _field(element, "fuel", "fueltype", "fuel_type")
    vehicle.engine = _field(element, "engine")
    vehicle.doors = _integer(_field(element, "doors"))
    odometer = _kid(element, "odometer", "mileage", "miles")
    if odometer is not None:
        raw = _text(odometer)
        vehicle.mileage = _integer(raw)
        vehicle.mileage_units = (odometer.get("units") or odometer.get("unit") or "").strip().lower() or None
        if raw and (vehicle.mileage is None or vehicle.mileage < 0):
            warnings.append(f"{where}: odometer {raw!r} is not a number of miles; ignored")
            vehicle.mileage = None
    _read_prices(element, vehicle, where, warnings)
    vehicle.options = _read_options(element)
    comment = _kid(element, "comments", "comment")
    vehicle.comments = _rich_text(comment) if comment is not None else None
    _set_vin(vehicle, _field(element, "vin"), where, warnings)
    return vehicle


_TRADE_BLOCKS = ("tradein", "trade-in", "trade_in", "trade", "tradeinvehicle")


def _read_vehicles(prospect: Element, customer: Element | None, warnings: list[str]) -> list[AdfVehicle]:
    """`<vehicle>` elements in document order, then separate trade-in blocks (`<tradein>…</tradein>`, with or
    without a `<vehicle>` inside, under the prospect or the customer), which are trade-ins whatever they say."""
    vehicles: list[AdfVehicle] = []
    for element in _kids(prospect, "vehicle"):
        vehicles.append(_read_vehicle(element, len(vehicles) + 1, warnings))
    for block in [*_kids(prospect, *_TRADE_BLOCKS), *_kids(customer, *_TRADE_BLOCKS)]:
        for element in _kids(block, "vehicle") or [block]:
            vehicle = _read_vehicle(element, len(vehicles) + 1, warnings)
            vehicle.interest = "trade-in"
            vehicles.append(vehicle)
    return vehicles


def _set_vin(vehicle: AdfVehicle, raw: str | None, where: str, warnings: list[str]) -> None:
    if not raw:
        return
    check = check_vin(raw)
    if not check.valid:
        warnings.append(f"{where}: {check.message}; VIN ignored")
        return
    if check.check_digit_ok is False:
        warnings.append(f"{where}: {check.message}")
    vehicle.vin = check.vin


def _is_empty(vehicle: AdfVehicle) -> bool:
    return not any((vehicle.year, vehicle.make, vehicle.model, vehicle.vin, vehicle.stock_number))


_COMMENT_KEYS: dict[str, tuple[str, ...]] = {
    "year": ("year", "model year", "inventory year", "vehicle year"),
    "make": ("make", "inventory make", "vehicle make"),
    "model": ("model", "inventory model", "vehicle model"),
    "trim": ("trim", "inventory trim"),
    "vin": ("vin", "inventory vin"),
    "stock_number": ("stock", "stock id", "stock number", "stock #", "stock no", "inventory stock id"),
    "mileage": ("mileage", "odometer", "miles"),
    "exterior_color": ("color", "exterior color", "colour"),
}


def _comment_target(vehicles: list[AdfVehicle]) -> AdfVehicle | None:
    target: AdfVehicle | None = None
    if len(vehicles) == 1:
        target = vehicles[0]
    else:
        gaps = [v for v in vehicles if v.interest != "trade-in" and not (v.year and v.make and v.model)]
        target = gaps[0] if gaps else None
    if target is None or (target.year and target.make and target.model):
        return None
    return target


def _fill_from_comments(vehicles: list[AdfVehicle], fields: dict[str, str], warnings: list[str]) -> None:
    target = _comment_target(vehicles)
    if target is None:
        return
    where = f"vehicle {vehicles.index(target) + 1}"
    for attribute, keys in _COMMENT_KEYS.items():
        value = next((fields[key] for key in keys if fields.get(key)), None)
        if value is None or getattr(target, attribute):
            continue
        if attribute == "year":
            year = _integer(value)
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                continue
            target.year = year
        elif attribute == "mileage":
            mileage = _integer(value)
            if mileage is None or mileage < 0:
                continue
            target.mileage = mileage
        elif attribute == "vin":
            _set_vin(target, value, where, warnings)
            if target.vin is None:
                continue
        else:
            setattr(target, attribute, value)
        target.from_comments.append(attribute)
    if target.from_comments:
        warnings.append(
            f"{where}: {', '.join(target.from_comments)} read from the comments (the <vehicle> left them empty)"
        )


def _flag_mirrored_trades(vehicles: list[AdfVehicle], warnings: list[str]) -> None:
    """Warn about a trade-in that only repeats a wanted vehicle (a form-mapping artefact seen in real traffic)."""
    wanted = [v for v in vehicles if v.is_wanted and v.model]
    for index, trade in enumerate(vehicles, start=1):
        if trade.interest != "trade-in" or not trade.model or trade.year or trade.vin or trade.mileage:
            continue
        model = trade.model.lower()
        for other in wanted:
            same_make = (trade.make or "").lower() == (other.make or "").lower()
            other_model = (other.model or "").lower()
            if same_make and (model in other_model or other_model in model):
                warnings.append(
                    f"vehicle {index} (trade-in) only repeats the wanted {other.model!r}; it may not be a real trade"
                )
                break


# --- lead-level derivations ---------------------------------------------------------------------------------

_FINANCE = re.compile(r"\b(?:credit|financ\w*|hdfs|coa|loan|pre-?approv\w*|pre-?qual\w*)\b", re.IGNORECASE)
_TEST_DRIVE = re.compile(r"\btest[\s_-]?(?:drive|ride)s?\b", re.IGNORECASE)
_JOB_STRONG = re.compile(r"\b(?:interview(?:ing)?|jobs?|employment|hiring|resum[eé]|careers?)\b", re.IGNORECASE)
_JOB_ANY = re.compile(
    r"\b(?:interview(?:ing)?|jobs?|employment|hiring|hire|resum[eé]|careers?|position|apply(?:ing)?|applicant)\b",
    re.IGNORECASE,
)
_SOLICITATION = re.compile(
    r"\b(?:seo|search engine optimi[sz]ation|backlinks?|web design services|marketing services"
    r"|google (?:ranking|reviews) services|lead generation services)\b",
    re.IGNORECASE,
)
# Words of a buyer: a comment that has them stays a sales lead even if it mentions a job ("new job, need a car").
_BUYER_WORDS = re.compile(
    r"\b(?:financ\w*|cars?|vehicles?|trucks?|suvs?|test[\s-]?(?:drive|ride)|trade[\s-]?in|prices?|pricing|leas\w*"
    r"|buy\w*|purchas\w*|payments?|quotes?|apr|inventory)\b",
    re.IGNORECASE,
)


def _words(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted({match.group(0).lower() for match in pattern.finditer(text)})


def _non_sales_reason(comments: str | None, vehicles: list[AdfVehicle]) -> str | None:
    """Why this is not a sales enquiry, or None. Only without a named vehicle: a lead with a car is a lead.

    Job application: a strong employment word (interview, job, employment, hiring, resume, career) plus at least
    one more employment word, and no buyer words. Vendor solicitation: one solicitation phrase (SEO, backlinks…).
    """
    if not comments or vehicles:
        return None
    solicitation = _words(_SOLICITATION, comments)
    if solicitation:
        return f"not a sales enquiry: the comments read as a vendor solicitation ({', '.join(map(repr, solicitation))})"
    employment = _words(_JOB_ANY, comments)
    if _JOB_STRONG.search(comments) and len(employment) >= 2 and not _BUYER_WORDS.search(comments):
        quoted = ", ".join(map(repr, employment))
        return f"not a sales enquiry: the comments read as a job application ({quoted}) and no vehicle is named"
    return None


def _request_values(prospect: Element, customer: Element | None) -> list[str]:
    values: list[str] = []
    for element in [*_kids(customer, "requesttype"), *_kids(prospect, "requesttype")]:
        children = _kids(element, "value")
        values.extend(v for v in (_text(c) for c in children) if v)
        if not children and _text(element):
            values.append(_text(element) or "")
        if element.get("type"):
            values.append(element.get("type") or "")
    return [_key(value).replace("-", "_") for value in values]


def _request_type(lead: ParsedLead, explicit: list[str], sources: str) -> str:
    if not lead.is_sales_lead:
        return "info"
    if _FINANCE.search(sources) or any(v in {"finance", "credit", "credit_application"} for v in explicit):
        return "finance"
    if (
        any(v.interest == "test-drive" for v in lead.vehicles)
        or any(v in {"test_drive", "testdrive", "test_ride"} for v in explicit)
        or _TEST_DRIVE.search(sources)
        or _TEST_DRIVE.search(lead.comments or "")
    ):
        return "test_drive"
    wanted = [v for v in lead.vehicles if v.is_wanted]
    if any(v.interest == "lease" for v in wanted) or "lease" in explicit:
        return "lease"
    if wanted or "purchase" in explicit:
        return "purchase"
    if any(v.interest in {"trade-in", "sell"} for v in lead.vehicles) or "trade_in" in explicit:
        return "trade_in"
    return "info"


_DATE_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S %z",
)  # fmt: skip


def _request_date(raw: str | None, warnings: list[str]) -> datetime | None:
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        for pattern in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(raw, pattern)
                break
            except ValueError:
                continue
        else:
            warnings.append(f"requestdate {raw!r} is not a date; ignored")
            return None
        warnings.append(f"requestdate {raw!r} is not ISO 8601; read as {parsed.isoformat()}")
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _iso_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _timeframe(lead: ParsedLead, element: Element | None, warnings: list[str]) -> None:
    if element is None:
        for key in ("purchase timeframe", "timeframe", "time frame", "when do you plan to purchase"):
            if lead.comment_fields.get(key):
                lead.timeframe = lead.comment_fields[key][:TIMEFRAME_MAX_LENGTH]
                return
        return
    description = _field(element, "description") or (_text(element) if not len(element) else None)
    earliest_raw, latest_raw = _field(element, "earliestdate"), _field(element, "latestdate")
    lead.timeframe_earliest, lead.timeframe_latest = _iso_date(earliest_raw), _iso_date(latest_raw)
    span = " to ".join(value for value in (earliest_raw, latest_raw) if value)
    if earliest_raw and not latest_raw:
        span = f"from {earliest_raw}"
    elif latest_raw and not earliest_raw:
        span = f"by {latest_raw}"
    text = f"{description} ({span})" if description and span else description or span or None
    if text and len(text) > TIMEFRAME_MAX_LENGTH:
        warnings.append(f"timeframe is longer than {TIMEFRAME_MAX_LENGTH} characters; cut")
        text = text[:TIMEFRAME_MAX_LENGTH]
    lead.timeframe = text


def _join_comments(elements: Iterable[Element]) -> str | None:
    parts: list[str] = []
    for element in elements:
        text = _rich_text(element)
        if text and text not in parts:
            parts.append(text)
    return "\n\n".join(parts) or None


# --- parse_adf -----------------------------------------------------------------------------------------------


def _parse_prospect(prospect: Element, root: Element, region: str, warnings: list[str]) -> ParsedLead:
    customer_element = _kid(prospect, "customer")
    contact_element = _customer_contact(customer_element) if customer_element is not None else None
    if contact_element is None:
        raise AdfError("ADF has no customer contact: need an email or a phone (no <customer> element)",
                       field="customer.contact")  # fmt: skip
    customer = _read_contact(contact_element, region, "customer.contact", warnings)
    if not customer.has_contact:
        sent = [repr(v) for v in customer.invalid_emails] + [repr(p.number) for p in customer.phones]
        detail = f" (unusable: {', '.join(sent)})" if sent else ""
        raise AdfError(f"ADF has no customer contact: need an email or a phone{detail}", field="customer.contact")
    lead = ParsedLead(customer=customer, warnings=warnings)
    for id_element in _kids(prospect, "id"):
        value = _text(id_element)
        if value:
            sequence = (id_element.get("sequence") or "").strip()
            lead.ids.append(AdfId(value, (id_element.get("source") or "").strip() or None,
                                  int(sequence) if sequence.isdigit() else None))  # fmt: skip
    status = (prospect.get("status") or "").strip().lower()
    lead.status = status if status in {"new", "resend"} else None
    if status and lead.status is None:
        warnings.append(f"prospect status {prospect.get('status')!r} is neither 'new' nor 'resend'; ignored")
    version = (root.get("version") or "").strip()
    if version and version != "1.0":
        warnings.append(f"ADF version {version!r}; read as 1.0")
    lead.request_date = _request_date(_field(prospect, "requestdate"), warnings)
    comment_elements = [*_kids(customer_element, "comments", "comment"), *_kids(contact_element, "comment", "comments")]
    lead.comments = _join_comments([*comment_elements, *_kids(prospect, "comments")])
    lead.comment_fields = comment_fields(lead.comments)
    if customer.preferred_contact is None:
        match = _PREFERRED_IN_TEXT.search(lead.comments or "")
        customer.preferred_contact = _contact_preference(match.group("value")) if match else None
    vehicles = _read_vehicles(prospect, customer_element, warnings)
    _fill_from_comments(vehicles, lead.comment_fields, warnings)
    for index, vehicle in enumerate(vehicles, start=1):
        if _is_empty(vehicle):
            warnings.append(f"vehicle {index} ({vehicle.interest}) names no year, make, model, VIN or stock; dropped")
    lead.vehicles = [vehicle for vehicle in vehicles if not _is_empty(vehicle)]
    _flag_mirrored_trades(lead.vehicles, warnings)
    timeframe = _kid(customer_element, "timeframe")
    _timeframe(lead, timeframe if timeframe is not None else _kid(prospect, "timeframe"), warnings)
    _read_parties(prospect, lead, region)
    lead.non_sales_reason = _non_sales_reason(lead.comments, lead.vehicles)
    lead.is_sales_lead = lead.non_sales_reason is None
    sources = " ".join(filter(None, [lead.provider_name, lead.provider_service, *(i.source for i in lead.ids)]))
    lead.request_type = _request_type(lead, _request_values(prospect, customer_element), sources)
    return lead


def _read_parties(prospect: Element, lead: ParsedLead, region: str) -> None:
    """Vendor (the dealership) and provider (the lead source); their contacts' problems are not the lead's."""
    vendor = _kid(prospect, "vendor")
    if vendor is not None:
        lead.vendor_name = _field(vendor, "vendorname", "name")
        lead.vendor_id = _field(vendor, "id")
        lead.vendor_url = _field(vendor, "url")
        contact = _kid(vendor, "contact")
        lead.vendor_contact = _read_contact(contact, region, "vendor.contact", []) if contact is not None else None
    provider = _kid(prospect, "provider")
    if provider is not None:
        lead.provider_name = _field(provider, "name")
        lead.provider_id = _field(provider, "id")
        lead.provider_service = _field(provider, "service")
        lead.provider_url = _field(provider, "url")
        contact = _kid(provider, "contact")
        lead.provider_contact = _read_contact(contact, region, "provider.contact", []) if contact is not None else None


def parse_adf_all(document: bytes | str, *, region: str = "US") -> list[ParsedLead]:
    """Every prospect of an ADF document (ADF allows several). `region` is the default for national phones."""
    warnings: list[str] = []
    data = _as_bytes(document, warnings)
    root, malformed = _load(data, warnings)
    prospects = _prospects(root)
    if not prospects:
        raise AdfError(f"not an ADF document: root element <{root.tag}> has no <prospect>", field="prospect")
    try:
        leads = [_parse_prospect(prospect, root, region, list(warnings)) for prospect in prospects]
    except AdfError as error:
        if malformed is None:
            raise
        raise AdfError(
            f"{malformed.reason}; the tolerant fallback could not make a lead of it either: {error.reason}",
            field=error.field,
            line=malformed.line,
            column=malformed.column,
        ) from None
    for lead in leads:
        lead.recovered = malformed is not None
    return leads


def parse_adf(document: bytes | str, *, region: str = "US") -> ParsedLead:
    """The (first) prospect of an ADF document; raises AdfError on anything that cannot become a lead."""
    leads = parse_adf_all(document, region=region)
    if len(leads) > 1:
        leads[0].warnings.append(f"the document has {len(leads)} prospects; only the first was read")
    return leads[0]


# --- extract_adf_documents -----------------------------------------------------------------------------------

_XML_TYPES = frozenset({"application/xml", "text/xml", "application/adf+xml", "application/x-adf", "text/adf"})
# Start and end tags are found separately and paired in one pass (a single lazy `<adf>.*?</adf>` pattern is
# quadratic on hostile input with many unclosed starts); the prolog before a start is looked up in a short window.
_ADF_OPEN = re.compile(r"<(?:[\w.-]+:)?adf\b[^<>]{0,4096}>", re.IGNORECASE)
_ADF_CLOSE = re.compile(r"</(?:[\w.-]+:)?adf\s*>", re.IGNORECASE)
_PROSPECT_OPEN = re.compile(r"<prospect\b[^<>]{0,4096}>", re.IGNORECASE)
_PROSPECT_CLOSE = re.compile(r"</prospect\s*>", re.IGNORECASE)
_PROLOG = re.compile(r"(?:<\?xml\b[^<>]{0,500}\?>\s*)?(?:<\?adf\b[^<>]{0,500}\?>\s*)?$", re.IGNORECASE)
_ESCAPED_START = re.compile(r"&lt;\s*(?:\?xml\b|(?:[\w.-]+:)?adf\b|prospect\b)", re.IGNORECASE)
_XML_START = re.compile(rb"^(?:<\?xml\b[^>]*\?>\s*)?(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:[\w.-]+:)?(?:adf|prospect)\b",
                        re.IGNORECASE | re.DOTALL)  # fmt: skip
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]?")
_KNOWN_HEADERS = frozenset({
    b"from", b"to", b"cc", b"subject", b"date", b"mime-version", b"content-type", b"received", b"return-path",
    b"message-id", b"delivered-to",
})  # fmt: skip


def _looks_like_email(payload: bytes) -> bool:
    head = payload[:65536]
    if head.startswith(b"From "):  # an mbox "From_" line before the headers
        head = head.split(b"\n", 1)[-1]
    end = min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0), default=-1)
    if end <= 0:
        return False
    names: set[bytes] = set()
    for line in head[:end].splitlines():
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].lower())
    return bool(names & _KNOWN_HEADERS)


def _spans(text: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> list[str]:
    """Each opening tag paired with the first closing tag after it, with the XML/ADF declarations just before it."""
    found: list[str] = []
    closes = closing.finditer(text)
    end = 0
    for start in opening.finditer(text):
        if start.start() < end:
            continue  # inside the previous document
        close = next((c for c in closes if c.start() >= start.end()), None)
        if close is None:
            break
        window_start = max(0, start.start() - 1024)
        prolog = _PROLOG.search(text, window_start, start.start())
        begin = prolog.start() if prolog else start.start()
        found.append(text[begin : close.end()])
        end = close.end()
    return found


def _scan_text(text: str, *, is_html: bool) -> list[str]:
    """ADF documents inside free text: raw markup, or HTML-escaped (`&lt;adf&gt;`) as mail clients render it."""
    found = _spans(text, _ADF_OPEN, _ADF_CLOSE) or _spans(text, _PROSPECT_OPEN, _PROSPECT_CLOSE)
    if found or not _ESCAPED_START.search(text):
        return [_utf8_declaration(doc.replace("&nbsp;", " ") if is_html else doc) for doc in found]
    if is_html:
        text = _BREAK.sub("\n", text)
        text = _ANY_TAG.sub("", text)
    return _scan_text(html.unescape(text).replace("\xa0", " "), is_html=False)


def _decode(raw: bytes, charset: str | None) -> str:
    try:
        return raw.decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def _from_bytes(
    raw: bytes, *, is_html: bool, charset: str | None, maybe_quoted_printable: bool, whole_file: bool
) -> list[bytes]:
    """`whole_file`: the bytes are a file of their own (raw payload, attachment), not a body among other text."""
    if whole_file and _XML_START.match(raw.removeprefix(codecs.BOM_UTF8).lstrip()):
        return [raw]  # a whole XML document: returned untouched, its own declaration says its encoding
    if maybe_quoted_printable and re.search(rb"=3D[\"']|=\r?\n", raw):
        raw = quopri.decodestring(raw)
    return [doc.encode("utf-8") for doc in _scan_text(_decode(raw, charset), is_html=is_html)]


def _from_email(payload: bytes) -> list[bytes]:
    message = email.message_from_bytes(payload, policy=email.policy.default)
    documents: list[bytes] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        raw = part.get_payload(decode=True)
        if not isinstance(raw, bytes) or not raw:
            continue
        charset = part.get_content_charset()
        if filename.endswith((".xml", ".adf")) or content_type in _XML_TYPES:
            documents.extend(
                _from_bytes(raw, is_html=False, charset=charset, maybe_quoted_printable=False, whole_file=True)
            )
        elif content_type in {"text/plain", "text/html"}:
            html_part = content_type == "text/html"
            documents.extend(
                _from_bytes(raw, is_html=html_part, charset=charset, maybe_quoted_printable=False, whole_file=False)
            )
    return documents


def _unique(documents: list[bytes]) -> list[bytes]:
    seen: set[str] = set()
    unique: list[bytes] = []
    for document in documents:
        key = re.sub(r"\s+", "", document.decode("utf-8", errors="replace"))
        if key not in seen:
            seen.add(key)
            unique.append(document)
    return unique


_XML_DOCUMENT = re.compile(rb"<(?:\?xml|!DOCTYPE|(?:[\w-]+:)?adf\b|prospect\b)", re.IGNORECASE)


def extract_adf_documents(payload: bytes, content_type: str | None = None) -> list[bytes]:
    """Each ADF document in a payload: raw ADF XML, or a MIME e-mail carrying it in a text/plain or text/html
    body (quoted-printable, base64 or HTML-escaped, among other text) or as an attachment (.xml, .adf,
    application/xml, text/xml). Raw text bodies are also scanned (quoted-printable fragments are decoded).
    Returns [] when there is none; documents found in text are re-encoded as UTF-8 (declaration adjusted)."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise AdfError(f"payload is {len(payload):,} bytes; the limit is {MAX_PAYLOAD_BYTES:,} bytes")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type.startswith("multipart/"):
        header = f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n".encode("latin-1", errors="replace")
        return _unique(_from_email(header + payload))
    if media_type == "message/rfc822" or (media_type in {"", "text/plain"} and _looks_like_email(payload)):
        return _unique(_from_email(payload))
    if _XML_DOCUMENT.match(payload.lstrip(b"\xef\xbb\xbf \t\r\n")):
        # An XML document as sent: hand it over whole, so a DOCTYPE with entity declarations (XXE, "billion
        # laughs") reaches parse_adf and is refused there, instead of the <adf> element being cut out of it.
        return [payload]
    charset_match = re.search(r"charset\s*=\s*\"?([\w.-]+)", content_type or "", re.IGNORECASE)
    is_html = media_type == "text/html" or bool(re.search(rb"<(?:html|body|br|div|p)\b", payload[:4096], re.I))
    documents = _from_bytes(payload, is_html=is_html, charset=charset_match.group(1) if charset_match else None,
                            maybe_quoted_printable=True, whole_file=True)  # fmt: skip
    return _unique(documents)
