"""ADF bytes to an element tree: size limits, BOM and encoding, the safe strict parse and the tolerant
fallback for documents that are not well-formed; names are lower-cased and namespace-free."""

from __future__ import annotations

import codecs
import io
import re
from xml.etree.ElementTree import Element, ParseError, SubElement

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from showroom.leads.adf.model import MAX_DEPTH, MAX_DOCUMENT_BYTES, AdfError

_XML_DECLARATION = re.compile(r"^<\?xml\b[^>]*\?>")
_DECLARED_ENCODING = re.compile(rb"^<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ENCODING_ATTRIBUTE = re.compile(r"\bencoding\s*=\s*[\"'][^\"']*[\"']")
_DOCUMENT_START = re.compile(rb"<(?:\?xml\b|(?:[\w.-]+:)?adf\b|prospect\b)", re.IGNORECASE)
_POSITION_SUFFIX = re.compile(r":\s*line \d+, column \d+\s*$")


def utf8_declaration(document: str) -> str:
    """The document with its XML declaration (if any) saying UTF-8, for text about to be encoded as UTF-8."""
    return _XML_DECLARATION.sub(lambda m: _ENCODING_ATTRIBUTE.sub('encoding="UTF-8"', m.group(0)), document, count=1)


def _too_large(size: int) -> AdfError:
    return AdfError(f"ADF document is {size:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} bytes (1 MiB)")


def as_bytes(document: bytes | str, warnings: list[str]) -> bytes:
    if isinstance(document, str):
        if len(document) > MAX_DOCUMENT_BYTES:
            raise _too_large(len(document.encode("utf-8", "surrogatepass")))
        # The text is re-encoded as UTF-8, so whatever encoding the declaration claims must now say UTF-8.
        data = utf8_declaration(document.lstrip("\ufeff \t\r\n")).encode("utf-8")
    else:
        data = bytes(document)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(len(data))
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return as_bytes(data[len(bom) :].decode(codec), warnings)
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


def load(data: bytes, warnings: list[str]) -> tuple[Element, AdfError | None]:
    """The element tree, and the strict parser's error when the tolerant fallback had to read it."""
    try:
        return _load_strict(data), None
    except ParseError as parse_error:
        line, column = parse_error.position
        message = _POSITION_SUFFIX.sub("", str(parse_error))
        error = AdfError(f"malformed XML at line {line}, column {column}: {message}", line=line, column=column)
        root = _load_tolerant(data, error)
        prospects = find_prospects(root)
        if not prospects:
            raise error from None
        warnings.append(f"{error.reason}; read with the tolerant fallback parser, check the result")
        return root, error


def find_prospects(root: Element) -> list[Element]:
    if root.tag == "prospect":
        return [root]
    direct = [child for child in root if child.tag == "prospect"]
    return direct or [element for element in root.iter("prospect") if element is not root]
