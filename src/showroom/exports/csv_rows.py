"""Turning database rows into CSV text: plain cells, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...except a number or a phone number, which stays as it is ("+1 312 555 0100", "-12.5").
NUMBER_LIKE = re.compile(r"[+-][\d\s().,-]*")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only with it


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER_LIKE.fullmatch(text):
        return "'" + text
    return text


class CsvText:
    """CSV lines written to a buffer and taken out in chunks."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def header(self, names: Sequence[str]) -> bytes:
        self._writer.writerow(names)
        return (BOM + self._take()).encode()

    def rows(self, rows: Iterable[Sequence[Any]]) -> bytes:
        self._writer.writerows([cell(v) for v in row] for row in rows)
        return self._take().encode()

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text
