"""ADF documents in a payload: raw ADF XML, or a MIME e-mail carrying it in a text body (plain, HTML,
quoted-printable, HTML-escaped) or as an attachment."""

from __future__ import annotations

import codecs
import email
import email.policy
import html
import quopri
import re

from showroom.leads.adf.comments import ANY_TAG, BREAK
from showroom.leads.adf.loading import utf8_declaration
from showroom.leads.adf.model import MAX_PAYLOAD_BYTES, AdfError

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
        return [utf8_declaration(doc.replace("&nbsp;", " ") if is_html else doc) for doc in found]
    if is_html:
        text = BREAK.sub("\n", text)
        text = ANY_TAG.sub("", text)
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
